import t from 'tap';
import { parseOpml } from '@akhbar/feeds';
import { fixtureFeedRoutes, startFeedServer, type FeedServer } from '@akhbar/testkit';
import { admin, testGateway, type TestGateway } from './helpers.ts';

/** Feed administration over real Redis (registry, fetch queue) and a local feed server. */
let gw: TestGateway;
let site: FeedServer;
t.before(async () => {
  gw = await testGateway({ label: 'feeds' });
  site = await startFeedServer({
    ...fixtureFeedRoutes(),
    '/news/': {
      body: `<!doctype html><html><head><title>Rafidain</title>
        <link rel="alternate" type="application/rss+xml" title="الأخبار" href="/rafidain-news.ar.rss.xml">
        <link rel="alternate" type="application/atom+xml" title="Gulf" href="{{BASE}}/gulf-wire.en.atom.xml">
        </head><body><p>مرحبا</p></body></html>`,
      headers: { 'content-type': 'text/html; charset=utf-8' },
    },
    '/sitemap-news.xml': {
      body: `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url><loc>{{BASE}}/2026/11/30/budget-session</loc><news:news><news:publication><news:name>الرافدين</news:name><news:language>ar</news:language></news:publication>
  <news:publication_date>2026-11-30T08:00:00+03:00</news:publication_date><news:title>البرلمان يبدأ مناقشة الموازنة</news:title></news:news></url>
</urlset>`,
      headers: { 'content-type': 'application/xml' },
    },
    '/blank.html': { body: '<!doctype html><html><head><title>x</title></head><body>nothing</body></html>', headers: { 'content-type': 'text/html' } },
    '/data.bin': { body: Buffer.from([0, 1, 2, 3, 4]), headers: { 'content-type': 'application/octet-stream' } },
  });
});
t.teardown(async () => {
  await gw?.close();
  await site?.close();
});

const post = (url: string, payload: unknown, headers: Record<string, string> = admin) =>
  gw.app.inject({ method: 'POST', url, payload: payload as object, headers });

t.test('admin routes need the admin token', async (t) => {
  for (const [method, url] of [['GET', '/v1/feeds'], ['POST', '/v1/feeds'], ['GET', '/v1/feeds/export'], ['POST', '/v1/feeds/import'], ['DELETE', '/v1/feeds/fabc'], ['POST', '/v1/feeds/fabc/refresh']] as const) {
    const none = await gw.app.inject({ method, url });
    t.equal(none.statusCode, 401, `${method} ${url} without token → 401`);
    t.match(none.json(), { error: { code: 'AKHBAR_UNAUTHORIZED' } });
    const wrong = await gw.app.inject({ method, url, headers: { authorization: 'Bearer test-admin-token-012345678X' } });
    t.equal(wrong.statusCode, 401, 'a wrong token of the same length → 401');
  }
  const closed = await testGateway({ label: 'feeds-closed', adminToken: undefined });
  t.teardown(() => closed.close());
  const res = await closed.app.inject({ method: 'GET', url: '/v1/feeds', headers: admin });
  t.equal(res.statusCode, 401, 'no AKHBAR_ADMIN_TOKEN → admin closed');
  t.match(res.json().error.message, /AKHBAR_ADMIN_TOKEN/);
});

t.test('register, list, get, refresh, delete', async (t) => {
  const url = `${site.url}/baghdad-today.ar.rss.xml?utm_source=x`;
  const created = await post('/v1/feeds', { url, title: 'Baghdad Today', country: 'IQ' });
  t.equal(created.statusCode, 201);
  const feed = created.json();
  t.match(feed, { url: `${site.url}/baghdad-today.ar.rss.xml`, title: 'Baghdad Today', country: 'IQ', status: { state: 'new' } });
  const again = await post('/v1/feeds', { url });
  t.equal(again.statusCode, 200, 'the same feed again → 200 with the existing record');
  t.equal(again.json().id, feed.id);
  const jobs = await gw.app.queues.fetch.getJobs(['waiting', 'prioritized', 'delayed']);
  t.ok(jobs.some((j) => j.data.feedId === feed.id && j.data.reason === 'new'), 'its first fetch is queued');

  const list = await gw.app.inject({ url: '/v1/feeds', headers: admin });
  t.equal(list.statusCode, 200);
  t.match(list.json().feeds.find((f: { id: string }) => f.id === feed.id), { id: feed.id, counts: { seen: 0, indexed: 0 } }, 'counts even without an index');

  const one = await gw.app.inject({ url: `/v1/feeds/${feed.id as string}`, headers: admin });
  t.equal(one.statusCode, 200);
  t.match(one.json(), { id: feed.id, status: { state: 'new', consecutiveFailures: 0 }, counts: { indexed: 0 } });

  await gw.app.registry.updateStatus(feed.id, { state: 'failing', lastErrorCode: 'AKHBAR_FEED_HTTP_STATUS', lastError: 'HTTP 503', consecutiveFailures: 2 });
  const failing = await gw.app.inject({ url: '/v1/feeds?state=failing', headers: admin });
  t.same(failing.json().feeds.map((f: { id: string }) => f.id), [feed.id], 'filter by state');
  t.match(failing.json().feeds[0].status, { lastErrorCode: 'AKHBAR_FEED_HTTP_STATUS', lastError: 'HTTP 503' }, 'errors are shown');

  const refresh = await gw.app.inject({ method: 'POST', url: `/v1/feeds/${feed.id as string}/refresh`, headers: admin });
  t.equal(refresh.statusCode, 202);
  const job = await gw.app.queues.fetch.getJob(refresh.json().jobId);
  t.same(job?.data, { v: 1, feedId: feed.id, reason: 'manual' }, 'a manual fetch job is queued');

  t.equal((await gw.app.inject({ method: 'POST', url: '/v1/feeds/fnope/refresh', headers: admin })).statusCode, 404);
  t.equal((await gw.app.inject({ url: '/v1/feeds/fnope', headers: admin })).statusCode, 404);
  const del = await gw.app.inject({ method: 'DELETE', url: `/v1/feeds/${feed.id as string}`, headers: admin });
  t.equal(del.statusCode, 204);
  t.equal((await gw.app.inject({ method: 'DELETE', url: `/v1/feeds/${feed.id as string}`, headers: admin })).statusCode, 404);
  t.equal((await gw.app.inject({ url: `/v1/feeds/${feed.id as string}`, headers: admin })).statusCode, 404);
});

t.test('a site URL that is not a feed answers with the feeds it links', async (t) => {
  const res = await post('/v1/feeds', { url: `${site.url}/news/` });
  t.equal(res.statusCode, 422);
  const body = res.json();
  t.equal(body.error.code, 'AKHBAR_FEED_NOT_A_FEED');
  t.same(body.feeds.map((f: { url: string }) => f.url).sort(), [`${site.url}/gulf-wire.en.atom.xml`, `${site.url}/rafidain-news.ar.rss.xml`]);
  t.ok(body.feeds.some((f: { title?: string }) => f.title === 'الأخبار'));
  t.equal((await gw.app.registry.list()).filter((f) => f.url.includes('/news/')).length, 0, 'nothing registered');

  const blank = await post('/v1/feeds', { url: `${site.url}/blank.html` });
  t.equal(blank.statusCode, 422);
  t.same(blank.json().feeds, []);
  const bin = await post('/v1/feeds', { url: `${site.url}/data.bin` });
  t.equal(bin.statusCode, 422);
  const missing = await post('/v1/feeds', { url: `${site.url}/nowhere.xml` });
  t.equal(missing.statusCode, 502, 'an unreachable URL → 502');
  t.equal(missing.json().error.code, 'AKHBAR_FEED_UNREACHABLE');
  const forced = await post('/v1/feeds', { url: `${site.url}/nowhere.xml`, discover: false });
  t.equal(forced.statusCode, 201, 'discover: false registers without fetching');
});

t.test('a news sitemap registers as a feed (ingest reads it)', async (t) => {
  const res = await post('/v1/feeds', { url: `${site.url}/sitemap-news.xml`, category: 'Iraq' });
  t.equal(res.statusCode, 201, res.body);
  t.match(res.json(), { url: `${site.url}/sitemap-news.xml`, category: 'Iraq' });
});

t.test('feed bodies are validated', async (t) => {
  for (const [payload, param] of [
    [{ url: 'ftp://example.com/feed.xml' }, 'url'],
    [{ url: 'not a url at all' }, 'url'],
    [{ url: 'https://example.com/feed', intervalSec: 5 }, 'intervalSec'],
    [{ url: 'https://example.com/feed', colour: 'red' }, 'colour'],
    [{}, 'url'],
  ] as const) {
    const res = await post('/v1/feeds', payload);
    t.equal(res.statusCode, 400, JSON.stringify(payload));
    t.equal(res.json().error.param, param, `names ${param}`);
  }
  const badJson = await gw.app.inject({ method: 'POST', url: '/v1/feeds', payload: '{"url":', headers: { ...admin, 'content-type': 'application/json' } });
  t.equal(badJson.statusCode, 400);
  t.match(badJson.json(), { error: { code: 'AKHBAR_BAD_REQUEST' } });
  const latin1 = await gw.app.inject({ method: 'POST', url: '/v1/feeds', payload: Buffer.from('{"url":"https://example.com/\xe9"}', 'latin1'), headers: { ...admin, 'content-type': 'application/json' } });
  t.equal(latin1.statusCode, 400, 'a body that is not UTF-8 → 400');
  t.equal(latin1.json().error.code, 'AKHBAR_BAD_ENCODING');
  const guarded = await testGateway({ label: 'feeds-guard', allowPrivateNetworks: false });
  t.teardown(() => guarded.close());
  const res = await guarded.app.inject({ method: 'POST', url: '/v1/feeds', payload: { url: `${site.url}/gulf-wire.en.atom.xml` }, headers: admin });
  t.equal(res.statusCode, 400, 'a private address is refused unless allowed');
  t.equal(res.json().error.param, 'url');
});

t.test('OPML import and export', async (t) => {
  const opml = `<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0"><head><title>My news</title></head><body>
  <outline text="Iraq">
    <outline type="rss" text="الرافدين" xmlUrl="${site.url}/rafidain-news.ar.rss.xml" htmlUrl="${site.url}/" language="ar"/>
    <outline type="rss" text="Baghdad Today" xmlUrl="${site.url}/baghdad-today.ar.rss.xml"/>
  </outline>
  <outline type="rss" text="Gulf Wire" xmlUrl="${site.url}/gulf-wire.en.atom.xml"/>
  <outline type="rss" text="Broken" xmlUrl="javascript:alert(1)"/>
</body></opml>`;
  const res = await gw.app.inject({ method: 'POST', url: '/v1/feeds/import', payload: opml, headers: { ...admin, 'content-type': 'text/x-opml' } });
  t.equal(res.statusCode, 200);
  const body = res.json();
  t.equal(body.added + body.existing, 3);
  t.ok(body.added >= 2);
  const again = await gw.app.inject({ method: 'POST', url: '/v1/feeds/import', payload: opml, headers: { ...admin, 'content-type': 'application/xml' } });
  t.match(again.json(), { added: 0, existing: 3 }, 'importing twice adds nothing');

  const bad = await gw.app.inject({ method: 'POST', url: '/v1/feeds/import', payload: '<html><body>hi</body></html>', headers: { ...admin, 'content-type': 'text/xml' } });
  t.equal(bad.statusCode, 400);
  t.equal(bad.json().error.code, 'AKHBAR_FEED_BAD_OPML');
  const empty = await gw.app.inject({ method: 'POST', url: '/v1/feeds/import', payload: '', headers: { ...admin, 'content-type': 'text/x-opml' } });
  t.equal(empty.statusCode, 400);

  const exp = await gw.app.inject({ url: '/v1/feeds/export', headers: admin });
  t.equal(exp.statusCode, 200);
  t.match(exp.headers['content-type'], /^text\/x-opml/);
  const back = parseOpml(exp.body).map((o) => o.url);
  for (const f of await gw.app.registry.list()) t.ok(back.includes(f.url), `export lists ${f.url}`);
  t.ok(parseOpml(exp.body).some((o) => o.title === 'الرافدين'), 'Arabic titles survive the round trip');
});

t.test('a body over the limit is refused with 413', async (t) => {
  const small = await testGateway({ label: 'feeds-limit', bodyLimit: 2048 });
  t.teardown(() => small.close());
  const res = await small.app.inject({ method: 'POST', url: '/v1/feeds/import', payload: 'x'.repeat(5000), headers: { ...admin, 'content-type': 'text/x-opml' } });
  t.equal(res.statusCode, 413);
  t.equal(res.json().error.code, 'AKHBAR_PAYLOAD_TOO_LARGE');
});

t.test('PATCH changes settings, the full-text policy, and disables or re-enables a feed', async (t) => {
  const created = await post('/v1/feeds', { url: `${site.url}/le-monde-arabe.fr.rss.xml`, discover: false });
  const id = created.json().id as string;
  const patch = (payload: unknown, headers: Record<string, string> = admin) => gw.app.inject({ method: 'PATCH', url: `/v1/feeds/${id}`, payload: payload as object, headers });

  t.equal((await patch({ fulltext: 'never' }, {})).statusCode, 401, 'needs the admin token');
  const changed = await patch({ fulltext: 'always', intervalSec: 3600, title: 'Le Courrier' });
  t.equal(changed.statusCode, 200);
  t.match(changed.json(), { id, fulltext: 'always', intervalSec: 3600, title: 'Le Courrier' });
  t.equal((await gw.app.registry.require(id)).fulltext, 'always', 'stored in the registry ingest reads');

  const disabled = await patch({ enabled: false });
  t.equal(disabled.json().status.state, 'disabled', 'disabled: the scheduler stops polling it');

  await gw.app.registry.updateStatus(id, { consecutiveFailures: 7 });
  const enabled = await patch({ enabled: true });
  t.match(enabled.json().status, { state: 'active', consecutiveFailures: 0 }, 're-enabled with failures reset');
  const jobs = await gw.app.queues.fetch.getJobs(['waiting', 'prioritized', 'delayed']);
  t.ok(jobs.some((j) => j.data.feedId === id && j.data.reason === 'manual'), 'and fetched at once');

  for (const [payload, param] of [[{ fulltext: 'sometimes' }, 'fulltext'], [{}, undefined], [{ url: 'https://x.example/' }, 'url']] as const) {
    const bad = await patch(payload);
    t.equal(bad.statusCode, 400, `${JSON.stringify(payload)} → 400`);
    if (param) t.match(bad.json().error.message, param, 'the error names the field');
  }
  t.equal((await gw.app.inject({ method: 'PATCH', url: '/v1/feeds/fnope', payload: { title: 'x' }, headers: admin })).statusCode, 404);
});
