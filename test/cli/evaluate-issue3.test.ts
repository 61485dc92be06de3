/**
 * `pdl evaluate` shows escalations, violations, criteria and notifications, in text and in JSON.
 * Input: policies/peterborough.pdl and a fixture case, run through `main` in this process (the command
 * runs as a real process in evaluate.test.ts). Output: assertions.
 */
import { describe, expect, it } from 'vitest';
import { IN_PROCESS_TIMEOUT_MS, pdlHere } from '../support/processes.ts';

const here = (...args: string[]) => pdlHere(args, { NO_COLOR: '1' });

describe('pdl evaluate: escalations, violations, criteria, notifications', () => {
  it('--json has the four arrays with their documented fields', async () => {
    const r = await here('evaluate', 'policies/peterborough.pdl', 'test/cli/fixtures/case-escalation.json', '--as-of', '2025-03-20', '--json');
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout) as Record<string, unknown[]>;
    expect(Object.keys(json)).toEqual(['policy', 'case', 'asOf', 'obligations', 'superseded', 'violations', 'escalations', 'criteria', 'notifications', 'notices']);
    // Stage 2 raised on Mon 10 Mar 2025; 5 working days -> Mon 17 Mar; no response by 20 Mar.
    expect(json['escalations']).toContainEqual(
      expect.objectContaining({ ladder: 'dispute_resolution', stage: 2, respondents: ['service_manager'], due: '2025-03-17', status: 'overdue', nextStageDue: true, capDue: '2025-03-31' }),
    );
    expect(json['notifications']).toContainEqual(expect.objectContaining({ rule: 'dispute_resolution', subject: 'Dispute Resolution Alert on case-ladder - by 2025-03-17' }));
    expect((json['criteria'] as { name: string }[]).length).toBeGreaterThan(0);
  }, IN_PROCESS_TIMEOUT_MS);

  it('prints the sections after the obligations', async () => {
    const r = await here('evaluate', 'policies/peterborough.pdl', 'test/cli/fixtures/case-escalation.json', '--as-of', '2025-03-20');
    expect(r.status).toBe(0);
    const at = (s: string) => r.stdout.indexOf(s);
    expect(at('Escalations')).toBeGreaterThan(at('Explanations'));
    expect(at('Criteria')).toBeGreaterThan(at('Escalations'));
    expect(at('Notifications')).toBeGreaterThan(at('Criteria'));
    expect(r.stdout).toMatch(/dispute_resolution\s+2 \(current\)\s+2025-03-10\s+service_manager\s+2025-03-17\s+overdue\s+due\s+2025-03-31/);
  }, IN_PROCESS_TIMEOUT_MS);
});
