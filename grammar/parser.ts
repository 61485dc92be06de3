/**
 * The PDL parser: one Chevrotain `CstParser` (no semantics; its only actions count stray lines and
 * hand the top level's parts to a listener).
 *
 * Input: the token vector of `grammar/tokens.ts`, or its `TokenStream`, lexed as the parser reads it
 * (`LA`, `LA_FAST` and `SKIP_TOKEN` lex more when they would read past it). Output: a concrete syntax
 * tree (CST) whose node types are generated into `grammar/generated/cst.d.ts` (`npm run gen:cst`),
 * plus parse errors. With
 * a `TopLevelListener`, each declaration and stray line of the top level goes to it as soon as it is
 * parsed instead of staying in the CST.
 * Error recovery is on, so one typo yields one error and the rest of the file still parses; the
 * `Newline` that ends every clause is the natural re-synchronisation point.
 *
 * INVARIANT: one parser instance is created at module load and reused (`parser.input = tokens`, or
 * `parser.streamInput = stream`); it lets go of its input when a parse ends.
 * It is built cheaply: without Chevrotain's grammar validations, which test/grammar/lookahead.test.ts
 * runs instead (`new PdlParser({ validate: true })`), and with its lookahead read from the table
 * grammar/generated/lookahead.ts (`npm run gen:cst`; grammar/lookahead.ts) instead of computed, and
 * so are the follow sets that error recovery uses. In the CLI bundle, its grammar is also restored from
 * a snapshot recorded when the bundle was built (grammar/grammar-snapshot.ts) instead of recorded.
 */
import { CstParser, EarlyExitException, EOF, getLookaheadPaths, LLkLookaheadStrategy, NoViableAltException, tokenMatcher, type CstNode, type ILookaheadStrategy, type DSLMethodOpts, type IOrAlt, type OrMethodOpts, type IParserErrorMessageProvider, type IToken, type ITokenGrammarPath, type TokenType } from 'chevrotain';
import type { DeclarationCstNode, HeaderCstNode, StrayLineCstNode } from './generated/cst.d.ts';
import { LOOKAHEAD_TABLE } from './generated/lookahead.ts';
import { replayRecording } from './grammar-snapshot.ts';
import { RECORDED_FINGERPRINT, RECORDED_GRAMMAR } from './recorded-grammar.ts';
import { TableLookaheadStrategy } from './lookahead.ts';
import { MAX_SYNTAX_ERRORS } from '../runtime/input-limits.ts';
import { RULE_KINDS } from './rule-kinds.ts';
import * as t from './tokens.ts';
import type { TokenStream } from './tokens.ts';
import { firstOnLine, startsLine } from './positions.ts';

/** How a token is named in messages; categories that have no label of their own get one here. */
function tokenLabel(type: TokenType): string {
  if (type === t.StringLiteral) return 'a quoted text';
  if (type === t.RuleKindWord) return 'a kind of rule';
  if (type === t.AnyToken) return 'a declaration';
  // Keywords are read as names where a name cannot be confused with them (`softName`): one label.
  if (type === t.Keyword) return tokenLabel(t.Identifier);
  return type.LABEL ?? type.name;
}

function describe(token: IToken): string {
  if (token.tokenType === EOF) return 'the end of the file';
  if (token.tokenType === t.Newline) return 'the end of the line';
  return `\`${token.image}\``;
}

function oneOf(labels: string[]): string {
  const unique = [...new Set(labels)];
  if (unique.length <= 1) return unique[0] ?? 'something else';
  if (unique.length > 8) return `${unique.slice(0, 8).join(', ')}, ...`;
  return `${unique.slice(0, -1).join(', ')} or ${unique[unique.length - 1]}`;
}

/** The words that start a declaration (`RULE_KINDS` among them), for spotting a misspelled one. */
const DECLARATION_WORDS: readonly string[] = ['calendar', 'role', 'fact', 'event', 'override', ...RULE_KINDS];

/** Whether `a` becomes `b` by at most two insertions, deletions or substitutions (Levenshtein). */
function withinTwoEdits(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 2) return false;
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next.push(Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
    row = next;
  }
  return row[b.length]! <= 2;
}

/** Lowercase messages naming the user's text in backticks, as the diagnostics conventions ask. */
const errorMessageProvider: IParserErrorMessageProvider = {
  buildMismatchTokenMessage({ expected, actual }) {
    return `expected ${tokenLabel(expected)}, found ${describe(actual)}`;
  },
  buildNotAllInputParsedMessage({ firstRedundant }) {
    return `unexpected ${describe(firstRedundant)}: a declaration (\`role\`, \`event\`, \`fact\`, \`deadline\`, \`cycle\`...) was expected`;
  },
  buildNoViableAltMessage({ expectedPathsPerAlt, actual }) {
    const firsts = expectedPathsPerAlt.flatMap((paths) => paths.map((path) => path[0])).filter((x): x is TokenType => x !== undefined);
    const found = actual[0];
    return `expected ${oneOf(firsts.map(tokenLabel))}, found ${found ? describe(found) : 'nothing'}`;
  },
  buildEarlyExitMessage({ expectedIterationPaths, actual }) {
    const firsts = expectedIterationPaths.map((path) => path[0]).filter((x): x is TokenType => x !== undefined);
    const found = actual[0];
    // The labels carry their article ("a name"), so no "at least one" before them: one is what is missing.
    return `expected ${oneOf(firsts.map(tokenLabel))}, found ${found ? describe(found) : 'nothing'}`;
  },
};

/** How many tokens the parser looks ahead at most (an `OR` may ask for fewer). */
export const MAX_LOOKAHEAD = 2;

/** How many read tokens `PdlParser.releaseRead` lets accumulate before it takes them off the input. */
const RELEASE_AT = 1024;

/** Every token type a lookahead path may name: the vocabulary and the end of the file. */
export const LOOKAHEAD_TOKENS: readonly TokenType[] = [...t.allTokens, EOF];

/** How to build a parser: the default is the fast one every parse uses. */
export interface ParserSetup {
  /** Run Chevrotain's grammar validations (ambiguities, left recursion...); a test does. */
  readonly validate?: boolean;
  /** The lookahead strategy; by default, the table of grammar/generated/lookahead.ts. */
  readonly lookahead?: ILookaheadStrategy;
  /**
   * The grammar recorded ahead of time (grammar/grammar-snapshot.ts), restored instead of recorded;
   * false records it here. By default, grammar/recorded-grammar.ts: none in the sources, the
   * CLI bundle's own in the bundle.
   */
  readonly recorded?: string | false;
}

/** The parts of Chevrotain's parser that its types do not declare and the overrides below use. */
interface ChevrotainInternals {
  getCurrRuleFullName(): string;
  SAVE_ERROR(error: Error): Error;
  /** How many of the input's tokens the parser reads (lexer_adapter.js): past it, `LA` gives EOF. */
  tokVectorLength: number;
  /** The input's tokens (lexer_adapter.js), then `MAX_LOOKAHEAD + 1` EOF tokens while a parse runs (`onBeforeParse`). */
  tokVector: (IToken | undefined)[];
  currIdx: number;
  /** The CST nodes of the rules being parsed, innermost last (tree_builder.js). */
  CST_STACK: CstNode[];
}

/**
 * Receives a file's parts as the parser finishes each one (`parseTokens`), in source order: the
 * header, then each declaration or stray line of the top level, each then taken out of the CST. A
 * part the parser gave up on in recovery (its error passed up to the file's rule, which then ends the
 * parse: Chevrotain still adds the part's tree to the file's) is handed over when the parse ends.
 */
export interface TopLevelListener {
  /** `recovered`: whether the parser has recorded a syntax error in the header (it is the first part of the file). */
  header(node: HeaderCstNode, recovered: boolean): void;
  /** `recovered`: whether the parser has recorded a syntax error so far (so none in `node` when false). */
  item(node: DeclarationCstNode | StrayLineCstNode, recovered: boolean): void;
}

/**
 * Two of Chevrotain's parser fields that the public typings leave out: whether error recovery is on,
 * and the follow sets it re-synchronises on (Chevrotain 11's `Recoverable` trait).
 */
interface RecoveryState {
  recoveryEnabled: boolean;
  resyncFollows: Record<string, TokenType[]>;
}

/** The follow sets of a constructed parser, as error recovery uses them. */
export function followSets(parser: PdlParser): Readonly<Record<string, readonly TokenType[]>> {
  return (parser as unknown as RecoveryState).resyncFollows;
}

/** Two methods of Chevrotain's parser that `PdlParser` wraps and its typings leave out. */
const CHEVROTAIN = CstParser.prototype as unknown as { onBeforeParse(this: CstParser): void; moveToTerminatedState(this: CstParser): void };
const CHEVROTAIN_ON_BEFORE_PARSE = CHEVROTAIN.onBeforeParse;
const CHEVROTAIN_MOVE_TO_TERMINATED_STATE = CHEVROTAIN.moveToTerminatedState;

export class PdlParser extends CstParser {
  constructor(setup: ParserSetup = {}) {
    const recorded = setup.recorded ?? RECORDED_GRAMMAR;
    // The bundle's snapshot comes with the fingerprint of its grammar (grammar/recorded-grammar.ts).
    const known = recorded !== undefined && recorded !== false && recorded === RECORDED_GRAMMAR ? RECORDED_FINGERPRINT : undefined;
    const lookahead = setup.lookahead ?? new TableLookaheadStrategy(LOOKAHEAD_TABLE, LOOKAHEAD_TOKENS, MAX_LOOKAHEAD, known);
    super(t.allTokens, {
      recoveryEnabled: true,
      maxLookahead: MAX_LOOKAHEAD,
      // Offsets only: lines and columns are worked out from them where a range is made (grammar/positions.ts).
      nodeLocationTracking: 'onlyOffset',
      errorMessageProvider,
      skipValidations: setup.validate !== true,
      lookaheadStrategy: lookahead,
    });
    // Chevrotain computes the follow sets (a walk of the whole grammar) in `performSelfAnalysis`
    // whenever recovery is on, and uses the flag for nothing else there: with the table they are read
    // from it instead, recovery being turned off for the analysis only. Without a usable table (a
    // stale one) they come from a parser that computes them.
    const recovery = this as unknown as RecoveryState;
    const tabled = lookahead instanceof TableLookaheadStrategy;
    if (tabled) recovery.recoveryEnabled = false;
    if (recorded !== undefined && recorded !== false) replayRecording(this, recorded, LOOKAHEAD_TOKENS);
    this.performSelfAnalysis();
    if (tabled) {
      recovery.recoveryEnabled = true;
      recovery.resyncFollows = lookahead.follows() ?? (new PdlParser({ lookahead: new LLkLookaheadStrategy({ maxLookahead: MAX_LOOKAHEAD }) }) as unknown as RecoveryState).resyncFollows;
    }
  }

  /**
   * The token paths each alternative of an alternation (or the inside of an `AT_LEAST_ONE`) can start
   * with, by rule, production and occurrence: they depend on the grammar alone. Chevrotain computes
   * them afresh at every syntax error to word its message (its own source says "consider caching");
   * on a text with many errors (typing in the playground, a fuzzed policy) that was most of the
   * parse. Computed once here; the messages are unchanged (test/grammar/expected-paths.test.ts).
   */
  private readonly expectedPaths = new Map<string, TokenType[][][]>();

  private pathsAt(ruleName: string, occurrence: number, prodType: 'Alternation' | 'RepetitionMandatory' | 'RepetitionMandatoryWithSeparator'): TokenType[][][] {
    const key = `${ruleName}\u0000${prodType}\u0000${occurrence}`;
    let paths = this.expectedPaths.get(key);
    if (paths === undefined) {
      const rule = this.getGAstProductions()[ruleName];
      if (rule === undefined) throw new Error(`no grammar rule ${ruleName}`);
      paths = getLookaheadPaths({ occurrence, rule, prodType, maxLookahead: MAX_LOOKAHEAD });
      this.expectedPaths.set(key, paths);
    }
    return paths;
  }

  /**
   * The tokens that may follow a token at a place in the grammar (a rule stack, the occurrence of
   * each rule, the token and its occurrence): they depend on the grammar alone. Chevrotain walks the
   * grammar for them at every attempt at in-rule recovery (a token inserted or deleted); on a text
   * with many errors that walk was a third of the parse. Walked once per place here.
   */
  private readonly follows = new Map<string, TokenType[]>();

  protected override getNextPossibleTokenTypes(grammarPath: ITokenGrammarPath): TokenType[] {
    const key = `${grammarPath.ruleStack.join('/')}\u0000${grammarPath.occurrenceStack.join('/')}\u0000${grammarPath.lastTok.name}\u0000${grammarPath.lastTokOccurrence}`;
    let follows = this.follows.get(key);
    if (follows === undefined) {
      follows = super.getNextPossibleTokenTypes(grammarPath);
      this.follows.set(key, follows);
    }
    return follows;
  }

  /** The text the tokens come from (the tokens carry offsets only; `startsLine` reads it). */
  text = '';

  /** Syntax errors recorded since the input was set, and the token the parse stopped at, the one of the error after `MAX_SYNTAX_ERRORS`. */
  private recorded = 0;
  stoppedAt: IToken | undefined;

  override set input(tokens: IToken[]) {
    super.input = tokens;
    this.recorded = 0;
    this.saved = 0;
    this.stoppedAt = undefined;
    this.stream = undefined;
    this.ready = Infinity;
    this.padLater = false;
    this.dropped = 0;
  }

  /**
   * The stream the input's tokens come from when they are lexed as the parse reads them
   * (`parseTokens`), and how many of them are final: reading at or past `ready` lexes more (`pullTo`).
   * Infinity when the input is whole (an array, or the stream done and the input padded).
   */
  private stream: TokenStream | undefined;
  private ready = Infinity;
  /** Whether the EOF tokens Chevrotain pads the input with at the parse's start wait for the stream to end. */
  private padLater = false;
  /**
   * How many tokens have been taken off the front of the input (`releaseRead`): Chevrotain's lexer
   * position is `currIdx` plus these, so that positions saved before a release compare and restore
   * as they would without it (its `MANY` compares the positions before and after an iteration, and
   * the top level's parts are handed over inside one).
   */
  private dropped = 0;

  /** Chevrotain's (lexer_adapter.js), as a position in the whole input: see `dropped`. */
  exportLexerState(): number {
    return (this as unknown as ChevrotainInternals).currIdx + this.dropped;
  }

  /** Chevrotain's (lexer_adapter.js), from a position in the whole input: see `dropped`. */
  importLexerState(state: number): void {
    (this as unknown as ChevrotainInternals).currIdx = state - this.dropped;
  }

  /** Chevrotain's (lexer_adapter.js): the same position as `exportLexerState`. */
  getLexerPosition(): number {
    return this.exportLexerState();
  }

  /** Parses the tokens of `stream` as they are lexed (`input` is its `tokens`, growing). */
  set streamInput(stream: TokenStream) {
    this.input = stream.tokens;
    this.stream = stream;
    (this as unknown as ChevrotainInternals).tokVectorLength = stream.ready;
    this.ready = stream.done ? Infinity : stream.ready;
  }

  /** Lexes until the token at `index` is final or the text ends; the input then reads that far. */
  private pullTo(index: number): void {
    const stream = this.stream!;
    while (index >= stream.ready && !stream.done) stream.pull();
    // After `MAX_SYNTAX_ERRORS` the input stays cut where `countError` cut it.
    if (this.stoppedAt === undefined) (this as unknown as ChevrotainInternals).tokVectorLength = stream.ready;
    if (!stream.done) {
      this.ready = stream.ready;
      return;
    }
    this.ready = Infinity;
    if (this.padLater) {
      this.padLater = false;
      CHEVROTAIN_ON_BEFORE_PARSE.call(this);
    }
  }

  // Chevrotain reads the input through these four (lexer_adapter.js); each lexes more first when it
  // would read past the tokens made so far.
  protected override LA_FAST(howMuch: number): IToken {
    const index = (this as unknown as ChevrotainInternals).currIdx + howMuch;
    if (index >= this.ready) this.pullTo(index);
    return (this as unknown as ChevrotainInternals).tokVector[index]!;
  }

  override LA(howMuch: number): IToken {
    const index = (this as unknown as ChevrotainInternals).currIdx + howMuch;
    if (index >= this.ready) this.pullTo(index);
    return super.LA(howMuch);
  }

  protected override SKIP_TOKEN(): IToken {
    const index = (this as unknown as ChevrotainInternals).currIdx + 1;
    if (index >= this.ready) this.pullTo(index);
    return super.SKIP_TOKEN();
  }

  /** Chevrotain's, after an error its recovery could not handle: the input is read to its end first. */
  moveToTerminatedState(): void {
    if (this.ready !== Infinity) this.pullTo(Number.MAX_SAFE_INTEGER);
    CHEVROTAIN_MOVE_TO_TERMINATED_STATE.call(this);
  }

  /** Chevrotain's padding of the input with EOF tokens (recognizer_engine.js), deferred to the stream's end when it has not ended. */
  onBeforeParse(): void {
    if (this.ready === Infinity) CHEVROTAIN_ON_BEFORE_PARSE.call(this);
    else this.padLater = true;
  }

  /**
   * Lets go of the tokens read before the current one (`LA(0)`, kept for messages), once a part of
   * the top level is handed over: with a stream nothing reads them again (Chevrotain moves back only
   * within a recovery attempt or a backtrack, neither of which spans a part of the top level, and the
   * grammar does not backtrack), and the errors and CST nodes that need a token hold it themselves.
   * They are taken off the front of the input (the stream's `tokens`, which is Chevrotain's token
   * vector) once there are `RELEASE_AT` of them, so that the array holds a part of the file, not a
   * slot for every token of it: a large array lives in the old generation, where every token stored
   * into it passes the write barrier (the store's time per token grew about 3.7x from 25 KB to 250 KB).
   */
  private releaseRead(): void {
    const stream = this.stream;
    if (stream === undefined) return;
    const internals = this as unknown as ChevrotainInternals;
    const drop = internals.currIdx;
    if (drop < RELEASE_AT) return;
    stream.dropRead(drop);
    internals.currIdx -= drop;
    internals.tokVectorLength -= drop;
    if (this.ready !== Infinity) this.ready -= drop;
    this.dropped += drop;
  }

  override get input(): IToken[] {
    return super.input;
  }

  /**
   * Chevrotain's `SAVE_ERROR`, counting: at the error after `MAX_SYNTAX_ERRORS` the parser is made to
   * see the end of the file after the current token, so it finishes at once with the tree read so far.
   */
  SAVE_ERROR(error: Error): Error {
    const saved = (CstParser.prototype as unknown as ChevrotainInternals).SAVE_ERROR.call(this, error);
    this.saved++;
    this.countError();
    return saved;
  }

  /** Counts one syntax error (or stray line); past `MAX_SYNTAX_ERRORS`, the parse stops after the current token. */
  private countError(): void {
    const internals = this as unknown as ChevrotainInternals;
    if (++this.recorded > MAX_SYNTAX_ERRORS && this.stoppedAt === undefined) {
      this.stoppedAt = this.LA(1);
      internals.tokVectorLength = Math.min(internals.tokVectorLength, internals.currIdx + 1);
    }
  }

  /** Chevrotain's `raiseNoAltException` (error_handler.js), with the paths from `pathsAt`. */
  raiseNoAltException(occurrence: number, errMsgTypes: string | undefined): never {
    const internals = this as unknown as ChevrotainInternals;
    const ruleName = internals.getCurrRuleFullName();
    const actual: IToken[] = [];
    for (let i = 1; i <= MAX_LOOKAHEAD; i++) actual.push(this.LA(i));
    const previous = this.LA(0);
    const message = errorMessageProvider.buildNoViableAltMessage({
      expectedPathsPerAlt: this.pathsAt(ruleName, occurrence, 'Alternation'),
      actual,
      previous,
      customUserDescription: errMsgTypes as string,
      ruleName,
    });
    throw internals.SAVE_ERROR(new NoViableAltException(message, this.LA(1), previous));
  }

  /** Chevrotain's `raiseEarlyExitException` (error_handler.js), with the paths from `pathsAt`. */
  raiseEarlyExitException(occurrence: number, prodType: number, userDefinedErrMsg: string | undefined): never {
    const internals = this as unknown as ChevrotainInternals;
    const ruleName = internals.getCurrRuleFullName();
    // Chevrotain's PROD_TYPE: 2 is AT_LEAST_ONE, 3 AT_LEAST_ONE_SEP (the only ones that exit early).
    const paths = this.pathsAt(ruleName, occurrence, prodType === 3 ? 'RepetitionMandatoryWithSeparator' : 'RepetitionMandatory');
    const actual: IToken[] = [];
    for (let i = 1; i <= MAX_LOOKAHEAD; i++) actual.push(this.LA(i));
    const message = errorMessageProvider.buildEarlyExitMessage({
      expectedIterationPaths: paths[0] ?? [],
      actual,
      previous: this.LA(0),
      customUserDescription: userDefinedErrMsg as string,
      ruleName,
    });
    throw internals.SAVE_ERROR(new EarlyExitException(message, this.LA(1), this.LA(0)));
  }

  /** The alternatives of `policyFile`, made at its first call and reused (see `ruleClauseAlts`). */
  private policyFileItem: OrMethodOpts<unknown> | undefined;

  /** Who is handed the file's parts as they are parsed (`parseTokens`); none: they stay in the CST. */
  listener: TopLevelListener | undefined;

  /** Syntax errors Chevrotain recorded since the input was set (`recorded` counts stray lines too). */
  private saved = 0;

  /** A whole file: the header, then declarations. */
  public policyFile = this.RULE('policyFile', () => {
    const header = this.SUBRULE(this.header);
    this.ACTION(() => {
      if (this.listener === undefined) return;
      this.listener.header(header as HeaderCstNode, this.saved > 0);
      this.fileNode().children['header']!.pop();
    });
    this.MANY(() =>
      this.OR((this.policyFileItem ??= {
        IGNORE_AMBIGUITIES: true,
        DEF: [
          { ALT: () => this.handOver(this.SUBRULE(this.declaration), 'declaration') },
          // A line that starts with a declaration's word (indented or not) reaches here only when the
          // declaration could not start (`role` with no name): kept as a stray line, reported once, and
          // the file read on. A declaration's word inside a line (where the parser resumed after an
          // error) still ends the file.
          { GATE: () => !this.atDeclarationStart() || firstOnLine(this.text, this.LA(1).startOffset), ALT: () => this.handOver(this.SUBRULE(this.strayLine), 'strayLine') },
        ],
      })),
    );
  });

  /**
   * Gives a declaration or stray line of the top level, just parsed, to the listener and takes it out
   * of the file's CST, as the header above (its location has already widened the file's), so that its
   * tree can be collected while it is young instead of living, ever larger, until the file is parsed.
   */
  private handOver(node: CstNode, key: 'declaration' | 'strayLine'): void {
    this.ACTION(() => {
      const listener = this.listener;
      if (listener === undefined) return;
      listener.item(node as DeclarationCstNode | StrayLineCstNode, this.saved > 0);
      this.fileNode().children[key]!.pop();
      this.releaseRead();
    });
  }

  /** The CST node of the file being parsed, while `policyFile` runs. */
  private fileNode(): CstNode {
    const stack = (this as unknown as ChevrotainInternals).CST_STACK;
    return stack[stack.length - 1]!;
  }

  private atDeclarationStart(): boolean {
    const type = this.LA(1).tokenType;
    return t.DECLARATION_STARTS.includes(type);
  }

  /**
   * A line in the first column that starts no declaration but reads `WORD NAME` (or `WORD KIND`)
   * with WORD a declaration's word misspelled (`dedline review_rearranged "..."`, two edits at
   * most). It ends the rule above instead of joining it as a stray line, so that the clauses below it
   * are not read as that rule's (the AST builder reports the line once, at the top level, and drops
   * the indented lines under it). A first-column line whose word is not near one (`ownr iro` in a
   * rule written without indentation) stays a stray line of the rule.
   */
  private atMisspelledDeclaration(): boolean {
    const first = this.LA(1);
    if (first.tokenType !== t.Identifier || !startsLine(this.text, first.startOffset)) return false;
    const second = this.LA(2);
    if (second.tokenType !== t.Identifier && !tokenMatcher(second, t.RuleKindWord)) return false;
    return DECLARATION_WORDS.some((word) => withinTwoEdits(first.image, word));
  }

  /**
   * A line that is not a clause or declaration: kept whole so it can be reported once. It counts as a
   * syntax error towards `MAX_SYNTAX_ERRORS` (the AST builder reports it as one), so that a file of
   * 260,000 stray lines stops being parsed after the first thousand.
   */
  public strayLine = this.RULE('strayLine', () => {
    this.AT_LEAST_ONE(() => this.CONSUME(t.AnyToken));
    this.CONSUME(t.Newline);
    this.ACTION(() => this.countError());
  });

  /** `policy a.b [extends c.d]` and its header clauses. */
  public header = this.RULE('header', () => {
    this.CONSUME(t.Policy);
    this.SUBRULE(this.qualifiedName, { LABEL: 'id' });
    this.OPTION(() => {
      this.CONSUME(t.Extends);
      this.SUBRULE2(this.qualifiedName, { LABEL: 'parent' });
    });
    this.CONSUME(t.Newline);
    this.MANY(() => this.SUBRULE(this.headerClause));
  });

  public headerClause = this.RULE('headerClause', () => {
    this.OR([
      { ALT: () => { this.CONSUME(t.Title); this.CONSUME(t.StringLiteral); } },
      { ALT: () => { this.CONSUME(t.Authority); this.CONSUME2(t.StringLiteral); } },
      { ALT: () => { this.CONSUME(t.Source); this.CONSUME3(t.StringLiteral); } },
      { ALT: () => { this.CONSUME(t.Version); this.CONSUME4(t.StringLiteral); } },
      { ALT: () => { this.CONSUME(t.Effective); this.CONSUME(t.DateLiteral); } },
      { ALT: () => { this.CONSUME(t.Extends); this.SUBRULE(this.qualifiedName); } },
      // `use england.statutory_reviews`: its vocabulary (roles, facts, events), not its rules
      { ALT: () => { this.CONSUME(t.Use); this.SUBRULE2(this.qualifiedName, { LABEL: 'used' }); } },
    ]);
    this.CONSUME(t.Newline);
  });

  public qualifiedName = this.RULE('qualifiedName', () => {
    this.SUBRULE(this.softName);
    this.MANY(() => {
      this.CONSUME(t.Dot);
      this.SUBRULE2(this.softName);
    });
  });

  /** The alternatives of `declaration`, made at its first call and reused (see `ruleClauseAlts`). */
  private declarationAlts: IOrAlt<unknown>[] | undefined;

  public declaration = this.RULE('declaration', () => {
    this.OR((this.declarationAlts ??= [
      { ALT: () => this.SUBRULE(this.calendarDecl) },
      { ALT: () => this.SUBRULE(this.roleDecl) },
      { ALT: () => this.SUBRULE(this.factDecl) },
      { ALT: () => this.SUBRULE(this.eventDecl) },
      { ALT: () => this.SUBRULE(this.ruleDecl) },
    ]));
  });

  /** `calendar england-and-wales`, then `closed DATE "why"` / `open DATE "why"` lines. */
  public calendarDecl = this.RULE('calendarDecl', () => {
    this.CONSUME(t.Calendar);
    this.CONSUME(t.Identifier);
    this.CONSUME(t.Newline);
    this.MANY(() => this.SUBRULE(this.calendarClause));
  });

  public calendarClause = this.RULE('calendarClause', () => {
    this.OR([{ ALT: () => this.CONSUME(t.Closed) }, { ALT: () => this.CONSUME(t.Open) }]);
    this.CONSUME(t.DateLiteral);
    this.OPTION(() => this.CONSUME(t.StringLiteral));
    this.CONSUME(t.Newline);
  });

  /** `role team_manager "Team manager" reports to service_manager` */
  public roleDecl = this.RULE('roleDecl', () => {
    this.CONSUME(t.Role);
    this.CONSUME(t.Identifier);
    this.OPTION(() => this.CONSUME(t.StringLiteral));
    this.OPTION2(() => {
      this.CONSUME(t.Reports);
      this.CONSUME(t.To);
      this.CONSUME2(t.Identifier, { LABEL: 'reportsTo' });
    });
    this.CONSUME(t.Newline);
  });

  /** `fact legal_status "Legal status": enum(care_order, section_20)`; `fact disabled?: boolean` */
  public factDecl = this.RULE('factDecl', () => {
    this.CONSUME(t.Fact);
    this.CONSUME(t.Identifier);
    this.OPTION(() => this.CONSUME(t.Question));
    this.OPTION2(() => this.CONSUME(t.StringLiteral));
    this.CONSUME(t.Colon);
    this.SUBRULE(this.typeRef);
    this.OPTION3(() => {
      this.CONSUME(t.SetWord);
      this.CONSUME(t.By);
      this.AT_LEAST_ONE_SEP({ SEP: t.Or, DEF: () => this.SUBRULE(this.factSetter) });
    });
    this.CONSUME(t.Newline);
  });

  /** `legal_status_changed.status` (the attribute's value) or `plan_started to true` (a fixed value). */
  public factSetter = this.RULE('factSetter', () => {
    this.CONSUME(t.Identifier, { LABEL: 'event' });
    this.OR([
      {
        ALT: () => {
          this.CONSUME(t.Dot);
          this.SUBRULE(this.softName);
        },
      },
      {
        ALT: () => {
          this.CONSUME(t.To);
          this.OR2([
            { ALT: () => this.CONSUME(t.True) },
            { ALT: () => this.CONSUME(t.False) },
            { ALT: () => this.CONSUME(t.NumberLiteral) },
            { ALT: () => this.CONSUME(t.StringLiteral) },
            { ALT: () => this.CONSUME(t.DateLiteral) },
            { ALT: () => this.CONSUME2(t.Identifier, { LABEL: 'value' }) },
          ]);
        },
      },
    ]);
  });

  /** `event review_scheduled "A review is arranged" { for: date } [supersedes earlier]` */
  public eventDecl = this.RULE('eventDecl', () => {
    this.CONSUME(t.Event);
    this.CONSUME(t.Identifier);
    this.OPTION(() => this.CONSUME(t.StringLiteral));
    this.OPTION2(() => {
      this.CONSUME(t.LBrace);
      this.MANY_SEP({ SEP: t.Comma, DEF: () => this.SUBRULE(this.attributeDecl) });
      this.CONSUME(t.RBrace);
    });
    this.OPTION3(() => {
      this.CONSUME(t.Supersedes);
      this.CONSUME(t.Earlier);
    });
    this.CONSUME(t.Newline);
  });

  public attributeDecl = this.RULE('attributeDecl', () => {
    this.SUBRULE(this.softName);
    this.OPTION(() => this.CONSUME(t.Question));
    this.CONSUME(t.Colon);
    this.SUBRULE(this.typeRef);
  });

  /** The alternatives of `softName`, made at its first call and reused (see `ruleClauseAlts`). */
  private softNameAlts: IOrAlt<unknown>[] | undefined;

  /** A name where keywords cannot be confused with it (attribute names): `by`, `for`, `with`... */
  public softName = this.RULE('softName', () => {
    this.OR((this.softNameAlts ??= [{ ALT: () => this.CONSUME(t.Identifier) }, { ALT: () => this.CONSUME(t.Keyword) }]));
  });

  public typeRef = this.RULE('typeRef', () => {
    this.OR([
      { ALT: () => this.CONSUME(t.DateType) },
      { ALT: () => this.CONSUME(t.BooleanType) },
      { ALT: () => this.CONSUME(t.NumberType) },
      { ALT: () => this.CONSUME(t.TextType) },
      { ALT: () => this.CONSUME(t.Role) },
      {
        ALT: () => {
          this.CONSUME(t.EnumType);
          this.CONSUME(t.LParen);
          this.AT_LEAST_ONE_SEP({ SEP: t.Comma, DEF: () => this.CONSUME(t.Identifier) });
          this.CONSUME(t.RParen);
        },
      },
    ]);
  });

  /** The repetition of `ruleDecl`'s clause lines and its choice per line, made at the first call and reused (see `ruleClauseAlts`). */
  private ruleDeclClauses: DSLMethodOpts<unknown> | undefined;
  private ruleDeclLine: OrMethodOpts<unknown> | undefined;

  /**
   * `[override] KIND NAME ["Title"]` (KIND is one of `RULE_KINDS`, `grammar/tokens.ts`) then clause
   * lines. Every kind shares one clause grammar; each kind's compiler module says which clauses it
   * takes (`compiler/kinds/`).
   */
  public ruleDecl = this.RULE('ruleDecl', () => {
    this.OPTION(() => this.CONSUME(t.Override));
    this.CONSUME(t.RuleKindWord);
    this.CONSUME(t.Identifier);
    this.OPTION2(() => this.CONSUME(t.StringLiteral));
    this.CONSUME(t.Newline);
    this.MANY((this.ruleDeclClauses ??= {
      GATE: () => !this.atDeclarationStart() && !this.atMisspelledDeclaration(),
      DEF: () =>
        this.OR2((this.ruleDeclLine ??= {
          IGNORE_AMBIGUITIES: true,
          // One token decides: a line that starts with a clause's word is that clause, so a mistake
          // further on (`owner` with no role) is reported there by the parser, not as a stray line.
          MAX_LOOKAHEAD: 1,
          DEF: [{ ALT: () => this.SUBRULE(this.ruleClause) }, { ALT: () => this.SUBRULE(this.strayLine) }],
        })),
    }));
  });

  /**
   * The alternatives of `ruleClause`, made at its first call and reused: an `OR` written inline makes
   * its array, an object and a closure per alternative at every call (32 here, for every clause line).
   * Chevrotain's performance guide suggests this caching; the closures read `this` only when called.
   */
  private ruleClauseAlts: IOrAlt<unknown>[] | undefined;

  public ruleClause = this.RULE('ruleClause', () => {
    this.OR((this.ruleClauseAlts ??= [
      { ALT: () => this.SUBRULE(this.ownerClause) },
      { ALT: () => this.SUBRULE(this.dueClause) },
      { ALT: () => this.SUBRULE(this.whenClause) },
      { ALT: () => this.SUBRULE(this.metByClause) },
      { ALT: () => this.SUBRULE(this.citeClause) },
      { ALT: () => this.SUBRULE(this.runsClause) },
      { ALT: () => this.SUBRULE(this.restartsClause) },
      { ALT: () => this.SUBRULE(this.stepClause) },
      { ALT: () => this.SUBRULE(this.requestClause) },
      { ALT: () => this.SUBRULE(this.decisionClause) },
      { ALT: () => this.SUBRULE(this.approvedByClause) },
      { ALT: () => this.SUBRULE(this.noticeClause) },
      { ALT: () => this.SUBRULE(this.requiresClause) },
      { ALT: () => this.SUBRULE(this.atMostClause) },
      { ALT: () => this.SUBRULE(this.eachClause) },
      { ALT: () => this.SUBRULE(this.raisedByClause) },
      { ALT: () => this.SUBRULE(this.stagesMayClause) },
      { ALT: () => this.SUBRULE(this.totalClause) },
      { ALT: () => this.SUBRULE(this.stageClause) },
      { ALT: () => this.SUBRULE(this.advanceClause) },
      { ALT: () => this.SUBRULE(this.notifyClause) },
      { ALT: () => this.SUBRULE(this.combinatorClause) },
      { ALT: () => this.SUBRULE(this.criterionClause) },
      { ALT: () => this.SUBRULE(this.orderStepClause) },
      { ALT: () => this.SUBRULE(this.afterClause) },
      { ALT: () => this.SUBRULE(this.withinClause) },
      { ALT: () => this.SUBRULE(this.triggerClause) },
      { ALT: () => this.SUBRULE(this.boundClause) },
      { ALT: () => this.SUBRULE(this.wordingClause) },
      { ALT: () => this.SUBRULE(this.countingClause) },
      { ALT: () => this.SUBRULE(this.upToLimitClause) },
      { ALT: () => this.SUBRULE(this.matchedByClause) },
    ]));
    this.CONSUME(t.Newline);
  });

  /** `request EVENT [where CONDITION]` */
  public requestClause = this.RULE('requestClause', () => {
    this.CONSUME(t.Request);
    this.CONSUME(t.Identifier);
    this.OPTION(() => {
      this.CONSUME(t.Where);
      this.SUBRULE(this.condition);
    });
  });

  /** `decision EVENT` */
  public decisionClause = this.RULE('decisionClause', () => {
    this.CONSUME(t.Decision);
    this.CONSUME(t.Identifier);
  });

  /** `approved by ROLE [or ROLE...] [or above]` */
  public approvedByClause = this.RULE('approvedByClause', () => {
    this.CONSUME(t.Approved);
    this.CONSUME(t.By);
    this.CONSUME(t.Identifier);
    this.MANY(() => {
      this.OR([{ ALT: () => this.CONSUME(t.Or) }, { ALT: () => this.CONSUME(t.Comma) }]);
      this.OR2([{ ALT: () => this.CONSUME2(t.Identifier) }, { ALT: () => this.CONSUME(t.Above) }]);
    });
  });

  /** `notice at least 5 working days before EVENT.date-attribute` */
  public noticeClause = this.RULE('noticeClause', () => {
    this.CONSUME(t.Notice);
    this.SUBRULE(this.dueSpec);
  });

  /** `requires EVENT [where CONDITION]` */
  public requiresClause = this.RULE('requiresClause', () => {
    this.CONSUME(t.Requires);
    this.CONSUME(t.Identifier);
    this.OPTION(() => {
      this.CONSUME(t.Where);
      this.SUBRULE(this.condition);
    });
  });

  /** `at most N EVENT [where CONDITION] per case|CYCLE` */
  public atMostClause = this.RULE('atMostClause', () => {
    this.CONSUME(t.At);
    this.CONSUME(t.Most);
    this.CONSUME(t.NumberLiteral);
    this.CONSUME(t.Identifier, { LABEL: 'event' });
    this.OPTION(() => {
      this.CONSUME(t.Where);
      this.SUBRULE(this.condition);
    });
    this.CONSUME(t.Per);
    this.CONSUME2(t.Identifier, { LABEL: 'per' });
  });

  /** `each EVENT.ATTRIBUTE on or before the due date of CYCLE` */
  public eachClause = this.RULE('eachClause', () => {
    this.CONSUME(t.Each);
    this.CONSUME(t.Identifier, { LABEL: 'event' });
    this.CONSUME(t.Dot);
    this.SUBRULE(this.softName);
    this.CONSUME(t.On);
    this.CONSUME(t.Or);
    this.CONSUME(t.Before);
    this.CONSUME(t.The);
    this.CONSUME(t.Due);
    this.CONSUME(t.DateType);
    this.CONSUME(t.Of);
    this.CONSUME2(t.Identifier, { LABEL: 'cycle' });
  });

  /** `raised by ROLE[, ROLE...]` */
  public raisedByClause = this.RULE('raisedByClause', () => {
    this.CONSUME(t.Raised);
    this.CONSUME(t.By);
    this.SUBRULE(this.roleList);
  });

  /** `stages may be bypassed [or conflated]` */
  public stagesMayClause = this.RULE('stagesMayClause', () => {
    this.CONSUME(t.Stages);
    this.CONSUME(t.May);
    this.CONSUME(t.Be);
    this.OR([{ ALT: () => this.CONSUME(t.Bypassed) }, { ALT: () => this.CONSUME(t.Conflated) }]);
    this.OPTION(() => {
      this.CONSUME(t.Or);
      this.OR2([{ ALT: () => this.CONSUME2(t.Bypassed) }, { ALT: () => this.CONSUME2(t.Conflated) }]);
    });
  });

  /** `in total at most DURATION [cite "..."]` */
  public totalClause = this.RULE('totalClause', () => {
    this.CONSUME(t.In);
    this.CONSUME(t.Total);
    this.CONSUME(t.At);
    this.CONSUME(t.Most);
    this.SUBRULE(this.duration);
    this.OPTION(() => {
      this.CONSUME(t.Cite);
      this.CONSUME(t.StringLiteral);
    });
  });

  /**
   * `stage N ["Title"] [raised by ROLES] alert ROLES [copy ROLES] [respond within DURATION] [when CONDITION] [cite "..."]`
   * or `stage N ["Title"] [raised by ROLES] refer to ROLE [copy ROLES] [stops the clock] [when CONDITION] [cite "..."]`
   */
  public stageClause = this.RULE('stageClause', () => {
    this.CONSUME(t.Stage);
    this.CONSUME(t.NumberLiteral);
    this.OPTION(() => this.CONSUME(t.StringLiteral, { LABEL: 'title' }));
    this.OPTION5(() => {
      this.CONSUME(t.Raised);
      this.CONSUME(t.By);
      this.SUBRULE3(this.roleList, { LABEL: 'raisedBy' });
    });
    this.OR([
      {
        ALT: () => {
          this.CONSUME(t.Alert);
          this.SUBRULE(this.roleList, { LABEL: 'alert' });
          this.OPTION2(() => {
            this.CONSUME(t.Copy);
            this.SUBRULE2(this.roleList, { LABEL: 'copy' });
          });
          this.OPTION3(() => {
            this.CONSUME(t.Respond);
            this.CONSUME(t.Within);
            this.SUBRULE(this.duration);
          });
        },
      },
      {
        ALT: () => {
          this.CONSUME(t.Refer);
          this.CONSUME(t.To);
          this.CONSUME(t.Identifier, { LABEL: 'referTo' });
          this.OPTION6(() => {
            this.CONSUME2(t.Copy);
            this.SUBRULE4(this.roleList, { LABEL: 'copy' });
          });
          this.OPTION7(() => {
            this.CONSUME(t.Stops);
            this.CONSUME(t.The);
            this.CONSUME(t.Clock);
          });
        },
      },
    ]);
    this.OPTION8(() => {
      this.CONSUME(t.When);
      this.SUBRULE(this.condition);
    });
    this.OPTION4(() => {
      this.CONSUME(t.Cite);
      this.CONSUME2(t.StringLiteral, { LABEL: 'cite' });
    });
  });

  /** `advance when late [or unsatisfactory]` */
  public advanceClause = this.RULE('advanceClause', () => {
    this.CONSUME(t.Advance);
    this.CONSUME(t.When);
    this.OR([{ ALT: () => this.CONSUME(t.Late) }, { ALT: () => this.CONSUME(t.Unsatisfactory) }]);
    this.OPTION(() => {
      this.CONSUME(t.Or);
      this.OR2([{ ALT: () => this.CONSUME2(t.Late) }, { ALT: () => this.CONSUME2(t.Unsatisfactory) }]);
    });
  });

  /** `notify "subject template" [body "body template"]` */
  public notifyClause = this.RULE('notifyClause', () => {
    this.CONSUME(t.Notify);
    this.CONSUME(t.StringLiteral, { LABEL: 'subject' });
    this.OPTION(() => {
      this.CONSUME(t.Body);
      this.CONSUME2(t.StringLiteral, { LABEL: 'body' });
    });
  });

  /** `any of` / `all of` / `none of`, followed by criterion lines */
  public combinatorClause = this.RULE('combinatorClause', () => {
    this.OR([{ ALT: () => this.CONSUME(t.Any) }, { ALT: () => this.CONSUME(t.All) }, { ALT: () => this.CONSUME(t.None) }]);
    this.CONSUME(t.Of);
  });

  /** `"label": CONDITION` */
  public criterionClause = this.RULE('criterionClause', () => {
    this.CONSUME(t.StringLiteral);
    this.CONSUME(t.Colon);
    this.SUBRULE(this.condition);
  });

  /** `step EVENT [where CONDITION]` (an `order`: the event that must come second) */
  public orderStepClause = this.RULE('orderStepClause', () => {
    this.CONSUME(t.Step);
    this.CONSUME(t.Identifier);
    this.OPTION(() => {
      this.CONSUME(t.Where);
      this.SUBRULE(this.condition);
    });
  });

  /** `after EVENT [where CONDITION]` (an `order`: the event that must come first) */
  public afterClause = this.RULE('afterClause', () => {
    this.CONSUME(t.After);
    this.CONSUME(t.Identifier);
    this.OPTION(() => {
      this.CONSUME(t.Where);
      this.SUBRULE(this.condition);
    });
  });

  /** `within DURATION` (an `order`: how recent the earlier event must be) */
  public withinClause = this.RULE('withinClause', () => {
    this.CONSUME(t.Within);
    this.SUBRULE(this.duration);
  });

  /**
   * `for each CYCLE`: a duty that follows each occurrence of a cycle (a duty that follows an event
   * says `after EVENT [where CONDITION]`, the clause an `order` names its earlier step with).
   */
  public triggerClause = this.RULE('triggerClause', () => {
    this.CONSUME(t.For);
    this.CONSUME(t.Each);
    this.CONSUME(t.Identifier, { LABEL: 'cycle' });
  });

  /** `before [DURATION before|after] ANCHOR` / `by the next EVENT`: when a duty is missed */
  public boundClause = this.RULE('boundClause', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(t.Before);
          this.OPTION(() => {
            this.SUBRULE(this.duration);
            this.OR2([{ ALT: () => this.CONSUME2(t.Before, { LABEL: 'direction' }) }, { ALT: () => this.CONSUME(t.After, { LABEL: 'direction' }) }]);
          });
          this.SUBRULE(this.path);
        },
      },
      {
        ALT: () => {
          this.CONSUME(t.By);
          this.CONSUME(t.The);
          this.CONSUME(t.Next);
          this.CONSUME(t.Identifier, { LABEL: 'event' });
        },
      },
    ]);
  });

  /** `wording "as soon as practicable"`: the document's own words for when */
  public wordingClause = this.RULE('wordingClause', () => {
    this.CONSUME(t.Wording);
    this.CONSUME(t.StringLiteral);
  });

  /** `counting from EVENT`, `counting from the previous EVENT[.ATTRIBUTE]`: from when a satisfying event counts */
  public countingClause = this.RULE('countingClause', () => {
    this.CONSUME(t.Counting);
    this.CONSUME(t.From);
    this.OPTION(() => {
      this.CONSUME(t.The);
      this.CONSUME(t.Previous);
    });
    this.SUBRULE(this.path);
  });

  /** `up to the limit LIMIT`: anchor events beyond that limit give no obligation (the word `limit` is the rule kind's) */
  public upToLimitClause = this.RULE('upToLimitClause', () => {
    this.CONSUME(t.Up);
    this.CONSUME(t.To);
    this.CONSUME(t.The);
    this.CONSUME(t.RuleKindWord, { LABEL: 'limitWord' });
    this.CONSUME(t.Identifier, { LABEL: 'limit' });
  });

  /** `matched by ATTRIBUTE`: the events a rule pairs carry the same value of this attribute (a key) */
  public matchedByClause = this.RULE('matchedByClause', () => {
    this.CONSUME(t.Matched);
    this.CONSUME(t.By);
    this.SUBRULE(this.softName, { LABEL: 'key' });
  });

  /** `a, b and c` */
  public roleList = this.RULE('roleList', () => {
    this.CONSUME(t.Identifier);
    this.MANY(() => {
      this.OR([{ ALT: () => this.CONSUME(t.Comma) }, { ALT: () => this.CONSUME(t.And) }]);
      this.CONSUME2(t.Identifier);
    });
  });

  /** `owner ROLE`, or several: `owner a and b` (jointly), `owner a or b` (either), `a, b and c` */
  public ownerClause = this.RULE('ownerClause', () => {
    this.CONSUME(t.Owner);
    this.CONSUME(t.Identifier);
    this.MANY(() => {
      this.OR([{ ALT: () => this.CONSUME(t.And) }, { ALT: () => this.CONSUME(t.Or) }, { ALT: () => this.CONSUME(t.Comma) }]);
      this.CONSUME2(t.Identifier);
    });
  });

  /**
   * `due [between D before|after and D before|after] DUE-SPEC`, then any of: `or EVENT` (another
   * anchor), `or OFFSET` (another due date), `, whichever is sooner|later`, `, earliest D before`.
   * Which combinations make sense is the elaborator's question (`compiler/elaborate/due.ts`).
   */
  public dueClause = this.RULE('dueClause', () => {
    this.CONSUME(t.Due);
    this.OPTION(() => this.SUBRULE(this.dueWindow));
    this.SUBRULE(this.dueSpec);
    this.MANY(() => this.SUBRULE(this.dueMore));
  });

  /** `between 3 months before and 3 months after` (the window around the date that follows) */
  public dueWindow = this.RULE('dueWindow', () => {
    this.CONSUME(t.Between);
    this.SUBRULE(this.duration, { LABEL: 'opens' });
    this.OR([{ ALT: () => this.CONSUME(t.Before, { LABEL: 'opensBefore' }) }, { ALT: () => this.CONSUME(t.After, { LABEL: 'opensAfter' }) }]);
    this.CONSUME(t.And);
    this.SUBRULE2(this.duration, { LABEL: 'closes' });
    this.OR2([{ ALT: () => this.CONSUME2(t.Before, { LABEL: 'closesBefore' }) }, { ALT: () => this.CONSUME2(t.After, { LABEL: 'closesAfter' }) }]);
  });

  /** `or EVENT`, `or OFFSET`, `, whichever is sooner|later`, `, earliest D before` */
  public dueMore = this.RULE('dueMore', () => {
    this.OR([
      { GATE: () => this.LA(2).tokenType === t.Identifier, ALT: () => { this.CONSUME(t.Or); this.CONSUME(t.Identifier, { LABEL: 'anchorEvent' }); } },
      { ALT: () => { this.CONSUME2(t.Or); this.SUBRULE(this.offset); } },
      {
        ALT: () => {
          this.CONSUME(t.Comma);
          this.CONSUME(t.Whichever);
          this.CONSUME(t.Is);
          this.OR2([{ ALT: () => this.CONSUME(t.Sooner) }, { ALT: () => this.CONSUME(t.Later) }]);
        },
      },
      {
        ALT: () => {
          this.CONSUME2(t.Comma);
          this.CONSUME(t.Earliest);
          this.SUBRULE(this.duration);
          this.CONSUME(t.Before);
        },
      },
    ]);
  });

  public whenClause = this.RULE('whenClause', () => {
    this.CONSUME(t.When);
    this.SUBRULE(this.condition);
  });

  /** `met by review_held [or other_event] [where CONDITION]` */
  public metByClause = this.RULE('metByClause', () => {
    this.CONSUME(t.Met);
    this.CONSUME(t.By);
    this.SUBRULE(this.nameList);
    this.OPTION(() => {
      this.CONSUME(t.Where);
      this.SUBRULE(this.condition);
    });
  });

  public citeClause = this.RULE('citeClause', () => {
    this.CONSUME(t.Cite);
    this.CONSUME(t.StringLiteral);
  });

  /** `runs from became_looked_after [until ceased_looked_after]` */
  public runsClause = this.RULE('runsClause', () => {
    this.CONSUME(t.Runs);
    this.CONSUME(t.From);
    this.SUBRULE(this.nameList, { LABEL: 'starts' });
    this.OPTION(() => {
      this.CONSUME(t.Until);
      this.SUBRULE2(this.nameList, { LABEL: 'ends' });
      this.OPTION2(() => {
        this.CONSUME(t.Where);
        this.SUBRULE(this.condition);
      });
    });
  });

  public restartsClause = this.RULE('restartsClause', () => {
    this.CONSUME(t.Restarts);
    this.CONSUME(t.On);
    this.SUBRULE(this.nameList);
    this.OPTION(() => {
      this.CONSUME(t.Where);
      this.SUBRULE(this.condition);
    });
  });

  /** `first|second|...|then DUE-SPEC [when CONDITION] [cite "..."]` on one line. */
  public stepClause = this.RULE('stepClause', () => {
    this.OR([
      { ALT: () => this.CONSUME(t.First) },
      { ALT: () => this.CONSUME(t.Second) },
      { ALT: () => this.CONSUME(t.Third) },
      { ALT: () => this.CONSUME(t.Fourth) },
      { ALT: () => this.CONSUME(t.Fifth) },
      { ALT: () => this.CONSUME(t.Then) },
    ]);
    this.SUBRULE(this.dueSpec);
    this.OPTION(() => {
      this.CONSUME(t.When);
      this.SUBRULE(this.condition);
    });
    this.OPTION2(() => {
      this.CONSUME(t.Cite);
      this.CONSUME(t.StringLiteral);
    });
  });

  /** `a or b or c` / `a, b, c` */
  public nameList = this.RULE('nameList', () => {
    this.CONSUME(t.Identifier);
    this.MANY(() => {
      this.OR([{ ALT: () => this.CONSUME(t.Or) }, { ALT: () => this.CONSUME(t.Comma) }]);
      this.CONSUME2(t.Identifier);
    });
  });

  /** `[by HH:MM] [on the WEEKDAY on or before|after] OFFSET` */
  public dueSpec = this.RULE('dueSpec', () => {
    this.OPTION(() => {
      this.CONSUME(t.By);
      this.CONSUME(t.TimeLiteral);
    });
    this.OPTION2(() => this.SUBRULE(this.alignment));
    this.SUBRULE(this.offset);
  });

  /** `on the monday on or before` */
  public alignment = this.RULE('alignment', () => {
    this.CONSUME(t.On);
    this.CONSUME(t.The);
    this.CONSUME(t.Weekday);
    this.CONSUME2(t.On);
    this.CONSUME(t.Or);
    this.OR([{ ALT: () => this.CONSUME(t.Before) }, { ALT: () => this.CONSUME(t.After) }]);
  });

  /** The alternatives of `offset`, made at its first call and reused (see `ruleClauseAlts`). */
  private offsetAlts: IOrAlt<unknown>[] | undefined;

  /** `within D of|after A` / `at least D before A` / `D before|after A` */
  public offset = this.RULE('offset', () => {
    this.OR((this.offsetAlts ??= [
      {
        ALT: () => {
          this.CONSUME(t.Within);
          this.SUBRULE(this.duration);
          this.OR2([{ ALT: () => this.CONSUME(t.Of) }, { ALT: () => this.CONSUME(t.After) }]);
        },
      },
      {
        ALT: () => {
          this.CONSUME(t.At);
          this.CONSUME(t.Least);
          this.SUBRULE2(this.duration);
          this.CONSUME(t.Before);
        },
      },
      {
        ALT: () => {
          this.SUBRULE3(this.duration);
          this.OR3([{ ALT: () => this.CONSUME2(t.Before) }, { ALT: () => this.CONSUME2(t.After) }]);
        },
      },
    ]));
    this.SUBRULE(this.anchor);
  });

  /** `20 working days`, `3 months`, `5 calendar days`: a number and the words of a unit (the table of
   * units, `runtime/units.ts`). Any run of unit words parses, so that the AST builder can report a
   * missing unit (`pdl/duration-without-unit`) or words that make no unit (`pdl/invalid-duration`) precisely. */
  public duration = this.RULE('duration', () => {
    this.CONSUME(t.NumberLiteral);
    this.MANY(() => this.CONSUME(t.UnitWord));
  });

  /** The alternatives of `anchor`, made at its first call and reused (see `ruleClauseAlts`). */
  private anchorAlts: IOrAlt<unknown>[] | undefined;

  /** `became_looked_after`, `review_scheduled.for`, `the previous review_held`, `child.dob` */
  public anchor = this.RULE('anchor', () => {
    this.OR((this.anchorAlts ??= [
      {
        ALT: () => {
          this.CONSUME(t.The);
          this.CONSUME(t.Previous);
          this.CONSUME(t.Identifier);
        },
      },
      { ALT: () => this.SUBRULE(this.path) },
    ]));
  });

  /** The alternatives of `path`, made at its first call and reused (see `ruleClauseAlts`). */
  private pathAlts: IOrAlt<unknown>[] | undefined;

  /** `name`, `event.attribute`, `child.dob` */
  public path = this.RULE('path', () => {
    this.OR((this.pathAlts ??= [{ ALT: () => this.CONSUME(t.Child) }, { ALT: () => this.CONSUME(t.Identifier) }]));
    this.OPTION(() => {
      this.CONSUME(t.Dot);
      this.SUBRULE(this.softName);
    });
  });

  public condition = this.RULE('condition', () => {
    this.SUBRULE(this.andCondition);
    this.MANY(() => {
      this.CONSUME(t.Or);
      this.SUBRULE2(this.andCondition);
    });
  });

  public andCondition = this.RULE('andCondition', () => {
    this.SUBRULE(this.notCondition);
    this.MANY(() => {
      this.CONSUME(t.And);
      this.SUBRULE2(this.notCondition);
    });
  });

  /** The alternatives of `notCondition`, made at its first call and reused (see `ruleClauseAlts`). */
  private notConditionAlts: IOrAlt<unknown>[] | undefined;

  public notCondition = this.RULE('notCondition', () => {
    this.OR((this.notConditionAlts ??= [
      {
        ALT: () => {
          this.CONSUME(t.Not);
          this.SUBRULE(this.notCondition);
        },
      },
      { ALT: () => this.SUBRULE(this.atomCondition) },
    ]));
  });

  /** The alternatives of `atomCondition`, made at its first call and reused (see `ruleClauseAlts`). */
  private atomConditionAlts: IOrAlt<unknown>[] | undefined;

  public atomCondition = this.RULE('atomCondition', () => {
    this.OR((this.atomConditionAlts ??= [
      {
        ALT: () => {
          this.CONSUME(t.LParen);
          this.SUBRULE(this.condition);
          this.CONSUME(t.RParen);
        },
      },
      { ALT: () => this.SUBRULE(this.ageCondition) },
      { ALT: () => this.SUBRULE(this.comparison) },
    ]));
  });

  /** `age under 5`, `age 16 or over`, `age >= 16` (years, on the anchor date) */
  public ageCondition = this.RULE('ageCondition', () => {
    this.CONSUME(t.Age);
    this.OR([
      {
        ALT: () => {
          this.CONSUME(t.Under);
          this.CONSUME(t.NumberLiteral);
        },
      },
      {
        ALT: () => {
          this.CONSUME2(t.NumberLiteral);
          this.CONSUME(t.Or);
          this.CONSUME(t.Over);
        },
      },
      {
        ALT: () => {
          this.SUBRULE(this.compareOp);
          this.CONSUME3(t.NumberLiteral);
        },
      },
    ]);
  });

  /** `operand [op operand]`; an operand alone must be boolean. */
  public comparison = this.RULE('comparison', () => {
    this.SUBRULE(this.operand, { LABEL: 'left' });
    this.OPTION(() => {
      this.OR([
        {
          ALT: () => {
            this.OR2([
              { ALT: () => this.SUBRULE(this.compareOp) },
              {
                ALT: () => {
                  this.CONSUME(t.Is);
                  this.OPTION2(() => this.CONSUME(t.Not));
                },
              },
            ]);
            this.SUBRULE2(this.operand, { LABEL: 'right' });
          },
        },
        {
          ALT: () => {
            this.OPTION3(() => this.CONSUME2(t.Not, { LABEL: 'notIn' }));
            this.CONSUME(t.In);
            this.CONSUME(t.LParen);
            this.AT_LEAST_ONE_SEP({ SEP: t.Comma, DEF: () => this.SUBRULE3(this.operand, { LABEL: 'values' }) });
            this.CONSUME(t.RParen);
          },
        },
      ]);
    });
  });

  public compareOp = this.RULE('compareOp', () => {
    this.OR([
      { ALT: () => this.CONSUME(t.Equals) },
      { ALT: () => this.CONSUME(t.NotEqual) },
      { ALT: () => this.CONSUME(t.LessEqual) },
      { ALT: () => this.CONSUME(t.GreaterEqual) },
      { ALT: () => this.CONSUME(t.Less) },
      { ALT: () => this.CONSUME(t.Greater) },
    ]);
  });

  /** The alternatives of `operand`, made at its first call and reused (see `ruleClauseAlts`). */
  private operandAlts: IOrAlt<unknown>[] | undefined;

  public operand = this.RULE('operand', () => {
    this.OR((this.operandAlts ??= [
      {
        // `3 months after today`: a date moved by a duration
        ALT: () => {
          this.SUBRULE(this.duration);
          this.OR2([{ ALT: () => this.CONSUME(t.After) }, { ALT: () => this.CONSUME(t.Before) }]);
          this.SUBRULE(this.operand, { LABEL: 'base' });
        },
      },
      { ALT: () => this.CONSUME(t.Today) },
      {
        // `days since the last visit_made`: calendar days from the latest such event to the date read
        ALT: () => {
          this.CONSUME(t.UnitWord, { LABEL: 'sinceUnit' });
          this.CONSUME(t.Since);
          this.OPTION2(() => this.CONSUME(t.The));
          this.CONSUME(t.Last);
          this.CONSUME2(t.Identifier, { LABEL: 'sinceEvent' });
        },
      },
      {
        ALT: () => {
          this.CONSUME(t.Count);
          this.CONSUME(t.LParen);
          this.CONSUME(t.Identifier, { LABEL: 'counted' });
          this.OPTION(() => {
            this.CONSUME(t.Where);
            this.SUBRULE(this.condition);
          });
          this.CONSUME(t.RParen);
        },
      },
      { ALT: () => this.CONSUME(t.NumberLiteral) },
      { ALT: () => this.CONSUME(t.StringLiteral) },
      { ALT: () => this.CONSUME(t.DateLiteral) },
      { ALT: () => this.CONSUME(t.True) },
      { ALT: () => this.CONSUME(t.False) },
      { ALT: () => this.SUBRULE(this.path) },
    ]));
  });
}

/** The single parser instance. */
export const parser = new PdlParser();

export interface ParseError {
  readonly message: string;
  readonly token: IToken;
  readonly previousToken?: IToken;
  /** The grammar rules being parsed when the error was found, outermost first (`ruleClause`, `dueSpec`...). */
  readonly ruleStack: readonly string[];
}

/**
 * Parses a token vector into a CST; never throws on bad input. With a `listener`, the top level's
 * declarations and stray lines go to it as they are parsed and are not in the CST returned. Given a
 * `TokenStream`, the tokens are lexed as the parser reads them, and with a listener the tokens of each
 * part handed over are let go (`PdlParser.releaseRead`): no list of the whole file's tokens is held.
 */
export function parseTokens(tokens: IToken[] | TokenStream, text: string, listener?: TopLevelListener): { cst: CstNode; errors: ParseError[]; stoppedAt?: IToken } {
  parser.text = text;
  if (Array.isArray(tokens)) parser.input = tokens;
  else parser.streamInput = tokens;
  parser.listener = listener;
  // Chevrotain signals every syntax error (and every recovery attempt) with an Error, whose stack
  // trace V8 captures at construction: on a text with thousands of errors (a line of 100 stray
  // strings is 100 of them) that capture was a fifth of the parse. Nothing reads those stacks.
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  let cst: CstNode;
  try {
    cst = parser.policyFile();
  } finally {
    Error.stackTraceLimit = limit;
    parser.listener = undefined;
  }
  if (listener !== undefined) handOverRest(cst, listener);
  const errors: ParseError[] = parser.errors.map((e) => ({
    message: e.message,
    token: e.token,
    previousToken: (e as { previousToken?: IToken }).previousToken,
    ruleStack: [...(e.context?.ruleStack ?? [])],
  }));
  const stoppedAt = parser.stoppedAt;
  // The parser lets go of the input, which would otherwise live until the next parse.
  parser.input = [];
  return stoppedAt === undefined ? { cst, errors } : { cst, errors, stoppedAt };
}

/**
 * Hands over what is left in the file's CST after a parse with a listener: a part whose error ended
 * the parse (at most one header, declaration or stray line, the last), which Chevrotain added to the
 * file's tree without returning it to the rule that called it. In order of offset, as they were read.
 */
function handOverRest(cst: CstNode, listener: TopLevelListener): void {
  const children = cst.children;
  for (const header of children['header'] ?? []) listener.header(header as HeaderCstNode, true);
  const rest = [...(children['declaration'] ?? []), ...(children['strayLine'] ?? [])] as (DeclarationCstNode | StrayLineCstNode)[];
  rest.sort((a, b) => (a.location?.startOffset ?? NaN) - (b.location?.startOffset ?? NaN));
  for (const item of rest) listener.item(item, true);
  for (const key of ['header', 'declaration', 'strayLine']) if (children[key] !== undefined) children[key].length = 0;
}
