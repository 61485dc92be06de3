/**
 * The `order` kind (compiler/kinds/order.ts) beyond the golden cases and the runtime's order suite:
 * written to kill the mutants those leave alive. Checked here: the whole diagnostics of an order of
 * an event after itself (and the two orders on one event that are allowed, a `where` on either side),
 * an unknown owner, a `where` or `when` reading another event than its own, a window of 0, a key
 * missing from the step or the earlier event or of two types, and a deadline's clauses in an order;
 * the whole IR of each form; and the order's docs: its section, each line of its block, and the
 * "Must first" line under the owner's role.
 *
 * Input: two small policies written here, compiled (and their docs rendered) inside each test, so
 * that Stryker counts the code they run. Output: assertions on whole diagnostics, IR and docs lines.
 */
import { describe, expect, it } from 'vitest';
import { compileToIr } from '../../compiler/pipeline.ts';
import { checkedRules, diagnosticsOf, docsLines, section } from './mutation-helpers.ts';

/** Orders the compiler refuses (and two it accepts: `o_filtered`, `o_filtered2`). */
const REFUSED = [
  'policy t.or',
  '  title "Orders"',
  '',
  'role sw "SW"',
  'role tm "TM"',
  'event asked { by: role, ref: text, urgent: boolean }',
  'event discussed { with: role, ref: number }',
  'event noted { ref: text }',
  'event called',
  '',
  'order o_self "Self"',
  '  step asked',
  '  after asked',
  '  cite "1"',
  '',
  'order o_scope "Scope"',
  '  owner nobody',
  '  step asked where discussed.with is tm',
  '  after discussed where asked.urgent',
  '  when discussed.with is tm',
  '  cite "2"',
  '',
  'order o_zero "Zero"',
  '  step asked',
  '  after discussed',
  '  within 0 days',
  '  cite "3"',
  '',
  'order o_key "Key"',
  '  step asked',
  '  after discussed',
  '  matched by ref',
  '  cite "4"',
  '',
  'order o_key2 "Key"',
  '  step noted',
  '  after discussed where discussed.with is sw',
  '  matched by by',
  '  cite "5"',
  '',
  'order o_misplaced "M"',
  '  step asked',
  '  requires discussed',
  '  due within 5 days of asked',
  '  after discussed',
  '  cite "6"',
  '',
  'order o_key3 "Key"',
  '  step noted',
  '  after called',
  '  matched by ref',
  '  cite "7"',
  '',
  'order o_filtered "Filtered"',
  '  step asked where asked.urgent',
  '  after asked',
  '  cite "8"',
  '',
  'order o_filtered2 "Filtered"',
  '  step asked',
  '  after asked where asked.urgent',
  '  cite "9"',
].join('\n');

/** Orders of each form. */
const ORDERS = [
  'policy t.or',
  '  title "Orders"',
  '',
  'role sw "SW"',
  'role tm "TM"',
  'event asked { by: role, ref: text, urgent: boolean }',
  'event discussed { with: role, ref: text }',
  '',
  'order first_discuss "First discuss"',
  '  owner sw',
  '  step asked where asked.by is sw',
  '  after discussed where discussed.with is tm',
  '  within 2 weeks',
  '  when asked.urgent',
  '  matched by ref',
  '  cite "1"',
  '',
  'order plain "Plain"',
  '  step asked',
  '  after discussed',
  '  cite "2"',
  '',
  'order urgent_first "Urgent first"',
  '  owner tm',
  '  step asked where not asked.urgent',
  '  after asked where asked.urgent',
  '  cite "3"',
].join('\n');

describe('order: refusals, whole diagnostics', () => {
  it('an event after itself, owner, scopes, window, keys, misplaced clauses; a `where` on either side is allowed', () => {
    const shown = diagnosticsOf(REFUSED);
    expect(shown).toEqual([
      { code: 'pdl/order-of-itself', at: '13:3-14', message: '`o_self` asks every `asked` to follow another `asked`, so the first one could never be allowed', help: 'name a different earlier event, or say with `where` which of these events must come first' },
      { code: 'pdl/unknown-role', at: '17:9-15', message: 'unknown role `nobody`', help: 'declare it with `role nobody "Title"`' },
      { code: 'pdl/attribute-out-of-scope', at: '18:20-34', message: '`discussed.with` cannot be read here', help: '`step ... where` reads the step event: `asked`' },
      { code: 'pdl/attribute-out-of-scope', at: '19:25-37', message: '`asked.urgent` cannot be read here', help: '`after ... where` reads the earlier event: `discussed`' },
      { code: 'pdl/attribute-out-of-scope', at: '20:8-22', message: '`discussed.with` cannot be read here', help: 'an order\'s `when` can read the attributes of its step event: `asked`' },
      { code: 'pdl/empty-window', at: '26:10-16', message: '`within 0 days` leaves no time for the earlier event', help: 'an earlier event on the same date is always allowed; give the window as at least `1 day`, or leave `within` out to accept any earlier event' },
      { code: 'pdl/invalid-key', at: '32:14-17', message: '`matched by ref`: `asked.ref` is `text` but `discussed.ref` is `number`', help: 'declare `ref` with the same type on every event the rule matches', related: ['7:31 `discussed.ref` declared here'] },
      { code: 'pdl/invalid-key', at: '38:14-16', message: '`matched by by`: the step, `noted`, has no attribute `by`', help: 'every event the rule matches must carry the key: declare it, e.g. `event noted { by: text }`' },
      { code: 'pdl/misplaced-clause', at: '43:3-21', message: 'an order has no `requires` clause', help: 'an `order` names its earlier event with `after EVENT [where ...]`' },
      { code: 'pdl/misplaced-clause', at: '44:3-29', message: 'an order has no `due` clause', help: 'an `order` says how recent the earlier event must be with `within DURATION`' },
      { code: 'pdl/invalid-key', at: '51:14-17', message: '`matched by ref`: the earlier event, `called`, has no attribute `ref`', help: 'every event the rule matches must carry the key: declare it, e.g. `event called { ref: text }`' },
    ]);
  });
});

describe('order: the IR it lowers', () => {
  it('owner, both sides with and without `where`, window, when and key', () => {
    const { ir, diagnostics } = compileToIr(ORDERS, { uri: 'd.pdl' });
    expect(diagnostics).toEqual([]);
    expect(ir?.orders).toEqual([
      {
        "kind": "order",
        "id": "first_discuss",
        "title": "First discuss",
        "citation": "1",
        "source": {
          "file": "d.pdl",
          "line": 9,
          "column": 7
        },
        "policy": "t.or",
        "owner": "sw",
        "step": {
          "event": "asked",
          "where": {
            "kind": "compare",
            "op": "=",
            "left": {
              "kind": "attribute",
              "event": "asked",
              "attribute": "by"
            },
            "right": {
              "kind": "literal",
              "value": "sw",
              "type": "role"
            },
            "text": "asked.by is sw"
          },
          "text": "asked where asked.by is sw"
        },
        "after": {
          "event": "discussed",
          "where": {
            "kind": "compare",
            "op": "=",
            "left": {
              "kind": "attribute",
              "event": "discussed",
              "attribute": "with"
            },
            "right": {
              "kind": "literal",
              "value": "tm",
              "type": "role"
            },
            "text": "discussed.with is tm"
          },
          "text": "discussed where discussed.with is tm"
        },
        "within": {
          "amount": 2,
          "unit": "weeks"
        },
        "when": {
          "kind": "compare",
          "op": "=",
          "left": {
            "kind": "attribute",
            "event": "asked",
            "attribute": "urgent"
          },
          "right": {
            "kind": "literal",
            "value": true,
            "type": "boolean"
          },
          "text": "asked.urgent"
        },
        "key": "ref"
      },
      {
        "kind": "order",
        "id": "plain",
        "title": "Plain",
        "citation": "2",
        "source": {
          "file": "d.pdl",
          "line": 18,
          "column": 7
        },
        "policy": "t.or",
        "step": {
          "event": "asked",
          "text": "asked"
        },
        "after": {
          "event": "discussed",
          "text": "discussed"
        }
      },
      {
        "kind": "order",
        "id": "urgent_first",
        "title": "Urgent first",
        "citation": "3",
        "source": {
          "file": "d.pdl",
          "line": 23,
          "column": 7
        },
        "policy": "t.or",
        "owner": "tm",
        "step": {
          "event": "asked",
          "where": {
            "kind": "not",
            "item": {
              "kind": "compare",
              "op": "=",
              "left": {
                "kind": "attribute",
                "event": "asked",
                "attribute": "urgent"
              },
              "right": {
                "kind": "literal",
                "value": true,
                "type": "boolean"
              },
              "text": "asked.urgent"
            },
            "text": "not asked.urgent"
          },
          "text": "asked where not asked.urgent"
        },
        "after": {
          "event": "asked",
          "where": {
            "kind": "compare",
            "op": "=",
            "left": {
              "kind": "attribute",
              "event": "asked",
              "attribute": "urgent"
            },
            "right": {
              "kind": "literal",
              "value": true,
              "type": "boolean"
            },
            "text": "asked.urgent"
          },
          "text": "asked where asked.urgent"
        }
      }
    ]);
  });
});

describe('order: pdl docs', () => {
  it('a section of its own, with its introduction', () => {
    const lines = docsLines(ORDERS);
    expect(lines).toContain('- [Order of steps](#orders)');
    expect(section(lines, 'orders')).toEqual(['Steps that must come first: before each step below, the earlier event it names must be recorded.']);
  });

  it('each line of each order\'s block', () => {
    const lines = docsLines(ORDERS);
    expect(section(lines, 'rule-first_discuss')).toEqual([
      'Rule `first_discuss` (order) · local to this policy · declared in `d.pdl`, line 9',
      '- **Each time**: `asked` is recorded, where `asked.by is sw`',
      '- **First**: `discussed` is recorded, where `discussed.with is tm`, on or before that date (when on the same date, recorded before it), and no more than 2 weeks before it, with the same `ref` as the step',
      '- **Who**: SW (`sw`) takes the first step',
      '- **Applies**: only when `asked.urgent`',
      '- **Breach**: each step with no such earlier event in time is a breach; one earlier event may come before several steps',
      '- **Cites**: 1',
    ]);
    expect(section(lines, 'rule-plain')).toEqual([
      'Rule `plain` (order) · local to this policy · declared in `d.pdl`, line 18',
      '- **Each time**: `asked` is recorded',
      '- **First**: `discussed` is recorded, on or before that date (when on the same date, recorded before it)',
      '- **Breach**: each step with no such earlier event is a breach; one earlier event may come before several steps',
      '- **Cites**: 2',
    ]);
    expect(section(lines, 'rule-urgent_first').slice(1, 4)).toEqual([
      '- **Each time**: `asked` is recorded, where `not asked.urgent`',
      '- **First**: `asked` is recorded, where `asked.urgent`, on or before that date (when on the same date, recorded before it)',
      '- **Who**: TM (`tm`) takes the first step',
    ]);
  });

  it('the owner\'s role says what it must do first; an order with no owner is under no role', () => {
    const lines = docsLines(ORDERS);
    expect(section(lines, 'role-sw')).toEqual(['No deadline or cycle of its own.', 'Other duties:', '- **Must first**: [First discuss](#rule-first_discuss)']);
    expect(section(lines, 'role-tm')).toEqual(['No deadline or cycle of its own.', 'Other duties:', '- **Must first**: [Urgent first](#rule-urgent_first)']);
  });
});

describe('order: the window', () => {
  it('`within 1 day` is the shortest window, accepted; `within 0 days` is refused', () => {
    const order = (within: string): string[] =>
      compileToIr(
        ['policy t.or', '  title "O"', '', 'event asked', 'event discussed', '', 'order o "O"', '  step asked', '  after discussed', `  within ${within}`, '  cite "1"', ''].join('\n'),
        { uri: 'o.pdl' },
      ).diagnostics.map((d) => d.code);
    expect(order('1 day')).toEqual([]);
    expect(order('0 days')).toEqual(['pdl/empty-window']);
  });
});

describe('order: one mistake a order, each refusing it', () => {
  /** Written after the first mutation run: an unknown owner, a `where` on either side or a `when` reading another event, an unknown step or earlier event. */
  const ONE_EACH = `policy t.or
  title "Orders"

role sw "SW"
role tm "TM"
event asked { urgent: boolean }
event discussed { with: role }

order o_owner "O"
  owner nobody
  step asked
  after discussed
  cite "1"

order o_step "O"
  step asked where discussed.with is tm
  after discussed
  cite "2"

order o_after "O"
  step asked
  after discussed where asked.urgent
  cite "3"

order o_when "O"
  step asked
  after discussed
  when discussed.with is tm
  cite "4"

order o_step_event "O"
  step ghost
  after discussed
  cite "5"

order o_after_event "O"
  step asked
  after ghost
  cite "6"

order kept "O"
  owner sw
  step asked
  after discussed
  within 2 days
  cite "7"
`;

  it('each reported in full', () => {
    expect(diagnosticsOf(ONE_EACH)).toEqual([
      { code: 'pdl/unknown-role', at: '10:9-15', message: 'unknown role `nobody`', help: 'declare it with `role nobody "Title"`' },
      { code: 'pdl/attribute-out-of-scope', at: '16:20-34', message: '`discussed.with` cannot be read here', help: '`step ... where` reads the step event: `asked`' },
      { code: 'pdl/attribute-out-of-scope', at: '22:25-37', message: '`asked.urgent` cannot be read here', help: '`after ... where` reads the earlier event: `discussed`' },
      { code: 'pdl/attribute-out-of-scope', at: '28:8-22', message: '`discussed.with` cannot be read here', help: "an order's `when` can read the attributes of its step event: `asked`" },
      { code: 'pdl/unknown-event', at: '32:8-13', message: 'unknown event `ghost`', help: 'declare it with `event ghost`, or use one of the declared events' },
      { code: 'pdl/unknown-event', at: '38:9-14', message: 'unknown event `ghost`', help: 'declare it with `event ghost`, or use one of the declared events' },
    ]);
  });

  it('only `kept` checked; of the refusals above, the order whose clauses are only misplaced and the two an event may follow itself in', () => {
    expect(checkedRules(ONE_EACH)).toEqual(['kept']);
    expect(checkedRules(REFUSED)).toEqual(['o_misplaced', 'o_filtered', 'o_filtered2']);
  });
});

describe('order: a side or a unit missing, and the IR as plain JSON', () => {
  it('an order with no earlier event or no step, or a window without its unit, is refused, each reported once', () => {
    const text = `policy t.or
  title "O"

role sw "SW"
event asked { urgent: boolean }
event discussed

order no_after "O"
  step asked
  when asked.urgent
  cite "1"

order no_step "O"
  after discussed
  when asked.urgent
  cite "2"

order no_unit "O"
  step asked
  after discussed
  within 2
  cite "3"
`;
    expect(diagnosticsOf(text)).toEqual([
      { code: 'pdl/missing-clause', at: '8:1-19', message: 'order `no_after` has no `after` clause', help: 'add a line such as `after discussion_held where discussion_held.with is team_manager`' },
      { code: 'pdl/missing-clause', at: '13:1-18', message: 'order `no_step` has no `step` clause', help: 'add a line such as `step review_postponement_requested where review_postponement_requested.by is social_worker`' },
      { code: 'pdl/attribute-out-of-scope', at: '15:8-20', message: '`asked.urgent` cannot be read here', help: "an order's `when` can read the attributes of its step event" },
      { code: 'pdl/duration-without-unit', at: '21:10-11', message: '`2` has no unit', help: 'say which: `2 working days`, `2 days` (calendar days), `2 weeks` or `2 months`' },
    ]);
    expect(checkedRules(text)).toEqual([]);
  });

  it('no field of an order is present with the value `undefined` (an order without an owner leaves it out)', () => {
    const orders = compileToIr(ORDERS, { uri: 'd.pdl' }).ir?.orders;
    expect(orders?.length).toBe(3);
    expect(orders).toStrictEqual(JSON.parse(JSON.stringify(orders)));
  });
});
