/**
 * The key of `matched by ATTRIBUTE`: a rule's events paired by the value of one attribute.
 *
 * Input: the rule's `matched by` clause (if any) and the events the rule pairs (each with the clause
 * that names it, for the message). Output: the key attribute's name, or `undefined` with a
 * `pdl/invalid-key` diagnostic when one of those events does not declare the attribute, or declares
 * it with another type than the first event (enum types must list the same values). A boolean key is
 * refused: two values cannot tell instances apart.
 *
 * INVARIANT: without a `matched by` clause this reports nothing and returns `null` (no key).
 */
import type * as A from '../ast/types.ts';
import { printType } from '../ast/print.ts';
import { diagnostic, type Diagnostic } from '../diagnostics/types.ts';
import type { ResolvedPolicy } from '../resolve/types.ts';

/** An event the rule pairs by the key, and what it is in the rule (`the request`, `the decision`). */
export interface KeyedEvent {
  readonly event: string;
  readonly role: string;
}

/** The key's name; `null` when the rule has no `matched by`; `undefined` when it is invalid (reported). */
export function checkKey(
  clause: { readonly key: A.Name } | undefined,
  events: readonly KeyedEvent[],
  ctx: { readonly policy: ResolvedPolicy; readonly uri: string; readonly out: Diagnostic[] },
): string | null | undefined {
  if (clause === undefined) return null;
  const key = clause.key;
  let first: { readonly event: KeyedEvent; readonly type: A.TypeRef } | undefined;
  for (const e of events) {
    const located = ctx.policy.events.get(e.event);
    const decl = located?.decl;
    if (located === undefined || decl === undefined) return undefined; // an unknown event, reported by its own clause
    const attr = decl.attributes.find((a) => a.name.text === key.text);
    if (attr === undefined) {
      ctx.out.push(
        diagnostic('pdl/invalid-key', ctx.uri, key.range, `\`matched by ${key.text}\`: ${e.role}, \`${e.event}\`, has no attribute \`${key.text}\``, {
          help: `every event the rule matches must carry the key: declare it, e.g. \`event ${e.event} { ${key.text}: text }\``,
        }),
      );
      return undefined;
    }
    if (attr.type.kind === 'PrimitiveType' && attr.type.type === 'boolean') {
      ctx.out.push(
        diagnostic('pdl/invalid-key', ctx.uri, key.range, `\`matched by ${key.text}\`: \`${e.event}.${key.text}\` is a boolean, which cannot tell instances apart`, {
          help: 'match by an attribute of type `text`, `number`, `date`, `role` or an enum, such as a reference number',
        }),
      );
      return undefined;
    }
    if (first === undefined) {
      first = { event: e, type: attr.type };
      continue;
    }
    if (printType(first.type) !== printType(attr.type)) {
      ctx.out.push(
        diagnostic(
          'pdl/invalid-key',
          ctx.uri,
          key.range,
          `\`matched by ${key.text}\`: \`${first.event.event}.${key.text}\` is \`${printType(first.type)}\` but \`${e.event}.${key.text}\` is \`${printType(attr.type)}\``,
          { help: `declare \`${key.text}\` with the same type on every event the rule matches`, related: [{ uri: located.uri, range: attr.range, message: `\`${e.event}.${key.text}\` declared here` }] },
        ),
      );
      return undefined;
    }
  }
  return key.text;
}
