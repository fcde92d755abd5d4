import t from 'tap';
import iconv from 'iconv-lite';
import { decodeBody } from '@akhbar/feeds';
import { fixture } from './helpers.ts';

const ARABIC = 'الكاظمي يصل إلى واشنطن';

t.test('windows-1256 with the charset only in the XML prolog comes out as Arabic', async (t) => {
  const d = decodeBody(fixture('ar-windows-1256.xml'), { contentType: 'application/xml', kind: 'xml' });
  t.equal(d.charset, 'windows-1256');
  t.equal(d.source, 'prolog');
  t.ok(d.text.includes(ARABIC), 'Arabic title readable');
});

t.test('ISO-8859-6 from the prolog', async (t) => {
  const d = decodeBody(fixture('ar-iso-8859-6.xml'), { contentType: 'text/xml', kind: 'xml' });
  t.equal(d.charset, 'iso-8859-6');
  t.ok(d.text.includes(ARABIC));
});

t.test('a declared ISO-8859-1 is read as windows-1252 (curly quotes, dashes, ellipsis survive)', async (t) => {
  const d = decodeBody(fixture('fr-windows-1252.xml'), { kind: 'xml' });
  t.equal(d.charset, 'windows-1252');
  t.ok(d.text.includes('L’été à Mossoul : « la vie reprend » – reportage'));
  t.ok(d.text.includes('rouvrent…'));
});

t.test('UTF-16 with a BOM and without one', async (t) => {
  const le = decodeBody(fixture('utf-16le-bom.xml'));
  t.equal(le.charset, 'utf-16le');
  t.ok(le.text.startsWith('<?xml'), 'BOM removed');
  t.ok(le.text.includes('خبر بترميز UTF-16'));
  const be = decodeBody(fixture('utf-16be-nobom.xml'));
  t.equal(be.charset, 'utf-16be');
  t.ok(be.text.includes('خبر بترميز UTF-16'));
});

t.test('order of evidence: BOM, header, prolog, detection', async (t) => {
  const xml = (enc: string, body: string) => `<?xml version="1.0" encoding="${enc}"?><rss><title>${body}</title></rss>`;
  // A UTF-8 BOM beats a header and a prolog that say otherwise.
  const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(xml('windows-1256', ARABIC))]);
  t.match(decodeBody(bom, { contentType: 'text/xml; charset=iso-8859-6' }), { charset: 'utf-8', source: 'bom' });
  t.ok(decodeBody(bom).text.startsWith('<?xml'), 'no BOM character left');
  // A specific header charset beats the prolog.
  const cp = iconv.encode(xml('utf-8', ARABIC), 'windows-1256');
  t.match(decodeBody(cp, { contentType: 'application/rss+xml; charset="windows-1256"' }), { charset: 'windows-1256', source: 'header' });
  // A server default (ISO-8859-1) yields to the document's own different declaration.
  t.match(decodeBody(iconv.encode(xml('windows-1256', ARABIC), 'windows-1256'), { contentType: 'text/xml; charset=ISO-8859-1' }), { charset: 'windows-1256', source: 'prolog' });
  // ...and to bytes that are valid UTF-8.
  const u8 = decodeBody(Buffer.from(xml('', ARABIC).replace(' encoding=""', '')), { contentType: 'text/html; charset=iso-8859-1' });
  t.equal(u8.charset, 'utf-8');
  t.ok(u8.text.includes(ARABIC));
  // A header claiming UTF-8 over windows-1256 bytes is not believed.
  const lying = decodeBody(iconv.encode(xml('windows-1256', ARABIC), 'windows-1256'), { contentType: 'text/xml; charset=utf-8' });
  t.equal(lying.charset, 'windows-1256');
  t.ok(lying.text.includes(ARABIC));
  // No declaration anywhere: detection.
  const bare = decodeBody(iconv.encode(`<rss><title>${ARABIC} ${ARABIC} في العراق والمنطقة على مدار الساعة</title></rss>`, 'windows-1256'));
  t.equal(bare.source, 'detected');
  t.ok(bare.text.includes(ARABIC), `detected ${bare.charset}`);
});

t.test('HTML pages: <meta charset> and http-equiv', async (t) => {
  const page = (meta: string) => iconv.encode(`<html><head>${meta}<title>${ARABIC}</title></head></html>`, 'windows-1256');
  t.equal(decodeBody(page('<meta charset="windows-1256">'), { kind: 'html' }).charset, 'windows-1256');
  t.ok(decodeBody(page('<meta http-equiv="Content-Type" content="text/html; charset=windows-1256">'), { kind: 'html' }).text.includes(ARABIC));
});

t.test('text is NFC-normalised', async (t) => {
  const decomposed = 'Cafe\u0301 ا\u0653'; // e + combining acute; alef + combining madda
  const d = decodeBody(Buffer.from(`<rss><title>${decomposed}</title></rss>`));
  t.ok(d.text.includes('Café'), 'é composed');
  t.ok(d.text.includes('آ'), 'alef with madda composed');
});
