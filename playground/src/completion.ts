/**
 * Completion for the policy editor, decided by cheap context: the text of the line before the cursor
 * and the nearest declaration line above it.
 *
 * Input: the policy text, the cursor (1-based line and column) and the symbol table of the last
 * compilation that resolved (inherited names included). Output: `CompletionEntry`s (label, kind,
 * detail, text to insert), best first:
 * - at the start of an unindented line: declaration keywords (and header clauses in the header);
 * - at the start of an indented line: the clauses of the enclosing rule (`owner`, `met by`...);
 * - after `owner`, `alert`, `copy`, `approved by`, `raised by`, `refer to`, `reports to`, `is` on a
 *   role: roles;
 * - after `met by`, `runs from`, `until`, `restarts on`, `request`, `decision`, `requires`, `step`, `of`,
 *   `after`, `before`, `previous`, `count(`: events;
 * - after `EVENT.`: that event's attributes; after `override KIND`: inherited rules of that kind;
 * - after `when`, `where`, `and`, `or`, `not`, `(`: facts, events, `age`, `today`, `count`;
 * - elsewhere: every keyword and every name.
 *
 * INVARIANT: no DOM and no Monaco (unit-tested in Node); `pdl-editor.ts` maps entries to Monaco's.
 */
import { RULE_KINDS } from '../../compiler/language.ts';
import { CLAUSES, DECLARATION_KEYWORDS, HEADER_KEYWORDS, KEYWORDS } from './pdl-language.ts';
import type { PolicySymbol, SymbolTable } from './protocol.ts';

export type CompletionKind = 'keyword' | 'role' | 'event' | 'fact' | 'rule' | 'attribute' | 'value';

export interface CompletionEntry {
  readonly label: string;
  readonly kind: CompletionKind;
  /** A short description: a title, where a name is declared. */
  readonly detail: string;
  readonly insertText: string;
}

/** What the cursor is in, decided from the text before it. */
export type CompletionContext =
  | { readonly kind: 'declaration'; readonly inHeader: boolean }
  | { readonly kind: 'clause'; readonly rule: string }
  | { readonly kind: 'names'; readonly names: readonly ('role' | 'event' | 'fact' | 'rule' | 'condition')[]; readonly ruleKind?: string }
  | { readonly kind: 'attribute'; readonly event: string }
  | { readonly kind: 'none' }
  | { readonly kind: 'any' };

const ROLE_AFTER = /\b(?:owner|alert|copy|approved\s+by|raised\s+by|refer\s+to|reports\s+to|or(?=\s+\w*$)|,)\s+\w*$/;
const EVENT_AFTER = /\b(?:met\s+by|runs\s+from|until|restarts\s+on|request|decision|requires|step|of|after|before|previous|count\s*\(|each|most\s+\d+)\s+\w*$|\bcount\s*\(\w*$/;
const CONDITION_AFTER = /(?:\bwhen|\bwhere|\band|\bor|\bnot|\()\s+\w*$|\(\w*$/;
const OVERRIDE_AFTER = new RegExp(`^\\s*override\\s+(${RULE_KINDS.join('|')})\\s+\\w*$`);
const PER_AFTER = /\bper\s+\w*$/;
const ATTRIBUTE_AFTER = /([A-Za-z_]\w*)\.(\w*)$/;

/** The kind of the declaration that the line `lineIndex` (0-based) belongs to, or undefined. */
function enclosingDeclaration(lines: readonly string[], lineIndex: number): string | undefined {
  for (let i = lineIndex; i >= 0; i--) {
    const line = lines[i] ?? '';
    if (/^\s*(#|$)/.test(line)) continue;
    if (i < lineIndex && /^\S/.test(line)) {
      const words = line.trim().split(/\s+/);
      const first = words[0] ?? '';
      if (first === 'override') return words[1];
      if (DECLARATION_KEYWORDS.includes(first)) return first;
      return undefined;
    }
  }
  return undefined;
}

/** Whether an unindented line inside a rule's clauses starts a clause list (lines above in the same rule). */
function ownerLineKind(line: string): string | undefined {
  const words = line.trim().split(/\s+/);
  const first = words[0] ?? '';
  if (first === 'override') return words[1];
  return DECLARATION_KEYWORDS.includes(first) ? first : undefined;
}

/** Decides the completion context at (line, column), both 1-based. */
export function completionContext(text: string, line: number, column: number): CompletionContext {
  const lines = text.split('\n');
  const current = lines[line - 1] ?? '';
  const before = current.slice(0, Math.max(0, column - 1));
  if (/#/.test(before.replace(/"(?:[^"\\]|\\.)*"/g, '""'))) return { kind: 'none' };
  // Inside an open string: nothing to complete.
  if (((before.match(/"/g) ?? []).length - (before.match(/\\"/g) ?? []).length) % 2 === 1) return { kind: 'none' };

  const attribute = ATTRIBUTE_AFTER.exec(before);
  if (attribute !== null && attribute[1] !== undefined && attribute[1] !== 'child') return { kind: 'attribute', event: attribute[1] };

  if (/^\s*\w*$/.test(before)) {
    const indented = /^\s+/.test(before);
    if (!indented) {
      // In the header (before any declaration but `policy`): header clauses too.
      const above = lines.slice(0, line - 1).filter((l) => /^\S/.test(l) && !/^#/.test(l));
      const last = above[above.length - 1];
      return { kind: 'declaration', inHeader: above.length === 0 || (last !== undefined && ownerLineKind(last) === 'policy' && above.length === 1) };
    }
    const rule = enclosingDeclaration(lines, line - 1);
    return rule === undefined ? { kind: 'any' } : { kind: 'clause', rule };
  }

  const override = OVERRIDE_AFTER.exec(before);
  if (override !== null) return { kind: 'names', names: ['rule'], ...(override[1] !== undefined ? { ruleKind: override[1] } : {}) };
  if (PER_AFTER.test(before)) return { kind: 'names', names: ['rule'], ruleKind: 'cycle' };
  if (/\bdue\s+date\s+of\s+\w*$/.test(before)) return { kind: 'names', names: ['rule'], ruleKind: 'cycle' };
  if (/\bescalation|\bladder\s*:\s*"?\w*$/.test(before)) return { kind: 'names', names: ['rule'], ruleKind: 'ladder' };
  if (ROLE_AFTER.test(before) && !/\b(?:when|where)\b/.test(before) && !EVENT_AFTER.test(before)) return { kind: 'names', names: ['role'] };
  if (EVENT_AFTER.test(before)) return { kind: 'names', names: ['event', ...(/\bprevious\s+\w*$/.test(before) ? (['rule'] as const) : [])] };
  if (/\b(?:is|is\s+not|=|!=)\s+\w*$/.test(before) || /\bin\s*\([\w\s,]*$/.test(before)) return { kind: 'names', names: ['role', 'condition'] };
  if (CONDITION_AFTER.test(before)) return { kind: 'names', names: ['condition'] };
  return { kind: 'any' };
}

function symbolDetail(s: PolicySymbol): string {
  const what = s.kind === 'rule' ? (s.ruleKind ?? 'rule') : s.kind;
  const where = s.own ? '' : ` (from ${s.policy})`;
  return s.title === undefined ? `${what}${where}` : `${what}: ${s.title}${where}`;
}

function fromSymbol(s: PolicySymbol): CompletionEntry {
  return { label: s.name, kind: s.kind, detail: symbolDetail(s), insertText: s.name };
}

function keyword(word: string, detail = 'keyword'): CompletionEntry {
  return { label: word, kind: 'keyword', detail, insertText: word };
}

/** The completion entries at (line, column), both 1-based. */
export function completions(text: string, line: number, column: number, table: SymbolTable | undefined): CompletionEntry[] {
  const context = completionContext(text, line, column);
  const symbols = table?.symbols ?? [];
  const ofKind = (kind: PolicySymbol['kind']): CompletionEntry[] => symbols.filter((s) => s.kind === kind).map(fromSymbol);
  switch (context.kind) {
    case 'none':
      return [];
    case 'declaration':
      return [
        ...(context.inHeader ? HEADER_KEYWORDS.map((k) => keyword(k, 'header clause')) : []),
        ...DECLARATION_KEYWORDS.map((k) => keyword(k, 'declaration')),
      ];
    case 'clause':
      return (CLAUSES[context.rule] ?? []).map((k) => keyword(k, `clause of ${context.rule}`));
    case 'attribute': {
      const event = symbols.find((s) => s.kind === 'event' && s.name === context.event);
      return ['date', ...(event?.attributes ?? [])].map((a) => ({ label: a, kind: 'attribute', detail: `attribute of ${context.event}`, insertText: a }));
    }
    case 'names': {
      const out: CompletionEntry[] = [];
      for (const name of context.names) {
        if (name === 'rule') {
          out.push(...symbols.filter((s) => s.kind === 'rule' && (context.ruleKind === undefined || s.ruleKind === context.ruleKind)).map(fromSymbol));
        } else if (name === 'condition') {
          out.push(...ofKind('fact'), ...ofKind('event'), keyword('age'), keyword('today'), keyword('count'), keyword('child'), keyword('not'), keyword('true'), keyword('false'));
          for (const fact of symbols) {
            if (fact.kind === 'fact' && fact.values !== undefined) {
              for (const value of fact.values) out.push({ label: value, kind: 'value', detail: `a value of ${fact.name}`, insertText: value });
            }
          }
        } else out.push(...ofKind(name));
      }
      return dedupe(out);
    }
    case 'any':
      return dedupe([...symbols.map(fromSymbol), ...KEYWORDS.map((k) => keyword(k))]);
  }
}

function dedupe(entries: readonly CompletionEntry[]): CompletionEntry[] {
  const seen = new Set<string>();
  const out: CompletionEntry[] = [];
  for (const e of entries) {
    const key = `${e.kind}:${e.label}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(e);
  }
  return out;
}
