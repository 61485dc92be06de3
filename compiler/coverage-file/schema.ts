/**
 * The JSON Schema (draft-07) of a coverage file, `policies/<name>.coverage.yaml`: which statements of
 * a policy's source document the policy encodes, with which rules, and why the others are not.
 *
 * Input: none (a constant). Output: `COVERAGE_SCHEMA`, validated with ajv by `parseCoverageFile`
 * (compiler/coverage-file/parse.ts) after the YAML is parsed.
 * INVARIANT: a statement is either encoded (`rules`, optionally `encoding` and `partial`) or not
 * (`not_encoded` with a `category`), never both; unknown properties are errors. `cite_pending` names
 * rules of `rules` whose cite does not cover the statement's locator yet (reported as warnings).
 */

/** Why a statement is not encoded. `no-actionable-content` leaves the denominator; `language-gap` counts against coverage. */
export const NOT_ENCODED_CATEGORIES = ['no-actionable-content', 'language-gap'] as const;
export type NotEncodedCategory = (typeof NOT_ENCODED_CATEGORIES)[number];

const text = { type: 'string', minLength: 1 } as const;

export const COVERAGE_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'PDL coverage file',
  type: 'object',
  additionalProperties: false,
  required: ['policy', 'title', 'source', 'locators', 'statements'],
  properties: {
    policy: { ...text, pattern: '\\.pdl$', description: 'the policy file, relative to this file' },
    title: { ...text, description: 'the heading of the rendered document' },
    source: {
      type: 'object',
      additionalProperties: false,
      required: ['title'],
      properties: {
        title: text,
        publisher: { ...text, description: 'absent when the document names none' },
        address: { ...text, pattern: '^https://', description: 'its public address; absent when it gives none' },
        description: { ...text, description: 'the source as the rendered document describes it (Markdown)' },
      },
    },
    locators: { ...text, description: 'the locator convention (Markdown)' },
    notes: {
      type: 'array',
      description: 'further lines of the document\'s header (Markdown)',
      items: { type: 'object', additionalProperties: false, required: ['label', 'text'], properties: { label: text, text } },
    },
    statements: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['number', 'locator', 'quote'],
        properties: {
          number: { type: 'integer', minimum: 1 },
          group: { ...text, description: 'a heading the statement is listed under' },
          locator: text,
          quote: { ...text, description: 'the statement, quoted (Markdown)' },
          rules: { type: 'array', minItems: 1, uniqueItems: true, items: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]*$' } },
          encoding: { ...text, description: 'how the rules encode it (Markdown)' },
          partial: { ...text, description: 'what of the statement the rules leave out' },
          cite_pending: {
            type: 'array',
            minItems: 1,
            uniqueItems: true,
            description: 'rules (also in `rules`) that encode the statement but whose cite does not name its locator yet: a warning, not an error, until the cite is corrected',
            items: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]*$' },
          },
          not_encoded: { ...text, description: 'why no rule encodes it' },
          category: { type: 'string', enum: [...NOT_ENCODED_CATEGORIES] },
        },
        oneOf: [
          { required: ['rules'], not: { anyOf: [{ required: ['not_encoded'] }, { required: ['category'] }] } },
          { required: ['not_encoded', 'category'], not: { anyOf: [{ required: ['rules'] }, { required: ['encoding'] }, { required: ['partial'] }, { required: ['cite_pending'] }] } },
        ],
      },
    },
    about_the_direction: {
      type: 'array',
      description: 'statements about the document itself, not about a child\'s case: out of scope, not counted',
      items: { type: 'object', additionalProperties: false, required: ['locator', 'quote'], properties: { locator: text, quote: text } },
    },
    table_notes: { ...text, description: 'Markdown after the statements table' },
    sections: {
      type: 'array',
      description: 'further sections of the rendered document: readings of ambiguous text, flaws found, notes (Markdown)',
      items: { type: 'object', additionalProperties: false, required: ['title', 'body'], properties: { title: text, body: text } },
    },
  },
} as const;
