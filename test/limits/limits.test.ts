/**
 * The input limits of docs/limits.md, each tested at the limit (fine) and just over it (its
 * diagnostic or case error, never an exception), and the near-linear work they keep: one lex error a
 * line, a bounded "did you mean", case errors counted past their cap, reporting lines walked once.
 *
 * Input: policies and cases built here from the limits' constants (runtime/input-limits.ts).
 * Output: assertions on diagnostics, case errors and work counts; no assertion on time (the
 * timings are in bench/limits.ts and vary with the machine).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compile, duplicateKeys, formatPolicy, locateJson, type CompilerHost, type Diagnostic } from '../../compiler/index.ts';
import { boundedEditDistance, suggest } from '../../compiler/diagnostics/types.ts';
import { parse } from '../../grammar/index.ts';
import { firstInvalidByte } from '../../cli/utf8.ts';
import {
  MAX_CASE_ERRORS,
  MAX_DIAGNOSTICS,
  MAX_COUNT,
  MAX_SYNTAX_ERRORS,
  MAX_DURATION_DAYS,
  MAX_EVENTS,
  MAX_LINE_TOKENS,
  MAX_NAME_LENGTH,
  MAX_NESTING,
  MAX_POLICY_CHARS,
  MAX_TEMPLATE_NESTING,
} from '../../runtime/input-limits.ts';
import { IN_PROCESS_TIMEOUT_MS, pdlHere, ROOT } from '../support/processes.ts';

const HEAD = 'policy a.b\n  title "T"\n\nrole iro "IRO"\n\nfact x: boolean\n\nevent e\nevent f\n\n';

/** A deadline with extra clause lines. */
function deadline(extra: string): string {
  return `deadline d "D"\n  owner iro\n  due within 5 days of e\n${extra}  met by f\n  cite "1"\n`;
}

function codes(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => d.code);
}

describe('policy size', () => {
  const base = HEAD + deadline('');
  const padded = (length: number): string => `${base}#${'x'.repeat(length - base.length - 2)}\n`;

  it(`a file of ${MAX_POLICY_CHARS} characters is read; one more is pdl/policy-too-large, alone, at the start`, () => {
    const atLimit = padded(MAX_POLICY_CHARS);
    expect(atLimit.length).toBe(MAX_POLICY_CHARS);
    const fine = compile(atLimit);
    expect(fine.diagnostics).toEqual([]);
    expect(fine.ir).toBeDefined();
    const over = compile(padded(MAX_POLICY_CHARS + 1));
    expect(codes(over.diagnostics)).toEqual(['pdl/policy-too-large']);
    expect(over.diagnostics[0]?.range.start).toBe(0);
  });

  it('1.5 MB of garbage lines (a stack overflow once) is one diagnostic', () => {
    const result = compile(`policy a.b\n${'@@ $$ ~~ ^^ \\\\\n'.repeat(100_000)}`);
    expect(codes(result.diagnostics)).toEqual(['pdl/policy-too-large']);
  });
});

describe('nesting depth', () => {
  const when = (depth: number): string => HEAD + deadline(`  when ${'('.repeat(depth)}x${')'.repeat(depth)}\n`);

  it(`${MAX_NESTING} nested brackets compile; ${MAX_NESTING + 1} are pdl/nesting-too-deep on that line`, () => {
    expect(compile(when(MAX_NESTING)).diagnostics).toEqual([]);
    const over = compile(when(MAX_NESTING + 1));
    expect(codes(over.diagnostics)).toEqual(['pdl/nesting-too-deep']);
    expect(over.diagnostics[0]?.range.startLine).toBe(14);
    expect(over.diagnostics[0]?.range.startColumn).toBe(8 + MAX_NESTING);
  });

  it('400 nested brackets (a stack overflow once) and 10,000 are one diagnostic each; the rest of the file is read', () => {
    for (const depth of [400, 10_000]) {
      const text = when(depth) + 'deadline g "G"\n  owner nobody\n  due within 5 days of e\n  met by f\n  cite "2"\n';
      const result = compile(text);
      expect(codes(result.diagnostics)).toEqual(['pdl/nesting-too-deep', 'pdl/unknown-role']);
    }
  });

  it('`not` and moved dates count as levels too', () => {
    expect(compile(HEAD + deadline(`  when ${'not '.repeat(MAX_NESTING)}x\n`)).diagnostics).toEqual([]);
    expect(codes(compile(HEAD + deadline(`  when ${'not '.repeat(MAX_NESTING + 1)}x\n`)).diagnostics)).toEqual(['pdl/nesting-too-deep']);
    expect(codes(compile(HEAD + deadline(`  when ${'not '.repeat(5000)}x\n`)).diagnostics)).toEqual(['pdl/nesting-too-deep']);
    const moved = (n: number): string => HEAD + 'fact y: date\n' + deadline(`  when y < ${'1 days after '.repeat(n)}today\n`);
    expect(compile(moved(MAX_NESTING)).diagnostics).toEqual([]);
    expect(codes(compile(moved(MAX_NESTING + 1)).diagnostics)).toEqual(['pdl/nesting-too-deep']);
  });
});

describe('tokens on one line', () => {
  // A `when` line of `x or x or ...`: 2 tokens (`when`, `x`), then 2 a repeat; `MAX_LINE_TOKENS` is even.
  const when = (tokens: number): string => HEAD + deadline(`  when x${' or x'.repeat((tokens - 2) / 2)}\n`);

  it(`a clause line of ${MAX_LINE_TOKENS} words and symbols compiles; one more word is pdl/line-too-long on that line, which is not read`, () => {
    expect(compile(when(MAX_LINE_TOKENS)).diagnostics).toEqual([]);
    const over = compile(when(MAX_LINE_TOKENS + 2));
    expect(codes(over.diagnostics)).toEqual(['pdl/line-too-long']);
    const d = over.diagnostics[0]!;
    expect(d.range.startLine).toBe(14);
    // The first token past the limit: `when` is token 1, and token 2k + 1 starts at column 8 + 5(k - 1) + 1.
    expect(d.range.startColumn).toBe(3 + 'when x'.length + 5 * ((MAX_LINE_TOKENS - 2) / 2) + 1);
    expect(d.message).toBe('this line holds more than 5,000 words and symbols');
    // The line is left out of the tokens: the parser never sees it.
    expect(parse(when(MAX_LINE_TOKENS + 2)).syntaxErrors).toEqual([]);
  });

  it('a list wrapped inside brackets is one line; a flood of 50,000 brackets is one diagnostic and the rest of the file is read', () => {
    const list = (n: number): string => HEAD.replace('event e\n', `event e { kind: enum(${Array.from({ length: n }, (_, i) => `k${i}`).join(',\n  ')}) }\n`);
    expect(compile(list(100)).diagnostics).toEqual([]);
    // `event e { kind : enum (` is 6 tokens, `)` `}` 2 more: the values and commas fill the rest.
    expect(codes(compile(list(MAX_LINE_TOKENS / 2)).diagnostics)).toEqual(['pdl/line-too-long']);
    const flood = HEAD + ')'.repeat(50_000) + '\n' + deadline('').replace('owner iro', 'owner nobody');
    expect(codes(compile(flood).diagnostics)).toEqual(['pdl/line-too-long', 'pdl/unknown-role']);
  });
});

describe('name length', () => {
  const named = (length: number): string => HEAD + `event ${'n'.repeat(length)}\n` + deadline('');

  it(`a name of ${MAX_NAME_LENGTH} characters is fine; one more is pdl/name-too-long`, () => {
    expect(compile(named(MAX_NAME_LENGTH)).diagnostics).toEqual([]);
    const over = compile(named(MAX_NAME_LENGTH + 1));
    expect(codes(over.diagnostics)).toEqual(['pdl/name-too-long']);
    expect(over.diagnostics[0]?.message).toContain(`${MAX_NAME_LENGTH + 1} characters`);
  });

  it('a misspelt 100,000-character name gets no suggestion, and no suggestion is looked for among long names', () => {
    const long = 'a'.repeat(100_000);
    expect(suggest(long, [long.slice(1), `${long}b`])).toBeUndefined();
    const result = compile(HEAD + deadline(`  when ${long}\n`));
    expect(codes(result.diagnostics)).toEqual(['pdl/name-too-long', 'pdl/unknown-fact']);
  });
});

describe('duration size', () => {
  it(`${MAX_DURATION_DAYS} days is fine; one more is pdl/duration-too-long`, () => {
    const within = (days: number): string => HEAD + deadline('').replace('within 5 days', `within ${days} days`);
    expect(compile(within(MAX_DURATION_DAYS)).diagnostics).toEqual([]);
    expect(codes(compile(within(MAX_DURATION_DAYS + 1)).diagnostics)).toEqual(['pdl/duration-too-long']);
  });
});

describe('syntax errors per file', () => {
  // Found by the fuzz campaign (seed 7, input 49394): 203 KB of `cite "x" "x" ...` lines, a syntax
  // error a stray string, took seconds of parser recovery; the parser now stops past the limit.
  // The cite line (line 15) with n strings after its own, then a rule on line 16 whose owner is
  // unknown (line 17), reported when the rule is read. (It was once named `later`, a word of the
  // language: that line was an error of its own, which the test took for an echo of the strays.)
  const strays = (n: number): string => HEAD + deadline('').replace('cite "1"', `cite "1" ${Array.from({ length: n }, () => '"x"').join(' ')}`) + 'deadline follow_up "Later"\n  owner nobody\n  due within 5 days of e\n  met by f\n  cite "2"\n';
  it(`up to ${MAX_SYNTAX_ERRORS} errors the whole file is parsed; past them the parse stops there with pdl/parse-stopped`, () => {
    const under = strays(MAX_SYNTAX_ERRORS);
    expect(parse(under).syntaxErrors.length).toBe(MAX_SYNTAX_ERRORS);
    expect(parse(under).stoppedAt).toBeUndefined();
    expect(compile(under).diagnostics.map((d) => `${d.code}@${d.range.startLine}`)).toEqual(['pdl/syntax-error@15', 'pdl/unknown-role@17']);
    const over = compile(strays(MAX_SYNTAX_ERRORS + 1));
    // Nothing from line 16 on: the parse stopped on line 15.
    expect(over.diagnostics.map((d) => `${d.code}@${d.range.startLine}`)).toEqual(['pdl/syntax-error@15', 'pdl/parse-stopped@15']);
    // `  cite "1" ` is 11 characters, then the strays 4 apart: error 1,001 is at the 1,001st stray.
    expect(over.diagnostics[1]?.range.startColumn).toBe(12 + 4 * MAX_SYNTAX_ERRORS);
    expect(over.diagnostics[1]?.message).toBe('more than 1,000 syntax errors: the rest of the file, from line 15, was not read');
  });

  it(`a stray line counts as one: past ${MAX_SYNTAX_ERRORS} of them (a file of 260,000 once took seconds; 20,000 here) the parse stops`, () => {
    const strayLines = (n: number): string => HEAD + 'a\n'.repeat(n) + deadline('').replace('owner iro', 'owner nobody');
    const under = compile(strayLines(MAX_SYNTAX_ERRORS));
    expect(parse(strayLines(MAX_SYNTAX_ERRORS)).stoppedAt).toBeUndefined();
    // Every stray line is reported (capped at the diagnostics limit); the rule after them is read.
    expect(under.diagnostics.at(-1)?.code).toBe('pdl/too-many-errors');
    expect(under.diagnostics.at(-1)?.message).toBe(`and ${MAX_SYNTAX_ERRORS + 1 - (MAX_DIAGNOSTICS - 1)} more diagnostics, not shown`);
    const over = parse(strayLines(MAX_SYNTAX_ERRORS + 1));
    // Stopped after the 1,001st stray line (line 11 + 1,000): at the first token of the next line.
    expect(over.stoppedAt?.image).toBe('deadline');
    const flood = compile(HEAD + 'a\n'.repeat(20_000));
    expect(flood.diagnostics.at(-1)?.code).toBe('pdl/too-many-errors');
    expect(flood.diagnostics.some((d) => d.code === 'pdl/parse-stopped')).toBe(false);
  });
});

describe('count size', () => {
  // Found by the fuzz campaign (seed 7, input 14869): `at most 9007199254740993` was read as
  // 9007199254740992 and the IR check then threw out of compile().
  const limit = (n: string): string =>
    `policy example.counts\n  title "Counts"\n\nevent review_postponement_approved "A postponement is approved"\n\nlimit postponements "At most N postponements"\n  at most ${n} review_postponement_approved per case\n  cite "1"\n`;
  it(`at most ${MAX_COUNT} is fine; one more, or a number past the safe integers, is pdl/number-too-large at the number`, () => {
    expect(compile(limit(String(MAX_COUNT))).diagnostics).toEqual([]);
    for (const n of [String(MAX_COUNT + 1), '9007199254740993']) {
      const result = compile(limit(n));
      expect(codes(result.diagnostics)).toEqual(['pdl/number-too-large']);
      expect(result.diagnostics[0]?.range).toMatchObject({ startLine: 7, startColumn: 11, endColumn: 11 + n.length });
    }
  });
});

describe('diagnostic count and lexer recovery', () => {
  const garbage = (lines: number): string => HEAD + deadline('') + '@@ $$ ~~\n'.repeat(lines);

  it('one lex error a line, whatever the line holds, counting the other runs in its message', () => {
    const result = compile(garbage(3));
    expect(codes(result.diagnostics)).toEqual(['pdl/lex-error', 'pdl/lex-error', 'pdl/lex-error']);
    expect(result.diagnostics[0]?.message).toBe('unexpected character `@@` (and 2 more on this line)');
  });

  it(`${MAX_DIAGNOSTICS} diagnostics are all shown; past that, the last says how many more`, () => {
    expect(codes(compile(garbage(MAX_DIAGNOSTICS)).diagnostics)).toEqual(Array(MAX_DIAGNOSTICS).fill('pdl/lex-error'));
    const over = compile(garbage(MAX_DIAGNOSTICS + 5)).diagnostics;
    expect(over).toHaveLength(MAX_DIAGNOSTICS);
    expect(over[MAX_DIAGNOSTICS - 1]?.code).toBe('pdl/too-many-errors');
    expect(over[MAX_DIAGNOSTICS - 1]?.message).toBe('and 6 more diagnostics, not shown');
  });

  it('200 KB of garbage under the size limit is read: one error a line, capped', () => {
    const text = garbage(20_000);
    expect(text.length).toBeLessThan(MAX_POLICY_CHARS);
    const result = compile(text).diagnostics;
    expect(result).toHaveLength(MAX_DIAGNOSTICS);
    expect(result[MAX_DIAGNOSTICS - 1]?.message).toBe(`and ${20_000 - MAX_DIAGNOSTICS + 1} more diagnostics, not shown`);
  }, 60_000);

  it('lexing errors past the diagnostics limit are counted, not made: the count and the first shown are as before', () => {
    // 1,000 events whose names are too long: a lexing error each, nothing else.
    const names = Array.from({ length: 1000 }, (_, i) => `e${String(i).padStart(MAX_NAME_LENGTH, '0')}`);
    const text = HEAD + names.map((n) => `event ${n}\n`).join('');
    expect(parse(text).lexErrors).toHaveLength(1000);
    const result = compile(text);
    expect(result.diagnostics).toHaveLength(MAX_DIAGNOSTICS);
    expect(result.diagnostics.slice(0, -1).map((d) => `${d.code}@${d.range.startLine}`)).toEqual(names.slice(0, MAX_DIAGNOSTICS - 1).map((_, i) => `pdl/name-too-long@${11 + i}`));
    expect(result.diagnostics.at(-1)?.message).toBe(`and ${1000 - (MAX_DIAGNOSTICS - 1)} more diagnostics, not shown`);
    // The formatter reports the same (and formats the file: a name too long loses nothing).
    expect(formatPolicy(text).diagnostics).toEqual(result.diagnostics);
  });

  it('a lone `!` is an unrecognised character, taken in runs as the others (500,000 of them once cost 1.8 s of recovery; 200,000 here)', () => {
    const bangs = compile(HEAD + 'x ' + '!'.repeat(200_000) + ' != y\n');
    const lexErrors = bangs.diagnostics.filter((d) => d.code === 'pdl/lex-error');
    expect(lexErrors).toHaveLength(1);
    expect(lexErrors[0]?.message).toMatch(/^unexpected character `!{40}\.\.\.`$/);
    // One run, from the first `!` to the last; `!=` is still the operator.
    expect([lexErrors[0]?.range.start, lexErrors[0]?.range.end]).toEqual([HEAD.length + 2, HEAD.length + 2 + 200_000]);
  });

  it('control characters from the file are escaped in messages, never printed raw', () => {
    const result = compile(`${HEAD}${deadline('')}\u001b[31m\u0007\n`);
    expect(result.diagnostics[0]?.message).toBe('unexpected character `\\u001b[` (and 1 more on this line)');
    expect(result.diagnostics.every((d) => !/[\u0000-\u001f]/.test(d.message))).toBe(true);
  });
});

describe('"did you mean": a bounded edit distance', () => {
  /** The full Levenshtein table, for comparison. */
  function editDistance(a: string, b: string): number {
    const row = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
      let previous = row[0]!;
      row[0] = i;
      for (let j = 1; j <= b.length; j++) {
        const current = row[j]!;
        row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
        previous = current;
      }
    }
    return row[b.length]!;
  }
  let seed = 7;
  const random = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const word = (): string => Array.from({ length: Math.floor(random() * 10) }, () => 'abc_'[Math.floor(random() * 4)]).join('');

  it('equals the full distance whenever that is within the bound, and exceeds the bound otherwise', () => {
    for (let k = 0; k < 5_000; k++) {
      const a = word();
      const b = word();
      const bound = Math.floor(random() * 5);
      const full = editDistance(a, b);
      const banded = boundedEditDistance(a, b, bound);
      if (full <= bound) expect(banded).toBe(full);
      else expect(banded).toBeGreaterThan(bound);
    }
  });

  it('suggests what the full distance would: the first of the closest, within a third of the name', () => {
    const naive = (name: string, candidates: readonly string[]): string | undefined => {
      let best: string | undefined;
      let score = Infinity;
      for (const c of candidates) {
        const d = editDistance(name, c);
        if (d < score) [best, score] = [c, d];
      }
      return best !== undefined && score <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined;
    };
    for (let k = 0; k < 3_000; k++) {
      const name = word();
      const candidates = Array.from({ length: 1 + Math.floor(random() * 6) }, word);
      expect(suggest(name, candidates)).toBe(naive(name, candidates));
    }
  });
});

describe('reporting lines and templates', () => {
  it('a reporting line of 3,000 roles compiles; a circle through them is reported once, at the first name', () => {
    const roles = (n: number, circle: boolean): string =>
      'policy a.b\n  title "T"\n\n' + Array.from({ length: n }, (_, i) => `role r${String(i).padStart(5, '0')} "R" reports to r${String(i + 1).padStart(5, '0')}\n`).join('') + (circle ? `role r${String(n).padStart(5, '0')} "R" reports to r00000\n` : `role r${String(n).padStart(5, '0')} "R"\n`);
    expect(compile(roles(3_000, false)).diagnostics).toEqual([]);
    const circle = compile(roles(3_000, true)).diagnostics;
    expect(codes(circle)).toEqual(['pdl/reporting-cycle']);
    expect(circle[0]?.range.startLine).toBe(4);
    expect(circle[0]?.message.startsWith('reporting lines go round in a circle: `r00000` reports to `r00001`')).toBe(true);
  }, 60_000);

  it(`a template nesting ${MAX_TEMPLATE_NESTING} blocks is fine; ${MAX_TEMPLATE_NESTING + 1}, or 4,000, is pdl/invalid-template`, () => {
    const nested = (n: number): string => HEAD + deadline(`  notify "x" body "${'{{#if obligation.due}}'.repeat(n)}y${'{{/if}}'.repeat(n)}"\n`);
    expect(compile(nested(MAX_TEMPLATE_NESTING)).diagnostics).toEqual([]);
    for (const n of [MAX_TEMPLATE_NESTING + 1, 4_000]) {
      const over = compile(nested(n)).diagnostics;
      expect(codes(over)).toEqual(['pdl/invalid-template']);
      expect(over[0]?.message).toBe(`the template nests its blocks ${n} deep, more than ${MAX_TEMPLATE_NESTING}`);
    }
  });
});

describe('case limits', () => {
  const policy = compile(HEAD + deadline('')).policy!;
  const evaluate = (events: unknown[], dob = '2015-01-01'): ReturnType<typeof policy.evaluate> => policy.evaluate({ id: 'c', child: { dob }, facts: { x: true }, events }, '2025-09-01');
  const undeclared = (n: number): unknown[] => Array.from({ length: n }, (_, i) => ({ type: `nope${i}`, date: '2025-01-01' }));

  it(`${MAX_CASE_ERRORS} errors are all reported; past that, one case/too-many-errors counts the rest`, () => {
    const at = evaluate(undeclared(MAX_CASE_ERRORS));
    expect(at.ok ? [] : at.errors.map((e) => e.code)).toEqual(Array(MAX_CASE_ERRORS).fill('case/unknown-event-type'));
    const over = evaluate(undeclared(MAX_CASE_ERRORS + 7));
    if (over.ok) throw new Error('expected errors');
    expect(over.errors).toHaveLength(MAX_CASE_ERRORS + 1);
    expect(over.errors[MAX_CASE_ERRORS]).toMatchObject({ code: 'case/too-many-errors', path: '$', params: { more: 7, limit: MAX_CASE_ERRORS } });
  });

  it(`${MAX_EVENTS} events are validated (and their errors capped); one more is case/too-many-events alone`, () => {
    const at = evaluate(undeclared(MAX_EVENTS));
    if (at.ok) throw new Error('expected errors');
    expect(at.errors[MAX_CASE_ERRORS]).toMatchObject({ code: 'case/too-many-errors', params: { more: MAX_EVENTS - MAX_CASE_ERRORS } });
    const valid = evaluate(Array.from({ length: MAX_EVENTS }, (_, i) => ({ type: i % 2 === 0 ? 'e' : 'f', date: '2025-01-01' })));
    expect(valid.ok).toBe(true);
    const over = evaluate(undeclared(MAX_EVENTS + 1));
    if (over.ok) throw new Error('expected errors');
    expect(over.errors.map((e) => [e.code, e.path])).toEqual([['case/too-many-events', 'events']]);
    expect(evaluate(undeclared(1_000_000)).ok).toBe(false);
  }, 60_000);

  it('a birth date after every event is reported: every event is counted before birth', () => {
    const result = evaluate([{ type: 'e', date: '2025-01-01' }, { type: 'f', date: '2025-01-03' }], '2025-06-01');
    if (!result.ok) throw new Error('expected a result');
    expect(result.result.notices.map((n) => [n.code, n.params])).toContainEqual(['notice/events-before-birth', { count: 2 }]);
  });
});

describe('duplicate keys and bytes that are not UTF-8', () => {
  it('locateJson finds every property name that repeats one of its object, at its place', () => {
    const text = '{"a": 1, "b": {"c": 1, "c": 2}, "a": 3, "d": [{"e": 1}, {"e": 2}]}';
    expect(duplicateKeys(text).map((s) => text.slice(s.start, s.end))).toEqual(['"c"', '"a"']);
    expect(duplicateKeys(text).map((s) => s.start)).toEqual([23, 32]);
    const located = locateJson('{"a": 1}');
    expect(located.ok && located.duplicates).toEqual([]);
  });

  it('the first byte that is not UTF-8 is found (bad starts, truncations, overlongs, surrogates)', () => {
    const at = (bytes: number[]): number => firstInvalidByte(Uint8Array.from(bytes));
    expect(at([0x61, 0xc3, 0xa9, 0x62])).toBe(4); // é: valid
    expect(at([0x61, 0xff])).toBe(1);
    expect(at([0x61, 0xc3])).toBe(1);
    expect(at([0xc0, 0xaf])).toBe(0); // overlong
    expect(at([0xed, 0xa0, 0x80])).toBe(0); // a surrogate
    expect(at([0xf0, 0x9f, 0x98, 0x80, 0x80])).toBe(4); // an emoji, then a stray continuation byte
  });

  const scratch = join(ROOT, 'test-artifacts', `limits-${process.pid}`);
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('pdl evaluate refuses a repeated key and a file that is not UTF-8, naming the place only', async () => {
    mkdirSync(scratch, { recursive: true });
    const repeated = join(scratch, 'repeated.json');
    writeFileSync(repeated, '{"id": "c", "child": {"dob": "SECRET-1", "dob": "2015-01-01"},\n "events": []}');
    const run = await pdlHere(['evaluate', 'policies/england/statutory-reviews.pdl', repeated, '--as-of', '2025-09-01']);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/repeated\.json: line 1, column 42: a property name repeats an earlier one of the same object/);
    expect(run.stderr).not.toContain('SECRET');
    const bytes = join(scratch, 'bytes.json');
    writeFileSync(bytes, Buffer.concat([Buffer.from('{"id": "c",\n "child": {"dob": "'), Buffer.from([0xff]), Buffer.from('"}, "events": []}')]));
    const bad = await pdlHere(['evaluate', 'policies/england/statutory-reviews.pdl', bytes, '--as-of', '2025-09-01']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/cannot read .*bytes\.json: not valid UTF-8 \(line 2, column 20\)/);
  }, IN_PROCESS_TIMEOUT_MS);
});

describe('an extended policy\'s calendar warnings', () => {
  it('stay in the parent file: the child is not told about lines it does not have', () => {
    const parent = 'policy p.parent\n  title "P"\n\ncalendar england-and-wales\n  closed 2025-01-04\n  open 2025-03-05\n\nrole iro "IRO"\n';
    const host: CompilerHost = { findPolicy: (id) => (id === 'p.parent' ? { uri: 'parent.pdl', text: parent } : undefined) };
    expect(compile('policy p.child extends p.parent\n  title "C"\n', { uri: 'child.pdl', host }).diagnostics).toEqual([]);
    const own = compile(parent, { uri: 'parent.pdl' }).diagnostics;
    expect(own.map((d) => [d.code, d.uri, d.range.startLine])).toEqual([
      ['pdl/calendar-closed-on-non-working-day', 'parent.pdl', 5],
      ['pdl/calendar-open-not-a-holiday', 'parent.pdl', 6],
    ]);
  });
});

describe('the formatter and the limits', () => {
  it('refuses a file with a line nested too deep (the line was left out: formatting would drop it)', () => {
    const text = HEAD + deadline(`  when ${'('.repeat(MAX_NESTING + 1)}x${')'.repeat(MAX_NESTING + 1)}\n`);
    const result = formatPolicy(text);
    expect(result.text).toBeUndefined();
    expect(codes(result.diagnostics)).toContain('pdl/nesting-too-deep');
  });
});
