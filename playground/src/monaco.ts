/**
 * Monaco, in two steps. At once: the editor core (`editor.api`: models, editors, typing, undo,
 * markers, the language registries), the few services the features use (see below), PDL as a Monarch tokenizer, the JSON language's registration
 * (a few lines: its language service is not loaded), the workers' factory and the playground's
 * colour themes. After the first results (`loadEditorFeatures`, a chunk of its own:
 * `monaco-features.ts`): the editor features (find, hover, completion, go to definition, format,
 * folding, markers navigation, context menu, multi-cursor, word highlighting...), given to the
 * editors already made; then (`loadCaseLanguage`) Monaco's JSON language for the case, whose
 * language service (a chunk) and worker load when the case model becomes `json`.
 *
 * Input: nothing. Output: the `monaco` API object, with `MonacoEnvironment.getWorker` set to Monaco's
 * own editor worker, or its JSON worker for the `json` language (bundled by Vite through `?worker`
 * imports, so they are served from the page's own origin), the `pdl` language registered,
 * `jsonDefaults` (the JSON language's options), the playground's colour themes, and the two loaders.
 *
 * Why the features need a hand: Monaco gives an editor the contributions registered when it is made
 * (`CodeEditorWidget`'s constructor reads the registry once; "the editor instantiates them whenever
 * an editor gets instantiated", microsoft/monaco-editor#1106), and has no public API to add one to
 * an existing editor. `attachContributions` does what that constructor does for the contributions
 * registered since: it puts each in the editor's list of pending contributions and makes it. It
 * checks the (private) shape it relies on and says so in the console when a new Monaco changes it;
 * the browser test `test/e2e/deferred.e2e.test.ts` fails then (no completion after the load). The
 * same holds for services: Monaco's standalone services are fixed when the first editor is made, so
 * the modules that register the services the features ask for are imported at once (a feature added
 * to `monaco-features.ts` that asks for another fails its browser test with "depends on UNKNOWN
 * service": import that service's module here). The features' "editor features" (Monaco's
 * `registerEditorFeature`: inline completions from the suggest list, word highlights across
 * editors) are made at that moment too, so the playground goes without them; it uses neither.
 *
 * INVARIANT: imported only by the page (never by the compiler worker or the Node tests).
 * INVARIANT: nothing typed is lost while the features load: the text lives in the models, which the
 * features never replace; the editors are kept (not made again), with their cursor, focus and undo.
 */
import * as monaco from 'monaco-editor/editor/editor.api.js';
import { EditorExtensionsRegistry, type EditorContributionDescription } from 'monaco-editor/editor/browser/editorExtensions.js';
// The services the deferred features ask for (`registerSingleton` in their modules). Monaco's
// standalone services take the singletons registered when the first editor is made, and none after,
// so these few modules load at once; the features themselves load later (`loadEditorFeatures`).
import 'monaco-editor/editor/contrib/gotoError/browser/markerNavigationService.js';
import 'monaco-editor/editor/contrib/gotoSymbol/browser/symbolNavigation.js';
import 'monaco-editor/editor/contrib/inlayHints/browser/inlayHintsController.js';
import 'monaco-editor/editor/contrib/peekView/browser/peekView.js';
import 'monaco-editor/editor/contrib/suggest/browser/suggestMemory.js';
import 'monaco-editor/platform/actionWidget/browser/actionWidget.js';
import EditorWorker from 'monaco-editor/editor/editor.worker.js?worker';
// The JSON language's registration only: its language service (`jsonMode`) is a dynamic import of
// Monaco's, made when a model first has the language `json` (`loadCaseLanguage`).
import { jsonDefaults } from 'monaco-editor/languages/features/json/register.js';
import JsonWorker from 'monaco-editor/language/json/json.worker.js?worker';
import { LANGUAGE_ID, PDL_CONFIGURATION, PDL_MONARCH } from './pdl-language.ts';

/** The case model's language when it is made: plain text, until `loadCaseLanguage` makes it JSON. */
export const CASE_LANGUAGE_ID = 'plaintext';
/** The case editor's language once loaded: Monaco's JSON, driven by the policy's case schema. */
export const CASE_JSON_LANGUAGE_ID = 'json';

self.MonacoEnvironment = {
  getWorker: (_workerId: string, label: string) => (label === 'json' ? new JsonWorker({ name: 'monaco-json' }) : new EditorWorker({ name: 'monaco-editor' })),
};

/** The list of contributions each editor keeps (private in Monaco: `CodeEditorContributions`), the part used here. */
interface EditorContributionList {
  readonly _pending: Map<string, EditorContributionDescription>;
  readonly _instances: { get(id: string): unknown };
  _instantiateById(id: string): void;
}

function contributionListOf(editor: monaco.editor.ICodeEditor): EditorContributionList | undefined {
  const list = (editor as unknown as { _contributions?: unknown })._contributions;
  if (typeof list !== 'object' || list === null) return undefined;
  const candidate = list as Partial<EditorContributionList>;
  const shaped = candidate._pending instanceof Map && typeof candidate._instantiateById === 'function' && typeof candidate._instances?.get === 'function';
  return shaped ? (candidate as EditorContributionList) : undefined;
}

/**
 * Gives `editor` the contributions of `descriptions` it does not have yet, made at once, in order;
 * false (and a console error) when the editor's private list does not have the expected shape.
 */
export function attachContributions(editor: monaco.editor.ICodeEditor, descriptions: readonly EditorContributionDescription[]): boolean {
  const list = contributionListOf(editor);
  if (list === undefined) {
    console.error('playground: this version of Monaco keeps editor contributions differently; the editor features are not attached to the editors already made');
    return false;
  }
  for (const description of descriptions) {
    if (list._instances.get(description.id) !== undefined || list._pending.has(description.id)) continue;
    list._pending.set(description.id, description);
    list._instantiateById(description.id);
  }
  return true;
}

let featuresLoaded: Promise<void> | undefined;

/**
 * Loads the editor features (once; later calls return the same promise) and gives their
 * contributions to every editor already made (editors made later get them from Monaco itself).
 * The keybinding resolver, which Monaco builds once from the keybindings registered by then, is
 * rebuilt, so the features' keys (Ctrl+Space, F12, F8, Shift+Alt+F...) work in the editors too.
 */
export function loadEditorFeatures(): Promise<void> {
  featuresLoaded ??= (async () => {
    const before = new Set(EditorExtensionsRegistry.getEditorContributions().map((d) => d.id));
    await import('./monaco-features.ts');
    const added = EditorExtensionsRegistry.getEditorContributions().filter((d) => !before.has(d.id));
    for (const editor of monaco.editor.getEditors()) attachContributions(editor, added);
    // An empty set of rules: `addKeybindingRules` rebuilds the resolver, with the features' defaults.
    monaco.editor.addKeybindingRules([]);
  })();
  return featuresLoaded;
}

/**
 * Makes `model` a JSON model (Monaco's JSON language: highlighting, and its language service,
 * loaded now, with its worker: completion, hover and validation against `jsonDefaults`' schema).
 * Its text, undo and markers are kept. After the editor features, so that the JSON language's own
 * import of Monaco's editor contributions does not reach the editors (they keep the chosen set).
 */
export async function loadCaseLanguage(model: monaco.editor.ITextModel): Promise<void> {
  await loadEditorFeatures();
  if (!model.isDisposed() && model.getLanguageId() !== CASE_JSON_LANGUAGE_ID) monaco.editor.setModelLanguage(model, CASE_JSON_LANGUAGE_ID);
}

monaco.languages.register({ id: LANGUAGE_ID, extensions: ['.pdl'], aliases: ['PDL'] });
monaco.languages.setMonarchTokensProvider(LANGUAGE_ID, PDL_MONARCH);
monaco.languages.setLanguageConfiguration(LANGUAGE_ID, PDL_CONFIGURATION);

const rules = (dark: boolean): monaco.editor.ITokenThemeRule[] => [
  { token: 'keyword.declaration', foreground: dark ? 'c586c0' : '8a2e9c', fontStyle: 'bold' },
  { token: 'keyword', foreground: dark ? '569cd6' : '1d4fb8' },
  { token: 'type.identifier', foreground: dark ? '4ec9b0' : '1f6f5c', fontStyle: 'bold' },
  { token: 'type', foreground: dark ? '4ec9b0' : '267f99' },
  { token: 'identifier', foreground: dark ? '9cdcfe' : '1b1f24' },
  { token: 'string', foreground: dark ? 'ce9178' : 'a31515' },
  { token: 'string.invalid', foreground: dark ? 'f48771' : 'cd3131', fontStyle: 'underline' },
  { token: 'number', foreground: dark ? 'b5cea8' : '098658' },
  { token: 'number.date', foreground: dark ? 'dcdcaa' : '795e26' },
  { token: 'number.time', foreground: dark ? 'dcdcaa' : '795e26' },
  { token: 'comment', foreground: dark ? '6a9955' : '5b6b5b', fontStyle: 'italic' },
  { token: 'operator', foreground: dark ? 'd4d4d4' : '444444' },
];
monaco.editor.defineTheme('pdl-light', { base: 'vs', inherit: true, rules: rules(false), colors: {} });
monaco.editor.defineTheme('pdl-dark', { base: 'vs-dark', inherit: true, rules: rules(true), colors: {} });

/** The theme that matches the system's colour scheme. */
export function themeName(): string {
  return typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches ? 'pdl-dark' : 'pdl-light';
}

export { jsonDefaults, monaco };
