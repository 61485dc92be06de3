/**
 * The playground's workspace: the policies on offer (bundled, the example local policy, and any a
 * share link brings) with one Monaco model each, the policy and case editors, the sample cases (an
 * edited sample keeps its text while another is open), and which policy and sample are open.
 *
 * Input: the page's elements (the editor hosts and the two pickers) and `onEdit`, called on every
 * edit of a policy (with its uri and Monaco's changes). Output: the editors and models, and the operations on them
 * (`openPolicy`, `loadSample`, `setCaseText`, `resetPolicy`, `resetCase`, `openShared`,
 * `revealPolicyLine`, `edited`), and the texts a share link's changes are taken against (`shareBases`).
 *
 * INVARIANT: a policy's model is made once, from its bundled text, on first use, and keeps its edits
 * while another policy is open; `edited()` is exactly the policies whose text differs from the
 * bundled one (a policy from a share link counts as edited).
 */
import { BUNDLED_POLICIES, BUNDLED_SAMPLES } from './bundled.ts';
import { el } from './dom.ts';
import { policyEntry, type PolicyEntry } from './host.ts';
import { CASE_LANGUAGE_ID, monaco, themeName } from './monaco.ts';
import { LANGUAGE_ID } from './pdl-language.ts';
import { uriOfModel } from './providers.ts';
import { EXAMPLE_LOCAL_POLICY, EXAMPLE_LOCAL_URI, type SampleEntry } from './samples.ts';
import type { ShareBases } from './share.ts';

/** The elements the workspace owns. */
export interface WorkspaceElements {
  readonly policySelect: HTMLSelectElement;
  readonly policyNote: HTMLElement;
  readonly policyHost: HTMLElement;
  readonly sampleSelect: HTMLSelectElement;
  readonly caseHost: HTMLElement;
}

/** A policy's name in the menu: its title (the id when it has none); the id is the option's tooltip and `data-policy-id`. */
function policyLabel(entry: PolicyEntry): string {
  return entry.title ?? entry.id ?? entry.uri;
}

const EDITOR_OPTIONS: monaco.editor.IStandaloneEditorConstructionOptions = {
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

/** A new, blank case. */
function blankCase(): string {
  return JSON.stringify({ id: 'case-1', child: { dob: '2015-01-01' }, facts: {}, events: [] }, null, 2) + '\n';
}

export class Workspace {
  /** The bundled text of each policy ('' for one a share link brought). */
  private readonly bundled = new Map<string, string>(BUNDLED_POLICIES.map((p) => [p.uri, p.text]));
  readonly policies: PolicyEntry[] = [...BUNDLED_POLICIES, policyEntry(EXAMPLE_LOCAL_URI, EXAMPLE_LOCAL_POLICY)];
  readonly samples: readonly SampleEntry[] = BUNDLED_SAMPLES;
  readonly models = new Map<string, monaco.editor.ITextModel>();
  readonly policyEditor: monaco.editor.IStandaloneCodeEditor;
  readonly caseModel: monaco.editor.ITextModel;
  readonly caseEditor: monaco.editor.IStandaloneCodeEditor;
  /** The results' rows the user expanded (cleared when another sample is loaded). */
  readonly expanded = new Set<string>();
  private readonly caseBuffers = new Map<string, string>();
  private readonly viewStates = new Map<string, monaco.editor.ICodeEditorViewState | null>();
  private policyIndex = 0;
  private sampleIndex = 0;
  private sharedCaseLabel: string | undefined;

  constructor(
    private readonly dom: WorkspaceElements,
    private readonly onEdit: (uri: string, changes: readonly monaco.editor.IModelContentChange[]) => void,
  ) {
    this.bundled.set(EXAMPLE_LOCAL_URI, EXAMPLE_LOCAL_POLICY);
    const options = { ...EDITOR_OPTIONS, theme: themeName() };
    this.policyEditor = monaco.editor.create(dom.policyHost, { ...options, ariaLabel: 'Policy text' });
    this.caseModel = monaco.editor.createModel('', CASE_LANGUAGE_ID, monaco.Uri.from({ scheme: 'inmemory', path: '/case.json' }));
    this.caseEditor = monaco.editor.create(dom.caseHost, { ...options, model: this.caseModel, ariaLabel: 'Case JSON', lineNumbers: 'on', folding: true });
    this.renderPolicyOptions();
    this.renderSampleOptions();
  }

  /** The model of the policy `uri`, made on first use; undefined for a policy not on offer. */
  readonly modelFor = (uri: string): monaco.editor.ITextModel | undefined => {
    const existing = this.models.get(uri);
    if (existing !== undefined) return existing;
    const text = this.bundled.get(uri) ?? this.policies.find((p) => p.uri === uri)?.text;
    if (text === undefined) return undefined;
    const model = monaco.editor.createModel(text, LANGUAGE_ID, monaco.Uri.from({ scheme: 'file', path: `/${uri}` }));
    // An edit of the open policy, or of a parent (its children's results change too).
    model.onDidChangeContent((event) => this.onEdit(uri, event.changes));
    this.models.set(uri, model);
    return model;
  };

  /** The text a policy was loaded with (bundled, or the example local policy); undefined for one a share link brought. */
  loadedText(uri: string): string | undefined {
    const text = this.bundled.get(uri);
    return text === undefined || text === '' ? undefined : text;
  }

  /** What share links are changes of: the policies as loaded (none for one a link brought), the sample cases and the blank case. */
  shareBases(): ShareBases {
    return {
      policy: (uri) => this.loadedText(uri),
      cases: [...this.samples.map((s) => ({ key: s.file, text: s.text })), { key: 'blank', text: blankCase() }],
    };
  }

  /** Shows line `line` of the open policy (clamped to its last line) in the middle of the editor, selected. */
  revealPolicyLine(line: number): void {
    const model = this.policyEditor.getModel();
    if (model === null) return;
    const n = Math.min(Math.max(1, line), model.getLineCount());
    this.policyEditor.setSelection(new monaco.Selection(n, 1, n, model.getLineMaxColumn(n)));
    this.policyEditor.revealLineInCenter(n);
  }

  /** The texts of the policies that differ from their bundled text, by uri. */
  edited(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [uri, model] of this.models) {
      const text = model.getValue();
      if (this.bundled.get(uri) !== text) out[uri] = text;
    }
    return out;
  }

  currentPolicy(): PolicyEntry {
    const entry = this.policies[this.policyIndex] ?? this.policies[0];
    if (entry === undefined) throw new Error('playground: no policies were bundled');
    return entry;
  }

  /** The index of the policy `id` in the list, or -1. */
  indexOfPolicy(predicate: (entry: PolicyEntry) => boolean): number {
    return this.policies.findIndex(predicate);
  }

  private currentSampleKey(): string {
    return this.samples[this.sampleIndex]?.file ?? 'blank';
  }

  private renderPolicyOptions(): void {
    this.dom.policySelect.replaceChildren(...this.policies.map((p, i) => el('option', { attrs: { value: String(i), title: `${p.id ?? p.uri} (${p.uri})`, 'data-policy-id': p.id ?? '' }, text: policyLabel(p) })));
    this.dom.policySelect.value = String(this.policyIndex);
  }

  private renderSampleOptions(): void {
    this.dom.sampleSelect.replaceChildren(
      ...this.samples.map((s, i) => el('option', { attrs: { value: String(i) }, text: s.title })),
      el('option', { attrs: { value: 'blank' }, text: 'Blank case' }),
      ...(this.sharedCaseLabel !== undefined ? [el('option', { attrs: { value: 'shared' }, text: this.sharedCaseLabel })] : []),
    );
  }

  /** Opens the policy at `index` in the policy editor (keeping the scroll and cursor of the one it leaves). */
  openPolicy(index: number): void {
    const before = this.policyEditor.getModel();
    if (before !== null) this.viewStates.set(uriOfModel(before), this.policyEditor.saveViewState());
    this.policyIndex = index;
    const entry = this.currentPolicy();
    const model = this.modelFor(entry.uri);
    if (model === undefined) return;
    this.policyEditor.setModel(model);
    const state = this.viewStates.get(entry.uri);
    if (state !== undefined && state !== null) this.policyEditor.restoreViewState(state);
    this.dom.policySelect.value = String(index);
    this.dom.policyNote.textContent = entry.uri;
  }

  /** Puts the open policy back to its bundled text. */
  resetPolicy(): void {
    const entry = this.currentPolicy();
    const model = this.modelFor(entry.uri);
    const text = this.bundled.get(entry.uri) ?? entry.text;
    if (model !== undefined && model.getValue() !== text) model.setValue(text);
  }

  setCaseText(text: string): void {
    if (this.caseModel.getValue() !== text) this.caseModel.setValue(text);
  }

  /** Opens the sample at `index` (`samples.length`: the blank case), with its edits if it was edited before. */
  loadSample(index: number): void {
    this.caseBuffers.set(this.currentSampleKey(), this.caseModel.getValue());
    this.sampleIndex = index;
    const sample = this.samples[index];
    this.setCaseText(this.caseBuffers.get(this.currentSampleKey()) ?? sample?.text ?? blankCase());
    this.dom.sampleSelect.value = sample === undefined ? 'blank' : String(index);
    this.expanded.clear();
  }

  /** Puts the open sample back to its bundled text. */
  resetCase(): void {
    this.caseBuffers.delete(this.currentSampleKey());
    this.setCaseText(this.samples[this.sampleIndex]?.text ?? blankCase());
  }

  /** The first sample (or the blank case), as when the page opens. */
  openFirstSample(): void {
    this.setCaseText(this.samples[0]?.text ?? blankCase());
    this.dom.sampleSelect.value = this.samples.length > 0 ? '0' : 'blank';
  }

  /** A share link's policies (new ones are added to the list, as edited) and case, opening `open`. */
  openShared(policies: Readonly<Record<string, string>>, open: string, caseText: string): void {
    for (const [uri, text] of Object.entries(policies)) {
      if (!this.policies.some((p) => p.uri === uri)) {
        this.policies.push(policyEntry(uri, text));
        this.bundled.set(uri, '');
      }
      const model = this.modelFor(uri);
      if (model !== undefined && model.getValue() !== text) model.setValue(text);
    }
    this.renderPolicyOptions();
    const index = this.policies.findIndex((p) => p.uri === open);
    this.openPolicy(index >= 0 ? index : this.policyIndex);
    this.sharedCaseLabel = 'Case from the share link';
    this.renderSampleOptions();
    this.sampleIndex = this.samples.length + 1;
    this.setCaseText(caseText);
    this.dom.sampleSelect.value = 'shared';
  }
}
