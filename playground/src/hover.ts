/**
 * Hover and go to definition in the policy editor: what a name under the cursor means.
 *
 * Input: the word under the cursor, the symbol table of the last compilation that resolved, and the
 * last evaluation of the selected case (when there is one). Output: for go to definition, the
 * declarations of that name (in this policy or in one it extends); for hover, a `HoverInfo`: a
 * heading, where the name is declared and, for a rule, its due dates for the case (status, how early
 * or late) with the explanation of each, its violations, escalations or criterion result.
 *
 * INVARIANT: no DOM and no Monaco (unit-tested in Node). Strings from the policy or the case are
 * returned as plain text; `hoverMarkdown` escapes them, so Monaco's Markdown renderer shows them as
 * text (and Monaco renders hovers with HTML disabled).
 */
import type { EvaluationResult } from '../../runtime/index.ts';
import type { PolicySymbol, SymbolTable } from './protocol.ts';
import { criteriaOf, escalationsOf, obligationRows, violationsOf } from './rows.ts';
import { ukDatesInText } from './uk-date.ts';

/** The order in which declarations of one name are offered. */
const KIND_ORDER: Readonly<Record<PolicySymbol['kind'], number>> = { rule: 0, event: 1, role: 2, fact: 3 };

/** The identifier at `offset` (UTF-16) in `text`, with its span, or undefined. */
export function wordAt(text: string, offset: number): { word: string; start: number; end: number } | undefined {
  const isWord = (c: string | undefined): boolean => c !== undefined && /[A-Za-z0-9_]/.test(c);
  let start = offset;
  while (start > 0 && isWord(text[start - 1])) start--;
  let end = offset;
  while (end < text.length && isWord(text[end])) end++;
  if (start === end) return undefined;
  const word = text.slice(start, end);
  if (!/^[A-Za-z_]/.test(word)) return undefined;
  // An attribute (`review_scheduled.for`) is not a declared name of its own.
  if (text[start - 1] === '.') return undefined;
  return { word, start, end };
}

/** The declarations of `name` (rules first), or none. */
export function definitionsOf(name: string, table: SymbolTable | undefined): PolicySymbol[] {
  if (table === undefined) return [];
  return table.symbols.filter((s) => s.name === name).sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind]);
}

export interface HoverSection {
  readonly heading: string;
  readonly lines: readonly string[];
}

export interface HoverInfo {
  /** `cycle looked_after_review: Review of the child's case` */
  readonly title: string;
  /** `declared in england.statutory_reviews (policies/england/statutory-reviews.pdl:36)` */
  readonly where: string;
  readonly sections: readonly HoverSection[];
}

function whereDeclared(s: PolicySymbol): string {
  const place = `${s.uri}:${s.range.startLine}`;
  return s.own ? `declared here (line ${s.range.startLine})` : `declared in ${s.policy} (${place})`;
}

/** What to show when hovering over `name`; undefined when it is not a declared name. */
export function hoverInfo(name: string, table: SymbolTable | undefined, result: EvaluationResult | undefined): HoverInfo | undefined {
  const symbol = definitionsOf(name, table)[0];
  if (symbol === undefined) return undefined;
  const what = symbol.kind === 'rule' ? (symbol.ruleKind ?? 'rule') : symbol.kind;
  const title = symbol.title === undefined ? `${what} ${name}` : `${what} ${name}: ${symbol.title}`;
  const sections: HoverSection[] = [];
  if (symbol.kind === 'event' && symbol.attributes !== undefined && symbol.attributes.length > 0) {
    sections.push({ heading: 'Attributes', lines: [['date', ...symbol.attributes].join(', ')] });
  }
  if (symbol.kind === 'fact' && symbol.values !== undefined) sections.push({ heading: 'Values', lines: [symbol.values.join(', ')] });
  if (symbol.kind === 'rule' && result !== undefined) {
    const rows = obligationRows(result).filter((r) => r.rule === name);
    const caseLabel = `case ${result.case} as of ${result.asOf}`;
    if (rows.length > 0) {
      sections.push({
        heading: `Due dates for ${caseLabel}`,
        lines: rows.map((r) => `#${r.occurrence} due ${r.dueText}: ${r.statusLabel}${r.statusDetail === '' ? '' : ` (${r.statusDetail})`}. ${r.explanation}`),
      });
    } else if (symbol.ruleKind === 'deadline' || symbol.ruleKind === 'cycle') {
      sections.push({ heading: `Due dates for ${caseLabel}`, lines: ['No obligation for this case.'] });
    }
    const superseded = result.superseded.filter((s) => s.rule === name);
    if (superseded.length > 0) sections.push({ heading: 'Superseded', lines: superseded.map((s) => `#${s.occurrence} would have been due ${s.due}: ${s.reason}`) });
    const violations = violationsOf(result).filter((v) => v.rule === name);
    if (violations.length > 0) sections.push({ heading: 'Violations', lines: violations.map((v) => `${v.event.date}: ${v.message}`) });
    const escalations = escalationsOf(result).filter((e) => e.ladder === name);
    if (escalations.length > 0) {
      sections.push({
        heading: 'Escalations',
        lines: escalations.map((e) => `#${e.instance} stage ${e.stage} raised ${e.raisedOn}${e.due === undefined ? '' : `, response due ${e.due}`}: ${e.status.replace(/_/g, ' ')}. ${e.explanation}`),
      });
    }
    const criterion = criteriaOf(result).find((c) => c.name === name);
    if (criterion !== undefined) {
      sections.push({
        heading: `${criterion.result ? 'Holds' : 'Does not hold'} (${criterion.combinator} of)`,
        lines: criterion.conditions.map((c) => `${c.value ? 'yes' : 'no'}: ${c.label}: ${c.reason}`),
      });
    }
  }
  // Dates as the rest of the page shows them (dd/mm/yyyy), also inside the runtime's explanations.
  return { title, where: whereDeclared(symbol), sections: sections.map((s) => ({ heading: ukDatesInText(s.heading), lines: s.lines.map(ukDatesInText) })) };
}

/** Escapes Markdown so that text is shown as written (names, titles and explanations come from users). */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()<>#+\-.!|~&]/g, (c) => `\\${c}`);
}

/** The hover as Markdown strings (every user string escaped). */
export function hoverMarkdown(info: HoverInfo): string[] {
  const parts = [`**${escapeMarkdown(info.title)}**`, `*${escapeMarkdown(info.where)}*`];
  for (const section of info.sections) {
    parts.push([`**${escapeMarkdown(section.heading)}**`, ...section.lines.map((l) => `- ${escapeMarkdown(l)}`)].join('\n'));
  }
  return parts;
}
