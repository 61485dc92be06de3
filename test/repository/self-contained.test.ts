/**
 * The repository is self-contained: no text file in it refers to a path outside it, so a clone
 * anywhere, on any machine, has everything its tests, docs and policies point at.
 *
 * Input: the repository's files: `git ls-files --cached --others --exclude-standard` (tracked files
 * and new files not ignored), or, outside a git checkout, every file below the root but the ignored
 * build and dependency folders. Output: assertions; one failure lists every offending file and line.
 *
 * A file breaks the rule when it mentions
 * - a relative path (`../x`, `../..`) that, resolved from the file's own folder, leaves the repository,
 *   unless what it names past its `..` steps is in the repository (a path relative to another folder);
 * - an absolute path into the development machine's workspace or into a home folder (Linux, macOS,
 *   Windows: the patterns are OUTSIDE_NAMES below);
 * - the development workspace's folders beside the repository by name: its shared seeds (the source
 *   documents as text), data and design notes.
 * This file spells its examples of each in pieces, so that it does not break its own rule.
 * Source documents are cited by title, publisher and public address instead (docs/coverage/), and
 * data a test needs lives in the repository (test/data/, with its licence beside it).
 * Binary files (a NUL byte in the first 8 KB) are skipped.
 */
import { existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { run } from '../support/processes.ts';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/**
 * Files still waiting for another change to land, each with the reason. Every entry must still
 * offend (the last test fails otherwise), so an entry is removed as soon as its fix is merged.
 */
const PENDING: ReadonlyMap<string, string> = new Map();

/**
 * Files whose bare `../../` is read from a built file's place, not the source file's: the CLI bundle
 * is dist/cli/pdl.mjs, two folders deep, so its `'../../'` is the package root. Only that climb is
 * excused in them.
 */
const BUILT_FROM_ELSEWHERE: ReadonlyMap<string, string> = new Map([
  ['cli/output.ts', 'PACKAGE_ROOT is `../../` from the bundle dist/cli/pdl.mjs'],
  ['scripts/build-cli.mjs', 'a comment on that depth'],
]);

/** Folders never scanned when git cannot list the files (dependencies, builds, scratch output). */
const SKIPPED_FOLDERS = new Set(['.git', 'node_modules', 'dist', 'test-artifacts', 'compiled', '.scratch', '.vite', 'coverage', 'reports']);

function walk(dir: string, out: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!SKIPPED_FOLDERS.has(entry.name)) walk(join(dir, entry.name), out);
    } else if (entry.isFile()) {
      out.push(relative(ROOT, join(dir, entry.name)).split(sep).join('/'));
    }
  }
}

/** The repository's files (regular files: not the `node_modules` link), relative to the root with `/` separators. */
function repositoryFiles(): string[] {
  const git = run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT });
  if (git.status === 0 && git.stdout.length > 0) return git.stdout.split('\0').filter((f) => f !== '' && lstatSync(join(ROOT, f), { throwIfNoEntry: false })?.isFile() === true);
  const out: string[] = [];
  walk(ROOT, out);
  return out;
}

/** Absolute paths of a machine or a home folder, and the workspace's own folders by name. */
const OUTSIDE_NAMES: readonly RegExp[] = [
  /(?<![\w.-])\/work\//,
  /(?<![\w.-])\/home\/[a-z_][\w.-]*\//,
  /(?<![\w.-])\/Users\/[\w.-]+/,
  /(?<![\w.-])\/root\//,
  /\b[A-Za-z]:\\(?:Users|home)\\/,
  /\bshared\/(?:seeds|data|design|hooks)\b/,
  /\bseeds\/[\w.-]+\.txt\b/,
  // The workspace's design notes by name; the repository's own docs/architecture.md is named with its folder.
  /(?<!docs\/)\b(?:domain|architecture|conventions|language-sketch)\.md\b/,
];

/** A relative path that starts by climbing: `..`, `../..`, `../x/y` (not an ellipsis or a spread, `...`). */
const CLIMBING = /(?<![\w.\/-])\.\.(?!\.)(?:\/\.\.(?!\.))*(?:\/[\w.@+-]+)*\/?/g;

/** What in `text` (the file `file`) refers outside the repository, one line each. */
export function outsideReferences(file: string, text: string): string[] {
  const found: string[] = [];
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    for (const pattern of OUTSIDE_NAMES) {
      const m = pattern.exec(line);
      if (m !== null) found.push(`${file}:${i + 1}: ${m[0]}`);
    }
    for (const m of line.matchAll(CLIMBING)) {
      const target = resolve(ROOT, dirname(file), m[0]);
      if (target === ROOT || target.startsWith(ROOT + sep)) continue;
      // Climbing out from this file's folder but naming something the repository has (`../../package.json`
      // in a comment about a built file two folders deep) is a path read from elsewhere in the repository.
      const rest = m[0].replace(/^(?:\.\.\/?)+/, '');
      if (rest !== '' && existsSync(join(ROOT, rest))) continue;
      found.push(`${file}:${i + 1}: ${m[0]} (leaves the repository)`);
    }
  });
  return found;
}

function isText(bytes: Buffer): boolean {
  return !bytes.subarray(0, 8192).includes(0);
}

describe('the repository is self-contained', () => {
  const files = repositoryFiles();
  const offences = new Map<string, string[]>();
  for (const file of files) {
    const bytes = readFileSync(join(ROOT, file));
    if (!isText(bytes)) continue;
    const found = outsideReferences(file, bytes.toString('utf8'));
    if (found.length > 0) offences.set(file, found);
  }

  it('lists the files it checks (the policies, the docs, the tests and their data among them)', () => {
    for (const file of ['README.md', 'package.json', 'policies/bristol.pdl', 'docs/coverage/bristol.md', 'test/data/ssda903-fake/README.md', 'test/repository/self-contained.test.ts']) {
      expect(files).toContain(file);
    }
  });

  it('no text file refers to a path outside the repository', () => {
    const unexpected = [...offences]
      .filter(([file]) => !PENDING.has(file))
      .flatMap(([file, lines]) => lines.filter((l) => !(BUILT_FROM_ELSEWHERE.has(file) && l.endsWith(': ../../ (leaves the repository)'))));
    expect(unexpected).toEqual([]);
  });

  it('each pending exception still needs to be one (remove it once its fix is merged)', () => {
    for (const [file, why] of PENDING) expect(offences.has(file), `${file}: ${why}`).toBe(true);
  });

  it('recognises each kind of outside reference, and leaves paths inside the repository alone', () => {
    const path = (...parts: string[]): string => parts.join('/');
    expect(outsideReferences('policies/x.pdl', `# Source text: ${path('..', 'shared', 'seeds', 'x.txt')}`)).toHaveLength(2);
    expect(outsideReferences('test/a/b.test.ts', `new URL('${path('..', '..', '..', 'shared', 'data', 'x.json')}', import.meta.url)`)).toHaveLength(2);
    expect(outsideReferences('test/a/b.test.ts', `new URL('${path('..', '..', '..')}', import.meta.url)`)).toHaveLength(1);
    expect(outsideReferences('docs/x.md', `see ${path('', 'work', 'shared', 'x')}`)).toHaveLength(1);
    expect(outsideReferences('docs/x.md', `see ${path('', 'home', 'alice', 'pdl', 'x')}`)).toHaveLength(1);
    expect(outsideReferences('docs/x.md', `see ${path('', 'Users', 'bob', 'x')}`)).toHaveLength(1);
    expect(outsideReferences('docs/x.md', `see ${['C:', 'Users', 'bob', 'x'].join('\\')}`)).toHaveLength(1);
    expect(outsideReferences('docs/x.md', `the worked examples of ${'domain'}.md`)).toHaveLength(1);
    expect(outsideReferences('test/a/b.test.ts', "new URL('../..', import.meta.url); '../fixtures/case.json'")).toEqual([]);
    expect(outsideReferences('test/cli/fixtures/tests/t.yaml', 'policy: ../../../../policies/england/statutory-reviews.pdl')).toEqual([]);
    expect(outsideReferences('docs/x.md', 'https://www.bristol.gov.uk, `test/data/ssda903-fake/`, 1..3, and /tmp/x')).toEqual([]);
    expect(outsideReferences('x.ts', 'const c = { ...base, test: [...list] }; // pdl docs ... --out')).toEqual([]);
    expect(outsideReferences('README.md', 'see [docs/architecture.md](docs/architecture.md)')).toEqual([]);
    expect(outsideReferences('README.md', `see ${'architecture'}.md`)).toHaveLength(1);
  });
});
