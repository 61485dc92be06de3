/**
 * A duty bounded by the date of a meeting rearranged before it took place is superseded, as a
 * deadline measured from that date is (runtime/kinds/duty.ts, "Rearranged"; docs/language.md,
 * "Duties"): listed among the superseded obligations with the deadline's reason wording, never
 * `missed`; met or past its bound alike; a rearrangement on the meeting's day or later leaves it as
 * it is; `where`/`when` first; duties not bounded by the attribute, and types without `supersedes
 * earlier`, are never superseded. Every date below is worked by hand (calendar days).
 *
 * Input: one small policy written here, compiled with the compiler; cases built here. Output:
 * assertions only.
 */
import { describe, expect, it } from 'vitest';
import { compile } from '../../compiler/index.ts';
import { parsePlainDate, preparePolicy } from '../../runtime/index.ts';
import type { CompiledPolicy, EvaluationResult, PlainDate } from '../../runtime/index.ts';

const POLICY = `policy test.rearranged
  title "Rearranged meetings"

role social_worker "Social worker"

event became_looked_after
event review_scheduled { for: date, kind: enum(initial, subsequent) } supersedes earlier
event visit_booked { on?: date } supersedes earlier
event panel_booked { on: date }
event review_held
event child_prepared
event care_plan_authorised
event report_written

deadline care_plan "Care plan"
  owner social_worker
  due at least 5 days before review_scheduled.for
  met by care_plan_authorised
  cite "bullet 3"

duty prepare_child "Child prepared"
  owner social_worker
  after review_scheduled
  before review_scheduled.for
  met by child_prepared
  cite "x"

duty write_report "Report written 3 days before the review"
  owner social_worker
  after review_scheduled where review_scheduled.kind is "subsequent"
  before 3 days before review_scheduled.for
  met by report_written
  cite "y"

duty report_after_review "Report after the review"
  owner social_worker
  after review_scheduled
  by the next review_held
  met by report_written
  cite "z"

duty prepare_visit "Child prepared for the visit"
  owner social_worker
  after visit_booked
  before visit_booked.on
  met by child_prepared
  cite "v"

duty prepare_panel "Child prepared for the panel"
  owner social_worker
  after panel_booked
  before panel_booked.on
  met by child_prepared
  cite "p"
`;

const compiled = compile(POLICY, { uri: 'rearranged.pdl' });
if (compiled.ir === undefined) throw new Error(`the test policy does not compile: ${compiled.diagnostics.map((d) => d.message).join('; ')}`);
const policy = preparePolicy(compiled.ir);
const counting = preparePolicy(compiled.ir, { explanations: false });

type Ev = { readonly type: string; readonly date: string } & Record<string, string>;
const ev = (type: string, date: string, attributes: Record<string, string> = {}): Ev => ({ type, date, ...attributes });
const sched = (date: string, forDate: string, kind = 'initial'): Ev => ev('review_scheduled', date, { for: forDate, kind });

function run(events: readonly Ev[], asOf: string, p: CompiledPolicy = policy): EvaluationResult {
  const r = p.evaluate({ id: 'case-1', child: { dob: '2015-01-01' }, events }, asOf);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('; '));
  return r.result;
}

const listed = (r: EvaluationResult, rule: string) => r.obligations.filter((o) => o.rule === rule).map((o) => [o.occurrence, o.bound ?? o.due, o.status, o.satisfiedOn ?? '-']);
const superseded = (r: EvaluationResult, rule: string) => r.superseded.filter((s) => s.rule === rule).map((s) => ({ occurrence: s.occurrence, anchor: s.anchor, due: s.due }));

// The reviewer's case: arranged Thu 2 Oct 2025 for Tue 28 Oct, rearranged Mon 20 Oct for Mon 10 Nov;
// care plan Sat 1 Nov, child prepared Wed 5 Nov, review held Mon 10 Nov; as of Wed 12 Nov 2025.
const REVIEWER = [
  ev('became_looked_after', '2025-10-01'),
  sched('2025-10-02', '2025-10-28'),
  sched('2025-10-20', '2025-11-10'),
  ev('care_plan_authorised', '2025-11-01'),
  ev('child_prepared', '2025-11-05'),
  ev('review_held', '2025-11-10'),
];

describe('a duty bounded by the date of a rearranged meeting', () => {
  it('is superseded, not missed, with the reason and reason code of the deadline measured from the same booking', () => {
    const r = run(REVIEWER, '2025-11-12');
    expect(listed(r, 'prepare_child')).toEqual([[2, '2025-11-10', 'met', '2025-11-05']]);
    expect(superseded(r, 'prepare_child')).toEqual([{ occurrence: 1, anchor: { event: 'review_scheduled', attribute: 'for', date: '2025-10-28' }, due: '2025-10-28' }]);
    const duty = r.superseded.find((s) => s.rule === 'prepare_child');
    const deadline = r.superseded.find((s) => s.rule === 'care_plan');
    expect(deadline).toBeDefined();
    expect(duty?.reason).toBe(deadline?.reason);
    expect(duty?.reason).toBe('rearranged: a later review_scheduled recorded on Mon 20 Oct 2025 for Mon 10 Nov 2025 replaced the one for Tue 28 Oct 2025 before it happened');
    // Sorted with the deadlines' superseded: by due date (Thu 23 Oct, then Tue 28 Oct), then rule.
    expect(r.superseded.map((s) => [s.due, s.rule])).toEqual([
      ['2025-10-23', 'care_plan'],
      ['2025-10-28', 'prepare_child'],
    ]);
  });

  it('is superseded the same way without explanations, and in the counts-only reading', () => {
    const a = run(REVIEWER, '2025-11-12');
    const b = run(REVIEWER, '2025-11-12', counting);
    expect(JSON.stringify(b.superseded)).toBe(JSON.stringify(a.superseded));
    const v = counting.validate({ id: 'case-1', child: { dob: '2015-01-01' }, events: REVIEWER });
    if (!v.ok || counting.countNormalized === undefined) throw new Error('no counts-only reading of a valid case');
    const c = counting.countNormalized(v.case, parsePlainDate('2025-11-12') as PlainDate);
    expect(c.duties.filter((o) => o.rule === 'prepare_child').map((o) => [o.occurrence, o.status])).toEqual([[2, 'met']]);
    expect(c.superseded.map((s) => [s.rule.id, s.rule.owner])).toEqual([
      ['care_plan', 'social_worker'],
      ['prepare_child', 'social_worker'],
    ]);
    // Distinct ranks in id order, duties among the rules.
    const [x, y] = c.superseded;
    expect((x?.rule.rank ?? 0) < (y?.rule.rank ?? 0)).toBe(true);
  });

  it('is superseded when already met for the first booking, as the deadline met for it is', () => {
    // Arranged Thu 2 Oct for Tue 28 Oct; care plan Fri 10 Oct, child prepared Sat 11 Oct; rearranged Mon 20 Oct for Mon 10 Nov.
    const r = run(
      [sched('2025-10-02', '2025-10-28'), ev('care_plan_authorised', '2025-10-10'), ev('child_prepared', '2025-10-11'), sched('2025-10-20', '2025-11-10')],
      '2025-11-12',
    );
    expect(superseded(r, 'prepare_child').map((s) => s.occurrence)).toEqual([1]);
    expect(superseded(r, 'care_plan').map((s) => s.occurrence)).toEqual([1]);
    // The new arrangement counts from its own trigger (Mon 20 Oct): the preparation of 11 Oct does not meet it.
    expect(listed(r, 'prepare_child')).toEqual([[2, '2025-11-10', 'missed', '-']]);
  });

  it('is superseded when its bound had passed before the rearrangement, as the deadline due before the meeting is', () => {
    // Subsequent review arranged Thu 2 Oct for Tue 28 Oct: report by Sat 25 Oct, not written;
    // rearranged Sun 26 Oct (after the bound, before the meeting) for Mon 10 Nov: report by Fri 7 Nov.
    const r = run([sched('2025-10-02', '2025-10-28', 'subsequent'), sched('2025-10-26', '2025-11-10', 'subsequent')], '2025-10-27');
    expect(superseded(r, 'write_report')).toEqual([{ occurrence: 1, anchor: { event: 'review_scheduled', attribute: 'for', date: '2025-10-28' }, due: '2025-10-25' }]);
    expect(superseded(r, 'care_plan').map((s) => [s.occurrence, s.due])).toEqual([[1, '2025-10-23']]);
    expect(listed(r, 'write_report')).toEqual([[2, '2025-11-07', 'outstanding', '-']]);
  });

  it('stands when rearranged on the meeting\'s own day or later: a real miss stays missed', () => {
    // Arranged Thu 2 Oct for Tue 28 Oct, not prepared; the next arrangement recorded Tue 28 Oct, for Mon 10 Nov.
    const onTheDay = run([sched('2025-10-02', '2025-10-28'), sched('2025-10-28', '2025-11-10')], '2025-10-30');
    expect(listed(onTheDay, 'prepare_child')).toEqual([
      [1, '2025-10-28', 'missed', '-'],
      [2, '2025-11-10', 'outstanding', '-'],
    ]);
    expect(onTheDay.superseded).toEqual([]);
    const after = run([sched('2025-10-02', '2025-10-28'), sched('2025-10-29', '2025-11-10')], '2025-10-30');
    expect(listed(after, 'prepare_child')[0]).toEqual([1, '2025-10-28', 'missed', '-']);
    expect(after.superseded).toEqual([]);
  });

  it('reads `where` first: a duty it excludes is neither listed nor superseded, and keeps its occurrence number', () => {
    // The first arrangement is `initial` (write_report excludes it), the second `subsequent`, the third rearranges the second.
    const r = run([sched('2025-10-02', '2025-10-28'), sched('2025-10-20', '2025-11-10', 'subsequent'), sched('2025-10-25', '2025-11-12', 'subsequent')], '2025-10-26');
    expect(superseded(r, 'write_report').map((s) => [s.occurrence, s.anchor.date])).toEqual([[2, '2025-11-10']]);
    expect(listed(r, 'write_report')).toEqual([[3, '2025-11-09', 'outstanding', '-']]);
  });

  it('is never superseded when not bounded by the attribute (`by the next EVENT`), nor for a type without `supersedes earlier`', () => {
    const r = run([sched('2025-10-02', '2025-10-28'), sched('2025-10-20', '2025-11-10'), ev('review_held', '2025-11-10')], '2025-11-12');
    expect(listed(r, 'report_after_review')).toEqual([
      [1, '2025-11-10', 'missed', '-'],
      [2, '2025-11-10', 'missed', '-'],
    ]);
    expect(superseded(r, 'report_after_review')).toEqual([]);
    const panels = run([ev('panel_booked', '2025-10-02', { on: '2025-10-28' }), ev('panel_booked', '2025-10-20', { on: '2025-11-10' })], '2025-11-12');
    expect(listed(panels, 'prepare_panel').map((o) => o[2])).toEqual(['missed', 'missed']);
    expect(panels.superseded).toEqual([]);
  });

  it('gives a trigger without the date attribute its notice and an open-ended duty: no meeting to rearrange', () => {
    // A visit booked Thu 2 Oct with no date, then one booked Mon 20 Oct for Mon 10 Nov.
    const r = run([ev('visit_booked', '2025-10-02'), ev('visit_booked', '2025-10-20', { on: '2025-11-10' })], '2025-11-12');
    expect(listed(r, 'prepare_visit')).toEqual([
      [1, undefined, 'outstanding', '-'],
      [2, '2025-11-10', 'missed', '-'],
    ]);
    expect(r.superseded).toEqual([]);
    expect(r.notices.map((n) => n.code)).toContain('notice/anchor-attribute-missing');
    // With the date, the first booking is rearranged by the second.
    const dated = run([ev('visit_booked', '2025-10-02', { on: '2025-10-28' }), ev('visit_booked', '2025-10-20', { on: '2025-11-10' })], '2025-11-12');
    expect(superseded(dated, 'prepare_visit').map((s) => s.occurrence)).toEqual([1]);
  });
});
