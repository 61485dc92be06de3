/**
 * `pdl simulate --reading ...` through the CLI (run in this process: `main`), and runs over seeds:
 * the report names its reading at the top (summary, JSON, HTML) for both readings; `--seeds N`
 * reports intervals that contain the single-seed figures, are the same run after run and whatever
 * `--workers` is; the library's intervals and percentiles; usage errors of the reading's options.
 *
 * Input: policies/england/statutory-reviews.pdl, test/simulate/fixtures/behavioural/ (the two policies
 * and the model with a capacity), a caseload of 60 children generated here (seeded) into a temporary
 * folder, and a practice model with random shares and offsets written there. Output: assertions.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createFileHost } from '../../cli/file-host.ts';
import { parsePlainDate } from '../../runtime/index.ts';
import type { PlainDate } from '../../runtime/index.ts';
import { caseloadToJsonLines, generateCaseload, interval, percentile, seedList } from '../../simulation/index.ts';
import type { SimulationReport } from '../../simulation/index.ts';
import { pdlHere as pdl } from '../support/processes.ts';
import { compiledIr } from '../support/compiled.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const F = 'test/simulate/fixtures/behavioural';
const TMP = mkdtempSync(join(tmpdir(), 'pdl-behavioural-'));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));


// 60 fictitious children in 2024 in the vocabulary of the plan policies (no care plans recorded).
const host = createFileHost([`${ROOT}policies`, `${ROOT}${F}`], ROOT);
const ir = compiledIr(readFileSync(`${ROOT}${F}/plan-10-days.pdl`, 'utf8'), { uri: `${F}/plan-10-days.pdl`, host });
const CASELOAD = join(TMP, 'sixty.jsonl');
writeFileSync(CASELOAD, caseloadToJsonLines([...generateCaseload({ children: 60, from: parsePlainDate('2024-01-01') as PlainDate, to: parsePlainDate('2024-12-31') as PlainDate, seed: 'behavioural-cli', ir })]));
const MODEL = join(TMP, 'random-model.yaml');
writeFileSync(
  MODEL,
  [
    'events:',
    '  - event: care_plan_authorised',
    '    answers: care_plan_authorised',
    '    share: 0.8',
    '    offset: { uniform: [-6, 6] }',
    '    assumption: "four plans in five, within six days either side of the due date"',
    'capacity:',
    '  social_worker: 1',
    '',
  ].join('\n'),
);
const COMMON = ['simulate', '--baseline', `${F}/plan-10-days.pdl`, '--reform', `${F}/plan-5-days.pdl`, '--policies', F, '--caseload', CASELOAD, '--as-of', '2024-12-31'];
const BEHAVIOURAL = [...COMMON, '--reading', 'behavioural', '--practice', MODEL, '--seed', 'base'];

describe('the report names its reading', () => {
  it('static (the default): at the top of the summary, first in the JSON, and in the HTML', async () => {
    const html = join(TMP, 'static.html');
    const text = await pdl([...COMMON, '--html', html]);
    expect(text.status).toBe(0);
    const lines = text.stdout.split('\n');
    expect(lines.findIndex((l) => l.startsWith('Reading: static'))).toBeLessThan(lines.findIndex((l) => l.startsWith('Caseload')));
    expect(text.stdout).toContain("nobody is assumed to react to the reform's due dates");
    const json = JSON.parse((await pdl([...COMMON, '--json'])).stdout) as SimulationReport;
    expect(Object.keys(json)[0]).toBe('reading');
    expect(json.reading).toMatchObject({ name: 'static', practice: null, seed: null, capacity: [] });
    expect(json.behavioural).toBeUndefined();
    expect(readFileSync(html, 'utf8')).toContain('<h2>Reading: static</h2>');
  });

  it('behavioural: the reading, its assumptions, the model and the capacity; the re-timed work per role', async () => {
    const html = join(TMP, 'behavioural.html');
    const text = await pdl([...BEHAVIOURAL, '--capacity', 'social_worker=2', '--html', html]);
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/^Simulation as of 2024-12-31\n(.*\n){3}Reading: behavioural/);
    expect(text.stdout).toContain('social_worker 2 a week'); // the flag overrides the file's 1
    expect(text.stdout).toContain('model: care_plan_authorised answers care_plan_authorised, 80%: four plans in five');
    expect(text.stdout).toMatch(/Re-timed work per role[^\n]*\n\s+Role\s+Capacity\/week[^\n]*\n\s+social_worker\s+2\s+\d+/);
    const page = readFileSync(html, 'utf8');
    expect(page).toContain('<h2>Reading: behavioural</h2>');
    expect(page).toContain('<h2>Re-timed work per role</h2>');
    expect(page).not.toMatch(/<script/i);
  });
});

describe('--seeds N', () => {
  it('intervals contain the single-seed figures, and are the same run after run and whatever --workers is', async () => {
    const single = JSON.parse((await pdl([...BEHAVIOURAL, '--json'])).stdout) as SimulationReport;
    const runs = await Promise.all([pdl([...BEHAVIOURAL, '--seeds', '5', '--json']), pdl([...BEHAVIOURAL, '--seeds', '5', '--json', '--workers', '2'])]);
    expect(runs.map((r) => r.status)).toEqual([0, 0]);
    expect(runs[1]?.stdout).toBe(runs[0]?.stdout);
    const again = await pdl([...BEHAVIOURAL, '--seeds', '5', '--json']);
    expect(again.stdout).toBe(runs[0]?.stdout);
    const many = JSON.parse(runs[0]?.stdout ?? '') as SimulationReport;
    expect(many.intervals?.seeds).toEqual(['base', 'base#2', 'base#3', 'base#4', 'base#5']);
    // The first seed is the single-seed run: the same figures, and the tables are its own.
    expect(many.rules).toEqual(single.rules);
    const breaches = many.intervals?.measures.find((m) => m.measure === 'breaches:care_plan_authorised');
    const singleRule = single.rules.find((r) => r.rule === 'care_plan_authorised');
    expect(breaches?.first).toEqual({ baseline: singleRule?.baseline?.breaches, reform: singleRule?.reform?.breaches });
    for (const m of many.intervals?.measures ?? []) {
      for (const side of ['baseline', 'reform'] as const) {
        const iv = m[side];
        const first = m.first[side];
        if (iv === null || first === null) continue;
        expect(iv.p5).toBeLessThanOrEqual(first);
        expect(first).toBeLessThanOrEqual(iv.p95);
        expect(iv.p5).toBeLessThanOrEqual(iv.median);
        expect(iv.median).toBeLessThanOrEqual(iv.p95);
      }
    }
    // The seeds vary the model's draws: five different seeds do not all give the same breaches.
    expect(breaches?.baseline?.p5).toBeLessThan(breaches?.baseline?.p95 ?? 0);
    const text = await pdl([...BEHAVIOURAL, '--seeds', '5']);
    expect(text.stdout).toMatch(/Over 5 seeds \(median \[5th, 95th percentile\]; seeds base to base#5/);
    expect(text.stdout).toMatch(/social_worker: peak backlog\s+\d+(\.\d)? \[\d+, \d+\]/);
  });

  it('percentiles are rounded outwards; the median is the middle figure', () => {
    // Twenty figures 1..20: ranks 0.95 and 18.05 round out to 0 and 19 (the range); median (10+11)/2.
    const twenty = Array.from({ length: 20 }, (_, i) => 20 - i);
    expect(interval(twenty)).toEqual({ p5: 1, median: 10.5, p95: 20 });
    // A hundred figures 0..99: ranks 4.95 -> 4 and 94.05 -> 95.
    const hundred = Array.from({ length: 100 }, (_, i) => i);
    expect([percentile(hundred, 0.05, true), percentile(hundred, 0.95, false)]).toEqual([4, 95]);
    expect(interval([7])).toEqual({ p5: 7, median: 7, p95: 7 });
    expect(interval([])).toBeNull();
    expect(seedList('s', 3)).toEqual(['s', 's#2', 's#3']);
  });
});

describe('usage errors of the reading options (exit 2)', () => {
  it.each([
    [['--practice', `${F}/plan-on-due-date.yaml`], '--practice is for the behavioural reading'],
    [['--seeds', '3'], '--seeds repeats a behavioural run'],
    [['--capacity', 'iro=2'], '--capacity is for the behavioural reading'],
    [['--reading', 'behavioural'], '--reading behavioural needs --practice MODEL'],
    [['--reading', 'behavioural', '--practice', `${F}/plan-on-due-date.yaml`, '--capacity', 'iro'], '--capacity iro: expected ROLE=N'],
    [['--reading', 'behavioural', '--practice', `${F}/plan-on-due-date.yaml`, '--capacity', 'nobody=3'], 'capacity for nobody: neither policy declares that role'],
  ])('%j', async (extra, message) => {
    const r = await pdl([...COMMON, ...extra]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(message);
  });

  it('a model that fits neither policy is refused with its problems', async () => {
    const bad = join(TMP, 'bad-model.yaml');
    writeFileSync(bad, 'events:\n  - event: care_plan_authorised\n    answers: no_such_rule\n    share: 1\n    offset: { fixed: 0 }\n    assumption: "x"\n');
    const r = await pdl([...COMMON, '--reading', 'behavioural', '--practice', bad]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('has no deadline, cycle or duty no_such_rule');
  });
});

describe('seeds on worker threads', () => {
  it('give the same reports, in seed order, as the seeds run one after another in this thread (also with this thread running some)', async () => {
    const { runSeedsPool } = await import('../../cli/behavioural-pool.ts');
    const { jsonLinesRecords, overSeeds, readPracticeModel, simulateBehavioural, withIntervals } = await import('../../simulation/index.ts');
    const { preparePolicy } = await import('../../runtime/index.ts');
    const reformIr = compiledIr(readFileSync(`${ROOT}${F}/plan-5-days.pdl`, 'utf8'), { uri: `${F}/plan-5-days.pdl`, host });
    const m = readPracticeModel({ events: [{ event: 'care_plan_authorised', answers: 'care_plan_authorised', share: 0.8, offset: { uniform: [-6, 6] }, assumption: 'x' }] });
    if (!m.ok) throw new Error('bad model');
    const records = jsonLinesRecords(readFileSync(CASELOAD, 'utf8'), 'sixty.jsonl');
    const asOf = parsePlainDate('2024-12-31') as PlainDate;
    const capacity = [{ role: 'social_worker', perWeek: 1 }];
    const seeds = seedList('pool', 3);
    const onThreads = await runSeedsPool({ baseline: ir, reform: reformIr, asOf, reviewRule: 'looked_after_review', model: m.model, capacity, records }, seeds, 2);
    const b = preparePolicy(ir, { explanations: false });
    const r = preparePolicy(reformIr, { explanations: false });
    const here = overSeeds('pool', 3, (seed) => simulateBehavioural(b, r, records, asOf, { model: m.model, capacity, seed }));
    expect(JSON.stringify(withIntervals(seeds, onThreads))).toBe(JSON.stringify(here));
    // With this thread as one of the two (as the CLI runs them): one worker thread, the same reports.
    const ran: string[] = [];
    const shared = await runSeedsPool({ baseline: ir, reform: reformIr, asOf, reviewRule: 'looked_after_review', model: m.model, capacity, records }, seedList('pool', 5), 2, undefined, (seed) => {
      ran.push(seed);
      return simulateBehavioural(b, r, records, asOf, { model: m.model, capacity, seed });
    });
    expect(ran.length).toBeGreaterThan(0);
    expect(ran.length).toBeLessThan(5);
    expect(JSON.stringify(withIntervals(seedList('pool', 5), shared))).toBe(JSON.stringify(overSeeds('pool', 5, (seed) => simulateBehavioural(b, r, records, asOf, { model: m.model, capacity, seed }))));
  }, 120_000);
});
