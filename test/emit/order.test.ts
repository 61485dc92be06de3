/**
 * The `order` kind in the outputs: `pdl docs` (Markdown and HTML) gives orders a section of their own
 * and lists the owner's first step under the role; the emitted TypeScript module carries the order
 * with its source comment and reports its violations exactly as the interpreter does.
 *
 * Input: test/cases/order/good/first-discuss.pdl (Bristol's "first discuss", a test policy) and
 * test/cases/order/good/recent.pdl. Output: assertions; emitted files under test-artifacts/ (removed).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileToIr } from '../../compiler/index.ts';
import { renderPolicyDocs, type PolicyDocs } from '../../compiler/emit/docs/index.ts';
import { emitPolicy, ensureLibBuilt, loadModule, removeEmitted, ROOT, type EmittedPolicy, type LoadedModule } from './emitted.ts';

const STATUTORY = 'policies/england/statutory-reviews.pdl';
const FIRST_DISCUSS = 'test/cases/order/good/first-discuss.pdl';
const RECENT = 'test/cases/order/good/recent.pdl';
const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8');
const host = { findPolicy: (id: string) => (id === 'england.statutory_reviews' ? { uri: STATUTORY, text: read(STATUTORY) } : undefined) };

function docsOf(path: string): PolicyDocs {
  const result = compileToIr(read(path), { uri: path, host });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  if (result.ir === undefined) throw new Error(`${path} does not compile`);
  return renderPolicyDocs(result.ir, { sourceFile: path });
}

describe('pdl docs: orders', () => {
  const docs = docsOf(FIRST_DISCUSS);
  const section = docs.markdown.slice(docs.markdown.indexOf('<a id="orders"></a>'));

  it('has a section "Order of steps", listed in the contents', () => {
    expect(docs.markdown).toContain('- [Order of steps](#orders)');
    expect(section).toMatch(/^<a id="orders"><\/a>Order of steps/);
  });

  it('says which step needs which earlier event, with both filters, who takes it and the citation', () => {
    expect(section).toContain('- **Each time**: a postponement of a review is requested (`review_postponement_requested`), where `review_postponement_requested.by is social_worker`');
    expect(section).toContain(
      '- **First**: a discussion is held (`discussion_held`), where `discussion_held.with in (consultant_social_worker, practice_lead, team_manager)`, on or before that date (when on the same date, recorded before it)',
    );
    expect(section).toContain('- **Who**: Social worker (`social_worker`) takes the first step');
    expect(section).toContain('- **Cites**: Practice Change, bullet 5');
  });

  it("lists the owner's first step under the role", () => {
    const roles = docs.markdown.slice(docs.markdown.indexOf('Other duties:'));
    expect(roles).toContain('- **Must first**: [The social worker first discusses a postponement](#rule-discuss_before_postponement)');
  });

  it('says the recency window and the condition', () => {
    const recent = docsOf(RECENT).markdown;
    expect(recent).toContain('and no more than 3 months before it');
    expect(recent).toContain('- **Applies**: only when `age under 16`');
    expect(recent).toContain('each step with no such earlier event in time is a breach');
  });

  it('renders the same section in HTML', () => {
    expect(docs.html).toContain('id="orders"');
    expect(docs.html).toContain('Order of steps');
    expect(docs.html).toContain('takes the first step');
  });
});

describe('the emitted module: orders', () => {
  let emitted: EmittedPolicy;
  let mod: LoadedModule;

  beforeAll(async () => {
    ensureLibBuilt();
    emitted = emitPolicy(FIRST_DISCUSS);
    mod = await loadModule(emitted.dir, emitted.baseName);
  }, 240_000);

  afterAll(removeEmitted);

  it('carries the order, with a comment giving its source and citation', () => {
    expect(mod.POLICY_IR.orders.map((o) => o.id)).toEqual(['discuss_before_postponement']);
    expect(emitted.emitted.ts).toContain('/** order `discuss_before_postponement` (The social worker first discusses a postponement): test/cases/order/good/first-discuss.pdl:11:7, cites Practice Change, bullet 5. */');
  });

  it('reports the violations the interpreter reports', () => {
    const input = {
      id: 'emit-order',
      child: { dob: '2015-03-01' },
      events: [
        { type: 'review_postponement_requested', date: '2025-06-04', by: 'social_worker', meeting: '2025-06-20' },
        { type: 'discussion_held', date: '2025-06-05', with: 'team_manager', about: 'postponement' },
        { type: 'review_postponement_requested', date: '2025-06-06', by: 'social_worker', meeting: '2025-06-27' },
      ],
    };
    const fromModule = mod.evaluate(input, '2025-06-30');
    const fromInterpreter = emitted.interpreter.evaluate(input, '2025-06-30');
    if (!fromModule.ok || !fromInterpreter.ok) throw new Error('the case was rejected');
    const violations = (fromModule.result as { violations: { rule: string; kind: string; event: { date: string } }[] }).violations;
    expect(violations.map((v) => [v.rule, v.kind, v.event.date])).toEqual([['discuss_before_postponement', 'order', '2025-06-04']]);
    expect(fromModule.result).toEqual(fromInterpreter.result);
  });
});
