import { articleId, contentHash, dirOf, type EnrichedArticle, type Entity } from '@akhbar/core';
import { toDocument, type Client } from '@akhbar/search';
import { pick } from './profile.ts';
import { rng } from '@akhbar/testkit';

/**
 * Synthetic multilingual articles, made by the same toDocument() the indexer uses, for indices
 * that must be big (the load test's 100,000) or exist without running the pipeline (the gateway
 * under hostile clients). Eight analysed languages, sources, entities, topics and dates spread
 * over a month, so filters, facets and sorts all have something to do.
 */

export const LANG_WORDS: Record<string, readonly string[]> = {
  ar: ['الحكومة', 'البرلمان', 'الانتخابات', 'النفط', 'الكهرباء', 'المياه', 'الزراعة', 'التعليم', 'الصحة', 'الاقتصاد', 'السوق', 'الدينار', 'المحافظة', 'الوزارة', 'المشروع', 'الطريق', 'الجسر', 'الميناء', 'الحصاد', 'المستشفى', 'الجامعة', 'المدينة', 'المواطنين', 'الأمن', 'الحدود', 'التجارة', 'الاستثمار', 'المطر', 'الجفاف', 'الرياضة', 'المنتخب', 'الدوري'],
  en: ['government', 'parliament', 'election', 'oil', 'electricity', 'water', 'farming', 'schools', 'health', 'economy', 'market', 'currency', 'province', 'ministry', 'project', 'road', 'bridge', 'port', 'harvest', 'hospital', 'university', 'city', 'residents', 'security', 'border', 'trade', 'investment', 'rain', 'drought', 'football', 'team', 'league'],
  fr: ['gouvernement', 'parlement', 'élections', 'pétrole', 'électricité', 'eau', 'agriculture', 'écoles', 'santé', 'économie', 'marché', 'monnaie', 'province', 'ministère', 'projet', 'route', 'pont', 'port', 'récolte', 'hôpital', 'université', 'ville', 'habitants', 'sécurité', 'frontière', 'commerce', 'investissement', 'pluie', 'sécheresse', 'football', 'équipe', 'championnat'],
  es: ['gobierno', 'parlamento', 'elecciones', 'petróleo', 'electricidad', 'agua', 'agricultura', 'escuelas', 'salud', 'economía', 'mercado', 'moneda', 'provincia', 'ministerio', 'proyecto', 'carretera', 'puente', 'puerto', 'cosecha', 'hospital', 'universidad', 'ciudad', 'vecinos', 'seguridad', 'frontera', 'comercio', 'inversión', 'lluvia', 'sequía', 'fútbol', 'equipo', 'liga'],
  de: ['Regierung', 'Parlament', 'Wahlen', 'Erdöl', 'Strom', 'Wasser', 'Landwirtschaft', 'Schulen', 'Gesundheit', 'Wirtschaft', 'Markt', 'Währung', 'Provinz', 'Ministerium', 'Projekt', 'Straße', 'Brücke', 'Hafen', 'Ernte', 'Krankenhaus', 'Universität', 'Stadt', 'Einwohner', 'Sicherheit', 'Grenze', 'Handel', 'Investitionen', 'Regen', 'Dürre', 'Fußball', 'Mannschaft', 'Liga'],
  tr: ['hükümet', 'meclis', 'seçim', 'petrol', 'elektrik', 'su', 'tarım', 'okullar', 'sağlık', 'ekonomi', 'piyasa', 'para', 'il', 'bakanlık', 'proje', 'yol', 'köprü', 'liman', 'hasat', 'hastane', 'üniversite', 'şehir', 'halk', 'güvenlik', 'sınır', 'ticaret', 'yatırım', 'yağmur', 'kuraklık', 'futbol', 'takım', 'lig'],
  fa: ['دولت', 'مجلس', 'انتخابات', 'نفت', 'برق', 'آب', 'کشاورزی', 'مدارس', 'سلامت', 'اقتصاد', 'بازار', 'ارز', 'استان', 'وزارت', 'پروژه', 'جاده', 'پل', 'بندر', 'برداشت', 'بیمارستان', 'دانشگاه', 'شهر', 'ساکنان', 'امنیت', 'مرز', 'تجارت', 'سرمایه', 'باران', 'خشکسالی', 'فوتبال', 'تیم', 'لیگ'],
  ru: ['правительство', 'парламент', 'выборы', 'нефть', 'электричество', 'вода', 'сельское', 'школы', 'здоровье', 'экономика', 'рынок', 'валюта', 'провинция', 'министерство', 'проект', 'дорога', 'мост', 'порт', 'урожай', 'больница', 'университет', 'город', 'жители', 'безопасность', 'граница', 'торговля', 'инвестиции', 'дождь', 'засуха', 'футбол', 'команда', 'лига'],
};
export const LANGS = Object.keys(LANG_WORDS);

const ENTITIES: Entity[] = [
  { id: 'Q796', type: 'country', name: 'Iraq', names: { ar: 'العراق', fr: 'Irak' }, count: 1, country: 'IQ', location: { lat: 33, lon: 44 } },
  { id: 'Q1530', type: 'place', name: 'Baghdad', names: { ar: 'بغداد', fr: 'Bagdad' }, count: 1, country: 'IQ', location: { lat: 33.3, lon: 44.4 } },
  { id: 'Q48195', type: 'place', name: 'Basra', names: { ar: 'البصرة', fr: 'Bassora' }, count: 1, country: 'IQ', location: { lat: 30.5, lon: 47.8 } },
  { id: 'Q794', type: 'country', name: 'Iran', names: { ar: 'إيران', fa: 'ایران' }, count: 1, country: 'IR', location: { lat: 32, lon: 53 } },
  { id: 'Q43', type: 'country', name: 'Turkey', names: { tr: 'Türkiye' }, count: 1, country: 'TR', location: { lat: 39, lon: 35 } },
  { id: 'Q7795', type: 'org', name: 'OPEC', names: { ar: 'أوبك' }, count: 1 },
  { id: 'Q-chaos-minister', type: 'person', name: 'Samir Haddad', names: { ar: 'سمير حداد' }, count: 1, country: 'IQ' },
];
const TOPICS = ['politics', 'economy', 'energy', 'health', 'education', 'environment', 'sport', 'security', 'agriculture', 'infrastructure'];
const COUNTRIES = ['IQ', 'IR', 'TR', 'SY', 'JO', 'SA', 'KW', 'FR', 'DE', 'ES', 'RU'];

/** The `i`-th synthetic article (deterministic for a given seed). */
export function syntheticArticle(i: number, seed: number, now = Date.now()): EnrichedArticle {
  const r = rng(seed * 1_000_003 + i);
  const lang = LANGS[i % LANGS.length]!;
  const words = LANG_WORDS[lang]!;
  const sentence = (n: number) => Array.from({ length: n }, () => pick(r, words)).join(' ');
  const source = i % 40;
  const domain = `wire${source}.chaos.test`;
  const url = `https://${domain}/${lang}/${seed}/${i}`;
  const title = `${sentence(6 + Math.floor(r() * 5))} ${i}`;
  const summary = `${sentence(20)}.`;
  const body = Array.from({ length: 3 + Math.floor(r() * 5) }, () => `${sentence(25 + Math.floor(r() * 20))}.`).join('\n\n');
  const entities = ENTITIES.filter(() => r() < 0.2).map((e) => ({ ...e, count: 1 + Math.floor(r() * 3) }));
  const publishedAt = new Date(now - Math.floor(r() * 30 * 86_400_000)).toISOString();
  const fetchedAt = new Date(Date.parse(publishedAt) + 60_000).toISOString();
  return {
    id: articleId(url),
    url,
    feedId: `fchaos${String(source).padStart(10, '0')}`,
    source: { id: `fchaos${String(source).padStart(10, '0')}`, name: `Wire ${source}`, domain, country: pick(r, COUNTRIES), lang },
    title,
    summary,
    body,
    categories: [pick(r, TOPICS)],
    publishedAt,
    fetchedAt,
    contentHash: contentHash([title, summary, body]),
    flags: [],
    enrichment: {
      lang,
      langConfidence: 0.95,
      dir: dirOf(lang),
      normalized: { title, body },
      entities,
      countries: [...new Set(entities.flatMap((e) => (e.country ? [e.country] : [])))],
      topics: [pick(r, TOPICS), pick(r, TOPICS)].filter((t, k, a) => a.indexOf(t) === k).map((id) => ({ id, score: Math.round(r() * 100) / 100 })),
      keywords: [pick(r, words), pick(r, words), pick(r, words)],
      extract: summary,
      wordCount: body.split(/\s+/).length,
      readingTimeSec: Math.ceil(body.split(/\s+/).length / 4),
      storyId: `s-chaos-${seed}-${Math.floor(i / 3)}`,
      provenance: { lang: { tagger: 'chaos-corpus', version: '1' } },
      enrichedAt: fetchedAt,
    },
  };
}

/** Bulk-load `count` synthetic articles into an index (or alias); returns the ids written. */
export async function loadCorpus(es: Client, index: string, count: number, seed: number, onProgress?: (done: number) => void): Promise<number> {
  const chunk = 2_000;
  let done = 0;
  for (let from = 0; from < count; from += chunk) {
    const operations: unknown[] = [];
    for (let i = from; i < Math.min(count, from + chunk); i++) {
      const doc = toDocument(syntheticArticle(i, seed));
      operations.push({ index: { _index: index, _id: doc.id } }, doc);
    }
    const res = await es.bulk({ operations, refresh: false, require_alias: true }, { requestTimeout: 300_000 });
    if (res.errors) {
      const first = res.items.find((it) => it.index?.error)?.index?.error;
      throw new Error(`bulk load failed: ${JSON.stringify(first).slice(0, 500)}`);
    }
    done += operations.length / 2;
    onProgress?.(done);
  }
  await es.indices.refresh({ index });
  return done;
}
