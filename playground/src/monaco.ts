/**
 * Monaco, loaded with only what the playground uses: the editor core, a chosen set of editor
 * features (find, hover, completion, go to definition, format, folding, comments, bracket matching,
 * markers navigation, context menu, multi-cursor, word highlighting...), PDL as a Monarch tokenizer,
 * and Monaco's JSON language for the case (its language service, in its own worker, completes,
 * hovers and validates the case against the policy's case schema: see `providers.ts`).
 *
 * Input: nothing. Output: the `monaco` API object, with `MonacoEnvironment.getWorker` set to Monaco's
 * own editor worker, or its JSON worker for the `json` language (bundled by Vite through `?worker`
 * imports, so they are served from the page's own origin), the `pdl` and `json` languages
 * registered, `jsonDefaults` (the JSON language's options), and the playground's colour themes.
 *
 * INVARIANT: imported only by the page (never by the compiler worker or the Node tests).
 */
import * as monaco from 'monaco-editor/editor/editor.api.js';
import 'monaco-editor/features/bracketMatching/register.js';
import 'monaco-editor/features/clipboard/register.js';
import 'monaco-editor/features/comment/register.js';
import 'monaco-editor/features/contextmenu/register.js';
import 'monaco-editor/features/cursorUndo/register.js';
import 'monaco-editor/features/find/register.js';
import 'monaco-editor/features/folding/register.js';
import 'monaco-editor/features/format/register.js';
import 'monaco-editor/features/gotoError/register.js';
import 'monaco-editor/features/gotoSymbol/register.js';
import 'monaco-editor/features/hover/register.js';
import 'monaco-editor/features/indentation/register.js';
import 'monaco-editor/features/linesOperations/register.js';
import 'monaco-editor/features/multicursor/register.js';
import 'monaco-editor/features/suggest/register.js';
// The suggest widget itself (the feature above registers inline suggestions only).
import 'monaco-editor/editor/contrib/suggest/browser/suggestController.js';
import 'monaco-editor/features/wordHighlighter/register.js';
import 'monaco-editor/features/wordOperations/register.js';
import EditorWorker from 'monaco-editor/editor/editor.worker.js?worker';
// The JSON language (registered on import; its language service loads when a JSON model is made).
import { jsonDefaults } from 'monaco-editor/languages/features/json/register.js';
import JsonWorker from 'monaco-editor/language/json/json.worker.js?worker';
import { LANGUAGE_ID, PDL_CONFIGURATION, PDL_MONARCH } from './pdl-language.ts';

/** The case editor's language: Monaco's JSON, driven by the policy's case schema. */
export const CASE_LANGUAGE_ID = 'json';

self.MonacoEnvironment = {
  getWorker: (_workerId: string, label: string) => (label === 'json' ? new JsonWorker({ name: 'monaco-json' }) : new EditorWorker({ name: 'monaco-editor' })),
};

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
