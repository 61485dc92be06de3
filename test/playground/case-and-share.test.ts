/**
 * The case editor's error locations (`compiler/json-text.ts`, placed by the worker's `caseMarks`), share links (`share.ts`), the timeline layout
 * (`timeline.ts`), the engine's overlay of edited policies and formatting, and the microtask
 * debouncer.
 */
import { describe, expect, it } from 'vitest';
import { compressToEncodedURIComponent } from 'lz-string';
import { locateJson, rangeOfPath } from '../../compiler/index.ts';
import { caseError } from '../../runtime/index.ts';
import { caseMarks, createEngine } from '../../playground/src/engine.ts';
import { createMemoryHost, policyEntriesFromModules } from '../../playground/src/host.ts';
import { createDebouncer } from '../../playground/src/requests.ts';
import { DEFAULT_AS_OF, EXAMPLE_LOCAL_POLICY, EXAMPLE_LOCAL_URI, sampleEntriesFromModules } from '../../playground/src/samples.ts';
import { decodeShare, encodeShare, SHARE_PREFIX, type SharedState } from '../../playground/src/share.ts';
import { caseEvents, timelineLayout } from '../../playground/src/timeline.ts';
import { formatUkDate } from '../../playground/src/uk-date.ts';
import { policyModules, sampleModules, STATUTORY_URI, statutoryText } from './fixtures.ts';

const samples = sampleEntriesFromModules(sampleModules);

describe('case error locations', () => {
  const text = '{\n  "id": "c",\n  "child": { "dob": "2015-02-30" },\n  "facts": { "odd key": 1 },\n  "events": [\n    { "type": "review_held", "date": "2025-01-01", "extra": true }\n  ]\n}\n';
  const located = locateJson(text);

  it('maps a path to the value, an unknown field to its name and value, a missing one to its object', () => {
    const slice = (keys: readonly (string | number)[]): string => {
      const span = rangeOfPath(located, keys);
      return span === undefined ? '' : text.slice(span.start, span.end);
    };
    expect(slice(['child', 'dob'])).toBe('"dob": "2015-02-30"');
    expect(slice(['events', 0, 'extra'])).toBe('"extra": true');
    expect(slice(['facts', 'odd key'])).toBe('"odd key": 1');
    expect(slice(['facts', 'legal_status'])).toBe('{');
    expect(slice(['events', 4, 'date'])).toBe('[');
    expect(slice([])).toBe('{');
  });

  it('agrees with JSON.parse on what is valid, and places syntax errors', () => {
    for (const s of samples) expect(locateJson(s.text).ok).toBe(true);
    for (const bad of ['{"a": 1,}', '{"a" 1}', '[1 2]', '{"a": "x\n"}', '{"a": tru}', '{} x', '']) {
      expect(() => JSON.parse(bad)).toThrow();
      const r = locateJson(bad);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.offset).toBeLessThanOrEqual(bad.length);
    }
    const r = locateJson('{\n  "a": 1\n  "b": 2\n}');
    expect(r.ok ? -1 : r.error.offset).toBe(13);
  });

  it('marks each case error where it is, and says why text that is not JSON is not', () => {
    const notReal = caseError('case/not-a-real-date', ['child', 'dob'], {}, { value: '2015-02-30' });
    const missing = caseError('case/missing-fact', ['facts', 'legal_status'], { fact: 'legal_status' });
    const marks = caseMarks(text, [notReal, missing]);
    expect(marks.map((m) => [text.slice(m.start, m.end), m.message])).toEqual([
      ['"dob": "2015-02-30"', notReal.message],
      ['{', missing.message],
    ]);
    const bad = '{"a": 1,}';
    const notJson = caseError('case/not-json', [], {}, { value: bad });
    expect(caseMarks(bad, [notJson])).toEqual([{ start: 8, end: 9, message: `${notJson.message} (expected a property name in double quotes)` }]);
  });
});

describe('share links', () => {
  const state: SharedState = { v: 1, open: STATUTORY_URI, policies: { [STATUTORY_URI]: `${statutoryText}# edited\n` }, case: samples[0]?.text ?? '', asOf: '2025-10-01' };

  it('round-trips the state through the fragment, URI-safe and compressed', () => {
    const hash = encodeShare(state);
    expect(hash.startsWith(SHARE_PREFIX)).toBe(true);
    expect(hash).toMatch(/^#share=[A-Za-z0-9+\-$]+$/);
    expect(hash.length).toBeLessThan(JSON.stringify(state).length);
    // A format 1 link is still read (the state comes back without its format field).
    expect(decodeShare(hash)).toEqual({ ok: true, state: { open: state.open, policies: state.policies, case: state.case, asOf: state.asOf } });
  });

  it('ignores other fragments and explains damaged or foreign ones', () => {
    expect(decodeShare('')).toBeUndefined();
    expect(decodeShare('#top')).toBeUndefined();
    expect(decodeShare('#share=%%%')).toMatchObject({ ok: false });
    const wrap = (value: unknown): string => SHARE_PREFIX + compressToEncodedURIComponent(JSON.stringify(value));
    expect(decodeShare(wrap({ ...state, v: 2 }))).toMatchObject({ ok: false, problem: expect.stringContaining('another version') });
    expect(decodeShare(wrap({ ...state, open: 'javascript:alert(1)' }))).toMatchObject({ ok: false });
    expect(decodeShare(wrap({ ...state, policies: { '../../etc': 'x' } }))).toMatchObject({ ok: false });
    expect(decodeShare(wrap({ ...state, policies: { 'a.pdl': 1 } }))).toMatchObject({ ok: false });
    expect(decodeShare(wrap({ ...state, asOf: '<b>' }))).toMatchObject({ ok: false });
    expect(decodeShare(wrap([1, 2]))).toMatchObject({ ok: false });
  });
});

describe('engine: overlay and format', () => {
  const engine = createEngine(createMemoryHost(policyEntriesFromModules(policyModules)));
  const caseJson = samples[0]?.text ?? '';
  const due = (overlay?: Record<string, string>): string | undefined => {
    const r = engine.check({ requestId: 1, policyText: EXAMPLE_LOCAL_POLICY, uri: EXAMPLE_LOCAL_URI, caseJson, asOf: DEFAULT_AS_OF, ...(overlay !== undefined ? { overlay } : {}) });
    return r.outcome.kind === 'evaluated' ? r.outcome.result.obligations.find((o) => o.rule === 'looked_after_review')?.due : undefined;
  };

  it('compiles a policy against the edited text of the policy it extends', () => {
    expect(due()).toBe('2025-05-15');
    const edited = statutoryText.replace('first  within 20 working days', 'first  within 10 working days');
    expect(edited).not.toBe(statutoryText);
    expect(due({ [STATUTORY_URI]: edited })).toBe('2025-04-30');
    // Back to the bundled text: the earlier compilation is reused.
    expect(due({})).toBe('2025-05-15');
  });

  it('answers a check in two halves: the diagnostics, then the evaluated case', () => {
    const fresh = createEngine(createMemoryHost(policyEntriesFromModules(policyModules)));
    const request = { requestId: 5, policyText: `${statutoryText}# two halves\n`, uri: STATUTORY_URI, caseJson, asOf: DEFAULT_AS_OF };
    const first = fresh.diagnose(request);
    expect(first).toMatchObject({ kind: 'diagnostics', requestId: 5, diagnostics: [] });
    expect(first.symbols?.policyId).toBe('england.statutory_reviews');
    const second = fresh.check(request);
    expect(second.outcome.kind).toBe('evaluated');
    // Compiled by the first half, prepared by the second: not a cache hit yet.
    expect(second.timing.cached).toBe(false);
    expect(fresh.check(request).timing.cached).toBe(true);
    expect(fresh.diagnose({ ...request, policyText: 'policy x\n  owner' }).diagnostics.length).toBeGreaterThan(0);
  });

  it('formats a policy, and refuses one that does not parse', () => {
    const messy = statutoryText.replace('  owner iro', '      owner     iro');
    const formatted = engine.format({ kind: 'format', requestId: 3, text: messy, uri: STATUTORY_URI });
    expect(formatted.requestId).toBe(3);
    expect(formatted.text).toContain('\n  owner iro\n');
    expect(formatted.text).toContain('# The statutory baseline');
    const broken = engine.format({ kind: 'format', requestId: 4, text: 'policy a\n  title', uri: 'a.pdl' });
    expect(broken.text).toBeUndefined();
    expect(broken.error).toContain('syntax errors');
  });
});

describe('timeline layout', () => {
  const engine = createEngine(createMemoryHost(policyEntriesFromModules(policyModules)));
  const text = samples.find((s) => s.file.startsWith('4-'))?.text ?? '';
  const response = engine.check({ requestId: 1, policyText: statutoryText, uri: STATUTORY_URI, caseJson: text, asOf: DEFAULT_AS_OF });
  const result = response.outcome.kind === 'evaluated' ? response.outcome.result : undefined;

  it('places events, one row per obligation coloured by status, and the as-of date', () => {
    expect(result).toBeDefined();
    if (result === undefined) return;
    const events = caseEvents(JSON.parse(text) as unknown);
    const layout = timelineLayout(events, result);
    const dues = layout.shapes.filter((s) => s.kind === 'dot' && s.cls.startsWith('tl-due'));
    expect(dues).toHaveLength(result.obligations.length);
    expect(dues.map((d) => d.cls)).toEqual(result.obligations.map((o) => `tl-due status-${o.status}`));
    expect(layout.shapes.filter((s) => s.kind === 'diamond' && s.cls === 'tl-event')).toHaveLength(events.length);
    expect(layout.shapes.some((s) => s.kind === 'text' && s.text === `as of ${formatUkDate(DEFAULT_AS_OF)}`)).toBe(true);
    for (const s of layout.shapes) {
      const xs = s.kind === 'line' ? [s.x1, s.x2] : [s.x];
      for (const x of xs) expect(x).toBeGreaterThanOrEqual(0), expect(x).toBeLessThanOrEqual(layout.width);
    }
    expect(layout.from < result.asOf && result.asOf < layout.to).toBe(true);
  });

  it('marks each escalation stage raised, coloured by its status', () => {
    expect(result).toBeDefined();
    if (result === undefined) return;
    const stage = (n: number, status: 'responded' | 'overdue', raisedOn: string, due: string) => ({
      ladder: 'dispute_resolution',
      title: 'Disputes',
      instance: 1,
      stage: n,
      current: n === 2,
      raisedOn,
      respondents: ['team_manager'],
      copied: [],
      due,
      status,
      nextStageDue: false,
      capExceeded: false,
      citation: '9.2',
      explanation: 'because',
    });
    const layout = timelineLayout([], { ...result, escalations: [stage(1, 'responded', '2025-09-01', '2025-09-08'), stage(2, 'overdue', '2025-10-01', '2025-10-08')] });
    const stages = layout.shapes.filter((s) => s.kind === 'dot' && s.cls.startsWith('tl-stage'));
    expect(stages.map((s) => s.cls)).toEqual(['tl-stage status-met', 'tl-stage status-overdue']);
    expect(layout.shapes.filter((s) => s.kind === 'text' && s.cls === 'tl-stage-label').map((s) => (s.kind === 'text' ? s.text : ''))).toEqual(['1', '2']);
    expect(layout.shapes.some((s) => s.kind === 'text' && s.text === 'dispute_resolution#1')).toBe(true);
  });

  it('keeps only well-formed events of a case', () => {
    expect(caseEvents({ events: [{ type: 'a', date: '2025-01-01' }, { type: 1, date: '2025-01-01' }, { type: 'b', date: 'soon' }, null] })).toEqual([{ type: 'a', date: '2025-01-01' }]);
    expect(caseEvents('x')).toEqual([]);
  });
});

describe('the debouncer with no delay', () => {
  it('runs once per task, after the calls of the task', async () => {
    let runs = 0;
    const d = createDebouncer(0, () => runs++);
    d();
    d();
    d();
    expect(runs).toBe(0);
    await Promise.resolve();
    expect(runs).toBe(1);
    d();
    d.cancel();
    await Promise.resolve();
    expect(runs).toBe(1);
    d();
    d.flush();
    expect(runs).toBe(2);
    await Promise.resolve();
    expect(runs).toBe(2);
  });
});
