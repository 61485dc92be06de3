/**
 * `pdl fmt FILE...`: formats policy files (compiler/format/format.ts), keeping comments.
 *
 * Input: policy files or folders. Output: with `--write`, the files rewritten in place; with
 * `--check`, the names of files that are not formatted (exit 1 if any); otherwise the formatted text
 * of a single file on stdout. A file that does not parse is left alone and reported (exit 1).
 */
import { statSync, writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { formatDiagnostic, formatPolicy } from '../compiler/index.ts';
import { sourceReader } from './host.ts';
import { filesBelow } from './files-below.ts';
import { EXIT, readFailure, readText, useColor, write, type ExitCode, type OutStream } from './output.ts';

export interface FmtOptions {
  readonly write: boolean;
  readonly check: boolean;
  readonly color: boolean;
}

export interface FmtIo {
  readonly stdout: OutStream;
  readonly stderr: OutStream;
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
}


export async function runFmt(args: readonly string[], options: FmtOptions, io: FmtIo): Promise<ExitCode> {
  const files: string[] = [];
  for (const arg of args) {
    const path = resolve(io.cwd, arg);
    try {
      if (statSync(path).isDirectory()) filesBelow(path, '.pdl', files);
      else files.push(path);
    } catch (error) {
      write(io.stderr, `error: cannot read ${arg}: ${readFailure(error)}\n`);
      return EXIT.usage;
    }
  }
  if (!options.write && !options.check && files.length !== 1) {
    write(io.stderr, 'error: give one file to print it formatted, or use --write or --check\n');
    return EXIT.usage;
  }
  const color = useColor(options.color, io.stderr, io.env);
  let code: ExitCode = EXIT.ok;
  for (const file of files) {
    const shown = relative(io.cwd, file);
    const text = readText(file);
    if (!text.ok) {
      write(io.stderr, `error: cannot read ${shown}: ${text.reason}\n`);
      return EXIT.usage;
    }
    const result = formatPolicy(text.text, shown);
    if (result.text === undefined) {
      const read = sourceReader(io.cwd, new Map([[shown, text.text]]));
      for (const d of result.diagnostics.filter((x) => x.severity === 'error')) write(io.stderr, `${formatDiagnostic(d, { color, readSource: read })}\n`);
      write(io.stderr, `${shown}: not formatted: it has syntax errors\n`);
      code = EXIT.errors;
      continue;
    }
    if (options.check) {
      if (result.text !== text.text) {
        write(io.stdout, `${shown}: not formatted\n`);
        code = EXIT.errors;
      }
    } else if (options.write) {
      if (result.text !== text.text) {
        writeFileSync(file, result.text);
        write(io.stdout, `${shown}: formatted\n`);
      }
    } else {
      write(io.stdout, result.text);
    }
  }
  return code;
}
