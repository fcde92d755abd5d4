import t from 'tap';
import { wordChanges, type WordChange } from '../src/index.ts';

/** A comparison put back together: without what was put in, the text before; without what was taken out, the text after. */
const sides = (changes: readonly WordChange[]) => ({
  before: changes.filter((c) => c.op !== 'added').map((c) => c.text).join(''),
  after: changes.filter((c) => c.op !== 'removed').map((c) => c.text).join(''),
});
const changed = (changes: readonly WordChange[]) => changes.filter((c) => c.op !== 'same').map((c) => [c.op, c.text.trim()]);
/** A long Arabic text of numbered paragraphs (a site's report, as Akhbar stores its text). */
const longText = (paragraphs: number, sep = '\n\n') =>
  Array.from({ length: paragraphs }, (_, i) => `الفقرة ${String(i)}: قال المتحدث باسم وزارة الموارد المائية إن مناسيب دجلة ارتفعت ${String(i % 9)} سنتيمترات، وإن الوزارة تتابع الإطلاقات من السدود التركية.`).join(sep);

t.test('what an edit changed, word by word: whole Arabic words, in reading order, both versions recoverable', async (t) => {
  const before = longText(600);
  const after = before.replace('الفقرة 300: قال المتحدث', 'الفقرة 300: أكد المتحدث').replace('الفقرة 512: قال', 'الفقرة 512: نفى');
  const changes = wordChanges(before, after, 'ar')!;
  t.same(changed(changes), [['removed', 'قال'], ['added', 'أكد'], ['removed', 'قال'], ['added', 'نفى']], 'the two words the site changed, nothing else');
  t.same(sides(changes), { before, after }, 'every character of both versions is in the runs');
  t.ok(changes.length <= 9, 'unchanged paragraphs are joined into runs, not listed one by one');
});

t.test('a text with no paragraph breaks is compared sentence by sentence, then word by word', async (t) => {
  const before = longText(600, ' ');
  t.ok(before.length > 50_000, 'one long paragraph');
  const after = before.replace('الفقرة 451: قال', 'الفقرة 451: أعلن');
  const changes = wordChanges(before, after, 'ar')!;
  t.same(changed(changes), [['removed', 'قال'], ['added', 'أعلن']]);
  t.same(sides(changes), { before, after });
});

t.test('out of time: the passages that changed are given whole, the rest as it was', async (t) => {
  const before = longText(40);
  const after = before.replace('الفقرة 7: قال', 'الفقرة 7: أعلن');
  let calls = 0;
  const lateClock = () => (calls++ === 0 ? 0 : 1_000);
  const changes = wordChanges(before, after, 'ar', lateClock)!;
  t.same(changed(changes).map(([op]) => op), ['removed', 'added'], 'the changed paragraph taken out and put in whole');
  t.match(changes.find((c) => c.op === 'removed')!.text, /^الفقرة 7: قال المتحدث .*التركية\.\n$/u);
  t.same(sides(changes), { before, after });
  t.equal(wordChanges('', '', 'ar')?.length, 0, 'two empty texts: nothing changed');
  t.same(wordChanges('', 'نص جديد', 'ar'), [{ op: 'added', text: 'نص جديد' }], 'a text where there was none: all of it put in');
});

t.test('a word put in or taken out beside others: both versions rebuilt exactly, spaces and all', async (t) => {
  const before = 'أعلنت الوزارة تسجيل أكثر من ٣٬٥٠٠ إصابة جديدة، أغلبها في بغداد والبصرة، ودعت المواطنين إلى الحذر.';
  const after = 'أعلنت الوزارة تسجيل ٤٬١٢٠ إصابة جديدة، أغلبها في بغداد والبصرة والنجف، ودعت المواطنين إلى الحذر.';
  const changes = wordChanges(before, after, 'ar')!;
  t.same(changed(changes), [['removed', 'أكثر من ٣٬٥٠٠'], ['added', '٤٬١٢٠'], ['added', 'والنجف']], 'a figure whole (its separators are part of it), a city added');
  t.same(sides(changes), { before, after }, 'an insertion loses no space on either side');
  t.same(sides(wordChanges(after, before, 'ar')!), { before: after, after: before }, 'nor a removal');
  const en = wordChanges('The minister said 12 people died in the blast.', 'The minister said at least 14 people were killed in the blast.', 'en')!;
  t.same(changed(en), [['removed', '12'], ['added', 'at least 14'], ['removed', 'died'], ['added', 'were killed']], 'a changed phrase is one run out and one in, not word, space, word');
});
