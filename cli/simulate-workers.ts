/**
 * How many worker threads `pdl simulate` uses (Node only; no import beyond this file).
 *
 * Input: the number of cases (or of lines of a streamed caseload, which is about the same), the
 * available cores, and `--workers` when the user gave it. Output: the number of threads, 1 or more.
 *
 * The rule (docs/simulation.md, "Worker threads"): when the user gives `--workers N`, N threads (at
 * most one per case); otherwise one thread per `CASES_PER_WORKER` cases, at most one per core, and
 * one thread (no worker at all) below twice that; a streamed JSON Lines file is read by this thread
 * too, so N threads start N-1 workers (simulate-pool.ts). A worker costs about a second of CPU
 * before its first case (loading the CLI bundle, preparing both policies with their validators, its
 * own calendar of bank holidays) and a case some 18 µs, so a second thread pays from about 200,000
 * cases (measured on a busy 2-core machine at 100,000 generated children: one thread 2.6 s of CPU,
 * two threads 3.7 s and more wall time; at 1,000,000 two threads halve the work of each).
 * INVARIANT: the report does not depend on the number of threads (simulate-pool.ts), only the time.
 */

/** Cases each worker thread should have, at least, before a second thread is started. */
export const CASES_PER_WORKER = 100_000;

/** The number of threads for `cases` cases on `cores` cores; `forced`: what `--workers` says. */
export function chooseWorkers(cases: number, cores: number, forced?: number): number {
  if (forced !== undefined) return Math.max(1, Math.min(forced, cases));
  return Math.max(1, Math.min(cores, Math.floor(cases / CASES_PER_WORKER)));
}
