/**
 * Resolved (and checked) policy -> IR (`runtime/ir.ts`).
 *
 * Input: a `ResolvedPolicy` for which the checks reported no error. Output: the plain-JSON IR the
 * runtime evaluates and the emitters embed.
 * INVARIANT: called only when checking found no error; a name that fails to resolve here is a bug
 * in the checks, so this stage throws an internal error rather than guessing.
 */
import { IR_VERSION, type IrCycleStep, type IrRule, type PolicyIR } from '../../runtime/ir.ts';
import type * as A from '../ast/types.ts';
import { irType, resolveCondition, resolveDue, type Resolved } from '../resolve/names.ts';
import { metByEvents, metByScope, ruleParts, runEvents, stepScope, whenScope } from '../resolve/rule-parts.ts';
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
  const owner = parts.owner[0]!.role.text;
  const citation = parts.cite[0]!.citation.value;
  const metByClause = parts.metBy[0]!;
  const metBy = {
    events: metByEvents(parts),
    ...(metByClause.where ? { where: must(resolveCondition(metByClause.where, metByScope(parts, policy, uri)), `\`met by\` of ${rule.name.text}`) } : {}),
  };
  const whenClause = parts.when[0];
  const when = whenClause ? must(resolveCondition(whenClause.condition, whenScope(rule, parts, policy, uri)), `\`when\` of ${rule.name.text}`) : undefined;
  const base = {
    id: rule.name.text,
    title: rule.title?.value ?? rule.name.text.replace(/_/g, ' '),
    owner,
    metBy,
    citation,
    source: source(uri, rule.name.range),
    policy: located.policy,
    ...(when ? { when } : {}),
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

export function irFromResolved(policy: ResolvedPolicy): PolicyIR {
  const h = policy.header;
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
      base: 'england-and-wales',
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
    })),
    rules: [...policy.rules.values()].map((r) => lowerRule(r, policy)),
  };
}
