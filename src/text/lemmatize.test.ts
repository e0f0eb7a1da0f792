import { beforeAll, describe, expect, it, vi } from 'vitest';
import { lemmatizeForIndex, lemmatizeForQuery, matchesQuery } from './index.js';
import { initMorphology, lemmas, tokenize } from './lemmatize.js';

const lexemeSet = (text: string): Set<string> => new Set(lemmatizeForIndex(text).split(' ').filter(Boolean));

describe('initMorphology', () => {
  it('makes lemmatisation throw a clear error until it has been awaited', async () => {
    vi.resetModules();
    const fresh = await import('./index.js');
    expect(() => fresh.lemmas('договор')).toThrow(/initMorphology/);
    expect(() => fresh.lemmatizeForIndex('договор')).toThrow(/initMorphology/);
    expect(() => fresh.lemmatizeForQuery('договор')).toThrow(/initMorphology/);
    await fresh.initMorphology();
    expect(fresh.lemmas('договоры')).toEqual(['договор']);
  });

  it('is idempotent: concurrent and repeated calls share one load', async () => {
    const a = initMorphology();
    const b = initMorphology();
    expect(a).toBe(b);
    await Promise.all([a, b]);
    await expect(initMorphology()).resolves.toBeUndefined();
  });
});

describe('text module (after init)', () => {
  beforeAll(async () => {
    await initMorphology();
  });

  describe('tokenize', () => {
    it('lowercases, normalises ё and splits on everything but letters and digits', () => {
      expect(tokenize('Ёлка, ПОДПИСАНИЕ-соглашения!')).toEqual(['елка', 'подписание', 'соглашения']);
      expect(tokenize('торгово-экономическому')).toEqual(['торгово', 'экономическому']);
    });

    it('keeps Kazakh letters, Latin and digits', () => {
      expect(tokenize('ӘҒҚҢӨҰҮҺІ әғқңөұүһі')).toEqual(['әғқңөұүһі', 'әғқңөұүһі']);
      expect(tokenize('Қазақстан Республикасы, ынтымақтастық')).toEqual([
        'қазақстан',
        'республикасы',
        'ынтымақтастық',
      ]);
      expect(tokenize('The Agreement (EU)')).toEqual(['the', 'agreement', 'eu']);
    });

    it('keeps dotted codes and dates whole and splits digits from letters', () => {
      // A code is one token, so «4.3.1» never matches a text that has 4, 1 and 3 elsewhere.
      expect(tokenize('п. 2.3.1')).toEqual(['п', '2.3.1']);
      expect(tokenize('от 12.05.2024г. №5')).toEqual(['от', '12.05.2024', 'г', '5']);
      expect(tokenize('пункты 4.3.1, 4.1.3.')).toEqual(['пункты', '4.3.1', '4.1.3']);
    });

    it('drops stress marks and empty tokens', () => {
      expect(tokenize('догово́р')).toEqual(['договор']);
      expect(tokenize('')).toEqual([]);
      expect(tokenize(' — ,.;! ')).toEqual([]);
    });
  });

  describe('lemmas', () => {
    it('maps inflected forms to a shared lemma', () => {
      expect(lemmas('декларации')).toContain('декларация');
      expect(lemmas('декларацию')).toContain('декларация');
      expect(lemmas('подписали')).toEqual(['подписать']);
      expect(lemmas('подписал')).toEqual(['подписать']);
    });

    it('keeps подписание (noun) and подписать (verb) apart, as OpenCorpora does', () => {
      // Different lexemes in the dictionary; we do not fake derivational links.
      expect(lemmas('подписание')).toEqual(['подписание']);
      expect(lemmas('подписание')).not.toContain('подписать');
    });

    it('keeps plausible homonyms on the index side, only likely ones on the query side', () => {
      // «стали» is mostly стать (≈98%) but also сталь (steel): a document must be findable by both.
      expect(lemmas('стали')).toEqual(['стать', 'сталь']);
      expect(lemmas('стали', 'query')).toEqual(['стать']);
      expect(lemmas('дорог')).toEqual(['дорога', 'дорогой']);
      expect(lemmas('дорога', 'query')).toEqual(['дорога']);
    });

    it('returns at most 5 lemmas made only of letters/digits, without ё', () => {
      for (const word of ['стали', 'т', 'торгово', 'принятых', 'еаэс', 'сотрудн', 'объёма']) {
        const result = lemmas(word);
        expect(result.length).toBeGreaterThanOrEqual(1);
        expect(result.length).toBeLessThanOrEqual(5);
        for (const lemma of result) expect(lemma).toMatch(/^[\p{L}\p{Nd}]+$/u);
        expect(result.join(' ')).not.toContain('ё');
      }
      expect(lemmas('объёма')).toEqual(['объем']);
    });

    it('recognises capitalised proper names written in lowercase', () => {
      expect(lemmas('Москве')).toEqual(['москва']);
      expect(lemmas('узбекистаном')).toEqual(['узбекистан']);
    });

    it('returns Kazakh, English, numbers and single letters as lowercase themselves', () => {
      expect(lemmas('Қазақстан')).toEqual(['қазақстан']);
      expect(lemmas('ынтымақтастық')).toEqual(['ынтымақтастық']);
      expect(lemmas('Agreement')).toEqual(['agreement']);
      expect(lemmas('2024')).toEqual(['2024']);
      expect(lemmas('Т')).toEqual(['т']);
    });

    it('returns a fresh array each time (callers cannot corrupt the cache)', () => {
      const first = lemmas('дорог');
      first.push('мусор');
      expect(lemmas('дорог')).toEqual(['дорога', 'дорогой']);
    });
  });

  describe('lemmatizeForIndex', () => {
    it('gives «железных дорог» and «железная дорога» the same lemma set', () => {
      const plural = lexemeSet('железных дорог');
      const singular = lexemeSet('Железная дорога');
      expect(plural).toEqual(singular);
      for (const lexeme of ['железный', 'дорога', 'дорогой']) expect(plural).toContain(lexeme);
    });

    it('replaces every word by all its lemmas and drops stop words', () => {
      const lexemes = lexemeSet(
        'Соглашение о сотрудничестве в области мирного использования атомной энергии',
      );
      for (const lemma of 'соглашение сотрудничество область мирный использование атомный энергия'.split(' '))
        expect(lexemes).toContain(lemma);
      expect(lexemes).not.toContain('о');
      expect(lexemes).not.toContain('в');
      const steel = lexemeSet('Поставки стали и проката');
      for (const lemma of ['поставка', 'стать', 'сталь', 'прокат']) expect(steel).toContain(lemma);
      expect(steel).not.toContain('и');
    });

    it('indexes Kazakh and English words with their stems', () => {
      const kazakh = lexemeSet('Қазақстан және Өзбекстан арасындағы ынтымақтастығы туралы');
      expect(kazakh).toEqual(new Set(['қазақстан', 'өзбекстан', 'ынтымақтастығы', 'ынтымақтас']));
      expect(lemmatizeForIndex('The Agreements of Cooperation')).toBe('agreements agreement cooperation');
    });

    it('returns an empty string for text without words', () => {
      expect(lemmatizeForIndex('')).toBe('');
      expect(lemmatizeForIndex('и в на, о!')).toBe('');
    });
  });

  describe('lemmatizeForQuery', () => {
    it('ANDs words, ORs lemmas and family keys, and makes the last word a prefix term', () => {
      expect(lemmatizeForQuery('подписание соглашения')).toBe(
        "('подписание' | 'подпис') & ('соглашение':* | 'соглаш' | 'соглашения':*)",
      );
      expect(lemmatizeForQuery('Декларации')).toBe("('декларация':* | 'декларац' | 'декларации':*)");
    });

    it('lets a compound also match its parts together', () => {
      expect(lemmatizeForQuery('железнодорожный')).toBe(
        "('железнодорожный':* | 'железнодорож' | ('железный' & 'дорога'))",
      );
    });

    it('keeps the typed token as a prefix so unfinished words work', () => {
      expect(lemmatizeForQuery('подпис')).toBe("'подпис':*");
      // «дорог:*» already covers дорога, дорогой and the family key, so they are not repeated.
      expect(lemmatizeForQuery('железных дорог')).toBe("('железный' | 'желез') & 'дорог':*");
    });

    it('drops stop words and handles Kazakh, English and numbers', () => {
      expect(lemmatizeForQuery('сотрудничество в области')).toBe(
        "('сотрудничество' | 'сотруднич') & ('область':* | 'области':*)",
      );
      expect(lemmatizeForQuery('Қазақстан ынтымақтастығы')).toBe(
        "'қазақстан' & ('ынтымақтастығы':* | 'ынтымақтас')",
      );
      expect(lemmatizeForQuery('Double TAXES')).toBe("'double' & ('taxes':* | 'tax')");
      // Codes and numbers are exact: '4':* would match the lexeme '4.3.1'.
      expect(lemmatizeForQuery('п. 2.3.1')).toBe("'п' & '2.3.1'");
      expect(lemmatizeForQuery('4')).toBe("'4'");
    });

    it('single-quotes every lexeme', () => {
      const query = lemmatizeForQuery('Стороны подписали соглашение о ратификации 2024 года')!;
      const lexemes = query.replace(/[()]/g, '').split(/ [&|] /);
      expect(lexemes.length).toBeGreaterThan(0);
      for (const lexeme of lexemes) expect(lexeme).toMatch(/^'[\p{L}\p{Nd}]+'(:\*)?$/u);
    });

    it('returns null when nothing searchable remains', () => {
      expect(lemmatizeForQuery('')).toBeNull();
      expect(lemmatizeForQuery('  ...  ')).toBeNull();
      expect(lemmatizeForQuery('и в на по')).toBeNull();
    });
  });

  describe('matchesQuery (the specification of the SQL behaviour)', () => {
    it('matches across inflections', () => {
      expect(matchesQuery('Декларация о намерениях', 'декларации')).toBe(true);
      expect(matchesQuery('О подписании декларации', 'декларацию')).toBe(true);
      expect(matchesQuery('Строительство железных дорог', 'железная дорога')).toBe(true);
      expect(matchesQuery('Железная дорога Алматы — Ташкент', 'железных дорог')).toBe(true);
      expect(matchesQuery('Стороны подписали протокол', 'подписал протокол')).toBe(true);
      expect(matchesQuery('Поставки стали и проката', 'сталь')).toBe(true);
    });

    it('matches a noun with its verb and adjective through the family key', () => {
      expect(matchesQuery('Подписание соглашения', 'подписали')).toBe(true);
      expect(matchesQuery('Подписать протокол', 'подписание')).toBe(true);
      expect(matchesQuery('Подписание соглашения', 'подпис')).toBe(true);
      expect(matchesQuery('Модернизация железнодорожной сети', 'железная дорога')).toBe(true);
      expect(matchesQuery('Таможенное взаимодействие', 'таможня')).toBe(true);
      // A signature is not a signing: подпись keeps its own family.
      expect(matchesQuery('Признание электронной цифровой подписи', 'подписание')).toBe(false);
    });

    it('does not match a code by its digits', () => {
      expect(matchesQuery('Пункт 4.1.3 плана', '4.3.1')).toBe(false);
      expect(matchesQuery('Пункт 4.3.1 плана', '4.3.1')).toBe(true);
    });

    it('requires every query word, and treats only the last one as a prefix', () => {
      expect(matchesQuery('Железная дорога', 'морской порт')).toBe(false);
      expect(matchesQuery('Железная дорога', 'железная порт')).toBe(false);
      expect(matchesQuery('Соглашение о сотрудничестве', 'соглашение сотруд')).toBe(true);
      expect(matchesQuery('Соглашение о сотрудничестве', 'сотруд соглашение')).toBe(false);
    });

    it('works for Kazakh, English and numbers', () => {
      const kazakh =
        'Қазақстан Республикасы мен Өзбекстан Республикасы арасындағы ынтымақтастық туралы келісім';
      expect(matchesQuery(kazakh, 'ынтымақтастық')).toBe(true);
      expect(matchesQuery(kazakh, 'ҚАЗАҚСТАН ынтымақ')).toBe(true);
      const english = 'Agreement on the Avoidance of Double Taxation';
      expect(matchesQuery(english, 'double taxation')).toBe(true);
      expect(matchesQuery(english, 'double tax')).toBe(true);
      expect(matchesQuery(english, 'tax double')).toBe(false);
      expect(matchesQuery('Пункт 2.3.1 плана на 2024 год', '2.3.1')).toBe(true);
      expect(matchesQuery('Пункт 2.3.1 плана на 2024 год', '2024 года')).toBe(true);
    });

    it('matches nothing for a query without searchable words', () => {
      expect(matchesQuery('Соглашение о сотрудничестве', '')).toBe(false);
      expect(matchesQuery('Соглашение о сотрудничестве', 'о')).toBe(false);
    });
  });
});
