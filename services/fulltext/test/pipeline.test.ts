import t from 'tap';
import {
  deleteRedisPrefix, dropIndexPrefix, startFeedServer, startService, testEsUrl, testRedisUrl, uniqueIndexPrefix, uniqueQueuePrefix, waitFor,
  type ServiceProcess,
} from '@akhbar/testkit';

/**
 * The stage in the pipeline, as production runs it: the five services as processes over real
 * Redis and Elasticsearch. A feed gives one item with a one-line summary (routed to full text by
 * the default when-short policy) and one with a long body (not routed). A word that only the
 * article page holds must become searchable; the long item's page must never be requested.
 */
t.test('a one-line feed item becomes searchable by words only its page holds', async (t) => {
  const queuePrefix = uniqueQueuePrefix('ft-e2e');
  const indexPrefix = uniqueIndexPrefix('ft-e2e');
  const adminToken = 'fulltext-e2e-admin-token-0123';
  const longBody = 'وقال المتحدث باسم الوزارة إن العمل يسير وفق الجدول المحدد. '.repeat(12);
  const feeds = await startFeedServer({
    '/feed.rss.xml': {
      body: `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>الفرات اليوم</title><link>{{BASE}}/</link><language>ar</language>
<item><title>افتتاح سوق للكتب المستعملة في شارع المتنبي</title><link>{{BASE}}/news/short</link><description>سطر واحد من الملخص.</description><pubDate>{{RFC822:-1h}}</pubDate></item>
<item><title>الوزارة تعلن جدول الامتحانات</title><link>{{BASE}}/news/long</link><description>${longBody}</description><pubDate>{{RFC822:-2h}}</pubDate></item>
</channel></rss>`,
    },
    '/news/short': {
      headers: { 'content-type': 'text/html; charset=utf-8' },
      body: `<!doctype html><html lang="ar" dir="rtl"><head><title>افتتاح سوق للكتب المستعملة في شارع المتنبي</title></head><body>
<div class="site-header">الفرات اليوم - أخبار العراق</div><nav><a href="/">الرئيسية</a></nav>
<article><h1>افتتاح سوق للكتب المستعملة في شارع المتنبي</h1>
<p>افتتحت أمانة بغداد، صباح الجمعة، سوقاً أسبوعية للكتب المستعملة في شارع المتنبي، يشارك فيها أكثر من خمسين بائعاً من المحافظات كافة.</p>
<p>وقال أحد المنظمين إن السوق ستضم جناحاً للمخطوطات القديمة وآخر لكتب الأطفال، إضافة إلى ركن للمقايضة يتبادل فيه القراء كتبهم مجاناً.</p>
<p>وأضاف أن فكرة السوق جاءت من رواد مقهى الشابندر الذين طالبوا بمساحة دائمة لبيع الكتب النادرة بأسعار في متناول الطلبة.</p>
<h4>إقرأ ايضا</h4><ul><li><a href="/x">مهرجان للشعر في البصرة</a></li><li><a href="/y">معرض للفن التشكيلي</a></li></ul>
<h4>التعليقات</h4><p>زائر: فكرة رائعة، نتمنى أن تتكرر في المحافظات الأخرى أيضاً ومن دون تأخير.</p></article></body></html>`,
    },
    '/news/long': { body: '<html><body><p>should never be fetched</p></body></html>', headers: { 'content-type': 'text/html' } },
  });
  const env = {
    REDIS_URL: testRedisUrl(), ELASTICSEARCH_URL: testEsUrl(), AKHBAR_QUEUE_PREFIX: queuePrefix, AKHBAR_INDEX_PREFIX: indexPrefix,
    AKHBAR_ALLOW_PRIVATE_NETWORKS: 'true', AKHBAR_ADMIN_TOKEN: adminToken, PORT: '0', METRICS_PORT: '0', HOST: '127.0.0.1',
  };
  const services: ServiceProcess[] = (['indexer', 'enrich', 'fulltext', 'ingest', 'gateway'] as const).map((name) => startService(name, env));
  t.teardown(async () => {
    if (!t.passing()) {
      for (const s of services) t.comment(`--- ${s.name} ---\n${s.logs.slice(-15).map((l) => JSON.stringify(l)).join('\n')}\n${s.stderr.join('').slice(-2000)}`);
    }
    await Promise.all(services.map((s) => s.stop()));
    await feeds.close();
    await deleteRedisPrefix(queuePrefix);
    await dropIndexPrefix(indexPrefix);
  });
  const fulltext = services.find((s) => s.name === 'fulltext')!;
  const started = await fulltext.waitForLog((l) => l.msg === 'fulltext started', 30_000);
  const health = await fetch(`http://127.0.0.1:${String(started.metricsPort)}/healthz`);
  t.equal(health.status, 200, 'the fulltext service answers /healthz');
  const gateway = services.find((s) => s.name === 'gateway')!;
  const listening = await gateway.waitForLog((l) => l.msg === 'gateway listening', 30_000);
  const api = `http://127.0.0.1:${String(listening.port)}`;

  const res = await fetch(`${api}/v1/feeds`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
    body: JSON.stringify({ url: `${feeds.url}/feed.rss.xml` }),
  });
  t.equal(res.status, 201, 'feed registered with the default policy (when-short)');

  // "الشابندر" appears only on the article page, not in the feed.
  const hits = await waitFor(
    async () => {
      const r = await fetch(`${api}/v1/search?q=${encodeURIComponent('الشابندر')}`);
      if (r.status !== 200) return undefined;
      const body = (await r.json()) as { hits: Array<Record<string, unknown>> };
      return body.hits.length > 0 ? body.hits : undefined;
    },
    { timeoutMs: 60_000, what: 'the full text to be searchable' },
  );
  t.match(hits[0]?.url, /\/news\/short$/);
  const boilerplate = await (await fetch(`${api}/v1/search?q=${encodeURIComponent('الشعر')}`)).json() as { total: number };
  t.equal(boilerplate.total, 0, "the page's read-also list was not indexed");
  const pageRequest = feeds.requests.find((r) => r.path === '/news/short');
  t.match(pageRequest?.headers['user-agent'], /^Akhbar\//);
  t.ok(feeds.requests.some((r) => r.path === '/robots.txt'), 'robots.txt asked for first');
  // The long item went straight to enrichment: searchable, and its page never fetched.
  await waitFor(async () => ((await (await fetch(`${api}/v1/search?q=${encodeURIComponent('الامتحانات')}`)).json()) as { total: number }).total > 0, {
    timeoutMs: 30_000, what: 'the long item to be searchable',
  });
  t.notOk(feeds.requests.some((r) => r.path === '/news/long'), 'a feed item with enough text is not fetched again');
  const extracted = await fulltext.waitForLog((l) => l.msg === 'full text extracted', 5_000);
  t.match(extracted, { outcome: 'extracted', charset: 'utf-8' });
  t.ok(typeof extracted.articleId === 'string' && typeof extracted.feedId === 'string', 'log lines carry articleId and feedId');
});
