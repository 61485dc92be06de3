/** IR -> text: stable, pretty-printed JSON (keys in declaration order), for golden files and `pdl compile --ir`. */
import type { PolicyIR } from '../../runtime/ir.ts';

export function printIr(ir: PolicyIR): string {
  return `${JSON.stringify(ir, null, 2)}\n`;
}
