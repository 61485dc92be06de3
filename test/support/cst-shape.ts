/**
 * A parse as plain data, to compare two parsers of the grammar (a table-driven and a computing
 * lookahead, a restored and a recorded grammar): `parseWith` runs `policyFile` of a parser on tokens
 * and returns its CST as `shape` prints it (node names, child labels, recovered nodes, and each
 * token's type, image and offset) and its errors as text (name, message, offset, rule stack).
 */
import type { CstElement, CstNode, IToken } from 'chevrotain';
import type { PdlParser } from '../../grammar/parser.ts';

/** A CST as plain text: node names, child labels, and each token's type, image and offset. */
export function shape(element: CstElement): unknown {
  if ('tokenType' in element) return `${element.tokenType.name}:${element.image}@${element.startOffset}`;
  const node = element as CstNode;
  return { name: node.name, recovered: node.recoveredNode === true, children: Object.fromEntries(Object.entries(node.children).map(([key, list]) => [key, list.map(shape)])) };
}

/** `policyFile` of `parser` on `tokens`: its CST's shape and its errors. */
export function parseWith(parser: PdlParser, tokens: IToken[]): { cst: unknown; errors: string[] } {
  parser.input = tokens;
  const cst = parser.policyFile();
  return { cst: shape(cst), errors: parser.errors.map((e) => `${e.name}: ${e.message} @${e.token.startOffset} [${e.context.ruleStack.join('>')}]`) };
}
