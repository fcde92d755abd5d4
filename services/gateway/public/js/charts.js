// Hand-drawn SVG charts: a stacked timeline, compared searches side by side, a diverging tone
// timeline and ranked bar lists. A charting library would be most of the page's weight for these; these are plain
// SVG/HTML the page styles and a screen reader can read (each chart has a text summary and its
// numbers in a table).
import { h } from './dom.js';
import { t, fmtNumber, fmtShare, fmtTone, fmtDate, langName } from './i18n.js';

const H = 240;
const M = { top: 12, right: 10, bottom: 30, left: 48 };

/** Round up to 1, 2 or 5 × a power of ten, for the y axis. */
export function niceCeil(v) {
  if (v <= 1) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 5, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

function dateLabel(iso, interval) {
  if (interval === 'hour') return fmtDate(iso, { month: 'short', day: 'numeric', hour: 'numeric' });
  if (interval === 'month') return fmtDate(iso, { year: 'numeric', month: 'short' });
  return fmtDate(iso, { year: 'numeric', month: 'short', day: 'numeric' });
}

/** Width, plot size and bar slots of a chart over `n` time buckets, drawn `width` pixels wide. */
function frame(width, n) {
  // Drawn at the width it is shown at, so its text stays legible from phone to desktop.
  const W = Math.round(Math.min(1200, Math.max(300, width)));
  const pw = W - M.left - M.right;
  const bw = pw / Math.max(1, n);
  return { W, ph: H - M.top - M.bottom, bw, gap: bw > 6 ? Math.min(2, bw * 0.15) : 0 };
}

/** Three date labels under the plot: first, middle and last bucket. */
function dateTicks(svg, buckets, interval, { W, bw }) {
  const ticks = buckets.length > 2 ? [0, Math.floor((buckets.length - 1) / 2), buckets.length - 1] : buckets.map((_b, i) => i);
  for (const i of ticks) {
    const anchor = i === 0 ? 'start' : i === buckets.length - 1 ? 'end' : 'middle';
    const x = i === 0 ? M.left : i === buckets.length - 1 ? W - M.right : M.left + (i + 0.5) * bw;
    svg.append(h('svg:text', { x, y: H - 8, class: 'axis', 'text-anchor': anchor }, dateLabel(buckets[i].t, interval)));
  }
}

/**
 * Articles over time from /v1/stats/timeline (optionally split by language): bars stacked by
 * series, a y axis, three date labels, a legend and a data table.
 */
export function timelineChart(res, { seriesLabel = langName, width = 800 } = {}) {
  const buckets = res.buckets;
  const { W, ph, bw, gap } = frame(width, buckets.length);
  const totals = new Map();
  for (const b of buckets) for (const [k, v] of Object.entries(b.split ?? {})) totals.set(k, (totals.get(k) ?? 0) + v);
  const series = [...totals.keys()].filter((k) => k !== 'other').sort((a, b) => totals.get(b) - totals.get(a));
  if (totals.has('other')) series.push('other');
  const labelOf = (k) => (k === 'other' ? t('chart.other') : seriesLabel(k));
  const max = niceCeil(Math.max(0, ...buckets.map((b) => b.count)));
  const y = (v) => M.top + ph - (v / max) * ph;
  // With share=true, and when the search narrows the coverage at all: each bar's share of it.
  const shared = typeof res.share === 'number' && res.share < 1;
  const share = (b) => (typeof b.share === 'number' ? fmtShare(b.share) : '–');

  const svg = h('svg:svg', { viewBox: `0 0 ${W} ${H}`, class: 'timeline', role: 'img', dir: 'ltr', 'aria-label': summary(buckets, res.interval) });
  for (const v of [0, max / 2, max]) {
    svg.append(h('svg:line', { x1: M.left, x2: W - M.right, y1: y(v), y2: y(v), class: 'grid' }));
    svg.append(h('svg:text', { x: M.left - 6, y: y(v) + 4, class: 'axis', 'text-anchor': 'end' }, fmtNumber(v)));
  }
  buckets.forEach((b, i) => {
    const x = M.left + i * bw + gap / 2;
    const g = h('svg:g', { class: 'bucket', dataset: { t: b.t, count: String(b.count) } }, h('svg:title', {}, `${dateLabel(b.t, res.interval)}: ${fmtNumber(b.count)}${shared && b.count > 0 ? ` (${t('chart.shareOf', { share: share(b) })})` : ''}`));
    if (shared && typeof b.share === 'number') g.dataset.share = String(b.share);
    if (b.split && series.length > 0) {
      let base = 0;
      series.forEach((k, si) => {
        const v = b.split[k] ?? 0;
        if (v === 0) return;
        g.append(h('svg:rect', { x, width: Math.max(0.5, bw - gap), y: y(base + v), height: y(base) - y(base + v), class: `s${k === 'other' ? 'o' : si % 6}` }));
        base += v;
      });
    } else if (b.count > 0) {
      g.append(h('svg:rect', { x, width: Math.max(0.5, bw - gap), y: y(b.count), height: y(0) - y(b.count), class: 's0' }));
    }
    svg.append(g);
  });
  dateTicks(svg, buckets, res.interval, { W, bw });

  const legend = series.length > 1
    ? h('ul', { class: 'legend' }, series.map((k, si) => h('li', {}, h('span', { class: `swatch s${k === 'other' ? 'o' : si % 6}`, 'aria-hidden': 'true' }), labelOf(k), ` (${fmtNumber(totals.get(k))})`)))
    : null;
  const table = h('details', { class: 'data-table' },
    h('summary', {}, t('chart.table')),
    h('table', {},
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('chart.date')), h('th', { scope: 'col' }, t('chart.count')), shared ? h('th', { scope: 'col' }, t('chart.share')) : null, series.length > 1 ? series.map((k) => h('th', { scope: 'col' }, labelOf(k))) : null)),
      h('tbody', {}, buckets.filter((b) => b.count > 0).map((b) =>
        h('tr', {}, h('th', { scope: 'row' }, dateLabel(b.t, res.interval)), h('td', {}, fmtNumber(b.count)), shared ? h('td', {}, share(b)) : null, series.length > 1 ? series.map((k) => h('td', {}, fmtNumber(b.split?.[k] ?? 0))) : null)))));
  const note = shared ? h('p', { class: 'muted share-note' }, t('chart.shareOf', { share: fmtShare(res.share) })) : null;
  return h('div', { class: 'chart' }, svg, legend, note, table);
}

/**
 * Compared searches over time (/v1/stats/timeline with compare): in each time bucket a bar per
 * search side by side, not stacked (an article can match several), coloured as the legend; each
 * search's total (and share of the coverage, with share) in the legend; the numbers in a table.
 */
export function compareChart(res, { width = 800 } = {}) {
  const buckets = res.buckets;
  const queries = res.compare.map((c) => c.q);
  const { W, ph, bw, gap } = frame(width, buckets.length);
  const max = niceCeil(Math.max(0, ...buckets.flatMap((b) => queries.map((q) => b.split?.[q] ?? 0))));
  const y = (v) => M.top + ph - (v / max) * ph;
  const sub = Math.max(0.5, (bw - gap) / queries.length);
  const label = res.compare.map((c) => t('chart.compareSeries', { q: c.q, n: c.total })).join('; ');
  const svg = h('svg:svg', { viewBox: `0 0 ${W} ${H}`, class: 'timeline compare', role: 'img', dir: 'ltr', 'aria-label': `${label}. ${summary(buckets, res.interval)}` });
  for (const v of [0, max / 2, max]) {
    svg.append(h('svg:line', { x1: M.left, x2: W - M.right, y1: y(v), y2: y(v), class: 'grid' }));
    svg.append(h('svg:text', { x: M.left - 6, y: y(v) + 4, class: 'axis', 'text-anchor': 'end' }, fmtNumber(v)));
  }
  buckets.forEach((b, i) => {
    const x = M.left + i * bw + gap / 2;
    const counts = queries.map((q) => b.split?.[q] ?? 0);
    const title = `${dateLabel(b.t, res.interval)}: ${queries.map((q, qi) => `${q} ${fmtNumber(counts[qi])}`).join(' · ')}`;
    const g = h('svg:g', { class: 'bucket', dataset: { t: b.t, counts: counts.join(',') } }, h('svg:title', {}, title));
    counts.forEach((v, qi) => {
      if (v > 0) g.append(h('svg:rect', { x: x + qi * sub, width: sub, y: y(v), height: y(0) - y(v), class: `s${qi % 6}` }));
    });
    svg.append(g);
  });
  dateTicks(svg, buckets, res.interval, { W, bw });
  const shareOf = (c) => (typeof c.share === 'number' ? `, ${t('chart.compareShare', { share: fmtShare(c.share) })}` : '');
  const legend = h('ul', { class: 'legend' }, res.compare.map((c, qi) =>
    h('li', { dataset: { q: c.q } }, h('span', { class: `swatch s${qi % 6}`, 'aria-hidden': 'true' }), h('bdi', {}, c.q), ` (${fmtNumber(c.total)}${shareOf(c)})`)));
  const table = h('details', { class: 'data-table' },
    h('summary', {}, t('chart.table')),
    h('table', {},
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('chart.date')), queries.map((q) => h('th', { scope: 'col' }, h('bdi', {}, q))))),
      h('tbody', {}, buckets.filter((b) => b.count > 0).map((b) =>
        h('tr', {}, h('th', { scope: 'row' }, dateLabel(b.t, res.interval)), queries.map((q) => h('td', {}, fmtNumber(b.split?.[q] ?? 0))))))));
  return h('div', { class: 'chart' }, svg, legend, table);
}

function summary(buckets, interval) {
  if (buckets.length === 0) return t('dash.empty');
  const total = buckets.reduce((s, b) => s + b.count, 0);
  const peak = buckets.reduce((p, b) => (b.count > p.count ? b : p), buckets[0]);
  return t('chart.summary', {
    total: fmtNumber(total),
    from: dateLabel(buckets[0].t, interval),
    to: dateLabel(buckets[buckets.length - 1].t, interval),
    peakAt: dateLabel(peak.t, interval),
    peak: fmtNumber(peak.count),
  });
}

const hasTone = (b) => typeof b.tone === 'number';
const toneClass = (v) => (v < 0 ? 'tone-neg' : v > 0 ? 'tone-pos' : 'tone-zero');

/**
 * Average tone over time from /v1/stats/timeline?tone=true, on the same time axis as
 * timelineChart: a bar per bucket from a zero line, down for negative coverage and up for
 * positive, nothing at all for a bucket none of whose articles has a tone (a gap, not a 0).
 * Time runs left to right in every UI language, as on the timeline above it.
 */
export function toneChart(res, { width = 800, id = 'tone-summary' } = {}) {
  const buckets = res.buckets;
  const { W, ph, bw, gap } = frame(width, buckets.length);
  const tones = buckets.filter(hasTone).map((b) => b.tone);
  // Each side of zero rounded up on its own (at least 1), so mostly negative news uses the height.
  const up = niceCeil(Math.max(0, ...tones));
  const down = niceCeil(Math.max(0, ...tones.map((v) => -v)));
  const y = (v) => M.top + ((up - v) / (up + down)) * ph;

  const svg = h('svg:svg', { viewBox: `0 0 ${W} ${H}`, class: 'timeline tone', role: 'img', dir: 'ltr', 'aria-labelledby': id });
  for (const v of [up, 0, -down]) {
    if (v !== 0) svg.append(h('svg:line', { x1: M.left, x2: W - M.right, y1: y(v), y2: y(v), class: 'grid' }));
    svg.append(h('svg:text', { x: M.left - 6, y: y(v) + 4, class: 'axis', 'text-anchor': 'end' }, fmtTone(v)));
  }
  buckets.forEach((b, i) => {
    const x = M.left + i * bw + gap / 2;
    const date = dateLabel(b.t, res.interval);
    const label = hasTone(b) ? t('tone.bucket', { date, v: fmtTone(b.tone) }) : t('tone.bucketNone', { date });
    const g = h('svg:g', { class: 'bucket', dataset: { t: b.t, count: String(b.count), tone: hasTone(b) ? String(b.tone) : undefined } }, h('svg:title', {}, label));
    if (hasTone(b)) {
      // A tone that rounds to 0 still gets a hairline, so it reads as "neutral", not "missing".
      g.append(h('svg:rect', { x, width: Math.max(0.5, bw - gap), y: Math.min(y(b.tone), y(0)), height: Math.max(1, Math.abs(y(b.tone) - y(0))), class: toneClass(b.tone) }));
    }
    svg.append(g);
  });
  svg.append(h('svg:line', { x1: M.left, x2: W - M.right, y1: y(0), y2: y(0), class: 'zero' }));
  dateTicks(svg, buckets, res.interval, { W, bw });

  const legend = h('ul', { class: 'legend' },
    h('li', {}, h('span', { class: 'swatch tone-neg', 'aria-hidden': 'true' }), t('tone.legendNeg')),
    h('li', {}, h('span', { class: 'swatch tone-pos', 'aria-hidden': 'true' }), t('tone.legendPos')));
  const table = h('details', { class: 'data-table' },
    h('summary', {}, t('chart.table')),
    h('table', {},
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('chart.date')), h('th', { scope: 'col' }, t('chart.tone')), h('th', { scope: 'col' }, t('chart.count')))),
      h('tbody', {}, buckets.filter((b) => b.count > 0).map((b) =>
        h('tr', {}, h('th', { scope: 'row' }, dateLabel(b.t, res.interval)), h('td', {}, hasTone(b) ? fmtTone(b.tone) : t('chart.noTone')), h('td', {}, fmtNumber(b.count)))))));
  return h('div', { class: 'chart' },
    h('p', { id, class: 'chart-summary' }, toneSummary(buckets, res.interval, res.tone)),
    svg, legend, h('p', { class: 'chart-note' }, t('tone.note')), table);
}

/**
 * How the coverage feels, as GDELT's ToneChart draws it: the matching articles counted in bins of
 * tone (/v1/stats/tone), most negative on the left in every UI language, each bar coloured by the
 * side of zero it stands on and a button (click or Enter) that `onPick`s its bin; under it the
 * most negative and most positive articles (each extreme bin's most relevant), and the numbers.
 */
export function toneSpread(res, { width = 600, onPick, articleLink } = {}) {
  const bins = res.bins;
  const { W, ph, bw, gap } = frame(width, bins.length);
  const max = niceCeil(Math.max(0, ...bins.map((b) => b.count)));
  const y = (v) => M.top + ph - (v / max) * ph;
  const range = (b) => t('spread.range', { from: fmtTone(b.from), to: fmtTone(b.to) });
  const svg = h('svg:svg', { viewBox: `0 0 ${W} ${H}`, class: 'timeline tone-spread', role: 'group', dir: 'ltr', 'aria-label': t('spread.summary', { n: res.toned, avg: fmtTone(res.tone ?? 0) }) });
  for (const v of [0, max / 2, max]) {
    svg.append(h('svg:line', { x1: M.left, x2: W - M.right, y1: y(v), y2: y(v), class: 'grid' }));
    svg.append(h('svg:text', { x: M.left - 6, y: y(v) + 4, class: 'axis', 'text-anchor': 'end' }, fmtNumber(v)));
  }
  const activate = (b) => (e) => {
    if (e.type === 'keydown' && e.key !== 'Enter' && e.key !== ' ') return;
    e.preventDefault();
    onPick?.(b);
  };
  bins.forEach((b, i) => {
    const x = M.left + i * bw + gap / 2;
    const label = t('spread.bin', { range: range(b), n: b.count });
    const g = h('svg:g', { class: 'bin', dataset: { from: String(b.from), to: String(b.to), count: String(b.count) } }, h('svg:title', {}, label));
    if (b.count > 0) {
      g.append(h('svg:rect', { x, width: Math.max(0.5, bw - gap), y: y(b.count), height: y(0) - y(b.count), class: toneClass(b.from + (b.to - b.from) / 2) }));
      if (onPick) {
        g.setAttribute('tabindex', '0');
        g.setAttribute('role', 'button');
        g.setAttribute('aria-label', `${label}. ${t('spread.pick')}`);
        g.addEventListener('click', activate(b));
        g.addEventListener('keydown', activate(b));
      }
    }
    svg.append(g);
  });
  // Tone labels under the first, zero (when in range) and last bin edges.
  const edgeX = (v) => M.left + ((v - bins[0].from) / (bins.at(-1).to - bins[0].from)) * (W - M.left - M.right);
  const ticks = [bins[0].from, ...(bins[0].from < 0 && bins.at(-1).to > 0 ? [0] : []), bins.at(-1).to];
  ticks.forEach((v, i) => svg.append(h('svg:text', { x: edgeX(v), y: H - 8, class: 'axis', 'text-anchor': i === 0 ? 'start' : i === ticks.length - 1 ? 'end' : 'middle' }, fmtTone(v))));

  const filled = bins.filter((b) => b.count > 0 && b.hits.length > 0);
  const extreme = (key, b) => (b && b.hits[0] ? h('li', { class: `spread-${key}` }, h('span', { class: 'spread-what' }, t(`spread.${key}`, { range: range(b) })), ' ', articleLink ? articleLink(b.hits[0]) : b.hits[0].title) : null);
  const low = filled[0];
  const high = filled.at(-1);
  const extremes = low && high
    ? h('ul', { class: 'spread-extremes' }, low.from < 0 ? extreme('mostNeg', low) : null, high.to > 0 && high !== low ? extreme('mostPos', high) : null)
    : null;
  const table = h('details', { class: 'data-table' },
    h('summary', {}, t('chart.table')),
    h('table', {},
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('chart.tone')), h('th', { scope: 'col' }, t('chart.count')))),
      h('tbody', {}, bins.filter((b) => b.count > 0).map((b) => h('tr', {}, h('th', { scope: 'row' }, range(b)), h('td', {}, fmtNumber(b.count)))))));
  return h('div', { class: 'chart' },
    h('p', { class: 'chart-summary' }, t('spread.summary', { n: res.toned, avg: fmtTone(res.tone ?? 0) })),
    svg, extremes, table);
}

/** "Average tone -2.3 from … to …; most negative: 12 Oct (-6.1); most positive: …" (`avg`: the API's average over the whole range). */
export function toneSummary(buckets, interval, avg) {
  const toned = buckets.filter(hasTone);
  if (toned.length === 0 || typeof avg !== 'number') return t('tone.none');
  const low = toned.reduce((p, b) => (b.tone < p.tone ? b : p), toned[0]);
  const high = toned.reduce((p, b) => (b.tone > p.tone ? b : p), toned[0]);
  const gaps = buckets.filter((b) => b.count > 0 && !hasTone(b)).length;
  const parts = [t('tone.summary', { avg: fmtTone(avg), from: dateLabel(buckets[0].t, interval), to: dateLabel(buckets[buckets.length - 1].t, interval) })];
  if (low.tone < 0) parts.push(t('tone.mostNeg', { at: dateLabel(low.t, interval), v: fmtTone(low.tone) }));
  if (high.tone > 0) parts.push(t('tone.mostPos', { at: dateLabel(high.t, interval), v: fmtTone(high.tone) }));
  if (gaps > 0) parts.push(t('tone.gaps', { n: gaps }));
  return `${parts.join(t('chart.sep'))}.`;
}

/** "tone -5.2", coloured by its sign; the title says what the number means. On search results, top stories and the dashboard's sources. */
export function toneBadge(tone, title = t('hit.toneTitle', { min: fmtNumber(-100), max: fmtNumber(100) })) {
  const sign = tone < 0 ? 'neg' : tone > 0 ? 'pos' : 'zero';
  return h('span', { class: `tone-badge tone-${sign}`, dataset: { tone: String(tone) }, title }, t('hit.tone', { v: fmtTone(tone) }));
}

/**
 * A ranked list as bars: each row a button (label, bar, count) that `onPick`s its key, a link to
 * `href(item)` that `onFollow`s it in the page (the browser opens it in a new tab on a middle or
 * modified click), or plain text when there is nothing to pick. An item's `badge` (a node, such as
 * a source's tone) follows its label inside the row, so a button's name reads "Tigris Wire tone
 * +0.1 27" (the dot unread). `extra(item)` (a node, or null) follows the row in its list item: a
 * second action beside the row's own.
 */
export function barList(items, { onPick, pickLabel, href, onFollow, extra } = {}) {
  const max = Math.max(1, ...items.map((i) => i.count));
  return h('ol', { class: 'bars' }, items.map((item) => {
    const content = [
      h('span', { class: 'bar-label' }, h('bdi', { lang: item.lang }, item.label), item.badge ? [h('span', { class: 'sep', 'aria-hidden': 'true' }, ' · '), item.badge] : null),
      h('span', { class: 'bar-count' }, fmtNumber(item.count)),
      h('span', { class: 'bar', 'aria-hidden': 'true', style: { '--w': `${Math.max(2, Math.round((item.count / max) * 100))}%` } }),
    ];
    let row;
    if (href) {
      row = h('a', { class: 'bar-row', href: href(item), title: pickLabel?.(item), onclick: (e) => {
        if (!onFollow || e.defaultPrevented || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey || e.button !== 0) return;
        e.preventDefault();
        onFollow(item);
      } }, content);
    } else if (onPick) row = h('button', { type: 'button', class: 'bar-row', title: pickLabel?.(item), onclick: () => onPick(item) }, content);
    else row = h('span', { class: 'bar-row' }, content);
    const more = extra?.(item);
    return h('li', { class: more ? 'with-extra' : undefined, dataset: { key: item.key, count: String(item.count) } }, row, more);
  }));
}

/** The kinds of names a network draws, in the order they sit on its circle, each its colour class. */
const NODE_KINDS = ['person', 'org', 'place', 'country'];

/**
 * Who is named with whom (/v1/stats/network) as a drawing: the names on a circle, grouped by kind
 * and most named first, a disc each sized by its articles, a line for each pair as thick as the
 * articles naming both. A name opens `href(node)` (in the page by `onFollow`); a line `onPair`s.
 * Pointing at a name lights its lines. The pairs' list beside it says the same in words, for
 * keyboards and screen readers, so the drawing is hidden from them. (A force layout would need a
 * library; fifteen names read well on a circle.)
 */
export function networkGraph(nodes, edges, { width = 600, labelOf = (n) => n.name, href, onFollow, onPair } = {}) {
  const W = Math.round(Math.min(760, Math.max(300, width)));
  const HH = Math.round(Math.min(460, Math.max(280, W * 0.62)));
  const cx = W / 2;
  const cy = HH / 2;
  // Room around the circle for the labels: wide at the sides, a line above and below.
  const R = Math.max(60, Math.min(cx - 110, cy - 28));
  const kind = (n) => (NODE_KINDS.includes(n.type) ? NODE_KINDS.indexOf(n.type) : NODE_KINDS.length);
  const order = [...nodes].sort((a, b) => kind(a) - kind(b) || b.count - a.count);
  const maxNode = Math.max(1, ...nodes.map((n) => n.count));
  const maxEdge = Math.max(1, ...edges.map((e) => e.count));
  const at = new Map(order.map((n, i) => {
    const a = -Math.PI / 2 + (2 * Math.PI * i) / Math.max(1, order.length);
    return [n.id, { x: cx + R * Math.cos(a), y: cy + R * Math.sin(a), a, r: 4 + 9 * Math.sqrt(n.count / maxNode) }];
  }));
  const round = (v) => Math.round(v * 10) / 10;
  // Left to right whatever the page's direction, so label anchors stay where the geometry puts them.
  const svg = h('svg:svg', { viewBox: `0 0 ${W} ${HH}`, width: W, height: HH, class: 'network-graph', 'aria-hidden': 'true', style: { direction: 'ltr' } });
  const lines = h('svg:g', { class: 'edges' });
  for (const e of [...edges].sort((a, b) => a.count - b.count)) {
    const p = at.get(e.source);
    const q = at.get(e.target);
    if (!p || !q) continue;
    const w = e.count / maxEdge;
    const ends = { x1: round(p.x), y1: round(p.y), x2: round(q.x), y2: round(q.y) };
    const title = h('svg:title', {}, `${t('dash.pair', { a: labelOf(nodes.find((n) => n.id === e.source)), b: labelOf(nodes.find((n) => n.id === e.target)) })}: ${t('results.count', { n: e.count })}`);
    lines.append(h('svg:g', { class: 'edge', dataset: { source: e.source, target: e.target, count: String(e.count) }, onclick: onPair ? () => onPair(e) : undefined },
      h('svg:line', { ...ends, class: 'edge-line', 'stroke-width': round(1 + 5 * w), 'stroke-opacity': round(0.25 + 0.55 * w) }),
      // A wider, unseen line to point at: the drawn one may be a pixel thin.
      h('svg:line', { ...ends, class: 'edge-hit', 'stroke-width': 10 }),
      title));
  }
  svg.append(lines);
  const light = (id, on) => {
    svg.classList.toggle('lit', on);
    for (const el of lines.children) el.classList.toggle('on', on && (el.dataset.source === id || el.dataset.target === id));
  };
  for (const n of order) {
    const p = at.get(n.id);
    const cos = Math.cos(p.a);
    const anchor = cos > 0.2 ? 'start' : cos < -0.2 ? 'end' : 'middle';
    const off = p.r + 5;
    const lx = p.x + off * Math.cos(p.a);
    const ly = p.y + off * Math.sin(p.a) + (Math.sin(p.a) > 0.5 ? 10 : Math.sin(p.a) < -0.5 ? -2 : 4);
    const full = labelOf(n);
    const label = full.length > 24 ? `${full.slice(0, 23)}…` : full;
    const cls = `node node-${NODE_KINDS.includes(n.type) ? n.type : 'other'}`;
    const body = [
      h('svg:circle', { cx: round(p.x), cy: round(p.y), r: round(p.r) }),
      h('svg:text', { x: round(lx), y: round(ly), 'text-anchor': anchor }, label),
      h('svg:title', {}, `${full}: ${t('results.count', { n: n.count })}`),
    ];
    // Out of the tab order: the drawing is hidden from assistive technology, the list is not.
    const node = href
      ? h('svg:a', { href: href(n), tabindex: '-1', class: cls, dataset: { id: n.id, count: String(n.count) }, onclick: (e) => {
        if (!onFollow || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey || e.button !== 0) return;
        e.preventDefault();
        onFollow(n);
      } }, body)
      : h('svg:g', { class: cls, dataset: { id: n.id, count: String(n.count) } }, body);
    node.addEventListener('mouseenter', () => light(n.id, true));
    node.addEventListener('mouseleave', () => light(n.id, false));
    svg.append(node);
  }
  const legend = h('p', { class: 'network-legend', 'aria-hidden': 'true' }, NODE_KINDS.slice(0, 3).filter((k) => nodes.some((n) => n.type === k || (k === 'place' && n.type === 'country')))
    .map((k) => h('span', { class: `key node-${k}` }, h('span', { class: 'swatch' }), t(`entity.type.${k}`))));
  return h('div', { class: 'network-figure' }, svg, legend);
}
