package org.akhbar.analysis;

import java.io.IOException;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.KeywordAttribute;

/**
 * A light stemmer for Kurmanji (Northern Kurdish, Latin script), which Lucene does not have: no
 * library offers one, so this is written by hand, in the manner of Lucene's light stemmers (a few
 * inflectional suffixes off, nothing derivational).
 *
 * Kurmanji marks case, the ezafe and indefiniteness with suffixes on the noun: the oblique -ê
 * (feminine) and -î (masculine), the ezafe -a (feminine), -ê (masculine), -ên (plural), the
 * plural oblique -an, the indefinite -ek and its obliques -ekê, -ekî; after a vowel each takes a
 * glide y (Bexdayê, Amerîkaya, Sûriyeyê). So hilbijartin, hilbijartina, hilbijartinê,
 * hilbijartinan, hilbijartinên, hilbijartinek all meet, and so do Hewlêr and Hewlêrê.
 *
 * One suffix comes off a pass, the longest that leaves a stem of three letters or more; the
 * template runs two passes (as Sorani's), so a name ending as a suffix does (Kurdistan, Bexda) and
 * its inflected forms (Kurdistanê, Bexdayê) reach the same stem. Expects lower-cased input with
 * its diacritics (ê î û ç ş), before any ASCII folding.
 */
public final class KurmanjiLight {
  private KurmanjiLight() {}

  /** Longest first: the first that fits is taken. */
  private static final String[] SUFFIXES = {
    "yekê", "yekî", "ekê", "ekî", "yên", "yek", "yan", "ên", "ek", "an", "yê", "ya", "yî", "ê", "a", "î",
  };
  private static final int MIN_STEM = 3;

  /**
   * The length of `s[0..len)` with one suffix off (len when none fits). A long î shortens before
   * the glide (partî, partiyên): the i left before a suffix that began with y is written î again,
   * so the next pass takes it as it takes partî's.
   */
  static int stem(char[] s, int len) {
    for (String suffix : SUFFIXES) {
      int n = suffix.length();
      if (len - n < MIN_STEM) continue;
      if (endsWith(s, len, suffix)) {
        if (suffix.charAt(0) == 'y' && s[len - n - 1] == 'i') s[len - n - 1] = '\u00EE';
        return len - n;
      }
    }
    return len;
  }

  private static boolean endsWith(char[] s, int len, String suffix) {
    int n = suffix.length();
    for (int i = 0; i < n; i++) if (s[len - n + i] != suffix.charAt(i)) return false;
    return true;
  }

  public static final class Filter extends TokenFilter {
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final KeywordAttribute keyword = addAttribute(KeywordAttribute.class);

    public Filter(TokenStream in) {
      super(in);
    }

    @Override
    public boolean incrementToken() throws IOException {
      if (!input.incrementToken()) return false;
      if (!keyword.isKeyword()) term.setLength(stem(term.buffer(), term.length()));
      return true;
    }
  }
}
