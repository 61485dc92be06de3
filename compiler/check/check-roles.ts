/** Role checks: `reports to` names a declared role, and reporting lines never go round in a circle. */
import { diagnostic, type Diagnostic } from '../diagnostics/types.ts';
import { checkRoleName } from '../elaborate/names.ts';
import { UNASSIGNED } from '../elaborate/rule-parts.ts';
import type { Check } from './types.ts';

export const checkRoles: Check = (policy) => {
  const out: Diagnostic[] = [];
  const reserved = policy.roles.get(UNASSIGNED);
  if (reserved?.own) {
    out.push(diagnostic('pdl/reserved-name', policy.uri, reserved.decl.name.range, `\`${UNASSIGNED}\` is reserved for obligations that name no owner`, { help: 'choose another name for this role' }));
  }
  for (const [, role] of policy.roles) {
    if (!role.own || role.decl.reportsTo === undefined) continue;
    checkRoleName(role.decl.reportsTo, { policy, uri: policy.uri }, out);
  }
  // Each role's line upwards is walked once in all (a role already walked ends a walk): linear in
  // the number of roles, however long the lines are. A walk that meets itself found a circle.
  const state = new Map<string, 'walking' | 'done'>();
  const above = (name: string): string | undefined => policy.roles.get(name)?.decl.reportsTo?.text;
  for (const start of policy.roles.keys()) {
    const path: string[] = [];
    let current: string | undefined = start;
    while (current !== undefined && policy.roles.has(current) && !state.has(current)) {
      state.set(current, 'walking');
      path.push(current);
      current = above(current);
    }
    if (current !== undefined && state.get(current) === 'walking') {
      const circle = path.slice(path.indexOf(current));
      // Reported once, at the role whose name sorts first in it, when this policy declares that role.
      let first = 0;
      for (let i = 1; i < circle.length; i++) if ((circle[i] as string) < (circle[first] as string)) first = i;
      const ordered = [...circle.slice(first), ...circle.slice(0, first)];
      const head = policy.roles.get(ordered[0] as string);
      if (head?.own && head.decl.reportsTo !== undefined) {
        out.push(
          diagnostic('pdl/reporting-cycle', policy.uri, head.decl.reportsTo.range, `reporting lines go round in a circle: ${[...ordered, ordered[0]].map((r) => `\`${r}\``).join(' reports to ')}`, {
            help: 'the top of a reporting line reports to nobody',
          }),
        );
      }
    }
    for (const name of path) state.set(name, 'done');
  }
  return out;
};
