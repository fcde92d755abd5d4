import t from 'tap';
import type { DateMention } from '@akhbar/core';
import { extractDateMentions, MAX_DATE_MENTIONS, MAX_DATE_TEXT_CHARS } from '../src/dates.ts';

// Fixtures written for this test in the manner of Iraqi and Arab wire copy (and of English and
// French agency copy). Published on Friday 14 August 2020, 09:00 UTC unless said otherwise.
const PUB = new Date('2020-08-14T09:00:00Z');
const dt = (mentions: DateMention[]): [string, string][] => mentions.map((m) => [m.date, m.text]);

t.test('Arabic: the weekday with an ordinal day, then the same day again as «of the current month»: one mention, the first', async (t) => {
  const title = 'الكاظمي يتوجه إلى واشنطن للقاء ترامب';
  const body = [
    'بغداد - أعلن مكتب رئيس الوزراء العراقي، الجمعة، عن الموعد الرسمي للزيارة المرتقبة إلى الولايات المتحدة.',
    'وقال مكتب رئيس الوزراء إن موعد اللقاء بالرئيس الأمريكي سيكون يوم الخميس الموافق العشرين من أغسطس، وسيتناول ملفات الطاقة والأمن.',
    'ومن المقرر أن يغادر الوفد العاصمة بغداد في العشرين من الشهر الجاري برفقة عدد من الوزراء.',
  ].join('\n');
  t.same(extractDateMentions(title, body, 'ar', PUB), [{
    date: '2020-08-20',
    text: 'يوم الخميس الموافق العشرين من أغسطس',
    sentence: 'وقال مكتب رئيس الوزراء إن موعد اللقاء بالرئيس الأمريكي سيكون يوم الخميس الموافق العشرين من أغسطس، وسيتناول ملفات الطاقة والأمن.',
  }]);
});

t.test('Arabic: Levantine months, Arabic-Indic digits, years, «آب/أغسطس» as one month, ranges, «الخميس (…)»', async (t) => {
  const body = [
    'وتبدأ امتحانات الدور الثاني في ٢٠ آب ٢٠٢٠ على أن تعلن النتائج في ٣ أيلول.',
    'وحددت المفوضية يوم 6 حزيران 2021 موعدا للانتخابات المبكرة، بدلا من الأول من كانون الثاني عام 2021م.',
    'وجرت المباحثات في 17 آب/أغسطس 2019 في عمان، واستؤنفت في 2 تشرين الأول (أكتوبر) 2019.',
    'وتستمر المعارض من 24 إلى 26 تموز، ويفتتح المهرجان الاثنين (31 آب).',
  ].join('\n');
  t.same(dt(extractDateMentions('', body, 'ar', PUB)), [
    ['2020-08-20', '٢٠ آب ٢٠٢٠'],
    ['2020-09-03', '٣ أيلول'],
    ['2021-06-06', '6 حزيران 2021'],
    ['2021-01-01', 'الأول من كانون الثاني عام 2021م'],
    ['2019-08-17', '17 آب/أغسطس 2019'],
    ['2019-10-02', '2 تشرين الأول (أكتوبر) 2019'],
    ['2020-07-24', '24 إلى 26 تموز'],
    ['2020-07-26', '24 إلى 26 تموز'],
    ['2020-08-31', 'الاثنين (31 آب)'],
  ]);
});

t.test('Arabic: Maghrebi and Moroccan months, «الفاتح من», proclitics glued to the day left out of the text', async (t) => {
  const body = [
    'الجزائر - أعلنت الرئاسة أن الاستفتاء على الدستور سيجري في الفاتح من نوفمبر، بعد حملة تنطلق في 7 أكتوبر.',
    'وكانت الحكومة قد قررت غلق المدارس منذ 12 مارس وإلى غاية 5 جوان، قبل أن تمدد الإجراء إلى 14 جويلية.',
    'وتعود الرحلات الداخلية بـ15 أوت، فيما يحتفل العمال بعيدهم لـ 1 ماي من كل عام.',
    'وأفادت وزارة الداخلية المغربية بأن التدابير تستمر إلى غاية 10 شتنبر المقبل.',
  ].join('\n');
  t.same(dt(extractDateMentions('', body, 'ar', PUB)), [
    ['2020-11-01', 'الفاتح من نوفمبر'],
    ['2020-10-07', '7 أكتوبر'],
    ['2020-03-12', '12 مارس'],
    ['2020-06-05', '5 جوان'],
    ['2020-07-14', '14 جويلية'],
    ['2020-08-15', '15 أوت'],
    ['2020-05-01', '1 ماي'],
    ['2020-09-10', '10 شتنبر المقبل'],
  ]);
});

t.test('Arabic: days counted from the publication date; «اليوم» is not read', async (t) => {
  const body = [
    'وقال المتحدث إن البرلمان سيعقد جلسته الاستثنائية غدا لمناقشة قانون الموازنة.',
    'وكانت الحكومة قد صادقت أمس على مشروع القانون، بعد أن رفضته أول أمس.',
    'وذكرت صحيفة بغداد اليوم أن التصويت سيجري الخميس المقبل، وأن الكتل ستجتمع بعد غد.',
    'وتبدأ الحملة الانتخابية في الـ15 من الشهر المقبل، فيما انتهى التسجيل في العاشر من الشهر الماضي.',
    'وتقام صلاة الجمعة القادمة في ساحة التحرير.',
  ].join('\n');
  t.same(dt(extractDateMentions('', body, 'ar', PUB)), [
    ['2020-08-15', 'غدا'],
    ['2020-08-13', 'أمس'],
    ['2020-08-12', 'أول أمس'],
    ['2020-08-20', 'الخميس المقبل'],
    ['2020-08-16', 'بعد غد'],
    ['2020-09-15', 'الـ15 من الشهر المقبل'],
    ['2020-07-10', 'العاشر من الشهر الماضي'],
    ['2020-08-21', 'الجمعة القادمة'],
  ]);
  // Marks are kept in `text` as written.
  t.same(dt(extractDateMentions('', 'تنطلق القمة غداً في العاصمة.', 'ar', PUB)), [['2020-08-15', 'غداً']]);
  t.same(extractDateMentions('', 'وأكد أن الوضع اليوم أفضل مما كان عليه، وقد غدا الوضع أكثر استقرارا.', 'ar', PUB), [], '«اليوم» (nowadays) and «غدا» (became) are no days');
  t.same(extractDateMentions('', 'واختتمت في بغداد أمسية شعرية لامس فيها الشعراء هموم الناس، ونشرت صحيفة الغد تقريرا عن عراق الغد.', 'ar', PUB), [],
    'no «غدا» inside «بغداد», no «أمس» inside «أمسية» or «لامس», no «الغد» alone');
});

t.test('Arabic: a month or year said to be past, current or coming', async (t) => {
  const body = 'وكان البرلمان قد صوت في 20 آب الماضي على القانون، وعدّله في 10 آب الماضي، على أن يطبق في 5 تموز من العام المقبل.';
  t.same(dt(extractDateMentions('', body, 'ar', PUB)), [
    ['2019-08-20', '20 آب الماضي'],
    ['2020-08-10', '10 آب الماضي'],
    ['2021-07-05', '5 تموز من العام المقبل'],
  ]);
  t.same(dt(extractDateMentions('', 'وتنطلق الدورة يوم الأحد الموافق 23 من الشهر الجاري.', 'ar', PUB)), [['2020-08-23', 'يوم الأحد الموافق 23 من الشهر الجاري']]);
});

t.test('a year left unsaid: the nearest to publication, across the turn of the year', async (t) => {
  const lateDecember = new Date('2020-12-28T10:00:00Z');
  t.same(dt(extractDateMentions('', 'وقال إن المؤتمر الدولي سيعقد في 3 كانون الثاني في بغداد.', 'ar', lateDecember)), [['2021-01-03', '3 كانون الثاني']]);
  t.same(dt(extractDateMentions('', 'The conference opens on January 3 in Baghdad.', 'en', lateDecember)), [['2021-01-03', 'January 3']]);
  const earlyJanuary = new Date('2021-01-02T10:00:00Z');
  t.same(dt(extractDateMentions('', 'وكانت اللجنة قد اجتمعت في 28 كانون الأول لمناقشة الملف.', 'ar', earlyJanuary)), [['2020-12-28', '28 كانون الأول']]);
});

t.test('a weekday written beside a yearless day chooses the year in which the day is that weekday', async (t) => {
  const june = new Date('2020-06-15T08:00:00Z');
  // 21 December is nearest in 2019 (a Saturday), but a Monday only in 2020.
  t.same(dt(extractDateMentions('', 'ستعقد الجلسة يوم الاثنين 21 كانون الأول في مقر البرلمان.', 'ar', june)), [['2020-12-21', 'يوم الاثنين 21 كانون الأول']]);
  t.same(dt(extractDateMentions('', 'The vote is scheduled for Monday, December 21.', 'en', june)), [['2020-12-21', 'Monday, December 21']]);
  t.same(dt(extractDateMentions('', 'اجتمع المجلس في 21 كانون الأول.', 'ar', june)), [['2019-12-21', '21 كانون الأول']], 'without the weekday, the nearest');
});

t.test('impossible days are not read', async (t) => {
  t.same(extractDateMentions('', 'وزعم البيان أن الاجتماع عقد في 30 شباط، ثم في 31 نيسان.', 'ar', PUB), []);
  t.same(extractDateMentions('', 'The ministry cited February 30 and April 31 as deadlines.', 'en', PUB), []);
  t.same(extractDateMentions('', 'Le décret du 30/02/2021 et du 31.04.2020.', 'fr', PUB), []);
  t.same(dt(extractDateMentions('', 'Elections were held on 29 February 2020.', 'en', PUB)), [['2020-02-29', '29 February 2020']], 'a leap day is a day');
});

t.test('Arabic: hours, weeks and «مارس» the verb are not days', async (t) => {
  const body = [
    'وأوضح البيان أن العمل سيبدأ عند الساعة الحادية عشرة صباحا، وأن المرحلة الثانية تنطلق عند الساعة الثانية عشرة من ظهر يوم العشرين من آب.',
    'وتعقد اللجنة اجتماعاتها خلال الأسبوع الأول من أيلول وحتى النصف الثاني من تشرين الأول.',
    'وقال النائب إن الوزير مارس الضغط على اللجنة لتمرير القانون، وإن أعضاءها مارسوا دورهم الرقابي.',
  ].join('\n');
  t.same(dt(extractDateMentions('', body, 'ar', PUB)), [['2020-08-20', 'العشرين من آب']]);
});

t.test('English: weekday with the date, abbreviated months, tomorrow, next Tuesday; numeric dates only when unambiguous', async (t) => {
  const title = 'Kadhimi to meet Trump on Thursday, August 20';
  const body = [
    'Iraqi Prime Minister Mustafa al-Kadhimi will travel to Washington next week, his office said.',
    'The strategic dialogue launched on June 11 will resume with a session on Aug. 19, 2020 at the State Department.',
    'A delegation of ministers leaves Baghdad tomorrow, and the energy agreements are due to be signed next Tuesday.',
    'Figures released on 3/4/2020 and on 13/4/2020 were revised today.',
    'Negotiators may 5 times march 3 miles, officials joked.',
    'A second round is planned from 24 to 26 September.',
  ].join('\n');
  t.same(extractDateMentions(title, body, 'en', PUB), [
    { date: '2020-08-20', text: 'Thursday, August 20', sentence: 'Kadhimi to meet Trump on Thursday, August 20' },
    { date: '2020-06-11', text: 'June 11', sentence: 'The strategic dialogue launched on June 11 will resume with a session on Aug. 19, 2020 at the State Department.' },
    { date: '2020-08-19', text: 'Aug. 19, 2020', sentence: 'The strategic dialogue launched on June 11 will resume with a session on Aug. 19, 2020 at the State Department.' },
    { date: '2020-08-15', text: 'tomorrow', sentence: 'A delegation of ministers leaves Baghdad tomorrow, and the energy agreements are due to be signed next Tuesday.' },
    { date: '2020-08-18', text: 'next Tuesday', sentence: 'A delegation of ministers leaves Baghdad tomorrow, and the energy agreements are due to be signed next Tuesday.' },
    { date: '2020-04-13', text: '13/4/2020', sentence: 'Figures released on 3/4/2020 and on 13/4/2020 were revised today.' },
    { date: '2020-09-24', text: '24 to 26 September', sentence: 'A second round is planned from 24 to 26 September.' },
    { date: '2020-09-26', text: '24 to 26 September', sentence: 'A second round is planned from 24 to 26 September.' },
  ]);
  t.same(dt(extractDateMentions('', 'The day after tomorrow, and yesterday, and the 25th of this month.', 'en', PUB)), [
    ['2020-08-13', 'yesterday'],
    ['2020-08-25', 'the 25th of this month'],
  ], '"the day after tomorrow" is not tomorrow');
  t.same(extractDateMentions('', 'Protests continued in August. In 2019 prices fell; today and tonight at 10 pm are calm.', 'en', PUB), [], 'no month alone, year alone, today or time');
});

t.test('relative days count from the UTC calendar day of publication', async (t) => {
  // 23:30 in New York on the 14th is already the 15th in UTC.
  const late = new Date('2020-08-14T23:30:00-04:00');
  t.same(dt(extractDateMentions('', 'The envoy arrives tomorrow.', 'en', late)), [['2020-08-16', 'tomorrow']]);
  t.same(dt(extractDateMentions('', 'ويصل المبعوث غدا.', 'ar', late)), [['2020-08-16', 'غدا']]);
});

t.test('French: weekday with the date, 1er, demain / hier, jeudi prochain; après-demain is not demain', async (t) => {
  const body = [
    'Le sommet se tiendra le jeudi 20 août à Bagdad, a annoncé la présidence.',
    'La rentrée parlementaire est fixée au 1er septembre 2020.',
    'Le ministre part demain pour Erbil, il était hier à Bassora et reviendra mardi prochain.',
    'Une réunion est prévue après-demain.',
  ].join('\n');
  t.same(extractDateMentions('', body, 'fr', PUB), [
    { date: '2020-08-20', text: 'jeudi 20 août', sentence: 'Le sommet se tiendra le jeudi 20 août à Bagdad, a annoncé la présidence.' },
    { date: '2020-09-01', text: '1er septembre 2020', sentence: 'La rentrée parlementaire est fixée au 1er septembre 2020.' },
    { date: '2020-08-15', text: 'demain', sentence: 'Le ministre part demain pour Erbil, il était hier à Bassora et reviendra mardi prochain.' },
    { date: '2020-08-13', text: 'hier', sentence: 'Le ministre part demain pour Erbil, il était hier à Bassora et reviendra mardi prochain.' },
    { date: '2020-08-18', text: 'mardi prochain', sentence: 'Le ministre part demain pour Erbil, il était hier à Bassora et reviendra mardi prochain.' },
  ]);
  t.same(dt(extractDateMentions('', 'Le décret du 03/04/2020 reste en vigueur.', 'fr', PUB)), [['2020-04-03', '03/04/2020']], 'day first outside English');
});

t.test('German and Spanish through chrono-node: the ordinal period ends no sentence; «por la mañana» is no tomorrow', async (t) => {
  t.same(extractDateMentions('', 'Das Treffen findet am Donnerstag, 20. August, in Bagdad statt. Die Wahl ist am 06.06.2021.', 'de', PUB), [
    { date: '2020-08-20', text: 'Donnerstag, 20. August', sentence: 'Das Treffen findet am Donnerstag, 20. August, in Bagdad statt.' },
    { date: '2021-06-06', text: '06.06.2021', sentence: 'Die Wahl ist am 06.06.2021.' },
  ]);
  t.same(dt(extractDateMentions('', 'La reunión será el jueves 20 de agosto por la mañana. El ministro viaja mañana.', 'es', PUB)), [
    ['2020-08-20', 'jueves 20 de agosto'],
    ['2020-08-15', 'mañana'],
  ]);
});

t.test('ISO dates in any language, dd.mm.yyyy in languages without other rules, nothing else there', async (t) => {
  t.same(dt(extractDateMentions('', 'Seçimler 2021-06-06 tarihinde, ikinci tur 20.06.2021 tarihinde yapılacak.', 'tr', PUB)), [
    ['2021-06-06', '2021-06-06'],
    ['2021-06-20', '20.06.2021'],
  ]);
  t.same(dt(extractDateMentions('', 'Report 2020-08-20; also 20.06.2021 and https://example.org/news/2020-08-21-story', 'und', PUB)), [['2020-08-20', '2020-08-20']],
    'unknown language: ISO only; a date inside a URL path is not read');
  t.same(dt(extractDateMentions('', 'أعلنت الوزارة بتاريخ ٢٠٢٠/٠٨/٢٢ و 23/8/2020 عن النتائج، والنتيجة 20/8 فقط.', 'ar', PUB)), [
    ['2020-08-22', '٢٠٢٠/٠٨/٢٢'],
    ['2020-08-23', '23/8/2020'],
  ], 'Arabic-Indic digits; no yearless "20/8"');
  t.same(extractDateMentions('', 'سجلت الدائرة المعاملة برقم 1442/1/1 وفق التقويم الهجري.', 'ar', PUB), [], 'a Hijri year is not read as a Gregorian one');
});

t.test('Persian: Gregorian months in Persian spelling with Persian digits', async (t) => {
  t.same(dt(extractDateMentions('', 'نشست دو کشور در ۲۰ اوت ۲۰۲۰ و ۳ سپتامبر برگزار می‌شود.', 'fa', PUB)), [
    ['2020-08-20', '۲۰ اوت ۲۰۲۰'],
    ['2020-09-03', '۳ سپتامبر'],
  ]);
});

t.test('title before body; each date once at its first mention; at most MAX_DATE_MENTIONS', async (t) => {
  const got = extractDateMentions('الانتخابات في 6 حزيران 2021', 'وأكد المتحدث أن الاقتراع سيجري في 6 حزيران 2021 وأن الحملة تبدأ في 6 أيار 2021.', 'ar', PUB);
  t.same(got.map((m) => [m.date, m.sentence]), [
    ['2021-06-06', 'الانتخابات في 6 حزيران 2021'],
    ['2021-05-06', 'وأكد المتحدث أن الاقتراع سيجري في 6 حزيران 2021 وأن الحملة تبدأ في 6 أيار 2021.'],
  ]);
  const many = Array.from({ length: 30 }, (_, i) => `Session ${i + 1} opens on ${i + 1} October 2020.`).join('\n');
  const mentions = extractDateMentions('', many, 'en', PUB);
  t.equal(MAX_DATE_MENTIONS, 20);
  t.equal(mentions.length, MAX_DATE_MENTIONS);
  t.same(mentions.map((m) => m.date), Array.from({ length: 20 }, (_, i) => `2020-10-${String(i + 1).padStart(2, '0')}`));
});

t.test('sentence: split on ؟ and line breaks, whitespace collapsed, a 300-character window around a long one', async (t) => {
  t.same(extractDateMentions('', 'هل تعقد الجلسة في 22 آب؟ وقال   النائب\tإن الجواب نعم', 'ar', PUB)[0]?.sentence, 'هل تعقد الجلسة في 22 آب؟');
  const long = 'وأشار البيان إلى أن الحكومة ستواصل العمل على تنفيذ برنامجها الإصلاحي في مختلف القطاعات '.repeat(4);
  const [m] = extractDateMentions('', `${long}على أن تبدأ المرحلة الأولى في 25 آب ${long}`, 'ar', PUB);
  t.equal(m?.date, '2020-08-25');
  t.ok(m!.sentence.length <= 300, `${m!.sentence.length} characters`);
  t.ok(m!.sentence.startsWith('…') && m!.sentence.endsWith('…'), 'cut on both sides');
  t.ok(m!.sentence.includes('في 25 آب'));
  const words = new Set(long.split(' '));
  for (const w of m!.sentence.replace(/…/g, '').split(' ').filter(Boolean)) if (!['على', 'أن', 'تبدأ', 'المرحلة', 'الأولى', 'في', '25', 'آب'].includes(w)) t.ok(words.has(w), `whole word «${w}»`);
});

t.test('never throws; bounded cost on huge or odd input; only the first MAX_DATE_TEXT_CHARS are read', async (t) => {
  const junk = ['\uD800\uDC00\uDFFF', '1/1/2000 ', ' '.repeat(1000), '٢٠ آب '.repeat(3), '\u0000\u200F\uFEFF', 'Aug. '].join('');
  const huge = junk.repeat(Math.ceil(1_000_000 / junk.length));
  for (const lang of ['ar', 'en', 'fr', 'es', 'pt', 'fa', 'und', '', 'x-klingon']) {
    const start = performance.now();
    const got = extractDateMentions(huge, huge, lang, PUB);
    t.ok(performance.now() - start < 1000, `${lang || '(empty)'}: ${(performance.now() - start).toFixed(1)} ms`);
    t.ok(Array.isArray(got) && got.length <= MAX_DATE_MENTIONS);
  }
  // Spanish month patterns in chrono-node backtrack on long runs of spaces after a digit.
  const spaces = `x 1${' '.repeat(50_000)}`;
  const start = performance.now();
  t.same(extractDateMentions('', spaces, 'es', PUB), []);
  t.ok(performance.now() - start < 1000, 'a run of spaces in Spanish');
  t.same(extractDateMentions(null as unknown as string, undefined as unknown as string, 42 as unknown as string, PUB), []);
  t.same(extractDateMentions('20 August', '', 'en', new Date(Number.NaN)), [], 'no publication date');
  t.same(extractDateMentions('', '', 'ar', PUB), []);
  const padded = `${'a '.repeat(MAX_DATE_TEXT_CHARS / 2)}on 20 August 2020.`;
  t.same(extractDateMentions('', padded, 'en', PUB), [], 'past the first MAX_DATE_TEXT_CHARS characters');
});

// Weekdays alone, read as a news reader does: published on Tuesday 1 December 2026, 09:00 UTC.
const TUESDAY = new Date('2026-12-01T09:00:00Z');
const THURSDAY = new Date('2026-12-03T09:00:00Z');

t.test('a weekday alone with a future cue: the first such day on or after publication', async (t) => {
  t.same(extractDateMentions('', 'ومن المقرر أن يلتقي الكاظمي الرئيس الأمريكي دونالد ترامب في البيت الأبيض يوم الخميس لبحث ملف الانسحاب.', 'ar', TUESDAY), [{
    date: '2026-12-03',
    text: 'يوم الخميس',
    sentence: 'ومن المقرر أن يلتقي الكاظمي الرئيس الأمريكي دونالد ترامب في البيت الأبيض يوم الخميس لبحث ملف الانسحاب.',
  }]);
  t.same(dt(extractDateMentions('', 'Iraqi Prime Minister Mustafa al-Kadhimi will meet President Donald Trump at the White House on Thursday.', 'en', TUESDAY)), [['2026-12-03', 'Thursday']]);
  t.same(dt(extractDateMentions('', "Iraqi and American officials held preparatory talks in Baghdad ahead of Thursday's meeting.", 'en', TUESDAY)), [['2026-12-03', 'Thursday']],
    'the future cue before the weekday, a past verb farther away');
  t.same(dt(extractDateMentions('', 'Le Premier ministre irakien doit rencontrer jeudi le président américain à Washington.', 'fr', TUESDAY)), [['2026-12-03', 'jeudi']]);
  t.same(dt(extractDateMentions('', 'Le Premier ministre rencontrera jeudi le président américain.', 'fr', TUESDAY)), [['2026-12-03', 'jeudi']], 'a French future tense');
  t.same(dt(extractDateMentions('', 'وسيصوت البرلمان على قانون الموازنة مساء الخميس، على أن تبدأ العطلة التشريعية صباح الأحد.', 'ar', TUESDAY)), [
    ['2026-12-03', 'مساء الخميس'],
    ['2026-12-06', 'صباح الأحد'],
  ], 'the hour is part of the words; «الأحد» after «صباح» is Sunday');
  t.same(dt(extractDateMentions('', 'Ministers are expected to vote on the budget on Thursday evening.', 'en', TUESDAY)), [['2026-12-03', 'Thursday']]);
  t.same(dt(extractDateMentions('', 'Parliament will vote on the budget on Thursday.', 'en', THURSDAY)), [['2026-12-03', 'Thursday']], 'published that Thursday: the same day');
  t.same(dt(extractDateMentions('', 'El ministro se reunirá el jueves con su homólogo iraquí.', 'es', TUESDAY)), [['2026-12-03', 'jueves']]);
  t.same(dt(extractDateMentions('', 'Der irakische Ministerpräsident wird am Donnerstag in Washington erwartet.', 'de', TUESDAY)), [['2026-12-03', 'Donnerstag']]);
});

t.test('a weekday alone without a future cue: the latest such day on or before publication', async (t) => {
  t.same(dt(extractDateMentions('', 'The oil ministry said on Monday that exports had recovered.', 'en', TUESDAY)), [['2026-11-30', 'Monday']]);
  t.same(dt(extractDateMentions('', 'أعلنت الوزارة يوم الاثنين عن خطة لإعادة تأهيل محطات الكهرباء.', 'ar', TUESDAY)), [['2026-11-30', 'يوم الاثنين']]);
  t.same(dt(extractDateMentions('', 'وشهدت ساحة التحرير الثلاثاء تظاهرات واسعة.', 'ar', TUESDAY)), [['2026-12-01', 'الثلاثاء']], 'the publication day itself');
  t.same(dt(extractDateMentions('', 'انفجرت سيارة مفخخة يوم الخميس قرب سوق شعبي جنوبي بغداد.', 'ar', TUESDAY)), [['2026-11-26', 'يوم الخميس']], '«سيارة» is no future verb');
  t.same(dt(extractDateMentions('', 'وناقشت اللجنة سياسة الحكومة المالية في ستة اجتماعات آخرها يوم الخميس.', 'ar', TUESDAY)), [['2026-11-26', 'يوم الخميس']], 'nor «سياسة», «ستة»');
  t.same(dt(extractDateMentions('', 'ستناقش اللجنة سياسة الحكومة المالية يوم الخميس.', 'ar', TUESDAY)), [['2026-12-03', 'يوم الخميس']], '«ستناقش» is');
});

t.test('a weekday alone: the tense of its own clause', async (t) => {
  t.same(dt(extractDateMentions('', 'The prime minister’s office said on Monday that Kadhimi will meet Trump on Thursday.', 'en', TUESDAY)), [
    ['2026-11-30', 'Monday'],
    ['2026-12-03', 'Thursday'],
  ]);
  t.same(dt(extractDateMentions('', 'وقال مكتب رئيس الوزراء العراقي يوم الاثنين إن الكاظمي سيلتقي الرئيس الأمريكي يوم الخميس.', 'ar', TUESDAY)), [
    ['2026-11-30', 'يوم الاثنين'],
    ['2026-12-03', 'يوم الخميس'],
  ]);
  t.same(dt(extractDateMentions('', 'Kadhimi, who arrived in Washington on Sunday, will meet Trump on Thursday, his office said on Monday.', 'en', TUESDAY)), [
    ['2026-11-29', 'Sunday'],
    ['2026-12-03', 'Thursday'],
    ['2026-11-30', 'Monday'],
  ]);
  t.same(dt(extractDateMentions('', 'Le ministre a annoncé lundi qu’il se rendra jeudi à Erbil.', 'fr', TUESDAY)), [
    ['2026-11-30', 'lundi'],
    ['2026-12-03', 'jeudi'],
  ]);
});

t.test('last Friday, «الأحد الماضي», « vendredi dernier »: strictly before publication', async (t) => {
  t.same(dt(extractDateMentions('', 'وكان الوزير قد زار أربيل الأحد الماضي والتقى رئيس الإقليم.', 'ar', TUESDAY)), [['2026-11-29', 'الأحد الماضي']]);
  t.same(dt(extractDateMentions('', 'وكان الوزير قد زار أربيل الأحد الماضي.', 'ar', new Date('2026-11-29T09:00:00Z'))), [['2026-11-22', 'الأحد الماضي']], 'published on a Sunday: the one before');
  t.same(dt(extractDateMentions('', 'The talks collapsed last Friday.', 'en', TUESDAY)), [['2026-11-27', 'last Friday']]);
  t.same(dt(extractDateMentions('', 'Le sommet avait été reporté vendredi dernier.', 'fr', TUESDAY)), [['2026-11-27', 'vendredi dernier']]);
});

t.test('no one day: prayers, sales, habits, «the two»', async (t) => {
  const ar = [
    'وأقيمت صلاة الجمعة في جامع أبي حنيفة، وتناولت خطبة الجمعة أوضاع النازحين.',
    'اتفق الاثنان على التهدئة، وجرى الحديث بين الاثنين لساعات، وحضر الأحد عشر لاعبا.',
    'وتفتح الأسواق أبوابها كل خميس، وتزدحم الطرق أيام الخميس.',
  ].join('\n');
  t.same(extractDateMentions('', ar, 'ar', TUESDAY), []);
  const en = 'Black Friday sales fell, Good Friday services were held, and the market closes every Thursday. Shops close on Thursdays. The Mail on Sunday reported it. Friday prayers were cancelled.';
  t.same(extractDateMentions('', en, 'en', TUESDAY), []);
  t.same(extractDateMentions('', 'Le marché ferme le jeudi et chaque vendredi, sauf le mardi gras.', 'fr', TUESDAY), []);
});

t.test('a weekday beside a written date never overrides or repeats it', async (t) => {
  t.same(extractDateMentions('', 'ومن المقرر أن تعقد الجلسة يوم الخميس الموافق 3 كانون الأول في مقر البرلمان.', 'ar', TUESDAY).map((m) => [m.date, m.text]), [
    ['2026-12-03', 'يوم الخميس الموافق 3 كانون الأول'],
  ]);
  t.same(dt(extractDateMentions('', 'The summit will open on Thursday (December 10) in Baghdad.', 'en', TUESDAY)), [['2026-12-10', 'December 10']], 'not the Thursday two days away');
  t.same(dt(extractDateMentions('', 'ويصل الوفد غدا الخميس إلى بغداد.', 'ar', new Date('2026-12-02T09:00:00Z'))), [['2026-12-03', 'غدا']]);
});

t.test('cost: a 5 000-character article in well under 2 ms', async (t) => {
  const en = [
    'Iraqi Prime Minister Mustafa al-Kadhimi travels to Washington next week for his first meeting with President Donald Trump, officials in Baghdad said on Sunday.',
    'The talks will cover the future of US forces in the country, security cooperation and support for the government plan to bring weapons under state control.',
    'Oil ministry officials said exports from the southern terminals rose in July despite the fall in demand, and that the budget deficit would be financed by borrowing.',
  ].join('\n');
  const ar = [
    'بغداد - يتوجه رئيس الوزراء مصطفى الكاظمي إلى واشنطن الأسبوع المقبل في أول زيارة رسمية له منذ توليه المنصب، وفقا لما أعلنه مكتبه الإعلامي.',
    'وقال المتحدث باسم الحكومة إن الوفد سيضم وزراء النفط والكهرباء والصحة إلى جانب مستشار الأمن الوطني، وإن المباحثات ستتناول ملفات عدة.',
    'وأكد البنك المركزي العراقي في بيان أن احتياطيات البلاد من العملة الصعبة كافية لتغطية الاستيراد خلال الأشهر المقبلة رغم تراجع أسعار النفط.',
  ].join('\n');
  const cases = [
    ['en', `${en.repeat(12).slice(0, 4900)}\nThe summit is set for Thursday, August 20, and the vote for 3 September 2020.`],
    ['ar', `${ar.repeat(13).slice(0, 4900)}\nوسيعقد اللقاء يوم الخميس الموافق العشرين من أغسطس، والتصويت في ٣ أيلول ٢٠٢٠. وكان الوفد قد وصل يوم الأحد.`],
  ] as const;
  for (const [lang, text] of cases) {
    for (let i = 0; i < 100; i++) extractDateMentions('', text, lang, PUB);
    const runs = 300;
    const start = performance.now();
    for (let i = 0; i < runs; i++) extractDateMentions('', text, lang, PUB);
    const ms = (performance.now() - start) / runs;
    t.comment(`${lang}: ${text.length} characters, ${ms.toFixed(3)} ms per article`);
    // Generous against a loaded CI machine; the target is under 2 ms.
    t.ok(ms < 10, `${lang}: ${ms.toFixed(3)} ms`);
    // "officials in Baghdad said on Sunday", «وكان الوفد قد وصل يوم الأحد»: the Sunday before publication.
    t.same(extractDateMentions('', text, lang, PUB).map((m) => m.date).sort(), ['2020-08-09', '2020-08-20', '2020-09-03']);
  }
});

t.test("English \"tomorrow's\": a day when it is an event's, not the figure of speech", async (t) => {
  const pub = new Date('2026-12-01T09:00:00Z');
  t.same(extractDateMentions('', '"We are paying today\'s salaries with tomorrow\'s oil, and tomorrow\'s oil is getting cheaper," a member of the committee said.', 'en', pub).map((d) => d.date), [], "tomorrow's oil is no day");
  t.same(extractDateMentions('', "Deputies prepared for tomorrow's vote on the budget.", 'en', pub).map((d) => [d.date, d.text]), [['2026-12-02', 'tomorrow']], "tomorrow's vote is");
  t.same(extractDateMentions('', 'The cabinet will meet tomorrow.', 'en', pub).map((d) => d.date), ['2026-12-02'], 'plain tomorrow still is');
});

t.test('Hijri dates (Umm al-Qura): beside their Gregorian day one mention; a year left unsaid the nearest; «هـ» after a numeric date', async (t) => {
  const body = [
    'الرياض - انتهت إجازة عيد الأضحى بعد صلاة الجمعة 10 ذي الحجة 1441هـ الموافق 31 يوليو 2020م.',
    'وتبدأ السنة الهجرية الجديدة يوم الخميس 1 محرم 1442هـ، فيما تحيي المدن العراقية ذكرى العاشر من محرم الحرام في الأسبوع التالي.',
    'وصدر قرار التمديد بتاريخ ١٤٤١/١٢/٢٠هـ، ويحتفل المسلمون بالمولد النبوي في 12 ربيع الأول.',
  ].join('\n');
  t.same(dt(extractDateMentions('', body, 'ar', PUB)), [
    ['2020-07-31', 'الجمعة 10 ذي الحجة 1441هـ'],
    ['2020-08-20', 'يوم الخميس 1 محرم 1442هـ'],
    ['2020-08-29', 'العاشر من محرم الحرام'],
    ['2020-08-10', '١٤٤١/١٢/٢٠هـ'],
    ['2020-10-29', '12 ربيع الأول'],
  ], 'Eid al-Adha 1441, the Hijri new year 1442, Ashura, the Mawlid of 1442 (not 1441\'s, nine months before)');
  t.same(dt(extractDateMentions('', 'وأعلنت المحكمة العليا أن غرة شوال ستكون يوم الأحد 1 شوال 1441 للهجرة.', 'ar', new Date('2020-05-22T12:00:00Z'))), [
    ['2020-05-24', 'يوم الأحد 1 شوال 1441 للهجرة'],
  ], 'Eid al-Fitr 1441');
  t.same(extractDateMentions('', 'وفاز المنتخب 3 صفر على ضيفه، والتقى رجب طيب أردوغان نظيره في 20 أغسطس 1442هـ.', 'ar', PUB), [],
    'a score, a name, and a Gregorian month with a Hijri year are no days');
  t.same(dt(extractDateMentions('', 'وتنطلق الحملة في 3 صفر 1442هـ.', 'ar', PUB)), [['2020-09-20', '3 صفر 1442هـ']], '«صفر» with its year is the month');
});

t.test('Persian: Solar Hijri dates, «ماه» after the month, numeric dates of the 1300s and 1400s', async (t) => {
  const body = 'تهران - نشست کمیسیون مشترک روز پنجشنبه ۳۰ مرداد ۱۳۹۹ در تهران برگزار می‌شود و گزارش آن تا ۱۵ شهریورماه منتشر خواهد شد.\nاین قانون در تاریخ ۱۳۹۹/۰۵/۲۰ تصویب شد.';
  t.same(dt(extractDateMentions('', body, 'fa', PUB)), [
    ['2020-08-20', 'روز پنجشنبه ۳۰ مرداد ۱۳۹۹'],
    ['2020-09-05', '۱۵ شهریورماه'],
    ['2020-08-10', '۱۳۹۹/۰۵/۲۰'],
  ]);
  t.same(dt(extractDateMentions('', 'جشن نوروز در ۱ فروردین ۱۳۹۹ آغاز شد و در ۱۳ آبان همایشی برگزار می‌شود.', 'fa', PUB)), [
    ['2020-03-20', '۱ فروردین ۱۳۹۹'],
    ['2020-11-03', '۱۳ آبان'],
  ]);
  t.same(extractDateMentions('', 'در تاریخ ۱۳۹۹/۰۵/۲۰ تصویب شد.', 'ar', PUB), [], 'a Solar Hijri numeric date is read in Persian text only');
});

t.test('Persian: weekdays by their clause\'s tense, «آینده/گذشته», tomorrow and yesterday; Radio Farda, Friday prayers and Dushanbe are no days', async (t) => {
  t.same(dt(extractDateMentions('', 'وزیر امور خارجه روز پنجشنبه به مسکو سفر می‌کند.', 'fa', TUESDAY)), [['2026-12-03', 'روز پنجشنبه']], 'a present verb in «می‌» schedules');
  t.same(dt(extractDateMentions('', 'سخنگوی دولت روز دوشنبه گفت که مذاکرات روز پنجشنبه از سر گرفته خواهد شد.', 'fa', TUESDAY)), [
    ['2026-11-30', 'روز دوشنبه'],
    ['2026-12-03', 'روز پنجشنبه'],
  ], '«که» divides the reporting verb from the reported clause');
  t.same(dt(extractDateMentions('', 'نشست بعدی سه‌شنبه آینده برگزار می‌شود. این هیئت فردا به بغداد می‌رود و دیروز در اربیل بود.', 'fa', TUESDAY)), [
    ['2026-12-08', 'سه‌شنبه آینده'],
    ['2026-12-02', 'فردا'],
    ['2026-11-30', 'دیروز'],
  ]);
  t.same(dt(extractDateMentions('', 'هیئت ایرانی روز پنجشنبه در میدان آزادی حضور داشت.', 'fa', TUESDAY)), [['2026-11-26', 'روز پنجشنبه']], '«میدان» is no verb in «می‌»');
  t.same(extractDateMentions('', 'رادیو فردا گزارش داد که نماز جمعه این هفته برگزار نمی‌شود و هیئت در دوشنبه، پایتخت تاجیکستان، است.', 'fa', TUESDAY), []);
});

t.test('present verbs of scheduled events make a weekday one to come, in the text but not in a headline', async (t) => {
  const FRIDAY = new Date('2026-12-04T09:00:00Z');
  t.same(dt(extractDateMentions('', 'يعقد مجلس النواب جلسته الاعتيادية يوم الخميس للتصويت على الموازنة.', 'ar', TUESDAY)), [['2026-12-03', 'يوم الخميس']]);
  t.same(dt(extractDateMentions('', 'ويبدأ رئيس مجلس الوزراء يوم الأحد زيارة رسمية إلى باريس.', 'ar', TUESDAY)), [['2026-12-06', 'يوم الأحد']], 'the seed\'s «يبدأ … زيارة رسمية»');
  t.same(dt(extractDateMentions('', 'The Council of Representatives meets on Thursday to vote on the budget.', 'en', TUESDAY)), [['2026-12-03', 'Thursday']]);
  t.same(dt(extractDateMentions('', 'The delegation is travelling to Erbil on Sunday.', 'en', TUESDAY)), [['2026-12-06', 'Sunday']]);
  t.same(dt(extractDateMentions('Kadhimi to meet Trump on Thursday', '', 'en', TUESDAY)), [['2026-12-03', 'Thursday']], 'headline English: "to meet"');
  t.same(dt(extractDateMentions('Kadhimi meets Trump on Thursday', 'The two leaders discussed security.', 'en', FRIDAY)), [['2026-12-03', 'Thursday']],
    'a headline\'s present is what happened: the Thursday before, not the next');
  t.same(dt(extractDateMentions('الكاظمي يلتقي ترامب يوم الخميس', 'بحث الجانبان ملفات الأمن والطاقة.', 'ar', FRIDAY)), [['2026-12-03', 'يوم الخميس']]);
  t.same(dt(extractDateMentions('', 'The company said on Thursday it holds 20 percent of the shares.', 'en', TUESDAY)), [['2026-11-26', 'Thursday']], 'a past verb nearer');
});

t.test('Dutch and Russian: a weekday alone by its clause\'s tense; every Monday is no day', async (t) => {
  t.same(dt(extractDateMentions('', 'De Iraakse premier zal donderdag in Washington president Trump ontmoeten.', 'nl', TUESDAY)), [['2026-12-03', 'donderdag']]);
  t.same(dt(extractDateMentions('', 'Het ministerie zei maandag dat de export was hersteld.', 'nl', TUESDAY)), [['2026-11-30', 'maandag']]);
  t.same(extractDateMentions('', 'De markt is elke maandag open, behalve op Goede Vrijdag.', 'nl', TUESDAY), []);
  t.same(dt(extractDateMentions('', 'Премьер-министр Ирака посетит Вашингтон в четверг.', 'ru', TUESDAY)), [['2026-12-03', 'четверг']], 'the perfective «посетит» schedules');
  t.same(dt(extractDateMentions('', 'В понедельник министр заявил, что переговоры продолжатся.', 'ru', TUESDAY)), [['2026-11-30', 'понедельник']]);
  t.same(dt(extractDateMentions('', 'Встреча министров состоится в пятницу в Багдаде.', 'ru', TUESDAY)), [['2026-12-04', 'пятницу']]);
  t.same(extractDateMentions('', 'Рынок работает по понедельникам и каждую пятницу.', 'ru', TUESDAY), []);
});
