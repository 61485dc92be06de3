/**
 * `pdl simulate --baseline-rev REV` (issue 13, item 5): the baseline is the policy file, and every
 * policy it extends, as they were at a git revision, so that a policy lead can simulate a change (a
 * pull request) against its own earlier version.
 *
 * Input: a temporary git repository holding the statutory policy, test/simulate/fixtures/days-restart.pdl
 * (which extends it) and the hand-worked caseload; one commit, then edits in the work tree to both
 * files. Output: assertions on the JSON reports (run in this process with `main`) and on the errors.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { pdlHere } from '../support/processes.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const REPO = mkdtempSync(join(tmpdir(), 'pdl-baseline-rev-'));
afterAll(() => rmSync(REPO, { recursive: true, force: true }));

function git(...args: string[]): string {
  return execFileSync('git', ['-c', 'user.email=test@example.org', '-c', 'user.name=test', '-c', 'commit.gpgsign=false', ...args], { cwd: REPO, encoding: 'utf8' });
}

const pdl = (args: readonly string[], cwd = REPO): ReturnType<typeof pdlHere> => pdlHere(args, {}, cwd);

interface Report {
  readonly rules: readonly { readonly rule: string; readonly baseline: unknown; readonly reform: unknown }[];
  readonly reviews: { readonly baseline: unknown; readonly reform: unknown };
  readonly baselineRevision?: { readonly rev: string; readonly commit: string; readonly file: string };
}

const STATUTORY = 'policies/england/statutory-reviews.pdl';
const REFORM = 'policies/days-restart.pdl';
const ARGS = ['--caseload', 'hand.jsonl', '--as-of', '2025-05-01', '--json', '--workers', '1'];

mkdirSync(join(REPO, 'policies/england'), { recursive: true });
copyFileSync(join(ROOT, STATUTORY), join(REPO, STATUTORY));
copyFileSync(join(ROOT, 'test/simulate/fixtures/days-restart.pdl'), join(REPO, REFORM));
copyFileSync(join(ROOT, 'test/simulate/fixtures/hand.jsonl'), join(REPO, 'hand.jsonl'));
git('init', '-q');
git('add', '-A');
git('commit', '-q', '-m', 'the policies as they were');
const COMMIT = git('rev-parse', 'HEAD').trim();

describe('pdl simulate --baseline-rev', () => {
  it('compares the edited file with itself at the revision, its parent read at the revision too', async () => {
    // Before any edit: the file against itself, the baseline side as it was committed.
    const before = JSON.parse((await pdl(['simulate', '--baseline', REFORM, '--reform', REFORM, ...ARGS])).stdout) as Report;
    // Edit the reform (second review within 60 days, not 91) and its parent (first review within 15
    // working days, not 20) in the work tree only.
    const reformText = readFileSync(join(REPO, REFORM), 'utf8');
    expect(reformText).toContain('second within 91 days');
    writeFileSync(join(REPO, REFORM), reformText.replace('second within 91 days', 'second within 60 days'));
    const statutoryText = readFileSync(join(REPO, STATUTORY), 'utf8');
    const edited = statutoryText.replace(/within 20 working days of became_looked_after/g, 'within 15 working days of became_looked_after');
    expect(edited).not.toBe(statutoryText);
    writeFileSync(join(REPO, STATUTORY), edited);

    const run = await pdl(['simulate', '--reform', REFORM, '--baseline-rev', 'HEAD', ...ARGS]);
    expect(run.stderr).toBe('');
    const after = JSON.parse(run.stdout) as Report;
    expect(after.baselineRevision).toEqual({ rev: 'HEAD', commit: COMMIT, file: REFORM });
    // The baseline side is exactly what it was before the edits (parent included)...
    expect(after.rules.map((r) => [r.rule, r.baseline])).toEqual(before.rules.map((r) => [r.rule, r.baseline]));
    expect(after.reviews.baseline).toEqual(before.reviews.baseline);
    // ...and the reform side carries both edits: it differs from the committed version.
    const review = (r: Report): unknown => r.rules.find((x) => x.rule === 'looked_after_review')?.reform;
    expect(review(after)).not.toEqual(review(before));
    // The same edit, simulated from the work tree alone, gives the same reform side.
    const worktree = JSON.parse((await pdl(['simulate', '--baseline', REFORM, '--reform', REFORM, ...ARGS])).stdout) as Report;
    expect(review(after)).toEqual(review(worktree));
  });

  it('names the revision in the terminal summary', async () => {
    const run = await pdl(['simulate', '--reform', REFORM, '--baseline-rev', 'HEAD', '--caseload', 'hand.jsonl', '--as-of', '2025-05-01', '--workers', '1', '--no-color']);
    expect(run.stdout).toContain(`  baseline  test.days_restart: ${REFORM} at git revision HEAD (${COMMIT.slice(0, 12)})`);
  });

  it('says plainly what is wrong: no such revision, a file absent at it, no repository, no baseline at all', async () => {
    const unknown = await pdl(['simulate', '--reform', REFORM, '--baseline-rev', 'no-such-branch', ...ARGS]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('error: --baseline-rev no-such-branch: no such revision');
    const option = await pdl(['simulate', '--reform', REFORM, '--baseline-rev', '--output=x', ...ARGS]);
    expect(option.status).toBe(2);

    writeFileSync(join(REPO, 'policies/new.pdl'), readFileSync(join(REPO, REFORM), 'utf8').replace('policy test.days_restart', 'policy test.new_one'));
    const absent = await pdl(['simulate', '--reform', 'policies/new.pdl', '--baseline-rev', 'HEAD', ...ARGS]);
    expect(absent.status).toBe(2);
    expect(absent.stderr).toContain('error: --baseline-rev HEAD: policies/new.pdl does not exist at that revision');

    const outside = mkdtempSync(join(tmpdir(), 'pdl-no-git-'));
    try {
      copyFileSync(join(ROOT, 'test/simulate/fixtures/hand.jsonl'), join(outside, 'hand.jsonl'));
      writeFileSync(join(outside, 'p.pdl'), 'policy t.p\n  title "p"\n');
      const noRepo = await pdl(['simulate', '--reform', 'p.pdl', '--baseline-rev', 'HEAD', '--caseload', 'hand.jsonl'], outside);
      expect(noRepo.status).toBe(2);
      expect(noRepo.stderr).toContain('error: --baseline-rev needs a git repository');
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }

    const neither = await pdl(['simulate', '--reform', REFORM, ...ARGS]);
    expect(neither.status).toBe(2);
    expect(neither.stderr).toContain("required option '--baseline <policy>' not specified");
  });
});
