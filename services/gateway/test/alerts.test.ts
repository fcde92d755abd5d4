import t from 'tap';
import { AlertRegistry } from '@akhbar/core';
import { KADHIMI, SOURCES, loadFixtures } from './fixtures/articles.ts';
import { HOUR, withArticles } from './fixtures/build.ts';
import { waitFor } from '@akhbar/testkit';
import { build } from '../src/app.ts';
import { ADMIN_TOKEN, admin, testGateway, type TestGateway } from './helpers.ts';

/**
 * Alerts admin over real Redis (the registry) and Elasticsearch (the stored query is run against
 * the fixture index to show it selects what the search selects). Delivery itself is tested in
 * services/indexer/test/alerts.test.ts and end to end in test/e2e.test.ts.
 */
let gw: TestGateway;
t.before(async () => {
  gw = await testGateway({ label: 'alerts' });
  await loadFixtures(gw.indexPrefix, gw.es);
});
t.teardown(async () => {
  await gw?.close();
});

const create = (payload: unknown, headers: Record<string, string> = admin) => gw.app.inject({ method: 'POST', url: '/v1/alerts', payload: payload as object, headers });

t.test('alerts are admin only', async (t) => {
  for (const [method, url] of [['GET', '/v1/alerts'], ['POST', '/v1/alerts'], ['GET', '/v1/alerts/abc'], ['DELETE', '/v1/alerts/abc'], ['POST', '/v1/alerts/abc/test']] as const) {
    const res = await gw.app.inject({ method, url });
    t.equal(res.statusCode, 401, `${method} ${url} without the token`);
    t.match(res.json(), { error: { code: 'AKHBAR_UNAUTHORIZED' } });
  }
});

t.test('create, list, read and delete an alert; the secret is shown once', async (t) => {
  const res = await create({ name: 'Kadhimi in Arabic and English', webhook: 'https://hooks.example/akhbar', query: { q: 'Kadhimi', lang: 'ar,en' } });
  t.equal(res.statusCode, 201);
  const made = res.json() as Record<string, any>;
  t.match(made, { name: 'Kadhimi in Arabic and English', webhook: 'https://hooks.example/akhbar', query: { q: 'Kadhimi', lang: 'ar,en' } });
  t.match(made.id, /^[A-Za-z0-9_-]{8,}$/);
  t.ok(String(made.secret).length >= 24, 'a generated secret');
  t.ok(made.expandedEntities.some((e: { name: string }) => /Kadhimi/.test(e.name)), 'the name was expanded to the entity, as a search does');
  t.equal(made.searchUrl, '/v1/search?q=Kadhimi&lang=ar%2Cen&sort=newest');

  // The stored query selects what the search with the same parameters selects.
  const stored = await new AlertRegistry(gw.redis, gw.queuePrefix).get(made.id);
  const viaAlert = await gw.es.search({ index: `${gw.indexPrefix}-articles`, query: stored!.query, size: 100, _source: false });
  const viaSearch = (await gw.app.inject({ url: made.searchUrl })).json() as { hits: Array<{ id: string }> };
  t.ok(viaSearch.hits.length > 0, 'the search finds articles');
  t.same(viaAlert.hits.hits.map((h) => h._id).sort(), viaSearch.hits.map((h) => h.id).sort(), 'the alert matches the same articles, Arabic ones included');

  const list = (await gw.app.inject({ url: '/v1/alerts', headers: admin })).json() as { alerts: Array<Record<string, unknown>> };
  t.same(list.alerts.map((a) => a.id), [made.id]);
  t.notOk('secret' in list.alerts[0]!, 'listing never shows the secret');
  t.same(list.alerts[0]!.status, { delivered: 0, failed: 0 }, 'with how its deliveries went: none yet');
  const one = await gw.app.inject({ url: `/v1/alerts/${String(made.id)}`, headers: admin });
  t.equal(one.statusCode, 200);
  t.notOk('secret' in (one.json() as object));

  const own = await create({ name: 'oil', webhook: 'https://hooks.example/oil', query: { topic: 'energy' }, secret: 'my-own-secret-0123456789' });
  t.equal(own.json().secret, 'my-own-secret-0123456789', 'a secret of your own is kept');

  t.equal((await gw.app.inject({ method: 'DELETE', url: `/v1/alerts/${String(made.id)}`, headers: admin })).statusCode, 204);
  t.equal((await gw.app.inject({ url: `/v1/alerts/${String(made.id)}`, headers: admin })).statusCode, 404);
  t.equal((await gw.app.inject({ method: 'DELETE', url: `/v1/alerts/${String(made.id)}`, headers: admin })).statusCode, 404, 'deleting twice: 404');
  t.same(((await gw.app.inject({ url: '/v1/alerts', headers: admin })).json() as { alerts: Array<{ name: string }> }).alerts.map((a) => a.name), ['oil']);
});

t.test('a test delivery queues the newest matching article, marked as a test', async (t) => {
  const made = (await create({ name: 'Basra', webhook: 'https://hooks.example/basra', query: { q: 'Kadhimi' } })).json() as { id: string; searchUrl: string };
  const newest = ((await gw.app.inject({ url: made.searchUrl })).json() as { hits: Array<{ id: string; title: string }> }).hits[0]!;
  const res = await gw.app.inject({ method: 'POST', url: `/v1/alerts/${made.id}/test`, headers: admin });
  t.equal(res.statusCode, 202);
  t.match(res.json(), { queued: true, article: { id: newest.id, title: newest.title } }, 'the newest article the alert matches');
  const jobs = await gw.app.queues.alerts.getJobs(['waiting']);
  const job = jobs.find((j) => (j.data as { alertId: string }).alertId === made.id);
  t.match(job?.data, { v: 1, alertId: made.id, test: true, article: { id: newest.id, title: newest.title, lang: String } }, 'queued for the delivery worker, as a match is');

  // An alert on stories: the test carries the story's spread, as its real deliveries do.
  const spreading = (await create({ name: 'Basra stories', webhook: 'https://hooks.example/basra-stories', query: { q: 'Kadhimi' }, minSources: 2 })).json() as { id: string };
  t.teardown(() => gw.app.inject({ method: 'DELETE', url: `/v1/alerts/${spreading.id}`, headers: admin }));
  t.equal((await gw.app.inject({ method: 'POST', url: `/v1/alerts/${spreading.id}/test`, headers: admin })).statusCode, 202);
  const storyJob = (await gw.app.queues.alerts.getJobs(['waiting'])).find((j) => (j.data as { alertId: string }).alertId === spreading.id);
  const story = (await gw.app.inject({ url: `/v1/stories/${String((storyJob?.data as { article: { storyId: string } }).article.storyId)}` })).json() as { id: string; size: number; sources: unknown[] };
  t.same((storyJob?.data as { article: { story?: unknown } }).article.story, { id: story.id, sources: story.sources.length, articles: story.size }, "its story's sources and articles, as /v1/stories/:id counts them");

  const quiet = (await create({ name: 'nothing', webhook: 'https://hooks.example/none', query: { q: 'zanzibarqq', lang: 'ar' } })).json() as { id: string };
  const none = await gw.app.inject({ method: 'POST', url: `/v1/alerts/${quiet.id}/test`, headers: admin });
  t.equal(none.statusCode, 422, 'nothing matches yet');
  t.match(none.json(), { error: { code: 'AKHBAR_ALERT_NO_MATCH' } });
  t.equal((await gw.app.inject({ method: 'POST', url: '/v1/alerts/nosuchalert/test', headers: admin })).statusCode, 404);
});

t.test('an alert can follow one story: the articles that join it, in any language', async (t) => {
  const res = await create({ name: 'the visit', webhook: 'https://hooks.example/visit', query: { story: 'story-visit' } });
  t.equal(res.statusCode, 201);
  const made = res.json() as { id: string; searchUrl: string };
  t.equal(made.searchUrl, '/v1/search?story=story-visit&sort=newest');
  const stored = await new AlertRegistry(gw.redis, gw.queuePrefix).get(made.id);
  const matched = await gw.es.search({ index: `${gw.indexPrefix}-articles`, query: stored!.query, size: 100, _source: ['storyId', 'lang'] });
  t.same(matched.hits.hits.map((h) => (h._source as { lang: string }).lang).sort(), ['ar', 'en', 'fr'], 'its stored query selects the story\'s articles in every language');
  t.ok(matched.hits.hits.every((h) => (h._source as { storyId: string }).storyId === 'story-visit'), 'and nothing else');
});

t.test('a digest alert: created with its period, shown with it, and its test is a one-article digest', async (t) => {
  const res = await create({ name: 'daily Kadhimi', webhook: 'https://hooks.example/daily', query: { q: 'Kadhimi' }, digest: '1d' });
  t.equal(res.statusCode, 201);
  const made = res.json() as { id: string; digest?: string };
  t.equal(made.digest, '1d');
  t.equal(((await gw.app.inject({ url: `/v1/alerts/${made.id}`, headers: admin })).json() as { digest?: string }).digest, '1d', 'kept');
  const test = await gw.app.inject({ method: 'POST', url: `/v1/alerts/${made.id}/test`, headers: admin });
  t.equal(test.statusCode, 202);
  const jobs = await gw.app.queues.alerts.getJobs(['waiting']);
  const job = jobs.find((j) => (j.data as { alertId: string }).alertId === made.id);
  t.match(job?.data, { v: 1, alertId: made.id, digest: true, test: true, articles: [{ id: (test.json() as { article: { id: string } }).article.id }] });
  for (const digest of ['0h', '2m30', '8d', '10000m', 'hourly']) {
    const bad = await create({ name: 'x', webhook: 'https://hooks.example/x', query: { q: 'Kadhimi' }, digest });
    t.equal(bad.statusCode, 400, `digest ${digest}`);
    t.match(bad.json(), { error: { code: 'AKHBAR_BAD_PARAMETER' } });
  }
});

t.test('PATCH changes what is sent: name, webhook, query (re-expanded), digest on and off, a new secret', async (t) => {
  const made = (await create({ name: 'oil', webhook: 'https://hooks.example/oil', query: { q: 'oil' } })).json() as { id: string; secret: string };
  const patch = (payload: unknown) => gw.app.inject({ method: 'PATCH', url: `/v1/alerts/${made.id}`, payload: payload as object, headers: admin });
  const stored = () => new AlertRegistry(gw.redis, gw.queuePrefix).get(made.id);

  const renamed = await patch({ name: 'Kadhimi', query: { q: 'Kadhimi', lang: 'ar,en' }, digest: '1h' });
  t.equal(renamed.statusCode, 200);
  t.match(renamed.json(), { id: made.id, name: 'Kadhimi', webhook: 'https://hooks.example/oil', query: { q: 'Kadhimi', lang: 'ar,en' }, digest: '1h', searchUrl: '/v1/search?q=Kadhimi&lang=ar%2Cen&sort=newest' });
  t.ok((renamed.json() as { expandedEntities: Array<{ name: string }> }).expandedEntities.some((e) => /Kadhimi/.test(e.name)), 'the new query is expanded to its entities');
  t.notOk('secret' in (renamed.json() as object), 'the secret is not shown again');
  const after = await stored();
  t.equal(after!.secret, made.secret, 'and not changed');
  const matched = await gw.es.search({ index: `${gw.indexPrefix}-articles`, query: after!.query, size: 100, _source: ['lang'] });
  t.ok(matched.hits.hits.length > 0 && matched.hits.hits.every((h) => ['ar', 'en'].includes((h._source as { lang: string }).lang)), 'the stored query is the new one');

  const instant = await patch({ digest: null, webhook: 'https://hooks.example/kadhimi' });
  t.equal(instant.statusCode, 200);
  t.notOk('digest' in (instant.json() as object), 'digest: null goes back to one POST per article');
  t.equal((instant.json() as { webhook: string }).webhook, 'https://hooks.example/kadhimi');

  const rotated = await patch({ rotateSecret: true });
  const secret = (rotated.json() as { secret: string }).secret;
  t.ok(secret.length >= 24 && secret !== made.secret, 'a new secret, shown once');
  t.equal((await stored())!.secret, secret, 'and used from now on');

  for (const [payload, param] of [[{}, undefined], [{ webhook: 'ftp://x.example/' }, 'webhook'], [{ query: {} }, 'query'], [{ digest: '8d' }, 'digest'], [{ colour: 'red' }, undefined]] as const) {
    const bad = await patch(payload);
    t.equal(bad.statusCode, 400, JSON.stringify(payload));
    if (param) t.match(bad.json(), { error: { param } });
  }
  t.equal((await gw.app.inject({ method: 'PATCH', url: '/v1/alerts/nosuchalert', payload: { name: 'x' }, headers: admin })).statusCode, 404);
  t.equal((await gw.app.inject({ method: 'PATCH', url: `/v1/alerts/${made.id}`, payload: { name: 'x' } })).statusCode, 401, 'admin only');
});

t.test('an alert for a chat webhook: format=slack or discord, shown, changed back with PATCH', async (t) => {
  const res = await create({ name: 'newsroom', webhook: 'https://hooks.slack.example/services/T/B/x', query: { q: 'Kadhimi' }, format: 'slack' });
  t.equal(res.statusCode, 201);
  const made = res.json() as { id: string; format?: string };
  t.equal(made.format, 'slack');
  const back = await gw.app.inject({ method: 'PATCH', url: `/v1/alerts/${made.id}`, payload: { format: 'akhbar' }, headers: admin });
  t.notOk('format' in (back.json() as object), 'the default format is not shown');
  t.equal((await new AlertRegistry(gw.redis, gw.queuePrefix).get(made.id))!.alert.format, undefined);
  const bad = await create({ name: 'x', webhook: 'https://hooks.example/x', query: { q: 'Kadhimi' }, format: 'teams' });
  t.equal(bad.statusCode, 400);
});

t.test('an email alert: mailto: one address, when an SMTP server is configured; a chat format is refused for it', async (t) => {
  const none = await create({ name: 'desk', webhook: 'mailto:desk@news.example', query: { q: 'Kadhimi' } });
  t.equal(none.statusCode, 400, 'no SMTP server configured here');
  t.match(none.json(), { error: { param: 'webhook', message: /AKHBAR_SMTP_URL/ } }, 'says what to set');

  const mail = await testGateway({ label: 'alerts-mail', emailAlerts: true, indexPrefix: gw.indexPrefix, queuePrefix: gw.queuePrefix });
  const post = (payload: unknown) => mail.app.inject({ method: 'POST', url: '/v1/alerts', payload: payload as object, headers: admin });
  const made = await post({ name: 'desk', webhook: 'mailto:desk@news.example', query: { q: 'Kadhimi' }, digest: '1d' });
  t.equal(made.statusCode, 201);
  const alert = made.json() as { id: string; webhook: string; digest: string };
  t.teardown(() => gw.app.inject({ method: 'DELETE', url: `/v1/alerts/${alert.id}`, headers: admin }));
  t.match(alert, { webhook: 'mailto:desk@news.example', digest: '1d' }, 'stored as one clean address, a digest like any');
  t.notOk('secret' in alert, 'no signing secret: an email is not signed');
  t.equal((await new AlertRegistry(gw.redis, gw.queuePrefix).get(alert.id))!.secret, undefined, 'none stored either');
  const signed = await post({ name: 'x', webhook: 'mailto:desk@news.example', query: { q: 'Kadhimi' }, secret: 'a-secret-of-sixteen-or-more' });
  t.match(signed.json(), { error: { code: 'AKHBAR_BAD_PARAMETER', param: 'secret', message: /not signed/ } }, 'a secret given for one is refused, named');
  const rotate = await mail.app.inject({ method: 'PATCH', url: `/v1/alerts/${alert.id}`, payload: { rotateSecret: true }, headers: admin });
  t.match(rotate.json(), { error: { param: 'rotateSecret' } }, 'nor has it a secret to rotate');
  for (const webhook of ['mailto:x', 'mailto:desk', 'mailto:a@b.example,c@d.example', 'mailto:desk@news.example?cc=boss@news.example', 'mailto:Desk <desk@news.example>']) {
    const res = await post({ name: 'x', webhook, query: { q: 'Kadhimi' } });
    t.equal(res.statusCode, 400, `${webhook} refused`);
    t.match(res.json(), { error: { param: 'webhook', message: /one email address/ } });
  }
  const slack = await post({ name: 'x', webhook: 'mailto:desk@news.example', query: { q: 'Kadhimi' }, format: 'slack' });
  t.match(slack.json(), { error: { param: 'format' } }, 'a chat format shapes a webhook, not an email');
  const chat = await post({ name: 'chat', webhook: 'https://hooks.slack.example/services/T/B/x', query: { q: 'Kadhimi' }, format: 'slack' });
  const chatId = (chat.json() as { id: string }).id;
  t.teardown(() => gw.app.inject({ method: 'DELETE', url: `/v1/alerts/${chatId}`, headers: admin }));
  const moved = await mail.app.inject({ method: 'PATCH', url: `/v1/alerts/${chatId}`, payload: { webhook: 'mailto:desk@news.example' }, headers: admin });
  t.match(moved.json(), { error: { param: 'format' } }, 'nor can a Slack alert move to an address without dropping its format');
  const both = await mail.app.inject({ method: 'PATCH', url: `/v1/alerts/${chatId}`, payload: { webhook: 'mailto:desk@news.example', format: 'akhbar' }, headers: admin });
  t.equal(both.statusCode, 200, 'with it dropped, it can');
  t.equal((both.json() as { webhook: string }).webhook, 'mailto:desk@news.example');
  t.notOk('secret' in (both.json() as object));
  t.equal((await new AlertRegistry(gw.redis, gw.queuePrefix).get(chatId))!.secret, undefined, 'its secret is dropped with its webhook');
  const back = await mail.app.inject({ method: 'PATCH', url: `/v1/alerts/${chatId}`, payload: { webhook: 'https://hooks.example/desk' }, headers: admin });
  const given = (back.json() as { secret?: string }).secret;
  t.match(given, /^[\w-]{32}$/, 'back on a webhook, it gets a new secret, shown this once');
  t.equal((await new AlertRegistry(gw.redis, gw.queuePrefix).get(chatId))!.secret, given, 'which signs its POSTs');
  const renamed = await mail.app.inject({ method: 'PATCH', url: `/v1/alerts/${chatId}`, payload: { name: 'chat 2' }, headers: admin });
  t.notOk('secret' in (renamed.json() as object), 'a later change does not show it again');
  // Not mail.close(): the prefixes are the main gateway's, which drops them.
  await mail.app.close();
  await mail.redis.quit();
  await mail.es.close();
});

t.test('an alert like a text: it stores the search POST /v1/similar runs, its query only narrowing; shown with its text, changed or dropped with PATCH', async (t) => {
  const TEXT = 'Oil prices climbed again as producers signalled deeper output cuts; Brent gained for another session.';
  const made = await create({ name: 'oil like', webhook: 'https://hooks.example/oil', like: TEXT, query: {} });
  t.equal(made.statusCode, 201, 'a text alone selects: no query needed');
  const alert = made.json() as { id: string; like?: string; searchUrl?: string };
  t.teardown(() => gw.app.inject({ method: 'DELETE', url: `/v1/alerts/${alert.id}`, headers: admin }));
  t.equal(alert.like, TEXT, 'shown with its text');
  t.equal(alert.searchUrl, undefined, 'and no search URL: no search says the same');
  const stored = (await new AlertRegistry(gw.redis, gw.queuePrefix).get(alert.id))!;
  const run = async (query: Record<string, unknown>) => ((await gw.es.search({ index: gw.app.gw.index, size: 100, query, _source: ['id'] })).hits.hits.map((h) => h._id!)).sort();
  const similar = async (qs = '') => ((await gw.app.inject({ method: 'POST', url: `/v1/similar?limit=50${qs}`, headers: { 'content-type': 'application/json' }, payload: { text: TEXT } })).json() as { hits: Array<{ id: string; lang: string }> }).hits;
  const alike = await similar();
  t.ok(alike.length > 0, 'the fixtures have oil coverage');
  t.same(await run(stored.query), alike.map((h) => h.id).sort(), 'the stored query selects what /v1/similar finds for the text');

  const narrowed = await gw.app.inject({ method: 'PATCH', url: `/v1/alerts/${alert.id}`, payload: { query: { lang: 'ar' } }, headers: admin });
  t.equal(narrowed.statusCode, 200);
  t.same(await run((await new AlertRegistry(gw.redis, gw.queuePrefix).get(alert.id))!.query), (await similar('&lang=ar')).map((h) => h.id).sort(), 'a query narrows it, as lang= narrows /v1/similar');
  const emptied = await gw.app.inject({ method: 'PATCH', url: `/v1/alerts/${alert.id}`, payload: { query: {}, like: null }, headers: admin });
  t.match(emptied.json(), { error: { param: 'query' } }, 'dropping the text leaves nothing to select: refused');
  const dropped = await gw.app.inject({ method: 'PATCH', url: `/v1/alerts/${alert.id}`, payload: { like: null, query: { q: 'Brent' } }, headers: admin });
  t.match(dropped.json(), { searchUrl: /q=Brent/ }, 'the text dropped for words: an ordinary alert again');
  t.notOk('like' in (dropped.json() as object));

  for (const [payload, param] of [[{ like: '   ' }, 'like'], [{ like: 'x'.repeat(20_001) }, 'like']] as const) {
    const res = await create({ name: 'x', webhook: 'https://hooks.example/x', query: {}, ...payload });
    t.equal(res.statusCode, 400);
    t.match(res.json(), { error: { param } }, `names ${param}`);
  }
});

t.test('bad alerts get a coded 400 naming what to fix', async (t) => {
  const base = { name: 'x', webhook: 'https://hooks.example/x', query: { q: 'Basra' } };
  const cases: Array<[unknown, string, string]> = [
    [{ ...base, query: {} }, 'query', 'AKHBAR_BAD_PARAMETER'],
    [{ ...base, query: { in: 'title' } }, 'query', 'AKHBAR_BAD_PARAMETER'],
    [{ ...base, query: { q: 'Basra', edited: 'title' }, minSources: 3 }, 'minSources', 'AKHBAR_BAD_PARAMETER'],
    [{ ...base, query: { q: 'Basra edited:any' }, minSources: 3 }, 'minSources', 'AKHBAR_BAD_PARAMETER'],
    [{ ...base, query: { q: 'Basra', from: 'now-1d' } }, 'query.from', 'AKHBAR_UNKNOWN_PARAMETER'],
    [{ ...base, query: { q: 'Basra', limit: '5' } }, 'query.limit', 'AKHBAR_UNKNOWN_PARAMETER'],
    [{ ...base, query: { lang: 'arabic!' } }, 'query.lang', 'AKHBAR_BAD_PARAMETER'],
    [{ ...base, webhook: 'ftp://hooks.example/x' }, 'webhook', 'AKHBAR_BAD_PARAMETER'],
    [{ ...base, webhook: 'https://user:pw@hooks.example/x' }, 'webhook', 'AKHBAR_BAD_PARAMETER'],
    [{ ...base, webhook: 'not a url at all' }, 'webhook', 'AKHBAR_BAD_PARAMETER'],
    [{ ...base, secret: 'short' }, 'secret', 'AKHBAR_BAD_PARAMETER'],
    [{ webhook: base.webhook, query: base.query }, 'name', 'AKHBAR_BAD_PARAMETER'],
  ];
  for (const [payload, param, code] of cases) {
    const res = await create(payload);
    t.equal(res.statusCode, 400, JSON.stringify(payload));
    t.match(res.json(), { error: { code, param } }, `names ${param}`);
  }

  const guarded = await testGateway({ label: 'alerts-guard', allowPrivateNetworks: false });
  t.teardown(() => guarded.close());
  for (const webhook of ['http://127.0.0.1:8080/hook', 'http://10.1.2.3/hook', 'http://localhost/hook', 'http://[::1]/hook']) {
    const res = await guarded.app.inject({ method: 'POST', url: '/v1/alerts', headers: admin, payload: { ...base, webhook } });
    t.equal(res.statusCode, 400, `${webhook} refused`);
    t.match(res.json(), { error: { param: 'webhook', message: /non-public address/ } });
  }
});

t.test("rewriting an alert in the background (an alert following its collection) never undoes a user's edit made meanwhile", async (t) => {
  const made = (await create({ name: 'ports', webhook: 'https://hooks.example/ports', query: { q: 'port' } })).json() as { id: string };
  const registry = new AlertRegistry(gw.redis, gw.queuePrefix);
  const read = (await registry.get(made.id))!;
  const patched = await gw.app.inject({ method: 'PATCH', url: `/v1/alerts/${made.id}`, headers: admin, payload: { name: 'ports and harbours' } });
  t.equal(patched.statusCode, 200);
  t.notOk(await registry.replace(read, { ...read, query: { match_none: {} } }), 'the rewrite of what was read is refused');
  const now = (await registry.get(made.id))!;
  t.equal(now.alert.name, 'ports and harbours', 'the edit stands');
  t.notSame(now.query, { match_none: {} });
  t.ok(await registry.replace(now, { ...now, query: { match_none: {} } }), 'a rewrite of the alert as it is goes through');
  t.same((await registry.get(made.id))!.query, { match_none: {} });
  await registry.remove(made.id);
  t.notOk(await registry.replace(now, now), 'and a deleted alert is not brought back');
  t.equal(await registry.get(made.id), undefined);
});

t.test('a gateway that starts knowing more entities rebuilds the alerts made before: an alert on a name then matches its articles in every language', async (t) => {
  const registry = new AlertRegistry(gw.redis, gw.queuePrefix);
  // A gateway whose gazetteer did not know the premier (expansion off), then one that does.
  const gatewayWith = async (entities: null | undefined) => {
    const app = await build({ es: gw.es, redis: gw.redis, queuePrefix: gw.queuePrefix, indexPrefix: gw.indexPrefix, adminToken: ADMIN_TOKEN, rateLimitMax: 0, ...(entities === null ? { entities: null } : {}) });
    await app.ready();
    return app;
  };
  const matches = async (id: string) => {
    const stored = await registry.get(id);
    const res = await gw.es.search({ index: `${gw.indexPrefix}-articles`, query: stored!.query, size: 100, _source: ['lang'] });
    return res.hits.hits.map((h) => (h._source as { lang: string }).lang).sort();
  };
  const before = await gatewayWith(null);
  const made = (await before.inject({ method: 'POST', url: '/v1/alerts', headers: admin, payload: { name: 'premier', webhook: 'https://hooks.example/premier', query: { q: 'Kadhimi' } } })).json() as { id: string; expandedEntities: unknown[] };
  await before.close();
  t.same(made.expandedEntities, [], 'made where the name was no entity: not expanded');
  t.same(await matches(made.id), ['en'], 'so it matches the one article that spells it so');

  const after = await gatewayWith(undefined);
  t.teardown(() => after.close());
  const rebuilt = await waitFor(async () => {
    const a = (await after.inject({ url: `/v1/alerts/${made.id}`, headers: admin })).json() as { expandedEntities: Array<{ id: string }>; query: Record<string, string> };
    return a.expandedEntities.length > 0 ? a : undefined;
  }, { timeoutMs: 10_000, what: 'the alert rebuilt at start' });
  t.same(rebuilt.expandedEntities.map((e) => e.id), [KADHIMI], 'the gateway that knows him rebuilt it at start');
  t.same(rebuilt.query, { q: 'Kadhimi' }, 'from its parameters, which stay as given');
  t.same(await matches(made.id), ['ar', 'en', 'fr'], 'and it matches his articles in every language, as a search does');
  await registry.remove(made.id);
});

t.test('an alert on stories: minSources is kept and shown, changed or dropped with PATCH; out of range a coded 400', async (t) => {
  const made = await create({ name: 'fao spreads', webhook: 'https://hooks.example/fao', query: { q: 'Fao' }, minSources: 3 });
  t.equal(made.statusCode, 201);
  const alert = made.json() as { id: string; minSources?: number };
  t.teardown(() => gw.app.inject({ method: 'DELETE', url: `/v1/alerts/${alert.id}`, headers: admin }));
  t.equal(alert.minSources, 3, 'shown');
  t.equal((await new AlertRegistry(gw.redis, gw.queuePrefix).get(alert.id))!.alert.minSources, 3, 'stored for the indexer');
  const five = await gw.app.inject({ method: 'PATCH', url: `/v1/alerts/${alert.id}`, payload: { minSources: 5 }, headers: admin });
  t.equal((five.json() as { minSources?: number }).minSources, 5, 'changed');
  const every = await gw.app.inject({ method: 'PATCH', url: `/v1/alerts/${alert.id}`, payload: { minSources: null }, headers: admin });
  t.notOk('minSources' in (every.json() as object), 'null: every matching article again');
  for (const minSources of [1, 101, 2.5, 'three']) {
    const res = await create({ name: 'x', webhook: 'https://hooks.example/x', query: { q: 'Fao' }, minSources });
    t.equal(res.statusCode, 400, `minSources ${String(minSources)}`);
    t.match(res.json(), { error: { code: 'AKHBAR_BAD_PARAMETER', param: 'minSources' } }, 'naming it');
  }
});

t.test('an alert on a speaker: the name read as search reads it, a surname several people share refused at creation', async (t) => {
  const res = await create({ name: 'Sudani said', webhook: 'https://hooks.example.org/sudani', query: { speaker: 'Sudani' } });
  t.equal(res.statusCode, 201);
  const made = res.json() as { id: string; query: Record<string, string>; searchUrl: string };
  t.teardown(() => gw.app.inject({ method: 'DELETE', url: `/v1/alerts/${made.id}`, headers: admin }));
  t.same(made.query, { speaker: 'Sudani' }, 'kept as written');
  t.equal(made.searchUrl, '/v1/search?speaker=Sudani&sort=newest', 'and its search, the articles quoting him');
  const stored = await new AlertRegistry(gw.redis, gw.queuePrefix).get(made.id);
  t.match(JSON.stringify(stored?.query), /"speakers":\["mohammed-shia-al-sudani"\]/, 'matched on the prime minister\'s id');
  const shared = await create({ name: 'Barzani said', webhook: 'https://hooks.example.org/barzani', query: { speaker: 'Barzani' } });
  t.equal(shared.statusCode, 400);
  t.match(shared.json(), { error: { param: 'speaker' } });
});

t.test('an alert on what was said: said=, direct= and unnamed= as /v1/quotes takes them; its search is the quotations; a test delivery carries the words', async (t) => {
  const SUDANI = 'mohammed-shia-al-sudani';
  const [article] = await withArticles(t, gw.es, gw.indexPrefix, [{
    slug: 'alert-said-en', lang: 'en', source: SOURCES.GULF_WIRE, ageMs: HOUR, story: 'alert-said', entities: [SUDANI],
    title: 'Premier promises pay before the holiday', summary: 'Sudani on salaries and a bridge.',
    body: '"Every public employee will be paid before the holiday," Mohammed Shia al-Sudani told reporters.\n"The new bridge over the Tigris will open to traffic next month," he added.',
  }]);
  const res = await create({ name: 'Sudani on pay', webhook: 'https://hooks.example.org/said', query: { speaker: 'Sudani', said: 'employees' } });
  t.equal(res.statusCode, 201);
  const made = res.json() as { id: string; query: Record<string, string>; searchUrl: string };
  t.teardown(() => gw.app.inject({ method: 'DELETE', url: `/v1/alerts/${made.id}`, headers: admin }));
  t.same(made.query, { speaker: 'Sudani', said: 'employees' }, 'kept as written');
  t.equal(made.searchUrl, '/v1/quotes?speaker=Sudani&said=employees', 'its search: the quotations, which take said=');
  t.same(((await gw.app.inject({ url: made.searchUrl })).json() as { quotes: Array<{ text: string }> }).quotes.map((q) => q.text), ['Every public employee will be paid before the holiday'], 'which find his words on pay');

  const stored = await new AlertRegistry(gw.redis, gw.queuePrefix).get(made.id);
  const matched = await gw.es.search({ index: `${gw.indexPrefix}-articles`, query: stored!.query, size: 100, _source: false });
  t.same(matched.hits.hits.map((h) => h._id), [article!.id], 'the stored query matches the article where he said it, read in English (employees, "employee")');
  t.equal((await gw.app.inject({ method: 'POST', url: `/v1/alerts/${made.id}/test`, headers: admin })).statusCode, 202);
  const job = (await gw.app.queues.alerts.getJobs(['waiting'])).find((j) => (j.data as { alertId: string }).alertId === made.id);
  t.same((job?.data as { article: { quotes?: Array<{ text: string }> } }).article.quotes?.map((q) => q.text), ['Every public employee will be paid before the holiday'], 'a test delivery carries the words that matched, not the bridge');

  const bridge = await create({ name: 'bridge said', webhook: 'https://hooks.example.org/bridge', query: { said: '"new bridge"', direct: 'true' } });
  t.equal(bridge.statusCode, 201, 'words said alone select enough');
  t.teardown(() => gw.app.inject({ method: 'DELETE', url: `/v1/alerts/${(bridge.json() as { id: string }).id}`, headers: admin }));
  const reported = await create({ name: 'bridge reported', webhook: 'https://hooks.example.org/bridge', query: { said: '"new bridge"', direct: 'false' } });
  const reportedStored = await new AlertRegistry(gw.redis, gw.queuePrefix).get((reported.json() as { id: string }).id);
  t.teardown(() => gw.app.inject({ method: 'DELETE', url: `/v1/alerts/${(reported.json() as { id: string }).id}`, headers: admin }));
  t.equal((await gw.es.search({ index: `${gw.indexPrefix}-articles`, query: reportedStored!.query, size: 10, _source: false })).hits.hits.length, 0, 'direct=false: only reported speech, and the bridge was quoted');
  const bad = await create({ name: 'x', webhook: 'https://hooks.example.org/x', query: { said: 'bridge', unnamed: 'maybe' } });
  t.equal(bad.statusCode, 400);
  t.match(bad.json(), { error: { code: 'AKHBAR_BAD_PARAMETER', param: /unnamed/ } }, 'naming the parameter');
});

t.test('an alert on edits: edited= (or edited: in q) makes it one, shown as onEdits; a PATCH without it makes it an alert on new articles again', async (t) => {
  const res = await create({ name: 'softened headlines', webhook: 'https://hooks.example/edits', query: { q: 'Basra', edited: 'title,summary' } });
  t.equal(res.statusCode, 201);
  const made = res.json() as { id: string; onEdits?: string[]; searchUrl?: string };
  t.same(made.onEdits, ['title', 'summary']);
  t.match(made.searchUrl, /edited=title%2Csummary.*sort=edited/, 'its search lists the edits it would have sent, the latest first');
  const inQ = (await create({ name: 'any edit', webhook: 'https://hooks.example/edits', query: { q: 'Basra edited:any' } })).json() as { onEdits?: string[] };
  t.same(inQ.onEdits, ['any'], 'written into q');
  const patched = await gw.app.inject({ method: 'PATCH', url: `/v1/alerts/${made.id}`, payload: { query: { q: 'Basra' } }, headers: admin });
  t.equal(patched.statusCode, 200);
  t.equal((patched.json() as { onEdits?: string[] }).onEdits, undefined);
});
