/**
 * Monaco's language features for PDL, wired to the playground's state: completion, hover, go to
 * definition and format document; and for the case, Monaco's JSON language pointed at the policy's
 * case schema (completion of event types and attributes, hover, validation) and the worker's
 * warnings shown in place.
 *
 * Input: a `ProviderContext` (the symbol table of the last compilation that resolved, the last
 * evaluation of the case, how to find or create the model of a policy by uri, and how to ask the
 * worker to format). Output: the providers, registered for the `pdl` language. For the case:
 * `caseSchemaSetter` (sets the JSON language's schema for the case model when it changes) and
 * `caseWarningMarkers` (warnings from `CaseMark`s).
 *
 * INVARIANT: the decisions are made by the Node-tested modules (`completion.ts`, `hover.ts`); this
 * file only converts between their plain data and Monaco's types. Hovers are Markdown with every
 * user string escaped (`hoverMarkdown`), and Monaco renders them with HTML support off.
 */
import type { EvaluationResult } from '../../runtime/index.ts';
import { completions, type CompletionKind } from './completion.ts';
import { definitionsOf, hoverInfo, hoverMarkdown, wordAt } from './hover.ts';
import type { monaco as Monaco } from './monaco.ts';
import { LANGUAGE_ID } from './pdl-language.ts';
import type { EditorSchema } from './case-schema.ts';
import type { CaseMark, SymbolTable } from './protocol.ts';

export interface ProviderContext {
  /** The symbols of the policy whose model is `model` (undefined when unknown). */
  symbolsFor(model: Monaco.editor.ITextModel): SymbolTable | undefined;
  /** The last evaluation of the case under the policy of `model`. */
  resultFor(model: Monaco.editor.ITextModel): EvaluationResult | undefined;
  /** The model of a policy file (created from its text when needed). */
  modelFor(uri: string): Monaco.editor.ITextModel | undefined;
  /** Formats a policy text in the worker; undefined when it cannot be formatted. */
  format(text: string, uri: string): Promise<string | undefined>;
}

export function registerProviders(monaco: typeof Monaco, context: ProviderContext): void {
  const kinds: Readonly<Record<CompletionKind, Monaco.languages.CompletionItemKind>> = {
    keyword: monaco.languages.CompletionItemKind.Keyword,
    role: monaco.languages.CompletionItemKind.Class,
    event: monaco.languages.CompletionItemKind.Event,
    fact: monaco.languages.CompletionItemKind.Field,
    rule: monaco.languages.CompletionItemKind.Function,
    attribute: monaco.languages.CompletionItemKind.Property,
    value: monaco.languages.CompletionItemKind.EnumMember,
  };

  monaco.languages.registerCompletionItemProvider(LANGUAGE_ID, {
    triggerCharacters: ['.'],
    provideCompletionItems(model, position) {
      const word = model.getWordUntilPosition(position);
      const range = new monaco.Range(position.lineNumber, word.startColumn, position.lineNumber, word.endColumn);
      const entries = completions(model.getValue(), position.lineNumber, position.column, context.symbolsFor(model));
      return {
        suggestions: entries.map((e, i) => ({
          label: e.label,
          kind: kinds[e.kind],
          detail: e.detail,
          insertText: e.insertText,
          range,
          sortText: String(i).padStart(4, '0'),
        })),
      };
    },
  });

  monaco.languages.registerHoverProvider(LANGUAGE_ID, {
    provideHover(model, position) {
      const offset = model.getOffsetAt(position);
      const found = wordAt(model.getValue(), offset);
      if (found === undefined) return undefined;
      const info = hoverInfo(found.word, context.symbolsFor(model), context.resultFor(model));
      if (info === undefined) return undefined;
      const start = model.getPositionAt(found.start);
      const end = model.getPositionAt(found.end);
      return {
        range: new monaco.Range(start.lineNumber, start.column, end.lineNumber, end.column),
        contents: hoverMarkdown(info).map((value) => ({ value, isTrusted: false, supportHtml: false })),
      };
    },
  });

  monaco.languages.registerDefinitionProvider(LANGUAGE_ID, {
    provideDefinition(model, position) {
      const found = wordAt(model.getValue(), model.getOffsetAt(position));
      if (found === undefined) return [];
      const locations: Monaco.languages.Location[] = [];
      for (const symbol of definitionsOf(found.word, context.symbolsFor(model))) {
        const target = context.modelFor(symbol.uri);
        if (target === undefined) continue;
        const r = symbol.range;
        locations.push({ uri: target.uri, range: new monaco.Range(r.startLine, r.startColumn, r.endLine, r.endColumn) });
      }
      return locations;
    },
  });

  monaco.languages.registerDocumentFormattingEditProvider(LANGUAGE_ID, {
    async provideDocumentFormattingEdits(model) {
      const text = model.getValue();
      const formatted = await context.format(text, uriOfModel(model));
      if (formatted === undefined || formatted === text || model.getValue() !== text) return [];
      return [{ range: model.getFullModelRange(), text: formatted }];
    },
  });
}

/** The policy uri a model stands for (`file:///policies/x.pdl` -> `policies/x.pdl`). */
export function uriOfModel(model: Monaco.editor.ITextModel): string {
  return decodeURIComponent(model.uri.path.replace(/^\/+/, ''));
}

// --- the case editor -----------------------------------------------------------------------------

/** Monaco's JSON language options (`jsonDefaults`), the part used here. */
export interface JsonLanguageDefaults {
  setDiagnosticsOptions(options: {
    readonly validate?: boolean;
    readonly allowComments?: boolean;
    readonly schemas?: readonly { readonly uri: string; readonly fileMatch?: string[]; readonly schema?: EditorSchema }[];
    readonly enableSchemaRequest?: boolean;
    readonly schemaValidation?: 'error' | 'warning' | 'ignore';
    readonly trailingCommas?: 'error' | 'warning' | 'ignore';
    readonly comments?: 'error' | 'warning' | 'ignore';
  }): void;
}

/**
 * A function that points the JSON language at a policy's case schema for every JSON model (the case
 * is the page's only one): completion of the event types and attributes, hover with their titles;
 * it does nothing when the schema is the one already set. Schemas are never fetched
 * (`enableSchemaRequest: false`).
 *
 * One problem, one marker: the worker's check of the case (the runtime's, as `pdl evaluate`'s) owns
 * every problem of the case, syntax errors included, with its own words (line and column, "did you
 * mean"); the JSON language validates nothing (`validate: false`), or each problem would have two
 * markers, one in Monaco's words and one in the runtime's.
 */
export function caseSchemaSetter(json: JsonLanguageDefaults): (schema: EditorSchema) => void {
  let current = '';
  return (schema) => {
    const text = JSON.stringify(schema);
    if (text === current) return;
    current = text;
    json.setDiagnosticsOptions({
      validate: false,
      allowComments: false,
      comments: 'error',
      trailingCommas: 'error',
      enableSchemaRequest: false,
      schemaValidation: 'error',
      // Every JSON model: the case is the page's only one.
      schemas: [{ uri: 'inmemory://pdl/case.schema.json', fileMatch: ['*'], schema }],
    });
  };
}

/** Warning markers (source `case`) for the worker's case warnings, such as events before the child's birth. */
export function caseWarningMarkers(monaco: typeof Monaco, caseModel: Monaco.editor.ITextModel, warnings: readonly CaseMark[]): Monaco.editor.IMarkerData[] {
  const length = caseModel.getValueLength();
  return warnings.map((w) => {
    const start = caseModel.getPositionAt(Math.min(w.start, length));
    const end = caseModel.getPositionAt(Math.min(Math.max(w.end, w.start), length));
    return { severity: monaco.MarkerSeverity.Warning, source: 'case', message: w.message, startLineNumber: start.lineNumber, startColumn: start.column, endLineNumber: end.lineNumber, endColumn: end.column };
  });
}
