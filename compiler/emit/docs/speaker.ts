/**
 * `Speaker`: looks the names of a policy (events, roles, rules) up in its IR and says them in plain
 * English, as rich text: roles with their titles, events as clauses or days, due dates (`within 20
 * working days of ...`), conditions, what meets a rule, and types.
 *
 * Input: a policy's IR. Output: rich text (`Rich`). INVARIANT: every name also appears as code
 * (`social_worker`), so the reader can find it in the policy file.
 */
import { allRules, type IrAnchor, type IrCondition, type IrCycle, type IrDeadline, type IrDue, type IrDuration, type IrRule, type IrType, type PolicyIR } from '../../../runtime/ir.ts';
import { code, cycleNoun, durationText, joinRich, link, lowerFirst, rich, ruleAnchor, WEEKDAYS } from './text.ts';
import type { Rich } from './view.ts';

/** Looks names up in the IR and says them in words. */
export class Speaker {
  private readonly events: Map<string, string | undefined>;
  private readonly roles: Map<string, string>;
  private readonly rules: Map<string, string>;

  constructor(readonly ir: PolicyIR) {
    this.events = new Map(ir.events.map((e) => [e.name, e.title]));
    this.roles = new Map(ir.roles.map((r) => [r.name, r.title]));
    this.rules = new Map<string, string>();
    for (const r of allRules(ir)) this.rules.set(r.id, r.title);
  }

  /** `Social worker (`social_worker`)`. */
  role(name: string): Rich {
    const title = this.roles.get(name);
    return title === undefined ? rich(code(name)) : rich(title, ' (', code(name), ')');
  }

  roles_(names: readonly string[], last: 'and' | 'or'): Rich {
    return joinRich(names.map((n) => this.role(n)), last);
  }

  /** An event as a clause: `a review of the child's case is held (`review_held`)`. */
  eventClause(name: string): Rich {
    const title = this.events.get(name);
    return title === undefined ? rich(code(name), ' is recorded') : rich(lowerFirst(title), ' (', code(name), ')');
  }

  /** The day of an event: `the day the child becomes looked after (`became_looked_after`)`. */
  eventDay(name: string): Rich {
    const title = this.events.get(name);
    return title === undefined ? rich('the date of ', code(name)) : rich('the day ', lowerFirst(title), ' (', code(name), ')');
  }

  /** An event by its title in quotes: `“A review meeting is adjourned” (`review_adjourned`)`. */
  eventNamed(name: string): Rich {
    const title = this.events.get(name);
    return title === undefined ? rich(code(name)) : rich('“', title, '” (', code(name), ')');
  }

  /** A date carried by an event: `the `for` date recorded when a review meeting is arranged (`review_scheduled.for`)`. */
  eventAttribute(event: string, attribute: string, article = 'the'): Rich {
    const title = this.events.get(event);
    return title === undefined
      ? rich(`${article} date `, code(`${event}.${attribute}`))
      : rich(`${article} `, code(attribute), ` date recorded when ${lowerFirst(title)} (`, code(`${event}.${attribute}`), ')');
  }

  /** A link to another rule of the page: `[Review of the child's case](#rule-x) (`x`)`. */
  ruleRef(id: string): Rich {
    const title = this.rules.get(id);
    return title === undefined ? rich(code(id)) : rich(link(title, `#${ruleAnchor(id)}`), ' (', code(id), ')');
  }

  /** What a due date is measured from. */
  anchor(anchor: IrAnchor, cycle: IrCycle | undefined): Rich {
    switch (anchor.kind) {
      case 'event':
        return this.eventDay(anchor.event);
      case 'event_attribute':
        return this.eventAttribute(anchor.event, anchor.attribute);
      case 'child_dob':
        return rich("the child's date of birth");
      case 'run_start': {
        const starts = joinRich((cycle?.startsOn ?? []).map((e) => this.eventDay(e)), 'or');
        const restarts = cycle?.restartsOn ?? [];
        if (restarts.length === 0) return starts;
        return rich(starts, ' (or, when the cycle restarts, ', joinRich(restarts.map((e) => this.eventDay(e)), 'or'), ')');
      }
      case 'previous': {
        const noun = cycle === undefined ? 'occurrence' : cycleNoun(cycle.title);
        const met = joinRich((cycle?.metBy.events ?? []).map((e) => rich(code(e))), 'or');
        return met.length === 0 ? rich(`the previous ${noun}`) : rich(`the previous ${noun} (the date of the `, met, ' that met it)');
      }
    }
  }

  /**
   * A due date in plain English: `within 20 working days of ...`, `at least 5 working days before
   * ...`, `by 12:00 on the Monday on or before the day 5 weeks before ...`.
   */
  due(due: IrDue, cycle?: IrCycle): Rich {
    const d = durationText(due.offset);
    const anchor = this.anchor(due.anchor, cycle);
    if (due.align !== undefined) {
      const weekday = WEEKDAYS[due.align.weekday] ?? String(due.align.weekday);
      const side = due.align.direction === 'on_or_before' ? 'on or before' : 'on or after';
      const time = due.time === undefined ? '' : `by ${due.time} `;
      return rich(`${time}on the ${weekday} ${side} the day ${d} ${due.direction} `, anchor);
    }
    const core =
      due.direction === 'before'
        ? rich(`at least ${d} before `, anchor)
        : due.anchor.kind === 'child_dob'
          ? rich(`no later than ${d} after `, anchor)
          : rich(`within ${d} of `, anchor);
    return due.time === undefined ? core : rich(core, `, by ${due.time} on the day it falls due`);
  }

  /**
   * A deadline's due date, with what may follow it: `within 20 working days of ... or of ... (one
   * deadline for each)`, `... or ..., whichever is sooner`, `between 3 months before and 3 months
   * after the day 16 years after ...`, `..., and not earlier than 3 months before that day`.
   */
  deadlineDue(rule: IrDeadline): Rich {
    const due = rule.due;
    let text = this.due(due);
    const also = rule.alsoFrom ?? [];
    if (also.length > 0) {
      text = rich(text, ', or of ', joinRich(also.map((e) => this.eventDay(e)), 'or'), ' (one deadline for each of those events)');
    }
    if (rule.whichever !== undefined) {
      const others = rule.whichever.others.map((o) => this.due(o));
      text = rich(text, ', or ', joinRich(others, 'or'), `, whichever is ${rule.whichever.pick}`);
    }
    const w = rule.window;
    if (w !== undefined) {
      const shift = (s: { direction: string; offset: IrDuration }) => `${durationText(s.offset)} ${s.direction}`;
      const centre = rich(`the day ${durationText(due.offset)} ${due.direction} `, this.anchor(due.anchor, undefined));
      text =
        w.closes === undefined
          ? rich(text, `, and not earlier than ${shift(w.opens)} that day`)
          : rich(`between ${shift(w.opens)} and ${shift(w.closes)} `, centre);
    }
    return text;
  }

  /** `only when `legal_status is care_order``. */
  when(condition: IrCondition | undefined): Rich {
    return condition === undefined ? [] : rich('only when ', code(condition.text));
  }

  /** `a review of the child's case is held (`review_held`)`, `... or ...`, `, where `...``. */
  metBy(rule: Pick<IrRule, 'metBy'>): Rich {
    const events = joinRich(rule.metBy.events.map((e) => this.eventClause(e)), 'or');
    return rule.metBy.where === undefined ? events : rich(events, ', where ', code(rule.metBy.where.text));
  }

  typeText(type: IrType): Rich {
    switch (type.kind) {
      case 'date':
        return rich('a date');
      case 'boolean':
        return rich('yes or no');
      case 'number':
        return rich('a number');
      case 'text':
        return rich('text');
      case 'role':
        return rich('a role');
      case 'enum':
        return rich('one of ', joinRich(type.values.map((v) => rich(code(v))), 'or'));
    }
  }
}
