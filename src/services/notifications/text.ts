/** The sentence of a notification in a language, from its kind's template and stored params. */
import type { Locale } from '../../contracts/enums';
import { msg, render } from '../../contracts/messages';
import { MONTH_NAMES as MONTHS } from '../../contracts/months';
import type { NotificationKind } from '../../contracts/notifications';

/** What a notification row stores for its text and link. */
export interface NotificationContent {
  kind: NotificationKind;
  link: string;
  params: Record<string, unknown>;
}

/** A stored multilingual text in `locale`, falling back to Russian, then any language. */
function pick(v: unknown, locale: Locale): string {
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const s = o[locale] ?? o.ru ?? Object.values(o).find((x) => typeof x === 'string');
    if (typeof s === 'string') return s;
  }
  return '';
}

/** A calendar day as people write it: 10 апреля 2026 г., 2026 жылғы 10 сәуір, 10 April 2026. */
export function formatDay(locale: Locale, iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  const [year, month, day] = [m[1], MONTHS[locale][Number(m[2]) - 1], Number(m[3])];
  if (!month) return iso;
  if (locale === 'ru') return `${day} ${month} ${year} г.`;
  if (locale === 'kk') return `${year} жылғы ${day} ${month}`;
  return `${day} ${month} ${year}`;
}

/** Renders the notification's sentence in `locale`. */
export function notificationText(locale: Locale, n: NotificationContent): string {
  const p = n.params;
  return render(
    locale,
    msg(`notify.${n.kind}`, {
      code: pick(p.code, locale),
      title: pick(p.title, locale),
      period: pick(p.period, locale),
      due: formatDay(locale, pick(p.due, locale)),
      reason: pick(p.reason, locale),
      author: pick(p.author, locale),
    }),
  );
}
