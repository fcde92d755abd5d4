import Parser from 'rss-parser';
import { AkhbarError } from '@akhbar/core';
import { FeedErrors } from './errors.ts';

export interface ParsedItem {
  title: string;
  link?: string;
  guid?: string;
  date?: string;
  html?: string;
  text?: string;
  author?: string;
  categories: string[];
  image?: string;
}

export interface ParsedFeed {
  title?: string;
  link?: string;
  language?: string;
  items: ParsedItem[];
  flags: string[];
}

const parser: Parser<Record<string, unknown>, Record<string, unknown>> = new Parser({
  customFields: { item: [['media:thumbnail', 'mediaThumbnail'], ['dc:creator', 'dcCreator']] },
});

/** Parse feed bytes (RSS, Atom). */
export async function parseFeed(bytes: Buffer, _meta: { url?: string; contentType?: string } = {}): Promise<ParsedFeed> {
  const text = new TextDecoder('utf-8').decode(bytes).normalize('NFC');
  let feed;
  try {
    feed = await parser.parseString(text);
  } catch (err) {
    throw new AkhbarError(FeedErrors.UNPARSEABLE, `feed could not be parsed: ${(err as Error).message}`, { permanent: true, cause: err });
  }
  const items: ParsedItem[] = (feed.items ?? []).map((it) => {
    const rec = it as Record<string, unknown>;
    const thumb = rec.mediaThumbnail as { $?: { url?: string } } | undefined;
    const item: ParsedItem = {
      title: String(it.title ?? '').trim(),
      categories: (it.categories ?? []).map((c) => String(typeof c === 'object' && c !== null ? ((c as { _?: string })._ ?? '') : c)),
    };
    if (it.link) item.link = it.link;
    if (it.guid) item.guid = it.guid;
    if (it.isoDate ?? it.pubDate) item.date = it.isoDate ?? it.pubDate;
    const html = (rec['content:encoded'] as string | undefined) ?? it.content;
    if (html) item.html = html;
    if (it.contentSnippet) item.text = it.contentSnippet;
    const author = (rec.dcCreator as string | undefined) ?? it.creator ?? (rec.author as string | undefined);
    if (author) item.author = String(author);
    if (thumb?.$?.url) item.image = thumb.$.url;
    return item;
  });
  const out: ParsedFeed = { items, flags: [] };
  if (feed.title) out.title = feed.title;
  if (feed.link) out.link = feed.link;
  const lang = (feed as Record<string, unknown>).language;
  if (typeof lang === 'string') out.language = lang;
  return out;
}
