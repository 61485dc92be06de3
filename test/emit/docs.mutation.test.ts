/**
 * `pdl docs` (compiler/emit/docs/) for mutation testing: small policies rendered INSIDE each test, so
 * that Stryker counts the mutants of the view model and the renderers as covered by the test (the
 * policies of test/emit/docs.test.ts are rendered at describe level, which Stryker treats as static),
 * and checked as whole documents a reader sees: every heading and anchor, each rule's sentences, the
 * citations, the header and the do-not-edit note, the vocabulary table; the HTML page's body; the
 * Markdown renderer's escapes on a view built by hand; the words for ordinals, dates and names.
 *
 * Input: the policy texts below. Output: assertions.
 */
import { describe, expect, it } from 'vitest';
import { compileToIr } from '../../compiler/index.ts';
import { buildDocsView, renderHtml, renderMarkdown, renderPolicyDocs, type DocsView } from '../../compiler/emit/docs/index.ts';
import { capitaliseRich, code, cycleNoun, link, lowerFirst, ordinalWord, plainDate, rich, shellWord, strong } from '../../compiler/emit/docs/text.ts';
import type { PolicyIR } from '../../runtime/index.ts';

const LIBRARY: Record<string, string> = {
  'docs.base': `policy docs.base
  title "Base"

role iro "IRO"
event referral
event done

deadline base_rule "Base rule"
  owner iro
  due within 5 working days of referral
  met by done
  cite "b1"
`,
  'docs.mid': `policy docs.mid extends docs.base
  title "Mid"

role manager "Manager"
`,
  'docs.terms': `policy docs.terms
  title "Terms"

event assessed
`,
  'docs.words': `policy docs.words
  title "Words"

event visit
`,
};
const host = { findPolicy: (id: string) => (LIBRARY[id] === undefined ? undefined : { uri: `${id}.pdl`, text: LIBRARY[id] }) };

/** Compiles `text` (no errors allowed; warnings are the checker's business, not the document's). */
function irOf(text: string): PolicyIR {
  const result = compileToIr(text, { uri: 'docs.pdl', host });
  expect(result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([]);
  if (result.ir === undefined) throw new Error('the policy does not compile');
  return result.ir;
}

/** Every section a policy can have but "Where the rules come from": roles (one reporting to another), a rule with two owners, a restarting cycle, a duty, a ladder with a role that only responds, a limit, notifications with and without a body, calendar changes, facts set by events. */
const FULL = `policy docs.full
  title "Reviews,  visits  and plans"
  authority "A council & partners"
  source "Practice direction 4"
  version "3"
  effective 2024-04-01

calendar england-and-wales
  closed 2025-12-24 "Christmas Eve closure"
  open 2025-05-05 "Early May bank holiday worked"

role social_worker "Social worker" reports to team_manager
role team_manager "Team manager"
role iro "Independent Reviewing Officer"
role director "Director"

fact legal_status "Legal status": enum(care_order, section_20) set by status_changed.status
fact on_plan?: boolean set by plan_started to true
fact siblings: number
fact note?: text
fact lead: role
fact placed_on?: date

event became_looked_after "The child becomes looked after"
event status_changed { status: enum(care_order, section_20) }
event plan_started
event review_scheduled "A review is arranged" { for: date }
event review_held "A review is held" { by: role, note?: text }
event placement_moved
event visit_made
event plan_agreed
event escalation_raised { ladder: text, stage: number }
event escalation_response { ladder: text, stage: number, satisfactory: boolean }
event escalation_resolved { ladder: text }

deadline first_visit "First visit"
  owner social_worker and team_manager
  due within 5 working days of became_looked_after or placement_moved
  when legal_status is care_order
  met by visit_made or review_held where review_held.by is social_worker
  cite "reg 1"
  notify "Visit {{case.id}} by {{obligation.due}}" body "Please visit ({{rule.citation}})."

cycle reviews "The review of the case (local)"
  owner iro
  runs from became_looked_after
  restarts on placement_moved or plan_started
  first within 20 working days of became_looked_after cite "reg 2"
  then within 6 months of the previous review_held cite "reg 3"
  met by review_held
  cite "Review cycle"

duty prepare "The child is prepared"
  owner social_worker
  after review_scheduled
  before review_scheduled.for
  met by visit_made
  notify "Prepare {{case.id}}"
  cite "4.1"

ladder disputes "Disputes"
  raised by iro
  stage 1 alert team_manager respond within 5 working days
  stage 2 alert director respond within 5 working days
  notify "Dispute on {{case.id}}"
  cite "9.1"

limit one_plan "One plan a review"
  at most 1 plan_agreed per reviews
  cite "5"

limit few_reviews "Few reviews"
  at most 3 review_held per case
  cite "6"
`;

/** Due dates of every shape, from events with and without a title. */
const DUE = `policy docs.due
  title "Due dates"

calendar england-and-wales
  open 2025-08-25

role iro "IRO"

event referral "A referral is received"
event meeting_set { for: date }
event review_set "The Review is arranged" { for: date }
event done

deadline aligned "Aligned"
  owner iro
  due by 12:00 on the Monday on or before 5 weeks before meeting_set.for
  met by done
  cite "1"

deadline after_align "After"
  owner iro
  due on the friday on or after 1 week after referral
  met by done
  cite "2"

deadline before_titled "Before"
  owner iro
  due at least 5 working days before review_set.for
  met by done
  cite "3"

deadline birthday "Birthday"
  owner iro
  due 16 years after child.dob
  met by done
  cite "4"

deadline timed "Timed"
  owner iro
  due by 17:00 within 10 working days of referral or within 5 working days of meeting_set.for, whichever is sooner
  met by done
  cite "5"

deadline sooner_or_later "Later"
  owner iro
  due 195 months after child.dob or within 3 months of referral, whichever is later
  met by done
  cite "6"

deadline around "Around"
  owner iro
  due between 3 months before and 3 months after 16 years after child.dob
  met by done
  cite "7"

deadline not_before "Earliest"
  owner iro
  due 16 years after child.dob, earliest 3 months before
  met by done
  cite "8"

deadline three_ways "Three ways"
  owner iro
  due within 1 week of referral or within 2 weeks of meeting_set or within 3 weeks of review_set, whichever is sooner
  met by done
  cite "10"

deadline one_day "One day"
  owner iro
  due within 1 day of referral or meeting_set or review_set
  met by done
  cite "9"
`;

/** A policy extending one that has no rule, using two others' vocabularies, with only a closed day, a fact set by two events, a cycle with two start events and two met-by events and no restart, two duties and an approval with no step before its decision. */
const LOCAL = `policy docs.local extends docs.words
  title "Local"
  use docs.base
  use docs.terms

calendar england-and-wales
  closed 2025-12-24 "Closure"

fact level "Level": enum(low, high) set by went_up to high or went_down to low

event went_up
event went_down
event started
event checked
event rechecked
event asked
event answered { by: role }

cycle checks "Checks"
  owner iro
  runs from referral or started
  first within 5 working days of referral
  then within 3 months of the previous checked
  met by checked or rechecked
  cite "1"

duty first_duty "First duty"
  owner iro
  after went_up
  met by went_down
  cite "2"

duty second_duty "Second duty"
  owner iro
  after went_down
  met by assessed
  cite "3"

approval sign_off "Sign-off"
  request asked
  decision answered
  approved by iro
  cite "4"
`;

/** A policy that extends one (with no rules of its own) that extends another, and uses a third's vocabulary. */
const CHILD = `policy docs.child extends docs.mid
  title "Child"
  use docs.words

deadline child_rule "Child rule"
  owner manager
  due within 2 working days of visit
  met by done
  cite "c1"
`;

describe('pdl docs, rendered inside each test', () => {
  it('a policy with every kind of section: the whole Markdown document', () => {
    const docs = renderPolicyDocs(irOf(FULL), { sourceFile: 'docs.pdl' });
    expect(docs.markdown).toBe(EXPECTED_FULL);
    // The first page rendered in a process compiles the templates: its text is escaped.
    expect(docs.html).toContain('<tr><th scope="row">Authority</th><td>A council &amp; partners</td></tr>');
  });

  it('due dates of every shape, in plain English', () => {
    const md = renderPolicyDocs(irOf(DUE), { sourceFile: 'docs.pdl' }).markdown;
    expect(md.split('\n').filter((l) => l.startsWith('- **Due**: '))).toEqual(EXPECTED_DUE);
    // Only an open day, without a reason: the calendar section, and the obligations' introduction links to it.
    expect(md.slice(md.indexOf('## <a id="calendar">'), md.indexOf('## <a id="vocabulary">'))).toBe(
      '## <a id="calendar"></a>Calendar\n\nWorking days are Monday to Friday, except the bank holidays of England and Wales, with these changes:\n\n- **Open 25 August 2025**: a bank holiday worked\n\n',
    );
    expect(md).toContain('except the bank holidays of England and Wales and the [calendar changes](#calendar) of this policy.');
  });

  it('inherited rules: where each comes from, tagged and linked, in Markdown and in the HTML page', () => {
    const docs = renderPolicyDocs(irOf(CHILD), { sourceFile: 'docs.pdl' });
    expect(docs.markdown).toBe(EXPECTED_CHILD);
    expect(docs.html.slice(docs.html.indexOf('<body>'))).toBe(EXPECTED_CHILD_BODY);
    expect(docs.html.startsWith('<!DOCTYPE html>\n<!-- DO NOT EDIT: generated from docs.pdl (policy docs.child, no version given); regenerate with: pdl docs docs.pdl --format html -->\n<html lang="en-GB">\n')).toBe(true);
    expect(docs.html).toContain('<title>Child</title>');
  });

  it('a policy that extends one without rules and uses two: its own rules listed, two duties of a role, an approval, a cycle started by either of two events', () => {
    expect(renderPolicyDocs(irOf(LOCAL), { sourceFile: 'docs.pdl' }).markdown).toBe(EXPECTED_LOCAL);
  });

  it('a policy of roles only: no obligations, no vocabulary, no calendar changes', () => {
    expect(renderPolicyDocs(irOf('policy docs.empty\n  title "Empty"\n\nrole iro "IRO"\n'), { sourceFile: 'e.pdl' }).markdown).toBe(EXPECTED_EMPTY);
  });

  it('the regeneration command names the output file, quoted for a shell when it needs it', () => {
    const ir = irOf(CHILD);
    const docs = renderPolicyDocs(ir, { sourceFile: "my policy's.pdl", out: { markdown: 'docs/child.md', html: 'out dir/child.html' } });
    expect(docs.markdown.split('\n')[0]).toBe(`<!-- DO NOT EDIT: generated from my policy's.pdl (policy docs.child, no version given); regenerate with: pdl docs 'my policy'\\''s.pdl' --out docs/child.md -->`);
    expect(docs.html).toContain(`<!-- DO NOT EDIT: generated from my policy&#x27;s.pdl (policy docs.child, no version given); regenerate with: pdl docs &#x27;my policy&#x27;\\&#x27;&#x27;s.pdl&#x27; --format html --out &#x27;out dir/child.html&#x27; -->`);
    expect(shellWord('a/b-c_d.e@f%g+h=i:j,k')).toBe('a/b-c_d.e@f%g+h=i:j,k');
    expect(shellWord('')).toBe("''");
  });

  it('a rule whose owner is not a declared role is grouped under "No owner named", after the roles', () => {
    const ir = irOf(CHILD);
    const edited: PolicyIR = { ...ir, rules: ir.rules.map((r) => ({ ...r, owner: 'nobody' })) };
    const view = buildDocsView(edited, { sourceFile: 'docs.pdl', out: { markdown: 'docs.md' } });
    const obligations = view.sections.find((s) => s.anchor === 'obligations-by-role');
    expect(obligations?.groups.map((g) => [g.anchor, g.title, renderRich(g.paragraphs), g.blocks.map((b) => b.anchor)])).toEqual([
      ['role-nobody', 'No owner named', ['The document does not say who must do these; they are reported with the owner `nobody`.'], ['rule-base_rule', 'rule-child_rule']],
    ]);
    // The view is the Markdown one unless asked.
    expect(view.note.comment).toBe('DO NOT EDIT: generated from docs.pdl (policy docs.child, no version given); regenerate with: pdl docs docs.pdl --out docs.md');
  });

  it('a rule from a policy the IR does not list as extended is still said to be inherited from it', () => {
    const ir = irOf(CHILD);
    const view = buildDocsView({ ...ir, extends: ['docs.mid'] }, { sourceFile: 'docs.pdl' });
    expect(view.sections[0]?.list.map((item) => item.anchor)).toEqual(['policy-docs-child', 'policy-docs-mid', 'policy-docs-base']);
  });

  it('the Markdown renderer escapes what would change the meaning of the text, and lays out every part', () => {
    expect(renderMarkdown(HAND_VIEW)).toBe(EXPECTED_HAND);
  });

  it('words: ordinals, dates, names and nouns', () => {
    expect([1, 2, 3, 10, 11, 12, 13, 20, 21, 22, 23, 24, 100, 101, 111, 112, 113, 121].map(ordinalWord)).toEqual([
      'first', 'second', 'third', 'tenth', '11th', '12th', '13th', '20th', '21st', '22nd', '23rd', '24th', '100th', '101st', '111th', '112th', '113th', '121st',
    ]);
    expect(['2024-01-09', '2025-12-31', '2024-00-01', '2024-13-01', '2024-1-09', 'soon', '2024-01-091', 'on 2024-01-09'].map(plainDate)).toEqual([
      '9 January 2024', '31 December 2025', '1 00 2024', '1 13 2024', '2024-1-09', 'soon', '2024-01-091', 'on 2024-01-09',
    ]);
    expect(['The child becomes looked after', 'IRO visit', "Child's review", 'A review', 'the day', 'Ørsted', ''].map(lowerFirst)).toEqual([
      'the child becomes looked after', 'IRO visit', "child's review", 'a review', 'the day', 'Ørsted', '',
    ]);
    expect(['Review of the child\'s case (local timescales)', 'The visit', 'an Assessment', '(x)', 'A', 'Visits (weekly) of x', 'Review(local)', 'Review (local) ', 'The  visit'].map(cycleNoun)).toEqual([
      "review of the child's case", 'visit', 'assessment', '(x)', 'a', 'visits (weekly) of x', 'review', 'review', 'visit',
    ]);
    expect(capitaliseRich(rich('a review', code('x')))).toEqual(rich('A review', code('x')));
    expect(capitaliseRich(rich(code('x'), ' y'))).toEqual(rich(code('x'), ' y'));
    expect(capitaliseRich(rich(link('x', '#a'), ' y'))).toEqual(rich(link('x', '#a'), ' y'));
    expect(capitaliseRich(rich())).toEqual([]);
    // An empty segment of any kind is dropped (an empty strong one would show as \`****\`).
    expect(rich(code('x'), '', strong(''), code(''), link('', '#a'))).toEqual([code('x')]);
    // Adjacent plain segments merge; white space collapses to one space; empty segments vanish.
    expect(rich('a\n b', '', ' c', strong('d'), 'e', [code('f'), { text: 'g', code: false, strong: false, href: '' }], 'h')).toEqual([
      { text: 'a b c', code: false, strong: false, href: '' },
      { text: 'd', code: false, strong: true, href: '' },
      { text: 'e', code: false, strong: false, href: '' },
      { text: 'f', code: true, strong: false, href: '' },
      { text: 'gh', code: false, strong: false, href: '' },
    ]);
  });
});

/** Rich text as Markdown, each paragraph alone (through a one-paragraph view). */
function renderRich(paragraphs: readonly (readonly { text: string; code: boolean; strong: boolean; href: string }[])[]): string[] {
  return paragraphs.map((p) => renderMarkdown({ title: '', note: { text: [], comment: '' }, header: [], sections: [{ anchor: 'a', title: '', paragraphs: [p], list: [], blocks: [], groups: [] }] }).split('\n').at(-2) ?? '');
}

/** A view built by hand: text that Markdown would read as markup, at the start of a line and inside it. */
const HAND_VIEW: DocsView = {
  title: 'A *title* #1',
  note: { text: rich(strong('Do not edit.'), ' Made by `hand`.'), comment: 'a --> b --!> c' },
  header: [
    { label: 'L|x', value: rich(code('a`b'), ' ', code('a|b')) },
    { label: 'Code', value: rich(code('`x`'), ' ', code(' y '), ' ', code('  '), ' ', code('a``b`c'), ' ', code('`x'), ' ', code('x`'), ' ', code(' y'), ' ', code('y ')) },
  ],
  sections: [
    {
      anchor: 'one',
      title: 'One _section_',
      paragraphs: [
        rich(),
        rich('1. not a list'),
        rich('item 2. stays'),
        rich('-'),
        rich('+'),
        rich('2) nor this'),
        rich('10.'),
        rich('3.5 stays'),
        rich('# not a heading'),
        rich('= not a heading'),
        rich('- not a bullet'),
        rich('+ nor this'),
        rich('-x stays'),
        rich('a # b - c'),
        rich(code('1. code')),
        rich(strong('- strong')),
        rich(link('# link', '#one')),
        rich('&amp; &#39; & x [y] <z> ~w~ \\ |'),
      ],
      table: { head: ['A|B', 'C'], rows: [[rich(code('a|b')), rich()], [rich('x|y'), rich(link('l', '#one'))]] },
      list: [
        { anchor: '', value: rich('plain') },
        { anchor: 'item-2', value: rich('anchored') },
      ],
      blocks: [
        {
          anchor: 'b1',
          level: 3,
          title: 'Block *one*',
          tag: 'inherited from p_q',
          meta: rich('Rule ', code('b1')),
          paragraphs: [rich('# para')],
          lists: [
            { intro: rich('1. intro'), ordered: true, items: [{ number: 1, label: 'First', value: rich('x') }, { number: 2, label: '', value: rich('y') }] },
            { intro: [], ordered: false, items: [{ number: 0, label: 'Only a label', value: [] }, { number: 0, label: 'a_b', value: rich('c') }] },
          ],
        },
      ],
      groups: [
        {
          anchor: 'g1',
          title: 'Group <one>',
          paragraphs: [rich('- group para')],
          lists: [{ intro: rich('Other:'), ordered: false, items: [{ number: 0, label: 'Label', value: rich('v') }] }],
          blocks: [{ anchor: 'b2', level: 4, title: 'Two', tag: '', meta: rich('m'), paragraphs: [], lists: [] }],
        },
      ],
    },
    { anchor: 'two', title: 'Two', paragraphs: [], list: [], blocks: [], groups: [] },
  ],
};

/**
 * The document of FULL, read line by line against the policy: the header (title collapsed to one line,
 * authority, source, version, effective date in words); the contents; the roles table (an empty cell
 * where no one is reported to); the obligations under each role (the rule with two owners under both,
 * its second copy with an anchor of its own; the role that only responds: "No deadline or cycle of its
 * own"); the other duties of each role; the limit, ladder and duty sections with their introductions;
 * the notifications, each saying when it is sent; the calendar changes; the vocabulary with each
 * attribute's type and what sets each fact.
 */
const EXPECTED_FULL = `<!-- DO NOT EDIT: generated from docs.pdl (policy docs.full, version 3); regenerate with: pdl docs docs.pdl -->

# Reviews, visits and plans

> **Do not edit this file.** It is generated from \`docs.pdl\` (policy \`docs.full\`, version 3). Change the policy and regenerate it with \`pdl docs docs.pdl\`.

- **Policy**: \`docs.full\`
- **Authority**: A council & partners
- **Source**: Practice direction 4
- **Version**: 3
- **Effective**: 1 April 2024
- **Generated from**: \`docs.pdl\`

Contents:

- [Roles](#roles)
- [Obligations by role](#obligations-by-role)
- [Limits](#limits)
- [Escalation ladders](#escalation-ladders)
- [Duties](#duties)
- [Notifications](#notifications)
- [Calendar](#calendar)
- [Events and facts](#vocabulary)

## <a id="roles"></a>Roles

| Role | Name in the policy | Reports to |
| --- | --- | --- |
| Social worker | \`social_worker\` | Team manager (\`team_manager\`) |
| Team manager | \`team_manager\` |   |
| Independent Reviewing Officer | \`iro\` |   |
| Director | \`director\` |   |

## <a id="obligations-by-role"></a>Obligations by role

Each deadline and cycle under the role that owns it, with when it falls due and what meets it. Working days are Monday to Friday, except the bank holidays of England and Wales and the [calendar changes](#calendar) of this policy.

### <a id="role-social_worker"></a>Social worker (social\\_worker)

Other duties:

- **Duties**: [The child is prepared](#rule-prepare)

#### <a id="rule-first_visit"></a>First visit

Rule \`first_visit\` (deadline) · local to this policy · declared in \`docs.pdl\`, line 36

- **Owners**: Social worker (\`social_worker\`) and Team manager (\`team_manager\`) (together)
- **Due**: within 5 working days of the day the child becomes looked after (\`became_looked_after\`), or of the date of \`placement_moved\` (one deadline for each of those events)
- **Applies**: only when \`legal_status is care_order\`
- **Met when**: \`visit_made\` is recorded or a review is held (\`review_held\`), where \`review_held.by is social_worker\`
- **Notification**: \`Visit {{case.id}} by {{obligation.due}}\` ([the template](#notify-first_visit))
- **Cites**: reg 1

### <a id="role-team_manager"></a>Team manager (team\\_manager)

Other duties:

- **Responds**: at stage 1 of [Disputes](#rule-disputes), within 5 working days

#### <a id="rule-first_visit--team_manager"></a>First visit

Rule \`first_visit\` (deadline) · local to this policy · declared in \`docs.pdl\`, line 36

- **Owners**: Social worker (\`social_worker\`) and Team manager (\`team_manager\`) (together)
- **Due**: within 5 working days of the day the child becomes looked after (\`became_looked_after\`), or of the date of \`placement_moved\` (one deadline for each of those events)
- **Applies**: only when \`legal_status is care_order\`
- **Met when**: \`visit_made\` is recorded or a review is held (\`review_held\`), where \`review_held.by is social_worker\`
- **Notification**: \`Visit {{case.id}} by {{obligation.due}}\` ([the template](#notify-first_visit))
- **Cites**: reg 1

### <a id="role-iro"></a>Independent Reviewing Officer (iro)

Other duties:

- **Raises**: [Disputes](#rule-disputes)

#### <a id="rule-reviews"></a>The review of the case (local)

Rule \`reviews\` (cycle) · local to this policy · declared in \`docs.pdl\`, line 44

A recurring obligation. Each run starts on the day the child becomes looked after (\`became_looked_after\`).

A new run, counted from the first again, starts at once on the date of \`placement_moved\` or the date of \`plan_started\`.

Each occurrence is due:

1. **First**: within 20 working days of the day the child becomes looked after (\`became_looked_after\`) (or, when the cycle restarts, the date of \`placement_moved\` or the date of \`plan_started\`). Cites: reg 2
2. **Second and each later one**: within 6 months of the previous review of the case (the date of the \`review_held\` that met it). Cites: reg 3

- **Met when**: a review is held (\`review_held\`)
- **Cites**: Review cycle

### <a id="role-director"></a>Director (director)

No deadline or cycle of its own.

Other duties:

- **Responds**: at stage 2 of [Disputes](#rule-disputes), within 5 working days

## <a id="limits"></a>Limits

### <a id="rule-one_plan"></a>One plan a review

Rule \`one_plan\` (limit) · local to this policy · declared in \`docs.pdl\`, line 68

- **Limit**: at most 1 event \`plan_agreed\` in each occurrence of [The review of the case (local)](#rule-reviews) (\`reviews\`) (from the date the occurrence is measured from to the event that met it); each one beyond the limit is a breach
- **Cites**: 5

### <a id="rule-few_reviews"></a>Few reviews

Rule \`few_reviews\` (limit) · local to this policy · declared in \`docs.pdl\`, line 72

- **Limit**: at most 3 events “A review is held” (\`review_held\`) in the whole case; each one beyond the limit is a breach
- **Cites**: 6

## <a id="escalation-ladders"></a>Escalation ladders

Each stage alerts the roles who must respond; a stage’s timescale is counted from the day it is raised.

### <a id="rule-disputes"></a>Disputes

Rule \`disputes\` (ladder) · local to this policy · declared in \`docs.pdl\`, line 61

- **Raised by**: Independent Reviewing Officer (\`iro\`)
- **Order of stages**: stages are taken in order: raising a stage without the one before it is a breach
- **The next stage is due**: when a stage has no response by its deadline, or its response is unsatisfactory

Stages:

1. **Stage 1**: alert Team manager (\`team_manager\`), who must respond within 5 working days of the stage being raised. Cites: 9.1
2. **Stage 2**: alert Director (\`director\`), who must respond within 5 working days of the stage being raised. Cites: 9.1

- **Notification**: \`Dispute on {{case.id}}\` ([the template](#notify-disputes))
- **Cites**: 9.1

## <a id="duties"></a>Duties

What someone must do after an event, or for each occurrence of a cycle, with no number of days: each is outstanding until it is met, and missed when its bound passes unmet.

### <a id="rule-prepare"></a>The child is prepared

Rule \`prepare\` (duty) · local to this policy · declared in \`docs.pdl\`, line 53

- **Owner**: Social worker (\`social_worker\`)
- **After**: a review is arranged (\`review_scheduled\`)
- **By**: on or before the \`for\` date recorded when a review is arranged (\`review_scheduled.for\`)
- **Met when**: \`visit_made\` is recorded
- **Notification**: \`Prepare {{case.id}}\` ([the template](#notify-prepare))
- **Cites**: 4.1

## <a id="notifications"></a>Notifications

Message templates, filled in with the case when it is evaluated (\`{{ }}\` marks a field).

### <a id="notify-first_visit"></a>First visit

Rule \`first_visit\` (deadline) · local to this policy · declared in \`docs.pdl\`, line 36

- **For**: [First visit](#rule-first_visit) (\`first_visit\`)
- **Sent**: one message for each obligation that is open, early or overdue
- **Subject**: \`Visit {{case.id}} by {{obligation.due}}\`
- **Body**: \`Please visit ({{rule.citation}}).\`
- **Cites**: reg 1

### <a id="notify-prepare"></a>The child is prepared

Rule \`prepare\` (duty) · local to this policy · declared in \`docs.pdl\`, line 53

- **For**: [The child is prepared](#rule-prepare) (\`prepare\`)
- **Sent**: one message for each duty that is outstanding or missed
- **Subject**: \`Prepare {{case.id}}\`
- **Cites**: 4.1

### <a id="notify-disputes"></a>Disputes

Rule \`disputes\` (ladder) · local to this policy · declared in \`docs.pdl\`, line 61

- **For**: [Disputes](#rule-disputes) (\`disputes\`)
- **Sent**: one message for each stage raised
- **Subject**: \`Dispute on {{case.id}}\`
- **Cites**: 9.1

## <a id="calendar"></a>Calendar

Working days are Monday to Friday, except the bank holidays of England and Wales, with these changes:

- **Closed 24 December 2025**: Christmas Eve closure
- **Open 5 May 2025**: Early May bank holiday worked

## <a id="vocabulary"></a>Events and facts

The names a case uses, as the rules above refer to them.

| Name | Kind | Meaning | Data |
| --- | --- | --- | --- |
| \`became_looked_after\` | event | The child becomes looked after |   |
| \`status_changed\` | event |   | \`status\`: one of \`care_order\` or \`section_20\` |
| \`plan_started\` | event |   |   |
| \`review_scheduled\` | event | A review is arranged | \`for\`: a date |
| \`review_held\` | event | A review is held | \`by\`: a role and \`note\`: text (optional) |
| \`placement_moved\` | event |   |   |
| \`visit_made\` | event |   |   |
| \`plan_agreed\` | event |   |   |
| \`escalation_raised\` | event |   | \`ladder\`: text and \`stage\`: a number |
| \`escalation_response\` | event |   | \`ladder\`: text, \`stage\`: a number and \`satisfactory\`: yes or no |
| \`escalation_resolved\` | event |   | \`ladder\`: text |
| \`legal_status\` | fact | Legal status | one of \`care_order\` or \`section_20\`; set over time by each \`status_changed\` (its \`status\`), the case giving its value before them |
| \`on_plan\` | fact |   | yes or no (optional); set over time by each \`plan_started\` (to \`true\`), the case giving its value before them |
| \`siblings\` | fact |   | a number |
| \`note\` | fact |   | text (optional) |
| \`lead\` | fact |   | a role |
| \`placed_on\` | fact |   | a date (optional) |
`;

/** The document of LOCAL: the sources section, the two used policies, the merged lists of the approval, the cycle's start and met-by events joined with "or". */
const EXPECTED_LOCAL = `<!-- DO NOT EDIT: generated from docs.pdl (policy docs.local, no version given); regenerate with: pdl docs docs.pdl -->

# Local

> **Do not edit this file.** It is generated from \`docs.pdl\` (policy \`docs.local\`, no version given). Change the policy and regenerate it with \`pdl docs docs.pdl\`.

- **Policy**: \`docs.local\`
- **Uses the vocabulary of**: \`docs.base\` and \`docs.terms\`
- **Extends**: [\`docs.words\`](#policy-docs-words)
- **Generated from**: \`docs.pdl\`

Contents:

- [Where the rules come from](#where-the-rules-come-from)
- [Roles](#roles)
- [Obligations by role](#obligations-by-role)
- [Approvals](#approvals)
- [Duties](#duties)
- [Calendar](#calendar)
- [Events and facts](#vocabulary)

## <a id="where-the-rules-come-from"></a>Where the rules come from

A rule declared (or overridden) in this policy is local; the others come from the policies it extends and are marked as inherited.

- <a id="policy-docs-local"></a>This policy, \`docs.local\`: [Checks](#rule-checks) (\`checks\`), [Sign-off](#rule-sign_off) (\`sign_off\`), [First duty](#rule-first_duty) (\`first_duty\`) and [Second duty](#rule-second_duty) (\`second_duty\`)
- <a id="policy-docs-words"></a>Inherited from \`docs.words\`: no rules (only roles, events, facts or calendar changes), or every rule overridden

## <a id="roles"></a>Roles

| Role | Name in the policy | Reports to |
| --- | --- | --- |
| IRO | \`iro\` |   |

## <a id="obligations-by-role"></a>Obligations by role

Each deadline and cycle under the role that owns it, with when it falls due and what meets it. Working days are Monday to Friday, except the bank holidays of England and Wales and the [calendar changes](#calendar) of this policy.

### <a id="role-iro"></a>IRO (iro)

Other duties:

- **May approve**: [Sign-off](#rule-sign_off)
- **Duties**: [First duty](#rule-first_duty) and [Second duty](#rule-second_duty)

#### <a id="rule-checks"></a>Checks

Rule \`checks\` (cycle) · local to this policy · declared in \`docs.pdl\`, line 19

A recurring obligation. Each run starts on the date of \`referral\` or the date of \`started\`.

Each occurrence is due:

1. **First**: within 5 working days of the date of \`referral\` or the date of \`started\`. Cites: 1
2. **Second and each later one**: within 3 months of the previous checks (the date of the \`checked\` or \`rechecked\` that met it). Cites: 1

- **Met when**: \`checked\` is recorded or \`rechecked\` is recorded
- **Cites**: 1

## <a id="approvals"></a>Approvals

Who may approve an action, and what must happen first.

### <a id="rule-sign_off"></a>Sign-off

Rule \`sign_off\` (approval) · local to this policy · declared in \`docs.pdl\`, line 39

- **Who may approve**: only IRO (\`iro\`) may approve
- **Requested when**: \`asked\` is recorded
- **Decided when**: \`answered\` is recorded; its \`by\` names the role that approved
- **Cites**: 4

## <a id="duties"></a>Duties

What someone must do after an event, or for each occurrence of a cycle, with no number of days: each is outstanding until it is met, and missed when its bound passes unmet.

### <a id="rule-first_duty"></a>First duty

Rule \`first_duty\` (duty) · local to this policy · declared in \`docs.pdl\`, line 27

- **Owner**: IRO (\`iro\`)
- **After**: \`went_up\` is recorded
- **By**: no fixed date: it stays outstanding until it is met
- **Met when**: \`went_down\` is recorded
- **Cites**: 2

### <a id="rule-second_duty"></a>Second duty

Rule \`second_duty\` (duty) · local to this policy · declared in \`docs.pdl\`, line 33

- **Owner**: IRO (\`iro\`)
- **After**: \`went_down\` is recorded
- **By**: no fixed date: it stays outstanding until it is met
- **Met when**: \`assessed\` is recorded
- **Cites**: 3

## <a id="calendar"></a>Calendar

Working days are Monday to Friday, except the bank holidays of England and Wales, with these changes:

- **Closed 24 December 2025**: Closure

## <a id="vocabulary"></a>Events and facts

The names a case uses, as the rules above refer to them.

| Name | Kind | Meaning | Data |
| --- | --- | --- | --- |
| \`visit\` | event |   |   |
| \`referral\` | event |   |   |
| \`done\` | event |   |   |
| \`assessed\` | event |   |   |
| \`went_up\` | event |   |   |
| \`went_down\` | event |   |   |
| \`started\` | event |   |   |
| \`checked\` | event |   |   |
| \`rechecked\` | event |   |   |
| \`asked\` | event |   |   |
| \`answered\` | event |   | \`by\`: a role |
| \`level\` | fact | Level | one of \`low\` or \`high\`; set over time by each \`went_up\` (to \`high\`) and \`went_down\` (to \`low\`), the case giving its value before them |
`;

/** The document of a policy that declares one role and nothing else. */
const EXPECTED_EMPTY = `<!-- DO NOT EDIT: generated from e.pdl (policy docs.empty, no version given); regenerate with: pdl docs e.pdl -->

# Empty

> **Do not edit this file.** It is generated from \`e.pdl\` (policy \`docs.empty\`, no version given). Change the policy and regenerate it with \`pdl docs e.pdl\`.

- **Policy**: \`docs.empty\`
- **Generated from**: \`e.pdl\`

Contents:

- [Roles](#roles)

## <a id="roles"></a>Roles

| Role | Name in the policy | Reports to |
| --- | --- | --- |
| IRO | \`iro\` |   |
`;

/** The due dates of DUE, in the order of the rules. */
const EXPECTED_DUE: readonly string[] = [
  "- **Due**: by 12:00 on the Monday on or before the day 5 weeks before the date `meeting_set.for`",
  "- **Due**: on the Friday on or after the day 1 week after the day a referral is received (`referral`)",
  "- **Due**: at least 5 working days before the `for` date recorded when the Review is arranged (`review_set.for`)",
  "- **Due**: no later than 16 years after the child's date of birth",
  "- **Due**: within 10 working days of the day a referral is received (`referral`), by 17:00 on the day it falls due, or within 5 working days of the date `meeting_set.for`, whichever is sooner",
  "- **Due**: no later than 195 months after the child's date of birth, or within 3 months of the day a referral is received (`referral`), whichever is later",
  "- **Due**: between 3 months before and 3 months after the day 16 years after the child's date of birth",
  "- **Due**: no later than 16 years after the child's date of birth, and not earlier than 3 months before that day",
  "- **Due**: within 1 week of the day a referral is received (`referral`), or within 2 weeks of the date of `meeting_set` or within 3 weeks of the day the Review is arranged (`review_set`), whichever is sooner",
  "- **Due**: within 1 calendar day of the day a referral is received (`referral`), or of the date of `meeting_set` or the day the Review is arranged (`review_set`) (one deadline for each of those events)",
];

/** The document of CHILD: where the rules come from (the middle policy has none), the inherited rule tagged, the used vocabulary in the header. */
const EXPECTED_CHILD = `<!-- DO NOT EDIT: generated from docs.pdl (policy docs.child, no version given); regenerate with: pdl docs docs.pdl -->

# Child

> **Do not edit this file.** It is generated from \`docs.pdl\` (policy \`docs.child\`, no version given). Change the policy and regenerate it with \`pdl docs docs.pdl\`.

- **Policy**: \`docs.child\`
- **Uses the vocabulary of**: \`docs.words\`
- **Extends**: [\`docs.mid\`](#policy-docs-mid) and [\`docs.base\`](#policy-docs-base)
- **Generated from**: \`docs.pdl\`

Contents:

- [Where the rules come from](#where-the-rules-come-from)
- [Roles](#roles)
- [Obligations by role](#obligations-by-role)
- [Events and facts](#vocabulary)

## <a id="where-the-rules-come-from"></a>Where the rules come from

A rule declared (or overridden) in this policy is local; the others come from the policies it extends and are marked as inherited.

- <a id="policy-docs-child"></a>This policy, \`docs.child\`: [Child rule](#rule-child_rule) (\`child_rule\`)
- <a id="policy-docs-mid"></a>Inherited from \`docs.mid\`: no rules (only roles, events, facts or calendar changes), or every rule overridden
- <a id="policy-docs-base"></a>Inherited from \`docs.base\`: [Base rule](#rule-base_rule) (\`base_rule\`)

## <a id="roles"></a>Roles

| Role | Name in the policy | Reports to |
| --- | --- | --- |
| IRO | \`iro\` |   |
| Manager | \`manager\` |   |

## <a id="obligations-by-role"></a>Obligations by role

Each deadline and cycle under the role that owns it, with when it falls due and what meets it. Working days are Monday to Friday, except the bank holidays of England and Wales.

### <a id="role-iro"></a>IRO (iro)

#### <a id="rule-base_rule"></a>Base rule *(inherited from docs.base)*

Rule \`base_rule\` (deadline) · inherited from [\`docs.base\`](#policy-docs-base) · declared in \`docs.base.pdl\`, line 8

- **Due**: within 5 working days of the date of \`referral\`
- **Met when**: \`done\` is recorded
- **Cites**: b1

### <a id="role-manager"></a>Manager (manager)

#### <a id="rule-child_rule"></a>Child rule

Rule \`child_rule\` (deadline) · local to this policy · declared in \`docs.pdl\`, line 5

- **Due**: within 2 working days of the date of \`visit\`
- **Met when**: \`done\` is recorded
- **Cites**: c1

## <a id="vocabulary"></a>Events and facts

The names a case uses, as the rules above refer to them.

| Name | Kind | Meaning | Data |
| --- | --- | --- | --- |
| \`referral\` | event |   |   |
| \`done\` | event |   |   |
| \`visit\` | event |   |   |
`;

/** The body of CHILD's HTML page: the same document, every string escaped. */
const EXPECTED_CHILD_BODY = `<body>
<main>
<header>
<h1>Child</h1>
<p class="generated"><strong>Do not edit this file.</strong> It is generated from <code>docs.pdl</code> (policy <code>docs.child</code>, no version given). Change the policy and regenerate it with <code>pdl docs docs.pdl --format html</code>.</p>
<table class="header"><tbody>
<tr><th scope="row">Policy</th><td><code>docs.child</code></td></tr>
<tr><th scope="row">Uses the vocabulary of</th><td><code>docs.words</code></td></tr>
<tr><th scope="row">Extends</th><td><a href="#policy-docs-mid"><code>docs.mid</code></a> and <a href="#policy-docs-base"><code>docs.base</code></a></td></tr>
<tr><th scope="row">Generated from</th><td><code>docs.pdl</code></td></tr>
</tbody></table>
<nav><p><strong>Contents</strong></p><ul>
<li><a href="#where-the-rules-come-from">Where the rules come from</a></li>
<li><a href="#roles">Roles</a></li>
<li><a href="#obligations-by-role">Obligations by role</a></li>
<li><a href="#vocabulary">Events and facts</a></li>
</ul></nav>
</header>
<section id="where-the-rules-come-from">
<h2>Where the rules come from</h2>
<p>A rule declared (or overridden) in this policy is local; the others come from the policies it extends and are marked as inherited.</p>
<ul>
<li id="policy-docs-child">This policy, <code>docs.child</code>: <a href="#rule-child_rule">Child rule</a> (<code>child_rule</code>)</li>
<li id="policy-docs-mid">Inherited from <code>docs.mid</code>: no rules (only roles, events, facts or calendar changes), or every rule overridden</li>
<li id="policy-docs-base">Inherited from <code>docs.base</code>: <a href="#rule-base_rule">Base rule</a> (<code>base_rule</code>)</li>
</ul>
</section>
<section id="roles">
<h2>Roles</h2>
<table><thead><tr><th scope="col">Role</th><th scope="col">Name in the policy</th><th scope="col">Reports to</th></tr></thead><tbody>
<tr><td>IRO</td><td><code>iro</code></td><td></td></tr>
<tr><td>Manager</td><td><code>manager</code></td><td></td></tr>
</tbody></table>
</section>
<section id="obligations-by-role">
<h2>Obligations by role</h2>
<p>Each deadline and cycle under the role that owns it, with when it falls due and what meets it. Working days are Monday to Friday, except the bank holidays of England and Wales.</p>
<section class="group" id="role-iro">
<h3>IRO (iro)</h3>
<article class="item" id="rule-base_rule">
<h4>Base rule <span class="tag">inherited from docs.base</span></h4>
<p class="meta">Rule <code>base_rule</code> (deadline) · inherited from <a href="#policy-docs-base"><code>docs.base</code></a> · declared in <code>docs.base.pdl</code>, line 8</p>
<ul class="fields">
<li><strong>Due</strong>: within 5 working days of the date of <code>referral</code></li>
<li><strong>Met when</strong>: <code>done</code> is recorded</li>
<li><strong>Cites</strong>: b1</li>
</ul>
</article>
</section>
<section class="group" id="role-manager">
<h3>Manager (manager)</h3>
<article class="item" id="rule-child_rule">
<h4>Child rule</h4>
<p class="meta">Rule <code>child_rule</code> (deadline) · local to this policy · declared in <code>docs.pdl</code>, line 5</p>
<ul class="fields">
<li><strong>Due</strong>: within 2 working days of the date of <code>visit</code></li>
<li><strong>Met when</strong>: <code>done</code> is recorded</li>
<li><strong>Cites</strong>: c1</li>
</ul>
</article>
</section>
</section>
<section id="vocabulary">
<h2>Events and facts</h2>
<p>The names a case uses, as the rules above refer to them.</p>
<table><thead><tr><th scope="col">Name</th><th scope="col">Kind</th><th scope="col">Meaning</th><th scope="col">Data</th></tr></thead><tbody>
<tr><td><code>referral</code></td><td>event</td><td></td><td></td></tr>
<tr><td><code>done</code></td><td>event</td><td></td><td></td></tr>
<tr><td><code>visit</code></td><td>event</td><td></td><td></td></tr>
</tbody></table>
</section>
</main>
</body>
</html>
`;

/** HAND_VIEW in Markdown: each escape, the code spans' fences and padding, the table's pipes and empty cells, lists with and without labels. */
const EXPECTED_HAND = `<!-- a --&gt; b --!&gt; c -->

# A \\*title\\* #1

> **Do not edit.** Made by \\\`hand\\\`.

- **L\\|x**: \`\`a\`b\`\` \`a|b\`
- **Code**: \`\` \`x\` \`\` \`  y  \` \` \` \`\`\`a\`\`b\`c\`\`\` \`\` \`x \`\` \`\` x\` \`\` \` y\` \`y \`

Contents:

- [One \\_section\\_](#one)
- [Two](#two)

## <a id="one"></a>One \\_section\\_



1\\. not a list

item 2. stays

\\-

\\+

2\\) nor this

10\\.

3.5 stays

\\# not a heading

\\= not a heading

\\- not a bullet

\\+ nor this

-x stays

a # b - c

\`1. code\`

**- strong**

[# link](#one)

\\&amp; \\&#39; & x \\[y\\] \\<z\\> \\~w\\~ \\\\ \\|

| A\\|B | C |
| --- | --- |
| \`a\\|b\` |   |
| x\\|y | [l](#one) |

- plain
- <a id="item-2"></a>anchored

### <a id="b1"></a>Block \\*one\\* *(inherited from p\\_q)*

Rule \`b1\`

\\# para

1\\. intro

1. **First**: x
2. y

- **Only a label**
- **a\\_b**: c

### <a id="g1"></a>Group \\<one\\>

\\- group para

Other:

- **Label**: v

#### <a id="b2"></a>Two

m

## <a id="two"></a>Two
`;


