import t from 'tap';
import { evaluateTagging, loadEvalSet } from '../eval/eval.ts';

t.test('the labelled evaluation set is what the issue asks for', async (t) => {
  const set = loadEvalSet();
  const count = (lang: string) => set.filter((a) => a.lang === lang).length;
  t.ok(set.length >= 60, `${String(set.length)} articles`);
  t.ok(count('ar') >= 20, 'at least 20 Arabic articles');
  t.ok(count('en') > 0 && count('fr') > 0, 'English and French too');
  t.equal(new Set(set.map((a) => a.id)).size, set.length, 'ids are unique');
  for (const a of set.filter((x) => ['ar', 'en', 'fr'].includes(x.lang))) {
    t.ok(a.entities && a.topics && a.topics.length > 0, `${a.id} is labelled with entities and topics`);
  }
});

t.test('quality floors: language ≥ 0.98, entity F1 ≥ 0.85, topic F1 ≥ 0.75', async (t) => {
  const r = evaluateTagging();
  t.ok(r.language.accuracy >= 0.98, `language accuracy ${r.language.accuracy.toFixed(3)}: ${JSON.stringify(r.language.errors)}`);
  t.ok(r.entities.f1 >= 0.85, `entity F1 ${r.entities.f1.toFixed(3)}`);
  t.ok(r.topics.f1 >= 0.75, `topic F1 ${r.topics.f1.toFixed(3)}`);
  for (const lang of ['ar', 'en', 'fr']) {
    t.ok((r.entities.byLang[lang]?.f1 ?? 0) >= 0.85, `entity F1 in ${lang}: ${(r.entities.byLang[lang]?.f1 ?? 0).toFixed(3)}`);
    t.ok((r.topics.byLang[lang]?.f1 ?? 0) >= 0.7, `topic F1 in ${lang}: ${(r.topics.byLang[lang]?.f1 ?? 0).toFixed(3)}`);
  }
});
