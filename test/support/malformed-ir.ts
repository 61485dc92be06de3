/**
 * Shared by the tests of malformed IR (IR the compiler never emits, hand-edited): `refusal(ir)` is
 * the message `preparePolicy` throws for it, which must be a `MalformedIrError` (an IR that is
 * accepted fails the test); `UNDECLARED_FACT` is a condition over a fact no test policy declares.
 */
import { expect } from 'vitest';
import { MalformedIrError, preparePolicy } from '../../runtime/index.ts';
import type { IrCondition, PolicyIR } from '../../runtime/index.ts';

/** A condition over a fact the policy does not declare (`nope`). */
export const UNDECLARED_FACT: IrCondition = { kind: 'compare', op: '=', left: { kind: 'fact', fact: 'nope' }, right: { kind: 'literal', value: true, type: 'boolean' }, text: 'nope is true' };

/** The message `preparePolicy` throws for the IR, which must be a `MalformedIrError`. */
export function refusal(ir: PolicyIR): string {
  try {
    preparePolicy(ir);
  } catch (e) {
    expect(e).toBeInstanceOf(MalformedIrError);
    return (e as Error).message;
  }
  throw new Error('the IR was accepted');
}
