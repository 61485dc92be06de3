/**
 * `pdl docs POLICY`: renders a policy as a readable practice direction (compiler/emit/docs/).
 *
 * Input: the policy file, the format (`md`, the default, or `html`) and optionally `--out FILE`.
 * Output: the document on stdout, or written to FILE (its missing parent folders created; one line on
 * stdout saying so); the exit code: 0 when written, 1 when the policy has errors (printed on stderr
 * with code frames), 2 when the policy cannot be read or the output cannot be written.
 */
import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { hostFor, missingFolders, sourceReader } from './host.ts';
import { makeFolder } from './make-folder.ts';
import { EXIT, readText, shownPath, writeFailure, useColor, write, type ExitCode, type OutStream } from './output.ts';

export type DocsFormat = 'md' | 'html';

export interface DocsOptions {
  readonly format: DocsFormat;
  /** Where to write the document; stdout when absent. */
  readonly out?: string;
  readonly color: boolean;
  readonly policies: readonly string[];
}

export interface DocsIo {
  readonly stdout: OutStream;
  readonly stderr: OutStream;
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
}

export async function runDocs(policyPath: string, options: DocsOptions, io: DocsIo): Promise<ExitCode> {
  const problems = missingFolders(options.policies, io.cwd);
  const path = resolve(io.cwd, policyPath);
  const text = readText(policyPath === '-' ? '-' : path);
  if (!text.ok) problems.push(`error: cannot read ${policyPath === '-' ? '<stdin>' : shownPath(policyPath, io.cwd)}: ${text.reason}`);
  if (problems.length > 0 || !text.ok) {
    for (const p of problems) write(io.stderr, p);
    return EXIT.usage;
  }

  // The compiler and the renderer are loaded only now, so that usage errors answer at once.
  const { compileToIr, formatDiagnostic, renderPolicyDocs } = await import('../compiler/index.ts');
  const uri = policyPath === '-' ? '<stdin>' : shownPath(path, io.cwd);
  const host = hostFor(policyPath === '-' ? io.cwd : path, io.cwd, options.policies);
  const compiled = compileToIr(text.text, { uri, host });
  if (compiled.ir === undefined) {
    const color = useColor(options.color, io.stderr, io.env);
    const read = sourceReader(io.cwd, new Map([[uri, text.text]]));
    for (const d of compiled.diagnostics.filter((x) => x.severity === 'error')) write(io.stderr, `${formatDiagnostic(d, { color, readSource: read })}\n`);
    write(io.stderr, `error: ${uri} has errors; no document was written`);
    return EXIT.errors;
  }

  // The regeneration command names the output as every message does (an absolute path outside the
  // working directory stays absolute).
  const out = options.out === undefined ? undefined : shownPath(options.out, io.cwd);
  const key = options.format === 'html' ? 'html' : 'markdown';
  const docs = renderPolicyDocs(compiled.ir, { sourceFile: uri, ...(out !== undefined ? { out: { [key]: out } } : {}) });
  const document = options.format === 'html' ? docs.html : docs.markdown;
  if (options.out === undefined) {
    io.stdout.write(document);
    return EXIT.ok;
  }
  try {
    const target = resolve(io.cwd, options.out);
    makeFolder(dirname(target)); // missing parent folders are created, as `compile --out` does
    writeFileSync(target, document, 'utf8');
  } catch (error) {
    write(io.stderr, `error: cannot write ${out ?? options.out}: ${writeFailure(error, io.cwd)}`);
    return EXIT.usage;
  }
  write(io.stdout, `wrote ${out ?? options.out}`);
  return EXIT.ok;
}
