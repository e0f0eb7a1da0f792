/**
 * Terminology of the three catalogues, as docs/glossary.md fixes it: one term per concept,
 * no Russian words left in Kazakh, no English in Russian or Kazakh, and the labels a
 * person must tell apart (roles, statuses) distinct.
 */
import { describe, expect, it } from 'vitest';
import en from './en';
import kk from './kk';
import ru from './ru';

/** Every string of a catalogue with its dotted key. */
function strings(obj: object, prefix = ''): [string, string][] {
  return Object.entries(obj).flatMap(([k, v]) =>
    typeof v === 'string' ? [[`${prefix}${k}`, v] as [string, string]] : strings(v, `${prefix}${k}.`),
  );
}

/** Language names are written in their own language in every catalogue («Русский», «English»). */
const ownNames = (key: string) => key.startsWith('locales.');
/** Interpolation variables are code, not words. */
const words = (s: string) => s.replace(/\{\{\w+\}\}/g, ' ');

/** Russian words that have a Kazakh term; none may appear in the Kazakh catalogue. */
const RUSSIAN_IN_KAZAKH = [
  /ведомств/i,
  /мероприят/i,
  /исполнит/i,
  /дочерн/i,
  /отмен/i,
  /прогресс/i,
  /организаци/i,
  /дорожн/i,
  /срок/i,
  /просроч/i,
  /сфер/i,
  /сторон/i,
  /контекст/i,
];

/** Words the glossary replaced, per language, with the term to use instead. */
const REPLACED: Record<'ru' | 'kk' | 'en', [RegExp, string][]> = {
  ru: [
    [/дочерн/i, 'вложенные мероприятия'],
    [/конечн\S* мероприят/i, 'мероприятия нижнего уровня'],
  ],
  kk: [
    [/еншілес/i, 'ішкі іс-шаралар (child measures)'],
    [/соңғы іс-шара/i, 'төменгі деңгейдегі іс-шаралар (leaf measures)'],
    [/Бірлескен орындаушы/i, 'бірлесіп орындаушы'],
  ],
  en: [
    [/sub-?items?/i, 'child measures'],
    [/subsidiar/i, 'child measures'],
  ],
};

/**
 * Latin words allowed in the Russian and Kazakh UI: proper names those pages write in Latin
 * letters too — the product, protocol tokens, file formats, and the calendar and spreadsheet
 * programs people know by name.
 */
const LATIN_ALLOWED = new Set([
  'Accord',
  'API',
  'Authorization',
  'Bearer',
  'Enter',
  'PDF',
  'DOCX',
  'XLSX',
  'CSV',
  'Excel',
  'Outlook',
  'Google',
  'Apple',
]);

const catalogues = { ru, kk, en } as const;

describe('terminology', () => {
  it('leaves no Russian word in the Kazakh catalogue', () => {
    const found = strings(kk)
      .filter(([k]) => !ownNames(k))
      .flatMap(([k, v]) => RUSSIAN_IN_KAZAKH.filter((re) => re.test(v)).map((re) => `${k}: «${v}» (${re})`));
    expect(found).toEqual([]);
  });

  it('has no English words in the Russian and Kazakh catalogues beyond the allowed tokens', () => {
    for (const [lang, cat] of [
      ['ru', ru],
      ['kk', kk],
    ] as const) {
      const found = strings(cat)
        .filter(([k]) => !ownNames(k))
        .flatMap(([k, v]) =>
          (words(v).match(/[A-Za-z]{2,}/g) ?? [])
            .filter((w) => !LATIN_ALLOWED.has(w))
            .map((w) => `${lang} ${k}: ${w}`),
        );
      expect(found).toEqual([]);
    }
  });

  it('uses the glossary term, not the replaced one', () => {
    for (const lang of ['ru', 'kk', 'en'] as const) {
      const found = strings(catalogues[lang]).flatMap(([k, v]) =>
        REPLACED[lang].filter(([re]) => re.test(v)).map(([, use]) => `${lang} ${k}: «${v}» → ${use}`),
      );
      expect(found).toEqual([]);
    }
  });

  it('names leaf and child measures with the glossary terms where the UI speaks of them', () => {
    expect(ru.dashboard.leafCount).toBe('Мероприятия нижнего уровня');
    expect(kk.dashboard.leafCount).toBe('Төменгі деңгейдегі іс-шаралар');
    expect(ru.measure.children).toBe('Вложенные мероприятия');
    expect(kk.measure.children).toBe('Ішкі іс-шаралар');
    expect(kk.fields.childCount).toBe(kk.measure.children);
    expect(ru.fields.childCount).toBe(ru.measure.children);
  });

  it('keeps the user roles and the responsible roles apart: none is another with words added', () => {
    for (const [lang, cat] of Object.entries(catalogues)) {
      const labels = [...Object.values(cat.enums.role), ...Object.values(cat.enums.responsibleRole)];
      const lower = labels.map((l) => l.toLowerCase());
      expect(new Set(lower).size, `${lang}: ${labels.join(' / ')}`).toBe(labels.length);
      for (const a of lower)
        for (const b of lower)
          if (a !== b) expect(b.includes(a), `${lang}: «${a}» inside «${b}»`).toBe(false);
    }
  });

  it('tells a cancelled measure from a suspended or terminated agreement at the first word', () => {
    for (const [lang, cat] of Object.entries(catalogues)) {
      const labels = [
        cat.enums.status.cancelled,
        cat.enums.agreementStatus.suspended,
        cat.enums.agreementStatus.terminated,
      ];
      const first = labels.map((l) => l.split(/\s/)[0].toLowerCase());
      expect(new Set(first).size, `${lang}: ${labels.join(' / ')}`).toBe(3);
    }
    expect(kk.enums.status.cancelled).toBe('Күші жойылды');
    expect(ru.enums.status.cancelled).toBe('Отменено');
  });

  it('agrees the completion level with its feminine noun in Russian («степень»)', () => {
    const { not_started: _none, ...levels } = ru.enums.completionLevel;
    for (const v of Object.values(levels)) expect(v).toMatch(/ая$/);
  });
});
