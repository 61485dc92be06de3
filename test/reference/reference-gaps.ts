/**
 * The reference of the silent-gap notices (`notice/cycle-not-started`,
 * `notice/decision-without-request`), written from docs/language.md ("Rules that could not be
 * measured", under "How a case is evaluated") and docs/case-errors.md, not from runtime/gaps.ts.
 * Test code, not shipped.
 *
 * Input: the reference scope (the policy's IR and the events considered: on or before the as-of
 * date, repeats left out, sorted by date then input order). Output: notices appended to
 * `s.notices`, in the reference's own form (`RefNotice`); the order does not matter (the
 * differential test compares distinct notices sorted).
 *
 * Deliberately plain: every question is a loop over all the events.
 */
import type { IrCycle } from '../../runtime/ir.ts';
import type { NormalizedEvent } from '../../runtime/case.ts';
import { formatPlainDate } from '../../runtime/dates.ts';
import { holds } from './reference-evaluator.ts';
import type { Scope } from './reference-evaluator.ts';

function hasStartBy(c: IrCycle, date: number, s: Scope): boolean {
  return s.events.some((e) => c.startsOn.includes(e.type) && e.date <= date);
}

/**
 * "The cycle applies": an event of a `met by` type whose `where` holds on it, of a `restarts on`
 * type, of a constraint on the cycle, or of a limit per occurrence of the cycle whose `where` holds.
 */
function showsCycle(c: IrCycle, e: NormalizedEvent, s: Scope): boolean {
  const quiet: Scope = { ...s, notices: [] };
  if (c.restartsOn.includes(e.type)) return true;
  if (c.metBy.events.includes(e.type) && (c.metBy.where === undefined || holds(c.metBy.where, quiet, e.date, e))) return true;
  if (s.ir.constraints.some((k) => k.cycle === c.id && k.event === e.type)) return true;
  return s.ir.limits.some((l) => l.per.kind === 'cycle' && l.per.rule === c.id && l.event === e.type && (l.where === undefined || holds(l.where, quiet, e.date, e)));
}

/** A cycle any of whose event lists (or constraints, or per-cycle limits) names this type. */
function takes(c: IrCycle, type: string, s: Scope): boolean {
  if (c.metBy.events.includes(type) || c.restartsOn.includes(type) || c.startsOn.includes(type)) return true;
  return s.ir.constraints.some((k) => k.cycle === c.id && k.event === type) || s.ir.limits.some((l) => l.per.kind === 'cycle' && l.per.rule === c.id && l.event === type);
}

function cyclesNotStarted(s: Scope): void {
  const cycles = s.ir.rules.filter((r): r is IrCycle => r.kind === 'cycle');
  for (const c of cycles) {
    const evidence = s.events.find(
      (e) =>
        !hasStartBy(c, e.date, s) &&
        showsCycle(c, e, s) &&
        !cycles.some((other) => other !== c && takes(other, e.type, s) && hasStartBy(other, e.date, s)),
    );
    if (evidence !== undefined) {
      s.notices.push({ code: 'notice/cycle-not-started', params: { rule: c.id, event: evidence.type, starts: [...c.startsOn] }, caseData: { date: formatPlainDate(evidence.date) } });
    }
  }
}

function decisionsWithoutRequest(s: Scope): void {
  // decision event -> request type -> approvals that found no request for it
  const lacking = new Map<NormalizedEvent, Map<string, string[]>>();
  for (const a of s.ir.approvals) {
    const taken: NormalizedEvent[] = [];
    for (const decision of s.events) {
      if (decision.type !== a.decision.event) continue;
      let request: NormalizedEvent | undefined;
      for (const e of s.events) if (e.type === a.request.event && e.date <= decision.date && !taken.includes(e)) request = e;
      if (request !== undefined) {
        taken.push(request);
        continue;
      }
      const byRequest = lacking.get(decision) ?? new Map<string, string[]>();
      lacking.set(decision, byRequest);
      byRequest.set(a.request.event, [...(byRequest.get(a.request.event) ?? []), a.id]);
    }
  }
  for (const [decision, byRequest] of lacking) {
    for (const [request, approvals] of byRequest) {
      s.notices.push({
        code: 'notice/decision-without-request',
        params: { event: decision.type, request, approvals: [...approvals].sort() },
        caseData: { date: formatPlainDate(decision.date) },
      });
    }
  }
}

/** Appends the gap notices of the case to `s.notices`. */
export function referenceGaps(s: Scope): void {
  cyclesNotStarted(s);
  decisionsWithoutRequest(s);
}
