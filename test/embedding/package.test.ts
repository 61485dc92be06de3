/**
 * What an embedding project needs from the package, checked offline and in seconds (no `npm install`:
 * it needs the registry whenever npm's cache lacks a dependency, and takes most of a minute):
 * - `npm pack --dry-run` lists the bin, the CLI bundle, `pdl/runtime` and `pdl/compiler` with their
 *   declarations, and the policies; no sources, tests, examples or sourcemaps;
 * - every package the packed runtime and compiler import is a `dependencies` entry (so that installing
 *   pdl installs it);
 * - the packed files, copied into a scratch project's node_modules/pdl beside the committed compiled
 *   module, run it in plain Node with the interpreter's answer, and type-check a strict TypeScript
 *   consumer of it against the packed declarations (library checks on);
 * - the compiled module bundles for the browser (esbuild, platform browser: a Node built-in would
 *   fail it);
 * - in this repository, `import 'pdl/runtime'` resolves from a module inside it (package
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
import { dirname, join } from 'node:path';
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
  writeFileSync(join(SCRATCH, 'package.json'), `${JSON.stringify({ name: 'pdl-consumer', private: true, type: 'module' }, null, 2)}\n`);
  mkdirSync(join(SCRATCH, 'compiled'));
  for (const file of ['statutory-reviews.js', 'statutory-reviews.d.ts']) copyFileSync(join(COMPILED, file), join(SCRATCH, 'compiled', file));
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

  it('runs the compiled module in plain Node, from the packed files, with the interpreter\'s answer', { timeout: timeoutFor(2) }, () => {
    writeFileSync(
      join(SCRATCH, 'evaluate.mjs'),
      [
        "import { readFileSync } from 'node:fs';",
        "import { evaluate } from './compiled/statutory-reviews.js';",
        `process.stdout.write(JSON.stringify(evaluate(JSON.parse(readFileSync(process.argv[2], 'utf8')), '${AS_OF}')));`,
      ].join('\n'),
    );
    const out = ok(run(process.execPath, ['evaluate.mjs', join(ROOT, CASE_FILE)], { cwd: SCRATCH }), 'node evaluate.mjs');
    // It ran the packed runtime, not this repository's (which a self-reference would find).
    const where = ok(
      run(process.execPath, ['--input-type=module', '-e', "process.stdout.write(import.meta.resolve('pdl/runtime'))"], { cwd: SCRATCH }),
      'resolve pdl/runtime',
    );
    expect(fileURLToPath(where)).toBe(join(INSTALLED, 'dist', 'runtime', 'index.js'));
    const policy = compile(readFileSync(join(ROOT, POLICY), 'utf8'), { uri: POLICY }).policy;
    const expected = policy?.evaluate(JSON.parse(readFileSync(join(ROOT, CASE_FILE), 'utf8')), AS_OF);
    expect(expected?.ok).toBe(true);
    expect(JSON.parse(out)).toEqual(expected);
  });

  it('type-checks a strict TypeScript consumer of the compiled module against the packed declarations', { timeout: timeoutFor(1) }, () => {
    writeFileSync(
      join(SCRATCH, 'consumer.ts'),
      [
        "import { evaluate, POLICY, type CaseInput, type Obligation, type Outcome } from './compiled/statutory-reviews.js';",
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
      join(SCRATCH, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: false, types: [] },
        files: ['consumer.ts'],
      }),
    );
    const r = run(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', '.', '--listFiles'], { cwd: SCRATCH });
    const errors = r.stdout.split('\n').filter((l) => l.includes('error TS'));
    expect(errors).toEqual([]);
    expect(r.status).toBe(0);
    // The declarations came from the packed files.
    expect(r.stdout).toContain(join(INSTALLED, 'dist', 'runtime', 'index.d.ts').split('\\').join('/'));
  });

  it('bundles the compiled module for the browser (no Node built-in below it)', { timeout: timeoutFor(1) }, async () => {
    const result = await build({
      entryPoints: [join(SCRATCH, 'compiled', 'statutory-reviews.js')],
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
  it("resolves 'pdl/runtime' from a module inside it (package self-reference)", { timeout: timeoutFor(1) }, () => {
    const script = "const r = await import('pdl/runtime'); process.stdout.write(typeof r.preparePolicy + ' ' + import.meta.resolve('pdl/runtime'));";
    const r = run(process.execPath, ['--input-type=module', '-e', script], { cwd: join(ROOT, 'examples', 'embedding') });
    expect(r.stderr).toBe('');
    const [kind, url] = r.stdout.split(' ');
    expect(kind).toBe('function');
    expect(fileURLToPath(url ?? '')).toBe(join(ROOT, 'dist', 'runtime', 'index.js'));
  });
});
