import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t, { type Test } from 'tap';
import { parse } from 'csv-parse/sync';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { REPO_ROOT, startFeedServer, type FeedServer } from '@akhbar/testkit';
import { build } from '../src/app.ts';
import { AlertRegistry } from '@akhbar/core';
import { admin, ADMIN_TOKEN, testGateway, type TestGateway } from './helpers.ts';
import { HOUR, withArticles, type ArticleSpec } from './fixtures/build.ts';
import { loadWebFixtures, webIdOf, STORY_VISIT, WEB_FIXTURE_COUNT, WEB_SOURCES } from './fixtures/web-articles.ts';

/**
 * The web UI in a real browser: Debian's Chromium driven by playwright-core, against the real
 * gateway (listening on port 0) over real Redis and Elasticsearch with its own prefixes.
 * Screenshots go to test-artifacts/web/ (git-ignored).
 */

const CHROMIUM = process.env.AKHBAR_CHROMIUM ?? '/usr/bin/chromium';
const ARTIFACTS = join(REPO_ROOT, 'test-artifacts', 'web');
// Without the background-networking flags Chromium dials out at start, which a closed network refuses.
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let gw: TestGateway;
let base: string;
let ctx: BrowserContext;
let profile: string;
let feeds: FeedServer;
/** The indexed fixtures, with the publication times they were given. */
let articles: Awaited<ReturnType<typeof loadWebFixtures>>;

t.before(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: scripts/test.sh installs Debian's chromium (bash scripts/chromium.sh)`);
  mkdirSync(ARTIFACTS, { recursive: true });
  // Email alerts on: the alerts form makes one (the indexer that would send it is not part of this test).
  gw = await testGateway({ label: 'web', emailAlerts: true });
  articles = await loadWebFixtures(gw.es, gw.indexPrefix);
  base = await gw.app.listen({ port: 0, host: '127.0.0.1' });
  feeds = await startFeedServer({
    '/site': {
      body: '<!doctype html><html lang="en"><head><title>Basra Daily</title><link rel="alternate" type="application/rss+xml" title="Basra Daily — all news" href="/rss.xml"></head><body><h1>Basra Daily</h1></body></html>',
    },
    '/rss.xml': {
      body: '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Basra Daily — all news</title><link>{{BASE}}/site</link><description>News</description><item><title>Port reopens</title><link>{{BASE}}/a1</link><pubDate>{{RFC822:-2h}}</pubDate></item></channel></rss>',
    },
  });
  profile = mkdtempSync(join(tmpdir(), 'akhbar-chromium-'));
  ctx = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ARGS, viewport: { width: 1280, height: 900 }, timezoneId: 'UTC' });
});

t.teardown(async () => {
  await ctx?.close();
  await gw?.close();
  await feeds?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

interface Watched {
  page: Page;
  /** Page errors, CSP violations and requests that left the gateway's origin. */
  problems: string[];
}

/** A new tab that records anything that would break the page's promises (CSP, offline, errors). */
async function open(path: string, viewport?: { width: number; height: number }, origin = base): Promise<Watched> {
  const page = await ctx.newPage();
  if (viewport) await page.setViewportSize(viewport);
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/Failed to load resource: the server responded with a status of (401|422)/.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  page.on('request', (r) => {
    if (!r.url().startsWith(origin) && !r.url().startsWith('data:')) problems.push(`request off the gateway: ${r.url()}`);
  });
  await page.goto(origin + path);
  await ready(page);
  return { page, problems };
}

async function ready(page: Page) {
  await page.waitForSelector('body[data-ready="1"]', { timeout: 15_000 });
}

/** Wait until the view has re-rendered after an action. */
async function settled(page: Page, action: () => Promise<unknown>) {
  await page.locator('body').evaluate((b) => b.setAttribute('data-ready', 'stale'));
  await action();
  await ready(page);
}

async function shot(page: Page, name: string) {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

async function done(t: Test, w: Watched) {
  t.same(w.problems, [], 'no page errors, CSP violations or requests off the gateway');
  await w.page.close();
}

/** axe-core, run inside the page through the DevTools protocol (the page's CSP allows no injected script tag). */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's findings on the page as it is now: WCAG 2.1 A and AA rules and axe's best practices. */
async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const result = (await page.evaluate(`axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } })`)) as {
    violations: Array<{ id: string; help: string; nodes: Array<{ target: string[] }> }>;
  };
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')})`);
}

/** The premier's gazetteer id, as the fixtures tag him. */
const KADHIMI_ID = 'mustafa-al-kadhimi';
const hitIds = (page: Page) => page.$$eval('#results > li.hit', (els) => els.map((e) => e.getAttribute('data-id')));

t.test('the page, its scripts and the map data come from the gateway, under its CSP', async (t) => {
  const res = await fetch(`${base}/`);
  t.equal(res.status, 200);
  t.match(res.headers.get('content-type'), /text\/html/);
  t.match(res.headers.get('content-security-policy'), /script-src 'self'/, "helmet's CSP is on the page");
  t.notMatch(res.headers.get('content-security-policy'), /upgrade-insecure-requests/, 'plain-HTTP installs (a LAN address) keep loading their own scripts');
  const html = await res.text();
  t.notMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, 'no inline script');
  const js = await fetch(`${base}/js/app.js`);
  t.match(js.headers.get('content-type'), /javascript/);
  const missing = await fetch(`${base}/no-such-page`);
  t.equal(missing.status, 404, 'an unknown path is still a 404');
  t.equal(((await missing.json()) as { error: { code: string } }).error.code, 'AKHBAR_NOT_FOUND');
  const world = (await (await fetch(`${base}/ui/world.json`)).json()) as { shapes: Array<{ id: string; d: string }>; points: Array<{ id: string }> };
  t.ok(world.shapes.length > 150, 'country shapes from Natural Earth');
  t.ok(world.shapes.find((s) => s.id === 'IQ')?.d.startsWith('M'), 'Iraq is drawn');
  t.ok(world.points.some((p) => p.id === 'BH'), 'Bahrain, too small for the map, is a point');
});

t.test('an Arabic query shows the Arabic story right to left, highlighted, with its story group', async (t) => {
  const w = await open('/?ui=en');
  const { page } = w;
  await page.fill('#q', 'الكاظمي');
  await settled(page, () => page.press('#q', 'Enter'));
  t.equal(new URL(page.url()).searchParams.get('q'), 'الكاظمي', 'the URL carries the query');
  const first = page.locator('#results > li.hit').first();
  t.equal(await first.getAttribute('data-id'), webIdOf('ar-kadhimi-map'), 'the Arabic story comes first');
  const article = first.locator('article');
  t.equal(await article.getAttribute('dir'), 'rtl');
  t.equal(await article.getAttribute('lang'), 'ar');
  t.equal(await article.evaluate((el) => el.ownerDocument.defaultView.getComputedStyle(el).direction), 'rtl', 'laid out right to left');
  const marks = await article.locator('mark').allTextContents();
  t.ok(marks.some((m) => m.includes('الكاظمي')), `the query is highlighted (${marks.join(' | ')})`);
  t.match(await page.textContent('#expanded'), /Mustafa al-Kadhimi/, 'says which person the query was expanded to');
  t.match(await page.textContent('#search-status'), /1 story · 4 articles/);
  const story = first.locator('button.story-btn');
  t.equal((await story.textContent())?.trim(), '+3 articles', 'the other articles of the story (not sources: one source may run it twice)');
  await story.click();
  await page.waitForSelector('#results .story li');
  t.equal(await story.getAttribute('aria-expanded'), 'true');
  const others = first.locator('.story li .story-title');
  t.equal(await others.count(), 3, 'the other three articles of the story');
  const dirs = await others.evaluateAll((els) => els.map((e) => `${e.getAttribute('lang')}:${e.getAttribute('dir')}`));
  t.same(dirs.sort(), ['ar:rtl', 'en:auto', 'fr:auto'], 'each in its own direction');
  // How each language covered it: the average tone of its articles, as the API gives it.
  const visit = articles.filter((a) => a.enrichment.storyId === STORY_VISIT);
  const avg = (xs: number[]) => Math.round((xs.reduce((s, x) => s + x, 0) / xs.length) * 100) / 100;
  const expected = Object.fromEntries(['ar', 'en', 'fr'].map((l) => [l, avg(visit.filter((a) => a.enrichment.lang === l).map((a) => a.enrichment.tone!.score))]));
  const shown = await first.locator('.story .story-tone span[data-lang]').evaluateAll((els) => els.map((e) => [e.getAttribute('data-lang'), Number(e.getAttribute('data-tone')), e.textContent]));
  t.same(Object.fromEntries(shown.map(([l, v]) => [l, v])), expected, 'tone by language in the story panel');
  t.ok(shown.some(([l, , text]) => l === 'fr' && /^French /.test(String(text))), 'named in the interface language');
  t.equal(await first.locator('.story li .tone-badge').count(), 3, 'each other article with its tone');
  // Where its sources are: each fixture source's country, counted once per source.
  const countries = new Map<string, Set<string>>();
  for (const a of visit) if (a.source.country) countries.set(a.source.country, (countries.get(a.source.country) ?? new Set()).add(a.source.id));
  const from = await first.locator('.story .story-from span[data-country]').evaluateAll((els) => els.map((e) => [e.getAttribute('data-country'), Number(e.getAttribute('data-sources'))]));
  t.same(Object.fromEntries(from), Object.fromEntries([...countries].map(([c, ids]) => [c, ids.size])), 'the countries of its sources, with how many sources each');
  t.match(await first.locator('.story .story-from').textContent(), /^Its sources are in: Iraq \(2 sources\)/, 'named, the most sources first');
  await shot(page, 'search-arabic');
  await done(t, w);
});

t.test('a language filter narrows the results, shows as a chip and makes a permalink', async (t) => {
  const w = await open('/?ui=en&show=articles');
  const { page } = w;
  await settled(page, () => page.selectOption('#f-lang', 'fr'));
  const url = new URL(page.url());
  t.equal(url.searchParams.get('lang'), 'fr');
  const langs = await page.$$eval('#results > li.hit', (els) => els.map((e) => e.getAttribute('data-lang')));
  t.same(langs, ['fr', 'fr', 'fr'], 'only the three French articles');
  const dirs = await page.$$eval('#results > li.hit article', (els) => els.map((e) => e.getAttribute('dir')));
  t.same(dirs, ['auto', 'auto', 'auto']);
  t.match(await page.textContent('#chips'), /Language: French/);
  await shot(page, 'filter-french');

  const again = await open(url.pathname + url.search);
  t.same(await hitIds(again.page), await hitIds(page), 'the permalink shows the same results');
  t.equal(await again.page.inputValue('#f-lang'), 'fr', 'with the filter selected');
  await settled(again.page, () => again.page.click('#chips button.chip[data-filter="lang"]'));
  t.equal(new URL(again.page.url()).searchParams.get('lang'), null, 'removing the chip removes the filter');
  t.equal(await again.page.locator('#results > li.hit').count(), 20);
  await done(t, again);
  await done(t, w);
});

t.test('the period selector: the last 24 hours, 7 or 30 days or a year, as date math in the URL, a chip saying it; own dates show as such', async (t) => {
  const w = await open('/?ui=en&show=articles&group=0');
  const { page } = w;
  t.same(await page.$$eval('#f-period option', (els) => els.map((e) => e.textContent)), ['Any time', 'Last 24 hours', 'Last 7 days', 'Last 30 days', 'Last year']);
  await settled(page, () => page.selectOption('#f-period', '7d'));
  t.equal(new URL(page.url()).searchParams.get('from'), 'now-7d', 'the period as the API\'s date math');
  const week = articles.filter((a) => Date.parse(a.publishedAt) >= Date.now() - 7 * 86_400_000).map((a) => a.id);
  t.match(await page.textContent('#search-status'), new RegExp(`^${String(week.length)} articles?$`), `the ${String(week.length)} articles of the last 7 days`);
  t.ok((await hitIds(page)).every((id) => week.includes(id)), 'none older');
  t.match(await page.textContent('#chips'), /Period: Last 7 days/, 'a chip in words');
  await settled(page, () => page.click('#chips button.chip[data-filter="period"]'));
  t.equal(new URL(page.url()).searchParams.get('from'), null, 'removing it: any time again');
  t.equal(await page.inputValue('#f-period'), '');

  await settled(page, () => page.fill('#f-from', '2026-01-01').then(() => page.dispatchEvent('#f-from', 'change')));
  t.equal(await page.inputValue('#f-period'), 'custom', 'own dates: the selector says so');
  t.equal(await page.textContent('#f-period option[value="custom"]'), 'The dates below');
  await settled(page, () => page.selectOption('#f-period', '24h'));
  t.same([new URL(page.url()).searchParams.get('from'), new URL(page.url()).searchParams.get('to')], ['now-24h', null], 'a preset replaces them');
  await done(t, w);

  const ar = await open('/?ui=ar&show=articles&from=now-30d');
  t.equal(await ar.page.inputValue('#f-period'), '30d');
  t.match(await ar.page.textContent('#chips'), /الفترة: آخر ٣٠ يوما|الفترة: آخر 30 يوما/, 'in Arabic, the count in the Arabic plural form');
  await done(t, ar);
});

t.test('filters typed into the search box show as chips, dashed; removing one takes it out of the box', async (t) => {
  const w = await open(`/?ui=en&show=articles&q=${encodeURIComponent('lang:fr lang:ar -domain:nowhere.example')}`);
  const { page } = w;
  await page.waitForSelector('#chips button.chip.in-query');
  const chips = await page.$$eval('#chips button.chip.in-query', (els) => els.map((e) => [e.getAttribute('data-written'), e.textContent, e.getAttribute('aria-label')]));
  t.same(chips, [
    ['lang:fr', 'Language: French×', 'Remove Language: French from the search box'],
    ['lang:ar', 'Language: Arabic×', 'Remove Language: Arabic from the search box'],
    ['-domain:nowhere.example', 'Not from: nowhere.example×', 'Remove Not from: nowhere.example from the search box'],
  ], 'one chip per filter written, in the words of the other chips');
  const langs = new Set(await page.$$eval('#results > li.hit', (els) => els.map((e) => e.getAttribute('data-lang'))));
  t.same([...langs].sort(), ['ar', 'fr'], 'the search applies them');
  await shot(page, 'query-filter-chips');

  await settled(page, () => page.click('#chips button.chip[data-written="lang:fr"]'));
  t.equal(new URL(page.url()).searchParams.get('q'), 'lang:ar -domain:nowhere.example', 'the French filter is gone from q');
  t.equal(await page.inputValue('#q'), 'lang:ar -domain:nowhere.example', 'and from the box');
  await page.locator('#chips button.chip.in-query[data-written="lang:ar"]').waitFor();
  t.equal(await page.locator('#chips button.chip.in-query').count(), 2, 'two chips left');
  t.same(new Set(await page.$$eval('#results > li.hit', (els) => els.map((e) => e.getAttribute('data-lang')))), new Set(['ar']), 'Arabic articles only now');

  await settled(page, () => page.fill('#q', 'Kadhimi tone<-2').then(() => page.press('#q', 'Enter')));
  await page.waitForSelector('#chips button.chip.in-query[data-filter="toneMax"]');
  t.match(await page.textContent('#chips'), /Tone: Negative/, 'a tone bound reads as the tone selector\'s choice');
  await settled(page, () => page.click('#chips button.link'));
  t.equal(new URL(page.url()).searchParams.get('q'), 'Kadhimi', '"Clear all filters" leaves the words');
  t.equal(await page.locator('#chips button.chip').count(), 0, 'and no chips');
  await done(t, w);

  const ar = await open(`/?ui=ar&show=articles&q=${encodeURIComponent('country:Iraq')}`);
  await ar.page.waitForSelector('#chips button.chip.in-query');
  t.match(await ar.page.textContent('#chips button.chip.in-query'), /^البلد المذكور: العراق/, 'the Arabic UI: its words, the country named from its code');
  await done(t, ar);
});

t.test('in:title typed into the box is a chip in words, and the search keeps to headlines', async (t) => {
  const w = await open(`/?ui=en&show=articles&q=${encodeURIComponent('Kadhimi in:title')}`);
  const { page } = w;
  await page.waitForSelector('#chips button.chip.in-query[data-filter="in"]');
  t.equal(await page.textContent('#chips button.chip.in-query[data-filter="in"] span'), 'Words in: headlines');
  const titles = await page.$$eval('#results > li.hit h3', (els) => els.map((e) => e.textContent ?? ''));
  t.ok(titles.length > 0 && titles.every((x) => /Kadhimi|الكاظمي|Kazimi|کازمی/.test(x)), `every headline names him (${titles.length})`);
  await done(t, w);
});

t.test('OR mixed with other words: the page says how the search grouped them', async (t) => {
  const w = await open(`/?ui=en&show=articles&q=${encodeURIComponent('Kadhimi OR Sudani Washington')}`);
  const { page } = w;
  await page.waitForSelector('#q-reading');
  t.equal(await page.textContent('#q-reading code'), '(Kadhimi OR Sudani) AND Washington', 'OR first, then the word that applies to both');
  t.match(await page.textContent('#q-reading'), /^Read as /);
  await shot(page, 'query-reading');
  await settled(page, () => page.fill('#q', 'Kadhimi OR Sudani').then(() => page.press('#q', 'Enter')));
  t.equal(await page.locator('#q-reading').count(), 0, 'a plain OR needs no saying');
  await settled(page, () => page.fill('#q', '(Kadhimi OR Sudani) Washington').then(() => page.press('#q', 'Enter')));
  await page.waitForSelector('#q-reading');
  t.equal(await page.textContent('#q-reading code'), '(Kadhimi OR Sudani) AND Washington', 'the same grouping written out');
  await done(t, w);
});

// ---- top stories ------------------------------------------------------------------------------

/** The requests the page has made to an API path, from the browser's resource timing. */
async function apiCalls(page: Page, pathname: string): Promise<URL[]> {
  const urls = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
  return urls.map((u) => new URL(u)).filter((u) => u.pathname === pathname);
}
/** The /v1/stories (top stories) requests the page has made. */
const topCalls = (page: Page) => apiCalls(page, '/v1/stories');
const lastTopCall = async (page: Page) => (await topCalls(page)).at(-1)!;
const storyIds = (page: Page) => page.$$eval('#top-stories > li.top-story', (els) => els.map((e) => e.getAttribute('data-story')));
const titleOf = (slug: string) => articles.find((a) => a.id === webIdOf(slug))!.title;
const publishedOf = (slug: string) => articles.find((a) => a.id === webIdOf(slug))!.publishedAt;
/** The four stories of the last 24 hours after the premier's visit: one market wrap each, newest first. */
const MARKETS_24H = [0, 1, 2, 3].map((i) => `web-story-markets-${String(i)}`);

t.test('the landing page shows the top stories: the one most sources cover first, led by its article in the interface\'s language, its counts, languages and tone', async (t) => {
  const w = await open('/?ui=en');
  const { page } = w;
  t.equal((await page.textContent('#results-heading'))?.trim(), 'Top stories');
  t.equal(await page.getAttribute('#show-switch a[data-show="top"]', 'aria-current'), 'page', 'the switch says what is shown');
  t.equal(await page.getAttribute('#show-switch a[data-show="articles"]', 'aria-current'), null);
  t.equal(await page.title(), 'Top stories · Akhbar');
  const call = await lastTopCall(page);
  t.same([call.searchParams.get('window'), call.searchParams.get('rank'), call.searchParams.get('names')], ['24h', 'sources', 'en,ar,fr,fa'], 'asks /v1/stories for the last 24 hours, by sources');
  t.equal(call.searchParams.get('prefer'), 'en', 'each story preferably by its English article');
  t.same(await storyIds(page), [STORY_VISIT, ...MARKETS_24H], "the premier's visit (four sources) first, then the one-source market wraps of the day");
  t.equal(await page.locator('#results > li').count(), 0, 'no article list');
  t.equal(await page.isVisible('#pager'), false);
  t.equal(await page.isVisible('#export'), false);
  t.equal(await page.isVisible('#f-sort'), false, 'no sort or grouping for stories');
  t.equal(await page.isVisible('#f-from'), false, 'nor dates: the period replaces them');
  t.equal(await page.textContent('#search-status'), '8 articles in the last 24 hours');

  const first = page.locator('#top-stories > li').first();
  t.equal(await first.getAttribute('data-id'), webIdOf('en-kadhimi-map'), 'led by its English article, not its newest (Arabic) one');
  const lead = first.locator('article');
  t.equal((await lead.locator('.hit-title').textContent())?.trim(), titleOf('en-kadhimi-map'));
  t.equal(await lead.getAttribute('dir'), 'auto', 'an English lead in its own direction');
  t.equal(await lead.getAttribute('lang'), 'en');
  t.equal(await first.locator('.hit-link').getAttribute('href'), 'https://tigris-wire.example/news/en-kadhimi-map');
  t.equal((await first.locator('.source').textContent())?.trim(), WEB_SOURCES.TIGRIS.name);
  t.equal(await first.locator('time').getAttribute('datetime'), publishedOf('en-kadhimi-map'));
  t.equal((await first.locator('.story-sources').textContent())?.trim(), '4 sources');
  t.equal((await first.locator('.story-articles').textContent())?.trim(), '4 articles');
  t.equal((await first.locator('.story-langs').textContent())?.trim(), 'Arabic, English, French', 'its languages by name, most articles first');
  // The average of -3.1, 1.2, -2.4 and -0.8.
  const tone = first.locator('.tone-badge');
  t.equal((await tone.textContent())?.trim(), 'tone -1.3', "the story's average tone, labelled like a result's");
  t.match(await tone.getAttribute('class'), /\btone-neg\b/);
  t.match(await tone.getAttribute('title'), /^Average tone of the story’s articles in this period: .* -100 to 100/);
  t.equal((await first.locator('button.story-btn').textContent())?.trim(), 'Show the coverage');

  const wrap = page.locator(`#top-stories > li[data-story="${MARKETS_24H[0]!}"]`);
  t.equal(await wrap.locator('article').getAttribute('dir'), 'auto', 'an English lead keeps its own direction');
  t.equal((await wrap.locator('.story-stats').textContent())?.trim(), '1 source · 1 article · English');
  t.equal(await wrap.locator('.tone-badge').count(), 0, 'no tone where no article has one');
  t.equal(await wrap.locator('button.story-btn').count(), 0, 'no coverage to open for a story of one article');
  await shot(page, 'top-stories');

  await page.fill('#q', 'Kadhimi');
  await settled(page, () => page.press('#q', 'Enter'));
  t.equal((await page.textContent('#results-heading'))?.trim(), 'Results', 'a query shows its results');
  t.equal(await page.isVisible('#top-stories'), false);
  t.ok(await page.locator('#results > li.hit').count() > 0);
  await done(t, w);
});

t.test('the Arabic UI: top stories in Arabic words and numbers, the Arabic lead right to left', async (t) => {
  const w = await open('/?ui=ar');
  const { page } = w;
  const n = (v: number) => page.evaluate((x) => new Intl.NumberFormat('ar').format(x), v);
  t.equal((await page.textContent('#results-heading'))?.trim(), 'أهم القصص');
  t.same(await page.$$eval('#show-switch a', (els) => els.map((e) => e.textContent?.trim())), ['أهم القصص', 'المقالات', 'صور', 'اقتباسات']);
  t.same(await page.$$eval('#top-window option', (els) => els.map((e) => e.textContent)), [`آخر ${await n(24)} ساعة`, `آخر ${await n(6)} ساعات`, `آخر ${await n(3)} أيام`, `آخر ${await n(7)} أيام`]);
  t.same(await page.$$eval('#top-rank option', (els) => els.map((e) => e.textContent)), ['الأكثر مصادر', 'الأكثر مقالات', 'الأحدث']);
  t.equal(await page.textContent('#search-status'), `${await n(8)} مقالات في آخر ${await n(24)} ساعة`);
  const first = page.locator('#top-stories > li').first();
  t.equal(await first.getAttribute('data-story'), STORY_VISIT);
  const lead = first.locator('article');
  t.equal((await lead.locator('.hit-title').textContent())?.trim(), titleOf('ar-kadhimi-map'), 'led by its newest Arabic article');
  t.equal(await lead.getAttribute('dir'), 'rtl', 'the Arabic title right to left');
  t.equal(await lead.getAttribute('lang'), 'ar');
  t.equal(await lead.evaluate((el) => el.ownerDocument.defaultView!.getComputedStyle(el).direction), 'rtl', 'laid out right to left');
  t.equal(await first.locator('.hit-link').getAttribute('href'), 'https://rafidain-post.example/news/ar-kadhimi-map');
  t.equal((await first.locator('.story-sources').textContent())?.trim(), `${await n(4)} مصادر`);
  t.equal((await first.locator('.story-articles').textContent())?.trim(), `${await n(4)} مقالات`);
  t.equal((await first.locator('.story-langs').textContent())?.trim(), 'العربية، الإنجليزية، الفرنسية', 'language names in Arabic, with the Arabic comma');
  t.match(await first.locator('.tone-badge').textContent(), /^النبرة /);
  t.match(await first.locator('.tone-badge').getAttribute('title'), /^متوسط نبرة مقالات القصة/);
  t.equal((await first.locator('button.story-btn').textContent())?.trim(), 'اعرض التغطية');
  const wrap = page.locator(`#top-stories > li[data-story="${MARKETS_24H[0]!}"]`);
  t.equal((await wrap.locator('.story-sources').textContent())?.trim(), 'مصدر واحد');
  t.equal(await wrap.locator('article').getAttribute('dir'), 'auto', 'an English lead stays in its own direction');
  t.equal(await page.title(), 'أهم القصص · أخبار');
  await shot(page, 'top-stories-arabic');
  await settled(page, () => page.click('#ui-switch button[data-ui="fr"]'));
  t.equal((await page.textContent('#results-heading'))?.trim(), 'À la une', 'and in French');
  t.equal(await page.textContent('#search-status'), '8 articles ces 24 dernières heures');
  t.equal((await page.locator('#top-stories > li .story-stats').first().textContent())?.trim(), '4 sources · 4 articles · arabe, anglais, français');
  t.equal((await page.locator('#top-stories button.story-btn').first().textContent())?.trim(), 'Voir la couverture');
  t.equal(await page.locator('#top-stories > li').first().getAttribute('data-id'), webIdOf('fr-kadhimi-map'), 'the visit now led by its French article');
  await done(t, w);
});

t.test('the period selector reloads the top stories with its window in the request and the URL', async (t) => {
  const w = await open('/?ui=en');
  const { page } = w;
  t.same(await page.$$eval('#top-window option', (els) => els.map((e) => e.textContent)), ['last 24 hours', 'last 6 hours', 'last 3 days', 'last 7 days']);
  await settled(page, () => page.selectOption('#top-window', '6h'));
  t.equal(new URL(page.url()).searchParams.get('window'), '6h', 'the URL keeps the period');
  t.equal((await lastTopCall(page)).searchParams.get('window'), '6h', 'and the request asks for it');
  t.same(await storyIds(page), [STORY_VISIT], 'the market wraps are older than 6 hours');
  t.match(await page.textContent('#search-status'), /in the last 6 hours$/);

  await settled(page, () => page.selectOption('#top-window', '7d'));
  t.equal(new URL(page.url()).searchParams.get('window'), '7d');
  t.equal((await lastTopCall(page)).searchParams.get('window'), '7d');
  const week = await storyIds(page);
  t.equal(week.length, 20, 'a full list');
  t.equal(week[0], STORY_VISIT);
  t.ok(week.includes('web-story-power') && week.includes('web-story-cup'), 'stories of the last days come in');
  t.notOk(week.includes('web-story-talks'), 'not one of 8 days ago');
  const url = new URL(page.url());
  const again = await open(url.pathname + url.search);
  t.equal(await again.page.inputValue('#top-window'), '7d', 'a permalink selects the period again');
  t.same(await storyIds(again.page), week, 'and shows the same stories');
  await done(t, again);

  await settled(page, () => page.selectOption('#top-window', '24h'));
  t.equal(new URL(page.url()).searchParams.get('window'), null, 'the default leaves the URL');
  t.same(await storyIds(page), [STORY_VISIT, ...MARKETS_24H]);
  await done(t, w);
});

t.test('the rank selector reorders the top stories: most sources, most articles, latest, kept in the request and the URL', async (t) => {
  // A live blog one source updates five times, and a breaking story newer than anything else.
  const live: ArticleSpec[] = [2, 9, 10, 11, 13].map((hours, i) => ({
    slug: `en-live-${String(i)}`, lang: 'en', source: WEB_SOURCES.TIGRIS, ageMs: hours * HOUR, story: 'web-story-live',
    title: `Live: Basra port workers strike, update ${String(i + 1)}`, summary: 'Loading has stopped at the port.', body: 'Workers at the port of Basra walked out over unpaid wages; loading has stopped.',
    topics: ['economy'], countries: ['IQ'],
  }));
  const breaking: ArticleSpec = {
    slug: 'ar-breaking', lang: 'ar', source: WEB_SOURCES.DIJLA, ageMs: 1 * HOUR, story: 'web-story-breaking',
    title: 'عاجل: عاصفة ترابية تغلق مطار بغداد', summary: 'تعليق الرحلات حتى إشعار آخر.', body: 'أعلنت سلطة الطيران المدني تعليق الرحلات في مطار بغداد الدولي بسبب عاصفة ترابية.',
    countries: ['IQ'],
  };
  await withArticles(t, gw.es, gw.indexPrefix, [...live, breaking]);
  // Three days: a period no other test asks for, so no answer the browser kept from before these articles.
  const w = await open('/?ui=en&window=3d');
  const { page } = w;
  t.same(await page.$$eval('#top-rank option', (els) => els.map((e) => e.textContent)), ['Most sources', 'Most articles', 'Latest']);
  t.same((await storyIds(page)).slice(0, 2), [STORY_VISIT, 'web-story-live'], 'most sources: the visit (four) before the live blog (one source, five articles)');

  await settled(page, () => page.selectOption('#top-rank', 'articles'));
  t.equal(new URL(page.url()).searchParams.get('rank'), 'articles', 'the URL keeps the ranking');
  t.equal(new URL(page.url()).searchParams.get('window'), '3d', 'and the period');
  t.same([(await lastTopCall(page)).searchParams.get('rank'), (await lastTopCall(page)).searchParams.get('window')], ['articles', '3d'], 'the request asks for both');
  t.same((await storyIds(page)).slice(0, 2), ['web-story-live', STORY_VISIT], 'most articles: the live blog first');
  const liveItem = page.locator('#top-stories > li[data-story="web-story-live"]');
  t.equal((await liveItem.locator('.story-stats').textContent())?.trim(), '1 source · 5 articles · English');
  t.equal((await liveItem.locator('.hit-title').textContent())?.trim(), 'Live: Basra port workers strike, update 1', 'led by its newest update');

  await settled(page, () => page.selectOption('#top-rank', 'latest'));
  t.equal(new URL(page.url()).searchParams.get('rank'), 'latest');
  t.equal((await lastTopCall(page)).searchParams.get('rank'), 'latest');
  t.same((await storyIds(page)).slice(0, 3), ['web-story-breaking', 'web-story-live', STORY_VISIT], 'latest: the newest article first');
  t.equal(await page.locator('#top-stories > li').first().locator('article').getAttribute('dir'), 'rtl');

  await settled(page, () => page.selectOption('#top-rank', 'sources'));
  t.equal(new URL(page.url()).searchParams.get('rank'), null, 'the default leaves the URL');
  t.equal((await storyIds(page))[0], STORY_VISIT);

  // Told in: stories that crossed a language border, and those not yet told in the reader's language.
  t.same(await page.$$eval('#top-told option', (els) => els.map((e) => e.textContent)), ['Any language', 'Two languages or more', 'Not yet in English']);
  await settled(page, () => page.selectOption('#top-told', 'cross'));
  t.equal(new URL(page.url()).searchParams.get('told'), 'cross', 'in the URL');
  t.equal((await lastTopCall(page)).searchParams.get('minLangs'), '2', 'asked as minLangs=2');
  const crossed = await storyIds(page);
  t.ok(crossed.includes(STORY_VISIT) && !crossed.includes('web-story-live') && !crossed.includes('web-story-breaking'), 'the visit (four languages), not the one-language stories');
  await settled(page, () => page.selectOption('#top-told', 'blind'));
  t.equal((await lastTopCall(page)).searchParams.get('without'), 'en', 'asked as without=<the interface language>');
  const blind = await storyIds(page);
  t.ok(blind.includes('web-story-breaking') && !blind.includes(STORY_VISIT) && !blind.includes('web-story-live'), 'the Arabic-only breaking story, not those with English coverage');
  t.match(await page.getAttribute('#feed-rss', 'href'), /without=en/, 'and its feed follows the same');
  await settled(page, () => page.selectOption('#top-told', 'any'));
  t.equal(new URL(page.url()).searchParams.get('told'), null, 'the default leaves the URL');
  await done(t, w);
});

t.test('filters narrow the top stories; the switch moves between them and the articles, filters kept', async (t) => {
  const w = await open('/?ui=en');
  const { page } = w;
  await settled(page, () => page.selectOption('#f-lang', 'fr'));
  t.equal(new URL(page.url()).searchParams.get('lang'), 'fr', 'the filter in the URL');
  t.equal((await lastTopCall(page)).searchParams.get('lang'), 'fr', 'and in the request');
  t.same(await storyIds(page), [STORY_VISIT], 'only the visit has French coverage today');
  const first = page.locator('#top-stories > li').first();
  t.equal(await first.getAttribute('data-id'), webIdOf('fr-kadhimi-map'), 'led by its French article');
  t.equal(await first.locator('article').getAttribute('dir'), 'auto');
  t.equal((await first.locator('.story-stats').textContent())?.trim(), '1 source · 1 article · French');
  t.match(await page.textContent('#chips'), /Language: French/);
  t.equal(await page.textContent('#search-status'), '1 article in the last 24 hours');

  await settled(page, () => page.click('#show-switch a[data-show="articles"]'));
  t.equal(new URL(page.url()).searchParams.get('show'), 'articles');
  t.equal(new URL(page.url()).searchParams.get('lang'), 'fr', 'the filter stays');
  t.equal((await page.textContent('#results-heading'))?.trim(), 'Results');
  t.equal(await page.evaluate('document.activeElement?.id'), 'results-heading', 'focus moves to the heading');
  t.same(await page.$$eval('#results > li.hit', (els) => els.map((e) => e.getAttribute('data-lang'))), ['fr', 'fr', 'fr'], 'the French articles');
  t.equal(await page.isVisible('#top-stories'), false);
  t.equal(await page.isVisible('#top-window'), false);

  await settled(page, () => page.selectOption('#f-tone', 'neg'));
  await settled(page, () => page.click('#show-switch a[data-show="top"]'));
  t.equal(new URL(page.url()).searchParams.get('show'), 'top');
  const call = await lastTopCall(page);
  t.same([call.searchParams.get('lang'), call.searchParams.get('toneMax')], ['fr', '-2'], 'every filter reaches the request');
  t.match(await page.textContent('#search-status'), /^No story in this period/, 'nothing French and clearly negative today');
  t.equal(await page.locator('#top-stories > li').count(), 0);

  await page.fill('#q', 'الكاظمي');
  await settled(page, () => page.press('#q', 'Enter'));
  t.equal(new URL(page.url()).searchParams.get('show'), 'top', 'a query keeps the top stories once picked');
  await settled(page, () => page.click('#chips button.link'));
  t.same(await storyIds(page), [STORY_VISIT], 'the query alone: its story');
  t.match(await page.textContent('#expanded'), /Mustafa al-Kadhimi/, 'says which person the query was expanded to');
  t.equal((await lastTopCall(page)).searchParams.get('q'), 'الكاظمي');

  const dated = await open('/?ui=en&from=2020-01-01');
  t.equal((await lastTopCall(dated.page)).searchParams.get('from'), null, '/v1/stories takes a period, not dates');
  t.match(await dated.page.textContent('#search-status'), /The From and To dates apply to articles only/);
  t.equal((await storyIds(dated.page))[0], STORY_VISIT);
  await done(t, dated);
  await done(t, w);
});

t.test('the coverage button opens the story panel with the other articles of the story', async (t) => {
  const w = await open('/?ui=en');
  const { page } = w;
  const first = page.locator('#top-stories > li').first();
  const button = first.locator('button.story-btn');
  t.equal(await button.getAttribute('aria-expanded'), 'false');
  const panelId = (await button.getAttribute('aria-controls'))!;
  t.equal(await page.isVisible(`#${panelId}`), false);
  await button.click();
  await page.waitForSelector('#top-stories .story li');
  t.equal(await button.getAttribute('aria-expanded'), 'true');
  t.equal(await page.isVisible(`#${panelId}`), true);
  t.equal((await page.textContent(`#${panelId} h4`))?.trim(), 'Coverage of this story');
  const others = page.locator(`#${panelId} li .story-title`);
  t.same((await others.allTextContents()).map((s) => s.trim()).sort(), ['ar-kadhimi-map', 'ar-kadhimi-office', 'fr-kadhimi-map'].map(titleOf).sort(), 'the three other articles of the visit (the English one leads)');
  const dirs = await others.evaluateAll((els) => els.map((e) => `${e.getAttribute('lang')}:${e.getAttribute('dir')}`));
  t.same(dirs.sort(), ['ar:rtl', 'ar:rtl', 'fr:auto'], 'each in its own direction');
  t.match(await page.textContent(`#${panelId}`), new RegExp(WEB_SOURCES.ORIENT.name), 'with their sources');
  t.same((await page.$$eval(`#${panelId} li a.read-link`, (els) => els.map((e) => e.getAttribute('data-article')))).sort(),
    ['ar-kadhimi-map', 'ar-kadhimi-office', 'fr-kadhimi-map'].map(webIdOf).sort(), 'each readable here too');
  await shot(page, 'top-stories-panel');
  await button.click();
  t.equal(await button.getAttribute('aria-expanded'), 'false');
  t.equal(await page.isVisible(`#${panelId}`), false, 'and closes it again');
  await done(t, w);
});

t.test('"Every article of this story" lists the whole story oldest first, with a chip to leave it', async (t) => {
  const w = await open('/?ui=en');
  const { page } = w;
  const first = page.locator('#top-stories > li').first();
  await first.locator('button.story-btn').click();
  await page.waitForSelector('#top-stories .story a.story-all');
  const link = first.locator('a.story-all');
  t.equal((await link.textContent())?.trim(), 'Every article of this story, oldest first');
  const href = new URL((await link.getAttribute('href'))!, base);
  t.same([href.searchParams.get('story'), href.searchParams.get('sort'), href.searchParams.get('show')], [STORY_VISIT, 'oldest', 'articles'], 'a permalink of the story');
  await settled(page, () => link.click());
  const url = new URL(page.url());
  t.same([url.searchParams.get('story'), url.searchParams.get('sort')], [STORY_VISIT, 'oldest']);
  t.same(await hitIds(page), ['fr-kadhimi-map', 'ar-kadhimi-office', 'en-kadhimi-map', 'ar-kadhimi-map'].map(webIdOf), 'its four articles in three languages, oldest first, none grouped away');
  const calls = await apiCalls(page, '/v1/search');
  const call = calls.at(-1)!;
  t.equal(call.searchParams.get('story'), STORY_VISIT, 'the API filters by the story');
  t.equal(call.searchParams.get('collapse'), null, 'and does not collapse it into one hit');
  t.equal(await page.locator('#results button.story-btn').count(), 0, 'no "+3 articles" under each of them: they are the story');
  const chip = page.locator('#chips .chip[data-filter="story"]');
  const lead = titleOf('en-kadhimi-map');
  t.ok(lead.length > 60, 'a long headline');
  t.equal((await chip.locator('span').first().textContent())?.trim(), `Story: ${lead.slice(0, 59)}…`, 'the chip names the story by the article it was opened from, shortened');
  await shot(page, 'story-articles');

  // The same permalink opened afresh: the page learns the story's title for its chip.
  const fresh = await open(`/?ui=en&show=articles&sort=oldest&story=${STORY_VISIT}`);
  const freshChip = fresh.page.locator('#chips .chip[data-filter="story"] span').first();
  // A locator wait, not waitForFunction: the page's CSP forbids the eval its polling needs.
  await fresh.page.locator('#chips .chip[data-filter="story"] span', { hasNotText: STORY_VISIT }).first().waitFor();
  t.match((await freshChip.textContent())?.trim(), /^Story: \S/, 'a title, not the story id');
  t.notMatch(await freshChip.textContent(), new RegExp(STORY_VISIT));
  await done(t, fresh);

  await settled(page, () => chip.click());
  t.equal(new URL(page.url()).searchParams.get('story'), null, 'removing the chip leaves the story');
  t.ok((await hitIds(page)).length > 4, 'back to every article');
  await done(t, w);
});

/** Click the CSV link and read back what the browser saved. */
async function downloadCsv(page: Page): Promise<Array<Record<string, string>>> {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 15_000 }), page.click('#export-csv')]);
  t.equal(download.suggestedFilename(), 'akhbar-search.csv');
  return parse(readFileSync((await download.path())!), { bom: true, columns: true }) as Array<Record<string, string>>;
}

t.test('the results download as CSV: the same query and filters, every article', async (t) => {
  const w = await open('/?ui=en&q=Kadhimi&lang=fr');
  const { page } = w;
  const href = new URL((await page.getAttribute('#export-csv', 'href'))!, base);
  t.equal(href.pathname, '/v1/search.csv');
  t.same([href.searchParams.get('q'), href.searchParams.get('lang'), href.searchParams.get('collapse')], ['Kadhimi', 'fr', null], 'the query and filters; every article, not one per story');
  const rows = await downloadCsv(page);
  t.ok(rows.length > 0);
  t.same(rows.map((r) => r.lang), rows.map(() => 'fr'), 'only French articles, as on the page');
  const api = (await gw.app.inject({ url: '/v1/search', query: { q: 'Kadhimi', lang: 'fr', limit: '100' } })).json() as { hits: Array<{ id: string }> };
  t.same(rows.map((r) => r.id).sort(), api.hits.map((h) => h.id).sort(), 'every article of the search, not only the page (stories grouped there)');
  t.equal((await page.textContent('#export-text'))?.trim(), '(with the articles’ text)');
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 15_000 }), page.click('#export-text')]);
  t.equal(download.suggestedFilename(), 'akhbar-search-text.csv');
  const withText = parse(readFileSync((await download.path())!), { bom: true, columns: true }) as Array<Record<string, string>>;
  t.same(withText.map((r) => r.id), rows.map((r) => r.id), 'the same articles…');
  for (const r of withText) t.equal(r.body, ((await gw.app.inject({ url: `/v1/articles/${r.id}` })).json() as { body: string }).body, '…each with its text, last');
  await settled(page, () => page.fill('#q', 'no-such-word-anywhere').then(() => page.press('#q', 'Enter')));
  t.equal(await page.isVisible('#export-csv'), false, 'no link when nothing matches');
  await done(t, w);
});

// ---- feeds ------------------------------------------------------------------------------------

/** The document's feed alternates, as a browser extension or feed reader reads them from the head. */
const alternates = (page: Page) =>
  page.$$eval('head link[rel="alternate"]', (els) => els.map((e) => ({ type: e.getAttribute('type'), title: e.getAttribute('title'), href: e.getAttribute('href') })));
const feedHref = async (page: Page, format: 'rss' | 'atom') => new URL((await page.getAttribute(`#feed-${format}`, 'href'))!);
const xml = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'item' || name === 'entry' || name === 'link' });

/** A feed fetched by the page as a reader would (no header, only its URL), checked to be well-formed and parsed. */
async function fetchFeed(t: Test, page: Page, href: URL): Promise<{ rss?: Record<string, any>; feed?: Record<string, any> }> {
  const res = await page.evaluate(async (u) => {
    const r = await fetch(u, { cache: 'no-store' });
    return { status: r.status, type: r.headers.get('content-type') ?? '', body: await r.text() };
  }, href.href);
  t.equal(res.status, 200, `${href.pathname} answers`);
  t.match(res.type, href.pathname.endsWith('.rss') ? /^application\/rss\+xml/ : /^application\/atom\+xml/);
  t.equal(XMLValidator.validate(res.body), true, 'well-formed XML');
  return xml.parse(res.body) as { rss?: Record<string, any>; feed?: Record<string, any> };
}

t.test('a search can be followed as a feed: RSS and Atom links with its query and filters, and the same feeds in the head', async (t) => {
  const w = await open('/?ui=en&q=Kadhimi&group=0&toneMax=-2&sort=oldest');
  const { page } = w;
  t.equal(await page.isVisible('#follow'), true, 'next to the CSV link');
  t.equal((await page.textContent('#follow'))?.replace(/\s+/g, ' ').trim(), 'Follow as a feed: RSS · Atom');
  const rss = await feedHref(page, 'rss');
  t.ok((await page.getAttribute('#feed-rss', 'href'))!.startsWith(`${base}/v1/search.rss?`), 'an absolute URL, to copy as it is');
  t.same([...rss.searchParams.keys()].sort(), ['q', 'toneMax'], 'the query and filters; no sort, grouping, paging, facets, names or key (none needed)');
  t.same([rss.searchParams.get('q'), rss.searchParams.get('toneMax')], ['Kadhimi', '-2']);
  const atom = await feedHref(page, 'atom');
  t.equal(atom.pathname, '/v1/search.atom');
  t.equal(atom.search, rss.search, 'the Atom twin asks the same');

  // The page shows every article of the search (group=0): the feed's items are those articles.
  const shown = await page.$$eval('#results > li.hit .hit-link', (els) => els.map((e) => e.getAttribute('href')));
  t.same(shown.sort(), ['ar-kadhimi-map', 'en-kadhimi-map'].map((slug) => articles.find((a) => a.id === webIdOf(slug))!.url).sort(), 'the clearly negative coverage of Kadhimi');
  const channel = (await fetchFeed(t, page, rss)).rss!.channel as Record<string, any>;
  const items = channel.item as Array<Record<string, any>>;
  t.same(items.map((i) => i.link[0]).sort(), [...shown].sort(), 'the RSS items are the articles of the search');
  const times = items.map((i) => Date.parse(i.pubDate));
  t.same(times, [...times].sort((a, b) => b - a), 'newest first, whatever the page is sorted by');
  t.equal(channel.title, 'Akhbar — Kadhimi');
  const entries = (await fetchFeed(t, page, atom)).feed!.entry as Array<Record<string, any>>;
  t.same(entries.map((e) => e.link[0]['@_href']).sort(), [...shown].sort(), 'and so are the Atom entries');

  t.same(await alternates(page), [
    { type: 'application/rss+xml', title: '“Kadhimi” — Akhbar (RSS)', href: rss.href },
    { type: 'application/atom+xml', title: '“Kadhimi” — Akhbar (Atom)', href: atom.href },
  ], 'the head offers the same two feeds');

  await settled(page, () => page.fill('#q', 'Gulf').then(() => page.press('#q', 'Enter')));
  t.equal((await feedHref(page, 'rss')).searchParams.get('q'), 'Gulf', 'the links follow the search');
  t.same((await alternates(page)).map((a) => new URL(a.href!).searchParams.get('q')), ['Gulf', 'Gulf'], 'and so does the head');
  await settled(page, () => page.fill('#q', 'no-such-word-anywhere').then(() => page.press('#q', 'Enter')));
  t.equal(await page.isVisible('#export'), false, 'nothing to download');
  t.equal(await page.isVisible('#follow'), true, 'but a search with no match yet can still be followed');

  await settled(page, () => page.click('nav a[data-nav="dashboard"]'));
  t.same(await alternates(page), [], 'the dashboard has no feed in the head');
  await settled(page, () => page.click('nav a[data-nav="feeds"]'));
  t.same(await alternates(page), [], 'nor the feeds view');
  await settled(page, () => page.click('nav a[data-nav="search"]'));
  t.same((await alternates(page)).map((a) => new URL(a.href!).pathname), ['/v1/search.rss', '/v1/search.atom'], 'back on the search, they are back');
  await done(t, w);
});

t.test('the top stories can be followed as a feed: /v1/stories.rss with the period, ranking and filters; readers without scripts find it too', async (t) => {
  // What a feed reader given the page's address sees: the HTML as served, no script run.
  const html = await (await fetch(`${base}/`)).text();
  const served = [...html.matchAll(/<link rel="alternate" type="([^"]+)" title="[^"]+" href="([^"]+)"/g)].map((m) => [m[1], m[2]]);
  t.same(served, [['application/rss+xml', '/v1/stories.rss'], ['application/atom+xml', '/v1/stories.atom']], 'the page as served names the top stories feeds');
  const plain = await fetch(new URL(served[0]![1]!, base));
  t.equal(plain.status, 200);
  t.equal(XMLValidator.validate(await plain.text()), true, 'and the first one is a feed');

  const w = await open('/?ui=en');
  const { page } = w;
  t.equal(await page.isVisible('#follow'), true, 'the landing page offers the feeds');
  t.equal(await page.isVisible('#export'), false, 'and no CSV, as before');
  const rss = await feedHref(page, 'rss');
  t.ok((await page.getAttribute('#feed-rss', 'href'))!.startsWith(`${base}/v1/stories.rss?`), 'an absolute URL of the top stories feed');
  t.same([...rss.searchParams.keys()].sort(), ['prefer', 'rank', 'window'], 'no limit or names, which the feed does not need; the language its stories are shown in');
  t.same([rss.searchParams.get('window'), rss.searchParams.get('rank')], ['24h', 'sources'], 'the period and ranking shown');
  const items = (await fetchFeed(t, page, rss)).rss!.channel.item as Array<Record<string, any>>;
  const stories = await storyIds(page);
  t.same(items.map((i) => String(i.guid['#text'] ?? i.guid).split('/').pop()), stories, 'one item per story on the page, in its order');
  t.same(items.map((i) => i.link[0]), await page.$$eval('#top-stories > li .hit-link', (els) => els.map((e) => e.getAttribute('href'))), 'each linking the lead the page shows');
  const atom = await feedHref(page, 'atom');
  t.equal(atom.pathname, '/v1/stories.atom');
  t.equal(atom.search, rss.search);
  t.same(await alternates(page), [
    { type: 'application/rss+xml', title: 'Top stories — Akhbar (RSS)', href: rss.href },
    { type: 'application/atom+xml', title: 'Top stories — Akhbar (Atom)', href: atom.href },
  ], 'the script puts the same two in the head, in place of the served ones');

  await settled(page, () => page.selectOption('#top-window', '7d'));
  await settled(page, () => page.selectOption('#top-rank', 'articles'));
  await settled(page, () => page.selectOption('#f-lang', 'fr'));
  const picked = await feedHref(page, 'rss');
  t.same([picked.searchParams.get('window'), picked.searchParams.get('rank'), picked.searchParams.get('lang')], ['7d', 'articles', 'fr'], 'the link follows the period, ranking and filters');
  t.same((await alternates(page)).map((a) => a.href), [picked.href, (await feedHref(page, 'atom')).href], 'and the head with it');
  const french = (await fetchFeed(t, page, picked)).rss!.channel.item as Array<Record<string, any>>;
  t.same(french.map((i) => i.link[0]), await page.$$eval('#top-stories > li .hit-link', (els) => els.map((e) => e.getAttribute('href'))), 'the feed has the French leads the page shows');
  t.ok(french.length > 0);

  const dated = await open('/?ui=en&from=2020-01-01&q=Kadhimi&show=top');
  const d = await feedHref(dated.page, 'rss');
  t.same([d.searchParams.get('from'), d.searchParams.get('q')], [null, 'Kadhimi'], 'no dates, which /v1/stories does not take; the query kept');
  t.equal((await alternates(dated.page))[0]!.title, 'Top stories: “Kadhimi” — Akhbar (RSS)');
  await done(t, dated);
  await done(t, w);
});

t.test('"In headlines only" narrows the search to titles that say it, in any language', async (t) => {
  const w = await open('/?ui=en&q=Kadhimi&group=0');
  const { page } = w;
  const everywhere = await page.locator('#results > li.hit').count();
  await settled(page, () => page.check('#f-in-title'));
  t.equal(new URL(page.url()).searchParams.get('in'), 'title', 'the permalink keeps it');
  const titles = await page.$$eval('#results > li.hit .hit-title', (els) => els.map((e) => e.querySelector('mark') !== null));
  t.ok(titles.length > 0 && titles.length < everywhere, `fewer results (${titles.length} of ${everywhere})`);
  t.ok(titles.every(Boolean), 'each headline has the name marked');
  t.equal(new URL((await page.getAttribute('#export-csv', 'href'))!, base).searchParams.get('in'), 'title', 'and the CSV link carries it');
  await done(t, w);
});

t.test('a search that finds nothing offers the corrected query; following it searches again, in the Arabic UI too', async (t) => {
  const w = await open('/?ui=ar&q=' + encodeURIComponent('وشنطن'));
  const { page } = w;
  t.equal(await page.locator('#results > li.hit').count(), 0, 'the misspelt name finds nothing');
  const offer = page.locator('#did-you-mean');
  t.ok(await offer.isVisible(), 'a "did you mean" line');
  t.match(await offer.textContent(), /^هل تقصد واشنطن؟ \(/, 'in the interface language, with the corrected query');
  await settled(page, () => offer.locator('a').click());
  t.equal(new URL(page.url()).searchParams.get('q'), 'واشنطن', 'following it searches the corrected query');
  t.ok((await page.locator('#results > li.hit').count()) > 0, 'and finds articles');
  t.notOk(await offer.isVisible(), 'the offer is gone once something is found');
  await done(t, w);
});

t.test('cursor paging: next, previous, and a page as a permalink', async (t) => {
  const w = await open('/?ui=en&show=articles');
  const { page } = w;
  t.match(await page.textContent('#search-status'), /30 stories · 33 articles/);
  const first = await hitIds(page);
  t.equal(first.length, 20);
  t.equal(await page.isDisabled('#prev'), true);
  await settled(page, () => page.click('#next'));
  const cursor = new URL(page.url()).searchParams.get('cursor');
  t.ok(cursor, 'the page URL carries the cursor');
  t.equal(new URL((await page.getAttribute('#feed-rss', 'href'))!).search, '', 'the feed link does not: a feed is always the newest articles');
  const second = await hitIds(page);
  t.equal(second.length, 10, 'the other ten stories');
  t.same(second.filter((id) => first.includes(id)), [], 'no story twice');
  t.equal(await page.isDisabled('#next'), true, 'last page');
  const permalink = await open(`/?ui=en&cursor=${encodeURIComponent(cursor!)}`);
  t.same(await hitIds(permalink.page), second, 'the second page by its URL');
  await done(t, permalink);
  await settled(page, () => page.click('#prev'));
  t.same(await hitIds(page), first, 'back to the first page');
  t.equal(new URL(page.url()).searchParams.get('cursor'), null);
  t.equal(WEB_FIXTURE_COUNT, 33);
  await done(t, w);
});

t.test('the dashboard: timeline, top lists, trending and the map follow the query and filters', async (t) => {
  const w = await open('/?ui=en&view=dashboard');
  const { page } = w;
  t.match(await page.textContent('#dash-status'), /33 matching articles/);
  const buckets = await page.$$eval('#card-timeline svg.timeline g.bucket', (els) => els.map((e) => Number(e.getAttribute('data-count'))));
  t.equal(buckets.reduce((a, b) => a + b, 0), 33, 'the timeline counts every article');
  t.ok(await page.locator('#card-timeline svg.timeline rect.s1').count() > 0, 'split by language into stacked series');
  t.match(await page.textContent('#card-timeline .legend'), /Arabic \(3\)/);
  const entities = await page.$$eval('#card-entities li', (els) => els.map((e) => `${e.querySelector('.bar-label')?.textContent}=${e.getAttribute('data-count')}`));
  t.ok(entities.includes('Mustafa al-Kadhimi=4'), `top entities: ${entities.join(', ')}`);
  t.ok((await page.textContent('#card-topics'))?.includes('economy'), 'top topics');
  t.match(await page.textContent('#card-sources li:first-child'), /Tigris Wire/);
  const sourcesCsv = page.locator('#card-sources a.card-csv');
  t.equal(await sourcesCsv.getAttribute('aria-label'), 'Download “Top sources” as CSV', 'each top list links its figures as a file, named for its card');
  const sourceRows = parse(await (await fetch((await sourcesCsv.getAttribute('href'))!)).text(), { columns: true, bom: true }) as Array<Record<string, string>>;
  t.same(sourceRows.map((r) => r.key), await page.$$eval('#card-sources li', (els) => els.map((e) => e.getAttribute('data-key'))), "the file: the card's sources in its order");
  t.equal(await page.locator('#card-authors a.card-csv').count(), 0, 'none for a card with nothing to count');
  t.equal(await page.textContent('#card-authors .card-body'), 'None of these articles names its author.', 'no byline anywhere: the authors card says so, not that nothing matches');
  t.match(await page.textContent('#card-trending #trend-entities'), /Mustafa al-Kadhimi/, "today's story trends");
  // First to report: the API's counts, each source with the stories it carried.
  const firstApi = (await (await fetch(`${base}/v1/stats/first?limit=10`)).json()) as { stories: number; sources: Array<{ key: string; first: number; carried: number }> };
  t.ok(firstApi.stories > 0, `the fixtures have stories several sources carry (${String(firstApi.stories)})`);
  t.same(await page.$$eval('#card-first li', (els) => els.map((e) => [e.getAttribute('data-key'), Number(e.getAttribute('data-count')), Number(e.querySelector('.first-of')?.getAttribute('data-carried'))])),
    firstApi.sources.filter((r) => r.first > 0).map((r) => [r.key, r.first, r.carried]), 'first to report: how many stories each source published first, of how many it carried');
  t.match(await page.textContent('#card-first .card-note'), new RegExp(`^Of ${String(firstApi.stories)} stor(y|ies) several sources carry`));
  const firstCsv = parse(await (await fetch((await page.getAttribute('#card-first a.card-csv', 'href'))!)).text(), { columns: true, bom: true }) as Array<{ key: string }>;
  t.same(firstCsv.map((r) => r.key), firstApi.sources.map((r) => r.key), 'its figures as CSV too');
  const country = (id: string) => page.locator(`#card-map svg.world .country[data-id="${id}"]`);
  t.equal(await country('SA').getAttribute('data-count'), '13');
  t.match(await country('SA').getAttribute('class'), /\bl5\b/, 'the most mentioned country is darkest');
  t.equal(await country('IQ').getAttribute('data-count'), '7');
  t.notMatch(await country('IQ').getAttribute('class'), /\bl0\b/);
  t.match(await country('BR').getAttribute('class'), /\bl0\b/, 'an unmentioned country is not shaded');
  await shot(page, 'dashboard');

  await page.fill('#q', 'الكاظمي');
  await settled(page, () => page.press('#q', 'Enter'));
  t.equal(new URL(page.url()).searchParams.get('view'), 'dashboard');
  t.match(await page.textContent('#dash-status'), /4 matching articles/, 'the dashboard follows the query');
  // Keyboard: a shaded country is a button.
  await country('IR').focus();
  await settled(page, () => page.keyboard.press('Enter'));
  t.equal(new URL(page.url()).searchParams.get('country'), 'IR', 'choosing a country filters by it');
  t.match(await page.textContent('#chips'), /Country mentioned: Iran/);
  t.match(await page.textContent('#dash-status'), /2 matching articles/);
  await done(t, w);
});

t.test('the dashboard says who is named together: the pairs most often in the same articles, with how many, in the interface language', async (t) => {
  const api = (await (await fetch(`${base}/v1/stats/network?${new URLSearchParams({ q: 'الكاظمي', field: 'entities', size: '15' }).toString()}`)).json()) as { nodes: Array<{ id: string; name: string }>; edges: Array<{ source: string; target: string; count: number }> };
  t.ok(api.edges.length > 0, `the API finds pairs (${api.edges.length})`);
  const w = await open('/?ui=en&view=dashboard&q=' + encodeURIComponent('الكاظمي'));
  const { page } = w;
  const rows = await page.$$eval('#card-network li', (els) => els.map((e) => [e.getAttribute('data-key'), Number(e.getAttribute('data-count')), e.querySelector('.bar-label')?.textContent]));
  const nameOf = new Map(api.nodes.map((n) => [n.id, n.name]));
  t.same(rows, api.edges.slice(0, 10).map((e) => [`${e.source}+${e.target}`, e.count, `${nameOf.get(e.source)} and ${nameOf.get(e.target)}`]), 'the API\'s pairs, most articles first, named');
  // The drawing: a disc per name, a line per pair, each as thick as its articles.
  const drawn = await page.$$eval('#card-network svg .node', (els) => els.map((e) => [e.getAttribute('data-id'), e.querySelector('text')?.textContent]));
  t.same(drawn.map(([id]) => id).sort(), api.nodes.map((n) => n.id).sort(), 'every name of the network on the drawing');
  t.ok(drawn.every(([id, label]) => label === nameOf.get(id!) || label!.endsWith('…')), 'each labelled with its name');
  const lines = await page.$$eval('#card-network svg .edge', (els) => els.map((e) => [e.getAttribute('data-source'), e.getAttribute('data-target'), Number(e.querySelector('.edge-line')?.getAttribute('stroke-width'))] as const));
  t.same(lines.map(([a, b]) => `${a}+${b}`).sort(), api.edges.map((e) => `${e.source}+${e.target}`).sort(), 'a line per pair');
  const widthOf = new Map(lines.map(([a, b, w]) => [`${a}+${b}`, w]));
  const [most, least] = [api.edges[0]!, api.edges.at(-1)!];
  t.ok(most.count === least.count || widthOf.get(`${most.source}+${most.target}`)! > widthOf.get(`${least.source}+${least.target}`)!, 'the pair named together most, the thickest line');
  t.equal(await page.getAttribute('#card-network svg', 'aria-hidden'), 'true', 'hidden from screen readers: the list says it in words');
  await page.hover(`#card-network svg .node[data-id="${api.edges[0]!.source}"] circle`);
  t.ok(await page.locator(`#card-network svg .edge.on[data-source="${api.edges[0]!.source}"], #card-network svg .edge.on[data-target="${api.edges[0]!.source}"]`).count() > 0, 'pointing at a name lights its lines');
  await shot(page, 'dashboard-network');
  await settled(page, () => page.click(`#card-network svg .node[data-id="${KADHIMI_ID}"] circle`));
  t.equal(new URL(page.url()).searchParams.get('view'), 'entity', 'a name on the drawing opens its page');
  t.equal(new URL(page.url()).searchParams.get('id'), KADHIMI_ID);
  await settled(page, () => page.goBack());
  const pair = api.edges.find((e) => e.source === KADHIMI_ID || e.target === KADHIMI_ID)!;
  await settled(page, () => page.locator(`#card-network svg .edge[data-source="${pair.source}"][data-target="${pair.target}"] .edge-hit`).dispatchEvent('click'));
  t.equal(new URL(page.url()).searchParams.get('allEntities'), `${pair.source},${pair.target}`, 'a line narrows to the articles naming both');
  await settled(page, () => page.goBack());
  const first = api.edges[0]!;
  await settled(page, () => page.locator('#card-network li:first-child button').click());
  t.equal(new URL(page.url()).searchParams.get('allEntities'), `${first.source},${first.target}`, 'a pair narrows to the articles naming both');
  t.match(await page.textContent('#dash-status'), new RegExp(`^${String(first.count)} matching article`), 'as many as the pair counted');
  t.equal(await page.locator('#chips button.chip[data-filter="allEntities"]').count(), 2, 'a "Named together" chip for each');
  t.match(await page.textContent('#chips'), new RegExp(`Named together: ${nameOf.get(first.source)!.replace(/[.]/g, '\\.')}`));
  const csv = parse(await (await fetch((await page.locator('#card-network a.card-csv').getAttribute('href'))!)).text(), { columns: true, bom: true }) as Array<Record<string, string>>;
  t.same(csv.map((r) => [r.source, r.target, Number(r.weight)]), api.edges.map((e) => [e.source, e.target, e.count]), 'its CSV: every edge, for Gephi');
  await done(t, w);
  const ar = await open('/?ui=ar&view=dashboard&q=' + encodeURIComponent('الكاظمي'));
  t.match(await ar.page.textContent('#card-network li:first-child .bar-label'), /مصطفى الكاظمي|بغداد|واشنطن/, 'named in Arabic in the Arabic interface');
  t.equal((await ar.page.textContent('#h-network'))?.trim(), 'يُذكرون معًا');
  await done(t, ar);
});

t.test("the dashboard's timeline says what share of the period's coverage matches, per bar and in all", async (t) => {
  const w = await open('/?ui=en&view=dashboard&topic=politics');
  const { page } = w;
  const politics = articles.filter((a) => a.enrichment.topics.some((x) => x.id === 'politics'));
  // The bars start at the first matching article; the coverage is every article since then.
  const since = Math.min(...politics.map((a) => Date.parse(a.publishedAt)));
  const coverage = articles.filter((a) => Date.parse(a.publishedAt) >= since).length;
  t.ok(politics.length < coverage, `politics is part of the coverage since its first article (${politics.length} of ${coverage})`);
  const pct = new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 0 }).format(politics.length / coverage);
  t.equal(await page.textContent('#card-timeline .share-note'), `${pct} of the coverage of these sources and dates`);
  const bars = await page.$$eval('#card-timeline svg.timeline g.bucket', (els) => els.map((e) => ({ t: e.getAttribute('data-t')!, count: Number(e.getAttribute('data-count')), share: e.getAttribute('data-share'), title: e.querySelector('title')?.textContent ?? '' })));
  // Each bar against its own UTC day (the browser runs in UTC): its matches of that day's coverage.
  const dayCoverage = (t: string) => articles.filter((a) => Date.parse(a.publishedAt) >= Math.max(since, Date.parse(t)) && Date.parse(a.publishedAt) < Date.parse(t) + 86_400_000).length;
  let withShare = 0;
  for (const b of bars) {
    const all = dayCoverage(b.t);
    if (all === 0) continue;
    withShare++;
    t.equal(Number(b.share), Math.round((b.count / all) * 1e6) / 1e6, `${b.t}: ${b.count} of the day's ${all}`);
    if (b.count > 0) t.match(b.title, / of the coverage /, 'in its tooltip');
  }
  t.ok(withShare >= 3, 'several days have coverage');
  t.match(await page.textContent('#card-timeline .data-table thead'), /Share of coverage/, 'and the numbers table a column for it');
  const link = page.locator('#card-timeline a#timeline-csv');
  t.equal(await link.textContent(), 'Download these figures as CSV');
  const csv = parse((await (await fetch((await link.getAttribute('href'))!)).text()), { columns: true, bom: true }) as Array<Record<string, string>>;
  t.same(csv.map((r) => [r.t, Number(r.count), r.share === '' ? null : r.share]), bars.map((b) => [b.t, b.count, b.share]), 'its file: the bars, each with its count and share');
  t.ok(Object.keys(csv[0]!).some((k) => k.startsWith('split.')), 'and a column per language');

  await page.goto(`${base}/?ui=en&view=dashboard`);
  await ready(page);
  t.equal(await page.locator('#card-timeline svg.timeline').count(), 1);
  t.equal(await page.locator('#card-timeline .share-note').count(), 0, 'no filter: the bars are the whole coverage, no share to show');
  await done(t, w);
});

t.test('the dashboard compares the query with other searches over time: a bar each, their totals, a chip to stop', async (t) => {
  const w = await open('/?ui=en&view=dashboard&q=' + encodeURIComponent('الكاظمي'));
  const { page } = w;
  const totalOf = async (q: string) => ((await (await fetch(`${base}/v1/search?${new URLSearchParams({ q, limit: '1' }).toString()}`)).json()) as { total: number }).total;
  const [kadhimi, washington, jordan] = [await totalOf('الكاظمي'), await totalOf('Washington'), await totalOf('Jordan')];
  t.ok(kadhimi > 0 && washington > 0 && jordan > 0, `each search finds articles (${kadhimi}, ${washington}, ${jordan})`);
  t.equal(await page.locator('#card-timeline svg.compare').count(), 0, 'nothing compared yet: the timeline split by language');
  await page.fill('#compare-q', 'Washington');
  await settled(page, () => page.click('#compare-form button[type="submit"]'));
  t.same(new URL(page.url()).searchParams.getAll('compare'), ['Washington'], 'the compared search is in the URL');
  const legend = async () => page.$$eval('#card-timeline .legend li', (els) => els.map((e) => `${e.getAttribute('data-q')}=${e.textContent}`));
  t.same((await legend()).map((l) => l.split('=')[0]), ['الكاظمي', 'Washington'], 'the query first, then the compared search');
  t.match((await legend())[1], new RegExp(`^Washington=Washington \\(${String(washington)}, \\d+% of the coverage\\)$`), 'each with its total, as a search finds it, and its share of the coverage');
  const bars = async () => page.$$eval('#card-timeline svg.compare g.bucket', (els) => els.map((e) => (e.getAttribute('data-counts') ?? '').split(',').map(Number)));
  const sums = (rows: number[][]) => rows.reduce((acc, r) => acc.map((n, i) => n + (r[i] ?? 0)), rows[0]!.map(() => 0));
  t.same(sums(await bars()), [kadhimi, washington], 'the bars add up to each search\'s total');
  t.ok(await page.locator('#card-timeline svg.compare rect.s1').count() > 0, 'the compared search has bars of its own colour');
  t.match(await page.textContent('#dash-status'), new RegExp(`${String(kadhimi)} matching articles`), 'the status still counts the query\'s own articles');
  t.equal(await page.locator('#card-tone svg.tone').count(), 1, 'and the tone card stays the query\'s');

  await page.fill('#compare-q', 'Jordan');
  await settled(page, () => page.press('#compare-q', 'Enter'));
  t.same(new URL(page.url()).searchParams.getAll('compare'), ['Washington', 'Jordan']);
  t.same(sums(await bars()), [kadhimi, washington, jordan], 'a third series');
  await shot(page, 'dashboard-compare');
  const csv = parse(await (await fetch((await page.locator('#card-timeline a#timeline-csv').getAttribute('href'))!)).text(), { columns: true, bom: true }) as Array<Record<string, string>>;
  t.same(Object.keys(csv[0]!).filter((k) => k.startsWith('split.')), ['split.الكاظمي', 'split.Washington', 'split.Jordan'], 'the CSV: a column per search, in order');
  await settled(page, () => page.click('#compare-form button.chip[data-compare="Washington"]'));
  t.same(new URL(page.url()).searchParams.getAll('compare'), ['Jordan'], 'a chip stops comparing with its search');
  t.same((await legend()).map((l) => l.split('=')[0]), ['الكاظمي', 'Jordan']);
  await settled(page, () => page.click('#compare-form button.chip[data-compare="Jordan"]'));
  t.equal(await page.locator('#card-timeline svg.compare').count(), 0, 'the last one gone: split by language again');
  await settled(page, () => page.goBack());
  t.same((await legend()).map((l) => l.split('=')[0]), ['الكاظمي', 'Jordan'], 'Back brings the comparison back');
  await done(t, w);

  const none = await open('/?ui=ar&view=dashboard');
  t.equal(await none.page.locator('#compare-form').count(), 0, 'without a query, nothing to compare');
  t.match(await none.page.textContent('#card-timeline .compare-hint'), /ابحث عن شيء/, 'a hint instead, in the interface language');
  await done(t, none);
});

/** A fixture's tone and the UTC day it was published (the browser runs in UTC). */
const toneOf = (slug: string) => articles.find((a) => a.id === webIdOf(slug))!.enrichment.tone?.score;
const dayOf = (iso: string) => `${iso.slice(0, 10)}T00:00:00.000Z`;
const enDate = (iso: string) => new Intl.DateTimeFormat('en', { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' }).format(new Date(iso));

t.test('how the coverage feels: the articles in bins of tone, the most negative and positive named, a bin narrows to its band', async (t) => {
  const w = await open('/?ui=en&view=dashboard');
  const { page } = w;
  t.equal((await page.textContent('#h-tone-spread'))?.trim(), 'How the coverage feels');
  const toned = articles.filter((a) => a.enrichment.tone).map((a) => ({ tone: a.enrichment.tone!.score, title: a.title }));
  const bins = await page.$$eval('#card-tone-spread svg g.bin', (els) => els.map((g) => ({ from: Number(g.getAttribute('data-from')), count: Number(g.getAttribute('data-count')), rect: g.querySelector('rect')?.getAttribute('class') ?? null, button: g.getAttribute('role') === 'button' })));
  t.equal(bins.reduce((n, b) => n + b.count, 0), toned.length, 'every article with a tone, in one bin each');
  for (const b of bins) t.equal(b.count, toned.filter((x) => x.tone >= b.from && x.tone < b.from + 1).length, `tone ${b.from} to ${b.from + 1}`);
  t.same([bins[0]!.from, bins.at(-1)!.from], [Math.floor(Math.min(...toned.map((x) => x.tone))), Math.floor(Math.max(...toned.map((x) => x.tone)))], 'most negative on the left, most positive on the right');
  t.ok(bins.every((b) => (b.count > 0) === b.button), 'each filled bin is a button; empty ones are not');
  t.ok(bins.filter((b) => b.count > 0).every((b) => b.rect === (b.from < 0 ? 'tone-neg' : 'tone-pos')), 'coloured by the side of zero it stands on');
  const lowest = toned.reduce((p, x) => (x.tone < p.tone ? x : p));
  const highest = toned.reduce((p, x) => (x.tone > p.tone ? x : p));
  t.equal(await page.textContent('#card-tone-spread .spread-mostNeg a'), lowest.title, 'the most negative article, by name');
  t.equal(await page.textContent('#card-tone-spread .spread-mostPos a'), highest.title, 'and the most positive');
  t.match(await page.textContent('#card-tone-spread .chart-summary'), new RegExp(`^${toned.length} articles with a tone`));

  // Keyboard: the bin of the second most negative article narrows everything to its band.
  const second = [...toned].sort((a, b) => a.tone - b.tone)[1]!;
  const from = Math.floor(second.tone);
  await page.locator(`#card-tone-spread svg g.bin[data-from="${from}"]`).focus();
  await settled(page, () => page.keyboard.press('Enter'));
  const url = new URL(page.url());
  t.same([url.searchParams.get('toneMin'), url.searchParams.get('toneMax')], [String(from), String(from + 1)], 'the band is in the URL');
  const inBand = toned.filter((x) => x.tone >= from && x.tone <= from + 1).length;
  t.match(await page.textContent('#dash-status'), new RegExp(`^${inBand} matching article`), 'and the dashboard shows only it');
  t.match(await page.textContent('#chips'), /Tone/);
  await done(t, w);

  // In Persian the counts are in Persian digits, written once: a count formatted twice read NaN.
  const fa = await open('/?ui=fa&view=dashboard');
  const digits = new Intl.NumberFormat('fa').format(toned.length);
  t.match(await fa.page.textContent('#card-tone-spread .chart-summary'), new RegExp(`^${digits} مقاله دارای لحن`), `the Persian summary counts ${digits}`);
  const labels = await fa.page.$$eval('#card-tone-spread svg g.bin[role="button"]', (els) => els.map((g) => g.getAttribute('aria-label') ?? ''));
  t.ok(labels.length > 0 && labels.every((l) => !/NaN|ناعدد/.test(l)), 'and each bin\'s label');
  await done(t, fa);
});

t.test('tone over time: one timeline request draws bars below zero for negative days, above for positive, nothing where no article has a tone', async (t) => {
  const w = await open('/?ui=en');
  const { page } = w;
  const timelineCalls: string[] = [];
  page.on('request', (r) => {
    if (new URL(r.url()).pathname === '/v1/stats/timeline') timelineCalls.push(r.url());
  });
  await settled(page, () => page.click('nav a[data-nav="dashboard"]'));
  t.equal(timelineCalls.length, 1, 'the timeline and the tone card share one request');
  t.equal(new URL(timelineCalls[0]!).searchParams.get('tone'), 'true');
  t.equal((await page.textContent('#h-tone'))?.trim(), 'Tone over time');

  // What the fixtures say each UTC day should show: the average of its articles that have a tone.
  const byDay = new Map<string, number[]>();
  for (const a of articles) {
    const list = byDay.get(dayOf(a.publishedAt)) ?? [];
    if (a.enrichment.tone) list.push(a.enrichment.tone.score);
    byDay.set(dayOf(a.publishedAt), list);
  }
  const toned = [...byDay].filter(([, tones]) => tones.length > 0).map(([day, tones]) => [day, tones.reduce((x, y) => x + y, 0) / tones.length] as const);
  const bars = await page.$$eval('#card-tone svg.tone g.bucket', (els) => els.map((g) => {
    const r = g.querySelector('rect');
    return { t: g.getAttribute('data-t')!, count: Number(g.getAttribute('data-count')), rect: r ? { cls: r.getAttribute('class'), y: Number(r.getAttribute('y')), h: Number(r.getAttribute('height')) } : null };
  }));
  t.equal(bars.length, await page.locator('#card-timeline svg.timeline g.bucket').count(), 'one bucket per timeline bar, on the same axis');
  const zero = Number(await page.getAttribute('#card-tone svg line.zero', 'y1'));
  const drawn = bars.filter((b) => b.rect);
  t.same(drawn.map((b) => b.t).sort(), toned.map(([day]) => day).sort(), 'a bar for every day with a tone, and only those');
  for (const [day, avg] of toned) {
    const bar = drawn.find((b) => b.t === day)!.rect!;
    if (avg < 0) {
      t.equal(bar.cls, 'tone-neg', `${day} (${avg.toFixed(2)}) is negative`);
      t.ok(Math.abs(bar.y - zero) < 0.01 && bar.h > 1, `${day} hangs below the zero line`);
    } else {
      t.equal(bar.cls, 'tone-pos', `${day} (${avg.toFixed(2)}) is positive`);
      t.ok(Math.abs(bar.y + bar.h - zero) < 0.01 && bar.h > 1, `${day} stands on the zero line`);
    }
  }
  const gaps = bars.filter((b) => b.count > 0 && !b.rect);
  t.ok(gaps.length > 0, `days of market wraps only (no tone) are left empty, not drawn as 0 (${gaps.length})`);
  t.ok(gaps.every((g) => byDay.get(g.t)?.length === 0), 'and they are exactly the days without a toned article');
  const deep = drawn.find((b) => b.t === dayOf(articles.find((a) => a.id === webIdOf('fr-municipales'))!.publishedAt))!.rect!;
  const shallow = drawn.find((b) => b.t === dayOf(articles.find((a) => a.id === webIdOf('en-tehran-riyadh'))!.publishedAt))!.rect!;
  t.ok(deep.h > shallow.h * 3, 'a -6.1 day reaches much deeper than a -1.5 day');

  const municipales = articles.find((a) => a.id === webIdOf('fr-municipales'))!;
  const summary = (await page.textContent('#card-tone .chart-summary'))!;
  const average = Number(/^Average tone ([+-]?\d+(?:\.\d)?) from /.exec(summary)?.[1]);
  t.ok(average >= -6.1 && average <= Math.max(...toned.map(([, v]) => v)), `an average tone within the days' range (${average})`);
  t.ok(summary.includes(`most negative: ${enDate(municipales.publishedAt)} (-6.1)`), `names the most negative day: ${summary}`);
  const best = toned.reduce((p, c) => (c[1] > p[1] ? c : p));
  const signed = new Intl.NumberFormat('en', { maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(Math.round(best[1] * 100) / 100);
  t.ok(summary.includes(`most positive: ${enDate(best[0])} (${signed})`), 'and the most positive');
  t.match(summary, /no tone for \d+ periods? with articles/, 'and says there are gaps');
  t.equal(await page.getByRole('img', { name: summary }).count(), 1, "the summary is the chart's accessible name");
  t.match(await page.textContent('#card-tone .legend'), /Negative coverage \(below 0\).*Positive coverage \(above 0\)/);
  t.same(await page.$$eval('#card-tone svg text.axis', (els) => els.slice(0, 3).map((e) => e.textContent)), ['+5', '0', '-10'], 'y axis: each side of zero rounded up on its own');
  await page.click('#card-tone .data-table summary');
  t.match(await page.textContent('#card-tone .data-table tbody'), /no tone/, 'the numbers table says which days have no tone');
  await shot(page, 'dashboard-tone');

  await settled(page, () => page.selectOption('#f-tone', 'pos'));
  t.equal(new URL(page.url()).searchParams.get('view'), 'dashboard');
  t.equal(await page.locator('#card-tone svg rect.tone-neg').count(), 0, 'the tone filter narrows the dashboard too');
  t.ok(await page.locator('#card-tone svg rect.tone-pos').count() >= 2);
  await settled(page, () => page.fill('#q', 'no-such-word-anywhere').then(() => page.press('#q', 'Enter')));
  t.match(await page.textContent('#card-tone'), /No data for this search/);
  await done(t, w);
});

t.test("each result shows its tone, coloured by its sign and explained; none for an article without one", async (t) => {
  const w = await open('/?ui=en&q=Kadhimi&group=0');
  const { page } = w;
  const badge = (slug: string) => page.locator(`#results > li.hit[data-id="${webIdOf(slug)}"] .tone-badge`);
  t.equal((await badge('ar-kadhimi-map').textContent())?.trim(), 'tone -3.1');
  t.match(await badge('ar-kadhimi-map').getAttribute('class'), /\btone-neg\b/);
  t.equal((await badge('ar-kadhimi-office').textContent())?.trim(), 'tone +1.2');
  t.match(await badge('ar-kadhimi-office').getAttribute('class'), /\btone-pos\b/);
  t.match(await badge('ar-kadhimi-map').getAttribute('title'), /positive connotation minus .* negative .* -100 to 100/);
  const colours = await page.$$eval('#results .tone-badge', (els) => [...new Set(els.map((e) => e.ownerDocument.defaultView.getComputedStyle(e).color))]);
  t.equal(colours.length, 2, `negative and positive tones in two colours (${colours.join(', ')})`);
  await settled(page, () => page.fill('#q', 'markets').then(() => page.press('#q', 'Enter')));
  t.ok(await page.locator('#results > li.hit').count() > 0, 'market wraps found');
  t.equal(await page.locator('#results .tone-badge').count(), 0, 'articles enriched before tone existed show no tone');
  t.equal(toneOf('en-markets-0'), undefined);
  await done(t, w);
});

t.test('the collection filter: the feeds\' categories, each with its number of sources; choosing one searches its feeds only', async (t) => {
  const res = await gw.app.inject({ method: 'POST', url: '/v1/feeds', headers: admin, payload: { url: 'https://najaf-herald.example/rss', category: 'Iraq desk', discover: false } });
  t.equal(res.statusCode, 201);
  const feed = (res.json() as { id: string }).id;
  t.teardown(async () => {
    await gw.app.inject({ method: 'DELETE', url: `/v1/feeds/${feed}`, headers: admin });
  });
  const [article] = await withArticles(t, gw.es, gw.indexPrefix, [{
    slug: 'najaf-pilgrims', lang: 'en', source: { id: feed, name: 'Najaf Herald', domain: 'najaf-herald.example' }, ageMs: HOUR, story: 'najaf-pilgrims',
    title: 'Najaf prepares for a season of pilgrims', summary: 'Hotels fill ahead of the holidays.', body: 'Hotels in Najaf are filling ahead of the holidays as the city prepares for pilgrims.',
  }]);
  // A filter of its own (from=2000-01-01 leaves nothing out): the browser context is shared and
  // caches search responses (max-age), so a URL another test loads must not see this test's article.
  const w = await open('/?ui=en&show=articles&group=0&from=2000-01-01');
  const { page } = w;
  t.ok(await page.locator('#results > li.hit').count() > 1, 'at first, articles of every source');
  t.ok(await page.isVisible('#f-collection'), 'the field shows once a feed has a category');
  t.same(await page.$$eval('#f-collection option', (os) => os.map((o) => o.textContent)), ['Any', 'Iraq desk (1 source)']);
  await settled(page, () => page.selectOption('#f-collection', 'Iraq desk'));
  t.equal(new URL(page.url()).searchParams.get('collection'), 'Iraq desk', 'kept in the URL');
  t.same(await page.$$eval('#results > li.hit', (els) => els.map((e) => e.getAttribute('data-id'))), [article!.id], "only the collection's articles");
  t.match(await page.textContent('#chips'), /Collection: Iraq desk/);
  await done(t, w);
});

t.test('the sort control orders results by tone: most negative or most positive first, kept in the URL', async (t) => {
  const w = await open('/?ui=en&show=articles&group=0');
  const { page } = w;
  const tones = articles.flatMap((a) => (a.enrichment.tone ? [a.enrichment.tone.score] : []));
  const shown = () => page.$$eval('#results > li.hit .tone-badge', (els) => els.map((e) => Number(e.getAttribute('data-tone'))));
  await settled(page, () => page.selectOption('#f-sort', 'negative'));
  t.equal(new URL(page.url()).searchParams.get('sort'), 'negative');
  const neg = await shown();
  t.same(neg, [...tones].sort((a, b) => a - b).slice(0, neg.length), 'the most negative first, in order');
  t.ok(neg.length >= 5, 'several toned results on the first page');
  await settled(page, () => page.selectOption('#f-sort', 'positive'));
  const pos = await shown();
  t.same(pos, [...tones].sort((a, b) => b - a).slice(0, pos.length), 'the most positive first');
  t.equal((await page.textContent('#f-sort option[value="negative"]'))?.trim(), 'Most negative first');
  await done(t, w);
});

/** Each source's average tone over the fixtures `keep` lets through, as the API rounds it; undefined for a source none of whose articles has one. */
function sourceTones(keep: (a: (typeof articles)[number]) => boolean = () => true): Map<string, number | undefined> {
  const by = new Map<string, number[]>();
  for (const a of articles.filter(keep)) {
    const list = by.get(a.source.id) ?? [];
    if (a.enrichment.tone) list.push(a.enrichment.tone.score);
    by.set(a.source.id, list);
  }
  return new Map([...by].map(([id, tones]) => [id, tones.length > 0 ? Math.round((tones.reduce((x, y) => x + y, 0) / tones.length) * 100) / 100 : undefined]));
}
const signedEn = (v: number) => new Intl.NumberFormat('en', { maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(v);

t.test("the top sources card shows each source's average tone, labelled like a result's, from the request it already makes; none for a source without tone", async (t) => {
  const w = await open('/?ui=en');
  const { page } = w;
  const sourceCalls: URL[] = [];
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.pathname === '/v1/stats/top' && u.searchParams.get('field') === 'sources') sourceCalls.push(u);
  });
  await settled(page, () => page.click('nav a[data-nav="dashboard"]'));
  t.equal(sourceCalls.length, 1, 'one request for the card');
  t.equal(sourceCalls[0]!.searchParams.get('tone'), 'true', 'asking for the tone in it');
  t.equal(sourceCalls[0]!.searchParams.get('limit'), '10');
  const others = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name)).filter((u) => u.pathname === '/v1/stats/top' && u.searchParams.get('field') !== 'sources').map((u) => u.searchParams.get('tone')));
  t.same(others.filter((v) => v !== null), [], 'the other top lists do not ask for it');

  const row = (id: string) => page.locator(`#card-sources li[data-key="${id}"]`);
  const all = sourceTones();
  t.equal(all.size, Object.keys(WEB_SOURCES).length);
  for (const src of Object.values(WEB_SOURCES)) {
    const avg = all.get(src.id)!;
    const badge = row(src.id).locator('.tone-badge');
    t.equal((await badge.textContent())?.trim(), `tone ${signedEn(avg)}`, `${src.name}: the average of its toned articles (${String(avg)})`);
    t.match(await badge.getAttribute('class'), avg < 0 ? /\btone-neg\b/ : /\btone-pos\b/, 'coloured by its sign');
  }
  // Tigris Wire: -2.4, 4.3 and -1.5; its 24 market wraps have no tone and do not count as 0.
  t.equal(all.get(WEB_SOURCES.TIGRIS.id), 0.13);
  t.match(await row(WEB_SOURCES.RAFIDAIN.id).locator('.tone-badge').getAttribute('title'), /^Average tone of this source’s matching articles .* -100 to 100/, "the tooltip says it is the source's average");

  // The label is part of the row's button, after the name (the dot between them is not read).
  const tigris = row(WEB_SOURCES.TIGRIS.id).locator('button.bar-row');
  t.equal(await tigris.getAttribute('title'), 'Filter by Tigris Wire', 'the button still says what it does');
  const count = await row(WEB_SOURCES.TIGRIS.id).getAttribute('data-count');
  t.equal(await page.getByRole('button', { name: new RegExp(`^Tigris Wire\\s*tone \\+0\\.1\\s*${count!}$`) }).count(), 1, 'its accessible name: source, tone, count');
  t.equal(await page.locator('#card-sources .bar').count(), Object.keys(WEB_SOURCES).length, 'every row keeps its bar');
  await shot(page, 'dashboard-source-tones');

  // The economy: Tigris Wire's market wraps (no tone) and one Rafidain Post article.
  await settled(page, () => page.selectOption('#f-topic', 'economy'));
  const economy = sourceTones((a) => a.enrichment.topics.some((x) => x.id === 'economy'));
  t.same([...economy.keys()].sort(), [WEB_SOURCES.RAFIDAIN.id, WEB_SOURCES.TIGRIS.id].sort());
  t.equal(economy.get(WEB_SOURCES.TIGRIS.id), undefined);
  t.equal(await page.locator('#card-sources li').count(), 2, 'the card follows the filter');
  t.equal(await row(WEB_SOURCES.TIGRIS.id).locator('.tone-badge').count(), 0, 'no label for a source none of whose articles has a tone');
  t.equal(await row(WEB_SOURCES.TIGRIS.id).locator('.sep').count(), 0, 'nor a separator');
  t.equal((await row(WEB_SOURCES.RAFIDAIN.id).locator('.tone-badge').textContent())?.trim(), `tone ${signedEn(economy.get(WEB_SOURCES.RAFIDAIN.id)!)}`, 'the tone of its economy article only');
  t.equal(sourceCalls.at(-1)!.searchParams.get('tone'), 'true');
  t.equal(sourceCalls.at(-1)!.searchParams.get('topic'), 'economy', 'with the filters');

  await settled(page, () => page.click(`#card-sources li[data-key="${WEB_SOURCES.RAFIDAIN.id}"] button`));
  t.equal(new URL(page.url()).searchParams.get('source'), WEB_SOURCES.RAFIDAIN.id, 'clicking a row still filters by the source');
  t.match(await page.textContent('#chips'), new RegExp(`Source: ${WEB_SOURCES.RAFIDAIN.name}(?!.*tone)`), 'its chip names the source alone');
  await done(t, w);
});

t.test('the tone selector narrows the results, keeps the bounds in the URL, shows a chip and reaches the CSV', async (t) => {
  const w = await open('/?ui=en&show=articles&group=0');
  const { page } = w;
  t.same(await page.$$eval('#f-tone option', (els) => els.map((e) => e.textContent)), ['Any tone', 'Negative (≤ -2)', 'Neutral (-2 to 2)', 'Positive (≥ 2)']);
  await settled(page, () => page.selectOption('#f-tone', 'neg'));
  const url = new URL(page.url());
  t.equal(url.searchParams.get('toneMax'), '-2', 'toneMax in the URL');
  t.equal(url.searchParams.get('toneMin'), null);
  const negative = ['ar-kadhimi-map', 'en-kadhimi-map', 'fr-municipales'];
  t.same((await hitIds(page)).sort(), negative.map(webIdOf).sort(), 'only the clearly negative articles');
  t.ok(negative.every((s) => toneOf(s)! <= -2));
  const shown = await page.$$eval('#results > li.hit', (els) => els.map((e) => e.querySelector('.tone-badge')?.textContent ?? ''));
  t.ok(shown.length === 3 && shown.every((s) => /^tone -\d/.test(s)), `each shows a negative tone (${shown.join(', ')})`);
  t.match(await page.textContent('#search-status'), /^3 articles/);
  t.match(await page.textContent('#chips'), /Tone: Negative \(≤ -2\)/);
  t.equal(new URL((await page.getAttribute('#export-csv', 'href'))!, base).searchParams.get('toneMax'), '-2', 'the CSV link carries it');
  const rows = await downloadCsv(page);
  t.same(rows.map((r) => r.id).sort(), negative.map(webIdOf).sort(), 'and downloads the same articles');
  t.ok(rows.every((r) => Number(r.tone) <= -2));

  await settled(page, () => page.selectOption('#f-tone', 'neutral'));
  t.same([new URL(page.url()).searchParams.get('toneMin'), new URL(page.url()).searchParams.get('toneMax')], ['-2', '2']);
  t.same((await hitIds(page)).sort(), ['ar-kadhimi-office', 'fr-kadhimi-map', 'en-tehran-riyadh'].map(webIdOf).sort(), 'neutral: between -2 and 2');
  const again = await open(`/?ui=en&show=articles&group=0&toneMin=-2&toneMax=2`);
  t.equal(await again.page.inputValue('#f-tone'), 'neutral', 'a permalink selects it again');
  t.same(await hitIds(again.page), await hitIds(page));
  await done(t, again);
  const custom = await open('/?ui=en&show=articles&toneMax=-5');
  t.match(await custom.page.textContent('#f-tone option:checked'), /at most -5/, 'bounds that are no choice of the list still show');
  t.same(await hitIds(custom.page), [webIdOf('fr-municipales')]);
  await done(t, custom);

  await settled(page, () => page.click('#chips button.chip[data-filter="tone"]'));
  t.same([new URL(page.url()).searchParams.get('toneMin'), new URL(page.url()).searchParams.get('toneMax')], [null, null], 'removing the chip removes both bounds');
  t.equal(await page.inputValue('#f-tone'), '');
  t.match(await page.textContent('#search-status'), /^33 articles/);
  await done(t, w);
});

t.test('the Arabic UI: the tone card, its summary and the labels in Arabic, the page right to left', async (t) => {
  const w = await open('/?ui=ar&view=dashboard');
  const { page } = w;
  t.equal((await page.textContent('#h-tone'))?.trim(), 'نبرة التغطية عبر الزمن');
  const summary = (await page.textContent('#card-tone .chart-summary'))!;
  t.match(summary, /^متوسط النبرة .* من .* إلى /);
  t.match(summary, /الأكثر سلبية: .*؛ الأكثر إيجابية: /, 'Arabic wording and the Arabic semicolon');
  t.match(await page.textContent('#card-tone .legend'), /تغطية سلبية.*تغطية إيجابية/);
  t.ok(await page.locator('#card-tone svg rect.tone-neg').count() > 0, 'the bars are drawn');
  t.equal(await page.locator('#card-tone .chart-summary').evaluate((el) => el.ownerDocument.defaultView.getComputedStyle(el).direction), 'rtl', 'the text runs right to left');
  // Time runs left to right on both charts, so they line up; the y labels sit left of the plot.
  const xs = await page.$$eval('#card-tone svg g.bucket rect', (els) => els.map((r) => ({ x: r.getBoundingClientRect().x, t: Date.parse(r.parentElement!.getAttribute('data-t')!) })));
  t.ok(xs.length > 2 && xs.every((b, i) => i === 0 || (b.x > xs[i - 1]!.x && b.t > xs[i - 1]!.t)), 'oldest on the left, as on the timeline above');
  const plotLeft = Math.min(...(await page.$$eval('#card-tone svg rect', (els) => els.map((e) => e.getBoundingClientRect().left))));
  const labelRight = Math.max(...(await page.$$eval('#card-tone svg text.axis', (els) => els.slice(0, 3).map((e) => e.getBoundingClientRect().right))));
  t.ok(labelRight <= plotLeft + 1, `the tone scale stays left of the bars (${labelRight} ≤ ${plotLeft})`);
  const dates = await page.$$eval('#card-tone svg text.axis', (els) => els.slice(3).map((e) => e.getBoundingClientRect()));
  const svgBox = (await page.locator('#card-tone svg').boundingBox())!;
  t.ok(dates.every((d) => d.left >= svgBox.x - 1 && d.right <= svgBox.x + svgBox.width + 1), 'the date labels stay inside the chart');
  const timelineLeft = Math.min(...(await page.$$eval('#card-timeline svg rect', (els) => els.map((e) => e.getBoundingClientRect().left))));
  const countsRight = Math.max(...(await page.$$eval('#card-timeline svg text.axis', (els) => els.slice(0, 3).map((e) => e.getBoundingClientRect().right))));
  t.ok(countsRight <= timelineLeft + 1, 'so does the count scale of the timeline');
  t.match(await page.textContent('label[for="f-tone"]'), /النبرة/);
  t.match(await page.textContent('#f-tone'), /سلبية.*محايدة.*إيجابية/);
  await shot(page, 'dashboard-tone-arabic');
  await settled(page, () => page.click('nav a[data-nav="search"]'));
  await page.fill('#q', 'الكاظمي');
  await settled(page, () => page.press('#q', 'Enter'));
  t.match(await page.textContent('#results .tone-badge'), /^النبرة /, 'the tone label in Arabic');
  await done(t, w);
});

t.test('the query box offers whole names as you type part of one, in either script', async (t) => {
  const w = await open('/?ui=en');
  const { page } = w;
  /** What the list offers once the answer for `typed` is in (the list is emptied first). */
  const offered = async (typed: string) => {
    await page.fill('#q', '');
    await page.fill('#q', typed);
    await page.waitForSelector('#q-suggestions option', { state: 'attached', timeout: 5_000 });
    return page.$$eval('#q-suggestions option', (els) => els.map((e) => e.getAttribute('value')));
  };
  t.ok((await offered('Kadh')).includes('Mustafa al-Kadhimi'), 'a surname offers the whole name');
  t.ok((await offered('الكاظ')).includes('مصطفى الكاظمي'), 'in Arabic too');
  t.equal(await page.getAttribute('#q', 'list'), 'q-suggestions', "the browser's own list, with its keyboard and screen-reader support");
  await page.fill('#q', 'K');
  await page.locator('#q-suggestions option').first().waitFor({ state: 'detached' });
  t.pass('one letter asks for nothing and clears the list');
  await done(t, w);
});

t.test('keyboard: / focuses the query, j and k move between results, the skip link comes first', async (t) => {
  const w = await open('/?ui=en');
  const { page } = w;
  await page.keyboard.press('Tab');
  t.equal(await page.locator(':focus').getAttribute('class'), 'skip', 'the first Tab reaches the skip link');
  await page.keyboard.press('/');
  t.equal(await page.locator(':focus').getAttribute('id'), 'q');
  await page.keyboard.type('Gulf');
  await settled(page, () => page.keyboard.press('Enter'));
  const ids = await hitIds(page);
  t.ok(ids.length >= 2, 'several results');
  const focused = () => page.locator('li.hit:has(:focus)').getAttribute('data-id');
  await page.keyboard.press('j');
  t.equal(await focused(), ids[0]);
  await page.keyboard.press('j');
  t.equal(await focused(), ids[1]);
  await page.keyboard.press('k');
  t.equal(await focused(), ids[0]);
  t.equal(await page.locator(':focus').evaluate((el) => el.localName), 'a', 'the result link itself, ready for Enter');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  t.ok(await page.locator(':focus').evaluate((el) => el.matches('#results li.hit a, #results li.hit button')), 'Tab walks through the results');
  await done(t, w);
});

t.test('phone width: nothing overflows, filters fold away, Arabic UI and results fit', async (t) => {
  const w = await open('/?ui=ar&q=' + encodeURIComponent('الكاظمي'), { width: 390, height: 844 });
  const { page } = w;
  const fits = () => page.evaluate('document.documentElement.scrollWidth <= window.innerWidth');
  t.ok(await fits(), 'no horizontal scrolling on the search page');
  t.equal(await page.locator('#filters').evaluate((el) => el.open), false, 'filters start folded');
  const box = await page.locator('#results > li.hit').first().boundingBox();
  t.ok(box && box.x >= 0 && box.x + box.width <= 390, 'the result fits the screen');
  await shot(page, 'phone-search-arabic');
  await settled(page, () => page.click('nav a[data-nav="dashboard"]'));
  t.ok(await fits(), 'no horizontal scrolling on the dashboard');
  t.ok(await page.locator('#card-map svg.world').isVisible());
  await shot(page, 'phone-dashboard');
  await settled(page, () => page.click('a.brand'));
  t.ok(await page.locator('#top-stories > li').count() > 0, 'the brand link leads to the top stories');
  t.ok(await fits(), 'no horizontal scrolling on the top stories');
  await shot(page, 'phone-top-stories-arabic');
  await done(t, w);
});

t.test('accessibility: axe-core finds nothing against WCAG 2.1 A/AA or its best practices, in every view, in English, Arabic, French and Persian, on a phone too', async (t) => {
  const w = await open('/?ui=en&q=Kadhimi');
  const { page } = w;
  const audit = async (state: string) => t.same(await axeViolations(page), [], state);
  t.equal(await page.isVisible('#follow'), true, 'the feed links are on the page the audit checks');
  await audit('search results, English UI');
  await page.click('#results button.story-btn');
  await page.waitForSelector('#results .story li');
  await audit('a story group opened');
  t.ok(await page.locator('#results .tone-badge').count() > 0, 'with tone labels');
  await settled(page, () => page.click('nav a[data-nav="dashboard"]'));
  t.ok(await page.locator('#card-tone svg rect').count() > 0, 'the tone card is drawn');
  t.ok(await page.locator('#card-sources .tone-badge').count() > 0, 'and the top sources with their tone');
  await audit('dashboard');
  await page.click('nav a[data-nav="feeds"]');
  await page.fill('#admin-token', ADMIN_TOKEN);
  await page.press('#admin-token', 'Enter');
  await page.waitForSelector('#feeds-table tbody td');
  await audit('feeds view, signed in');
  await page.goto(`${base}/?ui=ar&q=${encodeURIComponent('الكاظمي')}`);
  await ready(page);
  await audit('search results, Arabic UI');
  await page.setViewportSize({ width: 390, height: 844 });
  await settled(page, () => page.click('nav a[data-nav="dashboard"]'));
  t.ok(await page.locator('#card-tone svg rect').count() > 0);
  t.match(await page.textContent('#card-sources .tone-badge'), /^النبرة /, 'the source tones in Arabic');
  await audit('dashboard, Arabic UI, phone width');
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`${base}/?ui=fr&q=Kadhimi`);
  await ready(page);
  await audit('search results, French UI');
  await page.goto(`${base}/?ui=en&show=articles&toneMax=-2`);
  await ready(page);
  await audit('search results with a tone filter and its chip');
  await page.goto(`${base}/?ui=en`);
  await ready(page);
  t.equal(await page.isVisible('#follow'), true, 'with the top stories feed links');
  await audit('top stories, English UI');
  await page.click('#top-stories button.story-btn');
  await page.waitForSelector('#top-stories .story li');
  await audit('top stories with a story opened');
  await page.goto(`${base}/?ui=ar`);
  await ready(page);
  t.ok(await page.locator('#top-stories > li').count() > 0, 'the top stories are there');
  await audit('top stories, Arabic UI');
  await page.setViewportSize({ width: 390, height: 844 });
  await audit('top stories, Arabic UI, phone width');
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`${base}/?ui=fa&q=${encodeURIComponent('کاظمی')}`);
  await ready(page);
  t.ok(await page.locator('#results > li').count() > 0, 'a Persian query finds the reports');
  await audit('search, Persian UI');
  await done(t, w);
});

t.test('dark, when the system asks for it: every view dark, and axe finds nothing (contrast included)', async (t) => {
  const views = [
    '/?ui=en&show=articles&q=Kadhimi', '/?ui=en', '/?ui=en&view=dashboard&q=' + encodeURIComponent('الكاظمي'), `/?ui=en&view=article&id=${webIdOf('ar-kadhimi-map')}`,
    `/?ui=en&view=entity&id=${KADHIMI_ID}`, `/?ui=en&view=source&id=${WEB_SOURCES.RAFIDAIN.id}`, '/?ui=en&view=sources', '/?ui=ar&show=articles&q=Kadhimi&lang=ar', '/?ui=en&view=feeds',
    '/?ui=en&view=similar',
  ];
  for (const path of views) {
    const page = await ctx.newPage();
    await page.emulateMedia({ colorScheme: 'dark' });
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    await page.goto(base + path);
    await ready(page);
    const bg = await page.evaluate('getComputedStyle(document.body).backgroundColor') as string;
    const [r, g, b] = bg.match(/\d+/g)!.map(Number);
    t.ok(r! + g! + b! < 120, `${path}: a dark page (${bg})`);
    t.same(await axeViolations(page), [], `${path}: axe finds nothing in the dark`);
    if (path.includes('dashboard')) await shot(page, 'dark-dashboard');
    if (path.includes('show=articles&q=Kadhimi') && path.includes('ui=en')) await shot(page, 'dark-search');
    t.same(problems, []);
    await page.close();
  }
});

t.test('the UI switches between English, Arabic, French and Persian, and remembers', async (t) => {
  const w = await open('/?ui=en&q=Kadhimi');
  const { page } = w;
  t.equal(await page.getAttribute('html', 'dir'), 'ltr');
  t.equal((await page.textContent('nav a[data-nav="search"]'))?.trim(), 'Search');
  t.same(await page.$$eval('#ui-switch button', (bs) => bs.map((b) => [b.textContent, b.getAttribute('lang'), b.getAttribute('title')])), [
    ['العربية', 'ar', 'Switch the interface to Arabic'],
    ['Français', 'fr', 'Switch the interface to French'],
    ['فارسی', 'fa', 'Switch the interface to Persian'],
  ], 'each other language by its own name');
  await settled(page, () => page.click('#ui-switch button[data-ui="ar"]'));
  t.equal(await page.getAttribute('html', 'lang'), 'ar');
  t.equal(await page.getAttribute('html', 'dir'), 'rtl', 'the Arabic UI is right to left');
  t.equal((await page.textContent('nav a[data-nav="search"]'))?.trim(), 'بحث');
  t.equal(await page.getAttribute('#q', 'placeholder'), 'ابحث في الأخبار بأي لغة…');
  t.match(await page.textContent('#search-status'), /قصة واحدة/, 'result counts in Arabic');
  t.equal((await page.textContent('#results button.story-btn'))?.trim(), '+3 مقالات');
  t.equal((await page.textContent('#follow'))?.replace(/\s+/g, ' ').trim(), 'تابعها في قارئ الخلاصات: RSS · Atom');
  t.same((await alternates(page)).map((a) => a.title), ['«Kadhimi» — أخبار (RSS)', '«Kadhimi» — أخبار (Atom)'], 'the feeds in the head are named in Arabic');
  const lead = page.locator('#results > li.hit').first();
  t.equal(await lead.getAttribute('data-lang'), 'ar', 'the story is shown by its Arabic report in the Arabic interface');
  await lead.locator('button.story-btn').click();
  await page.waitForSelector('#results .story li');
  t.equal(await lead.locator('.story li .story-title[lang="en"]').getAttribute('dir'), 'auto', 'its English report keeps its own direction');
  await shot(page, 'ui-arabic');
  await page.goto(`${base}/?q=Kadhimi`);
  await ready(page);
  t.equal(await page.getAttribute('html', 'lang'), 'ar', 'remembered after a reload');
  await settled(page, () => page.click('#ui-switch button[data-ui="fr"]'));
  t.equal(await page.getAttribute('html', 'lang'), 'fr');
  t.equal(await page.getAttribute('html', 'dir'), 'ltr');
  t.equal((await page.textContent('nav a[data-nav="search"]'))?.trim(), 'Recherche');
  t.match(await page.textContent('#search-status'), /1 sujet · 4 articles/, 'result counts in French');
  t.equal((await page.textContent('#export-csv'))?.trim(), 'Télécharger ces résultats en CSV');
  t.equal((await page.textContent('#follow'))?.replace(/\s+/g, ' ').trim(), 'S’abonner au fil : RSS · Atom');
  t.equal(await page.getAttribute('#feed-rss', 'title'), 'Copiez le lien dans un lecteur de flux (Miniflux, Thunderbird…)');
  t.same((await alternates(page)).map((a) => a.title), ['« Kadhimi » — Akhbar (RSS)', '« Kadhimi » — Akhbar (Atom)']);
  t.match(await page.textContent('#results .topics'), /politique/, 'topic labels in French');
  await shot(page, 'ui-french');
  await settled(page, () => page.click('#ui-switch button[data-ui="fa"]'));
  t.same([await page.getAttribute('html', 'lang'), await page.getAttribute('html', 'dir')], ['fa', 'rtl'], 'Persian: right to left');
  t.equal((await page.textContent('nav a[data-nav="search"]'))?.trim(), 'جستجو');
  t.equal(await page.getAttribute('#q', 'placeholder'), 'جستجوی اخبار به هر زبانی…');
  t.match(await page.textContent('#search-status'), /^۱ رویداد · ۴ مقاله$/, 'result counts in Persian words and digits');
  t.match(await page.textContent('#results .topics'), /سیاست/, 'topic labels in Persian');
  t.match(await page.textContent('#expanded'), /مصطفی کاظمی/, 'entity names as Persian writes them');
  t.match(await page.title(), /· اخبار$/, 'the page title ends with the name as Persian writes it');
  await shot(page, 'ui-persian');
  await settled(page, () => page.click('#ui-switch button[data-ui="en"]'));
  t.equal(await page.getAttribute('html', 'lang'), 'en');
  await done(t, w);
});

t.test('topic labels are in the interface language even when the topic list comes after the results', async (t) => {
  const labels = ((await (await fetch(`${base}/ui/topics.json`)).json()) as { topics: Array<{ id: string; labels: Record<string, string> }> }).topics;
  const ar = (id: string) => labels.find((x) => x.id === id)!.labels.ar!;
  const page = await ctx.newPage();
  // A slow topic list: the search answers long before it.
  await page.route('**/ui/topics.json', async (route) => {
    await new Promise((r) => setTimeout(r, 1_500));
    await route.continue();
  });
  await page.goto(`${base}/?ui=ar&q=${encodeURIComponent('الكاظمي')}`);
  await ready(page);
  const shown = (await page.locator('#results .topics').first().textContent()) ?? '';
  t.ok(shown.includes(ar('politics')), `a hit's topics by their Arabic labels (${shown})`);
  t.notOk(/\bpolitics\b/.test(shown), 'not by their ids');
  await page.goto(`${base}/?ui=ar&view=dashboard`);
  await ready(page);
  t.ok((await page.textContent('#card-topics'))?.includes(ar('politics')), 'the dashboard\'s topics card too');
  await page.close();
});

t.test('a hit its feed put on the map links to the news near it', async (t) => {
  const [tremor] = await withArticles(t, gw.es, gw.indexPrefix, [{
    slug: 'ar-halabja-tremor-web', lang: 'ar', source: WEB_SOURCES.TIGRIS, ageMs: HOUR, story: 'web-story-tremor', geo: { lat: 35.18, lon: 45.99 },
    title: 'هزة أرضية خفيفة تضرب قرية جبلية قرب حلبجة',
    summary: 'لم تسجل أضرار بحسب الدفاع المدني.',
    body: 'شعر سكان قرية جبلية قرب حلبجة بهزة أرضية خفيفة فجر اليوم، ولم تسجل أي أضرار بحسب الدفاع المدني.',
    topics: ['society'],
  }]);
  const w = await open(`/?ui=en&q=${encodeURIComponent('حلبجة')}&lang=ar`);
  const { page } = w;
  const hit = page.locator(`#results li.hit[data-id="${tremor!.id}"]`);
  const link = hit.locator('a.nearby-link');
  t.equal(await text(link), 'News nearby');
  const href = new URL((await link.getAttribute('href'))!, base);
  t.same([href.searchParams.get('near'), href.searchParams.get('radius'), href.searchParams.get('q'), href.searchParams.get('lang')], ['35.18,45.99', '25km', null, 'ar'], 'a permalink: the point, 25 km, the filters kept, the query dropped');
  t.equal(await page.locator('#results li.hit a.nearby-link').count(), 1, 'only hits with a point have the link');
  await settled(page, () => link.click());
  const url = new URL(page.url());
  t.equal(url.searchParams.get('near'), '35.18,45.99', 'followed inside the page');
  t.match(await page.textContent('#chips'), /35\.18,45\.99 \(25 km\)/, 'shown as a removable Near chip');
  await settled(page, () => page.click('#ui-switch button[data-ui="ar"]'));
  await settled(page, () => page.goBack());
  t.match(await page.locator(`#results li.hit[data-id="${tremor!.id}"] a.nearby-link`).getAttribute('title'), /كم/, 'its title gives the radius in the interface language');
  t.same(await page.locator('#results li.hit').evaluateAll((els) => els.map((e) => e.getAttribute('data-id'))), [tremor!.id], 'the articles near the point');
  await done(t, w);
});

t.test('a browser can add Akhbar as a search engine (OpenSearch): its searches open the page, its address bar completes names; and install it as an app (web app manifest)', async (t) => {
  const w = await open('/?ui=en');
  // And install it as an app: a web app manifest, its icon and shortcuts served by the gateway.
  const manifestHref = await w.page.getAttribute('link[rel="manifest"]', 'href');
  const mres = await fetch(new URL(manifestHref!, base));
  t.match(mres.headers.get('content-type'), /^application\/manifest\+json/);
  const manifest = (await mres.json()) as { name: string; start_url: string; display: string; icons: Array<{ src: string; type: string }>; shortcuts: Array<{ url: string }> };
  t.match(manifest, { name: 'Akhbar — أخبار', start_url: '/', display: 'standalone' });
  for (const icon of manifest.icons) t.equal((await fetch(new URL(icon.src, base))).headers.get('content-type')?.split(';')[0], icon.type, `its icon ${icon.src} is served`);
  for (const s of manifest.shortcuts) t.equal((await fetch(new URL(s.url, base))).status, 200, `shortcut ${s.url}`);
  const href = await w.page.getAttribute('link[rel="search"][type="application/opensearchdescription+xml"]', 'href');
  t.equal(href, '/opensearch.xml', 'the page links its description');
  const res = await fetch(new URL(href!, base));
  t.match(res.headers.get('content-type'), /^application\/opensearchdescription\+xml/);
  const xml = await res.text();
  t.equal(XMLValidator.validate(xml), true, 'well-formed XML');
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml) as { OpenSearchDescription: { ShortName: string; Url: Array<{ type: string; template: string }> } };
  t.equal(doc.OpenSearchDescription.ShortName, 'Akhbar');
  const template = (type: string) => doc.OpenSearchDescription.Url.find((u) => u.type === type)!.template;
  t.ok(template('text/html').startsWith(`${base}/`), 'absolute URLs, on this gateway');
  const fill = (type: string, terms: string) => template(type).replace('{searchTerms}', encodeURIComponent(terms));

  await settled(w.page, () => w.page.goto(fill('text/html', 'الكاظمي')));
  t.ok((await hitIds(w.page)).length > 0, 'a search from the address bar opens the results');
  t.equal(await w.page.inputValue('#q'), 'الكاظمي', 'with the words in the box');
  const suggest = await fetch(fill('application/x-suggestions+json', 'Kadh'));
  t.match(suggest.headers.get('content-type'), /^application\/x-suggestions\+json/);
  const [typed, completions] = (await suggest.json()) as [string, string[]];
  t.equal(typed, 'Kadh', 'the suggestions format: what was typed…');
  t.ok(completions.includes('Mustafa al-Kadhimi'), `…then the completions (${completions.join(' | ')})`);
  const rss = await fetch(fill('application/rss+xml', 'Kadhimi'));
  t.match(await rss.text(), /<rss[^>]*version="2.0"/, 'and the search as a feed');
  await done(t, w);
});

t.test('a search says when new articles match it since it was answered, and shows them on request', async (t) => {
  const w = await open('/?ui=en&show=articles&q=Carthage');
  const { page } = w;
  const before = await hitIds(page);
  t.ok(before.length > 0, 'the search finds the festival report');
  // The page checks every minute while shown, and when it is shown again (as here).
  const check = () => page.evaluate("document.dispatchEvent(new Event('visibilitychange'))");
  await check();
  await page.waitForTimeout(300);
  t.ok(await page.locator('#fresh').isHidden(), 'nothing new yet: no notice');

  const [jury] = await withArticles(t, gw.es, gw.indexPrefix, [{
    slug: 'en-carthage-jury-web', lang: 'en', source: WEB_SOURCES.ORIENT, ageMs: 0, story: 'web-story-carthage-jury',
    title: 'Carthage film days name their jury', summary: 'Directors from five countries will judge the films.', body: 'The Carthage film days named a jury of directors from five countries to judge this year\'s films.',
  }]);
  await withArticles(t, gw.es, gw.indexPrefix, [{
    slug: 'en-sousse-port-web', lang: 'en', source: WEB_SOURCES.ORIENT, ageMs: 0, story: 'web-story-sousse-port',
    title: 'Sousse port adds a cruise terminal', summary: 'The terminal opens in spring.', body: 'The port of Sousse will open a cruise terminal in the spring.',
  }]);
  await check();
  const notice = page.locator('#fresh button');
  await notice.waitFor();
  t.equal(await notice.textContent(), '1 new article since this search — show it', 'the new match counted, not the other new article');
  await settled(page, () => notice.click());
  t.ok((await hitIds(page)).includes(jury!.id), 'shown on request: the page asks the gateway again, not the browser\'s cache');
  t.ok(await page.locator('#fresh').isHidden(), 'the notice goes');
  await check();
  await page.waitForTimeout(300);
  t.ok(await page.locator('#fresh').isHidden(), 'and stays gone: nothing newer than the page now shown');
  await done(t, w);
});

t.test('a saved search: kept in the browser, listed above the top stories with what is new since it was opened; opening it clears that; forgetting it removes it', async (t) => {
  const w = await open('/?ui=en&show=articles&q=Carthage&lang=fr');
  const { page } = w;
  const save = page.locator('#save-search-btn');
  t.equal(await save.textContent(), 'Save this search');
  t.equal(await save.getAttribute('aria-pressed'), 'false');
  await save.click();
  await page.locator('#save-search-btn[aria-pressed="true"]').waitFor();
  t.equal(await save.textContent(), 'Saved — remove it', 'the button says it is saved');
  t.equal(await save.getAttribute('aria-pressed'), 'true');
  const stored = JSON.parse((await page.evaluate("localStorage.getItem('akhbar.saved')")) as string) as Array<{ params: Record<string, string>; seenAt: string; seenCount: number }>;
  t.same(stored.map((x) => x.params), [{ q: 'Carthage', lang: 'fr' }], 'in this browser: the words and filters');
  t.ok(Date.parse(stored[0]!.seenAt) > 0, 'seen as of the gateway\'s answer');
  const margin = (await (await fetch(`${base}/v1/search?${new URLSearchParams({ q: 'Carthage', lang: 'fr', indexedFrom: stored[0]!.seenAt, limit: '1' }).toString()}`)).json()) as { total: number };
  t.equal(stored[0]!.seenCount, margin.total, 'what it found indexed in the seconds before, counted as seen');

  await settled(page, () => page.click('#show-switch a[data-show="top"]'));
  const item = page.locator('#saved-list li');
  await page.locator('#saved-list li[data-new]').waitFor();
  t.equal(await item.locator('a.saved-link').textContent(), 'Carthage · Language: French', 'listed in words, as its chips say it');
  t.equal(await item.locator('.saved-count').textContent(), 'nothing new');

  // Indexed right after (within the second of the answer: the count must not depend on the clock's grain).
  await withArticles(t, gw.es, gw.indexPrefix, [
    { slug: 'fr-carthage-jury-saved', lang: 'fr', source: WEB_SOURCES.CARTHAGE, ageMs: 0, story: 'web-story-carthage-jury-saved', title: 'Les Journées de Carthage dévoilent leur jury', summary: 'Cinq pays au jury.', body: 'Le jury des Journées cinématographiques de Carthage réunit des cinéastes de cinq pays.' },
    { slug: 'en-carthage-jury-saved', lang: 'en', source: WEB_SOURCES.ORIENT, ageMs: 0, story: 'web-story-carthage-jury-saved-en', title: 'Carthage film days name their jury', summary: 'Five countries.', body: 'The Carthage film days named their jury.' },
  ]);
  await settled(page, () => page.reload());
  await page.locator('#saved-list li[data-new]').waitFor();
  t.equal(await item.locator('.saved-count').textContent(), '1 new', 'the new French report counted, not the English one');
  await shot(page, 'saved-searches');
  t.same(await axeViolations(page), [], 'axe finds nothing');

  await settled(page, () => item.locator('a.saved-link').click());
  t.same(Object.fromEntries(new URL(page.url()).searchParams), { q: 'Carthage', lang: 'fr', show: 'articles', ui: 'en' }, 'it opens the search');
  await settled(page, () => page.goBack());
  await page.locator('#saved-list li[data-new]').waitFor();
  t.equal(await item.locator('.saved-count').textContent(), 'nothing new', 'opened: nothing new since');

  await item.locator('button.saved-remove').click();
  t.ok(await page.locator('#saved').isHidden(), 'forgotten: the list goes');
  t.equal(await page.evaluate("localStorage.getItem('akhbar.saved')"), '[]');

  // "In headlines only" is part of what is saved, and of how it is said.
  await settled(page, () => page.goto(`${base}/?ui=en&show=articles&q=Carthage&in=title`));
  await page.click('#save-search-btn');
  await page.locator('#save-search-btn[aria-pressed="true"]').waitFor();
  await settled(page, () => page.click('#show-switch a[data-show="top"]'));
  t.equal(await page.locator('#saved-list a.saved-link').textContent(), 'Carthage · In headlines only');
  await page.locator('#saved-list button.saved-remove').click();
  await done(t, w);
});

t.test('a byline on a hit lists that author\'s articles: the author filter, a chip and a permalink; a section permalink too', async (t) => {
  const [port, bridge, dredging, silt] = await withArticles(t, gw.es, gw.indexPrefix, [
    {
      slug: 'en-fao-port-web', lang: 'en', source: WEB_SOURCES.ORIENT, ageMs: HOUR, story: 'web-story-fao', author: 'Salma Yousif', categories: ['Ports'],
      title: 'Grand Faw port takes its first container ship', summary: 'A milestone for the southern port.', body: 'The Grand Faw port near Basra received its first container ship on Sunday after years of construction.',
    },
    {
      slug: 'ar-fao-bridge-web', lang: 'ar', source: WEB_SOURCES.TIGRIS, ageMs: 2 * HOUR, story: 'web-story-fao-bridge', author: 'Salma Yousif',
      title: 'جسر معلق جديد يربط الفاو بالبصرة', summary: 'الجسر يختصر الطريق إلى الميناء.', body: 'افتتح جسر معلق جديد يربط مدينة الفاو بالبصرة ويختصر الطريق إلى الميناء الكبير.',
    },
    {
      slug: 'en-fao-dredging-web', lang: 'en', source: WEB_SOURCES.ORIENT, ageMs: 3 * HOUR, story: 'web-story-fao-dredge',
      title: 'Dredging resumes in the Faw channel', summary: 'Work had stopped in the summer.', body: 'Dredging of the channel leading to the Faw port resumed this week after a pause over the summer.',
    },
    {
      slug: 'en-fao-silt-web', lang: 'en', source: WEB_SOURCES.ORIENT, ageMs: 4 * HOUR, story: 'web-story-fao-silt', author: 'Hadi Jaber, Faw correspondent',
      title: 'Silt slows work on the Faw breakwater', summary: 'Divers report heavy deposits.', body: 'Divers working on the Faw breakwater reported heavy silt deposits that slowed the work this month.',
    },
  ]);
  const w = await open('/?ui=en&show=articles&q=Faw');
  const { page } = w;
  const byline = page.locator(`#results li.hit[data-id="${port!.id}"] .hit-meta button.author`);
  t.equal(await byline.textContent(), 'Salma Yousif');
  t.equal(await byline.getAttribute('title'), 'Articles by Salma Yousif');
  t.equal(await page.locator(`#results li.hit[data-id="${dredging!.id}"] .hit-meta button.author`).count(), 0, 'a hit without a byline shows none');
  await settled(page, () => byline.click());
  const url = new URL(page.url());
  t.equal(url.searchParams.get('author'), 'Salma Yousif', 'the filter is in the URL');
  t.same(await hitIds(page), [port!.id], 'with the query kept: the Faw articles she wrote');
  t.match(await page.textContent('#chips'), /Author: Salma Yousif/);
  await settled(page, () => page.click('#chips button.chip[data-filter="author"]'));
  t.equal(new URL(page.url()).searchParams.get('author'), null, 'removing the chip removes the filter');
  t.same((await hitIds(page)).sort(), [port!.id, dredging!.id, silt!.id].sort(), 'every Faw article again');
  // A byline naming two (its comma): a button for each name.
  const names = page.locator(`#results li.hit[data-id="${silt!.id}"] .hit-meta button.author`);
  t.same(await names.allTextContents(), ['Hadi Jaber', 'Faw correspondent'], 'a byline holding a comma: a button for each name it gives');
  await settled(page, () => names.first().click());
  t.equal(new URL(page.url()).searchParams.get('author'), 'Hadi Jaber', 'one name in the URL');
  t.same(await hitIds(page), [silt!.id], 'and finds his article');
  t.match(await page.textContent('#chips'), /Author: Hadi Jaber×/, 'one chip, with his name');
  await settled(page, () => page.click('#chips button.chip[data-filter="author"]'));
  t.equal(new URL(page.url()).searchParams.get('author'), null, 'and its chip removes it');
  // A whole byline holding a comma (a link made before bylines were split) is quoted, and still finds its articles.
  const both = await open(`/?ui=en&show=articles&author=${encodeURIComponent('Salma Yousif,"Hadi Jaber, Faw correspondent"')}`);
  t.same((await hitIds(both.page)).sort(), [port!.id, bridge!.id, silt!.id].sort(), 'a permalink with both bylines: all their articles');
  t.same(await both.page.locator('#chips button.chip[data-filter="author"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-value'))), ['Salma Yousif', 'Hadi Jaber, Faw correspondent'], 'a chip each');
  await settled(both.page, () => both.page.click('#chips button.chip[data-filter="author"][data-value="Salma Yousif"]'));
  t.equal(new URL(both.page.url()).searchParams.get('author'), '"Hadi Jaber, Faw correspondent"', 'removing one keeps the other, still quoted');
  await done(t, both);
  // (Not the unfiltered list: the browser keeps search responses for their max-age, and the other
  // tests count the shared fixtures without these three.)
  const all = await open('/?ui=en&show=articles&author=Salma%20Yousif');
  t.same(await hitIds(all.page), [port!.id, bridge!.id], 'the permalink without a query: all of hers, in every language');
  t.match(await all.page.textContent('#chips'), /Author: Salma Yousif/);
  await done(t, all);
  const dash = await open('/?ui=en&view=dashboard&q=Faw');
  const bar = dash.page.locator('#card-authors li[data-key="Salma Yousif"]');
  t.same([await bar.locator('.bar-label').textContent(), await bar.getAttribute('data-count')], ['Salma Yousif', '1'], 'the dashboard\'s top authors: her byline as written, and how many of the Faw articles are hers');
  await settled(dash.page, () => bar.locator('button').click());
  t.equal(new URL(dash.page.url()).searchParams.get('author'), 'Salma Yousif', 'its bar filters by her');
  t.match(await dash.page.textContent('#dash-status'), /1 matching article/);
  await done(t, dash);
  const section = await open('/?ui=ar&show=articles&category=ports');
  t.same(await hitIds(section.page), [port!.id], 'a section (the feed\'s own category) as a permalink');
  t.match(await section.page.textContent('#chips'), /القسم: ports/, 'with its chip, in the interface language');
  await done(t, section);
  await done(t, w);
});

t.test('a hit that names a place links to the news about that place', async (t) => {
  // Iraq named most, Mosul the place it is about: the link goes to Mosul, a city, not to the country.
  const [bridge] = await withArticles(t, gw.es, gw.indexPrefix, [{
    slug: 'en-mosul-ferry-web', lang: 'en', source: WEB_SOURCES.TIGRIS, ageMs: HOUR, story: 'web-story-ferry',
    title: 'Ferry service across the Tigris resumes in Mosul',
    summary: 'Iraq restores a crossing closed for two years.',
    body: 'Iraq restored a ferry crossing in Mosul that had been closed for two years; Iraqi officials said boats run every hour.',
    topics: ['society'], entities: ['Q796', 'Q161179'], countries: ['IQ'],
  }]);
  const w = await open('/?ui=en&q=ferry&sort=newest');
  const { page } = w;
  const link = page.locator(`#results li.hit[data-id="${bridge!.id}"] a.nearby-link`);
  t.equal(await text(link), 'News nearby');
  t.match(await link.getAttribute('title'), /within 50 km of Mosul, the place this one names most/, 'its title names the place');
  const href = new URL((await link.getAttribute('href'))!, base);
  t.same([href.searchParams.get('near'), href.searchParams.get('radius'), href.searchParams.get('q'), href.searchParams.get('sort')], ['Q161179', '50km', null, null], 'the place by its id, 50 km, no query, near\'s own order');
  await settled(page, () => link.click());
  t.equal(await page.textContent('#chips button.chip[data-filter="near"] span:first-child'), 'Near: Mosul (50 km)', 'a chip naming the place');
  t.equal((await hitIds(page))[0], bridge!.id, 'the article about Mosul first');
  t.equal(await page.inputValue('#f-sort'), 'relevance');
  await done(t, w);
});

t.test('feeds view: the admin token, adding a site by autodiscovery, refresh and remove', async (t) => {
  const w = await open('/?ui=en&view=feeds');
  const { page } = w;
  t.match(await page.textContent('#feeds-message'), /Enter the admin token/);
  t.equal(await page.isVisible('#add-feed'), false, 'nothing to manage without the token');
  await page.fill('#admin-token', 'not-the-token-at-all');
  await page.press('#admin-token', 'Enter');
  await page.waitForSelector('#feeds-message.error');
  t.match(await page.textContent('#feeds-message'), /refused/);
  await page.fill('#admin-token', ADMIN_TOKEN);
  await page.press('#admin-token', 'Enter');
  await page.waitForSelector('#feeds-table tbody td.muted');
  t.match(await page.textContent('#feeds-table tbody'), /No feeds yet/);

  await page.fill('#feed-url', `${feeds.url}/site`);
  await page.press('#feed-url', 'Enter');
  await page.waitForSelector('#discovered li');
  t.match(await page.textContent('#feeds-message'), /is a web page/);
  t.match(await page.textContent('#discovered'), /Basra Daily — all news/);
  await page.click('#discovered li button');
  await page.waitForSelector('#feeds-table tbody tr[data-id]');
  t.match(await page.textContent('#feeds-message'), /Added Basra Daily — all news/);
  const row = page.locator('#feeds-table tbody tr[data-id]');
  t.equal(await row.count(), 1);
  t.match(await row.textContent(), new RegExp(`${feeds.url}/rss.xml`), 'the discovered feed URL was registered');
  t.equal(await row.getAttribute('data-state'), 'new');
  const [feed] = await gw.app.registry.list();
  t.equal(feed?.url, `${feeds.url}/rss.xml`);
  await shot(page, 'feeds');

  await row.locator('button', { hasText: 'Refresh' }).click();
  await page.waitForSelector('#feeds-message.ok >> text=/A fetch of .* is queued/');
  const jobs = await gw.app.queues.fetch.getJobs(['waiting', 'prioritized', 'delayed']);
  t.ok(jobs.some((j) => j.data.feedId === feed!.id && j.data.reason === 'manual'), 'a manual fetch is queued');

  const remove = row.locator('button.danger');
  await remove.click();
  t.equal((await remove.textContent())?.trim(), 'Confirm removal', 'removal asks once more');
  await remove.click();
  await page.waitForSelector('#feeds-table tbody td.muted');
  t.match(await page.textContent('#feeds-message'), /was removed/);
  t.same(await gw.app.registry.list(), [], 'the feed is gone from the registry');
  await done(t, w);
});

t.test('a gateway that requires API keys: the search page asks for one and then searches', async (t) => {
  // A second gateway over the same index and queues, with read routes behind a key.
  const keyed = await build({ es: gw.es, redis: gw.redis, queuePrefix: gw.queuePrefix, indexPrefix: gw.indexPrefix, apiKeys: ['web-reader-key-0123456789'], rateLimitMax: 0 });
  t.teardown(() => keyed.close());
  const origin = await keyed.listen({ port: 0, host: '127.0.0.1' });
  const w = await open('/?ui=en&q=Kadhimi', undefined, origin);
  const { page } = w;
  t.match(await page.textContent('#search-status'), /needs an API key/);
  t.equal(await page.locator('#results > li').count(), 0);
  t.equal(await page.isVisible('#follow'), false, 'no feed links that would be refused');
  await page.fill('#api-key', 'web-reader-key-0123456789');
  await settled(page, () => page.press('#api-key', 'Enter'));
  t.match(await page.textContent('#search-status'), /1 story · 4 articles/, 'the key opens the search');
  t.ok(await page.locator('#f-source option[value="fwebtigris000001"]').count(), 'and the source list loads with it');
  const rows = await downloadCsv(page);
  t.equal(rows.length, 4, 'the CSV link sends the key too');
  const rss = new URL((await page.getAttribute('#feed-rss', 'href'))!);
  t.equal(rss.origin, origin);
  t.same([rss.searchParams.get('q'), rss.searchParams.get('api_key')], ['Kadhimi', 'web-reader-key-0123456789'], 'the feed link carries the key, which a feed reader cannot send as a header');
  t.same((await alternates(page)).map((a) => new URL(a.href!).searchParams.get('api_key')), ['web-reader-key-0123456789', 'web-reader-key-0123456789'], 'and so do the feeds in the head');
  const feed = await fetch(rss);
  t.equal(feed.status, 200, 'the link alone opens the feed, no header sent');
  t.equal((xml.parse(await feed.text()).rss.channel.item as unknown[]).length, 4, "the search's four articles");
  const bare = new URL(rss);
  bare.searchParams.delete('api_key');
  t.equal((await fetch(bare)).status, 401, 'without the key it is refused');
  t.equal(new URL((await page.getAttribute('#export-csv', 'href'))!).searchParams.get('api_key'), null, 'the CSV link keeps sending it as a header, out of the URL');
  await settled(page, () => page.click('#show-switch a[data-show="top"]'));
  const top = new URL((await page.getAttribute('#feed-rss', 'href'))!);
  t.same([top.pathname, top.searchParams.get('api_key')], ['/v1/stories.rss', 'web-reader-key-0123456789'], 'the top stories feed carries it too');
  t.equal((await fetch(top)).status, 200);
  await done(t, w);
});

// ---- alerts -----------------------------------------------------------------------------------

interface AlertOut {
  id: string;
  name: string;
  webhook: string;
  query: Record<string, string>;
  digest?: string;
  like?: string;
  likeUrl?: string;
  minSources?: number;
  status: { delivered: number; failed: number };
}
const alertRegistry = () => new AlertRegistry(gw.redis, gw.queuePrefix);
/** The alerts as the API lists them. */
const listAlerts = async () => ((await gw.app.inject({ url: '/v1/alerts', headers: admin })).json() as { alerts: AlertOut[] }).alerts;
/** An alert made through the API, as a curl user would. */
async function makeAlert(payload: Record<string, unknown>): Promise<AlertOut> {
  const res = await gw.app.inject({ method: 'POST', url: '/v1/alerts', headers: admin, payload });
  if (res.statusCode !== 201) throw new Error(`alert not created: ${res.body}`);
  return res.json() as AlertOut;
}
/** Each alerts test starts from none. */
async function noAlerts() {
  for (const a of await listAlerts()) await gw.app.inject({ method: 'DELETE', url: `/v1/alerts/${a.id}`, headers: admin });
}
/** Sign in on the alerts view, or on the feeds view with the prefix ''. */
async function signIn(page: Page, prefix: 'alerts-' | '' = 'alerts-') {
  await page.fill(`#${prefix}admin-token`, ADMIN_TOKEN);
  await page.press(`#${prefix}admin-token`, 'Enter');
}
const alertRow = (page: Page, id: string) => page.locator(`#alerts-table tbody tr[data-id="${id}"]`);
const text = async (l: { textContent(): Promise<string | null> }) => (await l.textContent())?.replace(/\s+/g, ' ').trim();
/** A request the page made that the API refused on purpose (Chromium logs it): not a problem of the page. */
function expectRefused(w: Watched, status: number) {
  const i = w.problems.findIndex((p) => p.includes(`the server responded with a status of ${String(status)}`));
  if (i >= 0) w.problems.splice(i, 1);
}

t.test('alerts view: "Alert me about this search" opens it with the search in its form; the token is the feeds\' one; the secret is shown once; the alert is listed', async (t) => {
  await noAlerts();
  const w = await open('/?ui=en&q=Kadhimi&lang=ar,en&from=2020-01-01&show=articles');
  const { page } = w;
  t.equal(await page.isVisible('#alert-me'), true, 'the search offers an alert');
  t.equal((await page.textContent('#alert-me-link'))?.trim(), 'Alert me about this search');
  const link = new URL((await page.getAttribute('#alert-me-link', 'href'))!, base);
  t.same([link.searchParams.get('view'), link.searchParams.get('q'), link.searchParams.get('lang')], ['alerts', 'Kadhimi', 'ar,en'], 'a link to the alerts view with the search');
  await settled(page, () => page.click('#alert-me-link'));
  t.equal(new URL(page.url()).searchParams.get('view'), 'alerts');
  t.equal(await page.isVisible('#alerts-heading'), true);
  t.equal(await page.isVisible('#query-panel'), false, 'no search box: the form has the query');
  t.equal(await page.title(), 'Alerts · Akhbar');
  t.equal(await page.getAttribute('nav a[data-nav="alerts"]', 'aria-current'), 'page');
  t.match(await page.textContent('#alerts-message'), /Enter the admin token to see and manage alerts/);
  t.equal(await page.isVisible('#alert-form'), false, 'nothing to manage without the token');

  await page.fill('#alerts-admin-token', 'not-the-token-at-all');
  await page.press('#alerts-admin-token', 'Enter');
  await page.waitForSelector('#alerts-message.error');
  t.match(await page.textContent('#alerts-message'), /The admin token was refused/, 'a wrong token says so');
  t.equal(await page.isVisible('#alert-form'), false);
  // Signed in on the feeds view: signed in here too.
  await settled(page, () => page.click('nav a[data-nav="feeds"]'));
  await signIn(page, '');
  await page.waitForSelector('#feeds-table tbody td');
  await settled(page, () => page.click('nav a[data-nav="alerts"]'));
  await page.waitForSelector('#alerts-table tbody td.muted');
  t.equal(await page.isVisible('#alert-form'), true, 'the feeds view\'s token opens the alerts view');
  t.equal(await text(page.locator('#alerts-table tbody')), 'No alerts yet. Create one above.');
  t.equal(await page.textContent('#alerts-message'), '', 'nothing left of the token message');

  // The form has the search: its words, its filters by name, not its dates.
  t.equal(await page.inputValue('#alert-q'), 'Kadhimi');
  t.equal(await page.inputValue('#alert-name'), 'Kadhimi · Arabic + English', 'a name from the query, to keep or change');
  t.same(await page.$$eval('#alert-filters li', (els) => els.map((e) => e.textContent)), ['Language: Arabic + English']);
  t.equal(await page.isChecked('#alert-filters li input'), true, 'kept unless unticked');
  t.match(await page.textContent('#alert-filters-label'), /Filters of the current search/);
  t.equal(await page.isVisible('#alert-dates'), true, 'says the dates are left out');
  t.same(await page.$$eval('#alert-digest option', (els) => els.map((e) => [e.getAttribute('value'), e.textContent])), [
    ['', 'Each article as it comes'],
    ['1h', 'A digest every hour'],
    ['1d', 'A digest every day'],
  ]);
  t.equal(await page.getAttribute('#alert-webhook', 'dir'), 'ltr');

  await page.fill('#alert-webhook', 'https://hooks.example.org/akhbar');
  await page.selectOption('#alert-digest', '1h');
  await page.click('#alert-form button[type="submit"]');
  await page.waitForSelector('#alert-secret-value');
  const [made] = await listAlerts();
  t.match(made, { name: 'Kadhimi · Arabic + English', webhook: 'https://hooks.example.org/akhbar', query: { q: 'Kadhimi', lang: 'ar,en' }, digest: '1h' }, 'the API has what the form sent');
  t.same(Object.keys(made!.query).sort(), ['lang', 'q'], 'and no dates');
  t.match(await page.textContent('#alerts-message'), /The alert “Kadhimi · Arabic \+ English” is created/);
  const secret = await page.inputValue('#alert-secret-value');
  t.equal(secret, (await alertRegistry().get(made!.id))?.secret, 'the secret shown is the one that signs its deliveries');
  t.match(await page.textContent('#alert-secret'), /Copy it now: it is shown only this once\. It signs each delivery: the X-Akhbar-Signature-256 header/);
  t.equal(await page.evaluate('document.activeElement?.id'), 'alert-secret-value', 'focus on the secret, selected to copy');
  t.equal(await page.getAttribute('#alert-secret-value', 'dir'), 'ltr');

  const row = alertRow(page, made!.id);
  t.equal(await text(row.locator('.alert-name')), 'Kadhimi · Arabic + English');
  t.same(await row.locator('.alert-query-list li').allTextContents(), ['Words: Kadhimi', 'Language: Arabic + English'], 'its query in words');
  t.match(await row.locator('.alert-expanded').textContent(), /Also finds articles in every language about: Mustafa al-Kadhimi/);
  t.equal(await text(row.locator('.alert-webhook')), 'https://hooks.example.org/akhbar');
  t.equal(await row.locator('.alert-webhook span').getAttribute('dir'), 'ltr');
  t.equal(await text(row.locator('.alert-delivery')), 'A digest every hour');
  t.equal(await text(row.locator('.alert-status')), 'Nothing sent yet');
  const see = new URL((await row.locator('a.see-matches').getAttribute('href'))!, base);
  t.same(Object.fromEntries(see.searchParams), { q: 'Kadhimi', lang: 'ar,en', sort: 'newest', show: 'articles', ui: 'en' }, 'See matches: the same search in the search view, newest first');
  t.same(await axeViolations(page), [], 'axe: the alerts view with its secret and list');
  await shot(page, 'alerts');
  await settled(page, () => page.click('nav a[data-nav="dashboard"]'));
  await settled(page, () => page.click('nav a[data-nav="alerts"]'));
  await page.waitForSelector(`#alerts-table tbody tr[data-id="${made!.id}"]`);
  t.equal(await page.isVisible('#alert-secret'), false, 'leaving the view and coming back: the secret is not shown again');

  // How its deliveries went, as the delivery worker records them.
  await alertRegistry().recordDelivery(made!.id, { ok: true });
  await alertRegistry().recordDelivery(made!.id, { ok: true });
  await alertRegistry().recordDelivery(made!.id, { ok: false, error: 'HTTP 410 from hooks.example.org' });
  const status = (await alertRegistry().status(made!.id)) as { lastDeliveredAt: string; lastFailedAt: string };
  await page.reload();
  await ready(page);
  await page.waitForSelector(`#alerts-table tbody tr[data-id="${made!.id}"]`);
  t.equal(await page.isVisible('#alert-secret'), false, 'nor after a reload');
  t.notMatch(await page.content(), secret, 'it is nowhere in the page');
  const cell = row.locator('.alert-status');
  t.equal(await text(cell.locator('.delivered')), '2 sent');
  t.equal(await text(cell.locator('.failures')), '1 failed');
  t.match(await cell.locator('.failures').getAttribute('class'), /\bfailed\b/, 'failures stand out');
  t.match(await text(cell.locator('.last-sent')), /^Last sent: \S/);
  t.equal(await cell.locator('.last-sent time').getAttribute('datetime'), status.lastDeliveredAt);
  t.match(await text(cell.locator('.last-failure')), /^Last failure: \S.*HTTP 410 from hooks\.example\.org$/);
  t.equal(await cell.locator('.last-failure time').getAttribute('datetime'), status.lastFailedAt);
  t.equal(await text(cell.locator('.last-error')), 'HTTP 410 from hooks.example.org', 'the last error as the worker recorded it');

  await settled(page, () => row.locator('a.see-matches').click());
  const url = new URL(page.url());
  t.same([url.searchParams.get('view'), url.searchParams.get('q'), url.searchParams.get('lang'), url.searchParams.get('from')], [null, 'Kadhimi', 'ar,en', null], 'See matches opens the search, without the dates the alert has not');
  t.ok((await hitIds(page)).length > 0, 'which finds the articles');
  // Signed in, "Alert me about this search" leads straight to what is left to fill in.
  await settled(page, () => page.click('#alert-me-link'));
  t.equal(await page.evaluate('document.activeElement?.id'), 'alert-webhook', 'focus on the webhook field, the name being filled in');
  await settled(page, () => page.click('a.brand'));
  t.ok(await page.locator('#top-stories > li').count() > 0, 'the landing page');
  t.equal(await page.isVisible('#alert-me'), false, 'no alert offered without a query or filter: it would fire for every article');
  await done(t, w);
});

t.test('alerts view: send a test (the article it queued, or why nothing can be sent), delete in two steps', async (t) => {
  await noAlerts();
  const kadhimi = await makeAlert({ name: 'Kadhimi', webhook: 'https://hooks.example.org/k', query: { q: 'Kadhimi' } });
  const quiet = await makeAlert({ name: 'Nothing yet', webhook: 'https://hooks.example.org/n', query: { q: 'zanzibarqq', lang: 'ar' }, digest: '1d' });
  const w = await open('/?ui=en&view=alerts');
  const { page } = w;
  await signIn(page);
  await page.waitForSelector('#alerts-table tbody tr[data-id]');
  t.same(await page.$$eval('#alerts-table tbody tr', (els) => els.map((e) => e.getAttribute('data-id'))), [quiet.id, kadhimi.id], 'newest first');
  t.equal(await text(alertRow(page, quiet.id).locator('.alert-delivery')), 'A digest every day');
  t.equal(await text(alertRow(page, kadhimi.id).locator('.alert-delivery')), 'Each article as it comes');
  t.equal(await page.inputValue('#alert-q'), '', 'no search, an empty query to type');
  t.match(await page.textContent('#alert-filters-label'), /No filters/);

  const test = alertRow(page, kadhimi.id).locator('button.test');
  t.equal(await test.getAttribute('aria-label'), 'Send a test of Kadhimi');
  await test.click();
  await page.waitForSelector('#alerts-message.ok');
  const jobs = await gw.app.queues.alerts.getJobs(['waiting']);
  const job = jobs.find((j) => (j.data as { alertId: string }).alertId === kadhimi.id);
  const queued = (job?.data as { test?: boolean; article: { title: string } } | undefined);
  t.equal(queued?.test, true, 'a test delivery is queued');
  t.match(await page.textContent('#alerts-message'), `A test of “Kadhimi” is on its way to its webhook with the newest matching article: “${queued!.article.title}”`, 'the page names the article it queued');

  await alertRow(page, quiet.id).locator('button.test').click();
  await page.waitForSelector('#alerts-message.error');
  t.equal(await page.textContent('#alerts-message'), 'Nothing in the index matches “Nothing yet” yet, so there is no article to send as a test.');

  const remove = alertRow(page, quiet.id).locator('button.danger');
  t.equal(await remove.getAttribute('aria-label'), 'Delete Nothing yet');
  await remove.click();
  t.equal((await remove.textContent())?.trim(), 'Confirm deletion', 'deleting asks once more');
  t.equal(await remove.getAttribute('aria-label'), 'Confirm deletion of Nothing yet');
  t.same((await listAlerts()).map((a) => a.id).sort(), [kadhimi.id, quiet.id].sort(), 'nothing deleted on the first click');
  await remove.click();
  await page.waitForSelector('#alerts-message.ok >> text=/is deleted/');
  t.equal(await page.textContent('#alerts-message'), '“Nothing yet” is deleted: nothing more goes to its webhook.');
  t.equal(await alertRow(page, quiet.id).count(), 0, 'gone from the list');
  t.same((await listAlerts()).map((a) => a.id), [kadhimi.id], 'and from the API');
  await done(t, w);
});

t.test('alerts view: a query typed in; the API\'s errors are shown naming the field at fault', async (t) => {
  await noAlerts();
  const w = await open('/?ui=en&view=alerts');
  const { page } = w;
  await signIn(page);
  await page.waitForSelector('#alerts-table tbody td');
  await page.fill('#alert-q', 'oil');
  t.equal(await page.inputValue('#alert-name'), 'oil', 'the name follows what is typed until the user writes one');
  await page.fill('#alert-name', 'Oil news');
  await page.fill('#alert-webhook', 'ftp://hooks.example.org/oil');
  await page.click('#alert-form button[type="submit"]');
  await page.waitForSelector('#alerts-message.error');
  t.equal(await page.textContent('#alerts-message'), 'Webhook URL or email address: webhook must be an http or https URL', "the API's message, under the field's label");
  t.equal(await page.getAttribute('#alert-webhook', 'aria-invalid'), 'true');
  t.equal(await page.evaluate('document.activeElement?.id'), 'alert-webhook', 'focus on the field to fix');
  t.equal(await page.isVisible('#alert-secret'), false);
  expectRefused(w, 400);

  await page.fill('#alert-webhook', 'https://hooks.example.org/oil');
  await page.fill('#alert-q', '');
  await page.click('#alert-form button[type="submit"]');
  await page.waitForSelector('#alerts-message.error >> text=/What to watch/');
  t.match(await page.textContent('#alerts-message'), /^What to watch: an alert needs q, a filter/, 'no query and no filter');
  t.equal(await page.getAttribute('#alert-q', 'aria-invalid'), 'true');
  t.equal(await page.getAttribute('#alert-webhook', 'aria-invalid'), null, 'the fixed field is no longer marked');
  expectRefused(w, 400);
  t.same(await listAlerts(), [], 'nothing was created');

  await page.fill('#alert-q', 'oil OR نفط');
  t.same(await page.$$eval('#alert-format option', (els) => els.map((e) => e.textContent)), ['Akhbar JSON (signed)', 'Slack or Mattermost message', 'Discord message']);
  await page.selectOption('#alert-format', 'slack');
  await page.click('#alert-form button[type="submit"]');
  await page.waitForSelector('#alert-secret-value');
  const [made] = await listAlerts();
  t.match(made, { name: 'Oil news', webhook: 'https://hooks.example.org/oil', query: { q: 'oil OR نفط' }, format: 'slack' }, 'a Slack message, as picked');
  t.equal(made!.digest, undefined, 'each article as it comes');
  t.same(await alertRow(page, made!.id).locator('.alert-query-list li').allTextContents(), ['Words: oil OR نفط']);
  t.match(await alertRow(page, made!.id).locator('.alert-delivery').textContent(), /Slack or Mattermost message/, 'the row says which message it sends');

  // An email address as typed: a mailto: alert, and no secret to copy (an email is not signed).
  await page.fill('#alert-name', 'Oil by email');
  await page.fill('#alert-webhook', 'desk@news.example');
  await page.selectOption('#alert-format', 'akhbar');
  await page.click('#alert-form button[type="submit"]');
  await page.waitForSelector('#alerts-message.ok >> text=/emailed/');
  t.equal(await page.textContent('#alerts-message'), 'The alert “Oil by email” is created: its matches will be emailed to desk@news.example.');
  t.equal(await page.isVisible('#alert-secret'), false, 'no signing secret shown for an email');
  const mailed = (await listAlerts()).find((a) => a.name === 'Oil by email');
  t.equal(mailed?.webhook, 'mailto:desk@news.example', 'sent to the API as mailto:');

  // Stories, not articles: sent once a story is carried by enough sources.
  t.same(await page.$$eval('#alert-min-sources option', (els) => els.map((e) => e.textContent)), ['Each matching article', 'Stories carried by 2 or more sources', 'Stories carried by 3 or more sources', 'Stories carried by 5 or more sources', 'Stories carried by 10 or more sources']);
  await page.fill('#alert-name', 'Oil stories');
  await page.fill('#alert-webhook', 'https://hooks.example.org/oil-stories');
  await page.selectOption('#alert-min-sources', '3');
  await page.click('#alert-form button[type="submit"]');
  await page.waitForSelector('#alert-secret-value');
  const stories = (await listAlerts()).find((a) => a.name === 'Oil stories');
  t.equal(stories?.minSources, 3, 'sent to the API as minSources');
  t.match(await alertRow(page, stories!.id).locator('.alert-delivery').textContent(), /Stories carried by 3 or more sources/, 'the row says it sends stories');
  await done(t, w);
});

t.test('alerts view in Arabic: labels, counts in Arabic plural forms, right to left; axe finds nothing, on a phone too', async (t) => {
  await noAlerts();
  const made = await makeAlert({ name: 'الكاظمي', webhook: 'https://hooks.example.org/ar', query: { q: 'الكاظمي', country: 'IQ' }, digest: '2h' });
  for (let i = 0; i < 3; i++) await alertRegistry().recordDelivery(made.id, { ok: true });
  const w = await open('/?ui=ar&view=alerts');
  const { page } = w;
  const n = (v: number) => page.evaluate((x) => new Intl.NumberFormat('ar').format(x), v);
  t.equal(await page.getAttribute('html', 'dir'), 'rtl');
  t.equal((await page.textContent('nav a[data-nav="alerts"]'))?.trim(), 'التنبيهات');
  t.equal((await page.textContent('#alerts-heading'))?.trim(), 'التنبيهات');
  t.equal(await page.textContent('#alerts-message'), 'أدخل رمز المشرف لعرض التنبيهات وإدارتها.');
  await signIn(page);
  await page.waitForSelector(`#alerts-table tbody tr[data-id="${made.id}"]`);
  t.same(await page.$$eval('#alert-form label', (els) => els.slice(0, 7).map((e) => e.textContent)), ['الاسم', 'عنوان webhook أو بريد إلكتروني', 'الإرسال', 'شكل الرسالة', 'ما يُرسل', 'الكلمات', 'في العناوين فقط']);
  t.equal((await page.textContent('#alert-form legend'))?.trim(), 'ما يُراقَب');
  t.same(await page.$$eval('#alert-digest option', (els) => els.map((e) => e.textContent)), ['كل مقالة فور وصولها', 'ملخص كل ساعة', 'ملخص كل يوم']);
  t.equal((await page.textContent('#alert-form button[type="submit"]'))?.trim(), 'أنشئ التنبيه');
  const row = alertRow(page, made.id);
  t.same(await row.locator('.alert-query-list li').allTextContents(), ['الكلمات: الكاظمي', 'البلد المذكور: العراق'], 'the query in Arabic words');
  t.equal(await text(row.locator('.alert-delivery')), 'ملخص كل ساعتين', 'the dual: every two hours');
  t.equal(await text(row.locator('.alert-status .delivered')), `${await n(3)} رسائل مُسلَّمة`, 'three: the plural of 3 to 10');
  t.equal(await text(row.locator('.alert-status .failures')), 'لا رسائل فاشلة', 'none failed: the zero form');
  t.same(await row.locator('.actions button').allTextContents(), ['أرسل تجربة', 'احذف']);
  t.equal(await row.evaluate((el) => el.ownerDocument.defaultView!.getComputedStyle(el).direction), 'rtl', 'laid out right to left');
  t.equal(await row.locator('.alert-webhook span').evaluate((el) => el.ownerDocument.defaultView!.getComputedStyle(el).direction), 'ltr', 'the webhook URL left to right');
  const box = await row.locator('.alert-cell').boundingBox();
  const table = await page.locator('#alerts-table').boundingBox();
  t.ok(box && table && box.x + box.width >= table.x + table.width - 2, 'the first column on the right');

  await page.fill('#alert-q', 'نفط');
  await page.fill('#alert-webhook', 'https://hooks.example.org/oil');
  await page.click('#alert-form button[type="submit"]');
  await page.waitForSelector('#alert-secret-value');
  t.match(await page.textContent('#alert-secret h3'), /^سر توقيع «نفط»$/);
  t.match(await page.textContent('#alert-secret'), /انسخه الآن: لن يظهر إلا هذه المرة/);
  t.same(await axeViolations(page), [], 'axe: the Arabic alerts view with a secret and two alerts');
  await shot(page, 'alerts-arabic');
  await page.setViewportSize({ width: 390, height: 844 });
  t.ok(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth'), 'no horizontal scrolling at phone width');
  t.same(await axeViolations(page), [], 'axe: the same at phone width');
  await shot(page, 'phone-alerts-arabic');
  await page.setViewportSize({ width: 1280, height: 900 });
  await settled(page, () => page.click('#ui-switch button[data-ui="fr"]'));
  t.equal((await page.textContent('#alerts-heading'))?.trim(), 'Alertes', 'and in French');
  t.equal(await page.textContent('#alert-secret h3'), 'Le secret de signature de « نفط »', 'the secret still shown, in the new language');
  t.equal(await text(row.locator('.alert-delivery')), 'Un résumé toutes les 2 heures');
  t.equal(await text(row.locator('.alert-status .delivered')), '3 envois réussis');
  await noAlerts();
  await done(t, w);
});

// ---- places on the map, and the area filters ----------------------------------------------------

const BAGHDAD_ID = 'Q1530';
const WASHINGTON_ID = 'Q61';
const TUNIS_ID = 'Q3572';
/** The fixtures about Baghdad (the visit's Arabic map story and the Tehran–Riyadh talks), newest first. */
const NEAR_BAGHDAD = ['ar-kadhimi-map', 'en-tehran-riyadh'];
/**
 * The same, as near= ranks them (by relevance): the talks held in Baghdad, though a week older,
 * before the visit to Washington that names Baghdad in passing.
 */
const ABOUT_BAGHDAD = ['en-tehran-riyadh', 'ar-kadhimi-map'];
const bubble = (page: Page, id: string) => page.locator(`#card-map svg.world circle.place[data-id="${id}"]`);
/** Whether the centre of `inner` lies inside the box of `outer`, as the page lays them out. */
async function centreInside(inner: ReturnType<Page['locator']>, outer: ReturnType<Page['locator']>) {
  const a = await inner.boundingBox();
  const b = await outer.boundingBox();
  if (!a || !b) return false;
  const x = a.x + a.width / 2;
  const y = a.y + a.height / 2;
  return x >= b.x && x <= b.x + b.width && y >= b.y && y <= b.y + b.height;
}

t.test('the dashboard map: a circle on each place the articles are about, over its country, its area by how many, named with its count', async (t) => {
  const world = (await (await fetch(`${base}/ui/world.json`)).json()) as { places: Array<{ id: string; x: number; y: number }> };
  t.ok(world.places.some((p) => p.id === BAGHDAD_ID), 'the map data places Baghdad');
  t.notOk(world.places.some((p) => p.id === 'Q794'), 'but no country (Iran) among the places: countries are shapes');
  const w = await open('/?ui=en&view=dashboard');
  const { page } = w;
  t.same((await page.$$eval('#card-map circle.place', (els) => els.map((e) => `${e.getAttribute('data-id')}=${e.getAttribute('data-count')}`))).sort(),
    [`${BAGHDAD_ID}=2`, `${TUNIS_ID}=1`, `${WASHINGTON_ID}=4`].sort(), 'one circle per place the fixtures are about (Washington, Baghdad, Tunis), none for a country');
  t.equal(await bubble(page, BAGHDAD_ID).locator('title').textContent(), 'Baghdad: 2 articles', 'named with its count');
  t.equal(await bubble(page, BAGHDAD_ID).getAttribute('aria-label'), 'Baghdad: 2 articles');
  t.equal(await bubble(page, WASHINGTON_ID).locator('title').textContent(), 'Washington, D.C.: 4 articles');
  t.equal(await bubble(page, TUNIS_ID).locator('title').textContent(), 'Tunis: 1 article', 'one article, singular');
  const size = async (id: string) => (await bubble(page, id).boundingBox())?.width ?? 0;
  const [washington, baghdad, tunis] = [await size(WASHINGTON_ID), await size(BAGHDAD_ID), await size(TUNIS_ID)];
  t.ok(washington > baghdad && baghdad > tunis, `more articles, a bigger circle (${washington} > ${baghdad} > ${tunis})`);
  t.ok(Math.abs((washington / baghdad) ** 2 - 2) < 0.25, `its area in proportion: twice the articles, twice the area (${((washington / baghdad) ** 2).toFixed(2)})`);
  const country = (id: string) => page.locator(`#card-map svg.world .country[data-id="${id}"]`);
  t.ok(await centreInside(bubble(page, BAGHDAD_ID), country('IQ')), 'Baghdad over Iraq');
  t.ok(await centreInside(bubble(page, WASHINGTON_ID), country('US')), 'Washington over the United States');
  t.ok(await centreInside(bubble(page, TUNIS_ID), country('TN')), 'Tunis over Tunisia');
  t.match(await page.textContent('#card-map .places-legend'), /Circles: cities and regions the articles are about/, 'the legend says what the circles are');
  const calls = await apiCalls(page, '/v1/stats/map');
  t.same(calls.map((u) => [u.searchParams.get('by'), u.searchParams.get('names')]), [['place', 'en,ar,fr,fa']], 'one /v1/stats/map call, with the names of every UI language');

  // The circles follow the query, as the rest of the dashboard.
  await page.fill('#q', 'Kadhimi');
  await settled(page, () => page.press('#q', 'Enter'));
  t.same((await page.$$eval('#card-map circle.place', (els) => els.map((e) => `${e.getAttribute('data-id')}=${e.getAttribute('data-count')}`))).sort(),
    [`${BAGHDAD_ID}=1`, `${WASHINGTON_ID}=4`].sort(), 'the places of the Kadhimi articles only');
  t.equal(await bubble(page, BAGHDAD_ID).locator('title').textContent(), 'Baghdad: 1 article');
  await shot(page, 'dashboard-places');
  await done(t, w);
});

t.test('choosing a place on the map opens the articles near it, with a Near chip; Back and removing the chip bring the rest back', async (t) => {
  const w = await open('/?ui=en&view=dashboard');
  const { page } = w;
  await settled(page, () => bubble(page, BAGHDAD_ID).click());
  const url = new URL(page.url());
  t.same([url.searchParams.get('view'), url.searchParams.get('show'), url.searchParams.get('near'), url.searchParams.get('radius')], [null, 'articles', BAGHDAD_ID, '50km'], 'the search view, near Baghdad, within 50 km');
  t.same(await hitIds(page), ABOUT_BAGHDAD.map(webIdOf), 'only the articles about Baghdad');
  t.equal(await page.inputValue('#f-sort'), 'relevance', 'the order shown is the one used: relevance, near\'s default');
  t.equal(await page.textContent('#chips button.chip[data-filter="near"] span:first-child'), 'Near: Baghdad (50 km)', 'the place by name in a chip');
  t.equal(await page.getAttribute('#chips button.chip[data-filter="near"]', 'aria-label'), 'Remove filter Near: Baghdad (50 km)');
  t.ok(await page.isVisible('#alert-me'), 'a place is enough for an alert');
  const rss = new URL((await page.getAttribute('#feed-rss', 'href'))!);
  t.same([rss.searchParams.get('near'), rss.searchParams.get('radius')], [BAGHDAD_ID, '50km'], 'the feed of the search is near Baghdad too');

  await settled(page, () => page.click('#chips button.chip[data-filter="near"]'));
  const after = new URL(page.url());
  t.same([after.searchParams.get('near'), after.searchParams.get('radius')], [null, null], 'removing the chip removes near and its radius');
  t.equal(await page.locator('#results > li.hit').count(), 20, 'every article again, a page of them');
  t.match(await page.textContent('#search-status'), /33 articles/);
  t.equal(await page.locator('#chips button.chip').count(), 0, 'no chip left');

  await settled(page, () => page.goBack());
  t.equal(new URL(page.url()).searchParams.get('near'), BAGHDAD_ID, 'Back: near Baghdad again');
  t.same(await hitIds(page), ABOUT_BAGHDAD.map(webIdOf), 'with its articles');
  t.match(await page.textContent('#chips'), /Near: Baghdad \(50 km\)/);
  await settled(page, () => page.goBack());
  t.equal(new URL(page.url()).searchParams.get('view'), 'dashboard', 'Back again: the dashboard');
  t.equal(await bubble(page, BAGHDAD_ID).getAttribute('data-count'), '2');
  // Keyboard: a circle is a button.
  await bubble(page, TUNIS_ID).focus();
  await settled(page, () => page.keyboard.press('Enter'));
  t.equal(new URL(page.url()).searchParams.get('near'), TUNIS_ID, 'Enter on a circle opens the articles near it');
  t.same(await hitIds(page), [webIdOf('fr-carthage-film')], 'the film festival in Tunis');
  await done(t, w);
});

t.test('near and bbox permalinks: the same articles and chip on a fresh page; the alert form takes them', async (t) => {
  const w = await open(`/?ui=en&show=articles&near=${BAGHDAD_ID}&radius=50km`);
  const { page } = w;
  t.same(await hitIds(page), ABOUT_BAGHDAD.map(webIdOf), 'the articles near Baghdad');
  t.match(await page.textContent('#chips'), /Near: Baghdad \(50 km\)/, 'the chip names the place, read from the results');
  const link = new URL((await page.getAttribute('#alert-me-link', 'href'))!, base);
  t.same([link.searchParams.get('view'), link.searchParams.get('near'), link.searchParams.get('radius')], ['alerts', BAGHDAD_ID, '50km'], '"Alert me" carries the place and radius');
  await settled(page, () => page.click('#alert-me-link'));
  await signIn(page);
  await page.waitForSelector('#alert-filters li');
  t.same(await page.$$eval('#alert-filters li', (els) => els.map((e) => e.textContent)), ['Near: Baghdad (50 km)'], 'the alert form has the place as a filter');
  t.equal(await page.inputValue('#alert-name'), 'Baghdad (50 km)', 'and names the alert after it');
  await noAlerts();
  await page.fill('#alert-webhook', 'https://hooks.example.org/baghdad');
  await page.click('#alert-form button[type="submit"]');
  await page.waitForSelector('#alert-secret-value');
  const [made] = await listAlerts();
  t.same(made?.query, { near: BAGHDAD_ID, radius: '50km' }, 'the alert watches the articles near Baghdad');
  t.same(await alertRow(page, made!.id).locator('.alert-query-list li').allTextContents(), ['Near: Baghdad (50 km)'], 'listed with its place in words');
  await noAlerts();

  // A place by name and a wider radius in miles: named from the map of its area, in the UI language.
  const named = await open('/?ui=ar&show=articles&near=Baghdad&radius=100mi');
  const hundred = await named.page.evaluate((x) => new Intl.NumberFormat('ar').format(x), 100);
  t.same(await hitIds(named.page), ABOUT_BAGHDAD.map(webIdOf), 'a place by name finds the same articles');
  // The name arrives after the view is ready (its own request): a locator waits without eval, which the CSP forbids.
  await named.page.locator('#chips button.chip[data-filter="near"]', { hasText: 'بغداد' }).waitFor({ timeout: 15_000 });
  t.equal(await named.page.textContent('#chips button.chip[data-filter="near"] span:first-child'), `قرب: بغداد (${hundred} ميل)`, 'the chip in Arabic, the place by its Arabic name');
  await done(t, named);

  const box = await open('/?ui=en&show=articles&bbox=40,29,48,38');
  t.same(await hitIds(box.page), NEAR_BAGHDAD.map(webIdOf), 'a box around Iraq: the articles about places in it');
  t.equal(await box.page.textContent('#chips button.chip[data-filter="bbox"] span:first-child'), 'In area: 40, 29, 48, 38');
  await settled(box.page, () => box.page.click('#chips button.chip[data-filter="bbox"]'));
  t.equal(new URL(box.page.url()).searchParams.get('bbox'), null, 'removing the chip removes the box');
  t.equal(await box.page.locator('#results > li.hit').count(), 20);
  await done(t, box);
  await done(t, w);
});

t.test('the Arabic UI: a place circle named in Arabic, its chip in Arabic words and numbers', async (t) => {
  const w = await open('/?ui=ar&view=dashboard');
  const { page } = w;
  t.equal(await bubble(page, BAGHDAD_ID).locator('title').textContent(), 'بغداد: مقالتان', 'Baghdad by its Arabic name, two articles in the dual');
  t.equal(await bubble(page, WASHINGTON_ID).getAttribute('aria-label'), `واشنطن: ${await page.evaluate((x) => new Intl.NumberFormat('ar').format(x), 4)} مقالات`);
  t.match(await page.textContent('#card-map .places-legend'), /^الدوائر: /);
  await settled(page, () => bubble(page, BAGHDAD_ID).click());
  const fifty = await page.evaluate((x) => new Intl.NumberFormat('ar').format(x), 50);
  t.equal(await page.textContent('#chips button.chip[data-filter="near"] span:first-child'), `قرب: بغداد (${fifty} كم)`);
  t.same(await hitIds(page), ABOUT_BAGHDAD.map(webIdOf));
  await done(t, w);
});

t.test("grouped results show each story by its article in the interface's language", async (t) => {
  const leadOf = async (ui: string) => {
    const w = await open(`/?ui=${ui}&q=Washington`);
    const visit = ['ar-kadhimi-map', 'ar-kadhimi-office', 'en-kadhimi-map', 'fr-kadhimi-map'].map((slug) => `#results li.hit[data-id="${webIdOf(slug)}"]`).join(', ');
    t.equal(await w.page.locator(visit).count(), 1, `${ui}: the visit is one result`);
    const lang = await w.page.locator(visit).getAttribute('data-lang');
    const calls = await apiCalls(w.page, '/v1/search');
    await done(t, w);
    return { lang, prefer: calls.at(-1)?.searchParams.get('prefer') };
  };
  t.same(await leadOf('ar'), { lang: 'ar', prefer: 'ar' }, 'Arabic interface: the Arabic report');
  t.same(await leadOf('fr'), { lang: 'fr', prefer: 'fr' }, 'French interface: the French report');
  t.same(await leadOf('en'), { lang: 'en', prefer: 'en' }, 'English interface: the English report');
});

t.test('a query in Sorani Kurdish shows each story by its Sorani report first, then in the interface\'s language', async (t) => {
  const [sorani] = await withArticles(t, gw.es, gw.indexPrefix, [{
    slug: 'ckb-kadhimi-visit', lang: 'ckb', source: WEB_SOURCES.DIJLA, ageMs: 6 * HOUR, story: STORY_VISIT,
    title: 'کازمی بۆ دیدارێکی فەرمی دەچێتە واشنتن', summary: 'سەرۆک وەزیرانی عێراق لەگەڵ سەرۆکی ئەمریکا کۆدەبێتەوە.',
    body: 'مستەفا کازمی، سەرۆک وەزیرانی عێراق، هەفتەی داهاتوو سەردانی واشنتن دەکات و لەگەڵ دۆناڵد ترەمپ کۆدەبێتەوە.',
    entities: ['mustafa-al-kadhimi', 'Q61', 'Q22686'], countries: ['IQ', 'US'], topics: ['politics'],
  }]);
  const w = await open(`/?ui=en&q=${encodeURIComponent('مستەفا کازمی')}`);
  const call = (await apiCalls(w.page, '/v1/search')).at(-1);
  t.equal(call?.searchParams.get('prefer'), 'ckb,en', 'Sorani first (its letters ە ێ ۆ ڕ ڵ), then the interface\'s English');
  const visit = w.page.locator(`#results li.hit[data-id="${sorani!.id}"]`);
  t.equal(await visit.count(), 1, 'the visit is shown by its Sorani report');
  t.equal(await visit.locator('article').getAttribute('dir'), 'rtl', 'right to left');
  t.equal(await visit.locator('article').getAttribute('lang'), 'ckb');
  await done(t, w);
});

t.test('a query in Persian shows each story by its Persian report first; so does the Persian interface', async (t) => {
  const [persian] = await withArticles(t, gw.es, gw.indexPrefix, [{
    slug: 'fa-kadhimi-visit', lang: 'fa', source: WEB_SOURCES.DIJLA, ageMs: 6 * HOUR, story: STORY_VISIT,
    title: 'کاظمی برای دیداری رسمی راهی واشنگتن می‌شود', summary: 'نخست‌وزیر عراق با رئیس‌جمهور آمریکا دیدار می‌کند.',
    body: 'مصطفی کاظمی، نخست‌وزیر عراق، هفتهٔ آینده به واشنگتن می‌رود و با دونالد ترامپ دیدار می‌کند.',
    entities: ['mustafa-al-kadhimi', 'Q61', 'Q22686'], countries: ['IQ', 'US'], topics: ['politics'],
  }]);
  const preferOf = async (page: Page) => (await apiCalls(page, '/v1/search')).at(-1)?.searchParams.get('prefer');
  const w = await open(`/?ui=en&q=${encodeURIComponent('مصطفی کاظمی')}`);
  t.equal(await preferOf(w.page), 'fa,en', 'Persian first (its ک and ی), then the interface\'s English');
  t.equal(await w.page.locator(`#results li.hit[data-id="${persian!.id}"] article`).getAttribute('lang'), 'fa', 'the visit is shown by its Persian report');
  await done(t, w);
  const ui = await open('/?ui=fa&q=Washington');
  t.equal(await preferOf(ui.page), 'fa', 'the Persian interface prefers Persian reports');
  t.equal(await ui.page.locator(`#results li.hit[data-id="${persian!.id}"]`).count(), 1, 'and shows the visit by its Persian report');
  await done(t, ui);
});

t.test('the Persian interface shows a chosen date in the Solar Hijri calendar beside the Gregorian picker', async (t) => {
  const w = await open('/?ui=fa&show=articles&from=2026-11-30&to=2026-12-21');
  const { page } = w;
  t.equal(await page.inputValue('#f-from'), '2026-11-30', 'the picker keeps the Gregorian day the API takes');
  t.match(await page.textContent('#f-from-alt'), /۹ آذر ۱۴۰۵/, '30 November 2026 is 9 Azar 1405');
  t.match(await page.textContent('#f-to-alt'), /۳۰ آذر ۱۴۰۵/, '21 December 2026 is 30 Azar 1405');
  t.equal(await page.getAttribute('#f-from', 'aria-describedby'), 'f-from-alt', 'read out with the field');
  await settled(page, () => page.fill('#f-from', '2026-03-21'));
  t.match(await page.textContent('#f-from-alt'), /۱ فروردین ۱۴۰۵/, 'a new day, a new Hijri date: Nowruz');
  await done(t, w);
  const en = await open('/?ui=en&show=articles&from=2026-11-30');
  t.equal(await en.page.isHidden('#f-from-alt'), true, 'other interfaces keep the one calendar');
  await done(t, en);
});

// ---- an entity's page ---------------------------------------------------------------------------

/** The fixtures that name an entity, newest first. */
const naming = (id: string) => articles.filter((a) => a.enrichment.entities.some((e) => e.id === id)).sort((a, b) => Date.parse(b.publishedAt) - Date.parse(a.publishedAt));
/** The entity as the fixtures tag it (its names in every language). */
const fixtureEntity = (id: string) => articles.flatMap((a) => a.enrichment.entities).find((e) => e.id === id)!;
/** Entities of `types` named in the same fixtures as `id` (itself left out), with how many articles: "key=count", sorted. */
function relatedOf(id: string, types: string[]): string[] {
  const counts = new Map<string, number>();
  for (const a of naming(id)) {
    for (const e of new Map(a.enrichment.entities.map((x) => [x.id, x])).values()) {
      if (e.id !== id && types.includes(e.type)) counts.set(e.id, (counts.get(e.id) ?? 0) + 1);
    }
  }
  return [...counts].map(([k, n]) => `${k}=${String(n)}`).sort();
}
/** A bar list's rows as "key=count", sorted, and its labels by key. */
async function bars(page: Page, card: string) {
  const rows = await page.$$eval(`#${card} li[data-key]`, (els) => els.map((e) => [e.getAttribute('data-key')!, e.getAttribute('data-count')!, e.querySelector('.bar-label bdi')?.textContent ?? '']));
  return { counts: rows.map(([k, n]) => `${k}=${n}`).sort(), labels: Object.fromEntries(rows.map(([k, , label]) => [k, label])) };
}
const entityPage = (id: string, ui = 'en') => `/?ui=${ui}&view=entity&id=${encodeURIComponent(id)}`;
const entityTotal = (page: Page) => page.getAttribute('#entity-summary [data-stat="total"] [data-count]', 'data-count');

t.test('"Read here" opens an article\'s page: its text in its own direction, what it names, the story told elsewhere, related articles; Back returns', async (t) => {
  const w = await open(`/?ui=en&show=articles&group=0&q=${encodeURIComponent('الكاظمي خريطة')}`);
  const { page } = w;
  const id = webIdOf('ar-kadhimi-map');
  const read = page.locator(`#results a.read-link[data-article="${id}"]`);
  t.equal(await read.getAttribute('href'), `/?view=article&id=${id}&ui=en`, 'a real link: a new tab opens it too');
  await settled(page, () => read.click());
  t.equal(new URL(page.url()).searchParams.get('view'), 'article');
  const heading = page.locator('#article-heading');
  t.equal(await heading.textContent(), 'مصادر: الكاظمي يحمل إلى واشنطن خريطة بانتشار الفصائل المسلحة');
  t.equal(await heading.getAttribute('dir'), 'rtl', 'the Arabic title right to left');
  t.equal(await page.getAttribute('#article-text', 'lang'), 'ar');
  t.match(await page.textContent('#article-text'), /قالت مصادر قريبة من رئيس الوزراء مصطفى الكاظمي/, 'its text, as stored');
  t.match(await page.textContent('#article-meta'), /الرافدين بوست.*Arabic.*tone -3\.1/s, 'source, language and tone');
  t.match(await page.textContent('#article-named'), /Named in it: Mustafa al-Kadhimi/, 'who and what it names, in the interface\'s language');
  t.equal(await page.getAttribute('#article-original', 'href'), articles.find((a) => a.id === id)!.url, 'and the link to the original');
  t.equal(await page.textContent('#article-original'), `Read it at ${WEB_SOURCES.RAFIDAIN.name}`);
  const story = await page.$$eval('#article-story li', (els) => els.map((e) => e.getAttribute('data-id')));
  t.same(story.sort(), ['ar-kadhimi-office', 'en-kadhimi-map', 'fr-kadhimi-map'].map(webIdOf).sort(), 'the story\'s three other reports, itself left out');
  t.ok(await page.locator('#article-related li').count() > 0, 'related articles');
  t.equal(await page.getAttribute('#article-story a.feed-atom', 'href'), `${base}/v1/search.atom?story=${STORY_VISIT}`, 'the story as a feed, as it grows');
  t.notOk((await page.$$eval('#article-related li', (els) => els.map((e) => e.getAttribute('data-id')))).some((x) => story.includes(x!) || x === id), 'related ones are not of its story');
  t.ok(await page.locator('#filters').isHidden(), 'no filters on an article\'s page');
  // Printed: the article, not the page's controls, and where it came from.
  await page.emulateMedia({ media: 'print' });
  t.ok(await page.locator('header.top').isHidden(), 'printed: no navigation');
  t.ok(await page.locator('#query-panel').isHidden(), 'no query box');
  t.ok(await page.locator('#article-text').isVisible(), 'the text');
  t.equal(await page.evaluate("getComputedStyle(document.getElementById('article-original'), '::after').content"), `" — ${articles.find((a) => a.id === id)!.url}"`, 'and the address of the original');
  await page.emulateMedia({ media: 'screen' });
  t.same(await axeViolations(page), [], 'axe finds nothing');
  await shot(page, 'article-page');

  // Another report of the story opens in the same view.
  const en = webIdOf('en-kadhimi-map');
  await settled(page, () => page.click(`#article-story li[data-id="${en}"] a`));
  t.equal(new URL(page.url()).searchParams.get('id'), en);
  t.equal(await page.getAttribute('#article-heading', 'dir'), 'auto');
  t.match(await page.textContent('#article-text'), /Mustafa al-Kadhimi will take a map/);
  await settled(page, () => page.goBack());
  await settled(page, () => page.goBack());
  t.same(await hitIds(page), [id, ...(await hitIds(page)).slice(1)], 'Back twice: the results again');
  t.equal(new URL(page.url()).searchParams.get('q'), 'الكاظمي خريطة');
  await done(t, w);
});

t.test('an article\'s page: its paragraphs, picture and reading time; a summary-only one says so; the Arabic UI; an unknown id', async (t) => {
  const paragraphs = ['Basra port reopened its container berths on Monday after a week of dredging works.', 'Shipping agents said the first vessels were already waiting offshore.', 'The port authority expects normal traffic by the end of the month.'];
  const [long, short] = await withArticles(t, gw.es, gw.indexPrefix, [
    { slug: 'en-port-long', lang: 'en', source: WEB_SOURCES.TIGRIS, ageMs: 30 * HOUR, story: 'web-story-port', title: 'Basra port reopens its berths', summary: 'Dredging is done.', body: paragraphs.join('\n\n'), author: 'Rana Haddad', image: `${base}/favicon.svg` },
    { slug: 'en-port-short', lang: 'en', source: WEB_SOURCES.TIGRIS, ageMs: 31 * HOUR, story: 'web-story-port-2', title: 'Basra port to reopen', summary: 'The berths open on Monday.', body: '' },
  ]);
  const w = await open(`/?ui=en&view=article&id=${long!.id}`);
  const { page } = w;
  t.same(await page.$$eval('#article-text p', (els) => els.map((e) => e.textContent)), paragraphs, 'a paragraph each');
  t.equal(await page.getAttribute('#article-figure img', 'src'), `${base}/favicon.svg`, 'its picture');
  t.equal(await page.getAttribute('#article-figure img', 'referrerpolicy'), 'no-referrer');
  t.match(await page.textContent('#article-meta'), /Rana Haddad.*1 min read/s, 'byline and reading time');
  t.equal(await page.getAttribute('#article-meta a.author-link', 'href'), `/?view=author&id=${encodeURIComponent('Rana Haddad').replace(/%20/g, '+')}&ui=en`, "the byline opens its author's page");
  t.match(await page.textContent('#article-story'), /No other article tells this story yet/);
  t.ok(await page.locator('#article-note').isHidden(), 'no note: it has its text');
  await page.close();

  const s = await open(`/?ui=en&view=article&id=${short!.id}`);
  t.same(await s.page.$$eval('#article-text p', (els) => els.map((e) => e.textContent)), ['The berths open on Monday.'], 'only a summary: the summary');
  t.match(await s.page.textContent('#article-note'), /only this summary; the whole article is at its source/);
  t.ok(await s.page.locator('#article-figure').isHidden(), 'no picture');
  await done(t, s);

  const ar = await open(`/?ui=ar&view=article&id=${webIdOf('ar-kadhimi-office')}`);
  t.equal(await ar.page.textContent('#h-article-story'), 'القصة نفسها في مصادر أخرى');
  t.match(await ar.page.textContent('#article-named'), /ورد فيه: مصطفى الكاظمي/, 'names in Arabic');
  t.match(await ar.page.textContent('#article-story .story-all'), /الأقدم أولا/);
  t.same(await axeViolations(ar.page), [], 'axe finds nothing in Arabic');
  await shot(ar.page, 'article-page-ar');
  await done(t, ar);

  const none = await open('/?ui=en&view=article&id=no-such-article');
  t.equal(await none.page.textContent('#article-heading'), 'Not found');
  t.match(await none.page.textContent('#article-status'), /No article has the id “no-such-article”/);
  t.ok(await none.page.locator('#article-cards').isHidden());
  expectRefused(none, 404);
  await done(t, none);
  t.same(w.problems, [], 'no page errors, CSP violations or requests off the gateway');
});

t.test("a source's name opens its page: its site and country, its articles counted, its output, languages, topics, authors, who it names, its newest articles", async (t) => {
  const src = WEB_SOURCES.RAFIDAIN;
  const w = await open(`/?ui=en&show=articles&group=0&q=${encodeURIComponent('الكاظمي خريطة')}`);
  const { page } = w;
  const link = page.locator(`#results li.hit[data-id="${webIdOf('ar-kadhimi-map')}"] a.source-link`);
  t.equal(await link.getAttribute('href'), `/?view=source&id=${src.id}&ui=en`, 'the name is a real link');
  t.equal(await link.getAttribute('title'), `The page of ${src.name}`);
  await settled(page, () => link.click());
  t.equal(await page.textContent('#source-heading'), src.name);
  t.match(await page.textContent('#source-facts'), /rafidain-post\.example · Iraq/, 'its site and country');
  const api = (await gw.app.inject({ url: `/v1/sources/${src.id}` })).json() as { total: number; last30Days: number };
  t.equal(await page.getAttribute('#source-summary [data-stat="total"] [data-count]', 'data-count'), String(api.total), 'its articles, as the API counts them');
  t.equal(await page.getAttribute('#source-summary [data-stat="last30"] [data-count]', 'data-count'), String(api.last30Days));
  t.match(await page.textContent('#source-summary'), /Articles.*In the last 30 days.*a day.*First seen.*Last seen.*Average tone/s);
  t.match(await page.textContent('#source-langs'), /Arabic/);
  t.match(await page.textContent('#source-topics'), /politics/);
  const firstApi = (await gw.app.inject({ url: `/v1/stats/first?carriedBy=${src.id}&from=now-30d&limit=10` })).json() as { stories: number; sources: Array<{ key: string; first: number }> };
  t.ok(firstApi.stories > 0, 'it carried a story other sources carried too');
  t.same(await page.$$eval('#source-first li', (els) => els.map((e) => [e.getAttribute('data-key'), Number(e.getAttribute('data-count'))])),
    firstApi.sources.filter((r) => r.first > 0).map((r) => [r.key, r.first]), 'who reported its stories first (carriedBy=)');
  t.match(await page.textContent('#source-people'), /Mustafa al-Kadhimi/, 'who it names, in the interface\'s language');
  t.same(await page.$$eval('#source-articles li.hit', (els) => els.map((e) => e.getAttribute('data-id'))).then((ids) => ids.sort()),
    articles.filter((a) => a.feedId === src.id).map((a) => a.id).sort(), 'its newest articles: all of its own');
  t.ok(await page.locator('#source-timeline svg').count() > 0, 'its output over 30 days');
  const rss = (await page.getAttribute('#source-follow a.feed-rss', 'href'))!;
  t.equal(rss, `${base}/v1/search.rss?source=${src.id}`, 'its articles as a feed');
  t.same(await page.$$eval('head link[rel="alternate"][data-feed]', (els) => els.map((e) => e.getAttribute('href'))), [rss, `${base}/v1/search.atom?source=${src.id}`], 'and in the head, for feed readers');
  const feed = await (await fetch(rss)).text();
  t.equal([...feed.matchAll(/<item>/g)].length, articles.filter((a) => a.feedId === src.id).length, 'the feed: its articles');
  const csvHref = (await page.getAttribute('#source-follow a.profile-csv', 'href'))!;
  const rows = parse(await (await fetch(new URL(csvHref, base))).text(), { columns: true, bom: true }) as Array<{ id: string }>;
  t.same(rows.map((r) => r.id).sort(), articles.filter((a) => a.feedId === src.id).map((a) => a.id).sort(), 'and its articles as CSV');
  t.same(await axeViolations(page), [], 'axe finds nothing');
  await shot(page, 'source-page');

  await settled(page, () => page.click('#source-search'));
  const url = new URL(page.url());
  t.equal(url.searchParams.get('source'), src.id, '"Search its articles": the source filter');
  t.match(await page.textContent('#chips'), new RegExp(`Source: ${src.name}`));
  await done(t, w);

  const ar = await open(`/?ui=ar&view=source&id=${src.id}`);
  t.equal(await ar.page.textContent('#h-source-people'), 'أشخاص يذكرهم');
  t.match(await ar.page.textContent('#source-people'), /مصطفى الكاظمي/);
  t.match(await ar.page.textContent('#source-facts'), /العراق/);
  t.same(await axeViolations(ar.page), [], 'axe finds nothing in Arabic');
  await done(t, ar);

  const none = await open('/?ui=en&view=source&id=fnosuchsource0001');
  t.equal(await none.page.textContent('#source-heading'), 'Not found');
  t.match(await none.page.textContent('#source-status'), /No feed has the id “fnosuchsource0001”/);
  t.ok(await none.page.locator('#source-cards').isHidden());
  expectRefused(none, 404);
  await done(t, none);
});

t.test('the sources directory: every outlet with its matching articles, site, country, languages and latest; the filters and order apply; a name opens its page', async (t) => {
  const w = await open('/?ui=en&view=sources');
  const { page } = w;
  const api = async (params: Record<string, string>) => ((await (await fetch(`${base}/v1/sources?${new URLSearchParams({ limit: '500', ...params }).toString()}`)).json()) as { sources: Array<{ id: string; articles: number; domain: string }> }).sources;
  const rows = () => page.$$eval('#sources-rows tr', (els) => els.map((e) => [e.getAttribute('data-id'), Number(e.getAttribute('data-count'))]));
  const all = await api({});
  t.same(await rows(), all.map((s) => [s.id, s.articles]), 'every source, most articles first, as the API counts them');
  t.equal(await page.textContent('#sources-status'), `${String(all.length)} sources`);
  const rafidain = page.locator(`#sources-rows tr[data-id="${WEB_SOURCES.RAFIDAIN.id}"]`);
  t.match(await rafidain.textContent(), new RegExp(`${WEB_SOURCES.RAFIDAIN.name}rafidain-post\\.exampleIraqArabic`), 'its name, site, country and languages');
  t.same(await axeViolations(page), [], 'axe finds nothing');
  await shot(page, 'sources');

  await settled(page, () => page.selectOption('#f-lang', 'fr'));
  t.same(await rows(), (await api({ lang: 'fr' })).map((s) => [s.id, s.articles]), 'the filters above apply: sources with French articles, counting those');
  await settled(page, () => page.selectOption('#sources-rank', 'latest'));
  t.equal(new URL(page.url()).searchParams.get('rank'), 'latest', 'the order in the URL');
  t.same(await rows(), (await api({ lang: 'fr', sort: 'latest' })).map((s) => [s.id, s.articles]), 'the one that published last first');
  const csv = parse(await (await fetch((await page.getAttribute('#sources-csv', 'href'))!)).text(), { columns: true, bom: true }) as Array<{ id: string; articles: string }>;
  t.same(csv.map((r) => [r.id, Number(r.articles)]), await rows(), 'the list as CSV: the same sources, counts and order');

  await settled(page, () => page.locator('#sources-rows a.source-link').first().click());
  t.equal(new URL(page.url()).searchParams.get('view'), 'source', 'a name opens the source\'s page');
  await done(t, w);

  const ar = await open('/?ui=ar&view=sources');
  t.equal(await ar.page.textContent('#sources-heading'), 'وسائل الإعلام');
  t.equal(await ar.page.textContent('nav a[data-nav="sources"]'), 'وسائل الإعلام', 'apart from the feeds (المصادر)');
  t.same(await axeViolations(ar.page), [], 'axe finds nothing in Arabic');
  await done(t, ar);
});

t.test('coverage like a text: a pasted paragraph finds the stories most like it in every language; the filters narrow them; the tab keeps the text', async (t) => {
  const w = await open('/?ui=en&view=similar');
  const { page } = w;
  t.equal(await page.textContent('#similar-status'), 'Paste a text above to find the coverage most like it.', 'nothing asked yet');
  t.equal(await page.locator('#similar-results > li').count(), 0);
  t.equal(await page.getAttribute('nav a[data-nav="similar"]', 'aria-current'), 'page');
  // A reader's own summary of the visit, in none of the articles' words order.
  const TEXT = 'رئيس الوزراء العراقي يتوجه إلى واشنطن حاملا خريطة للفصائل المسلحة، ويلتقي الرئيس ترامب لبحث الأمن والطاقة';
  await page.fill('#similar-text', TEXT);
  await settled(page, () => page.click('#similar-form button[type="submit"]'));
  const like = async (params: Record<string, string>) => (await (await fetch(`${base}/v1/similar?${new URLSearchParams({ limit: '30', collapse: 'story', ...params }).toString()}`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: TEXT }),
  })).json()) as { total: number; stories: number; hits: Array<{ id: string; lang: string; story: { id: string } }> };
  const shown = () => page.$$eval('#similar-results > li.hit', (els) => els.map((e) => e.getAttribute('data-id')));
  const all = await like({});
  t.same(await shown(), all.hits.map((h) => h.id), "the API's hits, in its order, one per story");
  t.equal(all.hits[0]?.story.id, STORY_VISIT, 'the visit first');
  t.equal(await page.textContent('#similar-status'), `${String(all.stories)} ${all.stories === 1 ? 'story' : 'stories'} · ${String(all.total)} articles · Written in Arabic`, 'how many, and the language it was read in');
  t.match(await text(page.locator('#similar-named')), /^Also finding coverage in every language about: .*Washington, D\.C\..*Donald Trump/, 'the names it found, each a link');
  t.ok(await page.locator('#similar-results button.story-btn').count() > 0, "a story's other articles a click away");
  t.same(await axeViolations(page), [], 'axe finds nothing');
  await shot(page, 'similar');

  // "Alert me about new coverage like this": the alerts form with the text to be like.
  await noAlerts();
  await settled(page, () => page.click('#similar-alert-link'));
  t.equal(new URL(page.url()).searchParams.get('view'), 'alerts');
  await signIn(page);
  await page.waitForSelector('#alert-like:not([hidden])');
  t.equal(await text(page.locator('#alert-like-text')), TEXT, 'the text it will be like');
  t.equal(await page.inputValue('#alert-name'), TEXT.split(/\s+/).slice(0, 8).join(' '), 'named by its first words');
  await page.fill('#alert-webhook', 'https://hooks.example.org/like');
  await page.click('#alert-form button[type="submit"]');
  await page.waitForSelector('#alert-secret-value');
  const [likeAlert] = await listAlerts();
  t.match(likeAlert, { like: TEXT, webhook: 'https://hooks.example.org/like' }, 'the API has the text as like');
  t.match(await text(alertRow(page, likeAlert!.id).locator('.alert-like')), /^Like this text: رئيس الوزراء العراقي/, 'the row shows the text');
  t.equal(await alertRow(page, likeAlert!.id).locator('a.see-matches').count(), 0, 'and no search link: no search says the same');
  t.equal(await page.isHidden('#alert-like'), true, 'the form is ready for another alert');
  await noAlerts();
  await settled(page, () => page.goBack());
  t.equal(new URL(page.url()).searchParams.get('view'), 'similar', 'Back to the similar coverage');

  await settled(page, () => page.selectOption('#f-lang', 'en'));
  const en = await like({ lang: 'en' });
  t.ok(en.hits.length > 0);
  t.same(await shown(), en.hits.map((h) => h.id), 'the filters above narrow it: English coverage of it');
  t.equal(await page.inputValue('#similar-text'), TEXT, 'the text stays');

  await page.reload();
  await ready(page);
  t.equal(await page.inputValue('#similar-text'), TEXT, 'the tab keeps the text through a reload (a URL cannot hold it)');
  t.same(await shown(), en.hits.map((h) => h.id), 'and asks again');
  await done(t, w);

  // An article's address instead of a text: one the index holds is read from it and left out.
  const held = (await (await fetch(`${base}/v1/articles/${webIdOf('en-kadhimi-map')}`)).json()) as { url: string; title: string };
  const visit = await open('/?ui=en&view=similar');
  await visit.page.fill('#similar-text', held.url);
  await settled(visit.page, () => visit.page.click('#similar-form button[type="submit"]'));
  t.equal(await text(visit.page.locator('#similar-read')), `Read from the article here (not listed): ${held.title}`, 'says what it read');
  t.equal(await visit.page.getAttribute('#similar-read a', 'href'), `/?view=article&id=${webIdOf('en-kadhimi-map')}&ui=en`, "a link to that article's page");
  const visitIds = await visit.page.$$eval('#similar-results > li.hit', (els) => els.map((e) => e.getAttribute('data-id')));
  t.notOk(visitIds.includes(webIdOf('en-kadhimi-map')), 'not itself');
  t.ok(visitIds.some((id) => [webIdOf('ar-kadhimi-map'), webIdOf('ar-kadhimi-office'), webIdOf('fr-kadhimi-map')].includes(id!)), 'its story, told in other languages');
  t.equal(new URL(visit.page.url()).searchParams.get('url'), held.url, 'an address goes in the page URL: a permalink');
  t.equal(await visit.page.getAttribute('#similar-bookmarklet', 'href'), `javascript:location.href='${base}/?view=similar&url='+encodeURIComponent(location.href)`, 'the bookmarklet opens this view with the page it is clicked on');
  // An alert for coverage like the article at that address: the API reads it (likeUrl).
  await noAlerts();
  await settled(visit.page, () => visit.page.click('#similar-alert-link'));
  await signIn(visit.page);
  await visit.page.waitForSelector('#alert-like:not([hidden])');
  t.equal(await text(visit.page.locator('#alert-like')), `Like the article at: ${held.url} Remove`, 'the form says which article it will be like');
  const where = new URL(held.url);
  t.equal(await visit.page.inputValue('#alert-name'), `${where.hostname}${where.pathname}`, 'named by where it is');
  await visit.page.fill('#alert-webhook', 'https://hooks.example.org/like-page');
  await visit.page.click('#alert-form button[type="submit"]');
  await visit.page.waitForSelector('#alert-secret-value');
  const [pageAlert] = await listAlerts();
  t.match(pageAlert, { likeUrl: held.url, webhook: 'https://hooks.example.org/like-page' }, 'made with likeUrl');
  t.ok(pageAlert!.like?.startsWith(held.title), 'the API stored the article\'s text as like');
  t.equal(await alertRow(visit.page, pageAlert!.id).locator('.alert-like a.like-url').getAttribute('href'), held.url, 'the row links the article it is like');
  await noAlerts();
  await done(t, visit);
  // What the bookmarklet opens (and the permalink): the view, reading that address at once.
  const link = await open(`/?ui=en&view=similar&url=${encodeURIComponent(held.url)}`);
  t.equal(await link.page.inputValue('#similar-text'), held.url, 'the address in the box');
  t.equal(await text(link.page.locator('#similar-read')), `Read from the article here (not listed): ${held.title}`);
  t.same(await link.page.$$eval('#similar-results > li.hit', (els) => els.map((e) => e.getAttribute('data-id'))), visitIds, 'the same coverage');
  await done(t, link);

  const ar = await open('/?ui=ar&view=similar');
  t.equal(await ar.page.textContent('#similar-heading'), 'تغطية تشبه نصا');
  t.equal(await ar.page.textContent('#similar-status'), 'الصق نصا أعلاه للعثور على التغطية الأقرب إليه.', 'a new tab starts with no text: it was kept in the other tab only');
  t.same(await axeViolations(ar.page), [], 'axe finds nothing in Arabic');
  await done(t, ar);
});

t.test("an author's page: from the dashboard's top authors, their outlets, numbers and lists; a co-byline gives each of its names a page", async (t) => {
  // A byline naming a writer and her desk: each name is counted, and has its page.
  const BYLINE = 'Nour Hamdan, Basra desk';
  const NAME = 'Nour Hamdan';
  const [first, second] = await withArticles(t, gw.es, gw.indexPrefix, [
    {
      slug: 'en-nour-web', lang: 'en', source: WEB_SOURCES.TIGRIS, ageMs: HOUR, story: 'web-story-nour-1', author: BYLINE, entities: [KADHIMI_ID], topics: ['politics'], tone: -1,
      title: 'Basra council votes on a new governor', summary: 'The vote was close.', body: 'The provincial council in Basra voted on Monday to choose a new governor after weeks of talks.',
    },
    {
      slug: 'ar-nour-web', lang: 'ar', source: WEB_SOURCES.RAFIDAIN, ageMs: 2 * HOUR, story: 'web-story-nour-2', author: 'NOUR HAMDAN, BASRA DESK', topics: ['politics'], tone: 3,
      title: 'مجلس البصرة يصوت على محافظ جديد', summary: 'تصويت متقارب.', body: 'صوت مجلس محافظة البصرة يوم الاثنين على اختيار محافظ جديد بعد أسابيع من المشاورات.',
    },
    {
      // Her name in Arabic script, on an article of its own: her page offers it.
      slug: 'ar-nour-script-web', lang: 'ar', source: WEB_SOURCES.RAFIDAIN, ageMs: 3 * HOUR, story: 'web-story-nour-3', author: 'نور حمدان',
      title: 'محافظ البصرة الجديد يؤدي اليمين', summary: 'مراسم قصيرة.', body: 'أدى محافظ البصرة الجديد اليمين القانونية في مراسم قصيرة.',
    },
  ]);
  const dash = await open(`/?ui=en&view=dashboard&q=${encodeURIComponent('Basra council')}`);
  t.same(await dash.page.$$eval('#card-authors li', (els) => els.map((e) => e.getAttribute('data-key')).sort()), ['Basra desk', NAME], 'each name the byline gives has its bar');
  const profile = dash.page.locator(`#card-authors a.author-link[data-author="${NAME}"]`);
  t.equal(await profile.getAttribute('aria-label'), `Profile of ${NAME}`, 'a Profile link beside the name\'s bar');
  await settled(dash.page, () => profile.click());
  const { page } = dash;
  t.equal(new URL(page.url()).searchParams.get('view'), 'author');
  t.equal(new URL(page.url()).searchParams.get('id'), NAME, 'her name in the permalink');
  t.equal(await text(page.locator('#author-heading')), NAME, 'named as her newest article writes it');
  t.equal(await page.title(), `${NAME} · Akhbar`);
  const outlets = [WEB_SOURCES.TIGRIS.name, WEB_SOURCES.RAFIDAIN.name];
  t.ok([`Writes for ${outlets.join(', ')}`, `Writes for ${outlets.reverse().join(', ')}`].includes((await text(page.locator('#author-facts .author-outlets')))!), 'the outlets it writes for (one article each)');
  t.equal(await text(page.locator('#author-facts .author-also')), 'Possibly also written نور حمدان (1 article)', 'her name in Arabic script, offered');
  t.equal(new URL((await page.getAttribute('#author-facts .author-also a.author-link', 'href'))!, base).searchParams.get('id'), 'نور حمدان', 'opening its own page');
  t.equal(await page.getAttribute(`#author-facts a.source-link[data-source="${WEB_SOURCES.RAFIDAIN.id}"]`, 'href'), `/?view=source&id=${WEB_SOURCES.RAFIDAIN.id}&ui=en`, "each opening the outlet's page");
  t.equal(await text(page.locator('#author-summary [data-stat="total"] dd')), '2 articles', 'both articles, whatever the case of the byline');
  t.same(await page.$$eval('#author-sources li', (els) => els.map((e) => e.getAttribute('data-key'))).then((k) => k.sort()), [WEB_SOURCES.TIGRIS.id, WEB_SOURCES.RAFIDAIN.id].sort());
  t.same(await page.$$eval('#author-articles li.hit', (els) => els.map((e) => e.getAttribute('data-id'))), [first!.id, second!.id], 'its newest articles');
  t.same(await page.$$eval('#author-authors li', (els) => els.map((e) => [e.getAttribute('data-key'), e.getAttribute('data-count')])), [['Basra desk', '2']], 'who she writes with (not herself)');
  t.equal(new URL(await page.locator('#author-authors li a').first().getAttribute('href') ?? '', base).searchParams.get('id'), 'Basra desk', "each opening that name's page");
  t.equal(new URL(await page.getAttribute('#author-search', 'href') ?? '', base).searchParams.get('author'), NAME, '"Search their articles": by her name');
  t.equal(new URL(await page.getAttribute('#author-follow a.profile-csv', 'href') ?? '', base).searchParams.get('author'), NAME, 'the CSV too');
  t.same(await axeViolations(page), [], 'axe finds nothing');
  await shot(page, 'author');
  await settled(page, () => page.click('#author-search'));
  t.same((await hitIds(page)).sort(), [first!.id, second!.id].sort(), 'and the search finds both');
  await done(t, dash);

  const ar = await open(`/?ui=ar&view=author&id=${encodeURIComponent(NAME.toLowerCase())}`);
  t.equal(await text(ar.page.locator('#author-heading')), NAME, 'a permalink in another case finds the same page');
  t.match(await text(ar.page.locator('#author-facts')), /^يكتب في /);
  t.same(await axeViolations(ar.page), [], 'axe finds nothing in Arabic');
  await done(t, ar);
  const none = await open(`/?ui=en&view=author&id=${encodeURIComponent('Nobody At All')}`);
  t.equal(await text(none.page.locator('#author-status')), 'No article is signed “Nobody At All”.');
  expectRefused(none, 404);
  await done(t, none);
});

t.test("the dashboard's top sources: a bar still filters, the link beside it opens the source's page", async (t) => {
  const w = await open('/?ui=en&view=dashboard');
  const { page } = w;
  const profile = page.locator(`#card-sources a.source-link[data-source="${WEB_SOURCES.TIGRIS.id}"]`);
  t.equal(await profile.getAttribute('aria-label'), `Profile of ${WEB_SOURCES.TIGRIS.name}`, 'named for the source, its visible word first');
  await settled(page, () => profile.click());
  t.equal(new URL(page.url()).searchParams.get('view'), 'source');
  t.equal(await page.textContent('#source-heading'), WEB_SOURCES.TIGRIS.name);
  await done(t, w);
});

t.test("an entity's page by its permalink: its name, type and country, its articles counted, first and last seen, tone, coverage, languages, who and what is named with it, its newest articles", async (t) => {
  const w = await open(entityPage(KADHIMI_ID));
  const { page } = w;
  const his = naming(KADHIMI_ID);
  const kadhimi = fixtureEntity(KADHIMI_ID);
  t.ok(his.length > 1, `the fixtures name him in ${String(his.length)} articles`);
  t.equal(await page.isVisible('#view-entity'), true);
  t.equal(await page.isVisible('#view-search'), false);
  t.equal(await text(page.locator('#entity-heading')), kadhimi.names!.en, 'his name in the interface language');
  t.equal(await page.title(), `${kadhimi.names!.en} · Akhbar`);
  t.equal(await page.textContent('#entity-facts .entity-type'), 'Person');
  t.equal(await page.textContent('#entity-facts .entity-country'), 'Iraq', 'his country by its name');
  t.equal(await page.locator('#entity-facts a.wikidata').count(), 0, 'no Wikidata page for an id that is no QID');
  t.equal(await entityTotal(page), String(his.length), 'every article that names him');
  t.equal(await text(page.locator('#entity-summary [data-stat="total"] dd')), `${String(his.length)} articles`);
  const recent = his.filter((a) => Date.parse(a.publishedAt) >= Date.now() - 30 * 86_400_000).length;
  t.match(await text(page.locator('#entity-summary [data-stat="last30"] dd')), new RegExp(`^${String(recent)} articles? \\(≈ ${String(Math.round((recent / 30) * 10) / 10)} a day\\)$`), 'and how many in the last 30 days, a day on average');
  t.match(await page.textContent('#entity-authors'), /Who writes about it\s*No data for this search/, 'who writes about him: these feeds give no bylines');
  const firstApi = (await (await fetch(`${base}/v1/stats/first?entity=${KADHIMI_ID}&from=now-30d&limit=10`)).json()) as { sources: Array<{ key: string; first: number }> };
  t.ok(firstApi.sources.some((r) => r.first > 0), 'the fixtures have a story about him several sources carry');
  t.same(await page.$$eval('#entity-first li', (els) => els.map((e) => [e.getAttribute('data-key'), Number(e.getAttribute('data-count'))])),
    firstApi.sources.filter((r) => r.first > 0).map((r) => [r.key, r.first]), 'who breaks the news about him: the sources first on his stories');
  t.equal(Date.parse((await page.getAttribute('#entity-summary [data-stat="first"] time', 'datetime'))!), Date.parse(his.at(-1)!.publishedAt), 'first seen: his oldest article');
  t.equal(Date.parse((await page.getAttribute('#entity-summary [data-stat="last"] time', 'datetime'))!), Date.parse(his[0]!.publishedAt), 'last seen: his newest');
  t.match(await text(page.locator('#entity-summary [data-stat="last"] time')), /^[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2}\s?[AP]M$/, 'a date and time as the results show them');
  const tones = his.map((a) => a.enrichment.tone!.score);
  const tone = Number(await page.getAttribute('#entity-summary [data-stat="tone"] .tone-badge', 'data-tone'));
  t.ok(Math.abs(tone - tones.reduce((s, x) => s + x, 0) / tones.length) < 0.01, `the average tone of his articles (${String(tone)})`);
  t.match(await page.getAttribute('#entity-summary .tone-badge', 'class'), /tone-neg/, 'coloured by its sign');

  // His languages, and who and what is named with him, by name.
  const langs = await bars(page, 'entity-langs');
  const byLang = new Map<string, number>();
  for (const a of his) byLang.set(a.enrichment.lang, (byLang.get(a.enrichment.lang) ?? 0) + 1);
  t.same(langs.counts, [...byLang].map(([l, n]) => `${l}=${String(n)}`).sort(), 'his languages, with their counts');
  t.same(langs.labels, { ar: 'Arabic', en: 'English', fr: 'French' });
  const people = await bars(page, 'entity-people');
  t.same(people.counts, relatedOf(KADHIMI_ID, ['person']), 'the people named with him (himself left out)');
  t.same(people.labels, { Q22686: 'Donald Trump' });
  const places = await bars(page, 'entity-places');
  t.same(places.counts, relatedOf(KADHIMI_ID, ['place', 'country']), 'the places and countries named with him');
  t.equal(places.labels[BAGHDAD_ID], 'Baghdad');
  t.equal(places.labels[WASHINGTON_ID], fixtureEntity(WASHINGTON_ID).names!.en);
  t.equal(await page.getAttribute(`#entity-places li[data-key="${BAGHDAD_ID}"] a.bar-row`, 'href'), `/?view=entity&id=${BAGHDAD_ID}&ui=en`, 'each a link to its own page');
  t.match(await page.textContent('#entity-orgs'), /None in the same articles/, 'no organisation: said so');
  t.match(await page.textContent('#entity-sources'), /Tigris Wire/);
  t.match(await page.textContent('#entity-topics'), /politics/);

  // His newest articles first, as search results.
  t.same(await page.$$eval('#entity-articles li.hit', (els) => els.map((e) => e.getAttribute('data-id'))), his.map((a) => a.id), 'his articles, newest first');
  t.equal(await page.locator('#entity-articles li.hit').first().getAttribute('data-id'), his[0]!.id);
  t.equal(await page.locator('#entity-articles li.hit article[lang="ar"]').first().getAttribute('dir'), 'rtl', 'an Arabic one right to left');

  // Coverage over the last 30 days: the dashboard's chart, from the timeline with the entity filter.
  const counts = await page.$$eval('#entity-timeline svg.timeline g.bucket', (els) => els.map((e) => Number(e.getAttribute('data-count'))));
  t.ok(counts.length >= 30, `a bar a day (${String(counts.length)})`);
  t.equal(counts.reduce((a, b) => a + b, 0), his.filter((a) => Date.parse(a.publishedAt) > Date.now() - 30 * 24 * HOUR).length, 'his articles of the last 30 days');
  t.equal(await page.textContent('#h-entity-timeline'), 'Articles in the last 30 days');
  const calls = await apiCalls(page, '/v1/stats/timeline');
  t.same(calls.map((u) => [u.searchParams.get('entity'), u.searchParams.get('from'), u.searchParams.get('interval')]), [[KADHIMI_ID, 'now-30d', 'day']]);
  t.same(await axeViolations(page), [], 'axe: the entity page');
  await shot(page, 'entity-kadhimi');
  await done(t, w);
});

t.test("an entity in a search result opens its page; Back returns to the same results; a modified click leaves the results for a new tab", async (t) => {
  const w = await open('/?ui=en&q=Kadhimi&show=articles');
  const { page } = w;
  const before = page.url();
  const ids = await hitIds(page);
  t.ok(ids.length > 0);
  const link = page.locator(`#results > li.hit .entities a[data-entity="${KADHIMI_ID}"]`).first();
  t.equal(await link.textContent(), 'Mustafa al-Kadhimi');
  t.equal(await link.getAttribute('href'), `/?view=entity&id=${KADHIMI_ID}&ui=en`, 'a real link');
  t.equal(await page.getAttribute(`#expanded a[data-entity="${KADHIMI_ID}"]`, 'href'), `/?view=entity&id=${KADHIMI_ID}&ui=en`, '"Also finding articles about" names him by a link too');
  const [tab] = await Promise.all([ctx.waitForEvent('page'), link.click({ modifiers: ['Control'] })]);
  await tab.waitForLoadState();
  t.equal(new URL(tab.url()).searchParams.get('id'), KADHIMI_ID, 'Ctrl+click: his page in a new tab');
  await tab.close();
  t.equal(page.url(), before, 'while this tab keeps the results');

  await settled(page, () => link.click());
  const url = new URL(page.url());
  t.same([url.searchParams.get('view'), url.searchParams.get('id'), url.searchParams.get('q')], ['entity', KADHIMI_ID, null], 'his page, by its permalink, without the search');
  t.equal(await text(page.locator('#entity-heading')), 'Mustafa al-Kadhimi');
  t.equal(await page.isVisible('#view-search'), false);
  t.equal(await page.isVisible('#filters'), false, 'no filters: the page does not take them');
  t.equal(await page.evaluate('document.activeElement?.id'), 'entity-heading', 'focus on the heading');
  await settled(page, () => page.goBack());
  t.equal(page.url(), before, 'Back: the same search');
  t.same(await hitIds(page), ids, 'with the same results');
  t.equal(await page.inputValue('#q'), 'Kadhimi');
  await settled(page, () => page.goForward());
  t.equal(await text(page.locator('#entity-heading')), 'Mustafa al-Kadhimi', 'Forward: his page again');
  // The query box there searches.
  await page.fill('#q', 'Baghdad');
  await settled(page, () => page.press('#q', 'Enter'));
  const searched = new URL(page.url());
  t.same([searched.searchParams.get('view'), searched.searchParams.get('id'), searched.searchParams.get('q')], [null, null, 'Baghdad'], 'a query typed on the page opens the search');
  await done(t, w);
});

t.test("the dashboard's people, organisations and places: a bar still filters, the link beside it opens the page", async (t) => {
  const w = await open('/?ui=en&view=dashboard');
  const { page } = w;
  const row = page.locator(`#card-entities li[data-key="${KADHIMI_ID}"]`);
  const profile = row.locator('a.bar-page');
  t.equal(await profile.textContent(), 'Profile');
  t.equal(await profile.getAttribute('aria-label'), 'Profile of Mustafa al-Kadhimi', 'named for the entity');
  t.equal(await profile.getAttribute('href'), `/?view=entity&id=${KADHIMI_ID}&ui=en`);
  t.equal(await page.locator(`#card-trending #trend-entities li[data-key="${KADHIMI_ID}"] a.bar-page`).count(), 1, 'the trending names too');
  await settled(page, () => row.locator('button.bar-row').click());
  t.equal(new URL(page.url()).searchParams.get('entity'), KADHIMI_ID, 'the bar filters by him, as before');
  t.match(await page.textContent('#dash-status'), new RegExp(`${String(naming(KADHIMI_ID).length)} matching articles`));
  await settled(page, () => page.locator(`#card-entities li[data-key="${KADHIMI_ID}"] a.bar-page`).click());
  const url = new URL(page.url());
  t.same([url.searchParams.get('view'), url.searchParams.get('id'), url.searchParams.get('entity')], ['entity', KADHIMI_ID, null], 'the link opens his page');
  t.equal(await entityTotal(page), String(naming(KADHIMI_ID).length));
  await done(t, w);
});

t.test("a related place opens that place's page: its own name, count, Wikidata link and relations", async (t) => {
  const w = await open(entityPage(KADHIMI_ID));
  const { page } = w;
  await settled(page, () => page.click(`#entity-places li[data-key="${BAGHDAD_ID}"] a.bar-row`));
  t.equal(new URL(page.url()).searchParams.get('id'), BAGHDAD_ID, "Baghdad's page");
  t.equal(await text(page.locator('#entity-heading')), 'Baghdad');
  t.equal(await page.textContent('#entity-facts .entity-type'), 'Place');
  t.equal(await page.textContent('#entity-facts .entity-country'), 'Iraq');
  const wikidata = page.locator('#entity-facts a.wikidata');
  t.equal(await wikidata.getAttribute('href'), `https://www.wikidata.org/wiki/${BAGHDAD_ID}`, 'its Wikidata page');
  t.equal(await wikidata.getAttribute('rel'), 'noopener noreferrer');
  t.equal(await entityTotal(page), String(naming(BAGHDAD_ID).length), 'the articles about Baghdad');
  t.same((await bars(page, 'entity-people')).counts, relatedOf(BAGHDAD_ID, ['person']), 'the people named with it, Kadhimi among them');
  t.same(await page.$$eval('#entity-articles li.hit', (els) => els.map((e) => e.getAttribute('data-id'))), naming(BAGHDAD_ID).map((a) => a.id));
  await settled(page, () => page.click(`#entity-people li[data-key="${KADHIMI_ID}"] a.bar-row`));
  t.equal(await text(page.locator('#entity-heading')), 'Mustafa al-Kadhimi', 'and back to him from there');
  await settled(page, () => page.goBack());
  t.equal(await text(page.locator('#entity-heading')), 'Baghdad', 'Back: Baghdad');
  // A country among the places: named as the UI names countries.
  await settled(page, () => page.goBack());
  await settled(page, () => page.click('#entity-places li[data-key="Q794"] a.bar-row'));
  t.equal(await text(page.locator('#entity-heading')), 'Iran');
  t.equal(await page.textContent('#entity-facts .entity-type'), 'Country');
  t.equal(await entityTotal(page), String(naming('Q794').length));
  const offGateway = (await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name))).filter((u) => !u.startsWith(base));
  t.same(offGateway, [], 'every request went to the gateway');
  await done(t, w);
});

t.test('"Search its articles" opens the search with the entity chip and only its articles; "Alert me about it" prefills the alert', async (t) => {
  const w = await open(entityPage(KADHIMI_ID));
  const { page } = w;
  const his = naming(KADHIMI_ID).map((a) => a.id);
  t.equal(await page.textContent('#entity-search'), 'Search its articles');
  await settled(page, () => page.click('#entity-search'));
  const url = new URL(page.url());
  t.same([url.searchParams.get('view'), url.searchParams.get('entity'), url.searchParams.get('show'), url.searchParams.get('id')], [null, KADHIMI_ID, 'articles', null], 'the search view with the entity filter');
  t.equal(await page.textContent('#chips button.chip[data-filter="entity"] span:first-child'), 'About: Mustafa al-Kadhimi', 'his chip, by name');
  const ids = await hitIds(page);
  t.ok(ids.length > 0 && ids.every((id) => his.includes(id!)), 'only his articles');
  t.match(await page.textContent('#search-status'), new RegExp(`\\b${String(his.length)} articles`), 'all of them');
  await settled(page, () => page.click('#chips button.chip[data-filter="entity"]'));
  t.match(await page.textContent('#search-status'), /33 articles/, 'the chip removes the filter, as any chip');

  await settled(page, () => page.goBack());
  await settled(page, () => page.goBack());
  t.equal(new URL(page.url()).searchParams.get('view'), 'entity', 'Back: his page');
  // A language of his: its articles in that language.
  await settled(page, () => page.click('#entity-langs li[data-key="fr"] a.bar-row'));
  const fr = new URL(page.url());
  t.same([fr.searchParams.get('entity'), fr.searchParams.get('lang')], [KADHIMI_ID, 'fr']);
  t.same(await hitIds(page), naming(KADHIMI_ID).filter((a) => a.enrichment.lang === 'fr').map((a) => a.id), 'his French article');
  await settled(page, () => page.goBack());

  const alert = new URL((await page.getAttribute('#entity-alert', 'href'))!, base);
  t.same([alert.searchParams.get('view'), alert.searchParams.get('entity')], ['alerts', KADHIMI_ID]);
  await settled(page, () => page.click('#entity-alert'));
  t.equal(new URL(page.url()).searchParams.get('view'), 'alerts');
  t.same(await page.$$eval('#alert-filters li', (els) => els.map((e) => e.textContent)), ['About: Mustafa al-Kadhimi'], 'the alert form watches him');
  t.equal(await page.inputValue('#alert-name'), 'Mustafa al-Kadhimi', 'and is named after him');
  await done(t, w);
});

t.test("the Arabic interface: the entity's page in Arabic names, words and numbers, right to left", async (t) => {
  const w = await open(entityPage(KADHIMI_ID, 'ar'));
  const { page } = w;
  const ar = (n: number) => page.evaluate((x) => new Intl.NumberFormat('ar').format(x), n);
  t.equal(await page.getAttribute('html', 'dir'), 'rtl');
  t.equal(await text(page.locator('#entity-heading')), fixtureEntity(KADHIMI_ID).names!.ar, 'his Arabic name');
  t.equal(await page.locator('#entity-heading').evaluate((el) => el.ownerDocument.defaultView.getComputedStyle(el).direction), 'rtl');
  t.equal(await page.title(), `${fixtureEntity(KADHIMI_ID).names!.ar} · أخبار`);
  t.equal(await page.textContent('#entity-facts .entity-type'), 'شخص');
  t.equal(await page.textContent('#entity-facts .entity-country'), 'العراق');
  const n = naming(KADHIMI_ID).length;
  t.equal(await text(page.locator('#entity-summary [data-stat="total"] dd')), `${await ar(n)} مقالات`, 'his count in Arabic words and digits');
  t.equal(await page.textContent('#h-entity-timeline'), `المقالات في آخر ${await ar(30)} يوما`);
  t.same((await bars(page, 'entity-people')).labels, { Q22686: 'دونالد ترامب' }, 'the people named with him by their Arabic names');
  const places = (await bars(page, 'entity-places')).labels;
  t.same([places[BAGHDAD_ID], places[WASHINGTON_ID]], ['بغداد', 'واشنطن'], 'and the places');
  const topics = (await (await fetch(`${base}/ui/topics.json`)).json()) as { topics: Array<{ id: string; labels: Record<string, string> }> };
  t.equal((await bars(page, 'entity-topics')).labels.politics, topics.topics.find((x) => x.id === 'politics')!.labels.ar, 'topics by their Arabic labels');
  t.equal(await page.textContent('#entity-search'), 'ابحث في المقالات عن هذا الاسم');
  // Laid out right to left: the first action on the right, the bars' labels at the right edge.
  const [search, alert] = [await page.locator('#entity-search').boundingBox(), await page.locator('#entity-alert').boundingBox()];
  t.ok(search && alert && search.x > alert.x, 'the first action is the rightmost');
  const label = await page.locator('#entity-people li .bar-label').first().boundingBox();
  const card = await page.locator('#entity-people').boundingBox();
  t.ok(label && card && card.x + card.width - (label.x + label.width) < 40, 'a name starts at the right of its card');
  t.same(await axeViolations(page), [], 'axe: the Arabic entity page');
  await shot(page, 'entity-kadhimi-arabic');
  await page.setViewportSize({ width: 390, height: 844 });
  t.ok(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth'), 'no horizontal scrolling at phone width');
  await shot(page, 'phone-entity-arabic');
  await settled(page, () => page.click('#ui-switch button[data-ui="fr"]'));
  t.equal(await text(page.locator('#entity-heading')), fixtureEntity(KADHIMI_ID).names!.fr, 'switched to French: his French name');
  t.equal(await page.getAttribute('html', 'dir'), 'ltr');
  t.equal(await page.textContent('#entity-search'), 'Chercher ses articles');
  t.equal(new URL(page.url()).searchParams.get('id'), KADHIMI_ID, 'the same page');
  await done(t, w);
});

t.test('an unknown entity: a clear "not found", not a blank page; a failing card fails alone', async (t) => {
  const w = await open(entityPage('Q999999999'));
  const { page } = w;
  expectRefused(w, 404);
  t.equal(await text(page.locator('#entity-heading')), 'Not found');
  t.match(await page.textContent('#entity-status'), /No person, organisation, place or country has the id “Q999999999”/);
  t.equal(await page.isVisible('#entity-cards'), false, 'no empty cards');
  t.equal(await page.isVisible('#entity-actions'), false);
  t.equal(await page.title(), 'Not found · Akhbar');
  t.same(await axeViolations(page), [], 'axe: the not-found page');
  await done(t, w);

  // The timeline's call fails: its card says so, the rest of the page stands.
  const broken = await open(entityPage(KADHIMI_ID));
  await broken.page.route('**/v1/stats/timeline?*', (route) => route.fulfill({ status: 500, contentType: 'application/json', body: JSON.stringify({ error: { code: 'AKHBAR_INTERNAL', message: 'the timeline broke' } }) }));
  await broken.page.reload();
  await ready(broken.page);
  expectRefused(broken, 500);
  t.equal(await text(broken.page.locator('#entity-timeline .card-body')), 'Something went wrong: the timeline broke', 'the error in its card');
  t.equal(await entityTotal(broken.page), String(naming(KADHIMI_ID).length), 'the rest of the page is there');
  t.ok(await broken.page.locator('#entity-people li').count() > 0);
  await done(t, broken);
});

t.test("a story's page: who reported it first and who followed, how it spread by language, its languages, countries and articles", async (t) => {
  type StoryApi = {
    size: number; firstSeen: string;
    sources: Array<{ id: string; name: string; country?: string }>; langs: Array<{ key: string; count: number }>;
    articles: Array<{ id: string; title: string; lang: string; publishedAt: string; source: { id: string; name: string } }>;
  };
  const story = (await (await fetch(`${base}/v1/stories/${STORY_VISIT}?limit=100`)).json()) as StoryApi;
  const first = story.articles[0]!;
  const w = await open('/?ui=en');
  const { page } = w;
  const link = page.locator(`#top-stories > li[data-story="${STORY_VISIT}"] a.story-page-link`);
  t.equal(await link.getAttribute('href'), `/?view=story&id=${STORY_VISIT}&ui=en`, "a top story links its page");
  await settled(page, () => link.click());
  t.equal(new URL(page.url()).searchParams.get('view'), 'story');
  const lead = story.articles.find((a) => a.lang === 'en') ?? first;
  t.equal(await text(page.locator('#story-heading')), lead.title, 'headed by its first article in the interface language');
  t.equal(await page.title(), `${lead.title} · Akhbar`);
  t.ok((await text(page.locator('#story-facts')))!.startsWith(`First reported by ${first.source.name}, `), `who reported it first: ${first.source.name}`);
  t.match(await text(page.locator('#story-facts')), new RegExp(`${String(story.sources.length)} sources in ${String(story.langs.length)} languages over \\d+ hours?$`), 'how far and how long it ran');
  t.equal(await text(page.locator('#story-summary [data-stat="articles"] dd')), `${String(story.size)} articles`);
  const order = [...new Set(story.articles.map((a) => a.source.id))];
  t.same(await page.$$eval('#story-order li', (els) => els.map((e) => e.getAttribute('data-source'))), order, 'its sources in the order they first reported it');
  t.match(await text(page.locator('#story-order li').nth(1)), /\((\d+ h )?(\d+ min )?later\)/, 'each after the first says how much later');
  t.same(await page.$$eval('#story-langs li', (els) => els.map((e) => e.getAttribute('data-key'))), story.langs.map((l) => l.key), 'its languages, most articles first');
  t.same(await page.$$eval('#story-articles li.hit', (els) => els.map((e) => e.getAttribute('data-id'))), story.articles.map((a) => a.id), 'its articles, oldest first');
  t.equal(await page.locator('#story-timeline svg').count(), 1, 'its spread over time, charted');
  const search = new URL((await page.getAttribute('#story-search', 'href'))!, base);
  t.same([search.searchParams.get('story'), search.searchParams.get('sort')], [STORY_VISIT, 'oldest'], 'every article of it, as a search');
  t.equal(new URL((await page.getAttribute('#story-alert', 'href'))!, base).searchParams.get('story'), STORY_VISIT, 'an alert on its new articles');
  const csv = parse(await (await fetch(new URL((await page.getAttribute('#story-follow a.profile-csv', 'href'))!, base))).text(), { columns: true, bom: true }) as Array<{ id: string }>;
  t.same(csv.map((r) => r.id), story.articles.map((a) => a.id), 'its articles as CSV, oldest first');
  t.same(await axeViolations(page), [], 'axe finds nothing');
  await shot(page, 'story');
  await done(t, w);

  const ar = await open(`/?ui=ar&view=story&id=${STORY_VISIT}`);
  t.equal(await text(ar.page.locator('#story-heading')), (story.articles.find((a) => a.lang === 'ar') ?? first).title, 'in Arabic: its first Arabic article');
  t.equal(await ar.page.getAttribute('#story-heading', 'dir'), 'rtl');
  t.ok((await text(ar.page.locator('#story-facts')))!.startsWith('أول من نشرها'));
  t.same(await axeViolations(ar.page), [], 'axe finds nothing in Arabic');
  await done(t, ar);

  // A wire text republished by another outlet: the order says so.
  const WIRE = [
    'Iraq signed a deal on Sunday with a French energy group to build a solar plant of one gigawatt in the southern desert near Samawa, the electricity ministry said.',
    'The plant, the largest of its kind in the country, is due to feed the national grid within three years and to cover part of the shortfall that leaves homes with a few hours of power a day in summer.',
    'Officials said the contract also covers a training programme for Iraqi engineers and a maintenance centre in Muthanna province, one of the poorest in Iraq.',
  ].join(' ');
  await withArticles(t, gw.es, gw.indexPrefix, [
    { slug: 'en-wire-solar', lang: 'en', source: WEB_SOURCES.TIGRIS, ageMs: 3 * HOUR, story: 'web-story-wire', title: 'Iraq signs solar plant deal', summary: 'A gigawatt near Samawa.', body: WIRE },
    { slug: 'en-wire-solar-copy', lang: 'en', source: WEB_SOURCES.ORIENT, ageMs: 2 * HOUR, story: 'web-story-wire', title: 'Iraq signs solar plant deal', summary: 'A gigawatt near Samawa.', body: `${WIRE} (Reuters)` },
  ]);
  const wire = await open('/?ui=en&view=story&id=web-story-wire');
  t.equal(await text(wire.page.locator(`#story-order li[data-source="${WEB_SOURCES.ORIENT.id}"] .story-copy`)), `the same text as ${WEB_SOURCES.TIGRIS.name}’s`, 'a republished wire text is marked as such');
  t.equal(await wire.page.getAttribute('#story-summary [data-stat="copies"] [data-count]', 'data-count'), '1', 'and counted');
  await done(t, wire);

  const none = await open('/?ui=en&view=story&id=no-such-story');
  expectRefused(none, 404);
  t.equal(await text(none.page.locator('#story-heading')), 'No such story');
  t.equal(await text(none.page.locator('#story-status')), 'No article of the story “no-such-story” is in the index.');
  t.equal(await none.page.isVisible('#story-cards'), false, 'no empty cards');
  await done(t, none);
});

t.test('Pictures: the matching articles with a picture as a grid, one a story, each opening its article page', async (t) => {
  const [port, bridge] = await withArticles(t, gw.es, gw.indexPrefix, [
    { slug: 'en-pic-port', lang: 'en', source: WEB_SOURCES.TIGRIS, ageMs: HOUR, story: 'web-story-pic-port', image: `${base}/favicon.svg`, title: 'Cranes return to the Umm Qasr quay', summary: 'The port is busy again.', body: 'Cranes returned to the quay at Umm Qasr as the port got busy again.' },
    { slug: 'ar-pic-bridge', lang: 'ar', source: WEB_SOURCES.RAFIDAIN, ageMs: 2 * HOUR, story: 'web-story-pic-bridge', image: `${base}/favicon.svg`, title: 'جسر أم قصر الجديد يفتح للسيارات', summary: 'الجسر يفتح.', body: 'افتتح جسر جديد في أم قصر أمام السيارات.' },
    { slug: 'en-pic-none', lang: 'en', source: WEB_SOURCES.TIGRIS, ageMs: 3 * HOUR, story: 'web-story-pic-none', title: 'Umm Qasr customs hours change', summary: 'New hours.', body: 'Customs at Umm Qasr changed their hours.' },
  ]);
  const w = await open(`/?ui=en&show=images&q=${encodeURIComponent('"Umm Qasr" OR "أم قصر"')}`);
  const { page } = w;
  t.equal(await page.getAttribute('#show-switch a[data-show="images"]', 'aria-current'), 'page', 'the switch says Pictures');
  t.equal((await apiCalls(page, '/v1/search')).at(-1)?.searchParams.get('hasImage'), 'true', 'asked for articles with a picture');
  t.same((await page.$$eval('#results li.picture', (els) => els.map((e) => e.getAttribute('data-id')))).sort(), [port!.id, bridge!.id].sort(), 'the two with a picture, not the one without');
  t.equal(await page.getAttribute(`#results li.picture[data-id="${port!.id}"] img`, 'src'), `${base}/favicon.svg`);
  t.equal(await page.getAttribute(`#results li.picture[data-id="${port!.id}"] img`, 'referrerpolicy'), 'no-referrer');
  t.equal(await page.getAttribute(`#results li.picture[data-id="${bridge!.id}"] .picture-title`, 'dir'), 'rtl', 'an Arabic title right to left');
  t.same(await axeViolations(page), [], 'axe finds nothing');
  await shot(page, 'pictures');
  await settled(page, () => page.click(`#results li.picture[data-id="${port!.id}"] .picture-title a`));
  t.same([new URL(page.url()).searchParams.get('view'), new URL(page.url()).searchParams.get('id')], ['article', port!.id], 'a title opens its article page');
  await done(t, w);
});

t.test('Quotations: who said what in the matching articles, one speaker\'s from an entity\'s page, in the article\'s own direction', async (t) => {
  // Not al-Kadhimi nor Baghdad: pages other tests opened before these articles existed are in the browser's cache.
  const SUDANI = 'mohammed-shia-al-sudani';
  const [arabic, english, un] = await withArticles(t, gw.es, gw.indexPrefix, [
    {
      slug: 'ar-quote-visit', lang: 'ar', source: WEB_SOURCES.RAFIDAIN, ageMs: 3 * HOUR, story: 'web-story-quote-visit', entities: [SUDANI, 'najaf'],
      title: 'السوداني من النجف: الزيارة تفتح صفحة جديدة', summary: 'رئيس الوزراء يتحدث عن زيارته.',
      body: 'وقال رئيس الوزراء محمد شياع السوداني في النجف: «هذه الزيارة تفتح صفحة جديدة في العلاقة بين البلدين».',
    },
    {
      slug: 'en-quote-visit', lang: 'en', source: WEB_SOURCES.TIGRIS, ageMs: 2 * HOUR, story: 'web-story-quote-visit', entities: [SUDANI],
      title: 'Sudani says the visit opens a new page', summary: 'The prime minister on his trip.',
      body: '"This visit opens a new page between our two countries," Mohammed Shia al-Sudani told reporters.',
    },
    {
      slug: 'en-quote-un', lang: 'en', source: WEB_SOURCES.TIGRIS, ageMs: HOUR, story: 'web-story-quote-un', entities: ['Q1065'],
      title: 'UN urges calm in Basra', summary: 'A statement from the United Nations.',
      body: 'The United Nations said in a statement: "All sides must keep the peace in Basra this week."',
    },
  ]);
  const w = await open(`/?ui=en&show=quotes&speaker=${SUDANI}`);
  const { page } = w;
  t.equal(await page.getAttribute('#show-switch a[data-show="quotes"]', 'aria-current'), 'page', 'the switch says Quotations');
  t.equal(await text(page.locator('#search-status')), 'Quotations from 2 articles', 'how many');
  t.equal(await page.textContent('#chips button.chip[data-filter="speaker"] span:first-child'), 'Quoting: Mohammed Shia al-Sudani', 'whose: a chip naming him');
  t.same(await page.$$eval('#results li.quote', (els) => els.map((e) => e.getAttribute('data-article'))), [english!.id, arabic!.id], 'his words in English and Arabic, newest first');
  const ar = page.locator(`#results li.quote[data-article="${arabic!.id}"]`);
  t.same([await ar.locator('blockquote').getAttribute('dir'), await ar.locator('blockquote').getAttribute('lang')], ['rtl', 'ar'], 'the Arabic words right to left');
  t.equal(await text(ar.locator('blockquote')), 'هذه الزيارة تفتح صفحة جديدة في العلاقة بين البلدين');
  t.equal(await ar.locator('.quote-speaker').getAttribute('href'), `/?view=entity&id=${SUDANI}&ui=en`, 'who said it opens his page');
  t.equal((await apiCalls(page, '/v1/quotes')).at(-1)?.searchParams.get('speaker'), SUDANI);
  const rss = new URL((await page.getAttribute('#feed-rss', 'href'))!);
  t.same([rss.pathname, rss.searchParams.get('speaker')], ['/v1/quotes.rss', SUDANI], 'followed as a feed: what he says from now on');
  t.same(await axeViolations(page), [], 'axe finds nothing');
  await shot(page, 'quotes');
  await settled(page, () => page.click('#chips button.chip[data-filter="speaker"]'));
  t.equal(new URL(page.url()).searchParams.get('speaker'), null, 'the chip removed: anyone\'s words');
  t.ok((await page.$$eval('#results li.quote', (els) => els.map((e) => e.getAttribute('data-article')))).includes(un!.id), 'the United Nations\' words too');

  const entity = await open(`/?ui=ar&view=entity&id=${SUDANI}`);
  t.equal(await text(entity.page.locator('#h-entity-quotes')), 'أقوال وتصريحات', 'a person\'s page: what they said, in Arabic');
  t.same(await entity.page.$$eval('#entity-quotes li.quote', (els) => els.map((e) => e.getAttribute('data-article'))), [english!.id, arabic!.id]);
  t.equal(await entity.page.locator('#entity-quotes .quote-speaker').count(), 0, 'his own page does not name him under each');
  t.same(await axeViolations(entity.page), [], 'axe finds nothing in Arabic');
  await done(t, entity);
  const place = await open('/?ui=en&view=entity&id=najaf');
  t.equal(await text(place.page.locator('#h-entity-quotes')), 'What was said in its coverage', 'a place\'s page: the quotations in its coverage');
  t.equal(await text(place.page.locator(`#entity-quotes li.quote[data-article="${arabic!.id}"] .quote-speaker`)), 'Mohammed Shia al-Sudani', 'each with who said it');
  await done(t, place);
  const storyPage = await open('/?ui=ar&view=story&id=web-story-quote-visit');
  t.equal(await text(storyPage.page.locator('#h-story-quotes')), 'ما قيل', 'a story\'s page: what was said in it');
  t.same(await storyPage.page.$$eval('#story-quotes li.quote', (els) => els.map((e) => e.getAttribute('data-speaker'))), [SUDANI, SUDANI], 'in each language it was told in');
  t.same(await axeViolations(storyPage.page), [], 'axe finds nothing');
  await done(t, storyPage);
  const dash = await open('/?ui=en&view=dashboard&story=web-story-quote-visit');
  t.match(await text(dash.page.locator('#card-speakers')), /Mohammed Shia al-Sudani/, 'the dashboard says who is quoted most in what matches');
  await settled(dash.page, () => dash.page.locator(`#card-speakers li[data-key="${SUDANI}"] button.bar-row`).click());
  t.equal(new URL(dash.page.url()).searchParams.get('speaker'), SUDANI, 'a bar narrows to the articles quoting him');
  await done(t, dash);
  const article = await open(`/?ui=en&view=article&id=${arabic!.id}`);
  const quoted = article.page.locator('#article-quoted a.quoted-link');
  t.same(await quoted.allTextContents(), ['Mohammed Shia al-Sudani'], 'an article\'s page says whom it quotes');
  const said = new URL((await quoted.getAttribute('href'))!, base);
  t.same([said.searchParams.get('show'), said.searchParams.get('speaker')], ['quotes', SUDANI], 'each opens what else they said');
  await done(t, article);
  await done(t, w);
});

t.test('Quotations: reported speech without quotation marks and an unnamed source, each saying so', async (t) => {
  const [report] = await withArticles(t, gw.es, gw.indexPrefix, [{
    slug: 'ar-reported-web', lang: 'ar', source: WEB_SOURCES.RAFIDAIN, ageMs: HOUR, story: 'web-story-reported', entities: ['fuad-hussein'],
    title: 'حسين: لا ساحة لتصفية الحسابات', summary: 'تصريحات وزير الخارجية.',
    body: 'وقال وزير الخارجية فؤاد حسين إن العراق لن يكون ساحة لتصفية الحسابات بين دول المنطقة.\nوذكرت مصادر دبلوماسية أن جولة جديدة من المحادثات ستعقد في بغداد الأسبوع المقبل.',
  }]);
  const w = await open('/?ui=en&show=quotes&story=web-story-reported');
  const { page } = w;
  const items = page.locator(`#results li.quote[data-article="${report!.id}"]`);
  t.equal(await items.count(), 2);
  t.same(await items.evaluateAll((els) => els.map((e) => e.classList.contains('reported'))), [true, true], 'both reported, not quoted');
  t.equal(await items.first().locator('blockquote p').evaluate((p) => p.ownerDocument.defaultView!.getComputedStyle(p, '::before').content), 'none', 'shown without quotation marks the article did not use');
  t.same(await items.nth(0).locator('.quote-kind').allTextContents(), ['reported, not quoted']);
  t.same(await items.nth(1).locator('.quote-kind').allTextContents(), ['reported, not quoted', 'unnamed source'], 'the diplomatic sources are named as what they are');
  t.equal(await items.nth(1).locator('.quote-speaker').count(), 0, 'and no one\'s page is offered for them');
  t.same(await axeViolations(page), [], 'axe finds nothing');
  await done(t, w);
});

t.test("Quotations' own tools: words said (in each language's spelling), quoted or reported, named or unnamed sources", async (t) => {
  const [arabic, english] = await withArticles(t, gw.es, gw.indexPrefix, [
    {
      slug: 'ar-quote-tools', lang: 'ar', source: WEB_SOURCES.RAFIDAIN, ageMs: 2 * HOUR, story: 'web-story-quote-tools', entities: ['fuad-hussein'],
      title: 'حسين: أمن الحدود مسؤولية مشتركة', summary: 'وزير الخارجية يتحدث عن الحدود.',
      body: 'وقال وزير الخارجية فؤاد حسين: «أمن الحدود مسؤولية مشتركة بين العراق وجيرانه».\nوذكرت مصادر أمنية أن تعزيزات عسكرية وصلت إلى المنافذ الشمالية خلال الليل.',
    },
    {
      slug: 'en-quote-tools', lang: 'en', source: WEB_SOURCES.TIGRIS, ageMs: HOUR, story: 'web-story-quote-tools', entities: ['fuad-hussein'],
      title: 'Hussein calls border security a shared duty', summary: 'The foreign minister on the frontier.',
      body: '"Our borders are a responsibility we share with every neighbour," Fuad Hussein told reporters.',
    },
  ]);
  const w = await open('/?ui=en&show=quotes&story=web-story-quote-tools');
  const { page } = w;
  const shown = () => page.$$eval('#results li.quote', (els) => els.map((e) => `${e.getAttribute('data-article')}${e.classList.contains('reported') ? ' reported' : ''}`));
  t.equal(await page.isVisible('#quote-tools'), true, "the quotations' tools are there");
  t.same(await page.$$eval('#quote-tools label', (els) => els.map((e) => e.textContent)), ['Words said', 'Kind', 'Sources']);
  t.same(await shown(), [english!.id, arabic!.id, `${arabic!.id} reported`], 'every quotation to start with');
  t.same([await page.isVisible('#f-sort'), await page.isVisible('#f-group'), await page.isVisible('#f-from')], [false, false, true], 'no sort nor story grouping (quotations come newest first, one item each), the dates still');

  await page.fill('#quote-said', 'border');
  await settled(page, () => page.press('#quote-said', 'Enter'));
  t.equal(new URL(page.url()).searchParams.get('said'), 'border', 'the words said are in the address (a permalink)');
  t.equal((await apiCalls(page, '/v1/quotes')).at(-1)?.searchParams.get('said'), 'border');
  t.same(await shown(), [english!.id], 'only the quotation holding the word, read as English reads it ("borders")');
  t.equal(await page.innerHTML(`#results li.quote[data-article="${english!.id}"] blockquote p`), 'Our <mark>borders</mark> are a responsibility we share with every neighbour', 'marked as written');
  const rss = new URL((await page.getAttribute('#feed-rss', 'href'))!);
  t.equal(rss.searchParams.get('said'), 'border', 'its feed asks for the same words');
  await shot(page, 'quote-tools');

  await page.fill('#quote-said', '');
  await settled(page, () => page.press('#quote-said', 'Enter'));
  t.equal(new URL(page.url()).searchParams.get('said'), null, 'emptied: any words');
  await settled(page, () => page.selectOption('#quote-kind', 'reported'));
  t.equal(new URL(page.url()).searchParams.get('direct'), 'false');
  t.same(await shown(), [`${arabic!.id} reported`], 'reported speech only');
  await settled(page, () => page.selectOption('#quote-kind', 'direct'));
  t.same(await shown(), [english!.id, arabic!.id], 'in quotation marks only');
  await settled(page, () => page.selectOption('#quote-kind', 'any'));
  await settled(page, () => page.selectOption('#quote-sources', 'unnamed'));
  t.equal(new URL(page.url()).searchParams.get('unnamed'), 'true');
  t.same(await shown(), [`${arabic!.id} reported`], 'what unnamed sources said: the security sources');
  await settled(page, () => page.selectOption('#quote-sources', 'named'));
  t.same(await shown(), [english!.id, arabic!.id], 'named sources only');
  t.same(await axeViolations(page), [], 'axe finds nothing');

  await settled(page, () => page.click('#show-switch a[data-show="articles"]'));
  t.equal(await page.isVisible('#quote-tools'), false, 'the articles have no such tools');
  t.equal(new URL(page.url()).searchParams.get('unnamed'), null, 'and their address does not carry them');
  await done(t, w);
  const ar = await open('/?ui=ar&show=quotes&story=web-story-quote-tools&direct=false');
  t.equal(await ar.page.inputValue('#quote-kind'), 'reported', 'a permalink opens with its choice');
  t.same(await ar.page.$$eval('#quote-tools label', (els) => els.map((e) => e.textContent)), ['كلمات قيلت', 'النوع', 'المصادر'], 'in Arabic');
  await done(t, ar);

  // "Alert me": when they say it again, with the words and kind chosen.
  await noAlerts();
  const al = await open('/?ui=en&show=quotes&entity=fuad-hussein&said=border&direct=true');
  t.equal(await al.page.isVisible('#alert-me'), true, 'the Quotations offer an alert');
  await settled(al.page, () => al.page.click('#alert-me-link'));
  if (!(await al.page.isVisible('#alert-form'))) {
    await signIn(al.page);
    await al.page.waitForSelector('#alert-form', { state: 'visible' });
  }
  t.same(await al.page.$$eval('#alert-filters li', (els) => els.map((e) => e.textContent)), ['About: Fuad Hussein', 'Words said: border', 'Kind: In quotation marks'], 'the form has what was said, named as the tools name it');
  await al.page.fill('#alert-webhook', 'https://hooks.example.org/border');
  await al.page.click('#alert-form button[type="submit"]');
  await al.page.waitForSelector('#alert-secret-value');
  const [made] = await listAlerts();
  t.same(made?.query, { entity: 'fuad-hussein', said: 'border', direct: 'true' }, 'the API has what the form sent');
  const see = new URL((await alertRow(al.page, made!.id).locator('a.see-matches').getAttribute('href'))!, base);
  t.same([see.searchParams.get('show'), see.searchParams.get('said'), see.searchParams.get('direct')], ['quotes', 'border', 'true'], 'See matches: the Quotations with those words');
  await noAlerts();
  await done(t, al);
});

t.test('a Kurmanji article is labelled Kurmanji Kurdish (ICU gives Sorani and Kurmanji one name in some languages), and found by another form of its words', async (t) => {
  const [duhok] = await withArticles(t, gw.es, gw.indexPrefix, [{
    slug: 'ku-duhok-dam', lang: 'ku', source: WEB_SOURCES.TIGRIS, ageMs: HOUR, story: 'web-story-ku-dam',
    title: 'Asta avê li bendava Dihokê bilind bû', summary: 'Berpirsên avê li ser bendavê civiyan.',
    body: 'Piştî barana giran, asta avê li bendava Dihokê gihîşt asta herî bilind a van salên dawî.',
  }]);
  const w = await open('/?ui=en&q=bendav&show=articles');
  const { page } = w;
  t.same(await hitIds(page), [duhok!.id], 'bendav finds bendava and bendavê (template v12)');
  t.equal(await text(page.locator(`[data-id="${duhok!.id}"] .lang-badge`)), 'Kurmanji Kurdish');
  await done(t, w);
  const ar = await open('/?ui=ar&q=bendav&show=articles');
  t.equal(await text(ar.page.locator(`[data-id="${duhok!.id}"] .lang-badge`)), 'الكردية الكرمانجية', 'in Arabic too, where ICU would say only الكردية');
  await done(t, ar);
});

t.test('Quotations: a statement several outlets carried is shown once, with the others it is in', async (t) => {
  const words = 'The United Nations said in a statement: "All parties must respect the ceasefire in Sinjar and let families go home."';
  const [first, copy] = await withArticles(t, gw.es, gw.indexPrefix, [
    { slug: 'en-un-sinjar-1', lang: 'en', source: WEB_SOURCES.TIGRIS, ageMs: 2 * HOUR, story: 'web-story-un-sinjar', entities: ['Q1065'], title: 'UN urges calm in Sinjar', summary: 'A statement.', body: words },
    { slug: 'en-un-sinjar-2', lang: 'en', source: WEB_SOURCES.ORIENT, ageMs: HOUR, story: 'web-story-un-sinjar', entities: ['Q1065'], title: 'UN calls for Sinjar ceasefire to hold', summary: 'A statement.', body: words },
  ]);
  const w = await open('/?ui=en&show=quotes&story=web-story-un-sinjar');
  const { page } = w;
  t.same(await page.$$eval('#results li.quote', (els) => els.map((e) => e.getAttribute('data-article'))), [copy!.id], 'once, under the newest article');
  const also = page.locator('#results li.quote .quote-also');
  t.match(await text(also), new RegExp(`^The same words in: ${WEB_SOURCES.TIGRIS.name}$`));
  t.equal(await also.locator('a').getAttribute('href'), `/?view=article&id=${first!.id}&ui=en`, 'the other article, a link');
  await done(t, w);
});
