/**
 * Nothing in a policy can inject code into the module `pdl compile` emits (issue 5, item 4).
 *
 * Every string of two real policies (the statutory baseline and Brighton & Hove, which has ladders,
 * templates and criteria) is given a hostile tail: quotes, a backslash, backticks, `${...}`, comment
 * terminators and openers, `//`, an escaped newline, U+2028 and U+2029, `</script>`, each followed by
 * code that would set a global canary if it ever ran. The policy file's name and the runtime
 * specifier are hostile too. Then:
 * - the emitted TypeScript and JavaScript have no syntax errors;
 * - the canary name never appears in them as code (the TypeScript scanner finds it only inside string
 *   literals and comments);
 * - their top-level statements are exactly those of the benign policy's module (same kinds, same
 *   names): nothing was added, nothing was closed early;
 * - loaded and run, the module leaves the canary unset, its `POLICY_IR` equals the compiler's IR
 *   string for string, and it evaluates a case exactly as the interpreter does.
 *
 * Input: policies/england/statutory-reviews.pdl, policies/brighton-hove.pdl. Output: assertions.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emitTypeScript, type EmittedModule } from '../../compiler/emit/typescript.ts';
import type { CompilerHost } from '../../compiler/index.ts';
import type { PolicyIR } from '../../runtime/index.ts';
import { EMIT_DIR, ensureLibBuilt, loadModule, removeEmitted, ROOT, writeModule } from './emitted.ts';
import { compiledPolicy } from '../support/compiled.ts';

const CANARY = '__pdlInjected';

/** The hostile tail, as it must be written inside a PDL string literal (PDL escapes `\"`, `\\`, `\n`). */
const HOSTILE_PDL = [
  ` \\" ' \` \${globalThis.${CANARY}=1} \`+(globalThis.${CANARY}=2)+\``,
  ` */ globalThis.${CANARY}=3; /* `,
  ` \u2028globalThis.${CANARY}=4; \u2029globalThis.${CANARY}=5;`,
  ` // \\n globalThis.${CANARY}=6; \\\\\\" + (globalThis.${CANARY}=7) + \\"`,
  ` </script><script>globalThis.${CANARY}=8</script> -->`,
].join('');

/** Replaces the content of every string literal `"..."` in a policy by itself plus the hostile tail. */
function poison(text: string): string {
  return text.replace(/"((?:[^"\\\r\n]|\\["\\nt])*)"/g, (_m, body: string) => `"${body}${HOSTILE_PDL}"`);
}

function hostFor(files: ReadonlyMap<string, string>): CompilerHost {
  return {
    findPolicy(id: string) {
      for (const [uri, text] of files) if (text.includes(`policy ${id}\n`) || text.includes(`policy ${id} `)) return { uri, text };
      return undefined;
    },
  };
}

const BRIGHTON_WITH_TEMPLATES = `${readFileSync(join(ROOT, 'policies/brighton-hove.pdl'), 'utf8')}
event care_plan_authorised

deadline care_plan_authorised "Proposed care plan authorised"
  owner social_worker
  due at least 5 working days before review_scheduled.for
  met by care_plan_authorised
  notify "Care plan for {{case.id}} due by {{obligation.due}}" body "Please authorise it ({{rule.citation}})."
  cite "Practice change, bullet 3"

ladder disputes "Disputes"
  raised by iro
  stage 1 alert team_manager respond within 5 working days
  notify "Dispute Resolution Alert on {{case.id}} - by {{stage.due}}"
  cite "9.1.4"
`;

function compileBoth(hostile: boolean): { ir: PolicyIR; evaluate: (input: unknown, asOf: string) => unknown } {
  const read = (p: string): string => {
    const text = readFileSync(join(ROOT, p), 'utf8');
    return hostile ? poison(text) : text;
  };
  const files = new Map([
    ['policies/england/statutory-reviews.pdl', read('policies/england/statutory-reviews.pdl')],
    // Brighton & Hove has no notification templates: two rules with templates are added.
    ['policies/brighton-hove.pdl', hostile ? poison(BRIGHTON_WITH_TEMPLATES) : BRIGHTON_WITH_TEMPLATES],
  ]);
  const policy = compiledPolicy(files.get('policies/brighton-hove.pdl') as string, { uri: 'policies/brighton-hove.pdl', host: hostFor(files) });
  return { ir: policy.ir, evaluate: (input, asOf) => policy.evaluate(input, asOf) };
}

const HOSTILE_FILE = `policies/evil */ globalThis.${CANARY}=9; /*\u2028globalThis.${CANARY}=10;\`\${x}\`.pdl`;
const HOSTILE_RUNTIME = '@pdl/runtime';

/** Kind and name of each top-level statement (what the module declares). */
function outline(text: string, kind: ts.ScriptKind): string[] {
  const source = ts.createSourceFile(kind === ts.ScriptKind.JS ? 'x.js' : 'x.ts', text, ts.ScriptTarget.ES2022, true, kind);
  return source.statements.map((s) => {
    const name = (s as { name?: ts.Node }).name;
    const declared = ts.isVariableStatement(s) ? s.declarationList.declarations.map((d) => d.name.getText(source)).join(',') : name !== undefined ? name.getText(source) : '';
    return `${ts.SyntaxKind[s.kind]} ${declared}`;
  });
}

function syntaxErrors(text: string, kind: ts.ScriptKind): string[] {
  const source = ts.createSourceFile(kind === ts.ScriptKind.JS ? 'x.js' : 'x.ts', text, ts.ScriptTarget.ES2022, true, kind);
  return (source as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

/** Where the canary occurs as a token other than a string literal, template or comment. */
function canaryAsCode(text: string, variant: ts.LanguageVariant = ts.LanguageVariant.Standard): string[] {
  const scanner = ts.createScanner(ts.ScriptTarget.ES2022, false, variant, text);
  const found: string[] = [];
  for (let token = scanner.scan(); token !== ts.SyntaxKind.EndOfFileToken; token = scanner.scan()) {
    if (token === ts.SyntaxKind.Identifier && scanner.getTokenText() === CANARY) found.push(`offset ${scanner.getTokenStart()}`);
    if (token === ts.SyntaxKind.TemplateHead || token === ts.SyntaxKind.NoSubstitutionTemplateLiteral) found.push(`a template literal at ${scanner.getTokenStart()}`);
  }
  return found;
}

beforeAll(ensureLibBuilt, 130_000);
afterAll(removeEmitted);

describe('emitting hostile policies', () => {
  const benign = compileBoth(false);
  const hostile = compileBoth(true);
  const options = { baseName: 'brighton-hove', pdlVersion: '0.0.0-test' };
  const good: EmittedModule = emitTypeScript(benign.ir, { ...options, policyFile: 'policies/brighton-hove.pdl' });
  const evil: EmittedModule = emitTypeScript(hostile.ir, { ...options, policyFile: HOSTILE_FILE, runtime: HOSTILE_RUNTIME });

  it('the hostile strings reached the IR (titles, citations, templates, role titles)', () => {
    const json = JSON.stringify(hostile.ir);
    const count = json.split(`globalThis.${CANARY}=3`).length - 1;
    expect(count).toBeGreaterThan(50);
    expect(hostile.ir.title).toContain('\u2028');
    expect(hostile.ir.ladders.some((l) => l.notify?.subject.includes('*/') === true)).toBe(true);
    expect(hostile.ir.rules.every((r) => r.citation.includes('${'))).toBe(true);
    expect(hostile.ir.roles.some((r) => r.title.includes('`'))).toBe(true);
  });

  it('the emitted files parse, and declare exactly what the benign module declares', () => {
    for (const [text, kind] of [
      [evil.ts, ts.ScriptKind.TS],
      [evil.js, ts.ScriptKind.JS],
      [evil.dts, ts.ScriptKind.TS],
    ] as const) {
      expect(syntaxErrors(text, kind)).toEqual([]);
    }
    expect(outline(evil.ts, ts.ScriptKind.TS)).toEqual(outline(good.ts, ts.ScriptKind.TS));
    expect(outline(evil.js, ts.ScriptKind.JS)).toEqual(outline(good.js, ts.ScriptKind.JS));
    expect(outline(evil.dts, ts.ScriptKind.TS)).toEqual(outline(good.dts, ts.ScriptKind.TS));
    expect(JSON.parse(evil.schema)).toBeTypeOf('object');
  });

  it('the canary never appears as code, only inside strings and comments', () => {
    expect(evil.ts.split(CANARY).length).toBeGreaterThan(100);
    expect(canaryAsCode(evil.ts)).toEqual([]);
    expect(canaryAsCode(evil.js)).toEqual([]);
    expect(canaryAsCode(evil.dts)).toEqual([]);
    // Line terminators from the policy are escaped in strings and flattened in comments.
    for (const text of [evil.ts, evil.js, evil.dts]) {
      expect(text).not.toContain('\u2028');
      expect(text).not.toContain('\u2029');
    }
  });

  it('loaded and run, it sets no canary, keeps every string and evaluates as the interpreter does', async () => {
    const dir = join(EMIT_DIR, 'hostile');
    writeModule(dir, 'brighton-hove', evil);
    const before = (globalThis as Record<string, unknown>)[CANARY];
    const m = await loadModule(dir, 'brighton-hove');
    expect((globalThis as Record<string, unknown>)[CANARY]).toBe(before);
    expect(before).toBeUndefined();
    expect(m.POLICY_IR).toEqual(hostile.ir);
    expect(m.POLICY['file']).toBe(HOSTILE_FILE);
    const input = {
      id: 'hostile-1',
      child: { dob: '2014-05-01' },
      events: [
        { type: 'became_looked_after', date: '2025-01-06' },
        { type: 'review_held', date: '2025-01-30' },
        { type: 'escalation_raised', date: '2025-02-03', ladder: hostile.ir.ladders[0]?.id, stage: 1 },
        { type: 'escalation_raised', date: '2025-02-10', ladder: 'disputes', stage: 1 },
        { type: 'review_scheduled', date: '2025-03-01', for: '2025-07-20' },
      ],
    };
    const outcome = m.evaluate(input, '2025-04-01');
    expect(JSON.parse(JSON.stringify(outcome))).toEqual(JSON.parse(JSON.stringify(hostile.evaluate(input, '2025-04-01'))));
    expect(outcome.ok).toBe(true);
    // The hostile templates were rendered (their text HTML-escaped, as every notification is).
    const notifications = (outcome as { result: { notifications: { subject: string }[] } }).result.notifications;
    expect(notifications.length).toBeGreaterThanOrEqual(2);
    expect(notifications.every((n) => n.subject.includes(CANARY))).toBe(true);
    expect((globalThis as Record<string, unknown>)[CANARY]).toBeUndefined();
  });
});
