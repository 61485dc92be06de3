/**
 * How many worker threads `pdl simulate` uses (Node only; no import beyond this file).
 *
 * Input: the number of cases (or of lines of a streamed caseload, which is about the same), the
 * available cores, and `--workers` when the user gave it. Output: the number of threads, 1 or more.
 *
 * The rule (docs/simulation.md, "Worker threads"): when the user gives `--workers N`, N threads (at
 * most one per case); otherwise one thread per `CASES_PER_WORKER` cases, at most one per core, and
 * one thread (no worker at all) below twice that; a streamed JSON Lines file is read by this thread
 * too, so N threads start N-1 workers (simulate-pool.ts). A worker costs a start-up (loading the CLI bundle,
 * preparing both policies: a few hundred milliseconds, more on a busy machine) and the main thread
 * still reads and hands out the records; a case costs some tens of microseconds, so below about
 * 100,000 cases the extra threads cost more than they save (measured: at 10,000 children two workers
 * took 4.7 s where one took 3.1 s).
 * INVARIANT: the report does not depend on the number of threads (simulate-pool.ts), only the time.
 */

/** Cases each worker thread should have, at least, before a second thread is started. */
export const CASES_PER_WORKER = 50_000;

/** The number of threads for `cases` cases on `cores` cores; `forced`: what `--workers` says. */
export function chooseWorkers(cases: number, cores: number, forced?: number): number {
  if (forced !== undefined) return Math.max(1, Math.min(forced, cases));
  return Math.max(1, Math.min(cores, Math.floor(cases / CASES_PER_WORKER)));
}
