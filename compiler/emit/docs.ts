/**
 * `pdl docs`: a compiled policy rendered as a readable practice direction.
 *
 * Input: a policy's IR (`PolicyIR`, with every `extends` merged in) and the name of its source file.
 * Output: `{ markdown, html }`: the same document twice, as Markdown and as a complete,
 * self-contained HTML page (Handlebars, `docs-templates.ts`). The document has the header (title,
 * authority, source, version, effective date, what it extends), where each rule comes from (local or
 * inherited), the roles, the obligations grouped by the role that owns them (deadlines and cycles,
 * with every due date in plain English), approvals, limits, constraints, escalation ladders as
 * numbered stages, criteria as lists, notifications, calendar changes and the vocabulary. Every item
 * carries its citation and its rule id, and where it is declared.
 *
 * Both formats are made from one view model (`DocsView`), whose text is a list of segments (plain,
 * code, strong, link); each renderer escapes every segment for its format.
 *
 * INVARIANT: deterministic: the output depends only on the IR and the options (no clock, no locale),
 * so generated files can be committed and diffed.
 * INVARIANT: browser-safe: no Node module; the templates are string constants.
 * INVARIANT: the HTML has no script and no external resource, and every string in it passed through
 * Handlebars' `{{ }}` escaping; the Markdown escapes every character of plain text that would change
 * its meaning.
 */
import Handlebars from 'handlebars';
import type {
  IrAnchor,
  IrApproval,
  IrCondition,
  IrConstraint,
  IrCriteria,
  IrCycle,
  IrCycleStep,
  IrDeadline,
  IrDue,
  IrDuration,
  IrLadder,
  IrLadderStage,
  IrLimit,
  IrRule,
  IrSource,
  IrTemplate,
  IrType,
  PolicyIR,
} from '../../runtime/ir.ts';
import { MONTH_NAMES } from '../../runtime/dates.ts';
import { unitDocsWords } from '../../runtime/units.ts';
import { BLOCK_PARTIAL, LINES_PARTIAL, PAGE_TEMPLATE, RICH_PARTIAL } from './docs-templates.ts';

export interface RenderDocsOptions {
  /** The policy file the document is generated from, as the do-not-edit note names it (`policies/bristol.pdl`). */
  readonly sourceFile: string;
  /**
   * The files the CLI writes, for the regeneration command in the do-not-edit note:
   * `pdl docs SOURCE --out FILE`. Without one, the command prints to standard output.
   */
  readonly out?: { readonly markdown?: string; readonly html?: string };
}

export interface PolicyDocs {
  readonly markdown: string;
  readonly html: string;
}

// ---------------------------------------------------------------------------------------------
// The view model

/** A piece of text: plain, code, strong, or a link to an anchor on the page (`#rule-x`). */
export interface Seg {
  readonly text: string;
  readonly code: boolean;
  readonly strong: boolean;
  /** `''` when not a link. */
  readonly href: string;
}

export type Rich = readonly Seg[];

/** A line of a list: a label (`Due`, `Stage 2`) and its text; `number` > 0 in numbered lists. */
export interface Line {
  readonly number: number;
  readonly label: string;
  readonly value: Rich;
}

export interface Lines {
  readonly intro: Rich;
  readonly ordered: boolean;
  readonly items: readonly Line[];
}

/** A rule, approval, limit, constraint, ladder, criterion or notification. */
export interface Block {
  readonly anchor: string;
  /** Heading level: 3 in a section, 4 in a group of a section. */
  readonly level: 3 | 4;
  readonly title: string;
  /** `inherited from ...`, or `''` for a local rule. */
  readonly tag: string;
  /** Rule id, kind, origin and where it is declared. */
  readonly meta: Rich;
  readonly paragraphs: readonly Rich[];
  readonly lists: readonly Lines[];
}

export interface Group {
  readonly anchor: string;
  readonly title: string;
  readonly paragraphs: readonly Rich[];
  /** The role's other duties (approvals, ladders). */
  readonly lists: readonly Lines[];
  readonly blocks: readonly Block[];
}

export interface Table {
  readonly head: readonly string[];
  readonly rows: readonly (readonly Rich[])[];
}

export interface Section {
  readonly anchor: string;
  readonly title: string;
  readonly paragraphs: readonly Rich[];
  readonly table?: Table;
  readonly list: readonly { readonly anchor: string; readonly value: Rich }[];
  readonly blocks: readonly Block[];
  readonly groups: readonly Group[];
}

export interface DocsView {
  readonly title: string;
  readonly note: { readonly text: Rich; readonly comment: string };
  readonly header: readonly { readonly label: string; readonly value: Rich }[];
  readonly sections: readonly Section[];
}

// ---------------------------------------------------------------------------------------------
// Rich text

/** Collapses runs of white space (titles may contain `\n`) so that no text breaks a line. */
function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ');
}

const plain = (text: string): Seg => ({ text: oneLine(text), code: false, strong: false, href: '' });
const code = (text: string): Seg => ({ text: oneLine(text), code: true, strong: false, href: '' });
const strong = (text: string): Seg => ({ text: oneLine(text), code: false, strong: true, href: '' });
const link = (text: string, href: string, isCode = false): Seg => ({ text: oneLine(text), code: isCode, strong: false, href });

type Part = string | Seg | Rich;

/** Joins parts into rich text; strings are plain text; adjacent plain segments are merged. */
function rich(...parts: readonly Part[]): Rich {
  const out: Seg[] = [];
  const push = (s: Seg): void => {
    if (s.text === '') return;
    const last = out[out.length - 1];
    if (last !== undefined && !last.code && !last.strong && last.href === '' && !s.code && !s.strong && s.href === '') {
      out[out.length - 1] = plain(last.text + s.text);
    } else out.push(s);
  };
  for (const p of parts) {
    if (typeof p === 'string') push(plain(p));
    else if (Array.isArray(p)) for (const s of p as Rich) push(s);
    else push(p as Seg);
  }
  return out;
}

/** `a`, `a and b`, `a, b and c` (or `or`). */
function joinRich(items: readonly Rich[], last: 'and' | 'or'): Rich {
  const parts: Part[] = [];
  items.forEach((item, i) => {
    if (i > 0) parts.push(i === items.length - 1 ? ` ${last} ` : ', ');
    parts.push(item);
  });
  return rich(...parts);
}

// ---------------------------------------------------------------------------------------------
// Plain English

const WEEKDAYS = ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;
const ORDINALS = ['', 'first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'] as const;

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** `The child becomes looked after` -> `the child becomes looked after`; `IRO visit` stays. */
function lowerFirst(s: string): string {
  const first = /^\S+/.exec(s)?.[0] ?? '';
  return /^[A-Z][a-z'’]*$/.test(first) ? s.charAt(0).toLowerCase() + s.slice(1) : s;
}

function ordinalWord(n: number): string {
  if (n < ORDINALS.length) return ORDINALS[n] ?? `${n}th`;
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th';
  return `${n}${suffix}`;
}

/** `2011-04-01` -> `1 April 2011`. */
export function plainDate(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (m === null) return date;
  const month = Number(m[2]) >= 1 ? MONTH_NAMES[Number(m[2])] : undefined;
  return `${Number(m[3])} ${month ?? m[2]} ${m[1]}`;
}

/** `20 working days`, `1 week`, `3 months`; calendar days are said to be so (the docs words of `runtime/units.ts`). */
export function durationText(d: IrDuration): string {
  return `${d.amount} ${unitDocsWords(d.unit, d.amount)}`;
}

/** Looks names up in the IR and says them in words. */
class Speaker {
  private readonly events: Map<string, string | undefined>;
  private readonly roles: Map<string, string>;
  private readonly rules: Map<string, string>;

  constructor(readonly ir: PolicyIR) {
    this.events = new Map(ir.events.map((e) => [e.name, e.title]));
    this.roles = new Map(ir.roles.map((r) => [r.name, r.title]));
    this.rules = new Map<string, string>();
    for (const r of [...ir.rules, ...ir.approvals, ...ir.limits, ...ir.constraints, ...ir.ladders, ...ir.criteria]) this.rules.set(r.id, r.title);
  }

  /** `Social worker (`social_worker`)`. */
  role(name: string): Rich {
    const title = this.roles.get(name);
    return title === undefined ? rich(code(name)) : rich(title, ' (', code(name), ')');
  }

  roles_(names: readonly string[], last: 'and' | 'or'): Rich {
    return joinRich(names.map((n) => this.role(n)), last);
  }

  /** An event as a clause: `a review of the child's case is held (`review_held`)`. */
  eventClause(name: string): Rich {
    const title = this.events.get(name);
    return title === undefined ? rich(code(name), ' is recorded') : rich(lowerFirst(title), ' (', code(name), ')');
  }

  /** The day of an event: `the day the child becomes looked after (`became_looked_after`)`. */
  eventDay(name: string): Rich {
    const title = this.events.get(name);
    return title === undefined ? rich('the date of ', code(name)) : rich('the day ', lowerFirst(title), ' (', code(name), ')');
  }

  /** An event by its title in quotes: `“A review meeting is adjourned” (`review_adjourned`)`. */
  eventNamed(name: string): Rich {
    const title = this.events.get(name);
    return title === undefined ? rich(code(name)) : rich('“', title, '” (', code(name), ')');
  }

  /** A date carried by an event: `the `for` date recorded when a review meeting is arranged (`review_scheduled.for`)`. */
  eventAttribute(event: string, attribute: string, article = 'the'): Rich {
    const title = this.events.get(event);
    return title === undefined
      ? rich(`${article} date `, code(`${event}.${attribute}`))
      : rich(`${article} `, code(attribute), ` date recorded when ${lowerFirst(title)} (`, code(`${event}.${attribute}`), ')');
  }

  /** A link to another rule of the page: `[Review of the child's case](#rule-x) (`x`)`. */
  ruleRef(id: string): Rich {
    const title = this.rules.get(id);
    return title === undefined ? rich(code(id)) : rich(link(title, `#${ruleAnchor(id)}`), ' (', code(id), ')');
  }

  /** What a due date is measured from. */
  anchor(anchor: IrAnchor, cycle: IrCycle | undefined): Rich {
    switch (anchor.kind) {
      case 'event':
        return this.eventDay(anchor.event);
      case 'event_attribute':
        return this.eventAttribute(anchor.event, anchor.attribute);
      case 'child_dob':
        return rich("the child's date of birth");
      case 'run_start': {
        const starts = joinRich((cycle?.startsOn ?? []).map((e) => this.eventDay(e)), 'or');
        const restarts = cycle?.restartsOn ?? [];
        if (restarts.length === 0) return starts;
        return rich(starts, ' (or, when the cycle restarts, ', joinRich(restarts.map((e) => this.eventDay(e)), 'or'), ')');
      }
      case 'previous': {
        const noun = cycle === undefined ? 'occurrence' : cycleNoun(cycle.title);
        const met = joinRich((cycle?.metBy.events ?? []).map((e) => rich(code(e))), 'or');
        return met.length === 0 ? rich(`the previous ${noun}`) : rich(`the previous ${noun} (the date of the `, met, ' that met it)');
      }
    }
  }

  /**
   * A due date in plain English: `within 20 working days of ...`, `at least 5 working days before
   * ...`, `by 12:00 on the Monday on or before the day 5 weeks before ...`.
   */
  due(due: IrDue, cycle?: IrCycle): Rich {
    const d = durationText(due.offset);
    const anchor = this.anchor(due.anchor, cycle);
    if (due.align !== undefined) {
      const weekday = WEEKDAYS[due.align.weekday] ?? String(due.align.weekday);
      const side = due.align.direction === 'on_or_before' ? 'on or before' : 'on or after';
      const time = due.time === undefined ? '' : `by ${due.time} `;
      return rich(`${time}on the ${weekday} ${side} the day ${d} ${due.direction} `, anchor);
    }
    const core =
      due.direction === 'before'
        ? rich(`at least ${d} before `, anchor)
        : due.anchor.kind === 'child_dob'
          ? rich(`no later than ${d} after `, anchor)
          : rich(`within ${d} of `, anchor);
    return due.time === undefined ? core : rich(core, `, by ${due.time} on the day it falls due`);
  }

  /** `only when `legal_status is care_order``. */
  when(condition: IrCondition | undefined): Rich {
    return condition === undefined ? [] : rich('only when ', code(condition.text));
  }

  /** `a review of the child's case is held (`review_held`)`, `... or ...`, `, where `...``. */
  metBy(rule: IrRule): Rich {
    const events = joinRich(rule.metBy.events.map((e) => this.eventClause(e)), 'or');
    return rule.metBy.where === undefined ? events : rich(events, ', where ', code(rule.metBy.where.text));
  }

  typeText(type: IrType): Rich {
    switch (type.kind) {
      case 'date':
        return rich('a date');
      case 'boolean':
        return rich('yes or no');
      case 'number':
        return rich('a number');
      case 'text':
        return rich('text');
      case 'role':
        return rich('a role');
      case 'enum':
        return rich('one of ', joinRich(type.values.map((v) => rich(code(v))), 'or'));
    }
  }
}

/** `Review of the child's case (local timescales)` -> `review of the child's case`. */
function cycleNoun(title: string): string {
  const bare = title.replace(/\s*\([^)]*\)\s*$/, '').replace(/^(the|a|an)\s+/i, '');
  return lowerFirst(bare === '' ? title : bare);
}

function ruleAnchor(id: string): string {
  return `rule-${id.replace(/[^\w-]/g, '-')}`;
}

function policyAnchor(id: string): string {
  return `policy-${id.replace(/[^\w-]/g, '-')}`;
}

function roleAnchor(name: string): string {
  return `role-${name.replace(/[^\w-]/g, '-')}`;
}

function notifyAnchor(id: string): string {
  return `notify-${id.replace(/[^\w-]/g, '-')}`;
}

/** Quotes a path for a shell command when it needs it. */
function shellWord(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

// ---------------------------------------------------------------------------------------------
// Building the view

interface Named {
  readonly id: string;
  readonly title: string;
  readonly citation: string;
  readonly source: IrSource;
  readonly policy: string;
}

class ViewBuilder {
  private readonly say: Speaker;
  private readonly cycles: Map<string, IrCycle>;

  constructor(
    private readonly ir: PolicyIR,
    private readonly options: RenderDocsOptions,
  ) {
    this.say = new Speaker(ir);
    this.cycles = new Map(ir.rules.filter((r): r is IrCycle => r.kind === 'cycle').map((c) => [c.id, c]));
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

  private cites(citation: string): Line {
    return { number: 0, label: 'Cites', value: rich(citation) };
  }

  private notifyLine(id: string, template: IrTemplate | undefined): Line[] {
    if (template === undefined) return [];
    return [{ number: 0, label: 'Notification', value: rich(code(template.subject), ' (', link('the template', `#${notifyAnchor(id)}`), ')') }];
  }

  private fields(lines: readonly Line[]): Lines {
    return { intro: [], ordered: false, items: lines };
  }

  private block(item: Named, kind: string, level: 3 | 4, paragraphs: readonly Rich[], lists: readonly Lines[]): Block {
    return { anchor: ruleAnchor(item.id), level, title: oneLine(item.title), tag: this.tag(item), meta: this.meta(item, kind), paragraphs, lists: mergeLists(lists) };
  }

  // --- obligations

  private deadline(rule: IrDeadline, level: 3 | 4): Block {
    const lines: Line[] = [{ number: 0, label: 'Due', value: this.say.due(rule.due) }];
    if (rule.when !== undefined) lines.push({ number: 0, label: 'Applies', value: this.say.when(rule.when) });
    lines.push({ number: 0, label: 'Met when', value: this.say.metBy(rule) });
    lines.push(...this.notifyLine(rule.id, rule.notify));
    lines.push(this.cites(rule.citation));
    return this.block(rule, 'deadline', level, [], [this.fields(lines)]);
  }

  private stepLabel(step: IrCycleStep, lastFixed: number): string {
    if (step.ordinal === 'repeat') return `${capitalise(ordinalWord(lastFixed + 1))} and each later one`;
    return capitalise(ordinalWord(step.ordinal));
  }

  private cycle(rule: IrCycle, level: 3 | 4): Block {
    const say = this.say;
    const starts = joinRich(rule.startsOn.map((e) => say.eventDay(e)), 'or');
    const ends = joinRich(rule.endsOn.map((e) => say.eventDay(e)), 'or');
    const paragraphs: Rich[] = [
      rich('A recurring obligation. Each run starts on ', starts, ends.length > 0 ? rich(' and ends on ', ends) : '', '.'),
    ];
    if (rule.restartsOn.length > 0) {
      paragraphs.push(rich('A new run, counted from the first again, starts at once on ', joinRich(rule.restartsOn.map((e) => say.eventDay(e)), 'or'), '.'));
    }
    const before: Line[] = [];
    if (rule.when !== undefined) before.push({ number: 0, label: 'Applies', value: rich(say.when(rule.when), ', read when each run starts') });
    const fixed = rule.steps.filter((s) => s.ordinal !== 'repeat').sort((a, b) => (a.ordinal as number) - (b.ordinal as number));
    const repeats = rule.steps.filter((s) => s.ordinal === 'repeat');
    const lastFixed = fixed.reduce((m, s) => Math.max(m, s.ordinal as number), 0);
    const steps: Line[] = [...fixed, ...repeats].map((step, i) => ({
      number: i + 1,
      label: this.stepLabel(step, lastFixed),
      value: rich(say.due(step.due, rule), step.when !== undefined ? rich(', ', say.when(step.when)) : '', `. Cites: ${step.citation}`),
    }));
    const after: Line[] = [{ number: 0, label: 'Met when', value: say.metBy(rule) }, ...this.notifyLine(rule.id, rule.notify), this.cites(rule.citation)];
    const lists: Lines[] = [];
    if (before.length > 0) lists.push(this.fields(before));
    lists.push({ intro: rich('Each occurrence is due:'), ordered: true, items: steps });
    lists.push(this.fields(after));
    return this.block(rule, 'cycle', level, paragraphs, lists);
  }

  private rule(rule: IrRule, level: 3 | 4): Block {
    return rule.kind === 'deadline' ? this.deadline(rule, level) : this.cycle(rule, level);
  }

  // --- approvals, limits, constraints

  private approval(a: IrApproval): Block {
    const say = this.say;
    const who =
      a.approvers.length === 1 && !/\babove\b/.test(a.approversText)
        ? rich('only ', say.role(a.approvers[0] ?? ''), ' may approve')
        : rich('only ', say.roles_(a.approvers, 'or'), ' may approve (written ', code(a.approversText), ')');
    const lines: Line[] = [
      { number: 0, label: 'Who may approve', value: who },
      {
        number: 0,
        label: 'Requested when',
        value: rich(say.eventClause(a.request.event), a.request.where !== undefined ? rich(', where ', code(a.request.where.text)) : ''),
      },
      {
        number: 0,
        label: 'Decided when',
        value: rich(say.eventClause(a.decision.event), '; its ', code(a.decision.byAttribute), ' names the role that approved'),
      },
    ];
    if (a.notice !== undefined) lines.push({ number: 0, label: 'Notice', value: rich('the request must be made ', say.due(a.notice)) });
    const lists: Lines[] = [this.fields(lines)];
    if (a.requires.length > 0) {
      lists.push({
        intro: rich('First, between the request and the decision (both days included):'),
        ordered: true,
        items: a.requires.map((r, i) => ({
          number: i + 1,
          label: '',
          value: rich(capitaliseRich(say.eventClause(r.event)), r.where !== undefined ? rich(', where ', code(r.where.text)) : ''),
        })),
      });
    }
    lists.push(this.fields([this.cites(a.citation)]));
    return this.block(a, 'approval', 3, [], lists);
  }

  private limit(l: IrLimit): Block {
    const say = this.say;
    const per =
      l.per.kind === 'case' ? rich('in the whole case') : rich('in each occurrence of ', say.ruleRef(l.per.rule), ' (from the date the occurrence is measured from to the event that met it)');
    const events = l.max === 1 ? 'event' : 'events';
    const lines: Line[] = [
      {
        number: 0,
        label: 'Limit',
        value: rich(`at most ${l.max} ${events} `, say.eventNamed(l.event), l.where !== undefined ? rich(' where ', code(l.where.text)) : '', ' ', per, '; each one beyond the limit is a breach'),
      },
      this.cites(l.citation),
    ];
    return this.block(l, 'limit', 3, [], [this.fields(lines)]);
  }

  private constraint(c: IrConstraint): Block {
    const say = this.say;
    const lines: Line[] = [
      {
        number: 0,
        label: 'Rule',
        value: rich(
          say.eventAttribute(c.event, c.attribute, 'each'),
          ' must fall on or before the due date of the occurrence of ',
          say.ruleRef(c.cycle),
          ' that is pending when it is recorded',
        ),
      },
      this.cites(c.citation),
    ];
    return this.block(c, 'constraint', 3, [], [this.fields(lines)]);
  }

  // --- ladders

  private stage(s: IrLadderStage): Line {
    const say = this.say;
    const parts: Part[] = [];
    if (s.alert.length > 0) {
      parts.push('alert ', say.roles_(s.alert, 'and'));
      if (s.respondWithin !== undefined) parts.push(`, who must respond within ${durationText(s.respondWithin)} of the stage being raised`);
      if (s.copy.length > 0) parts.push('; copy ', say.roles_(s.copy, 'and'));
    } else if (s.copy.length > 0) parts.push('copy ', say.roles_(s.copy, 'and'));
    if (s.referTo !== undefined) parts.push(parts.length > 0 ? '; then refer to ' : 'refer to ', say.role(s.referTo));
    parts.push(`. Cites: ${s.citation}`);
    const label = s.title === undefined ? `Stage ${s.number}` : `Stage ${s.number}, ${oneLine(s.title)}`;
    return { number: s.number, label, value: rich(...parts) };
  }

  private ladder(l: IrLadder): Block {
    const say = this.say;
    const advance =
      l.advance.late && l.advance.unsatisfactory
        ? 'when a stage has no response by its deadline, or its response is unsatisfactory'
        : l.advance.late
          ? 'when a stage has no response by its deadline'
          : 'when the response to a stage is unsatisfactory';
    const lines: Line[] = [{ number: 0, label: 'Raised by', value: say.roles_(l.raisedBy, 'or') }];
    if (l.cap !== undefined) {
      lines.push({
        number: 0,
        label: 'Overall limit',
        value: rich(`at most ${durationText(l.cap)} in total, from the first stage raised to the resolution`, l.capCitation !== undefined ? `. Cites: ${l.capCitation}` : ''),
      });
    }
    lines.push({
      number: 0,
      label: 'Order of stages',
      value: rich(l.bypass ? 'stages may be bypassed: a stage may be raised without the one before it' : 'stages are taken in order: raising a stage without the one before it is a breach'),
    });
    lines.push({ number: 0, label: 'The next stage is due', value: rich(advance) });
    return this.block(l, 'ladder', 3, [], [
      this.fields(lines),
      { intro: rich('Stages:'), ordered: true, items: l.stages.map((s) => this.stage(s)) },
      this.fields([...this.notifyLine(l.id, l.notify), this.cites(l.citation)]),
    ]);
  }

  // --- criteria and notifications

  private criteria(c: IrCriteria): Block {
    const intro =
      c.combinator === 'any' ? 'Met when at least one of these holds:' : c.combinator === 'all' ? 'Met when every one of these holds:' : 'Met when none of these holds:';
    return this.block(c, 'criteria', 3, [rich('Read on the date of the evaluation: ', code('today'), ' is that date and ', code('age'), " the child's age on it.")], [
      { intro: rich(intro), ordered: false, items: c.conditions.map((x) => ({ number: 0, label: x.label, value: rich(code(x.condition.text)) })) },
      this.fields([this.cites(c.citation)]),
    ]);
  }

  private notification(item: IrRule | IrLadder, template: IrTemplate): Block {
    const when =
      item.kind === 'ladder'
        ? 'one message for each stage raised'
        : 'one message for each obligation that is open or overdue';
    const lines: Line[] = [
      { number: 0, label: 'For', value: rich(link(oneLine(item.title), `#${ruleAnchor(item.id)}`), ' (', code(item.id), ')') },
      { number: 0, label: 'Sent', value: rich(when) },
      { number: 0, label: 'Subject', value: rich(code(template.subject)) },
    ];
    if (template.body !== undefined) lines.push({ number: 0, label: 'Body', value: rich(code(template.body)) });
    lines.push(this.cites(item.citation));
    return { ...this.block(item, item.kind, 3, [], [this.fields(lines)]), anchor: notifyAnchor(item.id) };
  }

  // --- sections

  private sourcesSection(): Section | undefined {
    const ir = this.ir;
    const all: Named[] = [...ir.rules, ...ir.approvals, ...ir.limits, ...ir.constraints, ...ir.ladders, ...ir.criteria];
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
    for (const a of this.ir.approvals) for (const role of a.approvers) add(role, 'May approve', ref(a.id, a.title));
    for (const l of this.ir.ladders) {
      for (const role of l.raisedBy) add(role, 'Raises', ref(l.id, l.title));
      for (const s of l.stages) {
        const due = s.respondWithin === undefined ? '' : `, within ${durationText(s.respondWithin)}`;
        for (const role of s.alert) add(role, 'Responds', rich(`at stage ${s.number} of `, ref(l.id, l.title), due));
        for (const role of s.copy) add(role, 'Is copied', rich(`at stage ${s.number} of `, ref(l.id, l.title)));
        if (s.referTo !== undefined) add(s.referTo, 'Receives the referral', rich(`at stage ${s.number} of `, ref(l.id, l.title)));
      }
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
    for (const r of ir.rules) if (!known.has(r.owner) && !owners.includes(r.owner)) owners.push(r.owner);
    const groups: Group[] = [];
    for (const owner of owners) {
      const rules = ir.rules.filter((r) => r.owner === owner);
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
        blocks: rules.map((r) => this.rule(r, 4)),
      });
    }
    if (groups.length === 0) return undefined;
    return {
      anchor: 'obligations-by-role',
      title: 'Obligations by role',
      paragraphs: [
        rich(
          'Each deadline and cycle under the role that owns it, with when it falls due and what meets it. Working days are Monday to Friday, except the bank holidays of England and Wales',
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
      paragraphs: [rich('Working days are Monday to Friday, except the bank holidays of England and Wales, with these changes:')],
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
      rows.push([rich(code(f.name)), rich('fact'), rich(f.title === undefined ? '' : f.title), rich(say.typeText(f.type), f.optional ? ' (optional)' : '')]);
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
      this.simpleSection('approvals', 'Approvals', [rich('Who may approve an action, and what must happen first.')], ir.approvals.map((a) => this.approval(a))),
      this.simpleSection('limits', 'Limits', [], ir.limits.map((l) => this.limit(l))),
      this.simpleSection('constraints', 'Constraints', [], ir.constraints.map((c) => this.constraint(c))),
      this.simpleSection(
        'escalation-ladders',
        'Escalation ladders',
        [rich('Each stage alerts the roles who must respond; a stage’s timescale is counted from the day it is raised.')],
        ir.ladders.map((l) => this.ladder(l)),
      ),
      this.simpleSection('criteria', 'Criteria', [], ir.criteria.map((c) => this.criteria(c))),
      this.simpleSection(
        'notifications',
        'Notifications',
        [rich('Message templates, filled in with the case when it is evaluated (', code('{{ }}'), ' marks a field).')],
        [...ir.rules, ...ir.ladders].flatMap((x) => (x.notify === undefined ? [] : [this.notification(x, x.notify)])),
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

function capitaliseRich(r: Rich): Rich {
  const first = r[0];
  if (first === undefined || first.code || first.href !== '') return r;
  return [{ ...first, text: capitalise(first.text) }, ...r.slice(1)];
}

/** The view model of the document (for tests and other renderers). */
export function buildDocsView(ir: PolicyIR, options: RenderDocsOptions, format: 'markdown' | 'html' = 'markdown'): DocsView {
  return new ViewBuilder(ir, options).build(format);
}

// ---------------------------------------------------------------------------------------------
// Markdown

/** Escapes plain text so that Markdown shows it as written. */
export function markdownText(s: string): string {
  return s
    .replace(/[\\`*_[\]<>|~]/g, (c) => `\\${c}`)
    .replace(/&(?=#?\w+;)/g, '\\&');
}

/** Rich text that begins a line: also escapes what would make it a heading, a list or a quote. */
function markdownLine(r: Rich): string {
  const text = markdownRich(r);
  const first = r[0];
  if (first === undefined || first.code || first.strong || first.href !== '') return text;
  return text.replace(/^(\d+)([.)])(?=\s|$)/, '$1\\$2').replace(/^([#=]|[-+](?=\s|$))/, '\\$1');
}

/** A code span that holds any text: a fence longer than any run of backticks inside. */
function markdownCode(s: string, inTable: boolean): string {
  const runs = s.match(/`+/g) ?? [];
  const fence = '`'.repeat(runs.reduce((m, r) => Math.max(m, r.length), 0) + 1);
  const pad = s.startsWith('`') || s.endsWith('`') || (s.startsWith(' ') && s.endsWith(' ') && s.trim() !== '') ? ' ' : '';
  const body = inTable ? s.replace(/\|/g, '\\|') : s;
  return `${fence}${pad}${body}${pad}${fence}`;
}

function markdownRich(r: Rich, inTable = false): string {
  return r
    .map((s) => {
      const inner = s.code ? markdownCode(s.text, inTable) : s.strong ? `**${markdownText(s.text)}**` : markdownText(s.text);
      return s.href === '' ? inner : `[${inner}](${s.href})`;
    })
    .join('');
}

/** Text inside an HTML comment: nothing that could end it (`-->`, `--!>`). */
function commentText(s: string): string {
  return s.replace(/>/g, '&gt;');
}

function markdownLines(lines: Lines): string[] {
  const out: string[] = [];
  if (lines.intro.length > 0) out.push(markdownLine(lines.intro), '');
  for (const item of lines.items) {
    const bullet = lines.ordered ? `${item.number}.` : '-';
    const label = item.label === '' ? '' : `**${markdownText(item.label)}**${item.value.length > 0 ? ': ' : ''}`;
    out.push(`${bullet} ${label}${markdownRich(item.value)}`);
  }
  out.push('');
  return out;
}

function markdownBlock(b: Block): string[] {
  const tag = b.tag === '' ? '' : ` *(${markdownText(b.tag)})*`;
  const out = [`${'#'.repeat(b.level)} <a id="${b.anchor}"></a>${markdownText(b.title)}${tag}`, '', markdownRich(b.meta), ''];
  for (const p of b.paragraphs) out.push(markdownLine(p), '');
  for (const l of b.lists) out.push(...markdownLines(l));
  return out;
}

function markdownTable(head: readonly string[], rows: readonly (readonly Rich[])[]): string[] {
  const cell = (s: string): string => (s === '' ? ' ' : s);
  return [
    `| ${head.map((h) => markdownText(h)).join(' | ')} |`,
    `| ${head.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.map((c) => cell(markdownRich(c, true))).join(' | ')} |`),
    '',
  ];
}

export function renderMarkdown(view: DocsView): string {
  const out: string[] = [`<!-- ${commentText(view.note.comment)} -->`, '', `# ${markdownText(view.title)}`, '', `> ${markdownRich(view.note.text)}`, ''];
  for (const h of view.header) out.push(`- **${markdownText(h.label)}**: ${markdownRich(h.value)}`);
  out.push('', 'Contents:', '');
  for (const s of view.sections) out.push(`- [${markdownText(s.title)}](#${s.anchor})`);
  out.push('');
  for (const s of view.sections) {
    out.push(`## <a id="${s.anchor}"></a>${markdownText(s.title)}`, '');
    for (const p of s.paragraphs) out.push(markdownLine(p), '');
    if (s.table !== undefined) out.push(...markdownTable(s.table.head, s.table.rows));
    if (s.list.length > 0) {
      for (const item of s.list) out.push(`- ${item.anchor === '' ? '' : `<a id="${item.anchor}"></a>`}${markdownRich(item.value)}`);
      out.push('');
    }
    for (const b of s.blocks) out.push(...markdownBlock(b));
    for (const g of s.groups) {
      out.push(`### <a id="${g.anchor}"></a>${markdownText(g.title)}`, '');
      for (const p of g.paragraphs) out.push(markdownLine(p), '');
      for (const l of g.lists) out.push(...markdownLines(l));
      for (const b of g.blocks) out.push(...markdownBlock(b));
    }
  }
  while (out[out.length - 1] === '') out.pop();
  return `${out.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------
// HTML

let page: Handlebars.TemplateDelegate<DocsView> | undefined;

function pageTemplate(): Handlebars.TemplateDelegate<DocsView> {
  if (page !== undefined) return page;
  const hb = Handlebars.create();
  const options = { knownHelpersOnly: true, noEscape: false };
  hb.registerPartial('rich', hb.compile(RICH_PARTIAL, options));
  hb.registerPartial('lines', hb.compile(LINES_PARTIAL, options));
  hb.registerPartial('block', hb.compile(BLOCK_PARTIAL, options));
  page = hb.compile<DocsView>(PAGE_TEMPLATE, options);
  return page;
}

export function renderHtml(view: DocsView): string {
  return pageTemplate()(view);
}

// ---------------------------------------------------------------------------------------------
// Entry

/** Renders a policy as a practice direction, in Markdown and in HTML. */
export function renderPolicyDocs(ir: PolicyIR, options: RenderDocsOptions): PolicyDocs {
  const builder = new ViewBuilder(ir, options);
  return { markdown: renderMarkdown(builder.build('markdown')), html: renderHtml(builder.build('html')) };
}
