import type { Static } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Feed } from 'feed';
import type { HitOut } from './present.ts';

/** Search results and top stories as RSS 2.0 / Atom 1.0 feeds (the `feed` package writes both). */

export const FEED_FORMATS = ['rss', 'atom'] as const;
export type FeedFormat = (typeof FEED_FORMATS)[number];

export const FEED_TYPES: Record<FeedFormat, string> = { rss: 'application/rss+xml', atom: 'application/atom+xml' };

/** The URL the client asked for, absolute: under AKHBAR_PUBLIC_URL when set, else the request's own host. */
export function selfUrl(app: FastifyInstance, req: FastifyRequest): string {
  return `${publicBase(app, req)}${req.url}`;
}

/** Scheme and host the feed's links use. */
export function publicBase(app: FastifyInstance, req: FastifyRequest): string {
  return app.gw.publicUrl?.replace(/\/$/, '') ?? `${req.protocol}://${req.host}`;
}

export interface FeedEntry {
  /** Stable id of the entry (a URL). */
  id: string;
  hit: Static<typeof HitOut>;
  /** @default hit.summary */
  description?: string;
  /** Last change of the entry. @default hit.publishedAt */
  updated?: Date;
}

/**
 * Send `entries` as a feed in `format`. `route` is the JSON route the feed mirrors (`/v1/search`):
 * the feed links to it and to its other format with the same query.
 */
export function sendFeed(
  app: FastifyInstance,
  req: FastifyRequest,
  reply: FastifyReply,
  format: FeedFormat,
  o: { route: string; title: string; description: string; language?: string; entries: FeedEntry[] },
) {
  const self = selfUrl(app, req);
  const updatedOf = (e: FeedEntry) => e.updated ?? new Date(e.hit.publishedAt);
  const newest = o.entries.reduce<Date>((m, e) => (updatedOf(e) > m ? updatedOf(e) : m), new Date(0));
  const feed = new Feed({
    id: self,
    title: o.title,
    description: o.description,
    link: self.replace(`${o.route}.${format}`, o.route),
    updated: newest,
    generator: 'Akhbar',
    ...(o.language ? { language: o.language } : {}),
    feedLinks: { rss: self.replace(`${o.route}.atom`, `${o.route}.rss`), atom: self.replace(`${o.route}.rss`, `${o.route}.atom`) },
  });
  for (const e of o.entries) {
    const h = e.hit;
    feed.addItem({
      title: h.title,
      id: e.id,
      link: h.url,
      date: updatedOf(e),
      published: new Date(h.publishedAt),
      description: e.description ?? h.summary,
      author: [{ name: h.source.name || h.source.domain }],
      category: h.topics.map((t) => ({ name: t, term: t })),
      // The point its own feed gave the article, passed on as GeoRSS Simple so map readers can
      // place it. The namespace is declared on the element: the library cannot add one to <rss>.
      // (Its Atom writer drops item extensions, so the Atom feed carries no point.)
      ...(h.geo ? { extensions: [{ name: 'georss:point', objects: { _attributes: { 'xmlns:georss': 'http://www.georss.org/georss' }, _text: `${String(h.geo.lat)} ${String(h.geo.lon)}` } }] } : {}),
    });
  }
  return reply.type(`${FEED_TYPES[format]}; charset=utf-8`).send(format === 'rss' ? feed.rss2() : feed.atom1());
}
