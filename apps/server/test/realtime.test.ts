import { randomUUID } from 'node:crypto';
import { FloorClient } from '@spaflow/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import type { Change } from '../src/realtime/changes.js';
import { startTestApp, type TestApp } from './support/app.js';
import { testConfig } from './support/config.js';
import { ApiClient } from './support/http.js';
import { testEngines } from './support/databases.js';
import { catalogIndex, createSelection, expectOk, type CatalogIndex } from './support/floor.js';
import { eventually, handshakeResult, listen, type Listener } from './support/sockets.js';

const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

describe.each(testEngines())('real-time events on %s', (engine) => {
  let t: TestApp;
  let menu: CatalogIndex;
  const tokens: Record<string, string> = {};
  const opened: Listener[] = [];
  const connect = async (token: string | undefined, headers?: Record<string, string>) => {
    const listener = await listen(t.api.baseUrl, token, headers);
    opened.push(listener);
    return listener;
  };

  beforeAll(async () => {
    t = await startTestApp(engine, { config: { allowedOrigins: ['https://kiosk.example.com'] } });
    menu = await catalogIndex(t.api);
    Object.assign(tokens, await t.api.loginAll(['therapist1', 'therapist2', 'cashier1', 'monitor1', 'admin']));
  });
  afterAll(async () => {
    for (const listener of opened) listener.close();
    await t?.close();
  });

  it('refuses handshakes without a valid token or from a foreign origin', async () => {
    const base = t.api.baseUrl;
    expect(await handshakeResult(base, undefined)).toBe('unauthenticated');
    expect(await handshakeResult(base, '')).toBe('unauthenticated');
    expect(await handshakeResult(base, 'sfs_forged')).toBe('unauthenticated');
    expect(await handshakeResult(base, tokens.monitor1, { origin: 'https://evil.example.com' })).toBe(
      'forbidden_origin',
    );
    expect(await handshakeResult(base, tokens.monitor1, { origin: 'https://kiosk.example.com' })).toBe('connected');
    expect(await handshakeResult(base, tokens.monitor1, { origin: base })).toBe('connected');
    expect(await handshakeResult(base, tokens.monitor1)).toBe('connected');

    const revoked = await t.api.login('cashier2');
    await expectOk(t.api.post('/api/auth/logout', undefined, revoked), 204);
    expect(await handshakeResult(base, revoked)).toBe('unauthenticated');

    const expiring = await t.api.login('therapist3');
    t.clock.advance(24 * 60 * 60 * 1000);
    expect(await handshakeResult(base, expiring)).toBe('unauthenticated');
    t.clock.advance(-24 * 60 * 60 * 1000);
  });

  it('each lifecycle step reaches exactly the rooms the contract names', async () => {
    const swedish = menu.get('Swedish 60 minutes')!.classificationId;
    const monitor = await connect(tokens.monitor1);
    const therapist = await connect(tokens.therapist1);
    const cashier = await connect(tokens.cashier1);
    const other = await createSelection(t.api, [{ classificationId: swedish }]);
    const otherCustomer = await connect(other.token);
    // A client cannot pick its rooms: these do nothing.
    for (const room of ['monitor', 'therapist_queue', 'cashier_queue']) {
      (otherCustomer.socket as any).emit('join', room);
      (otherCustomer.socket as any).emit('subscribe', { room });
    }

    const mine = await createSelection(t.api, [{ classificationId: swedish }]);
    // The customer's screen opens once the selection exists (its create event already sent).
    await eventually(() => monitor.heard.some((heard) => heard.transactionId === mine.id), 'the create event');
    const customer = await connect(mine.token);
    const id = mine.id;
    await expectOk(t.api.post(`/api/transactions/${id}/confirm`, undefined, mine.token));
    const claimed = (await expectOk(t.api.post(`/api/transactions/${id}/claim`, {}, tokens.therapist1))).transaction;
    await expectOk(t.api.post(`/api/transactions/${id}/start`, undefined, tokens.therapist1));
    await expectOk(t.api.post(`/api/transactions/${id}/finish`, undefined, tokens.therapist1));
    await expectOk(t.api.post(`/api/rooms/${claimed.room.id}/ready`, undefined, tokens.therapist1));
    await expectOk(t.api.post('/api/cashier/claim-next', undefined, tokens.cashier1));
    const payment = (amount: number) =>
      t.api.request('POST', `/api/transactions/${id}/payments`, {
        body: { method: 'card', amount },
        token: tokens.cashier1,
        headers: { 'idempotency-key': randomUUID() },
      });
    await expectOk(payment(30_000), 201);
    await expectOk(payment(50_000), 201);

    const events = await t.testDb.database.db
      .selectFrom('transaction_events')
      .select(['id', 'action', 'version'])
      .where('transaction_id', '=', id)
      .orderBy('id')
      .execute();
    const lastSeq = events.at(-1)!.id;
    await eventually(
      () => monitor.heard.some((heard) => heard.seq === lastSeq && heard.event === 'transaction_updated'),
      'the monitor to hear the last step',
    );
    await settle();

    const actionsHeard = (listener: Listener) =>
      listener.heard
        .filter((heard) => heard.event === 'transaction_updated' && heard.transactionId === id)
        .map((heard) => heard.action);
    expect(actionsHeard(monitor)).toEqual(events.map((event) => event.action));
    expect(actionsHeard(customer)).toEqual(events.slice(1).map((event) => event.action));
    expect(actionsHeard(therapist)).toEqual([
      'customer_confirm_selection',
      'therapist_confirm',
      'service_start',
      'service_finish',
    ]);
    expect(actionsHeard(cashier)).toEqual(['payment_enqueue', 'cashier_claim', 'payment_recorded', 'payment_complete']);
    expect(otherCustomer.heard).toEqual([]);

    // Every event carries its own seq and the version its step made.
    const monitorEvents = monitor.heard.filter(
      (heard) => heard.event === 'transaction_updated' && heard.transactionId === id,
    );
    expect(monitorEvents.map((heard) => [heard.seq, heard.version])).toEqual(
      events.map((event) => [event.id, event.version]),
    );
    // Customers see their own transaction without staff-only fields.
    expect(customer.heard[0]!.payload.transaction).not.toHaveProperty('priorityReason');
    expect(monitorEvents[0]!.payload.transaction).toHaveProperty('priorityReason');

    // Rooms and staff: monitor and therapists hear them, cashiers do not.
    const roomStatuses = (listener: Listener) =>
      listener.heard.filter((heard) => heard.event === 'room_updated').map((heard) => heard.payload.room.status);
    // One room_updated per step that moved the room. Each carries the room as it is when sent, so a slow
    // send may already show the next state; the states never go back, and the last is the room's own.
    const order = ['reserved', 'occupied', 'cleaning', 'available'];
    for (const listener of [monitor, therapist]) {
      const statuses = roomStatuses(listener);
      expect(statuses).toHaveLength(4);
      expect(statuses.map((status: string) => order.indexOf(status))).toEqual(
        statuses.map((status: string) => order.indexOf(status)).sort(),
      );
      expect(statuses.at(-1)).toBe('available');
    }
    expect(cashier.heard.filter((heard) => heard.event !== 'transaction_updated')).toEqual([]);
    const staffHeard = monitor.heard
      .filter((heard) => heard.event === 'staff_updated')
      .map((heard) => [heard.payload.staff.role, heard.payload.staff.status]);
    expect(staffHeard).toEqual([
      ['therapist', 'serving'],
      ['therapist', 'available'],
      ['cashier', 'serving'],
      ['cashier', 'available'],
    ]);
    for (const listener of [monitor, therapist, cashier, customer, otherCustomer]) listener.close();
  });

  it('tells every waiting customer their new place when the queue moves, and only their own', async () => {
    const swedish = menu.get('Swedish 60 minutes')!.classificationId;
    const [first, second, third] = [
      await createSelection(t.api, [{ classificationId: swedish }]),
      await createSelection(t.api, [{ classificationId: swedish }]),
      await createSelection(t.api, [{ classificationId: swedish }]),
    ];
    for (const ticket of [first, second, third]) {
      await expectOk(t.api.post(`/api/transactions/${ticket.id}/confirm`, undefined, ticket.token));
    }
    const thirdCustomer = await connect(third.token);
    const therapistStation = await connect(tokens.therapist2);
    const cashier = await connect(tokens.cashier1);
    // The third customer's own live copy, as the kiosk keeps it.
    const kiosk = new FloorClient({
      url: t.api.baseUrl,
      token: third.token,
      hearsEveryStep: true,
      loadSnapshot: async () => ({
        seq: 0,
        transactions: [(await expectOk(t.api.get(`/api/transactions/${third.id}`, third.token))).transaction],
      }),
    });
    await kiosk.connect();
    const place = () => kiosk.transactions.get(third.id)?.queuePosition;
    const waitingBefore = (await expectOk(t.api.get('/api/queues/therapist', tokens.admin))).transactions;
    const before = waitingBefore.findIndex((transaction: any) => transaction.id === third.id) + 1;
    expect(place()).toBe(before);

    const claimed = (await expectOk(t.api.post(`/api/transactions/${first.id}/claim`, {}, tokens.therapist2)))
      .transaction;
    await eventually(() => place() === before - 1, 'the kiosk to show its new place');
    const version = kiosk.transactions.get(third.id)!.version;
    expect(version).toBe(2); // a place is not a step: the version stays

    const moved = (listener: Listener) => listener.heard.filter((heard) => heard.event === 'queue_moved');
    await eventually(() => moved(thirdCustomer).length > 0 && moved(therapistStation).length > 0, 'queue_moved');
    for (const heard of moved(thirdCustomer)) {
      expect(heard.payload.positions).toEqual([
        { transactionId: third.id, queuePosition: expect.any(Number), estimatedWaitSeconds: expect.any(Number) },
      ]);
    }
    const wholeQueue = moved(therapistStation).at(-1)!.payload.positions;
    expect(wholeQueue.map((position: any) => position.transactionId)).not.toContain(first.id);
    expect(wholeQueue.find((position: any) => position.transactionId === third.id).queuePosition).toBe(before - 1);
    expect(moved(cashier)).toEqual([]);

    // Clear the floor for the tests after this one.
    await expectOk(t.api.post(`/api/transactions/${claimed.id}/release`, undefined, tokens.therapist2));
    for (const ticket of [first, second, third]) {
      await expectOk(t.api.post(`/api/transactions/${ticket.id}/cancel`, {}, ticket.token));
    }
    kiosk.close();
  });

  it('a station’s own answer shows at once, and never over a newer step the socket brought', async () => {
    const ticket = await createSelection(t.api, [
      { classificationId: menu.get('Swedish 60 minutes')!.classificationId },
    ]);
    await expectOk(t.api.post(`/api/transactions/${ticket.id}/confirm`, undefined, ticket.token));
    const station = new FloorClient({ url: t.api.baseUrl, token: tokens.therapist1! });
    await station.connect();
    const claimed = (await expectOk(t.api.post(`/api/transactions/${ticket.id}/claim`, {}, tokens.therapist1)))
      .transaction;
    station.applyAnswer(claimed);
    expect(station.transactions.get(ticket.id)?.status).toBe('therapist_confirmed');
    await expectOk(t.api.post(`/api/transactions/${ticket.id}/start`, undefined, tokens.therapist1));
    await eventually(() => station.transactions.get(ticket.id)?.status === 'in_service', 'the start event');
    station.applyAnswer(claimed); // a late copy of the older answer
    expect(station.transactions.get(ticket.id)).toMatchObject({ status: 'in_service', version: claimed.version + 1 });
    // Leave therapist1 and the room free for the tests after this one.
    await expectOk(t.api.post(`/api/transactions/${ticket.id}/finish`, undefined, tokens.therapist1));
    await expectOk(t.api.post(`/api/rooms/${claimed.room.id}/ready`, undefined, tokens.therapist1));
    station.close();
  });

  it('sends nothing for a refused or rolled-back change', async () => {
    const monitor = await connect(tokens.monitor1);
    const waiting = await createSelection(t.api, [
      { classificationId: menu.get('Swedish 60 minutes')!.classificationId },
    ]);
    await eventually(() => monitor.heard.some((heard) => heard.transactionId === waiting.id), 'the create event');
    // Refused at the state check, and refused after writing (no room named 999 exists: the claim rolls back).
    expect((await t.api.post(`/api/transactions/${waiting.id}/start`, undefined, tokens.therapist2)).status).toBe(409);
    await expectOk(t.api.post(`/api/transactions/${waiting.id}/confirm`, undefined, waiting.token));
    expect((await t.api.post(`/api/transactions/${waiting.id}/claim`, { roomId: 999 }, tokens.therapist2)).status).toBe(
      404,
    );
    await settle();
    expect(monitor.heard.filter((heard) => heard.transactionId === waiting.id).map((heard) => heard.action)).toEqual([
      'create',
      'customer_confirm_selection',
    ]);
    // The rolled-back claim moved no one: the newest queue_moved still has the ticket waiting.
    const lastMove = monitor.heard.filter((heard) => heard.event === 'queue_moved').at(-1);
    expect(lastMove?.payload.positions.map((position: any) => position.transactionId)).toContain(waiting.id);
    await expectOk(t.api.post(`/api/transactions/${waiting.id}/cancel`, {}, tokens.admin));
    monitor.close();
  });

  it('logout disconnects that session’s sockets at once, and only those', async () => {
    const token = await t.api.login('therapist2');
    const doomed = await connect(token);
    const bystander = await connect(tokens.therapist2);
    const disconnected = new Promise<string>((resolve) => doomed.socket.once('disconnect', resolve));
    await expectOk(t.api.post('/api/auth/logout', undefined, token), 204);
    expect(await disconnected).toBe('io server disconnect');
    await settle();
    expect(bystander.socket.connected).toBe(true);
    bystander.close();
  });

  it('replays what a client missed since its last seq', async () => {
    const swedish = menu.get('Swedish 60 minutes')!.classificationId;
    const monitor = await connect(tokens.monitor1);
    const first = await createSelection(t.api, [{ classificationId: swedish }]);
    await eventually(() => monitor.heard.some((heard) => heard.transactionId === first.id), 'the first event');
    const lastSeq = Math.max(...monitor.heard.map((heard) => heard.seq));
    monitor.close();

    await expectOk(t.api.post(`/api/transactions/${first.id}/confirm`, undefined, first.token));
    const second = await createSelection(t.api, [{ classificationId: swedish }]);

    const back = await connect(tokens.monitor1);
    const answer = await back.socket.timeout(5000).emitWithAck('resync', { lastSeq });
    expect(answer).toMatchObject({ replayed: expect.any(Number) });
    const replayed = back.heard.filter((heard) => heard.seq > lastSeq);
    expect(replayed.map((heard) => [heard.transactionId, heard.action])).toEqual([
      [first.id, 'customer_confirm_selection'],
      [second.id, 'create'],
    ]);
    // Replays carry the transaction as it is now.
    expect(replayed[0]!.payload.transaction.status).toBe('pending_therapist');

    const bad = await back.socket.timeout(5000).emitWithAck('resync', { lastSeq: -1 });
    expect(bad).toMatchObject({ error: { code: 'validation_failed' } });
    back.close();
    await expectOk(t.api.post(`/api/transactions/${first.id}/cancel`, {}, tokens.admin));
  });
});

describe('real-time limits (sqlite)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('sqlite');
  });
  afterAll(async () => t?.close());

  it('tells a client that missed too much to reload instead of replaying it all', async () => {
    const token = await t.api.login('monitor1');
    const swedish = (await catalogIndex(t.api)).get('Swedish 60 minutes')!.classificationId;
    for (let batch = 0; batch < 11; batch++) {
      await Promise.all(Array.from({ length: 50 }, () => createSelection(t.api, [{ classificationId: swedish }])));
    }
    const monitor = await listen(t.api.baseUrl, token);
    const told = new Promise<any>((resolve) => monitor.socket.once('resync_required', resolve));
    const answer = await monitor.socket.timeout(5000).emitWithAck('resync', { lastSeq: 0 });
    expect(answer).toEqual({ replayed: 0, seq: 550 });
    expect(await told).toEqual({ seq: 550, reason: 'gap_too_large' });
    expect(monitor.heard).toEqual([]);
    // A small gap is replayed event by event.
    const small = await monitor.socket.timeout(5000).emitWithAck('resync', { lastSeq: 545 });
    expect(small).toEqual({ replayed: 205, seq: 550 });
    monitor.close();
  });

  it('sends the newest step of a held transaction even when it lies before the replay window', async () => {
    const token = await t.api.login('monitor1');
    const swedish = (await catalogIndex(t.api)).get('Swedish 60 minutes')!.classificationId;
    const held = await createSelection(t.api, [{ classificationId: swedish }]);
    await expectOk(t.api.post(`/api/transactions/${held.id}/confirm`, undefined, held.token));
    for (let batch = 0; batch < 5; batch++) {
      await Promise.all(Array.from({ length: 50 }, () => createSelection(t.api, [{ classificationId: swedish }])));
    }
    const monitor = await listen(t.api.baseUrl, token);
    const latest = Number(
      (
        await t.testDb.database.db
          .selectFrom('transaction_events')
          .select((eb) => eb.fn.max('id').as('seq'))
          .executeTakeFirstOrThrow()
      ).seq,
    );
    const answer = await monitor.socket.timeout(5000).emitWithAck('resync', { lastSeq: latest, known: [[held.id, 1]] });
    expect(answer).toMatchObject({ seq: latest });
    const forHeld = monitor.heard.filter((heard) => heard.transactionId === held.id);
    expect(forHeld.map((heard) => [heard.action, heard.version])).toEqual([['customer_confirm_selection', 2]]);
    monitor.close();
  });

  it('a change it cannot send does not hold back the next: its audience is told to reload', async () => {
    const feed = t.app.services.context.changes;
    const recorded: Change[] = [];
    const stopRecording = feed.subscribe((changes) => recorded.push(...changes));
    const ticket = await createSelection(t.api, [
      { classificationId: (await catalogIndex(t.api)).get('Swedish 60 minutes')!.classificationId },
    ]);
    stopRecording();
    const created = recorded.find((change) => change.kind === 'transaction' && change.transactionId === ticket.id);
    if (created?.kind !== 'transaction') throw new Error('the create step was not published');

    const monitor = await listen(t.api.baseUrl, await t.api.login('monitor1'));
    const told = new Promise<any>((resolve) => monitor.socket.once('resync_required', resolve));
    // A row that cannot be presented (its creation time is not a time) ahead of a good one in one batch.
    const unpresentable = { ...created, seq: created.seq + 1, row: { ...created.row, created_at: Number.NaN } };
    feed.publish([unpresentable, created]);
    expect(await told).toEqual({ seq: created.seq + 1, reason: 'delivery_failed' });
    await eventually(() => monitor.heard.some((heard) => heard.seq === created.seq), 'the good change after it');
    expect(monitor.heard.map((heard) => [heard.seq, heard.transactionId])).toEqual([[created.seq, ticket.id]]);
    monitor.close();
  });

  it('a station comes back by itself after the server restarts, and catches up', async () => {
    // A node of its own on a fixed port, to stop and start again on the same address and database.
    const startNode = async (port: number) => {
      const app = await buildApp({
        config: testConfig(t.testDb.target),
        database: t.testDb.connect(),
        clock: t.clock,
      });
      await app.listen({ host: '127.0.0.1', port });
      return app;
    };
    const first = await startNode(0);
    const port = (first.server.address() as { port: number }).port;
    const base = `http://127.0.0.1:${port}`;
    const monitorToken = await t.api.login('monitor1');
    const station = new FloorClient({ url: base, token: monitorToken, hearsEveryStep: true, hearsEverySeq: true });
    await station.connect();

    await first.close(); // a deploy: the node stops…
    await eventually(() => !station.socket.connected, 'the station to notice');
    // …another node (same database) takes a customer meanwhile…
    const whileDown = await createSelection(t.api, [
      { classificationId: (await catalogIndex(t.api)).get('Swedish 60 minutes')!.classificationId },
    ]);
    const second = await startNode(port); // …and it comes back
    await eventually(() => station.socket.connected, 'the station to reconnect by itself', 15_000);
    await eventually(() => station.transactions.has(whileDown.id), 'the station to catch up on what it missed');
    const restarted = new ApiClient(base);
    const ticket = await createSelection(restarted, [
      { classificationId: (await catalogIndex(restarted)).get('Swedish 60 minutes')!.classificationId },
    ]);
    await eventually(() => station.transactions.has(ticket.id), 'the station to hear what happens next');
    station.close();
    await second.close();
  });

  it('a station whose session ends is told so, and stays out', async () => {
    const token = await t.api.login('monitor1');
    const refusals: string[] = [];
    const station = new FloorClient({ url: t.api.baseUrl, token, onRefused: (code) => refusals.push(code) });
    await station.connect();
    await expectOk(t.api.post('/api/auth/logout', undefined, token), 204);
    await eventually(() => refusals.length > 0, 'the refusal');
    expect(refusals).toEqual(['unauthenticated']);
    expect(station.socket.connected).toBe(false);
    station.close();
  });

  it('disconnects a client that floods the server', async () => {
    const monitor = await listen(t.api.baseUrl, await t.api.login('monitor1'));
    const gone = new Promise<string>((resolve) => monitor.socket.once('disconnect', resolve));
    for (let i = 0; i < 30; i++) monitor.socket.emit('resync', { lastSeq: 550 }, () => undefined);
    expect(await gone).toBe('io server disconnect');
  });

  it('refuses an oversized message by closing the connection', async () => {
    const monitor = await listen(t.api.baseUrl, await t.api.login('monitor1'));
    const gone = new Promise<string>((resolve) => monitor.socket.once('disconnect', resolve));
    monitor.socket.emit('resync', { lastSeq: 1, padding: 'x'.repeat(64 * 1024) } as any, () => undefined);
    expect(await gone).toBe('transport close');
  });
});
