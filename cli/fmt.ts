/**
 * `pdl fmt FILE...`: formats policy files (compiler/format/format.ts), keeping comments.
 *
 * Input: policy files or folders. Output: with `--write`, the files rewritten in place; with
 * `--check`, the names of files that are not formatted (exit 1 if any); otherwise the formatted text
 * of a single file on stdout. A file that does not parse is left alone and reported (exit 1). Folders
 * are taken as `pdl check` takes them (files-below.ts `filesNamed`): one with no `.pdl` file below
 * it, or a path that cannot be read, is a usage error (exit 2), as is `--write` with `--check`.
 */
import { writeFileSync } from 'node:fs';
import { formatDiagnostic, formatPolicy } from '../compiler/index.ts';
import { sourceReader } from './host.ts';
import { filesNamed } from './files-below.ts';
import { EXIT, readText, shownPath, useColor, write, type ExitCode, type OutStream } from './output.ts';

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
  if (options.write && options.check) {
    write(io.stderr, 'error: --write and --check cannot be used together (--check writes nothing: it lists the files --write would change)');
    return EXIT.usage;
  }
  const { files, problems } = filesNamed(args, io.cwd, '.pdl');
  if (problems.length > 0) {
    for (const p of problems) write(io.stderr, p);
    return EXIT.usage;
  }
  if (!options.write && !options.check && files.length !== 1) {
    write(io.stderr, `error: ${args.length === 1 ? `${shownPath(args[0] ?? '', io.cwd)} holds ${files.length} .pdl files: ` : ''}give one file to print it formatted, or use --write or --check\n`);
    return EXIT.usage;
  }
  const color = useColor(options.color, io.stderr, io.env);
  let code: ExitCode = EXIT.ok;
  for (const file of files) {
    const shown = shownPath(file, io.cwd);
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
