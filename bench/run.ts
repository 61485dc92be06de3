/**
 * The `npm run bench` entry: runs each benchmark module in BENCHES, in order, or only those whose
 * name contains the filter given on the command line (`npm run bench -- working`).
 *
 * Input: an optional name filter (argv[2]). Output: each benchmark's report on stdout, under a
 * heading; exit code 1 if the filter matches no benchmark or a benchmark throws.
 * INVARIANT: each module exports `run(): Promise<void>`; modules are imported only when selected.
 */

/** A benchmark: a name (for the filter and the heading) and a lazy import of its module. */
interface Bench {
  readonly name: string;
  readonly load: () => Promise<{ run: () => Promise<void> }>;
}

/** Every benchmark, in the order they run. Add new ones here. */
const BENCHES: readonly Bench[] = [
  { name: 'working-days', load: () => import('./working-days.ts') },
  { name: 'evaluate', load: () => import('./evaluate.ts') },
  { name: 'simulate', load: () => import('./simulate.ts') },
  { name: 'compiled', load: () => import('./compiled.ts') },
  { name: 'limits', load: () => import('./limits.ts') },
  { name: 'check', load: () => import('./check.ts') },
];

async function main(): Promise<void> {
  const filter = process.argv[2];
  const selected = BENCHES.filter((b) => filter === undefined || b.name.includes(filter));
  if (selected.length === 0) {
    console.error(`no benchmark matches \`${filter ?? ''}\` (known: ${BENCHES.map((b) => b.name).join(', ')})`);
    process.exitCode = 1;
    return;
  }
  for (const bench of selected) {
    console.log(`\n== ${bench.name} ==`);
    const module = await bench.load();
    await module.run();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
