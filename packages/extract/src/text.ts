import { isElement, TEXT_NODE, type DomElement, type DomNode } from './dom.ts';

const BLOCK = new Set([
  'p', 'div', 'section', 'article', 'main', 'header', 'footer', 'aside', 'blockquote', 'pre', 'ul', 'ol', 'li', 'dl', 'dt', 'dd',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'figure', 'hr', 'address', 'center', 'form', 'fieldset',
]);
/** Not story text in the plain-text body (kept in the display HTML). */
const SKIP = new Set(['figcaption', 'script', 'style', 'noscript', 'template', 'button', 'select', 'option', 'textarea']);

/**
 * Plain text of an extracted article: one paragraph per block, separated by a blank line, inline
 * whitespace collapsed. `<br><br>` (sites that never close a paragraph) also breaks paragraphs.
 */
export function blockText(root: DomElement): string {
  const paragraphs: string[] = [];
  let line = '';
  let brs = 0;
  const flush = () => {
    const t = line.replace(/[ \t\u00a0\u200b]+/g, ' ').replace(/ *\n */g, '\n').trim();
    // A line of separators ("|", "»", "***") left between removed links is not a paragraph.
    if (/[\p{L}\p{N}]/u.test(t)) paragraphs.push(t);
    line = '';
  };
  const walk = (n: DomNode) => {
    if (n.nodeType === TEXT_NODE) {
      const t = n.textContent ?? '';
      if (t.trim()) brs = 0;
      line += t.replace(/\s+/g, ' ');
      return;
    }
    if (!isElement(n)) return;
    const tag = n.localName;
    if (SKIP.has(tag)) return;
    if (tag === 'br') {
      brs++;
      if (brs >= 2) flush();
      else line += '\n';
      return;
    }
    const block = BLOCK.has(tag) || tag === 'td' || tag === 'th';
    if (block) flush();
    for (const c of Array.from(n.childNodes)) walk(c);
    if (block) flush();
  };
  walk(root);
  flush();
  return paragraphs.join('\n\n').normalize('NFC');
}
