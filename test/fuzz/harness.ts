/**
 * The fuzz harness: builds input number `i` of a seeded run, runs it through every entry point, and
 * returns what went wrong (findings), if anything.
 *
 * Input: the repository's corpus (every policy under policies/ and every golden case under
 * test/cases/), the base policies compiled, their tests' cases as seeds, and optionally one emitted
 * module per base policy (`EvaluateModule`). Output: `FuzzOutcome` per input: its size, its time,
 * and its findings:
 * - `exception`: something threw out of `compile`, `formatPolicy`, `evaluate` (interpreter) or the
 *   emitted module's `evaluate`, all documented never to throw on bad input;
 * - `range`: a diagnostic (or a related location) whose range is not inside the file its `uri`
 *   names (offsets, lines and columns), or names a file that was never read;
 * - `privacy`: a case error's or notice's message, path, params or log form holds the canary
 *   planted in the case (the canary is in every hostile value the case mutator plants);
 * - `slow`: the input took more CPU time than `timeBound(size)` (checked only when a bound is given:
 *   the campaign, never `npm test`). CPU time (`process.cpuUsage`), not the clock: on a machine
 *   shared with other work the clock also counts the time the process waited for a core.
 *
 * INVARIANT: input `i` of seed `s` depends only on (s, i) (`createRandom(hashSeed(s), i)`), so any
 * finding reproduces from its seed and index alone; the harness writes nothing.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { filesBelow } from '../../cli/files-below.ts';
import { compile, formatPolicy, parseTestsFile } from '../../compiler/index.ts';
import type { CompilerHost, Diagnostic, SourceRange } from '../../compiler/index.ts';
import { renderForLog, type CaseError, type CompiledPolicy, type Notice, type PolicyIR } from '../../runtime/index.ts';
import { createRandom, hashSeed, type Random } from '../../simulation/index.ts';
import { buildCorpus, mutateAsOf, mutateCase, mutatePolicy, type PolicyCorpus } from './mutate.ts';
import { compiledPolicy } from '../support/compiled.ts';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Planted in every hostile value of a mutated case; must never come back in a message. */
export const CANARY = 'Qx9canaryJaneDoe';

/** The `evaluate` of an emitted module (or anything with its contract). */
export type EvaluateModule = (input: unknown, asOf: string) => { ok: boolean; errors?: unknown; result?: unknown };

export interface BasePolicy {
  /** Relative to the repository root. */
  readonly file: string;
  readonly text: string;
  readonly ir: PolicyIR;
  readonly policy: CompiledPolicy;
  /** Seed cases: its tests' cases and as-of dates. */
  readonly seeds: readonly { readonly case: unknown; readonly asOf: string }[];
  module?: EvaluateModule;
}

export interface FuzzTargets {
  readonly corpus: PolicyCorpus;
  /** Every corpus file by its uri (relative path): the host's files. */
  readonly files: ReadonlyMap<string, string>;
  readonly host: CompilerHost;
  readonly bases: readonly BasePolicy[];
}

export type FindingKind = 'exception' | 'range' | 'privacy' | 'slow';
export type EntryPoint = 'compile' | 'format' | 'evaluate' | 'module';

export interface Finding {
  readonly kind: FindingKind;
  readonly where: EntryPoint;
  /** What happened (an exception's message and first stack frame; a bad range; the time). */
  readonly detail: string;
}

export type FuzzInput =
  | { readonly kind: 'policy'; readonly text: string; readonly caseInput?: unknown; readonly asOf?: string }
  | { readonly kind: 'case'; readonly policy: string; readonly caseInput: unknown; readonly asOf: string };

export interface FuzzOutcome {
  readonly input: FuzzInput;
  /** Characters of policy text, or of the case's JSON. */
  readonly size: number;
  /** Wall-clock time. */
  readonly ms: number;
  /** CPU time of this process (user and system) while the input ran. */
  readonly cpuMs: number;
  readonly findings: readonly Finding[];
}

const POLICY_LINE = /^\s*policy\s+([A-Za-z_][\w.]*)/m;

/** Reads the corpus and compiles the base policies (every policy under policies/). */
export function loadTargets(): FuzzTargets {
  const policyFiles = filesBelow(join(ROOT, 'policies'), '.pdl').sort();
  const caseFiles = filesBelow(join(ROOT, 'test/cases'), '.pdl').sort();
  const files = new Map<string, string>();
  const byId = new Map<string, string>();
  for (const path of [...policyFiles, ...caseFiles]) {
    const uri = relative(ROOT, path).split('\\').join('/');
    const text = readFileSync(path, 'utf8');
    files.set(uri, text);
    const id = POLICY_LINE.exec(text)?.[1];
    if (id !== undefined && !byId.has(id)) byId.set(id, uri);
  }
  const host: CompilerHost = {
    findPolicy: (id) => {
      const uri = byId.get(id);
      return uri === undefined ? undefined : { uri, text: files.get(uri)! };
    },
  };
  const tests = filesBelow(join(ROOT, 'policies'), '.tests.yaml').map((f) => parseTestsFile(readFileSync(f, 'utf8')).file);
  const bases: BasePolicy[] = [];
  for (const path of policyFiles) {
    const file = relative(ROOT, path).split('\\').join('/');
    const text = files.get(file)!;
    const policy = compiledPolicy(text, { uri: file, host });
    const name = file.split('/').pop()!;
    const seeds = tests
      .filter((t) => t !== undefined && t.policy === name)
      .flatMap((t) => t!.tests.map((test) => ({ case: test.case as unknown, asOf: test.asOf })));
    bases.push({ file, text, ir: policy.ir, policy, seeds: seeds.length > 0 ? seeds : [{ case: { id: 'c', child: { dob: '2015-01-01' }, facts: {}, events: [] }, asOf: '2025-06-01' }] });
  }
  return { corpus: buildCorpus([...files.values()]), files, host, bases };
}

/**
 * Imports an emitted module's JavaScript with its runtime import pointed at this tree's
 * runtime/index.ts (or `runtimeUrl`: the same sources bundled, for the campaign run by plain node),
 * written under `dir`: what is checked is this tree's runtime, whatever `@pdl/runtime` resolves to
 * here (node_modules may be shared with another checkout).
 */
export async function importEmitted(js: string, dir: string, baseName: string, runtimeUrl?: string): Promise<EvaluateModule> {
  const runtime = runtimeUrl ?? pathToFileURL(join(ROOT, 'runtime/index.ts')).href;
  const text = js.replace(/from\s*["']@pdl\/runtime["']/g, `from ${JSON.stringify(runtime)}`);
  if (text === js) throw new Error(`${baseName}: the module does not import @pdl/runtime`);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${baseName}.mjs`);
  writeFileSync(file, text);
  const module = (await import(/* @vite-ignore */ pathToFileURL(file).href)) as { evaluate: EvaluateModule };
  return module.evaluate;
}

/** Input `index` of the run seeded `seed`. */
export function makeInput(targets: FuzzTargets, seed: string | number, index: number): FuzzInput {
  const r: Random = createRandom(hashSeed(seed), index);
  const base = r.pick(targets.bases);
  const seedCase = r.pick(base.seeds);
  if (r.chance(0.6)) {
    const text = mutatePolicy(r, targets.corpus);
    if (r.chance(0.5)) return { kind: 'policy', text, caseInput: mutateCase(r, seedCase.case, CANARY), asOf: seedCase.asOf };
    return { kind: 'policy', text };
  }
  return { kind: 'case', policy: base.file, caseInput: mutateCase(r, seedCase.case, CANARY), asOf: mutateAsOf(r, seedCase.asOf, CANARY) };
}

function describeError(error: unknown): string {
  if (error instanceof Error) {
    const frame = (error.stack ?? '').split('\n').find((l) => l.trim().startsWith('at ')) ?? '';
    return `${error.name}: ${error.message.slice(0, 300)} ${frame.trim()}`;
  }
  return `thrown: ${String(error).slice(0, 300)}`;
}

/** Where each line starts, for checking lines and columns. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

/** Why `range` does not lie inside `text`, or undefined when it does. */
export function rangeProblem(range: SourceRange, text: string, starts: readonly number[] = lineStarts(text)): string | undefined {
  const { start, end, startLine, startColumn, endLine, endColumn } = range;
  const ints = [start, end, startLine, startColumn, endLine, endColumn].every((n) => Number.isInteger(n));
  if (!ints) return `non-integer range ${JSON.stringify(range)}`;
  if (start < 0 || start > end || end > text.length) return `offsets ${start}..${end} outside 0..${text.length}`;
  if (startLine < 1 || endLine < startLine || endLine > starts.length) return `lines ${startLine}..${endLine} outside 1..${starts.length}`;
  if (startColumn < 1 || endColumn < 1) return `columns ${startColumn}, ${endColumn} below 1`;
  const lineLength = (line: number): number => (line < starts.length ? starts[line]! - 1 : text.length) - starts[line - 1]!;
  // A column may point one past the line's last character (an empty range at the end of a line).
  if (startColumn > lineLength(startLine) + 2 || endColumn > lineLength(endLine) + 2) return `columns ${startColumn}, ${endColumn} beyond lines ${startLine}, ${endLine}`;
  return undefined;
}

function checkRanges(diagnostics: readonly Diagnostic[], uri: string, text: string, files: ReadonlyMap<string, string>, where: EntryPoint, out: Finding[]): void {
  const cache = new Map<string, number[]>();
  const check = (fileUri: string, range: SourceRange, code: string): void => {
    const fileText = fileUri === uri ? text : files.get(fileUri);
    if (fileText === undefined) {
      out.push({ kind: 'range', where, detail: `${code}: a range in \`${fileUri}\`, a file that was not read` });
      return;
    }
    let starts = cache.get(fileUri);
    if (starts === undefined) cache.set(fileUri, (starts = lineStarts(fileText)));
    const problem = rangeProblem(range, fileText, starts);
    if (problem !== undefined) out.push({ kind: 'range', where, detail: `${code} in ${fileUri === uri ? 'the input' : fileUri}: ${problem}` });
  };
  for (const d of diagnostics) {
    check(d.uri, d.range, d.code);
    for (const rel of d.related ?? []) check(rel.uri, rel.range, `${d.code} (related)`);
  }
}

/** The canary in anything a message-bearing item shows (its caseData apart: that is the case's data, kept apart by design). */
function checkPrivacy(items: readonly unknown[], where: EntryPoint, out: Finding[]): void {
  for (const item of items) {
    if (item === null || typeof item !== 'object') continue;
    const { caseData: _kept, ...shown } = item as Record<string, unknown>;
    let log = '';
    try {
      log = renderForLog(item as CaseError | Notice);
    } catch (error) {
      out.push({ kind: 'exception', where, detail: `renderForLog: ${describeError(error)}` });
    }
    const text = `${JSON.stringify(shown)}\n${log}`;
    if (text.includes(CANARY)) out.push({ kind: 'privacy', where, detail: `${String(shown['code'])} shows the case's data` });
  }
}

function runEvaluate(where: EntryPoint, run: () => { ok: boolean; errors?: unknown; result?: unknown }, out: Finding[]): void {
  let outcome: { ok: boolean; errors?: unknown; result?: unknown };
  try {
    outcome = run();
  } catch (error) {
    out.push({ kind: 'exception', where, detail: describeError(error) });
    return;
  }
  if (outcome === null || typeof outcome !== 'object' || typeof outcome.ok !== 'boolean') {
    out.push({ kind: 'exception', where, detail: 'evaluate returned no outcome' });
    return;
  }
  if (!outcome.ok) checkPrivacy(Array.isArray(outcome.errors) ? outcome.errors : [], where, out);
  else {
    const notices = (outcome.result as { notices?: unknown } | undefined)?.notices;
    checkPrivacy(Array.isArray(notices) ? notices : [], where, out);
  }
}

export interface RunOptions {
  /** The most milliseconds an input of `size` characters may take; none: time is not checked. */
  readonly timeBound?: (size: number) => number;
}

/** Runs one input through every entry point that applies. */
export function runInput(targets: FuzzTargets, input: FuzzInput, options: RunOptions = {}): FuzzOutcome {
  const findings: Finding[] = [];
  // The size first, outside the time measured: serialising a case nested thousands deep costs up to a
  // second by itself (seed 7, input 251377: 980 ms of the 1,076 once timed; its evaluation took 4 ms).
  const size = input.kind === 'policy' ? input.text.length : (JSON.stringify(input.caseInput)?.length ?? 0);
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  if (input.kind === 'policy') {
    const uri = 'fuzz.pdl';
    let policy: CompiledPolicy | undefined;
    try {
      const compiled = compile(input.text, { uri, host: targets.host });
      checkRanges(compiled.diagnostics, uri, input.text, targets.files, 'compile', findings);
      if (compiled.ir === undefined && !compiled.diagnostics.some((d) => d.severity === 'error')) {
        findings.push({ kind: 'exception', where: 'compile', detail: 'no IR and no error' });
      }
      policy = compiled.policy;
    } catch (error) {
      findings.push({ kind: 'exception', where: 'compile', detail: describeError(error) });
    }
    try {
      const formatted = formatPolicy(input.text, uri);
      checkRanges(formatted.diagnostics, uri, input.text, targets.files, 'format', findings);
    } catch (error) {
      findings.push({ kind: 'exception', where: 'format', detail: describeError(error) });
    }
    if (policy !== undefined && input.caseInput !== undefined && input.asOf !== undefined) {
      const p = policy;
      const c = input.caseInput;
      const asOf = input.asOf;
      runEvaluate('evaluate', () => p.evaluate(c, asOf), findings);
    }
  } else {
    const base = targets.bases.find((b) => b.file === input.policy)!;
    runEvaluate('evaluate', () => base.policy.evaluate(input.caseInput, input.asOf), findings);
    const module = base.module;
    if (module !== undefined) runEvaluate('module', () => module(input.caseInput, input.asOf), findings);
  }
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpuStarted);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  if (options.timeBound !== undefined && cpuMs > options.timeBound(size)) {
    findings.push({ kind: 'slow', where: input.kind === 'policy' ? 'compile' : 'evaluate', detail: `${cpuMs.toFixed(0)} ms of CPU (${ms.toFixed(0)} ms by the clock) for ${size} characters (bound ${options.timeBound(size).toFixed(0)} ms)` });
  }
  return { input, size, ms, cpuMs, findings };
}

/** A finding's signature, for counting distinct causes: its kind, entry point and detail without numbers. */
export function signature(f: Finding): string {
  return `${f.kind} ${f.where} ${f.detail.replace(/\d+/g, 'N').replace(/`[^`]*`/g, '`…`').slice(0, 200)}`;
}
