/**
 * The simulation's inner loop: each case validated and evaluated under both policies, and the results
 * added into a `PartialReport`; and the merge of partial reports.
 *
 * Input: two `CompiledPolicy`s, an as-of date, then many cases (`CaseRecord`s, or `NormalizedCase`s
 * already validated by the caller), each with its ordinal (position in the whole input). Output: a
 * `PartialReport` of counts; `mergePartials` adds several (from threads) into one.
 *
 * INVARIANT: a record is evaluated only when it is valid under both policies; otherwise it is a
 * failure with every problem found (nothing is dropped). When the two policies declare the same case
 * vocabulary (events, attributes, facts, roles), a record is validated once and the normalised case
 * is used for both.
 * INVARIANT: counts are sums and lists carry ordinals, so merging is associative and commutative up
 * to the final sort by ordinal: the report does not depend on how the input was split.
 * INVARIANT (privacy): messages never quote a value from a case (`renderForLog`).
 * INVARIANT: a policy with a counts-only reading (`CompiledPolicy.countNormalized`, which every policy
 * `preparePolicy` makes has) is counted from it: the obligations before they are turned into strings
 * (rules by rank, due dates as day numbers), and event types by the policy's type ids; the partial
 * report holds the same counts as when every `EvaluationResult` is read (which a policy without it
 * gives; test/simulate/count-path.test.ts holds the two to the same report), save the order in which
 * `eventTypes`' keys were first met (`finishReport` sorts them).
 * INVARIANT: `Accumulator.partial` is complete whenever it is read: the hot path keeps some counts
 * by the identity of their strings (see "The hot path counts by identity" below) and adds them into
 * the partial report when it is read, so reading it twice, or part way, adds nothing twice.
 * Browser-safe: no Node module.
 */
import type { CaseCounts, CaseError, CompiledPolicy, CountedRule, EvaluationResult, NormalizedCase, Obligation, PlainDate } from '../../runtime/index.ts';
import { formatPlainDate, fromYmd, isoWeekday, parsePlainDate, renderForLog, toYmd } from '../../runtime/index.ts';
import type { CaseRecord } from '../caseload/types.ts';
import type { CaseProblem, FailedCase, PartialReport, RuleTally, SidePartial } from './types.ts';

/** Options of the accumulation. */
export interface AccumulateOptions {
  /** The rule whose occurrences are the reviews measured for timeliness (default `looked_after_review`). */
  readonly reviewRule?: string;
}

/** The default review rule: the statutory cycle of reviews. */
export const DEFAULT_REVIEW_RULE = 'looked_after_review';

/** An empty partial report. */
export function emptyPartial(): PartialReport {
  return { cases: 0, evaluated: 0, failures: [], failedNotListed: 0, baseline: emptySide(), reform: emptySide(), eventTypes: {}, overdueCases: [] };
}

function emptySide(): SidePartial {
  return { rules: {}, violations: {}, reviewsDue: 0, reviewsWithin: 0, weekly: {} };
}

/** The ISO 8601 week of a date, as `YYYY-Www` (the week belongs to the year of its Thursday). */
export function isoWeek(d: PlainDate): string {
  const thursday = d + (4 - isoWeekday(d));
  const year = toYmd(thursday).year;
  const week = Math.floor((thursday - fromYmd(year, 1, 1)) / 7) + 1;
  return `${year}-W${week < 10 ? '0' : ''}${week}`;
}

/** `isoWeek` of a `YYYY-MM-DD` string, memoised (the rare path: see `SideCounter`). */
const weekOfText = new Map<string, string>();
function weekOf(due: string): string {
  let w = weekOfText.get(due);
  if (w === undefined) {
    const d = parsePlainDate(due);
    w = d === undefined ? 'unknown' : isoWeek(d);
    if (weekOfText.size > 100_000) weekOfText.clear();
    weekOfText.set(due, w);
  }
  return w;
}

/** The number of the Monday-to-Sunday week of a day (week 0 holds 1970-01-01, a Thursday; its Monday is day -3). */
function weekIndex(d: PlainDate): number {
  return Math.floor((d + 3) / 7);
}

/** Case errors as the report shows them: rendered for logs (no value, no unknown key from the case). */
/** Failed cases a report lists in full (the first, in input order); the others are counted only. */
export const FAILED_CASES_LISTED = 1000;
/** Problems of each policy listed for a failed case (the first, in the validator's order); the others are counted only. */
export const PROBLEMS_LISTED = 10;

/** The first `PROBLEMS_LISTED` of `errors`, as problems of `policy`. */
function problems(policy: 'baseline' | 'reform', errors: readonly CaseError[]): CaseProblem[] {
  return errors.slice(0, PROBLEMS_LISTED).map((e) => ({ policy, path: e.path, message: renderForLog(e) }));
}

/** Adds a failed case to `partial`: listed while fewer than `FAILED_CASES_LISTED` are, else counted. */
function addFailure(partial: PartialReport, failure: FailedCase & { readonly ordinal: number }): void {
  if (partial.failures.length < FAILED_CASES_LISTED) partial.failures.push(failure);
  else partial.failedNotListed++;
}

// ---------------------------------------------------------------------------------------------
// Accumulation

/** Whether two policies declare the same case vocabulary: a case valid under one is valid, and normalised alike, under the other. */
export function sameVocabulary(a: CompiledPolicy, b: CompiledPolicy): boolean {
  return a === b || vocabularyKey(a) === vocabularyKey(b);
}

/** The part of a policy's IR that decides whether a case is valid (not titles or descriptions). */
function vocabularyKey(p: CompiledPolicy): string {
  const ir = p.ir;
  return JSON.stringify({
    events: ir.events.map((e) => [e.name, e.attributes.map((a) => [a.name, a.type, a.optional])]),
    facts: ir.facts.map((f) => [f.name, f.type, f.optional]),
    roles: ir.roles.map((r) => r.name),
  });
}

// The hot path counts by identity. The strings a result carries (rule ids, role names) and a
// normalised case's event types are the IR's own (runtime/evaluate.ts, runtime/case.ts), so a scan
// of a few pointers finds each one's counter, where a keyed store into a plain object with such a
// string (not internalised, since it came from JSON) costs a string-table lookup, and a week's name
// costs a map lookup by text: these were about 40% of a simulated case (2 policies, 20-event cases).
// Counts by identity are added into the `PartialReport`'s objects when it is read (`flush`), so the
// partial report holds the same numbers as when every count went straight into it. A string met
// with another identity gets its own entry (both add into the same key); past `SCANNED` entries,
// counts go straight into the report's objects as before.

/** The most entries of one scan (rules, roles or event types); beyond, counts are keyed by text. */
const SCANNED = 64;

/** One rule's counter: its tally (the array in `SidePartial.rules`, updated in place) and whether it is the review rule. */
interface RuleEntry {
  readonly id: string;
  readonly tally: RuleTally;
  readonly review: boolean;
}

/**
 * One role's due items by week: `counts[i]` for the week `base + i` (`weekIndex`), added into
 * `byWeek` (its object in `SidePartial.weekly`) by `flush`; or, when `direct` (past `SCANNED`
 * roles), counted straight into `byWeek`.
 */
interface RoleWeeks {
  readonly owner: string;
  readonly byWeek: Record<string, number>;
  readonly direct: boolean;
  base: number;
  counts: number[];
}

/** One side's counters. */
interface SideCounter {
  readonly side: SidePartial;
  readonly rules: RuleEntry[];
  readonly roles: RoleWeeks[];
  /** The counts-only path's rules by rank (`CountedRule.rank`), each with its counters. */
  readonly ranked: (RankedRule | undefined)[];
  /** The lists of overdue rules met so far, as a trie from the empty list (see `OverdueList`). */
  readonly overdueRoot: OverdueList;
  /** The number of `RankedRule.slot`s given. */
  slots: number;
}

/**
 * A list of overdue rules (each once, in the order met) that a case of the counts-only path can
 * return, made once and shared by every case with that list (frozen: the partial report's
 * `overdueCases` hold it, and nothing writes to them); `next[slot]`: this list and the rule of that
 * `RankedRule.slot`.
 */
interface OverdueList {
  readonly list: readonly string[];
  readonly next: (OverdueList | undefined)[];
}

/** The most `RankedRule.slot`s of one side (a case's overdue rules are a bit mask of them); others go through a list of their own. */
const SLOTS = 30;

/** A rule of the counts-only path (`CaseCounts`), its tally and its owner's weeks found once. */
interface RankedRule {
  readonly rule: CountedRule;
  readonly entry: RuleEntry;
  readonly weeks: RoleWeeks;
  /** Its index among the side's overdue-list slots (below `SLOTS`), or -1. */
  readonly slot: number;
}

function sideCounter(side: SidePartial): SideCounter {
  return { side, rules: [], roles: [], ranked: [], overdueRoot: { list: NO_RULES, next: [] }, slots: 0 };
}

function ruleEntry(c: SideCounter, rule: string, reviewRule: string): RuleEntry | undefined {
  const rules = c.rules;
  for (let k = 0; k < rules.length; k++) if ((rules[k] as RuleEntry).id === rule) return rules[k];
  let tally = c.side.rules[rule];
  if (tally === undefined) {
    tally = [0, 0, 0, 0, 0, 0, 0];
    c.side.rules[rule] = tally;
  }
  if (rules.length >= SCANNED) return { id: rule, tally, review: rule === reviewRule };
  const entry: RuleEntry = { id: rule, tally, review: rule === reviewRule };
  rules.push(entry);
  return entry;
}

function roleWeeks(c: SideCounter, owner: string): RoleWeeks {
  const roles = c.roles;
  for (let k = 0; k < roles.length; k++) if ((roles[k] as RoleWeeks).owner === owner) return roles[k] as RoleWeeks;
  let byWeek = c.side.weekly[owner];
  if (byWeek === undefined) {
    byWeek = {};
    c.side.weekly[owner] = byWeek;
  }
  if (roles.length >= SCANNED) return { owner, byWeek, direct: true, base: 0, counts: [] };
  const entry: RoleWeeks = { owner, byWeek, direct: false, base: 0, counts: [] };
  roles.push(entry);
  return entry;
}

/** Adds one due item in week `w` (`weekIndex`). */
function addWeek(r: RoleWeeks, w: number): void {
  if (r.counts.length === 0) r.base = w - 64;
  let i = w - r.base;
  if (i < 0) {
    const grown = new Array<number>(-i + 64).fill(0);
    r.counts = grown.concat(r.counts);
    r.base -= -i + 64;
    i = w - r.base;
  } else if (i >= r.counts.length) {
    const from = r.counts.length;
    r.counts.length = i + 64;
    r.counts.fill(0, from);
  }
  (r.counts[i] as number)++;
}

/** Adds the week counts into the side's `weekly` objects and zeroes them. */
function flushSide(c: SideCounter): void {
  for (const r of c.roles) {
    const counts = r.counts;
    for (let i = 0; i < counts.length; i++) {
      const n = counts[i] as number;
      if (n === 0) continue;
      const week = isoWeek((r.base + i) * 7 - 3);
      r.byWeek[week] = (r.byWeek[week] ?? 0) + n;
      counts[i] = 0;
    }
  }
}

/** No overdue rule (frozen; any other list `addResult` returns is its own, new). */
const NO_RULES: readonly string[] = Object.freeze([]);

/** Adds one obligation's due item into its owner's weeks, from the result's date text (the path of `EvaluationResult`s, and of dates beyond `FAST_FROM`..`FAST_TO`). */
function addWeekText(weeks: RoleWeeks, dueText: string): void {
  const d = parsePlainDate(dueText);
  if (d !== undefined && !weeks.direct) addWeek(weeks, weekIndex(d));
  else {
    const week = weekOf(dueText);
    weeks.byWeek[week] = (weeks.byWeek[week] ?? 0) + 1;
  }
}

/** Counts one obligation of a result (`Obligation`: every one of an `EvaluationResult`, the duties of a `CaseCounts`); returns whether it is overdue. */
function addObligation(c: SideCounter, o: Obligation, reviewRule: string, asOfText: string): boolean {
  const side = c.side;
  const entry = ruleEntry(c, o.rule, reviewRule) as RuleEntry;
  const tally = entry.tally;
  let overdue = false;
  switch (o.status) {
    case 'met':
      tally[0]++;
      if (entry.review && o.due !== undefined && o.due <= asOfText) {
        side.reviewsDue++;
        side.reviewsWithin++;
      }
      break;
    case 'met_late':
      tally[1]++;
      if (entry.review) side.reviewsDue++;
      break;
    case 'overdue':
      tally[2]++;
      overdue = true;
      if (entry.review) side.reviewsDue++;
      break;
    case 'open':
      tally[3]++;
      break;
    case 'outstanding':
      tally[5]++;
      break;
    case 'missed':
      tally[6]++;
      break;
  }
  // The owner's role is in the workload even when none of its items has a week.
  const weeks = roleWeeks(c, o.owner);
  const dueText = o.due ?? o.bound; // a duty counts in the week of its bound, if it has one
  if (dueText !== undefined) addWeekText(weeks, dueText);
  return overdue;
}

function addViolations(side: SidePartial, violations: EvaluationResult['violations']): void {
  for (const v of violations) {
    const entry = side.violations[v.rule];
    if (entry === undefined) side.violations[v.rule] = [v.kind, 1];
    else entry[1]++;
  }
}

/** Adds one evaluation into a side's counts; returns the rules with an overdue obligation (each once, in result order; `NO_RULES` when none). */
function addResult(c: SideCounter, result: EvaluationResult, reviewRule: string, asOfText: string): readonly string[] {
  let overdue: string[] | undefined;
  for (const o of result.obligations) {
    if (addObligation(c, o, reviewRule, asOfText)) {
      overdue ??= [];
      if (!overdue.includes(o.rule)) overdue.push(o.rule);
    }
  }
  for (const s of result.superseded) (ruleEntry(c, s.rule, reviewRule) as RuleEntry).tally[4]++;
  // `violations` comes with IR v2 evaluators; older results have none.
  const violations = (result as { readonly violations?: EvaluationResult['violations'] }).violations;
  if (violations !== undefined) addViolations(c.side, violations);
  return overdue ?? NO_RULES;
}

/**
 * Days whose `YYYY-MM-DD` text has a four-digit year (1000-01-01 to 9999-12-31): on them, comparing
 * day numbers is comparing the texts a result would carry, and the week is the day's own. Beyond,
 * the counts-only path takes the text (as `addResult` reads it).
 */
const FAST_FROM = fromYmd(1000, 1, 1);
const FAST_TO = fromYmd(9999, 12, 31);

/** The counters of a counted rule: found by its rank, checked by identity (found by its id when another rule holds the rank). */
function rankedRule(c: SideCounter, rule: CountedRule, reviewRule: string): RankedRule {
  const known = c.ranked[rule.rank];
  if (known !== undefined && known.rule === rule) return known;
  const kept = known === undefined && Number.isInteger(rule.rank) && rule.rank >= 0 && rule.rank < 4096;
  const slot = kept && c.slots < SLOTS ? c.slots++ : -1;
  const found: RankedRule = { rule, entry: ruleEntry(c, rule.id, reviewRule) as RuleEntry, weeks: roleWeeks(c, rule.owner), slot };
  if (kept) c.ranked[rule.rank] = found;
  return found;
}

/**
 * Adds one case's counts (`CompiledPolicy.countNormalized`) into a side's counts, exactly as
 * `addResult` adds the `EvaluationResult` it stands for; returns the same list, shared by every case
 * with that list (`OverdueList`; frozen), or, past the slots, its own.
 */
function addCounts(c: SideCounter, counts: CaseCounts, reviewRule: string, asOf: PlainDate, asOfText: string): readonly string[] {
  let node = c.overdueRoot;
  let seen = 0; // the slots of `node.list`
  let overdue: string[] | undefined; // the list, once a rule without a slot is overdue
  const side = c.side;
  const fastAsOf = asOf >= FAST_FROM && asOf <= FAST_TO;
  const drafts = counts.drafts;
  for (let i = 0; i < drafts.length; i++) {
    const d = drafts[i] as CaseCounts['drafts'][number];
    const r = rankedRule(c, d.rule, reviewRule);
    const entry = r.entry;
    const tally = entry.tally;
    const due = d.dueDate;
    const fast = due >= FAST_FROM && due <= FAST_TO;
    switch (d.status) {
      case 'met':
        tally[0]++;
        if (entry.review && (fast && fastAsOf ? due <= asOf : formatPlainDate(due) <= asOfText)) {
          side.reviewsDue++;
          side.reviewsWithin++;
        }
        break;
      case 'met_late':
        tally[1]++;
        if (entry.review) side.reviewsDue++;
        break;
      case 'overdue': {
        tally[2]++;
        const slot = r.slot;
        if (overdue === undefined && slot >= 0) {
          if ((seen & (1 << slot)) === 0) {
            seen |= 1 << slot;
            node = node.next[slot] ??= { list: Object.freeze([...node.list, entry.id]), next: [] };
          }
        } else {
          overdue ??= [...node.list];
          if (!overdue.includes(entry.id)) overdue.push(entry.id);
        }
        if (entry.review) side.reviewsDue++;
        break;
      }
      case 'open':
        tally[3]++;
        break;
      default:
        break; // `early` is not counted (nor are duty statuses, which a dated obligation never has)
    }
    const weeks = r.weeks;
    if (fast && !weeks.direct) addWeek(weeks, weekIndex(due));
    else addWeekText(weeks, formatPlainDate(due));
  }
  const duties = counts.duties;
  for (let i = 0; i < duties.length; i++) {
    const o = duties[i] as Obligation;
    if (addObligation(c, o, reviewRule, asOfText)) {
      overdue ??= [...node.list];
      if (!overdue.includes(o.rule)) overdue.push(o.rule);
    }
  }
  const superseded = counts.superseded;
  for (let i = 0; i < superseded.length; i++) rankedRule(c, (superseded[i] as CaseCounts['superseded'][number]).rule, reviewRule).entry.tally[4]++;
  if (counts.violations.length > 0) addViolations(side, counts.violations);
  return overdue ?? node.list;
}

/**
 * Event types counted by identity (as rules and roles above), or by the baseline's type ids (`byId`,
 * from a `CaseCounts`: `names` of `ids`), added into `PartialReport.eventTypes` by `flush`.
 */
interface TypeCounter {
  readonly into: Record<string, number>;
  readonly names: string[];
  readonly counts: number[];
  readonly ids: readonly string[];
  readonly byId: Float64Array;
}

/**
 * Counts the types of a case's events on or before the as-of date from its counts-only reading,
 * when that read the case's own events (in order, no repeated record) and knew every type; returns
 * false, counting nothing, otherwise.
 */
function countTypesFrom(t: TypeCounter, counts: CaseCounts, c: NormalizedCase): boolean {
  if (counts.events !== c.events) return false;
  const byType = counts.typeCounts;
  const ids = t.byId;
  if (byType.length !== ids.length) return false;
  let sum = 0;
  for (let k = 0; k < byType.length; k++) sum += byType[k] as number;
  if (sum !== counts.n) return false;
  for (let k = 0; k < byType.length; k++) ids[k] = (ids[k] as number) + (byType[k] as number);
  return true;
}

function countType(t: TypeCounter, type: string): void {
  const names = t.names;
  for (let k = 0; k < names.length; k++) {
    if (names[k] === type) {
      (t.counts[k] as number)++;
      return;
    }
  }
  if (names.length >= SCANNED) t.into[type] = (t.into[type] ?? 0) + 1;
  else {
    names.push(type);
    t.counts.push(1);
  }
}

/** Counts the types of the case's events on or before the as-of date, one by one. */
function countTypes(t: TypeCounter, c: NormalizedCase, asOf: PlainDate): void {
  const events = c.events;
  for (let i = 0; i < events.length; i++) {
    const e = events[i] as NormalizedCase['events'][number];
    if (e.date > asOf) break; // sorted by date
    countType(t, e.type);
  }
}

function flushTypes(t: TypeCounter): void {
  for (let k = 0; k < t.byId.length; k++) {
    const n = t.byId[k] as number;
    if (n === 0) continue;
    const type = t.ids[k] as string;
    t.into[type] = (t.into[type] ?? 0) + n;
    t.byId[k] = 0;
  }
  for (let k = 0; k < t.names.length; k++) {
    const n = t.counts[k] as number;
    if (n === 0) continue;
    const type = t.names[k] as string;
    t.into[type] = (t.into[type] ?? 0) + n;
    t.counts[k] = 0;
  }
}

/** Adds cases, one at a time, into a partial report. */
export interface Accumulator {
  /** Validates a record under both policies and, when it is valid under both, evaluates it. */
  addRecord(record: CaseRecord, ordinal: number): void;
  /** Evaluates a case the caller has already validated (under both policies, or policies of one vocabulary). */
  addNormalized(c: NormalizedCase, ordinal: number): void;
  /**
   * Evaluates one case read two ways (the behavioural reading: its events re-timed against each
   * policy's due dates), `b` under the baseline and `r` under the reform; event types are counted
   * from `b`, plus `r`'s events of the types `b` does not hold.
   */
  addPair(b: NormalizedCase, r: NormalizedCase, ordinal: number): void;
  /** The counts so far (the same object each time; do not add after handing it on). */
  readonly partial: PartialReport;
}

/** An accumulator over two prepared policies on one as-of date. */
export function createAccumulator(baseline: CompiledPolicy, reform: CompiledPolicy, asOf: PlainDate, options: AccumulateOptions = {}): Accumulator {
  const reviewRule = options.reviewRule ?? DEFAULT_REVIEW_RULE;
  const partial = emptyPartial();
  const shared = vocabularyKey(baseline) === vocabularyKey(reform);
  const asOfText = isoText(asOf);

  // The counts-only path of each policy that has one (the full results otherwise; the same counts).
  const countB = baseline.countNormalized?.bind(baseline);
  const countR = reform.countNormalized?.bind(reform);
  const counterB = sideCounter(partial.baseline);
  const counterR = sideCounter(partial.reform);
  const typeCounter: TypeCounter = { into: partial.eventTypes, names: [], counts: [], ids: baseline.ir.events.map((e) => e.name), byId: new Float64Array(baseline.ir.events.length) };
  const flush = (): void => {
    flushSide(counterB);
    flushSide(counterR);
    flushTypes(typeCounter);
  };

  const evaluate = (b: NormalizedCase, r: NormalizedCase, ordinal: number): void => {
    partial.evaluated++;
    let overdueB: readonly string[];
    if (countB !== undefined) {
      const counts = countB(b, asOf);
      if (!countTypesFrom(typeCounter, counts, b)) countTypes(typeCounter, b, asOf);
      overdueB = addCounts(counterB, counts, reviewRule, asOf, asOfText);
    } else {
      countTypes(typeCounter, b, asOf);
      overdueB = addResult(counterB, baseline.evaluateNormalized(b, asOf), reviewRule, asOfText);
    }
    const overdueR = countR !== undefined ? addCounts(counterR, countR(r, asOf), reviewRule, asOf, asOfText) : addResult(counterR, reform.evaluateNormalized(r, asOf), reviewRule, asOfText);
    // The lists may be shared and frozen (`NO_RULES`, `OverdueList`): the partial report's lists are only read.
    if (overdueB.length > 0 || overdueR.length > 0) partial.overdueCases.push([ordinal, b.id, overdueB as string[], overdueR as string[]]);
  };
  const countOnly = (b: NormalizedCase, r: NormalizedCase): void => {
    const inB = new Set<string>();
    for (const e of b.events) if (e.date <= asOf) inB.add(e.type);
    for (const e of r.events) if (e.date <= asOf && !inB.has(e.type)) countType(typeCounter, e.type);
  };

  return {
    /** The counts so far, with those kept by identity added in first. */
    get partial(): PartialReport {
      flush();
      return partial;
    },
    addNormalized(c, ordinal) {
      partial.cases++;
      evaluate(c, c, ordinal);
    },
    addPair(b, r, ordinal) {
      partial.cases++;
      countOnly(b, r);
      evaluate(b, r, ordinal);
    },
    addRecord(record, ordinal) {
      partial.cases++;
      let value: unknown;
      if (record.kind === 'text') {
        try {
          value = JSON.parse(record.text) as unknown;
        } catch {
          addFailure(partial, { ordinal, origin: record.origin, id: null, problems: [{ policy: 'input', path: '$', message: 'not valid JSON' }] });
          return;
        }
      } else value = record.value;
      const vb = baseline.validate(value);
      const vr = shared ? vb : reform.validate(value);
      if (vb.ok && vr.ok) {
        evaluate(vb.case, vr.case, ordinal);
        return;
      }
      if (partial.failures.length >= FAILED_CASES_LISTED) {
        partial.failedNotListed++;
        return;
      }
      const found: CaseProblem[] = [];
      let more = 0;
      if (!vb.ok) {
        found.push(...problems('baseline', vb.errors));
        more += Math.max(0, vb.errors.length - PROBLEMS_LISTED);
      }
      if (!vr.ok && !shared) {
        found.push(...problems('reform', vr.errors));
        more += Math.max(0, vr.errors.length - PROBLEMS_LISTED);
      }
      const id = value !== null && typeof value === 'object' && typeof (value as { id?: unknown }).id === 'string' ? (value as { id: string }).id : null;
      addFailure(partial, more > 0 ? { ordinal, origin: record.origin, id, problems: found, moreProblems: more } : { ordinal, origin: record.origin, id, problems: found });
    },
  };
}

function isoText(d: PlainDate): string {
  const { year, month, day } = toYmd(d);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function mergeSide(into: SidePartial, from: SidePartial): void {
  for (const [rule, t] of Object.entries(from.rules)) {
    const mine = into.rules[rule];
    if (mine === undefined) into.rules[rule] = [...t];
    else for (let i = 0; i < mine.length; i++) mine[i] = (mine[i] as number) + (t[i] as number);
  }
  for (const [rule, [kind, n]] of Object.entries(from.violations)) {
    const mine = into.violations[rule];
    if (mine === undefined) into.violations[rule] = [kind, n];
    else mine[1] += n;
  }
  into.reviewsDue += from.reviewsDue;
  into.reviewsWithin += from.reviewsWithin;
  for (const [role, weeks] of Object.entries(from.weekly)) {
    let mine = into.weekly[role];
    if (mine === undefined) {
      mine = {};
      into.weekly[role] = mine;
    }
    for (const [week, n] of Object.entries(weeks)) mine[week] = (mine[week] ?? 0) + n;
  }
}

/** Adds partial reports into a new one, with case lists in input (ordinal) order. */
export function mergePartials(parts: readonly PartialReport[]): PartialReport {
  const out = emptyPartial();
  for (const p of parts) {
    out.cases += p.cases;
    out.evaluated += p.evaluated;
    out.failures.push(...p.failures);
    out.failedNotListed += p.failedNotListed;
    mergeSide(out.baseline, p.baseline);
    mergeSide(out.reform, p.reform);
    for (const [type, n] of Object.entries(p.eventTypes)) out.eventTypes[type] = (out.eventTypes[type] ?? 0) + n;
    for (const c of p.overdueCases) out.overdueCases.push(c);
  }
  out.failures.sort((a, b) => a.ordinal - b.ordinal);
  // Each part listed its first failed cases; the first of the whole input are among them.
  if (out.failures.length > FAILED_CASES_LISTED) {
    out.failedNotListed += out.failures.length - FAILED_CASES_LISTED;
    out.failures.length = FAILED_CASES_LISTED;
  }
  out.overdueCases.sort((a, b) => a[0] - b[0]);
  return out;
}
