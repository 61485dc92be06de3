/**
 * `pdl simulate --baseline POLICY --reform POLICY --caseload PATH`: what would change if the reform
 * policy replaced the baseline, over a whole caseload.
 *
 * Input: two policy files, a caseload (caseload-files.ts: JSON Lines, JSON, a folder of case files,
 * or a folder of SSDA903 tables), an as-of date (default: the latest event date in the caseload),
 * `--workers N` (default: chosen from the caseload's size, simulate-workers.ts), `--json`, `--html FILE`
 * (a JSON Lines caseload is streamed, caseload-stream.ts: read a chunk at a time, except for the
 * behavioural reading, which re-times each case and reads the caseload whole), and the reading
 * (cli/simulate-reading.ts: `--reading static|behavioural`, `--practice MODEL`, `--capacity ROLE=N`,
 * `--seed S`, `--seeds N`; seeds are shared out to the workers). Output: a terminal summary
 * on stdout (or the `SimulationReport` as JSON with `--json`, with a `caseload` section), the HTML
 * report written to FILE, a progress bar on stderr when stderr is a terminal; the exit code: 0 when
 * every case was evaluated (and every SSDA903 row mapped), 1 when a policy has errors or some case
 * failed validation or some row was rejected (the report is still printed), 2 for usage errors.
 *
 * INVARIANT: the report is the same whatever `--workers` is (simulate-pool.ts).
 * INVARIANT (privacy): the output names cases only by id and origin; problems by JSON path with
 * values hidden; nothing is written anywhere but stdout, stderr and the `--html` file.
 */
import { availableParallelism } from 'node:os';
import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import pc from 'picocolors';
import { parsePlainDate, preparePolicy } from '../runtime/index.ts';
import type { CompiledPolicy, PlainDate, PolicyIR } from '../runtime/index.ts';
import { createAccumulator, DEFAULT_REVIEW_RULE, emptyPartial, finishReport, renderReportHtml } from '../simulation/index.ts';
import type { PartialReport, RuleCounts, SimulationReport } from '../simulation/index.ts';
import type { ImportIssue } from '../simulation/index.ts';
import { loadCaseload } from './caseload-files.ts';
import { jsonLinesFileSource, memorySource, streamableJsonLines, type CaseSource } from './caseload-stream.ts';
import { addJsonLines, lineNormalizer } from './caseload-fast.ts';
import { chooseWorkers } from './simulate-workers.ts';
import type { LoadedCaseload } from './caseload-files.ts';
import type { FileHost } from './file-host.ts';
import { sourceAtRevision } from './git-host.ts';
import { hostFor, missingFolders, sourceReader } from './host.ts';
import { dateRangeProblem, EXIT, alignColumns, readText, writeFailure, useColor, write, WithheldError, type ExitCode, type OutStream } from './output.ts';
import { behaviouralLines, behaviouralWorkers, intervalLines, readBehavioural, readingLines, readingUsage, runBehavioural } from './simulate-reading.ts';
import type { ReadingOptions } from './simulate-reading.ts';
import { staticReading } from '../simulation/index.ts';
import type { SyntheticOptions } from './simulate-synthetic.ts';
import { defaultPracticePath, seedList } from '../simulation/index.ts';
import type { PracticeModel } from '../simulation/index.ts';
import { existsSync } from 'node:fs';

/** The caseload as the summary and the JSON report describe it: one read from files, or a synthetic one. */
type ShownCaseload = Omit<LoadedCaseload, 'kind'> & {
  readonly kind: LoadedCaseload['kind'] | 'synthetic';
  /** A synthetic caseload's settings (the JSON report's `caseload.synthetic`). */
  readonly synthetic?: SyntheticOptions & { readonly seeds: readonly string[]; readonly practice: string | null };
};

export interface SimulateOptions {
  readonly baseline: string;
  /** Read the baseline file (and the policies it extends) as it was at this git revision. */
  readonly baselineRev?: string;
  readonly reform: string;
  /** The caseload's path; or `synthetic`, a caseload generated in the process (one of the two). */
  readonly caseload?: string;
  /** `--children N --from DATE --to DATE [--late-share X]`: a synthetic caseload (cli/simulate-synthetic.ts). */
  readonly synthetic?: SyntheticOptions;
  /** `YYYY-MM-DD`, already checked; absent: the latest event date in the caseload. */
  readonly asOf?: string;
  readonly json: boolean;
  readonly html?: string;
  /** Worker threads; absent: chosen from the caseload's size (simulate-workers.ts). */
  readonly workers?: number;
  readonly reviewRule?: string;
  readonly assumeStart: boolean;
  /** An event-per-row export to add to SSDA903 tables (needs `mapping`). */
  readonly events?: string;
  /** The mapping of an event export (`events`, or the caseload file itself). */
  readonly mapping?: string;
  readonly color: boolean;
  readonly policies: readonly string[];
  /** The reading (static: the caseload as it happened; behavioural: re-timed by `practice`), with its settings (cli/simulate-reading.ts). */
  readonly reading?: ReadingOptions;
}

export interface SimulateIo {
  readonly stdout: OutStream;
  readonly stderr: OutStream;
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
}

/**
 * The message for a `--review-rule` that names no rule of either policy (a typo would otherwise empty
 * the headline measure, reported as measurable with nothing due); undefined when one has it, or when
 * it is the default and neither has it (a policy without reviews: the report says "not measurable").
 */
function unknownReviewRule(id: string, baseline: PolicyIR, reform: PolicyIR): string | undefined {
  const ids = new Set([baseline, reform].flatMap((ir) => [...ir.rules, ...(ir.duties ?? [])].map((r) => r.id)));
  if (ids.has(id) || id === DEFAULT_REVIEW_RULE) return undefined;
  const cycles = [...new Set([baseline, reform].flatMap((ir) => ir.rules.filter((r) => r.kind === 'cycle').map((r) => r.id)))];
  return `--review-rule ${id}: neither policy has a rule \`${id}\`${cycles.length === 0 ? '' : ` (their cycles: ${cycles.map((c) => `\`${c}\``).join(', ')})`}`;
}

/** Ids listed in the terminal summary per list, and failures and issues shown (the JSON has all). */
const SHOW = 10;

/**
 * Compiles one side of the comparison. `other` is the other side's file: its folder is searched for
 * an extended policy the usual folders lack (a fallback: it never changes which file an id found there
 * names), so a reform beside nothing finds the baseline it extends wherever the command line put it
 * (docs/cli.md, "Where extended policies are found").
 */
async function compilePolicy(path: string, other: string, io: SimulateIo, options: SimulateOptions, rev?: string): Promise<{ ok: true; ir: PolicyIR; commit?: string } | { ok: false; code: ExitCode }> {
  let text: string;
  let uri: string;
  let host: FileHost;
  let commit: string | undefined;
  if (rev === undefined) {
    const read = readText(resolve(io.cwd, path));
    if (!read.ok) {
      write(io.stderr, `error: cannot read ${path}: ${read.reason}`);
      return { ok: false, code: EXIT.usage };
    }
    text = read.text;
    host = hostFor(path, io.cwd, options.policies, [dirname(resolve(io.cwd, other))]);
    uri = host.uriOf(path);
  } else {
    const at = sourceAtRevision(path, rev, io.cwd, options.policies);
    if (!at.ok) {
      write(io.stderr, `error: ${at.message}`);
      return { ok: false, code: EXIT.usage };
    }
    ({ text, uri, host, commit } = at.source);
  }
  const { compileToIr, formatDiagnostic } = await import('../compiler/index.ts');
  const compiled = compileToIr(text, { uri, host });
  if (compiled.ir === undefined) {
    const color = useColor(options.color, io.stderr, io.env);
    const readSource = sourceReader(io.cwd, new Map([[uri, text]]));
    for (const d of compiled.diagnostics.filter((x) => x.severity === 'error')) write(io.stderr, `${formatDiagnostic(d, { color, readSource })}\n`);
    write(io.stderr, `error: ${uri} has errors; nothing was simulated`);
    return { ok: false, code: EXIT.errors };
  }
  return { ok: true, ir: compiled.ir, ...(commit === undefined ? {} : { commit }) };
}

interface Progress {
  update(done: number): void;
  stop(): void;
}

async function progressBar(total: number, io: SimulateIo): Promise<Progress> {
  if (io.stderr.isTTY !== true || total < 2000) return { update: () => undefined, stop: () => undefined };
  const { SingleBar, Presets } = (await import('cli-progress')).default;
  const bar = new SingleBar(
    { stream: io.stderr as unknown as NodeJS.WritableStream, format: 'simulating [{bar}] {percentage}% | {value}/{total} cases | {duration_formatted}', hideCursor: true, clearOnComplete: true },
    Presets.shades_classic,
  );
  bar.start(total, 0);
  return { update: (done) => bar.update(done), stop: () => bar.stop() };
}

export async function runSimulate(options: SimulateOptions, io: SimulateIo): Promise<ExitCode> {
  const missing = missingFolders(options.policies, io.cwd);
  if (missing.length > 0) {
    for (const m of missing) write(io.stderr, m);
    return EXIT.usage;
  }
  if (options.workers !== undefined && (!Number.isSafeInteger(options.workers) || options.workers < 1)) {
    write(io.stderr, 'error: --workers must be a whole number, 1 or more');
    return EXIT.usage;
  }
  const reading: ReadingOptions = options.reading ?? { reading: 'static', capacity: [], seed: '1' };
  if ((options.caseload === undefined) === (options.synthetic === undefined)) {
    write(io.stderr, 'error: give either --caseload PATH or a synthetic caseload (--children N --from DATE --to DATE)');
    return EXIT.usage;
  }
  const readingProblem = readingUsage(reading, options.synthetic !== undefined);
  if (readingProblem !== undefined) {
    write(io.stderr, `error: ${readingProblem}`);
    return EXIT.usage;
  }
  const baselineIr = await compilePolicy(options.baseline, options.reform, io, options, options.baselineRev);
  if (!baselineIr.ok) return baselineIr.code;
  const reformIr = await compilePolicy(options.reform, options.baseline, io, options);
  if (!reformIr.ok) return reformIr.code;
  const reviewRuleProblem = unknownReviewRule(options.reviewRule ?? DEFAULT_REVIEW_RULE, baselineIr.ir, reformIr.ir);
  if (reviewRuleProblem !== undefined) {
    write(io.stderr, `error: ${reviewRuleProblem}`);
    return EXIT.usage;
  }
  if (options.synthetic !== undefined) return runSyntheticHere(options, options.synthetic, reading, baselineIr, reformIr.ir, io);
  const caseloadPath = options.caseload as string;
  // A JSON Lines file is streamed (read a chunk at a time, never held); other caseloads are read whole,
  // and so is every caseload of the behavioural reading (it re-times each case, seed after seed).
  const stream = reading.reading === 'behavioural' ? undefined : streamableJsonLines(caseloadPath, io.cwd, options);
  let inMemory: LoadedCaseload | undefined;
  let source: CaseSource;
  if (stream !== undefined) source = jsonLinesFileSource(stream.full, stream.name);
  else {
    const loaded = loadCaseload(caseloadPath, io.cwd, { assumeStart: options.assumeStart, ...(options.events !== undefined ? { events: options.events } : {}), ...(options.mapping !== undefined ? { mapping: options.mapping } : {}) });
    if (!loaded.ok) {
      write(io.stderr, `error: ${loaded.message}`);
      return EXIT.usage;
    }
    inMemory = loaded.caseload;
    source = memorySource(inMemory.records);
  }
  if (options.assumeStart && inMemory?.kind !== 'ssda903') {
    write(io.stderr, `error: --assume-start is for SSDA903 tables or an SSDA903 XML return (a child whose first episode is not a start); ${caseloadPath} is not one`);
    return EXIT.usage;
  }
  let asOfText = options.asOf;
  let asOfNote = '';
  if (asOfText === undefined) {
    asOfText = source.latestEventDate();
    if (asOfText === undefined) {
      write(io.stderr, 'error: the caseload has no dated event to take the as-of date from; give --as-of YYYY-MM-DD');
      return EXIT.usage;
    }
    asOfNote = ' (the latest event date in the caseload; choose another with --as-of)';
  }
  const asOf = parsePlainDate(asOfText) as PlainDate;
  const reviewRule = options.reviewRule ?? DEFAULT_REVIEW_RULE;

  const total = source.lineCount();
  const workers = chooseWorkers(total, availableParallelism(), options.workers);
  const wanted = options.workers ?? availableParallelism();
  // The behavioural reading: one seed in this thread, several shared out to workers (cli/simulate-reading.ts).
  let behavioural: SimulationReport | undefined;
  if (reading.reading === 'behavioural') {
    const records = inMemory?.records ?? [];
    const baseline = preparePolicy(baselineIr.ir, { explanations: false });
    const reform = preparePolicy(reformIr.ir, { explanations: false });
    const settings = readBehavioural(reading, io.cwd, baseline, reform);
    if (!settings.ok) {
      write(io.stderr, `error: ${settings.message}`);
      return EXIT.usage;
    }
    const progress = await progressBar(total * (reading.seeds ?? 1), io);
    try {
      behavioural = await runBehavioural(settings.settings, reading, baseline, reform, records, asOf, reviewRule, behaviouralWorkers(reading, wanted, total), (n) => progress.update(n));
    } catch (error) {
      throw new WithheldError(error);
    } finally {
      progress.stop();
    }
  }
  const progress = await progressBar(behavioural === undefined ? total : 0, io);
  let partial: PartialReport;
  try {
    if (behavioural !== undefined) partial = emptyPartial();
    else if (workers <= 1) {
      partial = simulateHere(baselineIr.ir, reformIr.ir, asOf, reviewRule, source, progress);
    } else {
      const { runPool } = await import('./simulate-pool.ts');
      const records = inMemory !== undefined ? { records: inMemory.records } : source.file !== undefined ? { file: source.file } : { source: source.open() };
      // A file: this thread reads runs of it too, so one worker fewer is started (simulate-pool.ts).
      const threads = 'file' in records ? { workers: workers - 1, here: true } : { workers };
      partial = await runPool({ baseline: baselineIr.ir, reform: reformIr.ir, asOf, reviewRule, ...records, ...threads, onProgress: (n) => progress.update(n) });
    }
  } finally {
    progress.stop();
  }
  const caseload: LoadedCaseload = inMemory ?? { kind: 'jsonl', path: caseloadPath, records: [], lines: [`${stream?.name ?? caseloadPath}: JSON Lines, ${partial.cases} ${partial.cases === 1 ? 'case' : 'cases'}`], issues: [] };
  // The reading first: a report says which reading it is before any figure.
  const report: SimulationReport = behavioural ?? { reading: staticReading(), ...finishReport(partial, baselineIr.ir, reformIr.ir, asOf, reviewRule) };
  return output(report, caseload, asOfText, asOfNote, behavioural === undefined ? workers : behaviouralWorkers(reading, wanted, total), options, baselineIr, io);
}

/** Writes the report: the HTML file, then the JSON or the terminal summary; the exit code. */
function output(report: SimulationReport, caseload: ShownCaseload, asOfText: string, asOfNote: string, workers: number, options: SimulateOptions, baselineIr: { readonly commit?: string }, io: SimulateIo): ExitCode {
  const rejected = caseload.issues.filter((i) => i.severity === 'error').length;
  const caseloadSection = {
    kind: caseload.kind,
    path: caseload.path,
    lines: caseload.lines,
    ...(caseload.ssda903 !== undefined ? { ssda903: { counts: caseload.ssda903.counts, reconciled: caseload.ssda903.reconciled, issues: caseload.issues } } : {}),
    ...(caseload.events !== undefined ? { events: { ...caseload.events, ...(caseload.ssda903 === undefined ? { issues: caseload.issues } : {}) } } : {}),
    ...(caseload.synthetic !== undefined ? { synthetic: caseload.synthetic } : {}),
  };
  if (options.html !== undefined) {
    const html = renderReportHtml(report, { caseloadLines: [...caseload.lines, ...(asOfNote === '' ? [] : [`as of ${asOfText}${asOfNote}`])] });
    try {
      writeFileSync(resolve(io.cwd, options.html), html, 'utf8');
    } catch (error) {
      write(io.stderr, `error: cannot write ${options.html}: ${writeFailure(error)}`);
      return EXIT.usage;
    }
  }
  const revision = options.baselineRev === undefined || baselineIr.commit === undefined ? undefined : { rev: options.baselineRev, commit: baselineIr.commit, file: options.baseline };
  if (options.json) {
    write(io.stdout, JSON.stringify({ ...report, caseload: caseloadSection, ...(revision === undefined ? {} : { baselineRevision: revision }) }, null, 2));
    if (options.html !== undefined) write(io.stderr, `wrote ${options.html}`);
  } else {
    const color = useColor(options.color, io.stdout, io.env);
    write(io.stdout, summary(report, caseload, asOfNote, color, workers, revision === undefined ? undefined : `${revision.file} at git revision ${revision.rev} (${revision.commit.slice(0, 12)})`));
    if (options.html !== undefined) write(io.stdout, `wrote ${options.html}`);
  }
  return report.input.failed > 0 || rejected > 0 ? EXIT.errors : EXIT.ok;
}

/**
 * A synthetic caseload generated in the process (cli/simulate-synthetic.ts), with the baseline's
 * vocabulary and its default practice model (as `pdl generate --policy BASELINE` makes it), over one
 * seed or `--seeds N`; as of `--as-of`, default the period's last day.
 */
async function runSyntheticHere(options: SimulateOptions, synthetic: SyntheticOptions, reading: ReadingOptions, baselineIr: { readonly ir: PolicyIR; readonly commit?: string }, reformIr: PolicyIR, io: SimulateIo): Promise<ExitCode> {
  const rangeProblem = dateRangeProblem(synthetic.from, synthetic.to);
  if (rangeProblem !== undefined) {
    write(io.stderr, rangeProblem);
    return EXIT.usage;
  }
  const from = parsePlainDate(synthetic.from) as PlainDate;
  const to = parsePlainDate(synthetic.to) as PlainDate;
  // The baseline's default practice model, as pdl generate uses it (not with --baseline-rev: the file beside it is today's).
  let practice: PracticeModel | undefined;
  let practicePolicy: CompiledPolicy | undefined;
  const practicePath = options.baselineRev === undefined ? defaultPracticePath(options.baseline) : undefined;
  if (practicePath !== undefined && existsSync(resolve(io.cwd, practicePath))) {
    const { readPracticeFile } = await import('./generate.ts');
    const read = readPracticeFile(practicePath, io.cwd);
    if (!read.ok) {
      write(io.stderr, `error: ${read.message}`);
      return EXIT.usage;
    }
    const { checkPracticeModel } = await import('../simulation/index.ts');
    practicePolicy = preparePolicy(baselineIr.ir, { explanations: false });
    const problems = checkPracticeModel(read.value, practicePolicy);
    if (problems.length > 0) {
      write(io.stderr, `error: ${practicePath} does not fit ${baselineIr.ir.id}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
      return EXIT.usage;
    }
    practice = read.value;
  }
  // The generator's own checks first (a vocabulary it cannot write for, a late share out of range): usage errors, as in pdl generate.
  const { createCaseGenerator } = await import('../simulation/index.ts');
  let notes: readonly string[];
  try {
    notes = createCaseGenerator({ children: 0, from, to, seed: reading.seed, ir: baselineIr.ir, ...(synthetic.lateShare !== undefined ? { lateShare: synthetic.lateShare } : {}), ...(practice !== undefined && practicePolicy !== undefined ? { practice: { model: practice, policy: practicePolicy } } : {}) }).vocabularyNotes;
  } catch (error) {
    write(io.stderr, `error: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT.usage;
  }
  const asOfText = options.asOf ?? synthetic.to;
  const asOf = parsePlainDate(asOfText) as PlainDate;
  const seeds = reading.seeds;
  const total = synthetic.children * (seeds ?? 1);
  const workers = chooseWorkers(total, availableParallelism(), options.workers);
  const { runSynthetic } = await import('./simulate-synthetic.ts');
  const progress = await progressBar(total, io);
  let report: SimulationReport;
  try {
    report = await runSynthetic({ baseline: baselineIr.ir, reform: reformIr, asOf, reviewRule: options.reviewRule ?? DEFAULT_REVIEW_RULE, synthetic, from, to, ...(practice !== undefined ? { practice } : {}), seed: reading.seed, ...(seeds !== undefined ? { seeds } : {}), workers, onProgress: (n) => progress.update(n) });
  } catch (error) {
    throw error instanceof WithheldError ? error : new WithheldError(error);
  } finally {
    progress.stop();
  }
  const n = synthetic.children;
  const caseload: ShownCaseload = {
    kind: 'synthetic',
    path: 'synthetic',
    synthetic: { ...synthetic, seeds: seedList(reading.seed, seeds ?? 1), practice: practice === undefined ? null : (practicePath ?? null) },
    records: [],
    lines: [
      `synthetic: ${num(n)} ${n === 1 ? 'child' : 'children'}, ${synthetic.from} to ${synthetic.to}, seed ${reading.seed}${seeds === undefined ? '' : ` (and ${seeds - 1} more)`}${synthetic.lateShare === undefined ? '' : `, late share ${synthetic.lateShare}`}, with ${baselineIr.ir.id}'s vocabulary (pdl generate's model)${practice === undefined ? '' : `; practice model ${practicePath ?? ''}`}${notes.map((x) => `; ${x}`).join('')}`,
    ],
    issues: [],
  };
  return output(report, caseload, asOfText, options.asOf === undefined ? ' (the last day of the generated period; choose another with --as-of)' : '', workers, options, baselineIr, io);
}

/**
 * The simulation in this thread (one worker). A streamed JSON Lines file is read a line of bytes at
 * a time, lines in `pdl generate`'s shape straight into normalised cases (cli/caseload-fast.ts).
 */
function simulateHere(baselineIr: PolicyIR, reformIr: PolicyIR, asOf: PlainDate, reviewRule: string, source: CaseSource, progress: Progress): PartialReport {
  const baseline: CompiledPolicy = preparePolicy(baselineIr, { explanations: false });
  const reform: CompiledPolicy = preparePolicy(reformIr, { explanations: false });
  const acc = createAccumulator(baseline, reform, asOf, { reviewRule });
  let i = 0;
  try {
    if (source.file !== undefined) {
      i = addJsonLines(acc, lineNormalizer(baselineIr, reformIr), source.file, undefined, (n) => {
        if (n % 1000 === 0) progress.update(n);
      });
    } else {
      const next = source.open();
      for (let record = next(); record !== undefined; record = next()) {
        acc.addRecord(record, i++);
        if (i % 1000 === 0) progress.update(i);
      }
    }
  } catch (error) {
    throw new WithheldError(error);
  }
  progress.update(i);
  return acc.partial;
}

function num(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function signed(n: number): string {
  return n > 0 ? `+${num(n)}` : n < 0 ? `-${num(-n)}` : '0';
}

function pct(share: number | null): string {
  return share === null ? 'n/a' : `${(share * 100).toFixed(1)}%`;
}

function issueLine(i: ImportIssue): string {
  return `${i.file}:${i.line}: ${i.severity}: ${i.child === undefined ? '' : `child ${i.child}: `}${i.message}`;
}

/**
 * The rules the caseload cannot measure, said before any figure: which events they need that the
 * caseload never holds (none when every rule is measurable).
 */
function measurabilityLines(report: SimulationReport, bold: (s: string) => string): string[] {
  const m = report.measurability;
  if (m.baseline.length === 0 && m.reform.length === 0) return [];
  const out = [bold('Not measurable with this caseload') + ' (an event they need never occurs in it; left out of every headline figure)'];
  const byRule = new Map<string, { kind: string; missing: readonly string[]; sides: string[] }>();
  for (const [side, list] of [['baseline', m.baseline], ['reform', m.reform]] as const) {
    for (const u of list) {
      const key = `${u.rule}\u0000${u.missingEvents.join(',')}`;
      const entry = byRule.get(key) ?? { kind: u.kind, missing: u.missingEvents, sides: [] };
      entry.sides.push(side);
      byRule.set(key, entry);
    }
  }
  const rows: string[][] = [['Rule', 'Kind', 'Policy', 'Missing events']];
  for (const [key, e] of byRule) rows.push([key.slice(0, key.indexOf('\u0000')), e.kind, e.sides.join(' and '), e.missing.join(', ')]);
  out.push(...alignColumns(rows, '  '));
  out.push('');
  return out;
}

/** The terminal summary: readable tables, the most telling numbers first. */
export function summary(report: SimulationReport, caseload: ShownCaseload, asOfNote: string, color: boolean, workers: number, baselineAt?: string): string {
  const c = pc.createColors(color);
  const out: string[] = [];
  const name = (p: SimulationReport['baseline']): string => `${p.id}${p.version === null ? '' : ` (version ${p.version})`}`;
  out.push(c.bold(`Simulation as of ${report.asOf}${asOfNote}`));
  out.push(`  baseline  ${name(report.baseline)}${baselineAt === undefined ? '' : `: ${baselineAt}`}`);
  out.push(`  reform    ${name(report.reform)}`);
  out.push('');
  out.push(...readingLines(report, c.bold));
  out.push(c.bold('Caseload'));
  for (const l of caseload.lines) out.push(`  ${l}`);
  out.push(`  ${num(report.input.cases)} cases read: ${num(report.input.evaluated)} evaluated under both policies, ${num(report.input.failed)} failed validation (${workers === 1 ? 'one thread' : `${workers} worker threads`}${report.intervals === undefined ? '' : `; each of ${report.intervals.seeds.length} seeds`})`);
  if (caseload.issues.length > 0) {
    const byMessage = new Map<string, number>();
    for (const i of caseload.issues) byMessage.set(`${i.severity}: ${i.file}: ${i.message}`, (byMessage.get(`${i.severity}: ${i.file}: ${i.message}`) ?? 0) + 1);
    out.push('  Import problems, by kind:');
    for (const [m, n] of [...byMessage].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))) out.push(`    ${num(n).padStart(6)}  ${m}`);
    out.push(`  First ${Math.min(SHOW, caseload.issues.length)} of ${num(caseload.issues.length)} (--json lists all, with file and line):`);
    for (const i of caseload.issues.slice(0, SHOW)) out.push(`    ${issueLine(i)}`);
  }
  out.push('');

  out.push(...measurabilityLines(report, c.bold));

  out.push(c.bold('Obligations and breaches by rule') + ` (breaches = met late + overdue, and a duty's missed; "n/m" = not measurable with this caseload)`);
  const cell = (x: RuleCounts | null, key: 'obligations' | 'metLate' | 'overdue' | 'breaches'): string => (x === null ? '-' : x[key] === null ? 'n/m' : num(x[key]));
  const rows: string[][] = [['Rule', 'Owner', 'Baseline: due', 'late', 'overdue', 'breaches', 'Reform: due', 'late', 'overdue', 'breaches', 'Change']];
  for (const r of report.rules) {
    const b = r.baseline?.breaches;
    const f = r.reform?.breaches;
    const change = r.baseline === null || r.reform === null ? '-' : b === null || f === null || b === undefined || f === undefined ? 'n/m' : signed(f - b);
    rows.push([
      r.rule, r.owner,
      cell(r.baseline, 'obligations'), cell(r.baseline, 'metLate'), cell(r.baseline, 'overdue'), cell(r.baseline, 'breaches'),
      cell(r.reform, 'obligations'), cell(r.reform, 'metLate'), cell(r.reform, 'overdue'), cell(r.reform, 'breaches'),
      change,
    ]);
  }
  out.push(...alignColumns(rows, '  '));
  if (report.violations.length > 0) {
    out.push('');
    out.push(c.bold('Violations'));
    out.push(...alignColumns([['Rule', 'Kind', 'Baseline', 'Reform'], ...report.violations.map((v) => [v.rule, v.kind, v.baseline === null ? 'n/m' : num(v.baseline), v.reform === null ? 'n/m' : num(v.reform)])], '  '));
  }
  out.push('');

  const rb = report.reviews.baseline;
  const rr = report.reviews.reform;
  out.push(c.bold('Reviews within timescale') + ` (\`${report.reviewRule}\` due by ${report.asOf}, met on time${rb.measurable && rr.measurable ? '' : '; n/a where the review rule is not measurable'})`);
  const delta = rb.share !== null && rr.share !== null ? `${(rr.share - rb.share) * 100 >= 0 ? '+' : ''}${((rr.share - rb.share) * 100).toFixed(1)} points` : 'n/a';
  out.push(
    ...alignColumns(
      [
        ['', 'Due', 'Within', 'Share'],
        ['baseline', num(rb.due), num(rb.withinTimescale), pct(rb.share)],
        ['reform', num(rr.due), num(rr.withinTimescale), pct(rr.share)],
        ['change', '', '', delta],
      ],
      '  ',
    ),
  );
  out.push('');

  const ch = report.children;
  out.push(c.bold('Children with an overdue obligation') + (report.measurability.baseline.length + report.measurability.reform.length > 0 ? ' (of a measurable rule)' : ''));
  out.push(`  under the baseline ${num(ch.overdueUnderBaseline)}, under the reform ${num(ch.overdueUnderReform)}`);
  const list = (label: string, ids: readonly string[]): void => {
    out.push(`  ${label}: ${num(ids.length)}${ids.length === 0 ? '' : `: ${ids.slice(0, SHOW).join(', ')}${ids.length > SHOW ? `, ... (--json lists all)` : ''}`}`);
  };
  list('newly overdue under the reform', ch.newlyOverdue);
  list('no longer overdue under the reform', ch.noLongerOverdue);
  out.push('');

  out.push(c.bold('Due items per role') + ' (obligations by owner; the weeks that change most)');
  const wrows: string[][] = [['Role', 'Baseline', 'Reform', 'Change', 'Weeks that change most (ISO week: baseline -> reform)']];
  for (const w of report.workload) {
    const top = [...w.weeks]
      .filter((x) => x.reform !== x.baseline)
      .sort((a, b) => Math.abs(b.reform - b.baseline) - Math.abs(a.reform - a.baseline) || (a.week < b.week ? -1 : 1))
      .slice(0, 3)
      .map((x) => `${x.week}: ${x.baseline} -> ${x.reform}`)
      .join('; ');
    wrows.push([w.role, num(w.baseline), num(w.reform), signed(w.reform - w.baseline), top === '' ? 'no change' : top]);
  }
  out.push(...alignColumns(wrows, '  '));
  out.push('  (every week of every role: --json or --html)');
  out.push('');
  out.push(...behaviouralLines(report, c.bold));
  out.push(...intervalLines(report, c.bold));
  while (out[out.length - 1] === '') out.pop();

  if (report.failures.length > 0) {
    out.push('');
    out.push(c.bold(`Cases not evaluated: ${num(report.input.failed)}`) + ' (they do not fit a policy; values hidden)');
    for (const f of report.failures.slice(0, SHOW)) {
      const first = f.problems[0];
      const others = f.problems.length - 1 + (f.moreProblems ?? 0);
      const more = others > 0 ? ` (+${num(others)} more)` : '';
      out.push(`  ${f.origin}${f.id === null ? '' : ` ${f.id}`}: ${first === undefined ? '' : `${first.policy}: ${first.path}: ${first.message}`}${more}`);
    }
    if (report.input.failed > SHOW) out.push(`  ... and ${num(report.input.failed - SHOW)} more (--json lists ${report.input.failedNotListed === undefined ? 'all' : `the first ${num(report.failures.length)}`})`);
  }
  return out.join('\n');
}
