/**
 * Reading a small settings file the user gives on the command line (an event mapping, a practice
 * model): YAML or JSON, checked by the library's own reader.
 *
 * Input: the path (relative to `cwd`), what the file is called in messages ("event mapping",
 * "practice model"), and the reader that checks the parsed value (returning its problems, each
 * naming its place in the file). Output: the checked value, or one message: the file cannot be read,
 * is not YAML/JSON (with the line when the parser gives one), or lists every problem.
 *
 * INVARIANT: never throws; the file holds settings, not case data, so messages may quote its places.
 */
import { resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { readText } from './output.ts';

export function readSettingsFile<T>(
  path: string,
  cwd: string,
  what: string,
  check: (value: unknown) => { ok: true; value: T } | { ok: false; problems: readonly string[] },
): { ok: true; value: T } | { ok: false; message: string } {
  const text = readText(resolve(cwd, path));
  if (!text.ok) return { ok: false, message: `cannot read ${path}: ${text.reason}` };
  let value: unknown;
  try {
    value = parseYaml(text.text) as unknown;
  } catch (error) {
    const line = (error as { linePos?: { line: number }[] }).linePos?.[0]?.line;
    return { ok: false, message: `${path}${line === undefined ? '' : `:${line}`}: not valid YAML or JSON` };
  }
  const checked = check(value);
  if (!checked.ok) return { ok: false, message: `${path}: not a usable ${what}:\n${checked.problems.map((p) => `  - ${p}`).join('\n')}` };
  return { ok: true, value: checked.value };
}
