/**
 * The registry of diagnostic codes: every code the compiler can emit is declared here once, with
 * its default severity and a one-line summary (listed in docs/language.md). Nothing else invents
 * codes: `DiagnosticCode` is the union of these keys, so a typo is a type error.
 */
export type Severity = 'error' | 'warning' | 'info';

export const DIAGNOSTIC_CODES = {
  'pdl/lex-error': { severity: 'error', summary: 'a character or string the language does not recognise' },
  'pdl/syntax-error': { severity: 'error', summary: 'the text does not follow the grammar' },
  'pdl/duration-without-unit': { severity: 'error', summary: 'a number of days, weeks or months written without its unit' },
  'pdl/invalid-duration': { severity: 'error', summary: 'a duration that is not a whole number' },
  'pdl/invalid-date': { severity: 'error', summary: 'a date literal that is not a real calendar date' },
  'pdl/invalid-time': { severity: 'error', summary: 'a time of day outside 00:00 to 23:59' },
  'pdl/missing-title': { severity: 'error', summary: 'a policy without a title' },
  'pdl/duplicate-clause': { severity: 'error', summary: 'a clause given twice where once is allowed' },
  'pdl/missing-clause': { severity: 'error', summary: 'a rule lacks a clause it needs (owner, due, met by, cite...)' },
  'pdl/misplaced-clause': { severity: 'error', summary: 'a clause that does not belong to this kind of rule' },
  'pdl/unknown-policy': { severity: 'error', summary: '`extends` names a policy that cannot be found' },
  'pdl/parent-has-errors': { severity: 'error', summary: 'a policy this one extends does not compile' },
  'pdl/extends-cycle': { severity: 'error', summary: 'policies that extend each other in a circle' },
  'pdl/duplicate-declaration': { severity: 'error', summary: 'a name declared twice (in this policy or in one it extends)' },
  'pdl/override-of-nothing': { severity: 'error', summary: '`override` of a rule that no extended policy declares' },
  'pdl/redefinition-without-override': { severity: 'error', summary: 'a rule redeclared from an extended policy without `override`' },
  'pdl/override-kind-mismatch': { severity: 'error', summary: 'an override that changes a deadline into a cycle or back' },
  'pdl/unknown-role': { severity: 'error', summary: 'a role that is not declared' },
  'pdl/unknown-event': { severity: 'error', summary: 'an event that is not declared in the vocabulary' },
  'pdl/unknown-attribute': { severity: 'error', summary: 'an event attribute that is not declared' },
  'pdl/unknown-fact': { severity: 'error', summary: 'a case fact that is not declared' },
  'pdl/unknown-calendar': { severity: 'error', summary: 'a calendar the runtime does not provide' },
  'pdl/calendar-mismatch': { severity: 'error', summary: 'a policy names a different calendar than a policy it extends, or names two' },
  'pdl/unknown-enum-value': { severity: 'error', summary: 'a value that is not one of the enum\'s values' },
  'pdl/duplicate-attribute': { severity: 'error', summary: 'an attribute or enum value declared twice' },
  'pdl/reporting-cycle': { severity: 'error', summary: 'roles that report to each other in a circle' },
  'pdl/invalid-anchor': { severity: 'error', summary: 'a deadline measured from something it cannot be measured from' },
  'pdl/anchor-not-a-date': { severity: 'error', summary: 'a deadline measured from an attribute that is not a date' },
  'pdl/type-mismatch': { severity: 'error', summary: 'a comparison between values of different types' },
  'pdl/attribute-out-of-scope': { severity: 'error', summary: 'a condition reads an event that is not in scope there' },
  'pdl/duplicate-step': { severity: 'error', summary: 'two cycle steps for the same occurrence' },
  'pdl/unknown-rule': { severity: 'error', summary: 'a rule name that is not declared, or not of the kind needed there' },
  'pdl/decision-without-approver': { severity: 'error', summary: 'an approval\'s decision event has no role attribute `by` naming the approver' },
  'pdl/order-of-itself': { severity: 'error', summary: 'an order whose step and earlier event are the same event, neither filtered by `where`' },
  'pdl/empty-window': { severity: 'error', summary: 'an order\'s recency window of zero (`within 0 days`)' },
  'pdl/invalid-stage': { severity: 'error', summary: 'a ladder stage that is numbered twice, out of order, or lacks its response timescale' },
  'pdl/unknown-template-field': { severity: 'error', summary: 'a notification template refers to a field that does not exist' },
  'pdl/invalid-template': { severity: 'error', summary: 'a notification template that is not valid Handlebars' },
  'pdl/conflicting-timescales': { severity: 'warning', summary: 'two rules give different timescales for the same obligation' },
  'pdl/ladder-exceeds-cap': { severity: 'warning', summary: 'a ladder whose stage timescales cannot fit its overall limit' },
  'pdl/never-applies': { severity: 'warning', summary: 'a rule or step whose condition can never hold' },
  'pdl/unowned-obligation': { severity: 'warning', summary: 'an obligation that names no owner' },
  'pdl/inherited-rule-invalid': { severity: 'error', summary: 'a rule inherited from an extended policy no longer checks against this policy\'s declarations' },
  'pdl/unreadable-clause': { severity: 'error', summary: 'a clause line the compiler could not read, with no syntax error to say why' },
  'pdl/internal-error': { severity: 'error', summary: 'the compiler found itself in a state it should never reach (please report it)' },
  'pdl/reserved-name': { severity: 'error', summary: 'a name the language reserves' },
  'pdl/calendar-closed-on-non-working-day': { severity: 'warning', summary: 'a closure day that is already a weekend or bank holiday' },
  'pdl/calendar-open-not-a-holiday': { severity: 'warning', summary: '`open` on a day that is not a bank holiday' },
} as const satisfies Record<string, { severity: Severity; summary: string }>;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;
