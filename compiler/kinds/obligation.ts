/**
 * What deadlines, cycles and duties share: an owner (or several: `owner a and b`, `owner a or b`), `met by` (with an optional `where`), a rule-level `when`
 * and a `notify` template. Input: the elaboration context of a deadline or cycle. Output: those parts
 * checked and resolved, with diagnostics for what does not resolve.
 */
import type { IrMetBy, IrOwners } from '../../runtime/ir.ts';
import { diagnostic } from '../diagnostics/types.ts';
import { checkEventName, checkRoleName, elabCondition, type Scope } from '../elaborate/names.ts';
import { metByEvents, UNASSIGNED, type ClauseOf } from '../elaborate/rule-parts.ts';
import { lowerTemplate } from './common.ts';
import type { ElabCondition, ElabContext, ElaboratedBase } from './types.ts';

/** The parts of an obligation rule once checked; `undefined` fields did not resolve (already reported). */
export interface ObligationParts {
  readonly owner: string;
  /** With more than one owner (`owner a and b`, `owner a or b`): all of them, the first being `owner`. */
  readonly owners?: IrOwners;
  readonly metBy: { readonly events: readonly string[]; readonly where?: ElabCondition };
  readonly when?: ElabCondition;
  readonly notify?: ClauseOf<'NotifyClause'>;
}

/** The scope of `met by ... where`: the candidate event's attributes. */
export function metByScope(ctx: ElabContext): Scope {
  return { policy: ctx.policy, uri: ctx.uri, events: metByEvents(ctx.parts), eventsWhy: '`met by ... where` can read the attributes of the candidate event' };
}

/**
 * Checks the owner (a declared role, or a warning that nobody is named), the events of `met by`, and
 * resolves the conditions of `met by ... where` and of `when` (in `whenScope`). Returns undefined when
 * something did not resolve.
 */
export function elaborateObligationParts(ctx: ElabContext, whenScope: Scope): ObligationParts | undefined {
  const { parts, rule, out } = ctx;
  const scope = { policy: ctx.policy, uri: ctx.uri };
  let ok = true;
  for (const owner of parts.owner) for (const role of [owner.role, ...(owner.more?.roles ?? [])]) ok = checkRoleName(role, scope, out) && ok;
  if (parts.owner.length === 0 && !rule.incomplete) {
    out.push(
      diagnostic('pdl/unowned-obligation', ctx.uri, rule.headRange, `${rule.ruleKind} \`${rule.name.text}\` names no owner, so nobody is responsible for it`, {
        help: `add \`owner ROLE\` if the document says who must do it; otherwise this records a gap in the document (the obligation is reported with owner \`${UNASSIGNED}\`)`,
      }),
    );
  }
  for (const metBy of parts.metBy) for (const e of metBy.events) ok = checkEventName(e, scope, out) && ok;
  const whenClause = parts.when[0];
  const when = whenClause ? elabCondition(whenClause.condition, whenScope, out) : undefined;
  const metByClause = parts.metBy[0];
  const where = metByClause?.where ? elabCondition(metByClause.where, metByScope(ctx), out) : undefined;
  if (!ok || (whenClause && !when) || (metByClause?.where && !where)) return undefined;
  const notify = parts.notify[0];
  const first = parts.owner[0];
  return {
    owner: first?.role.text ?? UNASSIGNED,
    ...(first?.more ? { owners: { join: first.more.join === 'and' ? ('all' as const) : ('any' as const), roles: [first.role.text, ...first.more.roles.map((r) => r.text)] } } : {}),
    metBy: { events: metByEvents(parts), ...(where ? { where } : {}) },
    ...(when ? { when } : {}),
    ...(notify ? { notify } : {}),
  };
}

/** The IR fields deadlines and cycles share, in the IR's key order (after `kind`). */
export function lowerObligation(o: ObligationParts & ElaboratedBase<'deadline' | 'cycle'>) {
  return {
    id: o.id,
    title: o.title,
    owner: o.owner,
    ...(o.owners ? { owners: o.owners } : {}),
    metBy: lowerMetBy(o.metBy),
    citation: o.citation,
    source: o.source,
    policy: o.located.policy,
    ...(o.when ? { when: o.when.ir } : {}),
    ...(o.notify ? { notify: lowerTemplate(o.notify) } : {}),
  };
}

function lowerMetBy(m: ObligationParts['metBy']): IrMetBy {
  return { events: [...m.events], ...(m.where ? { where: m.where.ir } : {}) };
}
