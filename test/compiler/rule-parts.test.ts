/**
 * `ruleParts` (compiler/elaborate/rule-parts.ts): a rule's clauses by part, made once per rule for the
 * shape checks and the kind modules. Checked here: every part is there, in the order of
 * `PART_OF_CLAUSE` (one object shape for all rules); the parts a rule has hold its clauses in source
 * order; the parts it has not share one frozen empty list (a list per part and rule was most of
 * what the function allocated: 32 lists per rule), so that nothing can add to it unnoticed.
 */
import { describe, expect, it } from 'vitest';
import type * as A from '../../compiler/ast/types.ts';
import { PART_OF_CLAUSE, ruleParts } from '../../compiler/elaborate/rule-parts.ts';
import { parseToAst } from '../../compiler/pipeline.ts';

const POLICY = `policy test.parts
  title     "Parts"
  version   "1"
  effective 2020-01-01

role social_worker "Social worker"
event started "Started"
event done "Done"
fact disabled? "Disabled": boolean

deadline first_visit "First visit"
  owner social_worker
  due within 5 working days of started
  when disabled
  met by done
  cite "Section 1"
  cite "Section 2"

deadline second_visit "Second visit"
  owner social_worker
  due within 10 working days of started
  met by done
  cite "Section 3"
`;

function rules(): A.RuleDecl[] {
  const { ast, diagnostics } = parseToAst(POLICY, 'parts.pdl');
  expect(diagnostics).toEqual([]);
  return (ast?.declarations ?? []).filter((d): d is A.RuleDecl => d.kind === 'Rule');
}

describe('ruleParts', () => {
  it('gives every part, in the order of PART_OF_CLAUSE, and the clauses of each in source order', () => {
    const [first] = rules();
    const parts = ruleParts(first!);
    expect(Object.keys(parts)).toEqual([...new Set(Object.values(PART_OF_CLAUSE))]);
    expect(parts.cite.map((c) => c.citation.value)).toEqual(['Section 1', 'Section 2']);
    expect(parts.owner.map((c) => c.role.text)).toEqual(['social_worker']);
    expect(parts.when).toHaveLength(1);
    expect(parts.due).toHaveLength(1);
    expect(parts.metBy).toHaveLength(1);
    // Every clause is in exactly one part.
    const all = Object.values(parts).flat();
    expect(all).toHaveLength(first!.clauses.length);
    expect(new Set(all)).toEqual(new Set(first!.clauses));
  });

  it('shares one frozen empty list among the parts no rule has, and makes a list of its own for each part a rule has', () => {
    const [first, second] = rules();
    const a = ruleParts(first!);
    const b = ruleParts(second!);
    expect(a.approvedBy).toEqual([]);
    expect(Object.isFrozen(a.approvedBy)).toBe(true);
    expect(a.approvedBy).toBe(b.stages);
    // The second rule has no `when`: it gets the shared empty list, not the first rule's.
    expect(b.when).toBe(a.approvedBy);
    expect(a.when).not.toBe(b.when);
    expect(a.cite).not.toBe(b.cite);
    expect(Object.isFrozen(a.cite)).toBe(false);
  });
});
