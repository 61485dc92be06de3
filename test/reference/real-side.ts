/**
 * The real evaluator's result in the reference evaluator's shape (test/reference/reference-rules.ts),
 * for comparing the two field by field.
 *
 * Input: an `EvaluationResult` of runtime/evaluate.ts. Output: a `RefFull` holding exactly the fields
 * the reference computes (titles, explanations, messages and reasons left out; notices of the kinds
 * in `NOTICES_COMPARED` only, distinct), obligations with a due date, duties (those without one, in
 * the evaluator's order: trigger date, rule, occurrence),
 * and superseded obligations in the reference's canonical order (due date, rule id, occurrence,
 * anchor date), violations in `sortViolations`' order; `sortedNotifications` gives notifications in an
 * order both sides share.
 */
import type { EvaluationResult } from '../../runtime/index.ts';
import { distinctNotices, sortViolations } from './reference-rules.ts';
import type { RefFull, RefNotification, RefViolation } from './reference-rules.ts';

export function realSide(res: EvaluationResult): RefFull {
  const ref: RefFull = {
    obligations: res.obligations.flatMap((o) =>
      o.due === undefined || o.status === 'outstanding' || o.status === 'missed'
        ? []
        : [
            {
              rule: o.rule,
              occurrence: o.occurrence,
              anchor: o.anchor.attribute === undefined ? { event: o.anchor.event, date: o.anchor.date } : { event: o.anchor.event, date: o.anchor.date, attribute: o.anchor.attribute },
              due: o.due,
              ...(o.dueTime === undefined ? {} : { dueTime: o.dueTime }),
              ...(o.earliest === undefined ? {} : { earliest: o.earliest }),
              status: o.status as Exclude<typeof o.status, 'outstanding' | 'missed'>,
              ...(o.satisfiedOn === undefined ? {} : { satisfiedOn: o.satisfiedOn }),
            },
          ],
    ),
    // Duties: the obligations with no due date, in the evaluator's own order (trigger date, rule, occurrence).
    duties: res.obligations.flatMap((o) =>
      o.due !== undefined
        ? []
        : [
            {
              rule: o.rule,
              occurrence: o.occurrence,
              anchor: { event: o.anchor.event, date: o.anchor.date },
              ...(o.bound === undefined ? {} : { bound: o.bound }),
              ...(o.wording === undefined ? {} : { wording: o.wording }),
              status: o.status as 'met' | 'outstanding' | 'missed',
              ...(o.satisfiedOn === undefined ? {} : { satisfiedOn: o.satisfiedOn }),
            },
          ],
    ),
    superseded: res.superseded.map((o) => ({
      rule: o.rule,
      occurrence: o.occurrence,
      anchor: o.anchor.attribute === undefined ? { event: o.anchor.event, date: o.anchor.date } : { event: o.anchor.event, date: o.anchor.date, attribute: o.anchor.attribute },
      due: o.due,
    })),
    violations: sortViolations(res.violations.map((v) => ({ rule: v.rule, kind: v.kind as RefViolation['kind'], event: { type: v.event.type, date: v.event.date, index: v.event.index }, citation: v.citation }))),
    escalations: res.escalations.map((e) => ({
      ladder: e.ladder,
      instance: e.instance,
      stage: e.stage,
      ...(e.stageTitle === undefined ? {} : { stageTitle: e.stageTitle }),
      current: e.current,
      raisedOn: e.raisedOn,
      respondents: [...e.respondents],
      copied: [...e.copied],
      ...(e.due === undefined ? {} : { due: e.due }),
      status: e.status,
      ...(e.respondedOn === undefined ? {} : { respondedOn: e.respondedOn }),
      ...(e.escalatedOn === undefined ? {} : { escalatedOn: e.escalatedOn }),
      ...(e.escalatedToStage === undefined ? {} : { escalatedToStage: e.escalatedToStage }),
      ...(e.escalatedTo === undefined ? {} : { escalatedTo: [...e.escalatedTo] }),
      nextStageDue: e.nextStageDue,
      ...(e.capDue === undefined ? {} : { capDue: e.capDue }),
      ...(e.clockStoppedOn === undefined ? {} : { clockStoppedOn: e.clockStoppedOn }),
      capExceeded: e.capExceeded,
      ...(e.resolvedOn === undefined ? {} : { resolvedOn: e.resolvedOn }),
      citation: e.citation,
    })),
    criteria: res.criteria.map((c) => ({ name: c.name, result: c.result, combinator: c.combinator, conditions: c.conditions.map((x) => ({ label: x.label, value: x.value })) })),
    notices: distinctNotices(res.notices.map((n) => ({ code: n.code, params: { ...(n.params as Record<string, string | number>) }, ...(n.caseData === undefined ? {} : { caseData: { ...(n.caseData as unknown as Record<string, string | number>) } }) }))),
    notifications: res.notifications.map((n) => ({
      rule: n.rule,
      subject: n.subject,
      ...(n.body === undefined ? {} : { body: n.body }),
      ...(n.obligation === undefined ? {} : { obligation: { rule: n.obligation.rule, occurrence: n.obligation.occurrence } }),
      ...(n.escalation === undefined ? {} : { escalation: { ladder: n.escalation.ladder, instance: n.escalation.instance, stage: n.escalation.stage } }),
    })),
  };
  const order = <T extends { due: string; rule: string; occurrence: number; anchor: { date: string } }>(x: T, y: T): number =>
    x.due < y.due ? -1 : x.due > y.due ? 1 : x.rule < y.rule ? -1 : x.rule > y.rule ? 1 : x.occurrence - y.occurrence || (x.anchor.date < y.anchor.date ? -1 : x.anchor.date > y.anchor.date ? 1 : 0);
  ref.obligations.sort(order);
  ref.superseded.sort(order);
  return ref;
}

/**
 * Notifications of obligations follow the obligations, which each side lists in its own order among
 * equal due dates (the real one by rule rank, the reference by rule id): compared as sorted lists.
 */
export function sortedNotifications(ns: readonly RefNotification[]): string[] {
  return ns.map((n) => JSON.stringify(n)).sort();
}

