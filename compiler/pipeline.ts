/**
 * The compiler pipeline, its stages named in order:
 *
 *   parse (grammar/) -> ast (compiler/ast: built as the parser goes, a declaration at a time)
 *   -> resolve (compiler/resolve: `extends` merged)
 *   -> elaborate (compiler/elaborate + compiler/kinds: declarations checked, every rule checked and
 *   fully resolved once) -> lint (compiler/check: warnings read the elaborated rules) -> ir
 *   (compiler/ir: lowering, total)
 *
 * Input: policy text, its uri, and a host that finds the policies it extends. Output: sorted
 * diagnostics and, when there is no error, the IR. Parents are compiled first (each once per
 * `compile` call), and a circle of `extends` is reported rather than followed: by every policy in
 * it, each naming the circle from itself (`pdl/extends-cycle`), never as a parent's errors
 * (`pdl/parent-has-errors`) to a policy in the circle, which would send its author round it.
 */
import { parse } from '../grammar/index.ts';
import type { PolicyIR } from '../runtime/ir.ts';
import { astBuilder } from './ast/from-cst.ts';
import type { PolicyFile } from './ast/types.ts';
import { checkHeader } from './check/check-header.ts';
import { checkDeclarations, lint } from './check/index.ts';
import { syntaxErrorDiagnostics } from './diagnostics/syntax.ts';
import { diagnostic, hasErrors, sortDiagnostics, suggest, type Diagnostic } from './diagnostics/types.ts';
import { elaborate } from './elaborate/from-resolved.ts';
import type { ElaboratedPolicy } from './elaborate/types.ts';
import { irFromElaborated } from './ir/from-elaborated.ts';
import { resolveFromAst } from './resolve/from-ast.ts';
import type { ResolvedPolicy } from './resolve/types.ts';
import { FILE_START, tokenRange } from './source-range.ts';
import type { LexError } from '../grammar/index.ts';
import { MAX_DIAGNOSTICS, MAX_LINE_TOKENS, MAX_NAME_LENGTH, MAX_NESTING, MAX_POLICY_CHARS, MAX_SYNTAX_ERRORS } from '../runtime/input-limits.ts';

export interface PolicySource {
  readonly uri: string;
  readonly text: string;
  /** Why the file cannot be read as a policy (e.g. `not valid UTF-8 (line 3, column 5)`); `text` is then not used. */
  readonly problem?: string;
}

/** Finds policy files by id, for `extends`. The CLI scans folders; the playground holds them in memory. */
export interface CompilerHost {
  findPolicy(id: string, fromUri: string): PolicySource | undefined;
  /** Ids the host knows, for "did you mean" help. */
  knownPolicies?(): Iterable<string>;
}

export const STAGE_NAMES = ['parse', 'ast', 'resolve', 'elaborate', 'lint', 'ir'] as const;
export type StageName = (typeof STAGE_NAMES)[number];

export interface FrontEndResult {
  readonly ast?: PolicyFile;
  readonly diagnostics: Diagnostic[];
  /**
   * Lexing errors found but not made into diagnostics: those after the first `MAX_DIAGNOSTICS` (in
   * order of offset), which can never be among the diagnostics shown (each has that many before it).
   * They are counted in `pdl/too-many-errors` (`capDiagnostics`). A file of 260,000 unclosed strings
   * made as many diagnostics, only to sort them and show 200.
   */
  readonly unshown: number;
}

/** Stages `parse` and `ast`: text -> AST with syntax diagnostics. */
export function parseToAst(text: string, uri: string): FrontEndResult {
  if (text.length > MAX_POLICY_CHARS) {
    // Not read at all: every later stage's work grows with the text.
    return {
      diagnostics: [
        diagnostic('pdl/policy-too-large', uri, FILE_START, `this file has ${text.length} characters, more than ${MAX_POLICY_CHARS}`, {
          help: `a policy file holds at most ${MAX_POLICY_CHARS / 1024} KiB (docs/limits.md); split it, with \`extends\``,
        }),
      ],
      unshown: 0,
    };
  }
  // The AST is built as the parser goes, one top-level declaration at a time (`astBuilder`).
  let builder: ReturnType<typeof astBuilder> | undefined;
  const parsed = parse(text, (lines) => (builder = astBuilder(uri, text, lines)).listener);
  const diagnostics: Diagnostic[] = [];
  const lexErrors = parsed.lexErrors;
  // The first `MAX_DIAGNOSTICS` (and any at the same offset as the last of them, which sorting might put first).
  let made = Math.min(lexErrors.length, MAX_DIAGNOSTICS);
  while (made < lexErrors.length && lexErrors[made]!.offset === lexErrors[made - 1]!.offset) made++;
  for (let i = 0; i < made; i++) diagnostics.push(lexDiagnostic(lexErrors[i]!, uri));
  const lexErrorLines = new Set<number>();
  for (const e of lexErrors) lexErrorLines.add(e.line);
  for (const d of syntaxErrorDiagnostics(parsed.syntaxErrors, text, uri, lexErrorLines, parsed.lines)) diagnostics.push(d);
  if (parsed.stoppedAt !== undefined) {
    const at = Number.isFinite(parsed.stoppedAt.startOffset) ? tokenRange(parsed.stoppedAt, parsed.lines) : FILE_START;
    diagnostics.push(
      diagnostic('pdl/parse-stopped', uri, at, `more than ${MAX_SYNTAX_ERRORS.toLocaleString('en-GB')} syntax errors: the rest of the file, from line ${at.startLine}, was not read`, {
        help: 'fix the errors above first (is this the right file?); docs/limits.md',
      }),
    );
  }
  const { ast, diagnostics: astDiagnostics, unread } = (builder ?? astBuilder(uri, text, parsed.lines)).finish(parsed.cst);
  for (const d of astDiagnostics) diagnostics.push(d);
  if (parsed.lexErrors.length === 0 && parsed.syntaxErrors.length === 0) {
    // A clause the parser accepted but the AST builder could not read: say so (never silence).
    for (const range of unread) diagnostics.push(diagnostic('pdl/unreadable-clause', uri, range, 'this clause could not be read'));
  }
  if (ast === undefined && diagnostics.length === 0) {
    diagnostics.push(diagnostic('pdl/syntax-error', uri, FILE_START, 'a policy file starts with `policy <id>`'));
  }
  return { ...(ast ? { ast } : {}), diagnostics, unshown: lexErrors.length - made };
}

/** The diagnostic of a lexing error; its range from the line and column the lexer found (a lexing error never spans lines). */
function lexDiagnostic(e: LexError, uri: string): Diagnostic {
  const range = { start: e.offset, end: e.offset + e.length, startLine: e.line, startColumn: e.column, endLine: e.line, endColumn: e.column + e.length };
  if (e.kind === 'name-too-long') return diagnostic('pdl/name-too-long', uri, range, e.message, { help: `names are at most ${MAX_NAME_LENGTH} characters (docs/limits.md)` });
  if (e.kind === 'line-too-long') {
    return diagnostic('pdl/line-too-long', uri, range, e.message, { help: `this line was not read; a clause line holds at most ${MAX_LINE_TOKENS.toLocaleString('en-GB')} words and symbols (docs/limits.md)` });
  }
  if (e.kind === 'too-deep') {
    return diagnostic('pdl/nesting-too-deep', uri, range, e.message, { help: `this line was not read; split the condition into facts or rules, at most ${MAX_NESTING} levels deep (docs/limits.md)` });
  }
  return diagnostic('pdl/lex-error', uri, range, e.message);
}

/**
 * At most `MAX_DIAGNOSTICS` of a file's sorted diagnostics, the last one kept saying how many more
 * there were (`pdl/too-many-errors`, placed at the first one left out), `unshown` (found, never made:
 * `FrontEndResult.unshown`) among them.
 */
export function capDiagnostics(sorted: Diagnostic[], unshown = 0): Diagnostic[] {
  if (sorted.length + unshown <= MAX_DIAGNOSTICS) return sorted;
  const kept = sorted.slice(0, MAX_DIAGNOSTICS - 1);
  const first = sorted[MAX_DIAGNOSTICS - 1] as Diagnostic;
  const more = sorted.length - kept.length + unshown;
  kept.push(diagnostic('pdl/too-many-errors', first.uri, first.range, `and ${more} more diagnostics, not shown`, { help: `a file reports at most ${MAX_DIAGNOSTICS} (docs/limits.md); fix these first` }));
  return kept;
}

export interface CompileOptions {
  /** Where the text comes from; used in diagnostics and in the IR's source locations. */
  readonly uri?: string;
  readonly host?: CompilerHost;
  /**
   * Extended (and used) policies compiled by earlier calls, reused instead of compiled again (the
   * playground's worker: an edit to a policy does not recompile its parents). Read and filled.
   * Valid only while `host` serves the same texts: the caller starts a new cache when they change.
   */
  readonly parents?: ParentCache;
}

/**
 * Compiled parents, by the id of the policy compiled (a parent's result depends on the host's texts
 * and on that id only: a parent that extends it is a circle), then by the parent's id.
 */
export type ParentCache = Map<string, Map<string, CompileResult>>;

/** How a policy loads another: `extends` it, or `use`s its vocabulary. */
export type LoadVerb = 'extends' | 'uses';

/** One step round a circle of `extends` (or `use`): a policy, and how it loads the next (the last step loads the first). */
export interface CircleStep {
  readonly id: string;
  readonly via: LoadVerb;
}

export interface CompileResult {
  /** All diagnostics, sorted; errors in extended policies are summarised at the `extends`. */
  readonly diagnostics: Diagnostic[];
  /**
   * The circles of `extends` this policy is in, each from this policy round (present when it
   * reported `pdl/extends-cycle`). A policy that loads this one reads them to know whether it is in
   * the circle too (then it reports the circle, not this policy's errors).
   */
  readonly circles?: readonly (readonly CircleStep[])[];
  readonly ast?: PolicyFile;
  readonly resolved?: ResolvedPolicy;
  /** Every rule checked and resolved (present when the parents compiled). */
  readonly elaborated?: ElaboratedPolicy;
  /** Present when there is no error. */
  readonly ir?: PolicyIR;
}

/** A policy being compiled, and how it loads the one being compiled above it (if any). */
interface Frame {
  readonly id: string;
  via: LoadVerb;
}

interface Session {
  readonly host: CompilerHost | undefined;
  done: Map<string, CompileResult>;
  readonly inProgress: Frame[];
  readonly parents: ParentCache | undefined;
}

export function compileToIr(text: string, options: CompileOptions = {}): CompileResult {
  const session: Session = { host: options.host, done: new Map(), inProgress: [], parents: options.parents };
  return compileOne(text, options.uri ?? 'policy.pdl', session);
}

function compileOne(text: string, uri: string, session: Session): CompileResult {
  const front = parseToAst(text, uri);
  const diagnostics = [...front.diagnostics];
  const ast = front.ast;
  if (ast === undefined) return { diagnostics: capDiagnostics(sortDiagnostics(diagnostics), front.unshown) };
  if (session.inProgress.length === 0 && session.parents !== undefined) {
    const done = session.parents.get(ast.id.text) ?? new Map<string, CompileResult>();
    session.parents.set(ast.id.text, done);
    session.done = done;
  }
  const frame: Frame = { id: ast.id.text, via: 'extends' };
  session.inProgress.push(frame);

  const parents: ResolvedPolicy[] = [];
  const vocabularies: ResolvedPolicy[] = [];
  const circles: CircleStep[][] = [];
  let failedParents = 0;
  // `extends` and `use` load a policy the same way; a used one gives its vocabulary only (resolve/).
  const loads = [
    ...ast.parents.map((name) => ({ name, into: parents, via: 'extends' as const })),
    ...(ast.uses ?? []).map((name) => ({ name, into: vocabularies, via: 'uses' as const })),
  ];
  for (const { name: parentName, into, via } of loads) {
    const id = parentName.text;
    frame.via = via;
    const onStack = session.inProgress.findIndex((f) => f.id === id);
    if (onStack >= 0) {
      // Back to a policy being compiled: the circle runs from here to it, then up the stack to here.
      const circle = [{ id: ast.id.text, via }, ...circleUpTo(session.inProgress, onStack)];
      diagnostics.push(circleDiagnostic(circle, uri, parentName.range));
      circles.push(circle);
      failedParents++;
      continue;
    }
    let result = session.done.get(id);
    if (result === undefined) {
      const found = session.host?.findPolicy(id, uri);
      if (found === undefined) {
        const known = session.host?.knownPolicies ? [...session.host.knownPolicies()] : [];
        const hint = suggest(id, known);
        diagnostics.push(
          diagnostic('pdl/unknown-policy', uri, parentName.range, `cannot find policy \`${id}\``, {
            help: hint ? `did you mean \`${hint}\`?` : known.length > 0 ? `known policies: ${known.map((k) => `\`${k}\``).join(', ')}` : 'no policy files were found next to this one (the CLI looks in the file\'s folder and `policies/`)',
          }),
        );
        failedParents++;
        continue;
      }
      if (found.problem !== undefined) {
        diagnostics.push(
          diagnostic('pdl/parent-has-errors', uri, parentName.range, `\`${id}\` (${found.uri}) is ${found.problem}, so this policy cannot be compiled`, {
            help: `save \`${found.uri}\` as UTF-8`,
          }),
        );
        failedParents++;
        continue;
      }
      result = compileOne(found.text, found.uri, session);
      session.done.set(id, result);
    }
    if (result.ast && result.ast.id.text !== id) {
      // The host found a file whose id differs (should not happen with a well-behaved host).
      diagnostics.push(diagnostic('pdl/unknown-policy', uri, parentName.range, `cannot find policy \`${id}\``));
      failedParents++;
      continue;
    }
    let parentErrors = result.diagnostics.filter((d) => d.severity === 'error');
    const circle = circleThrough(result, session.inProgress, { id: ast.id.text, via });
    if (circle !== undefined) {
      // This policy is in the parent's circle: the circle is this policy's error (said once, here),
      // not the parent's; the parent's other errors, if any, are still its own.
      diagnostics.push(circleDiagnostic(circle, uri, parentName.range));
      circles.push(circle);
      failedParents++;
      parentErrors = parentErrors.filter((d) => d.code !== 'pdl/extends-cycle');
      if (parentErrors.length === 0) continue;
    }
    if (parentErrors.length > 0 || result.resolved === undefined) {
      diagnostics.push(
        diagnostic('pdl/parent-has-errors', uri, parentName.range, `\`${id}\` has ${parentErrors.length} error${parentErrors.length === 1 ? '' : 's'}, so this policy cannot be compiled`, {
          related: parentErrors.slice(0, 5).map((d) => ({ uri: d.uri, range: d.range, message: d.message })),
          help: `run \`pdl check\` on \`${id}\` and fix it first`,
        }),
      );
      if (circle === undefined) failedParents++;
      continue;
    }
    into.push(result.resolved);
  }
  session.inProgress.pop();
  const inCircles = circles.length > 0 ? { circles } : {};

  const { resolved, diagnostics: resolveDiagnostics } = resolveFromAst(ast, uri, parents, vocabularies);
  if (failedParents > 0) {
    // Without its parents every inherited name would be reported unknown: one message is enough.
    for (const d of checkHeader(resolved)) diagnostics.push(d);
    return { diagnostics: capDiagnostics(sortDiagnostics(diagnostics), front.unshown), ast, resolved, ...inCircles };
  }
  for (const d of resolveDiagnostics) diagnostics.push(d);
  for (const d of checkDeclarations(resolved)) diagnostics.push(d);
  const { elaborated, diagnostics: elaborateDiagnostics } = elaborate(resolved);
  for (const d of elaborateDiagnostics) diagnostics.push(d);
  for (const d of lint(elaborated)) diagnostics.push(d);
  const sorted = capDiagnostics(sortDiagnostics(diagnostics), front.unshown);
  if (hasErrors(sorted) || !elaborated.complete) {
    // INVARIANT: an incomplete elaboration always reported an error; should one ever not, say so rather than emit a partial IR.
    if (!hasErrors(sorted)) sorted.push(diagnostic('pdl/internal-error', uri, ast.id.range, 'a rule did not check, but no error says why'));
    return { diagnostics: sorted, ast, resolved, elaborated };
  }
  return { diagnostics: sorted, ast, resolved, elaborated, ir: irFromElaborated(elaborated) };
}

/** The steps of a circle from `stack[from]` up to the top of the stack (not included), each with how it loads the next. */
function circleUpTo(stack: readonly Frame[], from: number): CircleStep[] {
  return stack.slice(from, -1).map((f) => ({ id: f.id, via: f.via }));
}

/**
 * The circle the policy on top of `stack` (`step`: it, and how it loads `parent`) is in through
 * `parent`, or undefined. One of the parent's circles runs from the parent to a policy on the stack
 * (this one, or one that leads up the stack to it): this policy's circle is then this policy, the
 * parent's circle up to that policy, and the stack from it up to this one. Only the part of the
 * parent's circle before the first policy on the stack is read; the policy compiled (the stack's
 * first) is always on it, so a parent's circle kept in the parents' cache never tells how that
 * policy's text, which may have changed since, loads the next.
 */
function circleThrough(parent: CompileResult, stack: readonly Frame[], step: CircleStep): CircleStep[] | undefined {
  for (const circle of parent.circles ?? []) {
    for (let i = 0; i < circle.length; i++) {
      const onStack = stack.findIndex((f) => f.id === circle[i]!.id);
      if (onStack >= 0) return [step, ...circle.slice(0, i), ...circleUpTo(stack, onStack)];
    }
  }
  return undefined;
}

/** `pdl/extends-cycle` at `range` (the `extends` or `use` of the circle's first policy), naming the circle in order. */
function circleDiagnostic(circle: readonly CircleStep[], uri: string, range: Diagnostic['range']): Diagnostic {
  const steps = circle.map((s, i) => `${i === 0 ? '' : ', which '}${s.via} \`${circle[(i + 1) % circle.length]!.id}\``).join('');
  return diagnostic('pdl/extends-cycle', uri, range, `policies extend each other in a circle: \`${circle[0]!.id}\` ${steps}`, {
    help: 'a policy cannot build on itself; remove one of the `extends`',
  });
}
