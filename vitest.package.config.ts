/**
 * The packaging tests' vitest configuration (`npm run test:package`): test/embedding/package.test.ts,
 * which the default configuration excludes. It packs @pdl/runtime, installs the tarball into a
 * scratch project and runs and type-checks compiled modules there (npm, node and tsc processes: about
 * 30 s of the 2-core machine). `.ci/run` runs it as its own phase after `npm test`, as it runs the
 * browser tests, so that `npm test` stays within its time (docs/testing.md).
 */
import { defineConfig } from 'vitest/config';
import base from './vitest.config.ts';

export default defineConfig({
  ...base,
  test: { ...base.test, include: ['test/embedding/package.test.ts'], exclude: ['node_modules/**'] },
});
