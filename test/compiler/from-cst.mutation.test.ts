/**
 * The AST builder (compiler/ast/from-cst.ts), for mutation testing: what a policy lead sees of the
 * tree built from a parse that recovered from mistakes (the lines reported once, with their place,
 * message and help; what is left out of the AST and what is kept), the header's fields, strings with
 * escapes, and the "did you mean" help of a line that starts nothing. The other suites reach these
 * paths with few mistakes, and compare diagnostics by code or line only.
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
    expect(shown(lines('policy a', '  title "A"', 'role r', 'role r2', 'role r3', 'event e', 'deadline d', '  owner r r2 r3', '  due 3 days after e'))).toEqual([
      'pdl/syntax-error 8:11-8:13 expected the end of the line, found `r2` | an `owner` line reads like `owner social_worker`',
    ]);
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
  it('a clause re-synchronised after its first word (`any x y`) is left out, so no check reports it (not "given more than once")', () => {
    const text = lines('policy a', '  title "A"', 'fact f: boolean', 'criteria c "C"', '  any of', '    "a": f', '  any x y');
    expect(shown(text)).toEqual(['pdl/syntax-error 7:7-7:8 expected `of`, found `x` | an `any` line reads like `any of`']);
    expect(printed(text)).toBe(lines('policy a', '  title "A"', '', 'fact f: boolean', '', 'criteria c "C"', '  any of', '    "a": f'));
  });
});
