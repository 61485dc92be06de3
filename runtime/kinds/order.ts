/**
 * The `order` kind: steps that must come first ("they must first discuss this request with...").
 *
 * Input: `PolicyIR.orders` (prepared once into one unit: conditions compiled, the recency window
 * turned into date arithmetic), then per case the `CaseState`. Output: violations (kind `order`)
 * appended to `st.violations`; notices raised by conditions. Stage `events`: it reads the events only.
 *
 * Semantics (per order; events after the as-of date are never considered):
 * 1. A step is an event of type `step.event` whose `step.where` holds (reading that event) and for
 *    which the order's `when` holds (on the step's date: age on that date, the step's attributes,
 *    the facts).
 * 2. An earlier event is an event of type `after.event` whose `after.where` holds (reading that
 *    event), placed before the step in the case's events sorted by date then by their position in the
 *    input: dated before the step, or on the same date and recorded before it. A timeline has dates
 *    only, so on the same date the order the case records them in is the order they happened in; an
 *    event never precedes itself (with `step` and `after` of one type, the step needs another one).
 * 3. The earlier event taken is the latest one before the step. With `within`, it must be dated on or
 *    after the step's date moved back by `within` (the arithmetic of `runtime/units.ts`, as for due
 *    dates: calendar months clamped to the month's end; working days on the policy's calendar, the
 *    step's date not counted). An earlier event more recent than that is always in time.
 * 4. One earlier event may come before any number of steps (nothing consumes it).
 * 5. Each step with no earlier event is a violation ("no ... on or before it"); each step whose latest
 *    earlier event is older than the window is a violation naming that event's date and the earliest
 *    date allowed. Violations point at the step and cite the order's paragraph.
 *
 * 6. With a key (`key`, `matched by ATTRIBUTE`; `runtime/keys.ts`), an earlier event counts for a
 *    step only when it carries the step's value of the key ("a discussion about THIS request"): 3 takes
 *    the latest earlier event with that value. Messages say "matched by ATTRIBUTE", never the value.
 *
 * INVARIANT: nothing here runs for a policy without orders; `evaluate` is one pass over the events
 * per order, with no `Date` and no regexes.
 */

import type { IrOrder, PolicyIR } from '../ir.ts';
import type { PlainDate } from '../dates.ts';
import type { NormalizedEvent } from '../case.ts';
import { MalformedIrError, compileCondition } from '../conditions.ts';
import type { Condition } from '../conditions.ts';
import { eventRef, longDate, quantity, shifter } from '../explain.ts';
import type { Violation } from '../result.ts';
import { keyOf, matchedByText } from '../keys.ts';
import type { CaseState, PrepareContext, PreparedUnit, RuntimeKind } from './types.ts';

/** An order prepared for evaluation. */
export interface CompiledOrder {
  readonly ir: IrOrder;
  readonly stepWhere: Condition | undefined;
  readonly afterWhere: Condition | undefined;
  readonly when: Condition | undefined;
  /** The earliest date an earlier event may have, from the step's date; undefined: any date. */
  readonly earliest: ((step: PlainDate) => PlainDate) | undefined;
}

function declared(ir: PolicyIR, event: string, at: string): void {
  if (!ir.events.some((e) => e.name === event)) throw new MalformedIrError(`${at}: undeclared event \`${event}\``);
}

/** Compiles the policy's orders. Throws `MalformedIrError` on a broken IR. */
export function compileOrders(ir: PolicyIR, ctx: PrepareContext): CompiledOrder[] {
  return ir.orders.map((o) => {
    const at = `order \`${o.id}\``;
    declared(ir, o.step.event, at);
    declared(ir, o.after.event, at);
    if (o.within !== undefined && (!Number.isSafeInteger(o.within.amount) || o.within.amount < 1)) {
      throw new MalformedIrError(`${at}: the window \`within\` must be a whole number of at least 1, not ${o.within.amount}`);
    }
    return {
      ir: o,
      stepWhere: o.step.where === undefined ? undefined : compileCondition(o.step.where, ir, `the \`step\` of ${at}`, ctx.calendar),
      afterWhere: o.after.where === undefined ? undefined : compileCondition(o.after.where, ir, `the \`after\` of ${at}`, ctx.calendar),
      when: o.when === undefined ? undefined : compileCondition(o.when, ir, `the \`when\` of ${at}`, ctx.calendar),
      earliest: o.within === undefined ? undefined : shifter(o.within, 'before', ctx.calendar),
    };
  });
}

function violation(o: IrOrder, message: string, step: NormalizedEvent): Violation {
  return { rule: o.id, kind: 'order', message: `${o.title}: ${message}`, event: eventRef(step), citation: o.citation };
}

/** Checks every step of every order (see the module comment), appending violations to `out`. */
export function evaluateOrders(orders: readonly CompiledOrder[], st: CaseState): void {
  const { events, n, scope } = st;
  for (const o of orders) {
    const { step, after, key } = o.ir;
    const matched = matchedByText(key);
    /** The latest earlier event seen so far (index into `events`) for each key value (one entry, `undefined`, without a key). */
    const lastOf = new Map<unknown, number>();
    for (let i = 0; i < n; i++) {
      const e = events[i] as NormalizedEvent;
      if (e.type === step.event && (o.stepWhere === undefined || o.stepWhere(scope, e.date, e)) && (o.when === undefined || o.when(scope, e.date, e))) {
        const first = `must come first (${o.ir.citation})`;
        const last = lastOf.get(keyOf(e, key)) ?? -1;
        if (last < 0) {
          st.violations.push(violation(o.ir, `${step.event} on ${longDate(e.date)} has no ${after.text}${matched} on or before it, which ${first}`, e));
        } else if (o.earliest !== undefined && o.ir.within !== undefined) {
          const p = events[last] as NormalizedEvent;
          const earliest = o.earliest(e.date);
          if (p.date < earliest) {
            const w = o.ir.within;
            st.violations.push(
              violation(
                o.ir,
                `${step.event} on ${longDate(e.date)}: the latest ${after.text}${matched} before it was on ${longDate(p.date)}, more than ${quantity(w.amount, w.unit)} earlier; one on or after ${longDate(earliest)} ${first}`,
                e,
              ),
            );
          }
        }
      }
      // After the step check, so that an event is never its own earlier event.
      if (e.type === after.event && (o.afterWhere === undefined || o.afterWhere(scope, e.date, e))) lastOf.set(keyOf(e, key), i);
    }
  }
}

export const orderKind: RuntimeKind<readonly CompiledOrder[]> = {
  kind: 'order',
  stage: 'events',
  prepare(ir: PolicyIR, ctx: PrepareContext): PreparedUnit<readonly CompiledOrder[]>[] {
    const orders = compileOrders(ir, ctx);
    return orders.length === 0 ? [] : [{ unit: orders, position: 0 }];
  },
  evaluate(orders: readonly CompiledOrder[], st: CaseState): void {
    evaluateOrders(orders, st);
  },
};
