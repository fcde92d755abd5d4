import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { chaosSeed, profile } from './lib/profile.ts';
import { writePart, type HostileRecord } from './lib/report.ts';

/**
 * Hostile feeds against the running ingest service with its SSRF guard on. The scenario runs in
 * a private network and mount namespace (lib/hostile-feeds-run.ts explains the set-up): every
 * address class the guard must refuse is a real, listening address there, so "refused" is shown
 * by zero connections at the target, not by an error message alone. Then hostile payloads (XML
 * bombs, XXE, a gzip bomb, a slow drip, redirect chains) and random mutations of valid feeds:
 * the service must answer each with a coded outcome, never crash, and keep its memory bounded.
 */

const P = profile();

/** Payloads reported together: [what, payload names]. */
const PAYLOAD_GROUPS: Array<[string, string[]]> = [
  ['XML bombs and XXE: billion laughs, quadratic blow-up, external entities (file, parameter, http to a private address)', ['billion-laughs', 'quadratic', 'xxe-file', 'xxe-parameter', 'xxe-http']],
  ['decompression bomb (1 GiB gzip, announced or not) and a 64 MiB body, against a 15 MiB cap', ['gzip-bomb', 'gzip-bomb-unannounced', 'huge-plain']],
  ['slow-drip body, headers that never come', ['slow-drip', 'slow-headers']],
  ['redirect chains: 5 followed, 6 and a loop refused', ['r5/1', 'r6/1', 'redirect-loop']],
  ['200,000 nested elements; a 20,000-item feed', ['deep-nesting', 'many-items']],
];
t.setTimeout(P.timeoutMs);
const RUNNER = join(dirname(fileURLToPath(import.meta.url)), 'lib', 'hostile-feeds-run.ts');

interface CaseResult { name: string; url: string; registered: string; code: string; status?: number; resolves: boolean }
interface RunResult {
  seed: number;
  connections: Array<{ local: string; at: number }>;
  frontRequests: number;
  registrationRefused: Array<{ url: string; code: string }>;
  ssrf: CaseResult[];
  schemes: CaseResult[];
  payloads: Array<CaseResult & { rssMb: number }>;
  rss: { beforePayloadsMb: number; afterPayloadsMb: number };
  mutations: {
    tried: number; fetches: number; seconds: number; byCode: Record<string, number>; alive: boolean; health: string;
    rssWarmMb: number; rssEndMb: number; rssMaxMb: number; heapWarmMb: number; heapEndMb: number; internalErrors: unknown[];
  };
  ingestStopCode: number | string;
}

function run(seed: number): Promise<{ result?: RunResult; output: string; code: number | null }> {
  const scratch = mkdtempSync(join(tmpdir(), 'akhbar-chaos-'));
  return new Promise((resolve) => {
    const child = spawn('unshare', ['--net', '--mount', '--', process.execPath, RUNNER], {
      env: { ...process.env, AKHBAR_CHAOS_MUTATIONS: String(P.feedMutations), AKHBAR_CHAOS_SEED: String(seed), AKHBAR_CHAOS_SCRATCH: scratch },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (err += c));
    child.on('exit', (code) => {
      rmSync(scratch, { recursive: true, force: true });
      const line = out.split('\n').find((l) => l.startsWith('RESULT '));
      resolve({ ...(line ? { result: JSON.parse(line.slice(7)) as RunResult } : {}), output: `${out.split('\n').filter((l) => l.startsWith('# ')).join('\n')}\n${err.slice(-3000)}`, code });
    });
  });
}

t.test(`hostile feeds against the running ingest service (${P.name}: ${P.feedMutations} mutations)`, async (t) => {
  const startedAt = Date.now();
  const seed = chaosSeed();
  t.comment(`seed ${seed} (AKHBAR_CHAOS_SEED replays it)`);
  const { result: r, output, code } = await run(seed);
  t.comment(output.trim());
  t.equal(code, 0, 'the scenario ran to the end');
  if (!r) return;

  // SSRF: every case refused, and not one connection reached any listening private address.
  t.same(r.connections, [], 'zero connections reached the target on any private address');
  for (const c of r.ssrf) {
    // A name with no address here cannot be connected to at all: it fails at resolution.
    const want = c.resolves ? 'AKHBAR_FEED_PRIVATE_ADDRESS' : 'AKHBAR_FEED_DNS';
    t.equal(c.code, want, `${c.name} (${c.registered}) refused: ${want}`);
  }
  for (const c of r.schemes) t.equal(c.code, 'AKHBAR_FEED_BAD_SCHEME', `${c.name} refused`);
  for (const c of r.registrationRefused) t.equal(c.code, 'AKHBAR_BAD_URL', `registering ${c.url} refused`);
  const redirects = r.ssrf.filter((c) => c.name.startsWith('redirect')).length;
  t.ok(r.frontRequests >= redirects + r.schemes.length, `the allowed front host was asked for each redirect (${r.frontRequests})`);

  // Payloads.
  const expected: Record<string, string | RegExp> = {
    'billion-laughs': 'AKHBAR_FEED_XML_ENTITIES',
    'xxe-file': 'AKHBAR_FEED_XML_ENTITIES',
    'xxe-parameter': 'AKHBAR_FEED_XML_ENTITIES',
    'xxe-http': 'AKHBAR_FEED_XML_ENTITIES',
    quadratic: 'AKHBAR_FEED_XML_ENTITIES',
    'gzip-bomb': 'AKHBAR_FEED_TOO_LARGE',
    'gzip-bomb-unannounced': 'AKHBAR_FEED_TOO_LARGE',
    'huge-plain': 'AKHBAR_FEED_TOO_LARGE',
    'slow-drip': 'AKHBAR_FEED_TIMEOUT',
    'slow-headers': 'AKHBAR_FEED_TIMEOUT',
    'deep-nesting': /^(none|AKHBAR_FEED_[A-Z_]+)$/,
    'many-items': 'none',
    'r5/1': 'none',
    'r6/1': 'AKHBAR_FEED_TOO_MANY_REDIRECTS',
    'redirect-loop': 'AKHBAR_FEED_TOO_MANY_REDIRECTS',
  };
  for (const p of r.payloads) {
    const want = expected[p.name];
    if (typeof want === 'string') t.equal(p.code, want, `${p.name}: ${want}`);
    else t.match(p.code, want!, `${p.name}: a coded outcome (${p.code})`);
  }

  // Mutations: every fetch ended in a coded outcome, the service never crashed, memory stayed bounded.
  const m = r.mutations;
  t.ok(m.tried >= P.feedMutations, `${m.tried} mutated feeds served`);
  t.ok(m.fetches >= m.tried, `each was fetched (${m.fetches} fetches)`);
  t.ok(m.alive, 'ingest still running');
  t.equal(m.health, 'ok', 'ingest /healthz ok');
  t.equal(r.ingestStopCode, 0, 'ingest stops cleanly afterwards');
  const uncoded = Object.keys(m.byCode).filter((c) => c !== 'none' && !/^AKHBAR_[A-Z_]+$/.test(c));
  t.same(uncoded, [], `every outcome is a coded error or a parsed feed: ${JSON.stringify(m.byCode)}`);
  t.notOk('AKHBAR_INTERNAL' in m.byCode, 'no internal (unclassified) error');
  t.same(m.internalErrors, [], 'no internal error in the logs');
  // Bounded: nothing grows with the number of inputs (the two checks after this one). The peak
  // includes the payload phase: a 1 GiB gzip bomb and a 64 MiB body stop at the 15 MiB cap (about
  // 18 MB each), a legitimate 20,000-item feed costs about 135 MB while it is queued.
  t.ok(m.rssMaxMb < 800, `ingest RSS peaked at ${m.rssMaxMb.toFixed(0)} MB (< 800 MB)`);
  t.ok(m.rssEndMb < m.rssWarmMb + 150, `RSS ${m.rssWarmMb.toFixed(0)} MB after a tenth of the mutations, ${m.rssEndMb.toFixed(0)} MB at the end`);
  t.ok(m.heapEndMb < m.heapWarmMb * 2 + 50, `heap ${m.heapWarmMb.toFixed(0)} MB after a tenth, ${m.heapEndMb.toFixed(0)} MB at the end`);

  const count = (cs: CaseResult[], code: string) => cs.filter((c) => c.code === code || (code === 'AKHBAR_FEED_PRIVATE_ADDRESS' && !c.resolves && c.code === 'AKHBAR_FEED_DNS')).length;
  const direct = r.ssrf.filter((c) => !c.name.startsWith('redirect'));
  const via = r.ssrf.filter((c) => c.name.startsWith('redirect'));
  const hostile: HostileRecord[] = [
    { input: 'SSRF: private, loopback, link-local, CGNAT, reserved, IPv6/mapped addresses, odd spellings, names (direct)', tried: direct.length, handled: count(direct, 'AKHBAR_FEED_PRIVATE_ADDRESS'), connections: r.connections.length },
    { input: 'SSRF: the same behind a redirect from an allowed host', tried: via.length, handled: count(via, 'AKHBAR_FEED_PRIVATE_ADDRESS'), connections: r.connections.length },
    { input: 'non-http schemes (registration and redirects)', tried: r.schemes.length + r.registrationRefused.length, handled: count(r.schemes, 'AKHBAR_FEED_BAD_SCHEME') + r.registrationRefused.filter((c) => c.code === 'AKHBAR_BAD_URL').length },
    ...PAYLOAD_GROUPS.map(([input, names]) => {
      const ps = r.payloads.filter((p) => names.includes(p.name));
      const right = ps.filter((p) => (typeof expected[p.name] === 'string' ? p.code === expected[p.name] : (expected[p.name] as RegExp).test(p.code)));
      return {
        input: `${input} (ingest RSS ≤ ${Math.max(...ps.map((p) => p.rssMb))} MB)`,
        tried: ps.length,
        handled: right.length,
        ...(names.includes('xxe-http') ? { connections: r.connections.length } : {}),
        detail: ps.map((p) => `${p.name}: ${p.code}`).join(', '),
      };
    }),
    {
      input: `random mutations of valid feeds (ingest RSS ${m.rssWarmMb.toFixed(0)} → ${m.rssEndMb.toFixed(0)} MB, heap ${m.heapWarmMb.toFixed(0)} → ${m.heapEndMb.toFixed(0)} MB from a tenth of them to the end)`,
      tried: m.tried,
      handled: m.alive && uncoded.length === 0 ? m.tried : 0,
      detail: JSON.stringify(m.byCode),
    },
  ];
  writePart({ scenario: 'hostile-feeds', profile: P.name, seed, startedAt: new Date(startedAt).toISOString(), durationMs: Date.now() - startedAt, hostile });
});
