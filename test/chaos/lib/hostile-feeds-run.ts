/**
 * Hostile feeds against the running ingest service, run INSIDE a private network and mount
 * namespace (hostile-feeds.test.ts starts it with `unshare --net --mount`). Inside, the loopback
 * interface carries every address class the SSRF guard must refuse (10/8, 172.16/12, 192.168/16,
 * 169.254.169.254, 100.64/10, documentation and benchmark ranges, IPv6 ULA, NAT64, 6to4) and a
 * private /etc/hosts maps names to them. One server listens on all of them and counts every
 * connection: the guard passes only if it counts none. Nothing can leave the namespace (it has no
 * other interface), so a guard that failed would still reach nothing but our own listener.
 *
 * Prints progress lines starting with "# " and one final line "RESULT <json>".
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { lookup } from 'node:dns/promises';
import { isIP, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { createGzip } from 'node:zlib';
import { FeedRegistry, QUEUES, openQueue, type FetchJob } from '@akhbar/core';
import { REPO_ROOT, rng, type ServiceProcess, startService, waitFor } from '@akhbar/testkit';
import { Cleanup, harnessRedis } from './infra.ts';
import { mutatedResponse, seedFeeds } from './mutate.ts';
import { sumSamples } from './stack.ts';

const MUTATIONS = Number(process.env.AKHBAR_CHAOS_MUTATIONS ?? 1000);
const SEED = Number(process.env.AKHBAR_CHAOS_SEED ?? 1);
/**
 * Scratch space for the hosts file and Redis's directory. The file is bind-mounted over
 * /etc/hosts in this namespace, where it cannot be deleted, so the test that starts this run
 * gives a directory and removes it from outside once the namespace is gone.
 */
const SCRATCH = process.env.AKHBAR_CHAOS_SCRATCH ?? tmpdir();
const say = (msg: string) => process.stdout.write(`# ${msg}\n`);

// --- the namespace's network and names ------------------------------------------------------
const V4 = ['10.0.0.1', '172.16.0.1', '192.168.0.1', '169.254.169.254', '100.64.0.1', '192.0.2.1', '198.18.0.1'];
const V6 = ['fd00::1', '64:ff9b::a00:1', '2002:a00:1::1'];
const FRONT = '127.0.0.3'; // stands in for a public site: the only range ingest is told to allow
const HOSTS: Record<string, string[]> = {
  'intranet.chaos.test': ['10.0.0.1'],
  'metadata.chaos.test': ['169.254.169.254'],
  'cgnat.chaos.test': ['100.64.0.1'],
  'router.chaos.test': ['192.168.0.1'],
  'v6.chaos.test': ['fd00::1'],
  'mixed.chaos.test': [FRONT, '10.0.0.1'],
  'front.chaos.test': [FRONT],
};

function setUpNamespace(): void {
  execFileSync('ip', ['link', 'set', 'lo', 'up']);
  for (const a of V4) execFileSync('ip', ['addr', 'add', `${a}/32`, 'dev', 'lo']);
  for (const a of V6) execFileSync('ip', ['-6', 'addr', 'add', `${a}/128`, 'dev', 'lo']);
  // The hosts file is bind-mounted in this mount namespace only.
  const dir = mkdtempSync(join(SCRATCH, 'hosts-'));
  const hosts = join(dir, 'hosts');
  const lines = Object.entries(HOSTS).flatMap(([name, addrs]) => addrs.map((a) => `${a} ${name}`));
  writeFileSync(hosts, `${readFileSync('/etc/hosts', 'utf8')}\n${lines.join('\n')}\n`);
  execFileSync('mount', ['--bind', hosts, '/etc/hosts']);
  const eth = execFileSync('ip', ['-o', 'link'], { encoding: 'utf8' }).split('\n').filter((l) => l.trim() && !/: lo:/.test(l));
  if (eth.length > 0) throw new Error(`the namespace has interfaces besides lo: ${eth.join('; ')}`);
}

/**
 * Whether a URL's host has an address in this namespace. A name that resolves nowhere (say
 * "localhost." with its trailing dot, which /etc/hosts does not match and no DNS server answers
 * here) fails as AKHBAR_FEED_DNS, before any address exists to connect to.
 */
async function resolves(url: string): Promise<boolean> {
  let host: string;
  try {
    host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  } catch {
    return false;
  }
  if (isIP(host)) return true;
  try {
    await lookup(host, { all: true });
    return true;
  } catch {
    return false;
  }
}

// --- servers --------------------------------------------------------------------------------
interface Target {
  server: Server;
  port: number;
  connections: Array<{ local: string; at: number }>;
}

/** The target of every SSRF case: listens on all addresses, counts every connection, answers a feed. */
async function startTarget(): Promise<Target> {
  const connections: Target['connections'] = [];
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/rss+xml' }).end('<rss version="2.0"><channel><title>internal</title><item><title>secret</title><link>http://internal/secret</link></item></channel></rss>');
  });
  server.on('connection', (s: Socket) => connections.push({ local: s.localAddress ?? '?', at: Date.now() }));
  await new Promise<void>((resolve) => server.listen(0, '::', resolve));
  return { server, port: (server.address() as AddressInfo).port, connections };
}

type Handler = (req: IncomingMessage, res: ServerResponse, url: URL) => void;

async function startFront(routes: Map<string, Handler>): Promise<{ server: Server; port: number; base: string; requests: string[] }> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://front');
    requests.push(url.pathname);
    const h = routes.get(url.pathname);
    if (!h) return void res.writeHead(404).end();
    h(req, res, url);
  });
  await new Promise<void>((resolve) => server.listen(0, FRONT, resolve));
  const port = (server.address() as AddressInfo).port;
  return { server, port, base: `http://${FRONT}:${port}`, requests };
}

const okFeed = (title: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>${title}</title><link>http://front.chaos.test/</link><item><title>${title} item</title><link>http://front.chaos.test/${encodeURIComponent(title)}</link><description>fine</description></item></channel></rss>`;

/** A gzip body that inflates to `bytes` of whitespace inside an otherwise valid feed. */
function gzipBomb(bytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const gz = createGzip({ level: 9 });
    const out: Buffer[] = [];
    gz.on('data', (c: Buffer) => out.push(c));
    gz.on('end', () => resolve(Buffer.concat(out)));
    gz.on('error', reject);
    gz.write('<?xml version="1.0"?><rss version="2.0"><channel><title>bomb</title><description>');
    const chunk = Buffer.alloc(1 << 20, 0x20);
    let left = bytes;
    const pump = () => {
      while (left > 0) {
        left -= chunk.length;
        if (!gz.write(chunk)) return void gz.once('drain', pump);
      }
      gz.end('</description></channel></rss>');
    };
    pump();
  });
}

// --- main -----------------------------------------------------------------------------------
async function main() {
  setUpNamespace();
  const cleanup = new Cleanup();
  const r = rng(SEED);
  const target = await startTarget();
  const T = target.port;
  say(`namespace ready; target listening on every address, port ${T}`);

  const routes = new Map<string, Handler>();
  const front = await startFront(routes);
  const F = front.base;

  // Redis inside the namespace, for this run only.
  const redisPort = 6391;
  const redisDir = mkdtempSync(join(SCRATCH, 'redis-'));
  const redisProc = spawn('redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', redisDir, '--maxmemory-policy', 'noeviction'], { stdio: 'ignore' });
  cleanup.pid(redisProc.pid);
  const redisUrl = `redis://127.0.0.1:${redisPort}`;
  const redis = await harnessRedis(redisUrl);
  const prefix = '{akhbar-hostile}';
  const registry = new FeedRegistry(redis, prefix);
  const fetchQueue = openQueue<FetchJob>(QUEUES.fetch, { connection: redis, prefix });

  const env = {
    REDIS_URL: redisUrl,
    AKHBAR_QUEUE_PREFIX: prefix,
    AKHBAR_ALLOW_PRIVATE_NETWORKS: 'false',
    AKHBAR_ALLOWED_CIDRS: `${FRONT}/32`,
    METRICS_PORT: '0',
    LOG_LEVEL: 'warn',
    INGEST_CONCURRENCY: '32',
    INGEST_HOST_CONCURRENCY: '64',
    INGEST_HOST_DELAY_MS: '0',
    INGEST_FETCH_TIMEOUT_MS: '4000',
    INGEST_MAX_FAILURES: '1000',
    INGEST_MIN_INTERVAL_SEC: '3600',
  };
  const ingest: ServiceProcess = startService('ingest', { ...env, LOG_LEVEL: 'info' }, { keepLogs: 2000 });
  cleanup.pid(ingest.child.pid);
  const opsLine = await ingest.waitForLog((l) => l.msg === 'ops server listening (/metrics /healthz /readyz)', 60_000);
  const ops = `http://127.0.0.1:${String(opsLine.port)}`;
  const pid = ingest.child.pid!;
  const rssMb = () => {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  };
  let rssMax = 0;
  const sampler = setInterval(() => {
    try {
      rssMax = Math.max(rssMax, rssMb());
    } catch {
      /* exited: noticed below */
    }
  }, 200);
  say(`ingest running (pid ${pid}), guard on, only ${FRONT}/32 allowed`);

  /** Register URLs, fetch each once (a user's refresh), wait for every outcome on the feed's status. */
  const fetchAll = async (cases: Array<{ name: string; url: string; target?: string }>, timeoutMs = 60_000) => {
    const ids = new Map<string, string>();
    for (const c of cases) {
      const { feed } = await registry.add({ url: c.url });
      ids.set(c.name, feed.id);
      await fetchQueue.add('fetch', { v: 1, feedId: feed.id, reason: 'manual' }, { jobId: `hostile-${feed.id}`, removeOnComplete: true, removeOnFail: true, attempts: 1 });
    }
    const out: Array<{ name: string; url: string; registered: string; code: string; status?: number; resolves: boolean }> = [];
    for (const c of cases) {
      const id = ids.get(c.name)!;
      const feed = await waitFor(async () => {
        const f = await registry.get(id);
        return f?.status.lastFetchAt ? f : undefined;
      }, { timeoutMs, intervalMs: 100, what: `a fetch of ${c.name}` });
      out.push({
        name: c.name,
        url: c.url,
        registered: feed.url,
        code: feed.status.lastErrorCode ?? 'none',
        ...(feed.status.lastHttpStatus ? { status: feed.status.lastHttpStatus } : {}),
        // What ingest dials: the registered (canonical) URL, or the redirect's Location as sent.
        resolves: await resolves(c.target ?? feed.url),
      });
    }
    return out;
  };

  // 1. The SSRF matrix, direct and through a redirect from the allowed front host.
  const direct: Array<{ name: string; url: string }> = [
    ['loopback 127.0.0.1', `http://127.0.0.1:${T}/feed`],
    ['loopback 127.0.0.2', `http://127.0.0.2:${T}/feed`],
    ['loopback short 127.1', `http://127.1:${T}/feed`],
    ['loopback decimal 2130706433', `http://2130706433:${T}/feed`],
    ['loopback hex 0x7f000001', `http://0x7f000001:${T}/feed`],
    ['loopback octal 0177.0.0.1', `http://0177.0.0.1:${T}/feed`],
    ['loopback mixed 0x7f.0.0.1', `http://0x7f.0.0.1:${T}/feed`],
    ['name localhost', `http://localhost:${T}/feed`],
    ['name LOCALHOST. (trailing dot)', `http://LOCALHOST.:${T}/feed`],
    ['IPv6 loopback [::1]', `http://[::1]:${T}/feed`],
    ['IPv4-mapped [::ffff:127.0.0.1]', `http://[::ffff:127.0.0.1]:${T}/feed`],
    ['IPv4-mapped hex [::ffff:7f00:1]', `http://[::ffff:7f00:1]:${T}/feed`],
    ['unspecified 0.0.0.0', `http://0.0.0.0:${T}/feed`],
    ['unspecified decimal 0', `http://0:${T}/feed`],
    ['unspecified IPv6 [::]', `http://[::]:${T}/feed`],
    ['private 10.0.0.1', `http://10.0.0.1:${T}/feed`],
    ['private octal 012.0.0.1', `http://012.0.0.1:${T}/feed`],
    ['private decimal 167772161', `http://167772161:${T}/feed`],
    ['private 172.16.0.1', `http://172.16.0.1:${T}/feed`],
    ['private 192.168.0.1', `http://192.168.0.1:${T}/feed`],
    ['name → 10.0.0.1', `http://intranet.chaos.test:${T}/feed`],
    ['name → 192.168.0.1', `http://router.chaos.test:${T}/feed`],
    ['IPv4-mapped [::ffff:10.0.0.1]', `http://[::ffff:10.0.0.1]:${T}/feed`],
    ['metadata 169.254.169.254', `http://169.254.169.254:${T}/latest/meta-data/`],
    ['metadata hex 0xa9fea9fe', `http://0xa9fea9fe:${T}/latest/meta-data/`],
    ['metadata name → 169.254.169.254', `http://metadata.chaos.test:${T}/latest/meta-data/`],
    ['metadata IPv4-mapped', `http://[::ffff:169.254.169.254]:${T}/latest/meta-data/`],
    ['CGNAT 100.64.0.1', `http://100.64.0.1:${T}/feed`],
    ['CGNAT name', `http://cgnat.chaos.test:${T}/feed`],
    ['CGNAT IPv4-mapped', `http://[::ffff:100.64.0.1]:${T}/feed`],
    ['documentation 192.0.2.1', `http://192.0.2.1:${T}/feed`],
    ['benchmark 198.18.0.1', `http://198.18.0.1:${T}/feed`],
    ['IPv6 unique-local [fd00::1]', `http://[fd00::1]:${T}/feed`],
    ['IPv6 name → fd00::1', `http://v6.chaos.test:${T}/feed`],
    ['IPv6 link-local [fe80::1]', `http://[fe80::1]:${T}/feed`],
    ['NAT64 [64:ff9b::a00:1]', `http://[64:ff9b::a00:1]:${T}/feed`],
    ['6to4 [2002:a00:1::1]', `http://[2002:a00:1::1]:${T}/feed`],
    ['multicast 224.0.0.1', `http://224.0.0.1:${T}/feed`],
    ['broadcast 255.255.255.255', `http://255.255.255.255:${T}/feed`],
    ['name with one private address among allowed ones', `http://mixed.chaos.test:${T}/feed`],
  ].map(([name, url]) => ({ name: name!, url: url! }));
  const redirected = direct.map((c) => {
    const path = `/go/${encodeURIComponent(c.name)}`;
    routes.set(path, (_req, res) => void res.writeHead(302, { location: c.url }).end());
    return { name: `redirect → ${c.name}`, url: `${F}${path}`, target: c.url };
  });
  // Two hops through allowed addresses first, then the private one.
  routes.set('/hop1', (_req, res) => void res.writeHead(301, { location: `http://front.chaos.test:${front.port}/hop2` }).end());
  routes.set('/hop2', (_req, res) => void res.writeHead(307, { location: `http://169.254.169.254:${T}/latest/meta-data/` }).end());
  redirected.push({ name: 'redirect chain → allowed name → metadata', url: `${F}/hop1`, target: `http://169.254.169.254:${T}/` });
  const schemes = ['file:///etc/passwd', `ftp://10.0.0.1:${T}/feed`, `gopher://127.0.0.1:${T}/_SET%20x`, 'data:text/xml,<rss version="2.0"/>', 'javascript:alert(1)', `dict://127.0.0.1:${T}/info`, `ldap://169.254.169.254:${T}/`];
  const schemeRedirects = schemes.map((to, i) => {
    routes.set(`/scheme${i}`, (_req, res) => void res.writeHead(302, { location: to }).end());
    return { name: `redirect → ${to.split(':')[0]}:`, url: `${F}/scheme${i}` };
  });
  const registrationRefused: Array<{ url: string; code: string }> = [];
  for (const url of schemes) {
    try {
      await registry.add({ url });
      registrationRefused.push({ url, code: 'none' });
    } catch (err) {
      registrationRefused.push({ url, code: (err as { code?: string }).code ?? String(err) });
    }
  }
  const ssrf = await fetchAll([...direct, ...redirected]);
  const schemeResults = await fetchAll(schemeRedirects);
  say(`SSRF matrix: ${ssrf.length} cases, ${target.connections.length} connection(s) at the target`);

  // 2. Hostile payloads from the allowed front host.
  const fixture = (n: string) => readFileSync(join(REPO_ROOT, 'packages', 'feeds', 'test', 'fixtures', n));
  const xmlType = { 'content-type': 'application/rss+xml; charset=utf-8' };
  routes.set('/billion-laughs', (_q, res) => void res.writeHead(200, xmlType).end(fixture('hostile-billion-laughs.xml')));
  routes.set('/xxe-file', (_q, res) => void res.writeHead(200, xmlType).end(fixture('hostile-xxe.xml')));
  routes.set('/xxe-parameter', (_q, res) => void res.writeHead(200, xmlType).end(fixture('hostile-parameter-entity.xml')));
  routes.set('/xxe-http', (_q, res) =>
    void res.writeHead(200, xmlType).end(`<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "http://10.0.0.1:${T}/xxe">]><rss version="2.0"><channel><title>&x;</title><item><title>&x;</title><link>${F}/a</link></item></channel></rss>`),
  );
  routes.set('/quadratic', (_q, res) =>
    void res.writeHead(200, xmlType).end(`<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "${'x'.repeat(50_000)}">]><rss version="2.0"><channel><title>q</title><item><title>${'&a;'.repeat(50_000)}</title><link>${F}/q</link></item></channel></rss>`),
  );
  const bomb = await gzipBomb(1 << 30);
  routes.set('/gzip-bomb', (_q, res) => void res.writeHead(200, { ...xmlType, 'content-encoding': 'gzip', 'content-length': String(bomb.length) }).end(bomb));
  routes.set('/gzip-bomb-unannounced', (_q, res) => void res.writeHead(200, { ...xmlType, 'content-length': String(bomb.length) }).end(bomb));
  routes.set('/huge-plain', (_q, res) => {
    res.writeHead(200, xmlType);
    let sent = 0;
    const chunk = Buffer.alloc(1 << 20, 0x20);
    const more = () => {
      while (sent < 64 << 20) {
        sent += chunk.length;
        if (!res.write(chunk)) return void res.once('drain', more);
      }
      res.end();
    };
    res.on('close', () => (sent = Infinity));
    more();
  });
  const dripTimers: NodeJS.Timeout[] = [];
  routes.set('/slow-drip', (_q, res) => {
    res.writeHead(200, xmlType);
    res.write('<?xml version="1.0"?><rss version="2.0"><channel><title>drip</title>');
    const timer = setInterval(() => res.write(' '), 500);
    dripTimers.push(timer);
    res.on('close', () => clearInterval(timer));
  });
  routes.set('/slow-headers', (_q, res) => {
    const timer = setTimeout(() => res.writeHead(200, xmlType).end(okFeed('late')), 60_000);
    dripTimers.push(timer);
    res.on('close', () => clearTimeout(timer));
  });
  routes.set('/deep-nesting', (_q, res) => void res.writeHead(200, xmlType).end(`<?xml version="1.0"?><rss version="2.0"><channel><title>deep</title><item><title>deep</title><link>${F}/deep</link><description>${'<div>'.repeat(200_000)}x${'</div>'.repeat(200_000)}</description></item></channel></rss>`));
  routes.set('/many-items', (_q, res) => void res.writeHead(200, xmlType).end(`<?xml version="1.0"?><rss version="2.0"><channel><title>many</title>${Array.from({ length: 20_000 }, (_, i) => `<item><title>t${i}</title><link>${F}/many/${i}</link></item>`).join('')}</channel></rss>`));
  for (const n of [5, 6]) {
    for (let i = 1; i <= n; i++) routes.set(`/r${n}/${i}`, (_q, res) => void res.writeHead(302, { location: `/r${n}/${i + 1}` }).end());
    routes.set(`/r${n}/${n + 1}`, (_q, res) => void res.writeHead(200, xmlType).end(okFeed(`after ${n} redirects`)));
  }
  routes.set('/redirect-loop', (_q, res) => void res.writeHead(302, { location: '/redirect-loop' }).end());
  const payloadCases = [
    'billion-laughs', 'xxe-file', 'xxe-parameter', 'xxe-http', 'quadratic', 'gzip-bomb', 'gzip-bomb-unannounced', 'huge-plain', 'slow-drip', 'slow-headers',
    'deep-nesting', 'many-items', 'r5/1', 'r6/1', 'redirect-loop',
  ].map((p) => ({ name: p, url: `${F}/${p}` }));
  const rssBefore = rssMb();
  // One at a time, so each one's effect on the service's memory can be seen.
  const payloads: Array<Awaited<ReturnType<typeof fetchAll>>[number] & { rssMb: number }> = [];
  for (const c of payloadCases) {
    const [res] = await fetchAll([c], 90_000);
    payloads.push({ ...res!, rssMb: Math.round(rssMb()) });
  }
  for (const timer of dripTimers) clearInterval(timer);
  const rssAfterPayloads = rssMb();
  say(`hostile payloads: ${payloads.map((p) => `${p.name}=${p.code} (RSS ${p.rssMb} MB)`).join(', ')}; ingest RSS ${rssBefore.toFixed(0)} → ${rssAfterPayloads.toFixed(0)} MB (max ${rssMax.toFixed(0)})`);

  // 3. Random mutations of valid feeds, one per response, over feeds polled again and again.
  const seeds = seedFeeds();
  let served = 0;
  const MUT_FEEDS = 40;
  for (let i = 0; i < MUT_FEEDS; i++) {
    routes.set(`/mut/${i}`, (_q, res) => {
      if (served >= MUTATIONS) return void res.writeHead(304).end();
      const m = mutatedResponse(seeds, r);
      res.on('finish', () => served++);
      res.writeHead(200, m.headers).end(m.body);
    });
  }
  const mutFeeds: string[] = [];
  for (let i = 0; i < MUT_FEEDS; i++) mutFeeds.push((await registry.add({ url: `${F}/mut/${i}` })).feed.id);
  const codesOf = (text: string) => {
    const byCode: Record<string, number> = {};
    for (const line of text.split('\n')) {
      const m = /^akhbar_feed_fetches_total\{([^}]*)\}\s+(\S+)/.exec(line);
      if (!m) continue;
      const code = /code="([^"]*)"/.exec(m[1]!)?.[1] ?? '?';
      byCode[code] = (byCode[code] ?? 0) + Number(m[2]);
    }
    return byCode;
  };
  const metricsBefore = await (await fetch(`${ops}/metrics`)).text();
  const fetchesBefore = sumSamples(metricsBefore, 'akhbar_feed_fetches_total');
  const codesBefore = codesOf(metricsBefore);
  const heapOf = async () => sumSamples(await (await fetch(`${ops}/metrics`)).text(), 'akhbar_node_nodejs_heap_size_used_bytes') / 1048576;
  let rssWarm = 0;
  let heapWarm = 0;
  const mutStarted = Date.now();
  const poller = setInterval(() => {
    for (const id of mutFeeds) void fetchQueue.add('fetch', { v: 1, feedId: id, reason: 'manual' }, { jobId: `mut-${id}`, removeOnComplete: true, removeOnFail: true, attempts: 1 }).catch(() => undefined);
  }, 100);
  await waitFor(async () => {
    if (rssWarm === 0 && served >= MUTATIONS / 10) {
      rssWarm = rssMb();
      heapWarm = await heapOf();
    }
    if (ingest.child.exitCode !== null || ingest.child.signalCode !== null) throw new Error('ingest exited');
    return served >= MUTATIONS;
  }, { timeoutMs: Math.max(300_000, MUTATIONS * 60), intervalMs: 200, what: `${MUTATIONS} mutated responses` });
  clearInterval(poller);
  await waitFor(async () => (await fetchQueue.getJobCounts('active', 'waiting', 'prioritized')).active === 0, { timeoutMs: 60_000, what: 'the last fetches' });
  const metrics = await (await fetch(`${ops}/metrics`)).text();
  const byCode: Record<string, number> = {};
  for (const [code, n] of Object.entries(codesOf(metrics))) if (n - (codesBefore[code] ?? 0) > 0) byCode[code] = n - (codesBefore[code] ?? 0);
  const heapEnd = await heapOf();
  const health = await (await fetch(`${ops}/healthz`)).json() as { status: string };
  const mutations = {
    tried: served,
    fetches: sumSamples(metrics, 'akhbar_feed_fetches_total') - fetchesBefore,
    seconds: (Date.now() - mutStarted) / 1000,
    byCode,
    alive: ingest.child.exitCode === null && ingest.child.signalCode === null,
    health: health.status,
    rssWarmMb: rssWarm,
    rssEndMb: rssMb(),
    rssMaxMb: rssMax,
    heapWarmMb: heapWarm,
    heapEndMb: heapEnd,
    internalErrors: ingest.logs.filter((l) => /AKHBAR_INTERNAL/.test(JSON.stringify(l))).slice(0, 5),
  };
  say(`mutations: ${served} served in ${mutations.seconds.toFixed(0)} s; outcomes ${JSON.stringify(byCode)}; RSS warm ${rssWarm.toFixed(0)} MB, end ${mutations.rssEndMb.toFixed(0)} MB, max ${rssMax.toFixed(0)} MB; heap warm ${heapWarm.toFixed(0)} MB, end ${heapEnd.toFixed(0)} MB`);

  clearInterval(sampler);
  const stopCode = await ingest.stop('SIGTERM', 20_000);
  cleanup.pid(ingest.child.pid, false);
  await fetchQueue.close();
  redis.disconnect();
  redisProc.kill('SIGTERM');
  cleanup.done();
  front.server.closeAllConnections();
  target.server.closeAllConnections();
  front.server.close();
  target.server.close();

  const result = {
    seed: SEED,
    targetPort: T,
    connections: target.connections,
    frontRequests: front.requests.length,
    registrationRefused,
    ssrf,
    schemes: schemeResults,
    payloads,
    rss: { beforePayloadsMb: rssBefore, afterPayloadsMb: rssAfterPayloads },
    mutations,
    ingestStopCode: stopCode,
  };
  process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
  await delay(100);
  process.exit(0);
}

main().catch((err: unknown) => {
  process.stderr.write(`hostile-feeds runner failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
