/**
 * Policy text that a test needs compiled, and whose failure to compile is a broken fixture, not the
 * thing under test: `compiledIr` gives its IR (`compileToIr`), `compiledPolicy` the policy prepared
 * for evaluation (`compile`). A test that asserts on the diagnostics, or whose subject is the
 * compilation itself, calls the compiler instead.
 *
 * Input: the policy text and the options the compiler takes (`uri`, `host`; for `compiledPolicy` also
 * the preparation's, e.g. `explanations: false`). Output: the IR or the prepared policy; when the
 * text does not compile, an Error naming the policy (its `uri`) and listing every error diagnostic
 * as `uri:line:column code message`, which fails the test with the reason in its message.
 */
import { compile, compileToIr, type CompileOptions, type Diagnostic } from '../../compiler/index.ts';
import type { CompiledPolicy, PolicyIR, PrepareOptions } from '../../runtime/index.ts';

/** The IR of `text`; throws when it does not compile (above). */
export function compiledIr(text: string, options: CompileOptions = {}): PolicyIR {
  const { ir, diagnostics } = compileToIr(text, options);
  if (ir === undefined) throw new Error(failure(options.uri, diagnostics));
  return ir;
}

/** `text` compiled and prepared for evaluation (its IR is `.ir`); throws when it does not compile (above). */
export function compiledPolicy(text: string, options: CompileOptions & PrepareOptions = {}): CompiledPolicy {
  const { policy, diagnostics } = compile(text, options);
  if (policy === undefined) throw new Error(failure(options.uri, diagnostics));
  return policy;
}

/** The message of the Error: what did not compile, then each error diagnostic on a line of its own. */
function failure(uri: string | undefined, diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  const lines = errors.map((d) => `  ${d.uri}:${d.range.startLine}:${d.range.startColumn} ${d.code} ${d.message}`);
  const what = uri === undefined ? 'the policy text (no uri given)' : uri;
  return [`${what} does not compile (${errors.length === 0 ? 'no error diagnostic' : `${errors.length} error${errors.length === 1 ? '' : 's'}`}):`, ...lines].join('\n');
}
