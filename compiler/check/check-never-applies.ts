/**
 * Lint: rules and cycle steps that can never apply (read from the elaborated rules' typed conditions).
 * - A `when` whose condition is contradictory (`age under 5 and age 16 or over`, `x is a and x is b`):
 *   the condition is put in disjunctive normal form (bounded) and every conjunction is checked for
 *   contradictory bounds or values on the same fact, attribute or age.
 * - A `then` step after a `then` step without `when`: the earlier one always applies first.
 * - A ladder stage's `when` that can never hold (the stage could never be raised without a violation).
 */
import type { IrCondition, IrOperand } from '../../runtime/ir.ts';
import type * as A from '../ast/types.ts';
import { printCondition } from '../ast/print.ts';
import { diagnostic, type Diagnostic } from '../diagnostics/types.ts';
import type { ElabCondition, ElaboratedStep } from '../kinds/index.ts';
import type { Lint } from './types.ts';

type Literal = { readonly op: '=' | '!=' | '<' | '<=' | '>' | '>='; readonly key: string; readonly value: string | number | boolean };
const MAX_TERMS = 64;

const NEGATE: Record<Literal['op'], Literal['op']> = { '=': '!=', '!=': '=', '<': '>=', '<=': '>', '>': '<=', '>=': '<' };
const FLIP: Record<Literal['op'], Literal['op']> = { '=': '=', '!=': '!=', '<': '>', '<=': '>=', '>': '<', '>=': '<=' };

function operandKey(o: IrOperand): string | undefined {
  switch (o.kind) {
    case 'fact':
      return `fact:${o.fact}`;
    case 'attribute':
      return `attr:${o.event}.${o.attribute}`;
    case 'age':
      return 'age';
    default:
      return undefined;
  }
}

/** DNF as a list of conjunctions; `undefined` literals stand for atoms the analysis cannot read. */
function dnf(c: IrCondition, negated: boolean): (Literal | undefined)[][] | undefined {
  switch (c.kind) {
    case 'not':
      return dnf(c.item, !negated);
    case 'and':
    case 'or': {
      const isAnd = (c.kind === 'and') !== negated;
      const parts = c.items.map((i) => dnf(i, negated));
      if (parts.some((p) => p === undefined)) return undefined;
      if (!isAnd) {
        // A loop, not `flat()`: V8's `flat` took microseconds for two short lists, at every `when`.
        const terms: (Literal | undefined)[][] = [];
        for (const p of parts as (Literal | undefined)[][][]) for (const term of p) terms.push(term);
        return terms;
      }
      let acc: (Literal | undefined)[][] = [[]];
      for (const p of parts as (Literal | undefined)[][][]) {
        const next: (Literal | undefined)[][] = [];
        for (const a of acc) for (const b of p) next.push([...a, ...b]);
        if (next.length > MAX_TERMS) return undefined;
        acc = next;
      }
      return acc;
    }
    case 'in': {
      const key = operandKey(c.left);
      const values = c.values.map((v) => (v.kind === 'literal' ? v.value : undefined));
      if (key === undefined || values.some((v) => v === undefined)) return [[undefined]];
      const positive = !c.negated !== negated;
      if (positive) return (values as (string | number | boolean)[]).map((value) => [{ op: '=', key, value }]);
      return [(values as (string | number | boolean)[]).map((value) => ({ op: '!=', key, value }) as Literal)];
    }
    case 'compare': {
      let op: Literal['op'] = c.op;
      let key = operandKey(c.left);
      let value = c.right.kind === 'literal' ? c.right.value : undefined;
      if (key === undefined || value === undefined) {
        key = operandKey(c.right);
        value = c.left.kind === 'literal' ? c.left.value : undefined;
        op = FLIP[op];
      }
      if (key === undefined || value === undefined) return [[undefined]];
      return [[{ op: negated ? NEGATE[op] : op, key, value }]];
    }
  }
}

/** True when the conjunction can never hold. */
function contradictory(literals: readonly (Literal | undefined)[]): boolean {
  const byKey = new Map<string, Literal[]>();
  for (const l of literals) if (l !== undefined) byKey.set(l.key, [...(byKey.get(l.key) ?? []), l]);
  for (const ls of byKey.values()) {
    const equal = new Set(ls.filter((l) => l.op === '=').map((l) => l.value));
    if (equal.size > 1) return true;
    const notEqual = new Set(ls.filter((l) => l.op === '!=').map((l) => l.value));
    const eq = [...equal][0];
    if (eq !== undefined && notEqual.has(eq)) return true;
    let lo = -Infinity;
    let loStrict = false;
    let hi = Infinity;
    let hiStrict = false;
    for (const l of ls) {
      if (typeof l.value !== 'number') continue;
      if ((l.op === '>' || l.op === '>=') && (l.value > lo || (l.value === lo && l.op === '>'))) {
        lo = l.value;
        loStrict = l.op === '>';
      }
      if ((l.op === '<' || l.op === '<=') && (l.value < hi || (l.value === hi && l.op === '<'))) {
        hi = l.value;
        hiStrict = l.op === '<';
      }
    }
    if (lo > hi || (lo === hi && (loStrict || hiStrict))) return true;
    if (typeof eq === 'number' && (eq < lo || eq > hi || (eq === lo && loStrict) || (eq === hi && hiStrict))) return true;
  }
  return false;
}

export function neverHolds(c: IrCondition): boolean {
  const terms = dnf(c, false);
  return terms !== undefined && terms.length > 0 && terms.every(contradictory);
}

export const checkNeverApplies: Lint = (policy) => {
  const out: Diagnostic[] = [];
  const uri = policy.resolved.uri;
  const report = (condition: ElabCondition, what: string, range: A.Name['range']): void => {
    if (!neverHolds(condition.ir)) return;
    out.push(
      diagnostic('pdl/never-applies', uri, range, `${what} can never apply: \`${printCondition(condition.ast)}\` is never true`, {
        help: 'the parts of the condition contradict each other; check the document for the intended condition',
      }),
    );
  };
  for (const rule of policy.rules) {
    if (rule.located.own && rule.kind === 'ladder') {
      for (const stage of rule.stages) if (stage.when) report(stage.when, `stage ${stage.ir.number} of \`${rule.id}\``, stage.when.ast.range);
    }
    if (!rule.located.own || (rule.kind !== 'deadline' && rule.kind !== 'cycle')) continue;
    const decl = rule.located.decl;
    const when = decl.clauses.find((c) => c.kind === 'WhenClause');
    if (rule.when && when) report(rule.when, `${rule.kind} \`${rule.id}\``, when.range);
    if (rule.kind !== 'cycle') continue;
    let unconditionalRepeat: ElaboratedStep | undefined;
    for (const step of rule.steps) {
      if (step.when) report(step.when, `this step of \`${rule.id}\``, step.ast.range);
      if (step.ordinal !== 'repeat') continue;
      if (unconditionalRepeat !== undefined) {
        out.push(
          diagnostic('pdl/never-applies', uri, step.ast.ordinalRange, `this \`then\` step of \`${rule.id}\` can never apply: an earlier \`then\` step has no \`when\`, so it always applies first`, {
            related: [{ uri, range: unconditionalRepeat.ast.range, message: 'the step that always applies' }],
          }),
        );
      } else if (step.when === undefined) {
        unconditionalRepeat = step;
      }
    }
  }
  return out;
};
