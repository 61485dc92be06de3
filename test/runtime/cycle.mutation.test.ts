/**
 * Tests written to kill the surviving mutants of runtime/kinds/cycle.ts (docs/testing.md, "Mutation
 * testing"): a later step measured from the run's start (IR the compiler does not emit, whose steps
 * after the first are measured from the previous occurrence, but which the runtime reads) is due from
 * the start, not from the event that met the occurrence before it (and, unedited, the other way round).
 *
 * Input: one small policy compiled here, its IR edited; each test prepares it itself. Output:
 * assertions only. Dates worked by hand: Mon 6 Jan 2025 + 100 days = Wed 16 Apr 2025.
 */
import { describe, expect, it } from 'vitest';
import { compile } from '../../compiler/index.ts';
import { preparePolicy } from '../../runtime/index.ts';
import type { IrCycle, PolicyIR } from '../../runtime/index.ts';

const TEXT = `policy test.cycle_golden
  title "Cycles"

role iro "IRO"

event became_looked_after
event review_held

cycle reviews "Reviews"
  owner iro
  runs from became_looked_after
  first within 20 working days of became_looked_after
  then  within 6 months of the previous review_held
  met by review_held
  cite "r33"
`;

const compiled = compile(TEXT, { uri: 'cycle-golden.pdl' });
if (compiled.ir === undefined) throw new Error(`the test policy does not compile: ${compiled.diagnostics.map((d) => d.message).join('; ')}`);
const IR: PolicyIR = compiled.ir;

describe('a cycle step measured from the run start', () => {
  it('is due from the start, not from the event that met the occurrence before it', () => {
    const cycle = IR.rules.find((r) => r.kind === 'cycle') as IrCycle;
    const [first, then] = cycle.steps;
    const steps = [first!, { ...then!, due: { ...then!.due, anchor: { kind: 'run_start' as const }, offset: { amount: 100, unit: 'days' as const } } }];
    const p = preparePolicy({ ...IR, rules: IR.rules.map((r) => (r === cycle ? { ...cycle, steps } : r)) });
    const r = p.evaluate({ id: 'case-cycle', child: { dob: '2012-02-02' }, events: [{ type: 'became_looked_after', date: '2025-01-06' }, { type: 'review_held', date: '2025-01-20' }] }, '2025-02-01');
    if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('; '));
    expect(r.result.obligations.map((o) => [o.occurrence, o.due, o.status])).toEqual([
      [1, '2025-02-03', 'met'],
      [2, '2025-04-16', 'open'],
    ]);
    // Unedited, the second step is measured from the review that met the first: Mon 20 Jan 2025 + 6 months.
    const plain = preparePolicy(IR).evaluate({ id: 'case-cycle', child: { dob: '2012-02-02' }, events: [{ type: 'became_looked_after', date: '2025-01-06' }, { type: 'review_held', date: '2025-01-20' }] }, '2025-02-01');
    if (!plain.ok) throw new Error(plain.errors.map((e) => e.message).join('; '));
    expect(plain.result.obligations.map((o) => [o.occurrence, o.due, o.status])).toEqual([
      [1, '2025-02-03', 'met'],
      [2, '2025-07-20', 'open'],
    ]);
  });
});
