/**
 * The lexer's fast construction changes nothing it reads.
 *
 * grammar/tokens.ts tells Chevrotain, for every token, the characters a match can start with
 * (`start_chars_hint`) and whether it can span a line (`line_breaks`), instead of letting it parse
 * each pattern at every start. Checked here: a lexer made of the same patterns without those hints
 * (Chevrotain working them out, as it did before) reads every policy of the repository and random
 * texts (every character class the patterns name, line ends, characters no token starts with) into
 * the same tokens, groups, positions and errors. The fast lexer tracks offsets only: the ranges the
 * compiler makes of its tokens from a `LineIndex` of the text (`tokenRange`, grammar/positions.ts)
 * are compared with those Chevrotain's full tracking gives (its lines and columns, end inclusive).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createToken, Lexer, type ILexingResult, type IToken, type TokenType } from 'chevrotain';
import { describe, expect, it } from 'vitest';
import { filesBelow } from '../../cli/files-below.ts';
import * as t from '../../grammar/tokens.ts';
import { LineIndex } from '../../grammar/positions.ts';
import { tokenRange } from '../../compiler/source-range.ts';
import { mulberry32 } from '../support/random.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Every .pdl file below `dir` (the repository's walk, cli/files-below.ts). */
const pdlFiles = (dir: string): string[] => filesBelow(dir, '.pdl');

/** A token's range as Chevrotain's full tracking gives it: offsets, then lines and columns (end exclusive). */
function fullRange(tok: IToken): string {
  return `${tok.startOffset}-${tok.endOffset! + 1} ${tok.startLine}:${tok.startColumn}-${tok.endLine}:${tok.endColumn! + 1}`;
}

/** The lexed tokens with their type names, ranges and groups, and the errors, as plain data. */
function shape(result: ILexingResult, range: (tok: IToken) => string = fullRange): unknown {
  const token = (tok: IToken): string => `${tok.tokenType.name}:${JSON.stringify(tok.image)}@${range(tok)}`;
  return {
    tokens: result.tokens.map(token),
    groups: Object.fromEntries(Object.entries(result.groups).map(([name, list]) => [name, list.map(token)])),
    errors: result.errors.map((e) => `${e.offset}+${e.length} ${e.line}:${e.column} ${e.message}`),
  };
}

/** A lexer of the same tokens with nothing told: each copy keeps its pattern, group and longer alternative only. */
function referenceLexer(): Lexer {
  const lexed = t.allTokens.filter((type) => type.PATTERN !== Lexer.NA);
  const copies = new Map<TokenType, TokenType>();
  // Longer alternatives first (`Identifier`), so that each copy can name its own.
  const ordered = [...lexed].sort((a, b) => Number(a.LONGER_ALT === undefined ? 0 : 1) - Number(b.LONGER_ALT === undefined ? 0 : 1));
  for (const type of ordered) {
    const longer = type.LONGER_ALT;
    const longerCopy = longer === undefined ? undefined : copies.get(Array.isArray(longer) ? longer[0]! : (longer as TokenType));
    copies.set(
      type,
      createToken({
        name: type.name,
        pattern: type.PATTERN as RegExp,
        ...(type.GROUP === undefined ? {} : { group: type.GROUP }),
        ...(longerCopy === undefined ? {} : { longer_alt: longerCopy }),
      }),
    );
  }
  // A carriage return alone is not a line break in PDL (it is an unrecognised character: the line
  // goes on), as the fast lexer has it by telling Chevrotain that only `Newline` spans lines; left to
  // work that out, Chevrotain would count it as one (`Unrecognised` can match it).
  return new Lexer(lexed.map((type) => copies.get(type)!), { positionTracking: 'full', lineTerminatorsPattern: /\n/g, lineTerminatorCharacters: ['\n'] });
}

/** A seeded generator (test/support/random.ts), so that a failure can be replayed. */
const random = mulberry32;

const fastLexer = t.createLexer();
/** The fast lexer's tokens, each with the range the compiler makes of it, and its errors placed by the `LineIndex`. */
const fast = {
  tokenize(text: string): unknown {
    const result = fastLexer.tokenize(text);
    const lines = new LineIndex(text);
    const range = (tok: IToken): string => {
      const r = tokenRange(tok, lines);
      return `${r.start}-${r.end} ${r.startLine}:${r.startColumn}-${r.endLine}:${r.endColumn}`;
    };
    return shape({ ...result, errors: result.errors.map((e) => ({ ...e, line: lines.line(e.offset), column: lines.column(e.offset) })) }, range);
  },
};
const reference = referenceLexer();

describe('the lexer built fast', () => {
  it('tells Chevrotain the start characters and line breaks of every token it lexes', () => {
    for (const type of t.allTokens.filter((x) => x.PATTERN !== Lexer.NA)) {
      expect(type.START_CHARS_HINT?.length ?? 0, type.name).toBeGreaterThan(0);
      expect(type.LINE_BREAKS, type.name).toBe(type === t.Newline);
    }
  });

  it('reads every policy of the repository as a lexer that works the hints out does', () => {
    const files = [...pdlFiles(join(ROOT, 'policies')), ...pdlFiles(join(ROOT, 'test', 'cases')), ...pdlFiles(join(ROOT, 'examples'))];
    expect(files.length).toBeGreaterThan(50);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      expect(fast.tokenize(text), file).toEqual(shape(reference.tokenize(text)));
    }
  });

  it('reads random texts as a lexer that works the hints out does', () => {
    // Mostly the characters the patterns name (line ends among them); else any of the first 512
    // characters, or a few far above them.
    const named = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_0123456789-:.,?!<>={}()"#\\ \t\f\r\n\uFEFF'];
    const others = [...Array.from({ length: 512 }, (_, code) => String.fromCharCode(code)), '\u00e9', '\u2028', '\u2029', '\u3000', '\uD83D', '\uDE00', '\uFFFF'];
    const words = ['policy', 'role', 'days', 'day', 'working', 'Monday', 'tuesday', 'before', 'be', 'to', 'today', 'review_held', 'a-b', '2024-01-31', '10:30', '3.5', '"text"', '"open', '# note'];
    const next = random(5);
    for (let round = 0; round < 1000; round++) {
      let text = '';
      const length = 1 + Math.floor(next() * 60);
      for (let i = 0; i < length; i++) {
        const pick = next();
        const from = pick < 0.3 ? words : pick < 0.8 ? named : others;
        text += from[Math.floor(next() * from.length)]!;
      }
      expect(fast.tokenize(text), JSON.stringify(text)).toEqual(shape(reference.tokenize(text)));
    }
  });
});
