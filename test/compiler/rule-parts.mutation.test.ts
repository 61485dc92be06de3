/**
 * `runEvents` and `metByEvents` (compiler/elaborate/rule-parts.ts), which test/compiler/rule-parts.test.ts
 * does not call: the events that start or restart a cycle's runs (every `runs from` event, then every
 * `restarts on` event of every such clause, in source order), and a rule's `met by` events; none for
 * a rule without those clauses. Written for the mutation run of rule-parts.ts.
 *
 * Input: one small policy, parsed inside each test. Output: assertions on the lists.
 */
import { describe, expect, it } from 'vitest';
import type * as A from '../../compiler/ast/types.ts';
import { metByEvents, ruleParts, runEvents } from '../../compiler/elaborate/rule-parts.ts';
import { parseToAst } from '../../compiler/pipeline.ts';

const POLICY = `policy test.run_events
  title "Run events"

role iro "IRO"
event a
event b
event c
event d
event e
event held

cycle review "Review"
  owner iro
  runs from a or b until e
  restarts on c
  restarts on d or a
  first within 20 days of a
  met by held or e
  cite "1"

deadline plain "Plain"
  owner iro
  due within 5 days of a
  met by held
  cite "2"

duty open_ended "Open"
  owner iro
  after a
  met by b or c or d
  cite "3"
`;

function parts(): ReturnType<typeof ruleParts>[] {
  const { ast, diagnostics } = parseToAst(POLICY, 'run-events.pdl');
  expect(diagnostics).toEqual([]);
  return (ast?.declarations ?? []).filter((d): d is A.RuleDecl => d.kind === 'Rule').map(ruleParts);
}

describe('runEvents and metByEvents', () => {
  it('a cycle: its `runs from` events, then its `restarts on` events, in source order; its `met by` events', () => {
    const [cycle] = parts();
    expect(runEvents(cycle!)).toEqual(['a', 'b', 'c', 'd', 'a']);
    expect(metByEvents(cycle!)).toEqual(['held', 'e']);
  });

  it('rules without `runs from`: no run events; each rule its own `met by` events', () => {
    const [, deadline, duty] = parts();
    expect(runEvents(deadline!)).toEqual([]);
    expect(runEvents(duty!)).toEqual([]);
    expect(metByEvents(deadline!)).toEqual(['held']);
    expect(metByEvents(duty!)).toEqual(['b', 'c', 'd']);
  });

  it('a rule with no `met by` clause has no `met by` events', () => {
    const { ast } = parseToAst('policy t.x\n  title "X"\n\nlimit once "Once"\n  at most 1 a per case\n  cite "1"\n', 'x.pdl');
    const rule = ast?.declarations.find((d): d is A.RuleDecl => d.kind === 'Rule');
    expect(rule).toBeDefined();
    expect(metByEvents(ruleParts(rule!))).toEqual([]);
    expect(runEvents(ruleParts(rule!))).toEqual([]);
  });
});
