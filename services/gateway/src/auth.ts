import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { GatewayErrors, errorBody } from './errors.ts';

/** Constant-time bearer token check for admin routes. No token configured → admin is closed. */
export function adminGuard(token: string | undefined) {
  const expected = token === undefined ? undefined : Buffer.from(token);
  return async (req: FastifyRequest, reply: FastifyReply) => {
    const header = req.headers.authorization ?? '';
    const given = Buffer.from(header.startsWith('Bearer ') ? header.slice(7) : '');
    const ok = expected !== undefined && given.length === expected.length && timingSafeEqual(given, expected);
    if (!ok) {
      return reply.code(401).header('www-authenticate', 'Bearer').send(errorBody(GatewayErrors.UNAUTHORIZED, 'admin token missing or wrong'));
    }
  };
}
