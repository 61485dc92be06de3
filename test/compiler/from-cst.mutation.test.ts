/**
 * The AST builder (compiler/ast/from-cst.ts), for mutation testing: what a policy lead sees of the
 * tree built from a parse that recovered from mistakes (the lines reported once, with their place,
 * message and help; what is left out of the AST and what is kept), the header's fields, strings with
 * escapes, the "did you mean" help of a line that starts nothing, and every form of condition, operand
 * and clause wording printed back as written (a condition holding an impossible date is left out with
 * its clause). The other suites reach these paths with few mistakes, and compare diagnostics by code
 * or line only.
 *
 * Input: small policies written here, each compiled inside its test (compiler/pipeline.ts
 * `compileToIr`, as the CLI and the playground do) and parsed (`parseToAst`, the tree printed by
 * compiler/ast/print.ts). Output: every diagnostic whole (code, range, message, help) and the
 * printed tree, worked out by hand from the grammar and the builder's rules.
 */
import { describe, expect, it } from 'vitest';
import { printPolicy } from '../../compiler/ast/print.ts';
import { compileToIr, parseToAst } from '../../compiler/pipeline.ts';

/** A diagnostic as shown: `code line:column-line:column message | help`. */
function shown(text: string): string[] {
  return compileToIr(text, { uri: 'main.pdl' }).diagnostics.map(
    (d) => `${d.code} ${d.range.startLine}:${d.range.startColumn}-${d.range.endLine}:${d.range.endColumn} ${d.message}${d.help === undefined ? '' : ` | ${d.help}`}`,
  );
}

/** The AST of `text` printed in canonical layout, or undefined when none was built. */
function printed(text: string): string | undefined {
  const { ast } = parseToAst(text, 'main.pdl');
  return ast === undefined ? undefined : printPolicy(ast);
}

const lines = (...l: string[]): string => `${l.join('\n')}\n`;

/** The help of a line that starts nothing at the top level or under the header: every word a line there starts with. */
const TOP_LEVEL_LIST =
  'a line here starts with one of `title`, `authority`, `source`, `version`, `effective`, `extends`, `calendar`, `role`, `fact`, `event`, `deadline`, `cycle`, `approval`, `limit`, `constraint`, `order`, `ladder`, `criteria`, `duty`, `override`';

describe('strings', () => {
  it('the escapes \\" \\\\ \\n \\t of a quoted text are read as the characters they stand for', () => {
    const text = lines('policy t.escapes', '  title "a\\"b\\\\c\\nd\\te"');
    const { ast } = parseToAst(text, 'main.pdl');
    expect(ast?.header.map((h) => [h.field, h.value])).toEqual([['title', 'a"b\\c\nd\te']]);
    expect(printed(text)).toBe(text);
    expect(shown(text)).toEqual([]);
  });
});

describe('the header', () => {
  it('a policy without a title, its file read whole: the title is asked for', () => {
    expect(shown(lines('policy t.untitled', 'role r "R"'))).toEqual([
      'pdl/missing-title 1:8-1:18 policy `t.untitled` has no title | add a line `title "..."` under the `policy` line, naming the practice direction',
    ]);
  });

  it('a header line the parser gave up on (`version` followed by a declaration): the file is incomplete, so no title is asked for', () => {
    const text = lines('policy a', '  version role r');
    expect(shown(text)).toEqual(['pdl/syntax-error 2:11-2:15 expected a quoted text, found `role`']);
    expect(printed(text)).toBe(lines('policy a', '', 'role r'));
  });

  it('an unreadable `policy` line: nothing under it is built, so only the parser speaks (no impossible dates reported)', () => {
    const text = lines('policy', '  effective 2025-02-30', 'role r', 'calendar c', '  closed 2025-02-30');
    expect(printed(text)).toBeUndefined();
    expect(shown(text)).toEqual(['pdl/syntax-error 1:7-1:8 expected a name, found the end of the line']);
  });

  it('an impossible `effective` date: reported at the date, with help', () => {
    const text = lines('policy a', '  title "A"', '  effective 2025-02-30');
    expect(shown(text)).toEqual(['pdl/invalid-date 3:13-3:23 `2025-02-30` is not a real calendar date | write dates as YYYY-MM-DD, e.g. 2025-04-14']);
    expect(printed(text)).toBe(lines('policy a', '  title "A"'));
  });

  it('header lines that lost their value: left out, the parser\'s error the only one', () => {
    const cases: [string[], string[], string][] = [
      [['policy a', '  title "A"', '  extends'], ['pdl/syntax-error 3:10-3:11 expected a name, found the end of the line'], lines('policy a', '  title "A"')],
      [['policy a', '  title "A"', '  extends y.'], ['pdl/syntax-error 3:13-3:14 expected a name, found the end of the line'], lines('policy a', '  title "A"')],
      [['policy a', '  title "A"', '  use'], ['pdl/syntax-error 3:6-3:7 expected a name, found the end of the line'], lines('policy a', '  title "A"')],
      [['policy a', '  title "A"', '  effective'], ['pdl/syntax-error 3:12-3:13 expected a date (YYYY-MM-DD), found the end of the line'], lines('policy a', '  title "A"')],
      [['policy a', '  title "A"', '  effective role r'], ['pdl/syntax-error 3:13-3:17 expected a date (YYYY-MM-DD), found `role`'], lines('policy a', '  title "A"', '', 'role r')],
      [['policy a', '  version role r'], ['pdl/syntax-error 2:11-2:15 expected a quoted text, found `role`'], lines('policy a', '', 'role r')],
    ];
    for (const [source, diagnostics, tree] of cases) {
      const text = lines(...source);
      expect(shown(text), text).toEqual(diagnostics);
      expect(printed(text), text).toBe(tree);
    }
  });
});

describe('a line that starts nothing', () => {
  it('under the header, indented: read as a header line or a declaration, "did you mean" from the header\'s words first', () => {
    expect(shown(lines('policy a', '  tittle "A"'))).toEqual(['pdl/syntax-error 2:3-2:9 `tittle` does not start a header line or a declaration | did you mean `title`?']);
    expect(shown(lines('policy a', '  title "A"', '  rle r'))).toEqual(['pdl/syntax-error 3:3-3:6 `rle` does not start a header line or a declaration | did you mean `role`?']);
    expect(shown(lines('policy a', '  title "A"', '  foo bar'))).toEqual([`pdl/syntax-error 3:3-3:6 \`foo\` does not start a header line or a declaration | ${TOP_LEVEL_LIST}`]);
    // `tole` is as near `title` as `role`: under the header, `title` (nearer, `role`, wins everywhere else).
    expect(shown(lines('policy a', '  tole x'))).toEqual(['pdl/syntax-error 2:3-2:7 `tole` does not start a header line or a declaration | did you mean `title`?']);
  });

  it('in the first column, or indented below a declaration: read as a declaration, "did you mean" from the declarations\' words first', () => {
    expect(shown(lines('policy a', '  title "A"', '', 'dedline foo'))).toEqual(['pdl/syntax-error 4:1-4:8 `dedline` does not start a declaration | did you mean `deadline`?']);
    expect(shown(lines('policy a', '  title "A"', 'role r', 'titel "B"'))).toEqual(['pdl/syntax-error 4:1-4:6 `titel` does not start a declaration | did you mean `title`?']);
    // `tile` is as near `title` as `role`: at the top level, the declaration.
    expect(shown(lines('policy a', '  title "A"', 'role r', 'tile x'))).toEqual(['pdl/syntax-error 4:1-4:5 `tile` does not start a declaration | did you mean `role`?']);
    const text = lines('policy a', '  title "A"', 'role r', '  frob x', 'role s');
    expect(shown(text)).toEqual([`pdl/syntax-error 4:3-4:7 \`frob\` does not start a declaration | ${TOP_LEVEL_LIST}`]);
    expect(printed(text)).toBe(lines('policy a', '  title "A"', '', 'role r', 'role s'));
  });

  it('in a rule: read as a clause of its kind, "did you mean" from the first words of its clauses', () => {
    const text = lines('policy a', '  title "A"', 'role r', 'event e', 'deadline d', '  owner r', '  due 3 days after e', '  frob x', '  dew 3 days after e');
    expect(shown(text)).toEqual([
      'pdl/syntax-error 8:3-8:7 `frob` does not start a clause of a deadline | a clause starts with one of `owner`, `due`, `when`, `met`, `matched`, `cite`, `notify`, `counting`, `up`',
      'pdl/syntax-error 9:3-9:6 `dew` does not start a clause of a deadline | did you mean `due`?',
    ]);
    // Near a declaration's word (`event`) or a header's (`version`), but no clause's: no "did you mean".
    const starters = 'a clause starts with one of `owner`, `due`, `when`, `met`, `matched`, `cite`, `notify`, `counting`, `up`';
    expect(shown(lines('policy a', '  title "A"', 'role r', 'event e', 'deadline d', '  owner r', '  due 3 days after e', '  evnt x', '  verson x'))).toEqual([
      `pdl/syntax-error 8:3-8:7 \`evnt\` does not start a clause of a deadline | ${starters}`,
      `pdl/syntax-error 9:3-9:9 \`verson\` does not start a clause of a deadline | ${starters}`,
    ]);
  });

  it('the rest of a line the parser gave up on is not reported again, in a rule or at the top level', () => {
    const owners = lines('policy a', '  title "A"', 'role r', 'role r2', 'role r3', 'event e', 'deadline d', '  owner r r2 r3', '  due 3 days after e');
    expect(shown(owners)).toEqual(['pdl/syntax-error 8:11-8:13 expected the end of the line, found `r2` | an `owner` line reads like `owner social_worker`']);
    // Cut short at its end, the clause keeps what was read.
    expect(printed(owners)?.split('\n').slice(9)).toEqual(['deadline d', '  owner r', '  due 3 days after e', '']);
    // `x y z` is what is left of line 3; the indented line under the role (read whole) is a line of its own.
    expect(shown(lines('policy a', '  title "A"', 'role r "R" x y z', '  frob x'))).toEqual([
      'pdl/syntax-error 3:12-3:13 expected the end of the line, found `x`',
      `pdl/syntax-error 4:3-4:7 \`frob\` does not start a declaration | ${TOP_LEVEL_LIST}`,
    ]);
  });

  it('indented under a declaration that could not be read, or that the parser recovered in: part of it, not reported', () => {
    // The fact is unreadable (its date is impossible), not a syntax error; the event lost its attribute to one.
    expect(shown(lines('policy a', '  title "A"', 'event e', 'fact f: date set by e to 2025-02-30', '  frob x'))).toEqual([
      'pdl/invalid-date 4:26-4:36 `2025-02-30` is not a real calendar date | write dates as YYYY-MM-DD, e.g. 2025-04-14',
    ]);
    const text = lines('policy a', '  title "A"', 'event e { a: wibble }', '  frob x', 'fact f: wibble', '  frob y', 'role r');
    expect(shown(text)).toEqual([
      'pdl/syntax-error 3:14-3:20 expected `date`, `boolean`, `number`, `text`, `role` or `enum`, found `wibble`',
      'pdl/syntax-error 5:9-5:15 expected `date`, `boolean`, `number`, `text`, `role` or `enum`, found `wibble`',
    ]);
    expect(printed(text)).toBe(lines('policy a', '  title "A"', '', 'event e', '', 'role r'));
  });
});

describe('clauses the parser recovered in', () => {
  it('a condition cut short (`when b.for` of `when b.for equals x`) is left out, so nothing is reported about what was never written', () => {
    const text = lines('policy a', '  title "A"', 'role r', 'event b { for: date }', 'event e', 'deadline d', '  owner r', '  due 3 days after e', '  when b.for equals x', '  met by e', '  cite "1"');
    expect(shown(text)).toEqual([
      'pdl/syntax-error 9:14-9:20 expected the end of the line, found `equals` | a condition compares with `is`, `is not`, `in (...)`, `not in (...)`, `=`, `!=`, `<`, `<=`, `>`, `>=`, or is a yes/no fact alone; join conditions with `and`, `or`, `not`',
    ]);
    expect(printed(text)?.split('\n').slice(8)).toEqual(['deadline d', '  owner r', '  due 3 days after e', '  met by e', '  cite "1"', '']);
  });

  it('a clause re-synchronised after its first word (`any x y`) is left out, so no check reports it (not "given more than once")', () => {
    const text = lines('policy a', '  title "A"', 'fact f: boolean', 'criteria c "C"', '  any of', '    "a": f', '  any x y');
    expect(shown(text)).toEqual(['pdl/syntax-error 7:7-7:8 expected `of`, found `x` | an `any` line reads like `any of`']);
    expect(printed(text)).toBe(lines('policy a', '  title "A"', '', 'fact f: boolean', '', 'criteria c "C"', '  any of', '    "a": f'));
  });
});

describe('declarations', () => {
  it('every part of a calendar, role, event and fact declaration is kept; a change with an impossible date is left out', () => {
    // Each group as printed (in canonical layout already); the source adds a change on an impossible date.
    const calendar = ['calendar england-and-wales', '  closed 2025-12-24 "Christmas Eve"', '  open 2025-12-25'];
    const roles = ['role s', 'role r "R" reports to s'];
    const events = ['event e "E" { kind: enum(x, y), on?: date, n: number, t: text, b: boolean, who: role } supersedes earlier', 'event e2'];
    const facts = [
      'fact f? "F": enum(x, y) set by e.kind or e2 to x',
      'fact g: boolean set by e2 to true or e to false',
      'fact h: number set by e2 to 3',
      'fact i: text set by e2 to "q\\"x"',
      'fact j: date set by e2 to 2025-01-02 or e.on',
      'fact k: role set by e.who',
    ];
    const text = lines('policy a', '  title "A"', ...calendar, '  closed 2025-02-30 "Never"', ...roles, ...events, ...facts);
    expect(shown(text)).toEqual(['pdl/invalid-date 6:10-6:20 `2025-02-30` is not a real calendar date | write dates as YYYY-MM-DD, e.g. 2025-04-14']);
    expect(printed(text)).toBe(lines('policy a', '  title "A"', '', ...calendar, '', ...roles, '', ...events, '', ...facts));
  });

  it('a declaration that lost a part to a syntax error is left out (or keeps what was read), and the declarations below it are read', () => {
    const cases: [string, string, string | undefined][] = [
      ['fact f', 'pdl/syntax-error 4:7-4:8 expected `:`, found the end of the line', undefined],
      ['fact f: enum()', 'pdl/syntax-error 4:14-4:15 expected a name, found `)`', undefined],
      ['fact f: enum(a, )', 'pdl/syntax-error 4:17-4:18 expected a name, found `)`', 'fact f: enum(a)'],
      ['fact f: date set by', 'pdl/syntax-error 4:20-4:21 expected a name, found the end of the line', undefined],
      ['fact f: date set by e.', 'pdl/syntax-error 4:23-4:24 expected a name, found the end of the line', undefined],
      ['fact f: date set by e to', 'pdl/syntax-error 4:25-4:26 expected `true`, `false`, a number, a quoted text, a date (YYYY-MM-DD) or a name, found the end of the line', undefined],
    ];
    for (const [line, diagnostic, kept] of cases) {
      const text = lines('policy a', '  title "A"', 'event e { a: date }', line, 'role s');
      expect(shown(text), line).toEqual([diagnostic]);
      expect(printed(text), line).toBe(lines('policy a', '  title "A"', '', 'event e { a: date }', '', ...(kept === undefined ? [] : [kept, '']), 'role s'));
    }
    // An attribute without its type: the event is kept without it.
    const attribute = lines('policy a', '  title "A"', 'event e { a }', 'role s');
    expect(shown(attribute)).toEqual(['pdl/syntax-error 3:13-3:14 expected `:`, found `}`']);
    expect(printed(attribute)).toBe(lines('policy a', '  title "A"', '', 'event e', '', 'role s'));
  });

  it('a rule with no clauses is read whole, so each clause it lacks is reported', () => {
    expect(shown(lines('policy a', '  title "A"', 'role r', 'deadline d'))).toEqual([
      'pdl/missing-clause 4:1-4:11 deadline `d` has no `cite` clause | add a line such as `cite "paragraph 3.2"`',
      'pdl/missing-clause 4:1-4:11 deadline `d` has no `due` clause | add a line such as `due within 20 working days of became_looked_after`',
      'pdl/missing-clause 4:1-4:11 deadline `d` has no `met by` clause | add a line such as `met by review_held`',
      'pdl/unowned-obligation 4:1-4:11 deadline `d` names no owner, so nobody is responsible for it | add `owner ROLE` if the document says who must do it; otherwise this records a gap in the document (the obligation is reported with owner `unassigned`)',
    ]);
  });

  it('a rule\'s head, from `override` (or its kind) to its title (or name), is where a missing clause is reported', () => {
    const missing = (head: string, at: string): string[] => [
      `pdl/missing-clause ${at} deadline \`d\` has no \`cite\` clause | add a line such as \`cite "paragraph 3.2"\``,
      `pdl/missing-clause ${at} deadline \`d\` has no \`met by\` clause | add a line such as \`met by review_held\``,
      `pdl/unowned-obligation ${at} deadline \`d\` names no owner, so nobody is responsible for it | add \`owner ROLE\` if the document says who must do it; otherwise this records a gap in the document (the obligation is reported with owner \`unassigned\`)`,
      ...(head.startsWith('override') ? ['pdl/override-of-nothing 5:19-5:20 `override` of `d`, but no extended policy declares a rule of that name | this policy extends nothing: remove `override`, or add `extends` to the `policy` line'] : []),
    ];
    for (const [head, at] of [['override deadline d "D"', '5:1-5:24'], ['deadline d "Due"', '5:1-5:17'], ['deadline d', '5:1-5:11']] as const) {
      expect(shown(lines('policy a', '  title "A"', 'role r', 'event e', head, '  due 3 days after e')), head).toEqual(missing(head, at));
    }
  });
});

describe('numbers, times and durations', () => {
  /** The diagnostics and the printed due line of a deadline whose `due` line is `due`. */
  function due(line: string): { diagnostics: string[]; printed: string | undefined } {
    const text = lines('policy a', '  title "A"', 'role r', 'event e', 'deadline d', '  owner r', `  ${line}`, '  met by e', '  cite "1"');
    return { diagnostics: shown(text), printed: printed(text)?.split('\n')[9] };
  }

  it('a time of day: kept in two-digit hours; past 23:59 reported and left out', () => {
    expect(due('due by 7:05 3 days after e')).toEqual({ diagnostics: [], printed: '  due by 07:05 3 days after e' });
    const help = 'write times on the 24-hour clock, from 00:00 to 23:59';
    expect(due('due by 24:00 3 days after e')).toEqual({ diagnostics: [`pdl/invalid-time 7:10-7:15 \`24:00\` is not a time of day | ${help}`], printed: '  due 3 days after e' });
    expect(due('due by 7:60 3 days after e')).toEqual({ diagnostics: [`pdl/invalid-time 7:10-7:14 \`7:60\` is not a time of day | ${help}`], printed: '  due 3 days after e' });
    expect(due('due by 23:59 3 days after e')).toEqual({ diagnostics: [], printed: '  due by 23:59 3 days after e' });
  });

  it('a due date aligned on or after a weekday, and a window closing before it, are kept as written', () => {
    expect(due('due on the monday on or after 3 days after e')).toEqual({ diagnostics: [], printed: '  due on the monday on or after 3 days after e' });
    const aligned = lines('policy a', '  title "A"', 'role r', 'event e', 'deadline d', '  owner r', '  due on the monday on or after 3 days after e', '  met by e', '  cite "1"');
    expect(JSON.stringify(compileToIr(aligned, { uri: 'main.pdl' }).ir)).toContain('"align":{"weekday":1,"direction":"on_or_after"}');
    expect(due('due between 3 days before and 1 day before 10 days after e')).toEqual({ diagnostics: [], printed: '  due between 3 days before and 1 day before 10 days after e' });
  });

  it('a step or a stage whose condition names an impossible date is left out, the date reported once', () => {
    const text = lines('policy a', '  title "A"', 'role r', 'event e', 'fact x: date', 'cycle c "C"', '  owner r', '  runs from e', '  first within 3 days of e', '  second within 5 days of e when x > 2025-02-30', '  met by e', '  cite "1"');
    expect(shown(text)).toEqual(['pdl/invalid-date 10:38-10:48 `2025-02-30` is not a real calendar date | write dates as YYYY-MM-DD, e.g. 2025-04-14']);
    expect(printed(text)?.split('\n').slice(9)).toEqual(['cycle c "C"', '  owner r', '  runs from e', '  first within 3 days of e', '  met by e', '  cite "1"', '']);
    const ladder = lines('policy a', '  title "A"', 'role r', 'fact x: date', 'ladder l "L"', '  raised by r', '  stage 1 alert r respond within 5 days when x > 2025-02-30');
    expect(shown(ladder).filter((d) => !d.startsWith('pdl/unknown-event'))).toEqual(['pdl/invalid-date 7:50-7:60 `2025-02-30` is not a real calendar date | write dates as YYYY-MM-DD, e.g. 2025-04-14']);
    expect(printed(ladder)?.split('\n').slice(7)).toEqual(['ladder l "L"', '  raised by r', '']);
  });

  it('a duration that is not whole, too long, without a unit or with words that are not one: reported once, kept without its unit', () => {
    const cases: [string, string, string][] = [
      ['due 3.5 days after e', 'pdl/invalid-duration 7:7-7:10 `3.5` is not a whole number | durations are whole numbers of working days, days, weeks, months or years', '  due 3.5 after e'],
      ['due 200 years after e', 'pdl/duration-too-long 7:7-7:16 `200 years` is longer than 100 years | no practice direction counts that far; durations are at most 100 years (36,525 days)', '  due 200 after e'],
      [
        'due 3 working weeks after e',
        'pdl/invalid-duration 7:9-7:22 `working weeks` is not a unit | the units are `working days`, `days` (or `calendar days`), `weeks`, `months` (or `calendar months`) and `years`',
        '  due 3 after e',
      ],
      ['due 3 after e', 'pdl/duration-without-unit 7:7-7:8 `3` has no unit | say which: `3 working days`, `3 days` (calendar days), `3 weeks` or `3 months`', '  due 3 after e'],
    ];
    for (const [line, diagnostic, kept] of cases) expect(due(line), line).toEqual({ diagnostics: [diagnostic], printed: kept });
  });

  it('a stage number or a limit that is not whole or is over the limit: reported at the number, the clause left out', () => {
    const ladder = lines('policy a', '  title "A"', 'role r', 'ladder l "L"', '  raised by r', '  stage 1.5 alert r respond within 5 days', '  stage 100000000 alert r respond within 5 days');
    expect(shown(ladder).filter((d) => !d.startsWith('pdl/unknown-event'))).toEqual([
      'pdl/invalid-duration 6:9-6:12 `1.5` is not a whole number | stages are numbered 0, 1, 2...',
      'pdl/number-too-large 7:9-7:18 stage `100000000` is over 1,000,000 | stages are numbered 0, 1, 2...',
    ]);
    expect(printed(ladder)?.split('\n').slice(5)).toEqual(['ladder l "L"', '  raised by r', '']);
    // The limit itself is allowed.
    const highest = lines('policy a', '  title "A"', 'role r', 'ladder l "L"', '  raised by r', '  stage 1000000 alert r respond within 5 days');
    expect(printed(highest)?.split('\n').slice(5)).toEqual(['ladder l "L"', '  raised by r', '  stage 1000000 alert r respond within 5 days', '']);
    const limit = lines('policy a', '  title "A"', 'role r', 'event e', 'cycle c "C"', '  owner r', '  runs from e', '  first within 3 days of e', '  met by e', '  cite "1"', 'limit l "L"', '  at most 2.5 e per c', '  at most 100000000 e per c', '  cite "2"');
    expect(shown(limit)).toEqual([
      'pdl/invalid-duration 12:11-12:14 `2.5` is not a whole number | a limit counts whole events',
      'pdl/number-too-large 13:11-13:20 `at most 100000000` is over 1,000,000 | a case holds at most 10,000 events (docs/limits.md)',
    ]);
    expect(shown(limit.replace('  at most 2.5 e per c\n  at most 100000000 e per c', '  at most 1000000 e per c'))).toEqual([]);
  });

  it('`weeks since the last` and an owner list with both `and` and `or`: one message each', () => {
    expect(due('due 3 days after e').diagnostics).toEqual([]);
    const text = lines('policy a', '  title "A"', 'role r', 'role s', 'role t', 'event e', 'deadline d', '  owner r and s or t', '  due 3 days after e', '  when weeks since the last e > 3', '  met by e', '  cite "1"');
    expect(shown(text)).toEqual([
      'pdl/syntax-error 8:17-8:19 an owner list says `and` (they own it together) or `or` (any of them may do it), not both | write `owner a and b` or `owner a or b`',
      'pdl/syntax-error 10:8-10:13 `weeks since the last ...` is not a measure PDL knows | write `days since the last EVENT` (calendar days), and compare it with a number of days: `days since the last visit_made > 42`',
    ]);
  });
});

describe('conditions, operands and the clauses built from them', () => {
  /** Declarations shared by the policies below (printed in canonical layout already). */
  const DECLARATIONS = [
    'policy a',
    '  title "A"',
    '',
    'role r',
    'role s',
    'role t',
    '',
    'fact f: boolean',
    'fact g: number',
    'fact k: enum(x, y, z)',
    'fact w: date',
    '',
    'event e { n: number, kind: enum(x, y, z), on: date, ok: boolean }',
    'event b',
    'event escalation_raised { ladder: text, stage: number }',
    'event escalation_response { ladder: text, stage: number, satisfactory: boolean }',
    'event escalation_resolved { ladder: text }',
    '',
    'cycle c "C"',
    '  owner r',
    '  runs from e',
    '  first within 3 days of e',
    '  met by b',
    '  cite "1"',
  ];
  const deadline = (name: string, owner: string, clause: string): string[] => ['', `deadline ${name}`, `  owner ${owner}`, '  due 3 days after e', clause, '  met by e', '  cite "1"'];

  it('every form of condition and operand, the owner lists, and the words of ladders, criteria and duty bounds are kept as written', () => {
    const rules = [
      ...deadline('d1', 'r, s and t', '  when (f = true or g != 3) and not (g <= 2 or g >= 9) and g < 5 and g > 1'),
      ...deadline('d2', 'r and s', '  when age under 16 and age 3 or over and age = 4 and age != 5 and age <= 6 and age >= 1 and age < 9 and age > 0'),
      ...deadline('d3', 'r or s', '  when k not in (x) and k in (y, z) and k is y and k is not z and (f is false or f)'),
      ...deadline('d4', 'r', '  when count(e where e.n > 2) > 1 and count(b) < 3 and w < 3 days before today and w > 2 weeks after child.dob and days since the last b > 4'),
      '',
      'deadline d5',
      '  owner r',
      '  due 3 days after e',
      '  met by e where e.kind is not z and e.ok = false',
      '  cite "1"',
      '',
      'limit l "L"',
      '  at most 2 e where e.n > 1 per c',
      '  cite "2"',
      ...['', 'ladder l1 "L1"', '  raised by r', '  stages may be conflated or bypassed', '  advance when unsatisfactory', '  stage 1 alert s respond within 5 days', '  cite "4"'],
      ...['', 'ladder l2 "L2"', '  raised by r', '  stages may be bypassed', '  advance when late', '  stage 1 alert s respond within 5 days', '  cite "4"'],
      ...['', 'criteria c1 "C1"', '  all of', '    "a": f', '    "b": g > 2', '  cite "5"'],
      ...['', 'criteria c2 "C2"', '  none of', '    "a": f', '  cite "5"'],
      ...['', 'duty u1 "U1"', '  owner r', '  after e', '  before 5 weeks before e.on', '  met by b', '  cite "3"'],
      ...['', 'duty u2 "U2"', '  owner r', '  after e', '  before 18 years after child.dob', '  met by b', '  cite "3"'],
      ...['', 'duty u3 "U3"', '  owner r', '  after e', '  before e.on', '  met by b', '  cite "3"'],
    ];
    const text = lines(...DECLARATIONS, ...rules);
    // An owner list joined by commas alone is printed with `and`; one with both words is read as `and`.
    const source = text.replace('owner r, s and t', 'owner r and s or t').replace('owner r and s\n', 'owner r, s\n');
    expect(shown(source)).toEqual([
      'pdl/syntax-error 27:17-27:19 an owner list says `and` (they own it together) or `or` (any of them may do it), not both | write `owner a and b` or `owner a or b`',
    ]);
    expect(printed(source)).toBe(text);
  });

  it('a duty bounded, or a deadline measured, by `child` without its attribute: `child` alone is reported as no date, and the clause left out', () => {
    const duty = (name: string, bound: string): string[] => ['', `duty ${name} "U"`, '  owner r', '  after e', bound, '  met by b', '  cite "3"'];
    const deadline = ['', 'deadline d9 "D"', '  owner r', '  due 3 days after child', '  met by b', '  cite "3"'];
    const source = lines(...DECLARATIONS, ...duty('u1', '  before child'), ...duty('u2', '  before 18 years after child'), ...deadline);
    const help = "write `child.dob`, the child's date of birth (`due 16 years after child.dob`)";
    expect(shown(source)).toEqual([
      `pdl/invalid-anchor 29:10-29:15 \`child\` alone is not a date | ${help}`,
      `pdl/invalid-anchor 36:25-36:30 \`child\` alone is not a date | ${help}`,
      `pdl/invalid-anchor 42:20-42:25 \`child\` alone is not a date | ${help}`,
    ]);
    expect(printed(source)).toBe(source.replace('  before child\n', '').replace('  before 18 years after child\n', '').replace('  due 3 days after child\n', ''));
  });

  it('a condition with an impossible date anywhere in it (either side, a list, an offset\'s base, a count) leaves its clause out, the date reported once', () => {
    const conditions = ['f or w < 2025-02-30', 'f and w < 2025-02-30', 'w in (2025-01-01, 2025-02-30)', '2025-02-30 < w', 'w < 3 days after 2025-02-30', 'count(e where e.on < 2025-02-30) > 1'];
    const source = lines(
      ...DECLARATIONS,
      ...conditions.flatMap((condition, i) => deadline(`d${i + 1}`, 'r', `  when ${condition}`)),
      ...deadline('d7', 'r', '  met by e where e.on < 2025-02-30'),
      ...['', 'limit l "L"', '  at most 2 e where e.on < 2025-02-30 per c', '  cite "2"'],
      ...['', 'criteria q "Q"', '  all of', '    "a": f', '    "b": w < 2025-02-30', '  cite "3"'],
    );
    const sourceLines = source.split('\n');
    const reported = sourceLines.flatMap((line, i) => {
      const column = line.indexOf('2025-02-30') + 1;
      return column === 0 ? [] : [`pdl/invalid-date ${i + 1}:${column}-${i + 1}:${column + 10} \`2025-02-30\` is not a real calendar date | write dates as YYYY-MM-DD, e.g. 2025-04-14`];
    });
    expect(reported).toHaveLength(9);
    expect(shown(source)).toEqual(reported);
    expect(printed(source)).toBe(sourceLines.filter((line) => !line.includes('2025-02-30')).join('\n'));
  });
});
