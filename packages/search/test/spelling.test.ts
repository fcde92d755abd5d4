import t from 'tap';
import { applyCorrections, corrections } from '../src/spelling.ts';

/** The splice of "did you mean": what changes in a query and what never does (pure; the gateway's test runs it on Elasticsearch). */

const entry = (q: string, word: string, to?: string, score = 0.8, freq = 2) => {
  const offset = q.indexOf(word);
  return { text: word.toLowerCase(), offset, length: word.length, options: to ? [{ text: to, score, freq }] : [] };
};

t.test('each misspelt word is replaced where it stands; the rest of the query is kept as written', async (t) => {
  const q = '"Bagdad maraton" OR oli* -sprts NOT 2026';
  const list = corrections(q, {
    title: [entry(q, 'Bagdad', 'baghdad'), entry(q, 'maraton', 'marathon'), entry(q, 'OR', 'ore'), entry(q, 'oli', 'oil'), entry(q, 'sprts', 'sports'), entry(q, 'NOT', 'note'), entry(q, '2026', '2025')],
  });
  t.same(list.map((c) => [c.from, c.to]), [['Bagdad', 'baghdad'], ['maraton', 'marathon']], 'operators, a prefix, an excluded word and a number are left alone');
  t.equal(applyCorrections(q, list), '"baghdad marathon" OR oli* -sprts NOT 2026');
  t.equal(applyCorrections(q, list, (c) => (c.to === 'baghdad' ? 'Baghdad' : c.to)), '"Baghdad marathon" OR oli* -sprts NOT 2026', 'a spelling of its own for a word');
});

t.test('the best option of any field wins: the higher score, then the more frequent word', async (t) => {
  const q = 'elecshun';
  const pick = (title: [string, number, number], body: [string, number, number]) =>
    corrections(q, { title: [entry(q, 'elecshun', ...title)], body: [entry(q, 'elecshun', ...body)] })[0]?.to;
  t.equal(pick(['election', 0.75, 3], ['elections', 0.8, 1]), 'elections');
  t.equal(pick(['election', 0.8, 3], ['elections', 0.8, 9]), 'elections');
  t.equal(pick(['election', 0.8, 9], ['elections', 0.8, 3]), 'election');
  t.same(corrections(q, { title: [entry(q, 'elecshun')] }), [], 'no option: no correction');
  t.same(corrections(q, undefined), []);
});
