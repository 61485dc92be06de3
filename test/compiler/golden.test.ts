/**
 * Golden good/bad cases: test/cases/<feature>/{good,bad}/*.pdl.
 * - good: compiles with no diagnostic; its IR matches `<name>.ir.json`; printing the AST and parsing
 *   it again gives the same AST (ranges aside).
 * - bad: the codes reported are exactly the `# expect: CODE` lines of the file (so one mistake
 *   yields one message), and the diagnostics with their ranges match `<name>.diagnostics.txt`.
 *
 * The golden files are never re-recorded by a plain test run, nor by vitest's `-u`: a run compares,
 * and a difference fails with a line-by-line diff of the recorded file against what the compiler now
 * produces. Re-recording is an explicit act, reviewed in `git diff` before it is committed:
 * `PDL_UPDATE_GOLDEN=1 npx vitest run test/compiler/golden.test.ts` writes every golden file that
 * differs (or is missing) and passes. See docs/testing.md, "Golden files".
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { printPolicy, stripRanges } from '../../compiler/ast/print.ts';
import { printDiagnostics } from '../../compiler/check/print.ts';
import { createFileHost } from '../../cli/file-host.ts';
import { compileToIr, parseToAst } from '../../compiler/pipeline.ts';
import { matchGolden } from '../support/golden.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const casesDir = join(root, 'test/cases');
const GOLDEN_SUITE = 'test/compiler/golden.test.ts';
const host = createFileHost([casesDir, join(root, 'policies')], root);

function files(kind: 'good' | 'bad'): { feature: string; name: string; path: string }[] {
  const out: { feature: string; name: string; path: string }[] = [];
  for (const feature of readdirSync(casesDir).sort()) {
    const dir = join(casesDir, feature, kind);
    if (!existsSync(dir)) continue;
    for (const file of readdirSync(dir).sort()) {
      if (file.endsWith('.pdl')) out.push({ feature, name: file.replace(/\.pdl$/, ''), path: join(dir, file) });
    }
  }
  return out;
}

describe('good cases', () => {
  for (const { feature, name, path } of files('good')) {
    it(`${feature}/${name}`, () => {
      const text = readFileSync(path, 'utf8');
      const uri = relative(root, path);
      const result = compileToIr(text, { uri, host });
      expect(printDiagnostics(result.diagnostics)).toBe('');
      expect(result.ir).toBeDefined();
      matchGolden(`${JSON.stringify(result.ir, null, 2)}\n`, path.replace(/\.pdl$/, '.ir.json'), GOLDEN_SUITE);

      const printed = printPolicy(result.ast!);
      const reparsed = parseToAst(printed, uri);
      expect(reparsed.diagnostics).toEqual([]);
      expect(stripRanges(reparsed.ast)).toEqual(stripRanges(result.ast));
    });
  }
});

describe('bad cases', () => {
  for (const { feature, name, path } of files('bad')) {
    it(`${feature}/${name}`, () => {
      const text = readFileSync(path, 'utf8');
      const expected = [...text.matchAll(/^# expect: (\S+)/gm)].map((m) => m[1]).sort();
      expect(expected.length, 'a bad case names the codes it expects with `# expect: CODE`').toBeGreaterThan(0);
      const result = compileToIr(text, { uri: relative(root, path), host });
      expect(result.diagnostics.map((d) => d.code).sort()).toEqual(expected);
      for (const d of result.diagnostics) {
        expect(d.message).toMatch(/^[a-z`0-9]/);
        expect(d.range.end).toBeGreaterThanOrEqual(d.range.start);
      }
      matchGolden(`${printDiagnostics(result.diagnostics)}\n`, path.replace(/\.pdl$/, '.diagnostics.txt'), GOLDEN_SUITE);
    });
  }
});
