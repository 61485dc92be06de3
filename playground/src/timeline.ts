/**
 * The layout of the case's timeline picture: the case's events on one row, then one row per
 * obligation (from its anchor to its due date, with the date it was met), then one row per escalation
 * (each stage raised, with its response due date), a month axis and the as-of date.
 *
 * Input: the case's events (`type`, `date`, from the case JSON), the evaluation result and the as-of
 * date. Output: a `TimelineLayout`: the picture's size and a list of shapes in picture coordinates,
 * each with its CSS class (status colours: met, met_late, overdue, open) and a tooltip text.
 *
 * Each row has a readable label: an obligation's rule title (or its name in words when the title is
 * too long for two lines), never a cut identifier; the full title, name and occurrence are in the
 * label's tooltip and in the row's accessible description (`rows`), which `render-timeline.ts` makes
 * a keyboard stop.
 *
 * INVARIANT: no DOM (unit-tested in Node); `render-timeline.ts` turns shapes into SVG elements with
 * text nodes only. Dates are compared as day numbers (UTC), never through local time. Dates in
 * the texts (tooltips, labels, accessible descriptions) are dd/mm/yyyy, as in the rest of the page.
 */
import type { EvaluationResult } from '../../runtime/index.ts';
import { escalationStatusClass, escalationsOf, STATUS_LABELS } from './rows.ts';
import { formatUkDate as uk } from './uk-date.ts';

export interface TimelineEvent {
  readonly type: string;
  readonly date: string;
}

/** `row`: the index in `TimelineLayout.rows` of the row a shape belongs to (none for the axis and the as-of line). */
export type Shape = (
  | { readonly kind: 'line'; readonly x1: number; readonly y1: number; readonly x2: number; readonly y2: number; readonly cls: string; readonly tip?: string }
  | { readonly kind: 'dot'; readonly x: number; readonly y: number; readonly r: number; readonly cls: string; readonly tip: string }
  | { readonly kind: 'diamond'; readonly x: number; readonly y: number; readonly r: number; readonly cls: string; readonly tip: string }
  | {
      readonly kind: 'text';
      readonly x: number;
      readonly y: number;
      /** The whole text; `lines`, when given, is how it is shown (one line under the other). */
      readonly text: string;
      readonly lines?: readonly string[];
      readonly cls: string;
      readonly anchor: 'start' | 'middle' | 'end';
      readonly tip?: string;
    }
) & { readonly row?: number };

/** One row of the picture, described in words (for a screen reader and the keyboard). */
export interface TimelineRow {
  readonly label: string;
  readonly description: string;
  /** Where the row starts and how high it is, in picture coordinates. */
  readonly top: number;
  readonly height: number;
}

export interface TimelineLayout {
  readonly width: number;
  readonly height: number;
  readonly shapes: readonly Shape[];
  readonly rows: readonly TimelineRow[];
  /** First and last day shown (`YYYY-MM-DD`). */
  readonly from: string;
  readonly to: string;
}

const DAY_MS = 86_400_000;
export const TIMELINE_WIDTH = 760;
const LABEL_WIDTH = 250;
const RIGHT = 16;
const TOP = 24;
const ROW = 20;
/** A two-line row's extra height. */
const LINE = 11;
/** Characters on one line of a label (10.5 px sans-serif, at most about 6.5 px a character, in 242 px). */
const MAX_LINE = 36;

function dayOf(date: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (m === null) return undefined;
  return Math.round(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS);
}

function dateOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function clip(text: string): string {
  return text.length <= MAX_LINE ? text : `${text.slice(0, MAX_LINE - 1)}…`;
}

/** `text` in lines of at most MAX_LINE characters, broken at spaces; undefined when it needs more than two. */
export function labelLines(text: string): string[] | undefined {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    if (word.length > MAX_LINE) return undefined;
    if (current === '') current = word;
    else if (current.length + 1 + word.length <= MAX_LINE) current += ` ${word}`;
    else {
      lines.push(current);
      current = word;
    }
  }
  if (current !== '') lines.push(current);
  return lines.length <= 2 ? lines : undefined;
}

/** `looked_after_review` -> `Looked after review`. */
export function nameInWords(name: string): string {
  const words = name.replace(/_+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** An obligation's label: its title when it fits two lines, else its name in words; `#n` after it. */
export function obligationLabel(title: string, rule: string, occurrence: number): string[] {
  const suffix = ` #${occurrence}`;
  return labelLines(`${title}${suffix}`) ?? labelLines(`${nameInWords(rule)}${suffix}`) ?? [clip(`${nameInWords(rule)}${suffix}`)];
}

/** The events of a parsed case (anything that is not an array of `{type, date}` gives none). */
export function caseEvents(parsed: unknown): TimelineEvent[] {
  if (typeof parsed !== 'object' || parsed === null) return [];
  const events = (parsed as { events?: unknown }).events;
  if (!Array.isArray(events)) return [];
  const out: TimelineEvent[] = [];
  for (const e of events as unknown[]) {
    if (typeof e !== 'object' || e === null) continue;
    const { type, date } = e as { type?: unknown; date?: unknown };
    if (typeof type === 'string' && typeof date === 'string' && dayOf(date) !== undefined) out.push({ type, date });
  }
  return out;
}

export function timelineLayout(events: readonly TimelineEvent[], result: EvaluationResult): TimelineLayout {
  const asOfDay = dayOf(result.asOf) ?? 0;
  const days: number[] = [asOfDay];
  for (const e of events) days.push(dayOf(e.date) ?? asOfDay);
  for (const o of result.obligations) {
    days.push(dayOf(o.due ?? o.bound ?? o.anchor.date) ?? asOfDay, dayOf(o.anchor.date) ?? asOfDay);
    if (o.satisfiedOn !== undefined) days.push(dayOf(o.satisfiedOn) ?? asOfDay);
  }
  const escalations = escalationsOf(result);
  for (const e of escalations) {
    days.push(dayOf(e.raisedOn) ?? asOfDay);
    if (e.due !== undefined) days.push(dayOf(e.due) ?? asOfDay);
  }
  const span = Math.max(...days) - Math.min(...days);
  const pad = Math.max(7, Math.round(span * 0.04));
  const first = Math.min(...days) - pad;
  const last = Math.max(...days) + pad;
  const plotWidth = TIMELINE_WIDTH - LABEL_WIDTH - RIGHT;
  const x = (day: number): number => Math.round((LABEL_WIDTH + ((day - first) / Math.max(1, last - first)) * plotWidth) * 10) / 10;
  const xOf = (date: string): number => x(dayOf(date) ?? asOfDay);

  const all: Shape[] = [];
  const rows: TimelineRow[] = [];
  // Rows are ROW high, a two-line one LINE more: `top` is where the next row starts.
  let top = TOP;
  let y = TOP + ROW / 2;
  let rowIndex = -1;
  const startRow = (lines: number, label: string, description: string): void => {
    const height = ROW + (lines - 1) * LINE;
    y = top + height / 2;
    rows.push({ label, description, top, height });
    top += height;
    rowIndex = rows.length - 1;
  };
  const shapes = {
    push: (...added: Shape[]): void => {
      for (const shape of added) all.push(rowIndex < 0 ? shape : { ...shape, row: rowIndex });
    },
  };
  const textAt = (lines: readonly string[]): number => y + 4 - ((lines.length - 1) * LINE) / 2;

  // Row 0: the case's events (staggered labels would clutter: the type is in the tooltip and the legend).
  startRow(1, 'Case events', events.length === 0 ? 'Case events: none.' : `Case events: ${events.map((e) => `${e.type} on ${uk(e.date)}`).join('; ')}.`);
  shapes.push({ kind: 'text', x: LABEL_WIDTH - 8, y: textAt(['']), text: 'Case events', cls: 'tl-label', anchor: 'end' });
  shapes.push({ kind: 'line', x1: LABEL_WIDTH, y1: y, x2: TIMELINE_WIDTH - RIGHT, y2: y, cls: 'tl-track' });
  for (const e of events) shapes.push({ kind: 'diamond', x: xOf(e.date), y, r: 5, cls: 'tl-event', tip: `${uk(e.date)}: ${e.type}` });

  for (const o of result.obligations) {
    const label = `${o.rule} #${o.occurrence}`;
    const status = `${STATUS_LABELS[o.status]}`;
    // A duty has no due date: its span ends at its bound, else at its satisfaction or the as-of date.
    const due = o.due ?? o.bound ?? o.satisfiedOn ?? result.asOf;
    const dueWord = o.due !== undefined ? 'due' : o.bound !== undefined ? 'to be done by' : 'no date; shown to';
    const lines = obligationLabel(o.title, o.rule, o.occurrence);
    const met = o.satisfiedOn !== undefined ? `, met on ${uk(o.satisfiedOn)}` : '';
    startRow(lines.length, lines.join(' '), `${o.title} (${label}): from ${o.anchor.event} on ${uk(o.anchor.date)}, ${dueWord} ${uk(due)}${o.dueTime === undefined ? '' : ` ${o.dueTime}`}${met}: ${status}.`);
    shapes.push({ kind: 'text', x: LABEL_WIDTH - 8, y: textAt(lines), text: lines.join(' '), lines, cls: 'tl-label', anchor: 'end', tip: `${o.title} (${label})` });
    shapes.push({ kind: 'line', x1: xOf(o.anchor.date), y1: y, x2: xOf(due), y2: y, cls: `tl-span status-${o.status}`, tip: `${label}: from ${o.anchor.event} ${uk(o.anchor.date)} to ${uk(due)}` });
    shapes.push({ kind: 'dot', x: xOf(o.anchor.date), y, r: 3, cls: 'tl-anchor', tip: `${label} measured from ${o.anchor.event} ${uk(o.anchor.date)}` });
    shapes.push({ kind: 'dot', x: xOf(due), y, r: 6, cls: `tl-due status-${o.status}`, tip: `${label} ${dueWord} ${uk(due)}${o.dueTime === undefined ? '' : ` ${o.dueTime}`}: ${status}` });
    if (o.satisfiedOn !== undefined) {
      shapes.push({ kind: 'line', x1: xOf(due), y1: y, x2: xOf(o.satisfiedOn), y2: y, cls: `tl-gap status-${o.status}` });
      shapes.push({ kind: 'diamond', x: xOf(o.satisfiedOn), y, r: 4, cls: `tl-met status-${o.status}`, tip: `${label} met on ${uk(o.satisfiedOn)}` });
    } else if (o.status === 'overdue' || o.status === 'missed') {
      shapes.push({ kind: 'line', x1: xOf(due), y1: y, x2: x(asOfDay), y2: y, cls: `tl-gap status-${o.status}`, tip: `${label} ${o.status} since ${uk(due)}` });
    }
    }

  // Escalations: one row per ladder instance, a marker per stage raised.
  const instances = new Map<string, typeof escalations>();
  for (const e of escalations) {
    const key = `${e.ladder}#${e.instance}`;
    instances.set(key, [...(instances.get(key) ?? []), e]);
  }
  for (const [key, stages] of instances) {
    startRow(
      1,
      key,
      `Escalation ${key}: ${stages.map((s) => `stage ${s.stage} raised ${uk(s.raisedOn)}${s.due === undefined ? '' : `, response due ${uk(s.due)}`}, ${s.status.replace(/_/g, ' ')}`).join('; ')}.`,
    );
    shapes.push({ kind: 'text', x: LABEL_WIDTH - 8, y: y + 4, text: clip(key), cls: 'tl-label', anchor: 'end', tip: `escalation ${key}` });
    for (const s of stages) {
      const cls = escalationStatusClass(s.status);
      if (s.due !== undefined) shapes.push({ kind: 'line', x1: xOf(s.raisedOn), y1: y, x2: xOf(s.due), y2: y, cls: `tl-span ${cls}` });
      shapes.push({ kind: 'dot', x: xOf(s.raisedOn), y, r: 7, cls: `tl-stage ${cls}`, tip: `${key} stage ${s.stage} raised ${uk(s.raisedOn)}${s.due === undefined ? '' : `, response due ${uk(s.due)}`}: ${s.status.replace(/_/g, ' ')}` });
      shapes.push({ kind: 'text', x: xOf(s.raisedOn), y: y + 3, text: String(s.stage), cls: 'tl-stage-label', anchor: 'middle' });
    }
    }

  // Axis: a tick on the first of each month (every few months on long spans).
  rowIndex = -1;
  const height = top + 28;
  const axisY = top + 6;
  shapes.push({ kind: 'line', x1: LABEL_WIDTH, y1: axisY, x2: TIMELINE_WIDTH - RIGHT, y2: axisY, cls: 'tl-axis' });
  const months = Math.max(1, (last - first) / 30);
  const step = months <= 14 ? 1 : months <= 28 ? 2 : months <= 60 ? 6 : 12;
  const start = new Date(first * DAY_MS);
  let y0 = start.getUTCFullYear();
  let m0 = start.getUTCMonth() + 1;
  for (let guard = 0; guard < 400; guard++) {
    if (m0 > 11) {
      y0 += Math.floor(m0 / 12);
      m0 %= 12;
    }
    const day = Math.round(Date.UTC(y0, m0, 1) / DAY_MS);
    if (day > last) break;
    if (m0 % step === 0) {
      const label = m0 === 0 ? String(y0) : new Date(day * DAY_MS).toLocaleString('en-GB', { month: 'short', timeZone: 'UTC' });
      shapes.push({ kind: 'line', x1: x(day), y1: axisY, x2: x(day), y2: axisY + 4, cls: 'tl-axis' });
      shapes.push({ kind: 'text', x: x(day), y: axisY + 16, text: label, cls: 'tl-tick', anchor: 'middle' });
    }
    m0++;
  }
  // The as-of date.
  shapes.push({ kind: 'line', x1: x(asOfDay), y1: TOP - 14, x2: x(asOfDay), y2: axisY, cls: 'tl-asof', tip: `as of ${uk(result.asOf)}` });
  const asOfX = x(asOfDay);
  const asOfAnchor = asOfX > TIMELINE_WIDTH - 70 ? 'end' : asOfX < LABEL_WIDTH + 70 ? 'start' : 'middle';
  shapes.push({ kind: 'text', x: asOfX, y: TOP - 16, text: `as of ${uk(result.asOf)}`, cls: 'tl-asof-label', anchor: asOfAnchor });
  return { width: TIMELINE_WIDTH, height, shapes: all, rows, from: dateOf(first), to: dateOf(last) };
}
