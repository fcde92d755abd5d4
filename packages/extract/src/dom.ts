import { parseHTML } from 'linkedom';

/*
 * The few DOM shapes extraction touches, declared here because the workspace compiles without
 * the browser `dom` lib (adding it globally would change timer and fetch types for every
 * service). linkedom implements all of these.
 */
export interface DomNode {
  readonly nodeType: number;
  readonly nodeName: string;
  readonly parentNode: DomNode | null;
  readonly parentElement: DomElement | null;
  readonly childNodes: ArrayLike<DomNode>;
  readonly firstChild: DomNode | null;
  readonly nextSibling: DomNode | null;
  readonly previousSibling: DomNode | null;
  textContent: string | null;
  remove(): void;
}

export interface DomElement extends DomNode {
  readonly tagName: string;
  readonly localName: string;
  readonly children: ArrayLike<DomElement>;
  readonly nextElementSibling: DomElement | null;
  readonly previousElementSibling: DomElement | null;
  readonly firstElementChild: DomElement | null;
  innerHTML: string;
  readonly outerHTML: string;
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
  removeAttribute(name: string): void;
  hasAttribute(name: string): boolean;
  querySelector(sel: string): DomElement | null;
  querySelectorAll(sel: string): ArrayLike<DomElement>;
  getElementsByTagName(name: string): ArrayLike<DomElement>;
  closest(sel: string): DomElement | null;
  contains(other: DomNode | null): boolean;
  replaceWith(...nodes: DomNode[]): void;
  append(...nodes: Array<DomNode | string>): void;
}

export interface DomDocument extends DomNode {
  readonly documentElement: DomElement;
  readonly head: DomElement | null;
  readonly body: DomElement | null;
  title: string;
  querySelector(sel: string): DomElement | null;
  querySelectorAll(sel: string): ArrayLike<DomElement>;
  getElementsByTagName(name: string): ArrayLike<DomElement>;
  createElement(name: string): DomElement;
  createTextNode(text: string): DomNode;
}

export const ELEMENT_NODE = 1;
export const TEXT_NODE = 3;

export function isElement(n: DomNode): n is DomElement {
  return n.nodeType === ELEMENT_NODE;
}

/**
 * Parse an HTML string into a linkedom document. linkedom builds odd trees from fragments without
 * an `<html>` element (the first element becomes the root), so such input is wrapped first.
 */
export function parseDocument(html: string): DomDocument {
  const source = /<html[\s>]/i.test(html.slice(0, 4096)) || /<html[\s>]/i.test(html) ? html : `<!doctype html><html><head></head><body>${html}</body></html>`;
  return parseHTML(source).document as unknown as DomDocument;
}

/** Elements as an array (NodeLists are live in some DOMs; removing while iterating skips nodes). */
export function all(root: { querySelectorAll(sel: string): ArrayLike<DomElement> }, sel: string): DomElement[] {
  return Array.from(root.querySelectorAll(sel));
}

/** Whitespace-collapsed text of a node. */
export function textOf(n: DomNode | null | undefined): string {
  return (n?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** Share of a node's text that sits inside links (0 when the node has no text). */
export function linkDensity(el: DomElement): number {
  const total = textOf(el).length;
  if (total === 0) return 0;
  if (el.localName === 'a') return 1;
  let linked = 0;
  for (const a of all(el, 'a')) linked += textOf(a).length;
  return Math.min(1, linked / total);
}
