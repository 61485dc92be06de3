/**
 * The scan floor of bench/simulate.ts (issue 13: "at most 10x a typed-array scan of the same events"),
 * in two forms, each over the same caseload held in typed arrays (`toColumns`, untimed):
 * - `sumScan`: the plain scan, summing each child's day numbers: what reading the events costs and no
 *   more (a memory-bandwidth floor; it answers no question);
 * - `countScan`: a hand-written kernel that computes, in one pass per child and policy, every figure
 *   of the simulation's report that the benchmark's two policies produce: per rule the obligations by
 *   status (met, met late, overdue, open) and the superseded ones, the limit's violations, the reviews
 *   due and within timescale, each child overdue or not under each policy (so the newly overdue and no
 *   longer overdue children), and the workload per ISO week. It is written for those two policies only
 *   (policies/england/statutory-reviews.pdl and bench/fixtures/south-glos-reviews.pdl), as
 *   bench/hand-statutory.ts is for the first: the floor an evaluator written for one policy would
 *   reach, not a general one. It uses the runtime's calendar arithmetic (`addWorkingDays`,
 *   `addMonths`), memoised by day in typed arrays, and allocates nothing per child.
 *
 * Semantics (docs/language.md, as runtime/kinds/cycle.ts implements it; a repeated record, the same
 * type, date and attributes as an earlier event, is left out when the columns are made): the review cycle runs from
 * each `became_looked_after` to the next `ceased_looked_after` (the reform: a `placement_changed`
 * ends the run and starts a new one at once); occurrence 1 is due 20 working days after the run's
 * start, occurrence 2 three months (reform: 91 days) after the review that met occurrence 1, later
 * ones six months (reform: 183 days) after the previous review; each is met by the first
 * `review_held` dated from its anchor to the run's end that is neither the run's start, its anchor
 * nor already used; the first unmet occurrence is the run's last, superseded if its run ended on or
 * before its due date. Each `review_adjourned` is due 20 working days later, met by the first
 * `review_held` on or after it; an adjournment beyond the first in a review occurrence's window (just
 * after its anchor up to what met or ended it) is a violation of the limit, and its deadline is
 * superseded.
 *
 * INVARIANT (checked by bench/simulate.ts on every run, `checkAgainst`): its counts equal the
 * simulation's report for the same caseload, so the floor computes the same answer.
 */
import { addMonths, englandAndWalesCalendar } from '../runtime/index.ts';
import type { NormalizedCase, PlainDate, WorkingDayCalendar } from '../runtime/index.ts';
import type { SimulationReport } from '../simulation/simulate/index.ts';

const OTHER = 0;
const BECAME = 1;
const CEASED = 2;
const HELD = 3;
const ADJOURNED = 4;
const MOVED = 5;
const TYPE_CODES: Readonly<Record<string, number>> = {
  became_looked_after: BECAME,
  ceased_looked_after: CEASED,
  review_held: HELD,
  review_adjourned: ADJOURNED,
  placement_changed: MOVED,
};

/**
 * Whether `e` repeats an earlier event of `events` (same type, date and attributes): the same record
 * entered twice, which the evaluator leaves out (`notice/repeated-event`); the columns mark it as no
 * event when they are made, so the kernel never sees it.
 */
function repeated(events: NormalizedCase['events'], e: NormalizedCase['events'][number]): boolean {
  for (const other of events) {
    if (other === e) return false;
    if (other.date === e.date && other.type === e.type && JSON.stringify(other.attributes) === JSON.stringify(e.attributes)) return true;
  }
  return false;
}

/** The caseload as columns: child i's events are `offsets[i]` to `offsets[i + 1]`, in date order. */
export interface Columns {
  readonly children: number;
  readonly events: number;
  readonly offsets: Int32Array;
  readonly days: Int32Array;
  readonly types: Uint8Array;
  readonly ids: readonly string[];
  /** The earliest and latest day of any event. */
  readonly firstDay: number;
  readonly lastDay: number;
}

/** The columns of `cases` (events after `asOf` left out, as the evaluator leaves them out). Throws on events out of date order. */
export function toColumns(cases: readonly NormalizedCase[], asOf: PlainDate): Columns {
  let total = 0;
  for (const c of cases) total += c.events.length;
  const offsets = new Int32Array(cases.length + 1);
  const days = new Int32Array(total);
  const types = new Uint8Array(total);
  let j = 0;
  let firstDay = Number.POSITIVE_INFINITY;
  let lastDay = Number.NEGATIVE_INFINITY;
  cases.forEach((c, i) => {
    offsets[i] = j;
    let previous = Number.NEGATIVE_INFINITY;
    for (const e of c.events) {
      if (e.date < previous) throw new Error(`case ${i}: events are not in date order`);
      previous = e.date;
      if (e.date > asOf) continue;
      days[j] = e.date;
      types[j] = repeated(c.events, e) ? OTHER : (TYPE_CODES[e.type] ?? OTHER);
      firstDay = Math.min(firstDay, e.date);
      lastDay = Math.max(lastDay, e.date);
      j++;
    }
  });
  offsets[cases.length] = j;
  return { children: cases.length, events: j, offsets, days: days.subarray(0, j), types: types.subarray(0, j), ids: cases.map((c) => c.id), firstDay, lastDay };
}

/** The plain scan: each child's day numbers summed. Returns a checksum (so the loop cannot be dropped). */
export function sumScan(cols: Columns): number {
  const { offsets, days, children } = cols;
  let checksum = 0;
  for (let i = 0; i < children; i++) {
    let s = 0;
    const end = offsets[i + 1] as number;
    for (let k = offsets[i] as number; k < end; k++) s += days[k] as number;
    checksum += s;
  }
  return checksum;
}

/** What `countScan` counts under one policy. Tallies: [met, metLate, overdue, open, superseded]. */
export interface FloorSide {
  readonly review: Int32Array;
  readonly adjourned: Int32Array;
  violations: number;
  reviewsDue: number;
  reviewsWithin: number;
  /** 1 where the child has an overdue obligation. */
  readonly overdue: Uint8Array;
  /** Due items by week (index: weeks since the Monday on or before the first event's day). */
  readonly weeks: Int32Array;
}

/** The result of `countScan`. */
export interface FloorCounts {
  readonly baseline: FloorSide;
  readonly reform: FloorSide;
  /** The Monday that week index 0 starts on. */
  readonly monday0: number;
}

interface FloorPolicy {
  /** Occurrence 2's due date from the review that met occurrence 1. */
  readonly second: (from: number) => number;
  /** Later occurrences' due date from the previous review. */
  readonly then: (from: number) => number;
  readonly restartsOnMove: boolean;
}

/** `a[i]++` (typed arrays read as possibly undefined under noUncheckedIndexedAccess). */
function bump(a: Int32Array, i: number): void {
  a[i] = (a[i] as number) + 1;
}

const MET = 0;
const MET_LATE = 1;
const OVERDUE = 2;
const OPEN = 3;
const SUPERSEDED = 4;

/** A kernel for the caseload's date range; call `run` to count (the scratch and memos are reused across calls). */
export function countScan(cols: Columns, asOf: PlainDate, calendar: WorkingDayCalendar = englandAndWalesCalendar()): () => FloorCounts {
  const base = cols.firstDay;
  const span = Math.max(0, asOf - base + 1);
  // Memos by day; 0 means "not computed yet" (a due date that is day 0 itself, 1970-01-01, is
  // only computed again each time: the value returned is right either way).
  const wd20 = new Int32Array(span);
  const months3 = new Int32Array(span);
  const months6 = new Int32Array(span);
  const memo = (table: Int32Array, d: number, f: (d: number) => number): number => {
    const k = d - base;
    let v = table[k] as number;
    if (v === 0) table[k] = v = f(d);
    return v;
  };
  const addWd20 = (d: number): number => calendar.addWorkingDays(d as PlainDate, 20);
  const add3 = (d: number): number => addMonths(d as PlainDate, 3);
  const add6 = (d: number): number => addMonths(d as PlainDate, 6);
  const statutory: FloorPolicy = { second: (d) => memo(months3, d, add3), then: (d) => memo(months6, d, add6), restartsOnMove: false };
  const reform: FloorPolicy = { second: (d) => d + 91, then: (d) => d + 183, restartsOnMove: true };
  const monday0 = base - ((((base + 3) % 7) + 7) % 7); // day 0 (1970-01-01) is a Thursday
  const weekCount = Math.ceil((asOf + 400 - monday0) / 7);
  const newSide = (): FloorSide => ({
    review: new Int32Array(5), adjourned: new Int32Array(5), violations: 0, reviewsDue: 0, reviewsWithin: 0,
    overdue: new Uint8Array(cols.children), weeks: new Int32Array(weekCount),
  });
  const { offsets, days, types } = cols;
  let used = new Uint8Array(64);
  let beyond = new Uint8Array(64);

  let side: FloorSide = newSide();
  let overdueHere = 0;

  const due = (status: number, dueDay: number, review: boolean): void => {
    if (review) {
      bump(side.review, status);
      if (status === MET) {
        if (dueDay <= asOf) {
          side.reviewsDue++;
          side.reviewsWithin++;
        }
      } else if (status === MET_LATE || status === OVERDUE) side.reviewsDue++;
    } else bump(side.adjourned, status);
    if (status === OVERDUE) overdueHere = 1;
    bump(side.weeks, Math.floor((dueDay - monday0) / 7));
  };

  /** One run of the cycle, events `start` to `end` (-1: open), of the child whose events are lo..hi-1. */
  const run = (p: FloorPolicy, start: number, end: number, lo: number, hi: number): void => {
    const until = end < 0 ? Number.POSITIVE_INFINITY : (days[end] as number);
    let anchor = start;
    for (let k = 1; ; k++) {
      const from = days[anchor] as number;
      const dueDay = k === 1 ? memo(wd20, from, addWd20) : k === 2 ? p.second(from) : p.then(from);
      let met = -1;
      // The first event dated on or after `from`: the anchor, or an event of the same day before it.
      let first = anchor;
      while (first > lo && (days[first - 1] as number) >= from) first--;
      for (let j = first; j < hi; j++) {
        const d = days[j] as number;
        if (d > until) break;
        if (types[j] === HELD && j !== anchor && j !== start && used[j - lo] === 0) {
          met = j;
          break;
        }
      }
      const last = met >= 0 ? met : end >= 0 ? end : hi - 1;
      let adjournments = 0;
      for (let j = anchor + 1; j <= last; j++) {
        if (types[j] === ADJOURNED && ++adjournments > 1 && beyond[j - lo] === 0) {
          beyond[j - lo] = 1;
          side.violations++;
        }
      }
      if (met >= 0) {
        used[met - lo] = 1;
        due((days[met] as number) <= dueDay ? MET : MET_LATE, dueDay, true);
        anchor = met;
        continue;
      }
      if (end >= 0 && dueDay >= until) bump(side.review, SUPERSEDED);
      else due(asOf > dueDay ? OVERDUE : OPEN, dueDay, true);
      return;
    }
  };

  const child = (p: FloorPolicy, i: number): void => {
    const lo = offsets[i] as number;
    const hi = offsets[i + 1] as number;
    const n = hi - lo;
    if (n > used.length) {
      used = new Uint8Array(n * 2);
      beyond = new Uint8Array(n * 2);
    } else {
      used.fill(0, 0, n);
      beyond.fill(0, 0, n);
    }
    overdueHere = 0;
    let start = -1;
    for (let j = lo; j < hi; j++) {
      const t = types[j] as number;
      if (start < 0) {
        if (t === BECAME) start = j;
      } else if (p.restartsOnMove && t === MOVED) {
        run(p, start, j, lo, hi);
        start = j;
      } else if (t === CEASED) {
        run(p, start, j, lo, hi);
        start = -1;
      }
    }
    if (start >= 0) run(p, start, -1, lo, hi);
    for (let j = lo; j < hi; j++) {
      if (types[j] !== ADJOURNED) continue;
      const from = days[j] as number;
      const dueDay = memo(wd20, from, addWd20);
      if (beyond[j - lo] === 1) {
        bump(side.adjourned, SUPERSEDED);
        continue;
      }
      let met = -1;
      let first = j;
      while (first > lo && (days[first - 1] as number) >= from) first--;
      for (let k = first; k < hi; k++) {
        if (types[k] === HELD && k !== j) {
          met = k;
          break;
        }
      }
      if (met >= 0) due((days[met] as number) <= dueDay ? MET : MET_LATE, dueDay, false);
      else due(asOf > dueDay ? OVERDUE : OPEN, dueDay, false);
    }
    side.overdue[i] = overdueHere;
  };

  return () => {
    const baselineSide = (side = newSide());
    for (let i = 0; i < cols.children; i++) child(statutory, i);
    const reformSide = (side = newSide());
    for (let i = 0; i < cols.children; i++) child(reform, i);
    return { baseline: baselineSide, reform: reformSide, monday0 };
  };
}

/**
 * The differences between the kernel's counts and the simulation's report of the same caseload (an
 * empty list: the floor computes the same answer). `isoWeek` names a week as the report does.
 */
export function checkAgainst(counts: FloorCounts, report: SimulationReport, cols: Columns, isoWeek: (d: PlainDate) => string): string[] {
  const problems: string[] = [];
  const same = (what: string, floor: number, simulation: number | null | undefined): void => {
    if (floor !== simulation) problems.push(`${what}: floor ${floor}, simulation ${String(simulation)}`);
  };
  for (const which of ['baseline', 'reform'] as const) {
    const side = counts[which];
    for (const [rule, tally] of [['looked_after_review', side.review], ['adjourned_review_completed', side.adjourned]] as const) {
      const row = report.rules.find((r) => r.rule === rule)?.[which];
      same(`${which} ${rule} met`, tally[MET] as number, row?.met);
      same(`${which} ${rule} met late`, tally[MET_LATE] as number, row?.metLate);
      same(`${which} ${rule} overdue`, tally[OVERDUE] as number, row?.overdue);
      same(`${which} ${rule} open`, tally[OPEN] as number, row?.open);
      same(`${which} ${rule} superseded`, tally[SUPERSEDED] as number, row?.superseded);
    }
    same(`${which} limit violations`, side.violations, report.violations.find((v) => v.rule === 'one_adjournment_per_review')?.[which] ?? 0);
    same(`${which} reviews due`, side.reviewsDue, report.reviews[which].due);
    same(`${which} reviews within timescale`, side.reviewsWithin, report.reviews[which].withinTimescale);
    const weeks = new Map<string, number>();
    side.weeks.forEach((n, w) => {
      if (n > 0) weeks.set(isoWeek((counts.monday0 + 7 * w) as PlainDate), n);
    });
    const reported = report.workload.find((r) => r.role === 'iro');
    for (const wc of reported?.weeks ?? []) {
      if (wc[which] > 0) same(`${which} workload in ${wc.week}`, weeks.get(wc.week) ?? 0, wc[which]);
      weeks.delete(wc.week);
    }
    for (const [week, n] of weeks) same(`${which} workload in ${week}`, n, 0);
  }
  let overdueB = 0;
  let overdueR = 0;
  let newly = 0;
  let noLonger = 0;
  for (let i = 0; i < cols.children; i++) {
    const b = counts.baseline.overdue[i] === 1;
    const r = counts.reform.overdue[i] === 1;
    if (b) overdueB++;
    if (r) overdueR++;
    if (r && !b) newly++;
    if (b && !r) noLonger++;
  }
  same('children overdue under the baseline', overdueB, report.children.overdueUnderBaseline);
  same('children overdue under the reform', overdueR, report.children.overdueUnderReform);
  same('children newly overdue', newly, report.children.newlyOverdue.length);
  same('children no longer overdue', noLonger, report.children.noLongerOverdue.length);
  return problems;
}
