import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app.js';
import { testEngines } from './support/databases.js';
import { catalogIndex, createWaiting, expectOk } from './support/floor.js';
import { ApiClient } from './support/http.js';
import { startBuiltServer, type ServerProcess } from './support/processes.js';

/**
 * The payment, its step and the key's stored answer commit together: a server killed (SIGKILL) after the
 * commit and before the answer leaves the whole of it, and the retry after a restart gets that payment.
 */
describe.each(testEngines())('a payment whose server dies before answering, on %s', (engine) => {
  let t: TestApp;
  const servers: ServerProcess[] = [];
  afterAll(async () => {
    for (const server of servers) await server.kill('SIGKILL');
    await t?.close();
  });

  it('answers the same payment to the same key after a restart, with exactly one payment row', async () => {
    t = await startTestApp(engine);
    const db = t.testDb.database.db;
    const menu = await catalogIndex(t.api);
    const { therapist1 } = await t.api.loginAll(['therapist1']);
    const ticket = await createWaiting(t.api, [{ classificationId: menu.get('Swedish 60 minutes')!.classificationId }]);
    const claimed = (await expectOk(t.api.post(`/api/transactions/${ticket.id}/claim`, {}, therapist1))).transaction;
    await expectOk(t.api.post(`/api/transactions/${ticket.id}/start`, undefined, therapist1));
    t.clock.advance(60 * 60_000);
    await expectOk(t.api.post(`/api/transactions/${ticket.id}/finish`, undefined, therapist1));
    await expectOk(t.api.post(`/api/rooms/${claimed.room.id}/ready`, undefined, therapist1));

    const env = { DATABASE_URL: t.testDb.url, NODE_ENV: 'test', SEED_DEMO_DATA: 'never' };
    const dying = await startBuiltServer({ ...env, TEST_PAYMENT_ANSWER_DELAY_MS: '30000' });
    servers.push(dying);
    const first = new ApiClient(dying.url);
    const cashier = await first.login('cashier1');
    const paying = (await expectOk(first.post('/api/cashier/claim-next', undefined, cashier))).transaction;
    expect(paying.id).toBe(ticket.id);

    const key = randomUUID();
    const half = Math.floor(paying.totalAmount / 2);
    const body = { method: 'card', amount: half, reference: 'APPROVAL-1' };
    const payment = (path: string, api: ApiClient) =>
      api.request('POST', path, { body, token: cashier, headers: { 'idempotency-key': key } });
    const lost = payment(`/api/transactions/${ticket.id}/payments`, first).then(
      () => 'answered',
      () => 'connection lost',
    );
    // The payment has committed (its row is there) and its answer is being held: kill the server now.
    for (let i = 0; i < 200 && (await db.selectFrom('payments').select('id').execute()).length === 0; i++) {
      await sleep(50);
    }
    await dying.kill('SIGKILL');
    expect(await lost).toBe('connection lost');
    const committed = await db.selectFrom('payments').selectAll().execute();
    expect(committed).toHaveLength(1);

    const restarted = await startBuiltServer(env);
    servers.push(restarted);
    const retry = await payment(`/api/transactions/${ticket.id}/payments`, new ApiClient(restarted.url));
    expect(retry.status).toBe(201);
    expect(retry.body.payment).toMatchObject({ id: committed[0]!.id, method: 'card', amount: half });
    expect(retry.body.transaction).toMatchObject({ status: 'paying', amountPaid: half });
    expect(await db.selectFrom('payments').selectAll().execute()).toHaveLength(1);
    const row = await db
      .selectFrom('transactions')
      .select(['amount_paid', 'status'])
      .where('id', '=', ticket.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ amount_paid: half, status: 'paying' });
  });
});
