import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import t from 'tap';
import {
  deleteRedisPrefix, dropIndexPrefix, fixtureFeedRoutes, fixturePageRoutes, pipelineEnv, startFeedServer, startPipeline, uniqueIndexPrefix, uniqueQueuePrefix, waitFor,
} from '@akhbar/testkit';

/**
 * Walking skeleton, as production and the demo run it: the fixture feed server (the sample feeds
 * and their articles' pages) and the five services as separate processes over real Redis and
 * Elasticsearch. Feeds are registered through the API and an Arabic query must find the Arabic
 * story through the gateway; a summary-only item is searchable by words only its page holds.
 */
t.test('feeds registered through the API become searchable, Arabic included', async (t) => {
  const queuePrefix = uniqueQueuePrefix('e2e');
  const indexPrefix = uniqueIndexPrefix('e2e');
  const adminToken = 'e2e-admin-token-0123456789';
  const feeds = await startFeedServer({ ...fixtureFeedRoutes(), ...fixturePageRoutes() });
  // The sample sites are one host here: a short politeness delay keeps the pages' turn brief.
  const env = pipelineEnv({ queuePrefix, indexPrefix, adminToken }, { FULLTEXT_HOST_DELAY_MS: '100' });
  t.teardown(async () => {
    await feeds.close();
    await deleteRedisPrefix(queuePrefix);
    await dropIndexPrefix(indexPrefix);
  });
  const { api } = await startPipeline(t, env, { fulltext: true });

  const unauth = await fetch(`${api}/v1/feeds`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ url: `${feeds.url}/x` }) });
  t.equal(unauth.status, 401, 'registering a feed needs the admin token');

  // An alert for the Arabic name, before any feed: its webhook must be called for the story.
  const hooks: Array<{ headers: Record<string, unknown>; body: string }> = [];
  const receiver = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8').on('data', (c: string) => (body += c)).on('end', () => {
      hooks.push({ headers: req.headers, body });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  t.teardown(() => new Promise<void>((resolve) => receiver.close(() => resolve())));
  const alertRes = await fetch(`${api}/v1/alerts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
    body: JSON.stringify({ name: 'Kadhimi', webhook: `http://127.0.0.1:${String((receiver.address() as { port: number }).port)}/hook`, query: { q: 'الكاظمي', lang: 'ar' } }),
  });
  t.equal(alertRes.status, 201, 'an alert is created through the API');
  const { secret } = (await alertRes.json()) as { secret: string };

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
  t.type(story?.tone, 'number', 'enrichment scored its tone and the gateway returns it');
  t.ok(Math.abs(story?.tone as number) <= 100, 'a tone is within −100…100');

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
  // Every article of the three feeds, however its feed carried the text (content, summary only,
  // CDATA, escaped HTML), reaches the index with it.
  const all = await waitFor(
    async () => {
      const body = (await (await fetch(`${api}/v1/search?limit=100&sort=newest`)).json()) as { total: number; hits: Array<Record<string, any>> };
      return body.total >= 10 ? body : undefined;
    },
    { timeoutMs: 60_000, what: 'the three feeds to be indexed' },
  );
  const empty: string[] = [];
  for (const h of all.hits) {
    const article = (await (await fetch(`${api}/v1/articles/${String(h.id)}`)).json()) as { title: string; body: string };
    if (article.body.trim() === '') empty.push(article.title);
  }
  t.same(empty, [], 'no article lost its text on the way');

  // Gulf Wire's Basra report is one line of summary in its feed; its page tells of the ventilators.
  const paged = await waitFor(
    async () => {
      const body = (await (await fetch(`${api}/v1/search?q=ventilator&lang=en`)).json()) as { hits?: Array<{ id: string; url: string }> };
      return body.hits?.find((h) => h.url.endsWith('/gulf-wire/health/basra-hospitals'));
    },
    { timeoutMs: 60_000, what: 'the Basra report to be searchable by a word of its page' },
  );
  const basra = (await (await fetch(`${api}/v1/articles/${paged.id}`)).json()) as { flags: string[]; body: string; summary: string };
  t.ok(basra.flags.includes('fulltext') && basra.body.length > 3 * basra.summary.length, 'its text is the page\'s story, read by the full-text stage');
  t.notMatch(basra.body, /Sign up for our newsletter|Most read|©/, 'without the site\'s chrome');

  // The Washington visit is one story across the three feeds' languages: the English and French
  // reports joined the Arabic one by the people and places they name.
  const visit = await waitFor(
    async () => {
      const body = (await (await fetch(`${api}/v1/stories/${encodeURIComponent(String(story!.story.id))}`)).json()) as { size: number; langs: Array<{ key: string }>; sources: unknown[] };
      return body.langs?.length === 3 ? body : undefined;
    },
    { timeoutMs: 30_000, what: 'the Kadhimi story to gather its three languages' },
  );
  t.same(visit.langs.map((l) => l.key).sort(), ['ar', 'en', 'fr'], 'one story in Arabic, English and French');
  t.equal(visit.sources.length, 3, 'from three sources');

  // The reports say the meeting is "next Thursday" (يوم الخميس المقبل, jeudi prochain): enrichment
  // reads the day against each one's publication, and the agenda lists the story on it. (Which
  // Thursday depends on the day each was published; the story is on one of the next eight days.)
  const agenda = (await (await fetch(`${api}/v1/agenda?start=now-1d&end=now%2B8d&perDay=20`)).json()) as { days: Array<{ date: string; items: Array<{ story: { id: string; sources: number }; text: string }> }> };
  const meeting = agenda.days.flatMap((d) => d.items.filter((i) => i.story.id === story!.story.id).map((i) => ({ ...i, date: d.date })));
  t.ok(meeting.length > 0 && meeting.every((m) => new Date(`${m.date}T00:00:00Z`).getUTCDay() === 4), 'the agenda lists the visit on a Thursday');
  t.ok(meeting.some((m) => m.story.sources >= 2), 'carried by more than one outlet');

  // Enrichment puts the places it recognises on the map: Baghdad, where the visit starts, is a
  // point of the map and of a near= search, and has an entity page counting the story.
  const map = (await (await fetch(`${api}/v1/stats/map?bbox=38.7,29,48.8,37.4`)).json()) as { features: Array<{ id: string; geometry: { coordinates: [number, number] }; properties: { count: number } }> };
  const baghdad = map.features.find((f) => f.id === 'Q1530');
  t.ok(baghdad && baghdad.properties.count >= 1, 'Baghdad is on the map of Iraq');
  t.ok(baghdad && Math.abs(baghdad.geometry.coordinates[0] - 44.37) < 0.5 && Math.abs(baghdad.geometry.coordinates[1] - 33.31) < 0.5, 'at Baghdad');
  const near = (await (await fetch(`${api}/v1/search?near=${encodeURIComponent('بغداد')}&radius=50km&limit=100`)).json()) as { hits: Array<{ id: string }> };
  t.ok(near.hits.some((h) => h.id === story!.id), 'near=بغداد finds the Arabic report');
  // A point the feed gave its item (GeoRSS) goes through every stage to the index.
  const pinned = (await (await fetch(`${api}/v1/search?near=30.5085,47.7804&radius=1km&limit=100`)).json()) as { hits: Array<{ url: string; geo?: { lat: number; lon: number } }> };
  t.same(pinned.hits.filter((h) => h.geo).map((h) => [h.url.split('/').slice(-2).join('/'), h.geo]), [['health/basra-hospitals', { lat: 30.5085, lon: 47.7804 }]], 'the GeoRSS point of the Basra report is searchable and shown');
  const page = (await (await fetch(`${api}/v1/entities/mustafa-al-kadhimi`)).json()) as { total: number; langs: Array<{ key: string }> };
  t.ok(page.total >= 3 && page.langs.length === 3, "al-Kadhimi's page counts his reports in the three languages");

  const delivered = await waitFor(() => hooks.find((h) => h.body.includes(story!.id as string)), { timeoutMs: 30_000, what: 'the alert webhook to be called' });
  const payload = JSON.parse(delivered.body) as { alert: { name: string }; article: { title: string; lang: string; url: string } };
  t.match(payload, { alert: { name: 'Kadhimi' }, article: { lang: 'ar', url: story?.url } }, 'the alert POSTed the Arabic story to its webhook');
  t.equal(delivered.headers['x-akhbar-signature-256'], `sha256=${createHmac('sha256', secret).update(delivered.body).digest('hex')}`, 'signed with the secret the API gave');
  t.notOk(hooks.some((h) => (JSON.parse(h.body) as { article: { lang: string } }).article.lang !== 'ar'), 'only Arabic articles, as the alert asked');
});
