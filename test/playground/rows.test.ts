/**
 * Display rows (playground/src/rows.ts): an `EvaluationResult` -> obligation rows with the right
 * status label, CSS class and calendar-day detail; superseded rows; the summary; and diagnostics
 * -> rows with `line:column`, help and whether they are in the edited file.
 */
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../compiler/index.ts';
import type { EvaluationResult, Obligation, ObligationStatus } from '../../runtime/index.ts';
import { daysBetween, diagnosticRows, diagnosticSummary, obligationRows, STATUS_LABELS, statusCounts, statusDetail, summaryText, supersededRows } from '../../playground/src/rows.ts';

function obligation(status: ObligationStatus, due: string, extra: Partial<Obligation> = {}): Obligation {
  return {
    rule: 'looked_after_review',
    occurrence: 1,
    title: "Review of the child's case",
    owner: 'iro',
    anchor: { event: 'became_looked_after', date: '2025-04-14' },
    due,
    status,
    citation: 'reg 33(1)',
    explanation: 'because',
    source: { file: 'policies/england/statutory-reviews.pdl', line: 31, column: 3 },
    ...extra,
  };
}

/** The arrays a newer runtime adds (spread, so this file also compiles against a runtime without them). */
const V2_ARRAYS = { violations: [], escalations: [], criteria: [], notifications: [] };

function result(obligations: Obligation[], superseded: EvaluationResult['superseded'] = []): EvaluationResult {
  return { policy: { id: 'p' }, case: 'c', asOf: '2025-12-01', obligations, superseded, notices: [], ...V2_ARRAYS };
}

describe('obligation rows', () => {
  it('maps every status to its label and class', () => {
    const rows = obligationRows(
      result([
        obligation('met', '2025-05-15', { satisfiedOn: '2025-05-13' }),
        obligation('met_late', '2025-08-12', { satisfiedOn: '2025-09-03', occurrence: 2 }),
        obligation('overdue', '2025-11-03', { occurrence: 3 }),
        obligation('open', '2026-02-07', { occurrence: 4 }),
      ]),
    );
    expect(rows.map((r) => [r.status, r.statusLabel, r.statusClass])).toEqual([
      ['met', 'Met', 'status-met'],
      ['met_late', 'Met late', 'status-met_late'],
      ['overdue', 'Overdue', 'status-overdue'],
      ['open', 'Open', 'status-open'],
    ]);
    expect(rows.map((r) => r.statusDetail)).toEqual(['2 days early', '22 days late', '28 days overdue', 'due in 68 days']);
    expect(rows.map((r) => r.satisfiedOn)).toEqual(['2025-05-13', '2025-09-03', '', '']);
    expect(Object.keys(STATUS_LABELS).sort()).toEqual(['early', 'met', 'met_late', 'missed', 'open', 'outstanding', 'overdue']);
  });

  it('edge wording: met on the day, due today, one day', () => {
    const rows = obligationRows(
      result([
        obligation('met', '2025-05-15', { satisfiedOn: '2025-05-15' }),
        obligation('open', '2025-12-01'),
        obligation('overdue', '2025-11-30'),
      ]),
    );
    expect(rows.map((r) => r.statusDetail)).toEqual(['on the due date', 'due today', '1 day overdue']);
  });

  it('shows the time of day, the owner title, the anchor, citation and explanation', () => {
    const [row] = obligationRows(
      result([obligation('open', '2026-01-16', { dueTime: '17:00', owner: 'social_worker', anchor: { event: 'review_scheduled', date: '2026-01-28', attribute: 'for' } })]),
      { social_worker: 'Social worker' },
    );
    expect(row).toMatchObject({
      dueText: '2026-01-16 17:00',
      dueTime: '17:00',
      ownerTitle: 'Social worker',
      anchorText: 'review_scheduled.for 2026-01-28',
      citation: 'reg 33(1)',
      explanation: 'because',
    });
    const [plain] = obligationRows(result([obligation('open', '2026-01-16')]));
    expect(plain).toMatchObject({ dueText: '2026-01-16', dueTime: '', ownerTitle: 'iro', anchorText: 'became_looked_after on 2025-04-14' });
  });

  it('keys are stable and distinct across runs of a cycle', () => {
    const rows = obligationRows(result([obligation('met', '2025-02-03', { satisfiedOn: '2025-01-30' }), obligation('open', '2025-06-30', { anchor: { event: 'became_looked_after', date: '2025-06-02' } })]));
    expect(new Set(rows.map((r) => r.key)).size).toBe(2);
  });

  it('says how long before its window an early obligation was met', () => {
    // 1 Nov 2025 to 15 Dec 2025: 29 + 15 days.
    expect(statusDetail({ status: 'early', due: '2026-06-15', earliest: '2025-12-15', satisfiedOn: '2025-11-01' }, '2026-07-01')).toBe('44 days before the window opened');
    expect(STATUS_LABELS.early).toBe('Early');
  });

  it('counts and summarises', () => {
    const r = result([obligation('met', '2025-05-15', { satisfiedOn: '2025-05-13' }), obligation('overdue', '2025-11-03'), obligation('overdue', '2025-11-04')]);
    expect(statusCounts(r)).toEqual({ met: 1, met_late: 0, overdue: 2, open: 0, early: 0, outstanding: 0, missed: 0 });
    expect(summaryText(r)).toBe('3 obligations: 2 overdue, 1 met');
    expect(summaryText(result([]))).toBe('no obligations');
  });

  it('superseded rows carry the reason', () => {
    const rows = supersededRows(result([], [{ rule: 'looked_after_review', occurrence: 2, anchor: { event: 'review_held', date: '2025-01-30' }, due: '2025-04-30', reason: 'the run ended' }]));
    expect(rows).toEqual([{ key: 'looked_after_review#2#2025-01-30', rule: 'looked_after_review', occurrence: 2, anchorText: 'review_held on 2025-01-30', due: '2025-04-30', reason: 'the run ended' }]);
  });

  it('counts calendar days across month and year ends', () => {
    expect(daysBetween('2025-12-31', '2026-01-01')).toBe(1);
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2025-01-01', 'not a date')).toBeUndefined();
  });
});

describe('diagnostic rows', () => {
  const range = { start: 10, end: 13, startLine: 29, startColumn: 9, endLine: 29, endColumn: 12 };
  const diagnostics: Diagnostic[] = [
    { code: 'pdl/unknown-role', severity: 'error', message: 'unknown role `irx`', uri: 'a.pdl', range, help: 'did you mean `iro`?' },
    { code: 'pdl/calendar-open-not-a-holiday', severity: 'warning', message: 'w', uri: 'b.pdl', range },
  ];

  it('gives line:column, help, and whether the range is in the edited file', () => {
    const rows = diagnosticRows(diagnostics, 'a.pdl');
    expect(rows[0]).toMatchObject({ severity: 'error', code: 'pdl/unknown-role', location: '29:9', help: 'did you mean `iro`?', inThisFile: true, start: 10, end: 13, line: 29 });
    expect(rows[1]).toMatchObject({ location: 'b.pdl:29:9', help: '', inThisFile: false });
  });

  it('summarises', () => {
    expect(diagnosticSummary(diagnostics)).toBe('1 error, 1 warning');
    expect(diagnosticSummary([])).toBe('no problems');
  });
});

describe('duty rows (no due date)', () => {
  const duty = (status: ObligationStatus, extra: Partial<Obligation> = {}): Obligation => {
    const { due: _none, ...rest } = obligation(status, '', { rule: 'prepare_child', owner: 'social_worker', anchor: { event: 'review_scheduled', date: '2025-11-01' }, ...extra });
    return rest;
  };

  it('shows the bound (or no date), the duty statuses, and how far the bound is', () => {
    // As of Mon 1 Dec 2025: a bound of Wed 10 Dec is 9 days away; one of Thu 20 Nov passed 11 days ago.
    const rows = obligationRows(result([duty('outstanding', { bound: '2025-12-10' }), duty('missed', { bound: '2025-11-20', occurrence: 2 }), duty('outstanding', { occurrence: 3 }), duty('met', { occurrence: 4, satisfiedOn: '2025-11-05' })]));
    expect(rows.map((r) => [r.due, r.dueText, r.statusLabel, r.statusClass, r.statusDetail])).toEqual([
      ['', 'by 2025-12-10', 'Outstanding', 'status-outstanding', '9 days left'],
      ['', 'by 2025-11-20', 'Missed', 'status-missed', '11 days past its bound'],
      ['', 'no date', 'Outstanding', 'status-outstanding', 'no date set'],
      ['', 'no date', 'Met', 'status-met', ''],
    ]);
    expect(STATUS_LABELS.outstanding).toBe('Outstanding');
    expect(statusCounts(result([duty('missed'), duty('outstanding'), duty('outstanding')]))).toMatchObject({ missed: 1, outstanding: 2 });
    expect(summaryText(result([duty('missed'), duty('outstanding')]))).toContain('1 missed');
  });
});

describe('rows of obligations with several owners', () => {
  it('name every owner, joined as the rule joins them', () => {
    const shared = obligation('open', '2025-12-10', { owner: 'social_worker', owners: { join: 'all', roles: ['social_worker', 'team_manager'] } });
    const either = obligation('open', '2025-12-11', { owner: 'chair', owners: { join: 'any', roles: ['chair', 'chair_manager'] }, occurrence: 2 });
    const rows = obligationRows(result([shared, either]), { social_worker: 'Social worker', team_manager: 'Team manager', chair: 'Chair' });
    expect(rows.map((r) => r.ownerTitle)).toEqual(['Social worker and Team manager', 'Chair or chair_manager']);
  });
});
