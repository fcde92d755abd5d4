import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import t from 'tap';
import { addressAllowed, closeFetchAgents, fetchUrl, isPublicAddress, type LookupFn } from '@akhbar/feeds';

/**
 * The SSRF guard refuses before connecting: each case counts TCP connections on a real local
 * server and expects none. Only loopback addresses are ever dialled here; the other private
 * ranges are checked as pure functions.
 */

interface Counted {
  server: Server;
  port: number;
  connections: () => number;
  requests: string[];
}

async function listen(host: string, handler?: (path: string) => { status: number; headers?: Record<string, string>; body?: string }): Promise<Counted> {
  let connections = 0;
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(req.url ?? '/');
    const r = handler?.(req.url ?? '/') ?? { status: 200, body: '<rss version="2.0"><channel><title>ok</title></channel></rss>' };
    res.writeHead(r.status, { 'content-type': 'application/rss+xml', ...r.headers }).end(r.body ?? '');
  });
  server.on('connection', () => connections++);
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return { server, port: (server.address() as AddressInfo).port, connections: () => connections, requests };
}

const close = (s: Server) => new Promise<void>((resolve) => { s.closeAllConnections(); s.close(() => resolve()); });

t.teardown(() => closeFetchAgents());

t.test('address classes', async (t) => {
  for (const ip of ['8.8.8.8', '1.1.1.1', '2606:4700:4700::1111', '185.199.108.153']) t.ok(isPublicAddress(ip), `${ip} is public`);
  for (const ip of [
    '127.0.0.1', '127.255.255.254', '10.0.0.1', '172.16.5.4', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '255.255.255.255',
    '224.0.0.251', '192.0.2.10', '198.18.0.1', '::1', '::', 'fe80::1', 'fc00::1', 'fd12:3456::1', 'ff02::1', '::ffff:127.0.0.1',
    '::ffff:169.254.169.254', '::ffff:10.0.0.1', '64:ff9b::a00:1', '2002:7f00:1::1', '2001:db8::1', 'not-an-ip',
  ]) t.notOk(isPublicAddress(ip), `${ip} is refused`);
  t.ok(addressAllowed('10.20.1.2', { allowCidrs: ['10.20.0.0/16'] }), 'an allowed CIDR opens that range only');
  t.notOk(addressAllowed('10.21.1.2', { allowCidrs: ['10.20.0.0/16'] }));
  t.ok(addressAllowed('::ffff:10.20.1.2', { allowCidrs: ['10.20.0.0/16'] }), 'mapped IPv6 judged as its IPv4');
  t.ok(addressAllowed('192.168.1.1', { allowPrivate: true }), 'AKHBAR_ALLOW_PRIVATE_NETWORKS opens everything');
});

t.test('direct requests to loopback, in every spelling, never connect', async (t) => {
  const target = await listen('127.0.0.1');
  t.teardown(() => close(target.server));
  const p = target.port;
  for (const url of [
    `http://127.0.0.1:${p}/feed`, `http://localhost:${p}/feed`, `http://2130706433:${p}/feed`, `http://0x7f.0.0.1:${p}/feed`,
    `http://0177.0.0.1:${p}/feed`, `http://127.1:${p}/feed`, `http://0x7f000001:${p}/feed`, `http://[::ffff:127.0.0.1]:${p}/feed`,
    `http://[::ffff:7f00:1]:${p}/feed`, `http://0.0.0.0:${p}/feed`, `http://[::1]:${p}/feed`, `http://[::]:${p}/feed`,
    `https://127.0.0.1:${p}/feed`,
  ]) {
    await t.rejects(fetchUrl(url), { code: 'AKHBAR_FEED_PRIVATE_ADDRESS' }, url);
  }
  t.equal(target.connections(), 0, 'zero connections reached the server');
  const ok = await fetchUrl(`http://127.0.0.1:${p}/feed`, { allowPrivate: true });
  t.equal(ok.status, 200, 'with private networks allowed the same server answers');
  t.equal(target.connections(), 1);
});

t.test('redirects into private ranges are refused at the hop, before connecting', async (t) => {
  const inner = await listen('127.0.0.2');
  const outer = await listen('127.0.0.1', (path) => {
    const to: Record<string, string> = {
      '/to-ip': `http://127.0.0.2:${inner.port}/secret`,
      '/to-name': `http://internal.test:${inner.port}/secret`,
      '/to-mapped': `http://[::ffff:127.0.0.2]:${inner.port}/secret`,
      '/to-decimal': `http://2130706434:${inner.port}/secret`,
      '/to-file': 'file:///etc/passwd',
    };
    return to[path] ? { status: 302, headers: { location: to[path]! } } : { status: 404 };
  });
  t.teardown(async () => {
    await close(inner.server);
    await close(outer.server);
  });
  // The first hop (127.0.0.1) is allowed as if it were a public server; the target is not.
  const policy = { allowCidrs: ['127.0.0.1/32'] };
  const resolve: LookupFn = (host, _opts, cb) => {
    if (host === 'internal.test') cb(null, [{ address: '127.0.0.2', family: 4 }]);
    else cb(Object.assign(new Error(`ENOTFOUND ${host}`), { code: 'ENOTFOUND' }), []);
  };
  for (const path of ['/to-ip', '/to-name', '/to-mapped', '/to-decimal']) {
    await t.rejects(fetchUrl(`http://127.0.0.1:${outer.port}${path}`, { ...policy, resolve }), { code: 'AKHBAR_FEED_PRIVATE_ADDRESS' }, path);
  }
  await t.rejects(fetchUrl(`http://127.0.0.1:${outer.port}/to-file`, policy), { code: 'AKHBAR_FEED_BAD_SCHEME' }, 'redirect to file:');
  t.equal(outer.requests.length, 5, 'the allowed first hop was asked each time');
  t.equal(inner.connections(), 0, 'zero connections reached the private target');
});

t.test('a name is refused when any of its addresses is private (DNS answers are checked where the socket opens)', async (t) => {
  const target = await listen('127.0.0.1');
  t.teardown(() => close(target.server));
  const mixed: LookupFn = (_h, _o, cb) => cb(null, [{ address: '127.0.0.1', family: 4 }, { address: '127.0.0.2', family: 4 }]);
  await t.rejects(fetchUrl(`http://mixed.test:${target.port}/`, { allowCidrs: ['127.0.0.1/32'], resolve: mixed }), { code: 'AKHBAR_FEED_PRIVATE_ADDRESS' });
  const allowed: LookupFn = (_h, _o, cb) => cb(null, [{ address: '127.0.0.1', family: 4 }]);
  const ok = await fetchUrl(`http://good.test:${target.port}/`, { allowCidrs: ['127.0.0.1/32'], resolve: allowed });
  t.equal(ok.status, 200, 'the same name with only allowed answers connects');
  t.equal(target.connections(), 1, 'only the allowed fetch connected');
});

t.test('only http and https', async (t) => {
  for (const url of ['file:///etc/passwd', 'ftp://example.com/feed', 'gopher://example.com/', 'data:text/xml,<rss/>', 'javascript:alert(1)']) {
    await t.rejects(fetchUrl(url), { code: 'AKHBAR_FEED_BAD_SCHEME' }, url);
  }
  await t.rejects(fetchUrl('not a url'), { code: 'AKHBAR_FEED_BAD_URL' });
});
