/**
 * The long fuzz campaign (`npm run fuzz -- [--minutes M] [--inputs N] [--seed S] [--from I] [--no-modules]`):
 * runs inputs from..from+N of the seeded mutator (test/fuzz/harness.ts) through the compiler, the
 * formatter, the evaluator and one emitted module per policy, until N inputs or M minutes
 * (default: 100,000 inputs, no time limit), and prints progress, inputs per second and the slowest
 * input's time and size.
 *
 * The modules are emitted here with `emitTypeScript` and imported with their runtime import pointed
 * at this tree's runtime/index.ts (so the runtime checked is this checkout's, whatever
 * `@pdl/runtime` resolves to); they are written to test-artifacts/fuzz-modules-<pid>/, removed after.
 *
 * Input: the command line. Output: progress on stderr (cli-progress), a summary on stdout, and one
 * reproducer per distinct finding (first input of each signature) under
 * test-artifacts/fuzz/<seed>/ (gitignored), and the slowest input's when it passed the bound: `<n>.json` (seed, index, findings, the input) and, for
 * a policy, `<n>.pdl`. Ctrl-C (or SIGTERM) stops after the current input and prints the summary. Replay one input with `--seed S --from I --inputs 1`. Exit status 1 when
 * anything was found, 0 otherwise.
 *
 * A time bound applies per input, in CPU time (the clock also counts waiting for a core on a busy
 * machine): 1 s plus 1 ms per KB of input (`--bound-ms`, `--bound-ms-per-kb`). Timings still depend
 * on the machine, so a `slow` finding is a lead to replay alone, not a verdict.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { SingleBar, Presets } from 'cli-progress';
import { importEmitted, loadTargets, makeInput, ROOT, runInput, signature, type Finding, type FuzzOutcome } from '../test/fuzz/harness.ts';

const { values } = parseArgs({
  options: {
    minutes: { type: 'string' },
    inputs: { type: 'string' },
    seed: { type: 'string', default: '1' },
    from: { type: 'string', default: '0' },
    'bound-ms': { type: 'string', default: '1000' },
    'bound-ms-per-kb': { type: 'string', default: '1' },
    'no-modules': { type: 'boolean', default: false },
    quiet: { type: 'boolean', default: false },
  },
});

const minutes = values.minutes === undefined ? Infinity : Number(values.minutes);
const inputs = values.inputs === undefined ? (values.minutes === undefined ? 100_000 : Infinity) : Number(values.inputs);
const seed = values.seed;
const from = Number(values.from);
const boundMs = Number(values['bound-ms']);
const perKb = Number(values['bound-ms-per-kb']);
for (const [name, n] of [['--minutes', minutes], ['--inputs', inputs], ['--from', from], ['--bound-ms', boundMs], ['--bound-ms-per-kb', perKb]] as const) {
  if (Number.isNaN(n) || n < 0) {
    process.stderr.write(`error: ${name} must be a number >= 0\n`);
    process.exit(2);
  }
}

const targets = loadTargets();
const moduleDir = join(ROOT, 'test-artifacts', `fuzz-modules-${process.pid}`);
// Run as the bundle of scripts/build-fuzz.mjs (`npm run fuzz`), the emitted modules import the
// runtime bundled beside it: plain node cannot import runtime/index.ts. Under tsx, the sources.
const bundledRuntime = import.meta.url.endsWith('.mjs') ? new URL('./runtime.mjs', import.meta.url).href : undefined;
if (!values['no-modules']) {
  process.stderr.write('emitting and loading one module per policy...\n');
  // Loaded only here: the emitter brings TypeScript itself.
  const { emitTypeScript } = await import('../compiler/emit.ts');
  for (const base of targets.bases) {
    const baseName = base.file.split('/').pop()!.replace(/\.pdl$/, '');
    const emitted = emitTypeScript(base.ir, { policyFile: base.file, baseName, pdlVersion: '0.0.0-fuzz' });
    base.module = await importEmitted(emitted.js, moduleDir, baseName, bundledRuntime);
  }
}

const outDir = join(ROOT, 'test-artifacts', 'fuzz', seed.replace(/[^\w.-]/g, '_'));
const seen = new Map<string, number>();
const counts: Record<Finding['kind'], number> = { exception: 0, range: 0, privacy: 0, slow: 0 };
let failingInputs = 0;
let slowest: FuzzOutcome | undefined;
let slowestIndex = 0;
let policyInputs = 0;
let caseInputs = 0;
const timeBound = (size: number): number => boundMs + (perKb * size) / 1024;

function writeReproducer(index: number, outcome: FuzzOutcome): string {
  mkdirSync(outDir, { recursive: true });
  const name = String(index);
  // Not indented: a case nested 10,000 deep, indented, is longer than a string may be (RangeError).
  writeFileSync(join(outDir, `${name}.json`), `${JSON.stringify({ seed, index, findings: outcome.findings, ms: Math.round(outcome.ms), cpuMs: Math.round(outcome.cpuMs), input: outcome.input })}\n`);
  if (outcome.input.kind === 'policy') writeFileSync(join(outDir, `${name}.pdl`), outcome.input.text);
  return join(outDir, name);
}

// A bar on a terminal; elsewhere (a log file, CI) one line every 30 s, unless --quiet.
const bar = values.quiet || process.stderr.isTTY !== true ? undefined : new SingleBar({ format: 'fuzz |{bar}| {value}/{total} inputs | {rate}/s | found {found} | slowest {slowest} ms', hideCursor: true, etaBuffer: 1000 }, Presets.shades_classic);
const totalForBar = Number.isFinite(inputs) ? inputs : 0;
bar?.start(totalForBar, 0, { rate: 0, found: 0, slowest: 0 });
const started = performance.now();
const deadline = started + minutes * 60_000;
let done = 0;
let lastUpdate = 0;
// Ctrl-C (or SIGTERM) ends the campaign after the current input, with its summary.
let stopped = false;
const stop = (): void => {
  if (stopped) process.exit(130);
  stopped = true;
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
let lastLine = performance.now();
for (let i = from; done < inputs && performance.now() < deadline && !stopped; i++, done++) {
  // Yields now and then, so that a signal is heard.
  if (done % 20 === 0) await new Promise((resolve) => setImmediate(resolve));
  const input = makeInput(targets, seed, i);
  if (input.kind === 'policy') policyInputs++;
  else caseInputs++;
  const outcome = runInput(targets, input, { timeBound });
  if (slowest === undefined || outcome.cpuMs > slowest.cpuMs) {
    slowest = outcome;
    slowestIndex = i;
  }
  if (outcome.findings.length > 0) {
    failingInputs++;
    let fresh = false;
    for (const f of outcome.findings) {
      counts[f.kind]++;
      const sig = signature(f);
      if (!seen.has(sig)) {
        seen.set(sig, i);
        fresh = true;
      }
    }
    if (fresh) {
      const path = writeReproducer(i, outcome);
      bar?.stop();
      process.stderr.write(`input ${i}: ${outcome.findings.map((f) => `${f.kind} in ${f.where}: ${f.detail}`).join('; ')}\n  -> ${path}.json\n`);
      bar?.start(totalForBar, done, { rate: 0, found: seen.size, slowest: Math.round(slowest.cpuMs) });
    }
  }
  const now = performance.now();
  if (now - lastUpdate > 500) {
    lastUpdate = now;
    const rate = Math.round((done + 1) / ((now - started) / 1000));
    if (totalForBar === 0) bar?.setTotal(done + 1);
    bar?.update(done + 1, { rate, found: seen.size, slowest: Math.round(slowest.cpuMs) });
    if (bar === undefined && !values.quiet && now - lastLine > 30_000) {
      lastLine = now;
      process.stderr.write(`fuzz: ${done + 1} inputs, ${rate}/s, found ${seen.size}, slowest ${Math.round(slowest.cpuMs)} ms\n`);
    }
  }
}
bar?.update(done, {});
bar?.stop();
rmSync(moduleDir, { recursive: true, force: true });

const seconds = (performance.now() - started) / 1000;
const lines = [
  `seed ${seed}, inputs ${from}..${from + done - 1}: ${done} inputs (${policyInputs} policy texts, ${caseInputs} cases) in ${seconds.toFixed(1)} s, ${(done / seconds).toFixed(0)} inputs/s`,
  `slowest: input ${slowestIndex}, ${slowest === undefined ? 0 : slowest.cpuMs.toFixed(0)} ms of CPU (${slowest === undefined ? 0 : slowest.ms.toFixed(0)} ms by the clock), ${slowest?.size ?? 0} characters (${slowest?.input.kind ?? '-'})`,
  `findings: ${failingInputs} inputs; exception ${counts.exception}, range ${counts.range}, privacy ${counts.privacy}, slow ${counts.slow}; ${seen.size} distinct`,
  ...[...seen.entries()].map(([sig, i]) => `  input ${i}: ${sig}`),
];
// The slowest input is kept too (later slow inputs share the first one's signature).
if (slowest !== undefined && slowest.findings.some((f) => f.kind === 'slow')) lines.push(`slowest input: ${writeReproducer(slowestIndex, slowest)}.json`);
if (seen.size > 0) lines.push(`reproducers: ${outDir}`);
else rmSync(outDir, { recursive: true, force: true });
process.stdout.write(`${lines.join('\n')}\n`);
process.exitCode = seen.size > 0 ? 1 : 0;
