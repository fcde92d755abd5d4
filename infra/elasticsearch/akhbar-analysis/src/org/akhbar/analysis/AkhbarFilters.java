package org.akhbar.analysis;

import java.util.Arrays;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.ar.ArabicNormalizationFilter;
import org.apache.lucene.analysis.ar.ArabicStemFilter;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cjk.CJKWidthFilter;
import org.apache.lucene.analysis.ckb.SoraniNormalizationFilter;
import org.apache.lucene.analysis.ckb.SoraniStemFilter;
import org.apache.lucene.analysis.core.DecimalDigitFilter;
import org.apache.lucene.analysis.de.GermanLightStemFilter;
import org.apache.lucene.analysis.de.GermanNormalizationFilter;
import org.apache.lucene.analysis.el.GreekLowerCaseFilter;
import org.apache.lucene.analysis.el.GreekStemFilter;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.KStemFilter;
import org.apache.lucene.analysis.es.SpanishLightStemFilter;
import org.apache.lucene.analysis.fa.PersianNormalizationFilter;
import org.apache.lucene.analysis.fa.PersianStemFilter;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.fr.FrenchLightStemFilter;
import org.apache.lucene.analysis.hi.HindiNormalizationFilter;
import org.apache.lucene.analysis.hi.HindiStemFilter;
import org.apache.lucene.analysis.id.IndonesianStemFilter;
import org.apache.lucene.analysis.in.IndicNormalizationFilter;
import org.apache.lucene.analysis.it.ItalianLightStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.pt.PortugueseLightStemFilter;
import org.apache.lucene.analysis.ru.RussianLightStemFilter;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.tr.ApostropheFilter;
import org.apache.lucene.analysis.tr.TurkishLowerCaseFilter;
import org.apache.lucene.analysis.util.ElisionFilter;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;
import org.tartarus.snowball.ext.ArabicStemmer;
import org.tartarus.snowball.ext.DutchStemmer;
import org.tartarus.snowball.ext.TurkishStemmer;

/**
 * Akhbar's analysis token filters, as an Elasticsearch stable plugin.
 *
 * Why this exists: the Elasticsearch distribution that Maven Central serves (integ-test-zip) ships
 * without the analysis-common module, so `arabic_normalization`, `stemmer`, `asciifolding`,
 * `elision`… are missing there. Each filter below wraps the very Lucene class that analysis-common
 * wraps, under an `akhbar_` name so it coexists with analysis-common on the official images.
 * The index template (packages/search) uses only these names and core filters, so tests, the demo
 * and production analyse text identically.
 *
 * One nested class per filter; build.sh (beside src/) lists them in
 * named_components.json from the @NamedComponent annotations.
 */
public final class AkhbarFilters {
  private AkhbarFilters() {}

  @NamedComponent("akhbar_arabic_normalization")
  public static final class ArabicNormalization implements TokenFilterFactory {
    @Override public TokenStream create(TokenStream in) { return new ArabicNormalizationFilter(in); }
  }

  /** Light stemmer (Larkey light10): article/conjunction prefixes, plural/dual and pronoun suffixes. */
  @NamedComponent("akhbar_arabic_stem")
  public static final class ArabicStem implements TokenFilterFactory {
    @Override public TokenStream create(TokenStream in) { return new ArabicStemFilter(in); }
  }

  /** Snowball Arabic stemmer: more aggressive than light10 (broken plurals are still out of reach). */
  @NamedComponent("akhbar_arabic_snowball")
  public static final class ArabicSnowball implements TokenFilterFactory {
    @Override public TokenStream create(TokenStream in) { return new SnowballFilter(in, new ArabicStemmer()); }
  }

  /** Remaining hamza seats (ؤ ئ ء, alef wasla) to alef, Farsi yeh/keheh to Arabic: see ArabicLight. */
  @NamedComponent("akhbar_arabic_fold")
  public static final class ArabicFold implements TokenFilterFactory {
    @Override public TokenStream create(TokenStream in) { return new ArabicLight.FoldFilter(in); }
  }

  /** Akhbar's Arabic light stemmer, query side: stacked proclitics, duals, plurals, pronouns. */
  @NamedComponent("akhbar_arabic_light")
  public static final class ArabicLightStem implements TokenFilterFactory {
    @Override public TokenStream create(TokenStream in) { return new ArabicLight.Filter(in, false); }
  }

  /** Index side of akhbar_arabic_light: also the stems without an ambiguous one-letter proclitic. */
  @NamedComponent("akhbar_arabic_light_index")
  public static final class ArabicLightIndex implements TokenFilterFactory {
    @Override public TokenStream create(TokenStream in) { return new ArabicLight.Filter(in, true); }
  }

  /** Arabic-Indic, Persian and other Unicode decimal digits to ASCII. */
  @NamedComponent("akhbar_decimal_digit")
  public static final class DecimalDigit implements TokenFilterFactory {
    @Override public TokenStream create(TokenStream in) { return new DecimalDigitFilter(in); }
  }

  @NamedComponent("akhbar_persian_normalization")
  public static final class PersianNormalization implements TokenFilterFactory {
    @Override public TokenStream create(TokenStream in) { return new PersianNormalizationFilter(in); }
  }

  @NamedComponent("akhbar_persian_stem")
  public static final class PersianStem implements TokenFilterFactory {
    @Override public TokenStream create(TokenStream in) { return new PersianStemFilter(in); }
  }

  /** Central Kurdish (Sorani): its letters in one form (ە for a final ه, ی/ێ, ک…), as Elasticsearch's sorani analyzer. */
  @NamedComponent("akhbar_sorani_normalization")
  public static final class SoraniNormalization implements TokenFilterFactory {
    @Override public TokenStream create(TokenStream in) { return new SoraniNormalizationFilter(in); }
  }

  /** Kurmanji (Latin-script Kurdish) case, ezafe, plural and indefinite suffixes, one a pass: see KurmanjiLight. */
  @NamedComponent("akhbar_kurmanji_stem")
  public static final class KurmanjiStem implements TokenFilterFactory {
    @Override public TokenStream create(TokenStream in) { return new KurmanjiLight.Filter(in); }
  }

  /** Sorani suffixes (the definite -ەکە/-ەکان, the ezafe -ی, plurals, possessives) stripped. */
  @NamedComponent("akhbar_sorani_stem")
  public static final class SoraniStem implements TokenFilterFactory {
    @Override public TokenStream create(TokenStream in) { return new SoraniStemFilter(in); }
  }

  @NamedComponent("akhbar_asciifolding")
  public static final class AsciiFolding implements TokenFilterFactory {
    @Override public TokenStream create(TokenStream in) { return new ASCIIFoldingFilter(in, false); }
  }

  /** French elision: l', d', qu', j'… (Lucene's default French article set). */
  @NamedComponent("akhbar_french_elision")
  public static final class FrenchElision implements TokenFilterFactory {
    @Override public TokenStream create(TokenStream in) { return new ElisionFilter(in, FrenchAnalyzer.DEFAULT_ARTICLES); }
  }

  @NamedComponent("akhbar_french_stem")
  public static final class FrenchStem implements TokenFilterFactory {
    @Override public TokenStream create(TokenStream in) { return new FrenchLightStemFilter(in); }
  }

  @NamedComponent("akhbar_english_possessive")
  public static final class EnglishPossessive implements TokenFilterFactory {
    @Override public TokenStream create(TokenStream in) { return new EnglishPossessiveFilter(in); }
  }

  /** KStem: a gentle English stemmer (keeps words readable, fewer false conflations than Porter). */
  @NamedComponent("akhbar_english_stem")
  public static final class EnglishStem implements TokenFilterFactory {
    @Override public TokenStream create(TokenStream in) { return new KStemFilter(in); }
  }

  @NamedComponent("akhbar_spanish_stem")
  public static final class SpanishStem implements TokenFilterFactory {
    @Override public TokenStream create(TokenStream in) { return new SpanishLightStemFilter(in); }
  }

  @NamedComponent("akhbar_german_normalization")
  public static final class GermanNormalization implements TokenFilterFactory {
    @Override public TokenStream create(TokenStream in) { return new GermanNormalizationFilter(in); }
  }

  @NamedComponent("akhbar_german_stem")
  public static final class GermanStem implements TokenFilterFactory {
    @Override public TokenStream create(TokenStream in) { return new GermanLightStemFilter(in); }
  }

  /** Turkish dotted/dotless i lower-casing; use instead of `lowercase` for Turkish. */
  @NamedComponent("akhbar_turkish_lowercase")
  public static final class TurkishLowercase implements TokenFilterFactory {
    @Override public TokenStream create(TokenStream in) { return new TurkishLowerCaseFilter(in); }
  }

  /** Drops the suffix after an apostrophe (İstanbul'da → İstanbul). */
  @NamedComponent("akhbar_turkish_apostrophe")
  public static final class TurkishApostrophe implements TokenFilterFactory {
    @Override public TokenStream create(TokenStream in) { return new ApostropheFilter(in); }
  }

  @NamedComponent("akhbar_turkish_stem")
  public static final class TurkishStem implements TokenFilterFactory {
    @Override public TokenStream create(TokenStream in) { return new SnowballFilter(in, new TurkishStemmer()); }
  }

  @NamedComponent("akhbar_russian_stem")
  public static final class RussianStem implements TokenFilterFactory {
    @Override public TokenStream create(TokenStream in) { return new RussianLightStemFilter(in); }
  }

  @NamedComponent("akhbar_cjk_width")
  public static final class CjkWidth implements TokenFilterFactory {
    @Override public TokenStream create(TokenStream in) { return new CJKWidthFilter(in); }
  }

  /** Overlapping bigrams for Han/Hiragana/Katakana/Hangul runs from the standard tokenizer. */
  @NamedComponent("akhbar_cjk_bigram")
  public static final class CjkBigram implements TokenFilterFactory {
    @Override public TokenStream create(TokenStream in) { return new CJKBigramFilter(in); }
  }

  /** Italian elision: l', dell', un', c'… (the articles Lucene's ItalianAnalyzer strips, which it keeps private). */
  @NamedComponent("akhbar_italian_elision")
  public static final class ItalianElision implements TokenFilterFactory {
    private static final CharArraySet ARTICLES = new CharArraySet(
        Arrays.asList("c", "l", "all", "dall", "dell", "nell", "sull", "coll", "pell", "gl", "agl", "dagl", "degl", "negl", "sugl", "un", "m", "t", "s", "v", "d"), true);
    @Override public TokenStream create(TokenStream in) { return new ElisionFilter(in, ARTICLES); }
  }

  @NamedComponent("akhbar_italian_stem")
  public static final class ItalianStem implements TokenFilterFactory {
    @Override public TokenStream create(TokenStream in) { return new ItalianLightStemFilter(in); }
  }

  @NamedComponent("akhbar_portuguese_stem")
  public static final class PortugueseStem implements TokenFilterFactory {
    @Override public TokenStream create(TokenStream in) { return new PortugueseLightStemFilter(in); }
  }

  @NamedComponent("akhbar_dutch_stem")
  public static final class DutchStem implements TokenFilterFactory {
    @Override public TokenStream create(TokenStream in) { return new SnowballFilter(in, new DutchStemmer()); }
  }

  /** Indonesian: inflectional and derivational affixes (pemilihan → pilih), as IndonesianAnalyzer. */
  @NamedComponent("akhbar_indonesian_stem")
  public static final class IndonesianStem implements TokenFilterFactory {
    @Override public TokenStream create(TokenStream in) { return new IndonesianStemFilter(in); }
  }

  /** Greek lower-casing that also drops the tonos and folds final sigma; the stemmer expects it. */
  @NamedComponent("akhbar_greek_lowercase")
  public static final class GreekLowercase implements TokenFilterFactory {
    @Override public TokenStream create(TokenStream in) { return new GreekLowerCaseFilter(in); }
  }

  @NamedComponent("akhbar_greek_stem")
  public static final class GreekStem implements TokenFilterFactory {
    @Override public TokenStream create(TokenStream in) { return new GreekStemFilter(in); }
  }

  /** Unicode normalisation of Indic scripts (the first step of HindiAnalyzer). */
  @NamedComponent("akhbar_indic_normalization")
  public static final class IndicNormalization implements TokenFilterFactory {
    @Override public TokenStream create(TokenStream in) { return new IndicNormalizationFilter(in); }
  }

  @NamedComponent("akhbar_hindi_normalization")
  public static final class HindiNormalization implements TokenFilterFactory {
    @Override public TokenStream create(TokenStream in) { return new HindiNormalizationFilter(in); }
  }

  @NamedComponent("akhbar_hindi_stem")
  public static final class HindiStem implements TokenFilterFactory {
    @Override public TokenStream create(TokenStream in) { return new HindiStemFilter(in); }
  }
}
