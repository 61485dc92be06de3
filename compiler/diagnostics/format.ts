/**
 * Renders diagnostics for people: a header line, the location, and a code frame with the range
 * underlined, then related locations and help. Colour is optional (the CLI turns it off for pipes).
 *
 * Input: a diagnostic and a way to read the text of the file it names. Output: a string.
 */
import pc from 'picocolors';
import type { Diagnostic } from './types.ts';

export interface FormatOptions {
  readonly color?: boolean;
  /** Returns the text of a file, or undefined when it cannot be read (no frame is shown then). */
  readonly readSource: (uri: string) => string | undefined;
}

type Paint = (s: string) => string;

export function formatDiagnostic(d: Diagnostic, options: FormatOptions): string {
  const c = pc.createColors(options.color ?? false);
  const sevPaint: Paint = d.severity === 'error' ? c.red : d.severity === 'warning' ? c.yellow : c.cyan;
  const lines: string[] = [];
  lines.push(`${c.bold(sevPaint(`${d.severity}[${d.code}]`))}${c.bold(`: ${d.message}`)}`);
  lines.push(`  ${c.blue('-->')} ${d.uri}:${d.range.startLine}:${d.range.startColumn}`);
  const text = options.readSource(d.uri);
  if (text !== undefined) lines.push(...codeFrame(text, d.range, sevPaint, c.blue));
  for (const related of d.related ?? []) {
    lines.push(`  ${c.blue('note')}: ${related.message}`);
    lines.push(`  ${c.blue('-->')} ${related.uri}:${related.range.startLine}:${related.range.startColumn}`);
    const relatedText = options.readSource(related.uri);
    if (relatedText !== undefined) lines.push(...codeFrame(relatedText, related.range, c.blue, c.blue));
  }
  if (d.help !== undefined) lines.push(`  ${c.blue('=')} ${c.bold('help')}: ${d.help}`);
  return lines.join('\n');
}

function codeFrame(
  text: string,
  range: Diagnostic['range'],
  underline: Paint,
  gutter: Paint,
): string[] {
  const sourceLines = text.split(/\r?\n/);
  const first = range.startLine;
  const last = Math.min(range.endLine, first + 3);
  const width = String(last).length;
  const pad = ' '.repeat(width);
  const out: string[] = [`${pad} ${gutter('|')}`];
  for (let line = first; line <= last; line++) {
    const content = sourceLines[line - 1] ?? '';
    out.push(`${gutter(String(line).padStart(width))} ${gutter('|')} ${content}`);
    const from = line === first ? range.startColumn : 1;
    const to = line === range.endLine ? range.endColumn : content.length + 1;
    const length = Math.max(1, to - from);
    out.push(`${pad} ${gutter('|')} ${' '.repeat(Math.max(0, from - 1))}${underline('^'.repeat(length))}`);
  }
  return out;
}

/** A one-line summary: `2 errors, 1 warning`. */
export function summarise(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
}
