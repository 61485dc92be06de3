/** The policy tests runner: the format's validation, partial matching, and failure messages. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compile } from '../../compiler/index.ts';
import { matches, parseTestsFile, runTest } from '../../compiler/testing/policy-tests.ts';

const statutory = compile(readFileSync(fileURLToPath(new URL('../../policies/england/statutory-reviews.pdl', import.meta.url)), 'utf8'));

describe('policy tests runner', () => {
  it('matches partially, with _contains and exact arrays', () => {
    expect(matches({ rule: 'a' }, { rule: 'a', due: 'x' })).toBe(true);
    expect(matches({ rule: 'a', due: 'y' }, { rule: 'a', due: 'x' })).toBe(false);
    expect(matches({ message_contains: 'only' }, { message: 'may only be approved' })).toBe(true);
    expect(matches({ message_contains: 'never' }, { message: 'may only be approved' })).toBe(false);
    expect(matches({ anchor: { date: '2025-01-01' } }, { anchor: { event: 'e', date: '2025-01-01' } })).toBe(true);
    expect(matches({ respondents: ['a'] }, { respondents: ['a', 'b'] })).toBe(false);
  });

  it('reports every problem of a malformed tests file with its path', () => {
    const { file, errors } = parseTestsFile('policy: x.pdl\ntests:\n  - name: a\n    as_of: 2025-02-30x\n    case: {}\n    expect: { obligatons: [] }\n  - name: a\n    as_of: 2025-01-01\n    case: {}\n    expect: {}\n');
    expect(file).toBeUndefined();
    expect(errors.map((e) => e.path)).toEqual(['tests[0].as_of', 'tests[0].expect.obligatons', 'tests[0].expect', 'tests[1].name', 'tests[1].expect']);
  });

  it('rejects YAML that does not parse, without throwing', () => {
    expect(parseTestsFile('policy: [').errors[0]!.message).toContain('not valid YAML');
  });

  it('says what was expected and what was found', () => {
    const { file } = parseTestsFile(readFileSync(fileURLToPath(new URL('../cli/fixtures/tests/failing.tests.yaml', import.meta.url)), 'utf8'));
    const [pass, fail] = file!.tests;
    expect(runTest(statutory.policy!, pass!).passed).toBe(true);
    const outcome = runTest(statutory.policy!, fail!);
    expect(outcome.passed).toBe(false);
    expect(outcome.failures[0]).toContain('"due":"2025-05-16"');
    expect(outcome.failures[0]).toContain('found');
    expect(outcome.failures[0]).toContain('2025-05-15');
  });
});
