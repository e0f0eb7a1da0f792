/** The report's catalogue: the same keys and placeholders in ru, kk and en, and no English left in ru/kk. */
import { describe, expect, it } from 'vitest';
import { fieldLabel, longDate, REPORT_TEXTS, rt, shortDate } from './text';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('report texts', () => {
  it('have the same keys and placeholders in every language', () => {
    const keys = Object.keys(REPORT_TEXTS.en).sort();
    for (const l of ['ru', 'kk'] as const) {
      expect(Object.keys(REPORT_TEXTS[l]).sort()).toEqual(keys);
      for (const k of keys) {
        const key = k as keyof typeof REPORT_TEXTS.en;
        expect(placeholders(REPORT_TEXTS[l][key]), `${l}.${k}`).toEqual(placeholders(REPORT_TEXTS.en[key]));
      }
    }
  });

  it('write no bare Latin words in Russian and Kazakh (names in «quotes»)', () => {
    for (const l of ['ru', 'kk'] as const)
      for (const [k, v] of Object.entries(REPORT_TEXTS[l])) {
        const bare = v.replace(/«[^»]*»/g, '').replace(/\{\w+\}/g, '');
        expect(/[A-Za-z]{2,}/.test(bare), `${l}.${k}: ${v}`).toBe(false);
      }
  });

  it('fill placeholders and format dates per language', () => {
    expect(rt('ru', 'page', { page: 3, pages: 12 })).toBe('Стр. 3 из 12');
    expect(rt('kk', 'page', { page: 3, pages: 12 })).toBe('12 беттің 3-беті');
    expect(rt('en', 'page', { page: 3, pages: 12 })).toBe('Page 3 of 12');
    expect(shortDate('ru', '2026-12-31')).toBe('31.12.2026');
    expect(shortDate('en', '2026-12-31')).toBe('31/12/2026');
    expect(longDate('ru', '2025-11-12')).toBe('12 ноября 2025 г.');
    expect(longDate('en', '2025-11-12')).toBe('12 November 2025');
    expect(fieldLabel('ru', 'dueDate')).toBe('срок');
    expect(fieldLabel('kk', 'somethingNew')).toBe('басқа мәліметтер');
  });
});
