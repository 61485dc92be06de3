/**
 * The pipeline (compiler/pipeline.ts) and the public entry (compiler/index.ts, ir/print.ts,
 * language.ts) beyond the parsing suites, written to kill the mutants those leave alive: the input
 * limits' diagnostics whole (test/limits/limits.test.ts checks their codes, and Stryker does not run
 * it), an empty file, the diagnostics cap, how `extends` finds, refuses and reports parents (a circle,
 * no host, a "did you mean", a file that cannot be read, a host giving the wrong policy, a parent with
 * errors or only warnings), each parent compiled once, the parents' cache, `compile` with its options,
 * `printIr`, and the clauses each kind takes.
 *
 * Input: policies written here, compiled inside each test (so that Stryker counts the code they run),
 * with hosts that serve texts from memory and count what they are asked. Output: assertions on whole
 * diagnostics and values.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compile, printIr } from '../../compiler/index.ts';
import { clausesOf } from '../../compiler/language.ts';
import { compileToIr, parseToAst, type CompilerHost, type ParentCache, type PolicySource } from '../../compiler/pipeline.ts';
import type { Diagnostic } from '../../compiler/diagnostics/types.ts';
import { MAX_DIAGNOSTICS, MAX_LINE_TOKENS, MAX_NAME_LENGTH, MAX_NESTING, MAX_POLICY_CHARS, MAX_SYNTAX_ERRORS } from '../../runtime/input-limits.ts';

/** A diagnostic as compared: `uri line:column-line:column`, code, message, help and related places. */
function shown(d: Diagnostic): Record<string, unknown> {
  const r = d.range;
  return {
    at: `${d.uri} ${r.startLine}:${r.startColumn}-${r.endLine}:${r.endColumn}`,
    code: d.code,
    message: d.message,
    ...(d.help === undefined ? {} : { help: d.help }),
    ...(d.related === undefined ? {} : { related: d.related.map((x) => `${x.uri} ${x.range.startLine}:${x.range.startColumn} ${x.message}`) }),
  };
}

const HEAD = 'policy t.main\n  title "Main"\n\nrole sw "SW"\nevent e\nevent f\n\n';
const RULE = 'deadline d "D"\n  owner sw\n  due within 5 days of e\n  met by f\n  cite "1"\n';

/** A host serving `files` (id -> text, uri `<id>.pdl`), which records the ids it is asked for. */
function memoryHost(files: Record<string, string>, known?: readonly string[]): CompilerHost & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    findPolicy: (id: string): PolicySource | undefined => {
      asked.push(id);
      return files[id] === undefined ? undefined : { uri: `${id}.pdl`, text: files[id]! };
    },
    ...(known === undefined ? {} : { knownPolicies: () => known }),
  };
}

describe('the input limits, each diagnostic whole', () => {
  it(`a file of ${MAX_POLICY_CHARS} characters is read; one more is pdl/policy-too-large, alone`, () => {
    const padded = (length: number): string => `${HEAD}${RULE}#${'x'.repeat(length - HEAD.length - RULE.length - 2)}\n`;
    expect(compileToIr(padded(MAX_POLICY_CHARS), { uri: 'big.pdl' }).diagnostics).toEqual([]);
    expect(compileToIr(padded(MAX_POLICY_CHARS + 1), { uri: 'big.pdl' }).diagnostics.map(shown)).toEqual([
      { at: 'big.pdl 1:1-1:1', code: 'pdl/policy-too-large', message: `this file has ${MAX_POLICY_CHARS + 1} characters, more than ${MAX_POLICY_CHARS}`, help: 'a policy file holds at most 256 KiB (docs/limits.md); split it, with `extends`' },
    ]);
  });

  it('a name too long, a line too long, a line nested too deep: each its own code and help', () => {
    const long = `e${'x'.repeat(MAX_NAME_LENGTH)}`;
    const wide = `  when ${Array.from({ length: MAX_LINE_TOKENS / 2 + 1 }, () => 'x').join(' and ')}\n`;
    const deep = `  when ${'('.repeat(MAX_NESTING + 1)}x${')'.repeat(MAX_NESTING + 1)}\n`;
    const text = `${HEAD}event ${long}\n\n${RULE.replace('  cite', `${wide}${deep}  cite`)}`;
    expect(compileToIr(text, { uri: 'm.pdl' }).diagnostics.map(shown)).toEqual([
      { at: 'm.pdl 8:7-8:136', code: 'pdl/name-too-long', message: 'this name is 129 characters long, longer than 128', help: 'names are at most 128 characters (docs/limits.md)' },
      // Token 5,001 of the line (`when`, then `x and x ...`) is the 2,500th `and`.
      { at: 'm.pdl 14:15004-14:15007', code: 'pdl/line-too-long', message: 'this line holds more than 5,000 words and symbols', help: 'this line was not read; a clause line holds at most 5,000 words and symbols (docs/limits.md)' },
      { at: 'm.pdl 15:40-15:41', code: 'pdl/nesting-too-deep', message: 'this line nests deeper than 32 levels (brackets, `not`, `after`, `before`)', help: 'this line was not read; split the condition into facts or rules, at most 32 levels deep (docs/limits.md)' },
    ]);
  });

  it(`past ${MAX_SYNTAX_ERRORS} syntax errors the parse stops, and says where`, () => {
    const strays = Array.from({ length: MAX_SYNTAX_ERRORS + 1 }, () => '"x"').join(' ');
    const text = `${HEAD}${RULE.replace('cite "1"', `cite "1" ${strays}`)}`;
    expect(compileToIr(text, { uri: 'm.pdl' }).diagnostics.map(shown)).toEqual([
      { at: 'm.pdl 12:12-12:15', code: 'pdl/syntax-error', message: 'expected the end of the line, found `"x"`', help: 'a `cite` line reads like `cite "paragraph 3.2"`' },
      // `  cite "1" ` is 11 characters, then the strays 4 apart: error 1,001 is at the 1,001st stray.
      { at: 'm.pdl 12:4012-12:4015', code: 'pdl/parse-stopped', message: 'more than 1,000 syntax errors: the rest of the file, from line 12, was not read', help: 'fix the errors above first (is this the right file?); docs/limits.md' },
    ]);
  });

  it(`${MAX_DIAGNOSTICS} diagnostics are all shown; past that, the last counts the rest, lexing errors never made among them`, () => {
    const garbage = (n: number): string => `${HEAD}${RULE}${'@@\n'.repeat(n)}`;
    const all = compileToIr(garbage(MAX_DIAGNOSTICS), { uri: 'g.pdl' }).diagnostics;
    expect(all).toHaveLength(MAX_DIAGNOSTICS);
    expect(all.every((d) => d.code === 'pdl/lex-error')).toBe(true);
    const over = compileToIr(garbage(MAX_DIAGNOSTICS + 50), { uri: 'g.pdl' }).diagnostics;
    expect(over).toHaveLength(MAX_DIAGNOSTICS);
    // 250 lexing errors: 200 made (the 50 after them only counted), 199 shown, the 200th's place
    // taken by the count of the other 51.
    expect(over.slice(-2).map(shown)).toEqual([
      { at: 'g.pdl 211:1-211:3', code: 'pdl/lex-error', message: 'unexpected character `@@`' },
      { at: 'g.pdl 212:1-212:3', code: 'pdl/too-many-errors', message: 'and 51 more diagnostics, not shown', help: 'a file reports at most 200 (docs/limits.md); fix these first' },
    ]);
  });
});

describe('extends: finding, refusing and reporting parents', () => {
  const policy = (id: string, parents: string, body = ''): string => `policy ${id}${parents}\n  title "T"\n${body}`;
  // Owned by `iro` and measured from `e`, which only the parents declare: with a parent refused, the
  // refusal is the one message (no unknown names after it).
  const main = (parents: string): string => policy('t.main', parents, '\ndeadline d "D"\n  owner iro\n  due within 5 days of e\n  met by f\n  cite "1"\n');
  const parent = (id: string, parents = ''): string => policy(id, parents, '\nrole iro "IRO"\nevent e\nevent f\n');

  const HELP = 'a policy cannot build on itself; remove one of the `extends`';
  const circle = (...ids: string[]): string => `policies extend each other in a circle: \`${ids[0]}\` extends ${ids.slice(1).map((id) => `\`${id}\``).join(', which extends ')}`;

  it('a policy that extends itself; a circle further up, reported by each policy in it and as a parent\'s errors by one outside it, also from the parents\' cache', () => {
    expect(compileToIr(main(' extends t.main'), { uri: 'main.pdl' }).diagnostics.map(shown)).toEqual([
      { at: 'main.pdl 1:23-1:29', code: 'pdl/extends-cycle', message: 'policies extend each other in a circle: `t.main` extends `t.main`', help: HELP },
    ]);
    const host = memoryHost({ 't.b': parent('t.b', ' extends t.c'), 't.c': parent('t.c', ' extends t.b') });
    const parents: ParentCache = new Map();
    // t.main -> t.b -> t.c -> t.b: the circle is t.b's and t.c's, not t.main's.
    expect(compileToIr(main(' extends t.b\n  extends t.c'), { uri: 'main.pdl', host, parents }).diagnostics.map(shown)).toEqual([
      { at: 'main.pdl 1:23-1:26', code: 'pdl/parent-has-errors', message: '`t.b` has 1 error, so this policy cannot be compiled', help: 'run `pdl check` on `t.b` and fix it first', related: [`t.b.pdl 1:20 ${circle('t.b', 't.c', 't.b')}`] },
      { at: 'main.pdl 2:11-2:14', code: 'pdl/parent-has-errors', message: '`t.c` has 1 error, so this policy cannot be compiled', help: 'run `pdl check` on `t.c` and fix it first', related: [`t.c.pdl 1:20 ${circle('t.c', 't.b', 't.c')}`] },
    ]);
    expect(parents.get('t.main')?.get('t.c')?.diagnostics.map(shown)).toEqual([{ at: 't.c.pdl 1:20-1:23', code: 'pdl/extends-cycle', message: circle('t.c', 't.b', 't.c'), help: HELP }]);
    expect(parents.get('t.main')?.get('t.b')?.circles).toEqual([[{ id: 't.b', via: 'extends' }, { id: 't.c', via: 'extends' }]]);
  });

  it('a policy in a circle of two or three: the circle once, at its own `extends`, in order from it; no parent-has-errors (compileToIr, compile, the parents\' cache)', () => {
    const files = { 't.a': parent('t.a', ' extends t.b'), 't.b': parent('t.b', ' extends t.a'), 't.x': parent('t.x', ' extends t.y'), 't.y': parent('t.y', ' extends t.z'), 't.z': parent('t.z', ' extends t.x') };
    const host = memoryHost(files);
    const parents: ParentCache = new Map();
    for (const [id, expected] of [
      ['t.a', circle('t.a', 't.b', 't.a')],
      ['t.b', circle('t.b', 't.a', 't.b')],
      ['t.x', circle('t.x', 't.y', 't.z', 't.x')],
      ['t.y', circle('t.y', 't.z', 't.x', 't.y')],
      ['t.z', circle('t.z', 't.x', 't.y', 't.z')],
    ] as const) {
      const want = [{ at: `${id}.pdl 1:20-1:23`, code: 'pdl/extends-cycle', message: expected, help: HELP }];
      const text = files[id];
      expect(compileToIr(text, { uri: `${id}.pdl`, host }).diagnostics.map(shown), id).toEqual(want);
      expect(compile(text, { uri: `${id}.pdl`, host }).diagnostics.map(shown), id).toEqual(want);
      // Twice with the cache: the second call reads the parents' circles from it.
      expect(compileToIr(text, { uri: `${id}.pdl`, host, parents }).diagnostics.map(shown), id).toEqual(want);
      expect(compileToIr(`${text}\n`, { uri: `${id}.pdl`, host, parents }).diagnostics.map(shown), id).toEqual(want);
    }
  });

  it('a circle through `use` says `uses`; a parent in the circle with an error of its own still counts that error (not the circle)', () => {
    const host = memoryHost({ 't.u': parent('t.u', ' extends t.main'), 't.e': `${parent('t.e', ' extends t.main')}@@\n` });
    expect(compileToIr(main('\n  use t.u'), { uri: 'main.pdl', host }).diagnostics.map(shown)).toEqual([
      { at: 'main.pdl 2:7-2:10', code: 'pdl/extends-cycle', message: 'policies extend each other in a circle: `t.main` uses `t.u`, which extends `t.main`', help: HELP },
    ]);
    expect(compileToIr(main(' extends t.e'), { uri: 'main.pdl', host }).diagnostics.map(shown)).toEqual([
      { at: 'main.pdl 1:23-1:26', code: 'pdl/extends-cycle', message: circle('t.main', 't.e', 't.main'), help: HELP },
      { at: 'main.pdl 1:23-1:26', code: 'pdl/parent-has-errors', message: '`t.e` has 1 error, so this policy cannot be compiled', help: 'run `pdl check` on `t.e` and fix it first', related: ['t.e.pdl 7:1 unexpected character `@@`'] },
    ]);
  });

  it('two circles through one parent: the one that comes back to this policy is reported, from the parent\'s circles', () => {
    // t.main -> t.p -> t.q -> t.p, and t.p -> t.main: t.p's first circle (with t.q) does not come back to t.main, its second does.
    const host = memoryHost({ 't.p': parent('t.p', ' extends t.q\n  extends t.main'), 't.q': parent('t.q', ' extends t.p') });
    expect(compileToIr(main(' extends t.p'), { uri: 'main.pdl', host }).diagnostics.map(shown)).toEqual([
      { at: 'main.pdl 1:23-1:26', code: 'pdl/extends-cycle', message: circle('t.main', 't.p', 't.main'), help: HELP },
    ]);
    // A circle of the parent's that comes back to a policy further down the stack: t.main -> t.m2 -> t.p2 -> t.q2 -> t.main.
    const deeper = memoryHost({ 't.m2': parent('t.m2', ' extends t.p2'), 't.p2': parent('t.p2', ' extends t.q2'), 't.q2': parent('t.q2', ' extends t.main') });
    const parents: ParentCache = new Map();
    for (let i = 0; i < 2; i++) {
      expect(compileToIr(main(' extends t.m2'), { uri: 'main.pdl', host: deeper, parents }).diagnostics.map(shown)).toEqual([
        { at: 'main.pdl 1:23-1:27', code: 'pdl/extends-cycle', message: circle('t.main', 't.m2', 't.p2', 't.q2', 't.main'), help: HELP },
      ]);
    }
  });

  it('with no host, `extends` finds nothing, and says none were found (it never throws)', () => {
    expect(compileToIr(main(' extends t.base'), { uri: 'main.pdl' }).diagnostics.map(shown)).toEqual([
      { at: 'main.pdl 1:23-1:29', code: 'pdl/unknown-policy', message: 'cannot find policy `t.base`', help: "no policy files were found next to this one (the CLI looks in the file's folder and `policies/`)" },
    ]);
  });

  it('a host that knows its policies: "did you mean" for a near name, the list for a far one', () => {
    const host = memoryHost({}, ['t.base', 't.other']);
    expect(compileToIr(main(' extends t.bse'), { uri: 'main.pdl', host }).diagnostics.map(shown)).toEqual([
      { at: 'main.pdl 1:23-1:28', code: 'pdl/unknown-policy', message: 'cannot find policy `t.bse`', help: 'did you mean `t.base`?' },
    ]);
    expect(compileToIr(main(' extends q.nowhere'), { uri: 'main.pdl', host }).diagnostics.map(shown)).toEqual([
      { at: 'main.pdl 1:23-1:32', code: 'pdl/unknown-policy', message: 'cannot find policy `q.nowhere`', help: 'known policies: `t.base`, `t.other`' },
    ]);
  });

  it('a parent file that cannot be read, and a host that gives another policy than the one asked for', () => {
    const unreadable: CompilerHost = { findPolicy: (id) => ({ uri: `${id}.pdl`, text: '', problem: 'not valid UTF-8 (line 3, column 5)' }) };
    expect(compileToIr(main(' extends t.base'), { uri: 'main.pdl', host: unreadable }).diagnostics.map(shown)).toEqual([
      { at: 'main.pdl 1:23-1:29', code: 'pdl/parent-has-errors', message: '`t.base` (t.base.pdl) is not valid UTF-8 (line 3, column 5), so this policy cannot be compiled', help: 'save `t.base.pdl` as UTF-8' },
    ]);
    const wrong = memoryHost({ 't.base': parent('t.other') });
    expect(compileToIr(main(' extends t.base'), { uri: 'main.pdl', host: wrong }).diagnostics.map(shown)).toEqual([
      { at: 'main.pdl 1:23-1:29', code: 'pdl/unknown-policy', message: 'cannot find policy `t.base`' },
    ]);
  });

  it('a parent with errors: counted, the first five shown; a parent with one error; a parent with warnings only is fine', () => {
    const bad = (id: string, n: number): string => parent(id) + Array.from({ length: n }, (_, i) => `fact x${i}: nothing\n`).join('');
    const warn = `${parent('t.warn')}\ndeadline w "W"\n  owner iro\n  due within 5 days of e\n  when age under 5 and age 5 or over\n  met by f\n  cite "1"\n`;
    const host = memoryHost({ 't.six': bad('t.six', 6), 't.one': bad('t.one', 1), 't.warn': warn });
    const type = 'expected `date`, `boolean`, `number`, `text`, `role` or `enum`, found `nothing`';
    expect(compileToIr(main(' extends t.six'), { uri: 'main.pdl', host }).diagnostics.map(shown)).toEqual([
      { at: 'main.pdl 1:23-1:28', code: 'pdl/parent-has-errors', message: '`t.six` has 6 errors, so this policy cannot be compiled', help: 'run `pdl check` on `t.six` and fix it first', related: [7, 8, 9, 10, 11].map((line) => `t.six.pdl ${line}:10 ${type}`) },
    ]);
    expect(compileToIr(main(' extends t.one'), { uri: 'main.pdl', host }).diagnostics.map(shown)).toEqual([
      { at: 'main.pdl 1:23-1:28', code: 'pdl/parent-has-errors', message: '`t.one` has 1 error, so this policy cannot be compiled', help: 'run `pdl check` on `t.one` and fix it first', related: [`t.one.pdl 7:10 ${type}`] },
    ]);
    // t.warn's own warning (pdl/never-applies) is its own; the policy extending it compiles.
    expect(compileToIr(warn, { uri: 't.warn.pdl' }).diagnostics.map((d) => d.code)).toEqual(['pdl/never-applies']);
    const warned = compileToIr(main(' extends t.warn'), { uri: 'main.pdl', host });
    expect(warned.diagnostics).toEqual([]);
    expect(warned.ir?.rules.map((r) => r.id)).toEqual(['w', 'd']);
  });

  it('each parent is compiled once per call (a diamond); with a cache, once across calls', () => {
    const files = { 't.left': policy('t.left', ' extends t.base'), 't.right': policy('t.right', ' extends t.base'), 't.base': parent('t.base') };
    const host = memoryHost(files);
    const diamond = compileToIr(main(' extends t.left\n  extends t.right'), { uri: 'main.pdl', host });
    expect(diamond.diagnostics).toEqual([]);
    expect(diamond.ir?.extends).toEqual(['t.left', 't.base', 't.right']);
    expect(host.asked).toEqual(['t.left', 't.base', 't.right']);

    const cached = memoryHost(files);
    const parents: ParentCache = new Map();
    expect(compileToIr(main(' extends t.left'), { uri: 'main.pdl', host: cached, parents }).diagnostics).toEqual([]);
    expect(compileToIr(main(' extends t.left').replace('within 5', 'within 6'), { uri: 'main.pdl', host: cached, parents }).ir?.rules[0]?.id).toBe('d');
    expect(cached.asked).toEqual(['t.left', 't.base']);
    // Kept under the policy compiled: its parents' results, and no entry of their own.
    expect([...parents.keys()]).toEqual(['t.main']);
    expect([...(parents.get('t.main')?.keys() ?? [])]).toEqual(['t.base', 't.left']);
  });

  it('compile, the public entry, passes the parents\' cache on as compileToIr takes it', () => {
    // A parent compiled by one call is not asked for again by the next (compile once dropped the cache).
    const cached = memoryHost({ 't.base': parent('t.base') });
    const parents: ParentCache = new Map();
    expect(compile(main(' extends t.base'), { uri: 'main.pdl', host: cached, parents }).diagnostics).toEqual([]);
    expect(compile(main(' extends t.base').replace('within 5', 'within 6'), { uri: 'main.pdl', host: cached, parents }).policy?.ir.extends).toEqual(['t.base']);
    expect(cached.asked).toEqual(['t.base']);
    expect([...(parents.get('t.main')?.keys() ?? [])]).toEqual(['t.base']);
  });

  it('an error that leaves every rule checked (a name declared twice) still gives no IR', () => {
    const result = compileToIr(parent('t.twice').replace('event f', 'event f\nevent f') + main('').replace(/^policy[^]*?\n\n/, '\n'), { uri: 'twice.pdl' });
    expect(result.diagnostics.map((d) => d.code)).toEqual(['pdl/duplicate-declaration']);
    expect(result.elaborated?.rules.map((r) => r.id)).toEqual(['d']);
    expect(result.ir).toBeUndefined();
  });
});

describe('the public entry: compile, printIr, the clauses of each kind', () => {
  it('compile gives the IR and the prepared policy; printIr gives the text of the golden file', () => {
    const uri = 'test/cases/deadlines/good/several-anchors.pdl';
    const golden = fileURLToPath(new URL(`../../${uri}`, import.meta.url));
    const compiled = compile(readFileSync(golden, 'utf8'), { uri });
    expect(compiled.diagnostics).toEqual([]);
    expect(compiled.policy?.ir).toBe(compiled.ir);
    expect(compiled.ir === undefined ? undefined : printIr(compiled.ir)).toBe(readFileSync(golden.replace(/\.pdl$/, '.ir.json'), 'utf8'));
  });

  it('compile passes its uri and host on, and gives no IR or policy with an error', () => {
    const host = memoryHost({}, ['t.base']);
    expect(compile('policy t.main extends t.bse\n  title "T"\n', { uri: 'x/main.pdl', host })).toEqual({
      diagnostics: [expect.objectContaining({ uri: 'x/main.pdl', code: 'pdl/unknown-policy', help: 'did you mean `t.base`?' })],
    });
    expect(host.asked).toEqual(['t.bse']);
    // Without a uri the diagnostics name `policy.pdl`.
    expect(compile('policy t.main\n  title "T"\n\nrole r "R"\nrole r "R"\n').diagnostics.map(shown)).toEqual([
      { at: 'policy.pdl 5:6-5:7', code: 'pdl/duplicate-declaration', message: 'role `r` is already declared earlier in this policy', help: 'remove one of the two declarations, or rename one', related: ['policy.pdl 4:6 first declared here'] },
    ]);
  });

  it('the clauses a kind takes, required or not, once or many times, in its order', () => {
    expect(clausesOf('cycle')).toEqual([
      { part: 'owner', required: false, many: false },
      { part: 'runs', required: true, many: false },
      { part: 'restarts', required: false, many: true },
      { part: 'steps', required: false, many: true },
      { part: 'metBy', required: true, many: false },
      { part: 'when', required: false, many: false },
      { part: 'cite', required: true, many: false },
      { part: 'notify', required: false, many: false },
    ]);
  });
});

describe('syntax errors explained (compiler/diagnostics/syntax.ts): each diagnostic whole', () => {
  const HEAD = 'policy t.s\n  title "S"\n\nrole iro "IRO"\nevent a { by: role }\nevent b { for: date }\nfact disabled: boolean\nfact n: number\n\n';
  const deadline = (name: string, ...lines: string[]): string => [`deadline ${name}`, '  owner iro', ...lines, '  cite "1"', ''].join('\n');
  const check = (text: string): Record<string, unknown>[] => compileToIr(text, { uri: 's.pdl' }).diagnostics.map(shown);
  const error = (at: string, message: string, help?: string): Record<string, unknown> => ({ at: `s.pdl ${at}`, code: 'pdl/syntax-error', message, ...(help === undefined ? {} : { help }) });
  const byTime = (found: string): string => `\`by\` here is followed by a time of day (\`by 17:00\`), found ${found}`;
  const birthday = (years: number): string => `a birthday is measured from the child's date of birth: \`due ${years} years after child.dob\``;
  const DUE_FORMS = 'a due date reads `within 20 working days of EVENT`, `at least 5 working days before EVENT.DATE` or `16 years after child.dob`';
  const CONDITION = 'a condition compares with `is`, `is not`, `in (...)`, `not in (...)`, `=`, `!=`, `<`, `<=`, `>`, `>=`, or is a yes/no fact alone; join conditions with `and`, `or`, `not`';

  it('`due by` a birthday: the years read however the ordinal is spaced, from its own line only, to the end of the file', () => {
    expect(check(HEAD + deadline('d1', '  due by the 18th birthday', '  met by b') + deadline('d2', '  due by 18 birthday', '  met by b') + deadline('d3', '  due by 18 th  birthday', '  met by b'))).toEqual([
      error('12:10-12:13', byTime('`the`'), birthday(18)),
      error('17:10-17:12', byTime('`18`'), birthday(18)),
      error('22:10-22:12', byTime('`18`'), birthday(18)),
    ]);
    // "18th birthday" in a later line is not this line's birthday.
    expect(check(HEAD + deadline('d', '  due by the birthday', '  met by b').replace('cite "1"', 'cite "18th birthday"'))).toEqual([error('12:10-12:13', byTime('`the`'), birthday(16))]);
    // The last line of a file without a final newline is read whole.
    expect(check(`${HEAD}${deadline('d', '  met by b')}  due by 18th birthday`)).toEqual([error('14:10-14:12', byTime('`18`'), birthday(18))]);
  });

  it('`due by` at the end of a line, and at the end of the file', () => {
    expect(check(`${HEAD}${deadline('d', '  due by', '  met by b')}deadline e\n  owner iro\n  met by b\n  cite "2"\n  due by`)).toEqual([
      error('12:9-12:10', byTime('the end of the line'), `${DUE_FORMS}; \`by HH:MM\` may come first`),
      error('19:9-19:9', byTime('the end of the line'), `${DUE_FORMS}; \`by HH:MM\` may come first`),
    ]);
  });

  it('a notice from two anchors has the code of its own; `by` in a notice is not the due line\'s', () => {
    expect(check(`${HEAD}approval p\n  request b\n  decision a\n  approved by iro\n  notice at least 5 days before b.for or a\n  notice by the 16th birthday\n  cite "1"\n`)).toEqual([
      {
        at: 's.pdl 14:39-14:41',
        code: 'pdl/one-anchor',
        message: 'this due date is measured from one anchor, found `or` after `b.for`',
        help: "measure it from one event or date (`within 20 working days of became_looked_after`); a deadline's `due` may name several (`due within 20 working days of became_looked_after or placement_changed`)",
      },
      error('15:13-15:16', 'expected a time (HH:MM), found `the`', DUE_FORMS),
    ]);
  });

  it('a word left over at the end of a clause: the example of that clause (`an` before a vowel), not the anchor or `runs from` messages', () => {
    expect(check(`${HEAD}cycle c\n  owner iro\n  runs from a b\n  first within 1 day of or b\n  then within 1 day of the previous b a\n  met by b b\n  cite "1", "2"\n`)).toEqual([
      error('12:15-12:16', 'expected the end of the line, found `b`', 'a `runs from` line reads like `runs from became_looked_after until ceased_looked_after`'),
      // `or` where the anchor is read, not after it: the due-date forms.
      error('13:25-13:27', 'expected `the`, `child` or a name, found `or`', DUE_FORMS),
      error('14:39-14:40', 'expected the end of the line, found `a`', 'a `then` line reads like `first within 20 working days of became_looked_after`'),
      error('15:12-15:13', 'expected the end of the line, found `b`', 'a `met by` line reads like `met by review_held`'),
      error('16:11-16:12', 'expected the end of the line, found `,`', 'a `cite` line reads like `cite "paragraph 3.2"`'),
    ]);
    expect(check(HEAD + deadline('d1', '  due within 1 day of a', '  met by b').replace('owner iro', 'owner iro where disabled') + deadline('d2', '  due within 1 day of a', '  met by b').replace('owner iro', 'owner iro iro'))).toEqual([
      error('11:13-11:18', 'expected the end of the line, found `where`', 'an `owner` line reads like `owner social_worker`'),
      error('16:13-16:16', 'expected the end of the line, found `iro`', 'an `owner` line reads like `owner social_worker`'),
    ]);
    expect(check(`${HEAD}duty u\n  owner iro\n  after b\n  before b.for b\n  met by a\n  cite "1"\n`)).toEqual([error('13:16-13:17', 'expected the end of the line, found `b`', 'a `before` line reads like `before review_scheduled.for`')]);
    expect(check(`${HEAD}limit l\n  at most 2 a where n > 1 per\n  cite "1"\n`)).toEqual([error('11:30-11:31', 'expected a name, found the end of the line', 'an `at most` line reads like `at most 1 review_adjourned per looked_after_review`')]);
  });

  it('conditions: an age without its operator; a criterion line, which starts with its label, not a word', () => {
    expect(check(HEAD + deadline('d', '  due within 1 day of a', '  when age is 5', '  met by b'))).toEqual([
      error('13:12-13:14', 'expected `under`, a number, `=`, `!=`, `<=`, `>=`, `<` or `>`, found `is`', 'an age reads `age under 16`, `age 16 or over`, or `age` with an operator: `age >= 16`'),
    ]);
    expect(check(`${HEAD}criteria c\n  any of\n    "x": n >\n    "when": n > 1 1\n  cite "1"\n`)).toEqual([
      error('12:13-12:14', 'expected a number, `today`, a unit (`working days`, `days`, `weeks`, `months`, `years`), `count`, a quoted text, a date (YYYY-MM-DD), `true`, `false`, ..., found the end of the line', CONDITION),
      error('13:19-13:20', 'expected the end of the line, found `1`'),
    ]);
  });

  it('an attribute named like a clause word is not that clause', () => {
    expect(check('policy t.s\n  title "S"\n\nevent a {\n  for: date x\n}\n')).toEqual([error('5:13-5:14', 'expected `}`, found `x`')]);
  });
});
