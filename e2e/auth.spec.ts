/** Signing in and out: clear errors, landing on the dashboard, deep links kept across sign-in. */
import { apiGet, expect, ru, signIn, signInWithForm, test, USERS } from './fixtures';

test('a wrong password is refused with a clear error and the form stays', async ({ page }) => {
  await page.goto('/sign-in');
  await expect(page.getByRole('heading', { level: 1, name: ru.auth.title })).toBeVisible();
  await signInWithForm(page, USERS.reporterKz.email, 'not-the-password');

  const alert = page.getByRole('alert').filter({ hasText: ru.auth.failed });
  await expect(alert).toBeVisible();
  // the reason in words, in the language of the page (Russian here), not a code or "[object Object]"
  await expect(alert).toContainText(ru.auth.wrongCredentials);
  await expect(alert).not.toContainText('[object Object]');
  await expect(page).toHaveURL(/\/sign-in/);
  await expect(page.getByLabel(ru.auth.email)).toHaveValue(USERS.reporterKz.email);
  // still signed out
  const session = await page.request.get('/api/v1/session');
  expect(session.status()).toBe(401);
});

test('empty fields are named before anything is sent', async ({ page }) => {
  await page.goto('/sign-in');
  await page.getByRole('button', { name: ru.auth.submit }).click();
  await expect(page.getByText(ru.common.required)).toHaveCount(2);
  await expect(page).toHaveURL(/\/sign-in/);
});

test('the right password lands on the dashboard as that user', async ({ page }) => {
  await page.goto('/');
  // signed out: the app sends us to sign-in
  await expect(page).toHaveURL(/\/sign-in/);
  await signInWithForm(page, USERS.coordinatorKz.email, USERS.coordinatorKz.password);

  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('heading', { level: 1, name: ru.dashboard.title })).toBeVisible();
  await expect(page.getByTestId('status-counts')).toBeVisible();
  const me = await apiGet<{ user: { email: string; name: string } }>(page, '/session');
  expect(me.user.email).toBe(USERS.coordinatorKz.email);
  await expect(
    page.getByRole('button', { name: ru.nav.userMenu.replace('{{name}}', me.user.name) }),
  ).toBeVisible();
});

test('a deep link opened while signed out comes back after sign-in', async ({ page }) => {
  const deep = '/roadmap?status=in_progress&view=flat';
  await page.goto(deep);
  await expect(page).toHaveURL(/\/sign-in\?/);
  expect(new URL(page.url()).searchParams.get('next')).toBe(deep);

  await signInWithForm(page, USERS.viewer.email, USERS.viewer.password);
  await expect(page).toHaveURL((url) => url.pathname + url.search === deep);
  await expect(page.getByRole('heading', { level: 1, name: ru.roadmap.title })).toBeVisible();
  await expect(page.getByRole('treegrid', { name: ru.roadmap.tableLabel })).toBeVisible();
});

test('sign out from the user menu ends the session', async ({ page }) => {
  const me = await signIn(page, USERS.reporterRu);
  await page.goto('/agreements');
  await expect(page.getByRole('heading', { level: 1, name: ru.agreements.title })).toBeVisible();

  await page.getByRole('button', { name: ru.nav.userMenu.replace('{{name}}', me.name) }).click();
  await page.getByRole('menuitem', { name: ru.nav.signOut }).click();

  await expect(page).toHaveURL(/\/sign-in/);
  await expect(page.getByText(ru.auth.signedOut)).toBeVisible();
  expect((await page.request.get('/api/v1/session')).status()).toBe(401);
  // the pages are closed again
  await page.goto('/agreements');
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fagreements/);
});
