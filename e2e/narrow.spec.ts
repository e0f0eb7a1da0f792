/**
 * A 390 px phone in Russian and Kazakh: the agreement, measure (the longest title), roadmap
 * and profile pages fit the screen — breadcrumbs and titles wrap between words, nothing
 * scrolls sideways — and a screenshot of each is kept (narrow-<lang>-<page>.png).
 */
import type { Page } from '@playwright/test';
import type { Agreement, Measure } from '../src/contracts';
import {
  apiGet,
  defaultRoadmap,
  expect,
  kk,
  listMeasures,
  ru,
  settled,
  signIn,
  test,
  USERS,
} from './fixtures';

test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

/** The page's width and the elements that stick out of a 390 px screen (for the failure message). */
const overflow = (page: Page) =>
  page.evaluate(() => {
    const width = document.documentElement.scrollWidth;
    const fixed = (el: Element) => {
      for (let e: Element | null = el; e; e = e.parentElement)
        if (getComputedStyle(e).position === 'fixed') return true;
      return false;
    };
    // the outermost elements that stick out, each with its first words
    const wide = [...document.querySelectorAll<HTMLElement>('body *')]
      .filter((el) => el.getBoundingClientRect().right > 391 && !fixed(el))
      .filter((el) => !el.parentElement || el.parentElement.getBoundingClientRect().right <= 391)
      .slice(0, 6)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className} «${el.textContent?.slice(0, 40)}»`);
    return { width, wide };
  });

for (const [lang, words] of [
  ['ru', ru],
  ['kk', kk],
] as const) {
  test(`phone in ${lang}: agreement, measure, roadmap and profile pages fit 390 px`, async ({
    page,
  }, info) => {
    await signIn(page, USERS.admin);
    await page.request.patch('/api/v1/me', { data: { locale: lang } });
    try {
      const roadmap = await defaultRoadmap(page);
      const measures = await listMeasures(page, roadmap.id);
      const longest = measures.reduce((a, b) => (b.title.ru.length > a.title.ru.length ? b : a));
      const deepest = measures.filter((m) => m.parentId).at(-1) as Measure;
      const { data: agreements } = await apiGet<{ data: Agreement[] }>(page, '/agreements');

      const pages: [string, string][] = [
        ['agreement', `/agreements/${agreements[0].id}`],
        ['measure-long', `/measures/${longest.id}`],
        ['measure-child', `/measures/${deepest.id}`],
        ['roadmap', '/roadmap'],
        ['profile', '/profile'],
      ];
      for (const [name, path] of pages) {
        await page.goto(path);
        await expect(page.locator('html')).toHaveAttribute('lang', lang);
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        await settled(page);
        const shot = info.outputPath(`narrow-${lang}-${name}.png`);
        await page.screenshot({ path: shot });
        await info.attach(`${lang} ${name}`, { path: shot, contentType: 'image/png' });
        const o = await overflow(page);
        expect(
          o.width,
          `${path} in ${lang} is ${o.width} px wide; sticking out: ${o.wide.join(' | ')}`,
        ).toBeLessThanOrEqual(390);
      }
      // the long title wraps between words, not inside one
      await page.goto(`/measures/${longest.id}`);
      const h1 = page.getByRole('heading', { level: 1 });
      await expect(h1).toBeVisible();
      const style = await h1.evaluate((el) => {
        const s = getComputedStyle(el);
        return {
          wordBreak: s.wordBreak,
          hyphens: s.hyphens,
          lang: el.closest('[lang]')?.getAttribute('lang'),
        };
      });
      expect(style.wordBreak).not.toBe('break-all');
      expect(style.lang).toBeTruthy();
      expect(words.nav.roadmap).toBeTruthy();
    } finally {
      await page.request.patch('/api/v1/me', { data: { locale: 'ru' } });
    }
  });
}
