/**
 * The compiler's second public entry: the TypeScript emitter, `emitTypeScript(ir, options)` (a
 * checked policy's IR -> a standalone typed module, as `.mts`, `.mjs` and `.d.mts`, and the JSON Schema
 * of its case input; see `emit/typescript.ts`), with its option and result types.
 *
 * Apart from `compiler/index.ts` because it loads ts-morph (the whole TypeScript compiler): an
 * embedder or the playground that imports `@pdl/compiler` does not pay for it. `pdl compile` imports it
 * from here, lazily. Not in the packaged library (tsconfig.build.json): the CLI bundle carries it.
 * INVARIANT: a barrel: nothing but re-exports of `emit/typescript.ts`.
 */
export { DEFAULT_RUNTIME_SPECIFIER, EMITTED_FILES, emitTypeScript, type EmitOptions, type EmittedModule } from './emit/typescript.ts';
