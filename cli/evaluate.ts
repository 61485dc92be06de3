/**
 * `pdl evaluate POLICY CASE --as-of DATE`: what a policy says about one case on one date.
 *
 * Input: a policy file, a case file (JSON; `-` for stdin), an as-of date, optionally a gov.uk-format
 * holiday file. Output: a header, a table of obligations, their explanations, superseded obligations
 * and notices on stdout (or the `EvaluationResult` as JSON with `--json`); the exit code: 0, 1 for a
 * policy with errors or a malformed/invalid case, 2 for unreadable files and bad holiday files.
 *
 * INVARIANT (privacy): the case's contents appear only in the requested output on stdout. Problems
 * with the case are reported on stderr by JSON path, rendered by `renderForLog` (from each error's
 * code and params: the offending value is `<value>`, an unknown key is not named).
 */
import { basename, resolve } from 'node:path';
import pc from 'picocolors';
import type { Diagnostic } from '../compiler/index.ts';
import {
  CALENDARS,
  calendarNamed,
  formatPlainDate,
  holidaysFromGovUkJson,
  MAX_CASE_CHARS,
  parsePlainDate,
  preparePolicy,
  renderForLog,
  type CompiledPolicy,
  type Evaluation,
  type EvaluationResult,
  type Holiday,
  type Obligation,
  type ObligationStatus,
  type PlainDate,
  type PolicyIR,
  type WorkingDayCalendar,
} from '../runtime/index.ts';
import { hostFor, missingFolders, sourceReader } from './host.ts';
import { parseJson, repeatedKeys } from './json.ts';
import {
  EXIT,
  alignColumns,
  displayName,
  readText,
  useColor,
  wrap,
  write,
  WithheldError,
  type Cell,
  type ExitCode,
  type OutStream,
} from './output.ts';

export interface EvaluateOptions {
  /** `YYYY-MM-DD`, already checked to be a real date. */
  readonly asOf: string;
  readonly json: boolean;
  readonly color: boolean;
  readonly holidays?: string;
  readonly policies: readonly string[];
}

export interface EvaluateIo {
  readonly stdout: OutStream;
  readonly stderr: OutStream;
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
}

/** Width that explanations are wrapped to. */
const WRAP = 100;

export async function runEvaluate(policyPath: string, casePath: string, options: EvaluateOptions, io: EvaluateIo): Promise<ExitCode> {
  // 1. Files that cannot be read, and a bad holiday file, are usage errors (exit 2).
  const missing = missingFolders(options.policies, io.cwd);
  if (missing.length > 0) {
    for (const m of missing) write(io.stderr, m);
    return EXIT.usage;
  }
  if (policyPath === '-') {
    write(io.stderr, 'error: POLICY must be a file; only CASE can be - (standard input)');
    return EXIT.usage;
  }
  const policyText = readText(resolve(io.cwd, policyPath));
  if (!policyText.ok) {
    write(io.stderr, `error: cannot read ${displayName(policyPath)}: ${policyText.reason}`);
    return EXIT.usage;
  }
  let holidayFile: { json: unknown } | undefined;
  if (options.holidays !== undefined) {
    holidayFile = loadHolidayFile(options.holidays, io.cwd, io.stderr);
    if (holidayFile === undefined) return EXIT.usage;
  }
  const caseText = readText(casePath === '-' ? '-' : resolve(io.cwd, casePath));
  if (!caseText.ok) {
    write(io.stderr, `error: cannot read ${displayName(casePath)}: ${caseText.reason}`);
    return EXIT.usage;
  }

  // 2. A malformed case: exit 1, naming where, never what.
  const caseName = displayName(casePath);
  if (caseText.text.length > MAX_CASE_CHARS) {
    write(io.stderr, `${caseName}: $: the case has ${caseText.text.length} characters, more than ${MAX_CASE_CHARS} (docs/limits.md)`);
    return EXIT.errors;
  }
  const parsed = parseJson(caseText.text);
  if (!parsed.ok) {
    write(io.stderr, `${caseName}: $: ${parsed.message}`);
    return EXIT.errors;
  }
  const repeated = repeatedKeys(caseText.text);
  if (repeated.places.length > 0) {
    // JSON.parse keeps the last of two values silently: an invalid value given first would vanish.
    for (const place of repeated.places) write(io.stderr, `${caseName}: ${place}: a property name repeats an earlier one of the same object; JSON keeps only the last value, so remove one`);
    if (repeated.more > 0) write(io.stderr, `${caseName}: and ${repeated.more} more repeated property names, not shown`);
    return EXIT.errors;
  }

  // 3. The policy: errors are shown with their code frames (on stderr: stdout is for the result).
  // The compiler is loaded only now, so that the problems above are reported at once.
  const { compileToIr, formatDiagnostic } = await import('../compiler/index.ts');
  const host = hostFor(policyPath, io.cwd, options.policies);
  const uri = host.uriOf(policyPath);
  const compiled = compileToIr(policyText.text, { uri, host });
  if (compiled.ir === undefined) {
    const color = useColor(options.color, io.stderr, io.env);
    const readSource = sourceReader(io.cwd, new Map([[uri, policyText.text]]));
    for (const d of compiled.diagnostics) write(io.stderr, `${formatDiagnostic(d, { color, readSource })}\n`);
    write(io.stderr, `${uri}: ${summary(compiled.diagnostics)}; the case was not evaluated`);
    return EXIT.errors;
  }
  // The file's division is the one of the calendar the policy names.
  const holidays = holidayFile === undefined ? undefined : holidaysOf(holidayFile.json, CALENDARS[compiled.ir.calendar.base].division, options.holidays ?? '', io.stderr);
  if (holidayFile !== undefined && holidays === undefined) return EXIT.usage;
  const policy: CompiledPolicy = preparePolicy(
    compiled.ir,
    holidays === undefined ? {} : { calendar: calendarFromFile(compiled.ir, holidays, options.holidays ?? '') },
  );

  // 4. The case.
  let evaluation: Evaluation;
  try {
    evaluation = policy.evaluate(parsed.value, options.asOf);
  } catch (error) {
    throw new WithheldError(error);
  }
  if (!evaluation.ok) {
    for (const e of evaluation.errors) write(io.stderr, `${caseName}: ${e.path}: ${renderForLog(e)}`);
    return EXIT.errors;
  }
  const result = evaluation.result;
  if (holidays !== undefined) {
    const warning = coverageWarning(result, holidays, displayName(options.holidays ?? ''));
    if (warning !== undefined) write(io.stderr, warning);
  }
  if (options.json) write(io.stdout, JSON.stringify(jsonResult(result), null, 2));
  else write(io.stdout, renderResult(result, useColor(options.color, io.stdout, io.env)));
  return EXIT.ok;
}

function summary(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  return `${errors} ${errors === 1 ? 'error' : 'errors'}`;
}

/** Exactly the fields of an `EvaluationResult`, in their documented order. */
function jsonResult(r: EvaluationResult): EvaluationResult {
  return {
    policy: r.policy,
    case: r.case,
    asOf: r.asOf,
    obligations: r.obligations,
    superseded: r.superseded,
    violations: r.violations,
    escalations: r.escalations,
    criteria: r.criteria,
    notifications: r.notifications,
    notices: r.notices,
  };
}

// ---------------------------------------------------------------------------------------------
// Holiday files

function loadHolidayFile(path: string, cwd: string, stderr: OutStream): { json: unknown } | undefined {
  const read = readText(resolve(cwd, path));
  if (!read.ok) {
    write(stderr, `error: cannot read holiday file ${displayName(path)}: ${read.reason}`);
    return undefined;
  }
  const parsed = parseJson(read.text);
  if (!parsed.ok) {
    write(stderr, `error: holiday file ${displayName(path)}: ${parsed.message}`);
    return undefined;
  }
  return { json: parsed.value };
}

/** The holidays of the file's division `division` (the policy's calendar), or undefined after reporting every problem. */
function holidaysOf(json: unknown, division: string, path: string, stderr: OutStream): Holiday[] | undefined {
  const { holidays, errors } = holidaysFromGovUkJson(json, division);
  if (errors.length > 0) {
    for (const e of errors) write(stderr, `error: holiday file ${displayName(path)}: ${e.path}: ${e.message}`);
    return undefined;
  }
  return holidays;
}

/**
 * A warning when a date of the result falls in a year the holiday file does not cover (every
 * weekday of such a year counts as a working day). Names only the file's years, not the dates.
 */
function coverageWarning(result: EvaluationResult, holidays: readonly Holiday[], file: string): string | undefined {
  if (holidays.length === 0) return `warning: holiday file ${file} lists no holidays: every weekday counts as a working day`;
  const years = holidays.map((h) => Number(formatPlainDate(h.date).slice(0, 4)));
  const first = Math.min(...years);
  const last = Math.max(...years);
  const dates = result.obligations.flatMap((o) => [o.anchor.date, o.due ?? o.bound ?? o.anchor.date]);
  const outside = dates.some((d) => {
    const year = Number(d.slice(0, 4));
    return year < first || year > last;
  });
  if (!outside) return undefined;
  const span = first === last ? `${first} only` : `${first} to ${last} only`;
  return `warning: holiday file ${file} lists holidays for ${span}; dates in other years count every weekday as a working day`;
}

/**
 * The policy's calendar over the holidays of a file (its division) instead of the built-in list,
 * keeping the policy's own closure days (`add`) and open days (`remove`), as `runtime/evaluate.ts`
 * does for the built-in list.
 */
function calendarFromFile(ir: PolicyIR, holidays: readonly Holiday[], file: string): WorkingDayCalendar {
  const add: Holiday[] = [];
  for (const h of ir.calendar.add) {
    const date = parsePlainDate(h.date);
    if (date !== undefined) add.push({ date, name: h.name });
  }
  const remove: PlainDate[] = [];
  for (const h of ir.calendar.remove) {
    const date = parsePlainDate(h.date);
    if (date !== undefined) remove.push(date);
  }
  return calendarNamed(ir.calendar.base, { holidays, holidaysSource: basename(file), add, remove });
}

// ---------------------------------------------------------------------------------------------
// Human output

type Paint = (s: string) => string;

function statusPaint(status: ObligationStatus, c: ReturnType<typeof pc.createColors>): Paint {
  switch (status) {
    case 'overdue':
      return c.red;
    case 'met_late':
      return c.yellow;
    case 'open':
      return c.cyan;
    case 'met':
      return c.green;
    case 'early':
      return c.magenta;
    case 'missed':
      return c.red;
    case 'outstanding':
      return c.cyan;
  }
}

/** The due date (and time); for a duty, which has none, its bound (`by 2025-06-11`) or `-`. */
function due(o: Obligation): string {
  if (o.due === undefined) return o.bound === undefined ? '-' : `by ${o.bound}`;
  return o.dueTime === undefined ? o.due : `${o.due} ${o.dueTime}`;
}

const STATUS_ORDER: readonly ObligationStatus[] = ['overdue', 'missed', 'open', 'outstanding', 'met_late', 'early', 'met'];

/** The human form of a result: header, obligations table, explanations, escalations, violations, criteria, notifications, superseded, notices. */
export function renderResult(r: EvaluationResult, color: boolean): string {
  const c = pc.createColors(color);
  const out: string[] = [];
  out.push(
    ...alignColumns([
      [{ text: 'Policy', paint: c.bold }, r.policy.version === undefined ? r.policy.id : `${r.policy.id} (version ${r.policy.version})`],
      [{ text: 'Case', paint: c.bold }, r.case],
      [{ text: 'As of', paint: c.bold }, r.asOf],
    ]),
  );
  out.push('');
  if (r.obligations.length === 0) {
    out.push('No obligations.');
  } else {
    const counts = STATUS_ORDER.map((s) => [s, r.obligations.filter((o) => o.status === s).length] as const)
      .filter(([, n]) => n > 0)
      .map(([s, n]) => statusPaint(s, c)(`${n} ${s}`));
    out.push(`${r.obligations.length} ${r.obligations.length === 1 ? 'obligation' : 'obligations'}: ${counts.join(', ')}`);
    out.push('');
    const header: Cell[] = ['#', 'Rule', 'Occ.', 'Owner', 'Due', 'Status', 'Satisfied on'].map((text) => ({ text, paint: c.bold }));
    const rows: Cell[][] = r.obligations.map((o, i) => [
      { text: String(i + 1) },
      { text: o.rule },
      { text: String(o.occurrence) },
      { text: o.owners === undefined ? o.owner : o.owners.roles.join(o.owners.join === 'all' ? ' and ' : ' or ') },
      { text: due(o) },
      { text: o.status, paint: statusPaint(o.status, c) },
      { text: o.satisfiedOn ?? '-' },
    ]);
    out.push(...alignColumns([header, ...rows], '  '));
    out.push('');
    out.push(c.bold('Explanations'));
    r.obligations.forEach((o, i) => {
      const prefix = `  ${String(i + 1).padStart(String(r.obligations.length).length)}. `;
      out.push(...wrap(o.explanation, WRAP, prefix, ' '.repeat(prefix.length)));
    });
  }
  if (r.escalations.length > 0) {
    out.push('');
    out.push(c.bold('Escalations'));
    const header: Cell[] = ['Ladder', 'Stage', 'Raised', 'Respondents', 'Due', 'Status', 'Next stage', 'Cap'].map((text) => ({ text, paint: c.bold }));
    const rows: Cell[][] = r.escalations.map((e) => [
      { text: `${e.ladder}${e.instance > 1 ? ` #${e.instance}` : ''}` },
      { text: `${e.stage}${e.current ? ' (current)' : ''}` },
      { text: e.raisedOn },
      { text: e.respondents.join(', ') || '-' },
      { text: e.due ?? '-' },
      {
        text: e.escalatedOn === undefined ? e.status : `${e.status} to ${e.escalatedToStage ?? ''} on ${e.escalatedOn}`,
        paint: e.status === 'overdue' || e.status === 'unsatisfactory' ? c.red : e.status === 'awaiting_response' ? c.cyan : e.status === 'escalated' ? c.yellow : c.green,
      },
      { text: e.nextStageDue ? 'due' : '-', paint: e.nextStageDue ? c.yellow : (x: string) => x },
      {
        text: e.capDue === undefined ? '-' : `${e.capDue}${e.clockStoppedOn === undefined ? '' : ` stopped ${e.clockStoppedOn}`}${e.capExceeded ? ' exceeded' : ''}`,
        paint: e.capExceeded ? c.red : (x: string) => x,
      },
    ]);
    out.push(...alignColumns([header, ...rows], '  '));
    for (const e of r.escalations) {
      if (e.current || e.capExceeded) out.push(...wrap(e.explanation, WRAP, '  - ', '    '));
    }
  }
  if (r.violations.length > 0) {
    out.push('');
    out.push(c.bold(c.red(`Violations (${r.violations.length})`)));
    for (const v of r.violations) out.push(...wrap(`${v.rule} (${v.kind}): ${v.message} [${v.event.type} on ${v.event.date}${v.citation === '' ? '' : `; ${v.citation}`}]`, WRAP, '  - ', '    '));
  }
  if (r.criteria.length > 0) {
    out.push('');
    out.push(c.bold('Criteria'));
    for (const cr of r.criteria) {
      out.push(`  ${cr.name}: ${cr.result ? c.green('yes') : c.red('no')} (${cr.combinator} of ${cr.conditions.length}; ${cr.citation})`);
      for (const cond of cr.conditions) out.push(...wrap(`${cond.value ? 'true ' : 'false'}  ${cond.label}: ${cond.reason}`, WRAP, '    - ', '      '));
    }
  }
  if (r.notifications.length > 0) {
    out.push('');
    out.push(c.bold('Notifications'));
    for (const n of r.notifications) {
      out.push(...wrap(`${n.rule}: ${n.subject}`, WRAP, '  - ', '    '));
      if (n.body !== undefined) out.push(...wrap(n.body, WRAP, '    ', '    '));
    }
  }
  if (r.superseded.length > 0) {
    out.push('');
    out.push(c.bold('Superseded'));
    for (const s of r.superseded) {
      const text = `${s.rule} (occurrence ${s.occurrence}, due ${s.due}): ${s.reason}`;
      out.push(...wrap(text, WRAP, '  - ', '    '));
    }
  }
  if (r.notices.length > 0) {
    out.push('');
    out.push(c.bold('Notices'));
    for (const n of r.notices) out.push(...wrap(n.message, WRAP, '  - ', '    '));
  }
  return out.join('\n');
}
