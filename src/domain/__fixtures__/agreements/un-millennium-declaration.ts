/**
 * Source: United Nations Millennium Declaration, General Assembly resolution 55/2 of
 * 8 September 2000 (A/RES/55/2), English text, https://www.un.org/millennium/declaration/ares552e.htm
 * — an excerpt: the opening, paragraphs 1–2 of section I, 8–9 of section II, 11 of section III,
 * 21–22 of section IV and 25 of section V. Typed in for this fixture; wording may differ slightly.
 * Licence: United Nations official documents may be reproduced freely (United Nations terms of
 * use, https://www.un.org/en/about-us/terms-of-use).
 * Layout: a numbered declaration in English, numbered across the document, under Roman-numbered
 * section titles.
 */
export const text = `United Nations Millennium Declaration

The General Assembly

Adopts the following Declaration:

I. Values and principles

1. We, heads of State and Government, have gathered at United Nations Headquarters in New York from 6 to 8 September 2000, at the dawn of a new millennium, to reaffirm our faith in the Organization and its Charter as indispensable foundations of a more peaceful, prosperous and just world.

2. We recognize that, in addition to our separate responsibilities to our individual societies, we have a collective responsibility to uphold the principles of human dignity, equality and equity at the global level. As leaders we have a duty therefore to all the world's people, especially the most vulnerable and, in particular, the children of the world, to whom the future belongs.

II. Peace, security and disarmament

8. We will spare no effort to free our peoples from the scourge of war, whether within or between States, which has claimed more than 5 million lives in the past decade. We will also seek to eliminate the dangers posed by weapons of mass destruction.

9. We resolve therefore to strengthen respect for the rule of law in international as in national affairs, to make the United Nations more effective in maintaining peace and security, and to take concerted action against international terrorism and against the world drug problem and transnational crime.

III. Development and poverty eradication

11. We will spare no effort to free our fellow men, women and children from the abject and dehumanizing conditions of extreme poverty, to which more than a billion of them are currently subjected. We are committed to making the right to development a reality for everyone and to freeing the entire human race from want.

IV. Protecting our common environment

21. We must spare no effort to free all of humanity, and above all our children and grandchildren, from the threat of living on a planet irredeemably spoilt by human activities, and whose resources would no longer be sufficient for their needs.

22. We reaffirm our support for the principles of sustainable development, including those set out in Agenda 21, agreed upon at the United Nations Conference on Environment and Development, and resolve to make every effort to ensure the entry into force of the Kyoto Protocol and to embark on the required reduction in emissions of greenhouse gases.

V. Human rights, democracy and good governance

25. We resolve therefore to strive for the full protection and promotion in all our countries of civil, political, economic, social and cultural rights for all, and to ensure the freedom of the media to perform their essential role and the right of the public to have access to information.
`;

export const expected = [
  { number: '1', starts: 'We, heads of State and Government', spheres: ['international'] },
  { number: '2', starts: 'We recognize that', spheres: ['humanitarian'] },
  { number: '8', starts: 'We will spare no effort to free our peoples', spheres: ['security'] },
  { number: '9', starts: 'We resolve therefore to strengthen', spheres: ['security', 'international'] },
  { number: '11', starts: 'We will spare no effort to free our fellow', spheres: ['humanitarian'] },
  { number: '21', starts: 'We must spare no effort', spheres: ['ecology'] },
  { number: '22', starts: 'We reaffirm our support', spheres: ['ecology'] },
  { number: '25', starts: 'We resolve therefore to strive', spheres: ['humanitarian'] },
];
export const skipped = { preamble: 3, signature: 0 };
