/**
 * The grammar's public entry. Input: policy text. Output: a CST (possibly partial), the comments,
 * and lexing and parsing errors as plain data (offsets and messages); turning them into coded
 * diagnostics is the compiler's job.
 */
import type { CstNode, IToken } from 'chevrotain';
import { parseTokens } from './parser.ts';
import { lex, Policy, type LexError } from './tokens.ts';

export type { LexError } from './tokens.ts';
export { tokenizeRaw } from './tokens.ts';
export { RULE_KINDS, type RuleKind } from './rule-kinds.ts';
export type * from './generated/cst.d.ts';

export interface SyntaxErrorInfo {
  readonly message: string;
  /** The offending token; for an unexpected end of file, the last token. */
  readonly token: IToken;
  /** The grammar rules being parsed when the error was found, outermost first (empty when none). */
  readonly ruleStack: readonly string[];
}

export interface ParseResult {
  readonly cst: CstNode;
  readonly comments: readonly IToken[];
  readonly lexErrors: readonly LexError[];
  readonly syntaxErrors: readonly SyntaxErrorInfo[];
  /** The token the parse stopped at after `MAX_SYNTAX_ERRORS` syntax errors (runtime/input-limits.ts); the rest of the file was not parsed. */
  readonly stoppedAt?: IToken;
}

/** Lexes and parses `text`; never throws on bad input. */
export function parse(text: string): ParseResult {
  const { tokens, comments, errors } = lex(text);
  const first = tokens[0];
  if (first !== undefined && first.tokenType !== Policy) {
    // Without its `policy` line nothing else in the file can be placed: one message, not a cascade.
    const { cst } = parseTokens([]);
    return {
      cst,
      comments,
      lexErrors: errors,
      syntaxErrors: [{ message: `expected \`policy <id>\` on the first line, found \`${first.image}\``, token: first, ruleStack: [] }],
    };
  }
  const { cst, errors: parseErrors, stoppedAt } = parseTokens(tokens);
  const syntaxErrors = parseErrors.map((e) => {
    const token = Number.isFinite(e.token.startOffset) ? e.token : (e.previousToken ?? tokens[tokens.length - 1] ?? e.token);
    return { message: e.message, token, ruleStack: e.ruleStack };
  });
  return { cst, comments, lexErrors: errors, syntaxErrors, ...(stoppedAt === undefined ? {} : { stoppedAt }) };
}
