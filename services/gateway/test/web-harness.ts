import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t, { type Test } from 'tap';
import { parse } from 'csv-parse/sync';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { REPO_ROOT, startFeedServer, type FeedServer } from '@akhbar/testkit';
import { AlertRegistry } from '@akhbar/core';
import { admin, ADMIN_TOKEN, testGateway, type TestGateway } from './helpers.ts';
import { loadWebFixtures, webIdOf } from './fixtures/web-articles.ts';

/**
 * The web UI in a real browser: Debian's Chromium driven by playwright-core, against the real
 * gateway (listening on port 0) over real Redis and Elasticsearch with its own prefixes.
 * Screenshots go to test-artifacts/web/ (git-ignored). The set-up and helpers every web test file
 * shares; the tests are split over files so each stays well inside tap's per-file time limit.
 */

export const CHROMIUM = process.env.AKHBAR_CHROMIUM ?? '/usr/bin/chromium';

export const ARTIFACTS = join(REPO_ROOT, 'test-artifacts', 'web');

// Without the background-networking flags Chromium dials out at start, which a closed network refuses.
export const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export let gw: TestGateway;

export let base: string;

export let ctx: BrowserContext;

export let profile: string;

export let feeds: FeedServer;

/** The indexed fixtures, with the publication times they were given. */
export let articles: Awaited<ReturnType<typeof loadWebFixtures>>;

export interface Watched {
  page: Page;
  /** Page errors, CSP violations and requests that left the gateway's origin. */
  problems: string[];
}

/** A new tab that records anything that would break the page's promises (CSP, offline, errors). */
export async function open(path: string, viewport?: { width: number; height: number }, origin = base): Promise<Watched> {
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

export async function ready(page: Page) {
  await page.waitForSelector('body[data-ready="1"]', { timeout: 15_000 });
}

/** Wait until the view has re-rendered after an action. */
export async function settled(page: Page, action: () => Promise<unknown>) {
  await page.locator('body').evaluate((b) => b.setAttribute('data-ready', 'stale'));
  await action();
  await ready(page);
}

export async function shot(page: Page, name: string) {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

export async function done(t: Test, w: Watched) {
  t.same(w.problems, [], 'no page errors, CSP violations or requests off the gateway');
  await w.page.close();
}

/** axe-core, run inside the page through the DevTools protocol (the page's CSP allows no injected script tag). */
export const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's findings on the page as it is now: WCAG 2.1 A and AA rules and axe's best practices. */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const result = (await page.evaluate(`axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } })`)) as {
    violations: Array<{ id: string; help: string; nodes: Array<{ target: string[] }> }>;
  };
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')})`);
}

/** The premier's gazetteer id, as the fixtures tag him. */
export const KADHIMI_ID = 'mustafa-al-kadhimi';

export const hitIds = (page: Page) => page.$$eval('#results > li.hit', (els) => els.map((e) => e.getAttribute('data-id')));

// ---- top stories ------------------------------------------------------------------------------

/** The requests the page has made to an API path, from the browser's resource timing. */
export async function apiCalls(page: Page, pathname: string): Promise<URL[]> {
  const urls = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
  return urls.map((u) => new URL(u)).filter((u) => u.pathname === pathname);
}

/** The /v1/stories (top stories) requests the page has made. */
export const topCalls = (page: Page) => apiCalls(page, '/v1/stories');

export const lastTopCall = async (page: Page) => (await topCalls(page)).at(-1)!;

export const storyIds = (page: Page) => page.$$eval('#top-stories > li.top-story', (els) => els.map((e) => e.getAttribute('data-story')));

export const titleOf = (slug: string) => articles.find((a) => a.id === webIdOf(slug))!.title;

export const publishedOf = (slug: string) => articles.find((a) => a.id === webIdOf(slug))!.publishedAt;

/** The four stories of the last 24 hours after the premier's visit: one market wrap each, newest first. */
export const MARKETS_24H = [0, 1, 2, 3].map((i) => `web-story-markets-${String(i)}`);

/** Click the CSV link and read back what the browser saved. */
export async function downloadCsv(page: Page): Promise<Array<Record<string, string>>> {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 15_000 }), page.click('#export-csv')]);
  t.equal(download.suggestedFilename(), 'akhbar-search.csv');
  return parse(readFileSync((await download.path())!), { bom: true, columns: true }) as Array<Record<string, string>>;
}

// ---- feeds ------------------------------------------------------------------------------------

/** The document's feed alternates, as a browser extension or feed reader reads them from the head. */
export const alternates = (page: Page) =>
  page.$$eval('head link[rel="alternate"]', (els) => els.map((e) => ({ type: e.getAttribute('type'), title: e.getAttribute('title'), href: e.getAttribute('href') })));

export const feedHref = async (page: Page, format: 'rss' | 'atom') => new URL((await page.getAttribute(`#feed-${format}`, 'href'))!);

export const xml = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'item' || name === 'entry' || name === 'link' });

/** A feed fetched by the page as a reader would (no header, only its URL), checked to be well-formed and parsed. */
export async function fetchFeed(t: Test, page: Page, href: URL): Promise<{ rss?: Record<string, any>; feed?: Record<string, any> }> {
  const res = await page.evaluate(async (u) => {
    const r = await fetch(u, { cache: 'no-store' });
    return { status: r.status, type: r.headers.get('content-type') ?? '', body: await r.text() };
  }, href.href);
  t.equal(res.status, 200, `${href.pathname} answers`);
  t.match(res.type, href.pathname.endsWith('.rss') ? /^application\/rss\+xml/ : /^application\/atom\+xml/);
  t.equal(XMLValidator.validate(res.body), true, 'well-formed XML');
  return xml.parse(res.body) as { rss?: Record<string, any>; feed?: Record<string, any> };
}

/** A fixture's tone and the UTC day it was published (the browser runs in UTC). */
export const toneOf = (slug: string) => articles.find((a) => a.id === webIdOf(slug))!.enrichment.tone?.score;

export const dayOf = (iso: string) => `${iso.slice(0, 10)}T00:00:00.000Z`;

export const enDate = (iso: string) => new Intl.DateTimeFormat('en', { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' }).format(new Date(iso));

/** Each source's average tone over the fixtures `keep` lets through, as the API rounds it; undefined for a source none of whose articles has one. */
export function sourceTones(keep: (a: (typeof articles)[number]) => boolean = () => true): Map<string, number | undefined> {
  const by = new Map<string, number[]>();
  for (const a of articles.filter(keep)) {
    const list = by.get(a.source.id) ?? [];
    if (a.enrichment.tone) list.push(a.enrichment.tone.score);
    by.set(a.source.id, list);
  }
  return new Map([...by].map(([id, tones]) => [id, tones.length > 0 ? Math.round((tones.reduce((x, y) => x + y, 0) / tones.length) * 100) / 100 : undefined]));
}

export const signedEn = (v: number) => new Intl.NumberFormat('en', { maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(v);

// ---- alerts -----------------------------------------------------------------------------------

export interface AlertOut {
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

export const alertRegistry = () => new AlertRegistry(gw.redis, gw.queuePrefix);

/** The alerts as the API lists them. */
export const listAlerts = async () => ((await gw.app.inject({ url: '/v1/alerts', headers: admin })).json() as { alerts: AlertOut[] }).alerts;

/** An alert made through the API, as a curl user would. */
export async function makeAlert(payload: Record<string, unknown>): Promise<AlertOut> {
  const res = await gw.app.inject({ method: 'POST', url: '/v1/alerts', headers: admin, payload });
  if (res.statusCode !== 201) throw new Error(`alert not created: ${res.body}`);
  return res.json() as AlertOut;
}

/** Each alerts test starts from none. */
export async function noAlerts() {
  for (const a of await listAlerts()) await gw.app.inject({ method: 'DELETE', url: `/v1/alerts/${a.id}`, headers: admin });
}

/** Sign in on the alerts view, or on the feeds view with the prefix ''. */
export async function signIn(page: Page, prefix: 'alerts-' | '' = 'alerts-') {
  await page.fill(`#${prefix}admin-token`, ADMIN_TOKEN);
  await page.press(`#${prefix}admin-token`, 'Enter');
}

export const alertRow = (page: Page, id: string) => page.locator(`#alerts-table tbody tr[data-id="${id}"]`);

export const text = async (l: { textContent(): Promise<string | null> }) => (await l.textContent())?.replace(/\s+/g, ' ').trim();

/** A request the page made that the API refused on purpose (Chromium logs it): not a problem of the page. */
export function expectRefused(w: Watched, status: number) {
  const i = w.problems.findIndex((p) => p.includes(`the server responded with a status of ${String(status)}`));
  if (i >= 0) w.problems.splice(i, 1);
}

// ---- places on the map, and the area filters ----------------------------------------------------

export const BAGHDAD_ID = 'Q1530';

export const WASHINGTON_ID = 'Q61';

export const TUNIS_ID = 'Q3572';

/** The fixtures about Baghdad (the visit's Arabic map story and the Tehran–Riyadh talks), newest first. */
export const NEAR_BAGHDAD = ['ar-kadhimi-map', 'en-tehran-riyadh'];

/**
 * The same, as near= ranks them (by relevance): the talks held in Baghdad, though a week older,
 * before the visit to Washington that names Baghdad in passing.
 */
export const ABOUT_BAGHDAD = ['en-tehran-riyadh', 'ar-kadhimi-map'];

export const bubble = (page: Page, id: string) => page.locator(`#card-map svg.world circle.place[data-id="${id}"]`);

/** Whether the centre of `inner` lies inside the box of `outer`, as the page lays them out. */
export async function centreInside(inner: ReturnType<Page['locator']>, outer: ReturnType<Page['locator']>) {
  const a = await inner.boundingBox();
  const b = await outer.boundingBox();
  if (!a || !b) return false;
  const x = a.x + a.width / 2;
  const y = a.y + a.height / 2;
  return x >= b.x && x <= b.x + b.width && y >= b.y && y <= b.y + b.height;
}

// ---- an entity's page ---------------------------------------------------------------------------

/** The fixtures that name an entity, newest first. */
export const naming = (id: string) => articles.filter((a) => a.enrichment.entities.some((e) => e.id === id)).sort((a, b) => Date.parse(b.publishedAt) - Date.parse(a.publishedAt));

/** The entity as the fixtures tag it (its names in every language). */
export const fixtureEntity = (id: string) => articles.flatMap((a) => a.enrichment.entities).find((e) => e.id === id)!;

/** Entities of `types` named in the same fixtures as `id` (itself left out), with how many articles: "key=count", sorted. */
export function relatedOf(id: string, types: string[]): string[] {
  const counts = new Map<string, number>();
  for (const a of naming(id)) {
    for (const e of new Map(a.enrichment.entities.map((x) => [x.id, x])).values()) {
      if (e.id !== id && types.includes(e.type)) counts.set(e.id, (counts.get(e.id) ?? 0) + 1);
    }
  }
  return [...counts].map(([k, n]) => `${k}=${String(n)}`).sort();
}

/** A bar list's rows as "key=count", sorted, and its labels by key. */
export async function bars(page: Page, card: string) {
  const rows = await page.$$eval(`#${card} li[data-key]`, (els) => els.map((e) => [e.getAttribute('data-key')!, e.getAttribute('data-count')!, e.querySelector('.bar-label bdi')?.textContent ?? '']));
  return { counts: rows.map(([k, n]) => `${k}=${n}`).sort(), labels: Object.fromEntries(rows.map(([k, , label]) => [k, label])) };
}

export const entityPage = (id: string, ui = 'en') => `/?ui=${ui}&view=entity&id=${encodeURIComponent(id)}`;

export const entityTotal = (page: Page) => page.getAttribute('#entity-summary [data-stat="total"] [data-count]', 'data-count');

/** The shared set-up of the web tests: the gateway, its fixtures, a feed server and Chromium, for one test file. */
export function setupWeb(): void {
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
}
