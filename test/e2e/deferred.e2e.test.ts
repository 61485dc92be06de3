/**
 * Browser tests of what the playground loads after its first results (issue 14, point 8): Monaco's
 * editor features (`playground/src/monaco-features.ts`, a chunk of its own) and the case's JSON
 * language (Monaco's `jsonMode` chunk and its worker). None of them times anything:
 *
 * - neither chunk is requested before the first results are shown: the page records the time of
 *   its first `pdl:applied` event, and the browser's own resource timing gives the time each
 *   request started, on the same clock;
 * - once they are loaded (`<html data-editor-features="ready">`, waited for, never slept for),
 *   completion and hover work in the policy editor, and completion in the case editor;
 * - text typed while the features are still loading (their request held by the test until it
 *   lets it go) is kept, and the features work after.
 *
 * And two things of the results and the case editor that the same points of the issue asked for:
 * - dates are UK dates everywhere in the results (tables, timeline, hovers' sources, simulation):
 *   no ISO date in their text or attributes but the machine-readable `<time datetime>`;
 * - one problem in the case, one marker: a misspelt event type and a missing comma each give a
 *   single marker (the worker's case check owns every problem of the case; Monaco's JSON language
 *   validates nothing, and completes and hovers from the schema).
 *
 * Input: the built playground (`harness.ts`: the run's build, or the dev server with
 * `PDL_E2E_DEV=1`). Output: pass/fail. Any console error or uncaught exception fails a test.
 */
import type { Page, Route } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeShare } from '../../playground/src/share.ts';
import { REPO_ROOT } from './harness.ts';
import { nextApplied, playgroundSession, ready, watchPage } from './session.ts';

const session = playgroundSession({ width: 1400, height: 1000 });
const { problems } = session;

/** The editor features' chunk (the build's `monaco-features-*.js`, the dev server's `/src/monaco-features.ts`). */
const FEATURES = /monaco-features/;
/** The JSON language service's chunk (the build's `jsonMode-*.js`) or its worker (`json.worker`). */
const JSON_MODE = /jsonMode|json\.worker/;

/** Opens the page (at `hash`), recording the time of the first `pdl:applied` event on the page's clock. */
async function openPage(page: Page, hash = ''): Promise<void> {
  await page.addInitScript(() => {
    window.addEventListener(
      'pdl:applied',
      () => {
        (window as unknown as { __firstApplied: number }).__firstApplied = performance.now();
      },
      { once: true },
    );
  });
  await page.goto(session.served.url + hash);
}

/** Waits for the first results (a check shown, with results). */
async function firstResults(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelector('#results')?.hasAttribute('data-request-id') === true, undefined, { timeout: 90_000 });
}

/** Waits until the deferred features say they work. */
async function featuresReady(page: Page): Promise<void> {
  await page.waitForFunction(() => document.documentElement.getAttribute('data-editor-features') === 'ready', undefined, { timeout: 60_000 });
}

/** When (page clock, ms) each loaded resource whose url matches `pattern` was requested. */
function requestStarts(page: Page, pattern: RegExp): Promise<number[]> {
  return page.evaluate(
    (source) =>
      performance
        .getEntriesByType('resource')
        .filter((e) => new RegExp(source).test(e.name))
        .map((e) => e.startTime),
    pattern.source,
  );
}

/**
 * The ISO dates in the markup of `selector` that a reader could see: in its text and its attributes
 * (tooltips, accessible names), but not in `datetime` (for machines) nor in element ids and their
 * references (`id`, `aria-controls`), which are never shown.
 */
function shownIsoDates(page: Page, selector: string): Promise<string[]> {
  return page.$eval(selector, (e) => e.outerHTML.replace(/ (datetime|id|aria-controls)="[^"]*"/g, '').match(/\b\d{4}-\d{2}-\d{2}\b/g) ?? []);
}

/** Selects the first occurrence of `text` in the editor `host` (Monaco's find, then Escape). */
async function findInEditor(page: Page, host: string, text: string): Promise<void> {
  await page.locator(`${host} .view-lines`).click();
  await page.keyboard.press('Control+f');
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
}

/** The text of the policy editor's rendered lines (Monaco renders spaces as no-break spaces). */
async function policyLines(page: Page): Promise<string[]> {
  const lines = await page.locator('#policy-editor .view-line').allTextContents();
  return lines.map((l) => l.replace(/\u00a0/g, ' '));
}

/** Completion in the policy editor: a declaration keyword at the start of a new last line (then deleted). */
async function policyCompletes(page: Page): Promise<void> {
  await page.locator('#policy-editor .monaco-editor .view-lines').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('dead');
  await page.keyboard.press('Control+Space');
  await page.waitForFunction(() => [...document.querySelectorAll('#policy-editor .suggest-widget.visible')].some((w) => (w.textContent ?? '').includes('deadline')), undefined, { timeout: 20_000 });
  await page.keyboard.press('Escape');
  await page.keyboard.press('Shift+Home');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
}

describe('the editor features and the JSON language load after the first results', () => {
  it('requests neither chunk before the first results; then completion and hover work in both editors', async () => {
    const page = await session.launched.context.newPage();
    watchPage(page, problems, { responses: true });
    await openPage(page);
    await firstResults(page);
    await featuresReady(page);
    const firstApplied = await page.evaluate(() => (window as unknown as { __firstApplied?: number }).__firstApplied);
    expect(typeof firstApplied).toBe('number');
    // The JSON language service loads once the case model is JSON (just after the features): wait for it.
    await page.waitForFunction((source) => performance.getEntriesByType('resource').some((e) => new RegExp(source).test(e.name)), JSON_MODE.source, { timeout: 60_000 });
    const features = await requestStarts(page, FEATURES);
    const jsonMode = await requestStarts(page, JSON_MODE);
    expect(features.length).toBeGreaterThan(0);
    expect(jsonMode.length).toBeGreaterThan(0);
    for (const start of [...features, ...jsonMode]) expect(start).toBeGreaterThanOrEqual(firstApplied ?? Infinity);
    // Its worker starts when it first validates the case.
    await expect.poll(() => session.requests.some((r) => /json\.worker/.test(r.url())), { timeout: 60_000 }).toBe(true);

    // Hover on a role's name: its title.
    await page.locator('#policy-editor .view-line', { hasText: /^role\s+practice_lead\b/ }).locator('span', { hasText: /^practice_lead$/ }).first().hover();
    await page.waitForFunction(() => [...document.querySelectorAll('.monaco-hover:not(.hidden)')].some((h) => (h.textContent ?? '').includes('Practice Lead')), undefined, { timeout: 20_000 });
    await page.mouse.move(0, 0);

    // Completion in the policy editor.
    await policyCompletes(page);

    // Completion in the case editor (the JSON language, with the policy's case schema): event types.
    await page.locator('#case-editor .view-line', { hasText: /"type":\s*"/ }).first().click({ position: { x: 8, y: 5 } });
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('"type": "');
    await page.keyboard.press('Control+Space');
    // (The list is virtual: the first event types are those in view.)
    await page.waitForFunction(() => [...document.querySelectorAll('.suggest-widget.visible')].some((w) => (w.textContent ?? '').includes('became_looked_after')), undefined, { timeout: 30_000 });
    await page.keyboard.press('Escape');
    await page.close();
  });

  it('keeps what is typed while the features load, and completes after', async () => {
    const page = await session.launched.context.newPage();
    watchPage(page, problems);
    // Hold the features' chunk until the text is typed (page.route also keeps it out of the cache).
    const held: Route[] = [];
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route(FEATURES, async (route) => {
      held.push(route);
      await released;
      await route.continue();
    });
    await openPage(page);
    await firstResults(page);
    await page.waitForFunction(() => document.documentElement.getAttribute('data-editor-features') === 'loading', undefined, { timeout: 30_000 });
    const marker = 'typed while the features load';
    // At the end of the first line, a comment: the policy still compiles.
    await page.locator('#policy-editor .monaco-editor .view-lines').click();
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('End');
    await page.keyboard.type(` ${marker}`);
    expect(await page.getAttribute('html', 'data-editor-features')).toBe('loading');
    expect(held.length).toBeGreaterThan(0);
    release();
    await featuresReady(page);
    expect((await policyLines(page)).some((l) => l.includes(marker))).toBe(true);
    await policyCompletes(page);
    await page.keyboard.press('Control+Home');
    await page.waitForFunction((m) => [...document.querySelectorAll('#policy-editor .view-line')].some((l) => (l.textContent ?? '').replace(/\u00a0/g, ' ').includes(m)), marker, { timeout: 10_000 });
    await page.close();
  });
});

describe('UK dates in the results', () => {
  it('shows every date of the tables, the timeline and the simulation as dd/mm/yyyy', async () => {
    const page = await session.launched.context.newPage();
    watchPage(page, problems);
    await openPage(page);
    await ready(page);
    // The tables: each date a <time> whose text is the UK form of its ISO datetime.
    const times = await page.$$eval('#results time', (ts) => ts.map((t) => [t.getAttribute('datetime') ?? '', t.textContent ?? '', t.getAttribute('title') ?? '']));
    expect(times.length).toBeGreaterThan(3);
    for (const [iso, text, title] of times) {
      const [y, m, d] = (iso ?? '').split('-');
      expect(text).toBe(`${d}/${m}/${y}`);
      expect(title).toMatch(/^(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday) \d{1,2} [A-Z][a-z]+ \d{4}$/);
    }
    expect(await page.textContent('#results table.obligations td.date')).toMatch(/^\d{2}\/\d{2}\/\d{4}/);
    // Nowhere else in the results (explanations, timeline labels, tooltips, accessible names): no ISO date.
    expect(await shownIsoDates(page, '#results')).toEqual([]);
    expect(await page.textContent('[data-testid=timeline]')).toMatch(/as of \d{2}\/\d{2}\/\d{4}/);

    // The simulation's summary.
    await page.click('#tab-simulation');
    await page.fill('#sim-cases', '20');
    await page.click('#sim-run');
    await page.waitForFunction(() => document.querySelector('#simulation')?.getAttribute('data-state') === 'done', undefined, { timeout: 90_000 });
    expect(await page.textContent('[data-testid=simulation-summary]')).toMatch(/\(\d{2}\/\d{2}\/\d{4} to \d{2}\/\d{2}\/\d{4}\), as of \d{2}\/\d{2}\/\d{4}/);
    expect(await shownIsoDates(page, '#simulation')).toEqual([]);
    await page.close();
  });
});

describe('one problem in the case, one marker', () => {
  /** Goes to the case's first problem (F8 from the top) and returns the marker widget's "1 of N problems" and message. */
  async function firstProblem(page: Page): Promise<{ title: string; message: string }> {
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('F8');
    await page.waitForSelector('#case-editor .peekview-title', { timeout: 20_000 });
    const title = (await page.locator('#case-editor .peekview-title').allTextContents()).join(' ');
    const message = (await page.locator('#case-editor .marker-widget').allTextContents()).join(' ');
    await page.keyboard.press('Escape');
    return { title, message };
  }

  it('marks an unknown attribute, its missing one and a missing comma once each, in the runtime\'s words', async () => {
    // The case opens with `planned` misspelt `plannedx` (a share link): two problems (an unknown
    // attribute, a missing one). The JSON language validates the case when it loads, before it
    // answers the completion below (one worker, in order), so its markers, were it to validate,
    // would be there when the problems are counted.
    const sample = readFileSync(join(REPO_ROOT, 'playground/samples/1-reviews-on-time.json'), 'utf8');
    expect(sample).toContain('"planned"');
    const caseText = sample.replace('"planned"', '"plannedx"');
    const page = await session.launched.context.newPage();
    watchPage(page, problems);
    await openPage(page, encodeShare({ v: 1, open: 'policies/bristol.pdl', policies: {}, case: caseText, asOf: '2025-12-01' }));
    await ready(page);
    await page.waitForSelector('#case-editor .squiggly-error', { timeout: 20_000 });
    await findInEditor(page, '#case-editor', 'review_held');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Control+Space');
    await page.waitForFunction(() => [...document.querySelectorAll('.suggest-widget.visible')].some((w) => (w.textContent ?? '').includes('became_looked_after')), undefined, { timeout: 30_000 });
    await page.keyboard.press('Escape');
    // Two markers, both the runtime's (Monaco's schema validation would add "Property plannedx is
    // not allowed" and 'Missing property "planned"').
    const attribute = await firstProblem(page);
    expect(attribute.title).toMatch(/(^|\D)1 of 2 problems\b/);
    expect(attribute.message).toMatch(/missing required attribute `planned`|did you mean `planned`/);
    expect(attribute.message).not.toMatch(/Missing property|is not allowed/);
    await nextApplied(page, async () => {
      await findInEditor(page, '#case-editor', 'plannedx');
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('Backspace');
    });
    await page.waitForFunction(() => document.querySelectorAll('#case-editor .squiggly-error').length === 0, undefined, { timeout: 20_000 });

    // A missing comma: one syntax error, the runtime's, with its line and column in words.
    await findInEditor(page, '#case-editor', '"facts"');
    await nextApplied(page, async () => {
      await page.keyboard.press('Home');
      await page.keyboard.press('ArrowUp');
      await page.keyboard.press('End');
      await page.keyboard.press('Backspace');
    });
    await page.waitForSelector('#case-editor .squiggly-error', { timeout: 20_000 });
    const comma = await firstProblem(page);
    expect(comma.title).toMatch(/(^|\D)1 of 1 problem\b/);
    expect(comma.message).toMatch(/not valid JSON: line \d+, column \d+/);
    await page.close();
  });
});
