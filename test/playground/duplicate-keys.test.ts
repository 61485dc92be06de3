/**
 * A case pasted into the playground with a repeated property name is refused as the CLI refuses it
 * (issue 15): JSON.parse would keep the last value silently (an invalid `dob` given first would
 * vanish). Both use the runtime's `repeatedKeyPlaces`; the playground's errors (`case/duplicate-key`)
 * name the same places as `pdl evaluate`'s, and never the repeated name or its value.
 *
 * Input: case texts written here. Output: assertions.
 */
import { describe, expect, it } from 'vitest';
import { parseCaseJson } from '../../playground/src/engine.ts';
import { repeatedKeys } from '../../cli/json.ts';
import { MAX_CASE_ERRORS } from '../../runtime/index.ts';

const CASE = `{
  "id": "C-1",
  "child": { "dob": "SECRET-DOB", "dob": "2010-01-01" },
  "events": []
}`;

describe('the playground refuses repeated property names', () => {
  it('reports each repeat at its line and column, as the CLI does, without the name or value', () => {
    const parsed = parseCaseJson(CASE);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    const places = repeatedKeys(CASE).places;
    expect(places).toEqual(['line 3, column 35']);
    expect(parsed.errors.map((e) => e.message)).toEqual(places.map((p) => `the property name at ${p} repeats an earlier one of the same object; JSON keeps only the last value, so remove one`));
    expect(parsed.errors.every((e) => e.path === '$' && e.code === 'case/duplicate-key')).toBe(true);
    expect(JSON.stringify(parsed.errors)).not.toContain('SECRET');
    expect(JSON.stringify(parsed.errors)).not.toContain('"dob"');
  });

  it('accepts a case without repeats, and the same key in different objects', () => {
    const parsed = parseCaseJson('{"id":"C-2","child":{"dob":"2010-01-01"},"events":[{"type":"a","date":"2020-01-01"},{"type":"b","date":"2020-01-02"}]}');
    expect(parsed.ok).toBe(true);
  });

  it('stops listing after the case error limit and says how many more', () => {
    const n = MAX_CASE_ERRORS + 3;
    const text = `{"id":"C-3",${Array.from({ length: n }, () => '"x":1').join(',')}}`;
    const parsed = parseCaseJson(text);
    if (parsed.ok) throw new Error('expected the repeats to be refused');
    // n occurrences are n - 1 repeats: MAX_CASE_ERRORS listed, then one "and more".
    expect(parsed.errors).toHaveLength(MAX_CASE_ERRORS + 1);
    expect(parsed.errors.at(-1)?.code).toBe('case/too-many-errors');
  });
});
