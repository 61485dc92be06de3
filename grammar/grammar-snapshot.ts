/**
 * The parser's grammar recorded once, ahead of time, instead of at every start (issue 17).
 *
 * When a Chevrotain parser is built (`performSelfAnalysis`), it runs every rule of the grammar once in a
 * "recording" mode to learn its structure: a tree per rule (its GAST: `Rule`, `Terminal`,
 * `NonTerminal`, `Alternation`...). That tree depends only on the grammar's code, and recording it
 * is the largest part of building the PDL parser (tens of milliseconds of every `pdl check`).
 * So scripts/build-cli.mjs records it when it bundles the CLI, from the very sources it bundles
 * (`snapshotGrammar`), and puts the text into the bundle as grammar/recorded-grammar.ts; the parser
 * then restores the trees from that text (`replayRecording`) instead of recording them.
 *
 * Input: a parser's recorded rules and its token types (`snapshotGrammar`), or a snapshot and the
 * same token types (`restoreRules`, `replayRecording`). Output: a JSON text, or the rules it holds.
 * INVARIANT: restored rules equal the recorded ones: the same classes, the same own properties in the
 * same order, token types by identity (test/cli/grammar-snapshot.test.ts). `referencedRule` is left
 * out: Chevrotain resolves it after recording, from the rules' names, either way. A value of any other
 * kind than a number, a string, a boolean, a token type or a list of productions cannot be snapshot:
 * `snapshotGrammar` throws (the build fails) rather than restore something else.
 */
import { Alternation, Alternative, NonTerminal, Option, Repetition, RepetitionMandatory, RepetitionMandatoryWithSeparator, RepetitionWithSeparator, Rule, Terminal, type CstParser, type TokenType } from 'chevrotain';

/** The GAST classes by the name a snapshot gives them (Chevrotain's own names; not `constructor.name`, which a minifier may change). */
const CLASSES = { Alternation, Alternative, NonTerminal, Option, Repetition, RepetitionMandatory, RepetitionMandatoryWithSeparator, RepetitionWithSeparator, Rule, Terminal } as const;
type ClassName = keyof typeof CLASSES;
const CLASS_NAMES = Object.keys(CLASSES) as ClassName[];

/** A production in a snapshot: its class, then its own properties in their order. */
interface SnapshotNode {
  readonly c: ClassName;
  readonly p: readonly (readonly [string, SnapshotValue])[];
}
type SnapshotValue = number | string | boolean | { readonly token: string } | readonly SnapshotNode[];

/** A production, as far as a snapshot reads it: an object with own properties. */
type Production = Record<string, unknown>;

function tokensByName(tokens: readonly TokenType[]): Map<string, TokenType> {
  const byName = new Map<string, TokenType>();
  for (const token of tokens) {
    if (byName.has(token.name) && byName.get(token.name) !== token) throw new Error(`grammar snapshot: two token types are named ${token.name}`);
    byName.set(token.name, token);
  }
  return byName;
}

function snapshotNode(node: Production, tokens: ReadonlyMap<string, TokenType>): SnapshotNode {
  const c = CLASS_NAMES.find((name) => Object.getPrototypeOf(node) === CLASSES[name].prototype);
  if (c === undefined) throw new Error('grammar snapshot: a production of an unknown class');
  const p: (readonly [string, SnapshotValue])[] = [];
  for (const key of Object.keys(node)) {
    if (key === 'referencedRule') continue;
    const value = node[key];
    if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') {
      p.push([key, value]);
    } else if (Array.isArray(value)) {
      p.push([key, value.map((child: Production) => snapshotNode(child, tokens))]);
    } else if (typeof value === 'object' && value !== null && tokens.get((value as TokenType).name) === value) {
      p.push([key, { token: (value as TokenType).name }]);
    } else {
      throw new Error(`grammar snapshot: cannot record ${c}.${key}`);
    }
  }
  return { c, p };
}

/** The text of the rules a parser recorded (`getGAstProductions`), its token types named. */
export function snapshotGrammar(parser: CstParser, tokens: readonly TokenType[]): string {
  const byName = tokensByName(tokens);
  const rules = Object.values(parser.getGAstProductions()) as unknown as Production[];
  return JSON.stringify(rules.map((rule) => snapshotNode(rule, byName)));
}

function restoreNode(node: SnapshotNode, tokens: ReadonlyMap<string, TokenType>): Production {
  const restored = Object.create(CLASSES[node.c].prototype) as Production;
  for (const [key, value] of node.p) {
    if (Array.isArray(value)) {
      restored[key] = (value as readonly SnapshotNode[]).map((child) => restoreNode(child, tokens));
    } else if (typeof value === 'object') {
      const token = tokens.get((value as { readonly token: string }).token);
      if (token === undefined) throw new Error(`grammar snapshot: no token type named ${(value as { readonly token: string }).token}`);
      restored[key] = token;
    } else {
      restored[key] = value;
    }
  }
  return restored;
}

/** The rules of a snapshot (`snapshotGrammar`), their terminals the given token types. */
export function restoreRules(snapshot: string, tokens: readonly TokenType[]): Rule[] {
  const byName = tokensByName(tokens);
  return (JSON.parse(snapshot) as SnapshotNode[]).map((node) => restoreNode(node, byName) as unknown as Rule);
}

/** The parts of Chevrotain's grammar recorder (its `GastRecorder` trait) that `replayRecording` replaces. */
interface Recorder {
  RECORDING_PHASE: boolean;
  enableRecording(): void;
  disableRecording(): void;
  topLevelRuleRecord(name: string, impl: () => void): Rule;
}

/**
 * Makes `parser`, not yet analysed, take its rules from `snapshot` when `performSelfAnalysis` records
 * them: each rule's tree restored instead of its code run in recording mode, and the recording mode
 * (dozens of methods put on the parser and deleted again) never entered. The rest of the analysis is
 * Chevrotain's own. A rule missing from the snapshot is a build error: it throws.
 */
export function replayRecording(parser: CstParser, snapshot: string, tokens: readonly TokenType[]): void {
  const rules = new Map(restoreRules(snapshot, tokens).map((rule) => [rule.name, rule]));
  const recorder = parser as unknown as Recorder;
  recorder.enableRecording = function enableRecording(this: Recorder) {
    this.RECORDING_PHASE = true;
  };
  recorder.disableRecording = function disableRecording(this: Recorder) {
    this.RECORDING_PHASE = false;
  };
  recorder.topLevelRuleRecord = (name) => {
    const rule = rules.get(name);
    if (rule === undefined) throw new Error(`grammar snapshot: no rule ${name} (the snapshot is not of this grammar)`);
    return rule;
  };
}
