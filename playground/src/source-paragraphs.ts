/**
 * The paragraphs of a source document and the locator of each, as a policy's `cite` and its coverage
 * file name them: "Practice Change, bullet 3", "2.2.11", "Attendance at Reviews, paragraph 2".
 *
 * Input: the document's plain text. Output: `paragraphsOf` -> its blocks in order, each with its
 * UTF-16 offsets, its kind and its locator.
 *
 * How the text is read (docs/playground.md, "The source document"):
 * - a block is a run of non-blank lines; a bullet ("- ", "• ", "· ", "* ", "– ") starts a block of
 *   its own, and lines indented under it continue it; a line continues the block above it only when
 *   that line is long (a wrapped line) and ends without a full stop, colon or semicolon;
 * - a heading is a block of one short line (at most 80 characters) not ending in a full stop, comma
 *   or semicolon (nor in a colon after a sentence: "The relevant party must:"); a number alone on its
 *   line ("2.3") opens a section of that number, and the title after it does not open another; it opens a section named by its number when it starts with one ("1.4 Frequency of
 *   Reviews" -> "1.4"), by its text otherwise ("Attendance at Reviews"). A block that opens with a
 *   short label and a colon ("Practice Change: To improve...") opens a section named by the label;
 * - a block that opens with a section number and goes on as prose ("2.2.11 The social worker...")
 *   is located by that number, and opens a section of that number;
 * - in a section, bullets and the other blocks are counted from 1, separately ("Practice Change,
 *   bullet 3", "7, paragraph 2"); blank lines do not restart the count, a new section does;
 * - a line that is only a locator in square brackets ("[Standard 2 (IROs), timescale column]")
 *   names the locator of the block that follows it, for text whose layout says too little.
 *
 * INVARIANT: pure; the blocks are in text order, do not overlap, and `start < end`.
 */

export type ParagraphKind = 'heading' | 'bullet' | 'paragraph';

export interface SourceParagraph {
  readonly start: number;
  readonly end: number;
  readonly kind: ParagraphKind;
  /** How a cite would name this block ("Practice Change, bullet 3"); a heading's is its section's. */
  readonly locator: string;
  /** The section the block is in ("Practice Change", "1.4"); absent before the first heading. */
  readonly section?: string;
  /** True when a `[locator]` line named it. */
  readonly explicit: boolean;
}

interface Line {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

const BULLET = /^\s*(?:[-•·*–▪◦]|\(?[a-z]\))\s+/;
const EXPLICIT = /^\s*\[([^\]\n]{1,200})\]\s*$/;
const NUMBERED = /^\s*(?:#+\s*)?(?:\*\*)?((?:\d+\.)*\d+)\.?(?:\*\*)?\s+(\S.*)$/;
const LABEL = /^\s*([A-Z][A-Za-z0-9 '’&/()-]{1,48}):\s+\S/;

function linesOf(text: string): Line[] {
  const out: Line[] = [];
  let start = 0;
  for (;;) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    const raw = text.slice(start, end);
    out.push({ start, end: raw.endsWith('\r') ? end - 1 : end, text: raw.replace(/\r$/, '') });
    if (nl < 0) return out;
    start = nl + 1;
  }
}

/** Markdown and HTML marks a converted document keeps around its headings. */
function plain(line: string): string {
  return line
    .replace(/<[^>]{1,40}>/g, '')
    .replace(/^\s*#+\s*/, '')
    .replace(/\*\*/g, '')
    .trim();
}

function isHeadingText(line: string): boolean {
  const t = plain(line);
  if (t.length === 0 || t.length > 80 || !/[A-Za-z]/.test(t) || /[.,;]$/.test(t) || BULLET.test(line)) return false;
  // A line ending in a colon heads a section when it is a short title ("Quality Assurance of
  // practice change:"), not when it is a sentence introducing a list ("The relevant party must:").
  if (t.endsWith(':')) return t.split(/\s+/).length <= 6 && !/\b(?:must|shall|should|will|may|can)\b/i.test(t);
  return true;
}

/** A line that is only a section number ("2.3", "4."): the heading that follows names the section. */
const NUMBER_ONLY = /^\s*((?:\d+\.)*\d+)\.?\s*$/;

interface Block {
  readonly lines: Line[];
  readonly bullet: boolean;
  readonly explicit?: string;
}

function blocksOf(text: string): Block[] {
  const blocks: Block[] = [];
  let current: Block | undefined;
  let pending: string | undefined;
  const close = (): void => {
    if (current !== undefined) blocks.push(current);
    current = undefined;
  };
  for (const line of linesOf(text)) {
    if (line.text.trim() === '') {
      close();
      continue;
    }
    const explicit = EXPLICIT.exec(line.text);
    if (explicit?.[1] !== undefined) {
      close();
      pending = explicit[1].trim();
      continue;
    }
    const bullet = BULLET.test(line.text);
    if (current !== undefined && !bullet) {
      const last = current.lines[current.lines.length - 1];
      const lastText = last?.text.trimEnd() ?? '';
      const indented = /^\s/.test(line.text);
      const open = !/[.:;!?]["”)]?$/.test(lastText) && !/^\s*(?:\d+\.)+\d+\s/.test(line.text);
      const wrapped = lastText.length > 60 && open;
      if ((current.bullet && indented && open) || (!current.bullet && (wrapped || (indented && open)))) {
        current.lines.push(line);
        continue;
      }
    }
    close();
    current = { lines: [line], bullet, ...(pending !== undefined ? { explicit: pending } : {}) };
    pending = undefined;
  }
  close();
  return blocks;
}

/** The section a locator names: the text before its first comma ("Practice Change, bullet 3" -> "Practice Change"). */
function sectionOfLocator(locator: string): string {
  const comma = locator.indexOf(',');
  return comma < 0 ? locator : locator.slice(0, comma).trim();
}

/** The blocks of `text` with their locators (see the file's comment for the reading). */
export function paragraphsOf(text: string): SourceParagraph[] {
  const out: SourceParagraph[] = [];
  let section: string | undefined;
  let bullets = 0;
  let paragraphs = 0;
  /** False just after a number alone on its line, until the section's first block. */
  let named = true;
  const open = (name: string): void => {
    section = name;
    bullets = 0;
    paragraphs = 0;
  };
  for (const block of blocksOf(text)) {
    const first = block.lines[0];
    const last = block.lines[block.lines.length - 1];
    if (first === undefined || last === undefined) continue;
    const start = first.start + (first.text.length - first.text.trimStart().length);
    const end = last.end;
    if (end <= start) continue;
    const at = (kind: ParagraphKind, locator: string, explicit = false): void => {
      out.push({ start, end, kind, locator, ...(section !== undefined ? { section } : {}), explicit });
    };
    if (block.explicit !== undefined) {
      named = true;
      const name = sectionOfLocator(block.explicit);
      if (name !== section) open(name);
      at(block.bullet ? 'bullet' : 'paragraph', block.explicit, true);
      continue;
    }
    if (block.bullet) {
      named = true;
      bullets++;
      at('bullet', section === undefined ? `bullet ${bullets}` : `${section}, bullet ${bullets}`);
      continue;
    }
    const numberOnly = block.lines.length === 1 ? NUMBER_ONLY.exec(first.text) : null;
    if (numberOnly?.[1] !== undefined) {
      open(numberOnly[1]);
      named = false;
      at('heading', numberOnly[1]);
      continue;
    }
    const numbered = NUMBERED.exec(first.text);
    if (block.lines.length === 1 && isHeadingText(first.text)) {
      // The title under a number alone on its line names that number's section.
      if (named || numbered?.[1] !== undefined) open(numbered?.[1] ?? plain(first.text).replace(/:$/, ''));
      named = true;
      at('heading', section ?? '');
      continue;
    }
    named = true;
    if (numbered?.[1] !== undefined && numbered[1].includes('.')) {
      open(numbered[1]);
      paragraphs = 1;
      at('paragraph', numbered[1]);
      continue;
    }
    const label = LABEL.exec(first.text);
    if (label?.[1] !== undefined) {
      open(label[1].trim());
      at('paragraph', label[1].trim());
      continue;
    }
    paragraphs++;
    at('paragraph', section === undefined ? `paragraph ${paragraphs}` : `${section}, paragraph ${paragraphs}`);
  }
  return out;
}
