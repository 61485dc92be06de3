/**
 * The entry of `pdl docs`: `renderPolicyDocs(ir, options)` -> `{ markdown, html }`, the same document
 * twice, from one view model (`model.ts`) rendered by `markdown.ts` and `html.ts`.
 *
 * Input: a policy's IR (every `extends` merged in) and its source file's name. Output: Markdown text
 * and a complete HTML page. INVARIANT: deterministic and browser-safe (see `model.ts`).
 */
import type { PolicyIR } from '../../../runtime/ir.ts';
import { renderHtml } from './html.ts';
import { renderMarkdown } from './markdown.ts';
import { ViewBuilder } from './model.ts';
import type { PolicyDocs, RenderDocsOptions } from './view.ts';

export { buildDocsView } from './model.ts';
export { kindBlock, type IrItemByKind, type KindContext, type KindView, type RuleKind } from './kinds.ts';
export { markdownText, renderMarkdown } from './markdown.ts';
export { renderHtml } from './html.ts';
export { durationText, plainDate } from './text.ts';
export type { Block, DocsView, Group, Line, Lines, PolicyDocs, RenderDocsOptions, Rich, Section, Seg, Table } from './view.ts';

/** Renders a policy as a practice direction, in Markdown and in HTML. */
export function renderPolicyDocs(ir: PolicyIR, options: RenderDocsOptions): PolicyDocs {
  const builder = new ViewBuilder(ir, options);
  return { markdown: renderMarkdown(builder.build('markdown')), html: renderHtml(builder.build('html')) };
}
