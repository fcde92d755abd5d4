import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { CoreErrors, isAkhbarError } from '@akhbar/core';
import { GatewayErrors, errorBody } from './errors.ts';

interface AjvError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

const CONTEXT_NAMES: Record<string, string> = { querystring: 'parameter', body: 'body field', params: 'path parameter', headers: 'header' };

/** A schema validation failure → 400 naming the parameter. */
function validationError(err: FastifyError & { validation: AjvError[]; validationContext?: string }) {
  const v = err.validation[0]!;
  const where = CONTEXT_NAMES[err.validationContext ?? ''] ?? 'parameter';
  const path = v.instancePath.replace(/^\//, '').replaceAll('/', '.');
  if (v.keyword === 'additionalProperties') {
    const name = [path, String(v.params.additionalProperty)].filter(Boolean).join('.');
    return errorBody(GatewayErrors.UNKNOWN_PARAMETER, `unknown ${where} '${name}'`, { param: name });
  }
  if (v.keyword === 'required') {
    const name = [path, String(v.params.missingProperty)].filter(Boolean).join('.');
    return errorBody(GatewayErrors.BAD_PARAMETER, `${where} '${name}' is required`, { param: name });
  }
  const name = path || err.validationContext || 'request';
  return errorBody(GatewayErrors.BAD_PARAMETER, `${where} '${name}' ${oneOf(err.validation, v.instancePath) ?? choices(v) ?? v.message ?? 'is not valid'}`, { param: name });
}

/**
 * A comma list of fixed values (params.ts `listOf` over a choice: `^(a|b|c)(,(a|b|c)){0,2}$`): the
 * values it takes, in words, rather than the pattern a client would have to read as a regex.
 */
function choices(v: AjvError): string | undefined {
  if (v.keyword !== 'pattern') return undefined;
  const m = /^\^\(([\w|-]+)\)\(,\(\1\)\)\{0,\d+\}\$$/.exec(String(v.params.pattern));
  return m ? `takes one or more of: ${m[1]!.split('|').join(', ')} (comma-separated)` : undefined;
}

/**
 * A choice among fixed values (TypeBox's union of literals is an `anyOf` of `const`s, for which
 * Ajv says "must be equal to constant" once per value): the values that are allowed, so the
 * client reads `must be one of: relevance, newest, …`. Undefined when a branch is not a fixed value.
 */
function oneOf(errors: readonly AjvError[], instancePath: string): string | undefined {
  const here = errors.filter((x) => x.instancePath === instancePath);
  if (!here.every((x) => x.keyword === 'const' || x.keyword === 'enum' || x.keyword === 'anyOf')) return undefined;
  const values = here.flatMap((x) => (x.keyword === 'const' ? [x.params.allowedValue] : x.keyword === 'enum' ? ((x.params.allowedValues as unknown[] | undefined) ?? []) : []));
  return values.length > 0 ? `must be one of: ${values.map(String).join(', ')}` : undefined;
}

type EsLike = Error & { meta?: { statusCode?: number; body?: { error?: { type?: string; reason?: string; root_cause?: Array<{ type?: string; reason?: string }> } } } };

const BACKEND_DOWN = new Set(['ConnectionError', 'NoLivingConnectionsError', 'MaxRetriesPerRequestError']);
/** What ioredis says when it cannot reach Redis: one server, or a cluster (none of its nodes, or no slot map yet). */
const REDIS_DOWN = /Stream isn't writeable|Connection is closed|ECONNREFUSED|Cluster isn't ready|None of startup nodes is available|Failed to refresh slots cache/;
/**
 * Redis up but refusing, by the prefix of its error reply (also inside a script's error): the
 * state of a backend, not a bug — what the client is told instead of a 500.
 */
const REDIS_REFUSING: Record<string, string> = {
  OOM: 'Redis is out of memory (maxmemory reached)',
  READONLY: 'Redis is a read-only replica (a failover in progress?)',
  LOADING: 'Redis is loading its data after a restart',
  MISCONF: 'Redis cannot save to disk and refuses writes',
  MASTERDOWN: 'the Redis replica lost its master',
  CLUSTERDOWN: 'the Redis Cluster is down',
  TRYAGAIN: 'the Redis Cluster is moving keys',
  BUSY: 'Redis is busy running a script',
  NOREPLICAS: 'not enough Redis replicas to take a write',
};

/**
 * One place maps every failure to a coded JSON error. Client faults are 4xx with a message that
 * says what to change; backend trouble is 503/504; nothing carries a stack trace. Only a genuine
 * bug answers 500 (and is logged with its stack).
 */
export function errorHandler(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  const e = err as FastifyError & { validation?: AjvError[]; validationContext?: string };
  if (e.validation && e.validation.length > 0) {
    return reply.code(400).send(validationError(e as FastifyError & { validation: AjvError[] }));
  }
  if (isAkhbarError(err)) {
    const details = err.details ?? {};
    if (typeof details.status === 'number') return reply.code(details.status).send(errorBody(err.code, err.message, typeof details.param === 'string' ? { param: details.param } : {}));
    if (err.code === CoreErrors.FEED_NOT_FOUND) return reply.code(404).send(errorBody(err.code, err.message));
    if (err.permanent) return reply.code(400).send(errorBody(err.code, err.message, details.param ? { param: details.param } : {}));
    req.log.warn({ err }, 'request failed on a transient error');
    return reply.code(503).header('retry-after', '5').send(errorBody(err.code, err.message));
  }
  const es = err as EsLike;
  if (es.name === 'TimeoutError') {
    req.log.warn({ err }, 'elasticsearch timed out');
    return reply.code(504).send(errorBody(GatewayErrors.TIMEOUT, 'the search took too long; narrow it down or try again'));
  }
  if (BACKEND_DOWN.has(es.name) || REDIS_DOWN.test(es.message ?? '')) {
    req.log.warn({ err }, 'backend unavailable');
    return reply.code(503).header('retry-after', '5').send(errorBody(GatewayErrors.UNAVAILABLE, 'a backend (Redis or Elasticsearch) is unavailable'));
  }
  const refusing = es.name === 'ReplyError' ? REDIS_REFUSING[/^[A-Z]+/.exec(es.message ?? '')?.[0] ?? ''] : undefined;
  if (refusing) {
    req.log.warn({ err }, 'redis refuses the command');
    return reply.code(503).header('retry-after', '5').send(errorBody(GatewayErrors.UNAVAILABLE, `a backend is unavailable: ${refusing}`));
  }
  if (es.name === 'ResponseError' && es.meta) {
    const status = es.meta.statusCode ?? 500;
    const type = es.meta.body?.error?.type;
    if (type === 'index_not_found_exception') {
      return reply.code(503).header('retry-after', '5').send(errorBody(GatewayErrors.UNAVAILABLE, 'search index not available yet'));
    }
    if (status === 400) {
      const reason = es.meta.body?.error?.root_cause?.[0]?.reason ?? es.meta.body?.error?.reason ?? 'bad query';
      req.log.info({ err }, 'elasticsearch refused the query');
      return reply.code(400).send(errorBody(GatewayErrors.BAD_QUERY, `the query could not be run: ${reason.slice(0, 300)}`));
    }
    req.log.warn({ err }, 'elasticsearch error');
    return reply.code(503).header('retry-after', '5').send(errorBody(GatewayErrors.UNAVAILABLE, 'search backend error'));
  }
  const status = e.statusCode;
  if (status && status >= 400 && status < 500) {
    const code =
      status === 413 ? GatewayErrors.PAYLOAD_TOO_LARGE
      : status === 415 ? GatewayErrors.UNSUPPORTED_MEDIA_TYPE
      : status === 429 ? GatewayErrors.RATE_LIMITED
      : status === 404 ? GatewayErrors.NOT_FOUND
      : status === 401 ? GatewayErrors.UNAUTHORIZED
      : typeof e.code === 'string' && e.code.startsWith('AKHBAR_') ? e.code
      : GatewayErrors.BAD_REQUEST;
    return reply.code(status).send(errorBody(code, e.message));
  }
  if (status === 503) return reply.code(503).send(errorBody(GatewayErrors.UNAVAILABLE, e.message));
  req.log.error({ err }, 'request failed');
  return reply.code(500).send(errorBody(GatewayErrors.INTERNAL, 'internal error'));
}
