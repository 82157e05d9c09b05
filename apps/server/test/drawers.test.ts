import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessDateOf } from '@spaflow/domain';
import { startTestApp, type TestApp } from './support/app.js';
import { testEngines } from './support/databases.js';
import { catalogIndex, createWaiting, expectOk, type CatalogIndex } from './support/floor.js';

describe.each(testEngines())('cash drawers on %s', (engine) => {
  let t: TestApp;
  let menu: CatalogIndex;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp(engine);
    menu = await catalogIndex(t.api);
    Object.assign(tokens, await t.api.loginAll(['therapist1', 'cashier1', 'cashier2', 'admin']));
  });
  afterAll(async () => t?.close());

  const pay = (id: number, body: unknown, token: string) =>
    t.api.request('POST', `/api/transactions/${id}/payments`, {
      body,
      token,
      headers: { 'idempotency-key': randomUUID() },
    });

  /** A Swedish 60 (₱800) served by therapist1, now at the given cashier's counter. */
  async function atTheCounter(cashier: string): Promise<number> {
    const ticket = await createWaiting(t.api, [{ classificationId: menu.get('Swedish 60 minutes')!.classificationId }]);
    const claimed = (await expectOk(t.api.post(`/api/transactions/${ticket.id}/claim`, {}, tokens.therapist1)))
      .transaction;
    await expectOk(t.api.post(`/api/transactions/${ticket.id}/start`, undefined, tokens.therapist1));
    t.clock.advance(60 * 60_000);
    await expectOk(t.api.post(`/api/transactions/${ticket.id}/finish`, undefined, tokens.therapist1));
    await expectOk(t.api.post(`/api/rooms/${claimed.room.id}/ready`, undefined, tokens.therapist1));
    const paying = (await expectOk(t.api.post('/api/cashier/claim-next', undefined, cashier))).transaction;
    expect(paying.id).toBe(ticket.id);
    return ticket.id;
  }

  const paymentRows = () => t.testDb.database.db.selectFrom('payments').selectAll().orderBy('id').execute();

  it('refuses cash without an open drawer (a plain 409, nothing recorded) while card needs none', async () => {
    expect((await expectOk(t.api.get('/api/cashier/drawer', tokens.cashier1))).drawer).toBeNull();
    const id = await atTheCounter(tokens.cashier1!);
    const before = await paymentRows();
    const refused = await pay(id, { method: 'cash', amount: 40_000, tendered: 50_000 }, tokens.cashier1!);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('drawer_closed');
    expect(refused.body.error.message).toMatch(/drawer is not open/);
    expect(await paymentRows()).toEqual(before);

    const card = await pay(id, { method: 'card', amount: 80_000 }, tokens.cashier1!);
    expect(card.status).toBe(201);
    expect((await paymentRows()).at(-1)).toMatchObject({ method: 'card', drawer_id: null });
  });

  it('opens with a float, takes cash into it, and closes with expected, counted and the difference', async () => {
    for (const openingFloat of [-1, 12.5, '1000', 2_000_000_000, null]) {
      const bad = await t.api.post('/api/cashier/drawer/open', { openingFloat }, tokens.cashier1);
      expect({ openingFloat, status: bad.status, code: bad.body.error.code }).toEqual({
        openingFloat,
        status: 400,
        code: 'validation_failed',
      });
    }
    expect((await expectOk(t.api.get('/api/cashier/drawer', tokens.cashier1))).drawer).toBeNull();

    const opened = (
      await expectOk(t.api.post('/api/cashier/drawer/open', { openingFloat: 200_000 }, tokens.cashier1), 201)
    ).drawer;
    expect(opened).toMatchObject({
      cashier: { id: expect.any(Number), displayName: 'Liza Mendoza' },
      counter: 'C1',
      closedAt: null,
      openingFloat: 200_000,
      cashSales: 0,
      cashTips: 0,
      cashRefunds: 0,
      expectedCash: 200_000,
      countedCash: null,
      difference: null,
      note: null,
    });
    const again = await t.api.post('/api/cashier/drawer/open', { openingFloat: 100 }, tokens.cashier1);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('drawer_already_open');

    const id = await atTheCounter(tokens.cashier1!);
    const cash = await pay(id, { method: 'cash', amount: 50_000, tendered: 100_000 }, tokens.cashier1!);
    expect(cash.status).toBe(201);
    expect(cash.body.payment.change).toBe(50_000);
    expect((await paymentRows()).at(-1)).toMatchObject({ method: 'cash', drawer_id: opened.id });
    await expectOk(pay(id, { method: 'card', amount: 30_000 }, tokens.cashier1!), 201);

    const running = (await expectOk(t.api.get('/api/cashier/drawer', tokens.cashier1))).drawer;
    expect(running).toMatchObject({ id: opened.id, cashSales: 50_000, expectedCash: 250_000, difference: null });

    for (const body of [{}, { countedCash: -5 }, { countedCash: 1.5 }, { countedCash: 1, note: 'x'.repeat(501) }]) {
      expect((await t.api.post('/api/cashier/drawer/close', body, tokens.cashier1)).status).toBe(400);
    }
    const closed = (
      await expectOk(
        t.api.post('/api/cashier/drawer/close', { countedCash: 249_500, note: ' short ₱5 ' }, tokens.cashier1),
      )
    ).drawer;
    expect(closed).toMatchObject({
      id: opened.id,
      closedAt: expect.any(String),
      cashSales: 50_000,
      expectedCash: 250_000,
      countedCash: 249_500,
      difference: -500,
      note: 'short ₱5',
    });
    expect((await expectOk(t.api.get('/api/cashier/drawer', tokens.cashier1))).drawer).toBeNull();
    const closeAgain = await t.api.post('/api/cashier/drawer/close', { countedCash: 0 }, tokens.cashier1);
    expect(closeAgain.status).toBe(409);
    expect(closeAgain.body.error.code).toBe('drawer_closed');

    // Closed means closed: the next cash payment is refused until a new drawer opens.
    const next = await atTheCounter(tokens.cashier1!);
    expect((await pay(next, { method: 'cash', amount: 80_000, tendered: 80_000 }, tokens.cashier1!)).status).toBe(409);
    const reopened = (await expectOk(t.api.post('/api/cashier/drawer/open', { openingFloat: 0 }, tokens.cashier1), 201))
      .drawer;
    expect(reopened.id).not.toBe(opened.id);
    await expectOk(pay(next, { method: 'cash', amount: 80_000, tendered: 80_000 }, tokens.cashier1!), 201);
  });

  it('keeps one open drawer per cashier when twenty opens race', async () => {
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        t.api.post('/api/cashier/drawer/open', { openingFloat: 1_000 + index }, tokens.cashier2),
      ),
    );
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses).toEqual([201, ...Array<number>(19).fill(409)]);
    expect(answers.filter((answer) => answer.status === 409).map((answer) => answer.body.error.code)).toEqual(
      Array<string>(19).fill('drawer_already_open'),
    );
    const open = await t.testDb.database.db
      .selectFrom('drawers')
      .selectAll()
      .where('cashier_id', '=', (await expectOk(t.api.get('/api/auth/me', tokens.cashier2))).user.id)
      .execute();
    expect(open).toHaveLength(1);
  });

  it('shows the admin every drawer of a day, and only the admin', async () => {
    const date = businessDateOf(t.clock.now(), 'Asia/Manila');
    const { drawers } = await expectOk(t.api.get(`/api/admin/drawers?date=${date}`, tokens.admin));
    expect(drawers.map((drawer: { cashier: { displayName: string } }) => drawer.cashier.displayName)).toEqual([
      'Liza Mendoza',
      'Liza Mendoza',
      'Ramon Bautista',
    ]);
    expect(drawers[0]).toMatchObject({ countedCash: 249_500, difference: -500 });
    expect(drawers[1]).toMatchObject({ closedAt: null, cashSales: 80_000, expectedCash: 80_000 });
    const dayAfter = new Date(Date.parse(`${date}T00:00:00Z`) + 2 * 86_400_000).toISOString().slice(0, 10);
    expect((await expectOk(t.api.get(`/api/admin/drawers?date=${dayAfter}`, tokens.admin))).drawers).toHaveLength(2);
    expect((await t.api.get(`/api/admin/drawers?date=2026-02-30`, tokens.admin)).status).toBe(400);
    expect((await t.api.get(`/api/admin/drawers?date=${date}`, tokens.cashier1)).status).toBe(403);
  });

  it('leaves a voided cash payment out of the drawer, and pays cash refunds only from an open drawer', async () => {
    const id = await atTheCounter(tokens.cashier2!);
    const drawer = (await expectOk(t.api.get('/api/cashier/drawer', tokens.cashier2))).drawer;
    const first = (await expectOk(pay(id, { method: 'cash', amount: 30_000, tendered: 30_000 }, tokens.cashier2!), 201))
      .payment;
    await expectOk(t.api.post(`/api/payments/${first.id}/void`, { reason: 'wrong ticket' }, tokens.cashier2));
    await expectOk(
      pay(id, { method: 'cash', amount: 80_000, tipAmount: 2_000, tendered: 100_000 }, tokens.cashier2!),
      201,
    );
    expect((await expectOk(t.api.get('/api/cashier/drawer', tokens.cashier2))).drawer).toMatchObject({
      cashSales: drawer.cashSales + 80_000,
      cashTips: drawer.cashTips + 2_000,
      expectedCash: drawer.expectedCash + 82_000,
    });

    const refund = (body: object) =>
      t.api.post(`/api/transactions/${id}/refunds`, { reason: 'test', ...body }, tokens.admin);
    const refundRows = () => t.testDb.database.db.selectFrom('refunds').selectAll().execute();
    const before = await refundRows();
    const closedDrawer = (
      await expectOk(t.api.get(`/api/admin/drawers?date=${businessDateOf(t.clock.now(), 'Asia/Manila')}`, tokens.admin))
    ).drawers.find((row: { closedAt: string | null }) => row.closedAt !== null);
    for (const [body, status, code] of [
      [{ amount: 1_000, method: 'cash', drawerId: closedDrawer.id }, 409, 'drawer_closed'],
      [{ amount: 1_000, method: 'cash', drawerId: 999_999 }, 404, 'not_found'],
      [{ amount: 1_000, method: 'card', drawerId: drawer.id }, 400, 'validation_failed'],
    ] as const) {
      const refused = await refund(body);
      expect([refused.status, refused.body.error.code]).toEqual([status, code]);
    }
    expect(await refundRows()).toEqual(before);

    // By default the cash comes out of the settling cashier's open drawer; another open one may be named.
    await expectOk(refund({ amount: 1_000, method: 'cash' }), 201);
    const cashier1Drawer = (await expectOk(t.api.get('/api/cashier/drawer', tokens.cashier1))).drawer;
    await expectOk(refund({ amount: 2_000, method: 'cash', drawerId: cashier1Drawer.id }), 201);
    expect((await expectOk(t.api.get('/api/cashier/drawer', tokens.cashier2))).drawer.cashRefunds).toBe(1_000);
    expect((await expectOk(t.api.get('/api/cashier/drawer', tokens.cashier1))).drawer.cashRefunds).toBe(2_000);

    // Once the settling cashier's drawer is closed, a cash refund must name an open one.
    await expectOk(t.api.post('/api/cashier/drawer/close', { countedCash: 0 }, tokens.cashier2));
    const refused = await refund({ amount: 1_000, method: 'cash' });
    expect([refused.status, refused.body.error.code]).toEqual([409, 'drawer_closed']);
    expect(refused.body.error.message).toMatch(/no open drawer/);
  });

  it('counts every cash payment that raced a close in the close, and refuses the ones after it', async () => {
    await expectOk(t.api.post('/api/cashier/drawer/open', { openingFloat: 0 }, tokens.cashier2), 201);
    const id = await atTheCounter(tokens.cashier2!);
    const [closed, ...payments] = await Promise.all([
      t.api.post('/api/cashier/drawer/close', { countedCash: 0 }, tokens.cashier2),
      ...Array.from({ length: 12 }, () =>
        pay(id, { method: 'cash', amount: 1_000, tendered: 1_000 }, tokens.cashier2!),
      ),
    ]);
    expect(closed.status).toBe(200);
    const taken = payments.filter((answer) => answer.status === 201).length;
    const refused = payments.filter((answer) => answer.status === 409 && answer.body.error.code === 'drawer_closed');
    expect(taken + refused.length).toBe(12);
    expect(closed.body.drawer.cashSales).toBe(taken * 1_000);
    const rows = await t.testDb.database.db
      .selectFrom('payments')
      .selectAll()
      .where('transaction_id', '=', id)
      .execute();
    expect(rows).toHaveLength(taken);
    expect(rows.every((row) => row.drawer_id === closed.body.drawer.id)).toBe(true);
  });
});
