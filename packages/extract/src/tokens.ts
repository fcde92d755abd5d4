/**
 * Token overlap between an extracted body and the expected one, the usual measure of boilerplate
 * removal (CleanEval, the trafilatura and Readability comparisons): precision = share of extracted
 * tokens that belong to the story, recall = share of the story that was extracted.
 */
export interface TokenScore {
  precision: number;
  recall: number;
  f1: number;
}

/** Words of any script, case-folded, NFC; Arabic diacritics and tatweel removed. */
export function tokens(text: string): string[] {
  return (text.normalize('NFC').toLowerCase().replace(/[\u064b-\u065f\u0670\u0640]/g, '').match(/[\p{L}\p{N}][\p{L}\p{M}\p{N}]*/gu) ?? []);
}

export function tokenScore(extracted: string, expected: string): TokenScore {
  const got = tokens(extracted);
  const want = tokens(expected);
  const counts = new Map<string, number>();
  for (const t of want) counts.set(t, (counts.get(t) ?? 0) + 1);
  let common = 0;
  for (const t of got) {
    const n = counts.get(t) ?? 0;
    if (n > 0) {
      common++;
      counts.set(t, n - 1);
    }
  }
  const precision = got.length === 0 ? (want.length === 0 ? 1 : 0) : common / got.length;
  const recall = want.length === 0 ? 1 : common / want.length;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}
