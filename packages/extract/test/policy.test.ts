import t from 'tap';
import type { RawArticle } from '@akhbar/core';
import { applyExtraction, extractArticle, markFulltextFailed, needsFulltext } from '../src/index.ts';

function article(body: string, extra: Partial<RawArticle> = {}): RawArticle {
  return {
    id: 'a1', url: 'https://x.example/a', feedId: 'f1', source: { id: 'f1', name: 'X', domain: 'x.example' },
    title: 'Title', summary: body.slice(0, 100), body, categories: [], publishedAt: '2024-01-01T00:00:00.000Z',
    fetchedAt: '2024-01-01T00:00:00.000Z', contentHash: 'h1', flags: [], ...extra,
  };
}

t.test('needsFulltext follows the feed policy; when-short means under 500 characters of feed text', async (t) => {
  const short = article('A line of summary.');
  const long = article('word '.repeat(200));
  t.equal(needsFulltext(short, 'never'), false);
  t.equal(needsFulltext(long, 'always'), true);
  t.equal(needsFulltext(short, 'when-short'), true);
  t.equal(needsFulltext(long, 'when-short'), false);
  t.equal(needsFulltext(short), true, 'when-short is the default');
  t.equal(needsFulltext(article('x'.repeat(499))), true);
  t.equal(needsFulltext(article('x'.repeat(500))), false);
});

const page = `<html lang="en"><head><meta property="og:image" content="https://x.example/i.jpg"><meta name="author" content="Ann Lee">
<meta property="article:published_time" content="2023-03-04T05:06:07Z"></head><body><article>
<p>${'The full story is much longer than the feed summary and carries every detail the reader needs. '.repeat(4)}</p>
<p>${'A second paragraph adds more reporting, quotes and context from the scene. '.repeat(3)}</p></article></body></html>`;

t.test('the extracted story replaces short feed text; page metadata fills only gaps', async (t) => {
  const extracted = extractArticle(page, { url: 'https://x.example/a' });
  const before = article('Short summary.', { author: 'Feed Author', flags: ['date-missing'] });
  const { article: after, replaced } = applyExtraction(before, extracted);
  t.ok(replaced);
  t.equal(after.body, extracted.text);
  t.ok(after.html && after.html.startsWith('<p>'), 'sanitised HTML kept for display');
  t.same(after.flags, ['fulltext'], 'flagged fulltext; the page date replaced the missing one');
  t.equal(after.publishedAt, '2023-03-04T05:06:07.000Z');
  t.equal(after.author, 'Feed Author', 'the feed author is kept');
  t.equal(after.image, 'https://x.example/i.jpg', 'the page image fills the gap');
  t.equal(after.langHint, 'en');
  t.equal(after.id, before.id);
  t.equal(after.contentHash, before.contentHash, 'contentHash stays the feed item hash (job ids depend on it)');
  t.equal(before.body, 'Short summary.', 'the input is not mutated');
});

t.test('a feed that already carries more text than the page keeps its own', async (t) => {
  const extracted = extractArticle(page);
  const long = article('feed text '.repeat(100));
  const { article: after, replaced } = applyExtraction(long, extracted);
  t.notOk(replaced);
  t.equal(after.body, long.body);
  t.notOk(after.flags.includes('fulltext'));
});

t.test('a failed page leaves the article as it was, flagged once', async (t) => {
  const a = markFulltextFailed(article('x'));
  t.same(a.flags, ['fulltext-failed']);
  t.same(markFulltextFailed(a).flags, ['fulltext-failed']);
  t.equal(markFulltextFailed(article('x'), 'Page headline').title, 'Title', "the feed's title is kept");
});

t.test('an item without a title (a sitemap entry) takes the headline of its page', async (t) => {
  const { article: after } = applyExtraction(article('', { title: '' }), extractArticle(page.replace('<head>', '<head><title>Storm closes the port - X News</title><meta property="og:title" content="Storm closes the port">')));
  t.equal(after.title, 'Storm closes the port');
  // A page too short to hold a story still names it: the headline rides on the error.
  const flash = '<html><head><title>Breaking: storm closes the port</title></head><body><p>More soon.</p></body></html>';
  const err = (() => {
    try {
      extractArticle(flash);
    } catch (e) {
      return e as { code: string; details: { title?: string } };
    }
  })();
  t.match(err, { code: 'AKHBAR_FULLTEXT_NO_ARTICLE', details: { title: 'Breaking: storm closes the port' } });
  t.equal(markFulltextFailed(article('', { title: '' }), err?.details.title).title, 'Breaking: storm closes the port');
});
