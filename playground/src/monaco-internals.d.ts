/**
 * Types for the one part of Monaco's internals the playground reads: the registry of editor
 * contributions (`vs/editor/browser/editorExtensions.js`, which monaco-editor ships without
 * declarations), used by `monaco.ts` to give the editor features loaded after the first results to
 * the editors made before them.
 *
 * Input: nothing. Output: declarations for TypeScript only (no code).
 */
declare module 'monaco-editor/editor/browser/editorExtensions.js' {
  /** One registered editor contribution: its id, its class, and when an editor makes it. */
  export interface EditorContributionDescription {
    readonly id: string;
    readonly ctor: unknown;
    readonly instantiation: number;
  }
  export const EditorExtensionsRegistry: {
    getEditorContributions(): EditorContributionDescription[];
  };
}
