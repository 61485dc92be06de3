/**
 * Elaboration's shape checks and its walk over a policy's rules (compiler/elaborate/shape.ts,
 * from-resolved.ts) beyond the golden cases: written to kill the mutants those leave alive. Checked
 * here: the whole diagnostics of misplaced clauses (with the kind's own help or the list of what it
 * takes, after "a" or "an"), missing required clauses and clauses given more than once (the help for
 * `when` and for the others; every extra one reported against the first); which rules checked; and,
 * for a policy that extends another, that the parent's warnings are not repeated in the child, and an
 * inherited rule that no longer checks is one whole error at the `extends`, relating its first five
 * errors and none of its warnings. Added for the survivors of the first Stryker run: which rules check
 * (no `cite`, a refused template, a misplaced `notify`, a broken `due` line), the IR of a rule without a
 * title, and a ladder's policy-wide check.
 *
 * Input: policies written here, compiled inside each test, so that Stryker counts the code they run.
 * Output: assertions on whole diagnostics and on which rules checked.
 */
import { describe, expect, it } from 'vitest';
import { compileToIr } from '../../compiler/pipeline.ts';
import { checkedRules, diagnosticsOf } from './mutation-helpers.ts';

/** Misplaced, missing and repeated clauses, and a clause that may repeat. */
const SHAPES = `policy t.sh
  title "Shapes"

role sw "SW"
event asked { on: date }
event decided { by: role }
event held
fact f: boolean
fact g: boolean

approval a_misplaced "A"
  request asked
  decision decided
  approved by sw
  met by held
  cite "1"

limit l_misplaced "L"
  at most 1 held per case
  owner sw
  cite "2"

cycle c_due "C"
  owner sw
  runs from asked
  first within 5 days of asked
  due within 5 days of asked
  met by held
  cite "3"

deadline d_missing "D"
  owner sw
  met by held

deadline d_twice "D"
  owner sw
  due within 5 days of asked
  met by held
  when f
  when g
  when f and g
  owner sw
  cite "5"
  cite "6"

approval a_many "A"
  request asked
  decision decided
  approved by sw
  requires held
  requires asked
  cite "7"
`;

describe('the shape of a rule', () => {
  it('misplaced, missing and repeated clauses reported in full', () => {
    expect(diagnosticsOf(SHAPES)).toEqual([
      { code: 'pdl/misplaced-clause', at: '15:3-14', message: 'an approval has no `met by` clause', help: 'an approval takes `request`, `decision`, `approved by`, `notice`, `matched by`, `cite`, `requires`' },
      { code: 'pdl/misplaced-clause', at: '20:3-11', message: 'a limit has no `owner` clause', help: 'a limit takes `at most`, `cite`' },
      { code: 'pdl/misplaced-clause', at: '27:3-29', message: 'a cycle has no `due` clause', help: 'a cycle states its due dates in steps: `first ...`, `second ...`, `then ...`' },
      { code: 'pdl/missing-clause', at: '31:1-23', message: 'deadline `d_missing` has no `cite` clause', help: 'add a line such as `cite "paragraph 3.2"`' },
      { code: 'pdl/missing-clause', at: '31:1-23', message: 'deadline `d_missing` has no `due` clause', help: 'add a line such as `due within 20 working days of became_looked_after`' },
      { code: 'pdl/duplicate-clause', at: '40:3-9', message: '`when` is given more than once in `d_twice`', help: 'combine the conditions with `and`', related: ['39:3 first given here'] },
      { code: 'pdl/duplicate-clause', at: '41:3-15', message: '`when` is given more than once in `d_twice`', help: 'combine the conditions with `and`', related: ['39:3 first given here'] },
      { code: 'pdl/duplicate-clause', at: '42:3-11', message: '`owner` is given more than once in `d_twice`', help: 'keep one', related: ['36:3 first given here'] },
      { code: 'pdl/duplicate-clause', at: '44:3-11', message: '`cite` is given more than once in `d_twice`', help: 'keep one', related: ['43:3 first given here'] },
    ]);
  });

  it('a rule missing a required clause does not check; one with a misplaced or repeated clause does', () => {
    expect(checkedRules(SHAPES)).toEqual(['a_misplaced', 'l_misplaced', 'c_due', 'd_twice', 'a_many']);
  });
});

describe('elaborating a policy that extends another', () => {
  const parent = [
    'policy t.parent',
    '  title "Parent"',
    '',
    'role sw "SW"',
    'event visit { kind: enum(home, office) }',
    'event recorded',
    '',
    'deadline home_visit "Home visit"',
    '  owner sw',
    '  due within 5 days of visit',
    '  when visit.kind is home',
    '  met by recorded',
    '  cite "1"',
    '',
    'deadline unowned "Unowned"',
    '  due within 5 days of visit',
    '  met by recorded',
    '  cite "2"',
  ].join('\n');
  const host = { findPolicy: (id: string) => (id === 't.parent' ? { uri: 'parent.pdl', text: parent } : undefined) };

  it('the parent\'s warnings are its own: the child that adds nothing has none', () => {
    expect(compileToIr(parent, { uri: 'parent.pdl' }).diagnostics.map((d) => d.code)).toEqual(['pdl/unowned-obligation']);
    const child = compileToIr('policy t.child extends t.parent\n  title "Child"\n', { uri: 'child.pdl', host });
    expect(child.diagnostics).toEqual([]);
    expect(child.ir?.rules.map((r) => r.id)).toEqual(['home_visit', 'unowned']);
  });

  it('an inherited rule that no longer checks: one whole error at the `extends`, the other inherited rule still checked', () => {
    // `home` in the parent's `when` is an enum value; a fact named `home` in the child makes it read as the fact.
    const result = compileToIr('policy t.child extends t.parent\n  title "Child"\nfact home: text\n', { uri: 'child.pdl', host });
    expect(result.diagnostics.map((d) => ({ code: d.code, uri: d.uri, at: `${d.range.startLine}:${d.range.startColumn}-${d.range.endColumn}`, message: d.message, help: d.help, related: d.related?.map((r) => `${r.uri} ${r.range.startLine}:${r.range.startColumn} ${r.message}`) }))).toEqual([
      {
        code: 'pdl/inherited-rule-invalid',
        uri: 'child.pdl',
        at: '1:24-32',
        message: '`home_visit`, inherited from `t.parent`, does not check in this policy',
        help: 'a declaration of this policy changes how a name in the inherited rule reads (for example a fact named like an enum value): rename it, or `override` the rule',
        related: ['parent.pdl 11:8 cannot compare an enum(home, office) with a text in `visit.kind is home`'],
      },
    ]);
    expect(result.elaborated?.complete).toBe(false);
    expect(result.elaborated?.rules.map((r) => r.id)).toEqual(['unowned']);
  });
});

/** Rules that check or not: no title, no `cite`, a refused template, a `notify` on a kind without notifications, a broken `due` line. */
const CHECKS = `policy t.el
  title "E"

role sw "SW"
event asked
event held

deadline no_title_here
  owner sw
  due within 5 days of asked
  met by held
  cite "1"

deadline no_cite "D"
  owner sw
  due within 5 days of asked
  met by held

deadline bad_notify "D"
  owner sw
  due within 5 days of asked
  met by held
  notify "{{zzz}}"
  cite "3"

limit l_notify "L"
  at most 1 held per case
  notify "{{case.id}}"
  cite "4"

deadline broken "D"
  owner sw
  due within 5 days of
  met by held
  cite "5"
`;

describe('which rules check (written for the survivors of the first Stryker run)', () => {
  it('a rule without `cite` or with a refused template does not check; a broken `due` line is one syntax error, not also a missing `due`; a misplaced `notify` is reported, not read', () => {
    expect(diagnosticsOf(CHECKS)).toEqual([
      { code: 'pdl/missing-clause', at: '14:1-21', message: 'deadline `no_cite` has no `cite` clause', help: 'add a line such as `cite "paragraph 3.2"`' },
      { code: 'pdl/unknown-template-field', at: '23:10-19', message: 'the template names `zzz`, which does not exist here', help: 'the fields: `case.id`, `child.dob`, `policy.id`, `policy.title`, `policy.version`, `asOf`, `rule.id`, `rule.title`, `rule.citation`, `obligation.occurrence`, `obligation.due`, `obligation.dueTime`, `obligation.owner`, `obligation.status`, `obligation.anchor.event`, `obligation.anchor.date`' },
      { code: 'pdl/misplaced-clause', at: '28:3-23', message: 'a limit has no `notify` clause', help: 'a limit takes `at most`, `cite`' },
      { code: 'pdl/syntax-error', at: '33:23-24', message: 'expected `the`, `child` or a name, found the end of the line', help: 'a due date reads `within 20 working days of EVENT`, `at least 5 working days before EVENT.DATE` or `16 years after child.dob`' },
    ]);
    expect(checkedRules(CHECKS)).toEqual(['no_title_here', 'l_notify']);
  });

  it('a rule without a title is titled by its name, underscores as spaces; its citation and source are its own', () => {
    const text = ['policy t.tt', '  title "T"', '', 'role sw "SW"', 'event asked', 'event held', '', 'deadline home_visit_due', '  owner sw', '  due within 5 days of asked', '  met by held', '  cite "para 1"'].join('\n');
    expect(compileToIr(text, { uri: 'main.pdl' }).ir?.rules).toEqual([
      { kind: 'deadline', id: 'home_visit_due', title: 'home visit due', owner: 'sw', metBy: { events: ['held'] }, citation: 'para 1', source: { file: 'main.pdl', line: 8, column: 10 }, policy: 't.tt', due: { direction: 'after', offset: { amount: 5, unit: 'days' }, anchor: { kind: 'event', event: 'asked' } } },
    ]);
  });

  it('a kind\'s policy-wide check runs on the policy\'s own rules: a ladder without the escalation events', () => {
    const text = ['policy t.lv', '  title "Ladder"', '', 'role sw "SW"', '', 'ladder lad "L"', '  raised by sw', '  stage 1 alert sw respond within 5 days', '  cite "l"'].join('\n');
    expect(diagnosticsOf(text)).toEqual([
      { code: 'pdl/unknown-event', at: '6:8-11', message: 'ladders read the events `escalation_raised`, `escalation_response`, `escalation_resolved`, which are not declared', help: 'extend `england.statutory_reviews`, which declares them, or declare `event escalation_raised { ladder: text, stage: number }`, `event escalation_response { ladder: text, stage: number, satisfactory: boolean }`, `event escalation_resolved { ladder: text }`' },
    ]);
  });

  it('an inherited rule that no longer checks: its first five errors related, not its warnings', () => {
    // The parent's rule names no owner (a warning) and its `when` reads six enum values, each made a text fact by the child.
    const parent = ['policy t.parent6', '  title "Parent"', '', 'event visit { kind: enum(a1, a2, a3, a4, a5, a6) }', 'event recorded', '', 'deadline many "Many"', '  due within 5 days of visit', '  when visit.kind is a1 or visit.kind is a2 or visit.kind is a3 or visit.kind is a4 or visit.kind is a5 or visit.kind is a6', '  met by recorded', '  cite "1"'].join('\n');
    const host = { findPolicy: (id: string) => (id === 't.parent6' ? { uri: 'parent.pdl', text: parent } : undefined) };
    const child = ['policy t.child6 extends t.parent6', '  title "Child"', 'fact a1: text', 'fact a2: text', 'fact a3: text', 'fact a4: text', 'fact a5: text', 'fact a6: text'].join('\n');
    const result = compileToIr(child, { uri: 'child.pdl', host });
    const mismatch = (n: number, column: number): string => `parent.pdl 9:${column} cannot compare an enum(a1, a2, a3, a4, a5, a6) with a text in \`visit.kind is a${n}\``;
    expect(result.diagnostics.map((d) => ({ code: d.code, at: `${d.range.startLine}:${d.range.startColumn}-${d.range.endColumn}`, message: d.message, related: d.related?.map((r) => `${r.uri} ${r.range.startLine}:${r.range.startColumn} ${r.message}`) }))).toEqual([
      { code: 'pdl/inherited-rule-invalid', at: '1:25-34', message: '`many`, inherited from `t.parent6`, does not check in this policy', related: [mismatch(1, 8), mismatch(2, 28), mismatch(3, 48), mismatch(4, 68), mismatch(5, 88)] },
    ]);
  });
});
