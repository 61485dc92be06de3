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
  for (const [name, role] of policy.roles) {
    if (!role.own || role.decl.reportsTo === undefined) continue;
    if (!checkRoleName(role.decl.reportsTo, { policy, uri: policy.uri }, out)) continue;
    // Follow the line upwards; a return to `name` is a circle.
    const path = [name];
    let current = role.decl.reportsTo.text;
    while (current !== undefined) {
      if (current === name) {
        // Report a circle once, at the role whose name sorts first in it.
        if (path.some((r) => r < name)) break;
        out.push(
          diagnostic('pdl/reporting-cycle', policy.uri, role.decl.reportsTo.range, `reporting lines go round in a circle: ${[...path, name].map((r) => `\`${r}\``).join(' reports to ')}`, {
            help: 'the top of a reporting line reports to nobody',
          }),
        );
        break;
      }
      if (path.includes(current)) break; // a circle not through `name`: reported from its own roles
      path.push(current);
      current = policy.roles.get(current)?.decl.reportsTo?.text as string;
    }
  }
  return out;
};
