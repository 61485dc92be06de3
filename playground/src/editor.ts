/**
 * A plain-text editor: a `<textarea>` with a line-number gutter whose numbers are marked on lines
 * with problems.
 *
 * Input: a container element and options (label, spellcheck off). Output: a `TextEditor`, the
 * interface the rest of the playground uses, so that a richer editor (Monaco, with underlines,
 * completion and hover) can replace this one later without touching `app.ts`.
 *
 * INVARIANT: text is only ever read and written through `value` and `textContent`.
 */
import { el } from './dom.ts';

export type MarkerSeverity = 'error' | 'warning' | 'info';

/** A problem to show on a line (1-based). */
export interface LineMarker {
  readonly line: number;
  readonly severity: MarkerSeverity;
  readonly message: string;
}

export interface TextEditor {
  /** The element to put in the page. */
  readonly element: HTMLElement;
  getText(): string;
  /** Replaces the text (does not fire change listeners). */
  setText(text: string): void;
  /** Called after every edit by the user. */
  onChange(listener: () => void): void;
  /** Marks lines with problems (replaces the previous markers). */
  setMarkers(markers: readonly LineMarker[]): void;
  /** Selects the characters [start, end) (UTF-16 offsets, as compiler ranges are) and scrolls to them. */
  select(start: number, end: number): void;
  focus(): void;
}

export interface TextEditorOptions {
  /** Accessible name of the text area. */
  readonly label: string;
  readonly id?: string;
  readonly className?: string;
}

const SEVERITY_RANK: Readonly<Record<MarkerSeverity, number>> = { error: 3, warning: 2, info: 1 };

export function createTextEditor(options: TextEditorOptions): TextEditor {
  const gutter = el('div', { className: 'editor-gutter', attrs: { 'aria-hidden': 'true' } });
  const textarea = el('textarea', {
    className: 'editor-text',
    attrs: { spellcheck: 'false', autocapitalize: 'off', autocomplete: 'off', wrap: 'off', 'aria-label': options.label, ...(options.id !== undefined ? { id: options.id } : {}) },
  });
  const element = el('div', { className: `editor ${options.className ?? ''}`.trim() }, [gutter, textarea]);
  const listeners: (() => void)[] = [];
  let lineCount = 0;
  let markers: readonly LineMarker[] = [];

  const renderGutter = (): void => {
    const worst = new Map<number, LineMarker>();
    for (const m of markers) {
      const prev = worst.get(m.line);
      if (prev === undefined || SEVERITY_RANK[m.severity] > SEVERITY_RANK[prev.severity]) worst.set(m.line, m);
    }
    const lines: HTMLElement[] = [];
    for (let i = 1; i <= lineCount; i++) {
      const marker = worst.get(i);
      const line = el('div', { className: marker === undefined ? 'gutter-line' : `gutter-line marked-${marker.severity}`, text: String(i) });
      if (marker !== undefined) line.title = marker.message;
      lines.push(line);
    }
    gutter.replaceChildren(...lines);
    gutter.scrollTop = textarea.scrollTop;
  };

  const countLines = (): number => {
    let n = 1;
    const text = textarea.value;
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
    return n;
  };

  const refreshLines = (): void => {
    const n = countLines();
    if (n !== lineCount) {
      lineCount = n;
      renderGutter();
    }
  };

  textarea.addEventListener('input', () => {
    refreshLines();
    for (const listener of listeners) listener();
  });
  textarea.addEventListener('scroll', () => {
    gutter.scrollTop = textarea.scrollTop;
  });

  return {
    element,
    getText: () => textarea.value,
    setText(text: string): void {
      textarea.value = text;
      textarea.scrollTop = 0;
      refreshLines();
    },
    onChange(listener: () => void): void {
      listeners.push(listener);
    },
    setMarkers(next: readonly LineMarker[]): void {
      markers = next;
      renderGutter();
    },
    select(start: number, end: number): void {
      const length = textarea.value.length;
      const from = Math.max(0, Math.min(start, length));
      const to = Math.max(from, Math.min(end, length));
      textarea.focus();
      textarea.setSelectionRange(from, to);
      // Scroll the selection into view: the line of `from` times the line height.
      const line = textarea.value.slice(0, from).split('\n').length;
      const lineHeight = parseFloat(getComputedStyle(textarea).lineHeight) || 18;
      const top = (line - 1) * lineHeight;
      if (top < textarea.scrollTop || top > textarea.scrollTop + textarea.clientHeight - 2 * lineHeight) {
        textarea.scrollTop = Math.max(0, top - textarea.clientHeight / 3);
      }
    },
    focus: () => textarea.focus(),
  };
}
