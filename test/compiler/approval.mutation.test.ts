/**
 * The `approval` kind (compiler/kinds/approval.ts) beyond the golden cases and the runtime's approval
 * suites: written to kill the mutants those leave alive. Checked here: the whole diagnostics of each
 * refused approval (an unknown request, decision, approver or required event; a decision event whose
 * `by` is text or missing; `request ... where` and `requires ... where` reading another event; a
 * notice from an attribute that is no date; a key the request, the decision or a required step
 * lacks), and that only the approval without a mistake checked (a refused one adds no IR either way);
 * the whole IR of each form (`or above` expanded, a notice, required steps with and without `where`,
 * a key); and the approval's docs (each line of its block, one approver or several, and the roles
 * that may approve).
 *
 * Input: small policies written here, compiled (and their docs rendered) inside each test, so that
 * Stryker counts the code they run. Output: assertions on whole diagnostics, IR and docs lines.
 */
import { describe, expect, it } from 'vitest';
import { compileToIr } from '../../compiler/pipeline.ts';
import { checkedRules, diagnosticsOf, docsLines, section } from './mutation-helpers.ts';

/** One mistake an approval (but `kept`). */
const REFUSED = `policy t.ap
  title "Approvals"

role sw "SW"
role tm "TM" reports to hd
role hd "Head"
event asked { on: date, urgent: boolean, ref: text }
event decided { by: role, ref: text }
event decided_text { by: text }
event decided_none
event decided_plain { by: role }
event visited { ok: boolean, ref: text }
event other

approval kept "Kept"
  request asked
  decision decided
  approved by tm
  cite "0"

approval r_unknown "R"
  request ghost
  decision decided
  approved by tm
  cite "1"

approval r_where "R"
  request asked where visited.ok
  decision decided
  approved by tm
  cite "2"

approval d_unknown "R"
  request asked
  decision ghost
  approved by tm
  cite "3"

approval d_text "R"
  request asked
  decision decided_text
  approved by tm
  cite "4"

approval d_none "R"
  request asked
  decision decided_none
  approved by tm
  cite "5"

approval a_unknown "R"
  request asked
  decision decided
  approved by ghost
  cite "6"

approval n_bad "R"
  request asked
  decision decided
  approved by tm
  notice at least 5 days before visited.ok
  cite "7"

approval q_unknown "R"
  request asked
  decision decided
  approved by tm
  requires ghost
  cite "8"

approval q_where "R"
  request asked
  decision decided
  approved by tm
  requires visited where asked.urgent
  cite "9"

approval k_request "R"
  request other
  decision decided
  approved by tm
  matched by ref
  cite "10"

approval k_step "R"
  request asked
  decision decided
  approved by tm
  requires other
  matched by ref
  cite "11"

approval k_decision "R"
  request asked
  decision decided_plain
  approved by tm
  matched by ref
  cite "12"
`;

/** Approvals of each form. */
const APPROVALS = `policy t.ag
  title "Approvals"

role sw "SW" reports to tm
role tm "TM" reports to hd
role hd "Head"
event asked { on: date, urgent: boolean, ref: text }
event decided { by: role, ref: text }
event visited { ok: boolean, ref: text }
event other

approval full "Full"
  request asked where asked.urgent
  decision decided
  approved by tm or above
  notice at least 5 working days before asked.on
  requires visited where visited.ok
  requires other
  cite "full"

approval single "Single"
  request asked
  decision decided
  approved by sw
  cite "single"

approval two "Two"
  request asked
  decision decided
  approved by sw or tm
  requires visited
  matched by ref
  cite "two"

approval keyed "Keyed"
  request asked
  decision decided
  approved by hd
  matched by ref
  cite "keyed"

approval top "Top"
  request asked
  decision decided
  approved by hd or above
  cite "top"
`;

describe('approval: refusals, whole diagnostics', () => {
  it('each mistake reported in full', () => {
    expect(diagnosticsOf(REFUSED)).toEqual([
      { code: 'pdl/unknown-event', at: '22:11-16', message: 'unknown event `ghost`', help: 'declare it with `event ghost`, or use one of the declared events' },
      { code: 'pdl/attribute-out-of-scope', at: '28:23-33', message: '`visited.ok` cannot be read here', help: '`request ... where` reads the request event: `asked`' },
      { code: 'pdl/unknown-event', at: '35:12-17', message: 'unknown event `ghost`', help: 'declare it with `event ghost`, or use one of the declared events' },
      { code: 'pdl/decision-without-approver', at: '41:12-24', message: 'event `decided_text` has no role attribute `by` to name who approved', help: 'declare it as `event decided_text { by: role }`' },
      { code: 'pdl/decision-without-approver', at: '47:12-24', message: 'event `decided_none` has no role attribute `by` to name who approved', help: 'declare it as `event decided_none { by: role }`' },
      { code: 'pdl/unknown-role', at: '54:15-20', message: 'unknown role `ghost`', help: 'declare it with `role ghost "Title"`' },
      { code: 'pdl/anchor-not-a-date', at: '61:33-43', message: '`visited.ok` is a boolean, not a date', help: 'a deadline can be measured only from an event or from a date attribute of an event' },
      { code: 'pdl/unknown-event', at: '68:12-17', message: 'unknown event `ghost`', help: 'declare it with `event ghost`, or use one of the declared events' },
      { code: 'pdl/attribute-out-of-scope', at: '75:26-38', message: '`asked.urgent` cannot be read here', help: '`requires ... where` reads the required event: `visited`' },
      { code: 'pdl/invalid-key', at: '82:14-17', message: '`matched by ref`: the request, `other`, has no attribute `ref`', help: 'every event the rule matches must carry the key: declare it, e.g. `event other { ref: text }`' },
      { code: 'pdl/invalid-key', at: '90:14-17', message: '`matched by ref`: a required step, `other`, has no attribute `ref`', help: 'every event the rule matches must carry the key: declare it, e.g. `event other { ref: text }`' },
      { code: 'pdl/invalid-key', at: '97:14-17', message: '`matched by ref`: the decision, `decided_plain`, has no attribute `ref`', help: 'every event the rule matches must carry the key: declare it, e.g. `event decided_plain { ref: text }`' },
    ]);
  });

  it('each mistake refuses its approval: only `kept` checked', () => {
    expect(checkedRules(REFUSED)).toEqual(['kept']);
  });
});

describe('approval: the IR it lowers', () => {
  it('request with and without `where`, approvers with `or above` expanded, notice, required steps and key', () => {
    const { ir, diagnostics } = compileToIr(APPROVALS, { uri: 'main.pdl' });
    expect(diagnostics).toEqual([]);
    const base = (id: string, title: string, line: number) => ({ kind: 'approval', id, title, citation: id, source: { file: 'main.pdl', line, column: 10 }, policy: 't.ag' });
    const isTrue = (event: string, attribute: string) => ({ kind: 'compare', op: '=', left: { kind: 'attribute', event, attribute }, right: { kind: 'literal', value: true, type: 'boolean' }, text: `${event}.${attribute}` });
    const decision = { event: 'decided', byAttribute: 'by' };
    expect(ir?.approvals).toEqual([
      {
        ...base('full', 'Full', 12),
        request: { event: 'asked', where: isTrue('asked', 'urgent') },
        decision,
        approvers: ['tm', 'hd'],
        approversText: 'tm or above',
        requires: [
          { event: 'visited', where: isTrue('visited', 'ok'), text: 'visited where visited.ok' },
          { event: 'other', text: 'other' },
        ],
        notice: { direction: 'before', offset: { amount: 5, unit: 'working_days' }, anchor: { kind: 'event_attribute', event: 'asked', attribute: 'on' } },
      },
      { ...base('single', 'Single', 21), request: { event: 'asked' }, decision, approvers: ['sw'], approversText: 'sw', requires: [] },
      { ...base('two', 'Two', 27), request: { event: 'asked' }, decision, approvers: ['sw', 'tm'], approversText: 'sw or tm', requires: [{ event: 'visited', text: 'visited' }], key: 'ref' },
      { ...base('keyed', 'Keyed', 35), request: { event: 'asked' }, decision, approvers: ['hd'], approversText: 'hd', requires: [], key: 'ref' },
      { ...base('top', 'Top', 42), request: { event: 'asked' }, decision, approvers: ['hd'], approversText: 'hd or above', requires: [] },
    ]);
  });
});

describe('approval: pdl docs', () => {
  it('each line of each approval\'s block', () => {
    const lines = docsLines(APPROVALS);
    expect(section(lines, 'approvals')).toEqual(['Who may approve an action, and what must happen first.']);
    const decided = '- **Decided when**: `decided` is recorded; its `by` names the role that approved';
    expect(section(lines, 'rule-full')).toEqual([
      'Rule `full` (approval) · local to this policy · declared in `d.pdl`, line 12',
      '- **Who may approve**: only TM (`tm`) or Head (`hd`) may approve (written `tm or above`)',
      '- **Requested when**: `asked` is recorded, where `asked.urgent`',
      decided,
      '- **Notice**: the request must be made at least 5 working days before the date `asked.on`',
      'First, between the request and the decision (both days included):',
      '1. `visited` is recorded, where `visited.ok`',
      '2. `other` is recorded',
      '- **Cites**: full',
    ]);
    expect(section(lines, 'rule-single')).toEqual([
      'Rule `single` (approval) · local to this policy · declared in `d.pdl`, line 21',
      '- **Who may approve**: only SW (`sw`) may approve',
      '- **Requested when**: `asked` is recorded',
      decided,
      '- **Cites**: single',
    ]);
    expect(section(lines, 'rule-two')).toEqual([
      'Rule `two` (approval) · local to this policy · declared in `d.pdl`, line 27',
      '- **Who may approve**: only SW (`sw`) or TM (`tm`) may approve (written `sw or tm`)',
      '- **Requested when**: `asked` is recorded',
      decided,
      '- **Matched by**: a decision answers the request with the same `ref`, and each step below must carry it too',
      'First, between the request and the decision (both days included):',
      '1. `visited` is recorded',
      '- **Cites**: two',
    ]);
    expect(section(lines, 'rule-keyed').slice(4, 5)).toEqual(['- **Matched by**: a decision answers the request with the same `ref`']);
    expect(section(lines, 'rule-top').slice(1, 2)).toEqual(['- **Who may approve**: only Head (`hd`) may approve (written `hd or above`)']);
  });

  it('each role lists what it may approve', () => {
    const lines = docsLines(APPROVALS);
    expect(section(lines, 'role-sw').slice(-1)).toEqual(['- **May approve**: [Single](#rule-single) and [Two](#rule-two)']);
    expect(section(lines, 'role-tm').slice(-1)).toEqual(['- **May approve**: [Full](#rule-full) and [Two](#rule-two)']);
    expect(section(lines, 'role-hd').slice(-1)).toEqual(['- **May approve**: [Full](#rule-full), [Keyed](#rule-keyed) and [Top](#rule-top)']);
  });
});

describe('approval: written after the first mutation run', () => {
  /** A required clause missing (with the clauses that read it), a notice from another event, and `by` declared after another attribute. */
  const MISSING = `policy t.am
  title "Missing"

role sw "SW"
event asked { on: date, ref: text }
event decided { ref: text, by: role }
event visited

approval no_request "M"
  decision decided
  approved by sw
  notice at least 5 days before asked
  matched by ref
  cite "1"

approval no_decision "M"
  request asked
  approved by sw
  matched by ref
  cite "2"

approval no_approver "M"
  request asked
  decision decided
  cite "3"

approval n_other "M"
  request asked
  decision decided
  approved by sw
  notice at least 5 days before visited
  cite "4"

approval kept "K"
  request asked
  decision decided
  approved by sw
  notice at least 2 days before asked
  cite "5"
`;

  it('each reported in full, and only `kept` checked', () => {
    expect(diagnosticsOf(MISSING)).toEqual([
      { code: 'pdl/missing-clause', at: '9:1-24', message: 'approval `no_request` has no `request` clause', help: 'add a line such as `request review_postponement_requested`' },
      { code: 'pdl/missing-clause', at: '16:1-25', message: 'approval `no_decision` has no `decision` clause', help: 'add a line such as `decision review_postponement_approved`' },
      { code: 'pdl/missing-clause', at: '22:1-25', message: 'approval `no_approver` has no `approved by` clause', help: 'add a line such as `approved by service_manager`' },
      { code: 'pdl/invalid-anchor', at: '31:33-40', message: 'a notice period is measured from the request `asked`, not from `visited`' },
    ]);
    expect(checkedRules(MISSING)).toEqual(['kept']);
  });

  it('the notice of `kept`, from the request itself', () => {
    const { ir } = compileToIr(MISSING.replace(/approval no_request[\s\S]*?(?=approval kept)/, ''), { uri: 'main.pdl' });
    expect(ir?.approvals.map((a) => [a.id, a.notice])).toEqual([['kept', { direction: 'before', offset: { amount: 2, unit: 'days' }, anchor: { kind: 'event', event: 'asked' } }]]);
  });
});
