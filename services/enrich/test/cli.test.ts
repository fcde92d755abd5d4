import t from 'tap';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { QUEUES } from '@akhbar/core';
import { indexNames, toDocument } from '@akhbar/search';
import { testEsUrl, testRedisUrl } from '@akhbar/testkit';
import { LEDE_AR } from './fixtures.ts';
import { setup, stale } from './index-fixtures.ts';

/** The `akhbar enrich` command and the service's boot, as a user runs them. */

const exec = promisify(execFile);
const root = fileURLToPath(new URL('../../../', import.meta.url));
const bin = join(root, 'bin/akhbar.mjs');

async function akhbar(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec(process.execPath, [bin, ...args], { env: { ...process.env, ...env }, cwd: root });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? 1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

t.test('akhbar enrich prints the enrichment of a text file and of an article JSON', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'akhbar-enrich-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const txt = join(dir, 'story.txt');
  await writeFile(txt, `الكاظمي يحمل إلى واشنطن خريطة الفصائل\n\n${LEDE_AR}\nإقرأ ايضا\n`);
  const res = await akhbar(['enrich', txt]);
  t.equal(res.code, 0, res.stderr);
  const out = JSON.parse(res.stdout) as { title: string; enrichment: { lang: string; entities: Array<{ id: string }>; topics: Array<{ id: string }> } };
  t.equal(out.title, 'الكاظمي يحمل إلى واشنطن خريطة الفصائل', 'the first line is the title');
  t.equal(out.enrichment.lang, 'ar');
  t.ok(out.enrichment.entities.some((e) => e.id === 'mustafa-al-kadhimi'));
  t.ok(out.enrichment.topics.some((x) => x.id === 'politics'));

  const json = join(dir, 'article.json');
  await writeFile(json, JSON.stringify({ title: 'Basra Gulf SC win the league', body: 'Basra Gulf SC beat their rivals in Basra to win the Iraqi league title.' }));
  const entitiesFile = join(dir, 'entities.json');
  await writeFile(entitiesFile, JSON.stringify([{ id: 'basra-gulf-sc', type: 'org', country: 'IQ', names: { en: 'Basra Gulf SC', ar: 'نادي خليج البصرة' } }]));
  const withFile = await akhbar(['enrich', json], { AKHBAR_ENTITIES_FILE: entitiesFile });
  t.equal(withFile.code, 0, withFile.stderr);
  const e2 = JSON.parse(withFile.stdout) as { enrichment: { lang: string; entities: Array<{ id: string }> } };
  t.equal(e2.enrichment.lang, 'en');
  t.ok(e2.enrichment.entities.some((e) => e.id === 'basra-gulf-sc'), 'an entity from AKHBAR_ENTITIES_FILE is recognised');
});

t.test('bad input gets a coded error', async (t) => {
  const missing = await akhbar(['enrich', '/nonexistent/story.txt']);
  t.equal(missing.code, 1);
  t.match(missing.stderr, /AKHBAR_ENRICH_BAD_INPUT/);
  const badDate = await akhbar(['reenrich', '--since', 'last tuesday-ish']);
  t.equal(badDate.code, 1);
  t.match(badDate.stderr, /AKHBAR_ENRICH_BAD_DATE/);
});

t.test('the service refuses to start with an unreadable entities file', async (t) => {
  try {
    await exec(process.execPath, [join(root, 'services/enrich/src/main.ts')], { env: { ...process.env, AKHBAR_ENTITIES_FILE: '/nonexistent/entities.json', METRICS_PORT: '0' }, timeout: 20_000 });
    t.fail('should have exited');
  } catch (err) {
    const e = err as { code?: number; stderr?: string };
    t.equal(e.code, 78, 'exit status 78 (configuration)');
    t.match(e.stderr, /AKHBAR_NLP_ENTITIES_INVALID|entities file/);
  }
});

t.test('akhbar reenrich, as an operator runs it after an upgrade: old articles go back through enrichment to the indexer', async (t) => {
  const { es, indexPrefix, queuePrefix, enrichedQueue } = await setup(t, 'cli-reenrich');
  // An article an older release indexed: no tone, no entities.
  const old = stale('cli-re-1', 'الكاظمي يتوجه إلى واشنطن', LEDE_AR, '2026-01-10T08:00:00.000Z');
  await es.index({ index: indexNames(indexPrefix).write, id: old.id, document: toDocument(old), refresh: true });

  const env = { AKHBAR_INDEX_PREFIX: indexPrefix, AKHBAR_QUEUE_PREFIX: queuePrefix, REDIS_URL: testRedisUrl(), ELASTICSEARCH_URL: testEsUrl() };
  const dry = await akhbar(['reenrich', '--since', '2026-01-01', '--dry-run'], env);
  t.equal(dry.code, 0, dry.stderr);
  t.same(JSON.parse(dry.stdout), { reenriched: 1, sentToIndexer: 0, queue: QUEUES.enriched }, 'a dry run counts and sends nothing');
  t.equal(await enrichedQueue.count(), 0);
  const staleDry = await akhbar(['reenrich', '--since', '2026-01-01', '--stale', '--dry-run'], env);
  t.same(JSON.parse(staleDry.stdout), { reenriched: 1, sentToIndexer: 0, upToDate: 0, queue: QUEUES.enriched }, '--stale: an older release\'s article is stale');

  const res = await akhbar(['reenrich', '--since', '2026-01-01'], env);
  t.equal(res.code, 0, res.stderr);
  t.same(JSON.parse(res.stdout), { reenriched: 1, sentToIndexer: 1, queue: QUEUES.enriched });
  const [job] = await enrichedQueue.getJobs(['waiting', 'prioritized', 'delayed']);
  t.equal(job?.data.article.id, old.id, 'the article is on its way to the indexer');
  t.ok(job?.data.article.enrichment.entities.some((e) => e.id === 'mustafa-al-kadhimi'), 'enriched by today\'s taggers');
  t.type(job?.data.article.enrichment.tone?.score, 'number', 'tone included');
  t.notMatch(res.stderr, /already connecting|Connection is closed/);
});
