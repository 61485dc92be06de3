/**
 * Privacy by construction (runtime/messages.ts): a distinctive string planted in every field of a
 * case (the id, the date of birth, facts of every type, event types, dates and attributes, and
 * unknown keys at every level) never reaches a case error's `message`, its log form (`renderForLog`),
 * its `path`, `keys` or `params`, nor a notice's log form or params; event dates, which notices name,
 * are kept out of the log form too. The errors' `caseData` still holds what the author wrote (so the
 * planting is shown to work). test/privacy/canary.test.ts plants the canary in every policy's cases
 * and follows it through the CLI, the emitted module, the service and the playground.
 *
 * Input: a policy with facts and attributes of every type (compiled here), hostile cases built from
 * a good one. Output: assertions.
 */
import { describe, expect, it } from 'vitest';
import { authorKeys, renderForLog } from '../../runtime/index.ts';
import type { CaseError, CompiledPolicy, Notice } from '../../runtime/index.ts';
import { compiledPolicy } from '../support/compiled.ts';

/** The canary: in no log line, ever. */
const CANARY = 'Zq7canaryJoBloggs';

const POLICY = `policy example.canary
  title "Every type of fact and attribute"

role iro "Independent Reviewing Officer"

fact legal_status: enum(care_order, section_20)
fact disabled?: boolean
fact siblings: number
fact school?: text
fact allocated_to: role
fact placed_on: date

event became_looked_after
event review_held
event review_scheduled { for?: date, note?: text }
event discussion_held { with: role, about: text, kind: enum(health, education), score: number, urgent: boolean }

deadline review_due "Review"
  owner iro
  due within 20 days of became_looked_after
  when disabled
  met by review_held
  cite "1"

deadline prepared "Prepared before the meeting"
  owner iro
  due at least 5 days before review_scheduled.for
  met by review_held
  cite "2"
`;

function policy(): CompiledPolicy {
  return compiledPolicy(POLICY);
}

const good = {
  id: 'case-1',
  child: { dob: '2015-06-01' },
  facts: { legal_status: 'care_order', siblings: 1, allocated_to: 'iro', placed_on: '2025-01-06' },
  events: [
    { type: 'became_looked_after', date: '2025-04-14' },
    { type: 'discussion_held', date: '2025-04-20', with: 'iro', about: 'x', kind: 'health', score: 2, urgent: false },
  ],
};

const withFacts = (facts: Record<string, unknown>): unknown => ({ ...good, facts: { ...good.facts, ...facts } });
const withEvent = (event: Record<string, unknown>): unknown => ({ ...good, events: [...good.events, event] });
const discussion = (attributes: Record<string, unknown>): unknown =>
  withEvent({ type: 'discussion_held', date: '2025-05-01', with: 'iro', about: 'x', kind: 'health', score: 1, urgent: true, ...attributes });

/** One hostile case per field (some errors hide the others under them, so each is planted alone too). */
const HOSTILE: readonly (readonly [string, unknown])[] = [
  ['the case itself', CANARY],
  ['the case as an array', [CANARY]],
  ['an unknown root key', { ...good, [CANARY]: 1 }],
  ['an unknown root key and value', { ...good, [CANARY]: CANARY }],
  ['the id (a number)', { ...good, id: { [CANARY]: CANARY } }],
  ['the child', { ...good, child: CANARY }],
  ['the dob', { ...good, child: { dob: CANARY } }],
  ['the dob (date-shaped)', { ...good, child: { dob: '2015-02-30' } }],
  ['an unknown child key', { ...good, child: { dob: '2015-06-01', [CANARY]: CANARY } }],
  ['facts', { ...good, facts: CANARY }],
  ['an unknown fact', withFacts({ [CANARY]: CANARY })],
  ['an enum fact', withFacts({ legal_status: CANARY })],
  ['a boolean fact', withFacts({ disabled: CANARY })],
  ['a number fact', withFacts({ siblings: CANARY })],
  ['a text fact', withFacts({ school: { [CANARY]: CANARY } })],
  ['a role fact', withFacts({ allocated_to: CANARY })],
  ['a date fact', withFacts({ placed_on: CANARY })],
  ['events', { ...good, events: CANARY }],
  ['an event', withEvent([CANARY] as unknown as Record<string, unknown>)],
  ['an event as a string', { ...good, events: [CANARY] }],
  ['an event type', withEvent({ type: CANARY, date: '2025-05-01' })],
  ['an event type (not a string)', withEvent({ type: { [CANARY]: 1 }, date: '2025-05-01' })],
  ['an event date', withEvent({ type: 'review_held', date: CANARY })],
  ['an event date (not a string)', withEvent({ type: 'review_held', date: [CANARY] })],
  ['an unknown attribute', withEvent({ type: 'review_held', date: '2025-05-01', [CANARY]: CANARY })],
  ['a date attribute', withEvent({ type: 'review_scheduled', date: '2025-05-01', for: CANARY })],
  ['a text attribute', withEvent({ type: 'review_scheduled', date: '2025-05-01', note: [CANARY] })],
  ['a role attribute', discussion({ with: CANARY })],
  ['an enum attribute', discussion({ kind: CANARY })],
  ['a number attribute', discussion({ score: CANARY })],
  ['a boolean attribute', discussion({ urgent: CANARY })],
  ['a long value', withFacts({ siblings: `${'x'.repeat(70)}${CANARY}` })],
];

/** Everything of an error that may be shown, logged or forwarded (all but `caseData`). */
function loggable(e: CaseError): string {
  return JSON.stringify({ code: e.code, path: e.path, keys: e.keys, params: e.params, message: e.message, log: renderForLog(e) });
}

describe('case errors: the canary never reaches a message', () => {
  const p = policy();

  it.each(HOSTILE)('%s', (_name, input) => {
    const v = p.validate(input);
    expect(v.ok).toBe(false);
    if (v.ok) return;
    expect(v.errors.length).toBeGreaterThan(0);
    for (const e of v.errors) {
      expect(loggable(e)).not.toContain(CANARY);
      expect(loggable(e)).not.toContain('Zq7');
    }
  });

  it('the case data kept apart (for the author) still holds the planted values, so the planting works', () => {
    let quoted = 0;
    for (const [, input] of HOSTILE) {
      const v = p.validate(input);
      if (!v.ok) quoted += v.errors.filter((e) => JSON.stringify(e.caseData ?? '').includes('Zq7')).length;
    }
    expect(quoted).toBeGreaterThanOrEqual(HOSTILE.length - 3);
  });

  it('the as-of date is case data in errors too', () => {
    for (const asOf of [CANARY, { [CANARY]: 1 }, `2025-0${CANARY}`]) {
      const r = p.evaluate(good, asOf as string);
      expect(r.ok).toBe(false);
      if (!r.ok) for (const e of r.errors) expect(loggable(e)).not.toContain(CANARY);
    }
  });

  it('an unknown key is named in no message and no path; authorKeys locates it for its author', () => {
    const v = p.validate(withFacts({ [CANARY]: 1 }));
    if (v.ok) throw new Error('expected errors');
    expect(v.errors).toHaveLength(1);
    const e = v.errors[0] as CaseError;
    expect(e.path).toBe('facts');
    expect(e.code).toBe('case/unknown-fact');
    expect(e.message).not.toContain(CANARY);
    expect(authorKeys(e)).toEqual(['facts', CANARY]);
    expect(renderForLog(e)).toBe('an unknown fact; declared facts: `legal_status`, `disabled`, `siblings`, `school`, `allocated_to`, `placed_on`');
  });
});

describe('notices: the log form holds no case data', () => {
  const p = policy();
  /** Dates no rule computes: if one shows up in a log line, it came from the case. */
  const SECRET_DATES = ['2019-07-23', '2019-08-19'];
  const input = {
    ...good,
    id: CANARY,
    facts: { ...good.facts, school: CANARY },
    events: [
      { type: 'became_looked_after', date: SECRET_DATES[0] as string },
      { type: 'review_scheduled', date: SECRET_DATES[1] as string, note: CANARY },
      { type: 'discussion_held', date: '2019-09-01', with: 'iro', about: CANARY, kind: 'health', score: 3, urgent: true },
      { type: 'review_held', date: '2031-01-01' },
    ],
  };

  it('every notice: its log form and params hold neither the canary nor an event date', () => {
    const r = p.evaluate(input, '2025-01-01');
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const codes = r.result.notices.map((n) => n.code).sort();
    expect(codes).toEqual(['notice/anchor-attribute-missing', 'notice/events-after-as-of', 'notice/optional-fact-missing']);
    for (const n of r.result.notices as readonly Notice[]) {
      const logged = JSON.stringify({ code: n.code, params: n.params, log: renderForLog(n) });
      expect(logged).not.toContain(CANARY);
      for (const d of SECRET_DATES) expect(logged).not.toContain(d);
    }
    const anchor = r.result.notices.find((n) => n.code === 'notice/anchor-attribute-missing');
    expect(anchor?.message).toContain(SECRET_DATES[1]);
    expect(anchor === undefined ? '' : renderForLog(anchor)).toBe('the `review_scheduled` event of <value> has no `for`, so rule `prepared` has no obligation for it');
  });
});
