/**
 * `pdl simulate --children N --from DATE --to DATE` (a synthetic caseload generated in the process,
 * cli/simulate-synthetic.ts), through the CLI run in this process: its report equals `pdl generate`
 * then `pdl simulate` of the file (but for the caseload section), whatever `--workers` is; `--seeds N`
 * gives the first seed's report with intervals (text, JSON, HTML) that hold each seed's own figures,
 * the same run after run and whatever `--workers` is; and the usage errors of the new options.
 *
 * Input: policies/england/statutory-reviews.pdl against test/simulate/fixtures/days-restart.pdl
 * (reviews restarting at every move), and Bristol (its default practice model beside it); files
 * written to a temporary folder. Output: assertions.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { SimulationReport } from '../../simulation/index.ts';
import { pdlHere as pdl } from '../support/processes.ts';

const TMP = mkdtempSync(join(tmpdir(), 'pdl-synthetic-'));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

const POLICIES = ['--baseline', 'policies/england/statutory-reviews.pdl', '--reform', 'test/simulate/fixtures/days-restart.pdl'];
const PERIOD = ['--from', '2023-01-01', '--to', '2024-12-31'];

type Json = SimulationReport & { caseload: { kind: string; synthetic?: { children: number; seeds: string[]; practice: string | null } } };

async function json(args: readonly string[]): Promise<Json> {
  const r = await pdl([...args, '--json']);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout) as Json;
}

/** The report without what names the caseload's source (its section; failures' origins). */
function figures(report: Json): unknown {
  const { caseload: _caseload, ...rest } = report;
  return { ...rest, failures: rest.failures.map((f) => ({ ...f, origin: '' })) };
}

describe('a synthetic caseload generated in the process', () => {
  it('gives the report of pdl generate then pdl simulate of its file, on one thread or two', async () => {
    const file = join(TMP, 'same.jsonl');
    const generated = await pdl(['generate', '--children', '150', ...PERIOD, '--seed', 'same', '--out', file]);
    expect(generated.status).toBe(0);
    const fromFile = await json(['simulate', ...POLICIES, '--caseload', file, '--as-of', '2024-12-31']);
    const here = await json(['simulate', ...POLICIES, '--children', '150', ...PERIOD, '--seed', 'same']);
    expect(here.asOf).toBe('2024-12-31'); // the period's last day by default
    expect(here.input.cases).toBe(150);
    expect(figures(here)).toEqual(figures(fromFile));
    expect(here.caseload.kind).toBe('synthetic');
    expect(here.caseload.synthetic?.seeds).toEqual(['same']);
    const twoThreads = await json(['simulate', ...POLICIES, '--children', '150', ...PERIOD, '--seed', 'same', '--workers', '2']);
    expect(figures(twoThreads)).toEqual(figures(here));
  }, 240_000);

  it("uses the baseline's default practice model, as pdl generate --policy does", async () => {
    const file = join(TMP, 'bristol.jsonl');
    expect((await pdl(['generate', '--children', '40', ...PERIOD, '--seed', 'b', '--policy', 'policies/bristol.pdl', '--out', file])).status).toBe(0);
    const bristol = ['--baseline', 'policies/bristol.pdl', '--reform', 'policies/bristol.pdl'];
    const fromFile = await json(['simulate', ...bristol, '--caseload', file, '--as-of', '2024-12-31']);
    const here = await json(['simulate', ...bristol, '--children', '40', ...PERIOD, '--seed', 'b']);
    expect(here.caseload.synthetic?.practice).toBe('policies/bristol.practice.yaml');
    expect(figures(here)).toEqual(figures(fromFile));
    expect(Object.keys(here.measurability.eventTypes)).toContain('care_plan_authorised');
  }, 240_000);
});

describe('a synthetic run over seeds', () => {
  const SEEDS = ['simulate', ...POLICIES, '--children', '120', ...PERIOD, '--seed', 'syn', '--seeds', '4'];

  it('reports the first seed with intervals holding every seed\'s own figures, the same on one thread or two', async () => {
    const many = await json([...SEEDS, '--workers', '1']);
    expect(many.intervals?.seeds).toEqual(['syn', 'syn#2', 'syn#3', 'syn#4']);
    const first = await json(['simulate', ...POLICIES, '--children', '120', ...PERIOD, '--seed', 'syn']);
    expect(figures({ ...many, intervals: undefined } as Json)).toEqual(figures({ ...first, intervals: undefined } as Json));
    const singles = [first, ...(await Promise.all(['syn#2', 'syn#3', 'syn#4'].map((s) => json(['simulate', ...POLICIES, '--children', '120', ...PERIOD, '--seed', s]))))];
    const overdue = many.intervals?.measures.find((m) => m.measure === 'childrenOverdue');
    const values = singles.map((r) => r.children.overdueUnderReform).sort((a, b) => a - b);
    // 4 seeds: the interval is the range of the figures, the median the mean of the middle two.
    expect(overdue?.reform).toEqual({ p5: values[0], median: ((values[1] as number) + (values[2] as number)) / 2, p95: values[3] });
    expect(overdue?.first.reform).toBe(first.children.overdueUnderReform);
    const two = await json([...SEEDS, '--workers', '2']);
    expect(JSON.stringify(two)).toBe(JSON.stringify(many));
  }, 240_000);

  it('shows the intervals in the summary and the HTML report', async () => {
    const html = join(TMP, 'seeds.html');
    const text = await pdl([...SEEDS, '--html', html]);
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/^Over 4 seeds \(median \[5th, 95th percentile\]; seeds syn to syn#4/m);
    expect(text.stdout).toMatch(/^ {2}synthetic: 120 children, 2023-01-01 to 2024-12-31, seed syn \(and 3 more\)/m);
    expect(text.stdout).toMatch(/^ {2}children with an overdue obligation +\d+(\.\d)? \[\d+, \d+\]/m);
    expect(readFileSync(html, 'utf8')).toContain('syn#4');
  }, 240_000);
});

describe('usage', () => {
  it('a baseline whose vocabulary the generator cannot write for is a usage error, as in pdl generate', async () => {
    const r = await pdl(['simulate', '--baseline', 'test/simulate/fixtures/required-fact.pdl', '--reform', 'test/simulate/fixtures/required-fact.pdl', '--children', '10', ...PERIOD]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^error: the policy requires facts the generator cannot invent/);
  });

  it.each([
    [['--children', '10', ...PERIOD, '--caseload', 'x.jsonl'], /^error: --children, --from, --to are for a synthetic caseload \(--children N --from DATE --to DATE\), not with --caseload/],
    [['--caseload', 'x.jsonl', '--late-share', '0.5'], /^error: --late-share is for a synthetic caseload \(--children N --from DATE --to DATE\), not with --caseload/],
    [['--caseload', 'x.jsonl', '--seed', '5'], /^error: --seed is for a behavioural run or a synthetic caseload/],
    [['--caseload', 'test/simulate/fixtures/hand.jsonl', '--assume-start'], /^error: --assume-start is for SSDA903 tables or an SSDA903 XML return .*; test\/simulate\/fixtures\/hand.jsonl is not one/],
    [['--children', '10', '--from', '2023-01-01'], /give --caseload PATH, or a synthetic caseload with --children N --from DATE --to DATE/],
    [['--children', '10', '--from', '2024-01-01', '--to', '2023-01-01'], /--from 2024-01-01 is after --to 2023-01-01/],
    [['--children', '10', ...PERIOD, '--reading', 'behavioural', '--practice', 'm.yaml'], /--children generates a caseload for the static reading/],
    [['--caseload', 'x.jsonl', '--seeds', '3'], /--seeds repeats a behavioural run or a synthetic caseload/],
  ])('%j is a usage error', async (args, message) => {
    const r = await pdl(['simulate', ...POLICIES, ...args]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});
