/**
 * The emitted module's fast path (`normalize` in compiler/emit/typescript.ts) on the shapes it builds
 * in their own ways: an event type with one required attribute (its keys and values read in the one
 * pass over each event's keys, and the attributes built as one object literal), events whose keys
 * come in another order than `type`, `date`, attributes (that pass reads them by key, in any order),
 * and events out of date order (seen while the events are read, then sorted). For each, the module must answer exactly as
 * the interpreter does: the same result for valid input, and, for input the fast path refuses, the
 * same errors (codes, paths and messages), which ajv reports through the runtime.
 *
 * Input: policies/england/statutory-reviews.pdl (`review_scheduled` has one required date attribute,
 * `for`; `placement_changed` one required boolean, `planned`). Output: assertions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bothOutcomes, emitAndLoad, removeEmitted, type LoadedPolicy } from './emitted.ts';

const FILE = 'policies/england/statutory-reviews.pdl';
let entry: LoadedPolicy;

beforeAll(async () => {
  entry = (await emitAndLoad([FILE])).get(FILE) as LoadedPolicy;
}, 120_000);
afterAll(() => removeEmitted());

type Json = Record<string, unknown>;

/** A valid case using both single-attribute event types. */
function validCase(): Json {
  return {
    id: 'shapes-1',
    child: { dob: '2015-03-01' },
    events: [
      { type: 'became_looked_after', date: '2024-01-08' },
      { type: 'review_scheduled', date: '2024-01-10', for: '2024-02-01' },
      { type: 'placement_changed', date: '2024-01-20', planned: true },
      { type: 'review_held', date: '2024-02-01' },
      { type: 'review_scheduled', date: '2024-04-02', for: '2024-04-25' },
      { type: 'placement_changed', date: '2024-04-10', planned: false },
      { type: 'review_held', date: '2024-04-25' },
    ],
  };
}

function withEvent(c: Json, index: number, change: (e: Json) => Json): Json {
  const events = (c['events'] as Json[]).map((e, i) => (i === index ? change({ ...e }) : e));
  return { ...c, events };
}

const AS_OF = '2024-09-30';

describe('the emitted fast path on events with one required attribute', () => {
  it('gives the interpreter\'s result for valid input', () => {
    const input = validCase();
    expect(entry.module.validate(input).ok).toBe(true);
    const [emitted, interpreted] = bothOutcomes(entry, input, AS_OF);
    expect((emitted as { ok: boolean }).ok).toBe(true);
    expect(emitted).toEqual(interpreted);
    // The attribute is read: moving the scheduled date changes nothing here, but its type does (below).
    expect(((emitted as { result: { obligations: unknown[] } }).result.obligations.length)).toBeGreaterThan(1);
  });

  // Each breaks the event at index 1 (`review_scheduled`) or 2 (`placement_changed`) in one way.
  const broken: readonly [string, number, (e: Json) => Json][] = [
    ['a missing date attribute', 1, ({ for: _, ...rest }) => rest],
    ['a date attribute that is not a real date', 1, (e) => ({ ...e, for: '2024-02-30' })],
    ['a date attribute that is not text', 1, (e) => ({ ...e, for: 20240201 })],
    ['a null date attribute', 1, (e) => ({ ...e, for: null })],
    ['an undeclared key beside the attribute', 1, (e) => ({ ...e, note: 'x' })],
    ['an undeclared key instead of the attribute', 1, ({ for: _, ...rest }) => ({ ...rest, fore: '2024-02-01' })],
    ['a missing boolean attribute', 2, ({ planned: _, ...rest }) => rest],
    ['a boolean attribute given as text', 2, (e) => ({ ...e, planned: 'true' })],
    ['an undeclared key beside the boolean attribute', 2, (e) => ({ ...e, planned: true, extra: 1 })],
  ];
  for (const [what, index, change] of broken) {
    it(`refuses ${what}, with the interpreter's errors`, () => {
      const input = withEvent(validCase(), index, change);
      expect(entry.module.validate(input).ok).toBe(false);
      const [emitted, interpreted] = bothOutcomes(entry, input, AS_OF);
      expect((emitted as { ok: boolean }).ok).toBe(false);
      expect(emitted).toEqual(interpreted);
      expect(((emitted as { errors: unknown[] }).errors.length)).toBeGreaterThan(0);
    });
  }
});

describe('the emitted fast path on events whose keys come in another order', () => {
  /** Each event of `c` with its keys in reverse order (attributes first, `type` last). */
  const reversedKeys = (c: Json): Json => ({ ...c, events: (c['events'] as Json[]).map((e) => Object.fromEntries(Object.entries(e).reverse())) });

  it('gives the interpreter\'s result, the same as in the usual order', () => {
    const usual = validCase();
    const input = reversedKeys(usual);
    expect(Object.keys((input['events'] as Json[])[1] as Json)).toEqual(['for', 'date', 'type']);
    expect(entry.module.validate(input).ok).toBe(true);
    const [emitted, interpreted] = bothOutcomes(entry, input, AS_OF);
    expect((emitted as { ok: boolean }).ok).toBe(true);
    expect(emitted).toEqual(interpreted);
    expect(emitted).toEqual(bothOutcomes(entry, usual, AS_OF)[0]);
  });

  it('refuses an undeclared key before the type, with the interpreter\'s errors', () => {
    const input = withEvent(reversedKeys(validCase()), 3, (e) => ({ note: 'x', ...e }));
    expect(Object.keys((input['events'] as Json[])[3] as Json)).toEqual(['note', 'date', 'type']);
    expect(entry.module.validate(input).ok).toBe(false);
    const [emitted, interpreted] = bothOutcomes(entry, input, AS_OF);
    expect((emitted as { ok: boolean }).ok).toBe(false);
    expect(emitted).toEqual(interpreted);
  });
});

describe('the emitted fast path on events out of date order', () => {
  it('sorts them by date, then input order, as the interpreter does', () => {
    const sorted = validCase();
    const events = [...(sorted['events'] as Json[])];
    // Reversed, with two events on one day in a known input order.
    const reversed = { ...sorted, events: [...events].reverse() };
    const [emittedSorted] = bothOutcomes(entry, sorted, AS_OF);
    const [emitted, interpreted] = bothOutcomes(entry, reversed, AS_OF);
    expect((emitted as { ok: boolean }).ok).toBe(true);
    expect(emitted).toEqual(interpreted);
    // Reversing the input changes no obligation (only the positions the events are reported at).
    const rows = (o: unknown): unknown => (o as { result: { obligations: { rule: string; due: string; status: string }[] } }).result.obligations.map((x) => [x.rule, x.due, x.status]);
    expect(rows(emitted)).toEqual(rows(emittedSorted));
    const sameDay = { ...sorted, events: [...events, { type: 'review_held', date: '2024-01-08' }, { type: 'review_adjourned', date: '2024-01-08' }].reverse() };
    const [a, b] = bothOutcomes(entry, sameDay, AS_OF);
    expect(a).toEqual(b);
  });
});
