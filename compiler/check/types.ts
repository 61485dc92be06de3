/**
 * A check reads a resolved policy and returns diagnostics about the root file's own declarations.
 * Checks never throw and never change the policy.
 */
import type { Diagnostic } from '../diagnostics/types.ts';
import type { ResolvedPolicy } from '../resolve/types.ts';

export type Check = (policy: ResolvedPolicy) => Diagnostic[];
