#!/usr/bin/env node
/**
 * The `pdl` executable of the `@pdl/cli` package. Input: command-line arguments. Output: whatever the
 * command writes, and its exit code (0 ok, 1 errors found, 2 usage, 3 internal error; see docs/cli.md).
 *
 * Installed, it runs the bundled CLI beside it, dist/cli/pdl.mjs (built by scripts/build-cli.mjs and
 * shipped in the package: nothing is built at install time). Inside the PDL repository, where npm
 * workspaces link this package as node_modules/@pdl/cli and `npx pdl` finds this file, it hands over
 * to the repository's own bin/pdl.js instead, which runs the TypeScript sources when they are newer
 * than the bundle: so `npx pdl` never runs a stale build there. "Inside the repository" means this
 * file's real path is <root>/packages/cli/bin/pdl.js beside <root>/bin/pdl.js and <root>/cli/main.ts.
 */
import { existsSync, realpathSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const packageDir = dirname(dirname(realpathSync(fileURLToPath(import.meta.url))));
const repository = dirname(dirname(packageDir));
const inRepository =
  basename(dirname(packageDir)) === 'packages' && existsSync(join(repository, 'bin', 'pdl.js')) && existsSync(join(repository, 'cli', 'main.ts'));

if (inRepository) {
  await import(pathToFileURL(join(repository, 'bin', 'pdl.js')).href);
} else {
  // `pdl ... | head` closes the pipe early: stop quietly instead of crashing with EPIPE.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error) => {
      if (error && error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw error;
    });
  }
  const { main } = await import(pathToFileURL(join(packageDir, 'dist', 'cli', 'pdl.mjs')).href);
  process.exitCode = await main(process.argv);
}
