/**
 * The parser's syntax error messages are worded from the grammar's expected token paths, and its
 * in-rule recovery reads the tokens that may follow a place in the grammar; PdlParser computes both
 * once per place instead of at every error as Chevrotain does (grammar/parser.ts
 * `raiseNoAltException`, `raiseEarlyExitException`, `getNextPossibleTokenTypes`). This checks the
 * cached parser against Chevrotain's own methods: the same errors, messages, tokens and rule stacks, on
 * many broken texts (each policy of policies/ with one token deleted, and with one token repeated,
 * at evenly spaced places), parsed twice each so that the second parse reads the cache.
 *
 * Input: policies/**.pdl. Output: assertions.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { IToken } from 'chevrotain';
import { filesBelow } from '../../cli/files-below.ts';
import { PdlParser } from '../../grammar/parser.ts';
import { lex } from '../../grammar/tokens.ts';
import { ROOT } from '../support/processes.ts';

/** Chevrotain's own error methods, as the parser had them before the cache. */
class UncachedParser extends PdlParser {}
const chevrotain = Object.getPrototypeOf(PdlParser.prototype) as Record<string, unknown>;
Object.assign(UncachedParser.prototype, {
  raiseNoAltException: chevrotain['raiseNoAltException'],
  raiseEarlyExitException: chevrotain['raiseEarlyExitException'],
  getNextPossibleTokenTypes: chevrotain['getNextPossibleTokenTypes'],
});

const cached = new PdlParser();
const uncached = new UncachedParser();

function errorsOf(parser: PdlParser, tokens: IToken[]): unknown[] {
  parser.input = tokens;
  parser.policyFile();
  return parser.errors.map((e) => ({ name: e.name, message: e.message, at: e.token.startOffset, rules: e.context.ruleStack.join('/'), resynced: e.resyncedTokens.length }));
}

describe('syntax errors worded from cached expected paths', () => {
  it('are those of Chevrotain\'s own methods on every broken text', () => {
    let texts = 0;
    let errors = 0;
    const kinds = new Set<string>();
    for (const file of filesBelow(join(ROOT, 'policies'), '.pdl')) {
      const tokens = lex(readFileSync(file, 'utf8')).tokens;
      const step = Math.max(1, Math.floor(tokens.length / 8));
      for (let at = 1; at < tokens.length; at += step) {
        for (const broken of [[...tokens.slice(0, at), ...tokens.slice(at + 1)], [...tokens.slice(0, at + 1), ...tokens.slice(at)]]) {
          const expected = errorsOf(uncached, broken);
          expect(errorsOf(cached, broken)).toEqual(expected);
          expect(errorsOf(cached, broken)).toEqual(expected);
          texts++;
          errors += expected.length;
          for (const e of expected) kinds.add((e as { name: string }).name);
        }
      }
    }
    expect(texts).toBeGreaterThan(60);
    expect(errors).toBeGreaterThan(texts / 2);
    expect([...kinds].sort()).toContain('NoViableAltException');
  });
});
