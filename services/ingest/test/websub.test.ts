import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import t from 'tap';
import { Redis } from 'ioredis';
import { FeedRegistry, WebSubStore, createLogger } from '@akhbar/core';
import { closeFetchAgents } from '@akhbar/feeds';
import { deleteRedisPrefix, pipelineEnv, startFeedServer, startService, testRedisUrl, uniqueIndexPrefix, uniqueQueuePrefix, waitFor } from '@akhbar/testkit';
import { loadIngestConfig } from '../src/config.ts';
import { createIngest } from '../src/worker.ts';

/**
 * WebSub end to end: a feed naming a hub is subscribed by the ingest, the hub verifies the
 * subscription with the gateway (a process, as deployed), and a signed push makes the ingest fetch
 * the feed at once — its new item queued seconds after publication, not at the next poll (15 min).
 * The hub is this test's own small server, playing the third party a publisher uses.
 */

t.teardown(() => closeFetchAgents());

interface Subscription {
  callback: string;
  topic: string;
  secret: string;
  lease: string;
  /** What the gateway answered the verification: status and body. */
  verified?: { status: number; body: string; challenge: string };
}

/** A WebSub hub: takes subscription requests and verifies each with the subscriber, as hubs do. */
async function startHub(): Promise<{ url: string; subs: Subscription[]; refuse: boolean; beforeAnswer?: (sub: Subscription) => Promise<void>; server: Server }> {
  const hub: { url: string; subs: Subscription[]; refuse: boolean; beforeAnswer?: (sub: Subscription) => Promise<void>; server: Server } = { url: '', subs: [], refuse: false, server: undefined as unknown as Server };
  hub.server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8').on('data', (c: string) => (body += c));
    req.on('end', () => {
      if (hub.refuse) {
        res.writeHead(503).end();
        return;
      }
      const form = new URLSearchParams(body);
      const sub: Subscription = { callback: form.get('hub.callback') ?? '', topic: form.get('hub.topic') ?? '', secret: form.get('hub.secret') ?? '', lease: form.get('hub.lease_seconds') ?? '' };
      hub.subs.push(sub);
      // What happens before the answer leaves (a hub that verifies at once, faster than its reply).
      void (hub.beforeAnswer?.(sub) ?? Promise.resolve()).then(() => answer(sub));
    });
    const answer = (sub: Subscription) => {
      res.writeHead(202).end();
      // Verification of intent, after answering (§5.3).
      setImmediate(() => {
        const challenge = randomBytes(8).toString('hex');
        const url = `${sub.callback}?${new URLSearchParams({ 'hub.mode': 'subscribe', 'hub.topic': sub.topic, 'hub.challenge': challenge, 'hub.lease_seconds': '3600' }).toString()}`;
        fetch(url)
          .then(async (r) => (sub.verified = { status: r.status, body: await r.text(), challenge }))
          .catch(() => (sub.verified = { status: 0, body: '', challenge }));
      });
    };
  });
  await new Promise<void>((resolve) => hub.server.listen(0, '127.0.0.1', resolve));
  hub.url = `http://127.0.0.1:${String((hub.server.address() as { port: number }).port)}/hub`;
  return hub;
}

const sign = (body: string, secret: string, alg = 'sha256') => `${alg}=${createHmac(alg, secret).update(body).digest('hex')}`;

t.test('a feed naming a hub is pushed: subscribed, verified by the gateway, a signed push fetches it at once', async (t) => {
  const queuePrefix = uniqueQueuePrefix('websub');
  const indexPrefix = uniqueIndexPrefix('websub');
  const hub = await startHub();
  const items = [{ slug: 'first', title: 'Basra port reopens after the storm' }];
  const feedXml = () =>
    `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>Basra Wire</title><link>{{BASE}}/</link>` +
    `<atom:link rel="hub" href="${hub.url}"/><atom:link rel="self" href="{{BASE}}/feed.xml"/>` +
    items.map((i) => `<item><title>${i.title}</title><link>{{BASE}}/news/${i.slug}</link><pubDate>{{RFC822:-5m}}</pubDate><description>${i.title}, the port authority said on Monday.</description></item>`).join('') +
    '</channel></rss>';
  const site = await startFeedServer({ '/feed.xml': { body: () => feedXml(), conditional: false } });
  const gateway = startService('gateway', pipelineEnv({ queuePrefix, indexPrefix, adminToken: 'websub-test-token-0123456789' }, { LOG_LEVEL: 'info' }));
  const listening = await gateway.waitForLog((l) => l.msg === 'gateway listening', 90_000);
  const api = `http://127.0.0.1:${String(listening.port)}`;
  const redis = new Redis(testRedisUrl(), { maxRetriesPerRequest: null });
  const ingest = createIngest(
    loadIngestConfig({
      REDIS_URL: testRedisUrl(), AKHBAR_QUEUE_PREFIX: queuePrefix, AKHBAR_ALLOW_PRIVATE_NETWORKS: 'true', INGEST_HOST_DELAY_MS: '0',
      INGEST_SCHEDULER_SYNC_SEC: '3600', INGEST_WEBSUB_CALLBACK_URL: api, INGEST_WEBSUB_LEASE_SEC: '86400', LOG_LEVEL: 'silent',
    }),
    redis,
    createLogger('ingest-test', 'silent'),
  );
  t.teardown(async () => {
    if (!t.passing()) t.comment(gateway.logs.slice(-20).map((l) => JSON.stringify(l)).join('\n'));
    await ingest.close();
    await gateway.stop();
    redis.disconnect();
    await site.close();
    await new Promise((resolve) => hub.server.close(resolve));
    await deleteRedisPrefix(queuePrefix);
  });
  const registry = new FeedRegistry(redis, queuePrefix);
  const headers = { authorization: 'Bearer websub-test-token-0123456789', 'content-type': 'application/json' };

  // Registered through the API: its first fetch (reason "new") finds the hub and subscribes.
  const added = await fetch(`${api}/v1/feeds`, { method: 'POST', headers, body: JSON.stringify({ url: `${site.url}/feed.xml`, discover: false }) });
  t.equal(added.status, 201);
  const { id } = (await added.json()) as { id: string };
  const sub = await waitFor(() => hub.subs.find((s) => s.verified), { timeoutMs: 20_000, what: 'the hub to verify a subscription' });
  t.equal(sub.topic, `${site.url}/feed.xml`, "the topic is the feed's rel=self");
  t.equal(sub.callback, `${api}/v1/websub/${id}`, "the callback is the gateway's, for this feed");
  t.equal(sub.lease, '86400', 'the lease asked for');
  t.ok(sub.secret.length >= 32, 'a secret for the signatures');
  t.same(sub.verified, { status: 200, body: sub.verified!.challenge, challenge: sub.verified!.challenge }, 'the gateway echoes the challenge');
  const active = await waitFor(async () => ((await registry.get(id))?.status.websubState === 'active' ? registry.get(id) : undefined), { timeoutMs: 5_000, what: 'an active subscription' });
  t.equal(active!.status.websubHub, hub.url);
  t.ok(Math.abs(Date.parse(active!.status.websubExpiresAt!) - (Date.now() + 3600_000)) < 60_000, 'it lapses when the lease the hub granted (3600 s) runs out');
  const secretInApi = JSON.stringify(await (await fetch(`${api}/v1/feeds/${id}`, { headers })).json());
  t.match(secretInApi, /"websubState":"active"/, 'GET /v1/feeds/:id shows the subscription');
  t.notOk(secretInApi.includes(sub.secret), '…never its secret');
  const firstCount = (await ingest.rawQueue.getJobs(['waiting', 'active', 'completed'])).length;
  t.equal(firstCount, 1, 'the first item was queued by the first fetch');

  // A verification the ingest did not ask for is not confirmed.
  const forged = await fetch(`${api}/v1/websub/${id}?${new URLSearchParams({ 'hub.mode': 'subscribe', 'hub.topic': 'https://elsewhere.example/feed', 'hub.challenge': 'x1' }).toString()}`);
  t.equal(forged.status, 404, 'another topic: 404, no challenge echoed');
  t.not(await forged.text(), 'x1');
  const unsub = await fetch(`${api}/v1/websub/${id}?${new URLSearchParams({ 'hub.mode': 'unsubscribe', 'hub.topic': sub.topic, 'hub.challenge': 'x2' }).toString()}`);
  t.equal(unsub.status, 404, 'an unsubscription Akhbar never asked for: 404');

  // A push with a wrong signature is acknowledged (as the specification advises) and ignored.
  items.unshift({ slug: 'second', title: 'Oil exports resume from the southern terminals' });
  const body = feedXml().replaceAll('{{BASE}}', site.url);
  const forgedPush = await fetch(sub.callback, { method: 'POST', headers: { 'content-type': 'application/rss+xml', 'x-hub-signature': sign(body, 'not-the-secret') }, body });
  t.equal(forgedPush.status, 202);
  const unsigned = await fetch(sub.callback, { method: 'POST', headers: { 'content-type': 'application/rss+xml' }, body });
  t.equal(unsigned.status, 202);
  await gateway.waitForLog((l) => l.msg === 'WebSub push with a missing or wrong signature; ignored');
  t.equal((await registry.get(id))!.status.websubLastPushAt, undefined, 'no push was taken');
  t.equal((await ingest.fetchQueue.getJobs(['waiting', 'delayed', 'active', 'completed', 'failed'])).filter((j) => j.data.reason === 'push').length, 0, 'and no fetch queued');

  // The real push, signed: the new item is queued in seconds.
  const pushedAt = Date.now();
  const push = await fetch(sub.callback, { method: 'POST', headers: { 'content-type': 'application/rss+xml', 'x-hub-signature': sign(body, sub.secret, 'sha1') }, body });
  t.equal(push.status, 202);
  await waitFor(async () => ((await ingest.rawQueue.getJobs(['waiting', 'active', 'completed'])).length === 2 ? true : undefined), { timeoutMs: 15_000, what: 'the pushed item queued' });
  t.ok(Date.now() - pushedAt < 15_000, `queued ${String(Date.now() - pushedAt)} ms after the push`);
  const titles = (await ingest.rawQueue.getJobs(['waiting', 'active', 'completed'])).map((j) => j.data.article.title).sort();
  t.same(titles, ['Basra port reopens after the storm', 'Oil exports resume from the southern terminals']);
  t.ok((await registry.get(id))!.status.websubLastPushAt, 'the push is on the feed status');
  const metrics = await (await fetch(`${api}/metrics`)).text();
  t.match(metrics, /akhbar_websub_callbacks_total\{[^}]*kind="push"[^}]*outcome="fetch-queued"[^}]*\} 1/);
  t.match(metrics, /akhbar_websub_callbacks_total\{[^}]*kind="push"[^}]*outcome="bad-signature"[^}]*\} 2/);

  // A later poll within the lease asks nothing more of the hub.
  const poll = async () => {
    const job = await ingest.fetchQueue.add('fetch', { v: 1, feedId: id, reason: 'manual' });
    await waitFor(async () => ((await job.getState()) === 'completed' ? true : undefined), { timeoutMs: 15_000, what: 'a poll' });
    return (await ingest.fetchQueue.getJob(job.id!))!.returnvalue.outcome;
  };
  await waitFor(async () => ((await ingest.fetchQueue.getJobs(['waiting', 'active', 'prioritized'])).length === 0 ? true : undefined), { timeoutMs: 15_000, what: 'the push fetch to finish' });
  t.equal(await poll(), 'fetched');
  t.equal(hub.subs.length, 1, 'one subscription request in all');

  // Close to lapsing, the next poll renews it with a new secret; a push the hub signed with the
  // old one while the renewal was under way still counts.
  await registry.updateStatus(id, { websubExpiresAt: new Date(Date.now() + 10 * 60_000).toISOString() });
  t.equal(await poll(), 'fetched');
  const renewal = await waitFor(() => hub.subs[1]?.verified && hub.subs[1], { timeoutMs: 15_000, what: 'the renewal' });
  t.not(renewal.secret, sub.secret, 'a new secret');
  t.equal(renewal.verified!.body, renewal.verified!.challenge, 'verified like the first');
  t.ok(Date.parse((await registry.get(id))!.status.websubExpiresAt!) > Date.now() + 50 * 60_000, 'the lease runs again from now');
  const late = await fetch(sub.callback, { method: 'POST', headers: { 'content-type': 'application/rss+xml', 'x-hub-signature': sign(body, sub.secret, 'sha512') }, body });
  t.equal(late.status, 202);
  await gateway.waitForLog((l) => l.msg === 'WebSub push: feed fetch queued' && l !== gateway.logs.find((x) => x.msg === 'WebSub push: feed fetch queued'));

  // The hub denies it later (§5.2): the feed says so, and polling goes on.
  const denied = await fetch(`${sub.callback}?${new URLSearchParams({ 'hub.mode': 'denied', 'hub.topic': sub.topic, 'hub.reason': 'publisher left' }).toString()}`);
  t.equal(denied.status, 200);
  t.equal((await registry.get(id))!.status.websubState, 'denied');

  // A removed feed's pushes get 410 Gone, so the hub drops the subscription.
  await waitFor(async () => ((await ingest.fetchQueue.getJobs(['waiting', 'active', 'prioritized'])).length === 0 ? true : undefined), { timeoutMs: 15_000, what: 'the last fetch to finish' });
  t.equal((await fetch(`${api}/v1/feeds/${id}`, { method: 'DELETE', headers: { authorization: headers.authorization } })).status, 204);
  t.equal(await new WebSubStore(redis, queuePrefix).get(id), undefined, 'its subscription secret is gone with it');
  const gone = await fetch(sub.callback, { method: 'POST', headers: { 'content-type': 'application/rss+xml', 'x-hub-signature': sign(body, sub.secret) }, body });
  t.equal(gone.status, 410);
});

/**
 * Ingest alone (no gateway) with a hub and a one-item Atom feed naming it, the feed registered:
 * what the tests on how the hub answers share. Everything is closed when `t` ends.
 */
async function hubRig(t: { teardown: (fn: () => Promise<void>) => void }, label: string, site: { title: string; item: string }) {
  const queuePrefix = uniqueQueuePrefix(label);
  const hub = await startHub();
  const feeds = await startFeedServer({
    '/feed.xml': {
      body: `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>${site.title}</title><id>x</id><updated>2026-01-01T00:00:00Z</updated><link rel="hub" href="${hub.url}"/>` +
        `<entry><title>${site.item}</title><link href="{{BASE}}/a"/><id>a</id><updated>{{ISO:-1h}}</updated></entry></feed>`,
    },
  });
  const redis = new Redis(testRedisUrl(), { maxRetriesPerRequest: null });
  const ingest = createIngest(
    loadIngestConfig({ REDIS_URL: testRedisUrl(), AKHBAR_QUEUE_PREFIX: queuePrefix, AKHBAR_ALLOW_PRIVATE_NETWORKS: 'true', INGEST_HOST_DELAY_MS: '0', INGEST_WEBSUB_CALLBACK_URL: 'https://news.example.org', LOG_LEVEL: 'silent' }),
    redis,
    createLogger('ingest-test', 'silent'),
  );
  t.teardown(async () => {
    await ingest.close();
    redis.disconnect();
    await feeds.close();
    await new Promise((resolve) => hub.server.close(resolve));
    await deleteRedisPrefix(queuePrefix);
  });
  const registry = new FeedRegistry(redis, queuePrefix);
  const { feed } = await registry.add({ url: `${feeds.url}/feed.xml` });
  return { hub, ingest, registry, feed };
}

t.test('a hub that cannot be asked leaves the feed polled, its subscription marked failed', async (t) => {
  const { hub, ingest, registry, feed } = await hubRig(t, 'websub-down', { title: 'Mosul Daily', item: 'Bridge reopens' });
  hub.refuse = true;
  await ingest.fetchQueue.add('fetch', { v: 1, feedId: feed.id, reason: 'new' });
  const after = await waitFor(async () => {
    const f = await registry.get(feed.id);
    return f?.status.websubState && f.status.websubState !== 'pending' ? f : undefined;
  }, { timeoutMs: 15_000, what: 'the subscription attempt' });
  t.match(after.status, { state: 'active', itemsSeen: 1, websubState: 'failed', websubHub: hub.url }, 'fetched as ever; the hub could not be asked');
  t.equal((await ingest.rawQueue.getJobs(['waiting'])).length, 1);
});

t.test('a hub that verifies before it answers the request: the subscription stays active', async (t) => {
  const { hub, ingest, registry, feed } = await hubRig(t, 'websub-fast', { title: 'Kirkuk Now', item: 'Oil field output rises' });
  // The gateway's answer to the verification (what it writes when the challenge is echoed) lands
  // before the hub's 202 reaches the subscriber.
  hub.beforeAnswer = () => registry.updateStatus(feed.id, { websubState: 'active', websubExpiresAt: new Date(Date.now() + 3600_000).toISOString() });
  const job = await ingest.fetchQueue.add('fetch', { v: 1, feedId: feed.id, reason: 'new' });
  await waitFor(async () => ((await job.getState()) === 'completed' ? true : undefined), { timeoutMs: 15_000, what: 'the fetch' });
  t.equal(hub.subs.length, 1, 'asked once');
  t.match((await registry.get(feed.id))?.status, { websubState: 'active', websubHub: hub.url }, 'the answer that came after the verification does not set it back to pending');
});
