/**
 * The per-rule-kind part of the `pdl docs` view model: ONE record, `KIND_VIEWS`, keyed by rule kind
 * (deadline, cycle, approval, limit, constraint, ladder, criteria), each entry turning one IR item of
 * that kind into its `Block` (title, meta line, paragraphs and lists in plain English).
 *
 * Input: an IR item of the kind, a `KindContext` (the `Speaker` and the block frame of `model.ts`:
 * anchor, tag, meta, merged lists) and the heading level. Output: a `Block`.
 * INVARIANT: one entry per rule kind, typed so that a new kind in `IrItemByKind` without an entry is
 * a type error; the sections (which kinds go where) are `model.ts`'s.
 */
import type {
  IrApproval,
  IrConstraint,
  IrCriteria,
  IrCycle,
  IrCycleStep,
  IrDeadline,
  IrLadder,
  IrLadderStage,
  IrLimit,
} from '../../../runtime/ir.ts';
import type { Speaker } from './speaker.ts';
import { capitalise, capitaliseRich, cites, code, durationText, fields, joinRich, notifyLine, oneLine, ordinalWord, rich, type Part } from './text.ts';
import type { Block, Line, Lines, Rich } from './view.ts';

/** The IR item of each rule kind. */
export interface IrItemByKind {
  readonly deadline: IrDeadline;
  readonly cycle: IrCycle;
  readonly approval: IrApproval;
  readonly limit: IrLimit;
  readonly constraint: IrConstraint;
  readonly ladder: IrLadder;
  readonly criteria: IrCriteria;
}

export type RuleKind = keyof IrItemByKind;

/** What a kind's view needs from the document being built. */
export interface KindContext {
  readonly say: Speaker;
  /** The block of an item: anchor, title, inherited tag and meta line around the given paragraphs and lists. */
  block(item: IrItemByKind[RuleKind], kind: RuleKind, level: 3 | 4, paragraphs: readonly Rich[], lists: readonly Lines[]): Block;
}

/** One kind's view: an item of the kind -> its block (`level` 4 inside a role's group, else 3). */
export type KindView<K extends RuleKind> = (item: IrItemByKind[K], ctx: KindContext, level: 3 | 4) => Block;

// --- obligations

function deadline(rule: IrDeadline, ctx: KindContext, level: 3 | 4): Block {
  const lines: Line[] = [{ number: 0, label: 'Due', value: ctx.say.due(rule.due) }];
  if (rule.when !== undefined) lines.push({ number: 0, label: 'Applies', value: ctx.say.when(rule.when) });
  lines.push({ number: 0, label: 'Met when', value: ctx.say.metBy(rule) });
  lines.push(...notifyLine(rule.id, rule.notify));
  lines.push(cites(rule.citation));
  return ctx.block(rule, 'deadline', level, [], [fields(lines)]);
}

function stepLabel(step: IrCycleStep, lastFixed: number): string {
  if (step.ordinal === 'repeat') return `${capitalise(ordinalWord(lastFixed + 1))} and each later one`;
  return capitalise(ordinalWord(step.ordinal));
}

function cycle(rule: IrCycle, ctx: KindContext, level: 3 | 4): Block {
  const say = ctx.say;
  const starts = joinRich(rule.startsOn.map((e) => say.eventDay(e)), 'or');
  const ends = joinRich(rule.endsOn.map((e) => say.eventDay(e)), 'or');
  const paragraphs: Rich[] = [
    rich('A recurring obligation. Each run starts on ', starts, ends.length > 0 ? rich(' and ends on ', ends) : '', '.'),
  ];
  if (rule.restartsOn.length > 0) {
    paragraphs.push(rich('A new run, counted from the first again, starts at once on ', joinRich(rule.restartsOn.map((e) => say.eventDay(e)), 'or'), '.'));
  }
  const before: Line[] = [];
  if (rule.when !== undefined) before.push({ number: 0, label: 'Applies', value: rich(say.when(rule.when), ', read when each run starts') });
  const fixed = rule.steps.filter((s) => s.ordinal !== 'repeat').sort((a, b) => (a.ordinal as number) - (b.ordinal as number));
  const repeats = rule.steps.filter((s) => s.ordinal === 'repeat');
  const lastFixed = fixed.reduce((m, s) => Math.max(m, s.ordinal as number), 0);
  const steps: Line[] = [...fixed, ...repeats].map((step, i) => ({
    number: i + 1,
    label: stepLabel(step, lastFixed),
    value: rich(say.due(step.due, rule), step.when !== undefined ? rich(', ', say.when(step.when)) : '', `. Cites: ${step.citation}`),
  }));
  const after: Line[] = [{ number: 0, label: 'Met when', value: say.metBy(rule) }, ...notifyLine(rule.id, rule.notify), cites(rule.citation)];
  const lists: Lines[] = [];
  if (before.length > 0) lists.push(fields(before));
  lists.push({ intro: rich('Each occurrence is due:'), ordered: true, items: steps });
  lists.push(fields(after));
  return ctx.block(rule, 'cycle', level, paragraphs, lists);
}


// --- approvals, limits, constraints

function approval(a: IrApproval, ctx: KindContext): Block {
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

function limit(l: IrLimit, ctx: KindContext): Block {
  const say = ctx.say;
  const per =
    l.per.kind === 'case' ? rich('in the whole case') : rich('in each occurrence of ', say.ruleRef(l.per.rule), ' (from the date the occurrence is measured from to the event that met it)');
  const events = l.max === 1 ? 'event' : 'events';
  const lines: Line[] = [
    {
      number: 0,
      label: 'Limit',
      value: rich(`at most ${l.max} ${events} `, say.eventNamed(l.event), l.where !== undefined ? rich(' where ', code(l.where.text)) : '', ' ', per, '; each one beyond the limit is a breach'),
    },
    cites(l.citation),
  ];
  return ctx.block(l, 'limit', 3, [], [fields(lines)]);
}

function constraint(c: IrConstraint, ctx: KindContext): Block {
  const say = ctx.say;
  const lines: Line[] = [
    {
      number: 0,
      label: 'Rule',
      value: rich(
        say.eventAttribute(c.event, c.attribute, 'each'),
        ' must fall on or before the due date of the occurrence of ',
        say.ruleRef(c.cycle),
        ' that is pending when it is recorded',
      ),
    },
    cites(c.citation),
  ];
  return ctx.block(c, 'constraint', 3, [], [fields(lines)]);
}

// --- ladders

function stage(say: Speaker, s: IrLadderStage): Line {
  const parts: Part[] = [];
  if (s.alert.length > 0) {
    parts.push('alert ', say.roles_(s.alert, 'and'));
    if (s.respondWithin !== undefined) parts.push(`, who must respond within ${durationText(s.respondWithin)} of the stage being raised`);
    if (s.copy.length > 0) parts.push('; copy ', say.roles_(s.copy, 'and'));
  } else if (s.copy.length > 0) parts.push('copy ', say.roles_(s.copy, 'and'));
  if (s.referTo !== undefined) parts.push(parts.length > 0 ? '; then refer to ' : 'refer to ', say.role(s.referTo));
  parts.push(`. Cites: ${s.citation}`);
  const label = s.title === undefined ? `Stage ${s.number}` : `Stage ${s.number}, ${oneLine(s.title)}`;
  return { number: s.number, label, value: rich(...parts) };
}

function ladder(l: IrLadder, ctx: KindContext): Block {
  const say = ctx.say;
  const advance =
    l.advance.late && l.advance.unsatisfactory
      ? 'when a stage has no response by its deadline, or its response is unsatisfactory'
      : l.advance.late
        ? 'when a stage has no response by its deadline'
        : 'when the response to a stage is unsatisfactory';
  const lines: Line[] = [{ number: 0, label: 'Raised by', value: say.roles_(l.raisedBy, 'or') }];
  if (l.cap !== undefined) {
    lines.push({
      number: 0,
      label: 'Overall limit',
      value: rich(`at most ${durationText(l.cap)} in total, from the first stage raised to the resolution`, l.capCitation !== undefined ? `. Cites: ${l.capCitation}` : ''),
    });
  }
  lines.push({
    number: 0,
    label: 'Order of stages',
    value: rich(l.bypass ? 'stages may be bypassed: a stage may be raised without the one before it' : 'stages are taken in order: raising a stage without the one before it is a breach'),
  });
  lines.push({ number: 0, label: 'The next stage is due', value: rich(advance) });
  return ctx.block(l, 'ladder', 3, [], [
    fields(lines),
    { intro: rich('Stages:'), ordered: true, items: l.stages.map((s) => stage(ctx.say, s)) },
    fields([...notifyLine(l.id, l.notify), cites(l.citation)]),
  ]);
}

// --- criteria

function criteria(c: IrCriteria, ctx: KindContext): Block {
  const intro =
    c.combinator === 'any' ? 'Met when at least one of these holds:' : c.combinator === 'all' ? 'Met when every one of these holds:' : 'Met when none of these holds:';
  return ctx.block(c, 'criteria', 3, [rich('Read on the date of the evaluation: ', code('today'), ' is that date and ', code('age'), " the child's age on it.")], [
    { intro: rich(intro), ordered: false, items: c.conditions.map((x) => ({ number: 0, label: x.label, value: rich(code(x.condition.text)) })) },
    fields([cites(c.citation)]),
  ]);
}

/** The view of each rule kind. */
export const KIND_VIEWS: { readonly [K in RuleKind]: KindView<K> } = {
  deadline,
  cycle,
  // Always a section of their own (level 3): these take no level.
  approval,
  limit,
  constraint,
  ladder,
  criteria,
};

/** The block of any item, looked up by its kind. */
export function kindBlock<K extends RuleKind>(item: IrItemByKind[K] & { readonly kind: K }, ctx: KindContext, level: 3 | 4): Block {
  const view = KIND_VIEWS[item.kind] as KindView<K>;
  return view(item, ctx, level);
}
