import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaffMember } from '../src/modules/staff/staff.service.js';
import { startTestApp, type TestApp } from './support/app.js';
import { testEngines } from './support/databases.js';
import { catalogIndex, createSelection, createWaiting, expectOk, type CatalogIndex } from './support/floor.js';

describe.each(testEngines())('queue order, rooms, breaks and the sweeper on %s', (engine) => {
  let t: TestApp;
  let menu: CatalogIndex;
  const tokens: Record<string, string> = {};
  const swedish60 = () => ({ classificationId: menu.get('Swedish 60 minutes')!.classificationId });

  beforeAll(async () => {
    t = await startTestApp(engine);
    menu = await catalogIndex(t.api);
    await createStaffMember(
      { database: t.testDb.database, clock: t.clock },
      { role: 'therapist', username: 'therapist5', displayName: 'Extra Hands', password: 'password123' },
    );
    Object.assign(
      tokens,
      await t.api.loginAll(['therapist1', 'therapist2', 'therapist3', 'therapist4', 'therapist5', 'cashier1', 'admin']),
    );
  });
  afterAll(async () => t?.close());

  const queueCodes = async () =>
    (await expectOk(t.api.get('/api/queues/therapist', tokens.admin))).transactions.map((transaction: any) => [
      transaction.code,
      transaction.queuePosition,
    ]);

  it('serves priority customers first, then in confirm order, and a release keeps its place', async () => {
    const first = await createWaiting(t.api, [swedish60()]);
    t.clock.advance(1000);
    const second = await createWaiting(t.api, [swedish60()]);
    t.clock.advance(1000);
    const senior = await createWaiting(t.api, [swedish60()], 'senior');
    t.clock.advance(1000);
    const third = await createWaiting(t.api, [swedish60()]);
    expect(await queueCodes()).toEqual([
      [senior.transaction.code, 1],
      [first.transaction.code, 2],
      [second.transaction.code, 3],
      [third.transaction.code, 4],
    ]);
    // Each queue answers as of the newest seq, so a station replays exactly what came after it.
    const newestSeq = Number(
      (
        await t.testDb.database.db
          .selectFrom('transaction_events')
          .select((eb) => eb.fn.max('id').as('seq'))
          .executeTakeFirstOrThrow()
      ).seq,
    );
    for (const queue of ['therapist', 'cashier']) {
      expect((await expectOk(t.api.get(`/api/queues/${queue}`, tokens.admin))).seq).toBe(newestSeq);
    }
    // The customer sees that they have priority, and their place, but never the reason.
    const own = (await expectOk(t.api.get(`/api/transactions/${senior.id}`, senior.token))).transaction;
    expect(own).toMatchObject({ priority: true, queuePosition: 1 });
    expect(own).not.toHaveProperty('priorityReason');
    expect(
      (await expectOk(t.api.get(`/api/transactions/${senior.id}`, tokens.cashier1))).transaction.priorityReason,
    ).toBe('senior');
    expect((await expectOk(t.api.get(`/api/transactions/${second.id}`, second.token))).transaction.queuePosition).toBe(
      3,
    );

    const claimed = (await expectOk(t.api.post('/api/therapist/claim-next', {}, tokens.therapist1))).transaction;
    expect(claimed.id).toBe(senior.id);
    const next = (await expectOk(t.api.post('/api/therapist/claim-next', {}, tokens.therapist2))).transaction;
    expect(next.id).toBe(first.id);
    // A priority ticket arriving now does not displace one already claimed, but goes ahead of those waiting.
    const pwd = await createWaiting(t.api, [swedish60()], 'pwd');
    await expectOk(t.api.post(`/api/transactions/${first.id}/release`, undefined, tokens.therapist2));
    expect(await queueCodes()).toEqual([
      [pwd.transaction.code, 1],
      [first.transaction.code, 2],
      [second.transaction.code, 3],
      [third.transaction.code, 4],
    ]);
    const released = (await expectOk(t.api.get(`/api/transactions/${first.id}`, tokens.admin))).transaction;
    expect(released).toMatchObject({
      status: 'pending_therapist',
      therapist: null,
      room: null,
      therapistConfirmedAt: null,
    });

    await expectOk(t.api.post(`/api/transactions/${senior.id}/release`, undefined, tokens.therapist1));
    for (const ticket of [senior, first, second, third, pwd]) {
      await expectOk(t.api.post(`/api/transactions/${ticket.id}/cancel`, {}, tokens.admin));
    }
  });

  it('reserves the home room, else the lowest free one; 409 no_room_available when none is free', async () => {
    const tickets = await Promise.all(Array.from({ length: 5 }, () => createWaiting(t.api, [swedish60()])));
    const rooms = (await expectOk(t.api.get('/api/rooms', tokens.admin))).rooms;
    const roomId = (name: string) => rooms.find((room: any) => room.name === name).id;

    // therapist2 names room 101, so therapist1, whose home room that is, gets the lowest free one.
    const byName = (
      await expectOk(t.api.post('/api/therapist/claim-next', { roomId: roomId('101') }, tokens.therapist2))
    ).transaction;
    expect(byName.room.name).toBe('101');
    const fallback = (await expectOk(t.api.post('/api/therapist/claim-next', {}, tokens.therapist1))).transaction;
    expect(fallback.room.name).toBe('102');
    const home = (await expectOk(t.api.post('/api/therapist/claim-next', {}, tokens.therapist3))).transaction;
    expect(home.room.name).toBe('103');

    const taken = await t.api.post('/api/therapist/claim-next', { roomId: roomId('101') }, tokens.therapist4);
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('no_room_available');
    const missing = await t.api.post('/api/therapist/claim-next', { roomId: 987_654 }, tokens.therapist4);
    expect(missing.status).toBe(404);

    expect((await expectOk(t.api.post('/api/therapist/claim-next', {}, tokens.therapist4))).transaction.room.name).toBe(
      '104',
    );
    const before = (await expectOk(t.api.get('/api/queues/therapist', tokens.admin))).transactions;
    const none = await t.api.post('/api/therapist/claim-next', {}, tokens.therapist5);
    expect(none.status).toBe(409);
    expect(none.body.error.code).toBe('no_room_available');
    expect((await expectOk(t.api.get('/api/queues/therapist', tokens.admin))).transactions).toEqual(before);

    // Out of service rooms are never reserved; a cleaned room must be marked ready first.
    await expectOk(t.api.post(`/api/transactions/${home.id}/start`, undefined, tokens.therapist3));
    await expectOk(t.api.post(`/api/transactions/${home.id}/finish`, undefined, tokens.therapist3));
    expect((await t.api.post('/api/therapist/claim-next', {}, tokens.therapist5)).body.error.code).toBe(
      'no_room_available',
    );
    const notCleaning = await t.api.post(`/api/rooms/${roomId('101')}/ready`, undefined, tokens.therapist3);
    expect(notCleaning.status).toBe(409);
    await expectOk(t.api.post(`/api/rooms/${roomId('103')}/ready`, undefined, tokens.therapist3));
    expect((await expectOk(t.api.post('/api/therapist/claim-next', {}, tokens.therapist5))).transaction.room.name).toBe(
      '103',
    );

    for (const ticket of tickets) {
      const current = (await expectOk(t.api.get(`/api/transactions/${ticket.id}`, tokens.admin))).transaction;
      if (current.status === 'therapist_confirmed' || current.status === 'pending_therapist') {
        await expectOk(t.api.post(`/api/transactions/${ticket.id}/cancel`, {}, tokens.admin));
      }
    }
    const free = (await expectOk(t.api.get('/api/rooms', tokens.admin))).rooms.map((room: any) => room.status);
    expect(free).toEqual(['available', 'available', 'available', 'available']);
  });

  it('a therapist holds one customer at a time and claims nothing on a break', async () => {
    const a = await createWaiting(t.api, [swedish60()]);
    const b = await createWaiting(t.api, [swedish60()]);
    await expectOk(t.api.post(`/api/transactions/${a.id}/claim`, {}, tokens.therapist1));
    const second = await t.api.post(`/api/transactions/${b.id}/claim`, {}, tokens.therapist1);
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('active_transaction_exists');
    const taken = await t.api.post(`/api/transactions/${a.id}/claim`, {}, tokens.therapist2);
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('already_claimed');
    const noBreak = await t.api.post('/api/therapist/status', { status: 'on_break' }, tokens.therapist1);
    expect(noBreak.body.error.code).toBe('active_transaction_exists');

    expect(
      (await expectOk(t.api.post('/api/therapist/status', { status: 'on_break' }, tokens.therapist2))).status,
    ).toBe('on_break');
    expect(await expectOk(t.api.get('/api/therapist/status', tokens.therapist2))).toEqual({ status: 'on_break' });
    expect(await expectOk(t.api.get('/api/therapist/status', tokens.therapist1))).toEqual({ status: 'available' });
    expect((await t.api.get('/api/therapist/status', tokens.cashier1)).status).toBe(403);
    const onBreak = await t.api.post('/api/therapist/claim-next', {}, tokens.therapist2);
    expect(onBreak.status).toBe(409);
    expect(onBreak.body.error.code).toBe('therapist_on_break');
    await expectOk(t.api.post('/api/therapist/status', { status: 'available' }, tokens.therapist2));
    expect((await expectOk(t.api.post('/api/therapist/claim-next', {}, tokens.therapist2))).transaction.id).toBe(b.id);

    // A no-show: the assigned therapist cancels, only with that reason; the room is free again.
    const wrongReason = await t.api.post(
      `/api/transactions/${b.id}/cancel`,
      { reason: 'customer_request' },
      tokens.therapist2,
    );
    expect(wrongReason.status).toBe(400);
    const noShow = (
      await expectOk(t.api.post(`/api/transactions/${b.id}/cancel`, { note: 'called twice' }, tokens.therapist2))
    ).transaction;
    expect(noShow).toMatchObject({ status: 'cancelled', cancelReason: 'no_show' });
    await expectOk(t.api.post(`/api/transactions/${a.id}/release`, undefined, tokens.therapist1));
    await expectOk(t.api.post(`/api/transactions/${a.id}/cancel`, {}, a.token));
    expect((await expectOk(t.api.get(`/api/transactions/${a.id}`, a.token))).transaction.cancelReason).toBe(
      'customer_request',
    );
  });

  it('expires selections idle for over 30 minutes, and only those', async () => {
    const idle = await createSelection(t.api, [swedish60()]);
    t.clock.advance(20 * 60_000);
    const touched = await createSelection(t.api, [swedish60()]);
    t.clock.advance(9 * 60_000);
    await expectOk(
      t.api.request('PUT', `/api/transactions/${touched.id}/items`, {
        body: { items: [swedish60()] },
        token: touched.token,
      }),
    );
    t.clock.advance(60_000 + 1);

    // Two nodes sweeping at the same moment cancel each idle selection once.
    const swept = await Promise.all([
      t.app.services.transactions.sweepIdleSelections(),
      t.app.services.transactions.sweepIdleSelections(),
    ]);
    expect(swept[0] + swept[1]).toBe(1);
    const expired = (await expectOk(t.api.get(`/api/transactions/${idle.id}`, idle.token))).transaction;
    expect(expired).toMatchObject({ status: 'cancelled', cancelReason: 'expired' });
    expect((await expectOk(t.api.get(`/api/transactions/${touched.id}`, touched.token))).transaction.status).toBe(
      'selecting',
    );
    const events = await t.testDb.database.db
      .selectFrom('transaction_events')
      .select(['action', 'actor_type'])
      .where('transaction_id', '=', idle.id)
      .orderBy('id')
      .execute();
    expect(events.at(-1)).toEqual({ action: 'cancel', actor_type: 'system' });
  });
});
