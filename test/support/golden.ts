/**
 * Golden files: a text a test produces, compared with a file committed beside the test, and re-recorded
 * only on request (never by a plain run, nor by vitest's `-u`).
 *
 * Input: the produced text, the golden file's path, and the test file to name in the failure's
 * re-record command. Output: an assertion; with `PDL_UPDATE_GOLDEN=1` in the environment, the golden
 * file is written instead (only when it differs or is missing), and the change is reviewed with
 * `git diff`.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** `PDL_UPDATE_GOLDEN=1`: write the golden files instead of comparing with them. */
const UPDATE = process.env['PDL_UPDATE_GOLDEN'] === '1';

/**
 * `actual` against the golden file `file`: equal, or (when updating) written, or a failure whose diff
 * shows the recorded lines (-) against the produced ones (+). `testFile` (relative to the repository)
 * is the suite that re-records it.
 */
export function matchGolden(actual: string, file: string, testFile: string): void {
  const name = relative(ROOT, file);
  if (UPDATE) {
    if (!existsSync(file) || readFileSync(file, 'utf8') !== actual) writeFileSync(file, actual);
    return;
  }
  const rerecord = `if the change is intended, re-record with \`PDL_UPDATE_GOLDEN=1 npx vitest run ${testFile}\` and review \`git diff\``;
  expect(existsSync(file), `golden file ${name} is missing; ${rerecord}`).toBe(true);
  expect(actual, `${name} differs from what the compiler produces; ${rerecord}`).toBe(readFileSync(file, 'utf8'));
}
