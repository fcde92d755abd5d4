import t from 'tap';
import { adaptiveIntervalSec, failureDelayMs, intervalChanged } from '../src/policy.ts';

const now = new Date('2025-06-01T12:00:00Z');
const ago = (min: number) => new Date(now.getTime() - min * 60_000);

t.test('the poll interval adapts to how often a feed publishes, within 5 min and 24 h', async (t) => {
  t.equal(adaptiveIntervalSec([ago(2), ago(4), ago(6), ago(8)], 900, now), 300, 'a wire posting every 2 minutes: the 5-minute floor');
  t.equal(adaptiveIntervalSec([ago(10), ago(40), ago(70), ago(100)], 900, now), 900, 'every 30 minutes: every 15');
  t.equal(adaptiveIntervalSec([ago(60 * 24), ago(60 * 48), ago(60 * 72)], 900, now), 43_200, 'daily: twice a day');
  t.equal(adaptiveIntervalSec([ago(60 * 24 * 30), ago(60 * 24 * 60), ago(60 * 24 * 90)], 900, now), 86_400, 'monthly: the 24-hour ceiling');
  t.equal(adaptiveIntervalSec([ago(60 * 24 * 7), ago(60 * 24 * 7 + 10), ago(60 * 24 * 7 + 20)], 900, now), 86_400, 'a burst long ago: the feed went quiet');
  t.equal(adaptiveIntervalSec([ago(5)], 900, now), 900, 'too few dates: the base interval');
  t.equal(adaptiveIntervalSec([ago(2), ago(4), ago(6)], 3600, now, { minSec: 300, maxSec: 86_400 }, 3600), 3600, "a user's explicit interval is a floor");
});

t.test('failure backoff grows exponentially with jitter and a ceiling', async (t) => {
  for (let i = 0; i < 50; i++) {
    const d1 = failureDelayMs(1, 900);
    const d3 = failureDelayMs(3, 900);
    const d20 = failureDelayMs(20, 900);
    t.ok(d1 >= 450_000 && d1 <= 900_000, 'first failure: half to one interval');
    t.ok(d3 >= 1_800_000 && d3 <= 3_600_000, 'third failure: two to four intervals');
    t.ok(d20 >= 43_200_000 && d20 <= 86_400_000, 'capped at 24 h');
    if (t.passing() === false) break;
  }
  const samples = new Set(Array.from({ length: 20 }, () => failureDelayMs(2, 900)));
  t.ok(samples.size > 1, 'jittered: replicas do not retry in lockstep');
});

t.test('rescheduling only on a real change', async (t) => {
  t.ok(intervalChanged(undefined, 900));
  t.notOk(intervalChanged(900, 1000));
  t.ok(intervalChanged(900, 1800));
});
