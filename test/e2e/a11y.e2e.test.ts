/**
 * Accessibility and first-impression tests of the playground in headless Chromium (issue 14, items
 * 1, 2, 3 and 6), against the build served on a loopback port (see `harness.ts`).
 *
 * Input: the built playground, and axe-core (`node_modules/axe-core/axe.min.js`, injected into the
 * page). Output: pass/fail, and screenshots in `test-artifacts/`.
 *
 * - axe-core finds no serious or critical WCAG 2.2 A/AA violation, in the light and the dark scheme,
 *   on the main view and on the simulation view (with a report shown);
 * - a keyboard-only walk from the top of the page reaches every control in the order of the page,
 *   leaves each editor (Escape then Tab; Ctrl+M), activates a problem with Enter and reaches the
 *   timeline's rows and the table's rows;
 * - a transient compile error keeps the last timeline and table, marked stale, until it compiles;
 * - the status line has a distinct colour, icon and words for each verdict, with AA contrast in
 *   both schemes, and is never cut off at 1024 or 1440 px;
 * - first impression: the editor opens on the policy rather than its header comments; the policy
 *   menu shows titles, not cut off; timeline labels are readable words with the full text in a
 *   tooltip; the "what you can do here" panel links to the language reference and is remembered
 *   once dismissed; the shortcuts dialog; the as-of date is dd/mm/yyyy whatever the locale;
 * - and no request left the page's origin.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS, REPO_ROOT } from './harness.ts';
import { nextApplied, playgroundSession, ready, watchPage } from './session.ts';

const AXE = join(REPO_ROOT, 'node_modules', 'axe-core', 'axe.min.js');
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

const session = playgroundSession({ width: 1440, height: 1000 });
const { requests, problems } = session;

async function openPage(options: { dark?: boolean; width?: number; keepIntro?: boolean } = {}): Promise<Page> {
  const page = await session.launched.context.newPage();
  watchPage(page, problems, { responses: true });
  await page.emulateMedia({ colorScheme: options.dark === true ? 'dark' : 'light' });
  if (options.width !== undefined) await page.setViewportSize({ width: options.width, height: 900 });
  if (options.keepIntro !== true) await page.addInitScript(() => localStorage.removeItem('pdl.playground.intro-dismissed'));
  await page.goto(session.served.url, { timeout: 120_000 });
  await ready(page);
  return page;
}

interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: readonly { readonly target: readonly unknown[]; readonly failureSummary?: string }[];
}

/** axe-core's serious and critical WCAG 2.2 A/AA violations on the page as it is. */
async function seriousViolations(page: Page): Promise<string[]> {
  // The page's Content-Security-Policy refuses inline scripts (so page.addScriptTag cannot add one):
  // axe-core's source is evaluated through the debugging protocol instead, which the CSP does not govern.
  if ((await page.evaluate(() => 'axe' in window)) === false) await page.evaluate(readFileSync(AXE, 'utf8'));
  const violations = await page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
  }, WCAG_TAGS);
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact ?? ''} ${v.id}: ${v.help} at ${v.nodes.slice(0, 5).map((n) => `${JSON.stringify(n.target)} (${n.failureSummary ?? ''})`).join('; ')}`);
}

/** What has focus, as a short name: `#id`, `editor:policy-editor`, `.class`, or the tag. */
function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const a = document.activeElement;
    if (a === null || a === document.body) return 'body';
    const editor = a.closest('.editor-host');
    if (editor !== null) return `editor:${editor.id}`;
    if (a.id !== '') return `#${a.id}`;
    if (a.matches('[data-doc-topic]')) return `topic:${a.getAttribute('data-doc-topic') ?? ''}`;
    if (a.matches('.tl-row')) return 'timeline-row';
    if (a.matches('button.why')) return 'table-row';
    if (a.matches('button.diagnostic-jump')) return 'problem';
    if (a.matches('a.skip-link')) return 'skip-link';
    return `${a.tagName.toLowerCase()}.${a.className}`;
  });
}

/** The WCAG contrast ratio of an element's text colour on its background (both `rgb()`). */
function contrastOf(page: Page, selector: string): Promise<number> {
  return page.$eval(selector, (element) => {
    const style = getComputedStyle(element);
    const parse = (c: string): number[] => (c.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
    const lum = (rgb: number[]): number => {
      const [r = 0, g = 0, b = 0] = rgb.map((v) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const a = lum(parse(style.color));
    const b = lum(parse(style.backgroundColor));
    return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  });
}

/** Puts an error into the open policy (it extends a policy that does not exist), the cursor after it. */
async function breakPolicy(page: Page): Promise<void> {
  await page.locator('#policy-editor .view-line', { hasText: /^policy\s+\S+\s+extends\s+\S+\s*$/ }).first().click({ position: { x: 8, y: 12 }, force: true });
  await page.keyboard.press('End');
  await nextApplied(page, async () => {
    await page.keyboard.type('zz');
  });
}

describe('the playground, by keyboard and for the eyes', () => {
  it('has no serious or critical axe-core violation (WCAG 2.2 A/AA), light and dark, main and simulation views', { timeout: 480_000 }, async () => {
    for (const dark of [false, true]) {
      const page = await openPage({ dark });
      expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(dark);
      expect(await seriousViolations(page), `main view, ${dark ? 'dark' : 'light'}`).toEqual([]);
      // The stale results and the failing status are audited too.
      await breakPolicy(page);
      expect(await page.getAttribute('#results', 'data-stale')).toBe('true');
      expect(await seriousViolations(page), `main view with an error, ${dark ? 'dark' : 'light'}`).toEqual([]);
      await page.keyboard.press('Control+z');
      await page.click('#tab-simulation');
      await page.fill('#sim-cases', '40');
      await page.click('#sim-run');
      await page.waitForFunction(() => document.querySelector('#simulation')?.getAttribute('data-state') === 'done', undefined, { timeout: 90_000 });
      expect(await seriousViolations(page), `simulation view, ${dark ? 'dark' : 'light'}`).toEqual([]);
      await page.screenshot({ path: join(ARTIFACTS, `a11y-simulation-${dark ? 'dark' : 'light'}.png`) });
      await page.close();
    }
  });

  it('is usable by keyboard alone: Tab reaches every control in order and leaves each editor', { timeout: 480_000 }, async () => {
    const page = await openPage();
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    const order: string[] = [];
    const leave = async (): Promise<void> => {
      await page.keyboard.press('Escape');
      await page.keyboard.press('Tab');
    };
    for (let i = 0; i < 80; i++) {
      const before = order.at(-1);
      if (before?.startsWith('editor:') === true) await leave();
      else await page.keyboard.press('Tab');
      const now = await focused(page);
      if (now === before && now.startsWith('editor:')) throw new Error(`focus is trapped in ${now}`);
      order.push(now);
      if (now === 'table-row') break;
    }
    const stops = order.filter((s, i) => s !== order[i - 1]);
    const expected = [
      'skip-link',
      '#help-toggle',
      '#shortcuts-open',
      '#share',
      'topic:deadlines',
      '#intro-dismiss',
      '#policy-select',
      '#policy-reset',
      '#policy-format',
      'editor:policy-editor',
      '#sample-select',
      '#case-reset',
      '#as-of',
      '#tab-case',
      '#tab-simulation',
      'editor:case-editor',
      'timeline-row',
      'table-row',
    ];
    // Each expected stop is reached, in this order (other stops may come between them).
    let at = -1;
    for (const stop of expected) {
      const found = stops.indexOf(stop, at + 1);
      expect(found, `${stop} after ${stops[at] ?? 'the top'} in ${stops.join(' ')}`).toBeGreaterThan(at);
      at = found;
    }
    expect(stops.filter((s) => s === 'timeline-row').length).toBe(1);
    expect(order.filter((s) => s === 'timeline-row').length).toBeGreaterThan(2);
    // Every control of the page (but those inside hidden panels and dialogs) was reached.
    const controls = await page.$$eval('button[id], select[id], input[id]:not([hidden])', (list) =>
      list.filter((e) => (e as HTMLElement).offsetParent !== null && e.closest('dialog, [hidden]') === null).map((e) => `#${e.id}`),
    );
    const unreached = controls.filter((c) => !stops.includes(c));
    expect(unreached.filter((c) => !c.startsWith('#sim-'))).toEqual([]);

    // The focus ring is visible on a button and on a timeline row.
    await page.focus('#policy-reset');
    expect(await page.$eval('#policy-reset', (b) => getComputedStyle(b).outlineStyle)).not.toBe('none');

    // Shift+Tab after Escape goes back out of the case editor; Tab without Escape indents and stays.
    await page.locator('#case-editor .view-line').first().click();
    await page.keyboard.press('Escape');
    await page.keyboard.press('Shift+Tab');
    expect(await focused(page)).toBe('#tab-simulation');
    await page.locator('#policy-editor .view-line', { hasText: /^\s+title\s+"/ }).first().click({ position: { x: 8, y: 12 }, force: true });
    await page.keyboard.press('Home');
    await nextApplied(page, async () => {
      await page.keyboard.press('Tab');
    });
    expect(await focused(page)).toBe('editor:policy-editor');
    await nextApplied(page, async () => {
      await page.keyboard.press('Control+z');
    });
    // Ctrl+M: Tab moves focus without Escape, until Ctrl+M again.
    await page.keyboard.press('Control+m');
    expect(await page.getAttribute('#policy-editor-hint', 'data-mode')).toBe('moves');
    await page.keyboard.press('Tab');
    expect(await focused(page)).not.toBe('editor:policy-editor');
    await page.locator('#policy-editor .view-line').first().click();
    await page.keyboard.press('Control+m');
    expect(await page.getAttribute('#policy-editor-hint', 'data-mode')).toBe('indents');
    // The way out is in the editor's accessible name.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '')).toContain('Escape then Tab');
    await page.screenshot({ path: join(ARTIFACTS, 'a11y-keyboard.png') });
    await page.close();
  });

  it('reaches each problem by keyboard and jumps to its range with Enter', async () => {
    const page = await openPage();
    await breakPolicy(page);
    const line = await page.$eval('#diagnostics button.diagnostic-jump', (b) => b.getAttribute('title') ?? '');
    expect(line).toMatch(/^Select line \d+/);
    await page.keyboard.press('Escape');
    for (let i = 0; i < 5 && (await focused(page)) !== 'problem'; i++) await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('problem');
    // Move the cursor away first, then Enter on the problem selects its text in the editor.
    await page.keyboard.press('Enter');
    expect(await focused(page)).toBe('editor:policy-editor');
    // Monaco draws the selection on its next frame: wait for it rather than read it at once.
    await page.waitForSelector('#policy-editor .selected-text', { state: 'attached', timeout: 30_000 });
    expect(await page.locator('#policy-editor .selected-text').count()).toBeGreaterThan(0);
    await page.close();
  });

  it('keeps the last results on screen, marked stale, while the policy does not compile', async () => {
    const page = await openPage();
    const rowsBefore = await page.locator('#results table.obligations tr.obligation').count();
    expect(rowsBefore).toBeGreaterThan(0);
    expect(await page.getAttribute('#status', 'data-verdict')).toBe('compiles');
    await breakPolicy(page);
    expect(await page.getAttribute('#results', 'data-stale')).toBe('true');
    expect(await page.textContent('#results .stale-note')).toContain('results from the last version that compiled');
    expect(await page.locator('#results table.obligations tr.obligation').count()).toBe(rowsBefore);
    expect(await page.locator('#results [data-testid=timeline]').count()).toBe(1);
    expect(await page.textContent('#results')).not.toContain('Not evaluated');
    expect(await page.getAttribute('#status', 'data-verdict')).toBe('fails');
    // Still stale after a second broken keystroke.
    await nextApplied(page, async () => {
      await page.keyboard.type('z');
    });
    expect(await page.getAttribute('#results', 'data-stale')).toBe('true');
    await page.screenshot({ path: join(ARTIFACTS, 'a11y-stale.png') });
    // Fixed: fresh results, no mark.
    await nextApplied(page, async () => {
      for (let i = 0; i < 3; i++) await page.keyboard.press('Backspace');
    });
    expect(await page.getAttribute('#results', 'data-stale')).toBeNull();
    expect(await page.locator('#results .stale-note').count()).toBe(0);
    expect(await page.getAttribute('#status', 'data-verdict')).toBe('compiles');
    await page.close();
  });

  it('shows each verdict in its own colour, icon and words, with AA contrast, never cut off', { timeout: 480_000 }, async () => {
    const seen = new Map<string, { color: string; background: string; icon: string }>();
    for (const dark of [false, true]) {
      for (const width of [1024, 1440]) {
        const page = await openPage({ dark, width });
        const check = async (verdict: string, words: RegExp): Promise<void> => {
          expect(await page.getAttribute('#status', 'data-verdict')).toBe(verdict);
          expect(await page.textContent('#status .status-text')).toMatch(words);
          const fits = await page.$eval('#status', (s) => ({ scroll: s.scrollWidth, client: s.clientWidth, right: s.getBoundingClientRect().right }));
          expect(fits.scroll, `${verdict} at ${width} px`).toBeLessThanOrEqual(fits.client);
          expect(fits.right).toBeLessThanOrEqual(width);
          expect(await contrastOf(page, '#status'), `${verdict} contrast, ${dark ? 'dark' : 'light'}`).toBeGreaterThanOrEqual(4.5);
          const style = await page.$eval('#status', (s) => ({ color: getComputedStyle(s).color, background: getComputedStyle(s).backgroundColor, icon: s.querySelector('.status-icon')?.textContent ?? '' }));
          seen.set(`${dark}:${verdict}`, style);
        };
        await check('compiles', /^Compiles/);
        await breakPolicy(page);
        await check('fails', /^Does not compile: \d+ errors?/);
        // While checking: the status says "Checking…" from the keystroke to the answer (recorded as it
        // happens: an idle worker answers within tens of milliseconds).
        await page.evaluate(() => {
          const status = document.querySelector('#status') as HTMLElement;
          const seen: unknown[] = [];
          (window as unknown as { statusSeen: unknown[] }).statusSeen = seen;
          new MutationObserver(() => {
            const style = getComputedStyle(status);
            seen.push({ verdict: status.dataset['verdict'], text: status.querySelector('.status-text')?.textContent ?? '', color: style.color, background: style.backgroundColor, icon: status.querySelector('.status-icon')?.textContent ?? '', scroll: status.scrollWidth, client: status.clientWidth });
          }).observe(status, { attributes: true, childList: true, subtree: true, characterData: true });
        });
        await nextApplied(page, async () => {
          await page.keyboard.type('q');
        });
        const evaluating = await page.evaluate(() => ((window as unknown as { statusSeen: { verdict: string; text: string; color: string; background: string; icon: string; scroll: number; client: number }[] }).statusSeen).find((s) => s.verdict === 'evaluating'));
        expect(evaluating?.text).toMatch(/^Checking/);
        expect(evaluating?.scroll).toBeLessThanOrEqual(evaluating?.client ?? 0);
        const ratio = await page.evaluate(([color, background]) => {
          const parse = (c: string): number[] => (c.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
          const lum = (rgb: number[]): number => {
            const [r = 0, g = 0, b = 0] = rgb.map((v) => {
              const x = v / 255;
              return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
            });
            return 0.2126 * r + 0.7152 * g + 0.0722 * b;
          };
          const a = lum(parse(color));
          const b = lum(parse(background));
          return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
        }, [evaluating?.color ?? '', evaluating?.background ?? ''] as const);
        expect(ratio, `evaluating contrast, ${dark ? 'dark' : 'light'}`).toBeGreaterThanOrEqual(4.5);
        if (evaluating !== undefined) seen.set(`${dark}:evaluating`, evaluating);
        await page.screenshot({ path: join(ARTIFACTS, `a11y-status-${dark ? 'dark' : 'light'}-${width}.png`) });
        await page.close();
      }
      const verdicts = ['compiles', 'fails', 'evaluating'].map((v) => seen.get(`${dark}:${v}`));
      expect(new Set(verdicts.map((v) => v?.color)).size).toBe(3);
      expect(new Set(verdicts.map((v) => v?.background)).size).toBe(3);
      expect(new Set(verdicts.map((v) => v?.icon)).size).toBe(3);
    }
  });

  it('makes a good first impression: rules first, titles in the menu, readable timeline labels, dd/mm/yyyy', { timeout: 480_000 }, async () => {
    for (const width of [1024, 1440]) {
      const page = await openPage({ width });
      // The editor opens on the policy line, not on the comments above it.
      const firstLine = await page.$$eval('#policy-editor .line-numbers', (nodes) => Math.min(...nodes.map((n) => Number(n.textContent))));
      expect(firstLine).toBeGreaterThan(1);
      expect(await page.locator('#policy-editor .view-line', { hasText: /^policy\s+bristol\./ }).count()).toBe(1);
      // Titles, not ids, in the policy menu; the selected one is not cut off.
      const options = await page.$$eval('#policy-select option', (list) => list.map((o) => ({ text: o.textContent ?? '', id: o.getAttribute('data-policy-id') ?? '', title: o.getAttribute('title') ?? '' })));
      expect(options.length).toBeGreaterThan(3);
      for (const o of options) {
        expect(o.text).not.toBe(o.id);
        expect(o.text).not.toMatch(/^[a-z_]+\.[a-z_]+/);
        expect(o.title).toContain(o.id);
      }
      const fit = await page.$eval('#policy-select', (s) => {
        const select = s as HTMLSelectElement;
        const canvas = document.createElement('canvas').getContext('2d');
        if (canvas === null) return { text: 0, room: 0 };
        const style = getComputedStyle(select);
        canvas.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
        const longest = Math.max(...[...select.options].filter((o) => o.getAttribute('data-policy-id') !== '').map((o) => canvas.measureText(o.textContent ?? '').width));
        return { text: longest, room: select.clientWidth - 28 };
      });
      expect(fit.text, `policy titles at ${width} px`).toBeLessThanOrEqual(fit.room);
      // Timeline labels: words, not identifiers, inside the picture, each with its full text as a tooltip.
      const labels = await page.$$eval('[data-testid=timeline] .tl-row text.tl-label', (nodes) =>
        nodes.map((n) => ({ text: [...n.querySelectorAll('tspan')].map((t) => t.textContent ?? '').join(' '), tip: n.querySelector('title')?.textContent ?? '', x: (n as SVGGraphicsElement).getBBox().x })),
      );
      expect(labels.length).toBeGreaterThan(2);
      for (const label of labels.slice(1)) {
        expect(label.text).not.toMatch(/_|…/);
        expect(label.tip.length).toBeGreaterThan(0);
        expect(label.x).toBeGreaterThanOrEqual(0);
      }
      // The as-of date in the UK form, whatever the browser's locale.
      expect(await page.evaluate(() => navigator.language)).toBeTruthy();
      expect(await page.inputValue('#as-of')).toBe('01/12/2025');
      expect(await page.textContent('#results .outcome-summary')).toContain('as of 01/12/2025');
      await page.screenshot({ path: join(ARTIFACTS, `a11y-first-impression-${width}.png`) });
      if (width === 1440) {
        await nextApplied(page, async () => {
          await page.fill('#as-of', '15/01/2026');
        });
        expect(await page.textContent('#results .outcome-summary')).toContain('as of 15/01/2026');
        // Not a date: marked invalid, the last date stays in use.
        await page.fill('#as-of', '31/02/2026');
        expect(await page.getAttribute('#as-of', 'aria-invalid')).toBe('true');
        await page.press('#as-of', 'Tab');
        expect(await page.inputValue('#as-of')).toBe('15/01/2026');
      }
      await page.close();
    }
  });

  it('offers a "what you can do here" panel with the language reference, remembered once dismissed, and the shortcuts', { timeout: 480_000 }, async () => {
    const page = await openPage({ keepIntro: true });
    expect(await page.isVisible('#intro')).toBe(true);
    expect(await page.textContent('#intro')).toContain('What you can do here');
    // A topic opens the reference, bundled with the page, at its heading.
    await page.click('[data-doc-topic=deadlines]');
    await page.waitForFunction(() => document.querySelector('#docs-dialog')?.getAttribute('data-state') === 'ready', undefined, { timeout: 30_000 });
    expect(await focused(page)).toBe('#doc-deadlines');
    expect(await page.textContent('#doc-deadlines')).toBe('Deadlines');
    expect(await page.locator('#docs-body pre.doc-code').count()).toBeGreaterThan(10);
    // An in-page link of the reference goes to its heading.
    await page.click('#docs-body a[href="#diagnostics"] >> nth=0');
    expect(await focused(page)).toBe('#doc-diagnostics');
    await page.screenshot({ path: join(ARTIFACTS, 'a11y-docs.png') });
    await page.keyboard.press('Escape');
    expect(await page.isVisible('#docs-dialog')).toBe(false);
    expect(await focused(page)).toBe('topic:deadlines');
    // Shortcuts.
    await page.click('#shortcuts-open');
    expect(await page.isVisible('#shortcuts-dialog')).toBe(true);
    expect(await page.textContent('#shortcuts-dialog')).toContain('Escape');
    await page.keyboard.press('Escape');
    expect(await focused(page)).toBe('#shortcuts-open');
    // Dismissed, and remembered.
    await page.click('#intro-dismiss');
    expect(await page.isVisible('#intro')).toBe(false);
    await page.reload();
    await ready(page);
    expect(await page.isVisible('#intro')).toBe(false);
    await page.click('#help-toggle');
    expect(await page.isVisible('#intro')).toBe(true);
    await page.close();
  });

  it('sent no request outside its own origin', () => {
    expect(requests.length).toBeGreaterThan(0);
    const foreign = requests.map((r) => r.url()).filter((url) => !url.startsWith(session.served.origin + '/') && !url.startsWith('data:') && !url.startsWith('blob:' + session.served.origin));
    expect(foreign).toEqual([]);
  });
});
