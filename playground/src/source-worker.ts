/**
 * The compiler worker's answer to a `SourceRequest`: the open policy's rules with their cites (from
 * its last compilation that resolved, so a typing error elsewhere does not blank the pane), its
 * coverage file's statements, and the source document's phrases matched to both (`matchSource`).
 *
 * Input: the engine (compiled policies are cached, so asking after a check costs no compile), the
 * request, and the bundled coverage files by uri (`policies/bristol.coverage.yaml`). Output: one
 * `SourceResponse`; never throws (an exception becomes `problem`). A request for the sample matches
 * the coverage file's quotes laid out as a document (`readCoverage`) and returns that text too.
 *
 * The coverage file of `policies/X.pdl` is `policies/X.coverage.yaml` (docs/cli.md, `pdl coverage`).
 * INVARIANT: no DOM; the document's text is never logged or put in a message.
 */
import { parseCoverageFile } from '../../compiler/index.ts';
import type { Engine } from './engine.ts';
import { matchSource, type SourceStatement } from './source-match.ts';
import type { SourceRequest, SourceResponse, SourceRuleRef } from './source-protocol.ts';

/** `policies/bristol.pdl` -> `policies/bristol.coverage.yaml`. */
export function coverageUriOf(policyUri: string): string {
  return policyUri.replace(/\.pdl$/, '') + '.coverage.yaml';
}

/**
 * A coverage file read for the pane: its statements (about-the-direction entries included, marked
 * `about`) and its quotes laid out as a document, each locator on a `[locator]` line before the
 * quotes that carry it (the pane's sample); undefined when it does not parse.
 */
export function readCoverage(text: string, uri: string): CoverageRead | undefined {
  const cached = readCache.get(uri);
  if (cached !== undefined && cached.text === text) return cached.read;
  const read = readCoverageText(text, uri);
  readCache.set(uri, { text, read });
  return read;
}

type CoverageRead = { readonly statements: SourceStatement[]; readonly excerpt: string };

/** The last reading of each coverage file (they do not change while the page is open). */
const readCache = new Map<string, { readonly text: string; readonly read: CoverageRead | undefined }>();

function readCoverageText(text: string, uri: string): CoverageRead | undefined {
  const parsed = parseCoverageFile(text, uri);
  if (parsed.file === undefined) return undefined;
  const file = parsed.file;
  const statements: SourceStatement[] = parsed.file.statements.map((s) => ({
    number: s.number,
    locator: s.locator,
    quote: s.quote,
    ...(s.rules !== undefined ? { rules: s.rules } : {}),
    ...(s.partial !== undefined ? { partial: s.partial } : {}),
    ...(s.not_encoded !== undefined ? { notEncoded: s.not_encoded } : {}),
    ...(s.category !== undefined ? { category: s.category } : {}),
  }));
  for (const a of file.about_the_direction ?? []) statements.push({ locator: a.locator, quote: a.quote, about: true });
  const source = [file.source.title, file.source.publisher, file.source.address].filter((x) => x !== undefined).join(', ');
  const lines = [`Quotes from ${source}, as the coverage file ${uri} gives them.`];
  let locator: string | undefined;
  for (const s of statements) {
    const quote = s.quote.replace(/\s+/g, ' ');
    if (s.locator === locator) lines[lines.length - 1] += ` ${quote}`;
    else lines.push('', `[${s.locator}]`, quote);
    locator = s.locator;
  }
  return { statements, excerpt: `${lines.join('\n')}\n` };
}

export function answerSource(engine: Engine, request: SourceRequest, coverageTexts: Readonly<Record<string, string>>): SourceResponse {
  const { requestId } = request;
  try {
    const notes: string[] = [];
    const resolved = engine.compiled(request.policyText, request.uri, request.overlay).result.resolved;
    const rules: SourceRuleRef[] = [];
    if (resolved === undefined) notes.push('The policy does not resolve (see Problems): no rule can be linked until it does.');
    else {
      for (const [name, l] of resolved.rules) {
        const cite = l.decl.clauses.find((c) => c.kind === 'CiteClause');
        rules.push({
          name,
          ruleKind: l.decl.ruleKind,
          ...(l.decl.title !== undefined ? { title: l.decl.title.value } : {}),
          cite: cite?.kind === 'CiteClause' ? cite.citation.value : '',
          own: l.own,
          uri: l.uri,
          policy: l.policy,
          range: l.decl.name.range,
        });
      }
    }
    const coverageUri = coverageUriOf(request.uri);
    const coverageText = coverageTexts[coverageUri];
    let statements: SourceStatement[] = [];
    let excerpt: string | undefined;
    if (coverageText === undefined) notes.push(`No coverage file (${coverageUri}): phrases are linked by the rules' cites alone.`);
    else {
      const read = readCoverage(coverageText, coverageUri);
      if (read === undefined) notes.push(`The coverage file ${coverageUri} does not parse (run \`pdl coverage\`): phrases are linked by the rules' cites alone.`);
      else {
        statements = read.statements;
        excerpt = read.excerpt;
      }
    }
    const sourceText = request.sample === true ? (excerpt ?? '') : request.sourceText;
    const analysis = matchSource(sourceText, rules, statements);
    const coverage = coverageText === undefined || statements.length === 0 ? undefined : { uri: coverageUri, statements: statements.length, found: analysis.anchored.length };
    return { kind: 'source', requestId, analysis, rules, ...(coverage !== undefined ? { coverage } : {}), ...(request.sample === true ? { sample: sourceText } : {}), notes };
  } catch (error) {
    return { kind: 'source', requestId, rules: [], notes: [], problem: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
}
