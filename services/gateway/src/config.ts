import { bool, commonConfig, int, list, loadConfig, mailConfig, optInt, optStr, str, type ConfigOf } from '@akhbar/core';

export const gatewayConfigSpec = {
  ...commonConfig,
  // Only whether one is set: the indexer sends, the gateway refuses mailto: alerts without a server.
  smtpUrl: mailConfig.smtpUrl,
  port: int('PORT', { default: 3000, min: 0, max: 65535, describe: 'Gateway HTTP port' }),
  host: str('HOST', { default: '0.0.0.0', describe: 'Gateway bind address' }),
  metricsPort: optInt('GATEWAY_METRICS_PORT', {
    min: 0,
    max: 65535,
    describe: 'When set, /metrics moves off PORT to this port (with /healthz and /readyz), out of reach of API clients; unset → /metrics on PORT',
  }),
  adminToken: optStr('AKHBAR_ADMIN_TOKEN', { minLength: 16, describe: 'Bearer token for admin routes; admin routes are refused when unset' }),
  apiKeys: list('AKHBAR_API_KEYS', { default: [], describe: 'Comma-separated API keys, each "key" or "name:key" (the name labels its requests in the log and metrics); when set, read routes need one (X-Api-Key header or api_key parameter)' }),
  apiKeyRateLimits: list('AKHBAR_API_KEY_RATE_LIMITS', { default: [], describe: 'Rate limits of named API keys, comma-separated name=N (requests per window) or name=unlimited; other clients get AKHBAR_RATE_LIMIT_MAX' }),
  cursorSecret: optStr('AKHBAR_CURSOR_SECRET', { minLength: 16, describe: 'HMAC key signing paging cursors; unset → one shared secret is created in Redis' }),
  corsOrigins: list('AKHBAR_CORS_ORIGINS', { default: [], describe: 'Origins allowed by CORS (comma-separated, exact match; "*" allows any)' }),
  rateLimitMax: int('AKHBAR_RATE_LIMIT_MAX', { default: 600, min: 0, max: 1_000_000, describe: 'Requests per client per window; 0 disables rate limiting' }),
  websubRateLimitMax: int('AKHBAR_WEBSUB_RATE_LIMIT_MAX', {
    default: 6000,
    min: 1,
    max: 1_000_000,
    describe: "WebSub hub requests (pushes, verifications) per hub address per window: a count of their own, apart from the address's other requests (a hub pushes every feed it serves from a few addresses)",
  }),
  rateLimitWindowSec: int('AKHBAR_RATE_LIMIT_WINDOW_SEC', { default: 60, min: 1, max: 86_400, describe: 'Rate-limit window in seconds' }),
  bodyLimit: int('AKHBAR_BODY_LIMIT', { default: 1_048_576, min: 1024, max: 64 * 1_048_576, describe: 'Largest request body in bytes (OPML imports)' }),
  requestTimeoutMs: int('AKHBAR_REQUEST_TIMEOUT_MS', { default: 30_000, min: 1000, max: 600_000, describe: 'Time a client has to send its whole request' }),
  esTimeoutMs: int('AKHBAR_ES_TIMEOUT_MS', { default: 10_000, min: 100, max: 300_000, describe: 'Elasticsearch query time budget (server-side timeout and client request timeout)' }),
  exportMax: int('AKHBAR_EXPORT_MAX', { default: 10_000, min: 1, max: 1_000_000, describe: 'Most articles one export (/v1/search.csv, .ndjson) may ask for with max=' }),
  syncSettleSec: int('AKHBAR_SYNC_SETTLE_SEC', {
    default: 60,
    min: 0,
    max: 3600,
    describe: 'sort=indexed (an incremental sync) leaves out articles indexed in the last this-many seconds, so none can still turn up behind a sync\'s last indexedAt: at least the indexer\'s bulk request timeout (30 s) plus its refresh interval',
  }),
  cacheMaxAgeSec: int('AKHBAR_CACHE_MAX_AGE_SEC', { default: 30, min: 0, max: 86_400, describe: 'Cache-Control max-age on search responses' }),
  trustProxy: bool('AKHBAR_TRUST_PROXY', { default: false, describe: 'Trust X-Forwarded-For (behind a reverse proxy) for client addresses' }),
  allowPrivateNetworks: bool('AKHBAR_ALLOW_PRIVATE_NETWORKS', { default: false, describe: 'Allow feed discovery on loopback/private addresses' }),
  entitiesFile: optStr('AKHBAR_ENTITIES_FILE', { describe: 'Extra entities (JSON) merged into the gazetteer, as enrichment does, so queries expand to them too' }),
  publicUrl: optStr('AKHBAR_PUBLIC_URL', { describe: 'External base URL used in RSS/Atom self links (default: from the request Host)' }),
};
export type GatewayConfig = ConfigOf<typeof gatewayConfigSpec>;
export const loadGatewayConfig = (env: NodeJS.ProcessEnv = process.env) => loadConfig(gatewayConfigSpec, env);
