/**
 * The `order` kind: an order of steps. `step EVENT [where ...]` must be preceded by `after EVENT
 * [where ...]`, optionally `within DURATION` (how recent the earlier event must be), optionally only
 * `when` a condition holds, optionally naming the `owner` who must take the earlier step ("they must
 * first discuss this request with their Consultant Social Worker, Practice Lead or Team Manager").
 * Semantics: `runtime/kinds/order.ts` (its header).
 *
 * Input: a rule of kind `order` (its clauses by part). Output: an `ElaboratedOrder`, or diagnostics.
 * Elaboration: both events are declared; each `where` reads only its own event (`pdl/attribute-out-of-scope`
 * otherwise); `when` reads the step event; the owner is a declared role; the window is at least 1
 * (`pdl/empty-window`); a step that is its own earlier event with neither filtered could never be
 * taken a first time (`pdl/order-of-itself`); a `matched by` key is declared, with one type, on both
 * events (`kinds/key.ts`). Lowering copies; the docs give the order a section of
 * its own and tell the owner, in the roles' section, what to do first.
 */
import type { IrDuration, IrOrder } from '../../runtime/ir.ts';
import { printCondition } from '../ast/print.ts';
import type * as A from '../ast/types.ts';
import { diagnostic, type Diagnostic } from '../diagnostics/types.ts';
import type { ResolvedPolicy } from '../resolve/types.ts';
import { checkEventName, checkRoleName, elabCondition } from '../elaborate/names.ts';
import { lowerNamed } from './common.ts';
import { checkKey } from './key.ts';
import type { ElabCondition, ElaboratedBase, RuleKindModule } from './types.ts';
import { cites, code, durationText, fields, rich } from '../emit/docs/text.ts';
import type { Block, Line } from '../emit/docs/view.ts';
import type { KindContext } from '../emit/docs/kinds.ts';

/** One side of an order: an event, its filter, and both as written. */
export interface OrderEvent {
  readonly event: string;
  readonly where?: ElabCondition;
  readonly text: string;
}

export interface ElaboratedOrder extends ElaboratedBase<'order'> {
  readonly owner?: string;
  readonly step: OrderEvent;
  readonly after: OrderEvent;
  readonly within?: IrDuration;
  readonly when?: ElabCondition;
  /** `matched by KEY`: the earlier event must carry the step's value of this attribute. */
  readonly key?: string;
}

/** One side of an order (`step` or `after`) resolved: its event declared, its `where` reading only that event. */
function side(
  clause: { readonly event: A.Name; readonly where?: A.Condition },
  why: string,
  ctx: { readonly policy: ResolvedPolicy; readonly uri: string; readonly out: Diagnostic[] },
): OrderEvent | undefined {
  const { policy, uri, out } = ctx;
  if (!checkEventName(clause.event, { policy, uri }, out)) return undefined;
  const text = `${clause.event.text}${clause.where ? ` where ${printCondition(clause.where)}` : ''}`;
  if (clause.where === undefined) return { event: clause.event.text, text };
  const where = elabCondition(clause.where, { policy, uri, events: [clause.event.text], eventsWhy: why }, out);
  return where === undefined ? undefined : { event: clause.event.text, where, text };
}

export const orderKind: RuleKindModule<'order', ElaboratedOrder, 'orders'> = {
  kind: 'order',
  clauses: [
    { part: 'owner' },
    { part: 'orderStep', required: true },
    { part: 'after', required: true },
    { part: 'within' },
    { part: 'when' },
    { part: 'matchedBy' },
    { part: 'cite', required: true },
  ],
  misplacedHelp: {
    requires: 'an `order` names its earlier event with `after EVENT [where ...]`',
    due: 'an `order` says how recent the earlier event must be with `within DURATION`',
  },
  docs: {
    view: orderDocs,
    section: {
      anchor: 'orders',
      title: 'Order of steps',
      intro: [rich('Steps that must come first: before each step below, the earlier event it names must be recorded.')],
    },
    roleDuties(o, add, ref) {
      if (o.owner !== undefined) add(o.owner, 'Must first', ref(o.id, o.title));
    },
  },
  slot: 'orders',
  elaborate(ctx) {
    const { parts, policy, uri, out, rule } = ctx;
    let ok = true;
    for (const owner of parts.owner) ok = checkRoleName(owner.role, { policy, uri }, out) && ok;
    const stepClause = parts.orderStep[0];
    const afterClause = parts.after[0];
    const step = stepClause ? side(stepClause, '`step ... where` reads the step event', { policy, uri, out }) : undefined;
    const after = afterClause ? side(afterClause, '`after ... where` reads the earlier event', { policy, uri, out }) : undefined;
    if (step === undefined || after === undefined) ok = false;
    if (stepClause && afterClause && stepClause.event.text === afterClause.event.text && !stepClause.where && !afterClause.where) {
      out.push(
        diagnostic('pdl/order-of-itself', uri, afterClause.range, `\`${rule.name.text}\` asks every \`${afterClause.event.text}\` to follow another \`${afterClause.event.text}\`, so the first one could never be allowed`, {
          help: 'name a different earlier event, or say with `where` which of these events must come first',
        }),
      );
      ok = false;
    }
    const withinClause = parts.within[0];
    let within: IrDuration | undefined;
    if (withinClause !== undefined) {
      const d = withinClause.duration;
      if (d.unit === undefined) ok = false; // reported when the AST was built
      else if (d.amount < 1) {
        out.push(
          diagnostic('pdl/empty-window', uri, d.range, `\`within ${d.amount} ${d.unitText ?? ''}\` leaves no time for the earlier event`, {
            help: 'an earlier event on the same date is always allowed; give the window as at least `1 day`, or leave `within` out to accept any earlier event',
          }),
        );
        ok = false;
      } else within = { amount: d.amount, unit: d.unit };
    }
    const whenClause = parts.when[0];
    let when: ElabCondition | undefined;
    if (whenClause !== undefined) {
      const events = stepClause ? [stepClause.event.text] : [];
      when = elabCondition(whenClause.condition, { policy, uri, events, eventsWhy: "an order's `when` can read the attributes of its step event" }, out);
      if (when === undefined) ok = false;
    }
    const key =
      step === undefined || after === undefined
        ? null
        : checkKey(
            parts.matchedBy[0],
            [
              { event: step.event, role: 'the step' },
              { event: after.event, role: 'the earlier event' },
            ],
            ctx,
          );
    if (key === undefined) ok = false;
    if (!ok || step === undefined || after === undefined) return undefined;
    const owner = parts.owner[0]?.role.text;
    return {
      kind: 'order',
      ...ctx.base,
      ...(owner !== undefined ? { owner } : {}),
      step,
      after,
      ...(within ? { within } : {}),
      ...(when ? { when } : {}),
      ...(key ? { key } : {}),
    };
  },
  lower(o): IrOrder {
    const lowerSide = (s: OrderEvent) => ({ event: s.event, ...(s.where ? { where: s.where.ir } : {}), text: s.text });
    return {
      kind: 'order',
      ...lowerNamed(o),
      ...(o.owner !== undefined ? { owner: o.owner } : {}),
      step: lowerSide(o.step),
      after: lowerSide(o.after),
      ...(o.within ? { within: o.within } : {}),
      ...(o.when ? { when: o.when.ir } : {}),
      ...(o.key ? { key: o.key } : {}),
    };
  },
};

// --- docs (`pdl docs`): an item of this kind as a block of plain English

function orderDocs(o: IrOrder, ctx: KindContext): Block {
  const say = ctx.say;
  const filtered = (s: IrOrder['step']) => (s.where !== undefined ? rich(', where ', code(s.where.text)) : '');
  const lines: Line[] = [
    { number: 0, label: 'Each time', value: rich(say.eventClause(o.step.event), filtered(o.step)) },
    {
      number: 0,
      label: 'First',
      value: rich(
        say.eventClause(o.after.event),
        filtered(o.after),
        ', on or before that date (when on the same date, recorded before it)',
        o.within !== undefined ? rich(', and no more than ', durationText(o.within), ' before it') : '',
        o.key !== undefined ? rich(', with the same ', code(o.key), ' as the step') : '',
      ),
    },
  ];
  if (o.owner !== undefined) lines.push({ number: 0, label: 'Who', value: rich(say.role(o.owner), ' takes the first step') });
  if (o.when !== undefined) lines.push({ number: 0, label: 'Applies', value: say.when(o.when) });
  lines.push({ number: 0, label: 'Breach', value: rich(`each step with no such earlier event${o.within !== undefined ? ' in time' : ''} is a breach; one earlier event may come before several steps`) });
  lines.push(cites(o.citation));
  return ctx.block(o, 'order', 3, [], [fields(lines)]);
}
