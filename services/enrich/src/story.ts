import type { RedisClient } from '@akhbar/core';
import type { StorySignature } from '@akhbar/nlp';

/**
 * Story clustering: near-duplicates (one wire story under several URLs and sources) share a
 * story id. Each article's MinHash signature is cut into LSH bands; a band is a Redis sorted
 * set of the articles that have it, scored by publication time. Articles sharing a band within
 * the time window are candidates; a candidate whose estimated similarity passes the threshold
 * gives its story id (the most similar one, then the earliest).
 *
 * Why one Lua script: look-up and registration must be a single atomic step, or two workers
 * enriching two copies of a new story at the same moment would each find nothing and start two
 * stories. Redis runs a script alone, so the second copy always sees the first. Every key is
 * declared and lives under the queue prefix, whose hash tag keeps them in one Cluster slot.
 *
 * Keys: `<prefix>:story:sig` (hash: article id → "storyId publishedMs signature"),
 * `<prefix>:story:seen` (sorted set: article id by registration time, for clean-up),
 * `<prefix>:story:band:<band>` (sorted sets, expire when idle).
 */
const SCRIPT = `
local id = ARGV[1]
local existing = redis.call('HGET', KEYS[1], id)
if existing then
  return {string.match(existing, '^(%S+)'), 'existing', '1'}
end
local ts = tonumber(ARGV[2])
local now = tonumber(ARGV[3])
local win = tonumber(ARGV[4])
local sig = ARGV[5]
local threshold = tonumber(ARGV[6])
local previous = ARGV[7]
local retention = tonumber(ARGV[8])
local limit = tonumber(ARGV[9])
local n = #sig / 2
local best, bestSim, bestTs = nil, -1, 0
local seen = {}
for i = 3, #KEYS do
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
            if string.sub(sig, k, k + 1) == string.sub(msig, k, k + 1) then same = same + 1 end
          end
          local j = (same / n - 1 / 256) / (1 - 1 / 256)
          mts = tonumber(mts)
          if j >= threshold and (j > bestSim or (j == bestSim and (mts < bestTs or (mts == bestTs and sid < best)))) then
            best, bestSim, bestTs = sid, j, mts
          end
        end
      end
    end
  end
end
local story = best
local outcome = 'joined'
if not story then
  outcome = 'new'
  if previous ~= '' then story = previous else story = id end
end
redis.call('HSET', KEYS[1], id, story .. ' ' .. ARGV[2] .. ' ' .. sig)
redis.call('ZADD', KEYS[2], now, id)
for i = 3, #KEYS do
  redis.call('ZADD', KEYS[i], ts, id)
  redis.call('PEXPIRE', KEYS[i], retention)
end
local old = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now - retention, 'LIMIT', 0, 100)
if #old > 0 then
  redis.call('HDEL', KEYS[1], unpack(old))
  redis.call('ZREM', KEYS[2], unpack(old))
end
return {story, outcome, tostring(bestSim)}
`;

/**
 * Band-mates examined per band. A big story can have hundreds of copies in the window; any few
 * of them carry its story id, and a bound keeps each script call short (Redis runs one at a time).
 */
const CANDIDATES_PER_BAND = 32;

export interface StoryOptions {
  /** Queue prefix (with its hash tag); story keys live under it. */
  prefix: string;
  /** Near-duplicates must be published within this much of each other. @default 72 h */
  windowMs?: number;
  /** Estimated Jaccard similarity of two ledes for one story. @default 0.45 */
  threshold?: number;
}

export interface StoryAssignment {
  storyId: string;
  /** new: first of its story; joined: near-duplicate of an earlier article; existing: clustered before. */
  outcome: 'new' | 'joined' | 'existing';
  similarity?: number;
}

type ScriptRedis = RedisClient & { akhbarStory(...args: Array<string | number>): Promise<[string, string, string]> };

export class StoryClusterer {
  private readonly redis: ScriptRedis;
  private readonly prefix: string;
  readonly windowMs: number;
  private readonly threshold: number;

  constructor(redis: RedisClient, opts: StoryOptions) {
    this.prefix = opts.prefix;
    this.windowMs = opts.windowMs ?? 72 * 3600_000;
    this.threshold = opts.threshold ?? 0.45;
    const r = redis as ScriptRedis;
    if (typeof r.akhbarStory !== 'function') r.defineCommand('akhbarStory', { lua: SCRIPT });
    this.redis = r;
  }

  /**
   * The story of an article. `publishedAt` places it in time; `previous` is the story id it had
   * before (a re-enrichment), kept when no near-duplicate says otherwise.
   */
  async assign(articleId: string, publishedAt: string, signature: StorySignature, previous?: string): Promise<StoryAssignment> {
    const now = Date.now();
    const published = Date.parse(publishedAt);
    const ts = Number.isFinite(published) ? Math.min(published, now + 3600_000) : now;
    const keys = [`${this.prefix}:story:sig`, `${this.prefix}:story:seen`, ...signature.bands.map((b) => `${this.prefix}:story:band:${b}`)];
    const [storyId, outcome, sim] = await this.redis.akhbarStory(
      keys.length, ...keys,
      articleId, ts, now, this.windowMs, signature.sig, this.threshold, previous ?? '', this.windowMs * 2, CANDIDATES_PER_BAND,
    );
    const res: StoryAssignment = { storyId, outcome: outcome as StoryAssignment['outcome'] };
    const s = Number(sim);
    if (outcome === 'joined' && Number.isFinite(s)) res.similarity = Math.round(s * 1000) / 1000;
    return res;
  }
}
