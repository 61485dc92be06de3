/**
 * The error `preparePolicy` (and every compile step of the runtime) throws for an IR that breaks the
 * contract of `runtime/ir.ts`: something the checker should have rejected, so a bug in whatever
 * produced the IR, never a problem with a case. Its own module so that any runtime module can throw
 * it without importing the condition compiler.
 */

/** An IR that breaks the contract of `runtime/ir.ts` (the checker should have rejected it). */
export class MalformedIrError extends Error {
  /** @param message what is wrong, naming the rule. */
  constructor(message: string) {
    super(`malformed IR: ${message}`);
    this.name = 'MalformedIrError';
  }
}
