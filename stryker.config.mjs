/**
 * Mutation testing (StrykerJS with its vitest runner): `npm run mutation`, or
 * `npm run mutation -- --mutate runtime/dates.ts` for one file (extra arguments go to `stryker run`).
 * Not part of `npm test` or .ci/run: a whole run takes hours on a 2-core machine (docs/testing.md,
 * "Mutation testing", has the figures and how to read them).
 *
 * Input: the source files of compiler/ and runtime/ (`mutate` below) and the in-process suites of
 * vitest.mutation.config.ts. Output: reports/mutation/mutation.html and .json (the score, each
 * surviving mutant with its place and replacement), a clear-text table on the terminal, and
 * reports/stryker-incremental.json, which lets the next run reuse the results of mutants whose code
 * and covering tests did not change. reports/ and .stryker-tmp/ (the sandbox copies) are ignored by git.
 *
 * INVARIANT: nothing is mutated that cannot change behaviour: types-only files, barrels that only
 * re-export, and the one generated file (runtime/calendars/uk-table.ts: module-level data, which
 * test/runtime/calendar-table.test.ts regenerates and compares) are left out. Static mutants (module-level constants,
 * run once at import) are ignored by default: each needs the test environment reloaded and they are a
 * small share; `-- --ignoreStatic false` includes them.
 * INVARIANT: gentle on a shared machine: one test runner process (`concurrency: 1`; raise it with
 * `-- --concurrency 2` on a quiet machine), and the script runs at the lowest priority (`nice`).
 */
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'npm',
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts' },
  plugins: ['@stryker-mutator/vitest-runner'],
  mutate: [
    'compiler/**/*.ts',
    'runtime/**/*.ts',
    '!**/*.test.ts',
    '!**/*.d.ts',
    // Types only.
    '!compiler/ast/types.ts',
    '!compiler/elaborate/types.ts',
    '!compiler/resolve/types.ts',
    '!compiler/check/types.ts',
    '!compiler/emit/docs/view.ts',
    '!runtime/result.ts',
    // Barrels: nothing but re-exports.
    '!compiler/emit.ts',
    '!compiler/front-end.ts',
    '!runtime/index.ts',
    // Generated data (module-level constants only).
    '!runtime/calendars/uk-table.ts',
  ],
  // Vitest strips types without checking them, so the sandbox needs no `// @ts-nocheck` lines, and
  // adding them would change files that tests compare (grammar/generated/cst.d.ts).
  disableTypeChecks: false,
  coverageAnalysis: 'perTest',
  ignoreStatic: true,
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  concurrency: 1,
  timeoutMS: 10_000,
  timeoutFactor: 2,
  reporters: ['clear-text', 'progress-append-only', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  clearTextReporter: { allowColor: false, logTests: false, maxTestsToLog: 0 },
  tempDirName: '.stryker-tmp',
  // Not copied into the sandbox (beside Stryker's own defaults: node_modules, .git, reports/, the
  // sandbox folder): the sandboxes of other runs in this checkout (`--tempDirName .stryker-tmp-b`),
  // which one run deleting while another copies them broke, and the tests' scratch output.
  ignorePatterns: ['/.stryker-tmp-*', '/test-artifacts'],
  cleanTempDir: true,
};
