import { afterAll, describe, expect, it } from 'vitest';
import en from './en';
import i18n, { formatDate, formatDateTime, formatNumber, formatPercent, setLanguage } from './index';
import kk from './kk';
import ru from './ru';

/** Every leaf key, with plural suffixes folded so that `x_one`/`x_few` count as `x`. */
function keys(obj: object, prefix = ''): Set<string> {
  const out = new Set<string>();
  for (const [k, v] of Object.entries(obj)) {
    const path = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === 'object') for (const sub of keys(v, path)) out.add(sub);
    else out.add(path.replace(/_(one|few|many|other|zero|two)$/, ''));
  }
  return out;
}

afterAll(() => setLanguage('ru'));

describe('translations', () => {
  it('give Kazakh and English every key of Russian, and nothing more', () => {
    const reference = [...keys(ru)].sort();
    expect([...keys(kk)].sort()).toEqual(reference);
    expect([...keys(en)].sort()).toEqual(reference);
  });

  it('keep the interpolation variables of each Russian string', () => {
    const vars = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    const walk = (r: Record<string, unknown>, other: Record<string, unknown>, path: string) => {
      for (const [k, v] of Object.entries(r)) {
        const o = other[k] ?? other[k.replace(/_(few|many)$/, '_other')];
        if (typeof v === 'string') expect(vars(String(o)), `${path}${k}`).toEqual(vars(v));
        else walk(v as Record<string, unknown>, o as Record<string, unknown>, `${path}${k}.`);
      }
    };
    walk(ru, kk, 'kk:');
    walk(ru, en, 'en:');
  });
});

describe('plural forms', () => {
  it('decline Russian nouns by number', async () => {
    await setLanguage('ru');
    expect([1, 3, 5, 11, 21, 22, 25].map((count) => i18n.t('counts.measures', { count }))).toEqual([
      '1 мероприятие',
      '3 мероприятия',
      '5 мероприятий',
      '11 мероприятий',
      '21 мероприятие',
      '22 мероприятия',
      '25 мероприятий',
    ]);
    expect(i18n.t('counts.overdueDays', { count: 2 })).toBe('просрочено на 2 дня');
  });

  it('use one and other in English', async () => {
    await setLanguage('en');
    expect([1, 3, 5].map((count) => i18n.t('counts.measures', { count }))).toEqual([
      '1 measure',
      '3 measures',
      '5 measures',
    ]);
  });

  it('keep the noun singular after a numeral in Kazakh', async () => {
    await setLanguage('kk');
    expect([1, 3, 5].map((count) => i18n.t('counts.measures', { count }))).toEqual([
      '1 іс-шара',
      '3 іс-шара',
      '5 іс-шара',
    ]);
    expect(document.documentElement.lang).toBe('kk');
  });
});

describe('formatting', () => {
  it('writes calendar dates for each language without shifting the day', () => {
    expect(formatDate('2025-11-12', 'ru', 'short')).toBe('12.11.2025');
    expect(formatDate('2025-11-12', 'ru', 'long')).toBe('12 ноября 2025 г.');
    expect(formatDate('2025-11-12', 'en', 'medium')).toBe('12 Nov 2025');
    expect(formatDate('2025-11-12', 'kk', 'long')).toBe('2025 ж. 12 қараша');
    expect(formatDate('2025-11-12', 'kk', 'short')).toBe('12.11.2025');
    expect(formatDate(null, 'ru')).toBe('');
  });

  it('writes timestamps with the time', () => {
    const s = formatDateTime('2025-11-12T09:05:00Z', 'kk');
    expect(s).toMatch(/^2025 ж\. 1[23] қар\., \d\d:05$/);
  });

  it('groups digits and marks decimals per language', () => {
    expect(formatNumber(1234.5, 'ru').replace(/\s/g, ' ')).toBe('1 234,5');
    expect(formatNumber(1234.5, 'kk').replace(/\s/g, ' ')).toBe('1 234,5');
    expect(formatNumber(1234.5, 'en')).toBe('1,234.5');
    expect(formatPercent(29.9, 'ru').replace(/\s/g, ' ')).toBe('29,9 %');
    expect(formatPercent(29.9, 'en')).toBe('29.9%');
  });
});
