import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

/**
 * What a screen must be for the people in front of it, measured from the DOM: accessible (axe-core,
 * WCAG 2.2 AA), big enough to hit, nothing cut off or pushed off screen, no words that bypass i18n.
 * Each check answers a list of findings; a test expects it to be empty, so a failure names what is wrong.
 */

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export type AxeFinding = { id: string; impact: string | null; help: string; targets: string[] };

/**
 * axe-core's WCAG 2.0–2.2 A and AA rules on the page as it is now. The script goes in through the
 * DevTools protocol (page.evaluate), which the app's CSP does not govern, so the page stays as served.
 */
export async function axeFindings(page: Page): Promise<AxeFinding[]> {
  const loaded = await page.evaluate(() => 'axe' in window);
  if (!loaded) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<AxeResults> } })
      .axe;
    type AxeResults = {
      violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
    };
    const results = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
      resultTypes: ['violations'],
    });
    return results.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(' ')).slice(0, 5),
    }));
  });
}

export type SmallTarget = { name: string; width: number; height: number };

/**
 * Visible controls (buttons, links, inputs, selects, anything with a button-like role) smaller than
 * `min` CSS pixels in height, or in width when `minWidth` is given. Names come from aria-label or text.
 */
export async function smallTargets(
  page: Page,
  options: { min: number; minWidth?: number; within?: string },
): Promise<SmallTarget[]> {
  return page.evaluate(({ min, minWidth, within }) => {
    const root = within ? document.querySelector(within) : document.body;
    if (!root) return [];
    const selector =
      'button, a[href], input:not([type=hidden]), select, textarea, [role=button], [role=radio], [role=tab], [role=checkbox], [role=switch], [role=option]';
    const found: { name: string; width: number; height: number }[] = [];
    for (const element of Array.from(root.querySelectorAll<HTMLElement>(selector))) {
      // Radio and checkbox inputs are drawn by their label in Mantine: measure what the finger hits.
      const target =
        element instanceof HTMLInputElement && ['radio', 'checkbox'].includes(element.type)
          ? (element.closest('label') ?? element.parentElement ?? element)
          : element;
      const box = target.getBoundingClientRect();
      const style = getComputedStyle(target);
      if (box.width === 0 || box.height === 0 || style.visibility === 'hidden') continue;
      if (box.height < min || (minWidth !== undefined && box.width < minWidth)) {
        const name = (element.getAttribute('aria-label') ?? element.textContent ?? element.tagName).trim().slice(0, 60);
        found.push({ name, width: Math.round(box.width), height: Math.round(box.height) });
      }
    }
    return found;
  }, options);
}

export type LayoutProblem = { what: 'clipped' | 'off-screen'; text: string; detail: string };

/**
 * Text cut off by its box (overflow hidden with content wider or taller than the box, e.g. an ellipsis)
 * and visible elements that reach outside the viewport horizontally, or below it when `noScroll` says
 * the screen must fit without scrolling.
 */
export async function layoutProblems(page: Page, options: { noScroll?: boolean } = {}): Promise<LayoutProblem[]> {
  return page.evaluate(({ noScroll }) => {
    const problems: { what: 'clipped' | 'off-screen'; text: string; detail: string }[] = [];
    const viewportWidth = document.documentElement.clientWidth;
    const viewportHeight = window.innerHeight;
    for (const element of Array.from(document.body.querySelectorAll<HTMLElement>('*'))) {
      const style = getComputedStyle(element);
      if (style.visibility === 'hidden' || style.display === 'none') continue;
      const box = element.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      // Screen-reader-only text is deliberately 1 px and clipped.
      if (box.width <= 1 && box.height <= 1) continue;
      const ownText = Array.from(element.childNodes)
        .filter((node) => node.nodeType === Node.TEXT_NODE)
        .map((node) => node.textContent ?? '')
        .join('')
        .trim();
      const hides = ['hidden', 'clip'].includes(style.overflowX) || style.textOverflow === 'ellipsis';
      if (ownText && hides && element.scrollWidth > element.clientWidth + 1) {
        problems.push({
          what: 'clipped',
          text: ownText.slice(0, 60),
          detail: `scrollWidth ${element.scrollWidth} > clientWidth ${element.clientWidth}`,
        });
      }
      if (!ownText && !(element instanceof HTMLInputElement) && !(element instanceof HTMLButtonElement)) continue;
      const right = Math.round(box.right);
      const bottom = Math.round(box.bottom + window.scrollY);
      if (box.left < -1 || right > viewportWidth + 1 || (noScroll && bottom > viewportHeight + 1)) {
        problems.push({
          what: 'off-screen',
          text: (ownText || element.getAttribute('aria-label') || element.tagName).slice(0, 60),
          detail: `box ${Math.round(box.left)},${Math.round(box.top)} → ${right},${bottom} in ${viewportWidth}×${viewportHeight}`,
        });
      }
    }
    return problems;
  }, options);
}

/**
 * Switches this page to the test-only pseudo-language (every i18n string wrapped in ⟦…⟧) and reloads.
 * Afterwards `untranslatedText` lists visible words that did not come through i18n.
 */
export async function usePseudoLanguage(page: Page): Promise<void> {
  await page.evaluate(() => localStorage.setItem('spaflow.language', 'x-pseudo'));
  await page.reload();
}

/**
 * Visible text nodes with letters outside ⟦…⟧, less what is data (names, codes, amounts) matched by
 * `allow`. Only meaningful after `usePseudoLanguage`.
 */
export async function untranslatedText(page: Page, allow: RegExp[] = []): Promise<string[]> {
  const texts = await page.evaluate(() => {
    const found: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || ['SCRIPT', 'STYLE', 'NOSCRIPT'].includes(parent.tagName)) continue;
      if (!parent.checkVisibility()) continue;
      const text = (node.textContent ?? '').trim();
      if (text) found.push(text);
    }
    return found;
  });
  // Interpolated strings arrive whole (⟦Room {{room}}⟧ → ⟦Room 101⟧); what is left outside brackets
  // with letters in it is English (or data) that no translation reached.
  return texts
    .map((text) => text.replace(/⟦[^⟧]*⟧/g, '').trim())
    .filter((rest) => /\p{L}/u.test(rest) && !allow.some((pattern) => pattern.test(rest)));
}
