/**
 * Output folders that cannot be created (cli/make-folder.ts): `pdl compile --out DIR`, `pdl docs --out
 * FILE` and `pdl coverage --out FILE` create missing folders; below /proc, Node 20's
 * `mkdirSync(path, { recursive: true })` looped for ever at full CPU (the kernel answers ENOENT for
 * /proc/nope, whose parent exists), so these commands hung instead of exiting 2 as docs/cli.md says.
 * They run as real processes, so that a hang is a process killed at its limit (status null), not a
 * test that never ends. `pdl check`'s code cache folder (PDL_CODE_CACHE_DIR) is made the same way.
 *
 * Input: the statutory policy; /proc/nope (on a system without /proc, a folder below a regular file,
 * which cannot be created either). Output: assertions.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeFolder, MakeFolderError } from '../../cli/make-folder.ts';
import { pdl, timeoutFor } from '../support/processes.ts';

const POLICY = 'policies/england/statutory-reviews.pdl';
const scratch = mkdtempSync(join(tmpdir(), 'pdl-output-folders-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A folder that cannot be created, and the message's reason for it. */
const UNWRITABLE = existsSync('/proc')
  ? { folder: '/proc/nope', reason: 'cannot create the folder /proc/nope: no folder can be created there' }
  : (() => {
      const file = join(scratch, 'a-file');
      writeFileSync(file, '');
      return { folder: join(file, 'nope'), reason: `cannot create the folder ${file}: a file is in the way where a folder is needed` };
    })();

describe('a folder that cannot be created: exit 2 with a message, never a hang', () => {
  it('pdl compile --out DIR', () => {
    const r = pdl(['compile', POLICY, '--out', UNWRITABLE.folder]);
    expect(r.stderr.trim()).toBe(`error: cannot write to ${UNWRITABLE.folder}: ${UNWRITABLE.reason}`);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
  }, timeoutFor(1));

  it('pdl docs --out DIR/x.md and pdl coverage --out DIR/sub/x.md (the first folder that fails is named)', () => {
    const docs = pdl(['docs', POLICY, '--out', `${UNWRITABLE.folder}/x.md`]);
    expect(docs.stderr.trim()).toBe(`error: cannot write ${UNWRITABLE.folder}/x.md: ${UNWRITABLE.reason}`);
    expect(docs.status).toBe(2);
    const coverage = pdl(['coverage', 'policies/bristol.pdl', '--out', `${UNWRITABLE.folder}/sub/x.md`]);
    expect(coverage.stderr.trim()).toBe(`error: cannot write ${UNWRITABLE.folder}/sub/x.md: ${UNWRITABLE.reason}`);
    expect(coverage.status).toBe(2);
  }, timeoutFor(2));

  it('pdl check with its code cache folder there: checks all the same (the cache is only skipped)', () => {
    const r = pdl(['check', POLICY], { env: { PDL_CODE_CACHE_DIR: `${UNWRITABLE.folder}/cache` } });
    expect(r.stdout).toContain(`${POLICY}: 0 errors, 0 warnings`);
    expect(r.status).toBe(0);
  }, timeoutFor(1));
});

describe('makeFolder', () => {
  it('creates the missing folders from the deepest that exists down, and accepts one that exists', () => {
    const deep = join(scratch, 'a', 'b', 'c');
    makeFolder(deep, 0o700);
    expect(statSync(deep).isDirectory()).toBe(true);
    expect(statSync(join(scratch, 'a')).mode & 0o777).toBe(0o700);
    makeFolder(deep);
    expect(readdirSync(join(scratch, 'a', 'b'))).toEqual(['c']);
  });

  it('names the file in the way of a folder', () => {
    const file = join(scratch, 'in-the-way');
    writeFileSync(file, '');
    let thrown: unknown;
    try {
      makeFolder(join(file, 'x', 'y'));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(MakeFolderError);
    expect((thrown as MakeFolderError).code).toBe('ENOTDIR');
    expect((thrown as MakeFolderError).folder).toBe(file);
  });
});
