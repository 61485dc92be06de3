/**
 * The simulation tab's output: the edited policy compared with the baseline over a generated
 * caseload, as SVG charts and tables.
 *
 * Input: a `SimulateResponse` (the report of `simulation/simulate`: `baseline` is the statutory policy,
 * `reform` the edited one). Output: elements: the problem, or a summary (cases, reviews within
 * timescale, children overdue), the rules the caseload cannot measure (an event they need never occurs
 * in it: shown as "not measurable", never as breaches), a chart of breaches (met late + overdue) by
 * measurable rule under each policy, a chart of the difference in due items per week, and a table by rule.
 *
 * INVARIANT (safety): rule names, titles, role names and policy ids go into text nodes only (`el`,
 * `svgEl`).
 * INVARIANT: no computation beyond sums and scaling: the measures are the simulator's
 * (docs/simulation.md defines them). Dates are dd/mm/yyyy, as in the rest of the page.
 */
import type { RuleCounts, SimulationReport } from '../../simulation/index.ts';
import { el, svgEl } from './dom.ts';
import type { SimulateResponse } from './protocol.ts';
import { formatUkDate, ukDatesInText } from './uk-date.ts';

const WIDTH = 620;
const LABEL = 220;

function pct(share: number | null): string {
  return share === null ? 'n/a' : `${(share * 100).toFixed(1)}%`;
}

function signed(n: number): string {
  return n > 0 ? `+${n}` : String(n);
}

/** Grouped horizontal bars: breaches by rule, baseline above, edited below. */
function breachChart(report: SimulationReport, labels: { readonly baseline: string; readonly reform: string }): SVGElement {
  const rows = report.rules.filter((r) => (r.baseline?.obligations ?? 0) + (r.reform?.obligations ?? 0) > 0 && r.baseline?.breaches !== null && r.reform?.breaches !== null);
  const rowHeight = 30;
  const height = rows.length * rowHeight + 36;
  const max = Math.max(1, ...rows.flatMap((r) => [r.baseline?.breaches ?? 0, r.reform?.breaches ?? 0]));
  const svg = svgEl('svg', { viewBox: `0 0 ${WIDTH} ${height}`, width: '100%', role: 'img', 'aria-label': 'Breaches (met late or overdue) by rule, under the baseline and the edited policy', class: 'chart', 'data-testid': 'breach-chart' });
  const area = WIDTH - LABEL - 50;
  rows.forEach((r, i) => {
    const y = 8 + i * rowHeight;
    svg.appendChild(svgEl('text', { x: LABEL - 8, y: y + 14, 'text-anchor': 'end', class: 'chart-label' }, [svgEl('title', {}, [], `${r.rule}: ${r.title}`)], r.rule.length > 34 ? `${r.rule.slice(0, 33)}…` : r.rule));
    ([
      ['baseline', r.baseline, 0],
      ['edited', r.reform, 1],
    ] as const).forEach(([side, counts, k]) => {
      const value = counts?.breaches ?? 0;
      const w = (area * value) / max;
      const by = y + k * 12;
      svg.appendChild(svgEl('rect', { x: LABEL, y: by, width: Math.max(0.5, w), height: 11, class: `bar side-${side}` }, [svgEl('title', {}, [], `${r.rule}, ${side}: ${counts === null ? 'no such rule' : `${value} breaches of ${counts.obligations}`}`)]));
      svg.appendChild(svgEl('text', { x: LABEL + w + 4, y: by + 9, class: 'chart-tick' }, [], counts === null ? '—' : String(value)));
    });
  });
  const ly = height - 14;
  svg.appendChild(svgEl('rect', { x: 8, y: ly - 9, width: 10, height: 10, class: 'bar side-baseline' }));
  svg.appendChild(svgEl('text', { x: 22, y: ly, class: 'chart-label' }, [], `baseline: ${labels.baseline}`));
  svg.appendChild(svgEl('rect', { x: WIDTH / 2, y: ly - 9, width: 10, height: 10, class: 'bar side-edited' }));
  svg.appendChild(svgEl('text', { x: WIDTH / 2 + 14, y: ly, class: 'chart-label' }, [], `edited: ${labels.reform}`));
  return svg;
}

/** Columns per ISO week: due items under the edited policy minus under the baseline (all roles). */
function workloadChart(report: SimulationReport): SVGElement {
  const byWeek = new Map<string, number>();
  for (const role of report.workload) for (const w of role.weeks) byWeek.set(w.week, (byWeek.get(w.week) ?? 0) + w.reform - w.baseline);
  const weeks = [...byWeek.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const height = 150;
  const svg = svgEl('svg', { viewBox: `0 0 ${WIDTH} ${height + 34}`, width: '100%', role: 'img', 'aria-label': 'Difference in due items per week (edited minus baseline)', class: 'chart', 'data-testid': 'workload-chart' });
  const max = Math.max(1, ...weeks.map(([, d]) => Math.abs(d)));
  const mid = height / 2 + 4;
  svg.appendChild(svgEl('line', { x1: 30, y1: mid, x2: WIDTH - 4, y2: mid, class: 'tl-axis' }));
  svg.appendChild(svgEl('text', { x: 26, y: 12, 'text-anchor': 'end', class: 'chart-tick' }, [], `+${max}`));
  svg.appendChild(svgEl('text', { x: 26, y: height, 'text-anchor': 'end', class: 'chart-tick' }, [], `-${max}`));
  if (weeks.every(([, d]) => d === 0)) {
    svg.appendChild(svgEl('text', { x: WIDTH / 2, y: mid - 8, 'text-anchor': 'middle', class: 'chart-label' }, [], 'The same number of items falls due every week under both policies.'));
  }
  const step = (WIDTH - 36) / Math.max(1, weeks.length);
  weeks.forEach(([week, d], i) => {
    const h = ((height / 2 - 6) * Math.abs(d)) / max;
    const x = 32 + i * step;
    if (d !== 0) {
      svg.appendChild(svgEl('rect', { x, y: d > 0 ? mid - h : mid, width: Math.max(1, step - 1), height: Math.max(0.5, h), class: d > 0 ? 'bar later' : 'bar earlier' }, [svgEl('title', {}, [], `${ukDatesInText(week)}: ${signed(d)} due items`)]));
    }
    const firstOfYear = week.endsWith('-W01');
    const startLabel = i === 0 && !weeks.slice(1, 9).some(([w]) => w.endsWith('-W01'));
    if (firstOfYear || startLabel) svg.appendChild(svgEl('text', { x, y: height + 18, class: 'chart-tick' }, [], week.slice(0, 4)));
  });
  svg.appendChild(svgEl('text', { x: WIDTH / 2, y: height + 32, 'text-anchor': 'middle', class: 'chart-label' }, [], 'due items per ISO week: edited minus baseline (above: more under the edited policy)'));
  return svg;
}

function countsText(c: RuleCounts | null): string {
  if (c === null) return '—';
  if (c.breaches === null) return `not measurable: no ${c.missingEvents.join(', ')} events in the caseload`;
  return `${c.obligations} (${c.met} met, ${c.metLate} late, ${c.overdue} overdue, ${c.open} open)`;
}

function breachText(c: RuleCounts | null): string {
  return c === null ? '—' : c.breaches === null ? 'n/m' : String(c.breaches);
}

/** The rules the caseload cannot measure, said before any figure (nothing when every rule is measurable). */
function unmeasurable(report: SimulationReport): Element[] {
  const m = report.measurability;
  const items = [...m.reform.map((u) => ['edited', u] as const), ...m.baseline.filter((u) => !m.reform.some((v) => v.rule === u.rule)).map((u) => ['baseline', u] as const)];
  if (items.length === 0) return [];
  return [
    el('div', { className: 'notices', attrs: { 'data-testid': 'simulation-unmeasurable' } }, [
      el('p', { text: `Not measurable with this caseload (${items.length} rule${items.length === 1 ? '' : 's'}): the generated cases hold no events of these types, so these rules' figures would say what the data lacks, not what practice did. They are shown as "not measurable" and left out of the figures above.` }),
      el('ul', {}, items.map(([side, u]) => el('li', {}, [el('code', { text: u.rule }), ` (${u.kind}${side === 'baseline' ? ', baseline only' : ''}): no `, ...u.missingEvents.flatMap((e, i) => [i === 0 ? '' : ', ', el('code', { text: e })]), ' events']))),
    ]),
  ];
}

export function renderSimulation(response: SimulateResponse): Element[] {
  const report = response.report;
  if (report === undefined) return [el('p', { className: 'outcome-note', attrs: { 'data-testid': 'simulation-problem' }, text: `No simulation: ${response.problem ?? 'unknown problem'}.` })];
  const reviews = report.reviews;
  const children = report.children;
  const labels = response.labels ?? { baseline: report.baseline.id, reform: report.reform.id };
  const out: Element[] = [
    el('p', { className: 'outcome-summary', attrs: { 'data-testid': 'simulation-summary' } }, [
      `${report.input.cases} generated cases${response.period === undefined ? '' : ` (${formatUkDate(response.period.from)} to ${formatUkDate(response.period.to)})`}, as of ${formatUkDate(report.asOf)}: `,
      el('strong', { text: labels.reform }),
      ' against ',
      el('strong', { text: labels.baseline }),
      `. Reviews within timescale: ${pct(reviews.baseline.share)} → ${pct(reviews.reform.share)}. Children with something overdue${report.measurability.baseline.length + report.measurability.reform.length > 0 ? ' (measurable rules)' : ''}: ${children.overdueUnderBaseline} → ${children.overdueUnderReform} (${children.newlyOverdue.length} newly, ${children.noLongerOverdue.length} no longer).`,
      report.input.failed > 0 ? ` ${report.input.failed} cases could not be evaluated.` : '',
      response.ms === undefined ? '' : ` (${Math.round(response.ms)} ms)`,
    ]),
  ];
  if (report.reading !== undefined) out.push(el('p', { className: 'outcome-note', attrs: { 'data-testid': 'simulation-reading' }, text: `Reading: ${report.reading.name}. ${report.reading.assumptions.join(' ')}` }));
  if (response.notes !== undefined && response.notes.length > 0) out.push(el('ul', { className: 'notices' }, response.notes.map((n) => el('li', { text: n }))));
  out.push(...unmeasurable(report));
  out.push(
    el('h3', { text: 'Breaches by measurable rule (met late or overdue)' }),
    breachChart(report, labels),
    el('h3', { text: 'Due items per week' }),
    workloadChart(report),
    el('h3', { text: 'By rule' }),
    el('table', { className: 'simulation-rules' }, [
      el('thead', {}, [el('tr', {}, ['Rule', 'Owner', 'Baseline', 'Edited', 'Breaches'].map((c) => el('th', { attrs: { scope: 'col' }, text: c })))]),
      el(
        'tbody',
        {},
        report.rules.map((r) =>
          el('tr', {}, [
            el('td', {}, [el('code', { text: r.rule }), el('div', { className: 'rule-title', text: r.title })]),
            el('td', {}, [el('code', { text: r.owner })]),
            el('td', { text: countsText(r.baseline) }),
            el('td', { text: countsText(r.reform) }),
            el('td', { className: 'num', text: `${breachText(r.baseline)} → ${breachText(r.reform)}` }),
          ]),
        ),
      ),
    ]),
  );
  if (report.violations.length > 0) {
    out.push(
      el('h3', { text: 'Violations' }),
      el('table', { className: 'simulation-rules' }, [
        el('thead', {}, [el('tr', {}, ['Rule', 'Kind', 'Baseline', 'Edited'].map((c) => el('th', { attrs: { scope: 'col' }, text: c })))]),
        el('tbody', {}, report.violations.map((v) => el('tr', {}, [el('td', {}, [el('code', { text: v.rule })]), el('td', { text: v.kind }), el('td', { className: 'num', text: v.baseline === null ? 'n/m' : String(v.baseline) }), el('td', { className: 'num', text: v.reform === null ? 'n/m' : String(v.reform) })]))),
      ]),
    );
  }
  return out;
}
