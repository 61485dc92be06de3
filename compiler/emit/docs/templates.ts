/**
 * The Handlebars templates of `pdl docs` (HTML), as string constants so that the emitter stays
 * browser-safe (no file reads): the page, one partial for a block (a rule, an approval, a ladder...)
 * and one for rich text (plain text, code, strong text and in-page links).
 *
 * Input: the view model built by `docs.ts` (`DocsView`). Output: a complete, self-contained HTML
 * document.
 *
 * INVARIANT: every value is written with `{{ }}` (HTML-escaped); there is no `{{{ }}}`, no script,
 * no external resource (the style is inline and the Content-Security-Policy forbids the rest).
 * INVARIANT: only the built-in helpers `if` and `each` are used (compiled with `knownHelpersOnly`).
 */

/** Rich text: an array of segments `{text, code, strong, href}`. */
export const RICH_PARTIAL =
  '{{#each this}}{{#if href}}<a href="{{href}}">{{#if code}}<code>{{text}}</code>{{else}}{{text}}{{/if}}</a>' +
  '{{else if code}}<code>{{text}}</code>{{else if strong}}<strong>{{text}}</strong>{{else}}{{text}}{{/if}}{{/each}}';

/** One list of labelled lines, or of numbered steps, with its introduction. */
export const LINES_PARTIAL = `{{#if intro.length}}<p>{{> rich intro}}</p>
{{/if}}{{#if ordered}}<ol class="steps">{{else}}<ul class="fields">{{/if}}
{{#each items}}<li{{#if number}} value="{{number}}"{{/if}}>{{#if label}}<strong>{{label}}</strong>{{#if value.length}}: {{/if}}{{/if}}{{> rich value}}</li>
{{/each}}{{#if ordered}}</ol>{{else}}</ul>{{/if}}
`;

/** A rule, approval, limit, constraint, ladder, criterion or notification. */
export const BLOCK_PARTIAL = `<article class="item" id="{{anchor}}">
<h{{level}}>{{title}}{{#if tag}} <span class="tag">{{tag}}</span>{{/if}}</h{{level}}>
<p class="meta">{{> rich meta}}</p>
{{#each paragraphs}}<p>{{> rich this}}</p>
{{/each}}{{#each lists}}{{> lines this}}{{/each}}</article>
`;

/** The page. */
export const PAGE_TEMPLATE = `<!DOCTYPE html>
<!-- {{note.comment}} -->
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="generator" content="pdl docs">
<title>{{title}}</title>
<style>
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #1b1b1b; background: #fff; margin: 0; }
main { max-width: 52rem; margin: 0 auto; padding: 1.5rem 1.25rem 4rem; }
h1 { font-size: 1.9rem; line-height: 1.2; margin: 0.5rem 0 1rem; }
h2 { font-size: 1.45rem; border-bottom: 2px solid #1d70b8; padding-bottom: 0.2rem; margin-top: 2.5rem; }
h3 { font-size: 1.2rem; margin-top: 1.8rem; }
h4 { font-size: 1.05rem; margin-top: 1.4rem; }
code { font: 0.9em/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: #f3f2f1; padding: 0 0.2em; border-radius: 3px; overflow-wrap: anywhere; }
a { color: #1d70b8; }
table { border-collapse: collapse; margin: 1rem 0; }
th, td { text-align: left; vertical-align: top; border-bottom: 1px solid #b1b4b6; padding: 0.35rem 0.8rem 0.35rem 0; }
.generated { border-left: 4px solid #d4351c; background: #fdf2f0; padding: 0.6rem 0.9rem; }
.meta { color: #505a5f; font-size: 0.9rem; margin-top: -0.4rem; }
.tag { font-size: 0.75rem; font-weight: normal; background: #ddd; border-radius: 3px; padding: 0.1rem 0.4rem; vertical-align: middle; }
.item { margin-bottom: 1.5rem; }
ul.fields, ol.steps { padding-left: 1.4rem; }
ul.fields li, ol.steps li { margin: 0.25rem 0; }
@media print { h2 { break-after: avoid; } .item { break-inside: avoid; } a { color: inherit; text-decoration: none; } }
</style>
</head>
<body>
<main>
<header>
<h1>{{title}}</h1>
<p class="generated">{{> rich note.text}}</p>
<table class="header"><tbody>
{{#each header}}<tr><th scope="row">{{label}}</th><td>{{> rich value}}</td></tr>
{{/each}}</tbody></table>
<nav><p><strong>Contents</strong></p><ul>
{{#each sections}}<li><a href="#{{anchor}}">{{title}}</a></li>
{{/each}}</ul></nav>
</header>
{{#each sections}}<section id="{{anchor}}">
<h2>{{title}}</h2>
{{#each paragraphs}}<p>{{> rich this}}</p>
{{/each}}{{#if table}}<table><thead><tr>{{#each table.head}}<th scope="col">{{this}}</th>{{/each}}</tr></thead><tbody>
{{#each table.rows}}<tr>{{#each this}}<td>{{> rich this}}</td>{{/each}}</tr>
{{/each}}</tbody></table>
{{/if}}{{#if list.length}}<ul>
{{#each list}}<li{{#if anchor}} id="{{anchor}}"{{/if}}>{{> rich value}}</li>
{{/each}}</ul>
{{/if}}{{#each blocks}}{{> block this}}{{/each}}{{#each groups}}<section class="group" id="{{anchor}}">
<h3>{{title}}</h3>
{{#each paragraphs}}<p>{{> rich this}}</p>
{{/each}}{{#each lists}}{{> lines this}}{{/each}}{{#each blocks}}{{> block this}}{{/each}}</section>
{{/each}}</section>
{{/each}}</main>
</body>
</html>
`;
