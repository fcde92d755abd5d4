import t from 'tap';
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { XMLValidator } from 'fast-xml-parser';
import { HOUR, editedArticle, withArticles, withIndexed, type ArticleSpec } from './fixtures/build.ts';
import { webIdOf, STORY_VISIT, WEB_FIXTURE_COUNT, WEB_SOURCES } from './fixtures/web-articles.ts';
import { admin } from './helpers.ts';
import { setupWeb, gw, base, articles, open, ready, settled, shot, done, axeViolations, signIn, alertRow, text, KADHIMI_ID, hitIds, apiCalls, lastTopCall, storyIds, titleOf, publishedOf, MARKETS_24H, downloadCsv, alternates, feedHref, fetchFeed, toneOf, dayOf, enDate } from './web-harness.ts';

/** The web UI in a real browser, part 1 of 3 (web-harness.ts sets it up). */
setupWeb();

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
  t.same(await page.$$eval('#show-switch a', (els) => els.map((e) => e.textContent?.trim())), ['أهم القصص', 'المقالات', 'صور', 'اقتباسات', 'المواعيد']);
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

t.test('an article its site edited: the result says so and what changed; its page gives the earlier headline and what changed word by word; "Latest edits first"', async (t) => {
  const before: ArticleSpec = {
    slug: 'ar-bridge-edit', lang: 'ar', source: WEB_SOURCES.RAFIDAIN, ageMs: 3 * HOUR, story: 'web-story-bridge-edit',
    title: 'انهيار جسر في الناصرية ومقتل خمسة', summary: 'انهار جسر قديم في الناصرية صباح اليوم.', body: 'انهار جسر قديم على نهر الفرات في الناصرية صباح اليوم، وقالت مصادر إن خمسة قتلوا.',
  };
  const [edited] = await withIndexed(t, gw.es, gw.indexPrefix, [editedArticle(before, { title: 'انهيار جزئي لجسر في الناصرية دون إصابات', body: 'انهار جزء من جسر قديم على نهر الفرات في الناصرية صباح اليوم، وقالت مصادر إن أحدا لم يصب.' }, 45)]);
  const w = await open(`/?ui=en&show=articles&q=${encodeURIComponent('الناصرية جسر')}`);
  const { page } = w;
  const badge = page.locator(`#results li.hit[data-id="${edited!.id}"] .edited-badge`);
  t.equal(await badge.textContent(), 'edited');
  t.match(await badge.getAttribute('title'), /Its site edited it after publishing it \(seen .+\): the headline, the text\./, 'when and what, on hover');
  t.equal(await page.locator('#results .edited-badge').count(), 1, 'only on the article that was edited');

  await settled(page, () => page.click(`#results a.read-link[data-article="${edited!.id}"]`));
  t.ok(await page.locator('#article-edits').isVisible(), 'its page lists the edits');
  t.equal(await page.textContent('#article-edits h3'), 'Edited by its site');
  t.match(await page.textContent('#article-edits li'), /: the headline, the text changed\. The headline was انهيار جسر في الناصرية ومقتل خمسة/);
  t.equal(await page.getAttribute('#article-edits li q', 'dir'), 'rtl', 'the old headline in its own direction');
  await page.click('#article-edits li .edit-changes summary');
  await page.waitForSelector('#article-edits .edit-diff.edit-body');
  t.equal(await page.getAttribute('#article-edits .edit-body .edit-runs', 'dir'), 'rtl', 'the changes in the article\'s direction');
  t.same(await page.$$eval('#article-edits .edit-diff.edit-title del', (els) => els.map((e) => e.textContent.trim())), ['جسر', 'ومقتل خمسة'], 'the headline: the words taken out, struck through');
  t.same(await page.$$eval('#article-edits .edit-diff.edit-title ins', (els) => els.map((e) => e.textContent.trim())), ['جزئي لجسر', 'دون إصابات'], 'and those put in');
  t.same(await page.$$eval('#article-edits .edit-diff.edit-body del', (els) => els.map((e) => e.textContent.trim())), ['خمسة قتلوا'], 'the text: what the site took out');
  t.same(await page.$$eval('#article-edits .edit-diff.edit-body ins', (els) => els.map((e) => e.textContent.trim())), ['جزء من', 'أحدا لم يصب'], 'and what it put in');
  t.match(await page.textContent('#article-edits .edit-diff.edit-body'), /^In the text: .*قديم على نهر الفرات في الناصرية صباح اليوم، وقالت مصادر إن/, 'labelled, the unchanged words between kept');
  t.same(await axeViolations(page), [], 'axe finds nothing');
  await shot(page, 'article-edited');
  await page.goBack();
  await ready(page);

  await settled(page, () => page.selectOption('#f-sort', 'edited'));
  t.equal((await hitIds(page))[0], edited!.id, 'the latest edit first');
  t.equal(new URL(page.url()).searchParams.get('sort'), 'edited', 'kept in the address');
  await done(t, w);

  // Its source's page counts it.
  const source = await open(`/?ui=en&view=source&id=${WEB_SOURCES.RAFIDAIN.id}`);
  t.match(await source.page.textContent('#source-summary [data-stat="edited"]'), /Edited after publishing\s*1 article \(the headline changed in 1\)/);
  await done(t, source);

  // Written into the box, the filter is a chip in words.
  const typed = await open(`/?ui=en&show=articles&q=${encodeURIComponent('edited:title')}`);
  t.same(await hitIds(typed.page), [edited!.id], 'edited:title finds the edited headline');
  t.match(await typed.page.textContent('#chips'), /Edited by its site: the headline/);
  await done(t, typed);

  const other = await open(`/?ui=en&view=article&id=${webIdOf('ar-kadhimi-map')}`);
  t.ok(await other.page.locator('#article-edits').isHidden(), 'an article never edited lists none');
  await done(t, other);

  // An alert on edits reads as one in the alerts list.
  const made = await gw.app.inject({ method: 'POST', url: '/v1/alerts', headers: admin, payload: { name: 'Nasiriyah headlines', webhook: 'https://hooks.example.org/edits', query: { q: 'الناصرية', edited: 'title' } } });
  const { id: alertId } = made.json() as { id: string };
  t.teardown(() => gw.app.inject({ method: 'DELETE', url: `/v1/alerts/${alertId}`, headers: admin }).then(() => undefined));
  const alerts = await open('/?ui=en&view=alerts');
  await signIn(alerts.page);
  await alerts.page.waitForSelector(`#alerts-table tbody tr[data-id="${alertId}"]`);
  t.match(await text(alertRow(alerts.page, alertId)), /Edited by its site: the headline/);
  const see = new URL((await alertRow(alerts.page, alertId).locator('a.see-matches').getAttribute('href'))!, 'http://x');
  t.match(Object.fromEntries(see.searchParams), { q: 'الناصرية edited:title', sort: 'edited', show: 'articles' }, 'See matches: its edits, the latest first');

  // Made in the form: "What to send" offers the edits of matching articles.
  await alerts.page.fill('#alert-q', 'الفرات');
  await alerts.page.fill('#alert-webhook', 'https://hooks.example.org/euphrates-edits');
  await alerts.page.selectOption('#alert-min-sources', 'edit:body');
  t.equal(await alerts.page.textContent('#alert-min-sources option:checked'), 'When its site changes the text of a matching article');
  await alerts.page.click('#alert-form button[type="submit"]');
  await alerts.page.waitForSelector('#alert-secret-value');
  const listed = (await gw.app.inject({ url: '/v1/alerts', headers: admin })).json() as { alerts: Array<{ id: string; webhook: string; query: Record<string, string>; onEdits?: string[] }> };
  const fromForm = listed.alerts.find((a) => a.webhook === 'https://hooks.example.org/euphrates-edits');
  t.teardown(() => gw.app.inject({ method: 'DELETE', url: `/v1/alerts/${fromForm?.id ?? 'none'}`, headers: admin }).then(() => undefined));
  t.match(fromForm, { query: { q: 'الفرات', edited: 'body' }, onEdits: ['body'] }, 'an alert on edits of the text');
  t.match(await text(alertRow(alerts.page, fromForm!.id)), /Edited by its site: the text/);
  await done(t, alerts);
});
