/**
 * compiler/coverage-file/render.ts and index.ts for mutation testing: one small policy and a coverage
 * file that uses what the five committed coverage files do not (a source without a description,
 * notes, a group followed by statements outside it, a quote with a line break and a `|`, a statement
 * in part with its rule's cite pending, an empty list about the direction, table notes and a section
 * with spaces to trim), rendered whole; and the policy file named with a folder. The expected
 * document is read line by line against the coverage file.
 *
 * Input: the texts below. Output: assertions.
 */
import { describe, expect, it } from 'vitest';
import { checkCoverageText, citeCovers, parseCoverageFile, renderCoverageMarkdown } from '../../compiler/coverage-file/index.ts';
import type { SourceRange } from '../../compiler/source-range.ts';
import { compiledIr } from '../support/compiled.ts';

const POLICY = `policy cov
  title "Cov"

role iro "IRO"
event start_ev
event held

deadline meeting "Meeting"
  owner iro
  due within 10 days of start_ev
  met by held
  cite "para 1"
`;

const COVERAGE = `policy: dir/cov.pdl
title: Cov
source:
  title: The Direction
  publisher: A Council
  address: https://example.org/d
locators: paragraphs
notes:
  - label: Read
    text: on a date
statements:
  - number: 1
    locator: para 1
    quote: "Meet  \\n  within | ten days"
    rules: [meeting]
    cite_pending: [meeting]
    encoding: a deadline
    partial: not the time
  - number: 2
    group: Later
    locator: para 2
    quote: An aim
    not_encoded: an aim only
    category: no-actionable-content
  - number: 3
    group: Later
    locator: para 3
    quote: A gap
    category: language-gap
    not_encoded: cannot say it
  - number: 4
    locator: para 4
    quote: Another
    category: language-gap
    not_encoded: no words
about_the_direction: []
table_notes: "  Notes after.  "
sections:
  - title: Readings
    body: " Read it so. "
`;

const EXPECTED = [
  '# Coverage: Cov',
  '',
  '<!-- Generated from cov.coverage.yaml by `pdl coverage cov.pdl`: edit that file, not this one. -->',
  '',
  '- **Source**: A Council, *The Direction*, https://example.org/d',
  '- **Read**: on a date',
  '- **Locators**: paragraphs',
  '',
  '**Count** (`pdl coverage`): 4 statements. **1 are encoded** (1 of them only in part); 2 are not encoded because the language cannot say them yet (language gaps); 1 are not encoded because they carry nothing actionable (an aim, a judgement, a reference elsewhere) and leave the denominator. **Coverage: 1 of 3 actionable statements, 33.3%.**',
  '',
  '## Statements and the rules that encode them',
  '',
  '"Rules" names the rules that encode a statement (inherited ones are marked: they belong to the policy this one extends); "not encoded" says whether the statement is a language gap (counted against coverage) or carries nothing actionable (not counted).',
  '',
  '| # | Locator | Statement (quoted) | Rules | Encoding, or why not |',
  '| --- | --- | --- | --- | --- |',
  '| 1 | para 1 | Meet within \\| ten days | `meeting` (cite pending) | a deadline; **in part**: not the time |',
  '',
  '### Later',
  '',
  '| # | Locator | Statement (quoted) | Rules | Encoding, or why not |',
  '| --- | --- | --- | --- | --- |',
  '| 2 | para 2 | An aim | not encoded (no actionable content) | an aim only |',
  '| 3 | para 3 | A gap | not encoded (language gap) | cannot say it |',
  '',
  '| # | Locator | Statement (quoted) | Rules | Encoding, or why not |',
  '| --- | --- | --- | --- | --- |',
  '| 4 | para 4 | Another | not encoded (language gap) | no words |',
  '',
  'Notes after.',
  '',
  'The policy `cov` declares 1 rules of its own, each named by some statement above.',
  '',
  '## Readings',
  '',
  'Read it so.',
  '',
].join('\n');

describe('renderCoverageMarkdown', () => {
  it('renders every part of a coverage file, whole', () => {
    const ir = compiledIr(POLICY, { uri: 'cov.pdl' });
    const result = checkCoverageText(COVERAGE, 'cov.coverage.yaml', ir, 'cov.pdl');
    // The policy is named with its folder; only its file name must match.
    expect(result.diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual(['coverage/cite-mismatch statement 1: rule `meeting` cites "para 1", which covers the locator; remove it from `cite_pending`']);
    expect(result.report?.diagnostics).toEqual(result.diagnostics);
    if (result.report === undefined) throw new Error('no report');
    expect(renderCoverageMarkdown(result.report, { coverageFile: 'cov.coverage.yaml', command: 'pdl coverage cov.pdl' })).toBe(EXPECTED);
    // Another policy file: the mismatch first, in the report too.
    const other = checkCoverageText(COVERAGE, 'cov.coverage.yaml', ir, 'other.pdl');
    expect(other.diagnostics.map((d) => d.code)).toEqual(['coverage/policy-mismatch', 'coverage/cite-mismatch']);
    expect(other.report?.diagnostics).toEqual(other.diagnostics);
    // No policy file named (an embedder checking a coverage file on its own): nothing to mismatch.
    const unnamed = checkCoverageText(COVERAGE, 'cov.coverage.yaml', ir);
    expect(unnamed.diagnostics.map((d) => d.code)).toEqual(['coverage/cite-mismatch']);
  });
});

describe('renderCoverageMarkdown, the least a coverage file can give', () => {
  it('a source with its title alone, no notes, a group from the first statement, nothing about the direction, and a rule the policy lacks (an error, rendered as named)', () => {
    const ir = compiledIr(POLICY, { uri: 'cov.pdl' });
    const least = ['policy: cov.pdl', 'title: Least', 'source:', '  title: The Direction', 'locators: paragraphs', 'statements:', '  - number: 1', '    group: First', '    locator: para 1', '    quote: Meet', '    rules: [meeting, ghost]', '    encoding: a deadline', ''].join('\n');
    const result = checkCoverageText(least, 'least.coverage.yaml', ir, 'cov.pdl');
    expect(result.diagnostics.map((d) => `${d.code} ${d.range.startLine}:${d.range.startColumn} ${d.message}`)).toEqual([
      'coverage/unknown-rule 11:22 statement 1: policy `cov` has no rule `ghost`, its own or inherited',
    ]);
    if (result.report === undefined) throw new Error('no report');
    expect(renderCoverageMarkdown(result.report, { coverageFile: 'least.coverage.yaml', command: 'pdl coverage cov.pdl' })).toBe(
      [
        '# Coverage: Least',
        '',
        '<!-- Generated from least.coverage.yaml by `pdl coverage cov.pdl`: edit that file, not this one. -->',
        '',
        '- **Source**: *The Direction*',
        '- **Locators**: paragraphs',
        '',
        '**Count** (`pdl coverage`): 1 statements. **1 are encoded**; 0 are not encoded because the language cannot say them yet (language gaps); 0 are not encoded because they carry nothing actionable (an aim, a judgement, a reference elsewhere) and leave the denominator. **Coverage: 1 of 1 actionable statements, 100.0%.**',
        '',
        '## Statements and the rules that encode them',
        '',
        EXPECTED.split('\n')[12],
        '',
        '### First',
        '',
        '| # | Locator | Statement (quoted) | Rules | Encoding, or why not |',
        '| --- | --- | --- | --- | --- |',
        '| 1 | para 1 | Meet | `meeting`, `ghost` | a deadline |',
        '',
        'The policy `cov` declares 1 rules of its own, each named by some statement above.',
        '',
      ].join('\n'),
    );
  });
});

describe('renderCoverageMarkdown, inherited rules', () => {
  it('marks each inherited rule in its row and names them after the table, one rule or several', () => {
    const base = `policy base
  title "Base"

role iro "IRO"
event start_ev
event held

deadline first_b "First"
  owner iro
  due within 10 days of start_ev
  met by held
  cite "para 1"

deadline second_b "Second"
  owner iro
  due within 20 days of start_ev
  met by held
  cite "para 2"
`;
    const child = `policy child extends base
  title "Child"

deadline own "Own"
  owner iro
  due within 5 days of start_ev
  met by held
  cite "para 1"
`;
    const ir = compiledIr(child, { uri: 'child.pdl', host: { findPolicy: (id: string) => (id === 'base' ? { uri: 'base.pdl', text: base } : undefined) } });
    const rendered = (statements: readonly string[], codes: readonly string[]): string[] => {
      const text = ['policy: child.pdl', 'title: Child', 'source: { title: S }', 'locators: paragraphs', 'statements:', ...statements].join('\n');
      const result = checkCoverageText(text, 'child.coverage.yaml', ir, 'child.pdl');
      expect(result.diagnostics.map((d) => d.code)).toEqual(codes);
      if (result.report === undefined) throw new Error('no report');
      return renderCoverageMarkdown(result.report, { coverageFile: 'child.coverage.yaml', command: 'pdl coverage child.pdl' })
        .split('\n')
        .filter((l) => l.startsWith('| 1 ') || l.startsWith('| 2 ') || l.startsWith('The policy'));
    };
    const first = ['  - number: 1', '    locator: para 1', '    quote: Q1', '    rules: [own, first_b]'];
    // An inherited rule in `cite_pending` is an error (its cite is the base policy's), but it is rendered with both marks.
    expect(rendered([...first, '  - number: 2', '    locator: para 2', '    quote: Q2', '    rules: [second_b]', '    cite_pending: [second_b]'], ['coverage/cite-mismatch'])).toEqual([
      '| 1 | para 1 | Q1 | `own`, `first_b` (inherited from `base`) |  |',
      '| 2 | para 2 | Q2 | `second_b` (inherited from `base`; cite pending) |  |',
      'The policy `child` declares 1 rules of its own, each named by some statement above; the statements also name 2 inherited rules (`first_b`, `second_b`), whose cites belong to the policy that declares them.',
    ]);
    expect(rendered(first, [])).toEqual([
      '| 1 | para 1 | Q1 | `own`, `first_b` (inherited from `base`) |  |',
      'The policy `child` declares 1 rules of its own, each named by some statement above; the statements also name 1 inherited rule (`first_b`), whose cites belong to the policy that declares them.',
    ]);
  });
});

describe('parseCoverageFile: YAML and schema problems the committed files never have, and where the checks that follow point', () => {
  /** `line:column-line:column` of a range. */
  const at = (r: SourceRange): string => `${r.startLine}:${r.startColumn}-${r.endLine}:${r.endColumn}`;
  const problems = (text: string): string[] => parseCoverageFile(text, 'p.coverage.yaml').diagnostics.map((d) => `${d.code} ${at(d.range)} ${d.message}`);
  const head = 'policy: c.pdl\ntitle: T\nsource: { title: S }\nlocators: l\n';

  it('YAML that does not parse, or gives a key twice: the first line of the message, at its place', () => {
    expect(problems('policy: x\nstatements: [\n')).toEqual(['coverage/yaml-syntax 3:1-3:2 Flow sequence in block collection must be sufficiently indented and end with a ]']);
    expect(problems('policy: x\npolicy: y\n')).toEqual(['coverage/yaml-syntax 2:1-2:2 Map keys must be unique']);
  });

  it('schema problems of the whole file, of a top-level property and of a value, each once', () => {
    expect(problems('{}\n')).toEqual(['policy', 'title', 'source', 'locators', 'statements'].map((k) => `coverage/schema 1:1-1:3 the file: missing property \`${k}\``));
    expect(problems('- a\n- b\n')).toEqual(['coverage/schema 1:1-3:1 the file: must be object']);
    expect(problems(`${head}extra: 1\nstatements:\n  - number: "1"\n    locator: p\n    quote: q\n    rules: [a]\n`)).toEqual([
      'coverage/schema 5:8-5:9 the file: unknown property `extra`',
      'coverage/schema 7:13-7:16 `statements.0.number`: must be integer',
    ]);
  });

  it('locate gives the node at a path or its nearest ancestor; locateKey the key, or the file\'s start', () => {
    const parsed = parseCoverageFile(`${head}statements:\n  - number: 1\n    locator: p\n    quote: q\n    rules: [a]\n`, 'p.coverage.yaml');
    expect(parsed.diagnostics).toEqual([]);
    expect(at(parsed.locate(['statements', 0, 'rules', 0]))).toBe('9:13-9:14');
    expect(at(parsed.locate(['statements', 0, 'cite_pending', 0]))).toBe('6:5-10:1');
    expect(at(parsed.locate(['statements', 3, 'rules']))).toBe('6:3-10:1');
    expect(at(parsed.locate(['title', 'x']))).toBe('2:8-2:9');
    expect(at(parsed.locate(['statements', 'x']))).toBe('6:3-10:1');
    expect(at(parsed.locateKey('statements'))).toBe('5:1-5:11');
    expect(at(parsed.locateKey('nothing'))).toBe('1:1-1:1');
  });

  it('an empty file, whole; a number below a scalar; a statement both encoded and not, with an unknown property', () => {
    // An empty file has no root node: its schema error is at the file's start.
    expect(parseCoverageFile('', 'p.coverage.yaml').diagnostics).toEqual([
      { code: 'coverage/schema', severity: 'error', message: 'the file: must be object', uri: 'p.coverage.yaml', range: { start: 0, end: 0, startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 } },
    ]);
    expect(at(parseCoverageFile(`${head}statements: []\n`, 'p.coverage.yaml').locate(['title', 0]))).toBe('2:8-2:9');
    expect(problems(`${head}statements:\n  - number: 1\n    locator: p\n    quote: q\n    rules: [a]\n    not_encoded: n\n    category: language-gap\n    extra: 1\n`)).toEqual([
      'coverage/schema 6:5-13:1 `statements.0`: a statement has either `rules` (encoded) or `not_encoded` with a `category`, not both and not neither',
      'coverage/schema 12:12-12:13 `statements.0`: unknown property `extra`',
    ]);
  });
});

describe('checkCoverage: cite_pending that names no rule of its statement, a policy with nothing actionable', () => {
  const head = 'policy: cov.pdl\ntitle: T\nsource: { title: S }\nlocators: l\nstatements:\n';
  const checked = (text: string) => {
    const ir = compiledIr(POLICY, { uri: 'cov.pdl' });
    const result = checkCoverageText(text, 'c.coverage.yaml', ir, 'cov.pdl');
    return { diagnostics: result.diagnostics.map((d) => `${d.code} ${d.severity} ${d.range.startLine}:${d.range.startColumn} ${d.message}`), rules: result.report?.rules, counts: result.report?.counts };
  };

  it('a cite_pending rule not among the statement\'s rules is an error; one the policy lacks is reported once, as unknown', () => {
    const text = `${head}  - number: 1\n    locator: para 1\n    quote: q\n    rules: [meeting]\n    cite_pending: [other]\n  - number: 2\n    locator: para 2\n    quote: q\n    rules: [ghost]\n    cite_pending: [ghost]\n`;
    expect(checked(text)).toEqual({
      diagnostics: [
        'coverage/cite-mismatch error 10:20 statement 1: `cite_pending` names `other`, which is not in its `rules`',
        'coverage/unknown-rule error 14:13 statement 2: policy `cov` has no rule `ghost`, its own or inherited',
      ],
      rules: [[{ name: 'meeting', inherited: false, policy: 'cov' }], []],
      counts: { statements: 2, encoded: 2, partial: 0, languageGap: 0, noActionableContent: 0, actionable: 2, percent: 100, aboutTheDirection: 0 },
    });
  });

  it('nothing actionable: coverage is 100 %, and the policy\'s rule is unclaimed', () => {
    const text = `${head}  - number: 1\n    locator: para 1\n    quote: q\n    not_encoded: an aim\n    category: no-actionable-content\n`;
    expect(checked(text)).toEqual({
      diagnostics: ['coverage/unclaimed-rule error 5:1 rule `meeting` (cite "para 1") is named by no statement'],
      rules: [[]],
      counts: { statements: 1, encoded: 0, partial: 0, languageGap: 0, noActionableContent: 1, actionable: 0, percent: 100, aboutTheDirection: 0 },
    });
  });
});

describe('citeCovers: the edges of reading cites and locators', () => {
  const cases: readonly [string, string, boolean][] = [
    // white space, `;` without spaces, an empty part
    ['2.2.12;2.3.3', '2.3.3', true],
    ['x;2.3', '2.3, row 1', true],
    ['2.3.3', ' 2.3.3', true],
    ['2.2.12, paragraph 2', '2.2.12,  paragraph\n 2', true],
    ['-Informal Issue', '9.9;', false],
    // lists: a parenthesised `and` of more than one character, numbers of two digits, at most 200 numbers a range, at most 500 variants
    ['Practice Change, bullets 8 and 11 (and 14)', 'Practice Change, bullet 14', true],
    ['points 10-12', 'point 11', true],
    ['points 1-300', 'point 200', true],
    ['points 1-300', 'point 201', false],
    ['items 1-200; items 1-200; items 1-99; paragraph 9', 'paragraph 9', true],
    ['items 1-200; items 1-200; items 1-100; paragraph 9', 'paragraph 9', false],
    // whole words: a section number followed by a full stop and a digit is a longer number; by a full stop and a space, the same
    ['2.4.1.5', '2.4.1', false],
    ['2.4.1. Reviews', '2.4.1', true],
    // a comma (or any other character but a full stop) before a digit ends a number
    ['para 2,3', 'para 2', true],
    // an item inside the same section only
    ['2.2, table', '2.1, table', false],
    ['A (a b)', 'Aa b', false],
    [', a, b', ', b', false],
    ['x b c, d', 'x b c, c, d', false],
    ['S, paragraph 3 and table, row 2', 'S, table, row 2', true],
  ];
  it('each case', () => {
    expect(cases.map(([cite, locator]) => citeCovers(cite, locator))).toEqual(cases.map(([, , covers]) => covers));
  });
});
