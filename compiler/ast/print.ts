/**
 * AST -> canonical PDL text (the formatter's core), and `stripRanges` for range-free comparison.
 *
 * INVARIANT: `parse(print(ast))` yields an AST equal to `ast` once ranges are stripped (a test
 * proves it on every good case). Comments are not part of the AST and are not printed.
 */
import type * as A from './types.ts';
import { unitWords } from '../../runtime/units.ts';

const INDENT = '  ';

function quote(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\t/g, '\\t')}"`;
}

export function printType(type: A.TypeRef): string {
  return type.kind === 'EnumType' ? `enum(${type.values.map((v) => v.text).join(', ')})` : type.type;
}

export function printDuration(d: A.Duration): string {
  if (d.unit === undefined) return String(d.amount);
  return `${d.amount} ${d.unitText ?? unitWords(d.unit, d.amount)}`;
}

export function printAnchor(a: A.Anchor): string {
  switch (a.kind) {
    case 'EventAnchor':
      return a.event.text;
    case 'AttributeAnchor':
      return `${a.event.text}.${a.attribute.text}`;
    case 'PreviousAnchor':
      return `the previous ${a.name.text}`;
    case 'ChildAnchor':
      return `child.${a.attribute.text}`;
  }
}

export function printDue(d: A.DueSpec): string {
  const parts: string[] = [];
  if (d.time) parts.push(`by ${d.time.text}`);
  if (d.align) parts.push(`on the ${d.align.weekday} on or ${d.align.direction === 'on_or_before' ? 'before' : 'after'}`);
  const duration = printDuration(d.duration);
  if (d.phrasing === 'within') parts.push(`within ${duration} ${d.direction === 'after' ? 'of' : 'after'}`);
  else if (d.phrasing === 'at_least') parts.push(`at least ${duration} before`);
  else parts.push(`${duration} ${d.direction}`);
  parts.push(printAnchor(d.anchor));
  return parts.join(' ');
}

/** A deadline's due date with its window and what follows it: `between 3 months before and 3 months after 16 years after child.dob`. */
export function printDueClause(c: { readonly due: A.DueSpec; readonly window?: A.DueWindow; readonly more?: readonly A.DueMore[] }): string {
  const shift = (s: A.DueShift) => `${printDuration(s.duration)} ${s.direction}`;
  let text = c.window ? `between ${shift(c.window.opens)} and ${shift(c.window.closes)} ${printDue(c.due)}` : printDue(c.due);
  for (const m of c.more ?? []) {
    if (m.kind === 'AlsoFrom') text += ` or ${m.event.text}`;
    else if (m.kind === 'OrDue') text += ` or ${printDue(m.due)}`;
    else if (m.kind === 'Whichever') text += `, whichever is ${m.pick}`;
    else text += `, earliest ${shift(m.opens)}`;
  }
  return text;
}

function printOperand(o: A.Operand): string {
  switch (o.kind) {
    case 'NumberOperand':
      return String(o.value);
    case 'StringOperand':
      return quote(o.value);
    case 'DateOperand':
      return o.value;
    case 'BooleanOperand':
      return String(o.value);
    case 'PathOperand':
      return o.attribute ? `${o.head.text}.${o.attribute.text}` : o.head.text;
    case 'TodayOperand':
      return 'today';
    case 'SinceOperand':
      return `${o.unit.text} since the last ${o.event.text}`;
    case 'CountOperand':
      return `count(${o.event.text}${o.where ? ` where ${printCondition(o.where)}` : ''})`;
    case 'DateOffsetOperand':
      return `${printDuration(o.duration)} ${o.direction} ${printOperand(o.base)}`;
  }
}

/**
 * Prints a condition; `parent` decides whether parentheses are needed. A group inside a group of the
 * same operator (`a or (b or c)`) keeps its parentheses: the parser keeps it as a group of its own, so
 * leaving them out would read back as a different AST (one group of three).
 */
export function printCondition(c: A.Condition, parent: 'or' | 'and' | 'not' | 'top' = 'top'): string {
  switch (c.kind) {
    case 'OrCondition': {
      const text = c.items.map((i) => printCondition(i, 'or')).join(' or ');
      return parent === 'top' ? text : `(${text})`;
    }
    case 'AndCondition': {
      const text = c.items.map((i) => printCondition(i, 'and')).join(' and ');
      return parent === 'not' || parent === 'and' ? `(${text})` : text;
    }
    case 'NotCondition':
      return `not ${printCondition(c.item, 'not')}`;
    case 'AgeCondition':
      return c.phrasing === 'under' ? `age under ${c.years}` : c.phrasing === 'or_over' ? `age ${c.years} or over` : `age ${c.op} ${c.years}`;
    case 'CompareCondition': {
      const op = c.phrasing === 'is' ? 'is' : c.phrasing === 'is_not' ? 'is not' : c.op;
      return `${printOperand(c.left)} ${op} ${printOperand(c.right)}`;
    }
    case 'TruthCondition':
      return printOperand(c.operand);
    case 'InCondition':
      return `${printOperand(c.left)} ${c.negated ? 'not in' : 'in'} (${c.values.map(printOperand).join(', ')})`;
  }
}

const ORDINALS = ['', 'first', 'second', 'third', 'fourth', 'fifth'];

function printClause(c: A.Clause): string {
  switch (c.kind) {
    case 'OwnerClause': {
      if (c.more === undefined) return `owner ${c.role.text}`;
      const roles = [c.role, ...c.more.roles].map((r) => r.text);
      return `owner ${roles.slice(0, -1).join(', ')} ${c.more.join} ${roles[roles.length - 1] ?? ''}`;
    }
    case 'DueClause':
      return `due ${printDueClause(c)}`;
    case 'WhenClause':
      return `when ${printCondition(c.condition)}`;
    case 'MetByClause':
      return `met by ${c.events.map((e) => e.text).join(' or ')}${c.where ? ` where ${printCondition(c.where)}` : ''}`;
    case 'CiteClause':
      return `cite ${quote(c.citation.value)}`;
    case 'RunsClause':
      return `runs from ${c.starts.map((e) => e.text).join(' or ')}${c.ends.length > 0 ? ` until ${c.ends.map((e) => e.text).join(' or ')}` : ''}${c.endsWhere ? ` where ${printCondition(c.endsWhere)}` : ''}`;
    case 'RestartsClause':
      return `restarts on ${c.events.map((e) => e.text).join(' or ')}${c.where ? ` where ${printCondition(c.where)}` : ''}`;
    case 'StepClause': {
      const ordinal = c.ordinal === 'repeat' ? 'then' : (ORDINALS[c.ordinal] ?? 'then');
      return `${ordinal} ${printDue(c.due)}${c.when ? ` when ${printCondition(c.when)}` : ''}${c.cite ? ` cite ${quote(c.cite.value)}` : ''}`;
    }
    case 'RequestClause':
      return `request ${c.event.text}${c.where ? ` where ${printCondition(c.where)}` : ''}`;
    case 'RequiresClause':
      return `requires ${c.event.text}${c.where ? ` where ${printCondition(c.where)}` : ''}`;
    case 'DecisionClause':
      return `decision ${c.event.text}`;
    case 'ApprovedByClause':
      return `approved by ${c.roles.map((r) => r.text).join(' or ')}${c.orAbove ? ' or above' : ''}`;
    case 'NoticeClause':
      return `notice ${printDue(c.due)}`;
    case 'AtMostClause':
      return `at most ${c.max} ${c.event.text}${c.where ? ` where ${printCondition(c.where)}` : ''} per ${c.per.text}`;
    case 'EachClause':
      return `each ${c.event.text}.${c.attribute.text} on or before the due date of ${c.cycle.text}`;
    case 'RaisedByClause':
      return `raised by ${c.roles.map((r) => r.text).join(', ')}`;
    case 'StagesMayClause':
      return `stages may be ${c.words.join(' or ')}`;
    case 'TotalClause':
      return `in total at most ${printDuration(c.duration)}${c.cite ? ` cite ${quote(c.cite.value)}` : ''}`;
    case 'StageClause': {
      const head = `stage ${c.number}${c.title ? ` ${quote(c.title.value)}` : ''}${c.raisedBy.length > 0 ? ` raised by ${c.raisedBy.map((r) => r.text).join(', ')}` : ''}`;
      const copy = c.copy.length > 0 ? ` copy ${c.copy.map((r) => r.text).join(', ')}` : '';
      const body = c.referTo
        ? ` refer to ${c.referTo.text}${copy}${c.stopsClock ? ' stops the clock' : ''}`
        : ` alert ${c.alert.map((r) => r.text).join(', ')}${copy}${c.respondWithin ? ` respond within ${printDuration(c.respondWithin)}` : ''}`;
      return `${head}${body}${c.when ? ` when ${printCondition(c.when)}` : ''}${c.cite ? ` cite ${quote(c.cite.value)}` : ''}`;
    }
    case 'AdvanceClause':
      return `advance when ${[c.late ? 'late' : '', c.unsatisfactory ? 'unsatisfactory' : ''].filter(Boolean).join(' or ')}`;
    case 'NotifyClause':
      return `notify ${quote(c.subject.value)}${c.body ? ` body ${quote(c.body.value)}` : ''}`;
    case 'CombinatorClause':
      return `${c.combinator} of`;
    case 'CriterionClause':
      return `${INDENT}${quote(c.label.value)}: ${printCondition(c.condition)}`;
    case 'OrderStepClause':
      return `step ${c.event.text}${c.where ? ` where ${printCondition(c.where)}` : ''}`;
    case 'AfterClause':
      return `after ${c.event.text}${c.where ? ` where ${printCondition(c.where)}` : ''}`;
    case 'WithinClause':
      return `within ${printDuration(c.duration)}`;
    case 'TriggerClause':
      return `for each ${c.cycle.text}`;
    case 'BoundClause': {
      const b = c.bound;
      if (b.kind === 'next') return `by the next ${b.event.text}`;
      return `before ${b.offset ? `${printDuration(b.offset.duration)} ${b.offset.direction} ` : ''}${printAnchor(b.anchor)}`;
    }
    case 'WordingClause':
      return `wording ${quote(c.wording.value)}`;
    case 'CountingClause':
      return `counting from ${c.previous ? 'the previous ' : ''}${c.event.text}${c.attribute ? `.${c.attribute.text}` : ''}`;
    case 'UpToLimitClause':
      return `up to the ${c.word.text} ${c.limit.text}`;
    case 'MatchedByClause':
      return `matched by ${c.key.text}`;
  }
}

/** `legal_status_changed.status`, `plan_started to true`. */
export function printSetter(s: A.FactSetter): string {
  return s.kind === 'AttributeSetter' ? `${s.event.text}.${s.attribute.text}` : `${s.event.text} to ${printOperand(s.value)}`;
}

function printDeclaration(d: A.Declaration): string[] {
  switch (d.kind) {
    case 'Calendar':
      return [
        `calendar ${d.name.text}`,
        ...d.changes.map((c) => `${INDENT}${c.change} ${c.date.value}${c.reason ? ` ${quote(c.reason.value)}` : ''}`),
      ];
    case 'Role':
      return [`role ${d.name.text}${d.title ? ` ${quote(d.title.value)}` : ''}${d.reportsTo ? ` reports to ${d.reportsTo.text}` : ''}`];
    case 'Fact':
      return [`fact ${d.name.text}${d.optional ? '?' : ''}${d.title ? ` ${quote(d.title.value)}` : ''}: ${printType(d.type)}${d.setBy ? ` set by ${d.setBy.map(printSetter).join(' or ')}` : ''}`];
    case 'Event': {
      const attrs = d.attributes.map((a) => `${a.name.text}${a.optional ? '?' : ''}: ${printType(a.type)}`);
      return [`event ${d.name.text}${d.title ? ` ${quote(d.title.value)}` : ''}${attrs.length > 0 ? ` { ${attrs.join(', ')} }` : ''}${d.supersedes ? ' supersedes earlier' : ''}`];
    }
    case 'Rule':
      return [
        `${d.override ? 'override ' : ''}${d.ruleKind} ${d.name.text}${d.title ? ` ${quote(d.title.value)}` : ''}`,
        ...d.clauses.map((c) => INDENT + printClause(c)),
      ];
  }
}

/** The whole file in canonical layout: header, then declarations separated by blank lines between kinds. */
export function printPolicy(p: A.PolicyFile): string {
  const lines: string[] = [`policy ${p.id.text}${p.parents[0] ? ` extends ${p.parents[0].text}` : ''}`];
  for (const parent of p.parents.slice(1)) lines.push(`${INDENT}extends ${parent.text}`);
  for (const used of p.uses ?? []) lines.push(`${INDENT}use ${used.text}`);
  for (const h of p.header) lines.push(`${INDENT}${h.field} ${h.field === 'effective' ? h.value : quote(h.value)}`);
  let previous: A.Declaration['kind'] | undefined;
  for (const d of p.declarations) {
    if (previous !== undefined && (d.kind !== previous || d.kind === 'Rule' || d.kind === 'Calendar')) lines.push('');
    if (previous === undefined) lines.push('');
    lines.push(...printDeclaration(d));
    previous = d.kind;
  }
  return `${lines.join('\n')}\n`;
}

/** A deep copy without `range`, `headRange`, `ordinalRange` and `unitText`: for equality that ignores positions and spelling. */
export function stripRanges(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripRanges);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      if (key === 'range' || key === 'headRange' || key === 'ordinalRange' || key === 'numberRange' || key === 'unitText' || key === 'incomplete') continue;
      out[key] = stripRanges(v);
    }
    return out;
  }
  return value;
}
