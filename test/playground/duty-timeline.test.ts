/**
 * The playground's timeline (`playground/src/timeline.ts`) with duties, which have no due date: a
 * duty's span ends at its bound, or (open-ended) at the as-of date; its marker carries its status
 * class (`status-missed`, `status-outstanding`) and says "to be done by" rather than "due".
 *
 * Input: an `EvaluationResult` written here. Output: assertions on the shapes.
 */
import { describe, expect, it } from 'vitest';
import type { EvaluationResult, Obligation } from '../../runtime/index.ts';
import { timelineLayout } from '../../playground/src/timeline.ts';

const base = { title: 'The child is prepared', owner: 'social_worker', citation: 'bullet 2', explanation: '', source: { file: 'p.pdl', line: 1, column: 1 } };
const missed: Obligation = { ...base, rule: 'prepare_child', occurrence: 1, anchor: { event: 'review_scheduled', date: '2025-05-01' }, bound: '2025-05-28', status: 'missed' };
const open: Obligation = { ...base, rule: 'record_reasons', occurrence: 1, anchor: { event: 'review_held', date: '2025-05-08' }, status: 'outstanding' };
const result: EvaluationResult = { policy: { id: 'p' }, case: 'c', asOf: '2025-06-30', obligations: [missed, open], superseded: [], violations: [], escalations: [], criteria: [], notifications: [], notices: [] };

describe('timeline with duties', () => {
  const layout = timelineLayout([], result);
  const dots = layout.shapes.filter((s) => s.kind === 'dot' && s.cls.startsWith('tl-due'));

  it('marks each duty with its status, at its bound or (open-ended) at the as-of date', () => {
    expect(dots.map((d) => (d.kind === 'dot' ? [d.cls, d.tip] : []))).toEqual([
      ['tl-due status-missed', 'prepare_child #1 to be done by 28/05/2025: Missed'],
      ['tl-due status-outstanding', 'record_reasons #1 no date; shown to 30/06/2025: Outstanding'],
    ]);
  });

  it('draws a missed duty from its bound to the as-of date', () => {
    const gap = layout.shapes.find((s) => s.kind === 'line' && s.cls === 'tl-gap status-missed');
    expect(gap?.tip).toBe('prepare_child #1 missed since 28/05/2025');
  });
});
