/**
 * The never-applies lint (compiler/check/check-never-applies.ts) beyond the operator table of
 * test/compiler/never-applies.test.ts, written to kill the mutants that table and the golden case
 * leave alive: the bound on the normal form (64 conjunctions are read, more are not), conditions with
 * no alternatives, parts the analysis cannot read, booleans; and the lint's output on compiled
 * policies: which rules and steps it reports, its messages, help, ranges and related locations, and
 * that a rule inherited from a parent is reported in the parent only.
 *
 * Input: conditions built by hand, and small policies compiled in this process (the statutory baseline
 * from policies/england/, and a parent held in memory). Output: assertions.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createFileHost } from '../../cli/file-host.ts';
import { neverHolds } from '../../compiler/check/check-never-applies.ts';
import type { Diagnostic } from '../../compiler/diagnostics/types.ts';
import { compileToIr, type CompilerHost } from '../../compiler/pipeline.ts';
import type { IrCompareOp, IrCondition, IrOperand } from '../../runtime/ir.ts';

const status: IrOperand = { kind: 'fact', fact: 'legal_status' };
const other: IrOperand = { kind: 'fact', fact: 'other' };
const age: IrOperand = { kind: 'age' };
const num = (value: number): IrOperand => ({ kind: 'literal', value, type: 'number' });
const val = (value: string): IrOperand => ({ kind: 'literal', value, type: 'enum' });
const bool = (value: boolean): IrOperand => ({ kind: 'literal', value, type: 'boolean' });
const cmp = (left: IrOperand, op: IrCompareOp, right: IrOperand): IrCondition => ({ kind: 'compare', op, left, right, text: op });
const and = (...items: IrCondition[]): IrCondition => ({ kind: 'and', items, text: 'and' });
const or = (...items: IrCondition[]): IrCondition => ({ kind: 'or', items, text: 'or' });
const not = (item: IrCondition): IrCondition => ({ kind: 'not', item, text: 'not' });
const among = (left: IrOperand, values: IrOperand[], negated = false): IrCondition => ({ kind: 'in', negated, left, values, text: 'in' });

/** `(x is a or x is b) and ... (n times) and x is c`: 2^n conjunctions, every one contradictory. */
function wide(n: number): IrCondition {
  const ors = Array.from({ length: n }, () => or(cmp(status, '=', val('a')), cmp(status, '=', val('b'))));
  return and(...ors, cmp(status, '=', val('c')));
}

describe('neverHolds: the normal form and what it cannot read', () => {
  it('reads a condition of 64 conjunctions, and gives up (never claims) above that', () => {
    expect(neverHolds(wide(6))).toBe(true);
    expect(neverHolds(wide(7))).toBe(false);
    expect(neverHolds(or(wide(7), and(cmp(age, '<', num(5)), cmp(age, '>', num(6)))))).toBe(false);
    expect(neverHolds(not(not(wide(6))))).toBe(true);
  });

  it('an `in` with no values never holds, a `not in` with none always can', () => {
    expect(neverHolds(among(status, []))).toBe(false);
    expect(neverHolds(among(status, [], true))).toBe(false);
    expect(neverHolds(and(among(status, [], true), cmp(status, '=', val('a'))))).toBe(false);
  });

  it('parts it cannot read are left out of a conjunction, never taken as contradictions', () => {
    const unreadable = cmp(status, '=', other);
    expect(neverHolds(unreadable)).toBe(false);
    expect(neverHolds(and(unreadable, cmp(status, '=', val('a'))))).toBe(false);
    expect(neverHolds(and(unreadable, cmp(age, '<', num(5)), cmp(age, '>=', num(16))))).toBe(true);
    expect(neverHolds(among(status, [val('a'), other]))).toBe(false);
    expect(neverHolds(and(among(status, [val('a'), other]), cmp(status, '=', val('b'))))).toBe(false);
    expect(neverHolds(and(among(other, [val('a')]), cmp(other, '!=', val('a'))))).toBe(true);
  });

  it('keys values by what they are about: a fact, an event\'s attribute, the age', () => {
    const placement = (attribute: string): IrOperand => ({ kind: 'attribute', event: 'placement_changed', attribute });
    const review = (attribute: string): IrOperand => ({ kind: 'attribute', event: 'review_held', attribute });
    expect(neverHolds(and(cmp(placement('type'), '=', val('a')), cmp(placement('type'), '=', val('b'))))).toBe(true);
    expect(neverHolds(and(cmp(placement('type'), '=', val('a')), cmp(placement('reason'), '=', val('b'))))).toBe(false);
    expect(neverHolds(and(cmp(placement('type'), '=', val('a')), cmp(review('type'), '=', val('b'))))).toBe(false);
    expect(neverHolds(and(cmp(placement('type'), '=', val('a')), cmp({ kind: 'fact', fact: 'type' }, '=', val('b'))))).toBe(false);
    expect(neverHolds(and(cmp(age, '<', num(5)), cmp({ kind: 'fact', fact: 'age' }, '>', num(6))))).toBe(false);
    expect(neverHolds(and(cmp({ kind: 'child_dob' }, '=', val('a')), cmp({ kind: 'child_dob' }, '=', val('b'))))).toBe(false);
  });

  it('an alternative it cannot read may hold, so an `or` with one never holds never', () => {
    const contradiction = and(cmp(age, '<', num(5)), cmp(age, '>=', num(16)));
    expect(neverHolds(or(contradiction, among(status, [other])))).toBe(false);
    expect(neverHolds(or(contradiction, cmp(status, '=', other)))).toBe(false);
    expect(neverHolds(or(contradiction, among({ kind: 'child_dob' }, [val('a')])))).toBe(false);
  });

  it('comparisons it cannot read are not read as values of the operand they name', () => {
    expect(neverHolds(and(cmp(status, '=', other), cmp(other, '=', val('b'))))).toBe(false);
    expect(neverHolds(and(among({ kind: 'child_dob' }, [val('a')]), among({ kind: 'child_dob' }, [val('b')])))).toBe(false);
    expect(neverHolds(and(cmp(val('a'), '=', { kind: 'child_dob' }), cmp(val('b'), '=', { kind: 'child_dob' })))).toBe(false);
  });

  it('keeps the tightest bound whatever the order: a looser bound later does not replace it', () => {
    expect(neverHolds(and(cmp(age, '>', num(10)), cmp(age, '>', num(5)), cmp(age, '<=', num(7))))).toBe(true);
    expect(neverHolds(and(cmp(age, '<', num(5)), cmp(age, '<', num(10)), cmp(age, '>=', num(7))))).toBe(true);
  });

  it('an equal value is checked against both bounds, strict or not', () => {
    expect(neverHolds(and(cmp(age, '=', num(3)), cmp(age, '>=', num(5))))).toBe(true);
    expect(neverHolds(and(cmp(age, '=', num(7)), cmp(age, '>', num(5)), cmp(age, '<', num(10))))).toBe(false);
    expect(neverHolds(and(cmp(age, '=', num(10)), cmp(age, '>', num(5)), cmp(age, '<=', num(10))))).toBe(false);
  });

  it('booleans and numbers are values like any other', () => {
    expect(neverHolds(and(cmp(other, '=', bool(true)), cmp(other, '=', bool(false))))).toBe(true);
    expect(neverHolds(and(cmp(other, '=', bool(true)), cmp(other, '!=', bool(false))))).toBe(false);
    expect(neverHolds(and(cmp(age, '=', num(3)), cmp(age, '=', num(4))))).toBe(true);
    expect(neverHolds(and(cmp(age, '!=', num(3)), cmp(age, '<', num(4)), cmp(age, '>', num(2))))).toBe(false);
  });

  it('an `or` never holds only when every alternative is contradictory', () => {
    const contradiction = and(cmp(age, '<', num(5)), cmp(age, '>=', num(16)));
    expect(neverHolds(or(contradiction, contradiction))).toBe(true);
    expect(neverHolds(or(contradiction, cmp(age, '<', num(5))))).toBe(false);
    expect(neverHolds(not(or(cmp(age, '<', num(5)), cmp(age, '>=', num(5)))))).toBe(true);
    expect(neverHolds(not(and(cmp(age, '<', num(5)), cmp(age, '>=', num(16)))))).toBe(false);
  });
});

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const files = createFileHost([join(ROOT, 'policies')], ROOT);

const PARENT = `policy t.parent extends england.statutory_reviews
  title "Parent"

deadline impossible "Impossible"
  owner social_worker
  due within 5 working days of placement_changed
  when age under 5 and age 16 or over
  met by review_held
  cite "1"
`;
const host: CompilerHost = {
  findPolicy: (id, from) => (id === 't.parent' ? { uri: 'parent.pdl', text: PARENT } : files.findPolicy(id, from)),
};

function neverApplies(text: string): Diagnostic[] {
  const r = compileToIr(text, { uri: 'never.pdl', host });
  expect(r.diagnostics.filter((d) => d.code !== 'pdl/never-applies')).toEqual([]);
  return r.diagnostics.filter((d) => d.code === 'pdl/never-applies');
}

const at = (d: Diagnostic | undefined): string => `${d?.range.startLine}:${d?.range.startColumn}-${d?.range.endLine}:${d?.range.endColumn}`;

describe('the never-applies lint on compiled policies', () => {
  it('reports a deadline whose `when` never holds, at the clause, with the condition as written and help', () => {
    const [d, ...more] = neverApplies(PARENT);
    expect(more).toEqual([]);
    expect(d?.severity).toBe('warning');
    expect(d?.uri).toBe('never.pdl');
    expect(d?.message).toBe('deadline `impossible` can never apply: `age under 5 and age 16 or over` is never true');
    expect(d?.help).toBe('the parts of the condition contradict each other; check the document for the intended condition');
    expect(at(d)).toBe('7:3-7:38');
  });

  it('reports nothing for a condition that can hold', () => {
    expect(neverApplies(PARENT.replace('age 16 or over', 'age 3 or over'))).toEqual([]);
  });

  it('reports an inherited rule in its parent only', () => {
    expect(neverApplies('policy t.child extends t.parent\n  title "Child"\n')).toEqual([]);
  });

  const cycle = (steps: readonly string[], when = ''): string =>
    [
      'policy t.cycle extends england.statutory_reviews',
      '  title "Cycle"',
      '',
      'event health_assessment_completed',
      '',
      'cycle health "Health"',
      '  owner social_worker',
      '  runs from became_looked_after until ceased_looked_after',
      '  first within 20 working days of became_looked_after',
      ...steps.map((s) => `  then within ${s}`),
      ...(when ? [`  when ${when}`] : []),
      '  met by health_assessment_completed',
      '  cite "2"',
      '',
    ].join('\n');

  it('reports a cycle whose `when` never holds', () => {
    const ds = neverApplies(cycle(['12 months of the previous health_assessment_completed'], 'age under 5 and age 16 or over'));
    expect(ds.map((d) => d.message)).toEqual(['cycle `health` can never apply: `age under 5 and age 16 or over` is never true']);
    expect(at(ds[0])).toBe('11:3-11:38');
  });

  it('reports a cycle step whose `when` never holds, at the step', () => {
    const ds = neverApplies(cycle(['6 months of the previous health_assessment_completed when age under 5 and age 16 or over', '12 months of the previous health_assessment_completed']));
    expect(ds.map((d) => d.message)).toEqual(['this step of `health` can never apply: `age under 5 and age 16 or over` is never true']);
    expect(ds[0]?.range.startLine).toBe(10);
    expect(ds[0]?.help).toBe('the parts of the condition contradict each other; check the document for the intended condition');
  });

  it('reports every `then` step after one without `when`, pointing at the step that always applies', () => {
    const ds = neverApplies(
      cycle([
        '6 months of the previous health_assessment_completed when age under 5',
        '12 months of the previous health_assessment_completed',
        '3 months of the previous health_assessment_completed when age under 2',
        '9 months of the previous health_assessment_completed',
      ]),
    );
    expect(ds.map((d) => d.message)).toEqual([
      'this `then` step of `health` can never apply: an earlier `then` step has no `when`, so it always applies first',
      'this `then` step of `health` can never apply: an earlier `then` step has no `when`, so it always applies first',
    ]);
    expect(ds.map((d) => at(d))).toEqual(['12:3-12:7', '13:3-13:7']);
    for (const d of ds) {
      expect(d.related?.map((r) => [r.uri, r.range.startLine, r.message])).toEqual([['never.pdl', 11, 'the step that always applies']]);
    }
  });

  it('reports nothing when only the last `then` step has no `when`', () => {
    expect(
      neverApplies(cycle(['6 months of the previous health_assessment_completed when age under 5', '12 months of the previous health_assessment_completed'])),
    ).toEqual([]);
  });
});
