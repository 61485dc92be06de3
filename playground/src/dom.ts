/**
 * A tiny element builder, the only way the playground creates DOM.
 *
 * Input: a tag name, attributes/properties, and children (nodes or strings). Output: the element
 * (`el` for HTML, `svgEl` for the SVG pictures: the timeline and the simulation charts).
 *
 * INVARIANT (safety): strings become text nodes (`document.createTextNode`) or `textContent`, never
 * markup: text from a policy, a case or a diagnostic can never inject HTML. Attribute values are set
 * with `setAttribute`, which does not parse markup either; `on*` attributes are refused so that no
 * string can become a handler.
 */

export type Child = Node | string | undefined | false;

export interface ElementOptions {
  /** Space-separated class names. */
  readonly className?: string;
  /** Plain attributes (`title`, `type`, `aria-*`, `data-*`...). */
  readonly attrs?: Readonly<Record<string, string>>;
  /** Text content (instead of children). */
  readonly text?: string;
}

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, options: ElementOptions = {}, children: readonly Child[] = []): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (options.className !== undefined && options.className !== '') element.className = options.className;
  if (options.attrs !== undefined) {
    for (const [name, value] of Object.entries(options.attrs)) {
      if (/^on/i.test(name)) throw new Error(`el(): event handler attribute \`${name}\` refused; use addEventListener`);
      element.setAttribute(name, value);
    }
  }
  if (options.text !== undefined) element.textContent = options.text;
  append(element, children);
  return element;
}

/** Appends children; strings become text nodes. */
export function append(parent: Node, children: readonly Child[]): void {
  for (const child of children) {
    if (child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

/** Replaces all children of `parent`. */
export function replaceChildren(parent: Element, children: readonly Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}

/** The element with this id, or an error naming it (the page is static, so this is a bug). */
export function byId<T extends HTMLElement>(id: string, type: new () => T): T {
  const found = document.getElementById(id);
  if (!(found instanceof type)) throw new Error(`playground: #${id} is missing or not a ${type.name}`);
  return found;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * An SVG element. Attributes are numbers or plain strings set with `setAttribute`; `text` becomes the
 * element's text content; a `title` child (a tooltip) holds text only.
 */
export function svgEl(tag: string, attrs: Readonly<Record<string, string | number>> = {}, children: readonly (Node | undefined | false)[] = [], text?: string): SVGElement {
  const element = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (/^on/i.test(name) || /^(?:href|xlink:href)$/i.test(name)) throw new Error(`svgEl(): attribute \`${name}\` refused`);
    element.setAttribute(name, String(value));
  }
  if (text !== undefined) element.textContent = text;
  for (const child of children) if (child !== undefined && child !== false) element.appendChild(child);
  return element;
}
