import t from 'tap';
import { htmlToText, htmlToTextAndSafeHtml, sanitizeHtml } from '@akhbar/feeds';

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
  t.match(html, /src="https:\/\/news\.example\/section\/img\.jpg"/);
});
