import type { TFunction } from 'i18next';
import { ApiError, NETWORK_ERROR } from '../api/client';

/** Messages of the API and the shared contracts, matched to words in the UI language. */
const MESSAGES: readonly [RegExp, string][] = [
  [/^is required$/, 'errors.msg.required'],
  [/^must be a date YYYY-MM-DD$/, 'errors.msg.date'],
  [/^must be a real calendar date$/, 'errors.msg.realDate'],
  [/^must be between (?<a>\S+) and (?<b>\S+)$/, 'errors.msg.between'],
  [/^must not be before the start date$/, 'errors.msg.beforeStart'],
  [/^you may not change this field$/, 'errors.msg.notAllowedField'],
  [/^no such (?<what>[\w ]+)$/, 'errors.msg.noSuch'],
  [/^is stale; the current version is (?<v>\d+)$/, 'errors.msg.stale'],
  [/^is already used by another record$/, 'errors.msg.taken'],
  [/^must be an e-mail address$/, 'errors.msg.email'],
  [/^must be at least (?<n>\d+) characters$/, 'errors.msg.minChars'],
  [/^is not a known field$/, 'errors.msg.unknownField'],
  [/^Too big: expected string to have <=\s*(?<n>\d+) characters$/, 'errors.msg.tooLong'],
  [/^Too small: expected string to have >=\s*(?<n>\d+) characters$/, 'errors.msg.tooShort'],
  [/^Too big: expected number to be <=\s*(?<n>[\d.]+)$/, 'errors.msg.max'],
  [/^Too small: expected number to be >=\s*(?<n>[\d.]+)$/, 'errors.msg.min'],
  [/^Invalid input: expected \w+, received \w+$/, 'errors.msg.type'],
  [/^Invalid option: expected one of/, 'errors.msg.option'],
  [/^must be numbers separated by dots, such as 2\.3\.1$/, 'errors.msg.code'],
  [/^a completed measure is 100% done$/, 'errors.msg.completed100'],
  [/^is rolled up from the child measures; change those instead$/, 'errors.msg.rolledUp'],
  [/^the other party's organisations must stay as they are$/, 'errors.msg.otherParty'],
  [/^name at least one responsible organisation$/, 'errors.msg.oneResponsible'],
  [/^is required for an internal measure$/, 'errors.msg.ownerRequired'],
];

/**
 * A field message of the API (which writes English, naming the rule) in the UI language, with
 * the rule's figures kept (`must be at least 10 characters` → «не короче 10 символов»); a
 * message without a translation is shown as the server wrote it.
 */
export function localizeMessage(message: string, t: TFunction): string {
  for (const [pattern, key] of MESSAGES) {
    const m = pattern.exec(message);
    if (m) return t(key, { ...m.groups, defaultValue: message });
  }
  return message;
}

/** An error explained for a person: a short title, the server's message, field details. */
export interface ErrorExplanation {
  title: string;
  message: string;
  details: { path: string; message: string }[];
  requestId?: string;
  code?: string;
  status?: number;
}

/**
 * Turns anything thrown into words. An ApiError keeps the server's own message (which
 * names the field and the rule); network failures and unknown errors get a sentence in the
 * UI language — never "[object Object]" or a stack.
 */
export function explainError(error: unknown, t: TFunction): ErrorExplanation {
  if (error instanceof ApiError) {
    if (error.code === NETWORK_ERROR || error.status === 0) {
      return {
        title: t('errors.codes.network_error'),
        message: t('errors.network'),
        details: [],
        code: error.code,
      };
    }
    const title = t(`errors.codes.${error.code}`, { defaultValue: t('errors.title') });
    const message = error.message && error.message !== title ? error.message : '';
    const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();
    return {
      title,
      message,
      // A detail that only repeats the message (no field named) adds nothing.
      details: error.details
        .filter((d) => d.message && !(!d.path && same(d.message, message)))
        .map((d) => ({ path: d.path, message: localizeMessage(d.message, t) })),
      requestId: error.requestId,
      code: error.code,
      status: error.status,
    };
  }
  if (error instanceof Error && error.message) {
    return { title: t('errors.title'), message: error.message, details: [] };
  }
  if (typeof error === 'string' && error) return { title: t('errors.title'), message: error, details: [] };
  return { title: t('errors.title'), message: t('errors.unknown'), details: [] };
}

/**
 * Field errors of an ApiError keyed by path (`title.ru`, `responsible.0.organisationId`), in
 * the UI language when `t` is given.
 */
export function fieldErrors(error: unknown, t?: TFunction): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const out: Record<string, string> = {};
  for (const d of error.details)
    if (d.path && !out[d.path]) out[d.path] = t ? localizeMessage(d.message, t) : d.message;
  return out;
}
