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
 *   - event: subsequent_review_scheduled
 *     relativeTo: review_scheduled
 *     onlyIf: { some: review_held, since: became_looked_after }  # or { none: ..., since: ... }
 *     copy: { for: for }                             # attribute <- the same-day base event's attribute
 *   - event: needs_assessment_completed
 *     relativeTo: care_plan_authorised               # one chance per event of that type
 *     share: 0.9
 *     offset: { empirical: [[-30, 1], [-14, 2], [-7, 1]] }   # days: [offset, weight]
 * `offset` is `{ fixed: N }`, `{ uniform: [MIN, MAX] }` (whole days, both included) or
 * `{ empirical: [[DAYS, WEIGHT], ...] }`. An event dated after the period's end is not made.
 * An `answers` entry is applied until the rule has no new due date: a cycle's next occurrence falls
 * due only once the previous one is answered, and gets its own chance.
 * `onlyIf` (relativeTo only) keeps a base event when some (or no) event of type `some` (`none`) lies
 * between the latest `since` event before it and it (no `since` event: the base is not kept).
 * `copy` (relativeTo only) gives an attribute the value of an attribute of the base event.
 * Top-level, besides `events`: `facts: { NAME: { values: [[VALUE, WEIGHT], ...], assumption } }`
 * gives every case those facts (drawn first, from the same stream), and `drop: { events: [...],
 * assumption }` removes the generator's events named once the model's are made (they served as the
 * skeleton the model's `relativeTo` events are placed on). A model with neither draws exactly as
 * before.
 *
 * Default models: `policies/<name>.practice.yaml` beside `policies/<name>.pdl`
 * (`parsePracticeModelText` reads one; `defaultPracticePath` names it).
 *
 * INVARIANT: deterministic: the same case, model, policy and random stream give the same events;
 * entries are applied in the model's order, each seeing the events the entries before it added.
 * INVARIANT: never throws on a bad model (problems are values); fictitious data only.
 * Browser-safe: no Node module.
 */
import { parse as parseYaml } from 'yaml';
import { formatPlainDate, parsePlainDate, preparePolicy } from '../../runtime/index.ts';
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
  /** relativeTo only: keep a base event only when some (none) event of one type came since the latest event of another. */
  readonly onlyIf?: PracticeCondition;
  /** relativeTo only: attribute -> the base event's attribute whose value it takes. */
  readonly copy?: Readonly<Record<string, string>>;
}

/** `some`/`none` events of one type between the latest `since` event before the base event and it. */
export type PracticeCondition = { readonly some: string; readonly since: string } | { readonly none: string; readonly since: string };

/** The values a fact takes in a generated case: weighted choices, with the assumption in words. */
export interface PracticeFact {
  readonly values: readonly (readonly [CaseValue, number])[];
  readonly assumption: string;
}

/** Events the generator makes that are removed once the model's events are made (they served as their skeleton). */
export interface PracticeDrop {
  readonly events: readonly string[];
  readonly assumption: string;
}

export interface PracticeModel {
  readonly events: readonly PracticeEvent[];
  /** Facts each generated case is given (drawn once per case from the model's stream), by name. */
  readonly facts?: Readonly<Record<string, PracticeFact>>;
  /** The generator's events removed after the model's are made. */
  readonly drop?: PracticeDrop;
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

function readCondition(v: unknown, at: string, problems: string[]): PracticeCondition | undefined {
  if (v === undefined) return undefined;
  if (isRecord(v) && Object.keys(v).length === 2 && typeof v['since'] === 'string' && NAME.test(v['since'])) {
    const since = v['since'];
    if (typeof v['some'] === 'string' && NAME.test(v['some'])) return { some: v['some'], since };
    if (typeof v['none'] === 'string' && NAME.test(v['none'])) return { none: v['none'], since };
  }
  problems.push(`${at}: expected { some: EVENT, since: EVENT } or { none: EVENT, since: EVENT }`);
  return undefined;
}

function readCopy(v: unknown, at: string, problems: string[]): Record<string, string> | undefined {
  if (v === undefined) return undefined;
  if (isRecord(v) && Object.entries(v).every(([k, a]) => NAME.test(k) && typeof a === 'string' && NAME.test(a))) return v as Record<string, string>;
  problems.push(`${at}: expected { ATTRIBUTE: ATTRIBUTE_OF_THE_BASE_EVENT, ... }`);
  return undefined;
}

/**
 * A model from the text of a YAML or JSON file (a default model beside its policy, or one the
 * playground holds): the file's place in messages is `name`. Never throws.
 */
export function parsePracticeModelText(text: string, name: string): { ok: true; model: PracticeModel } | { ok: false; problems: string[] } {
  // The same text gives the same model object: parsing YAML costs ~0.2 s for a default model, and the
  // batches (`batchesOf`, with their reduced policies) are cached by model object, so a caller that
  // reads the model again for every run (the playground, on every simulation) would pay both each time.
  const key = `${name}\u0000${text}`;
  const hit = parsedModels.get(key);
  if (hit !== undefined) return hit;
  const read = parseModelText(text, name);
  if (parsedModels.size >= MAX_PARSED_MODELS) parsedModels.delete(parsedModels.keys().next().value as string);
  parsedModels.set(key, read);
  return read;
}

/** Models read from text, by name and text (bounded, oldest dropped first). */
const parsedModels = new Map<string, { ok: true; model: PracticeModel } | { ok: false; problems: string[] }>();
const MAX_PARSED_MODELS = 8;

function parseModelText(text: string, name: string): { ok: true; model: PracticeModel } | { ok: false; problems: string[] } {
  let value: unknown;
  try {
    value = parseYaml(text) as unknown;
  } catch {
    return { ok: false, problems: [`${name}: not valid YAML or JSON`] };
  }
  const read = readPracticeModel(value);
  return read.ok ? read : { ok: false, problems: read.problems.map((p) => `${name}: ${p}`) };
}

/**
 * The default practice model's path for a policy file: `X.practice.yaml` beside `X.pdl` (a path
 * not ending `.pdl` has none). Whether it exists is the caller's question.
 */
export function defaultPracticePath(policyPath: string): string | undefined {
  return policyPath.endsWith('.pdl') ? `${policyPath.slice(0, -'.pdl'.length)}.practice.yaml` : undefined;
}

/** Checks a model parsed from YAML or JSON; every problem is listed by its place. */
export function readPracticeModel(value: unknown): { ok: true; model: PracticeModel } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  const list = isRecord(value) ? value['events'] : undefined;
  if (!Array.isArray(list) || list.length === 0) return { ok: false, problems: ['expected { events: [ ... ] } with at least one event'] };
  const top = value as Record<string, unknown>;
  const facts = readFacts(top['facts'], problems);
  const drop = readDrop(top['drop'], problems);
  const events: PracticeEvent[] = [];
  list.forEach((raw, i) => {
    const at = `events[${i}]`;
    if (!isRecord(raw)) {
      problems.push(`${at}: expected an object`);
      return;
    }
    const known = new Set(['event', 'answers', 'relativeTo', 'share', 'offset', 'attributes', 'assumption', 'onlyIf', 'copy']);
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
    const onlyIf = readCondition(raw['onlyIf'], `${at}.onlyIf`, problems);
    const copy = readCopy(raw['copy'], `${at}.copy`, problems);
    if ((onlyIf !== undefined || copy !== undefined) && relativeTo === undefined) problems.push(`${at}: onlyIf and copy go with relativeTo (an event type)`);
    if (typeof event === 'string' && typeof share === 'number' && offset !== undefined && typeof assumption === 'string') {
      events.push({
        event,
        ...(typeof answers === 'string' ? { answers } : {}),
        ...(typeof relativeTo === 'string' ? { relativeTo } : {}),
        share,
        offset,
        attributes,
        assumption: assumption.trim(),
        ...(onlyIf !== undefined ? { onlyIf } : {}),
        ...(copy !== undefined ? { copy } : {}),
      });
    }
  });
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, model: { events, ...(facts !== undefined ? { facts } : {}), ...(drop !== undefined ? { drop } : {}) } };
}

/** Weighted values `[[VALUE, WEIGHT], ...]`: text, numbers or booleans, weights above 0. */
function readValues(values: unknown): (readonly [CaseValue, number])[] | undefined {
  const ok =
    Array.isArray(values) &&
    values.length > 0 &&
    values.every((p) => Array.isArray(p) && p.length === 2 && (typeof p[0] === 'string' || typeof p[0] === 'number' || typeof p[0] === 'boolean') && typeof p[1] === 'number' && p[1] > 0 && Number.isFinite(p[1]));
  return ok ? (values as [CaseValue, number][]).map(([v, w]) => [v, w] as const) : undefined;
}

/** `facts: { NAME: { values: [[VALUE, WEIGHT], ...], assumption: TEXT } }`. */
function readFacts(v: unknown, problems: string[]): Record<string, PracticeFact> | undefined {
  if (v === undefined) return undefined;
  if (!isRecord(v)) {
    problems.push('facts: expected NAME -> { values: [[VALUE, WEIGHT], ...], assumption: TEXT }');
    return undefined;
  }
  const out: Record<string, PracticeFact> = {};
  for (const [name, f] of Object.entries(v)) {
    const values = isRecord(f) ? readValues(f['values']) : undefined;
    const assumption = isRecord(f) ? f['assumption'] : undefined;
    const extra = isRecord(f) ? Object.keys(f).filter((k) => k !== 'values' && k !== 'assumption') : [];
    if (!NAME.test(name) || values === undefined || extra.length > 0) problems.push(`facts.${name}: expected { values: [[VALUE, WEIGHT], ...] with weights above 0, assumption: TEXT }`);
    else if (typeof assumption !== 'string' || assumption.trim() === '') problems.push(`facts.${name}.assumption: state the assumption in words`);
    else out[name] = { values, assumption: assumption.trim() };
  }
  return out;
}

/** `drop: { events: [EVENT, ...], assumption: TEXT }`. */
function readDrop(v: unknown, problems: string[]): PracticeDrop | undefined {
  if (v === undefined) return undefined;
  const events = isRecord(v) ? v['events'] : undefined;
  const assumption = isRecord(v) ? v['assumption'] : undefined;
  if (!isRecord(v) || Object.keys(v).some((k) => k !== 'events' && k !== 'assumption') || !Array.isArray(events) || events.length === 0 || !events.every((e) => typeof e === 'string' && NAME.test(e))) {
    problems.push('drop: expected { events: [EVENT, ...], assumption: TEXT }');
    return undefined;
  }
  if (typeof assumption !== 'string' || assumption.trim() === '') {
    problems.push('drop.assumption: state the assumption in words');
    return undefined;
  }
  return { events: events as string[], assumption: assumption.trim() };
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
    for (const a of declared.attributes) if (!a.optional && m.attributes[a.name] === undefined && m.copy?.[a.name] === undefined) problems.push(`${at}: ${m.event} needs ${a.name}; give its values under attributes`);
    if (m.onlyIf !== undefined) {
      for (const name of ['some' in m.onlyIf ? m.onlyIf.some : m.onlyIf.none, m.onlyIf.since]) if (!events.has(name)) problems.push(`${at}: onlyIf: ${ir.id} declares no event ${name}`);
    }
    const base = m.relativeTo === undefined ? undefined : events.get(m.relativeTo);
    for (const [name, from] of Object.entries(m.copy ?? {})) {
      const target = declared.attributes.find((a) => a.name === name);
      const source = base?.attributes.find((a) => a.name === from);
      if (target === undefined) problems.push(`${at}: ${m.event} has no attribute ${name}`);
      else if (base !== undefined && source === undefined) problems.push(`${at}: copy: ${base.name} has no attribute ${from}`);
      else if (source !== undefined && JSON.stringify(source.type) !== JSON.stringify(target.type)) problems.push(`${at}: copy: ${base?.name}.${from} and ${m.event}.${name} are of different types`);
    }
  });
  const roles = new Set(ir.roles.map((r) => r.name));
  for (const [name, f] of Object.entries(model.facts ?? {})) {
    const declared = ir.facts.find((x) => x.name === name);
    if (declared === undefined) {
      problems.push(`facts.${name}: ${ir.id} declares no fact ${name}`);
      continue;
    }
    const t = declared.type;
    for (const [value] of f.values) {
      const fits =
        t.kind === 'boolean' ? typeof value === 'boolean'
        : t.kind === 'number' ? typeof value === 'number'
        : t.kind === 'enum' ? typeof value === 'string' && t.values.includes(value)
        : t.kind === 'role' ? typeof value === 'string' && roles.has(value)
        : t.kind === 'text' ? typeof value === 'string'
        : false;
      if (!fits) problems.push(`facts.${name}: ${JSON.stringify(value)} is not a value of ${name} (${t.kind})`);
    }
  }
  for (const name of model.drop?.events ?? []) {
    if (!events.has(name)) problems.push(`drop: ${ir.id} declares no event ${name}`);
    if (model.events.some((m) => m.event === name)) problems.push(`drop: ${name} is made by the model itself`);
  }
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
export function applyPractice(given: CaseInput, model: PracticeModel, policy: CompiledPolicy, to: PlainDate, r: Random): CaseInput {
  // The model's facts first (drawn in the model's order of names), so the case validates.
  let c = given;
  if (model.facts !== undefined) {
    const facts: Record<string, CaseValue> = { ...(c.facts ?? {}) };
    for (const [name, f] of Object.entries(model.facts)) facts[name] = weighted(r, f.values);
    c = { id: c.id, child: c.child, facts, events: c.events };
  }
  const made = practiceEvents(c, model, policy, to, r);
  const drop = model.drop;
  return drop === undefined ? made : { ...made, events: made.events.filter((e) => !drop.events.includes(e.type)) };
}

function practiceEvents(c: CaseInput, model: PracticeModel, policy: CompiledPolicy, to: PlainDate, r: Random): CaseInput {
  let events: CaseEventInput[] = [...c.events];
  // Events in date order, a made event after the case's own (and after those made before it) on
  // the same date: a stable sort of the events followed by the made ones. The events are in date
  // order after the first merge (and a generated case's already are), so that is a merge of two
  // sorted lists, linear, rather than a sort of the whole case every round.
  let sorted = inDateOrder(events);
  const merge = (made: CaseEventInput[]): void => {
    if (made.length === 0) return;
    if (!sorted) {
      events = stableByDate([...events, ...made]);
      sorted = true;
      return;
    }
    const add = inDateOrder(made) ? made : stableByDate(made);
    const out: CaseEventInput[] = new Array<CaseEventInput>(events.length + add.length);
    let i = 0;
    let j = 0;
    let k = 0;
    while (i < events.length && j < add.length) {
      const e = events[i] as CaseEventInput;
      const m = add[j] as CaseEventInput;
      if (m.date < e.date) {
        out[k++] = m;
        j++;
      } else {
        out[k++] = e;
        i++;
      }
    }
    while (i < events.length) out[k++] = events[i++] as CaseEventInput;
    while (j < add.length) out[k++] = add[j++] as CaseEventInput;
    events = out;
  };
  const make = (m: PracticeEvent, base: PlainDate, from: CaseEventInput | undefined, made: CaseEventInput[]): void => {
    if (!r.chance(m.share)) return;
    const date = base + draw(r, m.offset);
    if (date > to) return;
    const event: Record<string, CaseValue> = { type: m.event, date: formatPlainDate(date) };
    for (const [name, values] of Object.entries(m.attributes)) event[name] = weighted(r, values);
    if (from !== undefined) {
      for (const [name, source] of Object.entries(m.copy ?? {})) {
        const value = (from as unknown as Record<string, CaseValue | undefined>)[source];
        if (value !== undefined) event[name] = value;
      }
    }
    made.push(event as CaseEventInput);
  };
  for (const { entries: batch, rounds, evaluator, again } of batchesOf(model, policy)) {
    const first = batch[0] as PracticeEvent;
    if (first.answers === undefined) {
      const made: CaseEventInput[] = [];
      events.forEach((e, i) => {
        if (e.type !== first.relativeTo) return;
        const base = dayOf(e.date);
        if (base !== undefined && (first.onlyIf === undefined || holds(first.onlyIf, events, i))) make(first, base, e, made);
      });
      merge(made);
      continue;
    }
    // One chance per distinct reference date of each entry's rule: obligations due the same day (the
    // same meeting booked twice) are answered by one event, as in practice. Repeated until no new
    // date comes: a cycle's next occurrence is due only once the one before it is answered.
    const tried = batch.map(() => new Set<PlainDate>());
    const index = new Map(batch.map((m, i) => [m.answers as string, i]));
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const v = policy.validate({ ...c, events });
      if (!v.ok) return c;
      const bases = batch.map(() => new Set<PlainDate>());
      // After the first round only the rules the batch's own events can move are evaluated again:
      // the others' due dates are as they were, all tried already.
      for (const o of (round === 0 ? evaluator : again).evaluateNormalized(v.case, to).obligations) {
        const i = index.get(o.rule);
        if (i === undefined) continue;
        const base = referenceDate(o);
        if (base !== undefined && !(tried[i] as Set<PlainDate>).has(base)) (bases[i] as Set<PlainDate>).add(base);
      }
      const made: CaseEventInput[] = [];
      batch.forEach((m, i) => {
        for (const base of [...(bases[i] as Set<PlainDate>)].sort((a, b) => a - b)) {
          (tried[i] as Set<PlainDate>).add(base);
          make(m, base, undefined, made);
        }
      });
      merge(made);
      if (made.length === 0 || !rounds) break;
    }
  }
  return { ...c, events };
}

/** Whether events are in date order (`YYYY-MM-DD` texts compare as dates). */
function inDateOrder(events: readonly CaseEventInput[]): boolean {
  for (let i = 1; i < events.length; i++) if ((events[i] as CaseEventInput).date < (events[i - 1] as CaseEventInput).date) return false;
  return true;
}

/** The events sorted by date, keeping their order on the same date. */
function stableByDate(events: readonly CaseEventInput[]): CaseEventInput[] {
  return events.map((e, i) => ({ e, i })).sort((a, b) => (a.e.date < b.e.date ? -1 : a.e.date > b.e.date ? 1 : a.i - b.i)).map((x) => x.e);
}

/** Batches of a model, computed once per (model, policy). */
const batchCache = new WeakMap<PracticeModel, WeakMap<CompiledPolicy, readonly Batch[]>>();

/** Entries applied together, whether what they make can bring their rules new due dates, and the policy their obligations are read from. */
interface Batch {
  readonly entries: readonly PracticeEvent[];
  readonly rounds: boolean;
  /** The policy with only the batch's rules (and the cycles its duties follow), else the whole policy. */
  readonly evaluator: CompiledPolicy;
  /**
   * The policy with only the rules of the batch whose obligations the batch's own events can move
   * (their IR names an event the batch makes): the rules evaluated again after the first round.
   */
  readonly again: CompiledPolicy;
}

/**
 * The policy reduced to the rules whose obligations a batch answers (and the cycles its duties
 * follow): the same obligations of those rules, evaluated without the others' cost. The whole
 * policy when reducing fails.
 */
export function reduced(policy: CompiledPolicy, answers: readonly string[]): CompiledPolicy {
  const ir = policy.ir;
  const keep = new Set(answers);
  for (const d of ir.duties ?? []) if (keep.has(d.id) && d.trigger.kind === 'cycle') keep.add(d.trigger.cycle);
  try {
    return preparePolicy({ ...ir, rules: ir.rules.filter((r) => keep.has(r.id)), duties: (ir.duties ?? []).filter((d) => keep.has(d.id)), approvals: [], limits: [], constraints: [], orders: [], ladders: [], criteria: [] }, { explanations: false });
  } catch {
    return policy;
  }
}

/**
 * The model's entries in batches applied together: a `relativeTo` entry alone; consecutive `answers`
 * entries share one evaluation of the case while no entry's rule (its IR but the events that meet
 * it, unless it is a cycle; and that of any fact, event or cycle it names) mentions the event type an
 * earlier entry of the batch makes, and no two answer the same rule. The result is what applying them one by one gives (their rules' obligations do not
 * depend on the batch's events); only the evaluations are shared.
 */
function batchesOf(model: PracticeModel, policy: CompiledPolicy): readonly Batch[] {
  let byPolicy = batchCache.get(model);
  if (byPolicy === undefined) {
    byPolicy = new WeakMap();
    batchCache.set(model, byPolicy);
  }
  const cached = byPolicy.get(policy);
  if (cached !== undefined) return cached;
  const ir = policy.ir;
  const rules = new Map<string, string>();
  for (const r of [...ir.rules, ...(ir.duties ?? [])]) rules.set(r.id, JSON.stringify(r));
  const named = new Map<string, string>();
  for (const slot of Object.values(ir) as unknown[]) {
    if (!Array.isArray(slot)) continue;
    for (const x of slot as unknown[]) {
      const id = isRecord(x) ? (typeof x['id'] === 'string' ? x['id'] : typeof x['name'] === 'string' ? x['name'] : undefined) : undefined;
      if (id !== undefined) named.set(id, `${named.get(id) ?? ''}${JSON.stringify(x)}`);
    }
  }
  // The text a rule's obligations (their reference dates) can depend on: its own IR and that of every
  // name it mentions; the events that meet it only for a cycle (its next occurrence counts from them).
  const textOf = (rule: string): string => {
    const json = rules.get(rule);
    if (json === undefined) return '';
    const node = JSON.parse(json) as Record<string, unknown>;
    const own = JSON.stringify({ ...node, id: undefined, title: undefined, citation: undefined, source: undefined, ...(node['kind'] === 'cycle' ? {} : { metBy: undefined }) });
    let text = own;
    for (const [name, decl] of named) if (name !== rule && own.includes(`"${name}"`)) text += decl;
    return text;
  };
  const out: Batch[] = [];
  let current: PracticeEvent[] = [];
  let texts: string[] = [];
  let made = new Set<string>();
  const close = (): void => {
    if (current.length === 0) return;
    // Another evaluation is needed only when an event the batch makes can bring new due dates.
    const moved = current.filter((_, i) => [...made].some((e) => (texts[i] as string).includes(`"${e}"`))).map((m) => m.answers as string);
    const evaluator = reduced(policy, current.map((m) => m.answers as string));
    out.push({ entries: current, rounds: moved.length > 0, evaluator, again: moved.length === current.length ? evaluator : reduced(policy, moved) });
    current = [];
    texts = [];
    made = new Set();
  };
  for (const m of model.events) {
    if (m.answers === undefined) {
      close();
      out.push({ entries: [m], rounds: false, evaluator: policy, again: policy });
      continue;
    }
    const text = textOf(m.answers);
    if (current.some((x) => x.answers === m.answers) || [...made].some((e) => text.includes(`"${e}"`))) close();
    current.push(m);
    texts.push(text);
    made.add(m.event);
  }
  close();
  byPolicy.set(policy, out);
  return out;
}

/** The most rounds a batch of `answers` entries is applied for (a cycle's occurrences over the period). */
const MAX_ROUNDS = 400;

/** Whether `onlyIf` holds for the base event at `index` of the date-ordered events. */
function holds(condition: PracticeCondition, events: readonly CaseEventInput[], index: number): boolean {
  const type = 'some' in condition ? condition.some : condition.none;
  let seen = false;
  for (let i = index - 1; i >= 0; i--) {
    const e = events[i] as CaseEventInput;
    if (e.type === condition.since) return 'some' in condition ? seen : !seen;
    if (e.type === type) seen = true;
  }
  return false;
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
 * no attribute values (the obligations do not say which event met them): add them by hand. The
 * boolean, enum and role facts of the policy are fitted as the shares of their values.
 */
export function fitPractice(cases: Iterable<unknown>, policy: CompiledPolicy, asOf: PlainDate): { model: PracticeModel; seen: FittedRule[]; invalid: number } {
  const ir = policy.ir;
  const single = new Map<string, string>();
  for (const r of [...ir.rules, ...(ir.duties ?? [])]) if (r.metBy.events.length === 1 && r.metBy.events[0] !== undefined) single.set(r.id, r.metBy.events[0]);
  const known = new Map<string, number>();
  const met = new Map<string, number>();
  const offsets = new Map<string, Map<number, number>>();
  let invalid = 0;
  // Facts whose values are the policy's own words (boolean, enum, role): their observed shares. Text
  // and number facts are not fitted (a text fact may hold anything), nor dates.
  const fittable = ir.facts.filter((f) => f.type.kind === 'boolean' || f.type.kind === 'enum' || f.type.kind === 'role');
  const factCounts = new Map<string, Map<CaseValue, number>>(fittable.map((f) => [f.name, new Map()]));
  let valid = 0;
  for (const value of cases) {
    const v = policy.validate(value);
    if (!v.ok) {
      invalid++;
      continue;
    }
    valid++;
    const given = isRecord(value) && isRecord(value['facts']) ? value['facts'] : {};
    for (const [name, counts] of factCounts) {
      const x = given[name];
      if (typeof x === 'string' || typeof x === 'boolean') counts.set(x, (counts.get(x) ?? 0) + 1);
    }
    // Per rule: each satisfying event counts for the one obligation whose reference date it is
    // nearest (the one it answered); an obligation met only by an event nearer another's due date
    // (a later review's minutes meeting an earlier review's rule late) was not answered.
    // Every obligation takes part in deciding which one an event is nearest; only those with a
    // known outcome are counted.
    const byRule = new Map<string, { base: PlainDate | undefined; on: PlainDate | undefined; bound: PlainDate | undefined; satisfied: boolean; known: boolean }[]>();
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
      list.push({ base: referenceDate(o), on: satisfied ? dayOf(o.satisfiedOn) : undefined, bound: o.due === undefined ? dayOf(o.bound) : undefined, satisfied, known: isKnown });
    }
    // The dates of each met-by event type in the case (a duty's obligation may be answered by a later
    // event in its window than the first one, which the runtime reports).
    const datesOf = new Map<string, PlainDate[]>();
    const raw = isRecord(value) && Array.isArray(value['events']) ? (value['events'] as unknown[]) : [];
    for (const e of raw) {
      if (!isRecord(e) || typeof e['type'] !== 'string' || typeof e['date'] !== 'string') continue;
      const d = parsePlainDate(e['date']);
      if (d === undefined) continue;
      let list = datesOf.get(e['type']);
      if (list === undefined) {
        list = [];
        datesOf.set(e['type'], list);
      }
      list.push(d);
    }
    for (const [rule, list] of byRule) {
      // Each event of the rule's type goes to the one obligation it can satisfy whose reference date
      // it is nearest (the first such on a tie). An event can satisfy an obligation when it is the
      // one the runtime reports, or (an obligation with a bound: a duty) a later one within the
      // bound: two meetings booked for different days give two duties whose windows overlap, and the
      // first venue booked satisfies both though it was booked for the first.
      const answeredAt = new Map<number, number>();
      for (const d of datesOf.get(single.get(rule) as string) ?? []) {
        let best = -1;
        let bestDistance = Number.POSITIVE_INFINITY;
        list.forEach((x, i) => {
          if (!x.satisfied || x.on === undefined || x.base === undefined) return;
          const can = d === x.on || (x.bound !== undefined && d > x.on && d <= x.bound);
          if (!can) return;
          const distance = Math.abs(d - x.base);
          if (distance < bestDistance) {
            best = i;
            bestDistance = distance;
          }
        });
        if (best < 0) continue;
        const x = list[best] as (typeof list)[number];
        const offset = d - (x.base as PlainDate);
        const was = answeredAt.get(best);
        if (was === undefined || Math.abs(offset) < Math.abs(was)) answeredAt.set(best, offset);
      }
      list.forEach((x, i) => {
        if (!x.known) return;
        known.set(rule, (known.get(rule) ?? 0) + 1);
        const offset = answeredAt.get(i);
        if (offset === undefined) return;
        met.set(rule, (met.get(rule) ?? 0) + 1);
        let hist = offsets.get(rule);
        if (hist === undefined) {
          hist = new Map();
          offsets.set(rule, hist);
        }
        hist.set(offset, (hist.get(offset) ?? 0) + 1);
      });
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
  const facts: Record<string, PracticeFact> = {};
  for (const [name, counts] of factCounts) {
    if (counts.size === 0) continue;
    const n = [...counts.values()].reduce((a, b) => a + b, 0);
    const values = [...counts.entries()].sort((a, b) => String(a[0]).localeCompare(String(b[0]))).map(([x, k]) => [x, k] as const);
    facts[name] = { values, assumption: `fitted: the values of ${name} in the ${n} of ${valid} cases that give it, as observed` };
  }
  return { model: { events, ...(Object.keys(facts).length > 0 ? { facts } : {}) }, seen, invalid };
}
