import type { TFunction } from 'i18next';
import { render, translateEnglish } from '../../contracts/messages';
import { type IssueLike, issueMessage } from '../../contracts/messages/zod';
import { ApiError, NETWORK_ERROR } from '../api/client';
import { currentLocale } from '../i18n';

/**
 * A zod issue of the shared contracts, met in the browser before anything is sent, in the UI
 * language from the same catalogue the server uses (`не короче 10 символов`).
 */
export const localizeIssue = (issue: IssueLike) => render(currentLocale(), issueMessage(issue));

/**
 * An English rule text of the shared contracts in the UI language; the server's messages are
 * already in it and pass unchanged. (`_t` is kept for callers of the former web-side table.)
 */
export const localizeMessage = (message: string, _t?: TFunction) =>
  translateEnglish(currentLocale(), message);

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
 * Turns anything thrown into words. An ApiError keeps the server's own message and details
 * (which name the field and the rule, in the language the client asked for); network
 * failures and unknown errors get a sentence in the UI language — never "[object Object]"
 * or a stack.
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
        .map((d) => ({ path: d.path, message: d.message })),
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
 * Field errors of an ApiError keyed by path (`title.ru`, `responsible.0.organisationId`), as
 * the server wrote them in the UI language. (`_t` is accepted for callers written when the
 * web translated the server's English itself.)
 */
export function fieldErrors(error: unknown, _t?: TFunction): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const out: Record<string, string> = {};
  for (const d of error.details) if (d.path && !out[d.path]) out[d.path] = d.message;
  return out;
}
