/**
 * The calendar a policy names, end to end: `calendar scotland` / `calendar northern-ireland` through
 * compile and evaluate (due dates skip the division's own holidays), the unknown-name diagnostic with
 * "did you mean", the closed/open warnings on the chosen calendar, what `extends` does with calendars,
 * the emitted TypeScript module, and `pdl evaluate --holidays` reading the policy's division.
 *
 * Input: small policies written here; test/data/gov-uk-bank-holidays.json (the official feed).
 * Output: vitest assertions. Case data here is invented.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { compile, type Diagnostic } from '../../compiler/index.ts';
import { emitTypeScript } from '../../compiler/emit/typescript.ts';
import type { EvaluationResult, Obligation } from '../../runtime/index.ts';
import { ensureLibBuilt, loadModule, writeModule } from '../emit/emitted.ts';
import { pdlHere } from '../support/processes.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SCRATCH = mkdtempSync(join(tmpdir(), 'pdl-calendars-'));
afterAll(() => rmSync(SCRATCH, { recursive: true, force: true }));

/** A policy with one deadline of `days` working days from `became_looked_after`, on `calendar`. */
function policy(id: string, calendarLines: string, days = 5, parent?: string): string {
  return [
    `policy ${id}${parent !== undefined ? ` extends ${parent}` : ''}`,
    `  title "Calendar test ${id}"`,
    '',
    calendarLines,
    '',
    ...(parent !== undefined
      ? []
      : [
          'role iro "Independent Reviewing Officer"',
          'event became_looked_after',
          'event review_held',
          '',
          'deadline first_review "First review"',
          '  owner iro',
          `  due within ${days} working days of became_looked_after`,
          '  met by review_held',
          '  cite "test"',
        ]),
    '',
  ].join('\n');
}

/** A host that finds the policies given, by id. */
function hostOf(policies: Record<string, string>) {
  return {
    findPolicy: (id: string) => (policies[id] === undefined ? undefined : { uri: `${id}.pdl`, text: policies[id] }),
  };
}

const caseFrom = (date: string) => ({ id: 'case-1', child: { dob: '2015-01-01' }, facts: {}, events: [{ type: 'became_looked_after', date }] });

/** The first obligation of a policy for a case starting on `date`, as of the next day. */
function firstObligation(text: string, date: string, host = hostOf({})): Obligation {
  const compiled = compile(text, { uri: 'test.pdl', host });
  expect(compiled.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const evaluation = compiled.policy!.evaluate(caseFrom(date), date);
  if (!evaluation.ok) throw new Error(JSON.stringify(evaluation.errors));
  const first = evaluation.result.obligations[0];
  if (first === undefined) throw new Error('no obligation');
  return first;
}

const codes = (ds: readonly Diagnostic[]): string[] => ds.map((d) => d.code);

describe('a policy on the Scottish or Northern Irish calendar', () => {
  it('counts a deadline past St Andrew’s Day only on `calendar scotland`', () => {
    // Wed 25 Nov 2026 + 5 working days; Mon 30 Nov 2026 is St Andrew's Day.
    const scottish = firstObligation(policy('test.scotland', 'calendar scotland'), '2026-11-25');
    expect(scottish.due).toBe('2026-12-03');
    expect(scottish.explanation).toContain('St Andrew’s Day');
    const english = firstObligation(policy('test.england', 'calendar england-and-wales'), '2026-11-25');
    expect(english.due).toBe('2026-12-02');
    expect(english.explanation).not.toContain('St Andrew');
    const northernIrish = firstObligation(policy('test.ni', 'calendar northern-ireland'), '2026-11-25');
    expect(northernIrish.due).toBe('2026-12-02');
  });

  it('counts a deadline past St Patrick’s Day only on `calendar northern-ireland`', () => {
    // Mon 16 Mar 2026 + 1 working day; Tue 17 Mar 2026 is St Patrick's Day.
    expect(firstObligation(policy('test.ni', 'calendar northern-ireland', 1), '2026-03-16').due).toBe('2026-03-18');
    expect(firstObligation(policy('test.scotland', 'calendar scotland', 1), '2026-03-16').due).toBe('2026-03-17');
    expect(firstObligation(policy('test.default', '', 1), '2026-03-16').due).toBe('2026-03-17');
  });

  it('applies the policy’s own open and closed days to the chosen calendar', () => {
    // St Andrew's Day worked: Thu 26, Fri 27, Mon 30, Tue 1, Wed 2.
    const open = policy('test.scotland_open', 'calendar scotland\n  open 2026-11-30 "St Andrew’s Day worked"');
    expect(firstObligation(open, '2026-11-25').due).toBe('2026-12-02');
    // And Thu 26 closed: Fri 27, Mon 30, Tue 1, Wed 2, Thu 3.
    const both = policy('test.scotland_open', 'calendar scotland\n  open 2026-11-30 "St Andrew’s Day worked"\n  closed 2026-11-26 "Closure"');
    expect(firstObligation(both, '2026-11-25').due).toBe('2026-12-03');
    expect(firstObligation(both, '2026-11-25').explanation).toContain('Closure');
  });

  it('records the chosen calendar in the IR', () => {
    for (const name of ['england-and-wales', 'scotland', 'northern-ireland'] as const) {
      expect(compile(policy('test.ir', `calendar ${name}`), { uri: 'test.pdl' }).ir?.calendar.base).toBe(name);
    }
    expect(compile(policy('test.ir', ''), { uri: 'test.pdl' }).ir?.calendar.base).toBe('england-and-wales');
  });
});

describe('the calendar name', () => {
  it('is an error when unknown, with "did you mean" and the list of calendars', () => {
    const typo = compile(policy('test.typo', 'calendar scotand'), { uri: 'test.pdl' });
    expect(typo.ir).toBeUndefined();
    expect(codes(typo.diagnostics)).toEqual(['pdl/unknown-calendar']);
    const d = typo.diagnostics[0]!;
    expect(d.severity).toBe('error');
    expect(d.message).toBe('unknown calendar `scotand`');
    expect(d.help).toBe('did you mean `scotland`? the calendars provided: `england-and-wales`, `scotland`, `northern-ireland`');
    expect(d.range.startLine).toBe(4);
    expect(d.range.startColumn).toBe(10);
    const ni = compile(policy('test.typo', 'calendar northern-irland'), { uri: 'test.pdl' }).diagnostics[0];
    expect(ni?.help).toContain('did you mean `northern-ireland`?');
    const far = compile(policy('test.far', 'calendar wales'), { uri: 'test.pdl' }).diagnostics[0];
    expect(far?.code).toBe('pdl/unknown-calendar');
    expect(far?.help).toBe('the calendars provided: `england-and-wales`, `scotland`, `northern-ireland`');
  });

  it('checks closed and open days against the chosen calendar', () => {
    const lines = (name: string): string => `calendar ${name}\n  closed 2026-11-30 "St Andrew’s Day"\n  open 2026-04-06 "Easter Monday"\n  open 2026-03-17 "St Patrick’s Day"`;
    const warnings = (name: string): string[] =>
      compile(policy('test.warnings', lines(name)), { uri: 'test.pdl' }).diagnostics.map((d) => `${d.code} ${d.range.startLine}`);
    // England and Wales: St Andrew's Day is a working day (closing it is fine), Easter Monday is a
    // holiday (opening it is fine), St Patrick's Day is not a holiday.
    expect(warnings('england-and-wales')).toEqual(['pdl/calendar-open-not-a-holiday 7']);
    expect(warnings('scotland')).toEqual([
      'pdl/calendar-closed-on-non-working-day 5',
      'pdl/calendar-open-not-a-holiday 6',
      'pdl/calendar-open-not-a-holiday 7',
    ]);
    expect(warnings('northern-ireland')).toEqual([]);
    const scottish = compile(policy('test.warnings', lines('scotland')), { uri: 'test.pdl' }).diagnostics[0]!;
    expect(scottish.message).toContain('St Andrew’s Day');
    expect(scottish.help).toBe('working days are counted on the `scotland` calendar (the bank holidays of Scotland)');
  });
});

describe('calendars and extends', () => {
  const parent = policy('test.scottish_parent', 'calendar scotland\n  closed 2026-12-24 "Christmas Eve closure"');
  const neutral = policy('test.neutral_parent', '');
  const northernIrish = 'policy test.ni_parent\n  title "NI"\n\ncalendar northern-ireland\n';
  const host = hostOf({ 'test.scottish_parent': parent, 'test.neutral_parent': neutral, 'test.ni_parent': northernIrish });

  it('a child inherits its parent’s calendar and closure days', () => {
    const child = policy('test.child', '', 5, 'test.scottish_parent');
    const compiled = compile(child, { uri: 'child.pdl', host });
    expect(compiled.diagnostics).toEqual([]);
    expect(compiled.ir?.calendar).toEqual({ base: 'scotland', add: [{ date: '2026-12-24', name: 'Christmas Eve closure' }], remove: [] });
    expect(firstObligation(child, '2026-11-25', host).due).toBe('2026-12-03');
    // A grandchild through a child without a calendar line inherits it too.
    const grandchild = policy('test.grandchild', '', 5, 'test.child');
    const grand = compile(grandchild, { uri: 'grandchild.pdl', host: hostOf({ 'test.scottish_parent': parent, 'test.child': child }) });
    expect(grand.ir?.calendar.base).toBe('scotland');
  });

  it('a child may repeat its parent’s calendar to add days of its own; the parent’s days are not re-checked', () => {
    const child = policy('test.child', 'calendar scotland\n  closed 2026-12-31 "Hogmanay closure"', 5, 'test.scottish_parent');
    const compiled = compile(child, { uri: 'child.pdl', host });
    expect(compiled.diagnostics).toEqual([]);
    expect(compiled.ir?.calendar.base).toBe('scotland');
    expect(compiled.ir?.calendar.add.map((a) => a.date)).toEqual(['2026-12-24', '2026-12-31']);
  });

  it('a child naming another calendar than its parent is an error pointing at both', () => {
    const child = policy('test.child', 'calendar england-and-wales', 5, 'test.scottish_parent');
    const compiled = compile(child, { uri: 'child.pdl', host });
    expect(compiled.ir).toBeUndefined();
    expect(codes(compiled.diagnostics)).toEqual(['pdl/calendar-mismatch']);
    const d = compiled.diagnostics[0]!;
    expect(d.severity).toBe('error');
    expect(d.uri).toBe('child.pdl');
    expect(d.message).toBe('`test.scottish_parent`, which this policy extends, counts working days on the `scotland` calendar, not `england-and-wales`');
    expect(d.help).toContain('write `calendar scotland`');
    expect(d.related?.[0]?.uri).toBe('test.scottish_parent.pdl');
  });

  it('a parent without a calendar line leaves the choice to its children', () => {
    const child = policy('test.child', 'calendar northern-ireland', 5, 'test.neutral_parent');
    const compiled = compile(child, { uri: 'child.pdl', host });
    expect(compiled.diagnostics).toEqual([]);
    expect(compiled.ir?.calendar.base).toBe('northern-ireland');
    expect(firstObligation(child, '2026-03-16', host).due).toBe('2026-03-24'); // 5 working days, St Patrick's Day skipped
    expect(compile(policy('test.child', '', 5, 'test.neutral_parent'), { uri: 'child.pdl', host }).ir?.calendar.base).toBe('england-and-wales');
  });

  it('extending two policies on different calendars, or naming two calendars, is an error', () => {
    const both = 'policy test.both extends test.scottish_parent\n  title "Both"\n  extends test.ni_parent\n';
    const compiled = compile(both, { uri: 'both.pdl', host });
    expect(codes(compiled.diagnostics)).toEqual(['pdl/calendar-mismatch']);
    expect(compiled.diagnostics[0]?.related?.map((r) => r.uri)).toEqual(['test.scottish_parent.pdl', 'test.ni_parent.pdl']);
    const two = compile(policy('test.two', 'calendar scotland\n\ncalendar northern-ireland'), { uri: 'two.pdl' });
    expect(codes(two.diagnostics)).toEqual(['pdl/calendar-mismatch']);
    expect(two.diagnostics[0]?.range.startLine).toBe(6);
    // The same name twice is fine: the days of both lines count.
    expect(compile(policy('test.twice', 'calendar scotland\n  closed 2026-12-24 "A"\n\ncalendar scotland\n  closed 2026-12-31 "B"'), { uri: 'twice.pdl' }).diagnostics).toEqual([]);
  });
});

describe('the emitted module', () => {
  it('evaluates a Scottish policy as the interpreter does', { timeout: 180_000 }, async () => {
    ensureLibBuilt();
    const compiled = compile(policy('test.emitted_scotland', 'calendar scotland'), { uri: 'emitted-scotland.pdl' });
    const ir = compiled.ir!;
    const emitted = emitTypeScript(ir, { policyFile: 'emitted-scotland.pdl', baseName: 'emitted-scotland', pdlVersion: '0.0.0-test' });
    expect(emitted.ts).toContain('base: "scotland"');
    const dir = join(ROOT, 'test-artifacts', `calendars-${process.pid}`);
    try {
      writeModule(dir, 'emitted-scotland', emitted);
      const mod = await loadModule(dir, 'emitted-scotland');
      expect(mod.POLICY_IR.calendar.base).toBe('scotland');
      const result = mod.evaluate(caseFrom('2026-11-25'), '2026-11-26');
      expect(result.ok).toBe(true);
      const obligations = (result as { ok: true; result: EvaluationResult }).result.obligations;
      expect(obligations[0]?.due).toBe('2026-12-03');
      const interpreted = compiled.policy!.evaluate(caseFrom('2026-11-25'), '2026-11-26');
      expect(interpreted.ok && interpreted.result.obligations).toEqual(obligations);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('pdl evaluate --holidays', () => {
  // In this process (test/support/processes.ts): what is checked is what pdl prints and its exit code.
  const run = (args: readonly string[]) => pdlHere(args);

  it('reads the division of the policy’s calendar from a gov.uk file', { timeout: 120_000 }, async () => {
    const policyFile = join(SCRATCH, 'scotland.pdl');
    const caseFile = join(SCRATCH, 'case.json');
    writeFileSync(policyFile, policy('test.cli_scotland', 'calendar scotland'));
    writeFileSync(caseFile, JSON.stringify(caseFrom('2026-11-25')));
    const official = await run(['evaluate', policyFile, caseFile, '--as-of', '2026-11-26', '--json', '--holidays', 'test/data/gov-uk-bank-holidays.json']);
    expect(official.stderr).toBe('');
    expect(official.status).toBe(0);
    const result = JSON.parse(official.stdout) as EvaluationResult;
    expect(result.obligations[0]?.due).toBe('2026-12-03');
    expect(result.obligations[0]?.explanation).toContain('St Andrew’s Day');

    // A file whose `scotland` division lists no St Andrew's Day: the deadline is a day earlier.
    const onlyEnglish = join(SCRATCH, 'english-only.json');
    writeFileSync(onlyEnglish, JSON.stringify({ scotland: { division: 'scotland', events: [{ title: 'Christmas Day', date: '2026-12-25', notes: '', bunting: true }] } }));
    const custom = await run(['evaluate', policyFile, caseFile, '--as-of', '2026-11-26', '--json', '--holidays', onlyEnglish]);
    expect(custom.status).toBe(0);
    expect((JSON.parse(custom.stdout) as EvaluationResult).obligations[0]?.due).toBe('2026-12-02');

    // A file without the division: exit 2, naming the division and the path.
    const wrong = join(SCRATCH, 'wrong.json');
    writeFileSync(wrong, JSON.stringify({ 'england-and-wales': { division: 'england-and-wales', events: [] } }));
    const missing = await run(['evaluate', policyFile, caseFile, '--as-of', '2026-11-26', '--holidays', wrong]);
    expect(missing.status).toBe(2);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toContain('$: no division `scotland`');
  });
});
