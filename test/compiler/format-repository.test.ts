/**
 * CI check of the canonical layout: every .pdl file in the repository is already what `formatPolicy`
 * makes of it, so `pdl fmt --check` passes on the whole repository.
 *
 * Input: the repository's .pdl files under policies/, test/, examples/ and bench/. Left out, each for a
 * stated reason: test/cases/<area>/bad/ (deliberately malformed), test/cli/fixtures/bad.pdl (likewise),
 * and test/cases/syntax/good/comments-and-layout.pdl (its point is a non-canonical layout that parses).
 * Output: one test per file, failing with the file's name when it is not formatted.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatPolicy } from '../../compiler/format/format.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const EXCLUDED = new Set(['test/cli/fixtures/bad.pdl', 'test/cases/syntax/good/comments-and-layout.pdl']);

function pdlFiles(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const e of readdirSync(dir).sort()) {
    if (e === 'node_modules') continue;
    const p = join(dir, e);
    const rel = relative(root, p);
    if (statSync(p).isDirectory()) {
      if (!/^test\/cases\/[^/]+\/bad$/.test(rel)) pdlFiles(p, out);
    } else if (e.endsWith('.pdl') && !EXCLUDED.has(rel)) out.push(rel);
  }
  return out;
}

const files = ['policies', 'test', 'examples', 'bench'].flatMap((d) => pdlFiles(join(root, d)));

describe('every repository .pdl file is in the canonical layout (pdl fmt --check)', () => {
  it('finds the policies and the good cases', () => {
    expect(files).toContain('policies/england/statutory-reviews.pdl');
    expect(files.filter((f) => f.startsWith('test/cases/')).length).toBeGreaterThan(20);
  });
  for (const file of files) {
    it(file, () => {
      const text = readFileSync(join(root, file), 'utf8');
      expect(formatPolicy(text, file).text, `${file} is not formatted: run pdl fmt --write ${file}`).toBe(text);
    });
  }
});
