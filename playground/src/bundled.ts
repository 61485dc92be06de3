/**
 * The texts bundled with the playground: every policy in `policies/` and every sample case in
 * `playground/samples/`, found by Vite at build time (a new `.pdl` or sample file appears without any
 * change here).
 *
 * Input: the files matched by `import.meta.glob`. Output: `BUNDLED_POLICIES` (uri, id, title, text),
 * `BUNDLED_SAMPLES` (file, title, text) and `BUNDLED_PRACTICE` (the default practice models by uri).
 *
 * INVARIANT: the only module that uses `import.meta.glob` (a Vite feature); everything that works on
 * these texts takes them as arguments, so it can be tested in Node.
 */
import { policyEntriesFromModules, uriOfModulePath, type PolicyEntry } from './host.ts';
import { sampleEntriesFromModules, type SampleEntry } from './samples.ts';

const policyModules = import.meta.glob<string>('../../policies/**/*.pdl', { query: '?raw', import: 'default', eager: true });
const sampleModules = import.meta.glob<string>('../samples/*.json', { query: '?raw', import: 'default', eager: true });
const practiceModules = import.meta.glob<string>('../../policies/**/*.practice.yaml', { query: '?raw', import: 'default', eager: true });

export const BUNDLED_POLICIES: readonly PolicyEntry[] = policyEntriesFromModules(policyModules);
export const BUNDLED_SAMPLES: readonly SampleEntry[] = sampleEntriesFromModules(sampleModules);
/** The default practice models beside the policies, by uri (`policies/bristol.practice.yaml`). */
export const BUNDLED_PRACTICE: ReadonlyMap<string, string> = new Map(Object.entries(practiceModules).map(([path, text]) => [uriOfModulePath(path), text]));
