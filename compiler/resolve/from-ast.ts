/**
 * AST -> resolved policy. Input: the root file's AST, the resolved policies it extends and those it
 * `use`s (the pipeline compiles those first, detecting cycles); a used policy gives its roles, facts
 * and events (its vocabulary) and not its rules or calendar. Output: one merged `ResolvedPolicy` and the
 * diagnostics of merging: duplicate declarations, overrides of nothing, redefinitions without
 * `override`, and overrides that change a rule's kind.
 *
 * INVARIANT: name resolution *inside* declarations (owners, anchors, conditions) is not done here
 * but by the checks, against these tables; this stage only builds the tables.
 */
import type * as A from '../ast/types.ts';
import { diagnostic, type Diagnostic, withArticle } from '../diagnostics/types.ts';
import type { Located, ResolvedPolicy } from './types.ts';
import { isReservedName } from '../../runtime/names.ts';

const DEFAULT_CALENDAR = 'england-and-wales';

type Kind = 'role' | 'fact' | 'event' | 'rule';

export function resolveFromAst(
  ast: A.PolicyFile,
  uri: string,
  parents: readonly ResolvedPolicy[],
  vocabularies: readonly ResolvedPolicy[] = [],
): { resolved: ResolvedPolicy; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const id = ast.id.text;
  const roles = new Map<string, Located<A.RoleDecl>>();
  const facts = new Map<string, Located<A.FactDecl>>();
  const events = new Map<string, Located<A.EventDecl>>();
  const rules = new Map<string, Located<A.RuleDecl>>();
  const overridden = new Map<string, Located<A.RuleDecl>>();
  const calendarDecls: Located<A.CalendarDecl>[] = [];
  const ancestors: string[] = [];

  const sameDecl = (a: Located<unknown>, b: Located<unknown>): boolean =>
    a.uri === b.uri && (a.decl as { range: { start: number } }).range.start === (b.decl as { range: { start: number } }).range.start;

  const tables: Record<Kind, Map<string, Located<A.Declaration>>> = {
    role: roles as Map<string, Located<A.Declaration>>,
    fact: facts as Map<string, Located<A.Declaration>>,
    event: events as Map<string, Located<A.Declaration>>,
    rule: rules as Map<string, Located<A.Declaration>>,
  };

  const uses: string[] = [];
  const usedRules = new Map<string, string>();
  // Inherited declarations, from every parent (a diamond brings the same declaration twice: kept once);
  // from a used policy (`use`), its vocabulary only: roles, facts and events, not its rules or calendar.
  for (const parent of [...parents, ...vocabularies]) {
    const vocabularyOnly = !parents.includes(parent);
    for (const u of [...(vocabularyOnly ? [parent.id] : []), ...(parent.uses ?? [])]) if (!uses.includes(u)) uses.push(u);
    for (const [name, from] of parent.usedRules ?? []) usedRules.set(name, from);
    if (vocabularyOnly) for (const name of parent.rules.keys()) usedRules.set(name, parent.id);
    if (!vocabularyOnly) for (const a of [parent.id, ...parent.ancestors]) if (!ancestors.includes(a)) ancestors.push(a);
    if (!vocabularyOnly) calendarDecls.push(...parent.calendar.declarations.filter((c) => !calendarDecls.some((x) => sameDecl(x, c))).map((c) => ({ ...c, own: false })));
    const inherit = <T extends A.Declaration>(kind: Kind, from: ReadonlyMap<string, Located<T>>): void => {
      const table = tables[kind];
      for (const [name, located] of from) {
        const existing = table.get(name);
        if (existing !== undefined && !sameDecl(existing, located)) {
          diagnostics.push(
            diagnostic('pdl/duplicate-declaration', uri, parentsRange(ast, parent.id), `${kind} \`${name}\` is declared by two ${vocabularies.length === 0 ? 'extended policies' : 'policies this one extends or uses'}, \`${existing.policy}\` and \`${located.policy}\``, {
              related: [
                { uri: existing.uri, range: nameRange(existing.decl), message: `declared in \`${existing.policy}\`` },
                { uri: located.uri, range: nameRange(located.decl), message: `declared in \`${located.policy}\`` },
              ],
            }),
          );
          continue;
        }
        table.set(name, { ...located, own: false, ...(vocabularyOnly ? { used: true } : {}) } as Located<A.Declaration>);
      }
    };
    inherit('role', parent.roles);
    inherit('fact', parent.facts);
    inherit('event', parent.events);
    if (!vocabularyOnly) inherit('rule', parent.rules);
  }

  for (const decl of ast.declarations) {
    if (decl.kind === 'Calendar') {
      calendarDecls.push({ decl, uri, policy: id, own: true });
      continue;
    }
    const kind: Kind = decl.kind === 'Role' ? 'role' : decl.kind === 'Fact' ? 'fact' : decl.kind === 'Event' ? 'event' : 'rule';
    const table = tables[kind];
    const name = decl.name.text;
    if (isReservedName(name)) diagnostics.push(reserved(kind, decl.name, uri));
    const existing = table.get(name);
    const located: Located<A.Declaration> = { decl, uri, policy: id, own: true };
    if (decl.kind === 'Rule') {
      if (decl.override) {
        if (existing === undefined || existing.own) {
          if (existing?.own) {
            diagnostics.push(duplicate(kind, name, uri, decl, existing));
            continue;
          }
          const candidates = [...rules.values()].filter((r) => !r.own).map((r) => `\`${r.decl.name.text}\``);
          diagnostics.push(
            diagnostic('pdl/override-of-nothing', uri, decl.name.range, `\`override\` of \`${name}\`, but no extended policy declares a rule of that name`, {
              help:
                parents.length === 0
                  ? 'this policy extends nothing: remove `override`, or add `extends` to the `policy` line'
                  : candidates.length > 0
                    ? `inherited rules: ${candidates.join(', ')}`
                    : 'the extended policies declare no rules',
            }),
          );
          table.set(name, located);
          continue;
        }
        const previous = existing as Located<A.RuleDecl>;
        if (previous.decl.ruleKind !== decl.ruleKind) {
          diagnostics.push(
            diagnostic('pdl/override-kind-mismatch', uri, decl.headRange, `\`${name}\` is a ${previous.decl.ruleKind} in \`${previous.policy}\` and cannot be overridden by a ${decl.ruleKind}`, {
              related: [{ uri: previous.uri, range: previous.decl.name.range, message: `declared as a ${previous.decl.ruleKind} here` }],
              help: `an override keeps the kind of the rule it replaces: write \`override ${previous.decl.ruleKind} ${name}\` with ${withArticle(previous.decl.ruleKind)}'s clauses, or choose another name (without \`override\`)`,
            }),
          );
          // The inherited rule keeps its place, as with a redefinition without `override`: the
          // inherited rules that name it (`per looked_after_review` names a cycle) still read it as
          // they were written, and the one mistake is not reported again as theirs.
          continue;
        }
        overridden.set(name, previous);
        table.set(name, located); // Map.set on an existing key keeps its position: the override takes the inherited rule's place.
        continue;
      }
      if (existing !== undefined && !existing.own) {
        // The help names the inherited rule's kind: an override keeps it (`pdl/override-kind-mismatch`).
        const inherited = (existing as Located<A.RuleDecl>).decl.ruleKind;
        diagnostics.push(
          diagnostic('pdl/redefinition-without-override', uri, decl.name.range, `rule \`${name}\` is already declared by \`${existing.policy}\``, {
            help: `\`${name}\` is ${withArticle(inherited)} in \`${existing.policy}\`: write \`override ${inherited} ${name}\` to replace it, or choose another name`,
            related: [{ uri: existing.uri, range: nameRange(existing.decl), message: 'declared here' }],
          }),
        );
        continue;
      }
    }
    if (existing !== undefined) {
      diagnostics.push(duplicate(kind, name, uri, decl, existing));
      continue;
    }
    table.set(name, located);
  }

  const ownCalendar = calendarDecls.filter((c) => c.own);
  const calendarName = ownCalendar[0]?.decl.name.text ?? calendarDecls[0]?.decl.name.text ?? DEFAULT_CALENDAR;
  const changes = calendarDecls.flatMap((c) => c.decl.changes.map((change) => ({ decl: change, uri: c.uri, policy: c.policy, own: c.own })));

  const header: Partial<Record<A.HeaderFieldName, string>> = {};
  for (const field of ast.header) if (header[field.field] === undefined) header[field.field] = field.value;

  return {
    resolved: {
      id,
      uri,
      ast,
      ancestors,
      header,
      calendar: { name: calendarName, declarations: calendarDecls, changes },
      roles,
      facts,
      events,
      rules,
      ...(uses.length > 0 ? { uses, usedRules } : {}),
      overridden,
    },
    diagnostics,
  };
}

/** `pdl/reserved-name` for a declared name that is one of JavaScript's own (see runtime/names.ts). */
export function reserved(kind: string, name: A.Name, uri: string): Diagnostic {
  return diagnostic('pdl/reserved-name', uri, name.range, `\`${name.text}\` cannot name ${withArticle(kind)}: every JavaScript object has a property of that name`, {
    help: 'choose another name',
  });
}

function nameRange(decl: unknown): A.Name['range'] {
  return (decl as { name: A.Name }).name.range;
}

export function parentsRange(ast: A.PolicyFile, parentId: string): A.Name['range'] {
  return (ast.parents.find((p) => p.text === parentId) ?? ast.id).range;
}

function duplicate(kind: Kind, name: string, uri: string, decl: A.Declaration & { name: A.Name }, existing: Located<A.Declaration>): Diagnostic {
  const where = existing.own ? 'earlier in this policy' : `in \`${existing.policy}\`, which this policy ${existing.used === true ? 'uses' : 'extends'}`;
  return diagnostic('pdl/duplicate-declaration', uri, decl.name.range, `${kind} \`${name}\` is already declared ${where}`, {
    related: [{ uri: existing.uri, range: nameRange(existing.decl), message: 'first declared here' }],
    help: existing.own
      ? 'remove one of the two declarations, or rename one'
      : existing.used === true
        ? 'a policy that uses another takes its vocabulary as it is; remove this one'
        : 'an extending policy uses the inherited declaration as it is; remove this one',
  });
}
