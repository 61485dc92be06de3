/**
 * Rich text and plain English for `pdl docs`: segments (`plain`, `code`, `strong`, `link`) joined
 * into rich text (`rich`, `joinRich`), dates, durations and ordinals in words, the page's anchors,
 * and the small list builders every kind of block uses (`fields`, `cites`, `notifyLine`).
 *
 * Input: strings and IR values. Output: rich text (`Rich`) or plain strings.
 * INVARIANT: no text built here breaks a line (runs of white space collapse to one space); nothing
 * is escaped here (the renderers escape).
 */
import { MONTH_NAMES } from '../../../runtime/dates.ts';
import type { IrDuration, IrTemplate } from '../../../runtime/ir.ts';
import { unitDocsWords } from '../../../runtime/units.ts';
import type { Line, Lines, Rich, Seg } from './view.ts';

// ---------------------------------------------------------------------------------------------
// Rich text

/** Collapses runs of white space (titles may contain `\n`) so that no text breaks a line. */
export function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ');
}

export const plain = (text: string): Seg => ({ text: oneLine(text), code: false, strong: false, href: '' });
export const code = (text: string): Seg => ({ text: oneLine(text), code: true, strong: false, href: '' });
export const strong = (text: string): Seg => ({ text: oneLine(text), code: false, strong: true, href: '' });
export const link = (text: string, href: string, isCode = false): Seg => ({ text: oneLine(text), code: isCode, strong: false, href });

export type Part = string | Seg | Rich;

/** Joins parts into rich text; strings are plain text; adjacent plain segments are merged. */
export function rich(...parts: readonly Part[]): Rich {
  const out: Seg[] = [];
  const push = (s: Seg): void => {
    if (s.text === '') return;
    const last = out[out.length - 1];
    if (last !== undefined && !last.code && !last.strong && last.href === '' && !s.code && !s.strong && s.href === '') {
      out[out.length - 1] = plain(last.text + s.text);
    } else out.push(s);
  };
  for (const p of parts) {
    if (typeof p === 'string') push(plain(p));
    else if (Array.isArray(p)) for (const s of p as Rich) push(s);
    else push(p as Seg);
  }
  return out;
}

/** `a`, `a and b`, `a, b and c` (or `or`). */
export function joinRich(items: readonly Rich[], last: 'and' | 'or'): Rich {
  const parts: Part[] = [];
  items.forEach((item, i) => {
    if (i > 0) parts.push(i === items.length - 1 ? ` ${last} ` : ', ');
    parts.push(item);
  });
  return rich(...parts);
}

// ---------------------------------------------------------------------------------------------
// Plain English

export const WEEKDAYS = ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;
const ORDINALS = ['', 'first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'] as const;

export function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** `The child becomes looked after` -> `the child becomes looked after`; `IRO visit` stays. */
export function lowerFirst(s: string): string {
  const first = /^\S+/.exec(s)?.[0] ?? '';
  return /^[A-Z][a-z'’]*$/.test(first) ? s.charAt(0).toLowerCase() + s.slice(1) : s;
}

export function ordinalWord(n: number): string {
  if (n < ORDINALS.length) return ORDINALS[n] ?? `${n}th`;
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th';
  return `${n}${suffix}`;
}

/** `2011-04-01` -> `1 April 2011`. */
export function plainDate(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (m === null) return date;
  const month = Number(m[2]) >= 1 ? MONTH_NAMES[Number(m[2])] : undefined;
  return `${Number(m[3])} ${month ?? m[2]} ${m[1]}`;
}

/** `20 working days`, `1 week`, `3 months`; calendar days are said to be so (the docs words of `runtime/units.ts`). */
export function durationText(d: IrDuration): string {
  return `${d.amount} ${unitDocsWords(d.unit, d.amount)}`;
}

export function capitaliseRich(r: Rich): Rich {
  const first = r[0];
  if (first === undefined || first.code || first.href !== '') return r;
  return [{ ...first, text: capitalise(first.text) }, ...r.slice(1)];
}

// ---------------------------------------------------------------------------------------------
// Anchors and names

/** `Review of the child's case (local timescales)` -> `review of the child's case`. */
export function cycleNoun(title: string): string {
  const bare = title.replace(/\s*\([^)]*\)\s*$/, '').replace(/^(the|a|an)\s+/i, '');
  return lowerFirst(bare === '' ? title : bare);
}

export function ruleAnchor(id: string): string {
  return `rule-${id.replace(/[^\w-]/g, '-')}`;
}

export function policyAnchor(id: string): string {
  return `policy-${id.replace(/[^\w-]/g, '-')}`;
}

export function roleAnchor(name: string): string {
  return `role-${name.replace(/[^\w-]/g, '-')}`;
}

export function notifyAnchor(id: string): string {
  return `notify-${id.replace(/[^\w-]/g, '-')}`;
}

/** Quotes a path for a shell command when it needs it. */
export function shellWord(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

// ---------------------------------------------------------------------------------------------
// Lists of labelled lines

/** `Cites: reg 33`. */
export function cites(citation: string): Line {
  return { number: 0, label: 'Cites', value: rich(citation) };
}

/** The `Notification` line of a rule that has a template (a link to it), or nothing. */
export function notifyLine(id: string, template: IrTemplate | undefined): Line[] {
  if (template === undefined) return [];
  return [{ number: 0, label: 'Notification', value: rich(code(template.subject), ' (', link('the template', `#${notifyAnchor(id)}`), ')') }];
}

/** Labelled lines as an unnumbered list without an introduction. */
export function fields(lines: readonly Line[]): Lines {
  return { intro: [], ordered: false, items: lines };
}
