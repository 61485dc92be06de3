/**
 * Readable timeline labels and document anchors (playground/src/timeline.ts, markdown.ts): an
 * obligation's row is labelled by its title in at most two lines (its name in words when the title
 * is longer), never a cut identifier; every row is described in words; headings of the language
 * reference get GitHub's anchors, so the reference's own links work in the playground.
 */
import { describe, expect, it } from 'vitest';
import { slugOf } from '../../playground/src/markdown.ts';
import { labelLines, nameInWords, obligationLabel } from '../../playground/src/timeline.ts';

describe('timeline labels', () => {
  it('breaks a title at spaces into at most two short lines', () => {
    expect(labelLines('Review of the child\'s case #1')).toEqual(["Review of the child's case #1"]);
    const two = labelLines('Care plan authorised before the review meeting #2');
    expect(two).toHaveLength(2);
    expect(two?.join(' ')).toBe('Care plan authorised before the review meeting #2');
    for (const line of two ?? []) expect(line.length).toBeLessThanOrEqual(36);
    expect(labelLines('word '.repeat(40))).toBeUndefined();
  });

  it('falls back to the rule name in words, never to an identifier', () => {
    expect(nameInWords('looked_after_review')).toBe('Looked after review');
    const long = 'A title long enough that two lines of the label cannot hold it, so the name in words is shown instead';
    const label = obligationLabel(long, 'consultation_recipients_checked_by_social_worker', 3);
    expect(label.join(' ')).toBe('Consultation recipients checked by social worker #3');
    expect(label.join(' ')).not.toMatch(/_|…/);
  });
});

describe('anchors of the language reference', () => {
  it("are GitHub's", () => {
    expect(slugOf('Deadlines')).toBe('deadlines');
    expect(slugOf("Using another policy's vocabulary")).toBe('using-another-policys-vocabulary');
    expect(slugOf('Extending another policy, and overriding its rules')).toBe('extending-another-policy-and-overriding-its-rules');
    expect(slugOf('Windows: not before, and not after')).toBe('windows-not-before-and-not-after');
  });
});
