/**
 * The rule kinds' modules are the one place that says which clauses each kind takes. Here: the
 * registry has exactly the grammar's kinds; every clause a kind declares parses from its example
 * line, prints and formats back to the same AST; a clause a kind does not take is
 * `pdl/misplaced-clause`; a line that is no clause is a diagnostic; grammar, AST and clause tables
 * name the same clauses; an inherited rule that no longer checks is an error, never a throw.
 */
import { describe, expect, it } from 'vitest';
import { printPolicy, stripRanges } from '../../compiler/ast/print.ts';
import { PART_OF_CLAUSE, ruleParts, type RulePart } from '../../compiler/elaborate/rule-parts.ts';
import { formatPolicy } from '../../compiler/format/format.ts';
import { CLAUSES } from '../../compiler/kinds/clauses.ts';
import { RULE_KIND_MODULES } from '../../compiler/kinds/index.ts';
import { clauseCompletions, RULE_KINDS } from '../../compiler/language.ts';
import { compileToIr, parseToAst, type CompilerHost } from '../../compiler/pipeline.ts';
import { parser } from '../../grammar/parser.ts';

/** A rule of `kind` with the example line of every clause in `parts` (the kind's required ones by default). */
function ruleText(kind: string, parts: readonly RulePart[]): string {
  return `policy t.kinds\n  title "T"\n\n${kind} sample_rule "Sample"\n${parts.map((p) => `  ${CLAUSES[p].example}\n`).join('')}`;
}

function required(kind: keyof typeof RULE_KIND_MODULES): RulePart[] {
  return RULE_KIND_MODULES[kind].clauses.filter((c) => c.required).map((c) => c.part);
}

describe('rule kind modules', () => {
  it('the registry has exactly the grammar\'s kinds, in order', () => {
    expect(Object.keys(RULE_KIND_MODULES)).toEqual([...RULE_KINDS]);
    for (const kind of RULE_KINDS) expect(RULE_KIND_MODULES[kind].kind).toBe(kind);
  });

  it('the grammar\'s clause alternatives, the AST clauses and the clause table name the same clauses', () => {
    const ruleClause = parser.getGAstProductions()['ruleClause'];
    const alternation = ruleClause?.definition[0] as { definition: { definition: { nonTerminalName?: string }[] }[] } | undefined;
    const grammarClauses = (alternation?.definition ?? []).map((alt) => alt.definition[0]?.nonTerminalName ?? '?');
    const astKinds = Object.keys(PART_OF_CLAUSE);
    expect(grammarClauses.map((n) => n.charAt(0).toUpperCase() + n.slice(1)).sort()).toEqual([...astKinds].sort());
    expect(Object.keys(CLAUSES).sort()).toEqual([...new Set(Object.values(PART_OF_CLAUSE))].sort());
  });

  for (const kind of RULE_KINDS) {
    for (const use of RULE_KIND_MODULES[kind].clauses) {
      it(`${kind}: \`${CLAUSES[use.part].words}\` round-trips (parse, print, format)`, () => {
        const parts = [...new Set([...required(kind), use.part])];
        const text = ruleText(kind, parts);
        const parsed = parseToAst(text, 'kinds.pdl');
        expect(parsed.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
        const rule = parsed.ast?.declarations.find((d) => d.kind === 'Rule');
        expect(rule?.kind === 'Rule' && rule.incomplete).toBe(false);
        if (rule?.kind !== 'Rule') throw new Error('no rule');
        expect(ruleParts(rule)[use.part].length).toBe(1);
        expect(rule.clauses.length).toBe(parts.length);
        const printed = printPolicy(parsed.ast!);
        expect(stripRanges(parseToAst(printed, 'kinds.pdl').ast)).toEqual(stripRanges(parsed.ast));
        const formatted = formatPolicy(text).text;
        expect(formatted).toBeDefined();
        expect(stripRanges(parseToAst(formatted!, 'kinds.pdl').ast)).toEqual(stripRanges(parsed.ast));
      });
    }

    it(`${kind}: a clause it does not take is \`pdl/misplaced-clause\`, at that clause`, () => {
      const taken = new Set(RULE_KIND_MODULES[kind].clauses.map((c) => c.part));
      const foreign = (Object.keys(CLAUSES) as RulePart[]).filter((p) => !taken.has(p));
      expect(foreign.length).toBeGreaterThan(0);
      for (const part of foreign) {
        const text = ruleText(kind, [...required(kind), part]);
        const line = text.split('\n').findIndex((l) => l === `  ${CLAUSES[part].example}`) + 1;
        const found = compileToIr(text, { uri: 'kinds.pdl' }).diagnostics.filter((d) => d.code === 'pdl/misplaced-clause');
        expect(found.map((d) => d.range.startLine), `${kind} with ${part}`).toEqual([line]);
      }
    });

    it(`${kind}: a line that starts no clause is reported, with the kind's clause words as help`, () => {
      const text = `${ruleText(kind, required(kind))}  frobnicate the widget\n`;
      const parsed = parseToAst(text, 'kinds.pdl');
      const errors = parsed.diagnostics.filter((d) => d.severity === 'error');
      expect(errors).toHaveLength(1);
      expect(errors[0]?.message).toBe(`\`frobnicate\` does not start a clause of ${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind}`);
      const starters = new Set(clauseCompletions(kind).map((w) => w.split(' ')[0]));
      for (const w of starters) expect(errors[0]?.help).toContain(`\`${w}\``);
    });

    it(`${kind}: a missing required clause is \`pdl/missing-clause\` with an example`, () => {
      for (const part of required(kind)) {
        const text = ruleText(kind, required(kind).filter((p) => p !== part));
        const missing = compileToIr(text, { uri: 'kinds.pdl' }).diagnostics.filter((d) => d.code === 'pdl/missing-clause');
        expect(missing.some((d) => d.message.includes(`\`${CLAUSES[part].words}\``) && d.help?.includes(CLAUSES[part].example)), `${kind} without ${part}`).toBe(true);
      }
    });
  }
});

describe('elaboration of inherited rules', () => {
  const parent = [
    'policy t.parent',
    '  title "Parent"',
    'role sw "Social worker"',
    'event visit { kind: enum(home, office) }',
    'event recorded',
    'deadline record_home_visit',
    '  owner sw',
    '  due within 5 days of visit',
    '  when visit.kind is home',
    '  met by recorded',
    '  cite "1"',
    '',
  ].join('\n');
  const host: CompilerHost = { findPolicy: (id) => (id === 't.parent' ? { uri: 'parent.pdl', text: parent } : undefined) };

  it('an extending policy that changes how an inherited name reads gets one error at its `extends`, not a throw', () => {
    // `home` in the parent's `when` is an enum value; a fact named `home` in the child makes it read as the fact.
    const child = 'policy t.child extends t.parent\n  title "Child"\nfact home: text\n';
    const result = compileToIr(child, { uri: 'child.pdl', host });
    expect(result.ir).toBeUndefined();
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => [d.code, d.uri, d.range.startLine])).toEqual([['pdl/inherited-rule-invalid', 'child.pdl', 1]]);
    expect(errors[0]?.message).toContain('`record_home_visit`');
    expect(errors[0]?.related?.[0]?.uri).toBe('parent.pdl');
  });

  it('the same parent extended without such a declaration compiles, the inherited rule lowered once', () => {
    const result = compileToIr('policy t.child extends t.parent\n  title "Child"\n', { uri: 'child.pdl', host });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.ir?.rules.map((r) => r.id)).toEqual(['record_home_visit']);
  });
});
