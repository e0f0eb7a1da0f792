/**
 * The words of roadmap tables: the fields a column can hold, the headers that name them in
 * Russian, Kazakh and English, and the labels of statuses, tiers and forms of completion (the
 * same words the web app shows, so an exported file imports back).
 */
import type { CompletionForm, Locale, MeasureStatus, Tier } from '../../contracts/enums';
import { IMPORT_FIELDS } from '../../contracts/imports';

/** What a column of an import can hold (the contract's list); `responsible:KZ` is the bodies of one party. */
export { IMPORT_FIELDS };
export type BaseField = (typeof IMPORT_FIELDS)[number];
export type ImportField = BaseField | `responsible:${string}`;

/** True for a field name a mapping may use. */
export const isImportField = (s: string): s is ImportField =>
  (IMPORT_FIELDS as readonly string[]).includes(s) || /^responsible:[A-Z]{2,8}$/.test(s);

/** Lower case, ё as е, quotes and repeated spaces gone: how names and headers are compared. */
export function normalise(s: string): string {
  return s
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[«»"“”„'‘’`]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

// Checked in order: the more specific names first («Форма завершения мероприятия» is a form).
const HEADERS: [BaseField, RegExp][] = [
  ['parentCode', /(код|code|коды|номер).*(родител|parent|вышестоящ|жоғары|ата)/],
  ['completionForm', /форма|вид (итогового )?документа|completion|form of|^form$|нысан|результат|outcome/],
  ['responsible', /ответствен|исполнител|responsib|executor|орындаушы|жауапты|lead body|bodies/],
  ['startDate', /начал|^start|start date|басталу|бастау/],
  ['dueDate', /срок|due|deadline|мерзім|окончани|завершени|^end|end date|аяқталу/],
  ['status', /статус|status|состояни|мәртебе|жай-күй|^күйі/],
  ['progress', /прогресс|progress|процент|готовност|барысы|орындалу|%/],
  ['tier', /уровень доступа|видимост|доступ|tier|visibility|қолжетім|деңгей/],
  ['weight', /^вес|weight|салмақ/],
  ['sphere', /сфер|sphere|направлени|^area|сала|бағыт/],
  ['provision', /пункт|положени|provision|clause|ереже|тармақ/],
  ['description', /описани|description|содержани|сипаттама|мазмұн/],
  ['title', /наименовани|название|мероприяти|title|measure|action|атау|іс-шара/],
  ['code', /^(№|#)|п\/п|р\/с|^(n|no|nr)\.?( |$)|^номер|^(код|коды|code)( |$)/],
];

const LANG_MARK: [Locale, RegExp][] = [
  ['kk', /\((каз|kk|қаз|kaz)[^)]*\)|на казахском|қазақша|in kazakh/],
  ['en', /\((англ|en|eng|ағыл)[^)]*\)|на английском|ағылшынша|in english/],
];

/** The field a header names (without the party of a responsible column), or null. */
export function fieldOfHeader(header: string): BaseField | null {
  const h = normalise(header);
  if (!h) return null;
  for (const [field, re] of HEADERS) {
    if (!re.test(h)) continue;
    if (field === 'title') {
      const lang = LANG_MARK.find(([, r]) => r.test(h))?.[0];
      return lang === 'kk' ? 'titleKk' : lang === 'en' ? 'titleEn' : 'title';
    }
    return field;
  }
  return null;
}

/** The labels of a closed vocabulary in ru, kk and en, and their keys. */
type Labels<K extends string> = Record<K, readonly string[]>;

export const STATUS_LABELS: Labels<MeasureStatus> = {
  not_started: ['Не начато', 'Басталмаған', 'Not started', 'не начата', 'не начат'],
  in_progress: ['Выполняется', 'Орындалуда', 'In progress', 'в работе', 'в процессе', 'исполняется'],
  completed: ['Выполнено', 'Орындалды', 'Completed', 'исполнено', 'выполнена', 'done'],
  cancelled: ['Отменено', 'Күші жойылды', 'Cancelled', 'отменена', 'canceled'],
};

export const TIER_LABELS: Labels<Tier> = {
  internal: [
    'Внутреннее (одна сторона)',
    'Ішкі (бір тарап)',
    'Internal (one party)',
    'Внутреннее',
    'Ішкі',
    'Internal',
  ],
  shared: ['Общее (обе стороны)', 'Ортақ (екі тарап)', 'Shared (both parties)', 'Общее', 'Ортақ', 'Shared'],
  public: ['Публичное', 'Жария', 'Public'],
};

export const FORM_LABELS: Labels<CompletionForm> = {
  legal_act_adopted: ['Принят правовой акт', 'Құқықтық акт қабылданды', 'Legal act adopted'],
  agreement_signed: ['Подписано соглашение', 'Келісімге қол қойылды', 'Agreement signed'],
  agreement_ratified: [
    'Соглашение ратифицировано / вступило в силу',
    'Келісім ратификацияланды / күшіне енді',
    'Agreement ratified / in force',
  ],
  event_held: ['Проведено мероприятие', 'Іс-шара өткізілді', 'Event held'],
  facility_commissioned: [
    'Объект введён в эксплуатацию',
    'Нысан пайдалануға берілді',
    'Facility commissioned',
  ],
  project_launched: ['Проект запущен', 'Жоба іске қосылды', 'Project launched'],
  report_delivered: ['Представлен отчёт', 'Есеп ұсынылды', 'Report delivered'],
  other: ['Иное', 'Басқа', 'Other'],
};

/** The label of `key` in `locale` (the first three labels are ru, kk, en). */
export const labelOf = <K extends string>(labels: Labels<K>, key: K, locale: Locale): string =>
  labels[key][locale === 'ru' ? 0 : locale === 'kk' ? 1 : 2];

/** The key whose label (or the key itself) is `text`, any language, case ignored; null if none. */
export function keyOfLabel<K extends string>(labels: Labels<K>, text: string): K | null {
  const t = normalise(text);
  for (const [key, names] of Object.entries(labels) as [K, readonly string[]][])
    if (normalise(key) === t || names.some((n) => normalise(n) === t)) return key;
  return null;
}

// Free-text forms of completion: the first rule whose stem appears wins.
const FORM_WORDS: [CompletionForm, RegExp][] = [
  ['agreement_ratified', /ратифик|вступлени. в силу|күшіне ен|ratif|entry into force/],
  [
    'event_held',
    /заседани|встреч|конференц|форум|семинар|выставк|визит|переговор|отырыс|кездесу|meeting|forum|conference|event|visit/,
  ],
  [
    'legal_act_adopted',
    /постановлени|приказ|закон|правов|нормативн|указ|распоряжени|решени|план|программ|қаулы|бұйрық|заң|law|decree|act\b|regulation|plan|programme/,
  ],
  [
    'agreement_signed',
    /соглашени|протокол|меморандум|договор|контракт|келісім|хаттама|agreement|protocol|memorandum|treaty|contract/,
  ],
  [
    'facility_commissioned',
    /ввод|эксплуатац|объект|строительств|пайдалануға|commission|facility|construction/,
  ],
  ['project_launched', /проект|запуск|жоба|project|launch/],
  [
    'report_delivered',
    /доклад|отчет|информаци|записк|справк|аналитич|баяндама|есеп|ақпарат|report|information|brief/,
  ],
];

/** A form of completion from a label or free text; `other` (with the text kept by the caller) if none fits. */
export function completionFormOf(text: string): { form: CompletionForm; exact: boolean } {
  const exact = keyOfLabel(FORM_LABELS, text);
  if (exact) return { form: exact, exact: true };
  const t = normalise(text);
  for (const [form, re] of FORM_WORDS) if (re.test(t)) return { form, exact: false };
  return { form: 'other', exact: false };
}
