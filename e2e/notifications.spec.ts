/**
 * Notifications in the browser: after an admin reopens a past period and runs the reminders,
 * a reporter sees the count on the bell, opens the popover, follows a notification to its
 * measure (it turns read) and marks all read on the notifications page; another sets
 * preferences in the profile. Axe-clean, and the header and profile fit a 390 px phone.
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
  expectNoSidewaysScroll,
} from './fixtures';

const unreadLabel = /^Уведомления: \d+ непрочитанн/;

test('a reporter is reminded of an overdue report, follows it from the bell and marks all read', async ({
  page,
}, testInfo) => {
  // a whole journey (reopen, run the reminders, bell, page, phone): more than the default minute on a busy machine
  test.slow();
  await signIn(page, USERS.admin);
  const roadmap = await defaultRoadmap(page);
  const { data: periods } = await apiGet<{ data: Period[] }>(page, `/roadmaps/${roadmap.id}/periods`);
  const first = periods[0];
  if (first.state !== 'open') {
    const r = await page.request.post(`/api/v1/periods/${first.id}/reopen`, {
      data: { version: first.version, reason: 'Сбор просроченных отчётов' },
    });
    expect(r.status(), await r.text()).toBe(200);
  }
  // a measure of the reporter's organisation that nobody has reported on for that period
  const { data: found } = await apiGet<{ data: { organisationId: string }[] }>(page, '/users', {
    q: USERS.reporterKz.email,
  });
  const created = await page.request.post('/api/v1/measures', {
    data: {
      roadmapId: roadmap.id,
      title: { ru: 'Подготовить сводку для напоминания' },
      startDate: first.startDate,
      dueDate: '2026-12-31',
      completionForm: 'event_held',
      responsible: [{ organisationId: found[0].organisationId, role: 'lead' }],
      reason: 'Мероприятие для проверки напоминаний',
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const unreported = (await created.json()) as { code: string };
  const run = await page.request.post('/api/v1/jobs/notifications-reminders/run', { data: {} });
  expect(run.status(), await run.text()).toBe(202);

  await signIn(page, USERS.reporterKz);
  // the job runs in the background: wait until its reminder about that measure is there
  await expect
    .poll(
      async () => {
        const { data } = await apiGet<{ data: { kind: string; title: string }[] }>(page, '/notifications', {
          unread: 'true',
          limit: 100,
        });
        return data.some((n) => n.kind === 'report_overdue' && n.title.includes(unreported.code));
      },
      { timeout: 20_000 },
    )
    .toBe(true);
  const before = (await apiGet<{ count: number }>(page, '/notifications/unread-count')).count;

  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/');
  const bell = page.getByTestId('notification-bell');
  await expect(bell).toHaveAttribute('aria-label', unreadLabel);
  await bell.click();
  const dialog = page.getByRole('dialog', { name: ru.notify.title });
  // other journeys of the suite may have told this reporter of other things meanwhile
  const overdue = dialog
    .getByTestId('notification')
    .filter({ hasText: 'просрочен' })
    .filter({ hasText: unreported.code })
    .first();
  await expect(overdue).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'the notifications popover');
  await page.screenshot({ path: testInfo.outputPath('bell-1280.png') });

  // following one opens its measure and marks it read
  await overdue.getByRole('link').click();
  await expect(page).toHaveURL(/\/measures\/[0-9a-f-]{36}$/);
  await expect
    .poll(async () => (await apiGet<{ count: number }>(page, '/notifications/unread-count')).count)
    .toBe(before - 1);

  await page.goto('/notifications');
  await expect(page.getByRole('heading', { level: 1, name: ru.notify.title })).toBeVisible();
  await settled(page);
  await expectNoSeriousA11yViolations(page, 'the notifications page');
  await page.getByRole('button', { name: ru.notify.markAllRead }).click();
  await expect(bell).toHaveAttribute('aria-label', ru.notify.bell);
  await page.getByLabel(ru.notify.unreadOnly).check();
  await expect(page.getByText(ru.notify.emptyUnread)).toBeVisible();

  // on a phone the header keeps the bell and nothing scrolls sideways
  await page.setViewportSize({ width: 390, height: 800 });
  await page.goto('/notifications');
  await settled(page);
  await expect(bell).toBeVisible();
  // the layout follows the new width on the next render
  await expect
    .poll(() => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1))
    .toBe(true);
  await bell.click();
  await expect(dialog).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
  await page.screenshot({ path: testInfo.outputPath('bell-390.png') });
});

test('a reporter chooses which notifications come and how, in the profile', async ({ page }, testInfo) => {
  await signIn(page, USERS.reporterRu);
  await page.goto('/profile');
  // the overdue reminders come in the daily digest from now on
  const prefs = page.getByRole('region', { name: ru.notify.prefs.title });
  const kind = ru.notify.kinds.report_overdue;
  await prefs.getByRole('combobox', { name: ru.notify.prefs.emailLabel.replace('{{kind}}', kind) }).click();
  await page.getByRole('option', { name: ru.notify.email.digest }).click();
  await prefs
    .getByRole('switch', {
      name: ru.notify.prefs.enabledLabel.replace('{{kind}}', ru.notify.kinds.comment_mention),
    })
    .uncheck({ force: true });
  await prefs.getByRole('button', { name: ru.notify.prefs.save }).click();
  await expect(page.getByText(ru.notify.prefs.saved)).toBeVisible();
  const saved = await apiGet<{ data: { kind: string; enabled: boolean; email: string }[] }>(
    page,
    '/me/notification-preferences',
  );
  expect(saved.data).toContainEqual({ kind: 'report_overdue', enabled: true, email: 'digest' });
  expect(saved.data).toContainEqual({ kind: 'comment_mention', enabled: false, email: 'immediate' });
  await expectNoSeriousA11yViolations(page, 'the profile with notification preferences');
  await page.screenshot({ path: testInfo.outputPath('profile-1280.png'), fullPage: true });

  await page.setViewportSize({ width: 390, height: 800 });
  await settled(page);
  await expectNoSidewaysScroll(page, 'the profile at 390 px');
  await page.screenshot({ path: testInfo.outputPath('profile-390.png'), fullPage: true });
});
