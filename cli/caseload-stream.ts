/**
 * A caseload as a source of records that `pdl simulate` pulls one at a time (Node only): a JSON Lines
 * file read in chunks of a megabyte, never whole, or the records of a caseload already in memory
 * (caseload-files.ts: JSON, folders, SSDA903 tables, event exports).
 *
 * Input: a caseload path (and the simulate options that decide whether it can be streamed), or a
 * list of records. Output: a `CaseSource`: the number of its lines and its latest event date (as
 * `latestEventDate` of caseload-files.ts finds it), both from one pass over the bytes without
 * decoding them (`latestDateInBytes`), and readers that pull its records in order, each a fresh pass
 * from the start (runs of ASCII lines decoded as Latin-1, the same text, faster); and `eachJsonLine`,
 * the same lines, numbers and texts as bytes, not decoded (what `pdl simulate` reads a file with:
 * cli/caseload-fast.ts reads lines in `pdl generate`'s shape straight from them).
 *
 * INVARIANT: a streamed file gives exactly the records `jsonLinesRecords` (simulation/caseload) gives
 * for the whole text, with the same origins (`file:line`): the file is split only at `\n` bytes,
 * which never occur inside a UTF-8 sequence, so decoding chunk by chunk equals decoding the whole;
 * one byte-order mark at the start is dropped, a `\r` before `\n` is dropped, and lines of only
 * spaces and tabs are skipped but counted. test/simulate/stream.test.ts checks this on a buffer
 * smaller than a line, and that the report of a streamed caseload equals the report in memory.
 * INVARIANT: memory held is one chunk and the line being read, whatever the file's size (a 1M-child
 * caseload is about 630 MB, more than a JavaScript string can hold).
 * INVARIANT (privacy): nothing here prints; errors name the file, never its content.
 */
import { isAscii } from 'node:buffer';
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import type { CaseRecord } from '../simulation/index.ts';
import { latestEventDate } from './caseload-files.ts';
import { shownPath } from './output.ts';

/** Records pulled in order; `undefined` once there are no more. */
export type RecordReader = () => CaseRecord | undefined;

/** A caseload the simulation reads one record at a time. */
export interface CaseSource {
  /** True when the records are read from the file as they are pulled, never all held. */
  readonly streamed: boolean;
  /** About how many records: exact for a list; for a file, its lines (blank ones included). */
  lineCount(): number;
  /** The latest event date (`YYYY-MM-DD`) in the records, or undefined when none has one. */
  latestEventDate(): string | undefined;
  /** A fresh reader from the first record. */
  open(): RecordReader;
  /** A streamed file's path and the name its origins use (worker threads read their ranges of it themselves). */
  readonly file?: { readonly full: string; readonly name: string };
}

/** The records of a caseload already in memory. */
export function memorySource(records: readonly CaseRecord[]): CaseSource {
  return {
    streamed: false,
    lineCount: () => records.length,
    latestEventDate: () => latestEventDate(records),
    open: () => {
      let i = 0;
      return () => records[i++];
    },
  };
}

/** Bytes read at a time. */
const CHUNK_BYTES = 1 << 20;

/**
 * The file `pdl simulate` can stream: `--caseload` a file (not a folder) read as JSON Lines (not
 * `.json` or `.csv`) and no event mapping; undefined otherwise (caseload-files.ts reads it whole).
 */
export function streamableJsonLines(path: string, cwd: string, options: { readonly mapping?: string; readonly events?: string }): { readonly full: string; readonly name: string } | undefined {
  if (options.mapping !== undefined || options.events !== undefined) return undefined;
  const full = resolve(cwd, path);
  const ext = extname(full).toLowerCase();
  if (ext === '.json' || ext === '.csv') return undefined;
  const stat = statSync(full, { throwIfNoEntry: false });
  if (stat === undefined || !stat.isFile()) return undefined;
  try {
    closeSync(openSync(full, 'r'));
  } catch {
    return undefined; // caseload-files.ts reports why it cannot be read
  }
  return { full, name: shownPath(full, cwd) };
}

/** ASCII bytes `\s` matches: tab, line feed, vertical tab, form feed, carriage return, space. */
function asciiSpace(b: number): boolean {
  return b === 32 || (b >= 9 && b <= 13);
}

function digit(b: number | undefined): boolean {
  return b !== undefined && b >= 48 && b <= 57;
}

/**
 * How far a search for `"date"` may move on when the byte under the pattern's last place is this one:
 * the distance from its last place among the pattern's first five bytes to the end (6 for a byte not
 * among them).
 */
const SKIP = ((): Uint8Array => {
  const skip = new Uint8Array(256).fill(6);
  const pattern = [34, 100, 97, 116, 101]; // `"date`
  pattern.forEach((b, i) => (skip[b] = 5 - i));
  return skip;
})();

/**
 * The latest `YYYY-MM-DD` of `"date"\s*:\s*"YYYY-MM-DD"` in `bytes` (UTF-8), as `latestEventDate`
 * (caseload-files.ts) finds it in the decoded text, without decoding: the key and the date are
 * ASCII, so a match in the text is a match of the same bytes, found left to right and not
 * overlapping, exactly as the regular expression's. Only `\s`'s non-ASCII spaces (no-break space,
 * line separator...) cannot be told from bytes: where a non-ASCII byte stands where a space could,
 * the run is decoded and scanned by `latestEventDate` itself. `undefined`: no date.
 */
export function latestDateInBytes(bytes: Buffer): string | undefined {
  let latest = -1;
  const n = bytes.length;
  // A loop over the bytes rather than `indexOf` (a call into C++ per event costs more than it saves),
  // skipping as Horspool's search does: the byte under the pattern's last place says how far the
  // next possible `"date"` is (SKIP), so most bytes are never read; every occurrence is still found,
  // left to right, as a byte-by-byte scan finds them.
  for (let i = 0; i + 5 < n; i++) {
    const last = bytes[i + 5] as number;
    if (last !== 34 || bytes[i] !== 34 || bytes[i + 1] !== 100 || bytes[i + 2] !== 97 || bytes[i + 3] !== 116 || bytes[i + 4] !== 101) {
      i += (SKIP[last] as number) - 1; // the loop adds one
      continue;
    }
    let j = i + 6;
    while (j < n && asciiSpace(bytes[j] as number)) j++;
    if ((bytes[j] ?? 0) >= 0x80) return latestEventDate([{ kind: 'text', origin: '', text: bytes.toString('utf8') }]);
    if (bytes[j] === 58) {
      j++;
      while (j < n && asciiSpace(bytes[j] as number)) j++;
      if ((bytes[j] ?? 0) >= 0x80) return latestEventDate([{ kind: 'text', origin: '', text: bytes.toString('utf8') }]);
      if (
        bytes[j] === 34 &&
        digit(bytes[j + 1]) && digit(bytes[j + 2]) && digit(bytes[j + 3]) && digit(bytes[j + 4]) && bytes[j + 5] === 45 &&
        digit(bytes[j + 6]) && digit(bytes[j + 7]) && bytes[j + 8] === 45 && digit(bytes[j + 9]) && digit(bytes[j + 10]) && bytes[j + 11] === 34
      ) {
        // YYYYMMDD as a number orders as the text does (fixed width); the text is made once, at the end.
        const key =
          ((bytes[j + 1] as number) - 48) * 10_000_000 + ((bytes[j + 2] as number) - 48) * 1_000_000 + ((bytes[j + 3] as number) - 48) * 100_000 + ((bytes[j + 4] as number) - 48) * 10_000 +
          ((bytes[j + 6] as number) - 48) * 1000 + ((bytes[j + 7] as number) - 48) * 100 + ((bytes[j + 9] as number) - 48) * 10 + ((bytes[j + 10] as number) - 48);
        if (key > latest) latest = key;
        i = j + 11; // the next search starts after the match (the loop adds one)
      }
    }
  }
  if (latest < 0) return undefined;
  const text = String(latest).padStart(8, '0');
  return `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6)}`;
}

/** The read buffer of the last `LineRuns` that reached its end, for the next one (one per thread). */
let spare: Buffer | undefined;

/**
 * A file (or one `LineRange` of it) pulled as runs of whole lines, a chunk at a time: what the
 * readers below share. `next()` reads on and gives the length of the next run, which is
 * `buffer[0 .. length)`: whole lines, each ending in `\n`, but for a last line without one at the
 * end of the file (or range); 0 at the end (the file is then closed). A run is valid until the next
 * call, and `buffer` may be replaced by a bigger one when a line is longer than a chunk (room for it
 * and a whole chunk more; each read is at most `chunkBytes`). `close()` closes the file early (after
 * the end it does nothing). Once at the end, the buffer is kept for the next `LineRuns` of the same
 * chunk size (a worker reads a thousand ranges, one after another): a caller must not keep it.
 */
class LineRuns {
  buffer: Buffer;
  private fd: number | undefined;
  /** Bytes read after the run last given (the start of an unfinished line): `buffer[given .. filled)`. */
  private given = 0;
  private filled = 0;
  private offset: number;
  private readonly end: number;
  private released = false;

  constructor(
    full: string,
    private readonly chunkBytes: number,
    range?: LineRange,
  ) {
    this.fd = openSync(full, 'r');
    this.buffer = spare !== undefined && spare.length === chunkBytes ? spare : Buffer.allocUnsafe(chunkBytes);
    if (this.buffer === spare) spare = undefined;
    this.offset = range?.start ?? 0;
    this.end = range?.end ?? Number.POSITIVE_INFINITY;
  }

  next(): number {
    // The bytes after the run last given (an unfinished line) move to the buffer's start.
    const carried = this.filled - this.given;
    if (this.given > 0 && carried > 0) this.buffer.copy(this.buffer, 0, this.given, this.filled);
    this.filled = carried;
    this.given = 0;
    while (this.fd !== undefined) {
      if (this.filled + this.chunkBytes > this.buffer.length) {
        const bigger = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.filled + this.chunkBytes));
        this.buffer.copy(bigger, 0, 0, this.filled);
        this.buffer = bigger;
      }
      const read = readSync(this.fd, this.buffer, this.filled, Math.min(this.chunkBytes, this.end - this.offset), this.offset);
      this.offset += read;
      if (read === 0) {
        closeSync(this.fd);
        this.fd = undefined;
        break;
      }
      this.filled += read;
      // The carried bytes hold no `\n`: the last one is in what was just read.
      const last = this.buffer.lastIndexOf(10, this.filled - 1);
      if (last >= 0) {
        this.given = last + 1;
        return this.given;
      }
    }
    // The end: an unfinished last line is the last run; then 0.
    if (this.filled === 0) this.release();
    this.given = this.filled;
    return this.filled;
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    this.release();
  }

  /** Leaves the buffer for the next `LineRuns`, once nothing here reads it any more. */
  private release(): void {
    if (this.released) return;
    this.released = true;
    spare = this.buffer;
  }
}

/**
 * One pass over the file's bytes (no decoding of ASCII text): its lines (newline bytes, and a last
 * line without one) and, unless `dates` is false, its latest event date, scanned a run of whole lines at a time as
 * `latestEventDate` scanned each decoded run before (so a match never spans two runs); `bytes` is the
 * chunk size (small in tests).
 */
function scanFile(full: string, bytes = CHUNK_BYTES, dates = true): { lines: number; latest: string | undefined } {
  const runs = new LineRuns(full, bytes);
  let lines = 0;
  let latest: string | undefined;
  let endsOpen = false;
  try {
    for (let n = runs.next(); n > 0; n = runs.next()) {
      const run = runs.buffer.subarray(0, n);
      for (let i = run.indexOf(10); i >= 0; i = run.indexOf(10, i + 1)) lines++;
      endsOpen = run[n - 1] !== 10;
      if (dates) {
        const d = latestDateInBytes(run);
        if (d !== undefined && (latest === undefined || d > latest)) latest = d;
      }
    }
    return { lines: lines + (endsOpen ? 1 : 0), latest };
  } finally {
    runs.close();
  }
}

/** A JSON Lines file read as it is pulled; origins are `name:line`. `chunkBytes` is for tests. */
export function jsonLinesFileSource(full: string, name: string, chunkBytes = CHUNK_BYTES): CaseSource {
  let scanned: { lines: number; latest: string | undefined } | undefined;
  let lines: number | undefined;
  return {
    streamed: true,
    // The lines alone (with --as-of, the dates are not needed), unless the dates were scanned already.
    lineCount: () => scanned?.lines ?? (lines ??= scanFile(full, chunkBytes, false).lines),
    latestEventDate: () => (scanned ??= scanFile(full, chunkBytes)).latest,
    open() {
      return jsonLinesReader(full, name, chunkBytes);
    },
    file: { full, name },
  };
}

/** A run of whole lines of a file: bytes `start` (a line's first) to `end` (after a `\n`, or the file's end); `lines` lines come before it. */
export interface LineRange {
  readonly start: number;
  readonly end: number;
  readonly lines: number;
}

/**
 * The file cut into runs of whole lines of about `bytes` bytes each (the last perhaps shorter), in
 * order, each with the number of lines before it: what worker threads read each on their own
 * (simulate-pool.ts). Reads the file once, counting newline bytes; no decoding.
 */
export function lineRanges(full: string, bytes: number, chunkBytes = CHUNK_BYTES): LineRange[] {
  const out: LineRange[] = [];
  const fd = openSync(full, 'r');
  try {
    const buffer = Buffer.allocUnsafe(chunkBytes);
    let offset = 0;
    let lines = 0;
    let start = 0;
    let startLines = 0;
    for (;;) {
      const read = readSync(fd, buffer, 0, chunkBytes, offset);
      if (read === 0) break;
      for (let i = buffer.indexOf(10); i >= 0 && i < read; i = buffer.indexOf(10, i + 1)) {
        lines++;
        if (offset + i + 1 - start >= bytes) {
          out.push({ start, end: offset + i + 1, lines: startLines });
          start = offset + i + 1;
          startLines = lines;
        }
      }
      offset += read;
    }
    if (offset > start) out.push({ start, end: offset, lines: startLines });
  } finally {
    closeSync(fd);
  }
  return out;
}

/**
 * UTF-8 bytes as text: ASCII bytes (every generated caseload) as Latin-1, which gives the same
 * string several times faster; anything else as UTF-8.
 */
function decode(bytes: Buffer): string {
  return isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
}

/**
 * Pulls the records of a JSON Lines file, a chunk of bytes at a time (see the file comment); of the
 * whole file, or of one `LineRange` (origins numbered from the lines before it; the byte-order mark
 * dropped only at the file's start).
 */
export function jsonLinesReader(full: string, name: string, chunkBytes: number = CHUNK_BYTES, range?: LineRange): RecordReader {
  const runs = new LineRuns(full, chunkBytes, range);
  let text = '';
  let pos = 0;
  let line = range?.lines ?? 0;
  let atStart = (range?.start ?? 0) === 0;
  let eof = false;

  /** Decodes the next run of whole lines into `text` (a copy: the buffer is not kept); false at the end of the file (or range). */
  const refill = (): boolean => {
    const n = runs.next();
    if (n === 0) {
      eof = true;
      return false;
    }
    text = decode(runs.buffer.subarray(0, n));
    pos = 0;
    stripMark();
    return true;
  };
  /** The byte-order mark at the very start, as `jsonLinesRecords` (after the file reader) drops it. */
  const stripMark = (): void => {
    if (!atStart) return;
    atStart = false;
    if (text.charCodeAt(0) === 0xfeff) pos = 1;
    if (text.charCodeAt(pos) === 0xfeff) pos++;
  };

  return () => {
    for (;;) {
      if (pos >= text.length) {
        if (eof || !refill()) return undefined;
        continue;
      }
      let end = text.indexOf('\n', pos);
      if (end < 0) end = text.length;
      const start = pos;
      pos = end + 1;
      line++;
      let stop = end;
      if (stop > start && text.charCodeAt(stop - 1) === 13) stop--;
      let blank = true;
      for (let i = start; i < stop; i++) {
        const c = text.charCodeAt(i);
        if (c !== 32 && c !== 9) {
          blank = false;
          break;
        }
      }
      if (!blank) return { kind: 'text', origin: `${name}:${line}`, text: text.slice(start, stop) };
    }
  };
}

/**
 * The text of a line's bytes, as the reader above gives it: ASCII as Latin-1, anything else as UTF-8
 * (the file is cut only at `\n` bytes, so a line's own decoding equals its part of a run's).
 */
export function lineText(bytes: Uint8Array, start: number, stop: number): string {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset + start, stop - start);
  return decode(b);
}

/**
 * The non-blank lines of a JSON Lines file (or of one `LineRange`), as bytes, in order: `visit` is
 * given the buffer, the line's bounds (no `\n`, no `\r` before it, no byte-order mark at the file's
 * start) and its 1-based line number; the very lines, numbers and texts (`lineText`) that
 * `jsonLinesReader` gives as records, without decoding them first. `visit` must not keep the buffer:
 * it is reused for the next chunk.
 */
export function eachJsonLine(
  full: string,
  visit: (bytes: Buffer, start: number, stop: number, line: number) => void,
  chunkBytes: number = CHUNK_BYTES,
  range?: LineRange,
): void {
  const runs = new LineRuns(full, chunkBytes, range);
  let line = range?.lines ?? 0;
  let atStart = (range?.start ?? 0) === 0;
  const emit = (buffer: Buffer, start: number, stopAt: number): void => {
    line++;
    let stop = stopAt;
    if (stop > start && buffer[stop - 1] === 13) stop--;
    let from = start;
    if (atStart) {
      // Up to two byte-order marks at the file's very start, as `jsonLinesReader` drops them.
      atStart = false;
      for (let k = 0; k < 2 && from + 3 <= stop && buffer[from] === 0xef && buffer[from + 1] === 0xbb && buffer[from + 2] === 0xbf; k++) from += 3;
    }
    for (let i = from; i < stop; i++) {
      const c = buffer[i];
      if (c !== 32 && c !== 9) {
        visit(buffer, from, stop, line);
        return;
      }
    }
  };
  try {
    for (let n = runs.next(); n > 0; n = runs.next()) {
      const buffer = runs.buffer;
      let start = 0;
      for (let nl = buffer.indexOf(10); nl >= 0 && nl < n; nl = buffer.indexOf(10, start)) {
        emit(buffer, start, nl);
        start = nl + 1;
      }
      // A last line without `\n` at the end of the file (or range).
      if (start < n) emit(buffer, start, n);
    }
  } finally {
    runs.close();
  }
}
