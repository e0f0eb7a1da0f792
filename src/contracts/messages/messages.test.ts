import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Password } from '../accounts';
import { i18nText, IsoDate, LIMITS } from '../common';
import { LOCALES } from '../enums';
import { en, type MessageKey } from './en';
import {
  CATALOGUES,
  messageOfEnglish,
  msg,
  negotiateLocale,
  placeholders,
  render,
  translateEnglish,
} from './index';
import { latinLeftIn } from './latin';
import { issueMessage } from './zod';

const KEYS = Object.keys(en) as MessageKey[];

/** A plausible value for each placeholder: a figure where the template counts, a name otherwise. */
function sample(key: MessageKey): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const name of placeholders(en[key])) out[name] = /plural/.test(en[key]) ? 3 : `«${name}»`;
  return out;
}

describe('the message catalogue', () => {
  it('has every key in ru, kk and en with the same placeholders', () => {
    for (const locale of LOCALES) {
      const cat = CATALOGUES[locale];
      expect(Object.keys(cat).sort(), locale).toEqual([...KEYS].sort());
      for (const key of KEYS)
        expect(placeholders(cat[key]), `${locale} ${key}`).toEqual(placeholders(en[key]));
    }
  });

  it('says every message of ru and kk in that language, not in Latin letters', () => {
    for (const locale of ['ru', 'kk'] as const) {
      for (const key of KEYS) {
        const text = render(locale, msg(key, sample(key)));
        expect(latinLeftIn(text), `${locale} ${key}: ${text}`).toEqual([]);
        if (!/^[{}\w\s:.,]*$/.test(CATALOGUES[locale][key]))
          expect(text, `${locale} ${key}`).toMatch(/[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]/);
      }
    }
  });

  it('keeps the figures, with the plural forms of each language', () => {
    const tooLong = (locale: 'ru' | 'kk' | 'en', max: number) =>
      render(locale, msg('string.tooLong', { max }));
    expect(tooLong('en', 500)).toBe('must be at most 500 characters');
    expect(tooLong('en', 1)).toBe('must be at most 1 character');
    expect(tooLong('ru', 500)).toBe('не длиннее 500 символов');
    expect(tooLong('ru', 21)).toBe('не длиннее 21 символа');
    expect(tooLong('ru', 20_000)).toBe('не длиннее 20\u00a0000 символов');
    expect(tooLong('kk', 500)).toBe('ең көбі 500 таңба болуы керек');
    const refused = (locale: 'ru' | 'en', count: number) =>
      render(locale, msg('bulk.refused', { count, first: msg('measure.completed100') }));
    expect(refused('en', 1)).toBe(
      'One change was refused; nothing was saved. a completed measure is 100% done',
    );
    expect(refused('en', 4)).toMatch(/^4 changes were refused; nothing was saved\./);
    expect(refused('ru', 1)).toMatch(/^Одно изменение отклонено; ничего не сохранено\./);
    expect(refused('ru', 4)).toMatch(/^4 изменения отклонены;/);
    expect(refused('ru', 5)).toMatch(/^5 изменений отклонено;/);
    expect(render('kk', msg('bulk.refused', { count: 4, first: msg('measure.cycle') }))).toBe(
      '4 өзгеріс қабылданбады; ештеңе сақталған жоқ. тұйық тәуелділік туғызады',
    );
  });

  it('picks the language from Accept-Language, Russian by default', () => {
    expect(negotiateLocale(undefined)).toBe('ru');
    expect(negotiateLocale('de-DE,de;q=0.9')).toBe('ru');
    expect(negotiateLocale('kk-KZ,ru;q=0.8')).toBe('kk');
    expect(negotiateLocale('de;q=1, en;q=0.5, ru;q=0.4')).toBe('en');
    expect(negotiateLocale('en;q=0, kk;q=0.1')).toBe('kk');
    expect(negotiateLocale('kz')).toBe('kk');
  });

  it('translates the English texts older code writes, figures and all', () => {
    expect(messageOfEnglish('a completed measure is 100% done')).toEqual({ key: 'measure.completed100' });
    expect(messageOfEnglish('must be 2.N under the parent 2')).toEqual({
      key: 'code.underParent',
      params: { example: '2.N', parent: '2' },
    });
    expect(messageOfEnglish('You may not change title, status of measure 1.2')).toEqual({
      key: 'forbidden.measureFields',
      params: { fields: 'title, status', code: '1.2' },
    });
    expect(translateEnglish('ru', 'progress: a completed measure is 100% done')).toBe(
      'progress: у выполненного мероприятия прогресс должен быть 100 %',
    );
    expect(translateEnglish('ru', 'something nobody wrote a key for')).toBe(
      'something nobody wrote a key for',
    );
  });

  it('names the rule of each zod issue, with its figures', () => {
    const rule = (schema: z.ZodType, value: unknown) => {
      const r = schema.safeParse(value);
      if (r.success) throw new Error('expected a failure');
      return issueMessage(r.error.issues[0]);
    };
    expect(rule(i18nText(), { ru: 'x'.repeat(501) })).toEqual(
      msg('string.tooLong', { max: LIMITS.shortText }),
    );
    expect(rule(i18nText(), { ru: '' })).toEqual(msg('field.required'));
    expect(rule(i18nText(), {})).toEqual(msg('field.required'));
    expect(rule(i18nText(), { ru: 'a\u0000b' })).toEqual(msg('text.control'));
    expect(rule(i18nText(), { ru: 'a\ud800' })).toEqual(msg('text.unicode'));
    expect(rule(Password, 'short')).toEqual(msg('string.tooShort', { min: LIMITS.password.min }));
    expect(rule(IsoDate, '15.06.2026')).toEqual(msg('date.format'));
    expect(rule(IsoDate, '2026-02-30')).toEqual(msg('date.real'));
    expect(rule(IsoDate, '1800-01-01')).toEqual(msg('date.range', { min: '1900-01-01', max: '2200-12-31' }));
    expect(rule(z.email(), 'x')).toEqual(msg('string.email'));
    expect(rule(z.number().int().max(10), 11)).toEqual(msg('number.max', { max: 10 }));
    expect(rule(z.number().int(), 1.5)).toEqual(msg('number.int'));
    expect(rule(z.enum(['a', 'b']), 'c')).toEqual(msg('value.oneOf', { values: '"a", "b"' }));
    expect(rule(z.array(z.string()).max(2), ['a', 'b', 'c'])).toEqual(msg('array.tooMany', { max: 2 }));
    expect(rule(z.object({ n: z.number() }), { n: 'x' })).toEqual(
      msg('field.type', { expected: msg('type.number') }),
    );
  });
});
