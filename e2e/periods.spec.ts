/**
 * Reporting periods on the roadmap page (admin): add the missing calendar periods, close one,
 * reopen it with a reason; the section and its dialog pass axe. Others never see the section.
 */
import type { Period } from '../src/contracts';
import {
  apiGet,
  defaultRoadmap,
  expect,
  expectNoSeriousA11yViolations,
  ru,
  settled,
  signIn,
  test,
  USERS,
} from './fixtures';

test('an admin sees the periods, adds none twice, closes one and reopens it with a reason', async ({
  page,
}) => {
  await signIn(page, USERS.admin);
  const roadmap = await defaultRoadmap(page);
  await page.goto(`/roadmap?roadmap=${roadmap.id}`);
  const section = page.getByRole('region', { name: ru.periods.title });
  await expect(section).toBeVisible();
  await settled(page);

  // the demo roadmap is approved, so its periods are there from the first start
  await expect(section.getByRole('row').nth(1)).toBeVisible();
  const { data } = await apiGet<{ data: Period[] }>(page, `/roadmaps/${roadmap.id}/periods`);
  expect(data.length).toBeGreaterThan(0);
  // adding the missing ones adds none twice
  await section.getByRole('button', { name: ru.periods.generate }).click();
  await settled(page);
  const again = await apiGet<{ data: Period[] }>(page, `/roadmaps/${roadmap.id}/periods`);
  expect(again.data.map((p) => p.code)).toEqual(data.map((p) => p.code));
  // the last one is ahead of today, so it is still open whatever the schedule did
  const ahead = data[data.length - 1];
  expect(ahead.state).toBe('open');
  const row = section.getByTestId(`period-${ahead.code}`);
  await expect(row).toContainText(ru.periods.states.open);
  await expectNoSeriousA11yViolations(page, 'the roadmap page with its periods');

  await row.getByRole('button', { name: ru.periods.closeLabel.replace('{{code}}', ahead.code) }).click();
  await expect(row).toContainText(ru.periods.states.closed);

  await row.getByRole('button', { name: ru.periods.reopenLabel.replace('{{code}}', ahead.code) }).click();
  const dialog = page.getByRole('dialog', { name: ru.periods.reopenTitle.replace('{{code}}', ahead.code) });
  await dialog.getByLabel(ru.periods.reason).fill('Закрыт по ошибке');
  await expectNoSeriousA11yViolations(page, 'the reopen dialog');
  await dialog.getByRole('button', { name: ru.periods.reopen }).click();
  await expect(dialog).toBeHidden();
  await expect(row).toContainText(ru.periods.states.open);
  const after = await apiGet<{ data: Period[] }>(page, `/roadmaps/${roadmap.id}/periods`);
  expect(after.data.find((p) => p.id === ahead.id)).toMatchObject({
    state: 'open',
    version: ahead.version + 2,
  });
});

test('a coordinator sees no periods section', async ({ page }) => {
  await signIn(page, USERS.coordinatorKz);
  await page.goto('/roadmap');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await settled(page);
  await expect(page.getByRole('region', { name: ru.periods.title })).toHaveCount(0);
});
