import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app.js';
import { testEngines } from './support/databases.js';
import { catalogIndex, createWaiting, expectOk, type CatalogIndex, type Ticket } from './support/floor.js';

/** Money under contention, counted exactly: every race ends with the totals the rules allow and no more. */
describe.each(testEngines())('money races on %s', (engine) => {
  let t: TestApp;
  let menu: CatalogIndex;
  const tokens: Record<string, string> = {};
  let promoId: number;

  beforeAll(async () => {
    t = await startTestApp(engine);
    menu = await catalogIndex(t.api);
    Object.assign(tokens, await t.api.loginAll(['therapist1', 'cashier1', 'admin']));
    promoId = (
      await expectOk(
        t.api.post('/api/admin/discounts', { name: 'Promo', kind: 'fixed', value: 20_000 }, tokens.admin),
        201,
      )
    ).discount.id;
  });
  afterAll(async () => t?.close());

  const pay = (id: number, body: unknown, key = randomUUID()) =>
    t.api.request('POST', `/api/transactions/${id}/payments`, {
      body,
      token: tokens.cashier1,
      headers: { 'idempotency-key': key },
    });
  const db = () => t.testDb.database.db;
  const count = (codes: (string | number)[]) =>
    codes.reduce<Record<string, number>>((tally, code) => ({ ...tally, [code]: (tally[code] ?? 0) + 1 }), {});

  /** A Swedish 60 minutes (₱800.00) at cashier1's counter. */
  async function atTheCounter(): Promise<Ticket> {
    const ticket = await createWaiting(t.api, [{ classificationId: menu.get('Swedish 60 minutes')!.classificationId }]);
    const claimed = (await expectOk(t.api.post(`/api/transactions/${ticket.id}/claim`, {}, tokens.therapist1)))
      .transaction;
    await expectOk(t.api.post(`/api/transactions/${ticket.id}/start`, undefined, tokens.therapist1));
    t.clock.advance(60 * 60_000);
    await expectOk(t.api.post(`/api/transactions/${ticket.id}/finish`, undefined, tokens.therapist1));
    await expectOk(t.api.post(`/api/rooms/${claimed.room.id}/ready`, undefined, tokens.therapist1));
    expect((await expectOk(t.api.post('/api/cashier/claim-next', undefined, tokens.cashier1))).transaction.id).toBe(
      ticket.id,
    );
    return ticket;
  }

  const paymentsOf = (id: number) => db().selectFrom('payments').selectAll().where('transaction_id', '=', id).execute();
  const rowOf = (id: number) =>
    db().selectFrom('transactions').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('50 parallel payments with the same key record one, and all 50 get its answer', async () => {
    const ticket = await atTheCounter();
    const key = randomUUID();
    const body = { method: 'card', amount: 30_000, tipAmount: 1_000 };
    const answers = await Promise.all(Array.from({ length: 50 }, () => pay(ticket.id, body, key)));
    expect(count(answers.map((answer) => answer.status))).toEqual({ 201: 50 });
    expect(new Set(answers.map((answer) => JSON.stringify(answer.body))).size).toBe(1);
    expect(await paymentsOf(ticket.id)).toHaveLength(1);
    expect(await rowOf(ticket.id)).toMatchObject({ amount_paid: 30_000, tip_amount: 1_000, status: 'paying' });
    await expectOk(pay(ticket.id, { method: 'card', amount: 50_000 }), 201);
  });

  it('parallel payments with different keys never take more than the amount due', async () => {
    const ticket = await atTheCounter();
    await expectOk(
      t.api.post(`/api/transactions/${ticket.id}/discounts`, { discountTypeId: promoId }, tokens.cashier1),
    );
    // ₱600.00 due; 30 cashier taps of ₱150.00 each: exactly four fit.
    const answers = await Promise.all(
      Array.from({ length: 30 }, () => pay(ticket.id, { method: 'card', amount: 15_000 })),
    );
    const outcomes = count(answers.map((answer) => (answer.status === 201 ? 201 : answer.body.error.code)));
    expect(outcomes[201]).toBe(4);
    expect((outcomes.amount_exceeds_balance ?? 0) + (outcomes.invalid_transition ?? 0)).toBe(26);
    const payments = await paymentsOf(ticket.id);
    expect(payments).toHaveLength(4);
    expect(payments.reduce((sum, payment) => sum + payment.amount, 0)).toBe(60_000);
    expect(await rowOf(ticket.id)).toMatchObject({ status: 'paid', amount_paid: 60_000, discount_amount: 20_000 });
  });

  it('a discount racing the first payment: exactly one of them is refused', async () => {
    for (let round = 0; round < 5; round++) {
      const ticket = await atTheCounter();
      const [payment, discount] = await Promise.all([
        pay(ticket.id, { method: 'card', amount: 80_000 }),
        t.api.post(`/api/transactions/${ticket.id}/discounts`, { discountTypeId: promoId }, tokens.cashier1),
      ]);
      const refused = [payment.status, discount.status].filter((status) => status >= 400);
      expect(refused, JSON.stringify([payment.body, discount.body])).toHaveLength(1);
      const row = await rowOf(ticket.id);
      if (payment.status === 201) {
        // The payment came first and completed the ticket: the discount is refused and nothing is off.
        expect(discount.body.error.code).toMatch(/^(payment_started|invalid_transition)$/);
        expect(row).toMatchObject({ status: 'paid', amount_paid: 80_000, discount_amount: 0 });
      } else {
        // The discount came first: the full price is now more than is due.
        expect(payment.body.error.code).toBe('amount_exceeds_balance');
        expect(row).toMatchObject({ status: 'paying', amount_paid: 0, discount_amount: 20_000 });
        await expectOk(pay(ticket.id, { method: 'card', amount: 60_000 }), 201);
      }
      expect(await paymentsOf(ticket.id)).toHaveLength(1);
    }
  });

  it('parallel refunds never give back more than was paid', async () => {
    const ticket = await atTheCounter();
    await expectOk(pay(ticket.id, { method: 'card', amount: 80_000 }), 201);
    // 25 admins' clicks of ₱300.00 on ₱800.00 paid: exactly two fit (₱600.00), the third would exceed it.
    const answers = await Promise.all(
      Array.from({ length: 25 }, () =>
        t.api.post(
          `/api/transactions/${ticket.id}/refunds`,
          { amount: 30_000, method: 'card', reason: 'race' },
          tokens.admin,
        ),
      ),
    );
    expect(count(answers.map((answer) => (answer.status === 201 ? 201 : answer.body.error.code)))).toEqual({
      201: 2,
      amount_exceeds_refundable: 23,
    });
    const refunds = await db().selectFrom('refunds').selectAll().where('transaction_id', '=', ticket.id).execute();
    expect(refunds.reduce((sum, refund) => sum + refund.amount, 0)).toBe(60_000);
    expect(await rowOf(ticket.id)).toMatchObject({ amount_refunded: 60_000 });
  });
});
