import t from 'tap';
import { ensureArticleIndex, indexNames, toDocument } from '@akhbar/search';
import { DAY, HOUR, enrichedFromSpec, type ArticleSpec } from './fixtures/build.ts';
import { testGateway, type TestGateway } from './helpers.ts';
import { build } from '../src/app.ts';

/**
 * Incremental sync, as an API consumer that copies the index keeps up: `sort=indexed` walks the
 * articles in the order they became searchable and `indexedFrom` asks for what came since — a
 * late article (published days ago, fetched only now) included, which `from` (publication dates)
 * would miss. Three articles are indexed with set indexing times, as the indexer stamps them.
 */
let gw: TestGateway;
const MIN = 60_000;
const now = Date.now();
const wire = { id: 'fsyncwire0000001', name: 'Tigris Wire', domain: 'tigris-wire.example' };
const spec = (slug: string, title: string, ageMs: number): ArticleSpec => ({ slug, lang: 'en', source: wire, title, summary: title, body: `${title}.`, ageMs, story: `s-${slug}` });
const late = enrichedFromSpec(spec('late-archive', 'Archive report on the Mosul dam repairs', 3 * DAY), 'https://tigris-wire.example/late-archive', now);
const first = enrichedFromSpec(spec('first', 'Basra port opens a new berth', HOUR), 'https://tigris-wire.example/first', now);
const last = enrichedFromSpec(spec('last', 'Erbil book fair draws record crowds', 2 * HOUR), 'https://tigris-wire.example/last', now);
/** When each became searchable: the archive report after the first, the book fair last. */
const INDEXED = new Map([[first.id, now - 20 * MIN], [late.id, now - 10 * MIN], [last.id, now - 5 * MIN]]);

async function write(article: typeof first, indexedAt: number): Promise<void> {
  await gw.es.index({ index: indexNames(gw.indexPrefix).write, id: article.id, document: toDocument(article, new Date(indexedAt)), refresh: true });
}

t.before(async () => {
  gw = await testGateway({ label: 'sync' });
  await ensureArticleIndex(gw.es, gw.indexPrefix);
  for (const a of [first, late, last]) await write(a, INDEXED.get(a.id)!);
});
t.teardown(async () => {
  await gw?.close();
});

type Hit = { id: string; indexedAt?: string; publishedAt: string };
async function search(query: Record<string, string>): Promise<{ status: number; hits: Hit[]; nextCursor: string | null; body: Record<string, any> }> {
  const res = await gw.app.inject({ url: '/v1/search', query });
  const body = res.json() as Record<string, any>;
  return { status: res.statusCode, hits: (body.hits ?? []) as Hit[], nextCursor: body.nextCursor ?? null, body };
}

t.test('sort=indexed lists articles in the order they became searchable, each with its indexedAt', async (t) => {
  const { hits } = await search({ sort: 'indexed' });
  t.same(hits.map((h) => h.id), [first.id, late.id, last.id]);
  t.same(hits.map((h) => Date.parse(h.indexedAt!)), [first.id, late.id, last.id].map((id) => INDEXED.get(id)), 'indexedAt on every hit');
});

t.test('indexedFrom: what arrived since the last sync, a late article published days ago included', async (t) => {
  const since = new Date(INDEXED.get(first.id)! + 1).toISOString();
  const { hits } = await search({ sort: 'indexed', indexedFrom: since });
  t.same(hits.map((h) => h.id), [late.id, last.id]);
  const byPublication = await search({ sort: 'newest', from: new Date(now - DAY).toISOString() });
  t.notOk(byPublication.hits.some((h) => h.id === late.id), 'from= (publication dates) would have missed the late one');
  const window = await search({ sort: 'indexed', indexedFrom: new Date(now - 15 * MIN).toISOString(), indexedTo: new Date(now - 7 * MIN).toISOString() });
  t.same(window.hits.map((h) => h.id), [late.id], 'indexedTo bounds it too');
});

t.test('a sync walks page by page with the cursor, and sees an updated article again at the end', async (t) => {
  const seen: string[] = [];
  let cursor: string | null = null;
  do {
    const page = await search({ sort: 'indexed', limit: '1', ...(cursor ? { cursor } : {}) });
    seen.push(...page.hits.map((h) => h.id));
    cursor = page.nextCursor;
  } while (cursor && seen.length < 10);
  t.same(seen, [first.id, late.id, last.id], 'each once, in order');

  await write(first, now - 2 * MIN);
  t.teardown(() => write(first, INDEXED.get(first.id)!));
  const since = new Date(INDEXED.get(last.id)! + 1).toISOString();
  t.same((await search({ sort: 'indexed', indexedFrom: since })).hits.map((h) => h.id), [first.id], 'its update made it searchable anew: the next sync gets it');
});

t.test('bad dates are a 400 naming the parameter', async (t) => {
  const bad = await search({ indexedFrom: 'yesterday' });
  t.equal(bad.status, 400);
  t.match(bad.body, { error: { code: 'AKHBAR_BAD_PARAMETER', param: 'indexedFrom' } });
  const reversed = await search({ indexedFrom: '2026-02-01', indexedTo: '2026-01-01' });
  t.equal(reversed.status, 400);
  t.match(reversed.body, { error: { param: 'indexedFrom', message: /after indexedTo/ } });
  t.equal((await gw.app.inject({ url: '/v1/trending?indexedFrom=now-1h' })).statusCode, 400, 'not on routes that look at a recent window');
});

t.test('a sync walk stops short of what was indexed in the last AKHBAR_SYNC_SETTLE_SEC, and says where it stopped', async (t) => {
  // Written two seconds ago: a bulk sent at the same moment as another could still be on its way, so a walk
  // that returned this one could leave that one behind its last indexedAt.
  const fresh = enrichedFromSpec(spec('fresh', 'Kirkuk council meets on the budget', HOUR), 'https://tigris-wire.example/fresh', Date.now());
  await write(fresh, Date.now() - 2_000);
  t.teardown(() => gw.es.delete({ index: indexNames(gw.indexPrefix).write, id: fresh.id, refresh: true }));
  const asked = Date.now();
  const walk = await search({ sort: 'indexed' });
  t.same(walk.hits.map((h) => h.id), [first.id, late.id, last.id], 'not the article indexed a moment ago');
  const until = Date.parse(walk.body.indexedUntil);
  t.ok(until <= asked - 60_000 && until > asked - 62_000, `indexedUntil: a minute before the request (${walk.body.indexedUntil})`);
  t.ok((await search({ sort: 'newest' })).hits.some((h) => h.id === fresh.id), 'a search by date shows it already');
  t.equal((await search({ sort: 'newest' })).body.indexedUntil, undefined, 'and says nothing of a walk');
  const ndjson = (await gw.app.inject({ url: '/v1/search.ndjson?sort=indexed' })).body.trim().split('\n').map((l) => (JSON.parse(l) as { id: string }).id);
  t.same(ndjson, [first.id, late.id, last.id], 'an export walking by indexedAt stops at the same point');

  // The same index and Redis behind a gateway set to wait for nothing.
  const eager = await build({ es: gw.es, redis: gw.redis, queuePrefix: gw.queuePrefix, indexPrefix: gw.indexPrefix, rateLimitMax: 0, syncSettleSec: 0 });
  t.teardown(() => eager.close());
  const now0 = await eager.inject({ url: '/v1/search?sort=indexed' });
  t.same((now0.json() as { hits: Hit[] }).hits.map((h) => h.id), [first.id, late.id, last.id, fresh.id], 'AKHBAR_SYNC_SETTLE_SEC=0: up to the second');
});
