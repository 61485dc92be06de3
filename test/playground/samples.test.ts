/**
 * The playground's sample cases (playground/samples/*.json, read with node:fs) -> each validates and
 * evaluates against the statutory baseline (and the example local policy) on the default as-of date
 * with no errors, and shows what its title promises.
 */
import { describe, expect, it } from 'vitest';
import { compile } from '../../compiler/index.ts';
import type { EvaluationResult } from '../../runtime/index.ts';
import { createMemoryHost, policyEntriesFromModules } from '../../playground/src/host.ts';
import { DEFAULT_AS_OF, EXAMPLE_LOCAL_POLICY, EXAMPLE_LOCAL_URI, SAMPLE_TITLES, sampleEntriesFromModules } from '../../playground/src/samples.ts';
import { policyModules, sampleModules, STATUTORY_URI, statutoryText } from './fixtures.ts';

const statutory = compile(statutoryText, { uri: STATUTORY_URI });
const local = compile(EXAMPLE_LOCAL_POLICY, { uri: EXAMPLE_LOCAL_URI, host: createMemoryHost(policyEntriesFromModules(policyModules)) });
const samples = sampleEntriesFromModules(sampleModules);

function evaluate(text: string, policy = statutory.policy): EvaluationResult {
  if (policy === undefined) throw new Error('the policy does not compile');
  const outcome = policy.evaluate(JSON.parse(text) as unknown, DEFAULT_AS_OF);
  if (!outcome.ok) throw new Error(`case errors: ${JSON.stringify(outcome.errors)}`);
  return outcome.result;
}

function sample(file: string): EvaluationResult {
  const entry = samples.find((s) => s.file === file);
  if (entry === undefined) throw new Error(`missing sample ${file}`);
  return evaluate(entry.text);
}

describe('playground samples', () => {
  it('there are at least three, each titled, with distinct case ids', () => {
    expect(statutory.policy).toBeDefined();
    expect(samples.length).toBeGreaterThanOrEqual(3);
    for (const s of samples) expect(SAMPLE_TITLES[s.file], s.file).toBeDefined();
    const ids = samples.map((s) => (JSON.parse(s.text) as { id: string }).id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('the default as-of date is 2025-12-01', () => {
    expect(DEFAULT_AS_OF).toBe('2025-12-01');
  });

  for (const s of samples) {
    it(`${s.file} validates and evaluates against the statutory baseline and the example local policy`, () => {
      expect(statutory.policy?.validate(JSON.parse(s.text) as unknown).ok).toBe(true);
      const result = evaluate(s.text);
      expect(result.obligations.length).toBeGreaterThan(0);
      expect(local.diagnostics).toEqual([]);
      expect(() => evaluate(s.text, local.policy)).not.toThrow();
    });
  }

  it('1: looked after from 14 April 2025, reviews held on time', () => {
    const result = sample('1-reviews-on-time.json');
    const reviews = result.obligations.filter((o) => o.rule === 'looked_after_review');
    expect(reviews[0]).toMatchObject({ occurrence: 1, anchor: { event: 'became_looked_after', date: '2025-04-14' }, due: '2025-05-15', status: 'met' });
    expect(reviews.every((o) => o.status === 'met' || o.status === 'open')).toBe(true);
    expect(reviews.filter((o) => o.status === 'met').length).toBeGreaterThanOrEqual(2);
  });

  it('2: the second review is late', () => {
    const result = sample('2-late-second-review.json');
    const second = result.obligations.find((o) => o.rule === 'looked_after_review' && o.occurrence === 2);
    expect(second).toMatchObject({ status: 'met_late' });
  });

  it('3: ceased to be looked after and came back into care', () => {
    const entry = samples.find((s) => s.file === '3-left-care-and-returned.json');
    const events = (JSON.parse(entry?.text ?? '{}') as { events: { type: string }[] }).events.map((e) => e.type);
    expect(events.filter((t) => t === 'became_looked_after')).toHaveLength(2);
    expect(events).toContain('ceased_looked_after');
    const result = sample('3-left-care-and-returned.json');
    const firsts = result.obligations.filter((o) => o.rule === 'looked_after_review' && o.occurrence === 1);
    expect(firsts).toHaveLength(2);
    expect(result.superseded.some((s) => s.rule === 'looked_after_review')).toBe(true);
  });
});
