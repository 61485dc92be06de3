/**
 * Notification templates: each `notify` subject and body is valid Handlebars, names only fields that
 * exist for the kind of rule carrying it (`NOTIFICATION_FIELDS`, the runtime's one definition), and
 * uses no helpers but `#if` / `#unless` on such a field, and never inserts a value unescaped
 * (`{{{field}}}`, `{{&field}}`). A wrong field is an error when the policy is
 * checked, never an empty string at run time.
 *
 * Input: a rule's `notify` clause and the fields its kind's notifications carry (the kind module's
 * `notifyFields`). Output: diagnostics, and whether the templates are fine. Called by elaboration
 * (`from-resolved.ts`) for every rule whose kind takes `notify`.
 */
import Handlebars from 'handlebars';
import { NOTIFICATION_FIELDS } from '../../runtime/notify.ts';
import type * as A from '../ast/types.ts';
import { diagnostic, suggest, type Diagnostic } from '../diagnostics/types.ts';
import type { ClauseOf } from './rule-parts.ts';
import { MAX_TEMPLATE_NESTING } from '../../runtime/input-limits.ts';

type Node = hbs.AST.Node;

function pathOf(node: hbs.AST.Expression): string | undefined {
  return node.type === 'PathExpression' ? (node as hbs.AST.PathExpression).original : undefined;
}

/** The problems of one template: invalid syntax, unknown fields, helpers. Empty when it is fine. */
export function templateProblems(template: string, allowed: readonly string[]): { message: string; help?: string }[] {
  const depth = blockDepth(template);
  if (depth > MAX_TEMPLATE_NESTING) {
    // Not given to Handlebars, whose parser and compiler recurse (and slow down) with the depth.
    return [{ message: `the template nests its blocks ${depth} deep, more than ${MAX_TEMPLATE_NESTING}`, help: `nest \`{{#if}}\` and \`{{#unless}}\` at most ${MAX_TEMPLATE_NESTING} deep (docs/limits.md)` }];
  }
  let program: hbs.AST.Program;
  try {
    program = Handlebars.parse(template);
  } catch (e) {
    return [{ message: `not a valid template: ${(e as Error).message.split('\n')[0]}` }];
  }
  const problems: { message: string; help?: string }[] = [];
  const field = (expr: hbs.AST.Expression): void => {
    const path = pathOf(expr);
    if (path === undefined) return; // a literal
    if (!allowed.includes(path)) {
      const hint = suggest(path, allowed);
      problems.push({
        message: `the template names \`${path}\`, which does not exist here`,
        help: hint ? `did you mean \`${hint}\`?` : `the fields: ${allowed.map((f) => `\`${f}\``).join(', ')}`,
      });
    }
  };
  const visit = (node: Node): void => {
    switch (node.type) {
      case 'Program':
        for (const s of (node as hbs.AST.Program).body) visit(s);
        break;
      case 'MustacheStatement': {
        const m = node as hbs.AST.MustacheStatement;
        if (!m.escaped) {
          // `{{{field}}}` and `{{&field}}` insert the value as raw HTML; case data is never trusted.
          problems.push({
            message: `\`${pathOf(m.path) ?? 'this value'}\` is inserted unescaped (\`{{{...}}}\` or \`{{&...}}\`), which would put case data into the message as raw HTML`,
            help: `write \`{{${pathOf(m.path) ?? 'field'}}}\`: output is always HTML-escaped`,
          });
        } else if (m.params.length > 0 || (m.hash?.pairs.length ?? 0) > 0) {
          problems.push({ message: `\`${pathOf(m.path) ?? 'a helper'}\` is a helper call; templates may only name fields`, help: 'write `{{obligation.due}}`, or `{{#if field}}...{{/if}}`' });
        } else field(m.path);
        break;
      }
      case 'BlockStatement': {
        const b = node as hbs.AST.BlockStatement;
        const name = pathOf(b.path);
        if ((name === 'if' || name === 'unless') && b.params.length === 1) {
          field(b.params[0]!);
          visit(b.program);
          if (b.inverse) visit(b.inverse);
        } else {
          problems.push({ message: `\`{{#${name ?? '?'}}}\` is not available in templates`, help: 'only `{{#if field}}` and `{{#unless field}}` blocks are' });
        }
        break;
      }
      case 'PartialStatement':
      case 'PartialBlockStatement':
      case 'DecoratorBlock':
      case 'Decorator':
        problems.push({ message: 'partials and decorators are not available in templates' });
        break;
      default:
        break; // content and comments
    }
  };
  visit(program);
  return problems;
}

/** The deepest the blocks of a template nest (`{{#...}}` and `{{^...}}` open one, `{{/...}}` closes one), read in one pass. */
function blockDepth(template: string): number {
  let depth = 0;
  let deepest = 0;
  for (const match of template.matchAll(/\{\{~?\s*([#^/])\s*([^}\s~]?)/g)) {
    if (match[1] === '/') depth = Math.max(0, depth - 1);
    else if (match[2] !== '') deepest = Math.max(deepest, ++depth); // `{{^}}` alone is an `else`
  }
  return deepest;
}

/**
 * Checks a `notify` clause of a rule whose notifications carry `fields` (`obligation` for deadlines
 * and cycles, `ladder` for ladders). Returns false when a template has a problem (reported in `out`).
 */
export function checkNotifyClause(notify: ClauseOf<'NotifyClause'>, fields: keyof typeof NOTIFICATION_FIELDS, uri: string, out: Diagnostic[]): boolean {
  const allowed = NOTIFICATION_FIELDS[fields].map((f) => f.path);
  let ok = true;
  const strings: A.StringLit[] = [notify.subject, ...(notify.body ? [notify.body] : [])];
  for (const s of strings) {
    for (const p of templateProblems(s.value, allowed)) {
      const code = p.message.startsWith('not a valid template') || p.message.includes('nests its blocks') || p.message.includes('not available') || p.message.includes('helper call') || p.message.includes('unescaped') ? 'pdl/invalid-template' : 'pdl/unknown-template-field';
      out.push(diagnostic(code, uri, s.range, p.message, p.help === undefined ? {} : { help: p.help }));
      ok = false;
    }
  }
  return ok;
}
