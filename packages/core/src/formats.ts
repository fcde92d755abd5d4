import { FormatRegistry } from '@sinclair/typebox';

/**
 * TypeBox validates no string formats until they are registered. Registered once, on import of
 * @akhbar/core, so every Value.Check of a core schema agrees with Ajv in the gateway.
 */
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/i;

if (!FormatRegistry.Has('date-time')) {
  FormatRegistry.Set('date-time', (v) => ISO_DATE_TIME.test(v) && !Number.isNaN(Date.parse(v)));
}
if (!FormatRegistry.Has('uri')) {
  FormatRegistry.Set('uri', (v) => URL.canParse(v));
}
if (!FormatRegistry.Has('date')) {
  FormatRegistry.Set('date', (v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v));
}
