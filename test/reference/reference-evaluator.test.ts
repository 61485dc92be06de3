/**
 * The reference evaluator itself, on answers worked by hand from docs/language.md (so that the
 * differential test compares against something known to be right, not only against itself):
 * month arithmetic clamped to the month's end, weekdays, ages, a deadline measured from a date
 * attribute of a `supersedes earlier` event, and a cycle whose run ends with an occurrence pending.
 * Each policy example is also checked against the real evaluator with the same expected answer.
 *
 * Input: literal policies and cases. Output: assertions.
 */
import { describe, expect, it } from 'vitest';
import { compileToIr } from '../../compiler/index.ts';
import { parsePlainDate, preparePolicy } from '../../runtime/index.ts';
import type { PlainDate } from '../../runtime/index.ts';
import { refAddMonths, refAge, refWeekday, referenceEvaluate } from './reference-evaluator.ts';
import type { RefResult } from './reference-evaluator.ts';

const d = (s: string): PlainDate => {
  const v = parsePlainDate(s);
  if (v === undefined) throw new Error(`bad date ${s}`);
  return v;
};

describe('reference date arithmetic', () => {
  it('adds months clamped to the end of the month', () => {
    expect(refAddMonths(d('2025-08-31'), 6)).toBe(d('2026-02-28'));
    expect(refAddMonths(d('2024-01-31'), 1)).toBe(d('2024-02-29'));
    expect(refAddMonths(d('2024-03-31'), -1)).toBe(d('2024-02-29'));
    expect(refAddMonths(d('2024-02-29'), 12)).toBe(d('2025-02-28'));
    expect(refAddMonths(d('2024-11-15'), 3)).toBe(d('2025-02-15'));
  });
  it('names ISO weekdays', () => {
    expect(refWeekday(d('2026-12-04'))).toBe(5); // a Friday
    expect(refWeekday(d('2024-01-07'))).toBe(7); // a Sunday
    expect(refWeekday(d('1999-12-31'))).toBe(5);
  });
  it('counts whole years, the birthday counting on the day', () => {
    expect(refAge(d('2010-06-15'), d('2026-06-14'))).toBe(15);
    expect(refAge(d('2010-06-15'), d('2026-06-15'))).toBe(16);
  });
});

const HEADER = `policy ref.hand
  title "Hand-worked"

role worker "Worker"

event start "Start"
event stop "Stop"
event visit "Visit"
event booked "Booked" { for: date } supersedes earlier
`;

function both(text: string, input: unknown, asOf: string): [RefResult, RefResult] {
  const compiled = compileToIr(text, { uri: 'hand.pdl' });
  expect(compiled.diagnostics.filter((x) => x.severity === 'error')).toEqual([]);
  if (compiled.ir === undefined) throw new Error('no IR');
  const policy = preparePolicy(compiled.ir, { explanations: false });
  const v = policy.validate(input);
  if (!v.ok) throw new Error(JSON.stringify(v.errors));
  const real = policy.evaluateNormalized(v.case, d(asOf));
  const ref = referenceEvaluate(policy.ir, v.case, d(asOf), policy.calendar);
  return [
    ref,
    {
      obligations: real.obligations.flatMap((o) => (o.due === undefined || o.status === 'outstanding' || o.status === 'missed' ? [] : [{ rule: o.rule, occurrence: o.occurrence, anchor: { ...o.anchor }, due: o.due, status: o.status, ...(o.satisfiedOn === undefined ? {} : { satisfiedOn: o.satisfiedOn }) }])),
      superseded: real.superseded.map((o) => ({ rule: o.rule, occurrence: o.occurrence, anchor: { ...o.anchor }, due: o.due })),
    },
  ];
}

describe('reference evaluation, worked by hand', () => {
  it('a deadline before a meeting: a rearrangement on the meeting day stands beside it, an earlier one supersedes it', () => {
    const text = `${HEADER}
deadline prepare "Prepare"
  owner worker
  due at least 5 days before booked.for
  met by visit
  cite "x"
`;
    const input = {
      id: 'hand-1',
      child: { dob: '2015-05-05' },
      events: [
        { type: 'booked', date: '2024-01-10', for: '2024-02-01' },
        { type: 'visit', date: '2024-01-20' },
        { type: 'booked', date: '2024-02-01', for: '2024-03-01' },
        { type: 'booked', date: '2024-02-20', for: '2024-04-01' },
      ],
    };
    const expected: RefResult = {
      obligations: [
        { rule: 'prepare', occurrence: 1, anchor: { event: 'booked', date: '2024-02-01', attribute: 'for' }, due: '2024-01-27', status: 'met', satisfiedOn: '2024-01-20' },
        { rule: 'prepare', occurrence: 3, anchor: { event: 'booked', date: '2024-04-01', attribute: 'for' }, due: '2024-03-27', status: 'open' },
      ],
      superseded: [{ rule: 'prepare', occurrence: 2, anchor: { event: 'booked', date: '2024-03-01', attribute: 'for' }, due: '2024-02-25' }],
    };
    const [ref, real] = both(text, input, '2024-03-10');
    expect(ref).toEqual(expected);
    expect(real).toEqual(expected);
  });

  it('a cycle: met, met late, then the run ends with an occurrence pending (superseded)', () => {
    const text = `${HEADER}
cycle review "Review"
  owner worker
  runs from start until stop
  first within 10 days of start
  then  within 1 month of the previous visit
  met by visit
  cite "x"
`;
    const input = {
      id: 'hand-2',
      child: { dob: '2015-05-05' },
      events: [
        { type: 'start', date: '2024-01-31' },
        { type: 'visit', date: '2024-02-05' },
        { type: 'visit', date: '2024-03-10' },
        { type: 'stop', date: '2024-03-20' },
        { type: 'visit', date: '2024-03-25' },
      ],
    };
    const expected: RefResult = {
      obligations: [
        { rule: 'review', occurrence: 1, anchor: { event: 'start', date: '2024-01-31' }, due: '2024-02-10', status: 'met', satisfiedOn: '2024-02-05' },
        { rule: 'review', occurrence: 2, anchor: { event: 'visit', date: '2024-02-05' }, due: '2024-03-05', status: 'met_late', satisfiedOn: '2024-03-10' },
      ],
      superseded: [{ rule: 'review', occurrence: 3, anchor: { event: 'visit', date: '2024-03-10' }, due: '2024-04-10' }],
    };
    const [ref, real] = both(text, input, '2024-06-01');
    expect(ref).toEqual(expected);
    expect(real).toEqual(expected);
  });
});
