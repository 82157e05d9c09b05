import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app.js';
import { testEngines } from './support/databases.js';
import { catalogIndex, createSelection, createWaiting, expectOk } from './support/floor.js';
import type { ApiResponse } from './support/http.js';

/** Every admin route, `{id}` standing for a path id; bodies are valid ones (refusals must not depend on them). */
const ADMIN_ROUTES: [method: string, path: string, body?: unknown][] = [
  ['GET', '/api/admin/categories'],
  ['POST', '/api/admin/categories', { name: 'Refused Category' }],
  ['PATCH', '/api/admin/categories/{id}', { name: 'Refused' }],
  ['GET', '/api/admin/services'],
  ['POST', '/api/admin/services', { categoryId: 1, name: 'Refused Service' }],
  ['PATCH', '/api/admin/services/{id}', { active: false }],
  ['GET', '/api/admin/classifications'],
  ['POST', '/api/admin/classifications', { serviceId: 1, name: 'Refused', durationMinutes: 30, price: 100 }],
  ['PATCH', '/api/admin/classifications/{id}', { price: 1 }],
  ['GET', '/api/admin/staff'],
  [
    'POST',
    '/api/admin/staff',
    { role: 'admin', username: 'intruder', displayName: 'Intruder', password: 'password123' },
  ],
  ['PATCH', '/api/admin/staff/{id}', { active: false }],
  ['GET', '/api/admin/rooms'],
  ['POST', '/api/admin/rooms', { name: 'Refused Room' }],
  ['PATCH', '/api/admin/rooms/{id}', { outOfService: true }],
  ['GET', '/api/admin/transactions/{id}/events'],
  ['GET', '/api/admin/transactions'],
  ['GET', '/api/admin/discounts'],
  ['POST', '/api/admin/discounts', { name: 'Refused', kind: 'percent', value: 10 }],
  ['PATCH', '/api/admin/discounts/{id}', { active: false }],
  ['GET', '/api/admin/drawers'],
];

describe.each(testEngines())('admin API on %s', (engine) => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  let adminId: number;

  const patch = (path: string, body: unknown, token = tokens.admin) => t.api.request('PATCH', path, { body, token });
  const post = (path: string, body: unknown, token = tokens.admin) => t.api.post(path, body, token);
  const get = (path: string, token = tokens.admin) => t.api.get(path, token);

  beforeAll(async () => {
    t = await startTestApp(engine);
    Object.assign(tokens, await t.api.loginAll(['admin', 'therapist1', 'therapist2', 'cashier1', 'monitor1']));
    adminId = (await expectOk(get('/api/auth/me'))).user.id;
  });
  afterAll(async () => t?.close());

  /** Every table an admin request could touch; a refused request must leave all of it as it was. */
  async function adminState() {
    const db = t.testDb.database.db;
    return {
      categories: await db.selectFrom('service_categories').selectAll().orderBy('id').execute(),
      services: await db.selectFrom('services').selectAll().orderBy('id').execute(),
      classifications: await db.selectFrom('service_classifications').selectAll().orderBy('id').execute(),
      accounts: await db.selectFrom('accounts').selectAll().orderBy('id').execute(),
      therapists: await db.selectFrom('therapists').selectAll().orderBy('account_id').execute(),
      cashiers: await db.selectFrom('cashiers').selectAll().orderBy('account_id').execute(),
      sessions: await db.selectFrom('sessions').selectAll().orderBy('id').execute(),
      rooms: await db.selectFrom('rooms').selectAll().orderBy('id').execute(),
      transactions: await db.selectFrom('transactions').selectAll().orderBy('id').execute(),
      items: await db.selectFrom('transaction_items').selectAll().orderBy('id').execute(),
      events: await db.selectFrom('transaction_events').selectAll().orderBy('id').execute(),
      discountTypes: await db.selectFrom('discount_types').selectAll().orderBy('id').execute(),
    };
  }

  const expectError = (response: ApiResponse, status: number, code: string) => {
    expect({ status: response.status, code: response.body?.error?.code }).toEqual({ status, code });
  };

  const byName = <T extends { name: string }>(list: T[], name: string): T => {
    const found = list.find((entry) => entry.name === name);
    if (!found) throw new Error(`no ${name} in ${JSON.stringify(list.map((entry) => entry.name))}`);
    return found;
  };
  const categories = async (): Promise<any[]> => (await expectOk(get('/api/admin/categories'))).categories;
  const services = async (): Promise<any[]> => (await expectOk(get('/api/admin/services'))).services;
  const classifications = async (): Promise<any[]> =>
    (await expectOk(get('/api/admin/classifications'))).classifications;
  const staff = async (): Promise<any[]> => (await expectOk(get('/api/admin/staff'))).staff;
  const rooms = async (): Promise<any[]> => (await expectOk(get('/api/admin/rooms'))).rooms;
  const staffNamed = async (username: string) => (await staff()).find((member) => member.username === username);
  const roomId = async (name: string): Promise<number> => byName(await rooms(), name).id;

  it('the route list above is every route under /api/admin', async () => {
    const spec = await expectOk(t.api.get('/docs/json'));
    const served = Object.entries(spec.paths as Record<string, Record<string, unknown>>)
      .filter(([path]) => path.startsWith('/api/admin'))
      .flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`));
    expect(served.sort()).toEqual(ADMIN_ROUTES.map(([method, path]) => `${method} ${path}`).sort());
  });

  it('refuses every admin route without a token (401) and to every other role (403), changing nothing', async () => {
    const customer = await createSelection(t.api, []);
    const before = await adminState();
    const callers: [who: string, token: string | undefined, status: number, code: string][] = [
      ['nobody', undefined, 401, 'unauthenticated'],
      ['an unknown token', 'sfs_not-a-real-token', 401, 'unauthenticated'],
      ['a therapist', tokens.therapist1, 403, 'forbidden'],
      ['a cashier', tokens.cashier1, 403, 'forbidden'],
      ['a monitor', tokens.monitor1, 403, 'forbidden'],
      ['a customer', customer.token, 403, 'forbidden'],
    ];
    const answers: string[] = [];
    for (const [method, template, body] of ADMIN_ROUTES) {
      const path = template.replace('{id}', '1');
      for (const [who, token, status, code] of callers) {
        const response = await t.api.request(method, path, { body, token });
        answers.push(`${method} ${path} by ${who}: ${response.status} ${response.body?.error?.code}`);
        expect(answers.at(-1)).toBe(`${method} ${path} by ${who}: ${status} ${code}`);
      }
    }
    expect(answers).toHaveLength(ADMIN_ROUTES.length * callers.length);
    expect(await adminState()).toEqual(before);
    // …and the admin gets through on each of them (the ticket lookup: to "no such ticket" on an empty day).
    for (const [method, template] of ADMIN_ROUTES.filter(([method]) => method === 'GET')) {
      const lookup = template === '/api/admin/transactions';
      const query = { '/api/admin/transactions': '?date=2001-01-01&code=1', '/api/admin/drawers': '?date=2001-01-01' };
      const path = template.replace('{id}', String(customer.id)) + (query[template as keyof typeof query] ?? '');
      expect([path, (await t.api.request(method, path, { token: tokens.admin })).status]).toEqual([
        path,
        lookup ? 404 : 200,
      ]);
    }
  });

  it('refuses bad input with 400 (or 404 for an unknown id) and leaves the database unchanged', async () => {
    const signature = byName(await categories(), 'Signature Massage');
    const holistic = byName(await categories(), 'Holistic Recovery');
    const swedish = byName(await services(), 'Swedish');
    const swedish60 = (await classifications()).find((c) => c.serviceId === swedish.id && c.name === '60 minutes');
    const therapist1 = await staffNamed('therapist1');
    const cashier1 = await staffNamed('cashier1');
    const room101 = await roomId('101');
    const room102 = await roomId('102');
    const tooLong = (n: number) => 'x'.repeat(n);
    const valid = { serviceId: swedish.id, name: '45 minutes', durationMinutes: 45, price: 60_000 };
    const newStaff = { role: 'therapist', username: 'newbie', displayName: 'New Bie', password: 'password123' };

    const cases: [label: string, method: string, path: string, body: unknown, status: number, issue?: string][] = [
      ['unknown field', 'POST', '/api/admin/categories', { name: 'Scrubs', color: 'red' }, 400],
      ['blank name', 'POST', '/api/admin/categories', { name: '   ' }, 400, 'body.name'],
      ['missing name', 'POST', '/api/admin/categories', { description: 'no name' }, 400, 'body.name'],
      ['name over 120', 'POST', '/api/admin/categories', { name: tooLong(121) }, 400, 'body.name'],
      ['description over 1000', 'POST', '/api/admin/categories', { name: 'Ok', description: tooLong(1001) }, 400],
      ['fractional sort order', 'POST', '/api/admin/categories', { name: 'Ok', sortOrder: 1.5 }, 400],
      ['active as a string', 'POST', '/api/admin/categories', { name: 'Ok', active: 'no' }, 400],
      [
        'duplicate category (after trimming)',
        'POST',
        '/api/admin/categories',
        { name: ' Signature Massage ' },
        400,
        'body.name',
      ],
      ['empty patch', 'PATCH', `/api/admin/categories/${signature.id}`, {}, 400],
      ['unknown category', 'PATCH', '/api/admin/categories/999999', { name: 'Nope' }, 404],
      ['non-numeric id', 'PATCH', '/api/admin/categories/abc', { name: 'Nope' }, 400],
      [
        'rename onto another category',
        'PATCH',
        `/api/admin/categories/${holistic.id}`,
        { name: 'Signature Massage' },
        400,
        'body.name',
      ],
      [
        'service in unknown category',
        'POST',
        '/api/admin/services',
        { categoryId: 999999, name: 'Hot Stone' },
        404,
        'body.categoryId',
      ],
      [
        'duplicate service',
        'POST',
        '/api/admin/services',
        { categoryId: signature.id, name: 'Swedish' },
        400,
        'body.name',
      ],
      [
        'service moved onto a taken name',
        'PATCH',
        `/api/admin/services/${byName(await services(), 'Cupping').id}`,
        { categoryId: signature.id, name: 'Swedish' },
        400,
        'body.name',
      ],
      [
        'service moved to unknown category',
        'PATCH',
        `/api/admin/services/${swedish.id}`,
        { categoryId: 999999 },
        404,
        'body.categoryId',
      ],
      ['unknown service', 'PATCH', '/api/admin/services/999999', { active: false }, 404],
      ['fractional price', 'POST', '/api/admin/classifications', { ...valid, price: 600.5 }, 400, 'body.price'],
      ['zero price', 'POST', '/api/admin/classifications', { ...valid, price: 0 }, 400, 'body.price'],
      ['negative price', 'POST', '/api/admin/classifications', { ...valid, price: -100 }, 400, 'body.price'],
      ['price too high', 'POST', '/api/admin/classifications', { ...valid, price: 10_000_001 }, 400, 'body.price'],
      ['price as a string', 'POST', '/api/admin/classifications', { ...valid, price: '600' }, 400, 'body.price'],
      [
        'zero minutes',
        'POST',
        '/api/admin/classifications',
        { ...valid, durationMinutes: 0 },
        400,
        'body.durationMinutes',
      ],
      [
        'classification of unknown service',
        'POST',
        '/api/admin/classifications',
        { ...valid, serviceId: 999999 },
        404,
        'body.serviceId',
      ],
      [
        'duplicate classification',
        'POST',
        '/api/admin/classifications',
        { ...valid, name: '60 minutes' },
        400,
        'body.name',
      ],
      [
        'classification renamed onto a taken name',
        'PATCH',
        `/api/admin/classifications/${swedish60.id}`,
        { name: '90 minutes' },
        400,
        'body.name',
      ],
      ['unknown classification', 'PATCH', '/api/admin/classifications/999999', { price: 100 }, 404],
      ['unknown role', 'POST', '/api/admin/staff', { ...newStaff, role: 'chef' }, 400, 'body.role'],
      ['taken username', 'POST', '/api/admin/staff', { ...newStaff, username: 'therapist1' }, 400, 'body.username'],
      ['bad username', 'POST', '/api/admin/staff', { ...newStaff, username: 'new bie' }, 400, 'body.username'],
      ['short password', 'POST', '/api/admin/staff', { ...newStaff, password: 'short' }, 400, 'body.password'],
      ['display name over 120', 'POST', '/api/admin/staff', { ...newStaff, displayName: tooLong(121) }, 400],
      ['counter for a therapist', 'POST', '/api/admin/staff', { ...newStaff, counter: 'C9' }, 400, 'body.counter'],
      [
        'home room for a cashier',
        'POST',
        '/api/admin/staff',
        { ...newStaff, role: 'cashier', homeRoomId: room101 },
        400,
        'body.homeRoomId',
      ],
      ['counter over 16', 'POST', '/api/admin/staff', { ...newStaff, role: 'cashier', counter: tooLong(17) }, 400],
      ['unknown home room', 'POST', '/api/admin/staff', { ...newStaff, homeRoomId: 999999 }, 404, 'body.homeRoomId'],
      ['unknown staff member', 'PATCH', '/api/admin/staff/999999', { displayName: 'Nobody' }, 404],
      ['changing a role', 'PATCH', `/api/admin/staff/${therapist1.id}`, { role: 'admin' }, 400],
      ['changing a username', 'PATCH', `/api/admin/staff/${therapist1.id}`, { username: 'boss' }, 400],
      [
        'a counter for a therapist',
        'PATCH',
        `/api/admin/staff/${therapist1.id}`,
        { counter: 'C9' },
        400,
        'body.counter',
      ],
      [
        'a home room for a cashier',
        'PATCH',
        `/api/admin/staff/${cashier1.id}`,
        { homeRoomId: room101 },
        400,
        'body.homeRoomId',
      ],
      [
        'an unknown home room',
        'PATCH',
        `/api/admin/staff/${therapist1.id}`,
        { homeRoomId: 999999 },
        404,
        'body.homeRoomId',
      ],
      ['short password reset', 'PATCH', `/api/admin/staff/${therapist1.id}`, { password: 'short' }, 400],
      ['deactivating yourself', 'PATCH', `/api/admin/staff/${adminId}`, { active: false }, 400, 'body.active'],
      [
        'deactivating yourself with a new name',
        'PATCH',
        `/api/admin/staff/${adminId}`,
        { displayName: 'Gone', active: false },
        400,
        'body.active',
      ],
      ['duplicate room', 'POST', '/api/admin/rooms', { name: '101' }, 400, 'body.name'],
      ['blank room name', 'POST', '/api/admin/rooms', { name: '' }, 400, 'body.name'],
      ['room name over 60', 'POST', '/api/admin/rooms', { name: tooLong(61) }, 400, 'body.name'],
      ['room with extra fields', 'POST', '/api/admin/rooms', { name: '105', outOfService: true }, 400],
      ['room renamed onto a taken name', 'PATCH', `/api/admin/rooms/${room102}`, { name: '101' }, 400, 'body.name'],
      ['room status set by hand', 'PATCH', `/api/admin/rooms/${room102}`, { status: 'available' }, 400],
      ['unknown room', 'PATCH', '/api/admin/rooms/999999', { name: 'Ghost' }, 404],
      ['events of an unknown transaction', 'GET', '/api/admin/transactions/999999/events', undefined, 404],
    ];
    const before = await adminState();
    for (const [label, method, path, body, status, issue] of cases) {
      const response = await t.api.request(method, path, { body, token: tokens.admin });
      const code = status === 404 ? 'not_found' : 'validation_failed';
      expect({ label, status: response.status, code: response.body?.error?.code }).toEqual({ label, status, code });
      if (issue)
        expect(
          response.body.error.issues.map((i: any) => i.path),
          label,
        ).toContain(issue);
    }
    const malformed = await t.api.request('POST', '/api/admin/rooms', { rawBody: '{"name":', token: tokens.admin });
    expectError(malformed, 400, 'validation_failed');
    expect(await adminState()).toEqual(before);
    // The admin who tried to deactivate themself is still signed in.
    expect((await get('/api/auth/me')).status).toBe(200);
  });

  it('categories: create (trimmed, with defaults), list with inactive ones, change every field', async () => {
    const created = await post('/api/admin/categories', { name: '  Body Scrubs  ', description: ' Exfoliation. ' });
    expect(created.status).toBe(201);
    const category = created.body.category;
    expect(category).toEqual({
      id: expect.any(Number),
      name: 'Body Scrubs',
      description: 'Exfoliation.',
      sortOrder: 0,
      active: true,
    });

    const changed = await expectOk(
      patch(`/api/admin/categories/${category.id}`, {
        name: 'Scrubs & Wraps',
        description: '',
        sortOrder: -1,
        active: false,
      }),
    );
    expect(changed.category).toEqual({
      id: category.id,
      name: 'Scrubs & Wraps',
      description: '',
      sortOrder: -1,
      active: false,
    });
    // A partial change keeps the rest.
    expect((await expectOk(patch(`/api/admin/categories/${category.id}`, { sortOrder: 9 }))).category).toEqual({
      ...changed.category,
      sortOrder: 9,
    });

    const listed = await categories();
    expect(listed.map((c) => [c.name, c.sortOrder, c.active])).toEqual([
      ['Signature Massage', 0, true],
      ['Holistic Recovery', 1, true],
      ['Scrubs & Wraps', 9, false],
    ]);

    const inactive = await expectOk(
      post('/api/admin/categories', { name: 'Seasonal', description: 'Later', sortOrder: 3, active: false }),
      201,
    );
    expect(inactive.category).toMatchObject({ name: 'Seasonal', sortOrder: 3, active: false });
    // Its old name is free again once renamed.
    await expectOk(post('/api/admin/categories', { name: 'Body Scrubs' }), 201);
  });

  it('services and classifications: create, move, rename, reprice, and the kiosk menu follows', async () => {
    const signature = byName(await categories(), 'Signature Massage');
    const holistic = byName(await categories(), 'Holistic Recovery');

    const service = (
      await expectOk(
        post('/api/admin/services', {
          categoryId: signature.id,
          name: ' Hot Stone ',
          description: 'Warm basalt stones.',
          sortOrder: 10,
        }),
        201,
      )
    ).service;
    expect(service).toEqual({
      id: expect.any(Number),
      categoryId: signature.id,
      name: 'Hot Stone',
      description: 'Warm basalt stones.',
      sortOrder: 10,
      commissionPercent: 0,
      active: true,
    });
    // The same name is fine in another category.
    const twin = (await expectOk(post('/api/admin/services', { categoryId: holistic.id, name: 'Hot Stone' }), 201))
      .service;
    expect(twin).toMatchObject({ categoryId: holistic.id, description: '', sortOrder: 0, active: true });
    // …but not twice in one: moving the twin into Signature Massage is refused until it is renamed.
    expectError(await patch(`/api/admin/services/${twin.id}`, { categoryId: signature.id }), 400, 'validation_failed');
    const moved = await expectOk(
      patch(`/api/admin/services/${twin.id}`, { categoryId: signature.id, name: 'Hot Stone Deluxe', sortOrder: 11 }),
    );
    expect(moved.service).toMatchObject({ categoryId: signature.id, name: 'Hot Stone Deluxe', sortOrder: 11 });

    const tier = (
      await expectOk(
        post('/api/admin/classifications', {
          serviceId: service.id,
          name: ' 75 minutes ',
          durationMinutes: 75,
          price: 99_950,
        }),
        201,
      )
    ).classification;
    expect(tier).toEqual({
      id: expect.any(Number),
      serviceId: service.id,
      name: '75 minutes',
      durationMinutes: 75,
      price: 99_950,
      sortOrder: 0,
      active: true,
    });
    let menu = await catalogIndex(t.api);
    expect(menu.get('Hot Stone 75 minutes')).toEqual({
      classificationId: tier.id,
      serviceId: service.id,
      price: 99_950,
      durationMinutes: 75,
    });

    const repriced = await expectOk(
      patch(`/api/admin/classifications/${tier.id}`, {
        name: '80 minutes',
        durationMinutes: 80,
        price: 105_000,
        sortOrder: 2,
      }),
    );
    expect(repriced.classification).toEqual({
      ...tier,
      name: '80 minutes',
      durationMinutes: 80,
      price: 105_000,
      sortOrder: 2,
    });
    menu = await catalogIndex(t.api);
    expect(menu.has('Hot Stone 75 minutes')).toBe(false);
    expect(menu.get('Hot Stone 80 minutes')).toMatchObject({ price: 105_000, durationMinutes: 80 });

    // Moving a classification to another service.
    const movedTier = await expectOk(patch(`/api/admin/classifications/${tier.id}`, { serviceId: twin.id }));
    expect(movedTier.classification.serviceId).toBe(twin.id);
    expect((await catalogIndex(t.api)).get('Hot Stone Deluxe 80 minutes')?.classificationId).toBe(tier.id);

    // Inactive ones are created hidden.
    const hidden = (
      await expectOk(
        post('/api/admin/classifications', {
          serviceId: service.id,
          name: '30 minutes',
          durationMinutes: 30,
          price: 500,
          active: false,
        }),
        201,
      )
    ).classification;
    expect(hidden.active).toBe(false);
    expect((await catalogIndex(t.api)).has('Hot Stone 30 minutes')).toBe(false);
    expect((await classifications()).map((c) => c.id)).toContain(hidden.id);
    const hiddenService = (
      await expectOk(post('/api/admin/services', { categoryId: signature.id, name: 'Waxing', active: false }), 201)
    ).service;
    expect((await services()).find((s) => s.id === hiddenService.id)).toMatchObject({ active: false });
  });

  it('deactivating hides from the kiosk menu, refuses new carts, and past transactions keep their items', async () => {
    const menu = await catalogIndex(t.api);
    const swedish60 = menu.get('Swedish 60 minutes')!;
    const footService = menu.get('Foot Massage 60 minutes')!.serviceId;
    const past = await createWaiting(t.api, [{ classificationId: swedish60.classificationId, quantity: 2 }]);
    const pastItems = past.transaction.items;
    expect(pastItems.map((i: any) => [i.serviceName, i.classificationName, i.unitPrice, i.lineTotal])).toEqual([
      ['Swedish', '60 minutes', 80_000, 160_000],
    ]);

    await expectOk(
      patch(`/api/admin/classifications/${swedish60.classificationId}`, {
        name: '1 hour',
        price: 95_000,
        active: false,
      }),
    );
    await expectOk(patch(`/api/admin/services/${footService}`, { active: false }));
    const holistic = byName(await categories(), 'Holistic Recovery');
    await expectOk(patch(`/api/admin/categories/${holistic.id}`, { active: false }));

    const kiosk = (await expectOk(t.api.get('/api/catalog'))).categories;
    expect(kiosk.map((c: any) => c.name)).not.toContain('Holistic Recovery');
    const swedish = kiosk.flatMap((c: any) => c.services).find((s: any) => s.name === 'Swedish');
    expect(swedish.classifications.map((c: any) => c.name)).toEqual(['90 minutes', '120 minutes']);
    expect(kiosk.flatMap((c: any) => c.services).map((s: any) => s.name)).not.toContain('Foot Massage');
    // Admins still see all of it.
    expect((await classifications()).find((c) => c.id === swedish60.classificationId)).toMatchObject({
      name: '1 hour',
      price: 95_000,
      active: false,
    });
    expect((await services()).find((s) => s.id === footService).active).toBe(false);
    expect(byName(await categories(), 'Holistic Recovery').active).toBe(false);

    // The past transaction still shows what was sold, at the price it was sold.
    const reread = (await expectOk(t.api.get(`/api/transactions/${past.id}`, past.token))).transaction;
    expect(reread.items).toEqual(pastItems);
    expect(reread.totalAmount).toBe(160_000);
    const staffView = (await expectOk(t.api.get(`/api/transactions/${past.id}`, tokens.monitor1))).transaction;
    expect(staffView.items).toEqual(pastItems);

    // A new cart cannot have it.
    const refused = await t.api.post('/api/transactions', {
      items: [{ classificationId: swedish60.classificationId }],
    });
    expectError(refused, 400, 'validation_failed');

    // Back on: the menu shows it again, under its new name and price.
    await expectOk(patch(`/api/admin/classifications/${swedish60.classificationId}`, { active: true }));
    await expectOk(patch(`/api/admin/services/${footService}`, { active: true }));
    await expectOk(patch(`/api/admin/categories/${holistic.id}`, { active: true }));
    const after = await catalogIndex(t.api);
    expect(after.get('Swedish 1 hour')).toMatchObject({ classificationId: swedish60.classificationId, price: 95_000 });
    expect(after.has('Foot Massage 60 minutes')).toBe(true);
    expect(after.has('Myofascial Release 60 minutes')).toBe(true);
    expect((await expectOk(t.api.get(`/api/transactions/${past.id}`, past.token))).transaction.items).toEqual(
      pastItems,
    );
    await expectOk(t.api.post(`/api/transactions/${past.id}/cancel`, { reason: 'staff_decision' }, tokens.admin));
  });

  it('staff: lists every account without secrets, creates each role, edits names, counters and home rooms', async () => {
    const list = await staff();
    expect(list).toHaveLength(10);
    expect(list.find((m) => m.username === 'therapist1')).toEqual({
      id: expect.any(Number),
      role: 'therapist',
      username: 'therapist1',
      displayName: 'Maria Santos',
      active: true,
      counter: null,
      homeRoomId: await roomId('101'),
      commissionPercent: 50,
      status: 'available',
    });
    expect(list.find((m) => m.username === 'cashier1')).toMatchObject({
      role: 'cashier',
      counter: 'C1',
      homeRoomId: null,
      status: null,
    });
    expect(list.find((m) => m.username === 'admin')).toMatchObject({ id: adminId, role: 'admin', counter: null });
    const text = JSON.stringify(list);
    expect(text).not.toContain('scrypt');
    expect(text.toLowerCase()).not.toContain('password');
    expect(text.toLowerCase()).not.toContain('hash');

    const room102 = await roomId('102');
    const therapist = await expectOk(
      post('/api/admin/staff', {
        role: 'therapist',
        username: 'therapist9',
        displayName: '  Nina Flores ',
        password: 'password123',
        homeRoomId: room102,
      }),
      201,
    );
    expect(therapist.staff).toEqual({
      id: expect.any(Number),
      role: 'therapist',
      username: 'therapist9',
      displayName: 'Nina Flores',
      active: true,
      counter: null,
      homeRoomId: room102,
      commissionPercent: null,
      status: 'available',
    });
    const cashier = await expectOk(
      post('/api/admin/staff', {
        role: 'cashier',
        username: 'cashier9',
        displayName: 'Ben Tan',
        password: 'password123',
        counter: ' C9 ',
      }),
      201,
    );
    expect(cashier.staff).toMatchObject({ role: 'cashier', counter: 'C9', homeRoomId: null, status: null });
    const monitor = await expectOk(
      post('/api/admin/staff', { role: 'monitor', username: 'monitor9', displayName: 'Wall', password: 'password123' }),
      201,
    );
    expect(monitor.staff).toMatchObject({ role: 'monitor', counter: null, homeRoomId: null, status: null });
    // New accounts sign in at once, with the role they were given.
    const cashierToken = await t.api.login('cashier9');
    expect((await expectOk(t.api.get('/api/auth/me', cashierToken))).user).toEqual({
      id: cashier.staff.id,
      username: 'cashier9',
      displayName: 'Ben Tan',
      role: 'cashier',
    });
    expect((await t.api.get('/api/queues/cashier', cashierToken)).status).toBe(200);
    const stored = await t.testDb.database.db
      .selectFrom('accounts')
      .select('password_hash')
      .where('id', '=', cashier.staff.id)
      .executeTakeFirstOrThrow();
    expect(stored.password_hash).toMatch(/^scrypt\$/);

    const renamed = await expectOk(
      patch(`/api/admin/staff/${therapist.staff.id}`, { displayName: 'Nina F.', homeRoomId: null }),
    );
    expect(renamed.staff).toMatchObject({ displayName: 'Nina F.', homeRoomId: null });
    expect(
      (await expectOk(patch(`/api/admin/staff/${therapist.staff.id}`, { homeRoomId: await roomId('103') }))).staff
        .homeRoomId,
    ).toBe(await roomId('103'));
    expect((await expectOk(patch(`/api/admin/staff/${cashier.staff.id}`, { counter: 'C10' }))).staff.counter).toBe(
      'C10',
    );
    expect((await expectOk(patch(`/api/admin/staff/${cashier.staff.id}`, { counter: null }))).staff.counter).toBeNull();
    // Renaming does not end the session; the new name shows at once.
    expect((await expectOk(t.api.get('/api/auth/me', cashierToken))).user.displayName).toBe('Ben Tan');
    await expectOk(patch(`/api/admin/staff/${cashier.staff.id}`, { displayName: 'Benjamin Tan' }));
    expect((await expectOk(t.api.get('/api/auth/me', cashierToken))).user.displayName).toBe('Benjamin Tan');
    expect(await staff()).toHaveLength(13);
  });

  it('resetting a password: the new one works, the old one and its sessions do not', async () => {
    const member = await staffNamed('therapist9');
    const oldToken = await t.api.login('therapist9');
    await expectOk(patch(`/api/admin/staff/${member.id}`, { password: 'a-new-secret-1' }));
    expectError(await t.api.get('/api/auth/me', oldToken), 401, 'unauthenticated');
    expectError(
      await t.api.post('/api/auth/login', { username: 'therapist9', password: 'password123' }),
      401,
      'unauthenticated',
    );
    const fresh = await t.api.login('therapist9', 'a-new-secret-1');
    expect((await t.api.get('/api/auth/me', fresh)).status).toBe(200);

    // An admin resetting their own password stays signed in.
    const secondAdmin = await expectOk(
      post('/api/admin/staff', {
        role: 'admin',
        username: 'admin2',
        displayName: 'Second Admin',
        password: 'password123',
      }),
      201,
    );
    const admin2 = await t.api.login('admin2');
    await expectOk(patch(`/api/admin/staff/${secondAdmin.staff.id}`, { password: 'another-secret' }, admin2));
    expect((await t.api.get('/api/auth/me', admin2)).status).toBe(200);
    await t.api.login('admin2', 'another-secret');
  });

  it('deactivating an account ends all its sessions at once; reactivating lets it sign in again', async () => {
    const member = await staffNamed('cashier9');
    const first = await t.api.login('cashier9');
    const second = await t.api.login('cashier9');
    expect((await t.api.get('/api/queues/cashier', first)).status).toBe(200);

    const revocations: unknown[] = [];
    const unsubscribe = t.app.services.context.revocations.subscribe((revocation) => revocations.push(revocation));
    const deactivated = await expectOk(patch(`/api/admin/staff/${member.id}`, { active: false }));
    unsubscribe();
    // The real-time layer hears of it once committed, to disconnect that account's sockets.
    expect(revocations).toEqual([{ accountId: member.id }]);
    expect(deactivated.staff).toMatchObject({ id: member.id, active: false });
    for (const token of [first, second]) {
      expectError(await t.api.get('/api/auth/me', token), 401, 'unauthenticated');
      expectError(await t.api.get('/api/queues/cashier', token), 401, 'unauthenticated');
    }
    const live = await t.testDb.database.db
      .selectFrom('sessions')
      .select('id')
      .where('account_id', '=', member.id)
      .where('revoked_at', 'is', null)
      .execute();
    expect(live).toEqual([]);
    expectError(
      await t.api.post('/api/auth/login', { username: 'cashier9', password: 'password123' }),
      401,
      'unauthenticated',
    );
    expect((await staffNamed('cashier9')).active).toBe(false);

    // Another admin may deactivate an admin (only never themself).
    const admin2 = await staffNamed('admin2');
    const admin2Token = await t.api.login('admin2', 'another-secret');
    await expectOk(patch(`/api/admin/staff/${admin2.id}`, { active: false }));
    expectError(await get('/api/admin/staff', admin2Token), 401, 'unauthenticated');

    await expectOk(patch(`/api/admin/staff/${member.id}`, { active: true }));
    const again = await t.api.login('cashier9');
    expect((await t.api.get('/api/auth/me', again)).status).toBe(200);
    // The old tokens stay dead.
    expectError(await t.api.get('/api/auth/me', first), 401, 'unauthenticated');
  });

  it('refuses to deactivate a therapist who is serving a customer (409), changing nothing', async () => {
    const menu = await catalogIndex(t.api);
    const waiting = await createWaiting(t.api, [
      { classificationId: menu.get('Shiatsu 60 minutes')!.classificationId },
    ]);
    const claimed = (await expectOk(t.api.post(`/api/transactions/${waiting.id}/claim`, {}, tokens.therapist2)))
      .transaction;
    const therapist2 = await staffNamed('therapist2');

    const before = await adminState();
    expectError(await patch(`/api/admin/staff/${therapist2.id}`, { active: false }), 409, 'invalid_transition');
    expect(await adminState()).toEqual(before);
    expect((await t.api.get('/api/therapist/current', tokens.therapist2)).body.transaction.id).toBe(claimed.id);

    await expectOk(t.api.post(`/api/transactions/${claimed.id}/release`, undefined, tokens.therapist2));
    await expectOk(t.api.post(`/api/transactions/${claimed.id}/cancel`, { reason: 'staff_decision' }, tokens.admin));
  });

  it('rooms: create, rename, out of service, deactivate; claims never reserve a room out of service', async () => {
    expect((await rooms()).map((r) => [r.name, r.status, r.outOfService, r.active])).toEqual([
      ['101', 'available', false, true],
      ['102', 'available', false, true],
      ['103', 'available', false, true],
      ['104', 'available', false, true],
    ]);
    const created = await expectOk(post('/api/admin/rooms', { name: ' 105 ' }), 201);
    expect(created.room).toEqual({
      id: expect.any(Number),
      name: '105',
      status: 'available',
      outOfService: false,
      active: true,
    });
    const renamed = await expectOk(patch(`/api/admin/rooms/${created.room.id}`, { name: 'VIP' }));
    expect(renamed.room.name).toBe('VIP');
    expect((await expectOk(t.api.get('/api/rooms', tokens.monitor1))).rooms.map((r: any) => r.name)).toContain('VIP');

    // Room 101 (therapist1's home room) out of service: claims pass it by.
    const room101 = await roomId('101');
    const out = await expectOk(patch(`/api/admin/rooms/${room101}`, { outOfService: true }));
    expect(out.room).toMatchObject({ name: '101', status: 'available', outOfService: true, active: true });
    expect(
      (await expectOk(t.api.get('/api/rooms', tokens.therapist1))).rooms.find((r: any) => r.id === room101).status,
    ).toBe('out_of_service');
    const menu = await catalogIndex(t.api);
    const item = { classificationId: menu.get('Shiatsu 60 minutes')!.classificationId };
    const waiting = await createWaiting(t.api, [item]);
    expectError(
      await t.api.post(`/api/transactions/${waiting.id}/claim`, { roomId: room101 }, tokens.therapist1),
      409,
      'no_room_available',
    );
    const claimed = (await expectOk(t.api.post('/api/therapist/claim-next', {}, tokens.therapist1))).transaction;
    expect(claimed.id).toBe(waiting.id);
    expect(claimed.room.name).toBe('102');

    // A reserved or occupied room cannot be taken away.
    const room102 = claimed.room.id;
    let before = await adminState();
    expectError(await patch(`/api/admin/rooms/${room102}`, { outOfService: true }), 409, 'invalid_transition');
    expectError(await patch(`/api/admin/rooms/${room102}`, { active: false }), 409, 'invalid_transition');
    expectError(
      await patch(`/api/admin/rooms/${room102}`, { name: 'Renamed', outOfService: true }),
      409,
      'invalid_transition',
    );
    expect(await adminState()).toEqual(before);
    await expectOk(t.api.post(`/api/transactions/${claimed.id}/start`, undefined, tokens.therapist1));
    before = await adminState();
    expectError(await patch(`/api/admin/rooms/${room102}`, { outOfService: true }), 409, 'invalid_transition');
    expect(await adminState()).toEqual(before);
    // Renaming a room in use is fine.
    expect((await expectOk(patch(`/api/admin/rooms/${room102}`, { name: '102A' }))).room).toMatchObject({
      name: '102A',
      status: 'occupied',
    });
    await expectOk(t.api.post(`/api/transactions/${claimed.id}/finish`, undefined, tokens.therapist1));
    // Being cleaned is not in use: it may go out of service, and back.
    expect((await expectOk(patch(`/api/admin/rooms/${room102}`, { outOfService: true }))).room).toMatchObject({
      status: 'cleaning',
      outOfService: true,
    });
    await expectOk(patch(`/api/admin/rooms/${room102}`, { outOfService: false, name: '102' }));
    await expectOk(t.api.post(`/api/rooms/${room102}/ready`, undefined, tokens.therapist1));

    // Every room out of service or inactive: a claim finds none and the customer keeps waiting.
    const others = (await rooms()).filter((r) => r.status === 'available' && !r.outOfService);
    for (const room of others) {
      await expectOk(
        patch(`/api/admin/rooms/${room.id}`, room.name === 'VIP' ? { active: false } : { outOfService: true }),
      );
    }
    const next = await createWaiting(t.api, [item]);
    expectError(await t.api.post('/api/therapist/claim-next', {}, tokens.therapist2), 409, 'no_room_available');
    expect((await expectOk(t.api.get(`/api/transactions/${next.id}`, next.token))).transaction.status).toBe(
      'pending_therapist',
    );
    // An inactive room leaves the floor's list, not the admin's.
    expect((await expectOk(t.api.get('/api/rooms', tokens.monitor1))).rooms.map((r: any) => r.name)).not.toContain(
      'VIP',
    );
    expect(byName(await rooms(), 'VIP')).toMatchObject({ active: false, outOfService: false });

    for (const room of await rooms()) {
      await expectOk(patch(`/api/admin/rooms/${room.id}`, { outOfService: false, active: true }));
    }
    const served = (await expectOk(t.api.post('/api/therapist/claim-next', {}, tokens.therapist2))).transaction;
    expect(served.id).toBe(next.id);
    expect(served.room.name).toBe('102');
    await expectOk(t.api.post(`/api/transactions/${served.id}/release`, undefined, tokens.therapist2));
    await expectOk(t.api.post(`/api/transactions/${served.id}/cancel`, { reason: 'staff_decision' }, tokens.admin));
  });

  it("a transaction's audit trail: every step in seq order with its actor", async () => {
    const menu = await catalogIndex(t.api);
    const ticket = await createSelection(t.api, [
      { classificationId: menu.get('Cupping 60 minutes')!.classificationId },
    ]);
    t.clock.advance(60_000);
    await expectOk(t.api.post(`/api/transactions/${ticket.id}/confirm`, undefined, ticket.token));
    t.clock.advance(60_000);
    await expectOk(t.api.post(`/api/transactions/${ticket.id}/claim`, {}, tokens.therapist2));
    await expectOk(t.api.post(`/api/transactions/${ticket.id}/release`, undefined, tokens.therapist2));
    await expectOk(t.api.post(`/api/transactions/${ticket.id}/cancel`, { reason: 'staff_decision' }, tokens.admin));

    // Found as people name it: the ticket code on its business day ("12" is ticket 0012).
    const { businessDate, code } = (await expectOk(get(`/api/transactions/${ticket.id}`))).transaction;
    for (const typed of [code, String(Number(code))]) {
      const found = await expectOk(get(`/api/admin/transactions?date=${businessDate}&code=${typed}`));
      expect(found.transaction.id).toBe(ticket.id);
    }
    expectError(await get(`/api/admin/transactions?date=2001-01-01&code=${code}`), 404, 'not_found');
    expectError(await get(`/api/admin/transactions?date=yesterday&code=${code}`), 400, 'validation_failed');
    expectError(await get(`/api/admin/transactions?date=${businessDate}&code=A12`), 400, 'validation_failed');

    const { events } = await expectOk(get(`/api/admin/transactions/${ticket.id}/events`));
    const therapist2 = await staffNamed('therapist2');
    const at = (ms: number) => new Date(ms).toISOString();
    const now = t.clock.now();
    expect(events.map(({ seq: _seq, ...rest }: any) => rest)).toEqual([
      {
        action: 'create',
        from: null,
        to: 'selecting',
        at: at(now - 120_000),
        actor: { type: 'customer', id: null, displayName: null },
        detail: null,
      },
      {
        action: 'customer_confirm_selection',
        from: 'selecting',
        to: 'pending_therapist',
        at: at(now - 60_000),
        actor: { type: 'customer', id: null, displayName: null },
        detail: null,
      },
      {
        action: 'therapist_confirm',
        from: 'pending_therapist',
        to: 'therapist_confirmed',
        at: at(now),
        actor: { type: 'staff', id: therapist2.id, displayName: 'Jose Reyes' },
        detail: null,
      },
      {
        action: 'release',
        from: 'therapist_confirmed',
        to: 'pending_therapist',
        at: at(now),
        actor: { type: 'staff', id: therapist2.id, displayName: 'Jose Reyes' },
        detail: null,
      },
      {
        action: 'cancel',
        from: 'pending_therapist',
        to: 'cancelled',
        at: at(now),
        actor: { type: 'staff', id: adminId, displayName: 'Shop Admin' },
        detail: null,
      },
    ]);
    const seqs = events.map((event: any) => event.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(5);
    const stored = await t.testDb.database.db
      .selectFrom('transaction_events')
      .select('id')
      .where('transaction_id', '=', ticket.id)
      .orderBy('id')
      .execute();
    expect(seqs).toEqual(stored.map((row) => row.id));
  });

  it('concurrent creates of one name: exactly one wins, the rest get 400 naming the field, never a 500', async () => {
    const attempts = 8;
    const cases: [path: string, body: (i: number) => unknown, field: string][] = [
      ['/api/admin/rooms', () => ({ name: 'Race Room' }), 'name'],
      ['/api/admin/categories', () => ({ name: 'Race Category' }), 'name'],
      [
        '/api/admin/staff',
        (i) => ({ role: 'monitor', username: 'racer', displayName: `Racer ${i}`, password: 'password123' }),
        'username',
      ],
    ];
    for (const [path, body, field] of cases) {
      const answers = await Promise.all(Array.from({ length: attempts }, (_, i) => post(path, body(i))));
      const statuses = answers.map((answer) => answer.status).sort();
      expect({ path, statuses }).toEqual({ path, statuses: [201, ...Array<number>(attempts - 1).fill(400)] });
      for (const refused of answers.filter((answer) => answer.status === 400)) {
        expect(refused.body.error).toMatchObject({
          code: 'validation_failed',
          issues: [{ path: `body.${field}`, message: 'taken' }],
        });
      }
    }
    expect((await rooms()).filter((r) => r.name === 'Race Room')).toHaveLength(1);
    expect((await categories()).filter((c) => c.name === 'Race Category')).toHaveLength(1);
    expect((await staff()).filter((m) => m.username === 'racer')).toHaveLength(1);
  });
});
