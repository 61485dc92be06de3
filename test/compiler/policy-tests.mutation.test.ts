/**
 * The policy tests runner (compiler/testing/policy-tests.ts) for mutation testing: every problem
 * `parseTestsFile` reports, with its path and its whole message; what a parsed test holds (the case's
 * id and facts filled in, the cite kept); and every failure `runTest` reports, word for word. The
 * other suites run the repository's passing tests files, which reach few of these messages.
 *
 * Input: a one-deadline policy and tests files written here. Output: assertions.
 */
import { describe, expect, it } from 'vitest';
import { compile } from '../../compiler/index.ts';
import { matches, parseTestsFile, runTest, type PolicyTest } from '../../compiler/testing/policy-tests.ts';
import type { CompiledPolicy } from '../../runtime/index.ts';
import { compiledPolicy } from '../support/compiled.ts';

const POLICY = `policy pt
  title "PT"

role iro "IRO"
event start_ev
event held { by: role }

deadline meeting "Meeting"
  owner iro
  due within 10 days of start_ev
  met by held
  cite "1"
`;

function policy(): CompiledPolicy {
  return compiledPolicy(POLICY, { uri: 'pt.pdl' });
}

/** A tests file with one test whose mapping is `lines` (indented under `- `). */
function oneTest(lines: readonly string[]): string {
  return ['policy: pt.pdl', 'tests:', ...lines.map((l, i) => `${i === 0 ? '  - ' : '    '}${l}`)].join('\n');
}

const START = "{ id: c, child: { dob: '2010-01-01' }, events: [{ type: start_ev, date: '2024-01-01' }] }";

function parsedTest(lines: readonly string[]): PolicyTest {
  const { file, errors } = parseTestsFile(oneTest(lines));
  expect(errors).toEqual([]);
  const test = file?.tests[0];
  if (test === undefined) throw new Error('no test');
  return test;
}

describe('parseTestsFile', () => {
  it('a well-formed file: the policy, each test with its cite, as-of date, case (id and facts filled in) and expectations', () => {
    const text = [
      'policy: pt.pdl',
      'tests:',
      '  - name: open',
      '    cite: para 1',
      '    as_of: 2024-01-05',
      `    case: { child: { dob: '2010-01-01' }, events: [] }`,
      '    expect:',
      '      obligations: [{ rule: meeting }]',
      '      counts: { obligations: 1, violations: 0 }',
      '  - name: rejected',
      '    as_of: 2024-01-05',
      '    case: { id: own, facts: { a: 1 }, child: {}, events: [] }',
      '    expect:',
      '      errors: [{ path: child.dob }]',
    ].join('\n');
    expect(parseTestsFile(text)).toEqual({
      file: {
        policy: 'pt.pdl',
        tests: [
          { name: 'open', cite: 'para 1', asOf: '2024-01-05', case: { id: 'open', facts: {}, child: { dob: '2010-01-01' }, events: [] }, expect: { lists: { obligations: [{ rule: 'meeting' }] }, counts: { obligations: 1, violations: 0 } } },
          { name: 'rejected', asOf: '2024-01-05', case: { id: 'own', facts: { a: 1 }, child: {}, events: [] }, expect: { lists: {}, counts: {}, errors: [{ path: 'child.dob' }] } },
        ],
      },
      errors: [],
    });
  });

  it('the file as a whole: not YAML, not a mapping, unknown fields, no policy, no tests', () => {
    expect(parseTestsFile('policy: [').errors).toHaveLength(1);
    expect(parseTestsFile('policy: [').errors[0]!.path).toBe('$');
    expect(parseTestsFile('policy: [').errors[0]!.message).toMatch(/^not valid YAML: [^\n]+$/);
    expect(parseTestsFile('- a').errors).toEqual([{ path: '$', message: 'a tests file is a mapping with `policy` and `tests`' }]);
    expect(parseTestsFile('just text').errors).toEqual([{ path: '$', message: 'a tests file is a mapping with `policy` and `tests`' }]);
    expect(parseTestsFile('version: 1\npolicy: 3\ntests: []').errors).toEqual([
      { path: 'version', message: 'unknown field `version`' },
      { path: 'policy', message: '`policy` names the policy file, e.g. `bristol.pdl`' },
      { path: 'tests', message: '`tests` is a non-empty list' },
    ]);
    expect(parseTestsFile('policy: a.pdl\ntests: { name: x }').errors).toEqual([{ path: 'tests', message: '`tests` is a non-empty list' }]);
  });

  it('an as_of that is no real day (2025-02-30) is the tests file\'s error at its path, not the case\'s', () => {
    // A walkthrough got "the case was rejected: asOf: ..." from the evaluation instead.
    const { file, errors } = parseTestsFile(oneTest(['name: a', 'as_of: 2025-02-30', 'case: {}', 'expect: { counts: { obligations: 0 } }']));
    expect(file).toBeUndefined();
    expect(errors).toEqual([{ path: 'tests[0].as_of', message: '`as_of` is a date, YYYY-MM-DD' }]);
  });

  it('each test: every problem with its path and message, and a duplicate name', () => {
    const text = [
      'policy: pt.pdl',
      'tests:',
      '  - just a string',
      '  - name: " "',
      '    as_of: 2024-02-30x',
      '    case: [1]',
      '    expect: [1]',
      '  - name: a',
      '    when: now',
      '    as_of: 20240101',
      '    case: {}',
      '    expect: {}',
      '  - name: a',
      '    as_of: 2024-01-01',
      '    case: {}',
      '    expect:',
      '      obligations: [1]',
      '      violations: {}',
      '      counts: [1]',
      '      errors: [x]',
      '      explanations: []',
      '  - name: b',
      '    as_of: 2024-01-01',
      '    case: {}',
      '    expect:',
      '      counts: { obligations: -1, violations: 1.5, notices: "2", things: 1, escalations: 0 }',
      '      errors: {}',
    ].join('\n');
    const { file, errors } = parseTestsFile(text);
    expect(file).toBeUndefined();
    expect(errors).toEqual([
      { path: 'tests[0]', message: 'a test is a mapping' },
      { path: 'tests[1].name', message: 'each test has a `name`' },
      { path: 'tests[1].as_of', message: '`as_of` is a date, YYYY-MM-DD' },
      { path: 'tests[1].case', message: '`case` is the case, as in a case file' },
      { path: 'tests[1].expect', message: '`expect` says what the evaluation must report' },
      { path: 'tests[2].when', message: 'unknown field `when`' },
      { path: 'tests[2].as_of', message: '`as_of` is a date, YYYY-MM-DD' },
      { path: 'tests[2].expect', message: 'a test must expect something' },
      { path: 'tests[3].name', message: 'two tests are named `a`' },
      { path: 'tests[3].expect.obligations', message: '`obligations` is a list of mappings' },
      { path: 'tests[3].expect.violations', message: '`violations` is a list of mappings' },
      { path: 'tests[3].expect.counts', message: '`counts` maps result lists to numbers' },
      { path: 'tests[3].expect.errors', message: '`errors` is a list of mappings with `path`' },
      { path: 'tests[3].expect.explanations', message: 'unknown expectation `explanations`' },
      { path: 'tests[3].expect', message: 'a test must expect something' },
      { path: 'tests[4].expect.counts.obligations', message: '`obligations` must be one of obligations, superseded, violations, escalations, criteria, notifications, notices with a whole number' },
      { path: 'tests[4].expect.counts.violations', message: '`violations` must be one of obligations, superseded, violations, escalations, criteria, notifications, notices with a whole number' },
      { path: 'tests[4].expect.counts.notices', message: '`notices` must be one of obligations, superseded, violations, escalations, criteria, notifications, notices with a whole number' },
      { path: 'tests[4].expect.counts.things', message: '`things` must be one of obligations, superseded, violations, escalations, criteria, notifications, notices with a whole number' },
      { path: 'tests[4].expect.errors', message: '`errors` is a list of mappings with `path`' },
    ]);
  });

  it('a test expecting only a count of 0, or only errors, expects something', () => {
    expect(parseTestsFile(oneTest(['name: a', 'as_of: 2024-01-01', 'case: {}', 'expect: { counts: { obligations: 0 } }'])).errors).toEqual([]);
    expect(parseTestsFile(oneTest(['name: a', 'as_of: 2024-01-01', 'case: {}', 'expect: { errors: [] }'])).errors).toEqual([]);
    expect(parseTestsFile(oneTest(['name: a', 'as_of: 2024-01-01', 'case: {}', 'expect: { notices: [] }'])).errors).toEqual([]);
    expect(parsedTest(['name: a', 'cite: 3', 'as_of: 2024-01-01', 'case: {}', 'expect: { notices: [] }'])).toEqual({ name: 'a', asOf: '2024-01-01', case: { id: 'a', facts: {} }, expect: { lists: { notices: [] }, counts: {} } });
  });
});

describe('matches', () => {
  it('null for an absent field, _contains on strings only, records and arrays whole', () => {
    expect(matches(null, undefined)).toBe(true);
    expect(matches(null, null)).toBe(true);
    expect(matches(null, 0)).toBe(false);
    expect(matches({ due: null }, { rule: 'a' })).toBe(true);
    expect(matches({ due: null }, { due: '2024-01-01' })).toBe(false);
    expect(matches({ a: 1 }, [1])).toBe(false);
    expect(matches({ a: 1 }, null)).toBe(false);
    expect(matches({ message_contains: 'x' }, { message: 3 })).toBe(false);
    expect(matches({ message_contains: 3 }, { message_contains: 3 })).toBe(true);
    expect(matches({ message_contains: 'ab' }, { message: 'xaby' })).toBe(true);
    expect(matches([1, 2], [1, 2])).toBe(true);
    expect(matches([1, 2], [1, 2, 3])).toBe(false);
    expect(matches([1, 2], [2, 1])).toBe(false);
    expect(matches([1], { 0: 1, length: 1 })).toBe(false);
    expect(matches([{ a: 1 }], [{ a: 1, b: 2 }])).toBe(true);
    expect(matches('a', 'a')).toBe(true);
    expect(matches(1, '1')).toBe(false);
  });
});

describe('runTest', () => {
  it('a passing test, and each kind of failure, word for word', () => {
    const p = policy();
    const pass = parsedTest(['name: pass', 'as_of: 2024-01-05', `case: ${START}`, 'expect:', '  obligations: [{ rule: meeting, due: 2024-01-11, status: open }]', '  counts: { obligations: 1, violations: 0 }']);
    expect(runTest(p, pass)).toEqual({ name: 'pass', passed: true, failures: [] });

    const wrong = parsedTest([
      'name: wrong',
      'as_of: 2024-01-05',
      `case: ${START}`,
      'expect:',
      '  obligations: [{ rule: meeting, due: 2024-01-12 }, { rule: other }]',
      '  violations: [{ rule: meeting }]',
      '  counts: { obligations: 2, superseded: 0 }',
    ]);
    const found = '{"rule":"meeting","occurrence":1,"title":"Meeting","owner":"iro","anchor":{"event":"start_ev","date":"2024-01-01"},"due":"2024-01-11","status":"open","citation":"1"}';
    expect(runTest(p, wrong)).toEqual({
      name: 'wrong',
      passed: false,
      failures: [
        `expected obligation {"rule":"meeting","due":"2024-01-12"}; found ${found}`,
        'expected obligation {"rule":"other"}; there is none like it among 1 obligations',
        `expected 2 obligations, found 1: ${found}`,
        'expected violation {"rule":"meeting"}; there is none like it among 0 violations',
      ],
    });

    const rejected = parsedTest(['name: rejected', 'as_of: 2024-01-05', "case: { child: { dob: '2010-01-01' }, events: [{ type: start_ev }] }", 'expect: { counts: { obligations: 0 } }']);
    expect(runTest(p, rejected)).toEqual({ name: 'rejected', passed: false, failures: ['the case was rejected: events[0].date: missing the `date` of event `start_ev`'] });

    const errors = parsedTest([
      'name: errors',
      'as_of: 2024-01-05',
      "case: { child: { dob: '2010-01-01' }, events: [{ type: start_ev }] }",
      'expect:',
      '  errors: [{ path: "events[0].date", message_contains: missing }, { path: child.dob }]',
    ]);
    expect(runTest(p, errors)).toEqual({
      name: 'errors',
      passed: false,
      failures: ['expected an error {"path":"child.dob"}; the errors were [{"code":"case/missing-event-date","path":"events[0].date","keys":["events",0,"date"],"params":{"event":"start_ev"},"message":"missing the `date` of event `start_ev`"}]'],
    });
    const expectedError = parsedTest(['name: expected-error', 'as_of: 2024-01-05', "case: { child: { dob: '2010-01-01' }, events: [{ type: start_ev }] }", 'expect: { errors: [{ path: "events[0].date" }] }']);
    expect(runTest(p, expectedError)).toEqual({ name: 'expected-error', passed: true, failures: [] });

    const accepted = parsedTest(['name: accepted', 'as_of: 2024-01-05', `case: ${START}`, 'expect: { errors: [{ path: child.dob }], counts: { obligations: 1 } }']);
    expect(runTest(p, accepted)).toEqual({ name: 'accepted', passed: false, failures: ['expected the case to be rejected, but it was accepted'] });
  });

  it('a failure names the reported items of the same ladder or criteria by their own fields', () => {
    const p = policy();
    const byName = parsedTest(['name: n', 'as_of: 2024-01-05', `case: ${START}`, 'expect:', '  obligations: [{ ladder: x, name: y }]']);
    expect(runTest(p, byName).failures).toEqual(['expected obligation {"ladder":"x","name":"y"}; there is none like it among 1 obligations']);
    const sameTitle = parsedTest(['name: t', 'as_of: 2024-01-05', `case: ${START}`, 'expect:', '  obligations: [{ title: Meeting, status: met }]']);
    expect(runTest(p, sameTitle).failures).toEqual(['expected obligation {"title":"Meeting","status":"met"}; there is none like it among 1 obligations']);
  });
});

describe('what the tests above leave out', () => {
  it('parseTestsFile: a YAML error in one line, a name that is not text, an as-of date in a list or after other text', () => {
    expect(parseTestsFile('policy: [').errors).toEqual([{ path: '$', message: 'not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ] at line 1, column 10' }]);
    const text = [
      'policy: pt.pdl',
      'tests:',
      '  - name: 5',
      '    as_of: [2024-01-01]',
      '    case: {}',
      '    expect: { notices: [] }',
      '  - as_of: x2024-01-01',
      '    case: {}',
      '    expect: { notices: [] }',
    ].join('\n');
    expect(parseTestsFile(text).errors).toEqual([
      { path: 'tests[0].name', message: 'each test has a `name`' },
      { path: 'tests[0].as_of', message: '`as_of` is a date, YYYY-MM-DD' },
      { path: 'tests[1].name', message: 'each test has a `name`' },
      { path: 'tests[1].as_of', message: '`as_of` is a date, YYYY-MM-DD' },
    ]);
  });

  it('runTest: two errors of a rejected case; an expected error among two; two items of the rule found or counted', () => {
    const p = policy();
    const twoMissing = "{ child: { dob: '2010-01-01' }, events: [{ type: start_ev }, { type: start_ev }] }";
    const rejected = parsedTest(['name: r', 'as_of: 2024-01-05', `case: ${twoMissing}`, 'expect: { counts: { obligations: 0 } }']);
    expect(runTest(p, rejected).failures).toEqual(['the case was rejected: events[0].date: missing the `date` of event `start_ev`; events[1].date: missing the `date` of event `start_ev`']);
    const oneOfTwo = parsedTest(['name: e', 'as_of: 2024-01-05', `case: ${twoMissing}`, 'expect: { errors: [{ path: "events[1].date" }] }']);
    expect(runTest(p, oneOfTwo)).toEqual({ name: 'e', passed: true, failures: [] });
    const twoStarts = "{ child: { dob: '2010-01-01' }, events: [{ type: start_ev, date: '2024-01-01' }, { type: start_ev, date: '2024-01-02' }] }";
    const two = parsedTest(['name: t', 'as_of: 2024-01-05', `case: ${twoStarts}`, 'expect:', '  obligations: [{ rule: meeting, due: 2024-01-20 }]', '  superseded: [{ rule: meeting }]', '  counts: { obligations: 1 }']);
    const item = (n: number): string => `{"rule":"meeting","occurrence":${n},"title":"Meeting","owner":"iro","anchor":{"event":"start_ev","date":"2024-01-0${n}"},"due":"2024-01-1${n}","status":"open","citation":"1"}`;
    expect(runTest(p, two).failures).toEqual([
      `expected obligation {"rule":"meeting","due":"2024-01-20"}; found ${item(1)}, ${item(2)}`,
      `expected 1 obligations, found 2: ${item(1)}, ${item(2)}`,
      'expected superseded {"rule":"meeting"}; there is none like it among 0 superseded',
    ]);
  });

  it('runTest: a failure names the reported escalations of the same ladder and the criteria of the same name', () => {
    const result = compile(
      `policy pt2
  title "PT2"

role iro "IRO"
role team_manager "TM"
fact planned "P": boolean
event escalation_raised { ladder: text, stage: number }
event escalation_response { ladder: text, stage: number, satisfactory: boolean }
event escalation_resolved { ladder: text }

ladder disputes "Disputes"
  raised by iro
  stage 1 alert team_manager respond within 5 days
  cite "l"

criteria ready "Ready"
  all of
    "planned": planned
  cite "c"
`,
      { uri: 'pt2.pdl' },
    );
    expect(result.diagnostics).toEqual([]);
    if (result.policy === undefined) throw new Error('the policy does not compile');
    const test = parsedTest([
      'name: l',
      'as_of: 2024-01-05',
      "case: { child: { dob: '2010-01-01' }, facts: { planned: true }, events: [{ type: escalation_raised, date: '2024-01-01', ladder: disputes, stage: 1 }] }",
      'expect:',
      '  escalations: [{ ladder: disputes, stage: 2 }]',
      '  criteria: [{ name: ready, result: false }]',
    ]);
    const failures = runTest(result.policy, test).failures;
    expect(failures).toEqual([
      'expected escalation {"ladder":"disputes","stage":2}; found {"ladder":"disputes","title":"Disputes","instance":1,"stage":1,"current":true,"raisedOn":"2024-01-01","respondents":["team_manager"],"copied":[],"due":"2024-01-06","status":"awaiting_response","nextStageDue":false,"capExceeded":false,"citation":"l"}',
      'expected criteria {"name":"ready","result":false}; found {"name":"ready","title":"Ready","result":true,"combinator":"all","conditions":[{"label":"planned","value":true,"reason":"`planned` is true"}],"citation":"c"}',
    ]);
  });
});
