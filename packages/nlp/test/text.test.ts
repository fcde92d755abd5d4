import t from 'tap';
import {
  cliticVariants, countWords, extractKeywords, extractiveSummary, hammingDistance, isBoilerplateLine, normalizeArabic, normalizeText, sentences,
  signatureSimilarity, simhash, storySignature, stripBoilerplate, tokenize,
} from '../src/index.ts';

t.test('Arabic normalisation', async (t) => {
  t.equal(normalizeArabic('مُصْطَفَى'), 'مصطفي', 'tashkeel removed, ى → ي');
  t.equal(normalizeArabic('الكــــاظمي'), 'الكاظمي', 'tatweel removed');
  t.equal(normalizeArabic('أحمد إبراهيم آمال ٱلله'), 'احمد ابراهيم امال الله', 'alef variants → ا');
  t.equal(normalizeArabic('الحكومة'), 'الحكومه', 'ة → ه');
  t.equal(normalizeArabic('٣٬٥٠٠ و۱۲'), '3,500 و12', 'Arabic-Indic and Persian digits → ASCII');
  t.equal(normalizeText('Élections à Bagdad'), 'elections a bagdad', 'Latin case and accent folding');
  t.equal(normalizeText('ﺍﻟﻌﺮﺍﻕ'), 'العراق', 'presentation forms fold to letters');
  t.equal(normalizeText('a\u200Fb\u200Bc'), 'abc', 'invisible controls dropped');
});

t.test('tokens, sentences, clitics, word count', async (t) => {
  t.same(tokenize("l'Irak et al-Kadhimi").map((x) => x.norm), ['l', 'irak', 'et', 'al', 'kadhimi']);
  t.same(sentences('First one. Second one! U.S. forces stay.').map((s) => s.text), ['First one.', 'Second one!', 'U.S. forces stay.']);
  // Spanish doubles an abbreviation's letters in the plural and spaces its halves: "EE. UU." is one word.
  t.same(sentences('Viajó a EE. UU. El lunes vuelve.').map((s) => s.text), ['Viajó a EE. UU.', 'El lunes vuelve.']);
  t.same(sentences('Desfilaron las FF. AA. Fin de la guerra mundial II. IV. Anexos.').map((s) => s.text), ['Desfilaron las FF. AA.', 'Fin de la guerra mundial II.', 'IV.', 'Anexos.']);
  t.same(tokenize('Sanciones de EE. UU.').map((x) => x.sentence), [0, 0, 0, 0], 'the halves are in one sentence');
  t.ok(cliticVariants('والكاظمي').includes('الكاظمي'));
  t.ok(cliticVariants('للعراق').includes('العراق'), 'لل gets its article back');
  t.ok(cliticVariants('والانتخابات', true).includes('انتخابات'), 'article peeled for lexicon stems');
  t.equal(countWords('قال رئيس الوزراء، إن الحكومة — ستبدأ'), 6);
  t.equal(countWords(''), 0);
});

t.test('boilerplate lines go, content stays', async (t) => {
  const body = 'الفقرة الأولى من الخبر.\nإقرأ ايضا\nالفقرة الثانية.\nالتعليقات\nشارك: فيسبوك تويتر';
  t.equal(stripBoilerplate(body), 'الفقرة الأولى من الخبر.\nالفقرة الثانية.');
  t.equal(stripBoilerplate('Talks resumed on Monday. Read more'), 'Talks resumed on Monday.');
  t.equal(stripBoilerplate('Les discussions reprennent.\nLire aussi\nPartager'), 'Les discussions reprennent.');
  t.ok(isBoilerplateLine('اقرأ أيضاً'), 'the other spelling of "read also"');
  t.notOk(isBoilerplateLine('Comments by the minister drew criticism'), 'a sentence that starts like a footer is content');
  t.equal(stripBoilerplate(''), '');
  // A feed's summary is its paragraphs joined on one line: the footer label comes after the last sentence.
  t.equal(stripBoilerplate('قال الكاظمي: "نذهب إلى واشنطن لبناء شراكة متوازنة". التعليقات'), 'قال الكاظمي: "نذهب إلى واشنطن لبناء شراكة متوازنة".', 'a comments label after the last sentence');
  t.equal(stripBoilerplate('Talks resumed on Monday. Share this: Facebook Twitter'), 'Talks resumed on Monday.', 'a share bar after the last sentence');
  t.equal(stripBoilerplate('Les discussions reprennent. Lire aussi'), 'Les discussions reprennent.');
  t.equal(stripBoilerplate('The minister said he would share'), 'The minister said he would share', 'a word of the sentence itself stays');
  t.equal(stripBoilerplate('Talks resumed. Comments by the minister drew criticism'), 'Talks resumed. Comments by the minister drew criticism', 'a sentence without its full stop stays');
});

t.test('keywords and extract', async (t) => {
  const text = 'The Central Bank of Iraq raised the exchange rate of the dinar. The dinar fell against the dollar. Traders said the dinar would recover as the Central Bank of Iraq sold dollars.';
  const kws = extractKeywords(tokenize(text), 'en');
  t.ok(kws.length > 0 && kws.length <= 10);
  t.ok(kws.some((k) => /dinar/i.test(k)), `keywords name the dinar: ${kws.join(' | ')}`);
  t.notOk(kws.some((k) => /^(the|of|said)$/i.test(k)), 'no stop words');
  const ar = extractKeywords(tokenize('أعلن البنك المركزي رفع سعر الدينار. وقال البنك المركزي إن الدينار سيستقر. وتراجع الدينار أمام الدولار.'), 'ar');
  t.ok(ar.some((k) => k.includes('الدينار')), `Arabic keywords: ${ar.join(' | ')}`);
  const extract = extractiveSummary('Short. ' + 'The central bank raised the dinar exchange rate today, officials said. '.repeat(8), new Map([['dinar', 3]]));
  t.ok(extract.length > 20 && extract.length <= 321, 'a few sentences, bounded');
  t.equal(extractiveSummary('', new Map(), 'fallback text'), 'fallback text');
});

t.test('fingerprints: simhash and story signatures', async (t) => {
  const a = tokenize('كشف مقربون من رئيس الوزراء العراقي أنه سيعرض خلال زيارته المرتقبة إلى واشنطن خريطة مفصلة لانتشار الفصائل المسلحة المدعومة من إيران والتي يقولون إنها تربك المشهد الأمني');
  const b = tokenize('بغداد - كشف مقربون من رئيس الوزراء العراقي أنه سيعرض خلال زيارته المرتقبة إلى واشنطن خريطة مفصلة لانتشار الفصائل المسلحة المدعومة من إيران والتي يقولون إنها تربك المشهد');
  const c = tokenize('حقق المنتخب العراقي لكرة القدم فوزا على نظيره الأردني بهدفين مقابل هدف في مباراة ودية أقيمت على ستاد عمان الدولي ضمن استعدادات التصفيات');
  const sa = storySignature([], a)!;
  const sb = storySignature([], b)!;
  const sc = storySignature([], c)!;
  t.ok(signatureSimilarity(sa.sig, sb.sig) > 0.6, 'the same lede under another dateline is similar');
  t.ok(sa.bands.some((x) => sb.bands.includes(x)), 'and shares an LSH band');
  t.ok(signatureSimilarity(sa.sig, sc.sig) < 0.2, 'another story is not');
  t.equal(storySignature(tokenize('عنوان قصير'), []), undefined, 'too little text: no signature');
  const h1 = simhash(a.map((x) => x.norm));
  t.match(h1, /^[0-9a-f]{16}$/);
  t.ok(hammingDistance(h1, simhash(b.map((x) => x.norm))) < hammingDistance(h1, simhash(c.map((x) => x.norm))));
});
