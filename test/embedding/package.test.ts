/**
 * What an embedder installs, checked offline and in seconds: the published packages of the npm
 * workspaces (packages/runtime, packages/compiler, packages/cli; docs/embedding.md, "The packages").
 *
 * - `@pdl/runtime`, really packed (`npm pack`) and really installed (`npm install --offline` of the
 *   tarball, which needs no registry because the package has no dependencies) into an empty project
 *   in the system's temporary folder, away from this repository's node_modules. The project then holds
 *   that one package and nothing else, under 10 MB; the package has no dependencies, no install-time
 *   script, no sources but declarations, no sourcemaps; its bundle imports no npm package and no Node
 *   built-in (so typescript, ts-morph, chevrotain, tsx, esbuild can never come back through it).
 * - Three consumer projects below that project, each with a copy of the committed compiled module
 *   (`examples/embedding/compiled/statutory-reviews.mjs`, `.d.mts`, `.schema.json`): an ESM one
 *   (`"type": "module"`), a CommonJS one as `npm init -y` makes it (`"type": "commonjs"`) and one with no
 *   `"type"`. In plain Node each gets the interpreter's answer on the fixture case: ESM by `import`,
 *   CommonJS by `require()` (Node 20.19+ require(esm), with no warning) and by `import()`; the
 *   `node -e` snippets of docs/embedding.md, extracted from the Markdown, run as written in each (the
 *   one that validates with ajv finds ajv as the embedder's own dependency, linked into the consumer's
 *   node_modules); a strict TypeScript consumer (`module: nodenext`, library checks on) type-checks in
 *   the ESM and the CommonJS project against the installed declarations; the compiled module bundles
 *   for the browser (esbuild, platform browser: a Node built-in would fail it).
 * - `@pdl/compiler` and `@pdl/cli` (`npm pack --dry-run`): what each packs, no install-time script,
 *   and every package their built files import is one of their `dependencies`.
 * - In this repository: `@pdl/runtime` and `@pdl/compiler` resolve through the workspace links
 *   (node_modules/@pdl/*) to the packages' builds, and the docs' compiler snippet runs against
 *   `@pdl/compiler` as written.
 * Not covered: installing `@pdl/compiler` or `@pdl/cli` from their tarballs (their dependencies need
 * the registry); the dependency check above stands for it.
 *
 * Input: the repository (packages/*\/dist built by scripts/build-lib.mjs and scripts/build-cli.mjs,
 * run here when stale), npm. Output: assertions; the scratch project is removed afterwards.
 * Every test that starts a process (node, tsc, npm) has the timeout of test/support/processes.ts for
 * that many processes: a loaded machine makes it slower, never makes it fail.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { ensureLibBuilt } from '../support/ensure-lib-built.ts';
import { run, timeoutFor, type Run } from '../support/processes.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compile } from '../../compiler/index.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const NPM_CLI = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const COMPILED = join(ROOT, 'examples', 'embedding', 'compiled');
const POLICY = 'policies/england/statutory-reviews.pdl';
const CASE_FILE = 'test/cli/fixtures/case.json';
const AS_OF = '2025-09-01';
/** The runtime package's installed size must stay below this (docs/embedding.md, "The packages"). */
const RUNTIME_INSTALL_LIMIT = 10 * 1024 * 1024;
/** Packages that must never be a dependency of the runtime package, nor be imported by its bundle. */
const HEAVY = ['typescript', 'ts-morph', 'chevrotain', 'tsx', 'esbuild', 'vite', '@pdl/compiler', '@pdl/cli'];
/** The consumer projects below the scratch project (all resolve `@pdl/runtime` from its node_modules). */
const CONSUMERS = [
  { kind: 'esm', packageJson: { name: 'pdl-consumer-esm', version: '1.0.0', private: true, type: 'module' } },
  // What `npm init -y` writes (npm 11): `.js` files are CommonJS, with no syntax detection.
  { kind: 'commonjs', packageJson: { name: 'pdl-consumer-cjs', version: '1.0.0', private: true, type: 'commonjs' } },
  // No "type" at all: CommonJS by default (Node 20.19+ retries a `.js` file with ESM syntax as ESM).
  { kind: 'untyped', packageJson: { name: 'pdl-consumer-untyped', version: '1.0.0', private: true } },
] as const;

interface PackageJson {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  scripts?: Record<string, string>;
  bin?: Record<string, string>;
}

let scratch = '';
const installed = (): string => join(scratch, 'node_modules', '@pdl', 'runtime');
const consumerDir = (kind: string): string => join(scratch, kind);
let runtimePacked: string[] = [];
let installedNames: string[] = [];

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

function npm(args: readonly string[], cwd: string): Run {
  return run(NPM_CLI, args, { cwd, env: npmEnv(), shell: process.platform === 'win32' });
}

function ok(r: Run, what: string): string {
  if (r.status !== 0) throw new Error(`${what} failed (${r.status ?? 'no exit code'}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/**
 * The module specifiers that a file written by esbuild (every built file of the packages is) loads:
 * `import`/`export ... from "..."`, `import "..."`, `import("...")`, and `__require("...")`, which is how
 * esbuild writes a `require` of bundled CommonJS code that it left to run time. esbuild writes these
 * with double quotes, at the start of a line for static imports. Not `ts.preProcessFile`, which also
 * counts AMD `define(["moment"], ...)` in a bundled UMD wrapper (Node never runs it), nor a syntax tree
 * (parsing the bundles, 10 MB, costs seconds); a plain `require("...")` is left out because in esbuild's
 * output it is only ever text (ajv's code generator holds some in strings).
 */
function specifiersOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found: string[] = [];
  const patterns = [/^(?:import|export)\b[^;"]*?\bfrom\s*"([^"]+)"/gm, /^import\s*"([^"]+)"/gm, /\bimport\(\s*"([^"]+)"\s*\)/g, /\b__require\(\s*"([^"]+)"\s*\)/g];
  for (const pattern of patterns) for (const m of text.matchAll(pattern)) found.push(m[1] as string);
  return found;
}

/** The npm packages (bare specifiers, by package name) that a built JavaScript file imports or requires; Node built-ins apart. */
function importedPackages(file: string): string[] {
  const names = new Set<string>();
  for (const fileName of specifiersOf(file)) {
    if (fileName.startsWith('.') || fileName.startsWith('node:') || builtinModules.includes(fileName.split('/')[0] as string)) continue;
    names.add(fileName.startsWith('@') ? fileName.split('/').slice(0, 2).join('/') : (fileName.split('/')[0] as string));
  }
  return [...names].sort();
}

/** Every file below `dir` (paths relative to it, `/`-separated). */
function filesBelow(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesBelow(join(dir, entry.name), `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`],
  );
}

/** The size in bytes of the files below `dir` (what `du` counts, less the file system's block rounding). */
function bytesBelow(dir: string): number {
  return filesBelow(dir).reduce((sum, file) => sum + statSync(join(dir, file)).size, 0);
}

/** `npm pack --dry-run --json` of workspace packages (one npm run): the files each would pack, by package name. */
function dryRunPack(workspaces: readonly string[]): Map<string, string[]> {
  const out = ok(npm(['pack', '--dry-run', '--json', '--ignore-scripts', ...workspaces.flatMap((w) => ['--workspace', w])], ROOT), 'npm pack --dry-run');
  return new Map((JSON.parse(out) as { name: string; files: { path: string }[] }[]).map((r) => [r.name, r.files.map((f) => f.path)]));
}

beforeAll(() => {
  ensureLibBuilt();
  // The CLI package's bundle (scripts/build-cli.mjs; `npm test`'s pretest runs it too). It takes seconds
  // only when the bundle is missing: a present one may be older than the sources, which changes no
  // file list or import checked here.
  if (statSync(join(ROOT, 'packages', 'cli', 'dist', 'cli', 'pdl.mjs'), { throwIfNoEntry: false }) === undefined) {
    const built = spawnSync(process.execPath, ['scripts/build-cli.mjs'], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
    if (built.status !== 0) throw new Error(`build:cli failed: ${built.stderr}`);
  }
  scratch = mkdtempSync(join(tmpdir(), 'pdl-embedder-'));
  writeFileSync(join(scratch, 'package.json'), `${JSON.stringify({ name: 'pdl-embedder', version: '1.0.0', private: true }, null, 2)}\n`);
  // --ignore-scripts: the build above is current; `prepack` would only run it again.
  const packed = JSON.parse(ok(npm(['pack', '--json', '--ignore-scripts', '--workspace', 'packages/runtime', '--pack-destination', scratch], ROOT), 'npm pack -w packages/runtime')) as {
    filename: string;
    files: { path: string }[];
  }[];
  runtimePacked = (packed[0]?.files ?? []).map((f) => f.path);
  const tarball = join(scratch, packed[0]?.filename ?? 'missing.tgz');
  // No --ignore-scripts: were there an install script, it would run (and the manifest check below fails).
  ok(npm(['install', '--offline', '--no-audit', '--no-fund', '--no-package-lock', tarball], scratch), 'npm install of the @pdl/runtime tarball');
  rmSync(tarball);
  installedNames = readdirSync(join(scratch, 'node_modules')).flatMap((name) =>
    name.startsWith('@') ? readdirSync(join(scratch, 'node_modules', name)).map((inner) => `${name}/${inner}`) : name.startsWith('.') ? [] : [name],
  );
  for (const { kind, packageJson } of CONSUMERS) {
    const dir = consumerDir(kind);
    mkdirSync(join(dir, 'compiled'), { recursive: true });
    writeFileSync(join(dir, 'package.json'), `${JSON.stringify(packageJson, null, 2)}\n`);
    for (const file of ['statutory-reviews.mjs', 'statutory-reviews.d.mts', 'statutory-reviews.schema.json']) copyFileSync(join(COMPILED, file), join(dir, 'compiled', file));
    // The docs' snippets read the fixture case by its repository path.
    mkdirSync(join(dir, dirname(CASE_FILE)), { recursive: true });
    copyFileSync(join(ROOT, CASE_FILE), join(dir, CASE_FILE));
    // The embedder's own validator for the docs' schema snippet: ajv, as if installed by the embedder.
    mkdirSync(join(dir, 'node_modules'), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules', 'ajv'), join(dir, 'node_modules', 'ajv'), 'junction');
  }
}, timeoutFor(4));

afterAll(() => {
  if (scratch !== '') rmSync(scratch, { recursive: true, force: true });
});

describe('the @pdl/runtime package, installed alone from its tarball', () => {
  it('installs exactly one package, with no dependencies and no install-time script, in under 10 MB', () => {
    expect(installedNames).toEqual(['@pdl/runtime']);
    const manifest = JSON.parse(readFileSync(join(installed(), 'package.json'), 'utf8')) as PackageJson;
    expect(manifest.name).toBe('@pdl/runtime');
    expect(manifest.dependencies ?? {}).toEqual({});
    expect(manifest.peerDependencies ?? {}).toEqual({});
    expect(manifest.optionalDependencies ?? {}).toEqual({});
    for (const name of HEAVY) expect(JSON.stringify(manifest), name).not.toContain(`"${name}"`);
    expect(Object.keys(manifest.scripts ?? {}).filter((s) => /^(pre|post)?install$|^prepare$/.test(s))).toEqual([]);
    expect(bytesBelow(join(scratch, 'node_modules'))).toBeLessThan(RUNTIME_INSTALL_LIMIT);
  });

  it('packs its bundle, declarations, licences and README only: no sources, no sourcemaps', () => {
    for (const file of ['package.json', 'README.md', 'dist/index.js', 'dist/index.d.ts', 'dist/THIRD-PARTY-LICENSES.txt']) expect(runtimePacked).toContain(file);
    expect(runtimePacked.filter((f) => f !== 'package.json' && f !== 'README.md' && !f.startsWith('dist/'))).toEqual([]);
    expect(runtimePacked.filter((f) => (f.endsWith('.ts') && !f.endsWith('.d.ts')) || f.endsWith('.map'))).toEqual([]);
    // What was packed is what was installed.
    expect(filesBelow(installed()).sort()).toEqual([...runtimePacked].sort());
  });

  it('has a bundle that imports nothing: no npm package, no Node built-in', () => {
    expect(specifiersOf(join(installed(), 'dist', 'index.js'))).toEqual([]);
    // The licences of what it bundled instead (ajv, handlebars, date-holidays and theirs).
    const licences = readFileSync(join(installed(), 'dist', 'THIRD-PARTY-LICENSES.txt'), 'utf8');
    for (const name of ['ajv@', 'handlebars@', 'date-holidays@']) expect(licences).toContain(name);
  });

  it('runs the compiled module in an ESM consumer (import), with the interpreter\'s answer', { timeout: timeoutFor(2) }, () => {
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
    // It ran the installed runtime, not this repository's.
    const where = ok(run(process.execPath, ['--input-type=module', '-e', "process.stdout.write(import.meta.resolve('@pdl/runtime'))"], { cwd: dir }), 'resolve @pdl/runtime');
    expect(fileURLToPath(where)).toBe(join(installed(), 'dist', 'index.js'));
    expect(JSON.parse(out)).toEqual(interpreted());
  });

  it.each(['commonjs', 'untyped'])('runs the compiled module in the %s CommonJS consumer (require and import()), with the interpreter\'s answer and no warning', { timeout: timeoutFor(4) }, (kind) => {
    const dir = consumerDir(kind);
    const read = "JSON.parse(require('node:fs').readFileSync(process.argv[2], 'utf8'))";
    writeFileSync(
      join(dir, 'required.js'),
      ["const { evaluate } = require('./compiled/statutory-reviews.mjs');", `process.stdout.write(JSON.stringify(evaluate(${read}, '${AS_OF}')));`].join('\n'),
    );
    writeFileSync(
      join(dir, 'imported.js'),
      ["import('./compiled/statutory-reviews.mjs').then(({ evaluate }) => {", `  process.stdout.write(JSON.stringify(evaluate(${read}, '${AS_OF}')));`, '});'].join('\n'),
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
      expect(JSON.parse(ok(r, `node ${script} (${kind})`)), script).toEqual(expected);
    }
  });

  it('runs the node -e snippets of docs/embedding.md that use a compiled module, as written, in every consumer', { timeout: timeoutFor(6) }, () => {
    const snippets = docSnippets(readFileSync(join(ROOT, 'docs', 'embedding.md'), 'utf8')).filter((s) => !s.includes('@pdl/compiler'));
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
  // no "type" is CommonJS exactly as the second one, so a third tsc run (seconds) would check nothing new.
  it.each(CONSUMERS.map((c) => c.kind).filter((k) => k !== 'untyped'))('type-checks a strict TypeScript consumer (module nodenext) in the %s project against the installed declarations', { timeout: timeoutFor(1) }, (kind) => {
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
    // The declarations came from the installed package (--explainFiles names them relative to the project).
    expect(r.stdout.split('\n')).toContain(relative(dir, join(installed(), 'dist', 'index.d.ts')).split('\\').join('/'));
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

describe('the @pdl/compiler and @pdl/cli packages', () => {
  const PACKAGES = [
    { dir: 'packages/compiler', mustPack: ['dist/compiler/index.js', 'dist/compiler/index.d.ts', 'dist/compiler/language.js', 'dist/compiler/language.d.ts', 'dist/simulation/index.js', 'dist/simulation/index.d.ts', 'dist/THIRD-PARTY-LICENSES.txt'] },
    { dir: 'packages/cli', mustPack: ['bin/pdl.js', 'dist/cli/pdl.mjs', 'dist/cli/simulate-worker.js', 'dist/cli/THIRD-PARTY-LICENSES.txt', POLICY] },
  ];

  let packed = new Map<string, string[]>();
  beforeAll(() => {
    packed = dryRunPack(PACKAGES.map((p) => p.dir));
  }, timeoutFor(1));

  it.each(PACKAGES)('$dir packs its build, no sources or sourcemaps, has no install-time script, and declares every package it imports', ({ dir, mustPack }) => {
    const manifest = JSON.parse(readFileSync(join(ROOT, dir, 'package.json'), 'utf8')) as PackageJson;
    const files = packed.get(manifest.name) ?? [];
    for (const file of ['package.json', ...mustPack]) expect(files).toContain(file);
    expect(files.filter((f) => (f.endsWith('.ts') && !f.endsWith('.d.ts')) || f.endsWith('.map'))).toEqual([]);
    expect(Object.keys(manifest.scripts ?? {}).filter((s) => /^(pre|post)?install$|^prepare$/.test(s))).toEqual([]);
    const imported = new Set(files.filter((f) => /\.(m?js)$/.test(f)).flatMap((f) => importedPackages(join(ROOT, dir, f))));
    for (const name of imported) expect(Object.keys(manifest.dependencies ?? {}), `${name} is imported by ${dir} but not a dependency`).toContain(name);
    // The runtime package's version is pinned where a package depends on it: they are built together.
    const runtimeVersion = (JSON.parse(readFileSync(join(ROOT, 'packages', 'runtime', 'package.json'), 'utf8')) as PackageJson).version;
    if (manifest.dependencies?.['@pdl/runtime'] !== undefined) expect(manifest.dependencies['@pdl/runtime']).toBe(runtimeVersion);
  });
});

describe('this repository', () => {
  it('resolves @pdl/runtime and @pdl/compiler through the workspace links to the packages\' builds', { timeout: timeoutFor(1) }, () => {
    const script = [
      "const r = await import('@pdl/runtime'); const c = await import('@pdl/compiler');",
      "process.stdout.write([typeof r.preparePolicy, typeof c.compile, import.meta.resolve('@pdl/runtime'), import.meta.resolve('@pdl/compiler')].join(' '));",
    ].join(' ');
    const r = run(process.execPath, ['--input-type=module', '-e', script], { cwd: join(ROOT, 'examples', 'embedding') });
    expect(r.stderr).toBe('');
    const [runtimeKind, compilerKind, runtimeUrl, compilerUrl] = r.stdout.split(' ');
    expect([runtimeKind, compilerKind]).toEqual(['function', 'function']);
    expect(fileURLToPath(runtimeUrl ?? '')).toBe(join(ROOT, 'packages', 'runtime', 'dist', 'index.js'));
    expect(fileURLToPath(compilerUrl ?? '')).toBe(join(ROOT, 'packages', 'compiler', 'dist', 'compiler', 'index.js'));
  });

  it('runs the compiler snippet of docs/embedding.md as written, against @pdl/compiler', { timeout: timeoutFor(1) }, () => {
    const snippets = docSnippets(readFileSync(join(ROOT, 'docs', 'embedding.md'), 'utf8')).filter((s) => s.includes('@pdl/compiler'));
    expect(snippets).toHaveLength(1);
    const out = ok(run(process.execPath, ['--input-type=module', '-e', snippets[0] as string], { cwd: ROOT }), 'the compiler snippet');
    const shown = /<!-- compiler snippet output -->\n```text\n([\s\S]*?)\n```/.exec(readFileSync(join(ROOT, 'docs', 'embedding.md'), 'utf8'))?.[1];
    expect(shown, 'docs/embedding.md shows the snippet\'s output after <!-- compiler snippet output -->').toBeDefined();
    expect(out.trimEnd()).toBe(shown);
  });
});
