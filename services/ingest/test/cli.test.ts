import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import t from 'tap';
import { Redis } from 'ioredis';
import { FeedRegistry, QUEUES, runCli } from '@akhbar/core';
import { REPO_ROOT, deleteRedisPrefix, startFeedServer, testRedisUrl, uniqueQueuePrefix } from '@akhbar/testkit';
import { commands, useCliIo } from '../src/cli.ts';
import { rss } from './helpers.ts';

/** The same commands in-process, with the environment they would see. */
async function akhbar(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  const restore = useCliIo({ out: (s) => void (stdout += s), err: (s) => void (stderr += s) });
  try {
    const code = await runCli(commands, args);
    return { code, stdout, stderr };
  } finally {
    restore();
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

const FIXTURES = join(REPO_ROOT, 'packages', 'feeds', 'test', 'fixtures');
const run = promisify(execFile);

/** The real binary, as a user runs it (slow to start: it loads every service's commands). */
async function akhbarBin(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [join(REPO_ROOT, 'bin', 'akhbar.mjs'), ...args], {
      env: { ...process.env, LOG_LEVEL: 'silent', ...env }, timeout: 30_000,
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

t.test('akhbar feeds parse / discover', async (t) => {
  const srv = await startFeedServer({ '/feed.rss.xml': { body: rss([{ slug: 'one' }], 'Served feed') } });
  t.teardown(() => srv.close());
  // Through the real binary: the dispatcher finds the commands, output and exit codes reach the shell.
  const [file, bomb] = await Promise.all([
    akhbarBin(['feeds', 'parse', join(FIXTURES, 'atom-xmlbase.atom.xml'), '--url', 'https://najaf-review.example/blog/feed.atom']),
    akhbarBin(['feeds', 'parse', join(FIXTURES, 'hostile-billion-laughs.xml')]),
  ]);
  const arabic = await akhbar(['feeds', 'parse', join(FIXTURES, 'ar-windows-1256.xml')]);
  const page = await akhbar(['feeds', 'parse', join(FIXTURES, 'page-with-feeds.html')]);
  const url = await akhbar(['feeds', 'parse', `${srv.url}/feed.rss.xml`], { AKHBAR_ALLOW_PRIVATE_NETWORKS: 'true' });
  const refused = await akhbar(['feeds', 'parse', `${srv.url}/feed.rss.xml`], { AKHBAR_ALLOW_PRIVATE_NETWORKS: 'false' });
  t.equal(file.code, 0, file.stderr);
  const out = JSON.parse(file.stdout) as { feed: { format: string; title: string }; items: Array<{ url: string; title: string }> };
  t.match(out.feed, { format: 'atom', title: 'Najaf Review' });
  t.equal(out.items[0]!.url, 'https://najaf-review.example/blog/2025/06/rivers-and-roads');
  t.equal(arabic.code, 0);
  t.equal((JSON.parse(arabic.stdout) as typeof out).items[0]!.title, 'الكاظمي يصل إلى واشنطن في زيارة رسمية');
  t.equal(bomb.code, 1, 'a hostile feed exits non-zero');
  t.match(bomb.stderr, /AKHBAR_FEED_XML_ENTITIES/);
  t.equal(page.code, 1);
  t.match(page.stderr, /AKHBAR_FEED_NOT_A_FEED/);
  t.match(page.stderr, /https:\/\/furat-news\.example\/en\/atom\.xml/, 'the feeds found on the page are listed');
  t.equal(url.code, 0, url.stderr);
  t.match(JSON.parse(url.stdout), { http: { status: 200 }, feed: { title: 'Served feed' }, items: [{ url: `${srv.url}/news/one` }] });
  t.equal(refused.code, 1);
  t.match(refused.stderr, /AKHBAR_FEED_PRIVATE_ADDRESS/, 'the CLI uses the SSRF guard too');

  const discovered = await akhbar(['feeds', 'discover', join(FIXTURES, 'page-with-feeds.html'), '--url', 'https://furat-news.example/ar/']);
  t.equal(discovered.code, 0);
  t.match(JSON.parse(discovered.stdout), [{ url: 'https://furat-news.example/ar/feed/latest.xml', type: 'application/rss+xml' }]);
});

t.test('akhbar feeds add / list / import / export / enable / remove against Redis', async (t) => {
  const prefix = uniqueQueuePrefix('cli');
  const env = { REDIS_URL: testRedisUrl(), AKHBAR_QUEUE_PREFIX: prefix };
  const dir = await mkdtemp(join(tmpdir(), 'akhbar-cli-'));
  const redis = new Redis(testRedisUrl());
  t.teardown(async () => {
    redis.disconnect();
    await rm(dir, { recursive: true, force: true });
    await deleteRedisPrefix(prefix);
  });
  const add = await akhbar(['feeds', 'add', 'https://News.Example/rss?utm_source=x', '--title', 'News', '--lang', 'ar', '--interval', '600', '--category', 'Iraq'], env);
  t.equal(add.code, 0, add.stderr);
  const added = JSON.parse(add.stdout) as { created: boolean; feed: { id: string; url: string; intervalSec: number; category: string } };
  t.match(added, { created: true, feed: { url: 'https://news.example/rss', intervalSec: 600, category: 'Iraq' } });
  const registry = new FeedRegistry(redis, prefix);
  t.ok(await registry.get(added.feed.id), 'stored in the registry');
  const waiting = await redis.lrange(`${prefix}:${QUEUES.fetch}:wait`, 0, -1);
  t.ok(waiting.some((id) => id.startsWith(`new-${added.feed.id}`)), 'a first fetch was queued');

  const imported = await akhbar(['feeds', 'import', join(FIXTURES, 'subscriptions.opml')], env);
  t.equal(imported.code, 0, imported.stderr);
  t.match(JSON.parse(imported.stdout), { found: 4, added: 4, existing: 0, invalid: [] });

  const list = await akhbar(['feeds', 'list', '--json'], env);
  const feeds = JSON.parse(list.stdout) as Array<{ url: string; category?: string; lang?: string }>;
  t.equal(feeds.length, 5);
  t.match(feeds.find((f) => f.url === 'https://erbil.example/feed.xml'), { category: 'Kurdistan' });
  const table = await akhbar(['feeds', 'list'], env);
  t.match(table.stdout, /^id\tstate\tfails/);

  const file = join(dir, 'out.opml');
  const exported = await akhbar(['feeds', 'export', '--out', file], env);
  t.equal(exported.code, 0);
  const opml = await readFile(file, 'utf8');
  t.match(opml, /<outline text="Iraq" title="Iraq">/);
  t.match(opml, /xmlUrl="https:\/\/baghdad-today\.example\/rss"/);

  await registry.updateStatus(added.feed.id, { state: 'disabled', consecutiveFailures: 10 });
  t.equal((await akhbar(['feeds', 'enable', 'https://news.example/rss'], env)).code, 0);
  t.match((await registry.require(added.feed.id)).status, { state: 'active', consecutiveFailures: 0 });

  const removed = await akhbar(['feeds', 'remove', added.feed.id], env);
  t.equal(removed.code, 0);
  t.notOk(await registry.get(added.feed.id));
  t.equal((await akhbar(['feeds', 'remove', added.feed.id], env)).code, 1, 'removing an unknown feed fails');

  await writeFile(join(dir, 'bad.opml'), '<html><body>not opml</body></html>');
  const bad = await akhbar(['feeds', 'import', join(dir, 'bad.opml')], env);
  t.equal(bad.code, 1);
  t.match(bad.stderr, /AKHBAR_OPML_INVALID/);
});
