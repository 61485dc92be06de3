/**
 * `matched by KEY` in the outputs: `pdl docs` (Markdown and HTML) says, for each kind of rule that
 * takes a key, what it pairs by; the emitted TypeScript module carries each rule's key in its IR and
 * evaluates a keyed case exactly as the interpreter does.
 *
 * Input: test/cases/keys/good/keys.pdl (an approval, an order, a ladder, a deadline and a duty, each
 * `matched by` a key). Output: assertions; emitted files under test-artifacts/ (removed).
 * The emitted module imports `@pdl/runtime` as installed (packages/runtime/dist, built by
 * `ensureLibBuilt`), so it evaluates with the runtime of the checkout the install links to.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileToIr } from '../../compiler/index.ts';
import { renderPolicyDocs, type PolicyDocs } from '../../compiler/emit/docs/index.ts';
import { emitPolicy, ensureLibBuilt, loadModule, removeEmitted, ROOT, type EmittedPolicy, type LoadedModule } from './emitted.ts';

const STATUTORY = 'policies/england/statutory-reviews.pdl';
const KEYS = 'test/cases/keys/good/keys.pdl';
const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8');
const host = { findPolicy: (id: string) => (id === 'england.statutory_reviews' ? { uri: STATUTORY, text: read(STATUTORY) } : undefined) };

function docsOf(path: string): PolicyDocs {
  const result = compileToIr(read(path), { uri: path, host });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  if (result.ir === undefined) throw new Error(`${path} does not compile`);
  return renderPolicyDocs(result.ir, { sourceFile: path });
}

describe('pdl docs: matched by', () => {
  const docs = docsOf(KEYS);

  it('says what each kind pairs by, naming the key', () => {
    const md = docs.markdown;
    expect(md).toContain('- **Matched by**: a decision answers the request with the same `ref`, and each step below must carry it too');
    expect(md).toContain('on or before that date (when on the same date, recorded before it), with the same `ref` as the step');
    expect(md).toContain('- **Matched by**: one escalation for each `ref`: a raise, response or resolution belongs to the escalation with the same `ref`');
    expect(md).toContain('- **Matched by**: the event that meets it carries the same `ref` as the event it is measured from');
    expect(md).toContain('- **Matched by**: the event that meets it carries the same `case_ref` as the event it follows');
  });

  it('renders the same lines in HTML', () => {
    expect(docs.html).toContain('Matched by');
    expect(docs.html).toContain('one escalation for each');
  });
});

describe('the emitted module: matched by', () => {
  let emitted: EmittedPolicy;
  let mod: LoadedModule;

  beforeAll(async () => {
    ensureLibBuilt();
    emitted = emitPolicy(KEYS);
    mod = await loadModule(emitted.dir, emitted.baseName);
  }, 240_000);

  afterAll(removeEmitted);

  it('carries the key of every rule that has one', () => {
    const ir = mod.POLICY_IR;
    const keys = [...ir.rules, ...ir.approvals, ...ir.orders, ...ir.ladders, ...(ir.duties ?? [])].map((r) => [r.id, 'key' in r ? r.key : undefined]);
    expect(keys.filter(([id]) => id !== 'looked_after_review' && id !== 'adjourned_review_completed')).toEqual([
      ['issue_resolved_in_time', 'ref'],
      ['postponement', 'ref'],
      ['discussed_first', 'ref'],
      ['disputes', 'ref'],
      ['plan_made_for_request', 'case_ref'],
    ]);
  });

  it('pairs a keyed case as the interpreter does: two requests, two disputes, two issues', () => {
    const input = {
      id: 'emit-keys',
      child: { dob: '2015-03-01' },
      events: [
        { type: 'review_postponement_requested', date: '2025-06-02', by: 'social_worker', meeting: '2025-06-20', ref: 'P1' },
        { type: 'review_postponement_requested', date: '2025-06-03', by: 'social_worker', meeting: '2025-06-27', ref: 'P2' },
        { type: 'discussion_held', date: '2025-06-04', with: 'consultant_social_worker', about: 'postponement', ref: 'P2' },
        { type: 'review_postponement_approved', date: '2025-06-06', by: 'service_manager', ref: 'P1' },
        { type: 'escalation_raised', date: '2025-06-02', ladder: 'disputes', stage: 1, ref: 'D1' },
        { type: 'escalation_raised', date: '2025-06-03', ladder: 'disputes', stage: 1, ref: 'D2' },
        { type: 'escalation_resolved', date: '2025-06-04', ladder: 'disputes', ref: 'D2' },
        { type: 'issue_raised', date: '2025-06-02', ref: 'I1' },
        { type: 'issue_raised', date: '2025-06-03', ref: 'I2' },
        { type: 'issue_resolved', date: '2025-06-05', ref: 'I2' },
        { type: 'plan_due', date: '2025-06-02', case_ref: 1, by_date: '2025-06-20' },
        { type: 'plan_made', date: '2025-06-05', case_ref: 2 },
      ],
    };
    const fromModule = mod.evaluate(input, '2025-06-30');
    const fromInterpreter = emitted.interpreter.evaluate(input, '2025-06-30');
    if (!fromModule.ok || !fromInterpreter.ok) throw new Error('the case was rejected');
    const result = fromModule.result as {
      violations: { rule: string; event: { date: string } }[];
      escalations: { instance: number; status: string }[];
      obligations: { rule: string; status: string }[];
    };
    // The decision on P1 has no discussion of P1; the order's step (the decision) has none either.
    expect(result.violations.map((v) => [v.rule, v.event.date])).toEqual([
      ['discussed_first', '2025-06-06'],
      ['postponement', '2025-06-06'],
    ]);
    expect(result.escalations.map((e) => [e.instance, e.status])).toEqual([
      [1, 'overdue'],
      [2, 'resolved'],
    ]);
    expect(result.obligations.filter((o) => o.rule !== 'looked_after_review').map((o) => [o.rule, o.status])).toEqual([
      // Issue I1: 20 working days after Mon 2 Jun 2025 is Mon 30 Jun, the as-of date; I2's closure does not meet it.
      ['issue_resolved_in_time', 'open'],
      ['issue_resolved_in_time', 'met'],
      ['plan_made_for_request', 'missed'],
    ]);
    expect(fromModule.result).toEqual(fromInterpreter.result);
  });
});
