import { AkhbarError } from '@akhbar/core';
import { FulltextErrors } from './errors.ts';

const MAGIC: Array<[string, number[]]> = [
  ['pdf', [0x25, 0x50, 0x44, 0x46]], // %PDF
  ['png', [0x89, 0x50, 0x4e, 0x47]],
  ['jpeg', [0xff, 0xd8, 0xff]],
  ['gif', [0x47, 0x49, 0x46, 0x38]],
  ['zip', [0x50, 0x4b, 0x03, 0x04]],
  ['gzip', [0x1f, 0x8b]],
  ['ogg', [0x4f, 0x67, 0x67, 0x53]],
  ['mp3', [0x49, 0x44, 0x33]],
  ['webp/wav/avi', [0x52, 0x49, 0x46, 0x46]], // RIFF
  ['7z', [0x37, 0x7a, 0xbc, 0xaf]],
  ['wasm', [0x00, 0x61, 0x73, 0x6d]],
  ['elf', [0x7f, 0x45, 0x4c, 0x46]],
];

function magic(bytes: Uint8Array): string | undefined {
  for (const [name, sig] of MAGIC) if (sig.every((b, i) => bytes[i] === b)) return name;
  // ISO media (mp4, mov, heic, avif): "ftyp" at offset 4.
  if (bytes[4] === 0x66 && bytes[5] === 0x74 && bytes[6] === 0x79 && bytes[7] === 0x70) return 'iso-media';
  return undefined;
}

const HTML_TYPES = /^(text\/html|application\/xhtml\+xml)$/;
const NEVER_HTML = /^(image|audio|video|font|model)\/|^application\/(pdf|zip|gzip|x-gzip|x-tar|x-7z-compressed|x-rar-compressed|msword|vnd\.|octet-stream|json|ld\+json|javascript|x-shockwave-flash|wasm|postscript|rss\+xml|atom\+xml|feed\+json)$/;

/**
 * Refuse a response that is not an HTML page, with `AKHBAR_FULLTEXT_NOT_HTML` (permanent). Magic
 * bytes win over a Content-Type that claims HTML (servers label PDFs text/html); a missing or
 * generic type is judged by the bytes: NUL bytes mean binary, markup means HTML.
 */
export function assertHtml(bytes: Uint8Array, contentType?: string): void {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  const head = bytes.subarray(0, 1024);
  const kind = magic(head);
  const fail = (why: string) => {
    throw new AkhbarError(FulltextErrors.NOT_HTML, `not an HTML page: ${why}`, { permanent: true, details: { contentType: type || undefined } });
  };
  if (kind) fail(`${kind} content${type ? ` (served as ${type})` : ''}`);
  if (type && NEVER_HTML.test(type) && type !== 'application/octet-stream') fail(`served as ${type}`);
  // UTF-16 pages carry NUL bytes legitimately; their BOM says so.
  const utf16 = (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);
  if (!utf16 && head.includes(0)) fail(`binary content${type ? ` (served as ${type})` : ''}`);
  if (type && HTML_TYPES.test(type)) return;
  const start = new TextDecoder(utf16 ? (head[0] === 0xff ? 'utf-16le' : 'utf-16be') : 'latin1').decode(bytes.subarray(0, 4096)).toLowerCase();
  if (!/<(!doctype html|html|head|body|meta|title|article|div|p)[\s>]/.test(start)) fail(`no HTML markup${type ? ` (served as ${type})` : ''}`);
}
