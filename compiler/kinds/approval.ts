/**
 * The `approval` kind: an action (`request`) that needs a decision by certain roles (`approved by`,
 * optionally `or above` the reporting line), made in time (`notice`) and after other events
 * (`requires`). Semantics: `runtime/approvals.ts`.
 *
 * Elaboration: the request and decision events exist; the decision event carries a role attribute
 * `by` naming the approver; approvers are declared roles; the notice period is measured from the
 * request; `requires` events exist and their conditions read only them; a `matched by` key is
 * declared, with one type, on the request, the decision and every `requires` event (`kinds/key.ts`).
 */
import type { IrApproval } from '../../runtime/ir.ts';
import { printCondition } from '../ast/print.ts';
import { diagnostic } from '../diagnostics/types.ts';
import { checkEventName, checkRoleName, elabCondition, elabDue, expandApprovers } from '../elaborate/names.ts';
import { lowerNamed } from './common.ts';
import { checkKey } from './key.ts';
import type { ElabCondition, ElabDue, ElaboratedBase, RuleKindModule } from './types.ts';
import { capitaliseRich, cites, code, fields, rich } from '../emit/docs/text.ts';
import type { Block, Line, Lines } from '../emit/docs/view.ts';
import type { KindContext } from '../emit/docs/kinds.ts';

export interface ElaboratedApproval extends ElaboratedBase<'approval'> {
  readonly request: { readonly event: string; readonly where?: ElabCondition };
  readonly decision: { readonly event: string };
  /** Every role that may approve, `or above` expanded. */
  readonly approvers: readonly string[];
  readonly approversText: string;
  readonly requires: readonly { readonly event: string; readonly where?: ElabCondition; readonly text: string }[];
  readonly notice?: ElabDue;
  /** `matched by KEY`: a decision answers the request (and needs the steps) with the same key value. */
  readonly key?: string;
}

export const approvalKind: RuleKindModule<'approval', ElaboratedApproval, 'approvals'> = {
  kind: 'approval',
  clauses: [
    { part: 'request', required: true },
    { part: 'decision', required: true },
    { part: 'approvedBy', required: true },
    { part: 'notice' },
    { part: 'requires', many: true },
    { part: 'matchedBy' },
    { part: 'cite', required: true },
  ],
  docs: {
    view: approvalDocs,
    section: { anchor: 'approvals', title: 'Approvals', intro: [rich('Who may approve an action, and what must happen first.')] },
    roleDuties(a, add, ref) {
      for (const role of a.approvers) add(role, 'May approve', ref(a.id, a.title));
    },
  },
  slot: 'approvals',
  elaborate(ctx) {
    const { parts, policy, uri, out } = ctx;
    const scope = { policy, uri };
    let ok = true;
    const request = parts.request[0];
    let requestWhere: ElabCondition | undefined;
    if (request !== undefined && checkEventName(request.event, scope, out)) {
      if (request.where) {
        requestWhere = elabCondition(request.where, { policy, uri, events: [request.event.text], eventsWhy: '`request ... where` reads the request event' }, out);
        ok = requestWhere !== undefined && ok;
      }
    } else ok = false;
    const decision = parts.decision[0];
    if (decision !== undefined && checkEventName(decision.event, scope, out)) {
      const by = policy.events.get(decision.event.text)?.decl.attributes.find((a) => a.name.text === 'by');
      if (by === undefined || by.type.kind !== 'PrimitiveType' || by.type.type !== 'role') {
        out.push(
          diagnostic('pdl/decision-without-approver', uri, decision.event.range, `event \`${decision.event.text}\` has no role attribute \`by\` to name who approved`, {
            help: `declare it as \`event ${decision.event.text} { by: role }\``,
          }),
        );
        ok = false;
      }
    } else ok = false;
    for (const approved of parts.approvedBy) for (const role of approved.roles) ok = checkRoleName(role, scope, out) && ok;
    const notices = request === undefined ? [] : parts.notice.map((clause) => elabDue(clause.due, { kind: 'notice', requestEvent: request.event.text }, scope, out));
    if (notices.some((n) => n === undefined)) ok = false;
    const notice: ElabDue | undefined = notices[0];
    const requires: { event: string; where?: ElabCondition; text: string }[] = [];
    for (const clause of parts.requires) {
      if (!checkEventName(clause.event, scope, out)) {
        ok = false;
        continue;
      }
      const where = clause.where ? elabCondition(clause.where, { policy, uri, events: [clause.event.text], eventsWhy: '`requires ... where` reads the required event' }, out) : undefined;
      if (clause.where && where === undefined) ok = false;
      requires.push({ event: clause.event.text, ...(where ? { where } : {}), text: `${clause.event.text}${clause.where ? ` where ${printCondition(clause.where)}` : ''}` });
    }
    const approved = parts.approvedBy[0];
    const key =
      request === undefined || decision === undefined
        ? null
        : checkKey(
            parts.matchedBy[0],
            [
              { event: request.event.text, role: 'the request' },
              { event: decision.event.text, role: 'the decision' },
              ...requires.map((r) => ({ event: r.event, role: 'a required step' })),
            ],
            ctx,
          );
    if (key === undefined) ok = false;
    if (!ok || request === undefined || decision === undefined || approved === undefined) return undefined;
    const roles = approved.roles.map((r) => r.text);
    return {
      kind: 'approval',
      ...ctx.base,
      request: { event: request.event.text, ...(requestWhere ? { where: requestWhere } : {}) },
      decision: { event: decision.event.text },
      approvers: expandApprovers(roles, approved.orAbove, policy),
      approversText: `${roles.join(' or ')}${approved.orAbove ? ' or above' : ''}`,
      requires,
      ...(notice ? { notice } : {}),
      ...(key ? { key } : {}),
    };
  },
  lower(a): IrApproval {
    return {
      kind: 'approval',
      ...lowerNamed(a),
      request: { event: a.request.event, ...(a.request.where ? { where: a.request.where.ir } : {}) },
      decision: { event: a.decision.event, byAttribute: 'by' },
      approvers: a.approvers,
      approversText: a.approversText,
      requires: a.requires.map((r) => ({ event: r.event, ...(r.where ? { where: r.where.ir } : {}), text: r.text })),
      ...(a.notice ? { notice: a.notice.ir } : {}),
      ...(a.key ? { key: a.key } : {}),
    };
  },
};

// --- docs (`pdl docs`): an item of this kind as a block of plain English

function approvalDocs(a: IrApproval, ctx: KindContext): Block {
  const say = ctx.say;
  const who =
    a.approvers.length === 1 && !/\babove\b/.test(a.approversText)
      ? rich('only ', say.role(a.approvers[0] ?? ''), ' may approve')
      : rich('only ', say.roles_(a.approvers, 'or'), ' may approve (written ', code(a.approversText), ')');
  const lines: Line[] = [
    { number: 0, label: 'Who may approve', value: who },
    {
      number: 0,
      label: 'Requested when',
      value: rich(say.eventClause(a.request.event), a.request.where !== undefined ? rich(', where ', code(a.request.where.text)) : ''),
    },
    {
      number: 0,
      label: 'Decided when',
      value: rich(say.eventClause(a.decision.event), '; its ', code(a.decision.byAttribute), ' names the role that approved'),
    },
  ];
  if (a.key !== undefined) {
    lines.push({
      number: 0,
      label: 'Matched by',
      value: rich('a decision answers the request with the same ', code(a.key), a.requires.length > 0 ? rich(', and each step below must carry it too') : ''),
    });
  }
  if (a.notice !== undefined) lines.push({ number: 0, label: 'Notice', value: rich('the request must be made ', say.due(a.notice)) });
  const lists: Lines[] = [fields(lines)];
  if (a.requires.length > 0) {
    lists.push({
      intro: rich('First, between the request and the decision (both days included):'),
      ordered: true,
      items: a.requires.map((r, i) => ({
        number: i + 1,
        label: '',
        value: rich(capitaliseRich(say.eventClause(r.event)), r.where !== undefined ? rich(', where ', code(r.where.text)) : ''),
      })),
    });
  }
  lists.push(fields([cites(a.citation)]));
  return ctx.block(a, 'approval', 3, [], lists);
}
