/**
 * How the monitor snapshot's latency depends on history: the same floor (40 waiting, 4 in service,
 * 6 paid today) served from a database with no past days, and from one with 60,000 past transactions and
 * their payments. The snapshot reads today's rows and indexed aggregates only, so the ratio should stay
 * near 1. Prints p50/p95 per run and the ratio of the two, measured side by side in this one run.
 *
 *   npm run bench:snapshot            (SQLite)
 *   BENCH_PG_URL=postgres://postgres@127.0.0.1:5432/test npm run bench:snapshot
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { buildApp } from '../apps/server/src/app.js';
import { loadConfig, parseDatabaseUrl } from '../apps/server/src/config.js';
import { createDatabase, type Database } from '../apps/server/src/db/database.js';
import { migrateToLatest } from '../apps/server/src/db/migrate.js';
import { seedDemoData } from '../apps/server/src/db/seed.js';

const HISTORY = Number(process.env.BENCH_HISTORY ?? 60_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 300);
const NOW = Date.parse('2026-11-25T06:00:00.000Z');
const DAY = 86_400_000;

async function databaseUrl(label: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const pgUrl = process.env.BENCH_PG_URL;
  if (!pgUrl) {
    const dir = mkdtempSync(join(tmpdir(), `spaflow-bench-${label}-`));
    return { url: `sqlite:${join(dir, 'bench.db')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `spaflow_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(pgUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: pgUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

/** Past days: paid transactions with one payment each, spread over the last year. */
async function insertHistory(database: Database, count: number): Promise<void> {
  const db = database.db;
  const therapist = await db
    .selectFrom('accounts')
    .select('id')
    .where('username', '=', 'therapist1')
    .executeTakeFirstOrThrow();
  const cashier = await db
    .selectFrom('accounts')
    .select('id')
    .where('username', '=', 'cashier1')
    .executeTakeFirstOrThrow();
  const batch = 500;
  for (let start = 0; start < count; start += batch) {
    const rows = Array.from({ length: Math.min(batch, count - start) }, (_, i) => {
      const n = start + i;
      const day = 1 + (n % 365);
      const at = NOW - day * DAY;
      return {
        code: String(Math.floor(n / 365) + 1).padStart(4, '0'),
        business_date: new Date(at + 8 * 3_600_000).toISOString().slice(0, 10),
        status: 'paid',
        version: 9,
        priority: null,
        queue_rank: 1,
        customer_token_hash: randomBytes(32).toString('hex'),
        customer_token_expires_at: at + DAY,
        total_amount: 80_000,
        total_duration_minutes: 60,
        amount_paid: 80_000,
        therapist_id: therapist.id,
        room_id: null,
        cashier_id: cashier.id,
        created_at: at,
        updated_at: at + 3_900_000,
        selection_confirmed_at: at,
        therapist_confirmed_at: at + 600_000,
        service_start_at: at + 600_000,
        service_finish_at: at + 4_200_000,
        cashier_claimed_at: at + 4_300_000,
        paid_at: at + 4_400_000,
      };
    });
    const inserted = await db.insertInto('transactions').values(rows).returning('id').execute();
    await db
      .insertInto('payments')
      .values(
        inserted.map(({ id }, i) => ({
          transaction_id: id,
          cashier_id: cashier.id,
          method: 'card' as const,
          amount: 80_000,
          tendered: null,
          change_amount: null,
          reference: null,
          created_at: rows[i]!.paid_at,
        })),
      )
      .execute();
  }
}

async function measure(label: string, history: number) {
  const { url, drop } = await databaseUrl(label);
  const target = parseDatabaseUrl(url);
  const database = createDatabase(target);
  await migrateToLatest(database);
  await seedDemoData(database, NOW);
  await insertHistory(database, history);
  let clockNow = NOW - 3 * 3_600_000;
  const clock = { now: () => clockNow };
  const app = await buildApp({ config: { ...loadConfig({ LOG_LEVEL: 'silent' }), database: target }, database, clock });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  const call = async (method: string, path: string, token?: string, body?: unknown) => {
    const response = await fetch(address + path, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return response.status === 204 ? null : ((await response.json()) as any);
  };
  const login = async (username: string) =>
    (await call('POST', '/api/auth/login', undefined, { username, password: 'password123' })).token as string;
  const [monitor, ...therapists] = await Promise.all(
    ['monitor1', 'therapist1', 'therapist2', 'therapist3', 'therapist4'].map(login),
  );
  const cashier = await login('cashier1');

  // Today's floor: 50 customers confirm; 4 are in service; 6 earlier ones were served and paid.
  const classificationId = (await call('GET', '/api/catalog')).categories[0].services[0].classifications[0]
    .id as number;
  for (let i = 0; i < 50; i++) {
    const { transaction, customerToken } = await call('POST', '/api/transactions', undefined, {
      items: [{ classificationId }],
    });
    await call('POST', `/api/transactions/${transaction.id}/confirm`, customerToken);
    clockNow += 60_000;
  }
  const serve = async (token: string, finishAndPay: boolean) => {
    const { transaction } = await call('POST', '/api/therapist/claim-next', token, {});
    await call('POST', `/api/transactions/${transaction.id}/start`, token);
    if (!finishAndPay) return;
    clockNow += 60_000;
    await call('POST', `/api/transactions/${transaction.id}/finish`, token);
    await call('POST', `/api/rooms/${transaction.room.id}/ready`, token);
    const { transaction: paying } = await call('POST', '/api/cashier/claim-next', cashier);
    const response = await fetch(`${address}/api/transactions/${paying.id}/payments`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${cashier}`,
        'content-type': 'application/json',
        'idempotency-key': randomBytes(8).toString('hex'),
      },
      body: JSON.stringify({ method: 'card', amount: paying.balance }),
    });
    if (response.status !== 201) throw new Error(`payment: ${response.status}`);
  };
  for (const token of therapists) await serve(token, true);
  for (const token of therapists.slice(0, 2)) await serve(token, true);
  for (const token of therapists) await serve(token, false);

  for (let i = 0; i < 20; i++) await call('GET', '/api/monitor/snapshot', monitor); // warm up
  const timings: number[] = [];
  let snapshot: any;
  for (let i = 0; i < REQUESTS; i++) {
    const started = performance.now();
    snapshot = await call('GET', '/api/monitor/snapshot', monitor);
    timings.push(performance.now() - started);
  }
  timings.sort((a, b) => a - b);
  const at = (q: number) => timings[Math.min(timings.length - 1, Math.floor(q * timings.length))]!;
  await app.close();
  await database.db.destroy();
  await drop();
  return {
    label,
    history,
    waiting: snapshot.stats.waitingCount as number,
    serving: snapshot.serving.length as number,
    servedToday: snapshot.stats.servedToday as number,
    p50: at(0.5),
    p95: at(0.95),
  };
}

const engine = process.env.BENCH_PG_URL ? 'postgres' : 'sqlite';
const baseline = await measure('baseline', 0);
const loaded = await measure('history', HISTORY);
const row = (r: typeof baseline) =>
  `${r.label.padEnd(9)} ${String(r.history).padStart(7)} past   waiting ${r.waiting}  serving ${r.serving}  served today ${r.servedToday}   p50 ${r.p50.toFixed(2)} ms   p95 ${r.p95.toFixed(2)} ms`;
console.log(`GET /api/monitor/snapshot on ${engine}, ${REQUESTS} sequential requests each`);
console.log(row(baseline));
console.log(row(loaded));
console.log(
  `ratio (history ÷ baseline): p50 ${(loaded.p50 / baseline.p50).toFixed(2)}x   p95 ${(loaded.p95 / baseline.p95).toFixed(2)}x`,
);
