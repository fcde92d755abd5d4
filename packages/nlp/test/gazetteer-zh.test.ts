import t, { type Test } from 'tap';
import { Gazetteer, aliasSteps, findEntities, gazetteer, getEntity, hanSteps, tokenize } from '../src/index.ts';
import { NAMES_F1_FLOOR, evaluateNames, loadEvalSet, loadNamesSet } from '../eval/eval.ts';

const ids = (text: string) => findEntities(text).map((e) => e.id);
const has = (t: Test, text: string, expected: string[]) => {
  const got = ids(text);
  t.ok(expected.every((id) => got.includes(id)), `${text} → ${expected.join(', ')} (got ${got.join(', ') || 'nothing'})`);
};

t.test('Chinese names are found inside a run of Han characters', async (t) => {
  t.same(ids('普京周二抵达巴格达与卡迪米会谈').sort(), ['Q1530', 'Q7747', 'mustafa-al-kadhimi']);
  has(t, '联合国秘书长古特雷斯呼吁加沙停火', ['Q1065', 'Q311440', 'gaza']);
  has(t, '欧盟和北约在布鲁塞尔举行会议', ['Q458', 'Q7184', 'Q239']);
  has(t, '欧佩克+产油国同意延长减产', ['Q7795']);
  has(t, '美国和伊朗在阿曼举行间接谈判', ['Q30', 'Q794', 'Q842']);
  has(t, '以色列总理内塔尼亚胡在白宫会见特朗普', ['Q801', 'Q43723', 'white-house', 'Q22686']);
  has(t, '黎巴嫩真主党与以色列在边境交火', ['Q822', 'hezbollah', 'Q801']);
  has(t, '伊拉克总理苏达尼会见沙特王储穆罕默德·本·萨勒曼', ['Q796', 'mohammed-shia-al-sudani', 'Q851', 'mohammed-bin-salman']);
  has(t, '国家主席习近平在北京会见巴基斯坦总理', ['Q15031', 'Q956', 'Q843']);
  has(t, '无人机袭击了伊拉克库尔德自治区首府埃尔比勒', ['kurdistan-region', 'Q133118']);
  // A name between Latin words and digits, and a full name with its middle dot (or without it).
  has(t, '在G20峰会上，普京和莫迪会面', ['Q7747', 'Q1058']);
  t.same(ids('弗拉基米尔·普京'), ['Q7747']);
  t.equal(findEntities('俄罗斯总统弗拉基米尔·普京').find((e) => e.id === 'Q7747')?.count, 1, 'a full name is one mention');
  // Longest first: the Security Council, not the UN inside its name; Somalia, not Mali.
  t.same(ids('联合国安理会'), ['Q37470']);
  t.same(ids('索马里'), ['Q1045']);
});

t.test('Traditional characters and the names of the Taiwan and Hong Kong press', async (t) => {
  has(t, '聯合國安理會', ['Q37470']);
  has(t, '美國總統川普與俄羅斯總統普丁通電話', ['Q30', 'Q22686', 'Q159', 'Q7747']);
  has(t, '巴格達與華盛頓', ['Q1530', 'Q61']);
  has(t, '歐盟與北約', ['Q458', 'Q7184']);
  has(t, '以色列對加薩走廊發動空襲', ['Q801', 'gaza-strip']);
  has(t, '沙烏地阿拉伯與卡達', ['Q851', 'Q846']);
  has(t, '烏克蘭總統澤倫斯基', ['Q212', 'Q3874799']);
  has(t, '真主黨與哈馬斯', ['hezbollah', 'hamas']);
  has(t, '台灣與香港', ['Q865', 'country-hk']);
  has(t, '台湾', ['Q865']);
});

t.test('ordinary Chinese words and sentences name nothing', async (t) => {
  const none = [
    '和平与发展是时代的主题', '开发新能源', '今天天气很好，我们去公园散步', '经济增长放缓，物价上涨', '学校明天放假',
    '欧美国家和南美国家', '该市以北约100公里', '沿海地区和地中海地区', '上海地铁', '河南非法集资案', '西南非洲',
    '更加蓬勃发展', '增加纳税人负担', '内蒙古自治区', '朝鲜半岛局势', '马里兰州', '希拉里·克林顿', '伊斯兰国家',
    '航空客运量', '其中国有企业占一半', '苏丹红', '哥伦比亚大学', '梅西百货', '所以军队撤离', '他们许多人参加了会议',
    '中央银行宣布降息', '足球比赛结束', '记者从有关部门获悉', '新华社记者报道', '人工智能技术快速发展',
    '欧美，国际社会高度关注', // a name does not run across punctuation
  ];
  for (const text of none) t.same(ids(text), [], text);
  // The word before the name is consumed, and the name after it is still found.
  t.same(ids('参加沙特举办的会议'), ['Q851']);
  t.same(ids('许多哥伦比亚人'), ['Q739']);
  t.same(ids('尤其中国和印度').sort(), ['Q148', 'Q668']);
  t.same(ids('所以北京'), ['Q956']);
});

t.test('日本 across a time word and a "this …" word is not Japan (今日|本报, 近日|本市)', async (t) => {
  for (const text of [
    '本报讯 今日本报记者从市政府获悉，新的地铁线路将于下月开通', '今日本市气温将升至三十五度', '昨日本报刊发了一篇评论',
    '近日本市多个区域出现降雨', '今日本台将直播比赛', '今日本報記者獲悉', '截至今日本市已接种疫苗',
  ]) t.same(ids(text), [], text);
  // Japan itself, also right after such a word written out in full, or after 如今 "nowadays".
  t.same(ids('日本首相今天发表讲话'), ['Q17']);
  t.same(ids('中国外长下周将访问日本').sort(), ['Q148', 'Q17']);
  t.same(ids('今日日本首相表示'), ['Q17']);
  t.same(ids('如今日本市场需求疲软'), ['Q17']);
  t.same(ids('最近日本市场需求疲软'), ['Q17']);
  t.same(ids('日本报纸今日本周刊均有报道'), ['Q17']);
  has(t, '本报讯 今日本报记者在日本东京采访', ['Q17', 'Q1490']);
});

t.test('a one-character alias is never a name; two characters are', async (t) => {
  t.equal(aliasSteps('美'), undefined);
  t.equal(aliasSteps('京'), undefined);
  t.same(aliasSteps('伊朗')?.map((s) => s.text), ['伊', '朗']);
  t.same(aliasSteps('弗拉基米尔·普京')?.map((s) => s.text), ['弗', '拉', '基', '米', '尔', ' ', '普', '京']);
  const g = new Gazetteer();
  g.add([{ id: 'x', type: 'org', names: { en: 'X Corp' }, aliases: ['新', '新华'] }]);
  t.same(g.findInTokens(tokenize('新的一年')).map((e) => e.id), [], 'one character registers nothing');
  t.same(g.findInTokens(tokenize('据新华报道')).map((e) => e.id), ['x']);
});

t.test('Japanese: a run with kana is kept whole as before; text with no Han is not touched', async (t) => {
  t.same(ids('東京で日本と中国の首脳が会談した'), []);
  t.same(ids('プーチン大統領はバグダッドに到着した'), []);
  const latin = tokenize('Putin arrived in Baghdad on Tuesday, ووصل بوتين إلى بغداد');
  t.equal(hanSteps(latin), latin, 'the very same tokens: no copy, no split');
  const zh = hanSteps(tokenize('普京抵达巴格达'));
  t.same(zh.map((x) => x.norm), ['普', '京', '抵', '达', '巴', '格', '达']);
});

t.test('entities carry Chinese names', async (t) => {
  t.equal(getEntity('Q1065')?.names?.zh, '联合国');
  t.equal(getEntity('Q7747')?.names?.zh, '普京');
  t.equal(getEntity('Q1530')?.names?.zh, '巴格达');
  t.equal(getEntity('Q796')?.names?.zh, '伊拉克', 'a country keeps the packaged name');
  const curated = gazetteer().all().filter((e) => e.type !== 'country');
  const without = curated.filter((e) => !e.names?.zh).map((e) => e.id);
  t.ok(without.length <= 6, `curated places, people and organisations without a Chinese name: ${without.join(', ')}`);
});

t.test('the Chinese report of the prime minister\'s Washington visit names its people and places', async (t) => {
  const zh = loadEvalSet().find((a) => a.id === 'zh-01');
  t.ok(zh);
  const got = ids(`${zh!.title}\n${zh!.body}`);
  for (const id of ['Q796', 'mustafa-al-kadhimi', 'Q61', 'Q30', 'Q22686', 'Q794']) t.ok(got.includes(id), id);
});

t.test(`names eval in Chinese: entity F1 ≥ ${String(NAMES_F1_FLOOR)}, and the floor can fail`, async (t) => {
  const set = loadNamesSet().filter((a) => a.lang === 'zh');
  t.ok(set.length >= 14);
  const r = evaluateNames(set);
  const zh = r.byLang.zh;
  t.ok((zh?.f1 ?? 0) >= NAMES_F1_FLOOR, `zh: P ${(zh?.precision ?? 0).toFixed(3)} R ${(zh?.recall ?? 0).toFixed(3)} F1 ${(zh?.f1 ?? 0).toFixed(3)}`);
  t.ok((zh?.precision ?? 0) >= 0.95, 'zh: precision');
  // Whole Han runs (what the gazetteer saw before it read Chinese a character at a time).
  const blind = evaluateNames(set, { taggers: { entities: (input) => gazetteer().findInTokens(input.tokens.filter((x) => !/\p{Script=Han}/u.test(x.raw))) } });
  t.ok((blind.byLang.zh?.f1 ?? 1) < NAMES_F1_FLOOR, `without Han: zh ${(blind.byLang.zh?.f1 ?? 1).toFixed(3)}`);
});
