/**
 * The playground's in-memory compiler host: policy texts keyed as Vite's glob gives them -> entries
 * with repository-relative uris, and a host that finds `england.statutory_reviews`, so that a policy
 * extending it compiles without a file system.
 */
import { describe, expect, it } from 'vitest';
import { compile } from '../../compiler/index.ts';
import { createMemoryHost, policyEntriesFromModules, policyEntry, policyIdOf, policyTitleOf, uriOfModulePath } from '../../playground/src/host.ts';
import { EXAMPLE_LOCAL_POLICY, EXAMPLE_LOCAL_URI } from '../../playground/src/samples.ts';
import { policyModules, STATUTORY_URI, statutoryText } from './fixtures.ts';

describe('playground host', () => {
  const entries = policyEntriesFromModules(policyModules);
  const host = createMemoryHost(entries);

  it('turns glob module paths into repository-relative uris', () => {
    expect(uriOfModulePath('../../policies/england/statutory-reviews.pdl')).toBe(STATUTORY_URI);
    expect(uriOfModulePath('/policies/england/statutory-reviews.pdl')).toBe(STATUTORY_URI);
    expect(uriOfModulePath('./x.pdl')).toBe('x.pdl');
    expect(entries.map((e) => e.uri)).toContain(STATUTORY_URI);
  });

  it('reads the id and title from the header without compiling', () => {
    expect(policyIdOf(statutoryText)).toBe('england.statutory_reviews');
    expect(policyTitleOf(statutoryText)).toBe('Reviews of looked after children (England)');
    expect(policyIdOf('# nothing here\n')).toBeUndefined();
    expect(policyTitleOf('policy a.b\n')).toBeUndefined();
  });

  it('finds england.statutory_reviews by id', () => {
    const found = host.findPolicy('england.statutory_reviews', EXAMPLE_LOCAL_URI);
    expect(found).toEqual({ uri: STATUTORY_URI, text: statutoryText });
    expect([...(host.knownPolicies?.() ?? [])]).toContain('england.statutory_reviews');
    expect(host.findPolicy('england.no_such_policy', EXAMPLE_LOCAL_URI)).toBeUndefined();
  });

  it('lets the example local policy extend the statutory baseline', () => {
    const compiled = compile(EXAMPLE_LOCAL_POLICY, { uri: EXAMPLE_LOCAL_URI, host });
    expect(compiled.diagnostics).toEqual([]);
    const rules = compiled.ir?.rules.map((r) => r.id) ?? [];
    expect(rules).toEqual(expect.arrayContaining(['looked_after_review', 'adjourned_review_completed', 'care_plan_before_review']));
  });

  it('without the host, the same policy reports the unknown parent', () => {
    const compiled = compile(EXAMPLE_LOCAL_POLICY, { uri: EXAMPLE_LOCAL_URI });
    expect(compiled.diagnostics.map((d) => d.code)).toContain('pdl/unknown-policy');
    expect(compiled.policy).toBeUndefined();
  });

  it('a misspelt parent gets a suggestion from the known policies', () => {
    const text = EXAMPLE_LOCAL_POLICY.replace('extends england.statutory_reviews', 'extends england.statutory_review');
    const compiled = compile(text, { uri: EXAMPLE_LOCAL_URI, host });
    const unknown = compiled.diagnostics.find((d) => d.code === 'pdl/unknown-policy');
    expect(unknown?.help).toContain('england.statutory_reviews');
  });

  it('when two texts declare the same id, the first by uri wins', () => {
    const a = policyEntry('policies/a.pdl', 'policy same.id\n  title "A"\n');
    const b = policyEntry('policies/b.pdl', 'policy same.id\n  title "B"\n');
    expect(createMemoryHost([a, b]).findPolicy('same.id', 'x.pdl')?.uri).toBe('policies/a.pdl');
  });
});
