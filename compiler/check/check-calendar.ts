/**
 * Calendar checks. Input: a resolved policy (its own and inherited `calendar` declarations and
 * changes). Output: diagnostics about the root file's own declarations:
 * - `pdl/unknown-calendar` (error): a `calendar NAME` that is not in the runtime's registry
 *   (`CALENDARS`), with "did you mean" help and the list of calendars;
 * - `pdl/calendar-mismatch` (error): a policy naming a different calendar than a policy it extends
 *   names, or naming two calendars, or extending two policies that name different ones (a child
 *   inherits its parent's calendar: it may repeat the name, never change it; a parent without a
 *   `calendar` line chose none, so its children may name any);
 * - `pdl/calendar-closed-on-non-working-day`, `pdl/calendar-open-not-a-holiday` (warnings): a
 *   `closed` day that is already not a working day, or an `open` day that is not a bank holiday, of
 *   the CHOSEN calendar (the policy's own, else the inherited one, else the default).
 * INVARIANT: never throws; the changes of an unknown calendar are not checked (the name is the error).
 */
import { CALENDAR_NAMES, CALENDARS, calendarNamed, isCalendarName, type CalendarName } from '../../runtime/calendar.ts';
import { parsePlainDate, formatLongDate } from '../../runtime/dates.ts';
import { diagnostic, suggest, type Diagnostic } from '../diagnostics/types.ts';
import type { Located } from '../resolve/types.ts';
import type * as A from '../ast/types.ts';
import type { Check } from './types.ts';

/** The calendar names a policy may give (the runtime's registry). */
export const KNOWN_CALENDARS: readonly CalendarName[] = CALENDAR_NAMES;

const listed = (): string => CALENDAR_NAMES.map((c) => `\`${c}\``).join(', ');

/** `the \`scotland\` calendar (the bank holidays of Scotland)` */
const described = (name: CalendarName): string => `the \`${name}\` calendar (the bank holidays of ${CALENDARS[name].title})`;

export const checkCalendar: Check = (policy) => {
  const out: Diagnostic[] = [];
  const own = policy.calendar.declarations.filter((d) => d.own);
  const inherited = policy.calendar.declarations.filter((d) => !d.own && isCalendarName(d.decl.name.text));

  let ownChoice: Located<A.CalendarDecl> | undefined;
  for (const decl of own) {
    const name = decl.decl.name.text;
    if (!isCalendarName(name)) {
      const hint = suggest(name, CALENDAR_NAMES);
      out.push(
        diagnostic('pdl/unknown-calendar', policy.uri, decl.decl.name.range, `unknown calendar \`${name}\``, {
          help: `${hint === undefined ? '' : `did you mean \`${hint}\`? `}the calendars provided: ${listed()}`,
        }),
      );
      continue;
    }
    if (ownChoice === undefined) {
      ownChoice = decl;
      continue;
    }
    if (ownChoice.decl.name.text !== name) {
      out.push(
        diagnostic('pdl/calendar-mismatch', policy.uri, decl.decl.name.range, `this policy already names the calendar \`${ownChoice.decl.name.text}\`; it cannot also name \`${name}\``, {
          help: 'a policy counts working days on one calendar: give the same name on every `calendar` line',
          related: [{ uri: ownChoice.uri, range: ownChoice.decl.name.range, message: 'the calendar named first' }],
        }),
      );
    }
  }

  if (ownChoice !== undefined) {
    const parent = inherited.find((d) => d.decl.name.text !== ownChoice.decl.name.text);
    if (parent !== undefined) {
      out.push(
        diagnostic('pdl/calendar-mismatch', policy.uri, ownChoice.decl.name.range, `\`${parent.policy}\`, which this policy extends, counts working days on the \`${parent.decl.name.text}\` calendar, not \`${ownChoice.decl.name.text}\``, {
          help: `a policy inherits the calendar of the policies it extends and cannot change it: write \`calendar ${parent.decl.name.text}\``,
          related: [{ uri: parent.uri, range: parent.decl.name.range, message: `\`${parent.policy}\` names its calendar here` }],
        }),
      );
    }
  } else {
    const first = inherited[0];
    const other = first === undefined ? undefined : inherited.find((d) => d.decl.name.text !== first.decl.name.text);
    if (first !== undefined && other !== undefined) {
      const at = policy.ast.parents.find((p) => p.text === other.policy) ?? policy.ast.parents[0] ?? policy.ast.id;
      out.push(
        diagnostic('pdl/calendar-mismatch', policy.uri, at.range, `the policies this one extends name different calendars: \`${first.decl.name.text}\` (\`${first.policy}\`) and \`${other.decl.name.text}\` (\`${other.policy}\`)`, {
          help: 'a policy counts working days on one calendar: extend policies that use the same one',
          related: [
            { uri: first.uri, range: first.decl.name.range, message: `\`${first.policy}\` names its calendar here` },
            { uri: other.uri, range: other.decl.name.range, message: `\`${other.policy}\` names its calendar here` },
          ],
        }),
      );
    }
  }

  // The closed/open warnings read the calendar the policy is evaluated on.
  const chosen = policy.calendar.name;
  if (!isCalendarName(chosen)) return out;
  const base = calendarNamed(chosen);
  for (const change of policy.calendar.changes) {
    if (!change.own) continue;
    const day = parsePlainDate(change.decl.date.value);
    if (day === undefined) continue;
    const holiday = base.holidayName(day);
    if (change.decl.change === 'closed' && !base.isWorkingDay(day)) {
      out.push(
        diagnostic('pdl/calendar-closed-on-non-working-day', policy.uri, change.decl.date.range, `\`${change.decl.date.value}\` (${formatLongDate(day)}) is already not a working day${holiday ? `: ${holiday}` : ''}`, {
          help: `working days are counted on ${described(chosen)}`,
        }),
      );
    }
    if (change.decl.change === 'open' && holiday === undefined) {
      out.push(
        diagnostic('pdl/calendar-open-not-a-holiday', policy.uri, change.decl.date.range, `\`${change.decl.date.value}\` (${formatLongDate(day)}) is not a bank holiday, so \`open\` changes nothing`, {
          help: `working days are counted on ${described(chosen)}`,
        }),
      );
    }
  }
  return out;
};
