/**
 * Where the CLI looks for extended policies, with the working directory given as embedders and tests
 * give it: `policyFolders` treats `/repo/` as `/repo` (compared as text, the trailing separator made
 * the whole working directory a searched folder, every test fixture and scratch copy below it
 * included); and the file host survives a policy file that is removed between the search of the
 * folders and the read of the policy: reported as a `problem` (the compiler's `pdl/parent-has-errors`
 * on the `extends` line) when found and then gone, never an exception (a file that goes between the
 * listing and the search's own read is passed over by the same guard; that window is too narrow to
 * test without a race) (that was an internal error of `pdl simulate` whenever another process removed
 * a scratch folder the search had listed).
 *
 * `hostFor`'s fallback folders (`pdl simulate`'s other side) answer only the ids its own folders lack:
 * a copy of a parent there never replaces the one found beside the policy.
 *
 * Input: a temporary folder with policies written here. Output: assertions.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compile } from '../../compiler/index.ts';
import { createFileHost } from '../../cli/file-host.ts';
import { hostFor, policyFolders } from '../../cli/host.ts';

const dir = mkdtempSync(join(tmpdir(), 'pdl-host-folders-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const PARENT = 'policy test.parent\n  title "Parent"\n\nrole iro "IRO"\n\nevent review_held\n';
const CHILD = 'policy test.child extends test.parent\n  title "Child"\n';

describe('hostFor with fallback folders', () => {
  it('finds an id in the fallback only when its own folders lack it', () => {
    const own = mkdtempSync(join(dir, 'own-'));
    const other = mkdtempSync(join(dir, 'other-'));
    writeFileSync(join(own, 'child.pdl'), CHILD);
    writeFileSync(join(own, 'parent.pdl'), PARENT);
    // A copy of the parent beside the other policy, and a policy only there.
    writeFileSync(join(other, 'a-parent-copy.pdl'), PARENT.replace('"Parent"', '"Copy"'));
    writeFileSync(join(other, 'only.pdl'), 'policy test.only\n  title "Only"\n');
    const host = hostFor(join(own, 'child.pdl'), dir, [], [other]);
    expect(host.findPolicy('test.parent', 'x')?.uri).toBe(host.uriOf(join(own, 'parent.pdl')));
    expect(host.findPolicy('test.only', 'x')?.uri).toBe(host.uriOf(join(other, 'only.pdl')));
    expect(host.findPolicy('test.none', 'x')).toBeUndefined();
    expect([...(host.knownPolicies?.() ?? [])].sort()).toEqual(['test.child', 'test.only', 'test.parent']);
    // Given as ordinary folders instead, the copy (first by path) wins: what the fallback prevents.
    const flat = hostFor(join(own, 'child.pdl'), dir, [other]);
    expect(flat.findPolicy('test.parent', 'x')?.uri).toBe(flat.uriOf(join(other, 'a-parent-copy.pdl')));
  });
});

describe('policyFolders', () => {
  it('gives the same folders for a working directory with or without a trailing separator', () => {
    const repo = mkdtempSync(join(dir, 'repo-'));
    mkdirSync(join(repo, 'policies', 'england'), { recursive: true });
    mkdirSync(join(repo, 'test', 'fixtures'), { recursive: true });
    for (const file of ['test/fixtures/a.pdl', 'policies/england/b.pdl']) {
      const plain = policyFolders(file, repo, []);
      expect(policyFolders(file, `${repo}${sep}`, [])).toEqual(plain);
      expect(plain).not.toContain(repo);
    }
    expect(policyFolders('test/fixtures/a.pdl', `${repo}${sep}`, [])).toEqual([join(repo, 'policies'), join(repo, 'test')]);
  });
});

describe('the file host and a policy file removed while it works', () => {
  it('reports a parent found by the search and gone when loaded on the extends line, without throwing', () => {
    const folder = mkdtempSync(join(dir, 'gone-'));
    writeFileSync(join(folder, 'parent.pdl'), PARENT);
    writeFileSync(join(folder, 'child.pdl'), CHILD);
    const host = createFileHost([folder], folder);
    expect([...host.knownPolicies!()].sort()).toEqual(['test.child', 'test.parent']);
    rmSync(join(folder, 'parent.pdl'));
    const found = host.findPolicy('test.parent', 'child.pdl');
    expect(found).toEqual({ uri: 'parent.pdl', text: '', problem: 'cannot be read (ENOENT)' });
    const compiled = compile(CHILD, { uri: 'child.pdl', host, explanations: false });
    expect(compiled.policy).toBeUndefined();
    expect(compiled.diagnostics.map((d) => d.code)).toContain('pdl/parent-has-errors');
  });
});
