/**
 * The ladder-cap lint (compiler/check/check-ladder-cap.ts) at its edges, written to kill the mutants
 * that the golden case (test/cases/analysis/bad/ladder-cap.pdl: working days against days) leaves
 * alive: a sum equal to the cap is no warning and one day more is; a month is at least 28 days (so 2
 * weeks + 14 days fit 1 month and 2 weeks + 15 days do not); stages in one unit are compared in that
 * unit; a cap in working days cannot be compared with stages in other units; stages with no timescale
 * are left out of the sum and of the stage range the message names.
 *
 * Input: small policies extending the statutory baseline (policies/england/), compiled in this
 * process. Output: assertions on the `pdl/ladder-exceeds-cap` diagnostics (message, help, related).
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createFileHost } from '../../cli/file-host.ts';
import type { Diagnostic } from '../../compiler/diagnostics/types.ts';
import { compileToIr, type CompilerHost } from '../../compiler/pipeline.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const files = createFileHost([join(ROOT, 'policies')], ROOT);
/** The statutory baseline from policies/, and `t.cap`, a parent held in memory whose ladder exceeds its cap. */
const host: CompilerHost = {
  findPolicy: (id, from) =>
    id === 't.cap' ? { uri: 'parent.pdl', text: ladder('14 working days', ['5 working days', '5 working days', '5 working days']) } : files.findPolicy(id, from),
};
const ROLES = ['social_worker', 'team_manager', 'iro', 'social_worker', 'team_manager'];

/** A ladder capped at `cap` whose timed stages respond within `stages`, then a stage that refers on. */
function ladder(cap: string | undefined, stages: readonly string[]): string {
  const lines = stages.map((s, i) => `  stage ${i + 1} alert ${ROLES[i] ?? 'iro'} respond within ${s}`);
  return [
    'policy t.cap extends england.statutory_reviews',
    '  title "Cap"',
    '',
    'ladder dispute',
    '  raised by iro',
    ...(cap === undefined ? [] : [`  in total at most ${cap} cite "1"`]),
    ...lines,
    `  stage ${stages.length + 1} refer to iro`,
    '  cite "2"',
    '',
  ].join('\n');
}

function capWarnings(text: string): Diagnostic[] {
  const r = compileToIr(text, { uri: 'cap.pdl', host });
  expect(r.diagnostics.filter((d) => d.code !== 'pdl/ladder-exceeds-cap')).toEqual([]);
  return r.diagnostics.filter((d) => d.code === 'pdl/ladder-exceeds-cap');
}

describe('ladder cap: stages in the cap\'s own unit', () => {
  it('a sum equal to the cap fits', () => {
    expect(capWarnings(ladder('15 working days', ['5 working days', '5 working days', '5 working days']))).toEqual([]);
    expect(capWarnings(ladder('3 weeks', ['1 week', '2 weeks']))).toEqual([]);
  });

  it('one more than the cap is reported, with the sum in the unit, each stage in the help and as related', () => {
    const [d, ...more] = capWarnings(ladder('14 working days', ['5 working days', '5 working days', '5 working days']));
    expect(more).toEqual([]);
    expect(d?.severity).toBe('warning');
    expect(d?.message).toBe('stages 1-3 allow 15 working days, but the ladder is capped at 14 working days');
    expect(d?.help).toBe(
      'stage 1: 5 working days; stage 2: 5 working days; stage 3: 5 working days. Walking every stage at its deadline cannot finish within the cap: shorten the stages, raise the cap, or say that stages must be bypassed',
    );
    expect(d?.related?.map((r) => r.message)).toEqual(['stage 1: 5 working days', 'stage 2: 5 working days', 'stage 3: 5 working days']);
    expect(d?.related?.map((r) => r.range.startLine)).toEqual([7, 8, 9]);
    expect(d?.range.startLine).toBe(6);
  });

  it('says a single unit in the singular and plural as the printer does', () => {
    expect(capWarnings(ladder('1 week', ['1 week', '1 week'])).map((d) => d.message)).toEqual(['stages 1-2 allow 2 weeks, but the ladder is capped at 1 week']);
  });
});

describe('ladder cap: stages in other units than the cap', () => {
  it('a month is at least 28 days: 2 weeks + 14 days fit, 2 weeks + 15 days do not', () => {
    expect(capWarnings(ladder('1 month', ['2 weeks', '14 days']))).toEqual([]);
    expect(capWarnings(ladder('1 month', ['2 weeks', '15 days'])).map((d) => d.message)).toEqual([
      'stages 1-2 allow 2 weeks + 15 days, but the ladder is capped at 1 month',
    ]);
  });

  it('working days span at least their weekends: 4 stages of 5 working days fit 28 days, not 27', () => {
    const four = ['5 working days', '5 working days', '5 working days', '5 working days'];
    expect(capWarnings(ladder('28 days', four))).toEqual([]);
    expect(capWarnings(ladder('27 days', four)).map((d) => d.message)).toEqual([
      'stages 1-4 allow 20 working days (at least 28 calendar days), but the ladder is capped at 27 days',
    ]);
  });

  it('mixed stage units are listed one by one, with the calendar days when some are working days', () => {
    expect(capWarnings(ladder('8 days', ['5 working days', '2 days'])).map((d) => d.message)).toEqual([
      'stages 1-2 allow 5 working days + 2 days (at least 9 calendar days), but the ladder is capped at 8 days',
    ]);
  });

  it('a cap in working days is not compared with stages in calendar units', () => {
    expect(capWarnings(ladder('1 working day', ['3 weeks', '30 days']))).toEqual([]);
  });
});

describe('ladder cap: ladders it does not check', () => {
  it('a ladder with no cap in total', () => {
    expect(capWarnings(ladder(undefined, ['5 working days', '5 working days']))).toEqual([]);
  });

  it('a ladder inherited from a parent is reported in the parent only', () => {
    expect(capWarnings('policy t.child extends t.cap\n  title "Child"\n')).toEqual([]);
  });
});
