/**
 * The per-rule-kind part of the `pdl docs` view model, looked up by kind: each kind's compiler module
 * (`compiler/kinds/<kind>.ts`, its `docs`) turns one IR item of the kind into its `Block` (title, meta
 * line, paragraphs and lists in plain English), may give the kind a section of its own, and may say
 * what its items make roles do.
 *
 * Input: an IR item, a `KindContext` (the `Speaker` and the block frame of `model.ts`: anchor, tag,
 * meta, merged lists) and the heading level. Output: a `Block`.
 */
import type { IrAnyRule } from '../../../runtime/ir.ts';
import type { RuleKind } from '../../ast/types.ts';
import { kindModule } from '../../kinds/index.ts';
import type { IrOfKind } from '../../kinds/types.ts';
import type { Speaker } from './speaker.ts';
import type { Block, Lines, Rich } from './view.ts';

export type { RuleKind };

/** The IR item of each rule kind. */
export type IrItemByKind = { readonly [K in RuleKind]: IrOfKind<K> };

/** What a kind's view needs from the document being built. */
export interface KindContext {
  readonly say: Speaker;
  /** The block of an item: anchor, title, inherited tag and meta line around the given paragraphs and lists. */
  block(item: IrAnyRule, kind: RuleKind, level: 3 | 4, paragraphs: readonly Rich[], lists: readonly Lines[]): Block;
}

/** One kind's view: an item of the kind -> its block (`level` 4 inside a role's group, else 3). */
export type KindView<K extends RuleKind> = (item: IrOfKind<K>, ctx: KindContext, level: 3 | 4) => Block;

/** The block of any item, looked up by its kind. */
export function kindBlock(item: IrAnyRule, ctx: KindContext, level: 3 | 4): Block {
  return kindModule(item.kind).docs.view(item, ctx, level);
}
