/**
 * What a kind of rule is to the compiler: one module per kind (`compiler/kinds/<kind>.ts`) declares
 * its clause shape, elaborates a rule of its kind into a checked, fully resolved node, lowers that
 * node to the IR, and says how `pdl docs` shows the kind. The registry (`compiler/kinds/index.ts`)
 * lists the modules; every stage that needs to know about kinds looks them up there.
 *
 * INVARIANT: `elaborate` reports every problem it finds as a diagnostic and returns a node only when
 * everything in the rule resolved; `lower` is total on such a node (no lookups, no assertions).
 */
import type { IrAnyRule, IrCondition, IrDue, IrRuleSlot, IrSource, PolicyIR } from '../../runtime/ir.ts';
import type * as A from '../ast/types.ts';
import type { Diagnostic } from '../diagnostics/types.ts';
import type { RuleParts } from '../elaborate/rule-parts.ts';
import type { Located, ResolvedPolicy } from '../resolve/types.ts';
import type { KindContext } from '../emit/docs/kinds.ts';
import type { Block, Rich } from '../emit/docs/view.ts';
import type { ClauseUse } from './clauses.ts';

/** A condition, checked: its source and its typed, resolved form. */
export interface ElabCondition {
  readonly ast: A.Condition;
  readonly ir: IrCondition;
}

/** A due date, checked: its source and its resolved form. */
export interface ElabDue {
  readonly ast: A.DueSpec;
  readonly ir: IrDue;
}

/** What every elaborated rule has. */
export interface ElaboratedBase<K extends A.RuleKind> {
  readonly kind: K;
  readonly located: Located<A.RuleDecl>;
  readonly id: string;
  readonly title: string;
  readonly citation: string;
  readonly source: IrSource;
}

/** What `elaborate` gets: the rule, its clauses by part, the policy it is read in, and where to report. */
export interface ElabContext {
  readonly located: Located<A.RuleDecl>;
  readonly rule: A.RuleDecl;
  readonly parts: RuleParts;
  readonly policy: ResolvedPolicy;
  /** The file the rule was written in (its diagnostics' uri). */
  readonly uri: string;
  readonly out: Diagnostic[];
  /** What every kind has, for `{ ...ctx.base, ... }`. */
  readonly base: Omit<ElaboratedBase<A.RuleKind>, 'kind'>;
}

/** The IR's arrays of rules, one per slot (`IR_RULE_SLOTS`); a kind lowers into one of them. */
export type IrSlot = IrRuleSlot;
export type IrOfSlot<S extends IrSlot> = NonNullable<PolicyIR[S]>[number];

/** The IR item of a kind. */
export type IrOfKind<K extends A.RuleKind> = Extract<IrAnyRule, { readonly kind: K }>;

/** How `pdl docs` shows a kind (`compiler/emit/docs/`). */
export interface KindDocs<I> {
  /** An item as a block of plain English (`level` 4 inside a role's group, else 3). */
  view(item: I, ctx: KindContext, level: 3 | 4): Block;
  /** A section of its own, in registry order; without one, items are listed under the role that owns them. */
  readonly section?: { readonly anchor: string; readonly title: string; readonly intro: readonly Rich[] };
  /** What an item makes roles do besides owning obligations ("May approve", "Raises"), for the roles' section. */
  roleDuties?(item: I, add: (role: string, label: string, what: Rich) => void, ref: (id: string, title: string) => Rich): void;
}

export interface RuleKindModule<K extends A.RuleKind, E extends ElaboratedBase<K>, S extends IrSlot> {
  readonly kind: K;
  /** The clauses it takes; anything else is `pdl/misplaced-clause`. */
  readonly clauses: readonly ClauseUse[];
  /** Help for a misplaced clause of the given part, where a better hint than the list exists. */
  readonly misplacedHelp?: Partial<Record<string, string>>;
  /** Where its IR goes. */
  readonly slot: S;
  readonly docs: KindDocs<IrOfKind<K>>;
  /** Which notification fields its `notify` templates may name (checked by elaboration), if it takes `notify`. */
  readonly notifyFields?: 'obligation' | 'ladder';
  /**
   * A rule of this kind -> its checked node, or undefined (with diagnostics in `ctx.out`) when something
   * did not resolve. Called only on rules whose shape is right (required clauses present).
   */
  elaborate(ctx: ElabContext): E | undefined;
  lower(node: E): IrOfSlot<S>;
  /**
   * Checks of the policy as a whole once its own file declares rules of this kind (e.g. the ladder
   * vocabulary): given those rules, elaborated or not, in source order.
   */
  checkPolicy?(ownRules: readonly Located<A.RuleDecl>[], policy: ResolvedPolicy): Diagnostic[];
}
