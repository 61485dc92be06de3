/**
 * Elaboration's shape checks and its walk over a policy's rules (compiler/elaborate/shape.ts,
 * from-resolved.ts) beyond the golden cases: written to kill the mutants those leave alive. Checked
 * here: the whole diagnostics of misplaced clauses (with the kind's own help or the list of what it
 * takes, after "a" or "an"), missing required clauses and clauses given more than once (the help for
 * `when` and for the others; every extra one reported against the first); which rules checked; and,
 * for a policy that extends another, that the parent's warnings are not repeated in the child, and an
 * inherited rule that no longer checks is one whole error at the `extends`.
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
