/**
 * The intermediate representation (IR) of a compiled policy: the contract between the compiler and
 * the runtime.
 *
 * Input: produced by `compiler/ir/from-resolved.ts` from a checked, resolved policy (with every
 * `extends` already merged in). Output: consumed by `runtime/evaluate.ts` (the interpreter) and by
 * the emitters.
 *
 * INVARIANT: the IR is plain JSON (no functions, no class instances, no `undefined` values in arrays)
 * so that it can be serialised, embedded in an emitted module and sent to a web worker.
 * INVARIANT: every name it mentions (role, event, attribute, fact, rule) is declared in the same IR;
 * the checker guarantees it, the runtime does not re-check.
 * INVARIANT: every duration carries an explicit unit; dates are `YYYY-MM-DD` strings.
 */

/** Version of the IR format, bumped on any incompatible change. */
export const IR_VERSION = 1 as const;

/** A position in a policy file, for explanations and emitted code (1-based line and column). */
export interface IrSource {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** The types a fact or event attribute may have. */
export type IrType =
  | { readonly kind: 'date' }
  | { readonly kind: 'boolean' }
  | { readonly kind: 'number' }
  | { readonly kind: 'text' }
  | { readonly kind: 'role' }
  | { readonly kind: 'enum'; readonly values: readonly string[] };

export type DurationUnit = 'working_days' | 'days' | 'weeks' | 'months' | 'years';

/** A length of time with its unit. `amount` is a non-negative integer. */
export interface IrDuration {
  readonly amount: number;
  readonly unit: DurationUnit;
}

export interface IrRole {
  readonly name: string;
  readonly title: string;
  readonly reportsTo?: string;
}

export interface IrAttribute {
  readonly name: string;
  readonly type: IrType;
  readonly optional: boolean;
}

export interface IrEvent {
  readonly name: string;
  readonly title?: string;
  readonly attributes: readonly IrAttribute[];
}

export interface IrFact {
  readonly name: string;
  readonly title?: string;
  readonly type: IrType;
  readonly optional: boolean;
}

/** Holidays or closure days added to, or removed from, the base calendar. */
export interface IrCalendar {
  readonly base: 'england-and-wales';
  readonly add: readonly { readonly date: string; readonly name: string }[];
  readonly remove: readonly { readonly date: string; readonly reason?: string }[];
}

/**
 * What a deadline is measured from.
 * - `event`: the date of an event of that type (each such event anchors one obligation);
 * - `event_attribute`: a date carried by an event (`review_scheduled.for`): each such event anchors
 *   one obligation, measured from the attribute's date;
 * - `run_start`: in a cycle, the event that started (or restarted) the current run;
 * - `previous`: in a cycle, the date of the event that satisfied the previous occurrence;
 * - `child_dob`: the child's date of birth.
 */
export type IrAnchor =
  | { readonly kind: 'event'; readonly event: string }
  | { readonly kind: 'event_attribute'; readonly event: string; readonly attribute: string }
  | { readonly kind: 'run_start' }
  | { readonly kind: 'previous' }
  | { readonly kind: 'child_dob' };

export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7; // ISO: 1 = Monday ... 7 = Sunday

/**
 * When an obligation falls due: `offset` after (or before) the anchor's date, then optionally moved
 * to a weekday on or before/after that date, and optionally with a time of day.
 */
export interface IrDue {
  readonly direction: 'after' | 'before';
  readonly offset: IrDuration;
  readonly anchor: IrAnchor;
  readonly align?: { readonly weekday: Weekday; readonly direction: 'on_or_before' | 'on_or_after' };
  /** `HH:MM`, 24-hour clock. */
  readonly time?: string;
}

/** A value a condition can read. */
export type IrOperand =
  | { readonly kind: 'literal'; readonly value: string | number | boolean; readonly type: IrType['kind'] }
  | { readonly kind: 'fact'; readonly fact: string }
  | { readonly kind: 'attribute'; readonly event: string; readonly attribute: string }
  /** The child's age in whole years on the anchor date of the obligation being considered. */
  | { readonly kind: 'age' }
  | { readonly kind: 'child_dob' };

export type IrCompareOp = '=' | '!=' | '<' | '<=' | '>' | '>=';

/** A boolean condition; `text` is the condition as written, for explanations. */
export type IrCondition =
  | { readonly kind: 'and'; readonly items: readonly IrCondition[]; readonly text: string }
  | { readonly kind: 'or'; readonly items: readonly IrCondition[]; readonly text: string }
  | { readonly kind: 'not'; readonly item: IrCondition; readonly text: string }
  | {
      readonly kind: 'compare';
      readonly op: IrCompareOp;
      readonly left: IrOperand;
      readonly right: IrOperand;
      readonly text: string;
    };

/** The events that satisfy an obligation: any of `events`, optionally filtered by `where`. */
export interface IrMetBy {
  readonly events: readonly string[];
  /** Evaluated against the candidate satisfying event (attributes of that event). */
  readonly where?: IrCondition;
}

interface IrRuleBase {
  /** The rule's name, unique in the merged policy. */
  readonly id: string;
  readonly title: string;
  /** Role name of the owner. */
  readonly owner: string;
  readonly metBy: IrMetBy;
  readonly citation: string;
  readonly source: IrSource;
  /** The policy that declared (or last overrode) this rule. */
  readonly policy: string;
}

/** A one-off obligation: one per anchor event (or one in all, for `child_dob`). */
export interface IrDeadline extends IrRuleBase {
  readonly kind: 'deadline';
  readonly due: IrDue;
  /** Evaluated for each anchor event: age at the anchor date, attributes of the anchor event. */
  readonly when?: IrCondition;
}

/**
 * One step of a cycle. Occurrence 1 uses the step with `ordinal` 1, occurrence 2 the one with
 * `ordinal` 2, and so on; an occurrence with no step of its own uses the `repeat` steps. Where
 * several steps are candidates, the first whose `when` holds applies.
 */
export interface IrCycleStep {
  readonly ordinal: number | 'repeat';
  readonly due: IrDue;
  readonly when?: IrCondition;
  readonly citation: string;
  readonly source: IrSource;
}

/** A recurring obligation: occurrences 1, 2, 3... each measured from the previous one's satisfaction. */
export interface IrCycle extends IrRuleBase {
  readonly kind: 'cycle';
  /** Events that start a run (the child becomes looked after). */
  readonly startsOn: readonly string[];
  /** Events that end the current run (the child ceases to be looked after). */
  readonly endsOn: readonly string[];
  /** Events that end the current run and start a new one at once (a placement move, locally). */
  readonly restartsOn: readonly string[];
  readonly steps: readonly IrCycleStep[];
  /** Evaluated once per run, against the event that started it. */
  readonly when?: IrCondition;
}

export type IrRule = IrDeadline | IrCycle;

export interface PolicyIR {
  readonly irVersion: typeof IR_VERSION;
  readonly id: string;
  readonly title: string;
  readonly authority?: string;
  readonly version?: string;
  /** `YYYY-MM-DD` */
  readonly effective?: string;
  readonly source?: string;
  /** Ids of the policies this one extends, nearest first. */
  readonly extends: readonly string[];
  readonly calendar: IrCalendar;
  readonly roles: readonly IrRole[];
  readonly facts: readonly IrFact[];
  readonly events: readonly IrEvent[];
  readonly rules: readonly IrRule[];
}
