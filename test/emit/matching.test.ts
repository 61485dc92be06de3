/**
 * The emitted module and the interpreter agree on deadlines' matching windows (`counting from ...`,
 * and the default for a deadline measured before a meeting) and on `up to the limit` (obligations of
 * events beyond the limit moved to the superseded). The golden good cases
 * test/cases/deadlines/good/{matching-window,up-to-the-limit}.pdl are emitted as `pdl compile` would,
 * loaded as plain ESM (`@pdl/runtime` resolved to packages/runtime/dist through the workspace link),
 * and evaluated side by side with the interpreter on hand-made cases and on 200 seeded random cases each.
 *
 * Input: those two files, packages/runtime/dist. Output: assertions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bothOutcomes, emitAndLoad, expectRandomAgreement, removeEmitted, type LoadedPolicy } from './emitted.ts';

const WINDOW = 'test/cases/deadlines/good/matching-window.pdl';
const LIMIT = 'test/cases/deadlines/good/up-to-the-limit.pdl';
const FILES = [WINDOW, LIMIT];
const RANDOM_CASES = 200;
let loaded = new Map<string, LoadedPolicy>();

beforeAll(async () => {
  loaded = await emitAndLoad(FILES);
}, 240_000);

afterAll(removeEmitted);

interface Outcome {
  readonly ok: boolean;
  readonly result: {
    readonly obligations: readonly { readonly rule: string; readonly occurrence: number; readonly status: string; readonly satisfiedOn?: string; readonly explanation: string }[];
    readonly superseded: readonly { readonly rule: string; readonly occurrence: number; readonly due: string; readonly reason: string }[];
  };
}

describe('matching windows and limited anchors in the emitted module', () => {
  it('carry the IR fields `counting` and `upToLimit` into the module', () => {
    const w = loaded.get(WINDOW)!;
    expect(w.module.POLICY_IR).toEqual(w.policy.ir);
    const rule = w.module.POLICY_IR.rules.find((r) => r.id === 'report_before_review');
    expect(rule?.kind === 'deadline' ? rule.counting : undefined).toEqual({ kind: 'previous', event: 'review_held' });
    const l = loaded.get(LIMIT)!;
    const capped = l.module.POLICY_IR.rules.find((r) => r.id === 'adjourned_review_completed');
    expect(capped?.kind === 'deadline' ? capped.upToLimit : undefined).toBe('one_adjournment_per_review');
  });

  // A care plan authorised Thu 1 May 2025, before the review of Wed 14 May 2025 was booked (Tue 6 May):
  // due Fri 9 May 2025 (14 May - 5 days). By default it counts (no previous meeting: any date); with
  // `counting from review_scheduled` only what follows the booking counts.
  it('count work done before the booking as the interpreter does', () => {
    const entry = loaded.get(WINDOW)!;
    const input = {
      id: 'c', child: { dob: '2015-03-01' }, facts: {},
      events: [{ type: 'care_plan_authorised', date: '2025-05-01' }, { type: 'review_scheduled', date: '2025-05-06', for: '2025-05-14' }],
    };
    const [emitted, interpreted] = bothOutcomes(entry, input, '2025-05-14');
    expect(emitted).toEqual(interpreted);
    const { obligations } = (interpreted as Outcome).result;
    expect(obligations.find((o) => o.rule === 'care_plan_before_review')).toMatchObject({ status: 'met', satisfiedOn: '2025-05-01' });
    expect(obligations.find((o) => o.rule === 'care_plan_before_review')?.explanation).toContain('counted from any date: no previous review_scheduled.for before Wed 14 May 2025');
    expect(obligations.find((o) => o.rule === 'care_plan_since_booking')).toMatchObject({ status: 'overdue' });
  });

  // Adjourned Mon 12 May 2025 and again Mon 2 Jun 2025 in the same review (the first due within 20
  // working days of Mon 14 Apr 2025): the second gives no obligation; its 20 working days would end
  // Mon 30 Jun 2025.
  it('move the obligation of a second adjournment to the superseded as the interpreter does', () => {
    const entry = loaded.get(LIMIT)!;
    const input = {
      id: 'c', child: { dob: '2015-03-01' }, facts: {},
      events: [{ type: 'became_looked_after', date: '2025-04-14' }, { type: 'review_adjourned', date: '2025-05-12' }, { type: 'review_adjourned', date: '2025-06-02' }],
    };
    const [emitted, interpreted] = bothOutcomes(entry, input, '2025-06-11');
    expect(emitted).toEqual(interpreted);
    const { obligations, superseded } = (interpreted as Outcome).result;
    expect(obligations.filter((o) => o.rule === 'adjourned_review_completed').map((o) => o.occurrence)).toEqual([1]);
    expect(superseded).toEqual([expect.objectContaining({ rule: 'adjourned_review_completed', occurrence: 2, due: '2025-06-30' })]);
    expect(superseded[0]?.reason).toContain('beyond the limit one_adjournment_per_review');
  });

  for (const file of FILES) {
    it(`agree with the interpreter on ${RANDOM_CASES} random cases of ${file}`, () => {
      const { obligations } = expectRandomAgreement(loaded.get(file)!, file, RANDOM_CASES);
      expect(obligations).toBeGreaterThan(0);
    });
  }
});
