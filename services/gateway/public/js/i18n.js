// UI strings in English and Arabic, and locale-aware formatting. A string is either text with
// {placeholders} or, for counts, an object keyed by Intl.PluralRules category (Arabic has six).

const STRINGS = {
  en: {
    skip: 'Skip to content',
    views: 'Views',
    'nav.search': 'Search',
    'nav.dashboard': 'Dashboard',
    'nav.feeds': 'Feeds',
    'ui.switch': 'العربية',
    'ui.switchLabel': 'Switch the interface to Arabic',
    'title.search': 'Search',
    'title.dashboard': 'Dashboard',
    'title.feeds': 'Feeds',
    'search.label': 'Search news',
    'search.placeholder': 'Search news in any language…',
    'search.submit': 'Search',
    'help.summary': 'Query syntax',
    'help.text': 'All words must match. "exact phrase", a OR b, -exclude or NOT a, prefix*, (grouping). Names of people and places also find articles about them in other languages.',
    'filters.title': 'Filters',
    'filters.lang': 'Language',
    'filters.topic': 'Topic',
    'filters.source': 'Source',
    'filters.country': 'Country mentioned',
    'filters.entity': 'About',
    'filters.from': 'From',
    'filters.to': 'To',
    'filters.sort': 'Sort',
    'filters.group': 'Group by story',
    'filters.inTitle': 'In headlines only',
    'filters.any': 'Any',
    'filters.clear': 'Clear all filters',
    'filters.remove': 'Remove filter {label}',
    'sort.relevance': 'Best match',
    'sort.newest': 'Newest first',
    'sort.oldest': 'Oldest first',
    'results.heading': 'Results',
    'results.count': { one: '{n} article', other: '{n} articles' },
    'results.stories': { one: '{n} story', other: '{n} stories' },
    'results.none': 'No articles match. Try fewer words or filters.',
    'results.loading': 'Searching…',
    'results.page': 'page {n}',
    'results.timedOut': 'The search took too long; these results may be incomplete.',
    'results.expanded': 'Also finding articles in every language about: {names}',
    'results.export': 'Download these results as CSV (up to 1,000 articles)',
    'results.exportFailed': 'The download failed: {message}',
    'story.more': { one: '+{n} source', other: '+{n} sources' },
    'story.title': 'Coverage of this story',
    'story.loading': 'Loading the story…',
    'story.hide': 'Hide the story',
    'hit.lang': 'Language: {lang}',
    'pager.label': 'Pages',
    'pager.prev': 'Previous page',
    'pager.next': 'Next page',
    'pager.first': 'First page',
    'kbd.hint': 'Keys: / search, j and k move between results.',
    'error.generic': 'Something went wrong: {message}',
    'error.network': 'The server could not be reached.',
    'error.apiKey': 'This server needs an API key for searching.',
    'error.apiKeyLabel': 'API key',
    'error.apiKeySave': 'Use key',
    'dash.heading': 'Dashboard',
    'dash.timeline': 'Articles over time',
    'dash.map': 'Countries mentioned',
    'dash.entities': 'Top people, places and organisations',
    'dash.topics': 'Top topics',
    'dash.sources': 'Top sources',
    'dash.trending': 'Trending',
    'dash.window': 'Window',
    'dash.window.24h': 'last 24 hours',
    'dash.window.3d': 'last 3 days',
    'dash.window.7d': 'last 7 days',
    'dash.total': { one: '{n} matching article', other: '{n} matching articles' },
    'dash.empty': 'No data for this search.',
    'dash.loading': 'Loading…',
    'dash.filterBy': 'Filter by {label}',
    'dash.trendEntities': 'Names',
    'dash.trendTerms': 'Words in headlines',
    'dash.trendEmpty': 'Nothing stands out in this window.',
    'chart.summary': '{total} articles from {from} to {to}; busiest {peakAt} with {peak}.',
    'chart.table': 'Show the numbers',
    'chart.date': 'Date',
    'chart.count': 'Articles',
    'chart.other': 'other',
    'map.label': 'World map shaded by how many articles mention each country',
    'map.country': '{name}: {n} articles',
    'map.legend': 'Articles mentioning the country',
    'map.list': 'Most mentioned',
    'feeds.heading': 'Feeds',
    'feeds.token': 'Admin token',
    'feeds.useToken': 'Use token',
    'feeds.forget': 'Forget',
    'feeds.tokenNote': 'Managing feeds needs the admin token (AKHBAR_ADMIN_TOKEN). It stays in this browser tab only.',
    'feeds.needToken': 'Enter the admin token to see and manage feeds.',
    'feeds.badToken': 'The admin token was refused: {message}',
    'feeds.addLabel': 'Feed or site address',
    'feeds.add': 'Add',
    'feeds.adding': 'Checking {url}…',
    'feeds.added': 'Added {title}. Its first fetch is queued.',
    'feeds.known': '{title} was already registered.',
    'feeds.discovered': '{url} is a web page. It links these feeds:',
    'feeds.noneFound': '{url} is a web page that links no feed.',
    'feeds.notFeed': '{message}',
    'feeds.addThis': 'Add this feed',
    'feeds.caption': 'Registered feeds',
    'feeds.empty': 'No feeds yet. Add one above.',
    'feeds.col.feed': 'Feed',
    'feeds.col.state': 'Status',
    'feeds.col.lastFetch': 'Last fetch',
    'feeds.col.error': 'Last error',
    'feeds.col.seen': 'Items seen',
    'feeds.col.indexed': 'Indexed',
    'feeds.col.actions': 'Actions',
    'feeds.refresh': 'Refresh',
    'feeds.refreshOf': 'Refresh {title}',
    'feeds.refreshed': 'A fetch of {title} is queued.',
    'feeds.remove': 'Remove',
    'feeds.removeOf': 'Remove {title}',
    'feeds.confirm': 'Confirm removal',
    'feeds.confirmOf': 'Confirm removal of {title}',
    'feeds.removed': '{title} was removed. Its articles stay searchable.',
    'feeds.never': 'never',
    'feeds.latest': 'latest article {date}',
    'state.new': 'new',
    'state.active': 'active',
    'state.failing': 'failing',
    'state.disabled': 'disabled',
    'state.gone': 'gone',
    'foot.api': 'API documentation',
  },
  ar: {
    skip: 'انتقل إلى المحتوى',
    views: 'الصفحات',
    'nav.search': 'بحث',
    'nav.dashboard': 'لوحة المتابعة',
    'nav.feeds': 'المصادر',
    'ui.switch': 'English',
    'ui.switchLabel': 'Switch the interface to English',
    'title.search': 'بحث',
    'title.dashboard': 'لوحة المتابعة',
    'title.feeds': 'المصادر',
    'search.label': 'ابحث في الأخبار',
    'search.placeholder': 'ابحث في الأخبار بأي لغة…',
    'search.submit': 'بحث',
    'help.summary': 'صيغة البحث',
    'help.text': 'يجب أن تطابق كل الكلمات. "عبارة كاملة"، أ OR ب، ‎-استبعاد أو NOT أ، بادئة*، (تجميع). أسماء الأشخاص والأماكن تجد أيضا المقالات عنهم بلغات أخرى.',
    'filters.title': 'عوامل التصفية',
    'filters.lang': 'اللغة',
    'filters.topic': 'الموضوع',
    'filters.source': 'المصدر',
    'filters.country': 'البلد المذكور',
    'filters.entity': 'عن',
    'filters.from': 'من',
    'filters.to': 'إلى',
    'filters.sort': 'الترتيب',
    'filters.group': 'تجميع حسب القصة',
    'filters.inTitle': 'في العناوين فقط',
    'filters.any': 'الكل',
    'filters.clear': 'إزالة كل عوامل التصفية',
    'filters.remove': 'إزالة عامل التصفية {label}',
    'sort.relevance': 'الأكثر صلة',
    'sort.newest': 'الأحدث أولا',
    'sort.oldest': 'الأقدم أولا',
    'results.heading': 'النتائج',
    'results.count': { zero: 'لا مقالات', one: 'مقالة واحدة', two: 'مقالتان', few: '{n} مقالات', many: '{n} مقالة', other: '{n} مقالة' },
    'results.stories': { zero: 'لا قصص', one: 'قصة واحدة', two: 'قصتان', few: '{n} قصص', many: '{n} قصة', other: '{n} قصة' },
    'results.none': 'لا توجد مقالات مطابقة. جرّب كلمات أو عوامل تصفية أقل.',
    'results.loading': 'جار البحث…',
    'results.page': 'الصفحة {n}',
    'results.timedOut': 'استغرق البحث وقتا طويلا؛ قد تكون النتائج ناقصة.',
    'results.expanded': 'يشمل البحث أيضا المقالات بكل اللغات عن: {names}',
    'results.export': 'تنزيل هذه النتائج بصيغة CSV (حتى 1000 مقالة)',
    'results.exportFailed': 'تعذر التنزيل: {message}',
    'story.more': { zero: '+{n} مصدر', one: '+مصدر واحد', two: '+مصدران', few: '+{n} مصادر', many: '+{n} مصدرا', other: '+{n} مصدر' },
    'story.title': 'تغطية هذه القصة',
    'story.loading': 'جار تحميل القصة…',
    'story.hide': 'إخفاء القصة',
    'hit.lang': 'اللغة: {lang}',
    'pager.label': 'الصفحات',
    'pager.prev': 'الصفحة السابقة',
    'pager.next': 'الصفحة التالية',
    'pager.first': 'الصفحة الأولى',
    'kbd.hint': 'المفاتيح: / للبحث، j و k للتنقل بين النتائج.',
    'error.generic': 'حدث خطأ: {message}',
    'error.network': 'تعذر الوصول إلى الخادم.',
    'error.apiKey': 'يتطلب هذا الخادم مفتاح API للبحث.',
    'error.apiKeyLabel': 'مفتاح API',
    'error.apiKeySave': 'استخدم المفتاح',
    'dash.heading': 'لوحة المتابعة',
    'dash.timeline': 'المقالات عبر الزمن',
    'dash.map': 'البلدان المذكورة',
    'dash.entities': 'أبرز الأشخاص والأماكن والمنظمات',
    'dash.topics': 'أبرز المواضيع',
    'dash.sources': 'أبرز المصادر',
    'dash.trending': 'الأكثر تداولا',
    'dash.window': 'الفترة',
    'dash.window.24h': 'آخر 24 ساعة',
    'dash.window.3d': 'آخر 3 أيام',
    'dash.window.7d': 'آخر 7 أيام',
    'dash.total': { zero: 'لا مقالات مطابقة', one: 'مقالة مطابقة واحدة', two: 'مقالتان مطابقتان', few: '{n} مقالات مطابقة', many: '{n} مقالة مطابقة', other: '{n} مقالة مطابقة' },
    'dash.empty': 'لا بيانات لهذا البحث.',
    'dash.loading': 'جار التحميل…',
    'dash.filterBy': 'تصفية حسب {label}',
    'dash.trendEntities': 'أسماء',
    'dash.trendTerms': 'كلمات في العناوين',
    'dash.trendEmpty': 'لا شيء بارز في هذه الفترة.',
    'chart.summary': '{total} مقالة من {from} إلى {to}؛ الذروة {peakAt} بعدد {peak}.',
    'chart.table': 'اعرض الأرقام',
    'chart.date': 'التاريخ',
    'chart.count': 'المقالات',
    'chart.other': 'أخرى',
    'map.label': 'خريطة العالم ملونة حسب عدد المقالات التي تذكر كل بلد',
    'map.country': '{name}: {n} مقالة',
    'map.legend': 'المقالات التي تذكر البلد',
    'map.list': 'الأكثر ذكرا',
    'feeds.heading': 'المصادر',
    'feeds.token': 'رمز المشرف',
    'feeds.useToken': 'استخدم الرمز',
    'feeds.forget': 'انسَ الرمز',
    'feeds.tokenNote': 'إدارة المصادر تتطلب رمز المشرف (AKHBAR_ADMIN_TOKEN). يبقى الرمز في علامة التبويب هذه فقط.',
    'feeds.needToken': 'أدخل رمز المشرف لعرض المصادر وإدارتها.',
    'feeds.badToken': 'رُفض رمز المشرف: {message}',
    'feeds.addLabel': 'عنوان الخلاصة أو الموقع',
    'feeds.add': 'أضف',
    'feeds.adding': 'جار فحص {url}…',
    'feeds.added': 'أضيف {title}. جُدول أول جلب له.',
    'feeds.known': '{title} مسجل من قبل.',
    'feeds.discovered': '{url} صفحة ويب، وفيها روابط لهذه الخلاصات:',
    'feeds.noneFound': '{url} صفحة ويب لا تربط أي خلاصة.',
    'feeds.notFeed': '{message}',
    'feeds.addThis': 'أضف هذه الخلاصة',
    'feeds.caption': 'الخلاصات المسجلة',
    'feeds.empty': 'لا خلاصات بعد. أضف واحدة أعلاه.',
    'feeds.col.feed': 'الخلاصة',
    'feeds.col.state': 'الحالة',
    'feeds.col.lastFetch': 'آخر جلب',
    'feeds.col.error': 'آخر خطأ',
    'feeds.col.seen': 'العناصر المرصودة',
    'feeds.col.indexed': 'المفهرسة',
    'feeds.col.actions': 'إجراءات',
    'feeds.refresh': 'حدّث',
    'feeds.refreshOf': 'حدّث {title}',
    'feeds.refreshed': 'جُدول جلب {title}.',
    'feeds.remove': 'احذف',
    'feeds.removeOf': 'احذف {title}',
    'feeds.confirm': 'أكّد الحذف',
    'feeds.confirmOf': 'أكّد حذف {title}',
    'feeds.removed': 'حُذف {title}. تبقى مقالاته قابلة للبحث.',
    'feeds.never': 'أبدا',
    'feeds.latest': 'آخر مقالة {date}',
    'state.new': 'جديدة',
    'state.active': 'نشطة',
    'state.failing': 'متعثرة',
    'state.disabled': 'معطلة',
    'state.gone': 'محذوفة',
    'foot.api': 'توثيق واجهة البرمجة',
  },
};

export const UI_LANGS = ['en', 'ar'];
let ui = 'en';
let plural = new Intl.PluralRules('en');

/** Languages whose script runs right to left. */
const RTL = new Set(['ar', 'fa', 'ur', 'he', 'ps', 'ckb', 'yi', 'dv', 'sd', 'ug']);
export const isRtl = (lang) => RTL.has(String(lang).split('-')[0]);

export function uiLang() {
  return ui;
}

export function setUiLang(lang) {
  ui = UI_LANGS.includes(lang) ? lang : 'en';
  plural = new Intl.PluralRules(ui);
  document.documentElement.lang = ui;
  document.documentElement.dir = isRtl(ui) ? 'rtl' : 'ltr';
}

/** The string `key` in the UI language (English as a fallback), placeholders filled. */
export function t(key, vars = {}) {
  let s = STRINGS[ui][key] ?? STRINGS.en[key] ?? key;
  if (typeof s === 'object') {
    const n = Number(vars.n ?? 0);
    s = s[n === 0 && s.zero ? 'zero' : plural.select(n)] ?? s.other;
  }
  return s.replace(/\{(\w+)\}/g, (m, k) => (k in vars ? (k === 'n' ? fmtNumber(vars[k]) : String(vars[k])) : m));
}

/** Fill every `data-i18n` / `data-i18n-attr` element of the static page. */
export function translatePage(root = document) {
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll('[data-i18n-attr]')) {
    for (const pair of el.dataset.i18nAttr.split(';')) {
      const [attr, key] = pair.split(':');
      el.setAttribute(attr, t(key));
    }
  }
}

/** Separator of a short list: the Arabic comma in the Arabic UI. */
export function listSep() {
  return ui === 'ar' ? '، ' : ', ';
}

export function fmtNumber(n) {
  return new Intl.NumberFormat(ui).format(Number(n));
}

export function fmtDate(iso, opts = { dateStyle: 'medium' }) {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : new Intl.DateTimeFormat(ui, opts).format(d);
}

export function fmtDateTime(iso) {
  return fmtDate(iso, { dateStyle: 'medium', timeStyle: 'short' });
}

const names = {};
function displayNames(type) {
  const key = `${ui}:${type}`;
  names[key] ??= new Intl.DisplayNames([ui], { type, fallback: 'code' });
  return names[key];
}

export function countryName(code) {
  try {
    return displayNames('region').of(String(code).toUpperCase());
  } catch {
    return String(code);
  }
}

export function langName(code) {
  try {
    return displayNames('language').of(String(code));
  } catch {
    return String(code);
  }
}
