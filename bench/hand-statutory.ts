/**
 * The statutory review policy (policies/england/statutory-reviews.pdl) written by hand as one closure:
 * the floor the emitted module is measured against in bench/compiled.ts ("within 2x of a hand-written
 * closure computing the same rows").
 *
 * Input: a case as parsed JSON (the emitted module's input; trusted: nothing is validated) and the
 * as-of date as `YYYY-MM-DD`. Output: its rows (bench/compiled.ts `Row`: rule, occurrence, due date,
 * status, satisfied on), in the order it finds them (sort them to compare).
 *
 * What it computes, as docs/language.md defines the policy's three rules:
 * - `looked_after_review`: a run from each `became_looked_after` to the next `ceased_looked_after`;
 *   the first review due 20 working days (England and Wales) after the start, the second 3 months
 *   after the review that met the first, then every 6 months; each met by the first `review_held` on
 *   or after its anchor (within the run, not already used); an unmet one due on or after the run's
 *   end is superseded;
 * - `adjourned_review_completed`: 20 working days after each `review_adjourned`, met by the first
 *   `review_held` on or after it;
 * - `up to the limit one_adjournment_per_review` (at most 1 `review_adjourned` per occurrence of the
 *   cycle): an adjournment beyond the first in an occurrence's window (just after its anchor up to
 *   the event that met or ended it, or the as-of date) gives a superseded row instead.
 * Dates are day numbers; working days and months use the runtime's calendar arithmetic
 * (`addWorkingDays`, `addMonths`), the one primitive shared with the module. No explanations, no
 * citations, no violations: the rows only. As fair a floor as the module's runtime allows itself:
 * date strings and month arithmetic are memoised by day across calls (as the runtime's `memoByDay`
 * does), and no function is created per call (under tsx, which keeps names, each one cost a
 * `defineProperty`).
 *
 * INVARIANT: on the generator's seeded cases its rows equal the emitted module's
 * (test/emit/hand-closure.test.ts).
 */
import { addMonths, formatPlainDate, parsePlainDate, type PlainDate, type WorkingDayCalendar } from '../runtime/index.ts';

/** One obligation (or superseded one), as bench/compiled.ts compares them. */
export interface HandRow {
  readonly rule: 'looked_after_review' | 'adjourned_review_completed';
  readonly occurrence: number;
  readonly due: string;
  readonly status: 'met' | 'met_late' | 'overdue' | 'open' | 'superseded';
  readonly satisfiedOn?: string;
}

/** The case as the closure reads it: events with a type and a date (other fields are ignored). */
export interface HandCase {
  readonly events: readonly { readonly type: string; readonly date: string }[];
}

const BECAME = 'became_looked_after';
const CEASED = 'ceased_looked_after';
const HELD = 'review_held';
const ADJOURNED = 'review_adjourned';

/** The closure for one calendar (England and Wales, as the policy says). */
export function handStatutory(calendar: WorkingDayCalendar): (input: HandCase, asOf: string) => HandRow[] {
  // Scratch arrays, reused across calls (the closure is not re-entrant).
  let types: string[] = [];
  let days = new Int32Array(64);
  let order = new Int32Array(64);
  let used = new Uint8Array(64);
  let beyond = new Uint8Array(64);
  // Day-number memos of the two pure date functions the rows need, kept across calls, as the module
  // keeps its own (runtime/explain.ts `memoByDay`): the same few thousand days recur across cases, and
  // without them formatting and month arithmetic (`toYmd`) were about 40% of the closure's time.
  const isoDates = new Map<number, string>();
  const monthsLater = [new Map<number, number>(), new Map<number, number>()];
  const iso = (d: PlainDate): string => {
    let text = isoDates.get(d);
    if (text === undefined) isoDates.set(d, (text = formatPlainDate(d)));
    return text;
  };
  /** `addMonths(from, 3)` (second review) or `addMonths(from, 6)` (later ones), memoised. */
  const reviewMonths = (from: PlainDate, second: boolean): PlainDate => {
    const memo = monthsLater[second ? 0 : 1] as Map<number, number>;
    let due = memo.get(from);
    if (due === undefined) memo.set(from, (due = addMonths(from, second ? 3 : 6)));
    return due;
  };

  /** One run of the cycle, from the event at `start` to the one at `end` (-1: still open); made once, not per call. */
  const run = (start: number, end: number, n: number, asOf: PlainDate, rows: HandRow[]): void => {
    const runEnd = end < 0 ? -1 : (days[end] as number);
    let anchor = start;
    for (let occurrence = 1; ; occurrence++) {
      const from = days[anchor] as number;
      const due = occurrence === 1 ? calendar.addWorkingDays(from, 20) : reviewMonths(from, occurrence === 2);
      let met = -1;
      for (let j = 0; j < n; j++) {
        const d = days[j] as number;
        if (d < from) continue;
        if (runEnd >= 0 && d > runEnd) break;
        if (types[j] === HELD && j !== anchor && j !== start && used[j] === 0) {
          met = j;
          break;
        }
      }
      // The occurrence's window for the limit: just after its anchor, up to what met or ended it.
      const last = met >= 0 ? met : end >= 0 ? end : n - 1;
      let adjournments = 0;
      for (let j = anchor + 1; j <= last; j++) if (types[j] === ADJOURNED && ++adjournments > 1) beyond[j] = 1;
      if (met >= 0) {
        const on = days[met] as number;
        rows.push({ rule: 'looked_after_review', occurrence, due: iso(due), status: on <= due ? 'met' : 'met_late', satisfiedOn: iso(on) });
        used[met] = 1;
        anchor = met;
        continue;
      }
      const status = runEnd >= 0 && due >= runEnd ? 'superseded' : asOf > due ? 'overdue' : 'open';
      rows.push({ rule: 'looked_after_review', occurrence, due: iso(due), status });
      return;
    }
  };

  return (input, asOfText) => {
    const asOf = parsePlainDate(asOfText) as PlainDate;
    const given = input.events;
    if (given.length > days.length) {
      days = new Int32Array(given.length * 2);
      order = new Int32Array(given.length * 2);
      used = new Uint8Array(given.length * 2);
      beyond = new Uint8Array(given.length * 2);
    }
    // Events on or before the as-of date, in date order then input order (insertion sort: few, mostly sorted).
    let n = 0;
    for (let i = 0; i < given.length; i++) {
      const e = given[i] as { type: string; date: string };
      const d = parsePlainDate(e.date) as PlainDate;
      if (d > asOf) continue;
      let k = n++;
      while (k > 0 && (days[k - 1] as number) > d) {
        days[k] = days[k - 1] as number;
        order[k] = order[k - 1] as number;
        k--;
      }
      days[k] = d;
      order[k] = i;
    }
    if (types.length < n) types = new Array<string>(n);
    for (let k = 0; k < n; k++) {
      types[k] = (given[order[k] as number] as { type: string }).type;
      used[k] = 0;
      beyond[k] = 0;
    }
    const rows: HandRow[] = [];

    let start = -1;
    for (let j = 0; j < n; j++) {
      if (start < 0) {
        if (types[j] === BECAME) start = j;
      } else if (types[j] === CEASED) {
        run(start, j, n, asOf, rows);
        start = -1;
      }
    }
    if (start >= 0) run(start, -1, n, asOf, rows);

    // One deadline per adjournment; one beyond the limit is superseded.
    let occurrence = 0;
    for (let j = 0; j < n; j++) {
      if (types[j] !== ADJOURNED) continue;
      occurrence++;
      const from = days[j] as number;
      const due = calendar.addWorkingDays(from, 20);
      if (beyond[j] === 1) {
        rows.push({ rule: 'adjourned_review_completed', occurrence, due: iso(due), status: 'superseded' });
        continue;
      }
      let met = -1;
      for (let k = 0; k < n; k++) {
        if ((days[k] as number) >= from && types[k] === HELD && k !== j) {
          met = k;
          break;
        }
      }
      if (met >= 0) {
        const on = days[met] as number;
        rows.push({ rule: 'adjourned_review_completed', occurrence, due: iso(due), status: on <= due ? 'met' : 'met_late', satisfiedOn: iso(on) });
      } else rows.push({ rule: 'adjourned_review_completed', occurrence, due: iso(due), status: asOf > due ? 'overdue' : 'open' });
    }
    return rows;
  };
}
