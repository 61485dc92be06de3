/**
 * The parser's fast construction changes nothing it parses.
 *
 * The parser skips Chevrotain's grammar validations and reads its lookahead from the table
 * grammar/generated/lookahead.ts (grammar/lookahead.ts); the lexer skips its pattern validations and
 * is told the first characters of `Unrecognised` one per bucket. Checked here: the validations pass
 * when run; the table is current (`npm run gen:cst`) and is the one the parser uses, its follow sets
 * (error recovery's) included; a stale table is not used; a fingerprint known ahead stands for the computed one; and a parser with the table and one computing its lookahead as Chevrotain does build the
 * same CST and the same errors from every policy of the repository and from random token vectors.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTokenInstance, LLkLookaheadStrategy, type IToken, type TokenType } from 'chevrotain';
import { describe, expect, it } from 'vitest';
import { filesBelow } from '../../cli/files-below.ts';
import { lookaheadTableSource } from '../../grammar/cst-dts.ts';
import { LOOKAHEAD_TABLE } from '../../grammar/generated/lookahead.ts';
import { TableLookaheadStrategy } from '../../grammar/lookahead.ts';
import { followSets, LOOKAHEAD_TOKENS, MAX_LOOKAHEAD, PdlParser } from '../../grammar/parser.ts';
import * as t from '../../grammar/tokens.ts';
import { parseWith } from '../support/cst-shape.ts';
import { mulberry32 } from '../support/random.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Every .pdl file below `dir` (the repository's walk, cli/files-below.ts). */
const pdlFiles = (dir: string): string[] => filesBelow(dir, '.pdl');

const fromTable = new TableLookaheadStrategy(LOOKAHEAD_TABLE, LOOKAHEAD_TOKENS, MAX_LOOKAHEAD);
const tableParser = new PdlParser({ lookahead: fromTable });
const computedParser = new PdlParser({ lookahead: new LLkLookaheadStrategy({ maxLookahead: MAX_LOOKAHEAD }) });

/** A seeded generator (test/support/random.ts), so that a failure can be replayed. */
const random = mulberry32;

describe('the parser built fast', () => {
  it('passes the grammar validations it skips at start-up (parser and lexer)', () => {
    expect(() => new PdlParser({ validate: true })).not.toThrow();
    expect(() => t.createLexer(true)).not.toThrow();
  });

  it('grammar/generated/lookahead.ts is up to date (run `npm run gen:cst`)', () => {
    const onDisk = readFileSync(join(ROOT, 'grammar', 'generated', 'lookahead.ts'), 'utf8');
    expect(onDisk).toBe(lookaheadTableSource());
  });

  it('reads its lookahead from the table, and every production is in it', () => {
    expect(fromTable.fromTable).toBe(true);
    expect(Object.keys(LOOKAHEAD_TABLE.paths).length).toBeGreaterThan(100);
  });

  it('reads the follow sets of error recovery from the table, the same as Chevrotain computes', () => {
    const names = (parser: PdlParser): Record<string, string[]> => Object.fromEntries(Object.entries(followSets(parser)).map(([key, types]) => [key, types.map((type) => type.name)]));
    expect(fromTable.follows()).toBeDefined();
    expect(Object.keys(names(tableParser)).length).toBeGreaterThan(100);
    expect(names(tableParser)).toEqual(names(computedParser));
  });

  it('does not use a table made for another grammar', () => {
    const stale = new TableLookaheadStrategy({ fingerprint: `${LOOKAHEAD_TABLE.fingerprint}-old`, paths: LOOKAHEAD_TABLE.paths, ...(LOOKAHEAD_TABLE.follows === undefined ? {} : { follows: LOOKAHEAD_TABLE.follows }) }, LOOKAHEAD_TOKENS, MAX_LOOKAHEAD);
    const parser = new PdlParser({ lookahead: stale });
    expect(stale.fromTable).toBe(false);
    expect(stale.follows()).toBeUndefined();
    expect(followSets(parser)).toEqual(followSets(computedParser));
    const { tokens } = t.lex('policy a.b\n  title "x"\n\nrole iro "IRO"\n');
    expect(parseWith(parser, tokens)).toEqual(parseWith(computedParser, tokens));
  });

  it('takes a fingerprint known ahead (the CLI bundle records it with its snapshot) for the one it would compute', () => {
    // The fingerprint the strategy computed is the table's (the table is current), and is what the build records.
    expect(fromTable.grammarFingerprint).toBe(LOOKAHEAD_TABLE.fingerprint);
    const known = new TableLookaheadStrategy(LOOKAHEAD_TABLE, LOOKAHEAD_TOKENS, MAX_LOOKAHEAD, fromTable.grammarFingerprint);
    const parser = new PdlParser({ lookahead: known });
    expect(known.fromTable).toBe(true);
    expect(followSets(parser)).toEqual(followSets(tableParser));
    // A known fingerprint of another grammar keeps the table out, as a computed one would.
    const other = new TableLookaheadStrategy(LOOKAHEAD_TABLE, LOOKAHEAD_TOKENS, MAX_LOOKAHEAD, `${LOOKAHEAD_TABLE.fingerprint}-other`);
    new PdlParser({ lookahead: other });
    expect(other.fromTable).toBe(false);
    expect(other.grammarFingerprint).toBe(`${LOOKAHEAD_TABLE.fingerprint}-other`);
  });

  it('gives the same CST and errors as the computed lookahead on every policy of the repository', () => {
    const files = [...pdlFiles(join(ROOT, 'policies')), ...pdlFiles(join(ROOT, 'test', 'cases')), ...pdlFiles(join(ROOT, 'examples'))];
    expect(files.length).toBeGreaterThan(50);
    for (const file of files) {
      const { tokens } = t.lex(readFileSync(file, 'utf8'));
      expect(parseWith(tableParser, tokens), file).toEqual(parseWith(computedParser, tokens));
    }
  });

  it('gives the same CST and errors as the computed lookahead on random token vectors', () => {
    const vocabulary: TokenType[] = t.allTokens.filter((type) => type.PATTERN !== undefined && typeof type.PATTERN !== 'string' && type !== t.Whitespace && type !== t.Comment && type !== t.Unrecognised && type !== t.UnterminatedString);
    const words = vocabulary.filter((type) => type.name !== 'AnyToken' && !['Keyword', 'Weekday', 'RuleKindWord', 'UnitWord'].includes(type.name));
    const next = random(17);
    for (let round = 0; round < 60; round++) {
      const tokens: IToken[] = [];
      // Few rounds: each syntax error makes Chevrotain compute the expected paths for its message (slow).
    // Most vectors start like a policy, so that the parse gets past its header.
      if (next() < 0.8) tokens.push(createTokenInstance(t.Policy, 'policy', 0, 5, 1, 1, 1, 6), createTokenInstance(t.Identifier, 'a', 7, 7, 1, 1, 8, 8), createTokenInstance(t.Newline, '\n', 8, 8, 1, 1, 9, 9));
      const length = 1 + Math.floor(next() * 30);
      for (let i = 0; i < length; i++) {
        const type = next() < 0.15 ? t.Newline : words[Math.floor(next() * words.length)]!;
        const offset = 10 + i * 2;
        tokens.push(createTokenInstance(type, type === t.Newline ? '\n' : 'x', offset, offset, 2 + i, 2 + i, 1, 1));
      }
      tokens.push(createTokenInstance(t.Newline, '\n', 100, 100, 50, 50, 1, 1));
      expect(parseWith(tableParser, tokens), `round ${round}`).toEqual(parseWith(computedParser, tokens));
    }
  });

  it('tells the lexer the first characters of Unrecognised in every bucket the full list has', () => {
    const bucket = (code: number): number => (code < 256 ? code : 255 + Math.floor(code / 255));
    // Every character that starts no other token; a carriage return and a `!` too (one not followed by
    // a line feed, one not followed by `=`).
    const full = Array.from({ length: 0x10000 }, (_, code) => code).filter((code) => /[^A-Za-z0-9_"<>=:,.?{}()# \t\f\uFEFF\n]/.test(String.fromCharCode(code)));
    expect(new Set(t.unrecognisedStartChars().map(bucket))).toEqual(new Set(full.map(bucket)));
    expect(t.unrecognisedStartChars().every((code) => full.includes(code))).toBe(true);
  });
});
