import { businessDateOf, cashQuickAmounts } from '@spaflow/domain';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAmount } from '../../apps/web/src/screens/cashier/money-input.js';
import { chromiumPath, launchBrowser, openStation, screenshot, type StationPage } from '../support/browser.js';
import { axeFindings, layoutProblems, smallTargets, untranslatedText, usePseudoLanguage } from '../support/quality.js';
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
const PORTRAIT = { width: 768, height: 1024 };
/** Receipt rolls in CSS pixels (96 per inch): what the print stylesheet must fit without cutting a word. */
const ROLLS = [
  { name: '80mm', width: Math.floor((80 / 25.4) * 96) },
  { name: '58mm', width: Math.floor((58 / 25.4) * 96) },
];

/**
 * Text in the receipt that does not fit it under print media: an element wider than its own box, or
 * reaching outside the receipt, or the receipt outside the page.
 */
async function printClipping(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const receipt = document.querySelector<HTMLElement>('[data-testid="receipt"]');
    if (!receipt) return ['no receipt'];
    const outer = receipt.getBoundingClientRect();
    const found: string[] = [];
    if (outer.left < -1 || outer.right > document.documentElement.clientWidth + 1)
      found.push(
        `receipt ${Math.round(outer.left)}→${Math.round(outer.right)} on a ${document.documentElement.clientWidth}px page`,
      );
    for (const element of Array.from(receipt.querySelectorAll<HTMLElement>('*'))) {
      const text = Array.from(element.childNodes)
        .filter((node) => node.nodeType === Node.TEXT_NODE)
        .map((node) => node.textContent ?? '')
        .join('')
        .trim();
      if (!text) continue;
      const box = element.getBoundingClientRect();
      if (element.scrollWidth > element.clientWidth + 1 && getComputedStyle(element).display !== 'inline')
        found.push(`"${text}" needs ${element.scrollWidth}px in ${element.clientWidth}px`);
      if (box.left < outer.left - 1 || box.right > outer.right + 1)
        found.push(
          `"${text}" at ${Math.round(box.left)}→${Math.round(box.right)} outside ${Math.round(outer.left)}→${Math.round(outer.right)}`,
        );
    }
    return found;
  });
}

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
    const finished = await api<{ transaction: Txn & { room: { id: number } } }>(
      'POST',
      `/transactions/${id}/finish`,
      staff,
    );
    expect(finished.transaction.status).toBe('awaiting_payment');
    // The room cleaned at once, so the next customer of this run finds one.
    await api('POST', `/rooms/${finished.transaction.room.id}/ready`, staff);
    return finished.transaction;
  }

  const queueItem = (code: string) => page.locator(`[data-testid="queue-item"][data-code="${code}"]`);

  /** Transitions finished (a modal fading in is not yet what a person reads). */
  const settled = () =>
    page.waitForFunction(() => document.getAnimations().every((animation) => animation.playState !== 'running'));

  /** Data-changing requests this page has sent, by method and path (counted for the double-tap checks). */
  const sent: string[] = [];
  const sentTo = (suffix: RegExp) => sent.filter((request) => suffix.test(request)).length;

  /**
   * The state on screen is fit for a tablet, in landscape and portrait: axe-core finds nothing, every control
   * in the station is at least 48 px tall, exactly one filled (primary) button and it is at least 60 px,
   * nothing is cut off. Leaves a screenshot of both orientations.
   */
  async function expectTabletReady(state: string) {
    for (const viewport of [TABLET, PORTRAIT]) {
      await page.setViewportSize(viewport);
      // The pointer off the controls: a hovered button is not what the next person sees.
      await page.mouse.move(0, 0);
      await settled();
      const where = `${state} at ${viewport.width}×${viewport.height}`;
      expect(await axeFindings(page), where).toEqual([]);
      expect(await smallTargets(page, { min: 48, within: '.mantine-AppShell-main' }), where).toEqual([]);
      // Mantine marks a button's variant only when one is given; a button without one is filled.
      const primaries = page.locator(
        '.mantine-AppShell-main :is(button.mantine-Button-root:not([data-variant]), button[data-variant="filled"]):visible',
      );
      expect(await primaries.count(), where).toBe(1);
      expect((await primaries.boundingBox())!.height, where).toBeGreaterThanOrEqual(60);
      expect(await layoutProblems(page), where).toEqual([]);
      await screenshot(page, `cashier-${state}-${viewport.width}x${viewport.height}`);
    }
    await page.setViewportSize(TABLET);
  }

  /** A dialog on the station: accessible, its controls at least 48 px, nothing cut off; both orientations. */
  async function expectTabletModal(state: string) {
    for (const viewport of [TABLET, PORTRAIT]) {
      await page.setViewportSize(viewport);
      await page.mouse.move(0, 0);
      await settled();
      const where = `${state} at ${viewport.width}×${viewport.height}`;
      expect(await axeFindings(page), where).toEqual([]);
      expect(await smallTargets(page, { min: 48, within: '.mantine-Modal-content' }), where).toEqual([]);
      expect(await layoutProblems(page), where).toEqual([]);
      await screenshot(page, `cashier-${state}-${viewport.width}x${viewport.height}`);
    }
    await page.setViewportSize(TABLET);
  }

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    station = await openStation(browser, `${server.baseUrl}/cashier`, TABLET);
    page = station.page;
    page.setDefaultTimeout(10_000);
    page.on('request', (request) => {
      if (request.method() !== 'GET') sent.push(`${request.method()} ${new URL(request.url()).pathname}`);
    });
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
    expect(await page.getByTestId('claim-next').textContent()).toBe('Claim next');
    await expectTabletReady('queue');
    expect(station.problems).toEqual([]);
  });

  it('claims the next customer once on a double tap, and takes part of the bill by card', async () => {
    await page.getByTestId('claim-next').dblclick();
    await page.getByRole('heading', { name: `Ticket ${first.code}` }).waitFor();
    await expect.poll(() => queueItem(first.code).count()).toBe(0);
    expect(sentTo(/ \/api\/cashier\/claim-next$/)).toBe(1);
    // No false "already holding a customer" from a second claim.
    expect(await page.locator('.mantine-Notification-root').count()).toBe(0);
    await expect.poll(() => page.getByTestId('bill-balance').textContent()).toContain(pesos(first.totalAmount));
    await expectTabletReady('payment-form');

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
    // Cash needs an open drawer: the form says so and opens it (one request on a double tap).
    await page.getByTestId('drawer-needed').waitFor();
    await expectTabletReady('drawer-needed');
    await page.getByRole('button', { name: 'Open the cash drawer' }).click();
    const dialog = page.getByRole('dialog', { name: 'Open your cash drawer' });
    await dialog.getByLabel('Opening float').fill('2,000');
    await expectTabletModal('drawer-open');
    await dialog.getByTestId('open-drawer').dblclick();
    await dialog.waitFor({ state: 'hidden' });
    expect(sentTo(/ \/api\/cashier\/drawer\/open$/)).toBe(1);
    expect((await api<{ drawer: { openingFloat: number } }>('GET', '/cashier/drawer', cashier)).drawer).toMatchObject({
      openingFloat: 200_000,
    });
    await expect.poll(() => page.getByTestId('drawer-button').textContent()).toBe('Drawer: open');
    // The amount to pay defaults to the whole balance.
    expect(await page.getByLabel('Amount to pay').inputValue()).toBe((due / 100).toFixed(2));
    await page.getByLabel('Cash received').fill('700');
    const short = due - 70_000;
    await expect.poll(() => page.getByTestId('short').textContent()).toBe(`₱${pesos(short)} short`);
    const paymentsBefore = sentTo(/\/payments$/);
    await page.getByRole('button', { name: `Take ₱${pesos(due)} in cash` }).click();
    await page.getByTestId('short').waitFor();
    expect(sentTo(/\/payments$/)).toBe(paymentsBefore);
    await expectTabletReady('short-cash');
    expect(station.problems).toEqual([]);

    const after = (await api<{ transaction: Txn }>('GET', `/transactions/${first.id}`, cashier)).transaction;
    expect(after.version).toBe(before.version);
    expect(after).toMatchObject({ status: 'paying', amountPaid: cardPart, balance: due });
    await expect.poll(() => page.getByTestId('bill-balance').textContent()).toContain(pesos(due));
  });

  it('takes the rest in cash with more handed over, shows the change and the receipt', async () => {
    const due = first.totalAmount - cardPart;
    // One tap on a quick amount: exact, then the next ₱100, ₱500 and ₱1,000 (the domain's cashQuickAmounts).
    const quick = page.getByRole('group', { name: 'Quick amounts received' }).getByRole('button');
    expect(await quick.allTextContents()).toEqual(
      cashQuickAmounts(due, 2).map((amount, index) => (index === 0 ? 'Exact' : `₱${pesos(amount)}`)),
    );
    await quick.filter({ hasText: '₱1,000.00' }).click();
    expect(await page.getByLabel('Cash received').inputValue()).toBe('1000.00');
    const change = 100_000 - due;
    await expect.poll(() => page.getByTestId('change-amount').textContent()).toBe(`₱${pesos(change)}`);
    await expect.poll(() => page.getByTestId('change').textContent()).toContain('Change to give');
    const changeSize = await page
      .getByTestId('change-amount')
      .evaluate((element) => parseFloat(getComputedStyle(element).fontSize));
    expect(changeSize).toBeGreaterThanOrEqual(48);
    await expectTabletReady('split-payment');

    const paymentsBefore = sentTo(/\/payments$/);
    await page.getByRole('button', { name: `Take ₱${pesos(due)} in cash` }).dblclick();
    await page.getByTestId('receipt-number').waitFor();
    expect(sentTo(/\/payments$/)).toBe(paymentsBefore + 1);
    await expect.poll(() => page.getByTestId('receipt-payment').count()).toBe(2);
    await expect.poll(() => page.getByTestId('receipt-change').textContent()).toContain(pesos(change));
    await expect.poll(() => page.getByTestId('receipt-total').textContent()).toContain(pesos(first.totalAmount));
    await page
      .getByText(`Give back ₱${pesos(change)} change`)
      .first()
      .waitFor();
    expect(await page.getByTestId('done').textContent()).toBe('Done');
    await expectTabletReady('receipt');

    // On paper: the receipt alone, every word and amount inside the roll, on 80 mm and on 58 mm.
    await page.emulateMedia({ media: 'print' });
    for (const roll of ROLLS) {
      await page.setViewportSize({ width: roll.width, height: 1000 });
      expect(await page.getByTestId('receipt-number').isVisible()).toBe(true);
      expect(await page.getByTestId('receipt-total').isVisible()).toBe(true);
      expect(await page.getByTestId('claim-next').isVisible()).toBe(false);
      expect(await page.getByTestId('done').isVisible()).toBe(false);
      expect(await printClipping(page), roll.name).toEqual([]);
      await screenshot(page, `cashier-receipt-print-${roll.name}`);
    }
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize(TABLET);

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

    await page.getByRole('button', { name: 'Done' }).click();
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
    await page.getByRole('button', { name: 'Done' }).click();
  });

  let adjustedCash = 0;

  it('applies a discount with its note, voids a tipped card payment, and prints a receipt that shows them', async () => {
    const admin = await login('admin');
    await api('POST', '/admin/discounts', admin, {
      name: 'Senior citizen',
      kind: 'percent',
      value: 20,
      requiresNote: true,
    });
    const cupping = await classification('Cupping', '60 minutes');
    const fourth = await customerAwaitingPayment('therapist1', [cupping]);
    await queueItem(fourth.code).waitFor();
    await page.getByTestId('claim-next').click();
    await page.getByRole('heading', { name: `Ticket ${fourth.code}` }).waitFor();

    const addDiscount = async (note: string) => {
      await page.getByTestId('add-discount').click();
      const dialog = page.getByRole('dialog', { name: 'Add a discount' });
      await dialog.getByText('Senior citizen').click();
      await dialog.getByLabel('Note').fill(note);
      return dialog;
    };
    // The type asks for a note: without one nothing is sent.
    let dialog = await addDiscount('');
    await dialog.getByTestId('apply-discount').click();
    await dialog.getByText('Write the note this discount needs.').waitFor();
    expect(sentTo(/\/discounts$/)).toBe(0);
    await dialog.getByLabel('Note').fill('OSCA 12345');
    await expectTabletModal('discount');
    await dialog.getByTestId('apply-discount').dblclick();
    await dialog.waitFor({ state: 'hidden' });
    expect(sentTo(/\/discounts$/)).toBe(1);
    const discount = Math.floor((fourth.totalAmount * 20 + 50) / 100);
    const due = fourth.totalAmount - discount;
    await expect.poll(() => page.getByTestId('bill-due').textContent()).toContain(pesos(due));
    await expect.poll(() => page.getByTestId('bill-balance').textContent()).toContain(pesos(due));

    // Removed before the first payment (the row kept on the server), then applied again.
    await page.getByRole('button', { name: 'Remove discount Senior citizen' }).click();
    await expect.poll(() => page.getByTestId('discount-line').count()).toBe(0);
    await expect.poll(() => page.getByTestId('bill-balance').textContent()).toContain(pesos(fourth.totalAmount));
    dialog = await addDiscount('OSCA 12345');
    await dialog.getByTestId('apply-discount').click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => page.getByTestId('discount-line').textContent()).toContain('OSCA 12345');
    await expectTabletReady('discount-applied');

    // Part by card with a tip; then voided with a reason, after a confirmation.
    expect(due).toBeGreaterThan(50_000);
    await page.getByText('Card', { exact: true }).click();
    await page.getByLabel('Amount to pay').fill('500');
    await page.getByLabel('Tip (optional)').fill('100');
    await page.getByLabel('Card approval code').fill('APPR-4410');
    await page.getByRole('button', { name: 'Charge ₱500.00 + ₱100.00 tip to card' }).click();
    await expect.poll(() => page.getByTestId('bill-balance').textContent()).toContain(pesos(due - 50_000));
    await expect.poll(() => page.getByTestId('payment-taken').textContent()).toContain('Tip ₱100.00');
    // A discount cannot change once a payment is taken.
    expect(await page.getByTestId('add-discount').count()).toBe(0);

    await page.getByRole('button', { name: 'Void Card ₱500.00' }).click();
    const voiding = page.getByRole('dialog', { name: 'Void Card ₱500.00?' });
    await voiding.getByTestId('confirm-void').click();
    await voiding.getByText('Write why this payment is voided.').waitFor();
    expect(sentTo(/\/void$/)).toBe(0);
    await voiding.getByLabel('Reason').fill('Charged the wrong card');
    await expectTabletModal('void');
    await voiding.getByTestId('confirm-void').dblclick();
    await voiding.waitFor({ state: 'hidden' });
    expect(sentTo(/\/void$/)).toBe(1);
    await expect.poll(() => page.getByTestId('bill-balance').textContent()).toContain(pesos(due));
    expect(await page.getByTestId('payment-taken').getAttribute('data-voided')).toBe('true');
    expect(await page.getByTestId('payment-taken').textContent()).toContain('Voided: Charged the wrong card');
    await expectTabletReady('voided');

    // The rest in cash with a tip: change is what is left after the amount and the tip.
    await page.getByText('Cash', { exact: true }).click();
    await page.getByLabel('Tip (optional)').fill('50');
    const quick = page.getByRole('group', { name: 'Quick amounts received' }).getByRole('button');
    const amounts = cashQuickAmounts(due + 5_000, 2);
    expect(await quick.allTextContents()).toEqual(amounts.map((a, i) => (i === 0 ? 'Exact' : `₱${pesos(a)}`)));
    await quick.last().click();
    const handed = amounts.at(-1)!;
    await expect.poll(() => page.getByTestId('change-amount').textContent()).toBe(`₱${pesos(handed - due - 5_000)}`);
    await page.getByRole('button', { name: `Take ₱${pesos(due)} + ₱50.00 tip in cash` }).click();
    await page.getByTestId('receipt-number').waitFor();
    adjustedCash = due + 5_000;

    await expect.poll(() => page.getByTestId('receipt-discount').textContent()).toContain('OSCA 12345');
    expect(await page.getByTestId('receipt-due').textContent()).toBe(`₱${pesos(due)}`);
    expect(await page.getByTestId('receipt-tips').textContent()).toBe('₱50.00');
    expect(await page.getByTestId('receipt-payment').count()).toBe(2);
    expect(await page.getByTestId('receipt-payment').first().textContent()).toContain('Voided: Charged the wrong card');
    await expectTabletReady('receipt-adjusted');
    await page.emulateMedia({ media: 'print' });
    for (const roll of ROLLS) {
      await page.setViewportSize({ width: roll.width, height: 1000 });
      expect(await printClipping(page), roll.name).toEqual([]);
      await screenshot(page, `cashier-receipt-adjusted-print-${roll.name}`);
    }
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize(TABLET);

    const cashier = await login('cashier1');
    const paid = (
      await api<{ transaction: Txn & { discountAmount: number; tipAmount: number } }>(
        'GET',
        `/transactions/${fourth.id}`,
        cashier,
      )
    ).transaction;
    expect(paid).toMatchObject({
      status: 'paid',
      discountAmount: discount,
      amountPaid: due,
      balance: 0,
      tipAmount: 5_000,
    });
    await page.getByRole('button', { name: 'Done' }).click();
    expect(station.problems).toEqual([]);
  });

  it('lists today’s customers in the history', async () => {
    await page.getByRole('button', { name: 'History' }).click();
    const row = page.getByTestId('history-row').filter({ hasText: first.code });
    await row.waitFor();
    expect(await row.textContent()).toContain(pesos(first.totalAmount));
    await expect.poll(() => page.getByTestId('history-summary').textContent()).toContain('3 paid');
    await page.waitForTimeout(500); // the drawer's slide-in, for the picture only
    await screenshot(page, 'cashier-history');
    expect(await axeFindings(page)).toEqual([]);
    expect(await smallTargets(page, { min: 48, within: '.mantine-Drawer-content' })).toEqual([]);
    expect(station.problems).toEqual([]);
    await page.keyboard.press('Escape');
  });

  it('speaks Filipino, and every word on the station comes through i18n', async () => {
    const foot = await classification('Foot Massage', '60 minutes');
    const next = await customerAwaitingPayment('therapist4', [foot]);
    await page.evaluate(() => localStorage.setItem('spaflow.language', 'fil'));
    await page.reload();
    await queueItem(next.code).waitFor();
    await page.getByRole('button', { name: 'Kunin ang susunod' }).click();
    await page.getByRole('heading', { name: `Ticket ${next.code}` }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fil');
    await page.getByLabel('Natanggap na cash').fill('100');
    await page.getByTestId('short').waitFor();
    expect(await page.getByTestId('short').textContent()).toBe(`Kulang ng ₱${pesos(next.totalAmount - 10_000)}`);
    await expectTabletReady('fil');

    await usePseudoLanguage(page);
    await page.getByRole('heading', { name: `⟦Ticket ${next.code}⟧` }).waitFor();
    await page.getByLabel('⟦Cash received⟧').fill('100');
    const therapists = await api<{ staff: { displayName: string }[] }>('GET', '/admin/staff', await login('admin'));
    const data = [...therapists.staff.map((person) => person.displayName), 'Foot Massage', '60 minutes', 'SpaFlow'];
    const leftovers = await untranslatedText(page);
    expect(leftovers.filter((text) => !data.some((name) => text.includes(name)))).toEqual([]);
    await page.evaluate(() => localStorage.setItem('spaflow.language', 'en'));
    expect(station.problems).toEqual([]);
  });

  it('closes the drawer with the cash counted, showing expected, counted and the difference', async () => {
    await page.reload();
    await page.getByTestId('drawer-button').click();
    const dialog = page.getByRole('dialog', { name: 'Your cash drawer' });
    await dialog.waitFor();
    // The float and the cash payments of this run (with their tips; change given back) are what it should hold.
    const due = first.totalAmount - cardPart;
    const expected = 200_000 + due + adjustedCash;
    await expect.poll(() => dialog.getByTestId('drawer-expected').textContent()).toBe(`₱${pesos(expected)}`);
    expect(await dialog.getByTestId('drawer-cash-sales').textContent()).toBe(`₱${pesos(due + adjustedCash - 5_000)}`);
    expect(await dialog.getByTestId('drawer-cash-tips').textContent()).toBe('₱50.00');
    const counted = expected - 4_950;
    await dialog.getByLabel('Cash counted in the drawer').fill(pesos(counted));
    await dialog.getByLabel('Note (optional)').fill('One ₱50 bill missing');
    await expectTabletModal('drawer-close');
    await dialog.getByTestId('close-drawer').dblclick();
    const closed = page.getByRole('dialog', { name: 'Drawer closed' });
    await closed.waitFor();
    expect(sentTo(/ \/api\/cashier\/drawer\/close$/)).toBe(1);
    expect(await closed.getByTestId('drawer-counted').textContent()).toBe(`₱${pesos(counted)}`);
    expect(await closed.getByTestId('drawer-difference').textContent()).toBe('₱49.50 short');
    await expectTabletModal('drawer-closed');
    await closed.getByRole('button', { name: 'Done' }).click();
    await expect.poll(() => page.getByTestId('drawer-button').textContent()).toBe('Drawer: closed');

    const cashier = await login('cashier1');
    expect((await api<{ drawer: unknown }>('GET', '/cashier/drawer', cashier)).drawer).toBeNull();
    const day = (
      await api<{ drawers: { countedCash: number; difference: number; note: string }[] }>(
        'GET',
        `/admin/drawers?date=${businessDateOf(Date.now(), (await api<{ timeZone: string }>('GET', '/shop')).timeZone)}`,
        await login('admin'),
      )
    ).drawers;
    expect(day).toEqual([
      expect.objectContaining({ countedCash: counted, difference: -4_950, note: 'One ₱50 bill missing' }),
    ]);
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
});
