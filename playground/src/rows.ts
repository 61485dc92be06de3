/**
 * Display rows from the worker's answers: obligations, superseded obligations and diagnostics, as
 * plain strings ready to be put into table cells.
 *
 * Input: an `EvaluationResult` (with the role titles of the policy) or a list of `Diagnostic`s.
 * Output: `ObligationRow`s (status label and CSS class, due date with its time, how many calendar
 * days early, late or overdue), `SupersededRow`s, a `StatusCounts` summary and `DiagnosticRow`s
 * (severity, code, `line:column`, message, help, the range to select).
 *
 * INVARIANT: no DOM (unit-tested in Node). Rendering (`render.ts`) only copies these strings into
 * text nodes.
 */
import type { Diagnostic } from '../../compiler/index.ts';
import type { EscalationStatus, EvaluationResult, Obligation, ObligationStatus } from '../../runtime/index.ts';

export const STATUS_LABELS: Readonly<Record<ObligationStatus, string>> = {
  met: 'Met',
  met_late: 'Met late',
  overdue: 'Overdue',
  open: 'Open',
  early: 'Early',
  outstanding: 'Outstanding',
  missed: 'Missed',
};

/** Every status, in the order the summary lists them. */
export const STATUSES: readonly ObligationStatus[] = ['overdue', 'missed', 'open', 'outstanding', 'met_late', 'early', 'met'];

export interface ObligationRow {
  /** Stable across re-evaluations of the same case: rule, occurrence and anchor date. */
  readonly key: string;
  readonly rule: string;
  readonly title: string;
  readonly occurrence: number;
  /** The role name, e.g. `iro`. */
  readonly owner: string;
  /** The role's title, e.g. `Independent Reviewing Officer` (the name again when unknown); several joined with `and` or `or`. */
  readonly ownerTitle: string;
  /** '' for a duty (no due date). */
  readonly due: string;
  /** `2025-05-15` or `2025-05-15 12:00`; for a duty, `by 2025-06-11` (its bound) or `no date`. */
  readonly dueText: string;
  /** `12:00`, or '' when the rule gives no time of day. */
  readonly dueTime: string;
  readonly status: ObligationStatus;
  readonly statusLabel: string;
  /** `status-met`, `status-met_late`, `status-overdue`, `status-open`. */
  readonly statusClass: string;
  /** Calendar days: `2 days early`, `19 days late`, `108 days overdue`, `due in 68 days`, `due today`. */
  readonly statusDetail: string;
  /** `YYYY-MM-DD`, or '' when not satisfied. */
  readonly satisfiedOn: string;
  /** `became_looked_after on 2025-04-14`, `review_scheduled.for 2026-01-28`. */
  readonly anchorText: string;
  readonly citation: string;
  readonly explanation: string;
  readonly source: { readonly file: string; readonly line: number; readonly column: number };
}

export interface SupersededRow {
  readonly key: string;
  readonly rule: string;
  readonly occurrence: number;
  readonly anchorText: string;
  readonly due: string;
  readonly reason: string;
}

export type StatusCounts = Readonly<Record<ObligationStatus, number>>;

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a `YYYY-MM-DD` string (display arithmetic only; the runtime owns date logic). */
function dayNumber(date: string): number | undefined {
  const m = ISO_DATE.exec(date);
  if (m === null) return undefined;
  return Math.round(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS);
}

/** Calendar days from `from` to `to`, or undefined when either is not a date. */
export function daysBetween(from: string, to: string): number | undefined {
  const a = dayNumber(from);
  const b = dayNumber(to);
  return a === undefined || b === undefined ? undefined : b - a;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** How early, late or overdue an obligation is, in calendar days, relative to the as-of date. */
export function statusDetail(o: Pick<Obligation, 'status' | 'due' | 'satisfiedOn' | 'earliest' | 'bound'>, asOf: string): string {
  if (o.due === undefined) return dutyDetail(o, asOf);
  switch (o.status) {
    case 'met': {
      const early = o.satisfiedOn === undefined ? undefined : daysBetween(o.satisfiedOn, o.due);
      if (early === undefined) return '';
      return early === 0 ? 'on the due date' : `${plural(early, 'day')} early`;
    }
    case 'met_late': {
      const late = o.satisfiedOn === undefined ? undefined : daysBetween(o.due, o.satisfiedOn);
      return late === undefined ? '' : `${plural(late, 'day')} late`;
    }
    case 'overdue': {
      const over = daysBetween(o.due, asOf);
      return over === undefined ? '' : `${plural(over, 'day')} overdue`;
    }
    case 'open': {
      const left = daysBetween(asOf, o.due);
      if (left === undefined) return '';
      return left === 0 ? 'due today' : `due in ${plural(left, 'day')}`;
    }
    case 'early': {
      const before = o.satisfiedOn === undefined || o.earliest === undefined ? undefined : daysBetween(o.satisfiedOn, o.earliest);
      return before === undefined ? '' : `${plural(before, 'day')} before the window opened`;
    }
    default:
      return '';
  }
}

/** A duty has no due date: how long until (or since) its bound, if it has one. */
function dutyDetail(o: Pick<Obligation, 'status' | 'bound'>, asOf: string): string {
  const bound = o.bound;
  if (o.status === 'met') return '';
  if (bound === undefined) return 'no date set';
  if (o.status === 'missed') {
    const over = daysBetween(bound, asOf);
    return over === undefined ? '' : `${plural(over, 'day')} past its bound`;
  }
  const left = daysBetween(asOf, bound);
  if (left === undefined) return '';
  return left === 0 ? 'last day today' : `${plural(left, 'day')} left`;
}

function anchorText(anchor: Obligation['anchor']): string {
  if (anchor.attribute !== undefined) return `${anchor.event}.${anchor.attribute} ${anchor.date}`;
  return `${anchor.event} on ${anchor.date}`;
}

/** One row per obligation, in the result's order (due date, rule, occurrence). */
export function obligationRows(result: EvaluationResult, roleTitles: Readonly<Record<string, string>> = {}): ObligationRow[] {
  return result.obligations.map((o) => ({
    key: `${o.rule}#${o.occurrence}#${o.anchor.date}`,
    rule: o.rule,
    title: o.title,
    occurrence: o.occurrence,
    owner: o.owner,
    ownerTitle: o.owners === undefined ? (roleTitles[o.owner] ?? o.owner) : o.owners.roles.map((r) => roleTitles[r] ?? r).join(o.owners.join === 'all' ? ' and ' : ' or '),
    due: o.due ?? '',
    dueText: o.due === undefined ? (o.bound === undefined ? 'no date' : `by ${o.bound}`) : o.dueTime === undefined ? o.due : `${o.due} ${o.dueTime}`,
    dueTime: o.dueTime ?? '',
    status: o.status,
    statusLabel: STATUS_LABELS[o.status],
    statusClass: `status-${o.status}`,
    statusDetail: statusDetail(o, result.asOf),
    satisfiedOn: o.satisfiedOn ?? '',
    anchorText: anchorText(o.anchor),
    citation: o.citation,
    explanation: o.explanation,
    source: o.source,
  }));
}

export function supersededRows(result: EvaluationResult): SupersededRow[] {
  return result.superseded.map((s) => ({
    key: `${s.rule}#${s.occurrence}#${s.anchor.date}`,
    rule: s.rule,
    occurrence: s.occurrence,
    anchorText: anchorText(s.anchor),
    due: s.due,
    reason: s.reason,
  }));
}

export function statusCounts(result: EvaluationResult): StatusCounts {
  const counts: Record<ObligationStatus, number> = { met: 0, met_late: 0, overdue: 0, open: 0, early: 0, outstanding: 0, missed: 0 };
  for (const o of result.obligations) counts[o.status]++;
  return counts;
}

/** `3 obligations: 1 overdue, 1 open, 1 met` (statuses with no obligation are left out). */
export function summaryText(result: EvaluationResult): string {
  const counts = statusCounts(result);
  const total = result.obligations.length;
  if (total === 0) return 'no obligations';
  const parts = STATUSES.filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${STATUS_LABELS[s].toLowerCase()}`);
  return `${plural(total, 'obligation')}: ${parts.join(', ')}`;
}

export interface DiagnosticRow {
  readonly key: string;
  readonly severity: Diagnostic['severity'];
  readonly code: string;
  /** `12:5`, prefixed by the uri when the diagnostic is in another file. */
  readonly location: string;
  readonly message: string;
  /** '' when there is none. */
  readonly help: string;
  /** True when the range is in the text being edited (so it can be selected there). */
  readonly inThisFile: boolean;
  readonly start: number;
  readonly end: number;
  readonly line: number;
}

export function diagnosticRows(diagnostics: readonly Diagnostic[], uri: string): DiagnosticRow[] {
  return diagnostics.map((d, i) => {
    const inThisFile = d.uri === uri;
    const position = `${d.range.startLine}:${d.range.startColumn}`;
    return {
      key: `${i}:${d.code}:${d.range.start}`,
      severity: d.severity,
      code: d.code,
      location: inThisFile ? position : `${d.uri}:${position}`,
      message: d.message,
      help: d.help ?? '',
      inThisFile,
      start: d.range.start,
      end: d.range.end,
      line: d.range.startLine,
    };
  });
}

/** `2 errors, 1 warning`, or `no problems`. */
export function diagnosticSummary(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  const infos = diagnostics.length - errors - warnings;
  const parts: string[] = [];
  if (errors > 0) parts.push(plural(errors, 'error'));
  if (warnings > 0) parts.push(plural(warnings, 'warning'));
  if (infos > 0) parts.push(plural(infos, 'note'));
  return parts.length === 0 ? 'no problems' : parts.join(', ');
}

/**
 * The arrays the runtime added with IR v2, feature-detected: an older runtime's result lacks them,
 * and the playground then shows obligations only.
 */
export function violationsOf(result: EvaluationResult): EvaluationResult['violations'] {
  const found: EvaluationResult['violations'] | undefined = result.violations;
  return found ?? [];
}

/**
 * The status class of a raised ladder stage: `escalated` has its own (taken to a later stage: neither
 * late nor done, the matter is with someone else); the others read like the obligation statuses.
 */
export function escalationStatusClass(status: EscalationStatus): string {
  switch (status) {
    case 'overdue':
      return 'status-overdue';
    case 'awaiting_response':
      return 'status-open';
    case 'unsatisfactory':
      return 'status-met_late';
    case 'escalated':
      return 'status-escalated';
    default:
      return 'status-met';
  }
}

export function escalationsOf(result: EvaluationResult): EvaluationResult['escalations'] {
  const found: EvaluationResult['escalations'] | undefined = result.escalations;
  return found ?? [];
}

export function criteriaOf(result: EvaluationResult): EvaluationResult['criteria'] {
  const found: EvaluationResult['criteria'] | undefined = result.criteria;
  return found ?? [];
}
