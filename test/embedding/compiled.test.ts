/**
 * The compiled policy committed in examples/embedding/compiled/ (so that the example runs on a fresh
 * clone):
 * - is what `pdl compile` makes today: regenerating it into a scratch folder gives the same four files,
 *   byte for byte. When this fails, regenerate it:
 *     npx pdl compile policies/england/statutory-reviews.pdl --out examples/embedding/compiled
 * - imports nothing but `@pdl/runtime` (the .mts, the .mjs and the .d.mts);
 * - answers as the interpreter does (`compile(text).policy.evaluate`): on every case of the policy's
 *   own tests (statutory-reviews.tests.yaml), on the CLI's fixture cases, and on invalid input (the
 *   same errors, by the same paths); `validate` agrees with `evaluate`;
 * - ships a JSON Schema file equal to its `CASE_SCHEMA`.
 * The module is imported as the example imports it: through the workspace link `@pdl/runtime`
 * (packages/runtime/dist, built here by scripts/build-lib.mjs when stale), not the runtime's sources.
 *
 * Input: the CLI's `main` (run in this process), policies/england/statutory-reviews.pdl and its tests, test/cli/fixtures/,
 * examples/embedding/compiled/. Output: assertions; the scratch folder (under test-artifacts/,
 * gitignored) is removed afterwards.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { parse } from 'yaml';
import { ensureLibBuilt } from '../support/ensure-lib-built.ts';
import { IN_PROCESS_TIMEOUT_MS, pdlHere, timeoutFor } from '../support/processes.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compile } from '../../compiler/index.ts';
import type * as Emitted from '../../examples/embedding/compiled/statutory-reviews.mts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const POLICY = 'policies/england/statutory-reviews.pdl';
const COMMITTED = join(ROOT, 'examples', 'embedding', 'compiled');
const SCRATCH = join(ROOT, 'test-artifacts', `compiled-test-${process.pid}`);
const FILES = ['statutory-reviews.d.mts', 'statutory-reviews.mjs', 'statutory-reviews.mts', 'statutory-reviews.schema.json'];
const REGENERATE = `npx pdl compile ${POLICY} --out examples/embedding/compiled`;

let emitted: typeof Emitted;
const interpreter = compile(readFileSync(join(ROOT, POLICY), 'utf8'), { uri: POLICY }).policy;

beforeAll(async () => {
  ensureLibBuilt();
  emitted = (await import('../../examples/embedding/compiled/statutory-reviews.mts')) as typeof Emitted;
}, timeoutFor(1));

afterAll(() => {
  rmSync(SCRATCH, { recursive: true, force: true });
});

describe('examples/embedding/compiled', () => {
  it('is what pdl compile makes today (else regenerate it)', { timeout: IN_PROCESS_TIMEOUT_MS }, async () => {
    rmSync(SCRATCH, { recursive: true, force: true });
    mkdirSync(SCRATCH, { recursive: true });
    // The same relative policy path as the committed files were made with (it is written into them).
    // `main` in this process: the same code as bin/pdl.js, which test/cli/compile.test.ts runs as a process.
    const r = await pdlHere(['compile', POLICY, '--out', SCRATCH]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(readdirSync(SCRATCH).sort()).toEqual(FILES);
    expect(readdirSync(COMMITTED).sort(), `examples/embedding/compiled holds other files; regenerate: ${REGENERATE}`).toEqual(FILES);
    for (const file of FILES) {
      const same = readFileSync(join(SCRATCH, file), 'utf8') === readFileSync(join(COMMITTED, file), 'utf8');
      expect(same, `examples/embedding/compiled/${file} is stale; regenerate: ${REGENERATE}`).toBe(true);
    }
  });

  it('imports nothing but @pdl/runtime', () => {
    for (const file of ['statutory-reviews.mts', 'statutory-reviews.mjs', 'statutory-reviews.d.mts']) {
      // TypeScript's own scan: static imports and exports, import(), require(), import types.
      const { importedFiles } = ts.preProcessFile(readFileSync(join(COMMITTED, file), 'utf8'), true, true);
      const specifiers = [...new Set(importedFiles.map((f) => f.fileName))];
      expect(specifiers, file).toEqual(['@pdl/runtime']);
    }
  });

  it('describes itself: POLICY, POLICY_IR and the schema file', () => {
    expect(emitted.POLICY).toMatchObject({ id: 'england.statutory_reviews', version: '2010.1', file: POLICY });
    expect(emitted.POLICY_IR).toEqual(compile(readFileSync(join(ROOT, POLICY), 'utf8'), { uri: POLICY }).ir);
    expect(JSON.parse(readFileSync(join(COMMITTED, 'statutory-reviews.schema.json'), 'utf8'))).toEqual(emitted.CASE_SCHEMA);
  });

  it("evaluates every case of the policy's own tests as the interpreter does", () => {
    const suite = parse(readFileSync(join(ROOT, 'policies/england/statutory-reviews.tests.yaml'), 'utf8')) as {
      tests: { name: string; as_of: string; case: Record<string, unknown> }[];
    };
    let good = 0;
    for (const t of suite.tests) {
      const input = { id: 'case-1', ...t.case };
      const outcome = emitted.evaluate(input, String(t.as_of));
      if (outcome.ok) good += 1;
      expect(outcome, t.name).toEqual(interpreter?.evaluate(input, String(t.as_of)));
    }
    expect(good).toBeGreaterThan(3);
  });

  it('evaluates the CLI fixture cases, on several dates, as the interpreter does; a changed date changes the answer', () => {
    const results = new Set<string>();
    for (const name of ['case.json', 'case-left-care.json', 'case-escalation.json', 'invalid-case.json', 'malformed-case.json']) {
      let input: unknown;
      try {
        input = JSON.parse(readFileSync(join(ROOT, 'test/cli/fixtures', name), 'utf8'));
      } catch {
        continue; // malformed-case.json is not JSON: the service's job, not the module's
      }
      for (const asOf of ['2025-04-20', '2025-09-01', '2026-12-31']) {
        const outcome = emitted.evaluate(input, asOf);
        expect(outcome, `${name} on ${asOf}`).toEqual(interpreter?.evaluate(input, asOf));
        results.add(JSON.stringify(outcome));
      }
    }
    // A module that answered the same whatever it was given would pass the comparisons above only if the interpreter did too.
    expect(results.size).toBeGreaterThan(5);
  });

  it('refuses invalid input with the interpreter\'s errors, by JSON path, and never throws', () => {
    const bad: [unknown, string][] = [
      [null, '2025-09-01'],
      [[], '2025-09-01'],
      [{ id: '', child: { dob: '2015-02-30' }, events: [{ type: 'moved_to_mars', date: '2025-05-01' }], extra: 1 }, '2025-09-01'],
      [{ id: 'case-1', child: { dob: '2015-03-01' }, events: [{ type: 'review_held', date: 'tomorrow' }] }, '2025-09-01'],
      [{ id: 'case-1', child: { dob: '2015-03-01' }, events: [] }, '2025-13-01'],
      [{ id: 'case-1', child: { dob: '2015-03-01' }, events: [] }, 'not a date'],
    ];
    for (const [input, asOf] of bad) {
      const outcome = emitted.evaluate(input, asOf);
      expect(outcome.ok, JSON.stringify(input)).toBe(false);
      expect(outcome).toEqual(interpreter?.evaluate(input, asOf));
      const validation = emitted.validate(input);
      if (asOf === '2025-09-01') expect(validation).toEqual(outcome);
    }
    const paths = (input: unknown): string[] => {
      const o = emitted.evaluate(input, '2025-09-01');
      return o.ok ? [] : o.errors.map((e) => e.path);
    };
    expect(paths({ id: '', child: { dob: '2015-02-30' }, events: [{ type: 'moved_to_mars', date: '2025-05-01' }] }).sort()).toEqual(['child.dob', 'events[0].type', 'id']);
    expect(emitted.validate({ id: 'case-1', child: { dob: '2015-03-01' }, events: [] })).toEqual({ ok: true, case: { id: 'case-1', child: { dob: '2015-03-01' }, events: [] } });
  });

  it('is quoted as it is by docs/embedding.md (the per-rule comment and the runtime import)', () => {
    const doc = readFileSync(join(ROOT, 'docs', 'embedding.md'), 'utf8');
    const module = readFileSync(join(COMMITTED, 'statutory-reviews.mts'), 'utf8');
    const comment = /^ {2}(\/\*\* rule `looked_after_review` .*)$/m.exec(doc)?.[1];
    expect(comment, 'docs/embedding.md quotes the comment of rule looked_after_review').toBeDefined();
    expect(module).toContain(comment);
    expect(readFileSync(join(COMMITTED, 'statutory-reviews.mjs'), 'utf8')).toContain('import { parsePlainDate, preparePolicy } from "@pdl/runtime";');
    expect(doc).toContain('import { parsePlainDate, preparePolicy } from "./pdl-runtime.js";');
  });
});
