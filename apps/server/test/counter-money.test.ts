import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app.js';
import { testEngines } from './support/databases.js';
import { catalogIndex, createWaiting, expectOk, type CatalogIndex, type Ticket } from './support/floor.js';
import { eventually, listen } from './support/sockets.js';

/** Discounts, tips, voids, refunds and handovers at the counter (README: money at the counter). */
describe.each(testEngines())('money at the counter on %s', (engine) => {
  let t: TestApp;
  let menu: CatalogIndex;
  const tokens: Record<string, string> = {};
  const discountTypes: Record<string, any> = {};

  beforeAll(async () => {
    t = await startTestApp(engine);
    menu = await catalogIndex(t.api);
    Object.assign(tokens, await t.api.loginAll(['therapist1', 'cashier1', 'cashier2', 'monitor1', 'admin']));
    // Cash goes into an open drawer (drawers.test.ts covers the drawer itself).
    for (const cashier of [tokens.cashier1, tokens.cashier2]) {
      await expectOk(t.api.post('/api/cashier/drawer/open', { openingFloat: 0 }, cashier), 201);
    }
  });
  afterAll(async () => t?.close());

  const pay = (id: number, body: unknown, token = tokens.cashier1!, key = randomUUID()) =>
    t.api.request('POST', `/api/transactions/${id}/payments`, { body, token, headers: { 'idempotency-key': key } });
  const applyDiscount = (id: number, body: unknown, token = tokens.cashier1!) =>
    t.api.post(`/api/transactions/${id}/discounts`, body, token);
  const voidPayment = (paymentId: number, body: unknown, token = tokens.cashier1!) =>
    t.api.post(`/api/payments/${paymentId}/void`, body, token);
  const refund = (id: number, body: unknown, token = tokens.admin!) =>
    t.api.post(`/api/transactions/${id}/refunds`, body, token);
  const expectError = (response: { status: number; body: any }, status: number, code: string) => {
    expect([response.status, response.body?.error?.code], JSON.stringify(response.body)).toEqual([status, code]);
    return response.body.error;
  };

  /** A Swedish 60 minutes (₱800.00) served by therapist1 and now at `cashier`'s counter (paying). */
  async function atTheCounter(cashier = 'cashier1'): Promise<Ticket> {
    const ticket = await createWaiting(t.api, [{ classificationId: menu.get('Swedish 60 minutes')!.classificationId }]);
    const claimed = (await expectOk(t.api.post(`/api/transactions/${ticket.id}/claim`, {}, tokens.therapist1)))
      .transaction;
    await expectOk(t.api.post(`/api/transactions/${ticket.id}/start`, undefined, tokens.therapist1));
    t.clock.advance(60 * 60_000);
    await expectOk(t.api.post(`/api/transactions/${ticket.id}/finish`, undefined, tokens.therapist1));
    await expectOk(t.api.post(`/api/rooms/${claimed.room.id}/ready`, undefined, tokens.therapist1));
    const paying = (await expectOk(t.api.post('/api/cashier/claim-next', undefined, tokens[cashier]))).transaction;
    expect(paying.id).toBe(ticket.id);
    expect(paying.totalAmount).toBe(80_000);
    return ticket;
  }

  async function moneyState() {
    const db = t.testDb.database.db;
    return {
      transactions: await db.selectFrom('transactions').selectAll().orderBy('id').execute(),
      payments: await db.selectFrom('payments').selectAll().orderBy('id').execute(),
      voids: await db.selectFrom('payment_voids').selectAll().orderBy('id').execute(),
      refunds: await db.selectFrom('refunds').selectAll().orderBy('id').execute(),
      discounts: await db.selectFrom('transaction_discounts').selectAll().orderBy('id').execute(),
      discountTypes: await db.selectFrom('discount_types').selectAll().orderBy('id').execute(),
      events: await db.selectFrom('transaction_events').select('id').orderBy('id').execute(),
    };
  }

  it('admin keeps discount types; cashiers list the active ones', async () => {
    const create = (body: unknown, token = tokens.admin!) => t.api.post('/api/admin/discounts', body, token);
    discountTypes.senior = (
      await expectOk(create({ name: 'Senior citizen', kind: 'percent', value: 20, requiresNote: true }), 201)
    ).discount;
    expect(discountTypes.senior).toEqual({
      id: expect.any(Number),
      name: 'Senior citizen',
      kind: 'percent',
      value: 20,
      requiresNote: true,
      active: true,
    });
    discountTypes.promo = (await expectOk(create({ name: 'Promo', kind: 'fixed', value: 10_000 }), 201)).discount;
    discountTypes.huge = (await expectOk(create({ name: 'Too much', kind: 'fixed', value: 90_000 }), 201)).discount;
    discountTypes.old = (
      await expectOk(create({ name: 'Old promo', kind: 'percent', value: 5, active: false }), 201)
    ).discount;

    const before = await moneyState();
    for (const body of [
      { name: 'Half', kind: 'percent', value: 150 },
      { name: 'Zero', kind: 'fixed', value: 0 },
      { name: 'Fraction', kind: 'fixed', value: 10.5 },
      { name: 'Negative', kind: 'fixed', value: -100 },
      { name: 'Text', kind: 'fixed', value: '100' },
      { name: 'Kind', kind: 'bogo', value: 1 },
      { name: '', kind: 'fixed', value: 1 },
      { name: 'Senior citizen', kind: 'fixed', value: 1 },
    ]) {
      expectError(await create(body), 400, 'validation_failed');
    }
    expectError(await create({ name: 'X', kind: 'fixed', value: 1 }, tokens.cashier1), 403, 'forbidden');
    expectError(
      await t.api.request('PATCH', `/api/admin/discounts/${discountTypes.promo.id}`, {
        body: { kind: 'percent' }, // 10,000 is no percent
        token: tokens.admin,
      }),
      400,
      'validation_failed',
    );
    expect(await moneyState()).toEqual(before);

    const patched = await expectOk(
      t.api.request('PATCH', `/api/admin/discounts/${discountTypes.huge.id}`, {
        body: { value: 100_000 },
        token: tokens.admin,
      }),
    );
    expect(patched.discount.value).toBe(100_000);

    const forCashier = (await expectOk(t.api.get('/api/discounts', tokens.cashier1))).discounts;
    expect(forCashier.map((discount: any) => discount.name)).toEqual(['Promo', 'Senior citizen', 'Too much']);
    const forAdmin = (await expectOk(t.api.get('/api/admin/discounts', tokens.admin))).discounts;
    expect(forAdmin).toHaveLength(4);
    expectError(await t.api.get('/api/discounts', tokens.therapist1), 403, 'forbidden');
  });

  it('applies and removes discounts before the first payment, live on every station', async () => {
    const ticket = await atTheCounter();
    const monitor = await listen(t.api.baseUrl, tokens.monitor1);
    // The claim's own event may still be on its way when the monitor connects: only the discount steps count.
    const discountSteps = () =>
      monitor.heard.filter((heard) => heard.transactionId === ticket.id && heard.action?.startsWith('discount_'));
    try {
      const before = await moneyState();
      const noNote = expectError(
        await applyDiscount(ticket.id, { discountTypeId: discountTypes.senior.id }),
        400,
        'validation_failed',
      );
      expect(noNote.issues).toEqual([{ path: 'body.note', message: 'required for this discount' }]);
      expectError(await applyDiscount(ticket.id, { discountTypeId: 999_999 }), 404, 'not_found');
      expectError(await applyDiscount(ticket.id, { discountTypeId: discountTypes.old.id }), 404, 'not_found');
      expectError(await applyDiscount(ticket.id, { discountTypeId: 'senior' }), 400, 'validation_failed');
      expectError(
        await applyDiscount(ticket.id, { discountTypeId: discountTypes.huge.id }),
        400,
        'discount_exceeds_total',
      );
      const notYours = expectError(
        await applyDiscount(ticket.id, { discountTypeId: discountTypes.promo.id }, tokens.cashier2),
        403,
        'forbidden',
      );
      expect(notYours.message).toMatch(/hand it over/);
      expect(await moneyState()).toEqual(before);

      const senior = (
        await expectOk(applyDiscount(ticket.id, { discountTypeId: discountTypes.senior.id, note: 'OSCA 12345' }))
      ).transaction;
      expect(senior).toMatchObject({
        totalAmount: 80_000,
        discounts: [{ name: 'Senior citizen', kind: 'percent', value: 20, amount: 16_000, note: 'OSCA 12345' }],
        discountAmount: 16_000,
        amountDue: 64_000,
        amountPaid: 0,
        balance: 64_000,
        tipAmount: 0,
        amountRefunded: 0,
      });
      expectError(
        await applyDiscount(ticket.id, { discountTypeId: discountTypes.senior.id, note: 'again' }),
        409,
        'discount_already_applied',
      );
      const both = (await expectOk(applyDiscount(ticket.id, { discountTypeId: discountTypes.promo.id }))).transaction;
      expect(both).toMatchObject({ discountAmount: 26_000, amountDue: 54_000, balance: 54_000 });
      const promoId = both.discounts.find((discount: any) => discount.name === 'Promo').id;

      const removed = (
        await expectOk(
          t.api.request('DELETE', `/api/transactions/${ticket.id}/discounts/${promoId}`, { token: tokens.cashier1 }),
        )
      ).transaction;
      expect(removed).toMatchObject({ discountAmount: 16_000, amountDue: 64_000, balance: 64_000 });
      expect(removed.discounts.map((discount: any) => discount.name)).toEqual(['Senior citizen']);
      // The removed row stays, marked: who took it off and when.
      const kept = await t.testDb.database.db
        .selectFrom('transaction_discounts')
        .selectAll()
        .where('id', '=', promoId)
        .executeTakeFirstOrThrow();
      expect(kept).toMatchObject({ amount: 10_000, removed_at: t.clock.now(), active_discount_type_id: null });
      expectError(
        await t.api.request('DELETE', `/api/transactions/${ticket.id}/discounts/${promoId}`, {
          token: tokens.cashier1,
        }),
        404,
        'not_found',
      );

      // Every station saw each step live, each with the discounts of its own version.
      await eventually(() => discountSteps().length >= 3, 'three discount steps');
      const steps = discountSteps();
      expect(steps.map((heard) => [heard.action, heard.payload.transaction.discountAmount])).toEqual([
        ['discount_applied', 16_000],
        ['discount_applied', 26_000],
        ['discount_removed', 16_000],
      ]);
      expect(steps[1]!.payload.transaction.discounts).toHaveLength(2);
      const snapshot = await expectOk(t.api.get('/api/monitor/snapshot', tokens.monitor1));
      expect(snapshot.paying.find((row: any) => row.id === ticket.id)).toMatchObject({
        discountAmount: 16_000,
        amountDue: 64_000,
        balance: 64_000,
      });

      // Tips ride on a payment: cash covers amount and tip; change is what is left.
      const before2 = await moneyState();
      expectError(
        await pay(ticket.id, { method: 'cash', amount: 30_000, tipAmount: 5_000, tendered: 34_999 }),
        400,
        'insufficient_tendered',
      );
      expect(await moneyState()).toEqual(before2);
      const cash = await expectOk(
        pay(ticket.id, { method: 'cash', amount: 30_000, tipAmount: 5_000, tendered: 40_000 }),
        201,
      );
      expect(cash.payment).toMatchObject({ amount: 30_000, tipAmount: 5_000, tendered: 40_000, change: 5_000 });
      expect(cash.transaction).toMatchObject({ amountPaid: 30_000, tipAmount: 5_000, balance: 34_000 });
      const started = expectError(
        await applyDiscount(ticket.id, { discountTypeId: discountTypes.promo.id }),
        409,
        'payment_started',
      );
      expect(started.message).toMatch(/payment was already taken/);
      const rest = await expectOk(pay(ticket.id, { method: 'card', amount: 34_000 }), 201);
      expect(rest.transaction).toMatchObject({ status: 'paid', amountDue: 64_000, amountPaid: 64_000, balance: 0 });
    } finally {
      monitor.close();
    }
  });

  it('voids a payment before paid (the balance rises again), refunds after paid, each in the audit trail', async () => {
    const ticket = await atTheCounter();
    const first = await expectOk(pay(ticket.id, { method: 'card', amount: 50_000, tipAmount: 3_000 }), 201);
    const paymentId = first.payment.id;

    const before = await moneyState();
    expectError(await voidPayment(paymentId, {}), 400, 'validation_failed');
    expectError(await voidPayment(paymentId, { reason: '  ' }), 400, 'validation_failed');
    expectError(await voidPayment(paymentId, { reason: 'wrong card' }, tokens.cashier2), 403, 'forbidden');
    expectError(await voidPayment(paymentId, { reason: 'wrong card' }, tokens.therapist1), 403, 'forbidden');
    expectError(await voidPayment(999_999, { reason: 'wrong card' }), 404, 'not_found');
    expect(await moneyState()).toEqual(before);

    const voided = await expectOk(voidPayment(paymentId, { reason: 'charged the wrong card' }));
    expect(voided.payment).toMatchObject({ id: paymentId, voidReason: 'charged the wrong card' });
    expect(voided.payment.voidedAt).not.toBeNull();
    expect(voided.transaction).toMatchObject({ status: 'paying', amountPaid: 0, tipAmount: 0, balance: 80_000 });
    expectError(await voidPayment(paymentId, { reason: 'again' }), 409, 'payment_voided');
    // The payment row is unchanged; the void is a row of its own.
    const [paymentRow] = await t.testDb.database.db
      .selectFrom('payments')
      .selectAll()
      .where('id', '=', paymentId)
      .execute();
    expect(paymentRow).toEqual(before.payments.find((row) => row.id === paymentId));

    const paid = await expectOk(
      pay(ticket.id, { method: 'ewallet', amount: 80_000, tipAmount: 2_000, reference: 'G-1' }),
      201,
    );
    expect(paid.transaction).toMatchObject({ status: 'paid', amountPaid: 80_000, tipAmount: 2_000, balance: 0 });
    const late = expectError(await voidPayment(paid.payment.id, { reason: 'too late' }), 409, 'invalid_transition');
    expect(late.message).toMatch(/already paid.*refund/);

    const before2 = await moneyState();
    expectError(
      await refund(ticket.id, { amount: 10_000, method: 'cash', reason: 'x' }, tokens.cashier1),
      403,
      'forbidden',
    );
    expectError(
      await refund(ticket.id, { amount: 80_001, method: 'cash', reason: 'x' }),
      400,
      'amount_exceeds_refundable',
    );
    expectError(await refund(ticket.id, { amount: 0, method: 'cash', reason: 'x' }), 400, 'validation_failed');
    expectError(await refund(ticket.id, { amount: 10_000, method: 'cash' }), 400, 'validation_failed');
    expectError(await refund(ticket.id, { amount: 10_000, method: 'gold', reason: 'x' }), 400, 'validation_failed');
    expect(await moneyState()).toEqual(before2);

    const partial = await expectOk(refund(ticket.id, { amount: 30_000, method: 'cash', reason: 'cut short' }), 201);
    expect(partial.refund).toMatchObject({ amount: 30_000, method: 'cash', reason: 'cut short' });
    expect(partial.refund.refundedBy.displayName).toBe('Shop Admin');
    expect(partial.transaction).toMatchObject({ status: 'paid', amountRefunded: 30_000 });
    expectError(
      await refund(ticket.id, { amount: 50_001, method: 'card', reason: 'x' }),
      400,
      'amount_exceeds_refundable',
    );
    await expectOk(refund(ticket.id, { amount: 50_000, method: 'card', reason: 'the rest' }), 201);
    const none = expectError(
      await refund(ticket.id, { amount: 1, method: 'card', reason: 'x' }),
      400,
      'amount_exceeds_refundable',
    );
    expect(none.message).toMatch(/already refunded/);

    const listed = await expectOk(t.api.get(`/api/transactions/${ticket.id}/payments`, tokens.admin));
    expect(listed.payments.map((payment: any) => [payment.amount, payment.voidedAt !== null])).toEqual([
      [50_000, true],
      [80_000, false],
    ]);
    expect(listed.refunds.map((row: any) => row.amount)).toEqual([30_000, 50_000]);

    const receipt = await expectOk(t.api.get(`/api/transactions/${ticket.id}/receipt`, ticket.token));
    expect(receipt.transaction).toMatchObject({ amountPaid: 80_000, tipAmount: 2_000, amountRefunded: 80_000 });
    expect(receipt.payments).toHaveLength(2);
    expect(receipt.refunds).toHaveLength(2);
    expect(receipt.totalTendered).toBe(82_000);

    const { events } = await expectOk(t.api.get(`/api/admin/transactions/${ticket.id}/events`, tokens.admin));
    const money = events.filter((event: any) => event.detail !== null);
    expect(money.map((event: any) => [event.action, event.actor.displayName, event.detail])).toEqual([
      ['payment_recorded', 'Liza Mendoza', { paymentId, method: 'card', amount: 50_000, tipAmount: 3_000 }],
      [
        'payment_voided',
        'Liza Mendoza',
        { paymentId, method: 'card', amount: 50_000, tipAmount: 3_000, reason: 'charged the wrong card' },
      ],
      [
        'payment_complete',
        'Liza Mendoza',
        { paymentId: paid.payment.id, method: 'ewallet', amount: 80_000, tipAmount: 2_000 },
      ],
      [
        'refund_recorded',
        'Shop Admin',
        { refundId: partial.refund.id, method: 'cash', amount: 30_000, reason: 'cut short' },
      ],
      ['refund_recorded', 'Shop Admin', expect.objectContaining({ amount: 50_000, reason: 'the rest' })],
    ]);
  });

  it('admin hands a part-paid ticket to another cashier, its payments kept', async () => {
    const ticket = await atTheCounter();
    await expectOk(pay(ticket.id, { method: 'card', amount: 30_000 }), 201);
    const stuck = expectError(
      await t.api.post(`/api/transactions/${ticket.id}/release`, undefined, tokens.admin),
      409,
      'invalid_transition',
    );
    expect(stuck.message).toMatch(/hand it over/);

    const staff = (await expectOk(t.api.get('/api/admin/staff', tokens.admin))).staff;
    const idOf = (username: string) => staff.find((person: any) => person.username === username).id;
    const handover = (cashierId: unknown, token = tokens.admin!) =>
      t.api.post(`/api/transactions/${ticket.id}/handover`, { cashierId }, token);
    const before = await moneyState();
    expectError(await handover(idOf('cashier2'), tokens.cashier1), 403, 'forbidden');
    expectError(await handover(idOf('therapist1')), 404, 'not_found');
    expectError(await handover(idOf('cashier1')), 409, 'invalid_transition');
    expectError(await handover('two'), 400, 'validation_failed');
    expect(await moneyState()).toEqual(before);

    const handed = (await expectOk(handover(idOf('cashier2')))).transaction;
    expect(handed).toMatchObject({ status: 'paying', cashier: { displayName: 'Ramon Bautista' }, amountPaid: 30_000 });
    expect((await expectOk(t.api.get('/api/cashier/current', tokens.cashier1))).transaction).toBeNull();
    expect((await expectOk(t.api.get('/api/cashier/current', tokens.cashier2))).transaction.id).toBe(ticket.id);
    expectError(await pay(ticket.id, { method: 'card', amount: 50_000 }), 403, 'forbidden');
    const done = await expectOk(pay(ticket.id, { method: 'card', amount: 50_000 }, tokens.cashier2), 201);
    expect(done.transaction).toMatchObject({ status: 'paid', amountPaid: 80_000 });

    const { events } = await expectOk(t.api.get(`/api/admin/transactions/${ticket.id}/events`, tokens.admin));
    expect(events.find((event: any) => event.action === 'cashier_handover')).toMatchObject({
      actor: { displayName: 'Shop Admin' },
      detail: { fromCashier: { displayName: 'Liza Mendoza' }, toCashier: { displayName: 'Ramon Bautista' } },
    });

    // A cashier already taking a payment cannot be handed another.
    const busy = await atTheCounter('cashier1');
    const other = await atTheCounter('cashier2');
    expectError(
      await t.api.post(`/api/transactions/${other.id}/handover`, { cashierId: idOf('cashier1') }, tokens.admin),
      409,
      'active_transaction_exists',
    );
    await expectOk(pay(busy.id, { method: 'card', amount: 80_000 }), 201);
    await expectOk(pay(other.id, { method: 'card', amount: 80_000 }, tokens.cashier2), 201);
  });

  it('refuses bad amounts, tips and unpaid refunds with a clear code and plain words, changing nothing', async () => {
    const ticket = await atTheCounter();
    const before = await moneyState();
    const bad: unknown[] = [
      { method: 'card', amount: -1 },
      { method: 'card', amount: 0.5 },
      { method: 'card', amount: 1e15 },
      { method: 'card', amount: '100' },
      { method: 'card', amount: null },
      { method: 'card', amount: 100, tipAmount: -1 },
      { method: 'card', amount: 100, tipAmount: 1.25 },
      { method: 'card', amount: 100, tipAmount: 1e15 },
      { method: 'card', amount: 100, tipAmount: 'ten' },
      { method: 'cash', amount: 100, tipAmount: 10, tendered: 100.5 },
    ];
    for (const body of bad) expectError(await pay(ticket.id, body), 400, 'validation_failed');
    const over = expectError(await pay(ticket.id, { method: 'card', amount: 80_001 }), 400, 'amount_exceeds_balance');
    expect(over.message).toMatch(/balance of ₱800\.00/);
    expectError(await refund(ticket.id, { amount: 100, method: 'card', reason: 'x' }), 409, 'invalid_transition');
    expectError(await refund(ticket.id, { amount: -5, method: 'card', reason: 'x' }), 400, 'validation_failed');
    expectError(await applyDiscount(ticket.id, { discountTypeId: -1 }), 400, 'validation_failed');
    expect(await moneyState()).toEqual(before);

    // Refusals say what is wrong and what to do, never an internal step name.
    const waiting = await createWaiting(t.api, [
      { classificationId: menu.get('Swedish 60 minutes')!.classificationId },
    ]);
    const early = expectError(await pay(waiting.id, { method: 'card', amount: 1 }), 409, 'invalid_transition');
    expect(early.message).toBe('This ticket is waiting for a therapist, so it cannot take a payment now.');
    expect(early.message).not.toMatch(/payment_complete|payment_recorded|_/);
    await expectOk(t.api.post(`/api/transactions/${waiting.id}/cancel`, {}, tokens.admin));
    await expectOk(pay(ticket.id, { method: 'card', amount: 80_000 }), 201);
    const after = expectError(await pay(ticket.id, { method: 'card', amount: 1 }), 409, 'invalid_transition');
    expect(after.message).toBe(
      'This ticket is already paid, so it cannot take a payment now. Nothing is left to pay; an admin can refund it if money must go back.',
    );
  });
});
