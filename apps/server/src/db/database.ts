import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, MysqlDialect, PostgresDialect, type Dialect, type Transaction } from 'kysely';
import { createPool as createMysqlPool } from 'mysql2';
import pg from 'pg';
import type { DatabaseEngine, DatabaseTarget } from '../config.js';
import type { DB } from './schema.js';
import { ImmediateSqliteDialect } from './sqlite-immediate.js';

export type Database = {
  readonly db: Kysely<DB>;
  readonly engine: DatabaseEngine;
};

export type Tx = Transaction<DB>;

const PG_INT8 = 20;
const PG_NUMERIC = 1700;

/** BIGINT (our epoch-ms times, COUNT, SUM) and NUMERIC (AVG) come back from pg as strings; all of ours fit a double. */
const pgTypes = {
  getTypeParser: ((oid: number): ((value: string) => unknown) =>
    oid === PG_INT8 || oid === PG_NUMERIC
      ? Number
      : (pg.types.getTypeParser(oid, 'text') as (value: string) => unknown)) as typeof pg.types.getTypeParser,
};

/**
 * Switching a new database file to WAL needs a moment alone with it; when several nodes open the file at
 * the same instant SQLite may answer SQLITE_BUSY at once instead of waiting, so wait and retry here.
 */
async function enableWal(sqlite: SQLite.Database): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      sqlite.pragma('journal_mode = WAL');
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== 'SQLITE_BUSY' || attempt >= 100) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

function createDialect(target: DatabaseTarget, poolSize: number): Dialect {
  switch (target.engine) {
    case 'sqlite':
      return new ImmediateSqliteDialect({
        database: async () => {
          if (target.filename !== ':memory:') mkdirSync(dirname(target.filename), { recursive: true });
          const sqlite = new SQLite(target.filename, { timeout: 10_000 });
          await enableWal(sqlite);
          sqlite.pragma('synchronous = NORMAL');
          sqlite.pragma('foreign_keys = ON');
          return sqlite;
        },
      });
    case 'mysql': {
      const pool = createMysqlPool({
        uri: target.url,
        connectionLimit: poolSize,
        decimalNumbers: true,
        timezone: 'Z',
        charset: 'utf8mb4',
      });
      // Claims use SKIP LOCKED; at REPEATABLE READ (InnoDB's default) gap locks make them deadlock.
      pool.on('connection', (connection) => {
        connection.query('SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED');
      });
      return new MysqlDialect({ pool: async () => pool });
    }
    case 'postgres':
      return new PostgresDialect({
        pool: async () => {
          const pool = new pg.Pool({ connectionString: target.url, max: poolSize, types: pgTypes });
          // An idle connection closed by the server (restart, failover, admin) must not crash the process:
          // the pool drops it and opens a new one on next use; a query in flight still gets its own error.
          pool.on('error', () => undefined);
          return pool;
        },
      });
  }
}

export function createDatabase(target: DatabaseTarget, options: { poolSize?: number } = {}): Database {
  return {
    db: new Kysely<DB>({ dialect: createDialect(target, options.poolSize ?? 10) }),
    engine: target.engine,
  };
}

/**
 * Runs `work` in one database transaction: every change of state commits together or not at all.
 * SQLite begins it IMMEDIATE (see sqlite-immediate.ts); MariaDB and PostgreSQL use READ COMMITTED.
 */
export async function inTransaction<T>(database: Database, work: (tx: Tx) => Promise<T>): Promise<T> {
  const builder =
    database.engine === 'sqlite'
      ? database.db.transaction()
      : database.db.transaction().setIsolationLevel('read committed');
  return builder.execute(work);
}
