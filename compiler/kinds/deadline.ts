/**
 * The `deadline` kind: a one-off obligation measured from an event, an event's date attribute or the
 * child's birth (`due within 20 working days of X`), met by an event. Semantics: `runtime/kinds/deadline.ts`
 * (its header).
 *
 * Elaboration: the owner is a declared role (or a warning), the anchor resolves and is a date, `when`
 * reads the anchor event's attributes, `met by ... where` the candidate's; a `matched by` key is
 * declared, with one type, on every anchor event type and every `met by` event (`kinds/key.ts`), and
 * needs an anchor event (not `child.dob`).
 */
import type { IrDeadline } from '../../runtime/ir.ts';
import type { Scope } from '../elaborate/names.ts';
import { elabDeadlineDue, type ElabDeadlineDue } from '../elaborate/due.ts';
import { elaborateObligationParts, lowerObligation, type ObligationParts } from './obligation.ts';
import type { ElabContext, ElabDue, ElaboratedBase, RuleKindModule } from './types.ts';
import { cites, code, fields, notifyLine, rich } from '../emit/docs/text.ts';
import { defaultCounting } from '../../runtime/kinds/deadline.ts';
import type { Block, Line } from '../emit/docs/view.ts';
import type { KindContext } from '../emit/docs/kinds.ts';
import { ownersText } from './duty.ts';
import { elabCounting, elabUpToLimit } from './deadline-matching.ts';
import type { IrCounting } from '../../runtime/ir.ts';
import { checkKey } from './key.ts';
import { diagnostic } from '../diagnostics/types.ts';

export interface ElaboratedDeadline extends ElaboratedBase<'deadline'>, ObligationParts {
  readonly due: ElabDue;
  /** More anchor events, `whichever`, a window (`compiler/elaborate/due.ts`). */
  readonly dueMore: Omit<ElabDeadlineDue, 'due'>;
  /** `counting from ...` (`compiler/kinds/deadline-matching.ts`); absent: the default. */
  readonly counting?: IrCounting;
  /** `up to the limit LIMIT`: the limit's id. */
  readonly upToLimit?: string;
  /** `matched by KEY`: the satisfying event carries the anchor event's value of this attribute. */
  readonly key?: string;
}

/** The deadline's key (`null`: none; `undefined`: invalid, reported): its anchor events and `met by` events declare it. */
function deadlineKey(ctx: ElabContext, whole: ElabDeadlineDue): string | null | undefined {
  const clause = ctx.parts.matchedBy[0];
  if (clause === undefined) return null;
  const anchor = whole.due.ir.anchor;
  if (anchor.kind !== 'event' && anchor.kind !== 'event_attribute') {
    ctx.out.push(
      diagnostic('pdl/invalid-key', ctx.uri, clause.key.range, `\`matched by ${clause.key.text}\` needs an event to match: this deadline is measured from the child's date of birth`, {
        help: 'measure the deadline from an event that carries the key, or leave `matched by` out',
      }),
    );
    return undefined;
  }
  const anchors = [anchor.event, ...(whole.alsoFrom ?? [])].map((event) => ({ event, role: 'the event it is measured from' }));
  const metBy = (ctx.parts.metBy[0]?.events ?? []).map((e) => ({ event: e.text, role: 'a `met by` event' }));
  return checkKey(clause, [...anchors, ...metBy], ctx);
}

/** A deadline's `when` can read the attributes of the event it is measured from (of none, when it has several anchor events). */
function whenScope(ctx: ElabContext): Scope {
  const clause = ctx.parts.due[0];
  const anchor = clause?.due.anchor;
  const several = clause?.more?.some((m) => m.kind === 'AlsoFrom') === true;
  const events = !several && (anchor?.kind === 'EventAnchor' || anchor?.kind === 'AttributeAnchor') ? [anchor.event.text] : [];
  return { policy: ctx.policy, uri: ctx.uri, events, eventsWhy: 'a deadline\'s `when` can read the attributes of the event it is measured from' };
}

export const deadlineKind: RuleKindModule<'deadline', ElaboratedDeadline, 'rules'> = {
  kind: 'deadline',
  clauses: [
    { part: 'owner' },
    { part: 'due', required: true },
    { part: 'when' },
    { part: 'metBy', required: true },
    { part: 'matchedBy' },
    { part: 'cite', required: true },
    { part: 'notify' },
    { part: 'counting' },
    { part: 'upToLimit' },
  ],
  misplacedHelp: {
    steps: 'declare a `cycle` for an obligation that recurs',
    runs: 'declare a `cycle` for an obligation that recurs',
    restarts: 'declare a `cycle` for an obligation that recurs',
  },
  docs: {
    view: deadlineDocs,
  },
  slot: 'rules',
  notifyFields: 'obligation',
  elaborate(ctx) {
    const common = elaborateObligationParts(ctx, whenScope(ctx));
    // Every `due` is resolved, for its diagnostics (a second one is also a duplicate-clause error); the first is the rule's.
    const [whole] = ctx.parts.due.map((clause) => elabDeadlineDue(clause, { policy: ctx.policy, uri: ctx.uri }, ctx.out));
    const counting = elabCounting(ctx);
    const upToLimit = elabUpToLimit(ctx);
    if (common === undefined || whole === undefined || counting === null || upToLimit === null) return undefined;
    const key = deadlineKey(ctx, whole);
    if (key === undefined) return undefined;
    const { due, ...dueMore } = whole;
    return { kind: 'deadline', ...ctx.base, ...common, due, dueMore, ...(counting ? { counting } : {}), ...(upToLimit ? { upToLimit } : {}), ...(key ? { key } : {}) };
  },
  lower(d): IrDeadline {
    return {
      kind: 'deadline',
      ...lowerObligation(d),
      due: d.due.ir,
      ...(d.key ? { key: d.key } : {}),
      ...(d.dueMore.alsoFrom ? { alsoFrom: [...d.dueMore.alsoFrom] } : {}),
      ...(d.dueMore.whichever ? { whichever: d.dueMore.whichever } : {}),
      ...(d.dueMore.window ? { window: d.dueMore.window } : {}),
      ...(d.counting ? { counting: d.counting } : {}),
      ...(d.upToLimit ? { upToLimit: d.upToLimit } : {}),
    };
  },
};

// --- docs (`pdl docs`): an item of this kind as a block of plain English

function deadlineDocs(rule: IrDeadline, ctx: KindContext, level: 3 | 4): Block {
  const lines: Line[] = [{ number: 0, label: 'Due', value: ctx.say.deadlineDue(rule) }];
  if (rule.owners !== undefined) lines.unshift({ number: 0, label: 'Owners', value: ownersText(rule.owners, ctx) });
  if (rule.when !== undefined) lines.push({ number: 0, label: 'Applies', value: ctx.say.when(rule.when) });
  lines.push({ number: 0, label: 'Met when', value: ctx.say.metBy(rule) });
  lines.push(...matchingLines(rule));
  if (rule.key !== undefined) lines.push({ number: 0, label: 'Matched by', value: rich('the event that meets it carries the same ', code(rule.key), ' as the event it is measured from') });
  lines.push(...notifyLine(rule.id, rule.notify));
  lines.push(cites(rule.citation));
  return ctx.block(rule, 'deadline', level, [], [fields(lines)]);
}

/** "Counted from" (unless from the anchor event by default) and "Repeats" (`up to the limit`): docs/language.md, "Matching window", "Repeated events". */
function matchingLines(rule: IrDeadline): Line[] {
  const lines: Line[] = [];
  const c = rule.counting ?? defaultCounting(rule);
  if (c.kind === 'previous') {
    const what = `${c.event}${c.attribute === undefined ? '' : `.${c.attribute}`}`;
    const why = rule.counting === undefined ? ' (the default for a deadline before a meeting: work done since the previous meeting counts, before or after the booking)' : '';
    lines.push({ number: 0, label: 'Counted from', value: rich('the previous ', code(what), `; any date when there is none${why}`) });
  } else if (rule.counting !== undefined) {
    lines.push({ number: 0, label: 'Counted from', value: rich('the date of the event it is measured from') });
  }
  if (rule.upToLimit !== undefined) {
    lines.push({ number: 0, label: 'Repeats', value: rich('an event beyond the limit ', code(rule.upToLimit), ' gives no due date of its own') });
  }
  return lines;
}
