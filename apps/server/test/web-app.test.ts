import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app.js';

/** A stand-in for the built web app: its shell says which file answered. */
const SHELL = '<!doctype html><title>SpaFlow</title><div id="root"></div>';

describe('the web app at its addresses', () => {
  let t: TestApp;
  let dist: string;

  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), 'spaflow-web-'));
    writeFileSync(join(dist, 'index.html'), SHELL);
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'assets', 'app.js'), 'console.log(1)');
    t = await startTestApp('sqlite', { config: { webDistDir: dist } });
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('serves the app shell at every screen, the public board and the ticket on a phone included', async () => {
    for (const path of ['/', '/kiosk', '/therapist', '/cashier', '/monitor', '/admin', '/board', '/t/ABCD2345']) {
      const response = await t.api.get(path);
      expect([path, response.status, response.headers.get('content-type')]).toEqual([
        path,
        200,
        'text/html; charset=utf-8',
      ]);
      expect(response.body).toBe(SHELL);
    }
  });

  it('answers a mistyped page address with the app (its own not-found page) and status 404', async () => {
    for (const path of ['/nope', '/kiosk/xyz', '/board/extra', '/t', '/therapist/1/2?x=1']) {
      const response = await t.api.get(path);
      expect([path, response.status, response.body]).toEqual([path, 404, SHELL]);
      expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    }
  });

  it('keeps the JSON 404 for the API, files and anything that is not a page', async () => {
    for (const [method, path] of [
      ['GET', '/api/nope'],
      ['GET', '/api'],
      ['GET', '/assets/missing.js'],
      ['GET', '/favicon-missing.png'],
      ['POST', '/nope'],
      ['DELETE', '/kiosk/xyz'],
      ['GET', '/socket.io-missing'],
    ] as const) {
      const response = await t.api.request(method, path);
      expect([method, path, response.status, response.body.error?.code]).toEqual([method, path, 404, 'not_found']);
    }
    expect((await t.api.get('/assets/app.js')).status).toBe(200);
  });
});
