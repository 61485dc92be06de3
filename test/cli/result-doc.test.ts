/**
 * docs/cli.md describes `pdl evaluate --json` field by field; runtime/result.ts holds the types that
 * are the spec. This test reads both: every field of each item type (optional ones marked `?` in the
 * doc, required ones not), every top-level key of `EvaluationResult`, and every value of the status
 * unions must be in the doc's list, and the doc must list no field the type does not have. It failed
 * when the doc had no `escalated` status and none of `escalatedOn`, `escalatedToStage`, `escalatedTo`
 * and `clockStoppedOn`.
 *
 * Input: runtime/result.ts (parsed with the TypeScript compiler) and docs/cli.md. Output: assertions.
 */
import { readFileSync } from 'node:fs';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/processes.ts';

const source = ts.createSourceFile('result.ts', readFileSync(`${ROOT}runtime/result.ts`, 'utf8'), ts.ScriptTarget.Latest, true);
const doc = readFileSync(`${ROOT}docs/cli.md`, 'utf8');

/** The properties of an interface of result.ts, each `name` or `name?`. */
function fieldsOf(name: string): string[] {
  const node = source.statements.find((s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === name);
  if (node === undefined) throw new Error(`no interface ${name} in runtime/result.ts`);
  return node.members.filter(ts.isPropertySignature).map((m) => `${m.name.getText(source)}${m.questionToken !== undefined ? '?' : ''}`);
}

/** The string literals of a union type alias of result.ts. */
function valuesOf(name: string): string[] {
  const node = source.statements.find((s): s is ts.TypeAliasDeclaration => ts.isTypeAliasDeclaration(s) && s.name.text === name);
  if (node === undefined || !ts.isUnionTypeNode(node.type)) throw new Error(`no union ${name} in runtime/result.ts`);
  return node.type.types.map((t) => (ts.isLiteralTypeNode(t) && ts.isStringLiteral(t.literal) ? t.literal.text : t.getText(source)));
}

/** The doc's row for an array: `| \`NAME\` | {...}: prose |`, as its top-level keys and its prose. */
function docRow(array: string): { keys: string[]; prose: string } {
  const row = doc.split('\n').find((l) => l.startsWith(`| \`${array}\` | \``));
  if (row === undefined) throw new Error(`docs/cli.md has no row for \`${array}\``);
  const cell = row.slice(`| \`${array}\` | \``.length);
  const keys: string[] = [];
  let depth = 0;
  let current = '';
  let end = 0;
  for (let i = 0; i < cell.length; i++) {
    const ch = cell[i]!;
    if (ch === '{' || ch === '[') {
      depth++;
      if (depth === 1) continue;
    } else if (ch === '}' || ch === ']') {
      depth--;
      if (depth === 0) {
        end = i;
        break;
      }
    }
    if (depth === 1 && ch === ',') {
      keys.push(current);
      current = '';
    } else if (depth === 1) current += ch;
  }
  keys.push(current);
  return { keys: keys.map((k) => k.split(':')[0]!.trim()), prose: cell.slice(end + 1) };
}

describe('docs/cli.md describes every field and status of runtime/result.ts', () => {
  it('lists the top-level keys of EvaluationResult', () => {
    const keys = fieldsOf('EvaluationResult').map((k) => k.replace(/\?$/, ''));
    const sentence = /`EvaluationResult` \(runtime\/result\.ts\), exactly\s+`(\{[^`]*\})`/.exec(doc)?.[1];
    expect(sentence).toBeDefined();
    const documented = [...(sentence ?? '').matchAll(/"(\w+)"/g)].map((m) => m[1]);
    expect(documented).toEqual(keys);
  });

  for (const [array, type] of [
    ['obligations', 'Obligation'],
    ['superseded', 'SupersededObligation'],
    ['violations', 'Violation'],
    ['escalations', 'Escalation'],
    ['criteria', 'CriteriaResult'],
    ['notifications', 'Notification'],
  ] as const) {
    it(`lists every field of ${type} in the row of \`${array}\`, in order, optional ones marked ?`, () => {
      expect(docRow(array).keys).toEqual(fieldsOf(type));
    });
  }

  it('names every obligation status and every escalation status', () => {
    const obligations = docRow('obligations').prose;
    for (const status of valuesOf('ObligationStatus')) expect(obligations, status).toContain(`\`${status}\``);
    const escalations = docRow('escalations').prose;
    for (const status of valuesOf('EscalationStatus')) expect(escalations, status).toContain(`\`${status}\``);
  });
});
