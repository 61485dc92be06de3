/**
 * Re-timing one case against one policy: the events a practice model makes are taken out of the
 * case and made again against THIS policy's due dates, so that a reform that moves a due date moves
 * the work that answers it.
 *
 * Input: a prepared policy, a case valid under it (`NormalizedCase`), the model's entries that apply
 * to the policy (`entriesFor`), the as-of date and a random stream. Output: the case's own events
 * of other types, kept as they happened, and the events made (`RetimedEvent`: planned date, role),
 * not yet placed within capacity; `withEvents` builds the case to evaluate.
 *
 * How an entry is applied (the generator's rules, practice.ts, applied to the re-timed case):
 * - `answers RULE`: the policy's obligations of RULE, in the case as re-timed so far, give one chance
 *   each per distinct reference date (due date; a duty's bound, else its trigger's date); the event
 *   happens with the entry's `share`, dated reference + offset. The case is evaluated again with the
 *   events made, until no new reference date appears: a cycle's next occurrence is due from the event
 *   that met the last (reviews re-timed one after another), a deadline's needs one more evaluation.
 * - `relativeTo EVENT`: one chance per event of that type (as re-timed so far), dated from it.
 * Events dated after the as-of date are not made. The work's role is the owner of the rule answered
 * (`relativeTo`: the owner of the first rule the event meets); no role: not counted as work.
 *
 * INVARIANT: deterministic: the same policy, case, entries, as-of date and random stream give the
 * same events. Browser-safe: no Node module.
 */
import { parsePlainDate } from '../../runtime/index.ts';
import type { CompiledPolicy, FactValue, NormalizedCase, NormalizedEvent, PlainDate } from '../../runtime/index.ts';
import { draw, reduced, referenceDate, weighted } from '../caseload/practice.ts';
import type { PracticeEvent, PracticeModel } from '../caseload/practice.ts';
import type { Random } from '../caseload/random.ts';

/** A model entry as one policy reads it: with the role whose work its events are. */
export interface PolicyEntry {
  readonly entry: PracticeEvent;
  /** The owner of the rule answered (or met, for `relativeTo`); null: nobody's counted work. */
  readonly role: string | null;
  /** Names of the event's date-typed attributes (their model values are `YYYY-MM-DD` text). */
  readonly dateAttributes: ReadonlySet<string>;
  /** The entry gives no attribute values. */
  readonly noAttributes: boolean;
}

/** An event the re-timing made. */
export interface RetimedEvent {
  readonly type: string;
  /** When practice would do it, before any capacity limit. */
  readonly planned: PlainDate;
  readonly role: string | null;
  readonly attributes: Readonly<Record<string, FactValue>>;
}

/** A case re-timed under one policy: its kept events, and the events made. */
export interface RetimedCase {
  readonly kept: NormalizedCase;
  readonly made: readonly RetimedEvent[];
}

/**
 * The policy reduced to one rule (and the cycle a duty follows), by policy and rule: an `answers`
 * entry reads only its rule's obligations, which are the same in the reduced policy, at a fraction
 * of evaluating every rule (the re-timing evaluates a case once per round).
 */
const reducedByRule = new WeakMap<CompiledPolicy, Map<string, Evaluator>>();

/**
 * A reduced policy and the event types its IR names (besides the declarations of events): the
 * only events that can change its obligations. Events of other types are left out of the case it
 * evaluates (fewer events to walk every round); its obligations are the same.
 */
interface Evaluator {
  readonly policy: CompiledPolicy;
  readonly types: ReadonlySet<string>;
}

function evaluatorOf(policy: CompiledPolicy, rule: string): Evaluator {
  let byRule = reducedByRule.get(policy);
  if (byRule === undefined) {
    byRule = new Map();
    reducedByRule.set(policy, byRule);
  }
  let hit = byRule.get(rule);
  if (hit === undefined) {
    const small = reduced(policy, [rule]);
    const declared = new Set(small.ir.events.map((e) => e.name));
    const types = new Set<string>();
    // Every quoted name in the IR but its event declarations: a superset of the types it reads.
    for (const m of JSON.stringify({ ...small.ir, events: [] }).matchAll(/"([A-Za-z_][A-Za-z0-9_]*)"/g)) if (declared.has(m[1] as string)) types.add(m[1] as string);
    hit = { policy: small, types };
    byRule.set(rule, hit);
  }
  return hit;
}

/** Merges `fresh` (sorted by date, then index) into `sorted` (likewise): a new array. */
function mergeSorted(sorted: readonly NormalizedEvent[], fresh: readonly NormalizedEvent[]): NormalizedEvent[] {
  const out: NormalizedEvent[] = new Array<NormalizedEvent>(sorted.length + fresh.length);
  let i = 0;
  let k = 0;
  let o = 0;
  while (i < sorted.length && k < fresh.length) {
    const e = sorted[i] as NormalizedEvent;
    const f = fresh[k] as NormalizedEvent;
    if (f.date < e.date || (f.date === e.date && f.index < e.index)) {
      out[o++] = f;
      k++;
    } else {
      out[o++] = e;
      i++;
    }
  }
  while (i < sorted.length) out[o++] = sorted[i++] as NormalizedEvent;
  while (k < fresh.length) out[o++] = fresh[k++] as NormalizedEvent;
  return out;
}

/** `YYYY-MM-DD` texts of obligations, parsed once (a caseload repeats the same few thousand days). */
const dayOfText = new Map<string, PlainDate>();

/** The date an answer is measured from (practice.ts `referenceDate`), with the texts' days memoised. */
function referenceDay(o: { readonly due?: string; readonly bound?: string; readonly anchor: { readonly date?: string } }): PlainDate | undefined {
  const text = o.due ?? o.bound ?? o.anchor.date;
  if (text === undefined) return undefined;
  let d = dayOfText.get(text);
  if (d === undefined) {
    const parsed = referenceDate(o as Parameters<typeof referenceDate>[0]);
    if (parsed === undefined) return undefined;
    if (dayOfText.size > 100_000) dayOfText.clear();
    dayOfText.set(text, parsed);
    d = parsed;
  }
  return d;
}

/** Cap on evaluations per entry and case (a cycle re-timed one occurrence per round). */
const MAX_ROUNDS = 400;

/**
 * The model's entries that apply to a policy (those whose event it declares and whose rule or
 * `relativeTo` event it has), with their roles; `skipped` lists the others by index.
 */
export function entriesFor(model: PracticeModel, policy: CompiledPolicy): { entries: PolicyEntry[]; skipped: number[] } {
  const ir = policy.ir;
  const events = new Map(ir.events.map((e) => [e.name, e]));
  const rules = [...ir.rules, ...(ir.duties ?? [])];
  const owner = new Map(rules.map((r) => [r.id, r.owner]));
  const entries: PolicyEntry[] = [];
  const skipped: number[] = [];
  model.events.forEach((entry, i) => {
    const declared = events.get(entry.event);
    const applies = declared !== undefined && (entry.answers !== undefined ? owner.has(entry.answers) : entry.relativeTo !== undefined && events.has(entry.relativeTo));
    if (!applies) {
      skipped.push(i);
      return;
    }
    const role = entry.answers !== undefined ? (owner.get(entry.answers) ?? null) : (rules.find((r) => r.metBy.events.includes(entry.event))?.owner ?? null);
    entries.push({ entry, role: role === '' ? null : role, dateAttributes: new Set(declared.attributes.filter((a) => a.type.kind === 'date').map((a) => a.name)), noAttributes: Object.keys(entry.attributes).length === 0 });
  });
  return { entries, skipped };
}

/** The event types a model makes: the re-timing takes them out of the case before making them again. */
export function madeTypes(model: PracticeModel): ReadonlySet<string> {
  return new Set(model.events.map((e) => e.event));
}

/**
 * The case with `made` added, each at its date (`undefined`: not done, left out), after the case's
 * own events on the same day; sorted by date, then position.
 */
export function withEvents(kept: NormalizedCase, made: readonly { readonly type: string; readonly attributes: Readonly<Record<string, FactValue>> }[], dates: readonly (PlainDate | undefined)[]): NormalizedCase {
  const events: NormalizedEvent[] = [...kept.events];
  let index = kept.events.length;
  made.forEach((m, i) => {
    const date = dates[i];
    if (date !== undefined) events.push({ type: m.type, date, index: index++, attributes: m.attributes });
  });
  events.sort((a, b) => a.date - b.date || a.index - b.index);
  return { ...kept, events };
}

/** The attributes of a made event of an entry that gives none (shared: never written). */
const NO_ATTRIBUTES: Readonly<Record<string, FactValue>> = Object.freeze({});

function makeAttributes(p: PolicyEntry, r: Random): Readonly<Record<string, FactValue>> {
  if (p.noAttributes) return NO_ATTRIBUTES;
  const out: Record<string, FactValue> = {};
  for (const [name, values] of Object.entries(p.entry.attributes)) {
    const v = weighted(r, values);
    out[name] = p.dateAttributes.has(name) && typeof v === 'string' ? (parsePlainDate(v) ?? v) : v;
  }
  return out;
}

/** Re-times one case under one policy (see the file's comment). */
export function retimeCase(policy: CompiledPolicy, c: NormalizedCase, entries: readonly PolicyEntry[], types: ReadonlySet<string>, asOf: PlainDate, r: Random): RetimedCase {
  const own = c.events.filter((e) => !types.has(e.type));
  const kept: NormalizedCase = own.length === c.events.length ? c : { ...c, events: own };
  const made: RetimedEvent[] = [];
  // The case as re-timed so far: `withEvents(kept, made, planned dates)`, kept up to date by merging
  // each round's new events in (sorted by date, then index, ties in list order, as its stable sort
  // does) rather than sorting the whole case again every round.
  let sorted: readonly NormalizedEvent[] = kept.events; // never written: each merge makes a new array
  let merged = 0;
  const current = (): NormalizedCase => {
    if (merged < made.length) {
      const fresh: NormalizedEvent[] = [];
      for (let j = merged; j < made.length; j++) {
        const m = made[j] as RetimedEvent;
        fresh.push({ type: m.type, date: m.planned, index: kept.events.length + j, attributes: m.attributes });
      }
      fresh.sort((a, b) => a.date - b.date || a.index - b.index);
      sorted = mergeSorted(sorted, fresh);
      merged = made.length;
    }
    return { ...kept, events: sorted };
  };
  for (const p of entries) {
    const m = p.entry;
    const make = (base: PlainDate): void => {
      if (!r.chance(m.share)) return;
      const planned = base + draw(r, m.offset);
      if (planned > asOf) return;
      made.push({ type: m.event, planned, role: p.role, attributes: makeAttributes(p, r) });
    };
    if (m.answers !== undefined) {
      const tried = new Set<PlainDate>();
      const { policy: evaluator, types: relevant } = evaluatorOf(policy, m.answers);
      // The case as re-timed so far, with only the event types the reduced policy reads (the same
      // order): kept up to date with this entry's events as they are made.
      const all = current().events;
      let view: readonly NormalizedEvent[] = all.every((e) => relevant.has(e.type)) ? all : all.filter((e) => relevant.has(e.type));
      let viewed = made.length;
      for (let round = 0; round < MAX_ROUNDS; round++) {
        if (viewed < made.length) {
          const fresh: NormalizedEvent[] = [];
          for (let j = viewed; j < made.length; j++) {
            const x = made[j] as RetimedEvent;
            if (relevant.has(x.type)) fresh.push({ type: x.type, date: x.planned, index: kept.events.length + j, attributes: x.attributes });
          }
          fresh.sort((a, b) => a.date - b.date || a.index - b.index);
          view = mergeSorted(view, fresh);
          viewed = made.length;
        }
        // New reference dates, each once, in the obligations' order (a handful: an array).
        const fresh: PlainDate[] = [];
        for (const o of evaluator.evaluateNormalized({ ...kept, events: view }, asOf).obligations) {
          if (o.rule !== m.answers) continue;
          const base = referenceDay(o);
          if (base !== undefined && !tried.has(base) && !fresh.includes(base)) fresh.push(base);
        }
        if (fresh.length === 0) break;
        for (const base of fresh.sort((a, b) => a - b)) {
          tried.add(base);
          make(base);
        }
      }
    } else {
      const sources = current().events.filter((e) => e.type === m.relativeTo).map((e) => e.date);
      for (const base of sources) make(base);
    }
  }
  return { kept, made };
}
