/**
 * CST -> AST. Input: the concrete syntax tree of `grammar/` (possibly partial after error recovery),
 * a top-level declaration at a time as the parser hands them over (`astBuilder`), and the source text.
 * Output: the AST of `types.ts` and the diagnostics found while building it (missing units,
 * impossible dates, bad times, non-integer durations).
 *
 * INVARIANT: never throws on a partial CST: a node whose required parts were lost in recovery is
 * left out (the parser has already reported why), so one typo yields one message.
 */
import type { CstNode, IToken } from 'chevrotain';
import type * as C from '../../grammar/generated/cst.d.ts';
import { firstOnLine, RULE_KINDS, startsLine, type LineIndex, type TopLevelListener } from '../../grammar/index.ts';
import { parsePlainDate } from '../../runtime/dates.ts';
import { DURATION_UNIT_NAMES, durationTooLong, unitOfWords, unitSpec } from '../../runtime/units.ts';
import { MAX_COUNT, MAX_EVENTS } from '../../runtime/input-limits.ts';
import { namelessDeclaration } from '../diagnostics/syntax.ts';
import { diagnostic, suggest, type Diagnostic, withArticle } from '../diagnostics/types.ts';
import { CLAUSES } from '../kinds/clauses.ts';
import { RULE_KIND_MODULES } from '../kinds/index.ts';
import { FILE_START, offsetRange, spanRanges, tokenRange, type SourceRange } from '../source-range.ts';
import type * as A from './types.ts';

export interface AstResult {
  readonly ast?: A.PolicyFile;
  readonly diagnostics: Diagnostic[];
  /**
   * Clause lines that could not be built (the rule is marked `incomplete`). The parser reports why
   * when it recovered from an error; the pipeline reports any that no syntax error explains
   * (`pdl/unreadable-clause`), so a dropped clause is never silent.
   */
  readonly unread: readonly SourceRange[];
}

/**
 * Builds the AST of one file from its parts as the parser hands them over: `listener` goes to
 * grammar/index.ts `parse`, which gives it the header, then each declaration and stray line as soon as
 * each is parsed (so that their trees die young, instead of a tree of the whole file living until it
 * is all parsed: at 250 KB the collector's work on that tree grew faster than the file); `finish`, with
 * the file's CST (the rest of it), gives the AST. `uri` is used for the diagnostics' locations; `text`
 * is the source the CST was parsed from (it tells a stray line that starts its line from the rest of a
 * line the parser gave up on, which the parser has already reported).
 */
export function astBuilder(uri: string, text: string, lines: LineIndex): { listener: TopLevelListener; finish(cst: CstNode): AstResult } {
  const builder = new Builder(uri, text, lines);
  const file = new FileParts(builder);
  return {
    listener: file,
    finish(cst) {
      return { ast: file.finish(cst as C.PolicyFileCstNode), diagnostics: builder.diagnostics, unread: builder.unread };
    },
  };
}

/** The words that start a declaration, then the header's: "did you mean" prefers a declaration. */
const DECLARATION_WORDS: readonly string[] = ['calendar', 'role', 'fact', 'event', ...RULE_KINDS, 'override'];
const HEADER_WORDS: readonly string[] = ['title', 'authority', 'source', 'version', 'effective', 'extends'];
const TOP_LEVEL_WORDS: readonly string[] = [...HEADER_WORDS, ...DECLARATION_WORDS];

/** The words that start each kind of rule's clauses (from its module's shape), for "did you mean" help. */
function clauseStarters(kind: A.RuleKind): string[] {
  const words = RULE_KIND_MODULES[kind].clauses.flatMap((c) => CLAUSES[c.part].completions.map((w) => w.split(' ')[0] ?? w));
  return [...new Set(words)];
}

const WEEKDAYS: Record<string, A.Weekday> = {
  monday: 'monday',
  tuesday: 'tuesday',
  wednesday: 'wednesday',
  thursday: 'thursday',
  friday: 'friday',
  saturday: 'saturday',
  sunday: 'sunday',
};

/** Whether a clause holds a condition (`when`, `where`, a criterion's). */
function readsCondition(clause: C.RuleClauseCstNode): boolean {
  return Object.values(clause.children).some((nodes) => (nodes as (CstNode | IToken)[]).some((n) => 'children' in n && n.children['condition'] !== undefined));
}

/**
 * Whether the parser's recovery made up part of `node`: a node it re-synchronised, or a token it
 * inserted (but `end`). Plain loops: this walks every clause's subtree when the parser recovered.
 */
function guessed(node: CstNode, end: IToken | undefined): boolean {
  if (node.recoveredNode === true) return true;
  const children = node.children;
  for (const key in children) {
    const items = children[key] as (CstNode | IToken)[];
    for (let i = 0; i < items.length; i++) {
      const item = items[i]!;
      if ('children' in item ? guessed(item, end) : item !== end && item.isInsertedInRecovery === true) return true;
    }
  }
  return false;
}

function ok(token: IToken | undefined): token is IToken {
  return token !== undefined && token.isInsertedInRecovery !== true && Number.isFinite(token.startOffset);
}

function unquote(image: string): string {
  return image.slice(1, -1).replace(/\\(["\\nt])/g, (_, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c));
}

/**
 * A file's header and top-level items, read as the parser hands them over (`astBuilder`), in source
 * order. Declarations and stray lines arrive interleaved: an indented line under an unreadable line
 * or declaration belongs to it (`dedline x` then its clauses), so only the first is reported. Nothing
 * of a file whose `policy` line could not be read is built (the parser has said why).
 */
class FileParts implements TopLevelListener {
  private headerNode: C.HeaderCstNode | undefined;
  private id: A.Name | undefined;
  private readonly parents: A.Name[] = [];
  private readonly uses: A.Name[] = [];
  private readonly fields: A.HeaderField[] = [];
  private readonly declarations: A.Declaration[] = [];
  private aboveUnreadable = false;
  private strayLines = 0;

  constructor(private readonly builder: Builder) {}

  header(node: C.HeaderCstNode, recovered: boolean): void {
    this.headerNode = node;
    // After an error in the header, its indented lines the parser could not read (`  title "X"` under
    // `policy a.b extends c.d e.f`) are not reported again, as under an unreadable declaration.
    this.aboveUnreadable = recovered;
    const h = node.children;
    this.id = this.builder.qualifiedName(h.id?.[0]);
    if (this.id === undefined) return;
    const parent = this.builder.qualifiedName(h.parent?.[0]);
    if (parent !== undefined) this.parents.push(parent);
    this.builder.headerClauses(h.headerClause ?? [], this.parents, this.uses, this.fields);
  }

  item(node: C.DeclarationCstNode | C.StrayLineCstNode, recovered: boolean): void {
    if (node.name === 'strayLine') this.strayLines++;
    if (this.id === undefined) return;
    this.builder.recovered = recovered;
    if (node.name === 'declaration') {
      const built = this.builder.declaration(node);
      if (built !== undefined) this.declarations.push(built);
      this.aboveUnreadable = built === undefined || node.recoveredNode === true;
      return;
    }
    const first = (node.children.AnyToken ?? []).find(ok);
    if (first === undefined || !this.builder.startsLine(first)) return;
    const inFirstColumn = startsLine(this.builder.text, first.startOffset);
    if (!(this.aboveUnreadable && !inFirstColumn)) this.builder.strayLine(node, this.declarations.length === 0 && !inFirstColumn ? 'header' : 'top');
    this.aboveUnreadable = true;
  }

  /** The file's AST, once the parser has finished; `node` is the file's CST (its top-level items already handed over). */
  finish(node: C.PolicyFileCstNode): A.PolicyFile | undefined {
    const id = this.id;
    const h = this.headerNode?.children;
    if (id === undefined || h === undefined) return undefined;
    const incomplete = this.strayLines > 0 || (h.headerClause ?? []).some((n) => n.recoveredNode === true);
    const { parents, uses, fields: header, declarations } = this;
    return { kind: 'PolicyFile', id, parents, ...(uses.length > 0 ? { uses } : {}), header, declarations, incomplete, range: this.builder.nodeRange(node) ?? FILE_START };
  }
}

class Builder {
  readonly diagnostics: Diagnostic[] = [];
  readonly unread: SourceRange[] = [];
  /**
   * Whether the parser had reported an error when it handed over the part being built: when not, it
   * recovered nowhere in it (Chevrotain records an error at every recovery), and its clauses are not
   * searched for parts it made up.
   */
  recovered = true;
  constructor(
    private readonly uri: string,
    readonly text: string,
    private readonly lines: LineIndex,
  ) {}

  /** The range of a token (grammar/positions.ts: tokens carry offsets; lines and columns come from `lines`). */
  tokenRange(token: IToken): SourceRange {
    return tokenRange(token, this.lines);
  }

  /** The range of a CST node from its location (offsets), or undefined if lost. `| 0`: Chevrotain starts a location at NaN, so its offsets are boxed numbers, which made every range's fields boxed too (four objects and 64 bytes more a range). */
  nodeRange(node: CstNode): SourceRange | undefined {
    const loc = node.location;
    if (loc === undefined || !Number.isFinite(loc.startOffset) || loc.endOffset === undefined || !Number.isFinite(loc.endOffset)) return undefined;
    return offsetRange(loc.startOffset | 0, loc.endOffset | 0, this.lines);
  }

  /** From the start of a node to the end of a token (`3 months before`); undefined when either is missing. */
  spanOf(node: CstNode | undefined, token: IToken | undefined): SourceRange | undefined {
    const start = node === undefined ? undefined : this.nodeRange(node);
    return start === undefined || !ok(token) ? undefined : spanRanges(start, this.tokenRange(token));
  }

  /**
   * Whether `token` is the first on its line. A stray line that starts mid-line is what is left of a
   * line after the parser reported an error on it and recovered: it is not reported again.
   */
  startsLine(token: IToken): boolean {
    return firstOnLine(this.text, token.startOffset);
  }

  report(code: Parameters<typeof diagnostic>[0], range: SourceRange, message: string, help?: string): void {
    this.diagnostics.push(diagnostic(code, this.uri, range, message, help === undefined ? {} : { help }));
  }

  name(token: IToken | undefined): A.Name | undefined {
    return ok(token) ? { text: token.image, range: this.tokenRange(token) } : undefined;
  }

  string(token: IToken | undefined): A.StringLit | undefined {
    return ok(token) ? { value: unquote(token.image), range: this.tokenRange(token) } : undefined;
  }

  date(token: IToken | undefined): A.DateLit | undefined {
    if (!ok(token)) return undefined;
    const range = this.tokenRange(token);
    if (parsePlainDate(token.image) === undefined) {
      this.report('pdl/invalid-date', range, `\`${token.image}\` is not a real calendar date`, 'write dates as YYYY-MM-DD, e.g. 2025-04-14');
      return undefined;
    }
    return { value: token.image, range };
  }

  /** Reads the header's clauses into `parents` (`extends`), `uses` and `header` (the other fields). */
  headerClauses(clauses: readonly C.HeaderClauseCstNode[], parents: A.Name[], uses: A.Name[], header: A.HeaderField[]): void {
    for (const clause of clauses) {
      const c = clause.children;
      const range = this.nodeRange(clause);
      if (range === undefined) continue;
      if (c.Extends !== undefined) {
        const p = this.qualifiedName(c.qualifiedName?.[0]);
        if (p !== undefined) parents.push(p);
        continue;
      }
      if (c.Use !== undefined) {
        const u = this.qualifiedName(c.used?.[0]);
        if (u !== undefined) uses.push(u);
        continue;
      }
      const field: A.HeaderFieldName | undefined = c.Title
        ? 'title'
        : c.Authority
          ? 'authority'
          : c.Source
            ? 'source'
            : c.Version
              ? 'version'
              : c.Effective
                ? 'effective'
                : undefined;
      if (field === undefined) continue;
      if (field === 'effective') {
        const d = this.date(c.DateLiteral?.[0]);
        if (d !== undefined) header.push({ kind: 'HeaderField', field, value: d.value, range });
      } else {
        const s = this.string(c.StringLiteral?.[0]);
        if (s !== undefined) header.push({ kind: 'HeaderField', field, value: s.value, range });
      }
    }
  }

  /** Reports a line that starts no clause or declaration, suggesting the keyword it may have meant. */
  strayLine(node: C.StrayLineCstNode, where: 'header' | 'top' | A.RuleKind): void {
    const tokens = (node.children.AnyToken ?? []).filter(ok);
    const first = tokens[0];
    if (first === undefined || !this.startsLine(first)) return;
    const starters = where === 'top' || where === 'header' ? TOP_LEVEL_WORDS : clauseStarters(where);
    // Under the header an indented line is most likely a header field; elsewhere, a declaration.
    const best =
      where === 'top'
        ? (suggest(first.image, DECLARATION_WORDS) ?? suggest(first.image, starters))
        : where === 'header'
          ? (suggest(first.image, HEADER_WORDS) ?? suggest(first.image, starters))
          : suggest(first.image, starters);
    // A second `policy` line: the parser read the rest of the file on.
    if ((where === 'top' || where === 'header') && first.image === 'policy') {
      this.report('pdl/syntax-error', this.tokenRange(first), 'a file holds one policy: `policy` is its first line only', 'put the second policy in a file of its own');
      return;
    }
    // A declaration's word whose declaration could not start (`role` alone, `deadline "Title"`).
    const nameless = where === 'top' || where === 'header' ? namelessDeclaration(first.image, tokens[1]?.image) : undefined;
    if (nameless !== undefined) {
      this.report('pdl/syntax-error', this.tokenRange(nameless.onNext ? (tokens[1] ?? first) : first), nameless.message, nameless.help);
      return;
    }
    const what = where === 'top' ? 'a declaration' : where === 'header' ? 'a header line or a declaration' : `a clause of ${withArticle(where)}`;
    // The word itself is right (`title` below a declaration): say where such a line goes, not "did you mean `title`?".
    const misplacedHeader = best === first.image && HEADER_WORDS.includes(best);
    this.report(
      'pdl/syntax-error',
      this.tokenRange(first),
      `\`${first.image}\` does not start ${what}`,
      misplacedHeader
        ? `\`${best}\` is a header line: header lines go right under the \`policy\` line, indented, before the first declaration`
        : best !== undefined && best !== first.image
          ? `did you mean \`${best}\`?`
          : `${where === 'top' || where === 'header' ? 'a line here starts with' : 'a clause starts with'} one of ${starters.map((w) => `\`${w}\``).join(', ')}`,
    );
  }

  qualifiedName(node: C.QualifiedNameCstNode | undefined): A.Name | undefined {
    if (node === undefined) return undefined;
    const parts = (node.children.softName ?? []).map((n) => this.softName(n));
    if (parts.length === 0 || parts.some((p) => p === undefined)) return undefined;
    const range = this.nodeRange(node);
    if (range === undefined) return undefined;
    return { text: parts.map((p) => p!.text).join('.'), range };
  }

  declaration(node: C.DeclarationCstNode): A.Declaration | undefined {
    const c = node.children;
    if (c.calendarDecl?.[0]) return this.calendarDecl(c.calendarDecl[0]);
    if (c.roleDecl?.[0]) return this.roleDecl(c.roleDecl[0]);
    if (c.factDecl?.[0]) return this.factDecl(c.factDecl[0]);
    if (c.eventDecl?.[0]) return this.eventDecl(c.eventDecl[0]);
    if (c.ruleDecl?.[0]) return this.ruleDecl(c.ruleDecl[0]);
    return undefined;
  }

  calendarDecl(node: C.CalendarDeclCstNode): A.CalendarDecl | undefined {
    const name = this.name(node.children.Identifier?.[0]);
    const range = this.nodeRange(node);
    if (name === undefined || range === undefined) return undefined;
    const changes: A.CalendarChange[] = [];
    for (const clause of node.children.calendarClause ?? []) {
      const c = clause.children;
      const date = this.date(c.DateLiteral?.[0]);
      const clauseRange = this.nodeRange(clause);
      if (date === undefined || clauseRange === undefined) continue;
      const reason = this.string(c.StringLiteral?.[0]);
      changes.push({ change: c.Closed ? 'closed' : 'open', date, ...(reason ? { reason } : {}), range: clauseRange });
    }
    return { kind: 'Calendar', name, changes, range };
  }

  roleDecl(node: C.RoleDeclCstNode): A.RoleDecl | undefined {
    const name = this.name(node.children.Identifier?.[0]);
    const range = this.nodeRange(node);
    if (name === undefined || range === undefined) return undefined;
    const title = this.string(node.children.StringLiteral?.[0]);
    const reportsTo = this.name(node.children.reportsTo?.[0]);
    return { kind: 'Role', name, ...(title ? { title } : {}), ...(reportsTo ? { reportsTo } : {}), range };
  }

  typeRef(node: C.TypeRefCstNode | undefined): A.TypeRef | undefined {
    if (node === undefined) return undefined;
    const range = this.nodeRange(node);
    if (range === undefined) return undefined;
    const c = node.children;
    if (c.EnumType) {
      const values = (c.Identifier ?? []).map((t) => this.name(t)).filter((n): n is A.Name => n !== undefined);
      if (values.length === 0) return undefined;
      return { kind: 'EnumType', values, range };
    }
    const type: A.PrimitiveType | undefined = c.DateType
      ? 'date'
      : c.BooleanType
        ? 'boolean'
        : c.NumberType
          ? 'number'
          : c.TextType
            ? 'text'
            : c.Role
              ? 'role'
              : undefined;
    return type === undefined ? undefined : { kind: 'PrimitiveType', type, range };
  }

  factDecl(node: C.FactDeclCstNode): A.FactDecl | undefined {
    const c = node.children;
    const name = this.name(c.Identifier?.[0]);
    const type = this.typeRef(c.typeRef?.[0]);
    const range = this.nodeRange(node);
    if (name === undefined || type === undefined || range === undefined) return undefined;
    const title = this.string(c.StringLiteral?.[0]);
    let setBy: A.FactSetter[] | undefined;
    if (c.Set !== undefined) {
      setBy = [];
      for (const setter of c.factSetter ?? []) {
        const built = this.factSetter(setter);
        if (built === undefined) return undefined;
        setBy.push(built);
      }
      if (setBy.length === 0) return undefined;
    }
    return { kind: 'Fact', name, optional: c.Question !== undefined, ...(title ? { title } : {}), type, ...(setBy ? { setBy } : {}), range };
  }

  factSetter(node: C.FactSetterCstNode): A.FactSetter | undefined {
    const c = node.children;
    const event = this.name(c.event?.[0]);
    const range = this.nodeRange(node);
    if (event === undefined || range === undefined) return undefined;
    if (c.Dot !== undefined) {
      const attribute = this.softName(c.softName?.[0]);
      return attribute === undefined ? undefined : { kind: 'AttributeSetter', event, attribute, range };
    }
    const token = c.True?.[0] ?? c.False?.[0] ?? c.NumberLiteral?.[0] ?? c.StringLiteral?.[0] ?? c.DateLiteral?.[0] ?? c.value?.[0];
    if (!ok(token)) return undefined;
    const valueRange = this.tokenRange(token);
    let value: A.Operand | undefined;
    if (c.True) value = { kind: 'BooleanOperand', value: true, range: valueRange };
    else if (c.False) value = { kind: 'BooleanOperand', value: false, range: valueRange };
    else if (c.NumberLiteral) value = { kind: 'NumberOperand', value: Number(token.image), range: valueRange };
    else if (c.StringLiteral) value = { kind: 'StringOperand', value: unquote(token.image), range: valueRange };
    else if (c.DateLiteral) {
      const d = this.date(token);
      value = d ? { kind: 'DateOperand', value: d.value, range: valueRange } : undefined;
    } else {
      const head = this.name(token);
      value = head ? { kind: 'PathOperand', head, child: false, range: valueRange } : undefined;
    }
    return value === undefined ? undefined : { kind: 'ValueSetter', event, value, range };
  }

  eventDecl(node: C.EventDeclCstNode): A.EventDecl | undefined {
    const c = node.children;
    const name = this.name(c.Identifier?.[0]);
    const range = this.nodeRange(node);
    if (name === undefined || range === undefined) return undefined;
    const title = this.string(c.StringLiteral?.[0]);
    const attributes: A.AttributeDecl[] = [];
    for (const attr of c.attributeDecl ?? []) {
      const a = attr.children;
      const attrName = this.softName(a.softName?.[0]);
      const type = this.typeRef(a.typeRef?.[0]);
      const attrRange = this.nodeRange(attr);
      if (attrName === undefined || type === undefined || attrRange === undefined) continue;
      attributes.push({ kind: 'Attribute', name: attrName, optional: a.Question !== undefined, type, range: attrRange });
    }
    return { kind: 'Event', name, ...(title ? { title } : {}), attributes, supersedes: c.Supersedes !== undefined, range };
  }

  softName(node: C.SoftNameCstNode | undefined): A.Name | undefined {
    if (node === undefined) return undefined;
    return this.name(node.children.Identifier?.[0] ?? node.children.Keyword?.[0]);
  }

  ruleDecl(node: C.RuleDeclCstNode): A.RuleDecl | undefined {
    const c = node.children;
    const name = this.name(c.Identifier?.[0]);
    const range = this.nodeRange(node);
    const kindToken = c.RuleKindWord?.[0];
    if (name === undefined || range === undefined || !ok(kindToken)) return undefined;
    const title = this.string(c.StringLiteral?.[0]);
    const headStart = ok(c.Override?.[0]) ? this.tokenRange(c.Override[0]) : this.tokenRange(kindToken);
    const headRange = spanRanges(headStart, title?.range ?? name.range);
    const clauses: A.Clause[] = [];
    // A rule that lost a clause to a syntax error is `incomplete`: checks do not report the
    // clause as missing, since the syntax error already says what is wrong.
    let incomplete = (c.strayLine ?? []).length > 0 || (c.ruleClause ?? []).some((n) => n.recoveredNode === true);
    for (const clause of c.ruleClause ?? []) {
      const cutShort = clause.children.Newline?.[0]?.isInsertedInRecovery === true;
      if ((this.recovered && guessed(clause, clause.children.Newline?.[0])) || (cutShort && readsCondition(clause))) {
        // The parser reported an error on this line and recovered. A clause it had to guess a part
        // of (`met bu b` read as `met by bu`) is dropped, and so is a condition cut short (`when
        // b.for equals x` read as `when b.for`, or `runs from a until b where` with nothing after
        // `where`), so that no check reports what was never written; the rule is `incomplete`, and
        // the checks that need the dropped clause stay quiet (a cycle's steps measured from its run's
        // events). Other clauses cut short at their end keep what was read, so that the rule's other
        // clauses are still checked against them.
        incomplete = true;
        continue;
      }
      const reported = this.diagnostics.length;
      const built = this.ruleClause(clause);
      if (built !== undefined) clauses.push(built);
      else {
        incomplete = true;
        // Unreadable only when reading it said nothing (a number over the limit has its own diagnostic).
        const at = this.nodeRange(clause);
        if (at !== undefined && this.diagnostics.length === reported) this.unread.push(at);
      }
    }
    const ruleKind = kindToken.image as A.RuleKind;
    for (const stray of c.strayLine ?? []) this.strayLine(stray, ruleKind);
    return {
      kind: 'Rule',
      ruleKind,
      override: c.Override !== undefined,
      name,
      ...(title ? { title } : {}),
      clauses,
      incomplete,
      headRange,
      range,
    };
  }

  ruleClause(node: C.RuleClauseCstNode): A.Clause | undefined {
    const c = node.children;
    for (const key of CLAUSE_BUILDER_KEYS) {
      const n = c[key]?.[0];
      if (n !== undefined) return (CLAUSE_BUILDERS[key] as (b: Builder, n: CstNode) => A.Clause | undefined)(this, n);
    }
    return undefined;
  }

  eventWithWhere<K extends 'RequestClause' | 'RequiresClause' | 'OrderStepClause' | 'AfterClause'>(
    node: CstNode,
    token: IToken | undefined,
    hasWhere: boolean,
    conditionNode: C.ConditionCstNode | undefined,
    kind: K,
  ): A.Clause | undefined {
    const event = this.name(token);
    const range = this.nodeRange(node);
    if (event === undefined || range === undefined) return undefined;
    if (!hasWhere) return { kind, event, range };
    const where = this.condition(conditionNode);
    return where ? { kind, event, where, range } : undefined;
  }

  roleList(node: C.RoleListCstNode | undefined): A.Name[] {
    if (node === undefined) return [];
    return (node.children.Identifier ?? []).map((tok) => this.name(tok)).filter((n): n is A.Name => n !== undefined);
  }

  stageClause(node: C.StageClauseCstNode): A.Clause | undefined {
    const c = node.children;
    const numberToken = c.NumberLiteral?.[0];
    const range = this.nodeRange(node);
    if (!ok(numberToken) || range === undefined) return undefined;
    const number = Number(numberToken.image);
    if (!Number.isInteger(number)) {
      this.report('pdl/invalid-duration', this.tokenRange(numberToken), `\`${numberToken.image}\` is not a whole number`, 'stages are numbered 0, 1, 2...');
      return undefined;
    }
    if (number > MAX_COUNT) {
      this.report('pdl/number-too-large', this.tokenRange(numberToken), `stage \`${numberToken.image}\` is over ${MAX_COUNT.toLocaleString('en-GB')}`, 'stages are numbered 0, 1, 2...');
      return undefined;
    }
    const title = this.string(c.title?.[0]);
    const cite = this.string(c.cite?.[0]);
    const referTo = this.name(c.referTo?.[0]);
    const respondWithin = c.Respond ? this.duration(c.duration?.[0]) : undefined;
    if (c.Respond && respondWithin === undefined) return undefined;
    let when: A.Condition | undefined;
    if (c.When) {
      when = this.condition(c.condition?.[0]);
      if (when === undefined) return undefined;
    }
    return {
      kind: 'StageClause',
      number,
      numberRange: this.tokenRange(numberToken),
      ...(title ? { title } : {}),
      raisedBy: this.roleList(c.raisedBy?.[0]),
      alert: this.roleList(c.alert?.[0]),
      copy: this.roleList(c.copy?.[0]),
      ...(respondWithin ? { respondWithin } : {}),
      ...(referTo ? { referTo } : {}),
      stopsClock: c.Stops !== undefined,
      ...(when ? { when } : {}),
      ...(cite ? { cite } : {}),
      range,
    };
  }

  stepClause(node: C.StepClauseCstNode): A.Clause | undefined {
    const c = node.children;
    const ordinalToken = c.First?.[0] ?? c.Second?.[0] ?? c.Third?.[0] ?? c.Fourth?.[0] ?? c.Fifth?.[0] ?? c.Then?.[0];
    const due = this.dueSpec(c.dueSpec?.[0]);
    const range = this.nodeRange(node);
    if (!ok(ordinalToken) || due === undefined || range === undefined) return undefined;
    const ordinal = c.First ? 1 : c.Second ? 2 : c.Third ? 3 : c.Fourth ? 4 : c.Fifth ? 5 : 'repeat';
    let when: A.Condition | undefined;
    if (c.When) {
      when = this.condition(c.condition?.[0]);
      if (when === undefined) return undefined;
    }
    const cite = c.Cite ? this.string(c.StringLiteral?.[0]) : undefined;
    return {
      kind: 'StepClause',
      ordinal,
      ordinalRange: this.tokenRange(ordinalToken),
      due,
      ...(when ? { when } : {}),
      ...(cite ? { cite } : {}),
      range,
    };
  }

  nameList(node: C.NameListCstNode | undefined): A.Name[] {
    if (node === undefined) return [];
    return (node.children.Identifier ?? []).map((t) => this.name(t)).filter((n): n is A.Name => n !== undefined);
  }

  dueSpec(node: C.DueSpecCstNode | undefined): A.DueSpec | undefined {
    if (node === undefined) return undefined;
    const c = node.children;
    const range = this.nodeRange(node);
    const offsetNode = c.offset?.[0];
    if (range === undefined || offsetNode === undefined) return undefined;
    let time: A.DueSpec['time'];
    const timeToken = c.TimeLiteral?.[0];
    if (ok(timeToken)) {
      const m = /^(\d{1,2}):(\d{2})$/.exec(timeToken.image);
      const hours = Number(m?.[1]);
      const minutes = Number(m?.[2]);
      if (m === null || hours > 23 || minutes > 59) {
        this.report('pdl/invalid-time', this.tokenRange(timeToken), `\`${timeToken.image}\` is not a time of day`, 'write times on the 24-hour clock, from 00:00 to 23:59');
      } else {
        time = { text: `${String(hours).padStart(2, '0')}:${m[2]}`, range: this.tokenRange(timeToken) };
      }
    }
    let align: A.DueSpec['align'];
    const alignNode = c.alignment?.[0];
    if (alignNode !== undefined) {
      const a = alignNode.children;
      const day = a.Weekday?.[0];
      const alignRange = this.nodeRange(alignNode);
      if (!ok(day) || alignRange === undefined) return undefined;
      const weekday = WEEKDAYS[day.image.toLowerCase()];
      if (weekday === undefined) return undefined;
      align = { weekday, direction: a.Before ? 'on_or_before' : 'on_or_after', range: alignRange };
    }
    const offset = this.offset(offsetNode);
    if (offset === undefined) return undefined;
    return {
      kind: 'DueSpec',
      ...(time ? { time } : {}),
      ...(align ? { align } : {}),
      ...offset,
      range,
    };
  }

  /** `within D of X`, `at least D before X`, `D before|after X`: the parts of a `DueSpec` it gives. */
  offset(node: C.OffsetCstNode): Pick<A.DueSpec, 'phrasing' | 'direction' | 'duration' | 'anchor'> | undefined {
    const o = node.children;
    const duration = this.duration(o.duration?.[0]);
    const anchor = this.anchor(o.anchor?.[0]);
    if (duration === undefined || anchor === undefined) return undefined;
    const phrasing = o.Within ? 'within' : o.At ? 'at_least' : 'plain';
    const direction = o.Before ? 'before' : 'after';
    return { phrasing, direction, duration, anchor };
  }

  /** `due [between ...] DUE-SPEC [or ...] [, whichever is ...] [, earliest ...]` */
  dueClause(node: C.DueClauseCstNode): A.Clause | undefined {
    const c = node.children;
    const due = this.dueSpec(c.dueSpec?.[0]);
    const range = this.nodeRange(node);
    if (due === undefined || range === undefined) return undefined;
    let window: A.DueWindow | undefined;
    const windowNode = c.dueWindow?.[0];
    if (windowNode !== undefined) {
      const w = windowNode.children;
      const opens = this.duration(w.opens?.[0]);
      const closes = this.duration(w.closes?.[0]);
      const opensRange = this.spanOf(w.opens?.[0], w.opensBefore?.[0] ?? w.opensAfter?.[0]);
      const closesRange = this.spanOf(w.closes?.[0], w.closesBefore?.[0] ?? w.closesAfter?.[0]);
      const windowRange = this.nodeRange(windowNode);
      if (opens === undefined || closes === undefined || opensRange === undefined || closesRange === undefined || windowRange === undefined) return undefined;
      window = {
        opens: { duration: opens, direction: w.opensBefore ? 'before' : 'after', range: opensRange },
        closes: { duration: closes, direction: w.closesBefore ? 'before' : 'after', range: closesRange },
        range: windowRange,
      };
    }
    const more: A.DueMore[] = [];
    for (const m of c.dueMore ?? []) {
      const mc = m.children;
      const mRange = this.nodeRange(m);
      if (mRange === undefined) return undefined;
      if (mc.anchorEvent) {
        const event = this.name(mc.anchorEvent[0]);
        if (event === undefined) return undefined;
        more.push({ kind: 'AlsoFrom', event, range: mRange });
      } else if (mc.offset) {
        const offsetNode = mc.offset[0];
        const offsetRange = offsetNode === undefined ? undefined : this.nodeRange(offsetNode);
        const offset = offsetNode === undefined ? undefined : this.offset(offsetNode);
        if (offset === undefined || offsetRange === undefined) return undefined;
        more.push({ kind: 'OrDue', due: { kind: 'DueSpec', ...offset, range: offsetRange }, range: mRange });
      } else if (mc.Whichever) {
        if (!ok(mc.Sooner?.[0]) && !ok(mc.Later?.[0])) return undefined;
        more.push({ kind: 'Whichever', pick: mc.Sooner ? 'sooner' : 'later', range: mRange });
      } else {
        const duration = this.duration(mc.duration?.[0]);
        const opensRange = this.spanOf(mc.duration?.[0], mc.Before?.[0]);
        if (duration === undefined || opensRange === undefined) return undefined;
        more.push({ kind: 'Earliest', opens: { duration, direction: 'before', range: opensRange }, range: mRange });
      }
    }
    return { kind: 'DueClause', due, ...(window ? { window } : {}), ...(more.length > 0 ? { more } : {}), range };
  }

  duration(node: C.DurationCstNode | undefined): A.Duration | undefined {
    if (node === undefined) return undefined;
    const c = node.children;
    const numberToken = c.NumberLiteral?.[0];
    const range = this.nodeRange(node);
    if (!ok(numberToken) || range === undefined) return undefined;
    const amount = Number(numberToken.image);
    if (!Number.isInteger(amount)) {
      this.report('pdl/invalid-duration', this.tokenRange(numberToken), `\`${numberToken.image}\` is not a whole number`, 'durations are whole numbers of working days, days, weeks, months or years');
      return { amount, range }; // without a unit: later stages skip it, and nothing else is reported
    }
    const words = (c.UnitWord ?? []).filter((t): t is IToken => ok(t));
    const first = words[0];
    const last = words[words.length - 1];
    if (first === undefined || last === undefined) {
      this.report(
        'pdl/duration-without-unit',
        this.tokenRange(numberToken),
        `\`${numberToken.image}\` has no unit`,
        `say which: \`${amount} working days\`, \`${amount} days\` (calendar days), \`${amount} weeks\` or \`${amount} months\``,
      );
      return { amount, range };
    }
    const unitText = words.map((t) => t.image).join(' ');
    const unit = unitOfWords(unitText);
    if (unit === undefined) {
      const units = DURATION_UNIT_NAMES.map((u) => unitSpec(u).spellings.map((w, i) => (i === 0 ? `\`${w.many}\`` : ` (or \`${w.many}\`)`)).join(''));
      this.report(
        'pdl/invalid-duration',
        spanRanges(this.tokenRange(first), this.tokenRange(last)),
        `\`${unitText}\` is not a unit`,
        `the units are ${units.slice(0, -1).join(', ')} and ${units[units.length - 1] ?? ''}`,
      );
      return { amount, range };
    }
    if (durationTooLong(amount, unit)) {
      this.report(
        'pdl/duration-too-long',
        spanRanges(this.tokenRange(numberToken), this.tokenRange(last)),
        `\`${numberToken.image} ${unitText}\` is longer than 100 years`,
        'no practice direction counts that far; durations are at most 100 years (36,525 days)',
      );
      return { amount, range }; // without a unit, like the errors above: later stages skip it
    }
    return { amount, unit, unitText, range };
  }

  /** `child` alone where a date goes (`due 3 days after child`): the grammar reads it, but it names no date. */
  childWithoutAttribute(range: SourceRange): void {
    this.report('pdl/invalid-anchor', range, '`child` alone is not a date', "write `child.dob`, the child's date of birth (`due 16 years after child.dob`)");
  }

  anchor(node: C.AnchorCstNode | undefined): A.Anchor | undefined {
    if (node === undefined) return undefined;
    const range = this.nodeRange(node);
    if (range === undefined) return undefined;
    const c = node.children;
    if (c.Previous) {
      const name = this.name(c.Identifier?.[0]);
      return name ? { kind: 'PreviousAnchor', name, range } : undefined;
    }
    const path = c.path?.[0];
    if (path === undefined) return undefined;
    const p = path.children;
    const attribute = this.softName(p.softName?.[0]);
    if (p.Child) {
      if (attribute === undefined && p.Dot === undefined) this.childWithoutAttribute(range);
      return attribute ? { kind: 'ChildAnchor', attribute, range } : undefined;
    }
    const event = this.name(p.Identifier?.[0]);
    if (event === undefined) return undefined;
    if (p.Dot) return attribute ? { kind: 'AttributeAnchor', event, attribute, range } : undefined;
    return { kind: 'EventAnchor', event, range };
  }

  condition(node: C.ConditionCstNode | undefined): A.Condition | undefined {
    if (node === undefined) return undefined;
    const range = this.nodeRange(node);
    const items = (node.children.andCondition ?? []).map((n) => this.andCondition(n));
    if (range === undefined || items.length === 0 || items.some((i) => i === undefined)) return undefined;
    return items.length === 1 ? items[0] : { kind: 'OrCondition', items: items as A.Condition[], range };
  }

  andCondition(node: C.AndConditionCstNode): A.Condition | undefined {
    const range = this.nodeRange(node);
    const items = (node.children.notCondition ?? []).map((n) => this.notCondition(n));
    if (range === undefined || items.length === 0 || items.some((i) => i === undefined)) return undefined;
    return items.length === 1 ? items[0] : { kind: 'AndCondition', items: items as A.Condition[], range };
  }

  notCondition(node: C.NotConditionCstNode): A.Condition | undefined {
    const range = this.nodeRange(node);
    if (range === undefined) return undefined;
    const c = node.children;
    if (c.Not) {
      const item = c.notCondition?.[0] ? this.notCondition(c.notCondition[0]) : undefined;
      return item ? { kind: 'NotCondition', item, range } : undefined;
    }
    const atom = c.atomCondition?.[0];
    return atom ? this.atomCondition(atom) : undefined;
  }

  atomCondition(node: C.AtomConditionCstNode): A.Condition | undefined {
    const c = node.children;
    if (c.condition?.[0]) return this.condition(c.condition[0]);
    if (c.ageCondition?.[0]) return this.ageCondition(c.ageCondition[0]);
    if (c.comparison?.[0]) return this.comparison(c.comparison[0]);
    return undefined;
  }

  ageCondition(node: C.AgeConditionCstNode): A.Condition | undefined {
    const c = node.children;
    const range = this.nodeRange(node);
    const numberToken = c.NumberLiteral?.[0];
    if (range === undefined || !ok(numberToken)) return undefined;
    const years = Number(numberToken.image);
    if (c.Under) return { kind: 'AgeCondition', op: '<', years, phrasing: 'under', range };
    if (c.Over) return { kind: 'AgeCondition', op: '>=', years, phrasing: 'or_over', range };
    const op = this.compareOp(c.compareOp?.[0]);
    return op ? { kind: 'AgeCondition', op, years, phrasing: 'op', range } : undefined;
  }

  compareOp(node: C.CompareOpCstNode | undefined): A.CompareOp | undefined {
    if (node === undefined) return undefined;
    const c = node.children;
    if (c.Equals) return '=';
    if (c.NotEqual) return '!=';
    if (c.LessEqual) return '<=';
    if (c.GreaterEqual) return '>=';
    if (c.Less) return '<';
    if (c.Greater) return '>';
    return undefined;
  }

  comparison(node: C.ComparisonCstNode): A.Condition | undefined {
    const c = node.children;
    const range = this.nodeRange(node);
    const left = this.operand(c.left?.[0]);
    if (range === undefined || left === undefined) return undefined;
    if (c.In !== undefined) {
      const values = (c.values ?? []).map((v) => this.operand(v));
      if (values.length === 0 || values.some((v) => v === undefined)) return undefined;
      return { kind: 'InCondition', negated: c.notIn !== undefined, left, values: values as A.Operand[], range };
    }
    if (c.right === undefined) return { kind: 'TruthCondition', operand: left, range };
    const right = this.operand(c.right[0]);
    if (right === undefined) return undefined;
    if (c.Is) {
      const negated = c.Not !== undefined;
      return { kind: 'CompareCondition', op: negated ? '!=' : '=', phrasing: negated ? 'is_not' : 'is', left, right, range };
    }
    const op = this.compareOp(c.compareOp?.[0]);
    return op ? { kind: 'CompareCondition', op, phrasing: 'op', left, right, range } : undefined;
  }

  operand(node: C.OperandCstNode | undefined): A.Operand | undefined {
    if (node === undefined) return undefined;
    const c = node.children;
    const range = this.nodeRange(node);
    if (range === undefined) return undefined;
    if (c.duration?.[0]) {
      const duration = this.duration(c.duration[0]);
      const base = this.operand(c.base?.[0]);
      if (duration === undefined || base === undefined) return undefined;
      return { kind: 'DateOffsetOperand', duration, direction: c.Before ? 'before' : 'after', base, range };
    }
    if (c.Today) return { kind: 'TodayOperand', range };
    if (c.Since) {
      const unit = this.name(c.sinceUnit?.[0]);
      const event = this.name(c.sinceEvent?.[0]);
      if (unit === undefined || event === undefined) return undefined;
      if (unit.text !== 'days') {
        // Reported once here; elaboration leaves the condition unresolved without a second message.
        this.report('pdl/syntax-error', unit.range, `\`${unit.text} since the last ...\` is not a measure PDL knows`, 'write `days since the last EVENT` (calendar days), and compare it with a number of days: `days since the last visit_made > 42`');
      }
      return { kind: 'SinceOperand', unit, event, range };
    }
    if (c.Count) {
      const event = this.name(c.counted?.[0]);
      if (event === undefined) return undefined;
      if (c.Where) {
        const where = this.condition(c.condition?.[0]);
        return where ? { kind: 'CountOperand', event, where, range } : undefined;
      }
      return { kind: 'CountOperand', event, range };
    }
    if (ok(c.NumberLiteral?.[0])) return { kind: 'NumberOperand', value: Number(c.NumberLiteral[0].image), range };
    if (ok(c.StringLiteral?.[0])) return { kind: 'StringOperand', value: unquote(c.StringLiteral[0].image), range };
    if (c.DateLiteral?.[0]) {
      const d = this.date(c.DateLiteral[0]);
      return d ? { kind: 'DateOperand', value: d.value, range } : undefined;
    }
    if (c.True) return { kind: 'BooleanOperand', value: true, range };
    if (c.False) return { kind: 'BooleanOperand', value: false, range };
    const path = c.path?.[0];
    if (path === undefined) return undefined;
    const p = path.children;
    const headToken = p.Child?.[0] ?? p.Identifier?.[0];
    const head = this.name(headToken);
    if (head === undefined) return undefined;
    const attribute = this.softName(p.softName?.[0]);
    if (p.Dot && attribute === undefined) return undefined;
    return { kind: 'PathOperand', head, child: p.Child !== undefined, ...(attribute ? { attribute } : {}), range };
  }
}

/**
 * How each clause of the grammar becomes an AST clause: one entry per CST clause (the type makes the
 * table exhaustive, so a clause added to the grammar does not compile until it is built here). An
 * entry returns undefined only when the clause lost a part to a syntax error.
 */
type ClauseBuilders = {
  readonly [K in Exclude<keyof C.RuleClauseCstChildren, 'Newline'>]-?: (b: Builder, n: NonNullable<C.RuleClauseCstChildren[K]>[number]) => A.Clause | undefined;
};

const CLAUSE_BUILDERS: ClauseBuilders = {
  ownerClause: (b, n) => {
    const role = b.name(n.children.Identifier?.[0]);
    const range = b.nodeRange(n);
    if (role === undefined || range === undefined) return undefined;
    const others = (n.children.Identifier ?? []).slice(1).map((tok) => b.name(tok));
    if (others.length === 0) return { kind: 'OwnerClause', role, range };
    if (others.some((x) => x === undefined)) return undefined;
    const ands = n.children.And ?? [];
    const ors = n.children.Or ?? [];
    if (ands.length > 0 && ors.length > 0) {
      // Reported once here; the clause is kept (read as `and`) so that nothing else is reported about it.
      b.report('pdl/syntax-error', b.tokenRange((ors[0] ?? ands[0]) as IToken), 'an owner list says `and` (they own it together) or `or` (any of them may do it), not both', 'write `owner a and b` or `owner a or b`');
    }
    return { kind: 'OwnerClause', role, more: { join: ors.length > 0 && ands.length === 0 ? 'or' : 'and', roles: others as A.Name[] }, range };
  },
  dueClause: (b, n) => b.dueClause(n),
  whenClause: (b, n) => {
    const condition = b.condition(n.children.condition?.[0]);
    const range = b.nodeRange(n);
    return condition && range ? { kind: 'WhenClause', condition, range } : undefined;
  },
  metByClause: (b, n) => {
    const events = b.nameList(n.children.nameList?.[0]);
    const range = b.nodeRange(n);
    if (events.length === 0 || range === undefined) return undefined;
    if (n.children.Where) {
      const where = b.condition(n.children.condition?.[0]);
      if (where === undefined) return undefined;
      return { kind: 'MetByClause', events, where, range };
    }
    return { kind: 'MetByClause', events, range };
  },
  citeClause: (b, n) => {
    const citation = b.string(n.children.StringLiteral?.[0]);
    const range = b.nodeRange(n);
    return citation && range ? { kind: 'CiteClause', citation, range } : undefined;
  },
  runsClause: (b, n) => {
    const starts = b.nameList(n.children.starts?.[0]);
    const ends = b.nameList(n.children.ends?.[0]);
    const range = b.nodeRange(n);
    if (starts.length === 0 || range === undefined) return undefined;
    if (n.children.Where === undefined) return { kind: 'RunsClause', starts, ends, range };
    const endsWhere = b.condition(n.children.condition?.[0]);
    return endsWhere ? { kind: 'RunsClause', starts, ends, endsWhere, range } : undefined;
  },
  restartsClause: (b, n) => {
    const events = b.nameList(n.children.nameList?.[0]);
    const range = b.nodeRange(n);
    if (events.length === 0 || range === undefined) return undefined;
    if (n.children.Where === undefined) return { kind: 'RestartsClause', events, range };
    const where = b.condition(n.children.condition?.[0]);
    return where ? { kind: 'RestartsClause', events, where, range } : undefined;
  },
  stepClause: (b, n) => b.stepClause(n),
  requestClause: (b, n) => {
    return b.eventWithWhere(n, n.children.Identifier?.[0], n.children.Where !== undefined, n.children.condition?.[0], 'RequestClause');
  },
  requiresClause: (b, n) => {
    return b.eventWithWhere(n, n.children.Identifier?.[0], n.children.Where !== undefined, n.children.condition?.[0], 'RequiresClause');
  },
  decisionClause: (b, n) => {
    const event = b.name(n.children.Identifier?.[0]);
    const range = b.nodeRange(n);
    return event && range ? { kind: 'DecisionClause', event, range } : undefined;
  },
  approvedByClause: (b, n) => {
    const roles = (n.children.Identifier ?? []).map((tok) => b.name(tok)).filter((x): x is A.Name => x !== undefined);
    const range = b.nodeRange(n);
    return roles.length > 0 && range ? { kind: 'ApprovedByClause', roles, orAbove: n.children.Above !== undefined, range } : undefined;
  },
  noticeClause: (b, n) => {
    const due = b.dueSpec(n.children.dueSpec?.[0]);
    const range = b.nodeRange(n);
    return due && range ? { kind: 'NoticeClause', due, range } : undefined;
  },
  atMostClause: (b, n) => {
    const numberToken = n.children.NumberLiteral?.[0];
    const event = b.name(n.children.event?.[0]);
    const per = b.name(n.children.per?.[0]);
    const range = b.nodeRange(n);
    if (!ok(numberToken) || event === undefined || per === undefined || range === undefined) return undefined;
    const max = Number(numberToken.image);
    if (!Number.isInteger(max)) {
      b.report('pdl/invalid-duration', b.tokenRange(numberToken), `\`${numberToken.image}\` is not a whole number`, 'a limit counts whole events');
      return undefined;
    }
    if (max > MAX_COUNT) {
      b.report('pdl/number-too-large', b.tokenRange(numberToken), `\`at most ${numberToken.image}\` is over ${MAX_COUNT.toLocaleString('en-GB')}`, `a case holds at most ${MAX_EVENTS.toLocaleString('en-GB')} events (docs/limits.md)`);
      return undefined;
    }
    let where: A.Condition | undefined;
    if (n.children.Where) {
      where = b.condition(n.children.condition?.[0]);
      if (where === undefined) return undefined;
    }
    return { kind: 'AtMostClause', max, event, ...(where ? { where } : {}), per, range };
  },
  eachClause: (b, n) => {
    const event = b.name(n.children.event?.[0]);
    const attribute = b.softName(n.children.softName?.[0]);
    const cycle = b.name(n.children.cycle?.[0]);
    const range = b.nodeRange(n);
    return event && attribute && cycle && range ? { kind: 'EachClause', event, attribute, cycle, range } : undefined;
  },
  raisedByClause: (b, n) => {
    const roles = b.roleList(n.children.roleList?.[0]);
    const range = b.nodeRange(n);
    return roles.length > 0 && range ? { kind: 'RaisedByClause', roles, range } : undefined;
  },
  stagesMayClause: (b, n) => {
    const range = b.nodeRange(n);
    const words = [...(n.children.Bypassed ?? []), ...(n.children.Conflated ?? [])]
      .filter(ok)
      .sort((a, b) => a.startOffset - b.startOffset)
      .map((tok) => tok.image as 'bypassed' | 'conflated');
    return range && words.length > 0 ? { kind: 'StagesMayClause', words, range } : undefined;
  },
  totalClause: (b, n) => {
    const duration = b.duration(n.children.duration?.[0]);
    const range = b.nodeRange(n);
    const cite = n.children.Cite ? b.string(n.children.StringLiteral?.[0]) : undefined;
    return duration && range ? { kind: 'TotalClause', duration, ...(cite ? { cite } : {}), range } : undefined;
  },
  stageClause: (b, n) => b.stageClause(n),
  advanceClause: (b, n) => {
    const range = b.nodeRange(n);
    return range ? { kind: 'AdvanceClause', late: n.children.Late !== undefined, unsatisfactory: n.children.Unsatisfactory !== undefined, range } : undefined;
  },
  notifyClause: (b, n) => {
    const subject = b.string(n.children.subject?.[0]);
    const body = n.children.Body ? b.string(n.children.body?.[0]) : undefined;
    const range = b.nodeRange(n);
    return subject && range ? { kind: 'NotifyClause', subject, ...(body ? { body } : {}), range } : undefined;
  },
  combinatorClause: (b, n) => {
    const range = b.nodeRange(n);
    const combinator = n.children.Any ? 'any' : n.children.All ? 'all' : 'none';
    return range ? { kind: 'CombinatorClause', combinator, range } : undefined;
  },
  criterionClause: (b, n) => {
    const label = b.string(n.children.StringLiteral?.[0]);
    const condition = b.condition(n.children.condition?.[0]);
    const range = b.nodeRange(n);
    return label && condition && range ? { kind: 'CriterionClause', label, condition, range } : undefined;
  },
  orderStepClause: (b, n) => {
    return b.eventWithWhere(n, n.children.Identifier?.[0], n.children.Where !== undefined, n.children.condition?.[0], 'OrderStepClause');
  },
  afterClause: (b, n) => {
    return b.eventWithWhere(n, n.children.Identifier?.[0], n.children.Where !== undefined, n.children.condition?.[0], 'AfterClause');
  },
  withinClause: (b, n) => {
    const duration = b.duration(n.children.duration?.[0]);
    const range = b.nodeRange(n);
    return duration && range ? { kind: 'WithinClause', duration, range } : undefined;
  },
  triggerClause: (b, n) => {
    const range = b.nodeRange(n);
    const cycle = b.name(n.children.cycle?.[0]);
    return cycle && range ? { kind: 'TriggerClause', cycle, range } : undefined;
  },
  boundClause: (b, n) => {
    const range = b.nodeRange(n);
    if (range === undefined) return undefined;
    if (n.children.Next) {
      const event = b.name(n.children.event?.[0]);
      return event ? { kind: 'BoundClause', bound: { kind: 'next', event }, range } : undefined;
    }
    // `before [DURATION before|after] PATH`: the path is read as a due date's anchor is.
    const path = n.children.path?.[0];
    const pathRange = path === undefined ? undefined : b.nodeRange(path);
    if (path === undefined || pathRange === undefined) return undefined;
    const p = path.children;
    const attribute = b.softName(p.softName?.[0]);
    const head = b.name(p.Identifier?.[0]);
    let anchor: A.Anchor | undefined;
    if (p.Child) {
      if (attribute === undefined && p.Dot === undefined) b.childWithoutAttribute(pathRange);
      anchor = attribute ? { kind: 'ChildAnchor', attribute, range: pathRange } : undefined;
    } else if (head !== undefined) anchor = p.Dot ? (attribute ? { kind: 'AttributeAnchor', event: head, attribute, range: pathRange } : undefined) : { kind: 'EventAnchor', event: head, range: pathRange };
    if (anchor === undefined) return undefined;
    if (!n.children.duration) return { kind: 'BoundClause', bound: { kind: 'date', anchor }, range };
    const duration = b.duration(n.children.duration[0]);
    const direction = n.children.direction?.[0]?.image === 'before' ? 'before' : 'after';
    return duration ? { kind: 'BoundClause', bound: { kind: 'date', offset: { duration, direction }, anchor }, range } : undefined;
  },
  wordingClause: (b, n) => {
    const wording = b.string(n.children.StringLiteral?.[0]);
    const range = b.nodeRange(n);
    return wording && range ? { kind: 'WordingClause', wording, range } : undefined;
  },
  countingClause: (b, n) => {
    const range = b.nodeRange(n);
    const p = n.children.path?.[0]?.children;
    const event = b.name(p?.Identifier?.[0]);
    if (range === undefined || p === undefined || event === undefined) return undefined;
    const attribute = b.softName(p.softName?.[0]);
    if (p.Dot && attribute === undefined) return undefined;
    return { kind: 'CountingClause', previous: n.children.Previous !== undefined, event, ...(attribute ? { attribute } : {}), range };
  },
  upToLimitClause: (b, n) => {
    const range = b.nodeRange(n);
    const word = b.name(n.children.limitWord?.[0]);
    const limit = b.name(n.children.limit?.[0]);
    return range && word && limit ? { kind: 'UpToLimitClause', word, limit, range } : undefined;
  },
  matchedByClause: (b, n) => {
    const key = b.softName(n.children.key?.[0]);
    const range = b.nodeRange(n);
    return key && range ? { kind: 'MatchedByClause', key, range } : undefined;
  },
};
/** The keys of `CLAUSE_BUILDERS`, in order, made once (not per clause). */
const CLAUSE_BUILDER_KEYS = Object.keys(CLAUSE_BUILDERS) as (keyof ClauseBuilders)[];

