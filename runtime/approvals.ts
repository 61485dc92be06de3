/**
 * Approvals: who may approve an action, what must happen first, and how much notice the request needs.
 *
 * Input: the policy's `IrApproval`s (compiled once by `compileApprovals`), then per evaluation the
 * condition scope (the events considered, sorted, and the as-of date). Output: `Violation`s (kind
 * `approval`) appended to the caller's array; notices for values that could not be read.
 *
 * Semantics (per approval; events after the as-of date are never considered):
 * 1. Decisions, in date order. For each `decision.event`, the request is the latest `request.event`
 *    dated on or before it that no earlier decision (of this approval) has taken. None: a violation
 *    ("no request"). The request is taken either way; if the request's `where` does not hold for it,
 *    the decision belongs to another approval of the same events (they are told apart by `where`) and
 *    this one says nothing more about it.
 * 2. The decision's `byAttribute` (a role) must be one of `approvers` (message: the role, the date,
 *    and `approversText`); a decision that does not say who made it is a violation too.
 * 3. Each `requires` needs an event of its type (its `where` reading that event) dated between the
 *    request's date and the decision's date, both included; each missing one is a violation naming its
 *    `text`.
 * 4. Notice: checked for every request whose `where` holds, decided or not (a request made too late is
 *    late whatever follows). The latest allowed date is `notice` computed from the request event (its
 *    date for an `event` anchor, its date attribute for `event_attribute`); a request dated after it is
 *    a violation giving the real figures ("requested on Tue 3 Jun 2025, 3 working days before the
 *    meeting on Fri 6 Jun 2025; at least 5 working days' notice is required, ..."). A request lacking an
 *    optional anchor attribute gets a notice instead.
 * Violations point at the decision (1-3) or the request (4).
 * With a key (`key`, `matched by ATTRIBUTE`; `runtime/keys.ts`): in 1 the request taken is the latest
 * one with the decision's key value (a decision answers its own request, whatever else was requested
 * since), and in 3 a required event counts only with that key value too. Messages then say "matched
 * by ATTRIBUTE"; they never print the value (case data).
 *
 * INVARIANT: nothing here runs for a policy without approvals.
 */

import type { IrApproval, IrDue, PolicyIR } from './ir.ts';
import type { PlainDate } from './dates.ts';
import type { WorkingDayCalendar } from './calendar.ts';
import type { NormalizedEvent } from './case.ts';
import { MalformedIrError, compileCondition } from './conditions.ts';
import type { Condition, ConditionScope } from './conditions.ts';
import { dueDates, eventRef, isoDate, longDate, quantity } from './explain.ts';
import { unitSpec } from './units.ts';
import type { Violation } from './result.ts';
import { notice as noticeOf } from './messages.ts';
import { matchedByText, sameKey } from './keys.ts';

interface CompiledNotice {
  readonly ir: IrDue;
  readonly compute: (anchor: PlainDate) => PlainDate;
  /** The request's date attribute the notice is measured from; undefined: the request's own date. */
  readonly attribute: string | undefined;
}

/** An approval prepared for evaluation. */
export interface CompiledApproval {
  readonly ir: IrApproval;
  readonly requestWhere: Condition | undefined;
  readonly requires: readonly { readonly event: string; readonly where: Condition | undefined; readonly text: string }[];
  readonly approvers: ReadonlySet<string>;
  readonly notice: CompiledNotice | undefined;
}

function declared(ir: PolicyIR, event: string, where: string): void {
  if (!ir.events.some((e) => e.name === event)) throw new MalformedIrError(`${where}: undeclared event \`${event}\``);
}

/** Compiles the policy's approvals (conditions, notice arithmetic). Throws `MalformedIrError` on a broken IR. */
export function compileApprovals(ir: PolicyIR, calendar: WorkingDayCalendar): CompiledApproval[] {
  return ir.approvals.map((a) => {
    const at = `approval \`${a.id}\``;
    declared(ir, a.request.event, at);
    declared(ir, a.decision.event, at);
    let notice: CompiledNotice | undefined;
    if (a.notice !== undefined) {
      const anchor = a.notice.anchor;
      if ((anchor.kind !== 'event' && anchor.kind !== 'event_attribute') || anchor.event !== a.request.event) {
        throw new MalformedIrError(`${at}: the notice must be measured from the request event \`${a.request.event}\``);
      }
      notice = { ir: a.notice, compute: dueDates(a.notice, calendar).compute, attribute: anchor.kind === 'event_attribute' ? anchor.attribute : undefined };
    }
    return {
      ir: a,
      requestWhere: a.request.where === undefined ? undefined : compileCondition(a.request.where, ir, `the \`request\` of ${at}`, calendar),
      requires: a.requires.map((r) => {
        declared(ir, r.event, at);
        return { event: r.event, text: r.text, where: r.where === undefined ? undefined : compileCondition(r.where, ir, `a \`requires\` of ${at}`, calendar) };
      }),
      approvers: new Set(a.approvers),
      notice,
    };
  });
}

function violation(a: IrApproval, message: string, event: NormalizedEvent): Violation {
  return { rule: a.id, kind: 'approval', message: `${a.title}: ${message}`, event: eventRef(event), citation: a.citation };
}

/** "meeting" for `meeting`, "review date" for `review_date`. */
function noun(attribute: string): string {
  return attribute.replace(/_/g, ' ');
}

/** "5 working days'" / "1 month's": a duration as the possessive of notice. */
function possessive(amount: number, unit: IrDue['offset']['unit']): string {
  const q = quantity(amount, unit);
  return q.endsWith('s') ? `${q}'` : `${q}'s`;
}

function checkNotice(a: CompiledApproval, notice: CompiledNotice, request: NormalizedEvent, scope: ConditionScope, calendar: WorkingDayCalendar, out: Violation[]): void {
  let anchorDate = request.date;
  if (notice.attribute !== undefined) {
    const value = request.attributes[notice.attribute];
    if (typeof value !== 'number') {
      scope.notices.push(noticeOf('notice/approval-notice-unchecked', { event: request.type, attribute: notice.attribute, approval: a.ir.id }, { date: isoDate(request.date) }));
      return;
    }
    anchorDate = value;
  }
  const latest = notice.compute(anchorDate);
  if (request.date <= latest) return;
  const { amount, unit } = notice.ir.offset;
  const made = `requested on ${longDate(request.date)}`;
  if (notice.ir.direction === 'before' && notice.attribute !== undefined) {
    const what = `the ${noun(notice.attribute)} on ${longDate(anchorDate)}`;
    let gap: string;
    if (request.date > anchorDate) {
      gap = `${quantity(request.date - anchorDate, 'days')} after ${what}`;
    } else if (unitSpec(unit).arithmetic.kind === 'working_days') {
      gap = `${quantity(calendar.countWorkingDays(request.date, anchorDate), 'working_days')} before ${what}`;
    } else {
      gap = `${quantity(anchorDate - request.date, 'days')} before ${what}`;
    }
    out.push(
      violation(a.ir, `${made}, ${gap}; at least ${possessive(amount, unit)} notice is required, so the request had to be made by ${longDate(latest)}`, request),
    );
    return;
  }
  const from = notice.attribute === undefined ? `the request's own date` : `the ${noun(notice.attribute)} on ${longDate(anchorDate)}`;
  out.push(violation(a.ir, `${made}, after ${longDate(latest)}, the latest date allowed (${quantity(amount, unit)} ${notice.ir.direction} ${from})`, request));
}

/**
 * Checks every decision and request of every approval (see the module comment) and appends the
 * violations to `out`.
 */
export function evaluateApprovals(approvals: readonly CompiledApproval[], scope: ConditionScope, calendar: WorkingDayCalendar, out: Violation[]): void {
  const { events, n } = scope;
  for (const a of approvals) {
    const { request, decision, key } = a.ir;
    const matched = matchedByText(key);
    const taken = new Set<number>();
    for (let i = 0; i < n; i++) {
      const e = events[i] as NormalizedEvent;
      if (e.type === request.event) {
        if (a.notice !== undefined && (a.requestWhere === undefined || a.requestWhere(scope, e.date, e))) {
          checkNotice(a, a.notice, e, scope, calendar, out);
        }
      }
      if (e.type !== decision.event) continue;
      // The latest request on or before the decision's date not taken by an earlier decision.
      let r = -1;
      for (let j = n - 1; j >= 0; j--) {
        const q = events[j] as NormalizedEvent;
        if (q.date > e.date || q.type !== request.event || taken.has(j) || !sameKey(q, e, key)) continue;
        r = j;
        break;
      }
      if (r < 0) {
        out.push(violation(a.ir, `${decision.event} on ${longDate(e.date)} has no ${request.event}${matched} on or before it`, e));
        continue;
      }
      taken.add(r);
      const req = events[r] as NormalizedEvent;
      if (a.requestWhere !== undefined && !a.requestWhere(scope, req.date, req)) continue;
      const by = e.attributes[decision.byAttribute];
      if (typeof by !== 'string') {
        out.push(violation(a.ir, `${decision.event} on ${longDate(e.date)} does not say who approved it; only ${a.ir.approversText} may approve`, e));
      } else if (!a.approvers.has(by)) {
        out.push(violation(a.ir, `approved by ${by} on ${longDate(e.date)}, but only ${a.ir.approversText} may approve`, e));
      }
      for (const need of a.requires) {
        let found = false;
        for (let j = 0; j < n && !found; j++) {
          const q = events[j] as NormalizedEvent;
          if (q.date > e.date) break;
          if (q.type !== need.event || q.date < req.date || !sameKey(q, e, key)) continue;
          found = need.where === undefined || need.where(scope, q.date, q);
        }
        if (!found) {
          out.push(violation(a.ir, `no ${need.text}${matched} between the request on ${longDate(req.date)} and the decision on ${longDate(e.date)}`, e));
        }
      }
    }
  }
}
