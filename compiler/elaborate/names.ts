/**
 * Name resolution inside declarations: anchors, operands and conditions, resolved against the
 * symbol tables of a `ResolvedPolicy`. Input: AST fragments and their scope. Output: IR fragments
 * (`runtime/ir.ts`) when everything resolves, and diagnostics otherwise.
 *
 * Only elaboration (`compiler/kinds/*`, through `elaborate/from-resolved.ts`) calls these, once per
 * rule: lints and lowering read the elaborated tree, never resolve again.
 */
import type { IrAnchor, IrCondition, IrDue, IrFactSetter, IrOperand, IrType, Weekday } from '../../runtime/ir.ts';
import type * as A from '../ast/types.ts';
import { printCondition } from '../ast/print.ts';
import { diagnostic, suggest, type Diagnostic, withArticle } from '../diagnostics/types.ts';
import type { ElabCondition, ElabDue } from '../kinds/types.ts';
import type { ResolvedPolicy } from '../resolve/types.ts';

export function irType(ref: A.TypeRef): IrType {
  return ref.kind === 'EnumType' ? { kind: 'enum', values: ref.values.map((v) => v.text) } : { kind: ref.type };
}

export function describeType(type: IrType): string {
  return type.kind === 'enum' ? `enum(${type.values.join(', ')})` : type.kind;
}

/** Where a name was used: for messages and for the events whose attributes are in scope. */
export interface Scope {
  readonly policy: ResolvedPolicy;
  readonly uri: string;
  /** Events whose attributes a condition may read here, and why (for the help text). */
  readonly events: readonly string[];
  readonly eventsWhy: string;
}

export interface Resolved<T> {
  readonly value?: T;
  readonly diagnostics: Diagnostic[];
}

function didYouMean(name: string, candidates: Iterable<string>): string | undefined {
  const best = suggest(name, candidates);
  return best === undefined ? undefined : `did you mean \`${best}\`?`;
}

/** Checks that `name` is a declared event; reports `pdl/unknown-event` otherwise. */
export function checkEventName(name: A.Name, scope: Pick<Scope, 'policy' | 'uri'>, diagnostics: Diagnostic[]): boolean {
  if (scope.policy.events.has(name.text)) return true;
  const hint = didYouMean(name.text, scope.policy.events.keys());
  diagnostics.push(
    diagnostic('pdl/unknown-event', scope.uri, name.range, `unknown event \`${name.text}\``, {
      help: hint ?? `declare it with \`event ${name.text}\`, or use one of the declared events`,
    }),
  );
  return false;
}

export function checkRoleName(name: A.Name, scope: Pick<Scope, 'policy' | 'uri'>, diagnostics: Diagnostic[]): boolean {
  if (scope.policy.roles.has(name.text)) return true;
  const hint = didYouMean(name.text, scope.policy.roles.keys());
  diagnostics.push(
    diagnostic('pdl/unknown-role', scope.uri, name.range, `unknown role \`${name.text}\``, {
      help: hint ?? `declare it with \`role ${name.text} "Title"\``,
    }),
  );
  return false;
}

/** The declared type of `event.attribute`, reporting unknown events and attributes. */
export function attributeType(event: A.Name, attribute: A.Name, scope: Pick<Scope, 'policy' | 'uri'>, diagnostics: Diagnostic[]): IrType | undefined {
  if (!checkEventName(event, scope, diagnostics)) return undefined;
  const decl = scope.policy.events.get(event.text)!.decl;
  const attr = decl.attributes.find((a) => a.name.text === attribute.text);
  if (attr === undefined) {
    const names = decl.attributes.map((a) => a.name.text);
    diagnostics.push(
      diagnostic('pdl/unknown-attribute', scope.uri, attribute.range, `event \`${event.text}\` has no attribute \`${attribute.text}\``, {
        help: didYouMean(attribute.text, names) ?? (names.length > 0 ? `its attributes: ${names.map((n) => `\`${n}\``).join(', ')}` : 'it declares no attributes'),
      }),
    );
    return undefined;
  }
  return irType(attr.type);
}

/** A checked `set by` item as IR (`checkFactSetters` has accepted it). */
export function irSetter(s: A.FactSetter): IrFactSetter {
  if (s.kind === 'AttributeSetter') return { kind: 'attribute', event: s.event.text, attribute: s.attribute.text };
  const v = s.value;
  const value = v.kind === 'PathOperand' ? v.head.text : v.kind === 'NumberOperand' || v.kind === 'StringOperand' || v.kind === 'DateOperand' || v.kind === 'BooleanOperand' ? v.value : '';
  return { kind: 'value', event: s.event.text, value };
}

/** Whether a value of type `from` may be stored in a fact of type `to` (an enum into an enum with all its values). */
function assignable(from: IrType, to: IrType): boolean {
  if (from.kind === 'enum' && to.kind === 'enum') return from.values.every((v) => to.values.includes(v));
  return from.kind === to.kind;
}

/**
 * Checks a fact's `set by` list: each event declared and named once, each attribute declared and of
 * the fact's type, each fixed value of the fact's type (`pdl/unknown-event`, `pdl/unknown-attribute`,
 * `pdl/type-mismatch`, `pdl/unknown-enum-value`, `pdl/unknown-role`, `pdl/duplicate-setter`).
 */
export function checkFactSetters(fact: A.FactDecl, scope: Pick<Scope, 'policy' | 'uri'>, out: Diagnostic[]): void {
  const type = irType(fact.type);
  const seen = new Set<string>();
  for (const s of fact.setBy ?? []) {
    if (seen.has(s.event.text)) {
      out.push(diagnostic('pdl/duplicate-setter', scope.uri, s.event.range, `\`${s.event.text}\` already sets \`${fact.name.text}\``, { help: 'an event sets a fact one way: keep one of the two' }));
      continue;
    }
    seen.add(s.event.text);
    if (s.kind === 'AttributeSetter') {
      const from = attributeType(s.event, s.attribute, scope, out);
      if (from !== undefined && !assignable(from, type)) {
        out.push(
          diagnostic('pdl/type-mismatch', scope.uri, s.range, `\`${s.event.text}.${s.attribute.text}\` is ${withArticle(describeType(from))}, but \`${fact.name.text}\` is ${withArticle(describeType(type))}`, {
            help: 'a fact is set by an attribute of its own type (an enum by an enum whose values are among the fact\'s)',
          }),
        );
      }
      continue;
    }
    if (!checkEventName(s.event, scope, out)) continue;
    const v = s.value;
    if (v.kind === 'PathOperand') {
      if (type.kind === 'enum') {
        if (!type.values.includes(v.head.text)) {
          const hint = didYouMean(v.head.text, type.values);
          out.push(diagnostic('pdl/unknown-enum-value', scope.uri, v.range, `\`${v.head.text}\` is not one of ${type.values.map((x) => `\`${x}\``).join(', ')}`, hint ? { help: hint } : {}));
        }
        continue;
      }
      if (type.kind === 'role') {
        checkRoleName(v.head, scope, out);
        continue;
      }
    }
    const given: IrType['kind'] | undefined =
      v.kind === 'BooleanOperand' ? 'boolean' : v.kind === 'NumberOperand' ? 'number' : v.kind === 'DateOperand' ? 'date' : v.kind === 'StringOperand' ? 'text' : undefined;
    const fits = given === type.kind || (given === 'text' && (type.kind === 'enum' ? type.values.includes(String((v as { value: unknown }).value)) : false));
    if (!fits) {
      out.push(
        diagnostic('pdl/type-mismatch', scope.uri, v.range, `\`${fact.name.text}\` is ${withArticle(describeType(type))}, so \`${s.event.text}\` cannot set it to \`${printSetterValue(v)}\``, {
          help: type.kind === 'boolean' ? `write \`${s.event.text} to true\` or \`${s.event.text} to false\`` : type.kind === 'enum' ? `write one of its values: \`${s.event.text} to ${type.values[0] ?? ''}\`` : `give ${withArticle(describeType(type))}`,
        }),
      );
    }
  }
}

function printSetterValue(v: A.Operand): string {
  return printCondition({ kind: 'TruthCondition', operand: v, range: v.range });
}

/** Resolves an operand. `expected` (the other side's type) lets a bare name be an enum value or a role. */
function resolveOperand(o: A.Operand, scope: Scope, expected: IrType | undefined, diagnostics: Diagnostic[]): { operand: IrOperand; type: IrType } | undefined {
  switch (o.kind) {
    case 'NumberOperand':
      return { operand: { kind: 'literal', value: o.value, type: 'number' }, type: { kind: 'number' } };
    case 'StringOperand':
      return { operand: { kind: 'literal', value: o.value, type: 'text' }, type: { kind: 'text' } };
    case 'DateOperand':
      return { operand: { kind: 'literal', value: o.value, type: 'date' }, type: { kind: 'date' } };
    case 'BooleanOperand':
      return { operand: { kind: 'literal', value: o.value, type: 'boolean' }, type: { kind: 'boolean' } };
    case 'TodayOperand':
      return { operand: { kind: 'today' }, type: { kind: 'date' } };
    case 'SinceOperand':
      if (o.unit.text !== 'days') return undefined; // reported when the AST was built
      if (!checkEventName(o.event, scope, diagnostics)) return undefined;
      return { operand: { kind: 'days_since', event: o.event.text }, type: { kind: 'number' } };
    case 'CountOperand': {
      if (!checkEventName(o.event, scope, diagnostics)) return undefined;
      if (o.where === undefined) return { operand: { kind: 'count', event: o.event.text }, type: { kind: 'number' } };
      const inner: Scope = { ...scope, events: [o.event.text], eventsWhy: '`count(EVENT where ...)` can read the attributes of the event it counts' };
      const where = condition(o.where, inner, diagnostics);
      return where === undefined ? undefined : { operand: { kind: 'count', event: o.event.text, where }, type: { kind: 'number' } };
    }
    case 'DateOffsetOperand': {
      if (o.duration.unit === undefined) return undefined; // reported when the AST was built
      const base = resolveOperand(o.base, scope, undefined, diagnostics);
      if (base === undefined) return undefined;
      if (base.type.kind !== 'date') {
        diagnostics.push(diagnostic('pdl/type-mismatch', scope.uri, o.base.range, `\`${printCondition({ kind: 'TruthCondition', operand: o.base, range: o.base.range })}\` is ${withArticle(describeType(base.type))}, not a date`, { help: 'a duration can be added to a date: `3 months after today`' }));
        return undefined;
      }
      return {
        operand: { kind: 'date_offset', direction: o.direction, offset: { amount: o.duration.amount, unit: o.duration.unit }, base: base.operand },
        type: { kind: 'date' },
      };
    }
    case 'PathOperand': {
      if (o.child) {
        if (o.attribute?.text === 'dob') return { operand: { kind: 'child_dob' }, type: { kind: 'date' } };
        diagnostics.push(
          diagnostic('pdl/unknown-attribute', scope.uri, (o.attribute ?? o.head).range, o.attribute === undefined ? '`child` alone is a record, not a value: name its attribute' : `the child has no attribute \`${o.attribute.text}\``, {
            help: 'the child record has `child.dob`; declare other case facts with `fact`',
          }),
        );
        return undefined;
      }
      if (o.attribute !== undefined) {
        const declared = scope.policy.events.get(o.head.text)?.decl;
        const ownDate = o.attribute.text === 'date' && declared !== undefined && !declared.attributes.some((a) => a.name.text === 'date');
        const type = ownDate ? { kind: 'date' as const } : attributeType(o.head, o.attribute, scope, diagnostics);
        if (type === undefined) return undefined;
        if (!scope.events.includes(o.head.text)) {
          diagnostics.push(
            diagnostic('pdl/attribute-out-of-scope', scope.uri, o.range, `\`${o.head.text}.${o.attribute.text}\` cannot be read here`, {
              help: scope.events.length > 0 ? `${scope.eventsWhy}: ${scope.events.map((e) => `\`${e}\``).join(', ')}` : scope.eventsWhy,
            }),
          );
          return undefined;
        }
        if (ownDate) return { operand: { kind: 'event_date', event: o.head.text }, type };
        return { operand: { kind: 'attribute', event: o.head.text, attribute: o.attribute.text }, type };
      }
      const fact = scope.policy.facts.get(o.head.text);
      if (fact !== undefined) return { operand: { kind: 'fact', fact: o.head.text }, type: irType(fact.decl.type) };
      if (expected?.kind === 'enum') {
        if (expected.values.includes(o.head.text)) {
          return { operand: { kind: 'literal', value: o.head.text, type: 'enum' }, type: expected };
        }
        diagnostics.push(
          diagnostic('pdl/unknown-enum-value', scope.uri, o.head.range, `\`${o.head.text}\` is not one of ${expected.values.map((v) => `\`${v}\``).join(', ')}`, {
            ...(didYouMean(o.head.text, expected.values) ? { help: didYouMean(o.head.text, expected.values)! } : {}),
          }),
        );
        return undefined;
      }
      if (expected?.kind === 'role') {
        if (!checkRoleName(o.head, scope, diagnostics)) return undefined;
        return { operand: { kind: 'literal', value: o.head.text, type: 'role' }, type: expected };
      }
      diagnostics.push(
        diagnostic('pdl/unknown-fact', scope.uri, o.head.range, `unknown fact \`${o.head.text}\``, {
          help: didYouMean(o.head.text, scope.policy.facts.keys()) ?? `declare it with \`fact ${o.head.text}: boolean\` (or another type), or read an event attribute as \`event.attribute\``,
        }),
      );
      return undefined;
    }
  }
}

function sameType(a: IrType, b: IrType): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'enum' && b.kind === 'enum') return a.values.join('\u0000') === b.values.join('\u0000');
  return true;
}

/** Resolves and type-checks a condition. */
export function resolveCondition(c: A.Condition, scope: Scope): Resolved<IrCondition> {
  const diagnostics: Diagnostic[] = [];
  const value = condition(c, scope, diagnostics);
  return diagnostics.length > 0 ? { diagnostics } : { value, diagnostics };
}

/** Resolves a condition, reporting into `out`; undefined when it does not resolve. */
export function elabCondition(c: A.Condition, scope: Scope, out: Diagnostic[]): ElabCondition | undefined {
  const r = resolveCondition(c, scope);
  out.push(...r.diagnostics);
  return r.value === undefined ? undefined : { ast: c, ir: r.value };
}

/** Resolves a due date, reporting into `out`; undefined when it does not resolve (or has no unit). */
export function elabDue(d: A.DueSpec, ctx: DueContext, scope: Pick<Scope, 'policy' | 'uri'>, out: Diagnostic[]): ElabDue | undefined {
  const r = resolveDue(d, ctx, scope);
  out.push(...r.diagnostics);
  return r.value === undefined ? undefined : { ast: d, ir: r.value };
}

function condition(c: A.Condition, scope: Scope, diagnostics: Diagnostic[]): IrCondition | undefined {
  const text = printCondition(c);
  switch (c.kind) {
    case 'AndCondition':
    case 'OrCondition': {
      const items = c.items.map((i) => condition(i, scope, diagnostics));
      if (items.some((i) => i === undefined)) return undefined;
      return { kind: c.kind === 'AndCondition' ? 'and' : 'or', items: items as IrCondition[], text };
    }
    case 'NotCondition': {
      const item = condition(c.item, scope, diagnostics);
      return item === undefined ? undefined : { kind: 'not', item, text };
    }
    case 'AgeCondition':
      return { kind: 'compare', op: c.op, left: { kind: 'age' }, right: { kind: 'literal', value: c.years, type: 'number' }, text };
    case 'TruthCondition': {
      const r = resolveOperand(c.operand, scope, undefined, diagnostics);
      if (r === undefined) return undefined;
      if (r.type.kind !== 'boolean') {
        diagnostics.push(
          diagnostic('pdl/type-mismatch', scope.uri, c.range, `\`${text}\` is ${withArticle(describeType(r.type))}, not a condition`, {
            help: `compare it with a value, e.g. \`${text} = ...\``,
          }),
        );
        return undefined;
      }
      return { kind: 'compare', op: '=', left: r.operand, right: { kind: 'literal', value: true, type: 'boolean' }, text };
    }
    case 'InCondition': {
      const left = resolveOperand(c.left, scope, undefined, diagnostics);
      if (left === undefined) return undefined;
      const values: IrOperand[] = [];
      for (const v of c.values) {
        const r = resolveOperand(v, scope, left.type, diagnostics);
        if (r === undefined) return undefined;
        const compatible = sameType(left.type, r.type) || (left.type.kind === 'enum' && r.operand.kind === 'literal' && r.type.kind === 'text' && left.type.values.includes(String(r.operand.value)));
        if (!compatible) {
          diagnostics.push(diagnostic('pdl/type-mismatch', scope.uri, v.range, `cannot compare ${withArticle(describeType(left.type))} with ${withArticle(describeType(r.type))} in \`${text}\``));
          return undefined;
        }
        values.push(left.type.kind === 'enum' && r.operand.kind === 'literal' ? { kind: 'literal', value: r.operand.value, type: 'enum' } : r.operand);
      }
      return { kind: 'in', negated: c.negated, left: left.operand, values, text };
    }
    case 'CompareCondition': {
      // Resolve the side that names something first, so a bare enum value on the other side can be typed.
      const bare = (o: A.Operand): boolean => o.kind === 'PathOperand' && o.attribute === undefined && !o.child && !scope.policy.facts.has(o.head.text);
      const leftIsBare = bare(c.left) && !bare(c.right);
      let left: { operand: IrOperand; type: IrType } | undefined;
      let right: { operand: IrOperand; type: IrType } | undefined;
      if (leftIsBare) {
        right = resolveOperand(c.right, scope, undefined, diagnostics);
        left = right ? resolveOperand(c.left, scope, right.type, diagnostics) : undefined;
      } else {
        left = resolveOperand(c.left, scope, undefined, diagnostics);
        right = left ? resolveOperand(c.right, scope, left.type, diagnostics) : undefined;
      }
      if (left === undefined || right === undefined) return undefined;
      const compatible =
        sameType(left.type, right.type) ||
        (left.type.kind === 'text' && right.type.kind === 'text') ||
        (left.type.kind === 'enum' && right.operand.kind === 'literal' && right.type.kind === 'text' && left.type.values.includes(String(right.operand.value))) ||
        (right.type.kind === 'enum' && left.operand.kind === 'literal' && left.type.kind === 'text' && right.type.values.includes(String(left.operand.value)));
      if (!compatible) {
        diagnostics.push(
          diagnostic('pdl/type-mismatch', scope.uri, c.range, `cannot compare ${withArticle(describeType(left.type))} with ${withArticle(describeType(right.type))} in \`${text}\``),
        );
        return undefined;
      }
      if ((c.op === '<' || c.op === '<=' || c.op === '>' || c.op === '>=') && left.type.kind !== 'number' && left.type.kind !== 'date') {
        diagnostics.push(
          diagnostic('pdl/type-mismatch', scope.uri, c.range, `\`${c.op}\` needs numbers or dates, but \`${text}\` compares ${describeType(left.type)} values`, {
            help: 'use `=`, `!=`, `is` or `is not`',
          }),
        );
        return undefined;
      }
      // Normalise text literals compared with enums into enum literals.
      const fix = (side: { operand: IrOperand; type: IrType }, other: IrType): IrOperand =>
        other.kind === 'enum' && side.operand.kind === 'literal' && side.operand.type === 'text'
          ? { kind: 'literal', value: side.operand.value, type: 'enum' }
          : side.operand;
      return { kind: 'compare', op: c.op, left: fix(left, right.type), right: fix(right, left.type), text };
    }
  }
}

const WEEKDAY_NUMBER: Record<A.Weekday, Weekday> = {
  monday: 1,
  tuesday: 2,
  wednesday: 3,
  thursday: 4,
  friday: 5,
  saturday: 6,
  sunday: 7,
};

/** The context of a due date: a deadline, or a step of a cycle. */
export type DueContext =
  | { readonly kind: 'deadline' }
  /** An approval's notice period: measured from the request event or one of its date attributes. */
  | { readonly kind: 'notice'; readonly requestEvent: string }
  | {
      readonly kind: 'step';
      readonly ordinal: number | 'repeat';
      readonly cycleName: string;
      /** Events that start or restart a run. */
      readonly runEvents: readonly string[];
      readonly metBy: readonly string[];
      /**
       * The cycle lost a clause to a syntax error (`runs from a until b where` with no condition): its
       * run and met-by events may be missing, so a step measured from one is not reported as wrong
       * (the syntax error is the one mistake), only left unresolved.
       */
      readonly incomplete?: boolean;
    };

/** Resolves a due date specification against the vocabulary. */
export function resolveDue(d: A.DueSpec, ctx: DueContext, scope: Pick<Scope, 'policy' | 'uri'>): Resolved<IrDue> {
  const diagnostics: Diagnostic[] = [];
  if (d.duration.unit === undefined) return { diagnostics }; // reported when the AST was built
  const anchor = resolveAnchor(d.anchor, ctx, scope, diagnostics);
  if (anchor === undefined) return { diagnostics };
  const value: IrDue = {
    direction: d.direction,
    offset: { amount: d.duration.amount, unit: d.duration.unit },
    anchor,
    ...(d.align ? { align: { weekday: WEEKDAY_NUMBER[d.align.weekday], direction: d.align.direction } } : {}),
    ...(d.time ? { time: d.time.text } : {}),
  };
  return { value, diagnostics };
}

function resolveAnchor(a: A.Anchor, ctx: DueContext, scope: Pick<Scope, 'policy' | 'uri'>, diagnostics: Diagnostic[]): IrAnchor | undefined {
  switch (a.kind) {
    case 'ChildAnchor':
      if (a.attribute.text !== 'dob') {
        diagnostics.push(diagnostic('pdl/unknown-attribute', scope.uri, a.attribute.range, `the child has no attribute \`${a.attribute.text}\``, { help: 'a deadline may be measured from `child.dob`' }));
        return undefined;
      }
      if (ctx.kind === 'notice') {
        diagnostics.push(diagnostic('pdl/invalid-anchor', scope.uri, a.range, 'a notice period is measured from the request, not from `child.dob`', { help: `measure it from \`${ctx.requestEvent}\` or one of its date attributes` }));
        return undefined;
      }
      if (ctx.kind === 'step') {
        diagnostics.push(diagnostic('pdl/invalid-anchor', scope.uri, a.range, 'a cycle step cannot be measured from `child.dob`', { help: 'the first step is measured from the event that starts the run, later steps from the previous occurrence' }));
        return undefined;
      }
      return { kind: 'child_dob' };
    case 'AttributeAnchor': {
      const type = attributeType(a.event, a.attribute, scope, diagnostics);
      if (type === undefined) return undefined;
      if (type.kind !== 'date') {
        diagnostics.push(
          diagnostic('pdl/anchor-not-a-date', scope.uri, a.range, `\`${a.event.text}.${a.attribute.text}\` is ${withArticle(describeType(type))}, not a date`, {
            help: 'a deadline can be measured only from an event or from a date attribute of an event',
          }),
        );
        return undefined;
      }
      if (ctx.kind === 'notice' && a.event.text !== ctx.requestEvent) {
        diagnostics.push(diagnostic('pdl/invalid-anchor', scope.uri, a.event.range, `a notice period is measured from the request \`${ctx.requestEvent}\`, not from \`${a.event.text}\``));
        return undefined;
      }
      if (ctx.kind === 'step') {
        diagnostics.push(diagnostic('pdl/invalid-anchor', scope.uri, a.range, `a cycle step cannot be measured from \`${a.event.text}.${a.attribute.text}\``, { help: 'the first step is measured from the event that starts the run, later steps from `the previous ...`' }));
        return undefined;
      }
      return { kind: 'event_attribute', event: a.event.text, attribute: a.attribute.text };
    }
    case 'EventAnchor': {
      if (!checkEventName(a.event, scope, diagnostics)) return undefined;
      if (ctx.kind === 'deadline') return { kind: 'event', event: a.event.text };
      if (ctx.kind === 'notice') {
        if (a.event.text === ctx.requestEvent) return { kind: 'event', event: a.event.text };
        diagnostics.push(diagnostic('pdl/invalid-anchor', scope.uri, a.range, `a notice period is measured from the request \`${ctx.requestEvent}\`, not from \`${a.event.text}\``));
        return undefined;
      }
      if (ctx.ordinal === 1 && ctx.runEvents.includes(a.event.text)) return { kind: 'run_start' };
      if (ctx.ordinal === 1) {
        if (ctx.incomplete === true) return undefined;
        diagnostics.push(
          diagnostic('pdl/invalid-anchor', scope.uri, a.range, `the first step of \`${ctx.cycleName}\` is measured from \`${a.event.text}\`, which does not start its runs`, {
            help: ctx.runEvents.length > 0 ? `measure it from ${ctx.runEvents.map((e) => `\`${e}\``).join(' or ')} (the events in \`runs from\` and \`restarts on\`)` : 'add `runs from EVENT` to the cycle',
          }),
        );
        return undefined;
      }
      diagnostics.push(
        diagnostic('pdl/invalid-anchor', scope.uri, a.range, `a later step of \`${ctx.cycleName}\` must be measured from the previous occurrence, not from \`${a.event.text}\``, {
          help: `write \`the previous ${ctx.metBy[0] ?? ctx.cycleName}\``,
        }),
      );
      return undefined;
    }
    case 'PreviousAnchor': {
      if (ctx.kind === 'deadline' || ctx.kind === 'notice') {
        diagnostics.push(diagnostic('pdl/invalid-anchor', scope.uri, a.range, '`the previous ...` is only meaningful in the steps of a cycle', { help: ctx.kind === 'notice' ? `measure it from \`${ctx.requestEvent}\` or one of its date attributes` : "measure a deadline from an event, an event's date attribute, or `child.dob`" }));
        return undefined;
      }
      if (ctx.ordinal === 1) {
        diagnostics.push(
          diagnostic('pdl/invalid-anchor', scope.uri, a.range, 'the first step has no previous occurrence to be measured from', {
            help: ctx.runEvents.length > 0 ? `measure it from ${ctx.runEvents.map((e) => `\`${e}\``).join(' or ')}` : 'measure it from the event that starts the cycle',
          }),
        );
        return undefined;
      }
      if (a.name.text !== ctx.cycleName && !ctx.metBy.includes(a.name.text)) {
        if (ctx.incomplete === true) return undefined;
        diagnostics.push(
          diagnostic('pdl/invalid-anchor', scope.uri, a.name.range, `\`the previous ${a.name.text}\`: \`${a.name.text}\` is neither this cycle nor an event that meets it`, {
            help: `write \`the previous ${ctx.metBy[0] ?? ctx.cycleName}\``,
          }),
        );
        return undefined;
      }
      return { kind: 'previous' };
    }
  }
}

/** Roles named, and with `or above` every role up their reporting lines, in order, without repeats. */
export function expandApprovers(roles: readonly string[], orAbove: boolean, policy: ResolvedPolicy): string[] {
  const out: string[] = [];
  for (const role of roles) {
    let current: string | undefined = role;
    while (current !== undefined && !out.includes(current)) {
      out.push(current);
      current = orAbove ? policy.roles.get(current)?.decl.reportsTo?.text : undefined;
    }
  }
  return out;
}


/** Reports `pdl/unknown-rule` unless `name` is a declared cycle. */
export function checkCycleName(name: A.Name, scope: Pick<Scope, 'policy' | 'uri'>, out: Diagnostic[]): boolean {
  const { policy } = scope;
  const rule = policy.rules.get(name.text);
  if (rule?.decl.ruleKind === 'cycle') return true;
  const cycles = [...policy.rules.values()].filter((r) => r.decl.ruleKind === 'cycle').map((r) => r.decl.name.text);
  const hint = suggest(name.text, cycles);
  const usedFrom = rule === undefined ? policy.usedRules?.get(name.text) : undefined;
  out.push(
    diagnostic('pdl/unknown-rule', scope.uri, name.range, rule ? `\`${name.text}\` is ${withArticle(rule.decl.ruleKind)}, not a cycle` : usedFrom ? `\`${name.text}\` is a rule of \`${usedFrom}\`, which this policy uses for its vocabulary only` : `unknown cycle \`${name.text}\``, {
      help: usedFrom ? `a used policy lends its roles, facts and events, not its rules: extend \`${usedFrom}\` instead (\`extends ${usedFrom}\`) to build on its rules` : hint ? `did you mean \`${hint}\`?` : cycles.length > 0 ? `the cycles: ${cycles.map((c) => `\`${c}\``).join(', ')}` : 'declare a `cycle` first',
    }),
  );
  return false;
}
