import sanitizeHtml from 'sanitize-html';

/** Tags kept in display HTML: structure and emphasis of a story, nothing that runs or embeds. */
const ALLOWED_TAGS = [
  'p', 'br', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'strong', 'b', 'em', 'i', 'u', 's', 'q', 'cite',
  'abbr', 'sub', 'sup', 'small', 'mark', 'a', 'img', 'figure', 'figcaption', 'picture', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td',
  'caption', 'pre', 'code', 'hr', 'span', 'time',
];

/** Elements dropped together with everything inside them. */
const DROP_WITH_CONTENT = ['script', 'style', 'noscript', 'template', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'svg', 'math', 'textarea', 'select', 'option', 'button', 'form', 'canvas', 'video', 'audio'];

function absoluteHttp(value: string | undefined, base: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    const u = base ? new URL(value.trim(), base) : new URL(value.trim());
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.toString() : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Sanitise HTML for display: an allow-list of story tags; no script, style, event handler
 * (`on*` attributes are never allowed), `javascript:`/`data:` URL, iframe, object or embed. Links
 * and images are made absolute against the page URL and limited to http(s); links open without
 * handing the site a referrer or a window.
 */
export function sanitizeArticleHtml(html: string, baseUrl?: string): string {
  return sanitizeHtml(html, {
    allowedTags: ALLOWED_TAGS,
    allowedAttributes: {
      a: ['href', 'title', 'rel'],
      img: ['src', 'alt', 'title', 'width', 'height'],
      td: ['colspan', 'rowspan'],
      th: ['colspan', 'rowspan', 'scope'],
      time: ['datetime'],
      '*': ['dir', 'lang'],
    },
    allowedSchemes: ['http', 'https'],
    allowedSchemesByTag: { a: ['http', 'https', 'mailto'], img: ['http', 'https'] },
    allowProtocolRelative: false,
    disallowedTagsMode: 'discard',
    nonTextTags: DROP_WITH_CONTENT,
    exclusiveFilter: (frame) => (frame.tag === 'img' && !frame.attribs.src) || (frame.tag === 'a' && !frame.attribs.href && !frame.text.trim()),
    transformTags: {
      h1: 'h2',
      a: (tagName, attribs) => {
        const href = attribs.href && /^mailto:/i.test(attribs.href.trim()) ? attribs.href.trim() : absoluteHttp(attribs.href, baseUrl);
        const out: Record<string, string> = { rel: 'noopener noreferrer nofollow' };
        if (href) out.href = href;
        if (attribs.title) out.title = attribs.title;
        return { tagName, attribs: out };
      },
      img: (tagName, attribs) => {
        // Lazy-loading sites keep the real image in data-src; src is often a 1px placeholder.
        const candidate = attribs['data-src'] ?? attribs['data-original'] ?? attribs['data-lazy-src'] ?? attribs.src;
        const src = absoluteHttp(candidate, baseUrl);
        const out: Record<string, string> = {};
        if (src) out.src = src;
        for (const k of ['alt', 'title', 'width', 'height'] as const) if (attribs[k]) out[k] = attribs[k];
        return { tagName, attribs: out };
      },
    },
  }).trim();
}
