/**
 * What the kinds that produce obligations (deadline, cycle, duty) share: due-date preparation,
 * event-type flag tables, the rule's common prepared fields, the search for a satisfying event, and
 * which event rearranges a meeting (`supersedes earlier`).
 *
 * Input: IR rules and the prepare context (once per policy); per case the `CaseState`. Output:
 * `CompiledDue`s, flag tables, `CompiledRuleBase`s, and per case the index of a satisfying event, an
 * obligation's status and the index of the event that replaces an arrangement. Semantics of status and satisfaction: `runtime/evaluate.ts` (3), and the
 * kind modules `deadline.ts` and `cycle.ts`.
 *
 * INVARIANT: nothing here allocates per case except `UsedMarks` growing to the longest case seen.
 */

import type { IrDue, IrRule, PolicyIR } from '../ir.ts';
import type { PlainDate } from '../dates.ts';
import type { WorkingDayCalendar } from '../calendar.ts';
import type { NormalizedEvent } from '../case.ts';
import { MalformedIrError, compileCondition } from '../conditions.ts';
import { describeMetBy, dueDates, dueDescriber } from '../explain.ts';
import type { ObligationStatus } from '../result.ts';
import type { CaseState, CompiledDue, CompiledRuleBase, PrepareContext } from './types.ts';

export function compileDue(due: IrDue, calendar: WorkingDayCalendar, where: string): CompiledDue {
  const amount = due.offset.amount;
  if (!Number.isSafeInteger(amount) || amount < 0) throw new MalformedIrError(`${where}: offset ${String(amount)} is not a non-negative integer`);
  // Month and year arithmetic is memoised by day per rule step (`shifter`), since the same anchors
  // recur across evaluations.
  const { offset, compute } = dueDates(due, calendar);
  return { ir: due, offset, compute, describe: dueDescriber(due, calendar, offset, compute) };
}

export function flags(names: readonly string[], typeIds: ReadonlyMap<string, number>, count: number, where: string): Uint8Array {
  const out = new Uint8Array(count);
  for (const name of names) {
    const id = typeIds.get(name);
    if (id === undefined) throw new MalformedIrError(`${where}: undeclared event \`${name}\``);
    out[id] = 1;
  }
  return out;
}

/** The fields every obligation rule carries, prepared (`met by`, its `where`, rank). */
export function compileRuleBase(rule: IrRule, ir: PolicyIR, ctx: PrepareContext): CompiledRuleBase {
  const { typeIds, calendar } = ctx;
  const at = `rule \`${rule.id}\``;
  return {
    kind: rule.kind,
    ir: rule,
    id: rule.id,
    title: rule.title,
    owner: rule.owner,
    rank: ctx.ranks.get(rule.id) ?? 0,
    metBy: flags(rule.metBy.events, typeIds, typeIds.size, at),
    where: rule.metBy.where === undefined ? undefined : compileCondition(rule.metBy.where, ir, `the \`met by\` of rule \`${rule.id}\``, calendar),
    metByText: describeMetBy(rule.metBy.events, rule.metBy.where?.text),
  };
}

/** Index of the first considered event dated on or after `date` (events are sorted by date). */
function lowerBound(events: readonly NormalizedEvent[], n: number, date: PlainDate): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((events[mid] as NormalizedEvent).date < date) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function statusOf(dueDate: PlainDate, satisfier: NormalizedEvent | undefined, asOf: PlainDate): ObligationStatus {
  if (satisfier !== undefined) return satisfier.date <= dueDate ? 'met' : 'met_late';
  return asOf > dueDate ? 'overdue' : 'open';
}

/**
 * Index of the event that replaces event `i`, of a type declared `supersedes earlier` (type id
 * `type`), whose date attribute names `date` (the meeting it arranges): the first later event of the
 * same type (date-then-input order) dated strictly before `date`; -1 if none. One recorded on `date`
 * itself (the next meeting, agreed at this one) replaces nothing. The one rule of "later" for every
 * kind: a deadline measured from the attribute, the `previous` matching window passing over replaced
 * dates (`deadline.ts`), a duty bounded by the attribute (`duty.ts`).
 */
export function replacedBy(st: CaseState, i: number, type: number, date: PlainDate): number {
  const { events, types, n } = st;
  for (let j = i + 1; j < n && (events[j] as NormalizedEvent).date < date; j++) if (types[j] === type) return j;
  return -1;
}

/** Scratch marks of events used by a cycle's occurrences: `used[i] === stamp` means used. */
export class UsedMarks {
  private marks = new Int32Array(64);
  private stamp = 0;

  /** Starts a new set of marks for `n` events. */
  reset(n: number): void {
    if (this.marks.length < n) this.marks = new Int32Array(Math.max(n, this.marks.length * 2));
    this.stamp++;
    if (this.stamp === 0x7fffffff) {
      this.marks.fill(0);
      this.stamp = 1;
    }
  }

  has(i: number): boolean {
    return this.marks[i] === this.stamp;
  }

  add(i: number): void {
    this.marks[i] = this.stamp;
  }
}

/**
 * Index of the first satisfying event (date order) dated on or after `fromDate` and on or before
 * `until`, whose type meets the rule and whose `where` holds, that is not `skipA`/`skipB` and not
 * marked in `used`, and that carries `keyEvent`'s value of the attribute `key` when both are given
 * (`matched by KEY`; `runtime/keys.ts`); -1 if none.
 */
export function findSatisfier(
  st: CaseState,
  rule: Pick<CompiledRuleBase, 'metBy' | 'where'>,
  fromDate: PlainDate,
  until: PlainDate,
  anchorDate: PlainDate,
  skipA: number,
  skipB: number,
  used: UsedMarks | undefined,
  key: string | undefined = undefined,
  keyEvent: NormalizedEvent | undefined = undefined,
): number {
  const { events, types, n } = st;
  const metBy = rule.metBy;
  const where = rule.where;
  for (let j = fromDate === -Infinity ? 0 : lowerBound(events, n, fromDate); j < n; j++) {
    const e = events[j] as NormalizedEvent;
    if (e.date > until) break;
    const t = types[j] as number;
    if (t < 0 || metBy[t] === 0 || j === skipA || j === skipB) continue;
    if (used !== undefined && used.has(j)) continue;
    if (where !== undefined && !where(st.scope, anchorDate, e)) continue;
    if (key !== undefined && keyEvent !== undefined && e.attributes[key] !== keyEvent.attributes[key]) continue;
    return j;
  }
  return -1;
}
