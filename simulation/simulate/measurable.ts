/**
 * Which rules a caseload can measure: a rule whose triggering or satisfying events never occur in
 * the caseload says nothing about practice, only about what the data records (a synthetic caseload
 * holds no local events; an SSDA903 return holds no care plan authorisations), so its obligations
 * are not counted as breaches and the report says which events are missing.
 *
 * Input: a policy's IR (`eventNeeds`), then the event types that occur in the caseload with their
 * counts (`missingFor`). Output: for each rule of any kind that depends on events, the groups of event
 * types it needs (one of each group must occur), and the groups that do not.
 *
 * What a rule needs (each line one group; a group is met when any of its types occurs):
 * - deadline: its anchor events (`of a or b`: one group); the events that meet it.
 * - cycle: its start events; the events that meet it; the event of each step anchored on an event.
 * - duty: its trigger event (or the start events of its cycle); the events that meet it; the event
 *   that bounds it (`by the next X`).
 * - approval: the request; the decision; each required event.
 * - limit: the limited event. constraint: the constrained event, and its cycle's start and meeting events.
 * - order: the step; the earlier step.
 * - ladder: `escalation_raised`; `escalation_response`; `escalation_resolved` when it has a total time.
 * - criteria: nothing (criteria read facts and ages, not events).
 *
 * INVARIANT: pure and deterministic; groups and missing types are in the IR's order, each type once.
 * Browser-safe: no Node module.
 */
import type { IrAnchor, IrCycle, PolicyIR } from '../../runtime/index.ts';

/** The event types one rule needs, by group. */
export interface RuleNeeds {
  readonly rule: string;
  /** The rule's kind (`deadline`, `cycle`, `duty`, `approval`, `limit`, `constraint`, `order`, `ladder`). */
  readonly kind: string;
  /** Each group is met when at least one of its event types occurs in the caseload. */
  readonly groups: readonly (readonly string[])[];
}

function anchorEvent(a: IrAnchor): string | undefined {
  return a.kind === 'event' || a.kind === 'event_attribute' ? a.event : undefined;
}

function group(...types: (string | undefined)[]): string[] {
  return [...new Set(types.filter((t): t is string => t !== undefined))];
}

function cycleGroups(c: IrCycle): string[][] {
  const out: string[][] = [];
  if (c.startsOn.length > 0) out.push(group(...c.startsOn));
  out.push(group(...c.metBy.events));
  for (const s of c.steps) {
    const e = anchorEvent(s.due.anchor);
    if (e !== undefined) out.push([e]);
  }
  return out;
}

/** Every rule of the policy that depends on events, with the groups of event types it needs, in the IR's order. */
export function eventNeeds(ir: PolicyIR): RuleNeeds[] {
  const out: RuleNeeds[] = [];
  const push = (rule: string, kind: string, groups: string[][]): void => {
    const seen = new Set<string>();
    const unique = groups.filter((g) => g.length > 0).filter((g) => {
      const key = g.join('\u0000');
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    if (unique.length > 0) out.push({ rule, kind, groups: unique });
  };
  const cycles = new Map(ir.rules.filter((r): r is IrCycle => r.kind === 'cycle').map((c) => [c.id, c]));
  for (const r of ir.rules) {
    if (r.kind === 'cycle') push(r.id, 'cycle', cycleGroups(r));
    else push(r.id, 'deadline', [group(anchorEvent(r.due.anchor), ...(r.alsoFrom ?? [])), group(...r.metBy.events)]);
  }
  for (const d of ir.duties ?? []) {
    const trigger = d.trigger.kind === 'event' ? [d.trigger.event] : (cycles.get(d.trigger.cycle)?.startsOn ?? []);
    const bound = d.bound?.kind === 'next_event' ? d.bound.event : undefined;
    push(d.id, 'duty', [group(...trigger), group(...d.metBy.events), group(bound)]);
  }
  for (const a of ir.approvals) push(a.id, 'approval', [[a.request.event], [a.decision.event], ...a.requires.map((q) => [q.event])]);
  for (const l of ir.limits) push(l.id, 'limit', [[l.event]]);
  for (const c of ir.constraints) {
    const cycle = cycles.get(c.cycle);
    push(c.id, 'constraint', [[c.event], ...(cycle === undefined ? [] : [group(...cycle.startsOn), group(...cycle.metBy.events)])]);
  }
  for (const o of ir.orders) push(o.id, 'order', [[o.step.event], [o.after.event]]);
  for (const l of ir.ladders) push(l.id, 'ladder', [['escalation_raised'], ['escalation_response'], ...(l.cap === undefined ? [] : [['escalation_resolved']])]);
  return out;
}

/**
 * The event types of a rule's needs that are missing from the caseload: every type of each group none
 * of whose types occurs (`occurs` says whether a type occurs). Empty when the rule is measurable.
 */
export function missingFor(needs: RuleNeeds, occurs: (type: string) => boolean): string[] {
  const missing: string[] = [];
  for (const g of needs.groups) if (!g.some(occurs)) for (const t of g) if (!missing.includes(t)) missing.push(t);
  return missing;
}
