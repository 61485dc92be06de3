/**
 * Writes the generated grammar files: `grammar/generated/cst.d.ts`, the CST node types of the parser
 * (`generateCstDts`), and `grammar/generated/lookahead.ts`, the parser's lookahead table.
 * Run with `npm run gen:cst` after changing the grammar; tests fail when either file is stale.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { cstTypesSource, lookaheadTableSource } from './cst-dts.ts';

for (const [name, source] of [['cst.d.ts', cstTypesSource()], ['lookahead.ts', lookaheadTableSource()]] as const) {
  const target = fileURLToPath(new URL(`./generated/${name}`, import.meta.url));
  writeFileSync(target, source);
  console.log(`wrote ${target}`);
}
