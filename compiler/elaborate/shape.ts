/**
 * The shape of a rule: each clause its kind takes appears when required and at most once unless it
 * may repeat; a clause its kind does not take is misplaced. The shape comes from the kind's module
 * (`compiler/kinds/<kind>.ts`), the clause words and examples from `compiler/kinds/clauses.ts`.
 *
 * Input: a rule, its clauses by part and its kind's module. Output: diagnostics, and whether every
 * required clause is present (only then can the rule be elaborated into a node).
 */
import type * as A from '../ast/types.ts';
import { diagnostic, type Diagnostic, withArticle } from '../diagnostics/types.ts';
import { CLAUSES, type ClauseUse } from '../kinds/clauses.ts';
import { PART_OF_CLAUSE, type RuleParts, type RulePart } from './rule-parts.ts';

export interface Shape {
  readonly clauses: readonly ClauseUse[];
  readonly misplacedHelp?: Partial<Record<string, string>>;
}

/** The clauses a kind takes, the ones allowed once first (for "a deadline takes ..." help). */
export function takes(shape: Shape): RulePart[] {
  return [...shape.clauses.filter((c) => !c.many), ...shape.clauses.filter((c) => c.many)].map((c) => c.part);
}

/** The parts a shape does not take, in the order of `PART_OF_CLAUSE`: worked out once per shape, not per rule. */
const misplacedParts = new WeakMap<Shape, readonly RulePart[]>();
function partsNotTaken(shape: Shape): readonly RulePart[] {
  let parts = misplacedParts.get(shape);
  if (parts === undefined) {
    const taken = new Set(shape.clauses.map((c) => c.part));
    parts = [...new Set(Object.values(PART_OF_CLAUSE))].filter((part) => !taken.has(part));
    misplacedParts.set(shape, parts);
  }
  return parts;
}

export function checkShape(rule: A.RuleDecl, parts: RuleParts, shape: Shape, uri: string, out: Diagnostic[]): boolean {
  const kind = rule.ruleKind;
  for (const part of partsNotTaken(shape)) {
    for (const clause of parts[part]) {
      out.push(
        diagnostic('pdl/misplaced-clause', uri, clause.range, `${withArticle(kind)} has no \`${CLAUSES[part].words}\` clause`, {
          help: shape.misplacedHelp?.[part] ?? `${withArticle(kind)} takes ${takes(shape).map((p) => `\`${CLAUSES[p].words}\``).join(', ')}`,
        }),
      );
    }
  }
  let complete = true;
  for (const use of shape.clauses) {
    const clauses: readonly A.Clause[] = parts[use.part];
    if (use.required && clauses.length === 0) {
      complete = false;
      if (!rule.incomplete) {
        out.push(
          diagnostic('pdl/missing-clause', uri, rule.headRange, `${kind} \`${rule.name.text}\` has no \`${CLAUSES[use.part].words}\` clause`, {
            help: `add a line such as \`${CLAUSES[use.part].example}\``,
          }),
        );
      }
    }
    const first = clauses[0];
    if (use.many || first === undefined) continue;
    for (let i = 1; i < clauses.length; i++) {
      const extra = clauses[i]!;
      out.push(
        diagnostic('pdl/duplicate-clause', uri, extra.range, `\`${CLAUSES[use.part].words}\` is given more than once in \`${rule.name.text}\``, {
          related: [{ uri, range: first.range, message: 'first given here' }],
          help: use.part === 'when' ? 'combine the conditions with `and`' : 'keep one',
        }),
      );
    }
  }
  return complete;
}
