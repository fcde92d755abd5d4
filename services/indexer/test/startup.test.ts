import t from 'tap';
import { createLogger } from '@akhbar/core';
import { createEsClient, ensureArticleIndex, indexNames } from '@akhbar/search';
import { dropIndexPrefix, testEsUrl, uniqueIndexPrefix } from '@akhbar/testkit';
import { prepareArticleIndex } from '../src/indexer.ts';
import { startEsProxy } from './proxy.ts';

/**
 * The indexer's start: the article index is made ready whatever Elasticsearch is doing at that
 * moment — down, or dropping the connection while the index is created — rather than the process
 * exiting (a chaos run caught an indexer that died when its index creation failed once).
 */

const log = createLogger('startup-test', 'silent');
const direct = createEsClient(testEsUrl());
const prefixes: string[] = [];
t.teardown(async () => {
  for (const p of prefixes) await dropIndexPrefix(p);
  await direct.close();
});

async function rig() {
  const proxy = await startEsProxy(testEsUrl());
  const es = createEsClient(proxy.url, { requestTimeout: 3_000, maxRetries: 0 });
  const prefix = uniqueIndexPrefix('startup');
  prefixes.push(prefix);
  return { proxy, es, prefix, close: async () => { await es.close(); await proxy.close(); } };
}

t.test('Elasticsearch down at start: the indexer waits, then creates its index', async (t) => {
  const r = await rig();
  t.teardown(r.close);
  await r.proxy.down();
  let done = false;
  const ready = prepareArticleIndex(r.es, r.prefix, {}, log, 300).then((index) => {
    done = true;
    return index;
  });
  await new Promise((resolve) => setTimeout(resolve, 1_200));
  t.equal(done, false, 'still waiting while Elasticsearch is away');
  await r.proxy.up();
  const index = await ready;
  t.equal(index, indexNames(r.prefix).version(1));
  t.ok(await direct.indices.existsAlias({ name: indexNames(r.prefix).write }), 'with its write alias');
});

t.test('a connection cut while the index is being created: retried, not fatal', async (t) => {
  const r = await rig();
  t.teardown(r.close);
  // The fault is real: a plain creation through it fails.
  r.proxy.cutNext('PUT');
  const plain = uniqueIndexPrefix('startup-plain');
  prefixes.push(plain);
  await t.rejects(ensureArticleIndex(r.es, plain), 'without retries the start would have ended here');
  r.proxy.cutNext('PUT');
  const index = await prepareArticleIndex(r.es, r.prefix, {}, log, 300);
  t.equal(index, indexNames(r.prefix).version(1));
  const aliases = await direct.indices.getAlias({ name: indexNames(r.prefix).write });
  t.same(Object.keys(aliases), [index], 'one index behind the write alias');
});

t.test('settings Elasticsearch refuses for good stop the start with the reason', async (t) => {
  const r = await rig();
  t.teardown(r.close);
  const err = await prepareArticleIndex(r.es, r.prefix, { shards: 0 }, log, 300).then(() => undefined, (e: unknown) => e);
  t.equal((err as { meta?: { statusCode?: number } } | undefined)?.meta?.statusCode, 400, 'a 400, not an endless wait');
  t.match(String(err), /number_of_shards|shards/, 'naming what it refused');
});
