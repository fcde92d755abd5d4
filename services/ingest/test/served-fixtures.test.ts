import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { closeFetchAgents } from '@akhbar/feeds';
import { REPO_ROOT, startFeedServer, type Route } from '@akhbar/testkit';
import { fetchOnce } from '../src/fetch-job.ts';
import { setup } from './helpers.ts';

/**
 * Every format and defect fixture served over HTTP the way real servers send them (wrong or
 * missing charsets, gzip, HTML content types), polled by the real fetch path into real Redis.
 */
const FIXTURES = join(REPO_ROOT, 'packages', 'feeds', 'test', 'fixtures');

const cases: Array<{ file: string; headers: Record<string, string>; gzip?: boolean; title: string; repaired?: boolean }> = [
  { file: 'rss-0.91.xml', headers: { 'content-type': 'text/xml' }, title: 'Grain vessel berths at Umm Qasr after three-day delay' },
  { file: 'rss-2.0-full.rss.xml', headers: { 'content-type': 'application/rss+xml; charset=UTF-8' }, gzip: true, title: 'Oil exports reach 3.4 million barrels a day' },
  { file: 'rdf-1.0.rdf', headers: { 'content-type': 'application/rdf+xml' }, title: 'Al-Hadba minaret rises again' },
  { file: 'atom-xmlbase.atom.xml', headers: { 'content-type': 'application/atom+xml' }, title: 'Rivers & roads: x < y in the Euphrates valley' },
  { file: 'jsonfeed-1.1.json', headers: { 'content-type': 'application/feed+json' }, title: 'Citadel lights return for the festival' },
  { file: 'ar-windows-1256.xml', headers: { 'content-type': 'application/xml' }, title: 'الكاظمي يصل إلى واشنطن في زيارة رسمية' },
  { file: 'ar-iso-8859-6.xml', headers: { 'content-type': 'text/xml; charset=ISO-8859-1' }, title: 'الكاظمي يصل إلى واشنطن في زيارة رسمية' },
  { file: 'fr-windows-1252.xml', headers: { 'content-type': 'text/xml; charset=iso-8859-1' }, title: 'L’été à Mossoul : « la vie reprend » – reportage' },
  { file: 'utf-16le-bom.xml', headers: { 'content-type': 'text/xml' }, title: 'خبر بترميز UTF-16' },
  { file: 'utf-16be-nobom.xml', headers: { 'content-type': 'application/xml' }, title: 'خبر بترميز UTF-16' },
  { file: 'defect-raw-ampersand.xml', headers: { 'content-type': 'text/html; charset=utf-8' }, title: 'Trade & investment forum opens', repaired: true },
  { file: 'defect-control-chars.xml', headers: { 'content-type': 'application/rss+xml' }, title: 'Vote count resumes in Anbar', repaired: true },
  { file: 'defect-bom-junk.xml', headers: { 'content-type': 'text/html' }, title: 'Junk before the prolog', repaired: true },
  { file: 'defect-entities.xml', headers: { 'content-type': 'application/rss+xml' }, title: 'Café culture returns … © 2025', repaired: true },
  { file: 'defect-dates.xml', headers: { 'content-type': 'application/rss+xml' }, title: 'Date case 0' },
];

t.teardown(() => closeFetchAgents());

t.test('fixtures served with realistic headers are fetched, decoded, parsed and queued', async (t) => {
  const env = await setup('served');
  const routes: Record<string, Route> = {};
  for (const c of cases) routes[`/${c.file}`] = { body: readFileSync(join(FIXTURES, c.file)), headers: c.headers, ...(c.gzip ? { gzip: true } : {}) };
  routes['/page.html'] = { body: readFileSync(join(FIXTURES, 'page-with-feeds.html')), headers: { 'content-type': 'text/html; charset=utf-8' } };
  routes['/bomb.xml'] = { body: readFileSync(join(FIXTURES, 'hostile-billion-laughs.xml')), headers: { 'content-type': 'application/rss+xml' } };
  const srv = await startFeedServer(routes);
  t.teardown(async () => {
    await srv.close();
    await env.cleanup();
  });
  for (const c of cases) {
    const { feed } = await env.registry.add({ url: `${srv.url}/${c.file}` });
    const out = await fetchOnce(feed.id, env.deps, 'new');
    t.equal(out.outcome, 'fetched', `${c.file}: ${out.code ?? ''} ${out.message ?? ''}`);
    t.ok(out.items > 0, `${c.file}: items found`);
    // (The two UTF-16 fixtures carry the same article, which is queued once: look at all jobs.)
    const titles = (await env.rawQueue.getJobs(['waiting'])).map((j) => j.data.article.title);
    t.ok(titles.includes(c.title), `${c.file}: "${c.title}" among ${titles.length} queued`);
    t.equal((await env.registry.require(feed.id)).status.repaired, c.repaired ?? false, `${c.file}: repaired flag`);
  }
  const gz = srv.requests.find((r) => r.path === '/rss-2.0-full.rss.xml');
  t.match(gz?.headers['accept-encoding'], /gzip/, 'gzip was negotiated');

  const { feed: page } = await env.registry.add({ url: `${srv.url}/page.html` });
  t.match(await fetchOnce(page.id, env.deps, 'new'), { outcome: 'failed', code: 'AKHBAR_FEED_NOT_A_FEED' });
  t.match((await env.registry.require(page.id)).status.lastError, /furat-news\.example\/ar\/feed\/latest\.xml/, 'the feeds the page links are in the error shown on the feed');
  const { feed: bomb } = await env.registry.add({ url: `${srv.url}/bomb.xml` });
  t.match(await fetchOnce(bomb.id, env.deps, 'new'), { outcome: 'failed', code: 'AKHBAR_FEED_XML_ENTITIES' });
  t.match((await env.registry.require(bomb.id)).status, { state: 'failing', lastErrorCode: 'AKHBAR_FEED_XML_ENTITIES' });
});
