/**
 * Keeping a child's data out of case error messages (runtime/case-errors.ts), as `pdl evaluate` and
 * the example service use it: the value at the error's path is replaced wherever it is quoted, and
 * paths as the runtime writes them are read back into keys.
 *
 * Input: runtime/case-errors.ts. Output: assertions.
 */
import { describe, expect, it } from 'vitest';
import { casePathSegments, withoutValue } from '../../runtime/index.ts';

describe('withoutValue', () => {
  const input = { id: 'case-1', child: 'Jo Bloggs', facts: { 'a b': 42 }, events: [{ type: 'home_visit', date: '2024-02-30' }] };

  it('removes the value at the path, raw or as JSON', () => {
    expect(withoutValue('`2024-02-30` is not a real calendar date', 'events[0].date', input)).toBe('<value> is not a real calendar date');
    expect(withoutValue('undeclared event type `home_visit`; declared: `review_held`', 'events[0].type', input)).toBe(
      'undeclared event type <value>; declared: `review_held`',
    );
    expect(withoutValue('`child` must be an object, got `"Jo Bloggs"`', 'child', input)).toBe('`child` must be an object, got <value>');
    expect(withoutValue('fact `a b` must be a string, got `42`', 'facts["a b"]', input)).toBe('fact `a b` must be a string, got <value>');
  });

  it('leaves messages alone when the path has no value', () => {
    expect(withoutValue('missing required fact `x`', 'facts.x', input)).toBe('missing required fact `x`');
    expect(withoutValue('odd', 'not a [path', input)).toBe('odd');
  });

  it('reads paths', () => {
    expect(casePathSegments('$')).toEqual([]);
    expect(casePathSegments('events[3].date')).toEqual(['events', 3, 'date']);
    expect(casePathSegments('facts["a.b"].c')).toEqual(['facts', 'a.b', 'c']);
  });
});
