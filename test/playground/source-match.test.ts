/**
 * The source pane's paragraph reader and matcher (playground/src/source-paragraphs.ts,
 * source-match.ts, and the worker's answer source-worker.ts): the locator of each block of a
 * direction's text, and each requirement phrase linked to the rules whose cite names its paragraph,
 * or to the coverage statement that quotes it, with its status.
 *
 * Input: short texts in the layout of the five directions (their words quoted in
 * policies/*.coverage.yaml), hand-made rules and statements, and the bundled policies with their
 * coverage files. Output: assertions.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../playground/src/engine.ts';
import { createMemoryHost, policyEntriesFromModules } from '../../playground/src/host.ts';
import { matchSource, quoteParts, type SourceRule, type SourceStatement } from '../../playground/src/source-match.ts';
import { paragraphsOf } from '../../playground/src/source-paragraphs.ts';
import type { SourceRequest } from '../../playground/src/source-protocol.ts';
import { answerSource, coverageUriOf, readCoverage } from '../../playground/src/source-worker.ts';
import { filesUnder, policyModules, REPO_ROOT } from './fixtures.ts';

const BRISTOL_LIKE = [
  'Practice Change: To improve the timeliness of Children in Care Reviews:',
  '',
  '- Children in Care reviews should be prioritised and protected.',
  '- Children should be prepared for reviews by their social worker. They should have had the',
  ' opportunity to contribute to their assessment.',
  '- Proposed care plans must be completed by the child’s social worker based on the most recent assessment of needs and authorised at least 5 days before the Child in Care review.',
  '',
  "- If the social worker needs to postpone (with no less than 5 working days' notice), they must first discuss this request with their Team Manager.",
  '',
  'Quality Assurance of practice change:',
  '',
  'Compliance with Practice Directions will be monitored by deep dive audit.',
  'Monthly reports are produced.',
].join('\n');

function locators(text: string): [string, string][] {
  return paragraphsOf(text).map((p) => [p.kind, p.locator]);
}

describe('paragraphsOf', () => {
  it('numbers bullets under a labelled section, across blank lines, with wrapped lines kept in their bullet', () => {
    const paragraphs = paragraphsOf(BRISTOL_LIKE);
    expect(paragraphs.map((p) => [p.kind, p.locator])).toEqual([
      ['paragraph', 'Practice Change'],
      ['bullet', 'Practice Change, bullet 1'],
      ['bullet', 'Practice Change, bullet 2'],
      ['bullet', 'Practice Change, bullet 3'],
      ['bullet', 'Practice Change, bullet 4'],
      ['heading', 'Quality Assurance of practice change'],
      ['paragraph', 'Quality Assurance of practice change, paragraph 1'],
      ['paragraph', 'Quality Assurance of practice change, paragraph 2'],
    ]);
    const second = paragraphs[2];
    expect(second === undefined ? '' : BRISTOL_LIKE.slice(second.start, second.end)).toContain('contribute to their assessment.');
    for (const p of paragraphs) expect(p.section).toBe(p.locator.split(',')[0]);
  });

  it('reads section numbers: a heading, a number alone on its line with its title below, a numbered paragraph', () => {
    const text = [
      '1.4 Frequency of Reviews',
      '',
      'Child Care Reviews must be convened at the following intervals:',
      '',
      '  • The first review within 20 working days;',
      '  • The second review must be conducted within three months of the first review;',
      '',
      '2.3',
      '',
      'Review Preparation: Team Manager',
      '',
      '  2.3.1 Ensure the social worker prepares for Child Care Reviews.',
      '  2.3.2 Ensure through supervision that review decisions are considered.',
      '',
      'The relevant party must:',
      '  • Inform the convenors.',
    ].join('\n');
    expect(locators(text)).toEqual([
      ['heading', '1.4'],
      ['paragraph', '1.4, paragraph 1'],
      ['bullet', '1.4, bullet 1'],
      ['bullet', '1.4, bullet 2'],
      ['heading', '2.3'],
      ['heading', '2.3'],
      ['paragraph', '2.3.1'],
      ['paragraph', '2.3.2'],
      ['paragraph', '2.3.2, paragraph 2'],
      ['bullet', '2.3.2, bullet 1'],
    ]);
  });

  it('takes a locator in square brackets for the block after it', () => {
    const text = ['[Standard 2 (IROs), timescale column]', 'Within 5 working days of the accommodation', '', '[Standard 2 (IROs), paragraph 2]', 'Letter is sent within 3 days of allocation of IRO'].join('\n');
    expect(paragraphsOf(text).map((p) => [p.locator, p.explicit, text.slice(p.start, p.end)])).toEqual([
      ['Standard 2 (IROs), timescale column', true, 'Within 5 working days of the accommodation'],
      ['Standard 2 (IROs), paragraph 2', true, 'Letter is sent within 3 days of allocation of IRO'],
    ]);
  });

  it('gives blocks in order, not overlapping, on Windows line ends too', () => {
    const text = BRISTOL_LIKE.replace(/\n/g, '\r\n');
    const paragraphs = paragraphsOf(text);
    expect(paragraphs).toHaveLength(8);
    let end = 0;
    for (const p of paragraphs) {
      expect(p.start).toBeGreaterThanOrEqual(end);
      expect(p.end).toBeGreaterThan(p.start);
      expect(text.slice(p.start, p.end)).not.toMatch(/^\s|\s$/);
      end = p.end;
    }
  });
});

const RULES: SourceRule[] = [
  { name: 'child_prepared', cite: 'Practice change, bullet 2', own: true },
  { name: 'care_plan_authorised', cite: 'Practice Change, bullet 3', own: true },
  { name: 'postponement', cite: 'Practice Change, bullets 4 and 6', own: true },
  { name: 'looked_after_review', cite: 'reg 33', own: false },
];

const STATEMENTS: SourceStatement[] = [
  { number: 1, locator: 'Practice Change, bullet 1', quote: '"Children in Care reviews should be prioritised and protected"', notEncoded: 'an aim, with no owner, event or timescale', category: 'no-actionable-content' },
  { number: 3, locator: 'Practice Change, bullet 3', quote: "\"Proposed care plans must be completed by the child's social worker ... and authorised at least 5 days before the Child in Care review\"", rules: ['care_plan_authorised'] },
  { number: 9, locator: 'Practice Change, bullet 4', quote: "\"If the social worker needs to postpone ... (with no less than 5 working days' notice)\"", rules: ['postponement', 'looked_after_review'], partial: 'who may approve is not said' },
  { locator: 'Quality Assurance of practice change', quote: '"Compliance with Practice Directions will be monitored by deep dive audit"', about: true },
];

describe('matchSource', () => {
  const analysis = matchSource(BRISTOL_LIKE, RULES, STATEMENTS);
  const at = (phrase: string, nth = 0) => {
    const found = analysis.phrases.filter((p) => p.text === phrase)[nth];
    if (found === undefined) throw new Error(`no phrase "${phrase}"`);
    return found;
  };

  it('finds each quote in the text, curly apostrophes and "..." included', () => {
    expect(analysis.anchored.map((a) => a.statement)).toEqual([0, 1, 2, 3]);
    const care = analysis.anchored[1];
    expect(care === undefined ? '' : BRISTOL_LIKE.slice(care.start, care.end)).toMatch(/^Proposed care plans.*Child in Care review$/);
    expect(quoteParts('"a first part here" (column: "5 working days")')).toEqual(['a first part here', '5 working days']);
  });

  it('gives a quoted phrase its statement’s status and rules, the statement’s own rules first', () => {
    expect(at('should')).toMatchObject({ status: 'not-encoded', rules: [], statement: { number: 1 }, reason: 'not encoded (no-actionable-content): an aim, with no owner, event or timescale' });
    expect(at('at least 5 days before')).toMatchObject({ status: 'encoded', rules: ['care_plan_authorised'], locator: 'Practice Change, bullet 3', reason: 'encoded: statement 3 (Practice Change, bullet 3)' });
    // The inherited rule is linked because the statement names it, not by its cite.
    expect(at("no less than 5 working days' notice")).toMatchObject({ status: 'partial', rules: ['postponement', 'looked_after_review'] });
    expect(at("no less than 5 working days' notice").reason).toContain('left out: who may approve is not said');
  });

  it('links an unquoted phrase to the own rules whose cite names its paragraph (case ignored, lists expanded)', () => {
    // Bullet 2 is quoted by no statement here: its two "should" are linked by the cite alone.
    expect(at('should', 1)).toMatchObject({ status: 'encoded', rules: ['child_prepared'], locator: 'Practice Change, bullet 2', reason: 'cited: a rule cites "Practice Change, bullet 2"' });
    expect(at('should', 2).rules).toEqual(['child_prepared']);
    // "must first discuss" in bullet 4 is outside the quote: "bullets 4 and 6" names bullet 4.
    expect(at('must', 1)).toMatchObject({ status: 'encoded', rules: ['postponement'] });
  });

  it('marks what no rule cites, and what is about the direction itself', () => {
    expect(at('Monthly')).toMatchObject({ status: 'not-encoded', rules: [], locator: 'Quality Assurance of practice change, paragraph 2' });
    expect(at('Monthly').reason).toBe('not encoded: no rule cites "Quality Assurance of practice change, paragraph 2", and no statement of the coverage file quotes this phrase');
    const about = matchSource('Quality Assurance:\n\nCompliance with Practice Directions will be monitored by deep dive audit and should be annual.', RULES, STATEMENTS);
    expect(about.phrases.map((p) => p.status)).toEqual(['not-encoded']);
    const inside = matchSource('Compliance with Practice Directions must be monitored by deep dive audit.', RULES, [{ locator: 'Quality Assurance', quote: '"Compliance with Practice Directions must be monitored by deep dive audit"', about: true }]);
    expect(inside.phrases[0]).toMatchObject({ text: 'must', status: 'out-of-scope' });
    expect(inside.counts).toEqual({ encoded: 0, partial: 0, notEncoded: 0, outOfScope: 1 });
  });

  it('keeps offsets right past non-breaking spaces and letters whose lower case is longer', () => {
    const text = 'İstanbul\u00a0office:\n\n- Children\u00a0in Care reviews should be prioritised and protected.';
    const found = matchSource(text, RULES, STATEMENTS);
    const a = found.anchored[0];
    expect(a === undefined ? '' : text.slice(a.start, a.end)).toBe('Children\u00a0in Care reviews should be prioritised and protected');
    expect(found.phrases.map((p) => [p.text, text.slice(p.start, p.end), p.status])).toEqual([['should', 'should', 'not-encoded']]);
  });

  it('counts the statuses', () => {
    const c = analysis.counts;
    expect(c.encoded + c.partial + c.notEncoded + c.outOfScope).toBe(analysis.phrases.length);
    expect(c.partial).toBe(1);
  });

  it('links by cite alone when there is no coverage file', () => {
    const bare = matchSource(BRISTOL_LIKE, RULES);
    expect(bare.anchored).toEqual([]);
    expect(bare.phrases.find((p) => p.text === 'at least 5 days before')).toMatchObject({ status: 'encoded', rules: ['care_plan_authorised'] });
    expect(bare.phrases.find((p) => p.text === 'should')?.reason).toBe('not encoded: no rule cites "Practice Change, bullet 1"');
  });
});

describe('answerSource (the worker) with the bundled policies and coverage files', () => {
  const entries = policyEntriesFromModules(policyModules);
  const engine = createEngine(createMemoryHost(entries));
  const coverage: Record<string, string> = {};
  for (const file of filesUnder(join(REPO_ROOT, 'policies'), '.coverage.yaml')) coverage[file.slice(REPO_ROOT.length).split('\\').join('/')] = readFileSync(file, 'utf8');
  const textOf = (uri: string): string => entries.find((e) => e.uri === uri)?.text ?? '';
  const ask = (uri: string, extra: Partial<SourceRequest>) => answerSource(engine, { kind: 'source', requestId: 1, sourceText: '', policyText: textOf(uri), uri, ...extra }, coverage);

  it('has a coverage file for every local policy', () => {
    const local = entries.filter((e) => !e.uri.startsWith('policies/england/'));
    expect(local.length).toBeGreaterThanOrEqual(5);
    for (const e of local) expect(Object.keys(coverage)).toContain(coverageUriOf(e.uri));
  });

  it.each(Object.keys(coverage))('finds every quote of %s in its sample, and links every encoded statement’s rules', (coverageUri) => {
    const uri = coverageUri.replace(/\.coverage\.yaml$/, '.pdl');
    const response = ask(uri, { sample: true });
    expect(response.problem).toBeUndefined();
    expect(response.notes).toEqual([]);
    const read = readCoverage(coverage[coverageUri] ?? '', coverageUri);
    expect(response.sample).toBe(read?.excerpt);
    expect(response.coverage).toEqual({ uri: coverageUri, statements: read?.statements.length, found: read?.statements.length });
    const analysis = response.analysis;
    expect(analysis?.phrases.length).toBeGreaterThan(0);
    const names = new Set(response.rules.map((r) => r.name));
    for (const p of analysis?.phrases ?? []) {
      for (const r of p.rules) expect(names).toContain(r);
      if (p.status === 'encoded' || p.status === 'partial') expect(p.rules.length).toBeGreaterThan(0);
    }
  });

  it('links Bristol’s "at least 5 days before" to the rule that encodes it, declared in bristol.pdl', () => {
    const text = "- Proposed care plans must be completed by the child's social worker based on the most recent assessment of needs and authorised at least 5 days before the Child in Care review.";
    const response = ask('policies/bristol.pdl', { sourceText: `Practice Change: To improve the timeliness of Children in Care Reviews:\n\n- Children in Care reviews should be prioritised and protected.\n- Children should be prepared for reviews by their social worker.\n${text}\n` });
    const phrase = response.analysis?.phrases.find((p) => p.text === 'at least 5 days before');
    expect(phrase).toMatchObject({ status: 'encoded', locator: 'Practice Change, bullet 3' });
    const first = response.rules.find((r) => r.name === phrase?.rules[0]);
    expect(first).toMatchObject({ name: 'care_plan_authorised_before_review', own: true, uri: 'policies/bristol.pdl', cite: 'Practice Change, bullet 3' });
    expect(textOf('policies/bristol.pdl').slice(first?.range.start, first?.range.end)).toBe('care_plan_authorised_before_review');
    expect(response.analysis?.phrases.find((p) => p.text === 'should')).toMatchObject({ status: 'not-encoded', statement: { number: 1 } });
  });

  it('keeps linking while the policy has an error in a rule, and says when there is no coverage file', () => {
    const broken = textOf('policies/bristol.pdl').replace('cite "Practice Change, bullet 2"', 'cite "Practice Change, bullet 2"\n  due within 5 wrking days of review_scheduled');
    const response = answerSource(engine, { kind: 'source', requestId: 2, sourceText: '- Children should be prepared.', policyText: broken, uri: 'policies/bristol.pdl' }, {});
    expect(response.notes).toEqual(['No coverage file (policies/bristol.coverage.yaml): phrases are linked by the rules\' cites alone.']);
    expect(response.analysis?.phrases[0]).toMatchObject({ text: 'should', locator: 'bullet 1', status: 'not-encoded' });
    expect(response.rules.length).toBeGreaterThan(10);
  });

  it('says why nothing links when the policy does not parse', () => {
    const response = answerSource(engine, { kind: 'source', requestId: 3, sourceText: 'The social worker must act within 5 working days.', policyText: 'this is not a policy\n', uri: 'policies/x.pdl' }, coverage);
    expect(response.rules).toEqual([]);
    expect(response.notes[0]).toContain('does not resolve');
    expect(response.analysis?.phrases.map((p) => p.status)).toEqual(['not-encoded', 'not-encoded']);
  });
});
