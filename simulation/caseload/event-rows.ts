/**
 * An authority's case-system export, one event per row (CSV or JSON Lines), mapped to case events by a
 * small mapping file: the local events SSDA903 lacks (care plan authorised, discussions,
 * postponements) reach a simulation, alone or merged with SSDA903 tables by child id.
 *
 * Input: a mapping (`readEventMapping` checks one parsed from YAML or JSON; docs/simulation.md,
 * "Event exports", shows one), then the export's text (`importEventRows`). Output: events by child id
 * (and dates of birth, when the mapping names a column for them), counts, and an `ImportIssue` for
 * each row that could not be mapped (file and line, as the SSDA903 importer reports them);
 * `mergeEventRows` adds them to cases (SSDA903's) or makes cases of them.
 *
 * The mapping:
 *   format: csv | jsonl          (optional; the CLI takes it from the file's extension)
 *   child: COLUMN                the child's (pseudonymous) id
 *   date: COLUMN                 the event's date
 *   dateFormat: YYYY-MM-DD | DD/MM/YYYY   (default YYYY-MM-DD)
 *   dob: COLUMN                  (optional) the child's date of birth, same format
 *   type: COLUMN                 the column whose code says what happened
 *   events:                      code -> event type, or code -> { event, attributes }
 *     CPA: care_plan_authorised
 *     DISC: { event: discussion_held, attributes: { with: { from: WITH, values: { SM: service_manager } } } }
 * An attribute is `{ from: COLUMN }` (text as written), with `values` (code -> value: text, number or
 * true/false), or `date: true` (a date in `dateFormat`), or `number: true`. Columns of a CSV are
 * matched without regard to case; keys of JSON Lines rows as written.
 *
 * INVARIANT (privacy): issues name files, lines, columns and the mapping's own codes, never a value
 * from a row. INVARIANT: never throws on bad input; a row is mapped whole or rejected whole.
 * Browser-safe: no Node module.
 */
import { parse } from 'csv-parse/browser/esm/sync';
import { formatPlainDate, parsePlainDate } from '../../runtime/index.ts';
import type { PlainDate } from '../../runtime/index.ts';
import { parseDmyDate } from './ssda903.ts';
import type { CaseEventInput, CaseInput, CaseValue, ImportIssue } from './types.ts';

/** How one attribute of an event is read from a row. */
export interface AttributeMapping {
  readonly from: string;
  /** Code in the row -> the attribute's value. A code not listed rejects the row. */
  readonly values?: Readonly<Record<string, CaseValue>>;
  /** The cell is a date in the mapping's `dateFormat`. */
  readonly date?: boolean;
  /** The cell is a number. */
  readonly number?: boolean;
}

/** What one code of the type column becomes. */
export interface EventCodeMapping {
  readonly event: string;
  readonly attributes: Readonly<Record<string, AttributeMapping>>;
}

/** A checked mapping (see the file comment). */
export interface EventMapping {
  readonly format?: 'csv' | 'jsonl';
  readonly child: string;
  readonly date: string;
  readonly dateFormat: 'YYYY-MM-DD' | 'DD/MM/YYYY';
  readonly dob?: string;
  readonly type: string;
  /** By code, in the mapping's order. */
  readonly events: ReadonlyMap<string, EventCodeMapping>;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Checks a mapping parsed from YAML or JSON; every problem is listed (by its place in the mapping). */
export function readEventMapping(value: unknown): { ok: true; mapping: EventMapping } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  if (!isRecord(value)) return { ok: false, problems: ['the mapping must be an object with child, date, type and events'] };
  const known = new Set(['format', 'child', 'date', 'dateFormat', 'dob', 'type', 'events']);
  for (const k of Object.keys(value)) if (!known.has(k)) problems.push(`unknown key ${JSON.stringify(k)} (expected ${[...known].join(', ')})`);
  const column = (key: string, optional = false): string | undefined => {
    const v = value[key];
    if (v === undefined && optional) return undefined;
    if (typeof v !== 'string' || v.trim() === '') {
      problems.push(`${key}: expected the name of a column`);
      return undefined;
    }
    return v.trim();
  };
  const child = column('child');
  const date = column('date');
  const type = column('type');
  const dob = column('dob', true);
  const format = value['format'];
  if (format !== undefined && format !== 'csv' && format !== 'jsonl') problems.push('format: expected csv or jsonl');
  const dateFormat = value['dateFormat'] ?? 'YYYY-MM-DD';
  if (dateFormat !== 'YYYY-MM-DD' && dateFormat !== 'DD/MM/YYYY') problems.push('dateFormat: expected YYYY-MM-DD or DD/MM/YYYY');
  const events = new Map<string, EventCodeMapping>();
  const rawEvents = value['events'];
  if (!isRecord(rawEvents) || Object.keys(rawEvents).length === 0) problems.push('events: expected at least one code, each mapped to an event type');
  else {
    for (const [code, spec] of Object.entries(rawEvents)) {
      const where = `events.${code}`;
      if (typeof spec === 'string') {
        if (!NAME.test(spec)) problems.push(`${where}: ${JSON.stringify(spec)} is not an event type name`);
        else events.set(code, { event: spec, attributes: {} });
        continue;
      }
      if (!isRecord(spec) || typeof spec['event'] !== 'string' || !NAME.test(spec['event'])) {
        problems.push(`${where}: expected an event type name, or { event: NAME, attributes: {...} }`);
        continue;
      }
      const attributes: Record<string, AttributeMapping> = {};
      const rawAttributes = spec['attributes'] ?? {};
      if (!isRecord(rawAttributes)) problems.push(`${where}.attributes: expected an object of attribute name -> { from: COLUMN, ... }`);
      else {
        for (const [name, a] of Object.entries(rawAttributes)) {
          const at = `${where}.attributes.${name}`;
          if (!NAME.test(name) || name === 'type' || name === 'date') {
            problems.push(`${at}: not an attribute name (type and date are the event's own)`);
            continue;
          }
          if (!isRecord(a) || typeof a['from'] !== 'string' || a['from'].trim() === '') {
            problems.push(`${at}: expected { from: COLUMN }`);
            continue;
          }
          const values = a['values'];
          if (values !== undefined && (!isRecord(values) || Object.values(values).some((v) => typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean'))) {
            problems.push(`${at}.values: expected code -> text, number or true/false`);
            continue;
          }
          const kinds = [values !== undefined, a['date'] === true, a['number'] === true].filter(Boolean).length;
          if (kinds > 1) {
            problems.push(`${at}: at most one of values, date: true and number: true`);
            continue;
          }
          attributes[name] = { from: a['from'].trim(), ...(values !== undefined ? { values: values as Record<string, CaseValue> } : {}), ...(a['date'] === true ? { date: true } : {}), ...(a['number'] === true ? { number: true } : {}) };
        }
      }
      events.set(code, { event: spec['event'], attributes });
    }
  }
  if (problems.length > 0 || child === undefined || date === undefined || type === undefined) return { ok: false, problems };
  return {
    ok: true,
    mapping: { ...(format !== undefined ? { format: format as 'csv' | 'jsonl' } : {}), child, date, dateFormat: dateFormat as EventMapping['dateFormat'], ...(dob !== undefined ? { dob } : {}), type, events },
  };
}

/** What an export added up to. */
export interface EventRowCounts {
  /** Data rows read (CSV: after the header; JSON Lines: non-blank lines). */
  readonly rows: number;
  readonly mapped: number;
  readonly rejected: number;
  /** Events made, by event type (sorted). */
  readonly events: Readonly<Record<string, number>>;
}

/** The events of an export, by child id in order of first appearance. */
export interface EventRowsImport {
  readonly events: ReadonlyMap<string, CaseEventInput[]>;
  /** Dates of birth (`YYYY-MM-DD`) by child, when the mapping names a column for them. */
  readonly dobs: ReadonlyMap<string, string>;
  /** The first line each child appears on (for issues about a child as a whole). */
  readonly firstLine: ReadonlyMap<string, number>;
  readonly counts: EventRowCounts;
  readonly issues: readonly ImportIssue[];
}

interface RowReader {
  readonly line: number;
  cell(column: string): string | number | boolean | undefined;
}

function csvRows(name: string, text: string, issues: ImportIssue[]): RowReader[] {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { bom: true, info: true, relax_column_count: true, skip_empty_lines: true, skip_records_with_error: true }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch {
    issues.push({ severity: 'error', file: name, line: 0, message: 'the file cannot be read as CSV; no row of it was mapped' });
    return [];
  }
  const header = records[0];
  if (header === undefined) return [];
  const columns = new Map<string, number>();
  header.record.forEach((c, i) => {
    const key = c.trim().toUpperCase();
    if (!columns.has(key)) columns.set(key, i);
  });
  return records.slice(1).map((r) => ({
    line: r.info.lines,
    cell: (column: string) => {
      const i = columns.get(column.toUpperCase());
      return i === undefined ? undefined : r.record[i];
    },
  }));
}

function jsonlRows(name: string, text: string, issues: ImportIssue[]): RowReader[] {
  const out: RowReader[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(raw) as unknown;
    } catch {
      issues.push({ severity: 'error', file: name, line, message: 'the line is not valid JSON; it was not mapped' });
      out.push({ line, cell: () => undefined });
      return;
    }
    if (!isRecord(value)) {
      issues.push({ severity: 'error', file: name, line, message: 'the line is not a JSON object; it was not mapped' });
      out.push({ line, cell: () => undefined });
      return;
    }
    const row = value;
    out.push({
      line,
      cell: (column) => {
        if (!Object.prototype.hasOwnProperty.call(row, column)) return undefined;
        const v = row[column];
        return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : undefined;
      },
    });
  });
  return out;
}

function readDate(text: string, format: EventMapping['dateFormat']): PlainDate | undefined {
  return format === 'DD/MM/YYYY' ? parseDmyDate(text.trim()) : parsePlainDate(text.trim());
}

/**
 * Maps every row of an export. `format` is the mapping's, else the one given (the CLI's guess from
 * the file's extension); `name` is the file's name in issues.
 */
export function importEventRows(file: { readonly name: string; readonly text: string }, mapping: EventMapping, format: 'csv' | 'jsonl' = mapping.format ?? 'csv'): EventRowsImport {
  const issues: ImportIssue[] = [];
  const rows = (mapping.format ?? format) === 'jsonl' ? jsonlRows(file.name, file.text, issues) : csvRows(file.name, file.text, issues);
  const events = new Map<string, CaseEventInput[]>();
  const dobs = new Map<string, string>();
  const firstLine = new Map<string, number>();
  const byType: Record<string, number> = {};
  let mapped = 0;
  const codes = [...mapping.events.keys()].join(', ');
  const unreadable = new Set(issues.map((i) => i.line));
  for (const row of rows) {
    if (unreadable.has(row.line)) continue;
    const reject = (message: string, child?: string): void => {
      issues.push({ severity: 'error', file: file.name, line: row.line, ...(child !== undefined ? { child } : {}), message });
    };
    const text = (column: string): string | undefined => {
      const v = row.cell(column);
      return v === undefined ? undefined : String(v).trim();
    };
    const child = text(mapping.child);
    if (child === undefined || child === '') {
      reject(`no child id in column ${mapping.child}; the row was not mapped`);
      continue;
    }
    const code = text(mapping.type);
    const spec = code === undefined ? undefined : mapping.events.get(code);
    if (spec === undefined) {
      reject(`the code in column ${mapping.type} is not one the mapping lists (${codes}); the row was not mapped`, child);
      continue;
    }
    const dateText = text(mapping.date);
    const date = dateText === undefined ? undefined : readDate(dateText, mapping.dateFormat);
    if (date === undefined) {
      reject(`column ${mapping.date} is not a date as ${mapping.dateFormat}; the row was not mapped`, child);
      continue;
    }
    const event: Record<string, CaseValue> = { type: spec.event, date: formatPlainDate(date) };
    let bad: string | undefined;
    for (const [name, a] of Object.entries(spec.attributes)) {
      const raw = text(a.from);
      if (raw === undefined || raw === '') continue; // absent: the policy's validation says whether it is optional
      if (a.values !== undefined) {
        if (!Object.prototype.hasOwnProperty.call(a.values, raw)) {
          bad = `the code in column ${a.from} is not one of ${Object.keys(a.values).join(', ')} (attribute ${name} of ${spec.event})`;
          break;
        }
        event[name] = a.values[raw] as CaseValue;
      } else if (a.date === true) {
        const d = readDate(raw, mapping.dateFormat);
        if (d === undefined) {
          bad = `column ${a.from} is not a date as ${mapping.dateFormat} (attribute ${name} of ${spec.event})`;
          break;
        }
        event[name] = formatPlainDate(d);
      } else if (a.number === true) {
        const n = Number(raw);
        if (!Number.isFinite(n)) {
          bad = `column ${a.from} is not a number (attribute ${name} of ${spec.event})`;
          break;
        }
        event[name] = n;
      } else event[name] = raw;
    }
    if (bad !== undefined) {
      reject(`${bad}; the row was not mapped`, child);
      continue;
    }
    if (mapping.dob !== undefined) {
      const dobText = text(mapping.dob);
      const dob = dobText === undefined || dobText === '' ? undefined : readDate(dobText, mapping.dateFormat);
      if (dob === undefined) {
        reject(`column ${mapping.dob} is not a date of birth as ${mapping.dateFormat}; the row was not mapped`, child);
        continue;
      }
      const known = dobs.get(child);
      if (known !== undefined && known !== formatPlainDate(dob)) {
        reject(`column ${mapping.dob} gives this child another date of birth than an earlier row; the row was not mapped`, child);
        continue;
      }
      dobs.set(child, formatPlainDate(dob));
    }
    let list = events.get(child);
    if (list === undefined) {
      list = [];
      events.set(child, list);
      firstLine.set(child, row.line);
    }
    list.push(event as CaseEventInput);
    byType[spec.event] = (byType[spec.event] ?? 0) + 1;
    mapped++;
  }
  const sorted: Record<string, number> = {};
  for (const k of Object.keys(byType).sort()) sorted[k] = byType[k] ?? 0;
  issues.sort((a, b) => a.line - b.line);
  return { events, dobs, firstLine, counts: { rows: rows.length, mapped, rejected: rows.length - mapped, events: sorted }, issues };
}

/**
 * Adds an export's events to cases (by id; each case's events stay in date order, an export's event
 * after the case's own on the same date), and makes a case of each child the cases do not hold when
 * the export gives its date of birth; a child with neither is one issue (its events are left out).
 */
export function mergeEventRows(cases: readonly CaseInput[], rows: EventRowsImport, fileName: string): { cases: CaseInput[]; issues: ImportIssue[]; added: number; unmatched: number } {
  const issues: ImportIssue[] = [];
  const byId = new Map(cases.map((c) => [c.id, c]));
  const out: CaseInput[] = cases.map((c) => {
    const extra = rows.events.get(c.id);
    if (extra === undefined) return c;
    const merged = [...c.events.map((e, i) => ({ e, k: 0, i })), ...extra.map((e, i) => ({ e, k: 1, i }))].sort((a, b) => (a.e.date < b.e.date ? -1 : a.e.date > b.e.date ? 1 : a.k - b.k || a.i - b.i)).map((x) => x.e);
    return { ...c, events: merged };
  });
  let added = 0;
  let unmatched = 0;
  for (const [id, events] of rows.events) {
    if (byId.has(id)) continue;
    const dob = rows.dobs.get(id);
    if (dob === undefined) {
      unmatched++;
      issues.push({ severity: 'error', file: fileName, line: rows.firstLine.get(id) ?? 0, child: id, message: `the child is in no other table and the mapping gives no date of birth column (dob); its ${events.length} event${events.length === 1 ? ' was' : 's were'} left out` });
      continue;
    }
    added++;
    out.push({ id, child: { dob }, events: [...events].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)) });
  }
  return { cases: out, issues, added, unmatched };
}
