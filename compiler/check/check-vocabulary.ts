/**
 * Vocabulary checks: attribute names and enum values are unique within their declaration and are not
 * JavaScript's own property names (`pdl/reserved-name`; declared names are checked when resolved); a
 * fact's `set by` events, attributes and values exist and fit the fact's type.
 */
import type * as A from '../ast/types.ts';
import { diagnostic, type Diagnostic } from '../diagnostics/types.ts';
import type { Check } from './types.ts';
import { reserved } from '../resolve/from-ast.ts';
import { isReservedName } from '../../runtime/names.ts';
import { checkFactSetters } from '../elaborate/names.ts';

function checkEnum(type: A.TypeRef, uri: string, out: Diagnostic[]): void {
  if (type.kind !== 'EnumType') return;
  const seen = new Set<string>();
  for (const value of type.values) {
    if (isReservedName(value.text)) out.push(reserved('enum value', value, uri));
    if (seen.has(value.text)) out.push(diagnostic('pdl/duplicate-attribute', uri, value.range, `enum value \`${value.text}\` is listed twice`));
    seen.add(value.text);
  }
}

/** A `role` type in a policy that declares no roles: no value could be valid. */
function checkRoleType(type: A.TypeRef, name: A.Name, policy: Parameters<Check>[0], out: Diagnostic[]): void {
  if (type.kind !== 'PrimitiveType' || type.type !== 'role' || policy.roles.size > 0) return;
  out.push(
    diagnostic('pdl/unknown-role', policy.uri, name.range, `\`${name.text}\` holds a role, but this policy declares no roles`, {
      help: 'declare the roles it may name (`role social_worker "Social worker"`), or extend a policy that does',
    }),
  );
}

export const checkVocabulary: Check = (policy) => {
  const out: Diagnostic[] = [];
  for (const fact of policy.facts.values()) if (fact.own) checkRoleType(fact.decl.type, fact.decl.name, policy, out);
  for (const fact of policy.facts.values()) if (fact.own) checkEnum(fact.decl.type, policy.uri, out);
  for (const fact of policy.facts.values()) if (fact.own && fact.decl.setBy !== undefined) checkFactSetters(fact.decl, { policy, uri: policy.uri }, out);
  for (const event of policy.events.values()) {
    if (!event.own) continue;
    if (event.decl.supersedes && !event.decl.attributes.some((a) => a.type.kind === 'PrimitiveType' && a.type.type === 'date')) {
      out.push(
        diagnostic('pdl/anchor-not-a-date', policy.uri, event.decl.name.range, `event \`${event.decl.name.text}\` supersedes earlier ones, but has no date attribute saying until when`, {
          help: 'give it a date attribute (`{ for: date }`), the date of the thing it arranges',
        }),
      );
    }
    const seen = new Set<string>();
    for (const attr of event.decl.attributes) {
      if (isReservedName(attr.name.text)) out.push(reserved('attribute', attr.name, policy.uri));
      if (seen.has(attr.name.text)) {
        out.push(diagnostic('pdl/duplicate-attribute', policy.uri, attr.name.range, `event \`${event.decl.name.text}\` declares attribute \`${attr.name.text}\` twice`));
      }
      seen.add(attr.name.text);
      checkEnum(attr.type, policy.uri, out);
      checkRoleType(attr.type, attr.name, policy, out);
    }
  }
  return out;
};
