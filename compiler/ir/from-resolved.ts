/**
 * Resolved (and checked) policy -> IR (`runtime/ir.ts`).
 *
 * Input: a `ResolvedPolicy` for which the checks reported no error. Output: the plain-JSON IR the
 * runtime evaluates and the emitters embed.
 * INVARIANT: called only when checking found no error; a name that fails to resolve here is a bug
 * in the checks, so this stage throws an internal error rather than guessing.
 */
import {
  IR_VERSION,
  type IrApproval,
  type IrConstraint,
  type IrCriteria,
  type IrCycleStep,
  type IrLadder,
  type IrLimit,
  type IrNamed,
  type IrRule,
  type IrTemplate,
  type PolicyIR,
} from '../../runtime/ir.ts';
import { DEFAULT_CALENDAR, isCalendarName } from '../../runtime/calendar.ts';
import { printCondition } from '../ast/print.ts';
import type * as A from '../ast/types.ts';
import { expandApprovers, irType, resolveCondition, resolveDue, type Resolved } from '../resolve/names.ts';
import { criteriaScope, metByEvents, metByScope, ruleParts, runEvents, stepScope, UNASSIGNED, whenScope, type ClauseOf } from '../resolve/rule-parts.ts';
import type { Located, ResolvedPolicy } from '../resolve/types.ts';

function must<T>(r: Resolved<T>, what: string): T {
  if (r.value === undefined) {
    throw new Error(`internal error: ${what} did not resolve after checking: ${r.diagnostics.map((d) => d.message).join('; ')}`);
  }
  return r.value;
}

function source(uri: string, range: A.Name['range']): { file: string; line: number; column: number } {
  return { file: uri, line: range.startLine, column: range.startColumn };
}

function lowerRule(located: Located<A.RuleDecl>, policy: ResolvedPolicy): IrRule {
  const rule = located.decl;
  const uri = located.uri;
  const parts = ruleParts(rule);
  const owner = parts.owner[0]?.role.text ?? UNASSIGNED;
  const citation = parts.cite[0]!.citation.value;
  const metByClause = parts.metBy[0]!;
  const metBy = {
    events: metByEvents(parts),
    ...(metByClause.where ? { where: must(resolveCondition(metByClause.where, metByScope(parts, policy, uri)), `\`met by\` of ${rule.name.text}`) } : {}),
  };
  const whenClause = parts.when[0];
  const when = whenClause ? must(resolveCondition(whenClause.condition, whenScope(rule, parts, policy, uri)), `\`when\` of ${rule.name.text}`) : undefined;
  const notifyClause = parts.notify[0];
  const base = {
    id: rule.name.text,
    title: rule.title?.value ?? rule.name.text.replace(/_/g, ' '),
    owner,
    metBy,
    citation,
    source: source(uri, rule.name.range),
    policy: located.policy,
    ...(when ? { when } : {}),
    ...(notifyClause ? { notify: template(notifyClause) } : {}),
  };
  if (rule.ruleKind === 'deadline') {
    return { kind: 'deadline', ...base, due: must(resolveDue(parts.due[0]!.due, { kind: 'deadline' }, { policy, uri }), `due of ${rule.name.text}`) };
  }
  const ctxBase = { kind: 'step' as const, cycleName: rule.name.text, runEvents: runEvents(parts), metBy: metByEvents(parts) };
  const steps: IrCycleStep[] = parts.steps.map((step) => {
    const due = must(resolveDue(step.due, { ...ctxBase, ordinal: step.ordinal }, { policy, uri }), `step of ${rule.name.text}`);
    const stepWhen = step.when ? must(resolveCondition(step.when, stepScope(step, parts, policy, uri)), `step condition of ${rule.name.text}`) : undefined;
    return {
      ordinal: step.ordinal,
      due,
      ...(stepWhen ? { when: stepWhen } : {}),
      citation: step.cite?.value ?? citation,
      source: source(uri, step.ordinalRange),
    };
  });
  const runs = parts.runs[0]!;
  return {
    kind: 'cycle',
    ...base,
    startsOn: runs.starts.map((n) => n.text),
    endsOn: runs.ends.map((n) => n.text),
    restartsOn: parts.restarts.flatMap((r) => r.events.map((n) => n.text)),
    steps,
  };
}

function template(c: ClauseOf<'NotifyClause'>): IrTemplate {
  return { subject: c.subject.value, ...(c.body ? { body: c.body.value } : {}) };
}

function named(located: Located<A.RuleDecl>): IrNamed {
  const rule = located.decl;
  return {
    id: rule.name.text,
    title: rule.title?.value ?? rule.name.text.replace(/_/g, ' '),
    citation: ruleParts(rule).cite[0]!.citation.value,
    source: source(located.uri, rule.name.range),
    policy: located.policy,
  };
}

function lowerApproval(located: Located<A.RuleDecl>, policy: ResolvedPolicy): IrApproval {
  const uri = located.uri;
  const parts = ruleParts(located.decl);
  const request = parts.request[0]!;
  const approved = parts.approvedBy[0]!;
  const notice = parts.notice[0];
  const eventScope = (event: string, why: string) => ({ policy, uri, events: [event], eventsWhy: why });
  return {
    kind: 'approval',
    ...named(located),
    request: {
      event: request.event.text,
      ...(request.where ? { where: must(resolveCondition(request.where, eventScope(request.event.text, 'request')), 'request condition') } : {}),
    },
    decision: { event: parts.decision[0]!.event.text, byAttribute: 'by' },
    approvers: expandApprovers(approved.roles.map((r) => r.text), approved.orAbove, policy),
    approversText: `${approved.roles.map((r) => r.text).join(' or ')}${approved.orAbove ? ' or above' : ''}`,
    requires: parts.requires.map((r) => ({
      event: r.event.text,
      ...(r.where ? { where: must(resolveCondition(r.where, eventScope(r.event.text, 'requires')), 'requires condition') } : {}),
      text: `${r.event.text}${r.where ? ` where ${printCondition(r.where)}` : ''}`,
    })),
    ...(notice ? { notice: must(resolveDue(notice.due, { kind: 'notice', requestEvent: request.event.text }, { policy, uri }), 'notice') } : {}),
  };
}

function lowerLimit(located: Located<A.RuleDecl>, policy: ResolvedPolicy): IrLimit {
  const clause = ruleParts(located.decl).atMost[0]!;
  const where = clause.where
    ? must(resolveCondition(clause.where, { policy, uri: located.uri, events: [clause.event.text], eventsWhy: 'limit' }), 'limit condition')
    : undefined;
  return {
    kind: 'limit',
    ...named(located),
    event: clause.event.text,
    ...(where ? { where } : {}),
    max: clause.max,
    per: clause.per.text === 'case' ? { kind: 'case' } : { kind: 'cycle', rule: clause.per.text },
  };
}

function lowerConstraint(located: Located<A.RuleDecl>): IrConstraint {
  const clause = ruleParts(located.decl).each[0]!;
  return { kind: 'constraint', ...named(located), event: clause.event.text, attribute: clause.attribute.text, cycle: clause.cycle.text };
}

function lowerLadder(located: Located<A.RuleDecl>): IrLadder {
  const parts = ruleParts(located.decl);
  const total = parts.total[0];
  const advance = parts.advance[0];
  const notify = parts.notify[0];
  const ladderCitation = parts.cite[0]!.citation.value;
  return {
    kind: 'ladder',
    ...named(located),
    raisedBy: parts.raisedBy.flatMap((r) => r.roles.map((n) => n.text)),
    bypass: parts.stagesMay.length > 0,
    ...(total && total.duration.unit ? { cap: { amount: total.duration.amount, unit: total.duration.unit } } : {}),
    ...(total?.cite ? { capCitation: total.cite.value } : {}),
    stages: parts.stages.map((s) => ({
      number: s.number,
      ...(s.title ? { title: s.title.value } : {}),
      alert: s.alert.map((n) => n.text),
      copy: s.copy.map((n) => n.text),
      ...(s.respondWithin?.unit ? { respondWithin: { amount: s.respondWithin.amount, unit: s.respondWithin.unit } } : {}),
      ...(s.referTo ? { referTo: s.referTo.text } : {}),
      citation: s.cite?.value ?? ladderCitation,
      source: source(located.uri, s.numberRange),
    })),
    // Without an `advance` clause, either a late or an unsatisfactory response makes the next stage due.
    advance: advance ? { late: advance.late, unsatisfactory: advance.unsatisfactory } : { late: true, unsatisfactory: true },
    ...(notify ? { notify: template(notify) } : {}),
  };
}

function lowerCriteria(located: Located<A.RuleDecl>, policy: ResolvedPolicy): IrCriteria {
  const parts = ruleParts(located.decl);
  return {
    kind: 'criteria',
    ...named(located),
    combinator: parts.combinator[0]!.combinator,
    conditions: parts.criteria.map((c) => ({
      label: c.label.value,
      condition: must(resolveCondition(c.condition, criteriaScope(policy, located.uri)), `criterion "${c.label.value}"`),
    })),
  };
}

export function irFromResolved(policy: ResolvedPolicy): PolicyIR {
  const h = policy.header;
  const ofKind = (...kinds: A.RuleKind[]): Located<A.RuleDecl>[] => [...policy.rules.values()].filter((r) => kinds.includes(r.decl.ruleKind));
  return {
    irVersion: IR_VERSION,
    id: policy.id,
    title: h.title ?? policy.id,
    ...(h.authority !== undefined ? { authority: h.authority } : {}),
    ...(h.version !== undefined ? { version: h.version } : {}),
    ...(h.effective !== undefined ? { effective: h.effective } : {}),
    ...(h.source !== undefined ? { source: h.source } : {}),
    extends: policy.ancestors,
    calendar: {
      base: isCalendarName(policy.calendar.name) ? policy.calendar.name : DEFAULT_CALENDAR, // an unknown name is an error (pdl/unknown-calendar), so never lowered
      add: policy.calendar.changes
        .filter((c) => c.decl.change === 'closed')
        .map((c) => ({ date: c.decl.date.value, name: c.decl.reason?.value ?? `closure day (${c.policy})` })),
      remove: policy.calendar.changes
        .filter((c) => c.decl.change === 'open')
        .map((c) => ({ date: c.decl.date.value, ...(c.decl.reason ? { reason: c.decl.reason.value } : {}) })),
    },
    roles: [...policy.roles.values()].map(({ decl }) => ({
      name: decl.name.text,
      title: decl.title?.value ?? decl.name.text.replace(/_/g, ' '),
      ...(decl.reportsTo ? { reportsTo: decl.reportsTo.text } : {}),
    })),
    facts: [...policy.facts.values()].map(({ decl }) => ({
      name: decl.name.text,
      ...(decl.title ? { title: decl.title.value } : {}),
      type: irType(decl.type),
      optional: decl.optional,
    })),
    events: [...policy.events.values()].map(({ decl }) => ({
      name: decl.name.text,
      ...(decl.title ? { title: decl.title.value } : {}),
      attributes: decl.attributes.map((a) => ({ name: a.name.text, type: irType(a.type), optional: a.optional })),
      ...(decl.supersedes ? { supersedes: true as const } : {}),
    })),
    rules: ofKind('deadline', 'cycle').map((r) => lowerRule(r, policy)),
    approvals: ofKind('approval').map((r) => lowerApproval(r, policy)),
    limits: ofKind('limit').map((r) => lowerLimit(r, policy)),
    constraints: ofKind('constraint').map((r) => lowerConstraint(r)),
    ladders: ofKind('ladder').map((r) => lowerLadder(r)),
    criteria: ofKind('criteria').map((r) => lowerCriteria(r, policy)),
  };
}
