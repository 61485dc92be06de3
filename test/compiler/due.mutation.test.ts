/**
 * A deadline's whole due clause (compiler/elaborate/due.ts) at its edges, written to kill the mutants
 * that the golden cases (test/cases/deadlines/) and test/runtime/due-windows.test.ts leave alive:
 * whole diagnostics (message, help, range) for each refusal, including the ones the golden files
 * compare by message only; the IR of every accepted form; and `pdl/empty-window` on both sides of its
 * bound for each pair of units (a month is 28 to 31 days, a year 365 to 366, a working day 1 to 5
 * calendar days, a week 7), in both directions.
 *
 * Input: one small policy per case (a deadline with the due line given), compiled in this process
 * inside each test. Output: assertions on the diagnostics and on the deadline's IR.
 */
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../compiler/diagnostics/types.ts';
import { compileToIr } from '../../compiler/pipeline.ts';
import type { IrRule } from '../../runtime/ir.ts';

/** A policy with one deadline whose due line is `due`. */
function policy(due: string): string {
  return [
    'policy t.due',
    '  title "Due"',
    '',
    'role sw "SW"',
    'event started',
    'event moved',
    'event booked { for: date }',
    'event done',
    '',
    'deadline plan "Plan"',
    '  owner sw',
    `  due ${due}`,
    '  met by done',
    '  cite "1"',
    '',
  ].join('\n');
}

/** The line of the due clause in `policy`. */
const LINE = 12;

interface Shown {
  readonly code: string;
  readonly at: string;
  readonly message: string;
  readonly help?: string;
}

const shown = (d: Diagnostic): Shown => ({
  code: d.code,
  at: `${d.range.startLine}:${d.range.startColumn}-${d.range.endColumn}`,
  message: d.message,
  ...(d.help === undefined ? {} : { help: d.help }),
});

/** The diagnostics of the policy with due line `due` (its IR must then be absent). */
function refused(due: string): Shown[] {
  const r = compileToIr(policy(due), { uri: 'due.pdl' });
  expect(r.ir).toBeUndefined();
  return r.diagnostics.map(shown);
}

/** The deadline's IR fields that the due clause makes, when it compiles without a diagnostic. */
function accepted(due: string): Partial<IrRule> {
  const r = compileToIr(policy(due), { uri: 'due.pdl' });
  expect(r.diagnostics.map(shown)).toEqual([]);
  const rule = r.ir?.rules[0] as Record<string, unknown> | undefined;
  expect(rule?.['kind']).toBe('deadline');
  const picked: Record<string, unknown> = {};
  for (const key of ['due', 'alsoFrom', 'whichever', 'window']) if (rule !== undefined && key in rule) picked[key] = rule[key];
  return picked as Partial<IrRule>;
}

/** Column (1-based) of `text` in the due line: `  due ` is 6 characters. */
const col = (due: string, text: string): number => 7 + due.indexOf(text);

const dob16 = { direction: 'after', offset: { amount: 16, unit: 'years' }, anchor: { kind: 'child_dob' } };
const fromStarted = (amount: number, unit: string) => ({ direction: 'after', offset: { amount, unit }, anchor: { kind: 'event', event: 'started' } });

describe('accepted due clauses and their IR', () => {
  it('a plain due date has the due date only', () => {
    expect(accepted('within 5 days of started')).toEqual({ due: fromStarted(5, 'days') });
  });

  it('several anchor events', () => {
    expect(accepted('within 5 days of started or moved or booked')).toEqual({ due: fromStarted(5, 'days'), alsoFrom: ['moved', 'booked'] });
  });

  it('the sooner or later of two or three due dates', () => {
    expect(accepted('within 5 days of started or within 3 days of moved, whichever is sooner')).toEqual({
      due: fromStarted(5, 'days'),
      whichever: { pick: 'sooner', others: [{ direction: 'after', offset: { amount: 3, unit: 'days' }, anchor: { kind: 'event', event: 'moved' } }] },
    });
    expect(accepted('16 years after child.dob or within 3 days of moved or within 1 week of started, whichever is later')).toEqual({
      due: dob16,
      whichever: {
        pick: 'later',
        others: [
          { direction: 'after', offset: { amount: 3, unit: 'days' }, anchor: { kind: 'event', event: 'moved' } },
          { direction: 'after', offset: { amount: 1, unit: 'weeks' }, anchor: { kind: 'event', event: 'started' } },
        ],
      },
    });
  });

  it('a window in front, and an earliest date after', () => {
    expect(accepted('between 3 months before and 2 weeks after 16 years after child.dob')).toEqual({
      due: dob16,
      window: { opens: { direction: 'before', offset: { amount: 3, unit: 'months' } }, closes: { direction: 'after', offset: { amount: 2, unit: 'weeks' } } },
    });
    expect(accepted('16 years after child.dob, earliest 3 months before')).toEqual({ due: dob16, window: { opens: { direction: 'before', offset: { amount: 3, unit: 'months' } } } });
  });
});

describe('refused due clauses, whole diagnostics', () => {
  it('several anchors measured from the date of birth or from a date attribute', () => {
    const dob = '16 years after child.dob or moved';
    expect(refused(dob)).toEqual([
      {
        code: 'pdl/unsupported-due',
        at: `${LINE}:${col(dob, 'or moved')}-${col(dob, 'or moved') + 8}`,
        message: '`or moved`: several anchors must all be events, and this due date is measured from `child.dob`',
        help: 'write one deadline per anchor, or measure it from events only: `within 20 working days of became_looked_after or placement_moved`',
      },
    ]);
    expect(refused('within 5 days of booked.for or moved or started').map((d) => d.message)).toEqual([
      '`or moved`: several anchors must all be events, and this due date is measured from `a date attribute`',
    ]);
  });

  it('an anchor named twice, once as the first anchor and once among the others; an unknown one is not also a duplicate', () => {
    const twice = 'within 5 days of started or moved or started or moved';
    expect(refused(twice)).toEqual([
      { code: 'pdl/duplicate-anchor', at: `${LINE}:${twice.lastIndexOf('started') + 7}-${twice.lastIndexOf('started') + 14}`, message: '`started` is already an anchor of this due date', help: 'name each anchor event once' },
      {
        code: 'pdl/duplicate-anchor',
        at: `${LINE}:${twice.lastIndexOf('moved') + 7}-${twice.lastIndexOf('moved') + 12}`,
        message: '`moved` is already an anchor of this due date',
        help: 'name each anchor event once',
      },
    ]);
    expect(refused('within 5 days of started or nowhere or nowhere').map((d) => d.code)).toEqual(['pdl/unknown-event', 'pdl/unknown-event']);
  });

  it('several due dates without `whichever`: the count and the help', () => {
    const three = 'within 5 days of started or within 3 days of moved or within 1 week of booked';
    expect(refused(three)).toEqual([
      {
        code: 'pdl/whichever-missing',
        at: `${LINE}:3-${6 + three.length + 1}`,
        message: 'this deadline has 3 due dates: say which one applies',
        help: 'end the line with `, whichever is sooner` or `, whichever is later`',
      },
    ]);
  });

  it('`whichever` with one due date, said twice, or with several anchor events; a second due date that does not check', () => {
    const alone = 'within 5 days of started, whichever is sooner';
    expect(refused(alone)).toEqual([
      { code: 'pdl/unsupported-due', at: `${LINE}:${col(alone, ', whichever')}-${6 + alone.length + 1}`, message: '`whichever` needs two due dates or more', help: 'add `or within D of EVENT` before it, or leave it out' },
    ]);
    const twice = 'within 5 days of started or within 3 days of moved, whichever is sooner, whichever is later';
    expect(refused(twice)).toEqual([
      { code: 'pdl/unsupported-due', at: `${LINE}:${col(twice, ', whichever is later')}-${6 + twice.length + 1}`, message: '`whichever` is said once', help: 'keep one `, whichever is sooner|later`' },
    ]);
    const anchors = 'within 5 days of started or moved or within 3 days of booked, whichever is sooner';
    expect(refused(anchors)).toEqual([
      {
        code: 'pdl/unsupported-due',
        at: `${LINE}:${col(anchors, ', whichever')}-${6 + anchors.length + 1}`,
        message: '`whichever` cannot be combined with several anchor events (`or EVENT`)',
        help: 'write one deadline per anchor event, each with its own `whichever`',
      },
    ]);
    expect(refused('within 5 days of started or within 3 days of nowhere, whichever is sooner').map((d) => d.code)).toEqual(['pdl/unknown-event']);
  });

  it('two windows: in front and after, or two earliest dates; a window with `whichever`', () => {
    const both = 'between 1 week before and 1 week after 16 years after child.dob, earliest 3 months before';
    expect(refused(both)).toEqual([
      {
        code: 'pdl/unsupported-due',
        at: `${LINE}:${col(both, ', earliest')}-${6 + both.length + 1}`,
        message: 'this due date already has a window',
        help: 'give the window once: `between D before and D after ...`, or `, earliest D before`',
      },
    ]);
    const earliest = '16 years after child.dob, earliest 3 months before, earliest 2 months before';
    expect(refused(earliest).map((d) => [d.at, d.message])).toEqual([[`${LINE}:${col(earliest, ', earliest 2')}-${6 + earliest.length + 1}`, 'this due date already has a window']]);
    const help = 'write the window around one due date, or the sooner/later of two without a window';
    const after = '16 years after child.dob or within 3 days of moved, whichever is sooner, earliest 3 months before';
    expect(refused(after)).toEqual([
      { code: 'pdl/unsupported-due', at: `${LINE}:${col(after, ', earliest')}-${6 + after.length + 1}`, message: 'a window cannot be combined with `whichever`', help },
    ]);
    const front = 'between 1 week before and 1 week after 16 years after child.dob or within 3 days of moved, whichever is sooner';
    expect(refused(front)).toEqual([
      { code: 'pdl/unsupported-due', at: `${LINE}:7-${col(front, ' 16 years')}`, message: 'a window cannot be combined with `whichever`', help },
    ]);
  });
});

describe('a window that opens after it closes', () => {
  const EMPTY = {
    code: 'pdl/empty-window',
    message: 'this window opens after it closes',
    help: 'the first duration is where the window opens, the second where it closes: `between 3 months before and 3 months after ...`',
  };
  /** `between OPENS and CLOSES 16 years after child.dob`: empty (refused) or accepted. */
  function empty(opens: string, closes: string): boolean {
    const due = `between ${opens} and ${closes} 16 years after child.dob`;
    const r = compileToIr(policy(due), { uri: 'due.pdl' });
    if (r.diagnostics.length === 0) return false;
    expect(r.diagnostics.map(shown)).toEqual([{ ...EMPTY, at: `${LINE}:7-${col(due, ' 16 years')}` }]);
    return true;
  }

  it('in one unit: it may open and close on the same day, not close before it opens, in either direction', () => {
    expect(empty('2 weeks after', '2 weeks after')).toBe(false);
    expect(empty('3 weeks after', '2 weeks after')).toBe(true);
    expect(empty('1 week before', '2 weeks before')).toBe(true);
    expect(empty('2 weeks before', '1 week before')).toBe(false);
    expect(empty('1 week before', '1 week after')).toBe(false);
    expect(empty('1 week after', '1 week before')).toBe(true);
  });

  it('months against days: a month is 28 to 31 days', () => {
    expect(empty('1 month after', '28 days after')).toBe(false);
    expect(empty('1 month after', '27 days after')).toBe(true);
    expect(empty('31 days after', '1 month after')).toBe(false);
    expect(empty('32 days after', '1 month after')).toBe(true);
    expect(empty('28 days before', '1 month before')).toBe(false);
    expect(empty('27 days before', '1 month before')).toBe(true);
    expect(empty('1 month before', '31 days before')).toBe(false);
    expect(empty('1 month before', '32 days before')).toBe(true);
  });

  it('years against days: a year is 365 to 366 days', () => {
    expect(empty('1 year after', '365 days after')).toBe(false);
    expect(empty('1 year after', '364 days after')).toBe(true);
    expect(empty('366 days after', '1 year after')).toBe(false);
    expect(empty('367 days after', '1 year after')).toBe(true);
  });

  it('working days against days: a working day is 1 to 5 calendar days', () => {
    expect(empty('2 working days after', '2 days after')).toBe(false);
    expect(empty('2 working days after', '1 day after')).toBe(true);
    expect(empty('10 days after', '2 working days after')).toBe(false);
    expect(empty('11 days after', '2 working days after')).toBe(true);
  });

  it('weeks against days: a week is 7 days', () => {
    expect(empty('1 week after', '7 days after')).toBe(false);
    expect(empty('1 week after', '6 days after')).toBe(true);
    expect(empty('7 days before', '1 week before')).toBe(false);
    expect(empty('6 days before', '1 week before')).toBe(true);
  });
});

describe('a refused due clause drops its deadline, so no lint compares it', () => {
  /** The codes of a policy with `plan` due `due` and `twin`, the same obligation due `twinDue`: kept, `plan` would conflict with it. */
  function withTwin(due: string, twinDue: string): string[] {
    const text = `${policy(due)}\ndeadline twin "Twin"\n  owner sw\n  due ${twinDue}\n  met by done\n  cite "2"\n`;
    return compileToIr(text, { uri: 'due.pdl' }).diagnostics.map((d) => d.code);
  }
  const STARTED = 'within 99 days of started';

  it('the twin alone is a conflict when `plan` checks', () => {
    expect(withTwin('within 5 days of started', STARTED)).toEqual(['pdl/conflicting-timescales']);
  });

  it('anchors: measured from the date of birth, unknown, named twice', () => {
    expect(withTwin('17 years after child.dob or moved', '16 years after child.dob')).toEqual(['pdl/unsupported-due']);
    expect(withTwin('within 5 days of started or nowhere', STARTED)).toEqual(['pdl/unknown-event']);
    expect(withTwin('within 5 days of started or started', STARTED)).toEqual(['pdl/duplicate-anchor']);
  });

  it('`whichever`: a second due date that does not check, missing, alone, twice, with several anchors', () => {
    expect(withTwin('within 5 days of started or within 3 days of nowhere, whichever is sooner', STARTED)).toEqual(['pdl/unknown-event']);
    expect(withTwin('within 5 days of started or within 3 days of moved', STARTED)).toEqual(['pdl/whichever-missing']);
    expect(withTwin('within 5 days of started, whichever is sooner', STARTED)).toEqual(['pdl/unsupported-due']);
    expect(withTwin('within 5 days of started or within 3 days of moved, whichever is sooner, whichever is later', STARTED)).toEqual(['pdl/unsupported-due']);
    expect(withTwin('within 5 days of started or moved or within 3 days of booked, whichever is sooner', STARTED)).toEqual(['pdl/unsupported-due']);
  });

  it('windows: two, with `whichever`, empty, a duration without its unit', () => {
    expect(withTwin('within 5 days of started, earliest 3 days before, earliest 2 days before', STARTED)).toEqual(['pdl/unsupported-due']);
    expect(withTwin('within 5 days of started or within 3 days of moved, whichever is sooner, earliest 1 day before', STARTED)).toEqual(['pdl/unsupported-due']);
    expect(withTwin('between 3 days after and 2 days after 5 days after started', STARTED)).toEqual(['pdl/empty-window']);
    expect(withTwin('between 1 before and 1 day after 5 days after started', STARTED)).toEqual(['pdl/duration-without-unit']);
    expect(withTwin('between 1 day before and 1 after 5 days after started', STARTED)).toEqual(['pdl/duration-without-unit']);
    expect(withTwin('within 5 days of started, earliest 1 before', STARTED)).toEqual(['pdl/duration-without-unit']);
  });

  it('a plain due date that does not check', () => {
    expect(withTwin('within 5 days of nowhere', STARTED)).toEqual(['pdl/unknown-event']);
  });
});

describe('a window that opens after it closes: several months, years and working days', () => {
  function isEmpty(opens: string, closes: string): boolean {
    return compileToIr(policy(`between ${opens} and ${closes} 16 years after child.dob`), { uri: 'due.pdl' }).diagnostics.some((d) => d.code === 'pdl/empty-window');
  }

  it('2 months are at most 62 days, 2 years at most 732', () => {
    expect(isEmpty('62 days after', '2 months after')).toBe(false);
    expect(isEmpty('63 days after', '2 months after')).toBe(true);
    expect(isEmpty('732 days after', '2 years after')).toBe(false);
    expect(isEmpty('733 days after', '2 years after')).toBe(true);
  });

  it('in one unit the amounts are compared, even where the calendar days could overlap (working days)', () => {
    expect(isEmpty('5 working days after', '4 working days after')).toBe(true);
    expect(isEmpty('4 working days before', '5 working days before')).toBe(true);
    expect(isEmpty('2 months after', '1 month after')).toBe(true);
  });
});
