import type { FastifyPluginAsync } from 'fastify';
import type { Queue } from 'bullmq';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import { adminGuard } from '../auth.ts';

export const QUEUE_BOARD_PATH = '/admin/queues';

/**
 * Bull Board at /admin/queues, behind the admin token: the fetch queue, every article queue and
 * the dead-letter queue. Browsers are asked for HTTP Basic credentials (any user name, the admin
 * token as password); API clients send `Authorization: Bearer`.
 */
export const queueBoardPlugin: FastifyPluginAsync<{ queues: Queue[]; adminToken: string | undefined }> = async (app, opts) => {
  const serverAdapter = new FastifyAdapter();
  serverAdapter.setBasePath(QUEUE_BOARD_PATH);
  createBullBoard({
    queues: opts.queues.map((q) => new BullMQAdapter(q)),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'Akhbar queues' } },
  });
  await app.register(async (scope) => {
    scope.addHook('onRequest', adminGuard(opts.adminToken, { basicRealm: 'Akhbar admin' }));
    // The dashboard's page bootstraps with an inline script; it is an admin-only page.
    scope.addHook('onSend', async (_req, reply) => {
      reply.header('content-security-policy', "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'");
    });
    await scope.register(serverAdapter.registerPlugin() as never, { prefix: QUEUE_BOARD_PATH });
  });
};
