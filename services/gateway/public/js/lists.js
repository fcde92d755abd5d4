// The list syntax of query-string parameters, for the gateway and the web UI alike (the gateway
// imports this very file; lists.d.ts types it): comma-separated values (lang=ar,en), a value
// holding a comma double-quoted as a CSV cell is (author="Doe, Jane",Reuters; "" inside it is one
// quote). Hand-written: CSV libraries parse records from a stream, not one cell list out of a URL
// parameter, and could not say which way a value is malformed for the gateway to name it.

/** Longest value a list may hold (the gateway refuses a quoted value past it). */
export const MAX_ITEM_CHARS = 128;

/** A value as a list parameter writes it: quoted when it holds a comma or starts with a quote. */
export function listValue(v) {
  return v.includes(',') || v.startsWith('"') ? `"${v.replaceAll('"', '""')}"` : v;
}

/**
 * A comma list → its values, trimmed, empty ones dropped, and the first thing wrong with it, if
 * any: `unclosed` (a quote with no closing one: the value runs to the end), `trailing` (text after
 * a closing quote, up to the next comma: dropped), `long` (a quoted value over MAX_ITEM_CHARS: kept).
 * The gateway refuses a list with a problem; the web UI reads it as well as it can.
 */
export function splitList(s) {
  const items = [];
  let problem;
  if (!s.includes('"')) {
    for (const v of s.split(',')) if (v.trim()) items.push(v.trim());
    return { items };
  }
  let i = 0;
  while (i <= s.length) {
    while (s[i] === ' ') i++;
    if (s[i] !== '"') {
      const end = s.indexOf(',', i);
      const v = s.slice(i, end < 0 ? s.length : end).trim();
      if (v) items.push(v);
      if (end < 0) break;
      i = end + 1;
      continue;
    }
    let v = '';
    let j = i + 1;
    for (;;) {
      const close = s.indexOf('"', j);
      if (close < 0) {
        problem ??= 'unclosed';
        v += s.slice(j);
        j = s.length;
        break;
      }
      v += s.slice(j, close);
      if (s[close + 1] === '"') {
        v += '"';
        j = close + 2;
        continue;
      }
      j = close + 1;
      break;
    }
    while (s[j] === ' ') j++;
    let end = j;
    if (j < s.length && s[j] !== ',') {
      problem ??= 'trailing';
      end = s.indexOf(',', j);
      if (end < 0) end = s.length;
    }
    if (v.length > MAX_ITEM_CHARS) problem ??= 'long';
    if (v.trim()) items.push(v.trim());
    i = end + 1;
  }
  return problem ? { items, problem } : { items };
}
