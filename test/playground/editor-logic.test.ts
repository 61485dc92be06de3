/**
 * The policy editor's logic, without Monaco: completion contexts and entries, the word under the
 * cursor, go to definition (including into the extended policy), hovers with a rule's due dates for
 * the case (Markdown-escaped), and the keyword list of the tokenizer against the grammar's tokens.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { completionContext, completions } from '../../playground/src/completion.ts';
import { createEngine } from '../../playground/src/engine.ts';
import { createMemoryHost, policyEntriesFromModules } from '../../playground/src/host.ts';
import { definitionsOf, escapeMarkdown, hoverInfo, hoverMarkdown, wordAt } from '../../playground/src/hover.ts';
import { DECLARATION_KEYWORDS, KEYWORDS, PDL_MONARCH } from '../../playground/src/pdl-language.ts';
import { DEFAULT_AS_OF, EXAMPLE_LOCAL_POLICY, EXAMPLE_LOCAL_URI, sampleEntriesFromModules } from '../../playground/src/samples.ts';
import { policyModules, REPO_ROOT, sampleModules } from './fixtures.ts';

const engine = createEngine(createMemoryHost(policyEntriesFromModules(policyModules)));
const sample = sampleEntriesFromModules(sampleModules)[0]?.text ?? '';
const local = engine.check({ requestId: 1, policyText: EXAMPLE_LOCAL_POLICY, uri: EXAMPLE_LOCAL_URI, caseJson: sample, asOf: DEFAULT_AS_OF });
const table = local.symbols;

/** Line and column (1-based) of the end of the first occurrence of `marker` in `text`. */
function at(text: string, marker: string): [number, number] {
  const offset = text.indexOf(marker) + marker.length;
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return [line, offset - before.lastIndexOf('\n')];
}

describe('symbols', () => {
  it('lists own and inherited roles, events, facts and rules with where they are declared', () => {
    expect(table).toBeDefined();
    const names = (kind: string): string[] => (table?.symbols ?? []).filter((s) => s.kind === kind).map((s) => s.name);
    expect(names('role')).toEqual(expect.arrayContaining(['iro', 'social_worker']));
    expect(names('event')).toEqual(expect.arrayContaining(['care_plan_authorised', 'review_scheduled']));
    expect(names('rule')).toEqual(expect.arrayContaining(['care_plan_before_review', 'looked_after_review']));
    const inherited = table?.symbols.find((s) => s.name === 'looked_after_review');
    expect(inherited).toMatchObject({ own: false, policy: 'england.statutory_reviews', uri: 'policies/england/statutory-reviews.pdl', ruleKind: 'cycle' });
    const own = table?.symbols.find((s) => s.name === 'care_plan_before_review');
    expect(own).toMatchObject({ own: true, uri: EXAMPLE_LOCAL_URI });
    expect(table?.symbols.find((s) => s.name === 'review_scheduled')?.attributes).toEqual(['for']);
  });
});

describe('completion', () => {
  it('offers declaration keywords at the start of an unindented line, header clauses in the header', () => {
    expect(completionContext('policy a\n', 2, 1)).toEqual({ kind: 'declaration', inHeader: true });
    const text = 'policy a\n  title "t"\n\nrole x "X"\n\n';
    expect(completionContext(text, 5, 1)).toEqual({ kind: 'declaration', inHeader: false });
    expect(completions(text, 5, 1, table).map((e) => e.label)).toEqual([...DECLARATION_KEYWORDS]);
  });

  it('offers the clauses of the enclosing rule at the start of an indented line', () => {
    const text = 'policy a\n  title "t"\n\ncycle c "C"\n  owner iro\n  ';
    expect(completionContext(text, 6, 3)).toEqual({ kind: 'clause', rule: 'cycle' });
    expect(completions(text, 6, 3, table).map((e) => e.label)).toContain('runs from');
    const approval = 'policy a\n  title "t"\n\noverride approval x "X"\n  re';
    expect(completions(approval, 5, 5, table).map((e) => e.label)).toEqual(expect.arrayContaining(['request', 'requires']));
  });

  it('offers roles after owner, events after met by, attributes after a dot, facts in conditions', () => {
    const [l1, c1] = at(EXAMPLE_LOCAL_POLICY, '  owner ');
    const roles = completions(EXAMPLE_LOCAL_POLICY, l1, c1, table);
    expect(roles.every((e) => e.kind === 'role')).toBe(true);
    expect(roles.map((e) => e.label)).toEqual(expect.arrayContaining(['iro', 'social_worker']));
    expect(roles.find((e) => e.label === 'iro')?.detail).toContain('from england.statutory_reviews');

    const [l2, c2] = at(EXAMPLE_LOCAL_POLICY, '  met by ');
    const events = completions(EXAMPLE_LOCAL_POLICY, l2, c2, table);
    expect(events.map((e) => e.label)).toEqual(expect.arrayContaining(['care_plan_authorised', 'review_held']));
    expect(events.every((e) => e.kind === 'event')).toBe(true);

    const [l3, c3] = at(EXAMPLE_LOCAL_POLICY, 'review_scheduled.');
    expect(completions(EXAMPLE_LOCAL_POLICY, l3, c3, table).map((e) => e.label)).toEqual(['date', 'for']);

    const conditions = completions('policy a\n  title "t"\ndeadline d "D"\n  when ', 4, 8, table);
    expect(conditions.map((e) => e.label)).toEqual(expect.arrayContaining(['age', 'review_held']));
  });

  it('offers inherited rules of the same kind after override KIND, and nothing in comments or strings', () => {
    const text = 'policy a extends england.statutory_reviews\n  title "t"\noverride cycle ';
    const offered = completions(text, 3, 16, table);
    expect(offered.map((e) => e.label)).toEqual(['looked_after_review']);
    expect(completions('policy a\n# owner ', 2, 9, table)).toEqual([]);
    expect(completions('policy a\n  title "owner ', 2, 16, table)).toEqual([]);
  });
});

describe('go to definition and hover', () => {
  it('finds the word under the cursor, not an attribute', () => {
    expect(wordAt('met by review_held', 10)).toEqual({ word: 'review_held', start: 7, end: 18 });
    expect(wordAt('review_scheduled.for', 18)).toBeUndefined();
    expect(wordAt('within 20 working', 8)).toBeUndefined();
  });

  it('resolves an inherited name to its declaration in the extended policy', () => {
    const found = definitionsOf('looked_after_review', table);
    expect(found).toHaveLength(1);
    expect(found[0]?.uri).toBe('policies/england/statutory-reviews.pdl');
    const statutory = readFileSync(join(REPO_ROOT, 'policies/england/statutory-reviews.pdl'), 'utf8');
    const range = found[0]?.range;
    expect(statutory.slice(range?.start, range?.end)).toBe('looked_after_review');
  });

  it('shows a rule\'s due dates for the case with their explanations', () => {
    expect(local.outcome.kind).toBe('evaluated');
    const result = local.outcome.kind === 'evaluated' ? local.outcome.result : undefined;
    const info = hoverInfo('looked_after_review', table, result);
    expect(info?.title).toBe("cycle looked_after_review: Review of the child's case");
    expect(info?.where).toContain('declared in england.statutory_reviews');
    const dues = info?.sections.find((s) => s.heading.startsWith('Due dates'));
    expect(dues?.lines[0]).toMatch(/^#1 due 15\/05\/2025: Met \(2 days early\)\. .*working days/);
    expect(hoverInfo('no_such_name', table, result)).toBeUndefined();
  });

  it('escapes Markdown so that user text is shown as written', () => {
    expect(escapeMarkdown('<img src=x onerror=alert(1)> *bold* [link](http://x)')).toBe('\\<img src=x onerror=alert\\(1\\)\\> \\*bold\\* \\[link\\]\\(http://x\\)');
    const markdown = hoverMarkdown({ title: 'deadline x: <script>', where: 'here', sections: [{ heading: 'h', lines: ['<b>'] }] }).join('\n');
    expect(markdown).not.toMatch(/(?<!\\)</);
  });
});

describe('the tokenizer', () => {
  it('knows every keyword of the grammar', () => {
    const tokens = readFileSync(join(REPO_ROOT, 'grammar/tokens.ts'), 'utf8');
    const grammarKeywords = [...tokens.matchAll(/keyword\('([a-z]+)(s\?)?'/g)].map((m) => (m[2] === undefined ? m[1] : `${m[1]}s`));
    expect(grammarKeywords.length).toBeGreaterThan(50);
    const missing = grammarKeywords.filter((k) => k !== undefined && !KEYWORDS.includes(k));
    expect(missing).toEqual([]);
  });

  it('has the states its rules name', () => {
    const states = Object.keys(PDL_MONARCH.tokenizer);
    expect(states).toEqual(['root', 'declaredName']);
  });
});
