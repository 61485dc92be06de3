/**
 * The playground's help: the "what you can do here" panel, the keyboard shortcuts, and the language
 * reference shipped with the page.
 *
 * Input: the page's help elements (`index.html`). Output: wired controls:
 * - the panel shows on a first visit; **Got it** hides it and remembers that in `localStorage`
 *   (key `pdl.playground.intro-dismissed`); **Help** in the top bar shows it again;
 * - **Keyboard shortcuts** opens a modal dialog listing them (Escape or Close closes it, and focus
 *   returns to the button);
 * - a topic button (`data-doc-topic="deadlines"`) opens the language reference (`docs/language.md`,
 *   bundled as text and loaded on first use from the page's own origin, rendered by `markdown.ts`)
 *   in a modal dialog at that topic's heading.
 *
 * INVARIANT: nothing is fetched from outside the page's origin; storage failures (private modes) only
 * mean the panel shows again next time.
 */
import { byId, replaceChildren } from './dom.ts';

export const INTRO_KEY = 'pdl.playground.intro-dismissed';

function stored(): boolean {
  try {
    return localStorage.getItem(INTRO_KEY) === '1';
  } catch {
    return false;
  }
}

function store(dismissed: boolean): void {
  try {
    if (dismissed) localStorage.setItem(INTRO_KEY, '1');
    else localStorage.removeItem(INTRO_KEY);
  } catch {
    // Storage refused: the panel shows again next time.
  }
}

/** Opens `dialog` as a modal, giving focus back to `opener` when it closes. */
function openModal(dialog: HTMLDialogElement, opener: HTMLElement | null): void {
  if (dialog.open) return;
  dialog.showModal();
  dialog.addEventListener('close', () => opener?.focus(), { once: true });
}

let docsLoaded: Promise<void> | undefined;

/** Renders the language reference into `body` once (a chunk of its own, loaded on first use). */
function loadDocs(body: HTMLElement): Promise<void> {
  docsLoaded ??= Promise.all([import('../../docs/language.md?raw'), import('./markdown.ts')]).then(([doc, md]) => {
    replaceChildren(body, md.renderMarkdown(doc.default));
    body.addEventListener('click', (event) => {
      const link = event.target instanceof Element ? event.target.closest('a[data-doc-anchor]') : null;
      if (link === null) return;
      event.preventDefault();
      showTopic(body, link.getAttribute('data-doc-anchor') ?? '');
    });
  });
  return docsLoaded;
}

function showTopic(body: HTMLElement, topic: string): void {
  const target = body.querySelector<HTMLElement>(`#doc-${CSS.escape(topic)}`) ?? body.querySelector<HTMLElement>('h2');
  target?.scrollIntoView({ block: 'start' });
  target?.focus({ preventScroll: true });
}

/** Wires the help panel, the shortcuts dialog and the documentation dialog. */
export function wireHelp(): void {
  const intro = byId('intro', HTMLElement);
  const help = byId('help-toggle', HTMLButtonElement);
  const dismiss = byId('intro-dismiss', HTMLButtonElement);
  const shortcuts = byId('shortcuts-dialog', HTMLDialogElement);
  const docs = byId('docs-dialog', HTMLDialogElement);
  const docsBody = byId('docs-body', HTMLElement);

  const showIntro = (show: boolean): void => {
    intro.hidden = !show;
    help.setAttribute('aria-expanded', String(show));
  };
  showIntro(!stored());
  help.addEventListener('click', () => {
    const show = intro.hidden;
    showIntro(show);
    store(!show);
    if (show) byId('intro-heading', HTMLElement).focus();
  });
  dismiss.addEventListener('click', () => {
    showIntro(false);
    store(true);
    help.focus();
  });

  byId('shortcuts-open', HTMLButtonElement).addEventListener('click', (event) => openModal(shortcuts, event.currentTarget as HTMLElement));
  for (const close of document.querySelectorAll<HTMLButtonElement>('[data-close-dialog]')) {
    close.addEventListener('click', () => close.closest('dialog')?.close());
  }
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-doc-topic]')) {
    button.addEventListener('click', () => {
      const topic = button.dataset['docTopic'] ?? '';
      openModal(docs, button);
      docs.dataset['state'] = 'loading';
      loadDocs(docsBody).then(
        () => {
          docs.dataset['state'] = 'ready';
          showTopic(docsBody, topic);
        },
        (error: unknown) => {
          docs.dataset['state'] = 'problem';
          docsBody.textContent = `The reference could not be loaded: ${error instanceof Error ? error.message : String(error)}`;
        },
      );
    });
  }
}
