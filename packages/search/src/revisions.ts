import { MAX_REVISION_TEXTS, MAX_REVISIONS, type EnrichedArticle, type Revision } from '@akhbar/core';
import { MAX_BODY_CHARS, MAX_SUMMARY_CHARS, MAX_TITLE_CHARS, truncateText } from './document.ts';
import { F } from './fields.ts';
import { wordChanges } from './word-diff.ts';

/**
 * An article's edits. An update (ingest saw its headline, summary or text change) replaces the
 * indexed document; before it does, the indexer reads the version it replaces and keeps what a
 * reader compares — the headline, summary and text as they were, and what changed — as a revision
 * (texts on at most MAX_REVISION_TEXTS of them).
 * News sites edit quietly (a softened headline, a corrected figure, a paragraph taken out);
 * NewsDiffs-style trackers exist to show it, and a news archive should not forget it either.
 */

/** The fields of the indexed version the indexer reads for an update (`_source_includes`). */
export const PREVIOUS_VERSION_FIELDS: readonly string[] = [F.title, F.summary, F.body, F.fetchedAt, F.flags, F.revisions];

/** The indexed version an update replaces, as PREVIOUS_VERSION_FIELDS read it. */
export interface PreviousVersion {
  title?: string;
  summary?: string;
  body?: string;
  fetchedAt?: string;
  flags?: string[];
  revisions?: Revision[];
}

const squash = (s: string | undefined, max: number): string => truncateText(s ?? '', max).replace(/\s+/gu, ' ').trim();

/**
 * The article with the edit it makes to `previous` (the indexed version, absent for an article
 * not indexed yet) appended to the revisions that version had. No edit when `previous` was fetched
 * as late or later (a retry of this very update, or a replay), when only whitespace
 * changed (compared as indexed: truncated), or when the text differs only because one version has
 * the page's full text and the other has not (a page that could not be read this time is no edit).
 * Past MAX_REVISIONS, the oldest but the first are dropped: the first version and the latest edits
 * are what a reader compares.
 */
export function withRevision(article: EnrichedArticle, previous: PreviousVersion | undefined): EnrichedArticle {
  if (!previous) return article;
  const kept = previous.revisions ?? [];
  const keep = (): EnrichedArticle => (kept.length > 0 ? { ...article, revisions: kept } : article);
  // The same fetch again (a retry whose first attempt was indexed: an equal version overwrites)
  // keeps the edits it recorded; an older one is refused by the batcher's versioning anyway.
  if (previous.fetchedAt !== undefined && Date.parse(previous.fetchedAt) >= Date.parse(article.fetchedAt)) return keep();
  const fields: Revision['fields'] = [];
  if (squash(previous.title, MAX_TITLE_CHARS) !== squash(article.title, MAX_TITLE_CHARS)) fields.push('title');
  if (squash(previous.summary, MAX_SUMMARY_CHARS) !== squash(article.summary, MAX_SUMMARY_CHARS)) fields.push('summary');
  const fullText = (flags: readonly string[] | undefined) => flags?.includes('fulltext') ?? false;
  if (fullText(previous.flags) === fullText(article.flags) && squash(previous.body, MAX_BODY_CHARS) !== squash(article.body, MAX_BODY_CHARS)) fields.push('body');
  if (fields.length === 0) return keep();
  const revision: Revision = {
    seenAt: article.fetchedAt,
    fields,
    ...(fields.includes('title') && previous.title !== undefined ? { title: previous.title } : {}),
    ...(fields.includes('summary') && previous.summary !== undefined ? { summary: previous.summary } : {}),
    ...(fields.includes('body') && previous.body !== undefined ? { body: truncateText(previous.body, MAX_BODY_CHARS) } : {}),
  };
  const all = [...kept, revision];
  return { ...article, revisions: keepTexts(all.length > MAX_REVISIONS ? [all[0]!, ...all.slice(-(MAX_REVISIONS - 1))] : all) };
}

/**
 * Earlier texts on at most MAX_REVISION_TEXTS revisions: the first two that hold one (the text as
 * first read, and as its first edit left it: that edit can still be shown word by word) and the
 * latest; the others keep only that the text changed.
 */
function keepTexts(revisions: Revision[]): Revision[] {
  const withText = revisions.flatMap((r, i) => (r.body !== undefined ? [i] : []));
  if (withText.length <= MAX_REVISION_TEXTS) return revisions;
  const keep = new Set([...withText.slice(0, 2), ...withText.slice(-(MAX_REVISION_TEXTS - 2))]);
  return revisions.map((r, i) => {
    if (r.body === undefined || keep.has(i)) return r;
    const { body: _dropped, ...rest } = r;
    return rest;
  });
}

/** One side of an edit: a version's headline, summary and text, each when known. */
export interface VersionText {
  title?: string;
  summary?: string;
  body?: string;
}

/**
 * The versions either side of revision `n` (0-based, oldest first) of an article whose current
 * version is `current`: `before` as the revision kept it, `after` as the next edit that changed
 * each field kept it, else the current version. A field the revision did not change is the same
 * on both sides (given only in `after`'s place when known); a text let go (keepTexts) is unknown.
 */
export function revisionSides(revisions: readonly Revision[], n: number, current: Required<VersionText>): { before: VersionText; after: VersionText } {
  const r = revisions[n]!;
  const before: VersionText = {};
  const after: VersionText = {};
  for (const field of ['title', 'summary', 'body'] as const) {
    if (!r.fields.includes(field)) continue;
    if (r[field] !== undefined) before[field] = r[field];
    const next = revisions.slice(n + 1).find((x) => x.fields.includes(field));
    const value = next ? next[field] : current[field];
    if (value !== undefined) after[field] = value;
  }
  return { before, after };
}

/** One change an edit made, as an alert tells it: the words taken out and those put in (either may be absent). */
export interface EditExcerpt {
  field: Revision['fields'][number];
  removed?: string;
  added?: string;
}

/** Changes an alert tells of one edit, at most; and characters of each side of one. */
export const MAX_EDIT_EXCERPTS = 5;
export const EDIT_EXCERPT_CHARS = 200;

const cut = (s: string) => {
  const t = s.replace(/\s+/gu, ' ').trim();
  return t.length > EDIT_EXCERPT_CHARS ? `${t.slice(0, EDIT_EXCERPT_CHARS - 1)}…` : t;
};

/**
 * What the edit `revision` changed, word by word (wordChanges), as at most MAX_EDIT_EXCERPTS
 * changes — "أكثر من ٣٬٥٠٠" taken out, "٤٬١٢٠" put in — headline first, then summary, then text.
 * `after` is each field as the edit left it (for the latest edit: the article as it is now); a
 * field whose version either side is not known is left out.
 */
export function editExcerpts(revision: Revision, after: VersionText, lang: string | undefined): EditExcerpt[] {
  const out: EditExcerpt[] = [];
  for (const field of ['title', 'summary', 'body'] as const) {
    if (!revision.fields.includes(field) || revision[field] === undefined || after[field] === undefined) continue;
    const runs = wordChanges(revision[field], after[field], lang) ?? [
      { op: 'removed' as const, text: revision[field] },
      { op: 'added' as const, text: after[field] },
    ];
    let open: EditExcerpt | undefined;
    for (const run of runs) {
      if (run.op === 'same' || run.text.trim() === '') {
        if (run.op === 'same') open = undefined;
        continue;
      }
      if (!open || (run.op === 'removed' && open.removed !== undefined) || (run.op === 'added' && open.added !== undefined)) {
        if (out.length === MAX_EDIT_EXCERPTS) return out;
        open = { field };
        out.push(open);
      }
      open[run.op] = cut(run.text);
    }
  }
  return out;
}
