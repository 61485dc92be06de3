/**
 * What the rule kinds share, and the small kinds, beyond the golden cases: compiler/kinds/obligation.ts
 * (owners, `met by`, `when`), key.ts (`matched by`), deadline-matching.ts (`counting from`, `up to the
 * limit`), criteria.ts, constraint.ts, limit.ts and common.ts (a notify template with a body). Written
 * to kill the mutants the other suites leave alive. Checked here: the whole diagnostics of each refusal
 * and that exactly the rules without an error checked (a refused rule adds no IR either way); the
 * whole IR of each form; and each kind's docs block.
 *
 * Input: small policies written here, compiled (and their docs rendered) inside each test, so that
 * Stryker counts the code they run. Output: assertions on whole diagnostics, IR and docs lines.
 */
import { describe, expect, it } from 'vitest';
import { compileToIr } from '../../compiler/pipeline.ts';
import { checkedRules, diagnosticsOf, docsLines, section } from './mutation-helpers.ts';

/** One mistake a rule of the shared parts, criteria, constraints, limits and keys (and an unowned deadline, only warned). */
const REFUSED = `policy t.ks
  title "Shared"

role sw "SW"
role tm "TM"
fact f: boolean
event started { on: date, n: number, ok: boolean, ref: text }
event held { full: boolean, ref: number }
event other { ref: text }
event moved { at: date }

cycle review "Review"
  owner sw
  runs from started
  first within 20 days of started
  met by held
  cite "r"

deadline o_owner "R"
  owner ghost
  due within 5 days of started
  met by held
  cite "1"

deadline o_more "R"
  owner sw and ghost
  due within 5 days of started
  met by held
  cite "2"

deadline o_metby "R"
  owner sw
  due within 5 days of started
  met by ghost
  cite "3"

deadline o_where "R"
  owner sw
  due within 5 days of started
  met by held where started.ok
  cite "4"

deadline o_when "R"
  owner sw
  due within 5 days of started
  met by held
  when held.full
  cite "5"

deadline unowned "U"
  due within 5 days of started
  met by held
  cite "6"

criteria c_twice "C"
  any of
    "a": f
    "a": not f
  cite "7"

criteria c_bad "C"
  all of
    "a": started.ok
  cite "8"

constraint n_type "N"
  each started.n on or before the due date of review
  cite "9"

constraint n_attr "N"
  each started.gone on or before the due date of review
  cite "10"

constraint n_cycle "N"
  each started.on on or before the due date of ghost
  cite "11"

limit l_event "L"
  at most 1 ghost per case
  cite "12"

limit l_where "L"
  at most 1 started where held.full per case
  cite "13"

limit l_per "L"
  at most 1 started per ghost
  cite "14"

deadline k_bool "K"
  owner sw
  due within 5 days of started
  met by held
  matched by ok
  cite "15"

deadline k_type "K"
  owner sw
  due within 5 days of started
  met by held
  matched by ref
  cite "16"
`;

/** One mistake a deadline's `counting from` or `up to the limit` (and two that check). */
const MATCHING = `policy t.dm
  title "Matching"

role sw "SW"
event started { on: date, n: number }
event moved { at: date }
event held

cycle review "Review"
  owner sw
  runs from started
  first within 20 days of started
  met by held
  cite "r"

limit once "Once"
  at most 1 moved per case
  cite "once"

limit held_once "Held once"
  at most 1 held per case
  cite "held once"

deadline c_other "C"
  owner sw
  due within 5 days of started or moved
  counting from held
  met by held
  cite "1"

deadline c_attr "C"
  owner sw
  due within 5 days of started
  counting from started.on
  met by held
  cite "2"

deadline c_dob "C"
  owner sw
  due within 5 days of child.dob
  counting from started
  met by held
  cite "3"

deadline p_event "C"
  owner sw
  due within 5 days of started
  counting from the previous ghost
  met by held
  cite "4"

deadline p_attr "C"
  owner sw
  due within 5 days of started
  counting from the previous started.gone
  met by held
  cite "5"

deadline p_type "C"
  owner sw
  due within 5 days of started
  counting from the previous started.n
  met by held
  cite "6"

deadline u_word "U"
  owner sw
  due within 5 days of started
  up to the cycle review
  met by held
  cite "7"

deadline u_unknown "U"
  owner sw
  due within 5 days of started
  up to the limit ghost
  met by held
  cite "8"

deadline u_kind "U"
  owner sw
  due within 5 days of started
  up to the limit review
  met by held
  cite "9"

deadline u_other "U"
  owner sw
  due within 5 days of started
  up to the limit once
  met by held
  cite "10"

deadline u_dob "U"
  owner sw
  due within 5 days of child.dob
  up to the limit once
  met by held
  cite "11"

deadline ok_more "OK"
  owner sw
  due within 5 days of started or moved
  counting from moved
  up to the limit once
  met by held
  cite "12"

deadline ok_prev "OK"
  owner sw
  due within 5 days of started
  counting from the previous moved.at
  met by held
  cite "13"
`;

/** The two deadlines of MATCHING that check, alone. */
const MATCHING_OK = `policy t.dm
  title "Matching"

role sw "SW"
event started { on: date, n: number }
event moved { at: date }
event held

cycle review "Review"
  owner sw
  runs from started
  first within 20 days of started
  met by held
  cite "r"

limit once "Once"
  at most 1 moved per case
  cite "once"

limit held_once "Held once"
  at most 1 held per case
  cite "held once"

deadline ok_more "OK"
  owner sw
  due within 5 days of started or moved
  counting from moved
  up to the limit once
  met by held
  cite "12"

deadline ok_prev "OK"
  owner sw
  due within 5 days of started
  counting from the previous moved.at
  met by held
  cite "13"
`;

/** Rules of each form. */
const RULES = `policy t.kg
  title "Shared"

role sw "SW"
role tm "TM"
fact f: boolean
fact g: boolean
event started { on: date, ok: boolean, ref: text }
event held { full: boolean, ref: text }

cycle review "Review"
  owner sw
  runs from started
  first within 20 days of started
  met by held
  cite "r"

deadline either "Either"
  owner sw or tm
  due within 5 days of started
  met by held where held.full
  when started.ok
  matched by ref
  notify "Due {{obligation.due}}" body "Case {{case.id}}"
  cite "either"

criteria any_c "Any"
  any of
    "first": f
    "second": not g
  cite "any"

criteria all_c "All"
  all of
    "only": f
  cite "all"

criteria none_c "None"
  none of
    "only": g
  cite "none"

constraint dates "Dates"
  each started.on on or before the due date of review
  cite "dates"

limit once "Once"
  at most 1 started where started.ok per case
  cite "once"

limit twice "Twice"
  at most 2 held per review
  cite "twice"
`;

describe('shared parts, criteria, constraints, limits and keys: refusals', () => {
  it('each mistake reported in full', () => {
    expect(diagnosticsOf(REFUSED)).toEqual([
      { code: 'pdl/unknown-role', at: '20:9-14', message: 'unknown role `ghost`', help: 'declare it with `role ghost "Title"`' },
      { code: 'pdl/unknown-role', at: '26:16-21', message: 'unknown role `ghost`', help: 'declare it with `role ghost "Title"`' },
      { code: 'pdl/unknown-event', at: '34:10-15', message: 'unknown event `ghost`', help: 'declare it with `event ghost`, or use one of the declared events' },
      { code: 'pdl/attribute-out-of-scope', at: '40:21-31', message: '`started.ok` cannot be read here', help: '`met by ... where` can read the attributes of the candidate event: `held`' },
      { code: 'pdl/attribute-out-of-scope', at: '47:8-17', message: '`held.full` cannot be read here', help: "a deadline's `when` can read the attributes of the event it is measured from: `started`" },
      { code: 'pdl/unowned-obligation', at: '50:1-21', message: 'deadline `unowned` names no owner, so nobody is responsible for it', help: 'add `owner ROLE` if the document says who must do it; otherwise this records a gap in the document (the obligation is reported with owner `unassigned`)' },
      { code: 'pdl/duplicate-clause', at: '58:5-8', message: 'the condition "a" is listed twice', related: ['57:5 first listed here'] },
      { code: 'pdl/attribute-out-of-scope', at: '63:10-20', message: '`started.ok` cannot be read here', help: 'criteria are read on the as-of date; count events with `count(EVENT where ...)`' },
      { code: 'pdl/anchor-not-a-date', at: '67:16-17', message: '`started.n` is a number, not a date' },
      { code: 'pdl/unknown-attribute', at: '71:16-20', message: 'event `started` has no attribute `gone`', help: 'did you mean `on`?' },
      { code: 'pdl/unknown-rule', at: '75:48-53', message: 'unknown cycle `ghost`', help: 'the cycles: `review`' },
      { code: 'pdl/unknown-event', at: '79:13-18', message: 'unknown event `ghost`', help: 'declare it with `event ghost`, or use one of the declared events' },
      { code: 'pdl/attribute-out-of-scope', at: '83:27-36', message: '`held.full` cannot be read here', help: '`at most ... where` reads the counted event: `started`' },
      { code: 'pdl/unknown-rule', at: '87:25-30', message: 'unknown cycle `ghost`', help: 'the cycles: `review`' },
      { code: 'pdl/invalid-key', at: '94:14-16', message: '`matched by ok`: `started.ok` is a boolean, which cannot tell instances apart', help: 'match by an attribute of type `text`, `number`, `date`, `role` or an enum, such as a reference number' },
      { code: 'pdl/invalid-key', at: '101:14-17', message: '`matched by ref`: `started.ref` is `text` but `held.ref` is `number`', help: 'declare `ref` with the same type on every event the rule matches', related: ['8:29 `held.ref` declared here'] },
    ]);
  });

  it('each mistake refuses its rule; a deadline with no owner is only warned about', () => {
    expect(checkedRules(REFUSED)).toEqual(['review', 'unowned']);
  });
});

describe('`counting from` and `up to the limit`: refusals', () => {
  it('each mistake reported in full', () => {
    expect(diagnosticsOf(MATCHING)).toEqual([
      { code: 'pdl/invalid-anchor', at: '27:3-21', message: '`counting from held` names no event this deadline is measured from', help: "`counting from EVENT` names the deadline's anchor event (`started`, `moved`); write `counting from the previous held` to count from the latest one before the date the deadline is measured from" },
      { code: 'pdl/invalid-anchor', at: '34:3-27', message: '`counting from started.on` names no event this deadline is measured from', help: "`counting from EVENT` names the deadline's anchor event (`started`); write `counting from the previous started.on` to count from the latest one before the date the deadline is measured from" },
      { code: 'pdl/invalid-anchor', at: '41:3-24', message: '`counting from started` names no event this deadline is measured from', help: "`counting from EVENT` names the deadline's anchor event; write `counting from the previous started` to count from the latest one before the date the deadline is measured from" },
      { code: 'pdl/unknown-event', at: '48:30-35', message: 'unknown event `ghost`', help: 'declare it with `event ghost`, or use one of the declared events' },
      { code: 'pdl/unknown-attribute', at: '55:38-42', message: 'event `started` has no attribute `gone`', help: 'did you mean `on`?' },
      { code: 'pdl/anchor-not-a-date', at: '62:3-39', message: '`started.n` is a number, not a date', help: 'count from the previous event itself (`counting from the previous EVENT`) or from one of its date attributes' },
      { code: 'pdl/unknown-rule', at: '69:13-18', message: '`up to the cycle` names no limit', help: 'write `up to the limit NAME`; the limits: `once`, `held_once`' },
      { code: 'pdl/unknown-rule', at: '76:19-24', message: 'unknown limit `ghost`', help: 'write `up to the limit NAME`; the limits: `once`, `held_once`' },
      { code: 'pdl/unknown-rule', at: '83:19-25', message: '`review` is a cycle, not a limit', help: 'write `up to the limit NAME`; the limits: `once`, `held_once`' },
      { code: 'pdl/invalid-anchor', at: '90:19-23', message: 'the limit `once` counts `moved`, which this deadline is not measured from', help: 'a deadline measured from `started` can be limited by a limit counting that event' },
      { code: 'pdl/invalid-anchor', at: '97:19-23', message: 'the limit `once` counts `moved`, which this deadline is not measured from', help: 'a deadline measured from `child.dob` has one obligation: there is nothing to limit' },
    ]);
  });

  it('each mistake refuses its deadline', () => {
    expect(checkedRules(MATCHING)).toEqual(['review', 'once', 'held_once', 'ok_more', 'ok_prev']);
  });

  it('with no limit declared, the help says to declare one', () => {
    expect(diagnosticsOf(`policy t.nl
  title "No limits"

role sw "SW"
event started
event held

deadline u "U"
  owner sw
  due within 5 days of started
  up to the limit ghost
  met by held
  cite "1"
`)).toEqual([
      { code: 'pdl/unknown-rule', at: '11:19-24', message: 'unknown limit `ghost`', help: 'declare a `limit` (`at most N EVENT per ...`) first' },
    ]);
  });

  it('the IR of the anchor counted from, an `or` anchor limited, and a previous event\'s date', () => {
    const { ir, diagnostics } = compileToIr(MATCHING_OK, { uri: 'main.pdl' });
    expect(diagnostics).toEqual([]);
    const base = (id: string, citation: string, line: number) => ({ kind: 'deadline', id, title: 'OK', owner: 'sw', metBy: { events: ['held'] }, citation, source: { file: 'main.pdl', line, column: 10 }, policy: 't.dm' });
    const due = { direction: 'after', offset: { amount: 5, unit: 'days' }, anchor: { kind: 'event', event: 'started' } };
    expect(ir?.rules.filter((r) => r.kind === 'deadline')).toEqual([
      { ...base('ok_more', '12', 24), due, alsoFrom: ['moved'], counting: { kind: 'anchor' }, upToLimit: 'once' },
      { ...base('ok_prev', '13', 32), due, counting: { kind: 'previous', event: 'moved', attribute: 'at' } },
    ]);
  });
});

describe('shared parts, criteria, constraints and limits: the IR they lower', () => {
  it('owners joined by `or`, `met by ... where`, `when`, key and a notify body; each combinator; a constraint; limits per case and per cycle', () => {
    const { ir, diagnostics } = compileToIr(RULES, { uri: 'main.pdl' });
    expect(diagnostics).toEqual([]);
    const base = (kind: string, id: string, title: string, citation: string, line: number, column: number) => ({ kind, id, title, citation, source: { file: 'main.pdl', line, column }, policy: 't.kg' });
    const isTrue = (left: object, text: string) => ({ kind: 'compare', op: '=', left, right: { kind: 'literal', value: true, type: 'boolean' }, text });
    const fact = (name: string) => isTrue({ kind: 'fact', fact: name }, name);
    const attr = (event: string, attribute: string) => isTrue({ kind: 'attribute', event, attribute }, `${event}.${attribute}`);
    expect(ir?.rules[1]).toEqual({
      kind: 'deadline',
      id: 'either',
      title: 'Either',
      owner: 'sw',
      owners: { join: 'any', roles: ['sw', 'tm'] },
      metBy: { events: ['held'], where: attr('held', 'full') },
      citation: 'either',
      source: { file: 'main.pdl', line: 18, column: 10 },
      policy: 't.kg',
      when: attr('started', 'ok'),
      notify: { subject: 'Due {{obligation.due}}', body: 'Case {{case.id}}' },
      due: { direction: 'after', offset: { amount: 5, unit: 'days' }, anchor: { kind: 'event', event: 'started' } },
      key: 'ref',
    });
    expect(ir?.criteria).toEqual([
      { ...base('criteria', 'any_c', 'Any', 'any', 27, 10), combinator: 'any', conditions: [{ label: 'first', condition: fact('f') }, { label: 'second', condition: { kind: 'not', item: fact('g'), text: 'not g' } }] },
      { ...base('criteria', 'all_c', 'All', 'all', 33, 10), combinator: 'all', conditions: [{ label: 'only', condition: fact('f') }] },
      { ...base('criteria', 'none_c', 'None', 'none', 38, 10), combinator: 'none', conditions: [{ label: 'only', condition: fact('g') }] },
    ]);
    expect(ir?.constraints).toEqual([{ ...base('constraint', 'dates', 'Dates', 'dates', 43, 12), event: 'started', attribute: 'on', cycle: 'review' }]);
    expect(ir?.limits).toEqual([
      { ...base('limit', 'once', 'Once', 'once', 47, 7), event: 'started', where: attr('started', 'ok'), max: 1, per: { kind: 'case' } },
      { ...base('limit', 'twice', 'Twice', 'twice', 51, 7), event: 'held', max: 2, per: { kind: 'cycle', rule: 'review' } },
    ]);
  });
});

describe('shared parts, criteria, constraints and limits: pdl docs', () => {
  it('each line of each block', () => {
    const lines = docsLines(RULES);
    expect(section(lines, 'rule-either')).toEqual([
      'Rule `either` (deadline) · local to this policy · declared in `d.pdl`, line 18',
      '- **Owners**: SW (`sw`) or TM (`tm`) (any of them)',
      '- **Due**: within 5 calendar days of the date of `started`',
      '- **Applies**: only when `started.ok`',
      '- **Met when**: `held` is recorded, where `held.full`',
      '- **Matched by**: the event that meets it carries the same `ref` as the event it is measured from',
      '- **Notification**: `Due {{obligation.due}}` ([the template](#notify-either))',
      '- **Cites**: either',
    ]);
    const asOf = "Read on the date of the evaluation: `today` is that date and `age` the child's age on it.";
    expect(section(lines, 'rule-any_c')).toEqual([
      'Rule `any_c` (criteria) · local to this policy · declared in `d.pdl`, line 27',
      asOf,
      'Met when at least one of these holds:',
      '- **first**: `f`',
      '- **second**: `not g`',
      '- **Cites**: any',
    ]);
    expect(section(lines, 'rule-all_c')).toEqual(['Rule `all_c` (criteria) · local to this policy · declared in `d.pdl`, line 33', asOf, 'Met when every one of these holds:', '- **only**: `f`', '- **Cites**: all']);
    expect(section(lines, 'rule-none_c')).toEqual(['Rule `none_c` (criteria) · local to this policy · declared in `d.pdl`, line 38', asOf, 'Met when none of these holds:', '- **only**: `g`', '- **Cites**: none']);
    expect(section(lines, 'rule-dates')).toEqual([
      'Rule `dates` (constraint) · local to this policy · declared in `d.pdl`, line 43',
      '- **Rule**: each date `started.on` must fall on or before the due date of the occurrence of [Review](#rule-review) (`review`) that is pending when it is recorded',
      '- **Cites**: dates',
    ]);
    expect(section(lines, 'rule-once')).toEqual([
      'Rule `once` (limit) · local to this policy · declared in `d.pdl`, line 47',
      '- **Limit**: at most 1 event `started` where `started.ok` in the whole case; each one beyond the limit is a breach',
      '- **Cites**: once',
    ]);
    expect(section(lines, 'rule-twice')).toEqual([
      'Rule `twice` (limit) · local to this policy · declared in `d.pdl`, line 51',
      '- **Limit**: at most 2 events `held` in each occurrence of [Review](#rule-review) (`review`) (from the date the occurrence is measured from to the event that met it); each one beyond the limit is a breach',
      '- **Cites**: twice',
    ]);
  });
});

describe('shared parts and keys: written after the first mutation run', () => {
  /** Owners joined by `and`; no `met by`; a key on an unknown request event, and one a `met by` event lacks. */
  const MORE = `policy t.k5
  title "More"

role sw "SW"
role tm "TM"
event asked { ref: text }
event decided { by: role }
event held { ref: text }

deadline together "T"
  owner sw and tm
  due within 5 days of asked
  met by held
  cite "1"

deadline no_met_by "N"
  owner sw
  due within 5 days of asked
  cite "2"

approval keyed_unknown "K"
  request ghost
  decision decided
  approved by sw
  matched by ref
  cite "3"

deadline keyed_missing "K"
  owner sw
  due within 5 days of asked
  met by held or decided
  matched by ref
  cite "4"

approval unkeyed "U"
  request asked
  decision decided
  approved by sw
  cite "5"
`;

  it('each reported in full, and which rules checked', () => {
    expect(diagnosticsOf(MORE)).toEqual([
      { code: 'pdl/missing-clause', at: '16:1-23', message: 'deadline `no_met_by` has no `met by` clause', help: 'add a line such as `met by review_held`' },
      { code: 'pdl/unknown-event', at: '22:11-16', message: 'unknown event `ghost`', help: 'declare it with `event ghost`, or use one of the declared events' },
      { code: 'pdl/invalid-key', at: '32:14-17', message: '`matched by ref`: a `met by` event, `decided`, has no attribute `ref`', help: 'every event the rule matches must carry the key: declare it, e.g. `event decided { ref: text }`' },
    ]);
    expect(checkedRules(MORE)).toEqual(['together', 'unkeyed']);
  });

  it('owners joined by `and` are all owners together', () => {
    const { elaborated } = compileToIr(MORE, { uri: 'main.pdl' });
    const together = elaborated?.rules.find((r) => r.id === 'together');
    expect(together !== undefined && 'owners' in together ? together.owners : undefined).toEqual({ join: 'all', roles: ['sw', 'tm'] });
  });

  it('a constraint with no `each` and a limit with no `at most`: the missing clauses, and neither checks', () => {
    const text = `policy t.k6
  title "Missing"

event held

constraint c "C"
  cite "1"

limit l "L"
  cite "2"
`;
    expect(diagnosticsOf(text)).toEqual([
      { code: 'pdl/missing-clause', at: '6:1-17', message: 'constraint `c` has no `each` clause', help: 'add a line such as `each review_scheduled.for on or before the due date of looked_after_review`' },
      { code: 'pdl/missing-clause', at: '9:1-12', message: 'limit `l` has no `at most` clause', help: 'add a line such as `at most 1 review_adjourned per looked_after_review`' },
    ]);
    expect(checkedRules(text)).toEqual([]);
  });
});

describe('`counting from`, `up to the limit` and criteria: written after the second mutation run', () => {
  /**
   * A deadline measured from an attribute's event, one without `due`, one with a second due date (`or
   * within`), `up to the cycle` naming a limit, a limit without `at most`, a limit whose `cite` comes
   * before its `at most`, and criteria without `any of`/`all of`/`none of`.
   */
  const MORE_MATCHING = `policy t.dm2
  title "Matching again"

role sw "SW"
fact f: boolean
event started { on: date }
event moved
event held

limit once "Once"
  at most 1 moved per case
  cite "once"

limit bare "Bare"
  cite "bare"

limit after_cite "After its cite"
  cite "after"
  at most 2 moved per case

deadline a_attr "A"
  owner sw
  due within 5 days of started.on
  counting from started
  met by held
  cite "1"

deadline no_due "N"
  owner sw
  counting from held
  up to the limit once
  met by held
  cite "2"

deadline or_due "O"
  owner sw
  due within 5 days of started or within 3 days of moved, whichever is sooner
  counting from held
  up to the limit once
  met by held
  cite "3"

deadline word_limit "W"
  owner sw
  due within 5 days of moved
  up to the cycle once
  met by held
  cite "4"

deadline bare_limit "B"
  owner sw
  due within 5 days of moved
  up to the limit bare
  met by held
  cite "5"

deadline two_anchors "T"
  owner sw
  due within 5 days of started or held
  up to the limit once
  met by held
  cite "6"

deadline prev_ok "P"
  owner sw
  due within 5 days of started
  counting from the previous moved
  met by held
  cite "7"

deadline after_cite_ok "L"
  owner sw
  due within 5 days of moved
  up to the limit after_cite
  met by held
  cite "8"

criteria no_combinator "C"
  "a": f
  cite "9"
`;

  it('each reported in full (a deadline without `due` reports that alone, not its `counting from` and `up to the limit` lines; an `or within` due date is no anchor)', () => {
    expect(diagnosticsOf(MORE_MATCHING)).toEqual([
      { code: 'pdl/missing-clause', at: '14:1-18', message: 'limit `bare` has no `at most` clause', help: 'add a line such as `at most 1 review_adjourned per looked_after_review`' },
      { code: 'pdl/missing-clause', at: '28:1-20', message: 'deadline `no_due` has no `due` clause', help: 'add a line such as `due within 20 working days of became_looked_after`' },
      { code: 'pdl/invalid-anchor', at: '38:3-21', message: '`counting from held` names no event this deadline is measured from', help: "`counting from EVENT` names the deadline's anchor event (`started`); write `counting from the previous held` to count from the latest one before the date the deadline is measured from" },
      { code: 'pdl/invalid-anchor', at: '39:19-23', message: 'the limit `once` counts `moved`, which this deadline is not measured from', help: 'a deadline measured from `started` can be limited by a limit counting that event' },
      { code: 'pdl/unknown-rule', at: '46:13-18', message: '`up to the cycle` names no limit', help: 'write `up to the limit NAME`; the limits: `once`, `bare`, `after_cite`' },
      { code: 'pdl/invalid-anchor', at: '53:19-23', message: 'the limit `bare` counts no event, which this deadline is not measured from', help: 'a deadline measured from `moved` can be limited by a limit counting that event' },
      { code: 'pdl/invalid-anchor', at: '60:19-23', message: 'the limit `once` counts `moved`, which this deadline is not measured from', help: 'a deadline measured from `started` or `held` can be limited by a limit counting that event' },
      { code: 'pdl/missing-clause', at: '78:1-27', message: 'criteria `no_combinator` has no `any of/all of/none of` clause', help: 'add a line such as `any of`' },
    ]);
  });

  it('which rules checked, and the IR of those that did', () => {
    expect(checkedRules(MORE_MATCHING)).toEqual(['once', 'after_cite', 'a_attr', 'prev_ok', 'after_cite_ok']);
    // The refused rules removed, the rest compiles.
    const ok = MORE_MATCHING.split('\n\n').filter((block) => !/^(limit bare|deadline (no_due|or_due|word_limit|bare_limit|two_anchors)|criteria) /.test(block)).join('\n\n');
    const { ir, diagnostics } = compileToIr(ok, { uri: 'main.pdl' });
    expect(diagnostics).toEqual([]);
    expect(ir?.rules.flatMap((r) => (r.kind === 'deadline' ? [{ id: r.id, counting: r.counting, upToLimit: r.upToLimit }] : []))).toEqual([
      { id: 'a_attr', counting: { kind: 'anchor' }, upToLimit: undefined },
      { id: 'prev_ok', counting: { kind: 'previous', event: 'moved' }, upToLimit: undefined },
      { id: 'after_cite_ok', counting: undefined, upToLimit: 'after_cite' },
    ]);
  });
});

describe('limits: written after the mutation run of the whole of compiler/kinds/', () => {
  it('a limit with two `at most` lines: the second is reported, and the limit kept is the first line, its `where` included', () => {
    // The policy is refused, but the compile result's `elaborated` rules (which the lints read) still
    // hold the limit: its `where` must be the one that reads its own counted event.
    const text = `policy t.k7
  title "Twice"

event started { ok: boolean }
event held { full: boolean }

limit l "L"
  at most 1 started where started.ok per case
  at most 2 held where held.full per case
  cite "1"
`;
    expect(diagnosticsOf(text)).toEqual([
      { code: 'pdl/duplicate-clause', at: '9:3-42', message: '`at most` is given more than once in `l`', help: 'keep one', related: ['8:3 first given here'] },
    ]);
    const limit = compileToIr(text, { uri: 'main.pdl' }).elaborated?.rules.find((r) => r.id === 'l');
    expect(limit?.kind === 'limit' ? { event: limit.event, max: limit.max, where: limit.where?.ir } : undefined).toEqual({
      event: 'started',
      max: 1,
      where: { kind: 'compare', op: '=', left: { kind: 'attribute', event: 'started', attribute: 'ok' }, right: { kind: 'literal', value: true, type: 'boolean' }, text: 'started.ok' },
    });
  });
});
