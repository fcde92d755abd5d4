import type { RawArticle } from '@akhbar/core';

/** Articles written for these tests (in the manner of the Iraqi news the product meets). */
export const LEDE_AR =
  'كشف مقربون من رئيس الوزراء العراقي مصطفى الكاظمي، أنه سيعرض خلال زيارته المرتقبة إلى واشنطن خريطة مفصلة لانتشار الفصائل المسلحة المدعومة من إيران، والتي يقولون إنها تربك المشهد الأمني في البلاد. ' +
  'وأوضح المقربون أن الكاظمي أجرى في الأيام الماضية اتصالات مكثفة مع مسؤولين أمنيين وسياسيين في طهران، وأن الجانب الإيراني أبدى رغبة في إيصال رسالة إلى الإدارة الأمريكية بشأن تخفيف التوتر بين البلدين.';

export const SPORT_AR =
  'حقق المنتخب العراقي لكرة القدم فوزا على نظيره الأردني بهدفين مقابل هدف في مباراة ودية أقيمت على ستاد عمان الدولي، ضمن استعدادات أسود الرافدين لتصفيات كأس العالم. وسجل هدفي العراق مهند علي وأيمن حسين في الشوط الثاني وسط حضور جماهيري كبير.';

/** The story of LEDE_AR as an English outlet tells it, in its own words. */
export const LEDE_EN =
  'Aides to Iraqi Prime Minister Mustafa al-Kadhimi say he will take a detailed map of where Iran-backed armed factions operate to his meeting in Washington, arguing that the militias undermine security across the country. ' +
  'Kadhimi spent the past days in contact with security and political officials in Tehran, the aides said, and Iran wants him to carry a message to the American administration about easing tension between the two countries.';

/** Another Arabic story about the same prime minister: a different event. */
export const PARLIAMENT_AR =
  'استضاف مجلس النواب العراقي رئيس الوزراء مصطفى الكاظمي في جلسة خاصة لمناقشة موعد الانتخابات المبكرة وقانون المفوضية العليا المستقلة للانتخابات، وسط خلافات بين الكتل السياسية في بغداد حول توزيع الدوائر الانتخابية وموعد إجراء الاقتراع في الربيع المقبل.';

export function rawArticle(id: string, title: string, body: string, extra: Partial<RawArticle> = {}): RawArticle {
  const now = new Date().toISOString();
  return {
    id, url: `https://example.org/${id}`, feedId: 'feed-test', source: { id: 'feed-test', name: 'Test', domain: 'example.org' },
    title, summary: '', body, categories: [], publishedAt: now, fetchedAt: now, contentHash: `h-${id}`, flags: [], ...extra,
  };
}
