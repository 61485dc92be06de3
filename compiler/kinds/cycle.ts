/**
 * The `cycle` kind: a recurring obligation (`first within 20 working days of X`, `then within 6 months
 * of the previous review_held`) that runs from some events until others, met by an event each time.
 * Semantics: `runtime/kinds/cycle.ts` (its header).
 *
 * Elaboration: the events of `runs from ... until` and `restarts on` are declared; there is a `first`
 * step and no two steps for one occurrence; the first step is measured from an event that starts the
 * run, later ones from `the previous ...`; step conditions read the event they are measured from.
 */
import type { IrCycle, IrCycleStep } from '../../runtime/ir.ts';
import type * as A from '../ast/types.ts';
import { diagnostic } from '../diagnostics/types.ts';
import { checkEventName, elabCondition, elabDue, type Scope } from '../elaborate/names.ts';
import { metByEvents, runEvents, type ClauseOf } from '../elaborate/rule-parts.ts';
import type { IrSource } from '../../runtime/ir.ts';
import { CLAUSES } from './clauses.ts';
import { elaborateObligationParts, lowerObligation, type ObligationParts } from './obligation.ts';
import type { ElabCondition, ElabContext, ElabDue, ElaboratedBase, RuleKindModule } from './types.ts';
import { capitalise, cites, code, fields, joinRich, notifyLine, ordinalWord, rich } from '../emit/docs/text.ts';
import type { Block, Line, Lines, Rich } from '../emit/docs/view.ts';
import type { KindContext } from '../emit/docs/kinds.ts';
import { ownersText } from './duty.ts';

export interface ElaboratedStep {
  readonly ast: ClauseOf<'StepClause'>;
  readonly ordinal: number | 'repeat';
  readonly due: ElabDue;
  readonly when?: ElabCondition;
  readonly citation: string;
  readonly source: IrSource;
}

export interface ElaboratedCycle extends ElaboratedBase<'cycle'>, ObligationParts {
  readonly startsOn: readonly string[];
  readonly endsOn: readonly string[];
  readonly restartsOn: readonly string[];
  readonly endsWhere: readonly { readonly event: string; readonly where: ElabCondition }[];
  readonly restartsWhere: readonly { readonly event: string; readonly where: ElabCondition }[];
  readonly steps: readonly ElaboratedStep[];
}

/** `until ... where` / `restarts on ... where`: the condition, read for each listed event (its attributes in scope). */
function eventFilters(events: readonly A.Name[], where: A.Condition | undefined, why: string, ctx: ElabContext): { event: string; where: ElabCondition }[] | undefined {
  if (where === undefined) return [];
  const names = events.map((e) => e.text);
  const cond = elabCondition(where, { policy: ctx.policy, uri: ctx.uri, events: names, eventsWhy: why }, ctx.out);
  return cond === undefined ? undefined : names.map((event) => ({ event, where: cond }));
}

function stepScope(step: ClauseOf<'StepClause'>, ctx: ElabContext): Scope {
  return step.ordinal === 1
    ? { policy: ctx.policy, uri: ctx.uri, events: runEvents(ctx.parts), eventsWhy: 'the first step can read the event that starts the run' }
    : { policy: ctx.policy, uri: ctx.uri, events: metByEvents(ctx.parts), eventsWhy: 'a later step can read the event that met the previous occurrence' };
}

/** Checks the steps: a first one, one per occurrence, each due and condition resolved. */
function elaborateSteps(ctx: ElabContext): ElaboratedStep[] | undefined {
  const { parts, rule, out, uri } = ctx;
  if (!rule.incomplete && !parts.steps.some((s) => s.ordinal === 1)) {
    out.push(diagnostic('pdl/missing-clause', uri, rule.headRange, `cycle \`${rule.name.text}\` has no \`first\` step`, { help: `add a line such as \`${CLAUSES.steps.example}\`` }));
  }
  const seen = new Map<number, A.Clause>();
  const steps: ElaboratedStep[] = [];
  let ok = true;
  for (const step of parts.steps) {
    if (step.ordinal !== 'repeat') {
      const previous = seen.get(step.ordinal);
      if (previous !== undefined) {
        out.push(
          diagnostic('pdl/duplicate-step', uri, step.ordinalRange, `two steps for occurrence ${step.ordinal} of \`${rule.name.text}\``, {
            related: [{ uri, range: previous.range, message: 'the other step' }],
            help: 'give each its own `when` with `then`, or remove one',
          }),
        );
        ok = false;
      }
      seen.set(step.ordinal, step);
    }
    const dueCtx = { kind: 'step' as const, ordinal: step.ordinal, cycleName: rule.name.text, runEvents: runEvents(parts), metBy: metByEvents(parts), incomplete: rule.incomplete };
    const due = elabDue(step.due, dueCtx, { policy: ctx.policy, uri }, out);
    const when = step.when ? elabCondition(step.when, stepScope(step, ctx), out) : undefined;
    if (due === undefined || (step.when && when === undefined)) {
      ok = false;
      continue;
    }
    steps.push({
      ast: step,
      ordinal: step.ordinal,
      due,
      ...(when ? { when } : {}),
      citation: step.cite?.value ?? ctx.base.citation,
      source: { file: uri, line: step.ordinalRange.startLine, column: step.ordinalRange.startColumn },
    });
  }
  return ok && seen.has(1) ? steps : undefined;
}

export const cycleKind: RuleKindModule<'cycle', ElaboratedCycle, 'rules'> = {
  kind: 'cycle',
  clauses: [
    { part: 'owner' },
    { part: 'runs', required: true },
    { part: 'restarts', many: true },
    { part: 'steps', many: true },
    { part: 'metBy', required: true },
    { part: 'when' },
    { part: 'cite', required: true },
    { part: 'notify' },
  ],
  misplacedHelp: { due: 'a cycle states its due dates in steps: `first ...`, `second ...`, `then ...`' },
  docs: {
    view: cycleDocs,
  },
  slot: 'rules',
  notifyFields: 'obligation',
  elaborate(ctx) {
    const { parts, policy, uri, out } = ctx;
    const whenScope: Scope = { policy, uri, events: runEvents(parts), eventsWhy: 'a cycle\'s `when` is read once per run, from the event that starts it' };
    const common = elaborateObligationParts(ctx, whenScope);
    let ok = true;
    for (const runs of parts.runs) for (const e of [...runs.starts, ...runs.ends]) ok = checkEventName(e, { policy, uri }, out) && ok;
    for (const restarts of parts.restarts) for (const e of restarts.events) ok = checkEventName(e, { policy, uri }, out) && ok;
    const steps = elaborateSteps(ctx);
    const runs = parts.runs[0];
    const endsWhere = runs === undefined ? [] : eventFilters(runs.ends, runs.endsWhere, '`until ... where` reads the event that would end the run', ctx);
    const restartsWhere: { event: string; where: ElabCondition }[] = [];
    for (const r of parts.restarts) {
      const filters = eventFilters(r.events, r.where, '`restarts on ... where` reads the event that would restart the run', ctx);
      if (filters === undefined) ok = false;
      else restartsWhere.push(...filters);
    }
    if (common === undefined || steps === undefined || runs === undefined || endsWhere === undefined || !ok) return undefined;
    return {
      kind: 'cycle',
      ...ctx.base,
      ...common,
      startsOn: runs.starts.map((n) => n.text),
      endsOn: runs.ends.map((n) => n.text),
      restartsOn: parts.restarts.flatMap((r) => r.events.map((n) => n.text)),
      endsWhere,
      restartsWhere,
      steps,
    };
  },
  lower(c): IrCycle {
    return {
      kind: 'cycle',
      ...lowerObligation(c),
      startsOn: c.startsOn,
      endsOn: c.endsOn,
      restartsOn: c.restartsOn,
      ...(c.endsWhere.length > 0 ? { endsWhere: c.endsWhere.map((f) => ({ event: f.event, where: f.where.ir })) } : {}),
      ...(c.restartsWhere.length > 0 ? { restartsWhere: c.restartsWhere.map((f) => ({ event: f.event, where: f.where.ir })) } : {}),
      steps: c.steps.map((s) => ({ ordinal: s.ordinal, due: s.due.ir, ...(s.when ? { when: s.when.ir } : {}), citation: s.citation, source: s.source })),
    };
  },
};

// --- docs (`pdl docs`): an item of this kind as a block of plain English

function stepLabel(step: IrCycleStep, lastFixed: number): string {
  if (step.ordinal === 'repeat') return `${capitalise(ordinalWord(lastFixed + 1))} and each later one`;
  return capitalise(ordinalWord(step.ordinal));
}

function cycleDocs(rule: IrCycle, ctx: KindContext, level: 3 | 4): Block {
  const say = ctx.say;
  const starts = joinRich(rule.startsOn.map((e) => say.eventDay(e)), 'or');
  const filtered = (e: string, filters: IrCycle['endsWhere']): Rich => {
    const f = filters?.find((x) => x.event === e);
    return f === undefined ? say.eventDay(e) : rich(say.eventDay(e), ' where ', code(f.where.text));
  };
  const ends = joinRich(rule.endsOn.map((e) => filtered(e, rule.endsWhere)), 'or');
  const paragraphs: Rich[] = [
    rich('A recurring obligation. Each run starts on ', starts, ends.length > 0 ? rich(' and ends on ', ends) : '', '.'),
  ];
  if (rule.restartsOn.length > 0) {
    paragraphs.push(rich('A new run, counted from the first again, starts at once on ', joinRich(rule.restartsOn.map((e) => filtered(e, rule.restartsWhere)), 'or'), '.'));
  }
  const before: Line[] = [];
  if (rule.owners !== undefined) before.push({ number: 0, label: 'Owners', value: ownersText(rule.owners, ctx) });
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
