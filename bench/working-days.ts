/**
 * Benchmark: `addWorkingDays` on the indexed England and Wales calendar versus a naive day-by-day
 * loop over the same holidays, on the same random inputs (fixed seed); and the index build times.
 *
 * Input: none (the inputs are generated from a fixed seed). Output: a report on stdout: ns per call
 * for each implementation and their ratio, and the build times of the index.
 * INVARIANT: both implementations are checked to give identical results on every input before
 * timing; every result goes into a sink that is printed, so the JIT cannot drop the work.
 */
import { createCalendar, englandAndWalesCalendar, englandAndWalesHolidays, indexedYears, prebuildCalendar } from '../runtime/calendar.ts';
import type { WorkingDayCalendar } from '../runtime/calendar.ts';
import { fromYmd, isoWeekday } from '../runtime/dates.ts';
import type { PlainDate } from '../runtime/dates.ts';

const INPUTS = 1 << 16;
const SEED = 0x5eed_2025;

/** mulberry32: a small deterministic PRNG returning floats in [0, 1). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The naive implementation: step one day at a time, skipping weekends and holidays. */
function naiveAdd(holidays: ReadonlySet<PlainDate>, d: PlainDate, n: number): PlainDate {
  let cur = d;
  let remaining = n < 0 ? -n : n;
  const step = n < 0 ? -1 : 1;
  while (remaining > 0) {
    cur += step;
    if (isoWeekday(cur) <= 5 && !holidays.has(cur)) remaining--;
  }
  return cur;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
}

/** Runs `body` over all inputs `rounds` times; returns ns per call (median of 5 samples) and a sink. */
function time(rounds: number, body: () => number): { ns: number; sink: number } {
  let sink = 0;
  for (let w = 0; w < 3; w++) sink ^= body(); // warm up
  const samples: number[] = [];
  for (let s = 0; s < 5; s++) {
    const start = process.hrtime.bigint();
    for (let r = 0; r < rounds; r++) sink ^= body();
    samples.push(Number(process.hrtime.bigint() - start) / (rounds * INPUTS));
  }
  return { ns: median(samples), sink };
}

/** Prints the benchmark report. */
export async function run(): Promise<void> {
  // Build times. The first use of the England and Wales calendar computes the holidays of the years
  // it needs with date-holidays (the bulk of the cost) and indexes them; later growth does the same
  // for the new years only. Building the arrays alone, with the holidays known, is much cheaper.
  const cal: WorkingDayCalendar = englandAndWalesCalendar();
  let start = performance.now();
  cal.addWorkingDays(fromYmd(2025, 4, 14), 20);
  const coldMs = performance.now() - start;
  const coldYears = indexedYears(cal);
  const wideMs = prebuildCalendar(cal, 1990, 2100);
  start = performance.now();
  const wideHolidays = englandAndWalesHolidays(1990, 2100);
  const cachedHolidaysMs = performance.now() - start;
  const indexOnly = (from: number, to: number): number => {
    const holidays = wideHolidays.filter((h) => h.date >= fromYmd(from, 1, 1) && h.date < fromYmd(to + 1, 1, 1));
    const samples: number[] = [];
    for (let i = 0; i < 15; i++) samples.push(prebuildCalendar(createCalendar({ name: 'bench', holidays }), from, to));
    return median(samples);
  };
  const index50 = indexOnly(2000, 2049);
  const index111 = indexOnly(1990, 2100);

  // Inputs: start dates 2005-2044, n from -65 to 65 (the range of statutory working-day deadlines).
  const random = prng(SEED);
  const lo = fromYmd(2005, 1, 1);
  const span = fromYmd(2045, 1, 1) - lo;
  const ds = new Int32Array(INPUTS);
  const ns = new Int32Array(INPUTS);
  for (let i = 0; i < INPUTS; i++) {
    ds[i] = lo + Math.floor(random() * span);
    ns[i] = Math.floor(random() * 131) - 65;
  }
  const set = new Set(wideHolidays.map((h) => h.date));
  for (let i = 0; i < INPUTS; i++) {
    const a = cal.addWorkingDays(ds[i]!, ns[i]!);
    const b = naiveAdd(set, ds[i]!, ns[i]!);
    if (a !== b) throw new Error(`indexed and naive disagree on input ${i}: ${a} vs ${b}`);
  }

  const indexed = time(200, () => {
    let acc = 0;
    for (let i = 0; i < INPUTS; i++) acc = (acc + cal.addWorkingDays(ds[i]!, ns[i]!)) | 0;
    return acc;
  });
  const naive = time(3, () => {
    let acc = 0;
    for (let i = 0; i < INPUTS; i++) acc = (acc + naiveAdd(set, ds[i]!, ns[i]!)) | 0;
    return acc;
  });

  const f = (x: number, digits = 1): string => x.toFixed(digits);
  console.log(`inputs: ${INPUTS} (start 2005-2044, n in -65..65, seed ${SEED.toString(16)}), identical results checked`);
  const years = coldYears === undefined ? '?' : `${coldYears.from}-${coldYears.to}`;
  console.log(`first use, cold (date-holidays set-up and years ${years}, index): ${f(coldMs)} ms`);
  console.log(`growth of that index to 1990-2100 (date-holidays for the new years, index): ${f(wideMs)} ms`);
  console.log(`holidays 1990-2100 once computed (cache): ${f(cachedHolidaysMs, 2)} ms`);
  console.log(`index arrays alone, holidays known: 2000-2049 ${f(index50, 2)} ms; 1990-2100 ${f(index111, 2)} ms (median of 15)`);
  console.log(`addWorkingDays indexed: ${f(indexed.ns, 2)} ns/call`);
  console.log(`addWorkingDays naive:   ${f(naive.ns, 1)} ns/call`);
  console.log(`ratio naive/indexed:    ${f(naive.ns / indexed.ns, 0)}x   (sink ${indexed.sink ^ naive.sink})`);
}
