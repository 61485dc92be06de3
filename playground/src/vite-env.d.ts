/**
 * Type declarations for Vite features used by the playground (`import.meta.glob`, `?raw` and CSS
 * imports, `new Worker(new URL(...))`).
 *
 * Input: nothing. Output: Vite's client types, for TypeScript only.
 */
/// <reference types="vite/client" />
