import type { TFunction } from 'i18next';
import { ApiError, NETWORK_ERROR } from '../api/client';

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
      details: error.details.filter((d) => d.message && !(!d.path && same(d.message, message))),
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

/** Field errors of an ApiError keyed by path (`title.ru`, `responsible.0.organisationId`). */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const out: Record<string, string> = {};
  for (const d of error.details) if (d.path && !out[d.path]) out[d.path] = d.message;
  return out;
}
