import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app.js';
import { testEngines } from './support/databases.js';
import { catalogIndex, createSelection, createWaiting, expectOk, type CatalogIndex } from './support/floor.js';

const MINUTE = 60_000;
/** 10:00 in Manila on 2026-11-25. */
const T0 = Date.parse('2026-11-25T02:00:00.000Z');

/**
 * One known morning on the floor, driven through the API with a hand-set clock, then the monitor's
 * snapshot and the day's report checked against figures worked out by hand.
 */
describe.each(testEngines())('a fixture day: snapshot and report on %s', (engine) => {
  let t: TestApp;
  let menu: CatalogIndex;
  const tokens: Record<string, string> = {};
  const ids: Record<string, number> = {};
  const accountId: Record<string, number> = {};
  const item = (name: string) => [{ classificationId: menu.get(name)!.classificationId }];
  const at = (minutes: number) => t.clock.set(T0 + minutes * MINUTE);
  const pay = (id: number, body: unknown, token: string) =>
    expectOk(
      t.api.request('POST', `/api/transactions/${id}/payments`, {
        body,
        token,
        headers: { 'idempotency-key': randomUUID() },
      }),
      201,
    );

  beforeAll(async () => {
    t = await startTestApp(engine);
    t.clock.set(T0);
    menu = await catalogIndex(t.api);
    for (const username of [
      'therapist1',
      'therapist2',
      'therapist3',
      'therapist4',
      'cashier1',
      'cashier2',
      'monitor1',
      'admin',
    ]) {
      tokens[username] = await t.api.login(username);
      accountId[username] = (await expectOk(t.api.get('/api/auth/me', tokens[username]))).user.id;
    }
    await expectOk(t.api.post('/api/cashier/drawer/open', { openingFloat: 0 }, tokens.cashier1), 201);
    await expectOk(t.api.post('/api/therapist/status', { status: 'on_break' }, tokens.therapist3));
    await expectOk(t.api.post('/api/therapist/status', { status: 'on_break' }, tokens.therapist4));

    at(0);
    const a = await createWaiting(t.api, item('Swedish 60 minutes'));
    const e = await createSelection(t.api, item('Cupping 60 minutes')); // never confirmed: expires
    at(5);
    const b = await createWaiting(t.api, item('Shiatsu 90 minutes'));
    at(10);
    const c = await createWaiting(t.api, item('Foot Massage 60 minutes'), 'senior');
    at(15);
    const d = await createWaiting(t.api, item('Swedish 60 minutes'));
    Object.assign(ids, { a: a.id, b: b.id, c: c.id, d: d.id, e: e.id });

    at(12);
    expect((await expectOk(t.api.post('/api/therapist/claim-next', {}, tokens.therapist1))).transaction.id).toBe(c.id);
    await expectOk(t.api.post(`/api/transactions/${c.id}/start`, undefined, tokens.therapist1));
    at(14);
    expect((await expectOk(t.api.post('/api/therapist/claim-next', {}, tokens.therapist2))).transaction.id).toBe(a.id);
    await expectOk(t.api.post(`/api/transactions/${a.id}/start`, undefined, tokens.therapist2));
    at(20);
    await expectOk(t.api.post(`/api/transactions/${d.id}/cancel`, {}, d.token));
    at(31);
    expect(await t.app.services.transactions.sweepIdleSelections()).toBe(1);

    at(72);
    await expectOk(t.api.post(`/api/transactions/${c.id}/finish`, undefined, tokens.therapist1));
    expect((await expectOk(t.api.post('/api/cashier/claim-next', undefined, tokens.cashier1))).transaction.id).toBe(
      c.id,
    );
    await pay(c.id, { method: 'cash', amount: 60_000, tendered: 100_000 }, tokens.cashier1!);
    at(73);
    const rooms = (await expectOk(t.api.get('/api/rooms', tokens.admin))).rooms;
    await expectOk(
      t.api.post(`/api/rooms/${rooms.find((room: any) => room.name === '101').id}/ready`, undefined, tokens.therapist1),
    );
    at(74);
    await expectOk(t.api.post(`/api/transactions/${a.id}/finish`, undefined, tokens.therapist2));
    expect((await expectOk(t.api.post('/api/cashier/claim-next', undefined, tokens.cashier2))).transaction.id).toBe(
      a.id,
    );
    await pay(a.id, { method: 'card', amount: 50_000, reference: 'MC-0001' }, tokens.cashier2!);
    await pay(a.id, { method: 'ewallet', amount: 30_000, reference: 'GCASH-9' }, tokens.cashier2!);
    at(75);
    expect((await expectOk(t.api.post('/api/therapist/claim-next', {}, tokens.therapist1))).transaction.id).toBe(b.id);
    await expectOk(t.api.post(`/api/transactions/${b.id}/start`, undefined, tokens.therapist1));
    at(78);
    ids.f = (await createWaiting(t.api, item('Swedish 90 minutes'))).id;
    at(80);
  });
  afterAll(async () => t?.close());

  it('the snapshot shows the floor and the day’s figures as worked out by hand', async () => {
    const snapshot = await expectOk(t.api.get('/api/monitor/snapshot', tokens.monitor1));
    const lastSeq = await t.testDb.database.db
      .selectFrom('transaction_events')
      .select((eb) => eb.fn.max('id').as('seq'))
      .executeTakeFirstOrThrow();
    expect(snapshot.seq).toBe(Number(lastSeq.seq));
    expect(snapshot.generatedAt).toBe('2026-11-25T03:20:00.000Z');
    expect(snapshot.businessDate).toBe('2026-11-25');
    expect(snapshot.waiting.map((row: any) => [row.id, row.queuePosition, row.estimatedWaitSeconds])).toEqual([
      [ids.f, 1, 0],
    ]);
    expect(snapshot.serving.map((row: any) => [row.id, row.status, row.room.name])).toEqual([
      [ids.b, 'in_service', '101'],
    ]);
    expect(snapshot.awaitingPayment).toEqual([]);
    expect(snapshot.paying).toEqual([]);
    expect(snapshot.rooms.map((room: any) => [room.name, room.status, room.transactionId])).toEqual([
      ['101', 'occupied', ids.b],
      ['102', 'cleaning', null],
      ['103', 'available', null],
      ['104', 'available', null],
    ]);
    const therapists = Object.fromEntries(
      snapshot.therapists.map((row: any) => [row.id, [row.status, row.transactionId]]),
    );
    expect(therapists).toEqual({
      [accountId.therapist1!]: ['serving', ids.b],
      [accountId.therapist2!]: ['available', null],
      [accountId.therapist3!]: ['on_break', null],
      [accountId.therapist4!]: ['on_break', null],
    });
    expect(snapshot.cashiers.every((row: any) => row.status === 'available' && row.counter !== null)).toBe(true);
    expect(snapshot.stats).toEqual({
      waitingCount: 1,
      longestWaitSeconds: 2 * 60,
      // Claimed today: C waited 2 min, A 14 min, B 70 min.
      avgWaitSecondsToday: (120 + 840 + 4200) / 3,
      // Finished today: C and A, 60 min each.
      avgServiceSecondsToday: 3600,
      // therapist2 is free and takes F (90 min); therapist1 frees at 10:00+75+90 = 85 min from now.
      estimatedWaitSeconds: 85 * 60,
      servedToday: 2,
      revenueToday: { total: 140_000, cash: 60_000, card: 50_000, ewallet: 30_000 },
      servedByTherapist: [
        { therapistId: accountId.therapist1, count: 1 },
        { therapistId: accountId.therapist2, count: 1 },
      ].sort((x, y) => x.therapistId! - y.therapistId!),
    });
    // The kiosk shows the waiting customer the same estimate.
    expect(
      (await expectOk(t.api.get(`/api/transactions/${ids.f}`, tokens.admin))).transaction.estimatedWaitSeconds,
    ).toBe(0);
  });

  it('the day’s report and its CSV match the hand-computed figures', async () => {
    const summary = await expectOk(t.api.get('/api/reports/summary?from=2026-11-25&to=2026-11-25', tokens.admin));
    const day = {
      paid: 2,
      cancelled: 2,
      revenue: { total: 140_000, cash: 60_000, card: 50_000, ewallet: 30_000 },
      avgWaitSeconds: 1720,
      avgServiceSeconds: 3600,
    };
    expect(summary).toEqual({
      from: '2026-11-25',
      to: '2026-11-25',
      currency: 'PHP',
      days: [{ date: '2026-11-25', ...day }],
      totals: { ...day, cancelledByReason: { customer_request: 1, no_show: 0, expired: 1, staff_decision: 0 } },
      byService: [
        { serviceName: 'Swedish', quantity: 1, revenue: 80_000 },
        { serviceName: 'Foot Massage', quantity: 1, revenue: 60_000 },
      ],
      byTherapist: [
        { therapistId: accountId.therapist2, displayName: 'Jose Reyes', served: 1, revenue: 80_000 },
        { therapistId: accountId.therapist1, displayName: 'Maria Santos', served: 1, revenue: 60_000 },
      ],
    });

    const csv = await t.api.get('/api/reports/summary.csv?from=2026-11-25&to=2026-11-25', tokens.admin);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toBe(
      'attachment; filename="spaflow-summary-2026-11-25-to-2026-11-25.csv"',
    );
    expect(csv.body).toBe(
      'date,paid,cancelled,revenue_PHP,cash,card,ewallet,avg_wait_seconds,avg_service_seconds\r\n' +
        '2026-11-25,2,2,1400.00,600.00,500.00,300.00,1720,3600\r\n' +
        'total,2,2,1400.00,600.00,500.00,300.00,1720,3600\r\n',
    );

    const empty = await expectOk(t.api.get('/api/reports/summary?from=2026-11-01&to=2026-11-24', tokens.admin));
    expect(empty.days).toEqual([]);
    expect(empty.totals).toMatchObject({ paid: 0, cancelled: 0, revenue: { total: 0 }, avgWaitSeconds: null });
  });

  it('refuses bad ranges and non-admins', async () => {
    for (const query of [
      '',
      '?from=2026-11-25',
      '?from=2026-11-26&to=2026-11-25',
      '?from=2026-02-30&to=2026-03-01',
      '?from=2025-01-01&to=2026-11-25',
      '?from=25/11/2026&to=2026-11-25',
    ]) {
      const response = await t.api.get(`/api/reports/summary${query}`, tokens.admin);
      expect(response.status, query).toBe(400);
      expect(response.body.error.code, query).toBe('validation_failed');
    }
    expect((await t.api.get('/api/reports/summary?from=2026-11-25&to=2026-11-25', tokens.monitor1)).status).toBe(403);
    expect((await t.api.get('/api/monitor/snapshot', tokens.cashier1)).status).toBe(403);
    expect((await t.api.get('/api/monitor/snapshot')).status).toBe(401);
  });
});
