/**
 * Mutation tests of runtime/messages.ts (docs/testing.md, "Mutation testing"): every message of the
 * table compared whole, as a user reads it. test/runtime/messages.test.ts checks that each code renders
 * its own template without the case data; this file pins what the templates say, for each form of
 * their parameters (an event named or not, each kind of place and of expected value, one name or
 * several, one item or many), and the shape of the errors and notices built from them.
 *
 * Input: `caseError`, `notice`, `renderForLog`, `authorKeys`, `formatCasePath`, `placeLabel` and
 * `expectedLabel`, called directly with parameters written here. Output: assertions on whole texts
 * and objects.
 */
import { describe, expect, it } from 'vitest';
import { authorKeys, caseError, expectedLabel, formatCasePath, notice, placeLabel, renderForLog, type CaseError, type Notice } from '../../runtime/messages.ts';

/** A notice's full message and its message for logs. */
function both(n: Notice): [string, string] {
  return [n.message, renderForLog(n)];
}

describe('case errors: each message whole', () => {
  it('says what each place should hold and was not', () => {
    const value = { value: '12' };
    const wrong = (place: Parameters<typeof placeLabel>[0], expected: Parameters<typeof expectedLabel>[0]): string =>
      caseError('case/wrong-value-type', [], { place, expected }, value).message;
    expect(wrong({ kind: 'fact', fact: 'siblings' }, { kind: 'number' })).toBe('fact `siblings` must be a number, got <value>');
    expect(wrong({ kind: 'dob' }, { kind: 'date' })).toBe("the child's date of birth `dob` must be a date as a `YYYY-MM-DD` string, got <value>");
    expect(wrong({ kind: 'event-date' }, { kind: 'date' })).toBe('the `date` of an event must be a date as a `YYYY-MM-DD` string, got <value>');
    expect(wrong({ kind: 'event-date', event: 'review_held' }, { kind: 'boolean' })).toBe(
      'the `date` of event `review_held` must be a boolean (`true` or `false`), got <value>',
    );
    expect(wrong({ kind: 'attribute', attribute: 'kind' }, { kind: 'text' })).toBe('attribute `kind` of an event must be a string, got <value>');
    expect(wrong({ kind: 'attribute', attribute: 'kind', event: 'assessment' }, { kind: 'role' })).toBe(
      'attribute `kind` of event `assessment` must be a role name (a string), got <value>',
    );
    expect(wrong({ kind: 'field', field: 'id' }, { kind: 'enum', values: ['a', 'b c'] })).toBe('`id` must be one of the strings `a`, `b c`, got <value>');
    expect(wrong({ kind: 'field', field: 'id' }, { kind: 'enum', values: [] })).toBe('`id` must be one of the strings , got <value>');
    expect(wrong({ kind: 'fact', fact: 'x' }, { kind: 'json', type: 'object' })).toBe('fact `x` must be an object, got <value>');
    expect(wrong({ kind: 'fact', fact: 'x' }, { kind: 'json', type: 'array' })).toBe('fact `x` must be an array, got <value>');
    expect(wrong({ kind: 'fact', fact: 'x' }, { kind: 'json', type: 'integer' })).toBe('fact `x` must be an integer, got <value>');
    expect(wrong({ kind: 'fact', fact: 'x' }, { kind: 'json', type: 'string' })).toBe('fact `x` must be a string, got <value>');
    expect(wrong({ kind: 'fact', fact: 'x' }, { kind: 'json', type: 'null' })).toBe('fact `x` must be a null, got <value>');
    expect(wrong({ kind: 'fact', fact: 'x' }, { kind: 'json', type: 'unit' })).toBe('fact `x` must be an unit, got <value>');
    expect(wrong({ kind: 'fact', fact: 'x' }, { kind: 'json', type: 'Object' })).toBe('fact `x` must be a Object, got <value>');
    expect(wrong({ kind: 'fact', fact: 'x' }, { kind: 'json', type: 'boa' })).toBe('fact `x` must be a boa, got <value>');
    expect(wrong({ kind: 'fact', fact: 'x' }, { kind: 'any' })).toBe('fact `x` must be a value, got <value>');
  });

  it('names each missing or unknown thing, and what was declared', () => {
    const messages = [
      caseError('case/not-an-object', [], {}, { value: '[]' }),
      caseError('case/wrong-type', ['events'], { field: 'events', expected: 'an array' }, { value: '{}' }),
      caseError('case/event-not-an-object', ['events', 0], {}, { value: '1' }),
      caseError('case/missing-field', [], { field: 'child' }),
      caseError('case/missing-dob', ['child'], {}),
      caseError('case/missing-fact', ['facts'], { fact: 'legal_status' }),
      caseError('case/missing-event-date', ['events', 0], {}),
      caseError('case/missing-event-date', ['events', 0], { event: 'review_held' }),
      caseError('case/missing-attribute', ['events', 0], { attribute: 'for' }),
      caseError('case/missing-attribute', ['events', 0], { attribute: 'for', event: 'review_scheduled' }),
      caseError('case/unknown-field', [], {}, { key: 'x' }),
      caseError('case/unknown-child-field', ['child'], {}, { key: 'x' }),
      caseError('case/unknown-fact', ['facts'], { declared: [] }, { key: 'x' }),
      caseError('case/unknown-fact', ['facts'], { declared: ['a', 'b'] }, { key: 'x' }),
      caseError('case/unknown-attribute', ['events', 0], {}, { key: 'x' }),
      caseError('case/unknown-attribute', ['events', 0], { event: 'review_held', attributes: [] }, { key: 'x' }),
      caseError('case/unknown-attribute', ['events', 0], { event: 'review_held', attributes: ['a', 'b'] }, { key: 'x' }),
      caseError('case/unknown-event-type', ['events', 0, 'type'], { declared: ['a', 'b'] }, { value: 'c' }),
      caseError('case/missing-event-type', ['events', 0], { declared: ['a'] }),
      caseError('case/event-type-not-a-string', ['events', 0, 'type'], {}, { value: '1' }),
      caseError('case/not-a-real-date', ['child', 'dob'], {}, { value: '2025-02-30' }),
      caseError('case/not-a-date', ['child', 'dob'], {}, { value: 'x' }),
      caseError('case/not-a-role', ['facts', 'r'], { roles: ['iro', 'social_worker'] }, { value: 'x' }),
      caseError('case/not-allowed', ['facts', 'e'], { place: { kind: 'fact', fact: 'e' }, allowed: ['a', 'b'] }, { value: 'x' }),
      caseError('case/empty', ['id'], { field: 'id' }),
      caseError('case/no-events-declared', ['events'], {}),
      caseError('case/invalid', [], { detail: 'must be >= 0' }),
      caseError('case/as-of-not-a-string', ['asOf'], {}, { value: '1' }),
      caseError('case/as-of-not-a-real-date', ['asOf'], {}, { value: '2025-02-30' }),
      caseError('case/as-of-not-a-date', ['asOf'], {}, { value: 'x' }),
      caseError('case/empty-input', [], {}),
      caseError('case/not-json', [], {}, { value: 'Unexpected token' }),
      caseError('case/duplicate-key', [], { line: 3, column: 5 }),
      caseError('case/too-many-events', ['events'], { count: 10_001, limit: 10_000 }),
      caseError('case/too-many-errors', [], { more: 1, limit: 100 }),
      caseError('case/too-many-errors', [], { more: 2, limit: 100 }),
    ].map((e) => e.message);
    expect(messages).toEqual([
      'the case must be a JSON object, got <value>',
      '`events` must be an array, got <value>',
      'each event must be an object with a `type` and a `date`, got <value>',
      'missing required field `child`',
      "missing the child's date of birth `dob`",
      'missing required fact `legal_status`',
      'missing the `date` of an event',
      'missing the `date` of event `review_held`',
      'missing required attribute `for` of an event',
      'missing required attribute `for` of event `review_scheduled`',
      'an unknown field; a case has `id`, `child`, `facts` and `events`',
      'an unknown field in `child`; only `dob` is expected',
      'an unknown fact; this policy declares no facts',
      'an unknown fact; declared facts: `a`, `b`',
      'an unknown attribute on an event',
      'an unknown attribute on event `review_held`; it has no attributes',
      'an unknown attribute on event `review_held`; its attributes are `a`, `b`',
      'undeclared event type <value>; declared event types: `a`, `b`',
      'missing the event `type`; declared event types: `a`',
      'the event `type` must be a string, got <value>',
      '<value> is not a real calendar date',
      '<value> is not a date in `YYYY-MM-DD` form',
      '<value> is not a declared role; roles: `iro`, `social_worker`',
      '<value> is not allowed for fact `e`; expected one of `a`, `b`',
      '`id` must not be empty',
      'this policy declares no events, so `events` must be empty',
      'must be >= 0',
      'the as-of date must be a `YYYY-MM-DD` string, got <value>',
      'the as-of date <value> is not a real calendar date',
      'the as-of date <value> is not a date in `YYYY-MM-DD` form',
      'the case is empty; paste or pick a sample case',
      'the case is not valid JSON',
      'the property name at line 3, column 5 repeats an earlier one of the same object; JSON keeps only the last value, so remove one',
      'the case has 10001 events, more than 10000',
      'and 1 more error, not shown (at most 100 are)',
      'and 2 more errors, not shown (at most 100 are)',
    ]);
  });

  it('is plain data: code, path, keys, params, message, and the case data only when the code has some', () => {
    const withData = caseError('case/unknown-fact', ['facts'], { declared: ['a'] }, { key: 'odd key' });
    expect(withData).toStrictEqual({
      code: 'case/unknown-fact',
      path: 'facts',
      keys: ['facts'],
      params: { declared: ['a'] },
      message: 'an unknown fact; declared facts: `a`',
      caseData: { key: 'odd key' },
    });
    const without = caseError('case/missing-fact', ['facts'], { fact: 'a' });
    expect(without).toStrictEqual({ code: 'case/missing-fact', path: 'facts', keys: ['facts'], params: { fact: 'a' }, message: 'missing required fact `a`' });
    expect(Object.keys(without)).toEqual(['code', 'path', 'keys', 'params', 'message']);
    expect(renderForLog(withData)).toBe('an unknown fact; declared facts: `a`');
  });
});

describe('authorKeys', () => {
  it('adds an unknown key (even an empty one) to the path, and nothing else', () => {
    expect(authorKeys(caseError('case/unknown-attribute', ['events', 2], {}, { key: '' }))).toEqual(['events', 2, '']);
    expect(authorKeys(caseError('case/unknown-field', [], {}, { key: 'extra' }))).toEqual(['extra']);
    const notAKey: CaseError = caseError('case/not-a-date', ['child', 'dob'], {}, { value: 'x' });
    expect(authorKeys(notAKey)).toEqual(['child', 'dob']);
    expect(authorKeys(caseError('case/empty', ['id'], { field: 'id' }))).toEqual(['id']);
  });
});

describe('formatCasePath', () => {
  it('writes names as properties when they are identifiers, else quoted in brackets', () => {
    expect(formatCasePath([])).toBe('$');
    expect(formatCasePath(['facts'])).toBe('facts');
    expect(formatCasePath([0])).toBe('[0]');
    expect(formatCasePath(['events', 12, 'date'])).toBe('events[12].date');
    expect(formatCasePath(['facts', 'legal_status', '$x', '_y1'])).toBe('facts.legal_status.$x._y1');
    expect(formatCasePath(['facts', '1a'])).toBe('facts["1a"]');
    expect(formatCasePath(['facts', 'a b'])).toBe('facts["a b"]');
    expect(formatCasePath(['facts', 'a-b'])).toBe('facts["a-b"]');
    expect(formatCasePath(['facts', ' a'])).toBe('facts[" a"]');
    expect(formatCasePath(['facts', 'a '])).toBe('facts["a "]');
    expect(formatCasePath(['facts', ''])).toBe('facts[""]');
    expect(formatCasePath(['facts', 'say "hi"'])).toBe('facts["say \\"hi\\""]');
    expect(formatCasePath(['odd key', 'x'])).toBe('["odd key"].x');
  });
});

describe('notices: the full message and the one for logs', () => {
  const event = { date: '2025-03-04' };

  it('counts events after the as-of date and before birth, one or many', () => {
    expect(both(notice('notice/events-after-as-of', { count: 1, asOf: '2025-06-01' }))).toEqual([
      '1 event dated after the as-of date 2025-06-01 was not considered',
      '1 event dated after the as-of date 2025-06-01 was not considered',
    ]);
    expect(both(notice('notice/events-after-as-of', { count: 3, asOf: '2025-06-01' }))[1]).toBe('3 events dated after the as-of date 2025-06-01 were not considered');
    expect(both(notice('notice/events-before-birth', { count: 1 }))).toEqual([
      "1 event is dated before the child's date of birth; it was considered as recorded",
      "1 event is dated before the child's date of birth; it was considered as recorded",
    ]);
    expect(both(notice('notice/events-before-birth', { count: 2 }))[1]).toBe("2 events are dated before the child's date of birth; they were considered as recorded");
  });

  it('names the event, its date in full and `<value>` for logs', () => {
    const notices = [
      notice('notice/repeated-event', { event: 'review_held' }, event),
      notice('notice/anchor-attribute-missing', { event: 'review_scheduled', attribute: 'for', rule: 'prepared' }, event),
      notice('notice/no-step-applies', { rule: 'review', occurrence: 3, event: 'became_looked_after' }, event),
      notice('notice/optional-fact-missing', { fact: 'disabled', condition: 'disabled', where: 'rule `review`' }),
      notice('notice/optional-attribute-missing', { event: 'review_held', attribute: 'late', condition: 'review_held.late', where: 'rule `x`' }, event),
      notice('notice/approval-notice-unchecked', { event: 'request', attribute: 'meeting', approval: 'postpone' }, event),
      notice('notice/constraint-unchecked', { event: 'review_scheduled', attribute: 'for', constraint: 'within' }, event),
      notice('notice/template-failed', { part: 'subject', kind: 'rule', rule: 'review' }),
      notice('notice/template-missing-field', { part: 'body', kind: 'ladder', rule: 'disputes', field: 'deadline' }),
      notice('notice/resolution-unmatched', { event: 'escalation_resolved', ladder: 'disputes' }, event),
      notice('notice/response-unmatched', { event: 'escalation_response' }, event),
      notice('notice/response-unmatched-stage', { event: 'escalation_response', ladder: 'disputes' }, { date: '2025-03-04', stage: 2 }),
    ].map(both);
    expect(notices).toEqual([
      [
        'the `review_held` event of 2025-03-04 is recorded twice with the same attributes, so the repeat was not considered',
        'the `review_held` event of <value> is recorded twice with the same attributes, so the repeat was not considered',
      ],
      [
        'the `review_scheduled` event of 2025-03-04 has no `for`, so rule `prepared` has no obligation for it',
        'the `review_scheduled` event of <value> has no `for`, so rule `prepared` has no obligation for it',
      ],
      [
        'no step of rule `review` applies to occurrence 3 of the run started by `became_looked_after` on 2025-03-04, so the run has no further occurrences',
        'no step of rule `review` applies to occurrence 3 of the run started by `became_looked_after` on <value>, so the run has no further occurrences',
      ],
      [
        'optional fact `disabled` is not given, so `disabled` (rule `review`) was taken as false',
        'optional fact `disabled` is not given, so `disabled` (rule `review`) was taken as false',
      ],
      [
        'optional attribute `late` of the `review_held` event of 2025-03-04 is not given, so `review_held.late` (rule `x`) was taken as false',
        'optional attribute `late` of the `review_held` event of <value> is not given, so `review_held.late` (rule `x`) was taken as false',
      ],
      [
        'the `request` event of 2025-03-04 has no `meeting`, so the notice of approval `postpone` could not be checked',
        'the `request` event of <value> has no `meeting`, so the notice of approval `postpone` could not be checked',
      ],
      [
        'the `review_scheduled` event of 2025-03-04 has no `for`, so constraint `within` could not be checked',
        'the `review_scheduled` event of <value> has no `for`, so constraint `within` could not be checked',
      ],
      [
        'the notification subject of rule `review` could not be rendered, so it was left out',
        'the notification subject of rule `review` could not be rendered, so it was left out',
      ],
      [
        'the notification body of ladder `disputes` names a field `deadline` that does not exist, so it was left out',
        'the notification body of ladder `disputes` names a field `deadline` that does not exist, so it was left out',
      ],
      [
        'the `escalation_resolved` event of 2025-03-04 for ladder `disputes` resolves no open escalation, so it was not considered',
        'the `escalation_resolved` event of <value> for ladder `disputes` resolves no open escalation, so it was not considered',
      ],
      [
        'the `escalation_response` event of 2025-03-04 answers no raised stage, so it was not considered',
        'the `escalation_response` event of <value> answers no raised stage, so it was not considered',
      ],
      [
        'the `escalation_response` event of 2025-03-04 answers no raised stage 2 of ladder `disputes`, so it was not considered',
        'the `escalation_response` event of <value> answers no raised stage <value> of ladder `disputes`, so it was not considered',
      ],
    ]);
  });

  it('lists the events that would start a cycle: none, one, two or three', () => {
    const cycle = (starts: string[]): [string, string] => both(notice('notice/cycle-not-started', { rule: 'visits', event: 'visit', starts }, event));
    expect(cycle(['placed'])).toEqual([
      'the `visit` event of 2025-03-04 shows that cycle `visits` applies, but no `placed` on or before it started a run, so the cycle could not be measured; a `placed` on or before that date would make it measurable',
      'the `visit` event of <value> shows that cycle `visits` applies, but no `placed` on or before it started a run, so the cycle could not be measured; a `placed` on or before that date would make it measurable',
    ]);
    expect(cycle(['a', 'b'])[0]).toBe(
      'the `visit` event of 2025-03-04 shows that cycle `visits` applies, but no `a` or `b` on or before it started a run, so the cycle could not be measured; a `a` or `b` on or before that date would make it measurable',
    );
    expect(cycle(['a', 'b', 'c'])[1]).toBe(
      'the `visit` event of <value> shows that cycle `visits` applies, but no `a`, `b` or `c` on or before it started a run, so the cycle could not be measured; a `a`, `b` or `c` on or before that date would make it measurable',
    );
    expect(cycle([])[0]).toBe(
      'the `visit` event of 2025-03-04 shows that cycle `visits` applies, but no  on or before it started a run, so the cycle could not be measured; a  on or before that date would make it measurable',
    );
  });

  it('names one approval or rule, or several', () => {
    const decision = (approvals: string[]): [string, string] =>
      both(notice('notice/decision-without-request', { event: 'approved', request: 'requested', approvals }, event));
    expect(decision(['iro'])).toEqual([
      'the `approved` event of 2025-03-04 has no `requested` on or before it to pair with, so approval `iro` could not check who approved it or the steps required before it; a `requested` on or before that date would make it measurable',
      'the `approved` event of <value> has no `requested` on or before it to pair with, so approval `iro` could not check who approved it or the steps required before it; a `requested` on or before that date would make it measurable',
    ]);
    expect(decision(['iro', 'sw'])[0]).toBe(
      'the `approved` event of 2025-03-04 has no `requested` on or before it to pair with, so approvals `iro`, `sw` could not check who approved it or the steps required before it; a `requested` on or before that date would make them measurable',
    );
    const step = (rules: string[]): [string, string] =>
      both(notice('notice/approved-step-not-recorded', { event: 'approved', step: 'postponed', order: 'only_after', rules }, event));
    expect(step(['r1'])).toEqual([
      'the `approved` event of 2025-03-04 is followed by no `postponed` (order `only_after` puts one after it), so rule `r1`, measured from a `postponed`, could not be measured for it; a `postponed` on or after that date would make it measurable',
      'the `approved` event of <value> is followed by no `postponed` (order `only_after` puts one after it), so rule `r1`, measured from a `postponed`, could not be measured for it; a `postponed` on or after that date would make it measurable',
    ]);
    expect(step(['r1', 'r2'])[1]).toBe(
      'the `approved` event of <value> is followed by no `postponed` (order `only_after` puts one after it), so rules `r1`, `r2`, measured from a `postponed`, could not be measured for it; a `postponed` on or after that date would make them measurable',
    );
  });

  it('is plain data: code, message, params, and the case data only when the code has some', () => {
    expect(notice('notice/repeated-event', { event: 'x' }, event)).toStrictEqual({
      code: 'notice/repeated-event',
      message: 'the `x` event of 2025-03-04 is recorded twice with the same attributes, so the repeat was not considered',
      params: { event: 'x' },
      caseData: { date: '2025-03-04' },
    });
    const plain = notice('notice/events-before-birth', { count: 2 });
    expect(Object.keys(plain)).toEqual(['code', 'message', 'params']);
  });
});
