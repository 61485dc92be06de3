/**
 * How the work on hostile input grows (docs/limits.md): each case that was superlinear before the
 * limits (lexer recovery, nesting, long names in "did you mean", reporting lines, nested templates,
 * case errors) timed at growing sizes, once each. Then floods: policies made of one short unit
 * repeated up to the size limit (`MAX_POLICY_CHARS`), the slowest shapes known for their size, each
 * through `compile` and `formatPolicy` of the built compiler package as the fuzz campaign runs an
 * input (docs/testing.md), in CPU time, against the campaign's goal of 1 s an input.
 *
 * Input: none (the inputs are built here). Output: one line per size on stdout: the size, the
 * milliseconds, and what came out (the count of diagnostics or case errors). Timings are noisy on a
 * shared machine; the ratio between sizes is what to read. Not part of `npm test`.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { compile } from '../compiler/index.ts';
import { MAX_POLICY_CHARS } from '../runtime/input-limits.ts';
import { builtCompiler } from './check.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const HEAD = 'policy a.b\n  title "T"\n\nrole iro "IRO"\n\nfact x: boolean\n\nevent e\nevent f\n\n';
const deadline = (extra: string): string => `deadline d "D"\n  owner iro\n  due within 5 days of e\n${extra}  met by f\n  cite "1"\n`;

interface Scenario {
  readonly name: string;
  readonly sizes: readonly number[];
  readonly run: (n: number) => string;
}

const statutory = readFileSync(`${ROOT}policies/england/statutory-reviews.pdl`, 'utf8');

const SCENARIOS: readonly Scenario[] = [
  { name: 'garbage lines (lexer recovery)', sizes: [1_000, 4_000, 16_000], run: (n) => `${compile(`policy a.b\n${'@@ $$ ~~ ^^ \\\\\n'.repeat(n)}`).diagnostics.length} diagnostics` },
  { name: 'nested brackets in `when`', sizes: [30, 400, 10_000], run: (n) => `${compile(HEAD + deadline(`  when ${'('.repeat(n)}x${')'.repeat(n)}\n`)).diagnostics.length} diagnostics` },
  {
    name: 'misspelt long name among 50 long names (did you mean)',
    sizes: [100, 1_000, 10_000],
    run: (n) => {
      const long = 'a'.repeat(n);
      return `${compile(HEAD + Array.from({ length: 50 }, (_, i) => `fact ${long}${i}: boolean\n`).join('') + deadline(`  when ${long}zz\n`)).diagnostics.length} diagnostics`;
    },
  },
  {
    name: 'reporting line of roles',
    sizes: [500, 2_000, 8_000],
    run: (n) => `${compile('policy a.b\n  title "T"\n\n' + Array.from({ length: n }, (_, i) => `role r${i} "R" reports to r${i + 1}\n`).join('') + `role r${n} "R"\n`).diagnostics.length} diagnostics`,
  },
  { name: 'nested {{#if}} in a template', sizes: [8, 1_000, 4_000], run: (n) => `${compile(HEAD + deadline(`  notify "x" body "${'{{#if obligation.due}}'.repeat(n)}y${'{{/if}}'.repeat(n)}"\n`)).diagnostics.length} diagnostics` },
  {
    name: 'events of undeclared types (case errors)',
    sizes: [1_000, 4_000, 10_000, 100_000],
    run: (n) => {
      const policy = compile(statutory).policy;
      if (policy === undefined) throw new Error('the statutory policy did not compile');
      const r = policy.evaluate({ id: 'c', child: { dob: '2015-01-01' }, events: Array.from({ length: n }, (_, i) => ({ type: `nope${i}`, date: '2025-01-01' })) }, '2025-09-01');
      return r.ok ? 'ok' : `${r.errors.length} case errors`;
    },
  },
];

/** The units of the floods: single characters, lines of stray words, declarations, unclosed strings, comments. */
const FLOODS: readonly string[] = ['(', ')', '{', ':', '!', 'a ', 'a\n', '\n', '"x\n', '#c\n', 'event e\n', 'event e { a: date }\n', 'role r "R"\n', 'deadline d "x"\n'];

async function floods(): Promise<void> {
  const { compile: builtCompile, formatPolicy } = await builtCompiler();
  const head = 'policy a.b\n  title "t"\n\nrole r "R"\nevent e\n';
  const cpuMs = (f: () => unknown): number => {
    const start = process.cpuUsage();
    f();
    const used = process.cpuUsage(start);
    return (used.user + used.system) / 1000;
  };
  console.log(`\nfloods: compile + format of the built package, CPU ms (the better of 2), at 1/4, 1/2 and all of ${MAX_POLICY_CHARS.toLocaleString('en-GB')} characters`);
  let worst = { name: '', ms: 0 };
  for (const unit of FLOODS) {
    const name = unit;
    const cells: string[] = [];
    for (const part of [4, 2, 1]) {
      const size = Math.floor(MAX_POLICY_CHARS / part);
      const text = (head + unit.repeat(Math.ceil(size / unit.length))).slice(0, size);
      const ms = Math.min(...[0, 1].map(() => cpuMs(() => builtCompile(text)) + cpuMs(() => formatPolicy(text))));
      cells.push(ms.toFixed(0).padStart(6));
      if (part === 1 && ms > worst.ms) worst = { name, ms };
    }
    console.log(`  ${JSON.stringify(name).padEnd(26)} ${cells.join(' ')} ms`);
  }
  console.log(`  slowest at the limit: ${JSON.stringify(worst.name)}, ${worst.ms.toFixed(0)} ms: ${worst.ms <= 1000 ? 'within' : 'over'} the fuzz campaign's 1 s an input`);
}

export async function run(): Promise<void> {
  compile(statutory); // warm up the lexer, parser and checker
  for (const scenario of SCENARIOS) {
    console.log(scenario.name);
    for (const n of scenario.sizes) {
      const start = performance.now();
      const outcome = scenario.run(n);
      console.log(`  ${String(n).padStart(7)}  ${(performance.now() - start).toFixed(0).padStart(6)} ms  ${outcome}`);
    }
  }
  await floods();
}
