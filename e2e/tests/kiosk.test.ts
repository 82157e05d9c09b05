import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, launchBrowser, openStation, screenshot } from '../support/browser.js';
import { startServer, type RunningServer } from '../support/server.js';

type Catalog = {
  categories: {
    name: string;
    services: { id: number; name: string; classifications: { id: number; name: string; price: number }[] }[];
  }[];
};
type Transaction = {
  id: number;
  code: string | null;
  status: string;
  totalAmount: number;
  items: { classificationId: number; quantity: number; lineTotal: number }[];
  therapist: { displayName: string } | null;
  room: { name: string } | null;
};

/** Console errors, less those a test caused on purpose (e.g. the browser's log of an expected 400). */
const realProblems = (problems: string[], expected: string[] = []) =>
  problems.filter((problem) => !expected.some((allowed) => problem.includes(allowed)));

const PORTRAIT = { width: 800, height: 1280 };
const LANDSCAPE = { width: 1280, height: 800 };

describe.skipIf(!chromiumPath)('the kiosk', () => {
  let server: RunningServer;
  let browser: Browser;
  let catalog: Catalog;

  const api = async <T>(method: string, path: string, token?: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${server.baseUrl}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? null : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
  const login = async (username: string) =>
    (await api<{ token: string }>('POST', '/api/auth/login', undefined, { username, password: 'password123' })).token;
  const tier = (service: string, name: string) => {
    for (const category of catalog.categories)
      for (const candidate of category.services)
        if (candidate.name === service) {
          const found = candidate.classifications.find((classification) => classification.name === name);
          if (found) return found;
        }
    throw new Error(`no ${service} ${name}`);
  };
  /** The ticket this kiosk keeps until "Done" (what a reload brings back). */
  const savedTicket = (page: Page) =>
    page.evaluate(
      () =>
        (JSON.parse(localStorage.getItem('spaflow.kiosk') ?? '{}') as { ticket?: { id: number; token: string } })
          .ticket ?? null,
    );
  const digits = (text: string | null) => (text ?? '').replace(/[^0-9]/g, '');
  const pesos = (centavos: number) => String(centavos / 100);

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    catalog = await api<Catalog>('GET', '/api/catalog');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('takes a selection to a ticket whose status follows the therapist live, and keeps it over reloads', async () => {
    const kiosk = await openStation(browser, `${server.baseUrl}/kiosk`, LANDSCAPE);
    const { page } = kiosk;
    await page.getByRole('button', { name: 'Add Swedish 60 minutes' }).waitFor();
    await screenshot(page, 'kiosk-landscape-catalogue');

    // Two services, one of them twice, across both categories.
    await page.getByRole('button', { name: 'Add Swedish 60 minutes' }).click();
    await page.getByRole('button', { name: 'One more Swedish 60 minutes' }).click();
    await page.getByRole('tab', { name: 'Holistic Recovery' }).click();
    await page.getByRole('button', { name: 'Add Cupping 90 minutes' }).click();
    const cart = page.getByRole('region', { name: 'Your selection' });
    await expect.poll(() => cart.getByRole('listitem').count()).toBe(2);
    const swedish = tier('Swedish', '60 minutes');
    const cupping = tier('Cupping', '90 minutes');
    const expected = swedish.price * 2 + cupping.price;
    expect(digits(await page.getByTestId('cart-total').textContent())).toBe(digits(pesos(expected) + '.00'));
    await screenshot(page, 'kiosk-landscape-cart');

    // The cart survives a reload (localStorage), before anything reached the server.
    await page.reload();
    await cart.getByRole('listitem').first().waitFor();
    expect(await cart.getByRole('listitem').count()).toBe(2);
    expect(await cart.getByRole('listitem', { name: 'Swedish 60 minutes' }).getByTestId('quantity').textContent()).toBe(
      '2',
    );

    // Someone at another kiosk confirmed a moment earlier: this ticket will be second in line.
    const earlier = await api<{ transaction: Transaction; customerToken: string }>(
      'POST',
      '/api/transactions',
      undefined,
      {
        items: [{ classificationId: swedish.id }],
      },
    );
    await api('POST', `/api/transactions/${earlier.transaction.id}/confirm`, earlier.customerToken);

    // Review: the server prices it; then confirm for a ticket.
    await page.getByRole('button', { name: 'Review and confirm' }).click();
    await page.getByTestId('review-total').waitFor();
    expect(digits(await page.getByTestId('review-total').textContent())).toBe(digits(pesos(expected) + '.00'));
    await page.getByRole('button', { name: 'Confirm and get my ticket' }).click();
    const code = page.getByTestId('ticket-code');
    await code.waitFor();
    await expect.poll(() => page.getByTestId('ticket-status').textContent()).toContain('Waiting for a therapist');
    await page.getByTestId('queue-position').waitFor();
    await screenshot(page, 'kiosk-landscape-ticket');

    const ticket = await savedTicket(page);
    expect(ticket).not.toBeNull();
    const { transaction } = await api<{ transaction: Transaction }>(
      'GET',
      `/api/transactions/${ticket!.id}`,
      ticket!.token,
    );
    expect(transaction.status).toBe('pending_therapist');
    expect(await code.textContent()).toBe(transaction.code);
    expect(transaction.code).toMatch(/^\d{4}$/);
    expect(transaction.totalAmount).toBe(expected);
    expect(transaction.items.map((item) => [item.classificationId, item.quantity])).toEqual([
      [swedish.id, 2],
      [cupping.id, 1],
    ]);
    expect(digits(await page.getByTestId('ticket-total').textContent())).toBe(digits(pesos(expected) + '.00'));
    expect(await page.getByTestId('queue-position').textContent()).toBe('Number 2');

    // Another therapist takes the customer ahead: the place in line moves up live.
    await api('POST', `/api/transactions/${earlier.transaction.id}/claim`, await login('therapist3'), {});
    await expect.poll(() => page.getByTestId('queue-position').textContent()).toBe('You are next');

    // A therapist claims it and starts: the ticket follows live, without a reload.
    const therapist = await login('therapist1');
    const claimed = await api<{ transaction: Transaction }>(
      'POST',
      `/api/transactions/${transaction.id}/claim`,
      therapist,
      {},
    );
    const room = claimed.transaction.room!.name;
    const status = page.getByTestId('ticket-status');
    await expect.poll(() => status.textContent()).toContain('Therapist assigned');
    expect(await status.textContent()).toContain(`Maria Santos will take care of you. Please go to room ${room}.`);
    await api('POST', `/api/transactions/${transaction.id}/start`, therapist);
    await expect.poll(() => status.textContent()).toContain(`In service with Maria Santos in room ${room}.`);
    await page.waitForTimeout(400); // the stepper's transition, for the screenshot
    await screenshot(page, 'kiosk-landscape-in-service');
    // The printed ticket: no buttons, the shop's name and address.
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('button', { name: 'Print ticket' }).isVisible()).toBe(false);
    await screenshot(page, 'kiosk-print');
    await page.emulateMedia({ media: 'screen' });

    // The customer's own view survives a reload.
    await page.reload();
    await page.getByTestId('ticket-code').waitFor();
    expect(await page.getByTestId('ticket-code').textContent()).toBe(transaction.code);
    await expect.poll(() => page.getByTestId('ticket-status').textContent()).toContain('In service');

    // "Done" clears the kiosk for the next guest.
    await page.getByRole('button', { name: 'Done / next customer' }).click();
    await page.getByRole('button', { name: 'Yes, clear the screen' }).click();
    await page.getByRole('button', { name: 'Add Swedish 60 minutes' }).waitFor();
    expect(await savedTicket(page)).toBeNull();
    expect(await page.getByText('Nothing chosen yet').count()).toBe(1);
    expect(realProblems(kiosk.problems)).toEqual([]);
    await kiosk.close();
  });

  it('shows an item that became unavailable on its cart line, losing nothing', async () => {
    const kiosk = await openStation(browser, `${server.baseUrl}/kiosk`, LANDSCAPE);
    const { page } = kiosk;
    await page.getByRole('button', { name: 'Add Shiatsu 90 minutes' }).click();
    await page.getByRole('button', { name: 'Add Foot Massage 60 minutes' }).click();
    const foot = tier('Foot Massage', '60 minutes');
    const admin = await login('admin');
    await api('PATCH', `/api/admin/classifications/${foot.id}`, admin, { active: false });
    try {
      await page.getByRole('button', { name: 'Review and confirm' }).click();
      const line = page.getByRole('listitem', { name: 'Foot Massage 60 minutes' });
      await line.getByRole('alert').waitFor();
      expect(await line.getByRole('alert').textContent()).toContain('is not offered now');
      expect(await page.getByRole('listitem', { name: 'Shiatsu 90 minutes' }).getByRole('alert').count()).toBe(0);
      expect(await page.getByRole('region', { name: 'Your selection' }).getByRole('listitem').count()).toBe(2);
      await screenshot(page, 'kiosk-landscape-unavailable');

      // Removing that line is enough: the rest goes through.
      await page.getByRole('button', { name: 'Remove Foot Massage 60 minutes' }).click();
      await page.getByRole('button', { name: 'Review and confirm' }).click();
      await page.getByTestId('review-total').waitFor();
      expect(digits(await page.getByTestId('review-total').textContent())).toBe(
        digits(pesos(tier('Shiatsu', '90 minutes').price) + '.00'),
      );
    } finally {
      await api('PATCH', `/api/admin/classifications/${foot.id}`, admin, { active: true });
    }
    // The browser logs the refused request itself; that 400 is the expected answer shown on the line.
    expect(realProblems(kiosk.problems, ['the server responded with a status of 400'])).toEqual([]);
    await kiosk.close();
  });

  it('works in portrait: the selection in a drawer, the ticket, live status', async () => {
    const kiosk = await openStation(browser, `${server.baseUrl}/kiosk`, PORTRAIT);
    const { page } = kiosk;
    await page.getByRole('button', { name: 'Add Acupressure 60 minutes' }).waitFor();
    await screenshot(page, 'kiosk-portrait-catalogue');
    await page.getByRole('button', { name: 'Add Acupressure 60 minutes' }).click();
    await page.getByRole('button', { name: 'Add Acupressure 60 minutes' }).click();
    await page.getByRole('tab', { name: 'Holistic Recovery' }).click();
    await page.getByRole('button', { name: 'Add Assessment 30 minutes' }).click();
    await page.getByRole('button', { name: 'View selection' }).click();
    const cart = page.getByRole('dialog').getByRole('region', { name: 'Your selection' });
    await cart.waitFor();
    expect(await cart.getByRole('listitem').count()).toBe(2);
    await cart.getByRole('button', { name: 'Senior' }).click();
    expect(await cart.getByRole('button', { name: 'Senior' }).getAttribute('aria-pressed')).toBe('true');
    await page.waitForTimeout(300); // the drawer's opening transition, for the screenshot
    await screenshot(page, 'kiosk-portrait-cart');
    await cart.getByRole('button', { name: 'Review and confirm' }).click();
    await page.getByRole('button', { name: 'Confirm and get my ticket' }).click();
    await page.getByTestId('ticket-code').waitFor();
    await page.getByText('Priority service').first().waitFor();
    await screenshot(page, 'kiosk-portrait-ticket');

    const ticket = (await savedTicket(page))!;
    const therapist = await login('therapist2');
    await api('POST', `/api/transactions/${ticket.id}/claim`, therapist, {});
    await api('POST', `/api/transactions/${ticket.id}/start`, therapist);
    await expect.poll(() => page.getByTestId('ticket-status').textContent()).toContain('In service with Jose Reyes');
    await page.waitForTimeout(400); // the stepper's transition, for the screenshot
    await screenshot(page, 'kiosk-portrait-in-service');
    expect(realProblems(kiosk.problems)).toEqual([]);
    await kiosk.close();
  });
});
