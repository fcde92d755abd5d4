import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AkhbarError } from '@akhbar/core';
import { GatewayErrors } from './errors.ts';

/**
 * Count a request that costs more than one (an export reading many pages, a similar search that
 * fetches a page from the web) as `extra` more against the client's rate limit. Checked before the
 * work starts, so a client short of allowance gets a coded 429 saying what the request costs
 * (`what`: "this export reads 4 pages and"; `hint`: what else the client can do), and nothing is
 * charged beyond the request itself.
 */
export async function chargeExtra(app: FastifyInstance, req: FastifyRequest, reply: FastifyReply, extra: number, what: string, hint?: string): Promise<void> {
  if (extra <= 0 || !app.hasDecorator('createRateLimit')) return;
  const limiter = app.createRateLimit();
  const state = await limiter(req, { increment: false });
  if (state.isAllowed) return;
  if (state.remaining < extra) {
    reply.header('retry-after', String(state.ttlInSeconds));
    throw new AkhbarError(
      GatewayErrors.RATE_LIMITED,
      `${what} counts as ${String(extra + 1)} requests; ${String(state.remaining)} more are left in this window (retry in ${String(state.ttlInSeconds)} s${hint ? `, ${hint}` : ''})`,
      { permanent: true, details: { status: 429 } },
    );
  }
  await Promise.all(Array.from({ length: extra }, () => limiter(req)));
}
