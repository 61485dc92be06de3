/**
 * What a keystroke costs the worker and its channel. The engine prepares a policy once per IR (a
 * keystroke in a comment gives the IR of the text before: its prepared policy is reused). The
 * check's full answer over the worker's channel (playground/src/wire.ts): the worker leaves out
 * what the page has, the page restores it. Over a sequence of real checks by the engine (a comment
 * typed, a rule edited so that dates move, a case edit, a policy that stops and starts compiling),
 * every restored response equals the engine's own, and the result version changes exactly when the
 * results (summary, outcome, case warnings, internal error) do.
 */
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../playground/src/engine.ts';
import { createMemoryHost, policyEntriesFromModules } from '../../playground/src/host.ts';
import type { CheckRequest } from '../../playground/src/protocol.ts';
import { DEFAULT_AS_OF, sampleEntriesFromModules } from '../../playground/src/samples.ts';
import { createCheckRestorer, createCheckTrimmer } from '../../playground/src/wire.ts';
import { policyModules, sampleModules, STATUTORY_URI, statutoryText } from './fixtures.ts';

const host = createMemoryHost(policyEntriesFromModules(policyModules));
const sampleText = sampleEntriesFromModules(sampleModules)[0]?.text ?? '';

describe('check answers over the wire', () => {
  it('restores every response exactly, sending the results only when they change', () => {
    const engine = createEngine(host);
    const trim = createCheckTrimmer();
    const restorer = createCheckRestorer();
    // A number of working days in the statutory policy, changed: the case's due dates move.
    const days = /(\d+) working days/.exec(statutoryText);
    expect(days, 'the statutory policy counts working days somewhere').not.toBeNull();
    // Typed at the end of the first line, a comment (no line moves: the results carry source lines).
    expect(statutoryText.startsWith('#')).toBe(true);
    const typed = (text: string): string => text.replace(/^[^\n]*/, (line) => `${line} ${text.length}`);
    const moved = statutoryText.replace(/(\d+) working days/, `${Number(days?.[1] ?? 0) + 3} working days`);
    const steps: { name: string; request: Partial<CheckRequest>; resultsChange: boolean }[] = [
      { name: 'first check', request: {}, resultsChange: true },
      { name: 'a comment typed', request: { policyText: typed(statutoryText) }, resultsChange: false },
      { name: 'another comment keystroke', request: { policyText: typed(typed(statutoryText)) }, resultsChange: false },
      { name: 'a duration changed', request: { policyText: moved }, resultsChange: true },
      { name: 'the case re-indented', request: { policyText: moved, caseJson: JSON.stringify(JSON.parse(sampleText)) }, resultsChange: false },
      { name: 'the policy broken', request: { policyText: `${moved}\nrule` }, resultsChange: true },
      { name: 'still broken', request: { policyText: `${moved}\nrule x` }, resultsChange: false },
      { name: 'compiles again', request: { policyText: moved }, resultsChange: true },
      { name: 'another date', request: { policyText: moved, asOf: '2026-01-01' }, resultsChange: true },
      { name: 'a case that is not JSON', request: { policyText: moved, caseJson: '{' }, resultsChange: true },
    ];
    let version = 0;
    let sentResults = 0;
    let sentSchemas = 0;
    steps.forEach((step, i) => {
      const request: CheckRequest = { requestId: i + 1, policyText: statutoryText, uri: STATUTORY_URI, caseJson: sampleText, asOf: DEFAULT_AS_OF, ...step.request };
      // As the worker does: the diagnostics first, then the trimmed full answer; both cloned as postMessage would.
      const diagnostics = structuredClone(engine.diagnose(request));
      restorer.diagnostics(diagnostics);
      const full = engine.check(request);
      const wire = structuredClone(trim(full));
      expect(wire).not.toHaveProperty('diagnostics');
      expect(wire).not.toHaveProperty('symbols');
      if (wire.outcome !== undefined) sentResults++;
      if (wire.caseSchema !== undefined) sentSchemas++;
      const restored = restorer.restore(wire);
      expect(restored.response, step.name).toEqual(JSON.parse(JSON.stringify(full)));
      expect(restored.resultVersion !== version, `${step.name}: the result version changes`).toBe(step.resultsChange);
      version = restored.resultVersion;
    });
    expect(sentResults).toBe(steps.filter((s) => s.resultsChange).length);
    // The case schema follows the vocabulary: sent first, dropped while the policy does not compile, sent again.
    expect(sentSchemas).toBeLessThan(steps.length);
    expect(sentSchemas).toBeGreaterThanOrEqual(2);
  });

  it('an unchanged diagnostics answer stands for the previous one', () => {
    const engine = createEngine(host);
    const restorer = createCheckRestorer();
    const request: CheckRequest = { requestId: 1, policyText: `${statutoryText}\nrule`, uri: STATUTORY_URI, caseJson: sampleText, asOf: DEFAULT_AS_OF };
    const first = restorer.diagnostics(engine.diagnose(request));
    expect(first.diagnostics.length).toBeGreaterThan(0);
    const again = engine.diagnose({ ...request, requestId: 2, asOf: '2026-01-01' });
    expect(again.unchanged).toBe(true);
    expect(again.diagnostics).toEqual([]);
    expect(restorer.diagnostics(again).diagnostics).toEqual(first.diagnostics);
  });

  it('prepares a policy once per IR: a keystroke in a comment reuses the preparation, a rule edit does not', () => {
    const engine = createEngine(host);
    const base: CheckRequest = { requestId: 1, policyText: statutoryText, uri: STATUTORY_URI, caseJson: sampleText, asOf: DEFAULT_AS_OF };
    const first = engine.check(base);
    expect(first.outcome.kind).toBe('evaluated');
    const prepared = engine.prepares();
    expect(first.prepared).toBe(prepared);
    const typed = engine.check({ ...base, requestId: 2, policyText: statutoryText.replace(/^[^\n]*/, (line) => `${line} typed`) });
    expect(typed.timing.cached).toBe(false);
    expect(engine.prepares()).toBe(prepared);
    expect(typed.outcome).toEqual(first.outcome);
    expect(typed.caseSchema).toEqual(first.caseSchema);
    const moved = engine.check({ ...base, requestId: 3, policyText: statutoryText.replace(/(\d+) working days/, (_m, n: string) => `${Number(n) + 3} working days`) });
    expect(engine.prepares()).toBe(prepared + 1);
    expect(moved.outcome).not.toEqual(first.outcome);
  });
});
