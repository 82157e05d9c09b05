import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

const mainScript = fileURLToPath(new URL('../dist/main.js', import.meta.url));

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('configuration', () => {
  it('has working defaults: SQLite under ./data, port 3000, Manila, pesos', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      database: { engine: 'sqlite', filename: './data/spaflow.db' },
      redisUrl: undefined,
      allowedOrigins: [],
      businessTimeZone: 'Asia/Manila',
      currency: 'PHP',
      locale: 'en-PH',
      seedDemoData: true,
    });
  });

  it('reads each database URL scheme', () => {
    expect(loadConfig({ DATABASE_URL: 'mysql://root@127.0.0.1:3306/spa' }).database).toEqual({
      engine: 'mysql',
      url: 'mysql://root@127.0.0.1:3306/spa',
    });
    expect(loadConfig({ DATABASE_URL: 'mariadb://root@db/spa' }).database).toEqual({
      engine: 'mysql',
      url: 'mysql://root@db/spa',
    });
    expect(loadConfig({ DATABASE_URL: 'postgresql://u@h/spa' }).database.engine).toBe('postgres');
    expect(loadConfig({ DATABASE_URL: 'sqlite::memory:' }).database).toEqual({
      engine: 'sqlite',
      filename: ':memory:',
    });
  });

  it('never seeds demo data in production', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).seedDemoData).toBe(false);
    expect(loadConfig({ SEED_DEMO_DATA: 'never' }).seedDemoData).toBe(false);
  });

  it('keeps only the origin of each allowed origin', () => {
    expect(loadConfig({ ALLOWED_ORIGINS: 'https://kiosk.example.com/, http://10.0.0.5:8080' }).allowedOrigins).toEqual([
      'https://kiosk.example.com',
      'http://10.0.0.5:8080',
    ]);
  });

  it('names every bad value at once', () => {
    const problems = problemsOf({
      PORT: 'eighty',
      DATABASE_URL: 'oracle://scott@db/orcl',
      REDIS_URL: 'localhost:6379',
      BUSINESS_TIMEZONE: 'Mars/Olympus',
      CURRENCY: 'pesos',
      ALLOWED_ORIGINS: 'not a url',
      LOG_LEVEL: 'loud',
    });
    expect(problems).toHaveLength(7);
    expect(problems.find((problem) => problem.startsWith('DATABASE_URL'))).toBe(
      "DATABASE_URL: unsupported scheme 'oracle:'; use sqlite:<file>, mysql://… (MariaDB too) or postgres://…",
    );
    expect(problems.some((problem) => problem.startsWith('PORT:'))).toBe(true);
    expect(problems.some((problem) => problem.startsWith('BUSINESS_TIMEZONE:'))).toBe(true);
  });

  it('the server refuses to start with a bad DATABASE_URL, says why, and exits 1', () => {
    const result = spawnSync(process.execPath, [mainScript], {
      env: { PATH: process.env.PATH, DATABASE_URL: 'ftp://files/spa.db' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("DATABASE_URL: unsupported scheme 'ftp:'");
    expect(result.stderr).toContain('.env.example');
  });
});
