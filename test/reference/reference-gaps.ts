/**
 * The reference of the silent-gap notices (`notice/cycle-not-started`,
 * `notice/decision-without-request`, `notice/approved-step-not-recorded`), written from docs/language.md ("Rules that could not be
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
import type { IrCondition, IrCycle } from '../../runtime/ir.ts';
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

/** `attribute` of events of `type` is required to be one of `allowed`, or not `not`, by a top-level `and` item of a condition. */
interface Requirement {
  readonly attribute: string;
  readonly allowed?: readonly unknown[];
  readonly not?: unknown;
}

function requirements(c: IrCondition | undefined, type: string): Requirement[] {
  if (c === undefined) return [];
  if (c.kind === 'and') return c.items.flatMap((i) => requirements(i, type));
  if (c.kind === 'compare' && c.op === '=' && c.left.kind === 'attribute' && c.left.event === type && c.right.kind === 'literal') return [{ attribute: c.left.attribute, allowed: [c.right.value] }];
  if (c.kind === 'not' && c.item.kind === 'compare' && c.item.op === '=' && c.item.left.kind === 'attribute' && c.item.left.event === type && c.item.right.kind === 'literal') {
    return [{ attribute: c.item.left.attribute, not: c.item.right.value }];
  }
  if (c.kind === 'in' && !c.negated && c.left.kind === 'attribute' && c.left.event === type) {
    const values: unknown[] = [];
    for (const v of c.values) {
      if (v.kind !== 'literal') return [];
      values.push(v.value);
    }
    return [{ attribute: c.left.attribute, allowed: values }];
  }
  return [];
}

/** "cannot hold together": one requires a value the other excludes. */
function cannotBothHold(a: IrCondition | undefined, b: IrCondition | undefined, type: string): boolean {
  return requirements(a, type).some((x) =>
    requirements(b, type).some((y) => {
      if (x.attribute !== y.attribute) return false;
      if (x.allowed !== undefined && y.allowed !== undefined) return x.allowed.every((v) => !y.allowed!.includes(v));
      if (x.allowed !== undefined && 'not' in y) return x.allowed.every((v) => v === y.not);
      if (y.allowed !== undefined && 'not' in x) return y.allowed.every((v) => v === x.not);
      return false;
    }),
  );
}

function approvedStepsNotRecorded(s: Scope): void {
  const decisions = s.ir.approvals.map((a) => a.decision.event);
  for (const o of s.ir.orders) {
    if (!decisions.includes(o.after.event) || o.step.event === o.after.event) continue;
    const S = o.step.event;
    const rules: string[] = [];
    for (const r of s.ir.rules) {
      if (r.kind !== 'deadline') continue;
      const a = r.due.anchor;
      const fromS = ((a.kind === 'event' || a.kind === 'event_attribute') && a.event === S) || (r.alsoFrom ?? []).includes(S);
      if (fromS && !cannotBothHold(r.when, o.step.where, S)) rules.push(r.id);
    }
    for (const d of s.ir.duties ?? []) if (d.trigger.kind === 'event' && d.trigger.event === S && !cannotBothHold(d.trigger.where, o.step.where, S)) rules.push(d.id);
    if (rules.length === 0) continue;
    const quiet: Scope = { ...s, notices: [] };
    for (const decision of s.events) {
      if (decision.type !== o.after.event || (o.after.where !== undefined && !holds(o.after.where, quiet, decision.date, decision))) continue;
      const answered = s.events.some(
        (e) =>
          e.type === S &&
          e.date >= decision.date &&
          (o.key === undefined || e.attributes[o.key] === decision.attributes[o.key]) &&
          (o.step.where === undefined || holds(o.step.where, quiet, e.date, e)),
      );
      if (!answered) {
        s.notices.push({
          code: 'notice/approved-step-not-recorded',
          params: { event: decision.type, step: S, order: o.id, rules: [...rules].sort() },
          caseData: { date: formatPlainDate(decision.date) },
        });
      }
    }
  }
}

/** Appends the gap notices of the case to `s.notices`. */
export function referenceGaps(s: Scope): void {
  cyclesNotStarted(s);
  decisionsWithoutRequest(s);
  approvedStepsNotRecorded(s);
}
