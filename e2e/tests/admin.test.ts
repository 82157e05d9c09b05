import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, launchBrowser, openStation, screenshot, type StationPage } from '../support/browser.js';
import { axeFindings, layoutProblems, untranslatedText, usePseudoLanguage } from '../support/quality.js';
import { startServer, type RunningServer } from '../support/server.js';

type Json = Record<string, unknown>;

describe.skipIf(!chromiumPath)('the admin console', () => {
  let server: RunningServer;
  let browser: Browser;
  let admin: StationPage;
  let page: Page;
  /** A transaction taken through the whole floor over the API: kiosk → therapist → cashier → paid. */
  let paidId: number;

  async function api<T = Json>(method: string, path: string, token?: string, body?: unknown, headers = {}) {
    const response = await fetch(`${server.baseUrl}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      body: body === undefined ? null : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : {}) as T };
  }
  async function login(username: string, password = 'password123') {
    const answer = await api<{ token: string }>('POST', '/api/auth/login', undefined, { username, password });
    expect(answer.status).toBe(200);
    return answer.body.token;
  }
  type Catalog = {
    categories: {
      id: number;
      name: string;
      services: { id: number; name: string; classifications: { id: number; name: string; price: number }[] }[];
    }[];
  };

  const staff = (answer: { body: { staff: { displayName: string }[] } }) => [
    ...answer.body.staff.map((person) => person.displayName),
    'SpaFlow',
  ];

  /** Chromium logs every refused request ("Failed to load resource: … 400") — the refusals this test provokes. */
  const unexpected = (problems: string[]) =>
    problems.filter(
      (problem) => !/Failed to load resource: the server responded with a status of (400|404)/.test(problem),
    );

  /** The transaction the rooms test sends to a therapist, and that therapist's token. */
  let liveId: number;
  let liveTherapist: string;

  /** A customer at the kiosk: a confirmed ticket waiting for a therapist; answers its id. */
  async function newTicket(): Promise<number> {
    const catalog = (await api<Catalog>('GET', '/api/catalog')).body;
    const tier = catalog.categories[0]!.services[0]!.classifications[0]!;
    const created = await api<{ transaction: { id: number }; customerToken: string }>(
      'POST',
      '/api/transactions',
      undefined,
      { items: [{ classificationId: tier.id }] },
    );
    expect(created.status).toBe(201);
    const id = created.body.transaction.id;
    expect((await api('POST', `/api/transactions/${id}/confirm`, created.body.customerToken)).status).toBe(200);
    return id;
  }

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();

    const catalog = (await api<Catalog>('GET', '/api/catalog')).body;
    const tier = catalog.categories[0]!.services[0]!.classifications[0]!;
    const created = await api<{ transaction: { id: number }; customerToken: string }>(
      'POST',
      '/api/transactions',
      undefined,
      {
        items: [{ classificationId: tier.id }],
      },
    );
    expect(created.status).toBe(201);
    paidId = created.body.transaction.id;
    const customer = created.body.customerToken;
    expect((await api('POST', `/api/transactions/${paidId}/confirm`, customer)).status).toBe(200);
    const therapist = await login('therapist1');
    expect((await api('POST', '/api/therapist/claim-next', therapist, {})).status).toBe(200);
    expect((await api('POST', `/api/transactions/${paidId}/start`, therapist)).status).toBe(200);
    expect((await api('POST', `/api/transactions/${paidId}/finish`, therapist)).status).toBe(200);
    const cashier = await login('cashier1');
    expect((await api('POST', '/api/cashier/claim-next', cashier)).status).toBe(200);
    // Cash goes into an open drawer.
    expect((await api('POST', '/api/cashier/drawer/open', cashier, { openingFloat: 100_000 })).status).toBe(201);
    const paid = await api<{ transaction: { status: string } }>(
      'POST',
      `/api/transactions/${paidId}/payments`,
      cashier,
      { method: 'cash', amount: tier.price, tendered: tier.price + 5000 },
      { 'idempotency-key': crypto.randomUUID() },
    );
    expect(paid.status).toBe(201);
    expect(paid.body.transaction.status).toBe('paid');
  });
  afterAll(async () => {
    await admin?.close();
    await browser?.close();
    await server?.stop();
  });

  it('refuses a non-admin at the admin sign-in with a clear message', async () => {
    const station = await openStation(browser, `${server.baseUrl}/admin`);
    station.page.setDefaultTimeout(10_000);
    await station.page.getByLabel('Username').fill('monitor1');
    await station.page.getByRole('textbox', { name: 'Password' }).fill('password123');
    await station.page.getByRole('button', { name: 'Sign in' }).click();
    const alert = station.page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/is a monitor; this is the admin station/);
    expect(await station.page.getByRole('tab', { name: 'Menu' }).count()).toBe(0);
    expect(station.problems).toEqual([]);
    await station.close();
  });

  it('signs the admin in through the UI and shows the menu', async () => {
    admin = await openStation(browser, `${server.baseUrl}/admin`);
    page = admin.page;
    page.setDefaultTimeout(10_000);
    await page.getByLabel('Username').fill('admin');
    await page.getByRole('textbox', { name: 'Password' }).fill('password123');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('tab', { name: 'Menu' }).waitFor();
    await page
      .getByRole('region', { name: 'Categories' })
      .getByRole('button', { name: /^Edit / })
      .first()
      .waitFor();
    await expect.poll(() => page.getByTestId('connection').textContent()).toMatch(/live/i);
    await screenshot(page, 'admin-menu');
    await page.setViewportSize({ width: 1024, height: 768 });
    await screenshot(page, 'admin-menu-1024');
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('adds a price typed as 1,234.50 and the kiosk catalogue offers it at 123450 centavos', async () => {
    const prices = page.locator('section').filter({ has: page.getByRole('button', { name: 'Add price' }) });
    await page.getByRole('button', { name: 'Add price' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Name').fill('E2E Deluxe 75');
    await dialog.getByLabel('Duration (minutes)').fill('75');
    await dialog.getByLabel(/^Price/).fill('1,234.50');
    await dialog.getByText('₱1,234.50').waitFor(); // the typed price read back as money
    await screenshot(page, 'admin-menu-new-price');
    await dialog.getByRole('button', { name: 'Create' }).click();
    await dialog.waitFor({ state: 'detached' });
    await prices.getByText('E2E Deluxe 75').waitFor();
    await prices.getByText('75 min · ₱1,234.50').waitFor();

    const catalog = (await api<Catalog>('GET', '/api/catalog')).body;
    const added = catalog.categories
      .flatMap((category) => category.services)
      .flatMap((service) => service.classifications)
      .find((tier) => tier.name === 'E2E Deluxe 75');
    expect(added?.price).toBe(123450);

    // Switched off, it leaves the kiosk's catalogue; back on, it returns.
    await prices.getByRole('switch', { name: 'E2E Deluxe 75 is offered' }).click({ force: true });
    await page.getByText('"E2E Deluxe 75" is no longer offered.').waitFor();
    const names = async () =>
      (await api<Catalog>('GET', '/api/catalog')).body.categories
        .flatMap((category) => category.services)
        .flatMap((service) => service.classifications)
        .map((tier) => tier.name);
    expect(await names()).not.toContain('E2E Deluxe 75');
    await prices.getByRole('switch', { name: 'E2E Deluxe 75 is offered' }).click({ force: true });
    await page.getByText('"E2E Deluxe 75" is offered again.').waitFor();
    expect(await names()).toContain('E2E Deluxe 75');
  });

  it('reorders services, and the catalogue follows', async () => {
    const services = page.getByRole('region', { name: 'Services' });
    const order = async () =>
      (await api<Catalog>('GET', '/api/catalog')).body.categories[0]!.services.map((service) => service.name);
    const before = await order();
    await services.getByRole('button', { name: `Move ${before[1]} up` }).click();
    await expect.poll(order).toEqual([before[1], before[0], ...before.slice(2)]);
    await expect
      .poll(() =>
        services
          .getByTestId(/^catalog-row-/)
          .first()
          .locator('p')
          .first()
          .textContent(),
      )
      .toBe(before[1]);
  });

  it("puts the server's refusal of a duplicate category name on the name field", async () => {
    const existing = (await api<Catalog>('GET', '/api/catalog')).body.categories[0]!.name;
    await page.getByRole('button', { name: 'Add category' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Name').fill(existing);
    await dialog.getByRole('button', { name: 'Create' }).click();
    await dialog.getByText(`The category name "${existing}" is taken.`).waitFor();
    expect(await dialog.getByLabel('Name').getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'admin-menu-duplicate');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
  });

  it('creates a cashier who can sign in, and deactivating it ends its session at once', async () => {
    await page.getByRole('tab', { name: 'Staff' }).click();
    await page.getByTestId('staff-admin').waitFor();
    await page.getByRole('button', { name: 'Add staff member' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Role').selectOption('cashier');
    await dialog.getByLabel('Username').fill('e2ecashier');
    await dialog.getByLabel('Display name').fill('E2E Cashier');
    await dialog.getByRole('textbox', { name: 'Password' }).fill('password123');
    await dialog.getByLabel('Counter').fill('C9');
    await dialog.getByRole('button', { name: 'Create' }).click();
    await dialog.waitFor({ state: 'detached' });
    const row = page.getByTestId('staff-e2ecashier');
    await row.getByText('C9').waitFor();
    await screenshot(page, 'admin-staff');

    const token = await login('e2ecashier');
    expect((await api('GET', '/api/auth/me', token)).status).toBe(200);

    await row.getByRole('button', { name: 'Deactivate' }).click();
    const confirm = page.getByRole('dialog', { name: 'Deactivate E2E Cashier?' });
    await confirm.getByText(/signs out at once/).waitFor();
    await screenshot(page, 'admin-staff-deactivate');
    await confirm.getByRole('button', { name: 'Deactivate and sign out' }).click();
    await confirm.waitFor({ state: 'detached' });
    await row.getByText('Inactive').waitFor();
    await row.getByRole('button', { name: 'Reactivate' }).waitFor();
    expect((await api('GET', '/api/auth/me', token)).status).toBe(401);
    expect(
      (await api('POST', '/api/auth/login', undefined, { username: 'e2ecashier', password: 'password123' })).status,
    ).toBe(401);
  });

  it('resets a password: the old sessions end, the new password works', async () => {
    const before = await login('cashier2');
    await page.getByTestId('staff-cashier2').getByRole('button', { name: 'Reset password' }).click();
    const dialog = page.getByRole('dialog', { name: 'Reset the password of Ramon Bautista' });
    await dialog.getByRole('button', { name: 'Reset password' }).click();
    await dialog.getByText('Required').waitFor(); // checked here before anything is sent
    await dialog.getByRole('textbox', { name: 'New password' }).fill('short');
    await dialog.getByRole('button', { name: 'Reset password' }).click();
    await dialog.getByText('At least 8 characters', { exact: true }).waitFor(); // the server's issue, on the field
    await screenshot(page, 'admin-staff-password');
    await dialog.getByRole('textbox', { name: 'New password' }).fill('a-new-secret-1');
    await dialog.getByRole('button', { name: 'Reset password' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect((await api('GET', '/api/auth/me', before)).status).toBe(401);
    await login('cashier2', 'a-new-secret-1');
  });

  it("shows the server's refusal when the admin tries to deactivate their own account", async () => {
    await page.getByTestId('staff-admin').getByRole('button', { name: 'Deactivate' }).click();
    const confirm = page.getByRole('dialog');
    await confirm.getByRole('button', { name: 'Deactivate and sign out' }).click();
    await confirm.getByText('You cannot deactivate your own account.').waitFor();
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await confirm.waitFor({ state: 'detached' });
    await page.getByTestId('staff-admin').getByText('Active').waitFor();
  });

  it('takes a room out of service', async () => {
    await page.getByRole('tab', { name: 'Rooms' }).click();
    // Room 101 was left cleaning by the first customer: the admin may mark it ready.
    const room101 = page.getByTestId('room-101');
    await room101.getByText('Cleaning').waitFor();
    await room101.getByRole('button', { name: 'Mark ready: 101' }).click();
    await room101.getByText('Available').waitFor();

    const row = page.getByTestId('room-104');
    await row.getByRole('button', { name: 'Take out of service: 104' }).click();
    await row.getByText('Out of service').waitFor();
    await row.getByRole('button', { name: 'Back in service: 104' }).waitFor();
    const token = await login('admin');
    const rooms = (await api<{ rooms: { name: string; outOfService: boolean }[] }>('GET', '/api/admin/rooms', token))
      .body.rooms;
    expect(rooms.find((room) => room.name === '104')?.outOfService).toBe(true);

    // A therapist claiming a customer elsewhere reserves their home room: the list follows, with no reload.
    const room102 = page.getByTestId('room-102');
    await room102.getByText('Available').waitFor();
    const ticket = await newTicket();
    const therapist = await login('therapist2');
    expect((await api('POST', '/api/therapist/claim-next', therapist, {})).status).toBe(200);
    await room102.getByText('Reserved').waitFor();
    await screenshot(page, 'admin-rooms');
    liveId = ticket;
    liveTherapist = therapist;
  });

  it("shows today's report and downloads it as CSV", async () => {
    await page.getByRole('tab', { name: 'Reports' }).click();
    const byTherapist = page.getByRole('region', { name: 'Revenue by therapist' });
    await byTherapist.getByRole('cell', { name: 'Maria Santos' }).waitFor();
    await page.getByRole('region', { name: 'Revenue by day' }).getByRole('row').nth(1).waitFor();
    await screenshot(page, 'admin-reports');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^spaflow-summary-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = readFileSync(await download.path(), 'utf8')
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toMatch(/^date,paid,cancelled,revenue_PHP,cash,card,ewallet,avg_wait_seconds,avg_service_seconds/);
    expect(lines.length).toBeGreaterThanOrEqual(2);
  });

  it('lists the audit trail of a transaction', async () => {
    await page.getByRole('tab', { name: 'Audit trail' }).click();
    // Found the way people name it: the ticket's code on today's date (the day field's default).
    const paid = await api<{ transaction: { code: string } }>(
      'GET',
      `/api/transactions/${paidId}`,
      await login('admin'),
    );
    await page.getByLabel('Ticket code').fill(paid.body.transaction.code);
    await page.getByRole('button', { name: 'Show history' }).click();
    const table = page.getByRole('table', { name: 'Audit trail' });
    await table.getByRole('cell', { name: 'Paid in full' }).waitFor();
    const actions = await table.locator('tbody tr td:nth-child(3)').allTextContents();
    expect(actions).toEqual([
      'Created',
      'Customer confirmed',
      'Therapist claimed',
      'Service started',
      'Service finished',
      'Sent to the cashier',
      'Cashier claimed',
      'Paid in full',
    ]);
    await table.getByRole('cell', { name: 'Maria Santos' }).first().waitFor();
    await table.getByRole('cell', { name: 'Paying → Paid' }).waitFor();
    await page.getByTestId('audit-summary').waitFor();
    await screenshot(page, 'admin-audit');

    // The trail of a transaction still on the floor grows live as it moves on.
    await page.getByLabel('Ticket code').fill(`#${liveId}`);
    await page.getByRole('button', { name: 'Show history' }).click();
    await table.getByRole('cell', { name: 'Therapist claimed' }).waitFor();
    expect(await table.getByRole('cell', { name: 'Service started' }).count()).toBe(0);
    expect((await api('POST', `/api/transactions/${liveId}/start`, liveTherapist)).status).toBe(200);
    await table.getByRole('cell', { name: 'Service started' }).waitFor();

    await page.getByLabel('Ticket code').fill('#999999');
    await page.getByRole('button', { name: 'Show history' }).click();
    await page.getByText('There is no transaction 999999.').waitFor();
    await page.getByLabel('Ticket code').fill('9876');
    await page.getByRole('button', { name: 'Show history' }).click();
    await page.getByText(/There is no ticket 9876 on/).waitFor();
    expect(unexpected(admin.problems)).toEqual([]);
  });

  describe('closing a day', () => {
    const WIDE = { width: 1920, height: 1080 };
    const sent: string[] = [];
    const sentTo = (pattern: RegExp) => sent.filter((request) => pattern.test(request)).length;
    /** Transitions finished, the pointer off the controls: what a person reads. */
    async function settledPage() {
      await page.mouse.move(0, 0);
      // Toasts close by themselves after 4 s; the screen is judged as it stays.
      await expect.poll(() => page.locator('.mantine-Notification-root').count(), { timeout: 10_000 }).toBe(0);
      await page.waitForFunction(() =>
        document.getAnimations().every((animation) => animation.playState !== 'running'),
      );
    }

    it('keeps discount types: create one that needs a note, then change it', async () => {
      page.on('request', (request) => {
        if (request.method() !== 'GET') sent.push(`${request.method()} ${new URL(request.url()).pathname}`);
      });
      await page.setViewportSize(WIDE);
      await page.getByRole('tab', { name: 'Discounts' }).click();
      await page.getByText('No discounts yet.').waitFor();
      await page.getByRole('button', { name: 'Add discount' }).click();
      const dialog = page.getByRole('dialog', { name: 'New discount' });
      await dialog.getByLabel('Name').fill('PWD');
      await dialog.getByLabel('Percent (1–100)').fill('120');
      await dialog.getByRole('button', { name: 'Create' }).click();
      await dialog.getByText('A whole percent from 1 to 100.').waitFor();
      expect(sentTo(/\/admin\/discounts/)).toBe(0);
      await dialog.getByLabel('Percent (1–100)').fill('20');
      await dialog.getByLabel(/must write a note/).check({ force: true });
      await settledPage();
      expect(await axeFindings(page)).toEqual([]);
      await dialog.getByRole('button', { name: 'Create' }).click();
      const row = page.getByTestId('discount-PWD');
      await row.waitFor();
      expect(await row.textContent()).toContain('20%');

      await row.getByRole('button', { name: 'Edit PWD' }).click();
      const edit = page.getByRole('dialog', { name: 'Edit discount' });
      await edit.getByLabel('Percent (1–100)').fill('15');
      await edit.getByRole('button', { name: 'Save changes' }).click();
      await expect.poll(() => row.textContent()).toContain('15%');
      const token = await login('admin');
      const listed = await api<{ discounts: Json[] }>('GET', '/api/admin/discounts', token);
      expect(listed.body.discounts).toEqual([
        expect.objectContaining({ name: 'PWD', kind: 'percent', value: 15, requiresNote: true, active: true }),
      ]);
      await settledPage();
      expect(await axeFindings(page)).toEqual([]);
      expect(await layoutProblems(page)).toEqual([]);
      await screenshot(page, 'admin-discounts-1920x1080');
    });

    it('refunds part of a paid ticket from its audit trail, once however often clicked, never more than paid', async () => {
      const token = await login('admin');
      const before = (
        await api<{ transaction: { code: string; amountPaid: number } }>('GET', `/api/transactions/${paidId}`, token)
      ).body.transaction;
      await page.getByRole('tab', { name: 'Audit trail' }).click();
      await page.getByLabel('Ticket code').fill(`#${paidId}`);
      await page.getByRole('button', { name: 'Show history' }).click();
      const refund = page.getByRole('heading', { name: 'Refund' });
      await refund.waitFor();
      await page.getByLabel('Amount to refund').fill(String(before.amountPaid));
      await page.getByLabel('Amount to refund').fill(`${before.amountPaid / 100 + 1}`);
      await page.getByLabel('Reason').fill('Oil allergy');
      await page.getByTestId('refund').click();
      await page.getByText(/^At most ₱[\d,.]+ can be refunded\.$/).waitFor();
      expect(sentTo(/\/refunds$/)).toBe(0);

      await page.getByLabel('Amount to refund').fill('100');
      await page.getByRole('combobox', { name: 'Paid back by' }).click();
      await page.getByRole('option', { name: 'Card' }).click();
      await page.getByTestId('refund').dblclick();
      const table = page.getByRole('table', { name: 'Audit trail' });
      await table.getByRole('cell', { name: 'Refunded' }).waitFor();
      expect(sentTo(/\/refunds$/)).toBe(1);
      await table.getByRole('cell', { name: 'Card ₱100.00 · reason: Oil allergy' }).waitFor();
      const after = (
        await api<{ transaction: { amountRefunded: number } }>('GET', `/api/transactions/${paidId}`, token)
      ).body.transaction;
      expect(after.amountRefunded).toBe(10_000);
      await settledPage();
      expect(await axeFindings(page)).toEqual([]);
      await screenshot(page, 'admin-refund-1920x1080');
    });

    it('hands a ticket being paid to another cashier, its payments kept', async () => {
      const id = await newTicket();
      const therapist = await login('therapist4');
      const claim = await api('POST', `/api/transactions/${id}/claim`, therapist, {});
      expect(claim.status, JSON.stringify(claim.body)).toBe(200);
      expect((await api('POST', `/api/transactions/${id}/start`, therapist)).status).toBe(200);
      expect((await api('POST', `/api/transactions/${id}/finish`, therapist)).status).toBe(200);
      const cashier4 = await login('cashier4');
      const claimed = await api<{ transaction: { id: number } }>('POST', '/api/cashier/claim-next', cashier4);
      expect(claimed.body.transaction.id).toBe(id);
      const paidPart = await api(
        'POST',
        `/api/transactions/${id}/payments`,
        cashier4,
        { method: 'card', amount: 10_000 },
        {
          'idempotency-key': crypto.randomUUID(),
        },
      );
      expect(paidPart.status).toBe(201);
      const token = await login('admin');
      const staff = (
        await api<{ staff: { id: number; username: string; displayName: string; counter: string | null }[] }>(
          'GET',
          '/api/admin/staff',
          token,
        )
      ).body.staff;
      const cashier3 = staff.find((person) => person.username === 'cashier3')!;

      await page.getByLabel('Ticket code').fill(`#${id}`);
      await page.getByRole('button', { name: 'Show history' }).click();
      await page.getByRole('heading', { name: 'Hand over to another cashier' }).waitFor();
      await page.getByRole('combobox', { name: 'Cashier to take over' }).click();
      await page.getByRole('option', { name: `${cashier3.displayName} (${cashier3.counter})` }).click();
      await page.getByTestId('handover').dblclick();
      const table = page.getByRole('table', { name: 'Audit trail' });
      await table.getByRole('cell', { name: 'Handed to another cashier' }).waitFor();
      expect(sentTo(/\/handover$/)).toBe(1);
      const moved = (
        await api<{ transaction: { cashier: { id: number }; amountPaid: number; status: string } }>(
          'GET',
          `/api/transactions/${id}`,
          token,
        )
      ).body.transaction;
      expect(moved).toMatchObject({ status: 'paying', cashier: { id: cashier3.id }, amountPaid: 10_000 });
      await settledPage();
      expect(await axeFindings(page)).toEqual([]);
      await screenshot(page, 'admin-handover-1920x1080');
    });

    it("sets a therapist's commission override, which the day's earnings then use", async () => {
      await page.getByRole('tab', { name: 'Staff' }).click();
      const row = page.getByTestId('staff-therapist1');
      await row.getByRole('button', { name: /^Edit/ }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Commission override (%)').fill('140');
      await dialog.getByRole('button', { name: 'Save changes' }).click();
      await dialog.getByText('A whole percent from 0 to 100, or empty.').waitFor();
      await dialog.getByLabel('Commission override (%)').fill('40');
      await dialog.getByRole('button', { name: 'Save changes' }).click();
      await dialog.waitFor({ state: 'detached' });
      const staffList = await api<{ staff: { username: string; commissionPercent: number | null }[] }>(
        'GET',
        '/api/admin/staff',
        await login('admin'),
      );
      expect(staffList.body.staff.find((person) => person.username === 'therapist1')?.commissionPercent).toBe(40);
    });

    it('shows the day: every figure as the server reports it, sales by hour, earnings, drawers, and that it reconciles', async () => {
      const token = await login('admin');
      const shop = (await api<{ timeZone: string }>('GET', '/api/shop')).body;
      await page.getByRole('tab', { name: 'Day close' }).click();
      await page.getByTestId('reconciles').waitFor();
      const date = await page.getByLabel('Business day').inputValue();
      const report = (
        await api<
          Json & {
            netSales: number;
            grossSales: number;
            tips: number;
            refunds: number;
            paymentsReceived: number;
            reconciles: boolean;
          }
        >('GET', `/api/reports/day?date=${date}`, token)
      ).body;
      expect(date).toBe(new Intl.DateTimeFormat('en-CA', { timeZone: shop.timeZone }).format(new Date()));
      expect(report.reconciles).toBe(true);
      const peso = (minor: number) =>
        new Intl.NumberFormat('en-PH', { style: 'currency', currency: 'PHP' }).format(minor / 100);
      await expect.poll(() => page.getByTestId('day-net').textContent()).toBe(peso(report.netSales));
      expect(await page.getByTestId('day-gross').textContent()).toBe(peso(report.grossSales));
      expect(await page.getByTestId('day-received').textContent()).toBe(peso(report.paymentsReceived));
      expect(await page.getByTestId('day-refunds').textContent()).toBe(peso(-report.refunds || 0));
      expect(await page.getByTestId('reconciles').textContent()).toBe('Reconciles');
      expect(await page.getByTestId('sales-by-hour').locator('rect').count()).toBeGreaterThan(0);
      await page
        .getByRole('region', { name: 'Earnings per therapist' })
        .getByRole('cell', { name: 'Maria Santos' })
        .waitFor();
      await page
        .getByRole('region', { name: 'Cash drawers' })
        .getByRole('cell', { name: /\(C1\)$/ })
        .waitFor();
      await settledPage();
      expect(await axeFindings(page)).toEqual([]);
      expect(await layoutProblems(page)).toEqual([]);
      await screenshot(page, 'admin-day-1920x1080');

      // In Filipino, and every word through i18n.
      await page.evaluate(() => localStorage.setItem('spaflow.language', 'fil'));
      await page.reload();
      await page.getByRole('tab', { name: 'Pagsasara ng araw' }).click();
      await page.getByTestId('reconciles').waitFor();
      expect(await page.getByTestId('reconciles').textContent()).toBe('Tugma');
      await settledPage();
      expect(await axeFindings(page)).toEqual([]);
      await screenshot(page, 'admin-day-fil-1920x1080');
      await usePseudoLanguage(page);
      await page.getByRole('tab', { name: '⟦Day close⟧' }).click();
      await page.getByTestId('reconciles').waitFor();
      const names = staff(await api<{ staff: { displayName: string }[] }>('GET', '/api/admin/staff', token));
      const leftovers = await untranslatedText(page, [/^C\d\)?$/, /^\d{1,2}:\d{2}\s?[AP]M/]);
      expect(leftovers.filter((text) => !names.some((name) => text.includes(name)))).toEqual([]);
      await page.evaluate(() => localStorage.setItem('spaflow.language', 'en'));
      expect(unexpected(admin.problems)).toEqual([]);
    });
  });
});
