#!/usr/bin/env node
/**
 * The `pdl` executable. Input: command-line arguments. Output: whatever the command writes, and its
 * exit code (0 ok, 1 errors found, 2 usage, 3 internal error; see docs/cli.md).
 *
 * Plain JavaScript so that it runs without a build: it registers tsx (TypeScript loader) and imports
 * the CLI's TypeScript entry. Paths are resolved from this file, so it works from any directory.
 */
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });

// `pdl ... | head` closes the pipe early: stop quietly instead of crashing with EPIPE.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error && error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

const { main } = await import('../compiler/cli/main.ts');
process.exitCode = await main(process.argv);
