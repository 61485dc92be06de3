/**
 * The source document beside the policy: which of its requirement phrases the policy encodes, with
 * which rules, and which it does not yet.
 *
 * Input: the document's plain text; the policy's rules (name and `cite`; own or inherited); the
 * statements of its coverage file when there is one (each with its locator and quote, and either the
 * rules that encode it or why none does), and the coverage file's statements about the direction itself.
 * Output: `matchSource` -> the paragraphs (`source-paragraphs.ts`) and every requirement phrase
 * (`source-phrases.ts`), each with its paragraph, the rules linked to it and its status:
 * - a phrase inside the quote of a coverage statement takes that statement's status: `encoded`
 *   (`partial` when the statement says what the rules leave out), `not-encoded` with the statement's
 *   reason and category, or `out-of-scope` (a statement about the direction itself); its rules are the
 *   statement's and the policy's own rules whose cite names the statement's locator;
 * - any other phrase is `encoded` when some own rule's cite names its paragraph (`citeCovers`, the
 *   coverage check's own test of a cite against a locator), and `not-encoded` otherwise.
 * Quotes are found in the text by their words: case, white space and the kind of quotation mark
 * ignored, a quote's parts separated by "..." found in order, its words outside double quotation
 * marks (the coverage file's own comments) ignored.
 *
 * INVARIANT: pure and browser-safe, but it imports the compiler's public entry (for `citeCovers`), so
 * only the compiler worker and the tests import it; the page gets its result in a `SourceResponse`.
 */
import { citeCovers } from '../../compiler/index.ts';
import { paragraphsOf, type SourceParagraph } from './source-paragraphs.ts';
import { findRequirementPhrases, type RequirementPhrase } from './source-phrases.ts';

export interface SourceRule {
  readonly name: string;
  /** The rule's `cite`; empty when it has none. */
  readonly cite: string;
  /** Declared (or overridden) in the policy itself; an inherited rule cites its own policy's document. */
  readonly own: boolean;
}

export interface SourceStatement {
  /** Its number in the coverage file; absent for a statement about the direction itself. */
  readonly number?: number;
  readonly locator: string;
  readonly quote: string;
  readonly rules?: readonly string[];
  readonly partial?: string;
  readonly notEncoded?: string;
  readonly category?: string;
  /** True for the coverage file's `about_the_direction` entries. */
  readonly about?: boolean;
}

export type PhraseStatus = 'encoded' | 'partial' | 'not-encoded' | 'out-of-scope';

export interface MatchedPhrase extends RequirementPhrase {
  /** Index into `SourceAnalysis.paragraphs`; -1 when the phrase is in no block (never, for a phrase the finder gives). */
  readonly paragraph: number;
  /** The locator the rules were looked up by: the statement's when a statement quotes the phrase, else the paragraph's. */
  readonly locator: string;
  readonly status: PhraseStatus;
  /** The rules linked to the phrase, by name: those the quoting statement names first, then the others citing the locator, in the policy's order. */
  readonly rules: readonly string[];
  /** The coverage statement that quotes the phrase, when one does. */
  readonly statement?: { readonly number?: number; readonly locator: string };
  /** Why, in words: the coverage file's reason, or how the rules were found. */
  readonly reason: string;
}

export interface SourceAnalysis {
  readonly paragraphs: readonly SourceParagraph[];
  readonly phrases: readonly MatchedPhrase[];
  /** Statements of the coverage file whose quote was found in the text, with the range found. */
  readonly anchored: readonly { readonly statement: number; readonly start: number; readonly end: number }[];
  readonly counts: { readonly encoded: number; readonly partial: number; readonly notEncoded: number; readonly outOfScope: number };
}

/** The text with case, quotation marks and white space made uniform, and where each of its characters came from. */
interface Normalised {
  readonly text: string;
  /** `from[i]`: the offset in the original text of normalised character i. */
  readonly from: readonly number[];
}

const SAME: Readonly<Record<string, string>> = { '’': "'", '‘': "'", '`': "'", '“': '"', '”': '"', '–': '-', '—': '-' };

function normalise(text: string): Normalised {
  const out: string[] = [];
  const from: number[] = [];
  // Lower case keeps each character's offset, except for the few letters whose lower case is longer
  // ("İ"): then each character is lowered alone, and such a letter is kept as it is.
  const whole = text.toLowerCase();
  const same = whole.length === text.length;
  let space = false;
  for (let i = 0; i < text.length; i++) {
    let c = same ? whole.charAt(i) : text.charAt(i);
    if (!same) {
      const l = c.toLowerCase();
      if (l.length === 1) c = l;
    }
    const code = c.charCodeAt(0);
    if (code === 32 || (code >= 9 && code <= 13) || code === 0xa0 || (code > 0x1fff && /\s/.test(c))) {
      space = out.length > 0;
      continue;
    }
    if (space) {
      out.push(' ');
      from.push(i);
      space = false;
    }
    out.push(SAME[c] ?? c);
    from.push(i);
  }
  return { text: out.join(''), from };
}

/** The parts of a quote to look for: its double-quoted pieces (or all of it), split at "...". */
export function quoteParts(quote: string): string[] {
  const pieces: string[] = [];
  const quoted = /"([^"]+)"|“([^”]+)”/g;
  for (let m = quoted.exec(quote); m !== null; m = quoted.exec(quote)) pieces.push(m[1] ?? m[2] ?? '');
  if (pieces.length === 0) pieces.push(quote);
  return pieces
    .flatMap((p) => p.split(/\.\.\.|…/))
    .map((p) => normalise(p).text.replace(/^[\s,.;:]+|[\s,;:]+$/g, ''))
    .filter((p) => p.length >= 12 || (p.length >= 4 && pieces.length === 1));
}

/** Where a statement's quote is in the text (normalised offsets), its parts in order; undefined when its first part is not there. */
function anchor(parts: readonly string[], text: string): { start: number; end: number } | undefined {
  let start = -1;
  let end = -1;
  let from = 0;
  for (const part of parts) {
    const at = text.indexOf(part, from);
    if (at < 0) {
      if (start < 0) return undefined;
      continue;
    }
    if (start < 0) start = at;
    end = at + part.length;
    from = end;
  }
  return start < 0 ? undefined : { start, end };
}

function lower(text: string): string {
  return text.toLowerCase();
}

/** True when the cite names the locator (the coverage check's test, case ignored). */
function cites(rule: SourceRule, locator: string): boolean {
  return rule.cite !== '' && locator !== '' && citeCovers(lower(rule.cite), lower(locator));
}

/**
 * Every requirement phrase of `text` with its paragraph, rules and status (see the file's comment).
 * `statements` are the coverage file's, about-the-direction entries included (`about: true`).
 */
export function matchSource(text: string, rules: readonly SourceRule[], statements: readonly SourceStatement[] = []): SourceAnalysis {
  const paragraphs = paragraphsOf(text);
  const norm = normalise(text);
  const original = (at: number): number => norm.from[at] ?? text.length;
  const anchored: { statement: number; start: number; end: number }[] = [];
  statements.forEach((s, i) => {
    const found = anchor(quoteParts(s.quote), norm.text);
    if (found === undefined) return;
    const last = norm.from[found.end - 1];
    anchored.push({ statement: i, start: original(found.start), end: last === undefined ? text.length : last + 1 });
  });
  const own = rules.filter((r) => r.own);
  const known = new Set(rules.map((r) => r.name));
  const order = new Map(rules.map((r, i) => [r.name, i]));
  const sorted = (names: Iterable<string>): string[] => [...new Set(names)].filter((n) => known.has(n)).sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
  /** The statement's rules first (in its order), then the other rules citing its locator. */
  const statementRules = (s: SourceStatement): string[] => [...new Set([...(s.rules ?? []).filter((n) => known.has(n)), ...sorted(citing(s.locator))])];
  const citingCache = new Map<string, string[]>();
  const citing = (locator: string): string[] => {
    let names = citingCache.get(locator);
    if (names === undefined) {
      names = own.filter((r) => cites(r, locator)).map((r) => r.name);
      citingCache.set(locator, names);
    }
    return names;
  };

  const phrases: MatchedPhrase[] = findRequirementPhrases(text).map((phrase) => {
    const paragraph = paragraphs.findIndex((p) => p.start <= phrase.start && phrase.start < p.end);
    const block = paragraphs[paragraph];
    const locator = block?.locator ?? '';
    // The narrowest quote around the phrase.
    const around = anchored
      .filter((a) => a.start <= phrase.start && phrase.end <= a.end)
      .sort((a, b) => a.end - a.start - (b.end - b.start))[0];
    const statement = around === undefined ? undefined : statements[around.statement];
    const base = { ...phrase, paragraph };
    if (statement !== undefined) {
      const linked = statementRules(statement);
      const ref = { ...(statement.number !== undefined ? { number: statement.number } : {}), locator: statement.locator };
      const where = statement.number !== undefined ? `statement ${statement.number} (${statement.locator})` : `"${statement.locator}"`;
      if (statement.about === true) {
        return { ...base, locator: statement.locator, status: 'out-of-scope', rules: linked, statement: ref, reason: `out of scope: the coverage file lists ${where} as a statement about the direction itself` };
      }
      if (statement.notEncoded !== undefined) {
        const category = statement.category === undefined ? '' : ` (${statement.category})`;
        return { ...base, locator: statement.locator, status: 'not-encoded', rules: linked, statement: ref, reason: `not encoded${category}: ${statement.notEncoded}` };
      }
      if (statement.partial !== undefined) {
        return { ...base, locator: statement.locator, status: 'partial', rules: linked, statement: ref, reason: `encoded in part by ${where}; left out: ${statement.partial}` };
      }
      return { ...base, locator: statement.locator, status: 'encoded', rules: linked, statement: ref, reason: `encoded: ${where}` };
    }
    const linked = sorted(citing(locator));
    if (linked.length > 0) return { ...base, locator, status: 'encoded', rules: linked, reason: `cited: ${linked.length === 1 ? 'a rule cites' : `${linked.length} rules cite`} "${locator}"` };
    const reason = locator === '' ? 'not encoded: the phrase is in no paragraph' : `not encoded: no rule cites "${locator}"${statements.length > 0 ? ', and no statement of the coverage file quotes this phrase' : ''}`;
    return { ...base, locator, status: 'not-encoded', rules: [], reason };
  });
  const count = (status: PhraseStatus): number => phrases.filter((p) => p.status === status).length;
  return { paragraphs, phrases, anchored, counts: { encoded: count('encoded'), partial: count('partial'), notEncoded: count('not-encoded'), outOfScope: count('out-of-scope') } };
}
