import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';
import { geoEqualEarth, geoPath } from 'd3-geo';
import { feature } from 'topojson-client';
import type { Topology, GeometryCollection } from 'topojson-specification';
import { TOPICS } from '@akhbar/nlp';
import type { LocatedEntity } from '../expand.ts';
import { publicBase } from '../syndication.ts';

const escapeXml = (s: string) => s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);

/**
 * The web UI: static files from services/gateway/public at `/` (no build step), plus two small
 * JSON documents the page needs and the API does not serve: topic labels and a world map.
 * Everything the page loads comes from this gateway, so it works offline and under helmet's CSP.
 */

const PUBLIC_DIR = fileURLToPath(new URL('../../public/', import.meta.url));
const require = createRequire(import.meta.url);

/** Map size in SVG user units (the page scales it). */
const MAP_W = 960;
const MAP_H = 470;

interface WorldCountry {
  cca2: string;
  ccn3: string;
  latlng: [number, number];
}

export interface WorldMap {
  width: number;
  height: number;
  /** Countries drawn as shapes: ISO 3166-1 alpha-2 → SVG path data. */
  shapes: Array<{ id: string; d: string }>;
  /** States too small for the 1:110m map (Bahrain, Singapore…): a point where they are. */
  points: Array<{ id: string; x: number; y: number }>;
  /** Where each located place of the gazetteer (a city, a region: no country) stands on the map, by entity id. */
  places: Array<{ id: string; x: number; y: number }>;
}

/** Countries world-atlas draws without an ISO numeric code. */
const UNCODED: Record<string, string> = { Kosovo: 'XK', 'N. Cyprus': 'CY', Somaliland: 'SO' };

/**
 * Project Natural Earth's 1:110m countries (world-atlas) to SVG paths once. Equal Earth keeps
 * areas true, so shading by count is not skewed by Mercator's polar inflation; Antarctica is
 * left out (no news is filed from it, and it would take a fifth of the height). `located` (the
 * gazetteer's entities with a point) gives the places, projected the same way, so the page can
 * draw /v1/stats/map's places over the shapes without a projection of its own.
 */
export function buildWorldMap(located: readonly LocatedEntity[] = []): WorldMap {
  const topo = require('world-atlas/countries-110m.json') as Topology<{ countries: GeometryCollection<{ name: string }> }>;
  const countries = require('world-countries/countries.json') as WorldCountry[];
  const byNumeric = new Map(countries.filter((c) => c.ccn3).map((c) => [c.ccn3, c.cca2]));
  const geo = feature(topo, topo.objects.countries);
  const features = geo.features.filter((f) => f.id !== '010');
  const projection = geoEqualEarth().fitExtent([[4, 4], [MAP_W - 4, MAP_H - 4]], { type: 'FeatureCollection', features });
  const path = geoPath(projection).digits(1);
  const shapes = new Map<string, string>();
  for (const f of features) {
    const id = (f.id !== undefined ? byNumeric.get(String(f.id)) : undefined) ?? UNCODED[f.properties?.name ?? ''];
    const d = path(f);
    if (!id || !d) continue;
    // Several features can share a code (N. Cyprus joins Cyprus): one path with both parts.
    shapes.set(id, (shapes.get(id) ?? '') + d);
  }
  const at = (id: string, lon: number, lat: number) => {
    const xy = projection([lon, lat]);
    return xy ? [{ id, x: Math.round(xy[0] * 10) / 10, y: Math.round(xy[1] * 10) / 10 }] : [];
  };
  const points = countries.filter((c) => !shapes.has(c.cca2) && c.latlng && c.cca2 !== 'AQ').flatMap((c) => at(c.cca2, c.latlng[1], c.latlng[0]));
  const places = located.filter((e) => e.type !== 'country').flatMap((e) => at(e.id, e.location.lon, e.location.lat));
  return { width: MAP_W, height: MAP_H, shapes: [...shapes].map(([id, d]) => ({ id, d })), points, places };
}

export const webRoutes: FastifyPluginAsync = async (app) => {
  // One route per file (wildcard: false), so unknown paths still reach the JSON 404 handler and
  // the metrics keep one label per real asset.
  await app.register(fastifyStatic, {
    root: PUBLIC_DIR,
    prefix: '/',
    wildcard: false,
    index: 'index.html',
    decorateReply: false,
    cacheControl: true,
    maxAge: 0,
  });

  let world: string | undefined;
  app.get('/ui/world.json', { schema: { hide: true } }, async (_req, reply) => {
    // The gazetteer's places are known by now (a user's entities are registered at start-up).
    world ??= JSON.stringify(buildWorldMap(app.entities?.located?.() ?? []));
    return reply.type('application/json; charset=utf-8').header('cache-control', 'public, max-age=86400').send(world);
  });

  // An OpenSearch description, so a browser can add Akhbar as a search engine (the page links it):
  // its searches open the web UI, its address bar completes from /v1/suggest, and a feed reader
  // finds the search feeds. OpenSearch wants absolute URLs: AKHBAR_PUBLIC_URL, else the request's host.
  app.get('/opensearch.xml', { schema: { hide: true } }, async (req, reply) => {
    const base = escapeXml(publicBase(app, req));
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<OpenSearchDescription xmlns="http://a9.com/-/spec/opensearch/1.1/" xmlns:moz="http://www.mozilla.org/2006/browser/search/">
  <ShortName>Akhbar</ShortName>
  <Description>Search the news Akhbar gathers, in any language — أخبار</Description>
  <InputEncoding>UTF-8</InputEncoding>
  <Image type="image/svg+xml">${base}/favicon.svg</Image>
  <Url type="text/html" method="get" template="${base}/?q={searchTerms}&amp;show=articles"/>
  <Url type="application/x-suggestions+json" method="get" template="${base}/v1/suggest?prefix={searchTerms}&amp;format=opensearch"/>
  <Url type="application/rss+xml" method="get" template="${base}/v1/search.rss?q={searchTerms}"/>
  <Url type="application/atom+xml" method="get" template="${base}/v1/search.atom?q={searchTerms}"/>
  <moz:SearchForm>${base}/</moz:SearchForm>
</OpenSearchDescription>
`;
    return reply.type('application/opensearchdescription+xml; charset=utf-8').header('cache-control', 'public, max-age=3600').send(xml);
  });

  // A web app manifest, so a browser or phone can install the page as an app: its name in both
  // scripts, the icon, and shortcuts to the views readers open most.
  const manifest = JSON.stringify({
    name: 'Akhbar — أخبار',
    short_name: 'Akhbar',
    description: 'Search the news in any language — ابحث في الأخبار بأي لغة',
    start_url: '/',
    scope: '/',
    display: 'standalone',
    background_color: '#f7f7f5',
    theme_color: '#0b57a4',
    icons: [{ src: '/favicon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
    shortcuts: [
      { name: 'Search', url: '/?show=articles' },
      { name: 'Dashboard', url: '/?view=dashboard' },
      { name: 'Sources', url: '/?view=sources' },
    ],
  });
  app.get('/manifest.webmanifest', { schema: { hide: true } }, async (_req, reply) =>
    reply.type('application/manifest+json; charset=utf-8').header('cache-control', 'public, max-age=3600').send(manifest),
  );

  const topics = JSON.stringify({ topics: TOPICS.map((t) => ({ id: t.id, labels: t.labels })) });
  app.get('/ui/topics.json', { schema: { hide: true } }, async (_req, reply) =>
    reply.type('application/json; charset=utf-8').header('cache-control', 'public, max-age=3600').send(topics),
  );
};
