/**
 * Checks and lints. A declaration check reads the resolved policy (roles, vocabulary, header,
 * calendar); a lint reads the elaborated policy (every rule checked and resolved) and warns about
 * flaws in the text being encoded. Both return diagnostics about the root file's own declarations,
 * never throw and never change the policy.
 */
import type { Diagnostic } from '../diagnostics/types.ts';
import type { ElaboratedPolicy } from '../elaborate/types.ts';
import type { ResolvedPolicy } from '../resolve/types.ts';

export type Check = (policy: ResolvedPolicy) => Diagnostic[];
export type Lint = (policy: ElaboratedPolicy) => Diagnostic[];
