import t from 'tap';
import { dropIndexPrefix, fixtureFeedRoutes, pipelineEnv, startFeedServer, startPipeline, startRedisCluster, uniqueIndexPrefix, uniqueQueuePrefix, waitFor } from '@akhbar/testkit';

/**
 * The pipeline on a Redis Cluster (three masters, slots spread over them), as a deployment that
 * outgrew one Redis runs it: every service is given REDIS_CLUSTER_NODES (one seed node) and a
 * REDIS_URL where nothing listens, so any connection that ignored the cluster would fail. A feed
 * registered through the API must become searchable, and the gateway must call itself ready.
 */
t.test('the whole pipeline runs on a Redis Cluster', async (t) => {
  const cluster = await startRedisCluster(3);
  const queuePrefix = uniqueQueuePrefix('e2e-cluster');
  const indexPrefix = uniqueIndexPrefix('e2e-cluster');
  const adminToken = 'e2e-cluster-admin-token-0123';
  const feeds = await startFeedServer(fixtureFeedRoutes());
  const env = pipelineEnv({ queuePrefix, indexPrefix, adminToken }, { REDIS_URL: 'redis://127.0.0.1:1', REDIS_CLUSTER_NODES: cluster.nodes[1]! });
  t.teardown(async () => {
    await feeds.close();
    await cluster.close();
    await dropIndexPrefix(indexPrefix);
  });
  const { services, api } = await startPipeline(t, env);

  const ready = await waitFor(async () => ((await fetch(`${api}/readyz`)).status === 200 ? true : undefined), { timeoutMs: 30_000, what: 'the gateway to be ready' });
  t.ok(ready, '/readyz: the gateway reaches the cluster and Elasticsearch');

  const res = await fetch(`${api}/v1/feeds`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
    body: JSON.stringify({ url: `${feeds.url}/baghdad-today.ar.rss.xml` }),
  });
  t.equal(res.status, 201, 'a feed is registered in the registry on the cluster');

  const hits = await waitFor(
    async () => {
      const r = await fetch(`${api}/v1/search?q=${encodeURIComponent('الكاظمي')}`);
      if (r.status !== 200) return undefined;
      const body = (await r.json()) as { hits: Array<Record<string, unknown>> };
      return body.hits.length > 0 ? body.hits : undefined;
    },
    { timeoutMs: 120_000, what: 'the Arabic story to be searchable' },
  );
  t.ok(hits.some((h) => String(h.title).includes('الكاظمي') && h.lang === 'ar'), 'fetched, enriched and indexed through queues on the cluster');

  const feedList = (await (await fetch(`${api}/v1/feeds`, { headers: { authorization: `Bearer ${adminToken}` } })).json()) as { feeds: Array<{ status: { itemsSeen: number } }> };
  t.ok(feedList.feeds[0]!.status.itemsSeen > 0, 'the ingest worker wrote the feed status back to the registry');
  for (const s of services) t.notOk(s.logs.some((l) => /ECONNREFUSED 127\.0\.0\.1:1\b/.test(JSON.stringify(l))), `${s.name} never tried REDIS_URL`);
});
