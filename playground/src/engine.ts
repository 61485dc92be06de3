/**
 * What the worker does with one request: compile the policy (or take it from the cache), parse the
 * case JSON, evaluate it on the as-of date, and describe the outcome; or lay out a policy text.
 *
 * Input: a `CompilerHost` (the in-memory host over the bundled policies), then many `CheckRequest`s
 * (whose `overlay` of edited policy texts replaces bundled ones for `extends`) and `FormatRequest`s.
 * Output: one `CheckResponse` per check (diagnostics, summary, the symbol table of every visible name
 * with its declaration, the outcome), which `diagnose` can precede with the diagnostics alone (the
 * compiler is fast; preparing the policy for evaluation, case validator included, costs more) and one `FormatResponse` per format. Never throws: a compiler
 * or runtime exception becomes `internalError`, so the page always hears back.
 *
 * INVARIANT: compile once, evaluate many: a policy text (with its uri) is compiled once and kept in a
 * small most-recently-used cache, so editing only the case or the as-of date never recompiles; the
 * policies it extends are compiled once per set of texts the host serves (`CompileOptions.parents`),
 * so editing a child never recompiles its parents. Every response counts the compilations so far
 * (`compiles`: texts, and parents).
 * INVARIANT: a new text whose IR is the same as a recent one's (a keystroke in a comment, most
 * edits of titles' layout) reuses that one's prepared policy and case schema: preparing (the case
 * validator included) depends on the IR alone (`preparedFor`; `prepares()` counts the preparations).
 * INVARIANT: no DOM and no worker globals: runs the same in the worker and in the Node tests.
 */
import { compileToIr, formatPolicy, locateJson, rangeOfPath, type CompileResult, type ParentCache } from '../../compiler/index.ts';
import type { CompilerHost } from '../../compiler/index.ts';
import { authorKeys, caseError, MAX_CASE_ERRORS, preparePolicy, repeatedKeyPlaces, type CaseError, type CompiledPolicy } from '../../runtime/index.ts';
import { adviseCase, editorCaseSchema } from './case-schema.ts';
import { createMemoryHost, policyEntry, type MemoryHost } from './host.ts';
import type { CaseMark, CaseOutcome, CheckRequest, CheckResponse, CompileCounts, DiagnosticsResponse, FormatRequest, FormatResponse, PolicySummary, PolicySymbol, SymbolTable } from './protocol.ts';

/** How many compiled policies are kept (a few, so that switching between policies is instant). */
export const COMPILE_CACHE_SIZE = 8;

export interface Engine {
  check(request: CheckRequest): CheckResponse;
  /** The first half of a check: compile only (no evaluation), for diagnostics as soon as possible. */
  diagnose(request: CheckRequest): DiagnosticsResponse;
  format(request: FormatRequest): FormatResponse;
  /** Compiles a text (cached like `check`); for the simulation. */
  compiled(text: string, uri: string, overlay?: Readonly<Record<string, string>>): Compiled;
  /** How many policy texts and parents this engine has compiled so far. */
  compiles(): CompileCounts;
  /** How many times a policy was prepared for evaluation (an IR seen recently is not prepared again). */
  prepares(): number;
}

/** What one compilation gives: the compiler's result, the policy ready to evaluate, and summaries. */
export interface Compiled {
  readonly result: CompileResult;
  /** The policy ready to evaluate (prepared on first use: preparing costs more than compiling). */
  policy(): CompiledPolicy | undefined;
  /** Whether `policy()` has prepared the policy already. */
  isPrepared(): boolean;
  /** The case editor's schema of the policy (made with the prepared policy, and shared with texts of the same IR). */
  caseSchema(): ReturnType<typeof editorCaseSchema> | undefined;
  readonly summary: PolicySummary | undefined;
  readonly symbols: SymbolTable | undefined;
  /** How many extended policies were compiled (not reused) to compile this text. */
  readonly parentsCompiled: number;
}

function now(): number {
  return typeof performance === 'undefined' ? Date.now() : performance.now();
}

function describeException(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

function summarise(result: CompileResult): PolicySummary | undefined {
  const ir = result.ir;
  if (ir === undefined) return undefined;
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

type Resolved = NonNullable<CompileResult['resolved']>;

/** Every role, event, fact and rule visible in a resolved policy, with where each is declared. */
export function symbolTable(resolved: Resolved): SymbolTable {
  const symbols: PolicySymbol[] = [];
  const base = (located: { uri: string; policy: string; own: boolean }): Pick<PolicySymbol, 'uri' | 'policy' | 'own'> => ({
    uri: located.uri,
    policy: located.policy,
    own: located.own,
  });
  for (const [name, l] of resolved.roles) {
    symbols.push({ name, kind: 'role', ...base(l), range: l.decl.name.range, ...(l.decl.title !== undefined ? { title: l.decl.title.value } : {}) });
  }
  for (const [name, l] of resolved.events) {
    symbols.push({
      name,
      kind: 'event',
      ...base(l),
      range: l.decl.name.range,
      ...(l.decl.title !== undefined ? { title: l.decl.title.value } : {}),
      attributes: l.decl.attributes.map((a) => a.name.text),
    });
  }
  for (const [name, l] of resolved.facts) {
    const type = l.decl.type;
    symbols.push({
      name,
      kind: 'fact',
      ...base(l),
      range: l.decl.name.range,
      ...(l.decl.title !== undefined ? { title: l.decl.title.value } : {}),
      ...(type.kind === 'EnumType' ? { values: type.values.map((v) => v.text) } : {}),
    });
  }
  for (const [name, l] of resolved.rules) {
    symbols.push({
      name,
      kind: 'rule',
      ruleKind: l.decl.ruleKind,
      ...base(l),
      range: l.decl.name.range,
      ...(l.decl.title !== undefined ? { title: l.decl.title.value } : {}),
    });
  }
  return { policyId: resolved.id, uri: resolved.uri, ancestors: [...resolved.ancestors], symbols };
}

/** The key of an overlay, for the cache: the edited texts of every policy but `uri` itself. */
function overlayKey(overlay: Readonly<Record<string, string>> | undefined, uri: string): string {
  if (overlay === undefined) return '';
  return Object.keys(overlay)
    .filter((k) => k !== uri)
    .sort()
    .map((k) => `${k}\u0001${overlay[k] ?? ''}`)
    .join('\u0002');
}

/**
 * Parses the case text; a syntax error becomes a case error at the root (`$`), and so does each
 * property name that repeats an earlier one of its object (`case/duplicate-key`, from the runtime's
 * `repeatedKeyPlaces`, as the CLI and the example service refuse them): JSON.parse would keep the last value silently. The message gives the place, never
 * the name (it may be case data).
 */
export function parseCaseJson(text: string): { ok: true; value: unknown } | { ok: false; errors: CaseError[] } {
  if (text.trim() === '') return { ok: false, errors: [caseError('case/empty-input', [], {})] };
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, errors: [caseError('case/not-json', [], {}, { value: detail })] };
  }
  const repeats = repeatedKeyPlaces(text, MAX_CASE_ERRORS);
  if (repeats.places.length === 0) return { ok: true, value };
  const errors: CaseError[] = repeats.places.map((place) => caseError('case/duplicate-key', [], place));
  if (repeats.more > 0) errors.push(caseError('case/too-many-errors', [], { more: repeats.more, limit: MAX_CASE_ERRORS }));
  return { ok: false, errors };
}

/** How many prepared policies are kept by their IR (a text typed in a comment has the IR of the text before). */
export const PREPARED_CACHE_SIZE = 4;

/** How many hosts (one per distinct overlay of edited texts) keep their compiled parents. */
export const HOST_CACHE_SIZE = 4;
/** How many ids of a policy being edited keep their compiled parents, per host (an id typed letter by letter is many ids). */
const PARENT_ROOTS = 8;

/** A host over the bundled texts with an overlay, and the parents compiled through it (`CompileOptions.parents`). */
interface HostState {
  readonly host: CompilerHost;
  readonly parents: ParentCache;
}

/**
 * The engine. `base` serves the bundled policies; a request's `overlay` replaces some of their texts
 * (and adds policies that are not bundled, such as the example local policy).
 *
 * Parents are cached per host: a policy's parents (the statutory policy under Bristol's) are
 * compiled once per set of texts the host serves, not once per keystroke in the child. The host
 * counts the parents it hands to the compiler (`compiles().parents`), which is how a test sees that
 * an edit to a child did not recompile its parent.
 */
export function createEngine(base: CompilerHost & Partial<Pick<MemoryHost, 'entries'>>, cacheSize: number = COMPILE_CACHE_SIZE): Engine {
  /** Key: uri, NUL, text, NUL, overlay key. Map order is recency order (oldest first). */
  const cache = new Map<string, Compiled>();
  /** Prepared policies and their editor case schemas by the JSON of their IR (plain JSON by its contract, runtime/ir.ts), most recently used last. */
  const prepared = new Map<string, { readonly policy: CompiledPolicy; readonly schema: ReturnType<typeof editorCaseSchema> }>();
  let preparations = 0;
  const preparedFor = (ir: NonNullable<CompileResult['ir']>): { readonly policy: CompiledPolicy; readonly schema: ReturnType<typeof editorCaseSchema> } => {
    const key = JSON.stringify(ir);
    let hit = prepared.get(key);
    if (hit === undefined) {
      preparations++;
      hit = { policy: preparePolicy(ir), schema: editorCaseSchema(ir) };
    } else prepared.delete(key);
    prepared.set(key, hit);
    while (prepared.size > PREPARED_CACHE_SIZE) {
      const oldest = prepared.keys().next();
      if (oldest.done === true) break;
      prepared.delete(oldest.value);
    }
    return hit;
  };
  const counts = { policies: 0, parents: 0 };
  const countsFor = (compiled: Compiled | undefined): CompileCounts => ({ ...counts, parentsOfThisText: compiled?.parentsCompiled ?? 0 });
  /** Every policy the compiler is handed through a host is a parent being compiled: count it. */
  const counting = (host: CompilerHost): CompilerHost => ({
    findPolicy: (id, fromUri) => {
      const found = host.findPolicy(id, fromUri);
      if (found !== undefined) counts.parents++;
      return found;
    },
    ...(host.knownPolicies !== undefined ? { knownPolicies: () => host.knownPolicies?.() ?? [] } : {}),
  });
  /** Hosts by overlay key ('' for the bundled texts alone), most recently used last. */
  /** The compiled policy whose diagnostics `diagnose` last answered with. */
  let lastDiagnosed: Compiled | undefined;
  const hosts = new Map<string, HostState>([['', { host: counting(base), parents: new Map() }]]);

  const hostFor = (overlay: Readonly<Record<string, string>> | undefined): HostState => {
    const key = base.entries === undefined ? '' : overlayKey(overlay, '');
    let state = hosts.get(key);
    if (state === undefined) {
      const entries = (base.entries ?? []).map((e) => (overlay?.[e.uri] !== undefined ? policyEntry(e.uri, overlay[e.uri] ?? e.text) : e));
      for (const [uri, text] of Object.entries(overlay ?? {})) if (!entries.some((e) => e.uri === uri)) entries.push(policyEntry(uri, text));
      state = { host: counting(createMemoryHost(entries)), parents: new Map() };
    } else hosts.delete(key);
    hosts.set(key, state);
    while (hosts.size > HOST_CACHE_SIZE) {
      const oldest = [...hosts.keys()].find((k) => k !== '');
      if (oldest === undefined) break;
      hosts.delete(oldest);
    }
    return state;
  };

  const compileCached = (text: string, uri: string, overlay: Readonly<Record<string, string>> | undefined): { compiled: Compiled; cached: boolean; ms: number } => {
    const key = `${uri}\u0000${text}\u0000${overlayKey(overlay, uri)}`;
    const hit = cache.get(key);
    if (hit !== undefined) {
      cache.delete(key);
      cache.set(key, hit);
      return { compiled: hit, cached: true, ms: 0 };
    }
    const start = now();
    const state = hostFor(overlay);
    counts.policies++;
    const parentsBefore = counts.parents;
    const result = compileToIr(text, { uri, host: state.host, parents: state.parents });
    // The ids of a policy whose name is being typed: keep the parents of the last few only.
    while (state.parents.size > PARENT_ROOTS) {
      const oldest = state.parents.keys().next();
      if (oldest.done === true) break;
      state.parents.delete(oldest.value);
    }
    let ready: { readonly policy: CompiledPolicy; readonly schema: ReturnType<typeof editorCaseSchema> } | undefined;
    const compiled: Compiled = {
      result,
      policy: () => {
        if (ready === undefined && result.ir !== undefined) ready = preparedFor(result.ir);
        return ready?.policy;
      },
      caseSchema: () => {
        compiled.policy();
        return ready?.schema;
      },
      isPrepared: () => ready !== undefined,
      summary: summarise(result),
      symbols: result.resolved === undefined ? undefined : symbolTable(result.resolved),
      parentsCompiled: counts.parents - parentsBefore,
    };
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
    compiled: (text, uri, overlay) => compileCached(text, uri, overlay).compiled,
    compiles: () => countsFor(undefined),
    prepares: () => preparations,
    format(request: FormatRequest): FormatResponse {
      try {
        const formatted = formatPolicy(request.text, request.uri);
        if (formatted.text !== undefined) return { kind: 'format', requestId: request.requestId, text: formatted.text };
        return { kind: 'format', requestId: request.requestId, error: 'the policy has syntax errors, so it was not formatted' };
      } catch (error) {
        return { kind: 'format', requestId: request.requestId, error: describeException(error) };
      }
    },
    diagnose(request: CheckRequest): DiagnosticsResponse {
      try {
        const c = compileCached(request.policyText, request.uri, request.overlay);
        // The same compiled policy as the previous answer (an edit of the case or the date): say so, and
        // send neither its diagnostics nor its symbols again (the page keeps what it has).
        const unchanged = c.compiled === lastDiagnosed;
        lastDiagnosed = c.compiled;
        if (unchanged) return { kind: 'diagnostics', requestId: request.requestId, diagnostics: [], unchanged: true, compileMs: 0, compiles: countsFor(c.compiled) };
        const symbols = c.compiled.symbols;
        return { kind: 'diagnostics', requestId: request.requestId, diagnostics: c.compiled.result.diagnostics, ...(symbols !== undefined ? { symbols } : {}), compileMs: c.ms, compiles: countsFor(c.compiled) };
      } catch {
        lastDiagnosed = undefined;
        // The full check reports the exception.
        return { kind: 'diagnostics', requestId: request.requestId, diagnostics: [], compileMs: 0, compiles: countsFor(undefined) };
      }
    },
    check(request: CheckRequest): CheckResponse {
      const started = now();
      let compileMs = 0;
      let evaluateMs = 0;
      let cached = false;
      let diagnostics: CheckResponse['diagnostics'] = [];
      let summary: PolicySummary | undefined;
      let symbols: SymbolTable | undefined;
      let compiled: Compiled | undefined;
      try {
        const c = compileCached(request.policyText, request.uri, request.overlay);
        compiled = c.compiled;
        compileMs = c.ms;
        cached = c.cached;
        diagnostics = c.compiled.result.diagnostics;
        summary = c.compiled.summary;
        symbols = c.compiled.symbols;
        // Compiled by `diagnose` a moment ago, perhaps, but not prepared yet: that is not a cache hit.
        const fresh = !c.compiled.isPrepared() && c.compiled.result.ir !== undefined;
        const prepareStart = now();
        const policy = c.compiled.policy();
        if (fresh) {
          compileMs += now() - prepareStart;
          cached = false;
        }
        let outcome: CaseOutcome;
        if (policy === undefined) {
          const errors = diagnostics.filter((d) => d.severity === 'error').length;
          outcome = { kind: 'not_evaluated', reason: `the policy has ${errors} error${errors === 1 ? '' : 's'}, so the case was not evaluated` };
        } else {
          const parsed = parseCaseJson(request.caseJson);
          if (!parsed.ok) outcome = { kind: 'invalid', errors: parsed.errors, marks: caseMarks(request.caseJson, parsed.errors) };
          else {
            const start = now();
            const evaluation = policy.evaluate(parsed.value, request.asOf);
            evaluateMs = now() - start;
            outcome = evaluation.ok ? { kind: 'evaluated', result: evaluation.result } : { kind: 'invalid', errors: evaluation.errors, marks: caseMarks(request.caseJson, evaluation.errors) };
          }
        }
        // The case editor's schema, a "did you mean" on misspelt names, and events before the child's birth.
        const advice = adviseCase(request.caseJson, outcome);
        const ir = c.compiled.result.ir;
        return {
          requestId: request.requestId,
          diagnostics,
          ...(summary !== undefined ? { policy: summary } : {}),
          ...(symbols !== undefined ? { symbols } : {}),
          outcome: advice.outcome,
          ...(ir !== undefined ? { caseSchema: c.compiled.caseSchema() ?? editorCaseSchema(ir) } : {}),
          ...(advice.warnings.length > 0 ? { caseWarnings: advice.warnings } : {}),
          timing: { compileMs, evaluateMs, cached, totalMs: now() - started },
          compiles: countsFor(compiled),
          prepared: preparations,
        };
      } catch (error) {
        return {
          requestId: request.requestId,
          diagnostics,
          ...(summary !== undefined ? { policy: summary } : {}),
          ...(symbols !== undefined ? { symbols } : {}),
          outcome: { kind: 'not_evaluated', reason: 'an internal error stopped the check' },
          internalError: describeException(error),
          timing: { compileMs, evaluateMs, cached },
          compiles: countsFor(compiled),
        };
      }
    },
  };
}

/**
 * Where each case error goes in the case's text: its path's span (`rangeOfPath`), else the syntax
 * error's offset, else the first character; a `$` error of text that is not JSON also says why.
 */
export function caseMarks(text: string, errors: readonly CaseError[]): CaseMark[] {
  const located = locateJson(text);
  return errors.map((e) => {
    let span = rangeOfPath(located, authorKeys(e));
    if (span === undefined && !located.ok) span = { start: located.error.offset, end: located.error.offset + 1 };
    const range = span === undefined ? { start: 0, end: 1 } : span;
    const message = !located.ok && e.path === '$' ? `${e.message} (${located.error.message})` : e.message;
    return { start: range.start, end: range.end, message };
  });
}
