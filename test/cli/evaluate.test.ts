/**
 * `pdl evaluate`: due dates and status as JSON and as a table, the result independent of the process
 * time zone, invalid and malformed cases (exit 1, paths not values on stderr), a custom holiday file,
 * standard input and another working directory. What only a process shows (the time zone, standard
 * input, the working directory, a real pipe) runs bin/pdl.js as a real process; the other cases run
 * `main` in this process (test/support/processes.ts), the hostile cases of the privacy canary from
 * files (what pdl prints does not depend on where the case came from; the malformed one still comes
 * on standard input to a real process).
 *
 * Input: the CLI (bin/pdl.js), policies/england/statutory-reviews.pdl and test/cli/fixtures/.
 * Output: assertions.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EvaluationResult } from '../../runtime/index.ts';
import { IN_PROCESS_TIMEOUT_MS, pdl, pdlHere, ROOT, timeoutFor } from '../support/processes.ts';

const POLICY = 'policies/england/statutory-reviews.pdl';
const CASE = 'test/cli/fixtures/case.json';

describe('pdl evaluate', () => {
  it('JSON: first review due 2025-05-15 met, second due 2025-08-13 overdue; the same in every time zone', () => {
    const runs = ['Pacific/Kiritimati', 'America/Anchorage'].map((TZ) => pdl(['evaluate', POLICY, CASE, '--as-of', '2025-09-01', '--json'], { env: { TZ } }));
    for (const r of runs) {
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
    }
    expect(runs[0]?.stdout).toBe(runs[1]?.stdout);
    const result = JSON.parse(runs[0]?.stdout ?? '') as EvaluationResult;
    expect(Object.keys(result)).toEqual(['policy', 'case', 'asOf', 'obligations', 'superseded', 'violations', 'escalations', 'criteria', 'notifications', 'notices']);
    expect(result).toMatchObject({ policy: { id: 'england.statutory_reviews', version: '2010.1' }, case: 'case-0001', asOf: '2025-09-01' });
    expect(result.obligations.map((o) => [o.rule, o.occurrence, o.due, o.status, o.satisfiedOn])).toEqual([
      ['looked_after_review', 1, '2025-05-15', 'met', '2025-05-13'],
      ['looked_after_review', 2, '2025-08-13', 'overdue', undefined],
    ]);
    expect(result.obligations[0]?.explanation).toContain('Early May bank holiday');
  }, timeoutFor(2));

  it('human, from another working directory with relative paths and the case on standard input: a header, a table, numbered explanations, no colour in a pipe', () => {
    const r = pdl(['evaluate', '../../policies/england/statutory-reviews.pdl', '-', '--as-of', '2025-09-01'], {
      cwd: `${ROOT}test/cli`,
      input: readFileSync(`${ROOT}${CASE}`, 'utf8'),
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('england.statutory_reviews (version 2010.1)');
    expect(r.stdout).toContain('case-0001');
    expect(r.stdout).toContain('2025-09-01');
    expect(r.stdout).toMatch(/Rule\s+Occ\.\s+Owner\s+Due\s+Status\s+Satisfied on/);
    expect(r.stdout).toMatch(/1\s+looked_after_review\s+1\s+iro\s+2025-05-15\s+met\s+2025-05-13/);
    expect(r.stdout).toMatch(/2\s+looked_after_review\s+2\s+iro\s+2025-08-13\s+overdue\s+-/);
    expect(r.stdout).toMatch(/Explanations\n\s+1\. looked_after_review \(occurrence 1\)/);
    expect(r.stdout).not.toContain('\u001b[');
  }, timeoutFor(1));

  it('an invalid case: exit 1, each error as FILE: PATH: message on stderr, without the values', async () => {
    const r = await pdlHere(['evaluate', POLICY, 'test/cli/fixtures/invalid-case.json', '--as-of', '2025-09-01']);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^test\/cli\/fixtures\/invalid-case\.json: events\[0\]\.date: .*not a real calendar date/);
    expect(lines[1]).toMatch(/^test\/cli\/fixtures\/invalid-case\.json: events\[1\]\.type: undeclared event type/);
    expect(r.stderr).not.toContain('2024-02-30');
    expect(r.stderr).not.toContain('home_visit');
  }, IN_PROCESS_TIMEOUT_MS);

  it('a malformed JSON case: exit 1, a line and column but not the text', async () => {
    const r = await pdlHere(['evaluate', POLICY, 'test/cli/fixtures/malformed-case.json', '--as-of', '2025-09-01']);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim()).toBe('test/cli/fixtures/malformed-case.json: $: not valid JSON: expected `,` or `}` after a property value at line 5, column 37');
  }, IN_PROCESS_TIMEOUT_MS);

  it('--holidays: a gov.uk-format file replaces the built-in bank holidays (no early May bank holiday: due a day earlier)', async () => {
    const r = await pdlHere(['evaluate', POLICY, CASE, '--as-of', '2025-09-01', '--json', '--holidays', 'test/cli/fixtures/holidays.json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const result = JSON.parse(r.stdout) as EvaluationResult;
    expect(result.obligations[0]).toMatchObject({ due: '2025-05-14', status: 'met' });
    expect(result.obligations[0]?.explanation).not.toContain('Early May bank holiday');
  }, IN_PROCESS_TIMEOUT_MS);

  it('--holidays keeps the policy’s own closure days; extended policies are found under ./policies', async () => {
    const r = await pdlHere(['evaluate', 'test/cli/fixtures/local.pdl', CASE, '--as-of', '2025-09-01', '--json', '--holidays', 'test/cli/fixtures/holidays.json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const result = JSON.parse(r.stdout) as EvaluationResult;
    expect(result.policy.id).toBe('test.cli_local');
    expect(result.obligations[0]).toMatchObject({ due: '2025-05-15' });
    expect(result.obligations[0]?.explanation).toContain('Council closure day');
  }, IN_PROCESS_TIMEOUT_MS);

  it('a bad holiday file: exit 2 with the JSON path of the problem', async () => {
    const r = await pdlHere(['evaluate', POLICY, CASE, '--as-of', '2025-09-01', '--holidays', 'test/cli/fixtures/case.json']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('holiday file test/cli/fixtures/case.json: $: no division `england-and-wales`');
  }, IN_PROCESS_TIMEOUT_MS);
});

describe('pdl evaluate: privacy canary', () => {
  // Under test-artifacts/ with the process id: a random folder name could hold the canary's letters.
  const SCRATCH = join(ROOT, 'test-artifacts', `evaluate-canary-${process.pid}`);
  beforeAll(() => mkdirSync(SCRATCH, { recursive: true }));
  afterAll(() => rmSync(SCRATCH, { recursive: true, force: true }));
  const CANARY = 'Zq7canaryJoBloggs';
  const base = { id: CANARY, child: { dob: '2015-03-01' }, facts: {}, events: [{ type: 'became_looked_after', date: '2025-04-14' }] };
  const hostile: readonly unknown[] = [
    // Unknown keys everywhere, the dob, facts, event types, dates and attributes of every type.
    {
      ...base,
      [CANARY]: CANARY,
      child: { dob: CANARY, [CANARY]: CANARY },
      facts: { [CANARY]: CANARY },
      events: [
        CANARY,
        { type: CANARY, date: '2025-04-14' },
        { type: 'review_held', date: CANARY, [CANARY]: CANARY },
        { type: 'review_scheduled', date: '2025-04-20', for: CANARY },
        { type: 'placement_changed', date: '2025-04-21', planned: CANARY },
        { type: 'review_postponement_requested', date: '2025-04-22', by: CANARY, meeting: `${CANARY}-2025` },
        { type: 'discussion_held', date: '2025-04-23', with: 'iro', about: { [CANARY]: 1 } },
        { type: 'escalation_raised', date: '2025-04-24', ladder: 'x', stage: CANARY },
      ],
    },
    { ...base, child: CANARY, facts: CANARY, events: { [CANARY]: CANARY } },
    { ...base, id: [CANARY] },
    [CANARY],
  ];

  // In this process, from a file (what is printed does not depend on the process); the malformed case
  // below comes on standard input to a real process.
  it.each(hostile.map((c, i) => [i, c] as const))('hostile case %i: the canary is in neither stdout nor stderr', async (i, c) => {
    const file = join(SCRATCH, `hostile-${i}.json`);
    writeFileSync(file, JSON.stringify(c));
    const r = await pdlHere(['evaluate', POLICY, file, '--as-of', '2025-09-01']);
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n').length).toBeGreaterThan(0);
    expect(r.stderr).not.toContain('Zq7');
    expect(r.stdout).not.toContain('Zq7');
  }, IN_PROCESS_TIMEOUT_MS);

  it('a malformed case with the canary: exit 1, neither stdout nor stderr quotes it', () => {
    const r = pdl(['evaluate', POLICY, '-', '--as-of', '2025-09-01'], { input: `{"id": "${CANARY}", "child": {"dob": ${CANARY}} }` });
    expect(r.status).toBe(1);
    expect(r.stderr).not.toContain('Zq7');
    expect(r.stdout).not.toContain('Zq7');
  }, timeoutFor(1));
});
