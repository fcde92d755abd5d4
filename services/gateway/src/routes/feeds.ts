import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { FeedSchema, QUEUES, type FeedRegistry, type FetchJob } from '@akhbar/core';
import type { Queue } from 'bullmq';
import { adminGuard } from '../auth.ts';

export interface FeedRoutesOptions {
  registry: FeedRegistry;
  fetchQueue: Queue<FetchJob>;
  adminToken: string | undefined;
}

/** Feed administration (admin token). Registering a feed queues its first fetch at once. */
export const feedRoutes: FastifyPluginAsyncTypebox<FeedRoutesOptions> = async (app, opts) => {
  app.addHook('onRequest', adminGuard(opts.adminToken));
  app.post(
    '/v1/feeds',
    {
      schema: {
        body: Type.Object(
          {
            url: Type.String({ minLength: 8, maxLength: 2048 }),
            title: Type.Optional(Type.String({ maxLength: 300 })),
            lang: Type.Optional(Type.String({ pattern: '^[a-z]{2,3}$' })),
            country: Type.Optional(Type.String({ pattern: '^[A-Z]{2}$' })),
            intervalSec: Type.Optional(Type.Integer({ minimum: 60, maximum: 86_400 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: FeedSchema, 201: FeedSchema },
      },
    },
    async (req, reply) => {
      const { feed, created } = await opts.registry.add(req.body);
      await opts.fetchQueue.add('fetch', { v: 1, feedId: feed.id, reason: 'new' }, { jobId: `new-${feed.id}-${Date.now()}` });
      return reply.code(created ? 201 : 200).send(feed);
    },
  );
  app.get('/v1/feeds', { schema: { response: { 200: Type.Object({ feeds: Type.Array(FeedSchema) }) } } }, async () => ({
    feeds: await opts.registry.list(),
  }));
};
export { QUEUES };
