/**
 * Where the CLI looks for the policies a file `extends`, and how it reads sources back for code frames.
 *
 * Input: the path of a policy file, the working directory, the `--policies` folders and optionally
 * fallback folders. Output: a `FileHost` over the file's folder, its parent folders below the working
 * directory, `./policies` when it exists and the `--policies` folders (then the fallback folders, for
 * ids not found there); and a `readSource(uri)` for `formatDiagnostic`.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { createFileHost, type FileHost } from './file-host.ts';

function isInside(child: string, parent: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/**
 * The folders searched for extended policies, outermost first, with folders already covered by
 * another (the search is recursive) left out. The working directory itself is searched only when
 * the file is directly in it, so that running `pdl` at the top of a repository does not scan
 * every test fixture.
 */
export function policyFolders(file: string, workingDirectory: string, extra: readonly string[]): string[] {
  // Resolved, so that a working directory given with a trailing separator (`/repo/`) is the same
  // folder as `/repo` below: compared as text it was not, and the whole working directory was searched.
  const cwd = resolve(workingDirectory);
  const candidates: string[] = [];
  let dir = dirname(resolve(cwd, file));
  candidates.push(dir);
  if (isInside(dir, cwd)) {
    for (let parent = dirname(dir); parent !== dir && isInside(parent, cwd) && parent !== cwd; parent = dirname(parent)) {
      candidates.push(parent);
      dir = parent;
    }
  }
  const local = resolve(cwd, 'policies');
  if (existsSync(local) && statSync(local).isDirectory()) candidates.push(local);
  for (const folder of extra) candidates.push(resolve(cwd, folder));
  const unique = [...new Set(candidates)];
  return unique.filter((f) => !unique.some((other) => other !== f && isInside(f, other))).sort();
}

/** One message for each `--policies` folder that is not a readable folder. */
export function missingFolders(folders: readonly string[], cwd: string): string[] {
  const out: string[] = [];
  for (const folder of folders) {
    let ok = false;
    try {
      ok = statSync(resolve(cwd, folder)).isDirectory();
    } catch {
      ok = false;
    }
    if (!ok) out.push(`error: --policies ${folder}: not a folder`);
  }
  return out;
}

/**
 * A host for one policy file (uris relative to `cwd`). The `fallback` folders are searched only for
 * an id the file's own folders (`policyFolders`) do not have, so they can never change which file a
 * policy found there resolves to (`pdl simulate` gives the other side's folder this way).
 */
export function hostFor(file: string, cwd: string, extra: readonly string[], fallback: readonly string[] = []): FileHost {
  const host = createFileHost(policyFolders(file, cwd, extra), cwd);
  if (fallback.length === 0) return host;
  const after = createFileHost(fallback, cwd);
  return {
    uriOf: host.uriOf,
    findPolicy: (id, fromUri) => host.findPolicy(id, fromUri) ?? after.findPolicy(id, fromUri),
    knownPolicies: () => new Set([...(host.knownPolicies?.() ?? []), ...(after.knownPolicies?.() ?? [])]),
  };
}

/** Reads a diagnostic's file back for its code frame: `known` texts first, then the disk (cached). */
export function sourceReader(cwd: string, known: ReadonlyMap<string, string>): (uri: string) => string | undefined {
  const cache = new Map<string, string | undefined>(known);
  return (uri) => {
    if (cache.has(uri)) return cache.get(uri);
    let text: string | undefined;
    try {
      text = readFileSync(resolve(cwd, uri.split('/').join(sep)), 'utf8');
    } catch {
      text = undefined;
    }
    cache.set(uri, text);
    return text;
  };
}
