/**
 * Helpers shared by the simulation tests: policies of the repository compiled by path (with a file
 * host over policies/, so that `extends` resolves), plain dates from their text, and one side of a
 * partial report counted the plain way from evaluation results (`expectedSide`, the reference the
 * accumulator's counts are held to).
 *
 * Input: a path relative to the repository's root, a `YYYY-MM-DD` text, or evaluation results.
 * Output: the compiled policy (without explanations: the simulation reads none), the plain date, or
 * the counts; the first two throw when the input is not what the test expected, which fails the test.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createFileHost } from '../../cli/file-host.ts';
import { parsePlainDate } from '../../runtime/index.ts';
import type { CompiledPolicy, EvaluationResult, PlainDate } from '../../runtime/index.ts';
import { isoWeek } from '../../simulation/simulate/index.ts';
import type { SidePartial } from '../../simulation/simulate/types.ts';
import { compiledPolicy } from '../support/compiled.ts';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** A host over policies/, for `extends`. */
export const host = createFileHost([`${ROOT}policies`], ROOT);

/** The policy at `path` (from the repository's root), compiled. */
export function loadPolicy(path: string): CompiledPolicy {
  return compiledPolicy(readFileSync(`${ROOT}${path}`, 'utf8'), { uri: path, host, explanations: false });
}

/** The plain date of a `YYYY-MM-DD` text. */
export function day(text: string): PlainDate {
  const d = parsePlainDate(text);
  if (d === undefined) throw new Error(text);
  return d;
}

/** The slot of each status in a `RuleTally` (`early` has none). */
const STATUS_SLOT: Readonly<Record<string, number>> = { met: 0, met_late: 1, overdue: 2, open: 3, outstanding: 5, missed: 6 };

/** A side's counts the plain way, from the results themselves. */
export function expectedSide(results: readonly EvaluationResult[], asOfText: string, reviewRule = 'looked_after_review'): SidePartial {
  const side: SidePartial = { rules: {}, violations: {}, reviewsDue: 0, reviewsWithin: 0, weekly: {} };
  const tally = (rule: string) => (side.rules[rule] ??= [0, 0, 0, 0, 0, 0, 0]);
  for (const r of results) {
    for (const o of r.obligations) {
      const slot = STATUS_SLOT[o.status];
      if (slot !== undefined) {
        const t = tally(o.rule);
        t[slot] = (t[slot] as number) + 1;
      }
      if (o.rule === reviewRule && (o.status === 'met_late' || o.status === 'overdue')) side.reviewsDue++;
      if (o.rule === reviewRule && o.status === 'met' && o.due !== undefined && o.due <= asOfText) {
        side.reviewsDue++;
        side.reviewsWithin++;
      }
      const weeks = (side.weekly[o.owner] ??= {});
      const due = o.due ?? o.bound;
      if (due === undefined) continue;
      const day = parsePlainDate(due);
      const week = day === undefined ? 'unknown' : isoWeek(day);
      weeks[week] = (weeks[week] ?? 0) + 1;
    }
    for (const s of r.superseded) tally(s.rule)[4]++;
    for (const v of r.violations) {
      const entry = side.violations[v.rule];
      if (entry === undefined) side.violations[v.rule] = [v.kind, 1];
      else entry[1]++;
    }
  }
  return side;
}
