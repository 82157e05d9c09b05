import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, launchBrowser, openStation, screenshot, type StationPage } from '../support/browser.js';
import { axeFindings, layoutProblems, smallTargets, untranslatedText, usePseudoLanguage } from '../support/quality.js';
import { startServer, type RunningServer } from '../support/server.js';

type Catalog = { categories: { services: { name: string; classifications: { id: number; name: string }[] }[] }[] };
type Transaction = { id: number; code: string | null; status: string; room: { id: number; name: string } | null };

const TABLET = { width: 1024, height: 768 };
const PORTRAIT = { width: 768, height: 1024 };

/**
 * The filled buttons on screen (Mantine's default variant, or said outright): each state of the station
 * has exactly one, its primary action.
 */
async function primaryButtons(page: Page) {
  const filled = [
    'button[data-variant="filled"]',
    '.mantine-Button-root:not([data-variant])',
    '.mantine-ActionIcon-root:not([data-variant])',
  ].join(', ');
  return page.locator(filled).evaluateAll((buttons) =>
    buttons
      .filter((button) => button.getBoundingClientRect().height > 0)
      .map((button) => ({
        label: (button.textContent ?? '').trim(),
        height: Math.round(button.getBoundingClientRect().height),
      })),
  );
}

/** Lets the layout and every CSS transition finish: axe measures colours as they are at that moment. */
async function settled(page: Page) {
  // A tablet has no hover: leave no pointer resting on a button (the theme's hover shades are the desk's).
  await page.mouse.move(0, 0);
  await page.evaluate(() => window.scrollTo(0, 0)); // screenshots from the top, as the station opens
  // Toasts say a step is done and leave by themselves (3 s); they slide in and out from beyond the edge.
  await page.waitForFunction(() => document.querySelectorAll('.mantine-Notification-root').length === 0, null, {
    timeout: 10_000,
  });
  await page.waitForTimeout(150);
  // A cancelled animation (its element re-rendered) rejects `finished`; it is over all the same.
  await page.evaluate(() =>
    Promise.all(document.getAnimations().map((animation) => animation.finished.catch(() => undefined))),
  );
}

/**
 * One state of the station, checked as a tablet user meets it, in landscape and portrait: exactly one
 * primary action with this label (≥ 60 px), every control ≥ 48 px, nothing clipped or off screen, axe-core
 * clean, and a screenshot of each.
 */
async function checkState(page: Page, name: string, primary: string | RegExp) {
  for (const viewport of [TABLET, PORTRAIT]) {
    await page.setViewportSize(viewport);
    await settled(page);
    const buttons = await primaryButtons(page);
    expect({ name, viewport, primary: buttons.map((button) => button.label) }).toEqual({
      name,
      viewport,
      primary: [typeof primary === 'string' ? primary : expect.stringMatching(primary)],
    });
    expect(buttons[0]!.height).toBeGreaterThanOrEqual(60);
    expect({ name, viewport, small: await smallTargets(page, { min: 48 }) }).toEqual({ name, viewport, small: [] });
    expect({ name, viewport, layout: await layoutProblems(page) }).toEqual({ name, viewport, layout: [] });
    expect({ name, viewport, axe: await axeFindings(page) }).toEqual({ name, viewport, axe: [] });
    await screenshot(page, `therapist-${name}-${viewport.width}x${viewport.height}`);
  }
  await page.setViewportSize(TABLET);
}

/** Counts the data-changing requests (POST, PUT, PATCH, DELETE to /api) a page sends, by method and path. */
function countWrites(page: Page) {
  const sent = new Map<string, number>();
  page.on('request', (request) => {
    if (request.method() === 'GET' || !request.url().includes('/api/')) return;
    const key = `${request.method()} ${new URL(request.url()).pathname}`;
    sent.set(key, (sent.get(key) ?? 0) + 1);
  });
  return {
    of: (method: string, path: string) => sent.get(`${method} ${path}`) ?? 0,
    clear: () => sent.clear(),
  };
}

describe.skipIf(!chromiumPath)('the therapist station', () => {
  let server: RunningServer;
  let browser: Browser;
  let station: StationPage;

  const api = async <T>(method: string, path: string, body?: unknown, token?: string): Promise<T> => {
    const response = await fetch(`${server.baseUrl}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} → ${response.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };

  const login = async (username: string) =>
    (await api<{ token: string }>('POST', '/api/auth/login', { username, password: 'password123' })).token;

  /** A customer at the kiosk, through the HTTP API: picks the first service and confirms. */
  const newCustomer = async (priority?: 'senior') => {
    const catalog = await api<Catalog>('GET', '/api/catalog');
    const classificationId = catalog.categories[0]!.services[0]!.classifications[0]!.id;
    const created = await api<{ transaction: Transaction; customerToken: string }>('POST', '/api/transactions', {
      items: [{ classificationId }],
      ...(priority ? { priority } : {}),
    });
    const confirmed = await api<{ transaction: Transaction }>(
      'POST',
      `/api/transactions/${created.transaction.id}/confirm`,
      undefined,
      created.customerToken,
    );
    return confirmed.transaction;
  };

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    station = await openStation(browser, `${server.baseUrl}/therapist`, TABLET);
  });
  afterAll(async () => {
    await station?.close();
    await browser?.close();
    await server?.stop();
  });

  it('refuses a wrong password with the server’s own words', async () => {
    const { page } = station;
    await page.getByLabel('Username').waitFor();
    await screenshot(page, 'therapist-sign-in');
    await page.getByLabel('Username').fill('therapist1');
    await page.locator('input[type=password]').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: 'Wrong username or password, or the account is deactivated.' })
      .waitFor();
    // The refused login is the one failed request the browser reports; nothing else went wrong.
    expect(station.problems).toEqual([
      'console: Failed to load resource: the server responded with a status of 401 (Unauthorized)',
    ]);
    station.problems.length = 0;
  });

  it('runs a customer from the live queue through claim, start, finish and a ready room', async () => {
    const { page } = station;
    await page.getByLabel('Username').fill('therapist1');
    await page.locator('input[type=password]').fill('password123');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Signed in as Maria Santos').waitFor();
    await page.getByTestId('connection').filter({ hasText: 'Live' }).waitFor();
    await page.getByText('No one is waiting').first().waitFor();

    // A customer confirms at the kiosk: the ticket shows up here without a reload.
    const first = await newCustomer();
    const firstTicket = page.getByTestId(`queue-ticket-${first.code}`);
    await firstTicket.waitFor();
    // A priority customer (a senior) comes later but goes to the head of the queue, marked.
    const second = await newCustomer('senior');
    const secondTicket = page.getByTestId(`queue-ticket-${second.code}`);
    await secondTicket.waitFor();
    await expect
      .poll(() =>
        page.locator('[data-testid^="queue-ticket-"]').evaluateAll((cards) => cards.map((c) => c.dataset.testid)),
      )
      .toEqual([`queue-ticket-${second.code}`, `queue-ticket-${first.code}`]);
    expect(await secondTicket.getByText('Priority · Senior').isVisible()).toBe(true);
    expect(await page.getByText('2 waiting').isVisible()).toBe(true);
    // People are waiting: no wait reads "0 min" or "now".
    const queueText = (await page.getByRole('region', { name: 'Waiting' }).textContent()) ?? '';
    expect(queueText).not.toMatch(/\b0 min|now/i);
    expect(queueText).toMatch(/Est\. wait [1-9]\d* min/);
    await checkState(page, 'queue', 'Claim next (2)');

    // Another therapist takes the priority customer: it leaves this queue live, and room 102 is reserved.
    const therapist2 = await login('therapist2');
    await api('POST', `/api/transactions/${second.id}/claim`, {}, therapist2);
    await secondTicket.waitFor({ state: 'detached' });
    await page.getByTestId('room-102').getByText('Reserved').waitFor();
    await page.getByText('1 waiting').waitFor();

    // A break stops claims; ending it allows them again.
    await page.getByRole('button', { name: 'Take a break' }).click();
    await page.getByText('You are on a break. End the break to take customers.').waitFor();
    expect(await page.getByRole('button', { name: `Claim ticket ${first.code}` }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'End break' }).click();
    await page.getByRole('button', { name: 'Take a break' }).waitFor();

    // Claim this one into room 103 (not the home room), with a double click: exactly one claim is sent.
    const writes = countWrites(page);
    await page.locator('.mantine-SegmentedControl-root').getByText('103', { exact: true }).click();
    expect(await page.getByRole('radio', { name: '103' }).isChecked()).toBe(true);
    await page.getByRole('button', { name: `Claim ticket ${first.code}` }).dblclick();
    await expect.poll(() => page.getByTestId('current-ticket').textContent()).toBe(`Ticket ${first.code}`);
    await expect.poll(() => page.getByTestId('current-status').textContent()).toBe('Therapist assigned');
    expect(await page.getByTestId('current-room').textContent()).toBe('103');
    await page.getByTestId('room-103').getByText('Reserved').waitFor();
    await firstTicket.waitFor({ state: 'detached' });
    expect(writes.of('POST', `/api/transactions/${first.id}/claim`)).toBe(1);
    await page.getByText('No one is waiting').first().waitFor();
    // Only what the lifecycle allows now: start, recall, give back, no-show; no finish.
    expect(await page.getByRole('button', { name: 'Finish' }).count()).toBe(0);
    await checkState(page, 'claimed', 'Start service');

    // Recall: the customer is called again on the board; a double click sends one recall.
    await page.getByRole('button', { name: 'Recall' }).dblclick();
    await page.getByText(`Ticket ${first.code} is called again to room 103.`).waitFor();
    expect(writes.of('POST', `/api/transactions/${first.id}/recall`)).toBe(1);

    // One more of the same service during the claim: the booked time doubles.
    const booked = (await page
      .getByText(/^\d+ min$/)
      .first()
      .textContent())!;
    const minutes = Number.parseInt(booked, 10);
    await page.getByRole('button', { name: /^One more / }).click();
    await page
      .getByText(`${minutes * 2} min`, { exact: true })
      .first()
      .waitFor();

    // Start: in service, the room occupied, and a countdown that ticks.
    await page.getByRole('button', { name: 'Start service' }).dblclick();
    await expect.poll(() => page.getByTestId('current-status').textContent()).toBe('In service');
    await page.getByTestId('room-103').getByText('Occupied').waitFor();
    const countdown = page.getByTestId('countdown');
    const before = await countdown.textContent();
    await expect.poll(() => countdown.textContent(), { timeout: 5000 }).not.toBe(before);
    expect(writes.of('POST', `/api/transactions/${first.id}/start`)).toBe(1);
    expect(await page.getByRole('button', { name: 'Give back to queue' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Recall' }).count()).toBe(0);
    await checkState(page, 'in-service', 'Finish');

    // Finish in the first half of the booked time asks first; "keep going" changes nothing.
    await page.getByRole('button', { name: 'Finish' }).click();
    const finishDialog = page.getByRole('dialog', { name: `Finish ticket ${first.code} already?` });
    await finishDialog.waitFor();
    await settled(page);
    expect({ axe: await axeFindings(page) }).toEqual({ axe: [] });
    await screenshot(page, 'therapist-confirm-finish-1024x768');
    await finishDialog.getByRole('button', { name: 'No, keep going' }).click();
    await finishDialog.waitFor({ state: 'detached' });
    expect(writes.of('POST', `/api/transactions/${first.id}/finish`)).toBe(0);
    await expect.poll(() => page.getByTestId('current-status').textContent()).toBe('In service');

    // Finish: the customer goes to the cashier, the room needs cleaning, then it is marked ready.
    await page.getByRole('button', { name: 'Finish' }).click();
    await finishDialog.getByRole('button', { name: 'Yes, finish now' }).dblclick();
    await page.getByTestId('finished-card').getByText(`Ticket ${first.code} finished`).waitFor();
    expect(writes.of('POST', `/api/transactions/${first.id}/finish`)).toBe(1);
    await page.getByTestId('room-103').getByText('Cleaning').waitFor();
    await page.getByText('You have no customer right now.').waitFor();
    await checkState(page, 'after-finish', 'Room 103 ready');
    await page.getByTestId('finished-card').getByRole('button', { name: 'Room 103 ready' }).dblclick();
    await page.getByTestId('finished-card').getByText('Room 103 is ready.').waitFor();
    await page.getByTestId('room-103').getByText('Free').waitFor();
    const { rooms } = await api<{ rooms: { id: number; name: string }[] }>(
      'GET',
      '/api/rooms',
      undefined,
      await login('therapist1'),
    );
    expect(writes.of('POST', `/api/rooms/${rooms.find((room) => room.name === '103')!.id}/ready`)).toBe(1);
    await checkState(page, 'room-ready', 'No one is waiting');
    const held = await api<{ transaction: Transaction | null }>(
      'GET',
      `/api/transactions/${first.id}`,
      undefined,
      await login('therapist1'),
    );
    expect(held.transaction?.status).toBe('awaiting_payment');

    // Today's history lists the customer.
    await page.getByRole('tab', { name: "Today's history" }).click();
    await page.getByRole('cell', { name: first.code! }).waitFor();
    await screenshot(page, 'therapist-history');
    await page.getByRole('tab', { name: 'My customer' }).click();

    // Sign out: back to the sign-in form.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Username').waitFor();
    expect(station.problems).toEqual([]);
  });

  it('says plainly when no room is free, and confirms before giving back or cancelling a no-show', async () => {
    const { page } = station;
    await page.getByLabel('Username').fill('therapist1');
    await page.locator('input[type=password]').fill('password123');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('connection').filter({ hasText: 'Live' }).waitFor();

    // The admin takes every free room out of service (102 is still held by therapist2): the strip follows.
    const admin = await login('admin');
    const rooms = (
      await api<{ rooms: { id: number; name: string; status: string }[] }>('GET', '/api/rooms', undefined, admin)
    ).rooms;
    const free = rooms.filter((room) => room.status === 'available');
    for (const room of free) await api('PATCH', `/api/admin/rooms/${room.id}`, { outOfService: true }, admin);
    await page.getByTestId('room-103').getByText('Out of service').waitFor();
    const third = await newCustomer();
    await page.getByTestId(`queue-ticket-${third.code}`).waitFor();
    // No free room: the claim is off, with the reason beside it, and nothing is sent.
    const reason = page.getByText('Every room is in use right now.', { exact: false });
    await reason.waitFor();
    const claimNext = page.getByRole('button', { name: 'Claim next (1)' });
    expect(await claimNext.isDisabled()).toBe(true);
    const describedBy = (await claimNext.getAttribute('aria-describedby'))!;
    expect(await page.locator(`#${describedBy}`).textContent()).toContain('Every room is in use right now.');
    expect(await page.getByRole('button', { name: `Claim ticket ${third.code}` }).isDisabled()).toBe(true);
    await checkState(page, 'no-free-room', 'Claim next (1)');
    expect(await page.getByTestId('current-ticket').count()).toBe(0);
    expect(station.problems).toEqual([]);

    // Room 103 comes back: claim the next customer into it, then give it back after confirming.
    const room103 = rooms.find((room) => room.name === '103')!;
    await api('PATCH', `/api/admin/rooms/${room103.id}`, { outOfService: false }, admin);
    await page.getByTestId('room-103').getByText('Free').waitFor();
    await page.getByRole('button', { name: 'Claim next (1)' }).click();
    await expect.poll(() => page.getByTestId('current-ticket').textContent()).toBe(`Ticket ${third.code}`);
    await page.getByRole('button', { name: 'Give back to queue' }).click();
    const releaseDialog = page.getByRole('dialog', { name: `Give ticket ${third.code} back to the queue?` });
    await releaseDialog.waitFor();
    await screenshot(page, 'therapist-confirm-release');
    await releaseDialog.getByRole('button', { name: 'No, keep it' }).click();
    await releaseDialog.waitFor({ state: 'detached' });
    expect(await page.getByTestId('current-ticket').textContent()).toBe(`Ticket ${third.code}`);
    await page.getByRole('button', { name: 'Give back to queue' }).click();
    await releaseDialog.getByRole('button', { name: 'Yes, give it back' }).click();
    await page.getByTestId(`queue-ticket-${third.code}`).waitFor();
    await page.getByTestId('room-103').getByText('Free').waitFor();

    // Claimed again from the queue, the customer does not show: cancelled after confirming.
    await page.getByRole('button', { name: `Claim ticket ${third.code}` }).click();
    await expect.poll(() => page.getByTestId('current-ticket').textContent()).toBe(`Ticket ${third.code}`);
    await page.getByRole('button', { name: 'Mark as no-show' }).click();
    const noShowDialog = page.getByRole('dialog', { name: `Cancel ticket ${third.code} as a no-show?` });
    await noShowDialog.getByRole('button', { name: 'Yes, cancel as no-show' }).click();
    await page.getByText('You have no customer right now.').waitFor();
    await page.getByTestId(`queue-ticket-${third.code}`).waitFor({ state: 'detached' });
    const cancelled = await api<{ transaction: Transaction & { cancelReason: string } }>(
      'GET',
      `/api/transactions/${third.id}`,
      undefined,
      admin,
    );
    expect(cancelled.transaction).toMatchObject({ status: 'cancelled', cancelReason: 'no_show' });
    expect(station.problems).toEqual([]);
  });

  it('speaks Filipino, and every word on the station comes through i18n', async () => {
    const { page } = station;
    const waiting = await newCustomer();
    await page.evaluate(() => localStorage.setItem('spaflow.language', 'fil'));
    await page.reload();
    await page.getByTestId('connection').filter({ hasText: 'Live' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fil');
    await page.getByTestId(`queue-ticket-${waiting.code}`).waitFor();
    await page.getByText('Wala kang customer ngayon.').waitFor();
    await checkState(page, 'fil-queue', /^Kunin ang susunod \(\d+\)$/);

    await usePseudoLanguage(page);
    await page.getByTestId(`queue-ticket-${waiting.code}`).waitFor();
    // What may stay as it is: the shop's own data (names, services, codes, rooms) and the app's name.
    const data = [/^Maria Santos$/, /^SpaFlow$/, /Swedish|minutes|\(|\)/, /^[\d#:.,\s₱-]+$/];
    expect(await untranslatedText(page, data)).toEqual([]);
    await page.evaluate(() => localStorage.setItem('spaflow.language', 'en'));
    await page.reload();
    await page.getByText('You have no customer right now.').waitFor();
    expect(station.problems).toEqual([]);
  });

  it('goes back to the sign-in at once when the therapist is deactivated elsewhere', async () => {
    const { page } = station;
    const signOut = page.getByRole('button', { name: 'Sign out' });
    if (await signOut.isVisible()) await signOut.click();
    await page.getByLabel('Username').fill('therapist4');
    await page.locator('input[type=password]').fill('password123');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('connection').getByText('Live').waitFor();

    const admin = await login('admin');
    const { staff } = await api<{ staff: { id: number; username: string }[] }>(
      'GET',
      '/api/admin/staff',
      undefined,
      admin,
    );
    const therapist4 = staff.find((member) => member.username === 'therapist4')!;
    await api('PATCH', `/api/admin/staff/${therapist4.id}`, { active: false }, admin);
    // No click, no reload: the station learns it from the socket and signs out by itself.
    await page.getByRole('heading', { name: 'Therapist sign-in' }).waitFor({ timeout: 5_000 });
    await api('PATCH', `/api/admin/staff/${therapist4.id}`, { active: true }, admin);
    expect(station.problems).toEqual([]);
  });
});
