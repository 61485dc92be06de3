/**
 * Ladder checks: roles are declared; stages are numbered once each, in increasing order; every stage
 * either alerts roles with a response timescale or refers the matter on, and only the last refers;
 * the escalation events the runtime reads are declared with the attributes it needs.
 */
import type * as A from '../ast/types.ts';
import { diagnostic, type Diagnostic } from '../diagnostics/types.ts';
import { checkRoleName } from '../resolve/names.ts';
import { ruleParts } from '../resolve/rule-parts.ts';
import type { ResolvedPolicy } from '../resolve/types.ts';
import type { Check } from './types.ts';

/** The events a ladder reads, and the attributes (with types) each must declare. */
export const LADDER_EVENTS: Record<string, Record<string, string>> = {
  escalation_raised: { ladder: 'text', stage: 'number' },
  escalation_response: { ladder: 'text', stage: 'number', satisfactory: 'boolean' },
  escalation_resolved: { ladder: 'text' },
};

export const checkLadders: Check = (policy) => {
  const out: Diagnostic[] = [];
  let vocabularyChecked = false;
  for (const rule of policy.rules.values()) {
    if (!rule.own || rule.decl.ruleKind !== 'ladder') continue;
    checkLadder(rule.decl, policy, out);
    if (!vocabularyChecked) {
      checkLadderVocabulary(rule.decl, policy, out);
      vocabularyChecked = true;
    }
  }
  return out;
};

function checkLadder(rule: A.RuleDecl, policy: ResolvedPolicy, out: Diagnostic[]): void {
  const uri = policy.uri;
  const scope = { policy, uri };
  const parts = ruleParts(rule);
  for (const raised of parts.raisedBy) for (const role of raised.roles) checkRoleName(role, scope, out);
  let previous: A.Clause & { kind: 'StageClause' } | undefined;
  const seen = new Set<number>();
  parts.stages.forEach((stage, index) => {
    for (const role of [...stage.alert, ...stage.copy]) checkRoleName(role, scope, out);
    if (stage.referTo) checkRoleName(stage.referTo, scope, out);
    if (seen.has(stage.number)) {
      out.push(diagnostic('pdl/invalid-stage', uri, stage.numberRange, `stage ${stage.number} is declared twice in \`${rule.name.text}\``));
    } else if (previous !== undefined && stage.number < previous.number) {
      out.push(diagnostic('pdl/invalid-stage', uri, stage.numberRange, `stage ${stage.number} comes after stage ${previous.number}`, { help: 'list the stages in order' }));
    }
    seen.add(stage.number);
    if (stage.referTo === undefined && stage.respondWithin === undefined) {
      out.push(
        diagnostic('pdl/invalid-stage', uri, stage.numberRange, `stage ${stage.number} of \`${rule.name.text}\` says whom it alerts but not how soon they must respond`, {
          help: 'add `respond within 5 working days` (or the timescale the document gives)',
        }),
      );
    }
    if (stage.referTo !== undefined && index < parts.stages.length - 1) {
      out.push(diagnostic('pdl/invalid-stage', uri, stage.numberRange, `stage ${stage.number} refers the matter on, so it must be the last stage`));
    }
    previous = stage;
  });
}

function checkLadderVocabulary(rule: A.RuleDecl, policy: ResolvedPolicy, out: Diagnostic[]): void {
  const missing = Object.keys(LADDER_EVENTS).filter((e) => !policy.events.has(e));
  if (missing.length > 0) {
    // One message for the whole missing vocabulary, not one per event.
    out.push(
      diagnostic('pdl/unknown-event', policy.uri, rule.name.range, `ladders read the events ${missing.map((e) => `\`${e}\``).join(', ')}, which are not declared`, {
        help: `extend \`england.statutory_reviews\`, which declares them, or declare ${missing
          .map((e) => `\`event ${e} { ${Object.entries(LADDER_EVENTS[e]!).map(([n, t]) => `${n}: ${t}`).join(', ')} }\``)
          .join(', ')}`,
      }),
    );
  }
  for (const [event, attributes] of Object.entries(LADDER_EVENTS)) {
    const decl = policy.events.get(event)?.decl;
    const wanted = Object.entries(attributes).map(([n, t]) => `${n}: ${t}`).join(', ');
    if (decl === undefined) continue;
    for (const [name, type] of Object.entries(attributes)) {
      const attr = decl.attributes.find((a) => a.name.text === name);
      if (attr === undefined || attr.type.kind !== 'PrimitiveType' || attr.type.type !== type) {
        out.push(
          diagnostic('pdl/unknown-attribute', policy.uri, rule.name.range, `ladders read \`${event}.${name}\` as a ${type}, but \`${event}\` does not declare it so`, {
            help: `declare \`event ${event} { ${wanted} }\``,
          }),
        );
      }
    }
  }
}
