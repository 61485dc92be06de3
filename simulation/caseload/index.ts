/**
 * The caseload library's public entry: where the cases of a simulation come from.
 *
 * Input: nothing (a barrel). Output: case sources (JSON Lines text, arrays of case JSON) as
 * `CaseRecord`s (`sources.ts`), the SSDA903 importer (`ssda903.ts`: CSV text of the header, episodes
 * and reviews tables onto the shared vocabulary, with issues by file and line and a reconciliation),
 * the seeded synthetic generator (`generate.ts`) and its random streams (`random.ts`).
 *
 * INVARIANT: browser-safe (the playground uses it in a web worker): nothing here, or below it,
 * imports a Node module; files are read by the caller (the CLI's `cli/caseload-files.ts`).
 */
export type { CaseEventInput, CaseInput, CaseRecord, CaseValue, ImportIssue } from './types.ts';
export { caseloadToJsonLines, jsonLinesRecords, valueRecords } from './sources.ts';
export { DEFAULT_PLANNED_REASONS, importSsda903, parseDmyDate } from './ssda903.ts';
export { importSsda903Xml, SSDA903_XML_ROOT } from './ssda903-xml.ts';
export type { Ssda903Counts, Ssda903Import, Ssda903Options, Ssda903Tables, TableText } from './ssda903.ts';
export { createCaseGenerator, DEFAULT_MODEL, GENERATED_EVENT_TYPES, generateCaseload, syntheticId } from './generate.ts';
export type { CaseGenerator, GenerateOptions, GeneratorModel, GeneratorVocabulary } from './generate.ts';
export { JsonLinesWriter } from './json-bytes.ts';
export { createRandom, hashSeed } from './random.ts';
export type { Random } from './random.ts';
export { importEventRows, mergeEventRows, readEventMapping } from './event-rows.ts';
export type { AttributeMapping, EventCodeMapping, EventMapping, EventRowCounts, EventRowsImport } from './event-rows.ts';
export { applyPractice, checkPracticeModel, defaultPracticePath, fitPractice, parsePracticeModelText, readPracticeModel } from './practice.ts';
export type { FittedRule, OffsetDistribution, PracticeCondition, PracticeEvent, PracticeModel } from './practice.ts';
