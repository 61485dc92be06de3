#!/usr/bin/env node
/**
 * Builds the long fuzz campaign (`npm run fuzz`) as plain JavaScript, so that it runs on `node`
 * alone instead of under tsx: tsx compiles every source with esbuild's `keepNames`, which wraps each
 * inline function the parser creates per rule call in `__name(...)` (an `Object.defineProperty` per
 * call) and about doubles the time of a parse. The campaign's figures (inputs per second, the slowest
 * input) are then those of the code as its users run it: the CLI bundle and the packages are built
 * without keepNames's per-call wrappers too.
 *
 * Input: scripts/fuzz.ts and everything it imports (test/fuzz/, compiler/, runtime/, grammar/,
 * simulation/), node_modules. Output: test-artifacts/fuzz-bundle/fuzz.mjs (the campaign; npm
 * packages stay imports, resolved from node_modules) and test-artifacts/fuzz-bundle/runtime.mjs
 * (runtime/index.ts, which the emitted modules the campaign loads import instead of `@pdl/runtime`).
 * test-artifacts/ is gitignored. Run by `npm run fuzz`; arguments are the campaign's, not this file's.
 * INVARIANT: the bundle sits two folders below the repository root, as test/fuzz/harness.ts does, so
 * that the harness's root (two folders up from the module's own URL) is the same in both.
 */
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = join(root, 'test-artifacts', 'fuzz-bundle');
const common = { bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', keepNames: false, sourcemap: 'linked', logLevel: 'warning' };
await build({ ...common, entryPoints: [join(root, 'scripts/fuzz.ts')], outfile: join(out, 'fuzz.mjs') });
await build({ ...common, entryPoints: [join(root, 'runtime/index.ts')], outfile: join(out, 'runtime.mjs') });
