package org.akhbar.analysis;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.KeywordAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * Akhbar's Arabic spelling folding and light stemmer. Runs after Lucene's ArabicNormalizationFilter
 * (hamza-on-alef, alef maqsura, ta marbuta, diacritics and tatweel already folded).
 *
 * Why not Lucene's light10 stemmer alone (ArabicStemFilter): it strips one prefix and a fixed
 * suffix list, so a reader's form and the writer's form often land on different stems:
 * وبالكاظمي (two proclitics) stays بالكاظم; الحكومتين (feminine dual) gives حكومت but حكومة gives
 * حكوم; المليشيات gives مليش but مليشيا stays مليشيا; وزارة loses its root و (زار) while الوزارة
 * keeps it (وزار). This stemmer:
 *   - folds the remaining hamza seats (ؤ ئ ء, alef wasla) to alef, so مسؤول = مسئول, هيئة = هيأة;
 *   - strips stacked proclitics that carry the article (و/ف + ب/ك/ل + ال, لل);
 *   - strips feminine duals (تين تان), nisba plurals (يين يون يات), sound plurals and duals
 *     (ون ين ان ات), the plural pronouns هم هما كم كما and ها, then final ا (tanween alef, loanwords
 *     such as مليشيا, أمريكا), يه, ه, ي, restoring ta marbuta before a pronoun (سيارتها = سيارة);
 *   - the endings ون ين ان تين تان also end many singulars (قانون، فلسطين، إيران، باكستان) whose
 *     derived forms (قانوني، فلسطيني، إيراني) only meet them when the ending stays: both stems are
 *     emitted at the same position, on both the index and the query side;
 *   - a single-letter proclitic (و ف ب ك ل) cannot be told from a root letter (وزارة vs وقال…), so
 *     at index time ({@code expand}) the stems with and without it are both emitted at the same
 *     position, while the query side keeps the word as typed: a query وزارة then finds وزارة,
 *     الوزارة and ووزارة without also matching زار ("visited").
 * Broken plurals (مدارس / مدرسة) are out of reach of any light stemmer: for the common ones of news
 * text (BrokenPlurals) the singular's stems are emitted at the same position, on both sides, so
 * مدارس finds مدرسة and the other way round. Loanwords and names spelt two ways (أميركا / أمريكا,
 * ترمب / ترامب) meet the same way (SpellingVariants).
 */
public final class ArabicLight {
  private ArabicLight() {}

  static final char ALEF = '\u0627';

  /** Remaining hamza seats and letter variants to one form, diacritics and tatweel dropped; returns the new length. */
  static int fold(char[] s, int len) {
    int j = 0;
    for (int i = 0; i < len; i++) {
      char c = s[i];
      switch (c) {
        case '\u0624': // waw with hamza
        case '\u0626': // yeh with hamza
        case '\u0621': // standalone hamza
        case '\u0671': // alef wasla
        case '\u0622': case '\u0623': case '\u0625': // alef variants (in case normalization did not run)
          c = ALEF; break;
        case '\u06CC': case '\u0649': c = '\u064A'; break; // Farsi yeh, alef maqsura -> yeh
        case '\u06A9': c = '\u0643'; break; // keheh -> kaf
        case '\u0629': c = '\u0647'; break; // ta marbuta -> heh
        case '\u0670': case '\u0640': continue; // superscript alef, tatweel: dropped
        default:
          if (c >= '\u064B' && c <= '\u0652') continue; // harakat
      }
      s[j++] = c;
    }
    return j;
  }

  /** A whole word folded (see fold). */
  static String fold(String w) {
    char[] b = w.toCharArray();
    return new String(b, 0, fold(b, b.length));
  }

  static boolean isArabicLetter(char c) {
    return c >= '\u0621' && c <= '\u064A';
  }

  static boolean allArabic(String w) {
    for (int i = 0; i < w.length(); i++) if (!isArabicLetter(w.charAt(i))) return false;
    return !w.isEmpty();
  }

  // Longest first. Three-letter and longer ones need a stem of 3 after them (والدة stays whole).
  private static final String[] ARTICLE_PREFIXES = {
    "\u0648\u0628\u0627\u0644", "\u0648\u0643\u0627\u0644", "\u0641\u0628\u0627\u0644", "\u0641\u0643\u0627\u0644", // وبال وكال فبال فكال
    "\u0648\u0644\u0644", "\u0641\u0644\u0644", // ولل فلل
    "\u0648\u0627\u0644", "\u0641\u0627\u0644", "\u0628\u0627\u0644", "\u0643\u0627\u0644", // وال فال بال كال
    "\u0644\u0644", "\u0627\u0644", // لل ال
  };

  /** Strip proclitics that carry the article; returns the input when none applies. */
  static String stripArticle(String w) {
    for (String p : ARTICLE_PREFIXES) {
      int min = p.length() >= 3 ? 3 : 2;
      if (w.startsWith(p) && w.length() - p.length() >= min) return w.substring(p.length());
    }
    return w;
  }

  private static boolean ends(String w, String suffix, int minStem) {
    return w.endsWith(suffix) && w.length() - suffix.length() >= minStem;
  }

  private static String cut(String w, int n) {
    return w.substring(0, w.length() - n);
  }

  /** A ta marbuta written as ت before a suffix (سيارتها → سيارت) back to the stem of سيارة. */
  private static String restoreTaMarbuta(String w) {
    int n = w.length();
    if (n >= 4 && w.charAt(n - 1) == '\u062A' && w.charAt(n - 2) != ALEF) return cut(w, 1);
    return w;
  }

  /**
   * Suffix stripping; each step at most once, in order, never leaving fewer than 3 letters.
   * With {@code ambiguous} false, the two-letter plural/dual endings ون ين ان and the dual تين تان
   * are kept: they end many singular words too (قانون، فلسطين، إيران، باكستان), whose derived forms
   * (قانوني، فلسطيني، إيراني، باكستاني) only meet them when the ending stays.
   */
  static String stripSuffixes(String w, boolean ambiguous) {
    w = stripPronoun(w);
    // Number: feminine dual, nisba plurals, sound plurals and duals.
    if (ends(w, "\u064A\u064A\u0646", 3) || ends(w, "\u064A\u0648\u0646", 3) || ends(w, "\u064A\u0627\u062A", 3)) w = cut(w, 3); // يين يون يات
    else if (ends(w, "\u062A\u064A\u0646", 3) || ends(w, "\u062A\u0627\u0646", 3)) { if (ambiguous) w = cut(w, 3); } // تين تان
    else if (ends(w, "\u0627\u062A", 3)) w = cut(w, 2); // ات
    else if (ends(w, "\u0648\u0646", 3) || ends(w, "\u064A\u0646", 3) || ends(w, "\u0627\u0646", 3)) { if (ambiguous) w = cut(w, 2); } // ون ين ان
    // Final letters: tanween/loanword alef, nisba feminine, ta marbuta or "his", nisba / "my".
    if (ends(w, "\u0627", 3)) w = cut(w, 1);
    if (ends(w, "\u064A\u0647", 3)) w = cut(w, 2);
    if (ends(w, "\u0647", 3)) w = restoreTaMarbuta(cut(w, 1));
    if (ends(w, "\u064A", 3)) w = cut(w, 1);
    return w;
  }

  /** A possessive pronoun ending (هما كما هم كم ها) taken off, only on long words: تفاهم, محاكم keep theirs. */
  static String stripPronoun(String w) {
    if (ends(w, "\u0647\u0645\u0627", 4) || ends(w, "\u0643\u0645\u0627", 4)) return restoreTaMarbuta(cut(w, 3));
    if (ends(w, "\u0647\u0645", 4) || ends(w, "\u0643\u0645", 4)) return restoreTaMarbuta(cut(w, 2));
    if (ends(w, "\u0647\u0627", 3)) return restoreTaMarbuta(cut(w, 2)); // ها
    return w;
  }

  /**
   * Stems of a word without its proclitics: the full strip, then the one keeping ambiguous
   * endings; for a known broken plural, its singulars' stems too; for a known second spelling or
   * month name, the usual one's stem.
   */
  private static void suffixVariants(String w, List<String> out) {
    int from = out.size();
    add(out, stripSuffixes(w, true));
    add(out, stripSuffixes(w, false));
    String[] singulars = BrokenPlurals.singulars(w);
    if (singulars != null) {
      for (String s : singulars) {
        add(out, stripSuffixes(s, true));
        add(out, stripSuffixes(s, false));
      }
    }
    // Another spelling of a loanword or name (أميركا, ترمب) meets the usual one at its stem.
    for (int i = from, n = out.size(); i < n; i++) {
      String usual = SpellingVariants.usual(out.get(i));
      if (usual != null) add(out, usual);
    }
    // Another name of a month (حزيران, جويلية) meets the Egyptian/Gulf one (يونيو, يوليو).
    String month = SpellingVariants.usualMonth(w);
    if (month != null) add(out, month);
  }

  /** The query-side stems: article proclitics stripped, suffix variants. First is the full strip. */
  public static List<String> stem(String w) {
    List<String> out = new ArrayList<>(2);
    if (!allArabic(w)) out.add(w);
    else suffixVariants(stripArticle(w), out);
    return out;
  }

  private static boolean isConj(char c) {
    return c == '\u0648' || c == '\u0641'; // و ف
  }

  private static boolean isPrep(char c) {
    return c == '\u0628' || c == '\u0643' || c == '\u0644'; // ب ك ل
  }

  /**
   * Index-side stems: the query-side stem plus, when the word starts with a single-letter
   * proclitic that may instead be a root letter, the stems without it.
   */
  public static List<String> stems(String w) {
    List<String> out = new ArrayList<>(4);
    if (!allArabic(w)) {
      out.add(w);
      return out;
    }
    String noArticle = stripArticle(w);
    suffixVariants(noArticle, out);
    if (!noArticle.equals(w)) return out;
    if (w.length() >= 4 && isConj(w.charAt(0))) {
      suffixVariants(w.substring(1), out);
      if (w.length() >= 5 && isPrep(w.charAt(1))) suffixVariants(w.substring(2), out);
    } else if (w.length() >= 4 && isPrep(w.charAt(0))) {
      suffixVariants(w.substring(1), out);
    }
    return out;
  }

  private static void add(List<String> out, String s) {
    if (!out.contains(s)) out.add(s);
  }

  /** Token filter: folds, then stems; with {@code expand}, alternatives share the token's position. */
  public static final class Filter extends TokenFilter {
    private final boolean expand;
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final PositionIncrementAttribute posInc = addAttribute(PositionIncrementAttribute.class);
    private final KeywordAttribute keyword = addAttribute(KeywordAttribute.class);
    private final ArrayDeque<String> pending = new ArrayDeque<>();
    private State state;

    public Filter(TokenStream in, boolean expand) {
      super(in);
      this.expand = expand;
    }

    @Override
    public boolean incrementToken() throws IOException {
      if (!pending.isEmpty()) {
        restoreState(state);
        term.setEmpty().append(pending.poll());
        posInc.setPositionIncrement(0);
        return true;
      }
      if (!input.incrementToken()) return false;
      int len = fold(term.buffer(), term.length());
      term.setLength(len);
      if (keyword.isKeyword()) return true;
      String w = term.toString();
      List<String> all = expand ? stems(w) : stem(w);
      term.setEmpty().append(all.get(0));
      if (all.size() > 1) {
        for (int i = 1; i < all.size(); i++) pending.add(all.get(i));
        state = captureState();
      }
      return true;
    }

    @Override
    public void reset() throws IOException {
      super.reset();
      pending.clear();
      state = null;
    }
  }

  /** Only the spelling folding, for language-neutral fields. */
  public static final class FoldFilter extends TokenFilter {
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);

    public FoldFilter(TokenStream in) {
      super(in);
    }

    @Override
    public boolean incrementToken() throws IOException {
      if (!input.incrementToken()) return false;
      term.setLength(fold(term.buffer(), term.length()));
      return true;
    }
  }

  /** Prints stems of the arguments: a quick check without a cluster. */
  public static void main(String[] args) {
    for (String a : args) {
      String w = fold(a);
      System.out.println(a + "\t" + stem(w) + "\t" + stems(w));
    }
  }
}
