/**
 * The one folder walk of the CLI: the files below a folder whose names end with a suffix, sorted,
 * skipping `node_modules` and dot-folders, at most 16 levels deep. Unreadable entries are skipped.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export function filesBelow(dir: string, suffix: string, out: string[] = [], depth = 0): string[] {
  if (depth > 16) return out;
  let entries: string[];
  try {
    entries = readdirSync(dir).sort();
  } catch {
    return out;
  }
  for (const entry of entries) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    const path = join(dir, entry);
    let isDir = false;
    try {
      isDir = statSync(path).isDirectory();
    } catch {
      continue;
    }
    if (isDir) filesBelow(path, suffix, out, depth + 1);
    else if (entry.endsWith(suffix)) out.push(path);
  }
  return out;
}
