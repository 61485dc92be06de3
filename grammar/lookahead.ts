/**
 * The parser's lookahead, read from a table computed ahead of time instead of at every start.
 *
 * Chevrotain computes, for every `OR`, `OPTION`, `MANY`... of the grammar, the token sequences
 * ("lookahead paths") that choose each way through it, then builds a small function from them. Computing
 * the paths is most of the cost of constructing the parser (about 0.15 s of a `pdl check` on a busy
 * 2-core machine), and they depend only on the grammar. So `npm run gen:cst` records them
 * (`recordLookahead`) into grammar/generated/lookahead.ts, with a fingerprint of the grammar they were
 * computed from, and the parser builds its functions from that table (`TableLookaheadStrategy`).
 *
 * Input: the recorded grammar (Chevrotain's GAST rules) and the table. Output: one lookahead function
 * per production, choosing exactly as Chevrotain's own `LLkLookaheadStrategy` would: the same paths,
 * tried in the same order, the same gates.
 * The table also holds the follow sets that error recovery uses (Chevrotain computes them in
 * `performSelfAnalysis`, walking the whole grammar, whenever recovery is on); grammar/parser.ts reads
 * them from here (`follows`).
 * INVARIANT: a table whose fingerprint differs from the grammar's (the grammar was edited and
 * `npm run gen:cst` not run) is never used: every production then falls back to Chevrotain's own
 * computation, which is only slower, and so do the follow sets. A production missing from the
 * table falls back the same way.
 * test/grammar/lookahead.test.ts checks that the committed table is current and equals Chevrotain's paths.
 */
import { getLookaheadPaths, LLkLookaheadStrategy, serializeGrammar, type ILookaheadStrategy, type ILookaheadValidationError, type IOrAlt, type IToken, type OptionalProductionType, type Rule, type TokenType } from 'chevrotain';

/** Lookahead paths by production (`rule#Alternation2@1`: rule, kind, occurrence, depth), each token named by its type's name. */
export interface LookaheadTable {
  readonly fingerprint: string;
  readonly paths: Readonly<Record<string, readonly (readonly (readonly string[])[])[]>>;
  /**
   * The tokens that may follow each rule where another rule calls it (Chevrotain's `resyncFollows`,
   * by `rule` + `index in the caller` + `_~IN~_` + `caller`), what error recovery re-synchronises on.
   */
  readonly follows?: Readonly<Record<string, readonly string[]>>;
}

/** The parser as a lookahead function sees it (`this`): the token `i` ahead. */
interface Lookahead {
  LA(i: number): IToken;
}

type AlternationOptions = Parameters<ILookaheadStrategy['buildLookaheadForAlternation']>[0];
type OptionalOptions = Parameters<ILookaheadStrategy['buildLookaheadForOptional']>[0];
type AlternationFunction = ReturnType<ILookaheadStrategy['buildLookaheadForAlternation']>;
type Path = readonly TokenType[];

/** The key of a production in the table: its rule, kind, occurrence and lookahead depth. */
function productionKey(rule: string, prodType: string, occurrence: number, maxLookahead: number): string {
  return `${rule}#${prodType}${occurrence}@${maxLookahead}`;
}

/**
 * A fingerprint of everything the paths depend on: the rules (their serialized GAST names every
 * terminal), the token categories, and the lookahead depth. FNV-1a over the JSON text, 32 bits in hex.
 */
export function grammarFingerprint(rules: readonly Rule[], tokens: readonly TokenType[], maxLookahead: number): string {
  const categories = tokens.map((token) => `${token.name}<${(token.CATEGORIES ?? []).map((c) => c.name).join(',')}`);
  const text = JSON.stringify([maxLookahead, categories, serializeGrammar([...rules])]);
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `${hash.toString(16).padStart(8, '0')}-${text.length}`;
}

/** Whether `token` is of `type` or of a type in its category (Chevrotain's `tokenStructuredMatcher`). */
function matches(token: IToken, type: TokenType): boolean {
  return token.tokenTypeIdx === type.tokenTypeIdx || (type.isParent === true && type.categoryMatchesMap?.[token.tokenTypeIdx] === true);
}

/** Whether the tokens ahead start with `path`. */
function pathAhead(parser: Lookahead, path: Path): boolean {
  for (let i = 0; i < path.length; i++) if (!matches(parser.LA(i + 1), path[i]!)) return false;
  return true;
}

/** Every token type a one-token path of `type` accepts: itself and the types in its category. */
function acceptedIndexes(type: TokenType): number[] {
  return [type.tokenTypeIdx!, ...(type.categoryMatches ?? [])];
}

/** The function choosing an alternative of an `OR` (Chevrotain's `buildAlternativesLookAheadFunc`). */
export function alternativesFunction(alts: readonly (readonly Path[])[], hasPredicates: boolean): AlternationFunction {
  if (hasPredicates) {
    return function (this: Lookahead, orAlts?: IOrAlt<unknown>[]) {
      for (let a = 0; a < alts.length; a++) {
        const gate = orAlts?.[a]?.GATE;
        if (gate !== undefined && gate.call(this) === false) continue;
        if (alts[a]!.some((path) => pathAhead(this, path))) return a;
      }
      return undefined;
    };
  }
  if (alts.every((alt) => alt.every((path) => path.length === 1))) {
    // One token decides: a map from token type to the first alternative accepting it.
    const choice = new Map<number, number>();
    alts.forEach((alt, a) => {
      for (const path of alt) for (const index of acceptedIndexes(path[0]!)) if (!choice.has(index)) choice.set(index, a);
    });
    return function (this: Lookahead) {
      return choice.get(this.LA(1).tokenTypeIdx);
    };
  }
  return function (this: Lookahead) {
    for (let a = 0; a < alts.length; a++) if (alts[a]!.some((path) => pathAhead(this, path))) return a;
    return undefined;
  };
}

/** The function deciding whether to enter an optional production (Chevrotain's `buildSingleAlternativeLookaheadFunction`). */
export function optionalFunction(paths: readonly Path[]): () => boolean {
  if (paths.every((path) => path.length === 1)) {
    const accepted = new Set(paths.flatMap((path) => acceptedIndexes(path[0]!)));
    return function (this: Lookahead) {
      return accepted.has(this.LA(1).tokenTypeIdx);
    };
  }
  return function (this: Lookahead) {
    return paths.some((path) => pathAhead(this, path));
  };
}

/**
 * A lookahead strategy that reads the paths from `table` while the grammar's fingerprint matches,
 * and asks Chevrotain's own strategy otherwise (and for the grammar validations, when they run).
 */
export class TableLookaheadStrategy implements ILookaheadStrategy {
  private readonly llk: InstanceType<typeof LLkLookaheadStrategy>;
  private readonly byName: ReadonlyMap<string, TokenType>;
  private usable = false;
  private fingerprint: string | undefined;

  /**
   * `knownFingerprint`: the grammar's fingerprint when it is known ahead (the CLI bundle's, recorded
   * with its grammar snapshot by scripts/build-cli.mjs from the very sources bundled): `initialize`
   * then takes it instead of serialising the grammar (a few milliseconds of every start).
   */
  constructor(
    private readonly table: LookaheadTable | undefined,
    private readonly tokens: readonly TokenType[],
    private readonly maxLookahead: number,
    private readonly knownFingerprint?: string,
  ) {
    this.llk = new LLkLookaheadStrategy({ maxLookahead });
    this.byName = new Map(tokens.map((token) => [token.name, token]));
  }

  validate(options: { rules: Rule[]; tokenTypes: TokenType[]; grammarName: string }): ILookaheadValidationError[] {
    return this.llk.validate(options);
  }

  initialize(options: { rules: Rule[] }): void {
    this.fingerprint = this.knownFingerprint ?? grammarFingerprint(options.rules, this.tokens, this.maxLookahead);
    this.usable = this.table !== undefined && this.table.fingerprint === this.fingerprint;
  }

  /** The fingerprint of the grammar the parser was built from (once it is built): the one computed, or the one known ahead. */
  get grammarFingerprint(): string | undefined {
    return this.fingerprint;
  }

  /** Whether the table is in use (its fingerprint matched the grammar's). */
  get fromTable(): boolean {
    return this.usable;
  }

  /** The follow sets of the table (what `LookaheadTable.follows` says), or undefined when it is not in use or has none. */
  follows(): Record<string, TokenType[]> | undefined {
    if (!this.usable || this.table?.follows === undefined) return undefined;
    const out: Record<string, TokenType[]> = {};
    for (const [key, names] of Object.entries(this.table.follows)) {
      const types: TokenType[] = [];
      for (const name of names) {
        const type = this.byName.get(name);
        if (type === undefined) return undefined;
        types.push(type);
      }
      out[key] = types;
    }
    return out;
  }

  private paths(key: string): Path[][] | undefined {
    if (!this.usable) return undefined;
    const named = this.table?.paths[key];
    if (named === undefined) return undefined;
    const out: Path[][] = [];
    for (const alt of named) {
      const paths: Path[] = [];
      for (const path of alt) {
        const types: TokenType[] = [];
        for (const name of path) {
          const type = this.byName.get(name);
          if (type === undefined) return undefined;
          types.push(type);
        }
        paths.push(types);
      }
      out.push(paths);
    }
    return out;
  }

  buildLookaheadForAlternation(options: AlternationOptions): AlternationFunction {
    const paths = this.paths(productionKey(options.rule.name, 'Alternation', options.prodOccurrence, options.maxLookahead));
    if (paths === undefined || options.dynamicTokensEnabled) return this.llk.buildLookaheadForAlternation(options);
    return alternativesFunction(paths, options.hasPredicates);
  }

  buildLookaheadForOptional(options: OptionalOptions): () => boolean {
    const paths = this.paths(productionKey(options.rule.name, options.prodType, options.prodOccurrence, options.maxLookahead));
    if (paths === undefined || options.dynamicTokensEnabled) return this.llk.buildLookaheadForOptional(options);
    return optionalFunction(paths[0] ?? []);
  }
}

/**
 * A strategy that builds Chevrotain's own functions and records the paths they were built from, for
 * `npm run gen:cst` to write the table. `table(rules)` returns it once the parser is constructed.
 */
export class RecordingLookaheadStrategy implements ILookaheadStrategy {
  private readonly llk: InstanceType<typeof LLkLookaheadStrategy>;
  private readonly recorded = new Map<string, string[][][]>();

  constructor(
    private readonly tokens: readonly TokenType[],
    private readonly maxLookahead: number,
  ) {
    this.llk = new LLkLookaheadStrategy({ maxLookahead });
  }

  validate(options: { rules: Rule[]; tokenTypes: TokenType[]; grammarName: string }): ILookaheadValidationError[] {
    return this.llk.validate(options);
  }

  private record(key: string, paths: TokenType[][][]): void {
    this.recorded.set(key, paths.map((alt) => alt.map((path) => path.map((type) => type.name))));
  }

  buildLookaheadForAlternation(options: AlternationOptions): AlternationFunction {
    this.record(productionKey(options.rule.name, 'Alternation', options.prodOccurrence, options.maxLookahead), getLookaheadPaths({ occurrence: options.prodOccurrence, rule: options.rule, prodType: 'Alternation', maxLookahead: options.maxLookahead }));
    return this.llk.buildLookaheadForAlternation(options);
  }

  buildLookaheadForOptional(options: OptionalOptions): () => boolean {
    const prodType: OptionalProductionType = options.prodType;
    this.record(productionKey(options.rule.name, prodType, options.prodOccurrence, options.maxLookahead), getLookaheadPaths({ occurrence: options.prodOccurrence, rule: options.rule, prodType, maxLookahead: options.maxLookahead }));
    return this.llk.buildLookaheadForOptional(options);
  }

  /** The table of everything recorded, for the grammar `rules`, with the parser's follow sets. */
  table(rules: readonly Rule[], follows: Readonly<Record<string, readonly TokenType[]>>): LookaheadTable {
    const keys = [...this.recorded.keys()].sort();
    return {
      fingerprint: grammarFingerprint(rules, this.tokens, this.maxLookahead),
      paths: Object.fromEntries(keys.map((key) => [key, this.recorded.get(key)!])),
      follows: Object.fromEntries(Object.keys(follows).sort().map((key) => [key, follows[key]!.map((type) => type.name)])),
    };
  }
}
