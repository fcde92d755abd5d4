// Small DOM helpers. Nothing from the API is ever assigned to innerHTML of the live page:
// highlights go through `marked`, which keeps only text and <mark>.

/** Create an element: h('a', { href, class: 'x', onclick }, 'text', child). */
export function h(tag, attrs = {}, ...children) {
  const svg = tag.startsWith('svg:');
  const el = svg ? document.createElementNS('http://www.w3.org/2000/svg', tag.slice(4)) : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k === 'style' && typeof v === 'object') for (const [p, val] of Object.entries(v)) el.style.setProperty(p, val);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

export function clear(el) {
  el.replaceChildren();
  return el;
}

/** Replace `el`'s children with `children`, as h() takes them (nested lists, null for nothing). */
export function put(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/**
 * A highlight fragment (Elasticsearch's HTML-encoded text with <mark>…</mark>) as DOM nodes.
 * Parsed inside an inert <template> (no scripts run, nothing loads), then rebuilt from its text
 * and <mark> elements only, so a hostile title cannot inject markup.
 */
export function marked(fragment) {
  const tpl = document.createElement('template');
  tpl.innerHTML = fragment;
  const out = document.createDocumentFragment();
  const walk = (node, into) => {
    for (const child of node.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) into.append(document.createTextNode(child.textContent));
      else if (child.nodeType === Node.ELEMENT_NODE) {
        if (child.localName === 'mark') {
          const m = document.createElement('mark');
          walk(child, m);
          into.append(m);
        } else walk(child, into);
      }
    }
  };
  walk(tpl.content, out);
  return out;
}

/** Only http(s) links from the API become hrefs. */
export function safeHref(url) {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The page's feeds as `<link rel="alternate">` in the document head, where browser extensions and
 * feed readers look for them: `feeds` ([{ type, title, href }]) replace the ones there ([] removes
 * them). Only links marked data-feed are touched.
 */
export function setFeedAlternates(feeds) {
  const current = [...document.head.querySelectorAll('link[rel="alternate"][data-feed]')];
  const same = current.length === feeds.length && current.every((l, i) => l.type === feeds[i].type && l.title === feeds[i].title && l.href === feeds[i].href);
  if (same) return;
  for (const l of current) l.remove();
  document.head.append(...feeds.map((f) => h('link', { rel: 'alternate', type: f.type, title: f.title, href: f.href, dataset: { feed: '' } })));
}
