/**
 * `pdl test [FILE...]`: runs policy tests (`<policy>.tests.yaml`, see compiler/testing/policy-tests.ts).
 *
 * Input: tests files, policy files (their `<name>.tests.yaml` beside them) or folders (every
 * `*.tests.yaml` below); default `policies/`. Output: one line per test (failures with what was
 * expected and found), then the summary line `N passed, N failed`; exit 0 when all pass, 1 when any
 * fails or a tests file or its policy has errors, 2 when a path cannot be read or a `--policies`
 * folder is not a folder.
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import pc from 'picocolors';
import { compile, formatDiagnostic, parseTestsFile, runTest } from '../compiler/index.ts';
import { hostFor, missingFolders, sourceReader } from './host.ts';
import { filesNamed } from './files-below.ts';
import { EXIT, readText, shownPath, useColor, write, type ExitCode, type OutStream } from './output.ts';

export interface TestOptions {
  readonly color: boolean;
  readonly policies: readonly string[];
}

export interface TestIo {
  readonly stdout: OutStream;
  readonly stderr: OutStream;
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
}

const SUFFIX = '.tests.yaml';


/** The tests files named by the arguments (`policies` when there are none). */
export function findTestsFiles(args: readonly string[], cwd: string): { files: string[]; problems: string[] } {
  return filesNamed(args.length > 0 ? args : ['policies'], cwd, SUFFIX, (path, arg) => {
    if (path.endsWith(SUFFIX)) return { file: path };
    if (!path.endsWith('.pdl')) return { problem: `error: ${shownPath(arg, cwd)} is neither a policy (.pdl), a tests file (${SUFFIX}) nor a folder` };
    const beside = path.replace(/\.pdl$/, SUFFIX);
    return existsSync(beside) ? { file: beside } : { problem: `error: ${shownPath(arg, cwd)} has no tests: expected ${shownPath(beside, cwd)}` };
  });
}

export async function runTests(args: readonly string[], options: TestOptions, io: TestIo): Promise<ExitCode> {
  const color = useColor(options.color, io.stdout, io.env);
  const c = pc.createColors(color);
  const { files, problems } = findTestsFiles(args, io.cwd);
  problems.push(...missingFolders(options.policies, io.cwd));
  for (const p of problems) write(io.stderr, `${p}\n`);
  if (problems.length > 0) return EXIT.usage;
  let passed = 0;
  let failed = 0;
  for (const file of files) {
    const shown = shownPath(file, io.cwd);
    const text = readText(file);
    if (!text.ok) {
      write(io.stderr, `error: cannot read ${shown}: ${text.reason}\n`);
      return EXIT.usage;
    }
    const parsed = parseTestsFile(text.text);
    if (parsed.file === undefined) {
      // The YAML parser's first line ends with `:` (its code frame followed it): not a sentence's end.
      for (const e of parsed.errors) write(io.stdout, `${c.red('error')}: ${shown}: ${e.path}: ${e.message}\n`);
      failed++;
      continue;
    }
    const policyPath = resolve(dirname(file), parsed.file.policy);
    const policyText = readText(policyPath);
    if (!policyText.ok) {
      write(io.stdout, `${c.red('error')}: ${shown}: policy ${parsed.file.policy}: ${policyText.reason}\n`);
      failed += parsed.file.tests.length;
      continue;
    }
    const uri = shownPath(policyPath, io.cwd);
    const compiled = compile(policyText.text, { uri, host: hostFor(policyPath, io.cwd, options.policies) });
    if (compiled.policy === undefined) {
      const read = sourceReader(io.cwd, new Map([[uri, policyText.text]]));
      for (const d of compiled.diagnostics.filter((x) => x.severity === 'error')) write(io.stdout, `${formatDiagnostic(d, { color, readSource: read })}\n`);
      write(io.stdout, `${c.red('error')}: ${shown}: ${uri} does not compile, so its ${parsed.file.tests.length} tests fail\n`);
      failed += parsed.file.tests.length;
      continue;
    }
    write(io.stdout, `${c.bold(shown)} (${uri})\n`);
    for (const test of parsed.file.tests) {
      const outcome = runTest(compiled.policy, test);
      if (outcome.passed) {
        passed++;
        write(io.stdout, `  ${c.green('✓')} ${test.name}\n`);
      } else {
        failed++;
        write(io.stdout, `  ${c.red('✗')} ${test.name}${test.cite ? c.dim(` (${test.cite})`) : ''}\n`);
        for (const f of outcome.failures) write(io.stdout, `      ${f}\n`);
      }
    }
  }
  write(io.stdout, `${passed} passed, ${failed} failed\n`);
  return failed > 0 ? EXIT.errors : EXIT.ok;
}
