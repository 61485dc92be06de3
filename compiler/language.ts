/**
 * The language as editors see it: the kinds of rule and, for each, the clauses it takes and the words
 * an editor offers for them. A public entry of its own (`@pdl/compiler/language`) because it must load without
 * the parser or the runtime: the playground's editor (main thread) reads it for completion and
 * highlighting, while the compiler runs in a worker.
 *
 * Input: nothing. Output: plain data derived from the kinds' modules (`compiler/kinds/`), the
 * clause words (`compiler/kinds/clauses.ts`) and the unit table (`runtime/units.ts`); nothing here is
 * listed by hand.
 */
import { RULE_KINDS, type RuleKind } from '../grammar/rule-kinds.ts';
import { CLAUSES } from './kinds/clauses.ts';
import { RULE_KIND_MODULES } from './kinds/index.ts';

export { RULE_KINDS, type RuleKind };
export { CLAUSES, type ClauseSpec, type ClauseUse } from './kinds/clauses.ts';
/** Every word of every duration unit (`runtime/units.ts`), for highlighting and completion. */
export { UNIT_WORDS } from '../runtime/units.ts';

/** What an editor offers at the start of an indented line of a rule of this kind, in the kind's clause order. */
export function clauseCompletions(kind: RuleKind): readonly string[] {
  return RULE_KIND_MODULES[kind].clauses.flatMap((c) => CLAUSES[c.part].completions);
}

/** The clauses each kind takes, as its module declares them. */
export function clausesOf(kind: RuleKind): readonly { readonly part: string; readonly required: boolean; readonly many: boolean }[] {
  return RULE_KIND_MODULES[kind].clauses.map((c) => ({ part: c.part, required: c.required === true, many: c.many === true }));
}
