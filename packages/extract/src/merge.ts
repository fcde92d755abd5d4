import type { ArticleFlag, RawArticle } from '@akhbar/core';
import { langTag } from '@akhbar/feeds';
import type { ExtractedArticle } from './extract.ts';

/**
 * The article after its page was read. The extracted story replaces the feed text when it is
 * longer (a feed that already carries the whole story keeps it), and the page's metadata fills
 * only what the feed lacked. `id`, `url` and `contentHash` stay as ingest set them: they are the
 * job id and the change detector of the feed item, and must not move under a retried job.
 */
export function applyExtraction(article: RawArticle, page: ExtractedArticle): { article: RawArticle; replaced: boolean } {
  const out: RawArticle = { ...article, source: { ...article.source }, categories: [...article.categories], flags: article.flags.filter((f) => f !== 'fulltext-failed') };
  const replaced = page.text.length > article.body.trim().length;
  if (replaced) {
    out.body = page.text;
    out.html = page.html;
    if (!out.flags.includes('fulltext')) out.flags.push('fulltext');
  }
  if (!out.title.trim() && page.title) out.title = page.title;
  if (!out.summary.trim()) out.summary = page.excerpt.slice(0, 600);
  if (!out.author && page.author) out.author = page.author;
  if (!out.image && page.image) out.image = page.image;
  const pageLang = langTag(page.lang);
  if (!out.langHint && pageLang) out.langHint = pageLang;
  const dateDoubtful: ArticleFlag[] = ['date-missing', 'date-unparseable'];
  if (page.publishedAt && out.flags.some((f) => dateDoubtful.includes(f))) {
    out.publishedAt = page.publishedAt;
    out.flags = out.flags.filter((f) => !dateDoubtful.includes(f));
  }
  return { article: out, replaced };
}

/**
 * The article unchanged but flagged: its page could not be read. When the page was fetched but
 * held no story, its headline (`pageTitle`) still fills a title the feed did not give.
 */
export function markFulltextFailed(article: RawArticle, pageTitle?: string): RawArticle {
  const out: RawArticle = { ...article, flags: article.flags.includes('fulltext-failed') ? [...article.flags] : [...article.flags, 'fulltext-failed'] };
  if (!out.title.trim() && pageTitle?.trim()) out.title = pageTitle.trim();
  return out;
}
