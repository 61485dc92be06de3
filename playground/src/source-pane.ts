/**
 * The source pane: the text of the direction being encoded, beside the policy, with every phrase
 * that carries a timescale or a duty highlighted, linked to the rules that cite its paragraph, and
 * marked when nothing encodes it yet (docs/playground.md, "The source document").
 *
 * Input: the pane's elements (index.html), a way to ask the worker (`ask`: a `SourceRequest` without
 * its id), the open policy (`policy`: its text, uri and the other edited policies), and a way to show
 * a rule (`reveal`: its uri and the range of its name). The user's text arrives by paste (a text
 * area), from a local file (a file input; read with `File.text()` in the tab), or as the sample (the
 * open policy's coverage file's quotes, built in the worker).
 * Output: the highlighted text or, while editing, the text area (the **Edit text** / **Show phrases**
 * button switches); in the highlighted text each phrase is a button, one tab stop for all of them
 * (arrow keys, Home and End move between phrases); a summary line, and for the chosen phrase its status, reason and the
 * buttons that show its rules in the policy editor. Choosing a phrase shows its first rule at once.
 *
 * INVARIANT: nothing leaves the tab: the text goes to the compiler worker only, and is never put in
 * the URL, a share link, storage or a log.
 * INVARIANT (safety): the document's text becomes text nodes only (`el`), never markup.
 */
import type { SourceRange } from '../../compiler/index.ts';
import { el, replaceChildren } from './dom.ts';
import type { MatchedPhrase, PhraseStatus } from './source-match.ts';
import type { SourceRequest, SourceResponse, SourceRuleRef } from './source-protocol.ts';

export interface SourcePaneElements {
  readonly toggle: HTMLButtonElement;
  readonly pane: HTMLElement;
  readonly text: HTMLTextAreaElement;
  readonly file: HTMLInputElement;
  readonly sample: HTMLButtonElement;
  readonly edit: HTMLButtonElement;
  readonly summary: HTMLElement;
  readonly view: HTMLElement;
  readonly detail: HTMLElement;
}

export interface SourcePaneOptions {
  readonly ask: (request: Omit<SourceRequest, 'kind' | 'requestId'>, done: (response: SourceResponse) => void) => void;
  readonly policy: () => { readonly text: string; readonly uri: string; readonly overlay: Readonly<Record<string, string>> } | undefined;
  readonly reveal: (uri: string, range: SourceRange, focus: boolean) => void;
}

/** Words for each status, as the pane shows them. */
export const STATUS_WORDS: Readonly<Record<PhraseStatus, string>> = {
  encoded: 'encoded',
  partial: 'encoded in part',
  'not-encoded': 'not yet encoded',
  'out-of-scope': 'out of scope',
};

/** How long after the last keystroke (in the text area or the policy) the text is matched again (ms). */
const TYPING_DELAY_MS = 250;

export class SourcePane {
  private sourceText = '';
  private asked = 0;
  private last: SourceResponse | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private wantSample = false;
  private editing = true;

  constructor(
    private readonly dom: SourcePaneElements,
    private readonly options: SourcePaneOptions,
  ) {
    dom.toggle.addEventListener('click', () => this.setOpen(dom.pane.hidden));
    dom.text.addEventListener('input', () => {
      this.sourceText = dom.text.value;
      dom.edit.hidden = this.sourceText.trim() === '';
      this.refreshSoon();
    });
    dom.text.addEventListener('paste', () => {
      // A paste is a whole text: show it highlighted as soon as it is matched.
      setTimeout(() => {
        this.sourceText = dom.text.value;
        this.showText(false);
        this.refresh();
      }, 0);
    });
    dom.file.addEventListener('change', () => void this.readFile());
    dom.sample.addEventListener('click', () => {
      this.wantSample = true;
      this.refresh();
    });
    dom.edit.addEventListener('click', () => this.showText(!this.editing));
    dom.view.addEventListener('keydown', (event) => this.onKey(event));
    this.showText(true);
  }

  get open(): boolean {
    return !this.dom.pane.hidden;
  }

  setOpen(open: boolean): void {
    this.dom.pane.hidden = !open;
    this.dom.toggle.setAttribute('aria-expanded', String(open));
    document.querySelector('.panes')?.setAttribute('data-source', open ? 'open' : 'closed');
    if (open) {
      this.refresh();
      (this.sourceText === '' ? this.dom.text : this.dom.toggle).focus();
    }
  }

  /** Matches the text again once the edits stop for a moment (after an edit of the policy or the text); nothing while the pane is closed. */
  refreshSoon(): void {
    if (!this.open) return;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.refresh(), TYPING_DELAY_MS);
  }

  /** Matches the text again now. */
  refresh(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.open) return;
    const policy = this.options.policy();
    if (policy === undefined || (this.sourceText.trim() === '' && !this.wantSample)) {
      this.render(undefined);
      return;
    }
    const id = ++this.asked;
    const sample = this.wantSample;
    this.wantSample = false;
    this.dom.pane.dataset['state'] = 'busy';
    this.options.ask({ sourceText: this.sourceText, policyText: policy.text, uri: policy.uri, overlay: policy.overlay, ...(sample ? { sample: true } : {}) }, (response) => {
      if (id !== this.asked) return;
      if (sample && response.sample !== undefined) {
        this.sourceText = response.sample;
        this.dom.text.value = response.sample;
        if (response.sample !== '') this.showText(false);
        else response = { ...response, notes: [...response.notes, 'This policy has no coverage file, so there is no sample: paste its direction or open a text file.'] };
      }
      this.render(response);
    });
  }

  private async readFile(): Promise<void> {
    const file = this.dom.file.files?.[0];
    if (file === undefined) return;
    this.sourceText = await file.text();
    this.dom.text.value = this.sourceText;
    this.showText(false);
    this.refresh();
  }

  /** Shows the text area (editing; always when there is no text) or the highlighted text; the button switches between them. */
  private showText(editing: boolean): void {
    const empty = this.sourceText.trim() === '';
    this.editing = editing || empty;
    this.dom.text.hidden = !this.editing;
    this.dom.view.hidden = this.editing;
    this.dom.edit.hidden = empty;
    this.dom.edit.textContent = this.editing ? 'Show phrases' : 'Edit text';
  }

  private render(response: SourceResponse | undefined): void {
    this.last = response;
    const dom = this.dom;
    dom.pane.dataset['state'] = response === undefined ? 'empty' : response.problem !== undefined ? 'problem' : 'ready';
    replaceChildren(dom.detail, []);
    if (response === undefined) {
      dom.summary.textContent = 'Paste the direction’s text, open a text file, or load the coverage file’s quotes. The text stays in this tab.';
      replaceChildren(dom.view, []);
      return;
    }
    if (response.problem !== undefined || response.analysis === undefined) {
      dom.summary.textContent = `The text could not be matched: ${response.problem ?? 'no answer'}.`;
      replaceChildren(dom.view, []);
      return;
    }
    const a = response.analysis;
    const c = a.counts;
    const parts = [`${a.phrases.length} phrase${a.phrases.length === 1 ? '' : 's'} with a timescale or a duty: ${c.encoded} encoded, ${c.partial} in part, ${c.notEncoded} not yet encoded, ${c.outOfScope} out of scope.`];
    if (response.coverage !== undefined) parts.push(`${response.coverage.found} of the ${response.coverage.statements} quotes of ${response.coverage.uri} found in the text.`);
    parts.push(...response.notes);
    dom.summary.textContent = parts.join(' ');
    dom.view.dataset['phrases'] = String(a.phrases.length);
    replaceChildren(dom.view, this.renderText(this.sourceText, response));
  }

  /** The text, block by block, each phrase a button (one tab stop: the first phrase). */
  private renderText(text: string, response: SourceResponse): HTMLElement[] {
    const analysis = response.analysis;
    if (analysis === undefined) return [];
    const out: HTMLElement[] = [];
    let next = 0;
    analysis.paragraphs.forEach((paragraph, index) => {
      const children: (Node | string)[] = [el('span', { className: 'source-locator', text: paragraph.locator, attrs: { title: 'The locator a cite would name' } })];
      let at = paragraph.start;
      for (; next < analysis.phrases.length; next++) {
        const phrase = analysis.phrases[next];
        if (phrase === undefined || phrase.paragraph !== index) break;
        if (phrase.start > at) children.push(text.slice(at, phrase.start));
        children.push(this.phraseButton(phrase, next, response));
        at = phrase.end;
      }
      if (paragraph.end > at) children.push(text.slice(at, paragraph.end));
      const block = el('p', { className: `source-block source-${paragraph.kind}`, attrs: { 'data-locator': paragraph.locator } }, children);
      out.push(block);
    });
    return out;
  }

  private phraseButton(phrase: MatchedPhrase, index: number, response: SourceResponse): HTMLButtonElement {
    const rules = phrase.rules.length === 0 ? '' : `; ${phrase.rules.join(', ')}`;
    const button = el('button', { className: `source-phrase source-${phrase.kind}`, attrs: { type: 'button', 'data-status': phrase.status, 'data-index': String(index), tabindex: index === 0 ? '0' : '-1', title: `${STATUS_WORDS[phrase.status]}: ${phrase.reason}` } }, [
      phrase.text,
      el('span', { className: 'visually-hidden', text: ` (${phrase.kind}, ${STATUS_WORDS[phrase.status]}${rules})` }),
    ]);
    button.addEventListener('click', () => this.choose(phrase, index, response));
    return button;
  }

  /** Shows a phrase's detail, and its first rule in the editor (without taking the focus). */
  private choose(phrase: MatchedPhrase, index: number, response: SourceResponse): void {
    for (const b of this.dom.view.querySelectorAll<HTMLButtonElement>('.source-phrase')) {
      const chosen = b.dataset['index'] === String(index);
      b.setAttribute('aria-current', String(chosen));
      b.tabIndex = chosen ? 0 : -1;
    }
    const rules = phrase.rules.map((name) => response.rules.find((r) => r.name === name)).filter((r): r is SourceRuleRef => r !== undefined);
    const first = rules[0];
    if (first !== undefined) this.options.reveal(first.uri, first.range, false);
    const items = rules.map((r) => {
      const show = el('button', { className: 'source-show', attrs: { type: 'button', 'data-rule': r.name }, text: `Show ${r.name}` });
      show.addEventListener('click', () => this.options.reveal(r.uri, r.range, true));
      const where = r.own ? '' : ` (inherited from ${r.policy})`;
      return el('li', {}, [show, ` ${r.ruleKind}${where}${r.cite !== '' ? `, cite "${r.cite}"` : ''}`]);
    });
    replaceChildren(this.dom.detail, [
      el('p', { className: 'source-detail-head' }, [el('strong', { text: phrase.text }), ` · ${phrase.locator === '' ? 'no paragraph' : phrase.locator} · `, el('span', { className: 'source-status', attrs: { 'data-status': phrase.status }, text: STATUS_WORDS[phrase.status] })]),
      el('p', { text: phrase.reason }),
      items.length > 0 ? el('ul', { className: 'source-rules', attrs: { 'aria-label': 'Rules linked to this phrase' } }, items) : el('p', { className: 'muted', text: 'No rule is linked to this phrase yet: add one citing its paragraph.' }),
    ]);
    this.dom.detail.dataset['status'] = phrase.status;
  }

  /** Arrow keys, Home and End move between the phrases (one tab stop for all of them). */
  private onKey(event: KeyboardEvent): void {
    const target = event.target;
    if (!(target instanceof HTMLButtonElement) || !target.classList.contains('source-phrase')) return;
    const buttons = [...this.dom.view.querySelectorAll<HTMLButtonElement>('.source-phrase')];
    const at = buttons.indexOf(target);
    let to = at;
    if (event.key === 'ArrowRight' || event.key === 'ArrowDown') to = Math.min(buttons.length - 1, at + 1);
    else if (event.key === 'ArrowLeft' || event.key === 'ArrowUp') to = Math.max(0, at - 1);
    else if (event.key === 'Home') to = 0;
    else if (event.key === 'End') to = buttons.length - 1;
    else return;
    event.preventDefault();
    const button = buttons[to];
    if (button === undefined) return;
    for (const b of buttons) b.tabIndex = b === button ? 0 : -1;
    button.focus();
  }

  /** The last answer shown (for tests through the page's events). */
  get response(): SourceResponse | undefined {
    return this.last;
  }
}
