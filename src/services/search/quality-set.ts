/**
 * The search quality set: queries people would type over the demo roadmap (data/demo), with the
 * measures a person would expect, written from the measures' titles — not from the engine.
 *
 * Relevance, per query:
 * - `expect`: measures whose own title is about the query's subject (must be found: recall);
 * - `also`: measures that are relevant too but need not be found (a step on the subject whose
 *   title does not say it, a Russian-only step for a Kazakh query — its Kazakh title may come);
 * - `bodies`: organisations (demo keys) the query names; the measures they carry out (lead or
 *   co-executor) are relevant, and with `byBody` they are what the query is for (expected).
 * Precision counts a found measure as right when it is in any of these.
 *
 * Codes relied on: the demo roadmap's codes 1–9.2.KZ1 as of the commit of this file; Kazakh
 * expectations use only the Kazakh titles of the upper two levels.
 */

/** One query of the set and its relevant measures. */
export interface QualityCase {
  q: string;
  lang: 'ru' | 'kk' | 'en';
  expect: string[];
  also?: string[];
  bodies?: string[];
  /** The query is a body's name: its measures are expected, not merely allowed. */
  byBody?: boolean;
}

const RAIL = ['4.3', '4.3.1', '4.3.2', '4.3.3', '4.3.RU1'];
const NSR = ['4.2', '4.2.1', '4.2.2'];
const INVEST = ['8', '8.1', '8.1.1', '8.1.2', '8.2', '8.2.1', '8.2.2', '8.2.KZ1', '4.3.RU1'];
const TRANSBORDER = ['1.2', '5.1', '5.2.1', '6.1', '6.1.3'];

/** The set: 60+ queries in Russian, Kazakh and English. */
export const QUALITY_SET: QualityCase[] = [
  // ---- Russian: morphology and derivation
  { q: 'железная дорога', lang: 'ru', expect: RAIL, bodies: ['ru-rzd'] },
  { q: 'железной дороги', lang: 'ru', expect: RAIL, bodies: ['ru-rzd'] },
  { q: 'железнодорожный', lang: 'ru', expect: RAIL, bodies: ['ru-rzd'] },
  { q: 'железнодорожные перевозки', lang: 'ru', expect: ['4.3.3'], also: ['4.1.2'] },
  { q: 'подписание', lang: 'ru', expect: ['1.2.1'] },
  { q: 'подписание протокола', lang: 'ru', expect: ['1.2.1'] },
  { q: 'протокол', lang: 'ru', expect: ['1.2.1'] },
  { q: 'таможня', lang: 'ru', expect: ['2.3', '2.3.2'], bodies: ['ru-customs'] },
  { q: 'таможенный контроль', lang: 'ru', expect: ['2.3.2'] },
  { q: 'торговля', lang: 'ru', expect: ['2', '2.1', '2.1.1', '5.1.2'], bodies: ['kz-trade', 'ru-industry'] },
  {
    q: 'торговый',
    lang: 'ru',
    expect: ['2', '2.1', '2.1.1', '5.1.2'],
    bodies: ['kz-trade', 'ru-industry'],
  },
  {
    q: 'сотрудничество',
    lang: 'ru',
    expect: ['1', '1.4', '1.4.1', '3', '8', '8.2.2', '9.1.3'],
    also: ['2.2', '2.2.1'],
  },
  {
    q: 'развитие',
    lang: 'ru',
    expect: ['4.1.1', '5.2.1'],
    bodies: ['kz-digital', 'ru-digital', 'ru-economy', 'ru-far-east'],
  },
  {
    q: 'развивать',
    lang: 'ru',
    expect: ['4.1.1', '5.2.1'],
    bodies: ['kz-digital', 'ru-digital', 'ru-economy', 'ru-far-east'],
  },
  {
    q: 'энергетика',
    lang: 'ru',
    expect: ['3', '3.1', '3.2', '3.KZ1', '3.KZ1.1', '3.KZ1.2'],
    also: ['3.1.1', '3.1.2', '3.2.1', '3.2.2'],
    bodies: ['kz-energy', 'ru-energy', 'kz-atom', 'ru-rosatom'],
  },
  { q: 'энергетическое сотрудничество', lang: 'ru', expect: ['3'] },
  {
    q: 'атомная энергия',
    lang: 'ru',
    expect: ['3.2'],
    also: ['3.2.1', '3.2.2'],
    bodies: ['kz-atom', 'ru-rosatom'],
  },
  { q: 'ядерная безопасность', lang: 'ru', expect: ['3.2.1'] },
  { q: 'газ', lang: 'ru', expect: ['3.1.1', '3.1.2', '6.2.1'] },
  { q: 'нефть', lang: 'ru', expect: ['3.1.1'] },
  { q: 'транзит', lang: 'ru', expect: ['3.1', '3.1.1'] },
  { q: 'поставки электроэнергии', lang: 'ru', expect: ['3.KZ1.2'], also: ['3.KZ1'] },
  { q: 'модернизация', lang: 'ru', expect: ['4.3', '4.3.1', '4.3.2'] },
  {
    q: 'цифровизация',
    lang: 'ru',
    expect: ['5', '5.1', '5.1.1', '5.2', '5.2.2'],
    also: ['5.1.2', '5.2.1'],
    bodies: ['kz-digital', 'ru-digital'],
  },
  { q: 'цифровые технологии', lang: 'ru', expect: ['5.2.2'] },
  { q: 'электронные документы', lang: 'ru', expect: ['5.1.2', '4.3.3'] },
  { q: 'киберугрозы', lang: 'ru', expect: ['1.3'], also: ['1.3.1', '1.3.2'] },
  { q: 'терроризм', lang: 'ru', expect: ['1.1', '1.1.1', '1.1.2'] },
  { q: 'экстремизм', lang: 'ru', expect: ['1.1', '1.1.2'] },
  { q: 'наркотики', lang: 'ru', expect: ['1.2.1'] },
  { q: 'контрабанда', lang: 'ru', expect: ['1.2.2'] },
  {
    q: 'граница',
    lang: 'ru',
    expect: ['1.2.2', '4.3.1', '4.3.2', '4.3.RU1', '6.2.3'],
    also: ['4.1.3', '2.3.2', ...TRANSBORDER],
  },
  { q: 'приграничные участки', lang: 'ru', expect: ['4.3.1', '4.3.RU1'] },
  { q: 'трансграничные реки', lang: 'ru', expect: ['6.1'], also: ['6.1.1', '6.1.3'] },
  { q: 'река Урал', lang: 'ru', expect: ['6.1.1', '6.1.2'] },
  { q: 'водные ресурсы', lang: 'ru', expect: ['6'], bodies: ['kz-water', 'ru-water'] },
  { q: 'климат', lang: 'ru', expect: ['6', '6.2', '6.2.2'] },
  { q: 'изменение климата', lang: 'ru', expect: ['6.2.2'] },
  { q: 'экология', lang: 'ru', expect: ['6'], bodies: ['kz-ecology', 'ru-nature'] },
  { q: 'пожары', lang: 'ru', expect: ['6.2.3'] },
  { q: 'парниковые газы', lang: 'ru', expect: ['6.2.1'] },
  {
    q: 'образование',
    lang: 'ru',
    expect: ['7', '7.1', '7.1.2', '7.1.3'],
    also: ['7.1.1'],
    bodies: ['kz-science', 'ru-science'],
  },
  { q: 'наука', lang: 'ru', expect: ['7', '7.2', '7.2.1'], bodies: ['kz-science', 'ru-science'] },
  { q: 'исследования', lang: 'ru', expect: ['7.2', '7.2.2'], also: ['7.2.1'] },
  {
    q: 'культура',
    lang: 'ru',
    expect: ['7', '7.3', '7.3.1', '7.3.2', '7.3.3'],
    bodies: ['kz-culture', 'ru-culture'],
  },
  { q: 'кинофестиваль', lang: 'ru', expect: ['7.3.3'] },
  { q: 'вузы', lang: 'ru', expect: ['1.4.RU1', '7.1.1'] },
  { q: 'инвестиции', lang: 'ru', expect: INVEST },
  { q: 'гарантии инвесторам', lang: 'ru', expect: ['8.1', '8.1.2'] },
  { q: 'ЕАЭС', lang: 'ru', expect: ['9.1.1'] },
  { q: 'ОДКБ', lang: 'ru', expect: ['9.1.2'] },
  { q: 'ШОС', lang: 'ru', expect: ['9.1.3'] },
  { q: 'мониторинг', lang: 'ru', expect: ['9', '9.2', '9.2.1', '4.1.3'] },
  { q: 'доклад', lang: 'ru', expect: ['5.2.1', '6.2.2', '7.2.2', '9.2.2', '9.2.3', '9.2.RU1', '9.2.KZ1'] },
  { q: 'дорожная карта', lang: 'ru', expect: ['9.2.1', '9.2.2', '9.2.3'] },
  // 7.2.2 is a report on joint research: both words, a fair find.
  {
    q: 'совместный доклад',
    lang: 'ru',
    expect: ['6.2.2', '9.2.2', '9.2.3', '9.2.RU1', '9.2.KZ1'],
    also: ['7.2.2'],
  },
  { q: 'учения', lang: 'ru', expect: ['1.1.1'] },
  { q: 'военное сотрудничество', lang: 'ru', expect: ['1.4.1'], also: ['1.4'] },
  {
    q: 'оборона',
    lang: 'ru',
    expect: ['1.4'],
    also: ['1.4.1', '1.4.RU1'],
    bodies: ['kz-defence', 'ru-defence'],
  },
  { q: 'форум', lang: 'ru', expect: ['2.2.2', '5.2.2'] },
  {
    q: 'промышленность',
    lang: 'ru',
    expect: ['2', '2.2', '2.2.2'],
    also: ['2.2.1'],
    bodies: ['kz-industry', 'ru-industry', 'kz-digital'],
  },
  { q: 'машиностроение', lang: 'ru', expect: ['2.2.1'] },
  { q: 'барьеры', lang: 'ru', expect: ['2.1', '2.1.1', '2.1.2'] },
  { q: 'коридор Север — Юг', lang: 'ru', expect: ['4.1.1'] },
  { q: 'контейнерные перевозки', lang: 'ru', expect: ['4.1.2'] },
  { q: 'пункты пропуска', lang: 'ru', expect: ['4.1.3', '2.3.2'] },
  { q: 'логистика', lang: 'ru', expect: ['4', '4.1'] },
  { q: 'транспорт', lang: 'ru', expect: ['4', '4.1'], bodies: ['kz-transport', 'ru-transport'] },
  // ---- Russian: bodies by abbreviation, short and full name
  { q: 'Минтранс', lang: 'ru', expect: [], bodies: ['kz-transport', 'ru-transport'], byBody: true },
  {
    q: 'Министерство транспорта',
    lang: 'ru',
    expect: [],
    bodies: ['kz-transport', 'ru-transport'],
    byBody: true,
  },
  { q: 'КТЖ', lang: 'ru', expect: [], bodies: ['kz-ktz'], byBody: true },
  { q: 'РЖД', lang: 'ru', expect: ['4.3.RU1'], bodies: ['ru-rzd'], byBody: true },
  { q: 'Минэнерго', lang: 'ru', expect: [], bodies: ['kz-energy', 'ru-energy'], byBody: true },
  { q: 'Росатом', lang: 'ru', expect: [], bodies: ['ru-rosatom'], byBody: true },
  { q: 'ФСБ', lang: 'ru', expect: [], bodies: ['ru-fsb'], byBody: true },
  { q: 'КНБ', lang: 'ru', expect: [], bodies: ['kz-knb'], byBody: true },
  { q: 'Комитет национальной безопасности', lang: 'ru', expect: [], bodies: ['kz-knb'], byBody: true },
  { q: 'Севморпуть', lang: 'ru', expect: NSR },
  { q: 'Северный морской путь', lang: 'ru', expect: NSR },
  // ---- codes
  { q: '4.3.1', lang: 'ru', expect: ['4.3.1'] },
  { q: '4.3', lang: 'ru', expect: RAIL },
  { q: '1.4', lang: 'ru', expect: ['1.4', '1.4.1', '1.4.RU1'] },
  { q: '2.3.1', lang: 'ru', expect: ['2.3.1'], also: ['2.3.2'] },
  // ---- Kazakh
  { q: 'темір жол', lang: 'kk', expect: ['4.3'], also: RAIL, bodies: ['kz-ktz', 'ru-rzd'] },
  { q: 'темір жолдары', lang: 'kk', expect: ['4.3'], also: RAIL, bodies: ['kz-ktz', 'ru-rzd'] },
  {
    q: 'ынтымақтастық',
    lang: 'kk',
    expect: ['1', '1.4', '3', '8'],
    also: ['1.4.1', '8.2.2', '9.1.3', '2.2', '2.2.1'],
  },
  {
    q: 'ынтымақтастығы',
    lang: 'kk',
    expect: ['1', '1.4', '3', '8'],
    also: ['1.4.1', '8.2.2', '9.1.3', '2.2', '2.2.1'],
  },
  {
    q: 'сауда',
    lang: 'kk',
    expect: ['2', '2.1'],
    also: ['2.1.1', '5.1.2'],
    bodies: ['kz-trade', 'ru-industry'],
  },
  { q: 'кеден', lang: 'kk', expect: ['2.3'], also: ['2.3.1', '2.3.2'], bodies: ['ru-customs'] },
  {
    q: 'атом энергиясы',
    lang: 'kk',
    expect: ['3.2'],
    also: ['3.2.1', '3.2.2'],
    bodies: ['kz-atom', 'ru-rosatom'],
  },
  { q: 'көлік', lang: 'kk', expect: ['4', '4.1'], bodies: ['kz-transport', 'ru-transport'] },
  { q: 'Солтүстік теңіз жолы', lang: 'kk', expect: ['4.2'], also: NSR },
  {
    q: 'цифрлық',
    lang: 'kk',
    expect: ['5.1', '5.2'],
    also: ['5', '5.1.1', '5.1.2', '5.2.1', '5.2.2'],
    bodies: ['kz-digital', 'ru-digital'],
  },
  { q: 'су ресурстары', lang: 'kk', expect: ['6'], also: ['6.1', '6.1.1'], bodies: ['kz-water', 'ru-water'] },
  { q: 'өзендер', lang: 'kk', expect: ['6.1'], also: ['6.1.1', '6.1.2', '6.1.3'] },
  {
    q: 'білім',
    lang: 'kk',
    expect: ['7', '7.1'],
    also: ['7.1.1', '7.1.2', '7.1.3'],
    bodies: ['kz-science', 'ru-science'],
  },
  { q: 'ғылыми зерттеулер', lang: 'kk', expect: ['7.2'], also: ['7.2.1', '7.2.2'] },
  {
    q: 'мәдениет',
    lang: 'kk',
    expect: ['7', '7.3'],
    also: ['7.3.1', '7.3.2', '7.3.3'],
    bodies: ['kz-culture', 'ru-culture'],
  },
  { q: 'инвестициялық', lang: 'kk', expect: ['8', '8.2'], also: INVEST },
  { q: 'мониторингтеу', lang: 'kk', expect: ['9', '9.2'], also: ['9.2.1', '4.1.3'] },
  { q: 'киберқатерлер', lang: 'kk', expect: ['1.3'], also: ['1.3.1', '1.3.2'] },
  { q: 'қылмыс', lang: 'kk', expect: ['1.2'], also: ['1.2.1', '1.2.2'] },
  { q: 'қауіпсіздік', lang: 'kk', expect: ['1'], also: ['3.2.1'], bodies: ['kz-knb', 'ru-fsb'] },
  { q: 'кепілдіктер', lang: 'kk', expect: ['8.1'], also: ['8.1.2'] },
  { q: 'ҚТЖ', lang: 'kk', expect: [], bodies: ['kz-ktz'], byBody: true },
  { q: 'Көлік министрлігі', lang: 'kk', expect: [], bodies: ['kz-transport', 'ru-transport'], byBody: true },
  { q: 'Қазақстан темір жолы', lang: 'kk', expect: [], bodies: ['kz-ktz'], byBody: true },
  // ---- English
  { q: 'railway', lang: 'en', expect: ['4.3', '4.3.1', '4.3.2'], also: RAIL, bodies: ['ru-rzd'] },
  { q: 'Northern Sea Route', lang: 'en', expect: NSR },
  { q: 'customs', lang: 'en', expect: ['2.3', '2.3.2'], bodies: ['ru-customs'] },
  {
    q: 'investment',
    lang: 'en',
    expect: ['8', '8.1.1', '8.1.2', '8.2', '8.2.1', '8.2.2', '4.3.RU1'],
    also: INVEST,
  },
  { q: 'Rosatom', lang: 'en', expect: [], bodies: ['ru-rosatom'], byBody: true },
  { q: 'climate change', lang: 'en', expect: ['6.2.2'] },
  {
    q: 'Ministry of Transport',
    lang: 'en',
    expect: [],
    bodies: ['kz-transport', 'ru-transport'],
    byBody: true,
  },
];
