/**
 * Keys: `matched by ATTRIBUTE` pairs a rule's events by the value of one attribute (a request with
 * its own decision, a step with its own earlier event, a raise with its own escalation).
 *
 * Input: an event and the key's attribute name (or `undefined`: the rule has no key). Output: the
 * key value to compare (`keyOf`) or whether two events match (`sameKey`).
 *
 * Semantics: two events match when the rule has no key, or when both carry the same value of the
 * key attribute (compared with `===`: text, role and enum values as strings, numbers and dates as
 * numbers), or when neither carries it (the attribute is optional and absent on both): a missing
 * value is a value of its own, so a case that records no key at all is paired as without a key.
 *
 * INVARIANT: key values are case data; nothing here (or in a caller's message) prints them. Messages
 * say "matched by ATTRIBUTE", never the value.
 */
import type { NormalizedEvent } from './case.ts';

/** The value an event carries for the key, `undefined` when it carries none (or the rule has no key). */
export function keyOf(e: NormalizedEvent, key: string | undefined): unknown {
  return key === undefined ? undefined : e.attributes[key];
}

/** True when `a` and `b` match by the key (always, without one). */
export function sameKey(a: NormalizedEvent, b: NormalizedEvent, key: string | undefined): boolean {
  return key === undefined || a.attributes[key] === b.attributes[key];
}

/** " matched by ref" for messages (no value), or "" without a key. */
export function matchedByText(key: string | undefined): string {
  return key === undefined ? '' : ` matched by ${key}`;
}
