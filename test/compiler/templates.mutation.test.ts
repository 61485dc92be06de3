/**
 * Notification templates (compiler/elaborate/templates.ts) beyond the golden cases: written to kill the
 * mutants those leave alive. Checked here: the whole diagnostic of each template refused (an unknown
 * field with and without "did you mean", a value inserted unescaped with `{{{...}}}` or `{{&...}}`,
 * helper calls with arguments or a hash, an unknown field inside `{{#if}}` and its `{{else}}`, blocks
 * other than `#if`/`#unless` or with two arguments, partials, invalid syntax, blocks nested 9 deep, a
 * bad body, a ladder's field in a deadline and a deadline's in a ladder), that 8 deep with an
 * `{{^}}` else, comments and literals pass, and that a rule with a refused template does not check;
 * and (for the survivors of the first Stryker run) string literals where a field is expected, partial
 * blocks, inline partials and decorators, and the depth count: blocks written with a space, a stray
 * close, siblings, a sibling before a deep nest, blocks left open.
 *
 * Input: one policy written here (one deadline a template), compiled inside each test, so that Stryker
 * counts the code it runs. Output: assertions on whole diagnostics and on which rules checked.
 */
import { describe, expect, it } from 'vitest';
import { checkedRules, diagnosticsOf } from './mutation-helpers.ts';

/** One deadline a template (and a ladder that names a deadline's field). */
const TEMPLATES = `policy t.tp
  title "Templates"

role sw "SW"
event asked
event held

deadline t_hint "T"
  owner sw
  due within 5 days of asked
  met by held
  notify "Due {{obligation.dew}}"
  cite "t_hint"

deadline t_list "T"
  owner sw
  due within 5 days of asked
  met by held
  notify "Due {{zzz}}"
  cite "t_list"

deadline t_triple "T"
  owner sw
  due within 5 days of asked
  met by held
  notify "Due {{{obligation.due}}}"
  cite "t_triple"

deadline t_amp "T"
  owner sw
  due within 5 days of asked
  met by held
  notify "Due {{&obligation.due}}"
  cite "t_amp"

deadline t_helper "T"
  owner sw
  due within 5 days of asked
  met by held
  notify "Due {{lookup obligation.due 1}}"
  cite "t_helper"

deadline t_hash "T"
  owner sw
  due within 5 days of asked
  met by held
  notify "Due {{obligation.due x=1}}"
  cite "t_hash"

deadline t_if "T"
  owner sw
  due within 5 days of asked
  met by held
  notify "{{#if obligation.dueTime}}by {{obligation.dueTime}}{{else}}{{obligation.zzz}}{{/if}}"
  cite "t_if"

deadline t_if_field "T"
  owner sw
  due within 5 days of asked
  met by held
  notify "{{#if zzz}}x{{/if}}"
  cite "t_if_field"

deadline t_unless "T"
  owner sw
  due within 5 days of asked
  met by held
  notify "{{#unless obligation.due}}open{{/unless}}"
  cite "t_unless"

deadline t_each "T"
  owner sw
  due within 5 days of asked
  met by held
  notify "{{#each obligation}}x{{/each}}"
  cite "t_each"

deadline t_if_two "T"
  owner sw
  due within 5 days of asked
  met by held
  notify "{{#if obligation.due obligation.owner}}x{{/if}}"
  cite "t_if_two"

deadline t_partial "T"
  owner sw
  due within 5 days of asked
  met by held
  notify "{{> other}}"
  cite "t_partial"

deadline t_invalid "T"
  owner sw
  due within 5 days of asked
  met by held
  notify "Due {{obligation.due"
  cite "t_invalid"

deadline t_deep "T"
  owner sw
  due within 5 days of asked
  met by held
  notify "{{#if case.id}}{{#if case.id}}{{#if case.id}}{{#if case.id}}{{#if case.id}}{{#if case.id}}{{#if case.id}}{{#if case.id}}{{#if case.id}}x{{/if}}{{/if}}{{/if}}{{/if}}{{/if}}{{/if}}{{/if}}{{/if}}{{/if}}"
  cite "t_deep"

deadline t_eight "T"
  owner sw
  due within 5 days of asked
  met by held
  notify "{{#if case.id}}{{#if case.id}}{{#if case.id}}{{#if case.id}}{{#if case.id}}{{#if case.id}}{{#if case.id}}{{#if case.id}}x{{^}}y{{/if}}{{/if}}{{/if}}{{/if}}{{/if}}{{/if}}{{/if}}{{/if}}"
  cite "t_eight"

deadline t_body "T"
  owner sw
  due within 5 days of asked
  met by held
  notify "Fine {{case.id}}" body "Bad {{zzz}}"
  cite "t_body"

deadline t_stage "T"
  owner sw
  due within 5 days of asked
  met by held
  notify "Stage {{stage.number}}"
  cite "t_stage"

deadline t_comment "T"
  owner sw
  due within 5 days of asked
  met by held
  notify "{{! a note }}Due {{obligation.due}}"
  cite "t_comment"

deadline t_literal "T"
  owner sw
  due within 5 days of asked
  met by held
  notify "{{\\"text\\"}} and {{1}}"
  cite "t_literal"

ladder lad "L"
  raised by sw
  stage 1 alert sw respond within 5 days
  notify "Stage {{stage.number}} of {{ladder.title}} by {{obligation.due}}"
  cite "l"

event escalation_raised { ladder: text, stage: number }
event escalation_response { ladder: text, stage: number, satisfactory: boolean }
event escalation_resolved { ladder: text }
`;

/** More templates: literals where a field is expected, partial blocks and decorators, and the depth count (with spaces, a stray close, siblings, a sibling before a deep nest, blocks left open: refused by depth before Handlebars parses them). */
const TEMPLATES_MORE = `policy t.tq
  title "Templates"

role sw "SW"
event asked
event held

deadline t_lit_triple "T"
  owner sw
  due within 5 days of asked
  met by held
  notify "{{{\\"x\\"}}}"
  cite "t_lit_triple"

deadline t_lit_helper "T"
  owner sw
  due within 5 days of asked
  met by held
  notify "{{\\"x\\" case.id}}"
  cite "t_lit_helper"

deadline t_lit_block "T"
  owner sw
  due within 5 days of asked
  met by held
  notify "{{#\\"x\\"}}a{{/\\"x\\"}}"
  cite "t_lit_block"

deadline t_partial_block "T"
  owner sw
  due within 5 days of asked
  met by held
  notify "{{#> other}}x{{/other}}"
  cite "t_partial_block"

deadline t_inline "T"
  owner sw
  due within 5 days of asked
  met by held
  notify "{{#* inline \\"p\\"}}x{{/inline}}"
  cite "t_inline"

deadline t_decorator "T"
  owner sw
  due within 5 days of asked
  met by held
  notify "{{* dec}}"
  cite "t_decorator"

deadline t_spaced "T"
  owner sw
  due within 5 days of asked
  met by held
  notify "{{ #if case.id}}{{ #if case.id}}{{ #if case.id}}{{ #if case.id}}{{ #if case.id}}{{ #if case.id}}{{ #if case.id}}{{ #if case.id}}{{ #if case.id}}x{{/if}}{{/if}}{{/if}}{{/if}}{{/if}}{{/if}}{{/if}}{{/if}}{{/if}}"
  cite "t_spaced"

deadline t_stray "T"
  owner sw
  due within 5 days of asked
  met by held
  notify "{{#if case.id}}{{/}}{{#if case.id}}{{#if case.id}}{{#if case.id}}{{#if case.id}}{{#if case.id}}{{#if case.id}}{{#if case.id}}{{#if case.id}}x{{/if}}{{/if}}{{/if}}{{/if}}{{/if}}{{/if}}{{/if}}{{/if}}"
  cite "t_stray"

deadline t_siblings "T"
  owner sw
  due within 5 days of asked
  met by held
  notify "{{#if case.id}}x{{/if}}{{#if case.id}}x{{/if}}{{#if case.id}}x{{/if}}{{#if case.id}}x{{/if}}{{#if case.id}}x{{/if}}{{#if case.id}}x{{/if}}{{#if case.id}}x{{/if}}{{#if case.id}}x{{/if}}{{#if case.id}}x{{/if}}"
  cite "t_siblings"

deadline t_after_sibling "T"
  owner sw
  due within 5 days of asked
  met by held
  notify "{{#if case.id}}{{#if case.id}}y{{/if}}{{#if case.id}}{{#if case.id}}{{#if case.id}}{{#if case.id}}{{#if case.id}}{{#if case.id}}{{#if case.id}}{{#if case.id}}x{{/if}}{{/if}}{{/if}}{{/if}}{{/if}}{{/if}}{{/if}}{{/if}}{{/if}}"
  cite "t_after_sibling"

deadline t_unclosed "T"
  owner sw
  due within 5 days of asked
  met by held
  notify "{{#if case.id}}{{#if case.id}}{{#if case.id}}{{#if case.id}}{{#if case.id}}{{#if case.id}}{{#if case.id}}{{#if case.id}}{{#if case.id}}x"
  cite "t_unclosed"
`;

describe('notification templates', () => {
  it('each refused template reported in full', () => {
    expect(diagnosticsOf(TEMPLATES)).toEqual([
      { code: 'pdl/unknown-template-field', at: '12:10-34', message: 'the template names `obligation.dew`, which does not exist here', help: 'did you mean `obligation.due`?' },
      { code: 'pdl/unknown-template-field', at: '19:10-23', message: 'the template names `zzz`, which does not exist here', help: 'the fields: `case.id`, `child.dob`, `policy.id`, `policy.title`, `policy.version`, `asOf`, `rule.id`, `rule.title`, `rule.citation`, `obligation.occurrence`, `obligation.due`, `obligation.dueTime`, `obligation.owner`, `obligation.status`, `obligation.anchor.event`, `obligation.anchor.date`' },
      { code: 'pdl/invalid-template', at: '26:10-36', message: '`obligation.due` is inserted unescaped (`{{{...}}}` or `{{&...}}`), which would put case data into the message as raw HTML', help: 'write `{{obligation.due}}`: output is always HTML-escaped' },
      { code: 'pdl/invalid-template', at: '33:10-35', message: '`obligation.due` is inserted unescaped (`{{{...}}}` or `{{&...}}`), which would put case data into the message as raw HTML', help: 'write `{{obligation.due}}`: output is always HTML-escaped' },
      { code: 'pdl/invalid-template', at: '40:10-43', message: '`lookup` is a helper call; templates may only name fields', help: 'write `{{obligation.due}}`, or `{{#if field}}...{{/if}}`' },
      { code: 'pdl/invalid-template', at: '47:10-38', message: '`obligation.due` is a helper call; templates may only name fields', help: 'write `{{obligation.due}}`, or `{{#if field}}...{{/if}}`' },
      { code: 'pdl/unknown-template-field', at: '54:10-96', message: 'the template names `obligation.zzz`, which does not exist here', help: 'did you mean `obligation.due`?' },
      { code: 'pdl/unknown-template-field', at: '61:10-31', message: 'the template names `zzz`, which does not exist here', help: 'the fields: `case.id`, `child.dob`, `policy.id`, `policy.title`, `policy.version`, `asOf`, `rule.id`, `rule.title`, `rule.citation`, `obligation.occurrence`, `obligation.due`, `obligation.dueTime`, `obligation.owner`, `obligation.status`, `obligation.anchor.event`, `obligation.anchor.date`' },
      { code: 'pdl/invalid-template', at: '75:10-42', message: '`{{#each}}` is not available in templates', help: 'only `{{#if field}}` and `{{#unless field}}` blocks are' },
      { code: 'pdl/invalid-template', at: '82:10-59', message: '`{{#if}}` is not available in templates', help: 'only `{{#if field}}` and `{{#unless field}}` blocks are' },
      { code: 'pdl/invalid-template', at: '89:10-23', message: 'partials and decorators are not available in templates' },
      { code: 'pdl/invalid-template', at: '96:10-32', message: 'not a valid template: Parse error on line 1:' },
      { code: 'pdl/invalid-template', at: '103:10-211', message: 'the template nests its blocks 9 deep, more than 8', help: 'nest `{{#if}}` and `{{#unless}}` at most 8 deep (docs/limits.md)' },
      { code: 'pdl/unknown-template-field', at: '117:34-47', message: 'the template names `zzz`, which does not exist here', help: 'the fields: `case.id`, `child.dob`, `policy.id`, `policy.title`, `policy.version`, `asOf`, `rule.id`, `rule.title`, `rule.citation`, `obligation.occurrence`, `obligation.due`, `obligation.dueTime`, `obligation.owner`, `obligation.status`, `obligation.anchor.event`, `obligation.anchor.date`' },
      { code: 'pdl/unknown-template-field', at: '124:10-34', message: 'the template names `stage.number`, which does not exist here', help: 'the fields: `case.id`, `child.dob`, `policy.id`, `policy.title`, `policy.version`, `asOf`, `rule.id`, `rule.title`, `rule.citation`, `obligation.occurrence`, `obligation.due`, `obligation.dueTime`, `obligation.owner`, `obligation.status`, `obligation.anchor.event`, `obligation.anchor.date`' },
      { code: 'pdl/unknown-template-field', at: '144:10-76', message: 'the template names `obligation.due`, which does not exist here', help: 'the fields: `case.id`, `child.dob`, `policy.id`, `policy.title`, `policy.version`, `asOf`, `rule.id`, `rule.title`, `rule.citation`, `ladder.id`, `ladder.title`, `stage.number`, `stage.title`, `stage.due`, `stage.raisedOn`, `stage.respondents`, `stage.copied`' },
    ]);
  });

  it('a rule whose template is refused does not check', () => {
    expect(checkedRules(TEMPLATES)).toEqual(['t_unless', 't_eight', 't_comment', 't_literal']);
  });
});

describe('notification templates: more (written for the survivors of the first Stryker run)', () => {
  it('literals named where a field is expected, partial blocks, inline partials and decorators, blocks nested too deep when written with spaces or left open, a stray close; siblings are not nested', () => {
    expect(diagnosticsOf(TEMPLATES_MORE)).toEqual([
      { code: 'pdl/invalid-template', at: '12:10-23', message: '`this value` is inserted unescaped (`{{{...}}}` or `{{&...}}`), which would put case data into the message as raw HTML', help: 'write `{{field}}`: output is always HTML-escaped' },
      { code: 'pdl/invalid-template', at: '19:10-29', message: '`a helper` is a helper call; templates may only name fields', help: 'write `{{obligation.due}}`, or `{{#if field}}...{{/if}}`' },
      { code: 'pdl/invalid-template', at: '26:10-33', message: '`{{#?}}` is not available in templates', help: 'only `{{#if field}}` and `{{#unless field}}` blocks are' },
      { code: 'pdl/invalid-template', at: '33:10-35', message: 'partials and decorators are not available in templates' },
      { code: 'pdl/invalid-template', at: '40:10-43', message: 'partials and decorators are not available in templates' },
      { code: 'pdl/invalid-template', at: '47:10-21', message: 'partials and decorators are not available in templates' },
      { code: 'pdl/invalid-template', at: '54:10-220', message: 'the template nests its blocks 9 deep, more than 8', help: 'nest `{{#if}}` and `{{#unless}}` at most 8 deep (docs/limits.md)' },
      { code: 'pdl/invalid-template', at: '61:10-209', message: 'not a valid template: Parse error on line 1:' },
      { code: 'pdl/invalid-template', at: '75:10-234', message: 'the template nests its blocks 9 deep, more than 8', help: 'nest `{{#if}}` and `{{#unless}}` at most 8 deep (docs/limits.md)' },
      { code: 'pdl/invalid-template', at: '82:10-148', message: 'the template nests its blocks 9 deep, more than 8', help: 'nest `{{#if}}` and `{{#unless}}` at most 8 deep (docs/limits.md)' },
    ]);
    expect(checkedRules(TEMPLATES_MORE)).toEqual(['t_siblings']);
  });
});
