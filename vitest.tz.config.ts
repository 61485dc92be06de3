/**
 * The time-zone passes of CI (.ci/run runs this configuration under TZ=Pacific/Kiritimati, UTC+14,
 * and TZ=America/Anchorage, UTC-9/-8): the date-sensitive suites only, listed here and nowhere else.
 *
 * Input: the default configuration (vitest.config.ts) and DATE_SENSITIVE. Output: a vitest
 * configuration that runs exactly the files DATE_SENSITIVE matches.
 *
 * A suite is date-sensitive when, in the test's own process, it turns calendar dates into values or
 * values into dates: the runtime (dates, calendars, evaluation and everything that reports a due
 * date), the policies' own tests, the emitted modules and the compiled example (which evaluate), the
 * compiler's golden IR (date literals), the SSDA903 importer and the caseload generator (DD/MM/YYYY,
 * periods), the simulation's weekly counts, conformance over ranges of start dates, the CLI's
 * evaluate output, and the playground's evaluation, rows, samples and holiday subset. A bug that
 * reads a date in local time (`new Date(y, m, d)`, `getDate()`) shows in these under a far time zone.
 *
 * Left out, because a time zone cannot change what they check: the grammar, the formatter, the
 * checker's diagnostics, the docs checks, the CLI's usage, check and test commands, the playground's
 * editor plumbing, and the self-containment check. Left out although it handles dates, because it
 * already runs its child processes under a far time zone itself and its in-process cases are the
 * simulation's, which test/simulate/simulate.test.ts covers: test/simulate/cli.test.ts. Left out as
 * slow and not about dates: test/embedding/package.test.ts (npm pack, tsc) and
 * test/cli/compile.test.ts (its emitted module's answers are checked by
 * test/embedding/compiled.test.ts and test/emit/, which are in).
 */
import { defineConfig } from 'vitest/config';
import base from './vitest.config.ts';

export const DATE_SENSITIVE: readonly string[] = [
  'test/runtime/**/*.test.ts',
  'test/reference/**/*.test.ts',
  'policies/**/*.test.ts',
  'test/policies/**/*.test.ts',
  'test/compiler/golden.test.ts',
  'test/compiler/policy-tests-runner.test.ts',
  'test/emit/**/*.test.ts',
  'test/embedding/compiled.test.ts',
  'test/embedding/service.test.ts',
  'test/caseload/**/*.test.ts',
  'test/simulate/simulate.test.ts',
  'test/simulate/duty.test.ts',
  'test/simulate/order.test.ts',
  'test/analysis/**/*.test.ts',
  'test/cli/evaluate.test.ts',
  'test/cli/evaluate-issue3.test.ts',
  'test/cli/evaluate-duty.test.ts',
  'test/compiler/policy-tests-duty.test.ts',
  'test/playground/engine.test.ts',
  'test/playground/samples.test.ts',
  'test/playground/simulation.test.ts',
  'test/playground/case-and-share.test.ts',
  'test/playground/rows.test.ts',
  'test/playground/duty-timeline.test.ts',
  'test/playground/order.test.ts',
  'test/playground/holidays-subset.test.ts',
  'test/playground/editor-logic.test.ts',
];

// Spread, not mergeConfig: that would append this list to the default one instead of replacing it.
export default defineConfig({
  ...base,
  test: { ...base.test, include: [...DATE_SENSITIVE] },
});
