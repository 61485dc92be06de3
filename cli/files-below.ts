/**
 * The one folder walk of the CLI: the files below a folder whose names end with a suffix, sorted,
 * skipping `node_modules` and dot-folders, at most `maxDepth` levels deep (16 unless said). Unreadable
 * entries are skipped. With `ignoreCase`, the suffix matches in any case (`CASES.JSON`).
 * INVARIANT: each folder is entered once, however many links lead to it (by device and inode), so
 * symbolic links that form cycles cost one visit each: before, three links back to the root made the
 * walk take 3^16 steps.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readFailure, shownPath } from './output.ts';

export interface WalkOptions {
  /** How many folder levels below `dir` to enter (default 16). */
  readonly maxDepth?: number;
  /** Match the suffix in any case (default: as written). */
  readonly ignoreCase?: boolean;
}

export function filesBelow(dir: string, suffix: string, out: string[] = [], options: WalkOptions = {}): string[] {
  const maxDepth = options.maxDepth ?? 16;
  const wanted = options.ignoreCase === true ? suffix.toLowerCase() : suffix;
  const entered = new Set<string>();
  const walk = (folder: string, depth: number): void => {
    if (depth > maxDepth) return;
    try {
      const { dev, ino } = statSync(folder);
      const id = `${dev}:${ino}`;
      if (entered.has(id)) return;
      entered.add(id);
    } catch {
      return;
    }
    let entries: string[];
    try {
      entries = readdirSync(folder).sort();
    } catch {
      return;
    }
    for (const entry of entries) {
      if (entry === 'node_modules' || entry.startsWith('.')) continue;
      const path = join(folder, entry);
      let isDir = false;
      try {
        isDir = statSync(path).isDirectory();
      } catch {
        continue;
      }
      if (isDir) walk(path, depth + 1);
      else if ((options.ignoreCase === true ? entry.toLowerCase() : entry).endsWith(wanted)) out.push(path);
    }
  };
  walk(dir, 0);
  return out;
}

/**
 * The files that command-line paths name, as `pdl check` and `pdl fmt` take them: a file is itself, a
 * folder every file below it whose name ends with `suffix`. Output: absolute paths, each once, in the
 * order given; and one message per path that cannot be read or per folder with no such file
 * (`error: no .pdl files in DIR`), paths named as `shownPath` names them. `fileNamed` decides what a
 * path that is not a folder names (`pdl test`: a policy names the tests file beside it): a file, or a
 * problem's message; by default the path itself.
 */
export function filesNamed(
  args: readonly string[],
  cwd: string,
  suffix: string,
  fileNamed: (path: string, arg: string) => { file: string } | { problem: string } = (path) => ({ file: path }),
): { files: string[]; problems: string[] } {
  const files: string[] = [];
  const problems: string[] = [];
  for (const arg of args) {
    const path = resolve(cwd, arg);
    let isDir: boolean;
    try {
      isDir = statSync(path).isDirectory();
    } catch (error) {
      problems.push(`error: cannot read ${shownPath(arg, cwd)}: ${readFailure(error)}`);
      continue;
    }
    if (!isDir) {
      const named = fileNamed(path, arg);
      if ('file' in named) files.push(named.file);
      else problems.push(named.problem);
      continue;
    }
    const found = filesBelow(path, suffix);
    if (found.length === 0) problems.push(`error: no ${suffix} files in ${shownPath(arg, cwd)}`);
    files.push(...found);
  }
  return { files: [...new Set(files)], problems };
}
