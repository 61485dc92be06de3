/**
 * Tests written for the mutants of runtime/kinds/index.ts (docs/testing.md, "Mutation testing"): the
 * stages run in their order whatever the order of the kinds' registry. An order rule (stage `events`)
 * is registered after constraints (stage `occurrences`), so its notice must still come first, though
 * the event it reads is later in the case than the constraint's.
 *
 * The policy is compiled inside the test (a policy prepared at import would make the preparation's
 * mutants static, so Stryker would not run them against this test).
 *
 * Input: one small policy written here. Output: assertions only.
 */
import { describe, expect, it } from 'vitest';
import { compiledPolicy } from '../support/compiled.ts';

const POLICY = `policy test.kinds_mutation
  title "Stages"

role social_worker "Social worker"

event placed
event review_held
event request_made { by?: text }
event discussion_held
event review_scheduled { for?: date }

cycle reviews "Reviews"
  owner social_worker
  runs from placed
  first within 20 days of placed
  met by review_held
  cite "1"

constraint scheduled_in_time "A review is scheduled in time"
  each review_scheduled.for on or before the due date of reviews
  cite "2"

order discuss_first "A discussion first"
  owner social_worker
  step request_made where request_made.by is "x"
  after discussion_held
  cite "3"
`;

describe('the stages of an evaluation', () => {
  it("run in stage order, not the registry's: an order rule's notice before a constraint's", () => {
    const policy = compiledPolicy(POLICY, { uri: 'kinds-mutation.pdl' });
    const r = policy.evaluate(
      {
        id: 'case-1',
        child: { dob: '2012-01-01' },
        events: [
          { type: 'placed', date: '2025-01-06' },
          { type: 'review_scheduled', date: '2025-01-07' },
          { type: 'request_made', date: '2025-01-08' },
        ],
      },
      '2025-01-20',
    );
    if (!r.ok) throw new Error('the case was refused');
    expect(r.result.notices.map((n) => n.message)).toEqual([
      'optional attribute `by` of the `request_made` event of 2025-01-08 is not given, so `request_made.by is "x"` (the `step` of order `discuss_first`) was taken as false',
      'the `review_scheduled` event of 2025-01-07 has no `for`, so constraint `scheduled_in_time` could not be checked',
    ]);
  });
});
