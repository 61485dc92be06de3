/**
 * `parse` with a listener (grammar/index.ts, `TopLevelListener`), as the compiler parses: the header
 * and every declaration and stray line of the top level are handed over in source order, exactly the
 * nodes the whole-file CST holds (the AST builder used to read them from it, sorted by offset), with
 * the same syntax errors; the CST returned no longer holds them. Checked on every policy of
 * test/cases, the statutory policy and damaged copies of it, so that error recovery is exercised.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CstNode } from 'chevrotain';
import { describe, expect, it } from 'vitest';
import { parse, type DeclarationCstNode, type HeaderCstNode, type StrayLineCstNode } from '../../grammar/index.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Every `.pdl` file under `dir`, recursively, by its path from the root. */
function policiesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...policiesUnder(path));
    else if (entry.name.endsWith('.pdl')) out.push(path);
  }
  return out;
}

// The golden cases (their bad ones exercise recovery) and one full policy; the other policies are
// larger versions of the same constructs, and comparing their trees would take seconds.
const files = [...policiesUnder('test/cases'), 'policies/england/statutory-reviews.pdl'];

/** The top level's declarations and stray lines of a whole-file CST, in order of offset. */
function topLevelItems(cst: CstNode): CstNode[] {
  const items = [...((cst.children['declaration'] ?? []) as CstNode[]), ...((cst.children['strayLine'] ?? []) as CstNode[])];
  return items.sort((a, b) => a.location!.startOffset - b.location!.startOffset);
}

/** `text` parsed with a listener: what it was handed, and the parse. */
function listened(text: string): { headers: HeaderCstNode[]; items: (DeclarationCstNode | StrayLineCstNode)[]; recovered: boolean[]; result: ReturnType<typeof parse> } {
  const headers: HeaderCstNode[] = [];
  const items: (DeclarationCstNode | StrayLineCstNode)[] = [];
  const recovered: boolean[] = [];
  const result = parse(text, () => ({
    header: (node) => headers.push(node),
    item: (node, wasRecovered) => {
      items.push(node);
      recovered.push(wasRecovered);
    },
  }));
  return { headers, items, recovered, result };
}

function expectSameParts(text: string): void {
  const whole = parse(text);
  const { headers, items, recovered, result } = listened(text);
  expect(result.syntaxErrors.map((e) => [e.message, e.token.startOffset, e.ruleStack])).toEqual(whole.syntaxErrors.map((e) => [e.message, e.token.startOffset, e.ruleStack]));
  expect(result.lexErrors).toEqual(whole.lexErrors);
  expect(headers).toEqual(whole.cst.children['header'] ?? []);
  expect(items).toEqual(topLevelItems(whole.cst));
  // The parts handed over are out of the tree; the file's location is as before.
  for (const key of ['header', 'declaration', 'strayLine']) expect(result.cst.children[key] ?? []).toEqual([]);
  expect(result.cst.location).toEqual(whole.cst.location);
  // `recovered` says false only while no syntax error has been recorded.
  if (whole.syntaxErrors.length === 0) expect(recovered.every((r) => !r)).toBe(true);
  const firstError = Math.min(...whole.syntaxErrors.map((e) => e.token.startOffset));
  items.forEach((item, i) => {
    if (recovered[i] === false) expect(item.location!.endOffset!).toBeLessThan(firstError);
  });
}

describe('parse with a top-level listener', () => {
  it('finds policies to check', () => {
    expect(files.length).toBeGreaterThan(100);
  });

  it('hands over the parts of the whole-file CST, in order, with the same errors, for every policy', () => {
    for (const file of files) {
      const text = readFileSync(join(root, file), 'utf8');
      try {
        expectSameParts(text);
      } catch (error) {
        throw new Error(`${file}: ${(error as Error).message}`);
      }
    }
  });

  it('does so for damaged policies too (lines cut short, swapped words, stray and misspelled lines)', () => {
    const text = readFileSync(join(root, 'policies/england/statutory-reviews.pdl'), 'utf8');
    const lines = text.split('\n');
    const damaged = [
      lines.map((line, i) => (i % 7 === 3 ? line.slice(0, Math.floor(line.length / 2)) : line)).join('\n'),
      lines.map((line, i) => (i % 5 === 2 ? line.split(' ').reverse().join(' ') : line)).join('\n'),
      lines.map((line, i) => (i % 11 === 4 ? `ownr iro\n${line}\ndedline x "y"` : line)).join('\n'),
      lines.map((line, i) => (i % 3 === 1 ? `${line} ) "` : line)).join('\n'),
      `event e\n${text}`,
    ];
    for (const copy of damaged) {
      expect(parse(copy).syntaxErrors.length).toBeGreaterThan(0);
      expectSameParts(copy);
    }
  });

  it('hands over, when the parse ends, a declaration whose error ended it', () => {
    // The unclosed brace: the error passes up to the file's rule, which gives up on the rest.
    const text = 'policy a.b\n\nrole r "R"\nevent x "X" { by?: role role,\n  c: date }\nrole s "S"\n';
    const whole = parse(text);
    expect(whole.cst.recoveredNode).toBe(true);
    const { items, recovered } = listened(text);
    expect(items.map((item) => [item.name, item.recoveredNode === true])).toEqual([
      ['declaration', false],
      ['declaration', true],
    ]);
    expect(recovered).toEqual([false, true]);
    expectSameParts(text);
  });

  it('hands over nothing but the header when a file has only a header', () => {
    const { headers, items } = listened('policy a.b\n  title "t"\n');
    expect(headers).toHaveLength(1);
    expect(items).toEqual([]);
  });

  it('hands over only an empty header when the file does not start with its `policy` line', () => {
    const { headers, items, result } = listened('role a "A"\n');
    expect(headers).toHaveLength(1);
    expect(headers[0]!.children.Policy).toBeUndefined();
    expect(items).toEqual([]);
    expect(result.syntaxErrors).toHaveLength(1);
  });
});
