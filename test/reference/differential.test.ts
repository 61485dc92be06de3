/**
 * The real evaluator against the reference evaluator (test/reference/reference-evaluator.ts and
 * reference-rules.ts, written from docs/language.md), every part of the result field by field.
 *
 * Input: seeded random policies generated as PDL text over a small fixed vocabulary (events with
 * date, enum, boolean, role and optional attributes, one `supersedes earlier`, the three escalation
 * events; enum, boolean, number and date facts; three roles in a reporting line) with 1-4 deadlines
 * and cycles (random anchors, units, amounts, `before`, alignment, time, `when`, `met by ... where`,
 * several anchor events, `whichever is sooner|later`, windows (`between ... and ...`, `earliest`),
 * cycle steps first/second/then with conditions, `restarts on [where]`, `until [where]`, `notify`), 0-2 duties (after
 * an event with `where`, or for each occurrence of a cycle; bound by an attribute, by the date of
 * birth, by the next event, or none; wording, `when`, `notify`), 0-2 orders (`where` on both steps,
 * `within`, `when`, `owner`), and 0-2 each of
 * approvals (`request ... where`, `approved by ... [or above]`, `notice`, `requires ... where`),
 * limits (per case or per cycle, `where`), constraints, ladders (1-4 stages with titles, copies, stage
 * raisers and conditions, a referral with copies that may stop the clock, and
 * citations, a referral, bypass, an overall limit, `advance when`, `notify`) and criteria (any/all/
 * none of conditions on age, today, facts and counts); now and then `matched by ref` on an approval,
 * an order, a ladder, a deadline or a duty (every event declares an optional `ref`, and the generated
 * approval sequences and escalation chains mostly share one). Conditions also read facts set by events
 * (`set by EVENT.attribute`, `set by EVENT to VALUE`), `days since the last EVENT` and `EVENT.date`. Templates use `{{#if}}`, `{{#unless}}` and text
 * that HTML-escaping changes. The real compiler compiles them (so only valid policies are used).
 * Seeded random cases for each, with approval sequences (request, required steps, decision close
 * together) and escalation chains (raises, skipped stages, responses, resolutions, an undeclared
 * ladder now and then); several as-of dates per case. Also the policies in policies/ with generated
 * cases from their own vocabulary.
 * Output: assertions that obligations, superseded obligations, duties, violations, escalations,
 * criteria, notifications and notices agree (see real-side.ts for the fields), and that each thing
 * compared occurs often enough to mean something (every status, `early` included, every duty status,
 * windows, obligations of a second anchor type and of `whichever`, duties per cycle and their
 * notifications, duties of a rearranged meeting, every kind of violation, `order` included, and
 * escalation status, both results of criteria, both kinds of notification, every kind of notice
 * compared).
 *
 * Deterministic: fixed seeds, the project's seeded random, no clock; a fixed number of runs.
 */
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFileHost } from '../../cli/file-host.ts';
import { filesBelow } from '../../cli/files-below.ts';
import { compileToIr } from '../../compiler/index.ts';
import { formatPlainDate, fromYmd, parsePlainDate, preparePolicy } from '../../runtime/index.ts';
import type { CompiledPolicy, IrType, NormalizedCase, PolicyIR } from '../../runtime/index.ts';
import { createRandom, hashSeed } from '../../simulation/index.ts';
import { dueFrom } from './reference-evaluator.ts';
import { NOTICES_COMPARED, referenceEvaluateAll } from './reference-rules.ts';
import { realSide, sortedNotifications } from './real-side.ts';


const SEED = 20261204;
const POLICIES = 80;
const CASES_PER_POLICY = 6;
const AS_OF_PER_CASE = 3;
const CASES_PER_REPOSITORY_POLICY = 100;

/** A seeded stream of numbers in [0, 1): the project's seeded random (simulation/caseload/random.ts). */
function rng(seed: number): () => number {
  const random = createRandom(hashSeed(seed), 0);
  return () => random.next();
}

type Rand = () => number;

/**
 * A second stream for the ladder parts added after the others (stage raisers and conditions, referral
 * copies and `stops the clock`, who raised a stage): drawing them from the main stream would change
 * every policy and case generated after them.
 */
const side: Rand = rng(7_919);
const int = (r: Rand, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
const chance = (r: Rand, p: number): boolean => r() < p;
/**
 * A second stream for the choices added with facts over time (`set by`, `days since the last`,
 * `EVENT.date`, `until`/`restarts on ... where`), so that the main stream, and with it every other
 * generated policy and case, stays as it was. Reset with the main stream.
 */
let stateSide: Rand = rng(SEED + 7);
/** Its own stream for orders after an approval's decision, so that adding them moved no other draw. */
let orderSide: Rand = rng(SEED + 11);

// ---- random policies ----

const VOCABULARY = `policy ref.random
  title   "Random policy <for> the reference & 'evaluator'"
  version "1=a"

role worker "Worker" reports to manager
role manager "Manager" reports to head
role head "Head"

fact level "Level": enum(low, mid, high)
fact flagged? "Flagged": boolean
fact score? "Score": number
fact closure? "Closure": date
fact phase? "Phase": enum(a, b) set by start.kind
fact watched? "Watched": boolean set by move to true or stop to false

event start "Start" { kind: enum(a, b), ref?: text }
event stop "Stop" { ref?: text }
event move "Move" { planned: boolean, ref?: text }
event visit "Visit" { by: role, ok?: boolean, ref?: text }
event check "Check" { grade: enum(x, y, z), ref?: text }
event booked "Booked" { for: date, ref?: text } supersedes earlier
event petition "Petition" { by: role, meeting?: date, ref?: text }
event ruling "Ruling" { by: role, ref?: text }
event talk "Talk" { with: role, ref?: text }
event escalation_raised "Raised" { ladder: text, stage: number, by?: role, ref?: text }
event escalation_response "Response" { ladder: text, stage: number, satisfactory: boolean, ref?: text }
event escalation_resolved "Resolved" { ladder: text, ref?: text }
`;

/**
 * Keys draw from a stream of their own (`KEYS`, and one per case in `randomCase`), so that adding them
 * left the policies and cases drawn from the main stream as they were.
 */
const KEYS = rng(SEED + 1);

/** `matched by ref` (every event of the vocabulary declares an optional `ref`), now and then. */
const matchedBy = (lines: string[]): void => {
  if (chance(KEYS, 0.3)) lines.push('  matched by ref');
};

const EVENT_NAMES = ['start', 'stop', 'move', 'visit', 'check', 'booked'] as const;

function duration(r: Rand): string {
  const unit = pick(r, ['working days', 'days', 'weeks', 'months', 'years']);
  const amount = unit === 'years' ? int(r, 0, 2) : unit === 'months' ? int(r, 0, 7) : int(r, 0, 30);
  return `${amount} ${unit}`;
}

/** A condition that reads no event (facts, age, count, today). */
function plainCondition(r: Rand, depth = 0): string {
  const roll = int(r, 0, depth > 1 ? 7 : 10);
  switch (roll) {
    case 0: return `age under ${int(r, 1, 18)}`;
    case 1: return `age ${int(r, 1, 18)} or over`;
    case 2: return `age ${pick(r, ['<', '<=', '>', '>=', '=', '!='])} ${int(r, 0, 18)}`;
    case 3: return `level is ${pick(r, ['low', 'mid', 'high'])}`;
    case 4: return `level ${pick(r, ['in', 'not in'])} (${pick(r, ['low', 'mid'])}, high)`;
    case 5: return pick(r, ['flagged', 'not flagged', 'flagged = false']);
    case 6: return `score ${pick(r, ['<', '>=', '=', '!='])} ${int(r, 0, 5)}`;
    case 7: {
      // counts, and facts over time: set by events, and days since the last event (from the stateSide stream)
      const event = pick(r, EVENT_NAMES);
      const n = int(r, 1, 3);
      switch (int(stateSide, 0, 5)) {
        case 0:
        case 1:
        case 2: return `count(${event}) >= ${n}`;
        case 3: return `days since the last ${event} ${pick(stateSide, ['<', '<=', '>', '>=', '=', '!='])} ${int(stateSide, 0, 60)}`;
        case 4: return pick(stateSide, ['watched', 'not watched', 'watched = false']);
        default: return `phase ${pick(stateSide, ['is', 'is not'])} ${pick(stateSide, ['a', 'b'])}`;
      }
    }
    case 8: return `(${plainCondition(r, depth + 1)}) ${pick(r, ['and', 'or'])} (${plainCondition(r, depth + 1)})`;
    case 9: return `not (${plainCondition(r, depth + 1)})`;
    default: return `child.dob ${pick(r, ['<=', '>'])} ${int(r, 1, 15)} years before today`;
  }
}

/** A condition that may also read attributes of `event` (the focus event). */
function condition(r: Rand, event: string | undefined): string {
  if (event === undefined || chance(r, 0.4)) return plainCondition(r);
  if (chance(stateSide, 0.1)) return `${event}.date ${pick(stateSide, ['<', '>='])} ${int(stateSide, 1, 15)} years after child.dob`;
  switch (event) {
    case 'start': return `start.kind is ${pick(r, ['a', 'b'])}`;
    case 'move': return pick(r, ['move.planned', 'not move.planned']);
    case 'visit': return pick(r, ['visit.by is manager', 'visit.by in (worker, manager)', 'visit.ok', 'visit.ok = false', `visit.by is worker and (${plainCondition(r)})`]);
    case 'check': return `check.grade ${pick(r, ['is', 'is not'])} ${pick(r, ['x', 'y', 'z'])}`;
    case 'booked': return `booked.for ${pick(r, ['<=', '>'])} ${int(r, 0, 3)} months after today`;
    default: return plainCondition(r);
  }
}

function duePrefix(r: Rand): string {
  let s = '';
  if (chance(r, 0.2)) s += `by ${pick(r, ['09:30', '12:00', '17:00'])} `;
  if (chance(r, 0.2)) s += `on the ${pick(r, ['Monday', 'Wednesday', 'Friday', 'Sunday'])} on or ${pick(r, ['before', 'after'])} `;
  return s;
}

function metBy(r: Rand, exclude: readonly string[]): string {
  const candidates = EVENT_NAMES.filter((e) => !exclude.includes(e));
  const first = pick(r, candidates);
  const second = chance(r, 0.25) ? pick(r, candidates) : first;
  const events = second === first ? first : `${first} or ${second}`;
  const where = chance(r, 0.4) ? ` where ${condition(r, first)}` : '';
  return `met by ${events}${where}`;
}

/** A duration of at least 1 (windows and `within` of orders take no 0). */
function positiveDuration(r: Rand): string {
  const unit = pick(r, ['working days', 'days', 'weeks', 'months']);
  return `${unit === 'months' ? int(r, 1, 4) : int(r, 1, 30)} ${unit}`;
}

const ANCHORS = ['start', 'move', 'visit', 'check', 'booked.for', 'child.dob', 'petition.meeting'] as const;

function offsetOf(r: Rand, anchor: string): string {
  return chance(r, 0.3) ? `at least ${duration(r)} before ${anchor}` : chance(r, 0.5) ? `within ${duration(r)} of ${anchor}` : `${duration(r)} after ${anchor}`;
}

/**
 * A deadline of one of four forms: one anchor; several anchor events (`of a or b`); several due
 * dates, `whichever is sooner|later`; a window (`between D1 before and D2 after ...`, or
 * `..., earliest D before`).
 */
function deadline(r: Rand, id: string): string {
  const form = pick(r, ['one', 'one', 'one', 'anchors', 'whichever', 'window', 'window']);
  let anchor: string = pick(r, ANCHORS);
  let anchorEvents: string[] = anchor === 'child.dob' ? [] : [anchor.split('.')[0] as string];
  let due: string;
  if (form === 'anchors') {
    const events = ['start', 'move', 'visit', 'check'].filter(() => chance(r, 0.6));
    if (events.length < 2) events.splice(0, events.length, 'start', pick(r, ['move', 'check']));
    anchor = events.join(' or ');
    anchorEvents = events;
    due = `${duePrefix(r)}${chance(r, 0.5) ? `within ${duration(r)} of` : `${duration(r)} after`} ${anchor}`;
  } else if (form === 'whichever') {
    const others: string[] = [];
    for (let i = 0, m = int(r, 1, 2); i < m; i++) others.push(offsetOf(r, pick(r, ANCHORS)));
    due = `${duePrefix(r)}${offsetOf(r, anchor)} or ${others.join(' or ')}, whichever is ${pick(r, ['sooner', 'later'])}`;
  } else if (form === 'window') {
    const offset = chance(r, 0.5) ? `${duration(r)} after ${anchor}` : `at least ${duration(r)} before ${anchor}`;
    due = chance(r, 0.6) ? `between ${positiveDuration(r)} before and ${positiveDuration(r)} after ${offset}` : `${offset}, earliest ${positiveDuration(r)} before`;
  } else due = `${duePrefix(r)}${offsetOf(r, anchor)}`;
  const lines = [`deadline ${id} "Deadline ${id} & <co>"`, '  owner worker', `  due ${due}`];
  if (chance(r, 0.4)) lines.push(`  when ${condition(r, anchorEvents.length === 1 ? anchorEvents[0] : undefined)}`);
  lines.push(`  ${metBy(r, anchorEvents)}`);
  lines.push(...matching(id, anchorEvents));
  if (anchorEvents.length > 0) matchedBy(lines);
  if (chance(r, 0.3)) lines.push(`  ${notify(r, OBLIGATION_FIELDS)}`);
  lines.push(`  cite "${id} 'cited'"`);
  return lines.join('\n');
}

/**
 * The matching window and limited anchors of a deadline ("Matching window", "Repeated events"), drawn
 * from a stream of their own (so the rest of the random policies stay as they were): now and then
 * `counting from` its anchor or `the previous` event or date attribute, and `up to the limit` of a
 * limit on its anchor event, declared by `randomPolicyText` (`CAPPED`). Without the clause, a
 * deadline `at least D before booked.for` or `petition.meeting` exercises the default.
 */
function matching(id: string, anchorEvents: readonly string[]): string[] {
  const r = rng(SEED + hashText(id) + anchorEvents.length * 7919 + (matchingDraws++));
  const lines: string[] = [];
  const roll = r();
  if (roll < 0.15 && anchorEvents.length > 0) lines.push(`  counting from ${pick(r, anchorEvents)}`);
  else if (roll < 0.45) lines.push(`  counting from the previous ${pick(r, ['start', 'move', 'visit', 'check', 'booked', 'booked.for', 'petition.meeting'])}`);
  if (anchorEvents.length > 0 && chance(r, 0.35)) {
    const event = pick(r, anchorEvents);
    lines.push(`  up to the limit cap_${id}`);
    CAPPED.push({ id: `cap_${id}`, event, max: int(r, 0, 2), perCycle: chance(r, 0.6) });
  }
  return lines;
}

/** Limits that `up to the limit` names, declared after the rules (per case, or per a cycle when there is one). */
const CAPPED: { id: string; event: string; max: number; perCycle: boolean }[] = [];
let matchingDraws = 0;
const hashText = (t: string): number => [...t].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) % 1_000_003, 7);

/** A duty: after an event (with `where`) or for each occurrence of a cycle; a bound or none; wording; `when`; `notify`. */
function duty(r: Rand, id: string, cycles: readonly string[]): string {
  const lines = [`duty ${id} "Duty ${id}"`, '  owner worker'];
  let trigger: string | undefined;
  if (cycles.length > 0 && chance(r, 0.3)) lines.push(`  for each ${pick(r, cycles)}`);
  else {
    trigger = pick(r, ['start', 'move', 'visit', 'check', 'booked', 'petition']);
    lines.push(`  after ${trigger}${chance(r, 0.3) ? ` where ${condition(r, trigger)}` : ''}`);
  }
  const bounds = [`by the next ${pick(r, EVENT_NAMES)}`, `before ${int(r, 1, 18)} years after child.dob`];
  if (trigger === 'booked') bounds.push('before booked.for', `before ${duration(r)} before booked.for`);
  if (trigger === 'petition') bounds.push('before petition.meeting');
  const roll = int(r, 0, 4);
  if (roll > 0) lines.push(`  ${roll >= 3 && bounds.length > 2 ? pick(r, bounds.slice(2)) : pick(r, bounds)}`);
  if (chance(r, 0.5)) lines.push(`  wording "${pick(r, ['as soon as practicable', 'at the earliest opportunity'])}"`);
  lines.push(`  ${metBy(r, trigger === undefined ? [] : [trigger])}`);
  if (trigger !== undefined) matchedBy(lines);
  if (chance(r, 0.3)) lines.push(`  when ${condition(r, trigger)}`);
  lines.push(`  cite "${id}"`);
  if (chance(r, 0.3)) lines.push(`  ${notify(r, OBLIGATION_FIELDS)}`);
  return lines.join('\n');
}

/** An order of steps: `step` and `after` events with `where`, `within`, `when`, `owner`. */
function order(r: Rand, id: string): string {
  const step = pick(r, ['petition', 'visit', 'check', 'move', 'talk']);
  const usual = pick(r, ['talk', 'visit', 'check', 'start', 'move']);
  // Now and then `ruling`, an approval's decision: a step after it that rules are measured from can be
  // missing (notice/approved-step-not-recorded). Drawn from a stream of its own, with its `where`, so
  // that the other streams, and every other policy, stay as they were.
  const afterRuling = chance(orderSide, 0.6);
  const after = afterRuling ? 'ruling' : usual;
  const lines = [`order ${id} "Order ${id}"`];
  if (chance(r, 0.5)) lines.push('  owner worker');
  // An order of an event after itself needs a `where` (pdl/order-of-itself); tested against the usual
  // event, so that the draws stay the same when `ruling` replaces it.
  const stepWhere = step === usual || chance(r, 0.3) ? ` where ${condition(r, step)}` : '';
  // The usual event's `where` is drawn even when `ruling` replaces it, so that the main stream moves as before.
  const usualWhere = chance(r, 0.3) ? condition(r, usual) : undefined;
  const rulingWhere = (): string => pick(orderSide, ['ruling.by is manager', 'ruling.by in (manager, head)', 'not (ruling.by is worker)']);
  const afterWhere = usualWhere === undefined ? '' : ` where ${afterRuling ? rulingWhere() : usualWhere}`;
  lines.push(`  step ${step}${stepWhere}`, `  after ${after}${afterWhere}`);
  if (chance(r, 0.4)) lines.push(`  within ${positiveDuration(r)}`);
  if (chance(r, 0.3)) lines.push(`  when ${condition(r, step)}`);
  matchedBy(lines);
  lines.push(`  cite "${id}"`);
  return lines.join('\n');
}

function cycle(r: Rand, id: string): string {
  const starts = chance(r, 0.3) ? ['start', 'check'] : ['start'];
  const until = chance(r, 0.8) ? ` until stop${chance(stateSide, 0.1) ? ` where ${condition(stateSide, 'stop')}` : ''}` : '';
  const lines = [`cycle ${id} "Cycle ${id}"`, '  owner manager', `  runs from ${starts.join(' or ')}${until}`];
  const restarts = chance(r, 0.4);
  if (restarts) lines.push(`  restarts on move${chance(stateSide, 0.12) ? ` where ${condition(stateSide, 'move')}` : ''}`);
  const met = pick(r, ['visit', 'booked', 'visit or move', 'visit or stop']);
  const stepWhen = (): string => (chance(r, 0.3) ? ` when ${plainCondition(r)}` : '');
  lines.push(`  first ${duePrefix(r)}within ${duration(r)} of ${starts[0]}${stepWhen()} cite "${id} first"`);
  if (chance(r, 0.5)) lines.push(`  second within ${duration(r)} of the previous ${met.split(' ')[0]}${stepWhen()}`);
  if (chance(r, 0.8)) {
    if (chance(r, 0.4)) {
      const n = int(r, 3, 12);
      lines.push(`  then within ${duration(r)} of the previous ${met.split(' ')[0]} when age under ${n}`);
      lines.push(`  then within ${duration(r)} of the previous ${met.split(' ')[0]} when age ${n} or over`);
    } else lines.push(`  then within ${duration(r)} of the previous ${met.split(' ')[0]}${stepWhen()}`);
  }
  if (chance(r, 0.3)) lines.push(`  when ${condition(r, 'start')}`.replace(/when (.*)/, (_m, c: string) => (starts.length > 1 && c.includes('start.') ? 'when level is high' : `when ${c}`)));
  const where = chance(r, 0.4) ? ` where ${condition(r, met.split(' ')[0])}` : '';
  lines.push(`  met by ${met}${where}`);
  if (chance(r, 0.3)) lines.push(`  ${notify(r, OBLIGATION_FIELDS)}`);
  lines.push(`  cite "${id}"`);
  return lines.join('\n');
}

// Notification fields, from the table of docs/language.md ("Notifications").
const COMMON_FIELDS = ['case.id', 'child.dob', 'policy.id', 'policy.title', 'policy.version', 'asOf', 'rule.id', 'rule.title', 'rule.citation'];
const OBLIGATION_FIELDS = [...COMMON_FIELDS, 'obligation.occurrence', 'obligation.due', 'obligation.dueTime', 'obligation.owner', 'obligation.status', 'obligation.anchor.event', 'obligation.anchor.date'];
const LADDER_FIELDS = [...COMMON_FIELDS, 'ladder.id', 'ladder.title', 'stage.number', 'stage.title', 'stage.due', 'stage.raisedOn', 'stage.respondents', 'stage.copied'];

function template(r: Rand, fields: readonly string[]): string {
  const parts: string[] = [];
  const n = int(r, 1, 4);
  for (let i = 0; i < n; i++) {
    const f = pick(r, fields);
    const roll = int(r, 0, 5);
    if (roll === 0) parts.push(`{{#if ${f}}}[${f}: {{${f}}}]{{/if}}`);
    else if (roll === 1) parts.push(`{{#unless ${f}}}no ${f}{{/unless}}`);
    else parts.push(`${pick(r, ['', '<b>', 'on ', '& '])}{{${f}}}`);
  }
  return parts.join(' ');
}

function notify(r: Rand, fields: readonly string[]): string {
  return `notify "${template(r, fields)}"${chance(r, 0.5) ? ` body "${template(r, fields)}"` : ''}`;
}

function approval(r: Rand, id: string): string {
  const lines = [`approval ${id} "Approval ${id}"`];
  const where = pick(r, ['', ' where petition.by is worker', ' where petition.by in (worker, manager)', ' where petition.meeting > 10 days after child.dob', ` where ${plainCondition(r)}`]);
  lines.push(`  request petition${where}`, '  decision ruling');
  lines.push(`  approved by ${pick(r, ['manager', 'head', 'manager or above', 'worker or above', 'head or worker', 'manager or head'])}`);
  if (chance(r, 0.5)) lines.push(`  notice ${pick(r, [`at least ${duration(r)} before petition.meeting`, `${duration(r)} before petition.meeting`, `within ${duration(r)} of petition`, `at least ${duration(r)} before petition`])}`);
  const requires = int(r, 0, 2);
  for (let i = 0; i < requires; i++) lines.push(`  requires ${pick(r, ['talk', 'talk where talk.with is manager', 'talk where talk.with in (head, worker)', 'visit', 'check where check.grade is x'])}`);
  matchedBy(lines);
  lines.push(`  cite "${id}"`);
  return lines.join('\n');
}

const LIMITED = ['move', 'visit', 'check', 'booked', 'petition', 'talk'] as const;

function limit(r: Rand, id: string, cycles: readonly string[]): string {
  const event = pick(r, LIMITED);
  const where = chance(r, 0.4) ? ` where ${condition(r, event)}` : '';
  const per = cycles.length > 0 && chance(r, 0.6) ? pick(r, cycles) : 'case';
  return [`limit ${id} "Limit ${id}"`, `  at most ${int(r, 0, 3)} ${event}${where} per ${per}`, `  cite "${id}"`].join('\n');
}

function constraint(r: Rand, id: string, cycle: string): string {
  return [`constraint ${id} "Constraint ${id}"`, `  each ${pick(r, ['booked.for', 'petition.meeting'])} on or before the due date of ${cycle}`, `  cite "${id}"`].join('\n');
}

function ladder(r: Rand, id: string): string {
  const lines = [`ladder ${id} "Ladder ${id} <&>"`, `  raised by ${pick(r, ['worker', 'worker, manager'])}`];
  if (chance(r, 0.4)) lines.push(`  stages may be ${pick(r, ['bypassed', 'conflated'])}`);
  const capped = chance(r, 0.5);
  if (capped) lines.push(`  in total at most ${pick(r, [`${int(r, 5, 40)} days`, `${int(r, 3, 25)} working days`, `${int(r, 1, 2)} months`])}${chance(r, 0.5) ? ' cite "cap"' : ''}`);
  // Now and then a stage names its raisers, or holds only for some cases (facts, age, counts).
  const raisers = (): string => (chance(side, 0.25) ? ` raised by ${pick(side, ['manager', 'head', 'worker, head'])}` : '');
  const when = (): string => (chance(side, 0.25) ? ` when ${pick(side, ['flagged', 'not flagged', 'age >= 9', 'level is high or score > 3', 'count(visit) >= 1'])}` : '');
  const n = int(r, 1, 4);
  // Stage numbers are increasing, now and then with gaps (1, 3, 4).
  const gaps = chance(r, 0.25);
  let number = 0;
  for (let k = 1; k <= n; k++) {
    number += gaps ? int(r, 1, 2) : 1;
    const title = chance(r, 0.4) ? ` "Stage ${number} 'title'"` : '';
    const alert = pick(r, ['worker', 'manager', 'worker, manager', 'head']);
    const copy = chance(r, 0.3) ? ` copy ${pick(r, ['head', 'worker, head'])}` : '';
    const within = pick(r, [`${int(r, 0, 10)} working days`, `${int(r, 1, 14)} days`, `${int(r, 1, 2)} weeks`]);
    lines.push(`  stage ${number}${title}${raisers()} alert ${alert}${copy} respond within ${within}${when()}${chance(r, 0.5) ? ` cite "s${number}"` : ''}`);
  }
  if (chance(r, 0.4)) {
    const copy = chance(side, 0.4) ? ` copy ${pick(side, ['worker', 'manager, worker'])}` : '';
    const stops = capped && chance(side, 0.6) ? ' stops the clock' : '';
    lines.push(`  stage ${number + 1} "Referral"${raisers()} refer to head${copy}${stops}${when()} cite "referral"`);
  }
  if (chance(r, 0.6)) lines.push(`  advance when ${pick(r, ['late', 'unsatisfactory', 'late or unsatisfactory'])}`);
  if (chance(r, 0.5)) lines.push(`  ${notify(r, LADDER_FIELDS)}`);
  matchedBy(lines);
  lines.push(`  cite "${id}"`);
  return lines.join('\n');
}

function criterion(r: Rand, id: string): string {
  const lines = [`criteria ${id} "Criteria ${id}"`, `  ${pick(r, ['any', 'all', 'none'])} of`];
  const n = int(r, 1, 4);
  for (let k = 1; k <= n; k++) {
    const c = pick(r, [
      plainCondition(r),
      'closure >= today and closure <= 3 months after today',
      `count(visit where visit.by is ${pick(r, ['worker', 'manager'])}) >= ${int(r, 1, 2)}`,
      `count(check where check.grade in (x, y)) ${pick(r, ['>=', '<', '='])} ${int(r, 0, 2)}`,
      `age ${pick(r, ['under', '>='])} ${int(r, 2, 17)}`,
      `closure < ${int(r, 1, 20)} weeks before today`,
    ]);
    lines.push(`    "condition ${k}": ${c}`);
  }
  lines.push(`  cite "${id}"`);
  return lines.join('\n');
}

function randomPolicyText(r: Rand): string {
  const n = int(r, 1, 4);
  const rules: string[] = [];
  CAPPED.length = 0;
  const cycles: string[] = [];
  for (let i = 1; i <= n; i++) {
    if (chance(r, 0.5)) rules.push(deadline(r, `rule_${i}`));
    else {
      rules.push(cycle(r, `rule_${i}`));
      cycles.push(`rule_${i}`);
    }
  }
  for (let i = 1, m = pick(r, [0, 0, 1, 2]); i <= m; i++) rules.push(approval(r, `approval_${i}`));
  for (let i = 1, m = pick(r, [0, 1, 2]); i <= m; i++) rules.push(limit(r, `limit_${i}`, cycles));
  if (cycles.length > 0) for (let i = 1, m = pick(r, [0, 1, 1, 2]); i <= m; i++) rules.push(constraint(r, `constraint_${i}`, pick(r, cycles)));
  for (let i = 1, m = pick(r, [0, 1, 1, 2]); i <= m; i++) rules.push(ladder(r, `ladder_${i}`));
  for (let i = 1, m = pick(r, [0, 1, 2]); i <= m; i++) rules.push(criterion(r, `criteria_${i}`));
  for (let i = 1, m = pick(r, [0, 1, 1, 2]); i <= m; i++) rules.push(order(r, `order_${i}`));
  for (let i = 1, m = pick(r, [0, 1, 1, 2]); i <= m; i++) rules.push(duty(r, `duty_${i}`, cycles));
  for (const c of CAPPED) {
    const per = c.perCycle && cycles.length > 0 ? (cycles[c.max % cycles.length] as string) : 'case';
    rules.push([`limit ${c.id} "Limit ${c.id}"`, `  at most ${c.max} ${c.event} per ${per}`, `  cite "${c.id}"`].join('\n'));
  }
  return `${VOCABULARY}\n${rules.join('\n\n')}\n`;
}

// ---- random cases from an IR's vocabulary ----

const EARLIEST = fromYmd(2024, 1, 1);
const SPAN = 700;

function randomValue(r: Rand, type: IrType, roles: readonly string[], near: number): unknown {
  switch (type.kind) {
    case 'date': return formatPlainDate(near + int(r, -10, 120));
    case 'boolean': return chance(r, 0.5);
    case 'number': return int(r, 0, 5);
    case 'text': return pick(r, ['a', 'b']);
    case 'role': return pick(r, roles);
    case 'enum': return pick(r, type.values);
  }
}

function randomCase(r: Rand, ir: PolicyIR, id: string): Record<string, unknown> {
  const roles = ir.roles.map((x) => x.name);
  /** The case's keys: `ref` values, from their own stream (see `KEYS`). */
  const kr = rng(SEED + 2 + [...id].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) % 1_000_003, 0));
  const hasRef = (name: string): boolean => ir.events.some((x) => x.name === name && x.attributes.some((a) => a.name === 'ref'));
  const facts: Record<string, unknown> = {};
  for (const f of ir.facts) {
    const q = f.setBy === undefined ? r : stateSide; // the facts set by events draw from the stateSide stream
    if (!f.optional || chance(q, 0.7)) facts[f.name] = randomValue(q, f.type, roles, EARLIEST + int(q, 0, SPAN));
  }
  // Some event types are frequent on a case, the rest rare, so that runs and anchors both occur.
  // Escalation events come in chains of their own (below), not one by one.
  const pool = ir.events.filter((e) => !e.name.startsWith('escalation_'));
  const usual = pool.filter(() => chance(r, 0.5));
  const events: Record<string, unknown>[] = [];
  const n = int(r, 0, 18);
  for (let i = 0; i < n; i++) {
    const ev = pick(r, usual.length > 0 && chance(r, 0.8) ? usual : pool);
    const date = EARLIEST + int(r, 0, SPAN);
    const e: Record<string, unknown> = { type: ev.name, date: formatPlainDate(date) };
    for (const a of ev.attributes) if (a.name !== 'ref' && (!a.optional || chance(r, 0.6))) e[a.name] = randomValue(r, a.type, roles, date);
    if (hasRef(ev.name) && chance(kr, 0.6)) e['ref'] = pick(kr, ['a', 'b']);
    events.push(e);
  }
  // A later event on (or the day before) the date an earlier one's date attribute names: the edge of
  // `supersedes earlier`, which uniform dates almost never hit.
  for (const e of [...events]) {
    const ev = ir.events.find((x) => x.name === e.type);
    const attr = ev?.attributes.find((a) => a.type.kind === 'date' && e[a.name] !== undefined);
    if (ev === undefined || attr === undefined || !chance(r, 0.5)) continue;
    const on = (e[attr.name] as string) < (e.date as string) ? (e.date as string) : (e[attr.name] as string);
    const copy: Record<string, unknown> = { ...e, date: chance(r, 0.6) ? on : e.date };
    copy[attr.name] = formatPlainDate(EARLIEST + int(r, 0, SPAN + 120));
    events.push(copy);
  }
  // Approvals: a request, the steps it requires, a decision, close together (uniform dates seldom are).
  const eventOf = (name: string, date: number, set: Record<string, unknown> = {}): Record<string, unknown> => {
    const e: Record<string, unknown> = { type: name, date: formatPlainDate(date) };
    for (const a of ir.events.find((x) => x.name === name)?.attributes ?? []) if (a.name !== 'ref' && (!a.optional || chance(r, 0.7))) e[a.name] = randomValue(r, a.type, roles, date);
    // A `ref` only where the event declares one (the repository's policies' events mostly do not).
    const { ref, ...rest } = set;
    return { ...e, ...rest, ...(ref !== undefined && hasRef(name) ? { ref } : {}) };
  };
  if (ir.approvals.length > 0) {
    for (let i = 0, m = int(r, 0, 3); i < m; i++) {
      const a = pick(r, ir.approvals);
      const d = EARLIEST + int(r, 0, SPAN);
      // One reference for the request, its steps and its decision (now and then another, or none).
      const ref = (): Record<string, unknown> => (chance(kr, 0.8) ? { ref: `r${i}` } : chance(kr, 0.5) ? { ref: 'a' } : {});
      if (chance(r, 0.85)) events.push(eventOf(a.request.event, d, ref()));
      for (const req of a.requires) if (chance(r, 0.6)) events.push(eventOf(req.event, d + int(r, -2, 12), ref()));
      const by = chance(r, 0.6) ? pick(r, a.approvers) : pick(r, roles);
      events.push(eventOf(a.decision.event, d + int(r, 0, 15), { [a.decision.byAttribute]: by, ...ref() }));
    }
  }
  // Escalations: chains of raised stages, responses and resolutions of the policy's ladders (and, now
  // and then, of a ladder or stage the policy does not have).
  if (ir.ladders.length > 0 && ir.events.some((e) => e.name === 'escalation_raised')) {
    const chains = int(r, 0, 3);
    if (chains === 0 && chance(r, 0.3)) {
      // A response when nothing was raised at all.
      const l = pick(r, ir.ladders);
      events.push({ type: 'escalation_response', date: formatPlainDate(EARLIEST + int(r, 0, SPAN)), ladder: l.id, stage: l.stages[0]?.number ?? 1, satisfactory: true });
    }
    for (let i = 0; i < chains; i++) {
      const l = pick(r, ir.ladders);
      const name = chance(r, 0.1) ? 'no_such_ladder' : l.id;
      let d = EARLIEST + int(r, 0, SPAN);
      // One reference per chain (its dispute), now and then another or none.
      const ref = (): Record<string, unknown> => (!hasRef('escalation_raised') ? {} : chance(kr, 0.85) ? { ref: `d${i}` } : chance(kr, 0.5) ? { ref: 'a' } : {});
      // Stages by their position in the ladder: mostly the next, sometimes one skipped or the same
      // again, now and then a number the ladder does not have.
      const numbers = l.stages.map((st) => st.number);
      const undeclared = (numbers[numbers.length - 1] ?? 0) + 1;
      let at = chance(r, 0.85) ? 0 : 1;
      for (let k = 0, steps = int(r, 1, 4); k < steps && at < numbers.length; k++) {
        const stage = chance(r, 0.05) ? undeclared : (numbers[at] as number);
        const canSay = ir.events.find((e) => e.name === 'escalation_raised')?.attributes.some((a) => a.name === 'by') === true;
        const by = canSay && chance(side, 0.3) ? { by: pick(side, [...l.raisedBy, ...l.stages.flatMap((st) => st.raisedBy ?? []), ...l.stages.flatMap((st) => st.alert)]) } : {};
        events.push({ type: 'escalation_raised', date: formatPlainDate(d), ladder: name, stage, ...by, ...ref() });
        if (chance(r, 0.6)) events.push({ type: 'escalation_response', date: formatPlainDate(d + int(r, 0, 12)), ladder: name, stage: chance(r, 0.05) ? undeclared : stage, satisfactory: chance(r, 0.5), ...ref() });
        d += int(r, 0, 12);
        at += chance(r, 0.1) ? 0 : chance(r, 0.2) ? 2 : 1;
      }
      if (chance(r, 0.5)) events.push({ type: 'escalation_resolved', date: formatPlainDate(d + int(r, 0, 20)), ladder: name, ...ref() });
    }
  }
  // Two events on the same day, now and then (order of input matters then), and now and then the
  // same record entered twice (the repeat is not considered, with a notice).
  if (events.length > 1 && chance(r, 0.3)) (events[1] as Record<string, unknown>).date = (events[0] as Record<string, unknown>).date;
  if (events.length > 0 && chance(r, 0.1)) events.push({ ...(pick(r, events) as Record<string, unknown>) });
  // Now and then a date of birth after some events (they are considered, with a notice).
  const dob = chance(r, 0.05) && events.length > 0 ? parsePlainDate(String((pick(r, events) as Record<string, unknown>).date))! : fromYmd(int(r, 2006, 2023), int(r, 1, 12), int(r, 1, 28));
  return { id, child: { dob: formatPlainDate(dob) }, facts, events };
}

// ---- comparison ----

const PARTS = ['obligations', 'superseded', 'duties', 'violations', 'escalations', 'criteria', 'notifications', 'notices'] as const;

interface Tally {
  compared: number;
  obligations: number;
  superseded: number;
  /** Statuses seen, and obligations with occurrence > 1 (a test that sees only one kind proves little). */
  statuses: Set<string>;
  later: number;
  /** Duties by status, and obligations with a window (`earliest`). */
  dutyStatuses: Map<string, number>;
  windows: number;
  /** Obligations of deadlines with several anchors (`anchors`: of a type other than the first), of `whichever` (and those where another date than the first applied), `early` ones; duties per cycle; notifications of duties. */
  forms: Map<string, number>;
  /** Violations by kind, escalation statuses, criteria results, notifications: each must occur. */
  violationKinds: Map<string, number>;
  escalationStatuses: Map<string, number>;
  nextStageDue: number;
  capExceeded: number;
  criteriaResults: Set<boolean>;
  notifications: Map<string, number>;
  notices: Map<string, number>;
  mismatches: string[];
  /** Mismatches by part of the result, for the failure message. */
  mismatchedParts: Map<string, number>;
}

const newTally = (): Tally => ({
  compared: 0,
  obligations: 0,
  superseded: 0,
  statuses: new Set(),
  later: 0,
  dutyStatuses: new Map(),
  windows: 0,
  forms: new Map(),
  violationKinds: new Map(),
  escalationStatuses: new Map(),
  nextStageDue: 0,
  capExceeded: 0,
  criteriaResults: new Set(),
  notifications: new Map(),
  notices: new Map(),
  mismatches: [],
  mismatchedParts: new Map(),
});

const bump = <K>(m: Map<K, number>, k: K): void => {
  m.set(k, (m.get(k) ?? 0) + 1);
};

function compareOn(policy: CompiledPolicy, input: Record<string, unknown>, asOfs: readonly number[], tally: Tally, label: string): void {
  const v = policy.validate(input);
  if (!v.ok) throw new Error(`${label}: generated case rejected: ${JSON.stringify(v.errors.slice(0, 2))}`);
  const c: NormalizedCase = v.case;
  for (const asOf of asOfs) {
    const real = realSide(policy.evaluateNormalized(c, asOf));
    const ref = referenceEvaluateAll(policy.ir, c, asOf, policy.calendar);
    tally.compared++;
    tally.obligations += ref.obligations.length;
    tally.superseded += ref.superseded.length;
    for (const o of ref.obligations) {
      tally.statuses.add(o.status);
      if (o.occurrence > 1) tally.later++;
      if (o.earliest !== undefined) tally.windows++;
      const rule = policy.ir.rules.find((x) => x.id === o.rule);
      if (rule?.kind === 'deadline' && rule.alsoFrom !== undefined && rule.due.anchor.kind === 'event' && o.anchor.event !== rule.due.anchor.event) bump(tally.forms, 'anchors');
      if (rule?.kind === 'deadline' && rule.whichever !== undefined) {
        bump(tally.forms, 'whichever');
        // Another due date than the first one applied.
        if (o.due !== formatPlainDate(dueFrom(parsePlainDate(o.anchor.date) as number, rule.due, policy.calendar))) bump(tally.forms, 'whichever, another date');
      }
      if (o.status === 'early') bump(tally.forms, 'early');
      if (rule?.kind === 'deadline' && (rule.counting?.kind === 'previous' || (rule.counting === undefined && rule.due.anchor.kind === 'event_attribute' && rule.due.direction === 'before'))) bump(tally.forms, 'counting from the previous');
    }
    for (const o of ref.superseded) {
      const rule = policy.ir.rules.find((x) => x.id === o.rule);
      // An event anchor is never rearranged: superseded only for being beyond its limit.
      if (rule?.kind === 'deadline' && rule.upToLimit !== undefined && rule.due.anchor.kind === 'event') bump(tally.forms, 'beyond the limit');
      // A duty bounded by `booked.for`, its meeting rearranged.
      if (policy.ir.duties?.some((x) => x.id === o.rule)) bump(tally.forms, 'duty rearranged');
    }
    for (const o of ref.duties) {
      bump(tally.dutyStatuses, o.status);
      if (policy.ir.duties?.find((x) => x.id === o.rule)?.trigger.kind === 'cycle') bump(tally.forms, 'duty per cycle');
    }
    for (const n of ref.notifications) if (policy.ir.duties?.some((x) => x.id === n.rule)) bump(tally.forms, 'duty notification');
    for (const x of ref.violations) bump(tally.violationKinds, x.kind);
    for (const e of ref.escalations) {
      bump(tally.escalationStatuses, e.status);
      if (e.nextStageDue) tally.nextStageDue++;
      if (e.capExceeded) tally.capExceeded++;
      if (e.clockStoppedOn !== undefined) bump(tally.forms, 'clock stopped');
      const declared = policy.ir.ladders.find((l) => l.id === e.ladder)?.stages.find((st) => st.number === e.stage);
      if (declared !== undefined && e.copied.length < declared.copy.length) bump(tally.forms, 'copy left out');
    }
    for (const x of ref.violations) {
      // Raiser and condition violations cite the stage; only stages with a citation of their own tell.
      const l = x.kind === 'ladder' ? policy.ir.ladders.find((y) => y.id === x.rule) : undefined;
      const stage = l?.stages.find((st) => st.citation === x.citation && st.citation !== l.citation);
      if (stage?.raisedBy !== undefined || stage?.when !== undefined) bump(tally.forms, 'stage raiser or condition broken');
    }
    for (const x of ref.criteria) tally.criteriaResults.add(x.result);
    for (const n of ref.notifications) bump(tally.notifications, n.obligation === undefined ? 'escalation' : 'obligation');
    for (const n of ref.notices) bump(tally.notices, n.code);
    const differing = PARTS.filter((part) =>
      part === 'notifications' ? JSON.stringify(sortedNotifications(real[part])) !== JSON.stringify(sortedNotifications(ref[part])) : JSON.stringify(real[part]) !== JSON.stringify(ref[part]),
    );
    for (const part of differing) {
      bump(tally.mismatchedParts, part);
      tally.mismatches.push(`${label}\nas of ${formatPlainDate(asOf)}, ${part}\ncase: ${JSON.stringify(input)}\nreal: ${JSON.stringify(real[part])}\nref:  ${JSON.stringify(ref[part])}`);
    }
  }
}

/** As-of dates: uniform over the span, or now and then just after one of the case's events (when things are still open). */
function asOfDates(r: Rand, input: Record<string, unknown>): number[] {
  const events = input['events'] as readonly { readonly date: string }[];
  const out: number[] = [];
  for (let i = 0; i < AS_OF_PER_CASE; i++) {
    const near = events.length > 0 && chance(r, 0.4) ? parsePlainDate(pick(r, events).date) : undefined;
    out.push(near !== undefined ? near + int(r, 0, 6) : EARLIEST + int(r, 0, SPAN + 200));
  }
  return out;
}

describe('the real evaluator agrees with the reference evaluator', () => {
  it(`on ${POLICIES} random policies x ${CASES_PER_POLICY} random cases x ${AS_OF_PER_CASE} as-of dates`, () => {
    const r = rng(SEED);
    stateSide = rng(SEED + 7);
    orderSide = rng(SEED + 11);
    const tally = newTally();
    /** Rules with `matched by ref`, by kind: each kind must be generated, or the keys go untested. */
    const keyed = new Map<string, number>();
    const texts: string[] = [];
    for (let p = 0; p < POLICIES; p++) {
      const text = randomPolicyText(r);
      texts.push(text);
      const result = compileToIr(text, { uri: `random-${p}.pdl` });
      const errors = result.diagnostics.filter((d) => d.severity === 'error');
      if (result.ir === undefined || errors.length > 0) throw new Error(`random policy ${p} does not compile:\n${text}\n${JSON.stringify(errors.map((d) => `${d.code} ${d.message}`))}`);
      const policy = preparePolicy(result.ir, { explanations: false });
      const ir = result.ir;
      for (const rule of [...ir.rules, ...ir.approvals, ...ir.orders, ...ir.ladders, ...(ir.duties ?? [])]) if ('key' in rule && rule.key !== undefined) bump(keyed, rule.kind);
      for (let i = 0; i < CASES_PER_POLICY; i++) {
        const input = randomCase(r, result.ir, `case-${p}-${i}`);
        compareOn(policy, input, asOfDates(r, input), tally, `policy ${p} case ${i}\n${text}`);
      }
    }
    for (const kind of ['deadline', 'duty', 'approval', 'order', 'ladder']) expect(keyed.get(kind) ?? 0, `rules of kind ${kind} matched by ref`).toBeGreaterThan(3);
    expect(tally.mismatches.slice(0, 3)).toEqual([]);
    expect(Object.fromEntries(tally.mismatchedParts)).toEqual({});
    // The forms of facts over time are among the policies compared (their rules read them).
    for (const form of ['days since the last ', 'watched', 'phase is', 'date < ', 'until stop where ', 'restarts on move where ']) {
      expect(texts.filter((t) => t.slice(VOCABULARY.length).includes(form)).length, form).toBeGreaterThan(2);
    }
    expect(tally.compared).toBe(POLICIES * CASES_PER_POLICY * AS_OF_PER_CASE);
    expect(tally.obligations).toBeGreaterThan(tally.compared / 2);
    expect(tally.superseded).toBeGreaterThan(tally.compared / 20);
    expect([...tally.statuses].sort()).toEqual(['early', 'met', 'met_late', 'open', 'overdue']);
    expect(tally.windows).toBeGreaterThan(tally.compared / 20);
    for (const form of ['anchors', 'whichever', 'duty per cycle', 'duty notification', 'counting from the previous', 'beyond the limit']) expect(tally.forms.get(form) ?? 0, form).toBeGreaterThan(tally.compared / 50);
    // A duty bounded by a meeting rearranged before it took place (12 in the 1440 compared).
    expect(tally.forms.get('duty rearranged') ?? 0, 'duty rearranged').toBeGreaterThan(tally.compared / 250);
    expect(tally.forms.get('whichever, another date') ?? 0, 'whichever, another date than the first').toBeGreaterThan(tally.compared / 100);
    // `early` needs a meeting event before the window and none after it up to the as-of date: rarer.
    expect(tally.forms.get('early') ?? 0, 'early').toBeGreaterThan(tally.compared / 500);
    for (const status of ['met', 'outstanding', 'missed']) expect(tally.dutyStatuses.get(status) ?? 0, `duties ${status}`).toBeGreaterThan(tally.compared / 50);
    expect(tally.later).toBeGreaterThan(tally.compared / 4);
    // Every kind of violation, every escalation status, advancing and the overall limit, both
    // results of criteria and both kinds of notification occur, each more than now and then.
    for (const kind of ['approval', 'limit', 'constraint', 'order', 'ladder']) expect(tally.violationKinds.get(kind) ?? 0, `violations of kind ${kind}`).toBeGreaterThan(tally.compared / 50);
    for (const form of ['clock stopped', 'copy left out', 'stage raiser or condition broken']) expect(tally.forms.get(form) ?? 0, form).toBeGreaterThan(tally.compared / 200);
    for (const status of ['awaiting_response', 'responded', 'unsatisfactory', 'escalated', 'overdue', 'referred', 'resolved']) expect(tally.escalationStatuses.get(status) ?? 0, `escalations ${status}`).toBeGreaterThan(tally.compared / 100);
    expect(tally.nextStageDue).toBeGreaterThan(tally.compared / 100);
    expect(tally.capExceeded).toBeGreaterThan(tally.compared / 100);
    expect([...tally.criteriaResults].sort()).toEqual([false, true]);
    for (const code of NOTICES_COMPARED) expect(tally.notices.get(code) ?? 0, `notices ${code}`).toBeGreaterThan(0);
    for (const about of ['obligation', 'escalation']) expect(tally.notifications.get(about) ?? 0, `notifications about an ${about}`).toBeGreaterThan(tally.compared / 20);
  });
});

// ---- the repository's policies ----

const ROOT = join(__dirname, '..', '..');
const host = createFileHost([join(ROOT, 'policies')], ROOT);

describe('the real evaluator agrees with the reference evaluator on the policies in policies/', () => {
  const files = filesBelow(join(ROOT, 'policies'), '.pdl').map((p) => relative(ROOT, p).split('\\').join('/'));
  it('finds the five policies', () => {
    expect(files.length).toBeGreaterThanOrEqual(5);
  });
  for (const file of files) {
    it(file, () => {
      const result = compileToIr(readFileSync(join(ROOT, file), 'utf8'), { uri: file, host });
      expect(result.ir).toBeDefined();
      const ir = result.ir as PolicyIR;
      const policy = preparePolicy(ir, { explanations: false });
      const r = rng(SEED + files.indexOf(file));
      const tally = newTally();
      for (let i = 0; i < CASES_PER_REPOSITORY_POLICY; i++) {
        const input = randomCase(r, ir, `case-${i}`);
        compareOn(policy, input, asOfDates(r, input), tally, `${file} case ${i}`);
      }
      expect(Object.fromEntries(tally.mismatchedParts)).toEqual({});
      expect(tally.mismatches.slice(0, 3)).toEqual([]);
      expect(tally.obligations).toBeGreaterThan(0);
    });
  }
});
