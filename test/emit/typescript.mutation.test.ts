/**
 * The emitted module (compiler/emit/typescript.ts) loaded in this process, for mutation testing: the
 * other emitted-module suites (typescript.test.ts, differential.test.ts, safety.test.ts) build
 * packages/runtime/dist or run tsc, so a mutant of the emitter, which lives only in the process that
 * imported it, cannot be killed there (vitest.mutation.config.ts).
 *
 * Each test emits a small policy with `emitTypeScript` inside the test, writes the JavaScript to a
 * scratch folder under test-artifacts/ (gitignored) and imports it, with the runtime specifier pointing
 * at a wrapper of runtime/index.ts that records which path each evaluation took: the module's
 * compiled fast path (`normalize`, then the runtime's `evaluateNormalized`) or the runtime's full
 * validator. A valid case must take the fast path and be normalised exactly as the runtime's
 * validator normalises it; an invalid one must be refused by the fast path and reported by the
 * runtime; both must give what the interpreter (compiler/index.ts `compile`) gives.
 *
 * Input: the policy texts below, and test/emit/golden/ (the expected module texts: golden files, re-recorded
 * with `PDL_UPDATE_GOLDEN=1`, test/support/golden.ts). Output: assertions; the scratch folder is removed
 * after the file.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { matchGolden } from '../support/golden.ts';
import type { compile } from '../../compiler/index.ts';
import { emitTypeScript, type EmittedModule } from '../../compiler/emit/typescript.ts';
import { caseSchema, type NormalizedCase } from '../../runtime/index.ts';
import { compiledIr, compiledPolicy } from '../support/compiled.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
mkdirSync(join(ROOT, 'test-artifacts'), { recursive: true });
/** The expected texts of the emitted modules (golden files; `PDL_UPDATE_GOLDEN=1` re-records them). */
const GOLDEN = join(ROOT, 'test', 'emit', 'golden');
const SUITE = 'test/emit/typescript.mutation.test.ts';
const DIR = mkdtempSync(join(ROOT, 'test-artifacts', 'emit-mutation-'));
afterAll(() => rmSync(DIR, { recursive: true, force: true }));

/** The runtime's public entry, with `preparePolicy` wrapped to record the path each call took. */
const WRAPPER = `
import { preparePolicy as prepare } from ${JSON.stringify(pathToFileURL(join(ROOT, 'runtime', 'index.ts')).href)};
export * from ${JSON.stringify(pathToFileURL(join(ROOT, 'runtime', 'index.ts')).href)};
export const calls = [];
export function preparePolicy(ir, options) {
  const p = prepare(ir, options);
  return {
    ir: p.ir,
    calendar: p.calendar,
    validate: (input) => (calls.push({ path: 'validate' }), p.validate(input)),
    evaluate: (input, asOf) => (calls.push({ path: 'full' }), p.evaluate(input, asOf)),
    evaluateNormalized: (c, asOf) => (calls.push({ path: 'fast', normalized: c }), p.evaluateNormalized(c, asOf)),
  };
}
`;

const POLICY = `policy emit.check
  title "Emitted module check"
  version "2.1"
  source "A practice direction"
  effective 2024-04-01

role social_worker "Social worker"
role iro "IRO"

fact legal_status: enum(care_order, section_20)
fact disabled?: boolean
fact siblings?: number
fact note? "A note": text
fact placed_on?: date set by review_held.next
fact lead?: role

event became_looked_after
event review_scheduled { for: date }
event visit { by?: role }
event review_held { by: role, kind: enum(initial, subsequent), minutes?: number, remote?: boolean, summary?: text, next?: date }
event plan_agreed { level: enum(initial, subsequent) }

deadline first_review "First review"
  owner iro
  due within 20 working days of became_looked_after
  met by review_held
  cite "Reg 33"

deadline scheduled_review "The scheduled review"
  owner social_worker
  due within 0 days of review_scheduled.for
  met by review_held where review_held.kind is "subsequent"
  cite "Reg 34"
`;

/**
 * The declarations of POLICY, read line by line against the policy above: the header with its version,
 * source and effective date; the roles and event types as unions; one interface per event, optional
 * attributes marked `?`, each type mapped (date -> PlainDateText, role -> Role, enum -> its values);
 * the facts (the titled one with its comment; `facts` required since one fact is); the rule ids; no
 * ladder or criteria (`never`).
 */
const EXPECTED_DTS = join(GOLDEN, 'emit-check.d.mts.txt');

interface Loaded {
  readonly emitted: EmittedModule;
  /** The runtime specifier the module was emitted with (the wrapper's file URL). */
  readonly runtime: string;
  readonly module: {
    readonly POLICY: Record<string, string>;
    readonly POLICY_IR: unknown;
    readonly CASE_SCHEMA: unknown;
    validate(input: unknown): { ok: boolean; case?: unknown; errors?: unknown };
    evaluate(input: unknown, asOf: unknown): { ok: boolean; result?: unknown; errors?: unknown };
  };
  readonly calls: { path: string; normalized?: NormalizedCase }[];
  /** The interpreter of the same text. */
  readonly interpreter: ReturnType<typeof compile>['policy'] & object;
}

let serial = 0;

/** Compiles, emits, writes and imports `text` (a fresh module each call). */
async function load(text: string = POLICY): Promise<Loaded> {
  const ir = compiledIr(text, { uri: 'emit-check.pdl' });
  const name = `m${++serial}`;
  const wrapper = join(DIR, `${name}-runtime.mjs`);
  writeFileSync(wrapper, WRAPPER);
  const runtime = pathToFileURL(wrapper).href;
  const emitted = emitTypeScript(ir, { policyFile: 'emit-check.pdl', baseName: name, pdlVersion: '0.0.0-test', runtime });
  const file = join(DIR, `${name}.mjs`);
  writeFileSync(file, emitted.js);
  const module = (await import(/* @vite-ignore */ pathToFileURL(file).href)) as Loaded['module'];
  const { calls } = (await import(/* @vite-ignore */ pathToFileURL(wrapper).href)) as { calls: Loaded['calls'] };
  const interpreter = compiledPolicy(text, { uri: 'emit-check.pdl' });
  return { emitted, runtime, module, calls, interpreter };
}

const child = { dob: '2012-03-04' };

/** A valid case using every fact and every event shape, in date order. */
function fullCase(): Record<string, unknown> {
  return {
    id: 'case-1',
    child,
    facts: { legal_status: 'care_order', disabled: false, siblings: 2, note: 'n', placed_on: '2024-01-02', lead: 'iro' },
    events: [
      { type: 'became_looked_after', date: '2024-01-08' },
      { type: 'visit', date: '2024-01-09' },
      { type: 'visit', date: '2024-01-10', by: 'social_worker' },
      { date: '2024-01-11', for: '2024-02-01', type: 'review_scheduled' },
      { type: 'plan_agreed', date: '2024-01-12', level: 'initial' },
      { type: 'review_held', date: '2024-01-15', kind: 'initial', by: 'iro', minutes: 45, remote: true, summary: 's', next: '2024-07-15' },
      { kind: 'subsequent', type: 'review_held', by: 'social_worker', date: '2024-02-01' },
    ],
  };
}

/** Evaluates `input` with the module and the interpreter: the same outcome, by the path expected. */
function expectSame(m: Loaded, input: unknown, asOf: string, path: 'fast' | 'full'): void {
  m.calls.length = 0;
  const outcome = m.module.evaluate(input, asOf);
  expect(outcome).toEqual(m.interpreter.evaluate(input, asOf));
  // The fast path refuses only what the runtime rejects (in these cases).
  expect(outcome.ok).toBe(path === 'fast');
  expect(m.calls.map((c) => c.path)).toEqual([path]);
  if (path === 'fast') {
    const v = m.interpreter.validate(input);
    if (!v.ok) throw new Error('expected a valid case');
    expect(m.calls[0]?.normalized).toEqual(v.case);
  }
}

describe('the emitted module, loaded in this process', () => {
  // One emit per policy (emitting costs about half a second; the first also loads TypeScript).
  it('the policy with every type: its exports, valid cases on the fast path, validate, invalid input reported by the runtime', async () => {
    const m = await load();
    exportsOf(m);
    validCases(m);
    validation(m);
    invalidInput(m);
  });

  it('a policy with no facts refuses any fact on the fast path and accepts an empty set', async () => {
    const m = await load(NO_FACTS);
    noFacts(m);
  });

  it('names that meet, text that would end a comment, and every kind of rule: the types, the comments, the same results', async () => {
    const m = await load(EDGE);
    edgeCases(m);
  });

  it('a policy that declares no event: a case\'s events are `never`', () => {
    const ir = compiledIr('policy emit.none\n  title "None"\n\nrole iro "IRO"\n', { uri: 'none.pdl' });
    const { dts } = emitTypeScript(ir, { policyFile: 'none.pdl', baseName: 'none', pdlVersion: '0.0.0-test' });
    expect(dts).toContain('\nexport type EventType = never;\n');
    expect(dts).toContain('\nexport type CaseEvent = never;\n');
  });
});

function exportsOf(m: Loaded): void {
  expect(m.module.POLICY).toEqual({ id: 'emit.check', title: 'Emitted module check', file: 'emit-check.pdl', version: '2.1', effective: '2024-04-01', source: 'A practice direction' });
  expect(m.module.POLICY_IR).toEqual(m.interpreter.ir);
  expect(m.module.CASE_SCHEMA).toEqual(caseSchema(m.interpreter.ir));
  expect(JSON.parse(m.emitted.schema)).toEqual(caseSchema(m.interpreter.ir));
  expect(m.emitted.schema.endsWith('}\n')).toBe(true);
  // (As emitted with the default runtime specifier.)
  matchGolden(m.emitted.dts.replace(` from ${JSON.stringify(m.runtime)};`, ' from "@pdl/runtime";'), EXPECTED_DTS, SUITE);
  // The module itself: every rule after a comment with its title, place and citation.
  expect(m.emitted.ts).toContain('    /** rule `first_review` (First review): emit-check.pdl:23:10, cites Reg 33. */\n    {\n');
  expect(m.emitted.ts).toContain('    /** rule `scheduled_review` (The scheduled review): emit-check.pdl:29:10, cites Reg 34. */\n    {\n');
  expect(m.emitted.js.split('\n')[0]).toBe(m.emitted.dts.split('\n')[0]);
}

/** Valid cases take the fast path and are normalised as the runtime normalises them. */
function validCases(m: Loaded): void {
  expectSame(m, fullCase(), '2024-03-01', 'fast');
  // Out of date order (sorted by date, then input order), no optional fact, facts absent where allowed.
  const c = fullCase();
  const events = c['events'] as Record<string, unknown>[];
  expectSame(m, { ...c, events: [...events].reverse() }, '2024-03-01', 'fast');
  expectSame(m, { ...c, events: [events[1], events[0], events[2]] }, '2024-03-01', 'fast');
  expectSame(m, { ...c, facts: { legal_status: 'section_20' } }, '2024-03-01', 'fast');
  expectSame(m, { ...c, events: [] }, '2024-03-01', 'fast');
  // A prototype-less object is plain.
  const bare = Object.assign(Object.create(null) as object, { ...c, facts: Object.assign(Object.create(null) as object, { legal_status: 'care_order' }) });
  expectSame(m, bare, '2024-03-01', 'fast');
}

/** `validate` accepts a valid case as it is and reports every problem of an invalid one. */
function validation(m: Loaded): void {
  const input = fullCase();
  m.calls.length = 0;
  expect(m.module.validate(input)).toEqual({ ok: true, case: input });
  expect(m.calls).toEqual([]);
  const bad = { ...input, id: '' };
  const v = m.module.validate(bad);
  const runtime = m.interpreter.validate(bad);
  expect(runtime.ok).toBe(false);
  expect(v).toEqual({ ok: false, errors: runtime.ok ? [] : runtime.errors });
  expect(m.calls.map((c) => c.path)).toEqual(['validate']);
  // A case the fast path refuses but the runtime accepts: a class instance.
  class Facts {
    legal_status = 'care_order';
  }
  const instance = { ...input, facts: new Facts() };
  m.calls.length = 0;
  expect(m.module.validate(instance)).toEqual({ ok: true, case: instance });
  expect(m.calls.map((c) => c.path)).toEqual(['validate']);
}

/** An invalid as-of date or case goes to the runtime, which reports it. */
function invalidInput(m: Loaded): void {
  const good = fullCase();
  const events = good['events'] as Record<string, unknown>[];
  const withEvent = (e: Record<string, unknown>): unknown => ({ ...good, events: [...events, e] });
  const withFacts = (facts: Record<string, unknown>): unknown => ({ ...good, facts: { legal_status: 'care_order', ...facts } });
  const invalid: unknown[] = [
    null,
    [],
    'case',
    { ...good, extra: 1 },
    { ...good, id: 7 },
    { ...good, id: '' },
    { ...good, child: [] },
    { ...good, child: { dob: '2012-03-04', name: 'x' } },
    { ...good, child: { dob: '2012-02-30' } },
    { ...good, child: { dob: 20120304 } },
    { ...good, child: {} },
    { ...good, facts: [] },
    { ...good, facts: undefined },
    { ...good, facts: {} },
    withFacts({ legal_status: 'adopted' }),
    withFacts({ legal_status: 3 }),
    withFacts({ disabled: 'yes' }),
    withFacts({ siblings: '2' }),
    withFacts({ siblings: Number.NaN }),
    withFacts({ siblings: Number.POSITIVE_INFINITY }),
    withFacts({ note: 5 }),
    withFacts({ placed_on: '2024-13-01' }),
    withFacts({ placed_on: 20240101 }),
    withFacts({ lead: 'manager' }),
    withFacts({ lead: 1 }),
    withFacts({ unknown: 1 }),
    { ...good, events: {} },
    { ...good, events: 'none' },
    withEvent([] as unknown as Record<string, unknown>),
    withEvent({ type: 'unknown', date: '2024-01-01' }),
    withEvent({ date: '2024-01-01' }),
    withEvent({ type: 'became_looked_after' }),
    withEvent({ type: 'became_looked_after', date: '2024-02-30' }),
    withEvent({ type: 'became_looked_after', date: 20240101 }),
    withEvent({ type: 'became_looked_after', date: '2024-01-01', by: 'iro' }),
    withEvent({ type: 'review_scheduled', date: '2024-01-01' }),
    withEvent({ type: 'review_scheduled', date: '2024-01-01', when: '2024-02-01' }),
    withEvent({ type: 'review_scheduled', date: '2024-01-01', for: '2024-02-31' }),
    withEvent({ type: 'review_scheduled', date: '2024-01-01', for: 20240201 }),
    withEvent({ type: 'review_scheduled', date: '2024-01-01', for: '2024-02-01', extra: 1 }),
    withEvent({ type: 'plan_agreed', date: '2024-01-01', level: 'final' }),
    withEvent({ type: 'plan_agreed', date: '2024-01-01', level: 2 }),
    withEvent({ type: 'visit', date: '2024-01-01', by: 'manager' }),
    withEvent({ type: 'visit', date: '2024-01-01', by: 'iro', with: 'iro' }),
    withEvent({ type: 'review_held', date: '2024-01-01', kind: 'initial' }),
    withEvent({ type: 'review_held', date: '2024-01-01', by: 'iro' }),
    withEvent({ type: 'review_held', date: '2024-01-01', by: 'iro', kind: 'initial', minutes: '45' }),
    withEvent({ type: 'review_held', date: '2024-01-01', by: 'iro', kind: 'initial', remote: 'no' }),
    withEvent({ type: 'review_held', date: '2024-01-01', by: 'iro', kind: 'initial', summary: 1 }),
    withEvent({ type: 'review_held', date: '2024-01-01', by: 'iro', kind: 'initial', next: 'soon' }),
    withEvent({ type: 'review_held', date: '2024-01-01', by: 'iro', kind: 'initial', chair: 'iro' }),
    withEvent({ type: 'review_held', date: '2024-01-01', by: 'manager', kind: 'initial' }),
  ];
  for (const input of invalid) expectSame(m, input, '2024-03-01', 'full');
  expectSame(m, good, '2024-02-30', 'full');
  expectSame(m, good, 20240301 as unknown as string, 'full');
}

const NO_FACTS = `policy emit.nofacts
  title "No facts"

role iro "IRO"
event became_looked_after
event review_held { by: role }

deadline first_review "First review"
  owner iro
  due within 20 working days of became_looked_after
  met by review_held where review_held.by is iro
  cite "Reg 33"
`;

/**
 * NO_FACTS's whole module (emitted with the default runtime specifier), read line by line: the header,
 * the import, the types, the IR and the case schema as literals (their values are checked against the
 * compiler's and the runtime's in `exportsOf`; here, their text), the fast path (`isPlain`, `isEmpty`
 * for a policy with no facts, the allowed roles, `normalize` with an event of no attribute and one of
 * one required attribute) and the two exported functions, comments included.
 */
const NO_FACTS_MODULE = join(GOLDEN, 'no-facts.mts.txt');

/**
 * NO_FACTS's JavaScript, but for the IR and schema literals (the same as the module's): an ES module
 * for ES2022 (an `import`, `export`s, `??` kept), with the module's comments.
 */
const NO_FACTS_JS_HEAD = join(GOLDEN, 'no-facts.head.mjs.txt');
const NO_FACTS_JS_TAIL = join(GOLDEN, 'no-facts.tail.mjs.txt');

function noFacts(m: Loaded): void {
  const js = m.emitted.js.replace(` from ${JSON.stringify(m.runtime)};`, ' from "@pdl/runtime";');
  matchGolden(js.slice(0, js.indexOf('/** The checked policy')), NO_FACTS_JS_HEAD, SUITE);
  matchGolden(js.slice(js.indexOf('// Prepared once')), NO_FACTS_JS_TAIL, SUITE);
  matchGolden(m.emitted.ts.replace(` from ${JSON.stringify(m.runtime)};`, ' from "@pdl/runtime";'), NO_FACTS_MODULE, SUITE);
  expect(m.module.POLICY).toEqual({ id: 'emit.nofacts', title: 'No facts', file: 'emit-check.pdl' });
  const c = { id: 'c', child, events: [{ type: 'became_looked_after', date: '2024-01-08' }, { type: 'review_held', date: '2024-01-20', by: 'iro' }] };
  expectSame(m, c, '2024-03-01', 'fast');
  expectSame(m, { ...c, facts: {} }, '2024-03-01', 'fast');
  expectSame(m, { ...c, facts: { x: 1 } }, '2024-03-01', 'full');
  expectSame(m, { ...c, facts: [] }, '2024-03-01', 'full');
  expectSame(m, { ...c, events: [{ type: 'review_held', date: '2024-01-20' }] }, '2024-03-01', 'full');
  expectSame(m, { ...c, events: [{ type: 'review_held', date: '2024-01-20', who: 'iro' }] }, '2024-03-01', 'full');
  expectSame(m, { ...c, events: [{ type: 'review_held', date: '2024-01-20', by: 'iro', who: 'iro' }] }, '2024-03-01', 'full');
  expectSame(m, { ...c, events: [{ type: 'review_held', date: '2024-01-20', by: 'cat' }] }, '2024-03-01', 'full');
}

/**
 * Names whose type names meet (`case` and the reserved `CaseEvent`; `reviewHeld`, `review_held` and `ReviewHeld`, `_1a`
 * led by a digit once `_` is dropped; an attribute `x-y`, quoted), titles and citations holding `*\/`, a line and a
 * paragraph separator and a run of two line breaks, two required facts (one set by an event),
 * and a duty, a ladder, a criterion and a limit (with an empty citation) beside the deadline.
 */
const EDGE = `policy emit.edge
  title "Edge */ cases \u2028 here \u2029 too"

role iro "IRO"
role team_manager "Team manager"

fact a_b: number
fact phase "Phase */ now": enum(one, two) set by moved.to

event case "A case */ opens"
event reviewHeld { byWhom: role, x_y?: date, x-y?: text }
event review_held
event ReviewHeld
event _1a
event moved { to: enum(one, two) }
event escalation_raised { ladder: text, stage: number }
event escalation_response { ladder: text, stage: number, satisfactory: boolean }
event escalation_resolved { ladder: text }

deadline d1 "A */\\n\\ndeadline"
  owner iro
  due within 5 days of case
  met by review_held
  cite "c */ 1"

duty d2 "A duty"
  owner iro
  after _1a
  met by reviewHeld
  cite "d"

ladder disputes "Disputes"
  raised by iro
  stage 1 alert team_manager respond within 5 working days
  cite "9.1"

criteria involve "Involve"
  any of
    "many": count(case) >= 2
  cite "k"

limit one_case "One case"
  at most 1 case per case
  cite ""
`;

/** EDGE's declarations from the event types to the result types, read against EDGE. */
const EDGE_DTS = join(GOLDEN, 'edge.types.d.mts.txt');

/** EDGE's sets of allowed values, each once. */
const EDGE_SETS = ['const ALLOWED_0 = new Set<string>(["one", "two"]);', 'const ALLOWED_1 = new Set<string>(["iro", "team_manager"]);'];

function edgeCases(m: Loaded): void {
  const dts = m.emitted.dts;
  matchGolden(dts.slice(dts.indexOf('/** The event types the policy declares. */'), dts.indexOf('/** An obligation')), EDGE_DTS, SUITE);
  // The header and each rule's comment: on one line, with no comment terminator.
  expect(m.emitted.ts.split('\n').slice(0, 3)).toEqual([
    '// DO NOT EDIT: generated by pdl 0.0.0-test (`pdl compile`) from emit-check.pdl; change the policy and compile again.',
    '/**',
    ' * Policy emit.edge (no version): Edge *\\/ cases   here   too',
  ]);
  for (const comment of [
    '/** rule `d1` (A *\\/ deadline): emit-check.pdl:20:10, cites c *\\/ 1. */',
    '/** limit `one_case` (One case): emit-check.pdl:42:7, no citation. */',
    '/** ladder `disputes` (Disputes): emit-check.pdl:32:8, cites 9.1. */',
    '/** criteria `involve` (Involve): emit-check.pdl:37:10, cites k. */',
    '/** duty `d2` (A duty): emit-check.pdl:26:6, cites d. */',
  ]) {
    expect(m.emitted.ts).toContain(`\n    ${comment}\n    {\n`);
  }
  // The line separator is escaped in string literals, so the module's text stays on its lines.
  expect(m.emitted.ts).toContain('export const POLICY = { id: "emit.edge", title: "Edge */ cases \\u2028 here \\u2029 too", file: "emit-check.pdl" } as const;');
  expect(m.emitted.ts).not.toMatch(/[\u2028\u2029]/);
  expect(m.module.POLICY).toEqual({ id: 'emit.edge', title: 'Edge */ cases \u2028 here \u2029 too', file: 'emit-check.pdl' });
  // One set of allowed values for each list (the roles, and the enum of both `phase` and `moved.to`); no
  // `isEmpty`, which only a policy with no facts needs.
  expect(m.emitted.ts.match(/^const ALLOWED_\d+ = .*$/gm)).toEqual(EDGE_SETS);
  expect(m.emitted.ts).not.toContain('isEmpty');
  // The same results as the interpreter: an obligation, a duty, an escalation, a criterion met, a limit broken.
  const c = {
    id: 'edge',
    child,
    facts: { phase: 'one', a_b: 1 },
    events: [
      { type: 'case', date: '2024-01-08' },
      { type: 'case', date: '2024-01-09' },
      { type: '_1a', date: '2024-01-09' },
      { type: 'reviewHeld', date: '2024-01-10', byWhom: 'iro', x_y: '2024-01-02', 'x-y': 'seen' },
      { type: 'moved', date: '2024-01-11', to: 'two' },
      { type: 'escalation_raised', date: '2024-01-12', ladder: 'disputes', stage: 1 },
    ],
  };
  expectSame(m, c, '2024-03-01', 'fast');
  const result = (m.module.evaluate(c, '2024-03-01') as { result: { escalations: unknown[]; criteria: { result: boolean }[]; violations: unknown[] } }).result;
  expect([result.escalations.length, result.criteria.map((x) => x.result), result.violations.length > 0]).toEqual([1, [true], true]);
  // Two required facts: each is required.
  expectSame(m, { ...c, facts: { phase: 'one' } }, '2024-03-01', 'full');
  expectSame(m, { ...c, facts: { a_b: 1 } }, '2024-03-01', 'full');
  expectSame(m, { ...c, events: [{ type: 'reviewHeld', date: '2024-01-10', by_whom: 'iro' }] }, '2024-03-01', 'full');
  expectSame(m, { ...c, events: [{ type: 'reviewHeld', date: '2024-01-10', byWhom: 'iro', x_y: '2024-02-30' }] }, '2024-03-01', 'full');
}
