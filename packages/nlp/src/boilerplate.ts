import { normalizeText } from './normalize.ts';

/**
 * Boilerplate that sites append to their stories: "إقرأ ايضا", "التعليقات", "Read more", share and
 * comment footers. Matched on whole lines (after normalisation, so "اقرأ أيضاً" and "إقرأ ايضا"
 * are one phrase), or at the very end of the text for the "read more" kind.
 */
const PHRASES = [
  // Arabic
  'اقرا ايضا', 'اقرا المزيد', 'اقرا ايضا في', 'التعليقات', 'تعليقات', 'اضف تعليق', 'اضف تعليقك', 'اترك تعليقا', 'شارك', 'شارك الخبر',
  'شارك هذا الخبر', 'شارك المقال', 'مشاركه', 'تابعونا', 'تابعونا على', 'تابعنا على', 'اضغط هنا', 'اخبار ذات صله', 'مواضيع ذات صله',
  'مقالات ذات صله', 'اشترك في النشره البريديه', 'جميع الحقوق محفوظه', 'طباعه', 'ارسل لصديق', 'الاكثر قراءه', 'اخترنا لك', 'المزيد',
  'شاهد ايضا', 'ذات صله', 'كلمات مفتاحيه', 'الوسوم',
  // English
  'read more', 'read also', 'also read', 'see also', 'related', 'related articles', 'related stories', 'related news', 'comments',
  'leave a comment', 'add a comment', 'share', 'share this', 'share this article', 'share this story', 'share on facebook',
  'share on twitter', 'tweet', 'follow us', 'follow us on', 'click here', 'subscribe', 'sign up for our newsletter', 'advertisement',
  'all rights reserved', 'print', 'email', 'most read', 'tags', 'continue reading',
  // French
  'lire aussi', 'a lire aussi', 'lire la suite', 'voir aussi', 'commentaires', 'commenter', 'partager', 'partagez', 'partager cet article',
  'suivez nous', 'suivez nous sur', 'cliquez ici', 'abonnez vous', 'publicite', 'tous droits reserves', 'imprimer', 'les plus lus',
  'sur le meme sujet',
].map((p) => key(p));
const PHRASE_SET = new Set(PHRASES);
const SOCIAL = new Set(['facebook', 'twitter', 'x', 'whatsapp', 'telegram', 'linkedin', 'email', 'print', 'فيسبوك', 'تويتر', 'واتساب', 'تلغرام', 'تيليجرام', 'انستغرام', 'instagram', 'youtube', 'يوتيوب', 'pinterest', 'reddit', 'messenger']);
const TRAILING = ['read more', 'lire la suite', 'اقرا المزيد', 'continue reading'].map((p) => key(p));

function key(s: string): string {
  return normalizeText(s).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** Is this line boilerplate as a whole? */
export function isBoilerplateLine(line: string): boolean {
  // Footers are short; a long line is content (and is not worth normalising to find out).
  if (line.length > 160) return false;
  const k = key(line);
  if (k === '') return false;
  if (PHRASE_SET.has(k)) return true;
  const words = k.split(' ');
  // "Share this: Facebook Twitter WhatsApp", "شارك: فيسبوك تويتر".
  if (words.length <= 10 && words.every((w) => SOCIAL.has(w) || PHRASE_SET.has(w))) return true;
  if (words.length <= 8 && PHRASES.some((p) => p.includes(' ') && k.startsWith(`${p} `) && words.slice(p.split(' ').length).every((w) => SOCIAL.has(w)))) return true;
  return false;
}

/** The text without boilerplate lines and without a trailing "Read more" or footer label. Never throws. */
export function stripBoilerplate(text: string): string {
  if (!text) return text;
  const lines = text.split('\n');
  const kept = lines.filter((l) => !isBoilerplateLine(l));
  let out = kept.join('\n').replace(/\n{3,}/g, '\n\n').trim();
  // An inline "… Read more" at the very end.
  for (let i = 0; i < 3; i++) {
    const tail = out.slice(-40);
    const k = key(tail);
    const hit = TRAILING.find((p) => k.endsWith(p));
    if (!hit) break;
    // Cut at the last occurrence of the phrase's first word in the original text.
    const idx = lastIndexOfPhrase(out, hit);
    if (idx < 0) break;
    out = out.slice(0, idx).replace(/[\s…:|»\-–—[(]+$/u, '').trim();
  }
  // A footer label after the last sentence, on its line: a feed's summary joins its paragraphs
  // into one line, so `<p>…الحسابات".</p><p>التعليقات</p>` reads «…الحسابات". التعليقات». Only
  // after a sentence's end, and only a whole label: "… he would share" stays.
  for (let i = 0; i < 3; i++) {
    const m = /([.!?؟…»"”’)\]])[^\S\n]+([^.!?؟…»"”’\n]{1,60})$/u.exec(out);
    if (!m || !isBoilerplateLine(m[2]!)) break;
    out = out.slice(0, m.index + m[1]!.length).trim();
  }
  return out;
}

function lastIndexOfPhrase(text: string, phraseKey: string): number {
  const words = phraseKey.split(' ').length;
  // Walk back over `words` words from the end.
  const m = [...text.matchAll(/[\p{L}\p{M}\p{N}]+/gu)];
  if (m.length < words) return -1;
  const start = m[m.length - words]!;
  const candidate = key(text.slice(start.index));
  return candidate === phraseKey ? start.index : -1;
}
