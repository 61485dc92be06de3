/**
 * The `pdl` command line: parses arguments with commander and runs a command.
 *
 * Input: `process.argv`-style arguments. Output: the process exit code (0 ok, 1 errors found or
 * invalid input, 2 usage, 3 internal error); commands write to stdout and stderr.
 *
 * The compiler and runtime are imported only when a command runs, so `--help`, `--version` and usage
 * errors answer at once. Nothing here reads the clock, the time zone or the network.
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { EXIT, isPlainDate, packageVersion, reportInternalError, wrap, write, type ExitCode, type OutStream } from './output.ts';

export { isPlainDate };

export interface MainIo {
  readonly stdout: OutStream;
  readonly stderr: OutStream;
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
}

function asOfDate(value: string): string {
  if (isPlainDate(value)) return value;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new InvalidArgumentError(`${value} is not a real calendar date.`);
  throw new InvalidArgumentError('expected a date as YYYY-MM-DD, e.g. --as-of 2025-09-01.');
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** What a command's exit codes 0, 1 and 2 mean; 3 is always a bug in pdl. */
export interface ExitMeanings {
  readonly ok: string;
  readonly errors: string;
  /** The usage errors besides bad arguments or options (which every command has). */
  readonly usage: readonly string[];
}

const NO_POLICIES_FOLDER = 'a --policies folder that does not exist';

/**
 * The one table of exit codes: `pdl --help` (under `pdl`) and each command's `--help` print their
 * lines from it (`exitCodesHelp`), and docs/cli.md's "Exit codes" table says the same (a test compares).
 */
export const EXIT_MEANINGS = {
  pdl: { ok: 'no errors (warnings allowed)', errors: "errors found: what counts as one is in each command's --help", usage: ['a file that cannot be read or written'] },
  check: { ok: 'no file has an error (warnings allowed)', errors: 'a policy has errors', usage: ['a path that cannot be read', 'a folder with no .pdl file', NO_POLICIES_FOLDER] },
  evaluate: { ok: 'the case was evaluated', errors: 'a policy with errors, a case that is not valid JSON or does not fit the policy', usage: ['a missing or invalid --as-of', 'a file that cannot be read', 'a bad holiday file', NO_POLICIES_FOLDER] },
  test: { ok: 'every test passed', errors: 'a test failed, a tests file is malformed, or its policy has errors', usage: ['a path that cannot be read', 'a policy with no tests file beside it', 'a folder with no tests file', NO_POLICIES_FOLDER] },
  conformance: { ok: 'no laxer rule', errors: 'a laxer rule was found, or a policy has errors', usage: ['--from after --to', 'a policy that cannot be read', 'a baseline that cannot be found', NO_POLICIES_FOLDER] },
  compile: { ok: 'the four files were written', errors: 'the policy has errors (nothing is written)', usage: ['a policy that cannot be read', 'a folder that cannot be written', NO_POLICIES_FOLDER] },
  docs: { ok: 'the document was written', errors: 'the policy has errors (no document is written)', usage: ['a policy that cannot be read', 'an output file that cannot be written', NO_POLICIES_FOLDER] },
  coverage: { ok: 'no errors (warnings allowed)', errors: 'errors in the policy or the coverage file, or --out FILE out of date (with --check)', usage: ['a file that cannot be read or written', NO_POLICIES_FOLDER] },
  fmt: { ok: 'the file was printed, the files rewritten (--write), or all are formatted (--check)', errors: 'a file has syntax errors (it is left alone), or (--check) a file is not formatted', usage: ['--write with --check', 'several files without --write or --check', 'a path that cannot be read', 'a folder with no .pdl file'] },
  generate: { ok: 'the caseload was written', errors: 'the policy has errors', usage: ['a number, share or date out of range', '--from after --to', 'a file that cannot be read or written', 'a vocabulary the generator cannot write for', NO_POLICIES_FOLDER] },
  fit: { ok: 'the model was written', errors: 'the policy has errors, or some case does not fit it (the model is still written)', usage: ['a caseload or file that cannot be read or written', NO_POLICIES_FOLDER] },
  simulate: { ok: 'every case evaluated (and every SSDA903 row mapped)', errors: 'a policy with errors, a case that fails validation, an SSDA903 or export row not mapped (the report is still printed)', usage: ['a missing option', 'an option the caseload given does not take', 'a --review-rule neither policy has', '--from after --to', 'a caseload or policy that cannot be read', 'an HTML file that cannot be written', NO_POLICIES_FOLDER] },
} as const satisfies Record<string, ExitMeanings>;

export type CommandName = Exclude<keyof typeof EXIT_MEANINGS, 'pdl'>;

/** The "Exit codes" section of `pdl --help` (`pdl`) or of one command's `--help`. */
export function exitCodesHelp(command: keyof typeof EXIT_MEANINGS): string {
  const m: ExitMeanings = EXIT_MEANINGS[command];
  const lines = [[0, m.ok], [1, m.errors], [2, `usage: ${['bad arguments or options', ...m.usage].join(', ')}`], [3, 'internal error (a bug in pdl)']] as const;
  return ['', 'Exit codes:', ...lines.flatMap(([code, meaning]) => wrap(meaning, 80, `  ${code}  `, '     '))].join('\n');
}

/** Runs the CLI on `argv` (as in `process.argv`: node, script, then arguments). */
export async function main(argv: readonly string[], io: MainIo = { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env }): Promise<ExitCode> {
  let code: ExitCode = EXIT.ok;
  const program = new Command('pdl');
  program
    .description('PDL: deadlines in children\'s social care, as rules that can be checked and evaluated.')
    .version(packageVersion(), '-V, --version', 'print the version of pdl')
    .helpOption('-h, --help', 'show help')
    .addHelpCommand(false)
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    })
    .addHelpText('after', `${exitCodesHelp('pdl')}\n\nDocumentation: docs/cli.md`);

  program
    .command('check')
    .description('compile policy files and report their errors and warnings')
    .argument('<file...>', 'policy files (.pdl), or folders to check every .pdl file below')
    .option('--json', 'print the diagnostics as one JSON document')
    .option('--policies <dir>', 'also look for extended policies below DIR (repeatable)', collect)
    .option('--no-color', 'no colour, even on a terminal (NO_COLOR is honoured too)')
    .addHelpText('after', exitCodesHelp('check'))
    .action(async (files: string[], opts: { json?: boolean; policies?: string[]; color: boolean }) => {
      const { runCheck } = await import('./check.ts');
      code = await runCheck(files, { json: opts.json === true, color: opts.color, policies: opts.policies ?? [] }, io);
    });

  program
    .command('evaluate')
    .description('evaluate a case against a policy on a date: obligations, due dates, status and explanations')
    .argument('<policy>', 'the policy file (.pdl)')
    .argument('<case>', 'the case, a JSON file (- reads standard input)')
    .addOption(new Option('--as-of <date>', 'the date to evaluate on, as YYYY-MM-DD (required)').argParser(asOfDate).makeOptionMandatory())
    .option('--json', 'print the result as JSON')
    .option('--holidays <file>', 'bank holidays from a gov.uk-format JSON file (the division of the policy\'s calendar) instead of the built-in list')
    .option('--policies <dir>', 'also look for extended policies below DIR (repeatable)', collect)
    .option('--no-color', 'no colour, even on a terminal (NO_COLOR is honoured too)')
    .addHelpText('after', exitCodesHelp('evaluate'))
    .action(async (policy: string, kase: string, opts: { asOf: string; json?: boolean; holidays?: string; policies?: string[]; color: boolean }) => {
      const { runEvaluate } = await import('./evaluate.ts');
      code = await runEvaluate(
        policy,
        kase,
        {
          asOf: opts.asOf,
          json: opts.json === true,
          color: opts.color,
          policies: opts.policies ?? [],
          ...(opts.holidays !== undefined ? { holidays: opts.holidays } : {}),
        },
        io,
      );
    });

  program
    .command('test')
    .description('run the tests written beside policies (<policy>.tests.yaml) and print `N passed, N failed`')
    .argument('[path...]', 'tests files, policy files or folders (default: policies/)')
    .option('--policies <dir>', 'also look for extended policies below DIR (repeatable)', collect)
    .option('--no-color', 'no colour, even on a terminal (NO_COLOR is honoured too)')
    .addHelpText('after', exitCodesHelp('test'))
    .action(async (paths: string[], opts: { policies?: string[]; color: boolean }) => {
      const { runTests } = await import('./test.ts');
      code = await runTests(paths, { color: opts.color, policies: opts.policies ?? [] }, io);
    });

  program
    .command('conformance')
    .description('report every way a policy allows a later date than the statutory baseline, with counterexamples')
    .argument('<policy>', 'the policy file (.pdl)')
    .option('--baseline <id>', 'the policy to compare against', 'england.statutory_reviews')
    .addOption(new Option('--from <date>', 'first start date compared').default('2012-01-01').argParser(asOfDate))
    .addOption(new Option('--to <date>', 'last start date compared').default('2028-12-31').argParser(asOfDate))
    .option('--json', 'print the findings as JSON')
    .option('--policies <dir>', 'also look for extended policies below DIR (repeatable)', collect)
    .option('--no-color', 'no colour, even on a terminal (NO_COLOR is honoured too)')
    .addHelpText('after', exitCodesHelp('conformance'))
    .action(async (policy: string, opts: { baseline: string; from: string; to: string; json?: boolean; policies?: string[]; color: boolean }) => {
      const { runConformance } = await import('./conformance.ts');
      code = await runConformance(policy, { baseline: opts.baseline, from: opts.from, to: opts.to, json: opts.json === true, color: opts.color, policies: opts.policies ?? [] }, io);
    });

  program
    .command('compile')
    .description('emit a policy as a standalone typed module for embedding: NAME.mts, NAME.mjs, NAME.d.mts and NAME.schema.json')
    .argument('<policy>', 'the policy file (.pdl)')
    .requiredOption('--out <dir>', 'the folder to write the four files to (created if missing)')
    .option('--runtime <specifier>', 'the module the emitted code imports the runtime from', '@pdl/runtime')
    .option('--policies <dir>', 'also look for extended policies below DIR (repeatable)', collect)
    .option('--no-color', 'no colour in error messages, even on a terminal (NO_COLOR is honoured too)')
    .addHelpText('after', exitCodesHelp('compile'))
    .action(async (policy: string, opts: { out: string; runtime: string; policies?: string[]; color: boolean }) => {
      const { runCompile } = await import('./compile.ts');
      code = await runCompile(policy, { out: opts.out, runtime: opts.runtime, color: opts.color, policies: opts.policies ?? [] }, io);
    });

  program
    .command('docs')
    .description('render a policy as a readable practice direction (Markdown, or HTML)')
    .argument('<policy>', 'the policy file (.pdl)')
    .addOption(new Option('--format <format>', 'md (Markdown) or html (a self-contained page)').choices(['md', 'html']).default('md'))
    .option('--out <file>', 'write the document to FILE instead of standard output')
    .option('--policies <dir>', 'also look for extended policies below DIR (repeatable)', collect)
    .option('--no-color', 'no colour in error messages, even on a terminal (NO_COLOR is honoured too)')
    .addHelpText('after', exitCodesHelp('docs'))
    .action(async (policy: string, opts: { format: 'md' | 'html'; out?: string; policies?: string[]; color: boolean }) => {
      const { runDocs } = await import('./docs.ts');
      code = await runDocs(policy, { format: opts.format, color: opts.color, policies: opts.policies ?? [], ...(opts.out !== undefined ? { out: opts.out } : {}) }, io);
    });

  program
    .command('coverage')
    .description('check and count a policy\'s coverage (<policy>.coverage.yaml) and render docs/coverage/<policy>.md')
    .argument('<policy>', 'the policy file (.pdl)')
    .option('--check', 'write nothing: print a summary line; with --out FILE, fail when FILE differs from the rendering')
    .addOption(new Option('--format <format>', 'md (the coverage document) or json (the report)').choices(['md', 'json']).default('md'))
    .option('--out <file>', 'write the document to FILE (with --check: compare FILE with it)')
    .option('--coverage <file>', 'the coverage file (default: <policy>.coverage.yaml beside the policy)')
    .option('--policies <dir>', 'also look for extended policies below DIR (repeatable)', collect)
    .option('--no-color', 'no colour in error messages, even on a terminal (NO_COLOR is honoured too)')
    .addHelpText('after', exitCodesHelp('coverage'))
    .action(async (policy: string, opts: { check?: boolean; format: 'md' | 'json'; out?: string; coverage?: string; policies?: string[]; color: boolean }) => {
      const { runCoverage } = await import('./coverage.ts');
      code = await runCoverage(policy, { check: opts.check === true, format: opts.format, color: opts.color, policies: opts.policies ?? [], ...(opts.out !== undefined ? { out: opts.out } : {}), ...(opts.coverage !== undefined ? { coverage: opts.coverage } : {}) }, io);
    });

  program
    .command('fmt')
    .description('format policy files in the canonical layout, keeping comments')
    .argument('<path...>', 'policy files (.pdl) or folders')
    .option('--write', 'rewrite the files in place (not with --check)')
    .option('--check', 'list the files that are not formatted; exit 1 if any')
    .option('--no-color', 'no colour, even on a terminal (NO_COLOR is honoured too)')
    .addHelpText('after', exitCodesHelp('fmt'))
    .action(async (paths: string[], opts: { write?: boolean; check?: boolean; color: boolean }) => {
      const { runFmt } = await import('./fmt.ts');
      code = await runFmt(paths, { write: opts.write === true, check: opts.check === true, color: opts.color }, io);
    });

  program
    .command('generate')
    .description('write a synthetic caseload (fictitious children in care) as JSON Lines, seeded and reproducible')
    .addOption(new Option('--children <n>', 'how many children').argParser((v: string) => { if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > 10_000_000) throw new InvalidArgumentError('expected a whole number from 1 to 10000000.'); return Number(v); }).makeOptionMandatory())
    .addOption(new Option('--from <date>', 'first day of the period (YYYY-MM-DD)').argParser(asOfDate).makeOptionMandatory())
    .addOption(new Option('--to <date>', 'last day of the period; no event is later (YYYY-MM-DD)').argParser(asOfDate).makeOptionMandatory())
    .addOption(new Option('--seed <seed>', 'any text; the same seed and options give the same file').makeOptionMandatory())
    .addOption(new Option('--out <file>', 'the JSON Lines file to write (- for standard output)').makeOptionMandatory())
    .addOption(new Option('--late-share <share>', 'share of reviews held late, 0 to 1 (default 0.2)').argParser((v: string) => { const n = Number(v); if (v.trim() === '' || !(n >= 0 && n <= 1)) throw new InvalidArgumentError('expected a number from 0 to 1, e.g. 0.2.'); return n; }))
    .option('--policy <file>', 'the policy whose vocabulary the cases must fit (default: the statutory baseline)')
    .option('--practice <model>', "a practice model (YAML or JSON): the local events practice produces, answering the policy's obligations (default: X.practice.yaml beside the policy X.pdl, when there is one; none: no model)")
    .addOption(new Option('--workers <n>', 'threads generating, this one included (default: one per 100,000 children, at most one per core; one with --out -); the file is the same').argParser((v: string) => { if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > 256) throw new InvalidArgumentError('expected a whole number from 1 to 256.'); return Number(v); }))
    .option('--policies <dir>', 'also look for extended policies below DIR (repeatable)', collect)
    .option('--no-color', 'no colour, even on a terminal (NO_COLOR is honoured too)')
    .addHelpText('after', exitCodesHelp('generate'))
    .action(async (opts: { children: number; from: string; to: string; seed: string; out: string; lateShare?: number; policy?: string; practice?: string; workers?: number; policies?: string[]; color: boolean }) => {
      const { runGenerate } = await import('./generate.ts');
      code = await runGenerate({ children: opts.children, from: opts.from, to: opts.to, seed: opts.seed, out: opts.out, color: opts.color, policies: opts.policies ?? [], ...(opts.lateShare !== undefined ? { lateShare: opts.lateShare } : {}), ...(opts.policy !== undefined ? { policy: opts.policy } : {}), ...(opts.practice !== undefined ? { practice: opts.practice } : {}), ...(opts.workers !== undefined ? { workers: opts.workers } : {}) }, io);
    });

  program
    .command('fit')
    .description('read a practice model off a caseload: how often, and when, each event meeting a rule came, against its due dates')
    .addOption(new Option('--policy <file>', 'the policy whose obligations the events answer (.pdl)').makeOptionMandatory())
    .addOption(new Option('--caseload <path>', 'a caseload, as for pdl simulate').makeOptionMandatory())
    .addOption(new Option('--as-of <date>', 'the date outcomes are known on (default: the latest event date in the caseload)').argParser(asOfDate))
    .option('--out <file>', 'write the model (YAML) to FILE instead of standard output')
    .option('--policies <dir>', 'also look for extended policies below DIR (repeatable)', collect)
    .option('--no-color', 'no colour, even on a terminal (NO_COLOR is honoured too)')
    .addHelpText('after', exitCodesHelp('fit'))
    .action(async (opts: { policy: string; caseload: string; asOf?: string; out?: string; policies?: string[]; color: boolean }) => {
      const { runFit } = await import('./fit.ts');
      code = await runFit({ policy: opts.policy, caseload: opts.caseload, color: opts.color, policies: opts.policies ?? [], ...(opts.asOf !== undefined ? { asOf: opts.asOf } : {}), ...(opts.out !== undefined ? { out: opts.out } : {}) }, io);
    });

  program
    .command('simulate')
    .description('evaluate a caseload under a baseline and a reform policy and report what would change')
    .option('--baseline <policy>', 'the policy in force (.pdl); with --baseline-rev, default: the --reform file')
    .option('--baseline-rev <rev>', 'read the baseline (and the policies it extends) as it was at this git revision, e.g. main or HEAD~1')
    .addOption(new Option('--reform <policy>', 'the policy proposed (.pdl)').makeOptionMandatory())
    .addOption(new Option('--caseload <path>', 'a .jsonl file, a .json file, a folder of case files, or a folder of SSDA903 tables (header.csv, episodes.csv, reviews.csv)'))
    .addOption(new Option('--children <n>', 'instead of --caseload: a synthetic caseload of N children, generated as pdl generate does (with --from, --to; --seed, --seeds)').argParser((v: string) => { if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > 10_000_000) throw new InvalidArgumentError('expected a whole number from 1 to 10000000.'); return Number(v); }))
    .addOption(new Option('--from <date>', 'synthetic caseload: first day of the period (YYYY-MM-DD)').argParser(asOfDate))
    .addOption(new Option('--to <date>', 'synthetic caseload: last day of the period (YYYY-MM-DD)').argParser(asOfDate))
    .addOption(new Option('--late-share <share>', 'synthetic caseload: share of reviews held late, 0 to 1 (default 0.2)').argParser((v: string) => { const n = Number(v); if (v.trim() === '' || !(n >= 0 && n <= 1)) throw new InvalidArgumentError('expected a number from 0 to 1, e.g. 0.2.'); return n; }))
    .addOption(new Option('--as-of <date>', 'the date to evaluate on (default: the latest event date in the caseload; synthetic: --to)').argParser(asOfDate))
    .option('--json', 'print the report as JSON')
    .option('--html <file>', 'also write a self-contained HTML report with charts')
    .addOption(new Option('--workers <n>', 'threads (default: one per 100,000 cases, at most one per core)').argParser((v: string) => { if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > 256) throw new InvalidArgumentError('expected a whole number from 1 to 256.'); return Number(v); }))
    .option('--review-rule <id>', 'the rule whose occurrences are the reviews measured for timeliness', 'looked_after_review')
    .option('--assume-start', 'SSDA903: a child whose first episode is not S gets became_looked_after on its start')
    .option('--events <file>', 'an event-per-row export (CSV or JSON Lines) to add to the SSDA903 tables of --caseload, by child id (needs --mapping)')
    .option('--mapping <file>', 'the mapping (YAML or JSON) of an event export: of --events, or of --caseload when it is the export itself')
    .addOption(new Option('--reading <reading>', "static: the caseload as it happened; behavioural: the practice model's events re-timed against each policy's due dates").choices(['static', 'behavioural']).default('static'))
    .option('--practice <model>', 'behavioural reading: the practice model (YAML or JSON) whose events are re-timed, with an optional capacity section')
    .option('--capacity <role=n>', 'behavioural reading: items ROLE completes a week (ROLE=N, or ROLE=NxSTAFF); repeatable; overrides the model file', collect)
    .option('--seed <seed>', "the seed of the random draws: the practice model's (behavioural reading), or the synthetic caseload's", '1')
    .addOption(new Option('--seeds <n>', 'behavioural reading or synthetic caseload: repeat over N seeds and report each headline measure with its median and 5th-95th percentile').argParser((v: string) => { if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > 1000) throw new InvalidArgumentError('expected a whole number from 1 to 1000.'); return Number(v); }))
    .option('--policies <dir>', 'also look for extended policies below DIR (repeatable)', collect)
    .option('--no-color', 'no colour, even on a terminal (NO_COLOR is honoured too)')
    .addHelpText('after', exitCodesHelp('simulate'))
    .action(async (opts: { baseline?: string; baselineRev?: string; reform: string; caseload?: string; children?: number; from?: string; to?: string; lateShare?: number; asOf?: string; json?: boolean; html?: string; workers?: number; reviewRule: string; assumeStart?: boolean; events?: string; mapping?: string; policies?: string[]; color: boolean; reading: 'static' | 'behavioural'; practice?: string; capacity?: string[]; seed: string; seeds?: number }, command: Command) => {
      if (opts.caseload !== undefined && opts.reading === 'static' && command.getOptionValueSource('seed') === 'cli') {
        write(io.stderr, 'error: --seed is for a behavioural run or a synthetic caseload (the static reading of a given caseload has no random draw): add --reading behavioural --practice MODEL, or generate the caseload with --children N --from DATE --to DATE\n(run pdl simulate --help for usage)');
        code = EXIT.usage;
        return;
      }
      const synthetic = opts.children !== undefined || opts.from !== undefined || opts.to !== undefined || opts.lateShare !== undefined;
      if (synthetic && opts.caseload !== undefined) {
        // Name what was given for a synthetic caseload beside --caseload (--late-share alone is not "both").
        const given = [['--children', opts.children], ['--from', opts.from], ['--to', opts.to], ['--late-share', opts.lateShare]].filter(([, v]) => v !== undefined).map(([flag]) => flag);
        write(io.stderr, `error: ${given.join(', ')} ${given.length === 1 ? 'is' : 'are'} for a synthetic caseload (--children N --from DATE --to DATE), not with --caseload\n(run pdl simulate --help for usage)`);
        code = EXIT.usage;
        return;
      }
      if (synthetic ? opts.children === undefined || opts.from === undefined || opts.to === undefined : opts.caseload === undefined) {
        write(io.stderr, 'error: give --caseload PATH, or a synthetic caseload with --children N --from DATE --to DATE\n(run pdl simulate --help for usage)');
        code = EXIT.usage;
        return;
      }
      if (opts.baseline === undefined && opts.baselineRev === undefined) {
        write(io.stderr, "error: required option '--baseline <policy>' not specified (or give --baseline-rev REV to compare the reform with its own earlier version)\n(run pdl simulate --help for usage)");
        code = EXIT.usage;
        return;
      }
      const { runSimulate } = await import('./simulate.ts');
      code = await runSimulate({ baseline: opts.baseline ?? opts.reform, ...(opts.baselineRev !== undefined ? { baselineRev: opts.baselineRev } : {}), reform: opts.reform, ...(opts.caseload !== undefined ? { caseload: opts.caseload } : {}), ...(opts.children !== undefined && opts.from !== undefined && opts.to !== undefined ? { synthetic: { children: opts.children, from: opts.from, to: opts.to, ...(opts.lateShare !== undefined ? { lateShare: opts.lateShare } : {}) } } : {}), json: opts.json === true, reviewRule: opts.reviewRule, assumeStart: opts.assumeStart === true, ...(opts.events !== undefined ? { events: opts.events } : {}), ...(opts.mapping !== undefined ? { mapping: opts.mapping } : {}), color: opts.color, policies: opts.policies ?? [], ...(opts.asOf !== undefined ? { asOf: opts.asOf } : {}), ...(opts.html !== undefined ? { html: opts.html } : {}), ...(opts.workers !== undefined ? { workers: opts.workers } : {}), reading: { reading: opts.reading, capacity: opts.capacity ?? [], seed: opts.seed, ...(opts.practice !== undefined ? { practice: opts.practice } : {}), ...(opts.seeds !== undefined ? { seeds: opts.seeds } : {}) } }, io);
    });

  // Subcommands inherit the settings above; this makes the hint after an error name their own help.
  for (const sub of program.commands) {
    sub.showHelpAfterError(`(run pdl ${sub.name()} --help for usage)`);
  }

  try {
    await program.parseAsync([...argv]);
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version exit with 0; every other commander error is a usage error
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    return reportInternalError(error, io.stderr, io.env);
  }
  return code;
}
