/**
 * The emitted module of a policy with duties (compiler/emit/typescript.ts): a comment before every
 * duty with its source and citation, the duties in `ObligationRuleId`, the embedded IR equal to the
 * compiler's, its `evaluate` giving the interpreter's result (duties with no `due`, statuses
 * `outstanding`/`missed`), and its types accepting a duty obligation and rejecting a wrong status;
 * and policies/bristol.pdl's module superseding the duties of a rearranged meeting as the interpreter
 * does (runtime/kinds/duty.ts, "Rearranged").
 *
 * Input: test/cases/duties/good/duties.pdl, policies/bristol.pdl; dist/runtime (built by `ensureLibBuilt`). Output:
 * assertions; scratch files under test-artifacts/ (removed afterwards).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compile } from '../../compiler/index.ts';
import { emitTypeScript, type EmittedModule } from '../../compiler/emit/typescript.ts';
import type { PolicyIR } from '../../runtime/index.ts';
import { EMIT_DIR, ROOT, emitAndLoad, ensureLibBuilt, expectSameOutcome, loadModule, removeEmitted, writeModule } from './emitted.ts';

const FILE = 'test/cases/duties/good/duties.pdl';
const compiled = compile(readFileSync(join(ROOT, FILE), 'utf8'), { uri: FILE });
const ir = compiled.ir as PolicyIR;
let emitted: EmittedModule;
const dir = join(EMIT_DIR, 'duties');

beforeAll(() => {
  ensureLibBuilt();
  emitted = emitTypeScript(ir, { policyFile: FILE, baseName: 'duties', pdlVersion: '0.0.0-test' });
  writeModule(dir, 'duties', emitted);
}, 240_000);

afterAll(removeEmitted);

// prepare_child: scheduled Thu 1 May 2025 for Wed 28 May 2025, nothing recorded: missed on Fri 30 May.
// record_reasons: the review of Thu 8 May 2025, no reasons: outstanding (open-ended).
const CASE = {
  id: 'c1',
  child: { dob: '2010-06-15' },
  events: [
    { type: 'became_looked_after', date: '2025-04-14' },
    { type: 'review_scheduled', date: '2025-05-01', for: '2025-05-28', kind: 'subsequent' },
    { type: 'review_held', date: '2025-05-08' },
  ],
};

describe('the emitted module of a policy with duties', () => {
  it('has the policy\'s duties', () => {
    expect(ir.duties?.map((d) => d.id)).toEqual(['prepare_child', 'record_reasons', 'consult_iro', 'pathway_plan']);
  });

  it('carries a comment with the source location and citation before every duty', () => {
    for (const d of ir.duties ?? []) {
      const comment = `/** duty \`${d.id}\` (${d.title}): ${d.source.file}:${d.source.line}:${d.source.column}, cites ${d.citation}. */`;
      expect(emitted.ts, d.id).toContain(comment);
      expect(emitted.js, d.id).toContain(comment);
    }
  });

  it('lists the duties among the rules that make obligations', () => {
    expect(emitted.ts).toContain('The deadlines, cycles and duties: the rules that make obligations.');
    const line = emitted.ts.split('\n').find((l) => l.startsWith('export type ObligationRuleId'));
    expect(line).toBeDefined();
    for (const id of ['looked_after_review', 'prepare_child', 'record_reasons', 'consult_iro', 'pathway_plan']) expect(line).toContain(`"${id}"`);
  });

  it('embeds the IR and evaluates as the interpreter does', async () => {
    const m = await loadModule(dir, 'duties');
    expect(m.POLICY_IR).toEqual(ir);
    const fromModule = m.evaluate(CASE, '2025-05-30');
    const fromInterpreter = compiled.policy!.evaluate(CASE, '2025-05-30');
    expect(fromModule).toEqual(JSON.parse(JSON.stringify(fromInterpreter)));
    if (!fromInterpreter.ok) throw new Error('the case is valid');
    const duties = fromInterpreter.result.obligations.filter((o) => o.due === undefined).map((o) => [o.rule, o.occurrence, o.bound ?? '-', o.status]);
    expect(duties).toEqual([
      // By trigger date: 14 Apr (the run's start), 1 May, then 8 May (consult_iro before record_reasons).
      ['consult_iro', 1, '2025-05-08', 'missed'],
      ['prepare_child', 1, '2025-05-28', 'missed'],
      ['consult_iro', 2, '-', 'outstanding'],
      ['record_reasons', 1, '-', 'outstanding'],
    ]);
  });

  it('types a duty obligation (no due date, its statuses) and reject a status that does not exist', () => {
    const consumer = join(EMIT_DIR, 'duty-consumer');
    mkdirSync(consumer, { recursive: true });
    writeModule(consumer, 'duties', emitted);
    const file = join(consumer, 'use.ts');
    writeFileSync(
      file,
      [
        "import { type Obligation } from './duties.js';",
        "export const ok: Obligation = { rule: 'prepare_child', occurrence: 1, title: 't', owner: 'social_worker', anchor: { event: 'review_scheduled', date: '2025-05-01' }, bound: '2025-05-28', wording: 'w', status: 'missed', citation: 'c', explanation: '', source: { file: 'f', line: 1, column: 1 } };",
        "export const bad: Obligation = { ...ok, status: 'forgotten' };",
        '',
      ].join('\n'),
    );
    const program = ts.createProgram([file], { strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, exactOptionalPropertyTypes: true, skipLibCheck: true, types: [] });
    const errors = ts.getPreEmitDiagnostics(program).map((d) => `${d.file?.getLineAndCharacterOfPosition(d.start ?? 0).line ?? -1}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^2: .*"forgotten"/);
  }, 240_000);
});

describe('the emitted module of a policy whose duties follow a rearranged meeting', () => {
  it('supersedes the first arrangement\'s duties, as the interpreter does', async () => {
    const bristol = (await emitAndLoad(['policies/bristol.pdl'])).get('policies/bristol.pdl');
    if (bristol === undefined) throw new Error('policies/bristol.pdl was not emitted');
    // Arranged Thu 2 Oct 2025 for Tue 28 Oct, rearranged Mon 20 Oct for Mon 10 Nov; the child prepared Wed 5 Nov.
    const input = {
      id: 'rearranged',
      child: { dob: '2015-01-01' },
      events: [
        { type: 'became_looked_after', date: '2025-10-01' },
        { type: 'review_scheduled', date: '2025-10-02', for: '2025-10-28' },
        { type: 'review_scheduled', date: '2025-10-20', for: '2025-11-10' },
        { type: 'child_prepared_for_review', date: '2025-11-05' },
        { type: 'review_held', date: '2025-11-10' },
      ],
    };
    const outcome = expectSameOutcome(bristol, input, '2025-11-12', 'bristol, rearranged') as { ok: true; result: { superseded: { rule: string; occurrence: number; due: string }[]; obligations: { rule: string; occurrence: number; status: string }[] } };
    const module = bristol.module.evaluate(input, '2025-11-12') as typeof outcome;
    expect(module.result.superseded.map((s) => [s.rule, s.occurrence, s.due])).toEqual([
      ['care_plan_authorised_before_review', 1, '2025-10-23'],
      ['attendance_confirmed_before_review', 1, '2025-10-28'],
      ['child_prepared_before_review', 1, '2025-10-28'],
    ]);
    const duties = module.result.obligations.filter((o) => o.rule === 'child_prepared_before_review' || o.rule === 'attendance_confirmed_before_review').map((o) => [o.rule, o.occurrence, o.status]);
    expect(duties).toEqual([
      ['attendance_confirmed_before_review', 2, 'missed'],
      ['child_prepared_before_review', 2, 'met'],
    ]);
  }, 240_000);
});
