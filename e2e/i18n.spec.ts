/**
 * The language switch: the page turns Kazakh or English at once, the choice is saved for the
 * user (not only in this browser) and survives a reload.
 */
import type { User } from '../src/contracts';
import { apiGet, en, expect, kk, ru, signIn, test, USERS } from './fixtures';

test('switch to Kazakh and to English; the choice persists per user', async ({ page }) => {
  await signIn(page, USERS.viewer);
  try {
    await page.goto('/roadmap');
    const nav = page.getByRole('navigation', { name: ru.nav.main });
    await expect(nav.getByRole('link', { name: ru.nav.roadmap })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'ru');

    // Kazakh
    const saved = page.waitForResponse(
      (r) => r.url().endsWith('/api/v1/me') && r.request().method() === 'PATCH',
    );
    await page.getByLabel(ru.nav.language).selectOption('kk');
    expect((await saved).status()).toBe(200);
    const kkNav = page.getByRole('navigation', { name: kk.nav.main });
    await expect(kkNav.getByRole('link', { name: kk.nav.roadmap })).toBeVisible();
    await expect(kkNav.getByRole('link', { name: kk.nav.dashboard })).toBeVisible();
    await expect(page.getByRole('heading', { level: 1, name: kk.roadmap.title })).toBeVisible();
    await expect(page.getByRole('button', { name: kk.roadmap.expandAll })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'kk');
    expect((await apiGet<{ user: User }>(page, '/session')).user.locale).toBe('kk');

    await page.reload();
    await expect(kkNav.getByRole('link', { name: kk.nav.roadmap })).toBeVisible();
    // saved for the user, not only in this browser: without the browser's memory it comes back
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await expect(kkNav.getByRole('link', { name: kk.nav.timeline })).toBeVisible();
    await expect(page.getByRole('heading', { level: 1, name: kk.roadmap.title })).toBeVisible();

    // English
    await page.getByLabel(kk.nav.language).selectOption('en');
    const enNav = page.getByRole('navigation', { name: en.nav.main });
    await expect(enNav.getByRole('link', { name: en.nav.roadmap })).toBeVisible();
    await expect(enNav.getByRole('link', { name: en.nav.agreements })).toBeVisible();
    await expect(page.getByRole('heading', { level: 1, name: en.roadmap.title })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect.poll(async () => (await apiGet<{ user: User }>(page, '/session')).user.locale).toBe('en');

    await page.reload();
    await expect(enNav.getByRole('link', { name: en.nav.roadmap })).toBeVisible();
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1, name: en.dashboard.title })).toBeVisible();
    await expect(page.getByRole('region', { name: en.dashboard.byStatus })).toContainText(
      en.enums.status.in_progress,
    );
  } finally {
    // the other tests expect this user in Russian
    await page.request.patch('/api/v1/me', { data: { locale: 'ru' } });
  }
});
