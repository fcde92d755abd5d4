// The world map: country shapes the gateway projected from Natural Earth (/ui/world.json),
// shaded by how many matching articles mention each country (the countries facet).
import { h } from './dom.js';
import { t, fmtNumber, countryName } from './i18n.js';

const LEVELS = 5;

/** Shade 1..5 on a log scale, so one dominant country does not wash out the rest. */
export function levelOf(count, max) {
  if (!count) return 0;
  if (max <= 1) return LEVELS;
  return Math.max(1, Math.min(LEVELS, Math.ceil((LEVELS * Math.log1p(count)) / Math.log1p(max))));
}

/** The count range each shade stands for (inverse of levelOf), for the legend. */
function levelRange(level, max) {
  const lo = level === 1 ? 1 : Math.floor(Math.expm1(((level - 1) * Math.log1p(max)) / LEVELS) + 1e-9) + 1;
  const hi = level === LEVELS ? max : Math.floor(Math.expm1((level * Math.log1p(max)) / LEVELS) + 1e-9);
  return [lo, hi];
}

export function worldMap(world, buckets, onPick) {
  const counts = new Map(buckets.map((b) => [b.key, b.count]));
  const max = Math.max(0, ...counts.values());
  const activate = (id) => (e) => {
    if (e.type === 'keydown' && e.key !== 'Enter' && e.key !== ' ') return;
    e.preventDefault();
    onPick(id);
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

  const legend = max > 0
    ? h('div', { class: 'map-legend' },
        h('span', { class: 'legend-title' }, t('map.legend')),
        h('ul', {}, Array.from({ length: LEVELS }, (_x, i) => [i + 1, ...levelRange(i + 1, max)])
          // With few articles some shades stand for no whole count: they are left out.
          .filter(([, lo, hi]) => lo <= hi)
          .map(([l, lo, hi]) => h('li', {}, h('span', { class: `swatch country l${l}`, 'aria-hidden': 'true' }), lo === hi ? fmtNumber(lo) : `${fmtNumber(lo)}–${fmtNumber(hi)}`))))
    : null;
  return h('div', { class: 'map' }, svg, legend);
}
