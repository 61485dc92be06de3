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
 *
 * Isolation: off. Each worker keeps the modules it has imported (the compiler, the runtime, ajv,
 * date-holidays) for the next test file instead of importing them again per file: on an idle 2-core
 * machine the whole suite took 98 s with isolation (70 s of it importing) and 58 s without, with the
 * same 1081 tests passing. Test files must therefore leave no global state behind: none mocks
 * modules, stubs globals or changes the process's environment; the one that fakes timers
 * (test/playground/requests.test.ts) restores them after each test.
 */
import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'policies/**/*.test.ts', 'grammar/**/*.test.ts', 'compiler/**/*.test.ts', 'runtime/**/*.test.ts'],
    // The browser tests (npm run test:e2e) and the packaging tests (npm run test:package) run in their
    // own phases of .ci/run.
    exclude: ['test/e2e/**', 'test/embedding/package.test.ts', 'node_modules/**'],
    pool: 'threads',
    isolate: false,
    maxWorkers: Math.max(2, availableParallelism() - 1),
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
