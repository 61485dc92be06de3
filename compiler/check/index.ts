/**
 * The checks of declarations (on the resolved policy) and the lints (on the elaborated policy), each
 * list in a fixed order; sorting is the pipeline's job. Rules themselves are checked by elaboration
 * (`compiler/elaborate/`, one module per kind in `compiler/kinds/`). Add a check or a lint by writing
 * `check-<what>.ts` and listing it here.
 */
import type { Diagnostic } from '../diagnostics/types.ts';
import type { ElaboratedPolicy } from '../elaborate/types.ts';
import type { ResolvedPolicy } from '../resolve/types.ts';
import { checkCalendar } from './check-calendar.ts';
import { checkConflictingTimescales } from './check-conflicting-timescales.ts';
import { checkHeader } from './check-header.ts';
import { checkLadderCap } from './check-ladder-cap.ts';
import { checkNeverApplies } from './check-never-applies.ts';
import { checkRoles } from './check-roles.ts';
import { checkVocabulary } from './check-vocabulary.ts';
import type { Check, Lint } from './types.ts';

export const DECLARATION_CHECKS: readonly { readonly name: string; readonly run: Check }[] = [
  { name: 'header', run: checkHeader },
  { name: 'calendar', run: checkCalendar },
  { name: 'roles', run: checkRoles },
  { name: 'vocabulary', run: checkVocabulary },
];

/** Analyses: warnings about flaws in the text being encoded. */
export const LINTS: readonly { readonly name: string; readonly run: Lint }[] = [
  { name: 'conflicting-timescales', run: checkConflictingTimescales },
  { name: 'ladder-cap', run: checkLadderCap },
  { name: 'never-applies', run: checkNeverApplies },
];

export function checkDeclarations(policy: ResolvedPolicy): Diagnostic[] {
  return DECLARATION_CHECKS.flatMap((check) => check.run(policy));
}

export function lint(policy: ElaboratedPolicy): Diagnostic[] {
  return LINTS.flatMap((l) => l.run(policy));
}
