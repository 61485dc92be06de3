/**
 * The reference evaluator of every rule kind but deadlines, cycles and duties: approvals, limits,
 * constraints, orders, escalation ladders, criteria, and the notifications of deadlines, cycles,
 * duties and ladders. Written from docs/language.md ("Approvals", "Limits", "Constraints", "Order of
 * steps", "Escalation ladders",
 * "Criteria", "Notifications", "How a case is evaluated") and the contract comments of the IR and
 * result types (runtime/ir.ts, runtime/result.ts), not from the evaluator's code. Test code, not
 * shipped.
 *
 * Input: a `PolicyIR`, a `NormalizedCase`, an as-of `PlainDate` and the policy's
 * `WorkingDayCalendar`. Output: `RefFull`: the obligations, superseded obligations and duties of
 * `referenceEvaluate` (reference-evaluator.ts), less the obligations of deadlines `up to the limit`
 * measured from an event beyond it (moved to the superseded, "Repeated events"), plus violations (rule, kind, event, citation),
 * escalations (every field but the title, the explanation and the wording of `nextStageReason`),
 * criteria (name, result, combinator, each condition's label and value) and notifications (rule,
 * subject, body, what they are about) and notices (code, params, case data; the kinds in
 * `NOTICES_COMPARED`, from docs/case-errors.md; those of rules that could not be measured from
 * reference-gaps.ts), each list in a canonical order.
 *
 * Deliberately simple and slow, like the obligations part: every question is a plain loop over the
 * events; the templates are rendered by a small renderer of its own (`{{field}}`, `{{#if}}`,
 * `{{#unless}}`, HTML-escaped as Handlebars escapes), not by Handlebars.
 *
 * Where docs/language.md was silent or ambiguous, the reference first took a reading of its own; the
 * differential test found six that the evaluator takes differently (notice on undecided requests, a
 * decision with no request, limit windows per cycle, the pending occurrence of a constraint, ladder
 * events naming undeclared ladders or stages, responses to referral stages and after a resolution).
 * docs/language.md now states the evaluator's reading of each, this file follows it, and each is
 * pinned by a named test in reference-evaluator.test.ts. `matched by KEY` ("Matching instances"): two
 * events match when they carry the same value of the key, or neither carries it; an approval's
 * request and `requires`, an order's earlier event, and a ladder's escalation (one open per value) are
 * looked for among the events that match. Not compared: the notices left out of
 * `NOTICES_COMPARED`, explanations, messages, criteria reasons, escalation titles and the wording of
 * `nextStageReason`.
 */
import type { IrLadder, PolicyIR } from '../../runtime/ir.ts';
import type { NormalizedCase, NormalizedEvent } from '../../runtime/case.ts';
import type { WorkingDayCalendar } from '../../runtime/calendar.ts';
import { formatPlainDate } from '../../runtime/dates.ts';
import type { PlainDate } from '../../runtime/dates.ts';
import { consideredEvents, dueFrom, holds, move, referenceEvaluate } from './reference-evaluator.ts';
import { referenceGaps } from './reference-gaps.ts';
import type { RefDuty, RefNotice, RefObligation, RefOccurrence, RefResult, Scope } from './reference-evaluator.ts';

export interface RefViolation {
  readonly rule: string;
  readonly kind: 'approval' | 'limit' | 'constraint' | 'order' | 'ladder';
  readonly event: { readonly type: string; readonly date: string; readonly index: number };
  readonly citation: string;
}

export interface RefEscalation {
  readonly ladder: string;
  readonly instance: number;
  readonly stage: number;
  readonly stageTitle?: string;
  readonly current: boolean;
  readonly raisedOn: string;
  readonly respondents: readonly string[];
  readonly copied: readonly string[];
  readonly due?: string;
  readonly status: 'awaiting_response' | 'responded' | 'unsatisfactory' | 'escalated' | 'overdue' | 'referred' | 'resolved';
  readonly respondedOn?: string;
  readonly escalatedOn?: string;
  readonly escalatedToStage?: number;
  readonly escalatedTo?: readonly string[];
  readonly nextStageDue: boolean;
  readonly capDue?: string;
  readonly clockStoppedOn?: string;
  readonly capExceeded: boolean;
  readonly resolvedOn?: string;
  readonly citation: string;
}

export interface RefCriterion {
  readonly name: string;
  readonly result: boolean;
  readonly combinator: 'any' | 'all' | 'none';
  readonly conditions: readonly { readonly label: string; readonly value: boolean }[];
}

export interface RefNotification {
  readonly rule: string;
  readonly subject: string;
  readonly body?: string;
  readonly obligation?: { readonly rule: string; readonly occurrence: number };
  readonly escalation?: { readonly ladder: string; readonly instance: number; readonly stage: number };
}

export interface RefFull extends RefResult {
  /** The notices `RefNotice` covers (see `NOTICES_COMPARED`), distinct, sorted by their JSON. */
  readonly notices: RefNotice[];
  readonly violations: RefViolation[];
  readonly escalations: RefEscalation[];
  readonly criteria: RefCriterion[];
  readonly notifications: RefNotification[];
}

const iso = formatPlainDate;

/** `matched by KEY`: `a` and `b` carry the same value of the key, or neither carries it; always true without a key. */
const sameKey = (key: string | undefined, a: NormalizedEvent, b: NormalizedEvent): boolean => key === undefined || a.attributes[key] === b.attributes[key];

function violation(rule: string, kind: RefViolation['kind'], e: NormalizedEvent, citation: string): RefViolation {
  return { rule, kind, event: { type: e.type, date: iso(e.date), index: e.index }, citation };
}

// ---- orders ("Order of steps") ----

/**
 * Each step event (its `where` and the order's `when` holding on its date) needs an earlier event
 * (its `where` holding) before it in the case's events (date, then recorded order; never itself);
 * with `within`, the latest one must be dated on or after the step's date moved back by the window.
 */
function evaluateOrders(s: Scope, out: RefViolation[]): void {
  for (const o of s.ir.orders) {
    for (let i = 0; i < s.events.length; i++) {
      const step = s.events[i] as NormalizedEvent;
      if (step.type !== o.step.event) continue;
      if (o.step.where !== undefined && !holds(o.step.where, s, step.date, step)) continue;
      if (o.when !== undefined && !holds(o.when, s, step.date, step)) continue;
      let latest: NormalizedEvent | undefined;
      for (let j = 0; j < i; j++) {
        const e = s.events[j] as NormalizedEvent;
        if (e.type !== o.after.event) continue;
        if (o.after.where !== undefined && !holds(o.after.where, s, e.date, e)) continue;
        if (!sameKey(o.key, e, step)) continue;
        latest = e;
      }
      const tooOld = latest !== undefined && o.within !== undefined && latest.date < move(step.date, 'before', o.within.amount, o.within.unit, s.cal);
      if (latest === undefined || tooOld) out.push(violation(o.id, 'order', step, o.citation));
    }
  }
}

// ---- approvals ("Approvals") ----

function evaluateApprovals(s: Scope, out: RefViolation[]): void {
  for (const a of s.ir.approvals) {
    const requestHolds = (e: NormalizedEvent): boolean => a.request.where === undefined || holds(a.request.where, s, e.date, e);
    // Notice: every request (whose `where` holds) made later than the notice allows, decided or not.
    if (a.notice !== undefined) {
      for (const request of s.events) {
        if (request.type !== a.request.event || !requestHolds(request)) continue;
        const anchor = a.notice.anchor;
        let base: PlainDate | undefined;
        if (anchor.kind === 'event') base = request.date;
        else if (anchor.kind === 'event_attribute') {
          const v = request.attributes[anchor.attribute];
          base = typeof v === 'number' ? v : undefined;
        }
        if (base === undefined) s.notices.push({ code: 'notice/approval-notice-unchecked', params: { event: request.type, attribute: anchor.kind === 'event_attribute' ? anchor.attribute : '', approval: a.id }, caseData: { date: iso(request.date) } });
        else if (request.date > dueFrom(base, a.notice, s.cal)) out.push(violation(a.id, 'approval', request, a.citation));
      }
    }
    const taken: NormalizedEvent[] = [];
    for (const decision of s.events) {
      if (decision.type !== a.decision.event) continue;
      // The request: the latest event of its type on or before the decision, not taken by an earlier
      // decision. None: "no request", and nothing more is said of this decision.
      let request: NormalizedEvent | undefined;
      for (const e of s.events) if (e.type === a.request.event && e.date <= decision.date && !taken.includes(e) && sameKey(a.key, e, decision)) request = e;
      if (request === undefined) {
        out.push(violation(a.id, 'approval', decision, a.citation));
        continue;
      }
      taken.push(request);
      // A request its `where` rejects belongs to another approval: nothing more to say here.
      if (!requestHolds(request)) continue;
      const by = decision.attributes[a.decision.byAttribute];
      if (typeof by !== 'string' || !a.approvers.includes(by)) out.push(violation(a.id, 'approval', decision, a.citation));
      for (const req of a.requires) {
        let found = false;
        for (const e of s.events) {
          if (e.type !== req.event || e.date < request.date || e.date > decision.date || !sameKey(a.key, e, decision)) continue;
          if (req.where === undefined || holds(req.where, s, e.date, e)) found = true;
        }
        if (!found) out.push(violation(a.id, 'approval', decision, a.citation));
      }
    }
  }
}

// ---- limits and constraints ("Limits", "Constraints") ----

/** `a` comes before `b` in the order events are considered: date, then input position. */
const before = (a: NormalizedEvent, b: NormalizedEvent): boolean => a.date < b.date || (a.date === b.date && a.index < b.index);

function evaluateLimits(s: Scope, occurrences: readonly RefOccurrence[], out: RefViolation[]): void {
  for (const l of s.ir.limits) {
    const counted = (e: NormalizedEvent): boolean => e.type === l.event && (l.where === undefined || holds(l.where, s, e.date, e));
    if (l.per.kind === 'case') {
      let n = 0;
      for (const e of s.events) {
        if (!counted(e)) continue;
        n++;
        if (n > l.max) out.push(violation(l.id, 'limit', e, l.citation));
      }
      continue;
    }
    // Per occurrence: the events just after its anchor event up to and including the event that
    // ended it (or up to the as-of date); an event is reported once however many windows hold it.
    const reported: NormalizedEvent[] = [];
    for (const occ of occurrences) {
      if (occ.rule !== l.per.rule) continue;
      let n = 0;
      for (const e of s.events) {
        if (!counted(e) || !before(occ.anchor, e) || (occ.end !== undefined && before(occ.end, e))) continue;
        n++;
        if (n > l.max && !reported.includes(e)) {
          reported.push(e);
          out.push(violation(l.id, 'limit', e, l.citation));
        }
      }
    }
  }
}

/**
 * `up to the limit LIMIT` ("Repeated events"): the obligations of a deadline measured from an event
 * its limit reports (a violation of that limit) move to the superseded. Occurrence k of the deadline
 * is the k-th event of its anchor types in the order events are considered.
 */
function capDeadlines(s: Scope, violations: readonly RefViolation[], base: RefResult): void {
  for (const rule of s.ir.rules) {
    if (rule.kind !== 'deadline' || rule.upToLimit === undefined) continue;
    const anchor = rule.due.anchor;
    const types = [anchor.kind === 'event' || anchor.kind === 'event_attribute' ? anchor.event : '', ...(rule.alsoFrom ?? [])];
    const beyond: number[] = [];
    let k = 0;
    for (const e of s.events) {
      if (!types.includes(e.type)) continue;
      k++;
      if (violations.some((v) => v.rule === rule.upToLimit && v.kind === 'limit' && v.event.index === e.index)) beyond.push(k);
    }
    for (let i = base.obligations.length - 1; i >= 0; i--) {
      const o = base.obligations[i] as RefObligation;
      if (o.rule !== rule.id || !beyond.includes(o.occurrence)) continue;
      base.obligations.splice(i, 1);
      base.superseded.push({ rule: o.rule, occurrence: o.occurrence, anchor: o.anchor, due: o.due });
    }
  }
  base.superseded.sort((x, y) => (x.due < y.due ? -1 : x.due > y.due ? 1 : x.rule < y.rule ? -1 : x.rule > y.rule ? 1 : x.occurrence - y.occurrence || (x.anchor.date < y.anchor.date ? -1 : x.anchor.date > y.anchor.date ? 1 : 0)));
}

function evaluateConstraints(s: Scope, occurrences: readonly RefOccurrence[], out: RefViolation[]): void {
  for (const c of s.ir.constraints) {
    for (const e of s.events) {
      if (e.type !== c.event) continue;
      const v = e.attributes[c.attribute];
      if (typeof v !== 'number') {
        s.notices.push({ code: 'notice/constraint-unchecked', params: { event: e.type, attribute: c.attribute, constraint: c.id }, caseData: { date: iso(e.date) } });
        continue;
      }
      // The occurrence pending on the event's date: anchored on or before it, ended (met, run ended
      // or restarted) not before it; of several, the one anchored latest.
      let pending: RefOccurrence | undefined;
      for (const o of occurrences) {
        if (o.rule !== c.cycle || o.anchor.date > e.date || (o.end !== undefined && o.end.date < e.date)) continue;
        if (pending === undefined || !before(o.anchor, pending.anchor)) pending = o;
      }
      if (pending !== undefined && v > pending.due) out.push(violation(c.id, 'constraint', e, c.citation));
    }
  }
}

// ---- ladders ("Escalation ladders") ----

const LADDER_EVENTS = ['escalation_raised', 'escalation_response', 'escalation_resolved'] as const;

interface Raised {
  readonly event: NormalizedEvent;
  readonly instance: number;
  readonly stage: number;
}

function evaluateLadders(s: Scope, violations: RefViolation[], escalations: RefEscalation[]): void {
  if (!LADDER_EVENTS.every((name) => s.ir.events.some((e) => e.name === name))) return;
  // Any of the three events naming a ladder the policy does not have (rule: the name given).
  for (const e of s.events) {
    if (!(LADDER_EVENTS as readonly string[]).includes(e.type)) continue;
    const name = e.attributes['ladder'];
    if (typeof name === 'string' && !s.ir.ladders.some((l) => l.id === name)) violations.push(violation(name, 'ladder', e, ''));
  }
  let raised = 0;
  const unanswered: NormalizedEvent[] = [];
  for (const ladder of s.ir.ladders) {
    const found = evaluateLadder(ladder, s, violations, escalations);
    raised += found.instances;
    unanswered.push(...found.unanswered);
  }
  // A response (of a declared ladder and stage) that answers no raised stage: a notice, which says
  // so more briefly when no escalation at all was raised.
  for (const e of unanswered) {
    if (raised === 0) s.notices.push({ code: 'notice/response-unmatched', params: { event: e.type }, caseData: { date: iso(e.date) } });
    else s.notices.push({ code: 'notice/response-unmatched-stage', params: { event: e.type, ladder: e.attributes['ladder'] as string }, caseData: { date: iso(e.date), stage: e.attributes['stage'] as number } });
  }
}

/** One ladder's escalations; returns how many there were and the responses that answered no raise. */
function evaluateLadder(ladder: IrLadder, s: Scope, violations: RefViolation[], escalations: RefEscalation[]): { instances: number; unanswered: NormalizedEvent[] } {
  const mine = (e: NormalizedEvent, type: string): boolean => e.type === type && e.attributes['ladder'] === ladder.id;
  // Instances: from a first raise to the resolution.
  // With a key, one escalation may be open per value of it (a missing value is a value of its own).
  type Inst = { first: PlainDate; resolved?: NormalizedEvent; raised: Raised[]; readonly value: unknown; highest: number };
  const instances: Inst[] = [];
  const valueOf = (e: NormalizedEvent): unknown => (ladder.key === undefined ? undefined : e.attributes[ladder.key]);
  const openOf = (e: NormalizedEvent): Inst | undefined => instances.find((x) => x.resolved === undefined && x.value === valueOf(e));
  for (const e of s.events) {
    if (mine(e, 'escalation_resolved')) {
      const open = openOf(e);
      if (open !== undefined) {
        open.resolved = e;
      } else s.notices.push({ code: 'notice/resolution-unmatched', params: { event: e.type, ladder: ladder.id }, caseData: { date: iso(e.date) } });
      continue;
    }
    if (mine(e, 'escalation_response')) {
      const stage = e.attributes['stage'];
      if (!ladder.stages.some((st) => st.number === stage)) violations.push(violation(ladder.id, 'ladder', e, ladder.citation));
      continue;
    }
    if (!mine(e, 'escalation_raised')) continue;
    const stage = e.attributes['stage'];
    if (typeof stage !== 'number' || !ladder.stages.some((st) => st.number === stage)) {
      violations.push(violation(ladder.id, 'ladder', e, ladder.citation));
      continue;
    }
    let open = openOf(e);
    if (open === undefined) {
      open = { first: e.date, raised: [], value: valueOf(e), highest: -Infinity };
      instances.push(open);
    }
    const declared = ladder.stages.find((st) => st.number === stage);
    // Raised by someone the stage (else the ladder) does not name, when the raise says who.
    const by = e.attributes['by'];
    if (declared !== undefined && typeof by === 'string' && !(declared.raisedBy ?? ladder.raisedBy).includes(by)) violations.push(violation(ladder.id, 'ladder', e, declared.citation));
    // Raised on a date its `when` does not hold.
    if (declared?.when !== undefined && !holds(declared.when, s, e.date, undefined)) violations.push(violation(ladder.id, 'ladder', e, declared.citation));
    // Skipped: a declared stage between the highest raised so far in this escalation and this one,
    // which is part of the ladder on this raise's date.
    const highest = open.highest;
    if (!ladder.bypass && ladder.stages.some((st) => st.number > highest && st.number < stage && (st.when === undefined || holds(st.when, s, e.date, undefined)))) {
      violations.push(violation(ladder.id, 'ladder', e, ladder.citation));
    }
    if (stage > open.highest) open.highest = stage;
    open.raised.push({ event: e, instance: instances.indexOf(open) + 1, stage });
  }
  const usedResponses: NormalizedEvent[] = [];
  instances.forEach((inst, i) => {
    const capDue = ladder.cap === undefined ? undefined : move(inst.first, 'after', ladder.cap.amount, ladder.cap.unit, s.cal);
    // The clock stops at a last-raised referral that says `stops the clock`.
    const lastRaised = inst.raised[inst.raised.length - 1];
    const stopper = lastRaised === undefined ? undefined : ladder.stages.find((x) => x.number === lastRaised.stage && x.stopsClock === true);
    const clockStoppedOn = capDue !== undefined && stopper !== undefined && lastRaised !== undefined ? lastRaised.event.date : undefined;
    const clockEnd = clockStoppedOn ?? (inst.resolved !== undefined ? inst.resolved.date : s.asOf);
    const capExceeded = capDue !== undefined && clockEnd > capDue;
    inst.raised.forEach((r, j) => {
      const st = ladder.stages.find((x) => x.number === r.stage);
      if (st === undefined) return;
      const due = st.respondWithin === undefined ? undefined : move(r.event.date, 'after', st.respondWithin.amount, st.respondWithin.unit, s.cal);
      // The response: the first of this ladder and stage on or after the raise, not after the
      // resolution, not taken by an earlier raise (a referral stage's response is shown, and changes
      // nothing).
      let response: NormalizedEvent | undefined;
      for (const e of s.events) {
        if (!mine(e, 'escalation_response') || e.attributes['stage'] !== r.stage || e.date < r.event.date || usedResponses.includes(e) || valueOf(e) !== inst.value) continue;
        if (inst.resolved !== undefined && e.date > inst.resolved.date) continue;
        response = e;
        break;
      }
      if (response !== undefined) usedResponses.push(response);
      const satisfactory = response?.attributes['satisfactory'] === true;
      // Escalated: by the next raise of a higher stage in this escalation.
      const by = inst.raised.slice(j + 1).find((x) => x.stage > r.stage);
      const byStage = by === undefined ? undefined : ladder.stages.find((x) => x.number === by.stage);
      let status: RefEscalation['status'];
      if (inst.resolved !== undefined) status = 'resolved';
      else if (st.referTo !== undefined) status = 'referred';
      else if (response !== undefined && (by === undefined || response.date <= by.event.date)) status = satisfactory ? 'responded' : 'unsatisfactory';
      else if (by !== undefined) status = 'escalated';
      else status = due !== undefined && s.asOf > due ? 'overdue' : 'awaiting_response';
      // Copies: a role named by earlier stages, none of which was raised before in this escalation, is left out.
      const before = inst.raised.slice(0, j).map((x) => x.stage);
      const copied = st.copy.filter((role) => {
        const naming = ladder.stages.filter((x) => x.number < st.number && (x.alert.includes(role) || x.copy.includes(role) || x.referTo === role));
        return naming.length === 0 || naming.some((x) => before.includes(x.number));
      });
      const current = inst.resolved === undefined && j === inst.raised.length - 1;
      let nextStageDue = false;
      if (current && ladder.stages.some((x) => x.number > r.stage && (x.when === undefined || holds(x.when, s, s.asOf, undefined))) && due !== undefined) {
        const late = response !== undefined ? response.date > due : s.asOf > due;
        const unsatisfactory = response !== undefined && !satisfactory;
        nextStageDue = (ladder.advance.late && late) || (ladder.advance.unsatisfactory && unsatisfactory);
      }
      escalations.push({
        ladder: ladder.id,
        instance: i + 1,
        stage: r.stage,
        ...(st.title === undefined ? {} : { stageTitle: st.title }),
        current,
        raisedOn: iso(r.event.date),
        respondents: [...st.alert],
        copied,
        ...(due === undefined ? {} : { due: iso(due) }),
        status,
        ...(response === undefined ? {} : { respondedOn: iso(response.date) }),
        ...(by === undefined || byStage === undefined
          ? {}
          : { escalatedOn: iso(by.event.date), escalatedToStage: by.stage, escalatedTo: byStage.referTo !== undefined ? [byStage.referTo] : [...byStage.alert] }),
        nextStageDue,
        ...(capDue === undefined ? {} : { capDue: iso(capDue) }),
        ...(clockStoppedOn === undefined ? {} : { clockStoppedOn: iso(clockStoppedOn) }),
        capExceeded,
        ...(inst.resolved === undefined ? {} : { resolvedOn: iso(inst.resolved.date) }),
        citation: st.citation,
      });
    });
  });
  const unanswered = s.events.filter((e) => mine(e, 'escalation_response') && ladder.stages.some((st) => st.number === e.attributes['stage']) && !usedResponses.includes(e));
  return { instances: instances.length, unanswered };
}

// ---- criteria ("Criteria") ----

function evaluateCriteria(s: Scope): RefCriterion[] {
  const out: RefCriterion[] = [];
  for (const c of s.ir.criteria) {
    const conditions = c.conditions.map((x) => ({ label: x.label, value: holds(x.condition, s, s.asOf, undefined) }));
    const values = conditions.map((x) => x.value);
    const result = c.combinator === 'any' ? values.some((v) => v) : c.combinator === 'all' ? values.every((v) => v) : !values.some((v) => v);
    out.push({ name: c.id, result, combinator: c.combinator, conditions });
  }
  return out;
}

// ---- notifications ("Notifications") ----

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#x27;', '`': '&#x60;', '=': '&#x3D;' };

/** `{{field}}` (escaped), `{{#if field}}...{{/if}}`, `{{#unless field}}...{{/unless}}`, nested. */
export function refRender(template: string, fields: Readonly<Record<string, string | number>>): string {
  let out = '';
  let i = 0;
  const stack: { kind: 'if' | 'unless'; show: boolean }[] = [];
  const showing = (): boolean => stack.every((x) => x.show);
  while (i < template.length) {
    const open = template.indexOf('{{', i);
    if (open < 0) {
      if (showing()) out += template.slice(i);
      break;
    }
    if (showing()) out += template.slice(i, open);
    const close = template.indexOf('}}', open);
    if (close < 0) throw new Error('reference renderer: unclosed tag');
    const tag = template.slice(open + 2, close).trim();
    i = close + 2;
    const block = /^#(if|unless)\s+(\S+)$/.exec(tag);
    if (block !== null) {
      const value = fields[block[2] as string];
      if (value === undefined) throw new Error(`reference renderer: no field ${block[2]}`);
      const truthy = value !== '' && value !== 0;
      stack.push({ kind: block[1] as 'if' | 'unless', show: block[1] === 'if' ? truthy : !truthy });
      continue;
    }
    if (tag === '/if' || tag === '/unless') {
      stack.pop();
      continue;
    }
    const value = fields[tag];
    if (value === undefined) throw new Error(`reference renderer: no field ${tag}`);
    if (showing()) out += String(value).replace(/[&<>"'`=]/g, (ch) => ESCAPES[ch] as string);
  }
  return out;
}

function evaluateNotifications(s: Scope, obligations: readonly RefObligation[], escalations: readonly RefEscalation[], duties: readonly RefDuty[]): RefNotification[] {
  const out: RefNotification[] = [];
  const common = (rule: { id: string; title: string; citation: string }): Record<string, string | number> => ({
    'case.id': s.c.id,
    'child.dob': iso(s.c.child.dob),
    'policy.id': s.ir.id,
    'policy.title': s.ir.title,
    'policy.version': s.ir.version ?? '',
    asOf: iso(s.asOf),
    'rule.id': rule.id,
    'rule.title': rule.title,
    'rule.citation': rule.citation,
  });
  /** One notification of a deadline, cycle or duty (`due`: the due date, or a duty's bound or ''). */
  const ofObligation = (
    rule: { id: string; title: string; citation: string; owner: string; notify?: { subject: string; body?: string } },
    o: { rule: string; occurrence: number; status: string; anchor: { event: string; date: string } },
    due: string,
    dueTime: string,
  ): void => {
    if (rule.notify === undefined) return;
    const fields = {
      ...common(rule),
      'obligation.occurrence': o.occurrence,
      'obligation.due': due,
      'obligation.dueTime': dueTime,
      'obligation.owner': rule.owner,
      'obligation.status': o.status,
      'obligation.anchor.event': o.anchor.event,
      'obligation.anchor.date': o.anchor.date,
    };
    out.push({
      rule: rule.id,
      subject: refRender(rule.notify.subject, fields),
      ...(rule.notify.body === undefined ? {} : { body: refRender(rule.notify.body, fields) }),
      obligation: { rule: o.rule, occurrence: o.occurrence },
    });
  };
  for (const o of obligations) {
    if (o.status !== 'open' && o.status !== 'early' && o.status !== 'overdue') continue;
    const rule = s.ir.rules.find((r) => r.id === o.rule);
    if (rule !== undefined) ofObligation(rule, o, o.due, o.dueTime ?? '');
  }
  // Duties: one per duty outstanding or missed; `obligation.due` is its bound, or empty.
  for (const o of duties) {
    if (o.status === 'met') continue;
    const rule = (s.ir.duties ?? []).find((r) => r.id === o.rule);
    if (rule !== undefined) ofObligation(rule, o, o.bound ?? '', '');
  }
  for (const e of escalations) {
    const ladder = s.ir.ladders.find((l) => l.id === e.ladder);
    if (ladder?.notify === undefined) continue;
    const fields = {
      ...common(ladder),
      'ladder.id': ladder.id,
      'ladder.title': ladder.title,
      'stage.number': e.stage,
      'stage.title': e.stageTitle ?? '',
      'stage.due': e.due ?? '',
      'stage.raisedOn': e.raisedOn,
      'stage.respondents': e.respondents.join(', '),
      'stage.copied': e.copied.join(', '),
    };
    out.push({
      rule: ladder.id,
      subject: refRender(ladder.notify.subject, fields),
      ...(ladder.notify.body === undefined ? {} : { body: refRender(ladder.notify.body, fields) }),
      escalation: { ladder: e.ladder, instance: e.instance, stage: e.stage },
    });
  }
  return out;
}

// ---- the whole ----

/**
 * The notice codes the reference computes and the differential test compares. Left out: those about
 * an optional fact or attribute a condition could not read (which depend on the order the evaluator
 * reads a condition's parts in) and those about templates that fail to render (the checker prevents
 * them).
 */
export const NOTICES_COMPARED: readonly string[] = [
  'notice/events-after-as-of',
  'notice/events-before-birth',
  'notice/repeated-event',
  'notice/anchor-attribute-missing',
  'notice/no-step-applies',
  'notice/approval-notice-unchecked',
  'notice/constraint-unchecked',
  'notice/resolution-unmatched',
  'notice/response-unmatched',
  'notice/response-unmatched-stage',
  'notice/cycle-not-started',
  'notice/decision-without-request',
  'notice/approved-step-not-recorded',
];

/** Distinct notices (by code, parameters and case data), sorted by their JSON. */
export function distinctNotices(ns: readonly RefNotice[]): RefNotice[] {
  const seen = new Map<string, RefNotice>();
  for (const n of ns) if (NOTICES_COMPARED.includes(n.code)) seen.set(JSON.stringify(n), n);
  return [...seen.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([, n]) => n);
}

/** Violations in a canonical order: event date, input position, rule id, kind. */
export function sortViolations(vs: RefViolation[]): RefViolation[] {
  return vs.sort((x, y) => (x.event.date < y.event.date ? -1 : x.event.date > y.event.date ? 1 : x.event.index - y.event.index || (x.rule < y.rule ? -1 : x.rule > y.rule ? 1 : x.kind < y.kind ? -1 : x.kind > y.kind ? 1 : 0)));
}

/** Every part of the evaluation of `c` under `ir` on `asOf` that the reference covers (see the header). */
export function referenceEvaluateAll(ir: PolicyIR, c: NormalizedCase, asOf: PlainDate, cal: WorkingDayCalendar): RefFull {
  const occurrences: RefOccurrence[] = [];
  const notices: RefNotice[] = [];
  const base = referenceEvaluate(ir, c, asOf, cal, occurrences, notices);
  const { events, later } = consideredEvents(c, asOf, notices);
  const s: Scope = { ir, c, events, asOf, cal, notices };
  // Events dated after the as-of date are not considered, and a notice says how many.
  if (later > 0) notices.push({ code: 'notice/events-after-as-of', params: { count: later, asOf: iso(asOf) } });
  const violations: RefViolation[] = [];
  const escalations: RefEscalation[] = [];
  evaluateApprovals(s, violations);
  evaluateLimits(s, occurrences, violations);
  capDeadlines(s, violations, base);
  evaluateConstraints(s, occurrences, violations);
  evaluateOrders(s, violations);
  evaluateLadders(s, violations, escalations);
  referenceGaps(s);
  sortViolations(violations);
  return {
    ...base,
    violations,
    escalations,
    criteria: evaluateCriteria(s),
    notifications: evaluateNotifications(s, base.obligations, escalations, base.duties),
    notices: distinctNotices(notices),
  };
}
