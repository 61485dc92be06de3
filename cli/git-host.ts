/**
 * Policies as they were at a git revision, for `pdl simulate --baseline-rev REV`: a policy lead
 * simulates a change (a pull request) against the same file before it.
 *
 * Input: a policy file path (as for `hostFor`), the working directory, the `--policies` folders and a
 * revision (anything `git rev-parse` accepts: `main`, `HEAD~1`, a commit id). Output: the file's text
 * at that revision and a `FileHost` that finds the policies it `extends` in the same folders, also at
 * that revision; uris read `REV:path/from/the/repository/root`, so diagnostics say which version
 * they are about. Errors (not a git repository, an unknown revision, a file absent at it) are values
 * with a message, never exceptions.
 *
 * INVARIANT: git is run without a shell (`execFileSync` with an argument list), read-only commands
 * only (`rev-parse`, `ls-tree`, `show`); the working tree and the index are never touched.
 * INVARIANT: every file is read from the same commit (the revision is resolved to a commit id once).
 */
import { execFileSync } from 'node:child_process';
import { relative, resolve, sep } from 'node:path';
import type { PolicySource } from '../compiler/index.ts';
import type { FileHost } from './file-host.ts';
import { policyFolders } from './host.ts';

const POLICY_LINE = /^\s*policy\s+([A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)*)/m;
/** Git output larger than this is refused (a policy is kilobytes; the limit is the compiler's concern). */
const MAX_BUFFER = 64 * 1024 * 1024;

/** A policy file at a revision, and a host over that revision. */
export interface RevisionSource {
  /** The commit the revision named (full id). */
  readonly commit: string;
  readonly uri: string;
  readonly text: string;
  readonly host: FileHost;
}

function git(args: readonly string[], cwd: string): { ok: true; out: string } | { ok: false; message: string } {
  try {
    return { ok: true, out: execFileSync('git', args, { cwd, encoding: 'utf8', maxBuffer: MAX_BUFFER, stdio: ['ignore', 'pipe', 'pipe'] }) };
  } catch (error) {
    const stderr = (error as { stderr?: unknown }).stderr;
    const first = typeof stderr === 'string' ? stderr.trim().split('\n')[0] : undefined;
    return { ok: false, message: first !== undefined && first !== '' ? first : error instanceof Error ? error.message : String(error) };
  }
}

function posix(path: string): string {
  return path.split(sep).join('/');
}

/**
 * The policy file `file` as it was at `rev`, and a host over the same revision. `file` is a path as
 * the user gave it (relative to `cwd`, or absolute) inside a git work tree.
 */
export function sourceAtRevision(file: string, rev: string, cwd: string, extra: readonly string[]): { ok: true; source: RevisionSource } | { ok: false; message: string } {
  const top = git(['rev-parse', '--show-toplevel'], cwd);
  if (!top.ok) return { ok: false, message: `--baseline-rev needs a git repository: ${top.message}` };
  const root = top.out.trim();
  if (rev.startsWith('-')) return { ok: false, message: `--baseline-rev ${rev}: not a revision` };
  const commit = git(['rev-parse', '--verify', '--quiet', `${rev}^{commit}`], cwd);
  if (!commit.ok || commit.out.trim() === '') return { ok: false, message: `--baseline-rev ${rev}: no such revision in ${root}` };
  const id = commit.out.trim();
  const pathAt = (absolute: string): string => posix(relative(root, absolute));
  const target = pathAt(resolve(cwd, file));
  if (target.startsWith('../')) return { ok: false, message: `--baseline-rev: ${file} is outside the git repository ${root}` };
  const read = (path: string): string | undefined => {
    const shown = git(['show', `${id}:${path}`], root);
    return shown.ok ? shown.out : undefined;
  };
  const text = read(target);
  if (text === undefined) return { ok: false, message: `--baseline-rev ${rev}: ${target} does not exist at that revision` };
  const uriOf = (path: string): string => `${rev}:${path}`;

  let index: Map<string, string> | undefined;
  const build = (): Map<string, string> => {
    const map = new Map<string, string>();
    const folders = policyFolders(file, cwd, extra)
      .map(pathAt)
      .filter((f) => !f.startsWith('../'));
    if (folders.length === 0) return map;
    const listed = git(['ls-tree', '-r', '--name-only', '-z', id, '--', ...folders.map((f) => (f === '' ? '.' : f))], root);
    if (!listed.ok) return map;
    for (const path of listed.out.split('\0').filter((p) => p.endsWith('.pdl')).sort()) {
      const body = path === target ? text : read(path);
      const match = body === undefined ? null : POLICY_LINE.exec(body);
      if (match?.[1] !== undefined && !map.has(match[1])) map.set(match[1], path);
    }
    return map;
  };
  const host: FileHost = {
    uriOf: (path) => uriOf(pathAt(resolve(cwd, path))),
    findPolicy(policyId: string): PolicySource | undefined {
      index ??= build();
      const path = index.get(policyId);
      if (path === undefined) return undefined;
      const body = read(path);
      return body === undefined ? undefined : { uri: uriOf(path), text: body };
    },
    knownPolicies(): Iterable<string> {
      index ??= build();
      return index.keys();
    },
  };
  return { ok: true, source: { commit: id, uri: uriOf(target), text, host } };
}
