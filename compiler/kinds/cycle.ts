/**
 * The `cycle` kind: a recurring obligation (`first within 20 working days of X`, `then within 6 months
 * of the previous review_held`) that runs from some events until others, met by an event each time.
 * Semantics: `runtime/evaluate.ts` (item 5 of its contract).
 *
 * Elaboration: the events of `runs from ... until` and `restarts on` are declared; there is a `first`
 * step and no two steps for one occurrence; the first step is measured from an event that starts the
 * run, later ones from `the previous ...`; step conditions read the event they are measured from.
 */
import type { IrCycle } from '../../runtime/ir.ts';
import type * as A from '../ast/types.ts';
import { diagnostic } from '../diagnostics/types.ts';
import { checkEventName, elabCondition, elabDue, type Scope } from '../elaborate/names.ts';
import { metByEvents, runEvents, type ClauseOf } from '../elaborate/rule-parts.ts';
import type { IrSource } from '../../runtime/ir.ts';
import { CLAUSES } from './clauses.ts';
import { lowerTemplate } from './common.ts';
import { elaborateObligationParts, lowerMetBy, type ObligationParts } from './obligation.ts';
import type { ElabCondition, ElabContext, ElabDue, ElaboratedBase, RuleKindModule } from './types.ts';

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
  readonly steps: readonly ElaboratedStep[];
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
    const dueCtx = { kind: 'step' as const, ordinal: step.ordinal, cycleName: rule.name.text, runEvents: runEvents(parts), metBy: metByEvents(parts) };
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
    if (common === undefined || steps === undefined || runs === undefined || !ok) return undefined;
    return {
      kind: 'cycle',
      ...ctx.base,
      ...common,
      startsOn: runs.starts.map((n) => n.text),
      endsOn: runs.ends.map((n) => n.text),
      restartsOn: parts.restarts.flatMap((r) => r.events.map((n) => n.text)),
      steps,
    };
  },
  lower(c): IrCycle {
    return {
      kind: 'cycle',
      id: c.id,
      title: c.title,
      owner: c.owner,
      metBy: lowerMetBy(c.metBy),
      citation: c.citation,
      source: c.source,
      policy: c.located.policy,
      ...(c.when ? { when: c.when.ir } : {}),
      ...(c.notify ? { notify: lowerTemplate(c.notify) } : {}),
      startsOn: c.startsOn,
      endsOn: c.endsOn,
      restartsOn: c.restartsOn,
      steps: c.steps.map((s) => ({ ordinal: s.ordinal, due: s.due.ir, ...(s.when ? { when: s.when.ir } : {}), citation: s.citation, source: s.source })),
    };
  },
};
