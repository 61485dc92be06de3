/**
 * docs/language.md stays true: its diagnostics table lists exactly the codes of the registry, and
 * every `pdl` example parses (a whole policy must also compile without error).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compile, DIAGNOSTIC_CODES } from '../../compiler/index.ts';
import { compileToIr } from '../../compiler/pipeline.ts';

const doc = readFileSync(fileURLToPath(new URL('../../docs/language.md', import.meta.url)), 'utf8');
const statutory = readFileSync(fileURLToPath(new URL('../../policies/england/statutory-reviews.pdl', import.meta.url)), 'utf8');
const host = { findPolicy: (id: string) => (id === 'england.statutory_reviews' ? { uri: 'statutory.pdl', text: statutory } : undefined) };
const examples = [...doc.matchAll(/```pdl\n([\s\S]*?)```/g)].map((m) => m[1]!);

describe('docs/language.md', () => {
  it('lists every diagnostic code with its severity, and no other', () => {
    const rows = [...doc.matchAll(/^\| `(pdl\/[a-z-]+)` \| (error|warning|info) \|/gm)].map((m) => [m[1], m[2]]);
    const registry = Object.entries(DIAGNOSTIC_CODES).map(([code, d]) => [code, d.severity]);
    expect(rows.sort()).toEqual(registry.sort());
  });

  it('has examples', () => {
    expect(examples.length).toBeGreaterThan(10);
  });

  for (const [i, example] of examples.entries()) {
    it(`example ${i + 1} is valid PDL`, () => {
      if (/^(#.*\n)*policy /.test(example)) {
        const result = compile(example, { uri: `example-${i + 1}.pdl`, host });
        expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      } else {
        const wrapped = `policy doc.example\n  title "t"\ndeadline doc_fragment\n${example}`;
        const result = compileToIr(wrapped, { uri: `example-${i + 1}.pdl`, host });
        const syntax = result.diagnostics.filter((d) => d.code === 'pdl/syntax-error' || d.code === 'pdl/lex-error' || d.code.startsWith('pdl/invalid-'));
        expect(syntax).toEqual([]);
      }
    });
  }
});

describe('docs/language.md notification fields', () => {
  it('lists exactly the fields of NOTIFICATION_FIELDS', async () => {
    const { NOTIFICATION_FIELDS } = await import('../../runtime/index.ts');
    const listed = [...doc.matchAll(/^\| `([a-zA-Z.]+)` \| (all|deadlines and cycles|ladders) \|/gm)].map((m) => m[1]).sort();
    const defined = [...new Set([...NOTIFICATION_FIELDS.obligation, ...NOTIFICATION_FIELDS.ladder].map((f) => f.path))].sort();
    expect(listed).toEqual(defined);
  });
});
