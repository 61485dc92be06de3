/**
 * What a check's full answer carries over the worker's message channel: only what the page does not
 * have yet. The worker trims each `CheckResponse` (`createCheckTrimmer`), the page restores it
 * (`createCheckRestorer`) to the very `CheckResponse` the engine made.
 *
 * Input (worker side): the engine's `CheckResponse`, just after the `DiagnosticsResponse` of the same
 * request was posted. Output: a `CheckWire`: the response without its diagnostics and symbols (the
 * diagnostics message of the same id carried them a moment ago), without its case schema when it is
 * the one sent last, and without its policy summary, outcome and case warnings when they are the ones
 * sent last (`repeat`: a keystroke in a comment, or a rule edit that moves no date of this case).
 * Input (page side): every `DiagnosticsResponse` (`diagnostics`) and every `CheckWire` (`restore`), in
 * the order the worker posted them. Output: the full `CheckResponse`, and `resultVersion`, which
 * changes exactly when the summary, outcome, case warnings or internal error change, so the page can
 * leave the results on screen as they are when they would be rebuilt the same.
 *
 * INVARIANT: `restore(trim(r))` equals `r` (deeply) when both sides saw the same messages in the same
 * order (one worker: messages are delivered in order); a new worker starts both sides afresh.
 * INVARIANT: no DOM and no worker globals (unit-tested in Node).
 */
import type { CheckResponse, DiagnosticsResponse } from './protocol.ts';

/** A `CheckResponse` as posted: the parts the page already has are left out (see the module comment). */
export interface CheckWire extends Omit<CheckResponse, 'kind' | 'diagnostics' | 'symbols' | 'outcome' | 'caseSchema'> {
  readonly kind: 'check-wire';
  /** The outcome; absent when `repeat`. */
  readonly outcome?: CheckResponse['outcome'];
  /** Present when it differs from the last one sent (or `schemaGone`: the policy has no IR now). */
  readonly caseSchema?: CheckResponse['caseSchema'];
  readonly schemaGone?: true;
  /** The summary, outcome, case warnings and internal error are those of the last `CheckWire`. */
  readonly repeat?: true;
}

/** The part of a response that the results on screen are made from. */
function resultKey(r: CheckResponse): string {
  return JSON.stringify([r.policy ?? null, r.outcome, r.caseWarnings ?? null, r.internalError ?? null]);
}

/** The worker's side: trims each response against the ones it posted before. */
export function createCheckTrimmer(): (response: CheckResponse) => CheckWire {
  let lastResult: string | undefined;
  let lastSchema: string | undefined;
  return (response) => {
    const { diagnostics: _d, symbols: _s, outcome, caseSchema, policy, caseWarnings, internalError, ...rest } = response;
    const key = resultKey(response);
    const repeat = key === lastResult;
    lastResult = key;
    const schema = caseSchema === undefined ? undefined : JSON.stringify(caseSchema);
    const schemaSame = schema === lastSchema;
    lastSchema = schema;
    return {
      ...rest,
      kind: 'check-wire',
      ...(repeat ? { repeat: true } : { outcome, ...(policy !== undefined ? { policy } : {}), ...(caseWarnings !== undefined ? { caseWarnings } : {}), ...(internalError !== undefined ? { internalError } : {}) }),
      ...(schemaSame ? {} : caseSchema !== undefined ? { caseSchema } : { schemaGone: true }),
    };
  };
}

export interface CheckRestorer {
  /** Every diagnostics message, in order (an `unchanged` one stands for the previous one's contents). */
  diagnostics(response: DiagnosticsResponse): { diagnostics: DiagnosticsResponse['diagnostics']; symbols: DiagnosticsResponse['symbols'] };
  /** Every trimmed check, in order: the full response, and the version of its results. */
  restore(wire: CheckWire): { response: CheckResponse; resultVersion: number };
}

/** The page's side: rebuilds each full response from the messages before it. */
export function createCheckRestorer(): CheckRestorer {
  let diagnostics: { requestId: number; diagnostics: DiagnosticsResponse['diagnostics']; symbols: DiagnosticsResponse['symbols'] } | undefined;
  let last: Pick<CheckResponse, 'policy' | 'outcome' | 'caseWarnings' | 'internalError'> = { outcome: { kind: 'not_evaluated', reason: 'no check has been answered yet' } };
  let schema: CheckResponse['caseSchema'];
  let version = 0;
  return {
    diagnostics(response) {
      if (response.unchanged !== true || diagnostics === undefined) diagnostics = { requestId: response.requestId, diagnostics: response.diagnostics, symbols: response.symbols };
      else diagnostics = { ...diagnostics, requestId: response.requestId };
      return diagnostics;
    },
    restore(wire) {
      const { kind: _k, repeat, outcome, caseSchema, schemaGone, policy, caseWarnings, internalError, ...rest } = wire;
      if (repeat !== true) {
        version++;
        last = { outcome: outcome ?? { kind: 'not_evaluated', reason: 'the worker sent no outcome' }, ...(policy !== undefined ? { policy } : {}), ...(caseWarnings !== undefined ? { caseWarnings } : {}), ...(internalError !== undefined ? { internalError } : {}) };
      }
      if (caseSchema !== undefined) schema = caseSchema;
      else if (schemaGone === true) schema = undefined;
      const mine = diagnostics !== undefined && diagnostics.requestId === wire.requestId ? diagnostics : undefined;
      const response: CheckResponse = {
        ...rest,
        diagnostics: mine?.diagnostics ?? [],
        ...(mine?.symbols !== undefined ? { symbols: mine.symbols } : {}),
        ...last,
        ...(schema !== undefined ? { caseSchema: schema } : {}),
      };
      return { response, resultVersion: version };
    },
  };
}
