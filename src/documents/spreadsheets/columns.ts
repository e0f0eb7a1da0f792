/**
 * The column format of roadmap exports, which the import reads back unchanged: headers in
 * the caller's language, one responsible column per party, texts neutralised so that no
 * spreadsheet runs a cell as a formula.
 */
import type { Locale } from '../../contracts/enums';

/** One measure as an export row. */
export interface ExportRow {
  depth: number;
  code: string;
  title: string;
  titleKk: string;
  titleEn: string;
  description: string;
  spheres: string;
  provisions: string;
  /** The bodies of each party (in `parties` order), lead first. */
  bodies: string[];
  startDate: string;
  dueDate: string;
  completionForm: string;
  status: string;
  progress: number;
  tier: string;
  weight: number;
  overdue: boolean;
  disputed: boolean;
  flags: string;
}

const H: Record<string, Record<Locale, string>> = {
  code: { ru: 'Код', kk: 'Коды', en: 'Code' },
  title: { ru: 'Наименование мероприятия', kk: 'Іс-шараның атауы (орыс.)', en: 'Title' },
  titleKk: { ru: 'Наименование (каз.)', kk: 'Іс-шараның атауы (қаз.)', en: 'Title (kk)' },
  titleEn: { ru: 'Наименование (англ.)', kk: 'Іс-шараның атауы (ағыл.)', en: 'Title (en)' },
  description: { ru: 'Описание', kk: 'Сипаттама', en: 'Description' },
  spheres: { ru: 'Сфера', kk: 'Сала', en: 'Sphere' },
  provisions: { ru: 'Пункт', kk: 'Тармақ', en: 'Provision' },
  bodies: { ru: 'Ответственные исполнители', kk: 'Жауапты орындаушылар', en: 'Responsible' },
  startDate: { ru: 'Дата начала', kk: 'Басталу күні', en: 'Start date' },
  dueDate: { ru: 'Срок исполнения', kk: 'Орындау мерзімі', en: 'Due date' },
  completionForm: { ru: 'Форма завершения', kk: 'Аяқтау нысаны', en: 'Form of completion' },
  status: { ru: 'Статус', kk: 'Мәртебе', en: 'Status' },
  progress: { ru: 'Прогресс, %', kk: 'Орындалу барысы, %', en: 'Progress, %' },
  tier: { ru: 'Уровень доступа', kk: 'Қолжетімділік деңгейі', en: 'Tier' },
  weight: { ru: 'Вес', kk: 'Салмақ', en: 'Weight' },
  flags: { ru: 'Отметки', kk: 'Белгілер', en: 'Flags' },
};

/** The flags column's words. */
export const FLAG_WORDS: Record<'overdue' | 'disputed', Record<Locale, string>> = {
  overdue: { ru: 'просрочено', kk: 'мерзімі өтті', en: 'overdue' },
  disputed: { ru: 'спорно', kk: 'даулы', en: 'disputed' },
};

export type ColumnKey =
  | Exclude<keyof ExportRow, 'bodies' | 'depth' | 'overdue' | 'disputed'>
  | `bodies:${number}`;

/** The columns of an export: keys, headers and widths (in characters). */
export function exportColumns(locale: Locale, parties: readonly { name: string }[]) {
  const col = (key: ColumnKey, header: string, width: number) => ({ key, header, width });
  return [
    col('code', H.code[locale], 10),
    col('title', H.title[locale], 60),
    col('titleKk', H.titleKk[locale], 30),
    col('titleEn', H.titleEn[locale], 30),
    col('description', H.description[locale], 40),
    col('spheres', H.spheres[locale], 20),
    col('provisions', H.provisions[locale], 10),
    ...parties.map((p, i) => col(`bodies:${i}`, `${H.bodies[locale]} (${p.name})`, 36)),
    col('startDate', H.startDate[locale], 12),
    col('dueDate', H.dueDate[locale], 12),
    col('completionForm', H.completionForm[locale], 26),
    col('status', H.status[locale], 14),
    col('progress', H.progress[locale], 10),
    col('tier', H.tier[locale], 22),
    col('weight', H.weight[locale], 8),
    col('flags', H.flags[locale], 18),
  ];
}

/** The value of a column in a row. */
export function cellValueOf(row: ExportRow, key: ColumnKey): string | number {
  return valueReader(key)(row);
}

/** A reader of one column's value, made once per column rather than parsed per cell. */
export function valueReader(key: ColumnKey): (row: ExportRow) => string | number {
  if (key.startsWith('bodies:')) {
    const i = Number(key.slice(7));
    return (row) => row.bodies[i] ?? '';
  }
  const k = key as Exclude<ColumnKey, `bodies:${number}`>;
  return (row) => row[k] as string | number;
}

/**
 * A text a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, carriage return
 * first) gets a leading apostrophe; the import takes it off again.
 */
export const neutralise = (s: string): string => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);
