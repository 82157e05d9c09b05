import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, launchBrowser, screenshot } from '../support/browser.js';
import { readQrCode } from '../support/qr.js';
import { axeFindings, layoutProblems, smallTargets, untranslatedText, usePseudoLanguage } from '../support/quality.js';
import { startServer, type RunningServer } from '../support/server.js';

type Txn = { id: number; code: string | null; status: string; balance: number; room: { name: string } | null };

const PHONE = { width: 390, height: 844 };
const OTHER_SIZES = [
  { width: 768, height: 1024 },
  { width: 1024, height: 768 },
  { width: 1920, height: 1080 },
];

describe.skipIf(!chromiumPath)("the ticket on the customer's phone", () => {
  let server: RunningServer;
  let browser: Browser;
  const tokens = new Map<string, string>();
  let classificationId = 0;

  async function api<T>(method: string, path: string, as?: string, body?: unknown, headers = {}): Promise<T> {
    let token = as && !as.includes('.') && as.length < 20 ? tokens.get(as) : as;
    if (as && !token) {
      const login = await fetch(`${server.baseUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: as, password: 'password123' }),
      });
      token = ((await login.json()) as { token: string }).token;
      tokens.set(as, token);
    }
    const response = await fetch(`${server.baseUrl}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? null : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return JSON.parse(text) as T;
  }

  /** A customer confirmed at a kiosk (through the API) and their hand-off code. */
  async function confirmedWithHandoff(): Promise<{ transaction: Txn; handoffCode: string }> {
    const created = await api<{ transaction: Txn; customerToken: string }>('POST', '/api/transactions', undefined, {
      items: [{ classificationId }],
    });
    const token = created.customerToken;
    const { transaction } = await api<{ transaction: Txn }>(
      'POST',
      `/api/transactions/${created.transaction.id}/confirm`,
      token,
    );
    const { handoffCode } = await api<{ handoffCode: string }>(
      'POST',
      `/api/transactions/${transaction.id}/handoff`,
      token,
    );
    return { transaction, handoffCode };
  }

  async function openPhone(url: string) {
    const context = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    const urls: string[] = [];
    page.on('request', (request) => urls.push(request.url()));
    await page.goto(url);
    return { page, problems, urls, close: () => context.close() };
  }

  const status = (page: Page) => page.getByTestId('ticket-status').textContent();
  async function checkScreen(page: Page, name: string) {
    expect(await axeFindings(page), name).toEqual([]);
    expect(await layoutProblems(page), name).toEqual([]);
    expect(await smallTargets(page, { min: 44 }), name).toEqual([]);
    await screenshot(page, `phone-390x844-${name}`);
  }

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const catalog = await api<{ categories: { services: { classifications: { id: number }[] }[] }[] }>(
      'GET',
      '/api/catalog',
    );
    classificationId = catalog.categories[0]!.services[0]!.classifications[0]!.id;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('follows the whole visit from the kiosk QR: therapist, service, cashier, paid — live and through a reload', async () => {
    // At the kiosk.
    const kioskContext = await browser.newContext({ viewport: { width: 1024, height: 768 } });
    const kiosk = await kioskContext.newPage();
    await kiosk.goto(`${server.baseUrl}/kiosk`);
    await kiosk.getByRole('button', { name: 'Tap to start' }).click();
    await kiosk.getByRole('button', { name: /^Signature Massage/ }).click();
    await kiosk.getByRole('button', { name: /^Shiatsu/ }).click();
    await kiosk.getByRole('button', { name: /^60 minutes/ }).click();
    await kiosk.getByRole('button', { name: 'Confirm and get my ticket' }).click();
    await kiosk.getByTestId('handoff-code').waitFor();
    const code = await kiosk.getByTestId('ticket-code').textContent();
    const url = await readQrCode(kiosk.getByTestId('handoff-qr'));
    expect(url).toMatch(new RegExp(`^${server.baseUrl}/t/[2-9A-HJKMNP-TV-Z]{8}$`));
    const kioskTicket = await kiosk.evaluate(
      () => (JSON.parse(localStorage.getItem('spaflow.kiosk')!) as { ticket: { id: number; token: string } }).ticket,
    );

    // The phone scans it: the code is redeemed once, the address no longer holds it, the token is kept aside.
    const phone = await openPhone(url!);
    const { page } = phone;
    await page.waitForURL(`${server.baseUrl}/t/mine`);
    await expect.poll(() => status(page)).toContain('Waiting for a therapist');
    expect(await page.getByTestId('ticket-code').textContent()).toBe(code);
    expect(await page.getByTestId('queue-position').textContent()).toBe('You are next');
    expect(await page.getByTestId('estimated-wait').textContent()).not.toMatch(/\b0 min/);
    const phoneTicket = await page.evaluate(
      () => JSON.parse(localStorage.getItem('spaflow.phone')!) as { id: number; token: string },
    );
    expect(phoneTicket.id).toBe(kioskTicket.id);
    expect(phoneTicket.token).not.toBe(kioskTicket.token);
    expect(phone.urls.filter((address) => address.includes(phoneTicket.token))).toEqual([]);
    await checkScreen(page, 'waiting');
    // The used code is not in this tab's history either: one step back is where the phone came from.
    await page.goBack();
    expect(page.url()).toBe('about:blank');
    await page.goForward();
    await expect.poll(() => status(page)).toContain('Waiting for a therapist');

    // The kiosk is done with it and offers no way to cancel; the code cannot be used again.
    expect(await kiosk.getByRole('button', { name: /cancel/i }).count()).toBe(0);
    await kiosk.getByRole('button', { name: 'Done' }).click();
    await kiosk.getByRole('button', { name: 'Tap to start' }).waitFor();
    await kioskContext.close();
    const again = await fetch(`${server.baseUrl}/api/handoff/redeem`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ handoffCode: url!.split('/').pop() }),
    });
    expect(again.status).toBe(410);

    // The therapist claims: the phone says where to go, live.
    const claimed = await api<{ transaction: Txn }>(
      'POST',
      `/api/transactions/${phoneTicket.id}/claim`,
      'therapist1',
      {},
    );
    const room = claimed.transaction.room!.name;
    await expect.poll(() => status(page)).toContain(`please go to room ${room}`);
    expect(await page.getByRole('button', { name: 'Cancel my ticket' }).count()).toBe(0);
    await checkScreen(page, 'called');
    // …and after a reload it is the same ticket, still live.
    await page.reload();
    await expect.poll(() => status(page)).toContain(`please go to room ${room}`);
    expect(page.url()).toBe(`${server.baseUrl}/t/mine`);

    await api('POST', `/api/transactions/${phoneTicket.id}/start`, 'therapist1');
    await expect.poll(() => status(page)).toContain(`In service with Maria Santos in room ${room}`);
    await checkScreen(page, 'in-service');
    await api('POST', `/api/transactions/${phoneTicket.id}/finish`, 'therapist1');
    await expect.poll(() => status(page)).toContain('Please go to the cashier');
    const paying = await api<{ transaction: Txn }>('POST', '/api/cashier/claim-next', 'cashier1');
    expect(paying.transaction.id).toBe(phoneTicket.id);
    await expect.poll(() => status(page)).toContain('Please go to counter C1: Liza Mendoza is ready for you');
    await checkScreen(page, 'cashier');
    // Cash goes into the cashier's open drawer.
    await api('POST', '/api/cashier/drawer/open', 'cashier1', { openingFloat: 100_000 });
    await api(
      'POST',
      `/api/transactions/${phoneTicket.id}/payments`,
      'cashier1',
      { method: 'cash', amount: paying.transaction.balance, tendered: paying.transaction.balance },
      { 'idempotency-key': `pay-${phoneTicket.id}` },
    );
    await expect.poll(() => status(page)).toContain('Paid. Thank you for visiting');
    await checkScreen(page, 'paid');
    for (const viewport of OTHER_SIZES) {
      await page.setViewportSize(viewport);
      expect(await layoutProblems(page), `${viewport.width}×${viewport.height}`).toEqual([]);
      await screenshot(page, `phone-${viewport.width}x${viewport.height}-paid`);
    }
    expect(phone.problems).toEqual([]);
    await phone.close();
  });

  it('cancels only from the phone, with one request however often the button is tapped', async () => {
    const { transaction, handoffCode } = await confirmedWithHandoff();
    const phone = await openPhone(`${server.baseUrl}/t/${handoffCode.toLowerCase()}`);
    const { page } = phone;
    await page.waitForURL(`${server.baseUrl}/t/mine`);
    await page.getByRole('button', { name: 'Cancel my ticket' }).click();
    const dialog = page.getByRole('dialog', { name: 'Cancel this ticket?' });
    await dialog.waitFor();
    await page.waitForTimeout(400); // the dialog's opening transition
    expect(await axeFindings(page)).toEqual([]);
    await screenshot(page, 'phone-390x844-cancel');
    const cancels: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/cancel')) cancels.push(request.method());
    });
    await dialog.getByRole('button', { name: 'Yes, cancel my ticket' }).dblclick();
    await expect.poll(() => status(page)).toContain('This ticket was cancelled');
    expect(cancels).toEqual(['POST']);
    const staffView = await api<{ transaction: Txn & { cancelReason: string } }>(
      'GET',
      `/api/transactions/${transaction.id}`,
      'admin',
    );
    expect(staffView.transaction).toMatchObject({ status: 'cancelled', cancelReason: 'customer_request' });
    expect(phone.problems).toEqual([]);
    await phone.close();
  });

  it('says plainly when a code is used or unknown, and takes a typed code', async () => {
    const { handoffCode } = await confirmedWithHandoff();
    await api('POST', '/api/handoff/redeem', undefined, { handoffCode });
    const phone = await openPhone(`${server.baseUrl}/t/${handoffCode}`);
    const { page } = phone;
    await page.getByRole('alert').getByText('This code was already used').waitFor();
    await checkScreen(page, 'used');

    const second = await confirmedWithHandoff();
    await page
      .getByLabel('Code from the kiosk')
      .fill(`${second.handoffCode.slice(0, 4)} ${second.handoffCode.slice(4)}`);
    await page.getByRole('button', { name: 'Open my ticket' }).click();
    await page.waitForURL(`${server.baseUrl}/t/mine`);
    await expect.poll(() => page.getByTestId('ticket-code').textContent()).toBe(second.transaction.code);
    // Browsers log the refused redeem themselves; that 410 is the answer shown above.
    expect(phone.problems.filter((problem) => !problem.includes('status of 410'))).toEqual([]);
    await phone.close();
  });

  it('speaks Filipino, with every word through i18n', async () => {
    const { handoffCode } = await confirmedWithHandoff();
    const phone = await openPhone(`${server.baseUrl}/t/${handoffCode}`);
    const { page } = phone;
    await page.waitForURL(`${server.baseUrl}/t/mine`);
    await page.getByText('Filipino', { exact: true }).click();
    await expect.poll(() => status(page)).toContain('Maupo muna po');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fil');
    await checkScreen(page, 'waiting-fil');
    await usePseudoLanguage(page);
    await page.getByTestId('ticket-status').waitFor();
    expect(
      await untranslatedText(page, [/^SpaFlow Demo Spa$/, /^English$|^Filipino$/, /^(Swedish|60 minutes)$/, /^[●○]$/]),
    ).toEqual([]);
    expect(phone.problems).toEqual([]);
    await phone.close();
  });
});
