/**
 * The PDL language for Monaco: its keywords (by role), a Monarch tokenizer (keywords, declared names,
 * strings, dates, times, numbers, comments, operators) and the language configuration (comments,
 * brackets, word pattern).
 *
 * Input: nothing. Output: plain data for `monaco.languages.setMonarchTokensProvider` and
 * `setLanguageConfiguration`, and the keyword lists that completion offers.
 *
 * INVARIANT: no Monaco import at run time (types only), so the tokenizer is unit-tested in Node; the
 * rule kinds and their clauses come from `compiler/language.ts` (never listed here); the
 * keyword list is tested against the grammar's tokens (`grammar/tokens.ts`), so a new keyword is
 * highlighted or the test fails.
 */
import type * as Monaco from 'monaco-editor/editor/editor.api.js';
import { clauseCompletions, RULE_KINDS, UNIT_WORDS } from '../../compiler/language.ts';

/** Keywords that start a declaration (at the start of a line, not indented); the rule kinds come from the language. */
export const DECLARATION_KEYWORDS: readonly string[] = ['policy', 'calendar', 'role', 'fact', 'event', ...RULE_KINDS, 'override'];

/** Header clauses, after `policy <id>`. */
export const HEADER_KEYWORDS: readonly string[] = ['title', 'authority', 'source', 'version', 'effective', 'extends', 'use'];

/**
 * The clauses each kind of rule (from its compiler module, through `compiler/language.ts`) and the
 * calendar take, as completion offers them at the start of an indented line.
 */
export const CLAUSES: Readonly<Record<string, readonly string[]>> = {
  ...Object.fromEntries(RULE_KINDS.map((kind) => [kind, clauseCompletions(kind)])),
  calendar: ['closed', 'open'],
  policy: HEADER_KEYWORDS,
};

/** Every keyword of the language (lowercase; weekdays also capitalised). */
export const KEYWORDS: readonly string[] = [
  ...DECLARATION_KEYWORDS,
  ...HEADER_KEYWORDS,
  'closed',
  'open',
  'reports',
  'to',
  'request',
  'decision',
  'approved',
  'above',
  'notice',
  'requires',
  'most',
  'per',
  'each',
  'step',
  'raised',
  'stages',
  'stage',
  'may',
  'be',
  'bypassed',
  'conflated',
  'in',
  'total',
  'alert',
  'copy',
  'respond',
  'refer',
  'stops',
  'clock',
  'advance',
  'late',
  'unsatisfactory',
  'notify',
  'body',
  'any',
  'all',
  'none',
  'today',
  'count',
  'set',
  'since',
  'last',
  'owner',
  'due',
  'when',
  'met',
  'by',
  'where',
  'cite',
  'runs',
  'from',
  'until',
  'restarts',
  'first',
  'second',
  'third',
  'fourth',
  'fifth',
  'then',
  'within',
  'of',
  'after',
  'before',
  'at',
  'least',
  'on',
  'the',
  'previous',
  'supersedes',
  'earlier',
  'child',
  'whichever',
  'sooner',
  'later',
  'between',
  'earliest',
  'for',
  'next',
  'wording',
  'counting',
  'up',
  'matched',
  // the words of the duration units (`working`, `day`, `days`, `calendar`...): the table of units
  ...UNIT_WORDS.filter((w) => !DECLARATION_KEYWORDS.includes(w)),
  'date',
  'boolean',
  'number',
  'text',
  'enum',
  'and',
  'or',
  'not',
  'is',
  'age',
  'under',
  'over',
  'true',
  'false',
];

export const WEEKDAYS: readonly string[] = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

export const LANGUAGE_ID = 'pdl';

/** The Monarch tokenizer. Token classes: keyword, keyword.declaration, type, identifier, string, number(.date/.time), comment, operator, delimiter. */
export const PDL_MONARCH: Monaco.languages.IMonarchLanguage = {
  defaultToken: '',
  tokenPostfix: '.pdl',
  declarations: [...DECLARATION_KEYWORDS],
  keywords: KEYWORDS.filter((k) => !DECLARATION_KEYWORDS.includes(k)),
  types: ['date', 'boolean', 'number', 'text', 'enum', 'role'],
  weekdays: [...WEEKDAYS, ...WEEKDAYS.map((w) => w.charAt(0).toUpperCase() + w.slice(1))],
  tokenizer: {
    root: [
      [/#.*$/, 'comment'],
      [/\d{4}-\d{2}-\d{2}/, 'number.date'],
      [/\d{1,2}:\d{2}/, 'number.time'],
      [/\d+(?:\.\d+)?/, 'number'],
      [/"(?:[^"\\]|\\.)*"/, 'string'],
      [/"(?:[^"\\]|\\.)*$/, 'string.invalid'],
      [
        /[A-Za-z_]\w*(?:-\w+)*/,
        {
          cases: {
            '@declarations': { token: 'keyword.declaration', next: '@declaredName' },
            '@types': 'type',
            '@keywords': 'keyword',
            '@weekdays': 'keyword',
            '@default': 'identifier',
          },
        },
      ],
      [/<=|>=|!=|<|>|=/, 'operator'],
      [/[{}()]/, '@brackets'],
      [/[,:.?]/, 'delimiter'],
      [/\s+/, 'white'],
    ],
    // After a declaration keyword: the declared name (`override` is followed by the rule's kind first).
    declaredName: [
      [/[ \t]+/, 'white'],
      [new RegExp(`(?:${RULE_KINDS.join('|')})\\b`), 'keyword.declaration'],
      [/[A-Za-z_][\w.]*(?:-\w+)*/, 'type.identifier', '@pop'],
      [/$|(?=\S)/, '', '@pop'],
    ],
  },
};

export const PDL_CONFIGURATION: Monaco.languages.LanguageConfiguration = {
  comments: { lineComment: '#' },
  brackets: [
    ['{', '}'],
    ['(', ')'],
  ],
  autoClosingPairs: [
    { open: '{', close: '}' },
    { open: '(', close: ')' },
    { open: '"', close: '"', notIn: ['string', 'comment'] },
  ],
  surroundingPairs: [
    { open: '{', close: '}' },
    { open: '(', close: ')' },
    { open: '"', close: '"' },
  ],
  wordPattern: /[A-Za-z_][\w]*(?:-[\w]+)*/,
  indentationRules: {
    increaseIndentPattern: new RegExp(`^(${DECLARATION_KEYWORDS.join('|')})\\b.*$`),
    decreaseIndentPattern: /^\s*$/,
  },
};
