/**
 * The `cycle` kind (compiler/kinds/cycle.ts) beyond the golden cases and the runtime's cycle suites:
 * written to kill the mutants those leave alive. Checked here: the whole diagnostics of each refused
 * cycle (no `first` step, two steps for one occurrence, a first step measured from an event that
 * does not start the run, a first step reading the event that meets it, a later step reading the event
 * that starts the run, unknown events in `runs from`, `until` and `restarts on`, `until ... where`
 * and `restarts on ... where` reading another event, a `when` reading an event), each with a `when`
 * that never holds, so that a cycle kept in spite of its error shows as a `pdl/never-applies`
 * warning; the whole IR of each form (restarts with and without `where`, steps out of order, `then`
 * steps with and without `when`); and the cycle's docs block.
 *
 * Input: small policies written here, compiled (and their docs rendered) inside each test, so that
 * Stryker counts the code they run. Output: assertions on whole diagnostics, IR and docs lines.
 */
import { describe, expect, it } from 'vitest';
import { compileToIr } from '../../compiler/pipeline.ts';
import { checkedRules, diagnosticsOf, docsLines, section } from './mutation-helpers.ts';

/** One mistake a cycle (but `kept`), each with a `when` that never holds. */
const REFUSED = `policy t.cy
  title "Cycles"

role iro "IRO"
fact f: boolean
event started { urgent: boolean }
event ended { early: boolean }
event moved { planned: boolean }
event held { full: boolean }

cycle kept "Kept"
  owner iro
  runs from started until ended
  first within 20 days of started
  met by held
  when f and not f
  cite "0"

cycle no_first "R"
  owner iro
  runs from started until ended
  second within 20 days of the previous held
  met by held
  when f and not f
  cite "1"

cycle twice "R"
  owner iro
  runs from started until ended
  first within 20 days of started
  first within 10 days of started
  met by held
  when f and not f
  cite "2"

cycle bad_due "R"
  owner iro
  runs from started until ended
  first within 20 days of held
  met by held
  when f and not f
  cite "3"

cycle first_reads_held "R"
  owner iro
  runs from started until ended
  first within 20 days of started when held.full
  met by held
  when f and not f
  cite "4"

cycle later_reads_started "R"
  owner iro
  runs from started until ended
  first within 20 days of started
  then within 1 month of the previous held when started.urgent
  met by held
  when f and not f
  cite "5"

cycle unknown_start "R"
  owner iro
  runs from started or ghost until ended
  first within 20 days of started
  met by held
  when f and not f
  cite "6"

cycle unknown_end "R"
  owner iro
  runs from started until ghost
  first within 20 days of started
  met by held
  when f and not f
  cite "7"

cycle unknown_restart "R"
  owner iro
  runs from started until ended
  restarts on ghost
  first within 20 days of started
  met by held
  when f and not f
  cite "8"

cycle bad_until "R"
  owner iro
  runs from started until ended where moved.planned
  first within 20 days of started
  met by held
  when f and not f
  cite "9"

cycle bad_restart "R"
  owner iro
  runs from started until ended
  restarts on moved where ended.early
  first within 20 days of started
  met by held
  when f and not f
  cite "10"

cycle bad_when "R"
  owner iro
  runs from started until ended
  first within 20 days of started
  met by held
  when held.full
  cite "11"
`;

/** Cycles of each form. */
const CYCLES = `policy t.cg
  title "Cycles"

role iro "IRO"
role tm "TM"
fact f: boolean
event started { urgent: boolean }
event ended { early: boolean }
event moved { planned: boolean }
event paused
event held { full: boolean }

cycle full "Full"
  owner iro and tm
  runs from started until ended where ended.early
  restarts on moved where moved.planned
  restarts on paused
  second within 3 months of the previous held cite "s2"
  first within 20 working days of started when started.urgent
  then within 6 months of the previous held when held.full cite "s3"
  then within 12 months of the previous held
  met by held
  when f
  notify "Review {{obligation.due}}"
  cite "full"

cycle plain "Plain"
  owner iro
  runs from started or moved until ended or paused
  first within 10 days of started
  met by held
  cite "plain"
`;

describe('cycle: refusals, whole diagnostics', () => {
  it('each mistake refuses its cycle: no other cycle than `kept` reaches the lints', () => {
    expect(diagnosticsOf(REFUSED)).toEqual([
      { code: 'pdl/never-applies', at: '16:3-19', message: 'cycle `kept` can never apply: `f and not f` is never true', help: 'the parts of the condition contradict each other; check the document for the intended condition' },
      { code: 'pdl/missing-clause', at: '19:1-19', message: 'cycle `no_first` has no `first` step', help: 'add a line such as `first within 20 working days of became_looked_after`' },
      { code: 'pdl/duplicate-step', at: '31:3-8', message: 'two steps for occurrence 1 of `twice`', help: 'give each its own `when` with `then`, or remove one', related: ['30:3 the other step'] },
      { code: 'pdl/invalid-anchor', at: '39:27-31', message: 'the first step of `bad_due` is measured from `held`, which does not start its runs', help: 'measure it from `started` (the events in `runs from` and `restarts on`)' },
      { code: 'pdl/attribute-out-of-scope', at: '47:40-49', message: '`held.full` cannot be read here', help: 'the first step can read the event that starts the run: `started`' },
      { code: 'pdl/attribute-out-of-scope', at: '56:49-63', message: '`started.urgent` cannot be read here', help: 'a later step can read the event that met the previous occurrence: `held`' },
      { code: 'pdl/unknown-event', at: '63:24-29', message: 'unknown event `ghost`', help: 'declare it with `event ghost`, or use one of the declared events' },
      { code: 'pdl/unknown-event', at: '71:27-32', message: 'unknown event `ghost`', help: 'declare it with `event ghost`, or use one of the declared events' },
      { code: 'pdl/unknown-event', at: '80:15-20', message: 'unknown event `ghost`', help: 'declare it with `event ghost`, or use one of the declared events' },
      { code: 'pdl/attribute-out-of-scope', at: '88:39-52', message: '`moved.planned` cannot be read here', help: '`until ... where` reads the event that would end the run: `ended`' },
      { code: 'pdl/attribute-out-of-scope', at: '97:27-38', message: '`ended.early` cannot be read here', help: '`restarts on ... where` reads the event that would restart the run: `moved`' },
      { code: 'pdl/attribute-out-of-scope', at: '108:8-17', message: '`held.full` cannot be read here', help: "a cycle's `when` is read once per run, from the event that starts it: `started`" },
    ]);
  });
});

describe('cycle: the IR it lowers', () => {
  it('runs, restarts with and without `where`, steps in the order written, owners, when and notify', () => {
    const { ir, diagnostics } = compileToIr(CYCLES, { uri: 'main.pdl' });
    expect(diagnostics).toEqual([]);
    const isTrue = (left: object, text: string) => ({ kind: 'compare', op: '=', left, right: { kind: 'literal', value: true, type: 'boolean' }, text });
    const attr = (event: string, attribute: string) => ({ kind: 'attribute', event, attribute });
    const after = (amount: number, unit: string, kind: string) => ({ direction: 'after', offset: { amount, unit }, anchor: { kind } });
    const at = (line: number) => ({ file: 'main.pdl', line, column: 3 });
    expect(ir?.rules).toEqual([
      {
        kind: 'cycle',
        id: 'full',
        title: 'Full',
        owner: 'iro',
        owners: { join: 'all', roles: ['iro', 'tm'] },
        metBy: { events: ['held'] },
        citation: 'full',
        source: { file: 'main.pdl', line: 13, column: 7 },
        policy: 't.cg',
        when: isTrue({ kind: 'fact', fact: 'f' }, 'f'),
        notify: { subject: 'Review {{obligation.due}}' },
        startsOn: ['started'],
        endsOn: ['ended'],
        restartsOn: ['moved', 'paused'],
        endsWhere: [{ event: 'ended', where: isTrue(attr('ended', 'early'), 'ended.early') }],
        restartsWhere: [{ event: 'moved', where: isTrue(attr('moved', 'planned'), 'moved.planned') }],
        steps: [
          { ordinal: 2, due: after(3, 'months', 'previous'), citation: 's2', source: at(18) },
          { ordinal: 1, due: after(20, 'working_days', 'run_start'), when: isTrue(attr('started', 'urgent'), 'started.urgent'), citation: 'full', source: at(19) },
          { ordinal: 'repeat', due: after(6, 'months', 'previous'), when: isTrue(attr('held', 'full'), 'held.full'), citation: 's3', source: at(20) },
          { ordinal: 'repeat', due: after(12, 'months', 'previous'), citation: 'full', source: at(21) },
        ],
      },
      {
        kind: 'cycle',
        id: 'plain',
        title: 'Plain',
        owner: 'iro',
        metBy: { events: ['held'] },
        citation: 'plain',
        source: { file: 'main.pdl', line: 27, column: 7 },
        policy: 't.cg',
        startsOn: ['started', 'moved'],
        endsOn: ['ended', 'paused'],
        restartsOn: [],
        steps: [{ ordinal: 1, due: after(10, 'days', 'run_start'), citation: 'plain', source: at(30) }],
      },
    ]);
  });
});

describe('cycle: pdl docs', () => {
  it('a cycle with two owners is shown under each, its anchor given once', () => {
    const lines = docsLines(CYCLES);
    const anchors = lines.flatMap((l) => [...l.matchAll(/<a id="([^"]+)"><\/a>/g)].map((m) => m[1]));
    expect(anchors.filter((a) => a === 'rule-full')).toHaveLength(1);
    expect(anchors).toContain('rule-full--tm');
    expect(new Set(anchors).size).toBe(anchors.length);
    expect(section(lines, 'rule-full--tm')).toEqual(section(lines, 'rule-full'));
  });
  it('its runs, restarts, owners, condition, steps in order of occurrence, met by and notification', () => {
    const lines = docsLines(CYCLES);
    expect(section(lines, 'rule-full')).toEqual([
      'Rule `full` (cycle) · local to this policy · declared in `d.pdl`, line 13',
      'A recurring obligation. Each run starts on the date of `started` and ends on the date of `ended` where `ended.early`.',
      'A new run, counted from the first again, starts at once on the date of `moved` where `moved.planned` or the date of `paused`.',
      '- **Owners**: IRO (`iro`) and TM (`tm`) (together)',
      '- **Applies**: only when `f`, read when each run starts',
      'Each occurrence is due:',
      '1. **First**: within 20 working days of the date of `started` (or, when the cycle restarts, the date of `moved` or the date of `paused`), only when `started.urgent`. Cites: full',
      '2. **Second**: within 3 months of the previous full (the date of the `held` that met it). Cites: s2',
      '3. **Third and each later one**: within 6 months of the previous full (the date of the `held` that met it), only when `held.full`. Cites: s3',
      '4. **Third and each later one**: within 12 months of the previous full (the date of the `held` that met it). Cites: full',
      '- **Met when**: `held` is recorded',
      '- **Notification**: `Review {{obligation.due}}` ([the template](#notify-full))',
      '- **Cites**: full',
    ]);
    expect(section(lines, 'rule-plain')).toEqual([
      'Rule `plain` (cycle) · local to this policy · declared in `d.pdl`, line 27',
      'A recurring obligation. Each run starts on the date of `started` or the date of `moved` and ends on the date of `ended` or the date of `paused`.',
      'Each occurrence is due:',
      '1. **First**: within 10 calendar days of the date of `started` or the date of `moved`. Cites: plain',
      '- **Met when**: `held` is recorded',
      '- **Cites**: plain',
    ]);
  });
});

describe('cycle: written after the first mutation run', () => {
  it('only `kept` of the refusals checked, the cycle whose own `when` reads an event among them', () => {
    expect(checkedRules(REFUSED)).toEqual(['kept']);
  });

  it('a cycle with no `runs from`: the missing clause and the step it leaves unanchored, and no cycle', () => {
    const text = ['policy t.nr', '  title "No runs"', '', 'role sw "SW"', 'event started', 'event held', '', 'cycle c "C"', '  owner sw', '  first within 5 days of started', '  met by held', '  cite "1"'].join('\n');
    expect(diagnosticsOf(text)).toEqual([
      { code: 'pdl/missing-clause', at: '8:1-12', message: 'cycle `c` has no `runs from` clause', help: 'add a line such as `runs from became_looked_after until ceased_looked_after`' },
      { code: 'pdl/invalid-anchor', at: '10:26-33', message: 'the first step of `c` is measured from `started`, which does not start its runs', help: 'add `runs from EVENT` to the cycle' },
    ]);
    expect(checkedRules(text)).toEqual([]);
  });

  it('a cycle with no `runs from` whose step the `restarts on` event anchors: only the missing clause, and no cycle', () => {
    const text = ['policy t.nr', '  title "No runs"', '', 'role sw "SW"', 'event started', 'event held', '', 'cycle c "C"', '  owner sw', '  restarts on started', '  first within 5 days of started', '  met by held', '  cite "1"'].join('\n');
    expect(diagnosticsOf(text)).toEqual([
      { code: 'pdl/missing-clause', at: '8:1-12', message: 'cycle `c` has no `runs from` clause', help: 'add a line such as `runs from became_looked_after until ceased_looked_after`' },
    ]);
    expect(checkedRules(text)).toEqual([]);
  });
});

describe('cycle: written after the mutation run of the whole of compiler/kinds/', () => {
  it('a cycle with no `until`: its runs start, and the docs say nothing of how they end', () => {
    const text = ['policy t.nu', '  title "No until"', '', 'role sw "SW"', 'event started', 'event held', '', 'cycle unending "Unending"', '  owner sw', '  runs from started', '  first within 5 days of started', '  met by held', '  cite "1"'].join('\n');
    expect(section(docsLines(text), 'rule-unending').slice(0, 2)).toEqual([
      'Rule `unending` (cycle) · local to this policy · declared in `d.pdl`, line 8',
      'A recurring obligation. Each run starts on the date of `started`.',
    ]);
  });
});
