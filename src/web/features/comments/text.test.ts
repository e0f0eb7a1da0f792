import { describe, expect, it } from 'vitest';
import { insertMention, keptMentions, linkParts, mentionQueryAt } from './text';

describe('mentionQueryAt', () => {
  it.each([
    ['Спросим @Анд', 12, { start: 8, query: 'Анд' }],
    ['@', 1, { start: 0, query: '' }],
    ['почта a@b', 9, null],
    ['@Андрей готово', 14, null],
  ])('%s', (text, caret, expected) => expect(mentionQueryAt(text, caret)).toEqual(expected));
});

describe('insertMention and keptMentions', () => {
  it('inserts the chosen name and keeps only mentions still written', () => {
    const r = insertMention('Прошу @Анд посмотреть', 6, 10, 'Андрей Волков');
    expect(r).toEqual({ text: 'Прошу @Андрей Волков  посмотреть', caret: 21 });
    const people = [
      { id: '1', name: 'Андрей Волков' },
      { id: '2', name: 'Ольга Смирнова' },
      { id: '1', name: 'Андрей Волков' },
    ];
    expect(keptMentions(r.text, people)).toEqual([{ id: '1', name: 'Андрей Волков' }]);
  });
});

describe('linkParts', () => {
  it('finds http, https and www links without the trailing punctuation', () => {
    expect(linkParts('См. https://gov.kz/a?b=1, и www.economy.gov.ru.')).toEqual([
      { text: 'См. ' },
      { text: 'https://gov.kz/a?b=1', href: 'https://gov.kz/a?b=1' },
      { text: ', и ' },
      { text: 'www.economy.gov.ru', href: 'https://www.economy.gov.ru' },
      { text: '.' },
    ]);
    expect(linkParts('без ссылок')).toEqual([{ text: 'без ссылок' }]);
    expect(linkParts('javascript:alert(1)')).toEqual([{ text: 'javascript:alert(1)' }]);
  });
});
