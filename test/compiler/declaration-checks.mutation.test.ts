/**
 * The checks of declarations (compiler/check/check-header.ts, check-roles.ts, check-vocabulary.ts,
 * check-calendar.ts) and the conflicting-timescales lint, written to kill the mutants that the golden
 * cases leave alive: those compare each diagnostic's code, range and message only, so here the whole
 * diagnostic is compared (message, help, related locations), with the cases the golden files do not
 * have: a field given three times, circles of one role and of two reached from outside, the role of a
 * circle reported being the one whose name sorts first, declarations a policy inherits (never
 * reported again in the child), `open` and `closed` days on a chosen calendar.
 *
 * Input: small policies written here, compiled in this process (each inside its test, so that Stryker
 * counts the code they run); parents held in memory. For checks of a child whose parent has errors
 * (the pipeline then stops before the checks), the child is resolved against the parent's resolved
 * policy and the check is called itself. Output: assertions on whole diagnostics.
 */
import { describe, expect, it } from 'vitest';
import { checkCalendar } from '../../compiler/check/check-calendar.ts';
import { checkRoles } from '../../compiler/check/check-roles.ts';
import { checkVocabulary } from '../../compiler/check/check-vocabulary.ts';
import { DECLARATION_CHECKS, LINTS } from '../../compiler/check/index.ts';
import type { Check } from '../../compiler/check/types.ts';
import type { Diagnostic } from '../../compiler/diagnostics/types.ts';
import { compileToIr, parseToAst, type CompilerHost } from '../../compiler/pipeline.ts';
import { resolveFromAst } from '../../compiler/resolve/from-ast.ts';

/** A diagnostic as compared here: where it is (`uri:line:column-column`), and all it says. */
interface Shown {
  readonly code: string;
  readonly severity: string;
  readonly at: string;
  readonly message: string;
  readonly help?: string;
  readonly related?: readonly string[];
}

const place = (uri: string, r: Diagnostic['range']): string => `${uri}:${r.startLine}:${r.startColumn}-${r.endColumn}`;

function shown(d: Diagnostic): Shown {
  return {
    code: d.code,
    severity: d.severity,
    at: place(d.uri, d.range),
    message: d.message,
    ...(d.help === undefined ? {} : { help: d.help }),
    ...(d.related === undefined ? {} : { related: d.related.map((r) => `${place(r.uri, r.range)} ${r.message}`) }),
  };
}

/** A host holding `parents` (policy texts) in memory, each as `<id>.pdl`. */
function hostOf(parents: readonly string[]): CompilerHost {
  const byId = new Map(parents.map((text) => [/^policy (\S+)/m.exec(text)?.[1] ?? '', text]));
  return { findPolicy: (id) => (byId.has(id) ? { uri: `${id}.pdl`, text: byId.get(id) as string } : undefined) };
}

/** The diagnostics of compiling `text` (as main.pdl) with `parents`. */
function diagnostics(text: string, parents: readonly string[] = []): Shown[] {
  return compileToIr(text, { uri: 'main.pdl', host: hostOf(parents) }).diagnostics.map(shown);
}

/** `check` on `text` resolved against `parent`'s resolved policy (compiled even with errors, which the pipeline would stop at). */
function checkedAgainst(check: Check, text: string, parent: string): Shown[] {
  const parentResolved = compileToIr(parent, { uri: 'parent.pdl' }).resolved;
  expect(parentResolved).toBeDefined();
  const { ast, diagnostics: syntax } = parseToAst(text, 'main.pdl');
  expect(syntax).toEqual([]);
  if (ast === undefined || parentResolved === undefined) throw new Error('unreachable: checked above');
  return check(resolveFromAst(ast, 'main.pdl', [parentResolved], []).resolved).map(shown);
}

const lines = (...l: string[]): string => `${l.join('\n')}\n`;

describe('the lists of checks', () => {
  it('names every declaration check and lint, in their fixed order', () => {
    expect(DECLARATION_CHECKS.map((c) => c.name)).toEqual(['header', 'calendar', 'roles', 'vocabulary']);
    expect(LINTS.map((c) => c.name)).toEqual(['conflicting-timescales', 'ladder-cap', 'never-applies']);
  });
});

describe('header', () => {
  it('a field given three times is reported at its second and third lines, with help', () => {
    const error = (line: number): Shown => ({
      code: 'pdl/duplicate-clause',
      severity: 'error',
      at: `main.pdl:${line}:3-15`,
      message: '`version` is given more than once',
      help: 'keep one',
    });
    expect(diagnostics(lines('policy t.header', '  title "H"', '  version "1"', '  version "2"', '  version "3"'))).toEqual([error(4), error(5)]);
  });

  it('a missing title is reported at the policy id, with help; a policy whose text is incomplete is not also told it', () => {
    expect(diagnostics(lines('policy t.untitled', '  version "1"'))).toEqual([
      {
        code: 'pdl/missing-title',
        severity: 'error',
        at: 'main.pdl:1:8-18',
        message: 'policy `t.untitled` has no title',
        help: 'add a line `title "..."` under the `policy` line, naming the practice direction',
      },
    ]);
    expect(diagnostics(lines('policy t.untitled', '  version "1"', '  stray words')).map((d) => d.code)).not.toContain('pdl/missing-title');
  });
});

describe('roles', () => {
  it('`unassigned` is reserved, with help; declared in a parent it is reported there only', () => {
    expect(diagnostics(lines('policy t.roles', '  title "R"', '', 'role unassigned "Nobody"'))).toEqual([
      {
        code: 'pdl/reserved-name',
        severity: 'error',
        at: 'main.pdl:4:6-16',
        message: '`unassigned` is reserved for obligations that name no owner',
        help: 'choose another name for this role',
      },
    ]);
    const parent = lines('policy t.parent', '  title "P"', '', 'role unassigned "Nobody"');
    expect(checkedAgainst(checkRoles, lines('policy t.child extends t.parent', '  title "C"'), parent)).toEqual([]);
  });

  it('`reports to` an undeclared role, in the policy itself only; a role declared in the parent is known', () => {
    const parent = lines('policy t.parent', '  title "P"', '', 'role iro "IRO" reports to nobody');
    expect(checkedAgainst(checkRoles, lines('policy t.child extends t.parent', '  title "C"', '', 'role sw "SW" reports to iro', 'role tm "TM" reports to im'), parent)).toEqual([
      { code: 'pdl/unknown-role', severity: 'error', at: 'main.pdl:5:25-27', message: 'unknown role `im`', help: 'did you mean `tm`?' },
    ]);
  });

  it('a circle is reported once, at the role whose name sorts first, whichever role the walk starts from', () => {
    const circle = (order: string[]): Shown[] =>
      diagnostics(lines('policy t.roles', '  title "R"', '', ...order)).map((d) => ({ ...d, at: d.at.replace(/:\d+:/, ':L:') }));
    const expected: Shown[] = [
      {
        code: 'pdl/reporting-cycle',
        severity: 'error',
        at: 'main.pdl:L:24-26',
        message: 'reporting lines go round in a circle: `ca` reports to `cb` reports to `cc` reports to `ca`',
        help: 'the top of a reporting line reports to nobody',
      },
    ];
    // The walk starts at the role declared first; the circle is the same.
    expect(circle(['role cb "B" reports to cc', 'role cc "C" reports to ca', 'role ca "A" reports to cb'])).toEqual(expected);
    expect(circle(['role cc "C" reports to ca', 'role ca "A" reports to cb', 'role cb "B" reports to cc'])).toEqual(expected);
    expect(circle(['role ca "A" reports to cb', 'role cb "B" reports to cc', 'role cc "C" reports to ca'])).toEqual(expected);
    // Reported at `ca`'s `reports to`: line 6 in the first order.
    expect(diagnostics(lines('policy t.roles', '  title "R"', '', 'role cb "B" reports to cc', 'role cc "C" reports to ca', 'role ca "A" reports to cb'))[0]?.at).toBe('main.pdl:6:24-26');
  });

  it('a role reporting to itself, and a circle reached from roles outside it, which are not part of it', () => {
    expect(
      diagnostics(lines('policy t.roles', '  title "R"', '', 'role top "T" reports to sw', 'role sw "S" reports to tm', 'role tm "M" reports to sw', 'role self "X" reports to self', 'role free "F" reports to boss', 'role boss "B"')),
    ).toEqual([
      {
        code: 'pdl/reporting-cycle',
        severity: 'error',
        at: 'main.pdl:5:24-26',
        message: 'reporting lines go round in a circle: `sw` reports to `tm` reports to `sw`',
        help: 'the top of a reporting line reports to nobody',
      },
      {
        code: 'pdl/reporting-cycle',
        severity: 'error',
        at: 'main.pdl:7:26-30',
        message: 'reporting lines go round in a circle: `self` reports to `self`',
        help: 'the top of a reporting line reports to nobody',
      },
    ]);
  });

  it('a circle of the parent is reported in the parent, not in a child that only extends it', () => {
    const parent = lines('policy t.parent', '  title "P"', '', 'role a "A" reports to b', 'role b "B" reports to a');
    expect(diagnostics(parent).map((d) => d.code)).toEqual(['pdl/reporting-cycle']);
    expect(checkedAgainst(checkRoles, lines('policy t.child extends t.parent', '  title "C"', '', 'role c "C" reports to a'), parent)).toEqual([]);
  });
});

describe('vocabulary', () => {
  const NO_ROLES_HELP = 'declare the roles it may name (`role social_worker "Social worker"`), or extend a policy that does';

  it('facts and attributes of type role in a policy with no roles; enum values listed twice or reserved; attributes declared twice or reserved', () => {
    expect(
      diagnostics(
        lines(
          'policy t.vocab',
          '  title "V"',
          '',
          'fact who: role',
          'fact kind: enum(a, b, a, constructor)',
          'event moved { why: role, size: enum(s, s), toString: text, note: text, note: date }',
        ),
      ),
    ).toEqual([
      { code: 'pdl/unknown-role', severity: 'error', at: 'main.pdl:4:6-9', message: '`who` holds a role, but this policy declares no roles', help: NO_ROLES_HELP },
      { code: 'pdl/duplicate-attribute', severity: 'error', at: 'main.pdl:5:23-24', message: 'enum value `a` is listed twice' },
      {
        code: 'pdl/reserved-name',
        severity: 'error',
        at: 'main.pdl:5:26-37',
        message: '`constructor` cannot name an enum value: every JavaScript object has a property of that name',
        help: 'choose another name',
      },
      { code: 'pdl/unknown-role', severity: 'error', at: 'main.pdl:6:15-18', message: '`why` holds a role, but this policy declares no roles', help: NO_ROLES_HELP },
      { code: 'pdl/duplicate-attribute', severity: 'error', at: 'main.pdl:6:40-41', message: 'enum value `s` is listed twice' },
      {
        code: 'pdl/reserved-name',
        severity: 'error',
        at: 'main.pdl:6:44-52',
        message: '`toString` cannot name an attribute: every JavaScript object has a property of that name',
        help: 'choose another name',
      },
      { code: 'pdl/duplicate-attribute', severity: 'error', at: 'main.pdl:6:72-76', message: 'event `moved` declares attribute `note` twice' },
    ]);
  });

  it('a role-typed fact or attribute is fine once the policy or its parent declares a role', () => {
    expect(diagnostics(lines('policy t.vocab', '  title "V"', '', 'role iro "IRO"', 'fact who: role', 'event moved { by: role }'))).toEqual([]);
    const parent = lines('policy t.parent', '  title "P"', '', 'role iro "IRO"');
    expect(diagnostics(lines('policy t.child extends t.parent', '  title "C"', '', 'fact who: role', 'event moved { by: role }'), [parent])).toEqual([]);
  });

  it('an event that supersedes earlier ones needs a date attribute: a text or boolean one is not enough', () => {
    expect(diagnostics(lines('policy t.vocab', '  title "V"', '', 'event booked { note: text, urgent: boolean } supersedes earlier', 'event moved { on: date } supersedes earlier'))).toEqual([
      {
        code: 'pdl/anchor-not-a-date',
        severity: 'error',
        at: 'main.pdl:4:7-13',
        message: 'event `booked` supersedes earlier ones, but has no date attribute saying until when',
        help: 'give it a date attribute (`{ for: date }`), the date of the thing it arranges',
      },
    ]);
  });

  it('an event that supersedes earlier ones and has a date among other attributes is fine', () => {
    expect(diagnostics(lines('policy t.vocab', '  title "V"', '', 'event booked { note: text, for: date, urgent: boolean } supersedes earlier'))).toEqual([]);
  });

  it('a fact\'s `set by` is checked in the policy itself; a fact without one, or a parent\'s, is not', () => {
    expect(diagnostics(lines('policy t.vocab', '  title "V"', '', 'event started', 'fact on_plan?: boolean set by nowhere to true', 'fact plain?: boolean'))).toEqual([
      {
        code: 'pdl/unknown-event',
        severity: 'error',
        at: 'main.pdl:5:31-38',
        message: 'unknown event `nowhere`',
        help: 'declare it with `event nowhere`, or use one of the declared events',
      },
    ]);
    const parent = lines('policy t.parent', '  title "P"', '', 'event started', 'fact on_plan?: boolean set by nowhere to true');
    expect(diagnostics(parent).map((d) => d.code)).toEqual(['pdl/unknown-event']);
    expect(checkedAgainst(checkVocabulary, lines('policy t.child extends t.parent', '  title "C"', '', 'fact plain?: boolean'), parent)).toEqual([]);
  });

  it('the declarations of a parent are checked in the parent only', () => {
    const parent = lines(
      'policy t.parent',
      '  title "P"',
      '',
      'fact who: role',
      'fact kind: enum(a, a, constructor)',
      'event booked { note: text, note: text, valueOf: text, why: role, size: enum(s, s) } supersedes earlier',
    );
    expect(diagnostics(parent).length).toBe(8);
    expect(checkedAgainst(checkVocabulary, lines('policy t.child extends t.parent', '  title "C"'), parent)).toEqual([]);
  });
});

describe('calendar', () => {
  const CALENDARS = 'the calendars provided: `england-and-wales`, `scotland`, `northern-ireland`';
  const SCOTTISH = lines('policy t.sc', '  title "S"', '', 'calendar scotland', '  closed 2026-12-26 "Boxing Day, a Saturday"', '  open 2026-12-30 "A Wednesday"');

  it('an unknown name, with "did you mean" when one is close, and the list of calendars', () => {
    expect(diagnostics(lines('policy t.cal', '  title "C"', '', 'calendar scotlnd', 'calendar mars'))).toEqual([
      { code: 'pdl/unknown-calendar', severity: 'error', at: 'main.pdl:4:10-17', message: 'unknown calendar `scotlnd`', help: `did you mean \`scotland\`? ${CALENDARS}` },
      { code: 'pdl/unknown-calendar', severity: 'error', at: 'main.pdl:5:10-14', message: 'unknown calendar `mars`', help: CALENDARS },
    ]);
  });

  it('an unknown name does not count as the calendar named first; the same name twice is no mismatch, another is', () => {
    expect(diagnostics(lines('policy t.cal', '  title "C"', '', 'calendar mars', 'calendar scotland', 'calendar scotland', 'calendar northern-ireland'))).toEqual([
      { code: 'pdl/unknown-calendar', severity: 'error', at: 'main.pdl:4:10-14', message: 'unknown calendar `mars`', help: CALENDARS },
      {
        code: 'pdl/calendar-mismatch',
        severity: 'error',
        at: 'main.pdl:7:10-26',
        message: 'this policy already names the calendar `scotland`; it cannot also name `northern-ireland`',
        help: 'a policy counts working days on one calendar: give the same name on every `calendar` line',
        related: ['main.pdl:5:10-18 the calendar named first'],
      },
    ]);
  });

  it('a child may repeat its parent\'s calendar, not change it; the parent\'s unknown names are not held against the child', () => {
    expect(diagnostics(lines('policy t.child extends t.sc', '  title "C"', '', 'calendar scotland'), [SCOTTISH]).map((d) => d.code)).toEqual([]);
    expect(diagnostics(lines('policy t.child extends t.sc', '  title "C"', '', 'calendar england-and-wales'), [SCOTTISH])).toEqual([
      {
        code: 'pdl/calendar-mismatch',
        severity: 'error',
        at: 'main.pdl:4:10-27',
        message: '`t.sc`, which this policy extends, counts working days on the `scotland` calendar, not `england-and-wales`',
        help: 'a policy inherits the calendar of the policies it extends and cannot change it: write `calendar scotland`',
        related: ['t.sc.pdl:4:10-18 `t.sc` names its calendar here'],
      },
    ]);
    const unknown = lines('policy t.odd', '  title "O"', '', 'calendar mars');
    expect(checkedAgainst(checkCalendar, lines('policy t.child extends t.odd', '  title "C"', '', 'calendar scotland'), unknown)).toEqual([]);
  });

  it('three parents, two on one calendar and the third on another: reported at the third\'s `extends`', () => {
    const other = lines('policy t.sc2', '  title "S2"', '', 'calendar scotland');
    const ni = lines('policy t.ni', '  title "N"', '', 'calendar northern-ireland');
    expect(diagnostics(lines('policy t.child extends t.sc', '  title "C"', '  extends t.sc2', '  extends t.ni'), [SCOTTISH, other, ni])).toEqual([
      {
        code: 'pdl/calendar-mismatch',
        severity: 'error',
        at: 'main.pdl:4:11-15',
        message: 'the policies this one extends name different calendars: `scotland` (`t.sc`) and `northern-ireland` (`t.ni`)',
        help: 'a policy counts working days on one calendar: extend policies that use the same one',
        related: ['t.sc.pdl:4:10-18 `t.sc` names its calendar here', 't.ni.pdl:4:10-26 `t.ni` names its calendar here'],
      },
    ]);
    expect(diagnostics(lines('policy t.child extends t.sc', '  title "C"', '  extends t.sc2'), [SCOTTISH, other])).toEqual([]);
  });

  it('closed and open days are checked against the chosen calendar, the policy\'s own days only', () => {
    const help = 'working days are counted on the `scotland` calendar (the bank holidays of Scotland)';
    expect(
      diagnostics(
        lines(
          'policy t.child extends t.sc',
          '  title "C"',
          '',
          'calendar scotland',
          '  closed 2026-12-25 "Christmas"',
          '  closed 2026-12-29 "A Tuesday"',
          '  closed 2026-12-19 "A Saturday"',
          '  open 2026-03-17 "St Patrick\'s Day, not a Scottish holiday"',
          '  open 2026-11-30 "St Andrew\'s Day"',
        ),
        [SCOTTISH],
      ),
    ).toEqual([
      {
        code: 'pdl/calendar-closed-on-non-working-day',
        severity: 'warning',
        at: 'main.pdl:5:10-20',
        message: '`2026-12-25` (Fri 25 December 2026) is already not a working day: Christmas Day',
        help,
      },
      { code: 'pdl/calendar-closed-on-non-working-day', severity: 'warning', at: 'main.pdl:7:10-20', message: '`2026-12-19` (Sat 19 December 2026) is already not a working day', help },
      {
        code: 'pdl/calendar-open-not-a-holiday',
        severity: 'warning',
        at: 'main.pdl:8:8-18',
        message: '`2026-03-17` (Tue 17 March 2026) is not a bank holiday, so `open` changes nothing',
        help,
      },
    ]);
  });

  it('an impossible date is reported as that, not checked against the calendar', () => {
    expect(diagnostics(lines('policy t.cal', '  title "C"', '', 'calendar scotland', '  closed 2026-02-30 "No such day"', '  open 2026-02-31 "No such day"')).map((d) => d.code)).toEqual([
      'pdl/invalid-date',
      'pdl/invalid-date',
    ]);
  });

  it('checks no open or closed day against an unknown calendar', () => {
    expect(diagnostics(lines('policy t.cal', '  title "C"', '', 'calendar mars', '  closed 2026-12-19 "A Saturday"')).map((d) => d.code)).toEqual(['pdl/unknown-calendar']);
  });
});

describe('conflicting timescales', () => {
  const BASE = lines(
    'policy t.base',
    '  title "B"',
    '',
    'role sw "SW"',
    'event started',
    'event booked { for: date }',
    'event visited { kind: enum(home, office) }',
    'event called',
    'fact urgent?: boolean',
    '',
    'deadline visit "Visit"',
    '  owner sw',
    '  due within 7 days of started',
    '  met by called or visited',
    '  cite "b.1"',
  );
  const HELP = 'if one statement replaces the other, keep one rule (or `override` the inherited one); if the document contradicts itself, this warning records it';
  /** `deadline ID` with its `due`, `met by` and optional `when` lines, cited `cite`. */
  const deadline = (id: string, due: string, metBy: string, cite: string, when?: string): string[] => [
    '',
    `deadline ${id} "V"`,
    '  owner sw',
    `  due ${due}`,
    ...(when === undefined ? [] : [`  when ${when}`]),
    `  met by ${metBy}`,
    `  cite "${cite}"`,
  ];
  const child = (...rules: string[][]): Shown[] => diagnostics(lines('policy t.child extends t.base', '  title "C"', ...rules.flat()), [BASE]);

  it('a rule of the child against the parent\'s: reported at the child\'s rule, the parent\'s related; met-by events in any order; no citation names the policy', () => {
    expect(child(deadline('visit_again', 'within 10 days of started', 'visited or called', ''))).toEqual([
      {
        code: 'pdl/conflicting-timescales',
        severity: 'warning',
        at: 'main.pdl:6:7-32',
        message:
          '`visit` and `visit_again` give different timescales for the same obligation (met by `called` or `visited`): within 7 days of started (b.1) vs within 10 days of started (t.child)',
        help: HELP,
        related: ['t.base.pdl:13:7-31 `visit`: within 7 days of started (in `t.base`)'],
      },
    ]);
  });

  it('three rules of one policy: reported at the first, the two others related', () => {
    expect(
      diagnostics(
        lines(
          'policy t.one',
          '  title "O"',
          '',
          'role sw "SW"',
          'event started',
          'event visited',
          ...deadline('r1', 'within 5 days of started', 'visited', 'c.1'),
          ...deadline('r2', 'within 6 days of started', 'visited', 'c.2'),
          ...deadline('r3', 'within 5 working days of started', 'visited', 'c.3'),
        ),
      ),
    ).toEqual([
      {
        code: 'pdl/conflicting-timescales',
        severity: 'warning',
        at: 'main.pdl:10:7-31',
        message:
          '`r1` and `r2` and `r3` give different timescales for the same obligation (met by `visited`): within 5 days of started (c.1) vs within 6 days of started (c.2) vs within 5 working days of started (c.3)',
        help: HELP,
        related: ['main.pdl:16:7-31 `r2`: within 6 days of started', 'main.pdl:22:7-39 `r3`: within 5 working days of started'],
      },
    ]);
  });

  it('the same timescale twice is no conflict; nor are different `met by` conditions, anchors, directions or `when`s', () => {
    expect(child(deadline('same', 'within 7 days of started', 'visited or called', 'c.1'))).toEqual([]);
    expect(
      child(
        deadline('a1', 'within 5 days of started', 'visited where visited.kind is home', 'c.1'),
        deadline('a2', 'within 6 days of started', 'visited where visited.kind is office', 'c.2'),
        deadline('a3', 'within 6 days of started', 'visited', 'c.3'),
        deadline('a4', 'at least 5 days before booked.for', 'visited', 'c.4'),
        deadline('a5', 'within 6 days of booked.for', 'visited', 'c.5'),
        deadline('a6', 'within 7 days of booked.for', 'visited', 'c.6', 'urgent'),
        deadline('a7', 'within 8 days of booked.for', 'visited', 'c.7', 'not urgent'),
        deadline('a8', 'within 8 days of visited', 'called', 'c.8'),
      ),
    ).toEqual([]);
  });

  it('the parts of an obligation are kept apart: names that run together are not the same obligation', () => {
    // Joined without separators, `x` + `yz` and `xy` + `z` (the `met by` events), or `x` then `ystarted`
    // and `xy` then `started` (the events, then the anchor), would read the same.
    const policy = (...rules: string[][]): Shown[] =>
      diagnostics(lines('policy t.one', '  title "O"', '', 'role sw "SW"', 'event started', 'event ystarted', 'event x', 'event xy', 'event yz', 'event z', ...rules.flat()));
    expect(policy(deadline('r1', 'within 5 days of started', 'x or yz', 'c.1'), deadline('r2', 'within 6 days of started', 'xy or z', 'c.2'))).toEqual([]);
    expect(policy(deadline('r1', 'within 5 days of ystarted', 'x', 'c.1'), deadline('r2', 'within 6 days of started', 'xy', 'c.2'))).toEqual([]);
  });

  it('conflicts only among the parent\'s rules are reported in the parent, not in the child', () => {
    const parent = lines(
      'policy t.parent',
      '  title "P"',
      '',
      'role sw "SW"',
      'event started',
      'event visited',
      ...deadline('p1', 'within 5 days of started', 'visited', 'p.1'),
      ...deadline('p2', 'within 6 days of started', 'visited', 'p.2'),
    );
    expect(diagnostics(parent).map((d) => d.code)).toEqual(['pdl/conflicting-timescales']);
    expect(diagnostics(lines('policy t.child extends t.parent', '  title "C"'), [parent])).toEqual([]);
  });

  it('an `override` of nothing is reported as that, not compared; an `override` of the parent\'s rule replaces it', () => {
    const override = (id: string, due: string): string[] => ['', `override deadline ${id} "V"`, '  owner sw', `  due ${due}`, '  met by called or visited', '  cite "c.9"'];
    expect(child(override('nothing_here', 'within 9 days of started')).map((d) => d.code)).toEqual(['pdl/override-of-nothing']);
    expect(child(override('visit', 'within 9 days of started'))).toEqual([]);
  });

  it('a duty met by the same event is not a deadline and is not compared', () => {
    const duty = ['', 'duty d1 "D"', '  owner sw', '  after booked', '  before booked.for', '  met by visited or called', '  cite "d.1"'];
    expect(child(duty)).toEqual([]);
  });
});
