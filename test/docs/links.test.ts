/**
 * The documents' own references hold: every relative link of the repository's Markdown files names a
 * file or folder of the repository and, with a `#fragment`, a heading of that document (GitHub's
 * anchors); and every place in a policy that a document quotes as an obligation's `source` (`"file"`,
 * `"line"`, `"column"` after its `"citation"`) is the clause that cites it. A walkthrough found
 * docs/embedding.md linking a `docs/diagnostics.md` that does not exist and quoting line 38 for a
 * clause on line 52: hand-written excerpts drift, and nothing checked them.
 *
 * Input: the Markdown files git tracks (`git ls-files` is not used: the list is read from the tree, so
 * an untracked scratch file is not checked). Output: pass/fail, each broken reference named with its
 * file and line.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** Folders never read: installed packages, build output, scratch and reports. */
const SKIP = new Set(['node_modules', 'dist', '.git', '.scratch', 'reports', 'test-artifacts', 'compiled', 'coverage-report']);

function markdownFiles(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.stryker-tmp') || SKIP.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...markdownFiles(path));
    else if (entry.name.endsWith('.md')) found.push(path);
  }
  return found;
}

/** The lines of a Markdown text outside fenced code blocks, with their 1-based numbers. */
function proseLines(text: string): { line: number; text: string }[] {
  const lines: { line: number; text: string }[] = [];
  let fence: string | undefined;
  text.split('\n').forEach((t, i) => {
    const opener = /^\s*(`{3,}|~{3,})/.exec(t);
    if (opener !== null) {
      if (fence === undefined) fence = opener[1]![0]!;
      else if (opener[1]![0] === fence) fence = undefined;
      return;
    }
    if (fence === undefined) lines.push({ line: i + 1, text: t });
  });
  return lines;
}

/** GitHub's anchor of a heading: lower case, inline code marks and punctuation dropped, spaces as hyphens. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** The anchors of a document's headings (a repeated heading gets `-1`, `-2`... as on GitHub). */
function anchorsOf(file: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const { text } of proseLines(readFileSync(file, 'utf8'))) {
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(text);
    if (heading === null) continue;
    const base = slug(heading[1]!);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    anchors.add(n === 0 ? base : `${base}-${n}`);
  }
  return anchors;
}

const FILES = markdownFiles(ROOT).sort();

describe('the links of the Markdown files', () => {
  it('finds the documents', () => {
    expect(FILES.map((f) => relative(ROOT, f))).toEqual(expect.arrayContaining(['README.md', 'docs/language.md', 'docs/embedding.md', 'docs/cli.md']));
  });

  it('names only files, folders and headings that exist', () => {
    const broken: string[] = [];
    let checked = 0;
    for (const file of FILES) {
      for (const { line, text } of proseLines(readFileSync(file, 'utf8'))) {
        // Inline code is not a link: `[a](b)` inside backticks is left alone.
        const prose = text.replace(/`[^`]*`/g, '');
        for (const match of prose.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
          const target = match[1]!;
          if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto:
          checked++;
          const [path, fragment] = target.split('#', 2) as [string, string | undefined];
          const place = `${relative(ROOT, file)}:${line}: ${target}`;
          const linked = path === '' ? file : resolve(dirname(file), decodeURIComponent(path));
          if (!existsSync(linked)) {
            broken.push(`${place} (no such file)`);
            continue;
          }
          if (fragment !== undefined && fragment !== '' && statSync(linked).isFile() && linked.endsWith('.md') && !anchorsOf(linked).has(fragment)) {
            broken.push(`${place} (no heading with that anchor)`);
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
    expect(broken).toEqual([]);
  });
});

describe('the policy places the documents quote', () => {
  it('puts each quoted obligation source on the clause that cites it', () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const file of FILES) {
      const text = readFileSync(file, 'utf8');
      // A citation, then (before the next citation) its source object, on one line or several.
      const pattern = /"citation":\s*"((?:[^"\\]|\\.)*)"[^]*?"source":\s*\{\s*"file":\s*"([^"]+)",\s*"line":\s*(\d+),\s*"column":\s*(\d+)/g;
      for (const m of text.matchAll(pattern)) {
        const [whole, citation, policyFile, lineText, columnText] = m as unknown as [string, string, string, string, string];
        if (whole.indexOf('"citation"', 1) !== -1) continue; // the source belongs to a later citation
        const at = `${relative(ROOT, file)}:${text.slice(0, m.index).split('\n').length}`;
        const policyPath = join(ROOT, policyFile);
        if (!existsSync(policyPath)) {
          wrong.push(`${at}: ${policyFile} does not exist`);
          continue;
        }
        checked++;
        const line = readFileSync(policyPath, 'utf8').split('\n')[Number(lineText) - 1] ?? '';
        const column = Number(columnText);
        const citedThere = line.includes(`cite "${JSON.parse(`"${citation}"`) as string}"`);
        const startsThere = line.slice(0, column - 1).trim() === '' && line.charAt(column - 1).trim() !== '';
        if (!citedThere || !startsThere) wrong.push(`${at}: ${policyFile}:${lineText}:${columnText} is "${line.trim()}", not a clause citing "${citation}" that starts at column ${column}`);
      }
    }
    expect(checked).toBeGreaterThan(2);
    expect(wrong).toEqual([]);
  });
});
