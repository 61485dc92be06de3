/**
 * Writes `grammar/generated/cst.d.ts`, the CST node types of the parser, with `generateCstDts`.
 * Run with `npm run gen:cst` after changing the grammar; a test fails when the file is stale.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { cstTypesSource } from './cst-dts.ts';

const target = fileURLToPath(new URL('./generated/cst.d.ts', import.meta.url));
writeFileSync(target, cstTypesSource());
console.log(`wrote ${target}`);
