import t from 'tap';
import { bylineNames } from '@akhbar/core';

t.test('bylineNames: the people a byline names, each once, without its "By"', async (t) => {
  const cases: Array<[string | undefined, string[]]> = [
    ['Rana Haddad', ['Rana Haddad']],
    ['By Rana Haddad and Sami Youssef', ['Rana Haddad', 'Sami Youssef']],
    ['By: Jane Doe', ['Jane Doe']],
    ['رنا حداد، سامي يوسف', ['رنا حداد', 'سامي يوسف']],
    ['بقلم: رنا حداد و سامي يوسف', ['رنا حداد', 'سامي يوسف']],
    ['Claire Martin et Jean Dupont', ['Claire Martin', 'Jean Dupont']],
    ['Ana Pérez y Luis Gómez', ['Ana Pérez', 'Luis Gómez']],
    ['Door Jan de Vries en Piet Jansen', ['Jan de Vries', 'Piet Jansen']],
    ['Rana Haddad / AFP', ['Rana Haddad', 'AFP']],
    ['A. Smith; B. Jones & C. Brown', ['A. Smith', 'B. Jones', 'C. Brown']],
    ['Rana Haddad, RANA HADDAD', ['Rana Haddad']],
    ['  — Sami Youssef  ', ['Sami Youssef']],
    ['Martin Luther King Jr.', ['Martin Luther King Jr.']],
    ['24/7 Staff', ['24/7 Staff']],
    ['Byron Smith', ['Byron Smith']],
    // An Arabic "و" joined to the next name is not split: too many names begin with it.
    ['رنا حداد وسامي يوسف', ['رنا حداد وسامي يوسف']],
    ['Staff and agencies', ['Staff and agencies']],
    ['Rana Haddad and agencies', ['Rana Haddad', 'agencies']],
    ['desk@wire.example', []],
    ['---', []],
    ['', []],
    [undefined, []],
  ];
  for (const [byline, names] of cases) t.same(bylineNames(byline), names, JSON.stringify(byline));
  t.equal(bylineNames(Array.from({ length: 30 }, (_, i) => `Writer ${String(i)}`).join(', ')).length, 10, 'at most ten names');
});
