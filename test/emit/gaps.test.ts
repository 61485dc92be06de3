/**
 * The emitted module carries the notices of rules that could not be measured (runtime/gaps.ts), as
 * the interpreter gives them: Bristol's policy emitted with its runtime import pointing at this
 * checkout's runtime package (packages/runtime/dist, built if stale), so that the module runs the
 * runtime of these sources wherever node_modules/@pdl/runtime leads.
 *
 * Input: policies/bristol.pdl and a case written here. Output: assertions; the emitted files are
 * written below test-artifacts/ and removed afterwards.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emitTypeScript } from '../../compiler/emit/typescript.ts';
import { EMIT_DIR, emitPolicy, ensureLibBuilt, loadModule, removeEmitted, ROOT, writeModule, type LoadedModule } from './emitted.ts';
import type { CompiledPolicy } from '../../runtime/index.ts';

let module: LoadedModule;
let interpreter: CompiledPolicy;

beforeAll(async () => {
  ensureLibBuilt();
  const policy = emitPolicy('policies/bristol.pdl');
  interpreter = policy.interpreter;
  const runtime = pathToFileURL(join(ROOT, 'packages', 'runtime', 'dist', 'index.js')).href;
  const emitted = emitTypeScript(policy.ir, { policyFile: policy.file, baseName: 'bristol', pdlVersion: '0.0.0-test', runtime });
  const dir = join(EMIT_DIR, 'gaps');
  writeModule(dir, 'bristol', emitted);
  module = await loadModule(dir, 'bristol');
}, 240_000);

afterAll(removeEmitted);

describe('the emitted module: rules that could not be measured', () => {
  // Bullet 6: "Only the Service Manager can approve a postponement ... only having followed a
  // discussion with the IRO"; reg 33: reviews are measured from the child becoming looked after.
  it('gives the same gap notices as the interpreter', () => {
    const input = {
      id: 'c',
      child: { dob: '2015-03-01' },
      events: [
        { type: 'review_held', date: '2025-05-13' },
        { type: 'review_postponement_approved', date: '2025-05-20', by: 'service_manager' },
      ],
    };
    const fromModule = JSON.parse(JSON.stringify(module.evaluate(input, '2025-06-01'))) as { ok: true; result: { notices: { code: string }[] } };
    const fromInterpreter = JSON.parse(JSON.stringify(interpreter.evaluate(input, '2025-06-01'))) as unknown;
    expect(fromModule.result.notices.map((n) => n.code)).toEqual(['notice/cycle-not-started', 'notice/decision-without-request', 'notice/approved-step-not-recorded']);
    expect(fromModule).toEqual(fromInterpreter);
  });
});
