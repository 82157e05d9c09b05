import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { seedDemoData, seedIfEmpty } from '../src/db/seed.js';
import { ManualClock } from './support/clock.js';
import { createTestDatabase, testEngines, type TestDatabase } from './support/databases.js';

const SEEDED_TABLES = [
  'accounts',
  'therapists',
  'cashiers',
  'rooms',
  'service_categories',
  'services',
  'service_classifications',
] as const;

async function snapshot(database: Database) {
  const tables: Record<string, unknown[]> = {};
  for (const table of SEEDED_TABLES) {
    tables[table] = await database.db.selectFrom(table).selectAll().execute();
  }
  return tables;
}

describe.each(testEngines())('demo seed on %s', (engine) => {
  let testDb: TestDatabase;
  const clock = new ManualClock();

  beforeAll(async () => {
    testDb = await createTestDatabase(engine);
    await migrateToLatest(testDb.database);
  });
  afterAll(async () => testDb?.drop());

  it('loads the demo shop into an empty database', async () => {
    const result = await seedIfEmpty(testDb.database, clock.now());
    const db = testDb.database.db;
    const accounts = await db.selectFrom('accounts').select(['username', 'role']).orderBy('id').execute();
    expect(accounts).toEqual([
      ...[1, 2, 3, 4].map((n) => ({ username: `therapist${n}`, role: 'therapist' })),
      ...[1, 2, 3, 4].map((n) => ({ username: `cashier${n}`, role: 'cashier' })),
      { username: 'monitor1', role: 'monitor' },
      { username: 'admin', role: 'admin' },
    ]);
    expect((await db.selectFrom('rooms').select('name').orderBy('name').execute()).map((room) => room.name)).toEqual([
      '101',
      '102',
      '103',
      '104',
    ]);
    const categories = await db.selectFrom('service_categories').select('name').orderBy('sort_order').execute();
    expect(categories.map((category) => category.name)).toEqual(['Signature Massage', 'Holistic Recovery']);
    const services = await db.selectFrom('services').select('name').execute();
    expect(services.map((service) => service.name).sort()).toEqual(
      [
        'Acupressure',
        'Assessment',
        'Cupping',
        'Foot Massage',
        'Myofascial Release',
        'Shiatsu',
        'Sports Massage',
        'Swedish',
      ].sort(),
    );
    const swedish90 = await db
      .selectFrom('service_classifications as cl')
      .innerJoin('services as s', 's.id', 'cl.service_id')
      .where('s.name', '=', 'Swedish')
      .where('cl.name', '=', '90 minutes')
      .select(['cl.duration_minutes', 'cl.price'])
      .executeTakeFirstOrThrow();
    expect(swedish90).toEqual({ duration_minutes: 90, price: 115_000 });
    const therapist1 = await db
      .selectFrom('therapists as t')
      .innerJoin('accounts as a', 'a.id', 't.account_id')
      .innerJoin('rooms as r', 'r.id', 't.home_room_id')
      .where('a.username', '=', 'therapist1')
      .select(['r.name', 't.status'])
      .executeTakeFirstOrThrow();
    expect(therapist1).toEqual({ name: '101', status: 'available' });
    const counters = await db.selectFrom('cashiers').select('counter').orderBy('counter').execute();
    expect(counters.map((cashier) => cashier.counter)).toEqual(['C1', 'C2', 'C3', 'C4']);
    expect(await db.selectFrom('service_classifications').select('id').execute()).toHaveLength(20);
    expect(result?.inserted).toBe(4 + 10 + 2 + 8 + 20);
  });

  it('running it again changes nothing', async () => {
    const before = await snapshot(testDb.database);
    clock.advance(60_000);
    expect(await seedDemoData(testDb.database, clock.now())).toEqual({ inserted: 0 });
    expect(await seedIfEmpty(testDb.database, clock.now())).toBeNull();
    expect(await snapshot(testDb.database)).toEqual(before);
  });

  it('leaves an admin’s edits alone and fills in only what is missing', async () => {
    const db = testDb.database.db;
    await db.updateTable('service_classifications').set({ price: 99_900 }).where('id', '=', 1).execute();
    await db.deleteFrom('rooms').where('name', '=', '104').execute();
    expect(await seedDemoData(testDb.database, clock.now())).toEqual({ inserted: 1 });
    const edited = await db
      .selectFrom('service_classifications')
      .select('price')
      .where('id', '=', 1)
      .executeTakeFirstOrThrow();
    expect(edited.price).toBe(99_900);
  });
});
