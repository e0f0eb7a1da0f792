/**
 * Source: Декларация о евразийской экономической интеграции (Москва, 18 ноября 2011 года),
 * signed by the Presidents of Belarus, Kazakhstan and Russia; published on kremlin.ru and in the
 * EAEU legal base (https://docs.eaeunion.org). An abridged excerpt, typed in for this fixture
 * from the published text as the author knows it: the paragraphs are shortened and some are
 * left out, so the wording is NOT the official one; the layout (a preamble ending in
 * «заявляем:», unnumbered operative paragraphs, signatures) is the document's.
 * Licence: an official document, not subject to copyright (Civil Code of the Russian Federation,
 * art. 1259 p. 6).
 * Layout: an unnumbered joint statement of heads of state.
 */
export const text = `ДЕКЛАРАЦИЯ
О ЕВРАЗИЙСКОЙ ЭКОНОМИЧЕСКОЙ ИНТЕГРАЦИИ

Мы, Президент Республики Беларусь, Президент Республики Казахстан и Президент Российской Федерации,

исходя из стремления к дальнейшему развитию интеграционных процессов, опираясь на опыт Таможенного союза и Единого экономического пространства, руководствуясь целями повышения благосостояния и качества жизни граждан наших государств,

заявляем:

Переход к следующему этапу интеграционного строительства – Единому экономическому пространству – основан на нормах и принципах Всемирной торговой организации и открыт для присоединения других государств.

Стороны обеспечат эффективное функционирование общего рынка товаров, услуг, капитала и трудовых ресурсов и будут стремиться к созданию Евразийского экономического союза к 2015 году.

Стороны будут проводить согласованную политику в сферах энергетики и транспорта, развивать транспортную инфраструктуру и единые энергетические рынки.

Стороны будут содействовать развитию сотрудничества в инновационной сфере, науке и образовании, поддерживать совместные инвестиционные проекты.

Стороны будут развивать взаимодействие во внешнеполитической сфере, в том числе в рамках международных организаций, по вопросам, представляющим взаимный интерес.

Совершено в городе Москве 18 ноября 2011 года в трех экземплярах на русском языке.

Президент Республики Беларусь

Президент Республики Казахстан

Президент Российской Федерации
`;

export const expected = [
  { number: '1', starts: 'Переход к следующему этапу', spheres: ['trade', 'international'] },
  { number: '2', starts: 'Стороны обеспечат эффективное', spheres: ['trade'] },
  { number: '3', starts: 'Стороны будут проводить согласованную', spheres: ['energy', 'transport'] },
  { number: '4', starts: 'Стороны будут содействовать развитию', spheres: ['humanitarian', 'investment'] },
  { number: '5', starts: 'Стороны будут развивать взаимодействие', spheres: ['international'] },
];
export const skipped = { preamble: 4, signature: 4 };
