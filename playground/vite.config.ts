/**
 * Vite configuration of the playground.
 *
 * Input: `playground/index.html` and `playground/src/**` (which import the compiler and runtime public
 * entries and, through `import.meta.glob`, the policy texts in `policies/**`). Output: the dev server
 * (`npm start`, http://localhost:5173/) and a static build in `playground/dist` with relative asset
 * paths (`base: './'`), so it can be served from any folder of any static server.
 *
 * The compiler runs in a module worker (`src/worker.ts`); `worker.format: 'es'` lets the worker's code
 * be split into chunks like the page's.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const playgroundRoot = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = fileURLToPath(new URL('..', import.meta.url));

export default defineConfig({
  root: playgroundRoot,
  base: './',
  clearScreen: false,
  server: {
    port: 5173,
    open: false,
    // The policies live outside the playground folder.
    fs: { allow: [repoRoot] },
  },
  preview: { port: 4173, open: false },
  worker: { format: 'es' },
  // The worker's dependencies are not found by the dev server's first scan (which starts from
  // index.html); listing them avoids a full page reload on the first visit.
  optimizeDeps: { include: ['chevrotain', 'ajv', 'date-holidays', 'picocolors'] },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // The compiler and the runtime (with ajv and the bank-holiday tables) are one large worker chunk.
    chunkSizeWarningLimit: 2500,
  },
});
