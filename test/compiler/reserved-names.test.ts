/**
 * JavaScript's own property names (`constructor`, `__proto__`, `toString`...) as policy names (issue
 * 15, item 2). Before, `role constructor`, `fact __proto__` or `event hasOwnProperty` crashed `pdl
 * check` (ajv: "schema is invalid") or made an emitted module throw at import. Each is now one
 * `pdl/reserved-name` at the name, never an exception; an IR that declares one is refused by
 * `preparePolicy`; and a case that writes such a key where the policy declares none is an ordinary
 * case error. A role-typed fact in a policy with no roles (which crashed ajv) is a diagnostic too.
 */
import { describe, expect, it } from 'vitest';
import { compile } from '../../compiler/index.ts';
import { MalformedIrError, preparePolicy, RESERVED_NAMES } from '../../runtime/index.ts';
import type { PolicyIR } from '../../runtime/index.ts';

/** A small policy with NAME in one position; the rest is ordinary. */
const POSITIONS: Record<string, (name: string) => string> = {
  role: (n) => `role ${n} "A role"`,
  fact: (n) => `fact ${n}? "A fact": boolean`,
  event: (n) => `event ${n} "An event"`,
  attribute: (n) => `event other "An event" { ${n}: date }`,
  'enum value of a fact': (n) => `fact status "Status": enum(a, ${n})`,
  'enum value of an attribute': (n) => `event other "An event" { kind: enum(a, ${n}) }`,
  rule: (n) => `event done "Done"\ndeadline ${n} "A deadline"\n  owner someone\n  due 5 days after child.dob\n  met by done\n  cite "1"`,
};

function policyWith(position: string, name: string): string {
  const decl = POSITIONS[position]!(name);
  return `policy example.reserved\n  title "Reserved names"\n\nrole someone "Someone"\n${decl}\n`;
}

describe('JavaScript\'s own names are rejected where they are declared, never crash', () => {
  it('the list covers every property of Object.prototype', () => {
    for (const name of Object.getOwnPropertyNames(Object.prototype)) expect(RESERVED_NAMES.has(name), name).toBe(true);
  });

  for (const position of Object.keys(POSITIONS)) {
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf']) {
      it(`${name} as ${/^[aeiou]/.test(position) ? 'an' : 'a'} ${position}: one pdl/reserved-name at the name`, () => {
        const text = policyWith(position, name);
        const result = compile(text, { uri: 'reserved.pdl' });
        const errors = result.diagnostics.filter((d) => d.severity === 'error');
        expect(errors.map((d) => d.code)).toEqual(['pdl/reserved-name']);
        const d = errors[0]!;
        expect(text.slice(d.range.start, d.range.end)).toBe(name);
        expect(d.message).toContain(`\`${name}\``);
        expect(result.policy).toBeUndefined();
      });
    }
  }

  it('a name that merely contains one (`constructor_visit`, `to_string`) is an ordinary name', () => {
    const result = compile(policyWith('event', 'constructor_visit').replace('role someone', 'role to_string "x"\nrole someone'), { uri: 'ok.pdl' });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.policy).toBeDefined();
  });
});

describe('an IR that declares one is refused when prepared', () => {
  const base = compile(policyWith('event', 'visit'), { uri: 'base.pdl' }).ir as PolicyIR;

  it('the base policy prepares', () => {
    expect(() => preparePolicy(base)).not.toThrow();
  });
  const broken: [string, PolicyIR][] = [
    ['a role', { ...base, roles: [...base.roles, { name: 'constructor', title: 'x' }] }],
    ['a fact', { ...base, facts: [...base.facts, { name: '__proto__', type: { kind: 'boolean' }, optional: true }] }],
    ['an event', { ...base, events: [...base.events, { name: 'toString', attributes: [] }] }],
    ['an attribute', { ...base, events: [...base.events, { name: 'other', attributes: [{ name: 'valueOf', type: { kind: 'date' }, optional: false }] }] }],
    ['an enum value', { ...base, facts: [...base.facts, { name: 'status', type: { kind: 'enum', values: ['a', 'hasOwnProperty'] }, optional: false }] }],
  ];
  for (const [what, ir] of broken) {
    it(`${what}: MalformedIrError`, () => {
      expect(() => preparePolicy(ir)).toThrow(MalformedIrError);
      expect(() => preparePolicy(ir)).toThrow(/a name every JavaScript object has/);
    });
  }
});

describe('a case that writes such a key where none is declared', () => {
  const policy = compile(policyWith('fact', 'looked_after'), { uri: 'case.pdl' }).policy!;
  const asOf = '2024-06-01';
  for (const key of ['constructor', 'toString', '__proto__']) {
    it(`facts.${key}: a case error naming the path, no exception`, () => {
      const json = `{"id":"c1","child":{"dob":"2010-01-01"},"facts":{"${key}":true},"events":[]}`;
      const outcome = policy.evaluate(JSON.parse(json) as unknown, asOf);
      expect(outcome.ok).toBe(false);
      if (!outcome.ok) expect(outcome.errors.map((e) => e.code)).toEqual(['case/unknown-fact']);
    });
  }
  it('an absent optional fact reads as absent even though every object has a `constructor`', () => {
    const p = compile(policyWith('fact', 'looked_after'), { uri: 'case.pdl' }).policy!;
    const outcome = p.evaluate({ id: 'c1', child: { dob: '2010-01-01' }, facts: {}, events: [] }, asOf);
    expect(outcome.ok).toBe(true);
  });
});

describe('a role-typed fact or attribute in a policy that declares no roles', () => {
  const header = 'policy example.no_roles\n  title "No roles"\n\n';
  it('fact: one pdl/unknown-role at the fact, never the ajv exception it was ("enum must NOT have fewer than 1 items")', () => {
    const text = `${header}fact lead "Who leads": role\n`;
    const result = compile(text, { uri: 'no-roles.pdl' });
    expect(result.diagnostics.map((d) => d.code)).toEqual(['pdl/unknown-role']);
    expect(text.slice(result.diagnostics[0]!.range.start, result.diagnostics[0]!.range.end)).toBe('lead');
  });
  it('attribute: one pdl/unknown-role at the attribute', () => {
    const text = `${header}event discussion_held "A discussion" { with: role }\n`;
    const result = compile(text, { uri: 'no-roles.pdl' });
    expect(result.diagnostics.map((d) => d.code)).toEqual(['pdl/unknown-role']);
    expect(text.slice(result.diagnostics[0]!.range.start, result.diagnostics[0]!.range.end)).toBe('with');
  });
  it('an IR with one is refused when prepared', () => {
    const ir = compile(`${header}event visit "A visit"\n`, { uri: 'x.pdl' }).ir as PolicyIR;
    expect(() => preparePolicy({ ...ir, facts: [{ name: 'lead', type: { kind: 'role' }, optional: false }] })).toThrow(/holds a role, but the policy declares no roles/);
  });
});
