/**
 * The never-applies lint's reasoning (`neverHolds`, compiler/check/check-never-applies.ts), one
 * operator at a time: each case is a condition worked out by hand, contradictory or satisfiable, so
 * that flipping an operator, swapping a bound's strictness or dropping the `=`/`!=` rule fails here.
 * The lint as a whole (messages, ranges, `then` steps) is covered by the golden cases in
 * test/cases/analysis/.
 */
import { describe, expect, it } from 'vitest';
import { neverHolds } from '../../compiler/check/check-never-applies.ts';
import type { IrCompareOp, IrCondition, IrOperand } from '../../runtime/ir.ts';

const age: IrOperand = { kind: 'age' };
const status: IrOperand = { kind: 'fact', fact: 'legal_status' };
const num = (value: number): IrOperand => ({ kind: 'literal', value, type: 'number' });
const val = (value: string): IrOperand => ({ kind: 'literal', value, type: 'enum' });
const cmp = (left: IrOperand, op: IrCompareOp, right: IrOperand): IrCondition => ({ kind: 'compare', op, left, right, text: `${op}` });
const and = (...items: IrCondition[]): IrCondition => ({ kind: 'and', items, text: 'and' });
const or = (...items: IrCondition[]): IrCondition => ({ kind: 'or', items, text: 'or' });
const not = (item: IrCondition): IrCondition => ({ kind: 'not', item, text: 'not' });
const among = (left: IrOperand, values: string[], negated = false): IrCondition => ({ kind: 'in', negated, left, values: values.map(val), text: 'in' });

describe('neverHolds: numeric bounds', () => {
  const cases: [string, IrCondition, boolean][] = [
    ['age < 5 and age >= 16', and(cmp(age, '<', num(5)), cmp(age, '>=', num(16))), true],
    ['age < 5 and age >= 5', and(cmp(age, '<', num(5)), cmp(age, '>=', num(5))), true],
    ['age <= 5 and age >= 5 (5 satisfies it)', and(cmp(age, '<=', num(5)), cmp(age, '>=', num(5))), false],
    ['age > 5 and age <= 5', and(cmp(age, '>', num(5)), cmp(age, '<=', num(5))), true],
    ['age > 5 and age < 5', and(cmp(age, '>', num(5)), cmp(age, '<', num(5))), true],
    ['age > 4 and age < 5 (4.5 satisfies it)', and(cmp(age, '>', num(4)), cmp(age, '<', num(5))), false],
    ['age >= 16 and age <= 17', and(cmp(age, '>=', num(16)), cmp(age, '<=', num(17))), false],
    ['age > 16 and age > 17', and(cmp(age, '>', num(16)), cmp(age, '>', num(17))), false],
    ['age < 16 and age < 17', and(cmp(age, '<', num(16)), cmp(age, '<', num(17))), false],
    ['age = 3 and age > 3', and(cmp(age, '=', num(3)), cmp(age, '>', num(3))), true],
    ['age = 3 and age >= 3', and(cmp(age, '=', num(3)), cmp(age, '>=', num(3))), false],
    ['age = 3 and age < 3', and(cmp(age, '=', num(3)), cmp(age, '<', num(3))), true],
    ['age = 3 and age <= 3', and(cmp(age, '=', num(3)), cmp(age, '<=', num(3))), false],
    ['age = 3 and age < 10', and(cmp(age, '=', num(3)), cmp(age, '<', num(10))), false],
    ['age = 12 and age < 10', and(cmp(age, '=', num(12)), cmp(age, '<', num(10))), true],
    ['5 > age and age >= 16 (the literal on the left)', and(cmp(num(5), '>', age), cmp(age, '>=', num(16))), true],
    ['16 <= age and age < 16 (the literal on the left)', and(cmp(num(16), '<=', age), cmp(age, '<', num(16))), true],
    ['16 < age and age <= 17', and(cmp(num(16), '<', age), cmp(age, '<=', num(17))), false],
    ['16 < age and age < 10 (the literal on the left)', and(cmp(num(16), '<', age), cmp(age, '<', num(10))), true],
    ['10 >= age and age > 12 (the literal on the left)', and(cmp(num(10), '>=', age), cmp(age, '>', num(12))), true],
    ['age >= 5 and age > 5 and age <= 5 (the stricter bound wins, in either order)', and(cmp(age, '>=', num(5)), cmp(age, '>', num(5)), cmp(age, '<=', num(5))), true],
    ['age > 5 and age >= 5 and age <= 5', and(cmp(age, '>', num(5)), cmp(age, '>=', num(5)), cmp(age, '<=', num(5))), true],
    ['age <= 5 and age < 5 and age >= 5', and(cmp(age, '<=', num(5)), cmp(age, '<', num(5)), cmp(age, '>=', num(5))), true],
    ['age < 5 and age <= 5 and age >= 5', and(cmp(age, '<', num(5)), cmp(age, '<=', num(5)), cmp(age, '>=', num(5))), true],
    ['a single bound', cmp(age, '<', num(5)), false],
  ];
  for (const [name, condition, expected] of cases) {
    it(`${name}: ${expected ? 'never' : 'can be'} true`, () => expect(neverHolds(condition)).toBe(expected));
  }
});

describe('neverHolds: equal and not equal', () => {
  const cases: [string, IrCondition, boolean][] = [
    ['x is a and x is b', and(cmp(status, '=', val('a')), cmp(status, '=', val('b'))), true],
    ['x is a and x is a', and(cmp(status, '=', val('a')), cmp(status, '=', val('a'))), false],
    ['x is a and x is not a', and(cmp(status, '=', val('a')), cmp(status, '!=', val('a'))), true],
    ['x is not a and x is a (the other order)', and(cmp(status, '!=', val('a')), cmp(status, '=', val('a'))), true],
    ['x is a and x is not b', and(cmp(status, '=', val('a')), cmp(status, '!=', val('b'))), false],
    ['x is not a and x is not b', and(cmp(status, '!=', val('a')), cmp(status, '!=', val('b'))), false],
    ['not (x is a) and x is a', and(not(cmp(status, '=', val('a'))), cmp(status, '=', val('a'))), true],
    ['not (x is not a) and x is b', and(not(cmp(status, '!=', val('a'))), cmp(status, '=', val('b'))), true],
    ['not (age < 5) and age < 3', and(not(cmp(age, '<', num(5))), cmp(age, '<', num(3))), true],
    ['not (age < 5) and age < 6', and(not(cmp(age, '<', num(5))), cmp(age, '<', num(6))), false],
    ['not (age < 5) and age <= 5 (5 satisfies it)', and(not(cmp(age, '<', num(5))), cmp(age, '<=', num(5))), false],
    ['not (age <= 5) and age <= 5', and(not(cmp(age, '<=', num(5))), cmp(age, '<=', num(5))), true],
    ['not (age > 5) and age >= 5 (5 satisfies it)', and(not(cmp(age, '>', num(5))), cmp(age, '>=', num(5))), false],
    ['not (age >= 5) and age >= 5', and(not(cmp(age, '>=', num(5))), cmp(age, '>=', num(5))), true],
    ['(x is a or x is b) and x is c', and(or(cmp(status, '=', val('a')), cmp(status, '=', val('b'))), cmp(status, '=', val('c'))), true],
    ['(x is a or x is b) and x is a', and(or(cmp(status, '=', val('a')), cmp(status, '=', val('b'))), cmp(status, '=', val('a'))), false],
    ['x in (a, b) and x is c', and(among(status, ['a', 'b']), cmp(status, '=', val('c'))), true],
    ['x in (a, b) and x is b', and(among(status, ['a', 'b']), cmp(status, '=', val('b'))), false],
    ['x not in (a, b) and x is a', and(among(status, ['a', 'b'], true), cmp(status, '=', val('a'))), true],
    ['x not in (a, b) and x is c', and(among(status, ['a', 'b'], true), cmp(status, '=', val('c'))), false],
    ['different facts never contradict', and(cmp(status, '=', val('a')), cmp({ kind: 'fact', fact: 'other' }, '=', val('b'))), false],
  ];
  for (const [name, condition, expected] of cases) {
    it(`${name}: ${expected ? 'never' : 'can be'} true`, () => expect(neverHolds(condition)).toBe(expected));
  }
});
