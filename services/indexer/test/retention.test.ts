import t from 'tap';
import { Registry } from 'prom-client';
import { createLogger, createRedis } from '@akhbar/core';
import { articleIndexBody, createEsClient, documentVersion, indexNames, toDocument } from '@akhbar/search';
import { deleteRedisPrefix, dropIndexPrefix, testEsUrl, testRedisUrl, uniqueIndexPrefix, uniqueQueuePrefix } from '@akhbar/testkit';
import { makeArticle } from '../../../packages/search/test/fixtures.ts';
import { indexerCommands } from '../src/cli.ts';
import { startRetention } from '../src/retention.ts';

/**
 * Retention over real Elasticsearch and Redis: `akhbar index prune` and the indexer's hourly loop
 * (AKHBAR_RETENTION_DAYS) delete the articles published before the cutoff and nothing else.
 */

const es = createEsClient(testEsUrl());
const redis = createRedis(testRedisUrl(), 'producer');
const indexPrefix = uniqueIndexPrefix('retention');
const queuePrefix = uniqueQueuePrefix('retention');
const names = indexNames(indexPrefix);
const env = { REDIS_URL: testRedisUrl(), ELASTICSEARCH_URL: testEsUrl(), AKHBAR_QUEUE_PREFIX: queuePrefix, AKHBAR_INDEX_PREFIX: indexPrefix };
t.teardown(async () => {
  await dropIndexPrefix(indexPrefix);
  await deleteRedisPrefix(queuePrefix);
  redis.disconnect();
  await es.close();
});

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const cmd = indexerCommands(env, { out: (s) => out.push(s), err: (s) => err.push(s) }).find((c) => args.join(' ').startsWith(c.name))!;
  const code = await cmd.run(args.slice(cmd.name.split(' ').length));
  return { code, out: out.join(''), err: err.join('') };
}

const DAY = 86_400_000;
/** Articles published `days` ago each; their titles say how old they are. */
async function publish(...days: number[]): Promise<void> {
  const docs = days.map((d, i) => toDocument(makeArticle({ title: `Report ${i} from ${d} days ago`, publishedAt: new Date(Date.now() - d * DAY).toISOString() })));
  await es.bulk({ refresh: true, operations: docs.flatMap((d) => [{ index: { _index: names.write, _id: d.id, version: documentVersion(d), version_type: 'external_gte' as const } }, d]) });
}
const titles = async () =>
  ((await es.search<{ title: string }>({ index: names.read, size: 100, query: { match_all: {} }, _source: ['title'] })).hits.hits.map((h) => h._source!.title)).sort();

t.test('akhbar index prune: a dry run counts, a prune deletes what was published before the cutoff and nothing newer', async (t) => {
  t.match(await run(['index', 'migrate']), { code: 0 }, 'an index to prune');
  await publish(400, 120, 91, 89, 2, 0);
  const dry = await run(['index', 'prune', '--older-than', '90d', '--dry-run']);
  t.match(dry, { code: 0, out: /^3 article\(s\) published before \S+ would be deleted\n$/ });
  t.equal((await titles()).length, 6, 'a dry run deletes nothing');

  const pruned = await run(['index', 'prune', '--older-than', '90d']);
  t.match(pruned, { code: 0, out: /^3 article\(s\) published before \S+ deleted\n$/ });
  await es.indices.refresh({ index: names.read });
  t.same(await titles(), ['Report 3 from 89 days ago', 'Report 4 from 2 days ago', 'Report 5 from 0 days ago']);
  const again = JSON.parse((await run(['index', 'prune', '--older-than', '90d', '--json'])).out) as { matched: number; deleted: number };
  t.match(again, { matched: 0, deleted: 0 }, 'pruning again finds nothing left');
  t.match(await run(['index', 'prune', '--older-than', '2w', '--json']), { code: 0, out: /"deleted": 1/ }, 'weeks too');

  t.match(await run(['index', 'prune']), { code: 2, err: /--older-than/ }, 'no cutoff: refused');
  t.match(await run(['index', 'prune', '--older-than', 'soon']), { code: 2, err: /36h, 90d or 2w/ });
  t.match(await run(['index', 'prune', '--older-than', '90d', '--force']), { code: 2, err: /unknown option --force/ });
});

t.test('not while a migration copies the articles: a deleted article could be copied back', async (t) => {
  // What a migration leaves between its two alias swaps: the read alias on two indices.
  const next = names.version(9);
  await es.indices.create({ index: next, ...articleIndexBody(), aliases: { [names.read]: {} } } as never);
  t.teardown(() => es.indices.delete({ index: next }).then(() => undefined));
  const refused = await run(['index', 'prune', '--older-than', '1d']);
  t.match(refused, { code: 1, err: /AKHBAR_INDEX_PRUNE_DURING_MIGRATION/ });
  await es.indices.updateAliases({ actions: [{ remove: { index: next, alias: names.read } }] });
});

t.test('AKHBAR_RETENTION_DAYS: the indexer prunes every period, one replica per period', async (t) => {
  await publish(40, 31, 29, 1);
  const log = createLogger('retention-test', 'silent');
  const registry = new Registry();
  const opts = { es, redis, indexPrefix, queuePrefix, days: 30, everyMs: 3_600_000, firstAfterMs: 3_600_000, log };
  const one = startRetention({ ...opts, registry });
  const two = startRetention(opts);
  t.teardown(async () => {
    await one.close();
    await two.close();
  });
  const first = await one.runOnce();
  t.match(first, { deleted: 2, failed: 0 }, 'the articles older than 30 days');
  t.equal(await two.runOnce(), undefined, 'another replica in the same period skips: the lock is held');
  await es.indices.refresh({ index: names.read });
  const left = await titles();
  t.notOk(left.some((x) => / from (40|31) days ago$/.test(x)), 'none older than 30 days is left');
  t.ok(left.includes('Report 2 from 29 days ago') && left.includes('Report 3 from 1 days ago'), 'the newer ones stay');
  t.match(await registry.metrics(), /akhbar_indexer_retention_deleted_total 2/, 'counted on /metrics');
});
