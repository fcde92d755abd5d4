import t from 'tap';
import { EnrichedArticleSchema, MAX_REVISION_TEXTS, MAX_REVISIONS, type EnrichedArticle } from '@akhbar/core';
import { Value } from '@sinclair/typebox/value';
import { EDIT_EXCERPT_CHARS, MAX_EDIT_EXCERPTS, checkDocument, editExcerpts, fromDocument, revisionSides, toDocument, withRevision, type PreviousVersion } from '../src/index.ts';
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
  t.equal(twice.revisions![1]!.body, first.body, 'and the text before it');
  t.equal(twice.revisions![0]!.body, undefined, 'a text the edit did not change is not kept');
  t.doesNotThrow(() => checkDocument(toDocument(twice)), 'the mapping takes a revision with its text');
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

/** The article after `n` edits of its text, each changing one figure, fetched 10 minutes apart. */
function textEdits(n: number): { article: EnrichedArticle; texts: string[] } {
  const texts = [first.body];
  let current = first;
  let prev = indexed(first);
  for (let i = 1; i <= n; i++) {
    const body = first.body.replace('الخميس', `الخميس ${String(i)} آب`);
    texts.push(body);
    current = withRevision(later(current, 10, { body }), prev);
    prev = indexed(current);
  }
  return { article: current, texts };
}

t.test(`earlier texts are kept on at most ${MAX_REVISION_TEXTS} edits: the first two and the latest, the others say only that the text changed`, async (t) => {
  const { article, texts } = textEdits(MAX_REVISION_TEXTS + 3);
  const revs = article.revisions!;
  t.equal(revs.length, MAX_REVISION_TEXTS + 3, 'every edit is still listed');
  t.ok(revs.every((r) => r.fields.includes('body')), 'each says the text changed');
  const kept = revs.flatMap((r, i) => (r.body !== undefined ? [i] : []));
  t.same(kept, [0, 1, ...Array.from({ length: MAX_REVISION_TEXTS - 2 }, (_, k) => revs.length - (MAX_REVISION_TEXTS - 2) + k)], 'the first two and the latest keep their text');
  t.same(kept.map((i) => revs[i]!.body), kept.map((i) => texts[i]), 'each the text as it was before that edit');
  t.ok(Value.Check(EnrichedArticleSchema, article), 'still a valid enriched article');
});

t.test('the versions either side of an edit: before as the edit kept it, after as the next edit of that field kept it, else the current version', async (t) => {
  const { article, texts } = textEdits(MAX_REVISION_TEXTS + 3);
  const revs = article.revisions!;
  const current = { title: article.title, summary: article.summary, body: article.body };
  t.same(revisionSides(revs, 0, current), { before: { body: texts[0] }, after: { body: texts[1] } }, 'the first edit: the text as first read, and as it left it');
  t.same(revisionSides(revs, revs.length - 1, current), { before: { body: texts.at(-2) }, after: { body: article.body } }, 'the latest: the text before it, and the current text');
  t.same(revisionSides(revs, 1, current), { before: { body: texts[1] }, after: {} }, 'the second edit: the text after it was let go, so there is no after');
  t.same(revisionSides(revs, 3, current), { before: {}, after: {} }, 'a middle edit: neither side kept');
  const titled = withRevision(later(article, 10, { title: 'عنوان جديد' }), indexed(article));
  const withTitle = titled.revisions!;
  const sides = revisionSides(withTitle, withTitle.length - 1, { title: titled.title, summary: titled.summary, body: titled.body });
  t.same(sides, { before: { title: first.title }, after: { title: 'عنوان جديد' } }, 'a headline edit: only the headline, not the unchanged text');
});

t.test('what an edit changed, as an alert tells it: each change taken out and put in, headline first, at most a few, each short', async (t) => {
  const revision = { seenAt: '2026-08-14T09:00:00.000Z', fields: ['title', 'body'] as Array<'title' | 'body'>, title: 'مقتل خمسة في انهيار جسر', body: 'انهار الجسر صباح اليوم وقتل خمسة. وقال المحافظ إن التحقيق بدأ.' };
  const after = { title: 'إصابة خمسة في انهيار جسر', body: 'انهار الجسر صباح اليوم وأصيب خمسة. وقال المحافظ إن التحقيق بدأ وإن المقاول أوقف.' };
  t.same(editExcerpts(revision, after, 'ar'), [
    { field: 'title', removed: 'مقتل', added: 'إصابة' },
    { field: 'body', removed: 'وقتل', added: 'وأصيب' },
    { field: 'body', added: 'وإن المقاول أوقف' },
  ]);
  t.same(editExcerpts(revision, { title: after.title }, 'ar'), [{ field: 'title', removed: 'مقتل', added: 'إصابة' }], 'a field whose version now is not known is left out');
  const many = Array.from({ length: 12 }, (_, i) => `جملة ${String(i)} قصيرة.`).join(' ');
  const changedAll = many.replace(/قصيرة/g, 'طويلة');
  t.equal(editExcerpts({ seenAt: revision.seenAt, fields: ['body'], body: many }, { body: changedAll }, 'ar').length, MAX_EDIT_EXCERPTS, `at most ${String(MAX_EDIT_EXCERPTS)} changes`);
  const long = editExcerpts({ seenAt: revision.seenAt, fields: ['body'], body: 'قديم' }, { body: 'جديد '.repeat(100) }, 'ar')[0]!;
  t.equal(long.added!.length, EDIT_EXCERPT_CHARS, `each side cut to ${String(EDIT_EXCERPT_CHARS)} characters`);
  t.ok(long.added!.endsWith('…'));
});
