/**
 * The message catalogue of Accord: one key per rule, a template per language. The server
 * renders every error message and detail with it in the caller's language; the web and the
 * CLI use the same catalogue, so a rule reads the same wherever it is shown.
 */
import type { Locale } from '../enums';
import { en, type MessageKey } from './en';
import { formatTemplate, type MessageOf, type MessageParamOf } from './format';
import { kk } from './kk';
import { ru } from './ru';

export { formatNumber, negotiateLocale, placeholders } from './format';
export type { MessageKey };

/** A message: a catalogue key and the figures and names it carries. */
export type Message = MessageOf<MessageKey>;
/** A parameter of a message: a figure, a name kept as given, or a nested message. */
export type MessageParam = MessageParamOf<MessageKey>;
export type MessageParams = Record<string, MessageParam>;

/** The three catalogues, by language. */
export const CATALOGUES: Record<Locale, Record<MessageKey, string>> = { en, ru, kk };

/** Builds a message; `msg('date.range', { min, max })`. */
export const msg = (key: MessageKey, params?: MessageParams): Message => (params ? { key, params } : { key });

/** True when `s` is a key of the catalogue. */
export const isMessageKey = (s: unknown): s is MessageKey => typeof s === 'string' && Object.hasOwn(en, s);

/** A message in `locale`, nested messages included. */
export function render(locale: Locale, m: Message): string {
  const template = CATALOGUES[locale][m.key] ?? en[m.key] ?? m.key;
  return formatTemplate(locale, template, m.params, (nested) => render(locale, nested));
}

// Templates that only join other messages (`{path}: {problem}`) would match any text.
const onlyJoins = (template: string) => /^[\s:,.]*$/.test(template.replace(/\{\w+\}/g, ''));

interface EnglishPattern {
  key: MessageKey;
  re: RegExp;
  names: string[];
  literal: number;
}
let patterns: EnglishPattern[] | null = null;
let exact: Map<string, MessageKey> | null = null;

function buildPatterns() {
  exact = new Map();
  patterns = [];
  for (const [key, template] of Object.entries(en) as [MessageKey, string][]) {
    if (template.includes(', plural,') || onlyJoins(template)) continue;
    if (!template.includes('{')) {
      if (!exact.has(template)) exact.set(template, key);
      continue;
    }
    const names: string[] = [];
    const source = template
      .split(/(\{\w+\})/)
      .map((part) => {
        const name = /^\{(\w+)\}$/.exec(part)?.[1];
        if (!name) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        if (names.includes(name)) return `\\k<${name}>`;
        names.push(name);
        return `(?<${name}>.+?)`;
      })
      .join('');
    patterns.push({ key, re: new RegExp(`^${source}$`), names, literal: template.length });
  }
  patterns.sort((a, b) => b.literal - a.literal);
}

/**
 * The catalogue message behind an English text written by code that predates the catalogue
 * (`'a completed measure is 100% done'`, `'must be 2.N under the parent 2'`), so such texts
 * still reach people in their language; null when no template matches.
 */
export function messageOfEnglish(text: string): Message | null {
  if (!patterns || !exact) buildPatterns();
  const key = exact!.get(text);
  if (key) return { key };
  for (const p of patterns!) {
    const m = p.re.exec(text);
    if (m?.groups) return { key: p.key, params: { ...m.groups } };
  }
  return null;
}

/**
 * An English text in `locale`: a catalogue message, or `path: message` whose message is one,
 * or else the text as written.
 */
export function translateEnglish(locale: Locale, text: string): string {
  const whole = messageOfEnglish(text);
  if (whole) return render(locale, whole);
  const field = /^([\w.[\]-]+): (.+)$/s.exec(text);
  const problem = field && messageOfEnglish(field[2]);
  if (field && problem) return render(locale, msg('error.field', { path: field[1], problem }));
  return text;
}
