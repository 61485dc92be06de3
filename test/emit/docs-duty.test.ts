/**
 * `pdl docs` for duties (`compiler/kinds/duty.ts`, its `docs`): a Duties section with each duty's
 * owner, trigger, bound (or none), the document's wording, condition, what meets it and its
 * citation; the owner's role lists its duties; a duty's notification says when it is sent.
 *
 * Input: test/cases/duties/good/duties.pdl. Output: assertions on sentences of the Markdown.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileToIr } from '../../compiler/index.ts';
import { renderPolicyDocs } from '../../compiler/emit/docs/index.ts';
import { compiledIr } from '../support/compiled.ts';

const FILE = 'test/cases/duties/good/duties.pdl';
const text = readFileSync(fileURLToPath(new URL(`../../${FILE}`, import.meta.url)), 'utf8');
const ir = compiledIr(text, { uri: FILE });
const md = renderPolicyDocs(ir, { sourceFile: FILE }).markdown;

/** The lines of the block of one rule, up to the next heading. */
function block(id: string): string[] {
  const lines = md.split('\n');
  const start = lines.findIndex((l) => l.includes(`<a id="rule-${id}"></a>`));
  const end = lines.findIndex((l, i) => i > start && l.startsWith('#'));
  return lines.slice(start, end).filter((l) => l !== '');
}

describe('pdl docs with duties', () => {
  it('has a Duties section, listed in the contents', () => {
    expect(md).toContain('- [Duties](#duties)');
    expect(md).toContain('## <a id="duties"></a>Duties');
  });

  it('says who, after what, by when, in whose words, met by what and citing what', () => {
    expect(block('prepare_child')).toEqual([
      '### <a id="rule-prepare_child"></a>The social worker prepares the child for the review',
      'Rule `prepare_child` (duty) · local to this policy · declared in `test/cases/duties/good/duties.pdl`, line 23',
      '- **Owner**: Social worker (`social_worker`)',
      '- **After**: `review_scheduled` is recorded, where `review_scheduled.kind is "subsequent"`',
      '- **By**: on or before the date `review_scheduled.for`',
      '- **In the document\'s words**: "as soon as practicable"',
      '- **Met when**: `child_prepared` is recorded',
      '- **Cites**: Practice Change, bullet 2',
    ]);
    expect(block('record_reasons')).toContain('- **By**: no fixed date: it stays outstanding until it is met');
    expect(block('consult_iro')).toContain("- **After**: each occurrence of [Review of the child's case](#rule-looked_after_review) (`looked_after_review`)");
    expect(block('consult_iro')).toContain('- **By**: no later than the next time `review_held` is recorded (that day included)');
    expect(block('pathway_plan')).toContain("- **By**: on or before the day 18 years after the child's date of birth");
    expect(block('pathway_plan')).toContain('- **Applies**: only when `age 15 or over`');
  });

  it('lists the duties under the role that owns them, and says when a duty notifies', () => {
    expect(md).toContain('- **Duties**: [The social worker prepares the child for the review](#rule-prepare_child), [The reasons are recorded](#rule-record_reasons), [The IRO is consulted before each review](#rule-consult_iro) and [A pathway plan before the 18th birthday](#rule-pathway_plan)');
    expect(md).toContain('- **Sent**: one message for each duty that is outstanding or missed');
  });

  it('lists a duty whose document names nobody under "No owner named"', () => {
    const file = 'test/cases/duties/bad/unowned.pdl';
    const unowned = compileToIr(readFileSync(fileURLToPath(new URL(`../../${file}`, import.meta.url)), 'utf8'), { uri: file }).ir;
    expect(unowned).toBeDefined();
    const doc = renderPolicyDocs(unowned!, { sourceFile: file }).markdown;
    const group = doc.slice(doc.indexOf('<a id="role-unassigned"></a>No owner named'), doc.indexOf('## <a id="duties"></a>'));
    expect(group).toContain('they are reported with the owner `unassigned`');
    expect(group).toContain('- **Duties**: [The reasons are recorded](#rule-record_reasons)');
  });
});
