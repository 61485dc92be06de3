/**
 * One mistake, one message: a typo gives one diagnostic at the changed text, with help a policy lead
 * can act on, and no echo (the parser's error and a stray line for the same text; clauses of a
 * misspelled rule counted twice in the rule above; half a clause checked as if it were whole).
 *
 * Input: small policies written here, and single-character typos in policies/bristol.pdl (each
 * compiled in full with its parent: the file takes a few seconds on a loaded machine). Output:
 * exact diagnostic counts, codes, lines and help.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileToIr, type CompilerHost, type ParentCache } from '../../compiler/pipeline.ts';
import type { Diagnostic } from '../../compiler/diagnostics/types.ts';

const read = (path: string): string => readFileSync(fileURLToPath(new URL(`../../${path}`, import.meta.url)), 'utf8');
const bristol = read('policies/bristol.pdl');
const statutory = read('policies/england/statutory-reviews.pdl');
const host: CompilerHost = {
  findPolicy: (id) => (id === 'england.statutory_reviews' ? { uri: 'statutory-reviews.pdl', text: statutory } : undefined),
};

const VOCABULARY = ['role iro "IRO"', 'role sw  "Social worker"', '', 'event a', 'event b { for: date }', 'fact disabled: boolean', ''];

/** A policy of the vocabulary above and `rule`; the rule starts on line 11. */
function policy(...rule: string[]): string {
  return ['policy t.one_mistake', '  title "One mistake"', '', ...VOCABULARY, ...rule, ''].join('\n');
}

function check(text: string): Diagnostic[] {
  return compileToIr(text, { uri: 'p.pdl', host }).diagnostics;
}

/** Replaces `from` by `to` on line `line` (1-based) of `text`. */
function typo(text: string, line: number, from: string, to: string): string {
  const lines = text.split('\n');
  const at = lines[line - 1];
  if (at === undefined || !at.includes(from)) throw new Error(`line ${line} does not contain ${from}`);
  lines[line - 1] = at.replace(from, to);
  return lines.join('\n');
}

describe('a misspelled declaration word', () => {
  it('bristol.pdl compiles as it is (the base of the typos below)', () => {
    expect(check(bristol)).toEqual([]);
  });

  it('`dedline` at the start of a rule: one error at that word, suggesting `deadline`; no duplicate clauses in the rule above', () => {
    const line = bristol.split('\n').findIndex((l) => l.startsWith('deadline review_rearranged_by_iro')) + 1;
    expect(line).toBeGreaterThan(1);
    const found = check(typo(bristol, line, 'deadline', 'dedline'));
    expect(found.map((d) => [d.code, d.range.startLine, d.range.startColumn, d.range.endColumn])).toEqual([['pdl/syntax-error', line, 1, 8]]);
    expect(found[0]?.message).toBe('`dedline` does not start a declaration');
    expect(found[0]?.help).toBe('did you mean `deadline`?');
  });

  it('a misspelled first rule (no rule above): one error, the indented lines under it not reported', () => {
    const found = check(policy('cycel c', '  owner iro', '  runs from a', '  first within 1 day of a', '  met by b', '  cite "1"'));
    expect(found.map((d) => [d.code, d.range.startLine, d.help])).toEqual([['pdl/syntax-error', 11, 'did you mean `cycle`?']]);
  });

  it('two misspelled declarations in a row are two errors (each line in the first column)', () => {
    const found = check(policy('rle x "X"', 'evnt c', 'deadline d', '  owner iro', '  due within 1 day of a', '  met by b', '  cite "1"'));
    expect(found.map((d) => [d.range.startLine, d.help])).toEqual([
      [11, 'did you mean `role`?'],
      [12, 'did you mean `event`?'],
    ]);
  });

  it('in a rule written without indentation, a misspelled clause word in the first column stays that rule\'s line', () => {
    const found = check(policy('deadline d', 'ownr iro', 'due within 1 day of a', 'met by b', 'cite "1"'));
    expect(found.map((d) => [d.range.startLine, d.message, d.help])).toEqual([[12, '`ownr` does not start a clause of a deadline', 'did you mean `owner`?']]);
  });

  it('a misspelled header field: one error suggesting the field, the header lines under it not reported', () => {
    const found = check(['policy t.header', '  titel   "Header"', '  source  "A document"', '', 'role iro "IRO"', ''].join('\n'));
    expect(found.map((d) => [d.range.startLine, d.message, d.help])).toEqual([[2, '`titel` does not start a header line or a declaration', 'did you mean `title`?']]);
  });

  it('a rule kind without a name: one error saying so, its clauses not reported', () => {
    const found = check(policy('deadline', '  owner iro', '  due within 1 day of a', '  met by b', '  cite "1"'));
    expect(found.map((d) => [d.code, d.range.startLine, d.message])).toEqual([['pdl/syntax-error', 11, '`deadline` is not followed by a name']]);
    expect(found[0]?.help).toContain('deadline NAME "Title"');
  });

  it('a cycle whose `runs`, `restarts` or `met by` line lost its condition: one error, not a second about the steps measured from its events', () => {
    const cycle = (runs: string, restarts: string, first: string, metBy: string): string[] => [
      'cycle c "C"',
      '  owner iro',
      `  runs from a until ${runs}`,
      ...(restarts === '' ? [] : [`  restarts on ${restarts}`]),
      `  first within 5 days of ${first} cite "1"`,
      '  then within 5 days of the previous b cite "1"',
      `  met by ${metBy}`,
      '  cite "x"',
    ];
    for (const [lines, line] of [
      [cycle('b where', '', 'a', 'b'), 13],
      [cycle('b', 'b where', 'b', 'b'), 14],
      [cycle('b', '', 'a', 'b where'), 16],
    ] as const) {
      const found = check(policy(...lines));
      expect(found.map((d) => [d.code, d.range.startLine]), lines.join('\n')).toEqual([['pdl/syntax-error', line]]);
    }
    // Whole, the same steps are checked: measured from an event that does not start the runs, or
    // from the previous event that does not meet the cycle, each is reported.
    expect(check(policy(...cycle('b', '', 'b', 'b'))).map((d) => [d.code, d.range.startLine])).toEqual([['pdl/invalid-anchor', 14]]);
    expect(check(policy(...cycle('b', '', 'a', 'a'))).map((d) => [d.code, d.range.startLine])).toEqual([['pdl/invalid-anchor', 15]]);
  });

  it('a declaration named with a word of the language: one error on that word, saying so, and the declarations below it are still read', () => {
    const below = ['deadline d', '  owner nobody', '  due within 1 day of a', '  met by b', '  cite "1"'];
    for (const [line, word, kind, column] of [['deadline later "Later"', 'later', 'deadline', 10], ['role when "When"', 'when', 'role', 6], ['override duty owner', 'owner', 'duty', 15], ['event owner', 'owner', 'event', 7]] as const) {
      const found = check(policy(line, '  cite "x"', ...below));
      expect(found.map((d) => [d.range.startLine, d.range.startColumn, d.message]), line).toEqual([
        [11, column, `\`${word}\` is a word of the language, so it cannot name ${kind === 'event' ? 'an' : 'a'} ${kind}`],
        [14, 9, 'unknown role `nobody`'],
      ]);
      expect(found[0]?.help, line).toContain(`choose another name, such as \`${word}_${kind}\``);
    }
  });

  it('`override` not followed by a kind of rule: one error saying so, and the declarations below it are still read', () => {
    for (const line of ['override', 'override foo "Foo"']) {
      const found = check(policy(line, 'deadline d', '  owner nobody', '  due within 1 day of a', '  met by b', '  cite "1"'));
      expect(found.map((d) => [d.range.startLine, d.range.startColumn, d.message]), line).toEqual([
        [11, 1, '`override` is not followed by a kind of rule'],
        [13, 9, 'unknown role `nobody`'],
      ]);
    }
  });

  it('a second `policy` line: one error saying a file holds one policy, its header lines not reported, and the declarations below it read', () => {
    const found = check(policy('policy t.other', '  title "Other"', '', 'deadline d', '  owner nobody', '  due within 1 day of a', '  met by b', '  cite "1"'));
    expect(found.map((d) => [d.code, d.range.startLine, d.range.startColumn, d.message, d.help])).toEqual([
      ['pdl/syntax-error', 11, 1, 'a file holds one policy: `policy` is its first line only', 'put the second policy in a file of its own'],
      ['pdl/unknown-role', 15, 9, 'unknown role `nobody`', expect.any(String)],
    ]);
  });

  it('a second `policy` line indented under the header, or inside a rule: the same one error (a rule ends at it)', () => {
    const under = check(['policy t.indented', '  title "Indented"', '  policy t.other', '', 'role iro "IRO"', ''].join('\n'));
    expect(under.map((d) => [d.code, d.range.startLine, d.range.startColumn, d.message])).toEqual([['pdl/syntax-error', 3, 3, 'a file holds one policy: `policy` is its first line only']]);
    // In a rule, the line is not one of its clauses: the rule ends there (its `cite` below is the second policy's).
    const inRule = check(policy('deadline d', '  owner iro', '  due within 1 day of a', '  met by b', '  policy t.other', '  cite "1"'));
    expect(inRule.map((d) => [d.code, d.range.startLine, d.message])).toEqual([
      ['pdl/missing-clause', 11, 'deadline `d` has no `cite` clause'],
      ['pdl/syntax-error', 15, 'a file holds one policy: `policy` is its first line only'],
    ]);
  });

  it('a declaration word with no name, indented under the header: the same one error, not a header-line suggestion', () => {
    const found = check(['policy t.indented', '  title "Indented"', '  role', '', 'role iro "IRO"', ''].join('\n'));
    expect(found.map((d) => [d.code, d.range.startLine, d.range.startColumn, d.message])).toEqual([['pdl/syntax-error', 3, 3, '`role` is not followed by a name']]);
  });

  it('a declaration without a name: one error on its word, and the declarations below it are still read', () => {
    const below = ['deadline d', '  owner nobody', '  due within 1 day of a', '  met by b', '  cite "1"'];
    for (const [line, word, column] of [['role', 'role', 1], ['event "An event"', 'event', 1], ['fact: boolean', 'fact', 1], ['override duty', 'duty', 10]] as const) {
      const found = check(policy(line, ...below));
      expect(
        found.map((d) => [d.code, d.range.startLine, d.range.startColumn, d.range.endColumn, d.message]),
        line,
      ).toEqual([
        ['pdl/syntax-error', 11, column, column + word.length, `\`${word}\` is not followed by a name`],
        // the rule below was read and checked: its unknown owner is reported
        ['pdl/unknown-role', 13, 9, 15, 'unknown role `nobody`'],
      ]);
    }
  });
});

describe('every syntax error is reported once', () => {
  const deadline = (line: string, at = 2): string[] => {
    const lines = ['deadline d', '  owner iro', '  due within 1 day of a', '  met by b', '  cite "1"'];
    lines.splice(at, 0, line);
    return lines;
  };
  const cases: { name: string; rule: string[]; code: string; line: number; message: string; help?: RegExp }[] = [
    {
      name: '`when age over 16`: at `over`, with the age phrasings (no "did you mean `owner`")',
      rule: deadline('  when age over 16', 3),
      code: 'pdl/syntax-error',
      line: 14,
      message: 'expected `under`, a number, `=`, `!=`, `<=`, `>=`, `<` or `>`, found `over`',
      help: /`age 16 or over`.*`age > 16`/,
    },
    {
      name: '`due by the 16th birthday`: points to `16 years after child.dob`',
      rule: ['deadline d', '  owner iro', '  due by the 16th birthday', '  met by b', '  cite "1"'],
      code: 'pdl/syntax-error',
      line: 13,
      message: '`by` here is followed by a time of day (`by 17:00`), found `the`',
      help: /`due 16 years after child\.dob`/,
    },
    {
      name: '`runs from X where`: `runs from` takes event names only (`where` may follow `until` and `restarts on`)',
      rule: ['cycle c', '  owner iro', '  runs from a where disabled until b', '  first within 1 day of a', '  met by b', '  cite "1"'],
      code: 'pdl/syntax-error',
      line: 13,
      message: '`runs from` takes event names only, found `where`',
      help: /^list the events that start a run \(`runs from /,
    },
    {
      name: 'a cycle step from two anchors: its own code (a deadline may name several)',
      rule: ['cycle c', '  owner iro', '  runs from a', '  first within 1 day of a or b', '  met by b', '  cite "1"'],
      code: 'pdl/one-anchor',
      line: 14,
      message: 'this due date is measured from one anchor, found `or` after `a`',
    },
    {
      name: '`owner` without a role: the parser says what is missing, with an example',
      rule: ['deadline d', '  owner', '  due within 1 day of a', '  met by b', '  cite "1"'],
      code: 'pdl/syntax-error',
      line: 12,
      message: 'expected a name, found the end of the line',
      help: /^an `owner` line reads like `owner social_worker`$/,
    },
    {
      name: 'a word that is no operator: the operators as help, and half the condition not checked',
      rule: deadline('  when b.for equals 2020-01-01', 3),
      code: 'pdl/syntax-error',
      line: 14,
      message: 'expected the end of the line, found `equals`',
      help: /`is`, `is not`, `in \(\.\.\.\)`/,
    },
    {
      name: '`met bu b`: one error at `bu`, nothing about an event `bu`',
      rule: ['deadline d', '  owner iro', '  due within 1 day of a', '  met bu b', '  cite "1"'],
      code: 'pdl/syntax-error',
      line: 14,
      message: 'expected `by`, found `bu`',
    },
    {
      name: 'a due date with a word missing: the due-date forms as help',
      rule: ['deadline d', '  owner iro', '  due within 1 day a', '  met by b', '  cite "1"'],
      code: 'pdl/syntax-error',
      line: 13,
      message: 'expected `of` or `after`, found `a`',
      help: /^a due date reads `within 20 working days of EVENT`/,
    },
    {
      name: 'a word left over at the end of a line',
      rule: ['deadline d', '  owner iro iro', '  due within 1 day of a', '  met by b', '  cite "1"'],
      code: 'pdl/syntax-error',
      line: 12,
      message: 'expected the end of the line, found `iro`',
    },
    {
      name: 'a misspelled clause word at the start of a line: did you mean, from the kind\'s clauses',
      rule: ['deadline d', '  owner iro', '  deu within 1 day of a', '  met by b', '  cite "1"'],
      code: 'pdl/syntax-error',
      line: 13,
      message: '`deu` does not start a clause of a deadline',
      help: /^did you mean `due`\?$/,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const found = check(policy(...c.rule));
      expect(found.map((d) => [d.code, d.range.startLine, d.message])).toEqual([[c.code, c.line, c.message]]);
      if (c.help !== undefined) expect(found[0]?.help).toMatch(c.help);
    });
  }
});

describe('a bracket left open', () => {
  it('an event record without its `}`: one error at the end of that line, the declarations after it read', () => {
    const text = ['policy t.brackets', '  title "Brackets"', 'role iro "IRO"', 'event a { for: date', 'event b', 'deadline d', '  owner iro', '  due within 1 day of a', '  met by b', '  cite "1"', ''].join('\n');
    const found = check(text);
    expect(found.map((d) => [d.code, d.range.startLine])).toEqual([['pdl/syntax-error', 4]]);
  });

  it('a wrapped event record still reads across lines, its `}` in the first column', () => {
    const text = ['policy t.brackets', '  title "Brackets"', 'role iro "IRO"', 'event a {', '  for: date,', '  by: role', '}', 'event b', ''].join('\n');
    expect(check(text)).toEqual([]);
    // Indentation inside brackets is the reader's: attributes in the first column (one named like a keyword) read too.
    const flush = ['policy t.brackets', '  title "Brackets"', 'role iro "IRO"', 'event a {', 'for: date,', 'role: role', '}', 'event b', ''].join('\n');
    expect(check(flush)).toEqual([]);
  });

  it('a condition without its `)`: one error, at the first line that cannot continue it', () => {
    const line = bristol.split('\n').findIndex((l) => l.includes('postponement_communicated.to in (social_worker, team_manager)')) + 1;
    const found = check(typo(bristol, line, 'team_manager)', 'team_manager'));
    expect(found).toHaveLength(1);
    expect(found[0]?.range.startLine).toBe(line + 1);
    expect(found[0]?.message).toBe('expected `)`, found `cite`');
  });
});

describe('single-character typos in policies/bristol.pdl', () => {
  // [line, text, typo, diagnostics expected in all]: one on the changed line; a second only where the
  // typo removes a declaration that a later line uses, or the anchor a later `when` reads.
  const typos: [number, string, string, number][] = [
    [58, 'role practice_lead', 'rle practice_lead', 5], // and `unknown role practice_lead` at each of its four uses
    [65, 'emergency: boolean', 'emergency: boolen', 6], // and `no attribute emergency` at each of its five uses
    [105, 'owner social', 'ownr social', 1],
    [106, 'at least', 'at leat', 1],
    [107, 'met by', 'met bu', 1],
    [108, 'bullet 3"', 'bullet 3', 1],
    [126, 'approval review', 'aproval review', 1],
    [283, 'working days of', 'working days f', 2], // and the `when` below reads an anchor that is gone
    [284, '.by is social', '.by iz social', 1],
    [327, 'deadline review', 'dedline review', 1],
    [330, '.by is iro', '.by is iro)', 1],
    [338, 'on or before', 'on o before', 1],
  ];
  for (const [line, from, to, count] of typos) {
    it(`line ${line}: \`${from}\` -> \`${to}\` gives ${count} diagnostic${count === 1 ? '' : 's'}, the first on that line`, () => {
      const found = check(typo(bristol, line, from, to));
      expect(found).toHaveLength(count);
      const onLine = found.filter((d) => d.range.startLine === line);
      expect(onLine).toHaveLength(1);
      expect(onLine[0]?.code).toMatch(/^pdl\/(syntax|lex)-error$/);
      expect(found[0]).toBe(onLine[0]);
    });
  }
});

describe('a keyword where a name is read is named as a name, not by its token class', () => {
  it('`extends` at the end of the line: "expected a name", once', () => {
    const syntax = compileToIr('policy a.b extends\n').diagnostics.filter((d) => d.code === 'pdl/syntax-error');
    expect(syntax.map((d) => [d.range.startLine, d.range.startColumn, d.message])).toEqual([[1, 19, 'expected a name, found the end of the line']]);
  });
});

describe('a deadline with no `due` line: one error, not one more for each line that reads what it is measured from', () => {
  const limit = ['limit once "At most one a"', '  at most 1 a per case', '  cite "1"', ''];
  const deadline = (line: string): string =>
    policy(...limit, 'deadline d "D"', '  owner sw', line, '  met by b', '  cite "1"');

  it('with `up to the limit`: the missing `due` only (no "the limit counts `a`, which this deadline is not measured from")', () => {
    expect(check(deadline('  up to the limit once')).map((d) => [d.code, d.range.startLine, d.message])).toEqual([['pdl/missing-clause', 15, 'deadline `d` has no `due` clause']]);
  });

  it('with `counting from a`: the missing `due` only', () => {
    expect(check(deadline('  counting from a')).map((d) => [d.code, d.range.startLine, d.message])).toEqual([['pdl/missing-clause', 15, 'deadline `d` has no `due` clause']]);
  });

  it('an unknown limit is still reported', () => {
    expect(check(deadline('  up to the limit twice')).map((d) => d.code)).toEqual(['pdl/missing-clause', 'pdl/unknown-rule']);
  });
});

describe('the header: one mistake, one message, and no "did you mean" naming the word written', () => {
  const syntax = (text: string): [number, string, string | undefined][] =>
    compileToIr(text, { uri: 'p.pdl' })
      .diagnostics.filter((d) => d.code === 'pdl/syntax-error')
      .map((d) => [d.range.startLine, d.message, d.help]);

  it('an error on the `policy` line: its indented header lines are not reported again', () => {
    expect(syntax('policy a.b extends c.d e.f\n  title "X"\n')).toEqual([[1, 'expected the end of the line, found `e`', undefined]]);
  });

  it('an error on a header line: the header lines under it are not reported as stray lines ("did you mean `authority`?")', () => {
    expect(syntax('policy a.b\n  title "X" y\n  authority "Z"\n')).toEqual([[2, 'expected the end of the line, found `y`', undefined]]);
  });

  it('a header line below a declaration: says where header lines go', () => {
    expect(syntax('policy a.b\n  title "X"\nrole r "R"\ntitle "Y"\n')).toEqual([
      [4, '`title` does not start a declaration', '`title` is a header line: header lines go right under the `policy` line, indented, before the first declaration'],
    ]);
  });

  it('a misspelled header line is still reported, with the word it may have meant', () => {
    expect(syntax('policy a.b\n  titel "X"\n')).toEqual([[2, '`titel` does not start a header line or a declaration', 'did you mean `title`?']]);
  });
});

describe('a rule that takes an inherited rule\'s name: one error, with help naming the inherited rule\'s kind', () => {
  // A child of bristol.pdl (which extends the statutory policy) inherits a rule of seven kinds; each
  // is written again as each other kind, without `override` and with `override` of the kind written.
  const parents: CompilerHost = {
    findPolicy: (id) => (id === 'bristol.review_timeliness' ? { uri: 'bristol.pdl', text: bristol } : host.findPolicy(id, 'p.pdl')),
  };
  const cache: ParentCache = new Map();
  const checkChild = (...rule: string[]): Diagnostic[] =>
    compileToIr(['policy t.child extends bristol.review_timeliness', '  title "Child"', '', ...rule, ''].join('\n'), { uri: 'p.pdl', host: parents, parents: cache }).diagnostics;
  /** The lines of the rule `name` in `text`: its head and the indented lines under it. */
  const block = (text: string, name: string): string[] => {
    const lines = text.split('\n');
    const start = lines.findIndex((l) => new RegExp(`^\\w+ ${name} "`).test(l));
    if (start < 0) throw new Error(`no rule ${name}`);
    const end = lines.findIndex((l, i) => i > start && !/^\s/.test(l));
    return lines.slice(start, end);
  };
  const an = (kind: string): string => `${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind}`;
  const INHERITED = [
    ['cycle', 'looked_after_review', 'england.statutory_reviews', statutory],
    ['deadline', 'adjourned_review_completed', 'england.statutory_reviews', statutory],
    ['limit', 'one_adjournment_per_review', 'england.statutory_reviews', statutory],
    ['duty', 'child_prepared_before_review', 'bristol.review_timeliness', bristol],
    ['order', 'care_plan_after_needs_assessment', 'bristol.review_timeliness', bristol],
    ['approval', 'review_cancellation', 'bristol.review_timeliness', bristol],
    ['constraint', 'review_arranged_within_statutory_timescales', 'bristol.review_timeliness', bristol],
  ] as const;

  it('each inherited rule is of its kind, and the child of bristol.pdl compiles', () => {
    for (const [kind, name, , text] of INHERITED) expect(block(text, name)[0]).toMatch(new RegExp(`^${kind} ${name} "`));
    expect(checkChild()).toEqual([]);
  });

  for (const [kind, name, from] of INHERITED) {
    it(`${an(kind)} inherited (\`${name}\`), written as each other kind: without \`override\` one redefinition, with \`override\` one kind mismatch; the help says \`override ${kind} ${name}\``, () => {
      for (const [written, other, , text] of INHERITED) {
        if (written === kind) continue;
        const rule = block(text, other).map((l, i) => (i === 0 ? l.replace(` ${other} `, ` ${name} `) : l));
        const redefined = checkChild(...rule);
        expect(redefined.map((d) => [d.code, d.range.startLine, d.help]), `${written} ${name}`).toEqual([
          ['pdl/redefinition-without-override', 4, `\`${name}\` is ${an(kind)} in \`${from}\`: write \`override ${kind} ${name}\` to replace it, or choose another name`],
        ]);
        const overridden = checkChild(`override ${rule[0]}`, ...rule.slice(1));
        expect(overridden.map((d) => [d.code, d.range.startLine, d.message]), `override ${written} ${name}`).toEqual([
          ['pdl/override-kind-mismatch', 4, `\`${name}\` is a ${kind} in \`${from}\` and cannot be overridden by a ${written}`],
        ]);
        expect(overridden[0]?.help).toContain(`write \`override ${kind} ${name}\``);
      }
    });
  }

  it('the deadline of the report: `looked_after_review` (a cycle in the statutory policy) redeclared as a deadline, then overridden as one: one error each, no `pdl/inherited-rule-invalid` on the limit that counts per review', () => {
    const rule = ['deadline looked_after_review "x"', '  owner iro', '  due within 10 working days of became_looked_after', '  met by review_held', '  cite "x"'];
    const header = ['policy t.local extends england.statutory_reviews', '  title "L"', ''];
    const redefined = check([...header, ...rule, ''].join('\n'));
    expect(redefined.map((d) => [d.code, d.range.startLine, d.help])).toEqual([
      ['pdl/redefinition-without-override', 4, '`looked_after_review` is a cycle in `england.statutory_reviews`: write `override cycle looked_after_review` to replace it, or choose another name'],
    ]);
    const overridden = check([...header, `override ${rule[0]}`, ...rule.slice(1), ''].join('\n'));
    expect(overridden.map((d) => [d.code, d.range.startLine, d.help])).toEqual([
      ['pdl/override-kind-mismatch', 4, "an override keeps the kind of the rule it replaces: write `override cycle looked_after_review` with a cycle's clauses, or choose another name (without `override`)"],
    ]);
  });
});
