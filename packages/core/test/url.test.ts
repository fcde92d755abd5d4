import t from 'tap';
import { articleId, canonicalUrl, countryOfHost } from '@akhbar/core';

t.test('canonicalUrl drops tracking parameters and fragments, keeps meaningful query', async (t) => {
  t.equal(
    canonicalUrl('HTTPS://Example.COM:443/News/Story?id=42&utm_source=x&fbclid=abc#comments'),
    'https://example.com/News/Story?id=42',
  );
  t.equal(canonicalUrl('http://example.com'), 'http://example.com/');
  // The same article however a CMS decorates its link: an empty query or fragment, credentials,
  // a trailing dot on the host, the query's own encoding.
  const plain = 'https://news.example/a';
  for (const v of ['https://news.example/a?', 'https://news.example/a#', 'https://news.example/a?#', 'https://u:p@news.example/a', 'https://news.example./a', 'https://news.example/a?utm_source=x#top']) {
    t.equal(canonicalUrl(v), plain, v);
  }
  t.equal(canonicalUrl('https://news.example/a?q=a b&utm_medium=rss'), 'https://news.example/a?q=a+b');
});

t.test('articleId is stable across tracking-only URL differences', async (t) => {
  const a = articleId(canonicalUrl('https://news.example/a?utm_campaign=1'));
  const b = articleId(canonicalUrl('https://NEWS.example/a#top'));
  t.equal(a, b);
  t.match(a, /^[0-9a-f]{24}$/);
});

t.test('canonicalUrl refuses non-http schemes with a coded error', async (t) => {
  t.throws(() => canonicalUrl('file:///etc/passwd'), { code: 'AKHBAR_BAD_URL' });
  t.throws(() => canonicalUrl('not a url'), { code: 'AKHBAR_BAD_URL' });
});

t.test('countryOfHost: the country a domain names, when its top-level domain says', async (t) => {
  const cases: Array<[string, string | undefined]> = [
    ['alsumaria.iq', 'IQ'], ['www.lemonde.fr', 'FR'], ['bbc.co.uk', 'GB'], ['news.bbc.co.uk', 'GB'], ['eltiempo.com.co', 'CO'], ['hespress.ma', 'MA'],
    ['xn--wgbh1c', undefined], ['ahram.xn--wgbh1c', 'EG'], ['site.xn--mgbtx2b', 'IQ'], ['ALJAZEERA.NET', undefined], ['example.com', undefined],
    ['alsumaria.tv', undefined], ['startup.io', undefined], ['blog.me', undefined], ['europa.eu', undefined], ['news.example', undefined],
    ['localhost', undefined], ['127.0.0.1', undefined], ['irna.ir', 'IR'], ['spiegel.de.', 'DE'],
  ];
  for (const [host, country] of cases) t.equal(countryOfHost(host), country, host);
});
