import { BoardClient } from '@spaflow/client';
import type { Board, Called } from '@spaflow/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app.js';
import { testEngines } from './support/databases.js';
import { catalogIndex, createWaiting, expectOk, type CatalogIndex } from './support/floor.js';
import { eventually, handshakeResult, listen } from './support/sockets.js';

const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

/** The public board's keys, and a call-out's: nothing else may ever appear in what the board hears. */
const BOARD_KEYS = ['calling', 'estimatedWaitMinutes', 'recentlyCalled', 'seq', 'shopName', 'waiting'];
const CALL_OUT_KEYS = ['at', 'code', 'destination'];

function expectPublicBoard(board: Board) {
  expect(Object.keys(board).sort()).toEqual(BOARD_KEYS);
  for (const callOut of [...board.calling, ...board.recentlyCalled]) {
    expect(Object.keys(callOut).sort()).toEqual(CALL_OUT_KEYS);
    expect(Object.keys(callOut.destination).sort()).toEqual(['kind', 'name']);
  }
  for (const waiting of board.waiting) expect(Object.keys(waiting)).toEqual(['code']);
}

describe.each(testEngines())('the public call board on %s', (engine) => {
  let t: TestApp;
  let menu: CatalogIndex;
  let tokens: Record<string, string>;
  const clients: BoardClient[] = [];

  const board = async (): Promise<Board> => expectOk(t.api.get('/api/board'));
  const callOuts = () =>
    t.testDb.database.db
      .selectFrom('call_outs as c')
      .innerJoin('transaction_events as e', 'e.id', 'c.seq')
      .select(['c.seq', 'c.transaction_id', 'c.reason', 'c.destination_kind', 'c.destination_name', 'e.action'])
      .orderBy('c.seq')
      .execute();
  const openBoard = async (heard: { boards: Board[]; called: Called[] }) => {
    const client = new BoardClient({
      url: t.api.baseUrl,
      onBoard: (next) => heard.boards.push(next),
      onCalled: (called) => heard.called.push(called),
    });
    clients.push(client);
    await client.connect();
    return client;
  };

  beforeAll(async () => {
    t = await startTestApp(engine, { config: { allowedOrigins: ['https://tv.example.com'] } });
    menu = await catalogIndex(t.api);
    tokens = await t.api.loginAll(['therapist1', 'therapist2', 'cashier1', 'cashier2', 'admin']);
  });
  afterAll(async () => {
    for (const client of clients) client.close();
    await t?.close();
  });

  it('shows codes only, in claim order, and calls each claim to its room or counter', async () => {
    const swedish = menu.get('Swedish 60 minutes')!.classificationId;
    const empty = await board();
    expect(empty).toEqual({
      seq: expect.any(Number),
      shopName: expect.any(String),
      calling: [],
      recentlyCalled: [],
      waiting: [],
      estimatedWaitMinutes: 0,
    });

    const first = await createWaiting(t.api, [{ classificationId: swedish }]);
    const second = await createWaiting(t.api, [{ classificationId: swedish }]);
    const senior = await createWaiting(t.api, [{ classificationId: swedish }], 'senior');
    let shown = await board();
    expectPublicBoard(shown);
    // Priority first, then confirm order; a free therapist does not make the wait "0 min".
    expect(shown.waiting).toEqual([
      { code: senior.transaction.code },
      { code: first.transaction.code },
      { code: second.transaction.code },
    ]);
    expect(shown.estimatedWaitMinutes).toBeGreaterThanOrEqual(1);

    const claimed = (await expectOk(t.api.post('/api/therapist/claim-next', {}, tokens.therapist1))).transaction;
    expect(claimed.id).toBe(senior.id);
    shown = await board();
    expect(shown.calling).toEqual([
      { code: senior.transaction.code, destination: { kind: 'room', name: claimed.room.name }, at: expect.any(String) },
    ]);
    expect(shown.waiting.map((w) => w.code)).toEqual([first.transaction.code, second.transaction.code]);

    // Started: no longer being called, now recently called.
    await expectOk(t.api.post(`/api/transactions/${senior.id}/start`, undefined, tokens.therapist1));
    await expectOk(t.api.post(`/api/transactions/${senior.id}/finish`, undefined, tokens.therapist1));
    shown = await board();
    expect(shown.calling).toEqual([]);
    expect(shown.recentlyCalled.map((c) => [c.code, c.destination.kind])).toEqual([[senior.transaction.code, 'room']]);

    const paying = (await expectOk(t.api.post('/api/cashier/claim-next', undefined, tokens.cashier1))).transaction;
    expect(paying.id).toBe(senior.id);
    shown = await board();
    expect(shown.calling).toEqual([
      { code: senior.transaction.code, destination: { kind: 'counter', name: 'C1' }, at: expect.any(String) },
    ]);
    expect(shown.recentlyCalled).toEqual([]);

    // Nothing private, anywhere in the answer: no names, services, money or priority reasons.
    const text = JSON.stringify(shown);
    const secrets = ['Swedish', '60 minutes', 'senior', paying.therapist.displayName, paying.cashier.displayName];
    for (const secret of [...secrets, String(paying.totalAmount), String(paying.totalAmount / 100)]) {
      expect(text).not.toContain(secret);
    }
    await expectOk(
      t.api.request('POST', `/api/transactions/${senior.id}/payments`, {
        body: { method: 'card', amount: paying.balance },
        token: tokens.cashier1,
        headers: { 'idempotency-key': `pay-${senior.id}` },
      }),
      201,
    );
    expect((await board()).calling).toEqual([]);
  });

  it('sends a board socket the board at once, exactly one `called` per call-out seq, and nothing else', async () => {
    const swedish = menu.get('Assessment 30 minutes')!.classificationId;
    const heard = { boards: [] as Board[], called: [] as Called[] };
    const client = await openBoard(heard);
    const raw = await listen(t.api.baseUrl, undefined, undefined, { board: true });
    const rawEvents: { event: string; payload: unknown }[] = [];
    raw.socket.onAny((event: string, payload: unknown) => rawEvents.push({ event, payload }));
    await eventually(() => heard.boards.length > 0, 'the board on connect');
    const before = (await callOuts()).length;

    const ticket = await createWaiting(t.api, [{ classificationId: swedish }]);
    const claim = (await expectOk(t.api.post(`/api/transactions/${ticket.id}/claim`, {}, tokens.therapist2)))
      .transaction;
    t.clock.advance(1000);
    await expectOk(t.api.post(`/api/transactions/${ticket.id}/recall`, undefined, tokens.therapist2));
    await eventually(() => heard.called.length >= 2, 'two call-outs');
    await settle();

    const recorded = (await callOuts()).slice(before);
    expect(recorded.map((row) => [row.transaction_id, row.reason, row.action])).toEqual([
      [ticket.id, 'claim', 'therapist_confirm'],
      [ticket.id, 'recall', 'recall'],
    ]);
    const expected = recorded.map((row) => ({
      seq: row.seq,
      code: ticket.transaction.code,
      destination: { kind: 'room', name: claim.room.name },
      at: expect.any(String),
    }));
    expect(heard.called).toEqual(expected);
    const rawCalled = rawEvents.filter((e) => e.event === 'called').map((e) => e.payload);
    expect(rawCalled).toEqual(expected);
    for (const payload of rawCalled)
      expect(Object.keys(payload as object).sort()).toEqual(['at', 'code', 'destination', 'seq']);

    // Only board events reach a board, each in the public shape.
    expect([...new Set(rawEvents.map((e) => e.event))].sort()).toEqual(['board_updated', 'called']);
    for (const { event, payload } of rawEvents) {
      if (event !== 'board_updated') continue;
      const update = payload as { seq: number; board: Board };
      expect(Object.keys(update).sort()).toEqual(['board', 'seq']);
      expect(update.seq).toBe(update.board.seq);
      expectPublicBoard(update.board);
    }
    expect(client.board!.calling[0]).toEqual({
      code: ticket.transaction.code,
      destination: { kind: 'room', name: claim.room.name },
      at: expect.any(String),
    });
    await expectOk(t.api.post(`/api/transactions/${ticket.id}/release`, undefined, tokens.therapist2));
    await eventually(() => client.board!.calling.every((c) => c.code !== ticket.transaction.code), 'the release');
    raw.close();
  });

  it('lets a board socket do nothing but listen', async () => {
    const raw = await listen(t.api.baseUrl, undefined, undefined, { board: true });
    const heard: string[] = [];
    raw.socket.onAny((event: string) => heard.push(event));
    // A resync, or any attempt to pick rooms, is refused and joins nothing.
    const answer = await raw.socket.timeout(2000).emitWithAck('resync', { lastSeq: 0 });
    expect(answer).toEqual({ error: { code: 'forbidden', message: 'A board connection only listens.' } });
    for (const room of ['monitor', 'therapist_queue', 'cashier_queue', 'txn_1']) {
      (raw.socket as any).emit('join', room);
      (raw.socket as any).emit('subscribe', { room });
    }
    const swedish = menu.get('Swedish 60 minutes')!.classificationId;
    const ticket = await createWaiting(t.api, [{ classificationId: swedish }]);
    await expectOk(t.api.post(`/api/transactions/${ticket.id}/cancel`, {}, ticket.token));
    await settle();
    expect(heard.filter((event) => event !== 'board_updated')).toEqual([]);
    expect(heard.length).toBeGreaterThan(0);
    raw.close();

    // Origin rules hold for boards too; a board handshake must say exactly {board: true}.
    const base = t.api.baseUrl;
    expect(await handshakeResult(base, undefined, { origin: 'https://evil.example.com' }, { board: true })).toBe(
      'forbidden_origin',
    );
    expect(await handshakeResult(base, undefined, { origin: 'https://tv.example.com' }, { board: true })).toBe(
      'connected',
    );
    expect(await handshakeResult(base, undefined, undefined, { board: false })).toBe('unauthenticated');
    expect(await handshakeResult(base, undefined, undefined, { board: 'yes' })).toBe('unauthenticated');
    expect(await handshakeResult(base, undefined, undefined, { board: true, room: 'monitor' })).toBe('unauthenticated');
    expect(await handshakeResult(base, undefined, undefined, {})).toBe('unauthenticated');
  });

  it('never announces a call-out missed while disconnected, and shows it on the board after reconnecting', async () => {
    const heard = { boards: [] as Board[], called: [] as Called[] };
    const client = await openBoard(heard);
    await eventually(() => heard.boards.length > 0, 'the board on connect');
    const swedish = menu.get('Swedish 90 minutes')!.classificationId;
    const ticket = await createWaiting(t.api, [{ classificationId: swedish }]);
    // Drop the connection the way a network blip does, and call the customer meanwhile.
    const serverSide = t.app.io.of('/').sockets.get(client.socket.id!)!;
    serverSide.conn.close();
    await eventually(() => !client.socket.connected, 'the drop');
    const claim = (await expectOk(t.api.post(`/api/transactions/${ticket.id}/claim`, {}, tokens.therapist2)))
      .transaction;
    await eventually(() => client.socket.connected, 'the reconnect', 10_000);
    await eventually(
      () => client.board?.calling.some((c) => c.code === ticket.transaction.code) ?? false,
      'the board showing the call-out',
    );
    await settle();
    expect(heard.called.map((c) => c.code)).not.toContain(ticket.transaction.code);
    await expectOk(t.api.post(`/api/transactions/${claim.id}/release`, undefined, tokens.therapist2));
  });

  it('recalls at most once per 15 s per transaction, counted exactly under concurrency', async () => {
    const swedish = menu.get('Swedish 60 minutes')!.classificationId;
    const ticket = await createWaiting(t.api, [{ classificationId: swedish }]);
    const therapist = await t.api.login('therapist3');
    const claimed = (await expectOk(t.api.post(`/api/transactions/${ticket.id}/claim`, {}, therapist))).transaction;
    const recall = () => t.api.post(`/api/transactions/${ticket.id}/recall`, undefined, therapist);

    const answers = await Promise.all(Array.from({ length: 12 }, recall));
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses).toEqual([200, ...Array.from({ length: 11 }, () => 429)]);
    const refused = answers.find((answer) => answer.status === 429)!;
    expect(refused.body.error.code).toBe('rate_limited');
    const ok = answers.find((answer) => answer.status === 200)!;
    // A recall changes no state: the version moves by one, the status stays.
    expect(ok.body.transaction).toMatchObject({ status: 'therapist_confirmed', version: claimed.version + 1 });

    t.clock.advance(14_999);
    expect((await recall()).status).toBe(429);
    t.clock.advance(1);
    expect((await recall()).status).toBe(200);

    const events = await t.testDb.database.db
      .selectFrom('transaction_events')
      .select(['action', 'from_status', 'to_status'])
      .where('transaction_id', '=', ticket.id)
      .where('action', '=', 'recall')
      .execute();
    expect(events).toEqual([
      { action: 'recall', from_status: 'therapist_confirmed', to_status: 'therapist_confirmed' },
      { action: 'recall', from_status: 'therapist_confirmed', to_status: 'therapist_confirmed' },
    ]);

    // Only the assigned therapist recalls to the room; not once the service started; the customer never.
    t.clock.advance(15_000);
    expect((await t.api.post(`/api/transactions/${ticket.id}/recall`, undefined, tokens.therapist1)).status).toBe(403);
    expect((await t.api.post(`/api/transactions/${ticket.id}/recall`, undefined, ticket.token)).status).toBe(403);
    expect((await t.api.post(`/api/transactions/${ticket.id}/recall`, undefined)).status).toBe(401);
    await expectOk(t.api.post(`/api/transactions/${ticket.id}/start`, undefined, therapist));
    expect((await recall()).body.error.code).toBe('invalid_transition');
    await expectOk(t.api.post(`/api/transactions/${ticket.id}/finish`, undefined, therapist));

    // The claiming cashier recalls to the counter.
    const cashier = await t.api.login('cashier3');
    const paying = (await expectOk(t.api.post('/api/cashier/claim-next', undefined, cashier))).transaction;
    expect(paying.id).toBe(ticket.id);
    t.clock.advance(15_000);
    await expectOk(t.api.post(`/api/transactions/${ticket.id}/recall`, undefined, cashier));
    const last = (await callOuts()).filter((row) => row.transaction_id === ticket.id).at(-1)!;
    expect([last.reason, last.destination_kind, last.destination_name]).toEqual(['recall', 'counter', 'C3']);
  });
});
