/**
 * `pdl compile POLICY --out DIR`: emits a policy as a standalone typed module for embedding
 * (compiler/emit/typescript.ts): DIR/NAME.mts, NAME.mjs, NAME.d.mts and NAME.schema.json, where NAME is
 * the policy file's name without `.pdl` (ES modules by their extension, so that CommonJS and ESM
 * consumers alike can load them: see the emitter's header).
 *
 * Input: the policy file, the output folder (created if missing), the runtime specifier the module
 * imports (`@pdl/runtime` by default) and folders of extended policies. Output: the four files and one
 * line per file on stdout; the exit code: 0 when written, 1 when the policy has errors (printed on
 * stderr with code frames; nothing is written), 2 when the policy cannot be read or a file cannot be
 * written.
 * INVARIANT: files are written only when all four were emitted, each through a temporary file renamed
 * into place, so a failed run never leaves half a module.
 */
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { hostFor, missingFolders, sourceReader } from './host.ts';
import { makeFolder } from './make-folder.ts';
import { EXIT, packageVersion, readText, shownPath, writeFailure, useColor, write, type ExitCode, type OutStream } from './output.ts';

export interface CompileCommandOptions {
  readonly out: string;
  /** The module specifier of the runtime's public entry the emitted module imports. */
  readonly runtime?: string;
  readonly color: boolean;
  readonly policies: readonly string[];
}

export interface CompileIo {
  readonly stdout: OutStream;
  readonly stderr: OutStream;
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
}

export async function runCompile(policyPath: string, options: CompileCommandOptions, io: CompileIo): Promise<ExitCode> {
  const problems = missingFolders(options.policies, io.cwd);
  if (policyPath === '-') problems.push('error: pdl compile needs a policy file (its name names the emitted files), not standard input');
  if (options.runtime !== undefined && options.runtime.trim() === '') problems.push('error: --runtime needs a module specifier, e.g. @pdl/runtime');
  const path = resolve(io.cwd, policyPath);
  const text = policyPath === '-' ? undefined : readText(path);
  if (text !== undefined && !text.ok) problems.push(`error: cannot read ${shownPath(policyPath, io.cwd)}: ${text.reason}`);
  if (problems.length > 0 || text === undefined || !text.ok) {
    for (const p of problems) write(io.stderr, p);
    return EXIT.usage;
  }

  const { compileToIr, formatDiagnostic } = await import('../compiler/index.ts');
  const uri = shownPath(path, io.cwd);
  const compiled = compileToIr(text.text, { uri, host: hostFor(path, io.cwd, options.policies) });
  if (compiled.ir === undefined) {
    const color = useColor(options.color, io.stderr, io.env);
    const read = sourceReader(io.cwd, new Map([[uri, text.text]]));
    for (const d of compiled.diagnostics.filter((x) => x.severity === 'error')) write(io.stderr, `${formatDiagnostic(d, { color, readSource: read })}\n`);
    write(io.stderr, `error: ${uri} has errors; nothing was written`);
    return EXIT.errors;
  }

  // ts-morph (and the TypeScript compiler inside it) is loaded only now: it takes a second.
  const { emitTypeScript, EMITTED_FILES } = await import('../compiler/emit.ts');
  const baseName = basename(path).replace(/\.pdl$/i, '');
  const emitted = emitTypeScript(compiled.ir, {
    policyFile: uri,
    baseName,
    pdlVersion: packageVersion(),
    ...(options.runtime !== undefined ? { runtime: options.runtime } : {}),
  });
  const outDir = resolve(io.cwd, options.out);
  const files: [string, string][] = EMITTED_FILES.map(({ part, suffix }) => [`${baseName}${suffix}`, emitted[part]]);
  const temporary: string[] = [];
  try {
    makeFolder(outDir);
    for (const [name, content] of files) {
      const tmp = join(outDir, `.${name}.${process.pid}.tmp`);
      temporary.push(tmp);
      writeFileSync(tmp, content, 'utf8');
    }
    files.forEach(([name], i) => renameSync(temporary[i] as string, join(outDir, name)));
  } catch (error) {
    for (const tmp of temporary) rmSync(tmp, { force: true });
    write(io.stderr, `error: cannot write to ${shownPath(options.out, io.cwd)}: ${writeFailure(error, io.cwd)}`);
    return EXIT.usage;
  }
  for (const [name] of files) write(io.stdout, `wrote ${shownPath(join(outDir, name), io.cwd)}`);
  return EXIT.ok;
}
