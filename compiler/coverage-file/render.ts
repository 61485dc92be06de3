/**
 * Renders a checked coverage file as the Markdown document docs/coverage/<policy>.md.
 *
 * Input: a `CoverageReport` (check.ts) and the command that regenerates the document. Output: the
 * Markdown text, ending in one newline. Deterministic: the same report gives the same bytes (no date,
 * no absolute path), so a test can compare the committed document with a fresh rendering.
 */
import type { CoverageReport, RuleRef } from './check.ts';
import type { CoverageStatement } from './parse.ts';

export interface RenderCoverageOptions {
  /** The coverage file, as the "generated from" line names it (e.g. `policies/bristol.coverage.yaml`). */
  readonly coverageFile: string;
  /** The command that regenerates the document (e.g. `pdl coverage policies/bristol.pdl --out docs/coverage/bristol.md`). */
  readonly command: string;
}

export function renderCoverageMarkdown(report: CoverageReport, options: RenderCoverageOptions): string {
  const file = report.coverage;
  const c = report.counts;
  const out: string[] = [];
  out.push(`# Coverage: ${file.title}`, '');
  out.push(`<!-- Generated from ${options.coverageFile} by \`${options.command}\`: edit that file, not this one. -->`, '');
  const source = file.source;
  const sourceText = source.description ?? [source.publisher, `*${source.title}*`, source.address].filter((x) => x !== undefined).join(', ');
  out.push(`- **Source**: ${sourceText}`);
  for (const note of file.notes ?? []) out.push(`- **${note.label}**: ${note.text}`);
  out.push(`- **Locators**: ${file.locators}`);
  out.push('');
  const partial = c.partial > 0 ? ` (${c.partial} of them only in part)` : '';
  const about = c.aboutTheDirection > 0 ? ` The ${c.aboutTheDirection} statements about the direction itself, listed after the table, are not counted.` : '';
  out.push(
    `**Count** (\`pdl coverage\`): ${c.statements} statements. **${c.encoded} are encoded**${partial}; ${c.languageGap} are not encoded because the language cannot say them yet (language gaps); ${c.noActionableContent} are not encoded because they carry nothing actionable (an aim, a judgement, a reference elsewhere) and leave the denominator. **Coverage: ${c.encoded} of ${c.actionable} actionable statements, ${formatPercent(c.percent)}.**${about}`,
    '',
  );
  out.push('## Statements and the rules that encode them', '');
  out.push('"Rules" names the rules that encode a statement (inherited ones are marked: they belong to the policy this one extends); "not encoded" says whether the statement is a language gap (counted against coverage) or carries nothing actionable (not counted).', '');
  let group: string | undefined;
  let open = false;
  file.statements.forEach((s, i) => {
    if (s.group !== group || !open) {
      if (s.group !== group && s.group !== undefined) {
        if (open) out.push('');
        out.push(`### ${s.group}`, '');
      } else if (open) out.push('');
      group = s.group;
      out.push('| # | Locator | Statement (quoted) | Rules | Encoding, or why not |', '| --- | --- | --- | --- | --- |');
      open = true;
    }
    out.push(`| ${s.number} | ${cell(s.locator)} | ${cell(s.quote)} | ${rulesCell(s, report.rules[i] ?? [])} | ${cell(howCell(s))} |`);
  });
  out.push('');
  if (file.about_the_direction !== undefined && file.about_the_direction.length > 0) {
    out.push('Statements about the direction itself, not about a child\'s case (out of the language\'s scope, not counted):', '');
    for (const a of file.about_the_direction) out.push(`- ${a.locator}: ${a.quote}`);
    out.push('');
  }
  if (file.table_notes !== undefined) out.push(file.table_notes.trim(), '');
  const inherited = [...new Set(report.rules.flat().filter((r) => r.inherited).map((r) => `\`${r.name}\``))];
  out.push(`The policy \`${report.policy}\` declares ${report.ownRules.length} rules of its own, each named by some statement above${inherited.length > 0 ? `; the statements also name ${inherited.length} inherited ${inherited.length === 1 ? 'rule' : 'rules'} (${inherited.join(', ')}), whose cites belong to the policy that declares them` : ''}.`, '');
  for (const section of file.sections ?? []) out.push(`## ${section.title}`, '', section.body.trim(), '');
  return `${out.join('\n').trimEnd()}\n`;
}

export function formatPercent(percent: number): string {
  return `${percent.toFixed(1)}%`;
}

function rulesCell(s: CoverageStatement, refs: readonly RuleRef[]): string {
  if (s.rules === undefined) return s.category === 'language-gap' ? 'not encoded (language gap)' : 'not encoded (no actionable content)';
  const known = new Map(refs.map((r) => [r.name, r]));
  return s.rules
    .map((name) => {
      const ref = known.get(name);
      const marks = [ref?.inherited === true ? `inherited from \`${ref.policy}\`` : undefined, s.cite_pending?.includes(name) === true ? 'cite pending' : undefined].filter((x) => x !== undefined);
      return marks.length > 0 ? `\`${name}\` (${marks.join('; ')})` : `\`${name}\``;
    })
    .join(', ');
}

function howCell(s: CoverageStatement): string {
  if (s.rules === undefined) return s.not_encoded ?? '';
  const parts = [s.encoding, s.partial !== undefined ? `**in part**: ${s.partial}` : undefined].filter((x) => x !== undefined);
  return parts.join('; ');
}

/** A table cell: one line, with `|` escaped. */
function cell(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|');
}
