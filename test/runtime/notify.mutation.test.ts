/**
 * Tests written to kill the surviving mutants of runtime/notify.ts (docs/testing.md, "Mutation
 * testing"): each kind's field list; a deadline's time of day, empty without one; a met-late
 * obligation gets no notification; `rule.citation` is the rule's own citation,
 * not its step's; `policy.version` and a stage's `title` are empty when not given; copied roles are
 * joined with ", "; a ladder's failing template is told as a ladder's and sends nothing; rules and
 * ladders without a template are skipped; an unescaped output is found before or after a block and
 * after plain text. Each policy is prepared inside its test (Stryker's per-test coverage then reaches
 * the preparation).
 *
 * Input: the hand-built IR of test/support/notify-ir.ts, with changes made here; cases as plain JSON.
 * Output: whole notifications, notices and error messages, worked out by hand.
 */
import { describe, expect, it } from 'vitest';
import { MalformedIrError, NOTIFICATION_FIELDS, notificationFields, preparePolicy } from '../../runtime/index.ts';
import { CARE_PLAN, DISPUTES, ev, LAR, policy, run } from '../support/notify-ir.ts';

describe('notifications: what is sent', () => {
  it('none for an obligation met late (nor met): only open, early and overdue ones are to be done', () => {
    const p = preparePolicy(policy({ rules: [CARE_PLAN], ladders: [] }));
    // The review on Wed 11 Jun 2025: the care plan is due 5 working days before, Wed 4 Jun; authorised on Fri 6 Jun.
    const r = run(p, [ev('review_scheduled', '2025-05-20', { for: '2025-06-11' }), ev('care_plan_authorised', '2025-06-06')], '2025-06-20');
    expect(r.obligations.map((o) => [o.rule, o.status])).toEqual([['care_plan_authorised', 'met_late']]);
    expect(r.notifications).toEqual([]);
  });

  it("`rule.citation` is the rule's own citation, though each obligation of a cycle cites its step", () => {
    const p = preparePolicy(policy({ rules: [{ ...LAR, notify: { subject: '{{rule.citation}} / {{policy.version}}' } }], ladders: [] }));
    const r = run(p, [ev('became_looked_after', '2025-06-02')], '2025-07-10');
    expect(r.obligations.map((o) => [o.rule, o.citation, o.status])).toEqual([['looked_after_review', 'reg 33(1)', 'overdue']]);
    expect(r.notifications.map((n) => n.subject)).toEqual(['reg 33 / 1.0']);
  });

  it('`policy.version` is empty when the policy has none; a rule without a template sends nothing beside one with', () => {
    const ir = policy({ rules: [{ ...CARE_PLAN, notify: { subject: 'v[{{policy.version}}] {{policy.id}}' } }, { ...LAR, notify: undefined }], ladders: [{ ...DISPUTES, notify: undefined }] });
    const { version: _version, ...unversioned } = ir;
    const p = preparePolicy(unversioned);
    const r = run(p, [ev('review_scheduled', '2025-05-20', { for: '2025-06-11' }), ev('became_looked_after', '2025-06-02')], '2025-06-01');
    expect(r.notifications).toEqual([{ rule: 'care_plan_authorised', subject: 'v[] local.notify', obligation: { rule: 'care_plan_authorised', occurrence: 1 } }]);
  });
});

describe('notifications: the fields of each kind', () => {
  it('a deadline, a cycle and a duty get the obligation fields; a ladder the ladder fields', () => {
    expect(notificationFields('deadline')).toBe(NOTIFICATION_FIELDS.obligation);
    expect(notificationFields('cycle')).toBe(NOTIFICATION_FIELDS.obligation);
    expect(notificationFields('duty')).toBe(NOTIFICATION_FIELDS.obligation);
    expect(notificationFields('ladder')).toBe(NOTIFICATION_FIELDS.ladder);
  });

  it('`obligation.dueTime` is the time of day a deadline gives, and empty for a rule without one', () => {
    const p = preparePolicy(policy({ rules: [{ ...CARE_PLAN, notify: { subject: 'care plan by {{obligation.due}} [{{obligation.dueTime}}]' } }, { ...LAR, notify: { subject: 'review by {{obligation.due}} [{{obligation.dueTime}}]' } }], ladders: [] }));
    const r = run(p, [ev('review_scheduled', '2025-05-20', { for: '2025-06-11' }), ev('became_looked_after', '2025-06-02')], '2025-06-03');
    expect(r.notifications.map((n) => n.subject)).toEqual(['care plan by 2025-06-04 [12:00]', 'review by 2025-06-30 []']);
  });
});

describe('notifications of ladders: fields and failures', () => {
  it("a stage without a title gives an empty `stage.title`; copied roles are joined with ', '", () => {
    const ladder = {
      ...DISPUTES,
      stages: [{ number: 1, title: 'Level 1', alert: ['team_manager'], copy: ['service_manager', 'assistant_director'], respondWithin: { amount: 5, unit: 'working_days' as const }, citation: 's1', source: DISPUTES.source }, { ...(DISPUTES.stages[1] as (typeof DISPUTES.stages)[number]), copy: [] }],
      notify: { subject: '[{{stage.title}}] {{stage.number}} copied: {{stage.copied}}' },
    };
    const p = preparePolicy(policy({ rules: [], ladders: [ladder] }));
    const r = run(p, [ev('escalation_raised', '2025-06-02', { ladder: 'dispute_resolution', stage: 1 }), ev('escalation_raised', '2025-06-10', { ladder: 'dispute_resolution', stage: 2 })], '2025-06-12');
    expect(r.notifications.map((n) => n.subject)).toEqual(['[Level 1] 1 copied: service_manager, assistant_director', '[] 2 copied: ']);
  });

  it("a ladder's template that names a missing field sends nothing and is told as the ladder's", () => {
    const p = preparePolicy(policy({ rules: [{ ...CARE_PLAN, notify: undefined }], ladders: [{ ...DISPUTES, notify: { subject: 'Alert', body: 'By {{stage.deadline}}' } }] }));
    const r = run(p, [ev('escalation_raised', '2025-06-02', { ladder: 'dispute_resolution', stage: 1 })], '2025-06-03');
    expect(r.notifications).toEqual([]);
    expect(r.notices.map((n) => n.message)).toEqual(['the notification body of ladder `dispute_resolution` names a field `deadline` that does not exist, so it was left out']);
  });

  it("a ladder's template that fails otherwise is told as the ladder's too", () => {
    const p = preparePolicy(policy({ rules: [], ladders: [{ ...DISPUTES, notify: { subject: 'Alert {{#with}}x{{/with}}' } }] }));
    const r = run(p, [ev('escalation_raised', '2025-06-02', { ladder: 'dispute_resolution', stage: 1 })], '2025-06-03');
    expect(r.notifications).toEqual([]);
    expect(r.notices.map((n) => n.message)).toEqual(['the notification subject of ladder `dispute_resolution` could not be rendered, so it was left out']);
  });
});

describe('templates: unescaped output is found wherever it stands', () => {
  const withSubject = (subject: string) => policy({ rules: [{ ...CARE_PLAN, notify: { subject } }], ladders: [] });

  it('before a block without an else, and before plain text', () => {
    expect(() => preparePolicy(withSubject('{{{case.id}}}{{#if case.id}}x{{/if}}'))).toThrow(MalformedIrError);
    expect(() => preparePolicy(withSubject('{{{case.id}}}x'))).toThrow(/subject of `care_plan_authorised` inserts a value unescaped/);
  });

  it('blocks with and without an else, and plain text, are fine when every output is escaped', () => {
    expect(() => preparePolicy(withSubject('a {{case.id}}{{#if case.id}}x{{else}}{{case.id}}{{/if}}{{#if case.id}}y{{/if}} b'))).not.toThrow();
  });
});
