import t from 'tap';
import { htmlToText, htmlToTextAndSafeHtml, sanitizeHtml, tidyText } from '@akhbar/feeds';
import { simpleTextAndSafeHtml, viaSanitizeHtml } from '../src/html.ts';
import { rng } from '@akhbar/testkit';

/**
 * Normalisation takes an item's plain text and its display HTML from one parse
 * (htmlToTextAndSafeHtml); both must be exactly what the two separate functions give.
 */
const SAMPLES: Record<string, string> = {
  'paragraphs and breaks': '<p>كشف مقربون من <b>الكاظمي</b> &amp; وزراء</p><p>الفقرة الثانية<br>سطر جديد</p>',
  'scripts, styles, iframes and svg are not text': '<p>a</p><script>alert(1)</script><style>p{}</style><iframe src="x">inside <b>frame</b></iframe><svg><text>svg</text></svg><p>b</p>',
  'entities and escaped markup in text': '<p>x &lt; y &gt; z &quot;q&quot; &nbsp;&eacute;l&eacute;ctions &#1575;&#x644;</p>',
  'lists, headings, tables': '<h2>Titre</h2><ul><li>un</li><li>deux</li></ul><table><tr><td>a</td><td>b</td></tr></table>',
  'unclosed and stray tags': '<div><p>one<p>two</div></span><li>three',
  'links and images, relative': '<p>Read <a href="/story/1" onclick="x()">the story</a> <img src="img.jpg" alt="pic" onerror="y()"> <img alt="no src"></p>',
  'javascript: and data: URLs': '<a href="javascript:alert(1)">js</a> <a href="data:text/html,x">data</a> <img src="javascript:x">',
  'comments and CDATA': '<p>a<!-- hidden --> b</p><![CDATA[ c ]]>',
  'noscript, textarea, select': '<noscript>no</noscript><textarea>ta</textarea><select><option>op</option></select><p>kept</p>',
  'plain text only': 'just text with an & ampersand',
  'raw text after unclosed iframe': '<p>before</p><iframe><p>swallowed <script>x</script>',
};

t.test('one parse gives the same text and HTML as htmlToText and sanitizeHtml', async (t) => {
  const base = 'https://news.example/section/';
  for (const [name, html] of Object.entries(SAMPLES)) {
    const both = htmlToTextAndSafeHtml(html, base);
    t.equal(both.text, htmlToText(html), `${name}: text`);
    t.equal(both.html, sanitizeHtml(html, base), `${name}: html`);
  }
});

t.test('the display HTML stays safe', async (t) => {
  const { html } = htmlToTextAndSafeHtml(SAMPLES['links and images, relative']! + SAMPLES['javascript: and data: URLs']!, 'https://news.example/section/');
  t.notMatch(html, /onclick|onerror|javascript:|data:text|<script/i);
  t.match(html, /href="https:\/\/news\.example\/story\/1"/, 'relative links made absolute');
  t.match(html, /<a rel="noopener noreferrer nofollow" href="https:\/\/news\.example\/story\/1">/, 'and marked as links a reader follows, not the site vouches for');
  t.notMatch(htmlToTextAndSafeHtml('<a href="/x" rel="author">x</a>', 'https://news.example/').html, /author/, 'a link keeps no rel of its own');
  t.match(html, /src="https:\/\/news\.example\/section\/img\.jpg"/);
});

/** tidyText's rules as the five regular expressions it used to be: the reference the one-pass version must match. */
function tidyReference(s: string): string {
  return s
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]/g, '')
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+/g, ' ')
    .replace(/ \n ?|\n /g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

t.test('tidyText: controls out, blanks collapsed, at most one blank line — the same as the step-by-step rules', async (t) => {
  t.equal(tidyText('  كشف   مقربون\u00a0من\t\tالكاظمي  \r\n\r\n\r\n  الفقرة\u0007 الثانية \n '), 'كشف مقربون من الكاظمي\n\nالفقرة الثانية');
  t.equal(tidyText('a\r\u0001\nb'), 'a\nb', 'a control between CR and LF does not make two breaks');
  t.equal(tidyText('a\u2028 b\u200b'), 'a\u2028 b\u200b', 'line separators and zero-width spaces are not blanks');
  const alphabet = ['a', 'ب', 'é', ' ', ' ', ' ', '\t', '\n', '\n', '\r', '\u00a0', '\u2003', '\u202f', '\u3000', '\u0001', '\u001f', '\u007f', '\u0085', '\u009f', '\ufeff', '\u2028', '\ufffe', '\uffff', '\u200b'];
  const next = rng(20261129);
  let differences = 0;
  for (let k = 0; k < 20_000; k++) {
    let s = '';
    const len = Math.floor(next() * 24);
    for (let j = 0; j < len; j++) s += alphabet[Math.floor(next() * alphabet.length)];
    if (tidyText(s) !== tidyReference(s) && differences++ < 5) t.fail(`differs on ${JSON.stringify(s)}: ${JSON.stringify(tidyText(s))}`);
  }
  t.equal(differences, 0, '20,000 random strings of blanks, breaks, controls and letters');
});

/** Random HTML fragments, mostly well-formed paragraphs and inline markup (the simple path's shape) with some of everything else. */
function fragment(next: () => number, depth = 0): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  const texts = ['كشف مقربون', ' الكاظمي ', 'élections', '\n', '  ', 'x &amp; y', '&lt;b&gt;', '&nbsp;', '&#1575;&#x644;', '&notit;', '&foo;', '&amp', ' & ', 'a > b', '"q"', "it's", '\t', '\u00a0', '\r\n', '&#0;', '&#xD800;'];
  // Every element the simple path copies, upper case too, and some it leaves to sanitize-html.
  const tags = [
    'p', 'p', 'b', 'strong', 'em', 'i', 'u', 's', 'sub', 'sup', 'small', 'mark', 'span', 'code', 'cite', 'q', 'abbr', 'del', 'ins',
    'li', 'ul', 'ol', 'h1', 'h2', 'h3', 'h6', 'blockquote', 'div', 'P', 'EM', 'pre', 'table', 'td', 'a', 'font', 'script', 'svg',
  ];
  let out = '';
  const n = 1 + Math.floor(next() * 4);
  for (let k = 0; k < n; k++) {
    const r = next();
    if (r < 0.45 || depth > 4) out += pick(texts);
    else if (r < 0.52) out += pick(['<br>', '<br/>', '<BR />', '<hr>', '</br>', '<br >', '<br\u00a0/>', '<br\n>']);
    else if (r < 0.55) out += pick(['<!-- c -->', '<a href="/x">l</a>', '<img src="i.jpg">', ' < ', '<p/>', '<p class="x">', '</p>', '<![CDATA[x]]>']);
    else {
      const tag = pick(tags);
      const inner = fragment(next, depth + 1);
      // Mostly plain tags; sometimes a space before '>' (HTML's whitespace, or characters that are not).
      const sp = () => (next() < 0.85 ? '' : pick([' ', '\t', '\n', '\f', '\u00a0', '\u000b', '\u2003']));
      out += next() < 0.93 ? `<${tag}${sp()}>${inner}</${tag}${sp()}>` : `<${tag}${sp()}>${inner}`;
    }
  }
  return out;
}

t.test('the simple path gives exactly what sanitize-html gives, text and HTML, on generated fragments', async (t) => {
  const next = rng(1129);
  const base = 'https://news.example/section/';
  let simple = 0;
  let differences = 0;
  const total = 20_000;
  for (let k = 0; k < total; k++) {
    const html = fragment(next);
    const fast = simpleTextAndSafeHtml(html);
    if (!fast) continue;
    simple++;
    const ref = viaSanitizeHtml(html, base);
    if ((fast.text !== ref.text || fast.html !== ref.html) && differences++ < 5) {
      t.fail(`differs on ${JSON.stringify(html)}`, { found: fast, wanted: ref });
    }
  }
  t.equal(differences, 0, `${simple} of ${total} fragments took the simple path, all identical`);
  t.ok(simple > total / 5, 'the generator exercises the simple path');
  t.ok(simple < total * 0.95, 'and the general one');
  t.equal(simpleTextAndSafeHtml('<p>a <a href="/x">link</a></p>'), undefined, 'an attribute leaves it to sanitize-html');
  t.equal(simpleTextAndSafeHtml('<p>one<p>two</p>'), undefined, 'so does a tag the parser would close implicitly');
  const deep = '<span>'.repeat(600) + 'x' + '</span>'.repeat(600);
  t.equal(simpleTextAndSafeHtml(deep), undefined, 'and nesting deeper than the general path parses');
  t.equal(htmlToTextAndSafeHtml(deep).html, 'x', 'which reads it as flat text');
});
