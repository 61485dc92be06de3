/**
 * The sample cases and the example local policy the playground offers.
 *
 * Input: the sample case files (`playground/samples/*.json`) as text keyed by module path, as
 * `import.meta.glob('../samples/*.json', { query: '?raw', import: 'default', eager: true })` gives
 * them. Output: `SampleEntry`s (file name, title, text) sorted by file name; the default as-of date;
 * the text of an example local policy that extends the statutory baseline.
 *
 * INVARIANT: no DOM, no Vite (unit-tested in Node). The texts are shown as written, so a sample file
 * must be a case input and nothing else (the runtime rejects unknown fields): titles live here.
 * INVARIANT: all data in the samples is fictitious.
 */

/** The as-of date the playground starts with. */
export const DEFAULT_AS_OF = '2025-12-01';

export interface SampleEntry {
  /** `1-reviews-on-time.json` */
  readonly file: string;
  readonly title: string;
  readonly text: string;
}

/** Titles of the sample files, by file name; a file not listed is titled by its name. */
export const SAMPLE_TITLES: Readonly<Record<string, string>> = {
  '1-reviews-on-time.json': 'Looked after from 14 Apr 2025, reviews on time',
  '2-late-second-review.json': 'Second review late (after an adjournment)',
  '3-left-care-and-returned.json': 'Left care in March, came back in June',
  '4-first-review-overdue.json': 'First review overdue, adjourned review not reconvened',
};

function fileName(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? path : path.slice(slash + 1);
}

function titleFromFile(file: string): string {
  return file.replace(/\.json$/, '').replace(/^\d+-/, '').replace(/[-_]+/g, ' ');
}

export function sampleEntriesFromModules(modules: Readonly<Record<string, string>>): SampleEntry[] {
  return Object.entries(modules)
    .map(([path, text]) => {
      const file = fileName(path);
      return { file, title: SAMPLE_TITLES[file] ?? titleFromFile(file), text };
    })
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

/** Where the example local policy says it comes from (it exists only in the browser). */
export const EXAMPLE_LOCAL_URI = 'playground/example-local.pdl';

/** A fictitious local policy built on the statutory baseline: edit it to see `extends` at work. */
export const EXAMPLE_LOCAL_POLICY = `# An example local policy (fictitious). It extends the statutory baseline: every statutory rule
# applies, plus a council closure day and one local deadline. It exists only in this playground.
policy example.local_reviews extends england.statutory_reviews
  title     "Example local review procedure"
  authority "An example local authority"
  version   "2025.1"
  effective 2025-04-01

calendar england-and-wales
  closed 2025-12-24 "Christmas Eve closure"

event care_plan_authorised "The child's care plan is authorised for the review"

deadline care_plan_before_review "Care plan authorised before the review meeting"
  owner social_worker
  due by 17:00 on the Friday on or before 5 working days before review_scheduled.for
  met by care_plan_authorised
  cite "Example local procedure, 4.2"
`;
