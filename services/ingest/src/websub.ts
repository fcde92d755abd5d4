import type { Feed, FeedRegistry, Logger, WebSubStore } from '@akhbar/core';
import { postForm, type FetchOptions, type ParsedFeed } from '@akhbar/feeds';

/**
 * The WebSub subscriber's half in the ingest: a feed that names a hub is subscribed to it, so
 * the hub pushes to the gateway (`/v1/websub/:feedId`, which checks the hub's verification and
 * each push's signature) and a push fetches the feed at once instead of at its next poll. Polling
 * goes on beside it: a hub that stops pushing loses nothing. Off unless the gateway's public
 * address is configured (INGEST_WEBSUB_CALLBACK_URL): a hub can only reach a public gateway.
 */
export interface WebSubDeps {
  store: WebSubStore;
  /** The gateway's public base URL; callbacks are `${callbackBase}/v1/websub/<feedId>`. */
  callbackBase: string;
  /** The lease asked for; the hub may choose another (it says which when it verifies). */
  leaseSec: number;
  /** The SSRF policy hub requests go through (the hub's address comes from the feed), and their time. */
  fetch: Pick<FetchOptions, 'allowPrivate' | 'allowCidrs' | 'timeoutMs' | 'userAgent' | 'signal'>;
}

const HOUR = 3_600_000;
/** A subscription is renewed this long before it lapses (or at half its lease, when shorter). */
const RENEW_BEFORE_MS = 24 * HOUR;

/**
 * After a poll: subscribe when the feed names a hub the feed is not subscribed to (or another hub
 * or topic than before), renew an active subscription close to lapsing, ask again after an hour
 * for one the hub never verified and after a day for one refused or failed. Never throws: the
 * poll it follows has succeeded whatever the hub does.
 */
export async function maybeSubscribe(feed: Feed, found: ParsedFeed['websub'], ws: WebSubDeps, registry: FeedRegistry, log: Logger, now = Date.now()): Promise<void> {
  try {
    const current = await ws.store.get(feed.id);
    const hub = found?.hub ?? current?.hub;
    if (!hub) return;
    const topic = found ? (found.self ?? feed.url) : current!.topic;
    const state = feed.status.websubState;
    const since = current ? now - Date.parse(current.requestedAt) : Infinity;
    const expires = feed.status.websubExpiresAt ? Date.parse(feed.status.websubExpiresAt) : 0;
    const lease = (current?.grantedSec ?? ws.leaseSec) * 1000;
    const due =
      !current ||
      current.hub !== hub ||
      current.topic !== topic ||
      (state === 'active' && expires - now < Math.min(RENEW_BEFORE_MS, lease / 2)) ||
      (state === 'pending' && since > HOUR) ||
      (state !== 'active' && state !== 'pending' && since > 24 * HOUR);
    if (!due) return;
    // A feed removed while this poll ran is not subscribed again (its subscription went with it).
    if (!(await registry.get(feed.id))) return;
    const sub = await ws.store.begin(feed.id, hub, topic, ws.leaseSec);
    // Pending before the hub is asked: it may verify (and the gateway mark the subscription active)
    // before its answer to the request reaches us. A renewal leaves an active subscription active
    // until the hub verifies the new one.
    if (!(state === 'active' && current?.hub === hub)) await registry.updateStatus(feed.id, { websubHub: hub, websubState: 'pending', websubExpiresAt: null });
    const status = await postForm(
      hub,
      {
        'hub.mode': 'subscribe',
        'hub.topic': topic,
        'hub.callback': `${ws.callbackBase.replace(/\/+$/, '')}/v1/websub/${feed.id}`,
        'hub.secret': sub.secret,
        'hub.lease_seconds': String(ws.leaseSec),
      },
      { ...ws.fetch, timeoutMs: Math.min(ws.fetch.timeoutMs ?? 10_000, 10_000) },
    );
    if (status >= 200 && status < 300) {
      log.info({ hub, topic, renewal: state === 'active' }, 'WebSub subscription asked of the hub');
    } else {
      await registry.updateStatus(feed.id, { websubHub: hub, websubState: 'failed' });
      log.warn({ hub, topic, status }, 'the WebSub hub refused the subscription request; polling goes on');
    }
  } catch (err) {
    await registry.updateStatus(feed.id, { websubState: 'failed' }).catch(() => undefined);
    log.warn({ err }, 'could not ask the WebSub hub; polling goes on');
  }
}
