/**
 * Helpers shared by the mutation tests of the rule kinds (test/compiler/deadline.mutation.test.ts,
 * duty.mutation.test.ts, order.mutation.test.ts): a policy's diagnostics in a form compared whole, and
 * the lines of its Markdown docs, section by section. Each compiles and renders when called, inside
 * the test that calls it, so that Stryker counts the code it runs (docs/testing.md, "Mutation
 * testing").
 *
 * Input: policy text. Output: plain values for `toEqual`.
 */
import { expect } from 'vitest';
import { renderPolicyDocs } from '../../compiler/emit/docs/index.ts';
import { compileToIr } from '../../compiler/pipeline.ts';
import { compiledIr } from '../support/compiled.ts';

/** A diagnostic as compared: `line:column-column`, with its code, message, help and related places. */
export interface ShownDiagnostic {
  readonly code: string;
  readonly at: string;
  readonly message: string;
  readonly help?: string;
  readonly related?: readonly string[];
}

/** The diagnostics of compiling `text` (as main.pdl), each whole. */
export function diagnosticsOf(text: string): ShownDiagnostic[] {
  return compileToIr(text, { uri: 'main.pdl' }).diagnostics.map((d) => ({
    code: d.code,
    at: `${d.range.startLine}:${d.range.startColumn}-${d.range.endColumn}`,
    message: d.message,
    help: d.help,
    ...(d.related === undefined ? {} : { related: d.related.map((r) => `${r.range.startLine}:${r.range.startColumn} ${r.message}`) }),
  }));
}

/** The Markdown docs of `text` (compiled as d.pdl), in lines without the blank ones. */
export function docsLines(text: string): string[] {
  return renderPolicyDocs(compiledIr(text, { uri: 'd.pdl' }), { sourceFile: 'd.pdl' }).markdown.split('\n').filter((l) => l !== '');
}

/** The lines after the heading that holds the anchor `anchor`, up to the next heading. */
export function section(lines: readonly string[], anchor: string): string[] {
  const start = lines.findIndex((l) => l.includes(`<a id="${anchor}"></a>`));
  expect(start).toBeGreaterThanOrEqual(0);
  const end = lines.findIndex((l, i) => i > start && l.startsWith('#'));
  return lines.slice(start + 1, end);
}

/**
 * The ids of the rules of `text` that checked (compiled as main.pdl), in order: the compile result's
 * `elaborated.rules`, which holds a rule exactly when it checked (compiler/elaborate/types.ts). A rule
 * with an error adds no IR either way, so this is where a rule kept in spite of its error shows.
 */
export function checkedRules(text: string): string[] {
  return (compileToIr(text, { uri: 'main.pdl' }).elaborated?.rules ?? []).map((r) => r.id);
}
