/**
 * The evaluator: a compiled policy applied to one case on one date.
 *
 * Input: a `PolicyIR` (prepared once by `preparePolicy`), then many times a case (untrusted JSON, or an
 * already `NormalizedCase`) and an as-of date. Output: an `EvaluationResult`: obligations with their
 * due dates, status and explanations, superseded obligations, violations (approvals, limits,
 * constraints, orders, ladders), escalations, criteria, notifications, and notices. For counting
 * (the simulator), `countNormalized` runs the same stages and gives the obligations, superseded
 * obligations and violations before they are turned into strings (`CaseCounts`).
 *
 * Semantics (the as-of date is `asOf`; "the calendar" is the policy's working-day calendar):
 * 1. Events dated after `asOf` are not considered (one notice says how many). Everything below sees
 *    only the remaining events, sorted by date then input order.
 * 2. Due date from an anchor date A: A moved by n of the offset's unit, per the unit's arithmetic in
 *    the table of units (`runtime/units.ts`): working_days: `calendar.addWorkingDays(A, ±n)`; days:
 *    ±n; weeks: ±7n; months: `addMonths(A, ±n)` (clamped to the month's end); years: ±12n months;
 *    `before` is minus. Then `align` moves it to the weekday on or before/after; `time` becomes `dueTime`.
 * 3. Status: satisfied on or before the due date: `met`; after it: `met_late`; not satisfied and
 *    `asOf` after the due date: `overdue`; otherwise `open`. A deadline with a window (`earliest`)
 *    looks for its satisfying event from the day the window opens; only when there is none there or
 *    later does an event before the window count, and the status is then `early` (never overdue).
 *    Several anchors, `whichever is sooner|later` and windows: `runtime/kinds/deadline.ts`.
 * 4. Deadlines: `runtime/kinds/deadline.ts` (its header gives the semantics).
 * 5. Cycles: `runtime/kinds/cycle.ts`.
 * 6. Conditions: see `runtime/conditions.ts` (a missing optional value makes its comparison false,
 *    with a notice).
 * 7. Every obligation carries an explanation (see `runtime/explain.ts`): the rule and occurrence, the
 *    anchor event and date, the arithmetic with the weekend and bank holidays skipped, the clamping of
 *    months, the alignment and time, the satisfying event or why there is none, and the citation.
 * 8. Every rule kind is one module of `runtime/kinds/`, listed in one registry
 *    (`runtime/kinds/index.ts`, which also says which kind reads what). `preparePolicy` prepares each
 *    kind once; per case the evaluator runs their units stage by stage (`STAGES`): deadlines and
 *    cycles (in the order of `PolicyIR.rules`), then, after sorting the obligations, approvals
 *    (`runtime/approvals.ts`) and orders (`runtime/kinds/order.ts`: each step needs an earlier
 *    event, on or before its date and, on the same date, earlier in input order; optionally within
 *    a window counted back from the step's date as in 2), limits and constraints
 *    (`runtime/limits.ts`; they read the cycle occurrences found in 5, obligations and superseded
 *    alike), ladders (`runtime/ladders.ts`; run whenever the policy declares the escalation
 *    events, so that a name it lacks is reported) and criteria (`runtime/criteria.ts`, read on
 *    `asOf`). All see only the events of 1. Violations are sorted by event (date, input order),
 *    then rule.
 * 8a. Duties (`runtime/kinds/duty.ts`, stage `occurrences`): obligations with no due date, status
 *    `met`, `outstanding` or `missed`, listed after the dated obligations by trigger date, rule id
 *    and occurrence; a duty bounded by the date of a meeting rearranged before it took place is
 *    superseded instead, listed among the superseded obligations (by its bound as the due date).
 * 8b. Silent gaps (`runtime/gaps.ts`), after every stage: a cycle the case shows to apply whose run
 *    never started, a decision with no request to pair with; each a notice naming the missing event.
 * 9. Notifications (`runtime/notify.ts`): one per obligation that is open, early or overdue of a rule with
 *    `notify`, in the order of `obligations`; then one per raised stage of a ladder with `notify`, in
 *    the order of `escalations`. A template that fails to render gives a notice instead.
 * Status and satisfaction are decided by date only; `dueTime` is informative.
 *
 * INVARIANT: `preparePolicy` does all per-policy work once (ajv validator, calendar, condition
 * closures, event-type tables, Handlebars templates, the plan of kind units); evaluating a case never
 * re-parses, re-compiles or re-checks.
 * INVARIANT: a policy with no approvals, orders, limits, constraints, ladders, escalation events, criteria or
 * templates pays nothing for them beyond one flag test (no unit of those kinds is planned; the arrays
 * they would fill stay empty).
 * INVARIANT: the hot path (`evaluateNormalized`) uses no regexes and no `Date`, and never re-sorts a
 * case whose events are already in order (which every `NormalizedCase` from the validator is).
 * Pure functions of a day number that recur across cases (month arithmetic, date strings, the words
 * of each due's arithmetic) are memoised by day (`memoByDay` in `explain.ts`); the memos belong to
 * the compiled policy (or are global for date strings), so they never mix calendars.
 * INVARIANT: results depend only on the IR, the case and the as-of date (never on the process time
 * zone, the clock or the order rules were prepared in).
 */

import { allRules } from './ir.ts';
import type { IrSource, IrType, PolicyIR } from './ir.ts';
import { isReservedName } from './names.ts';
import { formatPlainDate, parsePlainDate } from './dates.ts';
import type { PlainDate } from './dates.ts';
import { calendarNamed, isCalendarName } from './calendar.ts';
import type { Holiday, WorkingDayCalendar } from './calendar.ts';
import { createCaseValidator } from './case.ts';
import type { CaseError, CaseValidation, NormalizedCase, NormalizedEvent } from './case.ts';
import { caseError, notice } from './messages.ts';
import type { Notice } from './messages.ts';
import { MalformedIrError } from './conditions.ts';
import type { ConditionScope } from './conditions.ts';
import { describeOutcome, isoDate, longDate, ordinal, quantity } from './explain.ts';
import { describeCounting } from './kinds/deadline.ts';
import { compileNotifications, notificationsFor } from './notify.ts';
import { compileGaps, findGaps } from './gaps.ts';
import { STAGES, planPolicy } from './kinds/index.ts';
import type { CaseState, Draft, PrepareContext, SupersededDraft } from './kinds/index.ts';
import type { DueChoice } from './kinds/types.ts';
import type { CriteriaResult, Escalation, Evaluation, EvaluationResult, Obligation, ObligationAnchor, ObligationStatus, SupersededObligation, Violation } from './result.ts';

/** Options of `preparePolicy`. */
export interface PrepareOptions {
  /** The working-day calendar; by default the one the policy names (`ir.calendar.base`) with its own additions and removals. */
  readonly calendar?: WorkingDayCalendar;
  /**
   * Build explanation strings (default true). With false, `explanation` is '' (superseded `reason`s
   * are still given, rendered at once as plain strings): for simulations over many cases that never
   * show them. With true, an
   * obligation's `explanation` and a superseded obligation's `reason` are enumerable getters that
   * render the text when first read and keep it (docs/embedding.md, "Explanations on demand").
   */
  readonly explanations?: boolean;
}

/** A policy prepared for evaluation: compile once, evaluate many. */
export interface CompiledPolicy {
  /** The IR it was prepared from. */
  readonly ir: PolicyIR;
  /** The working-day calendar due dates are counted on. */
  readonly calendar: WorkingDayCalendar;
  /** Validates and normalises a case input (see `runtime/case.ts`). */
  validate(input: unknown): CaseValidation;
  /**
   * Validates `input` and evaluates it on `asOf` (`YYYY-MM-DD`). Returns every problem with the input
   * (an invalid `asOf` is an error with path `asOf`) instead of a result.
   */
  evaluate(input: unknown, asOf: string): Evaluation;
  /** Evaluates an already normalised case, without validation (for the simulator and benchmarks). */
  evaluateNormalized(c: NormalizedCase, asOf: PlainDate): EvaluationResult;
  /**
   * The counts-only reading of `evaluateNormalized` (for the simulator): the same obligations,
   * superseded obligations and violations, before they are turned into strings (see `CaseCounts`).
   * Optional: a policy without it is counted from `evaluateNormalized`.
   */
  countNormalized?(c: NormalizedCase, asOf: PlainDate): CaseCounts;
}

/**
 * What `countNormalized` gives for one case: what `evaluateNormalized` would turn into
 * `obligations`, `superseded` and `violations`, without explanations, date strings, notices,
 * notifications or criteria. The arrays belong to the policy and hold until its next evaluation of
 * any kind: read them at once.
 * INVARIANT: `drafts` are the result's dated obligations in its order (due date, rule, occurrence),
 * with the same rule (`rule.id`, the IR's own string), owner, due date (a day number) and status;
 * `duties`, `superseded` and `violations` are its duty obligations, superseded obligations and
 * violations, in its order too.
 */
export interface CaseCounts {
  /** The events considered: the case's own array when it is in order and holds no repeated record, else a copy without them. */
  readonly events: readonly NormalizedEvent[];
  /** How many of `events` are considered (those on or before the as-of date: a prefix). */
  readonly n: number;
  /** By index in `PolicyIR.events`: how many of the considered events have that type (events of undeclared types are in none). */
  readonly typeCounts: Int32Array;
  readonly drafts: readonly CountedDraft[];
  readonly duties: readonly Obligation[];
  readonly superseded: readonly { readonly rule: CountedRule }[];
  readonly violations: readonly Violation[];
}

/** A rule of a `CaseCounts`: the same object for every obligation of the rule. */
export interface CountedRule {
  readonly id: string;
  readonly owner: string;
  /** The rule's position among the policy's rules and duties sorted by id (distinct for distinct rules). */
  readonly rank: number;
}

/** A dated obligation of a `CaseCounts`. */
export interface CountedDraft {
  readonly rule: CountedRule;
  readonly dueDate: PlainDate;
  readonly status: ObligationStatus;
}


// ---------------------------------------------------------------------------------------------
// Obligations into results (the drafts of the kinds in stage `obligations`)

function byDueRuleOccurrence(
  a: { readonly dueDate: PlainDate; readonly rule: { readonly rank: number }; readonly occurrence: number },
  b: { readonly dueDate: PlainDate; readonly rule: { readonly rank: number }; readonly occurrence: number },
): number {
  return a.dueDate - b.dueDate || a.rule.rank - b.rule.rank || a.occurrence - b.occurrence;
}

/** Duties (no due date): by trigger date, then rule id, then occurrence. */
function byTrigger(a: Obligation, b: Obligation): number {
  const x = a.anchor.date;
  const y = b.anchor.date;
  if (x !== y) return x < y ? -1 : 1;
  if (a.rule !== b.rule) return a.rule < b.rule ? -1 : 1;
  return a.occurrence - b.occurrence;
}

/** Sorts in place, stably: insertion sort for the short lists of one case, `Array.sort` beyond. */
function sortSmall<T>(xs: T[], compare: (a: T, b: T) => number): T[] {
  if (xs.length > 32) return xs.sort(compare);
  for (let i = 1; i < xs.length; i++) {
    const x = xs[i] as T;
    let j = i - 1;
    while (j >= 0 && compare(xs[j] as T, x) > 0) {
      xs[j + 1] = xs[j] as T;
      j--;
    }
    xs[j + 1] = x;
  }
  return xs;
}

function anchorOf(event: NormalizedEvent | undefined, attribute: string | undefined, date: PlainDate): ObligationAnchor {
  if (event === undefined) return { event: 'child.dob', date: isoDate(date) };
  return attribute === undefined ? { event: event.type, date: isoDate(date) } : { event: event.type, date: isoDate(date), attribute };
}

function anchorLabel(d: Draft): string {
  if (d.anchorEvent === undefined) return "the child's date of birth";
  if (d.anchorAttribute !== undefined) return `${d.anchorEvent.type}.${d.anchorAttribute}`;
  return d.anchorEvent.type;
}

function explain(d: Draft, asOf: PlainDate): string {
  const stepWhen = d.step?.ir.when?.text;
  let head = `${d.rule.id} (occurrence ${d.occurrence}${stepWhen === undefined ? '' : `, the step for \`${stepWhen}\``})`;
  if (d.anchorAttribute !== undefined && d.anchorEvent !== undefined) {
    head += `, for the \`${d.anchorEvent.type}\` recorded on ${longDate(d.anchorEvent.date)}`;
  }
  const note = d.previous ? ` (which met occurrence ${d.occurrence - 1})` : '';
  let text = `${head}: ${d.choice === undefined ? d.due.describe(anchorLabel(d), note, d.anchorDate) : describeChoice(d.choice)}`;
  if (d.earliest !== undefined) text += `; ${describeWindow(d.rule.ir, d.earliest, d.dueDate)}`;
  if (d.counting !== undefined) text += `; ${describeCounting(d.counting, d.searchFrom, d.anchorDate)}`;
  if (d.status === 'early' && d.satisfier !== undefined && d.earliest !== undefined) {
    const s = d.satisfier;
    text += `; early: met by ${s.type} on ${longDate(s.date)}, before the window opened on ${longDate(d.earliest)} (a ${d.rule.metByText} from that date on would count instead)`;
    return `${text}. Source: ${d.step?.ir.citation ?? d.rule.ir.citation}.`;
  }
  text += `; ${describeOutcome({
    metBy: d.rule.metByText,
    dueDate: d.dueDate,
    asOf,
    searchFrom: d.searchFrom,
    satisfier: d.satisfier,
    runEnd: d.runEnd,
  })}`;
  const citation = d.step?.ir.citation ?? d.rule.ir.citation;
  return `${text}. Source: ${citation}.`;
}

/** "the sooner of: 10 working days after X on ... is ...; 3 months after Y on ... is ...: Thu 15 May 2025 (the first)". */
function describeChoice(c: DueChoice): string {
  const parts = c.entries.map((e, k) => {
    const which = ordinal(k + 1);
    if (e.anchorDate === undefined) {
      const o = e.due.ir.offset;
      return `(${which}) ${quantity(o.amount, o.unit)} ${e.due.ir.direction} ${e.label}: no ${e.label} in the case (yet), so it takes no part`;
    }
    return `(${which}) ${e.due.describe(e.label, '', e.anchorDate)}`;
  });
  const chosen = c.entries[c.chosen];
  const missing = c.entries.some((e) => e.anchorDate === undefined);
  const chosenText = chosen?.dueDate === undefined ? '' : `: due ${longDate(chosen.dueDate)}, from the ${ordinal(c.chosen + 1)}`;
  const proviso = !missing ? '' : c.pick === 'sooner' ? ' (an anchor still to happen can only make it sooner)' : ' (provisional: an anchor still to happen may make it later)';
  return `whichever is ${c.pick} of ${parts.join('; ')}${chosenText}${proviso}`;
}

/** "the window opens 3 months before that date, on ..., and closes 3 months after it, on ...". */
function describeWindow(rule: Draft['rule']['ir'], earliest: PlainDate, dueDate: PlainDate): string {
  const w = rule.kind === 'deadline' ? rule.window : undefined;
  if (w === undefined) return `the window opens on ${longDate(earliest)}`;
  const opens = `the window opens ${quantity(w.opens.offset.amount, w.opens.offset.unit)} ${w.opens.direction} that date, on ${longDate(earliest)}`;
  const closes = w.closes === undefined ? 'and closes on it' : `and closes ${quantity(w.closes.offset.amount, w.closes.offset.unit)} ${w.closes.direction} it, on ${longDate(dueDate)} (the due date)`;
  return `${opens}, ${closes}`;
}

function toObligation(d: Draft, asOf: PlainDate, explanations: boolean): Obligation {
  const o = toObligationOf(d, asOf, explanations);
  const owners = d.rule.ir.owners;
  if (owners === undefined) return o;
  // Several owners (rare): `owners` follows `owner`, as in the `Obligation` interface.
  const { rule, occurrence, title, owner, ...rest } = o;
  return { rule, occurrence, title, owner, owners, ...rest };
}

function toObligationOf(d: Draft, asOf: PlainDate, explanations: boolean): Obligation {
  const step = d.step?.ir;
  const citation = step?.citation ?? d.rule.ir.citation;
  const source: IrSource = step?.source ?? d.rule.ir.source;
  const time = d.due.ir.time;
  const anchor = anchorOf(d.anchorEvent, d.anchorAttribute, d.anchorDate);
  const dueText = isoDate(d.dueDate);
  const { id: rule, title, owner } = d.rule;
  const { occurrence, status } = d;
  if (!explanations) {
    const explanation = '';
    if (d.earliest !== undefined) {
      const earliest = isoDate(d.earliest);
      return {
        rule, occurrence, title, owner, anchor, due: dueText, ...(time === undefined ? {} : { dueTime: time }), earliest, status,
        ...(d.satisfier === undefined ? {} : { satisfiedOn: isoDate(d.satisfier.date) }), citation, explanation, source,
      };
    }
    if (d.satisfier === undefined) {
      return time === undefined
        ? { rule, occurrence, title, owner, anchor, due: dueText, status, citation, explanation, source }
        : { rule, occurrence, title, owner, anchor, due: dueText, dueTime: time, status, citation, explanation, source };
    }
    const satisfiedOn = isoDate(d.satisfier.date);
    return time === undefined
      ? { rule, occurrence, title, owner, anchor, due: dueText, status, satisfiedOn, citation, explanation, source }
      : { rule, occurrence, title, owner, anchor, due: dueText, dueTime: time, status, satisfiedOn, citation, explanation, source };
  }
  // The explanation is rendered when it is first read (an enumerable getter, so `JSON.stringify`,
  // spreading and structured cloning see a string as before), then kept: most callers never read it.
  if (d.earliest !== undefined) {
    // A deadline with a window: a rarer shape, built in the interface's order.
    const earliest = isoDate(d.earliest);
    const before = { rule, occurrence, title, owner, anchor, due: dueText, ...(time === undefined ? {} : { dueTime: time }), earliest, status, ...(d.satisfier === undefined ? {} : { satisfiedOn: isoDate(d.satisfier.date) }), citation };
    return withExplanation(before, d, asOf, source);
  }
  // One object literal per combination of optional fields: the JSON reads in the order of the
  // `Obligation` interface, with no `undefined` values, and each shape stays monomorphic.
  if (d.satisfier === undefined) {
    return time === undefined
      ? withExplanation({ rule, occurrence, title, owner, anchor, due: dueText, status, citation }, d, asOf, source)
      : withExplanation({ rule, occurrence, title, owner, anchor, due: dueText, dueTime: time, status, citation }, d, asOf, source);
  }
  const satisfiedOn = isoDate(d.satisfier.date);
  return time === undefined
    ? withExplanation({ rule, occurrence, title, owner, anchor, due: dueText, status, satisfiedOn, citation }, d, asOf, source)
    : withExplanation({ rule, occurrence, title, owner, anchor, due: dueText, dueTime: time, status, satisfiedOn, citation }, d, asOf, source);
}

// ---------------------------------------------------------------------------------------------
// Texts rendered on demand
//
// An obligation's `explanation` and a superseded obligation's `reason` are own enumerable accessor
// properties whose getter is ONE function shared by every result (`renderExplanation`,
// `renderReason`), not a closure per object: V8 keeps an accessor's functions in the object's hidden
// class, and a fresh getter per object turned every obligation into a dictionary-mode object
// (measured: about 1.3 µs to build each, and every later read of a result slow). The shared getter
// finds what to render in private class fields (`ExplanationSlot`, `ReasonSlot`) that the result is
// given when it is built: private fields are invisible to `JSON.stringify`, spreading, structured
// cloning, `Object.keys`, `for...in` and `Object.getOwnProperty{Names,Symbols}`, and giving them
// costs a hidden-class transition each, not a `defineProperty` call. They hold the draft itself (and
// the as-of date), with no record allocated per result; once rendered, the text replaces the draft
// (a private field may be written on a frozen object, so a frozen result still renders its texts). A
// copy made by copying the accessor itself (`Object.getOwnPropertyDescriptors`) has no fields: its
// getter returns ''.
//
// What an unread text costs is the accessor itself: one `__defineGetter__` per result object, a call
// into V8's runtime (~100 ns, about three quarters of building an obligation with explanations; issue
// 17). No JavaScript construct gives a new object an own accessor more cheaply (an object literal's
// `get` makes a closure per object; `Object.defineProperty` costs more), and an accessor on a
// prototype instead would be lost by spreading and structured cloning (`postMessage`).

/**
 * A base class whose constructor returns the object it is given: a subclass's constructor then adds
 * its private fields to that object (ECMAScript's "return override"), whatever its prototype.
 */
class Stamped {
  constructor(o: object) {
    return o;
  }
}

/** The private fields of an obligation: its draft (then its rendered explanation) and the as-of date. */
class ExplanationSlot extends Stamped {
  #draft: Draft | string;
  readonly #asOf: PlainDate;

  private constructor(o: object, draft: Draft, asOf: PlainDate) {
    super(o);
    this.#draft = draft;
    this.#asOf = asOf;
  }

  /** Gives `o` the fields. */
  static give(o: object, draft: Draft, asOf: PlainDate): void {
    new ExplanationSlot(o, draft, asOf);
  }

  /** The explanation of `o`, rendered at the first call and kept; '' when `o` has no fields. */
  static render(o: object): string {
    if (!(#draft in o)) return '';
    const d = o.#draft;
    if (typeof d === 'string') return d;
    const text = explain(d, o.#asOf);
    o.#draft = text;
    return text;
  }
}

/** The private field of a superseded obligation: its draft, then its rendered reason. */
class ReasonSlot extends Stamped {
  #draft: SupersededDraft | string;

  private constructor(o: object, draft: SupersededDraft) {
    super(o);
    this.#draft = draft;
  }

  /** Gives `o` the field. */
  static give(o: object, draft: SupersededDraft): void {
    new ReasonSlot(o, draft);
  }

  /** The reason of `o`, rendered at the first call and kept; '' when `o` has no field. */
  static render(o: object): string {
    if (!(#draft in o)) return '';
    const d = o.#draft;
    if (typeof d === 'string') return d;
    const text = reasonOf(d);
    o.#draft = text;
    return text;
  }
}

/** The shared getter of every obligation's `explanation`. */
function renderExplanation(this: object): string {
  return ExplanationSlot.render(this);
}

/** The shared getter of every superseded obligation's `reason`. */
function renderReason(this: object): string {
  return ReasonSlot.render(this);
}

/**
 * `Object.prototype.__defineGetter__` (ECMAScript Annex B.2.2.2), when the platform has it: it defines
 * exactly the accessor `Object.defineProperty` would with `{ get, enumerable: true, configurable: true }`
 * (no setter), without reading a descriptor object, at about 80% of `Object.defineProperty`'s cost (in
 * V8 both are runtime calls, ~80-100 ns; the largest cost of building an obligation). Taken once,
 * when the runtime loads; without it, `Object.defineProperty` does the same.
 */
const defineGetter = (Object.prototype as { __defineGetter__?: (this: object, key: string, get: () => string) => void }).__defineGetter__;

/** `key` of `o` defined as the shared getter `get` (enumerable, configurable, no setter). */
function defineText(o: object, key: 'explanation' | 'reason', get: (this: object) => string): void {
  if (defineGetter !== undefined) defineGetter.call(o, key, get);
  else Object.defineProperty(o, key, { get, enumerable: true, configurable: true });
}

/**
 * `o` with its `explanation` added as the shared getter reading the draft `d` (and `asOf`), then
 * `source` (after the explanation, as the `Obligation` interface orders them). Mutates and returns `o`.
 */
function withExplanation(o: object, d: Draft, asOf: PlainDate, source: IrSource): Obligation {
  ExplanationSlot.give(o, d, asOf);
  defineText(o, 'explanation', renderExplanation);
  (o as { source?: IrSource }).source = source;
  return o as Obligation;
}

function reasonOf(s: SupersededDraft): string {
  const by = `${s.by.type} on ${longDate(s.by.date)}`;
  switch (s.why) {
    case 'ended':
      return `the run ended with ${by}, before this occurrence was met or fell due (due ${longDate(s.dueDate)})`;
    case 'restarted':
      return `the run was restarted by ${by}, before this occurrence was met or fell due (due ${longDate(s.dueDate)}); a new run starts from that event`;
    case 'rearranged': {
      const attribute = s.anchorAttribute ?? '';
      const value = s.by.attributes[attribute];
      const target = typeof value === 'number' ? ` for ${longDate(value)}` : '';
      return `rearranged: a later ${s.by.type} recorded on ${longDate(s.by.date)}${target} replaced the one for ${longDate(s.anchorDate)} before it happened`;
    }
    case 'beyond_limit':
      return s.note ?? `beyond a limit: ${by}`;
  }
}

function toSuperseded(s: SupersededDraft): SupersededObligation {
  // `reason`: rendered when first read, then kept (as an obligation's explanation).
  const o = { rule: s.rule.id, occurrence: s.occurrence, anchor: anchorOf(s.anchorEvent, s.anchorAttribute, s.anchorDate), due: isoDate(s.dueDate) };
  ReasonSlot.give(o, s);
  defineText(o, 'reason', renderReason);
  return o as unknown as SupersededObligation;
}

/**
 * A superseded obligation with its `reason` rendered now, as a plain data property (policies prepared
 * without explanations: their callers count results and rarely read a reason, and a few string
 * concatenations cost less than defining the getter).
 */
function toSupersededNow(s: SupersededDraft): SupersededObligation {
  return { rule: s.rule.id, occurrence: s.occurrence, anchor: anchorOf(s.anchorEvent, s.anchorAttribute, s.anchorDate), due: isoDate(s.dueDate), reason: reasonOf(s) };
}

/** Whether two events of one date are the same record: the same type and equal attributes. */
function sameRecord(a: NormalizedEvent, b: NormalizedEvent): boolean {
  if (a.type !== b.type) return false;
  const keys = Object.keys(a.attributes);
  if (keys.length !== Object.keys(b.attributes).length) return false;
  for (const k of keys) if (!Object.prototype.hasOwnProperty.call(b.attributes, k) || a.attributes[k] !== b.attributes[k]) return false;
  return true;
}

/**
 * The sorted events with each repeat left out: an event of the same type, date and attributes as an
 * earlier one is the same record entered twice (two identical `review_held` on one day would meet two
 * occurrences of a cycle, hiding an overdue review). Each repeat left out is a notice
 * (`notice/repeated-event`). Returns `events` itself when there is none (the common case: one pass,
 * comparing only events that share a date). When `events` turns out not to be sorted (by date, then
 * input order), returns undefined and leaves `notices` as it found it: the caller sorts a copy and
 * asks again. (One pass checks both: a `NormalizedCase` from either validator is sorted.)
 */
function withoutRepeats(events: readonly NormalizedEvent[], notices: Notice[]): readonly NormalizedEvent[] | undefined {
  let kept: NormalizedEvent[] | undefined;
  let dayStart = 0;
  const noticesBefore = notices.length;
  for (let i = 0; i < events.length; i++) {
    const e = events[i] as NormalizedEvent;
    if (i > 0) {
      const before = events[i - 1] as NormalizedEvent;
      if (before.date !== e.date) {
        if (before.date > e.date) {
          notices.length = noticesBefore;
          return undefined;
        }
        dayStart = i;
      } else if (before.index > e.index) {
        notices.length = noticesBefore;
        return undefined;
      }
    }
    let repeat = false;
    for (let j = dayStart; j < i && !repeat; j++) repeat = sameRecord(events[j] as NormalizedEvent, e);
    if (repeat) {
      kept ??= events.slice(0, i);
      notices.push(notice('notice/repeated-event', { event: e.type }, { date: isoDate(e.date) }));
    } else if (kept !== undefined) kept.push(e);
  }
  return kept ?? events;
}

/** The notices without repeats (by message), first kept; `notices` itself when it has fewer than two (it is the evaluation's own array). */
function dedupe(notices: Notice[]): Notice[] {
  if (notices.length < 2) return notices;
  const seen = new Set<string>();
  return notices.filter((n) => {
    if (seen.has(n.message)) return false;
    seen.add(n.message);
    return true;
  });
}


function byEvent(a: Violation, b: Violation): number {
  const x = a.event;
  const y = b.event;
  if (x.date !== y.date) return x.date < y.date ? -1 : 1;
  if (x.index !== y.index) return x.index - y.index;
  return a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0;
}

function calendarFor(ir: PolicyIR): WorkingDayCalendar {
  const add: Holiday[] = ir.calendar.add.map((h) => {
    const date = parsePlainDate(h.date);
    if (date === undefined) throw new MalformedIrError(`calendar: \`${h.date}\` is not a YYYY-MM-DD date`);
    return { date, name: h.name };
  });
  const remove: PlainDate[] = ir.calendar.remove.map((h) => {
    const date = parsePlainDate(h.date);
    if (date === undefined) throw new MalformedIrError(`calendar: \`${h.date}\` is not a YYYY-MM-DD date`);
    return date;
  });
  if (!isCalendarName(ir.calendar.base)) throw new MalformedIrError(`calendar: \`${String(ir.calendar.base)}\` is not a registered calendar`);
  return calendarNamed(ir.calendar.base, { add, remove });
}

const NO_STAGES: readonly never[] = Object.freeze([]);
/** The escalations and criteria a counts-only reading starts a case with: ladders replace theirs, never add to it; criteria do not run. */
const NO_ESCALATIONS = Object.freeze([]) as unknown as Escalation[];
const NO_CRITERIA = Object.freeze([]) as unknown as CriteriaResult[];

/** `CaseState` with every field writable: the counts-only reading's, reused from case to case. */
type ScratchState = { -readonly [K in Exclude<keyof CaseState, 'scope'>]: CaseState[K] } & { readonly scope: { -readonly [K in keyof ConditionScope]: ConditionScope[K] } };

/** Up to this many event types, an event's type id is found by scanning the names (see `typeNames`). */
const SCANNED_TYPES = 16;

/**
 * Throws `MalformedIrError` when the IR declares a name that is JavaScript's own (runtime/names.ts),
 * or a role-typed fact or attribute in a policy with no roles (no value could be valid).
 */
function refuseReservedNames(ir: PolicyIR): void {
  const refuse = (what: string, name: string): void => {
    if (isReservedName(name)) throw new MalformedIrError(`${what} \`${name}\` is a name every JavaScript object has, which no declaration may take`);
  };
  const enumValues = (type: IrType, what: string): void => {
    if (type.kind === 'enum') for (const v of type.values) refuse(`a value of ${what}`, v);
    if (type.kind === 'role' && ir.roles.length === 0) throw new MalformedIrError(`${what} holds a role, but the policy declares no roles`);
  };
  for (const r of ir.roles) refuse('role', r.name);
  for (const f of ir.facts) {
    refuse('fact', f.name);
    enumValues(f.type, `fact \`${f.name}\``);
  }
  for (const e of ir.events) {
    refuse('event', e.name);
    for (const a of e.attributes) {
      refuse(`attribute of \`${e.name}\``, a.name);
      enumValues(a.type, `\`${e.name}.${a.name}\``);
    }
  }
  for (const rule of allRules(ir)) refuse('rule', rule.id);
}

function asOfError(asOf: unknown): CaseError {
  const value = { value: String(asOf).length > 60 ? `${String(asOf).slice(0, 57)}...` : String(asOf) };
  if (typeof asOf !== 'string') return caseError('case/as-of-not-a-string', ['asOf'], {}, value);
  if (/^\d{4}-\d{2}-\d{2}$/.test(asOf)) return caseError('case/as-of-not-a-real-date', ['asOf'], {}, value);
  return caseError('case/as-of-not-a-date', ['asOf'], {}, value);
}

/**
 * Prepares a policy for evaluation, doing all per-policy work once: the case validator (ajv), the
 * calendar (the registered calendar `ir.calendar.base` with its additions and removals, unless `options.calendar`
 * is given), condition closures and event-type tables. Throws `MalformedIrError` if the IR breaks its
 * contract (an undeclared name, an anchor a rule kind cannot have, operands of incompatible types).
 */
export function preparePolicy(ir: PolicyIR, options: PrepareOptions = {}): CompiledPolicy {
  refuseReservedNames(ir);
  const calendar = options.calendar ?? calendarFor(ir);
  const explanations = options.explanations ?? true;
  const validator = createCaseValidator(ir);
  const typeIds = new Map<string, number>(ir.events.map((e, i) => [e.name, i]));
  const ranks = new Map<string, number>(
    [...ir.rules, ...(ir.duties ?? [])]
      .map((r) => r.id)
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
      .map((id, i) => [id, i]),
  );
  const ctx: PrepareContext = { calendar, explanations, typeIds, ranks };
  const plan = planPolicy(ir, ctx);
  // Units of stage `obligations` come first; the obligations are sorted before the later stages read them.
  let firstLater = 0;
  while (firstLater < plan.length && STAGES[(plan[firstLater] as (typeof plan)[number]).stage] === 'obligations') firstLater++;
  const templates = compileNotifications(ir);
  const gaps = compileGaps(ir, calendar);
  let types = new Int32Array(64);
  // Per case: how many considered events of each type (one pass, with `types`), for the kinds'
  // pre-checks (`CaseState.typeCounts`).
  const typeCounts = new Int32Array(ir.events.length);
  // The type names by id, scanned by identity: a normalised event carries the IR's own string
  // (both validators, runtime/case.ts and the emitted `normalize`), so each comparison is one
  // pointer test. A map lookup hashes; for a few types the scan costs less (about 3 ns an event
  // against 9, 20-event statutory cases). A larger vocabulary keeps the map. A name found equal is
  // replaced by the event's own string, the same text: a case normalised by another policy of the
  // same vocabulary (a simulation's reform reads the baseline's cases) carries that policy's strings,
  // and comparing equal strings that are not the same one compares their characters.
  const typeNames: string[] = ir.events.length <= SCANNED_TYPES ? ir.events.map((e) => e.name) : [];
  const policyId = ir.id;
  const policyVersion = ir.version;

  // The units the counts-only reading runs: all but criteria (they write only `criteria`, which it
  // does not give; their stage is the last, so the first `firstLater` units are the same).
  const countPlan = plan.filter((u) => u.kind !== 'criteria');
  /** The notices of a counts-only reading: raised by the kinds and conditions, never read (emptied each case). */
  const countNotices: Notice[] = [];
  /** The state of a counts-only reading: made once, emptied for each case (`reuse`; its caller reads it before the next). */
  const countState: ScratchState = {
    events: [], n: 0, types, typeCounts, asOf: 0, scope: { case: undefined as unknown as NormalizedCase, asOf: 0, events: [], n: 0, notices: countNotices },
    drafts: [], superseded: [], within: undefined, occurrences: undefined, violations: [], escalations: NO_ESCALATIONS, raised: NO_STAGES, criteria: NO_CRITERIA, duties: [],
  };
  /** `s` emptied for case `c` (its considered events: the first `n` of `events`). */
  const reuse = (s: ScratchState, c: NormalizedCase, events: readonly NormalizedEvent[], n: number, asOf: PlainDate): CaseState => {
    s.events = events;
    s.n = n;
    s.types = types;
    s.asOf = asOf;
    const scope = s.scope;
    scope.case = c;
    scope.asOf = asOf;
    scope.events = events;
    scope.n = n;
    if (s.drafts.length > 0) s.drafts.length = 0;
    if (s.superseded.length > 0) s.superseded.length = 0;
    if (s.violations.length > 0) s.violations.length = 0;
    if (s.duties.length > 0) s.duties.length = 0;
    s.within = undefined;
    s.occurrences = undefined;
    s.escalations = NO_ESCALATIONS;
    s.raised = NO_STAGES;
    return s;
  };

  /**
   * The stages for one case (semantics 1 and 8): the events considered, their type ids, then every
   * unit of `units` (the obligations sorted after stage `obligations`, duties and violations at the
   * end, as the result lists them). With `counting`, the
   * evaluator's own notices (events before birth or after the as-of date) are not made.
   */
  const runStages = (c: NormalizedCase, asOf: PlainDate, notices: Notice[], units: typeof plan, counting: boolean): CaseState => {
    const events = withoutRepeats(c.events, notices) ?? (withoutRepeats([...c.events].sort((a, b) => a.date - b.date || a.index - b.index), notices) as readonly NormalizedEvent[]);
    let n = events.length;
    while (n > 0 && (events[n - 1] as NormalizedEvent).date > asOf) n--;
    if (!counting) {
      let beforeBirth = 0;
      while (beforeBirth < n && (events[beforeBirth] as NormalizedEvent).date < c.child.dob) beforeBirth++;
      if (beforeBirth > 0) notices.push(notice('notice/events-before-birth', { count: beforeBirth }));
    }
    if (types.length < n) types = new Int32Array(Math.max(n, types.length * 2));
    for (let k = 0; k < typeCounts.length; k++) typeCounts[k] = 0; // (a loop: `fill` is a call, for a dozen entries)
    for (let i = 0; i < n; i++) {
      const type = (events[i] as NormalizedEvent).type;
      let t = -1;
      if (typeNames.length > 0) {
        for (let k = 0; k < typeNames.length; k++) {
          if (typeNames[k] === type) {
            typeNames[k] = type;
            t = k;
            break;
          }
        }
      } else t = typeIds.get(type) ?? -1;
      types[i] = t;
      if (t >= 0) typeCounts[t] = (typeCounts[t] as number) + 1; // (not `(x as number)++`: Babel prints that without its parentheses, which breaks Stryker's instrumented copy)
    }
    const later = events.length - n;
    if (later > 0 && !counting) notices.push(notice('notice/events-after-as-of', { count: later, asOf: formatPlainDate(asOf) }));
    const st: CaseState = counting
      ? reuse(countState, c, events, n, asOf)
      : {
          events, n, types, typeCounts, asOf, scope: { case: c, asOf, events, n, notices },
          drafts: [], superseded: [], within: undefined, occurrences: undefined, violations: [], escalations: [], raised: NO_STAGES, criteria: [], duties: [],
        };
    for (let i = 0; i < firstLater; i++) (units[i] as (typeof plan)[number]).run(st);
    sortSmall(st.drafts, byDueRuleOccurrence);
    if (st.superseded.length > 1) sortSmall(st.superseded, byDueRuleOccurrence);
    const supersededEarlier = st.superseded.length;
    for (let i = firstLater; i < units.length; i++) (units[i] as (typeof plan)[number]).run(st);
    // Duties of a rearranged meeting (stage `occurrences`) join the superseded in their order.
    if (st.superseded.length > supersededEarlier && st.superseded.length > 1) sortSmall(st.superseded, byDueRuleOccurrence);
    if (st.duties.length > 1) st.duties.sort(byTrigger);
    if (st.violations.length > 1) st.violations.sort(byEvent);
    return st;
  };

  const countNormalized = (c: NormalizedCase, asOf: PlainDate): CaseCounts => {
    if (countNotices.length > 0) countNotices.length = 0;
    return runStages(c, asOf, countNotices, countPlan, true);
  };

  const evaluateNormalized = (c: NormalizedCase, asOf: PlainDate): EvaluationResult => {
    const notices: Notice[] = [];
    const st = runStages(c, asOf, notices, plan, false);
    const drafts = st.drafts;
    if (gaps !== undefined) findGaps(gaps, st.scope, notices);
    const obligations: Obligation[] = new Array<Obligation>(drafts.length);
    for (let i = 0; i < drafts.length; i++) obligations[i] = toObligation(drafts[i] as Draft, asOf, explanations);
    if (st.duties.length > 0) obligations.push(...st.duties);
    const superseded = st.superseded.length === 0 ? [] : st.superseded.map(explanations ? toSuperseded : toSupersededNow);
    const policy = policyVersion === undefined ? { id: policyId } : { id: policyId, version: policyVersion };
    const violations = st.violations;
    const notifications = templates === undefined ? [] : notificationsFor(templates, c, asOf, obligations, st.escalations, st.raised, notices);
    return {
      policy,
      case: c.id,
      asOf: isoDate(asOf),
      obligations,
      superseded,
      violations,
      escalations: st.escalations,
      criteria: st.criteria,
      notifications,
      notices: dedupe(notices),
    };
  };

  return {
    ir,
    calendar,
    validate: validator,
    evaluateNormalized,
    countNormalized,
    evaluate(input: unknown, asOf: string): Evaluation {
      const date = typeof asOf === 'string' ? parsePlainDate(asOf) : undefined;
      const v = validator(input);
      if (date === undefined) return { ok: false, errors: v.ok ? [asOfError(asOf)] : [asOfError(asOf), ...v.errors] };
      if (!v.ok) return { ok: false, errors: v.errors };
      return { ok: true, result: evaluateNormalized(v.case, date) };
    },
  };
}
