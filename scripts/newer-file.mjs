/**
 * The up-to-date check the build scripts share: whether a file under a folder changed after a build.
 *
 * Input: a folder, a file-name pattern and a time (ms since the epoch, a stamp's mtime). Output: the
 * path of the first matching file (node_modules skipped) modified after that time, or undefined when
 * there is none or the folder does not exist. Used by scripts/build-cli.mjs and scripts/build-lib.mjs
 * (whether to build). bin/pdl.js keeps its own copy of the walk: the launcher loads nothing but itself
 * and the bundle (test/cli/startup.test.ts).
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The path of a file under `dir` whose name matches `pattern`, modified after `since` (ms), or undefined. */
export function newerFile(dir, pattern, since) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return undefined;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name === 'node_modules') continue;
      const found = newerFile(path, pattern, since);
      if (found !== undefined) return found;
    } else if (pattern.test(entry.name) && (statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? 0) > since) {
      return path;
    }
  }
  return undefined;
}
