/**
 * Creating the folders a command writes into (`compile --out DIR`, the parent folders of `docs --out
 * FILE` and `coverage --out FILE`, the code cache's folder).
 *
 * Input: a folder's path (and optionally the mode of the folders created). Output: the folder exists,
 * or a `MakeFolderError` naming the first folder that could not be created and Node's error code.
 * INVARIANT: never calls `mkdirSync(path, { recursive: true })`: on Node 20 that loops for ever, at
 * full CPU, on a path below /proc (`/proc/nope`), where the kernel answers ENOENT for a folder whose
 * parent exists. Here each missing folder is created with a plain `mkdirSync`, from the deepest one
 * that exists down, and the first failure ends it. Node imports only, so that the code cache
 * (cli/cached-script.ts) can use it without loading anything else.
 */
import { mkdirSync, statSync, type Stats } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** A folder that could not be created (or a file in the way of one): `folder` is the first that failed. */
export class MakeFolderError extends Error {
  override readonly name = 'MakeFolderError';
  constructor(
    readonly folder: string,
    readonly code: string,
  ) {
    super(`cannot create the folder ${folder} (${code})`);
  }
}

function codeOf(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
}

/** Creates `dir` and its missing parent folders (`mode` for those created); throws MakeFolderError. */
export function makeFolder(dir: string, mode?: number): void {
  const missing: string[] = [];
  for (let folder = resolve(dir); ; ) {
    let stat: Stats | undefined;
    try {
      stat = statSync(folder);
    } catch (error) {
      const code = codeOf(error);
      // ENOTDIR: a file is in the way further up, which the walk up then names
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw new MakeFolderError(folder, code);
    }
    if (stat !== undefined) {
      if (!stat.isDirectory()) throw new MakeFolderError(folder, 'ENOTDIR');
      break;
    }
    missing.push(folder);
    const parent = dirname(folder);
    if (parent === folder) break;
    folder = parent;
  }
  for (const folder of missing.reverse()) {
    try {
      mkdirSync(folder, mode === undefined ? undefined : { mode });
    } catch (error) {
      const code = codeOf(error);
      if (code === 'EEXIST' && isFolder(folder)) continue; // made meanwhile by another process
      throw new MakeFolderError(folder, code);
    }
  }
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
