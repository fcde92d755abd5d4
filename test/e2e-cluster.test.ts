import t from 'tap';
import { dropIndexPrefix, fixtureFeedRoutes, pipelineEnv, startFeedServer, startPipeline, startRedisCluster, uniqueIndexPrefix, uniqueQueuePrefix, waitFor } from '@akhbar/testkit';

/**
 * The pipeline on a Redis Cluster (three masters, slots spread over them, one replica each), as a
 * deployment that outgrew one Redis runs it: every service is given REDIS_CLUSTER_NODES (one seed
 * node) and a REDIS_URL where nothing listens, so any connection that ignored the cluster would
 * fail. A feed registered through the API must become searchable, and the gateway must call
 * itself ready. Then the master holding Akhbar's keys is killed (-9): once its replica has taken
 * over, the same four processes — no restart — register and index a second feed.
 */
t.test('the whole pipeline runs on a Redis Cluster', async (t) => {
  const cluster = await startRedisCluster(3, { replicas: 1, nodeTimeoutMs: 1_000 });
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

  const addFeed = (file: string) =>
    fetch(`${api}/v1/feeds`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
      body: JSON.stringify({ url: `${feeds.url}/${file}` }),
    });
  const searchable = (q: string, lang: string) =>
    waitFor(
      async () => {
        const r = await fetch(`${api}/v1/search?q=${encodeURIComponent(q)}&lang=${lang}`);
        if (r.status !== 200) return undefined;
        const body = (await r.json()) as { hits: Array<Record<string, unknown>> };
        return body.hits.length > 0 ? body.hits : undefined;
      },
      { timeoutMs: 120_000, what: `"${q}" (${lang}) to be searchable` },
    );
  const feedList = async () => (await (await fetch(`${api}/v1/feeds`, { headers: { authorization: `Bearer ${adminToken}` } })).json()) as { feeds: Array<{ url: string; status: { itemsSeen: number } }> };

  t.equal((await addFeed('baghdad-today.ar.rss.xml')).status, 201, 'a feed is registered in the registry on the cluster');
  const hits = await searchable('الكاظمي', 'ar');
  t.ok(hits.some((h) => String(h.title).includes('الكاظمي') && h.lang === 'ar'), 'fetched, enriched and indexed through queues on the cluster');
  t.ok((await feedList()).feeds[0]!.status.itemsSeen > 0, 'the ingest worker wrote the feed status back to the registry');

  // Failover: kill -9 of the master serving the queue prefix's slot.
  await cluster.replicated();
  const victim = await cluster.masterFor(queuePrefix);
  await cluster.crash(victim);
  const promoted = await waitFor(async () => {
    const m = await cluster.masterFor(queuePrefix).catch(() => victim);
    return m !== victim ? m : undefined;
  }, { timeoutMs: 30_000, intervalMs: 100, what: 'the replica to take over' });
  t.comment(`master ${victim} killed; ${promoted} serves the slot`);
  // An API client retries a 503 while the gateway learns the new topology.
  const second = await waitFor(async () => {
    const r = await addFeed('gulf-wire.en.atom.xml');
    return r.status === 503 ? undefined : r.status;
  }, { timeoutMs: 30_000, intervalMs: 200, what: 'the gateway to take a feed after the failover' });
  t.equal(second, 201, 'after the failover a second feed is registered, through the same gateway');
  const after = await searchable('Kadhimi militias', 'en');
  t.ok(after.some((h) => h.lang === 'en'), 'and its articles are fetched, enriched and indexed by the same four processes');
  t.same((await feedList()).feeds.map((f) => f.url.split('/').pop()).sort(), ['baghdad-today.ar.rss.xml', 'gulf-wire.en.atom.xml'], 'the registry kept the feed from before the failover');
  for (const s of services) t.equal(s.child.exitCode, null, `${s.name} is still the process it was`);
  for (const s of services) t.notOk(s.logs.some((l) => /ECONNREFUSED 127\.0\.0\.1:1\b/.test(JSON.stringify(l))), `${s.name} never tried REDIS_URL`);
});
