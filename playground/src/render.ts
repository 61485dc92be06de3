/**
 * Rendering of the worker's answers into DOM: the list of diagnostics, and the case's outcome
 * (obligations table with explanations, superseded obligations, notices, or the case's problems).
 *
 * Input: rows from `rows.ts` (plain strings) and callbacks for the user's clicks. Output: elements.
 *
 * INVARIANT (safety): every string from a policy, a case or a diagnostic goes through `el()` /
 * text nodes (`dom.ts`); nothing here parses markup.
 * INVARIANT: dates are shown as dd/mm/yyyy (`uk-date.ts`), as the as-of field shows them: a date of
 * its own is a `<time datetime="YYYY-MM-DD">` whose tooltip gives its weekday; dates inside the
 * runtime's sentences (explanations, messages) are rewritten in the same form.
 */
import { el, type Child } from './dom.ts';
import type { CaseOutcome, PolicySummary } from './protocol.ts';
import { criteriaOf, diagnosticRows, escalationStatusClass, escalationsOf, obligationRows, violationsOf, summaryText, supersededRows, type ObligationRow } from './rows.ts';
import type { Diagnostic } from '../../compiler/index.ts';
import type { CaseError, EvaluationResult } from '../../runtime/index.ts';
import { renderTimeline } from './render-timeline.ts';
import { timelineLayout, type TimelineEvent } from './timeline.ts';
import { formatUkDate, longUkDate, parseUkDate, ukDatesInText } from './uk-date.ts';

export interface DiagnosticsView {
  readonly diagnostics: readonly Diagnostic[];
  /** The uri of the text being edited. */
  readonly uri: string;
  /** Called when the user picks a diagnostic located in the edited text, with the index of its row (the page resolves it to its current range: see app.ts). */
  readonly onSelect: (index: number) => void;
}

/**
 * A date of its own (a table cell, a date in a sentence): `dd/mm/yyyy` in a `<time>` that carries the
 * ISO date, with the date and its weekday as its tooltip; '' stays '' and a text that is not an ISO
 * date is left as it is.
 */
export function dateEl(iso: string): HTMLElement | string {
  if (iso === '' || !/^\d{4}-\d{2}-\d{2}$/.test(iso) || parseUkDate(iso) === undefined) return iso;
  return el('time', { attrs: { datetime: iso, title: longUkDate(iso) }, text: formatUkDate(iso) });
}

const SEVERITY_LABELS: Readonly<Record<Diagnostic['severity'], string>> = { error: 'error', warning: 'warning', info: 'note' };

export function renderDiagnostics(view: DiagnosticsView): HTMLElement[] {
  const rows = diagnosticRows(view.diagnostics, view.uri);
  if (rows.length === 0) return [el('li', { className: 'diagnostic none', text: 'No problems.' })];
  return rows.map((row, index) => {
    const body: Child[] = [
      el('span', { className: `severity severity-${row.severity}`, text: SEVERITY_LABELS[row.severity] }),
      ' ',
      el('code', { className: 'diagnostic-code', text: row.code }),
      ' ',
      el('span', { className: 'diagnostic-location', text: row.location }),
      ' ',
      el('span', { className: 'diagnostic-message', text: row.message }),
      row.help !== '' && el('div', { className: 'diagnostic-help', text: `help: ${row.help}` }),
    ];
    if (!row.inThisFile) return el('li', { className: 'diagnostic' }, body);
    const button = el('button', { className: 'diagnostic-jump', attrs: { type: 'button', title: `Select line ${row.line} in the policy` } }, body);
    button.addEventListener('click', () => view.onSelect(index));
    return el('li', { className: 'diagnostic' }, [button]);
  });
}

export interface OutcomeView {
  readonly outcome: CaseOutcome;
  readonly policy: PolicySummary | undefined;
  /** The uri of the policy being edited (sources in it can be jumped to). */
  readonly uri: string;
  /** Keys of obligation rows whose explanation is open (kept across re-renders). */
  readonly expanded: Set<string>;
  /** Called when the user picks a rule's source line in the edited policy. */
  readonly onSource: (line: number, column: number) => void;
  /** The case's events, for the timeline (from the case JSON). */
  readonly events: readonly TimelineEvent[];
}

function caseErrorList(errors: readonly CaseError[]): HTMLElement {
  return el(
    'ul',
    { className: 'case-errors' },
    errors.map((e) => el('li', {}, [el('code', { className: 'case-error-path', text: e.path }), ' ', el('span', { text: e.message })])),
  );
}

function sourceLink(row: ObligationRow, view: OutcomeView): Child {
  const where = `${row.source.file}:${row.source.line}:${row.source.column}`;
  if (row.source.file !== view.uri) return el('span', { className: 'source', text: where });
  const button = el('button', { className: 'source link', attrs: { type: 'button', title: 'Show the rule in the policy' }, text: where });
  button.addEventListener('click', () => view.onSource(row.source.line, row.source.column));
  return button;
}

/** An identifier as text nodes with a line-break opportunity (`<wbr>`) after each underscore. */
function identifier(name: string): HTMLElement {
  const parts = name.split('_');
  const children: Child[] = [];
  parts.forEach((part, i) => {
    children.push(i < parts.length - 1 ? `${part}_` : part);
    if (i < parts.length - 1) children.push(el('wbr'));
  });
  return el('code', {}, children);
}

const COLUMNS = ['Rule', '#', 'Owner', 'Due', 'Status', 'Satisfied on', 'Citation'] as const;

function obligationsTable(rows: readonly ObligationRow[], view: OutcomeView): HTMLElement {
  const body = el('tbody');
  for (const row of rows) {
    const open = view.expanded.has(row.key);
    const detailId = `why-${row.key.replace(/[^A-Za-z0-9_-]/g, '-')}`;
    const marker = el('span', { className: 'why-marker', attrs: { 'aria-hidden': 'true' }, text: open ? '▾' : '▸' });
    const toggle = el(
      'button',
      {
        className: 'why',
        attrs: { type: 'button', 'aria-expanded': String(open), 'aria-controls': detailId, title: 'Show how the due date was worked out' },
      },
      [marker, identifier(row.rule)],
    );
    const explanation = ukDatesInText(row.explanation);
    const main = el('tr', { className: `obligation ${row.statusClass}`, attrs: { title: explanation } }, [
      el('td', { className: 'rule' }, [toggle, el('div', { className: 'rule-title', text: row.title })]),
      el('td', { className: 'num', text: String(row.occurrence) }),
      el('td', { className: 'owner', attrs: { title: row.ownerTitle } }, [identifier(row.owner)]),
      el('td', { className: 'date' }, [dateEl(row.due), row.dueTime !== '' && el('div', { className: 'due-time', text: `by ${row.dueTime}` })]),
      el('td', { className: 'status' }, [
        el('span', { className: `badge ${row.statusClass}`, text: row.statusLabel }),
        row.statusDetail !== '' && el('div', { className: 'status-detail', text: row.statusDetail }),
      ]),
      el('td', { className: 'date' }, [row.satisfiedOn === '' ? '—' : dateEl(row.satisfiedOn)]),
      el('td', { className: 'citation', text: row.citation }),
    ]);
    const detail = el('tr', { className: 'explanation-row', attrs: { id: detailId } }, [
      el('td', { attrs: { colspan: String(COLUMNS.length) } }, [
        el('p', { className: 'explanation', text: explanation }),
        el('p', { className: 'explanation-meta' }, [`Measured from ${ukDatesInText(row.anchorText)}. Owner: ${row.ownerTitle}. Cited: ${row.citation}. Written at `, sourceLink(row, view), '.']),
      ]),
    ]);
    detail.hidden = !open;
    toggle.addEventListener('click', () => {
      const nowOpen = detail.hidden;
      detail.hidden = !nowOpen;
      marker.textContent = nowOpen ? '▾' : '▸';
      toggle.setAttribute('aria-expanded', String(nowOpen));
      if (nowOpen) view.expanded.add(row.key);
      else view.expanded.delete(row.key);
    });
    body.append(main, detail);
  }
  return el('table', { className: 'obligations' }, [
    el('thead', {}, [el('tr', {}, COLUMNS.map((c) => el('th', { attrs: { scope: 'col' }, text: c })))]),
    body,
  ]);
}

export function renderOutcome(view: OutcomeView): HTMLElement[] {
  const outcome = view.outcome;
  switch (outcome.kind) {
    case 'not_evaluated':
      return [el('p', { className: 'outcome-note', text: `Not evaluated: ${outcome.reason}.` })];
    case 'invalid': {
      const n = outcome.errors.length;
      return [el('h3', { className: 'case-errors-heading', text: `The case has ${n} problem${n === 1 ? '' : 's'}` }), caseErrorList(outcome.errors)];
    }
    case 'evaluated': {
      const result = outcome.result;
      const roles = view.policy?.roles ?? {};
      const rows = obligationRows(result, roles);
      const policyName = result.policy.version === undefined ? result.policy.id : `${result.policy.id} ${result.policy.version}`;
      const out: HTMLElement[] = [
        el('p', { className: 'outcome-summary' }, [
          'Case ',
          el('code', { text: result.case }),
          ` as of ${formatUkDate(result.asOf)} under `,
          el('code', { text: policyName }),
          `: ${summaryText(result)}.`,
        ]),
      ];
      out.push(renderTimeline(timelineLayout(view.events, result)));
      if (rows.length > 0) out.push(obligationsTable(rows, view));
      out.push(...ladderSections(result));
      const superseded = supersededRows(result);
      if (superseded.length > 0) {
        out.push(
          el('h3', { text: 'Superseded' }),
          el(
            'ul',
            { className: 'superseded' },
            superseded.map((s) => el('li', {}, [el('code', { text: s.rule }), ` #${s.occurrence}, from ${ukDatesInText(s.anchorText)}, would have been due `, dateEl(s.due), `: ${ukDatesInText(s.reason)}.`])),
          ),
        );
      }
      if (result.notices.length > 0) {
        out.push(el('h3', { text: 'Notices' }), el('ul', { className: 'notices' }, result.notices.map((n) => el('li', { text: ukDatesInText(n.message) }))));
      }
      return out;
    }
  }
}

/**
 * Violations, escalations and criteria, shown only when the runtime provides them (feature-detected
 * on the result, so the page works with a runtime that does not report them).
 */
function ladderSections(result: EvaluationResult): HTMLElement[] {
  const out: HTMLElement[] = [];
  const violations = violationsOf(result);
  const escalations = escalationsOf(result);
  const criteria = criteriaOf(result);
  if (violations.length > 0) {
    out.push(
      el('h3', { text: `Violations (${violations.length})` }),
      el('table', { className: 'violations' }, [
        el('thead', {}, [el('tr', {}, ['Rule', 'Kind', 'Event', 'What is wrong', 'Citation'].map((c) => el('th', { attrs: { scope: 'col' }, text: c })))]),
        el(
          'tbody',
          {},
          violations.map((v) =>
            el('tr', { className: 'violation' }, [
              el('td', {}, [identifier(v.rule)]),
              el('td', { text: v.kind }),
              el('td', {}, [el('code', { text: v.event.type }), el('div', { className: 'due-time' }, [dateEl(v.event.date)])]),
              el('td', { className: 'explanation', text: ukDatesInText(v.message) }),
              el('td', { className: 'citation', text: v.citation }),
            ]),
          ),
        ),
      ]),
    );
  }
  if (escalations.length > 0) {
    out.push(
      el('h3', { text: 'Escalations' }),
      el('table', { className: 'escalations' }, [
        el('thead', {}, [el('tr', {}, ['Ladder', 'Stage', 'Raised', 'Response due', 'Status', 'Explanation'].map((c) => el('th', { attrs: { scope: 'col' }, text: c })))]),
        el(
          'tbody',
          {},
          escalations.map((e) => {
            const cls = escalationStatusClass(e.status);
            return el('tr', { className: `escalation ${cls}` }, [
              el('td', {}, [identifier(e.ladder), el('div', { className: 'rule-title', text: `${e.title} #${e.instance}` })]),
              el('td', { className: 'num', text: e.stageTitle === undefined ? String(e.stage) : `${e.stage}: ${e.stageTitle}` }),
              el('td', { className: 'date' }, [dateEl(e.raisedOn)]),
              el('td', { className: 'date' }, [e.due === undefined ? '—' : dateEl(e.due)]),
              el('td', { className: 'status' }, [
                el('span', { className: `badge ${cls}`, text: e.status.replace(/_/g, ' ') }),
                e.escalatedOn !== undefined &&
                  el('div', { className: 'status-detail', text: `to stage ${e.escalatedToStage ?? ''} (${(e.escalatedTo ?? []).join(', ')}) on ${formatUkDate(e.escalatedOn)}` }),
                e.nextStageDue && el('div', { className: 'status-detail', text: `next stage due${e.nextStageReason === undefined ? '' : `: ${ukDatesInText(e.nextStageReason)}`}` }),
                e.capExceeded && el('div', { className: 'status-detail', text: `overall limit exceeded${e.capDue === undefined ? '' : ` (${formatUkDate(e.capDue)})`}` }),
              ]),
              el('td', { className: 'explanation', text: ukDatesInText(e.explanation) }),
            ]);
          }),
        ),
      ]),
    );
  }
  if (criteria.length > 0) {
    out.push(
      el('h3', { text: 'Criteria' }),
      el(
        'ul',
        { className: 'criteria' },
        criteria.map((c) =>
          el('li', { className: `criterion ${c.result ? 'holds' : 'fails'}` }, [
            el('span', { className: `badge ${c.result ? 'status-met' : 'status-open'}`, text: c.result ? 'holds' : 'does not hold' }),
            ' ',
            identifier(c.name),
            ` ${c.title} (${c.combinator} of; ${c.citation})`,
            el(
              'ul',
              { className: 'criterion-conditions' },
              c.conditions.map((k) => el('li', {}, [el('span', { className: k.value ? 'yes' : 'no', text: k.value ? 'yes' : 'no' }), ` ${k.label}: `, el('span', { className: 'explanation', text: ukDatesInText(k.reason) })])),
            ),
          ]),
        ),
      ),
    );
  }
  return out;
}

/** A box for a bug in the compiler, the runtime or the worker. */
export function renderInternalError(message: string): HTMLElement {
  return el('div', { className: 'internal-error', attrs: { role: 'alert' } }, [
    el('strong', { text: 'Internal error. ' }),
    el('span', { text: message }),
    el('div', { className: 'diagnostic-help', text: 'This is a bug in PDL, not in your policy or case; please report it with the policy and case.' }),
  ]);
}
