/**
 * The synthetic caseload generator: fictitious children in care, seeded and reproducible.
 *
 * Input: `GenerateOptions`: how many children, the period (`from`..`to`), a seed, the share of late
 * reviews, and the policy whose vocabulary the cases must fit (its IR). Output: one `CaseInput` per
 * child (`SYN-000001`, ...), events sorted by date, none after `to`.
 *
 * The model (docs/simulation.md lists every parameter, `DEFAULT_MODEL` their values):
 * - each child enters care on a day drawn uniformly from the period, at an age drawn from five bands;
 * - the stay is short, medium or long (a mixture of uniform ranges), ending at 18 at the latest; a
 *   share of the children who leave come back after a gap (a new period of care);
 * - reviews follow the statutory cycle (20 working days, 3 months, then 6 months, each from the
 *   previous review); each is late with probability `lateShare` (by an exponential number of days),
 *   else held a little before its due date; each is arranged (`review_scheduled`) some weeks before;
 *   some are rearranged (a second `review_scheduled` dated on or before the first meeting); some
 *   late ones were postponed (`review_postponement_requested` by the social worker or the IRO, then
 *   `review_postponement_approved` by a team or service manager) and rearranged; a few are adjourned
 *   (`review_adjourned`) before being held;
 * - placement moves arrive at a steady rate, a share planned;
 * - escalations (`escalation_raised` / `escalation_response` / `escalation_resolved`) climb the stages
 *   of the policy's first ladder.
 * An event kind is generated only when the policy declares it with the attributes the generator
 * writes (escalations also need a ladder); `vocabularyNotes` says what was left out and why.
 *
 * INVARIANT: child k's case depends only on (seed, k, options): each child has its own random stream
 * (random.ts), so slices of a caseload can be generated separately, in any order, with the same
 * result; the output never depends on the clock, the time zone or the platform.
 * INVARIANT: only fictitious data: ids `SYN-` and a number, dates drawn at random.
 * Browser-safe: no Node module.
 */
import { addMonths, addYears, calendarNamed, DEFAULT_CALENDAR, formatPlainDate, isCalendarName } from '../../runtime/index.ts';
import type { CompiledPolicy, IrType, PlainDate, PolicyIR, WorkingDayCalendar } from '../../runtime/index.ts';
import { applyPractice } from './practice.ts';
import type { PracticeModel } from './practice.ts';
import { createRandom, hashSeed } from './random.ts';
import type { Random } from './random.ts';
import type { CaseEventInput, CaseInput, CaseValue } from './types.ts';
import type { JsonLinesWriter } from './json-bytes.ts';

/** The parameters of the model; `DEFAULT_MODEL` has the values used unless told otherwise. */
export interface GeneratorModel {
  /** Share of reviews held after their statutory due date. */
  readonly lateShare: number;
  /** Mean lateness of a late review, in days (exponential, capped at `maxLateDays`). */
  readonly meanLateDays: number;
  readonly maxLateDays: number;
  /** An on-time review is held up to this many days before its due date (first review: `firstReviewEarlyDays`). */
  readonly earlyDays: number;
  readonly firstReviewEarlyDays: number;
  /** Age at entry into care: bands `[fromDays, toDays)` with their weights. */
  readonly ageBands: readonly { readonly fromDays: number; readonly toDays: number; readonly weight: number }[];
  /** Length of a period of care: bands `[fromDays, toDays)` with their weights. */
  readonly stayBands: readonly { readonly fromDays: number; readonly toDays: number; readonly weight: number }[];
  /** Share of children who leave before 18 and come back after `reentryGapDays`. */
  readonly reentryShare: number;
  readonly reentryGapDays: readonly [number, number];
  /** Placement moves per year in care (a Poisson process). */
  readonly movesPerYear: number;
  /** Share of moves that are planned. */
  readonly plannedMoveShare: number;
  /** A review is arranged this many days before it is held. */
  readonly scheduleLeadDays: readonly [number, number];
  /** Share of reviews rearranged (without a postponement). */
  readonly rearrangeShare: number;
  /** Share of late reviews that were postponed (requested and approved), and of on-time ones. */
  readonly postponeShareLate: number;
  readonly postponeShareOnTime: number;
  /** Share of reviews adjourned once before being held. */
  readonly adjournShare: number;
  /** Escalations per year in care (a Poisson process). */
  readonly escalationsPerYear: number;
  /** Share of escalation stages whose response is satisfactory (which resolves the escalation). */
  readonly satisfactoryShare: number;
}

const YEAR = 365.25;

/** The default model (docs/simulation.md explains each value). */
export const DEFAULT_MODEL: GeneratorModel = Object.freeze<GeneratorModel>({
  lateShare: 0.2,
  meanLateDays: 18,
  maxLateDays: 150,
  earlyDays: 28,
  firstReviewEarlyDays: 8,
  ageBands: [
    { fromDays: 0, toDays: 365, weight: 20 },
    { fromDays: 365, toDays: 5 * 365, weight: 17 },
    { fromDays: 5 * 365, toDays: 10 * 365, weight: 19 },
    { fromDays: 10 * 365, toDays: 16 * 365, weight: 30 },
    { fromDays: 16 * 365, toDays: 17 * 365 + 180, weight: 14 },
  ],
  stayBands: [
    { fromDays: 14, toDays: 180, weight: 35 },
    { fromDays: 180, toDays: 730, weight: 40 },
    { fromDays: 730, toDays: 3650, weight: 25 },
  ],
  reentryShare: 0.12,
  reentryGapDays: [30, 540],
  movesPerYear: 0.6,
  plannedMoveShare: 0.55,
  scheduleLeadDays: [7, 35],
  rearrangeShare: 0.12,
  postponeShareLate: 0.4,
  postponeShareOnTime: 0.02,
  adjournShare: 0.03,
  escalationsPerYear: 0.08,
  satisfactoryShare: 0.7,
});

/** Options of the generator. */
export interface GenerateOptions {
  readonly children: number;
  /** First and last day of the period (events are never after `to`). */
  readonly from: PlainDate;
  readonly to: PlainDate;
  /** Any text or number; the same seed and options give the same cases. */
  readonly seed: string | number;
  /** The share of late reviews (default 0.2); overrides `model.lateShare`. */
  readonly lateShare?: number;
  /** The policy whose vocabulary the cases must fit; by default the statutory vocabulary (without escalations: it has no ladder). */
  readonly ir?: PolicyIR;
  /** The calendar the statutory cycle's working days are counted on (default: the one `ir` names, without its closed/open days; England and Wales without `ir`). */
  readonly calendar?: WorkingDayCalendar;
  readonly model?: Partial<GeneratorModel>;
  /**
   * A practice model (practice.ts) and the prepared policy whose obligations it answers: after the
   * statutory events, each case gets the events the model makes (from its own random stream, so the
   * statutory events are the same with or without it).
   */
  readonly practice?: { readonly model: PracticeModel; readonly policy: CompiledPolicy };
}

/** What the generator writes, given the policy's vocabulary. */
export interface GeneratorVocabulary {
  readonly schedule: boolean;
  readonly placement: boolean;
  readonly ceased: boolean;
  readonly postponement: boolean;
  readonly adjournment: boolean;
  readonly escalation: { readonly ladder: string; readonly stages: readonly { readonly number: number; readonly referral: boolean }[] } | undefined;
  readonly requesters: readonly string[];
  readonly approvers: readonly string[];
}

/** A prepared generator: `generate(k)` makes child k's case (k from 0). */
export interface CaseGenerator {
  readonly vocabulary: GeneratorVocabulary;
  /** What the policy's vocabulary leaves out, in words (e.g. "no escalations: the policy declares no ladder"). */
  readonly vocabularyNotes: readonly string[];
  generate(index: number): CaseInput;
  /**
   * Writes child k's case as one line of JSON Lines: the bytes of `JSON.stringify(generate(k))` and a
   * `\n`, without making the case's objects when there is no practice model; returns its number of
   * events.
   */
  write(index: number, out: JsonLinesWriter): number;
}

type AttrKind = IrType['kind'];

/** The events the generator can write, with the attributes it writes. */
const KNOWN: Readonly<Record<string, Readonly<Record<string, AttrKind>>>> = {
  became_looked_after: {},
  ceased_looked_after: {},
  review_held: {},
  review_scheduled: { for: 'date' },
  review_adjourned: {},
  placement_changed: { planned: 'boolean' },
  review_postponement_requested: { by: 'role', meeting: 'date' },
  review_postponement_approved: { by: 'role' },
  escalation_raised: { ladder: 'text', stage: 'number' },
  escalation_response: { ladder: 'text', stage: 'number', satisfactory: 'boolean' },
  escalation_resolved: { ladder: 'text' },
};

/** True when the policy declares `name` with exactly the attributes the generator writes (extra optional ones allowed). */
function declares(ir: PolicyIR | undefined, name: string): boolean {
  const wanted = KNOWN[name];
  if (wanted === undefined) return false;
  if (ir === undefined) return !name.startsWith('escalation_');
  const event = ir.events.find((e) => e.name === name);
  if (event === undefined) return false;
  for (const [attr, kind] of Object.entries(wanted)) {
    const declared = event.attributes.find((a) => a.name === attr);
    if (declared === undefined || declared.type.kind !== kind) return false;
  }
  return event.attributes.every((a) => a.optional || wanted[a.name] !== undefined);
}

function vocabularyOf(ir: PolicyIR | undefined, suppliedFacts: ReadonlySet<string>): { vocabulary: GeneratorVocabulary; notes: string[] } {
  const notes: string[] = [];
  for (const required of ['became_looked_after', 'review_held']) {
    if (!declares(ir, required)) throw new Error(`the policy does not declare \`${required}\` as the shared vocabulary does; the generator cannot make cases for it`);
  }
  // A practice model may give facts (`facts:`); the generator invents none itself.
  const requiredFacts = ir?.facts.filter((f) => !f.optional && !suppliedFacts.has(f.name)).map((f) => f.name) ?? [];
  if (requiredFacts.length > 0) {
    throw new Error(`the policy requires facts the generator cannot invent: ${requiredFacts.map((f) => `\`${f}\``).join(', ')} (a practice model can give them under \`facts:\`)`);
  }
  const roles = ir === undefined ? ['social_worker', 'iro', 'team_manager', 'service_manager'] : ir.roles.map((r) => r.name);
  const requesters = ['social_worker', 'iro'].filter((r) => roles.includes(r));
  const approvers = ['team_manager', 'service_manager'].filter((r) => roles.includes(r));
  const note = (ok: boolean, what: string, why: string): boolean => {
    if (!ok) notes.push(`no ${what}: ${why}`);
    return ok;
  };
  const schedule = note(declares(ir, 'review_scheduled'), 'review_scheduled', 'the policy does not declare it as `review_scheduled { for: date }`');
  const placement = note(declares(ir, 'placement_changed'), 'placement moves', 'the policy does not declare `placement_changed { planned: boolean }`');
  const ceased = note(declares(ir, 'ceased_looked_after'), 'children leaving care', 'the policy does not declare `ceased_looked_after`');
  const adjournment = note(declares(ir, 'review_adjourned'), 'adjournments', 'the policy does not declare `review_adjourned`');
  const postponement = note(
    schedule && declares(ir, 'review_postponement_requested') && declares(ir, 'review_postponement_approved') && requesters.length > 0 && approvers.length > 0,
    'postponements',
    'the policy does not declare `review_postponement_requested { by: role, meeting: date }` and `review_postponement_approved { by: role }` (with `review_scheduled` and the roles social_worker or iro, team_manager or service_manager)',
  );
  let escalation: GeneratorVocabulary['escalation'];
  const escalationEvents = declares(ir, 'escalation_raised') && declares(ir, 'escalation_response') && declares(ir, 'escalation_resolved');
  const ladder = ir?.ladders[0];
  if (!escalationEvents) notes.push('no escalations: the policy does not declare the escalation events');
  else if (ladder === undefined || ladder.stages.length === 0) notes.push('no escalations: the policy declares no ladder');
  else escalation = { ladder: ladder.id, stages: ladder.stages.map((s) => ({ number: s.number, referral: s.referTo !== undefined })) };
  return { vocabulary: { schedule, placement, ceased, postponement, adjournment, escalation, requesters, approvers }, notes };
}

/** The id of child k (from 0): `SYN-000001` for k = 0; more digits beyond 999999. */
export function syntheticId(index: number): string {
  return `SYN-${String(index + 1).padStart(6, '0')}`;
}

/** Event ranks for events on the same day, in the order a day would see them. */
const RANK: Readonly<Record<string, number>> = {
  ceased_looked_after: 0,
  became_looked_after: 1,
  placement_changed: 2,
  review_scheduled: 3,
  review_postponement_requested: 4,
  review_postponement_approved: 5,
  review_adjourned: 6,
  review_held: 7,
  escalation_raised: 8,
  escalation_response: 9,
  escalation_resolved: 10,
};

/** The event types the generator itself makes (a practice model makes the others). */
export const GENERATED_EVENT_TYPES: readonly string[] = Object.freeze(Object.keys(RANK));

interface Pending {
  readonly date: PlainDate;
  readonly rank: number;
  readonly seq: number;
  readonly type: string;
  readonly attributes: Readonly<Record<string, CaseValue>> | undefined;
}

function byDateRankSeq(a: Pending, b: Pending): number {
  return a.date - b.date || a.rank - b.rank || a.seq - b.seq;
}

/** The events of one child being generated; events after `to` are not kept. */
class Timeline {
  readonly out: Pending[] = [];
  private seq = 0;

  constructor(private readonly to: PlainDate) {}

  emit(date: PlainDate, type: string, attributes?: Record<string, CaseValue>): void {
    if (date > this.to) return;
    this.out.push({ date, rank: RANK[type] ?? 99, seq: this.seq++, type, attributes });
  }
}

/** `formatPlainDate`, memoised (a caseload repeats the same few thousand days). */
const dateText = new Map<PlainDate, string>();
function iso(d: PlainDate): string {
  let s = dateText.get(d);
  if (s === undefined) {
    if (dateText.size > 100_000) dateText.clear();
    s = formatPlainDate(d);
    dateText.set(d, s);
  }
  return s;
}

function band(r: Random, bands: GeneratorModel['ageBands']): number {
  let total = 0;
  for (const b of bands) total += b.weight;
  let x = r.next() * total;
  for (const b of bands) {
    if (x < b.weight) return r.int(b.fromDays, b.toDays - 1);
    x -= b.weight;
  }
  const last = bands[bands.length - 1];
  return last === undefined ? 0 : last.fromDays;
}

/**
 * Prepares a generator (the vocabulary check and the calendar, once). Throws an `Error` with a
 * readable message when the options are unusable (no children, `from` after `to`, a share outside
 * 0..1) or the policy's vocabulary lacks `became_looked_after` or `review_held` or requires facts.
 */
export function createCaseGenerator(options: GenerateOptions): CaseGenerator {
  const model: GeneratorModel = { ...DEFAULT_MODEL, ...options.model, ...(options.lateShare !== undefined ? { lateShare: options.lateShare } : {}) };
  if (!Number.isSafeInteger(options.children) || options.children < 0) throw new Error('the number of children must be a whole number, 0 or more');
  // A JavaScript caller may pass the dates as text ('2024-01-01'), which would generate "+000NaN" dates.
  for (const [name, day] of [['from', options.from], ['to', options.to]] as const) {
    if (!Number.isSafeInteger(day)) throw new TypeError(`\`${name}\` must be a PlainDate (a day number: parsePlainDate('2024-01-01') of @pdl/runtime), not ${typeof day === 'string' ? `the text ${JSON.stringify(day)}` : String(day)}`);
  }
  if (options.from > options.to) throw new Error('the period must not end before it starts');
  if (!(model.lateShare >= 0 && model.lateShare <= 1)) throw new Error('the share of late reviews must be between 0 and 1');
  const { vocabulary, notes } = vocabularyOf(options.ir, new Set(Object.keys(options.practice?.model.facts ?? {})));
  const base = options.ir?.calendar.base;
  const calendar = options.calendar ?? calendarNamed(base !== undefined && isCalendarName(base) ? base : DEFAULT_CALENDAR);
  const seedHash = hashSeed(options.seed);
  const { from, to } = options;
  const practice = options.practice;
  const practiceSeed = hashSeed(`${String(options.seed)}/practice`);

  /** Child k's date of birth and statutory events, sorted (the same draws whether they become objects or bytes). */
  const timeline = (index: number): { readonly dob: PlainDate; readonly events: readonly Pending[] } => {
    const r = createRandom(seedHash, index);
    const line = new Timeline(to);
    const entry = from + Math.floor(r.next() * (to - from + 1));
    const dob = entry - band(r, model.ageBands);
    const eighteenth = addYears(dob, 18);
    let start = entry;
    for (let period = 0; period < 6 && start <= to && start < eighteenth; period++) {
      line.emit(start, 'became_looked_after');
      let leave = start + band(r, model.stayBands);
      if (leave >= eighteenth) leave = eighteenth;
      if (!vocabulary.ceased) leave = Number.POSITIVE_INFINITY;
      const end = Math.min(leave, to);
      reviews(r, model, vocabulary, calendar, start, leave, to, line);
      if (vocabulary.placement && model.movesPerYear > 0) {
        const mean = YEAR / model.movesPerYear;
        for (let t = start + 1 + Math.floor(r.exponential(mean)); t < end; t += 1 + Math.floor(r.exponential(mean))) {
          line.emit(t, 'placement_changed', { planned: r.chance(model.plannedMoveShare) });
        }
      }
      if (vocabulary.escalation !== undefined && model.escalationsPerYear > 0) {
        const mean = YEAR / model.escalationsPerYear;
        for (let t = start + 1 + Math.floor(r.exponential(mean)); t < end; t += 1 + Math.floor(r.exponential(mean))) {
          t = escalation(r, model, vocabulary.escalation, t, line);
        }
      }
      if (leave > to) break;
      line.emit(leave, 'ceased_looked_after');
      if (leave >= eighteenth - 60 || !r.chance(model.reentryShare)) break;
      start = leave + r.int(model.reentryGapDays[0], model.reentryGapDays[1]);
    }
    return { dob, events: line.out.sort(byDateRankSeq) };
  };
  const generate = (index: number): CaseInput => {
    const { dob, events: out } = timeline(index);
    const events: CaseEventInput[] = new Array<CaseEventInput>(out.length);
    for (let i = 0; i < out.length; i++) {
      const p = out[i] as Pending;
      events[i] = p.attributes === undefined ? { type: p.type, date: iso(p.date) } : { type: p.type, date: iso(p.date), ...p.attributes };
    }
    const made: CaseInput = { id: syntheticId(index), child: { dob: iso(dob) }, events };
    return practice === undefined ? made : applyPractice(made, practice.model, practice.policy, to, createRandom(practiceSeed, index));
  };
  const write = (index: number, w: JsonLinesWriter): number => {
    if (practice !== undefined) {
      const c = generate(index);
      w.line(c);
      return c.events.length;
    }
    // What JSON.stringify writes of `generate(index)`: the keys in the order the objects above are
    // made (an event's attributes, the generator's own names, never `type` or `date`, after them).
    const { dob, events } = timeline(index);
    w.ascii('{"id":');
    w.string(syntheticId(index));
    w.ascii(',"child":{"dob":');
    w.string(iso(dob));
    w.ascii('},"events":[');
    for (let i = 0; i < events.length; i++) {
      const p = events[i] as Pending;
      w.ascii(i === 0 ? '{"type":' : ',{"type":');
      w.string(p.type);
      w.ascii(',"date":');
      w.string(iso(p.date));
      const attributes = p.attributes;
      if (attributes !== undefined) {
        for (const key of Object.keys(attributes)) {
          const v = attributes[key];
          if (v === undefined) continue;
          w.ascii(',');
          w.string(key);
          w.ascii(':');
          w.value(v, key);
        }
      }
      w.ascii('}');
    }
    w.ascii(']}');
    w.endLine();
    return events.length;
  };
  return { vocabulary, vocabularyNotes: notes, generate, write };
}

/** The reviews of one period of care, `start` to `leave`, on the statutory cycle with lateness. */
function reviews(
  r: Random,
  model: GeneratorModel,
  v: GeneratorVocabulary,
  calendar: WorkingDayCalendar,
  start: PlainDate,
  leave: PlainDate,
  to: PlainDate,
  line: Timeline,
): void {
  let previous = start;
  for (let k = 1; k < 200; k++) {
    const due = k === 1 ? calendar.addWorkingDays(start, 20) : addMonths(previous, k === 2 ? 3 : 6);
    const late = r.chance(model.lateShare);
    let held: PlainDate;
    if (late) held = due + 1 + Math.floor(Math.min(r.exponential(model.meanLateDays), model.maxLateDays));
    else {
      const room = Math.max(0, Math.min(k === 1 ? model.firstReviewEarlyDays : model.earlyDays, due - previous - 1));
      held = due - r.int(0, room);
    }
    // Meetings are held on working days: an on-time one moves back (if it can), a late one forward.
    if (!calendar.isWorkingDay(held)) {
      const back = calendar.addWorkingDays(held, -1);
      held = !late && back > previous ? back : calendar.addWorkingDays(held, 1);
    }
    if (held <= previous) held = previous + 1;
    if (held > leave) return;
    const postponed = v.postponement && r.chance(late ? model.postponeShareLate : model.postponeShareOnTime);
    const rearranged = !postponed && v.schedule && r.chance(model.rearrangeShare);
    if (v.schedule) {
      // Arranged after the previous meeting: a review_scheduled dated on or before an earlier meeting
      // would rearrange that one.
      const floor = k === 1 ? start : previous + 1;
      const lead = r.int(model.scheduleLeadDays[0], model.scheduleLeadDays[1]);
      let done = false;
      if (postponed) {
        // Arranged on time, postponed, approved, then rearranged for the day it was held.
        const meeting = Math.min(due, held - 7) - r.int(0, 10);
        const first = meeting - r.int(10, 30);
        const request = meeting - r.int(1, 7);
        if (first >= floor && request > first && request < meeting && meeting > previous) {
          const approval = Math.min(meeting - 1, request + r.int(0, 3));
          line.emit(first, 'review_scheduled', { for: iso(meeting) });
          line.emit(request, 'review_postponement_requested', { by: r.pick(v.requesters), meeting: iso(meeting) });
          line.emit(approval, 'review_postponement_approved', { by: r.chance(0.7) ? r.pick(v.approvers.slice(0, 1)) : r.pick(v.approvers) });
          // Rearranged before the day of the meeting (an arrangement made on the day is the next one).
          line.emit(Math.min(meeting - 1, approval + r.int(0, 2)), 'review_scheduled', { for: iso(held) });
          done = true;
        }
      } else if (rearranged) {
        const meeting = held + (r.chance(0.5) ? -1 : 1) * r.int(3, 21);
        const earliest = Math.min(meeting, held);
        const first = earliest - r.int(14, 35);
        if (first >= floor && meeting > previous) {
          // The second arrangement is made before the day of either meeting.
          line.emit(first, 'review_scheduled', { for: iso(meeting) });
          line.emit(first + r.int(1, earliest - first - 1), 'review_scheduled', { for: iso(held) });
          done = true;
        }
      }
      if (!done) line.emit(Math.max(floor, held - lead), 'review_scheduled', { for: iso(held) });
    }
    if (v.adjournment && r.chance(model.adjournShare)) {
      const adjourned = held - r.int(5, 20);
      if (adjourned > previous && adjourned >= start) line.emit(adjourned, 'review_adjourned');
    }
    if (held > to) return;
    line.emit(held, 'review_held');
    previous = held;
  }
}

/** One escalation from `t`: stages raised in order until a satisfactory response or a referral; returns the last date used. */
function escalation(
  r: Random,
  model: GeneratorModel,
  ladder: NonNullable<GeneratorVocabulary['escalation']>,
  t: PlainDate,
  line: Timeline,
): PlainDate {
  let day = t;
  for (const stage of ladder.stages) {
    line.emit(day, 'escalation_raised', { ladder: ladder.ladder, stage: stage.number });
    if (stage.referral) {
      day += r.int(20, 60);
      line.emit(day, 'escalation_resolved', { ladder: ladder.ladder });
      return day;
    }
    day += r.int(2, 20);
    const satisfactory = r.chance(model.satisfactoryShare);
    line.emit(day, 'escalation_response', { ladder: ladder.ladder, stage: stage.number, satisfactory });
    if (satisfactory) {
      day += r.int(0, 5);
      line.emit(day, 'escalation_resolved', { ladder: ladder.ladder });
      return day;
    }
    day += r.int(1, 5);
  }
  line.emit(day, 'escalation_resolved', { ladder: ladder.ladder });
  return day;
}

/** Children `first` .. `first + count - 1` of a caseload (all of them by default), in order. */
export function* generateCaseload(options: GenerateOptions, first = 0, count = options.children - first): Generator<CaseInput> {
  const generator = createCaseGenerator(options);
  const end = Math.min(options.children, first + count);
  for (let k = first; k < end; k++) yield generator.generate(k);
}
