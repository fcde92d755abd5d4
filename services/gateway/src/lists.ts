import { badParam } from './errors.ts';
import { MAX_ITEM_CHARS, listValue, splitList } from '../public/js/lists.js';

/**
 * The list syntax of query-string parameters (public/js/lists.js, which the web UI reads lists
 * with too): comma-separated values (`lang=ar,en`), a value holding a comma double-quoted as a
 * CSV cell is (`author="Doe, Jane",Reuters`).
 */
export { listValue };

const PROBLEMS = {
  unclosed: (param: string) => `${param} has a value with no closing quote (a value holding a comma is written "like, this")`,
  trailing: (param: string) => `${param} has text after a quoted value: separate values with commas, and write a quote inside a quoted value as ""`,
  long: (param: string) => `${param} has a value longer than ${String(MAX_ITEM_CHARS)} characters`,
};

/**
 * A comma list → its values, trimmed, empty ones dropped; a value starting with `"` runs to its
 * closing quote and may hold commas. An unclosed quote, text after the closing one or an
 * over-long quoted value is a 400 naming the parameter rather than a guess.
 */
export function listItems(param: string, v: string | undefined): string[] | undefined {
  if (v === undefined) return undefined;
  const { items, problem } = splitList(v);
  if (problem) throw badParam(param, PROBLEMS[problem](param));
  return items;
}
