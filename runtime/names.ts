/**
 * Names a policy may not declare: the properties every JavaScript object has (`constructor`,
 * `__proto__`, `toString`...). A role, fact, event, attribute, enum value or rule named like one
 * would reach a plain object somewhere (a case's `facts`, a JSON Schema's `properties`, an emitted
 * module's literals) and read or replace what JavaScript put there instead of the case's data, so
 * the compiler rejects them (`pdl/reserved-name`) and `preparePolicy` refuses an IR that declares one
 * (`MalformedIrError`).
 *
 * Input: a name. Output: whether it is reserved. The list is fixed (not read from the engine, so it
 * is the same everywhere); a test keeps it a superset of `Object.getOwnPropertyNames(Object.prototype)`.
 */
export const RESERVED_NAMES: ReadonlySet<string> = new Set([
  '__proto__',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
  'constructor',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
  'toString',
  'valueOf',
]);

/** Whether `name` is one of JavaScript's own property names, which no declaration may take. */
export function isReservedName(name: string): boolean {
  return RESERVED_NAMES.has(name);
}
