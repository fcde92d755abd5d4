/**
 * The well-formedness rules of XML 1.0 that fast-xml-parser's XMLValidator does not check and a
 * strict parser (libxml2, expat, a browser's) refuses a whole feed for: a character outside the
 * Char production (C0 controls other than tab, LF and CR; lone surrogates; U+FFFE, U+FFFF), `]]>`
 * in text outside a CDATA section (a CDATA section ended twice), `<` in an attribute value, an
 * `&` that starts no reference (or a reference to a non-Char), an unclosed CDATA section, comment
 * or processing instruction, and mismatched or unclosed tags. Dependency-free on purpose: the
 * `sax` package in strict mode lets `]]>`, controls and lone surrogates through as well.
 *
 * Returns the problems found, each with its offset; `[]` for a document that breaks none of them.
 * It reads the subset of XML a feed writer produces (no DOCTYPE: reported as a problem).
 */
export function strictXmlProblems(xml: string): string[] {
  const problems: string[] = [];
  const at = (i: number, what: string) => problems.push(`${what} at ${String(i)}`);

  // Char ::= #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]
  for (const m of xml.matchAll(NOT_CHAR)) at(m.index, `U+${m[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} is not an XML 1.0 Char`);

  const references = (s: string, from: number, where: string) => {
    for (const m of s.matchAll(/&(?:#x([0-9a-fA-F]+);|#([0-9]+);|(lt|gt|amp|quot|apos);)?/g)) {
      const code = m[1] !== undefined ? parseInt(m[1], 16) : m[2] !== undefined ? Number(m[2]) : undefined;
      if (m[0] === '&') at(from + m.index, `& starting no reference in ${where}`);
      else if (code !== undefined && !isChar(code)) at(from + m.index, `${m[0]} refers to no XML 1.0 Char`);
    }
  };
  const charData = (s: string, from: number) => {
    const end = s.indexOf(']]>');
    if (end !== -1) at(from + end, ']]> in text outside a CDATA section');
    references(s, from, 'text');
  };

  const open: string[] = [];
  let roots = 0;
  let i = 0;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    charData(xml.slice(i, lt === -1 ? xml.length : lt), i);
    if (lt === -1) break;
    const upTo = (end: string, what: string) => {
      const e = xml.indexOf(end, lt);
      if (e === -1) at(lt, `unclosed ${what}`);
      return e === -1 ? xml.length : e + end.length;
    };
    if (xml.startsWith('<![CDATA[', lt)) {
      i = upTo(']]>', 'CDATA section');
    } else if (xml.startsWith('<!--', lt)) {
      i = upTo('-->', 'comment');
      if (xml.slice(lt + 4, i - 3).includes('--')) at(lt, '-- inside a comment');
    } else if (xml.startsWith('<?', lt)) {
      i = upTo('?>', 'processing instruction');
    } else if (xml.startsWith('<!', lt)) {
      at(lt, 'a DOCTYPE or markup declaration');
      i = upTo('>', 'declaration');
    } else {
      TAG.lastIndex = lt;
      const m = TAG.exec(xml);
      if (!m) {
        at(lt, '< starting no tag');
        i = lt + 1;
        continue;
      }
      const [whole, close, name, attrs, selfClosing] = m as unknown as [string, string, string, string, string];
      for (const a of attrs.matchAll(/\s*[^\s=]+\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
        const value = a[1] ?? a[2] ?? '';
        const from = lt + 1 + close.length + name.length + a.index + a[0].length - value.length - 1;
        if (value.includes('<')) at(from + value.indexOf('<'), '< in an attribute value');
        references(value, from, 'an attribute value');
      }
      if (close) {
        const expected = open.pop();
        if (expected !== name) at(lt, `</${name}> closes ${expected ? `<${expected}>` : 'no element'}`);
      } else {
        if (open.length === 0) roots++;
        if (!selfClosing) open.push(name);
      }
      i = lt + whole.length;
    }
  }
  if (open.length) at(xml.length, `unclosed <${open.join('>, <')}>`);
  if (roots !== 1) at(0, `${String(roots)} root elements`);
  return problems;
}

const NOT_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

function isChar(c: number): boolean {
  return c === 0x9 || c === 0xa || c === 0xd || (c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) || (c >= 0x10000 && c <= 0x10ffff);
}

/** A start, end or empty-element tag: `/` of an end tag, name, attributes (checked apart), `/` of an empty one. */
const TAG = /<(\/?)([^\s/>"'=<&]+)((?:\s+[^\s/>"'=<&]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/y;
