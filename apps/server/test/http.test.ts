import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app.js';

describe('HTTP surface', () => {
  let t: TestApp;
  let logs = '';

  beforeAll(async () => {
    const logStream = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        logs += chunk.toString();
        callback();
      },
    });
    t = await startTestApp('sqlite', { config: { logLevel: 'trace' }, logStream });
  });
  afterAll(async () => t?.close());

  it('answers unknown routes with 404 not_found in the error shape', async () => {
    const response = await t.api.get('/api/no-such-thing');
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ error: { code: 'not_found', message: 'There is no GET /api/no-such-thing.' } });
  });

  it('reports liveness and readiness', async () => {
    expect((await t.api.get('/healthz')).body).toEqual({ status: 'ok' });
    expect((await t.api.get('/readyz')).body).toEqual({ status: 'ready', database: 'sqlite' });
  });

  it('serves the OpenAPI description and its UI at /docs', async () => {
    const spec = await t.api.get('/docs/json');
    expect(spec.status).toBe(200);
    expect(Object.keys(spec.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/auth/login',
        '/api/auth/logout',
        '/api/auth/me',
        '/api/catalog/',
        '/api/board',
        '/api/transactions/{id}/recall',
        '/api/transactions/{id}/handoff',
        '/api/handoff/redeem',
        '/healthz',
        '/readyz',
      ]),
    );
    const ui = await t.api.get('/docs/');
    expect(ui.status).toBe(200);
    expect(ui.headers.get('content-type')).toContain('text/html');
  });

  it('sends security headers', async () => {
    const response = await t.api.get('/api/catalog');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(response.headers.get('strict-transport-security')).toContain('max-age=');
  });

  it('writes structured logs that never contain a token or a password', async () => {
    const password = 'password123';
    const login = await t.api.post('/api/auth/login', { username: 'admin', password });
    const token: string = login.body.token;
    await t.api.get('/api/auth/me', token);
    await t.api.post('/api/auth/login', { username: 'admin', password: 'not-the-password' });
    await t.api.post('/api/auth/logout', undefined, token);
    await t.api.get('/api/auth/me', token);

    const lines = logs
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.length).toBeGreaterThan(8);
    expect(lines.some((line) => line.msg === 'request completed')).toBe(true);
    expect(logs).not.toContain(token);
    expect(logs).not.toContain(token.slice(4, 20));
    expect(logs).not.toContain(password);
    expect(logs).not.toContain('not-the-password');
  });
});
