/**
 * Escalation ladders: the state of each escalation a case records, stage by stage.
 *
 * Input: the policy's `IrLadder`s (compiled once by `compileLadders`), then per evaluation the
 * condition scope (the events considered, sorted, and the as-of date). Output: one `Escalation` per
 * raised stage, `Violation`s (kind `ladder`) and notices, appended to the caller's arrays.
 *
 * The events (declared by the policy's vocabulary): `escalation_raised {ladder, stage}`,
 * `escalation_response {ladder, stage, satisfactory}`, `escalation_resolved {ladder}`; `ladder` is
 * the ladder's id. Semantics (events after the as-of date are never considered):
 * 1. Instances. Per ladder, in date-then-input order: a raise with no escalation open starts one
 *    (numbered 1, 2...); `escalation_resolved` ends the open one. A resolution with no escalation open
 *    gets a notice.
 * 2. A raise, response or resolution naming a ladder the policy does not declare, or a raise or
 *    response naming a stage the ladder does not have, is a violation (rule: the name given) and
 *    takes no further part. Never ignored silently.
 * 3. Without `bypass`, raising stage n when a declared stage between the highest stage raised so far
 *    in the escalation (none, at its start) and n was never raised is a violation ("stage 2 was
 *    skipped"). The stage is still raised. A stage with a `when` is part of the ladder only on dates
 *    its condition holds (read on the date in question, with no focus event): raising it when it does
 *    not hold is a violation (the stage is still raised); it is never skipped on a date it does not
 *    hold, and never the next stage on an as-of date it does not hold.
 * 3a. Raisers: a raise that says who raised it (`by`, a role) names a role the stage's `raised by`
 *    (else the ladder's) lists, or it is a violation. A raise without `by` is not checked.
 * 4. A stage's response is the first `escalation_response` of the same ladder and stage dated on or
 *    after its raise, not after the escalation's resolution, and not already taken by an earlier
 *    raise; a response matching no raise gets a notice.
 * 5. Due: the raise plus `respondWithin` (working days on the policy calendar; none for a referral
 *    stage). Escalated: a stage is escalated by the first later raise, in the same escalation, of a
 *    higher-numbered stage (`escalatedOn`, `escalatedToStage`, `escalatedTo`: the roles it alerts, or
 *    the body a referral goes to). PDL never moves a ladder on by itself: until someone raises the
 *    next stage, a stage with no response stays `overdue` (with `nextStageDue`). Status, the first
 *    that applies: the escalation resolved -> `resolved` (for all its stages); a referral stage ->
 *    `referred`; a response on or before the escalation date (any response, when not escalated) ->
 *    `responded` or `unsatisfactory`; escalated -> `escalated`; none and the as-of date after the due
 *    date -> `overdue`; else `awaiting_response`.
 * 5a. Copies: a role a stage copies is left out when earlier declared stages name it (alert, copy or
 *    refer to it) and none of those was raised earlier in this escalation: it is copied as a party to
 *    those stages, which were bypassed ("a copy to all parties from the previous stage").
 * 6. `nextStageDue`, only for the current stage (the latest raised) of an open escalation, when the
 *    ladder has a later stage and per `advance`: `late` (no response by the due date, and the as-of
 *    date is after it: a response after the due date is late too) and/or `unsatisfactory`.
 * 7. Cap: `capDue` is the escalation's first raise plus `cap`; exceeded when (resolution date, or the
 *    as-of date while open) is after it. When the last stage raised in the escalation is a referral
 *    that `stops the clock`, the count ends on its raise date (`clockStoppedOn`) instead: exceeded
 *    only when it was made after `capDue`. A referral followed by a later raise (a concurrent
 *    referral, the authority's own process going on) stops nothing.
 * 8. Key (`key`, `matched by ATTRIBUTE`; `runtime/keys.ts`): a ladder with a key runs one escalation
 *    per key value at a time ("two disputes run two ladders"). In 1, a raise starts an escalation when
 *    none is open with its key value, and a resolution ends the open one with its key value; in 4, a
 *    response answers only a raise of an escalation with its key value. Escalations are still
 *    numbered 1, 2... per ladder, in the order they start. Explanations say "matched by ATTRIBUTE";
 *    they never print the value (case data).
 * Every entry carries an explanation with the dates, who must respond, the arithmetic (bank holidays
 * named), the response, the next stage and the cap, and the stage's citation.
 *
 * INVARIANT: with no escalation events in the case, nothing is allocated beyond one scan of the events.
 */

import type { IrDue, IrLadder, IrLadderStage, PolicyIR } from './ir.ts';
import { compileCondition } from './conditions.ts';
import type { Condition } from './conditions.ts';
import type { PlainDate } from './dates.ts';
import type { WorkingDayCalendar } from './calendar.ts';
import type { NormalizedEvent } from './case.ts';
import { MalformedIrError } from './conditions.ts';
import type { ConditionScope } from './conditions.ts';
import { dueDescriber, dueDates, eventRef, isoDate, longDate, quantity } from './explain.ts';
import type { DueDescriber } from './explain.ts';
import type { Escalation, EscalationStatus, Violation } from './result.ts';
import { notice } from './messages.ts';
import { keyOf } from './keys.ts';

/** The event types a ladder reads. */
export const LADDER_EVENTS = {
  raised: 'escalation_raised',
  response: 'escalation_response',
  resolved: 'escalation_resolved',
} as const;

interface CompiledStage {
  readonly ir: IrLadderStage;
  /** The response due date from the raise date; undefined for a referral stage. */
  readonly due: ((raised: PlainDate) => PlainDate) | undefined;
  readonly describe: DueDescriber | undefined;
  /** The stage's `when`, when it has one. */
  readonly applies: Condition | undefined;
  /** Who may raise it: the stage's `raised by`, else the ladder's. */
  readonly raisers: readonly string[];
}

/** A ladder prepared for evaluation. */
export interface CompiledLadder {
  readonly ir: IrLadder;
  readonly stages: ReadonlyMap<number, CompiledStage>;
  /** Stage numbers, ascending. */
  readonly numbers: readonly number[];
  readonly cap: ((firstRaise: PlainDate) => PlainDate) | undefined;
  readonly describeCap: DueDescriber | undefined;
}

/** A raised stage found in the case. */
export interface RaisedStage {
  readonly ladder: CompiledLadder;
  readonly stage: CompiledStage;
  readonly raise: NormalizedEvent;
  response: NormalizedEvent | undefined;
}

/** One escalation: from its first raise to its resolution. */
interface Instance {
  readonly number: number;
  /** The escalation's key value (`undefined` without a key, or when its raise carries none). */
  readonly key: unknown;
  readonly stages: RaisedStage[];
  /** Highest stage number raised so far. */
  highest: number;
  resolved: NormalizedEvent | undefined;
}

function dueFrom(offset: IrDue['offset'], event: string): IrDue {
  return { direction: 'after', offset, anchor: { kind: 'event', event } };
}

/** Compiles the policy's ladders (stage tables, response and cap arithmetic). Throws `MalformedIrError` on a broken IR. */
export function compileLadders(ir: PolicyIR, calendar: WorkingDayCalendar): CompiledLadder[] {
  return ir.ladders.map((l) => {
    const stages = new Map<number, CompiledStage>();
    for (const s of l.stages) {
      if (stages.has(s.number)) throw new MalformedIrError(`ladder \`${l.id}\`: stage ${s.number} is declared twice`);
      const applies = s.when === undefined ? undefined : compileCondition(s.when, ir, `the \`when\` of stage ${s.number} of ladder \`${l.id}\``, calendar);
      const raisers = s.raisedBy ?? l.raisedBy;
      if (s.respondWithin === undefined) {
        stages.set(s.number, { ir: s, due: undefined, describe: undefined, applies, raisers });
        continue;
      }
      const due = dueFrom(s.respondWithin, LADDER_EVENTS.raised);
      const { offset, compute } = dueDates(due, calendar);
      stages.set(s.number, { ir: s, due: compute, describe: dueDescriber(due, calendar, offset, compute), applies, raisers });
    }
    let cap: CompiledLadder['cap'];
    let describeCap: DueDescriber | undefined;
    if (l.cap !== undefined) {
      const due = dueFrom(l.cap, LADDER_EVENTS.raised);
      const { offset, compute } = dueDates(due, calendar);
      cap = compute;
      describeCap = dueDescriber(due, calendar, offset, compute);
    }
    return { ir: l, stages, numbers: [...stages.keys()].sort((a, b) => a - b), cap, describeCap };
  });
}

function ladderViolation(rule: string, citation: string, message: string, e: NormalizedEvent): Violation {
  return { rule, kind: 'ladder', message, event: eventRef(e), citation };
}

function list(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1] ?? ''}`;
}

function stageList(numbers: readonly number[]): string {
  return numbers.length === 1 ? `stage ${numbers[0] ?? ''}` : `stages ${list(numbers.map(String))}`;
}

/** The result of `evaluateLadders`: the raised stages with their escalation, for notifications. */
export interface LadderEvaluation {
  readonly escalations: Escalation[];
  /** Parallel to `escalations`. */
  readonly raised: RaisedStage[];
}

/**
 * Finds every escalation of every ladder in the case (see the module comment), appending violations
 * and notices; returns one `Escalation` per raised stage with the `RaisedStage` it came from.
 */
export function evaluateLadders(
  ladders: readonly CompiledLadder[],
  byId: ReadonlyMap<string, CompiledLadder>,
  scope: ConditionScope,
  explanations: boolean,
  violations: Violation[],
): LadderEvaluation {
  const { events, n, asOf, notices } = scope;
  const instances = new Map<CompiledLadder, Instance[]>();
  /** The open escalation of each ladder, by key value (one entry, `undefined`, for a ladder without a key). */
  const open = new Map<CompiledLadder, Map<unknown, Instance>>();
  const openOf = (ladder: CompiledLadder): Map<unknown, Instance> => {
    let m = open.get(ladder);
    if (m === undefined) {
      m = new Map();
      open.set(ladder, m);
    }
    return m;
  };
  const responses: NormalizedEvent[] = [];
  const known = ladders.length === 0 ? 'the policy declares no ladders' : `its ladders: ${ladders.map((l) => `\`${l.ir.id}\``).join(', ')}`;

  /** The declared ladder and stage an event names, or undefined after reporting a violation. */
  const resolve = (e: NormalizedEvent, withStage: boolean): { ladder: CompiledLadder; stage: CompiledStage | undefined } | undefined => {
    const name = e.attributes['ladder'];
    const ladder = typeof name === 'string' ? byId.get(name) : undefined;
    if (ladder === undefined) {
      const shown = typeof name === 'string' ? name : '';
      violations.push(ladderViolation(shown, '', `${e.type} on ${longDate(e.date)} names the ladder \`${shown}\`, which the policy does not declare (${known})`, e));
      return undefined;
    }
    if (!withStage) return { ladder, stage: undefined };
    const number = e.attributes['stage'];
    const stage = typeof number === 'number' ? ladder.stages.get(number) : undefined;
    if (stage === undefined) {
      violations.push(
        ladderViolation(
          ladder.ir.id,
          ladder.ir.citation,
          `${e.type} on ${longDate(e.date)} names stage ${String(number)} of ${ladder.ir.id}, which has no such stage (its ${stageList(ladder.numbers)})`,
          e,
        ),
      );
      return undefined;
    }
    return { ladder, stage };
  };

  for (let i = 0; i < n; i++) {
    const e = events[i] as NormalizedEvent;
    const type = e.type;
    if (type === LADDER_EVENTS.raised) {
      const found = resolve(e, true);
      if (found === undefined || found.stage === undefined) continue;
      const { ladder, stage } = found;
      const key = keyOf(e, ladder.ir.key);
      let inst = openOf(ladder).get(key);
      if (inst === undefined) {
        let all = instances.get(ladder);
        if (all === undefined) {
          all = [];
          instances.set(ladder, all);
        }
        inst = { number: all.length + 1, key, stages: [], highest: -Infinity, resolved: undefined };
        all.push(inst);
        openOf(ladder).set(key, inst);
      }
      const number = stage.ir.number;
      const by = e.attributes['by'];
      if (typeof by === 'string' && !stage.raisers.includes(by)) {
        violations.push(
          ladderViolation(
            ladder.ir.id,
            stage.ir.citation,
            `stage ${number} of ${ladder.ir.id} was raised on ${longDate(e.date)} by ${by}, but ${list(stage.raisers)} ${stage.raisers.length === 1 ? 'raises' : 'raise'} it`,
            e,
          ),
        );
      }
      if (stage.applies !== undefined && !stage.applies(scope, e.date, undefined)) {
        violations.push(
          ladderViolation(
            ladder.ir.id,
            stage.ir.citation,
            `stage ${number} of ${ladder.ir.id} was raised on ${longDate(e.date)}, but it applies only when ${stage.ir.when?.text ?? ''}, which does not hold for this case on that date`,
            e,
          ),
        );
      }
      if (!ladder.ir.bypass) {
        const highest = inst.highest;
        const skipped = ladder.numbers.filter((k) => k > highest && k < number && applies(ladder, k, scope, e.date));
        if (skipped.length > 0) {
          violations.push(
            ladderViolation(
              ladder.ir.id,
              ladder.ir.citation,
              `stage ${number} of ${ladder.ir.id} was raised on ${longDate(e.date)}, but ${stageList(skipped)} ${skipped.length === 1 ? 'was' : 'were'} skipped; the stages of this ladder may not be bypassed`,
              e,
            ),
          );
        }
      }
      if (number > inst.highest) inst.highest = number;
      inst.stages.push({ ladder, stage, raise: e, response: undefined });
    } else if (type === LADDER_EVENTS.response) {
      if (resolve(e, true) !== undefined) responses.push(e);
    } else if (type === LADDER_EVENTS.resolved) {
      const found = resolve(e, false);
      if (found === undefined) continue;
      const key = keyOf(e, found.ladder.ir.key);
      const inst = openOf(found.ladder).get(key);
      if (inst === undefined) {
        notices.push(notice('notice/resolution-unmatched', { event: type, ladder: found.ladder.ir.id }, { date: isoDate(e.date) }));
        continue;
      }
      inst.resolved = e;
      openOf(found.ladder).delete(key);
    }
  }
  if (instances.size === 0) {
    for (const r of responses) {
      notices.push(notice('notice/response-unmatched', { event: r.type }, { date: isoDate(r.date) }));
    }
    return { escalations: [], raised: [] };
  }

  // Responses: each to the earliest raise of its ladder and stage it can answer.
  for (const r of responses) {
    const ladder = byId.get(r.attributes['ladder'] as string) as CompiledLadder;
    const number = r.attributes['stage'] as number;
    const key = keyOf(r, ladder.ir.key);
    let matched = false;
    for (const inst of instances.get(ladder) ?? []) {
      if (inst.stages.length === 0 || (inst.stages[0] as RaisedStage).raise.date > r.date) break;
      if (inst.key !== key) continue;
      if (inst.resolved !== undefined && inst.resolved.date < r.date) continue;
      const s = inst.stages.find((x) => x.stage.ir.number === number && x.response === undefined && x.raise.date <= r.date);
      if (s !== undefined) {
        s.response = r;
        matched = true;
        break;
      }
    }
    if (!matched) notices.push(notice('notice/response-unmatched-stage', { event: r.type, ladder: ladder.ir.id }, { date: isoDate(r.date), stage: number }));
  }

  const escalations: Escalation[] = [];
  const raised: RaisedStage[] = [];
  for (const ladder of ladders) {
    for (const inst of instances.get(ladder) ?? []) {
      inst.stages.forEach((s, k) => {
        escalations.push(toEscalation(ladder, inst, k, scope, explanations));
        raised.push(s);
      });
    }
  }
  return { escalations, raised };
}

/** True when stage `number` of the ladder is part of it on `date` (it has no `when`, or its `when` holds then). */
function applies(ladder: CompiledLadder, number: number, scope: ConditionScope, date: PlainDate): boolean {
  const test = ladder.stages.get(number)?.applies;
  return test === undefined || test(scope, date, undefined);
}

/** The roles the stage at position `k` of the escalation copies, without those copied only as parties to earlier stages that were bypassed (module comment, 5a). */
function copiesOf(ladder: CompiledLadder, inst: Instance, k: number): string[] {
  const st = (inst.stages[k] as RaisedStage).stage.ir;
  const raisedBefore = new Set(inst.stages.slice(0, k).map((x) => x.stage.ir.number));
  return st.copy.filter((role) => {
    const naming = ladder.ir.stages.filter((x) => x.number < st.number && (x.alert.includes(role) || x.copy.includes(role) || x.referTo === role));
    return naming.length === 0 || naming.some((x) => raisedBefore.has(x.number));
  });
}

function toEscalation(ladder: CompiledLadder, inst: Instance, k: number, scope: ConditionScope, explanations: boolean): Escalation {
  const asOf = scope.asOf;
  const s = inst.stages[k] as RaisedStage;
  const last = k === inst.stages.length - 1;
  const l = ladder.ir;
  const st = s.stage.ir;
  const raisedOn = s.raise.date;
  const due = s.stage.due === undefined ? undefined : s.stage.due(raisedOn);
  const response = s.response;
  const satisfactory = response === undefined ? undefined : response.attributes['satisfactory'] !== false;
  const resolved = inst.resolved;
  const escalation = inst.stages.slice(k + 1).find((x) => x.stage.ir.number > st.number);
  const escalatedOn = escalation?.raise.date;
  let status: EscalationStatus;
  if (resolved !== undefined) status = 'resolved';
  else if (st.referTo !== undefined) status = 'referred';
  else if (response !== undefined && (escalatedOn === undefined || response.date <= escalatedOn)) status = satisfactory === true ? 'responded' : 'unsatisfactory';
  else if (escalatedOn !== undefined) status = 'escalated';
  else if (due !== undefined && asOf > due) status = 'overdue';
  else status = 'awaiting_response';
  const escalatedTo = escalation === undefined ? undefined : escalation.stage.ir.referTo !== undefined ? [escalation.stage.ir.referTo] : escalation.stage.ir.alert.slice();

  const current = last && resolved === undefined;
  const later = ladder.numbers.find((n) => n > st.number && applies(ladder, n, scope, asOf));
  const late = due !== undefined && asOf > due && (response === undefined || response.date > due);
  const unsatisfactory = satisfactory === false;
  const byLate = l.advance.late && late;
  const byUnsatisfactory = l.advance.unsatisfactory && unsatisfactory;
  const nextStageDue = current && later !== undefined && (byLate || byUnsatisfactory);
  let nextStageReason: string | undefined;
  if (nextStageDue && due !== undefined) {
    const reasons: string[] = [];
    if (byLate) {
      reasons.push(
        response === undefined
          ? `no response by ${longDate(due)}`
          : `the response on ${longDate(response.date)} came after the due date ${longDate(due)}`,
      );
    }
    if (byUnsatisfactory && response !== undefined) reasons.push(`the response on ${longDate(response.date)} was unsatisfactory`);
    nextStageReason = reasons.join(', and ');
  }

  const first = (inst.stages[0] as RaisedStage).raise.date;
  const capDue = ladder.cap === undefined ? undefined : ladder.cap(first);
  const lastRaised = inst.stages[inst.stages.length - 1] as RaisedStage;
  const clockStoppedOn = capDue !== undefined && lastRaised.stage.ir.stopsClock === true ? lastRaised.raise.date : undefined;
  const capExceeded = capDue !== undefined && (clockStoppedOn ?? resolved?.date ?? asOf) > capDue;
  const copied = copiesOf(ladder, inst, k);

  const explanation = explanations
    ? explain(ladder, inst, s, { due, status, current, later, nextStageReason, capDue, capExceeded, clockStoppedOn, asOf, first, copied, escalation })
    : '';

  // Fields in the order of the `Escalation` interface; optional ones absent rather than undefined.
  return {
    ladder: l.id,
    title: l.title,
    instance: inst.number,
    stage: st.number,
    ...(st.title === undefined ? {} : { stageTitle: st.title }),
    current,
    raisedOn: isoDate(raisedOn),
    respondents: st.alert.slice(),
    copied,
    ...(due === undefined ? {} : { due: isoDate(due) }),
    status,
    ...(response === undefined ? {} : { respondedOn: isoDate(response.date) }),
    ...(escalation === undefined ? {} : { escalatedOn: isoDate(escalation.raise.date), escalatedToStage: escalation.stage.ir.number, escalatedTo: escalatedTo ?? [] }),
    nextStageDue,
    ...(nextStageReason === undefined ? {} : { nextStageReason }),
    ...(capDue === undefined ? {} : { capDue: isoDate(capDue) }),
    ...(clockStoppedOn === undefined ? {} : { clockStoppedOn: isoDate(clockStoppedOn) }),
    capExceeded,
    ...(resolved === undefined ? {} : { resolvedOn: isoDate(resolved.date) }),
    citation: st.citation,
    explanation,
  };
}

interface Facts {
  readonly due: PlainDate | undefined;
  readonly status: EscalationStatus;
  readonly current: boolean;
  readonly later: number | undefined;
  readonly nextStageReason: string | undefined;
  readonly capDue: PlainDate | undefined;
  readonly capExceeded: boolean;
  readonly clockStoppedOn: PlainDate | undefined;
  readonly asOf: PlainDate;
  readonly first: PlainDate;
  readonly copied: readonly string[];
  readonly escalation: RaisedStage | undefined;
}

function explain(ladder: CompiledLadder, inst: Instance, s: RaisedStage, f: Facts): string {
  const l = ladder.ir;
  const st = s.stage.ir;
  const raisedOn = s.raise.date;
  const parts: string[] = [];
  // With a key, the escalation is named by its number only: the key's value is case data.
  const matched = l.key === undefined ? '' : ` (matched by ${l.key})`;
  let head = `${l.id}, escalation ${inst.number}${matched}, stage ${st.number}${st.title === undefined ? '' : ` (${st.title})`}: raised on ${longDate(raisedOn)}`;
  const by = s.raise.attributes['by'];
  if (typeof by === 'string') head += ` by ${by}`;
  const dropped = st.copy.filter((r) => !f.copied.includes(r));
  const droppedText = dropped.length === 0 ? '' : ` (not ${list(dropped)}, copied only as ${dropped.length === 1 ? 'a party' : 'parties'} to earlier stages that were bypassed)`;
  if (st.referTo !== undefined) {
    head += `, referring the matter to ${st.referTo}`;
    if (f.copied.length > 0) head += ` and copying ${list(f.copied)}`;
    head += droppedText;
    parts.push(`${head}; no response is expected`);
    if (st.stopsClock === true && f.capDue !== undefined) {
      parts.push(f.clockStoppedOn !== undefined ? 'the referral stops the overall limit\'s clock' : 'a later stage has been raised since, so this referral does not stop the overall limit\'s clock');
    }
  } else {
    head += `, alerting ${list(st.alert)}`;
    if (f.copied.length > 0) head += ` and copying ${list(f.copied)}`;
    head += droppedText;
    parts.push(head);
    if (f.due !== undefined && s.stage.describe !== undefined && st.respondWithin !== undefined) {
      parts.push(`${list(st.alert)} must respond within ${quantity(st.respondWithin.amount, st.respondWithin.unit)}: ${s.stage.describe(LADDER_EVENTS.raised, '', raisedOn)}`);
      const r = s.response;
      const esc = f.escalation;
      const escalatedBefore = esc !== undefined && (r === undefined || r.date > esc.raise.date);
      if (esc !== undefined && escalatedBefore) {
        const whom = esc.stage.ir.referTo !== undefined ? `referred to ${esc.stage.ir.referTo}` : `alerting ${list(esc.stage.ir.alert)}`;
        parts.push(`no response by ${longDate(esc.raise.date)}, when the matter was escalated to stage ${esc.stage.ir.number} (${whom}): escalated`);
      }
      if (r !== undefined) {
        const judged = r.attributes['satisfactory'] === false ? 'judged unsatisfactory' : 'judged satisfactory';
        const when = r.date > f.due ? `late, on ${longDate(r.date)}, ${quantity(r.date - f.due, 'days')} after the due date` : `on ${longDate(r.date)}`;
        parts.push(`responded ${when}, ${judged}`);
      } else if (escalatedBefore) {
        // said above
      } else if (f.asOf > f.due) {
        parts.push(`no response by the as-of date ${longDate(f.asOf)}: overdue`);
      } else {
        parts.push(`no response yet as of ${longDate(f.asOf)}`);
      }
    }
  }
  if (inst.resolved !== undefined) {
    parts.push(`the escalation was resolved on ${longDate(inst.resolved.date)}`);
  } else if (f.current) {
    if (f.nextStageReason !== undefined && f.later !== undefined) parts.push(`stage ${f.later} is now due: ${f.nextStageReason}`);
    else if (f.later === undefined) parts.push('this is the last stage');
  } else if (f.escalation !== undefined) {
    const esc = f.escalation;
    if (!(f.status === 'escalated')) parts.push(`stage ${esc.stage.ir.number} was raised on ${longDate(esc.raise.date)}`);
  } else {
    parts.push('a later stage has since been raised');
  }
  let text = parts.join('; ');
  if (f.capDue !== undefined && ladder.describeCap !== undefined && l.cap !== undefined) {
    text += `. In total at most ${quantity(l.cap.amount, l.cap.unit)}: ${ladder.describeCap(`the first ${LADDER_EVENTS.raised}`, '', f.first)}`;
    const end = inst.resolved?.date;
    if (f.clockStoppedOn !== undefined) {
      text += f.capExceeded
        ? `; stopped by the referral on ${longDate(f.clockStoppedOn)}, ${quantity(f.clockStoppedOn - f.capDue, 'days')} after it: exceeded`
        : `; stopped by the referral on ${longDate(f.clockStoppedOn)}, within it`;
    } else if (end !== undefined) {
      text += f.capExceeded
        ? `; resolved on ${longDate(end)}, ${quantity(end - f.capDue, 'days')} after it: exceeded`
        : `; resolved on ${longDate(end)}, within it`;
    } else {
      text += f.capExceeded
        ? `; still open on the as-of date ${longDate(f.asOf)}, ${quantity(f.asOf - f.capDue, 'days')} after it: exceeded`
        : `; still open on the as-of date ${longDate(f.asOf)}, within it`;
    }
  }
  text += `. Source: ${st.citation}`;
  if (l.capCitation !== undefined && f.capDue !== undefined) text += `; overall limit: ${l.capCitation}`;
  return `${text}.`;
}
