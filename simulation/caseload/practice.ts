/**
 * A practice model: how practice produces the events a policy's local rules are met by, so that a
 * synthetic caseload holds them as practice would (and a local rule is measured, not counted as
 * breached for want of data); and `fitPractice`, which reads such a model off a real caseload.
 *
 * Input: a model (`readPracticeModel` checks one parsed from YAML or JSON; docs/simulation.md,
 * "Practice models", defines it), a case, a prepared policy (its obligations say when each answer
 * is due), the last day of the period and a random stream (`applyPractice`); or cases, a policy and
 * an as-of date (`fitPractice`). Output: the case with the model's events added; or a model.
 *
 * The model, per event type, in order:
 *   - event: care_plan_authorised
 *     answers: care_plan_authorised_before_review   # a rule: one chance per due date of its obligations
 *     share: 0.85                                    # the chance it happens at all
 *     offset: { uniform: [-6, 3] }                   # days from the obligation's due date (or bound,
 *                                                    # or trigger date for an open-ended duty)
 *     attributes: { by: { values: [[team_manager, 3], [service_manager, 1]] } }
 *     assumption: "..."                              # required: the assumption, in words
 *   - event: needs_assessment_completed
 *     relativeTo: care_plan_authorised               # one chance per event of that type
 *     share: 0.9
 *     offset: { empirical: [[-30, 1], [-14, 2], [-7, 1]] }   # days: [offset, weight]
 * `offset` is `{ fixed: N }`, `{ uniform: [MIN, MAX] }` (whole days, both included) or
 * `{ empirical: [[DAYS, WEIGHT], ...] }`. An event dated after the period's end is not made.
 *
 * INVARIANT: deterministic: the same case, model, policy and random stream give the same events;
 * entries are applied in the model's order, each seeing the events the entries before it added.
 * INVARIANT: never throws on a bad model (problems are values); fictitious data only.
 * Browser-safe: no Node module.
 */
import { formatPlainDate, parsePlainDate } from '../../runtime/index.ts';
import type { CompiledPolicy, EvaluationResult, PlainDate } from '../../runtime/index.ts';
import type { Random } from './random.ts';
import type { CaseEventInput, CaseInput, CaseValue } from './types.ts';

/** Days from a reference date. */
export type OffsetDistribution = { readonly fixed: number } | { readonly uniform: readonly [number, number] } | { readonly empirical: readonly (readonly [number, number])[] };

/** One event type the model makes. */
export interface PracticeEvent {
  readonly event: string;
  /** The rule whose obligations it answers (one chance per obligation), or... */
  readonly answers?: string;
  /** ...the event type it follows or precedes (one chance per event of that type). */
  readonly relativeTo?: string;
  /** The chance it happens at all, 0 to 1. */
  readonly share: number;
  readonly offset: OffsetDistribution;
  /** Values of its attributes: weighted choices. */
  readonly attributes: Readonly<Record<string, readonly (readonly [CaseValue, number])[]>>;
  /** The assumption in words (docs and reports show it). */
  readonly assumption: string;
}

export interface PracticeModel {
  readonly events: readonly PracticeEvent[];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Offsets beyond this many days are refused (no practice answers a due date ten years away). */
const MAX_OFFSET_DAYS = 3660;

function readOffset(v: unknown, at: string, problems: string[]): OffsetDistribution | undefined {
  const day = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && Math.abs(n) <= MAX_OFFSET_DAYS;
  if (!isRecord(v) || Object.keys(v).length !== 1) {
    problems.push(`${at}: expected one of { fixed: DAYS }, { uniform: [MIN, MAX] }, { empirical: [[DAYS, WEIGHT], ...] }`);
    return undefined;
  }
  if ('fixed' in v) {
    if (day(v['fixed'])) return { fixed: v['fixed'] };
  } else if ('uniform' in v) {
    const u = v['uniform'];
    if (Array.isArray(u) && u.length === 2 && day(u[0]) && day(u[1]) && u[0] <= u[1]) return { uniform: [u[0], u[1]] };
  } else if ('empirical' in v) {
    const e = v['empirical'];
    if (Array.isArray(e) && e.length > 0 && e.every((p) => Array.isArray(p) && p.length === 2 && day(p[0]) && typeof p[1] === 'number' && p[1] > 0 && Number.isFinite(p[1]))) {
      return { empirical: (e as [number, number][]).map(([d, w]) => [d, w] as const) };
    }
  }
  problems.push(`${at}: whole days between -${MAX_OFFSET_DAYS} and ${MAX_OFFSET_DAYS} (uniform: MIN <= MAX; empirical: [DAYS, WEIGHT] pairs with weights above 0)`);
  return undefined;
}

/** Checks a model parsed from YAML or JSON; every problem is listed by its place. */
export function readPracticeModel(value: unknown): { ok: true; model: PracticeModel } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  const list = isRecord(value) ? value['events'] : undefined;
  if (!Array.isArray(list) || list.length === 0) return { ok: false, problems: ['expected { events: [ ... ] } with at least one event'] };
  const events: PracticeEvent[] = [];
  list.forEach((raw, i) => {
    const at = `events[${i}]`;
    if (!isRecord(raw)) {
      problems.push(`${at}: expected an object`);
      return;
    }
    const known = new Set(['event', 'answers', 'relativeTo', 'share', 'offset', 'attributes', 'assumption']);
    for (const k of Object.keys(raw)) if (!known.has(k)) problems.push(`${at}: unknown key ${JSON.stringify(k)}`);
    const event = raw['event'];
    if (typeof event !== 'string' || !NAME.test(event)) problems.push(`${at}.event: expected an event type name`);
    const answers = raw['answers'];
    const relativeTo = raw['relativeTo'];
    if ((answers === undefined) === (relativeTo === undefined)) problems.push(`${at}: give exactly one of answers (a rule) and relativeTo (an event type)`);
    if (answers !== undefined && (typeof answers !== 'string' || !NAME.test(answers))) problems.push(`${at}.answers: expected a rule name`);
    if (relativeTo !== undefined && (typeof relativeTo !== 'string' || !NAME.test(relativeTo))) problems.push(`${at}.relativeTo: expected an event type name`);
    const share = raw['share'];
    if (typeof share !== 'number' || !(share >= 0 && share <= 1)) problems.push(`${at}.share: expected a number from 0 to 1`);
    const offset = readOffset(raw['offset'], `${at}.offset`, problems);
    const assumption = raw['assumption'];
    if (typeof assumption !== 'string' || assumption.trim() === '') problems.push(`${at}.assumption: state the assumption in words`);
    const attributes: Record<string, (readonly [CaseValue, number])[]> = {};
    const rawAttributes = raw['attributes'] ?? {};
    if (!isRecord(rawAttributes)) problems.push(`${at}.attributes: expected name -> { values: [[VALUE, WEIGHT], ...] }`);
    else {
      for (const [name, a] of Object.entries(rawAttributes)) {
        const values = isRecord(a) ? a['values'] : undefined;
        const ok =
          NAME.test(name) &&
          Array.isArray(values) &&
          values.length > 0 &&
          values.every((p) => Array.isArray(p) && p.length === 2 && (typeof p[0] === 'string' || typeof p[0] === 'number' || typeof p[0] === 'boolean') && typeof p[1] === 'number' && p[1] > 0 && Number.isFinite(p[1]));
        if (!ok) problems.push(`${at}.attributes.${name}: expected { values: [[VALUE, WEIGHT], ...] } with weights above 0`);
        else attributes[name] = (values as [CaseValue, number][]).map(([v, w]) => [v, w] as const);
      }
    }
    if (typeof event === 'string' && typeof share === 'number' && offset !== undefined && typeof assumption === 'string') {
      events.push({ event, ...(typeof answers === 'string' ? { answers } : {}), ...(typeof relativeTo === 'string' ? { relativeTo } : {}), share, offset, attributes, assumption: assumption.trim() });
    }
  });
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, model: { events } };
}

/**
 * Problems of a model against a policy: events the policy does not declare, rules it does not have,
 * attributes it does not declare or required ones the model gives no value for.
 */
export function checkPracticeModel(model: PracticeModel, policy: CompiledPolicy): string[] {
  const ir = policy.ir;
  const events = new Map(ir.events.map((e) => [e.name, e]));
  const rules = new Set([...ir.rules.map((r) => r.id), ...(ir.duties ?? []).map((d) => d.id)]);
  const problems: string[] = [];
  model.events.forEach((m, i) => {
    const at = `events[${i}] (${m.event})`;
    const declared = events.get(m.event);
    if (declared === undefined) problems.push(`${at}: ${ir.id} declares no event ${m.event}`);
    if (m.answers !== undefined && !rules.has(m.answers)) problems.push(`${at}: ${ir.id} has no deadline, cycle or duty ${m.answers}`);
    if (m.relativeTo !== undefined && !events.has(m.relativeTo)) problems.push(`${at}: ${ir.id} declares no event ${m.relativeTo}`);
    if (declared === undefined) return;
    for (const name of Object.keys(m.attributes)) if (!declared.attributes.some((a) => a.name === name)) problems.push(`${at}: ${m.event} has no attribute ${name}`);
    for (const a of declared.attributes) if (!a.optional && m.attributes[a.name] === undefined) problems.push(`${at}: ${m.event} needs ${a.name}; give its values under attributes`);
  });
  return problems;
}

export function draw(r: Random, d: OffsetDistribution): number {
  if ('fixed' in d) return d.fixed;
  if ('uniform' in d) return r.int(d.uniform[0], d.uniform[1]);
  return weighted(r, d.empirical);
}

export function weighted<T>(r: Random, items: readonly (readonly [T, number])[]): T {
  let total = 0;
  for (const [, w] of items) total += w;
  let x = r.next() * total;
  for (const [v, w] of items) {
    if (x < w) return v;
    x -= w;
  }
  return (items[items.length - 1] as readonly [T, number])[0];
}

function dayOf(text: string | undefined): PlainDate | undefined {
  return text === undefined ? undefined : parsePlainDate(text);
}

/** The date an answer is measured from: the obligation's due date, else its bound, else its trigger's date. */
export function referenceDate(o: EvaluationResult['obligations'][number]): PlainDate | undefined {
  return dayOf(o.due) ?? dayOf(o.bound) ?? dayOf(o.anchor.date);
}

/**
 * The case with the model's events added (dated on or before `to`; events stay in date order, a made
 * event after the case's own on the same date). The case must be valid under `policy` (a generated
 * case is); one that is not is returned as it is.
 */
export function applyPractice(c: CaseInput, model: PracticeModel, policy: CompiledPolicy, to: PlainDate, r: Random): CaseInput {
  let events: CaseEventInput[] = [...c.events];
  for (const m of model.events) {
    const made: CaseEventInput[] = [];
    const make = (base: PlainDate): void => {
      if (!r.chance(m.share)) return;
      const date = base + draw(r, m.offset);
      if (date > to) return;
      const event: Record<string, CaseValue> = { type: m.event, date: formatPlainDate(date) };
      for (const [name, values] of Object.entries(m.attributes)) event[name] = weighted(r, values);
      made.push(event as CaseEventInput);
    };
    if (m.answers !== undefined) {
      const v = policy.validate({ ...c, events });
      if (!v.ok) return c;
      // One chance per distinct reference date: obligations due the same day (the same meeting
      // booked twice) are answered by one event, as in practice.
      const bases = new Set<PlainDate>();
      for (const o of policy.evaluateNormalized(v.case, to).obligations) {
        if (o.rule !== m.answers) continue;
        const base = referenceDate(o);
        if (base !== undefined) bases.add(base);
      }
      for (const base of [...bases].sort((a, b) => a - b)) make(base);
    } else {
      for (const e of events) {
        if (e.type !== m.relativeTo) continue;
        const base = dayOf(e.date);
        if (base !== undefined) make(base);
      }
    }
    if (made.length > 0) events = [...events, ...made].map((e, i) => ({ e, i })).sort((a, b) => (a.e.date < b.e.date ? -1 : a.e.date > b.e.date ? 1 : a.i - b.i)).map((x) => x.e);
  }
  return { ...c, events };
}

/** What `fitPractice` saw of one rule. */
export interface FittedRule {
  readonly rule: string;
  readonly event: string;
  /** Obligations whose outcome is known on the as-of date (met, met late, overdue; a duty: met or missed). */
  readonly known: number;
  readonly met: number;
}

/**
 * A model read off a caseload: for each deadline, cycle or duty met by one event type, the share of
 * its obligations whose outcome is known on `asOf` that were answered, and the empirical
 * distribution of the days from the due date (a duty: its bound, else its trigger) to the event that
 * answered it. An event answers the one obligation whose due date it is nearest: one that met an
 * obligation only because no nearer event came (the next review's minutes meeting the last review's
 * rule late) is counted for the obligation it is nearest to, and the other counts as not answered.
 * Rules with no known outcome are left out; `seen` lists what was counted. The fitted events carry
 * no attribute values (the obligations do not say which event met them): add them by hand.
 */
export function fitPractice(cases: Iterable<unknown>, policy: CompiledPolicy, asOf: PlainDate): { model: PracticeModel; seen: FittedRule[]; invalid: number } {
  const ir = policy.ir;
  const single = new Map<string, string>();
  for (const r of [...ir.rules, ...(ir.duties ?? [])]) if (r.metBy.events.length === 1 && r.metBy.events[0] !== undefined) single.set(r.id, r.metBy.events[0]);
  const known = new Map<string, number>();
  const met = new Map<string, number>();
  const offsets = new Map<string, Map<number, number>>();
  let invalid = 0;
  for (const value of cases) {
    const v = policy.validate(value);
    if (!v.ok) {
      invalid++;
      continue;
    }
    // Per rule: each satisfying event counts for the one obligation whose reference date it is
    // nearest (the one it answered); an obligation met only by an event nearer another's due date
    // (a later review's minutes meeting an earlier review's rule late) was not answered.
    // Every obligation takes part in deciding which one an event is nearest; only those with a
    // known outcome are counted.
    const byRule = new Map<string, { base: PlainDate | undefined; on: PlainDate | undefined; satisfied: boolean; known: boolean }[]>();
    for (const o of policy.evaluateNormalized(v.case, asOf).obligations) {
      if (!single.has(o.rule)) continue;
      const satisfied = o.status === 'met' || o.status === 'met_late';
      const due = dayOf(o.due);
      const isKnown = (satisfied || o.status === 'overdue' || o.status === 'missed') && !(o.status === 'met' && due !== undefined && due > asOf);
      let list = byRule.get(o.rule);
      if (list === undefined) {
        list = [];
        byRule.set(o.rule, list);
      }
      list.push({ base: referenceDate(o), on: satisfied ? dayOf(o.satisfiedOn) : undefined, satisfied, known: isKnown });
    }
    for (const [rule, list] of byRule) {
      const nearest = new Map<PlainDate, number>();
      for (const x of list) {
        if (!x.satisfied || x.on === undefined || x.base === undefined) continue;
        const d = Math.abs(x.on - x.base);
        const best = nearest.get(x.on);
        if (best === undefined || d < best) nearest.set(x.on, d);
      }
      const claimed = new Set<PlainDate>();
      for (const x of list) {
        if (!x.satisfied || x.on === undefined || x.base === undefined) {
          if (x.known) known.set(rule, (known.get(rule) ?? 0) + 1);
          continue;
        }
        const answered = Math.abs(x.on - x.base) === nearest.get(x.on) && !claimed.has(x.on);
        if (answered) claimed.add(x.on);
        if (!x.known) continue;
        known.set(rule, (known.get(rule) ?? 0) + 1);
        if (!answered) continue;
        met.set(rule, (met.get(rule) ?? 0) + 1);
        let hist = offsets.get(rule);
        if (hist === undefined) {
          hist = new Map();
          offsets.set(rule, hist);
        }
        hist.set(x.on - x.base, (hist.get(x.on - x.base) ?? 0) + 1);
      }
    }
  }
  const events: PracticeEvent[] = [];
  const seen: FittedRule[] = [];
  for (const [rule, event] of single) {
    const k = known.get(rule) ?? 0;
    if (k === 0) continue;
    const m = met.get(rule) ?? 0;
    seen.push({ rule, event, known: k, met: m });
    const hist = offsets.get(rule);
    if (hist === undefined || hist.size === 0) continue;
    const empirical = [...hist.entries()].sort((a, b) => a[0] - b[0]).map(([d, n]) => [d, n] as const);
    events.push({ event, answers: rule, share: Math.round((m / k) * 1000) / 1000, offset: { empirical }, attributes: {}, assumption: `fitted: ${m} of ${k} obligations of ${rule} with a known outcome on ${formatPlainDate(asOf)} were answered; days from the due date to the ${event} that answered each, as observed` });
  }
  return { model: { events }, seen, invalid };
}
