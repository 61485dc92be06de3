/**
 * How many worker threads `pdl simulate` uses (Node only; no import beyond this file).
 *
 * Input: the number of cases (or of lines of a streamed caseload, which is about the same), the
 * available cores, and `--workers` when the user gave it. Output: the number of threads, 1 or more.
 *
 * The rule (docs/simulation.md, "Worker threads"): when the user gives `--workers N`, N threads (at
 * most one per case); otherwise one thread per `CASES_PER_WORKER` cases, at most one per core, and
 * one thread (no worker at all) below twice that; a streamed JSON Lines file is read by this thread
 * too, so N threads start N-1 workers (simulate-pool.ts). A worker costs about half a second of CPU
 * before its first case (loading the CLI bundle, preparing both policies, its own calendar) and a
 * generated case some 15 µs (cli/caseload-fast.ts), so a second thread can pay only from about
 * 200,000 cases, each thread then having a second of work or more (measured at load 14-16 on 2 cores,
 * docs/simulation.md "Worker threads": at 10,000, 100,000 and 1,000,000 generated children two
 * threads took 25-45% more CPU than one, and no less wall time with no core free).
 * INVARIANT: the report does not depend on the number of threads (simulate-pool.ts), only the time.
 */

/** Cases each worker thread should have, at least, before a second thread is started. */
export const CASES_PER_WORKER = 100_000;

/** The number of threads for `cases` cases on `cores` cores; `forced`: what `--workers` says. */
export function chooseWorkers(cases: number, cores: number, forced?: number): number {
  if (forced !== undefined) return Math.max(1, Math.min(forced, cases));
  return Math.max(1, Math.min(cores, Math.floor(cases / CASES_PER_WORKER)));
}
