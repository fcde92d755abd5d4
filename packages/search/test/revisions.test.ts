import t from 'tap';
import { EnrichedArticleSchema, MAX_REVISIONS, type EnrichedArticle } from '@akhbar/core';
import { Value } from '@sinclair/typebox/value';
import { checkDocument, fromDocument, toDocument, withRevision, type PreviousVersion } from '../src/index.ts';
import { makeArticle } from './fixtures.ts';

/** What the index holds of `a` (PREVIOUS_VERSION_FIELDS), as the indexer reads it before an update. */
const indexed = (a: EnrichedArticle): PreviousVersion => {
  const d = toDocument(a) as Record<string, any>;
  return { title: d.title, summary: d.summary, body: d.body, fetchedAt: d.fetchedAt, flags: d.flags, ...(d.revisions ? { revisions: d.revisions } : {}) };
};

const first = makeArticle({
  lang: 'ar',
  title: 'مصادر: الكاظمي يحمل إلى واشنطن خريطة الفصائل',
  summary: 'كشفت مصادر مقربة من رئيس الوزراء عن خريطة سيحملها إلى البيت الأبيض.',
  body: 'كشفت مصادر مقربة من رئيس الوزراء عن خريطة سيحملها إلى البيت الأبيض. وقال مكتبه إن اللقاء يوم الخميس.',
  fetchedAt: '2026-08-14T08:00:00.000Z',
});
const later = (a: EnrichedArticle, minutes: number, change: Partial<Pick<EnrichedArticle, 'title' | 'summary' | 'body' | 'flags'>>): EnrichedArticle => ({
  ...a,
  ...change,
  fetchedAt: new Date(Date.parse(a.fetchedAt) + minutes * 60_000).toISOString(),
  flags: change.flags ?? ['update'],
});

t.test('an edited headline is kept as it was, with when the edit was seen and what it changed', async (t) => {
  const edited = later(first, 30, { title: 'الكاظمي يحمل إلى واشنطن خريطة انتشار الفصائل المسلحة' });
  const out = withRevision(edited, indexed(first));
  t.same(out.revisions, [{ seenAt: '2026-08-14T08:30:00.000Z', fields: ['title'], title: first.title }]);
  t.ok(Value.Check(EnrichedArticleSchema, out), 'still a valid enriched article');
  const doc = toDocument(out);
  t.equal(doc.editedAt, '2026-08-14T08:30:00.000Z');
  t.same(doc.edited, ['title']);
  t.equal(doc.title, edited.title, 'the document is the new version');
  t.doesNotThrow(() => checkDocument(doc), 'the mapping knows the fields');

  const again = later(edited, 90, { summary: 'مصادر: الخريطة تضم مواقع الفصائل المدعومة من إيران.', body: 'نص جديد بعد التصحيح.' });
  const twice = withRevision(again, indexed(out));
  t.same(twice.revisions!.map((r) => r.fields), [['title'], ['summary', 'body']], 'edits add up, oldest first');
  t.equal(twice.revisions![1]!.summary, first.summary, 'the summary before the second edit');
  t.equal(twice.revisions![1]!.title, undefined, 'an unchanged headline is not repeated');
  t.same(toDocument(twice).edited, ['title', 'summary', 'body']);
  t.equal(toDocument(twice).editedAt, again.fetchedAt);
});

t.test('no edit: nothing indexed yet, a replay of an older fetch, whitespace, a page that could not be read this time', async (t) => {
  t.equal(withRevision(later(first, 5, { title: 'عنوان آخر' }), undefined).revisions, undefined, 'a first version has no earlier one');
  t.equal(withRevision(first, indexed(later(first, 5, { title: 'عنوان آخر' }))).revisions, undefined, 'an older fetch replayed over a newer one');
  const update = later(first, 5, { title: 'عنوان آخر' });
  const done = withRevision(update, indexed(first));
  t.same(withRevision(update, indexed(done)).revisions, done.revisions, 'a retry of an update already indexed keeps the edit it recorded (an equal version overwrites)');
  t.equal(withRevision(later(first, 5, { title: `  ${first.title.replace(/ /g, '  ')} ` }), indexed(first)).revisions, undefined, 'spacing is no edit');
  const fromPage = { ...first, body: `${first.body} وأضاف المصدر تفاصيل أخرى من صفحة الخبر.`, flags: ['fulltext' as const] };
  t.equal(withRevision(later(first, 5, { flags: ['update', 'fulltext-failed'] }), indexed(fromPage)).revisions, undefined, 'the full text read before, the feed body now: no edit of the text');
  const kept = withRevision(later(first, 5, { title: 'عنوان آخر' }), indexed(first));
  const unchanged = withRevision(later(kept, 5, {}), indexed(toDocumentArticle(kept)));
  t.same(unchanged.revisions, kept.revisions, 'an update that changes nothing keeps the edits made before');
});

/** The article as it comes back from the index (re-enrichment's fromDocument), enrichment as it was. */
function toDocumentArticle(a: EnrichedArticle): EnrichedArticle {
  return { ...fromDocument(JSON.parse(JSON.stringify(toDocument(a))) as Record<string, unknown>), enrichment: a.enrichment };
}

t.test('re-enrichment and migrations keep the edits: fromDocument gives them back', async (t) => {
  const edited = withRevision(later(first, 30, { title: 'عنوان بعد التعديل' }), indexed(first));
  const back = fromDocument(JSON.parse(JSON.stringify(toDocument(edited))) as Record<string, unknown>);
  t.same(back.revisions, edited.revisions);
});

t.test(`at most ${MAX_REVISIONS} revisions: the first version and the latest edits`, async (t) => {
  let current = first;
  let prev = indexed(first);
  for (let i = 1; i <= MAX_REVISIONS + 5; i++) {
    current = withRevision(later(current, 10, { title: `${first.title} (${String(i)})` }), prev);
    prev = indexed(current);
  }
  const revs = current.revisions!;
  t.equal(revs.length, MAX_REVISIONS);
  t.equal(revs[0]!.title, first.title, 'the original headline stays');
  t.equal(revs.at(-1)!.title, `${first.title} (${String(MAX_REVISIONS + 4)})`, 'the latest edit is there');
  t.equal(revs[1]!.title, `${first.title} (${String(6)})`, 'the oldest edits after the first went');
});
