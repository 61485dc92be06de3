/**
 * Runs every `policies/**\/*.tests.yaml` through the same runner as `pdl test`: one vitest test per
 * policy test, so a failure names the policy, the test and what was expected.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createFileHost } from '../../cli/file-host.ts';
import { compile } from '../../compiler/index.ts';
import { parseTestsFile, runTest } from '../../compiler/testing/policy-tests.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const host = createFileHost([join(root, 'policies')], root);

function testsFiles(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) testsFiles(path, out);
    else if (entry.endsWith('.tests.yaml')) out.push(path);
  }
  return out;
}

const files = testsFiles(join(root, 'policies'));

describe('policy tests', () => {
  it('finds tests files', () => expect(files.length).toBeGreaterThan(0));
  for (const file of files) {
    const parsed = parseTestsFile(readFileSync(file, 'utf8'));
    describe(relative(root, file), () => {
      it('is a valid tests file', () => expect(parsed.errors).toEqual([]));
      if (parsed.file === undefined) return;
      const policyPath = resolve(dirname(file), parsed.file.policy);
      const compiled = compile(readFileSync(policyPath, 'utf8'), { uri: relative(root, policyPath), host });
      it('its policy compiles', () => expect(compiled.diagnostics.filter((d) => d.severity === 'error')).toEqual([]));
      for (const test of parsed.file.tests) {
        it(test.name, () => {
          expect(compiled.policy).toBeDefined();
          expect(runTest(compiled.policy!, test).failures).toEqual([]);
        });
      }
    });
  }
});
