import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import t from 'tap';
import { parseAllDocuments, parse as parseYaml } from 'yaml';
import { REPO_ROOT } from '@akhbar/testkit';

/**
 * The deployment files, checked with the real tools since no container engine runs here:
 * docker-compose.yml by the Docker Compose CLI itself (`config` loads, interpolates and validates
 * it exactly as `up` does), the Dockerfiles by hadolint, the Kubernetes manifests by the
 * Kubernetes API schemas (kubernetes-validate, strict). infra/test/ops-tools.sh installs them.
 * On top of the tools, the files must agree with the code: every service's environment passes
 * that service's own config loader, and probes and scrapes hit the ports the services listen on.
 */

const root = REPO_ROOT;
const read = (p: string) => readFileSync(join(root, p), 'utf8');
let bin = '';

function run(cmd: string, args: string[], opts: { env?: Record<string, string>; cwd?: string } = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(cmd, args, { cwd: opts.cwd ?? root, env: opts.env ?? process.env, maxBuffer: 32 * 1024 * 1024, timeout: 120_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

t.before(async () => {
  // First run installs the checkers into .cache/ops-tools (about a minute); later runs are instant.
  const res = await run('bash', [join(root, 'infra/test/ops-tools.sh')]);
  if (res.code !== 0) throw new Error(`infra/test/ops-tools.sh failed:\n${res.stderr}`);
  bin = res.stdout.trim();
});

/** Load a service's configuration from an environment with the service's own loader. */
async function loadServiceConfig(service: string, env: Record<string, string>): Promise<Record<string, unknown>> {
  const mod = (await import(pathToFileURL(join(root, 'services', service, 'src', 'config.ts')).href)) as Record<string, unknown>;
  const loader = Object.entries(mod).find(([k, v]) => /^load[A-Z]\w*Config$/.test(k) && typeof v === 'function')?.[1] as ((e: Record<string, string>) => Record<string, unknown>) | undefined;
  if (!loader) throw new Error(`services/${service}/src/config.ts exports no load…Config`);
  return loader(env);
}

/** How enrich's launcher starts the service (services/enrich/src/runtime.ts); a container given them runs it in-process. */
/** Node starts with this NODE_OPTIONS (it refuses some V8 flags there, e.g. --heap-growing-percent, and exits). */
const nodeAccepts = async (nodeOptions: string) => {
  const res = await run(process.execPath, ['-e', '0'], { env: { PATH: process.env.PATH ?? '', NODE_OPTIONS: nodeOptions } });
  return res.code === 0 ? '' : res.stderr.trim() || `exit ${String(res.code)}`;
};
const enrichRuntime = async () => (await import(pathToFileURL(join(root, 'services/enrich/src/runtime.ts')).href)) as { ENRICH_V8_FLAGS: string[]; ENRICH_ENV: Record<string, string> };

const ES_VERSION = /^ES_VERSION=(\S+)$/m.exec(read('infra/local/elasticsearch.sh'))?.[1];

// ---------------------------------------------------------------------------------------------
// docker-compose.yml

interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile: string; args?: Record<string, string> };
  environment?: Record<string, string | null>;
  command?: string[] | null;
  ports?: Array<{ target: number; published?: string; host_ip?: string }>;
  container_name?: string;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test?: string[]; disable?: boolean; interval?: string };
  volumes?: Array<{ type: string; source: string; target: string }>;
  profiles?: string[];
  stop_grace_period?: string;
  deploy?: unknown;
}

async function composeConfig(env: Record<string, string> = {}, extra: string[] = [], file = 'docker-compose.yml') {
  const dir = mkdtempSync(join(tmpdir(), 'akhbar-compose-'));
  const envFile = join(dir, 'empty.env'); // hermetic: no .env from the checkout
  writeFileSync(envFile, '');
  try {
    const res = await run(join(bin, 'docker-compose'), ['--env-file', envFile, '-f', file, ...extra, 'config', '--format', 'json'], {
      env: { PATH: process.env.PATH ?? '', HOME: dir, ...env },
    });
    return { ...res, model: res.code === 0 ? (JSON.parse(res.stdout) as { services: Record<string, ComposeService>; volumes?: Record<string, unknown> }) : undefined };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Go duration ("30s", "1m30s") in ms. */
function durationMs(d: string | undefined): number {
  let ms = 0;
  for (const [, n, u] of (d ?? '').matchAll(/(\d+(?:\.\d+)?)(h|m|s|ms)/g)) ms += Number(n) * { h: 3_600_000, m: 60_000, s: 1000, ms: 1 }[u as 'h' | 'm' | 's' | 'ms'];
  return ms;
}

const APP_SERVICES = ['ingest', 'fulltext', 'enrich', 'indexer', 'gateway'];
const WORKERS = APP_SERVICES.filter((s) => s !== 'gateway');

t.test('docker-compose.yml: the Compose CLI accepts it and it runs Akhbar the way the design says', async (t) => {
  const token = 'a'.repeat(40);
  const res = await composeConfig({ AKHBAR_ADMIN_TOKEN: token, ES_HEAP: '2g' }, ['--profile', 'monitoring', '--profile', 'tools']);
  t.equal(res.code, 0, `docker-compose config exits 0\n${res.stderr}`);
  const services = res.model?.services ?? {};
  t.same(Object.keys(services).sort(), ['cli', 'elasticsearch', 'enrich', 'fulltext', 'gateway', 'grafana', 'indexer', 'ingest', 'prometheus', 'redis'], 'every service is there');

  const redis = services.redis!;
  const cmd = (redis.command ?? []).join(' ');
  t.match(cmd, /--maxmemory-policy noeviction/, 'redis never evicts queue keys');
  t.match(cmd, /--appendonly yes/, 'redis keeps an append-only file');
  t.match(cmd, /--appendfsync always/, 'the append-only file is written before each reply');
  t.ok(redis.volumes?.some((v) => v.type === 'volume' && v.target === '/data'), 'redis data on a volume');
  t.ok(redis.healthcheck?.test, 'redis has a healthcheck');

  const es = services.elasticsearch!;
  t.equal(es.build?.dockerfile, 'infra/docker/elasticsearch.Dockerfile', 'elasticsearch is built with the analysis plugin');
  t.equal(es.build?.args?.ES_VERSION, ES_VERSION, 'same Elasticsearch version as the local server and the client');
  t.equal(es.image, `akhbar/elasticsearch:${ES_VERSION}`);
  t.equal(es.environment?.['discovery.type'], 'single-node');
  t.equal(es.environment?.ES_JAVA_OPTS, '-Xms2g -Xmx2g', 'heap from ES_HEAP');
  t.ok(es.volumes?.some((v) => v.type === 'volume' && v.target === '/usr/share/elasticsearch/data'), 'data on a volume');
  t.ok(es.volumes?.some((v) => v.type === 'volume' && v.target === es.environment?.['path.repo']), 'the snapshot repository path is a volume');
  t.match(es.healthcheck?.test?.join(' '), /_cluster\/health/, 'healthcheck asks the cluster health');
  t.notOk(es.ports, 'Elasticsearch (security off) is not published to the host');

  for (const name of APP_SERVICES) {
    const s = services[name]!;
    t.equal(s.build?.dockerfile, 'infra/docker/Dockerfile', `${name}: built from the repo`);
    t.equal(s.build?.args?.SERVICE, name, `${name}: SERVICE build arg`);
    t.ok(existsSync(join(root, 'services', name, 'src', 'main.ts')), `${name}: services/${name}/src/main.ts exists`);
    t.same(s.healthcheck?.test, ['CMD', 'node', '/usr/local/lib/akhbar/healthcheck.mjs'], `${name}: healthcheck through /healthz`);
    t.equal(s.depends_on?.redis?.condition, 'service_healthy', `${name}: waits for a healthy Redis`);
    const deadline = Number(s.environment?.AKHBAR_SHUTDOWN_DEADLINE_MS);
    t.ok(deadline > 0 && durationMs(s.stop_grace_period) >= deadline + 3000, `${name}: Docker waits longer (${s.stop_grace_period}) than the shutdown deadline (${deadline} ms)`);
    const env = Object.fromEntries(Object.entries(s.environment ?? {}).map(([k, v]) => [k, v ?? '']));
    const config = await loadServiceConfig(name, env);
    t.equal(config.redisUrl, 'redis://redis:6379', `${name}: the service's own config loader accepts its environment`);
  }
  for (const name of ['indexer', 'gateway']) t.equal(services[name]!.depends_on?.elasticsearch?.condition, 'service_healthy', `${name}: waits for a healthy Elasticsearch`);
  const runtime = await enrichRuntime();
  const enrichEnv = services.enrich!.environment ?? {};
  t.same(String(enrichEnv.NODE_OPTIONS).split(/\s+/), runtime.ENRICH_V8_FLAGS, 'enrich: the V8 flags its launcher gives, so the container runs it in-process with the same memory');
  for (const [name, s] of Object.entries(services)) {
    const opts = s.environment?.NODE_OPTIONS;
    if (opts) t.equal(await nodeAccepts(opts), '', `${name}: node starts with its NODE_OPTIONS (${opts})`);
  }
  for (const [k, v] of Object.entries(runtime.ENRICH_ENV)) t.equal(enrichEnv[k], v, `enrich: ${k} as its launcher sets it`);
  for (const name of WORKERS) {
    t.notOk(services[name]!.container_name, `${name}: no container_name, so --scale works`);
    t.notOk(services[name]!.ports, `${name}: no published port, so --scale works`);
  }
  const gateway = services.gateway!;
  t.equal(gateway.environment?.AKHBAR_ADMIN_TOKEN, token, 'the admin token comes from the environment');
  const gwConfig = await loadServiceConfig('gateway', Object.fromEntries(Object.entries(gateway.environment ?? {}).map(([k, v]) => [k, v ?? ''])));
  t.same(gateway.ports?.map((p) => p.target), [gwConfig.port], 'the published port is the one the gateway listens on');

  t.same(services.cli!.profiles, ['tools'], 'the CLI image only runs on demand');
  t.equal(services.cli!.build?.args?.SERVICE, 'all');
  for (const name of ['prometheus', 'grafana']) {
    t.same(services[name]!.profiles, ['monitoring'], `${name} is in the monitoring profile`);
    for (const p of services[name]!.ports ?? []) t.equal(p.host_ip, '127.0.0.1', `${name} is published on loopback only`);
  }
});

t.test('docker-compose.yml: optional parts stay off by default, and the parser is not a rubber stamp', async (t) => {
  const plain = await composeConfig();
  t.equal(plain.code, 0, plain.stderr);
  t.same(Object.keys(plain.model?.services ?? {}).sort(), ['elasticsearch', 'enrich', 'fulltext', 'gateway', 'indexer', 'ingest', 'redis'], 'without profiles: the pipeline only');
  t.equal(plain.model?.services.gateway?.environment?.AKHBAR_ADMIN_TOKEN, '', 'no token given: admin routes closed');
  t.equal(plain.model?.services.elasticsearch?.environment?.ES_JAVA_OPTS, '-Xms1g -Xmx1g', 'default heap 1g');

  // The same file with a mistake must be refused, or the check above proves nothing.
  const dir = mkdtempSync(join(tmpdir(), 'akhbar-compose-bad-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const broken = read('docker-compose.yml').replace('      redis: { condition: service_healthy }\n      elasticsearch: { condition: service_healthy }', '      redis: { condition: service_healthy }\n      elastisearch: { condition: service_healthy }');
  t.not(broken, read('docker-compose.yml'), 'the mistake was introduced');
  writeFileSync(join(dir, 'docker-compose.yml'), broken);
  const bad = await composeConfig({}, [], join(dir, 'docker-compose.yml'));
  t.not(bad.code, 0, 'a depends_on on a service that does not exist is refused');
  t.match(bad.stderr, /elastisearch/);
  const misspelt = read('docker-compose.yml').replace('\n    image: redis:', '\n    restart_policy: always\n    image: redis:');
  t.not(misspelt, read('docker-compose.yml'), 'the unknown key was introduced');
  writeFileSync(join(dir, 'docker-compose.yml'), misspelt);
  const typo = await composeConfig({}, [], join(dir, 'docker-compose.yml'));
  t.not(typo.code, 0, 'an unknown key is refused');
  t.match(typo.stderr, /restart_policy/);
});

// ---------------------------------------------------------------------------------------------
// Dockerfiles

/** Dockerfile instructions with continuation lines joined and comments dropped. */
function instructions(text: string): Array<{ op: string; args: string }> {
  const out: Array<{ op: string; args: string }> = [];
  let buf = '';
  for (const line of text.split('\n')) {
    if (!buf && /^\s*#/.test(line)) continue;
    if (buf && /^\s*#/.test(line)) continue;
    buf += (buf ? ' ' : '') + line.trim();
    if (buf.endsWith('\\')) {
      buf = buf.slice(0, -1).trim();
      continue;
    }
    const m = /^(\w+)\s+(.*)$/.exec(buf);
    if (m) out.push({ op: m[1]!.toUpperCase(), args: m[2]! });
    buf = '';
  }
  return out;
}

t.test('Dockerfiles: hadolint passes them, and it does fail a bad one', async (t) => {
  for (const f of ['infra/docker/Dockerfile', 'infra/docker/elasticsearch.Dockerfile']) {
    const res = await run(join(bin, 'hadolint'), ['--no-color', f]);
    t.equal(res.code, 0, `hadolint ${f}\n${res.stdout}${res.stderr}`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'akhbar-hadolint-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'Dockerfile'), 'FROM node:latest\nRUN cd /app && npm install\nCMD node main.js\n');
  const bad = await run(join(bin, 'hadolint'), ['--no-color', join(dir, 'Dockerfile')]);
  t.not(bad.code, 0, 'hadolint flags a Dockerfile with the usual mistakes');
  t.match(bad.stdout, /DL3007/, 'FROM :latest is flagged');
});

t.test('service image: multi-stage on Node 24 slim, production dependencies, non-root, healthcheck, tini', async (t) => {
  const ins = instructions(read('infra/docker/Dockerfile'));
  const froms = ins.filter((i) => i.op === 'FROM');
  t.ok(froms.length >= 2, 'multi-stage');
  t.match(ins.find((i) => i.op === 'ARG' && i.args.startsWith('NODE_VERSION='))?.args, /^NODE_VERSION=24$/, 'Node 24');
  const last = ins.lastIndexOf(froms.at(-1)!);
  const final = ins.slice(last);
  t.match(froms.at(-1)!.args, /^node:\$\{NODE_VERSION\}-slim\b/, 'final stage on node:24-slim');
  const install = ins.find((i) => i.op === 'RUN' && /pnpm install/.test(i.args));
  t.match(install?.args, /--prod\b/, 'production dependencies only');
  t.match(install?.args, /--frozen-lockfile/, 'exactly the locked versions');
  const pnpm = /pnpm@([\d.]+)/.exec(ins.map((i) => i.args).join('\n'))?.[1];
  t.equal(`pnpm@${pnpm}`, (JSON.parse(read('package.json')) as { packageManager: string }).packageManager, 'the pnpm the repo pins');
  t.notOk(final.some((i) => i.op === 'RUN' && /(npm|pnpm) (install|i|ci)\b/.test(i.args)), 'no package install in the final stage');
  const user = final.filter((i) => i.op === 'USER').at(-1)?.args ?? '';
  t.match(user, /^[1-9]\d*(:\d+)?$/, 'runs as a numeric non-root user (Kubernetes can verify runAsNonRoot)');
  t.ok(final.some((i) => i.op === 'HEALTHCHECK' && /healthcheck\.mjs/.test(i.args)), 'HEALTHCHECK');
  t.match(final.find((i) => i.op === 'ENTRYPOINT')?.args, /"\/usr\/bin\/tini", "--"/, 'tini as PID 1 forwards signals');
  t.ok(final.some((i) => i.op === 'RUN' && /apt-get install .*\btini\b/.test(i.args)), 'tini is installed');

  const ignore = read('.dockerignore').split('\n').map((l) => l.trim());
  for (const p of ['**/node_modules', '.git', '.cache', '.env']) t.ok(ignore.includes(p), `.dockerignore keeps ${p} out of the build context`);
  t.notOk(ignore.some((p) => p === 'infra/docker' || p === 'infra/elasticsearch' || p === 'infra'), 'the files the images need stay in the context');
});

t.test('container entry point: starts the image service, refuses what it cannot run', async (t) => {
  const entry = join(root, 'infra/docker/entry.mjs');
  const bogus = await run(process.execPath, [entry], { env: { PATH: process.env.PATH ?? '', AKHBAR_SERVICE: '../etc' } });
  t.equal(bogus.code, 78, 'an image built without a valid SERVICE exits 78 (configuration error)');
  t.match(bogus.stderr, /--build-arg SERVICE=/);
  const args = await run(process.execPath, [entry, 'index', 'migrate'], { env: { PATH: process.env.PATH ?? '', AKHBAR_SERVICE: 'indexer' } });
  t.equal(args.code, 64, 'a service image given a command points to the cli image');
  t.match(args.stderr, /cli image/);
});

t.test('elasticsearch image: the official one, plus the plugin built against its own jars', async (t) => {
  const ins = instructions(read('infra/docker/elasticsearch.Dockerfile'));
  t.equal(ins.find((i) => i.op === 'ARG' && i.args.startsWith('ES_VERSION='))?.args, `ES_VERSION=${ES_VERSION}`, 'same version as infra/local');
  const froms = ins.filter((i) => i.op === 'FROM').map((i) => i.args);
  t.match(froms[0], /^docker\.elastic\.co\/elasticsearch\/elasticsearch:\$\{ES_VERSION\} AS elasticsearch$/);
  t.ok(ins.some((i) => i.op === 'COPY' && /--from=elasticsearch \/usr\/share\/elasticsearch\/lib/.test(i.args)), 'compiles against the image\'s jars');
  t.ok(ins.some((i) => i.op === 'RUN' && /akhbar-analysis\/build\.sh/.test(i.args)), 'with the plugin\'s own build script');
  t.ok(ins.some((i) => i.op === 'RUN' && /elasticsearch-plugin install --batch file:\/\/.*akhbar-analysis\.zip/.test(i.args)), 'and installs it');
  t.equal(froms.at(-1), 'elasticsearch', 'the result is the official image');
  t.ok(existsSync(join(root, 'infra/elasticsearch/akhbar-analysis/build.sh')));
});

// ---------------------------------------------------------------------------------------------
// Kubernetes

interface K8sDoc { apiVersion: string; kind: string; metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> }; spec?: any; data?: Record<string, string> }

const K8S_DIR = 'infra/k8s';
const kustomization = parseYaml(read(`${K8S_DIR}/kustomization.yaml`)) as { resources: string[]; namespace: string; images: Array<{ name: string }> };
const k8sDocs = (file: string): K8sDoc[] => parseAllDocuments(read(file)).map((d) => d.toJS() as K8sDoc).filter(Boolean);

t.test('Kubernetes manifests: valid against the Kubernetes API schemas (strict)', async (t) => {
  const files = [...kustomization.resources.map((r) => `${K8S_DIR}/${r}`), `${K8S_DIR}/secret.example.yaml`, `${K8S_DIR}/jobs/index-migrate.yaml`];
  const expected = files.reduce((n, f) => n + k8sDocs(f).length, 0);
  for (const version of ['1.30.0', '1.37.0']) {
    const res = await run(join(bin, 'kubernetes-validate'), ['--strict', '-k', version, ...files]);
    t.equal(res.code, 0, `kubernetes-validate ${version}\n${res.stdout}${res.stderr}`);
    const passed = res.stdout.split('\n').filter((l) => / passed for resource /.test(l)).length;
    t.equal(passed, expected, `every document (${expected}) was checked against a schema of Kubernetes ${version}, none skipped`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'akhbar-k8s-bad-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'bad.yaml'), read(`${K8S_DIR}/ingest.yaml`).replace('readinessProbe:', 'readinesProbe:'));
  const bad = await run(join(bin, 'kubernetes-validate'), ['--strict', '--quiet', join(dir, 'bad.yaml')]);
  t.not(bad.code, 0, 'a misspelt field is refused');
});

t.test('Kubernetes manifests: complete, and consistent with the services they run', async (t) => {
  const listed = new Set(kustomization.resources);
  const onDisk = readdirSync(join(root, K8S_DIR)).filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml' && !f.endsWith('.example.yaml'));
  t.same([...listed].sort(), onDisk.sort(), 'kustomization.yaml lists every manifest in infra/k8s');
  t.equal(kustomization.namespace, 'akhbar');

  const docs = kustomization.resources.flatMap((r) => k8sDocs(`${K8S_DIR}/${r}`));
  const of = (kind: string) => docs.filter((d) => d.kind === kind);
  const config = of('ConfigMap').find((d) => d.metadata.name === 'akhbar-config')!.data!;
  const uid = /^USER (\d+)/m.exec(read('infra/docker/Dockerfile'))?.[1];
  const deployments = of('Deployment');
  t.same(deployments.map((d) => d.metadata.labels?.['app.kubernetes.io/component']).sort(), [...APP_SERVICES].sort(), 'a Deployment per service');

  for (const d of deployments) {
    const name = d.metadata.labels!['app.kubernetes.io/component']!;
    const pod = d.spec.template.spec;
    const c = pod.containers[0];
    t.equal(c.image.split(':')[0], `akhbar/${name}`, `${name}: its own image`);
    t.ok(kustomization.images.some((i) => i.name === `akhbar/${name}`), `${name}: image tag set in kustomization`);
    t.same(d.spec.selector.matchLabels, { 'app.kubernetes.io/name': 'akhbar', 'app.kubernetes.io/component': name });
    t.equal(pod.securityContext.runAsNonRoot, true, `${name}: non-root`);
    t.equal(String(pod.securityContext.runAsUser), uid, `${name}: the image's user`);
    t.equal(c.securityContext.readOnlyRootFilesystem, true, `${name}: read-only root filesystem`);

    // Environment as the pod sees it: ConfigMap, then env with secret references filled in and
    // $(VAR) expanded, which is what the service's loader then gets.
    const env: Record<string, string> = { ...config };
    for (const e of c.env as Array<{ name: string; value?: string; valueFrom?: unknown }>) {
      env[e.name] = e.value !== undefined ? e.value.replace(/\$\((\w+)\)/g, (_m, v: string) => env[v] ?? '') : e.name === 'AKHBAR_ADMIN_TOKEN' ? 'k8s-test-admin-token-0123456789' : e.name.includes('PASSWORD') ? 's3cret' : '';
    }
    const cfg = await loadServiceConfig(name, env);
    if (env.NODE_OPTIONS) t.equal(await nodeAccepts(env.NODE_OPTIONS), '', `${name}: node starts with the pod's NODE_OPTIONS (${env.NODE_OPTIONS})`);
    t.equal(cfg.redisUrl, 'redis://:s3cret@akhbar-redis-master:6379', `${name}: the service's own loader accepts the pod's environment`);
    if (name === 'enrich') {
      const runtime = await enrichRuntime();
      t.same(env.NODE_OPTIONS?.split(/\s+/), runtime.ENRICH_V8_FLAGS, 'enrich: the V8 flags its launcher gives, so the pod runs it in-process with the same memory');
      for (const [k, v] of Object.entries(runtime.ENRICH_ENV)) t.equal(env[k], v, `enrich: ${k} as its launcher sets it`);
    }
    // Probes go where load balancers look (the gateway's API port, a worker's ops port); metrics
    // always come from the port named `metrics` (the gateway's is not reachable through the Ingress).
    const port = Number(name === 'gateway' ? cfg.port : cfg.metricsPort);
    const portName = name === 'gateway' ? 'http' : 'metrics';
    t.same(c.ports.find((p: { name: string }) => p.name === portName)?.containerPort, port, `${name}: container port ${portName} is where it listens (${port})`);
    const metricsPort = Number(cfg.metricsPort);
    t.ok(Number.isInteger(metricsPort) && metricsPort > 0, `${name}: metrics on a port of their own (${String(cfg.metricsPort)})`);
    t.same(c.ports.find((p: { name: string }) => p.name === 'metrics')?.containerPort, metricsPort, `${name}: container port metrics is where /metrics is served`);
    t.same(c.livenessProbe.httpGet, { path: '/healthz', port: portName }, `${name}: liveness on /healthz`);
    t.same(c.readinessProbe.httpGet, { path: '/readyz', port: portName }, `${name}: readiness on /readyz`);
    t.same(c.startupProbe.httpGet, { path: '/healthz', port: portName }, `${name}: liveness starts only after startup`);
    t.equal(d.spec.template.metadata.annotations['prometheus.io/port'], String(metricsPort), `${name}: scraped on its metrics port`);
    t.ok(pod.terminationGracePeriodSeconds * 1000 >= Number(env.AKHBAR_SHUTDOWN_DEADLINE_MS) + 5000, `${name}: Kubernetes waits longer than the shutdown deadline`);
    t.ok(c.resources.requests.cpu, `${name}: CPU request (the HPA scales on it)`);
    t.notOk(d.spec.replicas, `${name}: replicas left to the HPA`);

    const hpa = of('HorizontalPodAutoscaler').find((h) => h.spec.scaleTargetRef.name === d.metadata.name);
    t.ok(hpa && hpa.spec.minReplicas >= 1 && hpa.spec.maxReplicas > hpa.spec.minReplicas, `${name}: HorizontalPodAutoscaler`);
    const pdb = of('PodDisruptionBudget').find((p) => JSON.stringify(p.spec.selector.matchLabels) === JSON.stringify(d.spec.selector.matchLabels));
    t.ok(pdb, `${name}: PodDisruptionBudget selecting its pods`);
  }

  const svc = of('Service').find((s) => s.metadata.name === 'akhbar-gateway')!;
  t.same(svc.spec.selector, { 'app.kubernetes.io/name': 'akhbar', 'app.kubernetes.io/component': 'gateway' }, 'the Service selects the gateway pods');
  t.same(svc.spec.ports.map((p: { targetPort: string }) => p.targetPort), ['http'], 'the Service exposes the API port only, not /metrics');
  const ingress = of('Ingress')[0]!;
  t.equal(ingress.spec.rules[0].http.paths[0].backend.service.name, svc.metadata.name, 'the Ingress sends traffic to the gateway Service');
  t.equal(config.AKHBAR_QUEUE_PREFIX, '{akhbar}', 'queue prefix keeps its hash tag');

  const podMonitor = k8sDocs(`${K8S_DIR}/external/podmonitor.yaml`)[0]!;
  t.same(podMonitor.spec.podMetricsEndpoints.map((e: { port: string; path: string }) => `${e.port} ${e.path}`), ['metrics /metrics'], 'the Prometheus Operator scrapes every pod on its metrics port');
  const eck = k8sDocs(`${K8S_DIR}/external/elasticsearch.yaml`)[0]!;
  t.equal(eck.kind, 'Elasticsearch');
  t.equal(eck.spec.version, ES_VERSION, 'ECK runs the pinned Elasticsearch version');
  t.equal(`${eck.metadata.name}-es-http`, /@([\w-]+):9200/.exec(read(`${K8S_DIR}/indexer.yaml`))?.[1], 'the pods talk to the ECK HTTP service');
  const redisValues = read(`${K8S_DIR}/external/redis-values.yaml`);
  t.match(redisValues, /maxmemory-policy noeviction/);
  t.match(redisValues, /appendfsync always/);
});
