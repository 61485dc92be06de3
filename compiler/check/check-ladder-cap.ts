/**
 * Lint: a ladder whose stage timescales cannot fit its overall limit. Walking every stage at its
 * deadline takes at least the sum of the stages' timescales; when that exceeds `in total at most`,
 * the cap cannot be honoured by the procedure as written (Peterborough: five stages of 5 working
 * days, at least 35 calendar days, against 28 days in total).
 */
import type { DurationUnit } from '../../runtime/ir.ts';
import { minimumCalendarDays } from '../../runtime/units.ts';
import type * as A from '../ast/types.ts';
import { printDuration } from '../ast/print.ts';
import { diagnostic, type Diagnostic } from '../diagnostics/types.ts';
import type { Lint } from './types.ts';

export const checkLadderCap: Lint = (elaborated) => {
  const out: Diagnostic[] = [];
  const uri = elaborated.resolved.uri;
  for (const rule of elaborated.rules) {
    if (!rule.located.own || rule.kind !== 'ladder') continue;
    const total = rule.total;
    if (total?.duration.unit === undefined) continue;
    const timed = rule.stages.map((s) => s.ast).filter((s): s is typeof s & { respondWithin: A.Duration & { unit: DurationUnit } } => s.respondWithin?.unit !== undefined);
    const firstStage = timed[0];
    const lastStage = timed[timed.length - 1];
    if (firstStage === undefined || lastStage === undefined) continue;
    const capUnit = total.duration.unit;
    const allSameUnit = timed.every((s) => s.respondWithin.unit === capUnit);
    const sum = timed.reduce((n, s) => n + s.respondWithin.amount, 0);
    const minDays = timed.reduce((n, s) => n + minimumCalendarDays(s.respondWithin.amount, s.respondWithin.unit), 0);
    const capDays = capUnit === 'working_days' ? undefined : minimumCalendarDays(total.duration.amount, capUnit);
    const exceeds = allSameUnit ? sum > total.duration.amount : capDays !== undefined && minDays > capDays;
    if (!exceeds) continue;
    const first = firstStage.number;
    const last = lastStage.number;
    const units = new Set(timed.map((s) => s.respondWithin.unit));
    const spelled =
      units.size === 1
        ? `${sum} ${printDuration({ amount: sum, unit: firstStage.respondWithin.unit, range: total.range }).replace(/^\d+ /, '')}`
        : timed.map((s) => printDuration(s.respondWithin)).join(' + ');
    const atLeast = allSameUnit ? '' : '';
    const calendarNote = units.has('working_days') && capUnit !== 'working_days' ? ` (at least ${minDays} calendar days)` : atLeast;
    out.push(
      diagnostic(
        'pdl/ladder-exceeds-cap',
        uri,
        total.range,
        `stages ${first}-${last} allow ${spelled}${calendarNote}, but the ladder is capped at ${printDuration(total.duration)}`,
        {
          help: `${timed.map((s) => `stage ${s.number}: ${printDuration(s.respondWithin)}`).join('; ')}. Walking every stage at its deadline cannot finish within the cap: shorten the stages, raise the cap, or say that stages must be bypassed`,
          related: timed.map((s) => ({ uri, range: s.range, message: `stage ${s.number}: ${printDuration(s.respondWithin)}` })),
        },
      ),
    );
  }
  return out;
};
