package org.akhbar.analysis;

import java.util.HashMap;
import java.util.Map;

/**
 * Loanwords and names that Arabic newsrooms spell two ways, a long vowel written or not, or its
 * letters in another order: أميركا / أمريكا, ترمب / ترامب, ديموقراطية / ديمقراطية, أوربا / أوروبا,
 * ميليشيا / مليشيا. Folding and stemming cannot meet them (a letter is added or moved), so each
 * variant's stem also gives the usual spelling's stem, on both the index and the query side; the
 * stems are matched, so derived forms meet too (الأميركيين finds الأمريكية).
 *
 * Hand-written for the same reason as BrokenPlurals: no packaged lexicon of these exists. Only
 * pairs whose forms mean nothing else are listed.
 */
final class SpellingVariants {
  private SpellingVariants() {}

  /** "variant usual": the first is mapped to the second. */
  private static final String[] ENTRIES = {
    "أميركا أمريكا", "ترمب ترامب", "ديموقراطية ديمقراطية", "أوربا أوروبا", "ميليشيا مليشيا",
    "فدرالي فيدرالي", "ديكتاتور دكتاتور", "إنترنيت إنترنت", "تليفزيون تلفزيون", "بوتن بوتين",
    "نتانياهو نتنياهو", "ستراتيجية استراتيجية", "كونجرس كونغرس", "جوجل غوغل", "انكلترا إنجلترا",
    "إنكلترا إنجلترا", "زيلنسكي زيلينسكي", "أردوجان أردوغان", "فايسبوك فيسبوك",
  };

  private static final Map<String, String> USUAL = load();

  private static String stemOf(String w) {
    return ArabicLight.stripSuffixes(ArabicLight.stripArticle(ArabicLight.fold(w)), true);
  }

  private static Map<String, String> load() {
    Map<String, String> m = new HashMap<>();
    for (String e : ENTRIES) {
      String[] pair = e.split(" ");
      String variant = stemOf(pair[0]);
      String usual = stemOf(pair[1]);
      if (!variant.equals(usual)) m.put(variant, usual);
    }
    return m;
  }

  /** The usual spelling's stem for a variant's stem, or null. */
  static String usual(String stem) {
    return USUAL.get(stem);
  }
}
