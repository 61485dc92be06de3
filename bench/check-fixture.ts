/**
 * A generated policy of about a given size, for the parse + check benchmark (bench/check.ts).
 *
 * Input: a size in bytes and a seed-free recipe. Output: a policy text that compiles without errors,
 * of at least `bytes` bytes (within one rule's size), made of the constructs real policies use most:
 * roles with a reporting line, events with attributes, facts, deadlines (working days, `when`
 * conditions, `before` an attribute date), cycles and duties. Rules come in groups of ten sharing
 * their start and meeting events (each is met by its own), as a real policy's rules share its vocabulary. Deterministic: the same size gives the
 * same text.
 */

const HEADER = `policy bench.generated
  title     "A generated policy for the benchmarks"
  source    "bench/check-fixture.ts"
  version   "1"
  effective 2020-01-01

calendar england-and-wales

role director        "Director"
role team_manager    "Team manager"    reports to director
role social_worker   "Social worker"   reports to team_manager
role iro             "Independent Reviewing Officer"

fact disabled? "The child has a disability": boolean
fact age_band "Age band": enum(under_five, five_to_eleven, twelve_plus)
`;

/** One group of ten rules and the events they share; `g` numbers the group. */
function group(g: number): string {
  const e = (name: string): string => `${name}_${g}`;
  const lines: string[] = [
    `event ${e('started')}   "Group ${g} started"`,
    `event ${e('ended')}     "Group ${g} ended"`,
    `event ${e('meeting')}   "A meeting of group ${g} is arranged" { for: date, by?: role }`,
    ...Array.from({ length: 10 }, (_, r) => `event ${e(`done_${r}`)}  "Work ${r} of group ${g} is done" { by?: role, ref?: text }`),
    '',
  ];
  for (let r = 0; r < 10; r++) {
    const id = `rule_${g}_${r}`;
    switch (r % 5) {
      case 0:
      case 1:
        lines.push(
          `deadline ${id} "Deadline ${r} of group ${g}"`,
          `  owner social_worker`,
          `  due within ${5 + r} working days of ${e('started')}`,
          ...(r % 2 === 1 ? ['  when disabled or age_band is under_five'] : []),
          `  met by ${e(`done_${r}`)}`,
          `  cite "Section ${g}.${r}"`,
          '',
        );
        break;
      case 2:
        lines.push(
          `deadline ${id} "Papers for meeting ${r} of group ${g}"`,
          `  owner team_manager`,
          `  due at least ${r} working days before ${e('meeting')}.for`,
          `  met by ${e(`done_${r}`)}`,
          `  cite "Section ${g}.${r}"`,
          '',
        );
        break;
      case 3:
        lines.push(
          `cycle ${id} "Visits ${r} of group ${g}"`,
          `  owner social_worker`,
          `  runs from ${e('started')} until ${e('ended')}`,
          `  first  within ${r} weeks of ${e('started')}  cite "Section ${g}.${r}(1)"`,
          `  then   within 3 months of the previous ${e(`done_${r}`)}  cite "Section ${g}.${r}(2)"`,
          `  met by ${e(`done_${r}`)}`,
          `  cite "Section ${g}.${r}"`,
          '',
        );
        break;
      default:
        lines.push(
          `duty ${id} "Duty ${r} of group ${g}"`,
          `  owner iro`,
          `  after ${e('meeting')}`,
          `  before ${e('meeting')}.for`,
          `  met by ${e(`done_${r}`)}`,
          `  cite "Section ${g}.${r}"`,
          '',
        );
    }
  }
  return lines.join('\n');
}

/** A policy of at least `bytes` bytes (UTF-8: the text is ASCII). */
export function generatedPolicy(bytes: number): string {
  const parts = [HEADER];
  let size = HEADER.length;
  for (let g = 0; size < bytes; g++) {
    const text = group(g);
    parts.push(text);
    size += text.length;
  }
  return parts.join('\n');
}

/** A JSON document of about `bytes` bytes with the same kind of content (rules as objects). */
export function jsonOfSize(bytes: number): string {
  const rules: unknown[] = [];
  let size = 2;
  for (let i = 0; size < bytes; i++) {
    const rule = { id: `rule_${i}`, kind: 'deadline', title: `Deadline ${i}`, owner: 'social_worker', due: { within: { amount: 5 + (i % 10), unit: 'working days' }, of: `started_${Math.floor(i / 10)}` }, metBy: [`done_${Math.floor(i / 10)}`], cite: `Section ${i}` };
    size += JSON.stringify(rule).length + 1;
    rules.push(rule);
  }
  return JSON.stringify({ policy: 'bench.generated', rules });
}
