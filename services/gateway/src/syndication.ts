import { randomUUID } from 'node:crypto';
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
  // The Atom feed's points, by the index its entry's marker names (see atomWithPoints).
  const atomPoints: GeoPoint[] = [];
  const marker = `akhbar-georss-${randomUUID()}`;
  for (const e of o.entries) {
    const h = e.hit;
    let atomMarker: string | undefined;
    if (h.geo && format === 'atom') {
      atomMarker = `${marker}:${String(atomPoints.length)}`;
      atomPoints.push(h.geo);
    }
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
      // The RSS writer writes item extensions; the Atom writer drops them, hence the marker.
      ...(h.geo ? { extensions: [{ name: 'georss:point', objects: { _attributes: { 'xmlns:georss': GEORSS }, _text: georssPoint(h.geo) } }] } : {}),
      ...(atomMarker ? { copyright: atomMarker } : {}),
    });
  }
  return reply.type(`${FEED_TYPES[format]}; charset=utf-8`).send(format === 'rss' ? feed.rss2() : atomWithPoints(feed.atom1(), marker, atomPoints));
}

type GeoPoint = NonNullable<Static<typeof HitOut>['geo']>;

const GEORSS = 'http://www.georss.org/georss';

/** GeoRSS Simple's "lat lon". */
const georssPoint = (p: GeoPoint) => `${String(p.lat)} ${String(p.lon)}`;

/**
 * `xml`, the Atom text the library wrote, with each entry that has a point carrying it as
 * `<georss:point xmlns:georss="…">lat lon</georss:point>`.
 *
 * The `feed` library (6.0) has no hook for this: its Atom writer builds each <entry> from a fixed
 * list of item fields and drops the item extensions its RSS writer writes, and it serialises
 * straight to a string. So the point rides in one of those fields: the entry's `copyright`, which
 * it writes as a text-only `<rights>…</rights>` element (none of our entries has rights of its
 * own), set to `<marker>:<index into points>`. Each such element is then swapped for the point.
 * This text edit cannot be fooled by what an article holds (a title or summary with `</entry>`,
 * `<rights>`, `<georss:point>`, a CDATA end…): `marker` is a random UUID drawn for this response,
 * which no stored text can contain, so every match is one of ours, a whole element directly
 * inside its own <entry>. Written whole, with its namespace declared on it as in the RSS feed
 * (the library writes the <feed> start tag with no hook for another xmlns either), the element
 * leaves the document well-formed, and Atom allows foreign-namespace elements in an entry.
 * Rather than this, the feed could be parsed and written again (an XML library the gateway does
 * not otherwise ship, and a round trip through the CDATA it writes), or the whole Atom writer
 * copied here; both are more code to keep right than one exact, checked substitution.
 * A library version that wrote `rights` differently would leave markers unmatched: that throws
 * (and fails the tests) instead of sending a feed that lost its points or shows the markers.
 */
export function atomWithPoints(xml: string, marker: string, points: readonly GeoPoint[]): string {
  let swapped = 0;
  const quoted = marker.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const out = xml.replace(new RegExp(`<rights>${quoted}:(\\d+)</rights>`, 'g'), (_, i: string) => {
    const p = points[Number(i)];
    if (!p) throw new Error(`atomWithPoints: no point ${i}`);
    swapped++;
    return `<georss:point xmlns:georss="${GEORSS}">${georssPoint(p)}</georss:point>`;
  });
  if (swapped !== points.length || out.includes(marker)) {
    throw new Error(`atomWithPoints: ${String(points.length)} points but ${String(swapped)} <rights> markers in the library's Atom (feed package changed?)`);
  }
  return out;
}
