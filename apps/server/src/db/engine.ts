import { MysqlAdapter, PostgresAdapter, SqliteAdapter, type Kysely } from 'kysely';
import type { DatabaseEngine } from '../config.js';

/** Which engine a Kysely instance talks to, for the few places (migrations) that get only the instance. */
export function engineOf(db: Kysely<unknown>): DatabaseEngine {
  const adapter = db.getExecutor().adapter;
  if (adapter instanceof PostgresAdapter) return 'postgres';
  if (adapter instanceof MysqlAdapter) return 'mysql';
  if (adapter instanceof SqliteAdapter) return 'sqlite';
  throw new Error('unknown database adapter');
}
