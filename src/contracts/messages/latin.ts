/**
 * The rule the tests hold Russian and Kazakh messages to: no word in Latin letters but the
 * technical names a reader types or sees as they are (JSON, UUID, API, …), codes and figures,
 * e-mail addresses, URL paths, text in quotes (proper names) and the given field paths.
 */
const TECHNICAL = new Set([
  'JSON',
  'UUID',
  'ISO',
  'API',
  'application',
  'json',
  'true',
  'false',
  'cookie',
  'alpha',
  'N',
]);
const METHODS = /\b(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS|TRACE|CONNECT|PROPFIND)\b/g;

/** The Latin words left in `text` once what may stay Latin is taken out; [] for a clean text. */
export function latinLeftIn(text: string, allowed: readonly string[] = []): string[] {
  let rest = text;
  for (const a of [...allowed].filter(Boolean).sort((x, y) => y.length - x.length))
    rest = rest.split(a).join(' ');
  rest = rest
    .replace(/«[^»]*»|"[^"]*"/g, ' ')
    .replace(/\S+@\S+/g, ' ')
    .replace(/\/[\w\-./%?=&:]*/g, ' ')
    .replace(METHODS, ' ')
    .replace(/[\w.]*\d[\w.]*/g, ' ');
  return (rest.match(/[A-Za-z]+/g) ?? []).filter((w) => !TECHNICAL.has(w));
}
