/**
 * The behavioural reading of a simulation: each case's events that a practice model makes are re-timed
 * against EACH policy's own due dates (retime.ts), optionally done within a weekly capacity per role
 * (capacity.ts), and each policy evaluated on its own re-timed case; and the static reading's
 * description, so that every report names the reading it is.
 *
 * Input: two prepared policies, the cases (`CaseRecord`s, validated under both policies as the static
 * reading does), the as-of date, a practice model, capacities and a seed. Output: a
 * `SimulationReport` (the static report's measures, computed on the re-timed cases) with `reading`
 * (the name and assumptions) and `behavioural` (each role's re-timed work per week, what slipped, the
 * backlog).
 *
 * INVARIANT: deterministic: the report depends only on the policies, the cases in order, the as-of
 * date, the model, the capacities and the seed. Case k's random draws come from its own stream
 * (seeded by the seed and k), and both policies draw from the same stream state, so a difference
 * between them comes from their due dates, not from different luck; the work runs in one thread.
 * INVARIANT (privacy): as the static report: cases named by id and origin only.
 * Browser-safe: no Node module.
 */
import type { CompiledPolicy, NormalizedCase, PlainDate } from '../../runtime/index.ts';
import type { PracticeModel } from '../caseload/practice.ts';
import { createRandom, hashSeed } from '../caseload/random.ts';
import type { CaseRecord } from '../caseload/types.ts';
import { createAccumulator, DEFAULT_REVIEW_RULE, sameVocabulary } from '../simulate/accumulate.ts';
import { asOfDate, finishReport } from '../simulate/simulate.ts';
import type { BehaviouralRole, ReadingInfo, ReadingPracticeEntry, RoleCapacity, RoleLoad, Side, SimulationReport } from '../simulate/types.ts';
import { scheduleWithinCapacity } from './capacity.ts';
import { entriesFor, madeTypes, retimeCase, withEvents } from './retime.ts';
import type { RetimedCase } from './retime.ts';

/** Options of `simulateBehavioural`. */
export interface BehaviouralOptions {
  readonly model: PracticeModel;
  /** Items per ISO week by role; a role not listed has no limit. */
  readonly capacity?: readonly RoleCapacity[];
  /** The seed of the model's random draws (any text or number). */
  readonly seed: string | number;
  readonly reviewRule?: string;
  /** Called every `progressEvery` cases (default 1000) and at the end, with the cases re-timed. */
  readonly onProgress?: (done: number) => void;
  readonly progressEvery?: number;
}

/** The static reading, named with its assumption. */
export function staticReading(): ReadingInfo {
  return {
    name: 'static',
    assumptions: [
      "The caseload's events as they happened, evaluated under each policy: nobody is assumed to react to the reform's due dates, so the reform's figures say what would have been late had practice not changed.",
    ],
    practice: null,
    seed: null,
    capacity: [],
  };
}

function list(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] ?? ''}`;
}

/** The behavioural reading's description: its assumptions in words and the model's entries. */
export function behaviouralReading(model: PracticeModel, sides: { baseline: CompiledPolicy; reform: CompiledPolicy }, capacity: readonly RoleCapacity[], seed: string | number): ReadingInfo {
  const b = entriesFor(model, sides.baseline);
  const r = entriesFor(model, sides.reform);
  const practice: ReadingPracticeEntry[] = model.events.map((e, i) => ({
    event: e.event,
    answers: e.answers ?? null,
    relativeTo: e.relativeTo ?? null,
    share: e.share,
    assumption: e.assumption,
    sides: [...(b.skipped.includes(i) ? [] : ['baseline' as Side]), ...(r.skipped.includes(i) ? [] : ['reform' as Side])],
  }));
  const types = [...madeTypes(model)];
  const assumptions = [
    `Events of the types the practice model makes (${list(types)}) are taken out of the caseload and made again against each policy's own due dates: how often and when practice does them, relative to the due date they answer, is the model's (its assumptions follow).`,
    'Every other event stays as it happened, under both policies.',
    capacity.length === 0
      ? 'No capacity limit: every re-timed item is done on the day the model plans it.'
      : `Each role's re-timed items are done within its weekly capacity (${capacity.map((c) => `${c.role} ${c.perWeek} a week`).join(', ')}; other roles: no limit): an item that does not fit in its ISO week slips to the next, oldest first, on the same weekday; a slipped item does not move the events timed from it (a cycle's next occurrence, an event relative to it).`,
    `The model's random draws come from seed ${String(seed)}; each case draws from its own stream, the same under both policies.`,
    ...practice.filter((p) => p.sides.length < 2).map((p) => `${p.event}${p.answers === null ? '' : ` (answering ${p.answers})`} is made under ${p.sides.length === 0 ? 'neither policy' : `the ${p.sides[0] ?? ''} only`}: the other lacks its event or rule.`),
  ];
  return { name: 'behavioural', assumptions, practice, seed: String(seed), capacity: [...capacity] };
}

function parseRecord(record: CaseRecord): { ok: true; value: unknown } | { ok: false } {
  if (record.kind === 'value') return { ok: true, value: record.value };
  try {
    return { ok: true, value: JSON.parse(record.text) as unknown };
  } catch {
    return { ok: false };
  }
}

function emptyLoad(): RoleLoad {
  return { items: 0, slipped: 0, notDone: 0, peakBacklog: 0, peakWeek: null, weeks: [] };
}

/** One record of a caseload checked under both policies: the normalised case under each, when valid under both. */
type CheckedCase = { readonly record: CaseRecord; readonly b: NormalizedCase; readonly r: NormalizedCase } | { readonly record: CaseRecord; readonly b: undefined; readonly r: undefined };

/**
 * A caseload parsed and validated under two policies once (`validateCaseload`), to be re-timed with
 * several seeds: each seed's run then skips parsing and validating every case again.
 */
export interface ValidatedCaseload {
  readonly kind: 'validated';
  readonly baseline: CompiledPolicy;
  readonly reform: CompiledPolicy;
  readonly cases: readonly CheckedCase[];
}

/** Parses and validates each record under both policies, once, for `simulateBehavioural` runs over several seeds. */
export function validateCaseload(baseline: CompiledPolicy, reform: CompiledPolicy, records: Iterable<CaseRecord>): ValidatedCaseload {
  const cases: CheckedCase[] = [];
  // One vocabulary: one normalised case serves both policies (half the memory held across seeds).
  const shared = sameVocabulary(baseline, reform);
  for (const record of records) {
    const parsed = parseRecord(record);
    const vb = parsed.ok ? baseline.validate(parsed.value) : undefined;
    const vr = parsed.ok && vb?.ok === true ? (shared ? vb : reform.validate(parsed.value)) : undefined;
    cases.push(vb?.ok === true && vr?.ok === true ? { record, b: vb.case, r: vr.case } : { record, b: undefined, r: undefined });
  }
  return { kind: 'validated', baseline, reform, cases };
}

function isValidated(cases: Iterable<CaseRecord> | ValidatedCaseload): cases is ValidatedCaseload {
  return (cases as { kind?: unknown }).kind === 'validated';
}

/** The records, checked one at a time (not held), or those of a validated caseload. */
function* checked(baseline: CompiledPolicy, reform: CompiledPolicy, cases: Iterable<CaseRecord> | ValidatedCaseload): Iterable<CheckedCase> {
  if (isValidated(cases)) {
    if (cases.baseline !== baseline || cases.reform !== reform) throw new RangeError('the caseload was validated under other policies');
    yield* cases.cases;
    return;
  }
  for (const record of cases) yield* validateCaseload(baseline, reform, [record]).cases;
}

/**
 * The behavioural reading: every case valid under both policies is re-timed under each (a case that
 * is not is a failure, as in the static reading), the re-timed work is placed within capacity, and
 * each policy is evaluated on its own re-timed case. `cases`: records, or a caseload validated once
 * under the same two policies (`validateCaseload`; the report is the same).
 */
export function simulateBehavioural(baseline: CompiledPolicy, reform: CompiledPolicy, cases: Iterable<CaseRecord> | ValidatedCaseload, asOf: PlainDate | string, options: BehaviouralOptions): SimulationReport {
  const day = asOfDate(asOf);
  const reviewRule = options.reviewRule ?? DEFAULT_REVIEW_RULE;
  const capacity = options.capacity ?? [];
  const types = madeTypes(options.model);
  const entries = { baseline: entriesFor(options.model, baseline).entries, reform: entriesFor(options.model, reform).entries };
  const seedHash = hashSeed(`${String(options.seed)}/behavioural`);
  const acc = createAccumulator(baseline, reform, day, { reviewRule });
  const every = Math.max(1, options.progressEvery ?? 1000);

  // 1. Re-time each valid case under each policy (an invalid one is recorded as a failure).
  const held: { ordinal: number; b: RetimedCase; r: RetimedCase }[] = [];
  let ordinal = 0;
  for (const c of checked(baseline, reform, cases)) {
    if (c.b !== undefined) {
      held.push({
        ordinal,
        b: retimeCase(baseline, c.b, entries.baseline, types, day, createRandom(seedHash, ordinal)),
        r: retimeCase(reform, c.r, entries.reform, types, day, createRandom(seedHash, ordinal)),
      });
    } else acc.addRecord(c.record, ordinal); // not valid under both: the accumulator lists every problem
    ordinal++;
    if (options.onProgress !== undefined && ordinal % every === 0) options.onProgress(ordinal);
  }

  // 2. Place each role's work within its capacity, policy by policy.
  const limit = new Map(capacity.map((c) => [c.role, c.perWeek]));
  const loads = new Map<string, { baseline: RoleLoad; reform: RoleLoad }>();
  const doneDates = { baseline: held.map((h) => h.b.made.map((m) => m.planned as PlainDate | undefined)), reform: held.map((h) => h.r.made.map((m) => m.planned as PlainDate | undefined)) };
  for (const side of ['baseline', 'reform'] as const) {
    // Per role: where each item is (case k, item j: two flat lists, not a pair per item) and when it is planned.
    const byRole = new Map<string, { cases: number[]; items: number[]; planned: PlainDate[] }>();
    for (let k = 0; k < held.length; k++) {
      const h = held[k] as (typeof held)[number];
      const made = (side === 'baseline' ? h.b : h.r).made;
      for (let j = 0; j < made.length; j++) {
        const m = made[j] as (typeof made)[number];
        if (m.role === null) continue;
        let entry = byRole.get(m.role);
        if (entry === undefined) {
          entry = { cases: [], items: [], planned: [] };
          byRole.set(m.role, entry);
        }
        entry.cases.push(k);
        entry.items.push(j);
        entry.planned.push(m.planned);
      }
    }
    for (const [role, { cases: at, items, planned }] of byRole) {
      const { done, load } = scheduleWithinCapacity(planned, limit.get(role) ?? null, day);
      const dates = doneDates[side];
      for (let i = 0; i < at.length; i++) (dates[at[i] as number] as (PlainDate | undefined)[])[items[i] as number] = done[i];
      const both = loads.get(role) ?? { baseline: emptyLoad(), reform: emptyLoad() };
      both[side] = load;
      loads.set(role, both);
    }
  }
  for (const c of capacity) if (!loads.has(c.role)) loads.set(c.role, { baseline: emptyLoad(), reform: emptyLoad() });

  // 3. Evaluate each policy on its own re-timed case.
  held.forEach((h, k) => {
    const b: NormalizedCase = withEvents(h.b.kept, h.b.made, doneDates.baseline[k] as (PlainDate | undefined)[]);
    const r: NormalizedCase = withEvents(h.r.kept, h.r.made, doneDates.reform[k] as (PlainDate | undefined)[]);
    acc.addPair(b, r, h.ordinal);
  });
  options.onProgress?.(ordinal);

  const report = finishReport(acc.partial, baseline.ir, reform.ir, day, reviewRule);
  const roles: BehaviouralRole[] = [...loads]
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([role, l]) => ({ role, capacity: limit.get(role) ?? null, baseline: l.baseline, reform: l.reform }));
  // The reading first: a report says which reading it is before any figure.
  return { reading: behaviouralReading(options.model, { baseline, reform }, capacity, options.seed), ...report, behavioural: { roles } };
}
