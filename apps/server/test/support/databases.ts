import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { createConnection } from 'mysql2/promise';
import pg from 'pg';
import type { DatabaseEngine, DatabaseTarget } from '../../src/config.js';
import { parseDatabaseUrl } from '../../src/config.js';
import { createDatabase, type Database } from '../../src/db/database.js';

/**
 * The engines this run can test: SQLite always; MariaDB/MySQL and PostgreSQL when CI (or you) point
 * TEST_MYSQL_URL / TEST_PG_URL at a server where we may create databases.
 */
export function testEngines(): DatabaseEngine[] {
  return [
    'sqlite',
    ...(process.env.TEST_MYSQL_URL ? (['mysql'] as const) : []),
    ...(process.env.TEST_PG_URL ? (['postgres'] as const) : []),
  ];
}

export type TestDatabase = {
  engine: DatabaseEngine;
  url: string;
  target: DatabaseTarget;
  database: Database;
  /** Another connection pool to the same database, as a second app node would have. */
  connect(options?: { poolSize?: number }): Database;
  drop(): Promise<void>;
};

function withDatabaseName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

/** A new, empty database of its own for one test file, so files run in parallel without sharing rows. */
export async function createTestDatabase(
  engine: DatabaseEngine,
  options: { poolSize?: number } = {},
): Promise<TestDatabase> {
  const name = `spaflow_t_${randomBytes(6).toString('hex')}`;
  let url: string;
  let cleanup: () => Promise<void>;
  switch (engine) {
    case 'sqlite': {
      const dir = mkdtempSync(join(tmpdir(), 'spaflow-test-'));
      url = `sqlite:${join(dir, 'spaflow.db')}`;
      cleanup = async () => rmSync(dir, { recursive: true, force: true });
      break;
    }
    case 'mysql': {
      const adminUrl = process.env.TEST_MYSQL_URL!;
      const admin = await createConnection(adminUrl);
      await admin.query(`create database ${name} character set utf8mb4 collate utf8mb4_bin`);
      await admin.end();
      url = withDatabaseName(adminUrl, name);
      cleanup = async () => {
        const connection = await createConnection(adminUrl);
        await connection.query(`drop database if exists ${name}`);
        await connection.end();
      };
      break;
    }
    case 'postgres': {
      const adminUrl = process.env.TEST_PG_URL!;
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`create database ${name}`);
      await admin.end();
      url = withDatabaseName(adminUrl, name);
      cleanup = async () => {
        const client = new pg.Client({ connectionString: adminUrl });
        await client.connect();
        await client.query(`drop database if exists ${name} with (force)`);
        await client.end();
      };
      break;
    }
  }
  const target = parseDatabaseUrl(url);
  const pools: Database[] = [];
  const connect = (connectOptions: { poolSize?: number } = {}) => {
    const database = createDatabase(target, connectOptions);
    pools.push(database);
    return database;
  };
  const database = connect(options);
  return {
    engine,
    url,
    target,
    database,
    connect,
    drop: async () => {
      for (const pool of pools) await pool.db.destroy();
      await cleanup();
    },
  };
}
