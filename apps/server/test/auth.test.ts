import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPeerNode, startTestApp, type TestApp } from './support/app.js';
import { testEngines } from './support/databases.js';

describe.each(testEngines())('staff auth on %s', (engine) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(engine);
  });
  afterAll(async () => t?.close());

  /** Everything auth may write, so a refused request can be shown to have changed nothing. */
  async function authState() {
    const db = t.testDb.database.db;
    return {
      sessions: await db.selectFrom('sessions').selectAll().orderBy('id').execute(),
      accounts: await db.selectFrom('accounts').selectAll().orderBy('id').execute(),
    };
  }

  it('signs in with the demo password and answers the user and a 24-hour token', async () => {
    const response = await t.api.post('/api/auth/login', { username: 'therapist1', password: 'password123' });
    expect(response.status).toBe(200);
    expect(response.body.token).toMatch(/^sfs_[A-Za-z0-9_-]{43}$/);
    expect(Date.parse(response.body.expiresAt)).toBe(t.clock.now() + 24 * 60 * 60 * 1000);
    expect(response.body.user).toEqual({
      id: expect.any(Number),
      username: 'therapist1',
      displayName: 'Maria Santos',
      role: 'therapist',
    });

    const me = await t.api.get('/api/auth/me', response.body.token);
    expect(me.status).toBe(200);
    expect(me.body).toEqual({ user: response.body.user });
  });

  it('stores only the SHA-256 of the token, never the token', async () => {
    const token = await t.api.login('cashier1');
    const { sessions } = await authState();
    const hashes = sessions.map((session) => session.token_hash);
    expect(hashes.every((hash) => /^[0-9a-f]{64}$/.test(hash))).toBe(true);
    expect(JSON.stringify(sessions)).not.toContain(token.slice(4));
  });

  it('logout revokes the token at once', async () => {
    const token = await t.api.login('cashier2');
    const logout = await t.api.post('/api/auth/logout', undefined, token);
    expect(logout.status).toBe(204);
    const me = await t.api.get('/api/auth/me', token);
    expect(me.status).toBe(401);
    expect(me.body.error.code).toBe('unauthenticated');
    expect((await t.api.post('/api/auth/logout', undefined, token)).status).toBe(401);
  });

  it('a token stops working 24 hours after sign-in', async () => {
    const token = await t.api.login('monitor1');
    t.clock.advance(24 * 60 * 60 * 1000 - 1);
    expect((await t.api.get('/api/auth/me', token)).status).toBe(200);
    t.clock.advance(1);
    const me = await t.api.get('/api/auth/me', token);
    expect(me.status).toBe(401);
    expect(me.body.error.code).toBe('unauthenticated');
  });

  it('refuses a wrong password, an unknown user and a deactivated account alike, writing nothing', async () => {
    await t.testDb.database.db
      .updateTable('accounts')
      .set({ active: 0 })
      .where('username', '=', 'therapist4')
      .execute();
    const before = await authState();
    for (const body of [
      { username: 'therapist2', password: 'wrong-password' },
      { username: 'nobody-here', password: 'password123' },
      { username: 'therapist4', password: 'password123' },
    ]) {
      const response = await t.api.post('/api/auth/login', body);
      expect(response.status).toBe(401);
      expect(response.body.error.code).toBe('unauthenticated');
    }
    expect(await authState()).toEqual(before);
  });

  it('deactivating an account ends its existing sessions', async () => {
    const token = await t.api.login('therapist3');
    await t.testDb.database.db
      .updateTable('accounts')
      .set({ active: 0 })
      .where('username', '=', 'therapist3')
      .execute();
    expect((await t.api.get('/api/auth/me', token)).status).toBe(401);
  });

  it('answers 401 for a missing, malformed or unknown token', async () => {
    for (const headers of [
      {} as Record<string, string>,
      { authorization: 'Basic abc' },
      { authorization: 'Bearer sfs_not-a-real-token' },
      { authorization: 'Bearer' },
    ]) {
      const response = await t.api.request('GET', '/api/auth/me', { headers });
      expect(response.status).toBe(401);
      expect(response.body.error.code).toBe('unauthenticated');
    }
  });

  it('refuses bad input with validation_failed and writes nothing', async () => {
    const before = await authState();
    const cases: { rawBody: string; headers?: Record<string, string> }[] = [
      { rawBody: '{"username": "admin", "password": ' },
      { rawBody: '{}' },
      { rawBody: JSON.stringify({ username: 'admin' }) },
      { rawBody: JSON.stringify({ username: 42, password: 'password123' }) },
      { rawBody: JSON.stringify({ username: 'admin', password: ['password123'] }) },
      { rawBody: JSON.stringify({ username: 'a'.repeat(65), password: 'password123' }) },
      { rawBody: JSON.stringify({ username: 'admin', password: 'p'.repeat(201) }) },
      { rawBody: JSON.stringify({ username: 'admin', password: 'password123', role: 'admin' }) },
      { rawBody: '[]' },
      { rawBody: 'username=admin', headers: { 'content-type': 'text/plain' } },
    ];
    for (const { rawBody, headers } of cases) {
      const response = await t.api.request('POST', '/api/auth/login', { rawBody, ...(headers ? { headers } : {}) });
      expect(response.status, rawBody).toBe(400);
      expect(response.body.error.code, rawBody).toBe('validation_failed');
      expect(response.body.error.message, rawBody).toEqual(expect.any(String));
    }
    expect(await authState()).toEqual(before);
  });

  it('names each bad field', async () => {
    const response = await t.api.post('/api/auth/login', { username: 7 });
    expect(response.body.error.issues).toEqual([
      { path: 'body.username', message: expect.any(String) },
      { path: 'body.password', message: expect.any(String) },
    ]);
  });

  it('refuses a body over 64 KiB with 413 payload_too_large', async () => {
    const response = await t.api.post('/api/auth/login', { username: 'admin', password: 'x'.repeat(70 * 1024) });
    expect(response.status).toBe(413);
    expect(response.body.error.code).toBe('payload_too_large');
  });

  it('checks authentication before input: no token and a bad body is 401, not 400', async () => {
    const response = await t.api.request('POST', '/api/auth/logout', { rawBody: '{not json' });
    expect(response.status).toBe(401);
  });
});

describe('login failure limit (sqlite)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp('sqlite');
  });
  afterAll(async () => t?.close());

  it('after 5 failures for one user from one address, even the right password gets 429 for 15 minutes', async () => {
    for (let attempt = 0; attempt < 5; attempt++) {
      expect((await t.api.post('/api/auth/login', { username: 'cashier3', password: 'guess' + attempt })).status).toBe(
        401,
      );
    }
    const blocked = await t.api.post('/api/auth/login', { username: 'cashier3', password: 'password123' });
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe('rate_limited');

    // Another user from the same address is not affected; successes never count.
    for (let attempt = 0; attempt < 6; attempt++) await t.api.login('cashier4');

    t.clock.advance(15 * 60 * 1000 + 1);
    expect((await t.api.post('/api/auth/login', { username: 'cashier3', password: 'password123' })).status).toBe(200);
  });
});

describe('login attempts per address (sqlite)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp('sqlite');
  });
  afterAll(async () => t?.close());

  it('an address gets at most 100 login attempts a minute', async () => {
    const statuses = await Promise.all(
      Array.from({ length: 105 }, (_, index) =>
        t.api.post('/api/auth/login', { username: `guess${index}`, password: 'x' }).then((response) => response.status),
      ),
    );
    expect(statuses.filter((status) => status === 401)).toHaveLength(100);
    expect(statuses.filter((status) => status === 429)).toHaveLength(5);
  });
});

describe.each(testEngines())('login failures counted for the whole shop on %s', (engine) => {
  let t: TestApp;
  let peer: Awaited<ReturnType<typeof startPeerNode>>;

  beforeAll(async () => {
    t = await startTestApp(engine);
    peer = await startPeerNode(t);
  });
  afterAll(async () => {
    await peer?.close();
    await t?.close();
  });

  it('5 failures spread over two app nodes block the sixth on either, until the window passes', async () => {
    const attempt = (node: 'a' | 'b', username: string, password: string) =>
      (node === 'a' ? t.api : peer.api).post('/api/auth/login', { username, password });
    const nodes = ['a', 'b', 'a', 'b', 'a'] as const;
    for (const node of nodes) expect((await attempt(node, 'Cashier1', 'guess')).status).toBe(401);
    // Spelled either way it is the same person; both nodes now refuse even the right password.
    expect((await attempt('b', 'cashier1', 'password123')).status).toBe(429);
    expect((await attempt('a', 'CASHIER1', 'password123')).status).toBe(429);
    expect((await attempt('b', 'cashier2', 'password123')).status).toBe(200);

    const failures = () =>
      t.testDb.database.db
        .selectFrom('login_failures')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
        .then((row) => Number(row.n));
    expect(await failures()).toBe(5);
    t.clock.advance(15 * 60 * 1000 + 1);
    expect((await attempt('b', 'cashier1', 'password123')).status).toBe(200);
    // Housekeeping forgets what no longer counts.
    expect(await t.app.services.auth.sweepLoginFailures()).toBe(5);
    expect(await failures()).toBe(0);
  });
});

describe('login limits behind a trusted reverse proxy (sqlite)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp('sqlite', { config: { trustProxy: ['127.0.0.1'] } });
  });
  afterAll(async () => t?.close());

  it('counts failures per device named by X-Forwarded-For, not per proxy', async () => {
    const attempt = (device: string, password: string) =>
      t.api.request('POST', '/api/auth/login', {
        body: { username: 'cashier2', password },
        headers: { 'x-forwarded-for': device },
      });
    for (let failure = 0; failure < 5; failure++) expect((await attempt('10.0.0.7', 'guess')).status).toBe(401);
    expect((await attempt('10.0.0.7', 'password123')).status).toBe(429);
    // The cashier at another device behind the same proxy still signs in.
    expect((await attempt('10.0.0.8', 'password123')).status).toBe(200);
  });
});
