/** Diagnostics -> compact text, one per line (`file:line:col severity code message`), for golden files. */
import type { Diagnostic } from '../diagnostics/types.ts';

export function printDiagnostics(diagnostics: readonly Diagnostic[]): string {
  return diagnostics
    .map((d) => `${d.uri}:${d.range.startLine}:${d.range.startColumn}-${d.range.endLine}:${d.range.endColumn} ${d.severity} ${d.code} ${d.message}`)
    .join('\n');
}
