/**
 * Parses and validates a coverage file (YAML): text -> `CoverageFile` plus diagnostics whose ranges
 * are in the YAML text (from the `yaml` package's node ranges).
 *
 * Input: the file's text and its uri. Output: `{ file?, diagnostics, locate }`; `file` is present
 * when the YAML parses and fits `COVERAGE_SCHEMA` (validated with ajv); `locate(path)` gives the
 * range of the node at a path (`['statements', 3, 'rules', 0]`), or of its nearest ancestor, for the
 * checks that follow; `locateKey(key)` the range of a top-level key. Never throws on bad input.
 */
import { Ajv, type ErrorObject } from 'ajv';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { COVERAGE_SCHEMA, type NotEncodedCategory } from './schema.ts';
import type { SourceRange } from '../source-range.ts';

export interface CoverageStatement {
  readonly number: number;
  readonly group?: string;
  readonly locator: string;
  readonly quote: string;
  readonly rules?: readonly string[];
  readonly encoding?: string;
  readonly partial?: string;
  readonly cite_pending?: readonly string[];
  readonly not_encoded?: string;
  readonly category?: NotEncodedCategory;
}

export interface CoverageFile {
  readonly policy: string;
  readonly title: string;
  readonly source: { readonly title: string; readonly publisher?: string; readonly address?: string; readonly description?: string };
  readonly locators: string;
  readonly notes?: readonly { readonly label: string; readonly text: string }[];
  readonly statements: readonly CoverageStatement[];
  readonly about_the_direction?: readonly { readonly locator: string; readonly quote: string }[];
  readonly table_notes?: string;
  readonly sections?: readonly { readonly title: string; readonly body: string }[];
}

export type CoverageCode =
  | 'coverage/yaml-syntax'
  | 'coverage/schema'
  | 'coverage/statement-number'
  | 'coverage/unknown-rule'
  | 'coverage/cite-mismatch'
  | 'coverage/cite-pending'
  | 'coverage/unclaimed-rule'
  | 'coverage/policy-mismatch';

/** A diagnostic about a coverage file: the same shape as the compiler's, with its own codes. */
export interface CoverageDiagnostic {
  readonly code: CoverageCode;
  readonly severity: 'error' | 'warning';
  readonly message: string;
  readonly uri: string;
  readonly range: SourceRange;
}

export type PathKey = string | number;

export interface ParsedCoverage {
  readonly file?: CoverageFile;
  readonly diagnostics: readonly CoverageDiagnostic[];
  readonly locate: (path: readonly PathKey[]) => SourceRange;
  /** The range of the key of a top-level property (`statements:`), or of the file's start. */
  readonly locateKey: (key: string) => SourceRange;
}

let validator: ReturnType<Ajv['compile']> | undefined;
function validate(): ReturnType<Ajv['compile']> {
  validator ??= new Ajv({ allErrors: true, strict: true, strictRequired: false }).compile(COVERAGE_SCHEMA);
  return validator;
}

export function parseCoverageFile(text: string, uri: string): ParsedCoverage {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const rangeOf = (start: number, end: number): SourceRange => {
    const s = lineCounter.linePos(start);
    const e = lineCounter.linePos(end);
    return { start, end, startLine: s.line, startColumn: s.col, endLine: e.line, endColumn: e.col };
  };
  const locate = (path: readonly PathKey[]): SourceRange => {
    const node = nodeAt(doc, path);
    const r = node?.range;
    return r ? rangeOf(r[0], r[1]) : rangeOf(0, 0);
  };
  const locateKey = (key: string): SourceRange => {
    const root = doc.contents;
    const pair = isMap(root) ? root.items.find((p) => isScalar(p.key) && p.key.value === key) : undefined;
    const r = pair !== undefined && isScalar(pair.key) ? pair.key.range : undefined;
    return r ? rangeOf(r[0], r[1]) : rangeOf(0, 0);
  };
  const diagnostics: CoverageDiagnostic[] = [];
  const problems = [...doc.errors];
  if (problems.length > 0) {
    for (const e of problems) diagnostics.push({ code: 'coverage/yaml-syntax', severity: 'error', message: e.message.split('\n')[0] ?? e.message, uri, range: rangeOf(e.pos[0], e.pos[1]) });
    return { diagnostics, locate, locateKey };
  }
  const data: unknown = doc.toJS();
  const check = validate();
  if (!check(data)) {
    for (const d of schemaErrors(check.errors ?? [])) {
      diagnostics.push({ code: 'coverage/schema', severity: 'error', message: d.message, uri, range: locate(d.path) });
    }
    return { diagnostics, locate, locateKey };
  }
  const file = data as CoverageFile; // INVARIANT: it fits COVERAGE_SCHEMA, which these types mirror.
  let previous = 0;
  file.statements.forEach((s, i) => {
    if (s.number !== previous + 1) {
      diagnostics.push({ code: 'coverage/statement-number', severity: 'error', message: `statement number ${s.number} follows ${previous}; statements are numbered 1, 2, 3... in order`, uri, range: locate(['statements', i, 'number']) });
    }
    previous = s.number;
  });
  return { file, diagnostics, locate, locateKey };
}

/** The node at a path, or its nearest ancestor that exists. */
function nodeAt(doc: Document, path: readonly PathKey[]): Node | undefined {
  let node: Node | undefined = doc.contents ?? undefined;
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === key);
      if (!pair || !pair.value) return node;
      node = pair.value as Node;
    } else if (isSeq(node) && typeof key === 'number') {
      const item = node.items[key];
      if (item === undefined || item === null) return node;
      node = item as Node;
    } else {
      return node;
    }
  }
  return node;
}

/** One message per real problem: ajv's `oneOf` branches collapse into one message for the statement. */
function schemaErrors(errors: readonly ErrorObject[]): { path: PathKey[]; message: string }[] {
  const out: { path: PathKey[]; message: string }[] = [];
  const seen = new Set<string>();
  const oneOfAt = new Set(errors.filter((e) => e.keyword === 'oneOf').map((e) => e.instancePath));
  for (const e of errors) {
    const path = e.instancePath.split('/').slice(1).map((k) => (/^\d+$/.test(k) ? Number(k) : k.replace(/~1/g, '/').replace(/~0/g, '~')));
    if (e.schemaPath.includes('/oneOf/')) continue; // reported once, by the oneOf error itself
    let message: string;
    if (e.keyword === 'oneOf' && oneOfAt.has(e.instancePath)) message = 'a statement has either `rules` (encoded) or `not_encoded` with a `category`, not both and not neither';
    else if (e.keyword === 'additionalProperties') message = `unknown property \`${String(e.params['additionalProperty'])}\``;
    else if (e.keyword === 'required') message = `missing property \`${String(e.params['missingProperty'])}\``;
    else if (e.keyword === 'enum') message = `expected one of ${(e.params['allowedValues'] as unknown[]).map((v) => `\`${String(v)}\``).join(', ')}`;
    else message = e.message ?? e.keyword;
    const where = path.length === 0 ? 'the file' : `\`${path.join('.')}\``;
    const full = `${where}: ${message}`;
    if (seen.has(full)) continue;
    seen.add(full);
    out.push({ path: e.keyword === 'additionalProperties' ? [...path, String(e.params['additionalProperty'])] : path, message: full });
  }
  return out;
}
