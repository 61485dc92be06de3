/**
 * `pdl check FILE...`: compiles policy files and reports their diagnostics.
 *
 * Input: file (or folder) paths and options. Output: diagnostics with code frames and one summary
 * line per file on stdout (or one JSON document with `--json`); the exit code: 0 when there is no
 * error (warnings allowed), 1 when any file has an error, 2 when a file cannot be read.
 */
import { resolve } from 'node:path';
import type { Diagnostic } from '../compiler/index.ts';
import { hostFor, missingFolders, sourceReader } from './host.ts';
import { filesNamed } from './files-below.ts';
import { EXIT, jsonDiagnostic, readText, shownPath, useColor, write, type ExitCode, type JsonDiagnostic, type OutStream } from './output.ts';

export interface CheckOptions {
  readonly json: boolean;
  readonly color: boolean;
  readonly policies: readonly string[];
}

export interface CheckIo {
  readonly stdout: OutStream;
  readonly stderr: OutStream;
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
}

export interface CheckedFile {
  readonly file: string;
  readonly diagnostics: readonly JsonDiagnostic[];
}

/** The `--json` document. */
export interface CheckReport {
  readonly files: readonly CheckedFile[];
  readonly errors: number;
  readonly warnings: number;
}


export async function runCheck(args: readonly string[], options: CheckOptions, io: CheckIo): Promise<ExitCode> {
  const { files, problems } = filesNamed(args, io.cwd, '.pdl');
  problems.push(...missingFolders(options.policies, io.cwd));
  const texts = new Map<string, string>();
  for (const file of files) {
    const read = readText(resolve(io.cwd, file));
    if (read.ok) texts.set(file, read.text);
    else problems.push(`error: cannot read ${shownPath(file, io.cwd)}: ${read.reason}`);
  }
  if (problems.length > 0) {
    for (const p of problems) write(io.stderr, p);
    return EXIT.usage;
  }

  // The compiler is loaded only now, so that unreadable files are reported at once. `compileToIr`, not
  // `compile`: the diagnostics are the same, and preparing the policy for evaluation (its case
  // validator among other things) would be work thrown away.
  // From the front end's own entry, which leaves out what `check` never runs (evaluation, docs,
  // tests, coverage, and the packages they need).
  const { compileToIr, formatDiagnostic, summarise } = await import('../compiler/front-end.ts');
  const color = useColor(options.color, io.stdout, io.env);
  const report: CheckedFile[] = [];
  let errors = 0;
  let warnings = 0;
  for (const file of files) {
    const text = texts.get(file) ?? '';
    const host = hostFor(file, io.cwd, options.policies);
    const uri = host.uriOf(file);
    const { diagnostics } = compileToIr(text, { uri, host });
    errors += count(diagnostics, 'error');
    warnings += count(diagnostics, 'warning');
    if (options.json) {
      report.push({ file: uri, diagnostics: diagnostics.map(jsonDiagnostic) });
      continue;
    }
    const readSource = sourceReader(io.cwd, new Map([[uri, text]]));
    for (const d of diagnostics) write(io.stdout, `${formatDiagnostic(d, { color, readSource })}\n`);
    write(io.stdout, `${uri}: ${summarise(diagnostics)}`);
  }
  if (options.json) {
    const document: CheckReport = { files: report, errors, warnings };
    write(io.stdout, JSON.stringify(document, null, 2));
  }
  return errors > 0 ? EXIT.errors : EXIT.ok;
}

function count(diagnostics: readonly Diagnostic[], severity: Diagnostic['severity']): number {
  return diagnostics.filter((d) => d.severity === severity).length;
}
