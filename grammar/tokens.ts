/**
 * Tokens and lexer of the PDL surface language.
 *
 * Input: policy source text. Output: a token vector for `grammar/parser.ts`, plus lexing errors;
 * made a chunk at a time as the parser reads it (`TokenStream`), or all at once (`lex`).
 *
 * The language is line-oriented: every declaration header and every clause occupies one line, so
 * the lexer emits `Newline` tokens (runs of blank lines and comment-only lines collapse into one).
 * Inside `{ ... }` and `( ... )` newlines are insignificant, so lists may wrap; but a declaration's
 * word in the first column ends a bracket left open (one error there, not a cascade).
 * Comments run from `#` to the end of the line and are kept in the `comments` group (for `pdl fmt`).
 *
 * INVARIANT: the token vector never starts with a `Newline`, never holds two `Newline`s in a row,
 * and ends with exactly one `Newline` whenever it holds any other token.
 */
import { createToken, Lexer, type ILexingResult, type IToken, type TokenType } from 'chevrotain';
import { RULE_KINDS } from './rule-kinds.ts';
import { DURATION_UNIT_NAMES, UNIT_WORDS, unitWords } from '../runtime/units.ts';
import { MAX_LINE_TOKENS, MAX_NAME_LENGTH, MAX_NESTING } from '../runtime/input-limits.ts';
import { LineIndex, startsLine } from './positions.ts';

/**
 * What Chevrotain's lexer would otherwise work out by parsing each token's pattern at every start: the
 * characters a match can start with (`start_chars_hint`, for its first-character table) and that it
 * spans no line (`line_breaks: false`, for line counting). Every token but `Newline` says both (the
 * keywords in `keyword`); test/grammar/lexer.test.ts checks them against the patterns.
 */
function fixedStart(chars: string | readonly number[]): { start_chars_hint: (string | number)[]; line_breaks: false } {
  return { start_chars_hint: typeof chars === 'string' ? [...chars] : [...chars], line_breaks: false };
}
const DIGITS = '0123456789';

/** Identifiers: snake_case by convention; a hyphen may join parts (`england-and-wales`). */
export const Identifier = createToken({
  name: 'Identifier',
  label: 'a name',
  pattern: /[A-Za-z_][A-Za-z0-9_]*(?:-[A-Za-z0-9_]+)*/,
  ...fixedStart('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_'),
});

/**
 * The category of every keyword: where a name cannot be confused with a keyword (an attribute after
 * `.`, an attribute declaration), the parser accepts any keyword as a name, so `by` and `for` may name
 * attributes.
 */
export const Keyword = createToken({ name: 'Keyword', pattern: Lexer.NA });

const KEYWORDS: { word: string; type: TokenType }[] = [];

/**
 * Every keyword is case-sensitive lowercase and falls back to `Identifier` when longer. Chevrotain is
 * told its first character and that it spans no line (`start_chars_hint`, `line_breaks`), which it
 * would otherwise work out by parsing its pattern, for each of the 150-odd keywords at every start.
 */
function keyword(word: string, name?: string): TokenType {
  const type = createToken({
    name: name ?? word.charAt(0).toUpperCase() + word.slice(1),
    label: `\`${word.replace('s?', 's')}\``,
    pattern: new RegExp(word),
    start_chars_hint: [word.charAt(0)],
    line_breaks: false,
    longer_alt: Identifier,
  });
  // The category is set here, not passed to `createToken`, which would rebuild the `Keyword`
  // category's list of members at every keyword (quadratic in the 150-odd keywords, at every start):
  // the lexer's analysis of `allTokens` fills the category maps once for all of them.
  type.CATEGORIES = [Keyword];
  KEYWORDS.push({ word: word.replace('s?', 's'), type });
  return type;
}

/** Weekday names are accepted in either `monday` or `Monday` spelling. */
function weekday(word: string): TokenType {
  const type = createToken({
    name: word,
    pattern: new RegExp(`[${word.charAt(0)}${word.charAt(0).toLowerCase()}]${word.slice(1)}`),
    start_chars_hint: [word.charAt(0), word.charAt(0).toLowerCase()],
    line_breaks: false,
    label: `\`${word}\``,
    longer_alt: Identifier,
  });
  // Set here, not passed to `createToken`, as in `keyword`.
  type.CATEGORIES = [Weekday, Keyword];
  return type;
}

export const Weekday = createToken({ name: 'Weekday', pattern: Lexer.NA });
export const Monday = weekday('Monday');
export const Tuesday = weekday('Tuesday');
export const Wednesday = weekday('Wednesday');
export const Thursday = weekday('Thursday');
export const Friday = weekday('Friday');
export const Saturday = weekday('Saturday');
export const Sunday = weekday('Sunday');

// Declarations
export const Policy = keyword('policy');
export const Extends = keyword('extends');
export const Use = keyword('use');
export const Title = keyword('title');
export const Authority = keyword('authority');
export const Source = keyword('source');
export const Version = keyword('version');
export const Effective = keyword('effective');
export const Calendar = keyword('calendar');
export const Closed = keyword('closed');
export const Open = keyword('open');
export const Role = keyword('role');
export const Reports = keyword('reports');
export const To = keyword('to');
export const Fact = keyword('fact');
export const Event = keyword('event');
export const Override = keyword('override');
// Facts over time: `fact x: T set by EVENT.attribute [or EVENT to VALUE]`; `days since the last EVENT`
export const SetWord = keyword('set'); // not `Set`: that would hide the global Set in this module
export const Since = keyword('since');
export const Last = keyword('last');

/**
 * The kinds of rule (`RULE_KINDS`, `rule-kinds.ts`): each word is a keyword in the `RuleKindWord`
 * category, which is all the parser consumes. A new kind of rule is one word here, one compiler
 * module (`compiler/kinds/`) and one runtime module (`runtime/kinds/`).
 */
export const RuleKindWord = createToken({ name: 'RuleKindWord', pattern: Lexer.NA });
/** The token of each kind's word. */
export const RULE_KIND_TOKENS: readonly TokenType[] = RULE_KINDS.map((word) => {
  const type = keyword(word);
  type.CATEGORIES = [...(type.CATEGORIES ?? []), RuleKindWord];
  return type;
});

// Approvals, limits, constraints
export const Request = keyword('request');
export const Decision = keyword('decision');
export const Approved = keyword('approved');
export const Above = keyword('above');
export const Notice = keyword('notice');
export const Requires = keyword('requires');
export const Most = keyword('most');
export const Per = keyword('per');
export const Each = keyword('each');

// Ladders
export const Raised = keyword('raised');
export const Stages = keyword('stages');
export const Stage = keyword('stage');
export const May = keyword('may');
export const Be = keyword('be');
export const Bypassed = keyword('bypassed');
export const Conflated = keyword('conflated');
export const In = keyword('in');
export const Total = keyword('total');
export const Alert = keyword('alert');
export const Copy = keyword('copy');
export const Respond = keyword('respond');
export const Refer = keyword('refer');
export const Stops = keyword('stops');
export const Clock = keyword('clock');
export const Advance = keyword('advance');
export const Late = keyword('late');
export const Unsatisfactory = keyword('unsatisfactory');
export const Notify = keyword('notify');
export const Body = keyword('body');

// Criteria and their operands
export const Any = keyword('any');
export const All = keyword('all');
export const None = keyword('none');
export const Today = keyword('today');
export const Count = keyword('count');
export const Supersedes = keyword('supersedes');
export const Earlier = keyword('earlier');
// Orders of steps (`step`; `after` and `within` are the due dates' words)
export const Step = keyword('step');

// Clauses
export const Owner = keyword('owner');
export const Due = keyword('due');
export const When = keyword('when');
export const Met = keyword('met');
export const By = keyword('by');
export const Where = keyword('where');
export const Cite = keyword('cite');
export const Runs = keyword('runs');
export const From = keyword('from');
export const Until = keyword('until');
export const Restarts = keyword('restarts');
export const First = keyword('first');
export const Second = keyword('second');
export const Third = keyword('third');
export const Fourth = keyword('fourth');
export const Fifth = keyword('fifth');
export const Then = keyword('then');
// Duties
export const For = keyword('for');
export const Next = keyword('next');
export const Wording = keyword('wording');
// Matching windows (`counting from ...`) and limited anchors (`up to the limit ...`)
export const Counting = keyword('counting');
export const Up = keyword('up');
// Matching instances by key (`matched by ref`)
export const Matched = keyword('matched');

// Due dates
export const Within = keyword('within');
export const Of = keyword('of');
export const After = keyword('after');
export const Before = keyword('before');
export const At = keyword('at');
export const Least = keyword('least');
export const On = keyword('on');
export const The = keyword('the');
export const Previous = keyword('previous');
export const Child = keyword('child');
// Due dates: whichever is sooner/later, and windows
export const Whichever = keyword('whichever');
export const Sooner = keyword('sooner');
export const Later = keyword('later');
export const Between = keyword('between');
export const Earliest = keyword('earliest');

// Units: one keyword per word of the table of units (`runtime/units.ts`), each also a `UnitWord`; a
// word and its plural are one token (`days?`), whose image keeps the spelling for the formatter. A
// word that is already a keyword (`calendar`) is reused. Which words make a unit is the AST
// builder's question (`unitOfWords`), so a new unit needs no change here.
export const UnitWord = createToken({
  name: 'UnitWord',
  label: `a unit (${DURATION_UNIT_NAMES.map((u) => `\`${unitWords(u, 2)}\``).join(', ')})`,
  pattern: Lexer.NA,
});
for (const word of UNIT_WORDS) {
  if (word.endsWith('s') && UNIT_WORDS.includes(word.slice(0, -1))) continue; // the plural of a word below
  const plural = UNIT_WORDS.includes(`${word}s`);
  const spelled = plural ? `${word}s` : word;
  const type = KEYWORDS.find((k) => k.word === spelled)?.type ?? keyword(plural ? `${word}s?` : word, spelled.charAt(0).toUpperCase() + spelled.slice(1));
  type.CATEGORIES = [...(type.CATEGORIES ?? []), UnitWord];
}

// Types
export const DateType = keyword('date', 'DateType');
export const BooleanType = keyword('boolean', 'BooleanType');
export const NumberType = keyword('number', 'NumberType');
export const TextType = keyword('text', 'TextType');
export const EnumType = keyword('enum', 'EnumType');
// `role` as a type reuses the `role` keyword.

// Conditions
export const And = keyword('and');
export const Or = keyword('or');
export const Not = keyword('not');
export const Is = keyword('is');
export const Age = keyword('age');
export const Under = keyword('under');
export const Over = keyword('over');
export const True = keyword('true');
export const False = keyword('false');

// Literals and punctuation
export const DateLiteral = createToken({ name: 'DateLiteral', label: 'a date (YYYY-MM-DD)', pattern: /\d{4}-\d{2}-\d{2}/, ...fixedStart(DIGITS) });
export const TimeLiteral = createToken({ name: 'TimeLiteral', label: 'a time (HH:MM)', pattern: /\d{1,2}:\d{2}/, ...fixedStart(DIGITS) });
export const NumberLiteral = createToken({ name: 'NumberLiteral', label: 'a number', pattern: /\d+(?:\.\d+)?/, ...fixedStart(DIGITS) });
export const StringLiteral = createToken({
  name: 'StringLiteral',
  pattern: /"(?:[^"\\\r\n]|\\["\\nt])*"/,
  ...fixedStart('"'),
});
export const UnterminatedString = createToken({
  name: 'UnterminatedString',
  pattern: /"(?:[^"\\\r\n]|\\.)*/,
  ...fixedStart('"'),
});
export const LessEqual = createToken({ name: 'LessEqual', label: '`<=`', pattern: /<=/, ...fixedStart('<') });
export const GreaterEqual = createToken({ name: 'GreaterEqual', label: '`>=`', pattern: />=/, ...fixedStart('>') });
export const NotEqual = createToken({ name: 'NotEqual', label: '`!=`', pattern: /!=/, ...fixedStart('!') });
export const Less = createToken({ name: 'Less', label: '`<`', pattern: /</, ...fixedStart('<') });
export const Greater = createToken({ name: 'Greater', label: '`>`', pattern: />/, ...fixedStart('>') });
export const Equals = createToken({ name: 'Equals', label: '`=`', pattern: /=/, ...fixedStart('=') });
export const Colon = createToken({ name: 'Colon', label: '`:`', pattern: /:/, ...fixedStart(':') });
export const Comma = createToken({ name: 'Comma', label: '`,`', pattern: /,/, ...fixedStart(',') });
export const Dot = createToken({ name: 'Dot', label: '`.`', pattern: /\./, ...fixedStart('.') });
export const Question = createToken({ name: 'Question', label: '`?`', pattern: /\?/, ...fixedStart('?') });
export const LBrace = createToken({ name: 'LBrace', label: '`{`', pattern: /\{/, ...fixedStart('{') });
export const RBrace = createToken({ name: 'RBrace', label: '`}`', pattern: /\}/, ...fixedStart('}') });
export const LParen = createToken({ name: 'LParen', label: '`(`', pattern: /\(/, ...fixedStart('(') });
export const RParen = createToken({ name: 'RParen', label: '`)`', pattern: /\)/, ...fixedStart(')') });

export const Newline = createToken({ name: 'Newline', label: 'the end of the line', pattern: /\r?\n/, line_breaks: true, start_chars_hint: ['\r', '\n'] });
export const Whitespace = createToken({ name: 'Whitespace', pattern: /[ \t\f\uFEFF]+/, group: Lexer.SKIPPED, ...fixedStart(' \t\f\uFEFF') });
export const Comment = createToken({ name: 'Comment', pattern: /#[^\r\n]*/, group: 'comments', ...fixedStart('#') });
/**
 * A run of characters that start no token: taken whole, in one match, and reported by `lex` as one
 * error (Chevrotain's own recovery tries every pattern at every character, which made a file of
 * garbage slow). Never reaches the parser.
 */
// A carriage return not followed by a line feed (a file with old Mac line endings) is one of them:
// it ends no line, and taken one character at a time by Chevrotain's recovery, 230,000 of them cost
// a second (a fuzzed 400 KB policy, seed 7, input 192177). So is a `!` not followed by `=` (only `!=`
// starts with it): 500,000 of them cost Chevrotain's recovery 1.8 s.
const UNRECOGNISED = /(?:[^A-Za-z0-9_"<>=!:,.?{}()# \t\f\uFEFF\r\n]|\r(?!\n)|!(?!=))+/;
export const Unrecognised = createToken({
  name: 'Unrecognised',
  pattern: UNRECOGNISED,
  // Chevrotain cannot read the first characters of a complement set: it is told them, so that it
  // keeps its first-character optimisation (without it every token tries every pattern).
  ...fixedStart(unrecognisedStartChars()),
});

/**
 * The characters that start an `Unrecognised` run, as Chevrotain's first-character table needs them:
 * each of the first 256 by itself; above those Chevrotain files characters in buckets of 255
 * (`charCodeToOptimizedIndex`), so one character per bucket stands for it (testing all 65,536 cost
 * milliseconds at every start). test/grammar/lookahead.test.ts checks the buckets against the full list.
 */
export function unrecognisedStartChars(): number[] {
  const codes: number[] = [];
  const starts = (code: number): boolean => UNRECOGNISED.test(String.fromCharCode(code));
  for (let code = 0; code < 256; code++) if (starts(code)) codes.push(code);
  // Bucket b >= 256 holds the characters from (b - 255) * 255 to (b - 255) * 255 + 254 (and 256 at least).
  for (let bucket = 256; bucket <= 255 + Math.floor(0xffff / 255); bucket++) {
    const last = Math.min((bucket - 255) * 255 + 254, 0xffff);
    for (let code = Math.max((bucket - 255) * 255, 256); code <= last; code++) {
      if (starts(code)) {
        codes.push(code);
        break;
      }
    }
  }
  return codes;
}

/** All tokens in matching order: longer and more specific patterns first, keywords before `Identifier`. */
export const allTokens: TokenType[] = [
  Newline,
  Whitespace,
  Comment,
  StringLiteral,
  UnterminatedString,
  DateLiteral,
  TimeLiteral,
  NumberLiteral,
  LessEqual,
  GreaterEqual,
  NotEqual,
  Less,
  Greater,
  Equals,
  Colon,
  Comma,
  Dot,
  Question,
  LBrace,
  RBrace,
  LParen,
  RParen,
  // Keywords, longest first, so that a keyword that begins another (`be`, `before`; `to`, `today`)
  // never takes its place; each falls back to `Identifier` when the word goes on (`became`).
  ...[...KEYWORDS].sort((a, b) => b.word.length - a.word.length || (a.word < b.word ? -1 : 1)).map((k) => k.type),
  Monday, Tuesday, Wednesday, Thursday, Friday, Saturday, Sunday, Weekday, RuleKindWord, UnitWord, Keyword,
  Identifier,
  Unrecognised,
];

/**
 * The category of every token but `Newline`: a line the grammar cannot read as a clause is taken
 * whole as a "stray line" (`strayLine` in the parser), so that the AST builder can report it with
 * one precise message and parsing carries on at the next line.
 */
export const AnyToken = createToken({ name: 'AnyToken', pattern: Lexer.NA });
for (const type of allTokens) {
  if (type === Newline || type === Whitespace || type === Comment || type === Unrecognised) continue;
  // Categories must be set before the lexer and parser analyse the token types (just below).
  type.CATEGORIES = [...(type.CATEGORIES ?? []), AnyToken];
}
allTokens.push(AnyToken);

/** Tokens that start a top-level declaration: a stray line inside a rule never swallows one. */
export const DECLARATION_STARTS: readonly TokenType[] = [
  Calendar, Role, Fact, Event, ...RULE_KIND_TOKENS, Override, Policy,
];

/**
 * Chevrotain's lexer tracking offsets only, whose tokens also carry their end offset (`endOffset`,
 * inclusive, as Chevrotain's full tracking has it), which the parser's CST locations and every range
 * need. Lines and columns are not tracked: grammar/positions.ts says why and works them out.
 */
class OffsetLexer extends Lexer {}
// Chevrotain picks the method that makes tokens by name at construction (`createOffsetOnlyToken` for
// `onlyOffset`); it is not part of its typed API, so it is replaced on the prototype. `lex` makes its
// synthesised newline with the same function: one object shape for every token the parser reads.
// A chunk of a text (`TokenStream`) is lexed alone: its tokens' offsets are moved by where it starts.
(OffsetLexer.prototype as unknown as { createOffsetOnlyToken: typeof offsetToken }).createOffsetOnlyToken = (image, startOffset, tokenTypeIdx, tokenType) =>
  offsetToken(image, startOffset + chunkStart, tokenTypeIdx, tokenType);

/** Where the chunk being lexed starts in its text (`TokenStream`); 0 when the whole text is lexed. */
let chunkStart = 0;

/** A token with offsets only: the text, where it starts and ends (inclusive), and its type. */
function offsetToken(image: string, startOffset: number, tokenTypeIdx: number, tokenType: TokenType): IToken {
  return { image, startOffset, endOffset: startOffset + image.length - 1, tokenTypeIdx, tokenType };
}

/**
 * A lexer of the PDL tokens. Chevrotain's validations of the token patterns run in tests
 * (`createLexer(true)`, test/grammar/lookahead.test.ts), not at every start. Its tokens carry
 * offsets, no lines or columns (`OffsetLexer`).
 */
export function createLexer(validate = false): Lexer {
  return new OffsetLexer(allTokens, { ensureOptimizations: false, positionTracking: 'onlyOffset', skipValidations: !validate });
}

const lexer = createLexer();

/**
 * What a lexing error is about: a character or string the language does not recognise (`unexpected`,
 * the default), a name longer than `MAX_NAME_LENGTH` (`name-too-long`), a clause line nested
 * deeper than `MAX_NESTING` (`too-deep`: the line is left out of the tokens, so that the recursive
 * parser and the walks after it never meet it), or a clause line of more than `MAX_LINE_TOKENS`
 * tokens (`line-too-long`: left out the same way, so that the parser never builds a tree of it).
 */
export type LexErrorKind = 'unexpected' | 'name-too-long' | 'too-deep' | 'line-too-long';

export interface LexError {
  readonly offset: number;
  readonly length: number;
  /** The line and column of `offset`; a lexing error never spans lines. */
  readonly line: number;
  readonly column: number;
  readonly message: string;
  readonly kind?: LexErrorKind;
}

export interface LexResult {
  /** Offsets only: ask `lines` for lines and columns. */
  readonly tokens: IToken[];
  readonly comments: IToken[];
  /** In order of offset. */
  readonly errors: LexError[];
  /** The lines of the text. */
  readonly lines: LineIndex;
}

/** Every token and comment as written (offsets only), with newlines kept (for the formatter); and lexing errors. */
export function tokenizeRaw(text: string): { tokens: IToken[]; comments: IToken[]; errorCount: number } {
  const result = lexer.tokenize(text);
  const tokens = result.tokens.filter((t) => t.tokenType !== Unrecognised);
  return { tokens, comments: result.groups['comments'] ?? [], errorCount: result.errors.length + result.tokens.length - tokens.length };
}

/**
 * Text from the policy shown in a message: control characters (a terminal's escape sequences among
 * them) are written as `\u001b`, never printed raw; at most 40 characters are shown.
 */
export function shownText(text: string): string {
  const cut = text.length > 40 ? `${text.slice(0, 40)}...` : text;
  // eslint-disable-next-line no-control-regex
  return cut.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * Chevrotain's errors, one per run of unrecognised characters, coalesced into one per line: the
 * first run is underlined, and the message counts the others. Linear in the number of errors.
 */
function unexpectedCharacters(text: string, errors: readonly { offset: number; length: number; line?: number | undefined; column?: number | undefined }[]): LexError[] {
  const out: LexError[] = [];
  for (let i = 0; i < errors.length; ) {
    const first = errors[i]!;
    let j = i + 1;
    while (j < errors.length && errors[j]!.line === first.line) j++;
    const more = j - i - 1;
    out.push({
      offset: first.offset,
      length: first.length,
      line: first.line ?? 1,
      column: first.column ?? 1,
      message: `unexpected character \`${shownText(text.slice(first.offset, first.offset + first.length))}\`${more > 0 ? ` (and ${more} more on this line)` : ''}`,
    });
    i = j;
  }
  return out;
}

/** Tokens that nest a condition or an operand one level deeper, besides `(`: `not`, and `after`/`before` (`3 months after ...`). */
const NESTING_WORDS: ReadonlySet<TokenType> = new Set([Not, After, Before]);

/**
 * How many characters Chevrotain's lexer is given at a time (`TokenStream`): at least this many, up
 * to the end of a line (about 340 tokens of a typical policy). The tokens of a chunk live until the
 * parser has read past them, so the smaller the chunk the fewer a collection finds alive: parsing a
 * generated 1 MB policy, the young generation's survivors were 2.7 MB a parse with the whole text lexed
 * first, 2.0 MB with chunks of 16 KB, 0.5 MB with 4 KB, 0.3 MB with 2 KB (`--trace-gc-nvp`). A
 * chunk's own cost does not show: lexing 100 KB in chunks of 512 characters took 1.04x the time of
 * one chunk.
 */
export const LEX_CHUNK_CHARS = 2_048;

/**
 * Lexes `text` into significant tokens. Newlines inside brackets are dropped; runs of newlines
 * collapse; a final `Newline` is synthesised so every line is terminated. A clause line nested
 * deeper than `MAX_NESTING` (brackets open at once, plus its `not`s, `after`s and `before`s), or
 * holding more than `MAX_LINE_TOKENS` tokens, is reported and left out, whole. Tokens carry offsets
 * only; `lines` gives lines and columns. Linear in the length of the text. The whole text at once:
 * `TokenStream`, which it drains, lexes it as the parser reads it.
 */
export function lex(text: string): LexResult {
  return new TokenStream(text).finish();
}

/**
 * The tokens of `lex`, made as they are read: the text is lexed a chunk at a time (`LEX_CHUNK_CHARS`,
 * cut at a line's end), and each line's tokens are appended to `tokens` once its end is reached (a line
 * nested too deep or too long is left out whole then, as `lex` says). The parser reads `tokens` as it
 * grows (grammar/parser.ts, `parseTokens`), so that the tokens it has read can die young instead of
 * all of them living, and being promoted by the garbage collector, until the parse ends: lexing the
 * whole of a 1 MB text first made the lexer's time 33x that of 100 KB.
 *
 * Chunks give the same tokens and errors as the whole text: every token but `Newline` lies within one
 * line, Chevrotain's matching starts afresh at a line's start (one mode, no lookbehind), and its
 * recovery from an unexpected character stops at a newline; the state carried across lines (open
 * brackets, the line's nesting, the last token kept) is kept here, and the look two tokens ahead
 * after a newline in brackets lexes the next chunk when it needs to. test/grammar/token-stream.test.ts
 * compares chunks of every size with the whole text.
 */
export class TokenStream {
  /** The significant tokens so far, from the first the parser has not let go (`dropRead`); the first `ready` are final (later ones belong to a line not yet ended). */
  readonly tokens: IToken[] = [];
  /** How many of `tokens` are final. */
  ready = 0;
  /** Whether the whole text is lexed (then every token is final, the synthesised last newline among them). */
  done = false;
  readonly comments: IToken[] = [];
  readonly lines: LineIndex;
  /** Runs of unrecognised characters, one error per line, in order of offset. */
  private readonly unexpected: LexError[] = [];
  /** The errors found at tokens, in order of offset. */
  private readonly errors: LexError[] = [];
  /** Chevrotain's tokens of the chunk being read, and the next of them to read. */
  private raw: IToken[] = [];
  private index = 0;
  /** Where the text not yet lexed starts. */
  private next = 0;
  /** Brackets open, across lines. */
  private depth = 0;
  /** The current line (from `lineStart` in `tokens`): its open brackets and nesting words, and whether it is left out. */
  private lineStart = 0;
  private open = 0;
  private words = 0;
  private tooDeep = false;
  private tooLong = false;

  constructor(
    readonly text: string,
    private readonly chunkChars: number = LEX_CHUNK_CHARS,
  ) {
    this.lines = new LineIndex(text);
  }

  /**
   * Takes the first `count` tokens off `tokens` (the parser has read them, and `count` is under
   * `ready`): the indices into `tokens` move down by `count`.
   */
  dropRead(count: number): void {
    const tokens = this.tokens;
    tokens.copyWithin(0, count);
    tokens.length -= count;
    this.ready -= count;
    this.lineStart -= count;
  }

  /** The tokens and errors of the whole text, lexing what is left of it (from the first not let go, `dropRead`). */
  finish(): LexResult {
    while (!this.done) this.pull();
    return { tokens: this.tokens, comments: this.comments, errors: mergeByOffset(this.unexpected, this.errors), lines: this.lines };
  }

  /** Chevrotain's tokens of the next chunk of the text (at least `chunkChars` characters, to a line's end), its errors and comments taken. */
  private lexChunk(): IToken[] {
    const text = this.text;
    const start = this.next;
    const cut = start + this.chunkChars >= text.length ? -1 : text.indexOf('\n', start + this.chunkChars - 1);
    const end = cut === -1 ? text.length : cut + 1;
    this.next = end;
    chunkStart = start;
    let result: ILexingResult;
    try {
      result = lexer.tokenize(start === 0 && end === text.length ? text : text.slice(start, end));
    } finally {
      chunkStart = 0;
    }
    const lines = this.lines;
    const unrecognised: { offset: number; length: number; line: number; column: number }[] = [];
    for (const e of result.errors) {
      const offset = e.offset + start;
      unrecognised.push({ offset, length: e.length, line: lines.line(offset), column: lines.column(offset) });
    }
    for (const token of result.tokens) {
      if (token.tokenType === Unrecognised) unrecognised.push({ offset: token.startOffset, length: token.image.length, line: lines.line(token.startOffset), column: lines.column(token.startOffset) });
    }
    if (unrecognised.length > 0) {
      unrecognised.sort((a, b) => a.offset - b.offset);
      for (const error of unexpectedCharacters(text, unrecognised)) this.unexpected.push(error);
    }
    const comments = result.groups['comments'];
    if (comments !== undefined) for (const comment of comments) this.comments.push(comment);
    return result.tokens;
  }

  /** Chevrotain's tokens from the one just read (`index - 1`), with the next chunk's after them when `count` more are wanted and the text goes on. */
  private extend(count: number): void {
    while (this.index - 1 + count >= this.raw.length && this.next < this.text.length) {
      this.raw = this.raw.slice(this.index - 1).concat(this.lexChunk());
      this.index = 1;
    }
  }

  /**
   * Reads tokens up to the end of a chunk (lexing the next when the current one is read), until at
   * least one more token is final or the text ends. The body of the loop is `lex`'s, as it was.
   */
  pull(): void {
    if (this.done) return;
    const text = this.text;
    const lines = this.lines;
    const out = this.tokens;
    const errors = this.errors;
    let kept = out.length;
    let { depth, lineStart, open, words, tooDeep, tooLong } = this;
    const before = this.ready;
    let ready = before;
    while (ready === before) {
      if (this.index >= this.raw.length) {
        if (this.next >= text.length) break;
        this.raw = this.lexChunk();
        this.index = 0;
        continue;
      }
      let all = this.raw;
      // An index loop: `entries()` made an [index, token] pair per token, garbage at every token.
      for (let index = this.index; index < all.length; index++) {
        const token = all[index]!;
        const type = token.tokenType;
        if (type === Unrecognised) continue;
        if (type === UnterminatedString) {
          errors.push({
            offset: token.startOffset,
            length: token.image.length,
            line: lines.line(token.startOffset),
            column: lines.column(token.startOffset),
            message: 'this string is not closed: add `"` before the end of the line',
          });
          // Keep it as a string so that the parser sees the intended shape (its `endOffset` stays that of
          // the text as written, without the added `"`).
          token.tokenType = StringLiteral;
          token.tokenTypeIdx = StringLiteral.tokenTypeIdx!;
          token.image = `${token.image}"`;
        }
        if (type === Identifier && token.image.length > MAX_NAME_LENGTH) {
          errors.push({
            offset: token.startOffset,
            length: token.image.length,
            line: lines.line(token.startOffset),
            column: lines.column(token.startOffset),
            message: `this name is ${token.image.length} characters long, longer than ${MAX_NAME_LENGTH}`,
            kind: 'name-too-long',
          });
        }
        if (type === LBrace || type === LParen) depth++;
        if ((type === RBrace || type === RParen) && depth > 0) depth--;
        if (type === LParen) open++;
        else if (type === RParen && open > 0) open--;
        else if (NESTING_WORDS.has(type)) words++;
        if (!tooDeep && open + words > MAX_NESTING) {
          tooDeep = true;
          errors.push({
            offset: token.startOffset,
            length: token.image.length,
            line: lines.line(token.startOffset),
            column: lines.column(token.startOffset),
            message: `this line nests deeper than ${MAX_NESTING} levels (brackets, \`not\`, \`after\`, \`before\`)`,
            kind: 'too-deep',
          });
        }
        if (type === Newline && depth > 0) {
          // A declaration's word in the first column inside brackets (`event b` after `event a { x: date`)
          // means a bracket was left open: the newline counts again, so that one error is reported
          // there, not one a line for the rest of the file. (An attribute named like a keyword is
          // followed by `:`, so it is not taken for a declaration.) The two tokens after it may be
          // the next chunk's.
          if (index + 2 >= all.length && this.next < text.length) {
            this.index = index + 1;
            this.extend(2);
            all = this.raw;
            index = this.index - 1;
          }
          const next = all[index + 1];
          const after = all[index + 2];
          if (next !== undefined && startsLine(text, next.startOffset) && DECLARATION_STARTS.includes(next.tokenType) && after?.tokenType !== Colon) depth = 0;
        }
        if (type === Newline) {
          if (depth > 0 || kept === 0 || out[kept - 1]!.tokenType === Newline) continue;
        } else if (tooDeep || tooLong) {
          // The line will be left out whole at its end: its tokens need not be kept until then.
          continue;
        }
        out[kept++] = token;
        if (type === Newline) {
          // The end of a line: a line nested too deep or too long is left out, its newline with it.
          if (tooDeep || tooLong) kept = lineStart;
          lineStart = kept;
          ready = kept;
          open = 0;
          words = 0;
          tooDeep = false;
          tooLong = false;
        } else if (!tooLong && !tooDeep && kept - lineStart > MAX_LINE_TOKENS) {
          tooLong = true;
          errors.push({
            offset: token.startOffset,
            length: token.image.length,
            line: lines.line(token.startOffset),
            column: lines.column(token.startOffset),
            message: `this line holds more than ${MAX_LINE_TOKENS.toLocaleString('en-GB')} words and symbols`,
            kind: 'line-too-long',
          });
        }
      }
      this.index = all.length;
    }
    if (ready === before && this.index >= this.raw.length && this.next >= text.length) {
      // The end of the text: a last line nested too deep or too long is left out, and an empty
      // newline is added just after the last token (so that an error there is placed after it).
      if (tooDeep || tooLong) kept = lineStart;
      out.length = kept;
      const last = out[kept - 1];
      if (last !== undefined && last.tokenType !== Newline) out.push(offsetToken('', last.endOffset! + 1, Newline.tokenTypeIdx!, Newline));
      ready = out.length;
      this.done = true;
      this.raw = [];
    } else {
      out.length = kept;
    }
    this.ready = ready;
    this.depth = depth;
    this.lineStart = lineStart;
    this.open = open;
    this.words = words;
    this.tooDeep = tooDeep;
    this.tooLong = tooLong;
  }
}

/** Two lists of errors, each in order of offset, as one in order of offset (the first list's first on a tie). */
function mergeByOffset(a: readonly LexError[], b: readonly LexError[]): LexError[] {
  if (b.length === 0) return a as LexError[];
  if (a.length === 0) return b as LexError[];
  const out: LexError[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i]!.offset <= b[j]!.offset)) out.push(a[i++]!);
    else out.push(b[j++]!);
  }
  return out;
}
