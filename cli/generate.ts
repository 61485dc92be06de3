/**
 * `pdl generate`: a synthetic caseload as JSON Lines (simulation/caseload/generate.ts).
 *
 * Input: `--children N --from DATE --to DATE --seed S --out FILE`, optionally `--late-share X` (0..1)
 * and `--policy FILE` (whose vocabulary the cases must fit; default the statutory baseline,
 * policies/england/statutory-reviews.pdl), and `--practice MODEL` (a practice model: the local
 * events practice produces, answering the policy's obligations; default: the policy's own default
 * model, `X.practice.yaml` beside `X.pdl`, when there is one; `--practice none`: no model), and
 * `--workers N` (threads generating, this one included: cli/generate-pool.ts; default one per 100,000
 * children, at most one per core). Output: FILE (`-`: stdout), one case per line; a line on
 * stdout (stderr when the cases go to stdout) saying how many cases and events were written and
 * which event kinds the policy's vocabulary left out. Exit 0; 1 when the policy has errors; 2 for
 * usage errors (bad numbers or dates, a file that cannot be read or written, a vocabulary the
 * generator cannot write for); 3 if a generated case checked does not validate (a bug; the first of
 * each batch of 2,000 is checked, the generator's cases fit the policy by construction).
 *
 * INVARIANT: the same arguments give a byte-identical file (no clock, no time zone, no platform
 * dependence, whatever the number of threads); the bytes are those of `JSON.stringify` of each case
 * (simulation/caseload/json-bytes.ts).
 * INVARIANT: the data is fictitious (ids `SYN-000001`...).
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { parsePlainDate, preparePolicy } from '../runtime/index.ts';
import type { PlainDate, PolicyIR } from '../runtime/index.ts';
import { existsSync } from 'node:fs';
import { checkPracticeModel, createCaseGenerator, defaultPracticePath, readPracticeModel } from '../simulation/index.ts';
import type { CaseGenerator, PracticeModel } from '../simulation/index.ts';
import { createBatcher, generateBatches, generateThreads, type GenerateWorkerData } from './generate-pool.ts';
import { hostFor, missingFolders, sourceReader } from './host.ts';
import { readSettingsFile } from './settings-file.ts';
import { dateRangeProblem, EXIT, PACKAGE_ROOT, readText, writeFailure, useColor, write, type ExitCode, type OutStream } from './output.ts';

export interface GenerateCliOptions {
  readonly children: number;
  /** `YYYY-MM-DD`, already checked. */
  readonly from: string;
  readonly to: string;
  readonly seed: string;
  readonly out: string;
  readonly lateShare?: number;
  /** The policy file; absent: the statutory baseline of this repository. */
  readonly policy?: string;
  /** A practice model (YAML or JSON): the local events practice produces (simulation/caseload/practice.ts). */
  readonly practice?: string;
  readonly color: boolean;
  readonly policies: readonly string[];
  /** Threads generating (this one included); absent: one per 100,000 children, at most one per core (generate-pool.ts), one when writing to stdout. */
  readonly workers?: number;
}

export interface GenerateIo {
  readonly stdout: OutStream;
  readonly stderr: OutStream;
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
}

/** The statutory baseline, from the package's root. */
export const STATUTORY_POLICY = fileURLToPath(new URL('policies/england/statutory-reviews.pdl', PACKAGE_ROOT));

/** Reads and checks a practice model file (YAML or JSON). */
export function readPracticeFile(path: string, cwd: string): { ok: true; value: PracticeModel } | { ok: false; message: string } {
  return readSettingsFile(path, cwd, 'practice model', (v) => {
    const m = readPracticeModel(v);
    return m.ok ? { ok: true, value: m.model } : m;
  });
}

/** Writes every byte (`writeSync` may write fewer than asked). */
function writeAll(fd: number, bytes: Buffer): void {
  for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at);
}

export async function runGenerate(options: GenerateCliOptions, io: GenerateIo): Promise<ExitCode> {
  const missing = missingFolders(options.policies, io.cwd);
  if (missing.length > 0) {
    for (const m of missing) write(io.stderr, m);
    return EXIT.usage;
  }
  const rangeProblem = dateRangeProblem(options.from, options.to);
  if (rangeProblem !== undefined) {
    write(io.stderr, rangeProblem);
    return EXIT.usage;
  }
  const from = parsePlainDate(options.from) as PlainDate;
  const to = parsePlainDate(options.to) as PlainDate;
  const policyPath = options.policy ?? STATUTORY_POLICY;
  const text = readText(resolve(io.cwd, policyPath));
  if (!text.ok) {
    write(io.stderr, `error: cannot read ${options.policy ?? policyPath}: ${text.reason}${options.policy === undefined ? ' (give --policy FILE)' : ''}`);
    return EXIT.usage;
  }
  const { compileToIr, formatDiagnostic } = await import('../compiler/index.ts');
  const host = hostFor(policyPath, io.cwd, options.policies);
  const uri = host.uriOf(policyPath);
  const compiled = compileToIr(text.text, { uri, host });
  if (compiled.ir === undefined) {
    const color = useColor(options.color, io.stderr, io.env);
    const readSource = sourceReader(io.cwd, new Map([[uri, text.text]]));
    for (const d of compiled.diagnostics.filter((x) => x.severity === 'error')) write(io.stderr, `${formatDiagnostic(d, { color, readSource })}\n`);
    write(io.stderr, `error: ${uri} has errors; nothing was generated`);
    return EXIT.errors;
  }
  const ir: PolicyIR = compiled.ir;
  const policy = preparePolicy(ir, { explanations: false });
  let practice: PracticeModel | undefined;
  // The policy's default model (X.practice.yaml beside X.pdl) unless one is given or `none`.
  const fallback = defaultPracticePath(policyPath);
  const practicePath = options.practice ?? (fallback !== undefined && existsSync(resolve(io.cwd, fallback)) ? fallback : undefined);
  if (practicePath !== undefined && practicePath !== 'none') {
    const read = readPracticeFile(practicePath, io.cwd);
    if (!read.ok) {
      write(io.stderr, `error: ${read.message}`);
      return EXIT.usage;
    }
    const problems = checkPracticeModel(read.value, policy);
    if (problems.length > 0) {
      write(io.stderr, `error: ${practicePath} does not fit ${ir.id}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
      return EXIT.usage;
    }
    practice = read.value;
  }
  let generator: CaseGenerator;
  try {
    generator = createCaseGenerator({
      children: options.children,
      from,
      to,
      seed: options.seed,
      ir,
      ...(options.lateShare !== undefined ? { lateShare: options.lateShare } : {}),
      ...(practice !== undefined ? { practice: { model: practice, policy } } : {}),
    });
  } catch (error) {
    write(io.stderr, `error: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT.usage;
  }

  const toStdout = options.out === '-';
  let fd: number | undefined;
  if (!toStdout) {
    try {
      fd = openSync(resolve(io.cwd, options.out), 'w');
    } catch (error) {
      write(io.stderr, `error: cannot write ${options.out}: ${writeFailure(error)}`);
      return EXIT.usage;
    }
  }
  // Batches of children, generated on as many threads as pay (generate-pool.ts), written in order.
  const data: GenerateWorkerData = {
    kind: 'generate',
    ir,
    children: options.children,
    from,
    to,
    seed: options.seed,
    ...(options.lateShare !== undefined ? { lateShare: options.lateShare } : {}),
    ...(practice !== undefined ? { practice } : {}),
  };
  const threads = options.workers ?? (toStdout ? 1 : generateThreads(options.children, availableParallelism()));
  let events: number;
  try {
    events = await generateBatches(createBatcher(generator, policy), data, threads, (bytes) => {
      if (fd !== undefined) writeAll(fd, bytes);
      else io.stdout.write(bytes.toString('utf8'));
    });
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  const notes = [...(practice !== undefined && practicePath !== undefined ? [`practice model ${practicePath}${options.practice === undefined ? ' (the policy\'s default; --practice none for none)' : ''}`] : []), ...generator.vocabularyNotes]
    .map((n) => `; ${n}`)
    .join('');
  write(
    toStdout ? io.stderr : io.stdout,
    `wrote ${options.children} synthetic cases (${events} events, ${options.from} to ${options.to}, seed ${options.seed}) for ${ir.id}${toStdout ? '' : ` to ${options.out}`}${notes}`,
  );
  return EXIT.ok;
}
