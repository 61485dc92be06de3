/**
 * The one folder walk of the CLI: the files below a folder whose names end with a suffix, sorted,
 * skipping `node_modules` and dot-folders, at most `maxDepth` levels deep (16 unless said). Unreadable
 * entries are skipped. With `ignoreCase`, the suffix matches in any case (`CASES.JSON`).
 * INVARIANT: each folder is entered once, however many links lead to it (by device and inode), so
 * symbolic links that form cycles cost one visit each: before, three links back to the root made the
 * walk take 3^16 steps.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

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
