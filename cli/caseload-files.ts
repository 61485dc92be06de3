/**
 * Reading a caseload from the file system for `pdl simulate` (Node only).
 *
 * Input: a path: a JSON Lines file (`.jsonl`, `.ndjson`), a JSON file (one case, or an array of
 * cases), a folder of `.json` case files (searched recursively, in path order), or a folder holding
 * the SSDA903 tables `episodes.csv` and (optionally) `header.csv` and `reviews.csv` (names matched
 * without regard to case). Output: the cases as `CaseRecord`s (simulation/caseload), what kind of
 * source it was, lines describing it (with the SSDA903 reconciliation), and the SSDA903 import's
 * issues and counts.
 *
 * INVARIANT (privacy): messages name files, lines and columns, never case data; a file that cannot
 * be read is a usage error naming the file and why.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { importEventRows, importSsda903, importSsda903Xml, jsonLinesRecords, mergeEventRows, readEventMapping, valueRecords } from '../simulation/index.ts';
import type { CaseInput, CaseRecord, EventMapping, EventRowCounts, ImportIssue, Ssda903Counts } from '../simulation/index.ts';
import { filesBelow } from './files-below.ts';
import { readSettingsFile } from './settings-file.ts';
import { readFailure, shownPath } from './output.ts';

/** A caseload read from disk. */
export interface LoadedCaseload {
  readonly kind: 'jsonl' | 'json' | 'json-folder' | 'ssda903' | 'events';
  /** The path as given. */
  readonly path: string;
  readonly records: readonly CaseRecord[];
  /** Lines describing the source (for the summary and the HTML report). */
  readonly lines: readonly string[];
  /** SSDA903 only: every problem, by file then line. */
  readonly issues: readonly ImportIssue[];
  /** SSDA903 only. */
  readonly ssda903?: { readonly counts: Ssda903Counts; readonly reconciled: boolean };
  /** An event export (`--mapping`), alone or added to SSDA903 tables (`--events`). */
  readonly events?: { readonly file: string; readonly counts: EventRowCounts; readonly childrenAdded: number; readonly childrenLeftOut: number };
}

/** Options of `loadCaseload`. */
export interface LoadOptions {
  /** SSDA903: give children whose first episode is not `S` a `became_looked_after` on its start. */
  readonly assumeStart?: boolean;
  /** An event-per-row export (CSV or JSON Lines) to add to SSDA903 tables; needs `mapping`. */
  readonly events?: string;
  /** The mapping (YAML or JSON) of an event export: of `events`, or of the caseload file itself. */
  readonly mapping?: string;
}

export type LoadResult = { readonly ok: true; readonly caseload: LoadedCaseload } | { readonly ok: false; readonly message: string };

function read(path: string): { ok: true; text: string } | { ok: false; reason: string } {
  try {
    const text = readFileSync(path, 'utf8');
    return { ok: true, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
  } catch (error) {
    return { ok: false, reason: readFailure(error) };
  }
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function readMapping(path: string, cwd: string): { ok: true; value: EventMapping } | { ok: false; message: string } {
  return readSettingsFile(path, cwd, 'event mapping', (v) => {
    const m = readEventMapping(v);
    return m.ok ? { ok: true, value: m.mapping } : m;
  });
}

function exportFormat(file: string): 'csv' | 'jsonl' {
  const ext = extname(file).toLowerCase();
  return ext === '.jsonl' || ext === '.ndjson' ? 'jsonl' : 'csv';
}

/** Reads the caseload at `path` (relative to `cwd`); see the file comment for what it may be. */
export function loadCaseload(path: string, cwd: string, options: LoadOptions = {}): LoadResult {
  if (options.events !== undefined && options.mapping === undefined) return { ok: false, message: '--events needs --mapping FILE: the mapping of its columns to event types' };
  const mapping = options.mapping === undefined ? undefined : readMapping(options.mapping, cwd);
  if (mapping !== undefined && !mapping.ok) return { ok: false, message: mapping.message };
  const loaded = loadSource(path, cwd, options, mapping?.value);
  return loaded;
}

function loadSource(path: string, cwd: string, options: LoadOptions, mapping: EventMapping | undefined): LoadResult {
  const full = resolve(cwd, path);
  let isDir: boolean;
  try {
    isDir = statSync(full).isDirectory();
  } catch (error) {
    return { ok: false, message: `cannot read ${path}: ${readFailure(error)}` };
  }
  const name = (p: string): string => shownPath(p, cwd);
  if (!isDir) {
    const text = read(full);
    if (!text.ok) return { ok: false, message: `cannot read ${path}: ${text.reason}` };
    const ext = extname(full).toLowerCase();
    if (mapping !== undefined) {
      if (options.events !== undefined) return { ok: false, message: `--events adds an export to SSDA903 tables: give their folder as --caseload, not ${path}` };
      const rows = importEventRows({ name: name(full), text: text.text }, mapping, exportFormat(full));
      const merged = mergeEventRows([], rows, name(full));
      return { ok: true, caseload: eventCaseload('events', path, name(full), merged.cases, [...rows.issues, ...merged.issues], [], rows.counts, merged) };
    }
    if (ext === '.csv') return { ok: false, message: `${path}: give the folder that holds the SSDA903 tables (episodes.csv, header.csv, reviews.csv), not one table` };
    if (ext === '.xml') {
      // SSDA903 in its XML form (simulation/caseload/ssda903-xml.ts): the same mapping as the CSV tables.
      const result = importSsda903Xml({ name: name(full), text: text.text }, { assumeStartAtFirstEpisode: options.assumeStart === true });
      const errors = result.issues.filter((i) => i.severity === 'error').length;
      const lines = [`${name(full)}: SSDA903 XML return`, ...result.reconciliation.lines, `${plural(errors, 'row problem')} (elements not mapped), ${plural(result.issues.length - errors, 'warning')}`];
      const records = valueRecords(result.cases, name(full)).map((r, i): CaseRecord => ({ ...r, origin: `${name(full)}: child ${result.cases[i]?.id ?? ''}` }));
      return { ok: true, caseload: { kind: 'ssda903', path, records, lines, issues: result.issues, ssda903: { counts: result.counts, reconciled: result.reconciliation.ok } } };
    }
    if (ext === '.json') {
      const trimmed = text.text.trimStart();
      if (trimmed.startsWith('[')) {
        let values: unknown;
        try {
          values = JSON.parse(text.text) as unknown;
        } catch {
          return { ok: false, message: `${path}: not valid JSON (an array of cases was expected)` };
        }
        const records = valueRecords(values as unknown[], name(full));
        return { ok: true, caseload: { kind: 'json', path, records, lines: [`${name(full)}: an array of ${plural(records.length, 'case')}`], issues: [] } };
      }
      return { ok: true, caseload: { kind: 'json', path, records: [{ kind: 'text', origin: name(full), text: text.text }], lines: [`${name(full)}: one case`], issues: [] } };
    }
    const records = jsonLinesRecords(text.text, name(full));
    return { ok: true, caseload: { kind: 'jsonl', path, records, lines: [`${name(full)}: JSON Lines, ${plural(records.length, 'case')}`], issues: [] } };
  }
  let entries: string[];
  try {
    entries = readdirSync(full);
  } catch (error) {
    return { ok: false, message: `cannot read ${path}: ${readFailure(error)}` };
  }
  const table = (wanted: string): string | undefined => entries.find((e) => e.toLowerCase() === wanted);
  const episodes = table('episodes.csv');
  if (episodes !== undefined) {
    const texts: Record<string, { name: string; text: string } | undefined> = {};
    for (const wanted of ['header.csv', 'episodes.csv', 'reviews.csv']) {
      const file = table(wanted);
      if (file === undefined) continue;
      const t = read(join(full, file));
      if (!t.ok) return { ok: false, message: `cannot read ${name(join(full, file))}: ${t.reason}` };
      texts[wanted] = { name: file, text: t.text };
    }
    const result = importSsda903(
      {
        episodes: texts['episodes.csv'] as { name: string; text: string },
        ...(texts['header.csv'] !== undefined ? { header: texts['header.csv'] } : {}),
        ...(texts['reviews.csv'] !== undefined ? { reviews: texts['reviews.csv'] } : {}),
      },
      { assumeStartAtFirstEpisode: options.assumeStart === true },
    );
    const folder = name(full);
    const missing = ['header.csv', 'reviews.csv'].filter((t) => texts[t] === undefined);
    const errors = result.issues.filter((i) => i.severity === 'error').length;
    const lines = [
      `${folder}: SSDA903 tables ${['header.csv', 'episodes.csv', 'reviews.csv'].filter((t) => texts[t] !== undefined).join(', ')}` +
        (missing.length > 0 ? ` (no ${missing.join(' or ')}: ${missing.includes('header.csv') ? 'dates of birth from reviews.csv only' : 'no reviews'})` : ''),
      ...result.reconciliation.lines,
      `${plural(errors, 'row problem')} (rows not mapped), ${plural(result.issues.length - errors, 'warning')}`,
    ];
    if (mapping !== undefined) {
      if (options.events === undefined) return { ok: false, message: `--mapping maps an event export: give it with --events FILE (or give the export itself as --caseload)` };
      const eventsFile = resolve(cwd, options.events);
      const t = read(eventsFile);
      if (!t.ok) return { ok: false, message: `cannot read ${options.events}: ${t.reason}` };
      const rows = importEventRows({ name: name(eventsFile), text: t.text }, mapping, exportFormat(eventsFile));
      const merged = mergeEventRows(result.cases, rows, name(eventsFile));
      const loaded = eventCaseload('ssda903', path, folder, merged.cases, [...result.issues, ...rows.issues, ...merged.issues], lines, rows.counts, merged);
      return { ok: true, caseload: { ...loaded, ssda903: { counts: result.counts, reconciled: result.reconciliation.ok } } };
    }
    if (options.events !== undefined) return { ok: false, message: '--events needs --mapping FILE' };
    const records = valueRecords(result.cases, folder).map((r, i): CaseRecord => ({ ...r, origin: `${folder}: child ${result.cases[i]?.id ?? ''}` }));
    return {
      ok: true,
      caseload: { kind: 'ssda903', path, records, lines, issues: result.issues, ssda903: { counts: result.counts, reconciled: result.reconciliation.ok } },
    };
  }
  if (mapping !== undefined || options.events !== undefined) return { ok: false, message: `--events and --mapping read an event export, alone (--caseload EXPORT.csv) or added to a folder of SSDA903 tables; ${path} is neither` };
  const files: string[] = [];
  filesBelow(full, '.json', files, { maxDepth: 8, ignoreCase: true });
  if (files.length === 0) return { ok: false, message: `${path}: no case files (.json) and no SSDA903 episodes.csv in this folder` };
  const records: CaseRecord[] = [];
  for (const file of files) {
    const t = read(file);
    if (!t.ok) return { ok: false, message: `cannot read ${name(file)}: ${t.reason}` };
    records.push({ kind: 'text', origin: name(file), text: t.text });
  }
  return { ok: true, caseload: { kind: 'json-folder', path, records, lines: [`${name(full)}: a folder of ${plural(records.length, 'case file')}`], issues: [] } };
}

/** A caseload made or completed from an event export: its records, issues and the lines that describe it. */
function eventCaseload(
  kind: 'events' | 'ssda903',
  path: string,
  origin: string,
  cases: readonly CaseInput[],
  issues: ImportIssue[],
  before: readonly string[],
  counts: EventRowCounts,
  merged: { readonly added: number; readonly unmatched: number },
): LoadedCaseload {
  const records = valueRecords(cases, origin).map((r, i): CaseRecord => ({ ...r, origin: `${origin}: child ${cases[i]?.id ?? ''}` }));
  const types = Object.entries(counts.events).map(([t, n]) => `${t} ${n}`).join(', ');
  const exportLine = `event export: ${plural(counts.rows, 'row')}, ${counts.mapped} mapped (${types === '' ? 'no events' : types}), ${counts.rejected} not mapped` +
    (kind === 'ssda903' ? `; ${plural(merged.added, 'child', 'children')} not in the SSDA903 tables added, ${merged.unmatched} left out` : merged.unmatched > 0 ? `; ${plural(merged.unmatched, 'child', 'children')} without a date of birth left out` : '');
  const sorted = [...issues].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
  return {
    kind,
    path,
    records,
    lines: kind === 'events' ? [`${origin}: an event export, ${plural(records.length, 'child', 'children')}`, exportLine] : [...before, exportLine],
    issues: sorted,
    events: { file: origin, counts, childrenAdded: merged.added, childrenLeftOut: merged.unmatched },
  };
}

/** The latest `date` of any event in the records (a quick scan, without validation): the default as-of date. */
export function latestEventDate(records: readonly CaseRecord[]): string | undefined {
  let latest: string | undefined;
  const pattern = /"date"\s*:\s*"(\d{4}-\d{2}-\d{2})"/g;
  for (const r of records) {
    if (r.kind === 'text') {
      for (const m of r.text.matchAll(pattern)) {
        const d = m[1] as string;
        if (latest === undefined || d > latest) latest = d;
      }
    } else {
      const events = (r.value as { events?: unknown } | null)?.events;
      if (!Array.isArray(events)) continue;
      for (const e of events) {
        const d = (e as { date?: unknown } | null)?.date;
        if (typeof d === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d) && (latest === undefined || d > latest)) latest = d;
      }
    }
  }
  return latest;
}
