/**
 * The privacy canary, end to end: for each policy under policies/, a distinctive string is planted
 * in every field of a case (the id, the date of birth, every declared fact, every event's type,
 * date and attributes, unknown keys and their values at every level), one field at a time and all
 * at once, and must appear in no case error (message, path, params, log form), no notice and no
 * line printed, wherever the case goes:
 * - the runtime (`CompiledPolicy.evaluate` and `validate`), every policy;
 * - the emitted module (the committed examples/embedding/compiled/ module, its runtime import pointed
 *   at this tree's runtime);
 * - the CLI: `pdl evaluate` (text and `--json`) and `pdl simulate` on a caseload of hostile cases,
 *   run in this process (`main`, test/support/processes.ts: what it prints, internal errors
 *   included, is what the process prints; test/cli/evaluate.test.ts feeds a real process one);
 * - the playground's message functions, in process: `parseCaseJson`, the engine's `check` and
 *   `caseMarks` (the messages shown on the case's text).
 * The example service is checked by test/embedding/service.test.ts (its own canary test, over HTTP).
 * Each field's planting is shown to work: the canary is in the errors' `caseData` (kept apart, for
 * the case's author) whenever the case is invalid.
 *
 * One exception, by design: `pdl simulate` names each case by its `id` (a valid string `id` is how
 * the caller finds the case again), so the simulate check plants the canary in the `id` only as a
 * value that is not a string.
 *
 * Input: policies/ and their tests' first case as the good case to plant in. Output: assertions;
 * scratch files under test-artifacts/privacy-<pid>/, removed after.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderForLog, type CaseError, type IrType, type Notice } from '../../runtime/index.ts';
import { createEngine, caseMarks, parseCaseJson } from '../../playground/src/engine.ts';
import { createMemoryHost, policyEntriesFromModules } from '../../playground/src/host.ts';
import { IN_PROCESS_TIMEOUT_MS, pdlHere, timeoutFor } from '../support/processes.ts';
import { importEmitted, loadTargets, ROOT, type BasePolicy, type EvaluateModule, type FuzzTargets } from '../fuzz/harness.ts';
import { policyModules, STATUTORY_URI, statutoryText } from '../playground/fixtures.ts';

const CANARY = 'Kw4canaryMaryMajor';
const SCRATCH = join(ROOT, 'test-artifacts', `privacy-${process.pid}`);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A value of the wrong kind for `type` that holds the canary (a string where a string is right). */
function plant(type: IrType | undefined): Json {
  return type?.kind === 'text' ? { [CANARY]: CANARY } : CANARY;
}

/** The hostile cases of a policy: one per field, then all at once. */
function hostileCases(base: BasePolicy): [string, Json][] {
  const good = JSON.parse(JSON.stringify(base.seeds[0]!.case)) as { [key: string]: Json };
  const facts = (good['facts'] ?? {}) as { [key: string]: Json };
  const events = (Array.isArray(good['events']) ? good['events'] : []) as Json[];
  const withFacts = (f: { [key: string]: Json }): Json => ({ ...good, facts: { ...facts, ...f } });
  const withEvent = (e: Json): Json => ({ ...good, events: [...events, e] });
  const out: [string, Json][] = [
    ['the case itself', CANARY],
    ['an unknown root key', { ...good, [CANARY]: CANARY }],
    ['the id', { ...good, id: { [CANARY]: CANARY } }],
    ['the child', { ...good, child: CANARY }],
    ['the dob', { ...good, child: { dob: CANARY } }],
    ['a long dob', { ...good, child: { dob: `${'Flat 3, 12 High Street, '.repeat(4)}${CANARY}` } }],
    ['an unknown child key', { ...good, child: { dob: '2015-03-01', [CANARY]: CANARY } }],
    ['facts', { ...good, facts: CANARY }],
    ['an unknown fact', withFacts({ [CANARY]: CANARY })],
    ['events', { ...good, events: CANARY }],
    ['an event as a string', withEvent(CANARY)],
    ['an event type', withEvent({ type: CANARY, date: '2025-05-01' })],
    ['an event type (not a string)', withEvent({ type: { [CANARY]: 1 }, date: '2025-05-01' })],
  ];
  for (const fact of base.ir.facts) out.push([`fact ${fact.name}`, withFacts({ [fact.name]: plant(fact.type) })]);
  const all: { [key: string]: Json } = { [CANARY]: CANARY };
  const allEvents: Json[] = [CANARY, { type: CANARY, date: CANARY }];
  for (const fact of base.ir.facts) all[fact.name] = plant(fact.type);
  for (const event of base.ir.events) {
    out.push([`event ${event.name}: date`, withEvent({ type: event.name, date: CANARY })]);
    out.push([`event ${event.name}: unknown attribute`, withEvent({ type: event.name, date: '2025-05-01', [CANARY]: CANARY })]);
    const every: { [key: string]: Json } = { type: event.name, date: CANARY, [CANARY]: CANARY };
    for (const attribute of event.attributes) {
      out.push([`event ${event.name}: ${attribute.name}`, withEvent({ type: event.name, date: '2025-05-01', [attribute.name]: plant(attribute.type) })]);
      every[attribute.name] = plant(attribute.type);
    }
    allEvents.push(every);
  }
  out.push(['everything at once', { id: { [CANARY]: CANARY }, [CANARY]: CANARY, child: { dob: CANARY, [CANARY]: CANARY }, facts: all, events: allEvents }]);
  return out;
}

/** All of an error or notice that is shown, logged or forwarded: everything but `caseData`. */
function shown(item: CaseError | Notice): string {
  const { caseData: _kept, ...rest } = item as CaseError & { caseData?: unknown };
  return `${JSON.stringify(rest)}\n${renderForLog(item)}`;
}

let targets: FuzzTargets;
let statutoryModule: EvaluateModule;

beforeAll(async () => {
  targets = loadTargets();
  const js = readFileSync(join(ROOT, 'examples/embedding/compiled/statutory-reviews.mjs'), 'utf8');
  statutoryModule = await importEmitted(js, SCRATCH, 'statutory-reviews');
}, timeoutFor(2));

afterAll(() => rmSync(SCRATCH, { recursive: true, force: true }));

describe('the runtime and the emitted module', () => {
  it('every policy, every field: the canary is in no error and no notice; the planting works', () => {
    let invalid = 0;
    for (const base of targets.bases) {
      const asOf = base.seeds[0]!.asOf;
      const sides: [string, (c: unknown) => { ok: boolean; errors?: unknown; result?: unknown }][] = [['runtime', (c) => base.policy.evaluate(c, asOf)]];
      if (base.file === 'policies/england/statutory-reviews.pdl') sides.push(['module', (c) => statutoryModule(c, asOf)]);
      for (const [name, input] of hostileCases(base)) {
        for (const [side, evaluate] of sides) {
          const outcome = evaluate(input);
          const items = (outcome.ok ? ((outcome.result as { notices: Notice[] }).notices ?? []) : (outcome.errors as CaseError[])) as (CaseError | Notice)[];
          for (const item of items) expect([base.file, side, name, shown(item)]).toEqual([base.file, side, name, expect.not.stringContaining(CANARY)]);
          if (!outcome.ok) {
            invalid++;
            // The value is kept apart for the author (an unknown key, or the value itself), so the planting reached the validator.
            const kept = JSON.stringify((outcome.errors as CaseError[]).map((e) => e.caseData ?? null));
            // (A long value is kept as a 60-character preview: its start.)
            expect([base.file, side, name, kept.includes('Kw4') || kept.includes('Flat 3')]).toEqual([base.file, side, name, true]);
          }
        }
        const validated = base.policy.validate(input);
        if (!validated.ok) for (const e of validated.errors) expect(shown(e)).not.toContain(CANARY);
      }
    }
    expect(invalid).toBeGreaterThan(targets.bases.length * 10);
  });
});

describe('the CLI', () => {
  const STATUTORY = 'policies/england/statutory-reviews.pdl';

  it('pdl evaluate (text and --json) prints no canary, on stdout or stderr', async () => {
    mkdirSync(SCRATCH, { recursive: true });
    const base = targets.bases.find((b) => b.file === STATUTORY)!;
    const cases = hostileCases(base);
    const picks = [cases.find(([n]) => n === 'everything at once')!];
    for (const [i, [, input]] of picks.entries()) {
      const file = join(SCRATCH, `case-${i}.json`);
      writeFileSync(file, JSON.stringify(input));
      for (const json of [[], ['--json']]) {
        const r = await pdlHere(['evaluate', STATUTORY, file, '--as-of', '2025-09-01', ...json]);
        expect(r.status).toBe(1);
        expect(r.stderr.length + r.stdout.length).toBeGreaterThan(0);
        expect(`${r.stdout}\n${r.stderr}`).not.toContain('Kw4');
      }
    }
    // A case that is not JSON: the parser's words are not printed either.
    const broken = join(SCRATCH, 'broken.json');
    writeFileSync(broken, `{"id": "${CANARY}", "child": ${CANARY}}`);
    const r = await pdlHere(['evaluate', STATUTORY, broken, '--as-of', '2025-09-01']);
    expect(r.status).toBe(1);
    expect(`${r.stdout}\n${r.stderr}`).not.toContain('Kw4');
  }, IN_PROCESS_TIMEOUT_MS);

  it('pdl simulate on a caseload of hostile cases prints no canary (--json: every problem of every case)', async () => {
    mkdirSync(SCRATCH, { recursive: true });
    const base = targets.bases.find((b) => b.file === STATUTORY)!;
    const lines = hostileCases(base).map(([, input], i) => {
      // simulate names a case by its id: give each a plain one, the canary everywhere else.
      const c = input !== null && typeof input === 'object' && !Array.isArray(input) ? { ...input, id: (input as { id?: Json }).id !== undefined && typeof (input as { id?: Json }).id !== 'string' ? (input as { id: Json }).id : `case-${i}` } : input;
      return JSON.stringify(c);
    });
    const file = join(SCRATCH, 'caseload.jsonl');
    writeFileSync(file, `${lines.join('\n')}\n`);
    for (const json of [['--json']]) {
      const r = await pdlHere(['simulate', '--baseline', STATUTORY, '--reform', STATUTORY, '--caseload', file, '--as-of', '2025-09-01', '--workers', '1', ...json]);
      expect(r.stdout.length).toBeGreaterThan(0);
      expect(`${r.stdout}\n${r.stderr}`).not.toContain('Kw4');
    }
  }, IN_PROCESS_TIMEOUT_MS);
});

describe("the playground's messages", () => {
  const host = createMemoryHost(policyEntriesFromModules(policyModules));

  it('parseCaseJson, the engine and caseMarks show no canary', () => {
    const engine = createEngine(host);
    const base = targets.bases.find((b) => b.file === 'policies/england/statutory-reviews.pdl')!;
    const texts = [...hostileCases(base).map(([, c]) => JSON.stringify(c, null, 2)), `{"id": "${CANARY}", "child": ${CANARY}}`, `{"${CANARY}": 1,, }`];
    let errors = 0;
    for (const caseJson of texts) {
      const parsed = parseCaseJson(caseJson);
      if (!parsed.ok) for (const e of parsed.errors) expect(shown(e)).not.toContain(CANARY);
      const response = engine.check({ requestId: 1, policyText: statutoryText, uri: STATUTORY_URI, caseJson, asOf: '2025-09-01' });
      const outcome = response.outcome as { kind: string; errors?: CaseError[] };
      const caseErrors = outcome.errors ?? [];
      errors += caseErrors.length;
      for (const e of caseErrors) expect(shown(e)).not.toContain(CANARY);
      for (const mark of caseMarks(caseJson, caseErrors)) expect(mark.message).not.toContain('Kw4');
      // Everything the engine sends back to the page but the errors' case data.
      const { outcome: _o, ...rest } = response;
      expect(JSON.stringify(rest)).not.toContain(CANARY);
    }
    expect(errors).toBeGreaterThan(texts.length);
  });
});
