/** The header search: type, see hits grouped by kind, open one with the keyboard; also on a phone. */
import type { Page } from '@playwright/test';
import { expect, expectNoSeriousA11yViolations, ru, settled, signIn, test, USERS } from './fixtures';

const box = (page: Page) => page.getByRole('searchbox', { name: ru.search.label, exact: true });

test('search: «Минтранс» lists the ministries and their measures; Enter opens the first', async ({
  page,
}) => {
  await signIn(page, USERS.viewer);
  await page.goto('/');
  await settled(page);
  await box(page).fill('Минтранс');
  const list = page.getByRole('listbox');
  await expect(list.getByText(ru.search.organisations)).toBeVisible();
  await expect(
    list.getByRole('option', { name: /Министерство транспорта Республики Казахстан/ }),
  ).toBeVisible();
  await expect(list.getByText(ru.search.measures)).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'the header search with results');
  // Enter with nothing highlighted opens the first hit: the best measure
  const first = list.getByRole('option').first();
  const firstText = (await first.textContent()) ?? '';
  const code = firstText.match(/^[\d.]+/)?.[0];
  expect(code).toBeTruthy();
  await box(page).press('Enter');
  await expect(page).toHaveURL(/\/measures\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(code!);
});

test('search: «железной дороги» finds the railway measures; arrows pick one', async ({ page }) => {
  await signIn(page, USERS.coordinatorKz);
  await page.goto('/agreements');
  await settled(page);
  await box(page).fill('железной дороги');
  const list = page.getByRole('listbox');
  const rail = list.getByRole('option', { name: /Модернизация железнодорожной сети/ });
  await expect(rail).toBeVisible();
  // walk down to it with the arrow keys, then Enter
  const options = await list.getByRole('option').allTextContents();
  const index = options.findIndex((o) => o.includes('Модернизация железнодорожной сети'));
  for (let i = 0; i <= index; i++) await box(page).press('ArrowDown');
  await box(page).press('Enter');
  await expect(page).toHaveURL(/\/measures\//);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Модернизация железнодорожной сети');
});

test('search: says so when nothing is found', async ({ page }) => {
  await signIn(page, USERS.viewer);
  await page.goto('/');
  await settled(page);
  await box(page).fill('zzzqqq');
  await expect(page.getByText(ru.search.nothing)).toBeVisible();
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  test('search: the box fits the header and its results fit the screen', async ({ page }) => {
    await signIn(page, USERS.viewer);
    await page.goto('/');
    await settled(page);
    await box(page).fill('Севморпуть');
    const option = page.getByRole('listbox').getByRole('option').first();
    await expect(option).toBeVisible();
    const optionBox = await option.boundingBox();
    expect(optionBox!.x).toBeGreaterThanOrEqual(0);
    expect(optionBox!.x + optionBox!.width).toBeLessThanOrEqual(391);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(
      true,
    );
    await option.click();
    await expect(page).toHaveURL(/\/measures\//);
  });
});
