/**
 * Browser tests of share links of changes only, workspace files, and the case editor driven by the
 * policy's case schema (issue 14, items 4 and 5), in headless Chromium against the playground
 * served as `harness.ts` serves it.
 *
 * Input: the playground. Output: pass/fail, and screenshots in `test-artifacts/`. Each test fails on
 * a console error or an uncaught exception in the page.
 *
 * The flows: one phrase edited in Bristol gives a link under 2,000 characters that restores the
 * policy text, the case and the date exactly (compared through the workspace file each page saves)
 * and reveals the edited line; a format 1 (whole-text) link still opens; a cut-off, damaged or newer
 * link is said so in the page; a workspace file opens, and a link too long for mail is said so;
 * typing `"type": "` in the case offers the policy's event types, a misspelt type is underlined with
 * a "did you mean", an event before the child's birth is flagged, and a JSON syntax error is given
 * with its line and column.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { encodeShare, LINK_LIMIT } from '../../playground/src/share.ts';
import { ARTIFACTS, REPO_ROOT } from './harness.ts';
import { nextApplied, playgroundSession, ready, watchPage } from './session.ts';

const session = playgroundSession({ width: 1400, height: 1000 });
const { requests, problems } = session;

async function openPage(hash = ''): Promise<Page> {
  const page = await session.launched.context.newPage();
  watchPage(page, problems);
  await page.goto(session.served.url + hash);
  await ready(page);
  return page;
}

/** Selects the first match of `text` in an editor with its find widget, then closes the widget (the match stays selected). */
async function findInEditor(page: Page, host: string, text: string): Promise<void> {
  await page.locator(`${host} .view-line`).first().click();
  await page.keyboard.press('Control+f');
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
}

/** The workspace file the page saves (its whole state, every edited policy in full). */
async function workspaceOf(page: Page): Promise<Record<string, unknown>> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#workspace-download')]);
  const path = await download.path();
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
}

describe('share links of changes only', () => {
  it('restores one edited phrase of Bristol exactly from a link under 2,000 characters, at the edited line', async () => {
    const page = await openPage();
    expect(await page.$eval('#policy-select', (s) => (s as HTMLSelectElement).selectedOptions[0]?.getAttribute('data-policy-id') ?? '')).toContain('bristol');
    await findInEditor(page, '#policy-editor', 'at least 5 working days before review_postponement_requested.meeting');
    await nextApplied(page, async () => {
      await page.keyboard.type('at least 7 working days before review_postponement_requested.meeting');
      await page.keyboard.press('Escape');
    });
    await nextApplied(page, async () => {
      await page.fill('#as-of', '01/10/2025');
    });
    await page.click('#share');
    const link = await page.inputValue('#share-link');
    expect(link.startsWith(session.served.url)).toBe(true);
    expect(link).toMatch(/#share=2&line=\d+&data=/);
    expect(link.length).toBeLessThan(LINK_LIMIT);
    expect(await page.isHidden('#share-message')).toBe(true);
    const before = await workspaceOf(page);
    const bristolText = (before['policies'] as Record<string, string>)['policies/bristol.pdl'] ?? '';
    expect(bristolText).toContain('notice at least 7 working days before review_postponement_requested.meeting');
    expect(Object.keys(before['policies'] as object)).toEqual(['policies/bristol.pdl']);
    const line = Number(/&line=(\d+)/.exec(link)?.[1]);
    expect(bristolText.split('\n')[line - 1]).toContain('at least 7 working days');
    await page.close();

    const restored = await openPage(link.slice(session.served.url.length));
    expect(await restored.isHidden('#share-message')).toBe(true);
    expect(await restored.inputValue('#as-of')).toBe('01/10/2025');
    // The edited line is revealed (Monaco renders only the lines in view).
    await restored.waitForSelector('#policy-editor .view-line:has-text("at least 7 working days")', { timeout: 10_000 });
    const after = await workspaceOf(restored);
    expect(after).toEqual(before);
    await restored.screenshot({ path: join(ARTIFACTS, 'share-case-restored.png') });
    await restored.close();
  });

  it('still opens a format 1 (whole-text) link', async () => {
    const statutory = readFileSync(join(REPO_ROOT, 'policies/england/statutory-reviews.pdl'), 'utf8');
    const edited = statutory.replace(/first\s+within\s+20\s+working days/, 'first  within 25 working days');
    expect(edited).not.toBe(statutory);
    const caseText = JSON.stringify({ id: 'old-link', child: { dob: '2015-01-01' }, facts: {}, events: [{ type: 'became_looked_after', date: '2025-04-14' }] }, null, 2);
    const page = await openPage(encodeShare({ v: 1, open: 'policies/england/statutory-reviews.pdl', policies: { 'policies/england/statutory-reviews.pdl': edited }, case: caseText, asOf: '2025-11-01' }));
    expect(await page.isHidden('#share-message')).toBe(true);
    expect(await page.inputValue('#as-of')).toBe('01/11/2025');
    const state = await workspaceOf(page);
    expect(state['policies']).toEqual({ 'policies/england/statutory-reviews.pdl': edited });
    expect(state['case']).toBe(caseText);
    await page.close();
  });

  it('says plainly when a link is cut off, damaged or from a newer version', async () => {
    const page = await openPage();
    await page.click('#share');
    const link = await page.inputValue('#share-link');
    const fragment = link.slice(session.served.url.length);
    await page.close();
    for (const [hash, words] of [
      [fragment.slice(0, fragment.length - 12), 'damaged or was cut off'],
      [fragment.replace('share=2', 'share=9'), 'newer version'],
      ['#share=not-a-link', 'damaged or was cut off'],
    ] as const) {
      const opened = await openPage(hash);
      await opened.waitForSelector('#share-message:not([hidden])');
      expect(await opened.textContent('#share-message')).toContain(words);
      expect(await opened.textContent('#share-message')).toContain('could not be opened');
      await opened.close();
    }
  });

  it('opens a workspace file, and says when a link would be too long for mail', async () => {
    // A policy of text that does not compress: its link is far longer than 2,000 characters.
    const noise = Array.from({ length: 200 }, (_, i) => `# ${(i * 2654435761).toString(36)} ${(i * 40503).toString(16)} ${((i + 7) * 97).toString(36)}`).join('\n');
    const policy = `policy local.noise extends england.statutory_reviews\n  title "Noise"\n\n${noise}\n`;
    const file = JSON.stringify({ format: 'pdl-playground-workspace', version: 1, open: 'policies/noise.pdl', policies: { 'policies/noise.pdl': policy }, case: '{\n  "id": "w",\n  "child": { "dob": "2015-01-01" },\n  "facts": {},\n  "events": []\n}\n', asOf: '2025-09-09' });
    const page = await openPage();
    await nextApplied(page, async () => {
      await page.setInputFiles('#workspace-open', { name: 'workspace.json', mimeType: 'application/json', buffer: Buffer.from(file) });
    });
    expect(await page.inputValue('#as-of')).toBe('09/09/2025');
    expect(await page.$eval('#policy-select', (s) => (s as HTMLSelectElement).selectedOptions[0]?.getAttribute('data-policy-id') ?? '')).toBe('local.noise');
    await page.click('#share');
    await page.waitForSelector('#share-message:not([hidden])');
    expect(await page.textContent('#share-message')).toMatch(/This link is [\d,]+ characters long/);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('workspace-download');
    // A file that is not a workspace file is refused in words, and changes nothing.
    await page.setInputFiles('#workspace-open', { name: 'other.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"something else"}') });
    await page.waitForFunction(() => (document.querySelector('#share-message')?.textContent ?? '').includes('not a playground workspace file'));
    expect(await page.inputValue('#as-of')).toBe('09/09/2025');
    await page.close();
  });
});

describe('the case editor, driven by the policy case schema', () => {
  it("offers the policy's event types after `\"type\": \"`, and marks a misspelt type with a suggestion", async () => {
    const page = await openPage();
    await findInEditor(page, '#case-editor', '"type": "review_held"');
    await page.keyboard.press('Backspace');
    await page.keyboard.type('"type": "');
    // The suggest widget lists the policy's event types (those in view: the list is virtual), and
    // typing narrows them.
    const offers = (name: string): Promise<unknown> =>
      page.waitForFunction((n) => [...document.querySelectorAll('.suggest-widget.visible')].some((w) => (w.textContent ?? '').includes(n)), name, { timeout: 20_000 });
    await offers('became_looked_after');
    await page.screenshot({ path: join(ARTIFACTS, 'share-case-completion.png') });
    await page.keyboard.type('review_h');
    await offers('review_held');
    await nextApplied(page, async () => {
      await page.keyboard.press('Escape');
      for (let i = 0; i < 'review_h'.length; i++) await page.keyboard.press('Backspace');
      await page.keyboard.type('revew_held');
    });
    await page.waitForSelector('#case-editor .squiggly-error', { timeout: 10_000 });
    expect(await page.textContent('#results')).toContain('did you mean `review_held`?');
    await page.locator('#case-editor .view-line span', { hasText: /revew_held/ }).first().hover();
    await page.waitForFunction(() => [...document.querySelectorAll('.monaco-hover')].some((h) => (h.textContent ?? '').includes('did you mean')), undefined, { timeout: 10_000 });
    await page.screenshot({ path: join(ARTIFACTS, 'share-case-did-you-mean.png') });
    await page.close();
  });

  it("flags an event before the child's date of birth, and gives a syntax error's line and column", async () => {
    const page = await openPage();
    await findInEditor(page, '#case-editor', '2016-09-03');
    await nextApplied(page, async () => {
      await page.keyboard.type('2025-05-01');
    });
    await page.waitForSelector('#case-editor .squiggly-warning', { timeout: 10_000 });
    // The next problem (F8, from the top) is the warning, with its message.
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('F8');
    await page.waitForFunction(() => [...document.querySelectorAll('#case-editor .marker-widget')].some((w) => (w.textContent ?? '').includes("before the child's date of birth")), undefined, { timeout: 10_000 });
    await page.keyboard.press('Escape');
    // Delete the comma after the dob's object: the error says where, in words.
    await findInEditor(page, '#case-editor', '"facts"');
    await nextApplied(page, async () => {
      await page.keyboard.press('Home');
      await page.keyboard.press('ArrowUp');
      await page.keyboard.press('End');
      await page.keyboard.press('Backspace');
    });
    expect(await page.textContent('#results')).toMatch(/not valid JSON: line 4, column \d+/);
    await page.close();
  });
});
