/**
 * Share links of changes only (`playground/src/share.ts`): the line diff and its application, links
 * of format 2 against the bundled policies and sample cases (size, exact restoration, tab and line),
 * the problems a damaged, cut-off, newer or no longer applicable link is reported with, format 1
 * links, and workspace files.
 *
 * Input: the repository's policies and sample cases (read from disk, as the playground bundles
 * them). Output: pass/fail.
 */
import { compressToEncodedURIComponent } from 'lz-string';
import { describe, expect, it } from 'vitest';
import { policyEntriesFromModules } from '../../playground/src/host.ts';
import { sampleEntriesFromModules } from '../../playground/src/samples.ts';
import {
  applyLineDiff,
  decodeShare,
  encodeShare,
  encodeShareLink,
  LINK_LIMIT,
  lineDiff,
  readWorkspaceFile,
  textHash,
  workspaceFileText,
  type ShareBases,
  type ShareState,
} from '../../playground/src/share.ts';
import { policyModules, sampleModules, STATUTORY_URI } from './fixtures.ts';
import { mulberry32 } from '../support/random.ts';

const policies = policyEntriesFromModules(policyModules);
const samples = sampleEntriesFromModules(sampleModules);
const BLANK = '{\n  "id": "case-1"\n}\n';
const bases: ShareBases = {
  policy: (uri) => policies.find((p) => p.uri === uri)?.text,
  cases: [...samples.map((s) => ({ key: s.file, text: s.text })), { key: 'blank', text: BLANK }],
};
const BRISTOL = 'policies/bristol.pdl';
const bristol = bases.policy(BRISTOL) ?? '';
/** A typical page address in front of the fragment. */
const PAGE = 'https://playground.example.org/pdl/';

/** Bristol with one phrase changed (the postponement notice: 5 working days -> 7 working days). */
function bristolEdited(): string {
  const phrase = 'notice at least 5 working days before review_postponement_requested.meeting';
  expect(bristol).toContain(phrase);
  return bristol.replace(phrase, 'notice at least 7 working days before review_postponement_requested.meeting');
}

/** A seeded generator (test/support/random.ts), so that a failure can be replayed. */
const random = mulberry32;

describe('line diffs', () => {
  it('round-trips every text exactly, line endings and final newline included', () => {
    const texts = ['', '\n', 'a', 'a\n', 'a\r\nb\r\n', '\n\n\n', 'x\ny', bristol];
    for (const base of texts) for (const text of texts) expect(applyLineDiff(base, lineDiff(base, text))).toBe(text);
  });

  it('round-trips random edits of a policy, and an equal text has no hunks', () => {
    const next = random(7);
    const source = bristol.split('\n');
    expect(lineDiff(bristol, bristol)).toEqual([]);
    for (let round = 0; round < 40; round++) {
      const edited = [...source];
      const edits = 1 + Math.floor(next() * 6);
      for (let e = 0; e < edits; e++) {
        const at = Math.floor(next() * edited.length);
        const what = next();
        if (what < 0.33) edited.splice(at, 1 + Math.floor(next() * 3));
        else if (what < 0.66) edited.splice(at, 0, `# inserted ${round}.${e}`, '');
        else edited[at] = `${edited[at] ?? ''} changed`;
      }
      const text = edited.join('\n');
      const hunks = lineDiff(bristol, text);
      expect(applyLineDiff(bristol, hunks)).toBe(text);
      expect(JSON.stringify(hunks).length).toBeLessThan(text.length);
    }
  });

  it('refuses hunks that do not fit the text', () => {
    expect(applyLineDiff('a\nb', [[5, 1, 'x']])).toBeUndefined();
    expect(applyLineDiff('a\nb', [[1, 0, 'x'], [0, 1]])).toBeUndefined();
    expect(applyLineDiff('a\nb', [[0, -1]])).toBeUndefined();
    expect(applyLineDiff('a\nb', [[0, 1, 3]])).toBeUndefined();
    expect(applyLineDiff('a\nb', ['x'])).toBeUndefined();
  });
});

describe('share links of changes only', () => {
  const sample = samples[0];
  if (sample === undefined) throw new Error('no sample cases');
  const edited: ShareState = { open: BRISTOL, policies: { [BRISTOL]: bristolEdited() }, case: sample.text, asOf: '2025-10-01' };

  it('puts one edited phrase of Bristol in a link under 2,000 characters that restores exactly', () => {
    const hash = encodeShareLink(edited, bases);
    expect(hash).toMatch(/^#share=2&data=[A-Za-z0-9+\-$]+$/);
    expect((PAGE + hash).length).toBeLessThan(LINK_LIMIT);
    // Far shorter than the whole text (format 1).
    expect(hash.length * 10).toBeLessThan(encodeShare({ v: 1, ...edited }).length);
    expect(decodeShare(hash, bases)).toEqual({ ok: true, state: edited });
  });

  it('restores an edited case, a blank case, a case of no sample, the tab and the line', () => {
    const states: ShareState[] = [
      { ...edited, case: sample.text.replace('"events"', '"facts": {},\n  "events"'), tab: 'simulation', line: 57 },
      { ...edited, case: BLANK, line: 1 },
      { ...edited, case: '{"id":"x","child":{"dob":"2016-05-05"},"events":[]}' },
      { ...edited, case: '' },
      { open: STATUTORY_URI, policies: {}, case: sample.text, asOf: '2025-12-01', tab: 'case' },
    ];
    for (const state of states) {
      const hash = encodeShareLink(state, bases);
      const { tab, ...rest } = state;
      // The case tab is the default: a link does not name it.
      expect(decodeShare(hash, bases)).toEqual({ ok: true, state: tab === 'case' ? rest : state });
    }
    expect(encodeShareLink(states[0] as ShareState, bases)).toMatch(/^#share=2&tab=simulation&line=57&data=/);
  });

  it('carries nothing for an unchanged policy, and a whole text for a policy that is not bundled', () => {
    const unchanged = encodeShareLink({ ...edited, policies: { ...edited.policies, [STATUTORY_URI]: bases.policy(STATUTORY_URI) ?? '' } }, bases);
    expect(unchanged).toBe(encodeShareLink(edited, bases));
    const local = 'policy local.x extends england.statutory_reviews\n  title "Local"\n';
    const state: ShareState = { ...edited, open: 'policies/local.pdl', policies: { 'policies/local.pdl': local } };
    expect(decodeShare(encodeShareLink(state, bases), bases)).toEqual({ ok: true, state });
  });

  it('stays short with several policies edited in one place each', () => {
    const many: Record<string, string> = {};
    for (const entry of policies.slice(0, 4)) many[entry.uri] = entry.text.replace(/\n\n/, '\n\n# a note\n\n');
    const state: ShareState = { ...edited, policies: many };
    const hash = encodeShareLink(state, bases);
    expect((PAGE + hash).length).toBeLessThan(LINK_LIMIT);
    expect(decodeShare(hash, bases)).toEqual({ ok: true, state });
  });

  it('says a cut-off or damaged link is damaged, at every cut', () => {
    const state: ShareState = { ...edited, line: 120 };
    const hash = encodeShareLink(state, bases);
    let refused = 0;
    for (let cut = 1; cut < hash.length; cut++) {
      const decoded = decodeShare(hash.slice(0, cut), bases);
      if (decoded === undefined) {
        // Only a cut so early that it is no share link at all (`#` to `#share`).
        expect(cut).toBeLessThan(7);
        continue;
      }
      // Refused, or (the last character or two of lz-string's output carrying no data) the same state.
      if (decoded.ok) expect({ cut: hash.length - cut, state: decoded.state }).toEqual({ cut: expect.any(Number) as number, state });
      else refused++;
      if (decoded.ok) expect(hash.length - cut).toBeLessThanOrEqual(2);
    }
    expect(refused).toBeGreaterThanOrEqual(hash.length - 9);
    // A changed character in the payload.
    const at = hash.indexOf('data=') + 40;
    for (const ch of ['A', 'z', '0', '$']) {
      if (hash[at] === ch) continue;
      const decoded = decodeShare(hash.slice(0, at) + ch + hash.slice(at + 1), bases);
      expect(decoded?.ok).toBe(false);
    }
    expect(decodeShare('#share=2&data=', bases)).toMatchObject({ ok: false, problem: expect.stringContaining('damaged') });
    expect(decodeShare('#share=2', bases)).toMatchObject({ ok: false, problem: expect.stringContaining('cut off') });
    expect(decodeShare('#share=', bases)).toMatchObject({ ok: false });
    expect(decodeShare('#share=2&line=x&data=abc', bases)).toMatchObject({ ok: false });
    expect(decodeShare('#share=2&tab=evil&data=abc', bases)).toMatchObject({ ok: false });
    expect(decodeShare(hash.replace('&data=', '&extra=1&data='), bases)).toMatchObject({ ok: false });
    expect(decodeShare(hash.replace('&line=120', '&line=120&line=3'), bases)).toMatchObject({ ok: false });
  });

  it('says a link from a newer playground is newer, and a link whose changes no longer apply so', () => {
    const hash = encodeShareLink(edited, bases);
    expect(decodeShare(hash.replace('share=2', 'share=3'), bases)).toMatchObject({ ok: false, problem: expect.stringContaining('newer version') });
    const changedBundle: ShareBases = { ...bases, policy: (uri) => (uri === BRISTOL ? `${bristol}# a later release\n` : bases.policy(uri)) };
    expect(decodeShare(hash, changedBundle)).toMatchObject({ ok: false, problem: expect.stringContaining('no longer apply') });
    const withoutBristol: ShareBases = { ...bases, policy: (uri) => (uri === BRISTOL ? undefined : bases.policy(uri)) };
    expect(decodeShare(hash, withoutBristol)).toMatchObject({ ok: false, problem: expect.stringContaining('does not have') });
    const withoutSamples: ShareBases = { ...bases, cases: [] };
    expect(decodeShare(hash, withoutSamples)).toMatchObject({ ok: false, problem: expect.stringContaining('sample') });
  });

  it('checks what a well-formed payload holds as untrusted input', () => {
    const wrap = (value: unknown): string => {
      const json = JSON.stringify(value);
      return `#share=2&data=${compressToEncodedURIComponent(`${textHash(json)}:${json}`)}`;
    };
    const c = ['', textHash(''), textHash('{}'), [0, 1, '{}']];
    expect(decodeShare(wrap({ o: BRISTOL, a: '2025-01-01', p: {}, c }), bases)).toMatchObject({ ok: true });
    expect(decodeShare(wrap({ o: 'javascript:alert(1)', a: '2025-01-01', p: {}, c }), bases)).toMatchObject({ ok: false });
    expect(decodeShare(wrap({ o: BRISTOL, a: '<b>', p: {}, c }), bases)).toMatchObject({ ok: false });
    expect(decodeShare(wrap({ o: BRISTOL, a: '2025-01-01', p: { '../../etc/passwd': [textHash(''), textHash('x'), [0, 1, 'x']] }, c }), bases)).toMatchObject({ ok: false });
    expect(decodeShare(wrap({ o: BRISTOL, a: '2025-01-01', p: [], c }), bases)).toMatchObject({ ok: false });
    expect(decodeShare(wrap([1, 2]), bases)).toMatchObject({ ok: false });
  });

  it('still opens a format 1 (whole-text) link', () => {
    const old = encodeShare({ v: 1, ...edited });
    expect(old).toMatch(/^#share=[A-Za-z0-9+\-$]+$/);
    expect(decodeShare(old, bases)).toEqual({ ok: true, state: edited });
    expect(decodeShare(old)).toEqual({ ok: true, state: edited });
    expect(decodeShare(old.slice(0, old.length - 30), bases)).toMatchObject({ ok: false });
    expect(decodeShare('#top', bases)).toBeUndefined();
  });
});

describe('workspace files', () => {
  const state: ShareState = { open: BRISTOL, policies: { [BRISTOL]: bristolEdited(), 'policies/new.pdl': 'policy a.b\r\n' }, case: '{}', asOf: '2025-10-01', tab: 'simulation', line: 3 };

  it('round-trips the whole state through the file, as readable JSON', () => {
    const text = workspaceFileText(state);
    expect(JSON.parse(text)).toMatchObject({ format: 'pdl-playground-workspace', version: 1, open: BRISTOL });
    expect(readWorkspaceFile(text)).toEqual({ ok: true, state });
  });

  it('says why a file cannot be opened', () => {
    expect(readWorkspaceFile('not json')).toMatchObject({ ok: false, problem: expect.stringContaining('not JSON') });
    expect(readWorkspaceFile('{"format":"other"}')).toMatchObject({ ok: false, problem: expect.stringContaining('not a playground workspace') });
    const newer = workspaceFileText(state).replace('"version": 1', '"version": 2');
    expect(readWorkspaceFile(newer)).toMatchObject({ ok: false, problem: expect.stringContaining('newer version') });
    const hostile = workspaceFileText({ ...state, policies: { '/etc/passwd': 'x' } });
    expect(readWorkspaceFile(hostile)).toMatchObject({ ok: false, problem: expect.stringContaining('the file') });
  });
});
