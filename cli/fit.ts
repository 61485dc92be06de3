/**
 * `pdl fit --policy POLICY --caseload PATH`: a practice model read off a caseload
 * (simulation/caseload/practice.ts, `fitPractice`): for each rule met by one event type, the share
 * of its obligations with a known outcome that were answered and the days from the due date to the
 * event that answered it; and for each boolean, enum or role fact, the shares of its values.
 *
 * Input: the policy file, a caseload (as `pdl simulate` reads them: cli/caseload-files.ts), the
 * as-of date (default: the latest event date in the caseload), `--out FILE`. Output: the model as
 * YAML on stdout or in FILE (usable by `pdl generate --practice`), and on stderr a line per rule:
 * obligations counted and answered. Exit 0; 1 when the policy has errors or some case does not fit
 * it (the model is still written); 2 for usage errors.
 *
 * INVARIANT (privacy): the model holds counts, day offsets and the policy's own words (values of
 * boolean, enum and role facts) only, never a case's id, dates or text.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parsePlainDate, preparePolicy } from '../runtime/index.ts';
import type { PlainDate } from '../runtime/index.ts';
import { fitPractice, GENERATED_EVENT_TYPES } from '../simulation/index.ts';
import { latestEventDate, loadCaseload } from './caseload-files.ts';
import { hostFor, missingFolders, sourceReader } from './host.ts';
import { EXIT, readText, useColor, write, writeFailure, type ExitCode, type OutStream } from './output.ts';

export interface FitOptions {
  readonly policy: string;
  readonly caseload: string;
  readonly asOf?: string;
  readonly out?: string;
  readonly color: boolean;
  readonly policies: readonly string[];
}

export async function runFit(options: FitOptions, io: { readonly stdout: OutStream; readonly stderr: OutStream; readonly cwd: string; readonly env: NodeJS.ProcessEnv }): Promise<ExitCode> {
  const missing = missingFolders(options.policies, io.cwd);
  if (missing.length > 0) {
    for (const m of missing) write(io.stderr, m);
    return EXIT.usage;
  }
  const text = readText(resolve(io.cwd, options.policy));
  if (!text.ok) {
    write(io.stderr, `error: cannot read ${options.policy}: ${text.reason}`);
    return EXIT.usage;
  }
  const { compileToIr, formatDiagnostic } = await import('../compiler/index.ts');
  const host = hostFor(options.policy, io.cwd, options.policies);
  const uri = host.uriOf(options.policy);
  const compiled = compileToIr(text.text, { uri, host });
  if (compiled.ir === undefined) {
    const readSource = sourceReader(io.cwd, new Map([[uri, text.text]]));
    for (const d of compiled.diagnostics.filter((x) => x.severity === 'error')) write(io.stderr, `${formatDiagnostic(d, { color: useColor(options.color, io.stderr, io.env), readSource })}\n`);
    write(io.stderr, `error: ${uri} has errors; nothing was fitted`);
    return EXIT.errors;
  }
  const loaded = loadCaseload(options.caseload, io.cwd);
  if (!loaded.ok) {
    write(io.stderr, `error: ${loaded.message}`);
    return EXIT.usage;
  }
  const asOfText = options.asOf ?? latestEventDate(loaded.caseload.records);
  if (asOfText === undefined) {
    write(io.stderr, 'error: the caseload has no dated event to take the as-of date from; give --as-of YYYY-MM-DD');
    return EXIT.usage;
  }
  const asOf = parsePlainDate(asOfText) as PlainDate;
  const policy = preparePolicy(compiled.ir, { explanations: false });
  const values = loaded.caseload.records.map((r): unknown => {
    if (r.kind === 'value') return r.value;
    try {
      return JSON.parse(r.text) as unknown;
    } catch {
      return undefined;
    }
  });
  const fitted = fitPractice(values, policy, asOf);
  // The events the synthetic generator makes itself are left out: a model that made them too would
  // double them.
  const generated = new Set(GENERATED_EVENT_TYPES);
  const kept = fitted.model.events.filter((e) => !generated.has(e.event));
  const left = [...new Set(fitted.model.events.filter((e) => generated.has(e.event)).map((e) => e.event))];
  const facts = Object.entries(fitted.model.facts ?? {});
  const factsYaml = facts.length === 0 ? '' : `facts:\n${facts.map(([name, f]) => `  ${name}:\n    values: ${JSON.stringify(f.values)}\n    assumption: ${JSON.stringify(f.assumption)}`).join('\n')}\n`;
  const yaml = `${factsYaml}events:\n${kept.map((e) => [`  - event: ${e.event}`, `    answers: ${e.answers ?? ''}`, `    share: ${e.share}`, `    offset: ${JSON.stringify(e.offset)}`, `    assumption: ${JSON.stringify(e.assumption)}`].join('\n')).join('\n')}${kept.length === 0 ? ' []' : ''}\n`;
  const header =
    `# Practice model fitted by pdl fit from ${loaded.caseload.records.length} cases (${fitted.invalid} did not fit ${compiled.ir.id}), as of ${asOfText}.\n` +
    `# Offsets are days from each obligation's due date to the event that answered it; attributes are not fitted.\n` +
    (left.length === 0 ? '' : `# Left out, as the synthetic generator makes them: ${left.join(', ')}.\n`);
  if (options.out !== undefined) {
    try {
      writeFileSync(resolve(io.cwd, options.out), header + yaml, 'utf8');
    } catch (error) {
      write(io.stderr, `error: cannot write ${options.out}: ${writeFailure(error)}`);
      return EXIT.usage;
    }
  } else io.stdout.write(header + yaml);
  for (const s of fitted.seen) write(io.stderr, `${s.rule}: ${s.met} of ${s.known} obligations with a known outcome answered by ${s.event}`);
  if (options.out !== undefined) write(io.stderr, `wrote ${options.out}`);
  return fitted.invalid > 0 ? EXIT.errors : EXIT.ok;
}
