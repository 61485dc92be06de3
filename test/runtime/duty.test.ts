/**
 * Evaluation of duties (`runtime/kinds/duty.ts`): obligations with an owner and a trigger but no due
 * date. Every expected date below is worked by hand from the case (calendar days; the only
 * arithmetic is `18 years after child.dob` and the cycle's first step, noted where used).
 *
 * Input: one small policy written here, compiled with the compiler; cases built here. Output:
 * assertions only.
 */
import { describe, expect, it } from 'vitest';
import { compile } from '../../compiler/index.ts';
import { preparePolicy } from '../../runtime/index.ts';
import type { EvaluationResult, Obligation } from '../../runtime/index.ts';

const POLICY = `policy test.duties
  title "Duties"

role social_worker "Social worker"
role iro           "Independent Reviewing Officer"

event became_looked_after
event review_scheduled { for: date, kind: enum(initial, subsequent) }
event review_held
event child_prepared
event reasons_recorded
event iro_consulted
event pathway_plan_completed

cycle looked_after_review "Review"
  owner iro
  runs from became_looked_after
  met by review_held
  first within 20 working days of became_looked_after
  then within 6 months of the previous review_held
  cite "reg 33"

duty prepare_child "The child is prepared for the review"
  owner social_worker
  after review_scheduled where review_scheduled.kind is "subsequent"
  before review_scheduled.for
  wording "as soon as practicable"
  met by child_prepared
  cite "bullet 2"

duty record_reasons "The reasons are recorded"
  owner social_worker
  after review_held
  wording "at the earliest opportunity"
  met by reasons_recorded
  cite "4.1"

duty consult_iro "The IRO is consulted before each review"
  owner social_worker
  for each looked_after_review
  by the next review_held
  met by iro_consulted
  cite "4.2"

duty pathway_plan "A pathway plan by the 18th birthday"
  owner social_worker
  after became_looked_after
  before 18 years after child.dob
  when age 15 or over
  met by pathway_plan_completed
  notify "Pathway plan for {{case.id}}: {{obligation.status}} {{obligation.due}}"
  cite "4.3"
`;

const compiled = compile(POLICY, { uri: 'duties.pdl' });
if (compiled.ir === undefined) throw new Error(`the test policy does not compile: ${compiled.diagnostics.map((d) => d.message).join('; ')}`);
const policy = preparePolicy(compiled.ir);

type Ev = { readonly type: string; readonly date: string } & Record<string, string>;
const ev = (type: string, date: string, attributes: Record<string, string> = {}): Ev => ({ type, date, ...attributes });

function run(events: readonly Ev[], asOf: string, dob = '2010-06-15'): EvaluationResult {
  const r = policy.evaluate({ id: 'case-1', child: { dob }, events }, asOf);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('; '));
  return r.result;
}

function duties(r: EvaluationResult, rule: string): Obligation[] {
  return r.obligations.filter((o) => o.rule === rule);
}

describe('a duty after an event, bounded by a date attribute of that event', () => {
  const scheduled = ev('review_scheduled', '2025-05-01', { for: '2025-05-28', kind: 'subsequent' });

  it('is met by an event between the trigger and the bound, and has no due date', () => {
    const [o, ...rest] = duties(run([scheduled, ev('child_prepared', '2025-05-20')], '2025-06-30'), 'prepare_child');
    expect(rest).toEqual([]);
    expect(o).toMatchObject({ occurrence: 1, owner: 'social_worker', anchor: { event: 'review_scheduled', date: '2025-05-01' }, bound: '2025-05-28', status: 'met', satisfiedOn: '2025-05-20', wording: 'as soon as practicable', citation: 'bullet 2' });
    expect(o).not.toHaveProperty('due');
    expect(o?.explanation).toContain('"as soon as practicable"');
    expect(o?.explanation).toContain('met by child_prepared on Tue 20 May 2025');
    expect(o?.explanation).toMatch(/Source: bullet 2\.$/);
  });

  it('is outstanding up to and including the bound, and missed the day after', () => {
    expect(duties(run([scheduled], '2025-05-28'), 'prepare_child').map((o) => o.status)).toEqual(['outstanding']);
    const [missed] = duties(run([scheduled], '2025-05-29'), 'prepare_child');
    expect(missed?.status).toBe('missed');
    expect(missed?.explanation).toContain('missed: no child_prepared on or after Thu 1 May 2025 by Wed 28 May 2025');
  });

  it('counts an event on the bound itself, not one the day after (which the explanation names)', () => {
    expect(duties(run([scheduled, ev('child_prepared', '2025-05-28')], '2025-06-30'), 'prepare_child')[0]?.status).toBe('met');
    const [late] = duties(run([scheduled, ev('child_prepared', '2025-05-29')], '2025-06-30'), 'prepare_child');
    expect(late?.status).toBe('missed');
    expect(late).not.toHaveProperty('satisfiedOn');
    expect(late?.explanation).toContain('(child_prepared on Thu 29 May 2025 came after it)');
  });

  it('is not met by an event before the trigger', () => {
    const [o] = duties(run([ev('child_prepared', '2025-04-30'), scheduled], '2025-05-10'), 'prepare_child');
    expect(o?.status).toBe('outstanding');
    expect(o).not.toHaveProperty('satisfiedOn');
  });

  it('follows only the events its `where` accepts, counting occurrences over all of them', () => {
    const initial = ev('review_scheduled', '2025-04-20', { for: '2025-05-05', kind: 'initial' });
    const r = duties(run([initial, scheduled], '2025-05-10'), 'prepare_child');
    expect(r.map((o) => [o.occurrence, o.anchor.date, o.bound])).toEqual([[2, '2025-05-01', '2025-05-28']]);
  });
});

describe('an open-ended duty', () => {
  it('stays outstanding however long ago its trigger was, and has no bound', () => {
    const [o] = duties(run([ev('review_held', '2025-03-03')], '2030-01-01'), 'record_reasons');
    expect(o?.status).toBe('outstanding');
    expect(o).not.toHaveProperty('bound');
    expect(o?.explanation).toContain('with no date by which it must be done');
    expect(o?.explanation).toContain('"at the earliest opportunity"');
  });

  it('is met by an event on the trigger day', () => {
    expect(duties(run([ev('review_held', '2025-03-03'), ev('reasons_recorded', '2025-03-03')], '2025-03-04'), 'record_reasons')[0]?.status).toBe('met');
  });
});

describe('a duty for each occurrence of a cycle, bounded by the next event', () => {
  // Occurrence 1 is anchored on became_looked_after (Mon 14 Apr 2025); the review held on Thu 8 May
  // 2025 meets it and anchors occurrence 2; the review of Mon 3 Nov 2025 meets occurrence 2 and
  // anchors occurrence 3.
  const events = [ev('became_looked_after', '2025-04-14'), ev('iro_consulted', '2025-05-01'), ev('review_held', '2025-05-08'), ev('review_held', '2025-11-03')];

  it('gives one duty per occurrence, each bounded by the next review after its anchor', () => {
    const r = duties(run(events, '2025-11-04'), 'consult_iro');
    expect(r.map((o) => [o.occurrence, o.anchor.event, o.anchor.date, o.bound ?? '-', o.status])).toEqual([
      [1, 'became_looked_after', '2025-04-14', '2025-05-08', 'met'],
      [2, 'review_held', '2025-05-08', '2025-11-03', 'missed'],
      [3, 'review_held', '2025-11-03', '-', 'outstanding'],
    ]);
    expect(r[2]?.explanation).toContain('by the next review_held, not yet recorded');
  });

  it('is outstanding on the day of the next review itself', () => {
    expect(duties(run(events, '2025-11-03'), 'consult_iro')[1]?.status).toBe('outstanding');
  });
});

describe('a duty bounded by a date measured from the date of birth, with `when`', () => {
  // 18 years after Tue 15 Jun 2010 is Thu 15 Jun 2028. Age on the first trigger (Mon 14 Apr 2025) is
  // 14, so `when age 15 or over` excludes it; on the second (Tue 1 Jul 2025) it is 15.
  const events = [ev('became_looked_after', '2025-04-14'), ev('became_looked_after', '2025-07-01')];

  it('applies only where `when` holds, and is missed the day after the 18th birthday', () => {
    expect(duties(run(events, '2028-06-15'), 'pathway_plan').map((o) => [o.occurrence, o.bound, o.status])).toEqual([[2, '2028-06-15', 'outstanding']]);
    expect(duties(run(events, '2028-06-16'), 'pathway_plan').map((o) => o.status)).toEqual(['missed']);
  });

  it('notifies while outstanding or missed (the bound as `obligation.due`), not once met', () => {
    expect(run(events, '2028-06-16').notifications.map((n) => n.subject)).toEqual(['Pathway plan for case-1: missed 2028-06-15']);
    expect(run([...events, ev('pathway_plan_completed', '2026-01-05')], '2028-06-16').notifications).toEqual([]);
  });
});

describe('duties among the obligations', () => {
  it('come after the dated obligations, by trigger date, then rule, then occurrence', () => {
    const r = run([ev('became_looked_after', '2025-04-14'), ev('review_held', '2025-05-08'), ev('review_scheduled', '2025-05-08', { for: '2025-11-03', kind: 'subsequent' })], '2025-05-09');
    expect(r.obligations.map((o) => [o.rule, o.occurrence, o.due ?? `(${o.anchor.date})`])).toEqual([
      // looked_after_review 1: 20 working days after Mon 14 Apr 2025, skipping Good Friday (18 Apr),
      // Easter Monday (21 Apr) and the early May bank holiday (5 May): Thu 15 May 2025. Occurrence
      // 2: 6 months after the review of Thu 8 May 2025: Sat 8 Nov 2025.
      ['looked_after_review', 1, '2025-05-15'],
      ['looked_after_review', 2, '2025-11-08'],
      ['consult_iro', 1, '(2025-04-14)'],
      ['consult_iro', 2, '(2025-05-08)'],
      ['prepare_child', 1, '(2025-05-08)'],
      ['record_reasons', 1, '(2025-05-08)'],
    ]);
  });

  it('leave a policy without duties as it was: no `duties` in its IR', () => {
    const plain = compile(POLICY.split('\nduty ')[0] ?? '', { uri: 'plain.pdl' });
    expect(plain.ir).toBeDefined();
    expect(plain.ir).not.toHaveProperty('duties');
    expect(compiled.ir?.duties?.map((d) => d.id)).toEqual(['prepare_child', 'record_reasons', 'consult_iro', 'pathway_plan']);
  });
});
