/**
 * Share links and workspace files: the playground's state (the policies the user edited, which policy
 * is open, the case, the as-of date, the tab and a line) put in the URL's fragment or in a JSON file,
 * and read back.
 *
 * Input: a `ShareState` and the `ShareBases` (the bundled text of each policy, the sample cases), or
 * a URL fragment, or the text of a workspace file. Output: the fragment or the file's text, or the
 * state they hold, or why they cannot be read (in words, for the page to show).
 *
 * The link (format 2): `#share=2[&tab=simulation][&line=N]&data=PAYLOAD` (`share` is the format),
 * PAYLOAD being lz-string's URI-safe compression of `CHECK:JSON`, CHECK a hash of JSON. The JSON carries, for each edited
 * policy only, a line diff against its bundled text (hashes of the text it applies to and of the
 * result), the case as a line diff against a sample case or the blank case, the open policy and the
 * as-of date. The payload comes last, so a link cut off anywhere fails its check. Format 1 links (the
 * whole texts, `#share=PAYLOAD`, PAYLOAD never all digits) are still read.
 *
 * INVARIANT: a state read back is byte-identical to the state encoded (texts, case, date, tab, line),
 * or the reading fails with a problem: a damaged, cut-off or newer link, or a change that no longer
 * applies, is never opened as something else.
 * INVARIANT: nothing leaves the browser: the fragment is never sent to a server (browsers do not put
 * it in requests), and nothing here does I/O.
 * INVARIANT: what is read is untrusted input: its shape is checked field by field, sizes are
 * bounded, and the strings it holds are only ever shown as text.
 */
import { diffArrays } from 'diff';
import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';

export const SHARE_PREFIX = '#share=';
/** The link format this playground writes; it reads this one and every older one. */
export const SHARE_VERSION = 2;
/** The format of the whole-text links made before format 2 (still read). */
export const SHARE_VERSION_WHOLE_TEXT = 1;
/** The largest decompressed state accepted (characters): a few policies and a case. */
export const MAX_SHARED_CHARS = 2_000_000;
/**
 * The longest link offered without a warning (characters, the whole URL): links longer than about
 * 2,000 characters are cut or refused by some mail and chat tools and by older browsers (see
 * docs/playground.md, "Share links").
 */
export const LINK_LIMIT = 2000;
/** The `format` field of a workspace file. */
export const WORKSPACE_FORMAT = 'pdl-playground-workspace';
export const WORKSPACE_VERSION = 1;

/** The tabs of the case pane a link may name. */
export type ShareTab = 'case' | 'simulation';
const TABS: readonly ShareTab[] = ['case', 'simulation'];

/** What a link or a workspace file holds. */
export interface ShareState {
  /** The uri of the policy open in the editor. */
  readonly open: string;
  /** The whole texts of the edited policies by uri (only those that differ from their bundled text, or are not bundled). */
  readonly policies: Readonly<Record<string, string>>;
  /** The case JSON as typed. */
  readonly case: string;
  /** `YYYY-MM-DD` */
  readonly asOf: string;
  /** The tab of the case pane that was open; absent: the case tab. */
  readonly tab?: ShareTab;
  /** A line of the open policy to reveal (1-based); absent: none. */
  readonly line?: number;
}

/** A format 1 (whole-text) state, as links made before format 2 held. */
export interface SharedState {
  readonly v: typeof SHARE_VERSION_WHOLE_TEXT;
  readonly open: string;
  readonly policies: Readonly<Record<string, string>>;
  readonly case: string;
  readonly asOf: string;
}

/** What the changes in a link are taken against: the texts this playground bundles. */
export interface ShareBases {
  /** The bundled text of a policy; undefined for a policy that is not bundled (its base is empty). */
  policy(uri: string): string | undefined;
  /** The case texts a case may be a change of, by key (the sample files, and `blank`). */
  readonly cases: readonly { readonly key: string; readonly text: string }[];
}

export type Decoded = { readonly ok: true; readonly state: ShareState } | { readonly ok: false; readonly problem: string };

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const URI = /^[\w./-]{1,200}$/;
const MAX_LINE = 1_000_000;

/** A relative path of plain names (`policies/x.pdl`): no `..`, no leading `/`. */
function isPolicyUri(uri: string): boolean {
  return URI.test(uri) && !uri.startsWith('/') && !uri.split('/').some((part) => part === '..' || part === '.' || part === '');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** FNV-1a (32 bits) of the UTF-16 code units, in base 36: a check, not a secret. */
export function textHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36);
}

// --- line diffs ----------------------------------------------------------------------------------

/**
 * One change of a text's lines: at line `start` (0-based, in the text changed) `deleted` lines are
 * replaced by the rest. Written `[start, deleted, ...lines]`.
 */
export type Hunk = readonly [number, number, ...string[]];

/** The lines of a text, split at `\n` only (a `\r` stays in its line): `lines(t).join('\n') === t`. */
function lines(text: string): string[] {
  return text.split('\n');
}

/** The hunks that turn `base` into `text` (none when they are equal). */
export function lineDiff(base: string, text: string): Hunk[] {
  if (base === text) return [];
  const hunks: Hunk[] = [];
  let at = 0;
  let open: [number, number, ...string[]] | undefined;
  for (const change of diffArrays(lines(base), lines(text))) {
    if (!change.added && !change.removed) {
      if (open !== undefined) hunks.push(open);
      open = undefined;
      at += change.count;
      continue;
    }
    open ??= [at, 0];
    if (change.removed) {
      open[1] += change.count;
      at += change.count;
    } else open.push(...change.value);
  }
  if (open !== undefined) hunks.push(open);
  return hunks;
}

/** Applies hunks (as `lineDiff` makes them) to `base`; undefined when they do not fit it. */
export function applyLineDiff(base: string, hunks: readonly unknown[]): string | undefined {
  const from = lines(base);
  const out: string[] = [];
  let at = 0;
  for (const hunk of hunks) {
    if (!Array.isArray(hunk) || hunk.length < 2) return undefined;
    const [start, deleted, ...added] = hunk as unknown[];
    if (!Number.isSafeInteger(start) || !Number.isSafeInteger(deleted)) return undefined;
    const s = start as number;
    const d = deleted as number;
    if (s < at || d < 0 || s + d > from.length || !added.every((line) => typeof line === 'string')) return undefined;
    for (let i = at; i < s; i++) out.push(from[i] as string);
    out.push(...(added as string[]));
    at = s + d;
  }
  for (let i = at; i < from.length; i++) out.push(from[i] as string);
  return out.join('\n');
}

// --- format 2 links ------------------------------------------------------------------------------

/** An edited policy in a link: `[hash of the base, hash of the result, ...hunks]`. */
type PolicyChange = [string, string, ...Hunk[]];
/** The case in a link: `[base key ('' for none), hash of the base, hash of the result, ...hunks]`. */
type CaseChange = [string, string, string, ...Hunk[]];

interface Payload {
  /** The open policy. */
  readonly o: string;
  /** The as-of date. */
  readonly a: string;
  readonly p: Record<string, PolicyChange>;
  readonly c: CaseChange;
}

/** The case as a change of the closest base (the fewest characters of hunks). */
function caseChange(text: string, bases: ShareBases): CaseChange {
  let best: CaseChange = ['', textHash(''), textHash(text), ...lineDiff('', text)];
  let size = JSON.stringify(best).length;
  for (const base of bases.cases) {
    const candidate: CaseChange = [base.key, textHash(base.text), textHash(text), ...lineDiff(base.text, text)];
    const candidateSize = JSON.stringify(candidate).length;
    if (candidateSize < size) {
      best = candidate;
      size = candidateSize;
    }
  }
  return best;
}

/** The fragment (`#share=2&...&data=...`) for a state: only the changes against `bases`. */
export function encodeShareLink(state: ShareState, bases: ShareBases): string {
  const p: Record<string, PolicyChange> = {};
  for (const uri of Object.keys(state.policies).sort()) {
    const text = state.policies[uri] as string;
    const base = bases.policy(uri) ?? '';
    if (text === base) continue;
    p[uri] = [textHash(base), textHash(text), ...lineDiff(base, text)];
  }
  const payload: Payload = { o: state.open, a: state.asOf, p, c: caseChange(state.case, bases) };
  const json = JSON.stringify(payload);
  const params = [`share=${SHARE_VERSION}`];
  if (state.tab !== undefined && state.tab !== 'case') params.push(`tab=${state.tab}`);
  if (state.line !== undefined) params.push(`line=${state.line}`);
  params.push(`data=${compressToEncodedURIComponent(`${textHash(json)}:${json}`)}`);
  return `#${params.join('&')}`;
}

/** The fragment of a format 1 (whole-text) link, as the playground made them before format 2. */
export function encodeShare(state: SharedState): string {
  return SHARE_PREFIX + compressToEncodedURIComponent(JSON.stringify(state));
}

/** The fragment's `name=value` parts (values as written: lz-string's alphabet has no `&`). */
function fragmentParams(hash: string): Map<string, string> | undefined {
  const params = new Map<string, string>();
  for (const part of hash.replace(/^#/, '').split('&')) {
    const eq = part.indexOf('=');
    if (eq <= 0) return undefined;
    const name = part.slice(0, eq);
    if (params.has(name)) return undefined;
    params.set(name, part.slice(eq + 1));
  }
  return params;
}

const DAMAGED = 'the link is damaged or was cut off (copy the whole link, or ask for a workspace file)';

function decompress(payload: string): string | undefined {
  try {
    // A tool that percent-encoded the link's `$` or `+` is undone first.
    const text = decompressFromEncodedURIComponent(payload.includes('%') ? decodeURIComponent(payload) : payload);
    return text === null || text === '' ? undefined : text;
  } catch {
    return undefined;
  }
}

/**
 * Reads a fragment; undefined when it is not a share link at all. `bases` are the texts the changes
 * of a format 2 link apply to.
 */
export function decodeShare(hash: string, bases?: ShareBases): Decoded | undefined {
  if (!hash.startsWith(SHARE_PREFIX)) return undefined;
  const params = fragmentParams(hash);
  const share = params?.get('share');
  if (params === undefined || share === undefined || share === '') return { ok: false, problem: DAMAGED };
  if (!/^\d{1,6}$/.test(share)) {
    // Format 1: `#share=PAYLOAD` and nothing else.
    if (params.size !== 1) return { ok: false, problem: DAMAGED };
    return decodeWholeText(share);
  }
  const version = share;
  const payload = params.get('data');
  if (Number(version) > SHARE_VERSION) {
    return { ok: false, problem: `the link was made by a newer version of the playground (link format ${version}; this page reads formats up to ${SHARE_VERSION}): open it where it was made` };
  }
  if (Number(version) !== SHARE_VERSION || payload === undefined) return { ok: false, problem: DAMAGED };
  const tab = params.get('tab');
  if (tab !== undefined && !TABS.includes(tab as ShareTab)) return { ok: false, problem: DAMAGED };
  const lineText = params.get('line');
  if (lineText !== undefined && (!/^[1-9]\d{0,6}$/.test(lineText) || Number(lineText) > MAX_LINE)) return { ok: false, problem: DAMAGED };
  for (const name of params.keys()) if (!['share', 'tab', 'line', 'data'].includes(name)) return { ok: false, problem: DAMAGED };
  const text = decompress(payload);
  if (text === undefined) return { ok: false, problem: DAMAGED };
  if (text.length > MAX_SHARED_CHARS) return { ok: false, problem: 'the link holds more text than the playground accepts' };
  const colon = text.indexOf(':');
  const json = text.slice(colon + 1);
  if (colon <= 0 || text.slice(0, colon) !== textHash(json)) return { ok: false, problem: DAMAGED };
  let value: unknown;
  try {
    value = JSON.parse(json) as unknown;
  } catch {
    return { ok: false, problem: DAMAGED };
  }
  const extra = { ...(tab !== undefined ? { tab: tab as ShareTab } : {}), ...(lineText !== undefined ? { line: Number(lineText) } : {}) };
  return applyPayload(value, bases ?? { policy: () => undefined, cases: [] }, extra);
}

/** A format 2 payload applied to the bases: the whole texts again, checked against their hashes. */
function applyPayload(value: unknown, bases: ShareBases, extra: Pick<ShareState, 'tab' | 'line'>): Decoded {
  if (!isRecord(value) || !isRecord(value['p']) || !Array.isArray(value['c'])) return { ok: false, problem: DAMAGED };
  const policies: Record<string, string> = {};
  for (const [uri, change] of Object.entries(value['p'])) {
    if (!isPolicyUri(uri)) return { ok: false, problem: 'the link names a policy file that is not a plain relative path' };
    if (!Array.isArray(change) || typeof change[0] !== 'string' || typeof change[1] !== 'string') return { ok: false, problem: DAMAGED };
    const bundled = bases.policy(uri);
    const base = bundled ?? '';
    if (textHash(base) !== change[0]) {
      return {
        ok: false,
        problem:
          bundled === undefined
            ? `the link changes ${uri}, which this version of the playground does not have`
            : `the link's changes to ${uri} no longer apply: the playground's copy of that policy has changed since the link was made (ask for a workspace file)`,
      };
    }
    const text = applyLineDiff(base, change.slice(2));
    if (text === undefined || textHash(text) !== change[1]) return { ok: false, problem: DAMAGED };
    policies[uri] = text;
  }
  const [key, baseHash, resultHash, ...hunks] = value['c'] as unknown[];
  if (typeof key !== 'string' || typeof baseHash !== 'string' || typeof resultHash !== 'string') return { ok: false, problem: DAMAGED };
  const caseBase = key === '' ? '' : bases.cases.find((c) => c.key === key)?.text;
  if (caseBase === undefined) return { ok: false, problem: `the link's case is a change of the sample ${JSON.stringify(key)}, which this version of the playground does not have` };
  if (textHash(caseBase) !== baseHash) return { ok: false, problem: `the link's case no longer applies: the sample it changes has changed since the link was made (ask for a workspace file)` };
  const caseText = applyLineDiff(caseBase, hunks);
  if (caseText === undefined || textHash(caseText) !== resultHash) return { ok: false, problem: DAMAGED };
  return checkState({ open: value['o'], policies, case: caseText, asOf: value['a'], ...extra });
}

/** Reads a format 1 payload (lz-string of the whole `SharedState`). */
function decodeWholeText(payload: string): Decoded {
  const text = decompress(payload);
  if (text === undefined) return { ok: false, problem: DAMAGED };
  if (text.length > MAX_SHARED_CHARS) return { ok: false, problem: 'the link holds more text than the playground accepts' };
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch {
    return { ok: false, problem: DAMAGED };
  }
  if (!isRecord(value)) return { ok: false, problem: 'the link does not hold a playground state' };
  if (value['v'] !== SHARE_VERSION_WHOLE_TEXT) return { ok: false, problem: `the link was made by another version of the playground (${String(value['v']).slice(0, 20)})` };
  return checkState(value);
}

/** Checks the shape of a state read from a link or a file (fields beyond `ShareState`'s are ignored). */
export function checkState(value: unknown): Decoded {
  if (!isRecord(value)) return { ok: false, problem: 'the link does not hold a playground state' };
  const { open, policies, asOf, tab, line } = value;
  const caseText = value['case'];
  if (typeof open !== 'string' || !isPolicyUri(open)) return { ok: false, problem: 'the link names no valid policy to open' };
  if (!isRecord(policies)) return { ok: false, problem: 'the link holds no policies' };
  const texts: Record<string, string> = {};
  for (const [uri, text] of Object.entries(policies)) {
    if (!isPolicyUri(uri) || typeof text !== 'string') return { ok: false, problem: 'the link holds a policy that is not text' };
    texts[uri] = text;
  }
  if (typeof caseText !== 'string') return { ok: false, problem: 'the link holds no case' };
  if (typeof asOf !== 'string' || !DATE.test(asOf)) return { ok: false, problem: 'the link holds no valid as-of date' };
  if (tab !== undefined && !TABS.includes(tab as ShareTab)) return { ok: false, problem: 'the link names a tab the playground does not have' };
  if (line !== undefined && (typeof line !== 'number' || !Number.isSafeInteger(line) || line < 1 || line > MAX_LINE)) return { ok: false, problem: 'the link names a line that is not a line number' };
  const state: ShareState = { open, policies: texts, case: caseText, asOf, ...(tab !== undefined ? { tab: tab as ShareTab } : {}), ...(line !== undefined ? { line: line as number } : {}) };
  return { ok: true, state };
}

// --- workspace files -----------------------------------------------------------------------------

/** The text of a workspace file: the whole state as indented JSON (every edited policy in full). */
export function workspaceFileText(state: ShareState): string {
  return `${JSON.stringify({ format: WORKSPACE_FORMAT, version: WORKSPACE_VERSION, ...state }, null, 2)}\n`;
}

/** Reads a workspace file's text (the problem says why it cannot be opened). */
export function readWorkspaceFile(text: string): Decoded {
  if (text.length > MAX_SHARED_CHARS) return { ok: false, problem: 'the file holds more text than the playground accepts' };
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch {
    return { ok: false, problem: 'the file is not a workspace file (it is not JSON)' };
  }
  if (!isRecord(value) || value['format'] !== WORKSPACE_FORMAT) return { ok: false, problem: 'the file is not a playground workspace file' };
  const version = value['version'];
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 1) return { ok: false, problem: 'the workspace file is damaged (it has no version)' };
  if (version > WORKSPACE_VERSION) return { ok: false, problem: `the workspace file was made by a newer version of the playground (format ${version}; this page reads format ${WORKSPACE_VERSION})` };
  const checked = checkState(value);
  return checked.ok ? checked : { ok: false, problem: checked.problem.replace(/^the link/, 'the file') };
}
