/**
 * Monaco markers and selections from the worker's answers: the compiler's diagnostics in a policy's
 * model (with related locations in other policies), and case errors in the case's model where the
 * worker placed them (`CaseMark`).
 *
 * Input: diagnostics or case errors with their offsets, and the models. Output: `IMarkerData` lists,
 * ranges and selections. INVARIANT: offsets are UTF-16 indices into the model's text; an empty range
 * is widened to one character so that it shows.
 */
import type { Diagnostic } from '../../compiler/index.ts';
import type { CaseError } from '../../runtime/index.ts';
import { monaco } from './monaco.ts';
import type { CaseMark } from './protocol.ts';

export const SEVERITY: Readonly<Record<Diagnostic['severity'], number>> = { error: 8, warning: 4, info: 2 };

/** The range of `[start, end)` in `model` (at least one character). */
export function toRange(model: monaco.editor.ITextModel, start: number, end: number): monaco.IRange {
  const a = model.getPositionAt(start);
  const b = model.getPositionAt(Math.max(end, start + 1));
  return { startLineNumber: a.lineNumber, startColumn: a.column, endLineNumber: b.lineNumber, endColumn: b.column };
}

/** The same as a selection's four numbers. */
export function selectionOf(model: monaco.editor.ITextModel, start: number, end: number): [number, number, number, number] {
  const a = model.getPositionAt(start);
  const b = model.getPositionAt(Math.max(end, start + 1));
  return [a.lineNumber, a.column, b.lineNumber, b.column];
}

/** The markers of the diagnostics of the policy `uri`; related locations in policies that have a model. */
export function policyMarkers(
  diagnostics: readonly Diagnostic[],
  uri: string,
  model: monaco.editor.ITextModel,
  modelFor: (uri: string) => monaco.editor.ITextModel | undefined,
): monaco.editor.IMarkerData[] {
  return diagnostics
    .filter((d) => d.uri === uri)
    .map((d) => ({
      severity: SEVERITY[d.severity],
      code: d.code,
      source: 'pdl',
      message: d.help === undefined ? d.message : `${d.message}\nhelp: ${d.help}`,
      ...toRange(model, d.range.start, d.range.end),
      relatedInformation: (d.related ?? []).flatMap((r) => {
        const target = modelFor(r.uri);
        return target === undefined ? [] : [{ resource: target.uri, message: r.message, ...toRange(target, r.range.start, r.range.end) }];
      }),
    }));
}

/** The case's markers: each error where the worker placed it (`marks`, see `caseMarks` in engine.ts). */
export function caseMarkers(caseModel: monaco.editor.ITextModel, errors: readonly CaseError[], marks: readonly CaseMark[]): monaco.editor.IMarkerData[] {
  const length = caseModel.getValueLength();
  return errors.map((e, i) => {
    const mark = marks[i] ?? { start: 0, end: 1, message: e.message };
    return { severity: SEVERITY.error, code: e.path, source: 'case', message: mark.message, ...toRange(caseModel, mark.start, Math.min(mark.end, length)) };
  });
}
