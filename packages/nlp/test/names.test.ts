import t from 'tap';
import { getEntity, mayBeSameName, nameSkeleton, surnamesOf, tokenize } from '@akhbar/nlp';

t.test('a name has the same skeleton in Arabic script and in its usual romanisations', async (t) => {
  const same: Array<[string, string]> = [
    ['Rana Haddad', 'رنا حداد'], ['Sami Youssef', 'سامي يوسف'], ['Mustafa al-Kadhimi', 'مصطفى الكاظمي'], ['Moustafa al-Kazimi', 'مصطفى الكاظمي'],
    ['Ghassan Khalil', 'غسان خليل'], ['Gamal Abdel Nasser', 'جمال عبد الناصر'], ['Hadi Jaber', 'هادي جابر'], ['Nour Hamdan', 'نور حمدان'], ['Fatima Zahra', 'فاطمة الزهراء'],
  ];
  for (const [latin, arabic] of same) {
    t.equal(nameSkeleton(latin), nameSkeleton(arabic), `${latin} = ${arabic} (${nameSkeleton(latin)})`);
    t.ok(mayBeSameName(latin, arabic) && mayBeSameName(arabic, latin), `${latin} may be ${arabic}, either way round`);
  }
  for (const [a, b, why] of [
    ['Rana Haddad', 'رنا حمدان', 'other consonants'],
    ['Rana Haddad', 'رامي حداد', 'another first name'],
    ['Rana Haddad', 'Rana Hadad', 'the same script: a spelling, not a transliteration'],
    ['Ali', 'علي', 'one word: too short to offer'],
    ['Reuters', 'رويترز', 'one word'],
  ] as const) t.notOk(mayBeSameName(a, b), `${a} / ${b}: ${why}`);
});

t.test("a person's surnames: the last word of each of their names, as the tokenizer folds it", async (t) => {
  const sudani = getEntity('mohammed-shia-al-sudani')!;
  const got = surnamesOf(sudani);
  t.ok(got.includes('sudani'), `Latin: ${got.join(' ')}`);
  t.ok(got.some((s) => tokenize('السوداني')[0]!.norm === s), 'Arabic, folded as a query word is');
  t.same(surnamesOf({ name: 'Ali Al' }), [], 'a two-letter last word names too many people');
});

t.test('a monarch\'s style names his country, not his family: no surname "Jordan" for Abdullah II of Jordan', async (t) => {
  const s = surnamesOf({ name: 'Abdullah II of Jordan', names: { fr: 'Abdallah II de Jordanie' } });
  t.notOk(s.includes('jordan') || s.includes('jordanie'), JSON.stringify(s));
  t.same(surnamesOf({ name: 'Charles de Gaulle' }), ['gaulle'], '"de" in a surname stays');
  t.same(surnamesOf({ name: 'Salman of Saudi Arabia' }), ['salman']);
});
