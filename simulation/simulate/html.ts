/**
 * The simulation report as one self-contained HTML page, with charts drawn as inline SVG.
 *
 * Input: a `SimulationReport`, and optionally lines describing the caseload (e.g. the SSDA903
 * reconciliation). Output: an HTML document (a string): the reading and its assumptions (when the
 * report names one), headline figures (with their intervals over seeds, when there are some), a chart
 * and a table of breaches by rule, the share of reviews within timescale, a weekly chart of due items
 * for each role, the behavioural reading's re-timed work per role (demand and backlog per week), the
 * children newly overdue and no longer overdue, violations, and the cases that failed.
 *
 * INVARIANT: no network is needed to view it: style inline, no script, no external resource.
 * INVARIANT: every string that comes from a policy or a case (ids, titles, rule and role names,
 * origins, messages) goes through `escapeHtml`.
 * INVARIANT: the page depends only on its input (no date of generation). Browser-safe: no Node module.
 */
import { fromYmd, isoWeekday, parsePlainDate } from '../../runtime/index.ts';
import type { PlainDate } from '../../runtime/index.ts';
import { isoWeek } from './accumulate.ts';
import type { Interval, RoleLoad, RoleWorkload, RuleRow, SimulationReport, WeekCount } from './types.ts';

/** Options of `renderReportHtml`. */
export interface ReportHtmlOptions {
  /** Lines describing where the caseload came from (shown as a list under "Caseload"). */
  readonly caseloadLines?: readonly string[];
  /** At most this many case ids per list, and failures, are shown (default 500); the page says how many more there are. */
  readonly listLimit?: number;
}

/** Escapes `&`, `<`, `>`, `"` and `'` for text and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;'));
}

const BASE = '#4c6a92';
const REFORM = '#d9822b';

function pct(share: number | null): string {
  return share === null ? 'n/a' : `${(share * 100).toFixed(1)}%`;
}

function signed(n: number): string {
  return n > 0 ? `+${n}` : String(n);
}

function num(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Grouped horizontal bars: one group per label, a baseline bar and a reform bar. */
function barChart(title: string, rows: readonly { label: string; baseline: number | null; reform: number | null }[], format: (n: number) => string): string {
  const labelWidth = 260;
  const barArea = 420;
  const rowHeight = 34;
  const height = rows.length * rowHeight + 30;
  const max = Math.max(1, ...rows.flatMap((r) => [r.baseline ?? 0, r.reform ?? 0]));
  const parts: string[] = [];
  rows.forEach((r, i) => {
    const y = 24 + i * rowHeight;
    parts.push(`<text x="${labelWidth - 8}" y="${y + 14}" text-anchor="end" class="lbl">${escapeHtml(r.label)}</text>`);
    for (const [k, value, colour] of [
      [0, r.baseline, BASE],
      [1, r.reform, REFORM],
    ] as const) {
      const by = y + k * 13;
      if (value === null) {
        parts.push(`<text x="${labelWidth + 4}" y="${by + 10}" class="val">(no such rule)</text>`);
        continue;
      }
      const w = Math.max(value > 0 ? 1 : 0, Math.round((value / max) * barArea));
      parts.push(`<rect x="${labelWidth}" y="${by}" width="${w}" height="11" fill="${colour}"><title>${escapeHtml(`${r.label}: ${format(value)}`)}</title></rect>`);
      parts.push(`<text x="${labelWidth + w + 4}" y="${by + 10}" class="val">${escapeHtml(format(value))}</text>`);
    }
  });
  return (
    `<svg role="img" viewBox="0 0 ${labelWidth + barArea + 90} ${height}" width="100%" style="max-width:${labelWidth + barArea + 90}px">` +
    `<title>${escapeHtml(title)}</title>${legend(labelWidth)}${parts.join('')}</svg>`
  );
}

function legend(x: number): string {
  return (
    `<rect x="${x}" y="2" width="12" height="12" fill="${BASE}"/><text x="${x + 16}" y="12" class="val">baseline</text>` +
    `<rect x="${x + 90}" y="2" width="12" height="12" fill="${REFORM}"/><text x="${x + 106}" y="12" class="val">reform</text>`
  );
}

/** The Monday of an ISO week `YYYY-Www` (the week holding 4 January is week 1). */
function mondayOf(week: string): PlainDate | undefined {
  const m = /^(\d{4})-W(\d{2})$/.exec(week);
  if (m === null) return undefined;
  const jan4 = fromYmd(Number(m[1]), 1, 4);
  return jan4 - (isoWeekday(jan4) - 1) + (Number(m[2]) - 1) * 7;
}

/** The weeks from the first to the last, with the weeks that have no item filled in as zeros. */
function continuous(weeks: readonly WeekCount[]): WeekCount[] {
  const first = mondayOf(weeks[0]?.week ?? '');
  const last = mondayOf(weeks[weeks.length - 1]?.week ?? '');
  if (first === undefined || last === undefined || (last - first) / 7 > 5000) return [...weeks];
  const known = new Map(weeks.map((w) => [w.week, w]));
  const out: WeekCount[] = [];
  for (let d = first; d <= last; d += 7) {
    const week = isoWeek(d);
    out.push(known.get(week) ?? { week, baseline: 0, reform: 0 });
  }
  return out;
}

/** A line chart of one role's weekly due items, baseline and reform, with the as-of week marked. */
function weekChart(w: RoleWorkload, asOf: string, what = 'Due items'): string {
  const width = 760;
  const height = 180;
  const left = 40;
  const bottom = 24;
  const top = 20;
  const weeks = continuous(w.weeks);
  const n = weeks.length;
  if (n === 0) return '<p>No due items.</p>';
  const max = Math.max(1, ...weeks.flatMap((x) => [x.baseline, x.reform]));
  const x = (i: number): number => left + (n === 1 ? (width - left) / 2 : (i * (width - left - 10)) / (n - 1));
  const y = (v: number): number => top + (height - top - bottom) * (1 - v / max);
  const line = (pick: (i: number) => number, colour: string): string =>
    `<polyline fill="none" stroke="${colour}" stroke-width="1.5" points="${weeks.map((_, i) => `${x(i).toFixed(1)},${y(pick(i)).toFixed(1)}`).join(' ')}"/>`;
  const first = weeks[0]?.week ?? '';
  const last = weeks[n - 1]?.week ?? '';
  const asOfDay = parsePlainDate(asOf);
  const asOfIndex = asOfDay === undefined ? -1 : weeks.findIndex((k) => k.week === isoWeek(asOfDay));
  const marker =
    asOfIndex < 0
      ? ''
      : `<line x1="${x(asOfIndex).toFixed(1)}" y1="${top}" x2="${x(asOfIndex).toFixed(1)}" y2="${y(0)}" stroke="#888" stroke-dasharray="3,3"/>` +
        `<text x="${(x(asOfIndex) + 3).toFixed(1)}" y="${top + 8}" class="val">as of</text>`;
  return (
    `<svg role="img" viewBox="0 0 ${width} ${height}" width="100%" style="max-width:${width}px">` +
    `<title>${escapeHtml(`${what} per ISO week for ${w.role}`)}</title>${legend(left)}` +
    `<line x1="${left}" y1="${y(0)}" x2="${width - 10}" y2="${y(0)}" stroke="#999"/>` +
    `<text x="${left - 4}" y="${y(max) + 4}" text-anchor="end" class="val">${num(max)}</text>` +
    `<text x="${left - 4}" y="${y(0) + 4}" text-anchor="end" class="val">0</text>` +
    `<text x="${left}" y="${height - 6}" class="val">${escapeHtml(first)}</text>` +
    `<text x="${width - 10}" y="${height - 6}" text-anchor="end" class="val">${escapeHtml(last)}</text>` +
    marker +
    line((i) => weeks[i]?.baseline ?? 0, BASE) +
    line((i) => weeks[i]?.reform ?? 0, REFORM) +
    '</svg>'
  );
}

function ruleTable(rows: readonly RuleRow[]): string {
  const cell = (c: RuleRow['baseline'], key: 'obligations' | 'met' | 'metLate' | 'overdue' | 'open' | 'breaches' | 'superseded'): string => {
    if (c === null) return '<td class="na">-</td>';
    const v = c[key];
    return v === null ? `<td class="na" title="${escapeHtml(`not measurable: no ${c.missingEvents.join(', ')} events in the caseload`)}">n/m</td>` : `<td>${num(v)}</td>`;
  };
  const head =
    '<tr><th rowspan="2">Rule</th><th rowspan="2">Owner</th><th colspan="6" class="b">Baseline</th><th colspan="6" class="r">Reform</th><th rowspan="2">Change in breaches</th></tr>' +
    '<tr>' +
    ['obligations', 'met', 'late', 'overdue', 'open', 'breaches'].map((h) => `<th class="b">${h}</th>`).join('') +
    ['obligations', 'met', 'late', 'overdue', 'open', 'breaches'].map((h) => `<th class="r">${h}</th>`).join('') +
    '</tr>';
  const body = rows
    .map((r) => {
      const b = r.baseline?.breaches;
      const f = r.reform?.breaches;
      const delta = r.baseline === null || r.reform === null ? '-' : b === null || f === null || b === undefined || f === undefined ? 'n/m' : signed(f - b);
      return (
        `<tr><td><code>${escapeHtml(r.rule)}</code><br><span class="muted">${escapeHtml(r.title)}</span></td><td>${escapeHtml(r.owner)}</td>` +
        (['obligations', 'met', 'metLate', 'overdue', 'open', 'breaches'] as const).map((k) => cell(r.baseline, k)).join('') +
        (['obligations', 'met', 'metLate', 'overdue', 'open', 'breaches'] as const).map((k) => cell(r.reform, k)).join('') +
        `<td>${delta}</td></tr>`
      );
    })
    .join('');
  return `<table>${head}${body}</table>`;
}

/** The rules the caseload cannot measure, with the events each lacks (nothing when every rule is measurable). */
function measurabilityHtml(report: SimulationReport): string {
  const m = report.measurability;
  if (m.baseline.length === 0 && m.reform.length === 0) return '';
  const rows = [...m.baseline.map((u) => ['baseline', u] as const), ...m.reform.map((u) => ['reform', u] as const)]
    .map(([side, u]) => `<tr><td><code>${escapeHtml(u.rule)}</code></td><td>${escapeHtml(u.kind)}</td><td>${side}</td><td>${u.missingEvents.map((e) => `<code>${escapeHtml(e)}</code>`).join(', ')}</td></tr>`)
    .join('');
  return (
    '<h2>Not measurable with this caseload</h2>' +
    '<p>These rules need events that never occur in the caseload, so their figures say what the data does not record, not what practice did: they are shown as <em>n/m</em> and left out of every headline figure (reviews within timescale, children overdue). A caseload that records these events (an export from the case system, or a practice model that produces them) makes them measurable.</p>' +
    `<table><tr><th>Rule</th><th>kind</th><th>policy</th><th>events missing from the caseload</th></tr>${rows}</table>`
  );
}

function idList(ids: readonly string[], limit: number): string {
  if (ids.length === 0) return '<p class="muted">None.</p>';
  const shown = ids.slice(0, limit).map((id) => `<code>${escapeHtml(id)}</code>`).join(' ');
  const more = ids.length > limit ? ` <span class="muted">and ${num(ids.length - limit)} more (the JSON report lists them all)</span>` : '';
  return `<p class="ids">${shown}${more}</p>`;
}

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2em auto;max-width:1100px;padding:0 1em;color:#222}
h1{font-size:1.5em;margin-bottom:.2em}h2{margin-top:1.8em;border-bottom:1px solid #ddd;padding-bottom:.2em}
.muted{color:#666}.cards{display:flex;flex-wrap:wrap;gap:1em;margin:1em 0}
.card{border:1px solid #ddd;border-radius:6px;padding:.8em 1em;min-width:180px}.card b{display:block;font-size:1.6em}
table{border-collapse:collapse;margin:.6em 0;font-size:13px}th,td{border:1px solid #ddd;padding:3px 6px;text-align:right;vertical-align:top}
th{background:#f5f5f5}td:first-child,th:first-child{text-align:left}td.na{color:#aaa;text-align:center}
th.b{background:#e3eaf3}th.r{background:#f8e6d3}code{font-size:12px}.ids code{display:inline-block;margin:0 .4em .2em 0}
svg text.lbl{font-size:12px;fill:#222}svg text.val{font-size:11px;fill:#444}
`;

/** Renders the report as a self-contained HTML page (see the file comment). */
export function renderReportHtml(report: SimulationReport, options: ReportHtmlOptions = {}): string {
  const limit = options.listLimit ?? 500;
  const b = report.baseline;
  const r = report.reform;
  const name = (p: typeof b): string => `${p.title} (${p.id}${p.version === null ? '' : `, version ${p.version}`})`;
  const rb = report.reviews.baseline;
  const rr = report.reviews.reform;
  const shareDelta = rb.share !== null && rr.share !== null ? `${signed(Math.round((rr.share - rb.share) * 1000) / 10)} points` : 'n/a';
  const out: string[] = [];
  out.push('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">');
  out.push(`<title>${escapeHtml(`Simulation: ${r.id} against ${b.id} on ${report.asOf}`)}</title><style>${STYLE}</style></head><body>`);
  out.push(`<h1>What would change: ${escapeHtml(r.id)} against ${escapeHtml(b.id)}</h1>`);
  out.push(`<p class="muted">As of ${escapeHtml(report.asOf)}. Baseline: ${escapeHtml(name(b))}. Reform: ${escapeHtml(name(r))}.</p>`);
  out.push(readingHtml(report));
  out.push('<div class="cards">');
  out.push(`<div class="card">Reviews within timescale<b>${pct(rb.share)} &rarr; ${pct(rr.share)}</b>${escapeHtml(shareDelta)}</div>`);
  out.push(`<div class="card">Children newly overdue<b>${num(report.children.newlyOverdue.length)}</b>overdue under the reform only</div>`);
  out.push(`<div class="card">Children no longer overdue<b>${num(report.children.noLongerOverdue.length)}</b>overdue under the baseline only</div>`);
  out.push(`<div class="card">Cases<b>${num(report.input.evaluated)}</b>evaluated of ${num(report.input.cases)} read; ${num(report.input.failed)} failed validation</div>`);
  out.push('</div>');
  out.push(intervalsHtml(report));

  out.push('<h2>Caseload</h2>');
  out.push(`<p>${num(report.input.cases)} cases read: ${num(report.input.evaluated)} evaluated under both policies, ${num(report.input.failed)} not evaluated because they do not fit a policy's vocabulary (listed at the end).</p>`);
  if (options.caseloadLines !== undefined && options.caseloadLines.length > 0) {
    out.push(`<ul>${options.caseloadLines.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>`);
  }

  out.push(measurabilityHtml(report));

  out.push('<h2>Breaches by rule</h2>');
  out.push('<p class="muted">A breach is an obligation met late or overdue on the as-of date, or a duty missed (its bound passed unmet).</p>');
  out.push(barChart('Breaches by rule, baseline and reform', report.rules.map((x) => ({ label: x.rule, baseline: x.baseline?.breaches ?? null, reform: x.reform?.breaches ?? null })), num));
  out.push(ruleTable(report.rules));

  out.push('<h2>Reviews within timescale</h2>');
  out.push(
    `<p class="muted">Occurrences of <code>${escapeHtml(report.reviewRule)}</code> due on or before the as-of date (met on time, met late, or overdue); within timescale = met on or before the due date.</p>`,
  );
  out.push(barChart('Share of reviews within timescale', [{ label: 'within timescale', baseline: rb.share === null ? null : rb.share * 100, reform: rr.share === null ? null : rr.share * 100 }], (n) => `${n.toFixed(1)}%`));
  out.push(
    `<table><tr><th></th><th>due</th><th>within timescale</th><th>share</th></tr>` +
      `<tr><td>baseline</td><td>${num(rb.due)}</td><td>${num(rb.withinTimescale)}</td><td>${pct(rb.share)}</td></tr>` +
      `<tr><td>reform</td><td>${num(rr.due)}</td><td>${num(rr.withinTimescale)}</td><td>${pct(rr.share)}</td></tr></table>`,
  );

  out.push('<h2>Children</h2>');
  out.push(
    `<p>Children with an overdue obligation on the as-of date: ${num(report.children.overdueUnderBaseline)} under the baseline, ${num(report.children.overdueUnderReform)} under the reform.</p>`,
  );
  out.push(`<h3>Newly overdue under the reform (${num(report.children.newlyOverdue.length)})</h3>${idList(report.children.newlyOverdue, limit)}`);
  out.push(`<h3>No longer overdue under the reform (${num(report.children.noLongerOverdue.length)})</h3>${idList(report.children.noLongerOverdue, limit)}`);

  out.push('<h2>Due items per role per ISO week</h2>');
  out.push('<p class="muted">Obligations (whatever their status) by owner and by the ISO week of their due date.</p>');
  out.push(
    `<table><tr><th>Role</th><th>baseline</th><th>reform</th><th>change</th></tr>${report.workload
      .map((w) => `<tr><td>${escapeHtml(w.role)}</td><td>${num(w.baseline)}</td><td>${num(w.reform)}</td><td>${signed(w.reform - w.baseline)}</td></tr>`)
      .join('')}</table>`,
  );
  for (const w of report.workload) out.push(`<h3>${escapeHtml(w.role)}</h3>${weekChart(w, report.asOf)}`);
  out.push(behaviouralHtml(report));

  if (report.violations.length > 0) {
    out.push('<h2>Violations</h2>');
    out.push(
      `<table><tr><th>Rule</th><th>kind</th><th>baseline</th><th>reform</th></tr>${report.violations
        .map((v) => `<tr><td><code>${escapeHtml(v.rule)}</code></td><td>${escapeHtml(v.kind)}</td><td>${v.baseline === null ? 'n/m' : num(v.baseline)}</td><td>${v.reform === null ? 'n/m' : num(v.reform)}</td></tr>`)
        .join('')}</table>`,
    );
  }

  out.push(`<h2>Cases not evaluated (${num(report.input.failed)})</h2>`);
  if (report.failures.length === 0) out.push('<p class="muted">None: every case fits both policies.</p>');
  else {
    const rows = report.failures
      .slice(0, limit)
      .map((f) => `<tr><td>${escapeHtml(f.origin)}</td><td>${f.id === null ? '-' : `<code>${escapeHtml(f.id)}</code>`}</td><td>${f.problems.map((p) => `${escapeHtml(p.policy)}: <code>${escapeHtml(p.path)}</code> ${escapeHtml(p.message)}`).join('<br>')}${f.moreProblems === undefined ? '' : `<br><span class="muted">and ${num(f.moreProblems)} more</span>`}</td></tr>`)
      .join('');
    const listed = report.input.failedNotListed === undefined ? 'lists them all' : `lists the first ${num(report.failures.length)}`;
    const more = report.input.failed > limit ? `<p class="muted">and ${num(report.input.failed - limit)} more (the JSON report ${listed})</p>` : '';
    out.push(`<table><tr><th>Where</th><th>Case</th><th>Problems</th></tr>${rows}</table>${more}`);
  }
  out.push('</body></html>\n');
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------------
// The reading, the behavioural reading's work and the intervals over seeds (simulation/behavioural/)

/** The reading the figures are and what they assume, before any figure (nothing when the report names none). */
function readingHtml(report: SimulationReport): string {
  const r = report.reading;
  if (r === undefined) return '';
  const model = (r.practice ?? [])
    .map((p) => `<tr><td><code>${escapeHtml(p.event)}</code></td><td>${p.answers === null ? `after <code>${escapeHtml(p.relativeTo ?? '')}</code>` : `<code>${escapeHtml(p.answers)}</code>`}</td><td>${(p.share * 100).toFixed(1)}%</td><td>${escapeHtml(p.sides.join(' and '))}</td><td style="text-align:left">${escapeHtml(p.assumption)}</td></tr>`)
    .join('');
  return (
    `<section class="reading"><h2>Reading: ${escapeHtml(r.name)}</h2>` +
    `<ul>${r.assumptions.map((a) => `<li>${escapeHtml(a)}</li>`).join('')}</ul>` +
    (model === '' ? '' : `<table><tr><th>Event made</th><th>answers</th><th>share</th><th>under</th><th>assumption</th></tr>${model}</table>`) +
    '</section>'
  );
}

function figure(n: number): string {
  return Number.isInteger(n) ? num(n) : n.toFixed(1);
}

function spanHtml(i: Interval | null): string {
  return i === null ? '<td class="na">n/a</td>' : `<td>${figure(i.median)} <span class="muted">[${figure(i.p5)}, ${figure(i.p95)}]</span></td>`;
}

/** Each headline measure over seeds: the median and the 5th-95th percentile. */
function intervalsHtml(report: SimulationReport): string {
  const iv = report.intervals;
  if (iv === undefined) return '';
  const rows = iv.measures
    .map((m) => `<tr><td>${escapeHtml(m.label)}</td>${spanHtml(m.baseline)}${spanHtml(m.reform)}${spanHtml(m.change)}<td>${m.first.baseline === null ? '-' : figure(m.first.baseline)} &rarr; ${m.first.reform === null ? '-' : figure(m.first.reform)}</td></tr>`)
    .join('');
  return (
    `<h2>Over ${num(iv.seeds.length)} seeds</h2>` +
    `<p class="muted">Each headline measure's median and, in brackets, its 5th to 95th percentile over the seeds ${escapeHtml(iv.seeds[0] ?? '')}${iv.seeds.length > 1 ? ` to ${escapeHtml(iv.seeds[iv.seeds.length - 1] ?? '')}` : ''} (rounded outwards: with 21 seeds or fewer, the range). The rest of this page is the first seed's run.</p>` +
    `<table><tr><th>Measure</th><th class="b">Baseline</th><th class="r">Reform</th><th>Change</th><th>First seed</th></tr>${rows}</table>`
  );
}

/** The behavioural reading's work per role: demand, slips and backlog, with a weekly backlog chart. */
function behaviouralHtml(report: SimulationReport): string {
  const roles = report.behavioural?.roles;
  if (roles === undefined) return '';
  const cells = (l: RoleLoad): string => `<td>${num(l.items)}</td><td>${num(l.slipped)}</td><td>${num(l.notDone)}</td><td>${num(l.peakBacklog)}${l.peakWeek === null ? '' : ` <span class="muted">(${escapeHtml(l.peakWeek)})</span>`}</td>`;
  const out: string[] = ['<h2>Re-timed work per role</h2>'];
  out.push('<p class="muted">The items the practice model plans for each role (the events it re-times), by the ISO week they are planned in. Within a weekly capacity, the items that do not fit slip to the next week (oldest first) and wait in the backlog; slipped counts the items done in a later week than planned or not done by the as-of date.</p>');
  if (roles.length === 0) return `${out.join('')}<p>None: no re-timed event is the work of a role.</p>`;
  out.push(
    '<table><tr><th rowspan="2">Role</th><th rowspan="2">Capacity a week</th><th colspan="4" class="b">Baseline</th><th colspan="4" class="r">Reform</th></tr><tr>' +
      ['items', 'slipped', 'not done', 'peak backlog'].map((h) => `<th class="b">${h}</th>`).join('') +
      ['items', 'slipped', 'not done', 'peak backlog'].map((h) => `<th class="r">${h}</th>`).join('') +
      '</tr>' +
      roles.map((r) => `<tr><td>${escapeHtml(r.role)}</td><td>${r.capacity === null ? 'no limit' : num(r.capacity)}</td>${cells(r.baseline)}${cells(r.reform)}</tr>`).join('') +
      '</table>',
  );
  for (const r of roles) {
    const weeks = (pick: (w: RoleLoad['weeks'][number]) => number): WeekCount[] => {
      const byWeek = new Map<string, { baseline: number; reform: number }>();
      for (const w of r.baseline.weeks) byWeek.set(w.week, { baseline: pick(w), reform: 0 });
      for (const w of r.reform.weeks) byWeek.set(w.week, { baseline: byWeek.get(w.week)?.baseline ?? 0, reform: pick(w) });
      return [...byWeek].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([week, v]) => ({ week, ...v }));
    };
    const demand = weeks((w) => w.demand);
    if (demand.length === 0) continue;
    out.push(`<h3>${escapeHtml(r.role)}: items planned per week</h3>${weekChart({ role: r.role, baseline: r.baseline.items, reform: r.reform.items, weeks: demand }, report.asOf, 'Items planned')}`);
    if (r.baseline.peakBacklog > 0 || r.reform.peakBacklog > 0) {
      out.push(`<h3>${escapeHtml(r.role)}: backlog at the end of each week</h3>${weekChart({ role: r.role, baseline: r.baseline.peakBacklog, reform: r.reform.peakBacklog, weeks: weeks((w) => w.backlog) }, report.asOf, 'Backlog')}`);
    }
  }
  return out.join('');
}
