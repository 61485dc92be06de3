/**
 * Mutation tests of the small modules of runtime/ (docs/testing.md, "Mutation testing"): keys.ts
 * (`matched by`), names.ts (the names a policy may not declare), malformed-ir.ts (the error of IR
 * no compiler wrote) and the code of ir.ts (`allRules`). Their behaviour is also tested through whole
 * policies (keys.test.ts, reserved-names.test.ts, malformed-ir.test.ts); here each is called directly.
 *
 * Input: hand-built events, names and IR fragments. Output: assertions on whole values.
 */
import { describe, expect, it } from 'vitest';
import type { NormalizedEvent } from '../../runtime/case.ts';
import { allRules, type PolicyIR } from '../../runtime/ir.ts';
import { keyOf, matchedByText, sameKey } from '../../runtime/keys.ts';
import { MalformedIrError } from '../../runtime/malformed-ir.ts';
import { isReservedName } from '../../runtime/names.ts';

function event(attributes: Record<string, string | number | boolean>): NormalizedEvent {
  return { type: 'request', date: 20_000 as NormalizedEvent['date'], index: 0, attributes };
}

describe('keys', () => {
  it('pairs events by the key value, a missing value being a value of its own', () => {
    const a1 = event({ ref: 'a', n: 1 });
    const a2 = event({ ref: 'a', n: 2 });
    const b = event({ ref: 'b', n: 1 });
    const none = event({ n: 1 });
    const none2 = event({ n: 3 });
    expect(keyOf(a1, 'ref')).toBe('a');
    expect(keyOf(none, 'ref')).toBeUndefined();
    expect(keyOf(a1, undefined)).toBeUndefined();
    expect(sameKey(a1, a2, 'ref')).toBe(true);
    expect(sameKey(a1, b, 'ref')).toBe(false);
    expect(sameKey(a1, none, 'ref')).toBe(false);
    expect(sameKey(none, none2, 'ref')).toBe(true);
    expect(sameKey(a1, b, undefined)).toBe(true);
    expect(sameKey(a1, b, 'n')).toBe(true);
    expect(sameKey(a1, a2, 'n')).toBe(false);
    // Without a key nothing is read, not even an attribute that happens to be called `undefined`.
    const odd1 = event({ undefined: 'x' });
    const odd2 = event({ undefined: 'y' });
    expect(keyOf(odd1, undefined)).toBeUndefined();
    expect(sameKey(odd1, odd2, undefined)).toBe(true);
    expect(sameKey(odd1, odd2, 'undefined')).toBe(false);
    expect(matchedByText('ref')).toBe(' matched by ref');
    expect(matchedByText(undefined)).toBe('');
  });
});

describe('names', () => {
  it('refuses the names of Object.prototype, and nothing else', () => {
    for (const name of ['__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__']) expect(isReservedName(name), name).toBe(true);
    for (const name of ['proto', 'Constructor', 'to_string', 'legal_status', '']) expect(isReservedName(name), name).toBe(false);
  });
});

describe('MalformedIrError', () => {
  it('says the IR is malformed, and what is wrong', () => {
    const error = new MalformedIrError('rule `r` has no anchor');
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toBe('malformed IR: rule `r` has no anchor');
    expect(error.name).toBe('MalformedIrError');
    expect(String(error)).toBe('MalformedIrError: malformed IR: rule `r` has no anchor');
  });
});

describe('allRules', () => {
  it('lists every rule, list by list in the order of PolicyIR, with or without duties', () => {
    const rule = (id: string): { id: string } => ({ id });
    const lists = {
      rules: [rule('deadline'), rule('cycle')],
      approvals: [rule('approval')],
      limits: [rule('limit')],
      constraints: [rule('constraint')],
      orders: [rule('order')],
      ladders: [rule('ladder')],
      criteria: [rule('criteria')],
    };
    const ir = { ...lists, duties: [rule('duty')] } as unknown as PolicyIR;
    expect(allRules(ir).map((r) => r.id)).toEqual(['deadline', 'cycle', 'approval', 'limit', 'constraint', 'order', 'ladder', 'criteria', 'duty']);
    const withoutDuties = lists as unknown as PolicyIR;
    expect(allRules(withoutDuties).map((r) => r.id)).toEqual(['deadline', 'cycle', 'approval', 'limit', 'constraint', 'order', 'ladder', 'criteria']);
  });
});
