/**
 * The SSDA903 importer: the DfE looked-after-children return's header, episodes and reviews tables
 * (CSV text, dates DD/MM/YYYY) mapped onto the shared case vocabulary (docs/vocabulary.md).
 *
 * Input: the text of `episodes.csv` and, optionally, `header.csv` and `reviews.csv`, each with the name
 * used in messages. Output: `Ssda903Import`: one `CaseInput` per child, every problem as an
 * `ImportIssue` with its file and line, counts, and a reconciliation of rows in against cases and
 * events out.
 *
 * Mapping (docs/simulation.md has the full table):
 * - an episode with RNE `S` is `became_looked_after` on its DECOM;
 * - an episode with RNE `P`, `B`, `T` or `U` is `placement_changed` on its DECOM, `planned` true when
 *   the reason for the change (REASON_PLACE_CHANGE of the episode that ended on that DECOM, else of
 *   the episode itself) is one of `plannedReasons` (default `CARPL`, `PLACE`), false otherwise; a
 *   missing, `OTHER` or unknown reason is counted as an assumption (`planned` false);
 * - an episode with RNE `L` (legal status only) produces no start event, but is mapped;
 * - an episode whose DEC is set and whose REC is not `X1` is also `ceased_looked_after` on its DEC;
 * - each reviews row is `review_held` on its REVIEW date;
 * - `child.dob` is the header's DOB, else the first reviews DOB (conflicts are warnings).
 * With `assumeStartAtFirstEpisode`, a child whose first episode is not `S` (the care began before the
 * extract) gets `became_looked_after` on that episode's DECOM, counted as an assumption.
 *
 * INVARIANT: every row is either mapped or rejected with an `error` issue naming its file and line;
 * `counts` reconcile (rows in = mapped + rejected; events out = the sum of what the mapped rows
 * produce) and `reconciliation.ok` says so.
 * INVARIANT: dates are parsed strictly (two-digit day and month, four-digit year, a real date); an
 * impossible date is an error, never rolled over.
 * INVARIANT (privacy): messages name columns and codes, never a value from a child's record; children
 * are named only by their CHILD id, as given.
 * INVARIANT: the output depends only on the input text (not on time zone or clock); browser-safe
 * (csv-parse's self-contained browser build, no Node module).
 */
import { parse } from 'csv-parse/browser/esm/sync';
import { formatPlainDate, fromYmd, daysInMonth } from '../../runtime/index.ts';
import type { PlainDate } from '../../runtime/index.ts';
import type { CaseEventInput, CaseInput, ImportIssue } from './types.ts';

/** The text of one table, with the name used in messages (e.g. `episodes.csv`). */
export interface TableText {
  readonly name: string;
  readonly text: string;
}

/** The tables of an SSDA903 return that the importer reads. */
export interface Ssda903Tables {
  readonly header?: TableText;
  readonly episodes: TableText;
  readonly reviews?: TableText;
}

/** Options of `importSsda903`. */
export interface Ssda903Options {
  /** REASON_PLACE_CHANGE codes read as a planned move (default `CARPL` and `PLACE`). */
  readonly plannedReasons?: readonly string[];
  /**
   * Give a child whose first episode does not start a period of care (RNE other than `S`: the care
   * began before the extract) a `became_looked_after` on that episode's DECOM (default false).
   */
  readonly assumeStartAtFirstEpisode?: boolean;
}

/** Counts of rows in and cases and events out; they reconcile (see `Ssda903Import.reconciliation`). */
export interface Ssda903Counts {
  readonly header: { readonly rows: number; readonly mapped: number; readonly rejected: number };
  readonly episodes: {
    readonly rows: number;
    readonly mapped: number;
    readonly rejected: number;
    /** Mapped episodes by RNE code. */
    readonly byRne: Readonly<Record<string, number>>;
    /** Mapped episodes with a DEC and a REC other than `X1`. */
    readonly ended: number;
  };
  readonly reviews: { readonly rows: number; readonly mapped: number; readonly rejected: number };
  readonly children: {
    /** Distinct CHILD ids named by any row with a CHILD. */
    readonly distinct: number;
    readonly inHeader: number;
    readonly inEpisodes: number;
    readonly inReviews: number;
    /** Children with no usable date of birth: no case; their rows are rejected. */
    readonly withoutDob: number;
    /** Children in episodes.csv or reviews.csv but not in header.csv (their DOB taken from reviews.csv). */
    readonly notInHeader: number;
  };
  readonly cases: number;
  readonly events: {
    readonly became_looked_after: number;
    readonly placement_changed: number;
    readonly ceased_looked_after: number;
    readonly review_held: number;
    readonly total: number;
  };
  readonly assumptions: {
    /** `placement_changed` with `planned: false` because the reason was missing, `OTHER` or unknown. */
    readonly plannedUnknown: number;
    /** Children whose first episode is not `S` (their care began before the extract). */
    readonly firstEpisodeNotStart: number;
    /** Of those, the ones given a `became_looked_after` (with `assumeStartAtFirstEpisode`). */
    readonly startAssumed: number;
  };
}

/** The result of `importSsda903`. */
export interface Ssda903Import {
  /** One case per child with a date of birth, in order of first appearance (header, episodes, reviews); events sorted by date. */
  readonly cases: readonly CaseInput[];
  /** Errors (rows not mapped) and warnings (rows mapped with something ignored or assumed), by file then line. */
  readonly issues: readonly ImportIssue[];
  readonly counts: Ssda903Counts;
  /** `ok` when every identity holds; `lines` state them with the numbers, for printing. */
  readonly reconciliation: { readonly ok: boolean; readonly lines: readonly string[] };
}

/** RNE codes: S started, L legal status only, P placement only, T both, B and U other placement changes. */
const RNE_CODES: ReadonlySet<string> = new Set(['S', 'L', 'P', 'T', 'B', 'U']);
const PLACEMENT_RNE: ReadonlySet<string> = new Set(['P', 'B', 'T', 'U']);
/** REC codes of the return (2023-24 guidance): X1 (episode ceases, child stays looked after) and the reasons for ceasing. */
const REC_CODES: ReadonlySet<string> = new Set([
  'X1', 'E11', 'E12', 'E13', 'E14', 'E15', 'E16', 'E17', 'E2', 'E3', 'E4A', 'E4B', 'E41', 'E45', 'E46', 'E47', 'E48', 'E5', 'E6', 'E7', 'E8', 'E9',
]);
/** Codes shaped like a reason for ceasing but not in the current list (older returns): accepted with a warning. */
const REC_LIKE = /^E\d{1,2}[A-Z]?$/;
/** REASON_PLACE_CHANGE codes of the return. */
const REASON_CODES: ReadonlySet<string> = new Set(['CARPL', 'CLOSE', 'ALLEG', 'STAND', 'APPRR', 'CREQB', 'CREQO', 'CHILD', 'LAREQ', 'PLACE', 'CUSTOD', 'OTHER']);
/** The default planned reasons: a change to, or implementation of, the care plan; a change in the status of a placement only. */
export const DEFAULT_PLANNED_REASONS: readonly string[] = Object.freeze(['CARPL', 'PLACE']);

const DMY = /^(\d{2})\/(\d{2})\/(\d{4})$/;

/** Parses a strict `DD/MM/YYYY` date (a real date in years 0001..9999); undefined otherwise. */
export function parseDmyDate(text: string): PlainDate | undefined {
  const m = DMY.exec(text);
  if (m === null) return undefined;
  const day = Number(m[1]);
  const month = Number(m[2]);
  const year = Number(m[3]);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return fromYmd(year, month, day);
}

interface Row {
  readonly line: number;
  readonly cells: readonly string[];
}

interface Table {
  readonly name: string;
  /** Column name (upper case, trimmed) to index. */
  readonly columns: ReadonlyMap<string, number>;
  readonly rows: readonly Row[];
  /** Rows that could not be read as CSV (already reported). */
  readonly unreadable: number;
  /** False when a required column is missing: every row is rejected (one issue at line 1). */
  readonly usable: boolean;
}

interface CsvInfo {
  readonly lines: number;
}

/** Reads a CSV table: its header line, then rows; problems become issues (never thrown). */
function readTable(t: TableText, required: readonly string[], issues: ImportIssue[]): Table {
  const skipped: { line: number; message: string }[] = [];
  let records: { record: string[]; info: CsvInfo }[];
  try {
    records = parse(t.text, {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      on_skip: (err) => {
        const lines: unknown = err === undefined ? undefined : (err as unknown as { lines?: unknown }).lines;
        const line = typeof lines === 'number' ? lines : 0;
        skipped.push({ line, message: 'the row cannot be read as CSV (an unclosed quote, or a quote inside an unquoted field)' });
        return undefined;
      },
    }) as unknown as { record: string[]; info: CsvInfo }[];
  } catch (error) {
    const line = typeof (error as { lines?: unknown }).lines === 'number' ? (error as { lines: number }).lines : 0;
    issues.push({ severity: 'error', file: t.name, line, message: 'the file cannot be read as CSV; no row of it was mapped' });
    return { name: t.name, columns: new Map(), rows: [], unreadable: 0, usable: false };
  }
  for (const s of skipped) issues.push({ severity: 'error', file: t.name, line: s.line, message: s.message });
  const first = records[0];
  if (first === undefined) {
    issues.push({ severity: 'error', file: t.name, line: 1, message: `the file is empty: expected a header line with the columns ${required.join(', ')}` });
    return { name: t.name, columns: new Map(), rows: [], unreadable: skipped.length, usable: false };
  }
  const columns = new Map<string, number>();
  first.record.forEach((c, i) => {
    const key = c.trim().toUpperCase();
    if (!columns.has(key)) columns.set(key, i);
  });
  const rows: Row[] = [];
  for (let i = 1; i < records.length; i++) {
    const r = records[i] as { record: string[]; info: CsvInfo };
    rows.push({ line: r.info.lines, cells: r.record });
  }
  const missing = required.filter((c) => !columns.has(c));
  if (missing.length > 0) {
    issues.push({
      severity: 'error',
      file: t.name,
      line: first.info.lines,
      message: `missing column${missing.length === 1 ? '' : 's'} ${missing.join(', ')}; none of the ${rows.length} rows of the file was mapped`,
    });
    return { name: t.name, columns, rows, unreadable: skipped.length, usable: false };
  }
  return { name: t.name, columns, rows, unreadable: skipped.length, usable: true };
}

function cell(table: Table, row: Row, column: string): string {
  const i = table.columns.get(column);
  return i === undefined ? '' : (row.cells[i] ?? '').trim();
}

/** One mapped episode, before events are made. */
interface Episode {
  readonly line: number;
  readonly decom: PlainDate;
  readonly rne: string;
  readonly dec: PlainDate | undefined;
  /** True when DEC is set and REC is a reason for ceasing (not X1). */
  readonly ceases: boolean;
  readonly reason: string;
}

interface ReviewRow {
  readonly line: number;
  readonly date: PlainDate;
}

interface Child {
  readonly id: string;
  dob: PlainDate | undefined;
  /** Where the DOB came from, for conflict messages. */
  dobFrom: 'header' | 'reviews' | undefined;
  inHeader: boolean;
  inEpisodes: boolean;
  inReviews: boolean;
  readonly episodes: Episode[];
  readonly reviews: ReviewRow[];
}

/** Event ranks for events on the same day: an end before a start, a start before a move, reviews last. */
const RANK: Readonly<Record<string, number>> = { ceased_looked_after: 0, became_looked_after: 1, placement_changed: 2, review_held: 3 };

interface Dated {
  readonly date: PlainDate;
  readonly rank: number;
  /** Tie-break: the order the rows were read in. */
  readonly seq: number;
  readonly event: CaseEventInput;
}

/**
 * Maps SSDA903 tables onto the shared vocabulary. Never throws on bad input: every problem is an
 * issue with its file and line. See the file comment for the mapping.
 *
 * The steps, in this order (the order of the issues of one line, and of the cases, follows it):
 * read header.csv, reviews.csv and episodes.csv into children (`readHeader`, `readReviews`,
 * `readEpisodes`), settle each child's date of birth (`settleDatesOfBirth`), make each child's
 * events (`childCase`), then count and reconcile (`importCounts`, `reconcile`).
 */
export function importSsda903(tables: Ssda903Tables, options: Ssda903Options = {}): Ssda903Import {
  const state = new ImportState();
  const header = readHeader(tables.header, state);
  const reviews = readReviews(tables.reviews, state);
  const episodes = readEpisodes(tables.episodes, state);
  const dobs = settleDatesOfBirth(state, tables, episodes.table.name, reviews);
  const planned = new Set(options.plannedReasons ?? DEFAULT_PLANNED_REASONS);
  const tally = newTally();
  const cases: CaseInput[] = [];
  for (const c of state.children.values()) {
    if (c.dob !== undefined) cases.push(childCase(c, c.dob, planned, options, tally));
  }
  state.issues.sort((a, b) => fileRank(a.file, tables) - fileRank(b.file, tables) || a.line - b.line);
  const counts = importCounts({ header, reviews: reviews.rows, episodes: episodes.rows, dobs, children: state.children, cases: cases.length, tally });
  return { cases, issues: state.issues, counts, reconciliation: reconcile(counts, state.issues, tables) };
}

/** What the steps of an import share: the children by CHILD id (in order of first appearance) and the issues. */
class ImportState {
  readonly issues: ImportIssue[] = [];
  readonly children = new Map<string, Child>();

  /** The child with this id, made on first mention. */
  child(id: string): Child {
    let c = this.children.get(id);
    if (c === undefined) {
      c = { id, dob: undefined, dobFrom: undefined, inHeader: false, inEpisodes: false, inReviews: false, episodes: [], reviews: [] };
      this.children.set(id, c);
    }
    return c;
  }

  error(file: string, line: number, id: string | undefined, message: string): void {
    this.issues.push(id === undefined || id === '' ? { severity: 'error', file, line, message } : { severity: 'error', file, line, child: id, message });
  }

  warn(file: string, line: number, id: string | undefined, message: string): void {
    this.issues.push(id === undefined || id === '' ? { severity: 'warning', file, line, message } : { severity: 'warning', file, line, child: id, message });
  }

  /** The CHILD of a row with as many fields as the header line, or undefined (and an error) when the row is rejected. */
  rowChild(t: Table, row: Row): string | undefined {
    if (row.cells.length !== countHeaderCells(t)) {
      this.error(t.name, row.line, undefined, `the row has ${row.cells.length} fields, the header line ${countHeaderCells(t)}`);
      return undefined;
    }
    const id = cell(t, row, 'CHILD');
    if (id === '') {
      this.error(t.name, row.line, undefined, 'CHILD is empty');
      return undefined;
    }
    return id;
  }
}

/** header.csv: CHILD, DOB. Rows read and mapped (one row per child; a repeated child is an error). */
function readHeader(text: TableText | undefined, state: ImportState): { rows: number; mapped: number } {
  if (text === undefined) return { rows: 0, mapped: 0 };
  const t = readTable(text, ['CHILD', 'DOB'], state.issues);
  const rows = t.rows.length + t.unreadable;
  let mapped = 0;
  if (!t.usable) return { rows, mapped };
  const seen = new Map<string, number>();
  for (const row of t.rows) {
    const id = state.rowChild(t, row);
    if (id === undefined) continue;
    const earlier = seen.get(id);
    if (earlier !== undefined) {
      state.error(t.name, row.line, id, `the child is already in ${t.name} at line ${earlier}; this row is ignored`);
      continue;
    }
    seen.set(id, row.line);
    const c = state.child(id);
    c.inHeader = true;
    mapped++;
    const dob = parseDmyDate(cell(t, row, 'DOB'));
    if (dob === undefined) {
      state.warn(t.name, row.line, id, 'DOB is not a date as DD/MM/YYYY; the date of birth is taken from reviews.csv if it has one');
    } else {
      c.dob = dob;
      c.dobFrom = 'header';
    }
  }
  return { rows, mapped };
}

/** A reviews row with a real REVIEW date, before its child's date of birth is settled. */
interface ReviewRead {
  readonly row: Row;
  readonly id: string;
  readonly date: PlainDate;
  readonly dob: PlainDate | undefined;
  readonly dobGiven: boolean;
}

interface ReviewsRead {
  readonly rows: number;
  readonly read: readonly ReviewRead[];
  /** The name of reviews.csv as given (undefined without the table). */
  readonly name: string | undefined;
}

/** reviews.csv: CHILD, DOB (optional), REVIEW. The rows with a date; dates of birth for children the header lacks. */
function readReviews(text: TableText | undefined, state: ImportState): ReviewsRead {
  if (text === undefined) return { rows: 0, read: [], name: undefined };
  const t = readTable(text, ['CHILD', 'REVIEW'], state.issues);
  const rows = t.rows.length + t.unreadable;
  const read: ReviewRead[] = [];
  if (!t.usable) return { rows, read, name: t.name };
  for (const row of t.rows) {
    const id = state.rowChild(t, row);
    if (id === undefined) continue;
    const reviewText = cell(t, row, 'REVIEW');
    const date = parseDmyDate(reviewText);
    if (date === undefined) {
      state.error(t.name, row.line, id, reviewText === '' ? 'REVIEW is empty' : 'REVIEW is not a real date as DD/MM/YYYY');
      state.child(id).inReviews = true;
      continue;
    }
    const dobText = t.columns.has('DOB') ? cell(t, row, 'DOB') : '';
    const dob = dobText === '' ? undefined : parseDmyDate(dobText);
    if (dobText !== '' && dob === undefined) state.warn(t.name, row.line, id, 'DOB is not a real date as DD/MM/YYYY; ignored');
    const c = state.child(id);
    c.inReviews = true;
    read.push({ row, id, date, dob, dobGiven: dobText !== '' });
  }
  // Dates of birth from reviews: for children the header lacks (or whose header DOB is unusable).
  for (const r of read) {
    if (r.dob === undefined) continue;
    const c = state.child(r.id);
    if (c.dob === undefined) {
      c.dob = r.dob;
      c.dobFrom = 'reviews';
    } else if (c.dob !== r.dob) {
      state.warn(t.name, r.row.line, r.id, c.dobFrom === 'header' ? 'DOB differs from the DOB in header.csv; the header is used' : 'DOB differs from an earlier row of reviews.csv; the first is used');
    }
  }
  return { rows, read, name: t.name };
}

/** episodes.csv: CHILD, DECOM, RNE, DEC, REC (REASON_PLACE_CHANGE optional). Each valid row becomes an `Episode` of its child. */
function readEpisodes(text: TableText, state: ImportState): { table: Table; rows: number } {
  const e = readTable(text, ['CHILD', 'DECOM', 'RNE', 'DEC', 'REC'], state.issues);
  const rows = e.rows.length + e.unreadable;
  if (!e.usable) return { table: e, rows };
  if (!e.columns.has('REASON_PLACE_CHANGE')) {
    state.warn(e.name, 1, undefined, 'no column REASON_PLACE_CHANGE: every placement_changed is recorded as unplanned (planned: false)');
  }
  for (const row of e.rows) {
    const id = state.rowChild(e, row);
    if (id === undefined) continue;
    const c = state.child(id);
    c.inEpisodes = true;
    const episode = episodeOf(e, row, id, state);
    if (episode !== undefined) c.episodes.push(episode);
  }
  return { table: e, rows };
}

/** One episodes row as an `Episode`, or undefined (and an error) when it cannot be mapped. */
function episodeOf(e: Table, row: Row, id: string, state: ImportState): Episode | undefined {
  const decomText = cell(e, row, 'DECOM');
  const decom = parseDmyDate(decomText);
  if (decom === undefined) {
    state.error(e.name, row.line, id, decomText === '' ? 'DECOM is empty' : 'DECOM is not a real date as DD/MM/YYYY');
    return undefined;
  }
  const rne = cell(e, row, 'RNE').toUpperCase();
  if (!RNE_CODES.has(rne)) {
    state.error(e.name, row.line, id, rne === '' ? 'RNE is empty' : 'RNE is not a known code (S, L, P, T, B or U)');
    return undefined;
  }
  const decText = cell(e, row, 'DEC');
  const dec = decText === '' ? undefined : parseDmyDate(decText);
  if (decText !== '' && dec === undefined) {
    state.error(e.name, row.line, id, 'DEC is not a real date as DD/MM/YYYY');
    return undefined;
  }
  if (dec !== undefined && dec < decom) {
    state.error(e.name, row.line, id, 'DEC is before DECOM');
    return undefined;
  }
  const rec = cell(e, row, 'REC').toUpperCase();
  if (rec !== '' && !REC_CODES.has(rec) && !REC_LIKE.test(rec)) {
    state.error(e.name, row.line, id, 'REC is not a known code (X1, or a reason for ceasing such as E11, E4A)');
    return undefined;
  }
  if (rec !== '' && !REC_CODES.has(rec)) state.warn(e.name, row.line, id, 'REC is not in the current list of codes; read as a reason for ceasing');
  let ceases = false;
  if (dec !== undefined) {
    if (rec === '') state.warn(e.name, row.line, id, 'DEC is set but REC is empty: the end of the episode is not mapped');
    else ceases = rec !== 'X1';
  } else if (rec !== '' && rec !== 'X1') {
    state.warn(e.name, row.line, id, 'REC is a reason for ceasing but DEC is empty: the end of the episode is not mapped');
  }
  const reason = e.columns.has('REASON_PLACE_CHANGE') ? cell(e, row, 'REASON_PLACE_CHANGE').toUpperCase() : '';
  if (reason !== '' && !REASON_CODES.has(reason)) state.warn(e.name, row.line, id, 'REASON_PLACE_CHANGE is not a known code; a move it explains is recorded as unplanned');
  return { line: row.line, decom, rne, dec, ceases, reason };
}

/**
 * Children without a date of birth: their rows are rejected (an error for each). Children with one
 * get their reviews. Returns how many have none, and how many are missing from the header.
 */
function settleDatesOfBirth(state: ImportState, tables: Ssda903Tables, episodesName: string, reviews: ReviewsRead): { withoutDob: number; notInHeader: number } {
  let withoutDob = 0;
  let notInHeader = 0;
  const reviewsName = reviews.name ?? 'reviews.csv';
  for (const c of state.children.values()) {
    if (!c.inHeader && (c.inEpisodes || c.inReviews) && tables.header !== undefined) notInHeader++;
    if (c.dob !== undefined) {
      if (!c.inHeader && tables.header !== undefined && c.dobFrom === 'reviews') {
        const first = c.episodes[0]?.line ?? reviews.read.find((r) => r.id === c.id)?.row.line ?? 0;
        const file = c.episodes.length > 0 ? episodesName : reviewsName;
        state.warn(file, first, c.id, `the child is not in ${tables.header.name}; the date of birth is taken from reviews.csv`);
      }
      continue;
    }
    withoutDob++;
    const where = tables.header === undefined ? 'no header table was given' : c.inHeader ? `its DOB in ${tables.header.name} is not a date` : `the child is not in ${tables.header.name}`;
    for (const ep of c.episodes) {
      state.error(episodesName, ep.line, c.id, `unknown child: no date of birth (${where}, and reviews.csv gives none); the episode is not mapped`);
    }
    for (const r of reviews.read) {
      if (r.id !== c.id) continue;
      state.error(reviewsName, r.row.line, c.id, `unknown child: no date of birth (${where}, and reviews.csv gives none); the review is not mapped`);
    }
    c.episodes.length = 0;
  }
  for (const r of reviews.read) {
    const c = state.children.get(r.id);
    if (c !== undefined && c.dob !== undefined) c.reviews.push({ line: r.row.line, date: r.date });
  }
  return { withoutDob, notInHeader };
}

/** What the events of all cases add up to, for the counts. */
interface EventTally {
  readonly byRne: Record<string, number>;
  became: number;
  placement: number;
  ceased: number;
  held: number;
  ended: number;
  plannedUnknown: number;
  firstNotStart: number;
  startAssumed: number;
  episodesMapped: number;
}

function newTally(): EventTally {
  return { byRne: {}, became: 0, placement: 0, ceased: 0, held: 0, ended: 0, plannedUnknown: 0, firstNotStart: 0, startAssumed: 0, episodesMapped: 0 };
}

/** A child's case: its episodes and reviews as events, sorted by date (then `RANK`, then reading order); counted in `tally`. */
function childCase(c: Child, dob: PlainDate, planned: ReadonlySet<string>, options: Ssda903Options, tally: EventTally): CaseInput {
  const eps = [...c.episodes].sort((a, b) => a.decom - b.decom || a.line - b.line);
  const dated: Dated[] = [];
  let seq = 0;
  const push = (date: PlainDate, event: CaseEventInput): void => {
    dated.push({ date, rank: RANK[event.type] ?? 9, seq: seq++, event });
  };
  eps.forEach((ep, i) => {
    tally.episodesMapped++;
    tally.byRne[ep.rne] = (tally.byRne[ep.rne] ?? 0) + 1;
    const decom = formatPlainDate(ep.decom);
    if (i === 0 && ep.rne !== 'S') {
      tally.firstNotStart++;
      if (options.assumeStartAtFirstEpisode === true) {
        tally.startAssumed++;
        tally.became++;
        push(ep.decom, { type: 'became_looked_after', date: decom });
      }
    }
    if (ep.rne === 'S') {
      tally.became++;
      push(ep.decom, { type: 'became_looked_after', date: decom });
    } else if (PLACEMENT_RNE.has(ep.rne)) {
      // The reason is recorded on the episode that ended because of the change; else on this one.
      const previous = eps.slice(0, i).reverse().find((p) => p.dec === ep.decom);
      const reason = previous !== undefined && previous.reason !== '' ? previous.reason : ep.reason;
      const isPlanned = planned.has(reason);
      if (!isPlanned && (reason === '' || reason === 'OTHER' || !REASON_CODES.has(reason))) tally.plannedUnknown++;
      tally.placement++;
      push(ep.decom, { type: 'placement_changed', date: decom, planned: isPlanned });
    }
    if (ep.ceases && ep.dec !== undefined) {
      tally.ended++;
      tally.ceased++;
      push(ep.dec, { type: 'ceased_looked_after', date: formatPlainDate(ep.dec) });
    }
  });
  for (const r of c.reviews) {
    tally.held++;
    push(r.date, { type: 'review_held', date: formatPlainDate(r.date) });
  }
  dated.sort((a, b) => a.date - b.date || a.rank - b.rank || a.seq - b.seq);
  return { id: c.id, child: { dob: formatPlainDate(dob) }, events: dated.map((d) => d.event) };
}

/** The counts of an import, from what each step read and made. */
function importCounts(parts: {
  readonly header: { readonly rows: number; readonly mapped: number };
  readonly reviews: number;
  readonly episodes: number;
  readonly dobs: { readonly withoutDob: number; readonly notInHeader: number };
  readonly children: ReadonlyMap<string, Child>;
  readonly cases: number;
  readonly tally: EventTally;
}): Ssda903Counts {
  const { header, dobs, children, tally } = parts;
  const reviewsMapped = tally.held;
  return {
    header: { rows: header.rows, mapped: header.mapped, rejected: header.rows - header.mapped },
    episodes: { rows: parts.episodes, mapped: tally.episodesMapped, rejected: parts.episodes - tally.episodesMapped, byRne: sortKeys(tally.byRne), ended: tally.ended },
    reviews: { rows: parts.reviews, mapped: reviewsMapped, rejected: parts.reviews - reviewsMapped },
    children: {
      distinct: children.size,
      inHeader: count(children, (c) => c.inHeader),
      inEpisodes: count(children, (c) => c.inEpisodes),
      inReviews: count(children, (c) => c.inReviews),
      withoutDob: dobs.withoutDob,
      notInHeader: dobs.notInHeader,
    },
    cases: parts.cases,
    events: {
      became_looked_after: tally.became,
      placement_changed: tally.placement,
      ceased_looked_after: tally.ceased,
      review_held: tally.held,
      total: tally.became + tally.placement + tally.ceased + tally.held,
    },
    assumptions: { plannedUnknown: tally.plannedUnknown, firstEpisodeNotStart: tally.firstNotStart, startAssumed: tally.startAssumed },
  };
}

function countHeaderCells(t: Table): number {
  // The header line's number of fields: the largest column index + 1 (duplicate names keep the first).
  let n = 0;
  for (const i of t.columns.values()) n = Math.max(n, i + 1);
  return n;
}

function count(children: ReadonlyMap<string, Child>, pred: (c: Child) => boolean): number {
  let n = 0;
  for (const c of children.values()) if (pred(c)) n++;
  return n;
}

function sortKeys(record: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of Object.keys(record).sort()) out[k] = record[k] as number;
  return out;
}

function fileRank(file: string, tables: Ssda903Tables): number {
  if (tables.header !== undefined && file === tables.header.name) return 0;
  if (file === tables.episodes.name) return 1;
  return 2;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Checks the identities between rows in and cases and events out, and states them. */
function reconcile(c: Ssda903Counts, issues: readonly ImportIssue[], tables: Ssda903Tables): { ok: boolean; lines: string[] } {
  const errorsIn = (file: string | undefined): number => (file === undefined ? 0 : new Set(issues.filter((i) => i.severity === 'error' && i.file === file && i.line > 0).map((i) => i.line)).size);
  const rne = c.episodes.byRne;
  const starts = rne['S'] ?? 0;
  const moves = (rne['P'] ?? 0) + (rne['B'] ?? 0) + (rne['T'] ?? 0) + (rne['U'] ?? 0);
  const legal = rne['L'] ?? 0;
  const checks: boolean[] = [
    c.episodes.rows === c.episodes.mapped + c.episodes.rejected,
    c.reviews.rows === c.reviews.mapped + c.reviews.rejected,
    c.header.rows === c.header.mapped + c.header.rejected,
    c.episodes.mapped === starts + moves + legal,
    c.events.became_looked_after === starts + c.assumptions.startAssumed,
    c.events.placement_changed === moves,
    c.events.ceased_looked_after === c.episodes.ended,
    c.events.review_held === c.reviews.mapped,
    c.cases === c.children.distinct - c.children.withoutDob,
    c.events.total === c.events.became_looked_after + c.events.placement_changed + c.events.ceased_looked_after + c.events.review_held,
  ];
  // Every rejected row has an error naming its line (a missing column rejects a whole file at once).
  const fileLevel = (t: TableText | undefined): boolean => t !== undefined && issues.some((i) => i.severity === 'error' && i.file === t.name && (i.line <= 1 || i.message.startsWith('missing column')));
  if (!fileLevel(tables.episodes)) checks.push(errorsIn(tables.episodes.name) === c.episodes.rejected);
  if (tables.reviews !== undefined && !fileLevel(tables.reviews)) checks.push(errorsIn(tables.reviews.name) === c.reviews.rejected);
  if (tables.header !== undefined && !fileLevel(tables.header)) checks.push(errorsIn(tables.header.name) === c.header.rejected);
  const ok = checks.every(Boolean);
  const lines = [
    `children: ${c.children.distinct} distinct (${c.children.inHeader} in header, ${c.children.inEpisodes} in episodes, ${c.children.inReviews} in reviews) -> ${plural(c.cases, 'case')}` +
      (c.children.withoutDob > 0 ? ` + ${c.children.withoutDob} without a date of birth (rows rejected)` : ''),
    `header: ${plural(c.header.rows, 'row')} = ${c.header.mapped} mapped + ${c.header.rejected} rejected`,
    `episodes: ${plural(c.episodes.rows, 'row')} = ${c.episodes.mapped} mapped + ${c.episodes.rejected} rejected; mapped = ${starts} S + ${moves} P/B/T/U + ${legal} L (no event)`,
    `reviews: ${plural(c.reviews.rows, 'row')} = ${c.reviews.mapped} mapped + ${c.reviews.rejected} rejected`,
    `events: ${c.events.total} = ${c.events.became_looked_after} became_looked_after (${starts} S` +
      (c.assumptions.startAssumed > 0 ? ` + ${c.assumptions.startAssumed} assumed` : '') +
      `) + ${c.events.placement_changed} placement_changed + ${c.events.ceased_looked_after} ceased_looked_after (episodes with DEC and REC not X1) + ${c.events.review_held} review_held`,
    `assumptions: ${c.assumptions.plannedUnknown} placement_changed recorded as unplanned for want of a reason; ${c.assumptions.firstEpisodeNotStart} children whose first episode is not S` +
      (c.assumptions.startAssumed > 0 ? ` (${c.assumptions.startAssumed} given an assumed became_looked_after)` : ' (their care began before the extract: no became_looked_after)'),
    ok ? 'reconciled: every row is mapped or rejected with its line, and the events add up' : 'NOT reconciled: the counts above do not add up (a bug in the importer)',
  ];
  return { ok, lines };
}
