/**
 * The playground page: what joins the workspace (`workspace.ts`: policies, models, editors, samples)
 * and the worker (`worker-client.ts`: the conversation with the compiler worker): checks after
 * each edit, the answers shown (markers from `markers.ts`), language features, simulations, share
 * links and the page's controls. `startApp` builds the `App` and starts it.
 *
 * Input: the static page (`index.html`), the bundled policies and sample cases, a share link in the
 * URL's fragment (when the page is opened from one), and the user's edits. Output: a debounced
 * `CheckRequest` to the worker after each edit of the policy, the case or the as-of date, and on
 * each fresh response: Monaco markers (code, message, help) in the policy and case editors, the
 * problems list, a status line, the case's timeline and tables, the case schema given to the case
 * editor's JSON language; simulations and formatting on request; share links of changes, and
 * workspace files (saved and opened in the tab).
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
 * markers and problems of a response are shown, with where the time went and counters of what was
 * rebuilt, `DiagnosticsDetail`; `pdl:applied` once its results are), never globals that change
 * behaviour.
 * INVARIANT: an answer rebuilds only what it changes: the policy markers, the problems list and the
 * results (timeline and tables) are left as they are when they would be rebuilt the same (a
 * keystroke in a comment rebuilds none of them); markers are set again after any edit of a line that
 * holds one.
 * INVARIANT: results are never blanked by a transient compile error: while the open policy does not
 * compile, the last results it gave stay on screen, marked stale (`#results[data-stale]`), until it
 * compiles again.
 * INVARIANT: the as-of date is shown and typed as dd/mm/yyyy (`uk-date.ts`), whatever the browser's
 * locale; requests, share links and simulations carry it as an ISO date.
 * INVARIANT: the editor features and the case's JSON language (`monaco.ts`: chunks of their own)
 * are not requested before the first results are shown, unless an editor takes focus first; they
 * load at the first idle moment after them (`<html data-editor-features>`: `loading`, then `ready`,
 * with a `pdl:features` event on `window`).
 */
import type { Diagnostic } from '../../compiler/index.ts';
import type { EvaluationResult } from '../../runtime/index.ts';
import { byId, el, replaceChildren } from './dom.ts';
import { wireHelp } from './help.ts';
import { TabMode } from './keyboard.ts';
import { caseMarkers, policyMarkers, selectionOf } from './markers.ts';
import { jsonDefaults, loadCaseLanguage, loadEditorFeatures, monaco, themeName } from './monaco.ts';
import type { CheckResponse, SymbolTable } from './protocol.ts';
import { caseSchemaSetter, caseWarningMarkers, registerProviders, uriOfModel } from './providers.ts';
import { renderDiagnostics, renderInternalError, renderOutcome } from './render.ts';
import { createDebouncer, RequestScheduler } from './requests.ts';
import { diagnosticRows, diagnosticSummary, summaryText, type DiagnosticRow } from './rows.ts';
import { DEFAULT_AS_OF } from './samples.ts';
import { decodeShare, encodeShareLink, LINK_LIMIT, readWorkspaceFile, workspaceFileText, type ShareState } from './share.ts';
import { caseEvents } from './timeline.ts';
import { SourcePane } from './source-pane.ts';
import { WorkerClient, type DiagnosticsTimings, type Payload } from './worker-client.ts';
import { formatUkDate, parseUkDate } from './uk-date.ts';
import { Workspace } from './workspace.ts';

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
  /** The worker's compilations so far: policy texts, and the parents among them (cached parents are not counted). */
  readonly compiles?: CheckResponse['compiles'];
  /** The policies the worker prepared for evaluation so far (a text with a recent IR reuses its preparation). */
  readonly prepared?: number;
}

/**
 * Detail of the `pdl:diagnostics` event, dispatched on `window` once a check's diagnostics are shown
 * (markers and problems list). Times on the page's clock (`performance.now()`, ms); the worker's are
 * NaN when it did not stamp them. Counters, for tests (free of timing): how many times the policy
 * markers and the problems list were actually rebuilt so far (they are left as they are when a new
 * answer would rebuild them the same).
 */
export interface DiagnosticsDetail {
  readonly requestId: number;
  /** The same diagnostics as the previous answer's (only the case or the date changed): nothing was redone. */
  readonly unchanged: boolean;
  readonly postedAt: number;
  readonly workerReceivedAt: number;
  readonly workerPostedAt: number;
  readonly receivedAt: number;
  /** When the markers and the problems list were done (just before this event). */
  readonly shownAt: number;
  /** The worker's compile time (0: its cache). */
  readonly compileMs: number;
  /** Of `shownAt - receivedAt`: setting the policy's markers, and rebuilding the problems list (0 when skipped). */
  readonly markersMs: number;
  readonly listMs: number;
  readonly markerSets: number;
  readonly listRenders: number;
  /** How many times the results (timeline and tables) were rebuilt so far. */
  readonly resultRenders: number;
}

type Elements = ReturnType<typeof findElements>;

function findElements() {
  return {
    status: byId('status', HTMLElement),
    statusIcon: byId('status', HTMLElement).querySelector<HTMLElement>('.status-icon') ?? byId('status', HTMLElement),
    statusText: byId('status', HTMLElement).querySelector<HTMLElement>('.status-text') ?? byId('status', HTMLElement),
    policyHint: byId('policy-editor-hint', HTMLElement),
    caseHint: byId('case-editor-hint', HTMLElement),
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
    simBaseline: byId('sim-baseline', HTMLSelectElement),
    simPin: byId('sim-pin', HTMLButtonElement),
    simulation: byId('simulation', HTMLElement),
    share: byId('share', HTMLButtonElement),
    shareLink: byId('share-link', HTMLInputElement),
    shareMessage: byId('share-message', HTMLElement),
    workspaceDownload: byId('workspace-download', HTMLButtonElement),
    workspaceOpen: byId('workspace-open', HTMLInputElement),
    source: {
      toggle: byId('source-toggle', HTMLButtonElement),
      pane: byId('source-pane', HTMLElement),
      text: byId('source-text', HTMLTextAreaElement),
      file: byId('source-file', HTMLInputElement),
      sample: byId('source-sample', HTMLButtonElement),
      edit: byId('source-edit', HTMLButtonElement),
      summary: byId('source-summary', HTMLElement),
      view: byId('source-view', HTMLElement),
      detail: byId('source-detail', HTMLElement),
    },
  };
}

/**
 * The page: a workspace (editors and models), a worker client, and what joins them: checks after
 * each edit, the answers shown, the language features, simulations, share links and the controls.
 */
class App {
  private readonly workspace: Workspace;
  private readonly scheduler = new RequestScheduler<Payload>();
  private readonly client: WorkerClient;
  private readonly debouncedCheck: ReturnType<typeof createDebouncer>;
  /** Symbols and results by policy uri (from the last responses that had them). */
  private readonly symbolsByUri = new Map<string, SymbolTable>();
  private readonly resultByUri = new Map<string, EvaluationResult>();
  private lastResponse: CheckResponse | undefined;
  /** The id of the last check whose diagnostics are shown. */
  private diagnosticsShown = 0;
  /**
   * What is on screen, to leave it as it is when an answer would rebuild it the same: the policy
   * markers last set (per policy uri: their JSON, and the lines edited since, `all` after an edit that
   * adds or removes lines), the problems list (its text, and the rows its buttons select), and the
   * results (uri, result version, case events, staleness).
   */
  private readonly markersShown = new Map<string, { json: string; edited: Set<number> | 'all' }>();
  private listShown: { key: string; rows: DiagnosticRow[] } | undefined;
  private resultsShown: string | undefined;
  /** Counters for tests (`DiagnosticsDetail`). */
  private readonly counters = { markerSets: 0, listRenders: 0, resultRenders: 0 };
  private note = '';
  /** Points the case editor's JSON language at the open policy's case schema. */
  private readonly setCaseSchema: (schema: NonNullable<CheckResponse['caseSchema']>) => void;
  /** What Tab does in the editors (Escape then Tab leaves; Ctrl+M switches). */
  private readonly tabMode = new TabMode((text) => this.showNote(text));
  /** The uri of the policy whose evaluated results are on screen (kept, stale, while it does not compile). */
  private resultsOf: string | undefined;
  /** The last as-of date typed that is a real date (ISO). */
  private asOfValid = DEFAULT_AS_OF;
  /** Policies already opened once (a first opening scrolls past the header comments to the policy). */
  private readonly revealed = new Set<string>();

  constructor(private readonly dom: Elements) {
    this.workspace = new Workspace(dom, (uri, changes) => {
      this.noteEdit(uri, changes);
      this.checkSoon();
    });
    this.setCaseSchema = caseSchemaSetter(jsonDefaults);
    this.setAsOf(DEFAULT_AS_OF);
    // The last line's number in full colour: Monaco dims it (the final newline) below AA contrast.
    for (const editor of [this.workspace.policyEditor, this.workspace.caseEditor]) editor.updateOptions({ renderFinalNewline: 'on' });
    this.tabMode.attach(this.workspace.policyEditor, 'Policy text', dom.policyHint);
    this.tabMode.attach(this.workspace.caseEditor, 'Case JSON', dom.caseHint);
    // Someone about to edit gets the editor features (and the case's JSON language) at once.
    for (const editor of [this.workspace.policyEditor, this.workspace.caseEditor]) editor.onDidFocusEditorText(() => this.loadDeferred());
    this.client = new WorkerClient({
      scheduler: this.scheduler,
      timeoutMs: WORKER_TIMEOUT_MS,
      firstAnswerTimeoutMs: WORKER_FIRST_ANSWER_TIMEOUT_MS,
      onDiagnostics: (diagnostics, symbols, requestId, unchanged, timings) => this.applyDiagnostics(diagnostics, symbols, requestId, unchanged, timings),
      onCheck: (response, resultVersion) => {
        this.lastResponse = response;
        this.renderResponse(response, resultVersion);
        this.renderStatus();
      },
      onStatus: () => this.renderStatus(),
      onNote: (text) => this.showNote(text),
    });
    this.debouncedCheck = createDebouncer(DEBOUNCE_MS, () => this.check());
    this.workspace.caseModel.onDidChangeContent(() => this.checkSoon());
    this.source = new SourcePane(dom.source, {
      ask: (request, done) => this.client.source(request, done),
      policy: () => {
        const entry = this.workspace.currentPolicy();
        const model = this.workspace.modelFor(entry.uri);
        if (model === undefined) return undefined;
        const overlay = this.workspace.edited();
        delete overlay[entry.uri];
        return { text: model.getValue(), uri: entry.uri, overlay };
      },
      reveal: (uri, range, focus) => this.revealRange(uri, range.start, range.end, focus),
    });
  }

  /** The source document's pane (source-pane.ts). */
  private readonly source: SourcePane;

  /** Selects `start`..`end` of the policy `uri` in the editor (opening that policy first) and scrolls to it. */
  revealRange(uri: string, start: number, end: number, focus: boolean): void {
    const ws = this.workspace;
    if (ws.currentPolicy().uri !== uri) {
      const index = ws.indexOfPolicy((p) => p.uri === uri);
      if (index < 0) return;
      ws.openPolicy(index);
      this.checkSoon();
    }
    const model = ws.modelFor(uri);
    if (model === undefined) return;
    const selection = new monaco.Selection(...selectionOf(model, start, end));
    ws.policyEditor.setSelection(selection);
    ws.policyEditor.revealRangeInCenter(selection);
    if (focus) ws.policyEditor.focus();
  }

  // --- checking --------------------------------------------------------------------------------

  /** Asks the worker about the open policy, the case and the as-of date (now, or when it is free). */
  check(): void {
    const ws = this.workspace;
    const entry = ws.currentPolicy();
    const model = ws.modelFor(entry.uri);
    if (model === undefined) return;
    const overlay = ws.edited();
    delete overlay[entry.uri];
    const outgoing = this.scheduler.submit({
      policyText: model.getValue(),
      uri: entry.uri,
      caseJson: ws.caseModel.getValue(),
      asOf: this.asOfIso(),
      overlay,
      policyVersion: model.getVersionId(),
      caseVersion: ws.caseModel.getVersionId(),
    });
    if (outgoing !== undefined) this.client.post(outgoing);
    this.renderStatus();
  }

  /** After an edit: a check once the edits of this task are made. */
  checkSoon(): void {
    this.client.edited();
    this.debouncedCheck();
    this.renderStatus(true);
  }

  /** A check now, dropping one that was waiting for the debounce. */
  checkNow(): void {
    this.debouncedCheck.cancel();
    this.check();
  }

  // --- rendering -------------------------------------------------------------------------------

  showNote(text: string): void {
    this.note = text;
    this.renderStatus();
  }

  /**
   * The status line: a verdict (`data-verdict`: compiles, fails, evaluating, problem), each with its own
   * colour, icon and words, then the counts ("2 errors, 1 warning") and the case's summary; short
   * enough to fit the top bar at 1024 px (timings go to its tooltip).
   */
  private renderStatus(typing = false): void {
    const dom = this.dom;
    let state = 'ready';
    let verdict = 'evaluating';
    let icon = '…';
    let text = '';
    let tip = '';
    if (this.client.problem !== undefined) {
      state = 'problem';
      verdict = 'problem';
      icon = '!';
      text = this.client.problem;
    } else if (typing || this.scheduler.busy || this.lastResponse === undefined) {
      state = 'busy';
      icon = '…';
      text = 'Checking…';
    } else {
      const r = this.lastResponse;
      const counts = diagnosticSummary(r.diagnostics);
      const errors = r.diagnostics.some((d) => d.severity === 'error');
      if (r.policy === undefined || errors) {
        verdict = 'fails';
        icon = '✗';
        text = `Does not compile: ${counts}${this.resultsOf !== undefined ? ' · results shown are stale' : ''}`;
      } else {
        verdict = 'compiles';
        icon = '✓';
        const outcome = r.outcome.kind === 'evaluated' ? summaryText(r.outcome.result) : r.outcome.kind === 'invalid' ? 'the case has problems' : 'not evaluated';
        text = `Compiles${counts === 'no problems' ? '' : ` · ${counts}`} · ${outcome}`;
      }
      tip = r.timing.cached ? 'compiled (cached)' : `compiled in ${Math.round(r.timing.compileMs)} ms, evaluated in ${Math.round(r.timing.evaluateMs)} ms`;
    }
    if (this.note !== '') text = `${text} · ${this.note}`;
    dom.statusIcon.textContent = icon;
    dom.statusText.textContent = text;
    dom.status.title = tip === '' ? text : `${text} (${tip})`;
    dom.status.dataset['state'] = state;
    dom.status.dataset['verdict'] = verdict;
  }

  /** Notes the lines of each edit of a policy, for `setPolicyMarkers` (called by the workspace's models). */
  private noteEdit(uri: string, changes: readonly { readonly range: { readonly startLineNumber: number; readonly endLineNumber: number }; readonly text: string }[]): void {
    const shown = this.markersShown.get(uri);
    if (shown === undefined || shown.edited === 'all') return;
    for (const change of changes) {
      if (change.range.startLineNumber !== change.range.endLineNumber || change.text.includes('\n') || change.text.includes('\r')) {
        shown.edited = 'all';
        return;
      }
      shown.edited.add(change.range.startLineNumber);
    }
  }

  /**
   * Sets the policy's markers, unless they would be set the same: the same markers as last set, and no
   * edit since on a line that holds one, nor one that added or removed lines (Monaco moves markers
   * with the text they are on, so only then is what it shows still what it was given). Returns whether
   * they were set.
   */
  private setPolicyMarkers(model: monaco.editor.ITextModel, uri: string, markers: monaco.editor.IMarkerData[]): boolean {
    const json = JSON.stringify(markers);
    const shown = this.markersShown.get(uri);
    const untouched = (edited: Set<number> | 'all'): boolean => edited !== 'all' && markers.every((m) => ![...edited].some((line) => line >= m.startLineNumber && line <= m.endLineNumber));
    if (shown !== undefined && shown.json === json && untouched(shown.edited)) return false;
    monaco.editor.setModelMarkers(model, 'pdl', markers);
    this.markersShown.set(uri, { json, edited: new Set() });
    this.counters.markerSets++;
    return true;
  }

  /** Shows a check's diagnostics: markers in the policy, the problems list; remembers its symbols. */
  private applyDiagnostics(diagnostics: readonly Diagnostic[], symbols: SymbolTable | undefined, requestId: number, unchanged = false, timings?: DiagnosticsTimings): void {
    if (requestId <= this.diagnosticsShown) return;
    this.diagnosticsShown = requestId;
    const ws = this.workspace;
    const uri = ws.currentPolicy().uri;
    const model = ws.modelFor(uri);
    if (model === undefined) return;
    if (symbols !== undefined) this.symbolsByUri.set(uri, symbols);
    const receivedAt = timings?.receivedAt ?? performance.now();
    let markersMs = 0;
    let listMs = 0;
    if (!unchanged) {
      // Markers and the list only where they change (a keystroke in a comment changes neither).
      const markersStart = performance.now();
      this.setPolicyMarkers(model, uri, policyMarkers(diagnostics, uri, model, ws.modelFor));
      for (const [other, m] of ws.models) {
        const shown = this.markersShown.get(other);
        if (other !== uri && shown !== undefined && shown.json !== '[]') {
          monaco.editor.setModelMarkers(m, 'pdl', []);
          this.markersShown.set(other, { json: '[]', edited: new Set() });
        }
      }
      const listStart = performance.now();
      markersMs = listStart - markersStart;
      this.dom.diagnosticSummary.textContent = `(${diagnosticSummary(diagnostics)})`;
      const rows = diagnosticRows(diagnostics, uri);
      // The list shows severity, code, place, message and help: rebuilt when one of them changes; its
      // buttons select the current rows' ranges (which move as text before them is typed).
      const key = JSON.stringify([uri, rows.map((r) => [r.severity, r.code, r.location, r.message, r.help, r.inThisFile])]);
      if (this.listShown?.key !== key) {
        const editor = ws.policyEditor;
        replaceChildren(
          this.dom.diagnostics,
          renderDiagnostics({
            diagnostics,
            uri,
            onSelect: (index) => {
              const row = this.listShown?.rows[index];
              if (row === undefined) return;
              editor.setSelection(new monaco.Selection(...selectionOf(model, row.start, row.end)));
              editor.revealRangeInCenterIfOutsideViewport(model.getFullModelRange().intersectRanges(editor.getSelection() ?? model.getFullModelRange()) ?? model.getFullModelRange());
              editor.focus();
            },
          }),
        );
        this.counters.listRenders++;
      }
      this.listShown = { key, rows };
      listMs = performance.now() - listStart;
      this.source.refreshSoon();
    }
    const detail: DiagnosticsDetail = {
      requestId,
      unchanged,
      postedAt: timings?.postedAt ?? NaN,
      workerReceivedAt: timings?.workerReceivedAt ?? NaN,
      workerPostedAt: timings?.workerPostedAt ?? NaN,
      receivedAt,
      shownAt: performance.now(),
      compileMs: timings?.compileMs ?? 0,
      markersMs,
      listMs,
      ...this.counters,
    };
    window.dispatchEvent(new CustomEvent<DiagnosticsDetail>('pdl:diagnostics', { detail }));
  }

  /**
   * Shows a check's full answer: its diagnostics, the case's markers, the outcome; then `pdl:applied`.
   * `resultVersion` (wire.ts) changes exactly when the outcome, summary, case warnings or internal
   * error do: when it has not, the case's text gave the same events and the results on screen are of
   * this policy and as stale as they would be, they are left as they are (nothing is rebuilt).
   */
  private renderResponse(response: CheckResponse, resultVersion: number): void {
    const ws = this.workspace;
    const uri = ws.currentPolicy().uri;
    const model = ws.modelFor(uri);
    if (model === undefined) return;
    this.applyDiagnostics(response.diagnostics, response.symbols, response.requestId);
    let events: ReturnType<typeof caseEvents> = [];
    try {
      events = caseEvents(JSON.parse(ws.caseModel.getValue()) as unknown);
    } catch {
      events = [];
    }
    const stale = response.outcome.kind === 'not_evaluated' && response.internalError === undefined && this.resultsOf === uri;
    const resultsOf = stale ? this.resultsOf : response.outcome.kind === 'evaluated' ? uri : undefined;
    // Markers placed in the case's text are set again after any edit of it (Monaco moves them with the text).
    const caseMarked = response.outcome.kind === 'invalid' || (response.caseWarnings ?? []).length > 0;
    const shownKey = JSON.stringify([uri, resultVersion, stale, resultsOf ?? null, caseMarked ? ws.caseModel.getVersionId() : 0, events]);
    if (shownKey === this.resultsShown) {
      this.showCaseSchema(response.caseSchema);
      this.dispatchApplied(response);
      return;
    }
    this.resultsShown = shownKey;
    this.counters.resultRenders++;
    if (response.outcome.kind === 'evaluated') this.resultByUri.set(uri, response.outcome.result);
    else this.resultByUri.delete(uri);
    monaco.editor.setModelMarkers(ws.caseModel, 'case', response.outcome.kind === 'invalid' ? caseMarkers(ws.caseModel, response.outcome.errors, response.outcome.marks) : []);
    monaco.editor.setModelMarkers(ws.caseModel, 'case-warnings', caseWarningMarkers(monaco, ws.caseModel, response.caseWarnings ?? []));
    this.showCaseSchema(response.caseSchema);
    const editor = ws.policyEditor;
    if (stale) {
      this.markStale(true);
      this.dispatchApplied(response);
      return;
    }
    this.markStale(false);
    this.resultsOf = response.outcome.kind === 'evaluated' ? uri : undefined;
    const nodes: HTMLElement[] = [];
    if (response.internalError !== undefined) nodes.push(renderInternalError(response.internalError));
    nodes.push(
      ...renderOutcome({
        outcome: response.outcome,
        policy: response.policy,
        uri,
        expanded: ws.expanded,
        events,
        onSource: (line, column) => {
          editor.setPosition({ lineNumber: line, column });
          editor.revealLineInCenter(line);
          editor.setSelection(new monaco.Selection(line, 1, line, model.getLineMaxColumn(line)));
          editor.focus();
        },
      }),
    );
    replaceChildren(this.dom.results, nodes);
    this.dispatchApplied(response);
  }

  /** The case schema given to the case editor last (the same object until the worker sends another: wire.ts). */
  private schemaShown: CheckResponse['caseSchema'];

  /** Gives the case editor a new case schema (not the one it has). */
  private showCaseSchema(schema: CheckResponse['caseSchema']): void {
    if (schema === undefined || schema === this.schemaShown) return;
    this.schemaShown = schema;
    this.setCaseSchema(schema);
  }

  /**
   * Marks the results on screen as stale (from the last version of the policy that compiled), with a
   * note at their top, or takes the mark away.
   */
  private markStale(stale: boolean): void {
    const results = this.dom.results;
    results.querySelector(':scope > .stale-note')?.remove();
    if (!stale) {
      delete results.dataset['stale'];
      return;
    }
    results.dataset['stale'] = 'true';
    results.prepend(
      el('p', { className: 'stale-note', attrs: { role: 'note' } }, [
        el('strong', { text: 'Stale: ' }),
        'results from the last version that compiled. The policy does not compile now (see Problems); they update when it compiles again.',
      ]),
    );
  }

  /** Whether the editor features and the case's JSON language were asked for (`loadDeferred`). */
  private deferredAsked = false;

  /**
   * Loads what the first results do not need (once): the editor features, then the case's JSON
   * language (monaco.ts). `<html data-editor-features>` says `loading`, then `ready` (or `failed`),
   * and `pdl:features` is dispatched on `window` once they work.
   */
  loadDeferred(): void {
    if (this.deferredAsked) return;
    this.deferredAsked = true;
    const root = document.documentElement;
    root.dataset['editorFeatures'] = 'loading';
    loadCaseLanguage(this.workspace.caseModel).then(
      () => {
        root.dataset['editorFeatures'] = 'ready';
        window.dispatchEvent(new Event('pdl:features'));
      },
      (error: unknown) => {
        root.dataset['editorFeatures'] = 'failed';
        this.showNote('The editor features (completion, hover, find...) could not be loaded: reload the page to try again.');
        console.error(error);
      },
    );
  }

  /** After the first results: the deferred features at the next idle moment (a timer where the browser has no idle callback). */
  private loadDeferredWhenIdle(): void {
    if (this.deferredAsked) return;
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => this.loadDeferred(), { timeout: 1000 });
    else setTimeout(() => this.loadDeferred(), 0);
  }

  /** Tells tests and the benchmark that a response is shown (`pdl:applied`). */
  private dispatchApplied(response: CheckResponse): void {
    this.loadDeferredWhenIdle();
    const payload = this.scheduler.newestPayload();
    const timings = this.client.timingsOf(response.requestId);
    const detail: AppliedDetail = {
      requestId: response.requestId,
      policyVersion: payload?.policyVersion ?? 0,
      caseVersion: payload?.caseVersion ?? 0,
      diagnostics: response.diagnostics.length,
      outcome: response.outcome.kind,
      waitMs: timings.waitMs,
      roundTripMs: timings.roundTripMs,
      compileMs: response.timing.compileMs,
      evaluateMs: response.timing.evaluateMs,
      workerMs: response.timing.totalMs ?? 0,
      renderMs: performance.now() - timings.receivedAt,
      ...(response.compiles !== undefined ? { compiles: response.compiles } : {}),
      ...(response.prepared !== undefined ? { prepared: response.prepared } : {}),
    };
    this.dom.results.dataset['requestId'] = String(response.requestId);
    window.dispatchEvent(new CustomEvent<AppliedDetail>('pdl:applied', { detail }));
  }

  // --- language features -----------------------------------------------------------------------

  /** Completion, hover, go to definition (into another policy: the editor switches to it) and format. */
  registerLanguageFeatures(): void {
    const ws = this.workspace;
    registerProviders(monaco, {
      symbolsFor: (model) => this.symbolsByUri.get(uriOfModel(model)),
      resultFor: (model) => this.resultByUri.get(uriOfModel(model)),
      modelFor: ws.modelFor,
      format: (text, uri) => this.client.format(text, uri),
    });
    const editor = ws.policyEditor;
    monaco.editor.registerEditorOpener({
      openCodeEditor: (_source, resource, selectionOrPosition) => {
        const uri = decodeURIComponent(resource.path.replace(/^\/+/, ''));
        const index = ws.indexOfPolicy((p) => p.uri === uri);
        if (index < 0) return false;
        ws.openPolicy(index);
        this.checkSoon();
        if (selectionOrPosition !== undefined) {
          if ('startLineNumber' in selectionOrPosition) {
            editor.setSelection(selectionOrPosition);
            editor.revealRangeInCenter(selectionOrPosition);
          } else {
            editor.setPosition(selectionOrPosition);
            editor.revealPositionInCenter(selectionOrPosition);
          }
        }
        editor.focus();
        return true;
      },
    });
  }

  // --- simulation ------------------------------------------------------------------------------

  /** The version pinned as a baseline: the open policy's text and every edited policy's, when pinned. */
  private pinned: { readonly uri: string; readonly name: string; readonly text: string; readonly overlay: Record<string, string>; readonly number: number } | undefined;

  /** Keeps the current texts (the open policy and every edited one) as the baseline of later simulations. */
  pinBaseline(): void {
    const { dom, workspace: ws } = this;
    const entry = ws.currentPolicy();
    const model = ws.modelFor(entry.uri);
    if (model === undefined) return;
    this.pinned = { uri: entry.uri, name: entry.id ?? entry.uri, text: model.getValue(), overlay: ws.edited(), number: (this.pinned?.number ?? 0) + 1 };
    const option = dom.simBaseline.querySelector<HTMLOptionElement>('option[value=pinned]');
    if (option !== null) {
      option.disabled = false;
      option.textContent = `pinned version ${this.pinned.number} (${this.pinned.name})`;
    }
    dom.simBaseline.value = 'pinned';
    this.showNote(`Pinned version ${this.pinned.number} of ${this.pinned.name} as the baseline: later simulations compare your edits with it.`);
  }

  /**
   * Simulates the open policy, as edited, over a generated caseload in the worker, against the chosen
   * baseline: the same policy as loaded (every policy it extends as loaded too), the pinned version
   * (the texts of every policy when pinned), or the statutory policy (with the same edits as the
   * edited side, so an edit to it shows on both sides). The labels name both sides.
   */
  runSimulation(): void {
    const { dom, workspace: ws } = this;
    const entry = ws.currentPolicy();
    const model = ws.modelFor(entry.uri);
    if (model === undefined) return;
    const name = entry.id ?? entry.uri;
    const overlay = ws.edited();
    const editedNote = Object.keys(overlay).length === 0 ? 'unchanged' : `with your edits (${Object.keys(overlay).length} polic${Object.keys(overlay).length === 1 ? 'y' : 'ies'})`;
    let baseline: { text: string; uri: string; overlay: Record<string, string>; label: string };
    const mode = dom.simBaseline.value;
    if (mode === 'pinned' && this.pinned !== undefined) {
      baseline = { text: this.pinned.text, uri: this.pinned.uri, overlay: this.pinned.overlay, label: `${this.pinned.name}, pinned version ${this.pinned.number}` };
    } else if (mode === 'statutory') {
      const statutory = ws.policies.find((p) => p.id === BASELINE_ID);
      const statutoryModel = statutory === undefined ? undefined : ws.modelFor(statutory.uri);
      if (statutory === undefined || statutoryModel === undefined) {
        replaceChildren(dom.simulation, [el('p', { className: 'outcome-note', text: `The baseline policy ${BASELINE_ID} is not bundled.` })]);
        return;
      }
      baseline = { text: statutoryModel.getValue(), uri: statutory.uri, overlay, label: `${BASELINE_ID}${overlay[statutory.uri] === undefined ? '' : ' with your edits to it'}` };
    } else {
      const loaded = ws.loadedText(entry.uri);
      if (loaded === undefined) {
        replaceChildren(dom.simulation, [el('p', { className: 'outcome-note', text: `${name} came from a share link and has no loaded version: pin a version as the baseline, or compare with the statutory policy.` })]);
        return;
      }
      baseline = { text: loaded, uri: entry.uri, overlay: {}, label: `${name} as loaded` };
    }
    const cases = Math.max(10, Math.min(5000, Math.round(Number(dom.simCases.value) || 500)));
    const seed = Math.max(1, Math.round(Number(dom.simSeed.value) || 1));
    dom.simRun.disabled = true;
    dom.simulation.dataset['state'] = 'running';
    replaceChildren(dom.simulation, [el('p', { className: 'outcome-note', text: `Simulating ${cases} cases…` })]);
    const request = {
      policyText: model.getValue(),
      uri: entry.uri,
      baselineText: baseline.text,
      baselineUri: baseline.uri,
      overlay,
      baselineOverlay: baseline.overlay,
      labels: { baseline: baseline.label, reform: `${name} ${editedNote}` },
      cases,
      seed,
      asOf: this.asOfIso(),
    };
    this.client.simulate(request, (response) => {
      // The simulation's renderer is a chunk of its own, loaded when the tab is first opened.
      void import('./render-simulation.ts').then(({ renderSimulation }) => {
        dom.simRun.disabled = false;
        dom.simulation.dataset['state'] = response.report !== undefined ? 'done' : 'problem';
        replaceChildren(dom.simulation, renderSimulation(response));
      }, () => {
        dom.simRun.disabled = false;
        dom.simulation.dataset['state'] = 'problem';
        replaceChildren(dom.simulation, [el('p', { className: 'outcome-note', text: 'The simulation ran, but its report could not be shown: its code did not load.' })]);
      });
    });
  }

  // --- sharing ---------------------------------------------------------------------------------

  /** The state to share: the edited policies, the open one, the case, the date, the tab and the cursor's line. */
  private shareState(): ShareState {
    const ws = this.workspace;
    const line = ws.policyEditor.getPosition()?.lineNumber ?? 1;
    const tab = this.dom.tabSimulation.getAttribute('aria-selected') === 'true' ? 'simulation' : 'case';
    return { open: ws.currentPolicy().uri, policies: ws.edited(), case: ws.caseModel.getValue(), asOf: this.asOfIso(), tab, ...(line > 1 ? { line } : {}) };
  }

  /** Shows (or, with '', hides) the sharing message under the toolbar. */
  private shareMessage(text: string): void {
    this.dom.shareMessage.textContent = text;
    this.dom.shareMessage.hidden = text === '';
  }

  /**
   * Makes a share link of the changes (edited policies, case, date, tab and line) and offers it; a
   * link too long for mail and chat tools is said so, with the workspace file offered instead.
   * Nothing is uploaded.
   */
  share(): void {
    history.replaceState(null, '', encodeShareLink(this.shareState(), this.workspace.shareBases()));
    const link = this.dom.shareLink;
    link.value = location.href;
    link.hidden = false;
    link.select();
    const tooLong = location.href.length > LINK_LIMIT;
    this.shareMessage(
      tooLong
        ? `This link is ${location.href.length.toLocaleString('en-GB')} characters long: some mail and chat tools cut links longer than ${LINK_LIMIT.toLocaleString('en-GB')} characters. Use "Download workspace file" instead, and send the file.`
        : '',
    );
    if (tooLong) this.dom.workspaceDownload.focus();
    const clipboard = navigator.clipboard as Clipboard | undefined;
    clipboard?.writeText(location.href).then(
      () => this.showNote('Link copied: it holds your changes and case; nothing was uploaded.'),
      () => this.showNote('Link ready: copy it from the box; nothing was uploaded.'),
    );
  }

  /** Saves the whole state (every edited policy in full, the case, the date) as a JSON file; nothing is uploaded. */
  downloadWorkspace(): void {
    const blob = new Blob([workspaceFileText(this.shareState())], { type: 'application/json' });
    const url = URL.createObjectURL(blob);
    const a = el('a', { attrs: { href: url, download: `pdl-workspace-${this.asOfIso()}.json` } });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 0);
    this.showNote('Workspace file saved: it holds your policies and case; nothing was uploaded.');
  }

  /** Opens a workspace file chosen by the user (read in this tab). */
  async openWorkspaceFile(file: File): Promise<void> {
    const decoded = readWorkspaceFile(await file.text());
    if (!decoded.ok) {
      this.shareMessage(`The workspace file could not be opened: ${decoded.problem}. Nothing was changed.`);
      return;
    }
    this.applyState(decoded.state);
    this.shareMessage('');
    this.showNote('Opened from a workspace file.');
  }

  /** Opens the state a share link holds; a link that cannot be read is said so in the page, and changes nothing. */
  restore(hash: string): void {
    const decoded = decodeShare(hash, this.workspace.shareBases());
    if (decoded === undefined) return;
    if (!decoded.ok) {
      this.shareMessage(`This share link could not be opened: ${decoded.problem}. Nothing from it was loaded.`);
      this.showNote('The share link could not be opened.');
      return;
    }
    this.applyState(decoded.state);
    this.shareMessage('');
    this.showNote('Opened from a share link.');
  }

  /** Puts a shared state in the page: policies, case, date, tab, and the line revealed. */
  private applyState(state: ShareState): void {
    const { dom, workspace: ws } = this;
    ws.openShared(state.policies, state.open, state.case);
    this.setAsOf(state.asOf);
    (state.tab === 'simulation' ? dom.tabSimulation : dom.tabCase).click();
    if (state.line !== undefined) ws.revealPolicyLine(state.line);
    this.checkNow();
  }

  // --- controls and start ----------------------------------------------------------------------

  /** The page's controls: pickers, reset and format buttons, the date, the tabs, share, and the theme. */
  wireControls(): void {
    const { dom, workspace: ws } = this;
    dom.policySelect.addEventListener('change', () => {
      ws.openPolicy(Number(dom.policySelect.value));
      this.revealOnFirstOpen();
      this.checkNow();
    });
    dom.policyReset.addEventListener('click', () => {
      ws.resetPolicy();
      this.check();
    });
    dom.policyFormat.addEventListener('click', () => {
      ws.policyEditor.focus();
      // Format is an editor feature (loaded after the first results): by its command, once loaded.
      void loadEditorFeatures().then(() => ws.policyEditor.trigger('format-button', 'editor.action.formatDocument', null));
    });
    dom.sampleSelect.addEventListener('change', () => {
      const value = dom.sampleSelect.value;
      if (value === 'shared') return;
      ws.loadSample(value === 'blank' ? ws.samples.length : Number(value));
      this.checkNow();
    });
    dom.caseReset.addEventListener('click', () => {
      ws.resetCase();
      this.check();
    });
    dom.asOf.addEventListener('input', () => {
      const iso = parseUkDate(dom.asOf.value);
      dom.asOf.setAttribute('aria-invalid', String(iso === undefined));
      if (iso === undefined || iso === this.asOfValid) return;
      this.asOfValid = iso;
      this.checkSoon();
    });
    // On leaving the field: the date written out as dd/mm/yyyy, or the last valid one back.
    dom.asOf.addEventListener('change', () => this.setAsOf(parseUkDate(dom.asOf.value) ?? this.asOfValid));
    const selectTab = (simulation: boolean): void => {
      dom.tabCase.setAttribute('aria-selected', String(!simulation));
      dom.tabSimulation.setAttribute('aria-selected', String(simulation));
      dom.casePanel.hidden = simulation;
      dom.simulationPanel.hidden = !simulation;
      if (simulation) {
        // The simulation's code (page and worker) loads on first use, not with the page.
        void import('./render-simulation.ts');
        this.client.loadSimulation();
      }
    };
    dom.tabCase.addEventListener('click', () => selectTab(false));
    dom.tabSimulation.addEventListener('click', () => selectTab(true));
    // The tabs' arrow keys (ARIA tabs pattern; both tabs also stay in the Tab order).
    for (const tab of [dom.tabCase, dom.tabSimulation]) {
      tab.addEventListener('keydown', (event) => {
        if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight' && event.key !== 'Home' && event.key !== 'End') return;
        event.preventDefault();
        const simulation = event.key === 'End' || (event.key !== 'Home' && tab === dom.tabCase);
        selectTab(simulation);
        (simulation ? dom.tabSimulation : dom.tabCase).focus();
      });
    }
    dom.simRun.addEventListener('click', () => this.runSimulation());
    dom.simPin.addEventListener('click', () => this.pinBaseline());
    dom.share.addEventListener('click', () => this.share());
    dom.workspaceDownload.addEventListener('click', () => this.downloadWorkspace());
    dom.workspaceOpen.addEventListener('change', () => {
      const file = dom.workspaceOpen.files?.[0];
      dom.workspaceOpen.value = '';
      if (file !== undefined) void this.openWorkspaceFile(file);
    });
    window.addEventListener('hashchange', () => this.restore(location.hash));
    matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => monaco.editor.setTheme(themeName()));
  }

  /** Opens the preferred policy and the first sample, or what the URL's share link holds, and checks. */
  open(): void {
    const ws = this.workspace;
    const preferred = PREFERRED_POLICIES.map((id) => ws.indexOfPolicy((p) => p.id === id)).find((i) => i >= 0);
    ws.openPolicy(preferred ?? 0);
    ws.openFirstSample();
    if (location.hash !== '') this.restore(location.hash);
    this.revealOnFirstOpen();
    this.check();
  }

  /**
   * The first time a policy is opened, the editor shows its rules rather than the comments above them:
   * the first line that is neither a comment nor blank (the `policy` line) goes to the top, the cursor on it.
   */
  private revealOnFirstOpen(): void {
    const ws = this.workspace;
    const uri = ws.currentPolicy().uri;
    const model = ws.modelFor(uri);
    if (model === undefined || this.revealed.has(uri)) return;
    this.revealed.add(uri);
    const editor = ws.policyEditor;
    const position = editor.getPosition();
    if (position !== null && (position.lineNumber !== 1 || position.column !== 1)) return;
    const count = model.getLineCount();
    let line = 1;
    while (line < count && /^\s*(#.*)?$/.test(model.getLineContent(line))) line++;
    if (line === 1) return;
    editor.setPosition({ lineNumber: line, column: 1 });
    editor.setScrollTop(editor.getTopForLineNumber(line));
  }

  /** The as-of date the checks use (ISO): the field's, when it is a real date, else the last that was. */
  asOfIso(): string {
    return parseUkDate(this.dom.asOf.value) ?? this.asOfValid;
  }

  /** Shows an ISO date in the as-of field as dd/mm/yyyy. */
  setAsOf(iso: string): void {
    this.asOfValid = iso;
    this.dom.asOf.value = formatUkDate(iso);
    this.dom.asOf.setAttribute('aria-invalid', 'false');
  }
}

export function startApp(): void {
  wireHelp();
  const app = new App(findElements());
  app.registerLanguageFeatures();
  app.wireControls();
  app.open();
}
