import t from 'tap';
import { deleteRedisPrefix, dropIndexPrefix, pipelineEnv, startFeedServer, startPipeline, uniqueIndexPrefix, uniqueQueuePrefix, waitFor } from '@akhbar/testkit';

/**
 * A site edits an article after publishing it, as the pipeline runs in production: the feed
 * server's item changes its headline, the feed is fetched again, and ingest, enrichment, the
 * indexer and the gateway (separate processes, real Redis and Elasticsearch) keep the headline it
 * had — the article shows the new one, says it was edited, and gives the old one.
 */
t.test('an edited headline reaches the index as an edit: the new headline, and the old one kept', async (t) => {
  const queuePrefix = uniqueQueuePrefix('e2e-edits');
  const indexPrefix = uniqueIndexPrefix('e2e-edits');
  const adminToken = 'e2e-edits-token-0123456789';
  const admin = { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` };
  let title = 'مقتل خمسة في انهيار جسر بالناصرية';
  const body =
    'انهار جسر حديدي قديم على نهر الفرات في مدينة الناصرية صباح اليوم، بينما كانت سيارات تعبره. ' +
    'وقالت مديرية الدفاع المدني في ذي قار إن فرق الإنقاذ انتشلت عددا من الضحايا من المياه، وإن البحث ما زال جاريا. ' +
    'وأضافت أن الجسر كان مغلقا أمام الشاحنات منذ أشهر بسبب تصدعات في أعمدته.';
  const item = () => `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>أخبار الجنوب</title><link>{{BASE}}/</link><description>أخبار محافظات الجنوب</description>
<item><title>${title}</title><link>{{BASE}}/south/nasiriyah-bridge</link><guid>{{BASE}}/south/nasiriyah-bridge</guid>
<pubDate>{{RFC822:-2h}}</pubDate><description>${body}</description></item>
</channel></rss>`;
  const feeds = await startFeedServer({ '/south.rss.xml': { body: () => item() } });
  const env = pipelineEnv({ queuePrefix, indexPrefix, adminToken });
  t.teardown(async () => {
    await feeds.close();
    await deleteRedisPrefix(queuePrefix);
    await dropIndexPrefix(indexPrefix);
  });
  const { api } = await startPipeline(t, env);

  const added = await fetch(`${api}/v1/feeds`, { method: 'POST', headers: admin, body: JSON.stringify({ url: `${feeds.url}/south.rss.xml` }) });
  t.equal(added.status, 201);
  const feed = (await added.json()) as { id: string };
  type Hit = { id: string; title: string; edited?: { at: string; fields: string[] } };
  const first = await waitFor(
    async () => ((await (await fetch(`${api}/v1/search?q=${encodeURIComponent('الناصرية')}`)).json()) as { hits: Hit[] }).hits[0],
    { timeoutMs: 90_000, what: 'the article to be searchable' },
  );
  t.equal(first.title, title);
  t.equal(first.edited, undefined, 'not edited yet');

  // The site softens its headline; the feed is fetched again.
  const was = title;
  title = 'انهيار جزئي لجسر في الناصرية وأنباء عن ضحايا';
  const refreshed = await fetch(`${api}/v1/feeds/${feed.id}/refresh`, { method: 'POST', headers: { authorization: admin.authorization } });
  t.equal(refreshed.status, 202);
  const article = await waitFor(
    async () => {
      const a = (await (await fetch(`${api}/v1/articles/${first.id}`)).json()) as Hit & { revisions?: Array<Record<string, unknown>> };
      return a.title === title ? a : undefined;
    },
    { timeoutMs: 60_000, what: 'the edited headline to be indexed' },
  );
  t.equal(article.id, first.id, 'the same article, not a new one');
  t.match(article.revisions, [{ seenAt: String, fields: ['title'], title: was }], 'the headline it had, kept');
  t.same(article.edited?.fields, ['title']);
  const edited = (await (await fetch(`${api}/v1/search?edited=title&sort=edited`)).json()) as { total: number; hits: Hit[] };
  t.same([edited.total, edited.hits[0]?.id], [1, first.id], 'edited=title finds it');
});
