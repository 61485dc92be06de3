/**
 * The formatter keeps meaning and comments, and is idempotent, on every good case and every policy.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { stripRanges } from '../../compiler/ast/print.ts';
import { formatPolicy } from '../../compiler/format/format.ts';
import { parseToAst } from '../../compiler/pipeline.ts';
import { tokenizeRaw } from '../../grammar/index.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
function pdlFiles(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir).sort()) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) pdlFiles(p, out);
    else if (e.endsWith('.pdl') && !p.includes('/bad/')) out.push(p);
  }
  return out;
}

describe('formatPolicy', () => {
  for (const file of [...pdlFiles(join(root, 'test/cases')), ...pdlFiles(join(root, 'policies'))]) {
    it(relative(root, file), () => {
      const text = readFileSync(file, 'utf8');
      const once = formatPolicy(text).text;
      expect(once).toBeDefined();
      expect(formatPolicy(once!).text).toBe(once);
      expect(stripRanges(parseToAst(once!, 'x').ast)).toEqual(stripRanges(parseToAst(text, 'x').ast));
      const comments = (t: string) => tokenizeRaw(t).comments.map((c) => c.image.trim());
      expect(comments(once!).join(' ')).toBe(comments(text).join(' '));
    });
  }

  it('lays out lines by what they are, and keeps comments where they were', () => {
    const input = '# top\n\n\npolicy a.b   # id\n    title   "T"\nrole   iro "IRO"\n\n\n# the rule\ndeadline d\nowner iro\n      due within 5 working days of e\nmet by  e\ncite "1"\nevent e {\n  x: date,   # first\n  y?: text   # second\n}\n';
    expect(formatPolicy(input).text).toBe(
      '# top\n\npolicy a.b  # id\n  title "T"\nrole iro "IRO"\n\n# the rule\ndeadline d\n  owner iro\n  due within 5 working days of e\n  met by e\n  cite "1"\nevent e { x: date, y?: text }  # first # second\n',
    );
  });

  it('aligns runs of header fields, roles, facts, events and steps; a blank line or comment ends a run', () => {
    const input = [
      'policy a.b',
      'title "T"',
      'effective 2024-01-01',
      'role iro "IRO"',
      'role social_worker "SW" reports to team_manager',
      'role team_manager reports to iro',
      '# a comment ends the run',
      'role director "Director"',
      'fact expected_closure? "Closure": date',
      'fact status: text',
      'event review_held',
      'event review_scheduled "Arranged" { for: date }',
      'cycle c',
      'owner iro',
      'first within 20 working days of review_held cite "1"',
      'second within 3 months of the previous review_held',
      'then within 6 months of the previous review_held cite "2"',
      'met by review_held',
      '',
    ].join('\n');
    expect(formatPolicy(input).text).toBe(
      [
        'policy a.b',
        '  title     "T"',
        '  effective 2024-01-01',
        'role iro           "IRO"',
        'role social_worker "SW"  reports to team_manager',
        'role team_manager        reports to iro',
        '# a comment ends the run',
        'role director "Director"',
        'fact expected_closure? "Closure": date',
        'fact status:           text',
        'event review_held',
        'event review_scheduled "Arranged" { for: date }',
        'cycle c',
        '  owner iro',
        '  first  within 20 working days of review_held        cite "1"',
        '  second within 3 months of the previous review_held',
        '  then   within 6 months of the previous review_held  cite "2"',
        '  met by review_held',
        '',
      ].join('\n'),
    );
  });

  it('wraps an event over 100 columns with two or more attributes one attribute a line, and only then', () => {
    const long = 'event review_scheduled "A review meeting of the child\'s case is arranged by the IRO" { for: date, by: role } supersedes earlier';
    const short = 'event review_adjourned "A review meeting is adjourned by the chair of the review, the IRO, on the day" { by: role }';
    const input = `policy a.b\n${long}\n${short}\n`;
    const once = formatPolicy(input).text;
    expect(once).toBe(
      'policy a.b\n' +
        'event review_scheduled "A review meeting of the child\'s case is arranged by the IRO" {\n' +
        '  for: date,\n' +
        '  by: role\n' +
        '} supersedes earlier\n' +
        `${short}\n`, // 114 columns, but its record has one attribute: one line
    );
    expect(formatPolicy(once!).text).toBe(once);
  });

  it('prints the due forms of deadlines (several anchors, whichever, windows) in one canonical spacing', () => {
    const rule = (due: string) => `policy a.b\n  title "T"\ndeadline d\n  owner iro\n  due ${due}\n  met by e\n  cite "1"\n`;
    const cases: [string, string][] = [
      ['within 5 working days of  x   or y', 'within 5 working days of x or y'],
      ['within 10 working days of x or  within 3 months of y ,whichever is   sooner', 'within 10 working days of x or within 3 months of y, whichever is sooner'],
      ['between 3 months before and 3 months after 16 years after child.dob', 'between 3 months before and 3 months after 16 years after child.dob'],
      ['16 years after child.dob ,  earliest 3 months before', '16 years after child.dob, earliest 3 months before'],
    ];
    for (const [written, canonical] of cases) {
      const once = formatPolicy(rule(written)).text;
      expect(once).toBe(rule(canonical));
      expect(formatPolicy(once!).text).toBe(once);
    }
  });

  it('refuses text with syntax errors', () => {
    const r = formatPolicy('policy a.b\n  title "x"\nrole iro "IRO" ;\n');
    expect(r.text).toBeUndefined();
    expect(r.diagnostics.some((d) => d.code === 'pdl/lex-error')).toBe(true);
  });
});
