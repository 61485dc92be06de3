/**
 * The resolved policy: one policy file merged with everything it extends.
 *
 * INVARIANT: each symbol table holds every declaration visible in the policy, inherited ones
 * included, keyed by name; `own` says whether it was written in the root file (checks report only
 * on own declarations: inherited ones were checked when their own policy compiled).
 * INVARIANT: `rules` keeps inherited rules in their original order, with overrides in the place of
 * the rule they replace, and the root file's new rules after them.
 */
import type * as A from '../ast/types.ts';

export interface Located<T> {
  readonly decl: T;
  readonly uri: string;
  /** Id of the policy that declared it. */
  readonly policy: string;
  readonly own: boolean;
  /** Inherited through `use` (vocabulary only) rather than `extends`: for messages. */
  readonly used?: boolean;
}

export interface ResolvedPolicy {
  readonly id: string;
  readonly uri: string;
  readonly ast: A.PolicyFile;
  /** Ids of the policies extended, directly or not, nearest first, without repeats. */
  readonly ancestors: readonly string[];
  readonly header: Partial<Record<A.HeaderFieldName, string>>;
  readonly calendar: {
    readonly name: string;
    readonly declarations: readonly Located<A.CalendarDecl>[];
    readonly changes: readonly Located<A.CalendarChange>[];
  };
  readonly roles: ReadonlyMap<string, Located<A.RoleDecl>>;
  readonly facts: ReadonlyMap<string, Located<A.FactDecl>>;
  readonly events: ReadonlyMap<string, Located<A.EventDecl>>;
  readonly rules: ReadonlyMap<string, Located<A.RuleDecl>>;
  /** Ids of the policies named by `use` (directly or by an extended policy), whose vocabulary only is visible. */
  readonly uses?: readonly string[];
  /** The rules of used policies, which are not visible here: rule name -> the used policy's id (for help). */
  readonly usedRules?: ReadonlyMap<string, string>;
  /** For each overriding rule name, the inherited rule it replaced. */
  readonly overridden: ReadonlyMap<string, Located<A.RuleDecl>>;
}
