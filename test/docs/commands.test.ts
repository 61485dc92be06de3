/**
 * Every command example of README.md and docs/*.md is run, and what the docs show is what it prints.
 *
 * Input: the Markdown files. Output: one test per command example (file and line in its name), plus
 * the list of blocks marked "not run". Nothing is written into the repository: the commands of one
 * Markdown file run in order, as a reader would type them, in a scratch folder under test-artifacts/
 * that holds copies of the folders the examples read, removed afterwards: policies/ always (`pdl test`
 * and `pdl fmt` read it when given no path), and test/cli/fixtures/, test/cases/, bench/fixtures/ and
 * test/simulate/fixtures/ for a Markdown file whose commands name them (`copiedFor`). Copying every
 * folder for every file wrote and removed about 2,400 files, 350 of test/cases/ per file, though only
 * README.md names that folder; that took seconds of a worker's time, mostly waiting on the disk.
 *
 * The convention (docs/testing.md, "Command examples in the docs"):
 * - A fenced block tagged `sh`, `shell`, `console`, `text` or untagged holds commands in one of two forms:
 *   - session form: each line starting with `$ ` is a command; the lines after it, up to the next `$ `
 *     line or the end of the block (trailing blank lines dropped), are exactly what it prints (stdout
 *     then stderr); a last line `[exit N]` is its exit code, which is 0 otherwise;
 *   - script form (a `sh`/`shell` block without `$ `): every line is a command (a `\` at the end of a
 *     line continues it, `  # ...` is a comment); the exit code must be 0. When a `text` block follows
 *     it with nothing but blank lines between, that block is exactly what the script's last command prints.
 *   A `text` or untagged block without `$ ` lines is not a command (a synopsis, a fragment).
 * - A command is `pdl ARGS`, `npx pdl ARGS` or `node bin/pdl.js ARGS`, optionally fed by `echo '...' |`,
 *   filtered by `| grep 'TEXT'` (lines containing TEXT) or redirected with `> FILE`; or an npm command
 *   (`npm install`, `npm start`, `npm test`, `npm run SCRIPT`), whose script must exist in package.json.
 *   `pdl` runs in this process (`main`), except with standard input or as `node bin/pdl.js`, which start a
 *   real process. npm commands are never run here (they install, serve or run the whole suite).
 * - `<!-- not run: REASON -->` on the line before a block skips it (its npm scripts are still checked);
 *   every other block holding a command of another program (node -e, tsx, curl...) must be marked so, unless
 *   it holds no pdl or npm command at all, in which case it is not a command example of pdl.
 * - In shown output, `<...>` stands for any text within one line (for what legitimately varies).
 */
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/main.ts';
import { IN_PROCESS_TIMEOUT_MS, pdl, ROOT, timeoutFor, type Run } from '../support/processes.ts';

const FILES = ['README.md', ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).sort().map((f) => `docs/${f}`)];
const COPIED = ['policies', 'test/cli/fixtures', 'test/cases', 'bench/fixtures', 'test/simulate/fixtures'];

/**
 * The folders of COPIED that the examples of a Markdown file read: policies/ always (`pdl test` and
 * `pdl fmt` default to it, and it is the only folder a command reads without naming it), the others
 * when a command names a path in them.
 */
function copiedFor(runs: readonly Example[]): string[] {
  return COPIED.filter((folder) => folder === 'policies' || runs.some((e) => e.text.includes(`${folder}/`) || e.text.split(' ').includes(folder)));
}
const SCRIPTS = Object.keys((JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts);

/** One command as written in the docs, with what the docs say it does. */
interface Example {
  readonly file: string;
  readonly line: number;
  readonly text: string;
  /** The exact output shown (lines), or undefined when none is shown. */
  readonly output?: readonly string[];
  readonly exit: number;
}

interface Block {
  readonly file: string;
  readonly line: number;
  readonly info: string;
  readonly lines: readonly string[];
  readonly notRun?: string;
  /** Blank lines only between the previous block's end and this block's start. */
  readonly followsBlock: boolean;
}

function blocksOf(file: string, markdown: string): Block[] {
  const lines = markdown.split('\n');
  const blocks: Block[] = [];
  let lastEnd = -10;
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\S*)\s*$/.exec(lines[i]!);
    if (open === null) continue;
    let end = i + 1;
    while (end < lines.length && !/^```\s*$/.test(lines[end]!)) end++;
    let before = i - 1;
    while (before >= 0 && lines[before]!.trim() === '') before--;
    const marker = before >= 0 ? /^<!-- not run: (.+) -->$/.exec(lines[before]!.trim()) : null;
    blocks.push({
      file,
      line: i + 1,
      info: open[1]!,
      lines: lines.slice(i + 1, end),
      ...(marker !== null ? { notRun: marker[1]! } : {}),
      followsBlock: before === lastEnd,
    });
    lastEnd = end;
    i = end;
  }
  return blocks;
}

const SHELL = new Set(['sh', 'shell', 'console', 'text', '']);
const isPdl = (command: string): boolean => /^(echo '[^']*' \| )?(npx pdl|pdl|node bin\/pdl\.js)( |$)/.test(command);
const isNpm = (command: string): boolean => /^npm( |$)/.test(command);

/** The commands of a block with the output each is shown to print, before any pairing. */
function commandsOf(block: Block): Example[] {
  const session = block.lines.some((l) => l.startsWith('$ '));
  if (!session && !(block.info === 'sh' || block.info === 'shell')) return [];
  const examples: Example[] = [];
  const joined: { text: string; line: number; output: string[] }[] = [];
  for (let k = 0; k < block.lines.length; k++) {
    let line = block.lines[k]!;
    const start = k;
    if (session && !line.startsWith('$ ')) {
      joined.at(-1)?.output.push(line);
      continue;
    }
    while (line.endsWith('\\') && k + 1 < block.lines.length) line = `${line.slice(0, -1).trimEnd()} ${block.lines[++k]!.trim()}`;
    const text = (session ? line.slice(2) : line).replace(/\s+#\s.*$/, '').trim();
    if (text === '' || text.startsWith('#')) continue;
    joined.push({ text, line: block.line + 1 + start, output: [] });
  }
  for (const c of joined) {
    const output = [...c.output];
    while (output.length > 0 && output.at(-1)!.trim() === '') output.pop();
    const exitLine = output.length > 0 ? /^\[exit (\d+)\]$/.exec(output.at(-1)!) : null;
    if (exitLine !== null) output.pop();
    examples.push({ file: block.file, line: c.line, text: c.text, exit: exitLine !== null ? Number(exitLine[1]) : 0, ...(session ? { output } : {}) });
  }
  return examples;
}

interface FilePlan {
  readonly runs: Example[];
  readonly npm: Example[];
  readonly notRun: { block: Block; commands: string[] }[];
  readonly unmarked: string[];
}

function planOf(file: string, markdown: string = readFileSync(join(ROOT, file), 'utf8')): FilePlan {
  const blocks = blocksOf(file, markdown).filter((b) => SHELL.has(b.info));
  const plan: FilePlan = { runs: [], npm: [], notRun: [], unmarked: [] };
  let previous: { block: Block; examples: Example[] } | undefined;
  for (const block of blocks) {
    const examples = commandsOf(block);
    const ours = examples.filter((e) => isPdl(e.text) || isNpm(e.text));
    if (block.notRun !== undefined) {
      plan.notRun.push({ block, commands: examples.map((e) => e.text) });
      plan.npm.push(...examples.filter((e) => isNpm(e.text)));
      previous = undefined;
      continue;
    }
    // A text block right after a script block is what the script's last command prints.
    if (examples.length === 0 && block.info === 'text' && block.followsBlock && previous !== undefined) {
      const last = previous.examples.at(-1)!;
      const shown = [...block.lines];
      while (shown.length > 0 && shown.at(-1)!.trim() === '') shown.pop();
      const index = plan.runs.indexOf(last);
      if (index >= 0) plan.runs[index] = { ...last, output: shown };
      previous = undefined;
      continue;
    }
    previous = undefined;
    if (ours.length === 0) continue; // no pdl or npm command: not an example of pdl
    const others = examples.filter((e) => !ours.includes(e));
    if (others.length > 0) plan.unmarked.push(...others.map((e) => `${e.file}:${e.line}: ${e.text}`));
    for (const e of ours) (isNpm(e.text) ? plan.npm : plan.runs).push(e);
    if (ours.length > 0 && others.length === 0 && !block.lines.some((l) => l.startsWith('$ ')) && !ours.some((e) => isNpm(e.text))) {
      previous = { block, examples: ours };
    }
  }
  return plan;
}

/** The npm commands that name no script of package.json (`npm install` needs none). */
function npmProblems(examples: readonly Example[]): string[] {
  const problems: string[] = [];
  for (const e of examples) {
    for (const part of e.text.split('&&').map((p) => p.trim())) {
      const words = part.split(/\s+/);
      const script = words[1] === 'run' ? words[2] : words[1];
      if (script !== 'install' && (script === undefined || !SCRIPTS.includes(script))) problems.push(`${e.file}:${e.line}: ${part}`);
    }
  }
  return problems;
}

/** Shell words: '...' literally, "..." with backslash escapes, otherwise split on spaces. */
function shellWords(text: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === ' ') {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if (c === "'") {
      const end = text.indexOf("'", i + 1);
      word = (word ?? '') + text.slice(i + 1, end);
      i = end;
    } else if (c === '"') {
      let s = '';
      for (i++; i < text.length && text[i] !== '"'; i++) s += text[i] === '\\' ? text[++i]! : text[i]!;
      word = (word ?? '') + s;
    } else word = (word ?? '') + c;
  }
  if (word !== undefined) words.push(word);
  return words;
}

interface Parsed {
  readonly args: string[];
  readonly input?: string;
  readonly grep?: string;
  readonly redirect?: string;
  readonly realProcess: boolean;
}

function parse(text: string): Parsed {
  let rest = text;
  let input: string | undefined;
  const echo = /^echo '([^']*)' \| /.exec(rest);
  if (echo !== null) {
    input = `${echo[1]!}\n`;
    rest = rest.slice(echo[0].length);
  }
  let grep: string | undefined;
  const grepMatch = / \| grep '([^']*)'$/.exec(rest);
  if (grepMatch !== null) {
    grep = grepMatch[1]!;
    rest = rest.slice(0, grepMatch.index);
  }
  let redirect: string | undefined;
  const redirectMatch = / > (\S+)$/.exec(rest);
  if (redirectMatch !== null) {
    redirect = redirectMatch[1]!;
    rest = rest.slice(0, redirectMatch.index);
  }
  const words = shellWords(rest);
  const realProcess = words[0] === 'node' || input !== undefined;
  const args = words.slice(words[0] === 'pdl' ? 1 : 2);
  if (/[|<>;&]/.test(rest.replace(/'[^']*'|"[^"]*"/g, ''))) throw new Error(`an unsupported shell construct in: ${text}`);
  return { args, realProcess, ...(input !== undefined ? { input } : {}), ...(grep !== undefined ? { grep } : {}), ...(redirect !== undefined ? { redirect } : {}) };
}

async function runIn(dir: string, p: Parsed): Promise<Run> {
  if (p.realProcess) return pdl(p.args, { cwd: dir, ...(p.input !== undefined ? { input: p.input } : {}) });
  let stdout = '';
  let stderr = '';
  const status = await main(['node', 'pdl', ...p.args], {
    stdout: { write: (s: string) => (stdout += s), isTTY: false },
    stderr: { write: (s: string) => (stderr += s), isTTY: false },
    cwd: dir,
    env: {},
  });
  return { status, stdout, stderr };
}

/** Does `actual` match `shown`, line for line, where `<...>` stands for any text within a line? */
function matches(shown: readonly string[], actual: readonly string[]): boolean {
  if (shown.length !== actual.length) return false;
  return shown.every((line, i) => {
    if (!line.includes('<...>')) return line === actual[i];
    const pattern = line.split('<...>').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*');
    return new RegExp(`^${pattern}$`).test(actual[i]!);
  });
}

const plans = new Map(FILES.map((f) => [f, planOf(f)]));
const SCRATCH = join(ROOT, 'test-artifacts', `docs-commands-${process.pid}`);

describe('the convention (on small Markdown samples)', () => {
  const sample = [
    'Prose.',
    '',
    '```console',
    "$ pdl check a.pdl",
    'a.pdl: 0 errors, 0 warnings',
    '',
    "$ echo '{\"id\": 1}' | pdl evaluate p.pdl - --as-of 2025-01-01 | grep 'due'",
    'x',
    '[exit 1]',
    '```',
    '',
    '```sh',
    'npx pdl compile p.pdl \\',
    '  --out out   # a comment',
    '```',
    '',
    '```text',
    'wrote out/p.ts',
    '```',
    '',
    '```text',
    'pdl check FILE... [--json]',
    '```',
    '',
    '<!-- not run: it needs node -->',
    '```sh',
    'npx pdl compile p.pdl --out out',
    'node -e "1"',
    'npm run nothing-such',
    '```',
    '',
    '```sh',
    'npx pdl fmt p.pdl',
    'curl -s http://127.0.0.1/',
    '```',
    '',
    '```pdl',
    '$ pdl check not-a-command.pdl',
    '```',
  ].join('\n');
  const plan = planOf('sample.md', sample);

  it('reads session commands with their output and exit code, and script commands with the text block after them', () => {
    expect(plan.runs.map((e) => [e.line, e.text, e.output, e.exit])).toEqual([
      [4, 'pdl check a.pdl', ['a.pdl: 0 errors, 0 warnings'], 0],
      [7, `echo '{"id": 1}' | pdl evaluate p.pdl - --as-of 2025-01-01 | grep 'due'`, ['x'], 1],
      [13, 'npx pdl compile p.pdl --out out', ['wrote out/p.ts'], 0],
      [33, 'npx pdl fmt p.pdl', undefined, 0],
    ]);
  });

  it('skips marked blocks but still checks their npm scripts, and reports other programs in unmarked blocks', () => {
    expect(plan.notRun.map((n) => [n.block.line, n.block.notRun, n.commands])).toEqual([
      [26, 'it needs node', ['npx pdl compile p.pdl --out out', 'node -e "1"', 'npm run nothing-such']],
    ]);
    expect(plan.npm.map((e) => e.text)).toEqual(['npm run nothing-such']);
    expect(npmProblems(plan.npm)).toEqual(['sample.md:29: npm run nothing-such']);
    expect(plan.unmarked).toEqual(['sample.md:34: curl -s http://127.0.0.1/']);
  });

  it('parses the shell forms it supports, and refuses others', () => {
    expect(parse(`echo '{"a": 1}' | pdl evaluate p.pdl - --as-of 2025-01-01 | grep '"due"'`)).toEqual({
      args: ['evaluate', 'p.pdl', '-', '--as-of', '2025-01-01'],
      input: '{"a": 1}\n',
      grep: '"due"',
      realProcess: true,
    });
    expect(parse(`npx pdl evaluate "a b.pdl" c.json --json > out.json`)).toEqual({ args: ['evaluate', 'a b.pdl', 'c.json', '--json'], redirect: 'out.json', realProcess: false });
    expect(parse('node bin/pdl.js --help')).toEqual({ args: ['--help'], realProcess: true });
    expect(() => parse('pdl check a.pdl && rm -rf out')).toThrow(/unsupported/);
  });

  it('copies policies/ for every file, and the other folders for the files whose commands name them', () => {
    const example = (text: string): Example => ({ file: 'x.md', line: 1, text, exit: 0 });
    expect(copiedFor([example('pdl test')])).toEqual(['policies']);
    expect(copiedFor([example('pdl check test/cases/durations/bad/bare-number.pdl'), example('pdl fmt --check bench/fixtures')])).toEqual(['policies', 'test/cases', 'bench/fixtures']);
    expect(copiedFor([example('pdl check test/cases-elsewhere/a.pdl')])).toEqual(['policies']);
  });

  it('<...> stands for any text within one line, and nothing else is loose', () => {
    expect(matches(['done (<...>)'], ['done (2 worker threads)'])).toBe(true);
    expect(matches(['done (<...>)'], ['done (2 worker threads)', 'more'])).toBe(false);
    expect(matches(['done (one thread)'], ['done (2 worker threads)'])).toBe(false);
    expect(matches(['a.b'], ['axb'])).toBe(false);
  });
});

describe('command examples in README.md and docs/*.md', () => {
  beforeAll(() => rmSync(SCRATCH, { recursive: true, force: true }));
  afterAll(() => rmSync(SCRATCH, { recursive: true, force: true }));

  it('finds the examples, and every block mixing pdl with other programs is marked not run', () => {
    const runs = [...plans.values()].reduce((n, p) => n + p.runs.length, 0);
    expect(runs).toBeGreaterThan(30);
    expect([...plans.values()].flatMap((p) => p.unmarked)).toEqual([]);
  });

  it('lists the blocks marked not run, each with its reason (few, and justified)', () => {
    const notRun = [...plans.values()].flatMap((p) => p.notRun.map((n) => `${n.block.file}:${n.block.line}: ${n.block.notRun!}`));
    expect(notRun.length).toBeLessThanOrEqual(8);
    for (const n of notRun) expect(n).toMatch(/: \S.{10,}$/);
  });

  it('every npm command names a script of package.json (npm commands are not run here)', () => {
    const npm = [...plans.values()].flatMap((p) => p.npm);
    expect(npm.length).toBeGreaterThan(0);
    expect(npmProblems(npm)).toEqual([]);
  });

  for (const [file, plan] of plans) {
    if (plan.runs.length === 0) continue;
    describe(file, () => {
      const dir = join(SCRATCH, file.replace(/[/.]/g, '-'));
      beforeAll(() => {
        mkdirSync(dir, { recursive: true });
        for (const folder of copiedFor(plan.runs)) cpSync(join(ROOT, folder), join(dir, folder), { recursive: true });
      });
      for (const example of plan.runs) {
        it(`line ${example.line}: ${example.text}`, async () => {
          const parsed = parse(example.text);
          const r = await runIn(dir, parsed);
          const where = `${file}:${example.line}: ${example.text}\nstdout:\n${r.stdout}\nstderr:\n${r.stderr}`;
          expect(r.status, where).toBe(example.exit);
          if (parsed.redirect !== undefined) writeFileSync(join(dir, parsed.redirect), r.stdout);
          if (example.output === undefined) return;
          let printed = parsed.redirect !== undefined ? r.stderr : r.stdout + r.stderr;
          if (parsed.grep !== undefined) printed = printed.split('\n').filter((l) => l.includes(parsed.grep!)).join('\n');
          const actual = printed.replace(/\n$/, '').split('\n');
          if (!matches(example.output, actual)) expect(actual.join('\n'), where).toBe(example.output.join('\n'));
        }, /^(echo|node) /.test(example.text) ? timeoutFor(1) : IN_PROCESS_TIMEOUT_MS);
      }
    });
  }
});
