/**
 * Approval checks: the request and decision events exist; the decision event carries a role
 * attribute `by` naming the approver; approvers are declared roles; the notice period is measured
 * from the request; `requires` events exist and their conditions read only them.
 */
import type * as A from '../ast/types.ts';
import { diagnostic, type Diagnostic } from '../diagnostics/types.ts';
import { checkEventName, checkRoleName, resolveCondition, resolveDue } from '../resolve/names.ts';
import { ruleParts } from '../resolve/rule-parts.ts';
import type { ResolvedPolicy } from '../resolve/types.ts';
import type { Check } from './types.ts';

export const checkApprovals: Check = (policy) => {
  const out: Diagnostic[] = [];
  for (const rule of policy.rules.values()) {
    if (rule.own && rule.decl.ruleKind === 'approval') checkApproval(rule.decl, policy, out);
  }
  return out;
};

function checkApproval(rule: A.RuleDecl, policy: ResolvedPolicy, out: Diagnostic[]): void {
  const uri = policy.uri;
  const scope = { policy, uri };
  const parts = ruleParts(rule);
  const request = parts.request[0];
  if (request !== undefined && checkEventName(request.event, scope, out) && request.where) {
    out.push(...resolveCondition(request.where, { policy, uri, events: [request.event.text], eventsWhy: '`request ... where` reads the request event' }).diagnostics);
  }
  const decision = parts.decision[0];
  if (decision !== undefined && checkEventName(decision.event, scope, out)) {
    const by = policy.events.get(decision.event.text)!.decl.attributes.find((a) => a.name.text === 'by');
    if (by === undefined || by.type.kind !== 'PrimitiveType' || by.type.type !== 'role') {
      out.push(
        diagnostic('pdl/decision-without-approver', uri, decision.event.range, `event \`${decision.event.text}\` has no role attribute \`by\` to name who approved`, {
          help: `declare it as \`event ${decision.event.text} { by: role }\``,
        }),
      );
    }
  }
  for (const approved of parts.approvedBy) for (const role of approved.roles) checkRoleName(role, scope, out);
  for (const notice of parts.notice) {
    if (request === undefined) continue;
    out.push(...resolveDue(notice.due, { kind: 'notice', requestEvent: request.event.text }, scope).diagnostics);
  }
  for (const requires of parts.requires) {
    if (!checkEventName(requires.event, scope, out) || requires.where === undefined) continue;
    out.push(...resolveCondition(requires.where, { policy, uri, events: [requires.event.text], eventsWhy: '`requires ... where` reads the required event' }).diagnostics);
  }
}
