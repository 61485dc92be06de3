/**
 * The timeline picture as SVG: the shapes of `timeline.ts` as elements, with a legend.
 *
 * Input: a `TimelineLayout`. Output: a `<figure>` holding the `<svg>` and a legend of the status
 * colours (each with a text label: colour is never the only signal).
 *
 * INVARIANT (safety): every string (event types, rule names, dates) goes into `textContent` of a
 * `<text>` or `<title>` element through `svgEl`; nothing is parsed as markup.
 */
import { el, svgEl } from './dom.ts';
import type { Shape, TimelineLayout } from './timeline.ts';

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
    case 'text':
      return svgEl('text', { x: shape.x, y: shape.y, class: shape.cls, 'text-anchor': shape.anchor }, [tip(shape)], undefined);
  }
}

export function renderTimeline(layout: TimelineLayout): HTMLElement {
  const svg = svgEl('svg', {
    viewBox: `0 0 ${layout.width} ${layout.height}`,
    width: '100%',
    role: 'img',
    'aria-label': `Timeline of the case from ${layout.from} to ${layout.to}`,
    class: 'timeline-svg',
    'data-testid': 'timeline',
  });
  for (const shape of layout.shapes) {
    const element = shapeElement(shape);
    if (shape.kind === 'text') element.appendChild(document.createTextNode(shape.text));
    svg.appendChild(element);
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
