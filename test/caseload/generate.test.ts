/**
 * The synthetic caseload generator: reproducible (same seed, same bytes; another seed, other bytes;
 * a slice equals the same children of the whole), valid against the policy it was made for,
 * realistic in the ways the model promises (entries spread over the period, no event after it,
 * reviews late at about the configured share, moves, leaving and re-entering, postponements,
 * escalations only for a policy with a ladder), and its random streams.
 *
 * Input: the statutory policy, test/caseload/fixtures/with-ladder.pdl. Output: assertions.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { caseloadToJsonLines, createCaseGenerator, createRandom, generateCaseload, hashSeed, syntheticId, valueRecords } from '../../simulation/caseload/index.ts';
import type { CaseInput, GenerateOptions } from '../../simulation/caseload/index.ts';
import { simulate } from '../../simulation/simulate/index.ts';
import { createFileHost } from '../../cli/file-host.ts';
import { parsePlainDate } from '../../runtime/index.ts';
import type { CompiledPolicy, PolicyIR } from '../../runtime/index.ts';
import { compiledPolicy } from '../support/compiled.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const host = createFileHost([`${ROOT}policies`], ROOT);

function load(path: string): { ir: PolicyIR; policy: CompiledPolicy } {
  const policy = compiledPolicy(readFileSync(`${ROOT}${path}`, 'utf8'), { uri: path, host, explanations: false });
  return { ir: policy.ir, policy };
}

const statutory = load('policies/england/statutory-reviews.pdl');
const ladder = load('test/caseload/fixtures/with-ladder.pdl');
const FROM = parsePlainDate('2021-01-01') as number;
const TO = parsePlainDate('2024-12-31') as number;
const base: GenerateOptions = { children: 400, from: FROM, to: TO, seed: 'test-seed', ir: statutory.ir };

describe('random streams', () => {
  it('depend only on the seed and the stream number', () => {
    const a = createRandom(hashSeed('x'), 5);
    const b = createRandom(hashSeed('x'), 5);
    const xs = Array.from({ length: 20 }, () => a.next());
    expect(Array.from({ length: 20 }, () => b.next())).toEqual(xs);
    expect(createRandom(hashSeed('x'), 6).next()).not.toBe(xs[0]);
    expect(createRandom(hashSeed('y'), 5).next()).not.toBe(xs[0]);
    for (const x of xs) expect(x >= 0 && x < 1).toBe(true);
  });
});

describe('generateCaseload', () => {
  const cases = [...generateCaseload(base)];

  it('is reproducible: the same seed gives the same bytes, another seed other bytes', () => {
    expect(caseloadToJsonLines(generateCaseload(base))).toBe(caseloadToJsonLines(cases));
    expect(caseloadToJsonLines(generateCaseload({ ...base, seed: 'other-seed' }))).not.toBe(caseloadToJsonLines(cases));
  });

  it('a slice of the children is the same as those children of the whole (so threads can share the work)', () => {
    expect([...generateCaseload(base, 150, 50)]).toEqual(cases.slice(150, 200));
    const g = createCaseGenerator(base);
    expect(g.generate(399)).toEqual(cases[399]);
  });

  it('writes fictitious ids and valid cases, events in date order, none after the period', () => {
    expect(cases.map((c) => c.id).slice(0, 3)).toEqual(['SYN-000001', 'SYN-000002', 'SYN-000003']);
    expect(syntheticId(1_234_567)).toBe('SYN-1234568');
    for (const c of cases) {
      expect(statutory.policy.validate(c).ok, c.id).toBe(true);
      const dates = c.events.map((e) => e.date);
      expect([...dates].sort()).toEqual(dates);
      expect(dates.every((d) => d <= '2024-12-31')).toBe(true);
      expect(c.events[0]?.type).toBe('became_looked_after');
    }
  });

  it('spreads entries over the period and has moves, leavers, returners, rearrangements and postponements', () => {
    const years = new Map<string, number>();
    for (const c of cases) {
      const y = c.events[0]?.date.slice(0, 4) ?? '';
      years.set(y, (years.get(y) ?? 0) + 1);
    }
    expect([...years.keys()].sort()).toEqual(['2021', '2022', '2023', '2024']);
    for (const n of years.values()) expect(n).toBeGreaterThan(60);
    const count = (pred: (c: CaseInput) => boolean): number => cases.filter(pred).length;
    const has = (type: string) => (c: CaseInput) => c.events.some((e) => e.type === type);
    expect(count(has('placement_changed'))).toBeGreaterThan(80);
    expect(count((c) => c.events.some((e) => e.type === 'placement_changed' && e['planned'] === true))).toBeGreaterThan(20);
    expect(count((c) => c.events.some((e) => e.type === 'placement_changed' && e['planned'] === false))).toBeGreaterThan(20);
    expect(count(has('ceased_looked_after'))).toBeGreaterThan(100);
    expect(count((c) => c.events.filter((e) => e.type === 'became_looked_after').length > 1)).toBeGreaterThan(3);
    expect(count(has('review_postponement_approved'))).toBeGreaterThan(10);
    expect(count((c) => c.events.filter((e) => e.type === 'review_scheduled').length > c.events.filter((e) => e.type === 'review_held').length)).toBeGreaterThan(20);
    expect(count(has('escalation_raised'))).toBe(0);
  });

  it('holds about the configured share of reviews late (measured by the statutory policy)', () => {
    const asOf = '2024-12-31';
    const share = (lateShare: number): number => {
      const r = simulate(statutory.policy, statutory.policy, valueRecords([...generateCaseload({ ...base, children: 600, lateShare })], 'gen'), asOf);
      expect(r.input.failed).toBe(0);
      return r.reviews.baseline.share ?? -1;
    };
    expect(share(0)).toBeGreaterThan(0.97);
    const half = share(0.5);
    expect(half).toBeGreaterThan(0.42);
    expect(half).toBeLessThan(0.58);
  });

  it('writes escalations up the stages of the policy ladder, only for a policy that has one', () => {
    const g = createCaseGenerator({ ...base, ir: ladder.ir, children: 600 });
    expect(g.vocabulary.escalation).toEqual({ ladder: 'dispute_resolution', stages: [{ number: 1, referral: false }, { number: 2, referral: false }, { number: 3, referral: true }] });
    const withLadder = Array.from({ length: 600 }, (_, k) => g.generate(k));
    const escalated = withLadder.filter((c) => c.events.some((e) => e.type === 'escalation_raised'));
    expect(escalated.length).toBeGreaterThan(10);
    for (const c of withLadder) expect(ladder.policy.validate(c).ok, c.id).toBe(true);
    const stages = escalated.flatMap((c) => c.events.filter((e) => e.type === 'escalation_raised').map((e) => e['stage']));
    expect(new Set(stages)).toEqual(new Set([1, 2, 3]));
    expect(createCaseGenerator(base).vocabularyNotes).toEqual(['no escalations: the policy declares no ladder']);
  });

  it('refuses options it cannot honour, with a readable message', () => {
    expect(() => createCaseGenerator({ ...base, from: TO, to: FROM })).toThrow(/period/);
    expect(() => createCaseGenerator({ ...base, lateShare: 1.5 })).toThrow(/between 0 and 1/);
    // Dates given as text by a JavaScript caller (a walkthrough got cases born "+000NaN-NaN-NaN").
    const asText = { ...base, from: '2022-01-01', to: '2024-12-31' } as unknown as typeof base;
    expect(() => createCaseGenerator(asText)).toThrow('`from` must be a PlainDate (a day number: parsePlainDate(\'2024-01-01\') of @pdl/runtime), not the text "2022-01-01"');
    expect(() => createCaseGenerator({ ...base, to: Number.NaN })).toThrow('`to` must be a PlainDate');
    const noReviews: PolicyIR = { ...statutory.ir, events: statutory.ir.events.filter((e) => e.name !== 'review_held') };
    expect(() => createCaseGenerator({ ...base, ir: noReviews })).toThrow(/review_held/);
  });
});
