/**
 * IR conditions -> closures, compiled once per policy and called in the evaluator's hot path.
 *
 * Input: an `IrCondition` and the policy's vocabulary (for operand types). Output: a `Condition`
 * function `(scope, anchorDate, focus) => boolean`.
 *
 * Semantics:
 * - `age` is the child's age in whole years on `anchorDate` (the anchor date of the obligation being
 *   considered); `child_dob` is the child's date of birth.
 * - An `attribute` operand reads the `focus` event (the anchor event for `when`, the candidate
 *   satisfying event for `met by ... where`). If the focus event is of another type (possible when
 *   a rule is met by several event types) the comparison is false, silently: that is the rule's
 *   structure, not missing data.
 * - A missing optional fact, or a missing optional attribute of an event of the right type, makes the
 *   comparison false and adds a notice saying which value was missing and which condition it affected.
 * - Dates compare as `PlainDate` numbers; `<`, `<=`, `>`, `>=` apply to numbers and dates only; `=` and
 *   `!=` compare any two values of compatible types (role names compare as names).
 *
 * INVARIANT: no regexes, `Date` or allocation on the hot path, except for building a notice when a
 * value is missing.
 */

import type { IrCompareOp, IrCondition, IrOperand, IrType, PolicyIR } from './ir.ts';
import { ageInYears, formatPlainDate, parsePlainDate } from './dates.ts';
import type { PlainDate } from './dates.ts';
import type { NormalizedCase, NormalizedEvent } from './case.ts';

/** What a condition reads besides the anchor date and focus event: the case and the notice sink. */
export interface ConditionScope {
  readonly case: NormalizedCase;
  /** Notices raised while evaluating (duplicates are removed by the evaluator). */
  readonly notices: string[];
}

/** A compiled condition. */
export type Condition = (scope: ConditionScope, anchorDate: PlainDate, focus: NormalizedEvent | undefined) => boolean;

type Value = string | number | boolean | undefined;
type Getter = (scope: ConditionScope, anchorDate: PlainDate, focus: NormalizedEvent | undefined, text: string) => Value;
type ValueKind = IrType['kind'];

/** An IR that breaks the contract of `runtime/ir.ts` (the checker should have rejected it). */
export class MalformedIrError extends Error {
  /** @param message what is wrong, naming the rule. */
  constructor(message: string) {
    super(`malformed IR: ${message}`);
    this.name = 'MalformedIrError';
  }
}

interface CompiledOperand {
  readonly get: Getter;
  readonly kind: ValueKind;
}

function compileOperand(o: IrOperand, ir: PolicyIR, where: string): CompiledOperand {
  switch (o.kind) {
    case 'literal': {
      if (o.type === 'date') {
        const d = typeof o.value === 'string' ? parsePlainDate(o.value) : undefined;
        if (d === undefined) throw new MalformedIrError(`${where}: date literal ${JSON.stringify(o.value)} is not a YYYY-MM-DD date`);
        return { get: () => d, kind: 'date' };
      }
      const v = o.value;
      return { get: () => v, kind: o.type };
    }
    case 'age':
      return { get: (s, anchor) => ageInYears(s.case.child.dob, anchor), kind: 'number' };
    case 'child_dob':
      return { get: (s) => s.case.child.dob, kind: 'date' };
    case 'fact': {
      const fact = ir.facts.find((f) => f.name === o.fact);
      if (fact === undefined) throw new MalformedIrError(`${where}: undeclared fact \`${o.fact}\``);
      const name = o.fact;
      return {
        kind: fact.type.kind,
        get: (s, _anchor, _focus, text) => {
          const v = s.case.facts[name];
          if (v === undefined) {
            s.notices.push(`optional fact \`${name}\` is not given, so \`${text}\` (${where}) was taken as false`);
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
        get: (s, _anchor, focus, text) => {
          if (focus === undefined || focus.type !== type) return undefined;
          const v = focus.attributes[name];
          if (v === undefined) {
            s.notices.push(
              `optional attribute \`${name}\` of the \`${type}\` event of ${formatPlainDate(focus.date)} is not given, so \`${text}\` (${where}) was taken as false`,
            );
          }
          return v;
        },
      };
    }
  }
}

const STRINGISH: ReadonlySet<ValueKind> = new Set<ValueKind>(['text', 'enum', 'role']);

function compatible(a: ValueKind, b: ValueKind): boolean {
  return a === b || (STRINGISH.has(a) && STRINGISH.has(b));
}

function compileCompare(op: IrCompareOp, left: CompiledOperand, right: CompiledOperand, text: string, where: string): Condition {
  if (!compatible(left.kind, right.kind)) {
    throw new MalformedIrError(`${where}: \`${text}\` compares a ${left.kind} with a ${right.kind}`);
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

/**
 * Compiles a condition into a closure. `where` names the place for notices and errors, e.g.
 * "the `when` of rule `x`". Throws `MalformedIrError` on operands of incompatible types or
 * undeclared names (which the checker rejects).
 */
export function compileCondition(c: IrCondition, ir: PolicyIR, where: string): Condition {
  switch (c.kind) {
    case 'compare':
      return compileCompare(c.op, compileOperand(c.left, ir, where), compileOperand(c.right, ir, where), c.text, where);
    case 'not': {
      const item = compileCondition(c.item, ir, where);
      return (s, a, f) => !item(s, a, f);
    }
    case 'and': {
      const items = c.items.map((i) => compileCondition(i, ir, where));
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
      const items = c.items.map((i) => compileCondition(i, ir, where));
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
