/**
 * Mutation tests of the formatter (compiler/format/format.ts): input the repository's policies never
 * give it, since they are all formatted already (test/compiler/format-repository.test.ts) — untidy
 * blank lines and comments, an empty record, a long event with no record, `count` and `enum` as
 * attribute names, an `override criteria`, each kind of syntax error and a file over the size limit.
 * Each output is compared whole. Every test formats inside itself, so that Stryker counts the code it
 * runs (docs/testing.md, "Mutation testing").
 *
 * Input: policy text written here. Output: the formatted text, or the refusal's diagnostics.
 */
import { describe, expect, it } from 'vitest';
import { formatPolicy } from '../../compiler/format/format.ts';
import { MAX_LINE_TOKENS, MAX_POLICY_CHARS } from '../../runtime/input-limits.ts';

/** The formatted text of `input`, checked to be a fixed point of the formatter. */
function formatted(input: string): string {
  const once = formatPolicy(input).text;
  if (once === undefined) throw new Error('the formatter refused the text');
  expect(formatPolicy(once).text).toBe(once);
  return once;
}

/** The codes and lines of a refusal's diagnostics, and that no text came back. */
function refusal(input: string): string[] {
  const r = formatPolicy(input);
  expect(r.text).toBeUndefined();
  return r.diagnostics.map((d) => `${d.code} ${d.range.startLine}`);
}

describe('formatPolicy, beyond the repository', () => {
  it('collapses runs of blank lines, drops them at the top, and keeps comments before, inside and after', () => {
    const input = [
      '',
      '',
      '# top   ',
      '',
      '',
      '',
      '# second',
      'policy a.b',
      '  title "T"',
      '',
      '',
      '',
      '# mid',
      '',
      '  effective 2024-01-01',
      'override criteria x "T"',
      '  any of',
      '        "a": f   # first  ',
      '  "b": g and (h or',
      '      i)   # second',
      '  cite "1"',
      'fact f: boolean',
      '',
      '',
      '# end one',
      '',
      '',
      '# end two',
      '# end three   ',
      '',
    ].join('\n');
    expect(formatted(input)).toBe(
      [
        '# top',
        '',
        '# second',
        'policy a.b',
        '  title "T"',
        '',
        '  # mid',
        '',
        '  effective 2024-01-01',
        'override criteria x "T"',
        '  any of',
        '    "a": f  # first',
        '    "b": g and (h or i)  # second',
        '  cite "1"',
        'fact f: boolean',
        '',
        '# end one',
        '',
        '# end two',
        '# end three',
        '',
      ].join('\n'),
    );
  });

  it('drops blank lines before the first line when no comment comes first', () => {
    expect(formatted('\n\n\npolicy a.b\n  title "T"\n')).toBe('policy a.b\n  title "T"\n');
  });

  it('ends a run of aligned lines at a blank line', () => {
    const input = 'policy a.b\nrole iro "IRO"\nrole social_worker "SW"\n\nrole director "D"\nrole x "X"\n';
    expect(formatted(input)).toBe('policy a.b\nrole iro           "IRO"\nrole social_worker "SW"\n\nrole director "D"\nrole x        "X"\n');
  });

  it('writes an empty record as {}, and `count` and `enum` as attribute names with spaces after them', () => {
    const input = [
      'policy a.b',
      'role iro "IRO"',
      'event e {   }',
      'event f { count: number, enum: text }',
      'event g',
      'duty d "D"',
      '  owner iro',
      '  after f where f.count >= 2 and f.enum is "x"',
      '  met by g',
      '  cite "1"',
      '',
    ].join('\n');
    // Only the empty record changes: every other line is already in its canonical layout.
    expect(formatted(input)).toBe(input.replace('{   }', '{}'));
  });

  it('leaves a long event with no record on one line, and splits a long record only at its own commas', () => {
    const title = `"${'A very long title of an event that has no record at all, '.repeat(2)}"`;
    const input = [
      'policy a.b',
      `event plain ${title}`,
      `event kinds ${title} { level: enum(low, middle, high), at: date, note?: text }`,
      '',
    ].join('\n');
    expect(formatted(input)).toBe(
      [
        'policy a.b',
        `event plain ${title}`,
        `event kinds ${title} {`,
        '  level: enum(low, middle, high),',
        '  at: date,',
        '  note?: text',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('indents a criterion line by four only inside criteria: one in an overridden deadline stays with its clauses', () => {
    // `"a": f` in a deadline parses (the clause is refused later, by the checks), so it is formatted.
    const input = 'policy a.b\nrole iro "IRO"\nfact f: boolean\nevent e\noverride deadline d "D"\n  owner iro\n  due within 1 day of e\n      "a": f\n  met by e\n  cite "1"\n';
    expect(formatted(input)).toBe(input.replace('      "a"', '  "a"'));
  });

  it('indents the conditions of criteria by four, and joins two comments of a wrapped condition, each trimmed', () => {
    const input = 'policy a.b\nfact f: boolean\nfact g: boolean\ncriteria c "C"\n  all of\n  "a": f\n      "b": f and (g or  # one\n  g)   # two   \n  cite "1"\n';
    expect(formatted(input)).toBe('policy a.b\nfact f: boolean\nfact g: boolean\ncriteria c "C"\n  all of\n    "a": f\n    "b": f and (g or g)  # one # two\n  cite "1"\n');
  });

  it('formats text whose only mistakes are not syntax errors, and returns their diagnostics', () => {
    const r = formatPolicy('policy a.b\n  title   "T"\n  effective 2024-02-30\n');
    expect(r.text).toBe('policy a.b\n  title     "T"\n  effective 2024-02-30\n');
    expect(r.diagnostics.map((d) => `${d.code} ${d.range.startLine}`)).toEqual(['pdl/invalid-date 3']);
  });

  it('refuses text with each kind of syntax error, and a file over the size limit, with the diagnostics', () => {
    const criteria = (line: string): string => `policy a.b\nfact f: boolean\ncriteria c "C"\n  all of\n    "a": ${line}\n  cite "1"\n`;
    expect(refusal('policy a.b\nrole iro "IRO" ;\n')).toEqual(['pdl/lex-error 2']);
    expect(refusal('policy a.b\nrole\n')).toEqual(['pdl/syntax-error 2']);
    expect(refusal(criteria(`${'('.repeat(40)}f${')'.repeat(40)}`))).toEqual(['pdl/nesting-too-deep 5']);
    expect(refusal(criteria(`f${' f'.repeat(MAX_LINE_TOKENS)}`))).toEqual(['pdl/line-too-long 5']);
    expect(refusal(`policy a.b\n#${'x'.repeat(MAX_POLICY_CHARS)}\n`)).toEqual(['pdl/policy-too-large 1']);
    // The diagnostics name the file given, or `policy.pdl`.
    expect([formatPolicy('policy a.b\nrole\n').diagnostics[0]?.uri, formatPolicy('policy a.b\nrole\n', 'p/x.pdl').diagnostics[0]?.uri]).toEqual(['policy.pdl', 'p/x.pdl']);
  });
});
