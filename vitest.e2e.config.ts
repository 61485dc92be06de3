/**
 * The browser tests' vitest configuration (`npm run test:e2e`): `test/e2e/**`, which the default
 * configuration excludes. One file at a time in one process. The global setup
 * (`test/e2e/global-setup.ts`) builds the playground once per run; each file serves that build on a
 * loopback port and drives one headless Chromium.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    globalSetup: ['test/e2e/global-setup.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 240_000,
  },
});
