/**
 * More than one owner (`owner a and b`, `owner a or b`) on deadlines, cycles and duties: the IR
 * keeps `owner` (the first) and adds `owners` only then; each obligation carries `owners`; `pdl docs`
 * lists the rule under every owner and says whether they own it together or any of them may do it;
 * the printer writes the list back.
 *
 * Input: test/cases/owners/good/several-owners.pdl and a case written here. Output: assertions.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compile } from '../../compiler/index.ts';
import { renderPolicyDocs } from '../../compiler/emit/docs/index.ts';

const FILE = 'test/cases/owners/good/several-owners.pdl';
const compiled = compile(readFileSync(fileURLToPath(new URL(`../../${FILE}`, import.meta.url)), 'utf8'), { uri: FILE });

describe('several owners', () => {
  it('are in the IR only where a rule names more than one', () => {
    const ir = compiled.ir!;
    expect(ir.rules.map((r) => [r.id, r.owner, r.owners])).toEqual([
      ['plan', 'social_worker', { join: 'all', roles: ['social_worker', 'team_manager'] }],
      ['reviews', 'chair', { join: 'any', roles: ['chair', 'chair_manager'] }],
    ]);
    expect(ir.duties?.map((d) => [d.id, d.owner, d.owners])).toEqual([['minutes', 'iro', { join: 'all', roles: ['iro', 'social_worker', 'team_manager'] }]]);
  });

  it('are carried by every obligation, after `owner`', () => {
    const r = compiled.policy!.evaluate({ id: 'c', child: { dob: '2012-01-01' }, events: [{ type: 'became_looked_after', date: '2025-04-14' }, { type: 'review_held', date: '2025-05-08' }] }, '2025-05-09');
    if (!r.ok) throw new Error('valid case');
    const byRule = new Map(r.result.obligations.map((o) => [o.rule, o]));
    expect(byRule.get('plan')?.owners).toEqual({ join: 'all', roles: ['social_worker', 'team_manager'] });
    expect(byRule.get('reviews')?.owners?.join).toBe('any');
    expect(byRule.get('minutes')?.owners?.roles).toEqual(['iro', 'social_worker', 'team_manager']);
    expect(Object.keys(byRule.get('plan') ?? {}).slice(0, 5)).toEqual(['rule', 'occurrence', 'title', 'owner', 'owners']);
  });

  it('are named in the Owner column of pdl evaluate', async () => {
    const { pdlHere } = await import('../support/processes.ts');
    const { writeFileSync, mkdirSync, rmSync } = await import('node:fs');
    const dir = fileURLToPath(new URL('../../test-artifacts/owners-case/', import.meta.url));
    mkdirSync(dir, { recursive: true });
    writeFileSync(`${dir}case.json`, JSON.stringify({ id: 'c', child: { dob: '2012-01-01' }, events: [{ type: 'became_looked_after', date: '2025-04-14' }] }));
    const r = await pdlHere(['evaluate', FILE, 'test-artifacts/owners-case/case.json', '--as-of', '2025-04-15']);
    rmSync(dir, { recursive: true, force: true });
    expect(r.status).toBe(0);
    // 10 working days after Mon 14 Apr 2025, skipping Good Friday and Easter Monday: Wed 30 Apr;
    // 20 working days, also skipping the early May bank holiday: Thu 15 May.
    expect(r.stdout).toMatch(/plan\s+1\s+social_worker and team_manager\s+2025-04-30\s+open/);
    expect(r.stdout).toMatch(/reviews\s+1\s+chair or chair_manager\s+2025-05-15\s+open/);
  }, 60_000);

  it('are shown in pdl docs, and the rule is listed under each owner', () => {
    const md = renderPolicyDocs(compiled.ir!, { sourceFile: FILE }).markdown;
    expect(md).toContain('- **Owners**: Social worker (`social_worker`) and Team manager (`team_manager`) (together)');
    expect(md).toContain("- **Owners**: Chair of the conference (`chair`) or The chair's manager (`chair_manager`) (any of them)");
    const group = (role: string): string => md.slice(md.indexOf(`<a id="role-${role}"></a>`), md.indexOf('<a id="role-', md.indexOf(`<a id="role-${role}"></a>`) + 1));
    // Under each owner; the first block keeps the rule's anchor (what links point at), each later
    // copy has its own, so that no anchor is given twice.
    expect(group('social_worker')).toContain('<a id="rule-plan"></a>');
    expect(group('team_manager')).toContain('<a id="rule-plan--team_manager"></a>');
    expect(group('chair_manager')).toContain('<a id="rule-reviews--chair_manager"></a>');
    const anchors = [...md.matchAll(/<a id="([^"]+)"><\/a>/g)].map((m) => m[1]);
    expect(new Set(anchors).size).toBe(anchors.length);
    expect(group('team_manager')).toContain('[The minutes are sent](#rule-minutes)');
  });
});
