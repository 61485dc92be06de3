/**
 * Resolution (compiler/resolve/from-ast.ts, print.ts) and lowering's header (compiler/ir/from-elaborated.ts)
 * beyond the golden cases: written to kill the mutants those leave alive. Checked here: the whole
 * diagnostics of merging a policy with the one it extends and one it uses (a name both declare, a
 * redeclared inherited or own name, a reserved name, an `override` of nothing with each of its three
 * helps, of another kind, a redefinition without `override`, a second `override`); the merged tables as
 * `printResolved` prints them (where each name comes from, inherited or overriding); and the IR's
 * header: the calendar inherited with its closed days and an own open day, the rules inherited but not
 * a used policy's, `extends` and `uses`.
 *
 * Input: small policies written here, given to the compiler through a host, compiled inside each test
 * so that Stryker counts the code they run. Output: assertions on whole diagnostics, printed tables
 * and IR.
 */
import { describe, expect, it } from 'vitest';
import { compileToIr } from '../../compiler/pipeline.ts';
import { printResolved } from '../../compiler/resolve/print.ts';

const files: Record<string, string> = {
  't.a': ['policy t.a', '  title "A"', '  authority "LA"', '', 'role sw "SW"', 'event held', 'event asked', 'calendar scotland', '  closed 2026-12-24 "Christmas Eve"', '', 'deadline d "D"', '  owner sw', '  due within 5 days of asked', '  met by held', '  cite "a"'].join('\n'),
  't.b': ['policy t.b extends t.a', '  title "B"', '', 'event extra', '', 'deadline e "E"', '  owner sw', '  due within 5 days of asked', '  met by extra', '  cite "b"'].join('\n'),
  't.c': ['policy t.c extends t.a', '  title "C"', '', 'event extra'].join('\n'),
  't.v': ['policy t.v', '  title "V"', '', 'role iro "IRO"', 'event held', 'event vocab_only', '', 'deadline v "V"', '  owner iro', '  due within 1 day of vocab_only', '  met by held', '  cite "v"'].join('\n'),
  't.w': ['policy t.w', '  title "W"', '', 'role iro "IRO"', 'event vocab_only', 'calendar scotland', '', 'deadline w "W"', '  owner iro', '  due within 1 day of vocab_only', '  met by vocab_only', '  cite "w"'].join('\n'),
  't.empty': ['policy t.empty', '  title "Empty"', '', 'role sw "SW"'].join('\n'),
  // A diamond: d.left and d.rght both extend d.base and both use d.voc; d.p1 and d.p2 declare the same
  // event at the same place of files of the same layout.
  'd.base': ['policy d.base', '  title "Base"', '', 'role sw "SW"', 'fact f: boolean', 'event held', 'event asked { on: date }', 'calendar scotland', '  closed 2026-12-24 "Christmas Eve"', '', 'deadline r "R"', '  owner sw', '  due within 5 days of asked', '  met by held', '  cite "r"'].join('\n'),
  'd.left': ['policy d.left extends d.base', '  title "Left"', '  use d.voc'].join('\n'),
  'd.rght': ['policy d.rght extends d.base', '  title "Right"', '  use d.voc'].join('\n'),
  'd.voc': ['policy d.voc', '  title "Vocabulary"', '', 'role iro "IRO"', 'event asked_v', '', 'cycle vr "VR"', '  owner iro', '  runs from asked_v', '  first within 1 day of asked_v', '  met by asked_v', '  cite "v"'].join('\n'),
  'd.p1': ['policy d.p1', '  title "P"', '', 'event clash'].join('\n'),
  'd.p2': ['policy d.p2', '  title "P"', '', 'event clash'].join('\n'),
};
const host = { findPolicy: (id: string) => (files[id] === undefined ? undefined : { uri: `${id}.pdl`, text: files[id]! }) };

function compile(lines: readonly string[]) {
  return compileToIr(lines.join('\n'), { uri: 'main.pdl', host });
}

function shown(lines: readonly string[]) {
  return compile(lines).diagnostics.map((d) => ({
    code: d.code,
    at: `${d.range.startLine}:${d.range.startColumn}-${d.range.endColumn}`,
    message: d.message,
    help: d.help,
    ...(d.related ? { related: d.related.map((x) => `${x.uri} ${x.range.startLine}:${x.range.startColumn} ${x.message}`) } : {}),
  }));
}

const rule = (head: string, cite: string): string[] => [head, '  owner sw', '  due within 1 day of asked', '  met by held', `  cite "${cite}"`, ''];

/** Every mistake of merging, one a declaration. */
const MERGE = [
  'policy t.m extends t.b',
  '  title "M"',
  '  use t.v',
  '',
  'event extra',
  'role sw "Again"',
  'role constructor "X"',
  'role iro "IRO again"',
  'role mine "Mine"',
  'role mine "Twice"',
  '',
  ...rule('override deadline nothing "N"', 'n'),
  'override cycle d "D"',
  '  owner sw',
  '  runs from asked',
  '  first within 1 day of asked',
  '  met by held',
  '  cite "o"',
  '',
  ...rule('deadline e "E"', 'r'),
  ...rule('override deadline e "E2"', 'r2'),
  ...rule('override deadline e "E3"', 'r3'),
];

describe('resolution: merging a policy with the ones it extends and uses', () => {
  it('each mistake reported in full', () => {
    expect(shown(MERGE)).toEqual([
      { code: 'pdl/duplicate-declaration', at: '1:8-11', message: 'event `held` is declared by two policies this one extends or uses, `t.a` and `t.v`', related: ['t.a.pdl 6:7 declared in `t.a`', 't.v.pdl 5:7 declared in `t.v`'] },
      { code: 'pdl/duplicate-declaration', at: '5:7-12', message: 'event `extra` is already declared in `t.b`, which this policy extends', help: 'an extending policy uses the inherited declaration as it is; remove this one', related: ['t.b.pdl 4:7 first declared here'] },
      { code: 'pdl/duplicate-declaration', at: '6:6-8', message: 'role `sw` is already declared in `t.a`, which this policy extends', help: 'an extending policy uses the inherited declaration as it is; remove this one', related: ['t.a.pdl 5:6 first declared here'] },
      { code: 'pdl/reserved-name', at: '7:6-17', message: '`constructor` cannot name a role: every JavaScript object has a property of that name', help: 'choose another name' },
      { code: 'pdl/duplicate-declaration', at: '8:6-9', message: 'role `iro` is already declared in `t.v`, which this policy uses', help: 'a policy that uses another takes its vocabulary as it is; remove this one', related: ['t.v.pdl 4:6 first declared here'] },
      { code: 'pdl/duplicate-declaration', at: '10:6-10', message: 'role `mine` is already declared earlier in this policy', help: 'remove one of the two declarations, or rename one', related: ['main.pdl 9:6 first declared here'] },
      { code: 'pdl/override-of-nothing', at: '12:19-26', message: '`override` of `nothing`, but no extended policy declares a rule of that name', help: 'inherited rules: `d`, `e`' },
      {
        code: 'pdl/override-kind-mismatch',
        at: '18:1-21',
        message: '`d` is a deadline in `t.a` and cannot be overridden by a cycle',
        help: "an override keeps the kind of the rule it replaces: write `override deadline d` with a deadline's clauses, or choose another name (without `override`)",
        related: ['t.a.pdl 11:10 declared as a deadline here'],
      },
      { code: 'pdl/redefinition-without-override', at: '25:10-11', message: 'rule `e` is already declared by `t.b`', help: '`e` is a deadline in `t.b`: write `override deadline e` to replace it, or choose another name', related: ['t.b.pdl 6:10 declared here'] },
      // The cycle that could not override `d` left the inherited deadline in place, which `e`'s override contradicts.
      {
        code: 'pdl/conflicting-timescales',
        at: '33:7-28',
        message: '`d` and `e` give different timescales for the same obligation (met by `held`): within 5 days of asked (a) vs within 1 day of asked (r2)',
        help: 'if one statement replaces the other, keep one rule (or `override` the inherited one); if the document contradicts itself, this warning records it',
        related: ['t.a.pdl 13:7 `d`: within 5 days of asked (in `t.a`)'],
      },
      { code: 'pdl/duplicate-declaration', at: '37:19-20', message: 'rule `e` is already declared earlier in this policy', help: 'remove one of the two declarations, or rename one', related: ['main.pdl 31:19 first declared here'] },
    ]);
  });

  it('the merged tables: where each name comes from', () => {
    const { resolved } = compile(MERGE);
    expect(resolved === undefined ? undefined : printResolved(resolved).split('\n')).toEqual([
      'policy t.m (extends t.b, t.a)',
      'calendar scotland',
      'role sw from t.a (inherited)',
      'role iro from t.v (inherited)',
      'role constructor from t.m',
      'role mine from t.m',
      'event held from t.a (inherited)',
      'event asked from t.a (inherited)',
      'event extra from t.b (inherited)',
      'event vocab_only from t.v (inherited)',
      // The cycle declared as an override of the deadline `d` is refused (a kind an override cannot change): `d` stays the inherited one.
      'rule d from t.a (inherited)',
      'rule e from t.m (overrides)',
      'rule nothing from t.m',
      '',
    ]);
  });

  it('`override` of nothing: the help for a policy that extends nothing, and for parents without rules', () => {
    expect(shown(['policy t.o', '  title "O"', '', 'role sw "SW"', 'event asked', 'event held', '', ...rule('override deadline x "X"', 'x')])).toEqual([
      { code: 'pdl/override-of-nothing', at: '8:19-20', message: '`override` of `x`, but no extended policy declares a rule of that name', help: 'this policy extends nothing: remove `override`, or add `extends` to the `policy` line' },
    ]);
    expect(shown(['policy t.o extends t.empty', '  title "O"', '', 'event asked', 'event held', '', ...rule('override deadline x "X"', 'x')])).toEqual([
      { code: 'pdl/override-of-nothing', at: '7:19-20', message: '`override` of `x`, but no extended policy declares a rule of that name', help: 'the extended policies declare no rules' },
    ]);
  });
});

describe('resolution: written after the first mutation run', () => {
  it('a diamond: each inherited declaration, ancestor, closed day and used policy kept once', () => {
    const main = ['policy d.main extends d.left', '  title "Main"', '  extends d.rght', '', 'constraint k "K"', '  each asked.on on or before the due date of S', '  cite "k"', '', 'constraint used "U"', '  each asked.on on or before the due date of vr', '  cite "u"'];
    const result = compile(main);
    expect(shown(main)).toEqual([
      // `S` is no rule of the used policy: the plain message, not the one for a used policy's rule.
      { code: 'pdl/unknown-rule', at: '6:46-47', message: 'unknown cycle `S`', help: 'declare a `cycle` first' },
      { code: 'pdl/unknown-rule', at: '10:46-48', message: '`vr` is a rule of `d.voc`, which this policy uses for its vocabulary only', help: 'a used policy lends its roles, facts and events, not its rules: extend `d.voc` instead (`extends d.voc`) to build on its rules' },
    ]);
    expect(result.resolved === undefined ? undefined : printResolved(result.resolved).split('\n')).toEqual([
      'policy d.main (extends d.left, d.base, d.rght)',
      'calendar scotland',
      'role sw from d.base (inherited)',
      'role iro from d.voc (inherited)',
      'fact f from d.base (inherited)',
      'event held from d.base (inherited)',
      'event asked from d.base (inherited)',
      'event asked_v from d.voc (inherited)',
      'rule r from d.base (inherited)',
      'rule k from d.main',
      'rule used from d.main',
      '',
    ]);
    expect(result.resolved?.uses).toEqual(['d.voc']);
    expect(result.resolved?.calendar.changes.map((c) => `${c.decl.date.value} ${c.policy}`)).toEqual(['2026-12-24 d.base']);
  });

  it('the same name from two extended policies: reported at the second parent\'s name, even at the same place of both files', () => {
    expect(shown(['policy d.two extends d.p1', '  title "Two"', '  extends d.p2'])).toEqual([
      { code: 'pdl/duplicate-declaration', at: '3:11-15', message: 'event `clash` is declared by two extended policies, `d.p1` and `d.p2`', related: ['d.p1.pdl 4:7 declared in `d.p1`', 'd.p2.pdl 4:7 declared in `d.p2`'] },
    ]);
  });

  it('`override` of nothing after an own rule: the help lists the inherited rules only', () => {
    expect(shown(['policy d.o extends d.base', '  title "O"', '', 'deadline mine "M"', '  owner sw', '  due within 1 day of held', '  met by asked', '  cite "m"', '', ...rule('override deadline nothing "N"', 'n')])).toEqual([
      { code: 'pdl/override-of-nothing', at: '10:19-26', message: '`override` of `nothing`, but no extended policy declares a rule of that name', help: 'inherited rules: `r`' },
    ]);
  });

  it('a used policy lends no calendar; an own calendar is the one named, and differs from the inherited one', () => {
    const used = compile(['policy d.u', '  title "U"', '  use t.w']);
    expect(used.diagnostics).toEqual([]);
    expect(used.ir?.calendar).toEqual({ base: 'england-and-wales', add: [], remove: [] });
    const own = compile(['policy d.own extends d.base', '  title "Own"', '', 'calendar northern-ireland']);
    expect(own.resolved?.calendar.name).toBe('northern-ireland');
    expect(own.diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([
      'pdl/calendar-mismatch `d.base`, which this policy extends, counts working days on the `scotland` calendar, not `northern-ireland`',
    ]);
  });

  it('a header field given twice: the first is kept', () => {
    const { resolved, diagnostics } = compile(['policy d.hdr', '  title "First"', '  title "Second"']);
    expect(diagnostics.map((d) => d.code)).toEqual(['pdl/duplicate-clause']);
    expect(resolved?.header).toEqual({ title: 'First' });
  });
});

describe('the IR of a policy that extends and uses others', () => {
  it('the calendar and its days inherited, an own open day, the rules inherited but not the used policy\'s, extends and uses', () => {
    const { ir, diagnostics } = compile(['policy t.k extends t.b', '  title "K"', '  use t.w', '', 'role own_role "Own"', 'calendar scotland', '  open 2026-12-28 "Worked"']);
    expect(diagnostics).toEqual([]);
    expect(ir === undefined ? undefined : { calendar: ir.calendar, rules: ir.rules.map((r) => r.id), extends: ir.extends, uses: ir.uses, roles: ir.roles }).toEqual({
      calendar: { base: 'scotland', add: [{ date: '2026-12-24', name: 'Christmas Eve' }], remove: [{ date: '2026-12-28', reason: 'Worked' }] },
      rules: ['d', 'e'],
      extends: ['t.b', 't.a'],
      uses: ['t.w'],
      roles: [{ name: 'sw', title: 'SW' }, { name: 'iro', title: 'IRO' }, { name: 'own_role', title: 'Own' }],
    });
  });

  it('a policy with a title only: plain JSON (no key set to `undefined`), without the optional header fields, `uses` or `duties`; a role without a title and a closed day without a reason', () => {
    const { ir, diagnostics } = compile(['policy t.plain', '  title "Plain"', '', 'role team_manager', 'calendar england-and-wales', '  closed 2026-12-29']);
    expect(diagnostics).toEqual([]);
    expect(ir).toStrictEqual(JSON.parse(JSON.stringify(ir)));
    expect(ir === undefined ? undefined : Object.keys(ir)).toEqual(['irVersion', 'id', 'title', 'extends', 'calendar', 'roles', 'facts', 'events', 'rules', 'approvals', 'limits', 'constraints', 'orders', 'ladders', 'criteria']);
    expect(ir?.roles).toEqual([{ name: 'team_manager', title: 'team manager' }]);
    expect(ir?.calendar).toEqual({ base: 'england-and-wales', add: [{ date: '2026-12-29', name: 'closure day (t.plain)' }], remove: [] });
  });

  it('a child that only extends: the parent\'s calendar by name, no `uses`', () => {
    const { ir, resolved } = compile(['policy t.j extends t.b', '  title "J"']);
    expect(resolved?.calendar.name).toBe('scotland');
    expect(ir?.calendar.base).toBe('scotland');
    expect(ir !== undefined && 'uses' in ir).toBe(false);
  });
});
