import { sentences, tokenize } from './text.ts';

/** Longest extract, in characters. */
const MAX_EXTRACT = 320;

/**
 * A short extractive summary: the body's sentences scored by the keywords and entities they
 * carry, with the lead favoured (news puts the point first), kept in their original order up to
 * ~320 characters. Falls back to the first sentence, then to `fallback`, never invents text.
 */
export function extractiveSummary(body: string, weights: ReadonlyMap<string, number>, fallback = ''): string {
  const sents = sentences(body.slice(0, 20_000)).filter((s) => s.text.length >= 20);
  if (sents.length === 0) return clip(fallback || body);
  const scored = sents.map((s, i) => {
    const toks = tokenize(s.text);
    let score = 0;
    for (const t of toks) score += weights.get(t.norm) ?? 0;
    // Normalise by length (a long sentence is not better for being long) and favour the lead.
    const lead = i === 0 ? 2 : i === 1 ? 1.3 : 1;
    return { i, text: s.text, score: (score / Math.sqrt(Math.max(4, toks.length))) * lead + (i === 0 ? 0.01 : 0) };
  });
  const ranked = [...scored].sort((a, b) => b.score - a.score || a.i - b.i);
  const chosen: typeof scored = [];
  let len = 0;
  for (const s of ranked) {
    if (len + s.text.length > MAX_EXTRACT && chosen.length > 0) continue;
    chosen.push(s);
    len += s.text.length + 1;
    if (len >= MAX_EXTRACT * 0.7) break;
  }
  return clip(chosen.sort((a, b) => a.i - b.i).map((s) => s.text).join(' '));
}

function clip(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  if (t.length <= MAX_EXTRACT) return t;
  const cut = t.slice(0, MAX_EXTRACT);
  const space = cut.lastIndexOf(' ');
  return `${(space > MAX_EXTRACT * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
