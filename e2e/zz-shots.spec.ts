import type { Report } from '../src/contracts';
import { apiGet, expect, settled, signIn, test, USERS } from './fixtures';

for (const width of [1280, 390]) {
  test(`shots ${width}`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    await signIn(page, USERS.coordinatorKz);
    const shot = async (name: string) => {
      await settled(page);
      await page.waitForTimeout(300);
      const sw = await page.evaluate(() => document.documentElement.scrollWidth);
      console.log(name, width, 'scrollWidth', sw);
      await page.screenshot({ path: `/tmp/shots/${name}-${width}.png`, fullPage: true });
    };
    await page.goto('/reports');
    await shot('mine');
    await page.goto('/reports/approval');
    await shot('queue');
    const q = await apiGet<{ data: Report[] }>(page, '/reports', { state: 'returned', mine: 'true', limit: 1 });
    await page.goto(`/reports/${q.data[0].id}`);
    await shot('report');
    await page.goto(`/measures/${q.data[0].measureId}`);
    await page.getByRole('region', { name: 'Отчёты' }).scrollIntoViewIfNeeded();
    await shot('measure');
    await page.goto('/');
    await shot('dashboard');
    expect(true).toBe(true);
  });
}
