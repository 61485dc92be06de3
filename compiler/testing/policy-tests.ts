/**
 * Policy tests: cases written beside a policy (`<policy>.tests.yaml`) with what the evaluation must
 * report, run by `pdl test` and by `npm test` alike.
 *
 * Input: the YAML text of a tests file and a compiled policy. Output: one `TestOutcome` per test,
 * each failure saying which expectation did not hold and what was found instead.
 *
 * The format (documented in docs/testing.md):
 *   policy: bristol.pdl              # the policy file, relative to the tests file
 *   tests:
 *     - name: ...                    # required
 *       cite: ...                    # the paragraph the test comes from (optional)
 *       as_of: YYYY-MM-DD            # required
 *       case: { id?, child: {dob}, facts?, events: [...] }   # id defaults to the test's name
 *       expect:
 *         obligations: [ {rule, occurrence?, due?, status?, ...} ]   # each must match one reported item
 *         violations | escalations | criteria | notifications | superseded: [ ... ]   (same rule)
 *         counts: { obligations?: N, violations?: N, ... }           # exact numbers of items
 *         errors: [ {path, message_contains?} ]                      # the case must be rejected
 * A field `X_contains: "text"` matches when the reported field `X` contains the text; `X: ~` (null)
 * matches when the reported item has no field `X` (a duty's `due`). Objects match
 * when every expected field matches; arrays in expectations must equal the reported arrays.
 *
 * Browser-safe: no Node modules (the CLI reads files and passes text in).
 */
import { parse as parseYaml } from 'yaml';
import type { CompiledPolicy } from '../../runtime/index.ts';
import { parsePlainDate } from '../../runtime/dates.ts';

export const RESULT_LISTS = ['obligations', 'superseded', 'violations', 'escalations', 'criteria', 'notifications', 'notices'] as const;
export type ResultList = (typeof RESULT_LISTS)[number];

export interface PolicyTest {
  readonly name: string;
  readonly cite?: string;
  readonly asOf: string;
  readonly case: Record<string, unknown>;
  readonly expect: {
    readonly lists: Partial<Record<ResultList, readonly Record<string, unknown>[]>>;
    readonly counts: Partial<Record<ResultList, number>>;
    readonly errors?: readonly Record<string, unknown>[];
  };
}

export interface TestsFile {
  /** The policy path as written in the file (relative to the tests file). */
  readonly policy: string;
  readonly tests: readonly PolicyTest[];
}

export interface TestsFileError {
  readonly path: string;
  readonly message: string;
}

export interface TestOutcome {
  readonly name: string;
  readonly passed: boolean;
  readonly failures: readonly string[];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `2025-04-14` written unquoted in YAML stays a string (the `yaml` core schema does not make dates). */
/** `v` when it is a real calendar date written YYYY-MM-DD (2025-02-30 is not), else undefined. */
function dateText(v: unknown): string | undefined {
  return typeof v === 'string' && parsePlainDate(v) !== undefined ? v : undefined;
}

/** Parses and validates a tests file; every problem is reported with its path, nothing is skipped. */
export function parseTestsFile(text: string): { file?: TestsFile; errors: TestsFileError[] } {
  const errors: TestsFileError[] = [];
  let doc: unknown;
  try {
    doc = parseYaml(text, { schema: 'core', uniqueKeys: true });
  } catch (e) {
    // The parser's first line ends with a colon before the code frame it shows below: not kept.
    return { errors: [{ path: '$', message: `not valid YAML: ${((e as Error).message.split('\n')[0] ?? '').replace(/:\s*$/, '')}` }] };
  }
  if (!isRecord(doc)) return { errors: [{ path: '$', message: 'a tests file is a mapping with `policy` and `tests`' }] };
  for (const key of Object.keys(doc)) if (key !== 'policy' && key !== 'tests') errors.push({ path: key, message: `unknown field \`${key}\`` });
  if (typeof doc['policy'] !== 'string') errors.push({ path: 'policy', message: '`policy` names the policy file, e.g. `bristol.pdl`' });
  if (!Array.isArray(doc['tests']) || doc['tests'].length === 0) errors.push({ path: 'tests', message: '`tests` is a non-empty list' });
  const tests: PolicyTest[] = [];
  const names = new Set<string>();
  (Array.isArray(doc['tests']) ? doc['tests'] : []).forEach((raw: unknown, i: number) => {
    const at = `tests[${i}]`;
    if (!isRecord(raw)) {
      errors.push({ path: at, message: 'a test is a mapping' });
      return;
    }
    for (const key of Object.keys(raw)) {
      if (!['name', 'cite', 'as_of', 'case', 'expect'].includes(key)) errors.push({ path: `${at}.${key}`, message: `unknown field \`${key}\`` });
    }
    const name = raw['name'];
    if (typeof name !== 'string' || name.trim() === '') errors.push({ path: `${at}.name`, message: 'each test has a `name`' });
    else if (names.has(name)) errors.push({ path: `${at}.name`, message: `two tests are named \`${name}\`` });
    else names.add(name);
    const asOf = dateText(raw['as_of']);
    if (asOf === undefined) errors.push({ path: `${at}.as_of`, message: '`as_of` is a date, YYYY-MM-DD' });
    if (!isRecord(raw['case'])) errors.push({ path: `${at}.case`, message: '`case` is the case, as in a case file' });
    const expect = raw['expect'];
    if (!isRecord(expect)) {
      errors.push({ path: `${at}.expect`, message: '`expect` says what the evaluation must report' });
      return;
    }
    const lists: Partial<Record<ResultList, Record<string, unknown>[]>> = {};
    const counts: Partial<Record<ResultList, number>> = {};
    let expectedErrors: Record<string, unknown>[] | undefined;
    for (const [key, value] of Object.entries(expect)) {
      if ((RESULT_LISTS as readonly string[]).includes(key)) {
        if (!Array.isArray(value) || !value.every(isRecord)) errors.push({ path: `${at}.expect.${key}`, message: `\`${key}\` is a list of mappings` });
        else lists[key as ResultList] = value;
      } else if (key === 'counts') {
        if (!isRecord(value)) errors.push({ path: `${at}.expect.counts`, message: '`counts` maps result lists to numbers' });
        else
          for (const [list, n] of Object.entries(value)) {
            if (!(RESULT_LISTS as readonly string[]).includes(list) || typeof n !== 'number' || !Number.isInteger(n) || n < 0) {
              errors.push({ path: `${at}.expect.counts.${list}`, message: `\`${list}\` must be one of ${RESULT_LISTS.join(', ')} with a whole number` });
            } else counts[list as ResultList] = n;
          }
      } else if (key === 'errors') {
        if (!Array.isArray(value) || !value.every(isRecord)) errors.push({ path: `${at}.expect.errors`, message: '`errors` is a list of mappings with `path`' });
        else expectedErrors = value;
      } else {
        errors.push({ path: `${at}.expect.${key}`, message: `unknown expectation \`${key}\`` });
      }
    }
    if (Object.keys(lists).length === 0 && Object.keys(counts).length === 0 && expectedErrors === undefined) {
      errors.push({ path: `${at}.expect`, message: 'a test must expect something' });
    }
    if (typeof name === 'string' && asOf !== undefined && isRecord(raw['case'])) {
      const testCase = { id: name, facts: {}, ...raw['case'] };
      tests.push({
        name,
        ...(typeof raw['cite'] === 'string' ? { cite: raw['cite'] } : {}),
        asOf,
        case: testCase,
        expect: { lists, counts, ...(expectedErrors ? { errors: expectedErrors } : {}) },
      });
    }
  });
  if (errors.length > 0) return { errors };
  return { file: { policy: doc['policy'] as string, tests }, errors };
}

/** True when `actual` matches the partial `expected` (see the file header). */
export function matches(expected: unknown, actual: unknown): boolean {
  if (expected === null) return actual === undefined || actual === null; // `due: ~`: the field is absent (a duty has no due date)
  if (isRecord(expected)) {
    if (!isRecord(actual)) return false;
    return Object.entries(expected).every(([key, value]) => {
      if (key.endsWith('_contains') && typeof value === 'string') {
        const field = actual[key.slice(0, -'_contains'.length)];
        return typeof field === 'string' && field.includes(value);
      }
      return matches(value, actual[key]);
    });
  }
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && expected.length === actual.length && expected.every((e, i) => matches(e, actual[i]));
  }
  return expected === actual;
}

function brief(item: unknown): string {
  return JSON.stringify(item, (key, value: unknown) => (key === 'explanation' || key === 'source' ? undefined : value));
}

/** Runs one test against a compiled policy. */
export function runTest(policy: CompiledPolicy, test: PolicyTest): TestOutcome {
  const failures: string[] = [];
  const outcome = policy.evaluate(test.case, test.asOf);
  if (!outcome.ok) {
    if (test.expect.errors === undefined) {
      failures.push(`the case was rejected: ${outcome.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
    } else {
      for (const e of test.expect.errors) {
        if (!outcome.errors.some((actual) => matches(e, actual))) failures.push(`expected an error ${brief(e)}; the errors were ${brief(outcome.errors)}`);
      }
    }
    return { name: test.name, passed: failures.length === 0, failures };
  }
  if (test.expect.errors !== undefined) failures.push('expected the case to be rejected, but it was accepted');
  const result = outcome.result as unknown as Record<ResultList, unknown[] | undefined>;
  for (const list of RESULT_LISTS) {
    const reported = result[list] ?? [];
    for (const expected of test.expect.lists[list] ?? []) {
      if (!reported.some((item) => matches(expected, item))) {
        // The reported items of the rule, ladder or criteria the expectation names (a field it does not
        // give names nothing: an obligation has no `ladder`, and undefined would equal undefined).
        const named = (key: string, item: Record<string, unknown>): boolean => expected[key] !== undefined && item[key] === expected[key];
        const sameRule = reported.filter((item) => isRecord(item) && (named('rule', item) || named('ladder', item) || named('name', item)));
        failures.push(
          `expected ${list.replace(/s$/, '')} ${brief(expected)}; ${sameRule.length > 0 ? `found ${sameRule.map(brief).join(', ')}` : `there is none like it among ${reported.length} ${list}`}`,
        );
      }
    }
    const count = test.expect.counts[list];
    if (count !== undefined && reported.length !== count) failures.push(`expected ${count} ${list}, found ${reported.length}: ${reported.map(brief).join(', ')}`);
  }
  return { name: test.name, passed: failures.length === 0, failures };
}
