/**
 * Shared fixtures of the playground tests: the policy texts and sample cases read from disk with
 * node:fs, in the shape Vite's `import.meta.glob` gives the playground.
 *
 * Input: `policies/**` and `playground/samples/*.json`. Output: `policyModules` (keyed like
 * `../../policies/england/statutory-reviews.pdl`), `sampleModules` (keyed like `../samples/x.json`)
 * and the statutory policy's text.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const PLAYGROUND_SRC = join(REPO_ROOT, 'playground', 'src');
export const SAMPLES_DIR = join(REPO_ROOT, 'playground', 'samples');
export const STATUTORY_URI = 'policies/england/statutory-reviews.pdl';

/** Every file below `dir` (recursively) whose name ends with `suffix`, sorted. */
export function filesUnder(dir: string, suffix: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path, suffix));
    else if (entry.endsWith(suffix)) out.push(path);
  }
  return out.sort();
}

function modules(dir: string, suffix: string, from: string): Record<string, string> {
  const record: Record<string, string> = {};
  for (const file of filesUnder(dir, suffix)) record[relative(from, file).split('\\').join('/')] = readFileSync(file, 'utf8');
  return record;
}

/** As `import.meta.glob('../../policies/**' + '/*.pdl', ...)` in playground/src/bundled.ts. */
export const policyModules: Record<string, string> = modules(join(REPO_ROOT, 'policies'), '.pdl', PLAYGROUND_SRC);
/** As `import.meta.glob('../samples/*.json', ...)` in playground/src/bundled.ts. */
export const sampleModules: Record<string, string> = modules(SAMPLES_DIR, '.json', PLAYGROUND_SRC);

export const statutoryText: string = readFileSync(join(REPO_ROOT, STATUTORY_URI), 'utf8');
