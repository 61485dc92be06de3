/**
 * `pdl docs`: a compiled policy rendered as a readable practice direction. This file builds the view
 * model; `index.ts` is the entry (`renderPolicyDocs`).
 *
 * Input: a policy's IR (`PolicyIR`, with every `extends` merged in) and the name of its source file.
 * Output: `{ markdown, html }`: the same document twice, as Markdown and as a complete,
 * self-contained HTML page (Handlebars, `templates.ts`). The document has the header (title,
 * authority, source, version, effective date, what it extends), where each rule comes from (local or
 * inherited), the roles, the obligations grouped by the role that owns them (deadlines and cycles,
 * with every due date in plain English), approvals, limits, constraints, escalation ladders as
 * numbered stages, criteria as lists, notifications, calendar changes and the vocabulary. Every item
 * carries its citation and its rule id, and where it is declared.
 *
 * Both formats are made from one view model (`DocsView`, `view.ts`), built here: the sections, the
 * header and the do-not-edit note, with each rule kind's block, section and role duties from its module (`compiler/kinds/`, through `kinds.ts`) and the
 * words from `speaker.ts` and `text.ts`. `markdown.ts` and `html.ts` render it; each escapes every
 * segment for its format.
 *
 * INVARIANT: deterministic: the output depends only on the IR and the options (no clock, no locale),
 * so generated files can be committed and diffed.
 * INVARIANT: browser-safe: no Node module; the templates are string constants.
 * INVARIANT: the HTML has no script and no external resource, and every string in it passed through
 * Handlebars' `{{ }}` escaping; the Markdown escapes every character of plain text that would change
 * its meaning.
 */
import { allRules, type IrDuty, type IrLadder, type IrRule, type IrSource, type IrTemplate, type PolicyIR } from '../../../runtime/ir.ts';
import { calendarTitle } from '../../../runtime/calendar.ts';
import { kindModule, RULE_KIND_MODULES } from '../../kinds/index.ts';
import { kindBlock, type KindContext } from './kinds.ts';
import { Speaker } from './speaker.ts';
import { cites, code, fields, joinRich, link, notifyAnchor, oneLine, plainDate, policyAnchor, rich, roleAnchor, ruleAnchor, shellWord, strong } from './text.ts';
import type { Block, DocsView, Group, Line, Lines, RenderDocsOptions, Rich, Section } from './view.ts';

/** What every rule-like item of the IR has: the block frame reads only these. */
interface Named {
  readonly id: string;
  readonly title: string;
  readonly citation: string;
  readonly source: IrSource;
  readonly policy: string;
}

export class ViewBuilder {
  private readonly say: Speaker;
  private readonly kinds: KindContext;

  constructor(
    private readonly ir: PolicyIR,
    private readonly options: RenderDocsOptions,
  ) {
    this.say = new Speaker(ir);
    this.kinds = { say: this.say, block: (item, kind, level, paragraphs, lists) => this.block(item, kind, level, paragraphs, lists) };
  }

  private isLocal(item: Named): boolean {
    return item.policy === this.ir.id;
  }

  private tag(item: Named): string {
    return this.isLocal(item) ? '' : `inherited from ${item.policy}`;
  }

  /** `Rule `x` (cycle) · inherited from `p` · declared in `file`, line 32`. */
  private meta(item: Named, kind: string): Rich {
    const origin = this.isLocal(item)
      ? rich('local to this policy')
      : rich('inherited from ', link(item.policy, `#${policyAnchor(item.policy)}`, true));
    return rich('Rule ', code(item.id), ` (${kind}) · `, origin, ' · declared in ', code(item.source.file), `, line ${item.source.line}`);
  }

  private block(item: Named, kind: string, level: 3 | 4, paragraphs: readonly Rich[], lists: readonly Lines[]): Block {
    return { anchor: ruleAnchor(item.id), level, title: oneLine(item.title), tag: this.tag(item), meta: this.meta(item, kind), paragraphs, lists: mergeLists(lists) };
  }

  private notification(item: IrRule | IrDuty | IrLadder, template: IrTemplate): Block {
    const when =
      item.kind === 'ladder'
        ? 'one message for each stage raised'
        : item.kind === 'duty'
          ? 'one message for each duty that is outstanding or missed'
          : 'one message for each obligation that is open, early or overdue';
    const lines: Line[] = [
      { number: 0, label: 'For', value: rich(link(oneLine(item.title), `#${ruleAnchor(item.id)}`), ' (', code(item.id), ')') },
      { number: 0, label: 'Sent', value: rich(when) },
      { number: 0, label: 'Subject', value: rich(code(template.subject)) },
    ];
    if (template.body !== undefined) lines.push({ number: 0, label: 'Body', value: rich(code(template.body)) });
    lines.push(cites(item.citation));
    return { ...this.block(item, item.kind, 3, [], [fields(lines)]), anchor: notifyAnchor(item.id) };
  }

  // --- sections

  private sourcesSection(): Section | undefined {
    const ir = this.ir;
    const all: Named[] = allRules(ir);
    if (ir.extends.length === 0 && all.every((x) => this.isLocal(x))) return undefined;
    const policies = [ir.id, ...ir.extends];
    for (const x of all) if (!policies.includes(x.policy)) policies.push(x.policy);
    const list = policies.map((p) => {
      const items = all.filter((x) => x.policy === p);
      const refs = items.length === 0 ? rich('no rules (only roles, events, facts or calendar changes), or every rule overridden') : joinRich(items.map((x) => rich(link(oneLine(x.title), `#${ruleAnchor(x.id)}`), ' (', code(x.id), ')')), 'and');
      const who = p === ir.id ? rich('This policy, ', code(p), ': ') : rich('Inherited from ', code(p), ': ');
      return { anchor: policyAnchor(p), value: rich(who, refs) };
    });
    return {
      anchor: 'where-the-rules-come-from',
      title: 'Where the rules come from',
      paragraphs: [rich('A rule declared (or overridden) in this policy is local; the others come from the policies it extends and are marked as inherited.')],
      list,
      blocks: [],
      groups: [],
    };
  }

  private rolesSection(): Section {
    const say = this.say;
    return {
      anchor: 'roles',
      title: 'Roles',
      paragraphs: [],
      table: {
        head: ['Role', 'Name in the policy', 'Reports to'],
        rows: this.ir.roles.map((r) => [rich(r.title), rich(code(r.name)), r.reportsTo === undefined ? rich('') : say.role(r.reportsTo)]),
      },
      list: [],
      blocks: [],
      groups: [],
    };
  }

  /** What else each role does: approves, raises ladders, responds at stages, receives referrals. */
  private otherDuties(): Map<string, Line[]> {
    const byRole = new Map<string, Map<string, Rich[]>>();
    const add = (role: string, label: string, r: Rich): void => {
      const labels = byRole.get(role) ?? new Map<string, Rich[]>();
      labels.set(label, [...(labels.get(label) ?? []), r]);
      byRole.set(role, labels);
    };
    const ref = (id: string, title: string): Rich => rich(link(oneLine(title), `#${ruleAnchor(id)}`));
    for (const item of allRules(this.ir)) {
      const docs = kindModule(item.kind).docs;
      docs.roleDuties?.(item, add, ref);
    }
    const out = new Map<string, Line[]>();
    for (const [role, labels] of byRole) out.set(role, [...labels].map(([label, refs]) => ({ number: 0, label, value: joinRich(refs, 'and') })));
    return out;
  }

  private obligationsSection(): Section | undefined {
    const ir = this.ir;
    const duties = this.otherDuties();
    const known = new Set(ir.roles.map((r) => r.name));
    const owners = [...ir.roles.map((r) => r.name)];
    for (const r of [...ir.rules, ...(ir.duties ?? [])]) if (!known.has(r.owner) && !owners.includes(r.owner)) owners.push(r.owner);
    const groups: Group[] = [];
    // A rule with several owners is shown under each; its anchor (what links to it point at) is that
    // of its first block, and each later copy gets one of its own, so that no anchor is given twice.
    const shown = new Set<string>();
    for (const owner of owners) {
      const rules = ir.rules.filter((r) => r.owner === owner || r.owners?.roles.includes(owner) === true);
      const other = duties.get(owner) ?? [];
      if (rules.length === 0 && other.length === 0) continue;
      const role = ir.roles.find((r) => r.name === owner);
      const paragraphs: Rich[] = [];
      if (role === undefined) paragraphs.push(rich('The document does not say who must do these; they are reported with the owner ', code(owner), '.'));
      if (rules.length === 0) paragraphs.push(rich('No deadline or cycle of its own.'));
      groups.push({
        anchor: roleAnchor(owner),
        title: role === undefined ? 'No owner named' : `${oneLine(role.title)} (${owner})`,
        paragraphs,
        lists: other.length === 0 ? [] : [{ intro: rich('Other duties:'), ordered: false, items: other }],
        blocks: rules.map((r) => {
          const block = kindBlock(r, this.kinds, 4);
          if (!shown.has(r.id)) {
            shown.add(r.id);
            return block;
          }
          return { ...block, anchor: `${block.anchor}--${owner}` };
        }),
      });
    }
    if (groups.length === 0) return undefined;
    return {
      anchor: 'obligations-by-role',
      title: 'Obligations by role',
      paragraphs: [
        rich(
          `Each deadline and cycle under the role that owns it, with when it falls due and what meets it. Working days are Monday to Friday, except the bank holidays of ${calendarTitle(ir.calendar.base)}`,
          ir.calendar.add.length + ir.calendar.remove.length > 0 ? rich(' and the ', link('calendar changes', '#calendar'), ' of this policy') : '',
          '.',
        ),
      ],
      list: [],
      blocks: [],
      groups,
    };
  }

  private simpleSection(anchor: string, title: string, paragraphs: readonly Rich[], blocks: readonly Block[]): Section | undefined {
    return blocks.length === 0 ? undefined : { anchor, title, paragraphs, list: [], blocks, groups: [] };
  }

  private calendarSection(): Section | undefined {
    const cal = this.ir.calendar;
    if (cal.add.length === 0 && cal.remove.length === 0) return undefined;
    const list = [
      ...cal.add.map((d) => ({ anchor: '', value: rich(strong(`Closed ${plainDate(d.date)}`), `: ${d.name}`) })),
      ...cal.remove.map((d) => ({ anchor: '', value: rich(strong(`Open ${plainDate(d.date)}`), d.reason !== undefined ? `: ${d.reason}` : ': a bank holiday worked') })),
    ];
    return {
      anchor: 'calendar',
      title: 'Calendar',
      paragraphs: [rich(`Working days are Monday to Friday, except the bank holidays of ${calendarTitle(cal.base)}, with these changes:`)],
      list,
      blocks: [],
      groups: [],
    };
  }

  private vocabularySection(): Section | undefined {
    const say = this.say;
    const rows: Rich[][] = [];
    for (const e of this.ir.events) {
      const attrs = joinRich(
        e.attributes.map((a) => rich(code(a.name), ': ', say.typeText(a.type), a.optional ? ' (optional)' : '')),
        'and',
      );
      rows.push([rich(code(e.name)), rich('event'), rich(e.title === undefined ? '' : e.title), attrs]);
    }
    for (const f of this.ir.facts) {
      const setBy =
        f.setBy === undefined
          ? rich()
          : rich('; set over time by each ', joinRich(f.setBy.map((x) => (x.kind === 'attribute' ? rich(code(x.event), ' (its ', code(x.attribute), ')') : rich(code(x.event), ' (to ', code(String(x.value)), ')'))), 'and'), ', the case giving its value before them');
      rows.push([rich(code(f.name)), rich('fact'), rich(f.title === undefined ? '' : f.title), rich(say.typeText(f.type), f.optional ? ' (optional)' : '', setBy)]);
    }
    if (rows.length === 0) return undefined;
    return {
      anchor: 'vocabulary',
      title: 'Events and facts',
      paragraphs: [rich('The names a case uses, as the rules above refer to them.')],
      table: { head: ['Name', 'Kind', 'Meaning', 'Data'], rows },
      list: [],
      blocks: [],
      groups: [],
    };
  }

  private header(): { label: string; value: Rich }[] {
    const ir = this.ir;
    const rows: { label: string; value: Rich }[] = [{ label: 'Policy', value: rich(code(ir.id)) }];
    if (ir.authority !== undefined) rows.push({ label: 'Authority', value: rich(ir.authority) });
    if (ir.source !== undefined) rows.push({ label: 'Source', value: rich(ir.source) });
    if (ir.version !== undefined) rows.push({ label: 'Version', value: rich(ir.version) });
    if (ir.effective !== undefined) rows.push({ label: 'Effective', value: rich(plainDate(ir.effective)) });
    if (ir.uses !== undefined && ir.uses.length > 0) {
      rows.push({ label: 'Uses the vocabulary of', value: joinRich(ir.uses.map((p) => rich(code(p))), 'and') });
    }
    if (ir.extends.length > 0) {
      rows.push({ label: 'Extends', value: joinRich(ir.extends.map((p) => rich(link(p, `#${policyAnchor(p)}`, true))), 'and') });
    }
    rows.push({ label: 'Generated from', value: rich(code(this.options.sourceFile)) });
    return rows;
  }

  private note(format: 'markdown' | 'html'): { text: Rich; comment: string } {
    const ir = this.ir;
    const source = this.options.sourceFile;
    const out = this.options.out?.[format];
    const command = `pdl docs ${shellWord(source)}${format === 'html' ? ' --format html' : ''}${out !== undefined ? ` --out ${shellWord(out)}` : ''}`;
    const version = ir.version === undefined ? 'no version given' : `version ${ir.version}`;
    const text = rich(
      strong('Do not edit this file.'),
      ' It is generated from ',
      code(source),
      ' (policy ',
      code(ir.id),
      `, ${version}). Change the policy and regenerate it with `,
      code(command),
      '.',
    );
    const comment = `DO NOT EDIT: generated from ${source} (policy ${ir.id}, ${version}); regenerate with: ${command}`;
    return { text, comment };
  }

  build(format: 'markdown' | 'html'): DocsView {
    const ir = this.ir;
    const sections = [
      this.sourcesSection(),
      this.rolesSection(),
      this.obligationsSection(),
      ...Object.values(RULE_KIND_MODULES).map((module) => {
        const section = module.docs.section;
        if (section === undefined) return undefined;
        const items = allRules(ir).filter((r) => r.kind === module.kind);
        return this.simpleSection(section.anchor, section.title, section.intro, items.map((r) => kindBlock(r, this.kinds, 3)));
      }),
      this.simpleSection(
        'notifications',
        'Notifications',
        [rich('Message templates, filled in with the case when it is evaluated (', code('{{ }}'), ' marks a field).')],
        [...ir.rules, ...(ir.duties ?? []), ...ir.ladders].flatMap((x) => (x.notify === undefined ? [] : [this.notification(x, x.notify)])),
      ),
      this.calendarSection(),
      this.vocabularySection(),
    ].filter((s): s is Section => s !== undefined);
    return { title: oneLine(ir.title), note: this.note(format), header: this.header(), sections };
  }
}

/**
 * Joins a list of labelled lines to the one before it when neither is numbered and it has no
 * introduction (two such lists in a row would read, and render in Markdown, as one); drops empty lists.
 */
function mergeLists(lists: readonly Lines[]): Lines[] {
  const out: Lines[] = [];
  for (const l of lists) {
    if (l.items.length === 0) continue;
    const last = out[out.length - 1];
    if (last !== undefined && !last.ordered && !l.ordered && l.intro.length === 0) out[out.length - 1] = { ...last, items: [...last.items, ...l.items] };
    else out.push(l);
  }
  return out;
}

/** The view model of the document (for tests and other renderers). */
export function buildDocsView(ir: PolicyIR, options: RenderDocsOptions, format: 'markdown' | 'html' = 'markdown'): DocsView {
  return new ViewBuilder(ir, options).build(format);
}
