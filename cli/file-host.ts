/**
 * A compiler host over the file system (Node only; the playground has its own in-memory host).
 *
 * Input: folders to search. Output: a `CompilerHost` that finds a policy by the id on its `policy`
 * line, among the `.pdl` files below those folders (read lazily, once).
 */
import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import type { CompilerHost, PolicySource } from '../compiler/index.ts';
import { filesBelow } from './files-below.ts';

const POLICY_LINE = /^\s*policy\s+([A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)*)/m;


export interface FileHost extends CompilerHost {
  /** Uri (a path relative to `base`) of a file path, as used in diagnostics. */
  uriOf(path: string): string;
}

/**
 * @param folders folders searched for policies (recursively)
 * @param base paths in diagnostics are relative to it (default: the working directory)
 */
export function createFileHost(folders: readonly string[], base: string = process.cwd()): FileHost {
  let index: Map<string, string> | undefined;
  const build = (): Map<string, string> => {
    const map = new Map<string, string>();
    const files: string[] = [];
    for (const folder of folders) filesBelow(resolve(base, folder), '.pdl', files);
    for (const file of files.sort()) {
      const match = POLICY_LINE.exec(readFileSync(file, 'utf8'));
      if (match?.[1] !== undefined && !map.has(match[1])) map.set(match[1], file);
    }
    return map;
  };
  const uriOf = (path: string): string => relative(base, resolve(base, path)) || path; // relative paths are relative to base
  return {
    uriOf,
    findPolicy(id: string): PolicySource | undefined {
      index ??= build();
      const path = index.get(id);
      return path === undefined ? undefined : { uri: uriOf(path), text: readFileSync(path, 'utf8') };
    },
    knownPolicies(): Iterable<string> {
      index ??= build();
      return index.keys();
    },
  };
}
