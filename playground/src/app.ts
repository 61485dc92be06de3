/**
 * The playground page: state, wiring and the conversation with the compiler worker.
 *
 * Input: the static page (`index.html`), the bundled policies and sample cases, a share link in the
 * URL's fragment (when the page is opened from one), and the user's edits. Output: a debounced
 * `CheckRequest` to the worker after each edit of the policy, the case or the as-of date, and on
 * each fresh response: Monaco markers (code, message, help) in the policy and case editors, the
 * problems list, a status line, the case's timeline and tables; simulations and formatting on
 * request; share links.
 *
 * Each policy has its own Monaco model (its uri is the policy's, e.g. `policies/bristol.pdl`), so
 * edits survive switching, go to definition can open an extended policy, and "Reset" restores the
 * bundled text. Edited policies are sent to the worker as an overlay, so a policy that extends an
 * edited one sees the edit.
 *
 * INVARIANT: the main thread never compiles or evaluates (it imports compiler and runtime types
 * only), so typing never waits for the compiler.
 * INVARIANT: nothing is sent over the network: the only messages go to the workers.
 * INVARIANT: hooks for tests and the benchmark are events on `window` (`pdl:diagnostics` once the
 * markers and problems of a response are shown, `pdl:applied` once its results are), never globals
 * that change behaviour.
 */
import type { Diagnostic } from '../../compiler/index.ts';
import { authorKeys, formatCasePath, type CaseError, type EvaluationResult } from '../../runtime/index.ts';
import { BUNDLED_POLICIES, BUNDLED_SAMPLES } from './bundled.ts';
import { byId, el, replaceChildren } from './dom.ts';
import { policyEntry, type PolicyEntry } from './host.ts';
import { CASE_LANGUAGE_ID, monaco, themeName } from './monaco.ts';
import { LANGUAGE_ID } from './pdl-language.ts';
import type { CaseMark, CheckRequest, CheckResponse, FormatResponse, SimulateResponse, SymbolTable, WorkerResponse } from './protocol.ts';
import { registerProviders, uriOfModel } from './providers.ts';
import { renderDiagnostics, renderInternalError, renderOutcome } from './render.ts';
import { renderSimulation } from './render-simulation.ts';
import { createDebouncer, RequestScheduler } from './requests.ts';
import { diagnosticSummary, summaryText } from './rows.ts';
import { DEFAULT_AS_OF, EXAMPLE_LOCAL_POLICY, EXAMPLE_LOCAL_URI, type SampleEntry } from './samples.ts';
import { decodeShare, encodeShare, type SharedState } from './share.ts';
import { caseEvents } from './timeline.ts';

/**
 * Delay after the last keystroke before the worker is asked (ms). 0: the next task, so the edits of
 * one task (a paste, a multi-cursor edit, a format) are one request. The worker is the real
 * debouncer: while it compiles, later edits wait and only the newest is sent (the others are dropped,
 * and a stale answer is ignored), so a fast typist costs one compile per compile time, not one per
 * key, and an idle worker answers at once (the latency goal is 50 ms from key to diagnostics).
 */
export const DEBOUNCE_MS = 0;
/** A worker that has not answered after this long is assumed stuck, and replaced (ms). */
export const WORKER_TIMEOUT_MS = 15_000;
/** The same for a new worker's first answer, which waits for its code (about 2 MB) to load. */
export const WORKER_FIRST_ANSWER_TIMEOUT_MS = 60_000;
/** The policy opened first when there is no share link: Bristol's when it is bundled. */
export const PREFERRED_POLICIES: readonly string[] = ['bristol.review_timeliness', 'england.statutory_reviews'];
export const BASELINE_ID = 'england.statutory_reviews';

type Payload = Omit<CheckRequest, 'requestId'> & { readonly policyVersion: number; readonly caseVersion: number };

/** Detail of the `pdl:applied` event, dispatched on `window` after a response is shown. */
export interface AppliedDetail {
  readonly requestId: number;
  readonly policyVersion: number;
  readonly caseVersion: number;
  readonly diagnostics: number;
  readonly outcome: CheckResponse['outcome']['kind'];
  /** From the first edit it carries to posting the request (debounce, and waiting for the worker) (ms). */
  readonly waitMs: number;
  /** From posting the request to receiving its response (ms). */
  readonly roundTripMs: number;
  /** The worker's compile and evaluation times (ms). */
  readonly compileMs: number;
  readonly evaluateMs: number;
  /** The whole check in the worker (ms). */
  readonly workerMs: number;
  /** From receiving the response to the results shown (ms). */
  readonly renderMs: number;
}

function findElements() {
  return {
    status: byId('status', HTMLElement),
    policySelect: byId('policy-select', HTMLSelectElement),
    policyReset: byId('policy-reset', HTMLButtonElement),
    policyFormat: byId('policy-format', HTMLButtonElement),
    policyNote: byId('policy-note', HTMLElement),
    policyHost: byId('policy-editor', HTMLElement),
    diagnostics: byId('diagnostics', HTMLElement),
    diagnosticSummary: byId('diagnostic-summary', HTMLElement),
    sampleSelect: byId('sample-select', HTMLSelectElement),
    caseReset: byId('case-reset', HTMLButtonElement),
    caseHost: byId('case-editor', HTMLElement),
    asOf: byId('as-of', HTMLInputElement),
    results: byId('results', HTMLElement),
    tabCase: byId('tab-case', HTMLButtonElement),
    tabSimulation: byId('tab-simulation', HTMLButtonElement),
    casePanel: byId('case-panel', HTMLElement),
    simulationPanel: byId('simulation-panel', HTMLElement),
    simCases: byId('sim-cases', HTMLInputElement),
    simSeed: byId('sim-seed', HTMLInputElement),
    simRun: byId('sim-run', HTMLButtonElement),
    simulation: byId('simulation', HTMLElement),
    share: byId('share', HTMLButtonElement),
    shareLink: byId('share-link', HTMLInputElement),
  };
}

function policyLabel(entry: PolicyEntry): string {
  const name = entry.id ?? entry.uri;
  return entry.title === undefined ? name : `${name} — ${entry.title}`;
}

const SEVERITY: Readonly<Record<Diagnostic['severity'], number>> = { error: 8, warning: 4, info: 2 };

export function startApp(): void {
  const dom = findElements();
  const bundled = new Map<string, string>(BUNDLED_POLICIES.map((p) => [p.uri, p.text]));
  bundled.set(EXAMPLE_LOCAL_URI, EXAMPLE_LOCAL_POLICY);
  const policies: PolicyEntry[] = [...BUNDLED_POLICIES, policyEntry(EXAMPLE_LOCAL_URI, EXAMPLE_LOCAL_POLICY)];
  const samples: readonly SampleEntry[] = BUNDLED_SAMPLES;
  const caseBuffers = new Map<string, string>();
  const expanded = new Set<string>();
  /** Symbols and results by policy uri (from the last responses that had them). */
  const symbolsByUri = new Map<string, SymbolTable>();
  const resultByUri = new Map<string, EvaluationResult>();

  // --- models and editors ----------------------------------------------------------------------
  const models = new Map<string, monaco.editor.ITextModel>();
  const modelUri = (uri: string): monaco.Uri => monaco.Uri.from({ scheme: 'file', path: `/${uri}` });
  const modelFor = (uri: string): monaco.editor.ITextModel | undefined => {
    const existing = models.get(uri);
    if (existing !== undefined) return existing;
    const text = bundled.get(uri) ?? policies.find((p) => p.uri === uri)?.text;
    if (text === undefined) return undefined;
    const model = monaco.editor.createModel(text, LANGUAGE_ID, modelUri(uri));
    model.onDidChangeContent(() => {
      if (model === policyEditor.getModel()) checkSoon();
      else checkSoon(); // an edited parent changes its children's results too
    });
    models.set(uri, model);
    return model;
  };
  const edited = (): Record<string, string> => {
    const out: Record<string, string> = {};
    for (const [uri, model] of models) {
      const text = model.getValue();
      if (bundled.get(uri) !== text) out[uri] = text;
    }
    return out;
  };

  const editorOptions: monaco.editor.IStandaloneEditorConstructionOptions = {
    theme: themeName(),
    automaticLayout: true,
    minimap: { enabled: false },
    fontSize: 13,
    scrollBeyondLastLine: false,
    renderLineHighlight: 'line',
    fixedOverflowWidgets: true,
    wordBasedSuggestions: 'off',
    tabSize: 2,
    'semanticHighlighting.enabled': false,
  };
  const policyEditor = monaco.editor.create(dom.policyHost, { ...editorOptions, ariaLabel: 'Policy text' });
  const caseModel = monaco.editor.createModel('', CASE_LANGUAGE_ID, monaco.Uri.from({ scheme: 'inmemory', path: '/case.json' }));
  const caseEditor = monaco.editor.create(dom.caseHost, { ...editorOptions, model: caseModel, ariaLabel: 'Case JSON', lineNumbers: 'on', folding: true });
  const viewStates = new Map<string, monaco.editor.ICodeEditorViewState | null>();

  let policyIndex = 0;
  let sampleIndex = 0;
  let lastResponse: CheckResponse | undefined;
  let sharedCaseLabel: string | undefined;

  const currentPolicy = (): PolicyEntry => {
    const entry = policies[policyIndex] ?? policies[0];
    if (entry === undefined) throw new Error('playground: no policies were bundled');
    return entry;
  };
  const currentSampleKey = (): string => samples[sampleIndex]?.file ?? 'blank';

  const renderPolicyOptions = (): void => {
    dom.policySelect.replaceChildren(...policies.map((p, i) => el('option', { attrs: { value: String(i) }, text: policyLabel(p) })));
    dom.policySelect.value = String(policyIndex);
  };
  const renderSampleOptions = (): void => {
    dom.sampleSelect.replaceChildren(
      ...samples.map((s, i) => el('option', { attrs: { value: String(i) }, text: s.title })),
      el('option', { attrs: { value: 'blank' }, text: 'Blank case' }),
      ...(sharedCaseLabel !== undefined ? [el('option', { attrs: { value: 'shared' }, text: sharedCaseLabel })] : []),
    );
  };
  renderPolicyOptions();
  renderSampleOptions();
  dom.asOf.value = DEFAULT_AS_OF;

  const openPolicy = (index: number): void => {
    const before = policyEditor.getModel();
    if (before !== null) viewStates.set(uriOfModel(before), policyEditor.saveViewState());
    policyIndex = index;
    const entry = currentPolicy();
    const model = modelFor(entry.uri);
    if (model === undefined) return;
    policyEditor.setModel(model);
    const state = viewStates.get(entry.uri);
    if (state !== undefined && state !== null) policyEditor.restoreViewState(state);
    dom.policySelect.value = String(index);
    dom.policyNote.textContent = entry.uri;
  };
  const blankCase = (): string => JSON.stringify({ id: 'case-1', child: { dob: '2015-01-01' }, facts: {}, events: [] }, null, 2) + '\n';
  const setCaseText = (text: string): void => {
    if (caseModel.getValue() !== text) caseModel.setValue(text);
  };
  const loadSample = (index: number): void => {
    caseBuffers.set(currentSampleKey(), caseModel.getValue());
    sampleIndex = index;
    const sample = samples[index];
    setCaseText(caseBuffers.get(currentSampleKey()) ?? sample?.text ?? blankCase());
    dom.sampleSelect.value = sample === undefined ? 'blank' : String(index);
    expanded.clear();
  };

  // --- the worker ------------------------------------------------------------------------------
  const scheduler = new RequestScheduler<Payload>();
  let worker: Worker | undefined;
  let watchdog: ReturnType<typeof setTimeout> | undefined;
  let workerProblem: string | undefined;
  let workerAnswered = false;
  let otherId = 1_000_000_000;
  /** When each check request was posted (for the timings in `pdl:applied`). */
  const postedAt = new Map<number, number>();
  let receivedAt = 0;
  /** When the first edit not yet sent was made; how long the request waited for the worker or the debounce. */
  let firstEditAt: number | undefined;
  const waitedMs = new Map<number, number>();
  const pendingFormats = new Map<number, (response: FormatResponse) => void>();
  const pendingSimulations = new Map<number, (response: SimulateResponse) => void>();

  const stopWatchdog = (): void => {
    if (watchdog !== undefined) clearTimeout(watchdog);
    watchdog = undefined;
  };

  const post = (request: { requestId: number; payload: Payload }): void => {
    const { policyVersion: _p, caseVersion: _c, ...payload } = request.payload;
    const message: CheckRequest = { requestId: request.requestId, ...payload };
    const now = performance.now();
    postedAt.set(request.requestId, now);
    waitedMs.set(request.requestId, firstEditAt === undefined ? 0 : now - firstEditAt);
    firstEditAt = undefined;
    (worker ?? startWorker()).postMessage(message);
    stopWatchdog();
    const limit = workerAnswered ? WORKER_TIMEOUT_MS : WORKER_FIRST_ANSWER_TIMEOUT_MS;
    watchdog = setTimeout(() => {
      failWorker(`the compiler did not answer within ${limit / 1000} s and was stopped; edit the policy or case to try again`);
    }, limit);
    renderStatus();
  };

  const onResponse = (event: MessageEvent<WorkerResponse>): void => {
    const response = event.data;
    workerAnswered = true;
    if (response.kind === 'format') {
      pendingFormats.get(response.requestId)?.(response);
      pendingFormats.delete(response.requestId);
      return;
    }
    if (response.kind === 'diagnostics') {
      // The first half of the newest check: show its problems now, the case follows.
      if (response.requestId === scheduler.newestId()) applyDiagnostics(response.diagnostics, response.symbols, response.requestId);
      return;
    }
    if (response.kind === 'simulate') {
      pendingSimulations.get(response.requestId)?.(response);
      pendingSimulations.delete(response.requestId);
      return;
    }
    stopWatchdog();
    receivedAt = performance.now();
    workerProblem = undefined;
    const receipt = scheduler.receive(response.requestId);
    if (receipt.next !== undefined) post(receipt.next);
    if (receipt.apply) {
      lastResponse = response;
      renderResponse(response);
    }
    renderStatus();
  };

  function startWorker(): Worker {
    workerAnswered = false;
    const created = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'pdl-compiler' });
    created.addEventListener('message', onResponse);
    created.addEventListener('error', (event: ErrorEvent) => {
      event.preventDefault();
      failWorker(`the compiler worker failed: ${event.message || 'it could not be loaded'}`);
    });
    worker = created;
    return created;
  }

  function failWorker(problem: string): void {
    stopWatchdog();
    worker?.terminate();
    worker = undefined;
    workerProblem = problem;
    for (const [id, resolve] of pendingFormats) resolve({ kind: 'format', requestId: id, error: problem });
    pendingFormats.clear();
    for (const [id, resolve] of pendingSimulations) resolve({ kind: 'simulate', requestId: id, problem });
    pendingSimulations.clear();
    const next = scheduler.abandon(false);
    if (next !== undefined) post(next);
    renderStatus();
  }

  const formatInWorker = (text: string, uri: string): Promise<string | undefined> =>
    new Promise((resolve) => {
      const requestId = ++otherId;
      pendingFormats.set(requestId, (response) => {
        if (response.error !== undefined) showNote(`Not formatted: ${response.error}.`);
        resolve(response.text);
      });
      (worker ?? startWorker()).postMessage({ kind: 'format', requestId, text, uri });
    });

  // --- checking --------------------------------------------------------------------------------
  const check = (): void => {
    const entry = currentPolicy();
    const model = modelFor(entry.uri);
    if (model === undefined) return;
    const overlay = edited();
    delete overlay[entry.uri];
    const outgoing = scheduler.submit({
      policyText: model.getValue(),
      uri: entry.uri,
      caseJson: caseModel.getValue(),
      asOf: dom.asOf.value,
      overlay,
      policyVersion: model.getVersionId(),
      caseVersion: caseModel.getVersionId(),
    });
    if (outgoing !== undefined) post(outgoing);
    renderStatus();
  };
  const debouncedCheck = createDebouncer(DEBOUNCE_MS, check);
  const checkSoon = (): void => {
    firstEditAt ??= performance.now();
    debouncedCheck();
    renderStatus(true);
  };
  caseModel.onDidChangeContent(checkSoon);

  // --- rendering -------------------------------------------------------------------------------
  let note = '';
  function showNote(text: string): void {
    note = text;
    renderStatus();
  }

  function renderStatus(typing = false): void {
    const parts: string[] = [];
    let state = 'ready';
    if (workerProblem !== undefined) {
      state = 'problem';
      parts.push(workerProblem);
    } else if (typing || scheduler.busy) {
      state = 'busy';
      parts.push('checking…');
    }
    if (lastResponse !== undefined && workerProblem === undefined && state === 'ready') {
      const r = lastResponse;
      const time = r.timing.cached ? '(cached)' : `in ${Math.round(r.timing.compileMs)} ms`;
      const compiled = r.policy !== undefined ? `compiled ${time}` : 'does not compile';
      const outcome = r.outcome.kind === 'evaluated' ? summaryText(r.outcome.result) : r.outcome.kind === 'invalid' ? 'the case has problems' : 'not evaluated';
      parts.push(`${compiled} · ${diagnosticSummary(r.diagnostics)} · ${outcome}`);
    }
    if (note !== '') parts.push(note);
    dom.status.textContent = parts.join(' ');
    dom.status.title = dom.status.textContent;
    dom.status.dataset['state'] = state;
  }

  const toRange = (model: monaco.editor.ITextModel, start: number, end: number): monaco.IRange => {
    const a = model.getPositionAt(start);
    const b = model.getPositionAt(Math.max(end, start + 1));
    return { startLineNumber: a.lineNumber, startColumn: a.column, endLineNumber: b.lineNumber, endColumn: b.column };
  };

  function policyMarkers(diagnostics: readonly Diagnostic[], uri: string, model: monaco.editor.ITextModel): monaco.editor.IMarkerData[] {
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
  function caseMarkers(errors: readonly CaseError[], marks: readonly CaseMark[]): monaco.editor.IMarkerData[] {
    const length = caseModel.getValueLength();
    return errors.map((e, i) => {
      const mark = marks[i] ?? { start: 0, end: 1, message: e.message };
      return { severity: SEVERITY.error, code: e.path, source: 'case', message: mark.message, ...toRange(caseModel, mark.start, Math.min(mark.end, length)) };
    });
  }

  /** The id of the last check whose diagnostics are shown. */
  let diagnosticsShown = 0;

  /** Shows a check's diagnostics: markers in the policy, the problems list; remembers its symbols. */
  function applyDiagnostics(diagnostics: readonly Diagnostic[], symbols: SymbolTable | undefined, requestId: number): void {
    if (requestId <= diagnosticsShown) return;
    diagnosticsShown = requestId;
    const uri = currentPolicy().uri;
    const model = modelFor(uri);
    if (model === undefined) return;
    if (symbols !== undefined) symbolsByUri.set(uri, symbols);
    monaco.editor.setModelMarkers(model, 'pdl', policyMarkers(diagnostics, uri, model));
    for (const [other, m] of models) if (other !== uri) monaco.editor.setModelMarkers(m, 'pdl', []);
    dom.diagnosticSummary.textContent = `(${diagnosticSummary(diagnostics)})`;
    replaceChildren(
      dom.diagnostics,
      renderDiagnostics({
        diagnostics,
        uri,
        onSelect: (row) => {
          policyEditor.setSelection(new monaco.Selection(...selectionOf(model, row.start, row.end)));
          policyEditor.revealRangeInCenterIfOutsideViewport(model.getFullModelRange().intersectRanges(policyEditor.getSelection() ?? model.getFullModelRange()) ?? model.getFullModelRange());
          policyEditor.focus();
        },
      }),
    );
    window.dispatchEvent(new CustomEvent<number>('pdl:diagnostics', { detail: requestId }));
  }

  function renderResponse(response: CheckResponse): void {
    const uri = currentPolicy().uri;
    const model = modelFor(uri);
    if (model === undefined) return;
    applyDiagnostics(response.diagnostics, response.symbols, response.requestId);
    if (response.outcome.kind === 'evaluated') resultByUri.set(uri, response.outcome.result);
    else resultByUri.delete(uri);
    monaco.editor.setModelMarkers(caseModel, 'case', response.outcome.kind === 'invalid' ? caseMarkers(response.outcome.errors, response.outcome.marks) : []);
    let events: ReturnType<typeof caseEvents> = [];
    try {
      events = caseEvents(JSON.parse(caseModel.getValue()) as unknown);
    } catch {
      events = [];
    }
    const nodes: HTMLElement[] = [];
    if (response.internalError !== undefined) nodes.push(renderInternalError(response.internalError));
    nodes.push(
      ...renderOutcome({
        outcome: response.outcome,
        policy: response.policy,
        uri,
        expanded,
        events,
        onSource: (line, column) => {
          policyEditor.setPosition({ lineNumber: line, column });
          policyEditor.revealLineInCenter(line);
          policyEditor.setSelection(new monaco.Selection(line, 1, line, model.getLineMaxColumn(line)));
          policyEditor.focus();
        },
      }),
    );
    replaceChildren(dom.results, nodes);
    const payload = scheduler.newestPayload();
    const detail: AppliedDetail = {
      requestId: response.requestId,
      policyVersion: payload?.policyVersion ?? 0,
      caseVersion: payload?.caseVersion ?? 0,
      diagnostics: response.diagnostics.length,
      outcome: response.outcome.kind,
      waitMs: waitedMs.get(response.requestId) ?? 0,
      roundTripMs: receivedAt - (postedAt.get(response.requestId) ?? receivedAt),
      compileMs: response.timing.compileMs,
      evaluateMs: response.timing.evaluateMs,
      workerMs: response.timing.totalMs ?? 0,
      renderMs: performance.now() - receivedAt,
    };
    for (const id of postedAt.keys()) if (id <= response.requestId) postedAt.delete(id);
    for (const id of waitedMs.keys()) if (id <= response.requestId) waitedMs.delete(id);
    dom.results.dataset['requestId'] = String(response.requestId);
    window.dispatchEvent(new CustomEvent<AppliedDetail>('pdl:applied', { detail }));
  }

  function selectionOf(model: monaco.editor.ITextModel, start: number, end: number): [number, number, number, number] {
    const a = model.getPositionAt(start);
    const b = model.getPositionAt(Math.max(end, start + 1));
    return [a.lineNumber, a.column, b.lineNumber, b.column];
  }

  // --- language features -----------------------------------------------------------------------
  registerProviders(monaco, {
    symbolsFor: (model) => symbolsByUri.get(uriOfModel(model)),
    resultFor: (model) => resultByUri.get(uriOfModel(model)),
    modelFor,
    format: formatInWorker,
  });
  // Go to definition into another policy: switch the editor to it (it is one of the policies offered).
  monaco.editor.registerEditorOpener({
    openCodeEditor(_source, resource, selectionOrPosition) {
      const uri = decodeURIComponent(resource.path.replace(/^\/+/, ''));
      const index = policies.findIndex((p) => p.uri === uri);
      if (index < 0) return false;
      openPolicy(index);
      checkSoon();
      if (selectionOrPosition !== undefined) {
        if ('startLineNumber' in selectionOrPosition) {
          policyEditor.setSelection(selectionOrPosition);
          policyEditor.revealRangeInCenter(selectionOrPosition);
        } else {
          policyEditor.setPosition(selectionOrPosition);
          policyEditor.revealPositionInCenter(selectionOrPosition);
        }
      }
      policyEditor.focus();
      return true;
    },
  });

  // --- simulation ------------------------------------------------------------------------------
  const runSimulation = (): void => {
    const entry = currentPolicy();
    const model = modelFor(entry.uri);
    const baseline = policies.find((p) => p.id === BASELINE_ID);
    const baselineModel = baseline === undefined ? undefined : modelFor(baseline.uri);
    if (model === undefined || baseline === undefined || baselineModel === undefined) {
      replaceChildren(dom.simulation, [el('p', { className: 'outcome-note', text: `The baseline policy ${BASELINE_ID} is not bundled.` })]);
      return;
    }
    const requestId = ++otherId;
    const cases = Math.max(10, Math.min(5000, Math.round(Number(dom.simCases.value) || 500)));
    const seed = Math.max(1, Math.round(Number(dom.simSeed.value) || 1));
    dom.simRun.disabled = true;
    dom.simulation.dataset['state'] = 'running';
    replaceChildren(dom.simulation, [el('p', { className: 'outcome-note', text: `Simulating ${cases} cases…` })]);
    pendingSimulations.set(requestId, (response) => {
      dom.simRun.disabled = false;
      dom.simulation.dataset['state'] = response.report !== undefined ? 'done' : 'problem';
      replaceChildren(dom.simulation, renderSimulation(response));
    });
    const overlay = edited();
    (worker ?? startWorker()).postMessage({
      kind: 'simulate',
      requestId,
      policyText: model.getValue(),
      uri: entry.uri,
      baselineText: baselineModel.getValue(),
      baselineUri: baseline.uri,
      overlay,
      cases,
      seed,
      asOf: dom.asOf.value,
    });
  };

  // --- sharing ---------------------------------------------------------------------------------
  const shareState = (): SharedState => ({ v: 1, open: currentPolicy().uri, policies: edited(), case: caseModel.getValue(), asOf: dom.asOf.value });
  const restore = (hash: string): void => {
    const decoded = decodeShare(hash);
    if (decoded === undefined) return;
    if (!decoded.ok) {
      showNote(`The share link could not be opened: ${decoded.problem}.`);
      return;
    }
    const state = decoded.state;
    for (const [uri, text] of Object.entries(state.policies)) {
      if (!policies.some((p) => p.uri === uri)) {
        policies.push(policyEntry(uri, text));
        bundled.set(uri, '');
      }
      const model = modelFor(uri);
      if (model !== undefined && model.getValue() !== text) model.setValue(text);
    }
    renderPolicyOptions();
    const index = policies.findIndex((p) => p.uri === state.open);
    openPolicy(index >= 0 ? index : policyIndex);
    sharedCaseLabel = 'Case from the share link';
    renderSampleOptions();
    sampleIndex = samples.length + 1;
    setCaseText(state.case);
    dom.sampleSelect.value = 'shared';
    dom.asOf.value = state.asOf;
    showNote('Opened from a share link.');
    debouncedCheck.cancel();
    check();
  };

  // --- events ----------------------------------------------------------------------------------
  dom.policySelect.addEventListener('change', () => {
    openPolicy(Number(dom.policySelect.value));
    debouncedCheck.cancel();
    check();
  });
  dom.policyReset.addEventListener('click', () => {
    const entry = currentPolicy();
    const model = modelFor(entry.uri);
    const text = bundled.get(entry.uri) ?? entry.text;
    if (model !== undefined && model.getValue() !== text) model.setValue(text);
    check();
  });
  dom.policyFormat.addEventListener('click', () => {
    policyEditor.focus();
    void policyEditor.getAction('editor.action.formatDocument')?.run();
  });
  dom.sampleSelect.addEventListener('change', () => {
    const value = dom.sampleSelect.value;
    if (value === 'shared') return;
    loadSample(value === 'blank' ? samples.length : Number(value));
    debouncedCheck.cancel();
    check();
  });
  dom.caseReset.addEventListener('click', () => {
    caseBuffers.delete(currentSampleKey());
    setCaseText(samples[sampleIndex]?.text ?? blankCase());
    check();
  });
  dom.asOf.addEventListener('input', checkSoon);
  const selectTab = (simulation: boolean): void => {
    dom.tabCase.setAttribute('aria-selected', String(!simulation));
    dom.tabSimulation.setAttribute('aria-selected', String(simulation));
    dom.casePanel.hidden = simulation;
    dom.simulationPanel.hidden = !simulation;
  };
  dom.tabCase.addEventListener('click', () => selectTab(false));
  dom.tabSimulation.addEventListener('click', () => selectTab(true));
  dom.simRun.addEventListener('click', runSimulation);
  dom.share.addEventListener('click', () => {
    const hash = encodeShare(shareState());
    history.replaceState(null, '', hash);
    dom.shareLink.value = location.href;
    dom.shareLink.hidden = false;
    dom.shareLink.select();
    const clipboard = navigator.clipboard as Clipboard | undefined;
    clipboard?.writeText(location.href).then(
      () => showNote('Link copied: it holds your policies and case; nothing was uploaded.'),
      () => showNote('Link ready: copy it from the box; nothing was uploaded.'),
    );
  });
  window.addEventListener('hashchange', () => restore(location.hash));
  matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => monaco.editor.setTheme(themeName()));

  // --- start -----------------------------------------------------------------------------------
  const preferred = PREFERRED_POLICIES.map((id) => policies.findIndex((p) => p.id === id)).find((i) => i >= 0);
  openPolicy(preferred ?? 0);
  setCaseText(samples[0]?.text ?? blankCase());
  dom.sampleSelect.value = samples.length > 0 ? '0' : 'blank';
  if (location.hash !== '') restore(location.hash);
  check();
}
