/**
 * `TokenStream` (grammar/tokens.ts): a text lexed a chunk at a time gives the tokens, comments and
 * errors of the text lexed in one chunk, whatever the chunks' size (down to a line each), on the
 * golden cases, a full policy, damaged copies of it and texts made to meet the chunks' edges (a
 * bracket left open across one, lines nested too deep or too long, carriage returns, unrecognised
 * characters). And the parser reading a stream as it is lexed (`parseTokens` given the stream) gives
 * the syntax errors and the parts of the parse of the whole token list, while letting go of the
 * tokens of the parts it has handed over (taken off the stream's front), on those texts and on the
 * repository's policies and damaged copies of the largest, up to about 4,000 tokens each.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CstNode, IToken } from 'chevrotain';
import { describe, expect, it } from 'vitest';
import { parseTokens, type TopLevelListener } from '../../grammar/parser.ts';
import { lex, TokenStream, type LexResult } from '../../grammar/tokens.ts';
import { MAX_LINE_TOKENS, MAX_NESTING, MAX_SYNTAX_ERRORS } from '../../runtime/input-limits.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Every `.pdl` file under `dir`, recursively, by its path from the root. */
function policiesUnder(dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((path) => path.endsWith('.pdl'))
    .sort()
    .map((path) => join(dir, path));
}

const statutory = readFileSync(join(root, 'policies/england/statutory-reviews.pdl'), 'utf8');
const statutoryLines = statutory.split('\n');

/** Copies of the statutory policy with lines cut, reversed, brackets and quotes left open, stray words. */
const damaged: string[] = [
  statutoryLines.map((line, i) => (i % 7 === 3 ? line.slice(0, Math.floor(line.length / 2)) : line)).join('\n'),
  statutoryLines.map((line, i) => (i % 5 === 2 ? line.split(' ').reverse().join(' ') : line)).join('\n'),
  statutoryLines.map((line, i) => (i % 11 === 4 ? `ownr iro\n${line}\ndedline x "y"` : line)).join('\n'),
  statutoryLines.map((line, i) => (i % 3 === 1 ? `${line} ) "` : line)).join('\n'),
  statutoryLines.map((line, i) => (i % 13 === 6 ? `${line} { (` : line)).join('\r\n'),
  statutoryLines.map((line, i) => (i % 9 === 0 ? `${line} \u20ac !x \r` : line)).join('\n'),
  `event e\n${statutory}`,
];

/** Texts made to meet the edges of chunks. */
const edges: string[] = [
  '',
  'policy a.b',
  '\n\n# only a comment\n\n',
  // A bracket left open: the newline inside it looks at the next line's first two tokens.
  'policy a.b\nevent a "A" { x: date\nevent b "B"\nrole r "R"\n',
  'policy a.b\nevent a "A" { x: date,\nrole: role,\n event: date }\nrole r "R"\n',
  'policy a.b\nevent a "A" {\n\n\n# c\n\nevent\n',
  `policy a.b\ndeadline d "D"\n  when ${'('.repeat(MAX_NESTING + 2)}x${')'.repeat(MAX_NESTING + 2)}\n  owner r\n`,
  `policy a.b\nevent e "E" { ${'a: date,\n'.repeat(MAX_LINE_TOKENS / 3)} b: date }\nrole r "R"\n`,
  `policy a.b\nevent e "E" { ${'a: date, '.repeat(MAX_LINE_TOKENS)}`,
  'policy a.b\r\nrole r "R\r\nrole s "S"\r\r\n\r',
  `policy a.b\nrole ${'n'.repeat(200)} "R"\n`,
];

const texts: [string, string][] = [
  ...[...policiesUnder('test/cases'), 'policies/england/statutory-reviews.pdl'].map((file): [string, string] => [file, readFileSync(join(root, file), 'utf8')]),
  ...damaged.map((text, i): [string, string] => [`damaged copy ${i}`, text]),
  ...edges.map((text, i): [string, string] => [`edge text ${i}`, text]),
];

/** A lexing's result as plain data. */
function plain(result: LexResult): unknown {
  const token = (t: IToken): unknown[] => [t.image, t.startOffset, t.endOffset, t.tokenType.name];
  return { tokens: result.tokens.map(token), comments: result.comments.map(token), errors: result.errors };
}

describe('TokenStream', () => {
  it('finds texts to lex', () => {
    expect(texts.length).toBeGreaterThan(100);
  });

  it('lexes in chunks of any size as in one chunk', () => {
    for (const [name, text] of texts) {
      const whole = plain(new TokenStream(text, Number.POSITIVE_INFINITY).finish());
      for (const chunk of [1, 7, 1_000]) {
        expect(plain(new TokenStream(text, chunk).finish()), `${name}, chunks of ${chunk}`).toEqual(whole);
      }
      expect(plain(lex(text)), name).toEqual(whole);
    }
  });

  it('makes tokens final a line at a time and never takes one back', () => {
    for (const [name, text] of [...damaged.map((t, i): [string, string] => [`damaged copy ${i}`, t]), ...edges.map((t, i): [string, string] => [`edge text ${i}`, t])]) {
      const stream = new TokenStream(text, 1);
      const seen: IToken[] = [];
      while (!stream.done) {
        stream.pull();
        // The final tokens so far are those seen before, then new ones.
        expect(stream.tokens.slice(0, seen.length), name).toEqual(seen);
        seen.push(...stream.tokens.slice(seen.length, stream.ready));
      }
      expect(seen, name).toEqual(lex(text).tokens);
    }
  });
});

/** A parse of `text` with a listener, from the whole token list or from a stream with chunks of `chunk` characters. */
function parsed(text: string, chunk?: number): { parts: CstNode[]; errors: unknown[]; stoppedAt: number | undefined; stream?: TokenStream } {
  const parts: CstNode[] = [];
  const listener: TopLevelListener = { header: (node) => parts.push(node), item: (node) => parts.push(node) };
  const stream = chunk === undefined ? undefined : new TokenStream(text, chunk);
  const { errors, stoppedAt } = parseTokens(stream ?? lex(text).tokens, text, listener);
  return {
    parts,
    errors: errors.map((e) => [e.message, e.token.startOffset, e.token.image, e.previousToken?.startOffset, e.ruleStack]),
    stoppedAt: stoppedAt?.startOffset,
    ...(stream === undefined ? {} : { stream }),
  };
}

/**
 * The repository's policies, and damaged copies of the largest (about 4,000 tokens): the parser
 * takes read tokens off the stream's front (`PdlParser.releaseRead`, 1,024 at a time or more) several
 * times in a parse, errors and recoveries among them.
 */
const large: [string, string][] = policiesUnder('policies').map((file): [string, string] => [file, readFileSync(join(root, file), 'utf8')]);
const largest = [...large].sort((a, b) => b[1].length - a[1].length)[0]![1].split('\n');
large.push(
  ['largest policy, lines cut', largest.map((line, i) => (i % 17 === 3 ? line.slice(0, Math.floor(line.length / 2)) : line)).join('\n')],
  ['largest policy, stray words and open brackets', largest.map((line, i) => (i % 23 === 4 ? `ownr iro\n${line} { (\ndedline x "y"` : line)).join('\n')],
);

describe('the parser reading a stream', () => {
  const policies = [...texts.filter(([, text]) => text.startsWith('policy')), ...large];
  // A flood of stray lines: the parse stops after `MAX_SYNTAX_ERRORS`, in the middle of the text.
  const flood = `policy a.b\n${'x y z\n'.repeat(MAX_SYNTAX_ERRORS + 50)}role r "R"\n`;

  it('gives the errors and parts of a parse of the whole token list', () => {
    for (const [name, text] of [...policies, ['flood', flood] as [string, string]]) {
      const whole = parsed(text);
      for (const chunk of [1, 2_048]) {
        const streamed = parsed(text, chunk);
        expect(streamed.errors, `${name}, chunks of ${chunk}`).toEqual(whole.errors);
        expect(streamed.stoppedAt, `${name}, chunks of ${chunk}`).toEqual(whole.stoppedAt);
        expect(streamed.parts, `${name}, chunks of ${chunk}`).toEqual(whole.parts);
      }
    }
    expect(parsed(flood).stoppedAt).toBeDefined();
  });

  it('lets go of the tokens of the parts it has handed over: the stream holds a part of the file, not all of it', () => {
    for (const [name, text] of large.slice(0, -2)) {
      const all = lex(text).tokens;
      const { stream, parts } = parsed(text, 2_048);
      expect(parts.length, name).toBeGreaterThan(20);
      const held = stream!.finish().tokens;
      // At most 1,024 tokens read and not yet taken off, and those after them; the last is the text's.
      if (all.length > 3_000) expect(held.length, name).toBeLessThan(all.length / 2);
      expect(held.every((token) => token !== undefined), name).toBe(true);
      expect(held.at(-1), name).toEqual(all.at(-1));
    }
    expect(Math.max(...large.map(([, text]) => lex(text).tokens.length))).toBeGreaterThan(4_000);
  });
});
