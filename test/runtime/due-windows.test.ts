/**
 * Deadlines with several anchor events, `whichever is sooner|later`, and windows (`between ... and
 * ...`, `, earliest ... before`): policy text compiled, cases evaluated, every date worked by hand on
 * the england-and-wales calendar (2025: Good Friday 18 Apr, Easter Monday 21 Apr, early May bank
 * holiday 5 May; weekends skipped).
 *
 * Input: small policies written here and plain JSON cases. Output: vitest assertions on the due
 * date, `earliest`, status, satisfying date and the explanation's words. Dates are plain
 * `YYYY-MM-DD` strings (no `Date`), so the results hold under any TZ.
 */
import { describe, expect, it } from 'vitest';
import { compile } from '../../compiler/index.ts';
import type { EvaluationResult, Obligation } from '../../runtime/index.ts';

function policyOf(text: string) {
  const compiled = compile(text, { uri: 'test.pdl' });
  expect(compiled.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  if (compiled.policy === undefined) throw new Error('the policy did not compile');
  return compiled.policy;
}

/** An event of a case: its attributes sit beside `type` and `date`. */
type Ev = { type: string; date: string; attributes?: Record<string, string> };

function run(text: string, dob: string, events: Ev[], asOf: string): EvaluationResult {
  const input = events.map(({ attributes, ...e }) => ({ ...e, ...attributes }));
  const evaluation = policyOf(text).evaluate({ id: 'c', child: { dob }, facts: {}, events: input }, asOf);
  if (!evaluation.ok) throw new Error(JSON.stringify(evaluation.errors));
  return evaluation.result;
}

function only(result: EvaluationResult, rule: string): Obligation[] {
  return result.obligations.filter((o) => o.rule === rule);
}

const HEADER = `policy test.due_forms
  title "Due forms"

calendar england-and-wales

role social_worker "Social worker"
`;

describe('several anchor events', () => {
  const text = `${HEADER}
event became_looked_after
event placement_moved
event placement_plan_completed

deadline placement_plan "Placement plan"
  owner social_worker
  due within 5 working days of became_looked_after or placement_moved
  met by placement_plan_completed
  cite "reg 9(2)"
`;

  it('makes one obligation per event of either type, numbered across both', () => {
    const r = run(text, '2012-01-01', [
      { type: 'became_looked_after', date: '2025-04-14' },
      { type: 'placement_plan_completed', date: '2025-04-22' },
      { type: 'placement_moved', date: '2025-06-02' },
      { type: 'placement_plan_completed', date: '2025-06-12' },
    ], '2025-07-01');
    const [first, second] = only(r, 'placement_plan');
    // Mon 14 Apr + 5 working days: 15, 16, 17, (18 and 21 bank holidays, weekend) 22, 23 -> Wed 23 Apr.
    expect(first).toMatchObject({ occurrence: 1, anchor: { event: 'became_looked_after', date: '2025-04-14' }, due: '2025-04-23', status: 'met', satisfiedOn: '2025-04-22' });
    // Mon 2 Jun + 5 working days: 3, 4, 5, 6, 9 -> Mon 9 Jun; the plan of 22 Apr came before this move.
    expect(second).toMatchObject({ occurrence: 2, anchor: { event: 'placement_moved', date: '2025-06-02' }, due: '2025-06-09', status: 'met_late', satisfiedOn: '2025-06-12' });
    expect(only(r, 'placement_plan')).toHaveLength(2);
  });
});

describe('whichever is later', () => {
  // "not more than three months after the date on which C reaches the age of 16 or becomes an eligible
  // child after that age" (paraphrasing the Care Planning, Placement and Case Review (England)
  // Regulations 2010, reg 42(1)): 195 months after birth is 3 months after the 16th birthday.
  const text = `${HEADER}
event became_eligible
event needs_assessment_completed

deadline needs_assessment "Assessment of needs"
  owner social_worker
  due 195 months after child.dob or within 3 months of became_eligible, whichever is later
  met by needs_assessment_completed
  cite "reg 42(1)"
`;

  it('takes the later date when both anchors exist (the second here)', () => {
    const r = run(text, '2010-03-15', [{ type: 'became_eligible', date: '2026-05-20' }], '2026-06-01');
    const [o] = only(r, 'needs_assessment');
    // 15 Mar 2010 + 195 months = Mon 15 Jun 2026; 20 May 2026 + 3 months = Thu 20 Aug 2026: later.
    expect(o).toMatchObject({ due: '2026-08-20', status: 'open' });
    expect(o?.explanation).toContain('whichever is later of (1st) 195 months after');
    expect(o?.explanation).toContain('is Mon 15 Jun 2026');
    expect(o?.explanation).toContain('(2nd) 3 months after became_eligible on Wed 20 May 2026 is Thu 20 Aug 2026');
    expect(o?.explanation).toContain('due Thu 20 Aug 2026, from the 2nd');
    expect(o?.explanation).not.toContain('provisional');
  });

  it('takes the later date when both anchors exist (the first here)', () => {
    const r = run(text, '2010-03-15', [{ type: 'became_eligible', date: '2026-01-10' }], '2026-06-01');
    // 10 Jan 2026 + 3 months = 10 Apr 2026, earlier than 15 Jun 2026.
    expect(only(r, 'needs_assessment')[0]).toMatchObject({ due: '2026-06-15', status: 'open' });
    expect(only(r, 'needs_assessment')[0]?.explanation).toContain('from the 1st');
  });

  it('with an anchor not yet happened, uses the dates there are and says the due date is provisional', () => {
    const r = run(text, '2010-03-15', [{ type: 'needs_assessment_completed', date: '2026-06-10' }], '2026-07-01');
    const [o] = only(r, 'needs_assessment');
    expect(o).toMatchObject({ due: '2026-06-15', status: 'met', satisfiedOn: '2026-06-10' });
    expect(o?.explanation).toContain('no became_eligible in the case (yet), so it takes no part');
    expect(o?.explanation).toContain('provisional: an anchor still to happen may make it later');
  });
});

describe('whichever is sooner', () => {
  const text = `${HEADER}
event referral_received
event strategy_discussion { for: date }
event assessment_completed

deadline assessment "Assessment"
  owner social_worker
  due by 17:00 within 10 working days of referral_received or within 5 working days of strategy_discussion.for, whichever is sooner
  met by assessment_completed
  cite "1.2"
`;

  it('takes the sooner date, measured from the first later event of the other anchor', () => {
    const r = run(text, '2012-01-01', [
      { type: 'referral_received', date: '2025-03-03' },
      { type: 'strategy_discussion', date: '2025-03-04', attributes: { for: '2025-03-05' } },
      { type: 'assessment_completed', date: '2025-03-14' },
    ], '2025-04-01');
    const [o] = only(r, 'assessment');
    // Mon 3 Mar + 10 working days = Mon 17 Mar; Wed 5 Mar + 5 working days = Wed 12 Mar: sooner.
    expect(o).toMatchObject({ due: '2025-03-12', dueTime: '17:00', status: 'met_late', satisfiedOn: '2025-03-14' });
    expect(o?.explanation).toContain('whichever is sooner of (1st) 10 working days after referral_received on Mon 3 Mar 2025 is Mon 17 Mar 2025');
    expect(o?.explanation).toContain('(2nd) 5 working days after strategy_discussion.for on Wed 5 Mar 2025 is Wed 12 Mar 2025');
  });

  it('without the other anchor, the obligation stands on its own date and says it can only move sooner', () => {
    const r = run(text, '2012-01-01', [{ type: 'referral_received', date: '2025-03-03' }], '2025-03-10');
    const [o] = only(r, 'assessment');
    expect(o).toMatchObject({ due: '2025-03-17', status: 'open' });
    expect(o?.explanation).toContain('no strategy_discussion.for in the case (yet)');
    expect(o?.explanation).toContain('can only make it sooner');
  });

  it('ignores an event of the other anchor dated before the obligation\'s own anchor', () => {
    const r = run(text, '2012-01-01', [
      { type: 'strategy_discussion', date: '2025-02-03', attributes: { for: '2025-02-04' } },
      { type: 'referral_received', date: '2025-03-03' },
    ], '2025-03-10');
    expect(only(r, 'assessment')[0]).toMatchObject({ due: '2025-03-17' });
  });
});

describe('windows', () => {
  const text = `${HEADER}
event became_looked_after
event pathway_plan_completed
event review_held

deadline pathway_plan "Pathway plan around the 16th birthday"
  owner social_worker
  due between 3 months before and 3 months after 16 years after child.dob
  met by pathway_plan_completed
  cite "7.1"

deadline pathway_plan_by_16 "Pathway plan by the 16th birthday"
  owner social_worker
  due 16 years after child.dob, earliest 3 months before
  met by pathway_plan_completed
  cite "7.1"

deadline first_visit "Visit in the second week"
  owner social_worker
  due between 5 working days after and 10 working days after 0 days after became_looked_after
  met by review_held
  cite "2"
`;
  // Born Mon 15 Mar 2010: 16th birthday Sun 15 Mar 2026; 3 months before: Mon 15 Dec 2025; 3 months after: Mon 15 Jun 2026.

  it('is met inside the window', () => {
    const r = run(text, '2010-03-15', [{ type: 'pathway_plan_completed', date: '2026-01-20' }], '2026-07-01');
    expect(only(r, 'pathway_plan')[0]).toMatchObject({ earliest: '2025-12-15', due: '2026-06-15', status: 'met', satisfiedOn: '2026-01-20' });
    expect(only(r, 'pathway_plan_by_16')[0]).toMatchObject({ earliest: '2025-12-15', due: '2026-03-15', status: 'met', satisfiedOn: '2026-01-20' });
    expect(only(r, 'pathway_plan')[0]?.explanation).toContain('the window opens 3 months before that date, on Mon 15 Dec 2025, and closes 3 months after it, on Mon 15 Jun 2026 (the due date)');
  });

  it('is early when the only plan came before the window opened, and never overdue', () => {
    const r = run(text, '2010-03-15', [{ type: 'pathway_plan_completed', date: '2025-11-01' }], '2026-07-01');
    const [o] = only(r, 'pathway_plan');
    expect(o).toMatchObject({ earliest: '2025-12-15', due: '2026-06-15', status: 'early', satisfiedOn: '2025-11-01' });
    expect(o?.explanation).toContain('early: met by pathway_plan_completed on Sat 1 Nov 2025, before the window opened on Mon 15 Dec 2025');
  });

  it('is met by a plan inside the window even after an early one', () => {
    const r = run(text, '2010-03-15', [
      { type: 'pathway_plan_completed', date: '2025-11-01' },
      { type: 'pathway_plan_completed', date: '2026-02-02' },
    ], '2026-07-01');
    expect(only(r, 'pathway_plan')[0]).toMatchObject({ status: 'met', satisfiedOn: '2026-02-02' });
  });

  it('is met late after the window closed, overdue without a plan, open before', () => {
    expect(only(run(text, '2010-03-15', [{ type: 'pathway_plan_completed', date: '2026-07-10' }], '2026-08-01'), 'pathway_plan')[0]).toMatchObject({ status: 'met_late' });
    expect(only(run(text, '2010-03-15', [], '2026-07-01'), 'pathway_plan')[0]).toMatchObject({ status: 'overdue', due: '2026-06-15' });
    expect(only(run(text, '2010-03-15', [], '2026-01-01'), 'pathway_plan')[0]).toMatchObject({ status: 'open', earliest: '2025-12-15' });
  });

  it('measures a window in working days from an event', () => {
    const r = run(text, '2012-01-01', [
      { type: 'review_held', date: '2025-04-10' },
      { type: 'became_looked_after', date: '2025-04-14' },
      { type: 'review_held', date: '2025-04-16' },
    ], '2025-05-30');
    // Opens 5 working days after Mon 14 Apr: Wed 23 Apr (Easter skipped); closes 10 after: Wed 30 Apr.
    // The visit of 16 Apr is early; the one of 10 Apr predates the anchor and is not considered.
    expect(only(r, 'first_visit')[0]).toMatchObject({ earliest: '2025-04-23', due: '2025-04-30', status: 'early', satisfiedOn: '2025-04-16' });
  });

  it('leaves the obligations of deadlines without a window unchanged (no `earliest`)', () => {
    const plain = `${HEADER}
event became_looked_after
event review_held

deadline visit "Visit"
  owner social_worker
  due within 5 working days of became_looked_after
  met by review_held
  cite "2"
`;
    const [o] = run(plain, '2012-01-01', [{ type: 'became_looked_after', date: '2025-04-14' }], '2025-04-15').obligations;
    expect(o).toBeDefined();
    expect(Object.keys(o ?? {})).not.toContain('earliest');
    expect(o).toMatchObject({ due: '2025-04-23', status: 'open' });
  });
});
