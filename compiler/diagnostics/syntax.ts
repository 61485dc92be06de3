/**
 * Syntax errors as diagnostics a policy lead can act on.
 *
 * Input: one parse error of `grammar/` (its message, the token found and the grammar rules being
 * parsed), the source text and its uri. Output: one diagnostic with a code, a message and, where the
 * mistake is a common one, help that says what to write instead (an example of the clause, the
 * condition operators, `16 years after child.dob` for a birthday...).
 *
 * INVARIANT: exactly one diagnostic per parse error, at the token the parser stopped at (or, for a
 * declaration with no name, at its word on that line: `namelessDeclaration`); help never
 * suggests a word that cannot follow there (no "did you mean" by spelling alone in mid-line), and
 * never quotes anything but the policy's own text and the language's words.
 */
import { RULE_KINDS, type LineIndex, type SyntaxErrorInfo } from '../../grammar/index.ts';
import { CLAUSES } from '../kinds/clauses.ts';
import { FILE_START, offsetRange, tokenRange, type SourceRange } from '../source-range.ts';
import type { DiagnosticCode } from './codes.ts';
import { diagnostic, withArticle, type Diagnostic } from './types.ts';

const CONDITION_OPERATORS = '`is`, `is not`, `in (...)`, `not in (...)`, `=`, `!=`, `<`, `<=`, `>`, `>=`';
const DUE_FORMS = '`within 20 working days of EVENT`, `at least 5 working days before EVENT.DATE` or `16 years after child.dob`';
const JOINERS = new Set(['or', 'and', ',']);
const DECLARATION_EXAMPLES: ReadonlyMap<string, string> = new Map(Object.entries({
  role: 'role team_manager "Team manager"',
  event: 'event review_held "A review is held"',
  fact: 'fact legal_status: enum(care_order, section_20)',
  calendar: 'calendar england-and-wales',
  override: 'override deadline NAME "Title"',
  ...Object.fromEntries(RULE_KINDS.map((kind) => [kind, `${kind} NAME "Title"`])),
}));

/**
 * What to say about a declaration's word with no name after it (`role` alone on its line, `deadline
 * "Title"`), or undefined when `word` starts no declaration. `next` is the token after the word: when
 * it is a word, it is one of PDL's own (`deadline later`), since a name there would have been read.
 * The parser reports it when it entered the declaration (`override duty` alone), the AST builder when
 * the line was kept as a stray line.
 */
export function namelessDeclaration(word: string, next: string | undefined): { readonly message: string; readonly help: string; readonly onNext: boolean } | undefined {
  const example = DECLARATION_EXAMPLES.get(word);
  if (example === undefined) return undefined;
  // `override` is followed by a kind of rule, not a name (`override deadline NAME`).
  if (word === 'override') return { message: '`override` is not followed by a kind of rule', help: `an override names the kind and the rule it replaces: \`${example}\``, onNext: false };
  if (next !== undefined && /^[A-Za-z_][A-Za-z0-9_]*$/.test(next)) {
    return { message: `\`${next}\` is a word of the language, so it cannot name ${withArticle(word)}`, help: `choose another name, such as \`${next}_${word}\`: \`${example}\``, onNext: true };
  }
  return { message: `\`${word}\` is not followed by a name`, help: `a declaration names what it declares: \`${example}\``, onNext: false };
}

/** The line of `offset`: the text before it on that line, and the line's first word. */
function lineAround(text: string, offset: number): { before: string; lead: string; line: string } {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const endAt = text.indexOf('\n', offset);
  const line = text.slice(start, endAt < 0 ? text.length : endAt);
  const before = text.slice(start, offset);
  const lead = /^\s*([A-Za-z_]+)/.exec(line)?.[1] ?? '';
  return { before, lead, line };
}

/** The words and example of the clause a line starts with, when its first word starts one. */
function clauseExample(lead: string): { words: string; example: string } | undefined {
  for (const spec of Object.values(CLAUSES)) {
    if (spec.completions.some((c) => c.split(' ')[0] === lead)) return { words: spec.words.includes('/') ? lead : spec.words, example: spec.example };
  }
  return undefined;
}

interface Explained {
  readonly code: DiagnosticCode;
  readonly message: string;
  readonly help?: string;
  /** Where to place it instead of the error's token: the offsets of its first and last character, on the token's line. */
  readonly at?: { readonly start: number; readonly last: number };
}

/** What to say about one parse error: the parser's message, made specific where the mistake is known. */
export function explainSyntaxError(error: SyntaxErrorInfo, text: string): Explained {
  const token = error.token;
  const found = token.image;
  const stack = error.ruleStack;
  const innermost = stack[stack.length - 1] ?? '';
  const plain: Explained = { code: 'pdl/syntax-error', message: error.message };
  if (!Number.isFinite(token.startOffset)) return plain;
  const { before, lead, line } = lineAround(text, token.startOffset);
  const words = before.trim().split(/\s+/);
  const previous = words[words.length - 1] ?? '';
  const atEndOfClause = innermost === 'ruleClause';

  // Several anchors joined where one is read (a cycle step, a notice: a deadline's `due` may name
  // several): a code of its own, so that it can go when those read several too.
  if (atEndOfClause && JOINERS.has(found) && (lead === 'notice' || CLAUSES.steps.completions.includes(lead))) {
    return {
      code: 'pdl/one-anchor',
      message: `this due date is measured from one anchor, found \`${found}\` after \`${previous}\``,
      help: `measure it from one event or date (\`${CLAUSES.due.example.replace(/^due /, '')}\`); a deadline's \`due\` may name several (\`due within 20 working days of became_looked_after or placement_changed\`)`,
    };
  }
  // `runs from X where ...`: `where` may follow `until ...` and `restarts on ...`, not the starting events.
  if (atEndOfClause && found === 'where' && lead === 'runs' && !/\buntil\b/.test(before)) {
    return {
      code: 'pdl/syntax-error',
      message: '`runs from` takes event names only, found `where`',
      help: 'list the events that start a run (`runs from became_looked_after`), with no condition (a `when` line reads the starting event); `where` may follow `until ...` and `restarts on ...`',
    };
  }
  if (stack.includes('ageCondition')) {
    return {
      ...plain,
      help:
        found === 'over'
          ? '`over` comes after the number: `age 16 or over` (16 and older); or compare, `age > 16` (older than 16)'
          : 'an age reads `age under 16`, `age 16 or over`, or `age` with an operator: `age >= 16`',
    };
  }
  if (stack.includes('dueSpec')) {
    if (previous === 'by' && lead === 'due') {
      const birthday = /(\d+)\s*(?:st|nd|rd|th)?\s+birthday/i.exec(line);
      return {
        code: 'pdl/syntax-error',
        message: `\`by\` here is followed by a time of day (\`by 17:00\`), found ${found === '' || found === '\n' ? 'the end of the line' : `\`${found}\``}`,
        help: birthday
          ? `a birthday is measured from the child's date of birth: \`due ${birthday[1]} years after child.dob\``
          : /birthday/i.test(line)
            ? "a birthday is measured from the child's date of birth: `due 16 years after child.dob`"
            : `a due date reads ${DUE_FORMS}; \`by HH:MM\` may come first`,
      };
    }
    return { ...plain, help: `a due date reads ${DUE_FORMS}` };
  }
  const inCondition = stack.includes('condition') || (atEndOfClause && (lead === 'when' || /\bwhere\b/.test(before)) && !JOINERS.has(found));
  if (inCondition) {
    return { ...plain, help: `a condition compares with ${CONDITION_OPERATORS}, or is a yes/no fact alone; join conditions with \`and\`, \`or\`, \`not\`` };
  }
  // A declaration's word with no name after it (`deadline` alone on its line, `role "Team manager"`):
  // the parser entered the declaration on its word and found no name where the name goes.
  const nameless = innermost.endsWith('Decl') && /^(?:override\s+)?[a-z_]+\s*$/.test(before) ? namelessDeclaration(previous, found) : undefined;
  if (nameless !== undefined) {
    const { message, help, onNext } = nameless;
    if (onNext) return { code: 'pdl/syntax-error', message, help }; // at the word found, the error's token
    const start = token.startOffset - before.length + before.lastIndexOf(previous);
    return { code: 'pdl/syntax-error', message, help, at: { start, last: start + previous.length - 1 } };
  }
  const clause = stack.some((r) => r.endsWith('Clause')) ? clauseExample(lead) : undefined;
  if (clause !== undefined) return { ...plain, help: `${/^[aeiou]/.test(clause.words) ? 'an' : 'a'} \`${clause.words}\` line reads like \`${clause.example}\`` };
  return plain;
}

/** Where a parse error is reported: its token (the start of the file when it has no place). */
function errorRange(error: SyntaxErrorInfo, lines: LineIndex): SourceRange {
  return Number.isFinite(error.token.startOffset) ? tokenRange(error.token, lines) : FILE_START;
}

/** The diagnostic of one parse error, placed at `range` (its token's) unless the explanation names a better place on that line. */
export function syntaxErrorDiagnostic(error: SyntaxErrorInfo, text: string, uri: string, range: SourceRange, lines: LineIndex): Diagnostic {
  const { code, message, help, at } = explainSyntaxError(error, text);
  return diagnostic(code, uri, at === undefined ? range : offsetRange(at.start, at.last, lines), message, help === undefined ? {} : { help });
}

/**
 * The diagnostics of a file's parse errors: one per line at most, the first, and none on a line
 * that already has a lexing error (`lexErrorLines`). After its first error on a line the parser
 * recovers by guessing (a token inserted or skipped), and what it finds next on that line is the
 * same mistake seen again (`met bu x`: `expected \`by\``, then `expected the end of the line`).
 */
export function syntaxErrorDiagnostics(errors: readonly SyntaxErrorInfo[], text: string, uri: string, lexErrorLines: ReadonlySet<number>, lines: LineIndex): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Set<number>(lexErrorLines);
  for (const error of errors) {
    // The line first: explaining an error costs far more, and a line of 100 stray strings has 100.
    const range = errorRange(error, lines);
    if (seen.has(range.startLine)) continue;
    seen.add(range.startLine);
    out.push(syntaxErrorDiagnostic(error, text, uri, range, lines));
  }
  return out;
}
