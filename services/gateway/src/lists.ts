import { badParam } from './errors.ts';

/**
 * The list syntax of query-string parameters: comma-separated values (`lang=ar,en`), a value
 * holding a comma double-quoted as a CSV cell is (`author="Doe, Jane",Reuters`).
 */

/** A value as a list parameter writes it: quoted when it holds a comma or starts with a quote. */
export const listValue = (v: string): string => (v.includes(',') || v.startsWith('"') ? `"${v.replaceAll('"', '""')}"` : v);

/** Longest accepted value in a list of names or ids (`ANY_ITEM`'s limit, now for a quoted value too). */
const MAX_ITEM_CHARS = 128;

/**
 * A comma list → its values, trimmed, empty ones dropped. A value starting with `"` runs to its
 * closing quote and may hold commas (`""` inside it is one quote), as in a CSV cell:
 * `author="Doe, Jane",Reuters` is two bylines. An unclosed quote, or text after the closing one,
 * is a 400 naming the parameter rather than a guess. Hand-written: CSV libraries parse records from
 * a stream, not one cell list out of a URL parameter, and their errors could not name it.
 */
export function listItems(param: string, v: string | undefined): string[] | undefined {
  if (v === undefined) return undefined;
  if (!v.includes('"')) return v.split(',').map((s) => s.trim()).filter(Boolean);
  const items: string[] = [];
  let i = 0;
  while (i <= v.length) {
    while (v[i] === ' ') i++;
    if (v[i] !== '"') {
      const end = v.indexOf(',', i);
      const item = v.slice(i, end < 0 ? v.length : end).trim();
      if (item) items.push(item);
      if (end < 0) break;
      i = end + 1;
      continue;
    }
    let item = '';
    let j = i + 1;
    for (;;) {
      const close = v.indexOf('"', j);
      if (close < 0) throw badParam(param, `${param} has a value with no closing quote (a value holding a comma is written "like, this")`);
      item += v.slice(j, close);
      if (v[close + 1] === '"') {
        item += '"';
        j = close + 2;
        continue;
      }
      j = close + 1;
      break;
    }
    while (v[j] === ' ') j++;
    if (j < v.length && v[j] !== ',') throw badParam(param, `${param} has text after a quoted value: separate values with commas, and write a quote inside a quoted value as ""`);
    if (item.length > MAX_ITEM_CHARS) throw badParam(param, `${param} has a value longer than ${String(MAX_ITEM_CHARS)} characters`);
    item = item.trim();
    if (item) items.push(item);
    i = j + 1;
  }
  return items;
}
