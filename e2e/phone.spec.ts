/** A 390 × 844 phone: the navigation is behind the burger, the dashboard reads without sideways scrolling. */
import type { Page } from '@playwright/test';
import {
  defaultRoadmap,
  expect,
  expectNoSeriousA11yViolations,
  getSummary,
  ru,
  settled,
  signIn,
  test,
  USERS,
} from './fixtures';

test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

const noSidewaysScroll = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);

test('phone: the burger opens the navigation and the dashboard is readable', async ({ page }) => {
  await signIn(page, USERS.coordinatorKz);
  const roadmap = await defaultRoadmap(page);
  const summary = await getSummary(page, roadmap.id);

  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: ru.dashboard.title })).toBeVisible();
  await settled(page);
  // the desktop links are hidden; the burger is there instead
  await expect(page.getByRole('link', { name: ru.nav.roadmap })).toBeHidden();
  const burger = page.getByRole('button', { name: ru.nav.openMenu });
  await expect(burger).toBeVisible();

  // the figures are on screen, as large as on the desktop, without sideways scrolling
  const counts = page.getByTestId('status-counts');
  await counts.scrollIntoViewIfNeeded();
  for (const [status, n] of Object.entries(summary.leaves.byStatus)) {
    await expect(counts.locator(`[data-status-count="${status}"]`)).toHaveText(String(n));
  }
  const box = await counts.boundingBox();
  expect(box!.width).toBeLessThanOrEqual(390);
  expect(await noSidewaysScroll(page)).toBe(true);
  await expectNoSeriousA11yViolations(page, 'the dashboard on a phone');

  // open the menu and go to the roadmap
  await burger.click();
  await expect(page.getByRole('button', { name: ru.nav.closeMenu })).toHaveAttribute('aria-expanded', 'true');
  const nav = page.getByRole('navigation', { name: ru.nav.main });
  await expect(nav.getByRole('link', { name: ru.nav.agreements })).toBeVisible();
  await nav.getByRole('link', { name: ru.nav.roadmap }).click();
  await expect(page).toHaveURL(/\/roadmap/);
  await expect(page.getByRole('heading', { level: 1, name: ru.roadmap.title })).toBeVisible();
  // the menu closed itself after the choice
  await expect(page.getByRole('button', { name: ru.nav.openMenu })).toBeVisible();
  await expect(page.getByRole('treegrid', { name: ru.roadmap.tableLabel })).toBeVisible();
  expect(await noSidewaysScroll(page)).toBe(true);

  // and back to the dashboard through the menu
  await page.getByRole('button', { name: ru.nav.openMenu }).click();
  await page
    .getByRole('navigation', { name: ru.nav.main })
    .getByRole('link', { name: ru.nav.dashboard })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: ru.dashboard.title })).toBeVisible();
});
