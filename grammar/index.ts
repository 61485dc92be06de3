/**
 * The grammar's public entry. Input: policy text. Output: a CST (possibly partial), the comments,
 * and lexing and parsing errors as plain data (offsets and messages); turning them into coded
 * diagnostics is the compiler's job.
 */
import type { CstNode, IToken } from 'chevrotain';
import { parseTokens, type TopLevelListener } from './parser.ts';
import { Policy, TokenStream, type LexError } from './tokens.ts';
import type { LineIndex } from './positions.ts';

export type { LexError } from './tokens.ts';
export type { TopLevelListener } from './parser.ts';
export { firstOnLine, LineIndex, startsLine } from './positions.ts';
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
  /**
   * Tokens and CST locations carry offsets only: `lines` gives their lines and columns. After a parse
   * with a listener, the file's node only: its parts went to the listener.
   */
  readonly cst: CstNode;
  readonly lines: LineIndex;
  readonly comments: readonly IToken[];
  readonly lexErrors: readonly LexError[];
  readonly syntaxErrors: readonly SyntaxErrorInfo[];
  /** The token the parse stopped at after `MAX_SYNTAX_ERRORS` syntax errors (runtime/input-limits.ts); the rest of the file was not parsed. */
  readonly stoppedAt?: IToken;
}

/**
 * Lexes and parses `text`, lexing as the parser reads (`TokenStream`); never throws on bad input.
 * With `listen`, called with the text's lines before the parse, each declaration and stray line of the
 * top level is handed to the listener it returns as soon as it is parsed, and left out of the CST
 * returned (`TopLevelListener`): the compiler builds the AST that way, so that no tree of the whole
 * file is held, and the tokens of each part handed over are let go, so that no list of the whole
 * file's tokens is held either.
 */
export function parse(text: string, listen?: (lines: LineIndex) => TopLevelListener): ParseResult {
  const stream = new TokenStream(text);
  const lines = stream.lines;
  const listener = listen?.(lines);
  if (stream.ready === 0) stream.pull();
  const first = stream.tokens[0];
  if (first !== undefined && first.tokenType !== Policy) {
    // Without its `policy` line nothing else in the file can be placed: one message, not a cascade.
    const { cst } = parseTokens([], text, listener);
    const { comments, errors } = stream.finish();
    return {
      cst,
      lines,
      comments,
      lexErrors: errors,
      syntaxErrors: [{ message: `expected \`policy <id>\` on the first line, found \`${first.image}\``, token: first, ruleStack: [] }],
    };
  }
  // The tokens are lexed as the parser reads them; what the parse left (after too many errors) is
  // lexed after it, for its errors.
  const { cst, errors: parseErrors, stoppedAt } = parseTokens(stream, text, listener);
  const { tokens, comments, errors } = stream.finish();
  const syntaxErrors = parseErrors.map((e) => {
    const token = Number.isFinite(e.token.startOffset) ? e.token : (e.previousToken ?? tokens[tokens.length - 1] ?? e.token);
    return { message: e.message, token, ruleStack: e.ruleStack };
  });
  return { cst, lines, comments, lexErrors: errors, syntaxErrors, ...(stoppedAt === undefined ? {} : { stoppedAt }) };
}
