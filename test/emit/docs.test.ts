/**
 * `pdl docs` and `renderPolicyDocs`: golden-style checks that the rendered practice direction says
 * what the policy says, in plain English, with every citation.
 *
 * Input: the statutory baseline and the good cases for ladders, approvals, criteria and deadlines,
 * a policy full of hostile strings, and the CLI (run in-process). Output: assertions on specific
 * sentences of the Markdown and the HTML, on escaping, on the do-not-edit note, on determinism and on
 * the exit codes of `pdl docs`.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { compileToIr } from '../../compiler/index.ts';
import { main } from '../../cli/main.ts';
import { durationText, markdownText, plainDate, renderPolicyDocs, type PolicyDocs } from '../../compiler/emit/docs/index.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const STATUTORY = 'policies/england/statutory-reviews.pdl';
const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8');
const statutoryText = read(STATUTORY);
const host = { findPolicy: (id: string) => (id === 'england.statutory_reviews' ? { uri: STATUTORY, text: statutoryText } : undefined) };

function docsOf(path: string, text = read(path)): PolicyDocs {
  const result = compileToIr(text, { uri: path, host });
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  expect(errors.map((d) => `${d.code} ${d.message}`)).toEqual([]);
  if (result.ir === undefined) throw new Error(`${path} does not compile`);
  return renderPolicyDocs(result.ir, { sourceFile: path });
}

/** The HTML's visible text, roughly: tags removed and the entities Handlebars writes decoded. */
function htmlText(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&#x60;/g, '`')
    .replace(/&#x3D;/g, '=')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** Markdown with its escapes, code spans' backticks and emphasis removed, to compare sentences. */
function mdText(md: string): string {
  return md.replace(/\\([\\`*_[\]<>|~&#+\-=.)])/g, '$1').replace(/\*\*/g, '').replace(/`/g, '');
}

describe('plain English pieces', () => {
  it('spells out units, singular and plural', () => {
    expect(durationText({ amount: 20, unit: 'working_days' })).toBe('20 working days');
    expect(durationText({ amount: 1, unit: 'working_days' })).toBe('1 working day');
    expect(durationText({ amount: 3, unit: 'months' })).toBe('3 months');
    expect(durationText({ amount: 1, unit: 'weeks' })).toBe('1 week');
    expect(durationText({ amount: 16, unit: 'years' })).toBe('16 years');
    expect(durationText({ amount: 10, unit: 'days' })).toBe('10 calendar days');
  });

  it('writes dates the English way', () => {
    expect(plainDate('2011-04-01')).toBe('1 April 2011');
    expect(plainDate('2025-12-24')).toBe('24 December 2025');
  });

  it('escapes Markdown in plain text', () => {
    expect(markdownText('a|b *c* _d_ <e> `f` [g](h) ~i~ \\ &amp;')).toBe('a\\|b \\*c\\* \\_d\\_ \\<e\\> \\`f\\` \\[g\\](h) \\~i\\~ \\\\ \\&amp;');
  });
});

describe('the statutory baseline', () => {
  const docs = docsOf(STATUTORY);

  it('says each due date in plain English, with its citation', () => {
    const md = docs.markdown;
    expect(md).toContain(
      '1. **First**: within 20 working days of the day the child becomes looked after (`became_looked_after`). Cites: reg 33(1)',
    );
    expect(md).toContain('2. **Second**: within 3 months of the previous review of the child\'s case (the date of the `review_held` that met it). Cites: reg 33(2)');
    expect(md).toContain('3. **Third and each later one**: within 6 months of the previous review');
    expect(md).toContain('- **Met when**: a review of the child\'s case is held (`review_held`)');
    expect(md).toContain('- **Cites**: Care Planning, Placement and Case Review (England) Regulations 2010, reg 33');
    expect(md).toContain('- **Due**: within 20 working days of the day a review meeting is adjourned (`review_adjourned`)');
    expect(md).toContain('- **Cites**: IRO Handbook 2010, chapter 3, Adjournment of reviews');
    expect(md).toContain(
      '- **Limit**: at most 1 event “A review meeting is adjourned” (`review_adjourned`) in each occurrence of [Review of the child\'s case](#rule-looked_after_review)',
    );
  });

  it('has the header, the roles and the obligations grouped by role', () => {
    const md = docs.markdown;
    expect(md).toContain('# Reviews of looked after children (England)');
    expect(md).toContain('- **Authority**: Department for Education');
    expect(md).toContain('- **Version**: 2010.1');
    expect(md).toContain('- **Effective**: 1 April 2011');
    expect(md).toContain('| Social worker | `social_worker` | Team manager (`team_manager`) |');
    const obligations = md.slice(md.indexOf('## <a id="obligations-by-role">'));
    const iro = obligations.indexOf('### <a id="role-iro"></a>Independent Reviewing Officer (iro)');
    expect(iro).toBeGreaterThan(0);
    expect(obligations.indexOf('#### <a id="rule-looked_after_review"></a>Review of the child\'s case')).toBeGreaterThan(iro);
    expect(obligations.indexOf('#### <a id="rule-adjourned_review_completed"></a>')).toBeGreaterThan(iro);
  });

  it('names each rule and where it is declared, and marks nothing as inherited', () => {
    expect(docs.markdown).toContain('Rule `looked_after_review` (cycle) · local to this policy · declared in `policies/england/statutory-reviews.pdl`, line 49');
    expect(docs.markdown).toContain('Rule `one_adjournment_per_review` (limit)');
    expect(docs.markdown).not.toContain('inherited from');
    expect(docs.markdown).not.toContain('Where the rules come from');
  });

  it('carries the do-not-edit note in both formats: source file, version, command', () => {
    expect(docs.markdown.startsWith('<!-- DO NOT EDIT: generated from policies/england/statutory-reviews.pdl (policy england.statutory_reviews, version 2010.1); regenerate with: pdl docs policies/england/statutory-reviews.pdl -->\n')).toBe(true);
    expect(docs.markdown).toContain('> **Do not edit this file.** It is generated from `policies/england/statutory-reviews.pdl` (policy `england.statutory_reviews`, version 2010.1). Change the policy and regenerate it with `pdl docs policies/england/statutory-reviews.pdl`.');
    expect(docs.html).toContain('<!-- DO NOT EDIT: generated from policies/england/statutory-reviews.pdl (policy england.statutory_reviews, version 2010.1); regenerate with: pdl docs policies/england/statutory-reviews.pdl --format html -->');
    expect(htmlText(docs.html)).toContain('Do not edit this file. It is generated from policies/england/statutory-reviews.pdl');
  });

  it('the HTML says the same sentences and is a self-contained page', () => {
    const text = htmlText(docs.html);
    expect(text).toContain('First: within 20 working days of the day the child becomes looked after (became_looked_after). Cites: reg 33(1)');
    expect(text).toContain('Second: within 3 months of the previous review of the child\'s case');
    expect(text).toContain('Cites: IRO Handbook 2010, chapter 3, Adjournment of reviews');
    expect(docs.html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(docs.html).toContain('<style>');
    expect(docs.html).toContain('</html>');
    expect(docs.html).not.toMatch(/<script|<link|<img|<iframe|\bsrc=|href="(?!#)/i);
  });

  it('is deterministic', () => {
    const again = docsOf(STATUTORY);
    expect(again).toEqual(docs);
    const today = new Date().toISOString().slice(0, 10);
    expect(docs.markdown).not.toContain(today);
    expect(docs.html).not.toContain(today);
  });

  it('names the output file in the regeneration command when given one', () => {
    const result = compileToIr(statutoryText, { uri: STATUTORY, host });
    const docs2 = renderPolicyDocs(result.ir!, { sourceFile: STATUTORY, out: { markdown: 'docs/generated/statutory reviews.md', html: 'out.html' } });
    expect(docs2.markdown).toContain("`pdl docs policies/england/statutory-reviews.pdl --out 'docs/generated/statutory reviews.md'`");
    expect(docs2.html).toContain('pdl docs policies/england/statutory-reviews.pdl --format html --out out.html');
  });
});

describe('a ladder (Peterborough)', () => {
  const docs = docsOf('test/cases/ladders/good/peterborough.pdl');

  it('numbers the stages, with their roles, timescales and citations', () => {
    const md = docs.markdown;
    const stages = [
      '1. **Stage 1**: alert Social worker (`social_worker`) and Team manager (`team_manager`), who must respond within 5 working days of the stage being raised. Cites: 9.2 stage 1',
      '2. **Stage 2**: alert Service manager (`service_manager`), who must respond within 5 working days of the stage being raised; copy Assistant director (`assistant_director`). Cites: 9.2 stage 2',
      '3. **Stage 3**: alert Assistant director (`assistant_director`), who must respond within 5 working days of the stage being raised. Cites: 9.2 stage 3',
      '4. **Stage 4**: alert Director of children\'s services (`director`), who must respond within 5 working days of the stage being raised. Cites: 9.2 stage 4',
      '5. **Stage 5**: alert Chief executive (`chief_executive`), who must respond within 5 working days of the stage being raised. Cites: 9.2 stage 5',
      '6. **Stage 6, Referral to Cafcass**: refer to Cafcass (Children and Family Court Advisory and Support Service) (`cafcass`). Cites: 9.2 stage 6',
    ];
    let at = 0;
    for (const stage of stages) {
      const found = md.indexOf(stage, at);
      expect(found, stage).toBeGreaterThan(at);
      at = found;
    }
    expect(md).toContain('- **Raised by**: Independent Reviewing Officer (`iro`)');
    expect(md).toContain('- **Overall limit**: at most 40 calendar days in total, from the first stage raised to the resolution. Cites: 9.1.3 (40 here, so that this good case fits its cap)');
    expect(md).toContain('- **Order of stages**: stages may be bypassed');
    expect(md).toContain('- **The next stage is due**: when a stage has no response by its deadline, or its response is unsatisfactory');
    expect(md).toContain('- **Cites**: 9.2');
    expect(md).toContain('- **Subject**: `Dispute Resolution Alert on {{case.id}} - by {{stage.due}}`');
  });

  it('marks what is inherited from the statutory baseline and what is local', () => {
    const md = docs.markdown;
    expect(md).toContain('- **Extends**: [`england.statutory_reviews`](#policy-england-statutory_reviews)');
    expect(md).toContain('- <a id="policy-england-statutory_reviews"></a>Inherited from `england.statutory_reviews`: [Review of the child\'s case](#rule-looked_after_review)');
    expect(md).toContain('- <a id="policy-example-ladder"></a>This policy, `example.ladder`: [Local dispute resolution protocol](#rule-dispute_resolution)');
    expect(md).toContain("#### <a id=\"rule-looked_after_review\"></a>Review of the child's case *(inherited from england.statutory\\_reviews)*");
    expect(md).toContain('Rule `looked_after_review` (cycle) · inherited from [`england.statutory_reviews`](#policy-england-statutory_reviews) · declared in `policies/england/statutory-reviews.pdl`');
    expect(md).toContain('Rule `dispute_resolution` (ladder) · local to this policy · declared in `test/cases/ladders/good/peterborough.pdl`, line 6');
    expect(md).toMatch(/### <a id="rule-dispute_resolution"><\/a>Local dispute resolution protocol\n/);
  });

  it('lists each role\'s part in the ladder under the role', () => {
    const md = docs.markdown;
    const director = md.indexOf('### <a id="role-director">');
    expect(director).toBeGreaterThan(0);
    const section = md.slice(director, md.indexOf('\n### ', director + 1));
    expect(section).toContain('Other duties:\n\n- **Responds**: at stage 4 of [Local dispute resolution protocol](#rule-dispute_resolution), within 5 working days');
    const assistant = md.slice(md.indexOf('### <a id="role-assistant_director">'));
    expect(assistant).toMatch(/^[^]*?- \*\*Is copied\*\*: at stage 2 of \[Local dispute resolution protocol\]\(#rule-dispute_resolution\)\n- \*\*Responds\*\*: at stage 3 of/);
    expect(md).toContain('- **Receives the referral**: at stage 6 of [Local dispute resolution protocol](#rule-dispute_resolution)');
  });

  it('the HTML numbers the stages in an ordered list', () => {
    expect(docs.html).toContain('<li value="6"><strong>Stage 6, Referral to Cafcass</strong>: refer to Cafcass');
    expect(htmlText(docs.html)).toContain('Stage 2: alert Service manager (service_manager), who must respond within 5 working days of the stage being raised; copy Assistant director (assistant_director). Cites: 9.2 stage 2');
  });
});

describe('approvals (postponement)', () => {
  const md = docsOf('test/cases/approvals/good/postponement.pdl').markdown;

  it('says who may approve, what must happen first, and the notice', () => {
    expect(md).toContain('- **Who may approve**: only Service manager (`service_manager`) may approve');
    expect(md).toContain('- **Requested when**: a postponement of a review is requested (`review_postponement_requested`), where `review_postponement_requested.by is social_worker`');
    expect(md).toContain(
      '- **Notice**: the request must be made at least 5 working days before the `meeting` date recorded when a postponement of a review is requested (`review_postponement_requested.meeting`)',
    );
    expect(md).toContain('First, between the request and the decision (both days included):');
    expect(md).toContain('1. A discussion is held (`discussion_held`), where `discussion_held.with in (consultant_social_worker, practice_lead, team_manager)`');
    expect(md).toContain('2. A discussion is held (`discussion_held`), where `discussion_held.with is iro`');
    expect(md).toContain('- **Cites**: Practice change, bullets 5 and 6');
    expect(md).toContain(
      "- **Who may approve**: only Team manager (`team_manager`), Service manager (`service_manager`), Assistant director (`assistant_director`) or Director of children's services (`director`) may approve (written `team_manager or above`)",
    );
  });
});

describe('criteria (CIN)', () => {
  const docs = docsOf('test/cases/criteria/good/cin.pdl');

  it('lists the labelled conditions under the combinator in words', () => {
    const md = docs.markdown;
    expect(md).toContain('Met when at least one of these holds:\n\n- **closure expected within the next 3 months**: `expected_closure >= today and expected_closure <= 3 months after today`');
    expect(md).toContain('- **second or subsequent CIN plan**: `count(cin_plan_started) >= 2`');
    expect(md).toContain('- **a consultant social worker holds the case**: `case_holder is consultant_social_worker`');
    expect(md).toContain('- **Cites**: Criteria for IRO Involvement');
    expect(md).toContain('| `expected_closure` | fact | Expected date of closure to children\'s social care | a date (optional) |');
    expect(htmlText(docs.html)).toContain('closure expected within the next 3 months: expected_closure >= today and expected_closure <= 3 months after today');
  });
});

describe('due dates of every shape', () => {
  const md = docsOf('test/cases/deadlines/good/within-and-before.pdl').markdown;

  it('alignment, time, before, the date of birth, calendar days', () => {
    expect(md).toContain('- **Due**: by 12:00 on the Monday on or before the day 5 weeks before the date `review_scheduled.for`');
    expect(md).toContain('- **Due**: at least 5 working days before the date `review_scheduled.for`');
    expect(md).toContain("- **Due**: no later than 16 years after the child's date of birth");
    expect(md).toContain('- **Due**: within 7 calendar days of the date of `placement_changed`');
    expect(md).toContain('- **Met when**: `placement_plan_completed` is recorded or `care_plan_authorised` is recorded');
  });

  it('conditions are quoted as written, after "only when"', () => {
    const md2 = docsOf('test/cases/cycles/good/age-steps.pdl').markdown;
    expect(md2).toContain('2. **Second and each later one**: within 6 months of the previous health assessment (the date of the `health_assessment_completed` that met it), only when `age under 5`. Cites: under fives');
    expect(md2).toContain('3. **Second and each later one**: within 12 months of the previous health assessment (the date of the `health_assessment_completed` that met it), only when `age 5 or over`. Cites: five and over');
  });
});

describe('hostile strings', () => {
  const text = `policy hostile.test extends england.statutory_reviews
  title "<script>alert(1)</script> {{evil}} a|b *star* _under_ \`tick\` [link](http://x.example) &amp;"
  authority "A | B <b>bold</b>"

role nasty "<img src=x onerror=alert(1)> | *x*" reports to team_manager
event odd_event "<b>Odd</b> | {{x}} happens"

deadline hostile_deadline "Due <script>alert(2)</script> | *now*"
  owner nasty
  due within 5 working days of odd_event
  met by review_held
  cite "para <1> | *2* {{3}}"

criteria hostile_criteria "Criteria <i>x</i>"
  any of
    "<script>label</script> | *x*": count(odd_event) >= 1
  cite "c | <d>"
`;
  const docs = docsOf('test/emit/hostile.pdl', text);

  it('Markdown: no raw HTML, no emphasis, no table breakage, no link', () => {
    const md = docs.markdown;
    // every `<` of the policy's text is escaped (`\<`), so none opens a tag
    for (const tag of ['<script', '</script', '<img', '<b>', '</b>', '<i>', '<1>', '<d>']) expect(md).not.toMatch(new RegExp(`(?<!\\\\)${tag}`));
    expect(md).toContain('# \\<script\\>alert(1)\\</script\\> {{evil}} a\\|b \\*star\\* \\_under\\_ \\`tick\\` \\[link\\](http://x.example) \\&amp;');
    expect(md).toContain('- **Cites**: para \\<1\\> \\| \\*2\\* {{3}}');
    expect(md).toContain('- **\\<script\\>label\\</script\\> \\| \\*x\\***: `count(odd_event) >= 1`');
    const row = md.split('\n').find((l) => l.includes('`nasty`'));
    expect(row).toBeDefined();
    expect(row!.replace(/\\\|/g, '').split('|').length).toBe(5); // 3 cells between 4 pipes
    expect(mdText(md)).toContain('<script>alert(1)</script> {{evil}} a|b *star* _under_ tick [link](http://x.example) &amp;'); // mdText drops backticks
  });

  it('HTML: every string escaped, no script, and the text survives', () => {
    const html = docs.html;
    expect(html).not.toMatch(/<script|<img|<b>|<i>|<1>|<d>|href="http/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; {{evil}} a|b *star* _under_ &#x60;tick&#x60; [link](http://x.example) &amp;amp;');
    expect(html).toContain('&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt; | *x*');
    expect(htmlText(html)).toContain('Cites: para <1> | *2* {{3}}');
    expect(htmlText(html)).toContain('<script>label</script> | *x*: count(odd_event) >= 1');
  });

  it('a source file name cannot end the HTML comment', () => {
    const result = compileToIr(text, { uri: 'x.pdl', host });
    const d = renderPolicyDocs(result.ir!, { sourceFile: 'a --> <script>.pdl' });
    expect(d.html).not.toContain('<script');
    expect(d.html.split('-->').length).toBe(2);
    expect(d.markdown.split('\n')[0]).toMatch(/^<!-- [^>]*-->$/);
    expect(d.markdown).toContain('generated from `a --> <script>.pdl`'); // a code span shows it literally
  });
});

describe('pdl docs (CLI, in-process)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pdl-docs-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function run(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    let stdout = '';
    let stderr = '';
    const io = {
      stdout: { write: (s: string) => ((stdout += s), true) },
      stderr: { write: (s: string) => ((stderr += s), true) },
      cwd: ROOT,
      env: {},
    };
    const code = await main(['node', 'pdl', ...args], io);
    return { code, stdout, stderr };
  }

  it('writes Markdown to --out and exits 0', async () => {
    const out = join(dir, 'peterborough.md');
    const r = await run(['docs', 'test/cases/ladders/good/peterborough.pdl', '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`wrote ${out}\n`);
    const md = readFileSync(out, 'utf8');
    expect(md).toContain(`regenerate with: pdl docs test/cases/ladders/good/peterborough.pdl --out ${out.split('\\').join('/')}`);
    expect(md).toContain('1. **Stage 1**: alert Social worker');
  });

  it('writes HTML with --format html', async () => {
    const out = join(dir, 'statutory.html');
    const r = await run(['docs', STATUTORY, '--format', 'html', '--out', out]);
    expect(r.code).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('--format html --out');
  });

  it('prints Markdown to stdout by default', async () => {
    const r = await run(['docs', STATUTORY]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('within 20 working days of the day the child becomes looked after');
  });

  it('a policy with errors: exit 1, the errors on stderr, nothing written', async () => {
    const out = join(dir, 'bad.md');
    const r = await run(['docs', 'test/cli/fixtures/bad.pdl', '--out', out, '--no-color']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error[pdl/unknown-role]');
    expect(r.stderr).toContain('test/cli/fixtures/bad.pdl has errors');
    expect(existsSync(out)).toBe(false);
  });

  it('usage errors: exit 2', async () => {
    expect((await run(['docs', STATUTORY, '--format', 'pdf'])).code).toBe(2);
    expect((await run(['docs', 'no/such/policy.pdl'])).code).toBe(2);
    // A parent "folder" that is a file cannot be created.
    writeFileSync(join(dir, 'a-file'), '');
    const blocked = await run(['docs', STATUTORY, '--out', join(dir, 'a-file', 'x.md')]);
    expect(blocked.code).toBe(2);
    expect(blocked.stderr).toContain('error: cannot write');
  });

  it('--out creates missing parent folders, as compile --out does', async () => {
    const out = join(dir, 'generated', 'deeper', 'bristol.md');
    const r = await run(['docs', 'policies/bristol.pdl', '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`wrote ${out}\n`);
    expect(readFileSync(out, 'utf8')).toContain(`regenerate with: pdl docs policies/bristol.pdl --out ${out.split('\\').join('/')}`);
  });
});
