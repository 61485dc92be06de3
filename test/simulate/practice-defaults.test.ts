/**
 * The default practice models shipped beside the policies (policies/X.practice.yaml, issue 13 item
 * 2): each is readable and fits its policy; a caseload generated for Bristol and South Glos with
 * their models makes their modelled local rules measurable, with breach shares near what the model
 * implies (the tolerance derived from the model's own figures and the count measured, not recorded
 * outputs); `pdl generate` uses a policy's default model unless told `--practice none`; so does the
 * playground's simulation, whose Bristol report then shows no rule breached for want of data.
 *
 * Input: the policies and their models from disk; caseloads generated here. Output: assertions.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkPracticeModel, defaultPracticePath, generateCaseload, parsePracticeModelText, simulate, valueRecords } from '../../simulation/index.ts';
import type { OffsetDistribution, PracticeEvent, PracticeModel } from '../../simulation/index.ts';
import { createFileHost } from '../../cli/file-host.ts';
import { runGenerate } from '../../cli/generate.ts';
import { parsePlainDate } from '../../runtime/index.ts';
import { createEngine } from '../../playground/src/engine.ts';
import { createMemoryHost, policyEntriesFromModules } from '../../playground/src/host.ts';
import { simulate as simulateInPlayground } from '../../playground/src/simulation.ts';
import { policyModules } from '../playground/fixtures.ts';
import type { CompiledPolicy, PlainDate } from '../../runtime/index.ts';
import { compiledPolicy } from '../support/compiled.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const host = createFileHost([`${ROOT}policies`], ROOT);

function load(path: string): CompiledPolicy {
  return compiledPolicy(readFileSync(`${ROOT}${path}`, 'utf8'), { uri: path, host, explanations: false });
}

function modelOf(path: string): PracticeModel {
  const read = parsePracticeModelText(readFileSync(`${ROOT}${path}`, 'utf8'), path);
  if (!read.ok) throw new Error(read.problems.join('; '));
  return read.model;
}

function day(text: string): PlainDate {
  const d = parsePlainDate(text);
  if (d === undefined) throw new Error(text);
  return d;
}

const MODELS = readdirSync(`${ROOT}policies`)
  .filter((f) => f.endsWith('.practice.yaml'))
  .map((f) => `policies/${f}`)
  .sort();

describe('the default practice models', () => {
  it('are the ones documented, one beside each policy that has one', () => {
    expect(MODELS.length).toBeGreaterThanOrEqual(4);
    const docs = readFileSync(`${ROOT}docs/simulation.md`, 'utf8');
    for (const m of MODELS) expect(docs).toContain(m);
  });

  it.each(MODELS)('%s reads, fits its policy and states every assumption', (path) => {
    const policyPath = `${path.slice(0, -'.practice.yaml'.length)}.pdl`;
    expect(defaultPracticePath(policyPath)).toBe(path);
    const model = modelOf(path);
    expect(checkPracticeModel(model, load(policyPath))).toEqual([]);
    for (const e of model.events) expect(e.assumption.length).toBeGreaterThan(40);
  });
});

/** The chance an event the model makes comes after the due date (met late), from its offset. */
function lateChance(offset: OffsetDistribution): number {
  if ('fixed' in offset) return offset.fixed > 0 ? 1 : 0;
  if ('uniform' in offset) {
    const [min, max] = offset.uniform;
    return Math.max(0, max - Math.max(min, 1) + 1) / (max - min + 1);
  }
  const total = offset.empirical.reduce((n, [, w]) => n + w, 0);
  return offset.empirical.filter(([d]) => d > 0).reduce((n, [, w]) => n + w, 0) / total;
}

/**
 * For each deadline the model answers with an event no other entry (nor the generator) makes: its
 * breach share among obligations with a known outcome is near (1 - share) + share x P(late), within
 * four standard errors plus 0.04 (events the period's end cuts off, and obligations a later one
 * supersedes, move it a little).
 */
function expectBreachesNearModel(policy: CompiledPolicy, model: PracticeModel, children: number, minimumChecked: number): void {
  const to = day('2024-12-31');
  const cases = [...generateCaseload({ children, from: day('2023-01-01'), to, seed: 'defaults', ir: policy.ir, practice: { model, policy } })];
  const report = simulate(policy, policy, valueRecords(cases, 'generated'), to);
  const notMeasurable = new Set(report.measurability.reform.map((u) => u.rule));
  const makers = new Map<string, number>();
  for (const e of model.events) makers.set(e.event, (makers.get(e.event) ?? 0) + 1);
  const deadlines = new Set(policy.ir.rules.filter((r) => r.kind === 'deadline').map((r) => r.id));
  let checked = 0;
  for (const e of model.events.filter((x): x is PracticeEvent & { answers: string } => x.answers !== undefined)) {
    expect(notMeasurable.has(e.answers) && (report.rules.find((r) => r.rule === e.answers)?.reform?.obligations ?? 0) > 0).toBe(false);
    if (!deadlines.has(e.answers) || makers.get(e.event) !== 1) continue;
    const row = report.rules.find((r) => r.rule === e.answers)?.reform;
    const known = (row?.met ?? 0) + (row?.metLate ?? 0) + (row?.overdue ?? 0);
    if (known < 100) continue;
    const expected = 1 - e.share + e.share * lateChance(e.offset);
    const tolerance = 4 * Math.sqrt((expected * (1 - expected)) / known) + 0.04;
    expect(Math.abs((row?.breaches ?? 0) / known - expected), `${e.answers}: ${row?.breaches} of ${known}`).toBeLessThan(tolerance);
    checked++;
  }
  expect(checked).toBeGreaterThanOrEqual(minimumChecked);
}

describe('a caseload generated with a default model', () => {
  it("measures Bristol's modelled rules, breaches near the model's", () => {
    expectBreachesNearModel(load('policies/bristol.pdl'), modelOf('policies/bristol.practice.yaml'), 300, 1);
  });

  it("measures South Glos's modelled rules, breaches near the model's", () => {
    expectBreachesNearModel(load('policies/south-glos.pdl'), modelOf('policies/south-glos.practice.yaml'), 120, 10);
  }, 120_000);
});

describe('pdl generate', () => {
  const run = async (extra: { practice?: string }): Promise<{ code: number; out: string; err: string }> => {
    let out = '';
    let err = '';
    const code = await runGenerate(
      { children: 20, from: '2023-01-01', to: '2024-12-31', seed: 'cli', out: '-', policy: 'policies/bristol.pdl', color: false, policies: [], ...extra },
      { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) }, cwd: ROOT, env: {} },
    );
    return { code, out, err };
  };

  it("uses the policy's default model, and none with --practice none", async () => {
    const withDefault = await run({});
    expect(withDefault.code).toBe(0);
    expect(withDefault.err).toContain('practice model policies/bristol.practice.yaml');
    expect(withDefault.out).toContain('"care_plan_authorised"');
    const without = await run({ practice: 'none' });
    expect(without.code).toBe(0);
    expect(without.err).not.toContain('practice model');
    expect(without.out).not.toContain('"care_plan_authorised"');
  });
});

describe("the playground's simulation", () => {
  const engine = createEngine(createMemoryHost(policyEntriesFromModules(policyModules)));
  const practice = new Map(MODELS.map((m) => [m, readFileSync(`${ROOT}${m}`, 'utf8')]));
  const bristolText = readFileSync(`${ROOT}policies/bristol.pdl`, 'utf8');
  const request = { kind: 'simulate' as const, requestId: 1, policyText: bristolText, uri: 'policies/bristol.pdl', baselineText: bristolText, baselineUri: 'policies/bristol.pdl', cases: 60, seed: 3, asOf: '2025-06-30' };

  it("generates Bristol's cases with its default model, says so, and lists what it cannot measure", () => {
    const withModel = simulateInPlayground(engine, request, practice);
    expect(withModel.problem).toBeUndefined();
    expect(withModel.notes?.[0]).toContain('policies/bristol.practice.yaml');
    const lost = new Set(withModel.report?.measurability.reform.map((u) => u.rule));
    expect(lost.has('care_plan_authorised_before_review')).toBe(false);
    expect(lost.has('social_worker_postponement')).toBe(true);
    const without = simulateInPlayground(engine, request);
    expect(new Set(without.report?.measurability.reform.map((u) => u.rule)).has('care_plan_authorised_before_review')).toBe(true);
  });

  it('does not use a model that no longer fits the baseline as edited, and says why', () => {
    const renamed = bristolText.replace('event care_plan_authorised ', 'event care_plan_signed_off ').replaceAll('met by care_plan_authorised', 'met by care_plan_signed_off').replaceAll('step care_plan_authorised', 'step care_plan_signed_off');
    const response = simulateInPlayground(engine, { ...request, baselineText: renamed, policyText: renamed }, practice);
    expect(response.problem).toBeUndefined();
    expect(response.notes?.[0]).toContain('does not fit the baseline as edited');
  });
});
