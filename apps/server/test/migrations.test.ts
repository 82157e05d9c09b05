import { afterAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { createTestDatabase, testEngines, type TestDatabase } from './support/databases.js';
import { runBuilt } from './support/processes.js';

const TABLES = [
  'accounts',
  'cashiers',
  'discount_types',
  'drawers',
  'idempotency_keys',
  'login_failures',
  'payment_voids',
  'payments',
  'refunds',
  'rooms',
  'service_categories',
  'service_classifications',
  'services',
  'sessions',
  'therapists',
  'transaction_counters',
  'transaction_discounts',
  'transaction_events',
  'transaction_items',
  'transactions',
];

/** table → column → nullable, the part of the schema every engine must agree on. */
async function schemaShape(database: Database): Promise<Record<string, Record<string, boolean>>> {
  const tables = await database.db.introspection.getTables();
  const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name);
  return Object.fromEntries(
    [...tables]
      .sort(byName)
      .map((table) => [
        table.name,
        Object.fromEntries([...table.columns].sort(byName).map((column) => [column.name, column.isNullable])),
      ]),
  );
}

describe('migrations', () => {
  const opened: TestDatabase[] = [];
  afterAll(async () => {
    for (const testDb of opened) await testDb.drop();
  });

  const shapes = new Map<string, Record<string, Record<string, boolean>>>();

  describe.each(testEngines())('on %s', (engine) => {
    it('create every table of the data model, and a second run changes nothing', async () => {
      const testDb = await createTestDatabase(engine);
      opened.push(testDb);
      expect(await migrateToLatest(testDb.database)).toEqual([
        '0001-initial',
        '0002-event-snapshots',
        '0003-login-failures',
        '0004-counter-money',
        '0005-drawers-earnings',
      ]);
      expect(await migrateToLatest(testDb.database)).toEqual([]);
      const shape = await schemaShape(testDb.database);
      expect(Object.keys(shape)).toEqual(TABLES);
      shapes.set(engine, shape);
    });

    it('are safe when several nodes start at once', async () => {
      const testDb = await createTestDatabase(engine);
      opened.push(testDb);
      const nodes = await Promise.all(
        Array.from({ length: 4 }, () => runBuilt('cli/db-migrate.js', { env: { DATABASE_URL: testDb.url } })),
      );
      expect(nodes.map((node) => [node.code, node.stderr])).toEqual(Array.from({ length: 4 }, () => [0, '']));
      const outputs = nodes.map((node) => node.stdout.trim());
      expect(outputs.filter((output) => output.startsWith('Applied 5 migration(s)'))).toHaveLength(1);
      expect(outputs.filter((output) => output.endsWith('is up to date.'))).toHaveLength(3);
      expect(Object.keys(await schemaShape(testDb.database))).toEqual(TABLES);
    });
  });

  it('give every engine the same tables, columns and nullability', () => {
    const reference = shapes.get('sqlite');
    expect(reference).toBeDefined();
    expect(reference!.transactions!.status).toBe(false);
    expect(reference!.transactions!.code).toBe(true);
    expect(reference!.transaction_counters!.business_date).toBe(false);
    expect(reference!.transaction_events!.snapshot).toBe(true);
    for (const [engine, shape] of shapes) {
      expect({ engine, shape }).toEqual({ engine, shape: reference });
    }
  });
});
