/**
 * The requirement phrases of a source document: every phrase of a practice direction's plain text
 * that carries a timescale ("within 5 working days", "at least 5 days before", "no later than",
 * "3 weeks prior to", "six monthly intervals") or a duty ("must", "shall", "should", "is responsible
 * for", "is required to"; not "needs to" or "has to", which directions use in conditions: "if the IRO
 * has to postpone").
 *
 * Input: the document's text (any length; plain text, as pasted or read from a file). Output:
 * `findRequirementPhrases` -> the phrases, sorted by `start`, never overlapping, each with its
 * UTF-16 offsets into the text (`text.slice(start, end)` is the phrase) and its kind.
 *
 * INVARIANT: pure (no DOM, no I/O): runs in the worker, the page and the Node tests alike.
 * INVARIANT: a phrase is never empty and never crosses another; where a timescale and a duty overlap,
 * the longer phrase is kept (a timescale on a tie).
 * The compiler's coverage module (compiler/coverage-file) reads coverage files and matches cites to
 * locators; it finds no phrases in a text, so this is the one phrase finder.
 */

export type PhraseKind = 'timescale' | 'duty';

export interface RequirementPhrase {
  /** UTF-16 offset of the first character. */
  readonly start: number;
  /** UTF-16 offset after the last character. */
  readonly end: number;
  readonly kind: PhraseKind;
  /** `text.slice(start, end)`, with runs of white space as one space. */
  readonly text: string;
}

/** Number words a direction spells out ("three months", "twenty working days"). */
const NUMBER_WORDS = [
  'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen',
  'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty', 'twenty-one', 'twenty-eight', 'thirty', 'forty', 'forty-five', 'sixty', 'ninety', 'a', 'an',
];
const NUMBER = `(?:\\d+(?:\\.\\d+)?|(?:${NUMBER_WORDS.filter((w) => w.includes('-')).join('|')}|${NUMBER_WORDS.filter((w) => !w.includes('-')).join('|')}))`;
const UNIT = `(?:(?:working|calendar|business|school|clear)\\s+)?(?:days?|weeks?|months?|years?|hours?|fortnights?)`;
/** Words before a number that belong to the timescale. */
const BEFORE = `(?:(?:within|no\\s+later\\s+than|not\\s+later\\s+than|no\\s+more\\s+than|not\\s+more\\s+than|no\\s+less\\s+than|not\\s+less\\s+than|no\\s+fewer\\s+than|at\\s+least|at\\s+most|up\\s+to|every|after|before|by|over|for|of|at)\\s+(?:the\\s+)?)?`;
/** Words after the unit that belong to it: "before", "prior to", "'s notice", "(91 days)". */
const AFTER = `(?:\\s*\\(\\s*\\d+\\s+(?:working\\s+)?days?\\s*\\))?(?:['’]s?\\s+notice|\\s+notice|\\s+(?:before|after|prior\\s+to|from|of|following|since))?`;

/** "within 5 working days", "at least 5 days before", "three months (91 days) of", "24 hours". */
const DURATION = new RegExp(`\\b${BEFORE}${NUMBER}(?:\\s+|-)${UNIT}\\b${AFTER}`, 'gi');
/** "six monthly intervals", "6-monthly", "monthly". */
const FREQUENCY = new RegExp(`\\b(?:(?:at\\s+)?${NUMBER}[\\s-]+(?:weekly|monthly|yearly)(?:\\s+intervals?)?|(?:weekly|monthly|annually|fortnightly)\\b)`, 'gi');
/** Timescales without a number. */
const TIMING = /\b(?:no\s+later\s+than|not\s+later\s+than|as\s+soon\s+as\s+(?:possible|practicable|reasonably\s+practicable)|at\s+the\s+earliest\s+opportunity|without\s+delay|immediately|in\s+advance\s+of|prior\s+to|in\s+good\s+time|at\s+short\s+notice|the\s+same\s+day|next\s+working\s+day|by\s+the\s+end\s+of\s+the\s+(?:day|week|month))\b/gi;
/** Duties. A sentence that opens with "Should" is a condition ("Should the manager be unable..."), not a duty. */
const DUTY = /\b(?:must(?:\s+not)?|shall(?:\s+not)?|should(?:\s+not)?|(?:is|are)\s+(?:responsible|accountable)\s+for|(?:is|are)\s+required\s+to|(?:is|are)\s+expected\s+to|it\s+is\s+expected\s+that|(?:is|are)\s+under\s+a\s+duty\s+to)\b/gi;

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ');
}

/** True when the word at `at` opens a sentence (only white space, a bullet or a list mark before it since the last full stop). */
function opensSentence(text: string, at: number): boolean {
  let i = at - 1;
  while (i >= 0 && /\s/.test(text.charAt(i))) i--;
  if (i < 0) return true;
  const c = text.charAt(i);
  return c === '.' || c === '-' || c === '•' || c === '·' || c === '*' || c === ':' || c === '!' || c === '?' || c === '\n';
}

function matches(text: string, pattern: RegExp, kind: PhraseKind, keep: (match: RegExpExecArray) => boolean = () => true): RequirementPhrase[] {
  const out: RequirementPhrase[] = [];
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    if (m[0] === '') {
      pattern.lastIndex++;
      continue;
    }
    if (!keep(m)) continue;
    const start = m.index;
    const end = m.index + m[0].length;
    out.push({ start, end, kind, text: collapse(m[0]) });
  }
  return out;
}

/** A duration whose only number is "a"/"an" needs a timescale word before it ("within a month"), or it is prose ("a day centre"). */
function isDuration(match: RegExpExecArray): boolean {
  const t = match[0].toLowerCase();
  if (/^(?:a|an)\s/.test(t)) return false;
  // "for 2 years", "of 16 years", "at 18 years": ages and periods that qualify something else are not timescales.
  if (/^(?:for|of|at|over)\s/.test(t)) return !/\byears?\b/.test(t);
  return true;
}

/**
 * Every timescale and duty phrase in `text`, sorted by start, non-overlapping (the longer phrase
 * kept where two overlap, a timescale on a tie).
 */
export function findRequirementPhrases(text: string): RequirementPhrase[] {
  const found = [
    ...matches(text, DURATION, 'timescale', isDuration),
    ...matches(text, FREQUENCY, 'timescale'),
    ...matches(text, TIMING, 'timescale'),
    ...matches(text, DUTY, 'duty', (m) => !(/^should\b/i.test(m[0]) && m[0].charAt(0) === 'S' && opensSentence(text, m.index))),
  ];
  // Longer first (a timescale first on a tie), then keep each that crosses none kept.
  found.sort((a, b) => b.end - b.start - (a.end - a.start) || (a.kind === b.kind ? a.start - b.start : a.kind === 'timescale' ? -1 : 1));
  const kept: RequirementPhrase[] = [];
  for (const p of found) {
    if (kept.some((k) => p.start < k.end && k.start < p.end)) continue;
    kept.push(p);
  }
  return kept.sort((a, b) => a.start - b.start);
}
