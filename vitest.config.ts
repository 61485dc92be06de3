/**
 * The default vitest configuration (`npm test`, `npx vitest run`): every suite but the browser tests
 * (vitest.e2e.config.ts); vitest.tz.config.ts reuses it for the date-sensitive suites.
 *
 * Timeouts: no test may fail because the machine is slow or busy (a 2-core machine shared with other
 * work runs the suite several times slower than an idle one). Vitest's 5 s default failed tests that
 * take under a second on an idle machine (600 seeded cases of test/emit/differential.test.ts, about
 * 0.9 s idle, over 5 s at a load of 14), so the default here is a minute; tests that start processes
 * set their own, from test/support/processes.ts (`timeoutFor(N)`). A test that hangs still fails.
 *
 * Workers: at least two test files at a time. Vitest's default on 2 cores is one worker (cores - 1),
 * which leaves a core idle while a test waits for a child process it started (spawnSync blocks the
 * worker) and while the main process transforms modules; files share no scratch paths (each names
 * its own under test-artifacts/ or a fresh temporary folder) and the dist/ build takes a lock.
 */
import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'policies/**/*.test.ts', 'grammar/**/*.test.ts', 'compiler/**/*.test.ts', 'runtime/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    pool: 'threads',
    maxWorkers: Math.max(2, availableParallelism() - 1),
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
