import { Client, type ClientOptions } from '@elastic/elasticsearch';

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
