/**
 * The `duty` kind (compiler/kinds/duty.ts) beyond the golden cases and the runtime's duty suites:
 * written to kill the mutants those leave alive. Checked here: the whole diagnostics of each refused
 * bound (a child attribute other than `dob`, an attribute that is no date, an attribute of another
 * event than the trigger, of a cycle's occurrence or of no trigger, an event that names no date), of
 * a missing or doubled trigger, of a key on a cycle's duty and of a deadline's or cycle's clause in a
 * duty; the whole IR of each form (trigger with `where`, each bound, wording, owners, `when`, `met by
 * ... where`, notify, key); and the duty's docs: its section, each line of its block and the duties
 * listed under each owner's role.
 *
 * Input: two small policies written here, compiled (and their docs rendered) inside each test, so
 * that Stryker counts the code they run. Output: assertions on whole diagnostics, IR and docs lines.
 */
import { describe, expect, it } from 'vitest';
import { compileToIr } from '../../compiler/pipeline.ts';
import { checkedRules, diagnosticsOf, docsLines, section } from './mutation-helpers.ts';

/** Duties the compiler refuses. */
const REFUSED = [
  'policy t.du',
  '  title "Duties"',
  '',
  'role sw "SW"',
  'role iro "IRO"',
  'event booked { for: date, note: text, ref: text }',
  'event started { on: date }',
  'event done { ref: text }',
  'event held',
  '',
  'cycle review "Review"',
  '  owner iro',
  '  runs from started',
  '  first within 20 working days of started',
  '  then  within 6 months of the previous held',
  '  met by held',
  '  cite "reg 33"',
  '',
  'duty b_child "B"',
  '  owner sw',
  '  after booked',
  '  before child.name',
  '  met by done',
  '  cite "1"',
  '',
  'duty b_text "B"',
  '  owner sw',
  '  after booked',
  '  before booked.note',
  '  met by done',
  '  cite "2"',
  '',
  'duty b_other "B"',
  '  owner sw',
  '  after booked',
  '  before started.on',
  '  met by done',
  '  cite "3"',
  '',
  'duty b_cycle "B"',
  '  owner sw',
  '  for each review',
  '  before started.on',
  '  met by done',
  '  cite "4"',
  '',
  'duty b_event "B"',
  '  owner sw',
  '  after booked',
  '  before held',
  '  met by done',
  '  cite "5"',
  '',
  'duty t_none "T"',
  '  owner sw',
  '  before started.on',
  '  met by done',
  '  cite "7"',
  '',
  'duty t_both "T"',
  '  owner sw',
  '  after booked',
  '  for each review',
  '  met by done',
  '  cite "8"',
  '',
  'duty k_cycle "K"',
  '  owner sw',
  '  for each review',
  '  met by done',
  '  matched by ref',
  '  cite "9"',
  '',
  'duty m_due "M"',
  '  owner sw',
  '  after booked',
  '  due within 5 days of booked',
  '  first within 5 days of booked',
  '  runs from booked',
  '  met by done',
  '  cite "10"',
].join('\n');

/** Duties of each form. */
const DUTIES = [
  'policy t.du',
  '  title "Duties"',
  '',
  'role sw "SW"',
  'role iro "IRO"',
  'event booked { for: date, ref: text, urgent: boolean }',
  'event started',
  'event done { ref: text }',
  'event held',
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
  'duty open_ended "Open"',
  '  owner sw',
  '  after booked where booked.urgent',
  '  met by done',
  '  matched by ref',
  '  cite "1"',
  '',
  'duty by_next "Next"',
  '  owner sw and iro',
  '  for each review',
  '  by the next held',
  '  when disabled',
  '  met by done where done.ref is "x"',
  '  cite "2"',
  '',
  'duty on_date "On"',
  '  owner sw or iro',
  '  after booked',
  '  before booked.for',
  '  wording "as soon as practicable"',
  '  met by done',
  '  notify "Do it by {{obligation.due}}"',
  '  cite "3"',
  '',
  'duty two_days "Two"',
  '  owner iro',
  '  after booked',
  '  before 2 days before booked.for',
  '  met by done',
  '  cite "4"',
  '',
  'duty at_eighteen "Eighteen"',
  '  owner sw',
  '  after started',
  '  before 18 years after child.dob',
  '  met by held',
  '  cite "5"',
].join('\n');

const BOUND_HELP =
  'a duty is bounded by a date attribute of the event it follows (`before review_scheduled.for`), a date measured from `child.dob` (`before 18 years after child.dob`), or the next event of a type (`by the next review_held`)';

describe('duty: refusals, whole diagnostics', () => {
  it('bounds, triggers, a key on a cycle\'s duty, a deadline\'s and a cycle\'s clauses', () => {
    const shown = diagnosticsOf(REFUSED);
    expect(shown).toEqual([
      { code: 'pdl/unknown-attribute', at: '22:16-20', message: 'the child has no attribute `name`', help: 'a bound may be measured from `child.dob`' },
      { code: 'pdl/anchor-not-a-date', at: '29:10-21', message: '`booked.note` is a text, not a date', help: BOUND_HELP },
      { code: 'pdl/invalid-anchor', at: '36:10-20', message: 'a duty that follows `booked` cannot be bounded by `started.on`: which `started` would it be?', help: BOUND_HELP },
      { code: 'pdl/invalid-anchor', at: '43:10-20', message: 'a duty that follows each occurrence of `review` cannot be bounded by `started.on`: which `started` would it be?', help: BOUND_HELP },
      { code: 'pdl/invalid-anchor', at: '50:10-14', message: '`before held` names no date', help: `write \`by the next held\` for the first \`held\` after the trigger; ${BOUND_HELP}` },
      { code: 'pdl/missing-clause', at: '54:1-16', message: 'duty `t_none` says neither what it follows (`after EVENT`) nor which cycle (`for each CYCLE`)', help: 'add a line such as `after review_scheduled` or `for each looked_after_review`' },
      { code: 'pdl/invalid-anchor', at: '56:10-20', message: 'a duty that follows its trigger cannot be bounded by `started.on`: which `started` would it be?', help: BOUND_HELP },
      { code: 'pdl/duplicate-clause', at: '63:3-18', message: 'duty `t_both` follows one thing: `after booked` or `for each review`, not both', help: 'keep one; declare a second duty for the other', related: ['62:3 the other trigger'] },
      { code: 'pdl/invalid-key', at: '71:14-17', message: '`matched by ref` needs an event to match: this duty follows each occurrence of `review`', help: 'make the duty follow an event that carries the key (`after EVENT`), or leave `matched by` out' },
      { code: 'pdl/misplaced-clause', at: '77:3-30', message: 'a duty has no `due` clause', help: 'a duty has no number of days: declare a `deadline` for one that has (`due within ...`), or bound the duty with `before EVENT.DATE` or `by the next EVENT`' },
      { code: 'pdl/misplaced-clause', at: '78:3-32', message: 'a duty has no `first/second/then` clause', help: 'a duty has no timescale; `for each CYCLE` makes it follow each occurrence of a cycle' },
      { code: 'pdl/misplaced-clause', at: '79:3-19', message: 'a duty has no `runs from` clause', help: 'a duty follows an event (`after EVENT`) or each occurrence of a cycle (`for each CYCLE`)' },
    ]);
  });
});

describe('duty: the IR it lowers', () => {
  it('each trigger, bound, owners, wording, when, met by where, notify and key', () => {
    const { ir, diagnostics } = compileToIr(DUTIES, { uri: 'd.pdl' });
    expect(diagnostics).toEqual([]);
    const isUrgent = { kind: 'compare', op: '=', left: { kind: 'attribute', event: 'booked', attribute: 'urgent' }, right: { kind: 'literal', value: true, type: 'boolean' }, text: 'booked.urgent' };
    const base = (id: string, title: string, citation: string, line: number) => ({ kind: 'duty', id, title, citation, source: { file: 'd.pdl', line, column: 6 }, policy: 't.du' });
    const forDate = (direction: string, amount: number, unit: string, anchor: object) => ({ kind: 'date', due: { direction, offset: { amount, unit }, anchor } });
    const bookedFor = { kind: 'event_attribute', event: 'booked', attribute: 'for' };
    expect(ir?.duties).toEqual([
      { ...base('open_ended', 'Open', '1', 20), owner: 'sw', trigger: { kind: 'event', event: 'booked', where: isUrgent }, metBy: { events: ['done'] }, key: 'ref' },
      {
        ...base('by_next', 'Next', '2', 27),
        owner: 'sw',
        owners: { join: 'all', roles: ['sw', 'iro'] },
        trigger: { kind: 'cycle', cycle: 'review' },
        bound: { kind: 'next_event', event: 'held' },
        metBy: {
          events: ['done'],
          where: { kind: 'compare', op: '=', left: { kind: 'attribute', event: 'done', attribute: 'ref' }, right: { kind: 'literal', value: 'x', type: 'text' }, text: 'done.ref is "x"' },
        },
        when: { kind: 'compare', op: '=', left: { kind: 'fact', fact: 'disabled' }, right: { kind: 'literal', value: true, type: 'boolean' }, text: 'disabled' },
      },
      {
        ...base('on_date', 'On', '3', 35),
        owner: 'sw',
        owners: { join: 'any', roles: ['sw', 'iro'] },
        trigger: { kind: 'event', event: 'booked' },
        bound: forDate('after', 0, 'days', bookedFor),
        wording: 'as soon as practicable',
        metBy: { events: ['done'] },
        notify: { subject: 'Do it by {{obligation.due}}' },
      },
      { ...base('two_days', 'Two', '4', 44), owner: 'iro', trigger: { kind: 'event', event: 'booked' }, bound: forDate('before', 2, 'days', bookedFor), metBy: { events: ['done'] } },
      { ...base('at_eighteen', 'Eighteen', '5', 51), owner: 'sw', trigger: { kind: 'event', event: 'started' }, bound: forDate('after', 18, 'years', { kind: 'child_dob' }), metBy: { events: ['held'] } },
    ]);
  });
});

describe('duty: pdl docs', () => {
  it('a section of its own, with its introduction', () => {
    const lines = docsLines(DUTIES);
    expect(lines).toContain('- [Duties](#duties)');
    expect(section(lines, 'duties')).toEqual([
      'What someone must do after an event, or for each occurrence of a cycle, with no number of days: each is outstanding until it is met, and missed when its bound passes unmet.',
    ]);
  });

  it('each line of each duty\'s block', () => {
    const lines = docsLines(DUTIES);
    expect(section(lines, 'rule-open_ended')).toEqual([
      'Rule `open_ended` (duty) · local to this policy · declared in `d.pdl`, line 20',
      '- **Owner**: SW (`sw`)',
      '- **After**: `booked` is recorded, where `booked.urgent`',
      '- **By**: no fixed date: it stays outstanding until it is met',
      '- **Met when**: `done` is recorded',
      '- **Matched by**: the event that meets it carries the same `ref` as the event it follows',
      '- **Cites**: 1',
    ]);
    expect(section(lines, 'rule-by_next')).toEqual([
      'Rule `by_next` (duty) · local to this policy · declared in `d.pdl`, line 27',
      '- **Owners**: SW (`sw`) and IRO (`iro`) (together)',
      '- **After**: each occurrence of [Review](#rule-review) (`review`)',
      '- **By**: no later than the next time `held` is recorded (that day included)',
      '- **Applies**: only when `disabled`',
      '- **Met when**: `done` is recorded, where `done.ref is "x"`',
      '- **Cites**: 2',
    ]);
    expect(section(lines, 'rule-on_date')).toEqual([
      'Rule `on_date` (duty) · local to this policy · declared in `d.pdl`, line 35',
      '- **Owners**: SW (`sw`) or IRO (`iro`) (any of them)',
      '- **After**: `booked` is recorded',
      '- **By**: on or before the date `booked.for`',
      "- **In the document's words**: \"as soon as practicable\"",
      '- **Met when**: `done` is recorded',
      '- **Notification**: `Do it by {{obligation.due}}` ([the template](#notify-on_date))',
      '- **Cites**: 3',
    ]);
    expect(section(lines, 'rule-two_days')).toEqual([
      'Rule `two_days` (duty) · local to this policy · declared in `d.pdl`, line 44',
      '- **Owner**: IRO (`iro`)',
      '- **After**: `booked` is recorded',
      '- **By**: on or before the day 2 calendar days before the date `booked.for`',
      '- **Met when**: `done` is recorded',
      '- **Cites**: 4',
    ]);
    expect(section(lines, 'rule-at_eighteen').slice(3, 4)).toEqual(["- **By**: on or before the day 18 years after the child's date of birth"]);
  });

  it('each owner\'s role lists its duties, a duty of several owners under each', () => {
    const lines = docsLines(DUTIES);
    expect(section(lines, 'role-sw')).toEqual([
      'No deadline or cycle of its own.',
      'Other duties:',
      '- **Duties**: [Open](#rule-open_ended), [Next](#rule-by_next), [On](#rule-on_date) and [Eighteen](#rule-at_eighteen)',
    ]);
    expect(section(lines, 'role-iro')).toEqual(['Other duties:', '- **Duties**: [Next](#rule-by_next), [On](#rule-on_date) and [Two](#rule-two_days)']);
  });
});

describe('duty: a key missing from the event it follows or from a `met by` event', () => {
  it('names which event lacks it and in what role', () => {
    const text = [
      'policy t.du', '  title "D"', '', 'role sw "SW"', 'event booked { ref: text }', 'event started', 'event done { ref: text }', 'event other', '',
      'duty k_trigger "K"', '  owner sw', '  after started', '  met by done', '  matched by ref', '  cite "1"', '',
      'duty k_metby "K"', '  owner sw', '  after booked', '  met by done or other', '  matched by ref', '  cite "2"', '',
    ].join('\n');
    const help = (event: string) => `every event the rule matches must carry the key: declare it, e.g. \`event ${event} { ref: text }\``;
    expect(diagnosticsOf(text)).toEqual([
      { code: 'pdl/invalid-key', at: '14:14-17', message: '`matched by ref`: the event it follows, `started`, has no attribute `ref`', help: help('started') },
      { code: 'pdl/invalid-key', at: '21:14-17', message: '`matched by ref`: a `met by` event, `other`, has no attribute `ref`', help: help('other') },
    ]);
  });
});

describe('duty: one mistake a duty, each refusing it', () => {
  /** Written after the first mutation run: an unknown trigger event or cycle, a trigger `where` reading another event, an unknown next event, an unknown owner. */
  const ONE_EACH = `policy t.du
  title "Duties"

role sw "SW"
event booked { for: date, ref: text }
event done { ref: text }

duty d_event "D"
  owner sw
  after ghost
  met by done
  cite "1"

duty d_cycle "D"
  owner sw
  for each ghost
  met by done
  cite "2"

duty d_where "D"
  owner sw
  after booked where done.ref is "x"
  met by done
  cite "3"

duty d_next "D"
  owner sw
  after booked
  by the next ghost
  met by done
  cite "4"

duty d_owner "D"
  owner ghost
  after booked
  met by done
  cite "5"

duty kept "D"
  owner sw
  after booked
  before booked.for
  met by done
  cite "6"
`;

  it('each reported in full', () => {
    expect(diagnosticsOf(ONE_EACH)).toEqual([
      { code: 'pdl/unknown-event', at: '10:9-14', message: 'unknown event `ghost`', help: 'declare it with `event ghost`, or use one of the declared events' },
      { code: 'pdl/unknown-rule', at: '16:12-17', message: 'unknown cycle `ghost`', help: 'declare a `cycle` first' },
      { code: 'pdl/attribute-out-of-scope', at: '22:22-30', message: '`done.ref` cannot be read here', help: "a duty's `when` can read the attributes of the event it follows: `booked`" },
      { code: 'pdl/unknown-event', at: '29:15-20', message: 'unknown event `ghost`', help: 'declare it with `event ghost`, or use one of the declared events' },
      { code: 'pdl/unknown-role', at: '34:9-14', message: 'unknown role `ghost`', help: 'declare it with `role ghost "Title"`' },
    ]);
  });

  it('only `kept` checked; of the refusals above, the cycle and the duty whose clauses are only misplaced', () => {
    expect(checkedRules(ONE_EACH)).toEqual(['kept']);
    expect(checkedRules(REFUSED)).toEqual(['review', 'm_due']);
  });
});

describe('duty: a missing `met by`, and the IR as plain JSON', () => {
  it('a keyed duty with no `met by` is refused with the missing clause alone', () => {
    const text = ['policy t.du', '  title "D"', '', 'role sw "SW"', 'event booked { ref: text }', '', 'duty no_met_by "D"', '  owner sw', '  after booked', '  matched by ref', '  cite "1"', ''].join('\n');
    expect(diagnosticsOf(text)).toEqual([{ code: 'pdl/missing-clause', at: '7:1-19', message: 'duty `no_met_by` has no `met by` clause', help: 'add a line such as `met by review_held`' }]);
    expect(checkedRules(text)).toEqual([]);
  });

  it('no field of a duty is present with the value `undefined` (a duty without a bound or wording leaves them out)', () => {
    const duties = compileToIr(DUTIES, { uri: 'd.pdl' }).ir?.duties;
    expect(duties?.length).toBe(5);
    expect(duties).toStrictEqual(JSON.parse(JSON.stringify(duties)));
  });
});

describe('duty: written after the mutation run of the whole of compiler/kinds/', () => {
  /**
   * A trigger line lost to a syntax error (the duty is `incomplete`: no "neither what it follows"),
   * a bound whose duration has no unit (reported when the AST was built: the duty is refused, not
   * kept with `days` guessed), a bound naming an attribute its event lacks, and a cycle's duty whose
   * `when` reads an event (it follows no event, so the help names none).
   */
  const MORE = `policy t.du
  title "Duties"

role sw "SW"
event booked { for: date, ref: text }
event started
event done { ref: text }
event held

cycle review "Review"
  owner sw
  runs from started
  first within 20 working days of started
  met by held
  cite "reg 33"

duty lost_trigger "D"
  owner sw
  aftr booked
  met by done
  cite "1"

duty no_unit "D"
  owner sw
  after booked
  before 3 after child.dob
  met by done
  cite "2"

duty no_attribute "D"
  owner sw
  after booked
  before booked.nope
  met by done
  cite "3"

duty cycle_when "D"
  owner sw
  for each review
  when booked.ref is "x"
  met by done
  cite "4"

duty kept "D"
  owner sw
  after booked
  before booked.for
  met by done
  cite "5"
`;

  it('each reported in full, once', () => {
    expect(diagnosticsOf(MORE)).toEqual([
      { code: 'pdl/syntax-error', at: '19:3-7', message: '`aftr` does not start a clause of a duty', help: 'did you mean `after`?' },
      { code: 'pdl/duration-without-unit', at: '26:10-11', message: '`3` has no unit', help: 'say which: `3 working days`, `3 days` (calendar days), `3 weeks` or `3 months`' },
      { code: 'pdl/unknown-attribute', at: '33:17-21', message: 'event `booked` has no attribute `nope`', help: 'its attributes: `for`, `ref`' },
      { code: 'pdl/attribute-out-of-scope', at: '40:8-18', message: '`booked.ref` cannot be read here', help: "a duty's `when` can read the attributes of the event it follows" },
    ]);
  });

  it('only the cycle and `kept` checked', () => {
    expect(checkedRules(MORE)).toEqual(['review', 'kept']);
  });
});
