import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { readFileSync, existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import t from 'tap';
import { parse as parseYaml } from 'yaml';
import {
  REPO_ROOT, deleteRedisPrefix, dropIndexPrefix, startService, testEsUrl, testRedisUrl, uniqueIndexPrefix, uniqueQueuePrefix,
  type ServiceProcess,
} from '@akhbar/testkit';

/**
 * The monitoring profile: every query of the Grafana dashboard and the Prometheus alert rules
 * parses with Prometheus's own PromQL grammar and names only metrics that the real services
 * serve on /metrics (each service runs here as its own process, as in production), and
 * Prometheus scrapes the ports the services listen on. The same processes then show that every
 * service stops cleanly on SIGTERM.
 */

const root = REPO_ROOT;
const read = (p: string) => readFileSync(join(root, p), 'utf8');
const SERVICES = ['ingest', 'fulltext', 'enrich', 'indexer', 'gateway'] as const;

interface PromqlTree { iterate(spec: { enter: (n: { name: string; from: number; to: number; type: { isError: boolean }; node: { parent: { name: string } | null } }) => void }): void }
let parsePromql: (q: string) => PromqlTree;

t.before(async () => {
  const bin = await new Promise<string>((resolve, reject) => {
    execFile('bash', [join(root, 'infra/test/ops-tools.sh')], { timeout: 280_000 }, (err, stdout, stderr) => (err ? reject(new Error(stderr)) : resolve(stdout.trim())));
  });
  const lezer = join(dirname(dirname(bin)), 'promql/node_modules/@prometheus-io/lezer-promql/dist/index.es.js');
  const mod = (await import(pathToFileURL(lezer).href)) as { parser: { parse: (q: string) => PromqlTree } };
  parsePromql = (q) => mod.parser.parse(q);
});

/** Syntax errors and metric names of one query (Grafana's interval variables substituted). */
function analyse(expr: string): { errors: number; metrics: string[] } {
  const q = expr.replaceAll('$__rate_interval', '5m').replaceAll('$__interval', '1m').replaceAll('$__range', '1h');
  let errors = 0;
  const metrics: string[] = [];
  parsePromql(q).iterate({
    enter: (n) => {
      if (n.type.isError) errors++;
      if (n.name === 'Identifier' && n.node.parent?.name === 'VectorSelector') metrics.push(q.slice(n.from, n.to));
    },
  });
  return { errors, metrics };
}

interface Panel { title: string; type: string; datasource?: { uid: string }; targets?: Array<{ expr: string; datasource?: { uid: string } }> }
const dashboard = JSON.parse(read('infra/monitoring/grafana/dashboards/akhbar.json')) as { uid: string; panels: Panel[] };
const alerts = parseYaml(read('infra/monitoring/prometheus/alerts.yml')) as { groups: Array<{ rules: Array<{ alert: string; expr: string }> }> };
const queries = [
  ...dashboard.panels.flatMap((p) => (p.targets ?? []).map((q) => ({ where: `panel "${p.title}"`, expr: q.expr }))),
  ...alerts.groups.flatMap((g) => g.rules.map((r) => ({ where: `alert ${r.alert}`, expr: r.expr }))),
];

t.test('every dashboard and alert query is valid PromQL (and the grammar does catch mistakes)', async (t) => {
  t.ok(queries.length > 20, `${queries.length} queries`);
  for (const q of queries) t.equal(analyse(q.expr).errors, 0, `${q.where}: ${q.expr}`);
  t.ok(analyse('sum(rate(akhbar_jobs_processed_total[5m])').errors > 0, 'an unbalanced parenthesis is an error');
  t.ok(analyse('histogram_quantile(0.9 sum by (le) (x))').errors > 0, 'a missing comma is an error');
});

t.test('the dashboard shows what an operator needs, from the provisioned datasource', async (t) => {
  const titles = dashboard.panels.filter((p) => p.type !== 'row').map((p) => p.title);
  for (const topic of [/ingest rate/i, /queue depth/i, /failure/i, /fetched → indexed lag/i, /search latency/i]) {
    t.ok(titles.some((title) => topic.test(title)), `a panel for ${topic.source}`);
  }
  const ds = parseYaml(read('infra/monitoring/grafana/provisioning/datasources/prometheus.yml')) as { datasources: Array<{ uid: string; url: string }> };
  const uid = ds.datasources[0]!.uid;
  for (const p of dashboard.panels.filter((p) => p.type !== 'row')) {
    t.equal(p.datasource?.uid, uid, `panel "${p.title}" uses the provisioned datasource`);
    for (const q of p.targets ?? []) t.equal(q.datasource?.uid, uid);
  }
  t.equal(ds.datasources[0]!.url, 'http://prometheus:9090', 'the datasource is the compose Prometheus');

  const compose = parseYaml(read('docker-compose.yml'), { merge: true }) as { services: Record<string, { volumes?: string[]; environment?: Record<string, string> }> };
  const provider = parseYaml(read('infra/monitoring/grafana/provisioning/dashboards/akhbar.yml')) as { providers: Array<{ options: { path: string } }> };
  const mounts = compose.services.grafana!.volumes ?? [];
  t.ok(mounts.includes(`./infra/monitoring/grafana/dashboards:${provider.providers[0]!.options.path}:ro`), 'Grafana loads the dashboards from where compose mounts them');
  const home = compose.services.grafana!.environment!.GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH!;
  t.equal(home, `${provider.providers[0]!.options.path}/akhbar.json`, 'the home dashboard is the Akhbar one');
});

t.test('Prometheus scrapes every service where it listens, every replica included', async (t) => {
  const prom = parseYaml(read('infra/monitoring/prometheus/prometheus.yml')) as {
    rule_files: string[]; scrape_configs: Array<{ job_name: string; dns_sd_configs?: Array<{ names: string[]; type: string; port: number }> }>;
  };
  const compose = parseYaml(read('docker-compose.yml'), { merge: true }) as { services: Record<string, { environment?: Record<string, string>; volumes?: string[] }> };
  const targets = new Map<string, number>();
  for (const sc of prom.scrape_configs) for (const d of sc.dns_sd_configs ?? []) for (const n of d.names) targets.set(n, d.port);
  for (const s of SERVICES) {
    const env = compose.services[s]!.environment!;
    const port = Number(s === 'gateway' ? env.GATEWAY_METRICS_PORT : env.METRICS_PORT);
    t.equal(targets.get(s), port, `${s}: scraped on ${port} through Docker DNS (one target per replica)`);
  }
  t.ok(compose.services.prometheus!.volumes!.includes('./infra/monitoring/prometheus:/etc/prometheus:ro'));
  for (const f of prom.rule_files) t.ok(existsSync(join(root, 'infra/monitoring/prometheus', f.replace('/etc/prometheus/', ''))), `rule file ${f} is in the mounted directory`);
});

t.test('every metric the dashboard and alerts query is served by a running service; every service exits 0 on SIGTERM', async (t) => {
  const queuePrefix = uniqueQueuePrefix('ops-mon');
  const indexPrefix = uniqueIndexPrefix('ops-mon');
  const env = {
    REDIS_URL: testRedisUrl(), ELASTICSEARCH_URL: testEsUrl(), AKHBAR_QUEUE_PREFIX: queuePrefix, AKHBAR_INDEX_PREFIX: indexPrefix,
    PORT: '0', HOST: '127.0.0.1', METRICS_PORT: '0', GATEWAY_METRICS_PORT: '0',
    // Retention on, so its metrics are served as where it is set.
    AKHBAR_RETENTION_DAYS: '3650',
  };
  const services: ServiceProcess[] = SERVICES.map((name) => startService(name, env));
  t.teardown(async () => {
    if (!t.passing()) for (const s of services) t.comment(`--- ${s.name} ---\n${s.logs.slice(-10).map((l) => JSON.stringify(l)).join('\n')}\n${s.stderr.join('').slice(-1500)}`);
    await Promise.all(services.map((s) => s.stop('SIGKILL')));
    await deleteRedisPrefix(queuePrefix);
    await dropIndexPrefix(indexPrefix);
  });

  const exported = new Set<string>();
  for (const s of services) {
    // The gateway too, with GATEWAY_METRICS_PORT as deployed: /metrics beside its API port.
    const line = await s.waitForLog((l) => l.msg === 'ops server listening (/metrics /healthz /readyz)', 45_000);
    const res = await fetch(`http://127.0.0.1:${String(line.port)}/metrics`);
    t.equal(res.status, 200, `${s.name} serves /metrics`);
    for (const [, name, type] of (await res.text()).matchAll(/^# TYPE (\S+) (\S+)$/gm)) {
      exported.add(name!);
      if (type === 'histogram') for (const suffix of ['_bucket', '_sum', '_count']) exported.add(name + suffix);
      if (type === 'summary') for (const suffix of ['_sum', '_count']) exported.add(name + suffix);
    }
  }
  const referenced = new Set(queries.flatMap((q) => analyse(q.expr).metrics));
  t.ok(referenced.size > 10, `${referenced.size} metrics referenced`);
  for (const m of [...referenced].filter((m) => m !== 'up').sort()) t.ok(exported.has(m), `${m} is served by a service`);

  const codes = await Promise.all(services.map((s) => s.stop('SIGTERM', 20_000)));
  for (const [i, s] of services.entries()) {
    t.equal(codes[i], 0, `${s.name} exits 0 on SIGTERM`);
    t.ok(s.logs.some((l) => l.msg === 'stopped'), `${s.name} closed everything before exiting`);
  }
});
