/**
 * `pdl coverage POLICY`: checks the policy's coverage file (`<policy>.coverage.yaml` beside it, or
 * `--coverage FILE`) against the compiled policy, counts the coverage and renders
 * docs/coverage/<policy>.md (compiler/coverage-file/).
 *
 * Input: the policy file and options. Output, without `--check`: the rendered document (Markdown,
 * or the JSON report with `--format json`) on stdout, or written to `--out FILE`. With `--check`:
 * nothing is written; one summary line (or the JSON report) on stdout, and, when `--out FILE` is
 * given, FILE is compared with the rendering (an error when it differs). Diagnostics (code, message,
 * range in the YAML file) go to stderr with code frames. Exit code: 0 when there is no error
 * (warnings allowed), 1 when the policy or the coverage file has errors or FILE is out of date,
 * 2 when a file cannot be read or written.
 */
import { writeFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import type { CoverageDiagnostic, CoverageReport, Diagnostic } from '../compiler/index.ts';
import { hostFor, missingFolders, sourceReader } from './host.ts';
import { makeFolder } from './make-folder.ts';
import { EXIT, jsonDiagnostic, readText, shownPath, writeFailure, useColor, write, type ExitCode, type JsonDiagnostic, type OutStream } from './output.ts';

export interface CoverageOptions {
  readonly check: boolean;
  readonly format: 'md' | 'json';
  readonly out?: string;
  /** The coverage file; `<policy>.coverage.yaml` beside the policy when absent. */
  readonly coverage?: string;
  readonly color: boolean;
  readonly policies: readonly string[];
}

export interface CoverageIo {
  readonly stdout: OutStream;
  readonly stderr: OutStream;
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
}

/** The `--format json` document. */
export interface CoverageJson {
  readonly policy: string;
  readonly coverageFile: string;
  readonly counts?: CoverageReport['counts'];
  readonly statements?: readonly {
    readonly number: number;
    readonly locator: string;
    readonly encoded: boolean;
    readonly partial: boolean;
    readonly category?: string;
    readonly rules: readonly { readonly name: string; readonly inherited: boolean; readonly policy: string }[];
  }[];
  readonly diagnostics: readonly JsonDiagnostic[];
}

/** The coverage file that belongs to a policy file: `x.pdl` -> `x.coverage.yaml`. */
export function coverageFileFor(policyPath: string): string {
  return `${policyPath.replace(/\.pdl$/, '')}.coverage.yaml`;
}

export async function runCoverage(policyPath: string, options: CoverageOptions, io: CoverageIo): Promise<ExitCode> {
  const problems = missingFolders(options.policies, io.cwd);
  const coveragePath = options.coverage ?? coverageFileFor(policyPath);
  const policyText = readText(resolve(io.cwd, policyPath));
  if (!policyText.ok) problems.push(`error: cannot read ${shownPath(policyPath, io.cwd)}: ${policyText.reason}`);
  const coverageText = readText(resolve(io.cwd, coveragePath));
  if (!coverageText.ok) problems.push(`error: cannot read ${shownPath(coveragePath, io.cwd)}: ${coverageText.reason}`);
  if (problems.length > 0 || !policyText.ok || !coverageText.ok) {
    for (const p of problems) write(io.stderr, p);
    return EXIT.usage;
  }

  // The compiler is loaded only now, so that usage errors answer at once.
  const { checkCoverageText, compileToIr, formatDiagnostic, formatPercent, renderCoverageMarkdown } = await import('../compiler/index.ts');
  const color = useColor(options.color, io.stderr, io.env);
  const uri = shownPath(policyPath, io.cwd);
  const coverageUri = shownPath(coveragePath, io.cwd);
  const read = sourceReader(io.cwd, new Map([[uri, policyText.text], [coverageUri, coverageText.text]]));
  const compiled = compileToIr(policyText.text, { uri, host: hostFor(policyPath, io.cwd, options.policies) });
  if (compiled.ir === undefined) {
    for (const d of compiled.diagnostics.filter((x) => x.severity === 'error')) write(io.stderr, `${formatDiagnostic(d, { color, readSource: read })}\n`);
    write(io.stderr, `error: ${uri} has errors; its coverage cannot be checked`);
    return EXIT.errors;
  }
  const result = checkCoverageText(coverageText.text, coverageUri, compiled.ir, basename(policyPath));
  const diagnostics: CoverageDiagnostic[] = [...result.diagnostics];
  // formatDiagnostic reads only the fields both kinds share; the code is printed as it is.
  for (const d of diagnostics) write(io.stderr, `${formatDiagnostic(d as unknown as Diagnostic, { color, readSource: read })}\n`);
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  const report = result.report;

  const json = (): string => JSON.stringify(toJson(uri, coverageUri, report, diagnostics), null, 2);
  if (report === undefined || errors > 0) {
    if (options.format === 'json') write(io.stdout, json());
    write(io.stderr, `error: ${coverageUri}: ${errors} ${errors === 1 ? 'error' : 'errors'}${options.check ? '' : '; no document was written'}`);
    return EXIT.errors;
  }
  const out = options.out === undefined ? undefined : shownPath(options.out, io.cwd);
  const command = `pdl coverage ${uri} --out ${out ?? `docs/coverage/${basename(uri, '.pdl')}.md`}`;
  const markdown = renderCoverageMarkdown(report, { coverageFile: coverageUri, command });
  const c = report.counts;
  const summary = `${coverageUri}: ${c.statements} statements, ${c.encoded} of ${c.actionable} actionable encoded (${formatPercent(c.percent)}); ${warnings === 0 ? 'no warnings' : `${warnings} ${warnings === 1 ? 'warning' : 'warnings'}`}`;

  if (options.check) {
    if (options.format === 'json') write(io.stdout, json());
    else write(io.stdout, summary);
    if (options.out === undefined) return EXIT.ok;
    const current = readText(resolve(io.cwd, options.out));
    if (!current.ok) {
      write(io.stderr, `error: cannot read ${out ?? options.out}: ${current.reason}`);
      return EXIT.usage;
    }
    if (current.text !== markdown) {
      write(io.stderr, `error: ${out ?? options.out} differs from what \`${command}\` renders from ${coverageUri}; run that command`);
      return EXIT.errors;
    }
    return EXIT.ok;
  }

  const document = options.format === 'json' ? `${json()}\n` : markdown;
  if (options.out === undefined) {
    io.stdout.write(document);
    return EXIT.ok;
  }
  try {
    const target = resolve(io.cwd, options.out);
    makeFolder(dirname(target));
    writeFileSync(target, document, 'utf8');
  } catch (error) {
    write(io.stderr, `error: cannot write ${out ?? options.out}: ${writeFailure(error, io.cwd)}`);
    return EXIT.usage;
  }
  write(io.stdout, `wrote ${out ?? options.out} (${summary})`);
  return EXIT.ok;
}

function toJson(policy: string, coverageFile: string, report: CoverageReport | undefined, diagnostics: readonly CoverageDiagnostic[]): CoverageJson {
  return {
    policy,
    coverageFile,
    ...(report !== undefined
      ? {
          counts: report.counts,
          statements: report.coverage.statements.map((s, i) => ({
            number: s.number,
            locator: s.locator,
            encoded: s.rules !== undefined,
            partial: s.partial !== undefined,
            ...(s.category !== undefined ? { category: s.category } : {}),
            rules: report.rules[i] ?? [],
          })),
        }
      : {}),
    diagnostics: diagnostics.map((d) => jsonDiagnostic(d as unknown as Diagnostic)),
  };
}
