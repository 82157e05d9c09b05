import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app.js';
import { testEngines } from './support/databases.js';
import { catalogIndex, createWaiting, expectOk, type CatalogIndex } from './support/floor.js';

/** The cashier queue's estimated wait: open counters (cashiers signed in) and the recent time a payment takes. */
describe.each(testEngines())('the cashier queue estimate on %s', (engine) => {
  let t: TestApp;
  let menu: CatalogIndex;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp(engine);
    menu = await catalogIndex(t.api);
    // Two counters open: cashier3 never signs in, so its counter does not count.
    Object.assign(tokens, await t.api.loginAll(['therapist1', 'cashier1', 'cashier2', 'monitor1']));
  });
  afterAll(async () => t?.close());

  async function awaitingPayment(): Promise<number> {
    const ticket = await createWaiting(t.api, [{ classificationId: menu.get('Swedish 60 minutes')!.classificationId }]);
    const claimed = (await expectOk(t.api.post(`/api/transactions/${ticket.id}/claim`, {}, tokens.therapist1)))
      .transaction;
    await expectOk(t.api.post(`/api/transactions/${ticket.id}/start`, undefined, tokens.therapist1));
    await expectOk(t.api.post(`/api/transactions/${ticket.id}/finish`, undefined, tokens.therapist1));
    await expectOk(t.api.post(`/api/rooms/${claimed.room.id}/ready`, undefined, tokens.therapist1));
    return ticket.id;
  }
  const waits = async () =>
    (await expectOk(t.api.get('/api/queues/cashier', tokens.cashier1))).transactions.map((row: any) => [
      row.id,
      row.queuePosition,
      row.estimatedWaitSeconds,
    ]);
  const payInFull = (id: number, token: string) =>
    t.api.request('POST', `/api/transactions/${id}/payments`, {
      body: { method: 'card', amount: 80_000 },
      token,
      headers: { 'idempotency-key': randomUUID() },
    });

  it('spreads the queue over the open counters at the recent pace of payments', async () => {
    const [a, b, c] = [await awaitingPayment(), await awaitingPayment(), await awaitingPayment()];
    // No payment yet today: three minutes each; two counters free now take the first two at once.
    expect(await waits()).toEqual([
      [a, 1, 0],
      [b, 2, 0],
      [c, 3, 180],
    ]);

    // cashier1 takes four minutes over a; the recent pace is now four minutes a payment.
    await expectOk(t.api.post('/api/cashier/claim-next', undefined, tokens.cashier1));
    t.clock.advance(4 * 60_000);
    await expectOk(payInFull(a, tokens.cashier1!), 201);
    // cashier2 has been on b for a minute: free in about three more; cashier1 is free now.
    await expectOk(t.api.post('/api/cashier/claim-next', undefined, tokens.cashier2));
    t.clock.advance(60_000);
    const d = await awaitingPayment();
    expect(await waits()).toEqual([
      [c, 1, 0],
      [d, 2, 180],
    ]);

    // The monitor shows the same estimate.
    const snapshot = await expectOk(t.api.get('/api/monitor/snapshot', tokens.monitor1));
    expect(snapshot.awaitingPayment.map((row: any) => [row.id, row.estimatedWaitSeconds])).toEqual([
      [c, 0],
      [d, 180],
    ]);
  });
});
