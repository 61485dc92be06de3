/**
 * A small Markdown reader for the documentation shipped with the playground (`docs/language.md`):
 * enough of CommonMark for the project's own docs, rendered to DOM through `el()`.
 *
 * Input: Markdown text. Output: elements: headings (each with the GitHub-style slug of its text as
 * its id, so `#deadlines` anchors work), paragraphs, fenced code blocks, bullet and numbered lists,
 * tables, block quotes; inline `code`, **strong**, *emphasis* and links. A link to an anchor of the
 * same page stays a link; any other link (another doc, a web address) is shown as its text followed
 * by its target in brackets, never followed: the page makes no request outside its origin.
 *
 * INVARIANT (safety): text only, through `el()` and text nodes; raw HTML in the Markdown (comments
 * included) is dropped or shown as text, never parsed.
 */
import { el, type Child } from './dom.ts';

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces to hyphens. */
export function slugOf(text: string): string {
  return text
    .toLowerCase()
    .replace(/`/g, '')
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .trim()
    .replace(/\s/g, '-');
}

/** Inline Markdown: `code`, **strong**, *emphasis*, [links](target). */
export function inline(text: string): Child[] {
  const out: Child[] = [];
  const pattern = /`([^`]+)`|\*\*(.+?)\*\*|\[([^\]]+)\]\(([^)\s]+)\)|(?<![\w*])\*([^*\s][^*]*?)\*(?!\w)/g;
  let last = 0;
  for (const m of text.matchAll(pattern)) {
    const at = m.index;
    if (at > last) out.push(text.slice(last, at));
    if (m[1] !== undefined) out.push(el('code', { text: m[1] }));
    else if (m[2] !== undefined) out.push(el('strong', {}, inline(m[2])));
    else if (m[3] !== undefined && m[4] !== undefined) {
      const target = m[4];
      if (target.startsWith('#')) out.push(el('a', { attrs: { href: target, 'data-doc-anchor': target.slice(1) } }, inline(m[3])));
      else out.push(el('span', { className: 'doc-external' }, [...inline(m[3]), el('span', { className: 'muted', text: ` (${target})` })]));
    } else if (m[5] !== undefined) out.push(el('em', {}, inline(m[5])));
    last = at + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

function cells(line: string): string[] {
  return line
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split(/(?<!\\)\|/)
    .map((c) => c.trim().replace(/\\\|/g, '|'));
}

/** The blocks of a Markdown text as elements. */
export function renderMarkdown(markdown: string): HTMLElement[] {
  const lines = markdown.replace(/<!--[\s\S]*?-->/g, '').split('\n');
  const out: HTMLElement[] = [];
  let i = 0;
  const isBlockStart = (line: string): boolean => /^(#{1,6}\s|```|\s*[-*]\s|\s*\d+\.\s|\||>)/.test(line);
  while (i < lines.length) {
    const line = lines[i] ?? '';
    if (line.trim() === '') {
      i++;
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading !== null) {
      const level = Math.min(6, (heading[1] ?? '#').length + 1) as 2 | 3 | 4 | 5 | 6;
      const text = heading[2] ?? '';
      out.push(el(`h${level}`, { attrs: { id: `doc-${slugOf(text)}`, tabindex: '-1' } }, inline(text)));
      i++;
      continue;
    }
    if (line.startsWith('```')) {
      const body: string[] = [];
      i++;
      while (i < lines.length && !(lines[i] ?? '').startsWith('```')) body.push(lines[i++] ?? '');
      i++;
      out.push(el('pre', { className: 'doc-code', attrs: { tabindex: '0' } }, [el('code', { text: body.join('\n') })]));
      continue;
    }
    if (line.startsWith('|')) {
      const rows: string[][] = [];
      while (i < lines.length && (lines[i] ?? '').startsWith('|')) rows.push(cells(lines[i++] ?? ''));
      const [head, , ...body] = rows;
      out.push(
        el('div', { className: 'doc-table', attrs: { tabindex: '0', role: 'region', 'aria-label': 'table' } }, [
          el('table', {}, [
            el('thead', {}, [el('tr', {}, (head ?? []).map((c) => el('th', { attrs: { scope: 'col' } }, inline(c))))]),
            el('tbody', {}, body.map((r) => el('tr', {}, r.map((c) => el('td', {}, inline(c)))))),
          ]),
        ]),
      );
      continue;
    }
    const bullet = /^(\s*)([-*]|\d+\.)\s+/.exec(line);
    if (bullet !== null) {
      const ordered = /\d/.test(bullet[2] ?? '');
      const items: string[] = [];
      while (i < lines.length) {
        const l = lines[i] ?? '';
        const b = /^\s*(?:[-*]|\d+\.)\s+(.*)$/.exec(l);
        if (b !== null) items.push(b[1] ?? '');
        else if (l.trim() !== '' && /^\s+/.test(l) && items.length > 0) items[items.length - 1] += ` ${l.trim()}`;
        else break;
        i++;
      }
      out.push(el(ordered ? 'ol' : 'ul', {}, items.map((t) => el('li', {}, inline(t)))));
      continue;
    }
    if (line.startsWith('>')) {
      const body: string[] = [];
      while (i < lines.length && (lines[i] ?? '').startsWith('>')) body.push((lines[i++] ?? '').replace(/^>\s?/, ''));
      out.push(el('blockquote', {}, renderMarkdown(body.join('\n'))));
      continue;
    }
    const para: string[] = [line.trim()];
    i++;
    while (i < lines.length && (lines[i] ?? '').trim() !== '' && !isBlockStart(lines[i] ?? '')) para.push((lines[i++] ?? '').trim());
    out.push(el('p', {}, inline(para.join(' '))));
  }
  return out;
}
