import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { Database } from './database.js';
import * as initial from './migrations/0001-initial.js';
import * as eventSnapshots from './migrations/0002-event-snapshots.js';
import * as loginFailures from './migrations/0003-login-failures.js';
import * as counterMoney from './migrations/0004-counter-money.js';
import * as drawersEarnings from './migrations/0005-drawers-earnings.js';

/** Migrations are imported, not read from a folder, so the built server and the tests run the same list. */
const migrations: Record<string, Migration> = {
  '0001-initial': initial,
  '0002-event-snapshots': eventSnapshots,
  '0003-login-failures': loginFailures,
  '0004-counter-money': counterMoney,
  '0005-drawers-earnings': drawersEarnings,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/**
 * Brings the schema to the newest migration. Safe when several nodes start at once: Kysely holds a lock
 * row (MariaDB, PostgreSQL) or the SQLite write lock while it checks and applies.
 */
export async function migrateToLatest(database: Database): Promise<string[]> {
  const migrator = new Migrator({ db: database.db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error('migration failed', { cause: error });
  return (results ?? []).filter((result) => result.status === 'Success').map((result) => result.migrationName);
}
