/**
 * The elaborated policy: the resolved policy (every `extends` merged) with every rule checked and
 * fully resolved: names bound to their declarations, conditions typed, anchors resolved.
 *
 * INVARIANT: `rules` holds a node for every rule of `resolved.rules` exactly when `complete` is true
 * (same order); a rule that did not check has no node, and elaboration reported why. Lints read these
 * nodes; lowering (`compiler/ir/from-elaborated.ts`) is total on them.
 */
import type { ElaboratedRule } from '../kinds/index.ts';
import type { ResolvedPolicy } from '../resolve/types.ts';

export interface ElaboratedPolicy {
  readonly resolved: ResolvedPolicy;
  readonly rules: readonly ElaboratedRule[];
  /** True when every rule (own and inherited) elaborated. */
  readonly complete: boolean;
}
