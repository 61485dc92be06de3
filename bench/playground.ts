/**
 * The playground in a real browser: the built site's size, load to first results, and the latency
 * of a keystroke on Bristol's and Peterborough's policies, in headless Chromium against a static
 * build served on a loopback port.
 *
 * Input: nothing (builds the playground, or reuses the build named by `PDL_E2E_DIST`); `BENCH_KEYS`
 * sets the number of measured keystrokes per series (default 40), `BENCH_LOADS` the number of cold
 * loads (default 3). Output on stdout:
 * - the built files, raw and gzip (level 6), the entry script and the chunks loaded on demand;
 * - load to first results: from navigation to the first results shown (`pdl:applied`), cache
 *   disabled, median and max of the loads; with the document's DOMContentLoaded for scale; and the
 *   bytes fetched (response bodies as served, by the page and its workers) by requests started before
 *   the first results, and after them (what loads later: the editor features, the JSON language);
 * - per policy (Bristol's, then Peterborough's, the largest): p50, p95 and max of a keystroke in the
 *   policy (the end of its first line, a comment: every text is new and compiles in full, its parents
 *   cached) to its diagnostics shown (goal p95 <= 50 ms) and to the case re-evaluated and shown
 *   (goal p95 <= 100 ms), and of a keystroke in the case (the compiled policy is reused);
 * - the reference measured in the same run, for the ratios: a keystroke in a bare `<textarea>` added
 *   to the same page, to the next animation frame after its `input` event (what the browser itself
 *   costs from key to a frame under the machine's load at that moment);
 * - the medians of where the time goes (waiting, worker round trip, compile, render), from the
 *   page's `pdl:applied` details;
 * - where a policy keystroke's time to its diagnostics goes (median and p95 of each part, from the
 *   page's `pdl:diagnostics` details, the worker's clock stamped in its answer): keydown to the
 *   request posted (the page's own handling of the key: Monaco, the status line), posted to taken by
 *   the worker, the worker's work (compiling), its answer posted to received by the page (the message,
 *   and the page's main thread finishing what it was doing: painting the keystroke), and received to
 *   shown (markers and problems list; how often they were rebuilt at all).
 * Times run from the `keydown` event to the page's `pdl:diagnostics` / `pdl:applied` events; each
 * keystroke waits for the previous answer, so no request is coalesced.
 *
 * Run with `npm run bench:playground` (not part of `npm run bench`, which runs CPU-only benchmarks
 * in Node: this one needs Chromium and a build, a few minutes). Figures are noisy on a busy machine:
 * compare ratios, and repeat.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { launchBrowser, startServer } from '../test/e2e/harness.ts';
import type { DiagnosticsDetail } from '../playground/src/app.ts';

interface Series {
  readonly name: string;
  readonly goalMs?: number;
  readonly samples: number[];
}


interface Detail {
  readonly waitMs: number;
  readonly roundTripMs: number;
  readonly workerMs: number;
  readonly compileMs: number;
  readonly evaluateMs: number;
  readonly renderMs: number;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? NaN;
}

const median = (xs: readonly number[]): number => percentile([...xs].sort((a, b) => a - b), 50);

function report(series: Series, reference: Series): string {
  const sorted = [...series.samples].sort((a, b) => a - b);
  const p50 = percentile(sorted, 50);
  const p95 = percentile(sorted, 95);
  const max = sorted[sorted.length - 1] ?? NaN;
  const refP95 = percentile([...reference.samples].sort((a, b) => a - b), 95);
  const goal = series.goalMs === undefined ? '' : `  (goal p95 <= ${series.goalMs} ms: ${p95 <= series.goalMs ? 'meets' : 'MISSES'})`;
  return `${series.name.padEnd(48)} n=${String(sorted.length).padStart(3)}  p50 ${p50.toFixed(1).padStart(6)} ms  p95 ${p95.toFixed(1).padStart(6)} ms  max ${max.toFixed(1).padStart(6)} ms  p95 ${(p95 / refP95).toFixed(1).padStart(5)}x the reference${goal}`;
}

/** Every file of the build, raw and gzip bytes. */
function sizes(dist: string): string[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.push(path);
    }
  };
  walk(dist);
  const rows = files
    .map((path) => {
      const bytes = readFileSync(path);
      return { file: relative(dist, path), raw: bytes.length, gzip: gzipSync(bytes, { level: 6 }).length };
    })
    .sort((a, b) => b.raw - a.raw);
  const kb = (n: number): string => `${(n / 1024).toFixed(1).padStart(8)} KB`;
  const total = rows.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip }), { raw: 0, gzip: 0 });
  return [...rows.map((r) => `  ${r.file.padEnd(44)} ${kb(r.raw)} ${kb(r.gzip)} gzip`), `  ${'total'.padEnd(44)} ${kb(total.raw)} ${kb(total.gzip)} gzip`];
}

/** Records the page's events from its first script on (test instrumentation, not part of the app). */
async function instrument(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const bench = { keys: [] as number[], diagnostics: [] as number[], diagnosticDetails: [] as unknown[], applied: [] as number[], details: [] as unknown[], echo: [] as number[] };
    (window as unknown as { __bench: typeof bench }).__bench = bench;
    document.addEventListener('keydown', (e) => bench.keys.push(e.timeStamp), true);
    window.addEventListener('pdl:diagnostics', (e) => {
      bench.diagnostics.push(performance.now());
      bench.diagnosticDetails.push((e as CustomEvent).detail);
    });
    window.addEventListener('pdl:applied', (e) => {
      bench.applied.push(performance.now());
      bench.details.push((e as CustomEvent).detail);
    });
  });
}

type Counts = { keys: number; diagnostics: number; applied: number; echo: number };

async function counts(page: Page): Promise<Counts> {
  return page.evaluate(() => {
    const b = (window as unknown as { __bench: { keys: number[]; diagnostics: number[]; applied: number[]; echo: number[] } }).__bench;
    return { keys: b.keys.length, diagnostics: b.diagnostics.length, applied: b.applied.length, echo: b.echo.length };
  });
}

/** Types `count` keys (cycling through `keys`), each after the previous answer; returns latencies. */
async function measure(page: Page, count: number, keys: string): Promise<{ diagnostics: number[]; applied: number[]; parts: Parts[] }> {
  const diagnostics: number[] = [];
  const applied: number[] = [];
  const parts: Parts[] = [];
  for (let i = 0; i < count; i++) {
    const before = await counts(page);
    await page.keyboard.press(keys[i % keys.length] ?? 'x');
    await page.waitForFunction((n) => (window as unknown as { __bench: { applied: number[] } }).__bench.applied.length > n, before.applied, { timeout: 30_000, polling: 'raf' });
    const times = await page.evaluate((b0) => {
      const b = (window as unknown as { __bench: { keys: number[]; diagnostics: number[]; diagnosticDetails: unknown[]; applied: number[] } }).__bench;
      return { key: b.keys[b0.keys] ?? NaN, diagnostics: b.diagnostics[b0.diagnostics] ?? NaN, detail: b.diagnosticDetails[b0.diagnostics] as DiagnosticsDetail | undefined, applied: b.applied[b0.applied] ?? NaN };
    }, before);
    diagnostics.push(times.diagnostics - times.key);
    applied.push(times.applied - times.key);
    if (times.detail !== undefined) parts.push(partsOf(times.key, times.detail));
    await page.waitForTimeout(30);
  }
  return { diagnostics, applied, parts };
}

/** A keystroke's time to its diagnostics, in parts (ms), and whether markers and list were rebuilt. */
interface Parts {
  readonly keyToPost: number;
  readonly toWorker: number;
  readonly inWorker: number;
  readonly fromWorker: number;
  readonly show: number;
  readonly markersMs: number;
  readonly listMs: number;
  readonly compileMs: number;
  readonly markerSets: number;
  readonly listRenders: number;
  readonly resultRenders: number;
}

function partsOf(key: number, d: DiagnosticsDetail): Parts {
  return {
    keyToPost: d.postedAt - key,
    toWorker: d.workerReceivedAt - d.postedAt,
    inWorker: d.workerPostedAt - d.workerReceivedAt,
    fromWorker: d.receivedAt - d.workerPostedAt,
    show: d.shownAt - d.receivedAt,
    markersMs: d.markersMs,
    listMs: d.listMs,
    compileMs: d.compileMs,
    markerSets: d.markerSets,
    listRenders: d.listRenders,
    resultRenders: d.resultRenders,
  };
}

/** Median and p95 of each part of the keystrokes' time to diagnostics. */
function reportParts(parts: readonly Parts[]): string[] {
  const stat = (f: (p: Parts) => number): string => {
    const sorted = parts.map(f).filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
    return `${percentile(sorted, 50).toFixed(1)} / ${percentile(sorted, 95).toFixed(1)}`;
  };
  const first = parts[0];
  const last = parts[parts.length - 1];
  const rebuilt = (f: (p: Parts) => number): string => (first === undefined || last === undefined ? '?' : String(f(last) - f(first)));
  return [
    `  policy keystroke -> diagnostics, in parts (median / p95, ms): keydown -> request posted ${stat((p) => p.keyToPost)}; posted -> taken by the worker ${stat((p) => p.toWorker)}; in the worker ${stat((p) => p.inWorker)} (compiling ${stat((p) => p.compileMs)}); answer posted -> received by the page ${stat((p) => p.fromWorker)}; received -> shown ${stat((p) => p.show)} (markers ${stat((p) => p.markersMs)}, problems list ${stat((p) => p.listMs)})`,
    `  rebuilt over the ${Math.max(0, parts.length - 1)} keystrokes after the first: policy markers ${rebuilt((p) => p.markerSets)} times, problems list ${rebuilt((p) => p.listRenders)}, results ${rebuilt((p) => p.resultRenders)}`,
  ];
}

/** The reference: keystrokes in a bare textarea, keydown to the animation frame after `input`. */
async function measureReference(page: Page, count: number): Promise<number[]> {
  await page.evaluate(() => {
    const b = (window as unknown as { __bench: { echo: number[] } }).__bench;
    const area = document.createElement('textarea');
    area.id = 'bench-reference';
    area.setAttribute('aria-label', 'benchmark reference');
    area.style.cssText = 'position:fixed;bottom:0;right:0;width:80px;height:40px;z-index:9999';
    area.addEventListener('input', () => requestAnimationFrame(() => b.echo.push(performance.now())));
    document.body.append(area);
  });
  await page.click('#bench-reference');
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const before = await counts(page);
    await page.keyboard.press('abcdefghij'[i % 10] ?? 'x');
    await page.waitForFunction((n) => (window as unknown as { __bench: { echo: number[] } }).__bench.echo.length > n, before.echo, { timeout: 30_000, polling: 'raf' });
    const t = await page.evaluate((b0) => {
      const b = (window as unknown as { __bench: { keys: number[]; echo: number[] } }).__bench;
      return (b.echo[b0.echo] ?? NaN) - (b.keys[b0.keys] ?? NaN);
    }, before);
    samples.push(t);
    await page.waitForTimeout(30);
  }
  await page.evaluate(() => document.getElementById('bench-reference')?.remove());
  return samples;
}

async function firstResults(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelector('#results')?.hasAttribute('data-request-id') === true && document.querySelector('#status')?.getAttribute('data-state') === 'ready', undefined, { timeout: 120_000 });
}

async function selectPolicy(page: Page, pattern: RegExp): Promise<string> {
  const option = await page.$$eval('#policy-select option', (options, source) => {
    const re = new RegExp(source, 'i');
    const o = options.find((x) => re.test(x.textContent ?? ''));
    return o === undefined ? undefined : { value: o.getAttribute('value') ?? '', text: o.textContent ?? '' };
  }, pattern.source);
  if (option === undefined) throw new Error(`no policy matches ${pattern}`);
  const before = await page.getAttribute('#results', 'data-request-id');
  await page.selectOption('#policy-select', option.value);
  await page.waitForFunction((b) => document.querySelector('#results')?.getAttribute('data-request-id') !== b && document.querySelector('#status')?.getAttribute('data-state') === 'ready', before, { timeout: 60_000 });
  return option.text;
}

/** The keystroke series of the policy open now. */
async function policySeries(page: Page, label: string, count: number, reference: Series): Promise<void> {
  const detailsFrom = (await counts(page)).applied;
  // Policy keystrokes: at the end of the first line (a comment), so the policy stays valid.
  await page.locator('#policy-editor .monaco-editor').click();
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('End');
  await page.keyboard.type(' ');
  await measure(page, 6, 'abcdef'); // warm-up (JIT, caches of the date arithmetic)
  const policyRuns = await measure(page, count, 'qwertyuiopasdfghjklzxcvbnm');
  // Case keystrokes: inside the case's id string.
  await page.locator('#case-editor .view-line', { hasText: /"id"/ }).first().click({ position: { x: 8, y: 5 } });
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await measure(page, 4, 'abcd');
  const caseRuns = await measure(page, count, 'qwertyuiopasdfghjklzxcvbnm');

  console.log(`\n${label}`);
  for (const line of reportParts(policyRuns.parts)) console.log(line);
  for (const s of [
    { name: 'policy keystroke -> diagnostics shown', goalMs: 50, samples: policyRuns.diagnostics },
    { name: 'policy keystroke -> case re-evaluated, shown', goalMs: 100, samples: policyRuns.applied },
    { name: 'case keystroke -> case re-evaluated, shown', goalMs: 100, samples: caseRuns.applied },
  ]) {
    console.log(report(s, reference));
  }
  const details = (await page.evaluate(() => (window as unknown as { __bench: { details: unknown[] } }).__bench.details)) as Detail[];
  const mine = details.slice(detailsFrom);
  const policyDetails = mine.slice(1 + 6, 1 + 6 + count);
  const caseDetails = mine.slice(1 + 6 + count + 4);
  for (const [name, ds] of [
    ['policy keystrokes', policyDetails],
    ['case keystrokes', caseDetails],
  ] as const) {
    const m = (f: (d: Detail) => number): string => median(ds.map(f)).toFixed(1);
    console.log(`  ${name}: medians: compile ${m((d) => d.compileMs)} ms, evaluate ${m((d) => d.evaluateMs)} ms, in the worker ${m((d) => d.workerMs)} ms, worker round trip ${m((d) => d.roundTripMs)} ms, wait before posting ${m((d) => d.waitMs)} ms, render ${m((d) => d.renderMs)} ms`);
  }
}

export async function run(): Promise<void> {
  const count = Number(process.env['BENCH_KEYS'] ?? 40);
  const loads = Number(process.env['BENCH_LOADS'] ?? 3);
  const started = Date.now();
  const served = await startServer();
  const launched = await launchBrowser();
  try {
    console.log(`playground served at ${served.url} (build and start: ${((Date.now() - started) / 1000).toFixed(1)} s); Chromium headless; ${count} keystrokes per series; machine load average ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`);
    if (served.dist !== undefined) {
      console.log('\nbuilt files (raw, gzip):');
      for (const line of sizes(served.dist)) console.log(line);
    }

    // Load to first results, cold (cache disabled), in fresh pages.
    const loadTimes: number[] = [];
    const dcl: number[] = [];
    const fetched: { readonly url: string; readonly start: number; readonly bytes: number }[] = [];
    const onFinished = (request: import('playwright-core').Request): void => {
      void request.sizes().then(
        (sizes) => fetched.push({ url: request.url(), start: request.timing().startTime, bytes: sizes.responseBodySize }),
        () => undefined,
      );
    };
    for (let i = 0; i < loads; i++) {
      fetched.length = 0;
      launched.context.on('requestfinished', onFinished);
      const page = await launched.context.newPage();
      const cdp = await launched.context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
      await instrument(page);
      await page.goto(served.url);
      await firstResults(page);
      const t = await page.evaluate(() => {
        const b = (window as unknown as { __bench: { applied: number[] } }).__bench;
        const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
        return { first: b.applied[0] ?? NaN, dcl: nav?.domContentLoadedEventEnd ?? NaN };
      });
      loadTimes.push(t.first);
      dcl.push(t.dcl);
      if (i === loads - 1) {
        // The deferred chunks: wait for them, then split what was fetched at the first results.
        // (A build from before the deferral has no such attribute: then the wait ends after 30 s.)
        await page.waitForFunction(() => document.documentElement.getAttribute('data-editor-features') === 'ready', undefined, { timeout: 30_000 }).catch(() => undefined);
        await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => /jsonMode|json\.worker/.test(e.name)), undefined, { timeout: 30_000 }).catch(() => undefined);
        await page.waitForTimeout(500);
        const firstAt = await page.evaluate(() => performance.timeOrigin + ((window as unknown as { __bench: { applied: number[] } }).__bench.applied[0] ?? NaN));
        const name = (url: string): string => new URL(url).pathname.replace(/^.*\//, '') || 'index.html';
        const before = fetched.filter((f) => f.start <= firstAt);
        const after = fetched.filter((f) => f.start > firstAt);
        const kb = (xs: readonly { bytes: number }[]): string => `${(xs.reduce((a, f) => a + f.bytes, 0) / 1024).toFixed(1)} KB`;
        console.log(`
fetched before the first results (last load): ${kb(before)} in ${before.length} requests: ${before.map((f) => name(f.url)).join(', ')}`);
        console.log(`fetched after them: ${kb(after)} in ${after.length} requests: ${after.map((f) => `${name(f.url)} (${(f.bytes / 1024).toFixed(1)} KB)`).join(', ')}`);
      }
      launched.context.off('requestfinished', onFinished);
      await cdp.detach();
      await page.close();
    }
    const sortedLoads = [...loadTimes].sort((a, b) => a - b);
    console.log(`\nload to first results (cache disabled, ${loads} loads): median ${median(loadTimes).toFixed(0)} ms, max ${(sortedLoads[sortedLoads.length - 1] ?? NaN).toFixed(0)} ms; the document's DOMContentLoaded: median ${median(dcl).toFixed(0)} ms`);

    const page = await launched.context.newPage();
    await instrument(page);
    await page.goto(served.url);
    await firstResults(page);
    const referenceSamples = await measureReference(page, count);
    const reference: Series = { name: 'reference: textarea keystroke -> next frame', samples: referenceSamples };
    const refSorted = [...referenceSamples].sort((a, b) => a - b);
    console.log(`\n${reference.name.padEnd(48)} n=${String(refSorted.length).padStart(3)}  p50 ${percentile(refSorted, 50).toFixed(1).padStart(6)} ms  p95 ${percentile(refSorted, 95).toFixed(1).padStart(6)} ms`);

    await policySeries(page, `policy: ${await selectPolicy(page, /bristol|timeliness of Children in Care/)}`, count, reference);
    await policySeries(page, `policy: ${await selectPolicy(page, /peterborough|Child Care Reviews/)}`, count, reference);
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
