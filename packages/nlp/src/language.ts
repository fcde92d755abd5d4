export interface LanguageGuess {
  lang: string;
  confidence: number;
}

const STOPWORDS: Record<string, string[]> = {
  en: ['the', 'and', 'of', 'to', 'in', 'is', 'for', 'on', 'with', 'as', 'by', 'at', 'from', 'that'],
  fr: ['le', 'la', 'les', 'des', 'et', 'du', 'un', 'une', 'est', 'pour', 'dans', 'sur', 'au', 'que'],
};

/** Language of a text by script, then by stop words for Latin script. `und` when unsure. */
export function detectLanguage(text: string, hint?: string): LanguageGuess {
  const letters = text.match(/\p{L}/gu) ?? [];
  if (letters.length < 3) return { lang: hint ?? 'und', confidence: 0 };
  const arabic = (text.match(/\p{Script=Arabic}/gu) ?? []).length;
  const latin = (text.match(/\p{Script=Latin}/gu) ?? []).length;
  if (arabic / letters.length > 0.5) return { lang: 'ar', confidence: Math.min(1, arabic / letters.length) };
  if (latin / letters.length > 0.5) {
    const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
    let best = { lang: 'und', score: 0 };
    for (const [lang, list] of Object.entries(STOPWORDS)) {
      const set = new Set(list);
      const score = words.filter((w) => set.has(w)).length;
      if (score > best.score || (score === best.score && score > 0 && lang === hint)) best = { lang, score };
    }
    if (best.score === 0) return { lang: hint ?? 'und', confidence: 0.2 };
    return { lang: best.lang, confidence: Math.min(1, best.score / Math.max(5, words.length / 5)) };
  }
  return { lang: 'und', confidence: 0 };
}
