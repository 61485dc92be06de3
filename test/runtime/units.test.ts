/**
 * Tests of the one table of duration units (`runtime/units.ts`), walked through every stage that
 * reads it: for every unit and every spelling (singular with 1, plural with 3) the words lex as unit
 * words, parse into that unit, print and format back as written, compute a due date at least the
 * unit's minimum days away, appear in the evaluator's explanation and in the generated docs, and are
 * offered by the playground's completion after a number. Plus the table's own invariants and the
 * diagnostic for words that make no unit.
 *
 * Input: a small policy text per spelling, built here. Output: assertions only.
 */
import { tokenMatcher } from 'chevrotain';
import { describe, expect, it } from 'vitest';
import { lex, UnitWord } from '../../grammar/tokens.ts';
import { compile, formatPolicy, parseToAst, printPolicy } from '../../compiler/index.ts';
import { printDuration } from '../../compiler/ast/print.ts';
import { durationText, renderPolicyDocs } from '../../compiler/emit/docs/index.ts';
import { completions } from '../../playground/src/completion.ts';
import { shifter } from '../../runtime/explain.ts';
import { englandAndWalesCalendar } from '../../runtime/calendar.ts';
import { fromYmd } from '../../runtime/dates.ts';
import {
  DURATION_UNIT_NAMES,
  DURATION_UNITS,
  UNIT_SPELLINGS,
  UNIT_WORDS,
  minimumCalendarDays,
  unitDocsWords,
  unitOfWords,
  unitSpec,
  unitWords,
} from '../../runtime/units.ts';
import type { DurationUnit } from '../../runtime/units.ts';

function policyText(amount: number, words: string): string {
  return [
    'policy test.units',
    '  title "Units"',
    '',
    'role iro "Independent Reviewing Officer"',
    '',
    'event became_looked_after',
    'event review_held',
    '',
    'deadline first_review "First review"',
    '  owner iro',
    `  due within ${amount} ${words} of became_looked_after`,
    '  met by review_held',
    '  cite "reg 33(1)"',
    '',
  ].join('\n');
}

/** Every (unit, amount, words) the table allows: each spelling, singular with 1 and plural with 3. */
const CASES: { unit: DurationUnit; amount: number; words: string }[] = DURATION_UNIT_NAMES.flatMap((unit) =>
  unitSpec(unit).spellings.flatMap((s) => [
    { unit, amount: 1, words: s.one },
    { unit, amount: 3, words: s.many },
  ]),
);

describe('the table of duration units', () => {
  it('gives every spelling to one unit only, in lowercase words, with a plural unlike its singular', () => {
    const all = DURATION_UNIT_NAMES.flatMap((u) => unitSpec(u).spellings.flatMap((s) => [s.one, s.many]));
    expect(new Set(all).size).toBe(all.length);
    expect(UNIT_SPELLINGS).toEqual(all);
    for (const u of DURATION_UNIT_NAMES) for (const s of unitSpec(u).spellings) expect(s.one).not.toBe(s.many);
    for (const w of UNIT_WORDS) expect(w).toMatch(/^[a-z]+$/);
    expect(Object.keys(DURATION_UNITS)).toEqual([...DURATION_UNIT_NAMES]);
  });

  it('never spans fewer calendar days than its minimum (400 anchors, working days from a working day; amounts 0-12)', () => {
    const calendar = englandAndWalesCalendar();
    const start = fromYmd(2024, 12, 1);
    for (const unit of DURATION_UNIT_NAMES) {
      for (let amount = 0; amount <= 12; amount++) {
        const after = shifter({ amount, unit }, 'after', calendar);
        let tightest = Infinity;
        for (let a = start; a < start + 400; a++) {
          if (unit === 'working_days' && !calendar.isWorkingDay(a)) continue;
          const span = after(a) - a;
          expect(span).toBeGreaterThanOrEqual(minimumCalendarDays(amount, unit));
          tightest = Math.min(tightest, span);
        }
        // The minimum is reached (for months and years, by one of them: several are longer together).
        if (amount <= 1 || unitSpec(unit).arithmetic.kind !== 'months') expect(tightest).toBe(minimumCalendarDays(amount, unit));
      }
    }
  });

  it('reports words that make no unit, naming every unit', () => {
    const result = compile(policyText(3, 'working months'));
    const d = result.diagnostics.find((x) => x.code === 'pdl/invalid-duration');
    expect(d?.message).toBe('`working months` is not a unit');
    for (const u of DURATION_UNIT_NAMES) expect(d?.help).toContain(`\`${unitWords(u, 2)}\``);
    expect(result.ir).toBeUndefined();
  });

  it('still reports a duration without a unit', () => {
    expect(compile(policyText(3, '')).diagnostics.map((d) => d.code)).toContain('pdl/duration-without-unit');
  });
});

describe.each(CASES)('$amount $words', ({ unit, amount, words }) => {
  const text = policyText(amount, words);

  it('lexes as unit words', () => {
    const tokens = lex(words).tokens.filter((t) => t.image.trim() !== '');
    expect(tokens.map((t) => t.image)).toEqual(words.split(' '));
    for (const t of tokens) expect(tokenMatcher(t, UnitWord)).toBe(true);
  });

  it(`parses into \`${unit}\` and prints and formats back as written`, () => {
    const { ast, diagnostics } = parseToAst(text, 'units.pdl');
    expect(diagnostics).toEqual([]);
    expect(ast).toBeDefined();
    if (ast === undefined) return;
    expect(printPolicy(ast)).toContain(`due within ${amount} ${words} of became_looked_after`);
    expect(formatPolicy(text).text).toBe(text);
    expect(printDuration({ amount, unit, range: ast.range })).toBe(`${amount} ${unitWords(unit, amount)}`);
    expect(unitOfWords(words)).toBe(unit);
  });

  it('compiles to the IR unit, and the explanation says it in the canonical words', () => {
    const { ir, policy, diagnostics } = compile(text);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(ir?.rules[0]?.kind === 'deadline' ? ir.rules[0].due.offset : undefined).toEqual({ amount, unit });
    const evaluation = policy?.evaluate(
      { id: 'c1', child: { dob: '2015-03-02' }, events: [{ type: 'became_looked_after', date: '2025-04-14' }] },
      '2025-04-15',
    );
    expect(evaluation?.ok).toBe(true);
    const o = evaluation?.ok === true ? evaluation.result.obligations[0] : undefined;
    // `3 weeks (21 days) after ...`: the words, then what they come to in days where that helps.
    expect(o?.explanation).toMatch(new RegExp(`: ${amount} ${unitWords(unit, amount)}( \\(\\d+ days\\))? after became_looked_after on Mon 14 Apr 2025 is `));
  });

  it('appears in the generated docs in the docs words', () => {
    const { ir } = compile(text);
    expect(ir).toBeDefined();
    if (ir === undefined) return;
    expect(durationText({ amount, unit })).toBe(`${amount} ${unitDocsWords(unit, amount)}`);
    expect(renderPolicyDocs(ir, { sourceFile: 'units.pdl' }).markdown).toContain(`${amount} ${unitDocsWords(unit, amount)}`);
  });

  it('is offered, word by word, by the playground completion after a number', () => {
    const lines = text.split('\n');
    const line = lines.findIndex((l) => l.includes('due within')) + 1;
    const column = `  due within ${amount} `.length + 1;
    const labels = completions(text, line, column, undefined).map((e) => e.label);
    for (const w of words.split(' ')) expect(labels).toContain(w);
  });
});
