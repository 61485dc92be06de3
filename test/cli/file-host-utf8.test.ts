/**
 * The file host decodes a parent (extended) policy strictly, as the main policy is decoded (issue
 * 15): a parent that is not valid UTF-8 is refused with a diagnostic on the child's `extends` line
 * naming the file and the place of the first bad byte, never compiled with U+FFFD in its place; a
 * valid parent (with or without a byte-order mark) compiles as before.
 *
 * Input: a temporary folder with a child policy and its parent, written here. Output: assertions.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compile } from '../../compiler/index.ts';
import { createFileHost } from '../../cli/file-host.ts';

const dir = mkdtempSync(join(tmpdir(), 'pdl-parent-utf8-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const PARENT = `policy test.parent
  title "Parent"

role iro "IRO"

event review_held
`;
const CHILD = `policy test.child extends test.parent
  title "Child"
`;

function compileChildWithParent(parentBytes: Uint8Array): ReturnType<typeof compile> {
  const folder = mkdtempSync(join(dir, 'case-'));
  writeFileSync(join(folder, 'parent.pdl'), parentBytes);
  writeFileSync(join(folder, 'child.pdl'), CHILD);
  return compile(CHILD, { uri: 'child.pdl', host: createFileHost([folder], folder), explanations: false });
}

describe('the file host reads parent policies strictly', () => {
  it('refuses a parent that is not valid UTF-8, naming the file and the place of the bad byte', () => {
    const text = new TextEncoder().encode(PARENT.replace('"Parent"', '"Par\u00e9nt"'));
    const bad = new Uint8Array(text.length);
    bad.set(text);
    const at = text.indexOf(0xc3);
    bad[at] = 0xff; // a byte that starts no UTF-8 sequence, on line 2
    const result = compileChildWithParent(bad);
    expect(result.policy).toBeUndefined();
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => d.code)).toEqual(['pdl/parent-has-errors']);
    expect(errors[0]?.message).toBe('`test.parent` (parent.pdl) is not valid UTF-8 (line 2, column 13), so this policy cannot be compiled');
    expect([errors[0]?.uri, errors[0]?.range.startLine]).toEqual(['child.pdl', 1]);
    expect(errors[0]?.message).not.toContain('\ufffd');
  });

  it('compiles with a valid parent, with or without a byte-order mark', () => {
    const plain = compileChildWithParent(new TextEncoder().encode(PARENT));
    expect(plain.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(plain.policy?.ir.events.map((e) => e.name)).toContain('review_held');
    const withBom = compileChildWithParent(new TextEncoder().encode(`\ufeff${PARENT}`));
    expect(withBom.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(withBom.policy?.ir.id).toBe('test.child');
  });
});
