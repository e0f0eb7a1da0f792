/**
 * Length limits of text fields, shown instead of enforced by the browser: a `maxLength`
 * attribute silently stops typing and cuts pasted text (a 3,000-character title was saved
 * cut to 500). The field keeps all of it, shows the count near the limit and an error past
 * it; the API refuses it with the field and the limit named.
 */
import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n';

/** The API's limit of a search text (`q` of every list). */
export const SEARCH_MAX = 200;

/** From this share of the limit on, the count is shown. */
const SHOW_FROM = 0.8;

/** What a field shows about its length: a count near the limit, an error past it. */
export interface LengthHint {
  description?: string;
  error?: string;
}

/** A function giving the count and the error of a text against its limit, in the UI language. */
export function useLengthLimit(): (value: string, max: number) => LengthHint {
  const { t } = useTranslation();
  const { formatNumber } = useFormat();
  return (value, max) => {
    const n = value.trim().length;
    const figures = { count: formatNumber(n), max: formatNumber(max) };
    if (n > max) return { description: t('forms.charCount', figures), error: t('forms.tooLong', figures) };
    if (n >= max * SHOW_FROM) return { description: t('forms.charCount', figures) };
    return {};
  };
}
