/**
 * Test support for the emitted modules: compiles every policy in policies/, emits it with
 * `emitTypeScript` (as `pdl compile` does) into a scratch folder inside the repository (so the
 * module's `import ... from '@pdl/runtime'` resolves to packages/runtime/dist through the
 * workspace link node_modules/@pdl/runtime, as an installed package would), and random case inputs that fit a policy's
 * vocabulary.
 *
 * Input: policies/**\/*.pdl (and their .tests.yaml), or any policy file given. Output: `EmittedPolicy`
 * records, their imported modules (`emitAndLoad`) and both sides' outcomes for an input
 * (`bothOutcomes`; `expectSameOutcome` expects them equal); files under test-artifacts/emit-<pid>/ (gitignored), removed by `removeEmitted`.
 * Each policy is compiled and emitted once per test worker, however many test files ask for it
 * (`emitPolicy`); its files are written again on every request.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ensureLibBuilt } from '../support/ensure-lib-built.ts';
export { ensureLibBuilt };
import { createFileHost } from '../../cli/file-host.ts';
import { filesBelow } from '../../cli/files-below.ts';
import { emitTypeScript, type EmittedModule } from '../../compiler/emit/typescript.ts';
import { parseTestsFile, type PolicyTest } from '../../compiler/testing/policy-tests.ts';
import { formatPlainDate, parsePlainDate, type CompiledPolicy, type IrType, type PolicyIR } from '../../runtime/index.ts';
import { createRandom, hashSeed } from '../../simulation/index.ts';
import { expect } from 'vitest';
import { compiledPolicy } from '../support/compiled.ts';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const EMIT_DIR = join(ROOT, 'test-artifacts', `emit-${process.pid}-${Math.random().toString(36).slice(2, 8)}`);

export interface EmittedPolicy {
  /** The policy file, relative to the repository root. */
  readonly file: string;
  readonly baseName: string;
  readonly ir: PolicyIR;
  /** The interpreter: the policy compiled from source by compiler/index.ts. */
  readonly interpreter: CompiledPolicy;
  readonly emitted: EmittedModule;
  /** Where the four files were written. */
  readonly dir: string;
  /** The policy's YAML tests. */
  readonly tests: readonly PolicyTest[];
}

/** Every policy file in policies/, relative to the repository root. */
export function policyFiles(): string[] {
  return filesBelow(join(ROOT, 'policies'), '.pdl').map((p) => relative(ROOT, p).split('\\').join('/'));
}

/**
 * Every tests file in policies/, parsed: the policy it names (an absolute path) and its tests. Read
 * once per worker (see `emitPolicy`), not once per policy emitted.
 */
let testsFiles: { policy: string; tests: readonly PolicyTest[] }[] | undefined;

/** Every test of every tests file that names `policyFile`. */
function testsOf(policyFile: string): PolicyTest[] {
  testsFiles ??= filesBelow(join(ROOT, 'policies'), '.tests.yaml').map((tf) => {
    const parsed = parseTestsFile(readFileSync(tf, 'utf8'));
    if (parsed.file === undefined) throw new Error(`${tf}: ${JSON.stringify(parsed.errors)}`);
    return { policy: resolve(dirname(tf), parsed.file.policy), tests: parsed.file.tests };
  });
  return testsFiles.filter((t) => t.policy === resolve(ROOT, policyFile)).flatMap((t) => t.tests);
}

/**
 * What `emitPolicy` made of each policy file, by file. INVARIANT: a test worker keeps this module for
 * every test file it runs (vitest.config.ts: no isolation), so a policy that several test files
 * emit (statutory-reviews.pdl by five, every policy in policies/ by typescript.test.ts and
 * differential.test.ts) is compiled and emitted once per worker: emitting is most of the cost (it
 * prints the module through ts-morph). The policy files and the compiler do not change during a
 * run, and no test changes an `EmittedPolicy` (they compare and load it, nothing else).
 */
const emittedByFile = new Map<string, Omit<EmittedPolicy, 'dir'>>();

/** Compiles and emits one policy into `EMIT_DIR/<base name>/` (the files written again on every call). */
export function emitPolicy(file: string): EmittedPolicy {
  let made = emittedByFile.get(file);
  if (made === undefined) {
    const host = createFileHost([join(ROOT, 'policies')], ROOT);
    const policy = compiledPolicy(readFileSync(join(ROOT, file), 'utf8'), { uri: file, host });
    const baseName = basename(file, '.pdl');
    const emitted = emitTypeScript(policy.ir, { policyFile: file, baseName, pdlVersion: '0.0.0-test' });
    made = { file, baseName, ir: policy.ir, interpreter: policy, emitted, tests: testsOf(file) };
    emittedByFile.set(file, made);
  }
  const dir = join(EMIT_DIR, made.baseName);
  writeModule(dir, made.baseName, made.emitted);
  return { ...made, dir };
}

export function writeModule(dir: string, baseName: string, emitted: EmittedModule): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${baseName}.ts`), emitted.ts);
  writeFileSync(join(dir, `${baseName}.js`), emitted.js);
  writeFileSync(join(dir, `${baseName}.d.ts`), emitted.dts);
  writeFileSync(join(dir, `${baseName}.schema.json`), emitted.schema);
}

/** The emitted module's run-time surface, as the tests use it. */
export interface LoadedModule {
  readonly POLICY: Readonly<Record<string, string>>;
  readonly POLICY_IR: PolicyIR;
  readonly CASE_SCHEMA: unknown;
  validate(input: unknown): { ok: boolean; errors?: unknown };
  evaluate(input: unknown, asOf: string): { ok: true; result: unknown } | { ok: false; errors: unknown };
}

/** Imports an emitted module's JavaScript (plain Node ESM semantics: `@pdl/runtime` is packages/runtime/dist). */
export async function loadModule(dir: string, baseName: string): Promise<LoadedModule> {
  return (await import(/* @vite-ignore */ pathToFileURL(join(dir, `${baseName}.js`)).href)) as LoadedModule;
}

export function removeEmitted(): void {
  rmSync(EMIT_DIR, { recursive: true, force: true });
}

/** A policy emitted and its module imported: what the differential suites compare. */
export interface LoadedPolicy {
  readonly policy: EmittedPolicy;
  readonly module: LoadedModule;
}

/**
 * Builds the runtime package if stale, then emits each policy file and imports its module, keyed by
 * the file as given. Call from `beforeAll` (emitting takes seconds a policy).
 */
export async function emitAndLoad(files: readonly string[]): Promise<Map<string, LoadedPolicy>> {
  ensureLibBuilt();
  const loaded = new Map<string, LoadedPolicy>();
  for (const file of files) {
    const policy = emitPolicy(file);
    loaded.set(file, { policy, module: await loadModule(policy.dir, policy.baseName) });
  }
  return loaded;
}

/** Both sides' outcomes for one input, as JSON (what an embedding service would send): the module's, then the interpreter's. */
export function bothOutcomes(entry: LoadedPolicy, input: unknown, asOf: string): [unknown, unknown] {
  return [JSON.parse(JSON.stringify(entry.module.evaluate(input, asOf))), JSON.parse(JSON.stringify(entry.policy.interpreter.evaluate(input, asOf)))];
}

/**
 * Expects both sides' outcomes for one input to be the same as JSON: `bothOutcomes` compared with
 * `toEqual`, decided the same way but faster. The two JSON texts are compared first, and equal texts
 * are equal values; only texts that differ are parsed and compared with `toEqual` (which ignores the
 * order of keys, so a difference in order alone still passes, as before). With hundreds of cases a
 * policy, `toEqual` on every pair was a good part of the time. Returns the interpreter's outcome.
 */
export function expectSameOutcome(entry: LoadedPolicy, input: unknown, asOf: string, message: string): unknown {
  const emitted = JSON.stringify(entry.module.evaluate(input, asOf));
  const interpreted = entry.policy.interpreter.evaluate(input, asOf);
  const text = JSON.stringify(interpreted);
  if (emitted !== text) expect(JSON.parse(emitted), message).toEqual(JSON.parse(text));
  return interpreted;
}

// ---------------------------------------------------------------------------------------------
// Random cases from a policy's vocabulary

const DAY0 = parsePlainDate('2025-01-01') as number;

export function randomValue(type: IrType, roles: readonly string[], r: ReturnType<typeof createRandom>, near: number): unknown {
  switch (type.kind) {
    case 'date':
      return formatPlainDate(near + r.int(-40, 120));
    case 'boolean':
      return r.next() < 0.5;
    case 'number':
      return r.int(0, 20);
    case 'text':
      return ['', 'x', 'note "quoted"', 'line\u2028sep'][r.int(0, 3)];
    case 'role':
      return roles[r.int(0, roles.length - 1)] ?? 'nobody';
    case 'enum':
      return type.values[r.int(0, type.values.length - 1)] ?? 'none';
  }
}

/**
 * A random case for `ir` (seeded by `seed` and `index`): up to 30 events of the declared types with
 * attributes of the declared types (optional ones present half the time), facts likewise, a child
 * born 0-17 years before the first event, and an as-of date within the events' span or after it.
 * One case in four is broken on purpose by one of `MUTATIONS` (and one in ten of those also has a bad
 * as-of date), so that the two sides' error reports are compared too, and the emitted module's fast
 * path for valid input is shown never to accept what the validator rejects.
 */
export function randomCase(ir: PolicyIR, seed: string, index: number): { input: Record<string, unknown>; asOf: string } {
  const r = createRandom(hashSeed(seed), index);
  const roles = ir.roles.map((x) => x.name);
  const start = DAY0 + r.int(-800, 400);
  let day = start;
  const events: Record<string, unknown>[] = [];
  const count = ir.events.length === 0 ? 0 : r.int(0, 30);
  for (let i = 0; i < count; i++) {
    day += r.int(0, 45);
    const e = ir.events[r.int(0, ir.events.length - 1)];
    if (e === undefined) break;
    const event: Record<string, unknown> = { type: e.name, date: formatPlainDate(day) };
    for (const a of e.attributes) {
      if (a.optional && r.next() < 0.5) continue;
      event[a.name] = randomValue(a.type, roles, r, day);
    }
    events.push(event);
  }
  const facts: Record<string, unknown> = {};
  for (const f of ir.facts) {
    if (f.optional && r.next() < 0.5) continue;
    facts[f.name] = randomValue(f.type, roles, r, start);
  }
  const input: Record<string, unknown> = {
    id: `random-${index}`,
    child: { dob: formatPlainDate(start - r.int(0, 17 * 365)) },
    ...(ir.facts.length > 0 || r.next() < 0.5 ? { facts } : {}),
    events,
  };
  const asOf = formatPlainDate(day + r.int(-60, 200));
  if (r.next() < 1 / 4) return { input: mutate(input, ir, r), asOf: r.next() < 0.1 ? '2025-13-01' : asOf };
  return { input, asOf };
}

type Json = Record<string, unknown>;

/** Ways to break a case: each is a single change that makes (or may make) the input invalid. */
const MUTATIONS: readonly ((c: Json, ir: PolicyIR, r: ReturnType<typeof createRandom>) => void)[] = [
  (c) => void (c['unexpected'] = true),
  (c) => void delete c['child'],
  (c) => void delete c['id'],
  (c) => void (c['id'] = ''),
  (c) => void (c['id'] = 42),
  (c) => void (c['child'] = { dob: '2010-02-29' }),
  (c) => void (c['child'] = { dob: '2010-01-01', name: 'x' }),
  (c) => void (c['child'] = null),
  (c) => void (c['facts'] = null),
  (c) => void (c['facts'] = []),
  (c) => void (c['facts'] = { ...(c['facts'] as Json | undefined), no_such_fact: true }),
  (c, ir, r) => {
    const f = ir.facts[r.int(0, Math.max(0, ir.facts.length - 1))];
    if (f !== undefined) c['facts'] = { ...(c['facts'] as Json | undefined), [f.name]: f.type.kind === 'boolean' ? 'yes' : 17 };
  },
  (c, ir) => {
    const required = ir.facts.find((f) => !f.optional);
    if (required !== undefined && c['facts'] !== undefined) delete (c['facts'] as Json)[required.name];
  },
  (c) => void (c['events'] = {}),
  (c) => void (c['events'] = [...(c['events'] as unknown[]), null]),
  (c) => void (c['events'] = [...(c['events'] as unknown[]), ['became_looked_after', '2025-01-01']]),
  (c) => void (c['events'] = [...(c['events'] as unknown[]), { type: 'no_such_event', date: '2025-01-01' }]),
  (c) => void (c['events'] = [...(c['events'] as unknown[]), { date: '2025-01-01' }]),
  (c, ir) => void (c['events'] = [...(c['events'] as unknown[]), { type: ir.events[0]?.name ?? 'x', date: '2025-1-1' }]),
  (c, ir) => void (c['events'] = [...(c['events'] as unknown[]), { type: ir.events[0]?.name ?? 'x', date: 20250101 }]),
  (c, ir) => void (c['events'] = [...(c['events'] as unknown[]), { type: ir.events[0]?.name ?? 'x', date: '2025-01-01', extra: 1 }]),
  // An event with attributes: one removed, given the wrong type, a value outside its enum (or a
  // non-finite number), or null; or an attribute it does not declare.
  (c, ir, r) => {
    const withAttributes = ir.events.filter((e) => e.attributes.length > 0);
    const e = withAttributes[r.int(0, Math.max(0, withAttributes.length - 1))];
    const a = e?.attributes[r.int(0, Math.max(0, (e?.attributes.length ?? 1) - 1))];
    if (e === undefined || a === undefined) return;
    const event: Json = { type: e.name, date: '2025-03-03' };
    for (const x of e.attributes) event[x.name] = randomValue(x.type, ir.roles.map((role) => role.name), r, 20150);
    const how = r.int(0, 4);
    if (how === 4) event['unexpected_attribute'] = 1;
    else if (how === 0) delete event[a.name];
    else if (how === 1) event[a.name] = a.type.kind === 'boolean' || a.type.kind === 'number' ? 'text' : true;
    else if (how === 2) event[a.name] = a.type.kind === 'number' ? Number.NaN : a.type.kind === 'date' ? '2025-02-29' : 'not_a_declared_value';
    else event[a.name] = null;
    c['events'] = [...(c['events'] as unknown[]), event];
  },
  // A role or enum attribute, or fact, with a value the policy does not declare.
  (c, ir, r) => {
    const choices = ir.events.flatMap((e) => e.attributes.filter((a) => a.type.kind === 'role' || a.type.kind === 'enum').map((a) => [e, a] as const));
    const pick = choices[r.int(0, Math.max(0, choices.length - 1))];
    if (pick === undefined) return;
    const [e, a] = pick;
    const event: Json = { type: e.name, date: '2025-03-03' };
    for (const x of e.attributes) event[x.name] = randomValue(x.type, ir.roles.map((role) => role.name), r, 20150);
    event[a.name] = r.next() < 0.5 ? 'not_a_declared_value' : `${String(event[a.name])} `;
    c['events'] = [...(c['events'] as unknown[]), event];
  },
  (c, ir, r) => {
    const choices = ir.facts.filter((f) => f.type.kind === 'role' || f.type.kind === 'enum');
    const f = choices[r.int(0, Math.max(0, choices.length - 1))];
    if (f !== undefined) c['facts'] = { ...(c['facts'] as Json | undefined), [f.name]: 'not_a_declared_value' };
  },
  // Not plain data: an event that is a class instance (valid-looking), a case with a prototype.
  (c) => {
    class Event {
      constructor(readonly type: string, readonly date: string) {}
    }
    const events = c['events'] as Json[];
    if (events.length > 0) events[0] = new Event(String(events[0]?.['type']), String(events[0]?.['date'])) as unknown as Json;
  },
];

/** `input` broken by one mutation picked at random. */
function mutate(input: Json, ir: PolicyIR, r: ReturnType<typeof createRandom>): Json {
  const copy = JSON.parse(JSON.stringify(input)) as Json;
  (MUTATIONS[r.int(0, MUTATIONS.length - 1)] as (c: Json, ir: PolicyIR, r: ReturnType<typeof createRandom>) => void)(copy, ir, r);
  return copy;
}

/**
 * Runs `count` seeded random cases (`randomCase`, seeded by `seed`) through the emitted module and
 * the interpreter, expecting the same outcome for each (the message names the case's index). Returns
 * how many cases were valid and how many obligations the valid ones gave, so that a caller can show
 * the comparison was not vacuous.
 */
export function expectRandomAgreement(entry: LoadedPolicy, seed: string, count: number): { valid: number; obligations: number } {
  let valid = 0;
  let obligations = 0;
  for (let i = 0; i < count; i++) {
    const { input, asOf } = randomCase(entry.policy.ir, seed, i);
    const outcome = expectSameOutcome(entry, input, asOf, `random case ${i}`) as { ok: boolean; result?: { obligations: unknown[] } };
    if (outcome.ok) {
      valid++;
      obligations += outcome.result?.obligations.length ?? 0;
    }
  }
  return { valid, obligations };
}
