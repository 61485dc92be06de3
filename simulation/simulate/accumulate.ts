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
 * Browser-safe: no Node module.
 */
import type { CaseError, CompiledPolicy, EvaluationResult, NormalizedCase, PlainDate } from '../../runtime/index.ts';
import { fromYmd, isoWeekday, parsePlainDate, renderForLog, toYmd } from '../../runtime/index.ts';
import type { CaseRecord } from '../caseload/types.ts';
import type { CaseProblem, PartialReport, SidePartial } from './types.ts';

/** Options of the accumulation. */
export interface AccumulateOptions {
  /** The rule whose occurrences are the reviews measured for timeliness (default `looked_after_review`). */
  readonly reviewRule?: string;
}

/** The default review rule: the statutory cycle of reviews. */
export const DEFAULT_REVIEW_RULE = 'looked_after_review';

/** An empty partial report. */
export function emptyPartial(): PartialReport {
  return { cases: 0, evaluated: 0, failures: [], baseline: emptySide(), reform: emptySide(), eventTypes: {}, overdueCases: [] };
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

/** `isoWeek` of a `YYYY-MM-DD` string, memoised (due dates repeat across cases). */
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

/** Case errors as the report shows them: rendered for logs (no value, no unknown key from the case). */
function problems(policy: 'baseline' | 'reform', errors: readonly CaseError[]): CaseProblem[] {
  return errors.map((e) => ({ policy, path: e.path, message: renderForLog(e) }));
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

/** Adds one evaluation into a side's counts; returns the rules with an overdue obligation (each once, in result order). */
function addResult(side: SidePartial, result: EvaluationResult, reviewRule: string, asOfText: string): string[] {
  const overdue: string[] = [];
  const rules = side.rules;
  for (const o of result.obligations) {
    let tally = rules[o.rule];
    if (tally === undefined) {
      tally = [0, 0, 0, 0, 0, 0, 0];
      rules[o.rule] = tally;
    }
    switch (o.status) {
      case 'met':
        tally[0]++;
        if (o.rule === reviewRule && o.due !== undefined && o.due <= asOfText) {
          side.reviewsDue++;
          side.reviewsWithin++;
        }
        break;
      case 'met_late':
        tally[1]++;
        if (o.rule === reviewRule) side.reviewsDue++;
        break;
      case 'overdue':
        tally[2]++;
        if (!overdue.includes(o.rule)) overdue.push(o.rule);
        if (o.rule === reviewRule) side.reviewsDue++;
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
    let byWeek = side.weekly[o.owner];
    if (byWeek === undefined) {
      byWeek = {};
      side.weekly[o.owner] = byWeek;
    }
    const dueText = o.due ?? o.bound; // a duty counts in the week of its bound, if it has one
    if (dueText === undefined) continue;
    const week = weekOf(dueText);
    byWeek[week] = (byWeek[week] ?? 0) + 1;
  }
  for (const s of result.superseded) {
    let tally = rules[s.rule];
    if (tally === undefined) {
      tally = [0, 0, 0, 0, 0, 0, 0];
      rules[s.rule] = tally;
    }
    tally[4]++;
  }
  // `violations` comes with IR v2 evaluators; older results have none.
  const violations = (result as { readonly violations?: EvaluationResult['violations'] }).violations;
  if (violations !== undefined) {
    for (const v of violations) {
      const entry = side.violations[v.rule];
      if (entry === undefined) side.violations[v.rule] = [v.kind, 1];
      else entry[1]++;
    }
  }
  return overdue;
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

  const evaluate = (b: NormalizedCase, r: NormalizedCase, ordinal: number): void => {
    partial.evaluated++;
    const types = partial.eventTypes;
    for (const e of b.events) {
      if (e.date > asOf) break; // sorted by date
      types[e.type] = (types[e.type] ?? 0) + 1;
    }
    const overdueB = addResult(partial.baseline, baseline.evaluateNormalized(b, asOf), reviewRule, asOfText);
    const overdueR = addResult(partial.reform, reform.evaluateNormalized(r, asOf), reviewRule, asOfText);
    if (overdueB.length > 0 || overdueR.length > 0) partial.overdueCases.push([ordinal, b.id, overdueB, overdueR]);
  };
  const countOnly = (b: NormalizedCase, r: NormalizedCase): void => {
    const inB = new Set<string>();
    for (const e of b.events) if (e.date <= asOf) inB.add(e.type);
    const types = partial.eventTypes;
    for (const e of r.events) if (e.date <= asOf && !inB.has(e.type)) types[e.type] = (types[e.type] ?? 0) + 1;
  };

  return {
    partial,
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
          partial.failures.push({ ordinal, origin: record.origin, id: null, problems: [{ policy: 'input', path: '$', message: 'not valid JSON' }] });
          return;
        }
      } else value = record.value;
      const vb = baseline.validate(value);
      const vr = shared ? vb : reform.validate(value);
      if (vb.ok && vr.ok) {
        evaluate(vb.case, vr.case, ordinal);
        return;
      }
      const found: CaseProblem[] = [];
      if (!vb.ok) found.push(...problems('baseline', vb.errors));
      if (!vr.ok && !shared) found.push(...problems('reform', vr.errors));
      const id = value !== null && typeof value === 'object' && typeof (value as { id?: unknown }).id === 'string' ? (value as { id: string }).id : null;
      partial.failures.push({ ordinal, origin: record.origin, id, problems: found });
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
    mergeSide(out.baseline, p.baseline);
    mergeSide(out.reform, p.reform);
    for (const [type, n] of Object.entries(p.eventTypes)) out.eventTypes[type] = (out.eventTypes[type] ?? 0) + n;
    for (const c of p.overdueCases) out.overdueCases.push(c);
  }
  out.failures.sort((a, b) => a.ordinal - b.ordinal);
  out.overdueCases.sort((a, b) => a[0] - b[0]);
  return out;
}
