/** Resolved policy -> text: the merged symbol tables with where each name comes from. */
import type { ResolvedPolicy } from './types.ts';

export function printResolved(p: ResolvedPolicy): string {
  const lines = [`policy ${p.id}${p.ancestors.length > 0 ? ` (extends ${p.ancestors.join(', ')})` : ''}`, `calendar ${p.calendar.name}`];
  const table = (kind: string, map: ReadonlyMap<string, { policy: string; own: boolean }>): void => {
    for (const [name, l] of map) lines.push(`${kind} ${name} from ${l.policy}${l.own ? '' : ' (inherited)'}${kind === 'rule' && p.overridden.has(name) ? ' (overrides)' : ''}`);
  };
  table('role', p.roles);
  table('fact', p.facts);
  table('event', p.events);
  table('rule', p.rules);
  return `${lines.join('\n')}\n`;
}
