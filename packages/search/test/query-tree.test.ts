import t from 'tap';
import { rng, testEsUrl, uniqueIndexPrefix } from '@akhbar/testkit';
import { createEsClient, parseQuery, queryBranches, simpleQuery, type QueryNode } from '../src/index.ts';

/**
 * The gateway widens each branch of a query with the entities it names; it must read the query's
 * structure exactly as Elasticsearch does. Checked against Elasticsearch itself: every subset of
 * five words is a document, and for hundreds of random queries (operators in words and symbols,
 * groups, unbalanced parentheses, repeated negations) the documents Elasticsearch finds are the
 * ones the parsed tree says, and the ones its branches (the form the expansion uses) say.
 */

const WORDS = ['alpha', 'bravo', 'charlie', 'delta', 'echo'];
const es = createEsClient(testEsUrl());
const index = `${uniqueIndexPrefix('qtree')}-words`;

t.before(async () => {
  await es.indices.create({ index, mappings: { properties: { text: { type: 'text', analyzer: 'whitespace' } } } });
  const ops = [];
  for (let mask = 0; mask < 32; mask++) {
    ops.push({ index: { _index: index, _id: String(mask) } }, { text: WORDS.filter((_, i) => mask & (1 << i)).join(' ') });
  }
  await es.bulk({ operations: ops, refresh: true });
});
t.teardown(async () => {
  await es.indices.delete({ index, ignore_unavailable: true });
  await es.close();
});

/** Does a document (its set of words) match a node? Phrases of one word only are generated. */
function matches(node: QueryNode, doc: ReadonlySet<string>): boolean {
  switch (node.kind) {
    case 'word':
    case 'phrase':
      return node.text.split(/\s+/).every((w) => doc.has(w));
    case 'not':
      return !matches(node.node, doc);
    case 'and':
      return node.nodes.every((n) => matches(n, doc));
    case 'or':
      return node.nodes.some((n) => matches(n, doc));
  }
}

const docWords = (mask: number) => new Set(WORDS.filter((_, i) => mask & (1 << i)));

function randomQuery(next: () => number): string {
  const pieces = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'OR', 'AND', 'NOT', '|', '+', '-', '(', ')', '"echo"', '--'];
  const n = 1 + Math.floor(next() * 9);
  let q = '';
  for (let i = 0; i < n; i++) {
    const p = pieces[Math.floor(next() * pieces.length)]!;
    // Sometimes glued to the previous piece ("(alpha", "-bravo", "alpha|bravo"), as people type.
    q += (q === '' || next() < 0.3 ? '' : ' ') + p;
  }
  return q;
}

t.test('parsed as Elasticsearch reads it: left to right, groups, negations', async (t) => {
  const next = rng(20261201);
  const queries = ['alpha OR bravo charlie', 'alpha bravo OR charlie', '(alpha OR bravo) charlie', 'alpha -(bravo charlie)', 'NOT (alpha OR bravo) echo', '--alpha', '(alpha OR', 'alpha)) OR bravo', '()alpha OR bravo'];
  while (queries.length < 400) queries.push(randomQuery(next));
  const searches = queries.flatMap((q) => [{ index }, { query: simpleQuery(q, ['text']), size: 32, _source: false }]);
  const { responses } = await es.msearch({ searches });
  let checked = 0;
  for (const [i, q] of queries.entries()) {
    const res = responses[i] as { hits?: { hits: Array<{ _id: string }> }; error?: unknown };
    if (!res.hits) {
      t.fail(`Elasticsearch refused ${JSON.stringify(q)}: ${JSON.stringify(res.error)}`);
      continue;
    }
    const found = res.hits.hits.map((h) => Number(h._id)).sort((a, b) => a - b);
    const tree = parseQuery(q);
    const expected = tree ? Array.from({ length: 32 }, (_, m) => m).filter((m) => matches(tree, docWords(m))) : [];
    if (JSON.stringify(found) !== JSON.stringify(expected)) {
      t.same(found, expected, `${JSON.stringify(q)} is read as Elasticsearch reads it`);
      continue;
    }
    // The branches say the same: a document matches some branch (all its words, none of what it excludes).
    const branches = queryBranches(q, 64);
    if (branches === undefined) continue;
    const viaBranches = Array.from({ length: 32 }, (_, m) => m).filter((m) =>
      branches.some((b) => b.positive.every((w) => docWords(m).has(w)) && b.negative.every((n) => matches(parseQuery(n)!, docWords(m)))),
    );
    if (tree && JSON.stringify(viaBranches) !== JSON.stringify(expected)) t.same(viaBranches, expected, `${JSON.stringify(q)}: its branches`);
    else checked++;
  }
  t.equal(checked, queries.length - queries.filter((q) => queryBranches(q, 64) === undefined).length, 'every query read alike, by its tree and by its branches');
  t.ok(checked > 300, `${checked} random queries checked`);
});

t.test('branches of a query', async (t) => {
  const text = (q: string) => queryBranches(q)?.map((b) => [...b.positive, ...b.negative].join(' '));
  t.same(text('Kadhimi OR Sudani Washington'), ['Kadhimi Washington', 'Sudani Washington'], 'OR then a word: the word is in both (left to right)');
  t.same(text('Washington Kadhimi OR Sudani'), ['Washington Kadhimi', 'Sudani']);
  t.same(text('(Kadhimi OR Sudani) AND Washington -Iran'), ['Kadhimi Washington -Iran', 'Sudani Washington -Iran']);
  t.same(text('"oil deal"~5 gas*'), ['oil deal gas'], 'a phrase gives its words; no * or ~N');
  t.same(text('a NOT (b OR c)'), ['a -(b | c)'], 'a negated group stays whole');
  t.same(queryBranches('(a OR b) (c OR d) (e OR f) (g OR h)'), undefined, 'more than 8 branches: not multiplied out');
  t.same(queryBranches('-Kadhimi')?.[0]?.excluded, ['Kadhimi']);
  t.same(queryBranches('   '), []);
});
