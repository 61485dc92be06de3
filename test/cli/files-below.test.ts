/**
 * The CLI's one folder walk (`cli/files-below.ts`): sorted paths by suffix, dot-folders and
 * node_modules skipped, a depth limit, and the suffix matched in any case when asked (the caseload
 * folders of `pdl simulate`). Input: a scratch tree in the system's temporary folder. Output:
 * assertions; the tree is removed afterwards.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { filesBelow } from '../../cli/files-below.ts';

const ROOT = mkdtempSync(join(tmpdir(), 'pdl-files-below-'));
const put = (path: string): void => {
  mkdirSync(join(ROOT, path, '..'), { recursive: true });
  writeFileSync(join(ROOT, path), '{}');
};
for (const path of ['b.json', 'A.JSON', 'x.pdl', 'one/c.json', 'one/two/d.json', '.hidden/e.json', 'node_modules/f.json']) put(path);
const found = (paths: readonly string[]): string[] => paths.map((p) => relative(ROOT, p).split(sep).join('/'));

afterAll(() => rmSync(ROOT, { recursive: true, force: true }));

describe('filesBelow', () => {
  it('finds files by suffix, sorted, skipping dot-folders and node_modules', () => {
    expect(found(filesBelow(ROOT, '.json'))).toEqual(['b.json', 'one/c.json', 'one/two/d.json']);
    expect(found(filesBelow(ROOT, '.pdl'))).toEqual(['x.pdl']);
  });

  it('matches in any case and stops at the depth asked for', () => {
    expect(found(filesBelow(ROOT, '.json', [], { ignoreCase: true }))).toEqual(['A.JSON', 'b.json', 'one/c.json', 'one/two/d.json']);
    expect(found(filesBelow(ROOT, '.json', [], { ignoreCase: true, maxDepth: 1 }))).toEqual(['A.JSON', 'b.json', 'one/c.json']);
  });

  it('gives nothing for a folder that cannot be read', () => {
    expect(filesBelow(join(ROOT, 'missing'), '.json')).toEqual([]);
  });

  it('enters each folder once: symbolic links that form cycles are followed to no new folder (three links back to the top took 3^16 steps)', () => {
    const top = mkdtempSync(join(tmpdir(), 'pdl-files-cycle-'));
    try {
      mkdirSync(join(top, 'a', 'b'), { recursive: true });
      writeFileSync(join(top, 'a', 'b', 'case.json'), '{}');
      for (const link of ['up1', 'up2', 'up3']) symlinkSync(top, join(top, 'a', 'b', link), 'dir');
      symlinkSync(join(top, 'a'), join(top, 'again'), 'dir');
      const paths = filesBelow(top, '.json').map((p) => relative(top, p).split(sep).join('/'));
      expect(paths).toEqual(['a/b/case.json']);
    } finally {
      rmSync(top, { recursive: true, force: true });
    }
  });
});
