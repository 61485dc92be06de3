/**
 * `pdl conformance POLICY`: reports every way a local policy allows a later date than the statutory
 * baseline (compiler/analysis/conformance.ts), each with a concrete counterexample.
 *
 * Input: the policy file, the baseline id (default `england.statutory_reviews`, found like an
 * extended policy) and the range of start dates. Output: a line per compared rule and probe (or one
 * JSON document with `--json`); exit 1 when a laxer rule is found, 0 otherwise, 2 for usage errors.
 */
import { resolve } from 'node:path';
import pc from 'picocolors';
import { checkConformance, compile, formatDiagnostic } from '../compiler/index.ts';
import { parsePlainDate } from '../runtime/index.ts';
import { hostFor, missingFolders, sourceReader } from './host.ts';
import { dateRangeProblem, EXIT, readText, shownPath, useColor, write, type ExitCode, type OutStream } from './output.ts';

export interface ConformanceOptions {
  readonly baseline: string;
  readonly from: string;
  readonly to: string;
  readonly json: boolean;
  readonly color: boolean;
  readonly policies: readonly string[];
}

export interface ConformanceIo {
  readonly stdout: OutStream;
  readonly stderr: OutStream;
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
}

export async function runConformance(policyPath: string, options: ConformanceOptions, io: ConformanceIo): Promise<ExitCode> {
  const color = useColor(options.color, io.stdout, io.env);
  const c = pc.createColors(color);
  const problems = missingFolders(options.policies, io.cwd);
  const rangeProblem = dateRangeProblem(options.from, options.to);
  if (rangeProblem !== undefined) problems.push(rangeProblem);
  const path = resolve(io.cwd, policyPath);
  const text = readText(path);
  if (!text.ok) problems.push(`error: cannot read ${shownPath(policyPath, io.cwd)}: ${text.reason}`);
  const from = parsePlainDate(options.from);
  const to = parsePlainDate(options.to);
  if (problems.length > 0 || !text.ok || from === undefined || to === undefined) {
    for (const p of problems) write(io.stderr, p);
    return EXIT.usage;
  }
  const uri = shownPath(path, io.cwd);
  const host = hostFor(path, io.cwd, options.policies);
  const local = compile(text.text, { uri, host, explanations: false });
  const baselineSource = host.findPolicy(options.baseline, uri);
  if (baselineSource === undefined) {
    write(io.stderr, `error: cannot find the baseline policy \`${options.baseline}\` (use --policies DIR)\n`);
    return EXIT.usage;
  }
  const baseline = compile(baselineSource.text, { uri: baselineSource.uri, host, explanations: false });
  for (const [compiled, name, source] of [
    [local, uri, text.text],
    [baseline, baselineSource.uri, baselineSource.text],
  ] as const) {
    if (compiled.policy === undefined) {
      const read = sourceReader(io.cwd, new Map([[name, source]]));
      for (const d of compiled.diagnostics.filter((x) => x.severity === 'error')) write(io.stderr, `${formatDiagnostic(d, { color, readSource: read })}\n`);
      write(io.stderr, `error: ${name} does not compile\n`);
      return EXIT.errors;
    }
  }
  const report = checkConformance(local.policy!, baseline.policy!, from, to);
  const laxer = report.findings.filter((f) => f.kind === 'laxer');
  if (options.json) {
    write(io.stdout, `${JSON.stringify({ ...report, laxer: laxer.length }, null, 2)}\n`);
  } else {
    write(io.stdout, `${c.bold(report.policy)} against ${report.baseline}, start dates ${report.from} to ${report.to}\n`);
    for (const f of report.findings) {
      const tag = f.kind === 'laxer' ? c.red('laxer   ') : f.kind === 'stricter' ? c.green('stricter') : c.green('same    ');
      write(io.stdout, `  ${tag} ${f.message}\n`);
    }
    if (report.findings.length === 0) write(io.stdout, '  no rule of this policy corresponds to a rule of the baseline\n');
    if (report.uncompared.length > 0) write(io.stdout, `  not compared (no statutory counterpart): ${report.uncompared.join(', ')}\n`);
    write(io.stdout, `${laxer.length} laxer finding${laxer.length === 1 ? '' : 's'}\n`);
  }
  return laxer.length > 0 ? EXIT.errors : EXIT.ok;
}
