/**
 * The coverage files bundled with the compiler worker: every `policies/**\/*.coverage.yaml`, found by
 * Vite at build time, for the source pane (`source-worker.ts`).
 *
 * Input: the files matched by `import.meta.glob`. Output: `BUNDLED_COVERAGE`, their texts by uri
 * (`policies/bristol.coverage.yaml`).
 * INVARIANT: imported by the worker only, on its first `source` request (not by `bundled.ts`, which the page imports too), so the
 * YAML texts are not in the page's script. Like `bundled.ts`, the only other user of `import.meta.glob`.
 */
import { uriOfModulePath } from './host.ts';

const coverageModules = import.meta.glob<string>('../../policies/**/*.coverage.yaml', { query: '?raw', import: 'default', eager: true });

export const BUNDLED_COVERAGE: Readonly<Record<string, string>> = Object.fromEntries(Object.entries(coverageModules).map(([path, text]) => [uriOfModulePath(path), text]));
