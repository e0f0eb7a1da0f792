/**
 * Month names as dates are written in running text: Russian in the genitive («10 апреля»),
 * Kazakh and English in the nominative. One list for the e-mails the server writes and the
 * dates the web app shows (Intl has no Kazakh month names in every runtime).
 */
import type { Locale } from './enums';

export const MONTH_NAMES: Record<Locale, readonly string[]> = {
  ru: [
    'января',
    'февраля',
    'марта',
    'апреля',
    'мая',
    'июня',
    'июля',
    'августа',
    'сентября',
    'октября',
    'ноября',
    'декабря',
  ],
  kk: [
    'қаңтар',
    'ақпан',
    'наурыз',
    'сәуір',
    'мамыр',
    'маусым',
    'шілде',
    'тамыз',
    'қыркүйек',
    'қазан',
    'қараша',
    'желтоқсан',
  ],
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
};
