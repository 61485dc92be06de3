/**
 * Browser tests of what one keystroke in the policy costs the page, none of them timing anything
 * (they hold on any machine, at any load): a check's diagnostics are shown before its results; a
 * keystroke in a comment of Peterborough's policy (the largest) recompiles neither the policy it
 * extends nor prepares the policy again, and rebuilds none of the policy markers, the problems list
 * and the results (the page's counters in its `pdl:diagnostics` details, and the results' own
 * elements still in place); the status line's words never resize the top bar or the editors; an
 * edit that changes the problems or the results rebuilds them, and the markers follow the text.
 *
 * Input: the built playground (`harness.ts`: the run's build, or the dev server with
 * `PDL_E2E_DEV=1`). Output: pass/fail. Any console error or uncaught exception fails a test.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { nextApplied, playgroundSession, ready, watchPage } from './session.ts';

const session = playgroundSession({ width: 1400, height: 1000 });
const { problems } = session;

/** What the page told: each `pdl:diagnostics` and `pdl:applied` event in order, with its detail. */
interface Seen {
  readonly type: 'diagnostics' | 'applied';
  readonly requestId: number;
  readonly markerSets?: number;
  readonly listRenders?: number;
  readonly resultRenders?: number;
  readonly prepared?: number;
  readonly compiles?: { readonly parentsOfThisText: number };
}

/** Opens the page, recording the page's events and every resize of the top bar and the editors. */
async function openPage(): Promise<Page> {
  const page = await session.launched.context.newPage();
  watchPage(page, problems);
  await page.addInitScript(() => {
    const seen: unknown[] = [];
    (window as unknown as { __seen: unknown[] }).__seen = seen;
    window.addEventListener('pdl:diagnostics', (e) => seen.push({ type: 'diagnostics', ...(e as CustomEvent<object>).detail }));
    window.addEventListener('pdl:applied', (e) => seen.push({ type: 'applied', ...(e as CustomEvent<object>).detail }));
  });
  await page.goto(session.served.url);
  await ready(page);
  return page;
}

const seenSoFar = (page: Page): Promise<Seen[]> => page.evaluate(() => (window as unknown as { __seen: Seen[] }).__seen.slice());

/** The last `pdl:diagnostics` detail. */
async function lastDiagnostics(page: Page): Promise<Seen> {
  const seen = (await seenSoFar(page)).filter((s) => s.type === 'diagnostics');
  const last = seen[seen.length - 1];
  if (last === undefined) throw new Error('no pdl:diagnostics event yet');
  return last;
}

/** The last `pdl:applied` detail. */
async function lastApplied(page: Page): Promise<Seen> {
  const seen = (await seenSoFar(page)).filter((s) => s.type === 'applied');
  const last = seen[seen.length - 1];
  if (last === undefined) throw new Error('no pdl:applied event yet');
  return last;
}

/** Selects the policy whose menu entry matches `pattern`. */
async function selectPolicy(page: Page, pattern: RegExp): Promise<void> {
  const value = await page.$$eval('#policy-select option', (options, source) => options.find((o) => new RegExp(source, 'i').test(o.textContent ?? ''))?.getAttribute('value') ?? '', pattern.source);
  expect(value).not.toBe('');
  await nextApplied(page, async () => {
    await page.selectOption('#policy-select', value);
  });
}

/** Puts the cursor at the end of the policy's first line (a comment). */
async function toFirstLineEnd(page: Page): Promise<void> {
  await page.locator('#policy-editor .monaco-editor').click();
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('End');
}

/** Marks the first element of the results and of the problems list, to see later whether they were rebuilt. */
async function markShown(page: Page): Promise<void> {
  await page.evaluate(() => {
    for (const id of ['results', 'diagnostics']) document.getElementById(id)?.firstElementChild?.setAttribute('data-probe', 'kept');
  });
}

/** Whether the marked elements are still there. */
const stillShown = (page: Page, id: string): Promise<boolean> => page.evaluate((i) => document.querySelector(`#${i} > [data-probe=kept]`) !== null, id);

/** Starts recording resizes of the top bar and the two editors (after the observer's first report). */
async function watchSizes(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const resized: string[] = [];
    (window as unknown as { __resized: string[] }).__resized = resized;
    let started = false;
    const observer = new ResizeObserver((entries) => {
      if (started) for (const e of entries) resized.push(`${(e.target as HTMLElement).id || (e.target as HTMLElement).className}: ${e.contentRect.width}x${e.contentRect.height}`);
    });
    for (const selector of ['.topbar', '#policy-editor', '#case-editor']) {
      const element = document.querySelector(selector);
      if (element !== null) observer.observe(element);
    }
    // ResizeObserver reports each element once on observe, at the next frame: start after it.
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    started = true;
  });
}

/** Waits until the policy editor draws an error squiggle (Monaco draws markers at its next frame); fails after 10 s. */
async function squiggleShown(page: Page): Promise<void> {
  await page.waitForSelector('#policy-editor .squiggly-error', { timeout: 10_000 });
}

describe('a keystroke in the policy', () => {
  it('shows its diagnostics before its results, and a keystroke in a comment rebuilds and prepares nothing (Peterborough)', async () => {
    const page = await openPage();
    await selectPolicy(page, /peterborough|Child Care Reviews/);
    await toFirstLineEnd(page);
    // One keystroke first: it compiles this text's parents' cache entry in and settles the page.
    await nextApplied(page, async () => {
      await page.keyboard.type(' ');
    });
    await watchSizes(page);
    await markShown(page);
    expect(await stillShown(page, 'results')).toBe(true);
    const before = await lastDiagnostics(page);
    const preparedBefore = (await lastApplied(page)).prepared;
    expect(preparedBefore).toBeGreaterThan(0);
    const from = (await seenSoFar(page)).length;

    for (const key of ['a', 'b', 'c']) {
      await nextApplied(page, async () => {
        await page.keyboard.type(key);
      });
      const applied = await lastApplied(page);
      // A new text was compiled, its parent (the statutory policy) reused, and its IR's preparation reused.
      expect(applied.compiles?.parentsOfThisText).toBe(0);
      expect(applied.prepared).toBe(preparedBefore);
    }

    // Each check's diagnostics were shown before its results.
    const events = (await seenSoFar(page)).slice(from);
    const ids = [...new Set(events.map((e) => e.requestId))];
    expect(ids.length).toBeGreaterThanOrEqual(3);
    for (const id of ids) {
      const order = events.filter((e) => e.requestId === id).map((e) => e.type);
      expect(order, `request ${id}`).toEqual(['diagnostics', 'applied']);
    }
    // Nothing was rebuilt: markers, problems list and results are the ones shown before.
    const after = await lastDiagnostics(page);
    expect(after.requestId).toBeGreaterThan(before.requestId);
    expect(after.markerSets).toBe(before.markerSets);
    expect(after.listRenders).toBe(before.listRenders);
    expect(after.resultRenders).toBe(before.resultRenders);
    expect(await stillShown(page, 'results')).toBe(true);
    expect(await stillShown(page, 'diagnostics')).toBe(true);
    // "Checking…" came and went three times, and neither the top bar nor an editor changed size.
    expect(await page.evaluate(() => (window as unknown as { __resized: string[] }).__resized)).toEqual([]);
    await page.close();
  });

  it('rebuilds the problems, markers and results when they change, the markers following the text', async () => {
    const page = await openPage();
    const start = await lastDiagnostics(page);
    expect(await page.locator('#policy-editor .squiggly-error').count()).toBe(0);
    await markShown(page);

    // The policy line made wrong: an error, its marker and the problems list, and the results marked stale.
    await page.locator('#policy-editor .view-line', { hasText: /^policy\s+\S+\s+extends\s+\S+\s*$/ }).first().click({ position: { x: 8, y: 12 }, force: true });
    await page.keyboard.press('End');
    await nextApplied(page, async () => {
      await page.keyboard.type('zz');
    });
    const broken = await lastDiagnostics(page);
    expect(broken.markerSets).toBeGreaterThan(start.markerSets ?? 0);
    expect(broken.listRenders).toBeGreaterThan(start.listRenders ?? 0);
    // Monaco draws a marker's squiggle at its next frame, after the page has set the marker.
    await squiggleShown(page);
    expect(await page.locator('#diagnostics .severity-error').count()).toBeGreaterThan(0);
    expect(await stillShown(page, 'diagnostics')).toBe(false);
    expect(await page.getAttribute('#results', 'data-stale')).toBe('true');

    // A keystroke on the line of the error: its marker is set again from the new diagnostics (Monaco
    // would otherwise keep its own idea of where the old one moved).
    await nextApplied(page, async () => {
      await page.keyboard.type('z');
    });
    const typedOnError = await lastDiagnostics(page);
    expect(typedOnError.markerSets).toBeGreaterThan(broken.markerSets ?? 0);
    await squiggleShown(page);
    // The problems list's button selects the error's text (from the current rows: the list itself was not rebuilt for it).
    await page.locator('#diagnostics .severity-error').first().click();
    await page.waitForSelector('#policy-editor .selected-text', { timeout: 10_000 });
    expect(await page.locator('#policy-editor .selected-text').count()).toBeGreaterThan(0);

    // Put right: no error, no marker, fresh results.
    await page.locator('#policy-editor .view-line', { hasText: /^policy\s+\S+\s+extends\s+\S+zzz\s*$/ }).first().click({ position: { x: 8, y: 12 }, force: true });
    await page.keyboard.press('End');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await nextApplied(page, async () => {
      await page.keyboard.press('Backspace');
    });
    await page.waitForFunction(() => document.querySelectorAll('#policy-editor .squiggly-error').length === 0, undefined, { timeout: 20_000 });
    expect(await page.getAttribute('#results', 'data-stale')).toBeNull();
    expect(await page.locator('#diagnostics .severity-error').count()).toBe(0);

    // Another as-of date moves the results: they are rebuilt.
    await markShown(page);
    const rendersBefore = (await lastDiagnostics(page)).resultRenders ?? 0;
    await nextApplied(page, async () => {
      await page.fill('#as-of', '01/01/2026');
    });
    expect(await stillShown(page, 'results')).toBe(false);
    // The count of results rebuilt is read at the next check's diagnostics: one more keystroke.
    await toFirstLineEnd(page);
    await nextApplied(page, async () => {
      await page.keyboard.type('q');
    });
    expect((await lastDiagnostics(page)).resultRenders).toBeGreaterThan(rendersBefore);
    await page.close();
  });
});
