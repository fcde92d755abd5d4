import t from 'tap';
import { dropIndexPrefix, testEsUrl, uniqueIndexPrefix } from '@akhbar/testkit';
import { ALL_I18N_BODY_FIELDS, ALL_I18N_TITLE_FIELDS, F, createEsClient, ensureArticleIndex, indexNames, toDocument } from '../src/index.ts';
import { makeArticle } from './fixtures.ts';

/**
 * "A reader's spelling must not matter", proven on the real Elasticsearch with the akhbar-analysis
 * plugin: `_analyze` shows what the chains make of a word, and real searches over real documents
 * show that a reader's form finds the writer's form (and does not drag in unrelated articles).
 */

const es = createEsClient(testEsUrl());
const prefix = uniqueIndexPrefix('analysis');
const names = indexNames(prefix);

t.teardown(async () => {
  await dropIndexPrefix(prefix);
  await es.close();
});

async function tokens(text: string, how: { field: string } | { analyzer: string }): Promise<string[]> {
  const res = await es.indices.analyze({ index: names.read, text, ...how });
  return (res.tokens ?? []).map((x) => x.token);
}

const DOCS = {
  kadhimi: makeArticle({
    lang: 'ar',
    title: 'الكاظمي يزور مدرسة في بغداد',
    body: 'زار رئيس الوزراء مصطفى الكاظمي مدرسة ابتدائية في بغداد واستمع إلى مطالب الأهالي.',
  }),
  militias: makeArticle({
    lang: 'ar',
    title: 'طهران ترد على اتهامات بدعم المليشيات',
    body: 'قالت إيران إن الاتهامات الموجهة إليها بتسليح المليشيات في المنطقة لا أساس لها.',
  }),
  teachers: makeArticle({
    lang: 'ar',
    title: 'اتفاق بين الحكومتين على تبادل المعلمين',
    body: 'وقعت الحكومتان مذكرة تفاهم لتبادل المعلمين والطلاب خلال العام الدراسي المقبل.',
  }),
  ministry: makeArticle({
    lang: 'ar',
    title: 'مسؤول في وزارة الصحة: المستشفيات تستقبل المصابين',
    body: 'أكد مسؤول في الوزارة أن المستشفيات الحكومية استقبلت المصابين وأن هيأة النزاهة تتابع الملف.',
  }),
  washington: makeArticle({
    lang: 'ar',
    title: 'الكونغرس الأمريكي يناقش موازنة الدفاع',
    body: 'بدأ الكونغرس جلسات لمناقشة الموازنة بعد أن طلب الرئيس ترامب زيادة الإنفاق على الجيش.',
  }),
  markets: makeArticle({
    lang: 'ar',
    title: 'ارتفاع أسعار الخضار في أسواق البصرة',
    body: 'قال تجار إن أسعار السلع الغذائية ارتفعت في الأسواق الشعبية بعد إغلاق المعابر الحدودية.',
  }),
  elections: makeArticle({
    lang: 'fr',
    title: "Les élections législatives en Irak : l'opposition dénonce des fraudes",
    body: "L'Irak a voté dimanche pour renouveler son Parlement ; la participation reste faible.",
  }),
  militiasEn: makeArticle({
    lang: 'en',
    title: "Militias clash near Basra as Iraq's elections approach",
    body: 'Armed groups exchanged fire overnight, officials said, weeks before the vote.',
  }),
  floods: makeArticle({
    lang: 'ar',
    title: 'سيول تغمر قرى في ريف إدلب',
    body: 'غمرت مياه الأمطار الغزيرة منتصف حزيران عشرات المنازل ونزح سكانها إلى مخيمات قريبة.',
  }),
  bookFair: makeArticle({
    lang: 'ar',
    title: 'القاهرة تستضيف معرض الكتاب',
    body: 'تفتح أبواب المعرض للزوار في العاشر من يونيه ويستمر أسبوعين.',
  }),
  harvest: makeArticle({
    lang: 'ar',
    title: 'انطلاق موسم الحصاد في الشمال التونسي',
    body: 'يتوقع الفلاحون أن يبلغ المحصول ذروته مطلع جويلية إذا اعتدل الطقس.',
  }),
  carMaker: makeArticle({
    lang: 'ar',
    title: 'نيسان تكشف عن سيارة كهربائية جديدة',
    body: 'أعلنت الشركة اليابانية أن الطراز الجديد سيصل إلى صالات العرض الخليجية العام المقبل.',
  }),
  // Central Kurdish (Sorani), written for this test in the manner of Erbil's press.
  salaries: makeArticle({
    lang: 'ckb',
    title: 'مووچەی فەرمانبەران لە هەفتەی داهاتوودا دابەش دەکرێت',
    body: 'وەزارەتی دارایی ڕایگەیاند کە پارەی مووچەکان لە بەغداوە گەیشتووەتە هەولێر.',
  }),
  // Northern Kurdish (Kurmanji, Latin script), written for this test in the manner of Duhok's press.
  kurmanji: makeArticle({
    lang: 'ku',
    title: 'Hilbijartinên parlamentoya Herêma Kurdistanê hatin paşxistin',
    body: 'Serokê komîsyonê ragihand ku partiyên siyasî li ser dîroka nû ya hilbijartinê li Hewlêrê civiyan.',
  }),
  // One short local-news item each in six more languages, in the manner of their press.
  palermo: makeArticle({
    lang: 'it',
    title: 'Le elezioni comunali a Palermo slittano di un mese',
    body: "Il consiglio dei ministri ha rinviato la data del voto nella città dopo l'alluvione.",
  }),
  lisbon: makeArticle({
    lang: 'pt',
    title: 'Eleição municipal em Lisboa adiada por um mês',
    body: 'O conselho de ministros adiou a votação na cidade depois das cheias.',
  }),
  utrecht: makeArticle({
    lang: 'nl',
    title: 'De verkiezing in Utrecht wordt een maand uitgesteld',
    body: 'De ministers besloten de stemming in de stad uit te stellen na de overstromingen.',
  }),
  surabaya: makeArticle({
    lang: 'id',
    title: 'Pemilihan wali kota Surabaya ditunda sebulan',
    body: 'Pemerintah memutuskan menunda pemungutan suara di kota itu setelah banjir.',
  }),
  thessaloniki: makeArticle({
    lang: 'el',
    title: 'Αναβάλλονται οι εκλογές στη Θεσσαλονίκη',
    body: 'Οι υπουργοί αποφάσισαν να μεταθέσουν την ψηφοφορία κατά έναν μήνα μετά τις πλημμύρες.',
  }),
  jaipur: makeArticle({
    lang: 'hi',
    title: 'जयपुर में नगर निगम चुनावों की तारीख टली',
    body: 'बाढ़ के बाद मंत्रियों ने शहर में मतदान एक महीने के लिए टाल दिया।',
  }),
  unknownLang: makeArticle({
    lang: 'und',
    title: 'L’Iran et l’Irak signent un accord',
    body: 'مسؤول عراقي: الاتفاق يشمل الطاقة',
  }),
};

const QUERY_FIELDS = [F.title, F.summary, F.body, ...ALL_I18N_TITLE_FIELDS, ...ALL_I18N_BODY_FIELDS];

/** Ids of the test documents a free-text query finds (all words required, as the search box does). */
async function found(q: string): Promise<string[]> {
  const res = await es.search({
    index: names.read,
    size: 50,
    query: { simple_query_string: { query: q, fields: QUERY_FIELDS, default_operator: 'and' } },
    _source: false,
  });
  const byId = new Map(Object.entries(DOCS).map(([k, a]) => [a.id, k]));
  return res.hits.hits.map((h) => byId.get(h._id!) ?? h._id!).sort();
}

t.before(async () => {
  await ensureArticleIndex(es, prefix);
  const operations = Object.values(DOCS).flatMap((a) => [{ index: { _index: names.write, _id: a.id } }, toDocument(a)]);
  const res = await es.bulk({ operations, refresh: true });
  if (res.errors) throw new Error(`fixture indexing failed: ${JSON.stringify(res.items.filter((i) => i.index?.error))}`);
});

t.test('Arabic analysis chains (_analyze)', async (t) => {
  const ar = F.i18nBody('ar');
  t.same(await tokens('الكاظمي كاظمي والكاظمي بالكاظمي وبالكاظمي للكاظمي', { analyzer: 'akhbar_ar_search' }), Array(6).fill('كاظم'), 'article, conjunction and preposition clitics, stacked or not');
  t.same(await tokens('مدرسة مدرسه', { field: ar }), ['مدرس', 'مدرس'], 'ta marbuta and heh');
  t.same(await tokens('المليشيات مليشيا', { field: ar }), ['مليش', 'مليش'], 'sound plural and the loanword singular');
  t.same(await tokens('مسؤول مسئول', { field: ar }), ['مساول', 'مساول'], 'hamza on waw and on yeh');
  t.same(await tokens('هيئة هيأة', { field: ar }), ['هيا', 'هيا'], 'hamza seats in هيئة');
  t.same(await tokens('سيارتها', { field: ar }), ['سيار'], 'ta marbuta restored before a pronoun');
  t.same(await tokens('إيران', { field: ar }), ['اير', 'ايران'], 'an ending that may be a dual keeps both stems');
  t.same(await tokens('الإيرانيين', { field: ar }), ['ايران'], 'nisba plural meets the country name');
  t.same(await tokens('وزارة', { field: ar }), ['وزار', 'زار'], 'index side: the stem with and without a one-letter proclitic');
  t.same(await tokens('وزارة', { analyzer: 'akhbar_ar_search' }), ['وزار'], 'query side: the word as typed');
  t.same(await tokens('٢٠٢٤', { field: ar }), ['2024'], 'Arabic-Indic digits');
  t.same(await tokens('المدارس مدرسة', { field: ar }), ['مدارس', 'مدرس', 'مدرس'], 'a broken plural also gives its singular\'s stem');
  t.same(await tokens('أسعارها', { analyzer: 'akhbar_ar_search' }), ['اسعار', 'سعر'], 'query side too, behind a pronoun');
  t.same(await tokens('النساء', { field: ar }), ['نسا', 'امرا', 'مرا'], 'every written singular (امرأة, المرأة)');
  t.same(await tokens('كتب', { field: ar }), ['كتب'], 'a plural that is also a common verb (كتب, "wrote") is left alone');
  t.same(await tokens('العلماء', { field: ar }), ['علما'], 'so is one whose singular is another common word (عالم is also "world")');
  t.same(await tokens('الأميركية ترمب', { field: ar }), ['اميرك', 'امريك', 'ترمب', 'ترامب'], 'a second spelling also gives the usual one\'s stem');
  t.same(await tokens('حزيران جويلية', { analyzer: 'akhbar_ar_search' }), ['حزير', 'حزيران', 'يونيو', 'جويل', 'يوليو'], 'a Levantine or Maghrebi month name also gives the Egyptian/Gulf one');
  t.same(await tokens('نيسان', { field: ar }), ['نيس', 'نيسان'], 'نيسان (April, and Nissan) is left alone');
});

t.test('Latin-script analysis chains (_analyze)', async (t) => {
  t.same(await tokens('élections elections élection Élection', { field: F.i18nBody('fr') }), Array(4).fill('election'), 'French: plural, accents and case');
  t.same(await tokens("l'Irak L’Irak d'Irak", { field: F.i18nBody('fr') }), ['irak', 'irak', 'irak'], 'French elision, straight and curly apostrophes');
  t.same(await tokens("Militias militia Iraq's", { field: F.i18nBody('en') }), ['militia', 'militia', 'iraq'], 'English plural and possessive');
  t.same(await tokens("L’Irak ÉLECTIONS Kadhimi's", { field: F.body }), ['irak', 'elections', 'kadhimi'], 'neutral field: elision, possessive, case and accents');
  t.same(await tokens('إيران مسئول', { field: F.body }), ['ايران', 'مساول'], 'neutral field folds Arabic letter and hamza variants');
});

t.test('a reader finds the Arabic article whatever the spelling', async (t) => {
  for (const q of ['كاظمي', 'الكاظمي', 'والكاظمي', 'بالكاظمي', 'للكاظمي']) t.same(await found(q), ['kadhimi'], `${q} finds the article with الكاظمي`);
  t.same(await found('مدرسه'), ['kadhimi'], 'مدرسه finds مدرسة');
  t.same(await found('المدرسة الكاظمي'), ['kadhimi'], 'two words, both with the article');
  t.same(await found('ايران'), ['militias'], 'ايران finds إيران');
  t.same(await found('الإيرانية'), ['militias'], 'the adjective finds the country');
  t.same(await found('مليشيا'), ['militias'], 'مليشيا finds المليشيات');
  t.same(await found('حكومة'), ['ministry', 'teachers'], 'حكومة finds the dual الحكومتين and the adjective الحكومية');
  t.same(await found('الحكومات المعلم'), ['teachers'], 'plural and singular forms find dual and plural');
  t.same(await found('المعلمون'), ['teachers'], 'nominative plural finds the genitive plural');
  t.same(await found('مسئول'), ['ministry', 'unknownLang'], 'مسئول finds مسؤول (Arabic and unknown-language articles)');
  t.same(await found('الوزارة'), ['ministry'], 'الوزارة finds وزارة');
  t.same(await found('وزارة'), ['ministry'], 'وزارة finds وزارة and الوزارة, and not زار ("visited")');
  t.same(await found('مستشفى'), ['ministry'], 'مستشفى (alef maqsura) finds المستشفيات');
  t.same(await found('هيئة'), ['ministry'], 'هيئة finds هيأة');
  t.same(await found('كاظمي مليشيا'), [], 'all words are required: no article has both');
  t.same(await found('سعر'), ['markets'], 'the singular سعر finds the broken plural أسعار');
  t.same(await found('السوق'), ['markets'], 'السوق finds أسواق and الأسواق');
  t.same(await found('مدارس'), ['kadhimi'], 'the broken plural مدارس finds the singular مدرسة');
  t.same(await found('وزير'), ['kadhimi'], 'وزير finds رئيس الوزراء, and not وزارة');
  t.same(await found('أميركا'), ['washington'], 'أميركا finds الأمريكي');
  t.same(await found('ترمب الكونجرس'), ['washington'], 'ترمب and الكونجرس find ترامب and الكونغرس');
  t.same(await found('ميليشيا'), ['militias'], 'ميليشيا finds المليشيات');
  t.same(await found('يونيو'), ['bookFair', 'floods'], 'يونيو finds حزيران (Levant, Iraq) and يونيه (Egypt)');
  t.same(await found('حزيران'), ['bookFair', 'floods'], 'and the other way round');
  t.same(await found('تموز'), ['harvest'], 'تموز finds جويلية (Maghreb)');
  t.same(await found('أبريل'), [], 'أبريل does not find an article about the car maker نيسان');
});

t.test('Italian, Portuguese, Dutch, Indonesian, Greek and Hindi: a reader\'s singular, plural or missing accent finds the writer\'s word', async (t) => {
  // Each the other number (or form) of a word in its article, or the word without its accents.
  t.same(await found('elezione'), ['palermo'], 'it: elezione finds elezioni');
  t.same(await found('citta'), ['palermo'], 'it: citta finds città');
  t.same(await found("l'alluvione"), ['palermo'], "it: the elided article comes off (l'alluvione)");
  t.same(await found('eleições'), ['lisbon'], 'pt: eleições finds eleição');
  t.same(await found('votacao'), ['lisbon'], 'pt: votacao finds votação');
  t.same(await found('verkiezingen'), ['utrecht'], 'nl: verkiezingen finds verkiezing');
  t.same(await found('overstroming'), ['utrecht'], 'nl: overstroming finds overstromingen');
  t.same(await found('memilih'), ['surabaya'], 'id: memilih finds pemilihan (the affixes come off)');
  t.same(await found('pemerintahan'), ['surabaya'], 'id: pemerintahan finds pemerintah');
  t.same(await found('εκλογή'), ['thessaloniki'], 'el: εκλογή finds εκλογές');
  t.same(await found('ΘΕΣΣΑΛΟΝΙΚΗ'), ['thessaloniki'], 'el: capitals without the tonos');
  t.same(await found('υπουργός'), ['thessaloniki'], 'el: υπουργός finds υπουργοί');
  t.same(await found('चुनाव'), ['jaipur'], 'hi: चुनाव finds चुनावों');
  t.same(await found('मंत्री'), ['jaipur'], 'hi: मंत्री finds मंत्रियों');
  t.same(await found('ministro'), ['lisbon', 'palermo'], 'the same word in two languages finds both (ministri, ministros)');
  t.same(await tokens('il della che', { field: F.i18nBody('it') }), [], 'each has its stop words');
  t.same(await tokens('και των', { field: F.i18nBody('el') }), []);
});

t.test('a reader finds the Kurmanji Kurdish article whatever its case, ezafe or plural ending', async (t) => {
  const ku = F.i18nBody('ku');
  const forms = async (words: string) => new Set(await tokens(words, { field: ku })).size;
  t.equal(await forms('hilbijartin hilbijartina hilbijartinê hilbijartinan hilbijartinên hilbijartinek hilbijartinekê'), 1, 'the election in every case, the ezafe, plural and indefinite: one stem');
  t.equal(await forms('Kurdistan Kurdistanê Kurdistana'), 1, 'a name ending as a suffix does meets its inflected forms');
  t.equal(await forms('Bexda Bexdayê Bexdaya'), 1, 'after a vowel, the glide y comes off with the suffix');
  t.equal(await forms('partî partiyên partiya'), 1, 'partî shortens before the glide, and still meets partiyên');
  t.equal(await forms('Hewlêr Hewlêrê'), 1);
  t.same(await tokens('Îran', { field: ku }), await tokens('Îranê', { field: ku }), 'a short name keeps three letters at least');
  t.not((await tokens('serok', { field: ku }))[0], (await tokens('ser', { field: ku }))[0], 'words that only share a beginning stay apart');
  t.same(await tokens('û li ji bi ku', { field: ku }), [], 'its function words');
  t.same(await found('hilbijartin'), ['kurmanji'], 'the bare noun finds hilbijartinê and Hilbijartinên');
  t.same(await found('Hewlêr'), ['kurmanji'], 'Hewlêr finds li Hewlêrê');
  t.same(await found('partî'), ['kurmanji'], 'partî finds partiyên');
  t.same(await found('hilbijartine Hewlere'), ['kurmanji'], 'typed without ê: the forms as written, through the folded neutral fields');
});

t.test('a reader finds the Sorani Kurdish article whatever its suffixes', async (t) => {
  const ckb = F.i18nBody('ckb');
  const stem = await tokens('مووچە', { field: ckb });
  t.equal(stem.length, 1);
  t.same(await tokens('مووچەی مووچەکان مووچەکە', { field: ckb }), Array(3).fill(stem[0]), 'the ezafe -ی, the definite plural -ەکان and singular -ەکە come off');
  t.same(await tokens('لە و کە', { field: ckb }), [], 'its stop words');
  t.same(await tokens('وەزارەت وەزارەتی وەزارەتەکان', { field: ckb }), Array(3).fill((await tokens('وەزارەت', { field: ckb }))[0]), 'the same for ministry, of the ministry, the ministries');
  t.same(await tokens('هەولێر', { field: ckb }), ['هەولێر'], 'a name without a suffix is left whole');
  t.same(await found('مووچە'), ['salaries'], 'the bare noun finds مووچەی and مووچەکان');
  t.same(await found('وەزارەت'), ['salaries'], 'وەزارەت finds وەزارەتی');
  t.same(await found('هەولێر'), ['salaries'], 'a place name as written');
});

t.test('a reader finds French and English articles whatever the accents and case', async (t) => {
  for (const q of ['élections', 'elections', 'élection', 'ELECTIONS', 'legislatives']) t.ok((await found(q)).includes('elections'), `${q} finds « élections législatives »`);
  t.same(await found('election'), ['elections', 'militiasEn'], 'a singular finds French and English plurals');
  t.same(await found('Irak'), ['elections', 'unknownLang'], "Irak finds l'Irak (French and unknown-language articles)");
  t.same(await found("l'Irak"), ['elections', 'unknownLang'], "l'Irak finds Irak");
  t.same(await found('militia iraq'), ['militiasEn'], "militia iraq finds Militias … Iraq's");
});
