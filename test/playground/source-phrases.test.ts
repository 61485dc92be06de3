/**
 * The source pane's phrase finder (playground/src/source-phrases.ts): which phrases of a direction's
 * text carry a timescale or a duty, at which offsets.
 *
 * Input: short texts in the wording of the five directions (quoted in policies/*.coverage.yaml) and
 * random texts. Output: assertions on the phrases found, their kinds and offsets, and the invariants
 * (sorted, non-overlapping, `text.slice(start, end)` is the phrase).
 */
import { describe, expect, it } from 'vitest';
import { findRequirementPhrases, type RequirementPhrase } from '../../playground/src/source-phrases.ts';

function found(text: string): [string, string][] {
  return findRequirementPhrases(text).map((p) => [p.kind, p.text]);
}

function expectInvariants(text: string, phrases: readonly RequirementPhrase[]): void {
  let end = 0;
  for (const p of phrases) {
    expect(p.start).toBeGreaterThanOrEqual(end);
    expect(p.end).toBeGreaterThan(p.start);
    expect(text.slice(p.start, p.end).replace(/\s+/g, ' ')).toBe(p.text);
    end = p.end;
  }
}

describe('findRequirementPhrases: timescales', () => {
  it.each([
    ['authorised at least 5 days before the Child in Care review', 'at least 5 days before'],
    ['ensure a new date is set within 3 working days and within the statutory timescales', 'within 3 working days'],
    ["(with no less than 5 working days' notice)", "no less than 5 working days' notice"],
    ['The second Looked After Review should be conducted within three months (91 days) of an Initial Looked After Review', 'within three months (91 days) of'],
    ['Subsequent reviews must be conducted not more than six months after the previous review.', 'not more than six months after'],
    ['3 weeks prior to 2nd or subsequent review', '3 weeks prior to'],
    ['the first adoption review must be held within four weeks after the placement', 'within four weeks after'],
    ['No later than 3 days before 1st review', 'No later than 3 days before'],
    ['Letter is sent within 24 hours', 'within 24 hours'],
    ['subsequent reviews held at six monthly intervals', 'at six monthly intervals'],
    ['the case will close within the next 3 months', '3 months'],
    ['communicate with the social worker at the earliest opportunity', 'at the earliest opportunity'],
    ['As soon as practicable where a child is moved', 'As soon as practicable'],
    ['the record is sent no later than the review', 'no later than'],
  ])('%s -> %s', (text, phrase) => {
    const phrases = findRequirementPhrases(text);
    expect(phrases.filter((p) => p.kind === 'timescale').map((p) => p.text)).toEqual([phrase]);
    expectInvariants(text, phrases);
  });

  it('does not read prose or ages as timescales', () => {
    expect(found('She attends a day centre on a Monday.')).toEqual([]);
    expect(found('A child is defined as anyone under the age of 18 years.')).toEqual([]);
  });
});

describe('findRequirementPhrases: duties', () => {
  it('finds must, shall, should and the duty phrases', () => {
    expect(found('Proposed care plans must be completed by the social worker.')).toEqual([['duty', 'must']]);
    expect(found('The IRO shall not chair it.')).toEqual([['duty', 'shall not']]);
    expect(found('Children should be prepared for reviews by their social worker.')).toEqual([['duty', 'should']]);
    expect(found('The social worker is responsible for organising the review.')).toEqual([['duty', 'is responsible for']]);
    expect(found('It is expected that all Care Team Members will attend CIN reviews.')).toEqual([['duty', 'It is expected that']]);
    expect(found('Parents are required to attend.')).toEqual([['duty', 'are required to']]);
  });

  it('does not read a condition as a duty', () => {
    // "Should the Team Manager be unable..." opens a condition; "needs to" and "has to" follow "if".
    expect(found('Should the Team Manager be unable to resolve the reasons, they must discuss this with the Service Manager.')).toEqual([['duty', 'must']]);
    expect(found("If the child's allocated Social Worker needs to postpone the date of a review, or the IRO has to postpone")).toEqual([]);
    expect(found('- Should availability by a carer change at short notice')).toEqual([['timescale', 'at short notice']]);
  });

  it('keeps the longer of two overlapping phrases', () => {
    const text = 'The plan must be authorised at least 5 working days before the review.';
    expect(found(text)).toEqual([
      ['duty', 'must'],
      ['timescale', 'at least 5 working days before'],
    ]);
  });
});

describe('findRequirementPhrases: invariants', () => {
  it('holds them on random texts built from the finder’s own words', () => {
    const words = ['must', 'within', '5', 'working', 'days', 'of', 'at', 'least', 'before', 'Should', 'the', 'IRO', 'no', 'later', 'than', 'three', 'months', '.', '\n', '- ', 'prior', 'to', 'every', 'six', 'monthly', 'is', 'responsible', 'for', "'", 'notice'];
    let seed = 7;
    const next = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed;
    };
    for (let n = 0; n < 300; n++) {
      const length = next() % 40;
      const parts: string[] = [];
      for (let i = 0; i < length; i++) parts.push(words[next() % words.length] ?? '');
      const text = parts.join(next() % 3 === 0 ? '  ' : ' ');
      expectInvariants(text, findRequirementPhrases(text));
    }
  });

  it('finds every duty word of a long text in order', () => {
    const text = 'The social worker must act. '.repeat(500);
    const phrases = findRequirementPhrases(text);
    expect(phrases).toHaveLength(500);
    expect(phrases[499]?.start).toBe(text.lastIndexOf('must'));
  });
});
