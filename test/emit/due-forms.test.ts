/**
 * The emitted module and the interpreter agree on the due forms of deadlines: several anchor events,
 * `whichever is sooner|later` and windows (status `early`, field `earliest`). The golden good cases
 * of test/cases/deadlines/ that use them are emitted as `pdl compile` would, loaded as plain ESM
 * (with `@pdl/runtime` resolved to packages/runtime/dist through the workspace link), and evaluated side by side with the
 * interpreter on hand-made cases and on 200 seeded random cases each.
 *
 * Input: test/cases/deadlines/good/{several-anchors,whichever,windows}.pdl, packages/runtime/dist. Output: assertions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bothOutcomes, emitAndLoad, expectRandomAgreement, removeEmitted, type LoadedPolicy } from './emitted.ts';

const FILES = ['test/cases/deadlines/good/several-anchors.pdl', 'test/cases/deadlines/good/whichever.pdl', 'test/cases/deadlines/good/windows.pdl'];
const RANDOM_CASES = 200;
let loaded = new Map<string, LoadedPolicy>();

beforeAll(async () => {
  loaded = await emitAndLoad(FILES);
}, 240_000);

afterAll(removeEmitted);

describe('due forms in the emitted module', () => {
  it('carry the new IR fields into the module', () => {
    const windows = loaded.get('test/cases/deadlines/good/windows.pdl')!;
    expect(windows.module.POLICY_IR).toEqual(windows.policy.ir);
    const rule = windows.module.POLICY_IR.rules.find((r) => r.id === 'pathway_plan');
    expect(rule?.kind === 'deadline' ? rule.window : undefined).toEqual({ opens: { direction: 'before', offset: { amount: 3, unit: 'months' } }, closes: { direction: 'after', offset: { amount: 3, unit: 'months' } } });
  });

  it('report `early` with `earliest` as the interpreter does', () => {
    const entry = loaded.get('test/cases/deadlines/good/windows.pdl')!;
    const input = { id: 'c', child: { dob: '2010-03-15' }, facts: {}, events: [{ type: 'pathway_plan_completed', date: '2025-11-01' }] };
    const [emitted, interpreted] = bothOutcomes(entry, input, '2026-07-01');
    expect(emitted).toEqual(interpreted);
    const obligations = (interpreted as { result: { obligations: { rule: string; status: string; earliest?: string }[] } }).result.obligations;
    expect(obligations.find((o) => o.rule === 'pathway_plan')).toMatchObject({ status: 'early', earliest: '2025-12-15' });
  });

  for (const file of FILES) {
    it(`agree with the interpreter on ${RANDOM_CASES} random cases of ${file}`, () => {
      const { obligations } = expectRandomAgreement(loaded.get(file)!, file, RANDOM_CASES);
      expect(obligations).toBeGreaterThan(0);
    });
  }
});
