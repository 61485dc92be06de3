/**
 * The `ladder` kind (compiler/kinds/ladder.ts) beyond the golden cases and the runtime's ladder
 * suites: written to kill the mutants those leave alive. Checked here: the whole diagnostics of each
 * refused ladder (an unknown role in each place a stage names one, a stage's `when` reading an
 * event, `stops the clock` with no overall limit, a stage twice or out of order, a stage with no
 * timescale, a referral before the last stage, a key the escalation events lack), each beside a stage
 * whose `when` can never apply, so that a ladder kept in spite of its error shows as a
 * `pdl/never-applies` warning; the escalation vocabulary (events missing, attributes of the wrong type
 * or optional, `escalation_raised.by` not a role when a stage names its raisers), checked once per
 * policy; the whole IR of each form; and the ladder's docs (each line of its block and of its stages,
 * and the roles' duties).
 *
 * Input: small policies written here, compiled (and their docs rendered) inside each test, so that
 * Stryker counts the code they run. Output: assertions on whole diagnostics, IR and docs lines.
 */
import { describe, expect, it } from 'vitest';
import { compileToIr } from '../../compiler/pipeline.ts';
import { checkedRules, diagnosticsOf, docsLines, section } from './mutation-helpers.ts';

/** One mistake a ladder (but `kept`), each beside a stage whose `when` never holds. */
const REFUSED = `policy t.la
  title "Ladders"

role iro "IRO"
role tm "TM"
role court "Court"
fact f: boolean
event escalation_raised { ladder: text, stage: number, by?: role }
event escalation_response { ladder: text, stage: number, satisfactory: boolean }
event escalation_resolved { ladder: text }
event booked { on: date }

ladder kept "Kept"
  raised by iro
  stage 1 alert tm respond within 5 days when f and not f
  cite "0"

ladder r_raiser "R"
  raised by ghost
  stage 1 alert tm respond within 5 days when f and not f
  cite "1"

ladder s_raiser "R"
  raised by iro
  stage 1 raised by ghost alert tm respond within 5 days when f and not f
  cite "2"

ladder s_alert "R"
  raised by iro
  stage 1 alert ghost respond within 5 days when f and not f
  cite "3"

ladder s_copy "R"
  raised by iro
  stage 1 alert tm copy ghost respond within 5 days when f and not f
  cite "4"

ladder s_refer "R"
  raised by iro
  stage 1 alert tm respond within 5 days when f and not f
  stage 2 refer to ghost
  cite "5"

ladder s_when "R"
  raised by iro
  stage 1 alert tm respond within 5 days when f and not f
  stage 2 alert tm respond within 5 days when booked.on > today
  cite "6"

ladder s_clock "R"
  raised by iro
  stage 1 alert tm respond within 5 days when f and not f
  stage 2 refer to court stops the clock
  cite "7"

ladder s_twice "R"
  raised by iro
  stage 1 alert tm respond within 5 days when f and not f
  stage 1 alert tm respond within 5 days
  cite "8"

ladder s_order "R"
  raised by iro
  stage 2 alert tm respond within 5 days when f and not f
  stage 1 alert tm respond within 5 days
  cite "9"

ladder s_untimed "R"
  raised by iro
  stage 1 alert tm respond within 5 days when f and not f
  stage 2 alert tm
  cite "10"

ladder s_referral "R"
  raised by iro
  stage 1 refer to court
  stage 2 alert tm respond within 5 days when f and not f
  cite "11"

ladder k_key "R"
  raised by iro
  stage 1 alert tm respond within 5 days when f and not f
  matched by ref
  cite "12"
`;

/** Two ladders and no escalation events (one message, at the first ladder). */
const NO_EVENTS = `policy t.lv
  title "Vocabulary"

role iro "IRO"
role tm "TM"

ladder one "One"
  raised by iro
  stage 1 alert tm respond within 5 days
  stage 2 raised by tm alert iro respond within 5 days
  cite "1"

ladder two "Two"
  raised by iro
  stage 1 alert tm respond within 5 days
  cite "2"
`;

/** The escalation events with an attribute of the wrong type, one missing and one optional. */
const WRONG_TYPES = `policy t.lv
  title "Vocabulary"

role iro "IRO"
role tm "TM"
event escalation_raised { ladder: text, stage: text, by: text }
event escalation_response { ladder: text, stage: number }
event escalation_resolved { ladder?: text }

ladder one "One"
  raised by iro
  stage 1 alert tm respond within 5 days
  cite "1"

ladder two "Two"
  raised by iro
  stage 1 alert tm respond within 5 days
  stage 2 raised by tm alert iro respond within 5 days
  cite "2"
`;

/** One escalation event missing; a stage that names its raisers without `by` on the raise. */
const ONE_MISSING = `policy t.lv
  title "Vocabulary"

role iro "IRO"
role tm "TM"
event escalation_raised { ladder: text, stage: number }
event escalation_response { ladder: text, stage: number, satisfactory: boolean }

ladder one "One"
  raised by iro
  stage 1 alert tm respond within 5 days
  stage 2 raised by tm alert iro respond within 5 days
  cite "1"
`;

/** Ladders of each form. */
const LADDERS = `policy t.lg
  title "Ladders"

role iro "IRO"
role tm "Team manager"
role hd "Head"
role court "Court"
fact f: boolean
event escalation_raised { ladder: text, stage: number, by?: role, ref: text }
event escalation_response { ladder: text, stage: number, satisfactory: boolean, ref: text }
event escalation_resolved { ladder: text, ref: text }

ladder full "Full"
  raised by iro, tm
  stages may be bypassed
  in total at most 40 days cite "cap"
  stage 1 "First" alert tm, hd copy court, iro respond within 5 working days cite "s1"
  stage 2 raised by hd, court alert court respond within 1 day when f
  stage 3 "Referral" raised by tm refer to court copy hd, iro stops the clock when not f cite "s3"
  advance when late
  notify "Stage {{stage.number}} by {{stage.due}}"
  matched by ref
  cite "full"

ladder plain "Plain"
  raised by iro
  in total at most 2 months
  stage 1 alert tm respond within 5 days
  stage 2 refer to court
  cite "plain"

ladder sat "Sat"
  raised by iro
  stage 1 alert tm respond within 1 week
  advance when unsatisfactory
  cite "sat"
`;

describe('ladder: refusals, whole diagnostics', () => {
  it('each mistake refuses its ladder: no other ladder than `kept` reaches the lints', () => {
    expect(diagnosticsOf(REFUSED)).toEqual([
      { code: 'pdl/never-applies', at: '15:47-58', message: 'stage 1 of `kept` can never apply: `f and not f` is never true', help: 'the parts of the condition contradict each other; check the document for the intended condition' },
      { code: 'pdl/unknown-role', at: '19:13-18', message: 'unknown role `ghost`', help: 'declare it with `role ghost "Title"`' },
      { code: 'pdl/unknown-role', at: '25:21-26', message: 'unknown role `ghost`', help: 'declare it with `role ghost "Title"`' },
      { code: 'pdl/unknown-role', at: '30:17-22', message: 'unknown role `ghost`', help: 'declare it with `role ghost "Title"`' },
      { code: 'pdl/unknown-role', at: '35:25-30', message: 'unknown role `ghost`', help: 'declare it with `role ghost "Title"`' },
      { code: 'pdl/unknown-role', at: '41:20-25', message: 'unknown role `ghost`', help: 'declare it with `role ghost "Title"`' },
      { code: 'pdl/attribute-out-of-scope', at: '47:47-56', message: '`booked.on` cannot be read here', help: "a stage's `when` is read on a date, with no event in focus: it can read facts, `age`, `today`, `child.dob` and `count(...)`" },
      { code: 'pdl/invalid-stage', at: '53:9-10', message: 'stage 2 of `s_clock` stops the clock, but the ladder has no overall limit to stop', help: 'add `in total at most 28 days` (or the limit the document gives), or leave out `stops the clock`' },
      { code: 'pdl/invalid-stage', at: '59:9-10', message: 'stage 1 is declared twice in `s_twice`' },
      { code: 'pdl/invalid-stage', at: '65:9-10', message: 'stage 1 comes after stage 2', help: 'list the stages in order' },
      { code: 'pdl/invalid-stage', at: '71:9-10', message: 'stage 2 of `s_untimed` says whom it alerts but not how soon they must respond', help: 'add `respond within 5 working days` (or the timescale the document gives)' },
      { code: 'pdl/invalid-stage', at: '76:9-10', message: 'stage 1 refers the matter on, so it must be the last stage' },
      { code: 'pdl/invalid-key', at: '83:14-17', message: '`matched by ref`: an escalation event, `escalation_raised`, has no attribute `ref`', help: 'every event the rule matches must carry the key: declare it, e.g. `event escalation_raised { ref: text }`' },
    ]);
  });
});

describe('ladder: the escalation vocabulary, checked once per policy', () => {
  it('no escalation event: one message at the first ladder', () => {
    expect(diagnosticsOf(NO_EVENTS)).toEqual([
      { code: 'pdl/unknown-event', at: '7:8-11', message: 'ladders read the events `escalation_raised`, `escalation_response`, `escalation_resolved`, which are not declared', help: 'extend `england.statutory_reviews`, which declares them, or declare `event escalation_raised { ladder: text, stage: number }`, `event escalation_response { ladder: text, stage: number, satisfactory: boolean }`, `event escalation_resolved { ladder: text }`' },
    ]);
  });

  it('attributes of the wrong type, missing or optional; `by` not a role', () => {
    expect(diagnosticsOf(WRONG_TYPES)).toEqual([
      { code: 'pdl/unknown-attribute', at: '8:29-35', message: 'ladders read `escalation_resolved.ladder` on every record, but `escalation_resolved` declares it optional (`ladder?`)', help: 'declare it required: `event escalation_resolved { ladder: text }`' },
      { code: 'pdl/unknown-attribute', at: '10:8-11', message: 'ladders read `escalation_raised.stage` as a number, but `escalation_raised` does not declare it so', help: 'declare `event escalation_raised { ladder: text, stage: number }`' },
      { code: 'pdl/unknown-attribute', at: '10:8-11', message: 'ladders read `escalation_response.satisfactory` as a boolean, but `escalation_response` does not declare it so', help: 'declare `event escalation_response { ladder: text, stage: number, satisfactory: boolean }`' },
      { code: 'pdl/unknown-attribute', at: '18:21-23', message: 'stage 2 says who raises it, but `escalation_raised` does not declare `by` as a role, so a case cannot say who raised a stage', help: 'declare `event escalation_raised { ladder: text, stage: number, by?: role }` (the statutory baseline does)' },
    ]);
  });

  it('one event missing; `by` not declared', () => {
    expect(diagnosticsOf(ONE_MISSING)).toEqual([
      { code: 'pdl/unknown-event', at: '9:8-11', message: 'ladders read the events `escalation_resolved`, which are not declared', help: 'extend `england.statutory_reviews`, which declares them, or declare `event escalation_resolved { ladder: text }`' },
      { code: 'pdl/unknown-attribute', at: '12:21-23', message: 'stage 2 says who raises it, but `escalation_raised` does not declare `by` as a role, so a case cannot say who raised a stage', help: 'declare `event escalation_raised { ladder: text, stage: number, by?: role }` (the statutory baseline does)' },
    ]);
  });

  it('a policy without a ladder needs no escalation events', () => {
    expect(diagnosticsOf(['policy t.none', '  title "None"', '', 'role sw "SW"', 'event done', '', 'duty d "D"', '  owner sw', '  after done', '  met by done', '  cite "1"'].join('\n'))).toEqual([]);
  });
});

describe('ladder: the IR it lowers', () => {
  it('raisers, bypass, a cap with and without its citation, each stage part, advance, notify and key', () => {
    const { ir, diagnostics } = compileToIr(LADDERS, { uri: 'main.pdl' });
    expect(diagnostics).toEqual([]);
    const base = (id: string, title: string, line: number) => ({ kind: 'ladder', id, title, citation: id, source: { file: 'main.pdl', line, column: 8 }, policy: 't.lg' });
    const at = (line: number) => ({ file: 'main.pdl', line, column: 9 });
    const isF = { kind: 'compare', op: '=', left: { kind: 'fact', fact: 'f' }, right: { kind: 'literal', value: true, type: 'boolean' }, text: 'f' };
    expect(ir?.ladders).toEqual([
      {
        ...base('full', 'Full', 13),
        raisedBy: ['iro', 'tm'],
        bypass: true,
        cap: { amount: 40, unit: 'days' },
        capCitation: 'cap',
        stages: [
          { number: 1, title: 'First', alert: ['tm', 'hd'], copy: ['court', 'iro'], respondWithin: { amount: 5, unit: 'working_days' }, citation: 's1', source: at(17) },
          { number: 2, alert: ['court'], copy: [], respondWithin: { amount: 1, unit: 'days' }, raisedBy: ['hd', 'court'], when: isF, citation: 'full', source: at(18) },
          { number: 3, title: 'Referral', alert: [], copy: ['hd', 'iro'], referTo: 'court', raisedBy: ['tm'], when: { kind: 'not', item: isF, text: 'not f' }, stopsClock: true, citation: 's3', source: at(19) },
        ],
        advance: { late: true, unsatisfactory: false },
        notify: { subject: 'Stage {{stage.number}} by {{stage.due}}' },
        key: 'ref',
      },
      {
        ...base('plain', 'Plain', 25),
        raisedBy: ['iro'],
        bypass: false,
        cap: { amount: 2, unit: 'months' },
        stages: [
          { number: 1, alert: ['tm'], copy: [], respondWithin: { amount: 5, unit: 'days' }, citation: 'plain', source: at(28) },
          { number: 2, alert: [], copy: [], referTo: 'court', citation: 'plain', source: at(29) },
        ],
        advance: { late: true, unsatisfactory: true },
      },
      {
        ...base('sat', 'Sat', 32),
        raisedBy: ['iro'],
        bypass: false,
        stages: [{ number: 1, alert: ['tm'], copy: [], respondWithin: { amount: 1, unit: 'weeks' }, citation: 'sat', source: at(34) }],
        advance: { late: false, unsatisfactory: true },
      },
    ]);
  });
});

describe('ladder: pdl docs', () => {
  it('each line of each ladder\'s block and of its stages', () => {
    const lines = docsLines(LADDERS);
    expect(section(lines, 'escalation-ladders')).toEqual(['Each stage alerts the roles who must respond; a stage’s timescale is counted from the day it is raised.']);
    expect(section(lines, 'rule-full')).toEqual([
      'Rule `full` (ladder) · local to this policy · declared in `d.pdl`, line 13',
      '- **Raised by**: IRO (`iro`) or Team manager (`tm`)',
      '- **Overall limit**: at most 40 calendar days in total, from the first stage raised to the resolution. Cites: cap',
      '- **Order of stages**: stages may be bypassed: a stage may be raised without the one before it',
      '- **The next stage is due**: when a stage has no response by its deadline',
      '- **Matched by**: one escalation for each `ref`: a raise, response or resolution belongs to the escalation with the same `ref`',
      'Stages:',
      '1. **Stage 1, First**: alert Team manager (`tm`) and Head (`hd`), who must respond within 5 working days of the stage being raised; copy Court (`court`) and IRO (`iro`). Cites: s1',
      '2. **Stage 2**: raised by Head (`hd`) or Court (`court`), alert Court (`court`), who must respond within 1 calendar day of the stage being raised; only when `f` (the stage is part of the ladder only then). Cites: full',
      '3. **Stage 3, Referral**: raised by Team manager (`tm`), refer to Court (`court`); copy Head (`hd`) and IRO (`iro`); the referral stops the overall limit’s clock; only when `not f` (the stage is part of the ladder only then). Cites: s3',
      '- **Notification**: `Stage {{stage.number}} by {{stage.due}}` ([the template](#notify-full))',
      '- **Cites**: full',
    ]);
    expect(section(lines, 'rule-plain')).toEqual([
      'Rule `plain` (ladder) · local to this policy · declared in `d.pdl`, line 25',
      '- **Raised by**: IRO (`iro`)',
      '- **Overall limit**: at most 2 months in total, from the first stage raised to the resolution',
      '- **Order of stages**: stages are taken in order: raising a stage without the one before it is a breach',
      '- **The next stage is due**: when a stage has no response by its deadline, or its response is unsatisfactory',
      'Stages:',
      '1. **Stage 1**: alert Team manager (`tm`), who must respond within 5 calendar days of the stage being raised. Cites: plain',
      '2. **Stage 2**: refer to Court (`court`). Cites: plain',
      '- **Cites**: plain',
    ]);
    expect(section(lines, 'rule-sat')).toEqual([
      'Rule `sat` (ladder) · local to this policy · declared in `d.pdl`, line 32',
      '- **Raised by**: IRO (`iro`)',
      '- **Order of stages**: stages are taken in order: raising a stage without the one before it is a breach',
      '- **The next stage is due**: when the response to a stage is unsatisfactory',
      'Stages:',
      '1. **Stage 1**: alert Team manager (`tm`), who must respond within 1 week of the stage being raised. Cites: sat',
      '- **Cites**: sat',
    ]);
  });

  it('each role lists whom it raises, answers, is copied on and receives', () => {
    const lines = docsLines(LADDERS);
    expect(section(lines, 'role-iro')).toEqual([
      'No deadline or cycle of its own.',
      'Other duties:',
      '- **Raises**: [Full](#rule-full), [Plain](#rule-plain) and [Sat](#rule-sat)',
      '- **Is copied**: at stage 1 of [Full](#rule-full) and at stage 3 of [Full](#rule-full)',
    ]);
    expect(section(lines, 'role-tm')).toEqual([
      'No deadline or cycle of its own.',
      'Other duties:',
      '- **Raises**: [Full](#rule-full)',
      '- **Responds**: at stage 1 of [Full](#rule-full), within 5 working days, at stage 1 of [Plain](#rule-plain), within 5 calendar days and at stage 1 of [Sat](#rule-sat), within 1 week',
    ]);
    expect(section(lines, 'role-hd')).toEqual([
      'No deadline or cycle of its own.',
      'Other duties:',
      '- **Responds**: at stage 1 of [Full](#rule-full), within 5 working days',
      '- **Raises**: stage 2 of [Full](#rule-full)',
      '- **Is copied**: at stage 3 of [Full](#rule-full)',
    ]);
    expect(section(lines, 'role-court')).toEqual([
      'No deadline or cycle of its own.',
      'Other duties:',
      '- **Is copied**: at stage 1 of [Full](#rule-full)',
      '- **Raises**: stage 2 of [Full](#rule-full)',
      '- **Responds**: at stage 2 of [Full](#rule-full), within 1 calendar day',
      '- **Receives the referral**: at stage 3 of [Full](#rule-full) and at stage 2 of [Plain](#rule-plain)',
    ]);
  });
});

describe('ladder: written after the first mutation run', () => {
  it('no stage names its raisers: `escalation_raised` needs no `by`', () => {
    const text = NO_EVENTS.replace('  stage 2 raised by tm alert iro respond within 5 days\n', '').replace('role tm "TM"', 'role tm "TM"\nevent escalation_raised { ladder: text, stage: number }\nevent escalation_response { ladder: text, stage: number, satisfactory: boolean }\nevent escalation_resolved { ladder: text }');
    expect(diagnosticsOf(text)).toEqual([]);
  });

  it('a key with the escalation events undeclared: only the missing events are reported, and the ladder still checks', () => {
    const text = NO_EVENTS.replace('  cite "2"', '  matched by ref\n  cite "2"');
    expect(diagnosticsOf(text).map((d) => d.code)).toEqual(['pdl/unknown-event']);
    expect(checkedRules(text)).toEqual(['one', 'two']);
  });
});
