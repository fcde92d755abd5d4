import { randomBytes } from 'node:crypto';

/**
 * Real servers for tests: the test command (scripts/test.sh) brings up Redis and Elasticsearch
 * with infra/local before tap starts, and exports their URLs. Tests never mock either.
 */
export function testRedisUrl(): string {
  return process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
}

export function testEsUrl(): string {
  return process.env.ELASTICSEARCH_URL ?? 'http://127.0.0.1:9200';
}

/** A name no other test (or run) uses: queue prefixes, index prefixes, feed paths. */
export function uniqueName(label: string): string {
  return `${label}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
}

/** Queue prefix with a hash tag, as production uses, unique to one test. */
export function uniqueQueuePrefix(label = 't'): string {
  return `{${uniqueName(`akhbar-${label}`)}}`;
}

/** Elasticsearch index prefix (lower-case, no hash tag), unique to one test. */
export function uniqueIndexPrefix(label = 't'): string {
  return uniqueName(`akhbar-test-${label}`).toLowerCase();
}
