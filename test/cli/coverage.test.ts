/**
 * `pdl coverage` and compiler/coverage-file/: the five policies' coverage files agree with their
 * policies (no error; the only warnings are the `cite_pending` ones the files list), and
 * docs/coverage/*.md are exactly what the command renders from them, so CI fails when a policy, its
 * coverage file or its document drift apart. Then bad coverage files give exact diagnostics (code,
 * message, range in the YAML), the cite-covers-locator rule on its own, and the command's exit codes.
 *
 * Input: policies/*.pdl, policies/*.coverage.yaml, docs/coverage/*.md, test/cli/fixtures/. Output:
 * assertions. In-process: each policy is compiled once (no process per policy).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { hostFor } from '../../cli/host.ts';
import { checkCoverageText, citeCovers, parseCoverageFile, renderCoverageMarkdown, type CoverageDiagnostic } from '../../compiler/coverage-file/index.ts';
import type { PolicyIR } from '../../runtime/ir.ts';
import { IN_PROCESS_TIMEOUT_MS, pdlHere, ROOT } from '../support/processes.ts';
import { compiledIr } from '../support/compiled.ts';

const POLICIES = ['bristol', 'peterborough', 'brighton-hove', 'south-glos', 'cin-iro-involvement'] as const;

function compilePolicy(name: string): PolicyIR {
  const file = `policies/${name}.pdl`;
  return compiledIr(readFileSync(join(ROOT, file), 'utf8'), { uri: file, host: hostFor(file, ROOT, []) });
}

const irs = new Map<string, PolicyIR>();
beforeAll(() => {
  for (const name of POLICIES) irs.set(name, compilePolicy(name));
}, IN_PROCESS_TIMEOUT_MS);

function ir(name: string): PolicyIR {
  const found = irs.get(name);
  if (found === undefined) throw new Error(`no IR for ${name}`);
  return found;
}

describe('the five coverage files', () => {
  for (const name of POLICIES) {
    it(`${name}: no error, warnings only for the cite_pending rules, and docs/coverage/${name}.md is what the command renders`, () => {
      const uri = `policies/${name}.coverage.yaml`;
      const text = readFileSync(join(ROOT, uri), 'utf8');
      const result = checkCoverageText(text, uri, ir(name), `${name}.pdl`);
      expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const report = result.report;
      if (report === undefined) throw new Error(`${uri} did not parse`);
      const pending = report.coverage.statements.flatMap((s) => (s.cite_pending ?? []).map((rule) => `${s.number} ${rule}`));
      const warned = result.diagnostics.map((d) => `${d.code} ${/^statement (\d+): rule `(\w+)`/.exec(d.message)?.slice(1).join(' ') ?? d.message}`);
      expect([...warned].sort()).toEqual(pending.map((p) => `coverage/cite-pending ${p}`).sort());
      // every own rule is claimed, and the counts add up
      const claimed = new Set(report.coverage.statements.flatMap((s) => s.rules ?? []));
      for (const rule of report.ownRules) expect(claimed.has(rule), rule).toBe(true);
      const c = report.counts;
      expect(c.encoded + c.languageGap + c.noActionableContent).toBe(c.statements);
      expect(c.actionable).toBe(c.encoded + c.languageGap);
      const rendered = renderCoverageMarkdown(report, { coverageFile: uri, command: `pdl coverage policies/${name}.pdl --out docs/coverage/${name}.md` });
      expect(readFileSync(join(ROOT, `docs/coverage/${name}.md`), 'utf8')).toBe(rendered);
    });
  }
});

/** A Bristol coverage file with the given statements (YAML lines, indented by 2). */
function bristolFile(statements: string): string {
  return [
    'policy: bristol.pdl',
    'title: Bristol',
    'source:',
    '  title: Practice Direction to improve the timeliness of Children in Care Reviews',
    'locators: the bullets under "Practice Change"',
    'statements:',
    statements,
  ].join('\n');
}

/** Statements naming every own rule of Bristol but one, each at a locator its cite covers. */
const CLAIM_ALL_BUT_REVIEW_CANCELLATION = [
  '  - number: 2',
  '    locator: Practice Change, bullet 3',
  '    quote: q',
  '    rules: [care_plan_authorised_before_review, care_plan_after_needs_assessment]',
  '  - number: 3',
  '    locator: Practice Change, bullet 5',
  '    quote: q',
  '    rules: [social_worker_postponement, postponement_discussed_first, postponement_reasons_addressed_by_manager]',
  '  - number: 4',
  '    locator: Practice Change, bullet 9',
  '    quote: q',
  '    rules: [iro_postponement, postponement_reasons_addressed_by_iro]',
  '  - number: 5',
  '    locator: Practice Change, bullet 8',
  '    quote: q',
  '    rules: [review_rearranged_by_social_worker, review_arranged_within_statutory_timescales]',
  '  - number: 6',
  '    locator: Practice Change, bullet 11',
  '    quote: q',
  '    rules: [review_rearranged_by_iro]',
  '  - number: 7',
  '    locator: Practice Change, bullet 2',
  '    quote: q',
  '    rules: [child_prepared_before_review]',
  '  - number: 8',
  '    locator: Practice Change, bullet 4',
  '    quote: q',
  '    rules: [attendance_confirmed_before_review, carer_tells_social_worker]',
  '  - number: 9',
  '    locator: Practice Change, bullet 6',
  '    quote: q',
  '    rules: [postponement_only_after_approval]',
  '  - number: 10',
  '    locator: Practice Change, bullet 7',
  '    quote: q',
  '    rules: [case_direction_after_postponement]',
  '  - number: 11',
  '    locator: Practice Change, bullet 10',
  '    quote: q',
  '    rules: [emergency_postponement_discussed, emergency_postponement_communicated, emergency_child_communication_agreed, emergency_case_note_recorded]',
].join('\n');

function check(text: string): readonly CoverageDiagnostic[] {
  return checkCoverageText(text, 'bad.coverage.yaml', ir('bristol'), 'bristol.pdl').diagnostics;
}

function brief(d: CoverageDiagnostic): { code: string; severity: string; message: string; line: number; column: number; endColumn: number } {
  return { code: d.code, severity: d.severity, message: d.message, line: d.range.startLine, column: d.range.startColumn, endColumn: d.range.endColumn };
}

describe('bad coverage files: exact diagnostics with ranges in the YAML', () => {
  it('an unknown rule', () => {
    const text = bristolFile(['  - number: 1', '    locator: Practice Change, bullet 3', '    quote: q', '    rules: [review_cancellation, care_plan_signed_off]', CLAIM_ALL_BUT_REVIEW_CANCELLATION].join('\n'));
    expect(check(text).map(brief)).toEqual([
      { code: 'coverage/unknown-rule', severity: 'error', message: 'statement 1: policy `bristol.review_timeliness` has no rule `care_plan_signed_off`, its own or inherited', line: 10, column: 34, endColumn: 54 },
    ]);
  });

  it('a rule whose cite does not cover the locator, and the same rule listed in cite_pending (a warning)', () => {
    const statement = (pending: boolean): string =>
      ['  - number: 1', '    locator: Practice Change, bullet 4', '    quote: q', '    rules: [review_cancellation]', ...(pending ? ['    cite_pending: [review_cancellation]'] : []), CLAIM_ALL_BUT_REVIEW_CANCELLATION].join('\n');
    const message = 'statement 1: rule `review_cancellation` cites "Practice Change, bullet 3", which does not cover the statement\'s locator "Practice Change, bullet 4"';
    expect(check(bristolFile(statement(false))).map(brief)).toEqual([{ code: 'coverage/cite-mismatch', severity: 'error', message, line: 10, column: 13, endColumn: 32 }]);
    expect(check(bristolFile(statement(true))).map(brief)).toEqual([
      { code: 'coverage/cite-pending', severity: 'warning', message: `${message} (listed in \`cite_pending\`)`, line: 10, column: 13, endColumn: 32 },
    ]);
  });

  it('cite_pending for a rule whose cite covers the locator, or an inherited rule', () => {
    const text = bristolFile(
      ['  - number: 1', '    locator: Practice Change, bullet 3', '    quote: q', '    rules: [review_cancellation, looked_after_review]', '    cite_pending: [review_cancellation, looked_after_review]', CLAIM_ALL_BUT_REVIEW_CANCELLATION].join('\n'),
    );
    expect(check(text).map(brief)).toEqual([
      { code: 'coverage/cite-mismatch', severity: 'error', message: 'statement 1: rule `review_cancellation` cites "Practice Change, bullet 3", which covers the locator; remove it from `cite_pending`', line: 11, column: 20, endColumn: 39 },
      { code: 'coverage/cite-mismatch', severity: 'error', message: 'statement 1: rule `looked_after_review` is inherited; remove it from `cite_pending`', line: 11, column: 41, endColumn: 60 },
    ]);
  });

  it('an own rule that no statement names', () => {
    const text = bristolFile(['  - number: 1', '    locator: Practice Change, bullet 1', '    quote: q', '    not_encoded: an aim', '    category: no-actionable-content', CLAIM_ALL_BUT_REVIEW_CANCELLATION.replace(/number: (\d)/g, (_m, n: string) => `number: ${Number(n)}`)].join('\n'));
    expect(check(text).map(brief)).toEqual([
      { code: 'coverage/unclaimed-rule', severity: 'error', message: 'rule `review_cancellation` (cite "Practice Change, bullet 3") is named by no statement', line: 6, column: 1, endColumn: 11 },
    ]);
  });

  it('statements numbered out of order', () => {
    const text = bristolFile(['  - number: 1', '    locator: Practice Change, bullet 3', '    quote: q', '    rules: [review_cancellation]', CLAIM_ALL_BUT_REVIEW_CANCELLATION.replace('number: 4', 'number: 7')].join('\n'));
    expect(check(text).map(brief)).toEqual([
      { code: 'coverage/statement-number', severity: 'error', message: 'statement number 7 follows 3; statements are numbered 1, 2, 3... in order', line: 19, column: 13, endColumn: 14 },
      { code: 'coverage/statement-number', severity: 'error', message: 'statement number 5 follows 7; statements are numbered 1, 2, 3... in order', line: 23, column: 13, endColumn: 14 },
    ]);
  });

  it('schema errors: rules and not_encoded together, a missing category, a bad category, an unknown property', () => {
    const text = bristolFile(
      [
        '  - number: 1',
        '    locator: Practice Change, bullet 1',
        '    quote: q',
        '    rules: [review_cancellation]',
        '    not_encoded: why',
        '    category: language-gap',
        '  - number: 2',
        '    locator: Practice Change, bullet 2',
        '    quote: q',
        '    not_encoded: why',
        '  - number: 3',
        '    locator: Practice Change, bullet 2',
        '    quote: q',
        '    not_encoded: why',
        '    category: an-aim',
        '    owner: iro',
      ].join('\n'),
    );
    expect(check(text).map((d) => `${d.code} ${d.range.startLine}:${d.range.startColumn} ${d.message}`)).toEqual([
      'coverage/schema 7:5 `statements.0`: a statement has either `rules` (encoded) or `not_encoded` with a `category`, not both and not neither',
      'coverage/schema 13:5 `statements.1`: a statement has either `rules` (encoded) or `not_encoded` with a `category`, not both and not neither',
      'coverage/schema 22:12 `statements.2`: unknown property `owner`',
      'coverage/schema 21:15 `statements.2.category`: expected one of `no-actionable-content`, `language-gap`',
    ]);
  });

  it('YAML that does not parse, and a file for another policy', () => {
    const broken = check('policy: bristol.pdl\nstatements: [\n');
    expect(broken.map((d) => d.code)).toEqual(['coverage/yaml-syntax']);
    expect(broken[0]?.range.startLine).toBe(3);
    const other = check(bristolFile(['  - number: 1', '    locator: Practice Change, bullet 3', '    quote: q', '    rules: [review_cancellation]', CLAIM_ALL_BUT_REVIEW_CANCELLATION].join('\n')).replace('policy: bristol.pdl', 'policy: peterborough.pdl'));
    expect(other.map(brief)).toEqual([
      { code: 'coverage/policy-mismatch', severity: 'error', message: 'this coverage file is for `peterborough.pdl`, not `bristol.pdl`', line: 1, column: 9, endColumn: 25 },
    ]);
  });

  it('the parser alone: a valid file parses with no diagnostic', () => {
    const parsed = parseCoverageFile(bristolFile(CLAIM_ALL_BUT_REVIEW_CANCELLATION.replace(/number: (\d+)/g, (_, n: string) => `number: ${Number(n) - 1}`)), 'x.coverage.yaml');
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.file?.statements.map((s) => s.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });
});

describe('when a cite covers a locator', () => {
  const cases: readonly [string, string, boolean][] = [
    ['Practice Change, bullet 3', 'Practice Change, bullet 3', true],
    ['Practice Change, bullets 5 and 6', 'Practice Change, bullet 6', true],
    ['Practice Change, bullets 8 and 11 (and bullet 4)', 'Practice Change, bullet 4', true],
    ['Practice Change, bullet 11', 'Practice Change, bullet 1', false],
    ['Practice Change, bullet 9', 'Practice Change, bullet 6', false],
    ['2.4.1', '2.4.10', false],
    ['2.4.10', '2.4.1', false],
    ['2.2.12; 2.3.3', '2.3.3', true],
    ['2.2.12', '2.2.12, paragraph 2', true],
    ['9.2', '9.2 Stage 3, point 2', true],
    ['9.2 Stage 4, points 1-3', '9.2 Stage 4, point 2', true],
    ['9.2 Stage 4, points 1-3', '9.2 Stage 4, point 4', false],
    ['-Informal Issue, matters, bullets 1 to 19', '-Informal Issue, matters, bullet 19', true],
    ['Standard 2 (SWs and TMs), paragraph 1 and timescale column', 'Standard 2 (SWs and TMs), paragraph 1, timescale column', true],
    ['Standard 2 (IROs), paragraph 1 and timescale column', 'Standard 2 (IROs), paragraph 2 and timescale column', false],
    ['Standards 3 and 5 (QARU)', 'Standard 5 (QARU)', true],
    ['Standard 3 (IROs), timescale column, entry 1', 'Standard 3 (IROs), timescale column, entries 1 and 2', true],
    ['3.1. Practice Recognition, paragraph 3 and its table', '3.1. Practice Recognition, table, Service response', true],
    ['1.2, paragraph 1; 1.4, brought forward, bullet 6', '1.4, brought forward, bullet 2', false],
    ['Formal Challenge; Manager Alert (Looked-After) process, Informal Issue and Levels 1 to 5', 'Manager Alert (Looked-After) process, Informal Issue, timescale column', true],
  ];
  for (const [cite, locator, covers] of cases) {
    it(`"${cite}" ${covers ? 'covers' : 'does not cover'} "${locator}"`, () => {
      expect(citeCovers(cite, locator)).toBe(covers);
    });
  }
});

describe('pdl coverage (the command, in process)', () => {
  it('--check: one summary line, exit 0', async () => {
    const r = await pdlHere(['coverage', 'policies/cin-iro-involvement.pdl', '--check']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^policies\/cin-iro-involvement\.coverage\.yaml: 25 statements, \d+ of \d+ actionable encoded \(\d+\.\d%\); no warnings\n$/);
    expect(r.status).toBe(0);
  }, IN_PROCESS_TIMEOUT_MS);

  it('--check --out: exit 1 when the document differs from the rendering', async () => {
    const r = await pdlHere(['coverage', 'policies/bristol.pdl', '--check', '--out', 'docs/coverage/cin-iro-involvement.md']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('error: docs/coverage/cin-iro-involvement.md differs from what `pdl coverage policies/bristol.pdl --out docs/coverage/cin-iro-involvement.md` renders from policies/bristol.coverage.yaml; run that command');
  }, IN_PROCESS_TIMEOUT_MS);

  it('a bad coverage file: code frames on stderr, exit 1, nothing on stdout', async () => {
    const r = await pdlHere(['coverage', 'policies/bristol.pdl', '--coverage', 'test/cli/fixtures/bristol-bad.coverage.yaml']);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain([
      'error[coverage/unknown-rule]: statement 1: policy `bristol.review_timeliness` has no rule `care_plan_signed_off`, its own or inherited',
      '  --> test/cli/fixtures/bristol-bad.coverage.yaml:16:9',
      '   |',
      '16 |       - care_plan_signed_off',
      '   |         ^^^^^^^^^^^^^^^^^^^^',
    ].join('\n'));
    expect(r.stderr).toContain('error[coverage/unclaimed-rule]: rule `review_cancellation` (cite "Practice Change, bullet 3") is named by no statement');
    expect(r.stderr).toContain('error: test/cli/fixtures/bristol-bad.coverage.yaml: 20 errors; no document was written');
  }, IN_PROCESS_TIMEOUT_MS);

  it('--format json: the counts and each statement\'s rules, inherited ones marked', async () => {
    const r = await pdlHere(['coverage', 'policies/bristol.pdl', '--format', 'json']);
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as { counts: { statements: number; encoded: number; actionable: number }; statements: { number: number; rules: { name: string; inherited: boolean; policy: string }[] }[] };
    expect(report.counts.statements).toBe(report.statements.length);
    const inherited = report.statements.flatMap((s) => s.rules.filter((x) => x.inherited));
    expect(inherited.length).toBeGreaterThan(0);
    expect(inherited.every((x) => x.policy === 'england.statutory_reviews')).toBe(true);
  }, IN_PROCESS_TIMEOUT_MS);

  it('a coverage file that cannot be read: exit 2', async () => {
    const r = await pdlHere(['coverage', 'policies/england/statutory-reviews.pdl']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^error: cannot read policies\/england\/statutory-reviews\.coverage\.yaml: /);
  }, IN_PROCESS_TIMEOUT_MS);
});
