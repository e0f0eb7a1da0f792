import { describe, expect, it } from 'vitest';
import type { Grid } from './grid';
import { findLayout, isNumberingRow, type PartyRef } from './headers';
import { indexBodies, matchBody, suggestBodies } from './organisations';
import { planImport } from './plan';
import { type ImportProblem, readRows } from './rows';
import { normaliseCode, parseDateSpan, parsePercent, splitBodies } from './values';
import { completionFormOf, fieldOfHeader } from './vocab';

describe('dates people write', () => {
  it.each([
    ['31.12.2026', '2026-12-31', '2026-12-31'],
    ['2026-12-31', '2026-12-31', '2026-12-31'],
    ['до 31.12.2026', '2026-12-31', '2026-12-31'],
    ['IV квартал 2026 года', '2026-10-01', '2026-12-31'],
    ['4 кв. 2026', '2026-10-01', '2026-12-31'],
    ['Q2 2026', '2026-04-01', '2026-06-30'],
    ['2026 жылғы IV тоқсан', '2026-10-01', '2026-12-31'],
    ['I полугодие 2027', '2027-01-01', '2027-06-30'],
    ['декабрь 2026', '2026-12-01', '2026-12-31'],
    ['декабря 2026 г.', '2026-12-01', '2026-12-31'],
    ['февраль 2028', '2028-02-01', '2028-02-29'],
    ['желтоқсан 2026', '2026-12-01', '2026-12-31'],
    ['2026', '2026-01-01', '2026-12-31'],
    ['2026 год', '2026-01-01', '2026-12-31'],
    ['2026–2027 гг.', '2026-01-01', '2027-12-31'],
    [46387, '2026-12-31', '2026-12-31'],
  ])('%s → %s … %s', (cell, start, end) => {
    expect(parseDateSpan(cell)).toEqual({ start, end });
  });
  it.each(['31.02.2026', 'постоянно', 'ежегодно', '13.13.2026', ''])('%s is not a date', (cell) => {
    expect(parseDateSpan(cell || null)).toBeNull();
  });
});

describe('percentages, codes and bodies', () => {
  it.each([
    ['45', 45],
    ['45%', 45],
    ['0,45', 45],
    [0.45, 45],
    [100, 100],
    ['12,5 %', 13],
  ] as const)('%s → %s', (cell, n) => expect(parsePercent(cell)).toBe(n));
  it.each(['150', '-5', 'половина'])('%s is refused', (c) => expect(parsePercent(c)).toBeNull());
  it('normalises codes', () => {
    expect(normaliseCode('1.2.')).toBe('1.2');
    expect(normaliseCode(' 1.kz1 ')).toBe('1.KZ1');
    expect(normaliseCode(3)).toBe('3');
  });
  it('splits bodies on commas, semicolons and lines, keeping quoted commas, and sees the lead mark', () => {
    expect(splitBodies('МИД; Минэкономики,\nТОО «Альфа, Бета»')).toEqual([
      { name: 'МИД', marked: false },
      { name: 'Минэкономики', marked: false },
      { name: 'ТОО «Альфа, Бета»', marked: false },
    ]);
    expect(splitBodies('МИД, Минтранс (головной)')[1]).toEqual({ name: 'Минтранс', marked: true });
    expect(splitBodies('МИД*, Минтранс')[0]).toEqual({ name: 'МИД', marked: true });
  });
  it('maps free-text forms of completion to the closest form', () => {
    expect(completionFormOf('Протокол').form).toBe('agreement_signed');
    expect(completionFormOf('Доклад в Правительство').form).toBe('report_delivered');
    expect(completionFormOf('План мероприятий').form).toBe('legal_act_adopted');
    expect(completionFormOf('Проведено мероприятие')).toEqual({ form: 'event_held', exact: true });
    expect(completionFormOf('Что-то ещё')).toEqual({ form: 'other', exact: false });
  });
});

describe('headers in three languages', () => {
  it.each([
    ['№ п/п', 'code'],
    ['Код', 'code'],
    ['Наименование мероприятия', 'title'],
    ['Іс-шараның атауы', 'title'],
    ['Title (en)', 'titleEn'],
    ['Форма завершения', 'completionForm'],
    ['Срок исполнения', 'dueDate'],
    ['Орындау мерзімі', 'dueDate'],
    ['Due date', 'dueDate'],
    ['Дата начала', 'startDate'],
    ['Ответственные исполнители (Республика Казахстан)', 'responsible'],
    ['Статус', 'status'],
    ['Прогресс, %', 'progress'],
    ['Уровень доступа', 'tier'],
    ['Вес', 'weight'],
    ['Сфера', 'sphere'],
    ['Пункт декларации', 'provision'],
    ['Код родителя', 'parentCode'],
    ['Примечание', null],
  ])('%s → %s', (h, f) => expect(fieldOfHeader(h)).toBe(f));
});

const parties: PartyRef[] = [
  {
    id: 'p-kz',
    code: 'KZ',
    names: ['Республика Казахстан', 'Қазақстан Республикасы', 'Republic of Kazakhstan'],
  },
  { id: 'p-ru', code: 'RU', names: ['Российская Федерация', 'Ресей Федерациясы', 'Russian Federation'] },
];
const bodies = indexBodies([
  { id: 'o-mid-kz', partyId: 'p-kz', names: ['Министерство иностранных дел Республики Казахстан', 'МИД РК'] },
  { id: 'o-mt-kz', partyId: 'p-kz', names: ['Министерство транспорта Республики Казахстан', 'Минтранс РК'] },
  {
    id: 'o-mid-ru',
    partyId: 'p-ru',
    names: ['Министерство иностранных дел Российской Федерации', 'МИД России'],
  },
]);

/** A Word-like roadmap: a title and note above, a column-number row, sections spanning the table. */
const wordTable: Grid = {
  rows: [
    ['ДОРОЖНАЯ КАРТА', null, null, null, null, null],
    ['по реализации Декларации', null, null, null, null, null],
    [
      '№ п/п',
      'Наименование мероприятия',
      'Форма завершения',
      'Срок исполнения',
      'Ответственные исполнители (Республика Казахстан)',
      'Ответственные исполнители (Российская Федерация)',
    ],
    ['1', '2', '3', '4', '5', '6'],
    ['1. Сотрудничество в сфере транспорта', null, null, null, null, null],
    [
      '1',
      'Провести заседание рабочей группы',
      'Протокол',
      'IV квартал 2026 года',
      'Минтранс РК, МИД РК',
      '«МИД России»',
    ],
    ['2', 'Подготовить доклад', 'Доклад', 'декабрь 2026', 'мид рк', 'МИД России'],
    ['2. Торговля', null, null, null, null, null],
    ['3', 'Открыть торговый дом', 'Иное событие', '2027', 'МИД РК*, Минтранс РК', 'Минпромторг России'],
  ],
};

describe('a Word-style roadmap table', () => {
  it('finds the header under the title, skips the numbering row and reads party columns', () => {
    const layout = findLayout(wordTable, parties)!;
    expect(layout.bodyStart).toBe(4);
    expect(layout.columns.map((c) => c.field)).toEqual([
      'code',
      'title',
      'completionForm',
      'dueDate',
      'responsible:KZ',
      'responsible:RU',
    ]);
    expect(isNumberingRow(wordTable.rows[3])).toBe(true);
  });

  it('plans sections as parents, numbers rows under them and lists unmatched bodies', () => {
    const problems: ImportProblem[] = [];
    const rows = readRows(wordTable, findLayout(wordTable, parties)!, problems);
    const plan = planImport({
      rows,
      parties,
      bodies,
      spheres: [],
      provisions: [],
      existing: new Map(),
      today: '2026-03-01',
      createOrganisations: false,
    });
    expect(plan.measures.map((m) => [m.code, m.parentCode, m.section])).toEqual([
      ['1', null, true],
      ['1.1', '1', false],
      ['1.2', '1', false],
      ['2', null, true],
      ['2.3', '2', false],
    ]);
    const first = plan.measures[1];
    expect(first.dueDate).toBe('2026-12-31');
    expect(first.completionForm).toBe('agreement_signed');
    expect(first.responsible).toEqual([
      { organisationId: 'o-mt-kz', partyId: 'p-kz', role: 'lead' },
      { organisationId: 'o-mid-kz', partyId: 'p-kz', role: 'co_executor' },
      { organisationId: 'o-mid-ru', partyId: 'p-ru', role: 'lead' },
    ]);
    expect(plan.measures[4].responsible?.[0]).toEqual({
      organisationId: 'o-mid-kz',
      partyId: 'p-kz',
      role: 'lead',
    });
    expect(plan.measures[4].formText).toBe('Иное событие');
    // the section takes the span and the leads of what it holds
    expect(plan.measures[0]).toMatchObject({
      startDate: '2026-03-01',
      dueDate: '2026-12-31',
      completionForm: 'other',
    });
    expect(plan.unmatched).toEqual([
      expect.objectContaining({ name: 'Минпромторг России', partyId: 'p-ru', rows: [9] }),
    ]);
    expect(plan.unmatched[0].suggestions[0]?.id).toBe('o-mid-ru');
    expect(plan.problems.map((p) => [p.row, p.column, p.message.key])).toEqual([
      [9, 'Ответственные исполнители (Российская Федерация)', 'import.bodyUnknown'],
    ]);
  });
});

describe('organisation matching', () => {
  it('matches by name or short name, case and quotes ignored, within the party', () => {
    expect(matchBody(bodies, '«мид рк»', null)?.id).toBe('o-mid-kz');
    expect(matchBody(bodies, 'МИД РК', 'p-ru')).toBeNull();
    expect(suggestBodies(bodies, 'Министерство транспорта Казахстана', null)[0].id).toBe('o-mt-kz');
  });
});
