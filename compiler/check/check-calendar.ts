/**
 * Calendar checks: the calendar is one the runtime provides; a `closed` day that is already a
 * weekend or bank holiday, or an `open` day that is not a bank holiday, is probably a mistake.
 */
import { englandAndWalesCalendar } from '../../runtime/calendar.ts';
import { parsePlainDate, formatLongDate } from '../../runtime/dates.ts';
import { diagnostic, type Diagnostic } from '../diagnostics/types.ts';
import type { Check } from './types.ts';

export const KNOWN_CALENDARS = ['england-and-wales'] as const;

export const checkCalendar: Check = (policy) => {
  const out: Diagnostic[] = [];
  for (const decl of policy.calendar.declarations) {
    if (!decl.own) continue;
    if (!(KNOWN_CALENDARS as readonly string[]).includes(decl.decl.name.text)) {
      out.push(
        diagnostic('pdl/unknown-calendar', policy.uri, decl.decl.name.range, `unknown calendar \`${decl.decl.name.text}\``, {
          help: `the calendars provided: ${KNOWN_CALENDARS.map((c) => `\`${c}\``).join(', ')}`,
        }),
      );
    }
  }
  const base = englandAndWalesCalendar();
  for (const change of policy.calendar.changes) {
    if (!change.own) continue;
    const day = parsePlainDate(change.decl.date.value);
    if (day === undefined) continue;
    const holiday = base.holidayName(day);
    if (change.decl.change === 'closed' && !base.isWorkingDay(day)) {
      out.push(
        diagnostic('pdl/calendar-closed-on-non-working-day', policy.uri, change.decl.date.range, `\`${change.decl.date.value}\` (${formatLongDate(day)}) is already not a working day${holiday ? `: ${holiday}` : ''}`),
      );
    }
    if (change.decl.change === 'open' && holiday === undefined) {
      out.push(diagnostic('pdl/calendar-open-not-a-holiday', policy.uri, change.decl.date.range, `\`${change.decl.date.value}\` (${formatLongDate(day)}) is not a bank holiday, so \`open\` changes nothing`));
    }
  }
  return out;
};
