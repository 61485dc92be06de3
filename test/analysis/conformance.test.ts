/**
 * `pdl conformance`: local rules compared with the statute over start dates, through the evaluator.
 * The counterexamples are checked by hand in the comments. The command runs once as a real process
 * (bin/pdl.js, its exit code) and once through `main` in this process (test/support/processes.ts).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkConformance } from '../../compiler/analysis/conformance.ts';
import { createFileHost } from '../../cli/file-host.ts';
import { compile } from '../../compiler/index.ts';
import { parsePlainDate } from '../../runtime/index.ts';
import { IN_PROCESS_TIMEOUT_MS, pdl, pdlHere, timeoutFor } from '../support/processes.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const host = createFileHost([`${root}policies`, `${root}test/analysis`], root);
const load = (path: string) => compile(readFileSync(`${root}${path}`, 'utf8'), { uri: path, host, explanations: false }).policy!;
const statutory = load('policies/england/statutory-reviews.pdl');
const day = (s: string) => parsePlainDate(s)!;

describe('conformance', () => {
  it('finds a cycle written in days laxer than months, with a counterexample spanning February', () => {
    const report = checkConformance(load('test/analysis/fixtures-days-cycle.pdl'), statutory, day('2012-01-01'), day('2028-12-31'));
    const second = report.findings.find((f) => f.probe === 'occurrence 2')!;
    // 31 Jan 2012 + 3 months = 30 Apr 2012 (clamped); + 91 days = 1 May 2012.
    expect(second).toMatchObject({ kind: 'laxer', startDate: '2012-01-31', localDue: '2012-05-01', statutoryDue: '2012-04-30' });
    const third = report.findings.find((f) => f.probe === 'occurrence 3 and later')!;
    // The probe meets occurrence 2 the day after the start (2 Jan 2012), so occurrence 3 runs from it:
    // 2 Jan 2012 + 6 months = 2 Jul 2012; + 183 days = 3 Jul 2012 (2012 is a leap year).
    expect(third).toMatchObject({ kind: 'laxer', startDate: '2012-01-01', localDue: '2012-07-03', statutoryDue: '2012-07-02' });
    expect(report.findings.find((f) => f.probe === 'occurrence 1')!.kind).toBe('same');
  });

  it('finds that restarting the cycle on a placement move can push a review past the statutory date', () => {
    const report = checkConformance(load('test/analysis/fixtures-days-cycle.pdl'), statutory, day('2012-01-01'), day('2012-01-31'));
    const restart = report.findings.find((f) => f.probe.startsWith('restart'))!;
    // Review on 1 Jan 2012; statutory next review by 1 Apr 2012; a move on 31 Mar restarts the
    // local cycle: 31 Mar 2012 + 20 working days (6 and 9 April are Easter) = 1 May 2012.
    expect(restart).toMatchObject({ kind: 'laxer', startDate: '2012-01-01', localDue: '2012-05-01', statutoryDue: '2012-04-01' });
  });

  it('says a stricter policy is stricter, and the statute is the same as itself', () => {
    const stricter = checkConformance(load('test/analysis/fixtures-stricter.pdl'), statutory, day('2024-01-01'), day('2024-12-31'));
    expect(stricter.findings.map((f) => [f.rule, f.probe, f.kind])).toEqual([
      ['looked_after_review', 'occurrence 1', 'stricter'],
      ['looked_after_review', 'occurrence 2', 'same'],
      ['looked_after_review', 'occurrence 3 and later', 'same'],
      ['adjourned_review_completed', 'deadline', 'stricter'],
    ]);
    expect(checkConformance(statutory, statutory, day('2024-01-01'), day('2024-03-31')).findings).toEqual([]);
  });

  it('the CLI exits 1 with laxer findings and lists them in JSON', () => {
    const r = pdl(['conformance', 'test/analysis/fixtures-days-cycle.pdl', '--policies', 'test/analysis', '--json', '--from', '2012-01-01', '--to', '2012-12-31']);
    expect(r.status).toBe(1);
    const json = JSON.parse(r.stdout) as { laxer: number; findings: { rule: string; statutoryRule: string; startDate?: string; localDue?: string; statutoryDue?: string }[] };
    expect(json.laxer).toBe(3);
    expect(json.findings[1]).toMatchObject({ rule: 'looked_after_review', statutoryRule: 'looked_after_review', startDate: '2012-01-31', localDue: '2012-05-01', statutoryDue: '2012-04-30' });
  }, timeoutFor(1));

  it('the CLI exits 0 for a policy that is nowhere laxer', async () => {
    const r = await pdlHere(['conformance', 'test/analysis/fixtures-stricter.pdl', '--policies', 'test/analysis', '--from', '2024-01-01', '--to', '2024-02-01'], { NO_COLOR: '1' });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('0 laxer findings');
    expect(r.stdout).toContain('stricter');
  }, IN_PROCESS_TIMEOUT_MS);
});
