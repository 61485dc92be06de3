/**
 * Conformance with the statute: does a local policy ever allow a later date than the baseline?
 *
 * Input: the local policy and the baseline, both compiled, and a range of start dates. Output: one
 * finding per compared rule and probe: `laxer` (with the first counterexample and how many start
 * dates give a later local date), `stricter` or `same`.
 *
 * The due dates are not recomputed here: each probe is a small synthetic case evaluated by both
 * policies through the runtime's public `evaluateNormalized`, so the comparison uses exactly the
 * arithmetic the evaluator uses (working days, month clamping, restarts).
 *
 * Probes, for every start date D in the range:
 * - cycles, occurrences 1, 2 and 3+: a run starting on D, met on D and on D + 1 (evaluated as of
 *   D + 1), so that occurrences 1 and 2 are measured from D and occurrence 3 from D + 1 (two identical
 *   meeting events on one day would be one record entered twice);
 * - cycles that restart on an event the baseline does not: the run starts on D, the first occurrence
 *   is met on D, and the restart event falls the day before the baseline's next due date; the
 *   earliest date the local policy then requires is compared with the baseline's;
 * - deadlines: the anchor event (or its date attribute) on D.
 * Rules correspond when the local rule overrides the baseline's (same name) or is the same
 * obligation (met by the same events, measured from the same anchor in the same direction).
 */
import {
  addDays,
  formatPlainDate,
  addYears,
  parsePlainDate,
  type CompiledPolicy,
  type EvaluationResult,
  type IrCycle,
  type IrDeadline,
  type IrEvent,
  type IrRule,
  type IrType,
  type NormalizedCase,
  type NormalizedEvent,
  type PlainDate,
  type PolicyIR,
} from '../../runtime/index.ts';

export type FindingKind = 'laxer' | 'stricter' | 'same';

export interface ConformanceFinding {
  readonly rule: string;
  readonly statutoryRule: string;
  readonly probe: string;
  readonly kind: FindingKind;
  /** Start dates compared, and how many gave a later local date. */
  readonly compared: number;
  readonly laxerCount: number;
  /** The first start date on which the local due date is later (laxer findings only). */
  readonly startDate?: string;
  readonly localDue?: string;
  readonly statutoryDue?: string;
  readonly message: string;
}

export interface ConformanceReport {
  readonly policy: string;
  readonly baseline: string;
  readonly from: string;
  readonly to: string;
  readonly findings: readonly ConformanceFinding[];
  /** Local rules that correspond to no baseline rule (not compared). */
  readonly uncompared: readonly string[];
}

function defaultValue(type: IrType, day: PlainDate, roles: readonly string[]): string | number | boolean | PlainDate {
  switch (type.kind) {
    case 'date':
      return day;
    case 'boolean':
      return false;
    case 'number':
      return 0;
    case 'text':
      return '';
    case 'role':
      return roles[0] ?? '';
    case 'enum':
      return type.values[0] ?? '';
  }
}

class CaseBuilder {
  private readonly events: NormalizedEvent[] = [];
  constructor(
    private readonly ir: PolicyIR,
    private readonly id: string,
    private readonly dob: PlainDate,
  ) {}
  add(type: string, date: PlainDate, overrides: Record<string, PlainDate | string | number | boolean> = {}): this {
    const decl: IrEvent | undefined = this.ir.events.find((e) => e.name === type);
    const roles = this.ir.roles.map((r) => r.name);
    const attributes: Record<string, PlainDate | string | number | boolean> = {};
    for (const a of decl?.attributes ?? []) if (!a.optional) attributes[a.name] = defaultValue(a.type, date, roles);
    Object.assign(attributes, overrides);
    this.events.push({ type, date, index: this.events.length, attributes });
    return this;
  }
  build(): NormalizedCase {
    const roles = this.ir.roles.map((r) => r.name);
    const facts: Record<string, PlainDate | string | number | boolean> = {};
    for (const f of this.ir.facts) if (!f.optional) facts[f.name] = defaultValue(f.type, this.dob, roles);
    const events = [...this.events].sort((a, b) => a.date - b.date || a.index - b.index);
    return { id: this.id, child: { dob: this.dob }, facts, events };
  }
}

function obligationKey(rule: IrRule): string | undefined {
  if (rule.kind !== 'deadline') return undefined;
  const a = rule.due.anchor;
  const anchor = a.kind === 'event' ? a.event : a.kind === 'event_attribute' ? `${a.event}.${a.attribute}` : a.kind;
  return [[...rule.metBy.events].sort().join('|'), anchor, rule.due.direction].join('\u0000');
}

/** Pairs each local rule with the baseline rule it corresponds to. */
export function correspondingRules(local: PolicyIR, baseline: PolicyIR): { pairs: [IrRule, IrRule][]; uncompared: string[] } {
  const pairs: [IrRule, IrRule][] = [];
  const uncompared: string[] = [];
  for (const rule of local.rules) {
    const same = baseline.rules.find((b) => b.id === rule.id && b.kind === rule.kind);
    if (same !== undefined) {
      if (rule.policy !== baseline.id) pairs.push([rule, same]);
      continue;
    }
    const key = obligationKey(rule);
    const twin = key === undefined ? undefined : baseline.rules.find((b) => obligationKey(b) === key);
    if (twin !== undefined) pairs.push([rule, twin]);
    else uncompared.push(rule.id);
  }
  return { pairs, uncompared };
}

interface Tally {
  compared: number;
  laxer: number;
  stricter: number;
  first?: { start: PlainDate; local: PlainDate; statutory: PlainDate };
}

function tally(t: Tally, start: PlainDate, local: PlainDate | undefined, statutory: PlainDate | undefined): void {
  if (local === undefined || statutory === undefined) return;
  t.compared++;
  if (local > statutory) {
    t.laxer++;
    t.first ??= { start, local, statutory };
  } else if (local < statutory) {
    t.stricter++;
  }
}

function dueOf(result: EvaluationResult, rule: string, occurrence: number): PlainDate | undefined {
  const o = result.obligations.find((x) => x.rule === rule && x.occurrence === occurrence);
  return o?.due === undefined ? undefined : parseDay(o.due);
}

function parseDay(text: string): PlainDate {
  const day = parsePlainDate(text);
  if (day === undefined) throw new Error(`internal error: the evaluator returned the date ${text}`);
  return day;
}

function earliestOpen(result: EvaluationResult, rule: string): PlainDate | undefined {
  let best: PlainDate | undefined;
  for (const o of result.obligations) {
    if (o.rule !== rule || o.satisfiedOn !== undefined || o.due === undefined) continue;
    const due = parseDay(o.due);
    if (best === undefined || due < best) best = due;
  }
  return best;
}

function finding(local: IrRule, statutory: IrRule, probe: string, t: Tally): ConformanceFinding {
  const base = { rule: local.id, statutoryRule: statutory.id, probe, compared: t.compared, laxerCount: t.laxer };
  if (t.first !== undefined) {
    const f = t.first;
    return {
      ...base,
      kind: 'laxer',
      startDate: formatPlainDate(f.start),
      localDue: formatPlainDate(f.local),
      statutoryDue: formatPlainDate(f.statutory),
      message: `${probe}: \`${local.id}\` allows a later date than \`${statutory.id}\` on ${t.laxer} of ${t.compared} start dates; first: starting ${formatPlainDate(f.start)}, due ${formatPlainDate(f.local)} locally but ${formatPlainDate(f.statutory)} by the statute (${f.local - f.statutory} day${f.local - f.statutory === 1 ? "" : "s"} later)`,
    };
  }
  const kind: FindingKind = t.stricter > 0 ? 'stricter' : 'same';
  return {
    ...base,
    kind,
    message:
      kind === 'stricter'
        ? `${probe}: \`${local.id}\` is never later than \`${statutory.id}\` and earlier on ${t.stricter} of ${t.compared} start dates (stricter, which is fine)`
        : `${probe}: \`${local.id}\` gives the same date as \`${statutory.id}\` on all ${t.compared} start dates`,
  };
}

function evaluateBoth(local: CompiledPolicy, baseline: CompiledPolicy, build: (ir: PolicyIR) => NormalizedCase, asOf: PlainDate): [EvaluationResult, EvaluationResult] {
  return [local.evaluateNormalized(build(local.ir), asOf), baseline.evaluateNormalized(build(baseline.ir), asOf)];
}

function compareCycles(local: CompiledPolicy, baseline: CompiledPolicy, l: IrCycle, s: IrCycle, from: PlainDate, to: PlainDate): ConformanceFinding[] {
  const probes = ['occurrence 1', 'occurrence 2', 'occurrence 3 and later'].map((name) => ({ name, t: { compared: 0, laxer: 0, stricter: 0 } as Tally }));
  const restart = l.restartsOn.find((e) => !s.restartsOn.includes(e));
  const restartTally: Tally = { compared: 0, laxer: 0, stricter: 0 };
  const startL = l.startsOn[0];
  const startS = s.startsOn[0];
  const metL = l.metBy.events[0];
  const metS = s.metBy.events[0];
  if (startL === undefined || startS === undefined || metL === undefined || metS === undefined) return [];
  for (let d = from; d <= to; d++) {
    const dob = addYears(d, -10);
    const [rl, rs] = evaluateBoth(
      local,
      baseline,
      // Occurrences 1 and 2 met on the start date and the day after (two identical events on one day
      // would be one record entered twice: runtime/evaluate.ts), so occurrence 3 is measured from d + 1.
      (ir) => new CaseBuilder(ir, 'probe', dob).add(ir === local.ir ? startL : startS, d).add(ir === local.ir ? metL : metS, d).add(ir === local.ir ? metL : metS, addDays(d, 1)).build(),
      addDays(d, 1),
    );
    probes.forEach((p, i) => tally(p.t, d, dueOf(rl, l.id, i + 1), dueOf(rs, s.id, i + 1)));
    if (restart !== undefined) {
      const statutoryNext = dueOf(rs, s.id, 2);
      if (statutoryNext !== undefined) {
        const r = addDays(statutoryNext, -1);
        const [ql, qs] = evaluateBoth(
          local,
          baseline,
          (ir) => {
            const b = new CaseBuilder(ir, 'probe', dob).add(ir === local.ir ? startL : startS, d).add(ir === local.ir ? metL : metS, d);
            if (ir.events.some((e) => e.name === restart)) b.add(restart, r);
            return b.build();
          },
          r,
        );
        tally(restartTally, d, earliestOpen(ql, l.id), earliestOpen(qs, s.id));
      }
    }
  }
  const out = probes.filter((p) => p.t.compared > 0).map((p) => finding(l, s, p.name, p.t));
  if (restart !== undefined && restartTally.compared > 0) out.push(finding(l, s, `restart on \`${restart}\` the day before the statutory due date`, restartTally));
  return out;
}

function compareDeadlines(local: CompiledPolicy, baseline: CompiledPolicy, l: IrDeadline, s: IrDeadline, from: PlainDate, to: PlainDate): ConformanceFinding[] {
  const t: Tally = { compared: 0, laxer: 0, stricter: 0 };
  for (let d = from; d <= to; d++) {
    const build = (ir: PolicyIR, rule: IrDeadline): NormalizedCase => {
      const a = rule.due.anchor;
      const b = new CaseBuilder(ir, 'probe', a.kind === 'child_dob' ? d : addYears(d, -10));
      if (a.kind === 'event') b.add(a.event, d);
      if (a.kind === 'event_attribute') b.add(a.event, addDays(d, -120), { [a.attribute]: d });
      return b.build();
    };
    const rl = local.evaluateNormalized(build(local.ir, l), addDays(d, 1));
    const rs = baseline.evaluateNormalized(build(baseline.ir, s), addDays(d, 1));
    tally(t, d, dueOf(rl, l.id, 1), dueOf(rs, s.id, 1));
  }
  return t.compared > 0 ? [finding(l, s, 'deadline', t)] : [];
}

/** Compares every corresponding rule over start dates `from`..`to` (inclusive). */
export function checkConformance(local: CompiledPolicy, baseline: CompiledPolicy, from: PlainDate, to: PlainDate): ConformanceReport {
  const { pairs, uncompared } = correspondingRules(local.ir, baseline.ir);
  const findings: ConformanceFinding[] = [];
  for (const [l, s] of pairs) {
    if (l.kind === 'cycle' && s.kind === 'cycle') findings.push(...compareCycles(local, baseline, l, s, from, to));
    else if (l.kind === 'deadline' && s.kind === 'deadline') findings.push(...compareDeadlines(local, baseline, l, s, from, to));
  }
  return { policy: local.ir.id, baseline: baseline.ir.id, from: formatPlainDate(from), to: formatPlainDate(to), findings, uncompared };
}
