/**
 * Compiled parents kept between compilations (`CompileOptions.parents`, used by the playground's
 * engine): an edit to a child does not recompile the policy it extends, and the results are exactly
 * those of a compilation from scratch, whatever the edits (the parent edited through the overlay,
 * the child renamed into and out of a circle of `extends`). And the engine's diagnostics answer for
 * the same compiled policy as its previous one says `unchanged` instead of sending them again.
 *
 * Input: the bundled policies (read from disk as the playground's glob gives them). Output: pass/fail.
 */
import { describe, expect, it } from 'vitest';
import { compileToIr, type CompileResult, type ParentCache } from '../../compiler/index.ts';
import { createEngine } from '../../playground/src/engine.ts';
import { createMemoryHost, policyEntriesFromModules, policyEntry } from '../../playground/src/host.ts';
import type { CheckRequest } from '../../playground/src/protocol.ts';
import { DEFAULT_AS_OF, sampleEntriesFromModules } from '../../playground/src/samples.ts';
import { policyModules, sampleModules, STATUTORY_URI, statutoryText } from './fixtures.ts';

const entries = policyEntriesFromModules(policyModules);
const host = createMemoryHost(entries);
const sampleText = sampleEntriesFromModules(sampleModules)[0]?.text ?? '';
const BRISTOL_URI = 'policies/bristol.pdl';
const bristolText = entries.find((e) => e.uri === BRISTOL_URI)?.text ?? '';

/** What a compilation says, without the object identities a cache may share. */
function observable(result: CompileResult): unknown {
  return JSON.parse(JSON.stringify({ diagnostics: result.diagnostics, ir: result.ir, ancestors: result.resolved?.ancestors ?? null }));
}

function request(overrides: Partial<CheckRequest> = {}): CheckRequest {
  return { requestId: 1, policyText: bristolText, uri: BRISTOL_URI, caseJson: sampleText, asOf: DEFAULT_AS_OF, ...overrides };
}

describe('compiled parents cached between compilations', () => {
  it('the fixtures hold a child of the statutory policy', () => {
    expect(bristolText).toMatch(/extends england\.statutory_reviews/);
  });

  it('compileToIr with a parent cache gives what it gives without, for every bundled policy, twice', () => {
    const parents: ParentCache = new Map();
    for (const round of [1, 2]) {
      for (const entry of entries) {
        const text = `${entry.text}\n# round ${round}\n`;
        expect(observable(compileToIr(text, { uri: entry.uri, host, parents }))).toEqual(observable(compileToIr(text, { uri: entry.uri, host })));
      }
    }
    // Each policy's parents are kept under its id.
    expect([...(parents.get('bristol.review_timeliness')?.keys() ?? [])]).toEqual(['england.statutory_reviews']);
  });

  it('an edit to the child compiles the child again but not its parent', () => {
    const engine = createEngine(host);
    const first = engine.check(request());
    expect(first.outcome.kind).toBe('evaluated');
    const after = first.compiles;
    expect(after).toEqual({ policies: 1, parents: 1, parentsOfThisText: 1 });
    for (let i = 1; i <= 5; i++) {
      const edited = bristolText.replace('Practice Direction', `Practice Direction${'!'.repeat(i)}`);
      expect(edited).not.toBe(bristolText);
      const response = engine.check(request({ requestId: 1 + i, policyText: edited }));
      expect(response.timing.cached).toBe(false);
      expect(response.compiles).toEqual({ policies: 1 + i, parents: 1, parentsOfThisText: 0 });
      expect(observable(engine.compiled(edited, BRISTOL_URI).result)).toEqual(observable(compileToIr(edited, { uri: BRISTOL_URI, host })));
    }
  });

  it('an edit to the parent (the overlay) compiles the parent again, and the child sees it', () => {
    const engine = createEngine(host);
    engine.check(request());
    const statutoryEdited = statutoryText.replace('within 20 working days of became_looked_after', 'within 15 working days of became_looked_after');
    expect(statutoryEdited).not.toBe(statutoryText);
    const overlay = { [STATUTORY_URI]: statutoryEdited };
    const response = engine.check(request({ requestId: 2, overlay }));
    expect(response.compiles).toEqual({ policies: 2, parents: 2, parentsOfThisText: 1 });
    const expected = compileToIr(bristolText, { uri: BRISTOL_URI, host: createMemoryHost(entries.map((e) => (e.uri === STATUTORY_URI ? policyEntry(e.uri, statutoryEdited) : e))) });
    expect(observable(engine.compiled(bristolText, BRISTOL_URI, overlay).result)).toEqual(observable(expected));
    expect(JSON.stringify(expected.ir)).toContain('{"amount":15,"unit":"working_days"}');
    // Back to the bundled parent: its compilation was kept.
    engine.check(request({ requestId: 3, policyText: `${bristolText}\n` }));
    expect(engine.compiles()).toMatchObject({ policies: 3, parents: 2 });
  });

  it('a child renamed into and out of a circle of `extends` gets what a compilation from scratch gets', () => {
    const loop = policyEntry('policies/loop.pdl', 'policy loop.parent extends x.child\n  title "Loop"\n\ncalendar england-and-wales\n');
    const x = policyEntry('policies/x.pdl', 'policy x.child\n  title "X"\n\ncalendar england-and-wales\n');
    const loopHost = createMemoryHost([...entries, loop, x]);
    const parents: ParentCache = new Map();
    const texts = ['policy x.child extends loop.parent\n  title "Child"\n', 'policy y.child extends loop.parent\n  title "Child"\n', 'policy x.child extends loop.parent\n  title "Child"\n\n'];
    const outcomes = texts.map((text) => {
      const cached = observable(compileToIr(text, { uri: 'policies/child.pdl', host: loopHost, parents }));
      expect(cached).toEqual(observable(compileToIr(text, { uri: 'policies/child.pdl', host: loopHost })));
      return JSON.stringify(cached);
    });
    // The circle is reported for x.child (which is in it) and not for y.child: the cache did not carry one into the other.
    expect(outcomes[0]).toContain('pdl/extends-cycle');
    expect(outcomes[0]).toContain('`x.child` extends `loop.parent`, which extends `x.child`');
    expect(outcomes[1]).not.toContain('pdl/extends-cycle');
    expect(outcomes[1]).not.toContain('pdl/parent-has-errors');
    expect(outcomes[2]).toContain('pdl/extends-cycle');
    for (const outcome of [outcomes[0], outcomes[2]]) expect(outcome).not.toContain('pdl/parent-has-errors');
  });
});

describe('circles of `extends` kept in the parents\' cache', () => {
  it('a child that comes into the same circle by another way than before: the circle of the way it now comes, as from scratch', () => {
    // loop.parent extends x.child; x.child extends loop.parent directly, then through mid.parent, then through both.
    const loop = policyEntry('policies/loop.pdl', 'policy loop.parent extends x.child\n  title "Loop"\n');
    const mid = policyEntry('policies/mid.pdl', 'policy mid.parent extends loop.parent\n  title "Mid"\n');
    const loopHost = createMemoryHost([...entries, loop, mid]);
    const parents: ParentCache = new Map();
    const circle = (...ids: string[]): string => `policies extend each other in a circle: ${ids.map((id) => `\`${id}\``).join(', which extends ').replace(', which extends', ' extends')}`;
    const texts: [string, string[]][] = [
      ['policy x.child extends loop.parent\n  title "Child"\n', [circle('x.child', 'loop.parent', 'x.child')]],
      ['policy x.child extends mid.parent\n  title "Child"\n', [circle('x.child', 'mid.parent', 'loop.parent', 'x.child')]],
      ['policy x.child extends loop.parent\n  title "Child"\n  extends mid.parent\n', [circle('x.child', 'loop.parent', 'x.child'), circle('x.child', 'mid.parent', 'loop.parent', 'x.child')]],
    ];
    for (const [text, messages] of texts) {
      const cached = compileToIr(text, { uri: 'policies/child.pdl', host: loopHost, parents });
      expect(observable(cached)).toEqual(observable(compileToIr(text, { uri: 'policies/child.pdl', host: loopHost })));
      expect(cached.diagnostics.map((d) => [d.code, d.message])).toEqual(messages.map((m) => ['pdl/extends-cycle', m]));
    }
  });
});

describe('diagnostics sent once per compiled policy', () => {
  it('an edit of the case or the date only: the diagnostics answer says unchanged and carries nothing', () => {
    const engine = createEngine(host);
    const first = engine.diagnose(request({ requestId: 1 }));
    expect(first.unchanged).toBeUndefined();
    expect(first.symbols?.policyId).toBe('bristol.review_timeliness');
    const second = engine.diagnose(request({ requestId: 2, caseJson: `${sampleText} ` }));
    expect(second).toMatchObject({ kind: 'diagnostics', requestId: 2, unchanged: true, diagnostics: [] });
    expect(second.symbols).toBeUndefined();
    // A new text: everything again; and back to the first text (cached, but not the last one answered): everything again.
    const third = engine.diagnose(request({ requestId: 3, policyText: `${bristolText}\n` }));
    expect(third.unchanged).toBeUndefined();
    expect(third.symbols?.symbols.length).toBe(first.symbols?.symbols.length);
    const fourth = engine.diagnose(request({ requestId: 4 }));
    expect(fourth.unchanged).toBeUndefined();
    expect(fourth.diagnostics).toEqual(first.diagnostics);
  });
});
