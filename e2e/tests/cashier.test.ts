import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAmount, tenderSuggestions } from '../../apps/web/src/screens/cashier/money-input.js';
import { chromiumPath, launchBrowser, openStation, screenshot, type StationPage } from '../support/browser.js';
import { startServer, type RunningServer } from '../support/server.js';

type Txn = {
  id: number;
  code: string;
  status: string;
  version: number;
  totalAmount: number;
  amountPaid: number;
  balance: number;
};
type Payment = {
  method: string;
  amount: number;
  tendered: number | null;
  change: number | null;
  reference: string | null;
};
type Catalog = {
  categories: { services: { name: string; classifications: { id: number; name: string; price: number }[] }[] }[];
};

const TABLET = { width: 1024, height: 768 };

/** Pesos as the screen writes them, without the currency sign: 25050 → "250.50". */
const pesos = (minor: number) =>
  new Intl.NumberFormat('en-PH', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(minor / 100);

describe.skipIf(!chromiumPath)('the cashier station', () => {
  let server: RunningServer;
  let browser: Browser;
  let station: StationPage;
  let page: Page;
  const tokens = new Map<string, string>();

  async function api<T>(method: string, path: string, token?: string, body?: unknown): Promise<T> {
    const response = await fetch(`${server.baseUrl}/api${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? null : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  async function login(username: string): Promise<string> {
    const known = tokens.get(username);
    if (known) return known;
    const { token } = await api<{ token: string }>('POST', '/auth/login', undefined, {
      username,
      password: 'password123',
    });
    tokens.set(username, token);
    return token;
  }

  async function classification(service: string, tier: string): Promise<{ id: number; price: number }> {
    const catalog = await api<Catalog>('GET', '/catalog');
    for (const category of catalog.categories)
      for (const entry of category.services)
        if (entry.name === service) {
          const found = entry.classifications.find((candidate) => candidate.name === tier);
          if (found) return found;
        }
    throw new Error(`no ${service} ${tier} on the menu`);
  }

  /** A customer who picked services at the kiosk and was served by `therapist`: now waiting to pay. */
  async function customerAwaitingPayment(therapist: string, items: { id: number }[]): Promise<Txn> {
    const created = await api<{ transaction: Txn; customerToken: string }>('POST', '/transactions', undefined, {
      items: items.map((item) => ({ classificationId: item.id })),
    });
    const id = created.transaction.id;
    await api('POST', `/transactions/${id}/confirm`, created.customerToken);
    const staff = await login(therapist);
    const claimed = await api<{ transaction: Txn | null }>('POST', '/therapist/claim-next', staff, {});
    expect(claimed.transaction?.id).toBe(id);
    await api('POST', `/transactions/${id}/start`, staff);
    const finished = await api<{ transaction: Txn }>('POST', `/transactions/${id}/finish`, staff);
    expect(finished.transaction.status).toBe('awaiting_payment');
    return finished.transaction;
  }

  const queueItem = (code: string) => page.locator(`[data-testid="queue-item"][data-code="${code}"]`);

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    station = await openStation(browser, `${server.baseUrl}/cashier`, TABLET);
    page = station.page;
    page.setDefaultTimeout(10_000);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  let first: Txn;
  let cardPart: number;

  it('signs in as cashier1 and sees a finished customer join the payment queue live', async () => {
    await page.getByLabel('Username').fill('cashier1');
    await page.getByRole('textbox', { name: 'Password' }).fill('password123');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('No one is waiting to pay.').waitFor();
    await expect.poll(() => page.getByTestId('connection').textContent()).toBe('Live');

    const swedish = await classification('Swedish', '90 minutes');
    const foot = await classification('Foot Massage', '60 minutes');
    first = await customerAwaitingPayment('therapist1', [swedish, foot]);
    expect(first.totalAmount).toBe(swedish.price + foot.price);

    // No reload: the socket brings it.
    await queueItem(first.code).waitFor();
    await expect.poll(() => queueItem(first.code).textContent()).toContain(pesos(first.totalAmount));
    await expect.poll(() => page.getByTestId('queue-count').getAttribute('aria-label')).toBe('1 customer');
    await screenshot(page, 'cashier-queue');
    expect(station.problems).toEqual([]);
  });

  it('claims the next customer and takes part of the bill by card', async () => {
    await page.getByTestId('claim-next').click();
    await page.getByRole('heading', { name: `Ticket ${first.code}` }).waitFor();
    await expect.poll(() => queueItem(first.code).count()).toBe(0);
    await expect.poll(() => page.getByTestId('bill-balance').textContent()).toContain(pesos(first.totalAmount));
    await screenshot(page, 'cashier-payment-form');

    // ₱1,000.50 typed the way a person writes it: exactly 100050 centavos must reach the server.
    cardPart = 100_050;
    await page.getByText('Card', { exact: true }).click();
    await page.getByLabel('Amount to pay').fill('1,000.50');
    await page.getByLabel('Card approval code').fill('APPR-7781');
    await screenshot(page, 'cashier-card-part');
    await page.getByRole('button', { name: `Charge ₱${pesos(cardPart)} to card` }).click();
    await expect
      .poll(() => page.getByTestId('bill-balance').textContent())
      .toContain(pesos(first.totalAmount - cardPart));
    await expect.poll(() => page.getByTestId('bill-paid').textContent()).toContain(pesos(cardPart));
    await page.getByTestId('payment-taken').first().waitFor();

    // A reload mid-split still shows what was paid how (read from the server, not kept by the page).
    await page.reload();
    await page.getByTestId('payment-taken').first().waitFor();
    expect(await page.getByTestId('payment-taken').allTextContents()).toEqual([expect.stringContaining('APPR-7781')]);
  });

  it('refuses a short cash amount with the server’s message and changes nothing', async () => {
    const cashier = await login('cashier1');
    const before = (await api<{ transaction: Txn }>('GET', `/transactions/${first.id}`, cashier)).transaction;
    const due = first.totalAmount - cardPart;
    expect(before).toMatchObject({ status: 'paying', amountPaid: cardPart, balance: due });

    await page.getByText('Cash', { exact: true }).click();
    // The amount to pay defaults to the whole balance.
    expect(await page.getByLabel('Amount to pay').inputValue()).toBe((due / 100).toFixed(2));
    await page.getByLabel('Cash received').fill('700');
    await expect.poll(() => page.getByTestId('change').textContent()).toContain('Short by');
    await page.getByRole('button', { name: `Take ₱${pesos(due)} in cash` }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'The cash handed over is less than the amount to apply.' });
    await alert.waitFor();
    // The refusal itself is the only console line it leaves (Chromium logs every 4xx response).
    expect(station.problems).toEqual([
      'console: Failed to load resource: the server responded with a status of 400 (Bad Request)',
    ]);
    station.problems.length = 0;
    await screenshot(page, 'cashier-short-cash');

    const after = (await api<{ transaction: Txn }>('GET', `/transactions/${first.id}`, cashier)).transaction;
    expect(after.version).toBe(before.version);
    expect(after).toMatchObject({ status: 'paying', amountPaid: cardPart, balance: due });
    await expect.poll(() => page.getByTestId('bill-balance').textContent()).toContain(pesos(due));
  });

  it('takes the rest in cash with more handed over, shows the change and the receipt', async () => {
    const due = first.totalAmount - cardPart;
    await page.getByLabel('Cash received').fill('1,000');
    const change = 100_000 - due;
    await expect.poll(() => page.getByTestId('change').textContent()).toContain(pesos(change));
    await expect.poll(() => page.getByTestId('change').textContent()).toContain('Change to give');
    await screenshot(page, 'cashier-split-payment');

    await page.getByRole('button', { name: `Take ₱${pesos(due)} in cash` }).click();
    await page.getByTestId('receipt-number').waitFor();
    await expect.poll(() => page.getByTestId('receipt-payment').count()).toBe(2);
    await expect.poll(() => page.getByTestId('receipt-change').textContent()).toContain(pesos(change));
    await expect.poll(() => page.getByTestId('receipt-total').textContent()).toContain(pesos(first.totalAmount));
    await page
      .getByText(`Give back ₱${pesos(change)} change`)
      .first()
      .waitFor();
    await screenshot(page, 'cashier-receipt');
    await page.emulateMedia({ media: 'print' });
    // On paper: the receipt alone.
    expect(await page.getByTestId('receipt-number').isVisible()).toBe(true);
    expect(await page.getByTestId('receipt-total').isVisible()).toBe(true);
    expect(await page.getByTestId('claim-next').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Next customer' }).isVisible()).toBe(false);
    await screenshot(page, 'cashier-receipt-print');
    await page.emulateMedia({ media: 'screen' });

    const cashier = await login('cashier1');
    const paid = (await api<{ transaction: Txn }>('GET', `/transactions/${first.id}`, cashier)).transaction;
    expect(paid).toMatchObject({ status: 'paid', amountPaid: first.totalAmount, balance: 0 });
    const receipt = await api<{ payments: Payment[]; totalChange: number }>(
      'GET',
      `/transactions/${first.id}/receipt`,
      cashier,
    );
    expect(receipt.payments).toHaveLength(2);
    expect(receipt.payments[0]).toMatchObject({
      method: 'card',
      amount: cardPart,
      tendered: null,
      reference: 'APPR-7781',
    });
    expect(receipt.payments[1]).toMatchObject({ method: 'cash', amount: due, tendered: 100_000, change });
    expect(receipt.totalChange).toBe(change);
  });

  it('drops a customer from the queue live when another cashier claims them', async () => {
    const shiatsu = await classification('Shiatsu', '60 minutes');
    const second = await customerAwaitingPayment('therapist2', [shiatsu]);
    await queueItem(second.code).waitFor();

    const other = await login('cashier2');
    const claimed = await api<{ transaction: Txn | null }>('POST', '/cashier/claim-next', other);
    expect(claimed.transaction?.id).toBe(second.id);
    await expect.poll(() => queueItem(second.code).count()).toBe(0);
    await page.getByText('No one is waiting to pay.').waitFor();

    await page.getByRole('button', { name: 'Back to the queue' }).click();
    await page.getByText('No customer at your counter').waitFor();
    // Claim next with nobody waiting says so plainly.
    await page.getByTestId('claim-next').click();
    await page.getByText('No one is waiting to pay.').nth(1).waitFor();
  });

  it('keeps the held customer across a reload and releases them back to the queue after confirming', async () => {
    const cupping = await classification('Cupping', '60 minutes');
    const third = await customerAwaitingPayment('therapist3', [cupping]);
    await queueItem(third.code).waitFor();
    await page.getByTestId('claim-next').click();
    await page.getByRole('heading', { name: `Ticket ${third.code}` }).waitFor();

    // The station picks up where it was: the held customer comes from /api/cashier/current.
    await page.reload();
    await page.getByRole('heading', { name: `Ticket ${third.code}` }).waitFor();
    await expect.poll(() => page.getByTestId('bill-balance').textContent()).toContain(pesos(third.totalAmount));

    await page.getByRole('button', { name: 'Release to queue' }).click();
    const dialog = page.getByRole('dialog', { name: `Release ticket ${third.code}?` });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const cashier = await login('cashier1');
    expect((await api<{ transaction: Txn }>('GET', `/transactions/${third.id}`, cashier)).transaction.status).toBe(
      'paying',
    );

    await page.getByRole('button', { name: 'Release to queue' }).click();
    await dialog.getByRole('button', { name: 'Release', exact: true }).click();
    await queueItem(third.code).waitFor();
    await page.getByText('No customer at your counter').waitFor();
    expect((await api<{ transaction: Txn }>('GET', `/transactions/${third.id}`, cashier)).transaction).toMatchObject({
      status: 'awaiting_payment',
      cashier: null,
    });
  });

  it('retries a failed payment with the same Idempotency-Key, and ends on the receipt when only the answer was lost', async () => {
    const cashier = await login('cashier1');
    await page.getByTestId('claim-next').click();
    const third = (await api<{ transaction: Txn | null }>('GET', '/cashier/current', cashier)).transaction!;
    await page.getByRole('heading', { name: `Ticket ${third.code}` }).waitFor();

    // First attempt: the connection drops before the request reaches the server.
    // Second attempt (the same one, retried): it reaches the server, but the answer is lost on the way back.
    const keys: string[] = [];
    await page.route('**/api/transactions/*/payments', async (route) => {
      keys.push(route.request().headers()['idempotency-key'] ?? '');
      if (keys.length === 1) return route.abort('connectionreset');
      await route.fetch();
      return route.abort('connectionreset');
    });
    await page.getByText('E-wallet', { exact: true }).click();
    await page.getByLabel('E-wallet reference number').fill('GC-5521');
    const pay = page.getByRole('button', { name: `Take ₱${pesos(third.totalAmount)} by e-wallet` });
    await pay.click();
    await page.getByRole('alert').filter({ hasText: 'The server cannot be reached' }).waitFor();
    expect((await api<{ transaction: Txn }>('GET', `/transactions/${third.id}`, cashier)).transaction).toMatchObject({
      status: 'paying',
      amountPaid: 0,
    });

    await pay.click();
    // The socket says it is paid: the screen goes on to the receipt without the lost answer.
    await page.getByTestId('receipt-number').waitFor();
    await page.unroute('**/api/transactions/*/payments');
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(keys[1]).toBe(keys[0]);
    const receipt = await api<{ payments: Payment[] }>('GET', `/transactions/${third.id}/receipt`, cashier);
    expect(receipt.payments).toEqual([
      expect.objectContaining({ method: 'ewallet', amount: third.totalAmount, reference: 'GC-5521', tendered: null }),
    ]);
    // The two dropped connections are the only console lines.
    expect(station.problems).toEqual([
      'console: Failed to load resource: net::ERR_CONNECTION_RESET',
      'console: Failed to load resource: net::ERR_CONNECTION_RESET',
    ]);
    station.problems.length = 0;
    await page.getByRole('button', { name: 'Back to the queue' }).click();
  });

  it('lists today’s customers in the history', async () => {
    await page.getByRole('button', { name: 'Today’s history' }).click();
    const row = page.getByTestId('history-row').filter({ hasText: first.code });
    await row.waitFor();
    expect(await row.textContent()).toContain(pesos(first.totalAmount));
    await expect.poll(() => page.getByTestId('history-summary').textContent()).toContain('2 paid');
    await page.waitForTimeout(500); // the drawer's slide-in, for the picture only
    await screenshot(page, 'cashier-history');
    expect(station.problems).toEqual([]);
  });
});

describe('amounts typed in pesos at the cashier', () => {
  // How typing becomes exact centavos is the domain's (packages/domain/test/money.test.ts); these are the
  // cashier's own rules on top of it.
  it('takes what a payment may be, and refuses zero, too much, and what is not an amount', () => {
    expect(parseAmount('1,250.50', 2)).toEqual({ ok: true, value: 125_050 });
    expect(parseAmount('₱ 1,000', 2)).toEqual({ ok: true, value: 100_000 });
    const refused: [string, string][] = [
      ['', 'empty'],
      ['12,50', 'invalid'],
      ['1.234', 'decimals'],
      ['0', 'zero'],
      ['0.00', 'zero'],
      ['10,000,000.01', 'tooLarge'],
      ['9999999999999', 'tooLarge'],
    ];
    for (const [typed, error] of refused) expect(parseAmount(typed, 2), typed).toEqual({ ok: false, error });
  });

  it('suggests the notes a customer hands over', () => {
    expect(tenderSuggestions(74_950, 2)).toEqual([80_000, 100_000, 200_000]);
    expect(tenderSuggestions(175_000, 2)).toEqual([180_000, 200_000, 300_000]);
    expect(tenderSuggestions(30_000, 2)).toEqual([50_000, 100_000, 200_000]);
  });
});
