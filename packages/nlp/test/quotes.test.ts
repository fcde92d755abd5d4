import t from 'tap';
import type { Quote } from '@akhbar/core';
import { extractQuotes, findEntities, getEntity, MAX_QUOTE_CHARS, MAX_QUOTES } from '@akhbar/nlp';

// Fixtures written for this test in the manner of Iraqi and Arab wire copy.
const KADHIMI = { id: 'mustafa-al-kadhimi', name: 'Mustafa al-Kadhimi', type: 'person' } as const;
const FUAD_HUSSEIN = { id: 'fuad-hussein', name: 'Fuad Hussein', type: 'person' } as const;

t.test('Arabic with straight quotes: the verb before, و glued to it, the speaker found by the gazetteer', async (t) => {
  const story = [
    'بغداد - يتوجه رئيس الوزراء مصطفى الكاظمي إلى واشنطن الأسبوع المقبل في أول زيارة رسمية له منذ توليه المنصب.',
    'وأفاد بيان صادر عن مكتب الكاظمي: "سيبحث رئيس الوزراء مع الإدارة الأمريكية ملفات الطاقة والأمن ومستقبل القوات الأجنبية".',
    'وقال المتحدث باسم وزارة الخارجية إن "الوفد سيضم وزراء النفط والكهرباء والصحة إلى جانب مستشار الأمن الوطني".',
    'وأكد البنك المركزي العراقي في بيان أن "احتياطيات البلاد من العملة الصعبة كافية لتغطية الاستيراد".',
  ].join('\n');
  t.same(extractQuotes(story, 'ar'), [
    { text: 'سيبحث رئيس الوزراء مع الإدارة الأمريكية ملفات الطاقة والأمن ومستقبل القوات الأجنبية', by: 'بيان صادر عن مكتب الكاظمي', speaker: KADHIMI },
    { text: 'الوفد سيضم وزراء النفط والكهرباء والصحة إلى جانب مستشار الأمن الوطني', by: 'المتحدث باسم وزارة الخارجية' },
    {
      text: 'احتياطيات البلاد من العملة الصعبة كافية لتغطية الاستيراد',
      by: 'البنك المركزي العراقي',
      speaker: { id: 'central-bank-of-iraq', name: 'Central Bank of Iraq', type: 'org' },
    },
  ], 'three quotations: the statement (speaker Kadhimi, named in it), the unnamed spokesman (no speaker), the bank (an organisation); "in a statement" is not part of the attribution');
});

t.test('Arabic with « »: the verb after the quotation, and before it', async (t) => {
  const story = [
    '«لن يكون العراق منطلقا للاعتداء على أي دولة من دول الجوار»، قال الكاظمي في مؤتمر صحفي عقده في بغداد.',
    'وشددت المفوضية العليا المستقلة للانتخابات: «الاقتراع سيجري في موعده المحدد من دون أي تأجيل».',
  ].join('\n');
  t.same(extractQuotes(story, 'ar'), [
    { text: 'لن يكون العراق منطلقا للاعتداء على أي دولة من دول الجوار', by: 'الكاظمي', speaker: KADHIMI },
    {
      text: 'الاقتراع سيجري في موعده المحدد من دون أي تأجيل',
      by: 'المفوضية العليا المستقلة للانتخابات',
      speaker: { id: 'ihec', name: 'Independent High Electoral Commission', type: 'org' },
    },
  ]);
});

t.test('a person named in the attribution is the speaker before an organisation named first', async (t) => {
  const [q] = extractQuotes('وذكر بيان مشترك للأمم المتحدة والكاظمي: "الانتخابات المبكرة ستجري تحت إشراف دولي كامل".', 'ar');
  t.equal(q?.by, 'بيان مشترك للأمم المتحدة والكاظمي');
  t.same(q?.speaker, KADHIMI, 'Kadhimi, not the United Nations');
});

t.test('Arabic sources: بحسب and وفقا ل before the speaker (the ل dropped), "quoted X as saying" (عن X قوله) after it', async (t) => {
  const story = [
    'ووفقا للمتحدث باسم الحكومة، فإن "الوفد العراقي سيعود إلى بغداد بعد ثلاثة أيام من المحادثات".',
    'وبحسب مصدر حكومي مطلع، فإن "الجانب الأمريكي وافق على جدول زمني لسحب القوات القتالية".',
    'ونقلت وكالة الأنباء العراقية عن الكاظمي قوله إن "الحكومة لن تتهاون مع من يعبث بأمن البلاد".',
  ].join('\n');
  const q = extractQuotes(story, 'ar');
  t.same(q.map((x) => x.by), ['المتحدث باسم الحكومة', 'مصدر حكومي مطلع', 'الكاظمي']);
  t.same(q[2]?.speaker, KADHIMI, 'the one quoted, not the agency quoting him');
});

t.test('English: said after the quotation with the name inverted, said before it, and the name kept from its apposition', async (t) => {
  const story = [
    '"We will not allow Iraq to become a battleground for others," said Fuad Hussein, Iraq\'s foreign minister.',
    'Iraqi Prime Minister Mustafa al-Kadhimi said: "This visit opens a new chapter in our relations with Washington."',
    '"The dinar will stay stable through the coming months," Rana Haddad, a spokeswoman for the central bank, said.',
  ].join('\n');
  t.same(extractQuotes(story, 'en'), [
    { text: 'We will not allow Iraq to become a battleground for others', by: 'Fuad Hussein', speaker: FUAD_HUSSEIN },
    { text: 'This visit opens a new chapter in our relations with Washington.', by: 'Iraqi Prime Minister Mustafa al-Kadhimi', speaker: KADHIMI },
    { text: 'The dinar will stay stable through the coming months', by: 'Rana Haddad' },
  ]);
});

t.test('a pronoun after the quotation does not outrank a name before it', async (t) => {
  const q = extractQuotes('Kadhimi told reporters in Washington: "Our forces can secure the country on their own." He added that talks would resume in Baghdad.', 'en');
  t.same(q, [
    { text: 'Our forces can secure the country on their own.', by: 'Kadhimi', speaker: KADHIMI },
    { text: 'talks would resume in Baghdad', by: 'Kadhimi', speaker: KADHIMI, indirect: true },
  ], '"He added" after it is not the attribution of the quotation; it is a statement of its own, reported, by the same speaker');
});

t.test('French « » with a déclaré, after the quotation and before it', async (t) => {
  const story = [
    "« Nous ne laisserons pas l'Irak devenir un champ de bataille », a déclaré le ministre des Affaires étrangères.",
    'Le Premier ministre Moustafa al-Kazimi a déclaré : « Les élections auront lieu en juin comme prévu. »',
  ].join('\n');
  t.same(extractQuotes(story, 'fr'), [
    { text: "Nous ne laisserons pas l'Irak devenir un champ de bataille", by: 'le ministre des Affaires étrangères' },
    { text: 'Les élections auront lieu en juin comme prévu.', by: 'Le Premier ministre Moustafa al-Kazimi', speaker: KADHIMI },
  ]);
});

t.test('Spanish, German, Russian and Turkish attributions', async (t) => {
  t.same(extractQuotes('"Irak no será un campo de batalla para nadie", dijo el ministro.', 'es'), [{ text: 'Irak no será un campo de batalla para nadie', by: 'el ministro' }]);
  t.same(extractQuotes('„Wir stehen an der Seite des irakischen Volkes“, sagte der Minister.', 'de'), [{ text: 'Wir stehen an der Seite des irakischen Volkes', by: 'der Minister' }]);
  t.same(extractQuotes('«Мы не допустим превращения Ирака в поле боя», заявил министр.', 'ru'), [{ text: 'Мы не допустим превращения Ирака в поле боя', by: 'министр' }]);
  const [tr] = extractQuotes('Dışişleri Bakanı Hakan Fidan, "Irak ile ilişkilerimiz her geçen gün güçleniyor" dedi.', 'tr');
  t.equal(tr?.by, 'Dışişleri Bakanı Hakan Fidan', 'Turkish names the speaker before the quotation and the verb after it');
  t.equal(tr?.speaker?.id, 'hakan-fidan');
});

t.test('scare quotes are not quotations, even beside a speech verb', async (t) => {
  t.same(extractQuotes('وقال النائب إن "الخط الأحمر" لن يتم تجاوزه، واصفا الفصائل بـ«الخارجة عن القانون».', 'ar'), []);
  // What he said is reported speech carrying the scare quotes, never a quotation of its own.
  t.same(extractQuotes('The minister said the deal was "historic" and called the militias "outlaws".', 'en'), [
    { text: 'the deal was "historic" and called the militias "outlaws"', by: 'The minister', indirect: true },
  ]);
  const [q] = extractQuotes('وقال رئيس "تحالف الفتح" إن "الحكومة مطالبة بحماية السيادة الوطنية من كل الأطراف".', 'ar');
  t.equal(q?.text, 'الحكومة مطالبة بحماية السيادة الوطنية من كل الأطراف', 'the quotation after a scare quote is still found');
  t.equal(q?.by, 'رئيس تحالف الفتح', 'the scare quote stays in the attribution, its marks dropped');
});

t.test('a quotation nobody is said to have said is skipped', async (t) => {
  t.same(extractQuotes('ورفع المتظاهرون لافتات كتب عليها "لا للفساد ولا للمحاصصة الطائفية في العراق".', 'ar'), []);
  t.same(extractQuotes('Banners read "No to corruption, no to sectarian quotas in Iraq" across Tahrir Square.', 'en'), []);
  t.same(extractQuotes('"Irak non sarà un campo di battaglia per nessuno", ha detto il ministro.', 'it'), [], 'Italian: no verb any list knows, so skipped');
});

t.test('a pronoun takes the previous speaker from up to two paragraphs back; with none, the quotation is kept without one', async (t) => {
  const story = [
    'وقال وزير الخارجية فؤاد حسين إن "العراق يسعى إلى علاقات متوازنة مع جميع جيرانه".',
    'وأضاف: "لن نسمح باستخدام أراضينا منطلقا لأي اعتداء على دول الجوار".',
    'وتأتي تصريحات الوزير قبل أيام من جولة إقليمية.',
    'وتابع قائلا: "الحوار هو الطريق الوحيد لحل الخلافات بين دول المنطقة".',
    'وكانت بغداد قد استضافت جولات من المحادثات.',
    'ولم تعلن الوزارة موعد الجولة المقبلة.',
    'ويرى مراقبون أن الحكومة تريد دورا إقليميا أكبر.',
    'وأضاف: "علاقاتنا مع الولايات المتحدة تقوم على المصالح المشتركة".',
  ].join('\n');
  const by = 'وزير الخارجية فؤاد حسين';
  t.same(extractQuotes(story, 'ar'), [
    { text: 'العراق يسعى إلى علاقات متوازنة مع جميع جيرانه', by, speaker: FUAD_HUSSEIN },
    { text: 'لن نسمح باستخدام أراضينا منطلقا لأي اعتداء على دول الجوار', by, speaker: FUAD_HUSSEIN },
    { text: 'الحوار هو الطريق الوحيد لحل الخلافات بين دول المنطقة', by, speaker: FUAD_HUSSEIN },
    { text: 'علاقاتنا مع الولايات المتحدة تقوم على المصالح المشتركة' },
  ], 'وأضاف the next paragraph and وتابع قائلا two paragraphs on inherit; وأضاف four paragraphs on is kept with no speaker');

  t.same(extractQuotes('"We will not hand over the border crossings to anyone," he said.', 'en'), [{ text: 'We will not hand over the border crossings to anyone' }], 'a bare "he said" with nothing before it');
  t.same(
    extractQuotes('"The budget will be sent to parliament this week," Rana Haddad said. "Salaries will be paid on time," she added, "whatever happens to oil prices."', 'en').map((q) => [q.text, q.by]),
    [
      ['The budget will be sent to parliament this week', 'Rana Haddad'],
      ['Salaries will be paid on time … whatever happens to oil prices.', 'Rana Haddad'],
    ],
    '"she added" inside a quotation: its two halves are one quotation, the speaker before\'s',
  );
  t.same(extractQuotes("« La souveraineté de l'Irak n'est pas négociable », a-t-il ajouté.", 'fr'), [{ text: "La souveraineté de l'Irak n'est pas négociable" }], 'a-t-il ajouté: a pronoun');
});

t.test(`a quotation longer than ${String(MAX_QUOTE_CHARS)} characters is cut at a word with "…"`, async (t) => {
  const words = Array.from({ length: 120 }, (_, i) => `كلمة${String(i)}`).join(' ');
  const [q] = extractQuotes(`وقال الكاظمي: "${words}".`, 'ar');
  t.ok(q, 'the long quotation is kept');
  if (!q) return;
  t.ok(words.length > MAX_QUOTE_CHARS, 'the fixture is longer than the limit');
  t.ok(q.text.length <= MAX_QUOTE_CHARS, `${String(q.text.length)} characters`);
  t.ok(q.text.endsWith('…'));
  const kept = q.text.slice(0, -1);
  t.ok(words.startsWith(kept) && words[kept.length] === ' ', 'the kept part is whole words from the start');
  t.ok(kept.length > MAX_QUOTE_CHARS - 20, 'cut at the last word that fits, not earlier');
  t.equal(q.by, 'الكاظمي');
});

t.test(`at most ${String(MAX_QUOTES)} quotations, each text once`, async (t) => {
  const lines = Array.from({ length: 30 }, (_, i) => `وقال المتحدث: "سيتم افتتاح المشروع رقم ${String(i + 1)} في محافظة البصرة".`);
  const q = extractQuotes(lines.join('\n'), 'ar');
  t.equal(q.length, MAX_QUOTES);
  t.equal(q[0]?.text, 'سيتم افتتاح المشروع رقم 1 في محافظة البصرة', 'in text order');
  t.equal(q[MAX_QUOTES - 1]?.text, `سيتم افتتاح المشروع رقم ${String(MAX_QUOTES)} في محافظة البصرة`);

  const repeated = 'وقال الوزير: "الرواتب ستصرف في موعدها دون أي تأخير".\nوأكد الوزير مجددا: "الرواتب ستصرف في موعدها دون أي تأخير".';
  t.equal(extractQuotes(repeated, 'ar').length, 1, 'the same words quoted twice are one quotation');
});

t.test('a paragraph break between the marks is not a quotation', async (t) => {
  t.same(extractQuotes('وقال الكاظمي: "إن الحكومة ماضية في الإصلاح\nوإن الانتخابات ستجري في موعدها".', 'ar'), []);
  t.same(extractQuotes('The minister said: “Reform will go ahead\n\nand elections will be held on time.”', 'en'), []);
});

t.test('empty, unbalanced and garbage input gives no quotations and never throws', async (t) => {
  t.same(extractQuotes('', 'ar'), []);
  t.same(extractQuotes('وقال الوزير: "لم يكتمل الاقتباس بعد وهذه الجملة بلا نهاية', 'ar'), [], 'an opening mark with no closing one');
  t.same(extractQuotes('» said the minister « and » then « nothing” at all “ he said', 'en'), [], 'closing marks before opening ones');
  let seed = 7;
  const bytes = Buffer.from(Array.from({ length: 64 * 1024 }, () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) >>> 16) & 0xff));
  t.same(extractQuotes(bytes.toString('utf8') + '\uD800"«', 'ar'), [], 'random bytes read as UTF-8, a lone surrogate');
  t.same(extractQuotes(bytes.toString('latin1'), 'und'), []);
  t.same(extractQuotes(undefined as unknown as string, 'ar'), [], 'not a string at all');

  // Megabytes of opening marks that never close, or close only past the part read: a search for
  // the closing mark from each opening one would take tens of seconds here; one pass takes milliseconds.
  const started = Date.now();
  t.same(extractQuotes('„'.repeat(1_000_000), 'de'), []);
  t.same(extractQuotes(`${'x “'.repeat(400_000)}”`, 'en'), []);
  t.same(extractQuotes('«„“‹「 قال '.repeat(100_000), 'ar'), []);
  t.same(extractQuotes('" قال. '.repeat(150_000), 'ar'), []);
  const elapsed = Date.now() - started;
  t.ok(elapsed < 2_000, `4 MB of marks read in ${String(elapsed)} ms`);
});

t.test('only the first 100 000 characters are read', async (t) => {
  const quote = 'وقال الكاظمي: "الحكومة ستعمل على حصر السلاح بيد الدولة".';
  const filler = 'وتشهد العاصمة بغداد حركة اعتيادية. '.repeat(3_000);
  t.ok(filler.length > 100_000);
  t.equal(extractQuotes(`${quote}\n${filler}`, 'ar').length, 1, 'a quotation at the start is found');
  t.same(extractQuotes(`${filler}\n${quote}`, 'ar'), [], 'one after the first 100 000 characters is not');
});

t.test('quotations come back in text order as plain data', async (t) => {
  const q: Quote[] = extractQuotes('"Reform of the electricity sector cannot wait any longer," the minister said. وقال الكاظمي إن "الإصلاح لا يحتمل التأجيل بعد اليوم".', 'und');
  t.same(q.map((x) => x.by), ['the minister', 'الكاظمي'], 'a text of unknown language is read with every language\'s verbs');
  t.same(JSON.parse(JSON.stringify(q)), q, 'no undefined fields, nothing but JSON');
});

t.test('a surname alone is the person the article named in full, unless two of its people share it', async (t) => {
  const text = 'وقال السوداني في مؤتمر صحفي: «لن يتأخر راتب أي موظف بعد اليوم في الوزارات».';
  const sudani = getEntity('mohammed-shia-al-sudani')!;
  const person = (e: NonNullable<ReturnType<typeof getEntity>>) => ({ id: e.id, type: e.type, name: e.name, names: e.names, count: 1 });
  t.equal(extractQuotes(text, 'ar')[0]?.speaker, undefined, 'without the article\'s entities: the gazetteer alone cannot tell السوداني is a person');
  t.match(extractQuotes(text, 'ar', [person(sudani)])[0], { by: 'السوداني', speaker: { id: sudani.id, name: sudani.name, type: 'person' } });
  t.match(extractQuotes('"The salaries will be paid before the holiday in full," Sudani said.', 'en', [person(sudani)])[0], { speaker: { id: sudani.id } }, 'in English too');
  const barzanis = ['masoud-barzani', 'nechirvan-barzani'].map((id) => person(getEntity(id)!));
  t.equal(extractQuotes('وقال البارزاني في بيان: «الإقليم ملتزم بالدستور وبالاتفاق مع بغداد».', 'ar', barzanis)[0]?.speaker, undefined, 'two Barzanis in the article: which one is not guessed');
});

t.test('what the labelled set taught: an auxiliary after an apposition, a person before the body in their title, a tweet', async (t) => {
  t.match(extractQuotes('Le ministre irakien des Affaires étrangères, Fouad Hussein, a affirmé : « Nous voulons des relations équilibrées avec nos voisins. »', 'fr')[0],
    { speaker: { id: 'fuad-hussein' } }, 'French: "…, Fouad Hussein, a affirmé": the "a" alone after the comma is no subject');
  t.match(extractQuotes('وأشارت الممثلة الخاصة للأمين العام للأمم المتحدة جينين هينيس بلاسخارت إلى أن "العراق حقق تقدما ملموسا في ملف الانتخابات".', 'ar')[0],
    { speaker: { id: 'jeanine-hennis-plasschaert', type: 'person' } }, 'the envoy, not the United Nations her title names');
  t.match(extractQuotes('وكتب الصدر في تغريدة على منصة إكس: "السلمية هي سلاحنا الوحيد في هذه المرحلة".', 'ar', [{ id: 'muqtada-al-sadr', type: 'person', name: 'Muqtada al-Sadr', names: { ar: 'مقتدى الصدر' }, count: 1 }])[0],
    { by: /^الصدر/, speaker: { id: 'muqtada-al-sadr' } }, 'what someone wrote (كتب، غرد) is theirs too');
  t.same(extractQuotes('ورفع المتظاهرون لافتات كتب عليها "لا للفساد ولا للمحاصصة الطائفية في العراق".', 'ar'), [], 'but not what is written on a banner');
});

// Reported speech (no quotation marks) and unnamed sources.

const SUDANI = { id: 'mohammed-shia-al-sudani', name: 'Mohammed Shia al-Sudani', type: 'person' } as const;

t.test('Arabic reported speech: the verb, its attribution after it, إن/أن, and what follows to the end of the sentence, indirect', async (t) => {
  t.same(extractQuotes('وقالت السفارة إن الأمن والطاقة والتعاون الصحي هي أبرز الملفات التي ستناقش. وتستمر الزيارة ثلاثة أيام.', 'ar'), [
    { text: 'الأمن والطاقة والتعاون الصحي هي أبرز الملفات التي ستناقش', by: 'السفارة', indirect: true },
  ], 'the content stops at the full stop; the next sentence is not part of it');
  t.same(extractQuotes('وأكد وزير الخارجية فؤاد حسين أن العراق لن يكون ساحة لتصفية الحسابات', 'ar'), [
    { text: 'العراق لن يكون ساحة لتصفية الحسابات', by: 'وزير الخارجية فؤاد حسين', speaker: FUAD_HUSSEIN, indirect: true },
  ], 'to the paragraph end, with the speaker the gazetteer knows');
  t.same(extractQuotes('وقال الوزير إن الرواتب لن تتأخر بعد اليوم أبدا! وصفق الحضور طويلا.', 'ar').map((q) => q.text), ['الرواتب لن تتأخر بعد اليوم أبدا'], 'or at an exclamation mark');
  t.same(extractQuotes('وتساءل النائب: لماذا أكد الوزير أن الرواتب ستصرف في موعدها؟ ثم غادر القاعة.', 'ar'), [], 'a verb after لماذا opens no clause of its own');
});

t.test('"said" without "that" before a clause whose verb is an irregular past ("the attackers fled"); "said goodbye … and left" is no clause', async (t) => {
  t.same(extractQuotes('Witnesses said the attackers fled in two pickup trucks toward the desert.', 'en'), [
    { text: 'the attackers fled in two pickup trucks toward the desert', by: 'Witnesses', indirect: true },
  ]);
  t.same(extractQuotes('Residents said the water level rose sharply overnight after the heavy rain.', 'en').map((q) => q.by), ['Residents']);
  t.same(extractQuotes('The minister said goodbye to the delegation and left for Baghdad.', 'en'), []);
  t.same(extractQuotes('He said a prayer for those who fell in the war.', 'en'), []);
});

t.test('Spanish and German reporting verbs beyond "said": reconoció, confirmó, advirtió…; warnte, bestätigte, and separable verbs with their particle ("räumte ein, dass")', async (t) => {
  t.same(extractQuotes('El ministro de Finanzas iraquí reconoció que los salarios de octubre se pagarán con varios días de retraso.', 'es').map((q) => q.by), ['El ministro de Finanzas iraquí']);
  t.same(extractQuotes('Der irakische Finanzminister räumte ein, dass die Oktobergehälter mit mehreren Tagen Verspätung ausgezahlt würden.', 'de').map((q) => q.by), ['Der irakische Finanzminister']);
  t.same(extractQuotes('Die Zentralbank bestätigte, dass sie dem Ministerium die fehlenden Mittel leihen werde.', 'de').map((q) => q.by), ['Die Zentralbank']);
  t.same(extractQuotes('Die Regierung teilte das Land in neue Provinzen auf, um die Verwaltung zu stärken.', 'de'), [], 'teilte … auf with no dass reports nothing');
});

t.test('Arabic «أبلغ» (told): who spoke, then whom they told (the press, an agency, a counterpart), then أن', async (t) => {
  t.same(extractQuotes('وأبلغ مسؤول عراقي وكالة فرانس برس أن الوفد سيصل إلى واشنطن مساء الأربعاء.', 'ar'), [
    { text: 'الوفد سيصل إلى واشنطن مساء الأربعاء', by: 'مسؤول عراقي', indirect: true, unnamed: true },
  ]);
  t.same(extractQuotes('وأبلغ وزير الخارجية فؤاد حسين نظيره التركي أن العراق يرفض أي عملية عسكرية على أراضيه.', 'ar').map((q) => [q.by, q.speaker?.id]), [['وزير الخارجية فؤاد حسين', 'fuad-hussein']]);
  t.same(extractQuotes('وأبلغت الوزارة المواطنين بضرورة مراجعة المراكز الصحية عند ظهور الأعراض.', 'ar'), [], 'told them to do something: nothing reported');
});

t.test('more reporting verbs: "acknowledged", "confirmed", "stressed that"; «a reconnu», «a rappelé que»; «اعترف بأن», «توقع أن», «زعم أن»', async (t) => {
  const cases: Array<[string, string, string]> = [
    ['en', 'The finance minister acknowledged that October salaries would be paid several days late.', 'The finance minister'],
    ['en', 'Central bank officials confirmed that they had agreed to lend the ministry the money.', 'Central bank officials'],
    ['en', 'The prime minister stressed that no armed group would be allowed to act outside the state.', 'The prime minister'],
    ['fr', "Le ministre des Finances a reconnu que les salaires d'octobre seraient versés avec retard.", 'Le ministre des Finances'],
    ['fr', 'La banque centrale a rappelé que ses réserves de change restaient suffisantes.', 'La banque centrale'],
    ['ar', 'واعترف وزير المالية بأن رواتب الموظفين عن الشهر الجاري ستتأخر أياما بسبب نقص السيولة.', 'وزير المالية'],
    ['ar', 'وتوقع صندوق النقد الدولي أن ينمو الاقتصاد العراقي بنسبة أربعة في المئة العام المقبل.', 'صندوق النقد الدولي'],
    ['ar', 'وزعمت الجماعة أن مقاتليها سيطروا على القرية بعد اشتباكات استمرت ساعات.', 'الجماعة'],
  ];
  for (const [lang, text, by] of cases) t.same(extractQuotes(text, lang).map((q) => [q.by, q.indirect]), [[by, true]], `${lang}: ${text}`);
  t.same(extractQuotes('The group claimed responsibility for the attack on the convoy near Baghdad.', 'en'), [], '"claimed responsibility" reports nothing');
  t.same(extractQuotes('وتوقع الطقس الحار في الأيام المقبلة مع ارتفاع درجات الحرارة.', 'ar'), [], 'توقع with no أن reports nothing');
});

t.test('Arabic «حذر … من أن» (warned that) reports what was said; «حذر … من» a noun warns against something, and reports nothing', async (t) => {
  t.same(extractQuotes('وحذرت وزارة الصحة من أن نسبة إشغال أسرة العناية المركزة في مستشفيات بغداد تجاوزت التسعين في المئة.', 'ar'), [
    { text: 'نسبة إشغال أسرة العناية المركزة في مستشفيات بغداد تجاوزت التسعين في المئة', by: 'وزارة الصحة', indirect: true },
  ]);
  t.same(extractQuotes('وحذر الوزير في مؤتمر صحفي من أن الأزمة ستتفاقم إذا لم تصل الأموال من بغداد.', 'ar').map((q) => q.by), ['الوزير'], 'through an adjunct');
  t.same(extractQuotes('وحذرت مديرية المرور السائقين من السرعة على الطريق السريع بسبب الضباب الكثيف.', 'ar'), []);
});

t.test('Arabic pluperfect: كان and its subject before قد and the verb («وكان الوزير قد قال إن …»)', async (t) => {
  t.same(extractQuotes('وكان وزير الخارجية فؤاد حسين قد أكد، في اتصال هاتفي مع نظيره الإيراني، أن العراق يرفض أن يكون منطلقا لأي اعتداء.', 'ar'), [
    { text: 'العراق يرفض أن يكون منطلقا لأي اعتداء', by: 'وزير الخارجية فؤاد حسين', speaker: FUAD_HUSSEIN, indirect: true },
  ], 'the subject between كان and قد is who said it, through the adjunct');
  t.same(extractQuotes('وكانت مصادر مطلعة قد كشفت أن الوفد سيضم وزراء الخارجية والنفط والكهرباء.', 'ar'), [
    { text: 'الوفد سيضم وزراء الخارجية والنفط والكهرباء', by: 'مصادر مطلعة', indirect: true, unnamed: true },
  ], 'كانت with an unnamed source');
  t.same(extractQuotes('وكان قد قال في مقابلة تلفزيونية إن العراق لن يكون ساحة لتصفية الحسابات بين الدول.', 'ar'), [
    { text: 'العراق لن يكون ساحة لتصفية الحسابات بين الدول', indirect: true },
  ], 'with no subject between them, no one is made up');
});

t.test('adjuncts may stand between the attribution and the complementizer; other words may not', async (t) => {
  const story = [
    'وقال وزير الخارجية فؤاد حسين في بيان صدر عن الوزارة، الأربعاء، إن العراق لن يكون منصة لأي اعتداء على دول الجوار.',
    'وأوضح السوداني خلال مؤتمر صحفي عقده في بغداد أن الحكومة ستطلق الدفعة الأولى من القروض الزراعية الشهر المقبل.',
    'وأشار المتحدث إلى أن فرق الصيانة أعادت التيار الكهربائي إلى معظم أحياء البصرة.',
    'وشدد الصدر على أن الإصلاح لن يتحقق ما دام السلاح منفلتا خارج إطار الدولة.',
  ].join('\n');
  const q = extractQuotes(story, 'ar', [{ id: SUDANI.id, type: 'person', name: SUDANI.name, names: { ar: 'محمد شياع السوداني' }, count: 1 }]);
  t.same(q.map((x) => [x.by, x.text.split(' ').slice(0, 3).join(' '), x.indirect]), [
    ['وزير الخارجية فؤاد حسين', 'العراق لن يكون', true],
    ['السوداني', 'الحكومة ستطلق الدفعة', true],
    ['المتحدث', 'فرق الصيانة أعادت', true],
    ['الصدر', 'الإصلاح لن يتحقق', true],
  ], '«في بيان …، الأربعاء،», «خلال مؤتمر صحفي», «إلى أن», «على أن» are no part of the attribution');
  t.same(q[1]?.speaker, SUDANI, 'a surname the article named in full is the person, for reported speech too');
  t.same(extractQuotes('وأعلن الوزير استئناف الحوار مع أنقرة بشأن حصص المياه والملفات العالقة منذ سنوات وإعادة فتح المعابر أن الجولة المقبلة ستعقد في بغداد.', 'ar'), [],
    'a long stretch between the verb and أن is its object and more, not an attribution and an adjunct');
  t.same(extractQuotes('وأعلن الوزير استئناف الحوار والتعاون والتنسيق والتبادل التجاري والاستثمار والسياحة والزراعة والصناعة أن الجولة المقبلة ستعقد في بغداد.', 'ar'), [],
    'more than ten words after the verb before an adjunct or أن: its object');
  t.same(extractQuotes('وقال الوزير إن الحكومة رفعت الأسعار بعد أن ارتفعت كلفة الاستيراد في الأسواق العالمية.', 'ar').map((q) => q.text),
    ['الحكومة رفعت الأسعار بعد أن ارتفعت كلفة الاستيراد في الأسواق العالمية'], 'a second أن inside the content is part of it');
});

t.test('English, French, Spanish, German, Russian and Persian reported speech: the subject before the verb, that/que/dass/что/که after it', async (t) => {
  t.same(extractQuotes('Fuad Hussein said on Tuesday that Iraq would not become a battleground for anyone.', 'en'), [
    { text: 'Iraq would not become a battleground for anyone', by: 'Fuad Hussein', speaker: FUAD_HUSSEIN, indirect: true },
  ]);
  t.same(extractQuotes('Kadhimi told reporters in Washington that his forces could secure the country on their own.', 'en').map((q) => q.by), ['Kadhimi'], 'told + its object before "that"');
  t.same(extractQuotes("Le ministre a affirmé que l'Irak ne serait pas un champ de bataille.", 'fr'), [
    { text: "l'Irak ne serait pas un champ de bataille", by: 'Le ministre', indirect: true },
  ], "qu'/que, the auxiliary a no part of the subject");
  t.same(extractQuotes('Le ministre irakien des Affaires étrangères, Fouad Hussein, a affirmé mardi que Bagdad poursuivrait sa médiation entre Washington et Téhéran.', 'fr')[0]?.speaker, FUAD_HUSSEIN);
  t.same(extractQuotes('El ministro de Exteriores dijo el martes que Irak no será un campo de batalla para nadie.', 'es').map((q) => q.by), ['El ministro de Exteriores']);
  t.same(extractQuotes('Der Minister sagte am Dienstag, dass der Irak kein Schlachtfeld für andere werden dürfe.', 'de').map((q) => q.text), ['der Irak kein Schlachtfeld für andere werden dürfe']);
  t.same(extractQuotes('Министр заявил, что Ирак не станет полем боя для других стран региона.', 'ru').map((q) => q.by), ['Министр']);
  t.same(extractQuotes('وزیر امور خارجه گفت که عراق به میدان جنگ دیگران تبدیل نخواهد شد.', 'fa').map((q) => q.text), ['عراق به میدان جنگ دیگران تبدیل نخواهد شد']);
  t.same(extractQuotes('Hakan Fidan dedi ki Irak ile ilişkilerimiz her geçen gün güçleniyor.', 'tr'), [], 'Turkish: no reported speech read');
});

t.test('Persian: compound verbs of saying, the subject without the day and place before the verb, a colon with no marks', async (t) => {
  const said = (text: string) => extractQuotes(text, 'fa').map((q) => [q.by, q.text.split(' ').slice(0, 3).join(' '), q.indirect ?? false]);
  t.same(said('وزیر نفت روز سه‌شنبه در نشست خبری در بغداد اعلام کرد که صادرات نفت از ماه آینده افزایش می‌یابد.'), [['وزیر نفت', 'صادرات نفت از', true]], '«اعلام کرد که», the day and the press conference left out of who');
  t.same(said('سخنگوی دولت تأکید کرد: «هیچ تصمیمی درباره قیمت بنزین گرفته نشده است».'), [['سخنگوی دولت', 'هیچ تصمیمی درباره', false]], '«تأکید کرد» before a quotation');
  t.same(said('رئیس کل بانک مرکزی هشدار داد که تورم در ماه‌های آینده کاهش نخواهد یافت.'), [['رئیس کل بانک مرکزی', 'تورم در ماه‌های', true]], '«هشدار داد که»');
  t.same(said('وزیر راه به خبرنگاران گفت: ساخت این خط آهن تا دو سال دیگر به پایان می‌رسد.'), [['وزیر راه', 'ساخت این خط', true]], 'a colon and no quotation marks; «به خبرنگاران» is whom he told');
  t.same(said('استاندار بصره گفته است که زمین‌های مسیر آماده تحویل به پیمانکار است.'), [['استاندار بصره', 'زمین‌های مسیر آماده', true]], 'the perfect, «گفته است»');
});

t.test('أنه/أنها: what follows them is what was reported; fewer than five words is no statement unless whole to its full stop (three at least); long content is cut like a quotation', async (t) => {
  t.same(extractQuotes('وأكدت الوزارة أنها ستفتتح ثلاث مدارس جديدة في الموصل.', 'ar').map((q) => q.text), ['ستفتتح ثلاث مدارس جديدة في الموصل']);
  t.same(extractQuotes('وقال الوزير إنه سيزور أربيل.', 'ar'), [], 'four words: a fragment');
  t.same(extractQuotes('The minister said that it would help.', 'en').map((q) => q.text), ['it would help'], 'three words to its full stop: whole');
  t.same(extractQuotes('The minister said that it would help, while the opposition called the plan a costly failure.', 'en'), [], 'cut short of its full stop (the narration goes on), under five words is a fragment');
  const words = Array.from({ length: 120 }, (_, i) => `كلمة${String(i)}`).join(' ');
  const [q] = extractQuotes(`وقال الوزير إن ${words}.`, 'ar');
  t.ok(q && q.indirect === true && q.text.length <= MAX_QUOTE_CHARS && q.text.endsWith('…'), `cut at ${String(q?.text.length)} characters`);
});

t.test('content in quotation marks is a quotation, never also reported speech; reported speech stops before a quotation in it', async (t) => {
  t.same(extractQuotes('وقال حسين إن "العراق لن يكون ساحة لتصفية الحسابات بين الدول".', 'ar'), [
    { text: 'العراق لن يكون ساحة لتصفية الحسابات بين الدول', by: 'حسين' },
  ]);
  t.same(extractQuotes('Hussein said that "Iraq will not be a battleground for anyone."', 'en').map((q) => q.indirect), [undefined]);
  t.same(extractQuotes('وقال حسين إن العراق "لن يكون ساحة لتصفية الحسابات بين الدول".', 'ar').map((q) => [q.text, q.indirect]), [['لن يكون ساحة لتصفية الحسابات بين الدول', undefined]],
    'a statement running into the quotation with no comma before it is dropped');
  t.same(extractQuotes('وأكد الوزير أن الحكومة ماضية في خطة الإصلاح الاقتصادي رغم الصعوبات، وقال: "لن نتراجع عن قراراتنا مهما كانت الضغوط".', 'ar').map((q) => [q.text, q.indirect === true]), [
    ['الحكومة ماضية في خطة الإصلاح الاقتصادي رغم الصعوبات', true],
    ['لن نتراجع عن قراراتنا مهما كانت الضغوط', false],
  ], 'the statement stops at the comma before the quotation; both in text order');
});

t.test('a pronoun or a bare verb reports for the previous speaker, and is the previous speaker for the next', async (t) => {
  const story = [
    'وقال رئيس الوزراء محمد شياع السوداني إن الحكومة ستصرف رواتب الموظفين قبل العيد.',
    'وأضاف أن الأموال متوفرة في خزينة الدولة ولا داعي للقلق.',
    'وتابع: "لن يتأخر راتب أي موظف بعد اليوم في كل الوزارات".',
  ].join('\n');
  const by = 'رئيس الوزراء محمد شياع السوداني';
  t.same(extractQuotes(story, 'ar'), [
    { text: 'الحكومة ستصرف رواتب الموظفين قبل العيد', by, speaker: SUDANI, indirect: true },
    { text: 'الأموال متوفرة في خزينة الدولة ولا داعي للقلق', by, speaker: SUDANI, indirect: true },
    { text: 'لن يتأخر راتب أي موظف بعد اليوم في كل الوزارات', by, speaker: SUDANI },
  ]);
  t.same(extractQuotes('He added that Baghdad had asked Washington and Tehran to keep their disputes away.', 'en'), [{ text: 'Baghdad had asked Washington and Tehran to keep their disputes away', indirect: true }], 'with nobody before: kept, with no speaker');
  t.same(extractQuotes('وقال الوزير إن الحكومة قررت صرف الرواتب قبل العيد، وأضاف أن الأموال متوفرة في خزينة الدولة بالكامل.', 'ar').map((q) => [q.by, q.text]), [
    ['الوزير', 'الحكومة قررت صرف الرواتب قبل العيد'],
    ['الوزير', 'الأموال متوفرة في خزينة الدولة بالكامل'],
  ], 'a second verb with its own complementizer in the same sentence is a second statement');
  t.same(extractQuotes('وأضافوا أن المحطة ستعمل بكامل طاقتها قبل حلول الصيف المقبل.', 'ar'), [{ text: 'المحطة ستعمل بكامل طاقتها قبل حلول الصيف المقبل', indirect: true }], 'an Arabic plural verb opening its sentence is "they"');
});

t.test(`direct and reported speech together: text order, each text once, at most ${String(MAX_QUOTES)}`, async (t) => {
  const mixed = [
    'وأكد الحلبوسي خلال استقباله وفدا من شيوخ العشائر أن المجلس سيصوت على قانون الموازنة الأسبوع المقبل.',
    'وقال الحلبوسي إن "أي تأخير في إقرار الموازنة سيعطل مشاريع المحافظات".',
    'وأوضح أن اللجنة المالية أنهت مراجعة أبواب الإنفاق كلها.',
  ].join('\n');
  t.same(extractQuotes(mixed, 'ar').map((q) => q.indirect === true), [true, false, true]);
  const lines = Array.from({ length: 15 }, (_, i) => `وقال المتحدث إن المشروع رقم ${String(i + 1)} سيفتتح في البصرة. وقال: "سيتم تشغيل المشروع رقم ${String(i + 1)} بالكامل".`);
  const q = extractQuotes(lines.join('\n'), 'ar');
  t.equal(q.length, MAX_QUOTES);
  t.same(q.slice(0, 4).map((x) => x.indirect === true), [true, false, true, false], 'alternating, in text order, until the cap');
  t.equal(extractQuotes('وقال الوزير إن الرواتب ستصرف في موعدها دون أي تأخير.\nوأكد الوزير مجددا أن الرواتب ستصرف في موعدها دون أي تأخير.', 'ar').length, 1, 'the same words reported twice are one statement');
});

t.test('what is not reported speech: complementizers after other verbs, relative clauses, analysts\' views, requests, negations, headlines', async (t) => {
  const none: Array<[string, string, string]> = [
    ['ar', 'من المتوقع أن تصل الدفعة الأولى من الحجاج العراقيين إلى مكة المكرمة مطلع الأسبوع المقبل.', 'من المتوقع أن'],
    ['ar', 'وتقرر أن تتولى الخطوط الجوية العراقية نقل أكثر من عشرين ألف حاج عبر مطاري بغداد والنجف.', 'تقرر أن'],
    ['ar', 'وأعلن الوزير استئناف الحوار مع أنقرة بعد أن توقفت المحادثات عدة أشهر بسبب الخلافات.', 'بعد أن after a speech verb'],
    ['ar', 'ويأتي ذلك بعد احتجاجات واسعة، وهي الاحتجاجات التي قال ناشطون إنها شهدت مشاركة واسعة من طلبة الجامعات.', 'a relative clause (التي قال)'],
    ['ar', 'ونفذت طائرات حربية غارات على مواقع قالت أنقرة إنها تابعة لحزب العمال الكردستاني في جبال قنديل.', 'a relative clause with no pronoun: the verb does not open a clause'],
    ['ar', 'ويرى مراقبون أن الحكومة تريد دورا إقليميا أكبر في ملفات المنطقة.', 'يرى: the writer\'s analysis, by decision'],
    ['ar', 'وبين بغداد وأربيل اتفاق على أن تسلم حكومة الإقليم النفط المنتج إلى شركة سومو.', 'بين as "between"'],
    ['ar', 'ولم يقل الوزير إن الحكومة ستؤجل صرف رواتب الموظفين هذا الشهر.', 'a negated verb'],
    ['ar', 'الحكومة: الرواتب ستصرف قبل العيد في جميع الوزارات والدوائر', 'a headline without a verb'],
    ['ar', 'هل قال الوزير إن الرواتب ستتأخر هذا الشهر في كل الوزارات؟', 'a question'],
    ['en', 'It is expected that the new electricity tariffs will take effect in July.', 'it is expected that'],
    ['en', 'Officials hope that the new tariffs will reduce waste in the eastern districts.', 'hope is no speech verb'],
    ['en', 'The ministry, which said last year that it would end power cuts by the summer, has not commented.', 'a relative clause'],
    ['en', 'The minister asked that parliament approve the budget before the end of the month.', 'asked that: a request'],
    ['en', 'The minister did not say that parliament would approve the budget before the end of the month.', 'a negation'],
    ['en', 'It is too early to say that the crisis is over for the farmers of the south.', 'to say'],
    ['en', 'The minister said so that everyone in the hall could hear the decision clearly.', 'so that'],
    ['en', 'The minister said the new budget law that parliament approved last week would be published soon.', 'a "that" after the object, not after an adjunct: a relative'],
    ['fr', "Il faut que les deux parties s'entendent d'abord sur l'ordre du jour de la rencontre.", 'il faut que'],
    ['fr', "Le ministre s'est assuré que les salaires des fonctionnaires seraient versés avant la fin du mois.", "s'est assuré: no speech"],
    ['fr', "Le ministre a déclaré la fin des combats alors que les milices continuent de tirer sur la ville.", 'alors que'],
  ];
  for (const [lang, text, why] of none) t.same(extractQuotes(text, lang), [], why);
  t.same(extractQuotes('وقال الوزير إن الحكومة رفعت الأسعار لمواجهة العجز، فيما طالب نواب بعقد جلسة طارئة لمناقشة القرار.', 'ar').map((q) => q.text), ['الحكومة رفعت الأسعار لمواجهة العجز'],
    'the statement stops at «، فيما»: the writer goes on to something else');
  t.same(extractQuotes('Critics warned that the law could slow innovation in Europe, while supporters say it protects citizens.', 'en').map((q) => q.text), ['the law could slow innovation in Europe'], 'or at ", while"');
});

t.test('the seed-like lead: one reported statement by sources close to Kadhimi, unnamed, with no speaker', async (t) => {
  const lead = 'كشفت مصادر مقربة من رئيس الوزراء مصطفى الكاظمي، أنه سيحمل معه خلال زيارته لأمريكا، خريطة لانتشار المليشيات المسلحة المدعومة من إيران التي تربك الوضع الأمني في العراق.';
  t.same(extractQuotes(lead, 'ar', [{ ...KADHIMI, names: { ar: 'مصطفى الكاظمي' }, count: 1 }]), [{
    text: 'سيحمل معه خلال زيارته لأمريكا، خريطة لانتشار المليشيات المسلحة المدعومة من إيران التي تربك الوضع الأمني في العراق',
    by: 'مصادر مقربة من رئيس الوزراء مصطفى الكاظمي',
    indirect: true,
    unnamed: true,
  }], 'not Kadhimi: the sources are close to him; what follows أنه is what they reported');
  const next = `${lead}\nوأضافت المصادر أن طهران مستعدة للتخلي تدريجيا عن الفصائل التي تعمل خارج سلطة الدولة.\nوأضاف أن واشنطن ستقدم دعما للقوات العراقية في مجال التدريب.`;
  t.same(extractQuotes(next, 'ar').map((q) => [q.by, q.unnamed, q.speaker]), [
    ['مصادر مقربة من رئيس الوزراء مصطفى الكاظمي', true, undefined],
    ['المصادر', true, undefined],
    ['المصادر', true, undefined],
  ], '«وأضافت المصادر» is unnamed too, and «وأضاف» after it inherits it, unnamed');
});

t.test('unnamed sources, direct and reported, in every language read: no speaker, `by` as written', async (t) => {
  const unnamed: Array<[string, string, string]> = [
    ['ar', 'وذكرت مصادر أن الحكومة ستعلن عن التشكيلة الوزارية الجديدة خلال أيام.', 'مصادر'],
    ['ar', 'وأفاد مصدر أمني في محافظة ديالى بأن مسلحين مجهولين هاجموا نقطة تفتيش للجيش ليلة أمس.', 'مصدر أمني في محافظة ديالى'],
    ['ar', 'وقال مسؤول في وزارة النفط إن الصادرات ستعود إلى مستواها السابق خلال أسبوعين.', 'مسؤول في وزارة النفط'],
    ['ar', 'وقال أحد المسؤولين إن الصادرات ستعود إلى مستواها السابق خلال أسبوعين.', 'أحد المسؤولين'],
    // Where he said it is no part of who he is; a member with a relation after it is unnamed.
    ['ar', 'وقال مسؤول في مؤتمر صحفي إن الصادرات ستعود إلى مستواها السابق خلال أسبوعين.', 'مسؤول'],
    ['ar', 'وقال عضو في لجنة النفط والطاقة النيابية إن الصادرات ستعود إلى مستواها السابق خلال أسبوعين.', 'عضو في لجنة النفط والطاقة النيابية'],
    ['ar', 'وقالت نائبة عن محافظة نينوى إن الصادرات ستعود إلى مستواها السابق خلال أسبوعين.', 'نائبة عن محافظة نينوى'],
    // What the body is of («لجنة حسن الجوار») and a time after it («صباح اليوم») are no name.
    ['ar', 'وقال عضو في لجنة حسن الجوار إن الوفد التركي سيصل إلى أربيل نهاية الشهر لبحث ملف المياه.', 'عضو في لجنة حسن الجوار'],
    ['ar', 'وقال عضو في لجنة النفط والطاقة النيابية صباح اليوم إن الصادرات ستعود إلى مستواها السابق خلال أسبوعين.', 'عضو في لجنة النفط والطاقة النيابية'],
    // An aside asking not to be named, its verb a speech verb (ذكر) or not, is no part of who it is.
    ['ar', 'وأكد مسؤول في وزارة النفط، مشترطا عدم ذكر اسمه، أن الصادرات ستعود إلى مستواها السابق خلال أسبوعين.', 'مسؤول في وزارة النفط'],
    ['ar', 'وأكد مسؤول في وزارة النفط، رفض الكشف عن اسمه، أن الصادرات ستعود إلى مستواها السابق خلال أسبوعين.', 'مسؤول في وزارة النفط'],
    ['ar', 'وقال مسؤول في وزارة النفط طلب عدم الكشف عن اسمه إن الصادرات ستعود إلى مستواها السابق خلال أسبوعين.', 'مسؤول في وزارة النفط'],
    ['ar', 'وقال مسؤولون عراقيون إن الحكومة ستطلب تمديد الإعفاء الأمريكي لاستيراد الغاز الإيراني.', 'مسؤولون عراقيون'],
    ['ar', 'وأفادت أوساط سياسية بأن الكتل الكبيرة توصلت إلى اتفاق مبدئي على اسم رئيس الحكومة.', 'أوساط سياسية'],
    ['ar', 'وقال مقربون من زعيم تحالف الفتح هادي العامري إن التحالف يرفض أي تمديد لبقاء القوات الأجنبية.', 'مقربون من زعيم تحالف الفتح هادي العامري'],
    ['ar', 'غير أن مسؤولين في وزارة الكهرباء قالوا إن التمويل لا يغطي سوى نصف الاحتياجات الفعلية.', 'مسؤولين في وزارة الكهرباء'],
    ['ar', 'وبحسب مصدر أمني فإن "القوات اعتقلت خمسة مطلوبين في عملية نوعية جنوب كركوك".', 'مصدر أمني'],
    ['ar', 'وقال مصدر حكومي، فضل عدم الكشف عن اسمه، إن "الاتفاق سيوقع في بغداد الشهر المقبل".', 'مصدر حكومي'],
    ['en', 'Two Iraqi officials said that the prime minister would raise the issue of armed factions in Washington.', 'Two Iraqi officials'],
    ['en', 'Sources close to Prime Minister Mustafa al-Kadhimi said that he would raise the issue of armed factions.', 'Sources close to Prime Minister Mustafa al-Kadhimi'],
    ['en', 'A person familiar with the talks said that the agenda also included electricity imports from Iran.', 'A person familiar with the talks'],
    ['en', 'Officials, who asked not to be named, said that the agenda also included electricity imports from Iran.', 'Officials'],
    ['en', 'A farmer in Basra, who asked not to be named, said: "The salt water has killed every palm tree my grandfather planted."', 'A farmer in Basra'],
    ['en', '"There is no shortage of foreign currency in the market," a senior bank official told reporters.', 'a senior bank official'],
    ['fr', "Des proches du Premier ministre ont indiqué qu'aucune date n'avait encore été fixée pour la rencontre.", 'Des proches du Premier ministre'],
    ['fr', "Selon un responsable du ministère de la Santé, « les hôpitaux du sud manquent d'oxygène depuis le début de l'été ».", 'un responsable du ministère de la Santé'],
    ['es', 'Fuentes cercanas al Gobierno iraquí dijeron que la visita se celebrará en junio próximo.', 'Fuentes cercanas al Gobierno iraquí'],
    ['de', 'Eine Quelle im Ministerium sagte, dass die Gespräche in der kommenden Woche fortgesetzt würden.', 'Eine Quelle im Ministerium'],
    ['ru', 'Источник в правительстве заявил, что переговоры продолжатся на следующей неделе в Багдаде.', 'Источник в правительстве'],
    ['fa', 'یک منبع آگاه گفت که مذاکرات هفته آینده در بغداد ادامه خواهد یافت.', 'یک منبع آگاه'],
    ['tr', 'Bir yetkili, "Irak ile müzakereler önümüzdeki hafta Bağdat\'ta devam edecek" dedi.', 'Bir yetkili'],
  ];
  for (const [lang, text, by] of unnamed) {
    const q = extractQuotes(text, lang);
    t.same(q.map((x) => [x.by, x.unnamed, x.speaker]), [[by, true, undefined]], `${lang}: ${by}`);
  }
});

t.test('a named source is not unnamed: a person in apposition, a role speaking on record, a title before a name', async (t) => {
  const named: Array<[string, string]> = [
    ['en', 'An official, Ahmed Moussa, said that the talks would resume in Baghdad next week.'],
    ['en', 'The official Iraqi News Agency said that the talks would resume in Baghdad next week.'],
    ['en', 'A spokesman for the ministry said that the talks would resume in Baghdad next week.'],
    ['ar', 'وقال المتحدث باسم الحكومة، باسم العوادي، إن مجلس الوزراء وافق على تمويل مشاريع الكهرباء.'],
    ['ar', 'وقال المتحدث باسم وزارة الخارجية إن "الوفد سيضم وزراء النفط والكهرباء والصحة".'],
    // A member in construct with the body, a name after it (Arabic names have no capital to tell them by).
    ['ar', 'وقال عضو لجنة النفط والطاقة النيابية علي الساعدي إن الصادرات ستعود إلى مستواها السابق خلال أسبوعين.'],
    ['de', 'Ein Sprecher, Martin Schäfer, sagte, dass die Gespräche in der kommenden Woche fortgesetzt würden.'],
  ];
  for (const [lang, text] of named) {
    const q = extractQuotes(text, lang);
    t.equal(q.length, 1, text);
    t.equal(q[0]?.unnamed, undefined, text);
  }
  // A member whose name follows his relation, with no comma or in apposition, or a definite
  // «النائب عن …» with his name: named, `by` running on to the name.
  for (const [text, by] of [
    ['وقال عضو في لجنة النفط والطاقة النيابية علي الساعدي إن الصادرات ستعود إلى مستواها السابق خلال أسبوعين.', 'عضو في لجنة النفط والطاقة النيابية علي الساعدي'],
    ['وقال عضو في لجنة النفط والطاقة النيابية، علي الساعدي، إن الصادرات ستعود إلى مستواها السابق خلال أسبوعين.', 'عضو في لجنة النفط والطاقة النيابية، علي الساعدي'],
    ['وأكدت النائبة عن محافظة ذي قار ليلى الحسناوي أن المستشفيات تعاني نقصا حادا في أدوية الأمراض المزمنة.', 'النائبة عن محافظة ذي قار ليلى الحسناوي'],
    ['وقال عضو في لجنة النفط والطاقة النيابية علي الساعدي: "الصادرات ستعود إلى مستواها السابق خلال أسبوعين".', 'عضو في لجنة النفط والطاقة النيابية علي الساعدي'],
  ] as const) {
    t.same(extractQuotes(text, 'ar').map((q) => [q.by, q.unnamed]), [[by, undefined]], by);
  }
  t.same(extractQuotes('وقال مسؤول ملف الطاقة فؤاد حسين إن العراق سيوقع اتفاقا جديدا مع تركيا لاستيراد الكهرباء.', 'ar')[0]?.speaker, FUAD_HUSSEIN,
    'a person the gazetteer knows right after the head is named');
});

// Reported speech without a complementizer: English "said" with no "that", and sources ("according to", بحسب, selon).

const CBI = { id: 'central-bank-of-iraq', name: 'Central Bank of Iraq', type: 'org' } as const;

t.test('English reported speech without "that": said, says, told + what it takes, added, through an adjunct; a clause must begin there', async (t) => {
  t.same(extractQuotes('Fuad Hussein said on Tuesday Iraq would not become a battleground for anyone.', 'en'), [
    { text: 'Iraq would not become a battleground for anyone', by: 'Fuad Hussein', speaker: FUAD_HUSSEIN, indirect: true },
  ], 'a name and "would" after "on Tuesday"');
  t.same(extractQuotes('Officials said at least 12 people were killed when a car bomb exploded near a market in Kirkuk.', 'en'), [
    { text: 'at least 12 people were killed when a car bomb exploded near a market in Kirkuk', by: 'Officials', indirect: true, unnamed: true },
  ], 'a number, "at least" before it; officials not named');
  t.same(extractQuotes('The Central Bank of Iraq said in a statement the dinar would remain stable against the dollar.', 'en'), [
    { text: 'the dinar would remain stable against the dollar', by: 'The Central Bank of Iraq', speaker: CBI, indirect: true },
  ], '"in a statement" is no part of it');
  t.same(extractQuotes('Kadhimi told reporters in Washington his forces could secure the country on their own.', 'en'), [
    { text: 'his forces could secure the country on their own', by: 'Kadhimi', speaker: KADHIMI, indirect: true },
  ], '"told reporters", then a place');
  t.same(extractQuotes('Hussein told Reuters late on Monday there was no plan to close the Turkish consulate in Mosul.', 'en').map((q) => q.text), ['there was no plan to close the Turkish consulate in Mosul'],
    '"told Reuters late on Monday", then "there was"');
  t.same(extractQuotes('A person familiar with the talks said the agenda also included electricity imports from Iran.', 'en'), [
    { text: 'the agenda also included electricity imports from Iran', by: 'A person familiar with the talks', indirect: true, unnamed: true },
  ], '"also" and a verb in -ed');
  t.same(extractQuotes('He added Baghdad expected Ankara to withdraw its troops before the end of the year.', 'en'), [
    { text: 'Baghdad expected Ankara to withdraw its troops before the end of the year', indirect: true },
  ], 'a name, a verb in -ed, its object; "he" alone names no one');
  t.same(extractQuotes('Economists in Baghdad say inflation is likely to ease once the new tariffs take effect.', 'en').map((q) => [q.by, q.text]), [
    ['Economists in Baghdad', 'inflation is likely to ease once the new tariffs take effect'],
  ], 'a noun alone and "is"');
  t.same(extractQuotes('The minister said early elections would be held before the end of next year.', 'en').map((q) => q.text), ['early elections would be held before the end of next year'],
    '"early" before a noun is no adjunct');
});

t.test('what "said" with no "that" does not report: goodbye, a prayer, "is said to be", "the said agreement", "as he said", a name, nothing after it', async (t) => {
  const none: Array<[string, string]> = [
    ['The outgoing minister smiled as he said goodbye to his staff on Friday after eleven years in office.', 'said goodbye'],
    ['The imam of the Abu Hanifa mosque said a prayer for the victims of the bombing in Adhamiya.', 'said a prayer: an object, no verb after it'],
    ['The new law is said to be the toughest in the region by far.', 'is said to be'],
    ['The said agreement was signed in 2019 by the two governments in Baghdad.', 'the said agreement'],
    ['As he said, the budget will be late this year because of the oil price collapse.', 'as he said, after a comma'],
    ['Iranian negotiator Said Jalili will travel to Vienna next week for the talks.', 'Said with a capital: a name'],
    ['He said nothing about the deal that was signed in Ankara last week.', 'said nothing'],
    ['He told him the deal was off and the money would not be paid back.', '"told him": not what "told" is read with'],
    ['The governor said the flooding, which began on Sunday, had displaced hundreds of families.', 'a comma before the verb: not read'],
    ['Witnesses said gunmen opened fire on the convoy before fleeing toward the desert.', 'a verb in -ed after a noun: not read, by decision'],
    ['The company added 500 jobs last year as demand for cement grew in the south.', 'added: an object'],
    ['Those who said the vote was rigged were arrested by the security forces.', 'a relative clause'],
  ];
  for (const [text, why] of none) t.same(extractQuotes(text, 'en'), [], why);
  t.same(extractQuotes('"We will find those responsible and bring them to justice," the interior ministry said in a statement.', 'en').map((q) => q.indirect), [undefined],
    '"said in a statement." with nothing after it: the quotation only');
  t.same(extractQuotes('"The investigation is still going on in Kirkuk," he said. The minister said.', 'en').map((q) => q.indirect), [undefined], '"he said." at the end');
});

t.test('a source phrase with no complementizer: «بحسب …،», «وفقا ل…،», "According to …,", selon, según, laut, по словам — and after what it reports', async (t) => {
  t.same(extractQuotes('وبحسب وزارة الصحة، فقد ارتفعت حصيلة المصابين في انفجار السوق الشعبي إلى أربعين جريحا.', 'ar'), [
    { text: 'ارتفعت حصيلة المصابين في انفجار السوق الشعبي إلى أربعين جريحا', by: 'وزارة الصحة', indirect: true },
  ], 'فقد after the comma is dropped');
  t.same(extractQuotes('ووفقا لمصادر أمنية، قتل ثلاثة من عناصر الشرطة في هجوم مسلح استهدف نقطة تفتيش قرب بعقوبة.', 'ar'), [
    { text: 'قتل ثلاثة من عناصر الشرطة في هجوم مسلح استهدف نقطة تفتيش قرب بعقوبة', by: 'مصادر أمنية', indirect: true, unnamed: true },
  ], 'وفقا ل: the ل off the source, which is unnamed');
  t.same(extractQuotes('وأصيب خمسة مدنيين بجروح في انفجار عبوة ناسفة جنوب كركوك، بحسب ما أفاد مصدر في الشرطة المحلية.', 'ar'), [
    { text: 'وأصيب خمسة مدنيين بجروح في انفجار عبوة ناسفة جنوب كركوك', by: 'مصدر', indirect: true, unnamed: true },
  ], 'after what it reports, «بحسب ما أفاد»');
  t.same(extractQuotes('وتوصلت الكتل السياسية إلى اتفاق مبدئي على تقاسم المناصب في نينوى، حسبما ذكرت مصادر مطلعة.', 'ar').map((q) => [q.by, q.unnamed]), [['مصادر مطلعة', true]], 'حسبما');
  t.same(extractQuotes('According to the health ministry, at least 40 people were wounded in the blast at a market in Sadr City.', 'en'), [
    { text: 'at least 40 people were wounded in the blast at a market in Sadr City', by: 'the health ministry', indirect: true },
  ]);
  t.same(extractQuotes('The death toll could rise further, according to medical sources at the Imam Ali hospital.', 'en'), [
    { text: 'The death toll could rise further', by: 'medical sources', indirect: true, unnamed: true },
  ], 'unnamed: the hospital they are at names no one');
  t.same(extractQuotes('But according to Fuad Hussein, the talks with Ankara will resume in Baghdad next month.', 'en'), [
    { text: 'the talks with Ankara will resume in Baghdad next month', by: 'Fuad Hussein', speaker: FUAD_HUSSEIN, indirect: true },
  ], 'after a conjunction');
  t.same(extractQuotes("Selon le ministère de la Santé, au moins quarante personnes ont été blessées dans l'explosion.", 'fr').map((q) => [q.by, q.text]), [
    ['le ministère de la Santé', "au moins quarante personnes ont été blessées dans l'explosion"],
  ]);
  t.same(extractQuotes("Le bilan pourrait encore s'alourdir dans la soirée, selon des sources médicales.", 'fr').map((q) => [q.by, q.unnamed]), [['des sources médicales', true]]);
  t.same(extractQuotes('Según el Ministerio de Sanidad iraquí, al menos cuarenta personas resultaron heridas en la explosión.', 'es').map((q) => q.by), ['el Ministerio de Sanidad iraquí']);
  t.same(extractQuotes('Laut dem irakischen Gesundheitsministerium wurden mindestens vierzig Menschen verletzt.', 'de').map((q) => [q.by, q.text]), [
    ['dem irakischen Gesundheitsministerium', 'wurden mindestens vierzig Menschen verletzt'],
  ], 'German: the finite verb after the source opens what it reports');
  t.same(extractQuotes('По словам министра, переговоры продолжатся на следующей неделе в Багдаде.', 'ru').map((q) => q.by), ['министра']);
  t.same(extractQuotes("Selon lui, le gouvernement versera les salaires avant la fin du mois prochain.", 'fr'), [
    { text: 'le gouvernement versera les salaires avant la fin du mois prochain', indirect: true },
  ], '"selon lui": a pronoun, which takes the previous speaker');
});

t.test('a source after a statement ends it; a source with a quotation after it leaves it to the quotation', async (t) => {
  t.same(extractQuotes('وقال الوزير إن الهجوم أسفر عن مقتل ثلاثة أشخاص في السوق، بحسب ما نقلت وكالة الأنباء العراقية.', 'ar'), [
    { text: 'الهجوم أسفر عن مقتل ثلاثة أشخاص في السوق', by: 'الوزير', indirect: true },
  ], 'the minister\'s statement, to the source; no second one');
  t.same(extractQuotes('ووفقا لوزارة الصحة، فإن "الوضع الوبائي تحت السيطرة في جميع المحافظات".', 'ar').map((q) => [q.by, q.indirect]), [['وزارة الصحة', undefined]]);
  t.same(extractQuotes('"We will not give up on Mosul," he said, according to the state news agency.', 'en').map((q) => q.indirect), [undefined]);
  t.same(extractQuotes('Five people were killed in the attack on the market, the ministry said, according to AFP.', 'en'), [
    { text: 'Five people were killed in the attack on the market', by: 'the ministry', indirect: true },
  ], 'an attribution before the source: the ministry said it (AFP reports that it did); the source is no second statement');
});

t.test('a source with no comma before it that ends its sentence, and names a source: «… شمال بغداد بحسب مصادر أمنية.»', async (t) => {
  t.same(extractQuotes('وقتل شخصان وأصيب ثلاثة آخرون بانفجار عبوة ناسفة في قضاء الطارمية شمال بغداد بحسب مصادر أمنية.', 'ar'), [
    { text: 'وقتل شخصان وأصيب ثلاثة آخرون بانفجار عبوة ناسفة في قضاء الطارمية شمال بغداد', by: 'مصادر أمنية', indirect: true, unnamed: true },
  ]);
  t.same(extractQuotes('وبلغت نسبة المشاركة في الانتخابات أربعين في المئة بحسب المفوضية العليا المستقلة للانتخابات.', 'ar').map((q) => q.speaker?.id), ['ihec'], 'a body the gazetteer knows');
  t.same(extractQuotes('At least 12 people were killed in the blast near the market according to police.', 'en').map((q) => q.by), ['police']);
});

t.test('what a source phrase does not report: what names no one, a phrase inside its sentence', async (t) => {
  const none: Array<[string, string, string]> = [
    ['ar', 'ووفقا للدستور، يتعين على البرلمان انتخاب رئيس الجمهورية خلال ثلاثين يوما من انعقاد جلسته الأولى.', 'the constitution'],
    ['ar', 'وحسب الجدول الزمني الذي أعدته المفوضية، ستعلن النتائج النهائية مطلع الشهر المقبل.', 'a timetable'],
    ['ar', 'ولا تقتصر الأزمة على الكهرباء فحسب، بل تمتد إلى شح المياه في محافظات الجنوب.', 'فحسب: "only"'],
    ['ar', 'وتوزع المساعدات على العائلات النازحة في المخيمات حسب الحاجة والأولوية.', 'حسب الحاجة: "as needed"'],
    ['ar', 'وستصرف الرواتب تباعا خلال الشهر الجاري، حسب توفر السيولة في المصارف الحكومية.', 'حسب توفر: "depending on"'],
    ['ar', 'وسيتم توزيع الأراضي السكنية على المستحقين من ذوي الدخل المحدود، وفقا لأحكام القانون النافذ.', 'وفقا لأحكام: "in accordance with"'],
    ['ar', 'وقتل ثلاثة أشخاص وأصيب خمسة آخرون بحسب مصادر طبية في انفجار عبوة ناسفة قرب السوق.', 'no comma before it, and inside its sentence: not read'],
    ['ar', 'وارتفعت الأسعار في الأسواق المحلية خلال الأسبوع الماضي بحسب العرض والطلب.', 'no comma before it, and no one named'],
    ['ar', 'وتشير التقديرات، بحسب الأمم المتحدة، إلى أن نحو مليون شخص نزحوا من منازلهم.', 'a parenthesis before an adjunct (إلى أن): two words before it are no statement'],
    ['en', 'According to the constitution, parliament must elect a new president within 30 days of its first session.', 'the constitution'],
    ['en', 'The vote will take place in October, according to the timetable agreed by the main blocs.', 'a timetable'],
    ['en', 'Fares on the new metro line will vary between two and five dollars, according to distance travelled.', 'according to distance'],
    ['en', 'The deal, worth $2bn according to Reuters, was signed in Baghdad on Monday.', 'inside its sentence'],
    ['fr', 'Selon la loi électorale, chaque candidat doit déposer son dossier avant la fin du mois.', 'la loi'],
    ['fr', "Les températures varient fortement d'une province à l'autre, selon les régions et la saison.", 'selon les régions: "depending on"'],
    ['fr', 'Selon que le Parlement vote ou non le budget, les salaires seront versés en juillet ou en août.', 'selon que'],
    ['es', 'Según el calendario electoral, las listas definitivas se publicarán en septiembre.', 'el calendario'],
    ['de', 'Laut Verfassung muss das Parlament innerhalb von dreißig Tagen einen Präsidenten wählen.', 'die Verfassung'],
    ['de', 'Die Musik war laut, und die Gäste tanzten bis spät in die Nacht im Hotel.', 'laut: "loud"'],
  ];
  for (const [lang, text, why] of none) t.same(extractQuotes(text, lang), [], `${lang}: ${why}`);
});

t.test('a longer adjunct when it is the occasion of the statement («خلال مؤتمر صحفي …», «في تصريح …»); not the verb\'s object and a condition', async (t) => {
  t.same(extractQuotes('وقال وزير الخارجية فؤاد حسين خلال مؤتمر صحفي مشترك مع نظيره التركي في أنقرة يوم الثلاثاء إن البلدين اتفقا على تشكيل لجنة فنية دائمة لإدارة ملف المياه.', 'ar'), [
    { text: 'البلدين اتفقا على تشكيل لجنة فنية دائمة لإدارة ملف المياه', by: 'وزير الخارجية فؤاد حسين', speaker: FUAD_HUSSEIN, indirect: true },
  ], 'eleven words between the speaker and إن');
  t.same(extractQuotes('وأوضح المتحدث باسم وزارة الموارد المائية في تصريح لوكالة الأنباء العراقية على هامش جولة ميدانية في سدة الكوت أن الإطلاقات المائية ستزداد تدريجيا خلال الأسبوع المقبل.', 'ar').map((q) => q.by), ['المتحدث باسم وزارة الموارد المائية'],
    'twelve');
  t.same(extractQuotes('وأعلن الوزير خلال مؤتمر صحفي عقده في بغداد بحضور عدد من المسؤولين والنواب والسفراء افتتاح المعرض، على أن يستمر المعرض أسبوعا كاملا في بغداد.', 'ar'), [],
    'past eight words a comma: the object, then a condition («على أن …»)');
});

// The attribution after what was said ("…, police said."), parenthetical attributions, a body called by its head alone.

t.test('an attribution after what was said: the clause before its comma, from the sentence start, is the statement', async (t) => {
  t.same(extractQuotes('Security, energy and the economy will top the agenda when the two leaders meet on Thursday, the US embassy said.', 'en'), [
    { text: 'Security, energy and the economy will top the agenda when the two leaders meet on Thursday', by: 'the US embassy', indirect: true },
  ], 'a list is the subject of the statement, not cut at its commas');
  t.same(extractQuotes('At least 12 people were killed and 30 wounded in the blast, police said on Tuesday.', 'en'), [
    { text: 'At least 12 people were killed and 30 wounded in the blast', by: 'police', indirect: true },
  ], '"on Tuesday" after the verb');
  t.same(extractQuotes('The talks will resume in Washington on Sunday, a government spokesman told AFP.', 'en'), [
    { text: 'The talks will resume in Washington on Sunday', by: 'a government spokesman', indirect: true },
  ], '"told AFP"; a spokesman speaks on record');
  t.same(extractQuotes('At least 12 people were killed in the attack, officials said in a statement.', 'en').map((q) => [q.by, q.unnamed]), [['officials', true]], 'unnamed as before the verb');
  t.same(extractQuotes('Power cuts in Basra will ease once the new turbines come online in June, said Ahmed Moussa, a spokesman for the electricity ministry.', 'en'), [
    { text: 'Power cuts in Basra will ease once the new turbines come online in June', by: 'Ahmed Moussa', indirect: true },
  ], 'the speaker after the verb; his apposition is no statement');
  t.same(extractQuotes('Gunmen opened fire on a minibus carrying pilgrims near Samarra, killing four people, police said.', 'en').map((q) => q.text), [
    'Gunmen opened fire on a minibus carrying pilgrims near Samarra, killing four people',
  ]);
  t.same(extractQuotes('وقتل ثلاثة من عناصر الشرطة بهجوم على نقطة تفتيش قرب خانقين، قال مصدر أمني.', 'ar'), [
    { text: 'وقتل ثلاثة من عناصر الشرطة بهجوم على نقطة تفتيش قرب خانقين', by: 'مصدر أمني', indirect: true, unnamed: true },
  ]);
  t.same(extractQuotes('وارتفعت حصيلة ضحايا الحريق إلى ثمانية عشر قتيلا، قالت وزارة الصحة في بيان اليوم الاثنين.', 'ar'), [
    { text: 'وارتفعت حصيلة ضحايا الحريق إلى ثمانية عشر قتيلا', by: 'وزارة الصحة', indirect: true },
  ], '«في بيان اليوم الاثنين» after the attribution');
  t.same(extractQuotes('وقتل جنديان في هجوم قرب الموصل، قال مصدر عسكري، مضيفا أن القوات طوقت المكان.', 'ar').map((q) => [q.text, q.by]), [
    ['وقتل جنديان في هجوم قرب الموصل', 'مصدر عسكري'],
    ['القوات طوقت المكان', 'مصدر عسكري'],
  ], 'the participle after it is the source\'s, not part of the statement: a statement of its own, whole to its full stop');
  t.same(extractQuotes('وستستأنف جولة الحوار الاستراتيجي بين بغداد وواشنطن مطلع الشهر المقبل، حسبما قال المتحدث باسم وزارة الخارجية.', 'ar').map((q) => q.by), ['المتحدث باسم وزارة الخارجية'],
    'بين is "between" here, no verb of the statement');
  t.same(extractQuotes("Au moins sept civils ont été tués dans une frappe de drone près de Sinjar, a indiqué un responsable local.", 'fr'), [
    { text: 'Au moins sept civils ont été tués dans une frappe de drone près de Sinjar', by: 'un responsable local', indirect: true, unnamed: true },
  ]);
  t.same(extractQuotes('Les négociations reprendront dimanche à Bagdad, a indiqué mardi le ministre des Affaires étrangères.', 'fr').map((q) => q.by), ['le ministre des Affaires étrangères'],
    'a time word between the verb and the speaker');
  t.same(extractQuotes('Las conversaciones se reanudarán el próximo mes, dijo el ministro iraquí de Recursos Hídricos.', 'es'), [
    { text: 'Las conversaciones se reanudarán el próximo mes', by: 'el ministro iraquí de Recursos Hídricos', indirect: true },
  ]);
  t.same(extractQuotes('Die Gespräche sollen am Sonntag in Washington fortgesetzt werden, sagte ein Regierungssprecher in Bagdad.', 'de').map((q) => [q.text, q.by]), [
    ['Die Gespräche sollen am Sonntag in Washington fortgesetzt werden', 'ein Regierungssprecher'],
  ]);
  t.same(extractQuotes('Переговоры возобновятся в воскресенье в Багдаде, заявил министр.', 'ru').map((q) => q.by), ['министр']);
  const story = 'Finance Minister Ali Allawi said the salaries would be paid before the holiday.\nOil revenues had recovered since the spring, he said.\nLes négociations reprendront dimanche à Bagdad, a-t-il ajouté.';
  t.same(extractQuotes(story, 'und').map((q) => [q.text, q.speaker?.id]), [
    ['the salaries would be paid before the holiday', 'ali-allawi'],
    ['Oil revenues had recovered since the spring', 'ali-allawi'],
    ['Les négociations reprendront dimanche à Bagdad', 'ali-allawi'],
  ], '"he said", «a-t-il ajouté»: a pronoun, the previous speaker');
});

t.test('what an attribution after a comma does not read', async (t) => {
  const none: Array<[string, string, string]> = [
    ['en', 'The economy is recovering from the shock of the pandemic, as the minister said.', '"as the minister said"'],
    ['en', 'Prices of rice and sugar rose sharply in the markets of Baghdad last week, and the ministry said.', '"and" before the subject'],
    ['en', 'Speaking to reporters after the cabinet meeting in Baghdad, the minister said in a statement.', 'a participle\'s phrase alone before the comma'],
    ['en', 'The new port, said to be the largest in the region, will open next year in Basra.', '"said to be"'],
    ['en', 'The deal was signed in Baghdad on Monday, he told the families of the victims.', '"told" and an object it is not read with'],
    ['en', 'The minister thanked the soldiers, the police and the volunteers who said they would stay.', 'a relative clause'],
    ['ar', 'وارتفع منسوب المياه في نهر دجلة مع بداية موسم الأمطار، كما قال الوزير.', '«كما قال»: "as … said"'],
    ['ar', 'وقتل ثلاثة أشخاص في انفجار عبوة ناسفة جنوب بغداد، وقال مصدر أمني.', 'a verb with و glued to it opens a clause of its own'],
    ['ar', 'وبعد انتهاء جلسة طويلة خصصت لمناقشة قانون الموازنة العامة، أعلن رئيس البرلمان رفع الجلسة إلى إشعار آخر.', 'أعلن takes an object; and an adjunct alone before the comma'],
    ['ar', 'وبعد انتهاء جلسة طويلة خصصت لمناقشة قانون الموازنة العامة، قال رئيس البرلمان في كلمته.', 'an adjunct alone before the comma'],
    ['fr', 'Les négociations reprendront, a indiqué le ministre.', 'two words: no statement'],
  ];
  for (const [lang, text, why] of none) t.same(extractQuotes(text, lang), [], `${lang}: ${why}`);
  t.same(extractQuotes('"We will not let the armed factions drag Iraq into a war," the prime minister said before leaving for Tehran.', 'en'), [
    { text: 'We will not let the armed factions drag Iraq into a war', by: 'the prime minister' },
  ], 'a quotation in marks is read once, as a quotation');
  t.same(extractQuotes('«الحكومة لن تتراجع عن قراراتها مهما كانت الضغوط»، قال الوزير.', 'ar').map((q) => q.indirect), [undefined], 'in Arabic too');
  t.same(extractQuotes('The minister called the agreement "historic" and promised more investment in the south, the embassy said.', 'en'), [
    { text: 'The minister called the agreement "historic" and promised more investment in the south', by: 'the embassy', indirect: true },
  ], 'a scare quote in what it reports is carried with it (a quotation there is read as one, above)');
  t.same(extractQuotes('The minister said the talks would resume on Sunday, officials said.', 'en'), [
    { text: 'the talks would resume on Sunday', by: 'The minister', indirect: true },
  ], 'a statement before the attribution is someone\'s already: the attribution ends it, and is no second statement');
});

t.test('a parenthetical attribution: what comes before it, joined to what follows when that goes on with the clause', async (t) => {
  t.same(extractQuotes('The new power station in Basra, officials said, will add 1,500 megawatts to the national grid before the summer.', 'en'), [
    { text: 'The new power station in Basra will add 1,500 megawatts to the national grid before the summer', by: 'officials', indirect: true, unnamed: true },
  ]);
  t.same(extractQuotes('Security forces, according to witnesses, opened fire on the protesters in Tahrir Square.', 'en'), [
    { text: 'Security forces opened fire on the protesters in Tahrir Square', by: 'witnesses', indirect: true },
  ]);
  t.same(extractQuotes("Iraqi Prime Minister Mustafa al-Kadhimi will carry a detailed map of Iran-backed armed factions to Washington, according to people close to him, ahead of Thursday's meeting with President Donald Trump.", 'en'), [
    { text: 'Iraqi Prime Minister Mustafa al-Kadhimi will carry a detailed map of Iran-backed armed factions to Washington', by: 'people close to him', indirect: true, unnamed: true },
  ], 'an adjunct after it ("ahead of …") is left out; the source is unnamed, and not al-Kadhimi');
  t.same(extractQuotes("Le Premier ministre présentera, selon ses proches, une carte détaillée des milices armées soutenues par l'Iran.", 'fr'), [
    { text: "Le Premier ministre présentera une carte détaillée des milices armées soutenues par l'Iran", by: 'ses proches', indirect: true, unnamed: true },
  ]);
  t.same(extractQuotes('وسيحمل رئيس الوزراء إلى واشنطن، بحسب مقربين منه، ملفا كاملا عن الفصائل المسلحة.', 'ar'), [
    { text: 'وسيحمل رئيس الوزراء إلى واشنطن ملفا كاملا عن الفصائل المسلحة', by: 'مقربين منه', indirect: true, unnamed: true },
  ]);
  t.same(extractQuotes('At least 12 people were killed, police said, without giving details.', 'en').map((q) => q.text), ['At least 12 people were killed'], 'what the source adds is not joined');
  t.same(extractQuotes('Oil revenues had recovered since the spring, the minister said, but the deficit remained large.', 'en').map((q) => q.text), ['Oil revenues had recovered since the spring'],
    'nor a conjunction\'s clause');
  t.same(extractQuotes('Oil revenues rose by a third in the first quarter, the finance minister said, according to state media.', 'en').map((q) => [q.text, q.by]), [
    ['Oil revenues rose by a third in the first quarter', 'the finance minister'],
  ], 'nor a second attribution');
  t.same(extractQuotes("All grandstand tickets for next month's Grand Prix have sold out, the circuit said on Friday, the earliest the race has sold out since 2004.", 'en').map((q) => q.text), [
    "All grandstand tickets for next month's Grand Prix have sold out",
  ], 'nor, after a statement, a noun phrase: the writer\'s aside');
});

t.test('an attribution that is a body\'s head alone is the body the article named in full before it', async (t) => {
  t.same(extractQuotes('حددت السفارة الأمريكية في بغداد أبرز الملفات التي سيبحثها الرئيس ترامب مع رئيس الوزراء العراقي.\nوقالت السفارة في بيان إن الحوار الاستراتيجي سيتناول أيضا دعم الاقتصاد العراقي.', 'ar'), [
    { text: 'الحوار الاستراتيجي سيتناول أيضا دعم الاقتصاد العراقي', by: 'السفارة الأمريكية في بغداد', indirect: true },
  ], '«السفارة» is «السفارة الأمريكية في بغداد», as the article wrote it');
  t.same(extractQuotes('أعلنت وزارة الصحة العراقية تسجيل أكثر من ثلاثة آلاف إصابة جديدة. وأشارت الوزارة إلى أن المستشفيات في عدد من المحافظات تعاني ضغطا متزايدا.', 'ar').map((q) => q.by), ['وزارة الصحة العراقية']);
  t.same(extractQuotes('رفعت شركة تسويق النفط العراقية سعر البيع لخام البصرة.\nوأوضحت الشركة أن الطلب على الخام العراقي في الأسواق الآسيوية ما زال قويا.', 'ar')[0], {
    text: 'الطلب على الخام العراقي في الأسواق الآسيوية ما زال قويا', by: 'شركة تسويق النفط العراقية', speaker: { id: 'somo', name: 'State Organization for Marketing of Oil', type: 'org' }, indirect: true,
  }, 'a name the gazetteer knows is the speaker');
  t.same(extractQuotes('The US embassy in Baghdad published a list of the issues.\nSecurity and energy cooperation will top the agenda, the embassy said in a statement.', 'en').map((q) => q.by), ['The US embassy in Baghdad']);
  t.same(extractQuotes("Iraq's oil ministry raised its export target. The ministry said exports would reach four million barrels a day.", 'en').map((q) => q.by), ["Iraq's oil ministry"]);
  t.same(extractQuotes('Visitor numbers rose by half, according to the Petra Development and Tourism Region Authority.\nThe authority said it would limit the number of visitors at peak times.', 'en').map((q) => q.by), [
    'the Petra Development and Tourism Region Authority', 'the Petra Development and Tourism Region Authority',
  ], '"and" between words with a capital is part of the name');
  t.same(extractQuotes("L'ambassade des États-Unis à Bagdad a publié la liste des dossiers. Selon l'ambassade, la sécurité et l'énergie figurent en tête de l'ordre du jour.", 'fr').map((q) => q.by), ["L'ambassade des États-Unis à Bagdad"]);
  t.same(extractQuotes('أعلنت وزارة الصحة تسجيل إصابات جديدة. وأعلنت وزارة الصحة العراقية أرقاما أخرى. وقالت الوزارة إن المستشفيات ممتلئة في بغداد والبصرة.', 'ar').map((q) => q.by), ['وزارة الصحة العراقية'],
    'a shorter mention of the same body is the same body');
  const kept: Array<[string, string, string, string]> = [
    ['ar', 'واتفقت وزارة الكهرباء مع وزارة النفط على زيادة كميات الوقود.\nوقالت الوزارة في بيان إن ساعات التجهيز ستتحسن في البصرة خلال أيام.', 'الوزارة', 'two ministries: which one is not guessed'],
    ['ar', 'وقالت الوزارة إن ساعات التجهيز ستتحسن في البصرة خلال أيام.\nوكانت وزارة الكهرباء قد وعدت بذلك.', 'الوزارة', 'a body named after the statement is no antecedent'],
    ['en', 'The health ministry and the interior ministry set up a joint committee.\nThe ministry said the committee would report its findings within a week.', 'The ministry', 'two ministries'],
    ['en', 'The ministry said the committee would report its findings within a week.', 'The ministry', 'none named'],
  ];
  for (const [lang, text, by, why] of kept) t.same(extractQuotes(text, lang).map((q) => q.by), [by], `${lang}: ${why}`);
});

t.test('"a member of the committee", «un membre du comité», "an OPEC+ delegate" are unnamed sources; a member named is not', async (t) => {
  t.same(extractQuotes('"We are paying today\'s salaries with tomorrow\'s oil," a member of the committee said.', 'en'), [
    { text: "We are paying today's salaries with tomorrow's oil", by: 'a member of the committee', unnamed: true },
  ]);
  t.same(extractQuotes('« Nous ne partirons pas tant que nos demandes ne seront pas satisfaites », a déclaré un membre du comité de coordination.', 'fr').map((q) => q.unnamed), [true]);
  t.same(extractQuotes('Most members want to start returning volumes next month, an OPEC+ delegate said on Tuesday.', 'en').map((q) => [q.by, q.unnamed]), [['an OPEC+ delegate', true]]);
  t.same(extractQuotes('Rana Haddad, a member of the finance committee, said the budget would not be passed before the end of next month.', 'en').map((q) => [q.by, q.unnamed ?? false]), [['Rana Haddad', false]], 'the member is named');
});

t.test('an office-holder by the office alone («الوزير», "the minister") is the one the article named before, by name when it gave one', async (t) => {
  t.same(extractQuotes('قال وزير الكهرباء العراقي إن الاتفاقات مع الشركات الأمريكية ستوقع خلال الزيارة المقبلة.\nوأوضح الوزير أن العمل في محطات البصرة سيبدأ مطلع العام المقبل.', 'ar').map((q) => q.by), ['وزير الكهرباء العراقي', 'وزير الكهرباء العراقي']);
  t.same(extractQuotes('وقال وزير الخارجية فؤاد حسين إن المفاوضات ستستأنف قريبا في بغداد. وأضاف الوزير أن الجولة المقبلة ستتناول ملف القوات الأجنبية.', 'ar')[1], {
    text: 'الجولة المقبلة ستتناول ملف القوات الأجنبية', by: 'وزير الخارجية فؤاد حسين', speaker: FUAD_HUSSEIN, indirect: true,
  }, 'the name after the office is part of it, and the speaker');
  t.same(extractQuotes('Foreign Minister Fuad Hussein said talks with Washington would resume in Baghdad next month. The minister added that the next round would cover foreign troops.', 'en')[1], {
    text: 'the next round would cover foreign troops', by: 'Foreign Minister Fuad Hussein', speaker: FUAD_HUSSEIN, indirect: true,
  });
  t.same(extractQuotes('قال وزير الكهرباء إن العمل سيبدأ قريبا في محطات البصرة الجديدة. وقال وزير النفط إن الصادرات سترتفع الشهر المقبل بشكل كبير. وأوضح الوزير أن الأسعار ستبقى كما هي دون تغيير.', 'ar').map((q) => q.by), [
    'وزير الكهرباء', 'وزير النفط', 'الوزير',
  ], 'two ministers before: which one is not guessed');
});

t.test('what the previous round found: «وفقا لمصادر …، "…"» is unnamed; «على أن» after a verb that does not take it is "provided that"', async (t) => {
  t.same(extractQuotes('ووفقا لمصادر في وزارة الداخلية، "القوات الأمنية ستتسلم الملف الأمني في المنطقة الخضراء مطلع العام المقبل".', 'ar'), [
    { text: 'القوات الأمنية ستتسلم الملف الأمني في المنطقة الخضراء مطلع العام المقبل', by: 'مصادر', unnamed: true },
  ], 'the ل glued to the source is off its head, as in reported speech');
  t.same(extractQuotes('وأعلن الوزير في بيان افتتاح المعرض على أن يستمر أسبوعا كاملا في بغداد.', 'ar'), []);
  t.same(extractQuotes('وشدد الوزير خلال مؤتمر صحفي على أن الحكومة لن تتراجع عن قراراتها.', 'ar').map((q) => q.text), ['الحكومة لن تتراجع عن قراراتها'], 'شدد takes على');
});

// Central Kurdish (Sorani) and Northern Kurdish (Kurmanji), in the manner of Erbil's, Sulaymaniyah's and Duhok's press.

const MASROUR = { id: 'masrour-barzani', name: 'Masrour Barzani', type: 'person' } as const;
const NECHIRVAN = { id: 'nechirvan-barzani', name: 'Nechirvan Barzani', type: 'person' } as const;
const MASOUD = { id: 'masoud-barzani', name: 'Masoud Barzani', type: 'person' } as const;
const known = (id: string) => {
  const e = getEntity(id)!;
  return { id: e.id, type: e.type, name: e.name, names: e.names, count: 1 };
};

t.test('Sorani quotations: « », " " and “ ”, the verb before or after them, the subject before the verb, not where or to whom it was said', async (t) => {
  const story = [
    'سەرۆکی حکومەتی هەرێمی کوردستان مەسرور بارزانی ئەمڕۆ لە کۆبوونەوەی ئەنجومەنی وەزیراندا گوتی: «مووچەی فەرمانبەران پێش جەژن دابەش دەکرێت و هیچ دواکەوتنێک نابێت».',
    'ئەو هەروەها گوتی: "پێویستە بەغدا پابەندی ڕێککەوتنی نەوت بێت و بەشە بودجەی هەرێم بنێرێت".',
    '«هێزەکانی پێشمەرگە ئامادەن بۆ هەر هێرشێک لە سەر سنوورەکانی هەرێمی کوردستان»، وتەبێژی وەزارەتی پێشمەرگە وای ڕاگەیاند.',
  ].join('\n');
  t.same(extractQuotes(story, 'ckb'), [
    { text: 'مووچەی فەرمانبەران پێش جەژن دابەش دەکرێت و هیچ دواکەوتنێک نابێت', by: 'سەرۆکی حکومەتی هەرێمی کوردستان مەسرور بارزانی', speaker: MASROUR },
    { text: 'پێویستە بەغدا پابەندی ڕێککەوتنی نەوت بێت و بەشە بودجەی هەرێم بنێرێت', by: 'سەرۆکی حکومەتی هەرێمی کوردستان مەسرور بارزانی', speaker: MASROUR },
    { text: 'هێزەکانی پێشمەرگە ئامادەن بۆ هەر هێرشێک لە سەر سنوورەکانی هەرێمی کوردستان', by: 'وتەبێژی وەزارەتی پێشمەرگە' },
  ], 'the time and the meeting are not the attribution; «ئەو» ("he") is the speaker before; the verb after the quotation');
  t.same(extractQuotes('نێچیرڤان بارزانی بە ڕووداوی گوت: “هەرێمی کوردستان هەمیشە پشتیوانی لە یەکڕیزیی عێراق دەکات”.', 'ckb'), [
    { text: 'هەرێمی کوردستان هەمیشە پشتیوانی لە یەکڕیزیی عێراق دەکات', by: 'نێچیرڤان بارزانی', speaker: NECHIRVAN },
  ], '“told Rudaw”: the agent clitic on the addressee («ڕووداوی»), the verb bare («گوت»)');
  const twice = [
    'مەسرور بارزانی گوتی: «هیچ لایەنێک ناتوانێت مووچەی فەرمانبەران ڕابگرێت».',
    'هەروەها لە بەشێکی تری لێدوانەکەیدا گوتی: «پێویستە بەغدا پابەندی ڕێککەوتنەکە بێت».',
  ].join('\n');
  t.same(extractQuotes(twice, 'ckb').map((q) => [q.by, q.speaker?.id]), [['مەسرور بارزانی', MASROUR.id], ['مەسرور بارزانی', MASROUR.id]],
    'a verb after an adjunct that opens its clause has no subject of its own: the speaker before');
  t.match(extractQuotes('بارزانی گوتیشی: «کوردستان هەرگیز ناگەڕێتەوە بۆ سەردەمی پێش ڕاپەڕین».', 'ckb', [known('masoud-barzani')])[0], { by: 'بارزانی', speaker: MASOUD },
    'the surname alone is the Barzani the article named');
});

t.test('Sorani reported speech: «… ڕایگەیاند کە …» and the other verbs, a verb with no subject, sources after «بەپێی» and «بە گوتەی»', async (t) => {
  const story = 'وەزارەتی کارەبای هەرێمی کوردستان ڕایگەیاند کە کاتژمێرەکانی کارەبا لە مانگی داهاتوودا زیاد دەکرێن. هەروەها ئاماژەی بەوە کرد کە دوو وێستگەی نوێ لە هەولێر و دهۆک دەخرێنە کار.';
  t.same(extractQuotes(story, 'ckb'), [
    { text: 'کاتژمێرەکانی کارەبا لە مانگی داهاتوودا زیاد دەکرێن', by: 'وەزارەتی کارەبای هەرێمی کوردستان', indirect: true },
    { text: 'دوو وێستگەی نوێ لە هەولێر و دهۆک دەخرێنە کار', by: 'وەزارەتی کارەبای هەرێمی کوردستان', indirect: true },
  ], '«ئاماژەی بەوە کرد کە» with no subject: the ministry again');
  t.same(extractQuotes('سەرۆک مەسعود بارزانی جەختی کردەوە کە ماف و دەستکەوتەکانی گەلی کوردستان ناکرێنە مامەڵە.', 'ckb'), [
    { text: 'ماف و دەستکەوتەکانی گەلی کوردستان ناکرێنە مامەڵە', by: 'سەرۆک مەسعود بارزانی', speaker: MASOUD, indirect: true },
  ]);
  t.same(extractQuotes('بە گوتەی مستەفا کازمی، عێراق نابێتە گۆڕەپانی ململانێی وڵاتانی دراوسێ.', 'ckb'), [
    { text: 'عێراق نابێتە گۆڕەپانی ململانێی وڵاتانی دراوسێ', by: 'مستەفا کازمی', speaker: KADHIMI, indirect: true },
  ]);
  t.same(extractQuotes('سێ کەس لە ڕووداوێکی هاتوچۆدا لە ڕێگای هەولێر - کەرکووک گیانیان لەدەستدا، بەپێی پۆلیسی هاتوچۆی هەولێر.', 'ckb'), [
    { text: 'سێ کەس لە ڕووداوێکی هاتوچۆدا لە ڕێگای هەولێر - کەرکووک گیانیان لەدەستدا', by: 'پۆلیسی هاتوچۆی هەولێر', indirect: true },
  ], 'the source after what it reports');
});

t.test('Sorani unnamed sources: سەرچاوەیەک, سەرچاوەکان, بەرپرسێک — whoever they are close to, with no speaker; «بەرپرسی …» is a role', async (t) => {
  const unnamed: Array<[string, string]> = [
    ['سەرچاوەیەکی نزیک لە سەرۆک وەزیران مستەفا کازمی ڕایگەیاند کە سەردانەکە هەفتەی داهاتوو ئەنجام دەدرێت.', 'سەرچاوەیەکی نزیک لە سەرۆک وەزیران مستەفا کازمی'],
    ['سەرچاوەیەک لە وەزارەتی ناوخۆ بە ڕووداوی گوت کە هێزەکانی ئاسایش دوو گومانلێکراویان دەستگیر کردووە.', 'سەرچاوەیەک لە وەزارەتی ناوخۆ'],
    ['بەرپرسێکی باڵای یەکێتی ئاشکرای کرد کە کۆبوونەوەکە بە بێ ئەنجام کۆتایی هات.', 'بەرپرسێکی باڵای یەکێتی'],
    ['بەپێی سەرچاوەکان، کابینەی نوێی حکومەت پێش کۆتایی ساڵ پێکدەهێنرێت.', 'سەرچاوەکان'],
  ];
  for (const [text, by] of unnamed) t.same(extractQuotes(text, 'ckb').map((q) => [q.by, q.unnamed, q.speaker, q.indirect]), [[by, true, undefined, true]], by);
  t.same(extractQuotes('بەرپرسی پەیوەندییەکانی پارتی گوتی: «ئێمە ئامادەین بۆ هاوپەیمانی لەگەڵ هەموو لایەنەکان».', 'ckb'), [
    { text: 'ئێمە ئامادەین بۆ هاوپەیمانی لەگەڵ هەموو لایەنەکان', by: 'بەرپرسی پەیوەندییەکانی پارتی' },
  ], 'the head of the party\'s relations speaks on record');
});

t.test('what Sorani text says that nobody said: titles and scare quotes, «بەپێی» a law or a decision, other verbs before «کە», a relative, a negation', async (t) => {
  const nothing = [
    'فیلمی «شەوێکی درێژ لە هەڵەبجە» خەڵاتی باشترین فیلمی دۆکیۆمێنتاری وەرگرت.',
    'پەرلەمانتارانی ئۆپۆزیسیۆن پڕۆژەی بودجەکەیان بە "بودجەی بەڵێنەکان" ناوبرد.',
    'بەپێی یاسای هەڵبژاردن، دەنگدان لە سەرانسەری هەرێمی کوردستان لە یەک ڕۆژدا ئەنجام دەدرێت.',
    'بەپێی ئەو بڕیارەی ئەنجومەنی وەزیران، قوتابخانەکان سبەی لە هەموو هەرێمدا دادەخرێن.',
    'چاوەڕوان دەکرێت کە پەرلەمانی کوردستان هەفتەی داهاتوو یاسای بودجە پەسەند بکات.',
    'ئەو ڕاپۆرتەی کە وەزارەت دوێنێ ڕایگەیاند، باس لە زیادبوونی ڕێژەی بێکاری لە هەرێمدا دەکات.',
    'وەزیری سامانە سروشتییەکان نەیگوت کە کەی هەناردەی نەوت دەست پێدەکاتەوە.',
    'ئەوەی وەزیر گوتی، بە هیچ شێوەیەک لەگەڵ ڕاستییەکانی سەر زەوی ناگونجێت.',
  ];
  for (const text of nothing) t.same(extractQuotes(text, 'ckb'), [], text);
});

t.test('Kurmanji quotations: « », " " and “ ”, the verb before or after them, the subject before the verb, not "ji … re" nor "di … de"', async (t) => {
  const story = [
    'Serokê Herêma Kurdistanê Nêçîrvan Barzanî îro li Hewlêrê got: «Em amade ne ku hemû pirsgirêkên bi Bexdayê re bi diyalogê çareser bikin.»',
    '"Em ê rê nedin ku tu alî êrîşî ser sînorên Herêma Kurdistanê bike", Wezîrê Navxwe yê Herêmê ji Kurdistan24ê re got.',
  ].join('\n');
  t.same(extractQuotes(story, 'ku'), [
    { text: 'Em amade ne ku hemû pirsgirêkên bi Bexdayê re bi diyalogê çareser bikin.', by: 'Serokê Herêma Kurdistanê Nêçîrvan Barzanî', speaker: NECHIRVAN },
    { text: 'Em ê rê nedin ku tu alî êrîşî ser sînorên Herêma Kurdistanê bike', by: 'Wezîrê Navxwe yê Herêmê' },
  ], '"îro li Hewlêrê", "ji Kurdistan24ê re" are where and to whom, not who');
  t.same(extractQuotes('Di civîna îro de Mesrûr Barzanî got: “Em ê mûçeyan berî cejnê belav bikin û kes bêpar namîne.”', 'ku').map((q) => [q.by, q.speaker]), [['Mesrûr Barzanî', MASROUR]],
    'an adjunct opening the clause, closed by its postposition, is passed over');
  t.same(extractQuotes('Serok Mesûd Barzanî di peyamekê de got: "Kurdistan dê tu carî qurbaniyên Enfalê ji bîr neke." Wî wiha got: "Ev xak bi xwîna şehîdan hatiye parastin."', 'ku')
    .map((q) => [q.by, q.speaker?.id]), [['Serok Mesûd Barzanî', MASOUD.id], ['Serok Mesûd Barzanî', MASOUD.id]], '"Wî" ("he") is the speaker before');
});

t.test('Kurmanji reported speech: "… ragihand ku …" and the other verbs, a verb with no subject, "li gorî" before and after what it reports', async (t) => {
  const story = 'Serokwezîrê Herêma Kurdistanê Mesrûr Barzanî di civîna Encumena Wezîran de diyar kir ku mûçeyên fermanberan dê berî cejnê bên dabeşkirin. Barzanî herwiha ragihand ku hikûmet dê ji bo cotkarên Herêmê alîkariyeke nû amade bike.';
  t.same(extractQuotes(story, 'ku', [known('masrour-barzani')]), [
    { text: 'mûçeyên fermanberan dê berî cejnê bên dabeşkirin', by: 'Serokwezîrê Herêma Kurdistanê Mesrûr Barzanî', speaker: MASROUR, indirect: true },
    { text: 'hikûmet dê ji bo cotkarên Herêmê alîkariyeke nû amade bike', by: 'Barzanî', speaker: MASROUR, indirect: true },
  ], 'the surname alone is the Barzani the article named');
  const verbs: Array<[string, string]> = [
    ['Parêzgarê Duhokê bal kişand ser wê yekê ku ava vexwarinê ya bajêr ji ber hişkesaliyê kêm bûye.', 'ava vexwarinê ya bajêr ji ber hişkesaliyê kêm bûye'],
    ['Rêveberiya Tenduristiyê ya Duhokê da zanîn ku hejmara tûşbûyên kolerayê gihîştiye 40 kesan.', 'hejmara tûşbûyên kolerayê gihîştiye 40 kesan'],
    ['Wezîrê Perwerdeyê anî ziman ku dibistan dê roja Yekşemê ji nû ve werin vekirin.', 'dibistan dê roja Yekşemê ji nû ve werin vekirin'],
    ['Berdevkê Hikûmetê destnîşan kir ku şandeke nû dê hefteya bê biçe Bexdayê.', 'şandeke nû dê hefteya bê biçe Bexdayê'],
  ];
  for (const [text, said] of verbs) t.same(extractQuotes(text, 'ku').map((q) => [q.text, q.indirect]), [[said, true]], text);
  t.same(extractQuotes('Herwiha ragihand ku karmendên hikûmetê dê roja Yekşemê vegerin ser karê xwe.', 'ku'), [
    { text: 'karmendên hikûmetê dê roja Yekşemê vegerin ser karê xwe', indirect: true },
  ], 'no subject: "he" — the speaker before, none here');
  t.same(extractQuotes('Sê kes di qezayeke trafîkê de li ser riya Duhok-Zaxoyê mirin, li gorî polîsê Duhokê.', 'ku'), [
    { text: 'Sê kes di qezayeke trafîkê de li ser riya Duhok-Zaxoyê mirin', by: 'polîsê Duhokê', indirect: true },
  ]);
});

t.test('Kurmanji unnamed sources: çavkaniyek, çavkaniyan, berpirsek — a source\'s "ji" is its own, an addressee\'s "ji … re" is not; "berpirsê …" is a role', async (t) => {
  const unnamed: Array<[string, string]> = [
    ['Berpirsekî PDKê ji Rûdawê re got ku danûstandinên li ser kabîneya nû dê hefteya bê dest pê bikin.', 'Berpirsekî PDKê'],
    ['Çavkaniyek ji PDKê ji Rûdawê re got ku civîna her du partiyan dê piştî cejnê li Silêmaniyê pêk were.', 'Çavkaniyek ji PDKê'],
    ['Çavkaniyeke nêzîkî YNKê ragihand ku serokê partiyê dê hefteya bê serdana Hewlêrê bike.', 'Çavkaniyeke nêzîkî YNKê'],
    ['Li gorî çavkaniyan, şandeke Hikûmeta Herêma Kurdistanê sibê diçe Bexdayê.', 'çavkaniyan'],
  ];
  for (const [text, by] of unnamed) t.same(extractQuotes(text, 'ku').map((q) => [q.by, q.unnamed, q.speaker, q.indirect]), [[by, true, undefined, true]], by);
  t.same(extractQuotes('Berpirsê Têkiliyên PDKê got ku partî dê bi hemû aliyan re hevdîtinan bike.', 'ku').map((q) => [q.by, q.unnamed]), [['Berpirsê Têkiliyên PDKê', undefined]]);
});

t.test('what Kurmanji text says that nobody said: titles and scare quotes, "li gorî" a law, other verbs before "ku", a relative, a negation, "gotin" the noun', async (t) => {
  const nothing = [
    'Pirtûka «Çîroka Gundekî li Behdînanê» di pêşangeha pirtûkan a Duhokê de hat nasandin.',
    'Hinek parlamenteran ev biryar wek "xeletiyeke mezin" bi nav kir.',
    'Li gorî yasaya hilbijartinan, dengdan dê li seranserê Herêmê di heman rojê de pêk were.',
    'Li gorî Destûra Iraqê, dahatên petrolê yên hemû gelê Iraqê ne.',
    'Tê payîn ku Parlamentoya Kurdistanê hefteya bê budceyê pesend bike.',
    'Wezîrê Samanên Xwezayî negot ku hinardekirina petrolê kengî dê dest pê bike.',
    'Ew tiştê ku wezîr got, bi tu awayî bi rastiya li ser erdê re nagunce.',
    'Gotinên Barzanî yên duh di medyayê de bûn sedema nîqaşeke mezin li Hewlêrê.',
  ];
  for (const text of nothing) t.same(extractQuotes(text, 'ku'), [], text);
});

t.test('Kurdish speech is read in its own language: Persian verbs are not Sorani\'s, and Kurmanji "got" is not read in English', async (t) => {
  t.same(extractQuotes('وزیر امور خارجه گفت که عراق به میدان جنگ دیگران تبدیل نخواهد شد.', 'ckb'), []);
  t.same(extractQuotes('The minister got the report and said nothing about what it found in the ministry.', 'en'), []);
});

t.test('Kurdish attribution after what it reports: «…، بەرپرسێک گوتی.», "…, berpirsekî got." — not after "as", nor a verb whose object stands before it', async (t) => {
  t.same(extractQuotes('ڕێگای هەولێر - موسڵ بەهۆی بەفربارینەوە بۆ ماوەی دوو ڕۆژ دادەخرێت، بەرپرسێکی پۆلیسی هاتوچۆ گوتی.', 'ckb'), [
    { text: 'ڕێگای هەولێر - موسڵ بەهۆی بەفربارینەوە بۆ ماوەی دوو ڕۆژ دادەخرێت', by: 'بەرپرسێکی پۆلیسی هاتوچۆ', indirect: true, unnamed: true },
  ]);
  t.same(extractQuotes('شاندێکی حکومەتی هەرێم سبەی بۆ گفتوگۆ لەسەر بودجە سەردانی بەغدا دەکات، سەرچاوەیەک بە ڕووداوی ڕاگەیاند.', 'ckb'), [
    { text: 'شاندێکی حکومەتی هەرێم سبەی بۆ گفتوگۆ لەسەر بودجە سەردانی بەغدا دەکات', by: 'سەرچاوەیەک', indirect: true, unnamed: true },
  ], 'the bare verb after its adjunct, which carries the clitic');
  t.same(extractQuotes('کۆبوونەوەکە دوای سێ کاتژمێر کۆتایی هات و هیچ بڕیارێک نەدرا، وەزارەتی پلاندانان ڕێنماییەکی نوێی ڕاگەیاند.', 'ckb'), [],
    'an object before the bare verb: an announcement, not a report of what comes before');
  t.same(extractQuotes('نەخۆشخانە نوێیەکەی هەولێر مانگی داهاتوو دەکرێتەوە، وەک وەزیری تەندروستی دوێنێ گوتی.', 'ckb'), [], '«وەک» "as"');
  t.same(extractQuotes('پاش کۆبوونەوەی درێژی ئەمڕۆی ئەنجومەنی وەزیران لە هەولێر، وەزیری ناوخۆ گوتی.', 'ckb'), [], 'an adjunct alone before it');
  t.same(extractQuotes('Riya Hewlêr - Mûsilê ji ber berfê ji bo du rojan dê were girtin, berpirsekî polîsê hatûçûyê got.', 'ku'), [
    { text: 'Riya Hewlêr - Mûsilê ji ber berfê ji bo du rojan dê were girtin', by: 'berpirsekî polîsê hatûçûyê', indirect: true, unnamed: true },
  ]);
  t.same(extractQuotes('Şandeke hikûmetê sibê ji bo danûstandinên li ser budceyê dê biçe Bexdayê, çavkaniyekê ji Rûdawê re got.', 'ku'), [
    { text: 'Şandeke hikûmetê sibê ji bo danûstandinên li ser budceyê dê biçe Bexdayê', by: 'çavkaniyekê', indirect: true, unnamed: true },
  ]);
  t.same(extractQuotes('Hejmara qurbaniyan gihîşt heft kesan, berpirsekî Parastina Şaristanî got.', 'ku').map((q) => [q.by, q.unnamed]), [['berpirsekî Parastina Şaristanî', true]],
    'after the indefinite with the ezafe, the words with a capital are whose official it is');
  t.same(extractQuotes('Civîn piştî sê saetan bi dawî bû û tu biryar nehat dayîn, wezaretê rêwerzeke nû ragihand.', 'ku'), [], 'an object before "ragihand"');
  t.same(extractQuotes('Nexweşxaneya nû ya Hewlêrê dê meha bê vebe, wek wezîrê tenduristiyê duh got.', 'ku'), [], '"wek" "as"');
});

t.test('Kurdish bodies by their head alone: «وەزارەتەکە», «وەزارەتی ناوبراو», "wezaret", "wezareta navborî" are the one named in full before', async (t) => {
  const sorani = [
    'وەزارەتی تەندروستی حکومەتی هەرێمی کوردستان کەمپەینێکی ڤاکسیناسیۆنی لە سەرانسەری هەرێم دەستپێکرد.',
    'وەزارەتەکە ڕایگەیاند کە زیاتر لە سەد هەزار منداڵ لە هەفتەی یەکەمدا ڤاکسین دەکرێن.',
    'وەزارەتی ناوبراو گوتیشی کە ڤاکسینەکان بە خۆڕایی دەدرێن بە هەموو خێزانەکان.',
  ].join('\n');
  t.same(extractQuotes(sorani, 'ckb').map((q) => q.by), ['وەزارەتی تەندروستی حکومەتی هەرێمی کوردستان', 'وەزارەتی تەندروستی حکومەتی هەرێمی کوردستان']);
  const two = 'وەزارەتی کارەبا و وەزارەتی ناوخۆ کۆبوونەوەیەکی هاوبەشیان ئەنجامدا.\nوەزارەتەکە ڕایگەیاند کە کارەبای نیشتەجێبوون لە هاویندا زیاد دەکرێت.';
  t.same(extractQuotes(two, 'ckb').map((q) => q.by), ['وەزارەتەکە'], 'two ministries before: as written');
  t.same(extractQuotes('وەزارەتەکە ڕایگەیاند کە کارەبای نیشتەجێبوون لە هاویندا زیاد دەکرێت.', 'ckb').map((q) => q.by), ['وەزارەتەکە'], 'none before');
  const kurmanji = [
    'Wezareta Tenduristiyê ya Herêma Kurdistanê li seranserê Herêmê kampanyayeke vakslêdanê da destpêkirin.',
    'Wezaret ragihand ku zêdetirî sed hezar zarok dê di hefteya yekem de werin vakslêdan.',
    'Wezareta navborî herwiha got ku vakslêdan ji bo hemû malbatan belaş e û li hemû navendan heye.',
  ].join('\n');
  t.same(extractQuotes(kurmanji, 'ku').map((q) => q.by), ['Wezareta Tenduristiyê ya Herêma Kurdistanê', 'Wezareta Tenduristiyê ya Herêma Kurdistanê']);
  t.same(extractQuotes('Wezareta Karebayê û Wezareta Navxwe civînek hevbeş kirin.\nWezaret ragihand ku karebaya malan dê di havînê de zêde bibe.', 'ku').map((q) => q.by), ['Wezaret'],
    'two ministries before: as written');
});

t.test('Sorani reported speech after a colon with no quotation marks: «ڕایگەیاند: …»', async (t) => {
  t.same(extractQuotes('گوتەبێژی حکومەت لە کۆنگرەیەکی ڕۆژنامەوانیدا ڕایگەیاند: حکومەت هیچ باجێکی نوێ لەسەر کاڵا خۆراکییەکان دانانێت.', 'ckb'), [
    { text: 'حکومەت هیچ باجێکی نوێ لەسەر کاڵا خۆراکییەکان دانانێت', by: 'گوتەبێژی حکومەت', indirect: true },
  ]);
  t.same(extractQuotes('سەرۆکی پەرلەمان ڕایگەیاند: «دانیشتنی داهاتوو دوای جەژن بە ئامادەبوونی هەموو فراکسیۆنەکان دەبێت».', 'ckb').map((q) => q.indirect), [undefined],
    'a quotation after the colon is read as one');
  t.same(extractQuotes('وەزیری ناوخۆ گوتی: باشە.', 'ckb'), [], 'too short to be a statement');
});

t.test('a participle after a statement reports for its speaker: «…، مضيفا أن …», "…, adding that …", « …, ajoutant que … »', async (t) => {
  const at = new Date('2021-02-10T08:00:00Z');
  const read = (text: string, lang: string) => {
    const known = findEntities(text, { lang, at });
    return extractQuotes(text, lang, known, at).map((q) => [q.text.split(' ').slice(0, 4).join(' '), q.speaker?.id ?? null, q.indirect === true]);
  };
  t.same(read('وقال وزير الخارجية فؤاد حسين في مؤتمر صحفي إن «بغداد لن تقبل بأي خرق لسيادتها الوطنية»، مضيفاً أن الوزارة ستستدعي القائم بالأعمال التركي اليوم.', 'ar'), [
    ['بغداد لن تقبل بأي', 'fuad-hussein', false],
    ['الوزارة ستستدعي القائم بالأعمال', 'fuad-hussein', true],
  ], 'the participle after a quotation is the quoted minister\'s');
  t.same(read('وقال الكاظمي إن الحكومة ماضية في دفع رواتب الموظفين، مشدداً في الوقت ذاته على أن الإصلاح المالي لا يمكن تأجيله أكثر.', 'ar'), [
    ['الحكومة ماضية في دفع', 'mustafa-al-kadhimi', true],
    ['الإصلاح المالي لا يمكن', 'mustafa-al-kadhimi', true],
  ], '«مشددا … على أن» after reported speech: two statements, the first ending at the participle');
  t.same(read('"We will not let the grid fail this summer," Kadhimi told reporters in Baghdad, adding that two new power stations would open in Basra by June.', 'en'), [
    ['We will not let', 'mustafa-al-kadhimi', false],
    ['two new power stations', 'mustafa-al-kadhimi', true],
  ], '"adding that" is the speaker of the quotation before it');
  t.same(read("« Les négociations avancent dans le bon sens », a déclaré mardi Emmanuel Macron, ajoutant que la France accueillerait la prochaine réunion à Paris.", 'fr'), [
    ['Les négociations avancent dans', 'Q3052772', false],
    ['la France accueillerait la', 'Q3052772', true],
  ], '« ajoutant que » likewise');
  t.same(read('The World Bank cut its forecast for Iraq on Tuesday, warning that lower oil revenues would strain the budget next year.', 'en'), [
    ['lower oil revenues would', 'Q7164', true],
  ], 'with no statement before it, the known body its sentence opens with');
  t.same(read('وأشاد مدرب المنتخب بأداء اللاعبين، مشيرا إلى أن الاستعداد للمباراة المقبلة بدأ منذ الآن.', 'ar'), [
    ['الاستعداد للمباراة المقبلة بدأ', null, true],
  ], 'a subject the gazetteer does not know: the statement, said by no one known');
  t.same(read('قال الكاظمي إن الانتخابات المبكرة ستجري في موعدها المحدد. واستقبل وزير النفط وفدا من الشركات الأجنبية، مؤكدا أن العقود الجديدة ستوقع قريبا في بغداد.', 'ar').map((q) => q[1]), [
    'mustafa-al-kadhimi', null,
  ], 'a participle in another sentence does not take the speaker of the sentence before');
  t.same(read('Officials visited the site, noting the damage was limited to the western wing of the building.', 'en'), [], 'a participle with no "that" after it reports nothing');
});

t.test('the attribution after a quotation is not another\'s statement («…»، فيما أكد …), and «لـ» is whom it was told', async (t) => {
  const at = new Date('2025-05-01T08:00:00Z');
  const text = 'وقال الرئيس اللبناني جوزيف عون إن «الدولة وحدها تملك قرار الحرب والسلم في لبنان»، فيما أكد الأمين العام لحزب الله أن الحزب لن يتخلى عن سلاحه.';
  const q = extractQuotes(text, 'ar', findEntities(text, { lang: 'ar', at }), at);
  t.equal(q[0]?.speaker?.id, 'joseph-aoun', 'the quotation is the president\'s, named before it');
  const w = 'وقال شهود عيان لـ«رويترز» إن أصوات إطلاق نار كثيف سمعت قرب مبنى المحافظة ليلة أمس.';
  const r = extractQuotes(w, 'ar', findEntities(w, { lang: 'ar' }));
  t.equal(r.length, 1);
  t.equal(r[0]?.speaker, undefined, 'the agency they spoke to is not who spoke');
  t.equal(r[0]?.by, 'شهود عيان');
});

t.test('after a quotation: a title and a name before the verb ("…," IMF Managing Director Kristalina Georgieva said in …); « d\'après », « a lancé »', async (t) => {
  const at = new Date('2023-04-07T08:00:00Z');
  const en = '"Inflation is proving more persistent than we expected," IMF Managing Director Kristalina Georgieva said at a news conference in Washington on Thursday.';
  t.same(extractQuotes(en, 'en', findEntities(en, { lang: 'en', at }), at).map((q) => q.speaker?.id), ['kristalina-georgieva']);
  const fr = 'Des combats ont éclaté dans la nuit autour de l\'aéroport de Khartoum, d\'après des habitants joints par téléphone.';
  t.same(extractQuotes(fr, 'fr').map((q) => [q.text, q.indirect]), [['Des combats ont éclaté dans la nuit autour de l\'aéroport de Khartoum', true]]);
  const lance = '« Il faut arrêter cette guerre maintenant ! », a lancé jeudi le président Emmanuel Macron devant la presse.';
  t.same(extractQuotes(lance, 'fr', findEntities(lance, { lang: 'fr', at }), at).map((q) => q.speaker?.id), ['Q3052772']);
});

t.test('a monarch\'s country is no surname: "Jordan\'s foreign minister" after King Abdullah II is not the king', async (t) => {
  const text = '"We reject any attempt to displace Palestinians," King Abdullah II said on Monday. Jordan\'s foreign minister, speaking in Amman, said the kingdom would send more aid convoys to Gaza this week.';
  const at = new Date('2023-11-06T08:00:00Z');
  const q = extractQuotes(text, 'en', findEntities(text, { lang: 'en', at }), at);
  t.equal(q[0]?.speaker?.id, 'abdullah-ii');
  t.equal(q.length, 2, 'the king\'s words and the minister\'s statement');
  t.not(q[1]?.speaker?.id, 'abdullah-ii', `the minister's statement: ${JSON.stringify(q[1])}`);
});

t.test('a source set off by commas between the verb and its "that" is where the words were read: « a affirmé, selon son bureau, que … »', async (t) => {
  const at = new Date('2021-03-07T08:00:00Z');
  const read = (text: string, lang: string) => extractQuotes(text, lang, findEntities(text, { lang, at }), at).map((q) => [q.text, q.speaker?.id ?? null, q.indirect === true]);
  t.same(read("À Najaf, l'ayatollah Ali al-Sistani a affirmé, selon un communiqué de son bureau, que la protection des minorités était un devoir de l'État.", 'fr'), [
    ["la protection des minorités était un devoir de l'État", 'ali-al-sistani', true],
  ]);
  t.same(read('وقال الكاظمي، بحسب بيان لمكتبه، إن الحكومة ستفتح تحقيقا في الحادث خلال الأيام المقبلة.', 'ar'), [
    ['الحكومة ستفتح تحقيقا في الحادث خلال الأيام المقبلة', 'mustafa-al-kadhimi', true],
  ]);
  t.same(read('The ministry said, according to a statement carried by state media, that the border crossing would reopen on Sunday morning.', 'en').map((q) => q[0]), [
    'the border crossing would reopen on Sunday morning',
  ]);
});

t.test('Arabic wire copy relays another\'s words: «ونقلت وكالة الأنباء عن مصدر … أن …» is the source\'s, not the agency\'s', async (t) => {
  const at = new Date('2022-03-01T08:00:00Z');
  const read = (text: string) => extractQuotes(text, 'ar', findEntities(text, { lang: 'ar', at }), at).map((q) => [q.text.split(' ').slice(0, 3).join(' '), q.by ?? null, q.unnamed === true]);
  t.same(read('ونقلت وكالة الأنباء العراقية عن مصدر في وزارة الكهرباء، طلب عدم الكشف عن اسمه، أن ساعات التجهيز سترتفع في بغداد خلال الأسبوع المقبل.'), [
    ['ساعات التجهيز سترتفع', 'مصدر في وزارة الكهرباء', true],
  ], 'the source after عن, unnamed');
  t.same(read('ونقل موقع إخباري محلي عن محافظ البصرة أن العمل في الميناء الجديد سينتهي قبل نهاية العام الحالي.').map((q) => q[1]), ['محافظ البصرة']);
  t.same(read('ونقلت فرق الدفاع المدني الجرحى إلى المستشفى بعد أن أكدت السيطرة على الحريق بشكل كامل.'), [], '«نقل» with no «عن» (carried) reports nothing');
});

t.test('a few words quoted inside reported speech are part of it: «…، مضيفا أن الحكومة ملتزمة بالاتفاق "ما دامت …"»', async (t) => {
  const at = new Date('2022-03-01T08:00:00Z');
  const text = 'وقال رئيس الوزراء مصطفى الكاظمي إن الحكومة لن تتراجع عن الإصلاحات، مضيفا أن الموازنة ستقر "قبل نهاية الشهر الجاري" في البرلمان.';
  const q = extractQuotes(text, 'ar', findEntities(text, { lang: 'ar', at }), at);
  t.same(q.map((x) => [x.text.split(' ').slice(0, 2).join(' '), x.indirect === true]), [['الحكومة لن', true], ['الموازنة ستقر', true]], 'two reported statements, the quoted words inside the second');
  t.match(q[1]?.text ?? '', /قبل نهاية الشهر الجاري/);
  const fr = 'Le ministre a affirmé que le gouvernement resterait « ferme face à la crise » dans les semaines à venir.';
  t.same(extractQuotes(fr, 'fr').map((x) => x.indirect === true), [true], 'in French likewise: one reported statement');
  const whole = 'وقال الكاظمي إن "الحكومة لن تتراجع عن الإصلاحات مهما كانت الضغوط عليها".';
  t.same(extractQuotes(whole, 'ar').map((x) => x.indirect === true), [false], 'a quotation right after إن is a quotation');
});

t.test('an emir by his title alone after his name in full («وقال الأمير»); « …, confie une source »; "told The Associated Press in an interview … that"', async (t) => {
  const at = new Date('2024-05-11T08:00:00Z');
  const ar = 'وأصدر أمير البلاد الشيخ مشعل الأحمد الجابر الصباح أمرا أميريا بحل مجلس الأمة. وقال الأمير في خطاب متلفز: "لن نسمح بأن تتعطل مصالح المواطنين بعد اليوم".';
  t.same(extractQuotes(ar, 'ar', findEntities(ar, { lang: 'ar', at }), at).map((q) => q.speaker?.id), ['mishal-al-ahmad']);
  const fr = '« Les discussions reprendront dès la semaine prochaine à Genève », confie une source diplomatique sous couvert d\'anonymat.';
  const confie = extractQuotes(fr, 'fr');
  t.same(confie.map((q) => q.unnamed === true), [true], 'one quotation, from an unnamed source');
  t.match(confie[0]?.by ?? '', /^une source diplomatique/);
  const en = 'Iraqi Foreign Minister Fuad Hussein told The Associated Press in an interview on the sidelines of a summit in Cairo that Baghdad would not join any military alliance.';
  const at2 = new Date('2023-09-22T08:00:00Z');
  t.same(extractQuotes(en, 'en', findEntities(en, { lang: 'en', at: at2 }), at2).map((q) => [q.text.split(' ').slice(0, 3).join(' '), q.speaker?.id]), [['Baghdad would not', 'fuad-hussein']]);
});

t.test('a pronoun with no statement before it is the person the sentence before opens with: « … », a-t-il déclaré', async (t) => {
  const at = new Date('2023-06-06T08:00:00Z');
  const read = (text: string, lang: string) => extractQuotes(text, lang, findEntities(text, { lang, at }), at).map((q) => q.speaker?.id ?? null);
  t.same(read("Le président tunisien Kaïs Saïed a reçu mardi à Carthage une délégation européenne. « Nous ne serons pas les gardes-frontières de quiconque », a-t-il déclaré.", 'fr'), ['kais-saied']);
  t.same(read('Iraqi Prime Minister Mohammed Shia al-Sudani opened a new power station in Basra on Monday.\n"This plant will end the summer blackouts in the south," he told reporters.', 'en'), ['mohammed-shia-al-sudani'], 'from the paragraph before too');
  t.same(read('The World Bank cut its growth forecast for Iraq on Tuesday. "Oil alone cannot carry the budget any longer," he said.', 'en'), [null], 'an organisation is no "he"');
  t.same(read('Fuad Hussein met his Turkish counterpart in Ankara. "Water is a matter of life for Iraq," said Sudani.\n"We will not wait another summer for an agreement," he added.', 'en'), ['mohammed-shia-al-sudani', 'mohammed-shia-al-sudani'], 'a statement before it still gives the speaker');
});

t.test('a participle before a quotation introduces it for its clause\'s subject («…، معتبرة أنها «…»»), and one after a quotation is never its attribution', async (t) => {
  const at = new Date('2023-10-25T08:00:00Z');
  const a = 'وأدانت وزارة الخارجية في بيان قصف المستشفى، معتبرة أنه «جريمة حرب مكتملة الأركان لا يمكن السكوت عنها».';
  t.same(extractQuotes(a, 'ar').map((q) => [q.text.split(' ').slice(0, 2).join(' '), q.indirect === true]), [['جريمة حرب', false]], 'the quotation is read (said by the ministry, not a speech verb\'s subject here)');
  const b = 'وقال الأمين العام للأمم المتحدة أنطونيو غوتيريش إن «الوضع في غزة يزداد سوءا كل ساعة»، مشدداً في الوقت نفسه على أن وقف إطلاق النار بات ضرورة عاجلة.';
  const q = extractQuotes(b, 'ar', findEntities(b, { lang: 'ar', at }), at);
  t.same(q.map((x) => x.speaker?.id ?? null), ['Q311440', 'Q311440'], 'the quotation is Guterres\'s, named before it; the participle\'s statement too');
});

t.test('French: « Et d\'ajouter : « … » », « selon la défense civile », a phrase quoted in what a source reports', async (t) => {
  const a = 'Le ministre de l\'Eau a indiqué mardi devant les députés que les barrages étaient remplis à moins d\'un quart. Et d\'ajouter : « Nous traversons la pire sécheresse de notre histoire récente. »';
  t.same(extractQuotes(a, 'fr').map((q) => [q.text.split(' ').slice(0, 3).join(' '), q.by]), [
    ['les barrages étaient', 'Le ministre de l\'Eau'],
    ['Nous traversons la', 'Le ministre de l\'Eau'],
  ], 'the narrative infinitive is the previous speaker\'s');
  t.same(extractQuotes('Selon la défense civile, le feu a été provoqué par un court-circuit dans le entrepôt.', 'fr').map((q) => q.by), ['la défense civile']);
  const c = 'Selon une source diplomatique européenne, un accord est « à portée de main », mais les négociateurs attendent encore des réponses.';
  t.same(extractQuotes(c, 'fr').map((q) => [q.indirect === true, q.unnamed === true]), [[true, true]], 'one reported statement from an unnamed source, the quoted phrase in it');
});

t.test('a wire dateline opening the paragraph is the writer\'s, not part of what the source is said to have said', async (t) => {
  const texts = (text: string, lang: string) => extractQuotes(text, lang).map((q) => q.text);
  t.same(texts('KYIV, Ukraine — Russia fired 40 drones and two missiles at the capital overnight, the air force said on Sunday.', 'en'), ['Russia fired 40 drones and two missiles at the capital overnight']);
  t.same(texts('GENEVA, Switzerland, March 3 (Reuters) - Two new cases of the disease were found in the region, officials said.', 'en'), ['Two new cases of the disease were found in the region']);
  t.same(texts('Mosul (AFP) - Three houses collapsed in the old city after two days of heavy rain, police said.', 'en'), ['Three houses collapsed in the old city after two days of heavy rain']);
  t.same(texts('KIRKOUK (Irak) - Deux policiers ont été blessés dans l\'explosion d\'une bombe artisanale, a indiqué une source sécuritaire.', 'fr'), ["Deux policiers ont été blessés dans l'explosion d'une bombe artisanale"]);
  t.same(texts('البصرة - ارتفعت صادرات النفط من موانئ الجنوب إلى مستوى قياسي خلال الشهر الماضي، بحسب ما أعلنته شركة تسويق النفط.', 'ar'), ['ارتفعت صادرات النفط من موانئ الجنوب إلى مستوى قياسي خلال الشهر الماضي']);
  t.same(texts('أبو ظبي - وقعت الإمارات وفرنسا اتفاقا لتطوير محطات الطاقة الشمسية في البلدين، بحسب ما أفادت وكالة أنباء الإمارات.', 'ar'), ['وقعت الإمارات وفرنسا اتفاقا لتطوير محطات الطاقة الشمسية في البلدين']);
  // Not a dateline: a name in capitals with a hyphen inside it, and a sentence that has none.
  t.same(texts('COVID-19 cases rose to 500 in the province this week, the health ministry said.', 'en'), ['COVID-19 cases rose to 500 in the province this week']);
  t.same(texts('Rescue teams pulled 12 survivors from the rubble on Monday, officials said.', 'en'), ['Rescue teams pulled 12 survivors from the rubble on Monday']);
});

t.test('a quotation standing alone right after an attributed one goes on with its speaker; «"…"، بهذه الكلمات علّق …»', async (t) => {
  const said = (text: string, lang: string) => extractQuotes(text, lang).map((q) => [q.text, q.speaker?.id ?? q.by ?? null]);
  t.same(said('"We played with courage until the last minute," Mohamed Salah said after the final. "This trophy belongs to the supporters who never stopped believing."', 'en'), [
    ['We played with courage until the last minute', 'mohamed-salah'],
    ['This trophy belongs to the supporters who never stopped believing.', 'mohamed-salah'],
  ]);
  t.same(said("« Nous resterons mobilisés jusqu'au bout », a déclaré Emmanuel Macron devant la presse.\n« Rien ne sera cédé sur l'essentiel. »", 'fr'), [
    ["Nous resterons mobilisés jusqu'au bout", 'Q3052772'],
    ["Rien ne sera cédé sur l'essentiel.", 'Q3052772'],
  ], 'a quotation that is its own paragraph, after one that ended on an attributed quotation');
  t.same(said('Thousands marched to the square on Friday. "Bread, freedom and justice for every citizen."', 'en'), [], 'after narration: a banner, said by no one');
  t.same(said('"We played with courage until the last minute," Mohamed Salah said. The club flew home on Sunday. "Bread, freedom and justice for every citizen."', 'en').length, 1, 'a sentence between: not his');
  t.same(said('«لن نتراجع عن حقوق شعبنا مهما كان الثمن»، بهذه العبارة خاطب الرئيس الفلسطيني محمود عباس الحشود في رام الله.', 'ar'), [['لن نتراجع عن حقوق شعبنا مهما كان الثمن', 'Q127998']]);
  t.same(extractQuotes('"لم أكن سعيدا بالطريقة التي انتهى بها الموسم، لكن هذا الفريق يعرف كيف ينهض"، بهذه الكلمات علق النجم المصري محمد صلاح على تتويج فريقه.', 'ar')[0]?.by, 'النجم المصري محمد صلاح', 'the attribution ends with the name, not the verb\'s object');
});

t.test('reported speech may carry a scare quote; a quotation, or a scare quote in a clause after a comma, still stops it', async (t) => {
  const texts = (text: string, lang: string) => extractQuotes(text, lang).map((q) => [q.text, q.by, q.indirect ?? false]);
  t.same(texts('A spokesman for the ministry said the particles may have been the result of "unintended fluctuations" during enrichment.', 'en'), [
    ['the particles may have been the result of "unintended fluctuations" during enrichment', 'A spokesman for the ministry', true],
  ]);
  t.same(texts('Repairs to the central station will be "all but finished" before the summer, officials said.', 'en'), [['Repairs to the central station will be "all but finished" before the summer', 'officials', true]]);
  t.same(texts('The central station is "all but finished", officials said.', 'en'), [['The central station is "all but finished"', 'officials', true]], 'a scare quote it ends in closes in it');
  t.same(texts('The plan was "fair" and "modern" and "green" and "cheap" and "new" for everyone in the province, officials said.', 'en'), [], 'more pairs of marks than a clause carries as scare quotes: read as holding a quotation (and the look at them stays bounded)');
  t.same(texts("Les travaux de la gare centrale seront « quasiment achevés » avant l'été, selon le ministère des Transports.", 'fr'), [
    ["Les travaux de la gare centrale seront « quasiment achevés » avant l'été", 'le ministère des Transports', true],
  ]);
  t.same(texts('The European Union said it was sending rescue teams to the region, and the alliance\'s chief said members stood "in full solidarity" with their ally.', 'en'), [], 'the scare quote is in another clause, perhaps another\'s: not read into the first');
  t.same(texts('The minister said the talks were "a waste of everyone\'s time and money" and left.', 'en').filter(([, , indirect]) => indirect), [], 'a quotation (four words or more) is read as one, never inside reported speech');
});

t.test('a word that makes a verb passive counts only in the verb\'s own clause: « … achevés cet été, a indiqué un responsable »', async (t) => {
  t.same(extractQuotes("Les travaux du pont seront achevés cet été, a indiqué mardi un responsable.", 'fr').map((q) => q.text), ['Les travaux du pont seront achevés cet été']);
  t.same(extractQuotes("Il a été indiqué mardi que les travaux du pont seront achevés avant la rentrée.", 'fr'), [], 'the passive itself: no one said it');
});

t.test('«وقال في مؤتمر صحفي: "…"»: where it was said is no attribution; the pronoun takes the speaker before', async (t) => {
  const said = (text: string) => extractQuotes(text, 'ar').map((q) => [q.by ?? null, q.speaker?.id ?? null]);
  t.same(said('أعلن وزير الخارجية فؤاد حسين أن الوفد سيصل إلى أنقرة غدا. وقال في مؤتمر صحفي: "لن نقبل بأي اعتداء على أراضينا تحت أي ذريعة كانت".'), [
    ['وزير الخارجية فؤاد حسين', 'fuad-hussein'],
    ['وزير الخارجية فؤاد حسين', 'fuad-hussein'],
  ]);
  t.same(said('وأضاف في بيان: "الحكومة ماضية في تنفيذ برنامجها رغم كل التحديات التي تواجهها".'), [[null, null]], 'no one before: said by no one known, not by «في بيان»');
  t.same(said('وقال خلال مؤتمر صحفي وزير الخارجية فؤاد حسين إن "العراق لن يكون ساحة لتصفية الحسابات بين الدول".')[0]?.[1], 'fuad-hussein', 'a speaker named after the adjunct still is');
});

t.test('« …, a annoncé mercredi l\'Unesco »: a verb that also takes an object reads after what it reports only with a speaker after it', async (t) => {
  const said = (text: string) => extractQuotes(text, 'fr').map((q) => [q.text, q.by]);
  t.same(said("La reconstruction de la mosquée al-Nouri est presque achevée, a annoncé mercredi l'Unesco."), [["La reconstruction de la mosquée al-Nouri est presque achevée", "l'Unesco"]]);
  t.same(said('Trois soldats ont été tués dans une embuscade près de la frontière, a confirmé le ministère de la Défense.'), [['Trois soldats ont été tués dans une embuscade près de la frontière', 'le ministère de la Défense']]);
  t.same(said("Le ministre de l'Éducation nationale, Gabriel Attal, a annoncé l'interdiction de l'abaya à l'école."), [], 'its object, not a speaker: the minister announced a ban');
  t.same(said("Les travaux de la gare centrale seront achevés avant l'été, a indiqué mardi l'armée."), [["Les travaux de la gare centrale seront achevés avant l'été", "l'armée"]], "« l' » opens a speaker after a day, as « le » does");
});

t.test('an honorific standing for the person named before («وأوضح سموه أن», «وأكد جلالته») is a pronoun: the statement is that person\'s', async (t) => {
  const said = extractQuotes('قال وزير الطاقة الأمير عبدالعزيز بن سلمان إن المملكة ستواصل العمل مع شركائها لضمان استقرار الأسواق. وأوضح سموه أن قرار خفض الإنتاج يستند إلى قراءة دقيقة لمؤشرات الاقتصاد العالمي.', 'ar');
  t.same(said.map((q) => q.speaker?.id), ['abdulaziz-bin-salman', 'abdulaziz-bin-salman']);
  t.equal(said[1]?.by, said[0]?.by, 'the attribution carried on, not «سموه»');
});

t.test('a quotation too short to tell from a scare quote by length is a statement where it stands as one: its own "!", a colon, or opening its sentence before ", a écrit X"', async (t) => {
  const said = (text: string, lang: string) => extractQuotes(text, lang).map((q) => [q.text, q.speaker?.id ?? null]);
  t.same(said('« Nous reviendrons », a écrit Kylian Mbappé sur les réseaux sociaux au lendemain de la finale.', 'fr'), [['Nous reviendrons', 'kylian-mbappe']]);
  t.same(said('President Donald Trump wrote on Twitter on Tuesday night: “All is well!”', 'en'), [['All is well!', 'Q22686']]);
  t.same(said('وكتب رئيس الوزراء مصطفى الكاظمي في تغريدة: "العراق أولا".', 'ar').map((q) => q[0]), ['العراق أولا']);
  t.same(said('Le ministre a dénoncé un « scandale », a déclaré son porte-parole.', 'fr'), [], 'a word quoted inside a sentence is no statement, even with a speech verb after it');
  t.same(said('He called the plan a "betrayal" and left the room.', 'en'), [], 'nor a scare quote with no attribution');
  t.same(said('Le ministre a été interrogé sur une démission. « Jamais », a-t-il déclaré.', 'fr').length, 1, 'a pronoun attribution will do');
  t.same(said('The minister called the plan "dead on arrival."', 'en'), [], 'a period inside the marks is American punctuation, not an utterance');
  t.same(said('Elle a parlé de « renouveau ». « Un mot », rien de plus.', 'fr'), [], 'opening its sentence but with no attribution after it');
});

t.test('what sets a speaker against another between the verb and its "that" (« de son côté », "for its part"), and "later", are read past', async (t) => {
  const said = (text: string, lang: string) => extractQuotes(text, lang).map((q) => [q.text, q.by ?? null]);
  t.same(said('Le HCR a indiqué de son côté que plus de dix millions de personnes avaient fui les combats.', 'fr'), [['plus de dix millions de personnes avaient fui les combats', 'Le HCR']]);
  t.same(said("Le ministre a affirmé pour sa part que les négociations reprendraient la semaine prochaine.", 'fr'), [['les négociations reprendraient la semaine prochaine', 'Le ministre']]);
  t.same(said('Le Kremlin a fait savoir samedi que Moscou suivait ces échanges de près.', 'fr'), [['Moscou suivait ces échanges de près', 'Le Kremlin']]);
  t.same(said('The ministry said later that the talks would resume next week in Geneva.', 'en'), [['the talks would resume next week in Geneva', 'The ministry']]);
  t.same(said('The ministry said for its part that the talks would resume next week in Geneva.', 'en'), [['the talks would resume next week in Geneva', 'The ministry']]);
  t.same(said("Selon l'Agence internationale de l'énergie atomique, l'Iran dispose désormais de plus de 180 kilos d'uranium enrichi.", 'fr').map((q) => q[1]), ["l'Agence internationale de l'énergie atomique"], 'a source keeps its « de »');
});

t.test('«مرجحا أن», «متوقعا أن»: what the speaker reckons likely is reported for the statement before it', async (t) => {
  const said = extractQuotes('وقال محافظ البنك المركزي علي العلاق إن مبيعات نافذة بيع العملة تراجعت إلى أقل من 60 مليون دولار يوميا، مرجحا أن يستمر الضغط على سعر صرف الدينار خلال الأسابيع المقبلة.', 'ar');
  t.same(said.map((q) => q.text), ['مبيعات نافذة بيع العملة تراجعت إلى أقل من 60 مليون دولار يوميا', 'يستمر الضغط على سعر صرف الدينار خلال الأسابيع المقبلة']);
  t.equal(said[1]?.by, said[0]?.by);
});

t.test('a short report whole to its full stop is a statement: "Defense lawyers said they would appeal.", « Son avocat a annoncé qu\'il ferait appel. »', async (t) => {
  t.same(extractQuotes('Defense lawyers said they would appeal.', 'en').map((q) => [q.text, q.by]), [['they would appeal', 'Defense lawyers']]);
  t.same(extractQuotes("Son avocat a annoncé qu'il ferait appel.", 'fr').map((q) => [q.text, q.by]), [["il ferait appel", 'Son avocat']]);
  t.same(extractQuotes('The minister said that it would.', 'en'), [], 'two words are still no statement');
});

t.test('« …, a alerté / a déploré / a réagi X »; when it was said is not who said it: « a déclaré jeudi le ministre », "said on Thursday the agency"', async (t) => {
  const said = (text: string, lang: string) => extractQuotes(text, lang).map((q) => [q.text, q.by, q.speaker?.id ?? null]);
  t.same(said('Au Soudan, « la famine est désormais une réalité dans plusieurs zones du Darfour », a alerté jeudi le Programme alimentaire mondial.', 'fr'), [
    ['la famine est désormais une réalité dans plusieurs zones du Darfour', 'le Programme alimentaire mondial', 'wfp'],
  ]);
  t.same(said("« C'est une décision injuste et dangereuse pour toute la région », a déploré hier soir le ministre.", 'fr').map((q) => q[1]), ['le ministre']);
  t.same(said("« Je ne me résoudrai jamais à cette injustice profonde », a réagi l'ancien président, annonçant qu'il saisirait la Cour européenne des droits de l'homme.", 'fr').map((q) => q[0]), [
    'Je ne me résoudrai jamais à cette injustice profonde', "il saisirait la Cour européenne des droits de l'homme",
  ]);
  t.same(said('"Famine is now a reality in several areas of Darfur," said on Thursday the World Food Programme.', 'en').map((q) => q[1]), ['the World Food Programme']);
  t.same(said('Le ministre a dénoncé la décision de la cour.', 'fr'), [], 'a verb with a noun object reports nothing');
});

t.test('an agency\'s source, its ministry and the agency told («… في وزارة الداخلية لوكالة الأنباء الكويتية (كونا) اليوم الأحد بأن») still reach the «أن»', async (t) => {
  const [q] = extractQuotes('وصرح مصدر أمني في وزارة الداخلية لوكالة الأنباء الكويتية (كونا) اليوم الأحد بأن رجال المباحث تمكنوا من ضبط شحنة من المواد المخدرة.', 'ar');
  t.equal(q?.text, 'رجال المباحث تمكنوا من ضبط شحنة من المواد المخدرة');
  t.equal(q?.unnamed, true);
});

t.test('a participle after a quotation of two sentences is its speaker\'s; « a promis que » reports', async (t) => {
  const said = extractQuotes('"We are facing a tragedy. We must stop it becoming a catastrophe," Secretary-General Antonio Guterres told reporters on Wednesday, warning that millions of people in four countries faced famine.', 'en');
  t.same(said.map((q) => q.speaker?.id), ['Q311440', 'Q311440']);
  t.same(extractQuotes('Le ministre a promis que les salaires seraient versés avant la fin du mois.', 'fr').map((q) => [q.text, q.by]), [['les salaires seraient versés avant la fin du mois', 'Le ministre']]);
});

t.test('a second predicate after a comma and a coordinator is its subject\'s: « X a tendu la main …, et a affirmé que » is X\'s, not « X a tendu la main »', async (t) => {
  const by = (text: string, lang: string) => extractQuotes(text, lang).map((q) => [q.by, q.speaker?.id ?? null]);
  t.same(by('Le président Abdelmadjid Tebboune a tendu la main au Hirak pour un dialogue sérieux, et a affirmé que la Constitution serait révisée dans les prochains mois.', 'fr'), [['Le président Abdelmadjid Tebboune', 'abdelmadjid-tebboune']]);
  t.same(by('Foreign Minister Fuad Hussein has met his Turkish counterpart in Ankara, and has said that the border would reopen next month.', 'en'), [['Foreign Minister Fuad Hussein', 'fuad-hussein']]);
  t.same(by('Le ministre des Affaires étrangères, Fouad Hussein, a affirmé que la frontière rouvrirait le mois prochain.', 'fr').map((x) => x[1]), ['fuad-hussein'], 'an apposition still reads as before');
});

t.test('"the company", "the airline", «الشركة», « le groupe » said: the company the report named — the first its statement names, else the last before', async (t) => {
  const who = (text: string, lang: string) => extractQuotes(text, lang).map((q) => [q.by, q.speaker?.id ?? null]);
  t.same(who('Boeing delivered 45 jetliners in May, up from 35 a year earlier, the company said on Tuesday.', 'en'), [['the company', 'Q66']]);
  t.same(who('أعلنت الخطوط الجوية القطرية ارتفاع أرباحها السنوية. وقالت الشركة إن عدد المسافرين على متن رحلاتها ارتفع إلى 40 مليون مسافر.', 'ar'), [['الشركة', 'qatar-airways']]);
  t.same(who("Airbus a livré 766 avions l'an dernier. Le groupe a indiqué qu'il visait 800 livraisons cette année malgré les difficultés.", 'fr'), [['Le groupe', 'Q67']]);
  t.same(who('Airbus delivered fewer jets in May. The company said that Boeing had gained market share in Asia this spring.', 'en'), [['The company', 'Q67']], 'said before what it reports: the company named before it, not in it');
  t.same(who('The World Health Organization warned of a surge in cases. The group said that hospitals were running out of beds.', 'en'), [['The group', null]], 'a body is no company');
  t.same(who('RIYADH (Reuters) - The company said it would raise its dividend by ten percent next year.', 'en'), [['The company', null]], 'nor a wire credit');
});

t.test('« …, a raconté à l\'AFP Jean-Marc Ferri »: whom it was told to is not who told it', async (t) => {
  const who = (text: string) => extractQuotes(text, 'fr').map((q) => [q.by, q.speaker?.id ?? null]);
  t.same(who("« L'eau est montée d'un mètre en moins d'une heure, nous n'avons rien vu venir », a raconté à l'AFP Jean-Marc Ferri, un habitant."), [['Jean-Marc Ferri', null]]);
  t.same(who('« Nous ne céderons rien sur ce dossier essentiel », a confié au Monde un proche du président.'), [['un proche du président', null]]);
  t.not(who('Fouad Hussein a reçu son homologue français. « Nous ne céderons rien sur ce dossier essentiel », a déclaré à la presse.')[0]?.[0], 'la presse', 'told to the press, the speaker unnamed: not said by «la presse»');
});

t.test('"Fed Chair Jerome Powell said": a person the gazetteer does not know, not the organisation their title names', async (t) => {
  const who = (text: string, lang: string) => extractQuotes(text, lang).map((q) => [q.by, q.speaker?.id ?? null]);
  t.same(who('"We are not in a hurry to move again," Fed Chair Jerome Powell told reporters on Wednesday.', 'en'), [['Fed Chair Jerome Powell', null]]);
  t.same(who('« Nous ne reculerons pas devant les pressions », a déclaré le porte-parole du Hamas, Hazem Qassem.', 'fr'), [['le porte-parole du Hamas', null]]);
  t.same(who('"Inflation is coming down but the job is not done," the Federal Reserve said in a statement on Wednesday.', 'en'), [['the Federal Reserve', 'federal-reserve']], 'the organisation alone still speaks');
  t.same(who('"The dinar will hold its value this year," Central Bank of Iraq said on Sunday.', 'en'), [['Central Bank of Iraq', 'central-bank-of-iraq']], 'a name in capitals with no role before it is the organisation\'s');
});

t.test('a quotation its attribution splits in one sentence is one quotation; after a colon, the next is another', async (t) => {
  const said = (text: string, lang: string) => extractQuotes(text, lang).map((q) => [q.text, q.speaker?.id ?? null]);
  t.same(said('"The reform will take time," Prime Minister Mohammed Shia al-Sudani said in Baghdad, "but there is no going back on it."', 'en'), [
    ['The reform will take time … but there is no going back on it.', 'mohammed-shia-al-sudani'],
  ]);
  t.same(said('«الإصلاح يحتاج إلى وقت طويل»، قال رئيس الوزراء محمد شياع السوداني، «لكن لا عودة عنه أبدا».', 'ar'), [
    ['الإصلاح يحتاج إلى وقت طويل … لكن لا عودة عنه أبدا', 'mohammed-shia-al-sudani'],
  ]);
  t.same(said('"The reform will take time," Prime Minister Mohammed Shia al-Sudani said. "There is no going back on it."', 'en').length, 2, 'a new sentence in new marks is another quotation');
  t.same(said('"The reform will take time," Prime Minister Mohammed Shia al-Sudani said, adding: "There is no going back on it."', 'en').length, 2, 'after a colon, too');
});

t.test('a second report in the sentence after a comma and a coordinator is the first one\'s speaker\'s, and ends the first', async (t) => {
  const said = (text: string, lang: string) => extractQuotes(text, lang).map((q) => [q.text, q.speaker?.id ?? null]);
  t.same(said("Le Premier ministre Mohammed Chia al-Soudani a affirmé que le budget serait voté « avant la fin du mois », et a promis que les salaires seraient versés à temps.", 'fr'), [
    ['le budget serait voté « avant la fin du mois »', 'mohammed-shia-al-sudani'],
    ['les salaires seraient versés à temps', 'mohammed-shia-al-sudani'],
  ]);
  t.same(said('Prime Minister Mohammed Shia al-Sudani said the budget would be passed this month, and warned that any delay would hold up salaries.', 'en'), [
    ['the budget would be passed this month', 'mohammed-shia-al-sudani'],
    ['any delay would hold up salaries', 'mohammed-shia-al-sudani'],
  ]);
  t.same(said("« La France est prête », a lancé Emmanuel Macron devant les élus, avant d'assurer que les réformes seraient menées jusqu'au bout.", 'fr').map((x) => x[1]), ['Q3052772', 'Q3052772'], "« avant d'assurer que »: the same speaker goes on");
});

t.test('who a report calls by a description is the one it named: "the Egyptian forward", "the agency", «أما X فـ…», "one of them"', async (t) => {
  const who = (text: string, lang: string) => extractQuotes(text, lang).map((q) => [q.by, q.speaker?.id ?? null, q.unnamed === true]);
  t.same(who('Mohamed Salah scored twice in the second half. The Egyptian forward said afterwards that the title race was far from over.', 'en'), [['The Egyptian forward', 'mohamed-salah', false]]);
  t.same(who('The coach said afterwards that the title race was far from over.', 'en'), [['The coach', null, false]], 'a role alone, with no nationality or age, may be someone new');
  t.same(who('The World Health Organization published its weekly figures on Friday. The agency said that 30 countries had reported new outbreaks.', 'en'), [['The agency', 'Q7817', false]]);
  t.same(who('وقال مهاجم المنتخب أيمن حسين إن الفريق لعب بثقة كبيرة. أما المدرب الإسباني خيسوس كاساس فرأى أن الفريق لم يحقق شيئا بعد.', 'ar').map((x) => x[0]), [
    'مهاجم المنتخب أيمن حسين', 'المدرب الإسباني خيسوس كاساس',
  ]);
  t.same(who('Two security officials, speaking on condition of anonymity, said a drone had struck a car near the airport. One of them said the car was carrying two commanders.', 'en').map((x) => x[2]), [true, true], 'one of the unnamed officials is still not named');
});

t.test('a participle before a quotation speaks for its clause\'s subject; an aside or a day after the verb is not who spoke', async (t) => {
  const who = (text: string, lang: string) => extractQuotes(text, lang).map((q) => [q.by, q.speaker?.id ?? null]);
  t.same(who('وقال رئيس الوزراء محمد شياع السوداني إن الحكومة ماضية في الإصلاح. غير أن زعيم التيار الصدري مقتدى الصدر رد في تغريدة مساء الجمعة قائلا: «الإصلاح لا يكون بالوعود وحدها».', 'ar').map((x) => x[1]), [
    'mohammed-shia-al-sudani', 'muqtada-al-sadr',
  ]);
  t.same(who('« Ce budget sera celui de la relance », a pour sa part assuré Emmanuel Macron samedi soir à Marseille.', 'fr'), [['Emmanuel Macron', 'Q3052772']]);
});

t.test('French: the attribution inside the marks (« …, a-t-il assuré, … »), and where it was said before or after the speaker', async (t) => {
  const said = (text: string) => extractQuotes(text, 'fr').map((q) => [q.text, q.by ?? null, q.speaker?.id ?? null]);
  t.same(said("« Nous tiendrons nos engagements, a assuré Emmanuel Macron devant les maires, et personne ne sera laissé de côté. »"), [
    ['Nous tiendrons nos engagements … et personne ne sera laissé de côté.', 'Emmanuel Macron', 'Q3052772'],
  ]);
  t.same(said("Emmanuel Macron était à Marseille lundi. « Nous tiendrons nos engagements, a-t-il assuré, et personne ne sera laissé de côté. »").map((x) => x[2]), ['Q3052772'], 'a-t-il: the person before');
  t.same(said("« Nous tiendrons nos engagements, et personne ne sera laissé de côté. »"), [], 'no verb inside: still nobody\'s');
  t.same(said("« La situation devrait tous nous préoccuper », a déclaré à Genève le directeur général de l'OMS.").map((x) => x[1]), ["le directeur général de l'OMS"]);
  t.same(said("« Le gouvernement doit nous entendre », a estimé en tête du cortège parisien le secrétaire général de la CGT.").map((x) => x[1]), ['le secrétaire général de la CGT']);
  t.same(said("« La centrale a été touchée à plusieurs reprises », a déclaré vendredi Rafael Grossi à son retour de Kiev.").map((x) => x[1]), ['Rafael Grossi']);
  t.same(said("« Nous ne céderons rien sur ce dossier », a confié au Monde un proche du président.").map((x) => x[1]), ['un proche du président'], 'whom it was told to, as before');
});

t.test('a quotation then a second predicate ("… as "…" and said …") is the sentence subject\'s, not the words after "said"', async (t) => {
  const who = (text: string) => extractQuotes(text, 'en').map((q) => [q.by ?? null, q.speaker?.id ?? null]);
  t.same(who('Mohamed Salah scored twice. Prime Minister Mohammed Shia al-Sudani described the win as "a gift to every Iraqi family" and said the team would be received in Baghdad.')[0], ['Prime Minister Mohammed Shia al-Sudani', 'mohammed-shia-al-sudani']);
  t.same(who('Prime Minister Mohammed Shia al-Sudani declared a public holiday and said the cup belonged "to every Iraqi family".'), [['Prime Minister Mohammed Shia al-Sudani', 'mohammed-shia-al-sudani']], 'and a verb after another: the first one\'s subject');
  t.same(extractQuotes('Dans un communiqué, le roi Mohammed VI a salué « avec une grande joie » cette décision, qui consacre selon lui la place du Royaume.', 'fr').map((q) => q.by ?? null), [null], '« selon lui »: a pronoun, not « lui la place du Royaume »');
});

t.test('a source opening the next sentence, an adjunct between commas, a dateline, anonymity after "said", a source\'s relative clause', async (t) => {
  const said = (text: string, lang: string) => extractQuotes(text, lang).map((q) => [q.text, q.by ?? null, q.speaker?.id ?? null, q.unnamed === true]);
  t.same(said('Foreign Minister Fuad Hussein said on Sunday that Iraq would not be a launch pad for attacks. He added: "Iraq wants to be a bridge between its neighbours." According to the Iranian foreign ministry, the two men also discussed gas payments.', 'en').map((x) => x[1]), [
    'Foreign Minister Fuad Hussein', 'Foreign Minister Fuad Hussein', 'the Iranian foreign ministry',
  ], 'the quotation is the minister\'s, not the ministry\'s that opens the next sentence');
  t.same(said("Le président Abdelmadjid Tebboune a affirmé samedi, lors de son entrevue avec la presse nationale, que l'Algérie n'aurait pas recours à l'endettement extérieur.", 'fr').map((x) => x[2]), ['abdelmadjid-tebboune']);
  t.same(said('بغداد (واع) – بحسب بيان للبنك المركزي العراقي، فإن احتياطيات البلاد من العملات الأجنبية تجاوزت 110 مليارات دولار.', 'ar').map((x) => x[2]), ['central-bank-of-iraq'], 'after a dateline with its credit');
  t.same(said('A drone struck a car near the airport, killing three people, two security officials said on condition of anonymity because they were not authorised to speak to the media.', 'en').map((x) => [x[1], x[3]]), [['two security officials', true]]);
  t.same(said("D'après un responsable du ministère, qui s'est exprimé sous couvert d'anonymat, le taux de remplissage des barrages est tombé sous les 30 %.", 'fr').map((x) => [x[0], x[3]]), [['le taux de remplissage des barrages est tombé sous les 30 %', true]]);
});

t.test('"he added" after a sentence opening with a title and a name: that person ("Foreign Minister Fuad Hussein met …", « Mme von der Leyen a présenté … »)', async (t) => {
  const who = (text: string, lang: string) => extractQuotes(text, lang).map((q) => q.speaker?.id ?? null);
  t.same(who('Foreign Minister Fuad Hussein spoke in Tehran on Sunday. "Iraq wants to be a bridge between its neighbours," he added.', 'en'), ['fuad-hussein']);
  t.same(who("Giorgia Meloni et Ursula von der Leyen étaient à Lampedusa. Mme von der Leyen a présenté un plan en dix points. « C'est nous qui déciderons qui vient dans l'Union européenne », a-t-elle lancé.", 'fr'), ['ursula-von-der-leyen']);
  t.same(who('In Tehran, Fuad Hussein met his counterpart on Sunday. "Iraq wants to be a bridge between its neighbours," he added.', 'en'), [null], 'a sentence opening with where: no one read as its subject, as before');
});

t.test('who issued a statement is part of it («بيان صادر عن …», « un communiqué publié par … »); "U.S." keeps its U', async (t) => {
  const said = (text: string, lang: string) => extractQuotes(text, lang).map((q) => [q.by ?? null, q.speaker?.id ?? null]);
  t.same(said('وقال البيان الصادر عن الأمم المتحدة إن المساعدات وصلت إلى غزة صباح اليوم.', 'ar'), [['البيان الصادر عن الأمم المتحدة', 'Q1065']]);
  t.same(said('وقال بيان صادر عن الأمم المتحدة: "المساعدات وصلت إلى غزة صباح اليوم".', 'ar'), [['بيان صادر عن الأمم المتحدة', 'Q1065']], 'before a quotation too');
  t.same(said("Un communiqué publié par l'ONU a affirmé que les frappes violaient la souveraineté du pays.", 'fr'), [["Un communiqué publié par l'ONU", 'Q1065']]);
  t.same(said('The committee met online and did not recommend any change to output levels, according to a statement issued after the meeting.', 'en'), [['a statement issued', null]], 'only its agent follows "issued"');
  t.same(said('Earlier, U.S. Central Command said that the operation was over. U.S. officials said that more strikes would follow.', 'en').map((x) => x[0]), ['U.S. Central Command', 'U.S. officials']);
});

t.test('«نقلا عن» after who reported: the statement is the source\'s it relays, as «ونقلت الوكالة عن …»', async (t) => {
  const said = (text: string) => extractQuotes(text, 'ar').map((q) => [q.by ?? null, q.unnamed === true]);
  t.same(said('وذكرت وكالة الأنباء العراقية، نقلاً عن مصدر أمني، أن بين القتلى قياديا كان مسؤولا عن تمويل الخلايا.'), [['مصدر أمني', true]]);
  t.same(said('وذكرت وكالة الأنباء العراقية نقلا عن مصدر أمني أن بين القتلى قياديا كان مسؤولا عن تمويل الخلايا.'), [['مصدر أمني', true]]);
  t.same(said('وذكرت وكالة الأنباء العراقية أن بين القتلى قياديا كان مسؤولا عن تمويل الخلايا.'), [['وكالة الأنباء العراقية', false]], 'with no relay, the agency\'s own');
});

t.test('the eleventh batch\'s forms: when it was said after the speaker, a reflexive verb, a relayed source, "the central bank"', async (t) => {
  const said = (text: string, lang: string) => extractQuotes(text, lang, findEntities(text, { lang })).map((q) => [q.by ?? null, q.speaker?.id ?? null, q.unnamed === true]);
  t.same(said('وقال رئيس الوزراء محمد شياع السوداني بعد استقباله رئيس إقليم كردستان نيجيرفان بارزاني: "الحوار هو الطريق الوحيد لحل الخلافات".', 'ar').map((x) => x[1]), ['mohammed-shia-al-sudani'], 'not the guest named after «بعد»');
  t.same(said("Kylian Mbappé a rejoint le Real Madrid. « Je vis un rêve d'enfant », a écrit l'attaquant français sur les réseaux sociaux.", 'fr').at(-1)?.slice(0, 2), ["l'attaquant français", 'kylian-mbappe']);
  t.same(said("« Nous ouvrons un nouveau chapitre avec l'Irak », s'est félicité Emmanuel Macron à Bagdad.", 'fr').map((x) => x[1]), ['Q3052772'], 'a reflexive verb reports');
  t.same(said("« La frontière restera ouverte », a souligné de son côté le président Emmanuel Macron.", 'fr').map((x) => x[0]), ['le président Emmanuel Macron'], 'the aside is no part of the speaker');
  t.same(said("L'armée a repris la ville, selon un haut responsable américain cité par l'agence Associated Press.", 'fr'), [['un haut responsable américain', null, true]]);
  t.same(said('The army retook the town, according to a senior U.S. intelligence official quoted by the Associated Press.', 'en'), [['a senior U.S. intelligence official', null, true]]);
  t.same(said('The Federal Reserve held rates on Wednesday. In a statement, the central bank said that inflation had eased but remained too high.', 'en').map((x) => x[1]), ['federal-reserve']);
});

t.test('« aurait-il répondu », « a rétorqué »: the conditional of hearsay and answers report', async (t) => {
  const said = (text: string) => extractQuotes(text, 'fr').map((q) => q.text);
  t.same(said("Le ministre a reçu les syndicats. « Nous ne céderons pas sur les retraites », aurait-il répondu."), ['Nous ne céderons pas sur les retraites']);
  t.same(said("« Ce texte ne passera pas en l'état », a rétorqué la présidente du groupe."), ["Ce texte ne passera pas en l'état"]);
});

t.test('initials in brackets are no verb («(آفاد)» folds like «أفاد»); "X\'s chief prosecutor, <a name>, said" is that person, not X', async (t) => {
  const said = (text: string, lang: string) => extractQuotes(text, lang, findEntities(text, { lang })).map((q) => [q.by ?? null, q.speaker?.id ?? null]);
  t.same(said('قال الرئيس التركي رجب طيب أردوغان إن الدولة ستعيد بناء المساكن المدمرة. وأعلنت إدارة الكوارث والطوارئ التركية (آفاد) أن عدد الضحايا تجاوز اثني عشر ألفا.', 'ar').map((x) => x[0]), [
    'الرئيس التركي رجب طيب أردوغان', 'إدارة الكوارث والطوارئ التركية',
  ]);
  t.same(said("The International Criminal Court's chief prosecutor, Karim Khan, said Monday that he was seeking arrest warrants.", 'en'), [["The International Criminal Court's chief prosecutor", null]]);
  t.same(said('The International Criminal Court said on Monday that it was seeking arrest warrants for three men.', 'en'), [['The International Criminal Court', 'Q47488']], 'the court itself still is');
});

t.test('the thirteenth batch\'s forms: a second predicate before a quotation, a dateline before the subject, a relative, a work\'s title', async (t) => {
  const said = (text: string, lang: string, at?: Date) => extractQuotes(text, lang, findEntities(text, { lang, ...(at ? { at } : {}) }), at).map((q) => [q.by ?? null, q.speaker?.id ?? null, q.unnamed === true]);
  t.same(said('وقال مصدر في الدفاع المدني إن الحريق نجم عن انفجار أسطوانة أكسجين. وأوقف رئيس الوزراء مصطفى الكاظمي وزير الصحة عن العمل، وقال في بيان: «ما حدث مساس بحياة العراقيين ولن يمر من دون محاسبة».', 'ar').at(-1), ['رئيس الوزراء مصطفى الكاظمي', 'mustafa-al-kadhimi', false], 'the sentence\'s subject, not the last speaker');
  t.same(said('Prime Minister Mustafa al-Kadhimi suspended the health minister and referred him for investigation, and said in a statement: "What happened is an attack on the lives of Iraqis."', 'en'), [['Prime Minister Mustafa al-Kadhimi', 'mustafa-al-kadhimi', false]], 'and the first predicate is no statement "a statement" made');
  t.same(said('WASHINGTON (Reuters) - The Federal Reserve raised interest rates again on Wednesday, saying that recent indicators of spending had softened.', 'en').map((x) => x[1]), ['federal-reserve'], 'past the dateline');
  t.same(said('وكان البابا قد التقى في النجف المرجع الديني الأعلى علي السيستاني، الذي أكد خلال اللقاء أن المسيحيين يجب أن يعيشوا في أمن وسلام.', 'ar').map((x) => x[1]), ['ali-al-sistani'], '«، الذي أكد … أن»');
  t.same(said('وأصدر المرصد تقريرا عن المدينة التي قال ناشطون إنها تعرضت لقصف عنيف طوال الليل.', 'ar'), [], '«التي قال ناشطون إنها» has a subject of its own: not read, as before');
  t.same(said('وشهدت أجنحة الأدب المترجم إقبالا لافتا، ولا سيما الطبعة الجديدة من رواية «مئة عام من العزلة» للكاتب الكولومبي.', 'ar'), [], 'a novel\'s title');
  t.same(said("« Nous ne faisons pas cela de gaieté de cœur », a confié une enseignante de Limoilou devant l'école.", 'fr'), [['une enseignante de Limoilou', null, true]], 'an unnamed teacher');
  t.same(said("Les deux pays ont convenu de renforcer leur coopération, selon un communiqué conjoint publié samedi.", 'fr').map((x) => x[2]), [false], 'a statement is no unnamed person');
  t.same(said('The talks will resume next month, a government spokesman said on Sunday.', 'en').map((x) => x[2]), [false], 'a spokesman speaks for a body');
  t.same(said('Microsoft is in talks to invest $10 billion in OpenAI, according to people familiar with the matter. The deal would value the start-up at $29 billion, one of the people said. According to a person briefed on the terms, Microsoft would receive most of the profits.', 'en').map((x) => x[2]), [true, true, true]);
  t.same(said("« La paix soit avec vous tous », a lancé le nouveau pape depuis la loggia de la basilique Saint-Pierre.", 'fr', new Date('2025-05-09')).map((x) => x[1]), ['pope-leo-xiv']);
});

t.test('the fourteenth batch\'s forms: « a averti jeudi la directrice générale du FMI » after what she said, the plural present, "some drivers", « le juge »', async (t) => {
  const said = (text: string, lang: string, at?: Date) => extractQuotes(text, lang, findEntities(text, { lang, ...(at ? { at } : {}) }), at).map((q) => [q.by ?? null, q.speaker?.id ?? null, q.unnamed === true]);
  t.same(said('La croissance mondiale devrait rester inférieure à 3 % ces cinq prochaines années, a averti jeudi la directrice générale du FMI.', 'fr', new Date('2023-04-06')), [['la directrice générale du FMI', 'kristalina-georgieva', false]]);
  t.same(said("Des proches du futur chef de l'État indiquent qu'il devrait nommer un Premier ministre dans les jours qui viennent.", 'fr').map((x) => x[2]), [true]);
  t.same(said('Some drivers said they had waited more than three hours for fuel on the only highway south.', 'en'), [['Some drivers', null, true]]);
  t.same(said("Le juge des référés a estimé que la mesure ne portait pas une atteinte grave à la liberté de culte.", 'fr').map((x) => x[0]), ['Le juge des référés'], '« juge » is no « jugé »');
});

t.test('the fifteenth batch\'s forms: «تعهد … بأن», sources interviewed by an agency, an official travelling, the imperfect of a story', async (t) => {
  const said = (text: string, lang: string) => extractQuotes(text, lang, findEntities(text, { lang })).map((q) => [q.by ?? null, q.speaker?.id ?? null, q.unnamed === true]);
  t.same(said('وتعهد الرئيس اللبناني جوزيف عون في خطاب القسم بأن تحتكر الدولة وحدها حق حمل السلاح.', 'ar').map((x) => x[1]), ['joseph-aoun']);
  t.same(said("D'après plusieurs économistes interrogés par l'AFP, les pays à faible revenu seront les plus touchés.", 'fr'), [['plusieurs économistes', null, true]], 'not AFP');
  t.same(said('An Iraqi official travelling with the delegation said the two sides had also discussed the coalition.', 'en').map((x) => x[2]), [true]);
  t.same(said("« Ma maison est peut-être en ruines, mais je rentre chez moi », confiait un père de famille près de Saïda.", 'fr').map((x) => x[2]), [true]);
  t.same(said("À Bruxelles, la Stib n'assurait qu'une poignée de lignes de métro pendant la grève des transports.", 'fr'), [], '« assurait » a service is no statement');
});

t.test('« Pour X, « … » »: a sentence opening with whose view it is gives the quotation its speaker; « Pour la première fois, » gives none', async (t) => {
  const said = (text: string, at: Date) => extractQuotes(text, 'fr', findEntities(text, { lang: 'fr', at }), at).map((q) => [q.by ?? null, q.speaker?.id ?? null, q.unnamed === true]);
  const at = new Date('2024-03-01');
  t.same(said("Emmanuel Macron a reçu mardi le chancelier allemand. Pour le chef de l'État, « l'Europe doit se réarmer sans attendre ».", at), [["le chef de l'État", 'Q3052772', false]]);
  t.same(said("Pour Olaf Scholz, « il n'est pas question d'envoyer des troupes ».", at), [['Olaf Scholz', 'Q61053', false]]);
  t.same(said('Pour un diplomate européen, « c\'est un tournant ».', at), [['un diplomate européen', null, true]]);
  t.same(said('Pour Jean Dupuis, « tout reste à faire ».', at), [['Jean Dupuis', null, false]], 'a name the gazetteer lacks');
  t.same(said('Pour la première fois, « Le Monde » publie ses comptes. Pour sa part, « rien ne change ».', at), [], 'no one’s view');
});

t.test('a quotation as what someone praised or called something ("described the deal as "…"", « a salué « … » ») is theirs; a thing so called is no one’s', async (t) => {
  const said = (text: string, lang: string, at: Date) => extractQuotes(text, lang, findEntities(text, { lang, at }), at).map((q) => [q.by ?? null, q.speaker?.id ?? null]);
  const at = new Date('2024-11-27');
  t.same(said('Le Premier ministre libanais a salué « une première étape essentielle vers le retour au calme ».', 'fr', at), [['Le Premier ministre libanais', 'najib-mikati']]);
  t.same(said('Antony Blinken described the deal as "a major breakthrough for the region".', 'en', at), [['Antony Blinken', 'antony-blinken']]);
  t.same(said('Jean Dupuis called the plan "a betrayal of every voter in the south".', 'en', at), [['Jean Dupuis', null]], 'a name the gazetteer lacks');
  t.same(said('A new party called "Forward Together For All" was launched in Erbil on Sunday.', 'en', at), [], 'a name given is no statement');
  t.same(said('Le ministre a dénoncé un « crime » commis à Gaza.', 'fr', at), [], 'a scare-quoted word stays one');
});

t.test('the sixteenth batch\'s forms: French present verbs, "cautioned", an adverb after a source, "one shopkeeper", «أحد التجار», a minister named after his title', async (t) => {
  const said = (text: string, lang: string, at = new Date('2024-01-01')) => extractQuotes(text, lang, findEntities(text, { lang, at }), at).map((q) => [q.text.slice(0, 24), q.by ?? null, q.speaker?.id ?? null, q.unnamed === true]);
  t.same(said("« Rien n'est réglé tant que tout n'est pas réglé », tempère un diplomate occidental.", 'fr').map((x) => x[3]), [true], '« tempère »');
  t.same(said("Le Fonds monétaire international a abaissé sa prévision. L'institution prévient que l'incertitude pourrait peser sur l'investissement.", 'fr').map((x) => x[2]), ['Q7804'], "« l'institution » is the fund");
  t.same(said('The WHO declared the emergency over. Experts cautioned that outbreaks are still occurring.', 'en').map((x) => x[1]), ['Experts']);
  t.same(said('According to diplomatic sources in Geneva, however, no such proposals are on the table.', 'en').map((x) => x[0]), ['no such proposals are on'], 'the adverb is the writer\'s');
  t.same(said('"We could do nothing but watch our livelihoods burn," one shopkeeper said, asking that his name not be used.', 'en').map((x) => [x[1], x[3]]), [['one shopkeeper', true]], 'his request is no statement');
  t.same(said('«خسرنا كل ما نملك في ساعة واحدة»، قال أحد التجار وهو يقف أمام محله المتفحم.', 'ar').map((x) => [x[1], x[3]]), [['أحد التجار', true]]);
  const minister = said('ونقلت وكالة الأنباء السعودية عن وزير الطاقة الأمير عبد العزيز بن سلمان قوله إن المملكة ستواصل الاستثمار. وقال الوزير في جلسة حوارية إن «العالم لا يستطيع أن يتخلى عن مصدر للطاقة».', 'ar', new Date('2021-10-25'));
  t.same(minister.map((x) => x[2]), ['abdulaziz-bin-salman', 'abdulaziz-bin-salman'], '«الوزير» is the minister named after his title');
  t.same(said("« Nous entrons dans une nouvelle ère », avait déjà averti la semaine précédente la directrice générale du FMI.", 'fr', new Date('2025-04-22')).map((x) => x[1]), ['la directrice générale du FMI'], 'the time phrase is no part of her');
  t.same(said('Prime Minister Mohammed Shia al-Sudani on Saturday said: "The road is a project for the whole region."', 'en', new Date('2023-05-27')).map((x) => x[1]), ['Prime Minister Mohammed Shia al-Sudani']);
  t.same(said("Au cabinet de la ministre, on soutient au contraire que l'offre est « la plus généreuse depuis vingt ans ».", 'fr').map((x) => [x[1], x[2]]), [['on', null]], 'the impersonal « on » is no one named before');
});

t.test('the seventeenth batch\'s forms: «…، الذي قال» after an unknown name, a colon after the verb, a French title in lower case, reasons for anonymity, « le club madrilène »', async (t) => {
  const said = (text: string, lang: string, at = new Date('2024-01-01')) => extractQuotes(text, lang, findEntities(text, { lang, at }), at).map((q) => [q.text.slice(0, 24), q.by ?? null, q.speaker?.id ?? null, q.unnamed === true]);
  const safadi = said('قال وزير الخارجية فؤاد حسين إن العراق يرفض أن تكون أراضيه منطلقا للاعتداء. وجاء ذلك خلال مؤتمر صحفي مع نظيره الأردني أيمن الصفدي، الذي قال من جهته إن "عمّان تقف إلى جانب العراق في كل ما يحفظ أمنه".', 'ar', new Date('2023-06-12'));
  t.same(safadi.map((x) => [x[1], x[2]]), [['وزير الخارجية فؤاد حسين', 'fuad-hussein'], ['نظيره الأردني أيمن الصفدي', null]], 'the relative\'s antecedent, not Fuad Hussein');
  t.same(said('والتقى الوزير بالرئيس عبد الفتاح السيسي، الذي قال إن "مصر مع العراق دائما في كل الظروف".', 'ar').map((x) => x[2]), ['abdel-fattah-el-sisi']);
  t.same(said('Addressing a crowd of some 200,000 people in St Peter\'s Square, the Pope said: "I come to you as a brother who wishes to serve."', 'en', new Date('2025-05-18')).map((x) => x[0]), ['I come to you as a broth'], 'what stands before "said:" is no statement');
  t.same(said("Le président Kaïs Saïed a rejeté jeudi les conditions du FMI. « Les diktats venus de l'étranger sont inacceptables », a-t-il déclaré.", 'fr').map((x) => x[2]), ['kais-saied'], 'the pronoun is the president the sentence before opens with');
  t.same(said('قال مسؤولان في قطاع النفط، طلبا عدم الكشف عن هويتيهما لعدم تخويلهما بالتصريح، إن استئناف الصادرات بات قريبا.', 'ar').map((x) => [x[1], x[3]]), [['مسؤولان في قطاع النفط', true]], 'the reason goes with the request');
  t.same(said("Le Real Madrid a officialisé l'arrivée de Kylian Mbappé. Dans un communiqué, le club madrilène a indiqué que l'attaquant s'était engagé pour cinq saisons.", 'fr').map((x) => x[2]), ['real-madrid']);
  t.same(said("L'institution estime toutefois que le poids de la dette continue de freiner l'investissement.", 'fr').map((x) => x[0]), ['le poids de la dette con'], '« toutefois » between the verb and « que »');
  t.same(said("« La reprise est réelle, mais trop lente », a résumé son économiste en chef pour l'Afrique, Andrew Dabalen.", 'fr').map((x) => x[1]), ["son économiste en chef pour l'Afrique"], '« en chef » is part of a title');
  t.same(said("« C'est une première dans l'histoire de l'aviation », a lancé l'aéronaute en s'extirpant du cockpit.", 'fr').map((x) => x[1]), ["l'aéronaute"], 'a gerund is no part of the speaker');
  t.same(said("« L'eau est montée jusqu'au plafond en moins d'une heure », raconte une habitante de Béni Khiar.", 'fr').map((x) => x[3]), [true], 'where she is from is no name');
  t.same(said("Le ministre saoudien de l'Énergie s'est dit soulagé : « Le marché avait besoin d'un signal fort. »", 'fr').map((x) => x[1]), ["Le ministre saoudien de l'Énergie"]);
  t.same(said("Le gouvernement fédéral, toujours en affaires courantes, dit suivre le dossier de près.", 'fr'), [], 'a verb after « dit » is no speaker');
});

t.test('the eighteenth batch\'s forms: a body\'s name after « selon », asides in the subject, a source after the speaker, a title that opens the attribution before, "which said"', async (t) => {
  const said = (text: string, lang: string, at = new Date('2024-01-01')) => extractQuotes(text, lang, findEntities(text, { lang, at }), at).map((q) => [q.text.slice(0, 24), q.by ?? null, q.speaker?.id ?? null]);
  t.same(said("Selon le Programme alimentaire mondial, près de 18 millions de personnes souffrent d'insécurité alimentaire.", 'fr').map((x) => x[2]), ['wfp'], 'not « selon le programme »');
  t.same(said('Selon le programme de la visite, le ministre arrivera lundi à Bagdad.', 'fr'), [], 'the schedule is no source');
  const pope = said("« Je viens à vous comme un frère », a déclaré le pape Léon XIV. Il a ensuite affirmé que l'Église devait être un ferment d'unité. Il a par ailleurs annoncé qu'une commission serait installée.", 'fr', new Date('2025-05-18'));
  t.same(pope.map((x) => x[2]), ['pope-leo-xiv', 'pope-leo-xiv', 'pope-leo-xiv'], '« ensuite », « par ailleurs » are no subject');
  const king = said("Le roi Mohammed VI a reconnu que le modèle ne parvenait plus à réduire les inégalités. « Nous ne pouvons pas nous satisfaire de cette croissance », a déclaré le souverain, selon le texte diffusé par l'agence MAP.", 'fr', new Date('2019-07-30'));
  t.same(king.map((x) => x[2]), ['mohammed-vi', 'mohammed-vi'], 'the king, not the agency that carried his words');
  t.same(said('قال الرئيس عبد الفتاح السيسي إن «الدولة لن تتخلى عن دعم الفئات الأولى بالرعاية». وأشار الرئيس إلى أن ما أنفق على البنية الأساسية يفوق ما أنفق في عقود.', 'ar').map((x) => x[2]), ['abdel-fattah-el-sisi', 'abdel-fattah-el-sisi'], '«الرئيس» after «الرئيس عبد الفتاح السيسي»');
  t.same(said('More than 18 million people in Sudan are facing acute hunger, according to the World Food Programme, which said on Tuesday that its convoys were still being blocked.', 'en').map((x) => x[2]), ['wfp', 'wfp'], '"which said" is the programme\'s');
  t.same(said('The minister, who said that all was well, left for Basra.', 'en'), [], 'an unknown antecedent reports nothing');
});

t.test('the nineteenth batch\'s forms: a bare title is the person the text gave it to, a short quotation with its comma inside the marks, a vocalised dateline, a title in apposition', async (t) => {
  const said = (text: string, lang: string, at = new Date('2024-01-01')) => extractQuotes(text, lang, findEntities(text, { lang, at }), at).map((q) => [q.text, q.by ?? null, q.speaker?.id ?? null]);
  const pope = said('النجف – أكد المرجع الديني الأعلى السيد علي السيستاني، خلال استقباله البابا فرنسيس في منزله، أن المسيحيين ينبغي أن يعيشوا في أمن وسلام. ومن جهته، قال البابا في بيان: «أشكر المرجعية التي رفعت صوتها دفاعا عن الضعفاء».', 'ar', new Date('2021-03-06'));
  t.same(pope.map((x) => x[2]), ['ali-al-sistani', 'Q450675'], '«البابا» is Pope Francis, named before');
  t.same(said('The pontiff said that the world needed peace. “Never again war,” he told the crowd.', 'en', new Date('2025-05-11')).map((x) => x[0]), ['the world needed peace', 'Never again war']);
  t.same(said('عمّان – بلغ عدد اللاجئين العائدين نحو 50 ألف لاجئ، وفقاً للمفوضية السامية للأمم المتحدة لشؤون اللاجئين.', 'ar').map((x) => x[0]), ['بلغ عدد اللاجئين العائدين نحو 50 ألف لاجئ'], 'the dateline is no part of it');
  t.same(said("Le président de la République, Kaïs Saïed, a rejeté jeudi les conditions du FMI. « Les diktats venus de l'étranger sont inacceptables », a-t-il lancé.", 'fr', new Date('2023-04-06')).map((x) => x[2]), ['kais-saied']);
});

t.test('the twentieth batch\'s forms: « a exhorté … à « … » », « a réaffirmé », "The statement added" after a body\'s statement', async (t) => {
  const said = (text: string, lang: string, at = new Date('2024-01-01')) => extractQuotes(text, lang, findEntities(text, { lang, at }), at).map((q) => [q.text, q.by ?? null, q.speaker?.id ?? null]);
  const un = said("À Bakou, le secrétaire général de l'ONU a exhorté mardi les pays riches à « mettre enfin l'argent sur la table » pour aider les États vulnérables. Il a estimé que l'objectif actuel était dépassé.", 'fr', new Date('2024-11-12'));
  t.same(un.map((x) => x[2]), ['Q311440', 'Q311440'], 'what he urged, in his words; then « Il »');
  t.same(said("Le président de la République, Abdelmadjid Tebboune, a réaffirmé samedi que l'Algérie ne recourra pas à l'endettement extérieur.", 'fr', new Date('2024-10-06')).map((x) => x[2]), ['abdelmadjid-tebboune']);
  t.same(said('The Central Bank of Iraq said in a statement on Sunday that card payments had doubled. The statement added that the bank would keep waiving fees.', 'en').map((x) => x[2]), ['central-bank-of-iraq', 'central-bank-of-iraq']);
  const carried = said('قررت الرئاسة الجزائرية تنظيم انتخابات رئاسية مسبقة يوم السابع من سبتمبر المقبل، وفق بيان بثته وكالة الأنباء الجزائرية مساء الخميس. وأوضح البيان أن القرار اتخذ خلال اجتماع ترأسه الرئيس.', 'ar');
  t.same(carried.filter((x) => String(x[0]).startsWith('القرار')).map((x) => x[2]), [null], 'a statement an agency carried is not the agency\'s');
});

t.test('the twenty-first batch\'s forms: a speaker named before a quotation outranks the agency that carried it; a name in apposition to a source', async (t) => {
  const said = (text: string, lang: string, at = new Date('2025-03-18')) => extractQuotes(text, lang, findEntities(text, { lang, at }), at).map((q) => [q.text, q.by ?? null, q.speaker?.id ?? null]);
  t.same(said('وقال الرئيس أحمد الشرع، خلال لقائه وفدا من رجال الأعمال في دمشق، إن "سوريا اليوم بلد الفرص، وأبوابها مفتوحة أمام كل من يريد أن يسهم في إعمارها"، بحسب ما نقلت الوكالة العربية السورية للأنباء (سانا).', 'ar').map((x) => x[2]), ['ahmed-al-sharaa'], 'not SANA');
  t.same(said("Selon le chef du gouvernement, Aziz Akhannouch, qui s'exprimait mardi matin, les orientations royales seront traduites sans délai en mesures concrètes.", 'fr').map((x) => x[0]), ['les orientations royales seront traduites sans délai en mesures concrètes'], 'the name is no part of what he said');
});
