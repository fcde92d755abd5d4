import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { REPO_ROOT } from '@akhbar/testkit';
import { pick } from './profile.ts';

/**
 * Random mutations of valid feeds as an HTTP server would deliver them: the bytes (flips, cuts,
 * insertions of markup that parsers trip on, duplicated spans) and the headers around them
 * (a lying Content-Type or charset, gzip that is cut short or not announced). The seeds are the
 * project's own valid feed fixtures (packages/feeds and testkit); packages/feeds/test/fuzz.test.ts
 * fuzzes the parser in-process, this drives the running ingest service over HTTP.
 */

const FEED_FIXTURES = join(REPO_ROOT, 'packages', 'feeds', 'test', 'fixtures');
const SAMPLE_FEEDS = join(REPO_ROOT, 'packages', 'testkit', 'fixtures', 'feeds');

/** Valid feeds only: the hostile fixtures are served on their own, not as mutation seeds. */
export function seedFeeds(): Array<{ name: string; body: Buffer }> {
  const out: Array<{ name: string; body: Buffer }> = [];
  for (const dir of [FEED_FIXTURES, SAMPLE_FEEDS]) {
    for (const name of readdirSync(dir)) {
      if (name.startsWith('hostile-') || name.startsWith('not-a-feed') || name.startsWith('page-') || name.endsWith('.md') || name.endsWith('.opml')) continue;
      const text = readFileSync(join(dir, name), 'latin1');
      // Sample feeds carry {{BASE}}/{{ISO:-3h}} placeholders; any fixed value is fine for fuzzing.
      const filled = text.replaceAll('{{BASE}}', 'http://news.chaos.test').replace(/\{\{(RFC822|ISO):[+-]\d+[hmd]\}\}/g, (_m, kind: string) => (kind === 'ISO' ? '2024-05-01T10:00:00Z' : 'Wed, 01 May 2024 10:00:00 +0000'));
      out.push({ name, body: Buffer.from(filled, 'latin1') });
    }
  }
  return out;
}

const TOKENS = [
  '<', '>', '&', '&amp;', '"', "'", ']]>', '<![CDATA[', '&nbsp;', '&#0;', '&#xD800;', '&#99999999;', '\u0000', '\uFEFF', '</item>', '<item>', '<entry>',
  '</channel>', '<rss version="2.0">', '<feed xmlns="http://www.w3.org/2005/Atom">', '{', '}', '[', ']', ':', ',', '"items":', 'null', 'xml:base="::"',
  '<?xml version="1.0" encoding="x-unknown"?>', '<?xml version="1.0" encoding="UTF-16"?>', '<!-- ', ' -->', '<?php echo $x; ?>', '\xff\xfe', '\xef\xbb\xbf',
  '<link>javascript:alert(1)</link>', '<link>file:///etc/passwd</link>', '<pubDate>99/99/9999</pubDate>', '<title>' + 'ي'.repeat(3000) + '</title>',
];

const CONTENT_TYPES = [
  'application/rss+xml; charset=utf-8', 'application/atom+xml', 'application/xml; charset=iso-8859-1', 'text/xml; charset=windows-1256',
  'application/feed+json', 'application/json', 'text/html; charset=utf-8', 'text/plain', 'application/octet-stream', 'image/png', '', 'text/xml; charset=utf-16',
];

export interface MutatedResponse {
  body: Buffer;
  headers: Record<string, string>;
  /** Short description for a failure message. */
  what: string;
}

export function mutateBytes(src: Buffer, r: () => number): Buffer {
  let out = Buffer.from(src);
  const ops = 1 + Math.floor(r() * 5);
  for (let i = 0; i < ops; i++) {
    if (out.length === 0) break;
    const pos = Math.floor(r() * out.length);
    const kind = r();
    if (kind < 0.3) out[pos] = Math.floor(r() * 256);
    else if (kind < 0.5) out = Buffer.concat([out.subarray(0, pos), out.subarray(Math.min(out.length, pos + 1 + Math.floor(r() * 80)))]);
    else if (kind < 0.75) out = Buffer.concat([out.subarray(0, pos), Buffer.from(pick(r, TOKENS), 'utf8'), out.subarray(pos)]);
    else if (kind < 0.85) out = out.subarray(0, pos);
    else {
      const from = Math.floor(r() * out.length);
      const span = out.subarray(from, from + Math.floor(r() * 400));
      const copies = 1 + Math.floor(r() * 20);
      out = Buffer.concat([out.subarray(0, pos), ...Array.from({ length: copies }, () => span), out.subarray(pos)]);
    }
  }
  return out;
}

/** One mutated feed response. */
export function mutatedResponse(seeds: ReadonlyArray<{ name: string; body: Buffer }>, r: () => number): MutatedResponse {
  const seed = pick(r, seeds);
  let body = mutateBytes(seed.body, r);
  const headers: Record<string, string> = {};
  const ct = r() < 0.5 ? '' : pick(r, CONTENT_TYPES);
  if (ct) headers['content-type'] = ct;
  const what: string[] = [seed.name, ct ? `content-type "${ct}"` : 'no content-type'];
  const enc = r();
  if (enc < 0.15) {
    body = gzipSync(body);
    headers['content-encoding'] = 'gzip';
    what.push('gzip');
  } else if (enc < 0.2) {
    body = gzipSync(body).subarray(0, Math.max(10, Math.floor(body.length / 3)));
    headers['content-encoding'] = 'gzip';
    what.push('gzip cut short');
  } else if (enc < 0.25) {
    body = gzipSync(body);
    what.push('gzip not announced');
  } else if (enc < 0.28) {
    headers['content-encoding'] = 'br';
    what.push('claims br, is not');
  }
  return { body, headers, what: what.join(', ') };
}
