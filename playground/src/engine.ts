/**
 * What the worker does with one request: compile the policy (or take it from the cache), parse the
 * case JSON, evaluate it on the as-of date, and describe the outcome.
 *
 * Input: a `CompilerHost` (the in-memory host over the bundled policies), then many `CheckRequest`s.
 * Output: one `CheckResponse` per request. Never throws: a compiler or runtime exception becomes
 * `internalError`, so the page always hears back.
 *
 * INVARIANT: compile once, evaluate many: a policy text (with its uri) is compiled once and kept in a
 * small most-recently-used cache, so editing only the case or the as-of date never recompiles.
 * INVARIANT: no DOM and no worker globals: runs the same in the worker and in the Node tests.
 */
import { compile, type Compilation } from '../../compiler/index.ts';
import type { CompilerHost } from '../../compiler/index.ts';
import type { CaseError } from '../../runtime/index.ts';
import type { CaseOutcome, CheckRequest, CheckResponse, PolicySummary } from './protocol.ts';

/** How many compiled policies are kept (a few, so that switching between policies is instant). */
export const COMPILE_CACHE_SIZE = 8;

export interface Engine {
  check(request: CheckRequest): CheckResponse;
}

interface Compiled {
  readonly compilation: Compilation;
  readonly summary: PolicySummary | undefined;
}

function now(): number {
  return typeof performance === 'undefined' ? Date.now() : performance.now();
}

function describeException(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

function summarise(compilation: Compilation): PolicySummary | undefined {
  const ir = compilation.ir;
  if (ir === undefined || compilation.policy === undefined) return undefined;
  const roles: Record<string, string> = {};
  for (const role of ir.roles) roles[role.name] = role.title;
  return {
    id: ir.id,
    title: ir.title,
    ...(ir.version !== undefined ? { version: ir.version } : {}),
    roles,
    ruleCount: ir.rules.length,
  };
}

/** Parses the case text; a syntax error becomes a case error at the root (`$`). */
export function parseCaseJson(text: string): { ok: true; value: unknown } | { ok: false; errors: CaseError[] } {
  if (text.trim() === '') return { ok: false, errors: [{ path: '$', message: 'the case is empty; paste or pick a sample case' }] };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, errors: [{ path: '$', message: `the case is not valid JSON: ${detail}` }] };
  }
}

export function createEngine(host: CompilerHost, cacheSize: number = COMPILE_CACHE_SIZE): Engine {
  /** Key: uri, NUL, text. Map order is recency order (oldest first). */
  const cache = new Map<string, Compiled>();

  const compileCached = (text: string, uri: string): { compiled: Compiled; cached: boolean; ms: number } => {
    const key = `${uri}\u0000${text}`;
    const hit = cache.get(key);
    if (hit !== undefined) {
      cache.delete(key);
      cache.set(key, hit);
      return { compiled: hit, cached: true, ms: 0 };
    }
    const start = now();
    const compilation = compile(text, { uri, host });
    const compiled: Compiled = { compilation, summary: summarise(compilation) };
    const ms = now() - start;
    cache.set(key, compiled);
    while (cache.size > cacheSize) {
      const oldest = cache.keys().next();
      if (oldest.done === true) break;
      cache.delete(oldest.value);
    }
    return { compiled, cached: false, ms };
  };

  return {
    check(request: CheckRequest): CheckResponse {
      let compileMs = 0;
      let evaluateMs = 0;
      let cached = false;
      let diagnostics: CheckResponse['diagnostics'] = [];
      let summary: PolicySummary | undefined;
      try {
        const c = compileCached(request.policyText, request.uri);
        compileMs = c.ms;
        cached = c.cached;
        diagnostics = c.compiled.compilation.diagnostics;
        summary = c.compiled.summary;
        const policy = c.compiled.compilation.policy;
        let outcome: CaseOutcome;
        if (policy === undefined) {
          const errors = diagnostics.filter((d) => d.severity === 'error').length;
          outcome = { kind: 'not_evaluated', reason: `the policy has ${errors} error${errors === 1 ? '' : 's'}, so the case was not evaluated` };
        } else {
          const parsed = parseCaseJson(request.caseJson);
          if (!parsed.ok) outcome = { kind: 'invalid', errors: parsed.errors };
          else {
            const start = now();
            const evaluation = policy.evaluate(parsed.value, request.asOf);
            evaluateMs = now() - start;
            outcome = evaluation.ok ? { kind: 'evaluated', result: evaluation.result } : { kind: 'invalid', errors: evaluation.errors };
          }
        }
        return {
          requestId: request.requestId,
          diagnostics,
          ...(summary !== undefined ? { policy: summary } : {}),
          outcome,
          timing: { compileMs, evaluateMs, cached },
        };
      } catch (error) {
        return {
          requestId: request.requestId,
          diagnostics,
          ...(summary !== undefined ? { policy: summary } : {}),
          outcome: { kind: 'not_evaluated', reason: 'an internal error stopped the check' },
          internalError: describeException(error),
          timing: { compileMs, evaluateMs, cached },
        };
      }
    },
  };
}
