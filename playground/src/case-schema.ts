/**
 * The case editor's knowledge of the policy: the policy's case JSON Schema (`caseSchema`, the one
 * `pdl compile` emits) rewritten for Monaco's JSON language service, and the advice the worker adds
 * to a check's case outcome (a "did you mean" for a misspelt name, a JSON syntax error's line and
 * column in words, events dated before the child's birth marked where they are).
 *
 * Input: a policy's `PolicyIR`; the case text and the `CaseOutcome` of a check. Output:
 * `editorCaseSchema(ir)`, a plain-JSON schema; `adviseCase(text, outcome)`, the outcome with its
 * messages completed, and warnings (`CaseMark`s) for the case editor.
 *
 * The rewrite for the editor: the events' `oneOf` (discriminated on `type` for ajv) becomes a `type`
 * enum of the declared event types (completion, with each event's title) and one `if`/`then` per
 * event type (its attributes: completion, hover, validation), plus a snippet per event type; the
 * `plain-date` format becomes a `YYYY-MM-DD` pattern. The schema validates what `caseSchema` does,
 * except that a date that is not on the calendar (`2025-02-30`) is left to the PDL check.
 *
 * INVARIANT: no DOM, no Monaco, no worker globals (runs in the worker and in the Node tests).
 * INVARIANT: the schema is a function of the IR alone (no case data); warnings quote only what the
 * user typed, in the editor, never in logs.
 */
import { locateJson, rangeOfPath } from '../../compiler/index.ts';
import { caseSchema, type CaseError, type PolicyIR } from '../../runtime/index.ts';
import type { CaseMark, CaseOutcome } from './protocol.ts';

/** A JSON Schema as Monaco's JSON language service reads it (plain JSON). */
export type EditorSchema = { readonly [key: string]: unknown };

const DATE_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$';
const DATE_PATTERN_MESSAGE = 'A date is written YYYY-MM-DD, for example 2025-04-14.';

type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A copy of a schema with `format: plain-date` replaced by the date pattern, and no ajv-only keyword. */
function forEditor(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(forEditor);
  if (!isObject(schema)) return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'discriminator') continue;
    if (key === 'format' && value === 'plain-date') {
      out['pattern'] = DATE_PATTERN;
      out['patternErrorMessage'] = DATE_PATTERN_MESSAGE;
      continue;
    }
    out[key] = forEditor(value);
  }
  return out;
}

/** A value to start an attribute with in a snippet, by its schema. */
function placeholder(schema: unknown): Json {
  if (!isObject(schema)) return '';
  if (Array.isArray(schema['enum']) && typeof schema['enum'][0] === 'string') return schema['enum'][0];
  if (schema['type'] === 'boolean') return true;
  if (schema['type'] === 'number') return 0;
  if (schema['pattern'] === DATE_PATTERN) return 'YYYY-MM-DD';
  return '';
}

/** The events' item schema for the editor, from the `oneOf` branches `caseSchema` writes (one per event type). */
function eventItems(branches: readonly unknown[]): EditorSchema {
  const names: string[] = [];
  const titles: string[] = [];
  const allOf: EditorSchema[] = [];
  const snippets: EditorSchema[] = [];
  for (const branch of branches) {
    if (!isObject(branch) || !isObject(branch['properties'])) continue;
    const properties = branch['properties'];
    const type = properties['type'];
    const name = isObject(type) && typeof type['const'] === 'string' ? type['const'] : undefined;
    if (name === undefined) continue;
    const title = typeof branch['description'] === 'string' ? branch['description'] : name;
    names.push(name);
    titles.push(title);
    allOf.push({ if: { properties: { type: { const: name } }, required: ['type'] }, then: { ...branch, properties: { ...properties, type: { const: name, description: title } } } });
    const required = Array.isArray(branch['required']) ? branch['required'].filter((r): r is string => typeof r === 'string') : ['type', 'date'];
    const body: Record<string, Json> = {};
    for (const field of required) body[field] = field === 'type' ? name : placeholder(properties[field]);
    snippets.push({ label: name, description: title, body });
  }
  return {
    type: 'object',
    properties: {
      type: { type: 'string', description: 'The event type: one the policy declares.', enum: names, enumDescriptions: titles, errorMessage: 'Not an event type this policy declares (Ctrl+Space lists them).' },
      date: { type: 'string', description: 'The date the event happened or was recorded.', pattern: DATE_PATTERN, patternErrorMessage: DATE_PATTERN_MESSAGE },
    },
    required: ['type', 'date'],
    allOf,
    defaultSnippets: snippets,
  };
}

const cache = new WeakMap<PolicyIR, EditorSchema>();

/** The policy's case schema for Monaco's JSON language service (made once per IR). */
export function editorCaseSchema(ir: PolicyIR): EditorSchema {
  const cached = cache.get(ir);
  if (cached !== undefined) return cached;
  const schema = forEditor(caseSchema(ir)) as Record<string, unknown>;
  const properties = isObject(schema['properties']) ? schema['properties'] : {};
  const events = properties['events'];
  if (isObject(events) && isObject(events['items']) && Array.isArray(events['items']['oneOf'])) {
    properties['events'] = { ...events, description: 'What happened in the case, each with its type and date.', items: eventItems(events['items']['oneOf']) };
  }
  const out: EditorSchema = { ...schema, properties };
  cache.set(ir, out);
  return out;
}

// --- advice on a check's outcome -----------------------------------------------------------------

/** The candidate closest to `name` within a few edits (a third of its length, at least 2), if any. */
export function closestName(name: string, candidates: readonly string[]): string | undefined {
  if (name.length > 100) return undefined;
  const bound = Math.max(2, Math.floor(name.length / 3));
  let best: string | undefined;
  let bestScore = bound + 1;
  for (const candidate of candidates) {
    if (Math.abs(candidate.length - name.length) >= bestScore) continue;
    const score = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (score < bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}

/** Levenshtein distance, with a swap of two neighbours counted as one edit. */
function editDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row: number[] = [i];
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        row.push(j);
        continue;
      }
      const up = rows[i - 1] as number[];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((up[j] as number) + 1, (row[j - 1] as number) + 1, (up[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, ((rows[i - 2] as number[])[j - 2] as number) + 1);
      row.push(d);
    }
    rows.push(row);
  }
  return (rows[a.length] as number[])[b.length] as number;
}

/** The "did you mean" of a case error about a name the policy does not declare, if one is close. */
function suggestionFor(error: CaseError): string | undefined {
  switch (error.code) {
    case 'case/unknown-event-type':
      return closestName(error.caseData.value, error.params.declared);
    case 'case/unknown-fact':
      return closestName(error.caseData.key, error.params.declared);
    case 'case/unknown-attribute':
      return closestName(error.caseData.key, error.params.attributes ?? []);
    default:
      return undefined;
  }
}

/** Line and column (1-based) of a UTF-16 offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: offset - start + 1 };
}

/** Events dated before the child's date of birth, marked on their dates (warnings: the case is evaluated). */
function beforeBirth(text: string, value: unknown): CaseMark[] {
  if (!isObject(value) || !isObject(value['child']) || !Array.isArray(value['events'])) return [];
  const dob = value['child']['dob'];
  if (typeof dob !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(dob)) return [];
  const located = locateJson(text);
  const marks: CaseMark[] = [];
  value['events'].forEach((event: unknown, i) => {
    if (!isObject(event)) return;
    const date = event['date'];
    if (typeof date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(date) || date >= dob) return;
    const span = rangeOfPath(located, ['events', i, 'date']);
    if (span === undefined) return;
    marks.push({ ...span, message: `dated before the child's date of birth (${dob}): check this date or the date of birth; the event is counted as recorded` });
  });
  return marks;
}

/** What `adviseCase` gives: the outcome, its messages completed, and warnings to show in the case editor. */
export interface CaseAdvice {
  readonly outcome: CaseOutcome;
  readonly warnings: readonly CaseMark[];
}

/**
 * Completes a check's case outcome for the editor: a "did you mean" on an undeclared event type,
 * fact or attribute close to a declared one; a JSON syntax error's line and column in words; and
 * warnings on the dates of events before the child's date of birth.
 */
export function adviseCase(text: string, outcome: CaseOutcome): CaseAdvice {
  if (outcome.kind === 'invalid') {
    const errors: CaseError[] = [];
    const marks: CaseMark[] = [];
    let located: ReturnType<typeof locateJson> | undefined;
    outcome.errors.forEach((error, i) => {
      const mark = outcome.marks[i] ?? { start: 0, end: 1, message: error.message };
      const suggestion = suggestionFor(error);
      if (suggestion !== undefined) {
        const tail = `; did you mean \`${suggestion}\`?`;
        errors.push({ ...error, message: error.message + tail });
        marks.push({ ...mark, message: mark.message + tail });
        return;
      }
      if (error.code === 'case/not-json') {
        located ??= locateJson(text);
        if (!located.ok) {
          const { line, column } = lineColumn(text, located.error.offset);
          const words = `the case is not valid JSON: line ${line}, column ${column}: ${located.error.message}`;
          errors.push({ ...error, message: words });
          marks.push({ ...mark, message: words });
          return;
        }
      }
      errors.push(error);
      marks.push(mark);
    });
    return { outcome: { kind: 'invalid', errors, marks }, warnings: [] };
  }
  if (outcome.kind !== 'evaluated') return { outcome, warnings: [] };
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch {
    return { outcome, warnings: [] };
  }
  return { outcome, warnings: beforeBirth(text, value) };
}
