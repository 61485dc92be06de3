/**
 * The simulation library's one public entry (`@pdl/compiler/simulation`): caseloads and what a rule change
 * would do to them.
 *
 * Input: nothing (a barrel). Output: the caseload sources (`caseload/`: JSON Lines and case JSON as
 * `CaseRecord`s, the SSDA903 importer, the seeded synthetic generator and its random streams),
 * the simulator (`simulate/`: a caseload evaluated under a baseline and a reform policy, the pieces
 * that let threads share the work, the report types and the HTML report) and the behavioural reading
 * (`behavioural/`: a practice model's events re-timed against each policy's due dates, within a
 * weekly capacity per role; runs repeated over seeds with intervals).
 *
 * INVARIANT: imports the runtime only from its public entry (`runtime/index.ts`), and nothing from
 * the compiler, the grammar or the CLI (test/layers/imports.test.ts checks it).
 * INVARIANT: browser-safe (the playground uses it in a web worker): no Node module here or below;
 * files are read and worker threads run by the CLI (`cli/caseload-files.ts`, `cli/simulate-pool.ts`).
 */
export * from './caseload/index.ts';
export * from './simulate/index.ts';
export * from './behavioural/index.ts';
