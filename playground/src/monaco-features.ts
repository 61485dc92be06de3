/**
 * Monaco's editor features that the first results do not need, in a chunk of their own: find,
 * hover, completion (with the suggest widget), go to definition, format, folding, comments, bracket
 * matching, markers navigation, context menu, multi-cursor, word highlighting, line and word
 * operations, clipboard actions, cursor undo, indentation.
 *
 * Input: nothing (imported once, dynamically, by `monaco.ts` `loadEditorFeatures`). Output: the
 * features registered in Monaco's registries (editor contributions, actions, commands, keybindings,
 * menus) as their `register.js` modules do on import. `monaco.ts` then hands the new editor
 * contributions to the editors made before.
 *
 * INVARIANT: imported only through `loadEditorFeatures` (never statically), so that it is a chunk of
 * its own, fetched after the first results (docs/playground.md, "Size and speed").
 */
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

export {};
