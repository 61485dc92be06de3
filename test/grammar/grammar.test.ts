/** The grammar's generated CST types are current, and the lexer keeps its newline invariants. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cstTypesSource } from '../../grammar/cst-dts.ts';
import { lex, Newline } from '../../grammar/tokens.ts';

describe('grammar', () => {
  it('grammar/generated/cst.d.ts is up to date (run `npm run gen:cst`)', () => {
    const onDisk = readFileSync(fileURLToPath(new URL('../../grammar/generated/cst.d.ts', import.meta.url)), 'utf8');
    expect(onDisk).toBe(cstTypesSource());
  });

  it('collapses blank and comment lines into one newline, drops newlines inside brackets, ends with one', () => {
    const { tokens, comments } = lex('\n\n# c\npolicy a # x\n\n\nevent e {\n  a: date,\n  b: text\n}');
    const kinds = tokens.map((t) => (t.tokenType === Newline ? 'NL' : t.image));
    expect(kinds).toEqual(['policy', 'a', 'NL', 'event', 'e', '{', 'a', ':', 'date', ',', 'b', ':', 'text', '}', 'NL']);
    expect(comments.map((c) => c.image)).toEqual(['# c', '# x']);
  });

  it('reports an unclosed string once and still yields a string token', () => {
    const { tokens, errors } = lex('title "open\n');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toContain('not closed');
    expect(tokens[1]!.tokenType.name).toBe('StringLiteral');
  });
});
