/**
 * A small ICU-style template renderer: `{name}` placeholders, `{n, plural, one {…} few {…}
 * many {…} other {…} =0 {…}}` with `#` for the number, and nested messages as parameters.
 * Enough for the catalogue; no dependency, browser-safe.
 */
import type { Locale } from '../enums';

/** A message by catalogue key, with the figures and names it names. */
export interface MessageOf<K extends string = string> {
  key: K;
  params?: Record<string, MessageParamOf<K>>;
}
/** A parameter: a figure, a name (kept as given), or another message rendered in the same language. */
export type MessageParamOf<K extends string = string> = string | number | MessageOf<K>;

type Node = string | { arg: string } | { arg: string; plural: Record<string, Node[]> } | { hash: true };

const cache = new Map<string, Node[]>();

/** Parses a template into literal runs, arguments and plural choices (memoised). */
function parse(template: string): Node[] {
  const hit = cache.get(template);
  if (hit) return hit;
  const [nodes] = parseRun(template, 0, false);
  cache.set(template, nodes);
  return nodes;
}

function parseRun(s: string, start: number, inPlural: boolean): [Node[], number] {
  const out: Node[] = [];
  let text = '';
  let i = start;
  while (i < s.length) {
    const c = s[i];
    if (c === '}' && inPlural) break;
    if (c === '#' && inPlural) {
      if (text) out.push(text);
      text = '';
      out.push({ hash: true });
      i++;
      continue;
    }
    if (c !== '{') {
      text += c;
      i++;
      continue;
    }
    if (text) out.push(text);
    text = '';
    const close = s.indexOf('}', i);
    const comma = s.indexOf(',', i);
    if (comma === -1 || comma > close) {
      out.push({ arg: s.slice(i + 1, close).trim() });
      i = close + 1;
      continue;
    }
    const arg = s.slice(i + 1, comma).trim();
    const kind = s.indexOf(',', comma + 1);
    i = kind + 1;
    const plural: Record<string, Node[]> = {};
    for (;;) {
      while (s[i] === ' ') i++;
      if (s[i] === '}') break;
      const open = s.indexOf('{', i);
      const selector = s.slice(i, open).trim();
      const [branch, end] = parseRun(s, open + 1, true);
      plural[selector] = branch;
      i = end + 1;
    }
    out.push({ arg, plural });
    i++;
  }
  if (text) out.push(text);
  return [out, i];
}

const pluralRules = new Map<Locale, Intl.PluralRules>();
const numberFormats = new Map<Locale, Intl.NumberFormat>();

function memo<T>(cache: Map<Locale, T>, locale: Locale, make: () => T): T {
  const hit = cache.get(locale);
  if (hit) return hit;
  const made = make();
  cache.set(locale, made);
  return made;
}

const rulesOf = (locale: Locale) => memo(pluralRules, locale, () => new Intl.PluralRules(locale));

/** A figure as people of that language write it (`20 000` in Russian, `20,000` in English). */
export function formatNumber(locale: Locale, n: number): string {
  return memo(
    numberFormats,
    locale,
    () => new Intl.NumberFormat(locale, { maximumFractionDigits: 3 }),
  ).format(n);
}

/**
 * Renders `template` in `locale`. `resolve` renders a nested message (the caller knows the
 * catalogue); a missing parameter stays visible as `{name}` rather than vanishing.
 */
export function formatTemplate<K extends string>(
  locale: Locale,
  template: string,
  params: Record<string, MessageParamOf<K>> = {},
  resolve: (m: MessageOf<K>) => string,
): string {
  const value = (name: string): string => {
    const v = params[name];
    if (v === undefined) return `{${name}}`;
    if (typeof v === 'number') return formatNumber(locale, v);
    return typeof v === 'string' ? v : resolve(v);
  };
  const run = (nodes: Node[], n: number | null): string =>
    nodes
      .map((node) => {
        if (typeof node === 'string') return node;
        if ('hash' in node) return n === null ? '#' : formatNumber(locale, n);
        if (!('plural' in node)) return value(node.arg);
        const raw = params[node.arg];
        const count = typeof raw === 'number' ? raw : Number(raw);
        const branch =
          node.plural[`=${count}`] ?? node.plural[rulesOf(locale).select(count)] ?? node.plural.other ?? [];
        return run(branch, count);
      })
      .join('');
  return run(parse(template), null);
}

/** The names of the placeholders of a template (plural arguments and those inside branches). */
export function placeholders(template: string): string[] {
  const names = new Set<string>();
  const walk = (nodes: Node[]) => {
    for (const node of nodes) {
      if (typeof node === 'string' || 'hash' in node) continue;
      names.add(node.arg);
      if ('plural' in node) for (const b of Object.values(node.plural)) walk(b);
    }
  };
  walk(parse(template));
  return [...names].sort();
}

/**
 * The language to answer in from an `Accept-Language` header: the first of ru/kk/en by
 * preference (`kk-KZ` counts as kk; `kz`, a common mistake, too), else Russian.
 */
export function negotiateLocale(header: string | undefined | null, fallback: Locale = 'ru'): Locale {
  if (!header) return fallback;
  const ranked = header
    .split(',')
    .map((part, i) => {
      const [tag, ...opts] = part.trim().toLowerCase().split(';');
      const q = opts.map((o) => /^\s*q=([\d.]+)\s*$/.exec(o)?.[1]).find(Boolean);
      return { lang: tag.split('-')[0], q: q === undefined ? 1 : Number(q), i };
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const { lang } of ranked) {
    if (lang === 'ru' || lang === 'en' || lang === 'kk') return lang;
    if (lang === 'kz') return 'kk';
  }
  return fallback;
}
