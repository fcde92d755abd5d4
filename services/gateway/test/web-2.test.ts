import t from 'tap';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { build } from '../src/app.ts';
import { admin, ADMIN_TOKEN } from './helpers.ts';
import { HOUR, withArticles } from './fixtures/build.ts';
import { webIdOf, WEB_SOURCES } from './fixtures/web-articles.ts';
import { setupWeb, gw, base, ctx, feeds, articles, open, ready, settled, shot, done, axeViolations, KADHIMI_ID, hitIds, apiCalls, downloadCsv, alternates, xml, toneOf, sourceTones, signedEn, alertRegistry, listAlerts, makeAlert, noAlerts, signIn, alertRow, text, expectRefused, BAGHDAD_ID, WASHINGTON_ID, TUNIS_ID, NEAR_BAGHDAD, ABOUT_BAGHDAD, bubble, centreInside } from './web-harness.ts';

/** The web UI in a real browser, part 2 of 3 (web-harness.ts sets it up). */
setupWeb();

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
  await page.route('**/v1/feeds', async (route) => {
    if (route.request().method() === 'GET') await new Promise((r) => setTimeout(r, 1500));
    await route.continue();
  });
  await remove.click();
  await page.waitForSelector('#feeds-message.ok >> text=/was removed/');
  t.equal(await page.locator(`#feeds-table tbody tr[data-id="${feed!.id}"]`).count(), 0, 'its row goes with the message, before the list reloads');
  await page.waitForSelector('#feeds-table tbody td.muted');
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
  // The list's reload held back: the row must go with the message, not when the reload lands.
  await page.route('**/v1/alerts', async (route) => {
    if (route.request().method() === 'GET') await new Promise((r) => setTimeout(r, 1500));
    await route.continue();
  });
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
  t.same(await page.$$eval('#alert-min-sources option', (els) => els.map((e) => e.textContent)), ['Each matching article', 'Stories carried by 2 or more sources', 'Stories carried by 3 or more sources', 'Stories carried by 5 or more sources', 'Stories carried by 10 or more sources', 'When its site changes the headline of a matching article', 'When its site changes the text of a matching article', 'When its site edits a matching article']);
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
