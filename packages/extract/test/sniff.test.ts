import t from 'tap';
import { FulltextErrors, assertHtml } from '../src/index.ts';

const html = Buffer.from('<!doctype html><html><body><p>hi</p></body></html>');

t.test('HTML passes, whatever the label, as long as the bytes are markup', async (t) => {
  t.doesNotThrow(() => assertHtml(html, 'text/html; charset=utf-8'));
  t.doesNotThrow(() => assertHtml(html, 'application/octet-stream'), 'a generic type is judged by the bytes');
  t.doesNotThrow(() => assertHtml(html), 'no Content-Type at all');
  t.doesNotThrow(() => assertHtml(Buffer.from('\ufeff<html><body>x</body></html>', 'utf16le')), 'UTF-16 with its BOM');
});

t.test('PDF, images, archives and binary are refused as not HTML', async (t) => {
  const cases: Array<[string, Buffer, string | undefined]> = [
    ['PDF labelled text/html', Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj'), 'text/html'],
    ['PNG', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), 'image/png'],
    ['JPEG without a type', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46]), undefined],
    ['application/pdf even when the bytes are text', Buffer.from('<html>'), 'application/pdf'],
    ['MP4', Buffer.from([0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x6d, 0x70, 0x34, 0x32]), 'video/mp4'],
    ['binary with NUL bytes', Buffer.from([1, 2, 3, 0, 0, 5, 6, 7]), 'application/octet-stream'],
    ['plain text without markup', Buffer.from('just some words'), 'text/plain'],
    ['a JSON API answer', Buffer.from('{"a":1}'), 'application/json'],
  ];
  for (const [name, bytes, type] of cases) {
    t.throws(() => assertHtml(bytes, type), { code: FulltextErrors.NOT_HTML, permanent: true }, name);
  }
});
