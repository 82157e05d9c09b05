import { randomBytes, randomUUID } from 'node:crypto';
import { FloorClient } from '@spaflow/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPeerNode, startTestApp, type TestApp } from './support/app.js';
import { testEngines } from './support/databases.js';
import { catalogIndex, createSelection, expectOk, type CatalogIndex } from './support/floor.js';
import type { ApiClient } from './support/http.js';
import { eventually, listen } from './support/sockets.js';

const redisUrl = process.env.TEST_REDIS_URL;
/** Several app nodes need a shared database (MariaDB or PostgreSQL) and Redis between them. */
const multiNodeEngines = redisUrl ? testEngines().filter((engine) => engine !== 'sqlite') : [];

describe.each(multiNodeEngines)('two app nodes on %s with Redis', (engine) => {
  let t: TestApp;
  let peer: Awaited<ReturnType<typeof startPeerNode>>;
  let menu: CatalogIndex;

  beforeAll(async () => {
    const shared = { redisUrl, redisKeyPrefix: `spaflow-test-${randomBytes(4).toString('hex')}` };
    t = await startTestApp(engine, { config: shared });
    peer = await startPeerNode(t, shared);
    menu = await catalogIndex(t.api);
  });
  afterAll(async () => {
    await peer?.close();
    await t?.close();
  });

  it('an action on node A reaches a monitor on node B', async () => {
    const monitor = await listen(peer.api.baseUrl, await peer.api.login('monitor1'));
    const ticket = await createSelection(t.api, [
      { classificationId: menu.get('Swedish 60 minutes')!.classificationId },
    ]);
    await expectOk(t.api.post(`/api/transactions/${ticket.id}/confirm`, undefined, ticket.token));
    await eventually(
      () => monitor.heard.filter((heard) => heard.transactionId === ticket.id).length === 2,
      'both events on node B',
    );
    await eventually(() => monitor.heard.some((heard) => heard.event === 'queue_moved'), 'the queue moving on node B');
    expect(monitor.heard.map((heard) => heard.action ?? heard.event)).toEqual([
      'create',
      'customer_confirm_selection',
      'queue_moved',
    ]);
    monitor.close();
  });

  it('logout on node A disconnects the same session’s socket on node B; deactivation every session', async () => {
    const token = await t.api.login('cashier3');
    const onB = await listen(peer.api.baseUrl, token);
    const gone = new Promise<string>((resolve) => onB.socket.once('disconnect', resolve));
    await expectOk(t.api.post('/api/auth/logout', undefined, token), 204);
    expect(await gone).toBe('io server disconnect');

    const admin = await t.api.login('admin');
    const staff = (await expectOk(t.api.get('/api/admin/staff', admin))).staff;
    const cashier4 = staff.find((member: any) => member.username === 'cashier4');
    const sessions = await Promise.all([peer.api.login('cashier4'), t.api.login('cashier4')]);
    const sockets = await Promise.all([listen(peer.api.baseUrl, sessions[0]), listen(t.api.baseUrl, sessions[1])]);
    const closed = sockets.map(
      (listener) => new Promise<string>((resolve) => listener.socket.once('disconnect', resolve)),
    );
    await expectOk(
      t.api.request('PATCH', `/api/admin/staff/${cashier4.id}`, { body: { active: false }, token: admin }),
    );
    expect(await Promise.all(closed)).toEqual(['io server disconnect', 'io server disconnect']);
  });
});

/**
 * 500+ lifecycle steps while stations drop off and come back at random; at the end every station holds
 * exactly what the database holds for what it may see. With two nodes (MariaDB/PostgreSQL + Redis) the
 * stations are spread over both, and the steps too.
 */
describe.each(testEngines())('stations dropping off during a busy hour on %s', (engine) => {
  const twoNodes = engine !== 'sqlite' && redisUrl !== undefined;
  let t: TestApp;
  let nodes: ApiClient[];
  let closePeer: (() => Promise<void>) | undefined;
  let menu: CatalogIndex;

  beforeAll(async () => {
    const shared = twoNodes ? { redisUrl, redisKeyPrefix: `spaflow-test-${randomBytes(4).toString('hex')}` } : {};
    t = await startTestApp(engine, { config: shared });
    nodes = [t.api];
    if (twoNodes) {
      const peer = await startPeerNode(t, shared);
      nodes.push(peer.api);
      closePeer = () => peer.close();
    }
    menu = await catalogIndex(t.api);
  });
  afterAll(async () => {
    await closePeer?.();
    await t?.close();
  });

  it('every client ends with exactly the database’s state', { timeout: 180_000 }, async () => {
    const node = (index: number) => nodes[index % nodes.length]!;
    const staffTokens = Object.fromEntries(
      await Promise.all(
        [
          'monitor1',
          'therapist1',
          'therapist2',
          'therapist3',
          'therapist4',
          'cashier1',
          'cashier2',
          'cashier3',
          'cashier4',
        ].map(async (username, index) => [username, await node(index).login(username)] as const),
      ),
    );
    const snapshotTransactions = async (path: string, token: string, pick: (body: any) => any[]) => {
      const body = await expectOk(t.api.get(path, token));
      return { seq: body.seq ?? 0, transactions: pick(body) };
    };
    const clients = {
      monitor: new FloorClient({
        url: node(0).baseUrl,
        token: staffTokens.monitor1!,
        hearsEveryStep: true,
        hearsEverySeq: true,
        loadSnapshot: () =>
          snapshotTransactions('/api/monitor/snapshot', staffTokens.monitor1!, (body) => [
            ...body.waiting,
            ...body.serving,
            ...body.awaitingPayment,
            ...body.paying,
          ]),
      }),
      therapist: new FloorClient({ url: node(1).baseUrl, token: staffTokens.therapist1! }),
      cashier: new FloorClient({ url: node(0).baseUrl, token: staffTokens.cashier1! }),
    };
    for (const client of Object.values(clients)) await client.connect();

    const customers: { id: number; client: FloorClient }[] = [];
    const swedish = menu.get('Swedish 60 minutes')!.classificationId;
    const therapists = ['therapist1', 'therapist2', 'therapist3', 'therapist4'];
    const cashiers = ['cashier1', 'cashier2', 'cashier3', 'cashier4'];
    let steps = 0;
    const dropSomeone = () => {
      const all = [...Object.values(clients), ...customers.map((customer) => customer.client)];
      const victim = all[Math.floor(Math.random() * all.length)]!;
      // A network drop: reconnects, recovering its session if it can. (Only an open connection can drop;
      // one still opening fails with a connect error, which socket.io-client retries on its own.)
      if (Math.random() < 0.5 && victim.socket.connected) {
        victim.socket.io.engine.close();
      } else {
        victim.socket.disconnect(); // a station restart: a new session that must resync
        setTimeout(() => victim.socket.connect(), 50 + Math.random() * 200);
      }
    };

    // One customer's whole visit: 8 events; 4 visits run side by side on alternating nodes, one therapist
    // and one cashier per lane (each holds one customer at a time), taking whoever is next in their queue.
    const visit = async (index: number) => {
      const api = node(index);
      const therapist = therapists[index % therapists.length]!;
      const cashier = cashiers[index % cashiers.length]!;
      const ticket = await createSelection(api, [{ classificationId: swedish }]);
      const customer = new FloorClient({
        url: node(index + 1).baseUrl,
        token: ticket.token,
        hearsEveryStep: true,
        loadSnapshot: async () => {
          const { transaction } = await expectOk(api.get(`/api/transactions/${ticket.id}`, ticket.token));
          return { seq: 0, transactions: [transaction] };
        },
      });
      await customer.connect();
      customers.push({ id: ticket.id, client: customer });
      const act = async (response: Promise<{ status: number; body: any }>, status = 200) => {
        const body = await expectOk(response, status);
        steps++;
        if (Math.random() < 0.15) dropSomeone();
        return body;
      };
      await act(api.post(`/api/transactions/${ticket.id}/confirm`, undefined, ticket.token));
      const claimed = (await act(api.post(`/api/transactions/${ticket.id}/claim`, {}, staffTokens[therapist])))
        .transaction;
      await act(api.post(`/api/transactions/${ticket.id}/start`, undefined, staffTokens[therapist]));
      await act(api.post(`/api/transactions/${ticket.id}/finish`, undefined, staffTokens[therapist]));
      await act(api.post(`/api/rooms/${claimed.room.id}/ready`, undefined, staffTokens[therapist]));
      const paying = (await act(api.post('/api/cashier/claim-next', undefined, staffTokens[cashier]))).transaction;
      await act(
        api.request('POST', `/api/transactions/${paying.id}/payments`, {
          body: { method: 'card', amount: paying.balance },
          token: staffTokens[cashier],
          headers: { 'idempotency-key': randomUUID() },
        }),
        201,
      );
    };
    const checkEveryStation = async () => {
      const db = t.testDb.database.db;
      const events = await db
        .selectFrom('transaction_events')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(events.n)).toBeGreaterThanOrEqual(500);
      expect(steps).toBeGreaterThanOrEqual(400);

      const truth = new Map(
        (await db.selectFrom('transactions').select(['id', 'version', 'status']).execute()).map((row) => [row.id, row]),
      );
      expect([...truth.values()].every((row) => row.status === 'paid')).toBe(true);
      // What each station should hold: per transaction, the version of the newest event its audience hears.
      const audienceVersions = async (statuses: readonly string[] | 'all') => {
        const rows = await db
          .selectFrom('transaction_events')
          .select(['transaction_id', 'version', 'from_status', 'to_status'])
          .execute();
        const versions = new Map<number, number>();
        for (const row of rows) {
          const heard =
            statuses === 'all' ||
            statuses.includes(row.to_status) ||
            (row.from_status !== null && statuses.includes(row.from_status));
          if (heard) versions.set(row.transaction_id, Math.max(versions.get(row.transaction_id) ?? 0, row.version));
        }
        return versions;
      };
      const holdsExactly = (client: FloorClient, expected: Map<number, number>) =>
        [...expected].every(([id, version]) => client.transactions.get(id)?.version === version) &&
        [...client.transactions.keys()].every((id) => expected.has(id));
      const expectations: [string, FloorClient, Map<number, number>][] = [
        ['monitor', clients.monitor, await audienceVersions('all')],
        [
          'therapist',
          clients.therapist,
          await audienceVersions(['pending_therapist', 'therapist_confirmed', 'in_service']),
        ],
        ['cashier', clients.cashier, await audienceVersions(['awaiting_payment', 'paying', 'paid'])],
        ...customers.map((customer): [string, FloorClient, Map<number, number>] => [
          `customer ${customer.id}`,
          customer.client,
          new Map([[customer.id, truth.get(customer.id)!.version]]),
        ]),
      ];
      for (const [name, client, expected] of expectations) {
        await eventually(
          () => holdsExactly(client, expected),
          `${name} to hold exactly the database's state`,
          15_000,
        ).catch((error: unknown) => {
          const wrong = [...expected]
            .filter(([id, version]) => client.transactions.get(id)?.version !== version)
            .map(
              ([id, version]) =>
                `${id}: holds ${client.transactions.get(id)?.version} expected ${version} db ${truth.get(id)?.version}`,
            );
          const state = `connected ${client.socket.connected}, holds ${client.transactions.size}, lastSeq ${client.lastSeq}`;
          throw new Error(`${(error as Error).message} (${state}): ${wrong.slice(0, 10).join('; ')}`);
        });
      }
    };
    const everyone = () => [...Object.values(clients), ...customers.map((customer) => customer.client)];
    try {
      for (let round = 0; round < 17; round++) {
        await Promise.all([0, 1, 2, 3].map((lane) => visit(round * 4 + lane)));
      }
      await checkEveryStation();
    } finally {
      for (const client of everyone()) client.close();
    }
  });
});
