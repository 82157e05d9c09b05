import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, launchBrowser, openStation, screenshot } from '../support/browser.js';
import { axeFindings, untranslatedText, usePseudoLanguage } from '../support/quality.js';
import { startServer, type RunningServer } from '../support/server.js';

describe.skipIf(!chromiumPath)('the front door', () => {
  let server: RunningServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('lists every station and opens each one from its own address', async () => {
    const home = await openStation(browser, server.baseUrl);
    const cards = home.page.locator('a[href^="/"]');
    await cards.first().waitFor();
    expect(await cards.evaluateAll((links) => links.map((link) => link.getAttribute('href')))).toEqual([
      '/kiosk',
      '/therapist',
      '/cashier',
      '/monitor',
      '/admin',
    ]);
    await screenshot(home.page, 'home');
    await home.page.getByRole('link', { name: /Therapist/ }).click();
    await home.page.waitForURL(`${server.baseUrl}/therapist`);
    expect(home.problems).toEqual([]);
    await home.close();
  });

  it('speaks English or Filipino as this device chooses, accessibly, with every word through i18n', async () => {
    const home = await openStation(browser, server.baseUrl);
    const { page } = home;
    await page.getByRole('heading', { name: 'Kiosk' }).waitFor();
    expect(await axeFindings(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');

    await page.getByText('Filipino').click();
    await page.getByText('Kusang nag-a-update ang bawat screen', { exact: false }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fil');
    await page.reload();
    await page.getByRole('heading', { name: 'Monitor ng floor' }).waitFor();
    expect(await axeFindings(page)).toEqual([]);
    await screenshot(page, 'home-fil');

    await usePseudoLanguage(page);
    await page.getByRole('heading', { name: '⟦Kiosk⟧' }).waitFor();
    expect(await untranslatedText(page)).toEqual([]);
    expect(home.problems).toEqual([]);
    await home.close();
  });

  it('answers a station address with the app, and an unknown one with a 404', async () => {
    const station = await fetch(`${server.baseUrl}/cashier`);
    expect(station.status).toBe(200);
    expect(station.headers.get('content-type')).toMatch(/text\/html/);
    expect(station.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect((await fetch(`${server.baseUrl}/favicon.svg`)).status).toBe(200);
    // A mistyped page address gets the app, with 404; an unknown API address keeps the JSON error.
    const unknown = await fetch(`${server.baseUrl}/nowhere`);
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toMatch(/text\/html/);
    const unknownApi = await fetch(`${server.baseUrl}/api/nowhere`);
    expect(unknownApi.status).toBe(404);
    expect(await unknownApi.json()).toMatchObject({ error: { code: 'not_found' } });
    for (const path of ['/board', '/t/ABCD2345']) expect((await fetch(`${server.baseUrl}${path}`)).status).toBe(200);
  });

  it('shows its own not-found page, not raw JSON, at a mistyped address under a station', async () => {
    const page = await openStation(browser, `${server.baseUrl}/kiosk/xyz`);
    await page.page.getByRole('heading', { name: 'Page not found' }).waitFor();
    expect(await page.page.locator('body').textContent()).not.toContain('"error"');
    expect(await axeFindings(page.page)).toEqual([]);
    await screenshot(page.page, 'not-found');
    // The document's own 404 is the one failed load the browser reports.
    expect(page.problems.filter((problem) => !problem.includes('404'))).toEqual([]);
    await page.close();
  });
});
