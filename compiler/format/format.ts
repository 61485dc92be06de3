/**
 * The formatter: policy text -> the same policy in canonical layout, comments kept.
 *
 * Input: policy text. Output: the formatted text, or `undefined` with the diagnostics when the text
 * does not parse (a formatter never rewrites text it cannot read).
 *
 * It works on the token stream, not the AST, so comments and blank lines survive: each logical line
 * (a declaration or clause, possibly wrapped inside `{ }` or `( )`) becomes one line, indented by
 * what it is (0 for declarations, 2 for clauses and header fields, 4 for criterion lines), with one
 * space between words and none before `,` `:` `.` `?` `)` or after `(` and `.`. A comment on its own
 * line keeps its line, indented like the line after it; a comment after code stays after it, two
 * spaces after it. Runs of blank lines become one.
 *
 * Alignment (the layout the docs show; docs/cli.md, `pdl fmt`, states the same rules). A run is a
 * sequence of consecutive lines of one kind with no blank line and no own-line comment between them.
 * Each line of an aligned kind is cut into cells; in a run, every cell except a line's last is padded
 * to the widest such cell of the run (counting only lines that have a cell after it), then followed
 * by one space (after the first cell) or two (after the second). No line ends in spaces.
 * - header fields under `policy`: [field name] [value];
 * - `role`: [`role NAME`] [title] [`reports to X`] (the title cell may be empty);
 * - `fact`: [`fact NAME` with its `?`, and its `:` when untitled] [the rest];
 * - `event`: [`event NAME`] [the rest];
 * - cycle steps `first`...`fifth`, `then` (one kind together): [step word] [due date and `when`]
 *   [`cite "..."`].
 * An event declaration longer than `WRAP_AT` columns (laid out plain) whose record has two or more
 * attributes is wrapped one attribute a line (`wrapRecord`); its first line still aligns in its run.
 * Comments inside a wrapped list follow the whole declaration.
 * INVARIANT: formatting is idempotent, and the formatted text parses to the same AST (ranges aside).
 */
import type { IToken } from 'chevrotain';
import { RULE_KINDS, tokenizeRaw } from '../../grammar/index.ts';
import { capDiagnostics, parseToAst } from '../pipeline.ts';
import { sortDiagnostics, type Diagnostic } from '../diagnostics/types.ts';

const DECLARATION = new Set<string>(['policy', 'calendar', 'role', 'fact', 'event', ...RULE_KINDS, 'override']);
const NO_SPACE_BEFORE = new Set([',', ':', '.', '?', ')']);
const NO_SPACE_AFTER = new Set(['.', '(']);
const CALLS = new Set(['count', 'enum']);

interface Line {
  readonly tokens: IToken[];
  readonly trailingComment?: string;
  /** Comments on their own lines before this line, and whether a blank line preceded each. */
  readonly before: { text: string; blankBefore: boolean }[];
  readonly blankBefore: boolean;
}

function join(tokens: readonly IToken[]): string {
  let out = '';
  let previous: IToken | undefined;
  for (const t of tokens) {
    const image = t.image;
    if (previous !== undefined) {
      const glue =
        NO_SPACE_BEFORE.has(image) ||
        NO_SPACE_AFTER.has(previous.image) ||
        (image === '(' && CALLS.has(previous.image)) ||
        (image === '}' && previous.image === '{');
      if (!glue) out += ' ';
    }
    out += image;
    previous = t;
  }
  return out;
}

const STEP = new Set(['first', 'second', 'third', 'fourth', 'fifth', 'then']);
/** Spaces after each aligned cell: one after the keyword/name column, two before a trailing clause. */
const GAPS = [1, 2];

/** Columns past which an event's record of two or more attributes is laid out one attribute a line. */
const WRAP_AT = 100;

/**
 * An event declaration longer than `WRAP_AT` columns (laid out plain, unaligned) whose `{ }` record has
 * two or more attributes: its text after the event's name, that is the title and `{`, then each
 * attribute on its own line indented 2 (commas ending the lines), then `}` and what follows it.
 * Otherwise `undefined` (the declaration stays on one line).
 */
function wrapRecord(tokens: readonly IToken[]): string | undefined {
  if (join(tokens).length <= WRAP_AT) return undefined;
  const open = tokens.findIndex((t) => t.image === '{');
  const close = tokens.findIndex((t) => t.image === '}');
  if (open < 0 || close < open) return undefined;
  const attributes: IToken[][] = [[]];
  let depth = 0;
  for (const t of tokens.slice(open + 1, close)) {
    if (t.image === '(') depth++;
    if (t.image === ')') depth--;
    if (t.image === ',' && depth === 0) attributes.push([]);
    else attributes[attributes.length - 1]!.push(t);
  }
  if (attributes.length < 2) return undefined;
  const lines = [
    join(tokens.slice(2, open + 1)),
    ...attributes.map((a, i) => `  ${join(a)}${i < attributes.length - 1 ? ',' : ''}`),
    join(tokens.slice(close)),
  ];
  return lines.join('\n');
}

/**
 * Cuts a logical line into the cells that align (see the header comment): the kind of line, and its
 * text in cells whose single-space join is the plain layout. Lines of no aligned kind are one cell.
 * Trailing empty cells are dropped, so no line ends in spaces.
 */
function cellsOf(tokens: readonly IToken[], headerField: boolean): { kind: string | undefined; cells: string[] } {
  const first = tokens[0]!.image;
  const index = (image: string, from = 0): number => {
    const i = tokens.findIndex((t, k) => k >= from && t.image === image && t.tokenType.name !== 'StringLiteral');
    return i < 0 ? tokens.length : i;
  };
  let cuts: number[] | undefined;
  let kind: string | undefined = first;
  if (headerField) {
    kind = 'header';
    cuts = [1];
  } else if (first === 'role') {
    cuts = [2, index('reports', 2)];
  } else if (first === 'event') {
    const wrapped = wrapRecord(tokens);
    if (wrapped !== undefined) return { kind: first, cells: [join(tokens.slice(0, 2)), wrapped] };
    cuts = [2];
  } else if (first === 'fact') {
    let c = 2;
    if (tokens[c]?.image === '?') c++;
    if (tokens[c]?.image === ':') c++;
    cuts = [c];
  } else if (STEP.has(first) && tokens.length > 1) {
    kind = 'step';
    let cite = tokens.length;
    for (let k = tokens.length - 1; k > 0; k--) {
      if (tokens[k]!.tokenType.name === 'Cite') {
        cite = k;
        break;
      }
    }
    cuts = [1, cite];
  }
  if (cuts === undefined) return { kind: undefined, cells: [join(tokens)] };
  const cells: string[] = [];
  let from = 0;
  for (const cut of [...cuts, tokens.length]) {
    cells.push(join(tokens.slice(from, Math.max(from, cut))));
    from = Math.max(from, cut);
  }
  while (cells.length > 1 && cells[cells.length - 1] === '') cells.pop();
  return { kind, cells };
}

export interface FormatResult {
  readonly text?: string;
  readonly diagnostics: readonly Diagnostic[];
}

/** Formats policy text; returns no text when it has syntax errors. */
export function formatPolicy(text: string, uri = 'policy.pdl'): FormatResult {
  const front = parseToAst(text, uri);
  const syntax = front.diagnostics.filter((d) => d.code === 'pdl/lex-error' || d.code === 'pdl/syntax-error' || d.code === 'pdl/nesting-too-deep' || d.code === 'pdl/line-too-long');
  const diagnostics = capDiagnostics(sortDiagnostics(front.diagnostics), front.unshown);
  if (syntax.length > 0 || front.ast === undefined) return { diagnostics };
  const { tokens, comments } = tokenizeRaw(text);

  // Merge tokens and comments in source order, then cut into logical lines.
  const items = [...tokens, ...comments].sort((a, b) => a.startOffset - b.startOffset);
  const lines: Line[] = [];
  let current: IToken[] = [];
  let pendingComments: { text: string; blankBefore: boolean }[] = [];
  let trailing: string | undefined;
  let newlines = 0; // consecutive newlines seen since the last content
  let depth = 0;
  let blankBeforeLine = false;
  const flush = (): void => {
    if (current.length === 0) return;
    lines.push({ tokens: current, ...(trailing !== undefined ? { trailingComment: trailing } : {}), before: pendingComments, blankBefore: blankBeforeLine });
    current = [];
    pendingComments = [];
    trailing = undefined;
  };
  for (const item of items) {
    const type = item.tokenType.name;
    if (type === 'Newline') {
      if (depth > 0) continue;
      flush();
      newlines++;
      continue;
    }
    if (type === 'Comment') {
      if (current.length > 0) {
        // Several comments inside a wrapped list all follow the joined line, in order.
        trailing = trailing === undefined ? item.image.trimEnd() : `${trailing} ${item.image.trimEnd()}`;
      } else {
        pendingComments.push({ text: item.image.trimEnd(), blankBefore: newlines > 1 && (lines.length > 0 || pendingComments.length > 0) });
        newlines = 0;
      }
      continue;
    }
    if (current.length === 0) {
      blankBeforeLine = newlines > 1 && (lines.length > 0 || pendingComments.length > 0);
      newlines = 0;
    }
    if (item.image === '{' || item.image === '(') depth++;
    if ((item.image === '}' || item.image === ')') && depth > 0) depth--;
    current.push(item);
  }
  flush();

  // Each line becomes cells (see `cellsOf`); runs of lines of one kind are aligned as a table.
  interface Laid {
    readonly line: Line;
    readonly indent: number;
    readonly kind: string | undefined;
    readonly cells: string[];
  }
  const laid: Laid[] = [];
  let inHeader = true;
  let inCriteria = false;
  for (const line of lines) {
    const first = line.tokens[0]!.image;
    let indent = 2;
    if (DECLARATION.has(first)) {
      indent = 0;
      if (first !== 'policy') inHeader = false;
      inCriteria = first === 'criteria' || (first === 'override' && line.tokens[1]?.image === 'criteria');
    } else if (inCriteria && line.tokens[0]!.tokenType.name === 'StringLiteral') {
      indent = 4;
    }
    const { kind, cells } = cellsOf(line.tokens, inHeader && first !== 'policy');
    laid.push({ line, indent, kind, cells });
  }

  const out: string[] = [];
  let runStart = 0;
  while (runStart < laid.length) {
    // A run: consecutive lines of one kind, none preceded by a blank line or an own-line comment.
    let runEnd = runStart + 1;
    const kind = laid[runStart]!.kind;
    while (
      kind !== undefined &&
      runEnd < laid.length &&
      laid[runEnd]!.kind === kind &&
      laid[runEnd]!.line.before.length === 0 &&
      !laid[runEnd]!.line.blankBefore
    ) {
      runEnd++;
    }
    const run = laid.slice(runStart, runEnd);
    // widths[j]: the widest cell j among the run's lines that have a cell after it.
    const widths: number[] = [];
    for (const l of run) {
      for (let j = 0; j < l.cells.length - 1; j++) widths[j] = Math.max(widths[j] ?? 0, l.cells[j]!.length);
    }
    for (const { line, indent, cells } of run) {
      const pad = ' '.repeat(indent);
      for (const c of line.before) {
        if (c.blankBefore && out.length > 0 && out[out.length - 1] !== '') out.push('');
        out.push(`${pad}${c.text}`);
      }
      if (line.blankBefore && out.length > 0 && out[out.length - 1] !== '') out.push('');
      let text = '';
      cells.forEach((cell, j) => {
        text += j === cells.length - 1 ? cell : cell.padEnd(widths[j]!) + ' '.repeat(GAPS[j] ?? 1);
      });
      out.push(`${pad}${text}${line.trailingComment !== undefined ? `  ${line.trailingComment}` : ''}`);
    }
    runStart = runEnd;
  }
  // Comments after the last line.
  for (const c of pendingComments) {
    if (c.blankBefore && out.length > 0 && out[out.length - 1] !== '') out.push('');
    out.push(c.text);
  }
  return { text: `${out.join('\n')}\n`, diagnostics };
}
