import t from 'tap';
import { parse } from 'csv-parse/sync';
import { type Page } from 'playwright-core';
import { HOUR, withArticles } from './fixtures/build.ts';
import { webIdOf, STORY_VISIT, WEB_SOURCES } from './fixtures/web-articles.ts';
import { setupWeb, gw, base, ctx, articles, open, ready, settled, shot, done, axeViolations, KADHIMI_ID, hitIds, apiCalls, listAlerts, noAlerts, signIn, alertRow, text, expectRefused, BAGHDAD_ID, WASHINGTON_ID, ABOUT_BAGHDAD, bubble, naming, fixtureEntity, relatedOf, bars, entityPage, entityTotal } from './web-harness.ts';

/** The web UI in a real browser, part 3 of 3 (web-harness.ts sets it up). */
setupWeb();

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
  t.equal(await page.textContent('#entity-facts .entity-office'), 'Prime Minister of Iraq, May 7, 2020 – October 27, 2022', 'the office he held, and when');
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

t.test('an office on a person\'s page opens the office across its holders: an "Office:" chip, the articles of whoever held it in their term', async (t) => {
  const w = await open(entityPage(KADHIMI_ID));
  const { page } = w;
  t.equal(await page.getAttribute('#entity-facts a.entity-office', 'title'), 'The articles about whoever held this office, each in their term');
  await settled(page, () => page.click('#entity-facts a.entity-office'));
  const url = new URL(page.url());
  t.same([url.searchParams.get('office'), url.searchParams.get('show')], ['iq-prime-minister', 'articles']);
  t.equal(await page.textContent('#chips button.chip[data-filter="office"] span:first-child'), 'Office: Prime Minister of Iraq', 'the office by its name');
  // The fixtures are of these days, Kadhimi's term long over, and none names his successor: his
  // articles, written after his term, are not the office's.
  t.ok(naming(KADHIMI_ID).length > 0 && naming('mohammed-shia-al-sudani').length === 0);
  t.same(await hitIds(page), [], 'none of his articles of these days');
  await settled(page, () => page.click('#chips button.chip[data-filter="office"]'));
  t.equal(new URL(page.url()).searchParams.get('office'), null, 'the chip removes the filter, as any chip');
  t.ok((await hitIds(page)).length > 0);
});

t.test('an office chip on a permalink opened afresh is named, whatever the link says: an id or a title in another language', async (t) => {
  const chipText = '#chips button.chip[data-filter="office"] span:first-child';
  const w = await open(`/?ui=fr&view=search&show=articles&office=${encodeURIComponent('رئيس الوزراء العراقي')}`);
  // A locator wait, not waitForFunction: the page's CSP forbids the eval its polling needs.
  await w.page.locator(chipText, { hasText: 'Premier ministre irakien' }).waitFor({ timeout: 10_000 });
  t.match(await w.page.textContent(chipText), /Premier ministre irakien$/, 'the Arabic title in the link, the French name on the chip');
  await done(t, w);
  const byId = await open('/?ui=en&view=search&show=articles&office=un-secretary-general,iq-foreign-minister');
  await byId.page.locator(chipText, { hasText: 'Foreign Minister of Iraq' }).waitFor({ timeout: 10_000 });
  await byId.page.locator(chipText, { hasText: 'Secretary-General' }).waitFor({ timeout: 10_000 });
  t.same((await byId.page.$$eval(chipText, (els) => els.map((e) => e.textContent))).sort(), ['Office: Foreign Minister of Iraq', 'Office: Secretary-General of the United Nations']);
  await done(t, byId);
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
  const term = await page.evaluate(() => ['2020-05-07', '2022-10-27'].map((d) => new Intl.DateTimeFormat('ar', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${d}T12:00:00Z`))));
  t.equal(await page.textContent('#entity-facts .entity-office'), `رئيس الوزراء العراقي، ${term[0]!} – ${term[1]!}`, 'his office in Arabic, its days in Arabic');
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

t.test('Agenda: the days the matching articles name, each story once with the day\'s words marked, in its own direction; the Arabic UI; a calendar to subscribe to', async (t) => {
  // Days ahead of today (UTC, as the browser here is), written as each outlet writes them.
  const ahead = (n: number) => { const d = new Date(); return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + n)); };
  const written = (n: number, locale: string) => new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', timeZone: 'UTC' }).format(ahead(n));
  const [ar, en] = await withArticles(t, gw.es, gw.indexPrefix, [
    { slug: 'ar-agenda-dam', lang: 'ar', source: WEB_SOURCES.RAFIDAIN, ageMs: 2 * HOUR, story: 'web-story-agenda-dam', title: 'افتتاح سد بادوش الشهر المقبل', summary: 'موعد الافتتاح.', body: `أعلنت وزارة الموارد المائية أن افتتاح سد بادوش سيجري في ${written(3, 'ar-IQ')} بحضور رئيس الوزراء.` },
    { slug: 'en-agenda-dam', lang: 'en', source: WEB_SOURCES.TIGRIS, ageMs: HOUR, story: 'web-story-agenda-dam', title: 'Badush dam to open this week', summary: 'An opening date.', body: `The water ministry said the Badush dam would be opened on ${written(3, 'en-US')} by the prime minister.` },
  ]);
  const w = await open(`/?ui=en&show=agenda&q=${encodeURIComponent('Badush OR بادوش')}`);
  const { page } = w;
  t.equal(await page.getAttribute('#show-switch a[data-show="agenda"]', 'aria-current'), 'page', 'the switch says Agenda');
  const day = page.locator('#results li.agenda-day');
  t.equal(await day.count(), 1, 'one day named');
  t.equal(await day.locator('time').getAttribute('datetime'), ahead(3).toISOString().slice(0, 10));
  t.equal(await day.locator('li.agenda-item').count(), 1, 'the Arabic and the English report of one opening are one story');
  const item = day.locator('li.agenda-item');
  t.equal(await item.getAttribute('data-article'), en!.id, 'shown by its newest report');
  t.equal(await text(item.locator('mark')), written(3, 'en-US'), "the day's words marked");
  t.match(await text(item.locator('.quote-meta')), /2 outlets/, 'the outlets carrying it counted');
  const ics = await page.getAttribute('#agenda-ics', 'href');
  t.match(ics, /\/v1\/agenda\.ics\?/, 'a calendar to subscribe to');
  t.equal(new URL(ics!, base).searchParams.get('q'), 'Badush OR بادوش', 'of this search');
  t.same(await axeViolations(page), [], 'axe finds nothing');
  t.equal(await page.locator('#results li.agenda-day h3 .agenda-hijri').count(), 0, 'no Hijri day in English');
  await shot(page, 'agenda');
  await done(t, w);
  const arUi = await open('/?ui=ar&show=agenda&story=web-story-agenda-dam&lang=ar');
  const arItem = arUi.page.locator('#results li.agenda-item');
  t.equal(await arItem.getAttribute('data-article'), ar!.id);
  t.equal(await arItem.locator('.agenda-sentence').getAttribute('dir'), 'rtl', 'the Arabic sentence right to left');
  t.equal(await text(arItem.locator('mark')), written(3, 'ar-IQ'), 'its day as the outlet wrote it, Arabic-Indic digits and all');
  t.equal(await text(arUi.page.locator('#show-switch a[data-show="agenda"]')), 'المواعيد');
  const hijri = await arUi.page.evaluate((d) => new Intl.DateTimeFormat('ar-SA', { calendar: 'islamic-umalqura', dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${d}T12:00:00Z`)), ahead(3).toISOString().slice(0, 10));
  t.match(hijri, /هـ/, 'the browser has the Umm al-Qura calendar');
  t.equal(await text(arUi.page.locator('#results li.agenda-day h3 .agenda-hijri')), hijri, 'in Arabic, the day in the Hijri calendar beside the Gregorian one');
  await done(t, arUi);
});

t.test("Agenda: an article's and a story's page list the days they name, each opening that day's agenda; the span chooser", async (t) => {
  const ahead = (n: number) => { const d = new Date(); return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + n)); };
  const written = (n: number) => new Intl.DateTimeFormat('en-US', { day: 'numeric', month: 'long', timeZone: 'UTC' }).format(ahead(n));
  const [vote] = await withArticles(t, gw.es, gw.indexPrefix, [
    { slug: 'en-agenda-vote', lang: 'en', source: WEB_SOURCES.TIGRIS, ageMs: HOUR, story: 'web-story-agenda-vote', title: 'Kirkuk council sets two votes', summary: 'Two dates.', body: `The Kirkuk provincial council will vote on the budget on ${written(2)}.\nA vote on the new governor follows on ${written(20)}.` },
  ]);
  const w = await open(`/?ui=en&view=article&id=${vote!.id}`);
  const { page } = w;
  const links = page.locator('#article-dates a.date-link');
  t.same(await links.evaluateAll((as) => as.map((a) => a.getAttribute('data-date'))), [ahead(2), ahead(20)].map((d) => d.toISOString().slice(0, 10)), 'both days, in text order');
  t.match(await links.first().getAttribute('title'), /will vote on the budget/, 'the sentence naming it as the title');
  await settled(page, () => links.nth(1).click());
  const url = new URL(page.url());
  t.same([url.searchParams.get('show'), url.searchParams.get('start'), url.searchParams.get('end')], ['agenda', ahead(20).toISOString().slice(0, 10), ahead(20).toISOString().slice(0, 10)], "that day's agenda");
  t.same(await page.$$eval('#results li.agenda-day', (els) => els.map((e) => e.getAttribute('data-date'))), [ahead(20).toISOString().slice(0, 10)]);
  t.equal(await page.locator('#agenda-span').inputValue(), 'chosen', 'the span chooser says a chosen day');
  await settled(page, () => page.selectOption('#agenda-span', '29'));
  t.equal(new URL(page.url()).searchParams.get('end'), 'now+29d', 'thirty days from today');
  t.equal(new URL(page.url()).searchParams.get('start'), null);
  const days = await page.$$eval('#results li.agenda-day', (els) => els.map((e) => e.getAttribute('data-date')));
  t.ok(days.includes(ahead(2).toISOString().slice(0, 10)) && days.includes(ahead(20).toISOString().slice(0, 10)), 'both votes within the month');
  await settled(page, () => page.click('#show-switch a[data-show="articles"]'));
  t.equal(new URL(page.url()).searchParams.get('end'), null, "the agenda's days are not carried to the articles");
  await done(t, w);
  // The story's page lists the same days; one opens the agenda of that day for the story.
  const story = await open('/?ui=en&view=story&id=web-story-agenda-vote');
  const storyDays = story.page.locator('#story-dates a.date-link');
  t.same(await storyDays.evaluateAll((as) => as.map((a) => a.getAttribute('data-date'))), [ahead(2), ahead(20)].map((d) => d.toISOString().slice(0, 10)));
  await settled(story.page, () => storyDays.first().click());
  const at = new URL(story.page.url()).searchParams;
  t.same([at.get('show'), at.get('start'), at.get('story')], ['agenda', ahead(2).toISOString().slice(0, 10), 'web-story-agenda-vote'], "that day's agenda of the story");
  t.equal(await story.page.locator('#results li.agenda-item').count(), 1);
  await done(t, story);
});
