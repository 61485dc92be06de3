/**
 * Vite configuration of the playground.
 *
 * Input: `playground/index.html` and `playground/src/**` (which import the compiler and runtime public
 * entries, Monaco's editor core and chosen features, and, through `import.meta.glob`, the policy
 * texts in `policies/**`). Output: the dev server (`npm start`, http://localhost:5173/) and a static
 * build in `playground/dist` with relative asset paths (`base: './'`), so it can be served from any
 * folder of any static server.
 *
 * The compiler runs in a module worker (`src/worker.ts`); `worker.format: 'es'` lets the worker's code
 * be split into chunks like the page's. The chunks (docs/playground.md, "Size and speed"): a small
 * entry (`src/main.ts`, which starts the worker at once), the page's code with Monaco (`app`, loaded
 * by the entry), the worker, and the simulation's two sides (loaded with the Simulation tab). Monaco's own editor worker comes in through a `?worker`
 * import (`src/monaco.ts`). In the build, `date-holidays` gets only Great Britain's rules
 * (`holidays-subset.ts`), not every country's.
 *
 * Monaco's editor features (`src/monaco-features.ts`) and its JSON language service (`jsonMode`)
 * are chunks loaded after the first results. The JSON language service imports Monaco's
 * `internal/common/workers.js` for its `createWebWorker`, and that module also imports, for their
 * side effects, every editor contribution Monaco has (the whole `editor.main` set: code actions,
 * code lens, sticky scroll, colour picker...), which the playground does not use and which were
 * never given to its editors (they are made before the JSON language loads). In the build,
 * `monacoWorkersSlim` drops those side-effect imports of scripts (its CSS imports and its code stay),
 * so the JSON language's chunk holds the JSON language.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { holidayDataPlugin } from './holidays-subset.ts';

const MONACO_WORKERS = /[\\/]monaco-editor[\\/]esm[\\/]vs[\\/]internal[\\/]common[\\/]workers\.js$/;
/** A side-effect import of a script (`import` of a quoted `.js` path inside Monaco's tree, and nothing else), alone on its line. */
const SIDE_EFFECT_SCRIPT_IMPORT = /^import '[^']+\.js';\r?\n/gm;

/** Vite plugin (build only): Monaco's `internal/common/workers.js` without its side-effect imports of scripts (see above). */
function monacoWorkersSlim(): Plugin {
  return {
    name: 'pdl:monaco-workers-slim',
    apply: 'build',
    enforce: 'pre',
    transform(code, id) {
      if (!MONACO_WORKERS.test(id.split('?')[0] ?? id)) return null;
      const slim = code.replace(SIDE_EFFECT_SCRIPT_IMPORT, '');
      if (slim === code) this.warn('monaco-editor/esm/vs/internal/common/workers.js has no side-effect imports to drop: check monacoWorkersSlim against this Monaco');
      return { code: slim, map: null };
    },
  };
}

const playgroundRoot = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = fileURLToPath(new URL('..', import.meta.url));

export default defineConfig({
  root: playgroundRoot,
  base: './',
  clearScreen: false,
  plugins: [holidayDataPlugin(), monacoWorkersSlim()],
  server: {
    port: 5173,
    open: false,
    // The policies live outside the playground folder.
    fs: { allow: [repoRoot] },
  },
  preview: { port: 4173, open: false },
  worker: { format: 'es', plugins: () => [holidayDataPlugin()] },
  // The worker's dependencies are not found by the dev server's first scan (which starts from
  // index.html); listing them avoids a full page reload on the first visit. csv-parse is listed by the
  // specifier the SSDA903 importer uses (simulation/caseload/ssda903.ts).
  optimizeDeps: { include: ['chevrotain', 'ajv', 'date-holidays', 'picocolors', 'lz-string', 'diff', 'handlebars', 'csv-parse/browser/esm/sync'] },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // Monaco's core is one large chunk of the page; the compiler and the runtime one of the worker.
    chunkSizeWarningLimit: 4000,
  },
});
