/**
 * The longest duration (runtime/units.ts, `MAX_DURATION_DAYS`: 100 years at its shortest). The
 * compiler rejects longer ones (`pdl/duration-too-long`, test/cases/durations/bad/too-long.pdl); an
 * IR that carries one anyway is a `MalformedIrError` when prepared, not 20 seconds of counting working
 * days or a lost-precision date (issue 15).
 */
import { describe, expect, it } from 'vitest';
import { compile } from '../../compiler/index.ts';
import { MAX_DURATION_DAYS, durationTooLong } from '../../runtime/units.ts';
import { MalformedIrError, preparePolicy } from '../../runtime/index.ts';
import type { IrRule, PolicyIR } from '../../runtime/index.ts';

describe('the duration limit', () => {
  it('is 100 years: the largest amount of each unit allowed, worked out by hand', () => {
    expect(MAX_DURATION_DAYS).toBe(36_525);
    const largest: [Parameters<typeof durationTooLong>[1], number][] = [
      ['days', 36_525],
      ['working_days', 26_089], // 26,089 + 2 x 5,217 weekend days = 36,523; 26,090 + 2 x 5,218 = 36,526
      ['weeks', 5_217], // 36,519 days
      ['months', 1_304], // 36,512 days at 28 a month
      ['years', 100], // 36,500 days
    ];
    for (const [unit, amount] of largest) {
      expect(durationTooLong(amount, unit), `${amount} ${unit}`).toBe(false);
      expect(durationTooLong(amount + 1, unit), `${amount + 1} ${unit}`).toBe(true);
    }
  });

  it('an IR with a longer offset is refused when prepared', () => {
    const text = [
      'policy example.limit',
      '  title "Limit"',
      'role social_worker "Social worker"',
      'event became_looked_after "Looked after"',
      'event done "Done"',
      'deadline a "A"',
      '  owner social_worker',
      '  due within 20 working days of became_looked_after',
      '  met by done',
      '  cite "1"',
      '',
    ].join('\n');
    const ir = compile(text, { uri: 'limit.pdl' }).ir as PolicyIR;
    expect(() => preparePolicy(ir)).not.toThrow();
    const rule = ir.rules[0] as IrRule & { due: { offset: { amount: number } } };
    const huge = { ...ir, rules: [{ ...rule, due: { ...rule.due, offset: { ...rule.due.offset, amount: 2_147_483_648 } } }] } as PolicyIR;
    expect(() => preparePolicy(huge)).toThrow(MalformedIrError);
    expect(() => preparePolicy(huge)).toThrow(/longer than 100 years/);
  });
});
