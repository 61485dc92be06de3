/**
 * The real evaluator against the reference evaluator (test/reference/reference-evaluator.ts, written
 * from docs/language.md alone): deadlines and cycles, field by field.
 *
 * Input: seeded random policies generated as PDL text over a small fixed vocabulary (events with
 * date, enum, boolean, role and optional attributes, one `supersedes earlier`; enum, boolean and
 * number facts; two roles) with 1-4 deadlines and cycles (random anchors, units, amounts, `before`,
 * alignment, time, `when`, `met by ... where`, cycle steps first/second/then with conditions,
 * `restarts on`, `until`), compiled by the real compiler (so only valid policies are used); seeded
 * random cases for each; several as-of dates per case. Also the policies in policies/ with generated
 * cases from their own vocabulary. Output: assertions that every obligation (rule, occurrence,
 * anchor, due date and time, status, satisfying date) and every superseded obligation (rule,
 * occurrence, anchor, due) agree, and that each policy tried produced obligations to compare.
 *
 * Deterministic: fixed seeds, the project's seeded random, no clock.
 */
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFileHost } from '../../cli/file-host.ts';
import { filesBelow } from '../../cli/files-below.ts';
import { compileToIr } from '../../compiler/index.ts';
import { formatPlainDate, fromYmd, preparePolicy } from '../../runtime/index.ts';
import type { CompiledPolicy, EvaluationResult, IrType, NormalizedCase, PolicyIR } from '../../runtime/index.ts';
import { createRandom, hashSeed } from '../../simulation/index.ts';
import { referenceEvaluate } from './reference-evaluator.ts';
import type { RefResult } from './reference-evaluator.ts';

const SEED = 20261204;
const POLICIES = 200;
const CASES_PER_POLICY = 10;
const AS_OF_PER_CASE = 3;

/** A seeded stream of numbers in [0, 1): the project's seeded random (simulation/caseload/random.ts). */
function rng(seed: number): () => number {
  const random = createRandom(hashSeed(seed), 0);
  return () => random.next();
}

type Rand = () => number;
const int = (r: Rand, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
const chance = (r: Rand, p: number): boolean => r() < p;

// ---- random policies ----

const VOCABULARY = `policy ref.random
  title "Random policy for the reference evaluator"

role worker "Worker"
role manager "Manager"

fact level "Level": enum(low, mid, high)
fact flagged? "Flagged": boolean
fact score? "Score": number

event start "Start" { kind: enum(a, b) }
event stop "Stop"
event move "Move" { planned: boolean }
event visit "Visit" { by: role, ok?: boolean }
event check "Check" { grade: enum(x, y, z) }
event booked "Booked" { for: date } supersedes earlier
`;

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
    case 7: return `count(${pick(r, EVENT_NAMES)}) >= ${int(r, 1, 3)}`;
    case 8: return `(${plainCondition(r, depth + 1)}) ${pick(r, ['and', 'or'])} (${plainCondition(r, depth + 1)})`;
    case 9: return `not (${plainCondition(r, depth + 1)})`;
    default: return `child.dob ${pick(r, ['<=', '>'])} ${int(r, 1, 15)} years before today`;
  }
}

/** A condition that may also read attributes of `event` (the focus event). */
function condition(r: Rand, event: string | undefined): string {
  if (event === undefined || chance(r, 0.4)) return plainCondition(r);
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

function deadline(r: Rand, id: string): string {
  const anchor = pick(r, ['start', 'move', 'visit', 'check', 'booked.for', 'child.dob']);
  const anchorEvent = anchor === 'child.dob' ? undefined : anchor.split('.')[0];
  const offset = chance(r, 0.3) ? `at least ${duration(r)} before ${anchor}` : chance(r, 0.5) ? `within ${duration(r)} of ${anchor}` : `${duration(r)} after ${anchor}`;
  const lines = [`deadline ${id} "Deadline ${id}"`, '  owner worker', `  due ${duePrefix(r)}${offset}`];
  if (chance(r, 0.4)) lines.push(`  when ${condition(r, anchorEvent)}`);
  lines.push(`  ${metBy(r, anchorEvent === undefined ? [] : [anchorEvent])}`, `  cite "${id}"`);
  return lines.join('\n');
}

function cycle(r: Rand, id: string): string {
  const starts = chance(r, 0.3) ? ['start', 'check'] : ['start'];
  const lines = [`cycle ${id} "Cycle ${id}"`, '  owner manager', `  runs from ${starts.join(' or ')}${chance(r, 0.8) ? ' until stop' : ''}`];
  const restarts = chance(r, 0.4);
  if (restarts) lines.push('  restarts on move');
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
  lines.push(`  met by ${met}${where}`, `  cite "${id}"`);
  return lines.join('\n');
}

function randomPolicyText(r: Rand): string {
  const n = int(r, 1, 4);
  const rules: string[] = [];
  for (let i = 1; i <= n; i++) rules.push(chance(r, 0.5) ? deadline(r, `rule_${i}`) : cycle(r, `rule_${i}`));
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
  const facts: Record<string, unknown> = {};
  for (const f of ir.facts) if (!f.optional || chance(r, 0.7)) facts[f.name] = randomValue(r, f.type, roles, EARLIEST + int(r, 0, SPAN));
  // Some event types are frequent on a case, the rest rare, so that runs and anchors both occur.
  const usual = ir.events.filter(() => chance(r, 0.5));
  const events: Record<string, unknown>[] = [];
  const n = int(r, 0, 18);
  for (let i = 0; i < n; i++) {
    const ev = pick(r, usual.length > 0 && chance(r, 0.8) ? usual : ir.events);
    const date = EARLIEST + int(r, 0, SPAN);
    const e: Record<string, unknown> = { type: ev.name, date: formatPlainDate(date) };
    for (const a of ev.attributes) if (!a.optional || chance(r, 0.6)) e[a.name] = randomValue(r, a.type, roles, date);
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
  // Two events on the same day, now and then (order of input matters then).
  if (events.length > 1 && chance(r, 0.3)) (events[1] as Record<string, unknown>).date = (events[0] as Record<string, unknown>).date;
  const dob = fromYmd(int(r, 2006, 2023), int(r, 1, 12), int(r, 1, 28));
  return { id, child: { dob: formatPlainDate(dob) }, facts, events };
}

// ---- comparison ----

function realSide(res: EvaluationResult): RefResult {
  const ref: RefResult = {
    // The reference evaluator covers deadlines and cycles: duties (no due date) are left out.
    obligations: res.obligations.flatMap((o) => (o.due === undefined || o.status === 'outstanding' || o.status === 'missed' ? [] : [{
      rule: o.rule,
      occurrence: o.occurrence,
      anchor: o.anchor.attribute === undefined ? { event: o.anchor.event, date: o.anchor.date } : { event: o.anchor.event, date: o.anchor.date, attribute: o.anchor.attribute },
      due: o.due,
      ...(o.dueTime === undefined ? {} : { dueTime: o.dueTime }),
      status: o.status,
      ...(o.satisfiedOn === undefined ? {} : { satisfiedOn: o.satisfiedOn }),
    }])),
    superseded: res.superseded.map((o) => ({
      rule: o.rule,
      occurrence: o.occurrence,
      anchor: o.anchor.attribute === undefined ? { event: o.anchor.event, date: o.anchor.date } : { event: o.anchor.event, date: o.anchor.date, attribute: o.anchor.attribute },
      due: o.due,
    })),
  };
  const order = <T extends { due: string; rule: string; occurrence: number; anchor: { date: string } }>(x: T, y: T): number =>
    x.due < y.due ? -1 : x.due > y.due ? 1 : x.rule < y.rule ? -1 : x.rule > y.rule ? 1 : x.occurrence - y.occurrence || (x.anchor.date < y.anchor.date ? -1 : x.anchor.date > y.anchor.date ? 1 : 0);
  ref.obligations.sort(order);
  ref.superseded.sort(order);
  return ref;
}

interface Tally {
  compared: number;
  obligations: number;
  superseded: number;
  /** Statuses seen, and obligations with occurrence > 1 (a test that sees only one kind proves little). */
  statuses: Set<string>;
  later: number;
  mismatches: string[];
}

const newTally = (): Tally => ({ compared: 0, obligations: 0, superseded: 0, statuses: new Set(), later: 0, mismatches: [] });

function compareOn(policy: CompiledPolicy, input: Record<string, unknown>, asOfs: readonly number[], tally: Tally, label: string): void {
  const v = policy.validate(input);
  if (!v.ok) throw new Error(`${label}: generated case rejected: ${JSON.stringify(v.errors.slice(0, 2))}`);
  const c: NormalizedCase = v.case;
  for (const asOf of asOfs) {
    const real = realSide(policy.evaluateNormalized(c, asOf));
    const ref = referenceEvaluate(policy.ir, c, asOf, policy.calendar);
    tally.compared++;
    tally.obligations += ref.obligations.length;
    tally.superseded += ref.superseded.length;
    for (const o of ref.obligations) {
      tally.statuses.add(o.status);
      if (o.occurrence > 1) tally.later++;
    }
    if (JSON.stringify(real) !== JSON.stringify(ref)) {
      tally.mismatches.push(`${label} as of ${formatPlainDate(asOf)}\nreal: ${JSON.stringify(real)}\nref:  ${JSON.stringify(ref)}`);
    }
  }
}

function asOfDates(r: Rand): number[] {
  const out: number[] = [];
  for (let i = 0; i < AS_OF_PER_CASE; i++) out.push(EARLIEST + int(r, 0, SPAN + 200));
  return out;
}

describe('the real evaluator agrees with the reference evaluator', () => {
  it(`on ${POLICIES} random policies x ${CASES_PER_POLICY} random cases x ${AS_OF_PER_CASE} as-of dates`, () => {
    const r = rng(SEED);
    const tally = newTally();
    for (let p = 0; p < POLICIES; p++) {
      const text = randomPolicyText(r);
      const result = compileToIr(text, { uri: `random-${p}.pdl` });
      const errors = result.diagnostics.filter((d) => d.severity === 'error');
      if (result.ir === undefined || errors.length > 0) throw new Error(`random policy ${p} does not compile:\n${text}\n${JSON.stringify(errors.map((d) => `${d.code} ${d.message}`))}`);
      const policy = preparePolicy(result.ir, { explanations: false });
      for (let i = 0; i < CASES_PER_POLICY; i++) compareOn(policy, randomCase(r, result.ir, `case-${p}-${i}`), asOfDates(r), tally, `policy ${p} case ${i}\n${text}`);
    }
    expect(tally.mismatches.slice(0, 3)).toEqual([]);
    expect(tally.compared).toBe(POLICIES * CASES_PER_POLICY * AS_OF_PER_CASE);
    expect(tally.obligations).toBeGreaterThan(tally.compared);
    expect(tally.superseded).toBeGreaterThan(tally.compared / 20);
    expect([...tally.statuses].sort()).toEqual(['met', 'met_late', 'open', 'overdue']);
    expect(tally.later).toBeGreaterThan(tally.compared / 4);
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
      for (let i = 0; i < 300; i++) compareOn(policy, randomCase(r, ir, `case-${i}`), asOfDates(r), tally, `${file} case ${i}`);
      expect(tally.mismatches.slice(0, 3)).toEqual([]);
      expect(tally.obligations).toBeGreaterThan(0);
    });
  }
});
