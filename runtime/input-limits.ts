/**
 * The limits on input, in one place: how large a policy or a case may be, how deep it may nest, how
 * long a name may be, how many errors are reported. docs/limits.md is the contract these numbers
 * implement; the lexer, the parser's depth guard, the pipeline, the case validator and the CLI read
 * them from here, and each limit's test (test/limits/) goes just over and just up to it.
 *
 * Input: none (plain data). Output: named constants.
 * INVARIANT: every limit is far above what a real practice direction or a real child's case needs,
 * and going over one is a diagnostic (policies) or a case error (cases), never an exception, a hang
 * or a stack overflow. Work below the limits is near-linear in the size of the input.
 * INVARIANT: plain data; imports only the unit table (for the longest duration, defined with the
 * units), so that the grammar may import it.
 */
export { MAX_DURATION_DAYS } from './units.ts';

/**
 * The most characters (UTF-16 units) a policy file may hold: 256 KiB. The largest real policy
 * (Peterborough) has about 49,000, a fifth of it. It was 512 KiB until 5 December 2026, when floods
 * of valid declarations (`role r "R"` repeated) measured 1.4-2.0 s of CPU to compile and format at
 * 512 KiB against 0.5-0.8 s at 256 KiB (`npm run bench -- limits`, "floods"): past about 256 KiB the
 * front end's garbage collection grows faster than the text, and no input should take a second.
 */
export const MAX_POLICY_CHARS = 262_144;

/**
 * The deepest a condition or operand may nest on one clause line: brackets open at once, plus every
 * `not` and every date moved by a duration (`3 months after ...`) on the line. Real policies nest 2 or 3.
 */
export const MAX_NESTING = 32;

/**
 * The most tokens one clause line may hold (a list wrapped inside brackets is one line). The longest
 * line of the repository's policies holds 46. Past it the line is left out whole, before the parser,
 * so a line of half a million tokens (a pasted flood) costs the lexer only.
 */
export const MAX_LINE_TOKENS = 5_000;

/** The most characters a name (an identifier: a role, event, fact, attribute or rule) may have. */
export const MAX_NAME_LENGTH = 128;

/**
 * The largest count a policy may state: a limit's `at most N` and a stage number. A case holds at
 * most `MAX_EVENTS` events, so a larger limit can never be reached; the bound keeps every count a safe
 * integer (a number such as 9007199254740993 would otherwise be rounded on reading).
 */
export const MAX_COUNT = 1_000_000;

/** The most blocks (`{{#if}}`, `{{#unless}}`) a notification template may nest. */
export const MAX_TEMPLATE_NESTING = 8;

/**
 * The most diagnostics one file reports: past it, one `pdl/too-many-errors` says how many more
 * there were. Unrecognised characters are coalesced first (one diagnostic per line).
 */
export const MAX_DIAGNOSTICS = 200;

/**
 * The most syntax errors the parser records in one file: past it, the rest of the file is not
 * parsed (`pdl/parse-stopped` at the token where it stopped). Each error costs the parser its
 * recovery; a line of stray tokens is one error a token, and a stray line (one that starts no clause
 * or declaration) counts one too; a real file with this many errors is not
 * being edited but pasted wrong. At most `MAX_DIAGNOSTICS` diagnostics are shown anyway.
 */
export const MAX_SYNTAX_ERRORS = 1_000;

/** The most events a case may hold; a real child's case holds hundreds at most. */
export const MAX_EVENTS = 10_000;

/** The most case errors reported for one case: past it, one `case/too-many-errors` says how many more there were. */
export const MAX_CASE_ERRORS = 100;

/** The most characters (UTF-16 units) a case file read by the CLI may hold: 16 MiB (10,000 events take about 1 MB). */
export const MAX_CASE_CHARS = 16_777_216;
