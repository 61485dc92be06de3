/**
 * Share links: the playground's state (the policies the user edited, which policy is open, the case
 * and the as-of date) compressed into the URL's fragment, and read back when a link is opened.
 *
 * Input: a `SharedState`, or a URL fragment (`#share=...`). Output: the fragment, or the state it
 * holds (or why it cannot be read). Compression: lz-string's URI-safe encoding.
 *
 * INVARIANT: nothing leaves the browser: the fragment is never sent to a server (browsers do not put
 * it in requests), and nothing here does I/O.
 * INVARIANT: a decoded state is untrusted input: its shape is checked field by field, sizes are
 * bounded, and the strings it holds are only ever shown as text.
 */
import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';

export const SHARE_PREFIX = '#share=';
export const SHARE_VERSION = 1;
/** The largest decompressed state accepted (characters): a few policies and a case. */
export const MAX_SHARED_CHARS = 2_000_000;

export interface SharedState {
  readonly v: typeof SHARE_VERSION;
  /** The uri of the policy open in the editor. */
  readonly open: string;
  /** Edited policy texts by uri (only those that differ from the bundled ones, or are not bundled). */
  readonly policies: Readonly<Record<string, string>>;
  /** The case JSON as typed. */
  readonly case: string;
  /** `YYYY-MM-DD` */
  readonly asOf: string;
}

/** The fragment (`#share=...`) for a state. */
export function encodeShare(state: SharedState): string {
  return SHARE_PREFIX + compressToEncodedURIComponent(JSON.stringify(state));
}

export type Decoded = { readonly ok: true; readonly state: SharedState } | { readonly ok: false; readonly problem: string };

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const URI = /^[\w./-]{1,200}$/;

/** A relative path of plain names (`policies/x.pdl`): no `..`, no leading `/`. */
function isPolicyUri(uri: string): boolean {
  return URI.test(uri) && !uri.startsWith('/') && !uri.split('/').some((part) => part === '..' || part === '.' || part === '');
}

/** Reads a fragment; undefined when it is not a share link at all. */
export function decodeShare(hash: string): Decoded | undefined {
  if (!hash.startsWith(SHARE_PREFIX)) return undefined;
  const payload = hash.slice(SHARE_PREFIX.length);
  let text: string | null;
  try {
    text = decompressFromEncodedURIComponent(payload);
  } catch {
    text = null;
  }
  if (text === null || text === '') return { ok: false, problem: 'the link is damaged (it could not be decompressed)' };
  if (text.length > MAX_SHARED_CHARS) return { ok: false, problem: 'the link holds more text than the playground accepts' };
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch {
    return { ok: false, problem: 'the link is damaged (its content is not JSON)' };
  }
  return checkState(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Checks the shape of a decoded state. */
export function checkState(value: unknown): Decoded {
  if (!isRecord(value)) return { ok: false, problem: 'the link does not hold a playground state' };
  if (value['v'] !== SHARE_VERSION) return { ok: false, problem: `the link was made by another version of the playground (${String(value['v'])})` };
  const open = value['open'];
  const policies = value['policies'];
  const caseText = value['case'];
  const asOf = value['asOf'];
  if (typeof open !== 'string' || !isPolicyUri(open)) return { ok: false, problem: 'the link names no valid policy to open' };
  if (!isRecord(policies)) return { ok: false, problem: 'the link holds no policies' };
  const texts: Record<string, string> = {};
  for (const [uri, text] of Object.entries(policies)) {
    if (!isPolicyUri(uri) || typeof text !== 'string') return { ok: false, problem: 'the link holds a policy that is not text' };
    texts[uri] = text;
  }
  if (typeof caseText !== 'string') return { ok: false, problem: 'the link holds no case' };
  if (typeof asOf !== 'string' || !DATE.test(asOf)) return { ok: false, problem: 'the link holds no valid as-of date' };
  return { ok: true, state: { v: SHARE_VERSION, open, policies: texts, case: caseText, asOf } };
}
