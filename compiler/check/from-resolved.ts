/**
 * Resolved policy -> diagnostics. Runs every check, in a fixed order, and returns their findings
 * (sorting is the pipeline's job). Add a check by writing `check-<what>.ts` and listing it here.
 */
import type { Diagnostic } from '../diagnostics/types.ts';
import type { ResolvedPolicy } from '../resolve/types.ts';
import { checkApprovals } from './check-approvals.ts';
import { checkCalendar } from './check-calendar.ts';
import { checkConflictingTimescales } from './check-conflicting-timescales.ts';
import { checkCriteria } from './check-criteria.ts';
import { checkLadderCap } from './check-ladder-cap.ts';
import { checkNeverApplies } from './check-never-applies.ts';
import { checkNotify } from './check-notify.ts';
import { checkLadders } from './check-ladders.ts';
import { checkLimits } from './check-limits.ts';
import { checkHeader } from './check-header.ts';
import { checkRoles } from './check-roles.ts';
import { checkRules } from './check-rules.ts';
import { checkVocabulary } from './check-vocabulary.ts';
import type { Check } from './types.ts';

export const CHECKS: readonly { readonly name: string; readonly run: Check }[] = [
  { name: 'header', run: checkHeader },
  { name: 'calendar', run: checkCalendar },
  { name: 'roles', run: checkRoles },
  { name: 'vocabulary', run: checkVocabulary },
  { name: 'rules', run: checkRules },
  { name: 'approvals', run: checkApprovals },
  { name: 'limits', run: checkLimits },
  { name: 'ladders', run: checkLadders },
  { name: 'criteria', run: checkCriteria },
  { name: 'notify', run: checkNotify },
  // Analyses: warnings about flaws in the text being encoded.
  { name: 'conflicting-timescales', run: checkConflictingTimescales },
  { name: 'ladder-cap', run: checkLadderCap },
  { name: 'never-applies', run: checkNeverApplies },
];

export function checkResolved(policy: ResolvedPolicy): Diagnostic[] {
  return CHECKS.flatMap((check) => check.run(policy));
}
