/**
 * The view model of `pdl docs`: the document as data (`DocsView`: header, sections, groups, blocks,
 * lists and rich text), which `model.ts` builds from the IR and `markdown.ts` and `html.ts` render;
 * and the options and result of `renderPolicyDocs` (`index.ts`).
 *
 * Input: nothing (types only). INVARIANT: text is rich text (`Rich`, a list of segments: plain, code,
 * strong, link), never pre-escaped markup; each renderer escapes every segment for its format.
 */
export interface RenderDocsOptions {
  /** The policy file the document is generated from, as the do-not-edit note names it (`policies/bristol.pdl`). */
  readonly sourceFile: string;
  /**
   * The files the CLI writes, for the regeneration command in the do-not-edit note:
   * `pdl docs SOURCE --out FILE`. Without one, the command prints to standard output.
   */
  readonly out?: { readonly markdown?: string; readonly html?: string };
}

export interface PolicyDocs {
  readonly markdown: string;
  readonly html: string;
}

/** A piece of text: plain, code, strong, or a link to an anchor on the page (`#rule-x`). */
export interface Seg {
  readonly text: string;
  readonly code: boolean;
  readonly strong: boolean;
  /** `''` when not a link. */
  readonly href: string;
}

export type Rich = readonly Seg[];

/** A line of a list: a label (`Due`, `Stage 2`) and its text; `number` > 0 in numbered lists. */
export interface Line {
  readonly number: number;
  readonly label: string;
  readonly value: Rich;
}

export interface Lines {
  readonly intro: Rich;
  readonly ordered: boolean;
  readonly items: readonly Line[];
}

/** A rule, approval, limit, constraint, ladder, criterion or notification. */
export interface Block {
  readonly anchor: string;
  /** Heading level: 3 in a section, 4 in a group of a section. */
  readonly level: 3 | 4;
  readonly title: string;
  /** `inherited from ...`, or `''` for a local rule. */
  readonly tag: string;
  /** Rule id, kind, origin and where it is declared. */
  readonly meta: Rich;
  readonly paragraphs: readonly Rich[];
  readonly lists: readonly Lines[];
}

export interface Group {
  readonly anchor: string;
  readonly title: string;
  readonly paragraphs: readonly Rich[];
  /** The role's other duties (approvals, ladders). */
  readonly lists: readonly Lines[];
  readonly blocks: readonly Block[];
}

export interface Table {
  readonly head: readonly string[];
  readonly rows: readonly (readonly Rich[])[];
}

export interface Section {
  readonly anchor: string;
  readonly title: string;
  readonly paragraphs: readonly Rich[];
  readonly table?: Table;
  readonly list: readonly { readonly anchor: string; readonly value: Rich }[];
  readonly blocks: readonly Block[];
  readonly groups: readonly Group[];
}

export interface DocsView {
  readonly title: string;
  readonly note: { readonly text: Rich; readonly comment: string };
  readonly header: readonly { readonly label: string; readonly value: Rich }[];
  readonly sections: readonly Section[];
}
