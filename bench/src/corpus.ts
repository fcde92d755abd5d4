import { gazetteer, type KnownEntity } from '@akhbar/nlp';
import { rng } from '@akhbar/testkit';

/**
 * The benchmark corpus: N news articles in Arabic, English and French, 2–5 KB of body each,
 * written from sentence templates per topic with real names from the gazetteer (people,
 * organisations, cities, countries) so enrichment finds entities and topics the way it does on
 * real news. About one article in eight retells an earlier story from another source (same lede,
 * reworded tail) so story clustering has near-duplicates to join. Deterministic by seed: the
 * same (n, seed) gives byte-identical articles, feeds and pages on any machine.
 */

export type Lang = 'ar' | 'en' | 'fr';
export const LANGS: readonly Lang[] = ['ar', 'en', 'fr'];

export interface CorpusArticle {
  /** Position in the corpus (0-based). */
  n: number;
  lang: Lang;
  source: CorpusSource;
  /** Path on the source's site, e.g. `/politics/2024/00042-basra-talks`. */
  path: string;
  title: string;
  /** Paragraphs of the story. */
  paragraphs: string[];
  topic: string;
  author: string;
  /** ms since the epoch. */
  publishedAt: number;
  /** Index of the article this one retells, when it is a near-duplicate. */
  retells?: number;
}

export interface CorpusSource {
  id: string;
  name: string;
  lang: Lang;
  country: string;
}


const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

export const SOURCES: readonly CorpusSource[] = [
  { id: 'baghdad-today', name: 'Baghdad Today', lang: 'ar', country: 'IQ' },
  { id: 'al-mirbad', name: 'المربد', lang: 'ar', country: 'IQ' },
  { id: 'nile-daily', name: 'النيل اليوم', lang: 'ar', country: 'EG' },
  { id: 'levant-post', name: 'بريد الشام', lang: 'ar', country: 'LB' },
  { id: 'gulf-wire', name: 'Gulf Wire', lang: 'en', country: 'AE' },
  { id: 'capital-ledger', name: 'Capital Ledger', lang: 'en', country: 'GB' },
  { id: 'atlantic-desk', name: 'Atlantic Desk', lang: 'en', country: 'US' },
  { id: 'le-monde-arabe', name: 'Le Monde arabe', lang: 'fr', country: 'FR' },
  { id: 'maghreb-matin', name: 'Maghreb Matin', lang: 'fr', country: 'MA' },
];

const AUTHORS: Record<Lang, readonly string[]> = {
  ar: ['علي حسن', 'سارة الموسوي', 'كريم العبيدي', 'نور الهدى جاسم', 'عمر الراوي'],
  en: ['Jane Porter', 'Samir Haddad', 'Laura Chen', 'David Okafor', 'Maya Rossi'],
  fr: ['Claire Dubois', 'Karim Benali', 'Sophie Martin', 'Youssef Amrani', 'Élise Moreau'],
};

type Slots = { p: string; p2: string; c: string; c2: string; city: string; o: string; n: string; pct: string; day: string };

/** Sentences per topic and language; `{x}` are filled from the gazetteer and numbers. */
const TOPICS: Record<string, Record<Lang, { titles: string[]; sentences: string[] }>> = {
  politics: {
    ar: {
      titles: ['{p} يبحث مع {p2} ملفات الحوار الاستراتيجي في {city}', 'زيارة رسمية لرئيس الوزراء إلى {c} لبحث العلاقات الثنائية', 'البرلمان في {c} يناقش قانون الانتخابات الجديد'],
      sentences: [
        'وصل رئيس الوزراء {p} إلى {city} في زيارة رسمية تستمر {n} أيام يلتقي خلالها {p2} وعدداً من المسؤولين.',
        'وقال مكتب {p} في بيان إن المباحثات تناولت العلاقات الثنائية بين {c} و{c2} وملفات الأمن والاقتصاد والطاقة.',
        'ويرى مراقبون أن الحكومة تسعى إلى اتفاق يضمن دعم {o} قبل موعد الانتخابات المقبلة.',
        'وأكد وزير الخارجية أن الوفد سيناقش تشكيل لجان مشتركة لمتابعة الاتفاقات الموقعة خلال الزيارة.',
        'وشهدت جلسة مجلس النواب نقاشاً حاداً بين الكتل السياسية حول الموازنة والإصلاحات الدستورية.',
        'وأعلنت المفوضية أن نسبة المشاركة في الاقتراع بلغت {pct} بالمئة في المحافظات الجنوبية.',
      ],
    },
    en: {
      titles: ['{p} meets {p2} in {city} as strategic dialogue resumes', 'Prime minister travels to {c} for talks on bilateral ties', 'Parliament in {c} debates new election law'],
      sentences: [
        'Prime Minister {p} arrived in {city} on {day} for a {n}-day official visit, meeting {p2} and senior officials.',
        'A statement from the office of {p} said the talks covered relations between {c} and {c2}, security, the economy and energy.',
        'Analysts say the government wants an agreement that secures the support of the {o} before the next election.',
        'The foreign minister said the delegation would set up joint committees to follow up the agreements signed during the visit.',
        'Lawmakers clashed in parliament over the budget and constitutional reforms, with several parties threatening a boycott.',
        'The electoral commission said turnout reached {pct} percent in the southern provinces.',
      ],
    },
    fr: {
      titles: ['{p} reçoit {p2} à {city} pour relancer le dialogue stratégique', 'Le Premier ministre en visite officielle en {c}', 'Le parlement de {c} examine la nouvelle loi électorale'],
      sentences: [
        'Le Premier ministre {p} est arrivé à {city} {day} pour une visite officielle de {n} jours, au cours de laquelle il doit rencontrer {p2}.',
        'Selon un communiqué du bureau de {p}, les entretiens ont porté sur les relations entre {c} et {c2}, la sécurité, l’économie et l’énergie.',
        'Pour plusieurs analystes, le gouvernement cherche un accord qui lui assure le soutien de l’{o} avant les prochaines élections.',
        'Le ministre des Affaires étrangères a indiqué que la délégation mettrait en place des commissions conjointes.',
        'Les députés se sont opposés sur le budget et les réformes constitutionnelles, plusieurs partis menaçant de boycotter la séance.',
        'La commission électorale a annoncé un taux de participation de {pct} % dans les provinces du sud.',
      ],
    },
  },
  conflict: {
    ar: {
      titles: ['هجوم بطائرة مسيرة قرب {city} ومسؤولون يحملون الفصائل المسلحة المسؤولية', 'القوات الأمنية تطلق عملية عسكرية في محيط {city}'],
      sentences: [
        'أعلنت القوات الأمنية أن هجوماً بطائرة مسيرة استهدف قاعدة عسكرية قرب {city} من دون أن يسفر عن إصابات.',
        'واتهم مسؤولون فصائل مسلحة مدعومة من {c2} بالوقوف وراء الهجوم، فيما نفت الفصائل أي علاقة لها.',
        'وقال قائد العمليات إن القوات قتلت {n} مسلحين واعتقلت آخرين خلال عملية أمنية في المنطقة.',
        'ودعا {p} إلى حصر السلاح بيد الدولة ووقف الهجمات الصاروخية على البعثات الدبلوماسية.',
        'وأكد التحالف الدولي أن قواته ستواصل تدريب القوات المحلية في إطار الاتفاق الأمني مع {c}.',
      ],
    },
    en: {
      titles: ['Drone attack near {city}; officials blame armed factions', 'Security forces launch military operation around {city}'],
      sentences: [
        'Security forces said a drone attack targeted a military base near {city} on {day}, causing no casualties.',
        'Officials blamed militias backed by {c2} for the attack, while the armed groups denied any involvement.',
        'The operations commander said troops killed {n} militants and detained others during a security sweep.',
        '{p} called for weapons to be kept in the hands of the state and for an end to rocket attacks on embassies.',
        'The international coalition said its forces would keep training local troops under the security agreement with {c}.',
      ],
    },
    fr: {
      titles: ['Attaque de drone près de {city}, les factions armées mises en cause', 'Les forces de sécurité lancent une opération militaire autour de {city}'],
      sentences: [
        'Les forces de sécurité ont indiqué qu’une attaque de drone avait visé une base militaire près de {city} {day}, sans faire de victimes.',
        'Des responsables ont accusé des milices soutenues par {c2}, qui ont démenti toute implication.',
        'Le commandant des opérations a affirmé que les troupes avaient tué {n} combattants et arrêté plusieurs suspects.',
        '{p} a appelé à réserver les armes à l’État et à cesser les tirs de roquettes contre les ambassades.',
        'La coalition internationale a assuré que ses soldats continueraient de former les forces locales en {c}.',
      ],
    },
  },
  economy: {
    ar: {
      titles: ['{c} تعلن موازنة جديدة وسط تراجع أسعار النفط', 'البنك المركزي في {c} يرفع سعر الفائدة إلى {pct} بالمئة'],
      sentences: [
        'أعلنت وزارة المالية في {c} موازنة بقيمة {n} مليار دولار تعتمد على صادرات النفط بنسبة كبيرة.',
        'وقال البنك المركزي إن التضخم بلغ {pct} بالمئة، مؤكداً أنه سيواصل سياسته النقدية لحماية سعر الصرف.',
        'ويتوقع {o} أن ينمو الاقتصاد بنسبة متواضعة هذا العام بسبب تراجع الاستثمارات الأجنبية.',
        'وطالب رجال أعمال في {city} الحكومة بتسهيل القروض للشركات الصغيرة وخفض الضرائب على الاستيراد.',
        'وارتفعت أسعار المواد الغذائية في الأسواق المحلية مع تراجع قيمة العملة أمام الدولار.',
      ],
    },
    en: {
      titles: ['{c} unveils budget as oil prices slide', 'Central bank of {c} raises interest rate to {pct} percent'],
      sentences: [
        'The finance ministry of {c} unveiled a budget of {n} billion dollars that relies heavily on oil exports.',
        'The central bank said inflation reached {pct} percent and pledged to keep its monetary policy tight to defend the currency.',
        'The {o} expects the economy to grow modestly this year as foreign investment slows.',
        'Business owners in {city} urged the government to ease credit for small companies and cut import tariffs.',
        'Food prices rose in local markets as the currency weakened against the dollar.',
      ],
    },
    fr: {
      titles: ['{c} présente un budget sur fond de baisse du pétrole', 'La banque centrale de {c} relève son taux à {pct} %'],
      sentences: [
        'Le ministère des Finances de {c} a présenté un budget de {n} milliards de dollars, très dépendant des exportations de pétrole.',
        'La banque centrale a indiqué que l’inflation atteignait {pct} % et promis une politique monétaire prudente pour défendre la monnaie.',
        'Le {o} prévoit une croissance modeste cette année, les investissements étrangers ralentissant.',
        'Des chefs d’entreprise de {city} demandent au gouvernement de faciliter le crédit et de baisser les droits de douane.',
        'Les prix alimentaires ont augmenté sur les marchés locaux, la monnaie reculant face au dollar.',
      ],
    },
  },
  energy: {
    ar: {
      titles: ['{c} توقع اتفاقاً مع {o} لتطوير حقول الغاز', 'أزمة الكهرباء تتفاقم في {city} مع ارتفاع درجات الحرارة'],
      sentences: [
        'وقعت وزارة النفط في {c} اتفاقاً مع {o} لتطوير حقول الغاز ورفع الإنتاج إلى {n} ألف برميل يومياً.',
        'ويعاني سكان {city} من انقطاع التيار الكهربائي لساعات طويلة مع ارتفاع الطلب على الطاقة في الصيف.',
        'وقال مسؤول إن الحكومة تسعى إلى تقليل الاعتماد على الغاز المستورد من {c2} عبر مشاريع الطاقة الشمسية.',
        'وتراجعت صادرات النفط الخام بنسبة {pct} بالمئة بعد قرار أوبك خفض الإنتاج.',
      ],
    },
    en: {
      titles: ['{c} signs deal with {o} to develop gas fields', 'Power cuts worsen in {city} as temperatures soar'],
      sentences: [
        'The oil ministry of {c} signed a deal with {o} to develop gas fields and lift output to {n} thousand barrels a day.',
        'Residents of {city} face hours of power cuts as electricity demand peaks in the summer heat.',
        'An official said the government wants to reduce its reliance on gas imported from {c2} through solar power projects.',
        'Crude exports fell {pct} percent after OPEC decided to cut production.',
      ],
    },
    fr: {
      titles: ['{c} signe un accord avec {o} pour développer ses champs gaziers', 'Les coupures d’électricité s’aggravent à {city} avec la chaleur'],
      sentences: [
        'Le ministère du Pétrole de {c} a signé un accord avec {o} pour développer des champs gaziers et porter la production à {n} mille barils par jour.',
        'Les habitants de {city} subissent des coupures d’électricité de plusieurs heures en pleine canicule.',
        'Un responsable a indiqué que le gouvernement voulait réduire sa dépendance au gaz importé de {c2} grâce à l’énergie solaire.',
        'Les exportations de brut ont reculé de {pct} % après la décision de l’OPEP de réduire la production.',
      ],
    },
  },
  health: {
    ar: {
      titles: ['وزارة الصحة في {c} تعلن حملة تلقيح جديدة', 'مستشفيات {city} تعاني نقصاً في الأدوية'],
      sentences: [
        'أعلنت وزارة الصحة في {c} إطلاق حملة تلقيح تستهدف {n} ألف طفل في المحافظات.',
        'وقال أطباء في {city} إن المستشفيات تعاني نقصاً حاداً في الأدوية والمستلزمات الطبية.',
        'وأكدت {o} أنها سترسل شحنة من اللقاحات والمعدات لدعم القطاع الصحي.',
        'وسجلت السلطات {n} إصابة جديدة بالمرض خلال الأسبوع الماضي.',
      ],
    },
    en: {
      titles: ['Health ministry of {c} launches vaccination drive', 'Hospitals in {city} short of medicines'],
      sentences: [
        'The health ministry of {c} launched a vaccination campaign aimed at {n} thousand children across the provinces.',
        'Doctors in {city} said hospitals face a severe shortage of medicines and medical supplies.',
        'The {o} said it would send a shipment of vaccines and equipment to support the health sector.',
        'Authorities recorded {n} new cases of the disease over the past week.',
      ],
    },
    fr: {
      titles: ['Le ministère de la Santé de {c} lance une campagne de vaccination', 'Les hôpitaux de {city} manquent de médicaments'],
      sentences: [
        'Le ministère de la Santé de {c} a lancé une campagne de vaccination visant {n} mille enfants.',
        'Des médecins de {city} affirment que les hôpitaux manquent cruellement de médicaments.',
        'L’{o} a annoncé l’envoi de vaccins et d’équipements pour soutenir le système de santé.',
        'Les autorités ont recensé {n} nouveaux cas de la maladie la semaine dernière.',
      ],
    },
  },
  sport: {
    ar: {
      titles: ['منتخب {c} يفوز على {c2} في تصفيات كأس العالم', 'نادي {city} يتوج بلقب الدوري'],
      sentences: [
        'فاز منتخب {c} على نظيره منتخب {c2} بهدفين مقابل هدف في المباراة التي أقيمت في {city}.',
        'وسجل المهاجم هدف الفوز في الدقيقة {n} وسط هتافات آلاف المشجعين في الملعب.',
        'وقال المدرب إن اللاعبين قدموا أداء رائعاً وإن الفريق يستعد للمباراة المقبلة في البطولة.',
        'وبهذا الفوز يتصدر المنتخب مجموعته برصيد {n} نقاط.',
      ],
    },
    en: {
      titles: ['{c} beat {c2} in World Cup qualifier', '{city} club clinches league title'],
      sentences: [
        '{c} beat {c2} 2-1 in the match played in {city} on {day}.',
        'The striker scored the winning goal in the {n}th minute to the cheers of thousands of fans in the stadium.',
        'The coach said the players put in a superb performance and the team was preparing for the next tournament match.',
        'The win puts the team top of its group with {n} points.',
      ],
    },
    fr: {
      titles: ['{c} bat {c2} en qualifications pour la Coupe du monde', 'Le club de {city} remporte le championnat'],
      sentences: [
        '{c} a battu {c2} 2-1 lors du match disputé à {city} {day}.',
        'L’attaquant a marqué le but de la victoire à la {n}e minute sous les acclamations des supporters dans le stade.',
        'L’entraîneur a salué la performance des joueurs et prépare déjà le prochain match du tournoi.',
        'Avec cette victoire, l’équipe prend la tête de son groupe avec {n} points.',
      ],
    },
  },
};

const FILLER: Record<Lang, string[]> = {
  ar: [
    'وتأتي هذه التطورات في وقت تشهد فيه المنطقة توترات متصاعدة.',
    'ولم يصدر أي تعليق رسمي من {o} حتى ساعة إعداد هذا التقرير.',
    'وكان {p} قد أكد في تصريحات سابقة أهمية التعاون مع {c}.',
    'ويتابع المواطنون في {city} هذه التطورات باهتمام كبير.',
  ],
  en: [
    'The developments come at a time of rising tension in the region.',
    'There was no official comment from the {o} at the time of writing.',
    '{p} had earlier stressed the importance of cooperation with {c}.',
    'Residents of {city} are following the developments closely.',
  ],
  fr: [
    'Ces développements interviennent dans un contexte de tensions croissantes dans la région.',
    'L’{o} n’avait pas réagi officiellement au moment de la rédaction de cet article.',
    '{p} avait auparavant souligné l’importance de la coopération avec {c}.',
    'Les habitants de {city} suivent ces évolutions avec attention.',
  ],
};

const DAYS: Record<Lang, string[]> = {
  ar: ['الأحد', 'الاثنين', 'الثلاثاء', 'الأربعاء', 'الخميس'],
  en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday'],
  fr: ['dimanche', 'lundi', 'mardi', 'mercredi', 'jeudi'],
};

interface Pools {
  person: KnownEntity[];
  org: KnownEntity[];
  place: KnownEntity[];
  country: KnownEntity[];
}

let pools: Pools | undefined;
function entityPools(): Pools {
  if (pools) return pools;
  const all = gazetteer().all().filter((e) => LANGS.every((l) => e.names?.[l]));
  // A stable order whatever order the gazetteer builds in.
  all.sort((a, b) => a.id.localeCompare(b.id));
  const of = (t: string) => all.filter((e) => e.type === t);
  pools = { person: of('person'), org: of('org'), place: of('place'), country: of('country') };
  return pools;
}

function fill(template: string, s: Slots): string {
  return template.replace(/\{(p2|p|c2|c|city|o|n|pct|day)\}/g, (_m, k: keyof Slots) => s[k]);
}

/** UTF-8 size of a string. */
export function bytesOf(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

const TOPIC_IDS = Object.keys(TOPICS);
/** Body size bounds in UTF-8 bytes. */
export const MIN_BYTES = 2048;
export const MAX_BYTES = 5120;
const EPOCH = Date.UTC(2026, 0, 15, 6, 0, 0);

/** Build `n` articles, deterministic by `seed`. */
export function makeCorpus(n: number, seed = 1): CorpusArticle[] {
  const r = rng(seed);
  const p = entityPools();
  const out: CorpusArticle[] = [];
  for (let i = 0; i < n; i++) {
    const retell = i > 10 && r() < 0.12 ? Math.floor(r() * i) : undefined;
    const base = retell !== undefined ? out[retell]! : undefined;
    const lang: Lang = base?.lang ?? (r() < 0.45 ? 'ar' : r() < 0.6 ? 'en' : 'fr');
    const sources = SOURCES.filter((s) => s.lang === lang && s.id !== base?.source.id);
    const source = pick(r, sources);
    const topic = base?.topic ?? pick(r, TOPIC_IDS);
    const name = (e: KnownEntity) => e.names![lang]!;
    const slots: Slots = {
      p: name(pick(r, p.person)),
      p2: name(pick(r, p.person)),
      c: name(pick(r, p.country)),
      c2: name(pick(r, p.country)),
      city: name(pick(r, p.place)),
      o: name(pick(r, p.org)),
      n: String(2 + Math.floor(r() * 97)),
      pct: String(1 + Math.floor(r() * 60)),
      day: pick(r, DAYS[lang]),
    };
    const t = TOPICS[topic]![lang];
    // Body of 2–5 KB (UTF-8): a target in that range, never a paragraph past 5 KB.
    const target = MIN_BYTES + Math.floor(r() * (MAX_BYTES - MIN_BYTES));
    let title: string;
    let paragraphs: string[];
    if (base) {
      // Same headline and lede as the story it retells, then its own paragraphs.
      title = base.title;
      paragraphs = [base.paragraphs[0]!];
    } else {
      title = fill(pick(r, t.titles), slots);
      paragraphs = [];
    }
    // Paragraphs are joined by a blank line: no separator before the first.
    let size = paragraphs.reduce((s, x) => s + bytesOf(x) + 2, -2);
    while (size < target) {
      const used = new Set<string>();
      const sentences: string[] = [];
      const count = 2 + Math.floor(r() * 3);
      for (let k = 0; k < count; k++) {
        const pool = r() < 0.8 ? t.sentences : FILLER[lang];
        const template = pick(r, pool);
        if (used.has(template)) continue;
        used.add(template);
        const s = { ...slots, n: String(2 + Math.floor(r() * 97)), pct: String(1 + Math.floor(r() * 60)), c2: r() < 0.3 ? name(pick(r, p.country)) : slots.c2 };
        sentences.push(fill(template, s));
      }
      const para = sentences.join(' ');
      const grown = size + bytesOf(para) + 2;
      if (grown > MAX_BYTES && size >= MIN_BYTES) break;
      if (grown > MAX_BYTES) continue;
      paragraphs.push(para);
      size = grown;
    }
    const num = String(i).padStart(6, '0');
    const article: CorpusArticle = {
      n: i,
      lang,
      source,
      path: `/${topic}/2026/${num}`,
      title,
      paragraphs,
      topic,
      author: pick(r, AUTHORS[lang]),
      publishedAt: EPOCH + i * 37_000 + Math.floor(r() * 30_000),
    };
    if (retell !== undefined) article.retells = retell;
    out.push(article);
  }
  return out;
}

/** The plain body of an article (paragraphs separated by a blank line). */
export function bodyOf(a: CorpusArticle): string {
  return a.paragraphs.join('\n\n');
}
