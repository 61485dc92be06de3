/**
 * The duration units: the one table every stage reads (lexer, parser's AST builder, printer,
 * explanations, lints, generated docs, the playground's completion).
 *
 * Input: none (data). Output: `DURATION_UNITS`: for each unit of the IR (`DurationUnit`), the words it
 * is written with (singular and plural; the first spelling is the one the printer writes and
 * explanations use), the words the generated docs use, the calendar arithmetic, and the fewest
 * calendar days an amount can span; plus lookups derived from it (`unitOfWords`, `unitWords`,
 * `UNIT_WORDS`, `minimumCalendarDays`).
 *
 * Adding a unit (`fortnights`): one entry here; the IR, the grammar, the AST builder, the printer,
 * explanations, docs, lints and the playground read it. (`test/runtime/units.test.ts` walks the table
 * through all of them.)
 *
 * INVARIANT: each spelling (singular or plural) belongs to one unit only; every word is lowercase
 * letters; the plural of a spelling is never its singular.
 * INVARIANT: the runtime owns this table; the compiler, grammar and playground import it, never the
 * reverse. No `Date`, no regexes at run time.
 */

/** How a unit moves a date: working days on the policy calendar, a number of calendar days, or calendar months (clamped to the month's end). */
export type UnitArithmetic =
  | { readonly kind: 'working_days' }
  | { readonly kind: 'days'; readonly per: number }
  | { readonly kind: 'months'; readonly per: number };

/** One way of writing a unit: `working day` / `working days`. */
export interface UnitSpelling {
  readonly one: string;
  readonly many: string;
}

/** A duration unit. */
export interface DurationUnitSpec {
  /** The ways it may be written; the first is canonical (printer, explanations, error help). */
  readonly spellings: readonly UnitSpelling[];
  /** How the generated docs say it (`calendar days`, to be unambiguous). */
  readonly docs: UnitSpelling;
  readonly arithmetic: UnitArithmetic;
  /**
   * The fewest calendar days `amount` of this unit can span (for lints comparing timescales): working
   * days, counted from a working day, skip at least the weekends; a month is at least 28 days, a year
   * 365.
   */
  readonly minimumDays: (amount: number) => number;
}

/** Every duration unit, by its IR name. The order is the order units are listed in (docs, completion). */
export const DURATION_UNITS = {
  working_days: {
    spellings: [{ one: 'working day', many: 'working days' }],
    docs: { one: 'working day', many: 'working days' },
    arithmetic: { kind: 'working_days' },
    minimumDays: (amount: number) => amount + 2 * Math.floor(amount / 5),
  },
  days: {
    spellings: [
      { one: 'day', many: 'days' },
      { one: 'calendar day', many: 'calendar days' },
    ],
    docs: { one: 'calendar day', many: 'calendar days' },
    arithmetic: { kind: 'days', per: 1 },
    minimumDays: (amount: number) => amount,
  },
  weeks: {
    spellings: [{ one: 'week', many: 'weeks' }],
    docs: { one: 'week', many: 'weeks' },
    arithmetic: { kind: 'days', per: 7 },
    minimumDays: (amount: number) => 7 * amount,
  },
  months: {
    spellings: [
      { one: 'month', many: 'months' },
      { one: 'calendar month', many: 'calendar months' },
    ],
    docs: { one: 'month', many: 'months' },
    arithmetic: { kind: 'months', per: 1 },
    minimumDays: (amount: number) => 28 * amount,
  },
  years: {
    spellings: [{ one: 'year', many: 'years' }],
    docs: { one: 'year', many: 'years' },
    arithmetic: { kind: 'months', per: 12 },
    minimumDays: (amount: number) => 365 * amount,
  },
} as const satisfies Readonly<Record<string, DurationUnitSpec>>;

/** The unit of an `IrDuration`. */
export type DurationUnit = keyof typeof DURATION_UNITS;

/** The units, in table order. */
export const DURATION_UNIT_NAMES: readonly DurationUnit[] = Object.freeze(Object.keys(DURATION_UNITS) as DurationUnit[]);

/** The entry of a unit. */
export function unitSpec(unit: DurationUnit): DurationUnitSpec {
  return DURATION_UNITS[unit];
}

/** The canonical words for `amount` of `unit`: `working day` (1), `working days` (otherwise). */
export function unitWords(unit: DurationUnit, amount: number): string {
  const s = (DURATION_UNITS[unit] as DurationUnitSpec).spellings[0] as UnitSpelling;
  return amount === 1 ? s.one : s.many;
}

/** How the generated docs say `amount` of `unit`: `calendar days` for days. */
export function unitDocsWords(unit: DurationUnit, amount: number): string {
  const s = (DURATION_UNITS[unit] as DurationUnitSpec).docs;
  return amount === 1 ? s.one : s.many;
}

/** The fewest calendar days `amount` of `unit` can span. */
export function minimumCalendarDays(amount: number, unit: DurationUnit): number {
  return (DURATION_UNITS[unit] as DurationUnitSpec).minimumDays(amount);
}

/**
 * The longest duration a policy may write, in calendar days: 100 years (36,525 days). No practice
 * direction counts further (the longest real timescales run to a child's 25th birthday), and
 * arithmetic on larger numbers is slow (working days are counted) or loses precision.
 */
export const MAX_DURATION_DAYS = 36_525;

/** Whether `amount` of `unit` can span more than `MAX_DURATION_DAYS`: a diagnostic in a policy, a malformed IR at run time. */
export function durationTooLong(amount: number, unit: DurationUnit): boolean {
  return minimumCalendarDays(amount, unit) > MAX_DURATION_DAYS;
}

const BY_WORDS: ReadonlyMap<string, DurationUnit> = (() => {
  const out = new Map<string, DurationUnit>();
  for (const unit of DURATION_UNIT_NAMES) {
    for (const s of (DURATION_UNITS[unit] as DurationUnitSpec).spellings) {
      out.set(s.one, unit);
      out.set(s.many, unit);
    }
  }
  return out;
})();

/** The unit written as `words` (words separated by one space: `working days`, `calendar month`); undefined when none is. */
export function unitOfWords(words: string): DurationUnit | undefined {
  return BY_WORDS.get(words);
}

/** Every spelling of every unit (singular and plural), in table order: what completion offers and the grammar accepts. */
export const UNIT_SPELLINGS: readonly string[] = Object.freeze([...BY_WORDS.keys()]);

/** Every single word that can be part of a unit (`working`, `day`, `days`, `calendar`...), in table order. */
export const UNIT_WORDS: readonly string[] = Object.freeze([...new Set(UNIT_SPELLINGS.flatMap((s) => s.split(' ')))]);
