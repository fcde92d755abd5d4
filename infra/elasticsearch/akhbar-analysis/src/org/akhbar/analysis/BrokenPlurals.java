package org.akhbar.analysis;

import java.util.HashMap;
import java.util.Map;

/**
 * Broken plurals of words news reports use all the time, each with its singular: no light stemmer
 * can reach them (مدارس / مدرسة, وزراء / وزير, أسعار / سعر change inside the word), and a
 * root-based stemmer conflates far too much for search (كاتب، مكتب، كتاب all become كتب).
 *
 * Hand-written because no maintained, openly licensed Arabic plural lexicon is packaged for the
 * JVM or npm; the list stays small and deliberate. A plural is left out when it is also a common
 * word of another meaning, because the singular would then match that word too: كتب ("wrote"),
 * أسر ("captured"), طرق ("knocked"), فرق ("difference"), ديون/أديان (دين is both debt and
 * religion), أشهر ("most famous"), أسهم ("contributed"), قوى (folds to قوي, "strong"), قصور
 * ("shortcoming"), محال ("impossible"); and so is one whose singular is a common word of another
 * meaning: علماء (عالم is also "world"), أعوام (عام, "general"), أقارب (قريب, "near"), أتباع
 * (تابع, "followed").
 * Entries are written as readers spell them and folded with the analyser's own folding at load.
 */
final class BrokenPlurals {
  private BrokenPlurals() {}

  /** "plural singular [singular…]": a plural may have more than one written singular. */
  private static final String[] ENTRIES = {
    // Politics and government
    "أحزاب حزب", "أعضاء عضو", "وزراء وزير", "رؤساء رئيس", "زعماء زعيم", "نواب نائب", "سفراء سفير",
    "أمراء أمير", "ملوك ملك", "قادة قائد", "خبراء خبير", "مجالس مجلس", "لجان لجنة",
    "دول دولة", "بلدان بلد", "مدن مدينة", "قرى قرية", "عواصم عاصمة", "أقاليم إقليم", "مناطق منطقة",
    "أحياء حي", "شعوب شعب", "حقوق حق", "مصالح مصلحة", "أصوات صوت", "مقاعد مقعد",
    // Conflict and security
    "جيوش جيش", "حروب حرب", "معارك معركة", "أسلحة سلاح", "صواريخ صاروخ", "قنابل قنبلة", "ألغام لغم",
    "جنود جندي", "ضباط ضابط", "أسرى أسير", "قتلى قتيل", "جرحى جريح", "ضحايا ضحية", "شهداء شهيد",
    "سجناء سجين", "سجون سجن", "فصائل فصيل", "عناصر عنصر", "أجنحة جناح", "حلفاء حليف", "أعداء عدو",
    // People
    "أطفال طفل", "نساء امرأة مرأة", "رجال رجل", "شباب شاب", "سكان ساكن", "عمال عامل", "طلاب طالب",
    "أساتذة أستاذ", "أطباء طبيب", "أبناء ابن", "بنات بنت", "أصدقاء صديق", "شركاء شريك",
    "أجانب أجنبي", "أكراد كردي", "أفراد فرد", "أشخاص شخص", "أهالي أهل", "أبطال بطل",
    "نجوم نجم", "قبائل قبيلة", "عشائر عشيرة", "طوائف طائفة",
    // Economy
    "أسعار سعر", "أسواق سوق", "سلع سلعة", "أموال مال", "بنوك بنك", "مصارف مصرف", "أعمال عمل",
    "وظائف وظيفة", "رواتب راتب", "أجور أجر", "ضرائب ضريبة", "قروض قرض", "موارد مورد", "مصانع مصنع",
    "مشاريع مشروع", "موانئ ميناء", "حقول حقل", "آبار بئر", "براميل برميل", "أرقام رقم", "أعداد عدد",
    "ملايين مليون", "آلاف ألف", "مئات مئة",
    // Places and buildings
    "شوارع شارع", "جسور جسر", "أنهار نهر", "بحار بحر", "جبال جبل", "أراضي أرض", "أراض أرض",
    "مساجد مسجد", "كنائس كنيسة", "مدارس مدرسة", "مكاتب مكتب", "مراكز مركز", "مواقع موقع",
    "منازل منزل", "بيوت بيت", "مبان مبنى", "مباني مبنى", "أبراج برج",
    "فنادق فندق", "مطاعم مطعم", "ملاعب ملعب", "سفن سفينة", "قوارب قارب", "مراكب مركب", "أجهزة جهاز",
    // Time
    "أيام يوم", "أسابيع أسبوع", "شهور شهر", "قرون قرن", "دقائق دقيقة",
    // Texts, ideas, events
    "أخبار خبر", "تقارير تقرير", "قوانين قانون", "أحكام حكم", "صحف صحيفة", "رسائل رسالة",
    "وثائق وثيقة", "أفلام فيلم", "جوائز جائزة", "أفكار فكرة", "آراء رأي", "أسباب سبب", "أهداف هدف",
    "نتائج نتيجة", "شروط شرط", "مشاكل مشكلة", "مخاطر خطر", "أحداث حدث", "ظروف ظرف", "أوضاع وضع",
    "أنشطة نشاط", "خطط خطة", "برامج برنامج", "حقائق حقيقة", "أمراض مرض", "أدوية دواء",
  };

  private static final Map<String, String[]> SINGULARS = load();

  private static Map<String, String[]> load() {
    Map<String, String[]> m = new HashMap<>(ENTRIES.length * 2);
    for (String e : ENTRIES) {
      String[] words = e.split(" ");
      String[] singulars = new String[words.length - 1];
      for (int i = 1; i < words.length; i++) singulars[i - 1] = ArabicLight.fold(words[i]);
      m.put(ArabicLight.fold(words[0]), singulars);
    }
    return m;
  }

  /** Singulars of a folded word without its article, or null; a possessive pronoun may follow (مدارسها). */
  static String[] singulars(String w) {
    String[] s = SINGULARS.get(w);
    if (s != null) return s;
    String bare = ArabicLight.stripPronoun(w);
    return bare.equals(w) ? null : SINGULARS.get(bare);
  }
}
