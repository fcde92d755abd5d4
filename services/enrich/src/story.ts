import type { RedisClient } from '@akhbar/core';
import type { StoryEntities, StorySignature } from '@akhbar/nlp';

/**
 * Story clustering: near-duplicates (one wire story under several URLs and sources) share a
 * story id, and so do reports of one story in other languages that name the same people,
 * organisations and places.
 *
 * 1. Near-duplicates. Each article's MinHash signature is cut into LSH bands; a band is a Redis
 *    sorted set of the articles that have it, scored by publication time. Articles sharing a band
 *    within the time window are candidates; a candidate whose estimated similarity passes the
 *    threshold gives its story id (the most similar one, then the earliest).
 * 2. Otherwise, cross-lingual links. Each article's most salient entities that are not countries
 *    index it (`story:ent:<id>`, sorted sets by publication time). An article in another language
 *    published within the link window, sharing at least two such entities, whose entity weights
 *    overlap enough (weighted Jaccard, countries included at a low weight), two of each one's
 *    three most salient such entities among the other's, gives its story id —
 *    when the two share a person or an organisation, or share a topic (two places alone, such as
 *    the capital and a city, are what unrelated stories of one country share); among stories whose
 *    best links are within a hundredth of each other, the one more of them belong to. An article in its
 *    own language links so only at a stricter bar (three such entities shared, a higher overlap):
 *    another outlet's rewrite of the same news, its words apart from the first's, where one
 *    country's press shares its places and leaders every day. A story only gains such links while
 *    its first article is within the story window, so a running thread of coverage ("the prime
 *    minister" day after day) does not grow into one endless story.
 *
 * Why one Lua script: look-up and registration must be a single atomic step, or two workers
 * enriching two copies of a new story at the same moment would each find nothing and start two
 * stories. Redis runs a script alone, so the second copy always sees the first. Every key is
 * declared and lives under the queue prefix, whose hash tag keeps them in one Cluster slot.
 * (Redis's Lua has cjson, so the entity evidence is stored as JSON: entity ids are anyone's
 * strings, and a custom one may hold any separator.)
 *
 * Keys: `<prefix>:story:sig` (hash: article id → "storyId publishedMs signature"),
 * `<prefix>:story:seen` (sorted set: article id by registration time, for clean-up),
 * `<prefix>:story:ents` (hash: article id → its StoryEntities as JSON),
 * `<prefix>:story:first` (sorted set: story id by its first article's publication time),
 * `<prefix>:story:band:<band>` and `<prefix>:story:ent:<entity id>` (sorted sets, expire when idle).
 */
const SCRIPT = `
local id = ARGV[1]
local ts = tonumber(ARGV[2])
local now = tonumber(ARGV[3])
local win = tonumber(ARGV[4])
local sig = ARGV[5]
local threshold = tonumber(ARGV[6])
local previous = ARGV[7]
local retention = tonumber(ARGV[8])
local limit = tonumber(ARGV[9])
local nbands = tonumber(ARGV[10])
local ents = ARGV[11]
local linkWin = tonumber(ARGV[12])
local linkThreshold = tonumber(ARGV[13])
local sameThreshold = tonumber(ARGV[14])
local function indexEntities()
  redis.call('HSET', KEYS[3], id, ents)
  for i = 5 + nbands, #KEYS do
    redis.call('ZADD', KEYS[i], ts, id)
    redis.call('PEXPIRE', KEYS[i], retention)
  end
end
local existing = redis.call('HGET', KEYS[1], id)
if existing then
  -- Clustered before: the story stays. An article clustered before entities were indexed (an
  -- earlier release) gains its entity index now, so later reports in other languages can link.
  if ents ~= '' and redis.call('HEXISTS', KEYS[3], id) == 0 then indexEntities() end
  return {string.match(existing, '^(%S+)'), 'existing', '1'}
end
local n = #sig / 2
local sigBytes = {string.byte(sig, 1, -1)}
local best, bestSim, bestTs = nil, -1, 0
-- The most similar candidate wins; then the earliest, then the smallest story id (so every worker picks the same).
local function consider(sid, j, mts)
  if j > bestSim or (j == bestSim and (mts < bestTs or (mts == bestTs and sid < best))) then
    best, bestSim, bestTs = sid, j, mts
  end
end
local seen = {}
for i = 5, 4 + nbands do
  local members = redis.call('ZRANGEBYSCORE', KEYS[i], ts - win, ts + win, 'LIMIT', 0, limit)
  for _, m in ipairs(members) do
    if not seen[m] and m ~= id then
      seen[m] = true
      local v = redis.call('HGET', KEYS[1], m)
      if v then
        local sid, mts, msig = string.match(v, '^(%S+) (%S+) (%S+)$')
        if msig and #msig == #sig then
          local same = 0
          for k = 1, #sig, 2 do
            local c1, c2 = string.byte(msig, k, k + 1)
            if c1 == sigBytes[k] and c2 == sigBytes[k + 1] then same = same + 1 end
          end
          local j = (same / n - 1 / 256) / (1 - 1 / 256)
          mts = tonumber(mts)
          if j >= threshold then consider(sid, j, mts) end
        end
      end
    end
  end
end
local outcome = 'joined'
local mine = nil
if ents ~= '' then
  local ok, v = pcall(cjson.decode, ents)
  if ok and type(v) == 'table' and type(v.entities) == 'table' and type(v.topics) == 'table' then mine = v end
end
if not best and mine and linkThreshold > 0 then
  local w, kind = {}, {}
  for _, e in ipairs(mine.entities) do w[e[1]] = e[2]; kind[e[1]] = e[3] end
  -- Each side's most salient entities that are not countries (the evidence is sorted by weight):
  -- two of one's first three must be named by the other, both ways. A report on Iraq's election
  -- date that says in passing the prime minister will raise it with Trump in Washington shares
  -- him, Trump and Washington with the visit's reports, but not its own subject (the electoral
  -- commission, Nasiriyah's protesters); the visit's reports share all three of theirs with it.
  local function salient(list)
    local out = {}
    for _, e in ipairs(list) do
      if #out == 3 then break end
      if type(e) == 'table' and e[3] ~= 'c' then out[#out + 1] = e[1] end
    end
    return out
  end
  local function covered(ids, names)
    local n = 0
    for _, x in ipairs(ids) do if names[x] then n = n + 1 end end
    return n >= math.min(2, #ids)
  end
  local mineTop = salient(mine.entities)
  local topics = {}
  for _, t in ipairs(mine.topics) do topics[t] = true end
  local checked = {}
  -- Per story: its most similar linkable article, how many it has, the earliest. Similarities a
  -- hundredth apart are a tie (entity weights are that coarse): among those within one of the
  -- best, the story more of the linkable articles belong to wins, then the most similar.
  local top, count, earliest = {}, {}, {}
  for i = 5 + nbands, #KEYS do
    local members = redis.call('ZREVRANGEBYSCORE', KEYS[i], ts + linkWin, ts - linkWin, 'LIMIT', 0, math.ceil(limit / 2))
    for _, m in ipairs(members) do
      if not checked[m] and m ~= id then
        checked[m] = true
        local raw = redis.call('HGET', KEYS[3], m)
        local v = redis.call('HGET', KEYS[1], m)
        -- A stored entry that does not decode (written by hand, or by a future release) is skipped,
        -- not allowed to fail every article that meets it.
        local ok, other = false, nil
        if raw and v then ok, other = pcall(cjson.decode, raw) end
        if ok and type(other) == 'table' and type(other.entities) == 'table' and type(other.topics) == 'table' then
          local sameLang = other.lang == mine.lang
          if not sameLang or sameThreshold > 0 then
            local low, high, shared, named = 0, 0, 0, 0
            local ow = {}
            for _, e in ipairs(other.entities) do
              if type(e) == 'table' and type(e[1]) == 'string' and type(e[2]) == 'number' then
                ow[e[1]] = e[2]
                local x = w[e[1]]
                if x then
                  low = low + math.min(x, e[2]); high = high + math.max(x, e[2])
                  if e[3] ~= 'c' then shared = shared + 1 end
                  if e[3] == 'n' then named = named + 1 end
                else
                  high = high + e[2]
                end
              end
            end
            for k, x in pairs(w) do if not ow[k] then high = high + x end end
            local mutual = covered(mineTop, ow) and covered(salient(other.entities), w)
            local topical = named > 0 or #mine.topics == 0 or #other.topics == 0
            if not topical then
              for _, t in ipairs(other.topics) do if topics[t] then topical = true end end
            end
            local j = 0
            if high > 0 then j = low / high end
            -- In one language, a rewrite of the same news by another outlet (its words apart, so no near-duplicate):
            -- a stricter bar, as articles of one country's press share its places and leaders day after day.
            local enough = shared >= 2 and j >= linkThreshold
            if sameLang then enough = shared >= 3 and j >= sameThreshold end
            if enough and topical and mutual then
              local sid, mts = string.match(v, '^(%S+) (%S+)')
              mts = tonumber(mts)
              local first = tonumber(redis.call('ZSCORE', KEYS[4], sid) or mts)
              if ts - first <= win then
                count[sid] = (count[sid] or 0) + 1
                if not top[sid] or j > top[sid] then top[sid] = j end
                if not earliest[sid] or mts < earliest[sid] then earliest[sid] = mts end
              end
            end
          end
        end
      end
    end
  end
  local most = -1
  for _, j in pairs(top) do if j > most then most = j end end
  local bestCount = 0
  for sid, j in pairs(top) do
    if j >= most - 0.01 then
      local c = count[sid]
      if c > bestCount or (c == bestCount and (j > bestSim or (j == bestSim and (earliest[sid] < bestTs or (earliest[sid] == bestTs and sid < best))))) then
        best, bestSim, bestTs, bestCount = sid, j, earliest[sid], c
      end
    end
  end
  outcome = 'linked'
end
local story = best
if not story then
  outcome = 'new'
  if previous ~= '' then story = previous else story = id end
end
if sig == '' then sig = '-' end
redis.call('HSET', KEYS[1], id, story .. ' ' .. ARGV[2] .. ' ' .. sig)
redis.call('ZADD', KEYS[2], now, id)
redis.call('ZADD', KEYS[4], 'LT', ts, story)
for i = 5, 4 + nbands do
  redis.call('ZADD', KEYS[i], ts, id)
  redis.call('PEXPIRE', KEYS[i], retention)
end
if mine then indexEntities() end
local old = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now - retention, 'LIMIT', 0, 100)
if #old > 0 then
  redis.call('HDEL', KEYS[1], unpack(old))
  redis.call('HDEL', KEYS[3], unpack(old))
  redis.call('ZREM', KEYS[2], unpack(old))
end
redis.call('ZREMRANGEBYSCORE', KEYS[4], '-inf', now - retention)
return {story, outcome, tostring(bestSim)}
`;

/**
 * Band-mates examined per band (and half as many articles per entity, the newest in the link
 * window: each costs a JSON decode). A big story can have hundreds of copies in the window; any
 * few of them carry its story id, and a bound keeps each script call short (Redis runs one at a
 * time).
 */
const CANDIDATES_PER_BAND = 32;

/** Provenance of a story id: a near-duplicate (or a story of its own), or a cross-lingual link. */
export const STORY_TAGGERS = {
  nearDuplicate: { tagger: 'akhbar-minhash-lsh', version: '1.0.0' },
  link: { tagger: 'akhbar-entity-link', version: '1.0.0' },
} as const;

/** Entities of an article that index it for cross-lingual links (its most salient non-countries). */
const LINK_KEYS = 6;

export interface StoryOptions {
  /** Queue prefix (with its hash tag); story keys live under it. */
  prefix: string;
  /** Near-duplicates must be published within this much of each other; a story gains cross-lingual links while its first article is this recent. @default 72 h */
  windowMs?: number;
  /** Estimated Jaccard similarity of two ledes for one story. @default 0.45 */
  threshold?: number;
  /** Reports in two languages link only when published within this much of each other. @default 36 h */
  linkWindowMs?: number;
  /** Weighted Jaccard similarity of two articles' entities for a cross-lingual link; 0 turns links off. @default 0.4 */
  linkThreshold?: number;
  /**
   * The same for two articles in one language that are no near-duplicates (another outlet's rewrite of the news), which
   * must also share three entities other than countries; 0 turns such links off. Only while linkThreshold is on. @default 0.6
   */
  sameLangThreshold?: number;
}

/** What an article offers to be placed in a story: its lede's signature, its entities. */
export interface StoryEvidence {
  signature?: StorySignature | undefined;
  entities?: StoryEntities | undefined;
}

export interface StoryAssignment {
  storyId: string;
  /**
   * new: first of its story; joined: near-duplicate of an earlier article; linked: the same story
   * in another language (by its entities); existing: clustered before.
   */
  outcome: 'new' | 'joined' | 'linked' | 'existing';
  similarity?: number;
}

type ScriptRedis = RedisClient & { akhbarStory(...args: Array<string | number>): Promise<[string, string, string]> };

export class StoryClusterer {
  private readonly redis: ScriptRedis;
  private readonly prefix: string;
  readonly windowMs: number;
  private readonly threshold: number;
  private readonly linkWindowMs: number;
  private readonly linkThreshold: number;
  private readonly sameLangThreshold: number;

  constructor(redis: RedisClient, opts: StoryOptions) {
    this.prefix = opts.prefix;
    this.windowMs = opts.windowMs ?? 72 * 3600_000;
    this.threshold = opts.threshold ?? 0.45;
    this.linkWindowMs = opts.linkWindowMs ?? 36 * 3600_000;
    this.linkThreshold = opts.linkThreshold ?? 0.4;
    this.sameLangThreshold = opts.sameLangThreshold ?? 0.6;
    const r = redis as ScriptRedis;
    if (typeof r.akhbarStory !== 'function') r.defineCommand('akhbarStory', { lua: SCRIPT });
    this.redis = r;
  }

  /**
   * The story of an article. `publishedAt` places it in time; `previous` is the story id it had
   * before (a re-enrichment), kept when neither a near-duplicate nor a link says otherwise.
   */
  async assign(articleId: string, publishedAt: string, evidence: StoryEvidence, previous?: string): Promise<StoryAssignment> {
    const now = Date.now();
    const published = Date.parse(publishedAt);
    const ts = Number.isFinite(published) ? Math.min(published, now + 3600_000) : now;
    const p = this.prefix;
    const bands = evidence.signature?.bands ?? [];
    const linkIds = (evidence.entities?.entities ?? []).filter(([, , kind]) => kind !== 'c').slice(0, LINK_KEYS).map(([id]) => id);
    const keys = [
      `${p}:story:sig`, `${p}:story:seen`, `${p}:story:ents`, `${p}:story:first`,
      ...bands.map((b) => `${p}:story:band:${b}`), ...linkIds.map((id) => `${p}:story:ent:${id}`),
    ];
    const [storyId, outcome, sim] = await this.redis.akhbarStory(
      keys.length, ...keys,
      articleId, ts, now, this.windowMs, evidence.signature?.sig ?? '', this.threshold, previous ?? '', this.windowMs * 2, CANDIDATES_PER_BAND,
      bands.length, evidence.entities ? JSON.stringify(evidence.entities) : '', this.linkWindowMs, this.linkThreshold, this.sameLangThreshold,
    );
    const res: StoryAssignment = { storyId, outcome: outcome as StoryAssignment['outcome'] };
    const s = Number(sim);
    if ((outcome === 'joined' || outcome === 'linked') && Number.isFinite(s)) res.similarity = Math.round(s * 1000) / 1000;
    return res;
  }
}
