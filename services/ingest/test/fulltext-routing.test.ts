import t, { type Test } from 'tap';
import { QUEUES, fulltextWorkersKey, openQueue, type FulltextPolicy, type RawJob } from '@akhbar/core';
import { startFeedServer } from '@akhbar/testkit';
import { fetchOnce } from '../src/fetch-job.ts';
import { rss, setup } from './helpers.ts';

/**
 * Routing to the full-text stage (services/fulltext): a feed's short items go to
 * articles.fulltext by its policy, long ones straight to articles.raw, and nothing is parked
 * while no fulltext worker is alive.
 */
const long = 'The council met for six hours and approved the budget after a long debate about costs. '.repeat(8);

async function route(t: Test, policy: FulltextPolicy, alive: boolean) {
  const srv = await startFeedServer({ '/f.rss.xml': { body: rss([{ slug: 'short' }, { slug: 'long', body: long }]) } });
  const env = await setup('ft-route');
  const fulltextQueue = openQueue<RawJob>(QUEUES.fulltext, { connection: env.redis, prefix: env.prefix });
  t.teardown(async () => {
    await fulltextQueue.close();
    await srv.close();
    await env.cleanup();
  });
  if (alive) await env.redis.zadd(fulltextWorkersKey(env.prefix), Date.now() + 30_000, 'replica-1');
  else await env.redis.zadd(fulltextWorkersKey(env.prefix), Date.now() - 1000, 'crashed-replica');
  const { feed } = await env.registry.add({ url: `${srv.url}/f.rss.xml`, fulltext: policy });
  const out = await fetchOnce(feed.id, { ...env.deps, fulltextQueue });
  t.equal(out.queued, 2, 'both items queued once');
  const slugs = async (q: typeof fulltextQueue) => (await q.getJobs(['waiting'])).map((j) => j.data.article.url.split('/').pop()).sort();
  return { fulltext: await slugs(fulltextQueue), raw: await slugs(env.rawQueue) };
}

t.test('when-short (default): the one-line item goes to full text, the long one to enrichment', async (t) => {
  t.same(await route(t, 'when-short', true), { fulltext: ['short'], raw: ['long'] });
});

t.test('always and never', async (t) => {
  t.same(await route(t, 'always', true), { fulltext: ['long', 'short'], raw: [] });
  t.same(await route(t, 'never', true), { fulltext: [], raw: ['long', 'short'] });
});

t.test('no live fulltext worker: everything goes straight to articles.raw', async (t) => {
  t.same(await route(t, 'always', false), { fulltext: [], raw: ['long', 'short'] });
});
