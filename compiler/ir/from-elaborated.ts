/**
 * Elaborated policy -> IR (`runtime/ir.ts`).
 *
 * Input: an `ElaboratedPolicy` that is complete and for which no error was reported. Output: the
 * plain-JSON IR the runtime evaluates and the emitters embed.
 * INVARIANT: total: every name was bound and every condition typed by elaboration, so this stage
 * only copies; each kind's module lowers its own rules into its slot of the IR, in policy order.
 */
import { DEFAULT_CALENDAR, isCalendarName } from '../../runtime/calendar.ts';
import { IR_RULE_SLOTS, IR_VERSION, type PolicyIR } from '../../runtime/ir.ts';
import { irSetter, irType } from '../elaborate/names.ts';
import type { ElaboratedPolicy } from '../elaborate/types.ts';
import { kindModule } from '../kinds/index.ts';
import type { IrOfSlot, IrSlot } from '../kinds/types.ts';

export function irFromElaborated(elaborated: ElaboratedPolicy): PolicyIR {
  const policy = elaborated.resolved;
  const h = policy.header;
  const slots = Object.fromEntries(Object.keys(IR_RULE_SLOTS).map((slot) => [slot, []])) as unknown as { [S in IrSlot]: IrOfSlot<S>[] };
  for (const rule of elaborated.rules) {
    const module = kindModule(rule.kind);
    (slots[module.slot] as unknown[]).push(module.lower(rule));
  }
  // The optional list (`duties`) is left out when empty, so that IR without duties is unchanged.
  const { duties, ...required } = slots;
  return {
    irVersion: IR_VERSION,
    id: policy.id,
    title: h.title ?? policy.id,
    ...(h.authority !== undefined ? { authority: h.authority } : {}),
    ...(h.version !== undefined ? { version: h.version } : {}),
    ...(h.effective !== undefined ? { effective: h.effective } : {}),
    ...(h.source !== undefined ? { source: h.source } : {}),
    extends: policy.ancestors,
    ...(policy.uses !== undefined && policy.uses.length > 0 ? { uses: policy.uses } : {}),
    calendar: {
      // An unknown name is an error (pdl/unknown-calendar), so never lowered.
      base: isCalendarName(policy.calendar.name) ? policy.calendar.name : DEFAULT_CALENDAR,
      add: policy.calendar.changes
        .filter((c) => c.decl.change === 'closed')
        .map((c) => ({ date: c.decl.date.value, name: c.decl.reason?.value ?? `closure day (${c.policy})` })),
      remove: policy.calendar.changes
        .filter((c) => c.decl.change === 'open')
        .map((c) => ({ date: c.decl.date.value, ...(c.decl.reason ? { reason: c.decl.reason.value } : {}) })),
    },
    roles: [...policy.roles.values()].map(({ decl }) => ({
      name: decl.name.text,
      title: decl.title?.value ?? decl.name.text.replace(/_/g, ' '),
      ...(decl.reportsTo ? { reportsTo: decl.reportsTo.text } : {}),
    })),
    facts: [...policy.facts.values()].map(({ decl }) => ({
      name: decl.name.text,
      ...(decl.title ? { title: decl.title.value } : {}),
      type: irType(decl.type),
      optional: decl.optional,
      ...(decl.setBy ? { setBy: decl.setBy.map(irSetter) } : {}),
    })),
    events: [...policy.events.values()].map(({ decl }) => ({
      name: decl.name.text,
      ...(decl.title ? { title: decl.title.value } : {}),
      attributes: decl.attributes.map((a) => ({ name: a.name.text, type: irType(a.type), optional: a.optional })),
      ...(decl.supersedes ? { supersedes: true as const } : {}),
    })),
    ...required,
    ...(duties.length > 0 ? { duties } : {}),
  };
}
