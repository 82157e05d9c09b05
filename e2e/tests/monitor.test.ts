import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, launchBrowser, openStation, screenshot, type StationPage } from '../support/browser.js';
import { axeFindings, layoutProblems, untranslatedText, usePseudoLanguage } from '../support/quality.js';
import { startServer, type RunningServer } from '../support/server.js';

type Txn = {
  id: number;
  code: string | null;
  status: string;
  balance: number;
  totalAmount: number;
  room: { id: number; name: string } | null;
};
type Catalog = {
  categories: { services: { name: string; classifications: { id: number; durationMinutes: number }[] }[] }[];
};
type Snapshot = { stats: { servedToday: number; revenueToday: { total: number } } };

const WALL = { width: 1920, height: 1080 };
const LAPTOP = { width: 1280, height: 800 };
/** A value on the live screen, read until it matches (the KPIs follow changes within a few seconds). */
const poll = <T>(read: () => Promise<T> | T, timeout = 10_000) => expect.poll(read, { timeout });
const peso = (minor: number) =>
  new Intl.NumberFormat('en-PH', { style: 'currency', currency: 'PHP' }).format(minor / 100);

describe.skipIf(!chromiumPath)('the floor monitor', () => {
  let server: RunningServer;
  let browser: Browser;
  const tokens = new Map<string, string>();
  let classifications: number[] = [];
  let catalogServices: string[] = [];

  /** One API call as a signed-in demo account (or a customer token), failing the test on a refusal. */
  async function api<T>(
    method: string,
    path: string,
    as: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<T> {
    let token = tokens.get(as) ?? as;
    if (!tokens.has(as) && !as.includes('.') && as.length < 20) {
      const login = await fetch(`${server.baseUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: as, password: 'password123' }),
      });
      expect(login.status).toBe(200);
      token = ((await login.json()) as { token: string }).token;
      tokens.set(as, token);
    }
    const response = await fetch(`${server.baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? null : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} as ${as}: ${response.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** A customer at the kiosk: picks a service and confirms; answers the waiting ticket. */
  async function newCustomer(index = 0, priority?: 'pwd' | 'senior' | 'pregnant'): Promise<Txn> {
    const created = await fetch(`${server.baseUrl}/api/transactions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        items: [{ classificationId: classifications[index % classifications.length] }],
        ...(priority ? { priority } : {}),
      }),
    });
    expect(created.status).toBe(201);
    const { transaction, customerToken } = (await created.json()) as { transaction: Txn; customerToken: string };
    tokens.set(`customer.${transaction.id}`, customerToken);
    return (await api<{ transaction: Txn }>('POST', `/api/transactions/${transaction.id}/confirm`, customerToken))
      .transaction;
  }

  const claim = async (therapist: string) =>
    (await api<{ transaction: Txn }>('POST', '/api/therapist/claim-next', therapist, {})).transaction;
  const step = async (id: number, action: 'start' | 'finish', therapist: string) =>
    (await api<{ transaction: Txn }>('POST', `/api/transactions/${id}/${action}`, therapist)).transaction;
  const cashierClaim = async (cashier: string) =>
    (await api<{ transaction: Txn }>('POST', '/api/cashier/claim-next', cashier)).transaction;
  /** Cash goes into an open drawer: each cashier opens theirs once. */
  const drawersOpen = new Set<string>();
  const payCash = async (transaction: Txn, cashier: string) => {
    if (!drawersOpen.has(cashier)) {
      await api('POST', '/api/cashier/drawer/open', cashier, { openingFloat: 100_000 });
      drawersOpen.add(cashier);
    }
    return api(
      'POST',
      `/api/transactions/${transaction.id}/payments`,
      cashier,
      {
        method: 'cash',
        amount: transaction.balance,
        tendered: transaction.balance + 10_000,
      },
      { 'Idempotency-Key': crypto.randomUUID() },
    );
  };

  const column = (page: Page, name: string) => page.getByRole('region', { name, exact: true });
  const ticketIn = (page: Page, name: string, code: string | null) =>
    column(page, name).locator(`[data-ticket="${code}"]`);
  const kpi = async (page: Page, name: string) =>
    ((await page.getByRole('group', { name, exact: true }).locator('div').nth(1).textContent()) ?? '').trim();

  async function signIn(station: StationPage, username: string): Promise<void> {
    await station.page.getByRole('textbox', { name: 'Username' }).fill(username);
    await station.page.getByRole('textbox', { name: 'Password' }).fill('password123');
    await station.page.getByRole('button', { name: 'Sign in' }).click();
  }

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const catalog = (await (await fetch(`${server.baseUrl}/api/catalog`)).json()) as Catalog;
    catalogServices = catalog.categories.flatMap((category) => category.services).map((service) => service.name);
    // Short services, so a screen full of tickets uses a mix of durations.
    classifications = catalog.categories
      .flatMap((category) => category.services)
      .flatMap((service) => service.classifications)
      .filter((classification) => classification.durationMinutes <= 60)
      .map((classification) => classification.id);
    expect(classifications.length).toBeGreaterThan(2);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('follows one customer from the kiosk to paid, live, and updates the day’s figures', async () => {
    const monitor = await openStation(browser, `${server.baseUrl}/monitor`, WALL);
    const { page } = monitor;
    await signIn(monitor, 'monitor1');
    await column(page, 'Waiting').getByText('No one is waiting').waitFor();
    await page.getByText('Live', { exact: true }).waitFor();
    await page.getByText('Signed in as Floor Monitor').waitFor();
    await screenshot(page, 'monitor-empty-floor');
    // Marks this page: a reload would wipe it, so the checks below prove the screen updates itself.
    await page.evaluate(() => Object.assign(window, { stillTheSamePage: true }));
    expect(await kpi(page, 'Served today')).toBe('0');
    expect(await kpi(page, 'Revenue today')).toBe(peso(0));
    expect(await column(page, 'Rooms').locator('[data-room]').count()).toBe(4);

    const customer = await newCustomer();
    await ticketIn(page, 'Waiting', customer.code).waitFor();
    await poll(() => kpi(page, 'Waiting now')).toBe('1');
    // The wait ticks every second on its own.
    const waited = ticketIn(page, 'Waiting', customer.code).locator('span').last();
    const firstReading = await waited.textContent();
    await poll(() => waited.textContent(), 5000).not.toBe(firstReading);

    const claimed = await claim('therapist1');
    expect(claimed.id).toBe(customer.id);
    await ticketIn(page, 'Serving', customer.code).waitFor();
    await ticketIn(page, 'Waiting', customer.code).waitFor({ state: 'detached' });
    await poll(() => ticketIn(page, 'Serving', customer.code).textContent()).toContain('Getting ready');
    await poll(() => ticketIn(page, 'Serving', customer.code).textContent()).toContain('Maria Santos');
    const room = claimed.room!.name;
    await poll(() => page.locator(`[data-room="${room}"]`).getAttribute('data-status')).toBe('reserved');
    await poll(() => page.locator('[data-staff="Maria Santos"]').textContent()).toContain(`Serving ${customer.code}`);

    await step(customer.id, 'start', 'therapist1');
    await poll(() => ticketIn(page, 'Serving', customer.code).textContent()).toMatch(/\d+:\d\d left/);
    await poll(() => page.locator(`[data-room="${room}"]`).getAttribute('data-status')).toBe('occupied');

    await step(customer.id, 'finish', 'therapist1');
    await ticketIn(page, 'Awaiting payment', customer.code).waitFor();
    await ticketIn(page, 'Serving', customer.code).waitFor({ state: 'detached' });
    await poll(() => page.locator(`[data-room="${room}"]`).getAttribute('data-status')).toBe('cleaning');
    await poll(() => ticketIn(page, 'Awaiting payment', customer.code).textContent()).toContain(
      peso(customer.totalAmount),
    );

    const paying = await cashierClaim('cashier1');
    expect(paying.id).toBe(customer.id);
    await ticketIn(page, 'Paying', customer.code).waitFor();
    await ticketIn(page, 'Awaiting payment', customer.code).waitFor({ state: 'detached' });
    await poll(() => ticketIn(page, 'Paying', customer.code).textContent()).toContain('Counter C1');
    expect(await kpi(page, 'Served today')).toBe('0');

    await payCash(paying, 'cashier1');
    await ticketIn(page, 'Paying', customer.code).waitFor({ state: 'detached' });
    await column(page, 'Paying').getByText('No one is paying').waitFor();
    // The figures come from the server, refreshed a few seconds after the change.
    const figures = await api<Snapshot>('GET', '/api/monitor/snapshot', 'monitor1');
    expect(figures.stats.servedToday).toBe(1);
    expect(figures.stats.revenueToday.total).toBe(customer.totalAmount);
    await poll(() => kpi(page, 'Served today')).toBe('1');
    await poll(() => kpi(page, 'Revenue today')).toBe(peso(customer.totalAmount));
    await poll(() => page.getByRole('group', { name: 'Cash', exact: true }).textContent()).toContain(
      peso(customer.totalAmount),
    );
    await poll(() => page.getByRole('group', { name: 'Maria Santos', exact: true }).textContent()).toContain('1');

    expect(await page.evaluate(() => (window as unknown as { stillTheSamePage?: boolean }).stillTheSamePage)).toBe(
      true,
    );
    // The chime: off by default, remembered once switched on, and sounding when a new customer starts
    // waiting (counted through the page's WebAudio oscillators).
    const chime = page.getByRole('switch', { name: 'Chime for new customers' });
    expect(await chime.isChecked()).toBe(false);
    await chime.click({ force: true });
    expect(await chime.isChecked()).toBe(true);
    expect(await page.evaluate(() => localStorage.getItem('spaflow.monitor.chime'))).toBe('true');
    await page.context().addInitScript(() => {
      const counter = window as unknown as { tones: number };
      counter.tones = 0;
      class CountingAudioContext extends AudioContext {
        override createOscillator(): OscillatorNode {
          counter.tones++;
          return super.createOscillator();
        }
      }
      Object.assign(window, { AudioContext: CountingAudioContext });
    });
    await page.reload();
    await page.getByText('Live', { exact: true }).waitFor();
    expect(await page.getByRole('switch', { name: 'Chime for new customers' }).isChecked()).toBe(true);
    const tones = () => page.evaluate(() => (window as unknown as { tones: number }).tones);
    expect(await tones()).toBe(0);
    const next = await newCustomer(1);
    await ticketIn(page, 'Waiting', next.code).waitFor();
    await poll(tones).toBe(1);
    await api('POST', `/api/transactions/${next.id}/cancel`, `customer.${next.id}`, {});
    await ticketIn(page, 'Waiting', next.code).waitFor({ state: 'detached' });

    // The room is cleaned for the next test.
    await api('POST', `/api/rooms/${claimed.room!.id}/ready`, 'therapist1');
    await poll(() => page.locator(`[data-room="${room}"]`).getAttribute('data-status')).toBe('available');
    expect(monitor.problems).toEqual([]);
    await monitor.close();
  });

  it('shows a busy floor on a wall display without scrolling, and on a laptop', async () => {
    // Four served and back in the cashier queue, two of them paying; four in service; fifteen waiting.
    const served: Txn[] = [];
    for (let index = 1; index <= 4; index++) {
      const customer = await newCustomer(index);
      const claimed = await claim(`therapist${index}`);
      expect(claimed.id).toBe(customer.id);
      await step(claimed.id, 'start', `therapist${index}`);
      served.push(await step(claimed.id, 'finish', `therapist${index}`));
      await api('POST', `/api/rooms/${claimed.room!.id}/ready`, `therapist${index}`);
    }
    await cashierClaim('cashier1');
    await cashierClaim('cashier2');
    for (let index = 1; index <= 4; index++) {
      await newCustomer(index + 4, index === 4 ? 'senior' : undefined);
      const claimed = await claim(`therapist${index}`);
      if (index <= 2) await step(claimed.id, 'start', `therapist${index}`);
    }
    const waiting: Txn[] = [];
    for (let index = 0; index < 15; index++)
      waiting.push(await newCustomer(index, index % 6 === 2 ? 'pwd' : undefined));

    const monitor = await openStation(browser, `${server.baseUrl}/monitor`, WALL);
    const { page } = monitor;
    // One service started long enough ago to be overdue (the server's clock cannot be moved: the
    // snapshot this page receives says so instead).
    let overdueCode: string | null = null;
    await page.route('**/api/monitor/snapshot', async (route) => {
      const response = await route.fetch();
      const snapshot = (await response.json()) as {
        serving: { code: string; status: string; serviceStartAt: string | null; totalDurationMinutes: number }[];
      };
      const started = snapshot.serving.find((transaction) => transaction.status === 'in_service');
      if (started) {
        overdueCode = started.code;
        started.serviceStartAt = new Date(Date.now() - (started.totalDurationMinutes + 3) * 60_000).toISOString();
      }
      await route.fulfill({ response, json: snapshot });
    });
    await signIn(monitor, 'monitor1');
    for (const ticket of waiting) await ticketIn(page, 'Waiting', ticket.code).waitFor();
    expect(await column(page, 'Serving').locator('[data-ticket]').count()).toBe(4);
    expect(await column(page, 'Awaiting payment').locator('[data-ticket]').count()).toBe(2);
    expect(await column(page, 'Paying').locator('[data-ticket]').count()).toBe(2);
    await poll(() => kpi(page, 'Waiting now')).toBe('15');
    expect(await column(page, 'Waiting').getByText('Priority').count()).toBe(3);
    expect(overdueCode).not.toBeNull();
    const overdue = ticketIn(page, 'Serving', overdueCode);
    await poll(() => overdue.textContent()).toMatch(/3:\d\d over/);
    expect(await overdue.getAttribute('data-overdue')).toBe('true');
    expect(await column(page, 'Serving').locator('[data-overdue]').count()).toBe(1);
    // No scrolling on the wall: everything fits in 1920×1080.
    const size = await page.evaluate(() => ({
      height: document.documentElement.scrollHeight,
      width: document.documentElement.scrollWidth,
    }));
    expect(size.height).toBeLessThanOrEqual(WALL.height);
    expect(size.width).toBeLessThanOrEqual(WALL.width);
    expect(await layoutProblems(page, { noScroll: true })).toEqual([]);
    expect(await axeFindings(page)).toEqual([]);
    await screenshot(page, 'monitor-wall-1920x1080');

    await page.setViewportSize({ width: 3840, height: 2160 });
    expect(await layoutProblems(page, { noScroll: true })).toEqual([]);
    await screenshot(page, 'monitor-wall-3840x2160');

    await page.setViewportSize(LAPTOP);
    await screenshot(page, 'monitor-laptop-1280x800');

    // A new arrival appears on the full board too (the column then says how many more there are).
    const late = await newCustomer(3);
    await poll(() => kpi(page, 'Waiting now')).toBe('16');
    await poll(() => column(page, 'Waiting').locator('h2').textContent()).toContain('16');
    expect(late.code).not.toBeNull();

    // Back on the wall with one more than fits: the column says how many more, and nothing scrolls.
    await page.setViewportSize(WALL);
    await poll(async () => {
      const shown = await column(page, 'Waiting').locator('[data-ticket]').count();
      const more = (
        await column(page, 'Waiting')
          .getByText(/^\+\d+ more$/)
          .allTextContents()
      ).map((text) => Number(/\d+/.exec(text)![0]));
      return shown + (more[0] ?? 0);
    }).toBe(16);
    expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(WALL.height);
    await screenshot(page, 'monitor-wall-full-queue');

    // Every word on the board comes through i18n; what is left is the shop's own data.
    await usePseudoLanguage(page);
    await column(page, '⟦Waiting⟧').locator('[data-ticket]').first().waitFor();
    const staffAndMenu = await api<{ staff: { displayName: string }[] }>('GET', '/api/admin/staff', 'admin');
    const data = [...staffAndMenu.staff.map((person) => person.displayName), ...catalogServices, 'SpaFlow'];
    const leftovers = await untranslatedText(page, [/^C\d$/]);
    expect(leftovers.filter((text) => !data.some((name) => text.includes(name)))).toEqual([]);

    expect(monitor.problems).toEqual([]);
    await monitor.close();
  });

  it('lets an admin watch the floor and refuses a therapist plainly', async () => {
    const admin = await openStation(browser, `${server.baseUrl}/monitor`, LAPTOP);
    await signIn(admin, 'admin');
    await column(admin.page, 'Waiting').waitFor();
    await admin.page.getByText('Live', { exact: true }).waitFor();
    await admin.page.getByRole('button', { name: 'Sign out' }).click();
    await admin.page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(admin.problems).toEqual([]);
    await admin.close();

    const therapist = await openStation(browser, `${server.baseUrl}/monitor`, LAPTOP);
    await signIn(therapist, 'therapist2');
    const refusal = therapist.page.getByRole('alert');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('this is the monitor station');
    await screenshot(therapist.page, 'monitor-therapist-refused');
    expect(await therapist.page.getByRole('region', { name: 'Waiting' }).count()).toBe(0);
    // A refused sign-in answers 403 from the screen itself (no request fails in the console).
    expect(therapist.problems).toEqual([]);
    await therapist.close();
  });
});
