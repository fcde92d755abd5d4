import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import type { RawArticle } from '@akhbar/core';
import { aliasSteps, enrichArticle, extractQuotes, findEntities, gazetteer, getEntity, loadEntitiesFile, parseEntityDefs, registerEntities, type OfficeDef } from '../src/index.ts';

// Written for this test in the manner of Iraqi and agency copy: a report names a person by office
// alone as often as by name, and a reader knows who held it the day it was written.
const AUG_2020 = new Date('2020-08-13T09:00:00Z');
const ids = (text: string, at?: Date) => findEntities(text, at ? { at } : {}).map((e) => e.id);

t.test('the curated offices: every holder and "of" is a known entity, terms in order and never overlapping, every title matchable', async (t) => {
  const offices = createRequire(import.meta.url)('../data/offices.json') as OfficeDef[];
  t.ok(offices.length >= 40, `${String(offices.length)} offices`);
  const seen = new Set<string>();
  for (const o of offices) {
    t.notOk(seen.has(o.id), `${o.id} once`);
    seen.add(o.id);
    t.same(parseEntityDefs(JSON.stringify([o]), o.id), [o], `${o.id} is valid as a user's file would be`);
    for (const h of o.holders) t.ok(getEntity(h.id), `${o.id}: holder ${h.id} is known`);
    if (o.of !== undefined) t.ok(getEntity(o.of), `${o.id}: of ${o.of} is known`);
    for (let i = 1; i < o.holders.length; i++) {
      const before = o.holders[i - 1]!;
      t.ok(before.to !== undefined && before.to <= o.holders[i]!.from, `${o.id}: ${before.id}'s term ends before ${o.holders[i]!.id}'s begins`);
    }
    for (const title of o.titles) t.ok(aliasSteps(title), `${o.id}: "${title}" can be matched`);
    for (const title of o.generic ?? []) t.ok(aliasSteps(title), `${o.id}: generic "${title}" can be matched`);
  }
  // A generic title two offices of one country (or one body) share could never say which.
  const byCountry = new Map<string, string>();
  for (const o of offices) {
    for (const title of o.generic ?? []) {
      const key = `${o.of ?? o.country!}|${title}`;
      t.notOk(byCountry.has(key), `${o.id}: "${title}" is no other ${o.of ?? o.country!} office's too (${byCountry.get(key) ?? ''})`);
      byCountry.set(key, o.id);
    }
  }
});

t.test('the seed\'s manner: «رئيس الوزراء العراقي» alone is the prime minister of the day', async (t) => {
  const text = 'وحددت السفارة الأمريكية في بغداد المحاور التي سيناقشها الرئيس الأمريكي ترامب مع رئيس الوزراء العراقي في العشرين من أغسطس الجاري.';
  const found = findEntities(text, { at: AUG_2020 });
  t.ok(found.some((e) => e.id === 'mustafa-al-kadhimi' && e.count === 1), 'Kadhimi, named by his office only');
  t.equal(found.find((e) => e.id === 'Q22686')?.count, 1, 'Trump once: «الرئيس الأمريكي ترامب» is his title and his name, one mention');
  t.ok(found.some((e) => e.id === 'Q796') && found.some((e) => e.id === 'Q30'), 'the offices\' countries, as «العراقي» and «الأمريكي» gave them before');
  t.ok(ids(text, new Date('2019-03-01')).includes('adil-abdul-mahdi'), 'in 2019: Abdul-Mahdi');
  t.ok(ids(text, new Date('2023-03-01')).includes('mohammed-shia-al-sudani'), 'in 2023: Sudani');
  const biden = ids(text, new Date('2022-03-01'));
  t.ok(biden.includes('Q22686') && !biden.includes('Q6279'), 'in 2022 the text still names Trump: the name, not the title, says who');
  t.notOk(ids(text).some((id) => id.startsWith('mustafa') || id.startsWith('mohammed-shia')), 'no date (a search query): the title is its country only');
  t.ok(ids(text).includes('Q796'));
});

t.test('the holder of the day in English and French; the title\'s organisation or region too', async (t) => {
  t.same(ids("Iraq's foreign minister arrived in Tehran on Saturday.", AUG_2020).sort(), ['Q3616', 'Q796', 'fuad-hussein'].sort());
  t.ok(ids('Le chef de la diplomatie iranienne a rencontré son homologue irakien.', AUG_2020).includes('mohammad-javad-zarif'));
  t.ok(ids('Le chef de la diplomatie iranienne a rencontré son homologue irakien.', new Date('2025-02-01')).includes('abbas-araghchi'));
  t.same(ids('The UN chief called for restraint.', AUG_2020).sort(), ['Q1065', 'Q311440'].sort());
  t.same(ids('The UN chief called for restraint.', new Date('2027-02-01')), ['Q1065'], 'after the term the curated data knows: the UN only');
  t.same(ids('سەرۆکی هەرێمی کوردستان سەردانی بەغدای کرد', AUG_2020).sort(), ['Q1530', 'kurdistan-region', 'nechirvan-barzani'].sort(), 'Sorani: the region and its president');
  t.same(ids('The US president spoke to reporters.', new Date('2021-06-01')).sort(), ['Q30', 'Q6279'].sort());
  t.same(ids('The US president spoke to reporters.', new Date('2025-06-01')).sort(), ['Q22686', 'Q30'].sort(), 'a second term, after a gap');
  t.same(ids('Italian Prime Minister visited Rome.', AUG_2020).sort(), ['Q220', 'Q38'].sort(), 'no holder the gazetteer knows that day: the country alone');
});

t.test('not the holder: former, late, deputy, designate, «السابق», «المكلف», «نائب»; a name beside the title says who', async (t) => {
  for (const text of [
    'وقال رئيس الوزراء العراقي السابق إن الحكومة أخطأت.',
    'وقال رئيس الوزراء العراقي المكلف إن تشكيل الحكومة قريب.',
    'واجتمع نائب رئيس الوزراء العراقي بالوفد.',
    'The former Iraqi prime minister said the government had failed.',
    'Iraqi Prime Minister-designate said talks were near an end.',
    "L'ancien Premier ministre irakien a critiqué le gouvernement.",
  ]) {
    const found = ids(text, AUG_2020);
    t.notOk(found.includes('mustafa-al-kadhimi'), `not Kadhimi: ${text}`);
    t.ok(found.includes('Q796'), `Iraq still: ${text}`);
  }
  t.same(ids('Iraqi Prime Minister Adil Abdul-Mahdi resigned.', AUG_2020).sort(), ['Q796', 'adil-abdul-mahdi'].sort(), 'the name beside the title');
  t.same(ids('Nouri al-Maliki, the former Iraqi prime minister, spoke.', AUG_2020).sort(), ['Q796', 'nouri-al-maliki'].sort());
  t.same(ids('وقال رئيس الوزراء العراقي الأسبق نوري المالكي', AUG_2020).sort(), ['Q796', 'nouri-al-maliki'].sort());
  t.ok(ids('وبحث رئيس الوزراء العراقي مع السوداني', new Date('2023-03-01')).includes('mohammed-shia-al-sudani'), 'the holder is context: «السوداني» is Sudani, not Sudan');
});

t.test('quotes: "Iraq\'s foreign minister said" is Fuad Hussein\'s on a day he held it', async (t) => {
  const en = '"We want balanced relations with all our neighbours," Iraq\'s foreign minister said on Thursday.';
  t.equal(extractQuotes(en, 'en', [], AUG_2020)[0]?.speaker?.id, 'fuad-hussein');
  t.equal(extractQuotes(en, 'en', [], new Date('2019-01-01'))[0]?.speaker, undefined, 'before his term: no one the gazetteer knows');
  t.equal(extractQuotes(en, 'en')[0]?.by, "Iraq's foreign minister", 'no date: the attribution as written, no speaker');
  t.equal(extractQuotes('وقال رئيس الوزراء العراقي في بيان: "لن نسمح بأي سلاح خارج إطار الدولة".', 'ar', [], AUG_2020)[0]?.speaker?.id, 'mustafa-al-kadhimi');
});

t.test('enrichment reads titles against the article\'s publication day', async (t) => {
  const article = (publishedAt: string): RawArticle => ({
    id: 'o1', url: 'https://example.org/o1', feedId: 'f1', source: { id: 'f1', name: 'Example', domain: 'example.org' },
    title: 'رئيس الوزراء العراقي يستقبل وزير الخارجية الإيراني في بغداد',
    summary: '', body: 'استقبل رئيس الوزراء العراقي في مكتبه ببغداد وزير الخارجية الإيراني، وبحث الجانبان العلاقات الثنائية وملف المياه.',
    categories: [], publishedAt, fetchedAt: publishedAt, contentHash: 'h', flags: [], langHint: 'ar',
  });
  const in2020 = enrichArticle(article('2020-09-02T08:00:00Z')).entities.map((e) => e.id);
  t.ok(in2020.includes('mustafa-al-kadhimi') && in2020.includes('mohammad-javad-zarif'), `2020: ${in2020.join(' ')}`);
  const in2024 = enrichArticle(article('2024-11-10T08:00:00Z')).entities.map((e) => e.id);
  t.ok(in2024.includes('mohammed-shia-al-sudani') && in2024.includes('abbas-araghchi'), `2024: ${in2024.join(' ')}`);
  t.equal(enrichArticle(article('2020-09-02T08:00:00Z')).entities.find((e) => e.id === 'mustafa-al-kadhimi')?.count, 2, 'each title a mention');
});

// Generic titles (OfficeDef.generic): «رئيس الحكومة» with no country, as the seed's Baghdad paper writes it.
const baghdadPaper = (title: string, body: string, country: string | undefined, publishedAt = '2020-08-13T09:00:00Z'): RawArticle => ({
  id: 'g1', url: 'https://example.iq/g1', feedId: 'f1', source: { id: 'f1', name: 'Example', domain: 'example.iq', ...(country ? { country } : {}) },
  title, summary: '', body, categories: [], publishedAt, fetchedAt: publishedAt, contentHash: 'h', flags: [], langHint: 'ar',
});
const entityIds = (a: RawArticle) => enrichArticle(a).entities.map((e) => e.id);

t.test('generic titles: «مكتب رئيس الحكومة» in a Baghdad paper is the Iraqi prime minister of the day', async (t) => {
  const body = 'وأعلن مكتب رئيس الحكومة تفاصيل الزيارة المرتقبة، وقال إن رئيس مجلس الوزراء سيبحث ملفات الطاقة والأمن.';
  const iq = enrichArticle(baghdadPaper('تفاصيل الزيارة المرتقبة', body, 'IQ'));
  t.equal(iq.entities.find((e) => e.id === 'mustafa-al-kadhimi')?.count, 2, 'both titles: Kadhimi in 2020, the text naming no country, the source Iraqi');
  t.notOk(iq.entities.some((e) => e.id === 'Q796'), 'the title alone names no country');
  t.ok(entityIds(baghdadPaper('تفاصيل الزيارة المرتقبة', body, 'IQ', '2023-05-01T09:00:00Z')).includes('mohammed-shia-al-sudani'), 'in 2023: Sudani');
  t.same(entityIds(baghdadPaper('تفاصيل الزيارة المرتقبة', body, undefined)), [], 'no country in the text nor the source: no one');
  t.notOk(entityIds(baghdadPaper('تفاصيل الزيارة المرتقبة', body, 'FR')).includes('mustafa-al-kadhimi'), 'a French source: not the Iraqi prime minister');
  // The country the text names most, over the source's.
  const beirut = 'وفي بيروت، قال رئيس الحكومة إن لبنان سيواصل المفاوضات مع صندوق النقد، وإن الحكومة اللبنانية ملتزمة بالإصلاحات.';
  const lb = entityIds(baghdadPaper('لبنان والإصلاحات', beirut, 'IQ', '2022-03-01T09:00:00Z'));
  t.ok(lb.includes('najib-mikati') && !lb.includes('mustafa-al-kadhimi'), `a Lebanese story in an Iraqi paper: Mikati (${lb.join(' ')})`);
  // The source's country, named at all, over the one named most: a paper writes its own government so.
  const debts = 'وزیر امور خارجه در تهران گفت ایران گاز و برق عراق را تأمین کرده و بدهی‌های عراق باید پرداخت شود. بخشی از برق بغداد و بصره با گاز ایران تولید می‌شود.';
  const tehran = findEntities(debts, { at: AUG_2020, country: 'IR' }).map((e) => e.id);
  t.ok(tehran.includes('mohammad-javad-zarif') && !tehran.includes('fuad-hussein'), `a Tehran paper on Iraq's debts: Iran's foreign minister (${tehran.join(' ')})`);
  t.ok(findEntities(debts, { at: AUG_2020 }).some((e) => e.id === 'fuad-hussein'), 'the same words from a source of no known country: the country named most, Iraq');
  // A title with its country before: the bare one after is that office's.
  const visit = findEntities('استقبل رئيس الحكومة اللبنانية في بيروت وفدا عراقيا، وقال رئيس الحكومة إن العراق شريك أساسي.', { at: new Date('2022-03-01'), country: 'IQ' });
  t.equal(visit.find((e) => e.id === 'najib-mikati')?.count, 2, 'Mikati twice, the Iraqi paper\'s bare title included');
  t.notOk(visit.some((e) => e.id === 'mustafa-al-kadhimi'), 'not the Iraqi prime minister');
  t.ok(ids('Iraq, Baghdad and Basra. The prime minister said Iraq was ready.', AUG_2020).includes('mustafa-al-kadhimi'), 'English, the text naming Iraq');
  t.ok(ids('Le Premier ministre a annoncé que l\'Irak et Bagdad étaient prêts.', AUG_2020).includes('mustafa-al-kadhimi'), 'French');
  t.ok(findEntities('رئیس جمهور گفت ایران آماده است.', { at: AUG_2020, country: 'IR' }).some((e) => e.id === 'hassan-rouhani'), 'Persian, an Iranian source');
  t.same(ids('وقال رئيس الحكومة إن العراق مستعد.'), ['Q796'], 'no date (a search query): no one');
});

t.test('generic titles: a holder the text names is who the title means; a title that says whose, or is not the holder\'s, is not read', async (t) => {
  const trump = findEntities('Trump met Iraqi officials in Washington. The president said Iraq, Baghdad and Basra were partners.', { at: AUG_2020 });
  t.equal(trump.find((e) => e.id === 'Q22686')?.count, 2, '"the president" after Trump is Trump, in a story about Iraq');
  t.notOk(trump.some((e) => e.id === 'barham-salih'), 'not the Iraqi president');
  t.ok(ids('Iraq, Baghdad and Basra. The president said Iraq was a partner.', AUG_2020).includes('barham-salih'), 'no president named: Iraq\'s');
  const retro = findEntities('استذكر الكاظمي زيارته إلى واشنطن عام 2020، وقال مكتب رئيس الحكومة آنذاك إن العراق كسب الكثير.', { at: new Date('2024-06-01'), country: 'IQ' });
  t.equal(retro.find((e) => e.id === 'mustafa-al-kadhimi')?.count, 2, 'a 2024 retrospective naming Kadhimi: the title is his, as a title with a country would be');
  t.notOk(retro.some((e) => e.id === 'mohammed-shia-al-sudani'), 'not the prime minister of 2024');
  const not = (text: string, why: string) => t.notOk(ids(text, AUG_2020).includes('mustafa-al-kadhimi'), why);
  const spain = ids('The prime minister of Spain said Iraq, Baghdad and Basra were safe.', AUG_2020);
  t.ok(spain.includes('pedro-sanchez') && !spain.includes('mustafa-al-kadhimi'), '"of" says whose: Spain\'s, not Iraq\'s');
  not('The prime minister of Kenya said Iraq, Baghdad and Basra were safe.', '"of" a country with no such office here: no one');
  not('قال رئيس الوزراء الماليزي إن العراق وبغداد والبصرة شركاء.', 'a gentilic the gazetteer may not know says whose');
  not('The former prime minister said Iraq, Baghdad and Basra were safe.', 'former');
  not('وقال نائب رئيس الوزراء إن العراق وبغداد والبصرة آمنة.', '«نائب»');
  not('The prime minister, Boris Johnson, said Iraq, Baghdad and Basra were safe.', 'a name beside it says who');
  t.notOk(ids('ورحب رئيس الوزراء البريطاني بالاتفاق بين العراق وبغداد والبصرة.', AUG_2020).includes('mustafa-al-kadhimi'), 'the specific title wins: Britain\'s');
  // Its words are read again for a body they begin, which also says whose the title is.
  registerEntities([{ id: 'test-transitional-government', type: 'org', country: 'SD', names: { ar: 'الحكومة الانتقالية السودانية' } }]);
  t.same(ids('وقال رئيس الحكومة الانتقالية السودانية إن العراق شريك.', AUG_2020).sort(), ['Q796', 'test-transitional-government'], 'the body named, no prime minister');
});

t.test('generic titles of a body: "the secretary-general" is the UN\'s in a story naming the UN, NATO\'s in one naming NATO', async (t) => {
  const at = new Date('2024-03-01');
  const un = ids('The United Nations called for calm. The secretary-general said the fighting must stop.', at);
  t.ok(un.includes('Q311440'), `Guterres: ${un.join(' ')}`);
  t.ok(ids('NATO allies met in Brussels. The secretary general said Ukraine would get more air defence.', at).includes('jens-stoltenberg'), 'Stoltenberg in March 2024');
  t.ok(ids('دعت الأمم المتحدة إلى التهدئة، وقال الأمين العام إن القتال يجب أن يتوقف.', at).includes('Q311440'), 'Arabic: «الأمين العام» after «الأمم المتحدة»');
  t.ok(ids('WHO warned of cholera. The director-general said vaccines were on their way.', at).includes('tedros-adhanom'), 'WHO');
  const both = ids('The United Nations and NATO met. The secretary-general said the fighting must stop.', at);
  t.notOk(both.includes('Q311440') || both.includes('jens-stoltenberg'), 'naming both bodies: neither');
  t.notOk(ids('وقال الأمين العام لمنظمة أوبك إن الأسواق مستقرة، فيما دعت الأمم المتحدة إلى التهدئة.', at).includes('Q311440'), '«لمنظمة أوبك» after it says whose: not the UN\'s');
  const nato = ids('وقال الأمين العام لحلف الناتو إن أوكرانيا ستحصل على دعم، فيما دعت الأمم المتحدة إلى التهدئة.', at);
  t.ok(nato.includes('jens-stoltenberg') && !nato.includes('Q311440'), `«لحلف الناتو» after it: NATO's, in a story naming the UN too (${nato.join(' ')})`);
  t.ok(ids('The secretary-general of NATO said Ukraine would get more air defence.', at).includes('jens-stoltenberg'), '"of NATO"');
  t.equal(findEntities('وقال الأمين العام في خطاب متلفز إن حزب الله لن يتراجع.', { at, country: 'LB' }).find((e) => e.id === 'hassan-nasrallah')?.count, 1, '«في خطاب» (in a speech) says nothing of whose: Hezbollah\'s, named after');
  t.notOk(ids('وقال رئيس الحكومة في إقليم كوردستان إن الرواتب ستصرف، وأكد العراق ذلك.', AUG_2020).includes('mustafa-al-kadhimi'), '«في إقليم كوردستان» says whose');
  t.ok(ids('وقال رئيس الحكومة في بيان إن العراق مستعد.', AUG_2020).includes('mustafa-al-kadhimi'), '«في بيان» does not');
});

t.test('generic titles: what follows says whose — "of Lebanon", a gentilic, «في» and a place at home or in a story with no home', async (t) => {
  const at = new Date('2022-03-01');
  t.ok(ids('The prime minister of Lebanon said the talks with the IMF went well.', at).includes('najib-mikati'), '"of Lebanon": Mikati');
  t.ok(ids('Le Premier ministre du Liban a dit que les réformes avancent.', at).includes('najib-mikati'), '« du Liban »');
  t.ok(ids('Le Premier ministre indien a dit que l\'Irak et Bagdad étaient prêts.', at).includes('Q1058'), '« indien »: Modi, in a story about Iraq');
  t.ok(ids('قال رئيس الوزراء الهندي إن العراق وبغداد والبصرة شركاء.', at).includes('Q1058'), '«الهندي»: Modi');
  const salih = findEntities('The president of Iraq, Barham Salih, met the president of Turkey in Ankara.', { at });
  t.ok(salih.some((e) => e.id === 'Q39259') && salih.some((e) => e.id === 'barham-salih'), `"the president of Turkey" is Erdogan, beside Iraq's (${salih.map((e) => e.id).join(' ')})`);
  // «في» and a place: whose, or where the holder is. At home (or with no home country) it is the place's.
  t.ok(ids('وقال رئيس الوزراء في بغداد إن الاتفاق مع واشنطن قريب.', AUG_2020).includes('mustafa-al-kadhimi'), '«رئيس الوزراء في بغداد», no source country: Iraq\'s');
  t.ok(findEntities('وقال رئيس الوزراء في البصرة إن مشاريع الكهرباء ستنجز قبل الصيف.', { at: AUG_2020, country: 'IQ' }).some((e) => e.id === 'mustafa-al-kadhimi'), 'an Iraqi paper\'s prime minister in Basra: its own');
  const paris = findEntities('التقى رئيس الوزراء في باريس الرئيس الفرنسي، وقال إن العراق يريد شراكة أوسع.', { at: AUG_2020, country: 'IQ' }).map((e) => e.id);
  t.notOk(paris.includes('mustafa-al-kadhimi') || paris.includes('Q1058'), `a place abroad in a story with a home country: the home's visiting, or the place's — not read (${paris.join(' ')})`);
});

t.test('monarchs by their titles alone: «جلالة الملك» in a Jordanian paper, « le Roi » in a Moroccan one, «أمير البلاد» in a Kuwaiti one', async (t) => {
  const at = new Date('2024-05-01');
  const has = (text: string, country: string | undefined, id: string) => findEntities(text, { at, ...(country ? { country } : {}) }).some((e) => e.id === id);
  t.ok(has('استقبل جلالة الملك في قصر الحسينية وفدا عراقيا، وأكد أن الأردن يدعم استقرار العراق.', 'JO', 'abdullah-ii'), 'Jordan: Abdullah II');
  t.ok(has('ترأس صاحب الجلالة مجلسا وزاريا في الرباط لبحث مشاريع المغرب.', 'MA', 'mohammed-vi'), '«صاحب الجلالة» in Morocco: Mohammed VI');
  t.ok(has('Le Roi a présidé un conseil des ministres à Rabat consacré au Maroc.', 'MA', 'mohammed-vi'), '« le Roi »');
  t.ok(has('وقال العاهل إن المملكة ماضية في رؤيتها.', 'SA', 'king-salman'), '«العاهل» in a Saudi paper: Salman');
  t.ok(has('أصدر أمير البلاد مرسوما بتشكيل الحكومة الكويتية الجديدة.', 'KW', 'mishal-al-ahmad'), '«أمير البلاد» in Kuwait: Mishal');
  t.ok(has('The sultan said Oman would mediate and Muscat would host the talks.', undefined, 'haitham-bin-tariq'), '"the sultan" in a story about Oman: Haitham');
  const named = findEntities('استقبل جلالة الملك عبدالله الثاني وفدا عراقيا في عمان.', { at, country: 'JO' });
  t.equal(named.find((e) => e.id === 'abdullah-ii')?.count, 1, 'the title with his name after it: the name says who, one mention');
  t.ok(named.some((e) => e.id === 'Q3805'), 'and «عمان» beside Jordan\'s king is Amman');
  t.notOk(findEntities('The king opened parliament in London, the first since the election.', { at, country: 'GB' }).some((e) => e.id === 'abdullah-ii' || e.id === 'mohammed-vi' || e.id === 'king-salman'), 'a British king: none of these (no office for him here)');
  t.notOk(has('زار وفد طلابي جامعة الملك سعود في الرياض.', 'SA', 'king-salman'), 'a bare «الملك» (King Saud University) is no title here');
});

t.test('a generic title of one\'s own: a governor\'s «المحافظ», read in a story naming his province', async (t) => {
  registerEntities(parseEntityDefs(JSON.stringify([
    { id: 'test-najaf-governor-holder', type: 'person', country: 'IQ', names: { en: 'A. Test', ar: 'عبد الاختبار' } },
    { id: 'test-najaf-governor', type: 'office', country: 'IQ', of: 'najaf', titles: ['محافظ النجف'], generic: ['المحافظ'], holders: [{ id: 'test-najaf-governor-holder', from: '2020-01-01' }] },
  ])));
  t.ok(ids('أعلن المحافظ أن النجف ستستقبل الزوار.', AUG_2020).includes('test-najaf-governor-holder'), 'a story naming Najaf');
  t.notOk(ids('أعلن المحافظ أن كربلاء ستستقبل الزوار.', AUG_2020).includes('test-najaf-governor-holder'), 'not one naming Karbala');
});

t.test('generic titles in quotes: «وقال رئيس الوزراء» is the prime minister the article means', async (t) => {
  const body = 'وأكد العراق أن بغداد مستعدة للحوار. وقال رئيس الوزراء في بيان: "لن نسمح بأي سلاح خارج إطار الدولة".';
  const iq = enrichArticle(baghdadPaper('بيان', body, 'IQ'));
  t.equal(iq.quotes?.find((q) => q.indirect !== true)?.speaker?.id, 'mustafa-al-kadhimi');
  const beirut = 'وقال رئيس الحكومة في بيروت إن "لبنان لن يتخلى عن الإصلاحات مهما كانت الضغوط"، مؤكدا أن الحكومة اللبنانية ماضية في خطتها.';
  t.equal(enrichArticle(baghdadPaper('لبنان', beirut, 'IQ', '2022-03-01T09:00:00Z')).quotes?.[0]?.speaker?.id, 'najib-mikati', 'a Lebanese story in an Iraqi paper');
  t.equal(extractQuotes(body, 'ar', [], AUG_2020)[0]?.speaker, undefined, 'nothing known of the article: no speaker');
  const nato = 'وقال الأمين العام لحلف الناتو إن "الحلفاء سيرسلون مزيدا من الدفاعات الجوية"، فيما دعت الأمم المتحدة إلى التهدئة.';
  t.equal(enrichArticle(baghdadPaper('الناتو', nato, 'IQ', '2024-03-01T09:00:00Z')).quotes?.[0]?.speaker?.id, 'jens-stoltenberg', '«لحلف الناتو» after the title says whose, in a story naming the UN too');
});

t.test('an entity\'s offices, in term order', async (t) => {
  t.same(getEntity('Q22686')?.offices?.map((o) => [o.office, o.from, o.to]), [['us-president', '2017-01-20', '2021-01-20'], ['us-president', '2025-01-20', undefined]]);
  t.same(getEntity('nechirvan-barzani')?.offices?.map((o) => o.office), ['krg-prime-minister', 'krg-president']);
  t.equal(getEntity('Q796')?.offices, undefined, 'a country holds none');
  t.equal(gazetteer().holderOf('iq-foreign-minister', AUG_2020)?.id, 'fuad-hussein');
  t.equal(gazetteer().holderOf('iq-foreign-minister', new Date('2019-01-01')), undefined);
});

t.test('offices of one\'s own in an entities file; a bad one is a coded error naming the entry', async (t) => {
  const defs = parseEntityDefs(JSON.stringify([
    { id: 'basra-governor-test', type: 'person', names: { en: 'Asaad al-Eidani', ar: 'أسعد العيداني' } },
    { id: 'basra-governor', type: 'office', country: 'IQ', names: { en: 'Governor of Basra' }, titles: ['Basra governor', 'محافظ البصرة'], holders: [{ id: 'basra-governor-test', from: '2017-08-01' }] },
  ]));
  registerEntities(defs);
  t.same(findEntities('وقال محافظ البصرة إن المشروع سينجز قريبا', { at: AUG_2020 }).map((e) => e.id), ['Q796', 'basra-governor-test']);
  t.same(getEntity('basra-governor-test')?.offices?.map((o) => o.office), ['basra-governor']);
  // An office the curated data has, given again: its terms replaced (a term the data still runs, ended).
  registerEntities(parseEntityDefs(JSON.stringify([{ id: 'iq-foreign-minister', type: 'office', country: 'IQ', titles: ["Iraq's foreign minister"], holders: [{ id: 'fuad-hussein', from: '2020-06-06', to: '2021-01-01' }] }])));
  t.equal(gazetteer().holderOf('iq-foreign-minister', AUG_2020)?.id, 'fuad-hussein');
  t.equal(gazetteer().holderOf('iq-foreign-minister', new Date('2022-01-01')), undefined, 'after the term the file ends');
  t.same(getEntity('fuad-hussein')?.offices?.map((o) => [o.office, o.to]), [['iq-foreign-minister', '2021-01-01']], 'one term, not two');
  t.same(ids('وزير الخارجية العراقي', AUG_2020), ['Q796'], 'the titles replaced too: the Arabic one is gone');
  const bad = (entry: unknown, message: RegExp) => t.throws(() => parseEntityDefs(JSON.stringify([entry])), { code: 'AKHBAR_NLP_ENTITIES_INVALID', message });
  bad({ id: 'x', type: 'office', titles: [], holders: [] }, /entry 0: "titles"/);
  bad({ id: 'x', type: 'office', titles: ['X chief'], holders: [{ id: 'Q76', from: '2009-13-01' }] }, /holder 0: "from"/);
  bad({ id: 'x', type: 'office', titles: ['X chief'], holders: [{ id: 'Q76', from: '2009-01-20', to: '2009-01-01' }] }, /holder 0: "to"/);
  bad({ type: 'office', titles: ['X chief'], holders: [] }, /"id"/);
  bad({ id: 'x', type: 'office', titles: ['X chief'], generic: ['the chief'], holders: [] }, /"generic" titles needs a "country"/);
  bad({ id: 'x', type: 'office', country: 'IQ', titles: ['X chief'], generic: [''], holders: [] }, /"generic" must be/);
  const dir = mkdtempSync(join(tmpdir(), 'akhbar-offices-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'entities.json');
  writeFileSync(file, JSON.stringify([{ id: 'ghost-office', type: 'office', titles: ['Ghost chief'], holders: [{ id: 'nobody-known', from: '2020-01-01' }] }]));
  t.throws(() => loadEntitiesFile(file), { code: 'AKHBAR_NLP_ENTITIES_INVALID', message: /"nobody-known" is no entity/ });
});

t.test('the text\'s own holder: a bare title is the one holder it names, unless named as a former one', async (t) => {
  const NOW = new Date('2026-11-29T09:00:00Z');
  const headline = 'السفارة الأمريكية في بغداد: الأمن والطاقة على طاولة ترامب والكاظمي\nحددت السفارة الأمريكية أبرز الملفات التي سيبحثها الرئيس ترامب مع رئيس الوزراء العراقي.';
  const found = ids(headline, NOW);
  t.ok(found.includes('mustafa-al-kadhimi') && !found.includes('mohammed-shia-al-sudani'), 'the headline names Kadhimi: the title in the text is he, whatever the day');
  t.equal(findEntities(headline, { at: NOW }).find((e) => e.id === 'mustafa-al-kadhimi')?.count, 2, 'his name and his title');
  const retro = ids('Looking back: in 2020 Mustafa al-Kadhimi went to Washington. The Iraqi prime minister met Trump at the White House.', new Date('2024-05-01'));
  t.ok(retro.includes('mustafa-al-kadhimi') && !retro.includes('mohammed-shia-al-sudani'), 'a retrospective');
  const current = ids('وانتقد رئيس الوزراء السابق مصطفى الكاظمي الحكومة، فيما رد رئيس الوزراء العراقي بأن الإصلاحات مستمرة.', new Date('2023-05-01'));
  t.ok(current.includes('mohammed-shia-al-sudani'), 'a holder named as a former one is not the bare title: the day\'s holder is');
  const two = ids('Nouri al-Maliki and Mustafa al-Kadhimi were both invited. The Iraqi prime minister spoke first.', new Date('2023-05-01'));
  t.ok(two.includes('mohammed-shia-al-sudani'), 'two holders named: the day\'s');
});

t.test('a name that is also a word is no holder the text names: the title stays the day\'s holder', async (t) => {
  // «السوداني» is Sudani or "the Sudanese": ambiguous, it cannot say who the title means.
  const found = findEntities('واستقبل رئيس الوزراء العراقي رئيس أركان الجيش السوداني في بغداد.', { at: new Date('2021-03-01') });
  t.equal(found.find((e) => e.id === 'mustafa-al-kadhimi')?.count, 1, 'the title is Kadhimi, PM in 2021');
});

t.test('"the U.N. nuclear watchdog" is the IAEA, not the UN, and its head the IAEA\'s director general', async (t) => {
  const at = new Date('2023-03-01T12:00:00Z');
  const ids = (text: string, lang = 'en') => findEntities(text, { lang, at }).map((e) => e.id);
  const watchdog = ids('The U.N. nuclear watchdog said its inspectors had found uranium particles at Fordow.');
  t.ok(watchdog.includes('iaea') && !watchdog.includes('Q1065'), watchdog.join(','));
  t.ok(ids('The head of the U.N. nuclear watchdog said Iran had agreed to more inspections.').includes('rafael-grossi'));
  t.ok(ids("Le patron du gendarme onusien du nucléaire s'est rendu à Téhéran.", 'fr').includes('rafael-grossi'));
  t.ok(ids('U.N. Secretary-General Antonio Guterres said the talks would resume.').includes('Q1065'), 'the UN itself still is');
});

t.test('a body\'s office by a possessive or "of the organisation": its own, in a story naming the body', async (t) => {
  const at = new Date('2024-03-01');
  t.ok(ids('The WHO warned of cholera in Sudan. Its director-general said vaccines were on their way.', at).includes('tedros-adhanom'));
  t.ok(ids("L'OMS a recommandé le vaccin. « C'est un jour historique », a déclaré son directeur général.", at).includes('tedros-adhanom'));
  t.ok(ids("La Ligue arabe s'est réunie au Caire. Le secrétaire général de l'organisation a appelé au cessez-le-feu.", at).includes('ahmed-aboul-gheit'), "« de l'organisation » refers back");
  t.ok(ids('اجتمعت جامعة الدول العربية في القاهرة، وقال الأمين العام للجامعة إن الوضع خطير.', at).includes('ahmed-aboul-gheit'), '«للجامعة» refers back');
  t.notOk(ids("La Ligue arabe s'est réunie au Caire. Le secrétaire général de l'Organisation de la coopération islamique a appelé au calme.", at).includes('ahmed-aboul-gheit'), 'a name that goes on says whose');
  t.notOk(ids('Its director-general said vaccines were on their way.', at).includes('tedros-adhanom'), 'no body named: no one');
});

t.test('the Pope by title: "the pontiff", "the Pope", «بابا الفاتيكان» are the pope of the day; "Pope John Paul II" and Alexander Pope are not', async (t) => {
  t.ok(ids('The pontiff celebrated Mass in Erbil.', new Date('2021-03-07')).includes('Q450675'), 'Francis in 2021');
  t.ok(ids('The Pope arrived in Beirut on Sunday.', new Date('2025-11-30')).includes('pope-leo-xiv'), 'Leo XIV in 2025');
  t.ok(ids('وصل بابا الفاتيكان إلى بغداد.', new Date('2010-01-01')).includes('pope-benedict-xvi'), 'Benedict XVI in 2010');
  t.notOk(ids('Pope John Paul II visited Iraq in 1999.', new Date('2024-01-01')).includes('Q450675'));
  t.notOk(ids('An essay by Alexander Pope was read aloud.', new Date('2024-01-01')).includes('Q450675'));
  t.same(extractQuotes('Pope Francis met the grand ayatollah. The pontiff also said that Iraq needed peace above all.', 'en', [], new Date('2021-03-07')).map((q) => q.speaker?.id), ['Q450675']);
});

t.test('"Britain\'s new prime minister" is the holder as "Britain\'s prime minister" is', async (t) => {
  t.ok(ids("Britain's new prime minister scrapped the Rwanda plan on his first full day in office.", new Date('2024-07-06')).includes('keir-starmer'));
  t.ok(ids("Iraq's new prime minister promised to fight corruption.", new Date('2022-10-28')).includes('mohammed-shia-al-sudani'));
});
