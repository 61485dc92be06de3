/**
 * The compiler's one public entry.
 *
 * `compile(text, options)` runs the pipeline (`pipeline.ts`) and, when there is no error, prepares
 * the IR for evaluation: compile once, then call `policy.evaluate(case, asOf)` as often as needed.
 * Also exported: the docs renderer (`renderPolicyDocs`), the conformance analysis
 * (`checkConformance`) and the policy tests (`parseTestsFile`, `runTest`), which `pdl docs`,
 * `pdl conformance` and `pdl test` use, and the coverage check (`checkCoverageText`,
 * `renderCoverageMarkdown`: compiler/coverage-file/), which `pdl coverage` uses. The TypeScript
 * emitter (ts-morph) has its own entry, `compiler/emit.ts`, so that nothing here loads the
 * TypeScript compiler.
 * Browser-safe: nothing here (or below it) imports a Node-only module; the file-system host lives
 * in the CLI (`cli/`), which imports the compiler only from here and from `compiler/emit.ts`.
 */
import { preparePolicy, type CompiledPolicy, type PrepareOptions } from '../runtime/index.ts';
import type { PolicyIR } from '../runtime/ir.ts';
import { compileToIr, type CompileOptions } from './pipeline.ts';
import type { Diagnostic } from './diagnostics/types.ts';

export type { Diagnostic, RelatedLocation } from './diagnostics/types.ts';
export { hasErrors, sortDiagnostics } from './diagnostics/types.ts';
export { DIAGNOSTIC_CODES, type DiagnosticCode, type Severity } from './diagnostics/codes.ts';
export { formatDiagnostic, summarise, type FormatOptions } from './diagnostics/format.ts';
export { lineColumn, type SourceRange } from './source-range.ts';
export { duplicateKeys, locateJson, locateJsonError, rangeOfPath, type JsonNode, type Located, type Span } from '../runtime/json-text.ts';
export { compileToIr, parseToAst, STAGE_NAMES, type CompileOptions, type CompileResult, type CompilerHost, type ParentCache, type PolicySource, type StageName } from './pipeline.ts';
export { printPolicy } from './ast/print.ts';
export { formatPolicy, type FormatResult } from './format/format.ts';
export { printIr } from './ir/print.ts';
export { printDiagnostics } from './check/print.ts';
export type { PolicyFile } from './ast/types.ts';
export type { ElaboratedPolicy } from './elaborate/types.ts';
export type { ElaboratedRule } from './kinds/index.ts';
export { renderPolicyDocs, type PolicyDocs, type RenderDocsOptions } from './emit/docs/index.ts';
export { checkConformance, type ConformanceFinding, type ConformanceReport, type FindingKind } from './analysis/conformance.ts';
export { parseTestsFile, runTest, type PolicyTest, type TestOutcome, type TestsFile, type TestsFileError } from './testing/policy-tests.ts';
export { checkCoverageText, citeCovers, formatPercent, parseCoverageFile, renderCoverageMarkdown, COVERAGE_SCHEMA, type CoverageDiagnostic, type CoverageReport, type CoverageResult } from './coverage-file/index.ts';

export interface Compilation {
  /** Sorted diagnostics: errors, warnings and notes, each with a code and a source range. */
  readonly diagnostics: readonly Diagnostic[];
  /** The IR, when there is no error. */
  readonly ir?: PolicyIR;
  /** The policy ready to evaluate cases, when there is no error. */
  readonly policy?: CompiledPolicy;
}

/** Compiles policy text; never throws on bad input. */
export function compile(text: string, options: CompileOptions & PrepareOptions = {}): Compilation {
  const { uri, host, parents, ...prepare } = options;
  const result = compileToIr(text, { ...(uri !== undefined ? { uri } : {}), ...(host !== undefined ? { host } : {}), ...(parents !== undefined ? { parents } : {}) });
  if (result.ir === undefined) return { diagnostics: result.diagnostics };
  return { diagnostics: result.diagnostics, ir: result.ir, policy: preparePolicy(result.ir, prepare) };
}
