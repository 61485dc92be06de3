#!/usr/bin/env node
/**
 * `npm test`'s two steps, each with the time it took (issue 16: print the time of each phase):
 *
 * - `node test/support/npm-test.mjs build` (the `pretest` script): scripts/build-lib.mjs and
 *   scripts/build-cli.mjs at the same time (each skips its build when its outputs are newer than its
 *   inputs; a fresh clone always builds). They write different folders, and the slow part of the
 *   first is one tsc process while the second is esbuild, so together they take about the longer of
 *   the two instead of the sum.
 * - `node test/support/npm-test.mjs test [VITEST ARGS...]` (the `test` script): `tsc -p tsconfig.json
 *   --noEmit` and `vitest run VITEST ARGS` at the same time. The suite keeps about 1.8 of 2 cores busy,
 *   and the type check is one single-threaded process: run beside it, it fills the idle share instead
 *   of adding its own time before the suite. tsc needs the built packages (examples import
 *   `@pdl/runtime`), which is why it runs after the build step. vitest writes to the terminal as it
 *   goes; tsc's output (its errors) is held and printed after the suite's, so the two never interleave.
 *
 * Output: exit 0 when every process exited 0, else 1 (each failure named on stderr). No argument
 * other than the step's is read; the arguments after `test` go to vitest (`npm test -- test/cli`).
 * Paths are resolved from this file, so it runs from any directory.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const require = createRequire(import.meta.url);

/** The file of the command `name` of the installed npm package `pkg` (its package.json's `bin`). */
function binOf(pkg, name) {
  const manifest = require.resolve(`${pkg}/package.json`);
  const bin = JSON.parse(readFileSync(manifest, 'utf8')).bin;
  return join(dirname(manifest), typeof bin === 'string' ? bin : bin[name]);
}

/**
 * Runs `node SCRIPT ARGS` in the repository root; resolves to its exit code (1 when it could not
 * start or was killed) and, when `capture`, its output (else it inherits the terminal).
 */
function node(script, args, capture) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, ...args], { cwd: ROOT, stdio: capture ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
    let output = '';
    if (capture) {
      child.stdout.on('data', (chunk) => (output += chunk));
      child.stderr.on('data', (chunk) => (output += chunk));
    }
    child.on('error', (error) => resolve({ code: 1, output: `${output}${error.message}\n` }));
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

/** Runs the named processes at once; prints each one's time, then the failures; returns the exit code. */
async function together(step, runs) {
  const started = performance.now();
  const results = await Promise.all(
    runs.map(async ({ name, script, args, capture }) => {
      const began = performance.now();
      const result = await node(script, args, capture);
      return { name, ...result, seconds: (performance.now() - began) / 1000 };
    }),
  );
  for (const r of results) if (r.output !== '') process.stdout.write(r.output.endsWith('\n') ? r.output : `${r.output}\n`);
  const times = results.map((r) => `${r.name} ${r.seconds.toFixed(1)} s${r.code === 0 ? '' : ` (FAILED, exit ${r.code})`}`).join(', ');
  process.stderr.write(`npm test: ${step} in ${((performance.now() - started) / 1000).toFixed(1)} s (${times})\n`);
  return results.every((r) => r.code === 0) ? 0 : 1;
}

const [step, ...rest] = process.argv.slice(2);
if (step === 'build') {
  process.exitCode = await together('build', [
    { name: 'build:lib', script: `${ROOT}scripts/build-lib.mjs`, args: [], capture: true },
    { name: 'build:cli', script: `${ROOT}scripts/build-cli.mjs`, args: [], capture: true },
  ]);
} else if (step === 'test') {
  process.exitCode = await together('type check and suite', [
    { name: 'tsc', script: binOf('typescript', 'tsc'), args: ['-p', 'tsconfig.json', '--noEmit'], capture: true },
    { name: 'vitest', script: binOf('vitest', 'vitest'), args: ['run', ...rest], capture: false },
  ]);
} else {
  process.stderr.write('usage: node test/support/npm-test.mjs build | test [VITEST ARGS...]\n');
  process.exitCode = 2;
}
