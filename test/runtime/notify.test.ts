/**
 * Tests of notifications (`runtime/notify.ts`) through the evaluator: Bristol's care plan deadline and
 * Peterborough's "Dispute Resolution Alert on (insert child's Name) - by (insert date of response
 * needed)" (docs/coverage/peterborough.md, 9.1.4), rendered with Handlebars:
 * escaped, strict, one per open or overdue obligation and one per raised stage; and
 * `NOTIFICATION_FIELDS`, the one list of fields the compiler checks templates against.
 *
 * Input: hand-built IRs (test/support/notify-ir.ts; no compiler involved) and cases as plain JSON. Output: vitest assertions on
 * `notifications` and `notices`.
 */
import { describe, expect, it } from 'vitest';
import { compileToIr } from '../../compiler/pipeline.ts';
import { MalformedIrError, NOTIFICATION_FIELDS, notificationFields, preparePolicy } from '../../runtime/index.ts';
import { CARE_PLAN, DISPUTES, ev, policy, run } from '../support/notify-ir.ts';

const p = preparePolicy(policy({}));

describe('notifications of deadlines and cycles', () => {
  it('one per open or overdue obligation, none for met ones', () => {
    const r = run(
      p,
      [
        ev('review_scheduled', '2025-05-20', { for: '2025-06-11' }),
        ev('care_plan_authorised', '2025-06-03'),
        ev('review_scheduled', '2025-06-20', { for: '2025-12-10' }),
        ev('became_looked_after', '2025-06-02'),
      ],
      '2025-07-10',
    );
    expect(r.obligations.map((o) => [o.rule, o.occurrence, o.status])).toEqual([
      ['care_plan_authorised', 1, 'met'],
      ['looked_after_review', 1, 'overdue'],
      ['care_plan_authorised', 2, 'open'],
    ]);
    expect(r.notifications).toEqual([
      { rule: 'looked_after_review', subject: 'Review 1 of case-12: overdue, due 2025-06-30', obligation: { rule: 'looked_after_review', occurrence: 1 } },
      {
        rule: 'care_plan_authorised',
        subject: 'Care plan for case-12 due by 2025-12-03',
        body: 'Please authorise the care plan (Practice change, bullet 3).',
        obligation: { rule: 'care_plan_authorised', occurrence: 2 },
      },
    ]);
    expect(r.notices).toEqual([]);
  });

  it('one for an early obligation too: its event came before the window opened, so it is still to be done', () => {
    const text = [
      'policy example.early',
      '  title "Early"',
      'role social_worker "Social worker"',
      'event review_scheduled { for: date }',
      'event visit_held',
      'deadline visit "Visit in the week before the review"',
      '  owner social_worker',
      '  due 0 days before review_scheduled.for, earliest 7 days before',
      '  met by visit_held',
      '  notify "Visit {{obligation.status}}, due {{obligation.due}}"',
      '  cite "1"',
    ].join('\n');
    const compiled = compileToIr(text, { uri: 'early.pdl' });
    expect(compiled.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    // Booked on 2 Jun for 20 Jun: the window is 13-20 Jun. A visit on 5 Jun is before it: `early` on 10 Jun.
    const r = run(preparePolicy(compiled.ir!), [ev('review_scheduled', '2025-06-02', { for: '2025-06-20' }), ev('visit_held', '2025-06-05')], '2025-06-10');
    expect(r.obligations.map((o) => [o.rule, o.status])).toEqual([['visit', 'early']]);
    expect(r.notifications).toEqual([{ rule: 'visit', subject: 'Visit early, due 2025-06-20', obligation: { rule: 'visit', occurrence: 1 } }]);
  });

  it('output is HTML-escaped: a `<script>` in a case id comes out as text', () => {
    const r = run(p, [ev('review_scheduled', '2025-05-20', { for: '2025-06-11' })], '2025-06-01', '<script>alert("x")</script>&');
    expect(r.notifications.map((n) => n.subject)).toEqual(['Care plan for &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp; due by 2025-06-04']);
  });

  it('a field that does not exist gives a notice naming the rule and the field, not a crash, and no case data', () => {
    const broken = preparePolicy(policy({ rules: [{ ...CARE_PLAN, notify: { subject: 'For {{case.id}}', body: 'By {{obligation.deadline}}' } }], ladders: [] }));
    const r = run(broken, [ev('review_scheduled', '2025-05-20', { for: '2025-06-11' })], '2025-06-01', 'secret-id-123');
    expect(r.notifications).toEqual([]);
    expect(r.notices.map((n) => n.message)).toEqual(['the notification body of rule `care_plan_authorised` names a field `deadline` that does not exist, so it was left out']);
    expect(JSON.stringify(r.notices)).not.toContain('secret-id-123');
    // Reading a field of a string (not a missing field): still a notice, still no case data.
    const odd = preparePolicy(policy({ rules: [{ ...CARE_PLAN, notify: { subject: '{{case.id.length.x}}' } }], ladders: [] }));
    const o = run(odd, [ev('review_scheduled', '2025-05-20', { for: '2025-06-11' })], '2025-06-01', 'secret-id-123');
    expect(o.notifications).toEqual([]);
    expect(o.notices).toHaveLength(1);
    expect(o.notices[0]?.message).toContain('`care_plan_authorised`');
    expect(o.notices[0]?.message).not.toContain('secret-id-123');
  });

  it('a template that is not valid Handlebars is a malformed IR, reported when the policy is prepared', () => {
    expect(() => preparePolicy(policy({ rules: [{ ...CARE_PLAN, notify: { subject: 'Care plan for {{case.id}' } }] }))).toThrow(MalformedIrError);
    expect(() => preparePolicy(policy({ rules: [{ ...CARE_PLAN, notify: { subject: 'x', body: '{{#if}}' } }] }))).toThrow(/`notify` body of `care_plan_authorised`/);
  });

  it('an unescaped output ({{{x}}} or {{&x}}, even inside a block) is a malformed IR: case data never renders as raw HTML', () => {
    expect(() => preparePolicy(policy({ rules: [{ ...CARE_PLAN, notify: { subject: 'Care plan for {{{case.id}}}' } }] }))).toThrow(/subject of `care_plan_authorised` inserts a value unescaped/);
    expect(() => preparePolicy(policy({ rules: [{ ...CARE_PLAN, notify: { subject: 'x', body: '{{#if case.id}}a{{else}}{{&case.id}}{{/if}}' } }] }))).toThrow(
      /body of `care_plan_authorised` inserts a value unescaped/,
    );
    expect(() => preparePolicy(policy({ rules: [{ ...CARE_PLAN, notify: { subject: 'Care plan for {{case.id}}' } }] }))).not.toThrow();
  });
});

describe('notifications of ladders', () => {
  it('one per raised stage: "Dispute Resolution Alert on ... - by ..."; a referral has no due date', () => {
    const r = run(
      p,
      [
        ev('escalation_raised', '2025-06-02', { ladder: 'dispute_resolution', stage: 1 }),
        ev('escalation_raised', '2025-06-10', { ladder: 'dispute_resolution', stage: 2 }),
        ev('escalation_raised', '2025-06-18', { ladder: 'dispute_resolution', stage: 6 }),
      ],
      '2025-06-20',
    );
    expect(r.notifications).toEqual([
      {
        rule: 'dispute_resolution',
        subject: 'Dispute Resolution Alert on case-12 - by 2025-06-09',
        body: 'Stage 1 raised on 2025-06-02 to social_worker, team_manager (copied: ).',
        escalation: { ladder: 'dispute_resolution', instance: 1, stage: 1 },
      },
      {
        rule: 'dispute_resolution',
        subject: 'Dispute Resolution Alert on case-12 - by 2025-06-17',
        body: 'Stage 2 raised on 2025-06-10 to service_manager (copied: assistant_director).',
        escalation: { ladder: 'dispute_resolution', instance: 1, stage: 2 },
      },
      {
        rule: 'dispute_resolution',
        subject: 'Dispute Resolution Alert on case-12 - by ',
        body: 'Stage 6 raised on 2025-06-18 to  (copied: ).',
        escalation: { ladder: 'dispute_resolution', instance: 1, stage: 6 },
      },
    ]);
  });
});

describe('NOTIFICATION_FIELDS', () => {
  const all = (kind: 'obligation' | 'ladder') => NOTIFICATION_FIELDS[kind].map((f) => `${f.path}=[{{${f.path}}}]`).join(' ');

  it('every field listed exists in the context it is listed for (strict rendering, no notice)', () => {
    const everything = preparePolicy(
      policy({
        version: undefined,
        rules: [{ ...CARE_PLAN, notify: { subject: all('obligation') } }],
        ladders: [{ ...DISPUTES, notify: { subject: all('ladder') } }],
      }),
    );
    const r = run(
      everything,
      [ev('review_scheduled', '2025-05-20', { for: '2025-06-11' }), ev('escalation_raised', '2025-06-02', { ladder: 'dispute_resolution', stage: 6 })],
      '2025-06-03',
    );
    expect(r.notices).toEqual([]);
    expect(r.notifications.map((n) => n.subject)).toEqual([
      'case.id=[case-12] child.dob=[2013-04-02] policy.id=[local.notify] policy.title=[Notifications] policy.version=[] asOf=[2025-06-03] ' +
        'rule.id=[care_plan_authorised] rule.title=[Proposed care plan authorised] rule.citation=[Practice change, bullet 3] ' +
        'obligation.occurrence=[1] obligation.due=[2025-06-04] obligation.dueTime=[12:00] obligation.owner=[social_worker] obligation.status=[open] ' +
        'obligation.anchor.event=[review_scheduled] obligation.anchor.date=[2025-06-11]',
      'case.id=[case-12] child.dob=[2013-04-02] policy.id=[local.notify] policy.title=[Notifications] policy.version=[] asOf=[2025-06-03] ' +
        'rule.id=[dispute_resolution] rule.title=[Local dispute resolution protocol] rule.citation=[9.2] ladder.id=[dispute_resolution] ' +
        'ladder.title=[Local dispute resolution protocol] stage.number=[6] stage.title=[Referral to Cafcass] stage.due=[] stage.raisedOn=[2025-06-02] ' +
        'stage.respondents=[] stage.copied=[]',
    ]);
  });

  it('the obligation and ladder fields differ only beyond the common ones; deadlines and cycles share theirs', () => {
    const paths = (kind: 'obligation' | 'ladder') => NOTIFICATION_FIELDS[kind].map((f) => f.path);
    const common = paths('obligation').filter((x) => paths('ladder').includes(x));
    expect(common).toEqual(['case.id', 'child.dob', 'policy.id', 'policy.title', 'policy.version', 'asOf', 'rule.id', 'rule.title', 'rule.citation']);
    expect(notificationFields('deadline')).toBe(notificationFields('cycle'));
    expect(notificationFields('ladder')).toBe(NOTIFICATION_FIELDS.ladder);
    expect(Object.isFrozen(NOTIFICATION_FIELDS.obligation)).toBe(true);
  });
});
