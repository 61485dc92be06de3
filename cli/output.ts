/**
 * Shared plumbing of the `pdl` commands: exit codes, colour decisions, reading files without echoing
 * their contents, a column aligner, word wrapping, and diagnostics as JSON (parsing JSON: json.ts).
 *
 * Input: streams, paths, parsed values. Output: strings and small result objects; nothing here
 * writes to a stream except `write`.
 *
 * INVARIANT: no message made here quotes the contents of a file it read (case data is about
 * children).
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { Diagnostic, SourceRange } from '../compiler/index.ts';
import { MakeFolderError } from './make-folder.ts';
import { decodeUtf8 } from './utf8.ts';

/** Exit codes scripts can rely on (docs/cli.md). */
export const EXIT = {
  /** Success: no error (warnings allowed). */
  ok: 0,
  /** Errors found: a policy with errors, a malformed or invalid case. */
  errors: 1,
  /** Usage: bad arguments or options, a file that cannot be read, a bad holiday file. */
  usage: 2,
  /** A bug in pdl itself. */
  internal: 3,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A writable stream as far as the CLI needs one. */
export interface OutStream {
  write(chunk: string): unknown;
  readonly isTTY?: boolean;
}

export function write(stream: OutStream, text: string): void {
  stream.write(text.endsWith('\n') ? text : `${text}\n`);
}

/**
 * Colour only for a terminal: off with `--no-color` or a non-empty `NO_COLOR`; `FORCE_COLOR`
 * (other than `0`) turns it on for pipes.
 */
export function useColor(flag: boolean, stream: OutStream, env: NodeJS.ProcessEnv = process.env): boolean {
  if (!flag) return false;
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false;
  const force = env['FORCE_COLOR'];
  if (force !== undefined && force !== '' && force !== '0' && force !== 'false') return true;
  return stream.isTTY === true;
}

// ---------------------------------------------------------------------------------------------
// Files

/** A short reason a file could not be read, from a Node error code (never the file's contents). */
export function readFailure(error: unknown): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'ENOTDIR':
      return 'a part of the path is not a directory';
    default:
      return code === '' ? 'cannot be read' : `cannot be read (${code})`;
  }
}

/**
 * A short reason a file or folder could not be written, from a Node error code (never any contents);
 * a folder that could not be created (cli/make-folder.ts) is named, as `shownPath` shows it from `cwd`.
 */
export function writeFailure(error: unknown, cwd: string = process.cwd()): string {
  if (error instanceof MakeFolderError) {
    // ENOENT from creating a folder whose parent exists: the file system has no place for it (/proc).
    const reason = error.code === 'ENOENT' ? 'no folder can be created there' : writeFailure({ code: error.code }, cwd);
    return `cannot create the folder ${shownPath(error.folder, cwd)}: ${reason}`;
  }
  const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
  switch (code) {
    case 'EEXIST':
    case 'ENOTDIR':
      return 'a file is in the way where a folder is needed';
    case 'EROFS':
      return 'the file system is read-only';
    case 'ENOSPC':
      return 'no space left on the device';
    case 'ENOENT':
    case 'EACCES':
    case 'EPERM':
    case 'EISDIR':
      return readFailure(error);
    default:
      return code === '' ? 'cannot be written' : `cannot be written (${code})`;
  }
}

export type ReadResult = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly reason: string };

/** Reads a UTF-8 file (`-` reads standard input), dropping a byte-order mark; bytes that are not UTF-8 are refused with their place. */
export function readText(path: string): ReadResult {
  try {
    const decoded = decodeUtf8(readFileSync(path === '-' ? 0 : path));
    if (!decoded.ok) return { ok: false, reason: `not valid UTF-8 (line ${decoded.line}, column ${decoded.column})` };
    const text = decoded.text;
    return { ok: true, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
  } catch (error) {
    return { ok: false, reason: readFailure(error) };
  }
}

/** How a file is named in messages: `<stdin>` for `-`. */
export function displayName(path: string): string {
  return path === '-' ? '<stdin>' : path;
}

// ---------------------------------------------------------------------------------------------
// Layout

/** ANSI escape sequences (for measuring coloured text). */
const ANSI = /\u001b\[[0-9;]*m/g;

export function visibleLength(s: string): number {
  return s.replace(ANSI, '').length;
}

/** One table cell: its text, and how to paint it once padded (colour must not change widths). */
export interface Cell {
  readonly text: string;
  readonly paint?: (s: string) => string;
}

/** Aligns rows into columns separated by two spaces; the last column is not padded. */
export function alignColumns(rows: readonly (readonly (Cell | string)[])[], indent = ''): string[] {
  const widths: number[] = [];
  const cells = rows.map((row) => row.map((c): Cell => (typeof c === 'string' ? { text: c } : c)));
  for (const row of cells) row.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, visibleLength(c.text))));
  return cells.map((row) => {
    const parts = row.map((c, i) => {
      const padded = i === row.length - 1 ? c.text : c.text + ' '.repeat((widths[i] ?? 0) - visibleLength(c.text));
      return c.paint ? c.paint(padded) : padded;
    });
    return (indent + parts.join('  ')).replace(/\s+$/, '');
  });
}

/** Wraps text at word boundaries to `width` columns; continuation lines start with `indent`. */
export function wrap(text: string, width: number, firstPrefix: string, indent: string): string[] {
  const words = text.split(/\s+/).filter((w) => w !== '');
  const lines: string[] = [];
  let line = firstPrefix;
  let empty = true;
  for (const word of words) {
    if (!empty && line.length + 1 + word.length > width) {
      lines.push(line);
      line = indent + word;
    } else {
      line = empty ? line + word : `${line} ${word}`;
    }
    empty = false;
  }
  lines.push(line);
  return lines;
}

// ---------------------------------------------------------------------------------------------
// Diagnostics as JSON

export interface JsonRelated {
  readonly file: string;
  readonly range: SourceRange;
  readonly message: string;
}

export interface JsonDiagnostic {
  readonly code: string;
  readonly severity: string;
  readonly message: string;
  readonly file: string;
  readonly range: SourceRange;
  readonly related?: readonly JsonRelated[];
  readonly help?: string;
}

function plainRange(r: SourceRange): SourceRange {
  return { start: r.start, end: r.end, startLine: r.startLine, startColumn: r.startColumn, endLine: r.endLine, endColumn: r.endColumn };
}

/** A diagnostic for `--json`: `uri` becomes `file`, optional fields are absent rather than undefined. */
export function jsonDiagnostic(d: Diagnostic): JsonDiagnostic {
  return {
    code: d.code,
    severity: d.severity,
    message: d.message,
    file: d.uri,
    range: plainRange(d.range),
    ...(d.related !== undefined && d.related.length > 0
      ? { related: d.related.map((r) => ({ file: r.uri, range: plainRange(r.range), message: r.message })) }
      : {}),
    ...(d.help !== undefined ? { help: d.help } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// Internal errors

/**
 * Wraps an exception thrown while a case was being evaluated: its message could quote case data,
 * so it is shown only with `PDL_DEBUG=1`.
 */
export class WithheldError extends Error {
  override readonly name = 'WithheldError';
  constructor(readonly original: unknown) {
    super(`${original instanceof Error ? original.name : typeof original} while evaluating the case (its message may quote case data: set PDL_DEBUG=1 to show it)`);
    if (original instanceof Error && original.stack !== undefined) this.stack = original.stack;
  }
}

/** Reports a bug in pdl (exit 3): the message (withheld for errors during evaluation) and where it was thrown. */
export function reportInternalError(error: unknown, stderr: OutStream, env: NodeJS.ProcessEnv = process.env): ExitCode {
  const debug = env['PDL_DEBUG'] === '1';
  let message: string;
  if (error instanceof WithheldError) {
    message = debug && error.original instanceof Error ? `${error.message}: ${error.original.message}` : error.message;
  } else if (error instanceof Error) {
    message = `${error.name}: ${error.message}`;
  } else {
    message = String(error);
  }
  write(stderr, `pdl: internal error (a bug in pdl): ${message}`);
  if (error instanceof Error && error.stack !== undefined) {
    const frames = error.stack.split('\n').filter((l) => /^\s+at /.test(l));
    if (frames.length > 0) write(stderr, frames.join('\n'));
  }
  return EXIT.internal;
}

// ---------------------------------------------------------------------------------------------
// Dates

/** True when `text` is `YYYY-MM-DD` and names a real calendar date (no `Date`, no time zone). */
export function isPlainDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (m === null) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const length = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day <= length;
}

/**
 * The one message of every command taking `--from` and `--to` (conformance, generate, simulate) for
 * a range that is not one: undefined when both are dates and `from` is not after `to`.
 */
export function dateRangeProblem(from: string, to: string): string | undefined {
  for (const [option, value] of [['--from', from], ['--to', to]] as const) {
    if (!isPlainDate(value)) return `error: ${option} ${value} is not a date as YYYY-MM-DD`;
  }
  return from > to ? `error: --from ${from} is after --to ${to}` : undefined;
}

// ---------------------------------------------------------------------------------------------
// Paths and version

/**
 * How every command names a file or folder, in its messages and in the files it generates: relative
 * to the working directory when it is inside it (`policies/bristol.pdl`, `.` for the working directory
 * itself), otherwise absolute (`/tmp/out/x.mts`, never a path that climbs out with `..`); `/` separators either
 * way. The same path is named the same however it was typed (`./x.pdl`, `x.pdl`, `/repo/x.pdl`).
 */
export function shownPath(path: string, cwd: string): string {
  const full = resolve(cwd, path);
  const rel = relative(resolve(cwd), full);
  const shown = rel === '' ? '.' : rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel) ? full : rel;
  return shown.split(sep).join('/');
}

/**
 * The package's root folder (with a trailing `/`), from this module's place: `cli/output.ts` from
 * source, one folder deep; `dist/cli/pdl.mjs` once bundled (scripts/build-cli.mjs), two folders deep.
 */
export const PACKAGE_ROOT = new URL(import.meta.url.endsWith('.ts') ? '../' : '../../', import.meta.url);

/** pdl's version from package.json (`0.0.0` if it cannot be read). */
export function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('package.json', PACKAGE_ROOT), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}
