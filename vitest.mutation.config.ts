/**
 * The vitest configuration of mutation testing (`npm run mutation`, stryker.config.mjs): the fast,
 * in-process suites that exercise compiler/ and runtime/, and nothing that starts a process.
 *
 * Input: the test files below. Output: what vitest reports to Stryker's vitest runner, which runs each
 * mutant against the tests that cover it (coverage per test), one file at a time in one thread. New
 * tests written to kill mutants are named `*.mutation.test.ts` (anywhere under test/; `npm test` runs
 * them too). When the set held 940 tests, Stryker's first run with coverage (861 of them, those related
 * to three mutated files) took 1 min 41 s on a loaded 2-core machine, and each mutant then took seconds
 * to minutes, which is why docs/testing.md runs areas against their own tests first.
 *
 * INVARIANT: no suite here starts a child process, builds dist/ or opens a browser. Left out, because a
 * mutant of compiler/ or runtime/ can only be killed by code running in the test's own process:
 * - the browser tests (test/e2e/), the packed package and embedding tests (test/embedding/), the
 *   emitted-module tests (test/emit/differential, safety, typescript: they build dist/ and load the
 *   emitted module against the built runtime, or run tsc), test/compiler/calendars.test.ts (it builds
 *   dist/ and runs bin/pdl.js);
 * - the CLI suites (test/cli/ but coverage.test.ts, test/simulate/cli.test.ts, test/docs/commands.test.ts) and
 *   test/repository/ (they run bin/pdl.js, npm or git), test/analysis/conformance.test.ts (bin/pdl.js);
 * - the playground's suites (test/playground/: their code is not mutated, and the compiler paths they
 *   reach are the ones the compiler suites test) and test/layers/ (it reads import statements, not
 *   behaviour).
 * test/cli/coverage.test.ts is in: it runs `pdl coverage` through `main` in its own process
 * (test/support/processes.ts, `pdlHere`), never bin/pdl.js, and it is the one suite of
 * compiler/coverage-file/.
 * Stryker's runner sets the pool (threads, one worker) and bail itself; isolation stays off as in
 * vitest.config.ts (the suites leave no global state behind), so a worker keeps its imports.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'test/runtime/**/*.test.ts',
      'test/compiler/**/*.test.ts',
      'test/grammar/**/*.test.ts',
      'test/reference/**/*.test.ts',
      'test/policies/**/*.test.ts',
      'test/caseload/**/*.test.ts',
      'test/simulate/simulate.test.ts',
      'test/emit/docs.test.ts',
      'test/docs/language-doc.test.ts',
      'test/cli/coverage.test.ts',
      'test/**/*.mutation.test.ts',
    ],
    exclude: ['test/compiler/calendars.test.ts', 'node_modules/**'],
    pool: 'threads',
    isolate: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
