/**
 * The worker's engine (playground/src/engine.ts): a `CheckRequest` -> diagnostics and the case's
 * outcome; compiled policies are cached by uri and text; bad JSON, bad cases, bad as-of dates,
 * policies with errors and internal exceptions each get their own answer, and it never throws.
 */
import { describe, expect, it } from 'vitest';
import type { CompilerHost } from '../../compiler/index.ts';
import { createEngine, parseCaseJson } from '../../playground/src/engine.ts';
import { createMemoryHost, policyEntriesFromModules } from '../../playground/src/host.ts';
import type { CheckRequest } from '../../playground/src/protocol.ts';
import { DEFAULT_AS_OF, EXAMPLE_LOCAL_POLICY, EXAMPLE_LOCAL_URI, sampleEntriesFromModules } from '../../playground/src/samples.ts';
import { policyModules, sampleModules, STATUTORY_URI, statutoryText } from './fixtures.ts';

const host = createMemoryHost(policyEntriesFromModules(policyModules));
const sampleText = sampleEntriesFromModules(sampleModules)[0]?.text ?? '';

function request(overrides: Partial<CheckRequest> = {}): CheckRequest {
  return { requestId: 1, policyText: statutoryText, uri: STATUTORY_URI, caseJson: sampleText, asOf: DEFAULT_AS_OF, ...overrides };
}

describe('playground engine', () => {
  it('compiles, evaluates and echoes the request id', () => {
    const response = createEngine(host).check(request({ requestId: 7 }));
    expect(response.requestId).toBe(7);
    expect(response.diagnostics).toEqual([]);
    expect(response.policy).toMatchObject({ id: 'england.statutory_reviews', version: '2010.1', ruleCount: 2 });
    expect(response.policy?.roles['iro']).toBe('Independent Reviewing Officer');
    expect(response.outcome.kind).toBe('evaluated');
    expect(response.internalError).toBeUndefined();
    // Structured-cloneable: plain JSON survives a round trip.
    expect(JSON.parse(JSON.stringify(response))).toEqual(response);
  });

  it('compiles a text once: editing only the case or the date reuses the compiled policy', () => {
    const engine = createEngine(host);
    expect(engine.check(request()).timing.cached).toBe(false);
    expect(engine.check(request({ asOf: '2025-06-01' })).timing.cached).toBe(true);
    expect(engine.check(request({ policyText: `${statutoryText}\n` })).timing.cached).toBe(false);
    // Same text under another uri is another compilation (the uri is in diagnostics and sources).
    expect(engine.check(request({ uri: 'elsewhere.pdl' })).timing.cached).toBe(false);
  });

  it('keeps a bounded number of compiled policies', () => {
    const engine = createEngine(host, 2);
    engine.check(request({ policyText: `${statutoryText}\n` }));
    engine.check(request({ policyText: `${statutoryText}\n\n` }));
    engine.check(request({ policyText: `${statutoryText}\n\n\n` }));
    expect(engine.check(request({ policyText: `${statutoryText}\n\n\n` })).timing.cached).toBe(true);
    expect(engine.check(request({ policyText: `${statutoryText}\n` })).timing.cached).toBe(false);
  });

  it('compiles a policy that extends the statutory baseline through the in-memory host', () => {
    const response = createEngine(host).check(request({ policyText: EXAMPLE_LOCAL_POLICY, uri: EXAMPLE_LOCAL_URI }));
    expect(response.diagnostics).toEqual([]);
    expect(response.outcome.kind).toBe('evaluated');
  });

  it('a policy with errors: diagnostics, and the case is not evaluated', () => {
    const response = createEngine(host).check(request({ policyText: statutoryText.replace('owner iro', 'owner irx') }));
    expect(response.diagnostics.map((d) => d.code)).toContain('pdl/unknown-role');
    expect(response.policy).toBeUndefined();
    expect(response.outcome).toMatchObject({ kind: 'not_evaluated', reason: expect.stringContaining('1 error') as unknown });
  });

  it('case JSON that does not parse is a case error at `$`', () => {
    const response = createEngine(host).check(request({ caseJson: '{ "id": ' }));
    expect(response.outcome.kind).toBe('invalid');
    if (response.outcome.kind === 'invalid') {
      expect(response.outcome.errors[0]?.path).toBe('$');
      expect(response.outcome.errors[0]?.message).toMatch(/^the case is not valid JSON/);
    }
    expect(parseCaseJson('   ')).toMatchObject({ ok: false });
  });

  it('a case that does not fit the policy, and a bad as-of date, are reported with their paths', () => {
    const engine = createEngine(host);
    const badCase = engine.check(request({ caseJson: JSON.stringify({ id: 'x', child: { dob: '2015-01-01' }, facts: {}, events: [{ type: 'nope', date: '2025-01-01' }] }) }));
    expect(badCase.outcome.kind === 'invalid' && badCase.outcome.errors.map((e) => e.path)).toEqual(['events[0].type']);
    const badDate = engine.check(request({ asOf: '' }));
    expect(badDate.outcome.kind === 'invalid' && badDate.outcome.errors.map((e) => e.path)).toEqual(['asOf']);
  });

  it('an exception inside the compiler becomes internalError instead of escaping', () => {
    const throwing: CompilerHost = {
      findPolicy() {
        throw new Error('host exploded');
      },
    };
    const response = createEngine(throwing).check(request({ policyText: EXAMPLE_LOCAL_POLICY, uri: EXAMPLE_LOCAL_URI }));
    expect(response.internalError).toContain('host exploded');
    expect(response.outcome.kind).toBe('not_evaluated');
  });
});
