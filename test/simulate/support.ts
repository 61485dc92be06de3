/**
 * Helpers shared by the simulation tests: policies of the repository compiled by path (with a file
 * host over policies/, so that `extends` resolves), and plain dates from their text.
 *
 * Input: a path relative to the repository's root, or a `YYYY-MM-DD` text. Output: the compiled
 * policy (without explanations: the simulation reads none), or the plain date; both throw when the
 * input is not what the test expected, which fails the test.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { compile } from '../../compiler/index.ts';
import { createFileHost } from '../../cli/file-host.ts';
import { parsePlainDate } from '../../runtime/index.ts';
import type { CompiledPolicy, PlainDate } from '../../runtime/index.ts';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** A host over policies/, for `extends`. */
export const host = createFileHost([`${ROOT}policies`], ROOT);

/** The policy at `path` (from the repository's root), compiled. */
export function loadPolicy(path: string): CompiledPolicy {
  const c = compile(readFileSync(`${ROOT}${path}`, 'utf8'), { uri: path, host, explanations: false });
  if (c.policy === undefined) throw new Error(`${path} does not compile`);
  return c.policy;
}

/** The plain date of a `YYYY-MM-DD` text. */
export function day(text: string): PlainDate {
  const d = parsePlainDate(text);
  if (d === undefined) throw new Error(text);
  return d;
}
