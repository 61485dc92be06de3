/**
 * The table of case error and notice codes (runtime/messages.ts): a case error's message is rendered
 * from its params alone, so it never contains the case's data (`<value>`, or the unknown key not
 * named), which stays in `caseData`, and is what `renderForLog` gives; a notice renders a full
 * message and a log message, the log one with the event's date left out; codes with no case data
 * render the same twice;
 * paths are written as the runtime has always written them; docs/case-errors.md lists every code.
 *
 * Input: one sample of params and case data per code (typed by the table, so a new code without a
 * sample does not type-check). Output: assertions.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  authorKeys,
  CASE_ERROR_CODES,
  CASE_ERRORS,
  caseError,
  formatCasePath,
  notice,
  NOTICE_CODES,
  NOTICES,
  renderForLog,
} from '../../runtime/index.ts';
import type { CaseErrorCode, CaseErrorData, CaseErrorParams, NoticeCode, NoticeData, NoticeParams } from '../../runtime/index.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Marks what came from the case in the samples. */
const SECRET = 'SECRET-from-the-case';

const ERROR_SAMPLES: { readonly [C in CaseErrorCode]: readonly [CaseErrorParams[C], CaseErrorData[C]] } = {
  'case/not-an-object': [{}, { value: SECRET }],
  'case/wrong-type': [{ field: 'events', expected: 'an array' }, { value: SECRET }],
  'case/event-not-an-object': [{}, { value: SECRET }],
  'case/wrong-value-type': [{ place: { kind: 'fact', fact: 'siblings' }, expected: { kind: 'number' } }, { value: SECRET }],
  'case/missing-field': [{ field: 'events' }, undefined],
  'case/missing-dob': [{}, undefined],
  'case/missing-fact': [{ fact: 'legal_status' }, undefined],
  'case/missing-event-date': [{ event: 'review_held' }, undefined],
  'case/missing-attribute': [{ event: 'review_scheduled', attribute: 'for' }, undefined],
  'case/unknown-field': [{}, { key: SECRET }],
  'case/unknown-child-field': [{}, { key: SECRET }],
  'case/unknown-fact': [{ declared: ['legal_status'] }, { key: SECRET }],
  'case/unknown-attribute': [{ event: 'review_scheduled', attributes: ['for'] }, { key: SECRET }],
  'case/unknown-event-type': [{ declared: ['review_held'] }, { value: SECRET }],
  'case/missing-event-type': [{ declared: ['review_held'] }, undefined],
  'case/event-type-not-a-string': [{}, { value: SECRET }],
  'case/not-a-real-date': [{}, { value: SECRET }],
  'case/not-a-date': [{}, { value: SECRET }],
  'case/not-a-role': [{ roles: ['iro'] }, { value: SECRET }],
  'case/not-allowed': [{ place: { kind: 'attribute', event: 'assessment', attribute: 'kind' }, allowed: ['health'] }, { value: SECRET }],
  'case/empty': [{ field: 'id' }, undefined],
  'case/no-events-declared': [{}, undefined],
  'case/invalid': [{ detail: 'must be >= 0' }, undefined],
  'case/as-of-not-a-string': [{}, { value: SECRET }],
  'case/as-of-not-a-real-date': [{}, { value: SECRET }],
  'case/as-of-not-a-date': [{}, { value: SECRET }],
  'case/empty-input': [{}, undefined],
  'case/not-json': [{}, { value: SECRET }],
  'case/duplicate-key': [{ line: 3, column: 5 }, undefined],
  'case/too-many-events': [{ count: 10_001, limit: 10_000 }, undefined],
  'case/too-many-errors': [{ more: 3, limit: 100 }, undefined],
};

const NOTICE_SAMPLES: { readonly [N in NoticeCode]: readonly [NoticeParams[N], NoticeData[N]] } = {
  'notice/events-after-as-of': [{ count: 2, asOf: '2025-06-01' }, undefined],
  'notice/events-before-birth': [{ count: 2 }, undefined],
  'notice/repeated-event': [{ event: 'review_held' }, { date: SECRET }],
  'notice/anchor-attribute-missing': [{ event: 'review_scheduled', attribute: 'for', rule: 'prepared' }, { date: SECRET }],
  'notice/no-step-applies': [{ rule: 'review', occurrence: 3, event: 'became_looked_after' }, { date: SECRET }],
  'notice/optional-fact-missing': [{ fact: 'disabled', condition: 'disabled', where: 'rule `review`' }, undefined],
  'notice/optional-attribute-missing': [{ event: 'review_held', attribute: 'late', condition: 'review_held.late', where: 'rule `x`' }, { date: SECRET }],
  'notice/approval-notice-unchecked': [{ event: 'request', attribute: 'meeting', approval: 'postpone' }, { date: SECRET }],
  'notice/constraint-unchecked': [{ event: 'review_scheduled', attribute: 'for', constraint: 'within' }, { date: SECRET }],
  'notice/template-failed': [{ part: 'subject', kind: 'rule', rule: 'review' }, undefined],
  'notice/template-missing-field': [{ part: 'body', kind: 'ladder', rule: 'disputes', field: 'deadline' }, undefined],
  'notice/resolution-unmatched': [{ event: 'escalation_resolved', ladder: 'disputes' }, { date: SECRET }],
  'notice/response-unmatched': [{ event: 'escalation_response' }, { date: SECRET }],
  'notice/response-unmatched-stage': [{ event: 'escalation_response', ladder: 'disputes' }, { date: SECRET, stage: 987654 }],
  'notice/cycle-not-started': [{ rule: 'looked_after_review', event: 'review_held', starts: ['became_looked_after'] }, { date: SECRET }],
  'notice/decision-without-request': [{ event: 'review_postponement_approved', request: 'review_postponement_requested', approvals: ['iro_postponement', 'social_worker_postponement'] }, { date: SECRET }],
  'notice/approved-step-not-recorded': [{ event: 'review_postponement_approved', step: 'review_postponed', order: 'postponement_only_after_approval', rules: ['review_rearranged_by_iro', 'review_rearranged_by_social_worker'] }, { date: SECRET }],
};

describe('the table of case error codes', () => {
  it.each(CASE_ERROR_CODES)('%s renders one message, without the case data', (code) => {
    const [params, data] = ERROR_SAMPLES[code];
    // The samples' types follow the table; the call is checked by `caseError`'s signature elsewhere.
    const e = (caseError as (c: CaseErrorCode, k: readonly (string | number)[], p: unknown, ...d: unknown[]) => ReturnType<typeof caseError>)(
      code,
      ['facts', 'x'],
      params,
      ...(data === undefined ? [] : [data]),
    );
    expect(e.code).toBe(code);
    expect(e.message).toBe(CASE_ERRORS[code].message(params as never));
    expect(e.message).toMatch(/^[a-z`<]/);
    expect(CASE_ERRORS[code].summary.length).toBeGreaterThan(0);
    const log = renderForLog(e);
    expect(log.length).toBeGreaterThan(0);
    expect(log).toBe(e.message);
    expect(e.message).not.toContain(SECRET);
    expect(e.path).not.toContain(SECRET);
    expect(JSON.stringify(e.params)).not.toContain(SECRET);
    if (data === undefined) expect(e.caseData).toBeUndefined();
    else expect(e.caseData).toEqual(data);
    // JSON round trip: plain data, no undefined.
    expect(JSON.parse(JSON.stringify(e))).toEqual(e);
  });

  it('the message keeps the meaning: `<value>` where the value was, the value itself in `caseData`', () => {
    const e = caseError('case/not-a-real-date', ['events', 0, 'date'], {}, { value: '2024-02-30' });
    expect(e.message).toBe('<value> is not a real calendar date');
    expect(e.caseData).toEqual({ value: '2024-02-30' });
    expect(renderForLog(e)).toBe('<value> is not a real calendar date');
    const t = caseError('case/unknown-event-type', ['events', 1, 'type'], { declared: ['review_held', 'became_looked_after'] }, { value: 'home_visit' });
    expect(renderForLog(t)).toBe('undeclared event type <value>; declared event types: `review_held`, `became_looked_after`');
  });
});

describe('the table of notice codes', () => {
  it.each(NOTICE_CODES)('%s renders a full and a log message', (code) => {
    const [params, data] = NOTICE_SAMPLES[code];
    const n = (notice as (c: NoticeCode, p: unknown, ...d: unknown[]) => ReturnType<typeof notice>)(code, params, ...(data === undefined ? [] : [data]));
    expect(n.code).toBe(code);
    expect(n.message).toBe(NOTICES[code].full(params as never, data as never));
    expect(NOTICES[code].summary.length).toBeGreaterThan(0);
    const log = renderForLog(n);
    expect(log).not.toContain(SECRET);
    expect(log).not.toContain('987654');
    if (data === undefined) expect(log).toBe(n.message);
    else expect(n.message).toContain(SECRET);
    expect(Object.keys(n).slice(0, 3)).toEqual(['code', 'message', 'params']);
  });
});

describe('paths', () => {
  it('are written as the runtime writes them', () => {
    expect(formatCasePath([])).toBe('$');
    expect(formatCasePath(['events', 3, 'date'])).toBe('events[3].date');
    expect(formatCasePath(['facts', 'a b'])).toBe('facts["a b"]');
    expect(formatCasePath(['asOf'])).toBe('asOf');
  });

  it('authorKeys adds an unknown key to the path, for its author only', () => {
    const e = caseError('case/unknown-fact', ['facts'], { declared: [] }, { key: 'odd key' });
    expect(e.path).toBe('facts');
    expect(formatCasePath(authorKeys(e))).toBe('facts["odd key"]');
    const d = caseError('case/missing-fact', ['facts', 'x'], { fact: 'x' });
    expect(authorKeys(d)).toEqual(['facts', 'x']);
  });
});

describe('docs/case-errors.md', () => {
  it('lists every code of the table', () => {
    const doc = readFileSync(`${ROOT}docs/case-errors.md`, 'utf8');
    for (const code of [...CASE_ERROR_CODES, ...NOTICE_CODES]) expect(doc).toContain(`\`${code}\``);
  });
});
