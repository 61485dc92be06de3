/**
 * Resolved policy -> elaborated policy: every rule (own and inherited) checked once and fully
 * resolved by its kind's module (`compiler/kinds/`), with all the diagnostics of doing so.
 *
 * Input: a `ResolvedPolicy` (the root file with everything it extends merged in). Output: the
 * `ElaboratedPolicy` and diagnostics about the root file's own rules. Inherited rules are elaborated
 * again in the merged policy (where the IR needs them) but were checked when their own policy
 * compiled, so their diagnostics are dropped; should one no longer check here (a declaration of this
 * policy changes how a name in it reads), that is one `pdl/inherited-rule-invalid` error at the
 * `extends`, never a silent gap.
 *
 * For each rule: the shape (`shape.ts`: missing, repeated and misplaced clauses), the kind's
 * `elaborate` (names, types, anchors), and its `notify` templates; then each kind's `checkPolicy`.
 */
import type * as A from '../ast/types.ts';
import { diagnostic, type Diagnostic } from '../diagnostics/types.ts';
import { kindModule, RULE_KIND_MODULES, type ElaboratedRule } from '../kinds/index.ts';
import { checkNotifyClause } from './templates.ts';
import type { ElabContext } from '../kinds/types.ts';
import { parentsRange } from '../resolve/from-ast.ts';
import type { Located, ResolvedPolicy } from '../resolve/types.ts';
import { ruleParts } from './rule-parts.ts';
import { checkShape } from './shape.ts';
import type { ElaboratedPolicy } from './types.ts';

/** One rule: its node when it checked, and what was found. */
function elaborateRule(located: Located<A.RuleDecl>, policy: ResolvedPolicy): { node?: ElaboratedRule; diagnostics: Diagnostic[] } {
  const rule = located.decl;
  const uri = located.uri;
  const parts = ruleParts(rule);
  const module = kindModule(rule.ruleKind);
  const out: Diagnostic[] = [];
  const complete = checkShape(rule, parts, module, uri, out);
  const ctx: ElabContext = {
    located,
    rule,
    parts,
    policy,
    uri,
    out,
    base: {
      located,
      id: rule.name.text,
      title: rule.title?.value ?? rule.name.text.replace(/_/g, ' '),
      // `cite` is required of every kind: a rule without one has no node (complete is false).
      citation: parts.cite[0]?.citation.value ?? '',
      source: { file: uri, line: rule.name.range.startLine, column: rule.name.range.startColumn },
    },
  };
  const node = module.elaborate(ctx);
  let templatesOk = true;
  if (module.notifyFields !== undefined) {
    for (const notify of parts.notify) templatesOk = checkNotifyClause(notify, module.notifyFields, uri, out) && templatesOk;
  }
  return complete && templatesOk && node !== undefined ? { node, diagnostics: out } : { diagnostics: out };
}

export function elaborate(policy: ResolvedPolicy): { elaborated: ElaboratedPolicy; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const rules: ElaboratedRule[] = [];
  let complete = true;
  for (const located of policy.rules.values()) {
    const { node, diagnostics: found } = elaborateRule(located, policy);
    if (node !== undefined) rules.push(node);
    else complete = false;
    if (located.own) {
      diagnostics.push(...found);
      continue;
    }
    const errors = found.filter((d) => d.severity === 'error');
    if (node === undefined) {
      diagnostics.push(
        diagnostic('pdl/inherited-rule-invalid', policy.uri, parentsRange(policy.ast, located.policy), `\`${located.decl.name.text}\`, inherited from \`${located.policy}\`, does not check in this policy`, {
          related: errors.slice(0, 5).map((d) => ({ uri: d.uri, range: d.range, message: d.message })),
          help: 'a declaration of this policy changes how a name in the inherited rule reads (for example a fact named like an enum value): rename it, or `override` the rule',
        }),
      );
    }
  }
  for (const module of Object.values(RULE_KIND_MODULES)) {
    if (module.checkPolicy === undefined) continue;
    const own = [...policy.rules.values()].filter((r) => r.own && r.decl.ruleKind === module.kind);
    diagnostics.push(...module.checkPolicy(own, policy));
  }
  return { elaborated: { resolved: policy, rules, complete }, diagnostics };
}
