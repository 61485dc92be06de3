/**
 * The `ladder` kind: an escalation procedure (`stage 1 alert ... respond within 5 working days`, ...,
 * `in total at most 28 days`, `advance when late or unsatisfactory`). Semantics: `runtime/ladders.ts`.
 *
 * Elaboration: roles are declared (the ladder's and each stage's raisers, alerted, copied and referred
 * roles); stages are numbered once each, in increasing order; every stage either alerts roles with a
 * response timescale or refers the matter on, and only the last refers; `stops the clock` needs an
 * `in total at most` to stop; a stage's `when` reads facts, `age`, `today`, `child.dob` and counts
 * (no event attributes: it is read on a date, with no event in focus); the escalation events the
 * runtime reads are declared with the attributes it needs, and `escalation_raised` declares
 * `by: role` when a stage names its raisers (checked once per policy, at its first ladder); a
 * `matched by` key is declared, with one type, on the three escalation events (`kinds/key.ts`).
 */
import type { LADDER_EVENTS } from '../../runtime/index.ts';
import type { IrDuration, IrLadder, IrLadderStage } from '../../runtime/ir.ts';
import { diagnostic, type Diagnostic } from '../diagnostics/types.ts';
import { checkRoleName, elabCondition } from '../elaborate/names.ts';
import type { ClauseOf } from '../elaborate/rule-parts.ts';
import type * as A from '../ast/types.ts';
import type { ResolvedPolicy } from '../resolve/types.ts';
import { lowerNamed, lowerTemplate } from './common.ts';
import { checkKey } from './key.ts';
import type { ElabCondition, ElaboratedBase, RuleKindModule } from './types.ts';
import { cites, code, durationText, fields, notifyLine, oneLine, rich, type Part } from '../emit/docs/text.ts';
import type { Block, Line } from '../emit/docs/view.ts';
import type { KindContext } from '../emit/docs/kinds.ts';
import type { Speaker } from '../emit/docs/speaker.ts';

type LadderEvent = (typeof LADDER_EVENTS)[keyof typeof LADDER_EVENTS];

/**
 * The events a ladder reads (the runtime's `LADDER_EVENTS`: the type makes this list exactly those, so
 * this module needs no run-time import of the runtime), and the attributes (with types) each must declare.
 */
export const LADDER_VOCABULARY: { readonly [E in LadderEvent]: Readonly<Record<string, 'text' | 'number' | 'boolean'>> } = {
  escalation_raised: { ladder: 'text', stage: 'number' },
  escalation_response: { ladder: 'text', stage: 'number', satisfactory: 'boolean' },
  escalation_resolved: { ladder: 'text' },
};

export interface ElaboratedStage {
  readonly ast: ClauseOf<'StageClause'>;
  readonly ir: IrLadderStage;
  /** The stage's `when`, typed (read by the never-applies lint). */
  readonly when?: ElabCondition;
}

export interface ElaboratedLadder extends ElaboratedBase<'ladder'> {
  readonly raisedBy: readonly string[];
  readonly bypass: boolean;
  readonly total?: ClauseOf<'TotalClause'>;
  readonly cap?: IrDuration;
  readonly stages: readonly ElaboratedStage[];
  readonly advance: { readonly late: boolean; readonly unsatisfactory: boolean };
  readonly notify?: ClauseOf<'NotifyClause'>;
  /** `matched by KEY`: one escalation per value of this attribute of the escalation events. */
  readonly key?: string;
}

/** The attribute a raise may carry to say who raised it (checked against the stage's raisers). */
export const RAISED_BY_ATTRIBUTE = 'by';

/** `escalation_raised` declares `by: role` when some stage of the policy's own ladders names its raisers. */
function checkRaisedBy(policy: ResolvedPolicy, ladders: readonly { readonly decl: A.RuleDecl }[]): Diagnostic[] {
  const stage = ladders.flatMap((l) => l.decl.clauses).find((c): c is ClauseOf<'StageClause'> => c.kind === 'StageClause' && c.raisedBy.length > 0);
  if (stage === undefined) return [];
  const decl = policy.events.get('escalation_raised')?.decl;
  if (decl === undefined) return []; // reported by checkVocabulary
  const attr = decl.attributes.find((a) => a.name.text === RAISED_BY_ATTRIBUTE);
  if (attr !== undefined && attr.type.kind === 'PrimitiveType' && attr.type.type === 'role') return [];
  return [
    diagnostic('pdl/unknown-attribute', policy.uri, stage.raisedBy[0]?.range ?? stage.numberRange, `stage ${stage.number} says who raises it, but \`escalation_raised\` does not declare \`by\` as a role, so a case cannot say who raised a stage`, {
      help: 'declare `event escalation_raised { ladder: text, stage: number, by?: role }` (the statutory baseline does)',
    }),
  ];
}

function checkVocabulary(policy: ResolvedPolicy, at: A.RuleDecl): Diagnostic[] {
  const out: Diagnostic[] = [];
  const range = at.name.range;
  const missing = Object.keys(LADDER_VOCABULARY).filter((e) => !policy.events.has(e));
  const declaration = (e: string): string => `\`event ${e} { ${Object.entries(LADDER_VOCABULARY[e as LadderEvent] ?? {}).map(([n, t]) => `${n}: ${t}`).join(', ')} }\``;
  if (missing.length > 0) {
    // One message for the whole missing vocabulary, not one per event.
    out.push(
      diagnostic('pdl/unknown-event', policy.uri, range, `ladders read the events ${missing.map((e) => `\`${e}\``).join(', ')}, which are not declared`, {
        help: `extend \`england.statutory_reviews\`, which declares them, or declare ${missing.map(declaration).join(', ')}`,
      }),
    );
  }
  for (const [event, attributes] of Object.entries(LADDER_VOCABULARY)) {
    const decl = policy.events.get(event)?.decl;
    if (decl === undefined) continue;
    for (const [name, type] of Object.entries(attributes)) {
      const attr = decl.attributes.find((a) => a.name.text === name);
      if (attr === undefined || attr.type.kind !== 'PrimitiveType' || attr.type.type !== type) {
        out.push(
          diagnostic('pdl/unknown-attribute', policy.uri, range, `ladders read \`${event}.${name}\` as a ${type}, but \`${event}\` does not declare it so`, {
            help: `declare ${declaration(event)}`,
          }),
        );
      } else if (attr.optional) {
        // A record without it could not be matched to its ladder or stage (it would be reported under an empty name).
        out.push(
          diagnostic('pdl/unknown-attribute', policy.uri, attr.name.range, `ladders read \`${event}.${name}\` on every record, but \`${event}\` declares it optional (\`${name}?\`)`, {
            help: `declare it required: ${declaration(event)}`,
          }),
        );
      }
    }
  }
  return out;
}

export const ladderKind: RuleKindModule<'ladder', ElaboratedLadder, 'ladders'> = {
  kind: 'ladder',
  clauses: [
    { part: 'raisedBy', required: true },
    { part: 'stagesMay' },
    { part: 'total' },
    { part: 'stages', required: true, many: true },
    { part: 'advance' },
    { part: 'notify' },
    { part: 'matchedBy' },
    { part: 'cite', required: true },
  ],
  docs: {
    view: ladderDocs,
    section: { anchor: 'escalation-ladders', title: 'Escalation ladders', intro: [rich('Each stage alerts the roles who must respond; a stage’s timescale is counted from the day it is raised.')] },
    roleDuties(l, add, ref) {
      for (const role of l.raisedBy) add(role, 'Raises', ref(l.id, l.title));
      for (const s of l.stages) {
        for (const role of s.raisedBy ?? []) if (!l.raisedBy.includes(role)) add(role, 'Raises', rich(`stage ${s.number} of `, ref(l.id, l.title)));
        const due = s.respondWithin === undefined ? '' : `, within ${durationText(s.respondWithin)}`;
        for (const role of s.alert) add(role, 'Responds', rich(`at stage ${s.number} of `, ref(l.id, l.title), due));
        for (const role of s.copy) add(role, 'Is copied', rich(`at stage ${s.number} of `, ref(l.id, l.title)));
        if (s.referTo !== undefined) add(s.referTo, 'Receives the referral', rich(`at stage ${s.number} of `, ref(l.id, l.title)));
      }
    },
  },
  slot: 'ladders',
  notifyFields: 'ladder',
  elaborate(ctx) {
    const { parts, policy, uri, out, rule } = ctx;
    const scope = { policy, uri };
    let ok = true;
    for (const raised of parts.raisedBy) for (const role of raised.roles) ok = checkRoleName(role, scope, out) && ok;
    let previous: ClauseOf<'StageClause'> | undefined;
    const seen = new Set<number>();
    const stages: ElaboratedStage[] = [];
    const total = parts.total[0];
    parts.stages.forEach((stage, index) => {
      for (const role of [...stage.raisedBy, ...stage.alert, ...stage.copy]) ok = checkRoleName(role, scope, out) && ok;
      if (stage.referTo) ok = checkRoleName(stage.referTo, scope, out) && ok;
      let when: ElabCondition | undefined;
      if (stage.when !== undefined) {
        when = elabCondition(stage.when, { policy, uri, events: [], eventsWhy: "a stage's `when` is read on a date, with no event in focus: it can read facts, `age`, `today`, `child.dob` and `count(...)`" }, out);
        if (when === undefined) ok = false;
      }
      if (stage.stopsClock && total === undefined) {
        out.push(
          diagnostic('pdl/invalid-stage', uri, stage.numberRange, `stage ${stage.number} of \`${rule.name.text}\` stops the clock, but the ladder has no overall limit to stop`, {
            help: 'add `in total at most 28 days` (or the limit the document gives), or leave out `stops the clock`',
          }),
        );
        ok = false;
      }
      if (seen.has(stage.number)) {
        out.push(diagnostic('pdl/invalid-stage', uri, stage.numberRange, `stage ${stage.number} is declared twice in \`${rule.name.text}\``));
        ok = false;
      } else if (previous !== undefined && stage.number < previous.number) {
        out.push(diagnostic('pdl/invalid-stage', uri, stage.numberRange, `stage ${stage.number} comes after stage ${previous.number}`, { help: 'list the stages in order' }));
        ok = false;
      }
      seen.add(stage.number);
      if (stage.referTo === undefined && stage.respondWithin === undefined) {
        out.push(
          diagnostic('pdl/invalid-stage', uri, stage.numberRange, `stage ${stage.number} of \`${rule.name.text}\` says whom it alerts but not how soon they must respond`, {
            help: 'add `respond within 5 working days` (or the timescale the document gives)',
          }),
        );
        ok = false;
      }
      if (stage.referTo !== undefined && index < parts.stages.length - 1) {
        out.push(diagnostic('pdl/invalid-stage', uri, stage.numberRange, `stage ${stage.number} refers the matter on, so it must be the last stage`));
        ok = false;
      }
      previous = stage;
      stages.push({
        ast: stage,
        ir: {
          number: stage.number,
          ...(stage.title ? { title: stage.title.value } : {}),
          alert: stage.alert.map((n) => n.text),
          copy: stage.copy.map((n) => n.text),
          ...(stage.respondWithin?.unit ? { respondWithin: { amount: stage.respondWithin.amount, unit: stage.respondWithin.unit } } : {}),
          ...(stage.referTo ? { referTo: stage.referTo.text } : {}),
          ...(stage.raisedBy.length > 0 ? { raisedBy: stage.raisedBy.map((n) => n.text) } : {}),
          ...(when ? { when: when.ir } : {}),
          ...(stage.stopsClock ? { stopsClock: true } : {}),
          citation: stage.cite?.value ?? ctx.base.citation,
          source: { file: uri, line: stage.numberRange.startLine, column: stage.numberRange.startColumn },
        },
        ...(when ? { when } : {}),
      });
    });
    const key = checkKey(
      parts.matchedBy[0],
      Object.keys(LADDER_VOCABULARY).filter((e) => policy.events.has(e)).map((e) => ({ event: e, role: 'an escalation event' })),
      ctx,
    );
    if (key === undefined) ok = false;
    if (!ok) return undefined;
    const advance = parts.advance[0];
    const notify = parts.notify[0];
    return {
      kind: 'ladder',
      ...ctx.base,
      raisedBy: parts.raisedBy.flatMap((r) => r.roles.map((n) => n.text)),
      bypass: parts.stagesMay.length > 0,
      ...(total ? { total } : {}),
      ...(total?.duration.unit ? { cap: { amount: total.duration.amount, unit: total.duration.unit } } : {}),
      stages,
      // Without an `advance` clause, either a late or an unsatisfactory response makes the next stage due.
      advance: advance ? { late: advance.late, unsatisfactory: advance.unsatisfactory } : { late: true, unsatisfactory: true },
      ...(notify ? { notify } : {}),
      ...(key ? { key } : {}),
    };
  },
  lower(l): IrLadder {
    return {
      kind: 'ladder',
      ...lowerNamed(l),
      raisedBy: l.raisedBy,
      bypass: l.bypass,
      ...(l.cap ? { cap: l.cap } : {}),
      ...(l.total?.cite ? { capCitation: l.total.cite.value } : {}),
      stages: l.stages.map((s) => s.ir),
      advance: l.advance,
      ...(l.notify ? { notify: lowerTemplate(l.notify) } : {}),
      ...(l.key ? { key: l.key } : {}),
    };
  },
  checkPolicy(ownLadders, policy) {
    const first = ownLadders[0];
    return first === undefined ? [] : [...checkVocabulary(policy, first.decl), ...checkRaisedBy(policy, ownLadders)];
  },
};

// --- docs (`pdl docs`): an item of this kind as a block of plain English

function stage(say: Speaker, s: IrLadderStage): Line {
  const parts: Part[] = [];
  if (s.raisedBy !== undefined) parts.push('raised by ', say.roles_(s.raisedBy, 'or'), ', ');
  if (s.alert.length > 0) {
    parts.push('alert ', say.roles_(s.alert, 'and'));
    if (s.respondWithin !== undefined) parts.push(`, who must respond within ${durationText(s.respondWithin)} of the stage being raised`);
    if (s.copy.length > 0) parts.push('; copy ', say.roles_(s.copy, 'and'));
  } else if (s.referTo !== undefined) {
    parts.push('refer to ', say.role(s.referTo));
    if (s.copy.length > 0) parts.push('; copy ', say.roles_(s.copy, 'and'));
    if (s.stopsClock === true) parts.push('; the referral stops the overall limit’s clock');
  } else if (s.copy.length > 0) parts.push('copy ', say.roles_(s.copy, 'and'));
  if (s.when !== undefined) parts.push('; ', say.when(s.when), ' (the stage is part of the ladder only then)');
  parts.push(`. Cites: ${s.citation}`);
  const label = s.title === undefined ? `Stage ${s.number}` : `Stage ${s.number}, ${oneLine(s.title)}`;
  return { number: s.number, label, value: rich(...parts) };
}

function ladderDocs(l: IrLadder, ctx: KindContext): Block {
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
  if (l.key !== undefined) {
    lines.push({ number: 0, label: 'Matched by', value: rich('one escalation for each ', code(l.key), ': a raise, response or resolution belongs to the escalation with the same ', code(l.key)) });
  }
  return ctx.block(l, 'ladder', 3, [], [
    fields(lines),
    { intro: rich('Stages:'), ordered: true, items: l.stages.map((s) => stage(ctx.say, s)) },
    fields([...notifyLine(l.id, l.notify), cites(l.citation)]),
  ]);
}
