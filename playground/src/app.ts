/**
 * The playground page: state, wiring and the conversation with the compiler worker.
 *
 * Input: the static page (`index.html`), the bundled policies and sample cases, and the user's edits.
 * Output: a debounced (150 ms) `CheckRequest` to the worker after each edit, and on each fresh
 * response the diagnostics (with line markers), a status line and the case's outcome.
 *
 * Edits are kept per policy and per sample for the session (switching back finds them), and "Reset"
 * restores the bundled text. The host in the worker always serves the bundled texts, so a policy
 * that extends an edited one sees the bundled version.
 *
 * INVARIANT: the main thread never compiles or evaluates (it imports compiler and runtime types
 * only), so typing never waits for the compiler.
 * INVARIANT: nothing is sent over the network: the only messages go to the worker.
 */
import { BUNDLED_POLICIES, BUNDLED_SAMPLES } from './bundled.ts';
import { byId, el, replaceChildren } from './dom.ts';
import { createTextEditor, type LineMarker, type TextEditor } from './editor.ts';
import { policyEntry, type PolicyEntry } from './host.ts';
import type { CheckRequest, CheckResponse } from './protocol.ts';
import { renderDiagnostics, renderInternalError, renderOutcome } from './render.ts';
import { createDebouncer, RequestScheduler } from './requests.ts';
import { diagnosticSummary, summaryText } from './rows.ts';
import { DEFAULT_AS_OF, EXAMPLE_LOCAL_POLICY, EXAMPLE_LOCAL_URI, type SampleEntry } from './samples.ts';

/** Delay after the last keystroke before the worker is asked (ms). */
export const DEBOUNCE_MS = 150;
/** A worker that has not answered after this long is assumed stuck, and replaced (ms). */
export const WORKER_TIMEOUT_MS = 15_000;
/** The same for a new worker's first answer, which waits for its code (about 2 MB) to load. */
export const WORKER_FIRST_ANSWER_TIMEOUT_MS = 60_000;

type Payload = Omit<CheckRequest, 'requestId'>;

interface Elements {
  readonly status: HTMLElement;
  readonly policySelect: HTMLSelectElement;
  readonly policyReset: HTMLButtonElement;
  readonly policyHost: HTMLElement;
  readonly diagnostics: HTMLElement;
  readonly diagnosticSummary: HTMLElement;
  readonly sampleSelect: HTMLSelectElement;
  readonly caseReset: HTMLButtonElement;
  readonly caseHost: HTMLElement;
  readonly asOf: HTMLInputElement;
  readonly results: HTMLElement;
}

function findElements(): Elements {
  return {
    status: byId('status', HTMLElement),
    policySelect: byId('policy-select', HTMLSelectElement),
    policyReset: byId('policy-reset', HTMLButtonElement),
    policyHost: byId('policy-editor', HTMLElement),
    diagnostics: byId('diagnostics', HTMLElement),
    diagnosticSummary: byId('diagnostic-summary', HTMLElement),
    sampleSelect: byId('sample-select', HTMLSelectElement),
    caseReset: byId('case-reset', HTMLButtonElement),
    caseHost: byId('case-editor', HTMLElement),
    asOf: byId('as-of', HTMLInputElement),
    results: byId('results', HTMLElement),
  };
}

/** The policies offered: the bundled ones, then the example local policy. */
function policyChoices(): PolicyEntry[] {
  return [...BUNDLED_POLICIES, policyEntry(EXAMPLE_LOCAL_URI, EXAMPLE_LOCAL_POLICY)];
}

function policyLabel(entry: PolicyEntry): string {
  const name = entry.id ?? entry.uri;
  return entry.title === undefined ? name : `${name} — ${entry.title}`;
}

function lineOffset(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  return Math.min(text.length, offset + Math.max(0, column - 1));
}

export function startApp(): void {
  const dom = findElements();
  const policies = policyChoices();
  const samples: readonly SampleEntry[] = BUNDLED_SAMPLES;
  const policyBuffers = new Map<string, string>();
  const caseBuffers = new Map<string, string>();
  const expanded = new Set<string>();

  const policyEditor: TextEditor = createTextEditor({ label: 'Policy text', id: 'policy-text', className: 'policy-editor' });
  const caseEditor: TextEditor = createTextEditor({ label: 'Case JSON', id: 'case-text', className: 'case-editor' });
  dom.policyHost.replaceChildren(policyEditor.element);
  dom.caseHost.replaceChildren(caseEditor.element);

  let policyIndex = 0;
  let sampleIndex = 0;
  let lastResponse: CheckResponse | undefined;

  const currentPolicy = (): PolicyEntry => {
    const entry = policies[policyIndex] ?? policies[0];
    if (entry === undefined) throw new Error('playground: no policies were bundled');
    return entry;
  };
  const currentSampleKey = (): string => samples[sampleIndex]?.file ?? '';

  // --- selectors -------------------------------------------------------------------------------
  dom.policySelect.replaceChildren(...policies.map((p, i) => el('option', { attrs: { value: String(i) }, text: policyLabel(p) })));
  dom.sampleSelect.replaceChildren(
    ...samples.map((s, i) => el('option', { attrs: { value: String(i) }, text: s.title })),
    el('option', { attrs: { value: 'blank' }, text: 'Blank case' }),
  );
  dom.asOf.value = DEFAULT_AS_OF;

  const loadPolicy = (index: number): void => {
    policyBuffers.set(currentPolicy().uri, policyEditor.getText());
    policyIndex = index;
    const entry = currentPolicy();
    policyEditor.setText(policyBuffers.get(entry.uri) ?? entry.text);
    policyEditor.setMarkers([]);
    dom.policySelect.value = String(index);
  };
  const blankCase = (): string => JSON.stringify({ id: 'case-1', child: { dob: '2015-01-01' }, facts: {}, events: [] }, null, 2) + '\n';
  const loadSample = (index: number): void => {
    caseBuffers.set(currentSampleKey(), caseEditor.getText());
    sampleIndex = index;
    const sample = samples[index];
    caseEditor.setText(caseBuffers.get(currentSampleKey()) ?? sample?.text ?? blankCase());
    dom.sampleSelect.value = sample === undefined ? 'blank' : String(index);
    expanded.clear();
  };

  // --- the worker ------------------------------------------------------------------------------
  // Started on first use, and again after a failure only when there is something new to check (so a
  // worker that cannot load is not restarted in a loop).
  const scheduler = new RequestScheduler<Payload>();
  let worker: Worker | undefined;
  let watchdog: ReturnType<typeof setTimeout> | undefined;
  let workerProblem: string | undefined;
  /** Whether the current worker has answered at least once (it has loaded). */
  let workerAnswered = false;

  const stopWatchdog = (): void => {
    if (watchdog !== undefined) clearTimeout(watchdog);
    watchdog = undefined;
  };

  const post = (request: { requestId: number; payload: Payload }): void => {
    const message: CheckRequest = { requestId: request.requestId, ...request.payload };
    const target = worker ?? startWorker();
    target.postMessage(message);
    stopWatchdog();
    const limit = workerAnswered ? WORKER_TIMEOUT_MS : WORKER_FIRST_ANSWER_TIMEOUT_MS;
    watchdog = setTimeout(() => {
      failWorker(`the compiler did not answer within ${limit / 1000} s and was stopped; edit the policy or case to try again`);
    }, limit);
    renderStatus();
  };

  const onResponse = (event: MessageEvent<CheckResponse>): void => {
    stopWatchdog();
    workerProblem = undefined;
    workerAnswered = true;
    const response = event.data;
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

  /** Stops the worker; the request it had is dropped (it may be what broke it); a newer one is sent. */
  function failWorker(problem: string): void {
    stopWatchdog();
    worker?.terminate();
    worker = undefined;
    workerProblem = problem;
    const next = scheduler.abandon(false);
    if (next !== undefined) post(next);
    renderStatus();
  }

  // --- checking --------------------------------------------------------------------------------
  const check = (): void => {
    const entry = currentPolicy();
    const outgoing = scheduler.submit({ policyText: policyEditor.getText(), uri: entry.uri, caseJson: caseEditor.getText(), asOf: dom.asOf.value });
    if (outgoing !== undefined) post(outgoing);
    renderStatus();
  };
  const debouncedCheck = createDebouncer(DEBOUNCE_MS, check);
  const checkSoon = (): void => {
    debouncedCheck();
    renderStatus(true);
  };

  // --- rendering -------------------------------------------------------------------------------
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
    if (lastResponse !== undefined && workerProblem === undefined) {
      const r = lastResponse;
      const time = r.timing.cached ? '(cached)' : `in ${Math.round(r.timing.compileMs)} ms`;
      const compiled = r.policy !== undefined ? `compiled ${time}` : 'does not compile';
      const outcome = r.outcome.kind === 'evaluated' ? summaryText(r.outcome.result) : r.outcome.kind === 'invalid' ? 'the case has problems' : 'not evaluated';
      if (state === 'ready') parts.push(`${compiled} · ${diagnosticSummary(r.diagnostics)} · ${outcome}`);
    }
    dom.status.textContent = parts.join(' ');
    dom.status.title = dom.status.textContent;
    dom.status.dataset['state'] = state;
  }

  function renderResponse(response: CheckResponse): void {
    const uri = currentPolicy().uri;
    const markers: LineMarker[] = response.diagnostics
      .filter((d) => d.uri === uri)
      .map((d) => ({ line: d.range.startLine, severity: d.severity, message: `${d.code}: ${d.message}` }));
    policyEditor.setMarkers(markers);
    dom.diagnosticSummary.textContent = `(${diagnosticSummary(response.diagnostics)})`;
    replaceChildren(
      dom.diagnostics,
      renderDiagnostics({
        diagnostics: response.diagnostics,
        uri,
        onSelect: (row) => policyEditor.select(row.start, Math.max(row.end, row.start + 1)),
      }),
    );
    const nodes: HTMLElement[] = [];
    if (response.internalError !== undefined) nodes.push(renderInternalError(response.internalError));
    nodes.push(
      ...renderOutcome({
        outcome: response.outcome,
        policy: response.policy,
        uri,
        expanded,
        onSource: (line, column) => {
          const text = policyEditor.getText();
          const start = lineOffset(text, line, column);
          const end = text.indexOf('\n', start);
          policyEditor.select(start, end < 0 ? text.length : end);
        },
      }),
    );
    replaceChildren(dom.results, nodes);
  }

  // --- events ----------------------------------------------------------------------------------
  dom.policySelect.addEventListener('change', () => {
    loadPolicy(Number(dom.policySelect.value));
    debouncedCheck.cancel();
    check();
  });
  dom.policyReset.addEventListener('click', () => {
    const entry = currentPolicy();
    policyBuffers.delete(entry.uri);
    policyEditor.setText(entry.text);
    check();
  });
  dom.sampleSelect.addEventListener('change', () => {
    const value = dom.sampleSelect.value;
    loadSample(value === 'blank' ? samples.length : Number(value));
    debouncedCheck.cancel();
    check();
  });
  dom.caseReset.addEventListener('click', () => {
    caseBuffers.delete(currentSampleKey());
    caseEditor.setText(samples[sampleIndex]?.text ?? blankCase());
    check();
  });
  policyEditor.onChange(checkSoon);
  caseEditor.onChange(checkSoon);
  dom.asOf.addEventListener('input', checkSoon);

  // --- start -----------------------------------------------------------------------------------
  const statutory = policies.findIndex((p) => p.id === 'england.statutory_reviews');
  policyIndex = statutory >= 0 ? statutory : 0;
  policyEditor.setText(currentPolicy().text);
  dom.policySelect.value = String(policyIndex);
  caseEditor.setText(samples[0]?.text ?? blankCase());
  dom.sampleSelect.value = samples.length > 0 ? '0' : 'blank';
  check();
}
