/**
 * The printers (compiler/ast/print.ts, compiler/resolve/print.ts) beyond the golden cases, written to
 * kill the mutants the golden round trip leaves alive: that test prints each good case and parses it
 * again, which cannot see what the parser reads the same (blank lines, `within ... after` for
 * `within ... of`, a string's escapes when no case has them) or a clause no good case has. Checked
 * here: a policy with every declaration and clause form, in a careless layout, printed whole in the
 * canonical one and read back to the same AST; a duration without a unit; parentheses around a group
 * of the same operator; `stripRanges`, key by key; the resolved tables of a policy that extends
 * nothing, with a rule overriding nothing and names shared across kinds.
 *
 * Input: policy text written here, parsed or compiled inside each test so that Stryker counts the code
 * it runs. Output: assertions on whole printed texts and values.
 */
import { describe, expect, it } from 'vitest';
import { printCondition, printPolicy, stripRanges } from '../../compiler/ast/print.ts';
import type { PolicyFile } from '../../compiler/ast/types.ts';
import { compileToIr, parseToAst } from '../../compiler/pipeline.ts';
import { printResolved } from '../../compiler/resolve/print.ts';

/** The AST of `text`, which must parse without a diagnostic of any kind. */
function astOf(text: string): PolicyFile {
  const { ast, diagnostics } = parseToAst(text, 'p.pdl');
  expect(diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([]);
  if (ast === undefined) throw new Error('no AST');
  return ast;
}

// Every declaration and clause form (several roles and events in each list, a string with each escape),
// as the printer lays it out: a blank line between kinds, around each rule and each calendar; `of`
// after `within`; weekdays in lower case.
const CANONICAL = String.raw`policy example.printing extends example.base
  extends example.other
  use example.words
  title "A \\ back, a \"quote\", a \n newline and a \t tab"
  effective 2024-03-01

calendar local
  closed 2025-12-29 "Office closed"
  open 2025-05-05

calendar other

role iro
role manager "Manager" reports to iro

fact plan_agreed?: boolean set by plan_made to true or plan_ended to false
fact status "Status": enum(a, b) set by moved.kind
fact n: number

event plan_made
event plan_ended
event moved { on: date, n?: number, kind: enum(a, b) } supersedes earlier
event visit

deadline d1 "First"
  owner iro, manager or lead
  due by 17:00 on the friday on or after within 5 working days of moved or plan_made, whichever is sooner
  when not (plan_agreed and n > 2) and (status is a or status is not b) or moved.kind not in (a, b) and not n in (1, 2)
  met by visit or plan_made where count(visit where visit.n >= 1) = 0 and days since the last visit > 42
  cite "1"

deadline d2
  owner iro
  due on the monday on or before 5 days before moved.on, earliest 3 days before
  when moved.on >= 2024-01-01 and moved.on <= 3 months after today or moved.on < 1 week before 2025-01-01
  met by visit
  up to the limit lim
  matched by n
  counting from the previous moved.on

deadline d3
  owner iro
  due between 1 day after and 2 weeks after at least 3 months before the previous visit
  met by visit

deadline d4
  owner iro
  due 1 year after child.dob or 2 days after moved
  met by visit
  counting from moved

cycle c
  owner iro
  runs from plan_made or moved until plan_ended or visit where visit.n = 2
  restarts on moved or visit where visit.n = 3
  first within 20 working days of plan_made
  second within 1 month of the previous visit when age under 5 cite "two"
  third within 2 months of the previous visit when age 5 or over
  fourth within 3 months of the previous visit when age >= 6
  fifth within 4 months of the previous visit
  then within 6 months of the previous visit cite "then"
  met by visit
  notify "Due {{obligation.due}}" body "Body text"
  cite "c"

approval a
  request moved where moved.n > 1
  decision plan_made
  approved by iro or manager or above
  notice at least 5 working days before moved.on
  requires visit where visit.n is 1
  requires plan_ended

limit lim
  at most 2 moved where moved.n = 1 per c
  at most 3 visit per case

constraint k
  each moved.on on or before the due date of c

ladder l
  raised by iro, manager
  stages may be bypassed or conflated
  in total at most 40 days cite "cap"
  stage 1 "One" alert iro, manager copy lead respond within 5 working days when n > 1 cite "s1"
  stage 2 raised by manager, iro refer to cafcass copy iro, lead stops the clock
  stage 3 refer to court
  stage 4 alert iro
  advance when unsatisfactory

ladder l2
  raised by iro
  in total at most 10 days
  stage 1 alert iro
  advance when late

criteria cr
  all of
    "first": n > 1
    "second": plan_agreed

order o
  step visit where visit.n = 1
  after moved where moved.n = 2
  within 3 months

duty du1
  owner iro
  for each c
  by the next visit
  wording "soon"
  met by visit

duty du2
  owner iro
  after moved
  before 2 days before moved.on
  met by visit

duty du3
  owner iro
  after moved
  before child.dob
  met by visit

override deadline d5 "Overridden"
  owner iro
  due 5 months before moved.on
  met by visit
`;

// The same policy as written carelessly: no blank lines, `within ... after` for `within ... of`, weekdays
// capitalised.
const CARELESS = CANONICAL.replace(/\n\n/g, '\n')
  .replace('friday on or after within 5 working days of', 'Friday on or after within 5 working days after')
  .replace('monday', 'Monday');

describe('printPolicy: written after the first mutation run', () => {
  it('prints every declaration and clause form in the canonical layout, which reads back to the same AST', () => {
    const ast = astOf(CARELESS);
    expect(CARELESS).not.toBe(CANONICAL);
    expect(printPolicy(ast)).toBe(CANONICAL);
    expect(stripRanges(astOf(CANONICAL))).toEqual(stripRanges(ast));
    // The escapes read back to the characters written.
    expect(ast.header.find((h) => h.field === 'title')?.value).toBe('A \\ back, a "quote", a \n newline and a \t tab');
  });

  it('a duration without a unit is printed as written (its error is reported, and the AST kept)', () => {
    const text = 'policy t.p\n\nevent e\n\ndeadline d\n  owner iro\n  due within 5 of e\n  met by e\n';
    const { ast, diagnostics } = parseToAst(text, 'p.pdl');
    expect(diagnostics.map((d) => d.code)).toEqual(['pdl/duration-without-unit']);
    expect(ast === undefined ? undefined : printPolicy(ast)).toBe(text);
  });

  it('keeps the parentheses written around a group of the same operator, so that the AST reads back the same', () => {
    const whens = ['a or (b or c)', 'a and (b and c)', '(a or b) and c', 'a or b and c', 'not (a or b)', 'not (a and b)', 'not not a', '(a and b) or c'];
    const printed = ['a or (b or c)', 'a and (b and c)', '(a or b) and c', 'a or b and c', 'not (a or b)', 'not (a and b)', 'not not a', 'a and b or c'];
    whens.forEach((when, i) => {
      const text = `policy t.p\n\nevent e\n\ndeadline d\n  owner iro\n  due within 5 days of e\n  when ${when}\n  met by e\n`;
      const clause = astOf(text).declarations[1];
      const condition = clause?.kind === 'Rule' && clause.clauses[2]?.kind === 'WhenClause' ? clause.clauses[2].condition : undefined;
      expect(condition === undefined ? undefined : printCondition(condition)).toBe(printed[i]);
      const again = astOf(text.replace(when, printed[i]!));
      expect(stripRanges(again)).toEqual(stripRanges(astOf(text)));
    });
  });
});

describe('stripRanges', () => {
  it('leaves out the places and spellings at every depth, and keeps every other key, null and array', () => {
    const place = { start: 0, end: 1, startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 };
    const value = {
      kind: 'X',
      range: place,
      headRange: place,
      ordinalRange: place,
      numberRange: place,
      unitText: 'working days',
      incomplete: true,
      note: null,
      items: [{ text: 'a', range: place }, 'b', 3, [{ unitText: 'days', amount: 5 }]],
      inner: { range: place, flag: false },
    };
    expect(stripRanges(value)).toEqual({ kind: 'X', note: null, items: [{ text: 'a' }, 'b', 3, [{ amount: 5 }]], inner: { flag: false } });
  });

  it('two layouts and spellings of one policy compare equal; a changed name does not', () => {
    const a = 'policy t.p\n\nevent e\n\ndeadline d\n  owner iro\n  due within 1 working day of e\n  met by e\n';
    const b = 'policy t.p\nevent e\ndeadline d\n  owner   iro\n  due within 1 working days of e\n  met by e\n';
    expect(stripRanges(astOf(b))).toEqual(stripRanges(astOf(a)));
    expect(stripRanges(astOf(a.replace('owner iro', 'owner sw')))).not.toEqual(stripRanges(astOf(a)));
  });
});

describe('printResolved: written after the first mutation run', () => {
  it('a policy that extends nothing; `(overrides)` on an overriding rule, not on a role of the same name', () => {
    const base = ['policy t.base', '  title "Base"', '', 'role sw "SW"', 'event e', '', 'deadline d "D"', '  owner sw', '  due within 1 day of e', '  met by e', '  cite "1"'].join('\n');
    const text = ['policy t.child extends t.base', '  title "Child"', '', 'role d "D"', '', 'override deadline d "D"', '  owner d', '  due within 2 days of e', '  met by e', '  cite "2"'].join('\n');
    const host = { findPolicy: (id: string) => (id === 't.base' ? { uri: 'base.pdl', text: base } : undefined) };
    const printed = (source: string): string[] | undefined => {
      const { resolved, diagnostics } = compileToIr(source, { uri: 'main.pdl', host });
      expect(diagnostics).toEqual([]);
      return resolved === undefined ? undefined : printResolved(resolved).split('\n');
    };
    expect(printed(base)).toEqual(['policy t.base', 'calendar england-and-wales', 'role sw from t.base', 'event e from t.base', 'rule d from t.base', '']);
    expect(printed(text)).toEqual([
      'policy t.child (extends t.base)',
      'calendar england-and-wales',
      'role sw from t.base (inherited)',
      'role d from t.child',
      'event e from t.base (inherited)',
      'rule d from t.child (overrides)',
      '',
    ]);
  });
});
