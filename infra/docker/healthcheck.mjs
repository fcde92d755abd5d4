// Docker HEALTHCHECK for Akhbar images: GET /healthz on the service's own port and exit 0 only on
// a 2xx. Workers judge /healthz by progress (waiting jobs but none finished for
// AKHBAR_STALL_AFTER_SEC → 503), so "unhealthy" means a stuck worker, not merely a slow one.
// Written in plain Node because the slim image has neither curl nor wget.
//
// Port: HEALTHCHECK_PORT if set; else the gateway's PORT; else a worker's METRICS_PORT; else the
// service's default (ingest 9101, enrich 9102, indexer 9103, fulltext 9104, gateway 3000).
const DEFAULT_PORTS = { ingest: 9101, enrich: 9102, indexer: 9103, fulltext: 9104, gateway: 3000 };
const service = process.env.AKHBAR_SERVICE ?? '';
if (service === 'all') process.exit(0); // the CLI image runs one-off commands; nothing to probe

const port =
  process.env.HEALTHCHECK_PORT ||
  (service === 'gateway' ? process.env.PORT : process.env.METRICS_PORT) ||
  DEFAULT_PORTS[service];
if (!port) {
  process.stderr.write(`healthcheck: no port known for service "${service}"; set HEALTHCHECK_PORT\n`);
  process.exit(1);
}
const host = process.env.HEALTHCHECK_HOST || '127.0.0.1';
try {
  const res = await fetch(`http://${host}:${port}/healthz`, { signal: AbortSignal.timeout(4_000) });
  const body = await res.text();
  if (!res.ok) process.stderr.write(`healthcheck: /healthz answered ${res.status} ${body.slice(0, 500)}\n`);
  process.exit(res.ok ? 0 : 1);
} catch (err) {
  process.stderr.write(`healthcheck: /healthz unreachable on ${host}:${port} (${err instanceof Error ? err.message : String(err)})\n`);
  process.exit(1);
}
