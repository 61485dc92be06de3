/**
 * The runtime's one public entry: everything a compiled policy needs at run time.
 *
 * Input: nothing (a barrel). Output: the IR types (`ir.ts`), plain dates (`dates.ts`), the working-day
 * calendar (`calendar.ts`), case input types and validation (`case.ts`), the evaluator
 * (`evaluate.ts`), result types (`result.ts`) and the fields notification templates may name
 * (`notify.ts`, which the compiler checks templates against).
 *
 * INVARIANT: modules emitted by the compiler, the CLI, the simulation library and the playground
 * import the runtime only from here; internals (condition closures, explanation helpers) are not
 * re-exported. Caseloads, the SSDA903 import and the simulator are not run-time needs: they are
 * `simulation/index.ts` (`@pdl/compiler/simulation`).
 * INVARIANT: nothing here imports the compiler, the grammar, the CLI or the simulation library, or
 * any Node-only module (test/layers/imports.test.ts checks the imports).
 */

export * from './ir.ts';
export * from './dates.ts';
export * from './calendar.ts';
export { caseSchema, createCaseValidator, orderNormalizedEvents, PLAIN_DATE_FORMAT, ROOT_PATH } from './case.ts';
export type {
  CaseError,
  CaseValidation,
  CaseValidator,
  FactValue,
  JsonSchema,
  JsonValue,
  NormalizedCase,
  NormalizedEvent,
} from './case.ts';
export { duplicateKeys, repeatedKeyPlaces } from './json-text.ts';
export { preparePolicy } from './evaluate.ts';
export type { CaseCounts, CompiledPolicy, CountedDraft, CountedRule, PrepareOptions } from './evaluate.ts';
export {
  authorKeys,
  CASE_ERROR_CODES,
  CASE_ERRORS,
  caseError,
  formatCasePath,
  notice,
  NOTICE_CODES,
  NOTICES,
  renderForLog,
} from './messages.ts';
export type {
  CaseErrorCode,
  CaseErrorData,
  CaseErrorParams,
  CasePlace,
  CaseValue,
  EventCaseData,
  ExpectedValue,
  MessageTemplate,
  CaseErrorTemplate,
  Notice,
  NoticeCode,
  NoticeData,
  NoticeParams,
  PathKey,
  UnknownKey,
} from './messages.ts';
export { MalformedIrError } from './conditions.ts';
export { isReservedName, RESERVED_NAMES } from './names.ts';
export { MAX_CASE_CHARS, MAX_CASE_ERRORS, MAX_EVENTS } from './input-limits.ts';
export type {
  CriteriaResult,
  CriterionCondition,
  Escalation,
  EscalationStatus,
  Evaluation,
  EvaluationResult,
  Notification,
  Obligation,
  ObligationAnchor,
  ObligationStatus,
  SupersededObligation,
  Violation,
  ViolationKind,
} from './result.ts';
export { NOTIFICATION_FIELDS, notificationFields } from './notify.ts';
export type {
  LadderNotificationContext,
  NotificationContextBase,
  NotificationField,
  NotificationRuleKind,
  ObligationNotificationContext,
} from './notify.ts';
export { LADDER_EVENTS } from './ladders.ts';
