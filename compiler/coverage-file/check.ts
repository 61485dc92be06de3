/**
 * Checks a coverage file against its compiled policy and counts the coverage.
 *
 * Input: a parsed coverage file (`parse.ts`) and the policy's IR (with `extends` merged in).
 * Output: `CoverageReport`: diagnostics with ranges in the coverage file, the counts, and for each
 * statement the rules it names with whether each is inherited.
 *
 * The checks:
 * - every rule a statement names exists in the policy, its own or inherited (`coverage/unknown-rule`);
 * - every own rule a statement names cites the statement's locator (`coverage/cite-mismatch`; see
 *   `citeCovers` for when a cite covers a locator), unless the statement lists it in `cite_pending`
 *   (then a warning, `coverage/cite-pending`, until the policy's cite is corrected). Inherited rules cite their own policy's source
 *   document, so they are checked for existence only, and reported as inherited;
 * - every rule the policy declares (or overrides) itself is named by some statement
 *   (`coverage/unclaimed-rule`); inherited rules are claimed by the coverage of the policy that
 *   declares them.
 * Counts: `actionable` = encoded + `language-gap`; statements with `no-actionable-content` and the
 * statements about the direction itself are not in the denominator.
 */
import type { PolicyIR } from '../../runtime/ir.ts';
import type { CoverageDiagnostic, CoverageFile, ParsedCoverage } from './parse.ts';

export interface RuleRef {
  readonly name: string;
  readonly inherited: boolean;
  /** The policy that declares it (or last overrode it). */
  readonly policy: string;
}

export interface CoverageCounts {
  /** Statements in the table (the statements about the direction itself are not among them). */
  readonly statements: number;
  readonly encoded: number;
  /** Encoded statements with a `partial`. */
  readonly partial: number;
  readonly languageGap: number;
  readonly noActionableContent: number;
  /** encoded + languageGap */
  readonly actionable: number;
  /** 100 * encoded / actionable, rounded to one decimal (100 when nothing is actionable). */
  readonly percent: number;
  readonly aboutTheDirection: number;
}

export interface CoverageReport {
  readonly policy: string;
  readonly coverage: CoverageFile;
  readonly counts: CoverageCounts;
  /** For each statement (same order), the rules it names, as found in the policy. */
  readonly rules: readonly (readonly RuleRef[])[];
  /** The policy's own rules (declared or overridden in it). */
  readonly ownRules: readonly string[];
  readonly diagnostics: readonly CoverageDiagnostic[];
}

interface NamedRule {
  readonly id: string;
  readonly citation: string;
  readonly policy: string;
}

/** Every named rule of the merged policy: obligations, approvals, limits, constraints, orders, ladders, criteria, duties. */
export function namedRules(ir: PolicyIR): NamedRule[] {
  return [...ir.rules, ...ir.approvals, ...ir.limits, ...ir.constraints, ...ir.orders, ...ir.ladders, ...ir.criteria, ...(ir.duties ?? [])];
}

export function checkCoverage(parsed: ParsedCoverage & { readonly file: CoverageFile }, ir: PolicyIR, uri: string): CoverageReport {
  const file = parsed.file;
  const diagnostics: CoverageDiagnostic[] = [...parsed.diagnostics];
  const byName = new Map(namedRules(ir).map((r) => [r.id, r]));
  const own = namedRules(ir).filter((r) => r.policy === ir.id);
  const claimed = new Set<string>();
  const rules: RuleRef[][] = [];
  file.statements.forEach((s, i) => {
    const refs: RuleRef[] = [];
    (s.rules ?? []).forEach((name, j) => {
      const rule = byName.get(name);
      const at = parsed.locate(['statements', i, 'rules', j]);
      if (rule === undefined) {
        diagnostics.push({ code: 'coverage/unknown-rule', severity: 'error', message: `statement ${s.number}: policy \`${ir.id}\` has no rule \`${name}\`, its own or inherited`, uri, range: at });
        return;
      }
      claimed.add(name);
      const inherited = rule.policy !== ir.id;
      refs.push({ name, inherited, policy: rule.policy });
      const pending = s.cite_pending?.includes(name) === true;
      const covers = inherited || citeCovers(rule.citation, s.locator);
      if (!covers && pending) {
        diagnostics.push({ code: 'coverage/cite-pending', severity: 'warning', message: `statement ${s.number}: rule \`${name}\` cites "${rule.citation}", which does not cover the statement's locator "${s.locator}" (listed in \`cite_pending\`)`, uri, range: at });
      } else if (!covers) {
        diagnostics.push({ code: 'coverage/cite-mismatch', severity: 'error', message: `statement ${s.number}: rule \`${name}\` cites "${rule.citation}", which does not cover the statement's locator "${s.locator}"`, uri, range: at });
      }
    });
    (s.cite_pending ?? []).forEach((name, j) => {
      const at = parsed.locate(['statements', i, 'cite_pending', j]);
      const rule = byName.get(name);
      if (!(s.rules ?? []).includes(name)) {
        diagnostics.push({ code: 'coverage/cite-mismatch', severity: 'error', message: `statement ${s.number}: \`cite_pending\` names \`${name}\`, which is not in its \`rules\``, uri, range: at });
      } else if (rule !== undefined && (rule.policy !== ir.id || citeCovers(rule.citation, s.locator))) {
        diagnostics.push({ code: 'coverage/cite-mismatch', severity: 'error', message: `statement ${s.number}: rule \`${name}\` ${rule.policy !== ir.id ? 'is inherited' : `cites "${rule.citation}", which covers the locator`}; remove it from \`cite_pending\``, uri, range: at });
      }
    });
    rules.push(refs);
  });
  for (const r of own) {
    if (!claimed.has(r.id)) {
      diagnostics.push({ code: 'coverage/unclaimed-rule', severity: 'error', message: `rule \`${r.id}\` (cite "${r.citation}") is named by no statement`, uri, range: parsed.locateKey('statements') });
    }
  }
  return { policy: ir.id, coverage: file, counts: countCoverage(file), rules, ownRules: own.map((r) => r.id), diagnostics };
}

export function countCoverage(file: CoverageFile): CoverageCounts {
  const encoded = file.statements.filter((s) => s.rules !== undefined).length;
  const partial = file.statements.filter((s) => s.rules !== undefined && s.partial !== undefined).length;
  const languageGap = file.statements.filter((s) => s.category === 'language-gap').length;
  const noActionableContent = file.statements.filter((s) => s.category === 'no-actionable-content').length;
  const actionable = encoded + languageGap;
  const percent = actionable === 0 ? 100 : Math.round((1000 * encoded) / actionable) / 10;
  return { statements: file.statements.length, encoded, partial, languageGap, noActionableContent, actionable, percent, aboutTheDirection: file.about_the_direction?.length ?? 0 };
}

/**
 * True when a rule's cite covers a statement's locator. Both are split at `;` into parts, and in
 * each part a numbered list ("bullets 5 and 6", "points 1-3", "Levels 1 to 5", "Standards 3 and 15
 * (SWs and TMs)") is expanded into one variant per number ("bullet 5", "bullet 6"). The cite covers
 * the locator when some variant of the cite contains some variant of the locator as whole words
 * ("and" reads as a comma after the expansion, so "paragraph 1 and timescale column" covers
 * "paragraph 1, timescale column"; so "Practice Change, bullets 5 and 6" covers "Practice Change, bullet 5", and "2.4.1" covers
 * "2.4.1" but not "2.4.10" or "2.4"), or when the locator lies inside a section the cite names
 * whole (a locator variant starts with a cite variant and a comma or a space: "2.2.12" covers
 * "2.2.12, paragraph 2", "9.2" covers "9.2 Stage 3, point 2"), or when both name the same section
 * (the text before the first comma) and the cite names an item the locator is inside ("Practice
 * Change, bullets 8 and 11 (and bullet 4)" covers "Practice Change, bullet 4"; "3.1. Practice
 * Recognition, paragraph 3 and its table" covers "3.1. Practice Recognition, table, Service response").
 */
export function citeCovers(cite: string, locator: string): boolean {
  const cites = variants(cite);
  const locs = variants(locator);
  for (const l of locs) {
    const ln = andAsComma(l);
    for (const c of cites) {
      const cn = andAsComma(c);
      if (containsWhole(cn, ln)) return true;
      if (ln.startsWith(`${cn},`) || ln.startsWith(`${cn} `)) return true;
      if (sameSectionItem(c, l)) return true;
    }
  }
  return false;
}

const LIST = /\b([A-Za-z]+?)s (\d+(?:(?:, and |, | and | to |-)\d+)+)/;
const MAX_VARIANTS = 500;

/** "paragraph 1 and timescale column" -> "paragraph 1, timescale column". */
function andAsComma(text: string): string {
  return text.replace(/ and /g, ', ');
}

function variants(text: string): string[] {
  const out: string[] = [];
  const parts = text.replace(/\s+/g, ' ').replace(/ \(and ([^)]*)\)/g, ' and $1').split(/ ?; ?/).map((p) => p.trim()).filter((p) => p !== '');
  for (const part of parts) expand(part, out);
  return out;
}

function expand(part: string, out: string[]): void {
  if (out.length >= MAX_VARIANTS) return;
  const m = LIST.exec(part);
  if (m === null || m[1] === undefined || m[2] === undefined) {
    out.push(part);
    return;
  }
  const numbers: number[] = [];
  for (const piece of m[2].split(/, and |, | and /)) {
    const range = /^(\d+)(?: to |-)(\d+)$/.exec(piece);
    if (range !== null) {
      const from = Number(range[1]);
      const to = Number(range[2]);
      for (let n = from; n <= to && n - from < 200; n++) numbers.push(n);
    } else numbers.push(Number(piece));
  }
  const before = part.slice(0, m.index);
  const after = part.slice(m.index + m[0].length);
  const singular = m[1].endsWith('ie') ? `${m[1].slice(0, -2)}y` : m[1]; // "entries" -> "entry"
  for (const n of numbers) expand(`${before}${singular} ${n}${after}`, out);
}

/**
 * Both name the same section (the text before the first comma) and the cite, after it, names whole
 * an item that the locator is inside: some prefix of the locator's rest, cut at a comma, appears in
 * the cite's rest as whole words and not followed by a comma (which would make it a section of
 * narrower items): "3.1. Practice Recognition, paragraph 3 and its table" covers "3.1. Practice
 * Recognition, table, Service response", but "1.4, brought forward, bullet 6" does not cover
 * "1.4, brought forward, bullet 2".
 */
function sameSectionItem(cite: string, locator: string): boolean {
  const comma = locator.indexOf(', ');
  if (comma <= 0 || !cite.startsWith(locator.slice(0, comma + 2))) return false;
  const citeRest = cite.slice(comma + 2);
  const rest = locator.slice(comma + 2);
  for (let cut = rest.indexOf(', '); ; cut = rest.indexOf(', ', cut + 2)) {
    if (containsWhole(citeRest, cut < 0 ? rest : rest.slice(0, cut), true)) return true;
    if (cut < 0) return false;
  }
}

function containsWhole(haystack: string, needle: string, notBeforeComma = false): boolean {
  let from = 0;
  for (;;) {
    const at = haystack.indexOf(needle, from);
    if (at < 0) return false;
    const before = at === 0 ? '' : haystack.charAt(at - 1);
    const after = haystack.charAt(at + needle.length);
    const afterNext = haystack.charAt(at + needle.length + 1);
    const startsClean = before === '' || !/[A-Za-z0-9.]/.test(before);
    const endsClean = after === '' || (!/[A-Za-z0-9]/.test(after) && !(after === '.' && /[0-9]/.test(afterNext)));
    if (startsClean && endsClean && !(notBeforeComma && after === ',')) return true;
    from = at + 1;
  }
}
