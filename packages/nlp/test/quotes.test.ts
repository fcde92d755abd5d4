import t from 'tap';
import type { Quote } from '@akhbar/core';
import { extractQuotes, getEntity, MAX_QUOTE_CHARS, MAX_QUOTES } from '@akhbar/nlp';

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
  t.same(q, [{ text: 'Our forces can secure the country on their own.', by: 'Kadhimi', speaker: KADHIMI }], '"He added" after it is not the attribution');
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
  t.same(extractQuotes('The minister said the deal was "historic" and called the militias "outlaws".', 'en'), []);
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
    extractQuotes('"The budget will be sent to parliament this week," Rana Haddad said. "Salaries will be paid on time," she added, "whatever happens to oil prices."', 'en').map((q) => q.by),
    ['Rana Haddad', 'Rana Haddad', 'Rana Haddad'],
    '"she added" between two quotations attributes both to the speaker before',
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
