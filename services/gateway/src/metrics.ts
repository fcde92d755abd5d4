import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics of one gateway app (its own registry, so several apps in a test never clash). */
export interface GatewayMetrics {
  registry: Registry;
  httpDuration: Histogram<'method' | 'route' | 'status'>;
  esDuration: Histogram<'op' | 'outcome'>;
  /** Requests let in with an API key, by the key's name (AKHBAR_API_KEYS `name:key`): who uses the API how much. */
  apiKeyRequests: Counter<'key' | 'route' | 'status'>;
  /** WebSub callbacks: verifications and pushes, by what came of them. */
  websub: Counter<'kind' | 'outcome'>;
}

const BUCKETS = [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export function createGatewayMetrics(): GatewayMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service: 'gateway' });
  collectDefaultMetrics({ register: registry, prefix: 'akhbar_node_' });
  return {
    registry,
    httpDuration: new Histogram({
      name: 'akhbar_http_request_duration_seconds',
      help: 'HTTP request latency by route (the route pattern, not the URL) and status',
      labelNames: ['method', 'route', 'status'],
      buckets: BUCKETS,
      registers: [registry],
    }),
    esDuration: new Histogram({
      name: 'akhbar_es_request_duration_seconds',
      help: 'Elasticsearch request latency seen by the gateway, by operation',
      labelNames: ['op', 'outcome'],
      buckets: BUCKETS,
      registers: [registry],
    }),
    apiKeyRequests: new Counter({
      name: 'akhbar_api_key_requests_total',
      help: 'Requests made with an API key, by its name (never the key), route and status',
      labelNames: ['key', 'route', 'status'],
      registers: [registry],
    }),
    websub: new Counter({
      name: 'akhbar_websub_callbacks_total',
      help: 'WebSub callbacks from hubs: kind verify|push, outcome (verified, denied, refused, fetch-queued, bad-signature, unknown-feed)',
      labelNames: ['kind', 'outcome'],
      registers: [registry],
    }),
  };
}
