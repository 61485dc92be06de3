/**
 * The timeline picture as SVG: the shapes of `timeline.ts` as elements, with a legend.
 *
 * Input: a `TimelineLayout`. Output: a `<figure>` holding the `<svg>` and a legend of the status
 * colours (each with a text label: colour is never the only signal). Each row of the picture (the
 * case's events, an obligation, an escalation) is a group that the keyboard reaches (`tabindex=0`),
 * named by the row's description in words, with a visible focus ring.
 *
 * INVARIANT (safety): every string (event types, rule names, dates) goes into `textContent` of a
 * `<text>` or `<title>` element through `svgEl`; nothing is parsed as markup.
 */
import { el, svgEl } from './dom.ts';
import type { Shape, TimelineLayout } from './timeline.ts';
import { formatUkDate } from './uk-date.ts';

function tip(shape: Shape): SVGElement | undefined {
  return shape.tip === undefined ? undefined : svgEl('title', {}, [], shape.tip);
}

function shapeElement(shape: Shape): SVGElement {
  switch (shape.kind) {
    case 'line':
      return svgEl('line', { x1: shape.x1, y1: shape.y1, x2: shape.x2, y2: shape.y2, class: shape.cls }, [tip(shape)]);
    case 'dot':
      return svgEl('circle', { cx: shape.x, cy: shape.y, r: shape.r, class: shape.cls }, [tip(shape)]);
    case 'diamond': {
      const { x, y, r } = shape;
      return svgEl('polygon', { points: `${x},${y - r} ${x + r},${y} ${x},${y + r} ${x - r},${y}`, class: shape.cls }, [tip(shape)]);
    }
    case 'text': {
      const text = svgEl('text', { x: shape.x, y: shape.y, class: shape.cls, 'text-anchor': shape.anchor }, [tip(shape)], undefined);
      const lines = shape.lines ?? [shape.text];
      lines.forEach((line, i) => text.appendChild(svgEl('tspan', { x: shape.x, dy: i === 0 ? 0 : '1.05em' }, [], line)));
      return text;
    }
  }
}

export function renderTimeline(layout: TimelineLayout): HTMLElement {
  const svg = svgEl('svg', {
    viewBox: `0 0 ${layout.width} ${layout.height}`,
    width: '100%',
    role: 'group',
    'aria-label': `Timeline of the case from ${formatUkDate(layout.from)} to ${formatUkDate(layout.to)}, one row per obligation`,
    class: 'timeline-svg',
    'data-testid': 'timeline',
  });
  const groups = layout.rows.map((row, i) =>
    svgEl('g', { class: 'tl-row', tabindex: 0, role: 'img', 'aria-label': row.description, 'data-row': i }, [
      svgEl('title', {}, [], row.description),
      svgEl('rect', { class: 'tl-row-focus', x: 1, y: row.top, width: layout.width - 2, height: row.height, rx: 3 }),
    ]),
  );
  for (const group of groups) svg.appendChild(group);
  for (const shape of layout.shapes) {
    const group = shape.row === undefined ? undefined : groups[shape.row];
    (group ?? svg).appendChild(shapeElement(shape));
  }
  const legend = el(
    'ul',
    { className: 'timeline-legend' },
    [
      ['status-met', 'met'],
      ['status-met_late', 'met late'],
      ['status-open', 'open'],
      ['status-overdue', 'overdue'],
      ['status-early', 'early'],
    ].map(([cls, label]) => el('li', {}, [el('span', { className: `swatch ${cls ?? ''}`, attrs: { 'aria-hidden': 'true' } }), label ?? ''])),
  );
  legend.append(el('li', {}, [el('span', { className: 'swatch event', attrs: { 'aria-hidden': 'true' } }), 'case event (hover for its type)']));
  return el('figure', { className: 'timeline' }, [svg, legend]);
}
