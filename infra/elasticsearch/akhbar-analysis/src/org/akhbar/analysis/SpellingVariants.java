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
 * Month names work the same way: the Levant and Iraq write حزيران where Egypt and the Gulf write
 * يونيو (or يونيه) and the Maghreb جويلية for يوليو, so each second name gives the stem of the
 * Egyptian/Gulf one and a reader's "يونيو" finds an article dated "منتصف حزيران". Months are
 * looked up by the whole word, not its stem: يونيه's stem is اليونان's (يون, "Greece").
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

  /**
   * "second-name usual-name" for months. Left out because the word means something else just as
   * often in the news: نيسان (April; also Nissan), آب (August; folds to أب, "father"), ماي (May;
   * also "my"/"water" in dialect), جوان (June; also a given name), and the two-word كانون / تشرين
   * months (one word alone does not say which month).
   */
  private static final String[] MONTHS = {
    "شباط فبراير", "آذار مارس", "أيار مايو", "حزيران يونيو", "تموز يوليو", "أيلول سبتمبر",
    "جانفي يناير", "فيفري فبراير", "أفريل أبريل", "جويلية يوليو", "أوت أغسطس",
    "يونيه يونيو", "يوليه يوليو",
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

  private static final Map<String, String> MONTH_USUAL = loadMonths();

  private static Map<String, String> loadMonths() {
    Map<String, String> m = new HashMap<>();
    for (String e : MONTHS) {
      String[] pair = e.split(" ");
      m.put(ArabicLight.fold(pair[0]), stemOf(pair[1]));
    }
    return m;
  }

  /** The usual month name's stem for a second month name (folded, without its article), or null. */
  static String usualMonth(String word) {
    return MONTH_USUAL.get(word);
  }
}
