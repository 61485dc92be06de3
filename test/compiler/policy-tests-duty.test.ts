/**
 * `pdl test` expectations about duties (`compiler/testing/policy-tests.ts`): a tests file can name
 * the duty statuses (`outstanding`, `missed`), the bound, and say that a duty has no due date
 * (`due: ~`). Input: a small policy with one duty and a tests file written here. Output: assertions.
 */
import { describe, expect, it } from 'vitest';
import { compile } from '../../compiler/index.ts';
import { matches, parseTestsFile, runTest } from '../../compiler/testing/policy-tests.ts';

const POLICY = `policy test.duty_tests
  title "A duty"

role social_worker "Social worker"

event review_scheduled { for: date }
event child_prepared

duty prepare_child "The child is prepared for the review"
  owner social_worker
  after review_scheduled
  before review_scheduled.for
  met by child_prepared
  cite "bullet 2"
`;

// Scheduled on Thu 1 May 2025 for Wed 28 May 2025: outstanding on the 28th, missed on the 29th.
const TESTS = `policy: duty.pdl
tests:
  - name: outstanding on the day of the review
    as_of: 2025-05-28
    case:
      child: { dob: 2015-03-01 }
      events:
        - { type: review_scheduled, date: 2025-05-01, for: 2025-05-28 }
    expect:
      obligations:
        - { rule: prepare_child, due: ~, bound: 2025-05-28, status: outstanding }
  - name: missed the day after
    as_of: 2025-05-29
    case:
      child: { dob: 2015-03-01 }
      events:
        - { type: review_scheduled, date: 2025-05-01, for: 2025-05-28 }
    expect:
      obligations:
        - { rule: prepare_child, status: missed }
  - name: a due date it does not have fails
    as_of: 2025-05-29
    case:
      child: { dob: 2015-03-01 }
      events:
        - { type: review_scheduled, date: 2025-05-01, for: 2025-05-28 }
    expect:
      obligations:
        - { rule: prepare_child, due: 2025-05-28 }
`;

describe('policy tests of duties', () => {
  const policy = compile(POLICY, { uri: 'duty.pdl' }).policy;
  const { file, errors } = parseTestsFile(TESTS);

  it('parses', () => {
    expect(errors).toEqual([]);
    expect(policy).toBeDefined();
  });

  it('name the duty statuses and bound, and `due: ~` for no due date', () => {
    const [outstanding, missed, wrong] = file!.tests.map((t) => runTest(policy!, t));
    expect(outstanding).toMatchObject({ passed: true, failures: [] });
    expect(missed).toMatchObject({ passed: true, failures: [] });
    expect(wrong?.passed).toBe(false);
    expect(wrong?.failures[0]).toContain('"status":"missed"');
  });

  it('`~` matches only an absent (or null) field', () => {
    expect(matches({ due: null }, { rule: 'a' })).toBe(true);
    expect(matches({ due: null }, { rule: 'a', due: '2025-05-28' })).toBe(false);
  });
});
