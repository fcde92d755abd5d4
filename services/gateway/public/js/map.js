// The world map: country shapes the gateway projected from Natural Earth (/ui/world.json),
// shaded by how many matching articles mention each country (the countries facet), and a circle
// on each place the articles are about (/v1/stats/map), at the point the gateway projected for it.
import { h } from './dom.js';
import { t, fmtNumber, countryName, uiLang } from './i18n.js';

const LEVELS = 5;
/** Place circles' radius in map units (the map is 960 wide): the most covered place, the least. */
const R_MAX = 16;
const R_MIN = 3;

/** Shade 1..5 on a log scale, so one dominant country does not wash out the rest. */
export function levelOf(count, max) {
  if (!count) return 0;
  if (max <= 1) return LEVELS;
  return Math.max(1, Math.min(LEVELS, Math.ceil((LEVELS * Math.log1p(count)) / Math.log1p(max))));
}

/** A place's circle: its area in proportion to its count, never too small to see or to pick. */
export function bubbleRadius(count, max) {
  if (!count || !max) return 0;
  return Math.max(R_MIN, R_MAX * Math.sqrt(Math.min(count, max) / max));
}

/** The count range each shade stands for (inverse of levelOf), for the legend. */
function levelRange(level, max) {
  const lo = level === 1 ? 1 : Math.floor(Math.expm1(((level - 1) * Math.log1p(max)) / LEVELS) + 1e-9) + 1;
  const hi = level === LEVELS ? max : Math.floor(Math.expm1((level * Math.log1p(max)) / LEVELS) + 1e-9);
  return [lo, hi];
}

/**
 * The map of `buckets` (the countries facet); `onPick(iso)` when a shaded country is chosen.
 * `places` are /v1/stats/map features (by=place): each one world.places has a point for is a
 * circle, and `onPlace(id)` when one is chosen.
 */
export function worldMap(world, buckets, onPick, { places = [], onPlace } = {}) {
  const counts = new Map(buckets.map((b) => [b.key, b.count]));
  const max = Math.max(0, ...counts.values());
  const activate = (id, pick = onPick) => (e) => {
    if (e.type === 'keydown' && e.key !== 'Enter' && e.key !== ' ') return;
    e.preventDefault();
    pick(id);
  };
  const shape = (id, el) => {
    const n = counts.get(id) ?? 0;
    const name = countryName(id);
    el.setAttribute('class', `country l${levelOf(n, max)}`);
    el.dataset.id = id;
    el.dataset.count = String(n);
    el.append(h('svg:title', {}, n > 0 ? t('map.country', { name, n }) : name));
    if (n > 0) {
      // Countries with articles are buttons: click or Enter filters by them.
      el.setAttribute('tabindex', '0');
      el.setAttribute('role', 'button');
      el.setAttribute('aria-label', t('map.country', { name, n }));
      el.addEventListener('click', activate(id));
      el.addEventListener('keydown', activate(id));
    }
    return el;
  };
  const svg = h('svg:svg', { viewBox: `0 0 ${world.width} ${world.height}`, class: 'world', dir: 'ltr', role: 'group', 'aria-label': t('map.label') });
  for (const s of world.shapes) svg.append(shape(s.id, h('svg:path', { d: s.d })));
  // Small states (no shape at this scale) show as dots, only when they have articles.
  for (const p of world.points) if (counts.get(p.id)) svg.append(shape(p.id, h('svg:circle', { cx: p.x, cy: p.y, r: 4 })));

  // Places over the countries: the biggest first, so a small one next to it stays on top to pick.
  const at = new Map((world.places ?? []).map((p) => [p.id, p]));
  const shown = places.filter((f) => at.has(f.id) && f.properties.count > 0).sort((a, b) => b.properties.count - a.properties.count);
  const placeMax = Math.max(0, ...shown.map((f) => f.properties.count));
  if (shown.length > 0) {
    svg.append(h('svg:g', { class: 'places' }, shown.map((f) => {
      const { x, y } = at.get(f.id);
      const n = f.properties.count;
      const label = t('map.place', { name: f.properties.names?.[uiLang()] ?? f.properties.name ?? f.id, n });
      const dot = h('svg:circle', { cx: x, cy: y, r: Math.round(bubbleRadius(n, placeMax) * 10) / 10, class: 'place', dataset: { id: f.id, count: String(n) } },
        h('svg:title', {}, label));
      if (onPlace) {
        dot.setAttribute('tabindex', '0');
        dot.setAttribute('role', 'button');
        dot.setAttribute('aria-label', label);
        dot.addEventListener('click', activate(f.id, onPlace));
        dot.addEventListener('keydown', activate(f.id, onPlace));
      }
      return dot;
    })));
  }

  const legend = max > 0
    ? h('div', { class: 'map-legend' },
        h('span', { class: 'legend-title' }, t('map.legend')),
        h('ul', {}, Array.from({ length: LEVELS }, (_x, i) => [i + 1, ...levelRange(i + 1, max)])
          // With few articles some shades stand for no whole count: they are left out.
          .filter(([, lo, hi]) => lo <= hi)
          .map(([l, lo, hi]) => h('li', {}, h('span', { class: `swatch country l${l}`, 'aria-hidden': 'true' }), lo === hi ? fmtNumber(lo) : `${fmtNumber(lo)}–${fmtNumber(hi)}`))))
    : null;
  const placesLegend = shown.length > 0
    ? h('p', { class: 'map-legend places-legend' }, h('span', { class: 'swatch place', 'aria-hidden': 'true' }), t('map.placesLegend'))
    : null;
  return h('div', { class: 'map' }, svg, legend, placesLegend);
}
