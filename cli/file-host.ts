/**
 * A compiler host over the file system (Node only; the playground has its own in-memory host).
 *
 * Input: folders to search. Output: a `CompilerHost` that finds a policy by the id on its `policy`
 * line, among the `.pdl` files below those folders (read lazily, once). A policy found is decoded
 * strictly, as the main policy is (cli/utf8.ts): one that is not valid UTF-8 comes back with its
 * `problem` (the place of the first bad byte), which the compiler reports on the `extends` line,
 * never with U+FFFD in place of its bytes. A file that cannot be read when the folders are searched is
 * passed over; one found then and unreadable when the policy is loaded comes back with a `problem`
 * (`cannot be read (ENOENT)`), never as an exception.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CompilerHost, PolicySource } from '../compiler/index.ts';
import { filesBelow } from './files-below.ts';
import { shownPath } from './output.ts';
import { decodeUtf8 } from './utf8.ts';

const POLICY_LINE = /^\s*policy\s+([A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)*)/m;


export interface FileHost extends CompilerHost {
  /** Uri of a file path, as used in diagnostics: relative to `base` when inside it, else absolute (`shownPath`). */
  uriOf(path: string): string;
}

/**
 * @param folders folders searched for policies (recursively)
 * @param base paths in diagnostics inside it are relative to it (default: the working directory)
 */
export function createFileHost(folders: readonly string[], base: string = process.cwd()): FileHost {
  let index: Map<string, string> | undefined;
  const build = (): Map<string, string> => {
    const map = new Map<string, string>();
    const files: string[] = [];
    for (const folder of folders) filesBelow(resolve(base, folder), '.pdl', files);
    for (const file of files.sort()) {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        continue; // listed, then removed or unreadable before it was read: not a policy found here
      }
      const match = POLICY_LINE.exec(text);
      if (match?.[1] !== undefined && !map.has(match[1])) map.set(match[1], file);
    }
    return map;
  };
  const uriOf = (path: string): string => shownPath(path, base); // relative to base when inside it, else absolute
  return {
    uriOf,
    findPolicy(id: string): PolicySource | undefined {
      index ??= build();
      const path = index.get(id);
      if (path === undefined) return undefined;
      let bytes: Buffer;
      try {
        bytes = readFileSync(path);
      } catch (error) {
        // Found when the folders were searched, gone or unreadable now: said on the `extends` line.
        const code = (error as NodeJS.ErrnoException).code;
        return { uri: uriOf(path), text: '', problem: `cannot be read${code === undefined ? '' : ` (${code})`}` };
      }
      const decoded = decodeUtf8(bytes);
      if (!decoded.ok) return { uri: uriOf(path), text: '', problem: `not valid UTF-8 (line ${decoded.line}, column ${decoded.column})` };
      return { uri: uriOf(path), text: decoded.text.charCodeAt(0) === 0xfeff ? decoded.text.slice(1) : decoded.text };
    },
    knownPolicies(): Iterable<string> {
      index ??= build();
      return index.keys();
    },
  };
}
