/**
 * The growth of the check (bench/check.ts) in a process that loads the built compiler package and
 * nothing else, as `pdl check` and the playground's worker do: the bench's own process also holds
 * the TypeScript sources' compiler, tsx and esbuild, and in that fuller heap the garbage collector's
 * work grows faster than the text (docs/architecture.md, seventh round).
 *
 * Input: argv[2], the built compiler's `compiler/index.js`; argv[3] and argv[4], files holding the
 * 25 KB and the 250 KB generated policies. After 2 s of CPU compiling both in turn, `ROUNDS` rounds
 * of a batch of about 1 MB of text of each (37 checks of the 27 KB policy and 4 of the 253 KB one),
 * CPU time. Output: one line of JSON on stdout, `{ "ratios": [...], "small": [...], "large": [...] }` (ms a check per round).
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const ROUNDS = 15;
const [compilerFile, smallFile, largeFile] = process.argv.slice(2);
const { compileToIr } = await import(pathToFileURL(compilerFile).href);
const small = readFileSync(smallFile, 'utf8');
const large = readFileSync(largeFile, 'utf8');

const cpuNow = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
/** CPU ms a check of `text`, over a batch of about 1 MB of text. */
const batch = (text) => {
  const calls = Math.max(1, Math.round(1_000_000 / text.length));
  const started = cpuNow();
  for (let i = 0; i < calls; i++) compileToIr(text, { uri: 'generated.pdl' });
  return (cpuNow() - started) / calls;
};

const warm = cpuNow();
while (cpuNow() - warm < 2_000) {
  compileToIr(small, { uri: 'generated.pdl' });
  compileToIr(large, { uri: 'generated.pdl' });
}
const out = { ratios: [], small: [], large: [] };
for (let round = 0; round < ROUNDS; round++) {
  const s = batch(small);
  const l = batch(large);
  out.small.push(s);
  out.large.push(l);
  out.ratios.push(l / s);
}
process.stdout.write(`${JSON.stringify(out)}\n`);
