/**
 * The source pane in headless Chromium (issue 14, item 7): a direction's text opened beside the
 * policy, its timescales and duties highlighted, a phrase linked to the rule whose cite names its
 * paragraph, and what is not encoded yet marked as such.
 *
 * Input: the playground served by `harness.ts` (a build, or the dev server with PDL_E2E_DEV=1) and a
 * short text in the layout of Bristol's practice direction, made of the quotes its coverage file
 * (policies/bristol.coverage.yaml) already holds. Output: pass/fail, a screenshot in test-artifacts/.
 *
 * The flows: open the pane; load the text from a local file; the phrase "at least 5 days before" is
 * highlighted as encoded and choosing it reveals `care_plan_authorised_before_review` in the policy
 * editor; the aim "should be prioritised" is marked not yet encoded with the coverage file's reason;
 * the phrases are reached and chosen by keyboard alone; the coverage file's quotes load as a sample,
 * and a sentence added to it in the text area is matched too;
 * the pane has no serious or critical accessibility violation (axe-core); nothing leaves the tab.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS } from './harness.ts';
import { playgroundSession, ready, watchPage } from './session.ts';

const session = playgroundSession({ width: 1500, height: 900 });
const { requests, problems } = session;

/** Bristol's "Practice Change" bullets 1 to 3, in the words its coverage file quotes. */
const EXCERPT = [
  'Practice Change: To improve the timeliness of Children in Care Reviews:',
  '',
  '- Children in Care reviews should be prioritised and protected.',
  '- Children should be prepared for reviews by their social worker.',
  "- Proposed care plans must be completed by the child's social worker based on the most recent assessment of needs and authorised at least 5 days before the Child in Care review. It will be the IRO's decision to cancel the review in these circumstances.",
  '',
].join('\n');

async function openPage(): Promise<Page> {
  const page = await session.launched.context.newPage();
  watchPage(page, problems, { responses: true });
  await page.goto(session.served.url);
  await ready(page);
  return page;
}

/** Opens the pane and loads the excerpt from a local file; waits for its phrases. */
async function openWithExcerpt(page: Page): Promise<void> {
  await page.click('#source-toggle');
  expect(await page.getAttribute('#source-toggle', 'aria-expanded')).toBe('true');
  expect(await page.isVisible('#source-pane')).toBe(true);
  await page.setInputFiles('#source-file', { name: 'bristol-practice-change.txt', mimeType: 'text/plain', buffer: Buffer.from(EXCERPT, 'utf8') });
  await page.waitForSelector('#source-pane[data-state="ready"] #source-view .source-phrase', { timeout: 30_000 });
}

function phrase(page: Page, text: string, nth = 0) {
  return page.locator('#source-view .source-phrase', { hasText: text }).nth(nth);
}

describe('the source pane', () => {
  it('highlights a phrase, and choosing it reveals the cited rule in the policy editor', async () => {
    const page = await openPage();
    await openWithExcerpt(page);
    const timescale = phrase(page, 'at least 5 days before');
    expect(await timescale.getAttribute('data-status')).toBe('encoded');
    expect(await page.locator('#source-view .source-block', { hasText: 'at least 5 days before' }).getAttribute('data-locator')).toBe('Practice Change, bullet 3');
    // The rule is far below the top of bristol.pdl: not rendered until revealed.
    const declaration = page.locator('#policy-editor .view-line', { hasText: /^deadline\s+care_plan_authorised_before_review\b/ });
    expect(await declaration.count()).toBe(0);
    await timescale.click();
    await declaration.first().waitFor({ timeout: 10_000 });
    expect(await page.locator('#policy-editor .selected-text').count()).toBeGreaterThan(0);
    expect(await page.textContent('#source-detail')).toContain('encoded: statement 3 (Practice Change, bullet 3)');
    expect(await page.locator('#source-detail button[data-rule]').first().textContent()).toBe('Show care_plan_authorised_before_review');
    expect(await page.textContent('#source-summary')).toMatch(/phrases with a timescale or a duty/);
    await page.screenshot({ path: join(ARTIFACTS, 'source-pane.png') });
    await page.close();
  });

  it('marks a phrase that is not encoded, with the coverage file’s reason', async () => {
    const page = await openPage();
    await openWithExcerpt(page);
    const aim = phrase(page, 'should', 0);
    expect(await aim.getAttribute('data-status')).toBe('not-encoded');
    expect(await aim.textContent()).toContain('not yet encoded');
    await aim.click();
    expect(await page.getAttribute('#source-detail', 'data-status')).toBe('not-encoded');
    expect(await page.textContent('#source-detail')).toContain('not encoded (no-actionable-content): an aim, with no owner, event or timescale');
    expect(await page.textContent('#source-detail')).toContain('No rule is linked to this phrase yet');
    await page.close();
  });

  it('is reachable and usable by keyboard alone', async () => {
    const page = await openPage();
    await openWithExcerpt(page);
    // One tab stop for all the phrases, after the pane's buttons.
    await page.focus('#source-edit');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.classList.contains('source-phrase') === true && document.activeElement.getAttribute('data-index'))).toBe('0');
    await page.keyboard.press('End');
    expect(await page.evaluate(() => document.activeElement?.textContent ?? '')).toContain('at least 5 days before');
    await page.keyboard.press('ArrowLeft');
    expect(await page.evaluate(() => document.activeElement?.textContent ?? '')).toMatch(/^must/);
    await page.keyboard.press('Enter');
    await page.waitForSelector('#source-detail button[data-rule]');
    // Tab leaves the phrases for the rule buttons; Enter there moves the focus into the editor.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-rule'))).toBe('care_plan_authorised_before_review');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.closest('#policy-editor') !== null);
    await page.close();
  });

  it('loads the coverage file’s quotes as a sample, and finds every one of them', async () => {
    const page = await openPage();
    await page.click('#source-toggle');
    await page.click('#source-sample');
    await page.waitForSelector('#source-pane[data-state="ready"] #source-view .source-phrase', { timeout: 30_000 });
    const coverage = readFileSync(new URL('../../policies/bristol.coverage.yaml', import.meta.url), 'utf8');
    const statements = (coverage.match(/^\s+quote:/gm) ?? []).length;
    expect(await page.textContent('#source-summary')).toContain(`${statements} of the ${statements} quotes of policies/bristol.coverage.yaml found in the text`);
    expect(await page.locator('#source-view .source-phrase[data-status="encoded"]').count()).toBeGreaterThan(10);
    expect(await page.locator('#source-view .source-phrase[data-status="not-encoded"]').count()).toBeGreaterThan(0);
    await page.click('#source-edit');
    const sample = await page.inputValue('#source-text');
    expect(sample).toContain('[Practice Change, bullet 3]');
    // Edit the text, then back to the phrases: a sentence no rule cites is marked not yet encoded.
    await page.fill('#source-text', `${sample}\n[Practice Change, bullet 12]\nThe IRO must reply within 2 working days.\n`);
    expect(await page.textContent('#source-edit')).toBe('Show phrases');
    await page.click('#source-edit');
    const added = phrase(page, 'within 2 working days');
    await added.waitFor({ timeout: 30_000 });
    expect(await added.getAttribute('data-status')).toBe('not-encoded');
    expect(await page.textContent('#source-edit')).toBe('Edit text');
    await page.close();
  });

  it('has no serious or critical accessibility violation, and sends the text nowhere', async () => {
    const page = await openPage();
    await openWithExcerpt(page);
    await phrase(page, 'at least 5 days before').click();
    const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    await page.evaluate(axeSource);
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (context: string) => Promise<{ violations: { id: string; impact?: string | null; nodes: unknown[] }[] }> } }).axe;
      const result = await axe.run('#source-pane');
      return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.nodes.length})`);
    });
    expect(violations).toEqual([]);
    const origin = new URL(session.served.url).origin;
    for (const r of requests) {
      expect(new URL(r.url()).origin).toBe(origin);
      expect(r.postData() ?? '').not.toContain('prioritised');
    }
    await page.close();
  });
});
