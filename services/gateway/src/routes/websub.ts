import { createHmac, timingSafeEqual } from 'node:crypto';
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { WebSubStore, type WebSubSubscription } from '@akhbar/core';
import { IdParams } from '../params.ts';

/**
 * The WebSub subscriber's callback (W3C WebSub §5.3, §7): the hub a feed names verifies the
 * subscription the ingest asked for (GET, echoing `hub.challenge` only for the feed and topic
 * asked), and pushes the feed when it changes (POST, signed with the subscription's secret in
 * `X-Hub-Signature`). A push whose signature checks out queues a fetch of the feed at once — the
 * ingest reads it as on any poll (dedup, politeness, the feed's own parser), so the pushed body is
 * never trusted beyond telling that something changed. No Bearer token: a hub has none; the
 * secret, known only to the hub and Akhbar, is what authenticates it.
 */

const VerifyQuery = Type.Object(
  {
    'hub.mode': Type.String({ maxLength: 32 }),
    'hub.topic': Type.String({ maxLength: 2048 }),
    'hub.challenge': Type.Optional(Type.String({ maxLength: 1024 })),
    'hub.lease_seconds': Type.Optional(Type.String({ pattern: '^[0-9]{1,10}$' })),
    'hub.reason': Type.Optional(Type.String({ maxLength: 1024 })),
  },
  // Hubs are third parties: a parameter this does not know is theirs to add.
  { additionalProperties: true },
);

/** A push body is read only to check its signature: a feed's worth, at most. */
const PUSH_BODY_LIMIT = 15 * 1024 * 1024;
const ALGORITHMS = new Set(['sha1', 'sha256', 'sha384', 'sha512']);

/** Whether `X-Hub-Signature` (`sha256=<hex>`) is the body's HMAC under the subscription's secret (or the one a renewal replaces). */
export function signedBy(header: string | undefined, body: Buffer, sub: Pick<WebSubSubscription, 'secret' | 'previousSecret'>): boolean {
  const m = /^(sha1|sha256|sha384|sha512)=([0-9a-f]+)$/i.exec(header?.trim() ?? '');
  if (!m || !ALGORITHMS.has(m[1]!.toLowerCase())) return false;
  const given = Buffer.from(m[2]!, 'hex');
  return [sub.secret, sub.previousSecret].some((secret) => {
    if (!secret) return false;
    const want = createHmac(m[1]!.toLowerCase(), secret).update(body).digest();
    return want.length === given.length && timingSafeEqual(want, given);
  });
}

export const websubRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const store = new WebSubStore(app.redis, app.gw.queuePrefix);
  // A hub pushes every feed it serves from a few addresses: its requests are counted apart from
  // the address's other requests (groupId), with an allowance of their own. Whoever else posts
  // here is still limited per address; an unsigned push costs two Redis reads and is dropped.
  const hubLimit = { config: { rateLimit: { max: app.gw.websubRateLimitMax, groupId: ':websub' } } };
  // Whatever the hub sends (the feed's own media type, often XML or JSON) is kept as bytes: the
  // signature is over them as sent.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: PUSH_BODY_LIMIT }, (_req, body, done) => done(null, body));

  app.get(
    '/v1/websub/:id',
    {
      ...hubLimit,
      schema: {
        tags: ['feeds'],
        summary: "WebSub: a hub verifies the subscription the ingest asked for (it gets hub.challenge back), or says it was denied",
        params: IdParams,
        querystring: VerifyQuery,
        produces: ['text/plain'],
      },
    },
    async (req, reply) => {
      const q = req.query;
      const feedId = req.params.id;
      const [sub, feed] = await Promise.all([store.get(feedId), app.registry.get(feedId)]);
      // Only what was asked: this feed, this topic. Anything else is not ours to confirm.
      if (!sub || !feed || sub.topic !== q['hub.topic']) {
        app.metrics.websub.inc({ kind: 'verify', outcome: 'unknown-feed' });
        return reply.code(404).type('text/plain').send('no such subscription');
      }
      if (q['hub.mode'] === 'denied') {
        await app.registry.updateStatus(feedId, { websubState: 'denied', websubExpiresAt: null });
        req.log.warn({ feedId, hub: sub.hub, reason: q['hub.reason'] }, 'the WebSub hub denied the subscription; polling goes on');
        app.metrics.websub.inc({ kind: 'verify', outcome: 'denied' });
        return reply.code(200).type('text/plain').send('');
      }
      if (q['hub.mode'] !== 'subscribe' || !q['hub.challenge']) {
        // Akhbar never unsubscribes (a removed feed answers pushes with 410 instead).
        app.metrics.websub.inc({ kind: 'verify', outcome: 'refused' });
        return reply.code(404).type('text/plain').send('not asked');
      }
      const leaseSec = q['hub.lease_seconds'] ? Number(q['hub.lease_seconds']) : sub.leaseSec;
      await store.granted(feedId, leaseSec);
      await app.registry.updateStatus(feedId, { websubHub: sub.hub, websubState: 'active', websubExpiresAt: new Date(Date.now() + leaseSec * 1000).toISOString() });
      req.log.info({ feedId, hub: sub.hub, leaseSec }, 'WebSub subscription verified');
      app.metrics.websub.inc({ kind: 'verify', outcome: 'verified' });
      return reply.code(200).type('text/plain').send(q['hub.challenge']);
    },
  );

  app.post(
    '/v1/websub/:id',
    {
      ...hubLimit,
      schema: {
        tags: ['feeds'],
        summary: 'WebSub: a hub pushes the feed; a push signed with the subscription\'s secret fetches the feed now (202 either way, as the specification advises; 410 for a feed Akhbar no longer has)',
        params: IdParams,
      },
    },
    async (req, reply) => {
      const feedId = req.params.id;
      const [sub, feed] = await Promise.all([store.get(feedId), app.registry.get(feedId)]);
      if (!sub || !feed) {
        app.metrics.websub.inc({ kind: 'push', outcome: 'unknown-feed' });
        // 410 tells the hub to drop the subscription (a feed removed since).
        return reply.code(410).type('text/plain').send('no such subscription');
      }
      const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      if (!signedBy(req.headers['x-hub-signature'] as string | undefined, body, sub)) {
        req.log.warn({ feedId, hub: sub.hub }, 'WebSub push with a missing or wrong signature; ignored');
        app.metrics.websub.inc({ kind: 'push', outcome: 'bad-signature' });
        return reply.code(202).type('text/plain').send('');
      }
      // Pushes within one second make one fetch.
      const jobId = `push-${feedId}-${String(Math.floor(Date.now() / 1000))}`;
      await app.queues.fetch.add('fetch', { v: 1, feedId, reason: 'push' }, { jobId, priority: 1 });
      await app.registry.updateStatus(feedId, { websubLastPushAt: new Date().toISOString() });
      req.log.info({ feedId, hub: sub.hub, bytes: body.length }, 'WebSub push: feed fetch queued');
      app.metrics.websub.inc({ kind: 'push', outcome: 'fetch-queued' });
      return reply.code(202).type('text/plain').send('');
    },
  );
};
