/**
 * Test support: child processes with limits that do not depend on the machine's speed, and the `pdl`
 * command run either as a real process (bin/pdl.js) or in the test's own process (`main`).
 *
 * Input: arguments and options. Output: `{ status, stdout, stderr }` (status `null` when the process
 * was killed at its limit). Nothing here asserts.
 *
 * INVARIANT (timeouts): every child process gets PROCESS_TIMEOUT_MS, and a test (or hook) that starts
 * N processes gets `timeoutFor(N)`, which is more than N of them plus its own work: a slow or loaded
 * machine makes a test slower, never makes it fail. The limits are generous (minutes) because they
 * only matter when something hangs; vitest's 5 s default is for tests that spawn nothing.
 *
 * In-process runs (`pdlHere`) are the same code as the `pdl` command, without the start of a Node
 * process and the loading of the bundle (about a second each on a busy 2-core machine): tests of
 * what a command prints use them. Real processes (`pdl`) are for what only a process shows: the exit
 * code of bin/pdl.js, colour decided by a real pipe, standard input, the process time zone, another
 * working directory.
 */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { main } from '../../cli/main.ts';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The limit for one child process (pdl, node, tsc, npm). */
export const PROCESS_TIMEOUT_MS = 120_000;

/**
 * The timeout of a test that runs `pdlHere`: no child process, but the first such test of a file
 * imports the command's modules (the compiler, the runtime), which takes seconds on a loaded machine.
 */
export const IN_PROCESS_TIMEOUT_MS = 60_000;

/** The timeout of a test or hook that starts `processes` child processes one after the other. */
export function timeoutFor(processes: number): number {
  return Math.max(1, processes) * PROCESS_TIMEOUT_MS + 30_000;
}

export interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a child process to its end (at most PROCESS_TIMEOUT_MS), as text. */
export function run(command: string, args: readonly string[], options: Omit<SpawnSyncOptions, 'encoding' | 'timeout'> = {}): Run {
  const r = spawnSync(command, args, { ...options, encoding: 'utf8', timeout: PROCESS_TIMEOUT_MS });
  const killed = r.error !== undefined ? `\n[${r.error.message}]` : r.signal !== null ? `\n[killed by ${r.signal}]` : '';
  return { status: r.status, stdout: r.stdout ?? '', stderr: `${r.stderr ?? ''}${killed}` };
}

export interface PdlOptions {
  /** Added to the environment (which has no FORCE_COLOR or NO_COLOR unless given here). */
  readonly env?: NodeJS.ProcessEnv;
  /** The working directory (default: the repository root). */
  readonly cwd?: string;
  /** Standard input. */
  readonly input?: string;
}

/** `node bin/pdl.js ARGS` as a real process. */
export function pdl(args: readonly string[], options: PdlOptions = {}): Run {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env['FORCE_COLOR'];
  delete env['NO_COLOR'];
  return run(process.execPath, [`${ROOT}bin/pdl.js`, ...args], {
    cwd: options.cwd ?? ROOT,
    env: { ...env, ...options.env },
    ...(options.input !== undefined ? { input: options.input } : {}),
  });
}

/**
 * `pdl ARGS` in this process: `main` with captured streams that are not terminals, the repository
 * root (or `cwd`) as working directory and an environment of `env` only (so no colour unless asked for).
 */
export async function pdlHere(args: readonly string[], env: NodeJS.ProcessEnv = {}, cwd: string = ROOT): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const status = await main(['node', 'pdl', ...args], {
    stdout: { write: (s: string) => (stdout += s), isTTY: false },
    stderr: { write: (s: string) => (stderr += s), isTTY: false },
    cwd,
    env,
  });
  return { status, stdout, stderr };
}
