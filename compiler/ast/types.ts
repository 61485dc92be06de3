/**
 * The abstract syntax tree of one policy file.
 *
 * INVARIANT: every node carries a `range` in its own file; structural equality ignores ranges
 * (see `stripRanges` in print.ts). The AST is exactly what the user wrote, with no inherited
 * declarations and no resolution: `compiler/resolve` does that.
 */
import type { RuleKind } from '../../grammar/rule-kinds.ts';
import type { SourceRange } from '../source-range.ts';
import type { DurationUnit } from '../../runtime/units.ts';

export interface Name {
  readonly text: string;
  readonly range: SourceRange;
}

export interface StringLit {
  readonly value: string;
  readonly range: SourceRange;
}

export interface DateLit {
  /** As written, `YYYY-MM-DD` (validity is checked by the AST builder). */
  readonly value: string;
  readonly range: SourceRange;
}

export type HeaderFieldName = 'title' | 'authority' | 'source' | 'version' | 'effective';

export interface HeaderField {
  readonly kind: 'HeaderField';
  readonly field: HeaderFieldName;
  readonly value: string;
  readonly range: SourceRange;
}

export interface PolicyFile {
  readonly kind: 'PolicyFile';
  readonly id: Name;
  /** The policies named by `extends` (on the `policy` line or as a header clause). */
  readonly parents: readonly Name[];
  /** The policies named by `use`: their vocabulary (roles, facts, events) only, not their rules. */
  readonly uses?: readonly Name[];
  readonly header: readonly HeaderField[];
  readonly declarations: readonly Declaration[];
  /** True when a line could not be read (already reported); the header checks stay quiet then. */
  readonly incomplete: boolean;
  readonly range: SourceRange;
}

export type Declaration = CalendarDecl | RoleDecl | FactDecl | EventDecl | RuleDecl;

export interface CalendarChange {
  readonly change: 'closed' | 'open';
  readonly date: DateLit;
  readonly reason?: StringLit;
  readonly range: SourceRange;
}

export interface CalendarDecl {
  readonly kind: 'Calendar';
  readonly name: Name;
  readonly changes: readonly CalendarChange[];
  readonly range: SourceRange;
}

export interface RoleDecl {
  readonly kind: 'Role';
  readonly name: Name;
  readonly title?: StringLit;
  readonly reportsTo?: Name;
  readonly range: SourceRange;
}

export type PrimitiveType = 'date' | 'boolean' | 'number' | 'text' | 'role';

export type TypeRef =
  | { readonly kind: 'PrimitiveType'; readonly type: PrimitiveType; readonly range: SourceRange }
  | { readonly kind: 'EnumType'; readonly values: readonly Name[]; readonly range: SourceRange };

export interface FactDecl {
  readonly kind: 'Fact';
  readonly name: Name;
  readonly optional: boolean;
  readonly title?: StringLit;
  readonly type: TypeRef;
  /** `set by ...`: the events that change the fact over time (see docs/language.md, "Facts over time"). */
  readonly setBy?: readonly FactSetter[];
  readonly range: SourceRange;
}

/** One event that sets a fact: to the value of one of its attributes, or to a fixed value. */
export type FactSetter =
  | { readonly kind: 'AttributeSetter'; readonly event: Name; readonly attribute: Name; readonly range: SourceRange }
  | { readonly kind: 'ValueSetter'; readonly event: Name; readonly value: Operand; readonly range: SourceRange };

export interface AttributeDecl {
  readonly kind: 'Attribute';
  readonly name: Name;
  readonly optional: boolean;
  readonly type: TypeRef;
  readonly range: SourceRange;
}

export interface EventDecl {
  readonly kind: 'Event';
  readonly name: Name;
  readonly title?: StringLit;
  readonly attributes: readonly AttributeDecl[];
  /** `supersedes earlier`: a later event of this type, recorded strictly before the date an earlier one names, replaces it (see `runtime/kinds/deadline.ts`). */
  readonly supersedes: boolean;
  readonly range: SourceRange;
}

/** The kinds of rule: declared once, by the grammar's words (`RULE_KINDS` in `grammar/tokens.ts`). */
export type { RuleKind };

export interface RuleDecl {
  readonly kind: 'Rule';
  readonly ruleKind: RuleKind;
  readonly override: boolean;
  readonly name: Name;
  readonly title?: StringLit;
  readonly clauses: readonly Clause[];
  /** True when a clause was lost to a syntax error (already reported). */
  readonly incomplete: boolean;
  /** The `deadline NAME "title"` line. */
  readonly headRange: SourceRange;
  readonly range: SourceRange;
}

/** The units (the table in `runtime/units.ts`). */
export type { DurationUnit };

export interface Duration {
  readonly amount: number;
  /** Undefined only when the user left it out (reported as `pdl/duration-without-unit`). */
  readonly unit?: DurationUnit;
  /** The unit as written (`working days`, `calendar months`), for printing. */
  readonly unitText?: string;
  readonly range: SourceRange;
}

export type Anchor =
  | { readonly kind: 'EventAnchor'; readonly event: Name; readonly range: SourceRange }
  | { readonly kind: 'AttributeAnchor'; readonly event: Name; readonly attribute: Name; readonly range: SourceRange }
  | { readonly kind: 'PreviousAnchor'; readonly name: Name; readonly range: SourceRange }
  | { readonly kind: 'ChildAnchor'; readonly attribute: Name; readonly range: SourceRange };

export type Weekday = 'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday' | 'saturday' | 'sunday';

export interface DueSpec {
  readonly kind: 'DueSpec';
  readonly time?: { readonly text: string; readonly range: SourceRange };
  readonly align?: { readonly weekday: Weekday; readonly direction: 'on_or_before' | 'on_or_after'; readonly range: SourceRange };
  /** How the offset was phrased: `within D of`, `at least D before`, or `D before|after`. */
  readonly phrasing: 'within' | 'at_least' | 'plain';
  readonly direction: 'after' | 'before';
  readonly duration: Duration;
  readonly anchor: Anchor;
  readonly range: SourceRange;
}

/** `3 months before`: one end of a window, from the date a due gives. */
export interface DueShift {
  readonly duration: Duration;
  readonly direction: 'after' | 'before';
  readonly range: SourceRange;
}

/** `between D before|after and D before|after` in front of a due date: the window around that date. */
export interface DueWindow {
  readonly opens: DueShift;
  readonly closes: DueShift;
  readonly range: SourceRange;
}

/** What may follow a deadline's due date, in the order written. */
export type DueMore =
  /** `or EVENT`: another anchor event type. */
  | { readonly kind: 'AlsoFrom'; readonly event: Name; readonly range: SourceRange }
  /** `or within D of X`: another due date. */
  | { readonly kind: 'OrDue'; readonly due: DueSpec; readonly range: SourceRange }
  /** `, whichever is sooner|later` */
  | { readonly kind: 'Whichever'; readonly pick: 'sooner' | 'later'; readonly range: SourceRange }
  /** `, earliest D before`: a window that closes on the due date. */
  | { readonly kind: 'Earliest'; readonly opens: DueShift; readonly range: SourceRange };

export type CompareOp = '=' | '!=' | '<' | '<=' | '>' | '>=';

export type Operand =
  | { readonly kind: 'NumberOperand'; readonly value: number; readonly range: SourceRange }
  | { readonly kind: 'StringOperand'; readonly value: string; readonly range: SourceRange }
  | { readonly kind: 'DateOperand'; readonly value: string; readonly range: SourceRange }
  | { readonly kind: 'BooleanOperand'; readonly value: boolean; readonly range: SourceRange }
  /** `name` (a fact, or an enum value), `event.attribute`, or `child.dob`. */
  | { readonly kind: 'PathOperand'; readonly head: Name; readonly child: boolean; readonly attribute?: Name; readonly range: SourceRange }
  /** `today`: the as-of date. */
  | { readonly kind: 'TodayOperand'; readonly range: SourceRange }
  /** `days since the last EVENT`; `unit` is the unit word as written (only `days` is valid). */
  | { readonly kind: 'SinceOperand'; readonly unit: Name; readonly event: Name; readonly range: SourceRange }
  /** `count(EVENT [where CONDITION])` */
  | { readonly kind: 'CountOperand'; readonly event: Name; readonly where?: Condition; readonly range: SourceRange }
  /** `3 months after today` */
  | { readonly kind: 'DateOffsetOperand'; readonly duration: Duration; readonly direction: 'after' | 'before'; readonly base: Operand; readonly range: SourceRange };

export type Condition =
  | { readonly kind: 'AndCondition'; readonly items: readonly Condition[]; readonly range: SourceRange }
  | { readonly kind: 'OrCondition'; readonly items: readonly Condition[]; readonly range: SourceRange }
  | { readonly kind: 'NotCondition'; readonly item: Condition; readonly range: SourceRange }
  /** `age under 5` is `<` 5; `age 16 or over` is `>=` 16. `phrasing` keeps the words for printing. */
  | {
      readonly kind: 'AgeCondition';
      readonly op: CompareOp;
      readonly years: number;
      readonly phrasing: 'under' | 'or_over' | 'op';
      readonly range: SourceRange;
    }
  | {
      readonly kind: 'CompareCondition';
      readonly op: CompareOp;
      readonly phrasing: 'op' | 'is' | 'is_not';
      readonly left: Operand;
      readonly right: Operand;
      readonly range: SourceRange;
    }
  /** An operand alone: a boolean fact or attribute. */
  | { readonly kind: 'TruthCondition'; readonly operand: Operand; readonly range: SourceRange }
  /** `A in (x, y)`, `A not in (x, y)` */
  | { readonly kind: 'InCondition'; readonly negated: boolean; readonly left: Operand; readonly values: readonly Operand[]; readonly range: SourceRange };

export type Clause =
  /** `owner a`; with more roles, `more` holds the others and `join` says whether all (`and`) or any (`or`) of them own it. */
  | { readonly kind: 'OwnerClause'; readonly role: Name; readonly more?: { readonly join: 'and' | 'or'; readonly roles: readonly Name[] }; readonly range: SourceRange }
  | { readonly kind: 'DueClause'; readonly due: DueSpec; readonly window?: DueWindow; readonly more?: readonly DueMore[]; readonly range: SourceRange }
  | { readonly kind: 'WhenClause'; readonly condition: Condition; readonly range: SourceRange }
  | { readonly kind: 'MetByClause'; readonly events: readonly Name[]; readonly where?: Condition; readonly range: SourceRange }
  | { readonly kind: 'CiteClause'; readonly citation: StringLit; readonly range: SourceRange }
  /** `runs from A until B [where C]`: `where` filters the events that end a run. */
  | { readonly kind: 'RunsClause'; readonly starts: readonly Name[]; readonly ends: readonly Name[]; readonly endsWhere?: Condition; readonly range: SourceRange }
  /** `restarts on A [where C]`: `where` filters the events that restart a run. */
  | { readonly kind: 'RestartsClause'; readonly events: readonly Name[]; readonly where?: Condition; readonly range: SourceRange }
  | {
      readonly kind: 'StepClause';
      /** 1 for `first` ... 5 for `fifth`; `repeat` for `then`. */
      readonly ordinal: number | 'repeat';
      readonly ordinalRange: SourceRange;
      readonly due: DueSpec;
      readonly when?: Condition;
      readonly cite?: StringLit;
      readonly range: SourceRange;
    }
  | { readonly kind: 'RequestClause'; readonly event: Name; readonly where?: Condition; readonly range: SourceRange }
  | { readonly kind: 'DecisionClause'; readonly event: Name; readonly range: SourceRange }
  | { readonly kind: 'ApprovedByClause'; readonly roles: readonly Name[]; readonly orAbove: boolean; readonly range: SourceRange }
  | { readonly kind: 'NoticeClause'; readonly due: DueSpec; readonly range: SourceRange }
  | { readonly kind: 'RequiresClause'; readonly event: Name; readonly where?: Condition; readonly range: SourceRange }
  | {
      readonly kind: 'AtMostClause';
      readonly max: number;
      readonly event: Name;
      readonly where?: Condition;
      /** `case`, or the name of a cycle */
      readonly per: Name;
      readonly range: SourceRange;
    }
  | { readonly kind: 'EachClause'; readonly event: Name; readonly attribute: Name; readonly cycle: Name; readonly range: SourceRange }
  | { readonly kind: 'RaisedByClause'; readonly roles: readonly Name[]; readonly range: SourceRange }
  | { readonly kind: 'StagesMayClause'; readonly words: readonly ('bypassed' | 'conflated')[]; readonly range: SourceRange }
  | { readonly kind: 'TotalClause'; readonly duration: Duration; readonly cite?: StringLit; readonly range: SourceRange }
  | {
      readonly kind: 'StageClause';
      readonly number: number;
      readonly numberRange: SourceRange;
      readonly title?: StringLit;
      readonly alert: readonly Name[];
      readonly copy: readonly Name[];
      readonly respondWithin?: Duration;
      readonly referTo?: Name;
      /** `raised by ROLES` on the stage (empty: the ladder's raisers). */
      readonly raisedBy: readonly Name[];
      /** `stops the clock` (a referral stage only). */
      readonly stopsClock: boolean;
      /** `when CONDITION`: the stage is part of the ladder only where it holds. */
      readonly when?: Condition;
      readonly cite?: StringLit;
      readonly range: SourceRange;
    }
  | { readonly kind: 'AdvanceClause'; readonly late: boolean; readonly unsatisfactory: boolean; readonly range: SourceRange }
  | { readonly kind: 'NotifyClause'; readonly subject: StringLit; readonly body?: StringLit; readonly range: SourceRange }
  | { readonly kind: 'CombinatorClause'; readonly combinator: 'any' | 'all' | 'none'; readonly range: SourceRange }
  | { readonly kind: 'CriterionClause'; readonly label: StringLit; readonly condition: Condition; readonly range: SourceRange }
  /** `step EVENT [where ...]`, `after EVENT [where ...]`, `within DURATION`: an `order` of steps. */
  | { readonly kind: 'OrderStepClause'; readonly event: Name; readonly where?: Condition; readonly range: SourceRange }
  | { readonly kind: 'AfterClause'; readonly event: Name; readonly where?: Condition; readonly range: SourceRange }
  | { readonly kind: 'WithinClause'; readonly duration: Duration; readonly range: SourceRange }
  /** A duty's trigger when it follows each occurrence of a cycle: `for each CYCLE` (one that follows an event says `after EVENT [where ...]`, an `AfterClause`). */
  | { readonly kind: 'TriggerClause'; readonly cycle: Name; readonly range: SourceRange }
  /** A duty's bound: `before [DURATION before|after] ANCHOR` or `by the next EVENT`. */
  | { readonly kind: 'BoundClause'; readonly bound: DutyBound; readonly range: SourceRange }
  | { readonly kind: 'WordingClause'; readonly wording: StringLit; readonly range: SourceRange }
  /**
   * A deadline's matching window: `counting from EVENT` (the anchor event's date) or `counting from
   * the previous EVENT[.ATTRIBUTE]` (the latest such event, or date, before the obligation's anchor date).
   */
  | { readonly kind: 'CountingClause'; readonly previous: boolean; readonly event: Name; readonly attribute?: Name; readonly range: SourceRange }
  /** A deadline's anchors capped by a limit: `up to the limit LIMIT` (`word` is the rule-kind word written, `limit` when well formed). */
  | { readonly kind: 'UpToLimitClause'; readonly word: Name; readonly limit: Name; readonly range: SourceRange }
  /** `matched by ATTRIBUTE`: the events the rule pairs must carry the same value of this key attribute. */
  | { readonly kind: 'MatchedByClause'; readonly key: Name; readonly range: SourceRange };

export type DutyTrigger = { readonly kind: 'event'; readonly event: Name; readonly where?: Condition } | { readonly kind: 'cycle'; readonly cycle: Name };

export type DutyBound =
  | { readonly kind: 'date'; readonly offset?: { readonly duration: Duration; readonly direction: 'after' | 'before' }; readonly anchor: Anchor }
  | { readonly kind: 'next'; readonly event: Name };
