import t from 'tap';
import { tagTopics } from '../src/index.ts';

// Persian reports written for this test in the manner of Tehran's agencies: each should come out
// under the topic a Persian reader files it under, from the Persian lexicon (Persian words, not
// only the Arabic loanwords the other lexicons would catch).
const PERSIAN: Array<[string, string, string]> = [
  ['sport', 'تیم ملی فوتبال ایران در دیدار دوستانه عراق را شکست داد', 'تیم ملی فوتبال ایران شب گذشته در ورزشگاه آزادی با دو گل از سد عراق گذشت. سرمربی تیم ملی پس از مسابقه گفت بازیکنان برای جام ملت‌های آسیا آماده‌اند و هواداران باید به تیم اعتماد کنند.'],
  ['health', 'افزایش بیماران کرونایی در بیمارستان‌های اهواز', 'شمار بیماران مبتلا به کرونا در بیمارستان‌های اهواز در هفته گذشته دو برابر شد. معاون بهداشت دانشگاه علوم پزشکی از مردم خواست واکسن یادآور را دریافت کنند و در مکان‌های شلوغ ماسک بزنند.'],
  ['energy', 'خاموشی‌های تابستانی؛ مصرف برق رکورد زد', 'مصرف برق کشور دیروز به رکورد تازه‌ای رسید و چند نیروگاه به دلیل کمبود سوخت از مدار خارج شدند. وزارت نیرو می‌گوید برای جلوگیری از خاموشی گسترده، گاز بیشتری به نیروگاه‌ها تحویل می‌شود.'],
  ['economy', 'رشد صادرات غیرنفتی به عراق', 'صادرات غیرنفتی ایران به عراق در شش ماه نخست سال افزایش یافت. رئیس اتاق بازرگانی مشترک گفت تجارت دو کشور با وجود نوسان قیمت ارز و محدودیت‌های بانکی رو به رشد است.'],
  ['religion', 'آغاز پیاده‌روی زائران اربعین از مرز مهران', 'نخستین گروه‌های زائران اربعین از مرز مهران وارد عراق شدند و پیاده به سوی کربلا حرکت کردند. مسئولان می‌گویند امسال بیش از سه میلیون زائر برای زیارت حرم امام حسین به عراق سفر می‌کنند.'],
  ['education', 'نتایج کنکور سراسری اعلام شد', 'سازمان سنجش آموزش کشور نتایج کنکور سراسری را اعلام کرد. بیش از یک میلیون داوطلب در این آزمون شرکت کرده بودند و دانشگاه‌های دولتی امسال ظرفیت پذیرش دانشجو را افزایش داده‌اند.'],
  ['disaster', 'زلزله شش ریشتری غرب کشور را لرزاند', 'زمین‌لرزه‌ای به بزرگی شش ریشتر بامداد امروز استان کرمانشاه را لرزاند. هلال احمر تیم‌های امداد و نجات را به روستاهای آسیب‌دیده فرستاد و آوار چند خانه قدیمی برداشته شد.'],
  ['politics', 'مجلس لایحه بودجه را بررسی می‌کند', 'نمایندگان مجلس از هفته آینده بررسی لایحه بودجه سال آینده را آغاز می‌کنند. چند حزب اصلاح‌طلب و اصولگرا پیش از انتخابات مجلس درباره بندهای این لایحه با دولت اختلاف دارند.'],
];

t.test('Persian articles are filed under the topic a Persian reader would give them', async (t) => {
  for (const [topic, title, body] of PERSIAN) {
    const found = tagTopics(body, 'fa', title);
    t.equal(found[0]?.id, topic, `${title}: ${JSON.stringify(found.map((x) => x.id))}`);
  }
});

t.test('the Persian lexicon reads Persian words the Arabic one has not: «فوتبال», «کنکور», «خاموشی»', async (t) => {
  t.same(tagTopics('فوتبال فوتبال لیگ برتر سرمربی', 'fa').map((x) => x.id), ['sport']);
  t.same(tagTopics('کنکور دانشجو دانشگاه', 'fa').map((x) => x.id), ['education']);
  t.same(tagTopics('خاموشی نیروگاه برق', 'fa').map((x) => x.id), ['energy']);
  t.same(tagTopics('Il a neigé hier à Téhéran sous un ciel gris', 'fa'), [], 'another language\'s words are no Persian terms');
});

t.test('a census is society, OPEC and oil prices economy as well as energy, a cathedral religion', async (t) => {
  const ids = (text: string, lang: string, title: string) => tagTopics(text, lang, title).map((x) => x.id);
  t.ok(ids('Enumerators went door to door on Sunday as the country held its first census in thirty years, counting households province by province.', 'en', 'Country holds first census in three decades').includes('society'));
  t.ok(ids('Les agents recenseurs ont commencé la collecte dimanche ; le recensement de la population doit durer un mois.', 'fr', 'Le recensement général commence').includes('society'));
  t.ok(ids('بدأ العدادون جمع بيانات التعداد السكاني العام في المحافظات صباح اليوم.', 'ar', 'انطلاق التعداد العام للسكان').includes('society'));
  const opec = ids('OPEC and its allies agreed to keep oil output unchanged, and oil prices rose 2% on the news.', 'en', 'OPEC+ keeps output policy');
  t.ok(opec.includes('energy') && opec.includes('economy'), JSON.stringify(opec));
  t.ok(ids('La cathédrale a rouvert ses portes samedi en présence de l\'archevêque.', 'fr', 'La cathédrale rouvre').includes('religion'));
});

t.test('floods are weather as well as disaster; « Bombardier » is no bombing', async (t) => {
  const ids = (text: string, lang: string, title: string) => tagTopics(text, lang, title).map((x) => x.id);
  for (const [text, lang, title] of [
    ['Flash floods swept through the valley overnight after a day of heavy rain, and rescuers pulled families from the roofs of their houses.', 'en', 'Flash floods sweep valley'],
    ['اجتاحت السيول الجارفة عدة قرى بعد هطول أمطار غزيرة، وأنقذ الدفاع المدني عائلات علقت في منازلها.', 'ar', 'سيول جارفة تجتاح القرى'],
    ['Les inondations ont coupé plusieurs routes après des pluies diluviennes ; les secours ont évacué des familles entières.', 'fr', 'Inondations dans la vallée'],
  ] as const) {
    const got = ids(text, lang, title);
    t.ok(got.includes('weather') && got.includes('disaster'), `${lang}: ${JSON.stringify(got)}`);
  }
  t.notOk(ids("Bombardier a vendu sa participation restante dans le programme A220 à Airbus et au gouvernement du Québec.", 'fr', 'Bombardier se retire de l\'A220').includes('conflict'));
  t.ok(ids("L'aviation a bombardé plusieurs positions rebelles dans la nuit ; les bombardements ont repris à l'aube.", 'fr', 'Nouveaux bombardements').includes('conflict'), 'the bombing itself still is');
});

t.test('a strike on targets is conflict, a strike over pay labour', async (t) => {
  const ids = (text: string, title: string) => tagTopics(text, 'en', title).map((x) => x.id);
  const military = ids('U.S. Central Command said the strikes hit 85 targets at seven sites. Officials said more strikes would follow if the attacks on its bases went on.', 'U.S. strikes hit militia targets');
  t.ok(military.includes('conflict') && !military.includes('labour'), JSON.stringify(military));
  const pay = ids('Junior doctors began a five-day strike over pay on Tuesday, and hospitals cancelled thousands of operations as pickets formed outside.', 'Doctors walk out');
  t.ok(pay.includes('labour'), JSON.stringify(pay));
  t.notOk(pay.includes('conflict'), 'the walkout is no conflict');
});

t.test('the Arab League is no sports league', async (t) => {
  t.notOk(tagTopics("The Arab League met in Cairo on Sunday and called for a ceasefire; its secretary-general urged restraint.", 'en', 'Arab League calls for ceasefire').map((x) => x.id).includes('sport'));
  t.notOk(tagTopics('La Ligue arabe a appelé dimanche au cessez-le-feu lors de sa réunion au Caire.', 'fr', 'La Ligue arabe appelle au cessez-le-feu').map((x) => x.id).includes('sport'));
  t.ok(tagTopics('The league leaders won again on Sunday and the coach praised his players.', 'en', 'League leaders win again').map((x) => x.id).includes('sport'), 'a football league still is');
});

t.test('an energy story is economic news too when it speaks of money; a story about three subjects keeps them', async (t) => {
  const ids = (text: string, lang: string, title: string) => tagTopics(text, lang, title).map((x) => x.id);
  const cut = ids(
    'وزارة الطاقة أعلنت خفض إنتاج النفط الخام بنصف مليون برميل يوميا اعتبارا من الشهر المقبل، في خطوة تنسقها مع دول أوبك. وقالت إن الطاقة الإنتاجية للحقول الجنوبية ستبقى جاهزة. وارتفعت أسعار الخام في الأسواق بعد الإعلان.',
    'ar', 'خفض جديد لإنتاج النفط بنصف مليون برميل يوميا');
  t.same(cut, ['energy', 'economy'], 'an output cut that moved prices');
  const plant = ids(
    'Engineers switched on the third turbine of the gas-fired power plant on Monday, adding 400 megawatts to the grid before the summer peak in electricity demand.',
    'en', 'Third turbine of power plant goes online');
  t.same(plant, ['energy'], 'a power plant with no money in it is energy alone');
  const budget = ids(
    "Le gouvernement a présenté mardi au Parlement son projet de budget : les hôpitaux et les écoles recevront plus, les syndicats menacent d'une grève, l'armée voit ses crédits gelés et la police réclame des effectifs contre la criminalité.",
    'fr', 'Budget : hôpitaux, écoles, armée et police');
  t.ok(budget.length >= 3, `a story as much about three subjects keeps them: ${JSON.stringify(budget)}`);
});

t.test('a law passed is politics, not crime; a museum heist is crime; « remarcher » is no market', async (t) => {
  const ids = (text: string, lang: string, title: string) => tagTopics(text, lang, title).map((x) => x.id);
  const law = ids("L'Assemblée nationale a adopté mardi le projet de loi, qui réforme la loi sur la langue ; le gouvernement a défendu le texte face à l'opposition, et le vote a été acquis par 78 voix contre 29.", 'fr', 'La loi est adoptée par le Parlement');
  t.ok(law.includes('politics') && !law.includes('crime'), JSON.stringify(law));
  const tax = ids('صدر مرسوم سلطاني بإصدار قانون ضريبة الدخل على الأفراد، ويحدد القانون نسبة الضريبة وشرائح الدخل الخاضعة لها اعتبارا من عام 2028.', 'ar', 'مرسوم بإصدار قانون ضريبة الدخل');
  t.same(tax, ['economy'], 'a tax law is the economy');
  t.ok(ids("Des malfaiteurs ont dérobé dimanche des joyaux au musée du Louvre ; le butin est estimé à 88 millions d'euros et les cambrioleurs sont en fuite.", 'fr', 'Casse au Louvre : des joyaux dérobés').includes('crime'));
  t.notOk(ids("Grâce à un implant, un patient paraplégique a pu remarcher ; il marche désormais quelques mètres avec un déambulateur.", 'fr', 'Un paraplégique remarche').includes('economy'), 'walking is no market');
});

t.test('a stampede is a disaster; an energy story keeps its other subjects beside the economy', async (t) => {
  const ids = (text: string, lang: string, title: string) => tagTopics(text, lang, title).map((x) => x.id);
  t.ok(ids('لقي 78 شخصا على الأقل حتفهم في تدافع خلال توزيع مساعدات مالية في صنعاء، وأصيب العشرات.', 'ar', 'مقتل 78 شخصا في تدافع بصنعاء').includes('disaster'));
  t.ok(ids('At least 78 people were killed in a stampede at a charity distribution in Sanaa on Wednesday.', 'en', 'Stampede kills 78 in Sanaa').includes('disaster'));
  const jobs = ids('أغلق خريجون عاطلون عن العمل طريق حقل الرميلة النفطي للمطالبة بفرص عمل في الشركات النفطية، وقالوا إن الشركات تفضل العمالة الأجنبية.', 'ar', 'خريجون عاطلون يغلقون طريق حقل نفطي للمطالبة بفرص عمل');
  t.ok(jobs.includes('labour'), `jobless graduates stay labour: ${JSON.stringify(jobs)}`);
  const scores = tagTopics('أغلق خريجون عاطلون عن العمل طريق حقل الرميلة النفطي للمطالبة بفرص عمل في الشركات النفطية، وقالوا إن الشركات تفضل العمالة الأجنبية.', 'ar', 'خريجون عاطلون يغلقون طريق حقل نفطي للمطالبة بفرص عمل').map((x) => x.score);
  t.same(scores, [...scores].sort((a, b) => b - a), 'strongest first, the economy it gained too');
});
