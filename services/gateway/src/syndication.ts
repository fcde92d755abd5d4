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

/** What a feed is built from (see sendFeed). */
export interface FeedInput {
  route: string;
  title: string;
  description: string;
  language?: string;
  entries: FeedEntry[];
  /** The clock, for a feed with no entry (ms since the epoch). @default Date.now() */
  now?: number;
}

/**
 * Send `entries` as a feed in `format`. `route` is the JSON route the feed mirrors (`/v1/search`):
 * the feed links to it and to its other format with the same query.
 */
export function sendFeed(app: FastifyInstance, req: FastifyRequest, reply: FastifyReply, format: FeedFormat, o: FeedInput) {
  return reply.type(`${FEED_TYPES[format]}; charset=utf-8`).send(feedXml(format, selfUrl(app, req), o));
}

/**
 * The feed of `o` in `format`, as served at `self`: the same bytes for the same input (the ETag
 * is the body's), and well-formed XML 1.0 whatever the articles' text holds. Every text goes
 * through xmlSafe, as the slot the library writes it in needs (see there).
 */
export function feedXml(format: FeedFormat, self: string, o: FeedInput): string {
  const updatedOf = (e: FeedEntry) => e.updated ?? new Date(e.hit.publishedAt);
  // The newest entry's time; a feed with none was last changed no later than now — the current
  // minute (the search's own clock, routes/search.ts), so its bytes and ETag hold for that minute.
  const newest =
    o.entries.length > 0
      ? o.entries.reduce<Date>((m, e) => (updatedOf(e) > m ? updatedOf(e) : m), new Date(0))
      : new Date(Math.floor((o.now ?? Date.now()) / 60_000) * 60_000);
  const feed = new Feed({
    id: xmlSafe(self, 'text'),
    title: xmlSafe(o.title, 'text'),
    description: xmlSafe(o.description, 'text'),
    link: self.replace(`${o.route}.${format}`, o.route),
    updated: newest,
    generator: 'Akhbar',
    ...(o.language ? { language: xmlSafe(o.language, 'text') } : {}),
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
      title: xmlSafe(h.title, 'html'),
      // RSS writes the id as <guid> text; Atom writes it through its URL escaper (sanitizeUrl).
      id: format === 'rss' ? xmlSafe(e.id, 'text') : e.id,
      link: h.url,
      date: updatedOf(e),
      published: new Date(h.publishedAt),
      description: xmlSafe(e.description ?? h.summary, 'html'),
      author: authorsOf(h),
      // RSS writes a category as text, Atom as label and term attributes.
      category: h.topics.flatMap((t) => {
        const name = xmlSafe(t, format === 'rss' ? 'text' : 'attribute');
        return name === undefined ? [] : [{ name, term: name }];
      }),
      // The point its own feed gave the article, passed on as GeoRSS Simple so map readers can
      // place it. The namespace is declared on the element: the library cannot add one to <rss>.
      // The RSS writer writes item extensions; the Atom writer drops them, hence the marker.
      ...(h.geo ? { extensions: [{ name: 'georss:point', objects: { _attributes: { 'xmlns:georss': GEORSS }, _text: georssPoint(h.geo) } }] } : {}),
      ...(atomMarker ? { copyright: atomMarker } : {}),
    });
  }
  return format === 'rss' ? feed.rss2() : atomWithPoints(feed.atom1(), marker, atomPoints);
}

/** An entry's authors: its writers as its byline names them (a feed reader shows them), else its outlet. */
function authorsOf(h: Static<typeof HitOut>): Array<{ name: string }> {
  const writers = (h.authors ?? []).flatMap((name) => {
    const safe = xmlSafe(name, 'text');
    return safe ? [{ name: safe }] : [];
  });
  return writers.length > 0 ? writers : [{ name: xmlSafe(h.source.name, 'text') || xmlSafe(h.source.domain, 'text') }];
}

/** Anything outside XML 1.0's Char production (#x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]). */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/**
 * Where the feed library (6.0, writing through xml-js 1.6) puts a text, which decides what it
 * must be handed for the feed to be well-formed and to read back as the text:
 * - `html`: an item's title and description (summary). The library writes them in a CDATA
 *   section, as HTML: Atom `type="html"` (it has no other type), RSS <description> is HTML by
 *   spec and readers (Akhbar's own included) take a <title> with markup or entities as HTML too.
 * - `text`: xml-js text (feed title, description, id and language; an author's name; an RSS
 *   category; the RSS <guid>).
 * - `attribute`: an Atom category's label and term, which the library escapes `&` in itself.
 */
export type XmlSlot = 'html' | 'text' | 'attribute';

/**
 * `s` made safe for the slot the feed library writes it in, so that one article's text can never
 * make the whole feed invalid XML (and so unreadable for every subscriber), and reads back as
 * itself. The only place text is prepared for the library; deterministic, so the feed's bytes
 * (and ETag) stay the same for the same articles.
 *
 * 1. Characters XML 1.0 does not allow at all (C0 controls but tab, LF and CR; lone surrogates;
 *    U+FFFE, U+FFFF) are removed: no escape can carry them, and a strict parser refuses the whole
 *    document for one. Everything else is kept, U+200F and the other bidi marks included.
 * 2. `html`: the plain text is escaped as HTML (`&` `<` `>`). Akhbar's titles and summaries are
 *    plain text, so this is what says so to a reader of an html field: `Rates <b>up</b>` reads
 *    back as written instead of as bold markup, a literal `&amp;` as `&amp;`. And it makes the
 *    CDATA section safe for any number of `]]>`: with no `>` left the text holds no `]]>` at all
 *    (xml-js splits only the first `]]>` of a section; a second ended it early).
 * 3. `text`: `&` is written `&amp;`. xml-js turns every `&amp;` of a text back into `&` before
 *    escaping it (against double escaping); with every `&` of the input so escaped, each `&amp;`
 *    it finds is one of ours, so it restores exactly the input and a literal `&amp;` stays one
 *    (the library's own sanitize() relies on the same, for the fields it escapes).
 * 4. `attribute`: the library escapes `&` and xml-js `"`, but nothing escapes `<`, which XML
 *    forbids in an attribute value: such a text cannot be written there, and is undefined (the
 *    caller leaves it out; topic ids never hold one).
 */
export function xmlSafe(s: string, slot: 'html' | 'text'): string;
export function xmlSafe(s: string, slot: 'attribute'): string | undefined;
export function xmlSafe(s: string, slot: XmlSlot): string | undefined;
export function xmlSafe(s: string, slot: XmlSlot): string | undefined {
  const chars = s.replace(NOT_XML_CHAR, '');
  switch (slot) {
    case 'html':
      return chars.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    case 'text':
      return chars.replace(/&/g, '&amp;');
    case 'attribute':
      return chars.includes('<') ? undefined : chars;
  }
}

type GeoPoint = NonNullable<Static<typeof HitOut>['geo']>;

const GEORSS = 'http://www.georss.org/georss';

/** GeoRSS Simple's "lat lon", in plain decimal. */
const georssPoint = (p: GeoPoint) => `${plainDecimal(p.lat)} ${plainDecimal(p.lon)}`;

/**
 * `n` in plain decimal notation with the digits of String(n) (the shortest that read back as
 * `n`): String writes below 1e-6 (and from 1e21) in exponent form (`1e-7`), which GeoRSS's
 * decimal degrees do not allow and readers may refuse.
 */
export function plainDecimal(n: number): string {
  const s = String(n);
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (!m) return s;
  const [, sign, lead, fraction = '', exp] = m as unknown as [string, string, string, string | undefined, string];
  const digits = lead + fraction;
  // Where the decimal point goes in `digits`.
  const point = 1 + Number(exp);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

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
