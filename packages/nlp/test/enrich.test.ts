import t from 'tap';
import { EnrichmentSchema, type RawArticle } from '@akhbar/core';
import { Value } from '@sinclair/typebox/value';
import { articleSignature, cleanArticle, enrichArticle } from '../src/index.ts';

function article(title: string, body: string, extra: Partial<RawArticle> = {}): RawArticle {
  const now = new Date().toISOString();
  return {
    id: 'a1', url: 'https://example.org/a1', feedId: 'f1', source: { id: 'f1', name: 'Example', domain: 'example.org' },
    title, summary: '', body, categories: [], publishedAt: now, fetchedAt: now, contentHash: 'h', flags: [], ...extra,
  };
}

// Written for this test in the manner of the story the product was designed from.
const SEED_LIKE = article(
  'مصادر: الكاظمي يحمل إلى واشنطن ملف المليشيات المسلحة المدعومة من إيران',
  [
    'كشفت مصادر مقربة من رئيس الوزراء مصطفى الكاظمي أنه سيعرض خلال زيارته إلى الولايات المتحدة خريطة لانتشار المليشيات المسلحة المدعومة من إيران التي تربك الوضع الأمني في العراق.',
    'وقالت السفارة الأمريكية في بغداد إن الرئيس الأمريكي دونالد ترامب سيبحث مع الكاظمي ملفات الأمن والطاقة والصحة والاقتصاد.',
    'وأضافت المصادر أن طهران مستعدة للتخلي تدريجيا عن الفصائل التي تعمل خارج سلطة الدولة وعدم استخدام السلاح للتأثير في الانتخابات المقبلة.',
    'إقرأ ايضا',
    'التعليقات',
  ].join('\n'),
  { langHint: 'ar' },
);

t.test('the seed-like story: politics and security, Iraq, the US, Iran, Kadhimi and Trump', async (t) => {
  const e = enrichArticle(SEED_LIKE);
  t.ok(Value.Check(EnrichmentSchema, e), 'matches the Enrichment contract');
  t.equal(e.lang, 'ar');
  t.equal(e.dir, 'rtl');
  t.same(e.topics.slice(0, 2).map((x) => x.id).sort(), ['conflict', 'politics'], `top topics: ${JSON.stringify(e.topics)}`);
  for (const c of ['IQ', 'US', 'IR']) t.ok(e.countries.includes(c), `country ${c}`);
  const ids = e.entities.map((x) => x.id);
  t.ok(ids.includes('mustafa-al-kadhimi'), 'al-Kadhimi');
  t.ok(ids.includes('Q22686'), 'Trump');
  t.notOk(e.normalized.body.includes('التعليقات'), 'boilerplate is not part of the analysed body');
  t.ok(e.keywords.length > 0 && e.extract.length > 0);
  t.ok(e.wordCount > 40 && e.readingTimeSec > 0);
  t.match(e.simhash, /^[0-9a-f]{16}$/);
  t.ok(e.tone && e.tone.score >= -100 && e.tone.score <= 100, `tone: ${JSON.stringify(e.tone)}`);
  for (const field of ['lang', 'normalized', 'entities', 'countries', 'topics', 'keywords', 'tone', 'extract', 'stats', 'simhash', 'storyId']) {
    t.match(e.provenance[field], { tagger: String, version: String }, `provenance of ${field}`);
    t.notOk(e.provenance[field]?.failed, `${field} did not fail`);
  }
});

t.test('a subject met only below the lede is background, not a topic; the same sentence in the lede is one', async (t) => {
  const title = 'Al-Zawraa win the Iraqi league title on the final day';
  const [result, scorers, coach, election] = [
    'Al-Zawraa won the Iraqi Premier League on Saturday, beating Al-Talaba 2-1 in front of a full stadium in Baghdad.',
    'Their striker scored twice in the second half as the champions finished three points clear of Al-Shorta.',
    'The coach said his players deserved the trophy after a long season, and fans celebrated late into the night.',
    'The final round had been moved a week because of the parliamentary election, in which voters chose a new parliament and the prime minister lost his majority.',
  ];
  const topicsOf = (sentences: string[]) => enrichArticle(article(title, sentences.join(' '))).topics.map((x) => x.id);
  t.same(topicsOf([result, scorers, coach, election]), ['sport'], 'the election, told in the fourth sentence, is why the match moved');
  t.same(topicsOf([result, election, scorers, coach]), ['sport', 'politics'], 'told in the second, it is part of what the story is about');
});

t.test('the same story in English and French tags the same entities', async (t) => {
  const en = enrichArticle(article("Iraq's Kadhimi takes militia map to Trump", 'Iraqi Prime Minister Mustafa al-Kadhimi will show President Donald Trump a map of Iran-backed militias that threaten security, officials in Baghdad said. The talks in Washington will also cover energy and the economy.'));
  const fr = enrichArticle(article('Moustafa al-Kazimi à Washington', "Le Premier ministre irakien Moustafa al-Kazimi présentera au président américain Donald Trump une carte des milices soutenues par l'Iran qui menacent la sécurité de l'Irak."));
  for (const e of [en, fr]) {
    const ids = e.entities.map((x) => x.id);
    for (const id of ['mustafa-al-kadhimi', 'Q22686', 'Q796', 'Q794']) t.ok(ids.includes(id), `${e.lang}: ${id}`);
    t.ok(e.topics.some((x) => x.id === 'politics') && e.topics.some((x) => x.id === 'conflict'), `${e.lang}: ${JSON.stringify(e.topics)}`);
  }
  t.equal(en.lang, 'en');
  t.equal(fr.lang, 'fr');
});

t.test("a Sorani Kurdish report from Erbil is Central Kurdish, right to left, with Kurdish stop words out of its keywords — not Persian", async (t) => {
  // Written for this test in the manner of Iraqi Kurdistan's press.
  const e = enrichArticle(article(
    'حکومەتی هەرێم مووچەی فەرمانبەران لە هەفتەی داهاتوودا دابەش دەکات',
    [
      'وەزارەتی دارایی حکومەتی هەرێمی کوردستان ڕایگەیاند کە مووچەی مانگی ڕابردووی فەرمانبەران لە هەفتەی داهاتوودا دابەش دەکرێت.',
      'بەپێی ڕاگەیەندراوی وەزارەت، پارەی مووچەکان لە بەغداوە گەیشتووەتە هەولێر و دابەشکردن لە سلێمانی و دهۆکیش دەست پێدەکات.',
      'هەروەها وەزارەت دەڵێت بەپێی بڕیاری ئەنجومەنی وەزیران دابەشکردن دەکات.',
    ].join('\n'),
  ));
  t.equal(e.lang, 'ckb');
  t.equal(e.dir, 'rtl');
  t.ok(e.keywords.length > 0, `keywords: ${e.keywords.join(', ')}`);
  t.ok(e.keywords.includes('فەرمانبەران'), 'the employees the report is about');
  const ids = e.entities.map((x) => x.id);
  for (const id of ['Q133118', 'Q1530', 'kurdistan-region']) t.ok(ids.includes(id), `entity ${id} (Erbil, Baghdad, the Kurdistan Region), as in an article in any other language`);
  for (const stop of ['دەکات', 'بەپێی']) t.notOk(e.keywords.includes(stop), `no "${stop}" ("does", "according to") among the keywords`);
});

t.test('a Kurmanji report is Northern Kurdish, left to right, naming Erbil and Duhok, with Kurmanji stop words out of its keywords', async (t) => {
  const e = enrichArticle(article(
    'Barana xurt rêyên di navbera Hewlêr û Duhokê de girtin',
    'Ji ber barana xurt a şeva borî, çend rêyên sereke yên di navbera Hewlêr û Duhokê de hatin girtin û tîmên parastina sivîl heta sibehê ji bo vekirina wan xebitîn.',
  ));
  t.match(e, { lang: 'ku', dir: 'ltr' });
  t.ok(['Q133118', 'duhok'].every((id) => e.entities.some((x) => x.id === id)), 'Erbil and Duhok (Duhokê: its case ending)');
  t.ok(e.keywords.includes('rêyên'), `the roads are a keyword: ${e.keywords.join(', ')}`);
  for (const stop of ['navbera', 'ber', 'çend', 'hatin']) t.notOk(e.keywords.includes(stop), `no "${stop}" among the keywords`);
});

t.test('bad input is enriched with what is possible, never a crash', async (t) => {
  const empty = enrichArticle(article('', ''));
  t.equal(empty.lang, 'und');
  t.same(empty.entities, []);
  t.equal(empty.wordCount, 0);
  t.ok(Value.Check(EnrichmentSchema, empty));

  const big = 'تقرير طويل عن الاقتصاد العراقي والنفط في البصرة. '.repeat(110_000); // ≈ 5.5 MB
  const started = Date.now();
  const e = enrichArticle(article('تقرير', big));
  t.equal(e.lang, 'ar');
  t.ok(e.normalized.body.length <= 100_000, 'normalised body is bounded');
  t.ok(e.wordCount > 500_000, 'word count covers the whole body');
  t.ok(e.entities.some((x) => x.id === 'Q48195'), 'entities still found');
  t.comment(`5 MB body enriched in ${String(Date.now() - started)} ms`);

  // Random bytes read as UTF-8, as a broken feed delivers them.
  let seed = 42;
  const bytes = Buffer.from(Array.from({ length: 64 * 1024 }, () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) >>> 16 & 0xff));
  const g = enrichArticle(article('\u0000\u0001\uFFFD', bytes.toString('utf8') + '\uD800'));
  t.ok(Value.Check(EnrichmentSchema, g), 'binary garbage still gives a valid enrichment');
  t.equal(g.lang, 'und');

  const mixed = enrichArticle(article('Kadhimi الكاظمي Trump ترامب', ''));
  t.equal(mixed.lang, 'und', 'mixed scripts in even measure: und');
  t.ok(mixed.entities.some((x) => x.id === 'mustafa-al-kadhimi'), 'entities in both scripts are still found');
});

t.test('a tagger that throws marks its field failed; the others run', async (t) => {
  const e = enrichArticle(SEED_LIKE, {
    taggers: {
      topics: () => {
        throw new Error('lexicon exploded');
      },
      entities: () => {
        throw Object.assign(new Error('gazetteer missing'), { code: 'AKHBAR_TEST_BROKEN' });
      },
    },
  });
  t.equal(e.provenance.topics?.failed, 'AKHBAR_NLP_TAGGER_FAILED');
  t.equal(e.provenance.entities?.failed, 'AKHBAR_TEST_BROKEN', 'the error code is kept');
  t.ok(e.provenance.countries?.failed, 'countries depend on entities');
  t.same(e.topics, []);
  t.same(e.entities, []);
  t.equal(e.lang, 'ar', 'language still detected');
  t.ok(e.keywords.length > 0, 'keywords still extracted');
  t.ok(e.tone && !e.provenance.tone?.failed, 'tone still scored');
  t.ok(Value.Check(EnrichmentSchema, e));
});

t.test('boilerplate is cleaned from the article; signatures for clustering', async (t) => {
  const cleaned = cleanArticle(SEED_LIKE);
  t.notOk(cleaned.body.includes('إقرأ ايضا'));
  t.ok(cleaned.body.startsWith('كشفت مصادر'));
  t.equal(cleanArticle(cleaned), cleaned, 'idempotent');
  t.ok(articleSignature(SEED_LIKE), 'a story has a signature');
  t.equal(articleSignature(article('عنوان', '')), undefined, 'a bare headline has none');
});

t.test('callable in a plain loop', async (t) => {
  const results = [];
  for (let i = 0; i < 200; i++) results.push(enrichArticle({ ...SEED_LIKE, id: `a${String(i)}` }).lang);
  t.equal(results.filter((l) => l === 'ar').length, 200);
});

t.test('entities are read in the article\'s language: a Turkish "belge" is a document, not Belgium', async (t) => {
  const tr = enrichArticle(article('Bakanlıktan yeni belge', 'Bakanlık, Ankara\'da yeni bir belge yayımladı ve belgeyi meclise sundu. Belge, bütçe ile ilgili.', { langHint: 'tr' }));
  t.equal(tr.lang, 'tr');
  t.notOk(tr.entities.some((e) => e.id === 'Q31'), `no Belgium (${tr.entities.map((e) => e.id).join(', ')})`);
  t.ok(tr.entities.some((e) => e.id === 'Q3640'), 'Ankara still found');
  const fr = enrichArticle(article('Le gouvernement belge réagit', 'Le Premier ministre belge a réagi mardi à Bruxelles.', { langHint: 'fr' }));
  t.ok(fr.entities.some((e) => e.id === 'Q31'), 'a French "belge" is Belgium');
});

t.test('a French article on Jordan Bardella does not name Jordan; one on Jordan does', async (t) => {
  const bardella = enrichArticle(article('Jordan Bardella en campagne dans le Nord', 'Jordan Bardella a tenu un meeting à Lille samedi. Le président du Rassemblement national a promis de baisser les prix de l’énergie.', { langHint: 'fr' }));
  t.equal(bardella.lang, 'fr');
  t.notOk(bardella.entities.some((e) => e.id === 'Q810'), `no Jordan (${bardella.entities.map((e) => e.id).join(', ')})`);
  const jordanie = enrichArticle(article('La Jordanie rouvre sa frontière', 'Le gouvernement jordanien a annoncé la réouverture du poste-frontière avec la Syrie.', { langHint: 'fr' }));
  t.ok(jordanie.entities.some((e) => e.id === 'Q810'), 'la Jordanie is Jordan');
  const en = enrichArticle(article('Jordan Says It Will Reopen Border Crossing', 'Jordan will reopen its main border crossing with Syria next week, the government said.', { langHint: 'en' }));
  t.ok(en.entities.some((e) => e.id === 'Q810'), 'English "Jordan" is the country');
});

t.test('an English article on Indian politics names the Congress party, not the US one; one on Michael Jordan names no country', async (t) => {
  const india = enrichArticle(article(
    'Congress Sweeps Karnataka as Voters Turn on Ruling Party',
    'The Congress party won a clear majority in the Karnataka assembly election, counting showed on Saturday. Congress president Mallikarjun Kharge thanked voters, while Prime Minister Narendra Modi congratulated the winners.',
    { langHint: 'en' },
  ));
  t.ok(india.entities.some((e) => e.id === 'indian-national-congress'), 'the party');
  t.notOk(india.entities.some((e) => e.id === 'us-congress'), `no US Congress (${india.entities.map((e) => e.id).join(', ')})`);
  const mj = enrichArticle(article(
    'Michael Jordan Sells Remaining Stake in the Hornets',
    'Michael Jordan has sold the rest of his stake in the Charlotte Hornets, the team said. Jordan bought into the franchise in 2006.',
    { langHint: 'en' },
  ));
  t.notOk(mj.entities.some((e) => e.id === 'Q810'), `no Jordan, the surname alone included (${mj.entities.map((e) => e.id).join(', ')})`);
  t.same(mj.countries, []);
  // The surname alone is the country again where the text names Jordan another way.
  const visit = enrichArticle(article(
    'Michael Jordan Visits Refugee Camp',
    'Michael Jordan toured a camp run by the Jordanian government near Amman. Jordan hosts more than 600,000 registered refugees.',
    { langHint: 'en' },
  ));
  t.ok(visit.entities.some((e) => e.id === 'Q810'), `Jordan (${visit.entities.map((e) => e.id).join(', ')})`);
});

t.test('who said what: the quotations an article attributes, its surname-only attributions read as the person it named', async (t) => {
  const e = enrichArticle(article(
    'السوداني: الرواتب ستصرف قبل العيد',
    [
      'أكد رئيس الوزراء محمد شياع السوداني، الأحد، أن رواتب موظفي الدولة ستصرف في موعدها.',
      'وقال السوداني في مؤتمر صحفي: «لن يتأخر راتب أي موظف بعد اليوم، فالأموال متوفرة».',
      'وأضاف: «الحكومة ماضية في دفع مستحقات المتقاعدين أيضا دون تأخير».',
      'ووصف نواب المعارضة الوعد بأنه "مجرد كلام".',
    ].join('\n'),
    { langHint: 'ar' },
  ));
  t.ok(Value.Check(EnrichmentSchema, e), 'matches the Enrichment contract');
  t.same(e.provenance.quotes, { tagger: 'akhbar-quotes', version: '1.19.0' });
  t.same(e.quotes?.map((q) => [q.speaker?.id, q.by, q.indirect ?? false]), [
    ['mohammed-shia-al-sudani', 'رئيس الوزراء محمد شياع السوداني', true],
    ['mohammed-shia-al-sudani', 'السوداني', false],
    ['mohammed-shia-al-sudani', 'السوداني', false],
  ], 'what he is reported to have said ("أكد … أن …"), then his words: "السوداني" alone is the prime minister the article named in full, and "وأضاف" carries him on; a two-word scare quote is not one');
  t.notOk(enrichArticle(article('Bridge reopens', 'The Jadriya bridge reopened on Monday after repairs.', { langHint: 'en' })).quotes, 'an article that quotes no one has no quotes field');
  const failing = enrichArticle(SEED_LIKE, { taggers: { quotes: () => { throw new Error('boom'); } } });
  t.equal(failing.provenance.quotes?.failed, 'AKHBAR_NLP_TAGGER_FAILED', 'a failing quotation reader is recorded');
  t.ok(failing.entities.length > 0 && failing.quotes === undefined, 'and the rest of the article is still enriched');
});
