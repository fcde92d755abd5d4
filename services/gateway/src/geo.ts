import { Type, type Static } from '@fastify/type-provider-typebox';
import type { GeoPoint } from '@akhbar/core';
import type { GeoBox, GeoCircle, MapLevel } from '@akhbar/search';
import type { LocatedEntity } from './expand.ts';
import { EntityOut, roundTone, ToneAverage } from './present.ts';

/**
 * The map (`GET /v1/stats/map`): Elasticsearch's buckets as a GeoJSON FeatureCollection (RFC 7946),
 * which Leaflet, OpenLayers, MapLibre, QGIS and Grafana's geomap read as they are. Small geometry
 * written here rather than pulled in (turf and the like): a great-circle distance, a box test with
 * the antimeridian, and the tile arithmetic of geotile_grid's `zoom/x/y` keys.
 */

const EARTH_KM = 6371.0088;
const rad = (d: number) => (d * Math.PI) / 180;

/** Great-circle distance in km (haversine; what geo_distance computes, to well under a km). */
export function distanceKm(a: GeoPoint, b: GeoPoint): number {
  const dLat = rad(b.lat - a.lat);
  const dLon = rad(b.lon - a.lon);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

export function inBox(p: GeoPoint, [west, south, east, north]: GeoBox): boolean {
  if (p.lat < south || p.lat > north) return false;
  return west <= east ? p.lon >= west && p.lon <= east : p.lon >= west || p.lon <= east;
}

/** Whether a point is inside every area the search asks for. */
export function inArea(p: GeoPoint, near: GeoCircle | undefined, bbox: GeoBox | undefined): boolean {
  return (!near || distanceKm(p, near) <= near.radiusKm) && (!bbox || inBox(p, bbox));
}

/** A box around a circle (its tiles are looked for there). */
export function circleBox(c: GeoCircle): GeoBox {
  const dLat = (c.radiusKm / EARTH_KM) * (180 / Math.PI);
  const south = Math.max(-90, c.lat - dLat);
  const north = Math.min(90, c.lat + dLat);
  const cos = Math.cos(rad(Math.max(Math.abs(south), Math.abs(north))));
  if (north >= 90 || south <= -90 || cos < 1e-6 || dLat / cos >= 180) return [-180, south, 180, north];
  const dLon = dLat / cos;
  const wrap = (x: number) => ((((x + 180) % 360) + 360) % 360) - 180;
  return [wrap(c.lon - dLon), south, wrap(c.lon + dLon), north];
}

/** Where a grid's tiles are counted: the box asked for, else the box around the circle. */
export function gridBounds(near: GeoCircle | undefined, bbox: GeoBox | undefined): GeoBox | undefined {
  return bbox ?? (near ? circleBox(near) : undefined);
}

/** A geotile_grid key `zoom/x/y` → the tile's box (web-mercator tiles, as slippy maps use). */
export function tileBox(key: string): GeoBox {
  const [z, x, y] = key.split('/').map(Number) as [number, number, number];
  const n = 2 ** z;
  const lon = (i: number) => (i / n) * 360 - 180;
  const lat = (j: number) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * j) / n))) * 180) / Math.PI;
  return [lon(x), lat(y + 1), lon(x + 1), lat(y)];
}

const round6 = (v: number) => Math.round(v * 1e6) / 1e6;

/** What `near` resolved to, in a response: the circle searched, and the place it named if any. */
export const NearOut = Type.Object(
  {
    lat: Type.Number(),
    lon: Type.Number(),
    radiusKm: Type.Number(),
    place: Type.Optional(EntityOut),
  },
  { description: 'The circle near= and radius= searched, and the known place near named (check it is the one you meant)' },
);

export function nearOut(near: GeoCircle | undefined): { near?: Static<typeof NearOut> } {
  if (!near) return {};
  return { near: { lat: near.lat, lon: near.lon, radiusKm: Math.round(near.radiusKm * 1000) / 1000, ...(near.place ? { place: near.place } : {}) } };
}

export const MapFeature = Type.Object({
  type: Type.Literal('Feature'),
  id: Type.String(),
  geometry: Type.Object({
    type: Type.Literal('Point'),
    coordinates: Type.Tuple([Type.Number(), Type.Number()], { description: '[longitude, latitude] (GeoJSON order)' }),
  }),
  bbox: Type.Optional(Type.Array(Type.Number(), { description: 'by=grid: the tile, [west, south, east, north]' })),
  properties: Type.Object({
    key: Type.String({ description: 'Entity id (place), ISO 3166-1 code (country) or zoom/x/y (grid tile)' }),
    count: Type.Integer({ description: 'Matching articles about it (an article about several places counts at each)' }),
    name: Type.Optional(Type.String()),
    names: Type.Optional(Type.Record(Type.String(), Type.String(), { description: 'Names by language, with names=' })),
    type: Type.Optional(Type.String({ description: 'place or country' })),
    country: Type.Optional(Type.String({ description: 'ISO 3166-1 alpha-2 of the place\'s country' })),
    tone: Type.Optional(ToneAverage('Average tone of its articles; with tone=true')),
  }),
});

export interface MapBucket {
  key: string | number;
  doc_count: number;
  tone?: { value: number | null };
}

type Feature = {
  type: 'Feature';
  id: string;
  geometry: { type: 'Point'; coordinates: [number, number] };
  bbox?: number[];
  properties: { key: string; count: number; name?: string; names?: Record<string, string>; type?: string; country?: string; tone?: number | null };
};

/**
 * Buckets → features. Places and countries stand at the gazetteer's point for them (a country at
 * its centre); a grid tile at its centre, with its box. A term the gazetteer cannot place (a
 * user's entity without a location) is left out and counted in `unlocated`.
 */
export function presentFeatures(
  by: MapLevel,
  buckets: readonly MapBucket[],
  place: (key: string) => LocatedEntity | undefined,
  names: (e: LocatedEntity) => Record<string, string> | undefined,
): { features: Feature[]; unlocated: number } {
  const features: Feature[] = [];
  let unlocated = 0;
  for (const b of buckets) {
    const key = String(b.key);
    const tone = b.tone ? { tone: roundTone(b.tone.value) } : {};
    if (by === 'grid') {
      const box = tileBox(key);
      const centre: [number, number] = [round6((box[0] + box[2]) / 2), round6((box[1] + box[3]) / 2)];
      features.push({ type: 'Feature', id: key, geometry: { type: 'Point', coordinates: centre }, bbox: box.map(round6), properties: { key, count: b.doc_count, ...tone } });
      continue;
    }
    const e = place(key);
    if (!e) {
      unlocated++;
      continue;
    }
    const n = names(e);
    features.push({
      type: 'Feature',
      id: key,
      geometry: { type: 'Point', coordinates: [e.location.lon, e.location.lat] },
      properties: { key, count: b.doc_count, name: e.name, ...(n ? { names: n } : {}), type: e.type, ...(e.country ? { country: e.country } : {}), ...tone },
    });
  }
  return { features, unlocated };
}
