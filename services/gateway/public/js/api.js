// The gateway's JSON API, same origin. Read routes send the API key when the user gave one;
// admin routes send the admin token. Both live in sessionStorage: gone when the tab closes.

const KEY_STORE = 'akhbar.apiKey';
const TOKEN_STORE = 'akhbar.adminToken';

export class ApiError extends Error {
  constructor(status, code, message, body) {
    super(message);
    this.status = status;
    this.code = code;
    this.body = body;
  }
}

export const credentials = {
  get apiKey() {
    return sessionStorage.getItem(KEY_STORE) ?? '';
  },
  set apiKey(v) {
    if (v) sessionStorage.setItem(KEY_STORE, v);
    else sessionStorage.removeItem(KEY_STORE);
  },
  get adminToken() {
    return sessionStorage.getItem(TOKEN_STORE) ?? '';
  },
  set adminToken(v) {
    if (v) sessionStorage.setItem(TOKEN_STORE, v);
    else sessionStorage.removeItem(TOKEN_STORE);
  },
};

/**
 * Wire an admin-token form (the feeds and alerts views each have one; they share the token): its
 * submit keeps the token, its forget button drops it, and `changed` reloads the view.
 */
export function wireTokenForm(form, input, forget, changed) {
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    credentials.adminToken = input.value.trim();
    input.value = '';
    changed();
  });
  forget.addEventListener('click', () => {
    credentials.adminToken = '';
    changed();
  });
}

/** `params` without empty values, as a query string (lists are already comma-joined; an array is a repeated parameter, as compare). */
export function queryString(params) {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '' || v === false) continue;
    if (Array.isArray(v)) for (const x of v) qs.append(k, String(x));
    else qs.set(k, String(v));
  }
  const s = qs.toString();
  return s ? `?${s}` : '';
}

/**
 * An absolute URL of a gateway path with `params`, for a link to copy or open elsewhere (a file to
 * download, a feed to subscribe to). `withKey` adds the API key the user gave as `api_key`, the
 * one way a feed reader, which cannot send the X-Api-Key header, can pass it; without a key (a
 * gateway that wants none) the URL has none.
 */
export function apiHref(path, params = {}, { withKey = false } = {}) {
  const all = withKey && credentials.apiKey ? { ...params, api_key: credentials.apiKey } : params;
  return new URL(path + queryString(all), location.origin).href;
}

/**
 * GET/POST/DELETE a gateway path. Resolves to the parsed JSON (or null for 204; `{ status, data,
 * date }` with `withStatus`, date being the answer's Date header); `fresh` asks the gateway again
 * rather than the browser's cache (which keeps searches for their max-age); rejects with an
 * ApiError carrying the API's error code, or an AbortError when `signal` aborted.
 */
export async function api(path, { params = {}, method = 'GET', body, admin = false, signal, withStatus = false, fresh = false } = {}) {
  const headers = { accept: 'application/json' };
  if (admin) headers.authorization = `Bearer ${credentials.adminToken}`;
  else if (credentials.apiKey) headers['x-api-key'] = credentials.apiKey;
  if (body !== undefined) headers['content-type'] = 'application/json';
  let res;
  try {
    res = await fetch(path + queryString(params), { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal, ...(fresh ? { cache: 'no-cache' } : {}) });
  } catch (err) {
    if (err.name === 'AbortError') throw err;
    throw new ApiError(0, 'NETWORK', err.message);
  }
  if (res.status === 204) return withStatus ? { status: 204, data: null } : null;
  let json = null;
  try {
    json = await res.json();
  } catch (err) {
    // Aborted while the body was read (a newer render took over): as aborted as before the answer.
    if (err.name === 'AbortError' || signal?.aborted) throw err.name === 'AbortError' ? err : new DOMException('aborted', 'AbortError');
    // Not JSON (a proxy's error page): reported below by status.
  }
  if (!res.ok) {
    const e = json?.error ?? {};
    throw new ApiError(res.status, e.code ?? `HTTP_${res.status}`, e.message ?? res.statusText, json);
  }
  return withStatus ? { status: res.status, data: json, date: res.headers.get('date') } : json;
}

/**
 * A download link (`a`, its href a gateway file such as a CSV) that works on a gateway with API
 * keys: the key goes in a header, which a plain link cannot send, so with a key the file is
 * fetched with it and the browser handed the bytes to save; `onError(message)` says why not.
 */
export function keyedDownload(a, onError) {
  a.onclick = credentials.apiKey
    ? (e) => {
        e.preventDefault();
        void (async () => {
          try {
            const res = await fetch(a.href, { headers: { 'x-api-key': credentials.apiKey } });
            if (!res.ok) throw new Error(`HTTP ${res.status}`);
            const href = URL.createObjectURL(await res.blob());
            const save = Object.assign(document.createElement('a'), { href, download: a.getAttribute('download'), hidden: true });
            document.body.append(save);
            save.click();
            save.remove();
            setTimeout(() => URL.revokeObjectURL(href), 60_000);
          } catch (err) {
            onError(err.message);
          }
        })();
      }
    : null;
  return a;
}

const cache = new Map();
/** A GET whose answer does not change while the page is open (topics, the map, sources). */
export function once(path, params) {
  const key = path + queryString(params ?? {});
  if (!cache.has(key)) {
    const p = api(path, { params });
    p.catch(() => cache.delete(key));
    cache.set(key, p);
  }
  return cache.get(key);
}
