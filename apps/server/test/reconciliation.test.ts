import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app.js';
import { testEngines } from './support/databases.js';
import { catalogIndex, createWaiting, expectOk, type CatalogIndex } from './support/floor.js';

/** Manila time on 2026-11-25 (UTC+8), as the clock is set for each step. */
const at = (hhmm: string) => Date.parse(`2026-11-25T${hhmm}:00+08:00`);

/**
 * A whole day built through the HTTP API: sales with discounts (one applied and removed), tips, split
 * payments, a voided payment, refunds (by the settling cashier's drawer and by a named one, cash and card),
 * a ticket left part-paid at closing, and two drawers counted at close. Every total is worked out by hand
 * below, to the centavo.
 */
describe.each(testEngines())('a day that reconciles on %s', (engine) => {
  let t: TestApp;
  let menu: CatalogIndex;
  const tokens: Record<string, string> = {};
  const drawerIds: Record<string, number> = {};
  const tickets: Record<string, number> = {};
  let report: any;

  const post = (path: string, body: unknown, token: string, status = 200) =>
    expectOk(t.api.post(path, body, token), status);
  const pay = (id: number, body: unknown, token: string) =>
    expectOk(
      t.api.request('POST', `/api/transactions/${id}/payments`, {
        body,
        token,
        headers: { 'idempotency-key': randomUUID() },
      }),
      201,
    );

  /** Confirm at the kiosk, served by `therapist`, claimed by `cashier`: the ticket is `paying`. */
  async function toCounter(services: string[], therapist: string, cashier: string, start: string): Promise<number> {
    t.clock.set(at(start));
    const ticket = await createWaiting(
      t.api,
      services.map((service) => ({ classificationId: menu.get(service)!.classificationId })),
    );
    const claimed = (await post(`/api/transactions/${ticket.id}/claim`, {}, tokens[therapist]!)).transaction;
    await post(`/api/transactions/${ticket.id}/start`, undefined, tokens[therapist]!);
    t.clock.advance(30 * 60_000);
    await post(`/api/transactions/${ticket.id}/finish`, undefined, tokens[therapist]!);
    await post(`/api/rooms/${claimed.room.id}/ready`, undefined, tokens[therapist]!);
    expect((await post('/api/cashier/claim-next', undefined, tokens[cashier]!)).transaction.id).toBe(ticket.id);
    return ticket.id;
  }

  beforeAll(async () => {
    t = await startTestApp(engine);
    t.clock.set(at('09:00'));
    menu = await catalogIndex(t.api);
    Object.assign(tokens, await t.api.loginAll(['therapist1', 'therapist2', 'cashier1', 'cashier2', 'admin']));
    const senior = (
      await post(
        '/api/admin/discounts',
        { name: 'Senior citizen', kind: 'percent', value: 20, requiresNote: true, active: true },
        tokens.admin!,
        201,
      )
    ).discount;
    const promo = (
      await post(
        '/api/admin/discounts',
        { name: 'Promo ₱100', kind: 'fixed', value: 10_000, requiresNote: false, active: true },
        tokens.admin!,
        201,
      )
    ).discount;
    drawerIds.cashier1 = (
      await post('/api/cashier/drawer/open', { openingFloat: 200_000 }, tokens.cashier1!, 201)
    ).drawer.id;
    drawerIds.cashier2 = (
      await post('/api/cashier/drawer/open', { openingFloat: 100_000 }, tokens.cashier2!, 201)
    ).drawer.id;

    // A: Swedish 60 + Foot Massage 60 = ₱1,400, senior 20% (₱280) → ₱1,120: card ₱500, cash ₱620 + ₱50 tip.
    tickets.a = await toCounter(['Swedish 60 minutes', 'Foot Massage 60 minutes'], 'therapist1', 'cashier1', '10:00');
    await post(
      `/api/transactions/${tickets.a}/discounts`,
      { discountTypeId: senior.id, note: 'SC-0423' },
      tokens.cashier1!,
    );
    await pay(tickets.a, { method: 'card', amount: 50_000, reference: 'VISA-1' }, tokens.cashier1!);
    await pay(tickets.a, { method: 'cash', amount: 62_000, tipAmount: 5_000, tendered: 70_000 }, tokens.cashier1!);

    // B: Shiatsu 90 = ₱1,300: e-wallet ₱300 voided (wrong reference), e-wallet ₱300, cash ₱1,000 + ₱100 tip.
    tickets.b = await toCounter(['Shiatsu 90 minutes'], 'therapist2', 'cashier2', '11:10');
    const wrong = (await pay(tickets.b, { method: 'ewallet', amount: 30_000, reference: 'GCASH-X' }, tokens.cashier2!))
      .payment;
    await post(`/api/payments/${wrong.id}/void`, { reason: 'wrong reference' }, tokens.cashier2!);
    await pay(tickets.b, { method: 'ewallet', amount: 30_000, reference: 'GCASH-7' }, tokens.cashier2!);
    await pay(tickets.b, { method: 'cash', amount: 100_000, tipAmount: 10_000, tendered: 110_000 }, tokens.cashier2!);

    // C: Myofascial Release 60 = ₱1,200, promo ₱100 → ₱1,100: card ₱1,100 + ₱20 tip.
    tickets.c = await toCounter(['Myofascial Release 60 minutes'], 'therapist1', 'cashier1', '13:00');
    await post(`/api/transactions/${tickets.c}/discounts`, { discountTypeId: promo.id }, tokens.cashier1!);
    await pay(tickets.c, { method: 'card', amount: 110_000, tipAmount: 2_000, reference: 'MC-2' }, tokens.cashier1!);

    // E: Assessment 30 = ₱500: a senior discount applied then taken off; cash ₱500 exactly.
    tickets.e = await toCounter(['Assessment 30 minutes'], 'therapist2', 'cashier1', '15:00');
    const applied = (
      await post(
        `/api/transactions/${tickets.e}/discounts`,
        { discountTypeId: senior.id, note: 'SC-9' },
        tokens.cashier1!,
      )
    ).transaction.discounts[0];
    await expectOk(
      t.api.request('DELETE', `/api/transactions/${tickets.e}/discounts/${applied.id}`, { token: tokens.cashier1 }),
    );
    await pay(tickets.e, { method: 'cash', amount: 50_000, tendered: 50_000 }, tokens.cashier1!);

    // Refunds: C ₱200 cash (from cashier1's drawer: she settled it) and ₱50 card; A ₱100 cash from drawer 2.
    t.clock.set(at('16:00'));
    await post(
      `/api/transactions/${tickets.c}/refunds`,
      { amount: 20_000, method: 'cash', reason: 'cut short' },
      tokens.admin!,
      201,
    );
    await post(
      `/api/transactions/${tickets.c}/refunds`,
      { amount: 5_000, method: 'card', reason: 'oil' },
      tokens.admin!,
      201,
    );
    await post(
      `/api/transactions/${tickets.a}/refunds`,
      { amount: 10_000, method: 'cash', reason: 'price match', drawerId: drawerIds.cashier2 },
      tokens.admin!,
      201,
    );

    // D: Cupping 60 = ₱1,000, ₱400 cash so far, still at the counter when the day closes: not a sale yet.
    tickets.d = await toCounter(['Cupping 60 minutes'], 'therapist2', 'cashier2', '17:00');
    await pay(tickets.d, { method: 'cash', amount: 40_000, tendered: 40_000 }, tokens.cashier2!);

    t.clock.set(at('21:00'));
    await post('/api/cashier/drawer/close', { countedCash: 296_500, note: 'short ₱5' }, tokens.cashier1!);
    await post('/api/cashier/drawer/close', { countedCash: 240_000 }, tokens.cashier2!);
    report = await expectOk(t.api.get('/api/reports/day?date=2026-11-25', tokens.admin));
  });
  afterAll(async () => t?.close());

  it('adds up sales, discounts, tips, payments and refunds to the centavo, and reconciles', () => {
    expect(report).toMatchObject({
      salesCount: 4, // A, B, C, E; D is part-paid
      grossSales: 140_000 + 130_000 + 120_000 + 50_000,
      discounts: 28_000 + 10_000,
      netSales: 402_000,
      tips: 5_000 + 10_000 + 2_000,
      refunds: 35_000,
      // Amount plus tip; B's voided e-wallet payment and D's part payment left out.
      paymentsByMethod: {
        cash: 62_000 + 5_000 + 100_000 + 10_000 + 50_000,
        card: 50_000 + 110_000 + 2_000,
        ewallet: 30_000,
      },
      paymentsReceived: 419_000,
      refundsByMethod: { cash: 30_000, card: 5_000, ewallet: 0 },
      refundsPaidOut: 35_000,
      reconciles: true,
      reconciliation: { left: 402_000 + 17_000 - 35_000, right: 419_000 - 35_000, difference: 0 },
    });
  });

  it('counts each drawer: float, cash sales, cash tips, cash refunds, expected, counted, difference', () => {
    expect(report.drawers.map((drawer: any) => ({ ...drawer, openedAt: undefined, closedAt: undefined }))).toEqual([
      {
        id: drawerIds.cashier1,
        cashier: { id: expect.any(Number), displayName: 'Liza Mendoza' },
        counter: 'C1',
        openedAt: undefined,
        closedAt: undefined,
        openingFloat: 200_000,
        cashSales: 62_000 + 50_000,
        cashTips: 5_000,
        cashRefunds: 20_000,
        expectedCash: 297_000,
        countedCash: 296_500,
        difference: -500,
        note: 'short ₱5',
      },
      {
        id: drawerIds.cashier2,
        cashier: { id: expect.any(Number), displayName: 'Ramon Bautista' },
        counter: 'C2',
        openedAt: undefined,
        closedAt: undefined,
        openingFloat: 100_000,
        // B's cash and D's part payment: the drawer holds cash as it moved.
        cashSales: 100_000 + 40_000,
        cashTips: 10_000,
        cashRefunds: 10_000,
        expectedCash: 240_000,
        countedCash: 240_000,
        difference: 0,
        note: null,
      },
    ]);
    expect(report.drawersDifference).toBe(-500);
  });

  it('pays each therapist commission on net sales, at the override or the service’s percent, with their tips', () => {
    expect(report.therapists).toEqual([
      {
        therapistId: expect.any(Number),
        displayName: 'Jose Reyes',
        services: 2,
        minutes: 90 + 30,
        netSales: 130_000 + 50_000,
        commissionPercent: null,
        // Shiatsu at 40%, Assessment at 20%.
        commission: 52_000 + 10_000,
        tips: 10_000,
      },
      {
        therapistId: expect.any(Number),
        displayName: 'Maria Santos',
        services: 3,
        minutes: 60 + 60 + 60,
        // A's discount splits ₱160/₱120 over its lines; C is ₱1,100.
        netSales: 112_000 + 110_000,
        commissionPercent: 50,
        commission: 32_000 + 24_000 + 55_000,
        tips: 5_000 + 2_000,
      },
    ]);
    expect(report.totalCommission).toBe(62_000 + 111_000);
    expect(report.tipsByTherapist.map((row: any) => [row.displayName, row.tips])).toEqual([
      ['Jose Reyes', 10_000],
      ['Maria Santos', 7_000],
    ]);
  });

  it('spreads net sales over the hours they were paid in, and the summary and monitor say the same', async () => {
    expect(report.salesByHour.filter((hour: any) => hour.netSales !== 0)).toEqual([
      { hour: 10, netSales: 112_000 },
      { hour: 11, netSales: 130_000 },
      { hour: 13, netSales: 110_000 },
      { hour: 15, netSales: 50_000 },
    ]);
    const summary = await expectOk(t.api.get('/api/reports/summary?from=2026-11-25&to=2026-11-25', tokens.admin));
    const revenue = { total: 402_000, cash: 62_000 + 100_000 + 50_000, card: 50_000 + 110_000, ewallet: 30_000 };
    expect(summary.totals.revenue).toEqual(revenue);
    expect(summary.byService.reduce((sum: number, row: any) => sum + row.revenue, 0)).toBe(402_000);
    expect(summary.byTherapist.reduce((sum: number, row: any) => sum + row.revenue, 0)).toBe(402_000);
    expect((await expectOk(t.api.get('/api/monitor/snapshot', tokens.admin))).stats.revenueToday).toEqual(revenue);
  });

  it('says so when the money does not add up', async () => {
    // A payment row the sales do not explain (written behind the API's back): the report must notice.
    const db = t.testDb.database.db;
    const row = await db
      .selectFrom('transactions')
      .select('cashier_id')
      .where('id', '=', tickets.a!)
      .executeTakeFirstOrThrow();
    await db
      .insertInto('payments')
      .values({
        transaction_id: tickets.a!,
        cashier_id: row.cashier_id!,
        method: 'card',
        amount: 100,
        tendered: null,
        change_amount: null,
        reference: 'STRAY',
        created_at: at('20:00'),
      })
      .execute();
    const broken = await expectOk(t.api.get('/api/reports/day?date=2026-11-25', tokens.admin));
    expect(broken).toMatchObject({
      reconciles: false,
      reconciliation: { left: 384_000, right: 384_100, difference: -100 },
    });
    const csv = await t.api.get('/api/reports/day.csv?date=2026-11-25', tokens.admin);
    expect((csv.body as string).split('\r\n')).toContain('reconciles,no');
  });
});
