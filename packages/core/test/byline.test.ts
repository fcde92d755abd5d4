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

t.test('bylineNames with the outlet: a site crediting itself, or its publishing account, names no writer', async (t) => {
  const rafidain = { name: 'الرافدين نيوز', domain: 'rafidain-news.example' };
  const gulf = { name: 'Gulf Wire — Middle East', domain: 'gulfwire.example' };
  const baghdad = { name: 'بغداد اليوم - أخبار العراق', domain: 'baghdadtoday.news' };
  const cases: Array<[string, { name: string; domain: string }, string[]]> = [
    ['الرافدين نيوز', rafidain, []],
    ['الرافدين  نيوز ', rafidain, []],
    ['بغداد اليوم', baghdad, []], // the outlet's name before its tagline
    ['بغداد اليوم - أخبار العراق', baghdad, []],
    ['Baghdad Today', baghdad, []], // its domain's name
    ['Baghdad Today', { ...baghdad, domain: 'baghdad-today.example' }, []],
    ['Gulf Wire', gulf, []],
    ['GULF WIRE', gulf, []],
    ['admin', gulf, []],
    ['إدارة الموقع', rafidain, []],
    // A desk or a writer of the outlet is a byline; so is the outlet beside a writer, less the outlet.
    ['Gulf Wire staff', gulf, ['Gulf Wire staff']],
    ['Layla Haddad / Gulf Wire', gulf, ['Layla Haddad']],
    ['سيف الدليمي، الرافدين نيوز', rafidain, ['سيف الدليمي']],
    ['قسم الشؤون السياسية', baghdad, ['قسم الشؤون السياسية']],
    // A tagline is not the outlet's name, and another outlet is a credit.
    ['Middle East', gulf, ['Middle East']],
    ['Reuters', gulf, ['Reuters']],
  ];
  for (const [byline, outlet, names] of cases) t.same(bylineNames(byline, outlet), names, `${byline} of ${outlet.name}`);
  t.same(bylineNames('Rafidain', { name: 'Rafidain', domain: '127.0.0.1' }), [], 'an address as the domain is no name, the name still counts');
  t.same(bylineNames('admin'), ['admin'], 'without the outlet, the byline is read as written');
});
