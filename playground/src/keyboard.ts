/**
 * Keyboard access to the Monaco editors: no keyboard trap (WCAG 2.2, 2.1.2).
 *
 * Input: a standalone editor, its name ("Policy text") and the hint element under it. Output: the
 * editor wired so that
 * - Tab and Shift+Tab indent and outdent, as a policy lead expects while editing;
 * - Escape then Tab (or Shift+Tab) leaves the editor for the next (previous) control, as in VS Code;
 *   any other key after Escape puts Tab back to indenting;
 * - Ctrl+M (Ctrl+Shift+M on a Mac) switches every editor between "Tab indents" and "Tab moves focus"
 *   (Monaco's own tab-focus mode, `tabFocusMode`), for those who would rather not indent with Tab;
 * and the way out is told: in the editor's accessible name (read when it takes focus), and in a
 * visible hint under it.
 *
 * INVARIANT: the mode is the editor option `tabFocusMode` (per editor), never Monaco's global toggle,
 * so the hint always says what Tab does.
 */
import { monaco } from './monaco.ts';

/** What Tab does in every editor, switched by Ctrl+M (shared by the editors of the page). */
export class TabMode {
  private moves = false;
  private readonly editors: { readonly editor: monaco.editor.IStandaloneCodeEditor; readonly name: string; readonly hint: HTMLElement; armed: boolean }[] = [];

  constructor(private readonly onChange: (text: string) => void = () => undefined) {}

  /** True when Tab moves focus out of the editors (Ctrl+M), false when it indents. */
  get tabMovesFocus(): boolean {
    return this.moves;
  }

  /** Wires one editor. */
  attach(editor: monaco.editor.IStandaloneCodeEditor, name: string, hint: HTMLElement): void {
    const entry = { editor, name, hint, armed: false };
    this.editors.push(entry);
    const disarm = (): void => {
      if (!entry.armed) return;
      entry.armed = false;
      this.apply(entry);
    };
    editor.onKeyDown((e) => {
      if (e.keyCode === monaco.KeyCode.Escape) {
        entry.armed = true;
        this.apply(entry);
        return;
      }
      // Tab leaves while armed; a modifier alone keeps it armed (Shift for Shift+Tab).
      if (e.keyCode === monaco.KeyCode.Tab || e.keyCode === monaco.KeyCode.Shift || e.keyCode === monaco.KeyCode.Ctrl || e.keyCode === monaco.KeyCode.Alt || e.keyCode === monaco.KeyCode.Meta) return;
      disarm();
    });
    editor.onDidBlurEditorText(disarm);
    editor.onDidFocusEditorText(() => entry.hint.classList.add('focused'));
    editor.onDidBlurEditorText(() => entry.hint.classList.remove('focused'));
    const toggle = (): void => this.toggle();
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyM, toggle);
    editor.addCommand(monaco.KeyMod.WinCtrl | monaco.KeyMod.Shift | monaco.KeyCode.KeyM, toggle);
    this.apply(entry);
  }

  /** Switches what Tab does in every editor. */
  toggle(): void {
    this.moves = !this.moves;
    for (const entry of this.editors) this.apply(entry);
    this.onChange(this.moves ? 'Tab now moves focus out of the editors (Ctrl+M to indent with Tab again).' : 'Tab now indents in the editors (Escape then Tab leaves; Ctrl+M to move focus with Tab).');
  }

  private apply(entry: { readonly editor: monaco.editor.IStandaloneCodeEditor; readonly name: string; readonly hint: HTMLElement; readonly armed: boolean }): void {
    const leaves = this.moves || entry.armed;
    const text = this.moves ? tabMovesHint : entry.armed ? armedHint : indentHint;
    entry.editor.updateOptions({ tabFocusMode: leaves, ariaLabel: `${entry.name}. ${text}` });
    entry.hint.textContent = text;
    entry.hint.dataset['mode'] = this.moves ? 'moves' : entry.armed ? 'armed' : 'indents';
  }
}

export const indentHint = 'Tab indents. Press Escape then Tab to leave the editor; Ctrl+M makes Tab move focus.';
export const armedHint = 'Tab now leaves the editor (Shift+Tab goes back); any other key returns to editing.';
export const tabMovesHint = 'Tab moves focus out of the editor. Ctrl+M makes Tab indent again.';
