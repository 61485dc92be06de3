/**
 * IR conditions -> closures, compiled once per policy and called in the evaluator's hot path; and the
 * same conditions compiled to explain themselves (for criteria).
 *
 * Input: an `IrCondition`, the policy's vocabulary (for operand types) and its working-day calendar
 * (for `3 working days after today`). Output: a `Condition` function
 * `(scope, anchorDate, focus) => boolean`, or an `ExplainedCondition` returning the value with a
 * plain English reason ("`expected_closure` is 2026-01-10, which is on or before 3 months after today
 * (2026-02-22)").
 *
 * Semantics:
 * - `age` is the child's age in whole years on `anchorDate` (the anchor date of the obligation being
 *   considered; for criteria, the as-of date); `child_dob` is the child's date of birth; `today` is
 *   the as-of date of the evaluation (`scope.asOf`).
 * - `count(EVENT [where C])` is the number of events of that type dated on or before `anchorDate`
 *   (in a rule's `when`: up to the date the obligation is measured from, so later events never change
 *   whether an earlier obligation applied; in criteria: up to the as-of date), `C` reading the counted
 *   event (with the same `anchorDate`).
 * - A fact declared `set by` events reads the value in force on `anchorDate`: that given by the latest
 *   setting event dated on or before it (events of one date in input order; an event whose setting
 *   attribute is absent sets nothing), else the case's value (its initial value); an explained
 *   condition names the event that set it and its date.
 * - `EVENT.date` is the focus event's date (missing, silently, when the focus is of another type).
 * - `days since the last EVENT` is `anchorDate` minus the date of the latest such event dated on or
 *   before `anchorDate` (0 when one is on that date); missing, silently, when there is none, which
 *   makes a comparison false.
 * - `D after X` / `D before X` moves the date `X` by the duration `D` (working days on the policy's
 *   calendar, months clamped to the month's end); a missing `X` makes it missing.
 * - `A in (x, y)` holds when `A` equals one of the values; `A not in (...)` when it equals none.
 * - An `attribute` operand reads the `focus` event (the anchor event for `when`, the candidate
 *   satisfying event for `met by ... where`, the counted event in `count(... where)`, the request or
 *   required event in approvals). If the focus event is of another type (possible when a rule is met
 *   by several event types) the comparison is false, silently: that is the rule's structure, not
 *   missing data.
 * - A missing optional fact, or a missing optional attribute of an event of the right type, makes the
 *   comparison (or membership test, negated or not) false and adds a notice saying which value was
 *   missing and which condition it affected.
 * - Dates compare as `PlainDate` numbers; `<`, `<=`, `>`, `>=` apply to numbers and dates only; `=` and
 *   `!=` compare any two values of compatible types (role names compare as names).
 * - An `ExplainedCondition` has exactly the value of the `Condition` compiled from the same IR; it
 *   evaluates every item of `and` / `or` (no short cut) so that each reason can be given.
 *
 * INVARIANT: no regexes, `Date` or allocation on the hot path (`Condition`), except for building a
 * notice when a value is missing.
 */

import type { IrCompareOp, IrCondition, IrFactSetter, IrOperand, IrType, PolicyIR } from './ir.ts';
import { ageInYears, formatPlainDate, parsePlainDate } from './dates.ts';
import type { PlainDate } from './dates.ts';
import type { NormalizedCase, NormalizedEvent } from './case.ts';
import type { WorkingDayCalendar } from './calendar.ts';
import { notice, withArticle } from './messages.ts';
import type { Notice } from './messages.ts';
import { isoDate, quantity, shifter } from './explain.ts';
import { MalformedIrError } from './malformed-ir.ts';

/** What a condition reads besides the anchor date and focus event: the case, the as-of date, the events considered and the notice sink. */
export interface ConditionScope {
  readonly case: NormalizedCase;
  /** The as-of date (`today`). */
  readonly asOf: PlainDate;
  /** The case's events sorted by date then input order; only the first `n` (those on or before `asOf`) are considered. */
  readonly events: readonly NormalizedEvent[];
  /** How many of `events` are considered. */
  readonly n: number;
  /** Notices raised while evaluating (duplicates are removed by the evaluator). */
  readonly notices: Notice[];
}

/** A compiled condition. */
export type Condition = (scope: ConditionScope, anchorDate: PlainDate, focus: NormalizedEvent | undefined) => boolean;

/** A condition's value with the reason for it, in plain English. */
export interface Explained {
  readonly value: boolean;
  readonly reason: string;
}

/** A condition compiled to explain itself (see `compileExplainedCondition`). */
export type ExplainedCondition = (scope: ConditionScope, anchorDate: PlainDate, focus: NormalizedEvent | undefined) => Explained;

type Value = string | number | boolean | undefined;
type Getter = (scope: ConditionScope, anchorDate: PlainDate, focus: NormalizedEvent | undefined, text: string) => Value;
type ValueKind = IrType['kind'];

export { MalformedIrError } from './malformed-ir.ts';

interface CompiledOperand {
  readonly get: Getter;
  readonly kind: ValueKind;
  /** The operand in words, for reasons: "`expected_closure`", "count(cin_plan_started)", "3 months after today". */
  readonly text: string;
  /** True for literals (a reason shows their value alone). */
  readonly literal: boolean;
  /** For a fact set by events: which event set the value read on that date ("set by legal_status_changed on 2026-03-02"), for reasons. */
  readonly origin?: (scope: ConditionScope, anchorDate: PlainDate) => string | undefined;
}

/** What compiling a condition needs besides the condition: the vocabulary, the calendar, and where it is (for messages). */
interface Env {
  readonly ir: PolicyIR;
  readonly calendar: WorkingDayCalendar;
  readonly where: string;
}

function compileOperand(o: IrOperand, env: Env): CompiledOperand {
  const { ir, where } = env;
  switch (o.kind) {
    case 'literal': {
      if (o.type === 'date') {
        const d = typeof o.value === 'string' ? parsePlainDate(o.value) : undefined;
        if (d === undefined) throw new MalformedIrError(`${where}: date literal ${JSON.stringify(o.value)} is not a YYYY-MM-DD date`);
        return { get: () => d, kind: 'date', text: isoDate(d), literal: true };
      }
      const v = o.value;
      return { get: () => v, kind: o.type, text: String(v), literal: true };
    }
    case 'age':
      return { get: (s, anchor) => ageInYears(s.case.child.dob, anchor), kind: 'number', text: 'age', literal: false };
    case 'child_dob':
      return { get: (s) => s.case.child.dob, kind: 'date', text: 'child.dob', literal: false };
    case 'today':
      return { get: (s) => s.asOf, kind: 'date', text: 'today', literal: false };
    case 'event_date': {
      const type = o.event;
      if (!ir.events.some((e) => e.name === type)) throw new MalformedIrError(`${where}: undeclared event \`${type}\` in \`${type}.date\``);
      return { get: (_s, _a, focus) => (focus === undefined || focus.type !== type ? undefined : focus.date), kind: 'date', text: `\`${type}.date\``, literal: false };
    }
    case 'days_since': {
      const type = o.event;
      if (!ir.events.some((e) => e.name === type)) throw new MalformedIrError(`${where}: undeclared event \`${type}\` in \`days since the last ${type}\``);
      return {
        kind: 'number',
        text: `days since the last ${type}`,
        literal: false,
        get: (s, anchor) => {
          let last: PlainDate | undefined;
          for (let i = 0; i < s.n; i++) {
            const e = s.events[i] as NormalizedEvent;
            if (e.date > anchor) break; // events are in date order
            if (e.type === type) last = e.date;
          }
          return last === undefined ? undefined : anchor - last;
        },
      };
    }
    case 'fact': {
      const fact = ir.facts.find((f) => f.name === o.fact);
      if (fact === undefined) throw new MalformedIrError(`${where}: undeclared fact \`${o.fact}\``);
      const name = o.fact;
      if (fact.setBy !== undefined) return factOverTime(name, fact.type.kind, setters(fact.setBy, fact.type.kind, ir, where), where);
      return {
        kind: fact.type.kind,
        text: `\`${name}\``,
        literal: false,
        get: (s, _anchor, _focus, text) => {
          const v = s.case.facts[name];
          if (v === undefined) {
            s.notices.push(notice('notice/optional-fact-missing', { fact: name, condition: text, where }));
          }
          return v;
        },
      };
    }
    case 'attribute': {
      const event = ir.events.find((e) => e.name === o.event);
      const attr = event?.attributes.find((a) => a.name === o.attribute);
      if (attr === undefined) throw new MalformedIrError(`${where}: undeclared attribute \`${o.event}.${o.attribute}\``);
      const type = o.event;
      const name = o.attribute;
      return {
        kind: attr.type.kind,
        text: `\`${type}.${name}\``,
        literal: false,
        get: (s, _anchor, focus, text) => {
          if (focus === undefined || focus.type !== type) return undefined;
          const v = focus.attributes[name];
          if (v === undefined) {
            s.notices.push(notice('notice/optional-attribute-missing', { event: type, attribute: name, condition: text, where }, { date: formatPlainDate(focus.date) }));
          }
          return v;
        },
      };
    }
    case 'count': {
      const type = o.event;
      if (!ir.events.some((e) => e.name === type)) throw new MalformedIrError(`${where}: undeclared event \`${type}\` in \`count\``);
      const filter = o.where === undefined ? undefined : compileCondition(o.where, ir, where, env.calendar);
      const text = o.where === undefined ? `count(${type})` : `count(${type} where ${o.where.text})`;
      if (filter === undefined) {
        return {
          kind: 'number',
          text,
          literal: false,
          get: (s, anchor) => {
            let k = 0;
            for (let i = 0; i < s.n; i++) {
              const e = s.events[i] as NormalizedEvent;
              if (e.date > anchor) break; // events are in date order
              if (e.type === type) k++;
            }
            return k;
          },
        };
      }
      return {
        kind: 'number',
        text,
        literal: false,
        get: (s, anchor) => {
          let k = 0;
          for (let i = 0; i < s.n; i++) {
            const e = s.events[i] as NormalizedEvent;
            if (e.date > anchor) break; // events are in date order
            if (e.type === type && filter(s, anchor, e)) k++;
          }
          return k;
        },
      };
    }
    case 'date_offset': {
      const base = compileOperand(o.base, env);
      if (base.kind !== 'date') throw new MalformedIrError(`${where}: \`${quantity(o.offset.amount, o.offset.unit)} ${o.direction}\` moves ${withArticle(base.kind)}, not a date`);
      const amount = o.offset.amount;
      if (!Number.isSafeInteger(amount) || amount < 0) throw new MalformedIrError(`${where}: offset ${String(amount)} is not a non-negative integer`);
      const shift = shifter(o.offset, o.direction, env.calendar);
      const get = base.get;
      return {
        kind: 'date',
        text: `${quantity(amount, o.offset.unit)} ${o.direction} ${base.text}`,
        literal: false,
        get: (s, a, f, text) => {
          const d = get(s, a, f, text);
          return d === undefined ? undefined : shift(d as number);
        },
      };
    }
  }
}

/** A setter ready for the hot path: the attribute to read, or the fixed value (dates as `PlainDate`). */
interface Setter {
  readonly attribute?: string;
  readonly value?: string | number | boolean;
}

function setters(list: readonly IrFactSetter[], kind: ValueKind, ir: PolicyIR, where: string): ReadonlyMap<string, Setter> {
  const out = new Map<string, Setter>();
  for (const st of list) {
    const event = ir.events.find((e) => e.name === st.event);
    if (event === undefined) throw new MalformedIrError(`${where}: a fact is set by undeclared event \`${st.event}\``);
    if (st.kind === 'attribute') {
      if (!event.attributes.some((a) => a.name === st.attribute)) throw new MalformedIrError(`${where}: a fact is set by undeclared attribute \`${st.event}.${st.attribute}\``);
      out.set(event.name, { attribute: st.attribute });
      continue;
    }
    if (kind === 'date') {
      const d = typeof st.value === 'string' ? parsePlainDate(st.value) : undefined;
      if (d === undefined) throw new MalformedIrError(`${where}: \`${st.event}\` sets a date fact to ${JSON.stringify(st.value)}, not a YYYY-MM-DD date`);
      out.set(event.name, { value: d });
    } else out.set(event.name, { value: st.value });
  }
  return out;
}

/**
 * The event that set a fact's value in force on `date` (the latest setting event dated on or
 * before it, by date then input order, that gave it a value), or undefined when none did.
 */
export function settingEvent(s: ConditionScope, date: PlainDate, bySetter: ReadonlyMap<string, Setter>): { readonly event: NormalizedEvent; readonly value: string | number | boolean } | undefined {
  let found: NormalizedEvent | undefined;
  let value: string | number | boolean | undefined;
  for (let i = 0; i < s.n; i++) {
    const e = s.events[i] as NormalizedEvent;
    if (e.date > date) break; // events are in date order
    const st = bySetter.get(e.type);
    if (st === undefined) continue;
    const v = st.attribute === undefined ? st.value : e.attributes[st.attribute];
    if (v === undefined) continue; // an absent optional attribute sets nothing
    found = e;
    value = v;
  }
  return found === undefined || value === undefined ? undefined : { event: found, value };
}

/** A fact set by events: the value in force on the anchor date, else the case's (initial) value. */
function factOverTime(name: string, kind: ValueKind, bySetter: ReadonlyMap<string, Setter>, where: string): CompiledOperand {
  return {
    kind,
    text: `\`${name}\``,
    literal: false,
    get: (s, anchor, _focus, text) => {
      const v: Value = settingEvent(s, anchor, bySetter)?.value ?? s.case.facts[name];
      if (v === undefined) s.notices.push(notice('notice/optional-fact-missing', { fact: name, condition: text, where }));
      return v;
    },
    origin: (s, anchor) => {
      const found = settingEvent(s, anchor, bySetter);
      return found === undefined ? undefined : `set by ${found.event.type} on ${isoDate(found.event.date)}`;
    },
  };
}

const STRINGISH: ReadonlySet<ValueKind> = new Set<ValueKind>(['text', 'enum', 'role']);

function compatible(a: ValueKind, b: ValueKind): boolean {
  return a === b || (STRINGISH.has(a) && STRINGISH.has(b));
}

function compileCompare(op: IrCompareOp, left: CompiledOperand, right: CompiledOperand, text: string, where: string): Condition {
  if (!compatible(left.kind, right.kind)) {
    throw new MalformedIrError(`${where}: \`${text}\` compares ${withArticle(left.kind)} with ${withArticle(right.kind)}`);
  }
  const ordered = op !== '=' && op !== '!=';
  if (ordered && left.kind !== 'number' && left.kind !== 'date') {
    throw new MalformedIrError(`${where}: \`${text}\` orders ${left.kind} values; only numbers and dates can be ordered`);
  }
  const L = left.get;
  const R = right.get;
  switch (op) {
    case '=':
      return (s, a, f) => {
        const l = L(s, a, f, text);
        if (l === undefined) return false;
        const r = R(s, a, f, text);
        return r !== undefined && l === r;
      };
    case '!=':
      return (s, a, f) => {
        const l = L(s, a, f, text);
        if (l === undefined) return false;
        const r = R(s, a, f, text);
        return r !== undefined && l !== r;
      };
    case '<':
      return (s, a, f) => {
        const l = L(s, a, f, text);
        if (l === undefined) return false;
        const r = R(s, a, f, text);
        return r !== undefined && (l as number) < (r as number);
      };
    case '<=':
      return (s, a, f) => {
        const l = L(s, a, f, text);
        if (l === undefined) return false;
        const r = R(s, a, f, text);
        return r !== undefined && (l as number) <= (r as number);
      };
    case '>':
      return (s, a, f) => {
        const l = L(s, a, f, text);
        if (l === undefined) return false;
        const r = R(s, a, f, text);
        return r !== undefined && (l as number) > (r as number);
      };
    case '>=':
      return (s, a, f) => {
        const l = L(s, a, f, text);
        if (l === undefined) return false;
        const r = R(s, a, f, text);
        return r !== undefined && (l as number) >= (r as number);
      };
  }
}

function compileMembership(c: Extract<IrCondition, { kind: 'in' }>, env: Env): Condition {
  const left = compileOperand(c.left, env);
  const values = c.values.map((v) => compileOperand(v, env));
  for (const v of values) {
    if (!compatible(left.kind, v.kind)) throw new MalformedIrError(`${env.where}: \`${c.text}\` compares ${withArticle(left.kind)} with ${withArticle(v.kind)}`);
  }
  const L = left.get;
  const getters = values.map((v) => v.get);
  const text = c.text;
  const negated = c.negated;
  return (s, a, f) => {
    const l = L(s, a, f, text);
    if (l === undefined) return false;
    for (const get of getters) {
      const r = get(s, a, f, text);
      if (r !== undefined && r === l) return !negated;
    }
    return negated;
  };
}

/**
 * Compiles a condition into a closure. `where` names the place for notices and errors, e.g.
 * "the `when` of rule `x`"; `calendar` is the policy's working-day calendar (for date offsets in
 * working days). Throws `MalformedIrError` on operands of incompatible types or undeclared names
 * (which the checker rejects).
 */
export function compileCondition(c: IrCondition, ir: PolicyIR, where: string, calendar: WorkingDayCalendar): Condition {
  const env: Env = { ir, where, calendar };
  switch (c.kind) {
    case 'compare':
      return compileCompare(c.op, compileOperand(c.left, env), compileOperand(c.right, env), c.text, where);
    case 'in':
      return compileMembership(c, env);
    case 'not': {
      const item = compileCondition(c.item, ir, where, calendar);
      return (s, a, f) => !item(s, a, f);
    }
    case 'and': {
      const items = c.items.map((i) => compileCondition(i, ir, where, calendar));
      if (items.length === 2) {
        const [x, y] = items as [Condition, Condition];
        return (s, a, f) => x(s, a, f) && y(s, a, f);
      }
      return (s, a, f) => {
        for (const item of items) if (!item(s, a, f)) return false;
        return true;
      };
    }
    case 'or': {
      const items = c.items.map((i) => compileCondition(i, ir, where, calendar));
      if (items.length === 2) {
        const [x, y] = items as [Condition, Condition];
        return (s, a, f) => x(s, a, f) || y(s, a, f);
      }
      return (s, a, f) => {
        for (const item of items) if (item(s, a, f)) return true;
        return false;
      };
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Conditions that explain themselves (criteria)

function show(v: string | number | boolean, kind: ValueKind): string {
  if (kind === 'date' && typeof v === 'number') return isoDate(v);
  return String(v);
}

/** The opposite comparison: what holds when `op` does not. */
const NEGATED: Readonly<Record<IrCompareOp, IrCompareOp>> = { '=': '!=', '!=': '=', '<': '>=', '<=': '>', '>': '<=', '>=': '<' };
/** The same comparison with its sides swapped. */
const MIRRORED: Readonly<Record<IrCompareOp, IrCompareOp>> = { '=': '=', '!=': '!=', '<': '>', '<=': '>=', '>': '<', '>=': '<=' };
const DATE_WORDS: Readonly<Record<IrCompareOp, string>> = {
  '=': 'the same date as',
  '!=': 'not the same date as',
  '<': 'before',
  '<=': 'on or before',
  '>': 'after',
  '>=': 'on or after',
};

function holds(op: IrCompareOp, l: string | number | boolean, r: string | number | boolean): boolean {
  switch (op) {
    case '=':
      return l === r;
    case '!=':
      return l !== r;
    case '<':
      return (l as number) < (r as number);
    case '<=':
      return (l as number) <= (r as number);
    case '>':
      return (l as number) > (r as number);
    case '>=':
      return (l as number) >= (r as number);
  }
}

/** "3 months after today (2026-02-22)", or the value alone for a literal. */
function operandWithValue(o: CompiledOperand, v: string | number | boolean): string {
  return o.literal ? show(v, o.kind) : `${o.text} (${show(v, o.kind)})`;
}

/** The reason for a comparison whose two values are known; `value` is its outcome. */
function compareReason(op: IrCompareOp, left: CompiledOperand, l: string | number | boolean, right: CompiledOperand, r: string | number | boolean, value: boolean): string {
  // Put the non-literal on the left: "`x` is 3, which is >= 2" rather than "2 is 2, ...".
  if (left.literal && !right.literal) return compareReason(MIRRORED[op], right, r, left, l, value);
  const subject = left.literal ? show(l, left.kind) : `${left.text} is ${show(l, left.kind)}`;
  if (op === '=' || op === '!=') {
    const equal = l === r;
    if (right.literal) {
      // "`case_holder` is team_manager, not consultant_social_worker"; booleans need no more.
      return equal || right.kind === 'boolean' ? subject : `${subject}, not ${show(r, right.kind)}`;
    }
    return equal ? `${subject}, the same as ${right.text}` : `${subject}, but ${right.text} is ${show(r, right.kind)}`;
  }
  const shown = value ? op : NEGATED[op];
  const words = left.kind === 'date' ? DATE_WORDS[shown] : shown;
  return `${subject}, which is ${words} ${operandWithValue(right, r)}`;
}

/** The reason, followed by where the values of facts set by events came from: "... (`legal_status` set by legal_status_changed on 2026-03-02)". */
function withOrigins(reason: string, operands: readonly CompiledOperand[], s: ConditionScope, anchorDate: PlainDate): string {
  const origins: string[] = [];
  for (const o of operands) {
    const origin = o.origin?.(s, anchorDate);
    if (origin !== undefined) origins.push(`${o.text} ${origin}`);
  }
  return origins.length === 0 ? reason : `${reason} (${origins.join('; ')})`;
}

function joinReasons(reasons: readonly string[]): string {
  return [...new Set(reasons)].join('; ');
}

/**
 * Compiles a condition that returns its value with the reason for it, for criteria: every value read
 * is named with what it was ("`case_holder` is not set", "count(child_protection_plan_started) is 2,
 * which is >= 2"). Its value is always that of `compileCondition` on the same IR; notices are raised
 * as there. Not for the hot path: it builds strings.
 */
export function compileExplainedCondition(c: IrCondition, ir: PolicyIR, where: string, calendar: WorkingDayCalendar): ExplainedCondition {
  const env: Env = { ir, where, calendar };
  switch (c.kind) {
    case 'compare': {
      const left = compileOperand(c.left, env);
      const right = compileOperand(c.right, env);
      // Type-checks the operands and op exactly as the plain condition does.
      compileCompare(c.op, left, right, c.text, where);
      const { op, text } = c;
      return (s, a, f) => {
        const l = left.get(s, a, f, text);
        if (l === undefined) return { value: false, reason: `${left.text} is not set` };
        const r = right.get(s, a, f, text);
        if (r === undefined) return { value: false, reason: `${right.text} is not set` };
        const value = holds(op, l, r);
        return { value, reason: withOrigins(compareReason(op, left, l, right, r, value), [left, right], s, a) };
      };
    }
    case 'in': {
      compileMembership(c, env);
      const left = compileOperand(c.left, env);
      const values = c.values.map((v) => compileOperand(v, env));
      const { negated, text } = c;
      return (s, a, f) => {
        const l = left.get(s, a, f, text);
        if (l === undefined) return { value: false, reason: `${left.text} is not set` };
        const shown: string[] = [];
        let found = false;
        for (const v of values) {
          const r = v.get(s, a, f, text);
          if (r === undefined) {
            shown.push(`${v.text} (not set)`);
            continue;
          }
          if (r === l) found = true;
          shown.push(operandWithValue(v, r));
        }
        const subject = left.literal ? show(l, left.kind) : `${left.text} is ${show(l, left.kind)}`;
        return { value: found !== negated, reason: withOrigins(`${subject}, which is ${found ? '' : 'not '}one of (${shown.join(', ')})`, [left], s, a) };
      };
    }
    case 'not': {
      const item = compileExplainedCondition(c.item, ir, where, calendar);
      return (s, a, f) => {
        const e = item(s, a, f);
        return { value: !e.value, reason: e.reason };
      };
    }
    case 'and':
    case 'or': {
      const items = c.items.map((i) => compileExplainedCondition(i, ir, where, calendar));
      const all = c.kind === 'and';
      return (s, a, f) => {
        const results = items.map((item) => item(s, a, f));
        const value = all ? results.every((e) => e.value) : results.some((e) => e.value);
        return { value, reason: joinReasons(results.map((e) => e.reason)) };
      };
    }
  }
}
