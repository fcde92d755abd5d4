import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import t from 'tap';
import { createEsClient, documentVersion, indexNames, toDocument, type ArticleIndexStatus } from '@akhbar/search';
import { REPO_ROOT, dropIndexPrefix, testEsUrl, testRedisUrl, uniqueIndexPrefix, uniqueQueuePrefix } from '@akhbar/testkit';
import { makeArticle } from '../../../packages/search/test/fixtures.ts';
import { indexerCommands } from '../src/cli.ts';

/** `akhbar index status` and `akhbar index migrate` as an operator runs them. */

const es = createEsClient(testEsUrl());
const indexPrefix = uniqueIndexPrefix('cli');
const env = { REDIS_URL: testRedisUrl(), ELASTICSEARCH_URL: testEsUrl(), AKHBAR_QUEUE_PREFIX: uniqueQueuePrefix('cli'), AKHBAR_INDEX_PREFIX: indexPrefix, AKHBAR_INDEX_SHARDS: '2' };
t.teardown(async () => {
  await dropIndexPrefix(indexPrefix);
  await es.close();
});

async function run(args: string[], environment: Record<string, string> = env): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const cmds = indexerCommands(environment, { out: (s) => out.push(s), err: (s) => err.push(s) });
  const cmd = cmds.find((c) => args.join(' ').startsWith(c.name));
  if (!cmd) throw new Error(`no command for ${args.join(' ')}`);
  const code = await cmd.run(args.slice(cmd.name.split(' ').length));
  return { code, out: out.join(''), err: err.join('') };
}

t.test('index status and migrate', async (t) => {
  const names = indexNames(indexPrefix);
  t.match(await run(['index', 'status']), { code: 0, out: /none yet/ });

  t.match(await run(['index', 'migrate']), { code: 0, out: new RegExp(`created ${names.version(1)}`) }, 'the first migrate creates v1');
  const docs = Array.from({ length: 12 }, (_, i) => toDocument(makeArticle({ title: `Council meeting ${i}` })));
  await es.bulk({ refresh: true, operations: docs.flatMap((d) => [{ index: { _index: names.write, _id: d.id, version: documentVersion(d), version_type: 'external_gte' as const } }, d]) });

  const status = await run(['index', 'status']);
  t.match(status.out, new RegExp(`${names.version(1)}\\s+\\S+\\s+12 docs`));
  t.match(status.out, /shards 2 replicas 0 refresh 1000ms {2}\[read, write\]/, 'shards, replicas and refresh from config');
  t.match(status.out, new RegExp(`write alias ${names.write} → ${names.version(1)}`));

  const migrated = await run(['index', 'migrate', '--batch-size', '5']);
  t.equal(migrated.code, 0, migrated.err);
  t.match(migrated.out, new RegExp(`migrated ${names.version(1)} → ${names.version(2)}: 12 article\\(s\\) copied`));
  const json = JSON.parse((await run(['index', 'status', '--json'])).out) as ArticleIndexStatus;
  t.equal(json.writeIndex, names.version(2));
  t.same(json.indices.map((i) => [i.name, i.read, i.write, i.docs]), [[names.version(1), false, false, 12], [names.version(2), true, true, 12]]);
  t.match(await run(['index', 'migrate', '--if-outdated']), { code: 0, out: /nothing to do/ });
  t.match(await run(['index', 'migrate', '--abort']), { code: 1, err: /AKHBAR_INDEX_MIGRATION_CONFLICT: no migration in progress/ });
});

t.test('bad arguments and bad configuration are refused with a message', async (t) => {
  t.match(await run(['index', 'migrate', '--batch-size', 'lots']), { code: 2, err: /--batch-size/ });
  t.match(await run(['index', 'status', '--verbose']), { code: 2, err: /unknown option --verbose/ });
  t.match(await run(['index', 'status'], { ...env, AKHBAR_INDEX_REPLICAS: 'two' }), { code: 78, err: /AKHBAR_INDEX_REPLICAS must be an integer/ });
});

t.test('the akhbar binary carries the commands', async (t) => {
  const { stdout } = await promisify(execFile)(process.execPath, [join(REPO_ROOT, 'bin', 'akhbar.mjs'), 'index', 'status'], { env: { ...process.env, ...env } });
  t.match(stdout, new RegExp(`read alias ${indexNames(indexPrefix).read} → ${indexNames(indexPrefix).version(2)}`));
});
