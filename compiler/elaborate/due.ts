/**
 * A deadline's whole due clause: the due date (`elabDue`), and what may follow it: more anchor
 * events (`or EVENT`), more due dates with `whichever is sooner|later`, and a window (`between D
 * before|after and D before|after ...` in front, or `, earliest D before` after).
 *
 * Input: the `DueClause` of a deadline and its scope. Output: `ElabDeadlineDue` (the IR parts of
 * `IrDeadline`: `due`, `alsoFrom`, `whichever`, `window`), or undefined with diagnostics:
 * - `pdl/whichever-missing`: due dates joined by `or` without `whichever is sooner|later`;
 * - `pdl/unsupported-due`: `whichever` with one due date, given twice, or with several anchor events
 *   or a window; two windows; several anchor events measured from other than an event;
 * - `pdl/duplicate-anchor`: the same event named twice as an anchor of one due date;
 * - `pdl/empty-window`: a window that provably opens after it closes (both ends are measured from
 *   the same date, so this is known without a case: e.g. `between 1 month after and 2 weeks after`);
 * - the anchor checks of `resolveDue` for each due date.
 * INVARIANT: a clause with none of the extras elaborates exactly as `elabDue` alone (same IR, same diagnostics).
 */
import type { IrDue, IrShift } from '../../runtime/ir.ts';
import { minimumCalendarDays } from '../../runtime/units.ts';
import type * as A from '../ast/types.ts';
import { diagnostic, type Diagnostic } from '../diagnostics/types.ts';
import type { ElabDue } from '../kinds/types.ts';
import { checkEventName, elabDue, type Scope } from './names.ts';

/** A deadline's due clause, checked and resolved. */
export interface ElabDeadlineDue {
  readonly due: ElabDue;
  readonly alsoFrom?: readonly string[];
  readonly whichever?: { readonly pick: 'sooner' | 'later'; readonly others: readonly IrDue[] };
  readonly window?: { readonly opens: IrShift; readonly closes?: IrShift };
}

type DueClause = Extract<A.Clause, { kind: 'DueClause' }>;

function shift(s: A.DueShift): IrShift | undefined {
  return s.duration.unit === undefined ? undefined : { direction: s.direction, offset: { amount: s.duration.amount, unit: s.duration.unit } };
}

/** Days from the reference date, as a range [fewest, most] a signed shift can move it (most: unbounded units are generous). */
function extent(s: IrShift): readonly [number, number] {
  const fewest = minimumCalendarDays(s.offset.amount, s.offset.unit);
  // The most calendar days: a month is at most 31 days, a working day at most 5 (a long bank holiday weekend), a year 366.
  const most = s.offset.unit === 'months' ? 31 * s.offset.amount : s.offset.unit === 'years' ? 366 * s.offset.amount : s.offset.unit === 'working_days' ? 5 * s.offset.amount : fewest;
  return s.direction === 'after' ? [fewest, most] : [-most, -fewest];
}

/** True when the window opens after it closes, whatever the reference date. */
function provablyEmpty(opens: IrShift, closes: IrShift): boolean {
  if (opens.offset.unit === closes.offset.unit) {
    const sign = (s: IrShift) => (s.direction === 'after' ? s.offset.amount : -s.offset.amount);
    return sign(opens) > sign(closes);
  }
  return extent(opens)[0] > extent(closes)[1];
}

export function elabDeadlineDue(clause: DueClause, scope: Pick<Scope, 'policy' | 'uri'>, out: Diagnostic[]): ElabDeadlineDue | undefined {
  const due = elabDue(clause.due, { kind: 'deadline' }, scope, out);
  const more = clause.more ?? [];
  if (clause.window === undefined && more.length === 0) return due === undefined ? undefined : { due };
  let ok = due !== undefined;
  const uri = scope.uri;

  // More anchor events.
  const alsoFrom = more.filter((m): m is Extract<A.DueMore, { kind: 'AlsoFrom' }> => m.kind === 'AlsoFrom');
  if (alsoFrom.length > 0 && clause.due.anchor.kind !== 'EventAnchor') {
    const first = alsoFrom[0] as (typeof alsoFrom)[number];
    out.push(
      diagnostic('pdl/unsupported-due', uri, first.range, `\`or ${first.event.text}\`: several anchors must all be events, and this due date is measured from \`${clause.due.anchor.kind === 'ChildAnchor' ? `child.${clause.due.anchor.attribute.text}` : 'a date attribute'}\``, {
        help: 'write one deadline per anchor, or measure it from events only: `within 20 working days of became_looked_after or placement_moved`',
      }),
    );
    ok = false;
  }
  const seen = new Set<string>(clause.due.anchor.kind === 'EventAnchor' ? [clause.due.anchor.event.text] : []);
  for (const a of alsoFrom) {
    if (!checkEventName(a.event, scope, out)) ok = false;
    else if (seen.has(a.event.text)) {
      out.push(diagnostic('pdl/duplicate-anchor', uri, a.event.range, `\`${a.event.text}\` is already an anchor of this due date`, { help: 'name each anchor event once' }));
      ok = false;
    }
    seen.add(a.event.text);
  }

  // More due dates, and whichever.
  const orDues = more.filter((m): m is Extract<A.DueMore, { kind: 'OrDue' }> => m.kind === 'OrDue');
  const whichever = more.filter((m): m is Extract<A.DueMore, { kind: 'Whichever' }> => m.kind === 'Whichever');
  const others: IrDue[] = [];
  for (const o of orDues) {
    const e = elabDue(o.due, { kind: 'deadline' }, scope, out);
    if (e === undefined) ok = false;
    else others.push(e.ir);
  }
  const pick = whichever[0];
  if (orDues.length > 0 && pick === undefined) {
    out.push(
      diagnostic('pdl/whichever-missing', uri, clause.range, `this deadline has ${orDues.length + 1} due dates: say which one applies`, {
        help: 'end the line with `, whichever is sooner` or `, whichever is later`',
      }),
    );
    ok = false;
  }
  if (pick !== undefined && orDues.length === 0) {
    out.push(diagnostic('pdl/unsupported-due', uri, pick.range, '`whichever` needs two due dates or more', { help: 'add `or within D of EVENT` before it, or leave it out' }));
    ok = false;
  }
  for (const extra of whichever.slice(1)) {
    out.push(diagnostic('pdl/unsupported-due', uri, extra.range, '`whichever` is said once', { help: 'keep one `, whichever is sooner|later`' }));
    ok = false;
  }
  if (pick !== undefined && alsoFrom.length > 0) {
    out.push(
      diagnostic('pdl/unsupported-due', uri, pick.range, '`whichever` cannot be combined with several anchor events (`or EVENT`)', {
        help: 'write one deadline per anchor event, each with its own `whichever`',
      }),
    );
    ok = false;
  }

  // The window.
  const earliest = more.filter((m): m is Extract<A.DueMore, { kind: 'Earliest' }> => m.kind === 'Earliest');
  const windows = (clause.window ? 1 : 0) + earliest.length;
  let window: ElabDeadlineDue['window'];
  if (windows > 1) {
    const second = earliest[clause.window ? 0 : 1] as (typeof earliest)[number];
    out.push(diagnostic('pdl/unsupported-due', uri, second.range, 'this due date already has a window', { help: 'give the window once: `between D before and D after ...`, or `, earliest D before`' }));
    ok = false;
  } else if (windows === 1) {
    const range = clause.window?.range ?? (earliest[0] as (typeof earliest)[number]).range;
    if (pick !== undefined) {
      out.push(
        diagnostic('pdl/unsupported-due', uri, range, 'a window cannot be combined with `whichever`', {
          help: 'write the window around one due date, or the sooner/later of two without a window',
        }),
      );
      ok = false;
    }
    if (clause.window) {
      const opens = shift(clause.window.opens);
      const closes = shift(clause.window.closes);
      if (opens === undefined || closes === undefined) ok = false;
      else if (provablyEmpty(opens, closes)) {
        out.push(
          diagnostic('pdl/empty-window', uri, clause.window.range, 'this window opens after it closes', {
            help: 'the first duration is where the window opens, the second where it closes: `between 3 months before and 3 months after ...`',
          }),
        );
        ok = false;
      } else window = { opens, closes };
    } else {
      const opens = shift((earliest[0] as (typeof earliest)[number]).opens);
      if (opens === undefined) ok = false;
      else window = { opens };
    }
  }
  if (!ok || due === undefined) return undefined;
  return {
    due,
    ...(alsoFrom.length > 0 ? { alsoFrom: alsoFrom.map((a) => a.event.text) } : {}),
    ...(pick !== undefined ? { whichever: { pick: pick.pick, others } } : {}),
    ...(window !== undefined ? { window } : {}),
  };
}
