/**
 * Explanations on demand (runtime/evaluate.ts, docs/embedding.md "Explanations on demand"): an
 * obligation's `explanation` and a superseded obligation's `reason` are enumerable getters that render
 * the text when first read and keep it. They must look like the plain strings they replaced: the
 * same text each read (the very same string), in the same place in `JSON.stringify`'s output (between
 * `citation` and `source`), copied as strings by spreading and structured cloning, and the same
 * whether read before or after other cases were evaluated; with `explanations: false` they are plain
 * empty strings. The getter is one function shared by every result (a closure per object made each
 * obligation a dictionary-mode object in V8); what it reads is a private field, seen by no listing or
 * copy, and frozen results still render.
 *
 * Input: policies/england/statutory-reviews.pdl and seeded synthetic cases. Output: assertions.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatPlainDate, parsePlainDate, preparePolicy, type EvaluationResult, type PlainDate } from '../../runtime/index.ts';
import { createCaseGenerator } from '../../simulation/index.ts';
import { compiledIr } from '../support/compiled.ts';

const FILE = fileURLToPath(new URL('../../policies/england/statutory-reviews.pdl', import.meta.url));
const ir = compiledIr(readFileSync(FILE, 'utf8'), { uri: 'statutory-reviews.pdl' });

/** The results of 60 seeded cases; `onEach` sees each as soon as it is evaluated. */
function results(explanations: boolean, onEach: (r: EvaluationResult) => void = () => undefined): EvaluationResult[] {
  const policy = preparePolicy(ir as NonNullable<typeof ir>, { explanations });
  const g = createCaseGenerator({ children: 60, from: parsePlainDate('2018-01-01') as PlainDate, to: parsePlainDate('2024-12-31') as PlainDate, seed: 'lazy', model: { adjournShare: 0.3 } });
  const out: EvaluationResult[] = [];
  for (let k = 0; k < 60; k++) {
    const c = g.generate(k);
    const last = c.events.length === 0 ? '2024-12-31' : (c.events[c.events.length - 1] as { date: string }).date;
    const r = policy.evaluate(c, formatPlainDate((parsePlainDate(last) as PlainDate) + 30));
    if (!r.ok) throw new Error(`case ${k} is invalid`);
    onEach(r.result);
    out.push(r.result);
  }
  return out;
}

describe('explanations on demand', () => {
  it('are getters that render once and read like the strings they replaced', () => {
    const all = results(true);
    const obligations = all.flatMap((r) => r.obligations);
    const superseded = all.flatMap((r) => r.superseded);
    expect(obligations.length).toBeGreaterThan(100);
    expect(superseded.length).toBeGreaterThan(0);
    for (const o of obligations) {
      const d = Object.getOwnPropertyDescriptor(o, 'explanation');
      expect(d?.get).toBeTypeOf('function');
      expect(d?.enumerable).toBe(true);
      // The accessor as `Object.defineProperty` would make it (the runtime defines it with `__defineGetter__`).
      expect(d?.configurable).toBe(true);
      expect(d?.set).toBeUndefined();
      const text = o.explanation;
      expect(text).toMatch(/^looked_after_review|^adjourned_review_completed/);
      expect(text).toContain(`Source: ${o.citation}.`);
      expect(o.explanation).toBe(text);
      // JSON: the same keys in the same order, the explanation between citation and source.
      const keys = Object.keys(JSON.parse(JSON.stringify(o)) as object);
      expect(keys.indexOf('explanation')).toBe(keys.indexOf('citation') + 1);
      expect(keys.indexOf('source')).toBe(keys.indexOf('explanation') + 1);
      expect({ ...o }.explanation).toBe(text);
      expect(structuredClone(o).explanation).toBe(text);
    }
    for (const s of superseded) {
      expect(Object.getOwnPropertyDescriptor(s, 'reason')?.get).toBeTypeOf('function');
      expect(s.reason.length).toBeGreaterThan(20);
      expect((JSON.parse(JSON.stringify(s)) as { reason: string }).reason).toBe(s.reason);
    }
  });

  it('render the same text whether read at once or after every other case was evaluated', () => {
    const early: string[] = [];
    results(true, (r) => early.push(JSON.stringify(r)));
    const late = results(true);
    // Read only now, after all 60 cases were evaluated.
    expect(late.map((r) => JSON.stringify(r))).toEqual(early);
  });

  it('share one getter across every result, hide what it reads, and render on frozen results', () => {
    const all = results(true);
    const obligations = all.flatMap((r) => r.obligations);
    const superseded = all.flatMap((r) => r.superseded);
    // One getter function for every obligation (and one for every reason): not a closure per object,
    // which gave every result a hidden class of its own.
    const getters = new Set(obligations.map((o) => Object.getOwnPropertyDescriptor(o, 'explanation')?.get));
    expect(getters.size).toBe(1);
    expect(new Set(superseded.map((s) => Object.getOwnPropertyDescriptor(s, 'reason')?.get)).size).toBe(1);
    const expected = results(true).flatMap((r) => r.obligations).map((o) => o.explanation);
    obligations.forEach((o, k) => {
      // What the getter reads is invisible to the ways results are copied and listed.
      const keys: string[] = [];
      for (const key in o) keys.push(key);
      expect(keys).toEqual(Object.keys(o));
      expect(Object.getOwnPropertyNames(o)).toEqual(Object.keys(o));
      expect(Object.keys({ ...o })).toEqual(Object.keys(o));
      expect(Object.keys(structuredClone(o))).toEqual(Object.keys(o));
      // Frozen before its first read, an obligation still renders its explanation.
      if (k % 2 === 0) Object.freeze(o);
      expect(o.explanation).toBe(expected[k]);
      // A copy made by copying the accessor itself (docs/embedding.md: read the property instead)
      // lacks what the getter reads: it gives '' rather than another obligation's text.
      const copy = Object.defineProperties({}, Object.getOwnPropertyDescriptors(o)) as typeof o;
      expect(copy.explanation).toBe('');
    });
    // Either getter called on some other object, or on the other kind of result, renders nothing.
    const getter = Object.getOwnPropertyDescriptor(obligations[0], 'explanation')?.get as () => unknown;
    const reasonGetter = Object.getOwnPropertyDescriptor(superseded[0], 'reason')?.get as () => unknown;
    expect(getter.call({})).toBe('');
    expect(getter.call(superseded[0])).toBe('');
    expect(reasonGetter.call(obligations[0])).toBe('');
    expect(reasonGetter.call(superseded[0])).toBe((superseded[0] as { reason: string }).reason);
  });

  it('are plain empty strings without explanations', () => {
    for (const o of results(false).flatMap((r) => r.obligations)) {
      expect(Object.getOwnPropertyDescriptor(o, 'explanation')?.value).toBe('');
    }
  });
});
