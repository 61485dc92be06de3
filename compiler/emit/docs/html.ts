/**
 * The HTML renderer of `pdl docs`: a `DocsView` -> a complete, self-contained HTML page, through the
 * Handlebars templates of `templates.ts` (compiled once, on first use).
 *
 * Input: the view model (`view.ts`). Output: HTML text.
 * INVARIANT: every string passes through Handlebars' `{{ }}` escaping; no script, no external
 * resource; only the built-in helpers (`knownHelpersOnly`).
 */
import Handlebars from 'handlebars';
import { BLOCK_PARTIAL, LINES_PARTIAL, PAGE_TEMPLATE, RICH_PARTIAL } from './templates.ts';
import type { DocsView } from './view.ts';

let page: Handlebars.TemplateDelegate<DocsView> | undefined;

function pageTemplate(): Handlebars.TemplateDelegate<DocsView> {
  if (page !== undefined) return page;
  const hb = Handlebars.create();
  const options = { knownHelpersOnly: true, noEscape: false };
  hb.registerPartial('rich', hb.compile(RICH_PARTIAL, options));
  hb.registerPartial('lines', hb.compile(LINES_PARTIAL, options));
  hb.registerPartial('block', hb.compile(BLOCK_PARTIAL, options));
  page = hb.compile<DocsView>(PAGE_TEMPLATE, options);
  return page;
}

export function renderHtml(view: DocsView): string {
  return pageTemplate()(view);
}
