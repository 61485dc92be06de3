/**
 * A caseload as a source of records that `pdl simulate` pulls one at a time (Node only): a JSON Lines
 * file read in chunks of a megabyte, never whole, or the records of a caseload already in memory
 * (caseload-files.ts: JSON, folders, SSDA903 tables, event exports).
 *
 * Input: a caseload path (and the simulate options that decide whether it can be streamed), or a
 * list of records. Output: a `CaseSource`: the number of its lines (a byte count, no decoding), its
 * latest event date (as `latestEventDate` of caseload-files.ts finds it), and readers that pull its
 * records in order, each a fresh pass from the start.
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
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { extname, relative, resolve } from 'node:path';
import type { CaseRecord } from '../simulation/index.ts';
import { latestEventDate } from './caseload-files.ts';

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
  return { full, name: relative(cwd, full).split('\\').join('/') || full };
}

/**
 * Calls `onChunk` with the file's text, a run of whole lines at a time (each ending with `\n`, the
 * last perhaps not), in order; `bytes` is the chunk size (small in tests).
 */
function forEachTextChunk(full: string, onChunk: (text: string, first: boolean) => void, bytes = CHUNK_BYTES): void {
  const fd = openSync(full, 'r');
  try {
    const buffer = Buffer.allocUnsafe(bytes);
    let carry: Buffer = Buffer.alloc(0);
    let first = true;
    for (;;) {
      const read = readSync(fd, buffer, 0, bytes, null);
      if (read === 0) break;
      const data = carry.length === 0 ? buffer.subarray(0, read) : Buffer.concat([carry, buffer.subarray(0, read)]);
      const last = data.lastIndexOf(10);
      if (last < 0) {
        carry = Buffer.from(data);
        continue;
      }
      onChunk(data.toString('utf8', 0, last + 1), first);
      first = false;
      carry = Buffer.from(data.subarray(last + 1));
    }
    if (carry.length > 0) onChunk(carry.toString('utf8'), first);
  } finally {
    closeSync(fd);
  }
}

/** A JSON Lines file read as it is pulled; origins are `name:line`. `chunkBytes` is for tests. */
export function jsonLinesFileSource(full: string, name: string, chunkBytes = CHUNK_BYTES): CaseSource {
  let lines: number | undefined;
  return {
    streamed: true,
    lineCount() {
      if (lines !== undefined) return lines;
      // Newline bytes, and a last line without one: no decoding.
      let n = 0;
      let endsOpen = false;
      const fd = openSync(full, 'r');
      try {
        const buffer = Buffer.allocUnsafe(chunkBytes);
        for (;;) {
          const read = readSync(fd, buffer, 0, chunkBytes, null);
          if (read === 0) break;
          for (let i = buffer.indexOf(10); i >= 0 && i < read; i = buffer.indexOf(10, i + 1)) n++;
          endsOpen = buffer[read - 1] !== 10;
        }
      } finally {
        closeSync(fd);
      }
      lines = n + (endsOpen ? 1 : 0);
      return lines;
    },
    latestEventDate() {
      let latest: string | undefined;
      forEachTextChunk(
        full,
        (text) => {
          const d = latestEventDate([{ kind: 'text', origin: name, text }]);
          if (d !== undefined && (latest === undefined || d > latest)) latest = d;
        },
        chunkBytes,
      );
      return latest;
    },
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
 * Pulls the records of a JSON Lines file, a chunk of bytes at a time (see the file comment); of the
 * whole file, or of one `LineRange` (origins numbered from the lines before it; the byte-order mark
 * dropped only at the file's start).
 */
export function jsonLinesReader(full: string, name: string, chunkBytes: number = CHUNK_BYTES, range?: LineRange): RecordReader {
  let fd: number | undefined = openSync(full, 'r');
  const buffer = Buffer.allocUnsafe(chunkBytes);
  let carry: Buffer = Buffer.alloc(0);
  let text = '';
  let pos = 0;
  let line = range?.lines ?? 0;
  let atStart = (range?.start ?? 0) === 0;
  let eof = false;
  let offset = range?.start ?? 0;
  const end = range?.end ?? Number.POSITIVE_INFINITY;

  /** Decodes the next run of whole lines into `text`; false at the end of the file (or range). */
  const refill = (): boolean => {
    while (fd !== undefined) {
      const read = readSync(fd, buffer, 0, Math.min(chunkBytes, end - offset), offset);
      offset += read;
      if (read === 0) {
        closeSync(fd);
        fd = undefined;
        eof = true;
        if (carry.length === 0) return false;
        text = carry.toString('utf8');
        carry = Buffer.alloc(0);
        pos = 0;
        stripMark();
        return true;
      }
      const data = carry.length === 0 ? buffer.subarray(0, read) : Buffer.concat([carry, buffer.subarray(0, read)]);
      const last = data.lastIndexOf(10);
      if (last < 0) {
        carry = Buffer.from(data);
        continue;
      }
      text = data.toString('utf8', 0, last + 1);
      carry = Buffer.from(data.subarray(last + 1));
      pos = 0;
      stripMark();
      return true;
    }
    return false;
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
