import t from 'tap';
import { detectLanguage } from '../src/index.ts';

const SAMPLES: Array<[string, string]> = [
  ['ar', 'قال رئيس الوزراء إن الحكومة ستبدأ حوارا مع الكتل السياسية حول موعد الانتخابات المقبلة في البلاد'],
  ['en', 'The prime minister said the government would open talks with political blocs about the date of the next elections'],
  ['fr', "Le Premier ministre a annoncé que le gouvernement ouvrira des discussions avec les partis sur la date des prochaines élections"],
  ['es', 'El primer ministro dijo que el gobierno abrirá conversaciones con los bloques políticos sobre la fecha de las próximas elecciones'],
  ['de', 'Der Ministerpräsident sagte, die Regierung werde mit den politischen Blöcken über den Termin der nächsten Wahlen sprechen'],
  ['tr', 'Başbakan, hükümetin bir sonraki seçimlerin tarihi konusunda siyasi bloklarla görüşmelere başlayacağını söyledi'],
  ['fa', 'نخست وزیر گفت که دولت درباره زمان انتخابات آینده با گروه های سیاسی گفتگو خواهد کرد و این موضوع را پیگیری می کند'],
  ['ur', 'وزیر اعظم نے کہا کہ حکومت اگلے انتخابات کی تاریخ کے بارے میں سیاسی جماعتوں سے بات چیت کرے گی'],
  ['ru', 'Премьер-министр заявил, что правительство начнёт переговоры с политическими блоками о дате следующих выборов'],
  ['zh', '总理表示，政府将与各政治团体就下一次选举的日期展开对话'],
];

t.test('ten languages from the text alone', async (t) => {
  for (const [lang, text] of SAMPLES) {
    const g = detectLanguage(text);
    t.equal(g.lang, lang, `${lang}: ${text.slice(0, 30)}`);
    t.ok(g.confidence > 0.3 && g.confidence <= 1, `${lang} confidence ${String(g.confidence)}`);
  }
});

t.test('short titles and the declared language', async (t) => {
  t.equal(detectLanguage('Élections anticipées en Irak : le Parlement divisé sur le calendrier').lang, 'fr');
  t.equal(detectLanguage('الكاظمي يصل إلى واشنطن').lang, 'ar');
  t.equal(detectLanguage('Covid-19').lang, 'und', 'one word with no evidence is undetermined');
  t.equal(detectLanguage('Trump', 'en').lang, 'en', 'the declared language breaks a tie among Latin-script languages');
  t.equal(detectLanguage('Trump', 'ar').lang, 'und', 'but never contradicts the script');
  const english = 'The prime minister said the government would open talks with the blocs about the date of the elections';
  t.equal(detectLanguage(english, 'fr').lang, 'en', 'a wrong declared language does not override clear evidence');
});

t.test("Kurdish, as Iraq's press writes it: Sorani in Arabic script is not Persian, Kurmanji in Latin script is not French or Turkish", async (t) => {
  const sorani = [
    'حکومەتی هەرێمی کوردستان بڕیاری دا مووچەی فەرمانبەران لە هەفتەی داهاتوودا دابەش بکات',
    'سەرۆکی هەرێم لەگەڵ باڵیۆزی ئەمریکا باسی پەیوەندییەکانی نێوان هەولێر و بەغدای کرد',
    'مووچەی فەرمانبەران دابەش دەکرێت',
  ];
  for (const text of sorani) t.equal(detectLanguage(text).lang, 'ckb', `Sorani: ${text.slice(0, 30)}`);
  const kurmanji = [
    'Hikûmeta Herêma Kurdistanê biryar da ku meaşê karmendan di hefteya bê de belav bike',
    'Serokê Herêmê li gel balyozê Amerîkayê li ser têkiliyên Hewlêr û Bexdayê axivî',
  ];
  for (const text of kurmanji) t.equal(detectLanguage(text).lang, 'ku', `Kurmanji: ${text.slice(0, 30)}`);
  t.equal(detectLanguage('ئۈرۈمچى شەھىرىدە يېڭى مەكتەپ ئېچىلدى ۋە ئوقۇغۇچىلار دەرسكە باشلىدى').lang, 'ug', 'Uyghur shares ە and ۆ with Sorani but writes ې ۇ ۈ ۋ');
  t.equal(detectLanguage('هەولێر', 'ckb').lang, 'ckb', 'a declared three-letter language counts (not cut to "ck")');
  t.equal(detectLanguage('Bagdad', 'ar-IQ').lang, 'und', 'a declared language with a region: its language, which must still fit the script');
});

t.test('mixed scripts and garbage', async (t) => {
  t.equal(detectLanguage('Kadhimi الكاظمي Trump ترامب').lang, 'und', 'two scripts in even measure: unsure');
  t.equal(detectLanguage('Kadhimi الكاظمي Trump ترامب', 'ar').lang, 'ar', 'the declared language decides between the two');
  t.same(detectLanguage(''), { lang: 'und', confidence: 0 });
  t.equal(detectLanguage('12345 !!! ??? 2024-01-01').lang, 'und');
  t.equal(detectLanguage('\u0000\u0001\uFFFD\uFFFD\uD800\u0007').lang, 'und', 'binary garbage');
  const arabicWithEnglishNames = 'قال مسؤول في شركة General Electric إن العقد مع وزارة الكهرباء سيضيف طاقة جديدة إلى الشبكة الوطنية خلال الصيف';
  t.equal(detectLanguage(arabicWithEnglishNames).lang, 'ar', 'Arabic with a Latin company name is Arabic');
});
