import { Client, Transport, type ClientOptions } from '@elastic/elasticsearch';

/**
 * Whether the client should make OpenTelemetry spans. Its instrumentation costs ~0.1 ms per
 * request even when nothing records the spans, and these services ship no OpenTelemetry SDK, so
 * it is on only in a process set up for tracing: `OTEL_ELASTICSEARCH_ENABLED=true` (the client's
 * own switch; `false` always wins), or a traces exporter configured through the standard
 * variables that an SDK preloaded with `node --import` reads.
 */
export function esTracingWanted(env: NodeJS.ProcessEnv = process.env): boolean {
  const own = env.OTEL_ELASTICSEARCH_ENABLED?.trim().toLowerCase();
  if (own) return own !== 'false';
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return false;
  const exporter = env.OTEL_TRACES_EXPORTER?.trim().toLowerCase();
  if (exporter) return exporter !== 'none';
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
}

/** The client's transport with its tracing switch set from `esTracingWanted` (the Client does not pass one through). */
class AkhbarTransport extends Transport {
  constructor(opts: ConstructorParameters<typeof Transport>[0]) {
    super({ ...opts, openTelemetry: { ...opts.openTelemetry, enabled: esTracingWanted() } });
  }
}

/**
 * One way to build the Elasticsearch client. Timeouts are explicit so a slow cluster surfaces
 * as an error the caller handles, not a hung request.
 */
export function createEsClient(url: string, opts: Partial<ClientOptions> = {}): Client {
  return new Client({
    node: url,
    requestTimeout: 30_000,
    maxRetries: 2,
    compression: false,
    Transport: AkhbarTransport,
    ...opts,
  });
}

/** Cluster reachable and not red. */
export async function esReady(client: Client): Promise<boolean> {
  try {
    const h = await client.cluster.health({ timeout: '1s' }, { requestTimeout: 2_000, maxRetries: 0 });
    return h.status !== 'red';
  } catch {
    return false;
  }
}

export type { Client };
