import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import t from 'tap';
import {
  AlertRegistry, QUEUES, type AlertFormat, articleJobId, contentHash, createLogger, createRedis, openQueue, type AlertJob, type AlertMatchJob, type DeadJob, type EnrichedArticle, type EnrichedJob,
  type StoredAlert,
} from '@akhbar/core';
import { alertQuoteClause, buildQuery, createEsClient, ensureArticleIndex, fromDocument, indexNames, similarBody } from '@akhbar/search';
import { deleteRedisPrefix, dropIndexPrefix, testEsUrl, testRedisUrl, uniqueIndexPrefix, uniqueQueuePrefix, waitFor } from '@akhbar/testkit';
import { makeArticle } from '../../../packages/search/test/fixtures.ts';
import { AlertMatcher, deliveryBody, signature, startAlertWorkers } from '../src/alerts.ts';
import { startIndexer } from '../src/indexer.ts';

/**
 * Alerts end to end inside the indexer, over real Redis and Elasticsearch: alerts in the Redis
 * registry, enriched articles through the indexer, matched in Elasticsearch, deliveries POSTed to
 * a real local HTTP server that records them and answers as each test's webhook should.
 */

const es = createEsClient(testEsUrl());
const log = createLogger('alerts-test', 'silent');
t.teardown(() => es.close());

interface Received {
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/**
 * A webhook receiver: `answers[path]` is what to give in turn (then 200): a status, `'hang'`
 * (never answer) or `'huge'` (200 with 50 MB of body).
 */
async function receiver(t: { teardown: (fn: () => Promise<void>) => void }, answers: Record<string, Array<number | 'hang' | 'huge'>> = {}) {
  const got: Received[] = [];
  const held = new Set<import('node:http').ServerResponse>();
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8').on('data', (c: string) => (body += c)).on('end', () => {
      got.push({ path: req.url ?? '', headers: req.headers, body });
      const answer = answers[req.url ?? '']?.shift() ?? 200;
      if (answer === 'hang') {
        held.add(res);
        return;
      }
      if (answer === 'huge') {
        res.writeHead(200, { 'content-type': 'text/plain' });
        const chunk = Buffer.alloc(1024 * 1024, 'x');
        let left = 50;
        const more = () => {
          while (left > 0) {
            left--;
            if (!res.write(chunk)) return void res.once('drain', more);
          }
          res.end();
        };
        res.on('error', () => undefined);
        return more();
      }
      res.writeHead(answer).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  }));
  const { port } = server.address() as { port: number };
  return {
    got,
    url: (path: string) => `http://127.0.0.1:${String(port)}${path}`,
    /** Requests being held unanswered ('hang'). */
    held: () => held.size,
    /** Cut the held requests' connections. */
    drop: () => {
      for (const res of held) res.socket?.destroy();
      held.clear();
    },
  };
}

function alert(id: string, webhook: string, params: Record<string, string>, filters: Parameters<typeof buildQuery>[0], extra: { createdAt?: string; digest?: string; format?: AlertFormat } = {}): StoredAlert {
  const createdAt = extra.createdAt ?? new Date().toISOString();
  return { query: buildQuery(filters), alert: { id, name: `alert ${id}`, webhook, params, expandedEntities: [], createdAt, ...(extra.digest ? { digest: extra.digest } : {}), ...(extra.format ? { format: extra.format } : {}) }, secret: `secret-of-${id}-0123456789` };
}

/**
 * A real SMTP server on a local port (smtp-server, the protocol over TCP as any mail server speaks
 * it): it keeps what it is sent, parsed (mailparser), and refuses a recipient with the SMTP codes
 * `refuse[address]` lists in turn.
 */
async function mailbox(t: { teardown: (fn: () => Promise<void>) => void }, refuse: Record<string, number[]> = {}) {
  const got: Array<{ from: string; to: string[]; mail: ParsedMail }> = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, done) {
      const code = refuse[address.address]?.shift();
      if (code === undefined) return done();
      done(Object.assign(new Error(`mailbox says no (${String(code)})`), { responseCode: code }));
    },
    onData(stream, session, done) {
      simpleParser(stream).then((mail) => {
        got.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), mail });
        done();
      }, done);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  t.teardown(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const { port } = server.server.address() as AddressInfo;
  return { got, url: `smtp://127.0.0.1:${String(port)}` };
}

async function rig(t: { teardown: (fn: () => Promise<void>) => void }, label: string, opts: { allowPrivate?: boolean; timeoutMs?: number; mail?: { smtpUrl: string; from: string } } = {}) {
  const queuePrefix = uniqueQueuePrefix(label);
  const indexPrefix = uniqueIndexPrefix(label);
  await ensureArticleIndex(es, indexPrefix);
  const connection = createRedis(testRedisUrl(), 'worker');
  const workerConnection = createRedis(testRedisUrl(), 'worker');
  const deliveryConnection = createRedis(testRedisUrl(), 'worker');
  const registry = new AlertRegistry(connection, queuePrefix);
  const retries = { attempts: 3, backoff: { type: 'fixed', delay: 50 }, removeOnComplete: false, removeOnFail: false };
  const matchQueue = openQueue<AlertMatchJob>(QUEUES.alertMatch, { connection, prefix: queuePrefix }, retries);
  const alertQueue = openQueue<AlertJob>(QUEUES.alerts, { connection, prefix: queuePrefix }, retries);
  // No match delay: the matcher refreshes the index itself when articles are not yet searchable.
  const matcher = new AlertMatcher({ registry, queue: matchQueue, flushMs: 20, recheckMs: 0, delayMs: 0 });
  const indexer = startIndexer({ es, workerConnection, connection, queuePrefix, indexPrefix, concurrency: 50, batch: { maxDocs: 20, flushMs: 20 }, log, alerts: matcher });
  const workers = startAlertWorkers({
    es, registry, indexPrefix, queuePrefix, workerConnection: deliveryConnection, deliveries: alertQueue, dlq: indexer.dlq, log, allowPrivateNetworks: opts.allowPrivate ?? true, timeoutMs: opts.timeoutMs ?? 2_000,
    ...(opts.mail ? { mail: opts.mail } : {}),
  });
  const articles = openQueue<EnrichedJob>(QUEUES.enriched, { connection, prefix: queuePrefix });
  t.teardown(async () => {
    await indexer.close();
    await matcher.close();
    await workers.close();
    await Promise.all([matchQueue.close(), alertQueue.close(), articles.close()]);
    await Promise.all([connection.quit(), workerConnection.quit(), deliveryConnection.quit()]);
    await deleteRedisPrefix(queuePrefix);
    await dropIndexPrefix(indexPrefix);
  });
  const index = async (...list: EnrichedArticle[]) => {
    await articles.addBulk(list.map((a) => ({ name: 'article', data: { v: 1 as const, article: a }, opts: { jobId: articleJobId(a) } })));
    await waitFor(async () => ((await articles.getJobCounts('completed')).completed ?? 0) >= list.length + indexed || undefined, { timeoutMs: 20_000, what: 'the articles to be indexed' });
    indexed += list.length;
  };
  let indexed = 0;
  const settled = () =>
    waitFor(async () => {
      for (const q of [matchQueue, alertQueue]) {
        const c = await q.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
        if (!Object.values(c).every((n) => n === 0)) return undefined;
      }
      return true;
    }, { timeoutMs: 20_000, what: 'alert matching and deliveries to settle' });
  return { indexPrefix, indexer, registry, matchQueue, alertQueue, articles, index, settled };
}

t.test('a new article matching an alert is POSTed to its webhook once, signed; others and updates send nothing', async (t) => {
  const hook = await receiver(t);
  const r = await rig(t, 'alerts-main');
  await r.registry.put(alert('kadhimi', hook.url('/kadhimi'), { q: 'الكاظمي' }, { q: 'الكاظمي' }));
  await r.registry.put(alert('sport-en', hook.url('/sport'), { topic: 'sports', lang: 'en' }, { topic: ['sports'], lang: ['en'] }));

  // Written with alef maqsura and without the article's prefix: the alert still matches, as a search would.
  const visit = makeArticle({ lang: 'ar', slug: 'visit', title: 'رئيس الوزراء مصطفى الكاظمى يزور البصرة', body: 'زار رئيس الوزراء مصطفى الكاظمى البصرة اليوم.', topics: ['politics'], tone: 1.8 });
  const oil = makeArticle({ lang: 'ar', slug: 'oil', title: 'أسعار النفط ترتفع في الأسواق', body: 'ارتفعت أسعار النفط.', topics: ['energy'] });
  const match = makeArticle({ lang: 'en', slug: 'match', title: 'Baghdad derby ends level', body: 'The derby ended one all.', topics: ['sports'] });
  await r.index(visit, oil, match);
  await r.settled();

  const kadhimi = hook.got.filter((g) => g.path === '/kadhimi');
  t.equal(kadhimi.length, 1, 'the Arabic alert fired once');
  const payload = JSON.parse(kadhimi[0]!.body) as { alert: { id: string; name: string }; article: Record<string, unknown>; deliveredAt: string };
  t.match(payload, { alert: { id: 'kadhimi', name: 'alert kadhimi' }, article: { id: visit.id, url: visit.url, title: visit.title, lang: 'ar', topics: ['politics'], source: { domain: 'news.example' }, tone: 1.8 } });
  t.equal(kadhimi[0]!.headers['x-akhbar-signature-256'], signature('secret-of-kadhimi-0123456789', kadhimi[0]!.body), 'signed with the alert secret over the exact body');
  t.equal(kadhimi[0]!.headers['x-akhbar-alert'], 'kadhimi');
  t.notOk('test' in payload, 'a real match is not marked as a test');
  t.match(kadhimi[0]!.headers['content-type'], /^application\/json/);
  const sport = hook.got.filter((g) => g.path === '/sport');
  t.same(sport.map((g) => (JSON.parse(g.body) as { article: { id: string } }).article.id), [match.id], 'the filter alert fired for the English sports article only');
  t.notOk(hook.got.some((g) => g.body.includes(oil.id)), 'the oil story matched no alert');

  // The same article again (a re-poll) and an update of it: not new, so no second delivery; and
  // with no alert on edits, its edit is not handed over either.
  const update: EnrichedArticle = { ...visit, body: `${visit.body} وبحث ملف المياه.`, fetchedAt: new Date(Date.parse(visit.fetchedAt) + 60_000).toISOString(), contentHash: contentHash([visit.title, visit.summary, `${visit.body} وبحث ملف المياه.`]), flags: ['update'] };
  const matchJobs = async () => (await r.matchQueue.getJobCounts('completed')).completed ?? 0;
  const before = await matchJobs();
  await r.index(update);
  await r.settled();
  t.equal(await matchJobs(), before, 'an update is not handed over for matching');
  t.equal(hook.got.filter((g) => g.path === '/kadhimi').length, 1, 'and sends nothing');

  // A deleted alert stops at once, also for deliveries already queued.
  await r.registry.remove('sport-en');
  await r.index(makeArticle({ lang: 'en', slug: 'match-2', title: 'Cup final tonight', body: 'The final is tonight.', topics: ['sports'] }));
  await r.settled();
  t.equal(hook.got.filter((g) => g.path === '/sport').length, 1, 'a deleted alert sends nothing');
});

t.test('an alert on edits fires when its site changes a matching headline, once per edit, with the headline it had; not for new articles nor other edits', async (t) => {
  const hook = await receiver(t);
  const r = await rig(t, 'alerts-edits');
  const onEdits = alert('headlines', hook.url('/edits'), { q: 'البصرة', edited: 'title' }, { q: 'البصرة', edited: ['title'] });
  onEdits.alert.onEdits = ['title'];
  await r.registry.put(onEdits);
  const chat = alert('headlines-chat', hook.url('/chat'), { q: 'البصرة', edited: 'title' }, { q: 'البصرة', edited: ['title'] }, { format: 'slack' });
  chat.alert.onEdits = ['title'];
  await r.registry.put(chat);
  await r.registry.put(alert('basra', hook.url('/new'), { q: 'البصرة' }, { q: 'البصرة' }));
  // And one on edits of the text, as a chat message: it says what the edit changed.
  const onText = alert('text-chat', hook.url('/text'), { q: 'البصرة', edited: 'body' }, { q: 'البصرة', edited: ['body'] }, { format: 'slack' });
  onText.alert.onEdits = ['body'];
  await r.registry.put(onText);
  const onTextJson = alert('text-json', hook.url('/text-json'), { q: 'البصرة', edited: 'body' }, { q: 'البصرة', edited: ['body'] });
  onTextJson.alert.onEdits = ['body'];
  await r.registry.put(onTextJson);

  const first = makeArticle({ lang: 'ar', slug: 'basra-fire', title: 'مقتل عاملين في حريق بميناء البصرة', body: 'اندلع حريق في ميناء البصرة صباح اليوم وقتل عاملان.', fetchedAt: '2026-11-30T08:00:00.000Z' });
  await r.index(first);
  await r.settled();
  const at = (path: string) => hook.got.filter((g) => g.path === path);
  t.same([at('/new').length, at('/edits').length], [1, 0], 'a new article: the alert on new articles, not the one on edits');

  const edit = (from: EnrichedArticle, change: Partial<EnrichedArticle>, fetchedAt: string): EnrichedArticle => {
    const next = { ...from, ...change, fetchedAt, flags: ['update' as const] };
    return { ...next, contentHash: contentHash([next.title, next.summary, next.body]) };
  };
  const softened = edit(first, { title: 'حريق محدود في ميناء البصرة' }, '2026-11-30T09:00:00.000Z');
  await r.index(softened);
  await r.settled();
  t.equal(at('/edits').length, 1, 'the headline edit fires the alert on edits');
  const payload = JSON.parse(at('/edits')[0]!.body) as { article: Record<string, unknown> };
  t.match(payload.article, { id: first.id, title: 'حريق محدود في ميناء البصرة', edited: { at: softened.fetchedAt, fields: ['title'], was: first.title, revision: 1 } }, 'the new headline, with the one it had and which revision shows the edit');
  t.match((JSON.parse(at('/chat')[0]!.body) as { text: string }).text, /edited 2026-11-30 09:00 UTC \(title\), the headline was “مقتل عاملين في حريق بميناء البصرة”/, 'a chat line says so too');
  t.equal(at('/new').length, 1, 'the alert on new articles sends nothing for an edit');

  // An edit of the text only is not a headline edit.
  const textOnly = edit(softened, { body: `${softened.body} وأخمد الحريق بعد ساعتين.` }, '2026-11-30T10:00:00.000Z');
  await r.index(textOnly);
  await r.settled();
  t.equal(at('/edits').length, 1, 'a text-only edit: nothing');
  t.equal(at('/text').length, 1, 'the alert on edits of the text: one message, for the text-only edit');
  t.match(
    (JSON.parse(at('/text')[0]!.body) as { text: string }).text,
    /edited 2026-11-30 10:00 UTC \(body\); \+ “وأخمد الحريق بعد ساعتين\.”/,
    'saying what the edit put in the text',
  );
  const delivered = (JSON.parse(at('/text-json')[0]!.body) as { article: { edited: Record<string, unknown> } }).article.edited;
  t.same(delivered, { at: textOnly.fetchedAt, fields: ['body'], revision: 2, changes: [{ field: 'body', added: 'وأخمد الحريق بعد ساعتين.' }] }, 'the delivery carries the change word by word, and which revision it is');
  // A second headline edit is a delivery of its own.
  const last = edit(textOnly, { title: 'السيطرة على حريق في ميناء البصرة' }, '2026-11-30T11:00:00.000Z');
  await r.index(last);
  await r.settled();
  t.same(at('/edits').map((g) => (JSON.parse(g.body) as { article: { edited: { was: string } } }).article.edited.was), [first.title, softened.title], 'each edit once, with the headline it replaced');
  t.equal((JSON.parse(at('/edits')[1]!.body) as { article: { edited: { revision: number } } }).article.edited.revision, 3, 'the third revision (the text-only edit was the second)');

  // A re-enrichment rewrites the article as indexed (its revisions carried, no update): no edit is sent again.
  const stored = await es.get<Record<string, unknown>>({ index: indexNames(r.indexPrefix).write, id: first.id });
  const again: EnrichedArticle = { ...fromDocument(stored._source!), enrichment: last.enrichment };
  t.equal(again.revisions?.length, 3, 'the re-enriched article carries its edits');
  const editsHandedOver = async () => (await r.matchQueue.getJobs(['completed', 'waiting', 'active', 'delayed'])).filter((j) => j.data.edits?.includes(first.id)).length;
  const handedBefore = await editsHandedOver();
  t.equal(handedBefore, 3, 'each of its three edits was handed over for matching');
  await r.articles.add('article', { v: 1, article: again }, { jobId: `${first.id}-reenrich` });
  await waitFor(async () => ((await r.articles.getJob(`${first.id}-reenrich`))?.finishedOn ? true : undefined), { timeoutMs: 20_000, what: 'the re-enrichment to be indexed' });
  await r.settled();
  t.equal(await editsHandedOver(), handedBefore, 're-enrichment is not handed over as an edit');
  t.equal(at('/edits').length, 2, 'and sends nothing');
});

t.test('a webhook failing with 5xx is retried; one answering 410 is dead-lettered; a private address is refused', async (t) => {
  const hook = await receiver(t, { '/flaky': [503], '/gone': [410, 410, 410], '/down': [503, 503, 503, 503] });
  const r = await rig(t, 'alerts-fail');
  await r.registry.put(alert('flaky', hook.url('/flaky'), { q: 'dinar' }, { q: 'dinar' }));
  await r.registry.put(alert('gone', hook.url('/gone'), { q: 'dinar' }, { q: 'dinar' }));
  await r.registry.put(alert('down', hook.url('/down'), { q: 'dinar' }, { q: 'dinar' }));
  await r.index(makeArticle({ lang: 'en', slug: 'dinar', title: 'Iraqi dinar steadies', body: 'The dinar held its value.' }));
  await r.settled();
  t.equal(hook.got.filter((g) => g.path === '/flaky').length, 2, 'the 503 was retried and the second try delivered');
  t.equal(hook.got.filter((g) => g.path === '/gone').length, 1, '410 is not retried');
  const dead = (await r.indexer.dlq.getJobs(['waiting', 'completed', 'failed', 'delayed', 'prioritized'])).map((j) => j.data as DeadJob);
  t.match(dead.find((d) => (d.payload as AlertJob).alertId === 'gone'), { stage: 'alerts', queue: QUEUES.alerts, code: 'AKHBAR_ALERT_REJECTED', reason: /410/ }, 'dead-lettered with the reason, replayable');
  t.equal(hook.got.filter((g) => g.path === '/down').length, 3, 'a webhook answering 503 every time: every attempt (3 here)');
  t.match(dead.find((d) => (d.payload as AlertJob).alertId === 'down'), { code: 'AKHBAR_INDEX_GAVE_UP', reason: /gave up after 3 attempts; last error AKHBAR_ALERT_DELIVERY_FAILED: webhook answered 503/ }, 'then dead-lettered');
  t.equal(dead.length, 2, 'nothing else was dead-lettered');
  t.match(await r.registry.status('flaky'), { delivered: 1, failed: 0 }, 'the alert counts the delivery that went through');
  t.match(await r.registry.status('gone'), { delivered: 0, failed: 1, lastError: /AKHBAR_ALERT_REJECTED: webhook answered 410/ }, 'and the one given up, with why');

  const guarded = await rig(t, 'alerts-guard', { allowPrivate: false });
  await guarded.registry.put(alert('private', hook.url('/private'), { q: 'dinar' }, { q: 'dinar' }));
  await guarded.index(makeArticle({ lang: 'en', slug: 'dinar-2', title: 'Dinar rally fades', body: 'The dinar slipped.' }));
  await guarded.settled();
  t.equal(hook.got.filter((g) => g.path === '/private').length, 0, 'nothing was sent to a loopback webhook');
  const refused = (await guarded.indexer.dlq.getJobs(['waiting'])).map((j) => j.data as DeadJob);
  t.match(refused, [{ stage: 'alerts', code: 'AKHBAR_FEED_PRIVATE_ADDRESS' }], 'refused by the SSRF guard, at once');
});

t.test('a webhook that never answers or floods its answer does not hold up the others', async (t) => {
  const hook = await receiver(t, { '/hang': ['hang'], '/huge': ['huge'] });
  const r = await rig(t, 'alerts-hostile', { timeoutMs: 60_000 });
  // The silent webhook's delivery is queued first (oldest alert), so a worker that took one
  // delivery at a time would sit on it for the whole minute.
  await r.registry.put(alert('hang', hook.url('/hang'), { q: 'dinar' }, { q: 'dinar' }, { createdAt: '2020-01-01T00:00:00.000Z' }));
  await r.registry.put(alert('huge', hook.url('/huge'), { q: 'dinar' }, { q: 'dinar' }));
  await r.registry.put(alert('fine', hook.url('/fine'), { q: 'dinar' }, { q: 'dinar' }));
  await r.index(makeArticle({ lang: 'en', slug: 'dinar-hostile', title: 'Dinar slips again', body: 'The dinar slipped.' }));
  await waitFor(async () => (await r.registry.status('fine')).delivered === 1 && (await r.registry.status('huge')).delivered === 1, { timeoutMs: 15_000, what: 'the other two webhooks' });
  t.equal(hook.held(), 1, 'delivered while the silent webhook still held its request');
  t.match(await r.registry.status('huge'), { delivered: 1, failed: 0 }, 'a 50 MB answer is not read: its 200 counts');

  hook.drop();
  await r.settled();
  t.equal(hook.got.filter((g) => g.path === '/hang').length, 2, 'the dropped delivery was tried again');
  t.match(await r.registry.status('hang'), { delivered: 1, failed: 0 }, 'and went through');
});

t.test('a test delivery says so in its body', async (t) => {
  const hook = await receiver(t);
  const r = await rig(t, 'alerts-test');
  await r.registry.put(alert('ping', hook.url('/ping'), { q: 'dinar' }, { q: 'dinar' }));
  const article = { id: 'a1', url: 'https://news.example/a1', title: 'Dinar steady', lang: 'en', publishedAt: new Date().toISOString(), source: { id: 's', name: 'S', domain: 'news.example' }, topics: [], entityIds: [] };
  await r.alertQueue.add('alert', { v: 1, alertId: 'ping', article, test: true }, { jobId: 'test-ping-1' });
  await r.settled();
  t.equal(hook.got.length, 1);
  t.match(JSON.parse(hook.got[0]!.body), { alert: { id: 'ping' }, article: { id: 'a1' }, test: true });
  t.equal(hook.got[0]!.headers['x-akhbar-signature-256'], signature('secret-of-ping-0123456789', hook.got[0]!.body), 'signed like any delivery');
});

t.test('with no alert defined, articles index as before and nothing is queued for matching', async (t) => {
  const r = await rig(t, 'alerts-none');
  await r.index(makeArticle({ lang: 'en', slug: 'quiet', title: 'A quiet day', body: 'Nothing happened.' }));
  t.equal(await r.matchQueue.count(), 0, 'no match job');
  t.equal((await r.matchQueue.getJobCounts('completed')).completed ?? 0, 0, 'none ran either');
  t.equal(await r.alertQueue.count(), 0, 'no delivery');
});

t.test('a digest alert POSTs the matches of its period together at its end; repeats once; the rest of a big one at once', async (t) => {
  // Both matches must fall in one hour, the one `end` names: not started in an hour's last minute.
  const toNextHour = 3_600_000 - (Date.now() % 3_600_000);
  if (toNextHour < 60_000) await new Promise((resolve) => setTimeout(resolve, toNextHour + 100));
  const hook = await receiver(t, { '/digest': [503] });
  const r = await rig(t, 'alerts-digest');
  await r.registry.put(alert('hourly', hook.url('/digest'), { q: 'dinar' }, { q: 'dinar' }, { digest: '1h' }));
  await r.registry.put(alert('instant', hook.url('/instant'), { q: 'dinar' }, { q: 'dinar' }));
  const first = makeArticle({ lang: 'en', slug: 'dinar-d1', title: 'Dinar steadies in early trade', body: 'The dinar held.' });
  const second = makeArticle({ lang: 'ar', slug: 'dinar-d2', title: 'الدينار يستقر', body: 'استقر سعر صرف الدينار dinar.' });
  await r.index(first);
  await r.index(second, makeArticle({ lang: 'en', slug: 'oil-d', title: 'Oil slips', body: 'Oil fell.' }));
  const digestJobs = async () => (await r.alertQueue.getJobs(['delayed'])).filter((j) => j.name === 'digest');
  const delayed = await waitFor(async () => {
    const jobs = await digestJobs();
    return jobs.length === 1 && (await r.registry.pendingDigest('hourly', 100)).total === 2 ? jobs : undefined;
  }, { timeoutMs: 20_000, what: 'both matches kept for one digest' });
  const end = Math.floor(Date.now() / 3_600_000) * 3_600_000 + 3_600_000;
  t.equal(delayed[0]!.id, `hourly.digest.${String(end)}`, 'one delivery for the period, whatever the number of matches');
  t.ok(Math.abs(delayed[0]!.timestamp + delayed[0]!.opts.delay! - end) < 5_000, 'due at the end of the hour');
  await waitFor(() => hook.got.filter((g) => g.path === '/instant').length === 2 || undefined, { timeoutMs: 20_000, what: 'the other alert, sent as they come' });
  t.equal(hook.got.filter((g) => g.path === '/digest').length, 0, 'nothing sent for the digest before its time');

  // The end of the hour, brought forward: the first attempt meets a 503, the retry delivers.
  await delayed[0]!.promote();
  await waitFor(() => hook.got.filter((g) => g.path === '/digest').length === 2 || undefined, { timeoutMs: 20_000, what: 'the digest, retried' });
  const sent = hook.got.filter((g) => g.path === '/digest');
  const payload = JSON.parse(sent[1]!.body) as { alert: { id: string }; digest: { period: string; count: number; more: number }; articles: Array<{ id: string; lang: string }> };
  t.same((JSON.parse(sent[0]!.body) as typeof payload).articles.map((a) => a.id), payload.articles.map((a) => a.id), 'the retry sent the digest the 503 refused');
  t.match(payload, { alert: { id: 'hourly' }, digest: { period: '1h', count: 2, more: 0 } });
  t.same(payload.articles.map((a) => a.id).sort(), [first.id, second.id].sort(), 'both matches, in one POST');
  t.notOk('article' in payload);
  t.equal(sent[1]!.headers['x-akhbar-signature-256'], signature('secret-of-hourly-0123456789', sent[1]!.body), 'signed like any delivery');
  // The receiver has the POST before the worker has its answer: wait for the worker to finish.
  await waitFor(async () => (await r.registry.status('hourly')).delivered === 1 || undefined, { timeoutMs: 10_000, what: 'the digest to be recorded as delivered' });
  t.equal((await r.registry.pendingDigest('hourly', 100)).total, 0, 'delivered matches are forgotten');
  t.match(await r.registry.status('hourly'), { delivered: 1, failed: 0 });

  // More than one POST holds (100): the rest follow at once.
  await r.registry.addToDigest('hourly', Array.from({ length: 130 }, (_, i) => ({
    id: `bulk-${String(i).padStart(3, '0')}`, url: `https://news.example/bulk-${String(i)}`, title: `Dinar report ${String(i)}`, lang: 'en',
    publishedAt: new Date(Date.now() - i * 60_000).toISOString(), source: { id: 's', name: 'S', domain: 'news.example' }, topics: [], entityIds: [],
  })));
  await r.alertQueue.add('digest', { v: 1, alertId: 'hourly', digest: true }, { jobId: 'hourly.digest.now' });
  await waitFor(() => hook.got.filter((g) => g.path === '/digest').length === 4 || undefined, { timeoutMs: 20_000, what: 'a big digest in two POSTs' });
  const [big, rest] = hook.got.filter((g) => g.path === '/digest').slice(2).map((g) => JSON.parse(g.body) as typeof payload);
  t.match(big!.digest, { count: 100, more: 30 });
  t.equal(big!.articles[0]!.id, 'bulk-000', 'newest first');
  t.match(rest!.digest, { count: 30, more: 0 });
  t.equal(new Set([...big!.articles, ...rest!.articles].map((a) => a.id)).size, 130, 'every match once');
});

t.test('a digest on edits keeps each edit of an article, the latest first, and forgets each once delivered', async (t) => {
  const r = await rig(t, 'alerts-digest-edits');
  const base = { id: 'basra-port', url: 'https://news.example/basra-port', lang: 'ar', publishedAt: '2026-11-30T07:00:00.000Z', source: { id: 's', name: 'S', domain: 'news.example' }, topics: [], entityIds: [] };
  const first = { ...base, title: 'حريق محدود في ميناء البصرة', edited: { at: '2026-11-30T09:00:00.000Z', fields: ['title'], was: 'مقتل عاملين في حريق بميناء البصرة' } };
  const second = { ...base, title: 'السيطرة على حريق في ميناء البصرة', edited: { at: '2026-11-30T11:00:00.000Z', fields: ['title'], was: first.title } };
  const other = { ...base, id: 'new-one', title: 'خبر جديد', publishedAt: '2026-11-30T10:00:00.000Z' };
  await r.registry.addToDigest('hourly-edits', [first]);
  await r.registry.addToDigest('hourly-edits', [second, other]);
  await r.registry.addToDigest('hourly-edits', [second]);
  const pending = await r.registry.pendingDigest('hourly-edits', 100);
  t.same(pending.articles.map((a) => a.edited?.was ?? a.title), [first.title, 'خبر جديد', 'مقتل عاملين في حريق بميناء البصرة'], 'both edits (the same one twice kept once), newest first by the edit, beside a new article by its publication');
  await r.registry.clearDigest('hourly-edits', [second]);
  t.same((await r.registry.pendingDigest('hourly-edits', 100)).articles.map((a) => a.id), ['new-one', 'basra-port'], 'a delivered edit is forgotten, the other edit of the article kept');
});

t.test('a digest the webhook refuses goes to the dead-letter queue with its articles, and a replay sends the same digest', async (t) => {
  const hook = await receiver(t, { '/refuses': [410] });
  const r = await rig(t, 'alerts-digest-dead');
  await r.registry.put(alert('daily', hook.url('/refuses'), { q: 'dinar' }, { q: 'dinar' }, { digest: '1d' }));
  const kept = { id: 'kept-1', url: 'https://news.example/kept-1', title: 'Dinar holds', lang: 'en', publishedAt: new Date().toISOString(), source: { id: 's', name: 'S', domain: 'news.example' }, topics: [], entityIds: [] };
  await r.registry.addToDigest('daily', [kept]);
  await r.alertQueue.add('digest', { v: 1, alertId: 'daily', digest: true }, { jobId: 'daily.digest.now' });
  const dead = await waitFor(async () => (await r.indexer.dlq.getJobs(['waiting'])).map((j) => j.data as DeadJob).find((d) => d.code === 'AKHBAR_ALERT_REJECTED'), { timeoutMs: 20_000, what: 'the refused digest to be dead-lettered' });
  t.match(dead.payload, { alertId: 'daily', digest: true, articles: [{ id: 'kept-1' }] }, 'with the articles it carried');
  // Dead-lettered first, then forgotten (never the other way round: a failure between them must not lose them).
  await waitFor(async () => (await r.registry.pendingDigest('daily', 100)).total === 0 || undefined, { timeoutMs: 10_000, what: 'the refused digest to leave the pending set' });
  t.pass('and no longer pending (the next digest does not repeat them)');

  // What `akhbar dlq retry` does: the payload back on its queue.
  await r.alertQueue.add('digest', dead.payload as AlertJob, { jobId: 'daily.digest.replay' });
  await waitFor(() => hook.got.length === 2 || undefined, { timeoutMs: 20_000, what: 'the replay' });
  t.match(JSON.parse(hook.got[1]!.body), { digest: { count: 1 }, articles: [{ id: 'kept-1' }] }, 'the same digest, delivered');
});

t.test('a chat-format alert POSTs a message a Slack or Discord webhook takes: one line per article, titles as text', async (t) => {
  const hook = await receiver(t);
  const r = await rig(t, 'alerts-chat');
  await r.registry.put(alert('slack', hook.url('/slack'), { q: 'dinar' }, { q: 'dinar' }, { format: 'slack' }));
  const tricky = makeArticle({ lang: 'en', slug: 'dinar-chat', title: 'Dinar <falls> & *rallies*', body: 'The dinar moved.' });
  await r.index(tricky);
  await r.settled();
  const [got] = hook.got.filter((g) => g.path === '/slack');
  const body = JSON.parse(got!.body) as { text: string };
  t.same(Object.keys(body), ['text'], "Slack's own shape");
  t.match(body.text, /^\*alert slack\*\n• <https:\/\/news\.example\/[^|>]+\|Dinar &lt;falls&gt; &amp; \*rallies\*> — .+ · en · \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/, 'a link with the title escaped, its source, language and time');
  t.equal(got!.headers['x-akhbar-signature-256'], signature('secret-of-slack-0123456789', got!.body), 'still signed');
});

t.test('chat messages: a digest lists its articles; a Discord message holds what fits in its 2 000 characters and says how many follow', async (t) => {
  const article = (i: number) => ({
    id: `a${String(i)}`, url: `https://news.example/a${String(i)}`, title: `Report ${String(i)} about the [dinar] (again)`, lang: 'ar',
    publishedAt: '2026-11-29T08:10:00.000Z', source: { id: 's', name: 'Baghdad Today', domain: 'news.example' }, topics: [], entityIds: [],
  });
  const base = { id: 'x', name: 'Iraq daily', webhook: 'https://hooks.example/x', params: { q: 'dinar' }, expandedEntities: [], createdAt: '2026-01-01T00:00:00.000Z', digest: '1d' };
  const slackOut = deliveryBody({ ...base, format: 'slack' }, [article(1), article(2)], { digest: { more: 3 } });
  t.equal(slackOut.sent, 2, 'Slack takes both');
  const slack = JSON.parse(slackOut.body) as { text: string };
  t.same(slack.text.split('\n'), [
    '*Iraq daily* — 5 new',
    '• <https://news.example/a1|Report 1 about the [dinar] (again)> — Baghdad Today · ar · 2026-11-29 08:10 UTC',
    '• <https://news.example/a2|Report 2 about the [dinar] (again)> — Baghdad Today · ar · 2026-11-29 08:10 UTC',
    '…and 3 more in the next message',
  ]);
  const many = Array.from({ length: 100 }, (_, i) => article(i));
  const discordOut = deliveryBody({ ...base, format: 'discord' }, many, { digest: { more: 0 }, test: true });
  const discord = JSON.parse(discordOut.body) as { content: string; allowed_mentions: unknown };
  t.ok(discord.content.length <= 2_000, `${String(discord.content.length)} characters`);
  const lines = discord.content.split('\n');
  t.equal(lines[0], '[test] **Iraq daily** — 100 new');
  t.equal(lines[1], '• [Report 0 about the \\[dinar\\] \\(again\\)](<https://news.example/a0>) — Baghdad Today · ar · 2026-11-29 08:10 UTC', 'Markdown characters of the title escaped');
  const shown = lines.length - 2;
  t.ok(shown > 5 && shown < 100);
  t.equal(discordOut.sent, shown, 'it says how many it carries (the worker sends the rest next)');
  t.equal(lines.at(-1), `…and ${String(100 - shown)} more in the next message`);
  const huge = deliveryBody({ ...base, format: 'discord' }, [{ ...article(9), title: 'x'.repeat(3_000) }], {});
  t.ok((JSON.parse(huge.body) as { content: string }).content.length <= 2_000, 'one article too long for a message is cut, not left out');
  t.equal(huge.sent, 1);
  t.same(discord.allowed_mentions, { parse: [] }, 'a title can never ping anyone');
  const plain = JSON.parse(deliveryBody(base, [article(1)], { digest: { more: 0 }, now: new Date('2026-11-29T09:00:00Z') }).body) as Record<string, unknown>;
  t.match(plain, { alert: { id: 'x', name: 'Iraq daily' }, digest: { period: '1d', count: 1, more: 0 }, articles: [{ id: 'a1' }], deliveredAt: '2026-11-29T09:00:00.000Z' }, 'the Akhbar JSON by default');
});

t.test('a Discord digest too long for one message is sent in several, every article once', async (t) => {
  const hook = await receiver(t);
  const r = await rig(t, 'alerts-discord');
  await r.registry.put(alert('disc', hook.url('/discord'), { q: 'dinar' }, { q: 'dinar' }, { digest: '1d', format: 'discord' }));
  await r.registry.addToDigest('disc', Array.from({ length: 60 }, (_, i) => ({
    id: `d-${String(i).padStart(2, '0')}`, url: `https://news.example/d-${String(i)}`, title: `Dinar report number ${String(i)} from the markets`, lang: 'en',
    publishedAt: new Date(Date.now() - i * 60_000).toISOString(), source: { id: 's', name: 'S', domain: 'news.example' }, topics: [], entityIds: [],
  })));
  await r.alertQueue.add('digest', { v: 1, alertId: 'disc', digest: true }, { jobId: 'disc.digest.now' });
  await r.settled();
  const messages = hook.got.filter((g) => g.path === '/discord').map((g) => (JSON.parse(g.body) as { content: string }).content);
  t.ok(messages.length >= 2, `${String(messages.length)} messages`);
  t.ok(messages.every((m) => m.length <= 2_000), 'each under the limit');
  const linked = messages.flatMap((m) => [...m.matchAll(/<https:\/\/news\.example\/(d-\d+)>/g)].map((x) => x[1]));
  t.equal(linked.length, 60, 'every article linked');
  t.equal(new Set(linked).size, 60, 'once');
  t.equal((await r.registry.pendingDigest('disc', 100)).total, 0, 'and all delivered');
});

t.test('a mailto: alert is emailed: a message per new match, named in the subject, each article in its own direction; a digest lists its matches in one', async (t) => {
  const box = await mailbox(t);
  const r = await rig(t, 'alerts-mail', { mail: { smtpUrl: box.url, from: 'Akhbar <alerts@akhbar.test>' } });
  await r.registry.put(alert('desk', 'mailto:desk@news.example', { q: 'الكاظمي' }, { q: 'الكاظمي' }));
  const visit = makeArticle({ lang: 'ar', slug: 'visit-mail', title: 'الكاظمي يزور البصرة ويلتقي المحافظ', body: 'زار رئيس الوزراء مصطفى الكاظمي البصرة اليوم.', summary: 'زيارة تستمر يوما واحدا.', topics: ['politics'] });
  await r.index(visit, makeArticle({ lang: 'en', slug: 'oil-mail', title: 'Oil slips', body: 'Oil fell.' }));
  await r.settled();
  t.equal(box.got.length, 1, 'one email: the match, not the other article');
  const { from, to, mail } = box.got[0]!;
  t.equal(from, 'alerts@akhbar.test', 'from AKHBAR_MAIL_FROM');
  t.same(to, ['desk@news.example']);
  t.equal(mail.subject, `alert desk: ${visit.title}`, 'the alert and the headline in the subject');
  t.match(mail.text, visit.url, 'the plain text has its address');
  t.match(mail.text, visit.title);
  t.match(mail.html, new RegExp(`<div lang="ar" dir="rtl"[^>]*><a href="${visit.url.replace(/[.?]/g, '\\$&')}"[^>]*>${visit.title}</a>`), 'the HTML sets the Arabic article right to left, its title a link');
  t.match(mail.html, 'زيارة تستمر يوما واحدا.', 'with its summary');
  t.equal(mail.headers.get('x-akhbar-alert'), 'desk');
  t.equal(mail.headers.get('auto-submitted'), 'auto-generated', 'marked automatic, so no out-of-office answers it');
  await waitFor(async () => (await r.registry.status('desk')).delivered === 1 || undefined, { timeoutMs: 10_000, what: 'the email to be recorded as delivered' });

  await r.registry.put(alert('daily', 'mailto:digest@news.example', { q: 'dinar' }, { q: 'dinar' }, { digest: '1d' }));
  const at = (i: number) => new Date(Date.now() - i * 60_000).toISOString();
  await r.registry.addToDigest('daily', [
    { id: 'd-1', url: 'https://news.example/d-1', title: 'Dinar <holds> & steadies', lang: 'en', publishedAt: at(1), source: { id: 's', name: 'S', domain: 'news.example' }, topics: [], entityIds: [] },
    { id: 'd-2', url: 'https://news.example/d-2', title: 'الدينار يستقر', lang: 'ar', publishedAt: at(2), source: { id: 's', name: 'S', domain: 'news.example' }, topics: [], entityIds: [] },
  ]);
  await r.alertQueue.add('digest', { v: 1, alertId: 'daily', digest: true }, { jobId: 'daily.digest.now' });
  await waitFor(() => box.got.length === 2 || undefined, { timeoutMs: 20_000, what: 'the digest email' });
  const digest = box.got[1]!.mail;
  t.equal(digest.subject, 'alert daily: 2 new articles');
  t.match(digest.text, /Dinar <holds> & steadies[\s\S]*الدينار يستقر/, 'both, newest first, as plain text');
  t.match(digest.html, 'Dinar &lt;holds&gt; &amp; steadies', 'a title is text in the HTML, never markup');
  t.match(digest.text, 'Sent by Akhbar for the alert "alert daily" (every 1d).');
  await waitFor(async () => (await r.registry.pendingDigest('daily', 100)).total === 0 || undefined, { timeoutMs: 10_000, what: 'the emailed matches to be forgotten' });
  t.pass('sent matches are forgotten, as a webhook digest\'s are');
});

t.test('an address the SMTP server refuses (5xx) is dead-lettered, a 4xx retried; with no SMTP server a mailto: alert is dead-lettered saying so', async (t) => {
  const box = await mailbox(t, { 'gone@news.example': [550], 'busy@news.example': [451] });
  const r = await rig(t, 'alerts-mail-fail', { mail: { smtpUrl: box.url, from: 'alerts@akhbar.test' } });
  await r.registry.put(alert('gone', 'mailto:gone@news.example', { q: 'dinar' }, { q: 'dinar' }));
  await r.registry.put(alert('busy', 'mailto:busy@news.example', { q: 'dinar' }, { q: 'dinar' }));
  await r.index(makeArticle({ lang: 'en', slug: 'dinar-mail', title: 'Dinar slips', body: 'The dinar slipped.' }));
  await r.settled();
  t.same(box.got.map((g) => g.to), [['busy@news.example']], 'the 451 was retried and the second try went; the 550 was not');
  const dead = (await r.indexer.dlq.getJobs(['waiting'])).map((j) => j.data as DeadJob);
  t.match(dead, [{ stage: 'alerts', code: 'AKHBAR_ALERT_REJECTED', reason: /550/, payload: { alertId: 'gone' } }], 'the refused one dead-lettered, replayable');
  t.match(await r.registry.status('gone'), { delivered: 0, failed: 1, lastError: /AKHBAR_ALERT_REJECTED/ });
  t.match(await r.registry.status('busy'), { delivered: 1, failed: 0 });

  const bare = await rig(t, 'alerts-no-smtp');
  await bare.registry.put(alert('nomail', 'mailto:desk@news.example', { q: 'dinar' }, { q: 'dinar' }));
  await bare.index(makeArticle({ lang: 'en', slug: 'dinar-nomail', title: 'Dinar rallies', body: 'The dinar rallied.' }));
  await bare.settled();
  t.match((await bare.indexer.dlq.getJobs(['waiting'])).map((j) => j.data as DeadJob), [{ code: 'AKHBAR_ALERT_NO_SMTP', reason: /AKHBAR_SMTP_URL/ }], 'no server to send it: dead-lettered at once, with why');
});

t.test('an alert like a text (its stored query the similar search) fires for a new article like it, not for one that only shares a word', async (t) => {
  const hook = await receiver(t);
  const r = await rig(t, 'alerts-like');
  const text = 'The Iraqi dinar weakened against the dollar on the parallel market as the central bank tightened its auctions.';
  const like = alert('like', hook.url('/like'), {}, {});
  await r.registry.put({ ...like, alert: { ...like.alert, like: text }, query: similarBody(text, { lang: 'en', entityIds: [], filters: {}, limit: 1, stopWords: ['the', 'as', 'its', 'on', 'against'] }).query as Record<string, unknown> });
  const near = makeArticle({ lang: 'en', slug: 'dinar-like', title: 'Dinar weakens on the parallel market', body: 'The Iraqi dinar weakened against the dollar on the parallel market after the central bank tightened its currency auctions.' });
  const far = makeArticle({ lang: 'en', slug: 'market-far', title: 'Fish market reopens in Basra', body: 'The fish market reopened on Friday after renovation works.' });
  await r.index(near, far);
  await r.settled();
  const got = hook.got.filter((g) => g.path === '/like').map((g) => (JSON.parse(g.body) as { article: { id: string } }).article.id);
  t.same(got, [near.id], 'the article like the text, once; not the one that only shares "market"');
});

t.test('an alert on a speaker fires when an article quotes them, not when it only names them', async (t) => {
  const hook = await receiver(t);
  const r = await rig(t, 'alerts-speaker');
  await r.registry.put(alert('sudani', hook.url('/sudani'), { speaker: 'Sudani' }, { speaker: ['mohammed-shia-al-sudani'] }));
  await r.registry.put(alert('sudani-chat', hook.url('/sudani-chat'), { speaker: 'Sudani' }, { speaker: ['mohammed-shia-al-sudani'] }, { format: 'slack' }));
  const sudani = { id: 'mohammed-shia-al-sudani', type: 'person' as const, name: 'Mohammed Shia al-Sudani', count: 1 };
  const quoted = makeArticle({ lang: 'en', slug: 'sudani-quoted', title: 'Premier vows salaries on time', body: '"Salaries will be paid on time," Sudani said.', entities: [sudani] });
  quoted.enrichment.quotes = [
    { text: 'Salaries will be paid on time', by: 'Sudani', speaker: { id: sudani.id, name: sudani.name, type: 'person' } },
    { text: 'the budget would reach parliament this month', by: 'Sudani', speaker: { id: sudani.id, name: sudani.name, type: 'person' }, indirect: true },
  ];
  const named = makeArticle({ lang: 'en', slug: 'sudani-named', title: 'Premier visits the Jadriya bridge', body: 'Prime minister Mohammed Shia al-Sudani visited the bridge.', entities: [sudani] });
  await r.index(quoted, named);
  await r.settled();
  const sent = hook.got.filter((g) => g.path === '/sudani').map((g) => (JSON.parse(g.body) as { article: { id: string; quotes?: unknown } }).article);
  t.same(sent.map((a) => a.id), [quoted.id], 'the article quoting him, once');
  t.same(sent[0]?.quotes, quoted.enrichment.quotes, 'carrying what he said');
  const chat = hook.got.filter((g) => g.path === '/sudani-chat').map((g) => (JSON.parse(g.body) as { text: string }).text);
  t.equal(chat.length, 1);
  t.match(chat[0], /\n> Mohammed Shia al-Sudani: “Salaries will be paid on time”/, 'a chat message quotes him under the article\'s line');
  t.match(chat[0], /\n> Mohammed Shia al-Sudani: the budget would reach parliament this month(\n|$)/, 'what he is reported to have said, without quotation marks');
});

t.test('an alert on named days (mentionsFrom) fires for an article naming a coming day, carrying the days; not for one naming none or a past one', async (t) => {
  const hook = await receiver(t);
  const r = await rig(t, 'alerts-dates');
  const ahead = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
  await r.registry.put(alert('agenda', hook.url('/agenda'), { mentionsFrom: 'now/d' }, { mentionsFrom: 'now/d' }));
  await r.registry.put(alert('agenda-chat', hook.url('/agenda-chat'), { mentionsFrom: 'now/d' }, { mentionsFrom: 'now/d' }, { format: 'slack' }));
  const vote = makeArticle({ lang: 'en', slug: 'dates-vote', title: 'Parliament sets budget vote', body: 'Parliament will vote on the budget next week.' });
  vote.enrichment.dates = [{ date: ahead(3), text: 'on the third', sentence: 'Parliament will vote on the budget in three days.' }];
  const past = makeArticle({ lang: 'en', slug: 'dates-past', title: 'Port reopened', body: 'The port reopened last month.' });
  past.enrichment.dates = [{ date: ahead(-20), text: 'twenty days ago', sentence: 'The port reopened twenty days ago.' }];
  const none = makeArticle({ lang: 'en', slug: 'dates-none', title: 'Traffic eases', body: 'Traffic eased on the bridge.' });
  await r.index(vote, past, none);
  await r.settled();
  const sent = hook.got.filter((g) => g.path === '/agenda').map((g) => (JSON.parse(g.body) as { article: { id: string; dates?: unknown } }).article);
  t.same(sent.map((a) => a.id), [vote.id], 'the article naming a coming day, once');
  t.same(sent[0]?.dates, vote.enrichment.dates, 'carrying the days it names');
  const chat = hook.got.filter((g) => g.path === '/agenda-chat').map((g) => (JSON.parse(g.body) as { text: string }).text);
  t.match(chat[0], new RegExp(`\\n> ${ahead(3)}: Parliament will vote on the budget in three days\\.`), 'a chat line says the day and what happens');
});

t.test('an alert on what someone said (said=) fires only where they said those words, and carries only the quotations that matched', async (t) => {
  const hook = await receiver(t);
  const r = await rig(t, 'alerts-said');
  const sudaniId = 'mohammed-shia-al-sudani';
  const made = alert('pay', hook.url('/pay'), { speaker: 'Sudani', said: 'salary' }, { speaker: [sudaniId] });
  // As the gateway stores it: the search's filters, and a quotation of his holding the words.
  await r.registry.put({ ...made, query: { bool: { filter: [made.query], must: [alertQuoteClause({ speaker: [sudaniId], said: 'salary' })] } } });
  const sudani = { id: sudaniId, type: 'person' as const, name: 'Mohammed Shia al-Sudani', count: 1 };
  const said = { by: 'Sudani', speaker: { id: sudaniId, name: sudani.name, type: 'person' as const } };
  const onPay = makeArticle({ lang: 'en', slug: 'said-pay', title: 'Premier on pay and the budget', body: 'x', entities: [sudani] });
  onPay.enrichment.quotes = [{ text: 'Salaries will be paid on time this month', ...said }, { text: 'the budget would reach parliament soon', ...said, indirect: true }];
  const elsewhere = makeArticle({ lang: 'en', slug: 'said-bridge', title: 'Salary protest as premier opens bridge', body: 'x', entities: [sudani] });
  elsewhere.enrichment.quotes = [{ text: 'This bridge joins the two banks of Baghdad', ...said }, { text: 'Our salary has not come for three months', by: 'a teacher' }];
  await r.index(onPay, elsewhere);
  await r.settled();
  const sent = hook.got.filter((g) => g.path === '/pay').map((g) => (JSON.parse(g.body) as { article: { id: string; quotes?: Array<{ text: string }> } }).article);
  t.same(sent.map((a) => a.id), [onPay.id], 'the article where he spoke of salaries (salary, read in English); not the one where a teacher did and he spoke of a bridge');
  t.same(sent[0]?.quotes?.map((q) => q.text), ['Salaries will be paid on time this month'], 'carrying the words that matched, not all he said');
});

t.test('an alert on stories (minSources) sends a story once, when enough sources carry it: its newest matching article, with how far it has spread', async (t) => {
  const hook = await receiver(t);
  const r = await rig(t, 'alerts-stories');
  const made = alert('spread', hook.url('/spread'), { q: 'Fao' }, { q: 'Fao' });
  await r.registry.put({ ...made, alert: { ...made.alert, minSources: 3 } });
  const STORY = 's-fao-port';
  const hours = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();
  const from = (source: string, spec: Parameters<typeof makeArticle>[0]): EnrichedArticle => {
    const a = makeArticle({ lang: 'en', ...spec });
    return { ...a, feedId: source, source: { ...a.source, id: source, name: `Wire ${source}` } };
  };
  // Two sources, three articles: below the bar.
  await r.index(
    from('wire-a', { slug: 'fao-1', title: 'Fao port takes its first container ship', body: 'The ship docked at Fao.', storyId: STORY, publishedAt: hours(3) }),
    from('wire-b', { slug: 'fao-2', title: 'First ship docks at the new Fao port', body: 'A ship docked at Fao.', storyId: STORY, publishedAt: hours(2) }),
    from('wire-b', { slug: 'fao-3', title: 'Fao port expects more ships', body: 'More ships are due at Fao.', storyId: STORY, publishedAt: hours(1) }),
  );
  await r.settled();
  t.equal(hook.got.length, 0, 'two sources carry the story: nothing sent');

  // A third source: the story reaches the bar. A story of one source in the same batch does not.
  const third = from('wire-c', { slug: 'fao-4', title: 'Fao port opens to trade', body: 'Trade began at Fao.', storyId: STORY });
  await r.index(third, from('wire-a', { slug: 'fao-dredge', title: 'Dredging goes on in the Fao channel', body: 'Dredgers worked near Fao.', storyId: 's-fao-dredge' }));
  await r.settled();
  const sent = hook.got.filter((g) => g.path === '/spread');
  t.equal(sent.length, 1, 'one delivery: the story, once it has three sources');
  const payload = JSON.parse(sent[0]!.body) as { article: { id: string; story?: { id: string; sources: number; articles: number } } };
  t.equal(payload.article.id, third.id, 'the article that took it over the bar');
  t.same(payload.article.story, { id: STORY, sources: 3, articles: 4 }, 'with how many sources and articles carry the story');
  t.equal(sent[0]!.headers['x-akhbar-signature-256'], signature('secret-of-spread-0123456789', sent[0]!.body), 'signed like any delivery');

  // A fourth source: the story was sent already.
  await r.index(from('wire-d', { slug: 'fao-5', title: 'Fao port welcomes a second ship', body: 'Another ship at Fao.', storyId: STORY }));
  await r.settled();
  t.equal(hook.got.filter((g) => g.path === '/spread').length, 1, 'later articles of a story sent send nothing');
  t.same(await r.registry.unsentStories('spread', [STORY, 's-fao-dredge']), ['s-fao-dredge'], 'the story is remembered as sent, the other is not');

  const chat = deliveryBody({ ...made.alert, format: 'slack' }, [payload.article as never], {});
  t.match(JSON.parse(chat.body), { text: /a story carried by 3 sources \(4 articles\)/ }, 'a chat message says how far the story has spread');
});

t.test('an alert on stories sends a story about its subject when an article it would not match takes the story over the bar: the newest article it matches', async (t) => {
  const hook = await receiver(t);
  const r = await rig(t, 'alerts-stories-any');
  const made = alert('dam', hook.url('/dam'), { q: 'Mosul dam', lang: 'en' }, { q: 'Mosul dam', lang: ['en'] });
  await r.registry.put({ ...made, alert: { ...made.alert, minSources: 2 } });
  const STORY = 's-mosul-dam';
  const from = (source: string, spec: Parameters<typeof makeArticle>[0]): EnrichedArticle => {
    const a = makeArticle(spec);
    return { ...a, feedId: source, source: { ...a.source, id: source, name: `Wire ${source}` } };
  };
  const english = from('wire-a', { lang: 'en', slug: 'dam-en', title: 'Engineers inspect the Mosul dam after heavy rain', body: 'Water levels at the Mosul dam rose.', storyId: STORY, publishedAt: new Date(Date.now() - 3_600_000).toISOString() });
  await r.index(english);
  await r.settled();
  t.equal(hook.got.length, 0, 'one source: below the bar');
  // An Arabic report from a second outlet: the alert (lang=en) does not match it, but it is the story's second source.
  await r.index(from('wire-b', { lang: 'ar', slug: 'dam-ar', title: 'مهندسون يتفقدون سد الموصل بعد الأمطار', body: 'ارتفع منسوب المياه في سد الموصل.', storyId: STORY }));
  await r.settled();
  const sent = hook.got.filter((g) => g.path === '/dam').map((g) => (JSON.parse(g.body) as { article: { id: string; story?: unknown } }).article);
  t.same(sent.map((a) => a.id), [english.id], 'the story is sent, by its newest article the alert matches');
  t.same(sent[0]?.story, { id: STORY, sources: 2, articles: 2 }, 'with its spread, the Arabic report counted');
  await r.index(from('wire-c', { lang: 'ar', slug: 'dam-ar-2', title: 'سد الموصل يستقبل كميات كبيرة من المياه', body: 'تواصل ارتفاع المنسوب.', storyId: STORY }));
  await r.settled();
  t.equal(hook.got.filter((g) => g.path === '/dam').length, 1, 'and once');
});
