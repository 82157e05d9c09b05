import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, launchBrowser, screenshot } from '../support/browser.js';
import { readQrCode } from '../support/qr.js';
import { axeFindings, layoutProblems, smallTargets, untranslatedText, usePseudoLanguage } from '../support/quality.js';
import { startServer, type RunningServer } from '../support/server.js';

type Transaction = {
  id: number;
  code: string | null;
  status: string;
  totalAmount: number;
  cancelReason: string | null;
  items: { classificationId: number; quantity: number }[];
};
type Viewport = { width: number; height: number };

const LANDSCAPE = { width: 1024, height: 768 };
const PORTRAIT = { width: 768, height: 1024 };
const PHONE = { width: 390, height: 844 };
const WIDE = { width: 1920, height: 1080 };
const sizeName = (viewport: Viewport) => `${viewport.width}x${viewport.height}`;

/** The smallest computed font size of visible text on the page (labels, prices, everything). */
const smallestText = (page: Page) =>
  page.evaluate(() => {
    let smallest = { size: Infinity, text: '' };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      const text = (node.textContent ?? '').trim();
      if (!parent || !text || !parent.checkVisibility()) continue;
      const box = parent.getBoundingClientRect();
      if (box.width <= 1 && box.height <= 1) continue; // screen-reader-only
      const size = parseFloat(getComputedStyle(parent).fontSize);
      if (size < smallest.size) smallest = { size, text: text.slice(0, 40) };
    }
    return smallest;
  });

/** Pairs of visible buttons closer than `gap` px to each other (a finger hits the neighbour). */
const crowdedButtons = (page: Page, gap: number) =>
  page.evaluate((gap) => {
    const boxes = Array.from(document.querySelectorAll<HTMLElement>('main button, nav button'))
      .filter((element) => element.checkVisibility())
      .map((element) => ({
        name: (element.textContent ?? '').trim().slice(0, 30),
        box: element.getBoundingClientRect(),
      }));
    const found: string[] = [];
    for (const [index, a] of boxes.entries())
      for (const b of boxes.slice(index + 1)) {
        const dx = Math.max(0, Math.max(a.box.left, b.box.left) - Math.min(a.box.right, b.box.right));
        const dy = Math.max(0, Math.max(a.box.top, b.box.top) - Math.min(a.box.bottom, b.box.bottom));
        if (Math.max(dx, dy) < gap - 0.5) found.push(`${a.name} / ${b.name}: ${Math.max(dx, dy)}px`);
      }
    return found;
  }, gap);

describe.skipIf(!chromiumPath)('the kiosk', () => {
  let server: RunningServer;
  let browser: Browser;

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
  const saved = (page: Page) =>
    page.evaluate(
      () =>
        JSON.parse(localStorage.getItem('spaflow.kiosk') ?? '{}') as {
          ticket?: { id: number; token: string };
          draft?: { id: number; token: string };
        },
    );

  /** A kiosk in a context of its own, its clock under the test's control (idle and return timers). */
  async function openKiosk(viewport: Viewport) {
    const context = await browser.newContext({ viewport, hasTouch: false });
    await context.clock.install();
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`${server.baseUrl}/kiosk`);
    return { page, problems, close: () => context.close() };
  }

  /** What every step must be: accessible, big, unclipped, fitting (or, on a phone, at least not sideways). */
  async function checkStep(page: Page, name: string, viewport: Viewport) {
    const heading = page.locator('h1');
    await heading.first().waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    expect(await axeFindings(page), name).toEqual([]);
    expect(await smallTargets(page, { min: 80 }), name).toEqual([]);
    expect(await crowdedButtons(page, 12), name).toEqual([]);
    expect(await layoutProblems(page, { noScroll: viewport !== PHONE }), name).toEqual([]);
    expect((await smallestText(page)).size, `${name}: ${(await smallestText(page)).text}`).toBeGreaterThanOrEqual(20);
    await screenshot(page, `kiosk-${sizeName(viewport)}-${name}`);
  }

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  for (const viewport of [LANDSCAPE, PORTRAIT, PHONE, WIDE]) {
    it(`takes a walk-in from the attract screen to a ticket in five taps at ${sizeName(viewport)}`, async () => {
      const kiosk = await openKiosk(viewport);
      const { page } = kiosk;
      let taps = 0;
      const tap = async (name: string | RegExp) => {
        taps++;
        await page.getByRole('button', { name, exact: typeof name === 'string' }).click();
      };
      await page.getByRole('button', { name: 'Tap to start' }).waitFor();
      await checkStep(page, 'attract', viewport);

      await tap('Tap to start');
      await page.getByRole('heading', { name: 'What would you like today?' }).waitFor();
      await checkStep(page, 'category', viewport);
      await tap(/^Signature Massage/);
      await page.getByRole('heading', { name: 'Choose a treatment' }).waitFor();
      await checkStep(page, 'service', viewport);
      await tap(/^Swedish/);
      await page.getByRole('heading', { name: 'Swedish: How long?' }).waitFor();
      await checkStep(page, 'tier', viewport);
      await tap(/^60 minutes/);
      await page.getByRole('heading', { name: 'Please check your selection' }).waitFor();
      await page.getByTestId('ticket-total').waitFor();
      // Every change is announced: the status region says what was added.
      expect(await page.getByRole('status').textContent()).toContain('Swedish 60 minutes added');
      // Prices and titles at least 28 px.
      for (const selector of ['h1', '[data-testid=ticket-total]', '[data-testid=items] li > span'])
        expect(
          await page
            .locator(selector)
            .first()
            .evaluate((element) => parseFloat(getComputedStyle(element).fontSize)),
          selector,
        ).toBeGreaterThanOrEqual(28);
      await checkStep(page, 'review', viewport);

      // A double tap on Confirm sends one request.
      const confirms: string[] = [];
      page.on('request', (request) => {
        if (request.url().endsWith('/confirm')) confirms.push(request.method());
      });
      taps++;
      await page.getByRole('button', { name: 'Confirm and get my ticket' }).dblclick();
      const code = page.getByTestId('ticket-code');
      await code.waitFor();
      expect(taps).toBeLessThanOrEqual(6);
      expect(confirms).toEqual(['POST']);

      // The ticket: code at least 64 px and whole, items, total, place and a wait that is never "0 min".
      const { ticket } = await saved(page);
      const { transaction } = await api<{ transaction: Transaction }>(
        'GET',
        `/api/transactions/${ticket!.id}`,
        ticket!.token,
      );
      expect(transaction.status).toBe('pending_therapist');
      expect(await code.textContent()).toBe(transaction.code);
      const codeBox = await code.evaluate((element) => ({
        size: parseFloat(getComputedStyle(element).fontSize),
        scroll: element.scrollWidth,
        client: element.clientWidth,
        right: element.getBoundingClientRect().right,
      }));
      expect(codeBox.size).toBeGreaterThanOrEqual(64);
      expect(codeBox.scroll).toBeLessThanOrEqual(codeBox.client);
      expect(codeBox.right).toBeLessThanOrEqual(viewport.width);
      expect(await page.getByTestId('items').textContent()).toContain('Swedish');
      expect(await page.getByTestId('queue-position').textContent()).toMatch(/You are next|Number \d+/);
      expect(await page.getByTestId('estimated-wait').textContent()).not.toMatch(/\b0 min/);
      // Nothing here cancels the ticket: the next walk-in cannot.
      expect(await page.getByRole('button', { name: /cancel/i }).count()).toBe(0);
      await page.getByTestId('handoff-code').waitFor();
      await checkStep(page, 'ticket', viewport);

      // The QR holds `<origin>/t/<the code shown>`, and no token.
      const handoffCode = (await page.getByTestId('handoff-code').textContent())!;
      expect(handoffCode).toMatch(/^[2-9A-HJKMNP-TV-Z]{8}$/);
      expect(await readQrCode(page.getByTestId('handoff-qr'))).toBe(`${server.baseUrl}/t/${handoffCode}`);

      // "Done" gives the kiosk to the next guest: the attract screen, and no ticket or token kept.
      await page.getByRole('button', { name: 'Done' }).click();
      await page.getByRole('button', { name: 'Tap to start' }).waitFor();
      expect(await saved(page)).toEqual({});
      expect(kiosk.problems).toEqual([]);
      await kiosk.close();
    });
  }

  it('takes a double tap as one decision: the second tap does not choose on the next step', async () => {
    const kiosk = await openKiosk(LANDSCAPE);
    const { page } = kiosk;
    await page.getByRole('button', { name: 'Tap to start' }).click();
    await page.getByRole('button', { name: /^Signature Massage/ }).dblclick();
    await page.getByRole('heading', { name: 'Choose a treatment' }).waitFor();
    await page.waitForTimeout(500);
    expect(await page.getByRole('heading', { name: 'Choose a treatment' }).count()).toBe(1);
    await page.getByRole('button', { name: /^Swedish/ }).dblclick();
    await page.getByRole('heading', { name: 'Swedish: How long?' }).waitFor();
    await page.waitForTimeout(500);
    expect(await page.getByRole('heading', { name: 'Swedish: How long?' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Back' }).dblclick();
    await page.waitForTimeout(500);
    expect(await page.getByRole('heading', { name: 'Choose a treatment' }).count()).toBe(1);
    expect(kiosk.problems).toEqual([]);
    await kiosk.close();
  });

  it('returns to the attract screen 45 seconds after the ticket, reload or not', async () => {
    const kiosk = await openKiosk(LANDSCAPE);
    const { page } = kiosk;
    await page.getByRole('button', { name: 'Tap to start' }).click();
    await page.getByRole('button', { name: /^Holistic Recovery/ }).click();
    await page.getByRole('button', { name: /^Assessment/ }).click();
    await page.getByRole('button', { name: /^30 minutes/ }).click();
    await page.getByRole('button', { name: 'Confirm and get my ticket' }).click();
    await page.getByTestId('ticket-code').waitFor();
    await page.clock.fastForward(30_000);
    await page.reload();
    await page.getByTestId('ticket-code').waitFor();
    expect(await page.getByText(/returns to the start in 1[0-5] seconds/).count()).toBe(1);
    await page.clock.fastForward(16_000);
    await page.getByRole('button', { name: 'Tap to start' }).waitFor();
    expect(await saved(page)).toEqual({});
    await page.reload();
    await page.getByRole('button', { name: 'Tap to start' }).waitFor();
    expect(kiosk.problems).toEqual([]);
    await kiosk.close();
  });

  it('asks after 60 idle seconds, then cancels the selection as expired', async () => {
    const kiosk = await openKiosk(LANDSCAPE);
    const { page } = kiosk;
    await page.getByRole('button', { name: 'Tap to start' }).click();
    await page.getByRole('button', { name: /^Signature Massage/ }).click();
    await page.getByRole('button', { name: /^Shiatsu/ }).click();
    await page.getByRole('button', { name: /^90 minutes/ }).click();
    await page.getByTestId('ticket-total').waitFor();
    const { draft } = await saved(page);

    await page.clock.fastForward(61_000);
    const prompt = page.getByRole('dialog', { name: 'Are you still there?' });
    await prompt.waitFor();
    expect(await axeFindings(page)).toEqual([]);
    expect(await smallTargets(page, { min: 80, within: '[role=dialog]' })).toEqual([]);
    await screenshot(page, 'kiosk-1024x768-idle');
    // A touch keeps the selection.
    await page.getByRole('button', { name: 'I am still here' }).click();
    await prompt.waitFor({ state: 'detached' });
    expect(await page.getByTestId('ticket-total').count()).toBe(1);

    await page.clock.fastForward(61_000);
    await prompt.waitFor();
    await page.clock.fastForward(21_000);
    await page.getByRole('button', { name: 'Tap to start' }).waitFor();
    await expect
      .poll(
        async () =>
          (await api<{ transaction: Transaction }>('GET', `/api/transactions/${draft!.id}`, draft!.token)).transaction,
      )
      .toMatchObject({ status: 'cancelled', cancelReason: 'expired' });
    expect(kiosk.problems).toEqual([]);
    await kiosk.close();
  });

  it('switches to Filipino on any step keeping the step and the selection, and every word goes through i18n', async () => {
    const kiosk = await openKiosk(LANDSCAPE);
    const { page } = kiosk;
    await page.getByRole('button', { name: 'Tap to start' }).click();
    await page.getByRole('button', { name: /^Signature Massage/ }).click();
    await page.getByRole('button', { name: /^Foot Massage/ }).click();
    await page.getByRole('button', { name: /^60 minutes/ }).click();
    await page.getByTestId('ticket-total').waitFor();
    await page.getByText('Filipino', { exact: true }).click();
    await page.getByRole('heading', { name: 'Pakisuri ang napili mo' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fil');
    expect(await page.getByTestId('items').textContent()).toContain('Foot Massage');
    expect(await axeFindings(page)).toEqual([]);
    expect(await layoutProblems(page, { noScroll: true })).toEqual([]);
    await screenshot(page, 'kiosk-1024x768-review-fil');

    // Reach mode: the controls move to the lower part of the screen.
    await page.getByRole('button', { name: 'Ibaba ang mga button' }).click();
    const languageTop = await page
      .getByRole('radiogroup')
      .or(page.locator('[aria-label="Wika"]'))
      .first()
      .boundingBox();
    expect(languageTop!.y).toBeGreaterThan(LANDSCAPE.height / 2);
    const confirmBox = await page.getByRole('button', { name: 'Kumpirmahin at kunin ang ticket' }).boundingBox();
    expect(confirmBox!.y).toBeGreaterThan(LANDSCAPE.height / 2);
    expect(await layoutProblems(page, { noScroll: true })).toEqual([]);
    await screenshot(page, 'kiosk-1024x768-review-lowered');

    // The pseudo-language: every word on every step came through i18n.
    await usePseudoLanguage(page);
    await page.getByTestId('ticket-total').waitFor();
    const data = [
      /^SpaFlow Demo Spa$/,
      /^[2-9A-HJKMNP-TV-Z]{8}$/,
      /^(Foot Massage|60 minutes|Signature Massage|Swedish|Shiatsu|Acupressure|Holistic Recovery)/,
      /min$/,
    ];
    expect(await untranslatedText(page, data)).toEqual([]);
    await page.getByRole('button', { name: '⟦Confirm and get my ticket⟧' }).click();
    await page.getByTestId('handoff-code').waitFor();
    expect(await untranslatedText(page, data)).toEqual([]);
    expect(kiosk.problems).toEqual([]);
    await kiosk.close();
  });

  it('prints the ticket on 80 mm and 58 mm rolls with nothing cut off', async () => {
    const kiosk = await openKiosk(LANDSCAPE);
    const { page } = kiosk;
    await page.getByRole('button', { name: 'Tap to start' }).click();
    await page.getByRole('button', { name: /^Holistic Recovery/ }).click();
    await page.getByRole('button', { name: /^Myofascial Release/ }).click();
    await page.getByRole('button', { name: /^120 minutes/ }).click();
    await page.getByRole('button', { name: 'Add another treatment' }).click();
    await page.getByRole('button', { name: /^Signature Massage/ }).click();
    await page.getByRole('button', { name: /^Acupressure/ }).click();
    await page.getByRole('button', { name: /^90 minutes/ }).click();
    await page.getByText('Acupressure').first().waitFor();
    await page.getByRole('button', { name: 'Confirm and get my ticket' }).click();
    await page.getByTestId('handoff-code').waitFor();
    await page.emulateMedia({ media: 'print' });
    for (const [name, millimetres] of [
      ['80mm', 80],
      ['58mm', 58],
    ] as const) {
      await page.setViewportSize({ width: Math.floor((millimetres - 6) * 3.78), height: 1200 });
      expect(await page.getByRole('button', { name: 'Print ticket' }).isVisible()).toBe(false);
      expect(await page.getByTestId('ticket-code').isVisible()).toBe(true);
      expect(await page.getByTestId('ticket-total').isVisible()).toBe(true);
      expect(await layoutProblems(page), name).toEqual([]);
      // Nothing wider than the roll: the page never scrolls sideways.
      expect(await page.evaluate(() => document.documentElement.scrollWidth), name).toBeLessThanOrEqual(
        Math.floor((millimetres - 6) * 3.78),
      );
      await screenshot(page, `kiosk-print-${name}`);
    }
    expect(kiosk.problems).toEqual([]);
    await kiosk.close();
  });

  it('is reached by the therapist claim live on the kiosk while it is shown', async () => {
    const kiosk = await openKiosk(LANDSCAPE);
    const { page } = kiosk;
    await page.getByRole('button', { name: 'Tap to start' }).click();
    await page.getByRole('button', { name: /^Signature Massage/ }).click();
    await page.getByRole('button', { name: /^Swedish/ }).click();
    await page.getByRole('button', { name: /^90 minutes/ }).click();
    await page.getByRole('button', { name: 'Confirm and get my ticket' }).click();
    await page.getByTestId('queue-position').waitFor();
    expect(await page.getByTestId('ticket-status').textContent()).toBe('Waiting for a therapist');
    const { ticket } = await saved(page);
    await api('POST', `/api/transactions/${ticket!.id}/claim`, await login('therapist1'), {});
    await page.getByTestId('queue-position').waitFor({ state: 'detached' });
    // The change is announced (a status region), not only drawn.
    expect(await page.getByTestId('ticket-status').getAttribute('role')).toBe('status');
    await expect.poll(() => page.getByTestId('ticket-status').textContent()).toBe('Therapist assigned');
    expect(kiosk.problems).toEqual([]);
    await kiosk.close();
  });
});
