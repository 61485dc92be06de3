/**
 * Weekly capacity per role, and work done within it: the part of the behavioural reading where the
 * children's cases meet each other (one team's week is shared by all of them).
 *
 * Input: a practice model file's `capacity` section (`readCapacity`) or `--capacity ROLE=N` /
 * `ROLE=NxSTAFF` flags (`parseCapacityFlag`); then the re-timed items of one role under one policy,
 * each with its planned date, and the as-of date (`scheduleWithinCapacity`). Output: capacities by
 * role; for each item the date it is done (or `undefined`: not done by the as-of date), and the role's
 * weeks (demand, done, backlog).
 *
 * The rule: weeks are ISO weeks (Monday to Sunday). Each week, the items planned in it join the
 * backlog after the items carried from earlier weeks; the first `perWeek` of the backlog (oldest
 * planned first; then by the order given) are done that week, on their planned weekday (an item
 * planned on a Tuesday and slipped two weeks is done on the Tuesday two weeks later); the rest wait.
 * An item whose done date would be after the as-of date is not done. With no capacity, every item is
 * done on its planned date.
 *
 * INVARIANT: deterministic: the result depends only on the items in the order given and the as-of
 * date; never throws on a bad capacity (problems are values). Browser-safe: no Node module.
 */
import { isoWeekday } from '../../runtime/index.ts';
import type { PlainDate } from '../../runtime/index.ts';
import { isoWeek } from '../simulate/accumulate.ts';
import type { LoadWeek, RoleCapacity, RoleLoad } from '../simulate/types.ts';

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** No team completes more items than this in a week (a typo guard). */
const MAX_PER_WEEK = 1_000_000;

function count(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= MAX_PER_WEEK;
}

/**
 * The `capacity` section of a practice model file (absent: none): role -> items per week for the
 * role as a whole, or `{ perWeek: N, staff: S }` (N items per person, S people: N x S a week).
 */
export function readCapacity(file: unknown): { ok: true; capacity: RoleCapacity[] } | { ok: false; problems: string[] } {
  const section = typeof file === 'object' && file !== null && !Array.isArray(file) ? (file as Record<string, unknown>)['capacity'] : undefined;
  if (section === undefined) return { ok: true, capacity: [] };
  if (typeof section !== 'object' || section === null || Array.isArray(section)) return { ok: false, problems: ['capacity: expected role -> items per week (or { perWeek: N, staff: S })'] };
  const problems: string[] = [];
  const capacity: RoleCapacity[] = [];
  for (const [role, v] of Object.entries(section as Record<string, unknown>)) {
    const at = `capacity.${role}`;
    if (!NAME.test(role)) problems.push(`${at}: expected a role name`);
    else if (count(v)) capacity.push({ role, perWeek: v });
    else if (typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).every((k) => k === 'perWeek' || k === 'staff') && count((v as Record<string, unknown>)['perWeek']) && count((v as Record<string, unknown>)['staff'] ?? 1)) {
      const o = v as { perWeek: number; staff?: number };
      capacity.push({ role, perWeek: o.perWeek * (o.staff ?? 1) });
    } else problems.push(`${at}: expected a whole number of items per week (0 to ${MAX_PER_WEEK}), or { perWeek: N, staff: S }`);
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, capacity };
}

/** `ROLE=N` (items a week for the role) or `ROLE=NxS` (N per person, S people); undefined if malformed. */
export function parseCapacityFlag(text: string): RoleCapacity | undefined {
  const m = /^([A-Za-z_][A-Za-z0-9_]*)=(\d{1,7})(?:x(\d{1,7}))?$/.exec(text.trim());
  if (m === null) return undefined;
  const perWeek = Number(m[2]) * (m[3] === undefined ? 1 : Number(m[3]));
  return perWeek <= MAX_PER_WEEK ? { role: m[1] as string, perWeek } : undefined;
}

/** Capacities by role: later entries (the command line's) replace earlier ones (the file's). */
export function mergeCapacity(...lists: readonly (readonly RoleCapacity[])[]): RoleCapacity[] {
  const byRole = new Map<string, number>();
  for (const list of lists) for (const c of list) byRole.set(c.role, c.perWeek);
  return [...byRole].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([role, perWeek]) => ({ role, perWeek }));
}

/** The Monday of a date's ISO week. */
export function mondayOf(d: PlainDate): PlainDate {
  return d - (isoWeekday(d) - 1);
}

/**
 * Schedules one role's items under one policy. `planned[i]` is item i's planned date (on or before
 * `asOf`); the result's `done[i]` is the date it is done, or `undefined` when it is not done by
 * `asOf`. `perWeek` null: no limit. The order of `planned` breaks ties between items planned the
 * same day (give them in a stable order: by case, then by event).
 */
/**
 * The items' indices ordered by planned date, then index: a counting sort over the days spanned
 * (stable, so ties stay in index order), or a comparison sort when the span is wide.
 */
function byDateThenIndex(planned: readonly PlainDate[]): number[] {
  const n = planned.length;
  if (n === 0) return [];
  let min = planned[0] as number;
  let max = min;
  for (let i = 1; i < n; i++) {
    const d = planned[i] as number;
    if (d < min) min = d;
    else if (d > max) max = d;
  }
  const span = max - min + 1;
  if (span > 4 * n + 100_000) return planned.map((_, i) => i).sort((a, b) => (planned[a] as number) - (planned[b] as number) || a - b);
  const start = new Int32Array(span + 1);
  for (let i = 0; i < n; i++) {
    const d = (planned[i] as number) - min + 1;
    start[d] = (start[d] as number) + 1;
  }
  for (let d = 1; d <= span; d++) start[d] = (start[d] as number) + (start[d - 1] as number);
  const order = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const d = (planned[i] as number) - min;
    const at = start[d] as number;
    order[at] = i;
    start[d] = at + 1;
  }
  return order;
}

export function scheduleWithinCapacity(planned: readonly PlainDate[], perWeek: number | null, asOf: PlainDate): { done: (PlainDate | undefined)[]; load: RoleLoad } {
  const done: (PlainDate | undefined)[] = new Array<PlainDate | undefined>(planned.length).fill(undefined);
  const order = byDateThenIndex(planned);
  const weeks: LoadWeek[] = [];
  let slipped = 0;
  let peakBacklog = 0;
  let peakWeek: string | null = null;
  if (order.length === 0) return { done, load: { items: 0, slipped: 0, notDone: 0, peakBacklog: 0, peakWeek: null, weeks } };
  const lastMonday = mondayOf(asOf);
  const queue: number[] = [];
  let head = 0; // queue[head..] waits
  let next = 0; // order[next..] not yet planned
  for (let monday = mondayOf(planned[order[0] as number] as number); monday <= lastMonday; monday += 7) {
    let demand = 0;
    while (next < order.length && mondayOf(planned[order[next] as number] as number) === monday) {
      queue.push(order[next] as number);
      next++;
      demand++;
    }
    const room = perWeek === null ? queue.length - head : Math.min(perWeek, queue.length - head);
    let doneNow = 0;
    for (let k = 0; k < room; k++) {
      const i = queue[head++] as number;
      const at = (planned[i] as number) + (monday - mondayOf(planned[i] as number));
      if (at > (planned[i] as number)) slipped++;
      if (at <= asOf) {
        done[i] = at;
        doneNow++;
      }
    }
    const backlog = queue.length - head;
    if (backlog > peakBacklog) {
      peakBacklog = backlog;
      peakWeek = isoWeek(monday);
    }
    weeks.push({ week: isoWeek(monday), demand, done: doneNow, backlog });
    if (next >= order.length && backlog === 0) break;
  }
  const notDone = planned.length - done.filter((d) => d !== undefined).length;
  // Items left waiting on the as-of date slipped too (they were not done in their week).
  slipped += queue.length - head;
  return { done, load: { items: planned.length, slipped, notDone, peakBacklog, peakWeek, weeks } };
}
