/**
 * Mutation tests of runtime/explain.ts (docs/testing.md, "Mutation testing"): the pieces every
 * explanation is built from, each compared whole, on hand-built dues and small calendars.
 *
 * Input: `ordinal`, `describeMetBy`, `describeOutcome`, `explainDuty`, `describeDue` (with `dueDates`),
 * `shifter` and `memoByDay`, called directly; calendars made by `createCalendar` with one or two
 * holidays. Output: assertions on whole texts: ordinals of 11-13 and 111-113, the outcome of a
 * satisfier on and after the due date and of an as-of date on and after it, the days skipped by
 * working days (weekends, bank holidays, both, neither, backwards), months clamped at a month's end
 * both ways, alignment to a weekday, weeks in days, a time; the longest duration refused; and which
 * days `memoByDay` computes once and which each time (as its comment promises).
 */
import { describe, expect, it } from 'vitest';
import { createCalendar } from '../../runtime/calendar.ts';
import { parsePlainDate, type PlainDate } from '../../runtime/dates.ts';
import { describeDue, describeMetBy, describeOutcome, dueDates, explainDuty, memoByDay, ordinal, shifter } from '../../runtime/explain.ts';
import type { IrDue } from '../../runtime/ir.ts';
import { MalformedIrError } from '../../runtime/malformed-ir.ts';

function d(text: string): PlainDate {
  const day = parsePlainDate(text);
  if (day === undefined) throw new Error(`not a date: ${text}`);
  return day;
}

const EASTER = createCalendar({
  name: 'test',
  holidays: [
    { date: d('2025-04-18'), name: 'Good Friday' },
    { date: d('2025-04-21'), name: 'Easter Monday' },
  ],
});

/** `describeDue` of `due` from `anchor`, its dates from `dueDates` (as the deadline kind computes them). */
function described(due: IrDue, anchor: string, calendar = EASTER): string {
  const { offset, compute } = dueDates(due, calendar);
  const a = d(anchor);
  return describeDue(due, 'became_looked_after', '', a, offset(a), compute(a), calendar);
}

function due(amount: number, unit: IrDue['offset']['unit'], direction: 'after' | 'before' = 'after', extra: Partial<IrDue> = {}): IrDue {
  return { direction, offset: { amount, unit }, anchor: { kind: 'event', event: 'became_looked_after' }, ...extra };
}

describe('ordinal', () => {
  it('gives st, nd, rd and th, and th for 11-13 of every hundred', () => {
    const got = [1, 2, 3, 4, 10, 11, 12, 13, 14, 21, 22, 23, 101, 102, 103, 111, 112, 113, 121].map(ordinal);
    expect(got).toEqual(['1st', '2nd', '3rd', '4th', '10th', '11th', '12th', '13th', '14th', '21st', '22nd', '23rd', '101st', '102nd', '103rd', '111th', '112th', '113th', '121st']);
  });
});

describe('describeMetBy', () => {
  it('names the events joined by "or", a filter after them, and a generic name for none', () => {
    expect(describeMetBy([], undefined)).toBe('satisfying event');
    expect(describeMetBy(['review_held', 'review_reconvened'], undefined)).toBe('review_held or review_reconvened');
    expect(describeMetBy(['review_held'], 'review_held.in_person')).toBe('review_held where `review_held.in_person`');
  });
});

describe('describeOutcome', () => {
  const base = { metBy: 'review_held', dueDate: d('2025-04-14'), asOf: d('2025-06-01'), searchFrom: undefined, satisfier: undefined, runEnd: undefined };

  it('is met on the due date itself, and met late (in days) after it', () => {
    expect(describeOutcome({ ...base, satisfier: { type: 'review_held', date: d('2025-04-14') } })).toBe('met by review_held on Mon 14 Apr 2025');
    expect(describeOutcome({ ...base, satisfier: { type: 'review_held', date: d('2025-04-15') } })).toBe('met late by review_held on Tue 15 Apr 2025, 1 day after the due date');
    expect(describeOutcome({ ...base, satisfier: { type: 'review_held', date: d('2025-04-17') } })).toBe('met late by review_held on Thu 17 Apr 2025, 3 days after the due date');
  });

  it('is open on the due date and overdue the day after, naming where the search starts', () => {
    const from = { ...base, searchFrom: d('2025-04-07') };
    expect(describeOutcome({ ...from, asOf: d('2025-04-14') })).toBe('open: no review_held on or after Mon 7 Apr 2025 yet as of Mon 14 Apr 2025');
    expect(describeOutcome({ ...from, asOf: d('2025-04-15') })).toBe('overdue: no review_held on or after Mon 7 Apr 2025 by the as-of date Tue 15 Apr 2025');
    expect(describeOutcome({ ...base, asOf: d('2025-04-15') })).toBe('overdue: no review_held by the as-of date Tue 15 Apr 2025');
  });

  it('is overdue when the run ended first, whatever the as-of date', () => {
    expect(describeOutcome({ ...base, asOf: d('2025-04-01'), runEnd: { type: 'case_closed', date: d('2025-04-10') } })).toBe('overdue: no review_held before the run ended with case_closed on Thu 10 Apr 2025');
  });
});

describe('explainDuty', () => {
  const base = {
    rule: 'prepare_child',
    occurrence: 2,
    trigger: 'review_scheduled on Mon 14 Apr 2025',
    bound: 'review_scheduled.for is Wed 16 Apr 2025',
    boundDate: d('2025-04-16'),
    wording: 'as soon as practicable',
    metBy: 'child_prepared',
    from: d('2025-04-14'),
    satisfier: undefined,
    late: undefined,
    asOf: d('2025-04-16'),
    citation: 'para 3.1',
  };

  it('is outstanding up to its bound, then missed, naming an event that came too late', () => {
    expect(explainDuty(base)).toBe(
      'prepare_child (occurrence 2): after review_scheduled on Mon 14 Apr 2025, "as soon as practicable", review_scheduled.for is Wed 16 Apr 2025; outstanding: no child_prepared on or after Mon 14 Apr 2025 yet as of Wed 16 Apr 2025. Source: para 3.1.',
    );
    expect(explainDuty({ ...base, asOf: d('2025-04-17'), late: { type: 'child_prepared', date: d('2025-04-17') } })).toBe(
      'prepare_child (occurrence 2): after review_scheduled on Mon 14 Apr 2025, "as soon as practicable", review_scheduled.for is Wed 16 Apr 2025; missed: no child_prepared on or after Mon 14 Apr 2025 by Wed 16 Apr 2025 (child_prepared on Thu 17 Apr 2025 came after it). Source: para 3.1.',
    );
  });

  it('is met by its satisfier, and says when there is no bound or wording', () => {
    expect(explainDuty({ ...base, bound: undefined, boundDate: undefined, wording: undefined, asOf: d('2025-09-01'), satisfier: { type: 'child_prepared', date: d('2025-05-01') } })).toBe(
      'prepare_child (occurrence 2): after review_scheduled on Mon 14 Apr 2025, with no date by which it must be done; met by child_prepared on Thu 1 May 2025. Source: para 3.1.',
    );
    expect(explainDuty({ ...base, bound: undefined, boundDate: undefined, asOf: d('2025-09-01') })).toBe(
      'prepare_child (occurrence 2): after review_scheduled on Mon 14 Apr 2025, "as soon as practicable", with no date by which it must be done; outstanding: no child_prepared on or after Mon 14 Apr 2025 yet as of Mon 1 Sep 2025. Source: para 3.1.',
    );
  });
});

describe('describeDue', () => {
  it('names the weekends and bank holidays working days skip, both ways', () => {
    // Mon 14 Apr + 5 working days: Tue 15, Wed 16, Thu 17, (Fri 18 Good Friday, the weekend, Mon 21 Easter Monday), Tue 22, Wed 23.
    expect(described(due(5, 'working_days'), '2025-04-14')).toBe(
      '5 working days after became_looked_after on Mon 14 Apr 2025 is Wed 23 Apr 2025 (skipping weekends and 2 bank holidays: Good Friday Fri 18 Apr 2025, Easter Monday Mon 21 Apr 2025)',
    );
    expect(described(due(5, 'working_days', 'before'), '2025-04-23')).toBe(
      '5 working days before became_looked_after on Wed 23 Apr 2025 is Mon 14 Apr 2025 (skipping weekends and 2 bank holidays: Good Friday Fri 18 Apr 2025, Easter Monday Mon 21 Apr 2025)',
    );
    // Thu 10 Apr + 2: Fri 11, (the weekend), Mon 14.
    expect(described(due(2, 'working_days'), '2025-04-10')).toBe('2 working days after became_looked_after on Thu 10 Apr 2025 is Mon 14 Apr 2025 (skipping weekends)');
    // Mon 14 Apr + 1: Tue 15, nothing skipped.
    expect(described(due(1, 'working_days'), '2025-04-14')).toBe('1 working day after became_looked_after on Mon 14 Apr 2025 is Tue 15 Apr 2025');
    // Tue 15 Apr + 2 with a closure on Wed 16: Thu 17, Fri 18; no weekend between.
    const closure = createCalendar({ name: 'closure', holidays: [{ date: d('2025-04-16'), name: 'Office closure' }] });
    expect(described(due(2, 'working_days'), '2025-04-15', closure)).toBe(
      '2 working days after became_looked_after on Tue 15 Apr 2025 is Fri 18 Apr 2025 (skipping 1 bank holiday: Office closure Wed 16 Apr 2025)',
    );
    // Tue 15 Apr + 2: Wed 16, Thu 17; Good Friday is the day after the result, not skipped.
    expect(described(due(2, 'working_days'), '2025-04-15')).toBe('2 working days after became_looked_after on Tue 15 Apr 2025 is Thu 17 Apr 2025');
    // 0 working days: the anchor itself, nothing skipped.
    expect(described(due(0, 'working_days'), '2025-04-14')).toBe('0 working days after became_looked_after on Mon 14 Apr 2025 is Mon 14 Apr 2025');
  });

  it('shows a month clamped to its end, both ways, and nothing when the day of the month is kept', () => {
    expect(described(due(6, 'months'), '2025-08-31')).toBe(
      '6 months after became_looked_after on Sun 31 Aug 2025 is Sat 28 Feb 2026 (31 Aug 2025 + 6 months = 28 Feb 2026, clamped to the end of February)',
    );
    expect(described(due(1, 'months', 'before'), '2025-03-31')).toBe(
      '1 month before became_looked_after on Mon 31 Mar 2025 is Fri 28 Feb 2025 (31 Mar 2025 - 1 month = 28 Feb 2025, clamped to the end of February)',
    );
    expect(described(due(1, 'months'), '2025-04-14')).toBe('1 month after became_looked_after on Mon 14 Apr 2025 is Wed 14 May 2025');
  });

  it('gives weeks in days, the alignment to a weekday either way, and the time', () => {
    expect(described(due(2, 'weeks', 'after', { align: { weekday: 1, direction: 'on_or_before' } }), '2025-04-16')).toBe(
      '2 weeks (14 days) after became_looked_after on Wed 16 Apr 2025 is Wed 30 Apr 2025, moved to the Monday on or before: Mon 28 Apr 2025',
    );
    expect(described(due(2, 'weeks', 'after', { align: { weekday: 5, direction: 'on_or_after' } }), '2025-04-16')).toBe(
      '2 weeks (14 days) after became_looked_after on Wed 16 Apr 2025 is Wed 30 Apr 2025, moved to the Friday on or after: Fri 2 May 2025',
    );
    expect(described(due(3, 'days', 'after', { align: { weekday: 1, direction: 'on_or_after' }, time: '12:00' }), '2025-04-11')).toBe(
      '3 days after became_looked_after on Fri 11 Apr 2025 is Mon 14 Apr 2025, already a Monday, by 12:00',
    );
  });
});

describe('shifter', () => {
  it('refuses a duration longer than 100 years, naming it', () => {
    expect(() => shifter({ amount: 101, unit: 'years' }, 'after', EASTER)).toThrow(MalformedIrError);
    expect(() => shifter({ amount: 101, unit: 'years' }, 'after', EASTER)).toThrow('101 years is longer than 100 years, the longest duration a policy may write');
    expect(shifter({ amount: 100, unit: 'years' }, 'after', EASTER)(d('2025-04-14'))).toBe(d('2125-04-14'));
  });
});

describe('memoByDay', () => {
  it('computes each day of 1800-2299 once, and every other day (and a non-integer) each time', () => {
    const calls = new Map<number, number>();
    const f = memoByDay((day) => {
      calls.set(day, (calls.get(day) ?? 0) + 1);
      return day * 2;
    });
    const first = d('1800-01-01');
    const days = [first, first + 511, first + 512, first + 513, d('2025-04-14'), d('2299-12-31'), d('1799-12-31'), d('2300-01-01'), d('1066-10-14'), first + 0.5];
    for (let round = 0; round < 2; round++) for (const day of days) expect(f(day)).toBe(day * 2);
    const cached = [first, first + 511, first + 512, first + 513, d('2025-04-14'), d('2299-12-31')];
    for (const day of cached) expect(calls.get(day), `day ${day}`).toBe(1);
    for (const day of [d('1799-12-31'), d('2300-01-01'), d('1066-10-14'), first + 0.5]) expect(calls.get(day), `day ${day}`).toBe(2);
  });
});
