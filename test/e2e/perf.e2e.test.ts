/**
 * Browser tests of what makes the playground fast, none of them timing anything: the simulation's
 * code is not loaded before the Simulation tab is opened (and the simulation works after), and an
 * edit to a child policy does not recompile the policy it extends (the worker's compile counters in
 * its replies, carried by the page's `pdl:applied` event).
 *
 * Input: the built playground (`harness.ts`: the run's build, or the dev server with
 * `PDL_E2E_DEV=1`). Output: pass/fail. Any console error or uncaught exception fails a test.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { nextApplied, playgroundSession, ready, watchPage } from './session.ts';

const session = playgroundSession({ width: 1400, height: 1000 });
const { requests, problems } = session;
/** Every url requested so far, by the page and by its workers. */
const requested = (): string[] => requests.map((r) => r.url());

interface Compiles {
  readonly policies: number;
  readonly parents: number;
  readonly parentsOfThisText: number;
}

/** Opens the page, recording every `pdl:applied` detail from the start. */
async function openPage(): Promise<Page> {
  const page = await session.launched.context.newPage();
  watchPage(page, problems);
  await page.addInitScript(() => {
    const seen: unknown[] = [];
    (window as unknown as { __applied: unknown[] }).__applied = seen;
    window.addEventListener('pdl:applied', (e) => seen.push((e as CustomEvent).detail));
  });
  await page.goto(session.served.url);
  await ready(page);
  return page;
}

/** The compile counters of the last response shown. */
async function lastCompiles(page: Page): Promise<Compiles> {
  const compiles = await page.evaluate(() => {
    const seen = (window as unknown as { __applied: { compiles?: Compiles }[] }).__applied;
    return seen[seen.length - 1]?.compiles;
  });
  if (compiles === undefined) throw new Error('the last pdl:applied event carried no compile counters');
  return compiles;
}

/** Selects the policy whose menu entry names `id` or `title`. */
async function selectPolicy(page: Page, id: string, title: string): Promise<void> {
  const value = await page.$$eval('#policy-select option', (options, [i, t]) => options.find((o) => (o.textContent ?? '').includes(i) || (o.textContent ?? '').includes(t))?.getAttribute('value') ?? '', [id, title] as const);
  expect(value).not.toBe('');
  await nextApplied(page, async () => {
    await page.selectOption('#policy-select', value);
  });
}

/** Types `text` at the end of the policy's first line, a comment (the policy stays valid). */
async function typeInFirstComment(page: Page, text: string): Promise<void> {
  await page.locator('#policy-editor .monaco-editor').click();
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('End');
  await nextApplied(page, async () => {
    await page.keyboard.type(text);
  });
}

const isSimulationCode = (url: string): boolean => /simulation/i.test(new URL(url).pathname);

describe('the playground loads and checks no more than it needs', () => {
  it('does not load the simulation before the Simulation tab is opened, and simulates after', async () => {
    const page = await openPage();
    // The page and the worker are up: the worker's code was requested, and the first results shown.
    expect(requested().some((url) => /worker/i.test(new URL(url).pathname))).toBe(true);
    expect(await page.locator('table.obligations tr.obligation').count()).toBeGreaterThan(0);
    expect(requested().filter(isSimulationCode)).toEqual([]);

    await page.click('#tab-simulation');
    await page.fill('#sim-cases', '40');
    await page.click('#sim-run');
    await page.waitForFunction(() => document.querySelector('#simulation')?.getAttribute('data-state') === 'done', undefined, { timeout: 60_000 });
    expect(await page.locator('#simulation table').count()).toBeGreaterThan(0);
    // The page's renderer and the worker's simulator each came in when needed.
    expect(requested().filter(isSimulationCode).length).toBeGreaterThanOrEqual(2);
    await page.close();
  });

  it('an edit to a child policy recompiles the child, not the policy it extends', async () => {
    const page = await openPage();
    const start = await lastCompiles(page);
    // The policy open first (Bristol's) extends the statutory policy, compiled once already.
    expect(start.parents).toBeGreaterThanOrEqual(1);

    for (const key of ['a', 'b']) {
      const before = await lastCompiles(page);
      await typeInFirstComment(page, key);
      const after = await lastCompiles(page);
      // A new text of the child was compiled, and the parent it extends was reused.
      expect(after.policies).toBeGreaterThan(before.policies);
      expect(after.parentsOfThisText).toBe(0);
    }

    // Editing the parent itself changes the texts its children see: the next compilation of a
    // child compiles the parent again (the counter counts).
    await selectPolicy(page, 'england.statutory_reviews', 'Reviews of looked after children (England)');
    await typeInFirstComment(page, 'c');
    await selectPolicy(page, 'bristol.review_timeliness', 'timeliness of Children in Care Reviews');
    expect((await lastCompiles(page)).parentsOfThisText).toBe(1);
    await page.close();
  });
});
