/**
 * The parser's grammar as recorded ahead of time (grammar/grammar-snapshot.ts), or undefined.
 *
 * In the sources it is undefined: the parser records its grammar when it is built, as Chevrotain
 * does, so that an edited grammar is always the one used (tests, `PDL_FROM_SOURCE`, the library
 * packages). scripts/build-cli.mjs replaces this module, in the CLI bundle only, by the snapshot it
 * recorded from the very sources it bundles, so the bundle and its snapshot are never of different
 * grammars. Output: a JSON text of `snapshotGrammar`, or undefined.
 */
export const RECORDED_GRAMMAR: string | undefined = undefined;
