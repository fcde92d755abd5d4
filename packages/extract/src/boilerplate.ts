import { BYLINE_PREFIXES } from '@akhbar/core';
import { all, isElement, linkDensity, textOf, type DomDocument, type DomElement, type DomNode } from './dom.ts';

/*
 * Akhbar's own clean-up around Readability. Readability finds the block with the story, but news
 * sites put "read also" lists, comment threads, share bars and cookie notices inside or right
 * after that block (the seed story ends with 'إقرأ ايضا' and 'التعليقات'), and Readability keeps
 * them. These rules remove them, before extraction on the whole page and again on the extracted
 * content. No library does this for Arabic markers, hence the hand-written rules.
 */

/** Tags that never hold story text. */
const JUNK_TAGS = [
  'script', 'style', 'noscript', 'template', 'iframe', 'object', 'embed', 'applet', 'svg', 'canvas', 'nav', 'dialog',
  'button', 'input', 'select', 'textarea', 'label', 'link', 'meta', 'marquee',
];
/** Page regions by ARIA role. */
const JUNK_ROLES = ['navigation', 'banner', 'contentinfo', 'complementary', 'search', 'dialog', 'alertdialog', 'menu', 'menubar', 'toolbar'];

/** Class / id words of page furniture (matched on whole words split at -, _ and case changes). */
const JUNK_WORDS = new Set([
  'cookie', 'cookies', 'consent', 'gdpr', 'cmp', 'share', 'shares', 'sharing', 'sharebar', 'sharethis', 'addthis', 'social', 'socials',
  'related', 'relatedposts', 'readalso', 'alsoread', 'readmore', 'morenews', 'morestories', 'recommended', 'recommendations', 'mostread',
  'popular', 'trending', 'comment', 'comments', 'disqus', 'newsletter', 'subscribe', 'subscription', 'breadcrumb', 'breadcrumbs', 'advert',
  'advertisement', 'ad', 'ads', 'adslot', 'adunit', 'sponsor', 'sponsored', 'promo', 'popup', 'modal', 'sidebar', 'widget', 'widgets',
  'menu', 'navbar', 'nav', 'navigation', 'topbar', 'masthead', 'header', 'footer', 'tags', 'taglist', 'print', 'authorbox', 'outbrain',
  'taboola', 'pagination', 'pager', 'ticker', 'newsticker', 'breaking', 'login', 'search', 'banner', 'toolbar', 'follow', 'copyright',
  // article furniture around the story: bylines, datelines, author boxes, standfirsts, embeds
  'meta', 'byline', 'dateline', 'date', 'dates', 'timestamp', 'author', 'authors', 'writer', 'bio', 'credit', 'credits', 'kicker',
  'standfirst', 'chapo', 'surtitre', 'desc', 'disclaimer', 'video', 'embed', 'player', 'horodatage', 'gallery', 'slideshow', 'paywall',
]);
const JUNK_PAIRS = [['read', 'also'], ['also', 'read'], ['read', 'more'], ['more', 'news'], ['more', 'stories'], ['most', 'read'], ['you', 'may']];

/** Whole-word tokens of a class/id string: "post-share_bar shareBar" → post share bar share bar. */
function words(s: string): string[] {
  return s
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

export function isJunkName(classAndId: string): boolean {
  const w = words(classAndId);
  if (w.some((x) => JUNK_WORDS.has(x))) return true;
  const joined = w.join(' ');
  return JUNK_PAIRS.some(([a, b]) => joined.includes(`${a} ${b}`));
}

/** Fold Arabic spelling variants and punctuation so 'إقرأ أيضاً:' and 'اقرا ايضا' compare equal. */
export function foldMarker(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u064b-\u065f\u0670\u0640]/g, '') // harakat, dagger alif, tatweel
    .replace(/[أإآٱ]/g, 'ا')
    .replace(/ى/g, 'ي')
    .replace(/ة/g, 'ه')
    .replace(/[ؤ]/g, 'و')
    .replace(/[ئ]/g, 'ي')
    .replace(/[«»"'“”‘’()[\]{}:：،,.!?؟\-–—|/\\>»▶►•·*#]+/g, ' ')
    .replace(/\d+|[٠-٩]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Headings that open a related-links list. */
const RELATED_MARKERS = [
  'اقرا ايضا', 'اقرا ايضا في', 'اقرا المزيد', 'اقرا كذلك', 'ايضا', 'اخبار ذات صله', 'مواضيع ذات صله', 'مقالات ذات صله', 'ذات صله', 'اخبار متعلقه',
  'مواضيع متعلقه', 'قد يعجبك ايضا', 'قد يهمك', 'قد يهمك ايضا', 'الاكثر قراءه', 'الاكثر مشاهده', 'الاكثر تداولا', 'اخر الاخبار', 'اخبار اخري',
  'المزيد من الاخبار', 'المزيد', 'تابعونا', 'تابعونا علي', 'الكلمات المفتاحيه', 'كلمات مفتاحيه', 'وسوم', 'الوسوم', 'شارك', 'شارك الخبر',
  'شارك المقال', 'شارك هذا المقال', 'شارك هذا الخبر', 'مشاركه', 'انشر', 'read also', 'also read', 'read more', 'more', 'related', 'related articles',
  'related stories', 'related news', 'related posts', 'related content', 'related coverage', 'related topics', 'more on this story', 'more from',
  'more stories', 'more news', 'you may also like', 'you might also like', 'recommended', 'recommended for you', 'most read', 'most popular',
  'trending', 'trending now', 'top stories', 'latest news', 'latest', 'see also', 'tags', 'topics', 'share', 'share this', 'share this article',
  'share this story', 'share on', 'follow us', 'lire aussi', 'a lire aussi', 'à lire aussi', 'voir aussi', 'sur le meme sujet', 'sur le même sujet',
  'articles liés', 'les plus lus', 'partager', 'partagez', 'lire egalement', 'lire également', 'a lire egalement', 'à lire également', 'a voir aussi',
  'à voir aussi', 'dans la meme rubrique', 'dans la même rubrique', 'نیز بخوانید', 'بیشتر بخوانید', 'اخبار مرتبط', 'مطالب مرتبط', 'یہ بھی پڑھیں',
  'طالع ايضا', 'شاهد ايضا', 'شاهد', 'مواضيع مشابهه', 'اخبار مشابهه', 'مقالات مشابهه', 'مواضيع اخري', 'اقرا في', 'other stories', 'more stories',
  'more from this section', 'up next', 'what to read next', 'read next', 'related reading', 'further reading', 'in other news', 'ilgili haberler',
  'benzer haberler', 'bunlar da ilginizi çekebilir', 'daha fazla', 'siehe auch', 'mehr zum thema', 'lesen sie auch', 'leer también', 'lea también',
].map(foldMarker);

/** Headings that open a comment section: everything after them in their container goes. */
const COMMENT_MARKERS = [
  'التعليقات', 'تعليقات', 'تعليق', 'اضف تعليق', 'اضف تعليقا', 'اضف تعليقك', 'اترك تعليقا', 'اترك تعليقك', 'اكتب تعليقك', 'تعليقات القراء',
  'اراء القراء', 'comments', 'comment', 'leave a comment', 'leave a reply', 'post a comment', 'add a comment', 'join the discussion',
  'join the conversation', 'reader comments', 'commentaires', 'réagissez', 'laisser un commentaire', 'vos reactions', 'vos réactions',
  'reagir', 'réagir', 'تعليقات فيسبوك', 'تعليقات الفيسبوك', 'نظرات', 'دیدگاه‌ها', 'تبصرے', 'yorumlar', 'yorum yap', 'kommentare', 'comentarios',
].map(foldMarker);

const RELATED = new Set(RELATED_MARKERS);
const COMMENTS = new Set(COMMENT_MARKERS);

export type MarkerKind = 'related' | 'comments';

/** Which boilerplate section, if any, a short heading-like text announces. */
export function markerKind(text: string): MarkerKind | undefined {
  if (text.length > 60) return undefined;
  const f = foldMarker(text);
  if (!f) return undefined;
  if (COMMENTS.has(f)) return 'comments';
  if (RELATED.has(f)) return 'related';
  // "3 تعليقات" and "Comments (12)" fold to the bare word; "More from Gulf Wire" starts with a marker.
  if (/^(more from|more on|read more on|latest from|other stories|اقرا ايضا|طالع ايضا|مزيد من)(\s|$)/u.test(f) && f.split(' ').length <= 6) return 'related';
  return undefined;
}

const SOCIAL_HOSTS = /(^|\.)(facebook\.com|fb\.com|twitter\.com|x\.com|t\.co|whatsapp\.com|wa\.me|t\.me|telegram\.me|telegram\.org|linkedin\.com|pinterest\.com|reddit\.com|vk\.com|tumblr\.com|instagram\.com|youtube\.com|tiktok\.com|snapchat\.com|threads\.net|bsky\.app|news\.google\.com|flipboard\.com)$/i;

function isShareHref(href: string): boolean {
  if (/^(mailto|whatsapp|tg|sms|fb-messenger):/i.test(href)) return true;
  try {
    return SOCIAL_HOSTS.test(new URL(href, 'http://x.invalid/').hostname);
  } catch {
    return false;
  }
}

/** A block of share/follow buttons: several links, mostly to social sites, little text of its own. */
function isShareBar(el: DomElement): boolean {
  const links = all(el, 'a');
  if (links.length < 2) return false;
  const social = links.filter((a) => isShareHref(a.getAttribute('href') ?? '')).length;
  return social >= 2 && social / links.length >= 0.5 && textOf(el).length < 300;
}

const COOKIE_WORDS = /\b(cookies?|gdpr|consent)\b|ملفات تعريف الارتباط|الكوكيز|ملفات الكوكيز|سياسة الخصوصية|témoins de connexion/i;

function isCookieNotice(el: DomElement): boolean {
  const t = textOf(el);
  return t.length > 0 && t.length < 700 && COOKIE_WORDS.test(t) && /accept|agree|ok\b|got it|موافق|أوافق|اوافق|قبول|accepter|j'accepte/i.test(t);
}

/** Total length of paragraph text under a node: how much story it could be holding. */
function paragraphText(el: DomElement): number {
  let n = 0;
  for (const p of all(el, 'p')) n += textOf(p).length;
  return n;
}

const BLOCKS = new Set(['div', 'section', 'aside', 'ul', 'ol', 'p', 'table', 'footer', 'header', 'form', 'article', 'span', 'li', 'dl', 'figure']);
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

/**
 * A short element that could be a section label: a heading, or a small block whose only text is
 * the label (`<div class="title"><span>إقرأ ايضا</span></div>`, `<p><strong>التعليقات</strong></p>`).
 */
function labelCandidates(root: DomElement): DomElement[] {
  return all(root, 'h1,h2,h3,h4,h5,h6,p,div,span,strong,b,header,dt,legend,caption,summary,li').filter((el) => {
    const t = textOf(el);
    if (t.length === 0 || t.length > 60) return false;
    // Innermost element carrying the text, or a heading: skip wrappers of a single label child.
    return HEADINGS.has(el.localName) || !Array.from(el.children).some((c) => textOf(c) === t);
  });
}

/** Non-link text left in an element once `except` is ignored. */
function ownText(el: DomElement, except: DomElement): number {
  let linked = 0;
  for (const a of all(el, 'a')) if (!except.contains(a)) linked += textOf(a).length;
  return textOf(el).length - textOf(except).length - linked;
}

/**
 * Remove the section a marker label opens. The section is the largest ancestor that holds nothing
 * but the label and links (or, for comments, that is not the story container); when the label
 * sits inside the story container, the label and the link-lists after it go instead, and for a
 * comment label everything after it in that container.
 */
function removeMarkedSection(label: DomElement, kind: MarkerKind, storyText: number): void {
  let section: DomElement = label;
  for (let p = label.parentElement; p && p.localName !== 'body' && p.localName !== 'html'; p = p.parentElement) {
    const holdsStory = paragraphText(p) > Math.max(400, storyText * 0.5);
    if (holdsStory) break;
    const rest = ownText(p, label);
    if (kind === 'related' && rest > 200 && linkDensity(p) < 0.5) break;
    section = p;
  }
  if (section !== label) {
    section.remove();
    return;
  }
  // The label sits directly in the story container: walk its following siblings.
  let next = label.nextSibling;
  label.remove();
  while (next) {
    const after: DomNode | null = next.nextSibling;
    if (kind === 'comments') {
      next.remove();
    } else if (isElement(next)) {
      const t = textOf(next);
      if (t.length > 0 && linkDensity(next) < 0.6 && !['ul', 'ol'].includes(next.localName)) break;
      if (t.length > 0 && markerKind(t) === undefined && HEADINGS.has(next.localName)) break;
      next.remove();
    } else if (/[\p{L}\p{N}]/u.test(textOf(next))) {
      break;
    } else {
      // whitespace and bullets ("» ", "- ") between the listed links
      next.remove();
    }
    next = after;
  }
}

/** A paragraph "اقرأ أيضا: <a>another story</a>" inside the story. */
function isInlineReadAlso(el: DomElement): boolean {
  const t = textOf(el);
  if (t.length > 300 || linkDensity(el) < 0.5) return false;
  const first = t.split(/[:：\-–—]/)[0] ?? '';
  return markerKind(first) === 'related' || markerKind(t.slice(0, 20)) === 'related';
}

export interface CleanOptions {
  /** Also drop `<header>`, `<footer>` and `<aside>` regions. @default true */
  regions?: boolean;
}

/**
 * Remove page furniture from `root` in place. Safe to run on a whole document body and again on
 * an extracted article: a candidate that holds most of the page's paragraph text is never
 * removed, so a site that names its story wrapper "share-enabled" keeps its story.
 */
export function removeBoilerplate(root: DomElement, opts: CleanOptions = {}): void {
  for (const el of all(root, JUNK_TAGS.join(','))) el.remove();
  for (const a of all(root, 'a')) if (UTILITY_LINK_RE.test(textOf(a)) || /^javascript:/i.test(a.getAttribute('href') ?? '')) a.remove();
  const storyText = paragraphText(root);
  const keeps = (el: DomElement) => {
    const p = paragraphText(el);
    return p > 400 && p > storyText * 0.4;
  };

  for (const el of all(root, JUNK_ROLES.map((r) => `[role="${r}"]`).join(','))) if (!keeps(el)) el.remove();
  if (opts.regions !== false) for (const el of all(root, 'header,footer,aside')) if (!keeps(el)) el.remove();
  for (const el of all(root, 'form')) {
    if (!keeps(el) && (textOf(el).length < 500 || isJunkName(`${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''} ${el.getAttribute('action') ?? ''}`))) el.remove();
  }
  for (const el of all(root, '[class],[id]')) {
    if (!el.parentNode || !root.contains(el)) continue;
    if (!BLOCKS.has(el.localName) && !HEADINGS.has(el.localName)) continue;
    const name = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`;
    if (isJunkName(name) && !keeps(el)) el.remove();
  }
  for (const el of all(root, '[hidden],[aria-hidden="true"],[style*="display:none"],[style*="display: none"]')) if (!keeps(el)) el.remove();

  for (const el of all(root, 'div,section,ul,ol,p,span,table')) {
    if (!el.parentNode || !root.contains(el)) continue;
    if (isShareBar(el) || isCookieNotice(el)) {
      if (!keeps(el)) el.remove();
    }
  }

  // Section labels: comments first (they cut everything after them), then related lists.
  for (const kind of ['comments', 'related'] as const) {
    for (const label of labelCandidates(root)) {
      if (!label.parentNode || !root.contains(label)) continue;
      if (markerKind(textOf(label)) !== kind) continue;
      removeMarkedSection(label, kind, storyText);
    }
  }
  for (const el of all(root, 'p,div,li')) {
    if (el.parentNode && root.contains(el) && isInlineReadAlso(el)) el.remove();
  }
}

/**
 * After extraction: lists and blocks that are nearly all links (a related-stories list without a
 * label, tag clouds) are not story text. A list of a few linked names inside a paragraph-rich
 * story is kept because it is short relative to its neighbours' text.
 */
export function removeLinkLists(root: DomElement): void {
  for (const el of all(root, 'ul,ol,div,section,p,table')) {
    if (!el.parentNode || !root.contains(el)) continue;
    const t = textOf(el);
    if (t.length === 0) continue;
    const items = el.localName === 'ul' || el.localName === 'ol' ? all(el, 'li').length : all(el, 'a').length;
    if (linkDensity(el) > 0.7 && items >= 2) el.remove();
  }
}

/** Empty wrappers left behind by the removals. */
export function pruneEmpty(root: DomElement): void {
  for (const el of all(root, 'div,section,span,p,ul,ol,li,strong,b,em,i,figure,a,table,tbody,tr,td,article,header,footer').reverse()) {
    if (!el.parentNode) continue;
    if (textOf(el).length === 0 && !el.querySelector('img,picture,video,audio,br,hr')) el.remove();
  }
}

/** Remove the boilerplate from a whole parsed page (before Readability). */
export function cleanDocument(doc: DomDocument): void {
  if (doc.body) removeBoilerplate(doc.body);
}

const MONTHS = [
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
  'janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre',
  'يناير', 'فبراير', 'مارس', 'أبريل', 'ابريل', 'مايو', 'يونيو', 'يوليو', 'أغسطس', 'اغسطس', 'سبتمبر', 'أكتوبر', 'اكتوبر', 'نوفمبر', 'ديسمبر',
  'كانون', 'شباط', 'آذار', 'اذار', 'نيسان', 'أيار', 'ايار', 'حزيران', 'تموز', 'آب', 'أيلول', 'ايلول', 'تشرين',
  'فروردین', 'اردیبهشت', 'خرداد', 'تیر', 'مرداد', 'شهریور', 'مهر', 'آبان', 'آذر', 'دی', 'بهمن', 'اسفند',
];
const MONTH_RE = new RegExp(`(^|[\\s,.،(])(${MONTHS.join('|')})($|[\\s,.،)])`, 'iu');
const DATE_RE = /\b(19|20)\d{2}\b|[١٢][٠-٩]{3}|[۱۲][۰-۹]{3}|\b\d{1,2}[:h]\d{2}\b|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\bmin(ute)?s? read\b|دقائق للقراءة|دقيقة قراءة/iu;
const BYLINE_RE = new RegExp(`^(${BYLINE_PREFIXES.join('|')})\\s`, 'iu');
const COPYRIGHT_RE = /©|&copy;|\bcopyright\b|all rights reserved|جميع الحقوق محفوظة|كافة الحقوق محفوظة|tous droits réservés|reproduction interdite|تمامی حقوق|کلیه حقوق/iu;
const UTILITY_LINK_RE = /^(continue reading\b.*|subscribe to (continue|read)\b.*|print|print this( article| page)?|email( this)?( article)?|email to a friend|send to a friend|طباعة|اطبع|ارسل لصديق|أرسل لصديق|ارسال لصديق|imprimer|envoyer( à un ami)?|چاپ)$/iu;

/** A short line that is only a date, a time, a reading time or a byline. */
export function isDatelineOrByline(text: string, author?: string): boolean {
  if (text.length === 0 || text.length > 110) return false;
  if (author && foldMarker(text) === foldMarker(author)) return true;
  if (BYLINE_RE.test(text)) return true;
  if (!(DATE_RE.test(text) || MONTH_RE.test(text))) return false;
  // A real sentence that happens to mention a date ends like one, and has more than a name and
  // a place left once the date parts are taken out.
  if (/[.!?؟。]$/.test(text)) return false;
  const rest = text.replace(new RegExp(MONTH_RE.source, 'giu'), ' ').replace(/\d+|[٠-٩۰-۹]+|\bmin(ute)?s? read\b/giu, ' ');
  return (rest.match(/\p{L}{2,}/gu) ?? []).length <= 4;
}

/** Innermost elements holding text: the paragraphs, headings and lines of the extracted story. */
function leafBlocks(root: DomElement): DomElement[] {
  const sel = 'p,div,h1,h2,h3,h4,h5,h6,li,blockquote,td,th,dt,dd,figcaption,time,address,section,header,span,font,b,strong,i,em';
  return all(root, sel).filter((el) => {
    if (textOf(el).length === 0) return false;
    return !all(el, 'p,div,h1,h2,h3,h4,h5,h6,li,blockquote,td,section,table,ul,ol').some((c) => textOf(c).length > 0);
  });
}

/**
 * Trim what sits before the story's first paragraph (kicker, a repeated headline, byline,
 * dateline, reading time) and copyright/utility lines anywhere. Works on text shapes rather
 * than class names because table-layout and CSS-in-JS sites have no meaningful classes.
 */
export function trimEdges(root: DomElement, opts: { titles: string[]; author?: string | undefined }): void {
  const titles = opts.titles.map(foldMarker).filter((t) => t.length > 0);
  const isTitle = (t: string) => {
    const f = foldMarker(t);
    return f.length > 0 && titles.some((x) => x === f || (f.length > 15 && x.includes(f)));
  };
  const leaves = leafBlocks(root);
  const leading: DomElement[] = [];
  for (const el of leaves) {
    const t = textOf(el);
    if (t.length > 150 || leading.length >= 8) break;
    leading.push(el);
  }
  // Everything up to a repeated headline is page furniture (kicker, section name, the headline).
  const titleAt = leading.findIndex((el) => isTitle(textOf(el)));
  leading.forEach((el, i) => {
    const t = textOf(el);
    if (i <= titleAt && (i === titleAt || t.length < 40)) el.remove();
    else if (isDatelineOrByline(t, opts.author)) el.remove();
  });
  for (const el of leafBlocks(root)) {
    const t = textOf(el);
    if (t.length < 200 && COPYRIGHT_RE.test(t)) el.remove();
  }
  // Table layouts: a row whose story cell dwarfs its neighbours keeps only that cell.
  for (const tr of all(root, 'tr')) {
    const cells = Array.from(tr.children).filter((c) => c.localName === 'td' || c.localName === 'th');
    if (cells.length < 2) continue;
    const lens = cells.map((c) => textOf(c).length);
    const total = lens.reduce((a, b) => a + b, 0);
    const max = Math.max(...lens);
    if (max < 400 || max < total * 0.8) continue;
    cells.forEach((c, i) => {
      if (lens[i] !== max && lens[i]! < 300) c.remove();
    });
  }
}

/** Remove a headline the page repeats at the very start of the first paragraph. */
export function stripLeadingTitle(text: string, titles: string[]): string {
  for (const t of titles.map((x) => x.replace(/\s+/g, ' ').trim()).filter((x) => x.length > 15).sort((a, b) => b.length - a.length)) {
    if (text.startsWith(t) && text.length > t.length + 40) return text.slice(t.length).replace(/^[\s:.\-–—|]+/, '');
  }
  return text;
}
