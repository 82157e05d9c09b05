import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, launchBrowser, screenshot } from '../support/browser.js';
import { axeFindings, layoutProblems, untranslatedText, usePseudoLanguage } from '../support/quality.js';
import { startServer, type RunningServer } from '../support/server.js';

type Txn = { id: number; code: string | null; room: { name: string } | null };

const TV = { width: 1920, height: 1080 };
const TV_4K = { width: 3840, height: 2160 };
const OTHER_SIZES = [
  { width: 1024, height: 768 },
  { width: 768, height: 1024 },
  { width: 390, height: 844 },
];

/**
 * Counts what the board plays, in the page: each chime creates one oscillator (Web Audio), each spoken call
 * one utterance. Installed before the app loads; the app is not changed for the test.
 */
const COUNT_SOUNDS = () => {
  const counts = { chimes: 0, spoken: [] as string[] };
  (window as unknown as { sounds: typeof counts }).sounds = counts;
  const create = Object.getOwnPropertyDescriptor(BaseAudioContext.prototype, 'createOscillator')!.value as (
    this: BaseAudioContext,
  ) => OscillatorNode;
  BaseAudioContext.prototype.createOscillator = function () {
    counts.chimes++;
    return create.call(this);
  };
  window.speechSynthesis.speak = (utterance: SpeechSynthesisUtterance) => {
    counts.spoken.push(utterance.text);
  };
};
const sounds = (page: Page) =>
  page.evaluate(() => (window as unknown as { sounds: { chimes: number; spoken: string[] } }).sounds);

/** WCAG contrast ratio of an element's text colour against the board's background. */
const contrastOf = (page: Page, testId: string) =>
  page.getByTestId(testId).evaluate((element) => {
    const rgb = (value: string) => (value.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
    const luminance = ([r, g, b]: number[]) => {
      const channel = (c: number) => {
        const s = c / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * channel(r!) + 0.7152 * channel(g!) + 0.0722 * channel(b!);
    };
    let background = 'rgba(0, 0, 0, 0)';
    for (let node: Element | null = element; node; node = node.parentElement) {
      const colour = getComputedStyle(node).backgroundColor;
      if (!colour.startsWith('rgba(0, 0, 0, 0)') && colour !== 'transparent') {
        background = colour;
        break;
      }
    }
    const [a, b] = [luminance(rgb(getComputedStyle(element).color)), luminance(rgb(background))];
    return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  });

const fontSize = (page: Page, selector: string) =>
  page
    .locator(selector)
    .first()
    .evaluate((element) => parseFloat(getComputedStyle(element).fontSize));

describe.skipIf(!chromiumPath)('the public call board', () => {
  let server: RunningServer;
  let browser: Browser;
  const tokens = new Map<string, string>();
  let classificationId = 0;

  async function api<T>(method: string, path: string, as?: string, body?: unknown): Promise<T> {
    let token = as ? tokens.get(as) : undefined;
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
      },
      body: body === undefined ? null : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return JSON.parse(text) as T;
  }

  async function newCustomer(): Promise<Txn> {
    const created = await api<{ transaction: Txn; customerToken: string }>('POST', '/api/transactions', undefined, {
      items: [{ classificationId }],
    });
    const response = await fetch(`${server.baseUrl}/api/transactions/${created.transaction.id}/confirm`, {
      method: 'POST',
      headers: { authorization: `Bearer ${created.customerToken}` },
    });
    return ((await response.json()) as { transaction: Txn }).transaction;
  }

  async function openBoard(viewport: { width: number; height: number }, reducedMotion: 'reduce' | 'no-preference') {
    const context: BrowserContext = await browser.newContext({ viewport, reducedMotion });
    await context.clock.install();
    await context.addInitScript(COUNT_SOUNDS);
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`${server.baseUrl}/board`);
    await page.getByText('● Live').waitFor();
    return { page, problems, context };
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

  it('shows codes only, big and in order, and chimes exactly once per call-out after staff turn the sound on', async () => {
    const waiting = [await newCustomer(), await newCustomer(), await newCustomer()];
    const { page, problems, context } = await openBoard(TV, 'no-preference');
    await expect
      .poll(() => page.getByTestId('waiting').locator('li').allTextContents())
      .toEqual(waiting.map((txn) => txn.code));
    expect(await fontSize(page, '[data-testid=waiting] li')).toBeGreaterThanOrEqual(96);
    expect(await page.getByTestId('estimated-wait').textContent()).toMatch(/About [1-9]\d* minutes?/);
    expect(await axeFindings(page)).toEqual([]);
    expect(await layoutProblems(page, { noScroll: true })).toEqual([]);
    await screenshot(page, 'board-1920x1080-waiting');

    // Silent until a staff member turns the sound on: a call-out now shows but plays nothing.
    const first = await api<{ transaction: Txn }>(
      'POST',
      `/api/transactions/${waiting[0]!.id}/claim`,
      'therapist1',
      {},
    );
    await expect.poll(() => page.getByTestId('callout-code').textContent()).toBe(waiting[0]!.code);
    expect(await page.getByTestId('callout-place').textContent()).toContain(`Room ${first.transaction.room!.name}`);
    expect(await sounds(page)).toEqual({ chimes: 0, spoken: [] });

    await page.getByRole('button', { name: 'Sound off: tap to turn on (staff)' }).click();
    await page.getByRole('button', { name: 'Spoken calls off' }).click();
    const second = await api<{ transaction: Txn }>(
      'POST',
      `/api/transactions/${waiting[1]!.id}/claim`,
      'therapist2',
      {},
    );
    await expect.poll(() => page.getByTestId('callout-code').textContent()).toBe(waiting[1]!.code);
    const callout = page.getByTestId('callout');
    expect(await callout.getAttribute('data-announcing')).toBe('true');
    expect(await page.getByRole('status').textContent()).toBe(
      `Number ${waiting[1]!.code}, Room ${second.transaction.room!.name}`,
    );
    await expect
      .poll(() => sounds(page))
      .toEqual({
        chimes: 1,
        spoken: [
          `Number ${waiting[1]!.code!.split('').join(' ')}, please go to Room ${second.transaction.room!.name}.`,
        ],
      });
    // At most 3 flashes a second, for a few seconds; the call-out's highlight ends within 10 s.
    const animation = await callout.evaluate((element) => {
      const style = getComputedStyle(element);
      return { duration: parseFloat(style.animationDuration), count: Number(style.animationIterationCount) };
    });
    expect(1 / animation.duration).toBeLessThanOrEqual(3);
    expect(animation.count * animation.duration).toBeLessThanOrEqual(10);
    expect(await fontSize(page, '[data-testid=callout-code]')).toBeGreaterThanOrEqual(160);
    expect(await contrastOf(page, 'callout-code')).toBeGreaterThanOrEqual(7);
    expect(await axeFindings(page)).toEqual([]);
    await screenshot(page, 'board-1920x1080-calling');
    await page.clock.fastForward(10_500);
    await expect.poll(() => callout.getAttribute('data-announcing')).toBe('false');
    expect(await contrastOf(page, 'callout-code')).toBeGreaterThanOrEqual(7);
    expect(await contrastOf(page, 'estimated-wait')).toBeGreaterThanOrEqual(7);

    // The first claim is now among the calls, the recall calls it again: one more chime, for its new seq.
    await api('POST', `/api/transactions/${waiting[0]!.id}/recall`, 'therapist1');
    await expect.poll(() => sounds(page).then((counted) => counted.chimes)).toBe(2);

    // A reconnect brings the board back, never old call-outs.
    await context.setOffline(true);
    await page.getByText('○ Reconnecting…').waitFor({ timeout: 30_000 });
    await context.setOffline(false);
    await page.getByText('● Live').waitFor({ timeout: 30_000 });
    await page.waitForTimeout(500);
    expect((await sounds(page)).chimes).toBe(2);

    // Codes only: no names, services, money or priority reasons.
    const text = await page.locator('body').innerText();
    for (const secret of ['Maria', 'Jose', 'Swedish', '₱', 'PWD', 'Senior']) expect(text).not.toContain(secret);
    expect(text).toMatch(/recently called/i);

    // Against burn-in the whole board moves a little every 10 minutes.
    const position = () => page.getByTestId('board').evaluate((element) => getComputedStyle(element).transform);
    const before = await position();
    await page.clock.fastForward(10 * 60_000);
    await expect.poll(position).not.toBe(before);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('fades instead of flashing under reduced motion, and fits a 4K set and the other sizes', async () => {
    const { page, problems, context } = await openBoard(TV_4K, 'reduce');
    const customer = await newCustomer();
    await api('POST', `/api/transactions/${customer.id}/claim`, 'therapist3', {});
    await expect.poll(() => page.getByTestId('callout-code').textContent()).toBe(customer.code);
    const animation = await page.getByTestId('callout').evaluate((element) => getComputedStyle(element).animationName);
    expect(animation).toMatch(/fade/);
    expect(await fontSize(page, '[data-testid=callout-code]')).toBeGreaterThanOrEqual(160);
    expect(await layoutProblems(page, { noScroll: true })).toEqual([]);
    expect(await axeFindings(page)).toEqual([]);
    await page.clock.fastForward(11_000);
    await screenshot(page, 'board-3840x2160');
    for (const viewport of OTHER_SIZES) {
      await page.setViewportSize(viewport);
      expect(await layoutProblems(page), `${viewport.width}×${viewport.height}`).toEqual([]);
      await screenshot(page, `board-${viewport.width}x${viewport.height}`);
    }
    expect(problems).toEqual([]);
    await context.close();
  });

  it('speaks Filipino when switched, with every word through i18n', async () => {
    const { page, problems, context } = await openBoard(TV, 'no-preference');
    await page.getByText('Filipino', { exact: true }).click();
    await page.getByRole('heading', { name: 'Tinatawag ngayon' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fil');
    expect(await axeFindings(page)).toEqual([]);
    expect(await layoutProblems(page, { noScroll: true })).toEqual([]);
    await screenshot(page, 'board-1920x1080-fil');
    await usePseudoLanguage(page);
    await page.getByText('⟦Live⟧', { exact: false }).waitFor();
    expect(await untranslatedText(page, [/^SpaFlow Demo Spa$/, /^English$|^Filipino$/, /^[●○→♪]$/])).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });
});
