import t from 'tap';
import {
  deleteRedisPrefix, dropIndexPrefix, fixtureFeedRoutes, startFeedServer, startService, testEsUrl, testRedisUrl,
  uniqueIndexPrefix, uniqueQueuePrefix, waitFor, type ServiceProcess,
} from '@akhbar/testkit';

/**
 * Walking skeleton, as production runs it: the fixture feed server and the four services as
 * separate processes over real Redis and Elasticsearch. Feeds are registered through the API and
 * an Arabic query must find the Arabic story through the gateway.
 */
t.test('feeds registered through the API become searchable, Arabic included', async (t) => {
  const queuePrefix = uniqueQueuePrefix('e2e');
  const indexPrefix = uniqueIndexPrefix('e2e');
  const adminToken = 'e2e-admin-token-0123456789';
  const feeds = await startFeedServer(fixtureFeedRoutes());
  const env = {
    REDIS_URL: testRedisUrl(),
    ELASTICSEARCH_URL: testEsUrl(),
    AKHBAR_QUEUE_PREFIX: queuePrefix,
    AKHBAR_INDEX_PREFIX: indexPrefix,
    AKHBAR_ALLOW_PRIVATE_NETWORKS: 'true',
    AKHBAR_ADMIN_TOKEN: adminToken,
    PORT: '0',
    METRICS_PORT: '0',
    HOST: '127.0.0.1',
  };
  const services: ServiceProcess[] = (['indexer', 'enrich', 'ingest', 'gateway'] as const).map((name) => startService(name, env));
  t.teardown(async () => {
    if (!t.passing()) {
      for (const s of services) t.comment(`--- ${s.name} ---\n${s.logs.slice(-15).map((l) => JSON.stringify(l)).join('\n')}\n${s.stderr.join('').slice(-2000)}`);
    }
    await Promise.all(services.map((s) => s.stop()));
    await feeds.close();
    await deleteRedisPrefix(queuePrefix);
    await dropIndexPrefix(indexPrefix);
  });
  const gateway = services.find((s) => s.name === 'gateway')!;
  const listening = await gateway.waitForLog((l) => l.msg === 'gateway listening', 90_000);
  const api = `http://127.0.0.1:${String(listening.port)}`;

  const unauth = await fetch(`${api}/v1/feeds`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ url: `${feeds.url}/x` }) });
  t.equal(unauth.status, 401, 'registering a feed needs the admin token');

  for (const name of ['baghdad-today.ar.rss.xml', 'gulf-wire.en.atom.xml', 'le-monde-arabe.fr.rss.xml']) {
    const res = await fetch(`${api}/v1/feeds`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
      body: JSON.stringify({ url: `${feeds.url}/${name}` }),
    });
    t.equal(res.status, 201, `feed ${name} registered`);
  }

  const hits = await waitFor(
    async () => {
      const res = await fetch(`${api}/v1/search?q=${encodeURIComponent('الكاظمي')}`);
      if (res.status !== 200) return undefined;
      const body = (await res.json()) as { hits: Array<Record<string, any>> };
      return body.hits.length > 0 ? body.hits : undefined;
    },
    { timeoutMs: 120_000, what: 'the Arabic story to be searchable' },
  );
  const story = hits.find((h) => String(h.title).includes('الكاظمي'));
  t.ok(story, 'an Arabic hit names al-Kadhimi in its title');
  t.equal(story?.lang, 'ar');
  t.equal(story?.dir, 'rtl');
  t.match(story?.url, /^http:\/\/127\.0\.0\.1:\d+\/baghdad-today\/politics\/kadhimi-washington-map$/, 'canonical URL without tracking parameters');
  t.match(story?.source, { domain: '127.0.0.1' });
  t.ok(Date.parse(story?.publishedAt) > 0, 'publishedAt is a date');

  // Feeds on one host are fetched politely one after another (INGEST_HOST_DELAY_MS), so the
  // English feed may land a moment after the Arabic one.
  const en = await waitFor(
    async () => {
      const body = (await (await fetch(`${api}/v1/search?q=Kadhimi&lang=en`)).json()) as { hits?: Array<Record<string, any>> };
      return body.hits?.some((h) => h.lang === 'en' && /Kadhimi/.test(h.title)) ? body : undefined;
    },
    { timeoutMs: 60_000, what: 'the English story to be searchable' },
  );
  t.ok(en.hits!.some((h) => h.lang === 'en' && /Kadhimi/.test(h.title)), 'the English story is searchable too');
});
