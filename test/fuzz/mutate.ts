/**
 * The fuzzer's mutators: seeded, token-level mutations of policy text and structural mutations of
 * case JSON.
 *
 * Input: a `Random` (test/fuzz's only source of randomness: the same seed gives the same mutations on
 * every machine), a base text or case, and the corpus (every policy and golden case, for splicing
 * and for the vocabulary of words the grammar knows). Output: a new string or JSON value; the inputs
 * are never modified.
 *
 * Policy text is cut into tokens by a small lexical scanner (`tokenize`: words, numbers, strings,
 * punctuation, comments, newlines and runs of spaces) that never fails, so every mutation keeps the
 * rest of the file intact: deleting, duplicating and swapping tokens, replacing identifiers and
 * numbers with hostile ones (huge numbers, JavaScript's own names, very long names, unicode),
 * inserting grammar words, splicing lines from other files, nesting parentheses, repeating lines.
 * Case mutations replace a value anywhere in the case with a hostile one, add unknown keys (among
 * them `__proto__` and `constructor`), drop keys, duplicate and reorder events, nest deeply.
 *
 * INVARIANT: deterministic in the `Random` given; sizes are bounded (a mutated text is at most a few
 * hundred KB, a case at most some tens of thousands of nodes), so that a slice of the fuzz suite
 * stays within seconds.
 */
import type { Random } from '../../simulation/index.ts';

export type TokenKind = 'word' | 'number' | 'string' | 'punct' | 'comment' | 'newline' | 'space' | 'other';

export interface Token {
  readonly kind: TokenKind;
  readonly text: string;
}

const SCANNER = /(\r?\n)|([ \t]+)|(#[^\n]*)|("(?:[^"\\\n]|\\.)*"?)|(\d[\d.:\-]*)|([\p{L}_$][\p{L}\p{N}_$]*)|([{}()\[\],:.?=!<>+\-*/]+)|([\s\S])/gu;
const KINDS: readonly TokenKind[] = ['newline', 'space', 'comment', 'string', 'number', 'word', 'punct', 'other'];

/** Lexical tokens of any text (total: the tokens' texts joined are the text). */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(SCANNER)) {
    const group = m.findIndex((g, i) => i > 0 && g !== undefined);
    out.push({ kind: KINDS[group - 1] ?? 'other', text: m[0] });
  }
  return out;
}

/** Names that mean something to JavaScript: as event, fact, role or rule names they must work or be refused. */
export const JS_NAMES: readonly string[] = [
  'constructor', '__proto__', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf',
  'propertyIsEnumerable', 'toLocaleString', '__defineGetter__', '__lookupSetter__', 'then', 'length',
  'name', 'default', 'class', 'function', 'return', 'import', 'export', 'await', 'yield', 'let', 'var',
  'delete', 'new', 'this', 'undefined', 'NaN', 'Infinity', 'eval', 'arguments', 'Object', 'Symbol',
];

/** Numbers no real direction uses, and edge cases of number syntax. */
export const HOSTILE_NUMBERS: readonly string[] = [
  '0', '00', '1', '-1', '2147483647', '2147483648', '4294967296', '9007199254740991', '9007199254740993',
  '1e308', '99999999999999999999999999', '1.5', '0.0000001', '1_000', '0x10', '9'.repeat(400),
  '2025-02-30', '0000-01-01', '9999-12-31', '2025-13-01', '24:00', '99:99',
];

/** Text that is not plain ASCII or is very long. */
function hostileWord(r: Random): string {
  switch (r.int(0, 7)) {
    case 0:
      return r.pick(JS_NAMES);
    case 1:
      return 'x'.repeat(r.pick([64, 256, 1000, 5000]));
    case 2:
      return r.pick(['é', 'ǅ', 'ｆｕｌｌ', 'ж', 'Ω', '𝒜', 'a\u200bb', 'e\u0301', 'ﬁ', '\u202eevil']);
    case 3:
      return r.pick(['\u0000', '\u2028', '\u2029', '\ufeff', '\u001b[31m', '\ud800', '\\', '`${x}`', '{{case.id}}', '{{{case.id}}}', '{{&case.id}}']);
    case 4:
      return `${r.pick(JS_NAMES)}_${r.int(0, 9)}`;
    case 5:
      return r.pick(['a.b', 'a..b', '.a', 'a.', '_', '$', '__', 'A', 'ABC_def']);
    case 6:
      return '(' .repeat(r.pick([10, 100, 600])) + 'x' + ')'.repeat(r.pick([0, 10, 100, 600]));
    default:
      return `"${'\\'.repeat(r.int(0, 3))}${'y'.repeat(r.int(0, 80))}`;
  }
}

export interface PolicyCorpus {
  /** Every base text (policies and golden cases). */
  readonly texts: readonly string[];
  /** Every word token of the corpus, de-duplicated: the grammar's keywords and the corpus's names. */
  readonly words: readonly string[];
  /** Every line of the corpus that has content, for splicing. */
  readonly lines: readonly string[];
}

export function buildCorpus(texts: readonly string[]): PolicyCorpus {
  const words = new Set<string>();
  const lines: string[] = [];
  for (const t of texts) {
    for (const tok of tokenize(t)) if (tok.kind === 'word' || tok.kind === 'punct' || tok.kind === 'number' || tok.kind === 'string') words.add(tok.text);
    for (const l of t.split('\n')) if (l.trim() !== '') lines.push(l);
  }
  return { texts, words: [...words].sort(), lines };
}

// A little over the policy size limit (MAX_POLICY_CHARS, 256 KiB), so that inputs both at it and just
// past it (refused whole) are made.
const MAX_TEXT = 270_000;

/** One random edit of a token list (in place). */
function editTokens(r: Random, tokens: Token[], corpus: PolicyCorpus): void {
  if (tokens.length === 0) {
    tokens.push({ kind: 'word', text: r.pick(corpus.words) });
    return;
  }
  const i = r.int(0, tokens.length - 1);
  const t = tokens[i]!;
  const contentIndexes = (): number => {
    for (let k = 0; k < 8; k++) {
      const j = r.int(0, tokens.length - 1);
      if (tokens[j]!.kind !== 'space' && tokens[j]!.kind !== 'newline') return j;
    }
    return i;
  };
  switch (r.int(0, 13)) {
    case 0: // delete a token
      tokens.splice(contentIndexes(), 1);
      return;
    case 1: // duplicate a token
      {
        const j = contentIndexes();
        tokens.splice(j, 0, tokens[j]!);
      }
      return;
    case 2: // swap two tokens
      {
        const j = contentIndexes();
        const k = contentIndexes();
        const a = tokens[j]!;
        tokens[j] = tokens[k]!;
        tokens[k] = a;
      }
      return;
    case 3: // replace an identifier with a hostile one
    case 4: {
      const j = contentIndexes();
      const word = tokens[j]!.kind === 'word' ? j : tokens.findIndex((x, k) => k >= j && x.kind === 'word');
      tokens[word >= 0 ? word : j] = { kind: 'word', text: hostileWord(r) };
      return;
    }
    case 5: { // replace a number with a hostile one
      const start = r.int(0, tokens.length - 1);
      let n = tokens.findIndex((x, k) => k >= start && x.kind === 'number');
      if (n < 0) n = tokens.findIndex((x) => x.kind === 'number');
      tokens[n >= 0 ? n : i] = { kind: 'number', text: r.pick(HOSTILE_NUMBERS) };
      return;
    }
    case 6: // insert a word the grammar knows
    case 7:
      tokens.splice(i, 0, { kind: 'space', text: ' ' }, { kind: 'word', text: r.pick(corpus.words) }, { kind: 'space', text: ' ' });
      return;
    case 8: // replace a word by a word the grammar knows
      tokens[contentIndexes()] = { kind: 'word', text: r.pick(corpus.words) };
      return;
    case 9: { // nest parentheses around a token
      const depth = r.pick([1, 3, 40, 300, 2000]);
      const j = contentIndexes();
      tokens.splice(j + 1, 0, { kind: 'punct', text: ')'.repeat(r.chance(0.8) ? depth : r.int(0, depth)) });
      tokens.splice(j, 0, { kind: 'punct', text: '('.repeat(depth) });
      return;
    }
    case 10: // break a string or comment open
      tokens[i] = { kind: 'other', text: r.pick(['"', '#', '"{{', '{{#if x}}', '\\', '\r', '\t', '\u0000', '\u00a0']) };
      return;
    case 11: // change indentation
      tokens.splice(i, 0, { kind: 'space', text: r.pick(['', ' ', '  ', '    ', '\t', ' '.repeat(r.int(0, 200))]) });
      return;
    case 12: // repeat a run of tokens
      {
        const len = r.int(1, 30);
        const run = tokens.slice(i, i + len);
        const times = r.pick([1, 2, 10, 100]);
        const copies: Token[] = [];
        for (let k = 0; k < times; k++) copies.push(...run);
        tokens.splice(i, 0, ...copies);
      }
      return;
    default: // truncate
      tokens.length = r.int(0, tokens.length);
  }
}

/** One random edit of the lines of a text. */
function editLines(r: Random, text: string, corpus: PolicyCorpus): string {
  const lines = text.split('\n');
  const at = r.int(0, lines.length);
  switch (r.int(0, 5)) {
    case 0: // splice lines from another file
      {
        const from = r.pick(corpus.texts).split('\n');
        const start = r.int(0, from.length - 1);
        lines.splice(at, 0, ...from.slice(start, start + r.int(1, 12)));
      }
      break;
    case 1: // one line from anywhere
      lines.splice(at, 0, r.pick(corpus.lines));
      break;
    case 2: // delete a block
      lines.splice(at, r.int(1, 8));
      break;
    case 3: // repeat a line many times
      {
        const line = lines[Math.min(at, lines.length - 1)] ?? '';
        lines.splice(at, 0, ...Array.from({ length: r.pick([2, 20, 500]) }, () => line));
      }
      break;
    case 4: // swap two lines
      {
        const b = r.int(0, lines.length - 1);
        const a = Math.min(at, lines.length - 1);
        const x = lines[a]!;
        lines[a] = lines[b]!;
        lines[b] = x;
      }
      break;
    default: // line endings
      return r.chance(0.5) ? lines.join('\r\n') : lines.join(r.pick(['\r', '\u2028', '\n\n\n']));
  }
  return lines.join('\n');
}

/** A mutated policy text: 1 to 6 edits of tokens or lines of a base text from the corpus. */
export function mutatePolicy(r: Random, corpus: PolicyCorpus, base: string = r.pick(corpus.texts)): string {
  let text = base;
  const edits = r.int(1, 6);
  for (let e = 0; e < edits; e++) {
    if (r.chance(0.3)) text = editLines(r, text, corpus);
    else {
      const tokens = tokenize(text);
      editTokens(r, tokens, corpus);
      text = tokens.map((t) => t.text).join('');
    }
    if (text.length > MAX_TEXT) text = text.slice(0, MAX_TEXT);
  }
  return text;
}

// ---------------------------------------------------------------------------------------------
// Cases

/** A hostile JSON value, among them the canary text (so that the fuzzer also checks it never shows). */
export function hostileValue(r: Random, canary: string): unknown {
  switch (r.int(0, 13)) {
    case 0:
      return canary;
    case 1:
      return `${canary}${'x'.repeat(r.pick([50, 100, 5000]))}`;
    case 2:
      return r.pick([0, -1, 1e308, -1e308, 9007199254740993, 0.5, 2147483648, Number.MAX_SAFE_INTEGER]);
    case 3:
      return r.pick([null, true, false, '', ' ', []]);
    case 4:
      return r.pick(['2025-02-30', '0000-01-01', '9999-12-31', '2025-1-1', '2025-01-01T00:00:00Z', '+002025-01-01', '2025-01-01\n', '١٩٩٠-٠١-٠١']);
    case 5:
      return { [canary]: canary, __proto__: canary, constructor: canary } as Record<string, unknown>;
    case 6:
      return JSON.parse(`{"__proto__": "${canary}", "toString": 1}`) as unknown;
    case 7:
      return r.pick(JS_NAMES);
    case 8: {
      // deep nesting, arrays or objects
      let v: unknown = canary;
      const depth = r.pick([10, 200, 3000]);
      for (let k = 0; k < depth; k++) v = r.chance(0.5) ? [v] : { a: v };
      return v;
    }
    case 9:
      return Array.from({ length: r.pick([3, 100, 3000]) }, () => canary);
    case 10:
      return `${canary}\u0000\u001b[2J\ud800`;
    case 11:
      return r.pick(['iro', 'social_worker', 'team_manager', 'review_held', 'became_looked_after']);
    default:
      return { type: r.pick(['review_held', canary, 'constructor']), date: r.pick(['2025-05-01', canary]) };
  }
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function clone(value: unknown): Json {
  return JSON.parse(JSON.stringify(value) ?? 'null') as Json;
}

/** Every container (object or array) in a JSON value, breadth-first, at most `limit`. */
function containers(root: Json, limit = 500): (Json[] | { [key: string]: Json })[] {
  const out: (Json[] | { [key: string]: Json })[] = [];
  const queue: Json[] = [root];
  while (queue.length > 0 && out.length < limit) {
    const v = queue.shift()!;
    if (v !== null && typeof v === 'object') {
      out.push(v);
      for (const child of Array.isArray(v) ? v : Object.values(v)) queue.push(child);
    }
  }
  return out;
}

/** Sets `obj[key] = value` as an own property, even for `__proto__`. */
function setOwn(obj: { [key: string]: Json }, key: string, value: Json): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

/** A mutated case: 1 to 5 structural edits of a copy of `base`. */
export function mutateCase(r: Random, base: unknown, canary: string): unknown {
  const root = clone(base);
  if (root === null || typeof root !== 'object' || r.chance(0.02)) return hostileValue(r, canary);
  const edits = r.int(1, 5);
  for (let e = 0; e < edits; e++) {
    const all = containers(root);
    const target = r.pick(all);
    if (Array.isArray(target)) {
      const i = r.int(0, Math.max(0, target.length - 1));
      switch (r.int(0, 4)) {
        case 0:
          target[i] = hostileValue(r, canary) as Json;
          break;
        case 1:
          if (target.length > 0) target.splice(i, 0, clone(target[i])); // duplicate (the same event twice)
          break;
        case 2:
          target.splice(i, 1);
          break;
        case 3:
          target.reverse();
          break;
        default:
          if (target.length > 0) for (let k = 0; k < r.pick([10, 1000]); k++) target.push(clone(target[k % target.length]));
      }
    } else {
      const keys = Object.keys(target);
      const key = keys.length > 0 ? r.pick(keys) : 'x';
      switch (r.int(0, 4)) {
        case 0:
          setOwn(target, key, hostileValue(r, canary) as Json);
          break;
        case 1:
          setOwn(target, r.pick([canary, '__proto__', 'constructor', 'toString', `${canary}-${'k'.repeat(r.int(0, 100))}`]), hostileValue(r, canary) as Json);
          break;
        case 2:
          delete target[key];
          break;
        case 3:
          setOwn(target, key, canary);
          break;
        default:
          setOwn(target, key, clone(r.pick(all)));
      }
    }
  }
  return root;
}

/** An as-of date: usually the base's, sometimes hostile. */
export function mutateAsOf(r: Random, base: string, canary: string): string {
  if (r.chance(0.9)) return base;
  return r.pick(['2025-02-30', '0000-01-01', '9999-12-31', '', canary, '2025-1-1', '2100-01-01', '1900-01-01']);
}
