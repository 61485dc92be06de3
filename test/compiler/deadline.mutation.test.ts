/**
 * The `deadline` kind (compiler/kinds/deadline.ts) beyond the golden cases: written to kill the
 * mutants those leave alive, which compare the IR and the diagnostics' messages but not the help, and
 * render no docs in the test's own run. Checked here: the whole `pdl/invalid-key` diagnostics (a
 * deadline measured from the child's birth, a second anchor event or a `met by` event without the key,
 * a key of another type), `when` reading the anchor event's attributes (of an event or a date
 * attribute anchor; not with several anchor events, nor from `child.dob`), the help for a cycle's
 * clause in a deadline, the IR fields the kind lowers (owners, key, more anchors, `whichever`, a
 * window, `counting from`, `up to the limit`), and each line of its block in `pdl docs` (the
 * default counting of a deadline before a meeting, counting given, owners, key, notification, repeats).
 *
 * Input: three small policies written here, compiled (and their docs rendered) inside each test, so
 * that Stryker counts the code they run. Output: assertions on whole diagnostics, IR and docs lines.
 */
import { describe, expect, it } from 'vitest';
import { compileToIr } from '../../compiler/pipeline.ts';
import { diagnosticsOf, docsLines, section } from './mutation-helpers.ts';

/** Deadlines that the compiler refuses or warns about. */
const REFUSED = [
  'policy t.dl',
  '  title "Deadlines"',
  '',
  'role sw "SW"',
  'role iro "IRO"',
  'event started { ref: text, urgent: boolean }',
  'event moved { urgent: boolean }',
  'event booked { for: date, ref: number, urgent: boolean }',
  'event done { ref: text }',
  'event other',
  '',
  'deadline k_dob "K"',
  '  owner sw',
  '  due 16 years after child.dob',
  '  met by done',
  '  matched by ref',
  '  cite "1"',
  '',
  'deadline k_also "K"',
  '  owner sw',
  '  due within 5 days of started or moved',
  '  met by done',
  '  matched by ref',
  '  cite "2"',
  '',
  'deadline k_metby "K"',
  '  owner sw',
  '  due within 5 days of started',
  '  met by done or other',
  '  matched by ref',
  '  cite "3"',
  '',
  'deadline k_type "K"',
  '  owner sw',
  '  due at least 5 days before booked.for',
  '  met by done',
  '  matched by ref',
  '  cite "4"',
  '',
  'deadline w_several "W"',
  '  owner sw',
  '  due within 5 days of started or moved',
  '  when started.urgent',
  '  met by done',
  '  cite "5"',
  '',
  'deadline w_attr "W"',
  '  owner sw',
  '  due at least 5 days before booked.for',
  '  when booked.urgent',
  '  met by done',
  '  cite "6"',
  '',
  'deadline w_dob "W"',
  '  owner sw',
  '  due 16 years after child.dob',
  '  when started.urgent',
  '  met by done',
  '  cite "7"',
  '',
  'deadline m_steps "M"',
  '  owner sw',
  '  due within 5 days of started',
  '  runs from started',
  '  met by done',
  '  cite "8"',
].join('\n');

/** Deadlines with each IR field the kind lowers. */
const FIELDS = [
  'policy t.dl',
  '  title "Deadlines"',
  '',
  'role sw "SW"',
  'role iro "IRO"',
  'event started { ref: text }',
  'event moved { ref: text }',
  'event booked { for: date } supersedes earlier',
  'event held',
  'event adjourned',
  'event done { ref: text }',
  '',
  'cycle review "Review"',
  '  owner iro',
  '  runs from started',
  '  first within 20 working days of started',
  '  then  within 6 months of the previous held',
  '  met by held',
  '  cite "reg 33"',
  '',
  'limit once "Once"',
  '  at most 1 adjourned per review',
  '  cite "reg 36"',
  '',
  'deadline keyed "K"',
  '  owner sw and iro',
  '  due within 5 days of started or moved',
  '  met by done',
  '  matched by ref',
  '  cite "1"',
  '',
  'deadline soonest "S"',
  '  owner sw or iro',
  '  due within 5 days of started or within 1 week of moved, whichever is sooner',
  '  met by done',
  '  cite "2"',
  '',
  'deadline windowed "W"',
  '  owner sw',
  '  due at least 5 days before booked.for, earliest 2 weeks before',
  '  counting from booked',
  '  met by done',
  '  cite "3"',
  '',
  'deadline limited "L"',
  '  owner iro',
  '  due within 20 working days of adjourned',
  '  counting from the previous held',
  '  up to the limit once',
  '  met by held',
  '  cite "4"',
].join('\n');

/** Deadlines with each line of the docs block. */
const DOCS = [
  'policy t.dl',
  '  title "Deadlines"',
  '',
  'role sw "SW"',
  'role iro "IRO"',
  'event started { ref: text, urgent: boolean }',
  'event booked { for: date, ref: text } supersedes earlier',
  'event held { ref: text }',
  'event adjourned',
  'event done { ref: text }',
  'fact disabled?: boolean',
  '',
  'cycle review "Review"',
  '  owner iro',
  '  runs from started',
  '  first within 20 working days of started',
  '  then  within 6 months of the previous held',
  '  met by held',
  '  cite "reg 33"',
  '',
  'limit once "Once"',
  '  at most 1 adjourned per review',
  '  cite "reg 36"',
  '',
  'deadline plain "Plain"',
  '  owner sw',
  '  due within 5 days of started',
  '  when started.urgent',
  '  met by done',
  '  matched by ref',
  '  cite "1"',
  '',
  'deadline before_booking "Before the booking"',
  '  owner sw',
  '  due at least 5 days before booked.for',
  '  met by done',
  '  cite "2"',
  '',
  'deadline since_booking "Since the booking"',
  '  due at least 5 days before booked.for',
  '  counting from booked',
  '  met by done',
  '  cite "3"',
  '',
  'deadline since_held "Since held"',
  '  owner sw',
  '  due at least 5 days before booked.for',
  '  counting from the previous held',
  '  met by done',
  '  notify "Due {{obligation.due}}"',
  '  cite "4"',
  '',
  'deadline since_for "Since for"',
  '  owner iro',
  '  due within 20 working days of adjourned',
  '  counting from the previous booked.for',
  '  up to the limit once',
  '  met by held',
  '  cite "5"',
].join('\n');

/** The block of rule `id` in the Markdown docs of `text`, without blank lines. */
function docsBlock(text: string, id: string): string[] {
  return section(docsLines(text), `rule-${id}`);
}

describe('deadline: refusals, whole diagnostics', () => {
  it('keys, `when` out of scope and a cycle\'s clause', () => {
    const shown = diagnosticsOf(REFUSED);
    const outOfScope = { code: 'pdl/attribute-out-of-scope', message: '`started.urgent` cannot be read here', help: "a deadline's `when` can read the attributes of the event it is measured from" };
    const missing = (event: string) => `every event the rule matches must carry the key: declare it, e.g. \`event ${event} { ref: text }\``;
    expect(shown).toEqual([
      {
        code: 'pdl/invalid-key',
        at: '16:14-17',
        message: "`matched by ref` needs an event to match: this deadline is measured from the child's date of birth",
        help: 'measure the deadline from an event that carries the key, or leave `matched by` out',
      },
      { code: 'pdl/invalid-key', at: '23:14-17', message: '`matched by ref`: the event it is measured from, `moved`, has no attribute `ref`', help: missing('moved') },
      { code: 'pdl/invalid-key', at: '30:14-17', message: '`matched by ref`: a `met by` event, `other`, has no attribute `ref`', help: missing('other') },
      {
        code: 'pdl/invalid-key',
        at: '37:14-17',
        message: '`matched by ref`: `booked.ref` is `number` but `done.ref` is `text`',
        help: 'declare `ref` with the same type on every event the rule matches',
        related: ['9:14 `done.ref` declared here'],
      },
      { ...outOfScope, at: '43:8-22' },
      { ...outOfScope, at: '57:8-22' },
      { code: 'pdl/misplaced-clause', at: '64:3-20', message: 'a deadline has no `runs from` clause', help: 'declare a `cycle` for an obligation that recurs' },
    ]);
  });
});

describe('deadline: the IR it lowers', () => {
  it('owners, key, more anchors, whichever, a window, counting and up to the limit', () => {
    const { ir, diagnostics } = compileToIr(FIELDS, { uri: 'd.pdl' });
    expect(diagnostics).toEqual([]);
    const picked = (ir?.rules ?? [])
      .filter((r) => r.kind === 'deadline')
      .map((r) => {
        const { title: _t, source: _s, policy: _p, citation: _c, metBy: _m, kind: _k, ...rest } = r as unknown as Record<string, unknown>;
        return rest;
      });
    const from = (event: string, amount: number, unit: string) => ({ direction: 'after', offset: { amount, unit }, anchor: { kind: 'event', event } });
    expect(picked).toEqual([
      { id: 'keyed', owner: 'sw', owners: { join: 'all', roles: ['sw', 'iro'] }, due: from('started', 5, 'days'), key: 'ref', alsoFrom: ['moved'] },
      { id: 'soonest', owner: 'sw', owners: { join: 'any', roles: ['sw', 'iro'] }, due: from('started', 5, 'days'), whichever: { pick: 'sooner', others: [from('moved', 1, 'weeks')] } },
      {
        id: 'windowed',
        owner: 'sw',
        due: { direction: 'before', offset: { amount: 5, unit: 'days' }, anchor: { kind: 'event_attribute', event: 'booked', attribute: 'for' } },
        window: { opens: { direction: 'before', offset: { amount: 2, unit: 'weeks' } } },
        counting: { kind: 'anchor' },
      },
      { id: 'limited', owner: 'iro', due: from('adjourned', 20, 'working_days'), counting: { kind: 'previous', event: 'held' }, upToLimit: 'once' },
    ]);
  });
});

describe('deadline: its block in pdl docs', () => {
  it('owners together or any of them, more anchors, the key, whichever, a window', () => {
    expect(docsBlock(FIELDS, 'keyed')).toEqual([
      'Rule `keyed` (deadline) · local to this policy · declared in `d.pdl`, line 25',
      '- **Owners**: SW (`sw`) and IRO (`iro`) (together)',
      '- **Due**: within 5 calendar days of the date of `started`, or of the date of `moved` (one deadline for each of those events)',
      '- **Met when**: `done` is recorded',
      '- **Matched by**: the event that meets it carries the same `ref` as the event it is measured from',
      '- **Cites**: 1',
    ]);
    expect(docsBlock(FIELDS, 'soonest').slice(1, 3)).toEqual([
      '- **Owners**: SW (`sw`) or IRO (`iro`) (any of them)',
      '- **Due**: within 5 calendar days of the date of `started`, or within 1 week of the date of `moved`, whichever is sooner',
    ]);
    expect(docsBlock(FIELDS, 'windowed')).toEqual([
      'Rule `windowed` (deadline) · local to this policy · declared in `d.pdl`, line 38',
      '- **Due**: at least 5 calendar days before the date `booked.for`, and not earlier than 2 weeks before that day',
      '- **Met when**: `done` is recorded',
      '- **Counted from**: the date of the event it is measured from',
      '- **Cites**: 3',
    ]);
  });

  it('a condition; counting by default before a meeting, from the previous event, from the previous date; notification; repeats', () => {
    expect(docsBlock(DOCS, 'plain')).toEqual([
      'Rule `plain` (deadline) · local to this policy · declared in `d.pdl`, line 25',
      '- **Due**: within 5 calendar days of the date of `started`',
      '- **Applies**: only when `started.urgent`',
      '- **Met when**: `done` is recorded',
      '- **Matched by**: the event that meets it carries the same `ref` as the event it is measured from',
      '- **Cites**: 1',
    ]);
    expect(docsBlock(DOCS, 'before_booking')).toEqual([
      'Rule `before_booking` (deadline) · local to this policy · declared in `d.pdl`, line 33',
      '- **Due**: at least 5 calendar days before the date `booked.for`',
      '- **Met when**: `done` is recorded',
      '- **Counted from**: the previous `booked.for`; any date when there is none (the default for a deadline before a meeting: work done since the previous meeting counts, before or after the booking)',
      '- **Cites**: 2',
    ]);
    expect(docsBlock(DOCS, 'since_booking').slice(1)).toEqual([
      '- **Due**: at least 5 calendar days before the date `booked.for`',
      '- **Met when**: `done` is recorded',
      '- **Counted from**: the date of the event it is measured from',
      '- **Cites**: 3',
    ]);
    expect(docsBlock(DOCS, 'since_held').slice(1)).toEqual([
      '- **Due**: at least 5 calendar days before the date `booked.for`',
      '- **Met when**: `done` is recorded',
      '- **Counted from**: the previous `held`; any date when there is none',
      '- **Notification**: `Due {{obligation.due}}` ([the template](#notify-since_held))',
      '- **Cites**: 4',
    ]);
    expect(docsBlock(DOCS, 'since_for').slice(1)).toEqual([
      '- **Due**: within 20 working days of the date of `adjourned`',
      '- **Met when**: `held` is recorded',
      '- **Counted from**: the previous `booked.for`; any date when there is none',
      '- **Repeats**: an event beyond the limit `once` gives no due date of its own',
      '- **Cites**: 5',
    ]);
  });
});

describe('deadline: what the rest of the compiler sees of it', () => {
  const HEAD = ['policy t.dl', '  title "Deadlines"', '', 'role sw "SW"', 'event started { urgent: boolean }', 'event moved', 'event done', ''];
  const rule = (id: string, due: string, ...more: string[]): string[] => [`deadline ${id} "V"`, '  owner sw', `  due ${due}`, ...more, '  met by done', `  cite "${id}"`, ''];
  const codes = (...rules: string[][]): string[] => compileToIr([...HEAD, ...rules.flat()].join('\n'), { uri: 'd.pdl' }).diagnostics.map((d) => d.code);

  it('a deadline whose `counting from`, `up to the limit` or key does not check is left out, so no lint compares it', () => {
    // The same obligation as `valid` with another timescale: kept, it would be a conflicting timescale.
    expect(codes(rule('valid', 'within 5 days of started'), rule('bad_counting', 'within 6 days of started', '  counting from nowhere'))).toEqual(['pdl/invalid-anchor']);
    expect(codes(rule('valid', 'within 5 days of started'), rule('bad_limit', 'within 7 days of started', '  up to the limit nolimit'))).toEqual(['pdl/unknown-rule']);
    expect(codes(rule('valid', 'within 5 days of started'), rule('bad_key', 'within 8 days of started', '  matched by nokey'))).toEqual(['pdl/invalid-key']);
    expect(codes(rule('valid', 'within 5 days of started'), rule('good', 'within 8 days of started'))).toEqual(['pdl/conflicting-timescales']);
  });

  it('`when` reads the anchor event with a window or `whichever`, not with several anchor events (with or without a window)', () => {
    expect(codes(rule('windowed', 'within 5 days of started, earliest 1 day before', '  when started.urgent'))).toEqual([]);
    expect(codes(rule('soonest', 'within 5 days of started or within 1 week of moved, whichever is sooner', '  when started.urgent'))).toEqual([]);
    expect(codes(rule('several', 'within 5 days of started or moved', '  when started.urgent'))).toEqual(['pdl/attribute-out-of-scope']);
    expect(codes(rule('several', 'within 5 days of started or moved, earliest 1 day before', '  when started.urgent'))).toEqual(['pdl/attribute-out-of-scope']);
  });
});
