/**
 * The compiler's front end as an entry of its own: policy text -> diagnostics and IR
 * (`compileToIr`), and the diagnostics as text (`formatDiagnostic`, `summarise`). Nothing else: no
 * evaluation (ajv's case validator), docs, policy tests or coverage (yaml), so that `pdl check`, which
 * needs only this, loads only this (cli/check.ts; test/cli/startup.test.ts). The same functions as
 * compiler/index.ts exports, which stays the compiler's one entry for everything else.
 */
export { compileToIr, type CompileOptions, type CompileResult, type CompilerHost } from './pipeline.ts';
export { formatDiagnostic, summarise } from './diagnostics/format.ts';
export type { Diagnostic } from './diagnostics/types.ts';
