/**
 * The `duty` kind: an obligation with an owner and a trigger but no number of days ("the social
 * worker prepares the child for the review", "as soon as practicable"). Semantics:
 * `runtime/kinds/duty.ts` (its header).
 *
 *     duty prepare_child "The social worker prepares the child for the review"
 *       owner social_worker
 *       after review_scheduled                  # or: for each looked_after_review
 *       before review_scheduled.for             # or: by the next review_held; or none (open-ended)
 *       wording "as soon as practicable"
 *       met by child_prepared
 *       cite "Practice Change, bullet 2"
 *
 * Input: the elaboration context of a `duty` rule. Output: its checked node (or diagnostics), its IR
 * (`IrDuty`, in the IR's `duties` list) and its block in `pdl docs`.
 *
 * Elaboration: the owner is a declared role (or a warning), the trigger names a declared event (its
 * `where` reads that event) or a declared cycle; a `before` bound is a date: a date attribute of the
 * trigger event or a date measured from `child.dob`, optionally moved by a duration; a `by the next`
 * bound names a declared event; `when` reads the trigger event's attributes, `met by ... where` the
 * candidate's; a `matched by` key needs an event trigger and is declared, with one type, on the
 * trigger event and every `met by` event (`kinds/key.ts`).
 */
import type { IrDue, IrDuty, IrOwners } from '../../runtime/ir.ts';
import type * as A from '../ast/types.ts';
import { diagnostic, withArticle } from '../diagnostics/types.ts';
import { attributeType, checkCycleName, checkEventName, describeType, elabCondition, type Scope } from '../elaborate/names.ts';
import { lowerNamed, lowerTemplate } from './common.ts';
import { checkKey } from './key.ts';
import { elaborateObligationParts, type ObligationParts } from './obligation.ts';
import type { ElabCondition, ElabContext, ElaboratedBase, RuleKindModule } from './types.ts';
import { cites, code, durationText, fields, joinRich, notifyLine, rich } from '../emit/docs/text.ts';
import type { Block, Line, Rich } from '../emit/docs/view.ts';
import type { KindContext } from '../emit/docs/kinds.ts';

export type ElaboratedTrigger = { readonly kind: 'event'; readonly event: string; readonly where?: ElabCondition } | { readonly kind: 'cycle'; readonly cycle: string };

export interface ElaboratedDuty extends ElaboratedBase<'duty'>, ObligationParts {
  readonly trigger: ElaboratedTrigger;
  readonly bound?: NonNullable<IrDuty['bound']>;
  readonly wording?: string;
  /** `matched by KEY`: the event that meets it carries the trigger event's value of this attribute. */
  readonly key?: string;
}

/** The duty's key (`null`: none; `undefined`: invalid, reported): an event trigger and the `met by` events declare it. */
function dutyKey(ctx: ElabContext, trigger: ElaboratedTrigger): string | null | undefined {
  const clause = ctx.parts.matchedBy[0];
  if (clause === undefined) return null;
  if (trigger.kind !== 'event') {
    ctx.out.push(
      diagnostic('pdl/invalid-key', ctx.uri, clause.key.range, `\`matched by ${clause.key.text}\` needs an event to match: this duty follows each occurrence of \`${trigger.cycle}\``, {
        help: 'make the duty follow an event that carries the key (`after EVENT`), or leave `matched by` out',
      }),
    );
    return undefined;
  }
  const metBy = (ctx.parts.metBy[0]?.events ?? []).map((e) => ({ event: e.text, role: 'a `met by` event' }));
  return checkKey(clause, [{ event: trigger.event, role: 'the event it follows' }, ...metBy], ctx);
}

/**
 * The duty's trigger as written: `after EVENT [where ...]` (the `after` clause, which an `order` also
 * uses for its earlier step) or `for each CYCLE` (the `trigger` clause); undefined when neither.
 */
function writtenTrigger(ctx: ElabContext): A.DutyTrigger | undefined {
  const after = ctx.parts.after[0];
  if (after !== undefined) return after.where === undefined ? { kind: 'event', event: after.event } : { kind: 'event', event: after.event, where: after.where };
  const each = ctx.parts.trigger[0];
  return each === undefined ? undefined : { kind: 'cycle', cycle: each.cycle };
}

function triggerEvent(ctx: ElabContext): string | undefined {
  const t = writtenTrigger(ctx);
  return t?.kind === 'event' ? t.event.text : undefined;
}

/**
 * Exactly one trigger: `after EVENT` or `for each CYCLE`. Reports `pdl/missing-clause` (neither) or
 * `pdl/duplicate-clause` (both, or either twice: the shape reports a clause given twice); returns
 * whether there is exactly one.
 */
function checkOneTrigger(ctx: ElabContext): boolean {
  const { after, trigger } = ctx.parts;
  const rule = ctx.rule;
  if (after.length === 0 && trigger.length === 0) {
    if (!rule.incomplete) {
      ctx.out.push(
        diagnostic('pdl/missing-clause', ctx.uri, rule.headRange, `duty \`${rule.name.text}\` says neither what it follows (\`after EVENT\`) nor which cycle (\`for each CYCLE\`)`, {
          help: 'add a line such as `after review_scheduled` or `for each looked_after_review`',
        }),
      );
    }
    return false;
  }
  const [a] = after;
  const [t] = trigger;
  if (a !== undefined && t !== undefined) {
    ctx.out.push(
      diagnostic('pdl/duplicate-clause', ctx.uri, t.range, `duty \`${rule.name.text}\` follows one thing: \`after ${a.event.text}\` or \`for each ${t.cycle.text}\`, not both`, {
        related: [{ uri: ctx.uri, range: a.range, message: 'the other trigger' }],
        help: 'keep one; declare a second duty for the other',
      }),
    );
    return false;
  }
  return true;
}

/** A duty's `when` (and its trigger's `where`) can read the attributes of the event that triggers it. */
function triggerScope(ctx: ElabContext): Scope {
  const event = triggerEvent(ctx);
  return { policy: ctx.policy, uri: ctx.uri, events: event === undefined ? [] : [event], eventsWhy: 'a duty\'s `when` can read the attributes of the event it follows' };
}

function elabTrigger(ctx: ElabContext, t: A.DutyTrigger): ElaboratedTrigger | undefined {
  const scope = { policy: ctx.policy, uri: ctx.uri };
  if (t.kind === 'cycle') return checkCycleName(t.cycle, scope, ctx.out) ? { kind: 'cycle', cycle: t.cycle.text } : undefined;
  if (!checkEventName(t.event, scope, ctx.out)) return undefined;
  if (t.where === undefined) return { kind: 'event', event: t.event.text };
  const where = elabCondition(t.where, triggerScope(ctx), ctx.out);
  return where === undefined ? undefined : { kind: 'event', event: t.event.text, where };
}

const BOUND_HELP = 'a duty is bounded by a date attribute of the event it follows (`before review_scheduled.for`), a date measured from `child.dob` (`before 18 years after child.dob`), or the next event of a type (`by the next review_held`)';

function elabBound(ctx: ElabContext, b: A.DutyBound, trigger: A.DutyTrigger | undefined): IrDuty['bound'] | null {
  const { uri, out } = ctx;
  const scope = { policy: ctx.policy, uri };
  if (b.kind === 'next') return checkEventName(b.event, scope, out) ? { kind: 'next_event', event: b.event.text } : null;
  if (b.offset !== undefined && b.offset.duration.unit === undefined) return null; // reported when the AST was built
  const offset = b.offset === undefined ? { amount: 0, unit: 'days' as const } : { amount: b.offset.duration.amount, unit: b.offset.duration.unit ?? 'days' };
  const direction = b.offset?.direction ?? 'after';
  const a = b.anchor;
  let anchor: IrDue['anchor'];
  switch (a.kind) {
    case 'ChildAnchor':
      if (a.attribute.text !== 'dob') {
        out.push(diagnostic('pdl/unknown-attribute', uri, a.attribute.range, `the child has no attribute \`${a.attribute.text}\``, { help: 'a bound may be measured from `child.dob`' }));
        return null;
      }
      anchor = { kind: 'child_dob' };
      break;
    case 'AttributeAnchor': {
      const type = attributeType(a.event, a.attribute, scope, out);
      if (type === undefined) return null;
      if (type.kind !== 'date') {
        out.push(diagnostic('pdl/anchor-not-a-date', uri, a.range, `\`${a.event.text}.${a.attribute.text}\` is ${withArticle(describeType(type))}, not a date`, { help: BOUND_HELP }));
        return null;
      }
      if (trigger?.kind !== 'event' || trigger.event.text !== a.event.text) {
        const follows = trigger?.kind === 'event' ? `\`${trigger.event.text}\`` : trigger?.kind === 'cycle' ? `each occurrence of \`${trigger.cycle.text}\`` : 'its trigger';
        out.push(diagnostic('pdl/invalid-anchor', uri, a.range, `a duty that follows ${follows} cannot be bounded by \`${a.event.text}.${a.attribute.text}\`: which \`${a.event.text}\` would it be?`, { help: BOUND_HELP }));
        return null;
      }
      anchor = { kind: 'event_attribute', event: a.event.text, attribute: a.attribute.text };
      break;
    }
    case 'EventAnchor':
    case 'PreviousAnchor':
      out.push(
        diagnostic('pdl/invalid-anchor', uri, a.range, `\`before ${a.kind === 'EventAnchor' ? a.event.text : a.name.text}\` names no date`, {
          help: a.kind === 'EventAnchor' ? `write \`by the next ${a.event.text}\` for the first \`${a.event.text}\` after the trigger; ${BOUND_HELP}` : BOUND_HELP,
        }),
      );
      return null;
  }
  return { kind: 'date', due: { direction, offset, anchor } };
}

export const dutyKind: RuleKindModule<'duty', ElaboratedDuty, 'duties'> = {
  kind: 'duty',
  clauses: [
    { part: 'owner' },
    { part: 'after' },
    { part: 'trigger' },
    { part: 'bound' },
    { part: 'wording' },
    { part: 'when' },
    { part: 'metBy', required: true },
    { part: 'matchedBy' },
    { part: 'cite', required: true },
    { part: 'notify' },
  ],
  misplacedHelp: {
    due: 'a duty has no number of days: declare a `deadline` for one that has (`due within ...`), or bound the duty with `before EVENT.DATE` or `by the next EVENT`',
    steps: 'a duty has no timescale; `for each CYCLE` makes it follow each occurrence of a cycle',
    runs: 'a duty follows an event (`after EVENT`) or each occurrence of a cycle (`for each CYCLE`)',
  },
  docs: {
    view: dutyDocs,
    section: {
      anchor: 'duties',
      title: 'Duties',
      intro: [rich('What someone must do after an event, or for each occurrence of a cycle, with no number of days: each is outstanding until it is met, and missed when its bound passes unmet.')],
    },
    roleDuties(d, add, ref) {
      for (const role of d.owners?.roles ?? [d.owner]) add(role, 'Duties', ref(d.id, d.title));
    },
  },
  slot: 'duties',
  notifyFields: 'obligation',
  elaborate(ctx) {
    const common = elaborateObligationParts(ctx, triggerScope(ctx));
    const oneTrigger = checkOneTrigger(ctx);
    const written = writtenTrigger(ctx);
    const trigger = written === undefined ? undefined : elabTrigger(ctx, written);
    const bounds = ctx.parts.bound.map((c) => elabBound(ctx, c.bound, written));
    const [bound] = bounds;
    if (common === undefined || !oneTrigger || trigger === undefined || bound === null) return undefined;
    const key = dutyKey(ctx, trigger);
    if (key === undefined) return undefined;
    const wording = ctx.parts.wording[0]?.wording.value;
    return {
      kind: 'duty',
      ...ctx.base,
      ...common,
      trigger,
      ...(bound !== undefined ? { bound } : {}),
      ...(wording !== undefined ? { wording } : {}),
      ...(key ? { key } : {}),
    };
  },
  lower(d): IrDuty {
    const t = d.trigger;
    return {
      kind: 'duty',
      ...lowerNamed(d),
      owner: d.owner,
      ...(d.owners ? { owners: d.owners } : {}),
      trigger: t.kind === 'cycle' ? { kind: 'cycle', cycle: t.cycle } : { kind: 'event', event: t.event, ...(t.where ? { where: t.where.ir } : {}) },
      ...(d.bound !== undefined ? { bound: d.bound } : {}),
      ...(d.wording !== undefined ? { wording: d.wording } : {}),
      metBy: { events: [...d.metBy.events], ...(d.metBy.where ? { where: d.metBy.where.ir } : {}) },
      ...(d.when ? { when: d.when.ir } : {}),
      ...(d.notify ? { notify: lowerTemplate(d.notify) } : {}),
      ...(d.key ? { key: d.key } : {}),
    };
  },
};

// --- docs (`pdl docs`): an item of this kind as a block of plain English

/** `before the date `for` of ...`, `by the next ...`, or "no date: ..." */
function boundText(d: IrDuty, ctx: KindContext): Rich {
  const b = d.bound;
  if (b === undefined) return rich('no fixed date: it stays outstanding until it is met');
  if (b.kind === 'next_event') return rich('no later than the next time ', ctx.say.eventClause(b.event), ' (that day included)');
  const anchor = ctx.say.anchor(b.due.anchor, undefined);
  if (b.due.offset.amount === 0) return rich('on or before ', anchor);
  return rich(`on or before the day ${durationText(b.due.offset)} ${b.due.direction} `, anchor);
}

/** `Social worker and Team manager (together)`, `Chair or Chair's manager (any of them)`. */
export function ownersText(owners: IrOwners, ctx: KindContext): Rich {
  return rich(joinRich(owners.roles.map((r) => ctx.say.role(r)), owners.join === 'all' ? 'and' : 'or'), owners.join === 'all' ? ' (together)' : ' (any of them)');
}

function dutyDocs(d: IrDuty, ctx: KindContext, level: 3 | 4): Block {
  const say = ctx.say;
  const trigger = d.trigger.kind === 'cycle' ? rich('each occurrence of ', say.ruleRef(d.trigger.cycle)) : rich(say.eventClause(d.trigger.event), d.trigger.where !== undefined ? rich(', where ', code(d.trigger.where.text)) : '');
  const lines: Line[] = [
    { number: 0, label: d.owners === undefined ? 'Owner' : 'Owners', value: d.owners === undefined ? say.role(d.owner) : ownersText(d.owners, ctx) },
    { number: 0, label: 'After', value: trigger },
    { number: 0, label: 'By', value: boundText(d, ctx) },
  ];
  if (d.wording !== undefined) lines.push({ number: 0, label: 'In the document\'s words', value: rich(`"${d.wording}"`) });
  if (d.when !== undefined) lines.push({ number: 0, label: 'Applies', value: say.when(d.when) });
  lines.push({ number: 0, label: 'Met when', value: say.metBy(d) });
  if (d.key !== undefined) lines.push({ number: 0, label: 'Matched by', value: rich('the event that meets it carries the same ', code(d.key), ' as the event it follows') });
  lines.push(...notifyLine(d.id, d.notify));
  lines.push(cites(d.citation));
  return ctx.block(d, 'duty', level, [], [fields(lines)]);
}
