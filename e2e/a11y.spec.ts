/**
 * axe-core on every page (WCAG 2.1 A/AA and best practices): no serious or critical
 * violation. Each page is checked with its data loaded, as the user who sees the most of it
 * (edit form open, a row selected), since a closed form hides its controls from axe.
 */
import type { Page } from '@playwright/test';
import type { Agreement } from '../src/contracts';
import {
  apiGet,
  type DemoUser,
  expect,
  expectNoSeriousA11yViolations,
  measureByCode,
  ru,
  settled,
  signIn,
  test,
  USERS,
} from './fixtures';

const h1 = (page: Page) => page.getByRole('heading', { level: 1 });

async function open(page: Page, user: DemoUser, path: string | ((page: Page) => Promise<string>)) {
  await signIn(page, user);
  await page.goto(typeof path === 'string' ? path : await path(page));
  await expect(h1(page)).toBeVisible();
  await settled(page);
}

test('a11y: sign-in page, also with an error shown', async ({ page }) => {
  await page.goto('/sign-in');
  await expect(h1(page)).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'the sign-in page');
  await page.getByLabel(ru.auth.email).fill(USERS.viewer.email);
  await page.getByLabel(ru.auth.password, { exact: true }).fill('wrong-password');
  await page.getByRole('button', { name: ru.auth.submit }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'the sign-in page with an error');
});

test('a11y: dashboard', async ({ page }) => {
  await open(page, USERS.coordinatorKz, '/');
  await expect(page.getByTestId('status-counts')).toBeVisible();
  await expect(page.getByTestId('overdue-list')).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'the dashboard');
});

test('a11y: agreements list', async ({ page }) => {
  await open(page, USERS.viewer, '/agreements');
  await expect(page.getByTestId('agreements-table')).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'the agreements list');
});

test('a11y: agreement page', async ({ page }) => {
  await open(page, USERS.viewer, async (p) => {
    const { data } = await apiGet<{ data: Agreement[] }>(p, '/agreements');
    return `/agreements/${data[0].id}`;
  });
  await expect(page.getByTestId('provision').first()).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'an agreement page');
});

test('a11y: roadmap with a row selected', async ({ page }) => {
  await open(page, USERS.coordinatorKz, '/roadmap');
  const grid = page.getByRole('treegrid', { name: ru.roadmap.tableLabel });
  await expect(grid).toBeVisible();
  await grid.getByRole('button', { name: ru.roadmap.expand.replace('{{code}}', '1.1') }).click();
  await grid.getByRole('checkbox', { name: ru.roadmap.selectRow.replace('{{code}}', '1.1.1') }).check();
  await expect(page.getByRole('region', { name: ru.bulk.title })).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'the roadmap table');
});

test('a11y: measure page with the edit form open', async ({ page }) => {
  await open(page, USERS.coordinatorKz, async (p) => `/measures/${(await measureByCode(p, '9.2.KZ1')).id}`);
  await page.getByRole('button', { name: ru.measure.edit }).click();
  await expect(page.getByRole('form', { name: ru.measure.editTitle })).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'a measure page with its edit form');
});

test('a11y: timeline', async ({ page }) => {
  await open(page, USERS.viewer, '/timeline');
  await expect(page.getByLabel(ru.timeline.chartLabel, { exact: true })).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'the timeline');
});

test('a11y: admin organisations', async ({ page }) => {
  await open(page, USERS.admin, '/admin/organisations');
  await expect(page.getByTestId('organisations-table')).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'the organisations page');
});

test('a11y: admin users with the new-user form open', async ({ page }) => {
  await open(page, USERS.admin, '/admin/users');
  await expect(page.getByTestId('users-table')).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'the users page');
  await page.getByRole('button', { name: ru.admin.newUser }).click();
  await expect(page.getByRole('dialog', { name: ru.admin.newUser })).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'the new-user dialog');
});

test('a11y: profile', async ({ page }) => {
  await open(page, USERS.reporterKz, '/profile');
  await expectNoSeriousA11yViolations(page, 'the profile page');
});
