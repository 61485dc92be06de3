/**
 * `policyIr(parts)`: a whole `PolicyIR` for tests that build IR by hand, from the parts a test cares
 * about. What is not given is empty: no extends, the England and Wales calendar, no roles, facts,
 * events or rules of any kind, the current IR version. A new list in `PolicyIR` then needs a default
 * here only, not in every hand-built policy.
 *
 * Input: `parts`, an id and a title at least. Output: the IR, its keys in the order of the `PolicyIR`
 * interface (as the compiler writes them), with no `undefined` value.
 *
 * INVARIANT: every key of `parts` is a key of `PolicyIR`; any other is refused (a typo would
 * otherwise be dropped silently, leaving a test that checks less than it says).
 */
import { IR_VERSION, type PolicyIR } from '../../runtime/index.ts';

/** The keys of `PolicyIR` in the interface's order. */
const KEYS = [
  'irVersion', 'id', 'title', 'authority', 'version', 'effective', 'source', 'extends', 'uses', 'calendar', 'roles', 'facts',
  'events', 'rules', 'approvals', 'limits', 'constraints', 'orders', 'ladders', 'criteria', 'duties',
] as const satisfies readonly (keyof PolicyIR)[];

// Every key of PolicyIR is in KEYS (a compile-time check: a key missing from KEYS makes this `false`).
const ALL_KEYS: Exclude<keyof PolicyIR, (typeof KEYS)[number]> extends never ? true : false = true;
void ALL_KEYS;

const EMPTY: Omit<PolicyIR, 'id' | 'title'> = {
  irVersion: IR_VERSION,
  extends: [],
  calendar: { base: 'england-and-wales', add: [], remove: [] },
  roles: [],
  facts: [],
  events: [],
  rules: [],
  approvals: [],
  limits: [],
  constraints: [],
  orders: [],
  ladders: [],
  criteria: [],
};

/** A policy of `parts`, the rest empty (above). */
export function policyIr(parts: Pick<PolicyIR, 'id' | 'title'> & Partial<PolicyIR>): PolicyIR {
  const known = new Set<string>(KEYS);
  const unknown = Object.keys(parts).filter((k) => !known.has(k));
  if (unknown.length > 0) throw new Error(`policyIr: not keys of PolicyIR: ${unknown.join(', ')}`);
  const merged: Record<string, unknown> = { ...EMPTY, ...parts };
  const out: Record<string, unknown> = {};
  for (const key of KEYS) if (merged[key] !== undefined) out[key] = merged[key];
  return out as unknown as PolicyIR;
}
