/**
 * The case editor's schema and advice (`playground/src/case-schema.ts`): the policy's case schema
 * rewritten for Monaco's JSON language service accepts and rejects what `caseSchema` does (checked
 * with ajv over the sample cases and mutations of them), offers the event types and each type's
 * attributes; the engine's check carries the schema, a "did you mean" on misspelt names, a JSON
 * syntax error's line and column, and warnings on events before the child's birth.
 *
 * Input: the repository's policies and sample cases. Output: pass/fail.
 */
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { caseSchema, type PolicyIR } from '../../runtime/index.ts';
import { compileToIr } from '../../compiler/index.ts';
import { adviseCase, closestName, editorCaseSchema, lineColumn, type EditorSchema } from '../../playground/src/case-schema.ts';
import { createEngine } from '../../playground/src/engine.ts';
import { createMemoryHost, policyEntriesFromModules } from '../../playground/src/host.ts';
import { sampleEntriesFromModules } from '../../playground/src/samples.ts';
import type { CheckResponse } from '../../playground/src/protocol.ts';
import { policyModules, sampleModules } from './fixtures.ts';

const entries = policyEntriesFromModules(policyModules);
const host = createMemoryHost(entries);
const samples = sampleEntriesFromModules(sampleModules);
const BRISTOL = 'policies/bristol.pdl';

function irOf(uri: string): PolicyIR {
  const entry = entries.find((e) => e.uri === uri);
  const ir = entry === undefined ? undefined : compileToIr(entry.text, { uri, host }).ir;
  if (ir === undefined) throw new Error(`${uri} does not compile`);
  return ir;
}

/** Every value of `key` anywhere in a JSON value. */
function valuesOf(value: unknown, key: string): unknown[] {
  if (Array.isArray(value)) return value.flatMap((v) => valuesOf(v, key));
  if (typeof value !== 'object' || value === null) return [];
  const record = value as Record<string, unknown>;
  return [...(key in record ? [record[key]] : []), ...Object.values(record).flatMap((v) => valuesOf(v, key))];
}

describe('the case schema for the editor', () => {
  const ir = irOf(BRISTOL);
  const schema = editorCaseSchema(ir);
  const events = (schema['properties'] as Record<string, EditorSchema>)['events'] as EditorSchema;
  const items = events['items'] as EditorSchema;

  it('offers every event type the policy declares, with its title, and one if/then per type', () => {
    const type = (items['properties'] as Record<string, EditorSchema>)['type'] as EditorSchema;
    expect(type['enum']).toEqual(ir.events.map((e) => e.name));
    expect(type['enumDescriptions']).toEqual(ir.events.map((e) => e.title ?? e.name));
    expect((items['allOf'] as unknown[]).length).toBe(ir.events.length);
    const snippets = items['defaultSnippets'] as { label: string; body: Record<string, unknown> }[];
    expect(snippets.map((s) => s.label)).toEqual(ir.events.map((e) => e.name));
    for (const event of ir.events) {
      const body = snippets.find((s) => s.label === event.name)?.body ?? {};
      expect(Object.keys(body)).toEqual(['type', 'date', ...event.attributes.filter((a) => !a.optional).map((a) => a.name)]);
    }
  });

  it('keeps no ajv-only keyword and no unknown format, and is made once per policy', () => {
    expect(valuesOf(schema, 'discriminator')).toEqual([]);
    expect(valuesOf(schema, 'format')).toEqual([]);
    expect(valuesOf(schema, 'pattern').length).toBeGreaterThan(0);
    expect(editorCaseSchema(ir)).toBe(schema);
  });

  it('accepts and rejects the cases the policy case schema does (bar impossible calendar dates)', () => {
    const ajv = new Ajv({ strict: false, allErrors: true });
    ajv.addFormat('plain-date', /^\d{4}-\d{2}-\d{2}$/);
    const reference = ajv.compile(caseSchema(ir));
    const editor = new Ajv({ strict: false, allErrors: true }).compile(schema);
    const mutations: ((c: { events: Record<string, unknown>[]; child: Record<string, unknown>; facts: Record<string, unknown> }) => void)[] = [
      () => undefined,
      (c) => ((c.events[0] as Record<string, unknown>)['type'] = 'revew_held'),
      (c) => ((c.events[0] as Record<string, unknown>)['extra'] = 1),
      (c) => delete (c.events[0] as Record<string, unknown>)['date'],
      (c) => ((c.events[0] as Record<string, unknown>)['date'] = '14/04/2025'),
      (c) => (c.child['dob'] = 20160903),
      (c) => (c.facts['no_such_fact'] = true),
      (c) => c.events.push({ type: 'review_scheduled', date: '2025-01-01' }),
      (c) => c.events.push({ type: 'review_scheduled', date: '2025-01-01', for: '2025-02-01' }),
      (c) => c.events.push({ type: 'review_scheduled', date: '2025-01-01', for: 7 }),
    ];
    let rejected = 0;
    for (const sample of samples) {
      for (const mutate of mutations) {
        const value = JSON.parse(sample.text) as Parameters<(typeof mutations)[number]>[0];
        mutate(value);
        const verdict = reference(value);
        expect({ sample: sample.file, mutation: mutations.indexOf(mutate), valid: editor(value) }).toEqual({ sample: sample.file, mutation: mutations.indexOf(mutate), valid: verdict });
        if (!verdict) rejected++;
      }
    }
    expect(rejected).toBeGreaterThan(samples.length * 5);
  });
});

describe('advice on a check', () => {
  const engine = createEngine(host);
  const bristol = entries.find((e) => e.uri === BRISTOL)?.text ?? '';
  const check = (caseJson: string): CheckResponse => engine.check({ requestId: 1, policyText: bristol, uri: BRISTOL, caseJson, asOf: '2025-12-01' });
  const sample = samples[0]?.text ?? '';

  it('sends the case schema with each check of a policy that compiles', () => {
    expect(check(sample).caseSchema).toEqual(editorCaseSchema(irOf(BRISTOL)));
    expect(engine.check({ requestId: 2, policyText: 'policy broken', uri: 'policies/broken.pdl', caseJson: sample, asOf: '2025-12-01' }).caseSchema).toBeUndefined();
  });

  it('adds a "did you mean" to a misspelt event type, at the value', () => {
    const text = sample.replace('"type": "review_held"', '"type": "revew_held"');
    const response = check(text);
    expect(response.outcome.kind).toBe('invalid');
    if (response.outcome.kind !== 'invalid') return;
    const i = response.outcome.errors.findIndex((e) => e.code === 'case/unknown-event-type');
    expect(response.outcome.errors[i]?.message).toMatch(/did you mean `review_held`\?$/);
    const mark = response.outcome.marks[i];
    expect(mark?.message).toMatch(/did you mean `review_held`\?$/);
    expect(text.slice(mark?.start, mark?.end)).toContain('revew_held');
  });

  it('gives a syntax error its line and column in words', () => {
    const text = sample.replace('"dob": "2016-09-03" },', '"dob": "2016-09-03" }');
    const response = check(text);
    expect(response.outcome.kind).toBe('invalid');
    if (response.outcome.kind !== 'invalid') return;
    expect(response.outcome.errors[0]?.message).toMatch(/^the case is not valid JSON: line 4, column 3: /);
    expect(response.outcome.marks[0]?.message).toBe(response.outcome.errors[0]?.message);
  });

  it("warns on each event dated before the child's date of birth, on its date", () => {
    const text = sample.replace('"dob": "2016-09-03"', '"dob": "2025-06-01"');
    const response = check(text);
    expect(response.outcome.kind).toBe('evaluated');
    const warnings = response.caseWarnings ?? [];
    expect(warnings.map((w) => text.slice(w.start, w.end))).toEqual(['"date": "2025-04-14"', '"date": "2025-05-13"']);
    expect(warnings[0]?.message).toContain("before the child's date of birth");
    expect(check(sample).caseWarnings).toBeUndefined();
  });

  it('leaves other outcomes as they are', () => {
    const outcome = { kind: 'not_evaluated', reason: 'x' } as const;
    expect(adviseCase('{', outcome)).toEqual({ outcome, warnings: [] });
  });
});

describe('closest names and positions', () => {
  it('suggests a close name (swaps, case, a missing letter) and nothing for a far one', () => {
    const names = ['review_held', 'review_scheduled', 'became_looked_after'];
    expect(closestName('revew_held', names)).toBe('review_held');
    expect(closestName('reveiw_held', names)).toBe('review_held');
    expect(closestName('Review_Held', names)).toBe('review_held');
    expect(closestName('placement', names)).toBeUndefined();
    expect(closestName('x'.repeat(500), names)).toBeUndefined();
  });

  it('gives 1-based lines and columns', () => {
    expect(lineColumn('ab\ncd', 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
    expect(lineColumn('ab\n', 3)).toEqual({ line: 2, column: 1 });
  });
});
