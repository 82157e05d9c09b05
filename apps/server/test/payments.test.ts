import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app.js';
import { testEngines } from './support/databases.js';
import { catalogIndex, createWaiting, expectOk, type CatalogIndex, type Ticket } from './support/floor.js';

describe.each(testEngines())('payments and receipts on %s', (engine) => {
  let t: TestApp;
  let menu: CatalogIndex;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp(engine);
    menu = await catalogIndex(t.api);
    Object.assign(tokens, await t.api.loginAll(['therapist1', 'cashier1', 'cashier2', 'admin']));
    // Cash goes into an open drawer (drawers.test.ts covers the drawer itself).
    for (const cashier of [tokens.cashier1, tokens.cashier2]) {
      await expectOk(t.api.post('/api/cashier/drawer/open', { openingFloat: 0 }, cashier), 201);
    }
  });
  afterAll(async () => t?.close());

  const pay = (id: number, body: unknown, token = tokens.cashier1!, key: string | null = randomUUID()) =>
    t.api.request('POST', `/api/transactions/${id}/payments`, {
      body,
      token,
      ...(key === null ? {} : { headers: { 'idempotency-key': key } }),
    });

  /** A customer served by therapist1 and now at cashier1's counter (status paying). */
  async function atTheCounter(
    items: { classificationId: number; quantity?: number }[] = [
      { classificationId: menu.get('Swedish 60 minutes')!.classificationId },
    ],
  ): Promise<Ticket> {
    const ticket = await createWaiting(t.api, items);
    const claimed = (await expectOk(t.api.post(`/api/transactions/${ticket.id}/claim`, {}, tokens.therapist1)))
      .transaction;
    await expectOk(t.api.post(`/api/transactions/${ticket.id}/start`, undefined, tokens.therapist1));
    t.clock.advance(60 * 60_000);
    await expectOk(t.api.post(`/api/transactions/${ticket.id}/finish`, undefined, tokens.therapist1));
    await expectOk(t.api.post(`/api/rooms/${claimed.room.id}/ready`, undefined, tokens.therapist1));
    const paying = (await expectOk(t.api.post('/api/cashier/claim-next', undefined, tokens.cashier1))).transaction;
    expect(paying.id).toBe(ticket.id);
    return ticket;
  }

  async function moneyState() {
    const db = t.testDb.database.db;
    return {
      payments: await db.selectFrom('payments').selectAll().orderBy('id').execute(),
      transactions: await db
        .selectFrom('transactions')
        .select(['id', 'status', 'version', 'amount_paid'])
        .orderBy('id')
        .execute(),
    };
  }

  it('splits a bill between card and cash with change, reaching paid, and prints a receipt', async () => {
    const swedish = menu.get('Swedish 60 minutes')!;
    const shiatsu = menu.get('Shiatsu 90 minutes')!;
    const ticket = await atTheCounter([
      { classificationId: swedish.classificationId, quantity: 2 },
      { classificationId: shiatsu.classificationId },
    ]);
    const total = 2 * 80_000 + 130_000;

    const card = await pay(ticket.id, { method: 'card', amount: 100_000, reference: 'VISA-4242' });
    expect(card.status).toBe(201);
    expect(card.body.payment).toMatchObject({
      method: 'card',
      amount: 100_000,
      tendered: null,
      change: null,
      reference: 'VISA-4242',
    });
    expect(card.body.transaction).toMatchObject({
      status: 'paying',
      amountPaid: 100_000,
      balance: total - 100_000,
      paidAt: null,
    });

    // Mid-split, a cashier (say, after a reload) reads what was paid how; a therapist or the customer may not.
    expect(await expectOk(t.api.get(`/api/transactions/${ticket.id}/payments`, tokens.cashier1))).toEqual({
      payments: [card.body.payment],
      refunds: [],
    });
    expect((await t.api.get(`/api/transactions/${ticket.id}/payments`, tokens.therapist1)).status).toBe(403);
    expect((await t.api.get(`/api/transactions/${ticket.id}/payments`, ticket.token)).status).toBe(403);
    expect((await t.api.get('/api/transactions/999999/payments', tokens.cashier1)).status).toBe(404);

    const cash = await pay(ticket.id, { method: 'cash', amount: total - 100_000, tendered: 200_000 });
    expect(cash.status).toBe(201);
    expect(cash.body.payment).toMatchObject({ method: 'cash', amount: 190_000, tendered: 200_000, change: 10_000 });
    expect(cash.body.transaction).toMatchObject({
      status: 'paid',
      amountPaid: total,
      balance: 0,
      paidAt: new Date(t.clock.now()).toISOString(),
    });
    expect((await expectOk(t.api.get('/api/cashier/current', tokens.cashier1))).transaction).toBeNull();

    const events = await t.testDb.database.db
      .selectFrom('transaction_events')
      .select(['action', 'to_status', 'version'])
      .where('transaction_id', '=', ticket.id)
      .orderBy('id')
      .execute();
    expect(events.map((event) => event.to_status)).toEqual([
      'selecting',
      'pending_therapist',
      'therapist_confirmed',
      'in_service',
      'finished',
      'awaiting_payment',
      'paying',
      'paying',
      'paid',
    ]);
    expect(events.slice(-2).map((event) => event.action)).toEqual(['payment_recorded', 'payment_complete']);
    expect(events.map((event) => event.version)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);

    for (const token of [ticket.token, tokens.cashier2!, tokens.admin!]) {
      const receipt = await expectOk(t.api.get(`/api/transactions/${ticket.id}/receipt`, token));
      expect(receipt).toMatchObject({
        receiptNumber: `20261125-${ticket.transaction.code}`,
        shop: { name: 'SpaFlow Demo Spa' },
        currency: 'PHP',
        totalTendered: 300_000,
        totalChange: 10_000,
        transaction: { id: ticket.id, status: 'paid', totalAmount: total },
      });
      expect(receipt.payments.map((payment: any) => payment.amount)).toEqual([100_000, 190_000]);
    }
  });

  it('refuses what a counter must not take, writing nothing', async () => {
    const ticket = await atTheCounter();
    const cases: [unknown, string | null, string, number, string][] = [
      [{ method: 'card', amount: 80_001 }, randomUUID(), tokens.cashier1!, 400, 'amount_exceeds_balance'],
      [
        { method: 'ewallet', amount: 90_000, reference: 'GCASH-1' },
        randomUUID(),
        tokens.cashier1!,
        400,
        'amount_exceeds_balance',
      ],
      [
        { method: 'cash', amount: 80_000, tendered: 50_000 },
        randomUUID(),
        tokens.cashier1!,
        400,
        'insufficient_tendered',
      ],
      [{ method: 'cash', amount: 80_000 }, randomUUID(), tokens.cashier1!, 400, 'validation_failed'],
      [{ method: 'card', amount: 80_000, tendered: 80_000 }, randomUUID(), tokens.cashier1!, 400, 'validation_failed'],
      [{ method: 'card', amount: 0 }, randomUUID(), tokens.cashier1!, 400, 'validation_failed'],
      [{ method: 'card', amount: 10.5 }, randomUUID(), tokens.cashier1!, 400, 'validation_failed'],
      [{ method: 'cheque', amount: 100 }, randomUUID(), tokens.cashier1!, 400, 'validation_failed'],
      [{ method: 'card', amount: 80_000 }, null, tokens.cashier1!, 400, 'idempotency_key_required'],
      [{ method: 'card', amount: 80_000 }, 'k'.repeat(256), tokens.cashier1!, 400, 'idempotency_key_required'],
      [{ method: 'card', amount: 80_000 }, randomUUID(), tokens.cashier2!, 403, 'forbidden'],
      [{ method: 'card', amount: 80_000 }, randomUUID(), tokens.therapist1!, 403, 'forbidden'],
      [{ method: 'card', amount: 80_000 }, randomUUID(), ticket.token, 403, 'forbidden'],
    ];
    for (const [body, key, token, status, code] of cases) {
      const before = await moneyState();
      const response = await pay(ticket.id, body, token, key);
      expect(response.status, `${JSON.stringify(body)} ${code}`).toBe(status);
      expect(response.body.error.code, `${JSON.stringify(body)}`).toBe(code);
      expect((await moneyState()).payments, code).toEqual(before.payments);
      expect((await moneyState()).transactions, code).toEqual(before.transactions);
    }

    // Not at the counter: a transaction waiting to pay is not payable until claimed.
    const waiting = await createWaiting(t.api, [
      { classificationId: menu.get('Swedish 60 minutes')!.classificationId },
    ]);
    const notYet = await pay(waiting.id, { method: 'card', amount: 1 });
    expect(notYet.status).toBe(409);
    expect(notYet.body.error.code).toBe('invalid_transition');
    await expectOk(t.api.post(`/api/transactions/${waiting.id}/cancel`, {}, tokens.admin));

    // After a part payment the cashier may no longer hand it back.
    await expectOk(pay(ticket.id, { method: 'card', amount: 30_000 }), 201);
    const release = await t.api.post(`/api/transactions/${ticket.id}/release`, undefined, tokens.cashier1);
    expect(release.status).toBe(409);
    await expectOk(pay(ticket.id, { method: 'ewallet', amount: 50_000, reference: 'GCASH-77' }), 201);
    const receiptOfUnpaid = await t.api.get(`/api/transactions/${waiting.id}/receipt`, tokens.admin);
    expect(receiptOfUnpaid.status).toBe(409);
  });

  it('100 concurrent copies of one payment make exactly one payment and 100 identical answers', async () => {
    const ticket = await atTheCounter();
    const key = randomUUID();
    const body = { method: 'cash', amount: 80_000, tendered: 100_000 };
    const answers = await Promise.all(Array.from({ length: 100 }, () => pay(ticket.id, body, tokens.cashier1, key)));
    expect(answers.map((answer) => answer.status)).toEqual(Array.from({ length: 100 }, () => 201));
    const first = JSON.stringify(answers[0]!.body);
    expect(answers.filter((answer) => JSON.stringify(answer.body) === first)).toHaveLength(100);
    expect(answers[0]!.body.payment.change).toBe(20_000);
    const payments = await t.testDb.database.db
      .selectFrom('payments')
      .selectAll()
      .where('transaction_id', '=', ticket.id)
      .execute();
    expect(payments).toHaveLength(1);

    const mismatch = await pay(ticket.id, { ...body, tendered: 90_000 }, tokens.cashier1, key);
    expect(mismatch.status).toBe(422);
    expect(mismatch.body.error.code).toBe('idempotency_mismatch');
    // A refusal is stored too: the same refused request answers the same refusal.
    const refusalKey = randomUUID();
    const refused = await pay(ticket.id, { method: 'card', amount: 5 }, tokens.cashier1, refusalKey);
    expect(refused.status).toBe(409);
    expect(await pay(ticket.id, { method: 'card', amount: 5 }, tokens.cashier1, refusalKey)).toMatchObject({
      status: 409,
      body: refused.body,
    });
  });

  it('a key left without its answer by a server before migration 0004 is refused, not run again', async () => {
    const ticket = await atTheCounter();
    const db = t.testDb.database.db;
    const cashier = await db
      .selectFrom('accounts')
      .select('id')
      .where('username', '=', 'cashier1')
      .executeTakeFirstOrThrow();
    const key = randomUUID();
    await db
      .insertInto('idempotency_keys')
      .values({
        account_id: cashier.id,
        idempotency_key: key,
        request_hash: createHash('sha256')
          .update(
            JSON.stringify({
              route: 'payments',
              id: ticket.id,
              input: { method: 'card', amount: 80_000, tipAmount: 0 },
            }),
          )
          .digest('hex'),
        state: 'in_flight',
        response_status: null,
        response_body: null,
        created_at: t.clock.now(),
        completed_at: null,
      })
      .execute();
    const answer = await pay(ticket.id, { method: 'card', amount: 80_000 }, tokens.cashier1, key);
    expect([answer.status, answer.body.error.code]).toEqual([409, 'idempotency_in_flight']);
    expect(answer.body.error.message).toMatch(/Check the payments already taken/);
    expect(await db.selectFrom('payments').selectAll().where('transaction_id', '=', ticket.id).execute()).toEqual([]);
    await expectOk(pay(ticket.id, { method: 'card', amount: 80_000 }), 201);
  });

  it('every paid transaction is covered exactly by its payments', async () => {
    const db = t.testDb.database.db;
    const paid = await db
      .selectFrom('transactions')
      .select(['id', 'total_amount', 'amount_paid'])
      .where('status', '=', 'paid')
      .execute();
    expect(paid.length).toBeGreaterThanOrEqual(3);
    for (const row of paid) {
      const payments = await db.selectFrom('payments').select('amount').where('transaction_id', '=', row.id).execute();
      const sum = payments.reduce((total, payment) => total + payment.amount, 0);
      expect({ id: row.id, sum, paid: row.amount_paid }).toEqual({
        id: row.id,
        sum: row.total_amount,
        paid: row.total_amount,
      });
    }
  });
});
