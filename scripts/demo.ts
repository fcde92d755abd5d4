// `npm run demo`: the whole pipeline on the bundled sample feeds (Arabic, English, French, Sorani and
// Kurmanji Kurdish) and their articles' pages, served by a local feed server; prints example
// searches and leaves the gateway up until Ctrl-C.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { fixtureFeedRoutes, fixturePageRoutes, startFeedServer, startService, waitFor, type ServiceProcess } from '@akhbar/testkit';

const port = Number(process.env.PORT ?? 3000);
const feedPort = Number(process.env.AKHBAR_DEMO_FEEDS_PORT ?? 8089);
const adminToken = process.env.AKHBAR_ADMIN_TOKEN ?? `demo-${randomBytes(12).toString('hex')}`;
const api = `http://127.0.0.1:${port}`;
const say = (s: string) => process.stdout.write(`[demo] ${s}\n`);

// A fixed port keeps the feed URLs stable, so re-running the demo finds the feeds it registered.
// The articles' own pages are served beside the feeds: where a feed gives only a summary, the
// full-text stage reads the story from its page, as it would on a real site.
const routes = { ...fixtureFeedRoutes(), ...fixturePageRoutes() };
const feeds = await startFeedServer(routes, { port: feedPort });
say(`sample feeds served at ${feeds.url}`);

const env: Record<string, string> = {
  ...Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined)),
  AKHBAR_ALLOW_PRIVATE_NETWORKS: 'true', // the sample feed server is on loopback
  AKHBAR_ADMIN_TOKEN: adminToken,
  PORT: String(port),
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  // Pages are read again after their first read (see the page correction below).
  FULLTEXT_REVISIT_AFTER: process.env.FULLTEXT_REVISIT_AFTER ?? '30s,3m',
};
const services: ServiceProcess[] = (['indexer', 'enrich', 'fulltext', 'ingest', 'gateway'] as const).map((n) => startService(n, env, { passthrough: true, keepLogs: 200 }));
let stopping = false;
const stop = async (code: number) => {
  stopping = true;
  say('stopping…');
  await Promise.all(services.map((s) => s.stop('SIGTERM', 30_000)));
  await feeds.close();
  process.exit(code);
};
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => void stop(0));
for (const s of services) {
  void s.exited.then((code) => {
    if (!stopping) {
      say(`${s.name} exited (${code}); see its log above`);
      void stop(1);
    }
  });
}

await waitFor(async () => (await fetch(`${api}/healthz`)).ok, { timeoutMs: 60_000, what: 'the gateway' });
// Each with where its outlet is, as an operator files a feed (their articles are on loopback,
// whose address names no country): "where its sources are" and sourceCountry have something to say.
const SAMPLE_COUNTRIES: Record<string, string> = {
  'baghdad-today.ar.rss.xml': 'IQ', 'rafidain-news.ar.rss.xml': 'IQ', 'gulf-wire.en.atom.xml': 'AE', 'le-monde-arabe.fr.rss.xml': 'FR', 'hewler-post.ckb.rss.xml': 'IQ', 'badinan-news.ku.rss.xml': 'IQ',
  'payam-rooz.fa.rss.xml': 'IR',
};
const SAMPLE_FEEDS = Object.keys(SAMPLE_COUNTRIES);
const admin = { authorization: `Bearer ${adminToken}` };

// Edits: once the sample is in, Baghdad Today corrects a report — a higher case count in its
// headline and text, a city added — as news sites do after publishing, and the demo refreshes
// its feed: the index keeps the version it replaces (search with edited=, the article's "What
// changed"). A re-run serves the corrected feed from the start, so the article is not edited
// back and forth each time.
const EDITED_FEED = 'baghdad-today.ar.rss.xml';
const CORRECTION: ReadonlyArray<[string, string]> = [
  ['وزارة الصحة العراقية تسجل ارتفاعا جديدا في إصابات كورونا وتدعو إلى الالتزام بالوقاية', 'الصحة العراقية: أكثر من أربعة آلاف إصابة جديدة بكورونا والمستشفيات تحت الضغط'],
  ['تسجيل أكثر من ٣٬٥٠٠ إصابة جديدة', 'تسجيل ٤٬١٢٠ إصابة جديدة'],
  ['أغلبها في بغداد والبصرة،', 'أغلبها في بغداد والبصرة والنجف،'],
];
const editedRoute = routes[`/${EDITED_FEED}`]!;
const correct = (text: string, what: string, changes: ReadonlyArray<[string, string]>) =>
  changes.reduce((out, [was, now]) => {
    if (!out.includes(was)) throw new Error(`demo: ${what} no longer holds «${was}»; update the corrections in scripts/demo.ts`);
    return out.replace(was, now);
  }, text);
const corrected = correct(editedRoute.body as string, EDITED_FEED, CORRECTION);
// And Gulf Wire corrects the same figure on its report's page only, its feed item untouched: the
// full-text stage's re-reads of the page (FULLTEXT_REVISIT_AFTER) find it.
const EDITED_PAGE = '/gulf-wire/health/basra-hospitals';
const pageRoute = routes[EDITED_PAGE]!;
const correctedPage = correct(pageRoute.body as string, EDITED_PAGE, [['recorded more than 3,500 new cases', 'recorded 4,120 new cases']]);

// Decided before registering: a feed already registered is fetched as soon as it is posted again.
const registered = await fetch(`${api}/v1/feeds`, { headers: admin });
if (registered.ok && ((await registered.json()) as { feeds: Array<{ url: string }> }).feeds.some((f) => f.url === `${feeds.url}/${EDITED_FEED}`)) {
  editedRoute.body = corrected;
  pageRoute.body = correctedPage;
}
const feedIds = new Map<string, string>();
for (const name of SAMPLE_FEEDS) {
  const res = await fetch(`${api}/v1/feeds`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...admin },
    body: JSON.stringify({ url: `${feeds.url}/${name}`, country: SAMPLE_COUNTRIES[name] }),
  });
  if (res.ok) feedIds.set(name, ((await res.json()) as { id: string }).id);
  say(`feed ${name}: ${res.status === 201 ? 'registered' : res.status === 200 ? 'already registered, refreshing' : `HTTP ${res.status}`}`);
}
// Done when every sample feed has been fetched and each article it yielded is in the index (the
// feeds' own counts), so the total printed below is the whole sample, not the first arrivals.
interface FeedView {
  url: string;
  status: { lastSuccessAt?: string };
  counts?: { seen: number; indexed: number };
}
const sampleDone = async (): Promise<boolean> => {
  const res = await fetch(`${api}/v1/feeds`, { headers: admin });
  if (!res.ok) return false;
  const list = ((await res.json()) as { feeds: FeedView[] }).feeds.filter((f) => SAMPLE_FEEDS.some((n) => f.url === `${feeds.url}/${n}`));
  return list.length === SAMPLE_FEEDS.length && list.every((f) => f.status.lastSuccessAt !== undefined && f.counts !== undefined && f.counts.seen > 0 && f.counts.indexed >= f.counts.seen);
};
try {
  await waitFor(sampleDone, { timeoutMs: 120_000, what: 'every sample article to be indexed' });
} catch (err) {
  // Still useful: say so and go on with what is searchable (a service's log above says why).
  say(`${(err as Error).message}; going on with what is indexed so far`);
}
// A re-run after an upgrade: the sample articles indexed by the last run keep the tags of the
// taggers that read them then; what a changed tagger would tag differently is read again (the
// operator's `akhbar reenrich --stale`, README "Commands").
try {
  const bin = fileURLToPath(new URL('../bin/akhbar.mjs', import.meta.url));
  const { stdout } = await promisify(execFile)(process.execPath, [bin, 'reenrich', '--since', '2000-01-01', '--stale'], { env });
  const res = JSON.parse(stdout) as { reenriched: number; upToDate: number };
  if (res.reenriched > 0) say(`${res.reenriched} articles indexed by an earlier run read again with today's taggers (${res.upToDate} up to date)`);
} catch (err) {
  say(`re-reading earlier runs' articles failed (${(err as Error).message.split('\n')[0]}); going on`);
}
const pageEdit = pageRoute.body !== correctedPage;
pageRoute.body = correctedPage;
if (editedRoute.body !== corrected && feedIds.has(EDITED_FEED)) {
  editedRoute.body = corrected;
  await fetch(`${api}/v1/feeds/${feedIds.get(EDITED_FEED)!}/refresh`, { method: 'POST', headers: admin });
  say(`${EDITED_FEED}: the site corrected a report; refreshed`);
}
type Edited = { total: number; hits: Array<{ id: string }> };
let edited: Edited | undefined;
try {
  await waitFor(async () => {
    edited = (await (await fetch(`${api}/v1/search?edited=any&sort=edited&limit=1`)).json()) as Edited;
    return edited.total > 0;
  }, { timeoutMs: 30_000, what: 'the corrected report to be indexed as an edit' });
} catch (err) {
  say(`${(err as Error).message}; going on without it`);
}
const editedId = edited?.hits[0]?.id;
const total = ((await (await fetch(`${api}/v1/search?limit=1`)).json()) as { total: number }).total;
say(`${total} articles indexed. Try:

  curl -sG '${api}/v1/search' --data-urlencode 'q=الكاظمي'     # al-Kadhimi, in Arabic
  curl -s '${api}/v1/search?q=Kadhimi&facets=topics,entities,countries'   # cross-lingual: every language
  curl -s '${api}/v1/search?q=milices&lang=fr'
  curl -sG '${api}/v1/search' --data-urlencode 'q=هەولێر'     # Erbil, in Sorani Kurdish: its Arabic and English coverage too
  curl -sG '${api}/v1/search' --data-urlencode 'q=bendav'     # a dam, in Kurmanji Kurdish: finds "bendava Dihokê"
  curl -sG '${api}/v1/search' --data-urlencode 'q=راه آهن بصره'     # a railway to Basra, in Persian: the Tehran site's report
  curl -sG '${api}/v1/quotes' --data-urlencode 'speaker=Araghchi'   # a Tehran paper's «وزیر امور خارجه گفت»: Iran's foreign minister, by his title alone
  curl -s '${api}/v1/search?q=ventilator'     # a word only the Basra report's page holds: the full-text stage read it
  curl -s '${api}/v1/stories?window=7d'          # top stories: what most sources cover
  curl -s '${api}/v1/stories?window=7d&minLangs=2'   # … told in two languages or more
  curl -s '${api}/v1/stories?window=7d&without=en'   # … and those no English source has told
  curl -s '${api}/v1/trending'
  curl -sG '${api}/v1/stats/map' --data-urlencode 'near=بغداد' -d radius=1000km   # where: GeoJSON of the places
  curl -s '${api}/v1/search?near=30.5085,47.7804&radius=1km'   # the Basra report its feed pinned with GeoRSS
  curl -s '${api}/v1/entities/mustafa-al-kadhimi'   # an entity's page: names, coverage, related
  curl -sG '${api}/v1/quotes' --data-urlencode 'speaker=الكاظمي'   # who said what: his words, in Arabic and English
  curl -s '${api}/v1/agenda'   # what the news says is coming: the Kadhimi–Trump meeting "next Thursday", by day (web: ${api}/?show=agenda)
  curl -s '${api}/v1/agenda.ics' -o akhbar.ics   # … as a calendar to subscribe to
  curl -s '${api}/v1/search?edited=any&sort=edited'   # what sites changed after publishing, the latest edit first${
    pageEdit ? `\n  curl -s '${api}/v1/search?edited=body&q=Basra'   # a correction made on a page only: found by re-reading it (within ${env.FULLTEXT_REVISIT_AFTER!.split(',').at(-1)!})` : ''}${
    editedId ? `\n  curl -s '${api}/v1/articles/${editedId}/revisions/1'   # one edit word by word (web: ${api}/?view=article&id=${editedId})` : ''}
  curl -s -H 'Authorization: Bearer ${adminToken}' '${api}/v1/feeds'

Web UI:   ${api}/            (dashboard: ${api}/?view=dashboard)
API docs: ${api}/docs
Admin token for this run: ${adminToken}

Gateway at ${api} — Ctrl-C to stop.`);
