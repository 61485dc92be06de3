/**
 * The parser's grammar as recorded ahead of time (grammar/grammar-snapshot.ts), or undefined.
 *
 * In the sources it is undefined: the parser records its grammar when it is built, as Chevrotain
 * does, so that an edited grammar is always the one used (tests, `PDL_FROM_SOURCE`, the library
 * packages). scripts/build-cli.mjs replaces this module, in the CLI bundle only, by the snapshot it
 * recorded from the very sources it bundles, so the bundle and its snapshot are never of different
 * grammars. Output: a JSON text of `snapshotGrammar`, or undefined; and the fingerprint of that
 * grammar (`grammarFingerprint` of grammar/lookahead.ts, as the parser's lookahead strategy computed it
 * when the build recorded the snapshot), or undefined: the parser compares it with the lookahead
 * table's instead of serialising the grammar again at every start.
 */
export const RECORDED_GRAMMAR: string | undefined = undefined;
export const RECORDED_FINGERPRINT: string | undefined = undefined;
