/**
 * Coverage as data: a policy's coverage file (`policies/<name>.coverage.yaml`) says which statements
 * of its source document the policy encodes, with which rules, and why the others are not.
 *
 * Input: the coverage file's text and the policy's IR (compiled with `extends`). Output:
 * `checkCoverageText` -> a `CoverageReport` (diagnostics with ranges in the YAML, counts, rules per
 * statement) or only diagnostics when the file does not parse or fit the schema;
 * `renderCoverageMarkdown` -> docs/coverage/<name>.md. Browser-safe (yaml and ajv only).
 * `pdl coverage` (cli/coverage.ts) is the command around it; docs/cli.md documents the format.
 */
import type { PolicyIR } from '../../runtime/ir.ts';
import { checkCoverage, type CoverageReport } from './check.ts';
import { parseCoverageFile, type CoverageDiagnostic } from './parse.ts';

export { checkCoverage, citeCovers, countCoverage, namedRules, type CoverageCounts, type CoverageReport, type RuleRef } from './check.ts';
export { parseCoverageFile, type CoverageCode, type CoverageDiagnostic, type CoverageFile, type CoverageStatement, type ParsedCoverage } from './parse.ts';
export { renderCoverageMarkdown, formatPercent, type RenderCoverageOptions } from './render.ts';
export { COVERAGE_SCHEMA, NOT_ENCODED_CATEGORIES, type NotEncodedCategory } from './schema.ts';

export type CoverageResult = { readonly report: CoverageReport; readonly diagnostics: readonly CoverageDiagnostic[] } | { readonly report?: undefined; readonly diagnostics: readonly CoverageDiagnostic[] };

/**
 * Parses, validates and checks a coverage file against a compiled policy. `policyFile` (the policy's
 * file name) must be the file name the coverage file's `policy` names (`coverage/policy-mismatch`).
 * Never throws on bad input.
 */
export function checkCoverageText(text: string, uri: string, ir: PolicyIR, policyFile?: string): CoverageResult {
  const parsed = parseCoverageFile(text, uri);
  if (parsed.file === undefined) return { diagnostics: parsed.diagnostics };
  const report = checkCoverage({ ...parsed, file: parsed.file }, ir, uri);
  const named = parsed.file.policy.split('/').pop() ?? parsed.file.policy;
  if (policyFile === undefined || named === policyFile) return { report, diagnostics: report.diagnostics };
  const mismatch: CoverageDiagnostic = { code: 'coverage/policy-mismatch', severity: 'error', message: `this coverage file is for \`${parsed.file.policy}\`, not \`${policyFile}\``, uri, range: parsed.locate(['policy']) };
  const diagnostics = [mismatch, ...report.diagnostics];
  return { report: { ...report, diagnostics }, diagnostics };
}
