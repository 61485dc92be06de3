/**
 * The Markdown renderer of `pdl docs`: a `DocsView` -> one Markdown document (a do-not-edit comment,
 * the title, the header list, the contents, then each section with its groups and blocks).
 *
 * Input: the view model (`view.ts`). Output: Markdown text ending in one newline.
 * INVARIANT: every plain segment is escaped (`markdownText`) so that Markdown shows it as written;
 * code spans are fenced longer than any backtick run inside; nothing can end the HTML comment early.
 */
import type { Block, DocsView, Lines, Rich } from './view.ts';

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
