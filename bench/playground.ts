/**
 * The playground's latency in a real browser: keystroke to diagnostics, and keystroke to the case
 * re-evaluated and shown, in headless Chromium against a static build on a loopback port.
 *
 * Input: nothing (builds the playground, or reuses the build named by `PDL_E2E_DIST`); `BENCH_KEYS`
 * sets the number of measured keystrokes per series (default 60). Output: p50, p95 and max of three
 * series on stdout, with the goals (p95 <= 50 ms to diagnostics, <= 100 ms to the re-evaluated case):
 * - a keystroke in the policy (a comment line of Bristol's policy, so every text is new and compiles
 *   in full: no cache hit) to its markers and problems list;
 * - the same keystrokes to the case's timeline and tables re-rendered;
 * - a keystroke in the case (its id) to the re-evaluated case (the compiled policy is reused).
 * Times run from the `keydown` event to the page's `pdl:diagnostics` / `pdl:applied` events; each
 * keystroke waits for the previous answer, so no request is coalesced.
 *
 * Run with `npm run bench:playground` (not part of `npm run bench`, which runs CPU-only benchmarks
 * in Node: this one needs Chromium and a build, a minute or more).
 */
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { launchBrowser, startServer } from '../test/e2e/harness.ts';

interface Series {
  readonly name: string;
  readonly goalMs: number;
  readonly samples: number[];
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? NaN;
}

function report(series: Series): string {
  const sorted = [...series.samples].sort((a, b) => a - b);
  const p50 = percentile(sorted, 50);
  const p95 = percentile(sorted, 95);
  const max = sorted[sorted.length - 1] ?? NaN;
  const verdict = p95 <= series.goalMs ? 'meets' : 'MISSES';
  return `${series.name.padEnd(44)} n=${String(sorted.length).padStart(3)}  p50 ${p50.toFixed(1).padStart(6)} ms  p95 ${p95.toFixed(1).padStart(6)} ms  max ${max.toFixed(1).padStart(6)} ms  (goal p95 <= ${series.goalMs} ms: ${verdict})`;
}

/** Installs the measuring listeners in the page (test instrumentation, not part of the app). */
async function instrument(page: Page): Promise<void> {
  await page.evaluate(() => {
    const bench = { keys: [] as number[], diagnostics: [] as number[], applied: [] as number[], details: [] as { waitMs: number; roundTripMs: number; workerMs: number; compileMs: number; evaluateMs: number; renderMs: number }[] };
    (window as unknown as { __bench: typeof bench }).__bench = bench;
    document.addEventListener('keydown', (e) => bench.keys.push(e.timeStamp), true);
    window.addEventListener('pdl:diagnostics', () => bench.diagnostics.push(performance.now()));
    window.addEventListener('pdl:applied', (e) => {
      bench.applied.push(performance.now());
      bench.details.push((e as CustomEvent<{ waitMs: number; roundTripMs: number; workerMs: number; compileMs: number; evaluateMs: number; renderMs: number }>).detail);
    });
  });
}

/** Types `count` keys (cycling through `keys`), each after the previous answer; returns latencies. */
async function measure(page: Page, count: number, keys: string): Promise<{ diagnostics: number[]; applied: number[] }> {
  const diagnostics: number[] = [];
  const applied: number[] = [];
  for (let i = 0; i < count; i++) {
    const before = await page.evaluate(() => {
      const b = (window as unknown as { __bench: { keys: number[]; diagnostics: number[]; applied: number[] } }).__bench;
      return { keys: b.keys.length, diagnostics: b.diagnostics.length, applied: b.applied.length };
    });
    await page.keyboard.press(keys[i % keys.length] ?? 'x');
    await page.waitForFunction((n) => (window as unknown as { __bench: { applied: number[] } }).__bench.applied.length > n, before.applied, { timeout: 30_000, polling: 'raf' });
    const times = await page.evaluate((b0) => {
      const b = (window as unknown as { __bench: { keys: number[]; diagnostics: number[]; applied: number[] } }).__bench;
      return { key: b.keys[b0.keys] ?? NaN, diagnostics: b.diagnostics[b0.diagnostics] ?? NaN, applied: b.applied[b0.applied] ?? NaN };
    }, before);
    diagnostics.push(times.diagnostics - times.key);
    applied.push(times.applied - times.key);
    await page.waitForTimeout(30);
  }
  return { diagnostics, applied };
}

export async function run(): Promise<void> {
  const count = Number(process.env['BENCH_KEYS'] ?? 60);
  const started = Date.now();
  const served = await startServer();
  const launched = await launchBrowser();
  try {
    console.log(`playground served at ${served.url} (build and start: ${((Date.now() - started) / 1000).toFixed(1)} s); Chromium headless; ${count} keystrokes per series`);
    const page = await launched.context.newPage();
    await page.goto(served.url);
    await page.waitForFunction(() => document.querySelector('#results')?.hasAttribute('data-request-id') === true, undefined, { timeout: 60_000 });
    const policy = await page.$eval('#policy-select', (s) => (s as HTMLSelectElement).selectedOptions[0]?.textContent ?? '');
    console.log(`policy: ${policy}`);
    await instrument(page);

    // Policy keystrokes: at the end of the first comment line, so the policy stays valid.
    await page.locator('#policy-editor .view-line', { hasText: /^\s*#/ }).first().click({ position: { x: 8, y: 5 } });
    await page.keyboard.press('End');
    await measure(page, 8, 'abcdefgh'); // warm-up (JIT, caches of the date arithmetic)
    const policyRuns = await measure(page, count, 'qwertyuiopasdfghjklzxcvbnm');

    // Case keystrokes: inside the case's id string.
    await page.locator('#case-editor .view-line', { hasText: /"id"/ }).first().click({ position: { x: 8, y: 5 } });
    await page.keyboard.press('End');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await measure(page, 5, 'abcde');
    const caseRuns = await measure(page, count, 'qwertyuiopasdfghjklzxcvbnm');

    const series: Series[] = [
      { name: 'policy keystroke -> diagnostics shown', goalMs: 50, samples: policyRuns.diagnostics },
      { name: 'policy keystroke -> case re-evaluated, shown', goalMs: 100, samples: policyRuns.applied },
      { name: 'case keystroke -> case re-evaluated, shown', goalMs: 100, samples: caseRuns.applied },
    ];
    for (const s of series) console.log(report(s));
    const details = await page.evaluate(() => (window as unknown as { __bench: { details: { waitMs: number; roundTripMs: number; workerMs: number; compileMs: number; evaluateMs: number; renderMs: number }[] } }).__bench.details);
    const policyDetails = details.slice(8, 8 + count);
    const caseDetails = details.slice(8 + count + 5);
    const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
    for (const [name, ds] of [
      ['policy keystrokes', policyDetails],
      ['case keystrokes', caseDetails],
    ] as const) {
      console.log(
        `  ${name}: median compile ${median(ds.map((d) => d.compileMs)).toFixed(1)} ms, evaluate ${median(ds.map((d) => d.evaluateMs)).toFixed(1)} ms, wait ${median(ds.map((d) => d.waitMs)).toFixed(1)} ms, in the worker ${median(ds.map((d) => d.workerMs)).toFixed(1)} ms, worker round trip ${median(ds.map((d) => d.roundTripMs)).toFixed(1)} ms, render ${median(ds.map((d) => d.renderMs)).toFixed(1)} ms`,
      );
    }
    await page.close();
  } finally {
    await launched.close();
    await served.close();
  }
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  run().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
