import t from 'tap';
import { FulltextErrors, extractArticle, markerKind, readMetadata, sanitizeArticleHtml } from '../src/index.ts';
import { parseDocument } from '../src/dom.ts';

const story = [
  'كشفت مصادر مطلعة أن الحكومة ستعرض خلال الأسبوع المقبل خطة لإعادة تأهيل شبكة الكهرباء في المحافظات الجنوبية، بكلفة تقدر بملياري دولار.',
  'وأوضحت المصادر أن الخطة تتضمن بناء محطات توليد جديدة تعمل بالغاز، وتحديث خطوط النقل التي يعود بعضها إلى ثمانينيات القرن الماضي.',
  'وأضافت أن المفاوضات مع الشركات المنفذة بلغت مراحلها الأخيرة، وأن العمل سيبدأ قبل حلول الصيف لتخفيف ساعات القطع.',
];

/** A page shaped like the seed story: site header line, story, then 'read also' and comments. */
function seedShapedPage(extraHead = ''): string {
  return `<!doctype html><html lang="ar-IQ" dir="rtl"><head><meta charset="utf-8"><title>خطة لإعادة تأهيل الكهرباء - شبكة الفرات</title>${extraHead}</head><body>
<div><a href="/">شبكة الفرات - أخبار العراق - Iraq News</a></div>
<div><a href="/">الرئيسية</a> <a href="/a">سياسة</a> <a href="/b">اقتصاد</a> <a href="/c">رياضة</a></div>
<h1>خطة لإعادة تأهيل الكهرباء</h1>
<div>${story.map((p) => `<p>${p}</p>`).join('\n')}
<h4>إقرأ ايضا</h4><div><a href="/x">وزير النفط يزور البصرة</a></div><div><a href="/y">ارتفاع أسعار الذهب في بغداد</a></div>
<h4>التعليقات</h4><p>أبو حسن: نسمع عن هذه الخطط كل عام ولا نرى شيئاً على أرض الواقع، نتمنى أن تكون هذه المرة مختلفة فعلاً.</p></div>
</body></html>`;
}

t.test('a seed-shaped page keeps the story paragraphs and drops header, read-also and comments', async (t) => {
  const a = extractArticle(seedShapedPage(), { url: 'https://furat.example/news/1' });
  t.same(a.text.split('\n\n'), story, 'exactly the three story paragraphs, in order, one per paragraph');
  t.notMatch(a.text, /إقرأ ايضا|التعليقات|أبو حسن|Iraq News|الرئيسية/);
  t.equal(a.lang, 'ar-IQ');
  t.equal(a.dir, 'rtl');
  t.equal(a.length, a.text.length);
  t.match(a.html, /^<p>كشفت/);
});

t.test('the bare library alone keeps the boilerplate (what the clean-up is for)', async (t) => {
  const bare = extractArticle(seedShapedPage(), { bare: true });
  t.match(bare.text, /التعليقات|أبو حسن|إقرأ ايضا/);
});

t.test('metadata: JSON-LD NewsArticle (even with a trailing comma), canonical, og:image, published time', async (t) => {
  const head = `<link rel="canonical" href="/news/1?ref=x"><meta property="og:image" content="/img/a.jpg">
<meta property="article:published_time" content="2020-01-01T00:00:00Z">
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebPage","name":"x"},{"@type":"NewsArticle","headline":"خطة الكهرباء","datePublished":"2024-02-03T10:00:00+03:00","author":[{"@type":"Person","name":"سارة علي"},{"@type":"Person","name":"Omar Haddad"}],}]}</script>`;
  const a = extractArticle(seedShapedPage(head), { url: 'https://furat.example/news/1' });
  t.equal(a.title, 'خطة الكهرباء', 'headline from JSON-LD');
  t.equal(a.publishedAt, '2024-02-03T07:00:00.000Z', 'JSON-LD datePublished wins over the meta tag, as UTC ISO');
  t.equal(a.author, 'سارة علي, Omar Haddad');
  t.equal(a.canonical, 'https://furat.example/news/1?ref=x', 'canonical resolved against the page URL');
  t.equal(a.image, 'https://furat.example/img/a.jpg');
  t.equal(a.metadata.jsonLdType, 'newsarticle');
});

t.test('metadata falls back to meta tags and <html> attributes', async (t) => {
  const doc = parseDocument(`<html lang="fr" dir="ltr"><head><title>Titre</title><meta name="author" content="Sonia B."><meta property="og:site_name" content="Le Site">
<meta name="description" content="Résumé."><meta property="article:published_time" content="2023-05-11T08:00:00+01:00"></head><body></body></html>`);
  const m = readMetadata(doc, 'https://x.example/a');
  t.same(m, { author: 'Sonia B.', publishedAt: '2023-05-11T07:00:00.000Z', description: 'Résumé.', siteName: 'Le Site', lang: 'fr', dir: 'ltr' });
  const junk = readMetadata(parseDocument('<html><head><meta property="article:published_time" content="0000-00-00"><meta name="author" content="https://x.example/me"></head><body></body></html>'));
  t.notOk(junk.publishedAt, 'a placeholder date is no date');
  t.notOk(junk.author, 'an author URL is not a name');
});

t.test('sanitised display HTML: nothing runs, nothing embeds, links are absolute http(s)', async (t) => {
  const dirty = `<h1>T</h1><p onclick="steal()">Hello <a href="javascript:alert(1)">x</a> <a href="/rel">rel</a> <a href="//evil.example/p">pr</a></p>
<script>alert(1)</script><iframe src="https://evil.example"></iframe><object data="x.swf"></object><embed src="x">
<img src="data:image/png;base64,AAAA" onerror="alert(1)"><img data-src="/lazy.jpg" src="/1px.gif" alt="a"><style>p{}</style><form><input></form>
<svg><script>alert(2)</script></svg><p style="color:red" class="c" id="i">ok</p>`;
  const clean = sanitizeArticleHtml(dirty, 'https://site.example/news/a');
  t.notMatch(clean, /script|onclick|onerror|javascript:|iframe|object|embed|<svg|<style|style=|<form|<input|data:image|alert/i);
  t.match(clean, /<h2>T<\/h2>/, 'h1 becomes h2 under the page title');
  t.match(clean, /href="https:\/\/site\.example\/rel"/);
  t.match(clean, /rel="noopener noreferrer nofollow"/);
  t.match(clean, /<img src="https:\/\/site\.example\/lazy\.jpg" alt="a" \/>/, 'lazy-loaded image source kept, made absolute');
  t.match(clean, /href="https:\/\/evil\.example\/p"/, 'a protocol-relative link takes the page scheme');
  t.match(clean, /<a rel="noopener noreferrer nofollow">x<\/a>/, 'the javascript: link loses its href');
});

t.test('a page with no story fails with AKHBAR_FULLTEXT_NO_ARTICLE', async (t) => {
  const home = `<html><body><div class="menu"><a href="/">Home</a><a href="/w">World</a></div>
<ul>${Array.from({ length: 30 }, (_, i) => `<li><a href="/n/${i}">Headline number ${i} about something</a></li>`).join('')}</ul><footer>© Site</footer></body></html>`;
  t.throws(() => extractArticle(home), { name: 'AkhbarError', code: FulltextErrors.NO_ARTICLE, permanent: true }, 'a home page of headlines is no article');
  t.throws(() => extractArticle(''), { code: FulltextErrors.NO_ARTICLE });
  t.throws(() => extractArticle('<html><body><p>Too short.</p></body></html>'), { code: FulltextErrors.NO_ARTICLE });
});

t.test('lists and subheadings that belong to the story are kept', async (t) => {
  const page = `<html lang="en"><body><article><h1>Rates held</h1>
<p>The central bank kept its main interest rate unchanged on Thursday for the third meeting in a row, citing slowing inflation and uncertainty abroad.</p>
<p>It gave three reasons for the decision:</p><ul><li>core inflation eased for two months;</li><li>earlier rises are still feeding through;</li><li>talks with the IMF are pending.</li></ul>
<h2>What comes next</h2><p>Analysts expect another rise before the end of the year if the currency comes under renewed pressure in the parallel market.</p>
<h3>Related</h3><ul><li><a href="/a">Inflation slows</a></li><li><a href="/b">Currency slips</a></li></ul></article></body></html>`;
  const a = extractArticle(page);
  t.match(a.text, /core inflation eased for two months;\n\nearlier rises are still feeding through;/);
  t.match(a.text, /What comes next/);
  t.notMatch(a.text, /Inflation slows|Related/);
});

t.test('section labels are recognised across spellings and languages', async (t) => {
  for (const s of ['إقرأ ايضا', 'اقرأ أيضاً:', 'إقرأ أيضا', 'أخبار ذات صلة', 'Read also', 'Related Stories', 'Lire aussi :', 'À lire aussi', 'بیشتر بخوانید']) {
    t.equal(markerKind(s), 'related', s);
  }
  for (const s of ['التعليقات', 'تعليقات (3)', '3 تعليقات', 'Comments', 'Leave a Reply', 'Commentaires']) t.equal(markerKind(s), 'comments', s);
  for (const s of ['وقال الوزير إن الخطة جاهزة', 'The minister said', 'Économie']) t.equal(markerKind(s), undefined, s);
});
