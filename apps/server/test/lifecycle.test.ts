import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app.js';
import { testEngines } from './support/databases.js';
import { catalogIndex, createSelection, createWaiting, expectOk, type CatalogIndex } from './support/floor.js';

describe.each(testEngines())('transaction lifecycle on %s', (engine) => {
  let t: TestApp;
  let menu: CatalogIndex;
  const tokens: Record<string, string> = {};
  const swedish60 = () => ({ classificationId: menu.get('Swedish 60 minutes')!.classificationId });
  const shiatsu90 = () => ({ classificationId: menu.get('Shiatsu 90 minutes')!.classificationId });

  beforeAll(async () => {
    t = await startTestApp(engine);
    menu = await catalogIndex(t.api);
    Object.assign(
      tokens,
      await t.api.loginAll([
        'therapist1',
        'therapist2',
        'therapist3',
        'therapist4',
        'cashier1',
        'cashier2',
        'monitor1',
        'admin',
      ]),
    );
  });
  afterAll(async () => t?.close());

  /** Everything a refused request must leave as it was. */
  async function floorState() {
    const db = t.testDb.database.db;
    return {
      transactions: await db.selectFrom('transactions').selectAll().orderBy('id').execute(),
      items: await db.selectFrom('transaction_items').selectAll().orderBy('id').execute(),
      events: await db.selectFrom('transaction_events').selectAll().orderBy('id').execute(),
      rooms: await db.selectFrom('rooms').selectAll().orderBy('id').execute(),
      therapists: await db.selectFrom('therapists').selectAll().orderBy('account_id').execute(),
      counters: await db.selectFrom('transaction_counters').selectAll().execute(),
    };
  }

  async function drainTherapistQueue() {
    for (;;) {
      const { transactions } = await expectOk(t.api.get('/api/queues/therapist', tokens.admin));
      if (transactions.length === 0) return;
      for (const transaction of transactions) {
        await expectOk(
          t.api.post(`/api/transactions/${transaction.id}/cancel`, { reason: 'staff_decision' }, tokens.admin),
        );
      }
    }
  }

  it('walks the happy path to paying, one version and one audit event per step', async () => {
    const created = await t.api.post('/api/transactions', { items: [{ ...swedish60(), quantity: 2 }, shiatsu90()] });
    expect(created.status).toBe(201);
    const { transaction, customerToken } = created.body;
    expect(customerToken).toMatch(/^sfc_/);
    expect(transaction).toMatchObject({
      status: 'selecting',
      version: 1,
      code: null,
      totalAmount: 2 * 80_000 + 130_000,
      totalDurationMinutes: 2 * 60 + 90,
      amountPaid: 0,
      balance: 2 * 80_000 + 130_000,
      priority: false,
      queuePosition: null,
    });
    expect(transaction).not.toHaveProperty('priorityReason');
    expect(
      transaction.items.map((item: any) => [item.serviceName, item.classificationName, item.quantity, item.lineTotal]),
    ).toEqual([
      ['Swedish', '60 minutes', 2, 160_000],
      ['Shiatsu', '90 minutes', 1, 130_000],
    ]);
    const id = transaction.id;

    const confirmed = (await expectOk(t.api.post(`/api/transactions/${id}/confirm`, undefined, customerToken)))
      .transaction;
    expect(confirmed).toMatchObject({
      status: 'pending_therapist',
      version: 2,
      code: '0001',
      businessDate: '2026-11-25',
      queuePosition: 1,
    });
    expect(confirmed.selectionConfirmedAt).toBe(new Date(t.clock.now()).toISOString());

    // Confirming again is harmless: same answer, nothing written.
    const before = await floorState();
    const again = (await expectOk(t.api.post(`/api/transactions/${id}/confirm`, undefined, customerToken))).transaction;
    expect(again).toEqual(confirmed);
    expect(await floorState()).toEqual(before);

    t.clock.advance(5 * 60_000);
    const claimed = (await expectOk(t.api.post('/api/therapist/claim-next', {}, tokens.therapist1))).transaction;
    expect(claimed).toMatchObject({
      id,
      status: 'therapist_confirmed',
      version: 3,
      therapist: { displayName: 'Maria Santos' },
      room: { name: '101' },
      queuePosition: null,
    });
    expect((await expectOk(t.api.get('/api/therapist/current', tokens.therapist1))).transaction.id).toBe(id);

    const started = (await expectOk(t.api.post(`/api/transactions/${id}/start`, undefined, tokens.therapist1)))
      .transaction;
    expect(started).toMatchObject({ status: 'in_service', version: 4 });
    const rooms = (await expectOk(t.api.get('/api/rooms', tokens.monitor1))).rooms;
    expect(rooms.find((room: any) => room.name === '101')).toEqual({
      id: claimed.room.id,
      name: '101',
      status: 'occupied',
      transactionId: id,
    });

    t.clock.advance(60 * 60_000);
    const finished = (await expectOk(t.api.post(`/api/transactions/${id}/finish`, undefined, tokens.therapist1)))
      .transaction;
    expect(finished).toMatchObject({ status: 'awaiting_payment', version: 6, queuePosition: 1 });
    expect((await expectOk(t.api.get('/api/therapist/current', tokens.therapist1))).transaction).toBeNull();
    const cleaning = (await expectOk(t.api.get('/api/rooms', tokens.therapist2))).rooms.find(
      (room: any) => room.name === '101',
    );
    expect(cleaning).toMatchObject({ status: 'cleaning', transactionId: null });
    expect(
      (await expectOk(t.api.post(`/api/rooms/${claimed.room.id}/ready`, undefined, tokens.therapist2))).room.status,
    ).toBe('available');

    const paying = (await expectOk(t.api.post('/api/cashier/claim-next', undefined, tokens.cashier1))).transaction;
    expect(paying).toMatchObject({ id, status: 'paying', version: 7, cashier: { displayName: 'Liza Mendoza' } });
    expect((await expectOk(t.api.get('/api/cashier/current', tokens.cashier1))).transaction.id).toBe(id);

    const events = await t.testDb.database.db
      .selectFrom('transaction_events')
      .select(['action', 'from_status', 'to_status', 'version', 'actor_type'])
      .where('transaction_id', '=', id)
      .orderBy('id')
      .execute();
    expect(events).toEqual([
      { action: 'create', from_status: null, to_status: 'selecting', version: 1, actor_type: 'customer' },
      {
        action: 'customer_confirm_selection',
        from_status: 'selecting',
        to_status: 'pending_therapist',
        version: 2,
        actor_type: 'customer',
      },
      {
        action: 'therapist_confirm',
        from_status: 'pending_therapist',
        to_status: 'therapist_confirmed',
        version: 3,
        actor_type: 'staff',
      },
      {
        action: 'service_start',
        from_status: 'therapist_confirmed',
        to_status: 'in_service',
        version: 4,
        actor_type: 'staff',
      },
      { action: 'service_finish', from_status: 'in_service', to_status: 'finished', version: 5, actor_type: 'staff' },
      {
        action: 'payment_enqueue',
        from_status: 'finished',
        to_status: 'awaiting_payment',
        version: 6,
        actor_type: 'system',
      },
      {
        action: 'cashier_claim',
        from_status: 'awaiting_payment',
        to_status: 'paying',
        version: 7,
        actor_type: 'staff',
      },
    ]);

    // The cashier gives it back before any payment; it is at the head of the payment queue again.
    const released = (await expectOk(t.api.post(`/api/transactions/${id}/release`, undefined, tokens.cashier1)))
      .transaction;
    expect(released).toMatchObject({ status: 'awaiting_payment', version: 8, cashier: null, queuePosition: 1 });
    expect((await expectOk(t.api.post('/api/cashier/claim-next', undefined, tokens.cashier2))).transaction.id).toBe(id);
  });

  it('refuses every step the lifecycle table does not have with 409, changing nothing', async () => {
    const selecting = await createSelection(t.api, [swedish60()]);
    const waiting = await createWaiting(t.api, [swedish60()]);
    const cancelled = await createWaiting(t.api, [swedish60()]);
    await expectOk(t.api.post(`/api/transactions/${cancelled.id}/cancel`, {}, cancelled.token));
    // therapist2 holds `held` (therapist_confirmed).
    await drainTherapistQueue();
    const held = await createWaiting(t.api, [swedish60()]);
    await expectOk(t.api.post(`/api/transactions/${held.id}/claim`, {}, tokens.therapist2));

    const refusals: [string, string, unknown, string][] = [
      [`/api/transactions/${selecting.id}/start`, tokens.therapist1!, undefined, 'start while selecting'],
      [`/api/transactions/${selecting.id}/finish`, tokens.therapist1!, undefined, 'finish while selecting'],
      [`/api/transactions/${selecting.id}/release`, tokens.therapist1!, undefined, 'release while selecting'],
      [`/api/transactions/${selecting.id}/claim`, tokens.therapist1!, {}, 'claim while selecting'],
      [`/api/transactions/${waiting.id}/start`, tokens.therapist1!, undefined, 'start while waiting'],
      [`/api/transactions/${waiting.id}/finish`, tokens.therapist1!, undefined, 'finish while waiting'],
      [`/api/transactions/${waiting.id}/release`, tokens.cashier1!, undefined, 'cashier release while waiting'],
      [`/api/transactions/${held.id}/finish`, tokens.therapist2!, undefined, 'finish before start'],
      [`/api/transactions/${cancelled.id}/cancel`, tokens.admin!, {}, 'cancel twice'],
      [`/api/transactions/${cancelled.id}/confirm`, cancelled.token, undefined, 'confirm after cancel'],
      [`/api/transactions/${cancelled.id}/claim`, tokens.therapist1!, {}, 'claim after cancel'],
    ];
    for (const [path, token, body, label] of refusals) {
      const before = await floorState();
      const response = await t.api.post(path, body, token);
      expect(response.status, label).toBe(409);
      expect(['invalid_transition', 'already_claimed'], label).toContain(response.body.error.code);
      expect(await floorState(), label).toEqual(before);
    }
    // Items may not change once the service is over, nor while waiting.
    const itemsWhileWaiting = await t.api.request('PUT', `/api/transactions/${waiting.id}/items`, {
      body: { items: [shiatsu90()] },
      token: waiting.token,
    });
    expect(itemsWhileWaiting.status).toBe(409);

    await expectOk(t.api.post(`/api/transactions/${held.id}/release`, undefined, tokens.therapist2));
    await drainTherapistQueue();
  });

  it('checks the role, then the person, on every route', async () => {
    await drainTherapistQueue();
    const mine = await createWaiting(t.api, [swedish60()]);
    const other = await createWaiting(t.api, [swedish60()]);
    await expectOk(t.api.post(`/api/transactions/${mine.id}/claim`, {}, tokens.therapist3));

    const cases: [string, string, string | undefined, number, string][] = [
      ['POST', `/api/transactions/${mine.id}/start`, undefined, 401, 'no token'],
      ['GET', `/api/transactions/${mine.id}`, undefined, 401, 'no token read'],
      ['GET', '/api/queues/therapist', undefined, 401, 'no token queue'],
      ['POST', `/api/transactions/${mine.id}/start`, tokens.cashier1, 403, 'cashier starting'],
      ['POST', `/api/transactions/${mine.id}/start`, tokens.monitor1, 403, 'monitor starting'],
      ['POST', `/api/transactions/${mine.id}/start`, tokens.therapist4, 403, 'another therapist starting'],
      ['POST', `/api/transactions/${mine.id}/release`, tokens.therapist4, 403, 'another therapist releasing'],
      ['POST', `/api/transactions/${mine.id}/cancel`, tokens.therapist4, 403, 'another therapist cancelling'],
      ['POST', `/api/transactions/${mine.id}/start`, mine.token, 403, 'the customer starting'],
      ['GET', `/api/transactions/${other.id}`, mine.token, 403, 'customer reading another customer'],
      ['GET', `/api/transactions/999999`, mine.token, 403, 'customer probing ids'],
      ['POST', `/api/transactions/${other.id}/cancel`, mine.token, 403, 'customer cancelling another'],
      ['GET', '/api/queues/therapist', tokens.cashier1, 403, 'cashier reading therapist queue'],
      ['GET', '/api/queues/cashier', tokens.therapist1, 403, 'therapist reading cashier queue'],
      ['GET', '/api/queues/therapist', mine.token, 403, 'customer reading the queue'],
      ['POST', '/api/therapist/claim-next', tokens.cashier1, 403, 'cashier claiming a customer'],
      ['POST', '/api/cashier/claim-next', tokens.therapist1, 403, 'therapist claiming a payment'],
      ['POST', '/api/cashier/claim-next', tokens.admin, 403, 'admin claiming a payment'],
      ['POST', `/api/transactions/${other.id}/confirm`, tokens.admin, 403, 'staff confirming for a customer'],
      ['GET', '/api/rooms', mine.token, 403, 'customer reading rooms'],
    ];
    for (const [method, path, token, status, label] of cases) {
      const before = await floorState();
      const response = await t.api.request(method, path, {
        ...(token ? { token } : {}),
        ...(method === 'POST' ? { body: {} } : {}),
      });
      expect(response.status, label).toBe(status);
      expect(response.body.error.code, label).toBe(status === 401 ? 'unauthenticated' : 'forbidden');
      expect(await floorState(), label).toEqual(before);
    }
    expect((await t.api.get(`/api/transactions/${mine.id}`, mine.token)).status).toBe(200);
    expect(
      (await t.api.get(`/api/transactions/${mine.id}`, tokens.cashier2)).body.transaction.priorityReason,
    ).toBeNull();
    await expectOk(t.api.post(`/api/transactions/${mine.id}/release`, undefined, tokens.admin));
    await drainTherapistQueue();
  });

  it('refuses bad carts with 400 and changes nothing', async () => {
    const swedish = menu.get('Swedish 60 minutes')!;
    const cupping = menu.get('Cupping 60 minutes')!;
    const selection = await createSelection(t.api, []);
    const carts: [unknown, string][] = [
      [{ items: [{ classificationId: 999_999 }] }, 'unknown classification'],
      [{ items: [{ classificationId: swedish.classificationId, serviceId: cupping.serviceId }] }, 'mismatched service'],
      [{ items: [{ classificationId: swedish.classificationId, quantity: 0 }] }, 'zero quantity'],
      [{ items: [{ classificationId: swedish.classificationId, quantity: -1 }] }, 'negative quantity'],
      [{ items: [{ classificationId: swedish.classificationId, quantity: 11 }] }, 'absurd quantity'],
      [{ items: [{ classificationId: swedish.classificationId, quantity: 1.5 }] }, 'fractional quantity'],
      [{ items: [{ classificationId: swedish.classificationId, price: 1 }] }, 'a price from the client'],
      [{ items: Array.from({ length: 21 }, () => ({ classificationId: swedish.classificationId })) }, '21 lines'],
      [{ items: [{ classificationId: '1' }] }, 'id as a string'],
      [{ items: 'swedish' }, 'items not a list'],
      [{ priority: 'vip' }, 'unknown priority'],
    ];
    for (const [body, label] of carts) {
      const before = await floorState();
      const created = await t.api.post('/api/transactions', body);
      expect(created.status, label).toBe(400);
      expect(created.body.error.code, label).toBe('validation_failed');
      const replaced = await t.api.request('PUT', `/api/transactions/${selection.id}/items`, {
        body,
        token: selection.token,
      });
      expect(replaced.status, label).toBe(400);
      expect(await floorState(), label).toEqual(before);
    }

    await t.testDb.database.db.updateTable('services').set({ active: 0 }).where('id', '=', cupping.serviceId).execute();
    const inactive = await t.api.post('/api/transactions', { items: [{ classificationId: cupping.classificationId }] });
    expect(inactive.status).toBe(400);
    expect(inactive.body.error.issues).toEqual([
      { path: 'body.items.0.classificationId', message: 'Cupping 60 minutes is not offered now' },
    ]);
    await t.testDb.database.db.updateTable('services').set({ active: 1 }).where('id', '=', cupping.serviceId).execute();

    const before = await floorState();
    const empty = await t.api.post(`/api/transactions/${selection.id}/confirm`, undefined, selection.token);
    expect(empty.status).toBe(400);
    expect(empty.body.error.code).toBe('validation_failed');
    expect(await floorState()).toEqual(before);
  });

  it('keeps totals equal to the sum of the items through every change', async () => {
    const selection = await createSelection(t.api, [swedish60()]);
    const replaced = (
      await expectOk(
        t.api.request('PUT', `/api/transactions/${selection.id}/items`, {
          body: { items: [{ ...shiatsu90(), quantity: 3 }, swedish60()] },
          token: selection.token,
        }),
      )
    ).transaction;
    expect(replaced.version).toBe(2);
    expect(replaced.totalAmount).toBe(3 * 130_000 + 80_000);
    expect(replaced.totalAmount).toBe(replaced.items.reduce((sum: number, item: any) => sum + item.lineTotal, 0));
    expect(replaced.totalDurationMinutes).toBe(3 * 90 + 60);
    const rows = await t.testDb.database.db.selectFrom('transactions').select(['id', 'total_amount']).execute();
    for (const row of rows) {
      const items = await t.testDb.database.db
        .selectFrom('transaction_items')
        .select('line_total')
        .where('transaction_id', '=', row.id)
        .execute();
      expect(row.total_amount).toBe(items.reduce((sum, item) => sum + item.line_total, 0));
    }
  });
});
