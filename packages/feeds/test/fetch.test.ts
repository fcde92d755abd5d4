import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import t from 'tap';
import { startFeedServer } from '@akhbar/testkit';
import { closeFetchAgents, fetchFeed, fetchUrl, parseRetryAfter, type LookupFn } from '@akhbar/feeds';

const RSS = '<?xml version="1.0"?><rss version="2.0"><channel><title>Compressed</title><item><title>A</title><link>https://c.example/a</link></item></channel></rss>';
const open = { allowPrivate: true };

t.teardown(() => closeFetchAgents());

t.test('headers, conditional GET and compression', async (t) => {
  const srv = await startFeedServer({
    '/plain.rss.xml': { body: RSS },
    '/gzip.rss.xml': { body: RSS, gzip: true },
    '/br.xml': { handler: (_q, res) => void res.writeHead(200, { 'content-encoding': 'br', 'content-type': 'application/rss+xml' }).end(brotliCompressSync(RSS)) },
    '/deflate.xml': { handler: (_q, res) => void res.writeHead(200, { 'content-encoding': 'deflate' }).end(deflateSync(RSS)) },
    '/raw-deflate.xml': { handler: (_q, res) => void res.writeHead(200, { 'content-encoding': 'deflate' }).end(deflateRawSync(RSS)) },
    '/unlabelled-gzip.xml': { handler: (_q, res) => void res.writeHead(200, { 'content-type': 'application/xml' }).end(gzipSync(RSS)) },
    '/truncated-gzip.xml': { handler: (_q, res) => void res.writeHead(200, { 'content-encoding': 'gzip' }).end(gzipSync(RSS).subarray(0, 60)) },
  });
  t.teardown(() => srv.close());
  const first = await fetchFeed(`${srv.url}/plain.rss.xml`, open);
  t.equal(first.status, 200);
  t.equal(first.body.toString(), RSS);
  const req = srv.requests.at(-1)!;
  t.match(req.headers['user-agent'], /^Akhbar\//, 'User-Agent names Akhbar');
  t.match(req.headers['accept-encoding'], /gzip.*deflate.*br/);
  t.match(req.headers.accept, /application\/rss\+xml/);
  t.ok(first.headers.etag && first.headers['last-modified']);
  const again = await fetchFeed(`${srv.url}/plain.rss.xml`, { ...open, etag: first.headers.etag, lastModified: first.headers['last-modified'] });
  t.match(again, { status: 304, notModified: true });
  t.equal(again.body.length, 0);
  t.equal(srv.requests.at(-1)!.headers['if-none-match'], first.headers.etag, 'conditional GET sends If-None-Match');
  for (const path of ['/gzip.rss.xml', '/br.xml', '/deflate.xml', '/raw-deflate.xml', '/unlabelled-gzip.xml']) {
    t.equal((await fetchUrl(`${srv.url}${path}`, open)).body.toString(), RSS, path);
  }
  const cut = await fetchUrl(`${srv.url}/truncated-gzip.xml`, open);
  t.ok(RSS.startsWith(cut.body.toString()) && cut.body.length > 0, 'a truncated gzip stream yields what it holds');
});

t.test('the body cap applies after decompression (gzip bomb) and to plain bodies', async (t) => {
  const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024));
  t.ok(bomb.length < 200 * 1024, `bomb is ${bomb.length} bytes compressed`);
  const srv = await startFeedServer({
    '/bomb.xml': { handler: (_q, res) => void res.writeHead(200, { 'content-encoding': 'gzip' }).end(bomb) },
    '/big.xml': { body: Buffer.alloc(3 * 1024 * 1024, 0x20) },
  });
  t.teardown(() => srv.close());
  const before = process.memoryUsage().rss;
  await t.rejects(fetchUrl(`${srv.url}/bomb.xml`, { ...open, maxBytes: 1024 * 1024 }), { code: 'AKHBAR_FEED_TOO_LARGE' });
  t.ok(process.memoryUsage().rss - before < 48 * 1024 * 1024, 'memory did not grow by the inflated size');
  await t.rejects(fetchUrl(`${srv.url}/big.xml`, { ...open, maxBytes: 1024 * 1024 }), { code: 'AKHBAR_FEED_TOO_LARGE' });
  t.equal((await fetchUrl(`${srv.url}/big.xml`, { ...open, maxBytes: 4 * 1024 * 1024 })).body.length, 3 * 1024 * 1024);
});

t.test('redirects: at most five, permanent ones reported', async (t) => {
  const hop = (status: number, to: string) => ({ handler: (_q: unknown, res: import('node:http').ServerResponse) => void res.writeHead(status, { location: to }).end() });
  const srv = await startFeedServer({
    '/r1': hop(301, '/r2'), '/r2': hop(308, '/r3'), '/r3': hop(301, '/r4'), '/r4': hop(301, '/r5'), '/r5': hop(301, '/final.rss.xml'),
    '/final.rss.xml': { body: RSS },
    '/r0': hop(301, '/r1'),
    '/temp': hop(302, '/perm'), '/perm': hop(301, '/final.rss.xml'),
    '/moved': hop(301, '/then-temp'), '/then-temp': hop(307, '/final.rss.xml'),
    '/loop': hop(302, '/loop'),
  });
  t.teardown(() => srv.close());
  const five = await fetchFeed(`${srv.url}/r1`, open);
  t.equal(five.status, 200);
  t.equal(five.redirects.length, 5);
  t.equal(five.url, `${srv.url}/final.rss.xml`);
  t.equal(five.permanentUrl, `${srv.url}/final.rss.xml`, 'all hops permanent: the feed moved');
  await t.rejects(fetchFeed(`${srv.url}/r0`, open), { code: 'AKHBAR_FEED_TOO_MANY_REDIRECTS' }, 'six hops are too many');
  await t.rejects(fetchFeed(`${srv.url}/loop`, open), { code: 'AKHBAR_FEED_TOO_MANY_REDIRECTS' });
  t.equal((await fetchFeed(`${srv.url}/temp`, open)).permanentUrl, undefined, 'a temporary first hop: nothing moved');
  t.equal((await fetchFeed(`${srv.url}/moved`, open)).permanentUrl, `${srv.url}/then-temp`, 'the permanent prefix of the chain');
});

t.test('HTTP errors carry their status and Retry-After', async (t) => {
  const soon = new Date(Date.now() + 90_000).toUTCString();
  const srv = await startFeedServer({
    '/gone': { status: 410, body: 'gone' },
    '/busy': { status: 429, headers: { 'retry-after': '120' }, body: 'slow down' },
    '/down': { status: 503, headers: { 'retry-after': soon }, body: 'maintenance' },
    '/missing': { status: 404, body: 'nope' },
  });
  t.teardown(() => srv.close());
  await t.rejects(fetchFeed(`${srv.url}/gone`, open), { code: 'AKHBAR_FEED_GONE', permanent: true, details: { status: 410 } });
  await t.rejects(fetchFeed(`${srv.url}/busy`, open), { code: 'AKHBAR_FEED_HTTP_STATUS', details: { status: 429, retryAfterMs: 120_000 } });
  const down = (await fetchFeed(`${srv.url}/down`, open).then(() => undefined, (e: unknown) => e)) as { details: { retryAfterMs: number } };
  t.ok(down.details.retryAfterMs > 80_000 && down.details.retryAfterMs <= 90_000, 'HTTP-date Retry-After');
  await t.rejects(fetchFeed(`${srv.url}/missing`, open), { code: 'AKHBAR_FEED_HTTP_STATUS', permanent: false, details: { status: 404 } });
  t.equal(parseRetryAfter('soon'), undefined);
});

t.test('timeouts, refused connections and unknown hosts are coded', async (t) => {
  const srv = await startFeedServer({ '/hang': { handler: () => undefined } });
  t.teardown(() => srv.close());
  await t.rejects(fetchFeed(`${srv.url}/hang`, { ...open, timeoutMs: 300 }), { code: 'AKHBAR_FEED_TIMEOUT' });
  const closed = await startFeedServer();
  const port = closed.port;
  await closed.close();
  await t.rejects(fetchFeed(`http://127.0.0.1:${port}/`, open), { code: 'AKHBAR_FEED_NETWORK' });
  const nx: LookupFn = (h, _o, cb) => cb(Object.assign(new Error(`getaddrinfo ENOTFOUND ${h}`), { code: 'ENOTFOUND' }), []);
  await t.rejects(fetchFeed('http://no-such-host.test/feed', { resolve: nx }), { code: 'AKHBAR_FEED_DNS' });
});
