/**
 * Benchmark: `pdl check` where users feel it (issue 17, its first two goals), each figure a ratio
 * against a reference measured in the same run.
 *
 * 1. Start-up: `node bin/pdl.js check policies/england/statutory-reviews.pdl` (the whole command: Node's
 *    start, bin/pdl.js choosing the bundle, loading it, building the lexer and parser, compiling the
 *    3 KB policy and printing) against `node -e 0`, wall time of each child process, median of
 *    `PDL_BENCH_RUNS` (default 9) runs taken alternately. Goal: within 2x.
 * 2. Parse + check per byte: `compileToIr` (every stage `pdl check` runs: lex, parse, AST, resolve,
 *    elaborate, lints, IR; not the printing) on generated policies (bench/check-fixture.ts) of 10 KB to
 *    500 KB, in this process after a warm-up, against `JSON.parse` of a JSON document of the same size.
 *    Goal: within 15x per byte, and linear (the 500 KB time about 10x the 50 KB time). The compiler
 *    refuses a policy over 512 KiB (docs/limits.md, `pdl/policy-too-large`) and has no way to raise
 *    that, so the full pipeline is measured up to 500 KB; at 1 MB only lexing + parsing (the stages
 *    before the limit matters, `parse` of grammar/index.ts) is measured, and said so.
 *
 * Input: none (the policies are generated; the CLI is run from this repository: run `npm run
 * build:cli` first, or the figures are those of the TypeScript sources through tsx, which the report
 * says). Output: a report on stdout. Timings are wall-clock on whatever else the machine is doing:
 * read the ratios, and run it again when the machine is busy.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { compileToIr } from '../compiler/index.ts';
import { parse } from '../grammar/index.ts';
import { generatedPolicy, jsonOfSize } from './check-fixture.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const STATUTORY = 'policies/england/statutory-reviews.pdl';

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
}

const ms = (x: number): string => `${x.toFixed(x < 10 ? 2 : 0)} ms`;

/** Wall milliseconds of one child process; throws when it fails. */
function runChild(args: readonly string[]): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' });
  const took = performance.now() - started;
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} exited with ${result.status}: ${result.stderr}`);
  return took;
}

function startUp(): void {
  const runs = Number(process.env['PDL_BENCH_RUNS'] ?? 9);
  const which = spawnSync(process.execPath, ['bin/pdl.js', '--version'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, PDL_DEBUG: '1' } }).stderr.trim();
  console.log(`start-up (${which.replace(/^pdl: /, 'pdl ')}), wall, median of ${runs} runs each, taken alternately:`);
  const commands: Record<string, readonly string[]> = {
    'node -e 0': ['-e', '0'],
    'pdl --version': ['bin/pdl.js', '--version'],
    [`pdl check ${STATUTORY}`]: ['bin/pdl.js', 'check', STATUTORY],
  };
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(commands).map((name) => [name, []]));
  for (const args of Object.values(commands)) runChild(args); // warm the file cache
  for (let i = 0; i < runs; i++) for (const [name, args] of Object.entries(commands)) times[name]!.push(runChild(args));
  const reference = median(times['node -e 0']!);
  for (const [name, list] of Object.entries(times)) {
    console.log(`  ${name.padEnd(58)} ${ms(median(list)).padStart(9)}  ${(median(list) / reference).toFixed(2)}x node -e 0`);
  }
  const check = median(times[`pdl check ${STATUTORY}`]!) / reference;
  console.log(`  goal: pdl check within 2x node -e 0: ${check.toFixed(2)}x, ${check <= 2 ? 'met' : 'not met'}`);
}

/** Median milliseconds of `body` over `runs` runs, after one warm-up run. */
function timeIt(runs: number, body: () => unknown): number {
  body();
  const list: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    body();
    list.push(performance.now() - started);
  }
  return median(list);
}

function perByte(): void {
  console.log('\nparse + check (compileToIr: every stage of pdl check) vs JSON.parse of a JSON document of the same size, in-process, median:');
  // The statutory policy first: the parser is built and the code warmed before any figure.
  const statutory = readFileSync(`${ROOT}${STATUTORY}`, 'utf8');
  timeIt(5, () => compileToIr(statutory, { uri: STATUTORY }));
  const times = new Map<number, number>();
  let worst = 0;
  for (const size of [10_000, 50_000, 100_000, 500_000]) {
    const text = generatedPolicy(size);
    const errors = compileToIr(text, { uri: 'generated.pdl' }).diagnostics.filter((d) => d.severity === 'error');
    if (errors.length > 0) throw new Error(`the generated policy of ${size} bytes has errors: ${errors[0]!.message}`);
    const runs = size >= 500_000 ? 3 : 7;
    const check = timeIt(runs, () => compileToIr(text, { uri: 'generated.pdl' }));
    const json = jsonOfSize(text.length);
    const jsonMs = timeIt(runs * 3, () => JSON.parse(json));
    const ratio = check / text.length / (jsonMs / json.length);
    worst = Math.max(worst, ratio);
    times.set(size, check);
    console.log(`  ${`${Math.round(text.length / 1000)} KB`.padStart(7)}: check ${ms(check).padStart(10)} (${((check * 1000) / (text.length / 1000)).toFixed(1)} us/KB), JSON.parse ${ms(jsonMs).padStart(9)}: ${ratio.toFixed(1)}x per byte`);
  }
  const growth = times.get(500_000)! / times.get(50_000)!;
  console.log(`  500 KB / 50 KB time: ${growth.toFixed(1)}x (linear: 10x)`);
  const text = generatedPolicy(1_000_000);
  const parseMs = timeIt(3, () => parse(text));
  const json = jsonOfSize(text.length);
  const jsonMs = timeIt(9, () => JSON.parse(json));
  const tenth = generatedPolicy(100_000);
  const halfMs = timeIt(3, () => parse(tenth));
  console.log(`  1 MB, lex + parse only (the compiler refuses a policy over 512 KiB): ${ms(parseMs)}, ${(parseMs / text.length / (jsonMs / json.length)).toFixed(1)}x JSON.parse per byte; 1 MB / 100 KB: ${(parseMs / halfMs).toFixed(1)}x`);
  console.log(`  goal: within 15x JSON.parse per byte up to 500 KB: worst ${worst.toFixed(1)}x, ${worst <= 15 ? 'met' : 'not met'}; linear: ${growth <= 12 ? 'met' : 'not met'} (${growth.toFixed(1)}x for 10x the size)`);
}

export async function run(): Promise<void> {
  startUp();
  perByte();
  await Promise.resolve();
}
