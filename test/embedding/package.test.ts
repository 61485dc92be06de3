/**
 * What an embedding project needs from the package, checked offline and in seconds (no `npm install`:
 * it needs the registry whenever npm's cache lacks a dependency, and takes most of a minute):
 * - `npm pack --dry-run` lists the bin, the CLI bundle, `@pdl/runtime` and `@pdl/compiler` with their
 *   declarations, and the policies; no sources, tests, examples or sourcemaps;
 * - every package the packed runtime and compiler import is a `dependencies` entry (so that installing
 *   pdl installs it);
 * - the packed files, copied into a scratch project's node_modules/pdl, serve the committed compiled
 *   module (`.mjs`, `.d.mts`) to three consumer projects below it: an ESM one (`"type": "module"`), a
 *   CommonJS one as `npm init -y` makes it (`"type": "commonjs"`) and one with no `"type"`. In plain
 *   Node, each gets the interpreter's answer on the fixture case: ESM by `import`, CommonJS by
 *   `require()` (Node 20.19+ require(esm), with no warning) and by `import()`; the `node -e` snippets of docs/embedding.md,
 *   extracted from the Markdown, run as written in both; and a strict TypeScript consumer
 *   (`module: nodenext`) type-checks in both against the packed declarations (library checks on);
 * - the compiled module bundles for the browser (esbuild, platform browser: a Node built-in would
 *   fail it);
 * - in this repository, `import '@pdl/runtime'` resolves from a module inside it (package
 *   self-reference), as examples/embedding/ relies on.
 * Not covered: the scratch project (test-artifacts/, inside the repository) resolves the dependencies
 * from this repository's node_modules, so a dependency's own packaging is not tested; the second check
 * above is what stands for `npm install`.
 *
 * Input: the repository (dist/ built by scripts/build-lib.mjs, run here when stale), npm.
 * Output: assertions; the scratch project is removed afterwards.
 * Every test that starts a process (node, tsc, npm) has the timeout of test/support/processes.ts for
 * that many processes: a loaded machine makes it slower, never makes it fail.
 */
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import ts from 'typescript';
import { ensureLibBuilt } from '../support/ensure-lib-built.ts';
import { run, timeoutFor, type Run } from '../support/processes.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compile } from '../../compiler/index.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const NPM_CLI = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const SCRATCH = join(ROOT, 'test-artifacts', `package-test-${process.pid}`);
const INSTALLED = join(SCRATCH, 'node_modules', 'pdl');
const COMPILED = join(ROOT, 'examples', 'embedding', 'compiled');
const POLICY = 'policies/england/statutory-reviews.pdl';
const CASE_FILE = 'test/cli/fixtures/case.json';
const AS_OF = '2025-09-01';
/** The two consumer projects below SCRATCH (both resolve `pdl` from SCRATCH/node_modules). */
const CONSUMERS = [
  { kind: 'esm', packageJson: { name: 'pdl-consumer-esm', version: '1.0.0', private: true, type: 'module' } },
  // What `npm init -y` writes (npm 11): `.js` files are CommonJS, with no syntax detection.
  { kind: 'commonjs', packageJson: { name: 'pdl-consumer-cjs', version: '1.0.0', private: true, type: 'commonjs' } },
  // No "type" at all: CommonJS by default (Node 20.19+ retries a `.js` file with ESM syntax as ESM).
  { kind: 'untyped', packageJson: { name: 'pdl-consumer-untyped', version: '1.0.0', private: true } },
] as const;
const consumerDir = (kind: string): string => join(SCRATCH, kind);

/** The interpreter's outcome on the fixture case, as `pdl evaluate --json` computes it. */
function interpreted(): unknown {
  const policy = compile(readFileSync(join(ROOT, POLICY), 'utf8'), { uri: POLICY }).policy;
  const expected = policy?.evaluate(JSON.parse(readFileSync(join(ROOT, CASE_FILE), 'utf8')), AS_OF);
  expect(expected?.ok).toBe(true);
  return expected;
}

/**
 * The scripts of docs/embedding.md's `node --input-type=module -e "..."` commands: the double-quoted
 * argument, unescaped as a POSIX shell would (`\$`, `\"`, `\\`, `` \` ``). A snippet with another shell
 * expansion (an unescaped `$` or backquote) is refused rather than run differently from the shell.
 */
function docSnippets(markdown: string): string[] {
  const scripts: string[] = [];
  for (const m of markdown.matchAll(/^node --input-type=module -e "\n([\s\S]*?)\n"/gm)) {
    const quoted = m[1] as string;
    if (/(^|[^\\])[$`]/.test(quoted)) throw new Error(`docs/embedding.md: a node -e snippet uses shell expansion: ${quoted.slice(0, 60)}`);
    scripts.push(quoted.replace(/\\([$"\\`])/g, '$1'));
  }
  return scripts;
}

/** The environment for npm: without the variables the `npm test` that may run this sets. */
function npmEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^npm_/i.test(key)) env[key] = value;
  }
  return env;
}

function ok(r: Run, what: string): string {
  if (r.status !== 0) throw new Error(`${what} failed (${r.status ?? 'no exit code'}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

let packed: string[] = [];

beforeAll(() => {
  ensureLibBuilt();
  // --ignore-scripts: dist/ is built above; `prepare` would rebuild the CLI bundle for nothing.
  const pack = ok(
    run(NPM_CLI, ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, env: npmEnv(), shell: process.platform === 'win32' }),
    'npm pack --dry-run',
  );
  packed = ((JSON.parse(pack) as { files: { path: string }[] }[])[0]?.files ?? []).map((f) => f.path);
  rmSync(SCRATCH, { recursive: true, force: true });
  for (const file of packed) {
    mkdirSync(dirname(join(INSTALLED, file)), { recursive: true });
    copyFileSync(join(ROOT, file), join(INSTALLED, file));
  }
  for (const { kind, packageJson } of CONSUMERS) {
    const dir = consumerDir(kind);
    mkdirSync(join(dir, 'compiled'), { recursive: true });
    writeFileSync(join(dir, 'package.json'), `${JSON.stringify(packageJson, null, 2)}\n`);
    for (const file of ['statutory-reviews.mjs', 'statutory-reviews.d.mts', 'statutory-reviews.schema.json']) copyFileSync(join(COMPILED, file), join(dir, 'compiled', file));
    // The docs' snippets read the fixture case by its repository path.
    mkdirSync(join(dir, dirname(CASE_FILE)), { recursive: true });
    copyFileSync(join(ROOT, CASE_FILE), join(dir, CASE_FILE));
  }
}, timeoutFor(2));

afterAll(() => {
  rmSync(SCRATCH, { recursive: true, force: true });
});

describe('the packed package', () => {
  it('holds the bin, the CLI bundle, both entries with their declarations, the policies; no sources, tests, examples or sourcemaps', () => {
    for (const file of ['package.json', 'bin/pdl.js', 'dist/cli/pdl.mjs', 'dist/runtime/index.js', 'dist/runtime/index.d.ts', 'dist/compiler/index.js', 'dist/compiler/index.d.ts', POLICY]) {
      expect(packed).toContain(file);
    }
    expect(packed.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))).toEqual([]);
    expect(packed.filter((f) => /^(test|examples|bench|playground|runtime|compiler|grammar|scripts)\//.test(f) || f.endsWith('.map'))).toEqual([]);
  });

  it('declares, as dependencies, every package its runtime and compiler import', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
    const imported = new Set<string>();
    for (const file of packed.filter((f) => /^dist\/(runtime|compiler|grammar)\/.*\.js$/.test(f))) {
      for (const { fileName } of ts.preProcessFile(readFileSync(join(ROOT, file), 'utf8'), true, true).importedFiles) {
        if (fileName.startsWith('.') || fileName.startsWith('node:')) continue;
        imported.add(fileName.startsWith('@') ? fileName.split('/').slice(0, 2).join('/') : (fileName.split('/')[0] as string));
      }
    }
    expect(imported.size).toBeGreaterThan(0);
    for (const name of imported) expect(Object.keys(pkg.dependencies ?? {}), `${name} is imported by dist/ but not a dependency`).toContain(name);
  });

  it('runs the compiled module in an ESM consumer (import), from the packed files, with the interpreter\'s answer', { timeout: timeoutFor(2) }, () => {
    const dir = consumerDir('esm');
    writeFileSync(
      join(dir, 'evaluate.js'),
      [
        "import { readFileSync } from 'node:fs';",
        "import { evaluate } from './compiled/statutory-reviews.mjs';",
        `process.stdout.write(JSON.stringify(evaluate(JSON.parse(readFileSync(process.argv[2], 'utf8')), '${AS_OF}')));`,
      ].join('\n'),
    );
    const out = ok(run(process.execPath, ['evaluate.js', join(ROOT, CASE_FILE)], { cwd: dir }), 'node evaluate.js (esm)');
    // It ran the packed runtime, not this repository's (which a self-reference would find).
    const where = ok(
      run(process.execPath, ['--input-type=module', '-e', "process.stdout.write(import.meta.resolve('@pdl/runtime'))"], { cwd: dir }),
      'resolve @pdl/runtime',
    );
    expect(fileURLToPath(where)).toBe(join(INSTALLED, 'dist', 'runtime', 'index.js'));
    expect(JSON.parse(out)).toEqual(interpreted());
  });

  it.each(['commonjs', 'untyped'])('runs the compiled module in the %s CommonJS consumer (require and import()), with the interpreter\'s answer and no warning', { timeout: timeoutFor(3) }, (kind) => {
    const dir = consumerDir(kind);
    const read = "JSON.parse(require('node:fs').readFileSync(process.argv[2], 'utf8'))";
    writeFileSync(
      join(dir, 'required.js'),
      [
        "const { evaluate } = require('./compiled/statutory-reviews.mjs');",
        `process.stdout.write(JSON.stringify(evaluate(${read}, '${AS_OF}')));`,
      ].join('\n'),
    );
    writeFileSync(
      join(dir, 'imported.js'),
      [
        "import('./compiled/statutory-reviews.mjs').then(({ evaluate }) => {",
        `  process.stdout.write(JSON.stringify(evaluate(${read}, '${AS_OF}')));`,
        '});',
      ].join('\n'),
    );
    // The scripts above run as CommonJS: `require` is defined in them (it is not in an ES module).
    writeFileSync(join(dir, 'is-commonjs.js'), "process.stdout.write(typeof require + ' ' + typeof module);\n");
    expect(ok(run(process.execPath, ['is-commonjs.js'], { cwd: dir }), 'node is-commonjs.js')).toBe('function object');
    if (kind === 'commonjs') {
      // Where `import` syntax in a `.js` file is refused: a compiled `.js` module would fail here, the `.mjs` does not.
      writeFileSync(join(dir, 'import-syntax.js'), "import { evaluate } from './compiled/statutory-reviews.mjs';\n");
      const refused = run(process.execPath, ['import-syntax.js'], { cwd: dir });
      expect(refused.status).not.toBe(0);
      expect(refused.stderr).toContain('Cannot use import statement outside a module');
    }
    const expected = interpreted();
    for (const script of ['required.js', 'imported.js']) {
      const r = run(process.execPath, [script, join(ROOT, CASE_FILE)], { cwd: dir });
      expect(r.stderr, script).toBe('');
      expect(JSON.parse(ok(r, `node ${script} (commonjs)`)), script).toEqual(expected);
    }
  });

  it('runs the node -e snippets of docs/embedding.md as written, in every consumer', { timeout: timeoutFor(4) }, () => {
    const snippets = docSnippets(readFileSync(join(ROOT, 'docs', 'embedding.md'), 'utf8'));
    const evaluating = snippets.filter((s) => s.includes('./compiled/statutory-reviews.mjs'));
    expect(evaluating.length).toBeGreaterThan(0);
    for (const { kind } of CONSUMERS) {
      for (const script of snippets) {
        const out = ok(run(process.execPath, ['--input-type=module', '-e', script], { cwd: consumerDir(kind) }), `docs/embedding.md snippet in the ${kind} consumer`);
        if (evaluating.includes(script)) {
          // The snippet prints `outcome.result`: the interpreter's result.
          expect(JSON.parse(out), kind).toEqual((interpreted() as { result: unknown }).result);
        } else {
          expect(out.trim(), kind).toBe('true false');
        }
      }
    }
  });

  // Type-checked in the ESM and the `"type": "commonjs"` projects: to TypeScript (nodenext) a project with
  // no "type" is CommonJS exactly as the second one, so a third tsc run (seconds) would check nothing new;
  // the untyped project's run-time behaviour is tested above.
  it.each(CONSUMERS.map((c) => c.kind).filter((k) => k !== 'untyped'))('type-checks a strict TypeScript consumer (module nodenext) in the %s project against the packed declarations', { timeout: timeoutFor(1) }, (kind) => {
    const dir = consumerDir(kind);
    writeFileSync(
      join(dir, 'consumer.ts'),
      [
        "import { evaluate, POLICY, type CaseInput, type Obligation, type Outcome } from './compiled/statutory-reviews.mjs';",
        "const input: CaseInput = { id: 'case-1', child: { dob: '2015-03-01' }, events: [{ type: 'became_looked_after', date: '2025-04-14' }] };",
        "const outcome: Outcome = evaluate(input, '2025-09-01');",
        "const rules: string[] = outcome.ok ? outcome.result.obligations.map((o: Obligation) => o.rule) : outcome.errors.map((e) => e.path);",
        "// @ts-expect-error not an event type of the policy: were the declarations missing, this would be `any` and no error",
        "export const wrong: CaseInput = { id: 'x', child: { dob: '2015-03-01' }, events: [{ type: 'moved_to_mars', date: '2025-04-14' }] };",
        "// @ts-expect-error `due` is a string",
        "export const due: number | undefined = outcome.ok ? outcome.result.obligations[0]?.due : undefined;",
        'export const used = [rules, POLICY.id];',
      ].join('\n'),
    );
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: false, types: [] },
        files: ['consumer.ts'],
      }),
    );
    const r = run(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', '.', '--explainFiles'], { cwd: dir });
    const errors = r.stdout.split('\n').filter((l) => l.includes('error TS'));
    expect(errors).toEqual([]);
    expect(r.status).toBe(0);
    // The declarations came from the packed files (--explainFiles names them relative to the project).
    expect(r.stdout.split('\n')).toContain(relative(dir, join(INSTALLED, 'dist', 'runtime', 'index.d.ts')).split('\\').join('/'));
    // TypeScript took the consumer for the kind of module this project makes.
    const format = /^consumer\.ts\n(?: {2}.*\n)*? {2}File is (CommonJS|ECMAScript) module because/m.exec(r.stdout)?.[1];
    expect(format).toBe(kind === 'esm' ? 'ECMAScript' : 'CommonJS');
  });

  it('bundles the compiled module for the browser (no Node built-in below it)', { timeout: timeoutFor(1) }, async () => {
    const result = await build({
      entryPoints: [join(consumerDir('esm'), 'compiled', 'statutory-reviews.mjs')],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      logLevel: 'silent',
    });
    expect(result.errors).toEqual([]);
    expect(result.outputFiles[0]?.text).toContain('england.statutory_reviews');
  });
});

describe('this repository', () => {
  it("resolves '@pdl/runtime' from a module inside it (package self-reference)", { timeout: timeoutFor(1) }, () => {
    const script = "const r = await import('@pdl/runtime'); process.stdout.write(typeof r.preparePolicy + ' ' + import.meta.resolve('@pdl/runtime'));";
    const r = run(process.execPath, ['--input-type=module', '-e', script], { cwd: join(ROOT, 'examples', 'embedding') });
    expect(r.stderr).toBe('');
    const [kind, url] = r.stdout.split(' ');
    expect(kind).toBe('function');
    expect(fileURLToPath(url ?? '')).toBe(join(ROOT, 'dist', 'runtime', 'index.js'));
  });
});
