import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app.js';
import { testEngines } from './support/databases.js';
import { catalogIndex, createWaiting, expectOk, type CatalogIndex } from './support/floor.js';

/** 2026-11-25 10:00 in Manila. */
const T0 = Date.parse('2026-11-25T02:00:00Z');

describe.each(testEngines())('one definition of the day’s sales on %s', (engine) => {
  let t: TestApp;
  let menu: CatalogIndex;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp(engine);
    t.clock.set(T0);
    menu = await catalogIndex(t.api);
    Object.assign(tokens, await t.api.loginAll(['therapist1', 'therapist2', 'cashier1', 'cashier2', 'admin']));
  });
  afterAll(async () => t?.close());

  const pay = (id: number, body: unknown, token: string) =>
    expectOk(
      t.api.request('POST', `/api/transactions/${id}/payments`, {
        body,
        token,
        headers: { 'idempotency-key': randomUUID() },
      }),
      201,
    );

  async function atTheCounter(service: string, therapist: string, cashier: string): Promise<number> {
    const ticket = await createWaiting(t.api, [{ classificationId: menu.get(service)!.classificationId }]);
    const claimed = (await expectOk(t.api.post(`/api/transactions/${ticket.id}/claim`, {}, therapist))).transaction;
    await expectOk(t.api.post(`/api/transactions/${ticket.id}/start`, undefined, therapist));
    t.clock.advance(60 * 60_000);
    await expectOk(t.api.post(`/api/transactions/${ticket.id}/finish`, undefined, therapist));
    await expectOk(t.api.post(`/api/rooms/${claimed.room.id}/ready`, undefined, therapist));
    const paying = (await expectOk(t.api.post('/api/cashier/claim-next', undefined, cashier))).transaction;
    expect(paying.id).toBe(ticket.id);
    return ticket.id;
  }

  it('does not count a part payment on an unpaid ticket as revenue: the monitor, summary and services agree', async () => {
    // Paid in full: Swedish 60 (₱800) by card.
    const paid = await atTheCounter('Swedish 60 minutes', tokens.therapist1!, tokens.cashier1!);
    await pay(paid, { method: 'card', amount: 80_000 }, tokens.cashier1!);
    // Still at the counter: Shiatsu 90 (₱1,300) with ₱500 paid so far by e-wallet.
    const open = await atTheCounter('Shiatsu 90 minutes', tokens.therapist2!, tokens.cashier2!);
    await pay(open, { method: 'ewallet', amount: 50_000 }, tokens.cashier2!);

    const summary = await expectOk(t.api.get('/api/reports/summary?from=2026-11-25&to=2026-11-25', tokens.admin));
    const byService = summary.byService.reduce((sum: number, row: { revenue: number }) => sum + row.revenue, 0);
    const byTherapist = summary.byTherapist.reduce((sum: number, row: { revenue: number }) => sum + row.revenue, 0);
    const monitor = (await expectOk(t.api.get('/api/monitor/snapshot', tokens.admin))).stats.revenueToday;
    expect({ summary: summary.totals.revenue, byService, byTherapist, monitor }).toEqual({
      summary: { total: 80_000, cash: 0, card: 80_000, ewallet: 0 },
      byService: 80_000,
      byTherapist: 80_000,
      monitor: { total: 80_000, cash: 0, card: 80_000, ewallet: 0 },
    });
  });

  it('closes the day: sales, payments, earnings by therapist and sales by hour, reconciled, also as CSV', async () => {
    const report = await expectOk(t.api.get('/api/reports/day?date=2026-11-25', tokens.admin));
    // Only the Swedish 60 is a sale; the Shiatsu's ₱500 part payment waits for its ticket to be paid.
    expect(report).toMatchObject({
      date: '2026-11-25',
      currency: 'PHP',
      salesCount: 1,
      grossSales: 80_000,
      discounts: 0,
      netSales: 80_000,
      tips: 0,
      refunds: 0,
      paymentsByMethod: { cash: 0, card: 80_000, ewallet: 0 },
      paymentsReceived: 80_000,
      refundsByMethod: { cash: 0, card: 0, ewallet: 0 },
      refundsPaidOut: 0,
      tipsByTherapist: [],
      // Maria Santos has the demo's 50% override (Swedish alone would give her 40%).
      therapists: [
        {
          therapistId: expect.any(Number),
          displayName: 'Maria Santos',
          services: 1,
          minutes: 60,
          netSales: 80_000,
          commissionPercent: 50,
          commission: 40_000,
          tips: 0,
        },
      ],
      totalCommission: 40_000,
      drawers: [],
      drawersDifference: 0,
      reconciles: true,
      reconciliation: { left: 80_000, right: 80_000, difference: 0 },
    });
    // Paid at 11:00 Manila time (10:00 plus the hour of service).
    expect(report.salesByHour).toHaveLength(24);
    expect(report.salesByHour.filter((hour: { netSales: number }) => hour.netSales > 0)).toEqual([
      { hour: 11, netSales: 80_000 },
    ]);

    const csv = await t.api.get('/api/reports/day.csv?date=2026-11-25', tokens.admin);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="spaflow-day-2026-11-25.csv"');
    const lines = (csv.body as string).split('\r\n');
    expect(lines.slice(0, 6)).toEqual([
      'date,2026-11-25',
      'currency,PHP',
      'sales_count,1',
      'gross_sales,800.00',
      'discounts,0.00',
      'net_sales,800.00',
    ]);
    expect(lines).toContain('reconciles,yes');
    expect(lines).toContain('Maria Santos,1,60,800.00,50,400.00,0.00');
    expect(lines).toContain('11,800.00');

    for (const query of ['', '?date=2026-13-01', '?date=yesterday', '?date=2026-11-25&extra=1']) {
      const refused = await t.api.get(`/api/reports/day${query}`, tokens.admin);
      expect(refused.status, query).toBe(400);
    }
    expect((await t.api.get('/api/reports/day?date=2026-11-25', tokens.cashier1)).status).toBe(403);
    const quiet = await expectOk(t.api.get('/api/reports/day?date=2026-11-24', tokens.admin));
    expect(quiet).toMatchObject({ salesCount: 0, netSales: 0, therapists: [], reconciles: true });
  });
});
