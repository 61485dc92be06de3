/**
 * Errors and notices as data: the one table of the codes of case errors (`case/...`) and evaluation
 * notices (`notice/...`), with their parameter types and message templates.
 *
 * Input: a code, where it applies (a case error's JSON path as keys), typed `params` and, for the
 * codes that concern a value or key of the case, `caseData`. Output: a `CaseError` whose `message`
 * is rendered from its code and `params` alone (never from `caseData`), or a `Notice` whose
 * `message` is rendered by the code's `full` template; `renderForLog` renders either from its code
 * and `params` alone (for a case error, its `message` exactly).
 *
 * INVARIANT (privacy by construction): `params` and `keys` hold only what the policy or the case
 * format declares (names of fields, facts, attributes, event types, roles and rules; enum values;
 * condition texts), array indexes, counts and, in notices, the as-of date the caller chose;
 * everything taken from the case or the caller's input (an offending value, an unknown key's text,
 * an unreadable as-of date, an event's date, a stage number the case gives) is in `caseData`.
 * INVARIANT (privacy, case errors): a case error's one template is a function of `params` alone, so
 * no case error message, wherever it is shown (the playground, `pdl evaluate`, an embedding service,
 * a log), contains a value from the case or an unknown key's text: it says `<value>` for the value
 * and names only the place for an unknown key. `caseData` keeps the value (a preview) or the key
 * apart, for a program that shows its author where the problem is (`authorKeys`).
 * Notices: the `full` template names the dates of the events it is about (and, for a ladder's
 * response, the stage number): those are validated before any notice is made (`YYYY-MM-DD` dates on
 * the calendar, whole numbers), so they can hold no free text from the case; the `log` template says
 * `<value>` for them too.
 * INVARIANT: every code has its templates; messages are lowercase, quote names in backticks and
 * are plain JSON-safe strings.
 */

/** A key of a JSON path: a property name or an array index. */
export type PathKey = string | number;

/** What the case should have held, for messages ("must be a number"). */
export type ExpectedValue =
  | { readonly kind: 'date' | 'boolean' | 'number' | 'text' | 'role' }
  | { readonly kind: 'enum'; readonly values: readonly string[] }
  /** A JSON type named by the schema (`string`, `object`...), when the policy says nothing more. */
  | { readonly kind: 'json'; readonly type: string }
  | { readonly kind: 'any' };

/** A place in the case, named in messages by what the policy calls it. */
export type CasePlace =
  | { readonly kind: 'fact'; readonly fact: string }
  | { readonly kind: 'dob' }
  /** `event` is absent when the event's type is not one the policy declares. */
  | { readonly kind: 'event-date'; readonly event?: string }
  | { readonly kind: 'attribute'; readonly attribute: string; readonly event?: string }
  | { readonly kind: 'field'; readonly field: string };

/** A value found in the case (JSON or the string itself, cut to 60 characters), kept apart from every message. */
export interface CaseValue {
  readonly value: string;
}

/** A key of the case that the policy does not declare (exactly as the case gives it). */
export interface UnknownKey {
  readonly key: string;
}

/** The parameters of each case error code (only names the policy or the case format declare). */
export interface CaseErrorParams {
  'case/not-an-object': Record<string, never>;
  'case/wrong-type': { readonly field: string; readonly expected: 'a string' | 'an object' | 'an array' };
  'case/event-not-an-object': Record<string, never>;
  'case/wrong-value-type': { readonly place: CasePlace; readonly expected: ExpectedValue };
  'case/missing-field': { readonly field: string };
  'case/missing-dob': Record<string, never>;
  'case/missing-fact': { readonly fact: string };
  'case/missing-event-date': { readonly event?: string };
  'case/missing-attribute': { readonly attribute: string; readonly event?: string };
  'case/unknown-field': Record<string, never>;
  'case/unknown-child-field': Record<string, never>;
  'case/unknown-fact': { readonly declared: readonly string[] };
  'case/unknown-attribute': { readonly event?: string; readonly attributes?: readonly string[] };
  'case/unknown-event-type': { readonly declared: readonly string[] };
  'case/missing-event-type': { readonly declared: readonly string[] };
  'case/event-type-not-a-string': Record<string, never>;
  'case/not-a-real-date': Record<string, never>;
  'case/not-a-date': Record<string, never>;
  'case/not-a-role': { readonly roles: readonly string[] };
  'case/not-allowed': { readonly place: CasePlace; readonly allowed: readonly string[] };
  'case/empty': { readonly field: string };
  'case/no-events-declared': Record<string, never>;
  'case/invalid': { readonly detail: string };
  'case/as-of-not-a-string': Record<string, never>;
  'case/as-of-not-a-real-date': Record<string, never>;
  'case/as-of-not-a-date': Record<string, never>;
  'case/empty-input': Record<string, never>;
  'case/not-json': Record<string, never>;
  'case/duplicate-key': { readonly line: number; readonly column: number };
  'case/too-many-events': { readonly count: number; readonly limit: number };
  'case/too-many-errors': { readonly more: number; readonly limit: number };
}

/** The case data each case error code carries (`undefined`: none). */
export interface CaseErrorData {
  'case/not-an-object': CaseValue;
  'case/wrong-type': CaseValue;
  'case/event-not-an-object': CaseValue;
  'case/wrong-value-type': CaseValue;
  'case/missing-field': undefined;
  'case/missing-dob': undefined;
  'case/missing-fact': undefined;
  'case/missing-event-date': undefined;
  'case/missing-attribute': undefined;
  'case/unknown-field': UnknownKey;
  'case/unknown-child-field': UnknownKey;
  'case/unknown-fact': UnknownKey;
  'case/unknown-attribute': UnknownKey;
  'case/unknown-event-type': CaseValue;
  'case/missing-event-type': undefined;
  'case/event-type-not-a-string': CaseValue;
  'case/not-a-real-date': CaseValue;
  'case/not-a-date': CaseValue;
  'case/not-a-role': CaseValue;
  'case/not-allowed': CaseValue;
  'case/empty': undefined;
  'case/no-events-declared': undefined;
  'case/invalid': undefined;
  'case/as-of-not-a-string': CaseValue;
  'case/as-of-not-a-real-date': CaseValue;
  'case/as-of-not-a-date': CaseValue;
  'case/empty-input': undefined;
  /** The JSON parser's own words, which may quote the text. */
  'case/not-json': CaseValue;
  'case/duplicate-key': undefined;
  'case/too-many-events': undefined;
  'case/too-many-errors': undefined;
}

export type CaseErrorCode = keyof CaseErrorParams;

/** An event's date (and, for ladders, the stage number) as the case gives them. */
export interface EventCaseData {
  /** `YYYY-MM-DD` */
  readonly date: string;
}

/** The parameters of each notice code (names the policy declares, counts, the as-of date). */
export interface NoticeParams {
  'notice/events-after-as-of': { readonly count: number; readonly asOf: string };
  'notice/events-before-birth': { readonly count: number };
  'notice/repeated-event': { readonly event: string };
  'notice/anchor-attribute-missing': { readonly event: string; readonly attribute: string; readonly rule: string };
  'notice/no-step-applies': { readonly rule: string; readonly occurrence: number; readonly event: string };
  'notice/optional-fact-missing': { readonly fact: string; readonly condition: string; readonly where: string };
  'notice/optional-attribute-missing': { readonly event: string; readonly attribute: string; readonly condition: string; readonly where: string };
  'notice/approval-notice-unchecked': { readonly event: string; readonly attribute: string; readonly approval: string };
  'notice/constraint-unchecked': { readonly event: string; readonly attribute: string; readonly constraint: string };
  'notice/template-failed': { readonly part: 'subject' | 'body'; readonly kind: 'rule' | 'ladder'; readonly rule: string };
  'notice/template-missing-field': { readonly part: 'subject' | 'body'; readonly kind: 'rule' | 'ladder'; readonly rule: string; readonly field: string };
  'notice/resolution-unmatched': { readonly event: string; readonly ladder: string };
  'notice/response-unmatched': { readonly event: string };
  'notice/response-unmatched-stage': { readonly event: string; readonly ladder: string };
  'notice/cycle-not-started': { readonly rule: string; readonly event: string; readonly starts: readonly string[] };
  'notice/decision-without-request': { readonly event: string; readonly request: string; readonly approvals: readonly string[] };
  'notice/approved-step-not-recorded': { readonly event: string; readonly step: string; readonly order: string; readonly rules: readonly string[] };
}

/** The case data each notice code carries (`undefined`: none). */
export interface NoticeData {
  'notice/events-after-as-of': undefined;
  'notice/events-before-birth': undefined;
  'notice/repeated-event': EventCaseData;
  'notice/anchor-attribute-missing': EventCaseData;
  'notice/no-step-applies': EventCaseData;
  'notice/optional-fact-missing': undefined;
  'notice/optional-attribute-missing': EventCaseData;
  'notice/approval-notice-unchecked': EventCaseData;
  'notice/constraint-unchecked': EventCaseData;
  'notice/template-failed': undefined;
  'notice/template-missing-field': undefined;
  'notice/resolution-unmatched': EventCaseData;
  'notice/response-unmatched': EventCaseData;
  'notice/response-unmatched-stage': EventCaseData & { readonly stage: number };
  'notice/cycle-not-started': EventCaseData;
  'notice/decision-without-request': EventCaseData;
  'notice/approved-step-not-recorded': EventCaseData;
}

export type NoticeCode = keyof NoticeParams;

/** `caseData` when the code has some, absent otherwise. */
type CaseDataField<D> = [D] extends [undefined] ? { readonly caseData?: never } : { readonly caseData: D };

/**
 * One problem with a case input. `path` is the readable form of `keys` (`events[3].date`,
 * `facts["a b"]`, `$` for the root); for an unknown key, both name the object that holds it (the key
 * itself is case data). `message` names the place and what was expected, never a value of the case
 * nor an unknown key (it is what `renderForLog` gives); `caseData` holds those, for the case's author.
 */
export type CaseError = {
  [C in CaseErrorCode]: {
    readonly code: C;
    readonly path: string;
    readonly keys: readonly PathKey[];
    readonly params: CaseErrorParams[C];
    readonly message: string;
  } & CaseDataField<CaseErrorData[C]>;
}[CaseErrorCode];

/** Something the evaluation did not consider or could not decide (`message` may name event dates). */
export type Notice = {
  [N in NoticeCode]: {
    readonly code: N;
    readonly message: string;
    readonly params: NoticeParams[N];
  } & CaseDataField<NoticeData[N]>;
}[NoticeCode];

/** One row of the table of case errors: what the code means and its message, from `params` alone. */
export interface CaseErrorTemplate<P> {
  /** One line for the docs: when the code is reported. */
  readonly summary: string;
  /** Never given the case data. */
  readonly message: (params: P) => string;
}

/** One row of the table of notices: what the code means, the full message and the message for logs. */
export interface MessageTemplate<P, D> {
  /** One line for the docs: when the code is reported. */
  readonly summary: string;
  readonly full: (params: P, caseData: D) => string;
  /** Never given the case data. */
  readonly log: (params: P) => string;
}

/** Where a log message has a value from the case. */
const HIDDEN = '<value>';

function names(list: readonly string[]): string {
  return list.map((n) => `\`${n}\``).join(', ');
}

/** The words for a place in the case. */
export function placeLabel(place: CasePlace): string {
  switch (place.kind) {
    case 'fact':
      return `fact \`${place.fact}\``;
    case 'dob':
      return "the child's date of birth `dob`";
    case 'event-date':
      return place.event === undefined ? 'the `date` of an event' : `the \`date\` of event \`${place.event}\``;
    case 'attribute':
      return place.event === undefined ? `attribute \`${place.attribute}\` of an event` : `attribute \`${place.attribute}\` of event \`${place.event}\``;
    case 'field':
      return `\`${place.field}\``;
  }
}

/**
 * `word` with its indefinite article, for messages: `a date`, `an enum(a, b)`, `an approval` (by its
 * first letter; the compiler's diagnostics use it too).
 */
export function withArticle(word: string): string {
  return /^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`;
}

/** The words for what a place should hold ("a number", "one of the strings `a`, `b`"). */
export function expectedLabel(expected: ExpectedValue): string {
  switch (expected.kind) {
    case 'date':
      return 'a date as a `YYYY-MM-DD` string';
    case 'boolean':
      return 'a boolean (`true` or `false`)';
    case 'number':
      return 'a number';
    case 'text':
      return 'a string';
    case 'role':
      return 'a role name (a string)';
    case 'enum':
      return `one of the strings ${names(expected.values)}`;
    case 'json':
      return withArticle(expected.type);
    case 'any':
      return 'a value';
  }
}

function ofEvent(event: string | undefined): string {
  return event === undefined ? 'an event' : `event \`${event}\``;
}

const CASE_KEYS = '`id`, `child`, `facts` and `events`';

/** The table of case error codes. */
export const CASE_ERRORS: { readonly [C in CaseErrorCode]: CaseErrorTemplate<CaseErrorParams[C]> } = {
  'case/not-an-object': {
    summary: 'the case is not a JSON object',
    message: () => `the case must be a JSON object, got ${HIDDEN}`,
  },
  'case/wrong-type': {
    summary: '`id`, `child`, `facts` or `events` has the wrong JSON type',
    message: (p) => `\`${p.field}\` must be ${p.expected}, got ${HIDDEN}`,
  },
  'case/event-not-an-object': {
    summary: 'an item of `events` is not an object',
    message: () => `each event must be an object with a \`type\` and a \`date\`, got ${HIDDEN}`,
  },
  'case/wrong-value-type': {
    summary: 'a fact, the date of birth, an event date or an attribute has the wrong type',
    message: (p) => `${placeLabel(p.place)} must be ${expectedLabel(p.expected)}, got ${HIDDEN}`,
  },
  'case/missing-field': {
    summary: 'a required field of the case is missing',
    message: (p) => `missing required field \`${p.field}\``,
  },
  'case/missing-dob': {
    summary: "the child's date of birth is missing",
    message: () => "missing the child's date of birth `dob`",
  },
  'case/missing-fact': {
    summary: 'a fact the policy requires is missing',
    message: (p) => `missing required fact \`${p.fact}\``,
  },
  'case/missing-event-date': {
    summary: 'an event has no `date`',
    message: (p) => `missing the \`date\` of ${ofEvent(p.event)}`,
  },
  'case/missing-attribute': {
    summary: 'an event lacks an attribute its type requires',
    message: (p) => `missing required attribute \`${p.attribute}\` of ${ofEvent(p.event)}`,
  },
  'case/unknown-field': {
    summary: 'the case has a field other than `id`, `child`, `facts` and `events`',
    message: () => `an unknown field; a case has ${CASE_KEYS}`,
  },
  'case/unknown-child-field': {
    summary: '`child` has a field other than `dob`',
    message: () => 'an unknown field in `child`; only `dob` is expected',
  },
  'case/unknown-fact': {
    summary: '`facts` has a fact the policy does not declare',
    message: (p) => (p.declared.length === 0 ? 'an unknown fact; this policy declares no facts' : `an unknown fact; declared facts: ${names(p.declared)}`),
  },
  'case/unknown-attribute': {
    summary: 'an event has an attribute its type does not declare',
    message: (p) => `an unknown attribute on ${ofEvent(p.event)}${attributesTail(p.attributes)}`,
  },
  'case/unknown-event-type': {
    summary: "an event's `type` is not an event the policy declares",
    message: (p) => `undeclared event type ${HIDDEN}; declared event types: ${names(p.declared)}`,
  },
  'case/missing-event-type': {
    summary: 'an event has no `type`',
    message: (p) => `missing the event \`type\`; declared event types: ${names(p.declared)}`,
  },
  'case/event-type-not-a-string': {
    summary: "an event's `type` is not a string",
    message: () => `the event \`type\` must be a string, got ${HIDDEN}`,
  },
  'case/not-a-real-date': {
    summary: 'a `YYYY-MM-DD` date that is not on the calendar (`2025-02-30`)',
    message: () => `${HIDDEN} is not a real calendar date`,
  },
  'case/not-a-date': {
    summary: 'a date that is not in `YYYY-MM-DD` form',
    message: () => `${HIDDEN} is not a date in \`YYYY-MM-DD\` form`,
  },
  'case/not-a-role': {
    summary: 'a role-typed fact or attribute names a role the policy does not declare',
    message: (p) => `${HIDDEN} is not a declared role; roles: ${names(p.roles)}`,
  },
  'case/not-allowed': {
    summary: 'an enum-typed fact or attribute has a value outside its list',
    message: (p) => `${HIDDEN} is not allowed for ${placeLabel(p.place)}; expected one of ${names(p.allowed)}`,
  },
  'case/empty': {
    summary: 'the case `id` is an empty string',
    message: (p) => `\`${p.field}\` must not be empty`,
  },
  'case/no-events-declared': {
    summary: 'the case has events but the policy declares none',
    message: () => 'this policy declares no events, so `events` must be empty',
  },
  'case/invalid': {
    summary: "any other schema rule (the schema validator's own words, which name no value)",
    message: (p) => p.detail,
  },
  'case/as-of-not-a-string': {
    summary: 'the as-of date is not a string',
    message: () => `the as-of date must be a \`YYYY-MM-DD\` string, got ${HIDDEN}`,
  },
  'case/as-of-not-a-real-date': {
    summary: 'the as-of date is not on the calendar',
    message: () => `the as-of date ${HIDDEN} is not a real calendar date`,
  },
  'case/as-of-not-a-date': {
    summary: 'the as-of date is not in `YYYY-MM-DD` form',
    message: () => `the as-of date ${HIDDEN} is not a date in \`YYYY-MM-DD\` form`,
  },
  'case/empty-input': {
    summary: 'the case text is empty (the playground)',
    message: () => 'the case is empty; paste or pick a sample case',
  },
  'case/not-json': {
    summary: "the case text is not JSON (the playground; the parser's words may quote the text)",
    message: () => 'the case is not valid JSON',
  },
  'case/duplicate-key': {
    summary: 'a property name of the case text repeats an earlier one of the same object (the playground; JSON keeps only the last value, so the first would vanish unseen)',
    message: (p) => `the property name at line ${p.line}, column ${p.column} repeats an earlier one of the same object; JSON keeps only the last value, so remove one`,
  },
  'case/too-many-events': {
    summary: 'the case has more events than a case may have (docs/limits.md); it is not checked further',
    message: (p) => `the case has ${p.count} events, more than ${p.limit}`,
  },
  'case/too-many-errors': {
    summary: 'the last error reported when a case has more than a case reports (docs/limits.md): how many more there were',
    message: (p) => `and ${p.more} more ${p.more === 1 ? 'error' : 'errors'}, not shown (at most ${p.limit} are)`,
  },
};

function attributesTail(attributes: readonly string[] | undefined): string {
  if (attributes === undefined) return '';
  return attributes.length === 0 ? '; it has no attributes' : `; its attributes are ${names(attributes)}`;
}

function eventOf(event: string, date: string): string {
  return `the \`${event}\` event of ${date}`;
}

/** The table of notice codes. */
export const NOTICES: { readonly [N in NoticeCode]: MessageTemplate<NoticeParams[N], NoticeData[N]> } = {
  'notice/events-after-as-of': {
    summary: 'events dated after the as-of date were not considered',
    full: (p) => noticeAfter(p),
    log: (p) => noticeAfter(p),
  },
  'notice/events-before-birth': {
    summary: "events dated before the child's date of birth (considered as recorded: check the date of birth)",
    full: (p) => beforeBirth(p),
    log: (p) => beforeBirth(p),
  },
  'notice/repeated-event': {
    summary: 'an event recorded twice (same type, date and attributes): the repeat was not considered',
    full: (p, d) => `${eventOf(p.event, d.date)} is recorded twice with the same attributes, so the repeat was not considered`,
    log: (p) => `${eventOf(p.event, HIDDEN)} is recorded twice with the same attributes, so the repeat was not considered`,
  },
  'notice/anchor-attribute-missing': {
    summary: "a deadline measured from an event's optional date attribute has no obligation for an event without it",
    full: (p, d) => `${eventOf(p.event, d.date)} has no \`${p.attribute}\`, so rule \`${p.rule}\` has no obligation for it`,
    log: (p) => `${eventOf(p.event, HIDDEN)} has no \`${p.attribute}\`, so rule \`${p.rule}\` has no obligation for it`,
  },
  'notice/no-step-applies': {
    summary: "no step of a cycle applies to an occurrence, so the cycle's run stops",
    full: (p, d) =>
      `no step of rule \`${p.rule}\` applies to occurrence ${p.occurrence} of the run started by \`${p.event}\` on ${d.date}, so the run has no further occurrences`,
    log: (p) =>
      `no step of rule \`${p.rule}\` applies to occurrence ${p.occurrence} of the run started by \`${p.event}\` on ${HIDDEN}, so the run has no further occurrences`,
  },
  'notice/optional-fact-missing': {
    summary: 'a condition reads an optional fact the case does not give (taken as false)',
    full: (p) => optionalFact(p),
    log: (p) => optionalFact(p),
  },
  'notice/optional-attribute-missing': {
    summary: 'a condition reads an optional attribute the event does not give (taken as false)',
    full: (p, d) => `optional attribute \`${p.attribute}\` of ${eventOf(p.event, d.date)} is not given, so \`${p.condition}\` (${p.where}) was taken as false`,
    log: (p) => `optional attribute \`${p.attribute}\` of ${eventOf(p.event, HIDDEN)} is not given, so \`${p.condition}\` (${p.where}) was taken as false`,
  },
  'notice/approval-notice-unchecked': {
    summary: "an approval's notice is measured from an attribute the request does not give",
    full: (p, d) => `${eventOf(p.event, d.date)} has no \`${p.attribute}\`, so the notice of approval \`${p.approval}\` could not be checked`,
    log: (p) => `${eventOf(p.event, HIDDEN)} has no \`${p.attribute}\`, so the notice of approval \`${p.approval}\` could not be checked`,
  },
  'notice/constraint-unchecked': {
    summary: 'a constraint reads an attribute the event does not give',
    full: (p, d) => `${eventOf(p.event, d.date)} has no \`${p.attribute}\`, so constraint \`${p.constraint}\` could not be checked`,
    log: (p) => `${eventOf(p.event, HIDDEN)} has no \`${p.attribute}\`, so constraint \`${p.constraint}\` could not be checked`,
  },
  'notice/template-failed': {
    summary: 'a notification template could not be rendered',
    full: (p) => `the notification ${p.part} of ${p.kind} \`${p.rule}\` could not be rendered, so it was left out`,
    log: (p) => `the notification ${p.part} of ${p.kind} \`${p.rule}\` could not be rendered, so it was left out`,
  },
  'notice/template-missing-field': {
    summary: 'a notification template names a field that does not exist',
    full: (p) => templateField(p),
    log: (p) => templateField(p),
  },
  'notice/resolution-unmatched': {
    summary: 'a resolution event resolves no open escalation',
    full: (p, d) => `${eventOf(p.event, d.date)} for ladder \`${p.ladder}\` resolves no open escalation, so it was not considered`,
    log: (p) => `${eventOf(p.event, HIDDEN)} for ladder \`${p.ladder}\` resolves no open escalation, so it was not considered`,
  },
  'notice/response-unmatched': {
    summary: 'a response event answers no raised stage (no escalation was raised)',
    full: (p, d) => `${eventOf(p.event, d.date)} answers no raised stage, so it was not considered`,
    log: (p) => `${eventOf(p.event, HIDDEN)} answers no raised stage, so it was not considered`,
  },
  'notice/response-unmatched-stage': {
    summary: 'a response event answers no raised stage of the number it gives',
    full: (p, d) => `${eventOf(p.event, d.date)} answers no raised stage ${d.stage} of ladder \`${p.ladder}\`, so it was not considered`,
    log: (p) => `${eventOf(p.event, HIDDEN)} answers no raised stage ${HIDDEN} of ladder \`${p.ladder}\`, so it was not considered`,
  },
  'notice/cycle-not-started': {
    summary: "an event that meets (or restarts) a cycle, with no event that starts the cycle's runs on or before it: the cycle could not be measured",
    full: (p, d) => cycleNotStarted(p, d.date),
    log: (p) => cycleNotStarted(p, HIDDEN),
  },
  'notice/decision-without-request': {
    summary: 'an approval decision with no request on or before it to pair with: who approved it and the steps required before it could not be checked',
    full: (p, d) => decisionWithoutRequest(p, d.date),
    log: (p) => decisionWithoutRequest(p, HIDDEN),
  },
  'notice/approved-step-not-recorded': {
    summary: 'an approval decision that an order puts a later step after, with no such step recorded on or after it: the rules measured from that step could not be measured for it',
    full: (p, d) => approvedStepNotRecorded(p, d.date),
    log: (p) => approvedStepNotRecorded(p, HIDDEN),
  },
};

/** "`a`", "`a` or `b`", "`a`, `b` or `c`". */
function eitherOf(xs: readonly string[]): string {
  const q = xs.map((x) => `\`${x}\``);
  return q.length < 2 ? (q[0] ?? '') : `${q.slice(0, -1).join(', ')} or ${q[q.length - 1] as string}`;
}

function cycleNotStarted(p: NoticeParams['notice/cycle-not-started'], date: string): string {
  return `${eventOf(p.event, date)} shows that cycle \`${p.rule}\` applies, but no ${eitherOf(p.starts)} on or before it started a run, so the cycle could not be measured; a ${eitherOf(p.starts)} on or before that date would make it measurable`;
}

function decisionWithoutRequest(p: NoticeParams['notice/decision-without-request'], date: string): string {
  const which = p.approvals.length === 1 ? `approval \`${p.approvals[0] as string}\`` : `approvals ${p.approvals.map((a) => `\`${a}\``).join(', ')}`;
  return `${eventOf(p.event, date)} has no \`${p.request}\` on or before it to pair with, so ${which} could not check who approved it or the steps required before it; a \`${p.request}\` on or before that date would make ${p.approvals.length === 1 ? 'it' : 'them'} measurable`;
}

function approvedStepNotRecorded(p: NoticeParams['notice/approved-step-not-recorded'], date: string): string {
  const which = p.rules.length === 1 ? `rule \`${p.rules[0] as string}\`` : `rules ${p.rules.map((r) => `\`${r}\``).join(', ')}`;
  return `${eventOf(p.event, date)} is followed by no \`${p.step}\` (order \`${p.order}\` puts one after it), so ${which}, measured from a \`${p.step}\`, could not be measured for it; a \`${p.step}\` on or after that date would make ${p.rules.length === 1 ? 'it' : 'them'} measurable`;
}

function beforeBirth(p: NoticeParams['notice/events-before-birth']): string {
  return p.count === 1
    ? "1 event is dated before the child's date of birth; it was considered as recorded"
    : `${p.count} events are dated before the child's date of birth; they were considered as recorded`;
}

function noticeAfter(p: NoticeParams['notice/events-after-as-of']): string {
  return p.count === 1
    ? `1 event dated after the as-of date ${p.asOf} was not considered`
    : `${p.count} events dated after the as-of date ${p.asOf} were not considered`;
}

function optionalFact(p: NoticeParams['notice/optional-fact-missing']): string {
  return `optional fact \`${p.fact}\` is not given, so \`${p.condition}\` (${p.where}) was taken as false`;
}

function templateField(p: NoticeParams['notice/template-missing-field']): string {
  return `the notification ${p.part} of ${p.kind} \`${p.rule}\` names a field \`${p.field}\` that does not exist, so it was left out`;
}

// ---------------------------------------------------------------------------------------------
// Paths

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** The readable form of a JSON path: `events[3].date`, `facts["a b"]`; `$` for the root. */
export function formatCasePath(keys: readonly PathKey[]): string {
  let out = '';
  for (const key of keys) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (IDENTIFIER.test(key)) out += out === '' ? key : `.${key}`;
    else out += `[${JSON.stringify(key)}]`;
  }
  return out === '' ? '$' : out;
}

// ---------------------------------------------------------------------------------------------
// Construction and rendering

/** The arguments after `params`: the case data, for the codes that have some. */
type CaseDataArgs<D> = [D] extends [undefined] ? [] : [caseData: D];

/** A case error of `code` at `keys`, its message rendered by the code's template from `params` alone. */
export function caseError<C extends CaseErrorCode>(code: C, keys: readonly PathKey[], params: CaseErrorParams[C], ...data: CaseDataArgs<CaseErrorData[C]>): CaseError {
  const template = CASE_ERRORS[code] as CaseErrorTemplate<CaseErrorParams[C]>;
  const caseData = data[0] as CaseErrorData[C] | undefined;
  const base = { code, path: formatCasePath(keys), keys, params, message: template.message(params) };
  return (caseData === undefined ? base : { ...base, caseData }) as CaseError;
}

/** A notice of `code`, its message rendered by the code's template. */
export function notice<N extends NoticeCode>(code: N, params: NoticeParams[N], ...data: CaseDataArgs<NoticeData[N]>): Notice {
  const template = NOTICES[code] as MessageTemplate<NoticeParams[N], NoticeData[N] | undefined>;
  const caseData = data[0] as NoticeData[N] | undefined;
  const base = { code, message: template.full(params, caseData), params };
  return (caseData === undefined ? base : { ...base, caseData }) as Notice;
}

/**
 * The message of a case error or notice for logs and for anyone but the case's author: rendered
 * from its code and `params` only (the log template is never given `caseData`), so it holds none
 * of the child's values and no unknown key's text. Prefix it with `error.path` (which holds none
 * either) to say where.
 */
export function renderForLog(item: CaseError | Notice): string {
  if (item.code.startsWith('case/')) {
    const e = item as CaseError;
    return (CASE_ERRORS[e.code].message as (p: CaseErrorParams[CaseErrorCode]) => string)(e.params);
  }
  const n = item as Notice;
  return (NOTICES[n.code].log as (p: NoticeParams[NoticeCode]) => string)(n.params);
}

/**
 * The exact place of a case error in the case, for its author: `keys`, and for an unknown key the
 * key itself (case data: never for logs). The playground underlines it in the case's text.
 */
export function authorKeys(error: CaseError): readonly PathKey[] {
  const data = error.caseData as Partial<UnknownKey> | undefined;
  return data !== undefined && typeof data.key === 'string' ? [...error.keys, data.key] : error.keys;
}

/** Every case error code and notice code, in the order of the tables. */
export const CASE_ERROR_CODES = Object.keys(CASE_ERRORS) as CaseErrorCode[];
export const NOTICE_CODES = Object.keys(NOTICES) as NoticeCode[];
