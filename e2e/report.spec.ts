/**
 * The commission report and the deadline calendar in the browser: the report dialog on the
 * dashboard downloads a PDF (and passes axe, at 1280 and 390 px); the profile makes a secret
 * calendar URL that a calendar can read, and revoking it makes it answer 404.
 */
import { readFileSync } from 'node:fs';
import {
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

test('the dashboard downloads the commission report as PDF from its dialog', async ({ page }, info) => {
  await signIn(page, USERS.coordinatorKz);
  const roadmap = await defaultRoadmap(page);
  await page.goto(`/?roadmap=${roadmap.id}`);
  // the buttons come with the summary: the first read of a day recounts the flags, slow on a busy machine
  const pdf = page.getByRole('button', { name: ru.commissionReport.pdf });
  await expect(pdf).toBeVisible({ timeout: 30_000 });
  await settled(page);
  await pdf.click();
  const dialog = page.getByRole('dialog', { name: ru.commissionReport.title });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel(ru.commissionReport.since).fill('01.01.2026');
  await expectNoSeriousA11yViolations(page, 'the commission report dialog');
  await page.screenshot({ path: info.outputPath('report-dialog-1280.png') });
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    dialog.getByRole('button', { name: ru.commissionReport.download }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(
    /^Отчёт о ходе выполнения дорожной карты \d{4}-\d{2}-\d{2}\.pdf$/,
  );
  const file = info.outputPath('report.pdf');
  await download.saveAs(file);
  expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
  await expect(dialog).toBeHidden();

  // the dialog fits a phone
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole('button', { name: ru.commissionReport.docx }).click();
  await expect(dialog).toBeVisible();
  await expectNoSidewaysScroll(page, 'the report dialog at 390 px');
  await page.screenshot({ path: info.outputPath('report-dialog-390.png') });
});

test('the profile makes a calendar URL a calendar can read, and revoking it closes it', async ({
  page,
}, info) => {
  await signIn(page, USERS.reporterKz);
  await page.goto('/profile');
  await settled(page);
  const section = page.getByRole('region', { name: ru.calendarFeed.title });
  await expect(section).toContainText(ru.calendarFeed.none);
  await section.getByRole('button', { name: ru.calendarFeed.create }).click();
  const url = (await section.getByLabel(ru.calendarFeed.url, { exact: true }).textContent())!.trim();
  expect(url).toMatch(/\/api\/v1\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
  await expectNoSeriousA11yViolations(page, 'the profile with a calendar URL');
  await page.screenshot({ path: info.outputPath('calendar-1280.png'), fullPage: true });
  // a calendar has no cookies: a fresh request context reads the feed by its URL alone
  const feed = await page.context().request.fetch(new URL(url).pathname, { headers: { cookie: '' } });
  expect(feed.status()).toBe(200);
  expect(feed.headers()['content-type']).toBe('text/calendar; charset=utf-8');
  expect(await feed.text()).toMatch(/^BEGIN:VCALENDAR\r\n[\s\S]*BEGIN:VEVENT[\s\S]*END:VCALENDAR\r\n$/);

  await page.setViewportSize({ width: 390, height: 844 });
  // the layout follows the new width on the next render
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.screenshot({ path: info.outputPath('calendar-390.png'), fullPage: true });
  await section.getByRole('button', { name: ru.calendarFeed.revoke }).click();
  const confirm = page.getByRole('dialog', { name: ru.calendarFeed.revokeTitle });
  await confirm.getByRole('button', { name: ru.calendarFeed.revoke }).click();
  await expect(section).toContainText(ru.calendarFeed.none);
  expect((await page.context().request.fetch(new URL(url).pathname)).status()).toBe(404);
});
